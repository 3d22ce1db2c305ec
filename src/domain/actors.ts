/**
 * Actors as the audit trail and assignment events store them (`user:<uuid>`, `system:<name>`,
 * `anonymous`; see policy.ts actorName): read back in this one place.
 */
import type { ActorKind } from '../contract/enums';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface StoredActor {
  kind: ActorKind;
  /** The user's id for a person, else null. */
  userId: string | null;
}

export function readStoredActor(stored: string): StoredActor {
  if (stored.startsWith('user:')) {
    const id = stored.slice('user:'.length);
    return UUID.test(id) ? { kind: 'user', userId: id } : { kind: 'anonymous', userId: null };
  }
  if (stored.startsWith('system:')) return { kind: 'system', userId: null };
  return { kind: 'anonymous', userId: null };
}

/** The who of one event as the contract's state events carry it (the name where shown). */
export function eventActor(stored: string, name: string | null) {
  const { kind, userId } = readStoredActor(stored);
  return { actor: stored, actorKind: kind, actorId: userId, actorName: name };
}
