/** The names of the people behind stored actors, in one query for a whole history. */
import { inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { readStoredActor } from '../domain/actors';

/** Stored actor (`user:<id>`) → the person's name; actors that are not people are left out. */
export async function actorNames(db: Db, stored: readonly string[]): Promise<Map<string, string>> {
  const ids = [
    ...new Set(stored.map((s) => readStoredActor(s).userId).filter((id) => id !== null)),
  ];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(rows.map((u) => [`user:${u.id}`, u.name]));
}
