/**
 * Migration 0004/0005: actors stored as `user:<id>` / `system:<name>` / `anonymous` strings
 * become a kind and an id. Rows written before it are read back the same after it, and the
 * audit chain written before it still verifies (it hashes the label, which it keeps).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsFolder, queryRows, type Db } from '../db/client';
import * as schema from '../db/schema';
import { GENESIS_HASH, entryHash, verifyAudit, type Hashable } from './audit';

/** The migrations folder as it was before the actor columns (0000–0003). */
function foldersBefore(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tildel-migrations-'));
  cpSync(migrationsFolder, dir, { recursive: true });
  const journalPath = join(dir, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as {
    entries: { tag: string }[];
  };
  const upTo = journal.entries.findIndex((e) => e.tag.startsWith(tag));
  journal.entries = journal.entries.slice(0, upTo);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

describe('migration of stored actors to kind and id', () => {
  const client = new PGlite({ extensions: { pg_trgm } });
  afterAll(() => client.close());

  it('backfills every kind of actor and keeps the audit chain valid', async () => {
    const raw = drizzle(client, { schema });
    const db = raw as unknown as Db;
    await migrate(raw, { migrationsFolder: foldersBefore('0004') });

    const userId = '6f1c2b3a-0000-4000-8000-00000000abcd';
    const labels = [`user:${userId}`, 'system:sample-data', 'anonymous'];
    let prev = GENESIS_HASH;
    for (const [i, actor] of labels.entries()) {
      const e: Hashable = {
        seq: i + 1,
        at: new Date(Date.UTC(2026, 0, i + 1)),
        actor,
        action: 'test.write',
        objectType: 'test',
        objectId: String(i),
        before: null,
        after: { i },
        prevHash: prev,
      };
      const hash = entryHash(e);
      await db.execute(sql`insert into audit_log (seq, at, actor, action, object_type, object_id, before, after, prev_hash, hash)
        values (${e.seq}, ${e.at}, ${e.actor}, ${e.action}, ${e.objectType}, ${e.objectId}, null, ${JSON.stringify(e.after)}::jsonb, ${e.prevHash}, ${hash})`);
      prev = hash;
    }
    await db.execute(
      sql`insert into audit_head (id, seq, hash) values (1, ${labels.length}, ${prev})`,
    );
    await db.execute(sql`insert into calendar_feeds (token_hash, scope, scope_id, label, created_by)
      values ('h1', 'person', ${userId}, 'mine', ${`user:${userId}`}), ('h2', 'agency', 'x', 'cli', 'system:cli')`);

    await migrate(raw, { migrationsFolder });

    const audit = await queryRows<{ actor: string; actor_kind: string; actor_id: string | null }>(
      db,
      sql`select actor, actor_kind, actor_id from audit_log order by seq`,
    );
    expect(audit).toEqual([
      { actor: `user:${userId}`, actor_kind: 'user', actor_id: userId },
      { actor: 'system:sample-data', actor_kind: 'system', actor_id: 'sample-data' },
      { actor: 'anonymous', actor_kind: 'anonymous', actor_id: null },
    ]);
    expect(await verifyAudit(db)).toMatchObject({ ok: true, entries: 3 });

    const feeds = await queryRows<{
      label: string;
      created_by_kind: string;
      created_by_id: string;
    }>(db, sql`select label, created_by_kind, created_by_id from calendar_feeds order by label`);
    expect(feeds).toEqual([
      { label: 'cli', created_by_kind: 'system', created_by_id: 'cli' },
      { label: 'mine', created_by_kind: 'user', created_by_id: userId },
    ]);

    // A stored actor that no longer agrees with the label the hash covers is named.
    await db.execute(sql`update audit_log set actor_id = 'someone-else' where seq = 2`);
    expect((await verifyAudit(db)).broken).toEqual({
      seq: 2,
      reason: 'entry 2 was changed after it was written',
    });
  });
});
