/**
 * Actors as rows store them: a kind and an id (the user's id for a person, the process's name
 * for the system, the registered client's row id for an API client, none for an anonymous
 * visitor). Written and read back only through this file. The audit trail also hashes the
 * actor's label (`user:<id>`, `system:<name>`, `client:<id>`, `anonymous`), which `actorLabel`
 * gives.
 */
import type { ActorKind } from '../contract/enums';
import type { Actor } from './policy';

export interface StoredActor {
  kind: ActorKind;
  /** The user's id for a person, the process's name for the system, else null. */
  id: string | null;
}

/** How an actor is stored. */
export function storeActor(actor: Actor): StoredActor {
  switch (actor.kind) {
    case 'anonymous':
      return { kind: 'anonymous', id: null };
    case 'system':
      return { kind: 'system', id: actor.name };
    case 'user':
      return { kind: 'user', id: actor.id };
    case 'client':
      // The registered client's row id (api_clients.id), which outlives its secrets.
      return { kind: 'client', id: actor.id };
  }
}

/** The stored actor as the `actor_kind` / `actor_id` columns hold it. */
export function actorColumns(actor: Actor): { actorKind: ActorKind; actorId: string | null } {
  const { kind, id } = storeActor(actor);
  return { actorKind: kind, actorId: id };
}

/** A row's `actor_kind` / `actor_id` columns, read back. */
export function storedActorOf(row: { actorKind: ActorKind; actorId: string | null }): StoredActor {
  return { kind: row.actorKind, id: row.actorId };
}

/** The one-string form of a stored actor, as the audit trail hashes and shows it. */
export function actorLabel(stored: StoredActor): string {
  if (stored.kind === 'anonymous' || stored.id === null) return 'anonymous';
  return `${stored.kind}:${stored.id}`;
}

/** The name a row shows for who acted: a person's name, else the actor's label. */
export function actorName(actor: Actor): string {
  return actor.kind === 'user' || actor.kind === 'client'
    ? actor.name
    : actorLabel(storeActor(actor));
}

/** The user's id when the stored actor is a person, else null. */
export function storedUserId(stored: StoredActor): string | null {
  return stored.kind === 'user' ? stored.id : null;
}

/** The who of one event as the contract's state events carry it (the name where shown). */
export function eventActor(stored: StoredActor, name: string | null) {
  return {
    actor: actorLabel(stored),
    actorKind: stored.kind,
    actorId: storedUserId(stored),
    actorName: name,
  };
}
