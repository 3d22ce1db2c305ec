import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/client';
import { testDatabase, testDatabaseKind } from '../db/testing';
import { buildDocument, storeDocuments } from '../testing/factories';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { organisations } from '../db/schema';
import type { Actor } from '../domain/policy';
import { UnauditedWriteError, appendAudit, audited, verifyAudit } from './audit';

describe(`audit trail (${testDatabaseKind})`, () => {
  it('records every import and verifies; an edited entry is named', async () => {
    const { db } = await testDatabase();
    await storeDocuments(db, [buildDocument()]);
    await storeDocuments(db, [buildDocument()]);
    const ok = await verifyAudit(db);
    expect(ok.ok).toBe(true);
    expect(ok.entries).toBeGreaterThanOrEqual(2);
    // The uploaded file is a change of its own: stored once, recorded once.
    const files = await queryRows<{ action: string }>(
      db,
      sql`select action from audit_log where action = 'source-file.store'`,
    );
    expect(files.length).toBeGreaterThanOrEqual(1);

    const [victim] = await queryRows<{ seq: number }>(
      db,
      sql`select seq::int as seq from audit_log order by seq desc limit 1 offset 1`,
    );
    await db.execute(sql`update audit_log set actor = 'someone-else' where seq = ${victim!.seq}`);
    const broken = await verifyAudit(db);
    expect(broken.ok).toBe(false);
    expect(broken.broken).toEqual({
      seq: victim!.seq,
      reason: `entry ${victim!.seq} was changed after it was written`,
    });
    // Put it back so other tests sharing this database see an intact chain.
    await db.execute(sql`update audit_log set actor = 'system:test' where seq = ${victim!.seq}`);
    expect((await verifyAudit(db)).ok).toBe(true);
  });
});

describe(`audit trail head (${testDatabaseKind})`, () => {
  it('detects removal of the last entry (tail truncation) and names it', async () => {
    const { db } = await testDatabase();
    await storeDocuments(db, [buildDocument()]);
    expect((await verifyAudit(db)).ok).toBe(true);

    const [last] = await queryRows<Record<string, unknown> & { seq: number }>(
      db,
      sql`select seq::int as seq, at, actor, actor_kind, actor_id, action, object_type, object_id, before, after, prev_hash, hash
          from audit_log order by seq desc limit 1`,
    );
    await db.execute(sql`delete from audit_log where seq = ${last!.seq}`);
    const truncated = await verifyAudit(db);
    expect(truncated.ok).toBe(false);
    expect(truncated.broken).toEqual({
      seq: last!.seq,
      reason: `entry ${last!.seq} is missing (the last entry was removed)`,
    });
    expect(truncated.head?.seq).toBe(last!.seq);

    // An append after the removal does not hide it: it continues from the head.
    await storeDocuments(db, [buildDocument()]);
    const still = await verifyAudit(db);
    expect(still.ok).toBe(false);
    expect(still.broken).toEqual({ seq: last!.seq, reason: `entry ${last!.seq} is missing` });

    // Put the entry back so other tests sharing this database see an intact chain.
    await db.execute(
      sql`insert into audit_log (seq, at, actor, actor_kind, actor_id, action, object_type, object_id, before, after, prev_hash, hash)
          values (${last!.seq}, ${last!.at as Date}, ${last!.actor as string}, ${last!.actor_kind as string},
                  ${last!.actor_id as string | null}, ${last!.action as string},
                  ${last!.object_type as string}, ${last!.object_id as string},
                  ${JSON.stringify(last!.before)}::jsonb, ${JSON.stringify(last!.after)}::jsonb,
                  ${last!.prev_hash as string}, ${last!.hash as string})`,
    );
    expect((await verifyAudit(db)).ok).toBe(true);
  });

  it('detects a removed head and a head that no longer matches the last entry', async () => {
    const { db } = await testDatabase();
    await storeDocuments(db, [buildDocument()]);
    const [head] = await queryRows<{ seq: number; hash: string }>(
      db,
      sql`select seq::int as seq, hash from audit_head`,
    );
    await db.execute(sql`update audit_head set hash = ${'f'.repeat(64)}`);
    expect((await verifyAudit(db)).broken).toEqual({
      seq: head!.seq,
      reason: `entry ${head!.seq} does not match the audit head`,
    });
    await db.execute(sql`delete from audit_head`);
    expect((await verifyAudit(db)).broken?.reason).toBe('the audit head is missing');
    await db.execute(
      sql`insert into audit_head (id, seq, hash) values (1, ${head!.seq}, ${head!.hash})`,
    );
    expect((await verifyAudit(db)).ok).toBe(true);
  });
});

describe(`audit by construction (${testDatabaseKind})`, () => {
  const SYSTEM: Actor = { kind: 'system', name: 'test' };
  const stored = async (name: string) => {
    const { db } = await testDatabase();
    return db.select().from(organisations).where(eq(organisations.name, name));
  };

  it('rolls back a transaction that wrote through its handle and recorded no entry', async () => {
    const { db } = await testDatabase();
    const name = `Urevidert ${randomUUID()}`;
    await expect(
      audited(db, async (tx) => {
        await tx.insert(organisations).values({ kind: 'agency', name });
      }),
    ).rejects.toBeInstanceOf(UnauditedWriteError);
    expect(await stored(name)).toEqual([]);
  });

  it('counts the rows raw statements and builders change, not those that only read or match nothing', async () => {
    const { db } = await testDatabase();
    const name = `Rå ${randomUUID()}`;
    await expect(
      audited(db, async (tx) => {
        await tx.execute(sql`insert into organisations (kind, name) values ('agency', ${name})`);
      }),
    ).rejects.toBeInstanceOf(UnauditedWriteError);
    expect(await stored(name)).toEqual([]);
    // A write that matched nothing changed nothing, and needs no entry.
    await expect(
      audited(db, async (tx) => {
        await tx.update(organisations).set({ shortName: 'X' }).where(eq(organisations.name, name));
        await tx.execute(sql`delete from organisations where name = ${name}`);
      }),
    ).resolves.toBeUndefined();
    // Reading needs no entry.
    await expect(
      audited(db, async (tx) => {
        await tx.execute(sql`select count(*) from organisations`);
        return tx.select().from(organisations).limit(1);
      }),
    ).resolves.toBeDefined();
  });

  it('stores a write together with its entry', async () => {
    const { db } = await testDatabase();
    const name = `Revidert ${randomUUID()}`;
    await audited(db, async (tx) => {
      const [row] = await tx
        .insert(organisations)
        .values({ kind: 'agency', name })
        .returning({ id: organisations.id });
      await appendAudit(tx, SYSTEM, {
        action: 'organisation.create',
        objectType: 'organisation',
        objectId: row!.id,
      });
    });
    expect(await stored(name)).toHaveLength(1);
    expect((await verifyAudit(db)).ok).toBe(true);
  });
});
