/**
 * Rate-limit budgets in the database: a fixed window per key, counted by one upsert per hit
 * (concurrent hits lose none), opened again once ended; ended windows purged a bounded number
 * at a time.
 */
import { randomUUID } from 'node:crypto';
import { eq, like, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rateLimits } from '../db/schema';
import { testDatabase, testDatabaseKind } from '../db/testing';
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

  it('purges ended windows, a bounded number at a time, and keeps the running ones', async () => {
    const { db } = await testDatabase();
    const prefix = `purge:${randomUUID()}:`;
    await db.insert(rateLimits).values(
      Array.from({ length: 5 }, (_, i) => ({
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
    // Five (or more: other files') have ended: three now, then the rest.
    expect(await purgeExpiredRateLimits(db, 3)).toBe(3);
    while ((await purgeExpiredRateLimits(db, 3)) > 0) {
      // until none has ended
    }
    expect(await keys()).toBe(1);
    await expect(hitRateLimit(db, 'x', 0)).rejects.toThrow(/positive/);
  });
});
