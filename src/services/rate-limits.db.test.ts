/**
 * Rate-limit budgets in the database: a fixed window per key, counted by one upsert per hit
 * (concurrent hits lose none), opened again once ended; ended windows purged in batches, never
 * a window a hit has just restarted.
 */
import { randomUUID } from 'node:crypto';
import { eq, like, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rateLimits } from '../db/schema';
import { queryRows } from '../db/client';
import { secondTestDatabaseHandle, testDatabase, testDatabaseKind } from '../db/testing';
import { hitRateLimit, purgeExpiredRateLimits } from './rate-limits';

describe(`rate-limit budgets (${testDatabaseKind})`, () => {
  it('counts hits in a window, with what is left of it, and keys apart', async () => {
    const { db } = await testDatabase();
    const key = `test:${randomUUID()}`;
    const first = await hitRateLimit(db, key, 60_000);
    expect(first.current).toBe(1);
    expect(first.ttl).toBeGreaterThan(50_000);
    expect(first.ttl).toBeLessThanOrEqual(60_000);
    expect((await hitRateLimit(db, key, 60_000)).current).toBe(2);
    expect((await hitRateLimit(db, `${key}:other`, 60_000)).current).toBe(1);
    expect((await hitRateLimit(db, key, 60_000)).current).toBe(3);
  });

  it('loses no hit when many come at once', async () => {
    const { db } = await testDatabase();
    const key = `test:${randomUUID()}`;
    const hits = await Promise.all(Array.from({ length: 25 }, () => hitRateLimit(db, key, 60_000)));
    expect(hits.map((h) => h.current).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
  });

  it('opens a new window once the old one has ended', async () => {
    const { db } = await testDatabase();
    const key = `test:${randomUUID()}`;
    await hitRateLimit(db, key, 60_000);
    await hitRateLimit(db, key, 60_000);
    await db
      .update(rateLimits)
      .set({ windowEnds: sql`now() - interval '1 second'` })
      .where(eq(rateLimits.key, key));
    const again = await hitRateLimit(db, key, 60_000);
    expect(again.current).toBe(1);
    expect(again.ttl).toBeGreaterThan(50_000);
    expect((await hitRateLimit(db, key, 60_000)).current).toBe(2);
  });

  it('commits a hit with synchronous_commit off for its own statement only', async () => {
    const { db } = await testDatabase();
    await hitRateLimit(db, `test:${randomUUID()}`, 60_000);
    // The setting was local to the hit's transaction: the connection is back to the default.
    const [after] = await queryRows<{ setting: string }>(
      db,
      sql`select current_setting('synchronous_commit') as setting`,
    );
    expect(after?.setting).toBe('on');
  });

  it('purges ended windows in batches until one comes back short, and keeps the running ones', async () => {
    const { db } = await testDatabase();
    const prefix = `purge:${randomUUID()}:`;
    await db.insert(rateLimits).values(
      Array.from({ length: 7 }, (_, i) => ({
        key: `${prefix}${i}`,
        windowEnds: sql`now() - interval '1 hour'`,
        count: 3,
      })),
    );
    await hitRateLimit(db, `${prefix}running`, 60_000);
    const keys = async () =>
      (
        await db
          .select({ key: rateLimits.key })
          .from(rateLimits)
          .where(like(rateLimits.key, `${prefix}%`))
      ).length;
    // Out of time after the first batch: one batch only.
    expect(await purgeExpiredRateLimits(db, { batchSize: 3, maxMs: 0 })).toBe(3);
    expect(await keys()).toBe(5);
    // Then batches of three until one is short: the other four (and any other file's) in one run.
    expect(await purgeExpiredRateLimits(db, { batchSize: 3 })).toBeGreaterThanOrEqual(4);
    expect(await keys()).toBe(1);
    await expect(hitRateLimit(db, 'x', 0)).rejects.toThrow(/positive/);
  });

  // Two connections at once: PGlite has one.
  it.runIf(testDatabaseKind === 'postgres')(
    'keeps a window a hit restarts while the purge has picked it',
    async () => {
      const { db } = await testDatabase();
      const key = `race:${randomUUID()}`;
      await db
        .insert(rateLimits)
        .values({ key, windowEnds: sql`now() - interval '1 hour'`, count: 9 });
      const other = await secondTestDatabaseHandle();
      try {
        let purge!: Promise<number>;
        // A hit on another connection restarts the ended window and has not committed yet,
        await other.db.transaction(async (tx) => {
          await tx
            .update(rateLimits)
            .set({ windowEnds: sql`now() + interval '1 minute'`, count: 1 })
            .where(eq(rateLimits.key, key));
          // while a purge picks its batch (and skips the row, or waits for it) before the commit.
          purge = purgeExpiredRateLimits(db);
          await Promise.race([purge, new Promise((r) => setTimeout(r, 300))]);
        });
        await purge;
        const [row] = await db.select().from(rateLimits).where(eq(rateLimits.key, key));
        expect(row?.count).toBe(1);
      } finally {
        await other.close();
      }
    },
  );
});
