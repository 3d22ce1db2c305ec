/** The names of the people behind stored actors, in one query for a whole history. */
import { inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { storedUserId, type StoredActor } from '../domain/actors';

/** The people among `stored` and their names; `nameOf` reads them back. */
export async function actorNames(db: Db, stored: readonly StoredActor[]): Promise<ActorNames> {
  const ids = [...new Set(stored.map(storedUserId).filter((id) => id !== null))];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(rows.map((u) => [u.id, u.name]));
}

/** User id → name. */
export type ActorNames = ReadonlyMap<string, string>;

/** The name of a stored actor who is a person, else null. */
export function nameOf(names: ActorNames, stored: StoredActor): string | null {
  const id = storedUserId(stored);
  return id === null ? null : (names.get(id) ?? null);
}
