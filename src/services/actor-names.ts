/**
 * The names of the people and API clients behind stored actors, in one query for a whole
 * history (a client shows as its registered name, not `client:<id>`).
 */
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { apiClients, users } from '../db/schema';
import { actorLabel, type StoredActor } from '../domain/actors';

/** Whose names are looked up: people and API clients (by their row ids, uuids). */
const named = (s: StoredActor) =>
  (s.kind === 'user' || s.kind === 'client') && s.id !== null && UUID.test(s.id);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The people and clients among `stored` and their names; `nameOf` reads them back. */
export async function actorNames(db: Db, stored: readonly StoredActor[]): Promise<ActorNames> {
  const wanted = stored.filter(named);
  const userIds = [...new Set(wanted.filter((s) => s.kind === 'user').map((s) => s.id!))];
  const clientIds = [...new Set(wanted.filter((s) => s.kind === 'client').map((s) => s.id!))];
  if (userIds.length === 0 && clientIds.length === 0) return new Map();
  const byKind = (kind: 'user' | 'client', ids: string[]) =>
    kind === 'user'
      ? db
          .select({ kind: sql<string>`'user'`, id: users.id, name: users.name })
          .from(users)
          .where(inArray(users.id, ids.length > 0 ? ids : [NO_ID]))
      : db
          .select({ kind: sql<string>`'client'`, id: apiClients.id, name: apiClients.name })
          .from(apiClients)
          .where(inArray(apiClients.id, ids.length > 0 ? ids : [NO_ID]));
  const rows = await byKind('user', userIds).unionAll(byKind('client', clientIds));
  return new Map(rows.map((r) => [`${r.kind}:${r.id}`, r.name]));
}

/** A uuid no row has, for a side of the union with nothing to look up. */
const NO_ID = '00000000-0000-0000-0000-000000000000';

/** `user:<id>` or `client:<id>` → name. */
export type ActorNames = ReadonlyMap<string, string>;

/** The name of a stored actor who is a person or an API client, else null. */
export function nameOf(names: ActorNames, stored: StoredActor): string | null {
  return named(stored) ? (names.get(actorLabel(stored)) ?? null) : null;
}
