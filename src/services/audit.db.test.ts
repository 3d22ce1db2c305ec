import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/client';
import { testDatabase, testDatabaseKind } from '../db/testing';
import { buildDocument, storeDocuments } from '../testing/factories';
import { verifyAudit } from './audit';

describe(`audit trail (${testDatabaseKind})`, () => {
  it('records every import and verifies; an edited entry is named', async () => {
    const { db } = await testDatabase();
    await storeDocuments(db, [buildDocument()]);
    await storeDocuments(db, [buildDocument()]);
    const ok = await verifyAudit(db);
    expect(ok.ok).toBe(true);
    expect(ok.entries).toBeGreaterThanOrEqual(2);

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
