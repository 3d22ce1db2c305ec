/**
 * The rate-limit store: a caller over the limit is refused from memory until the window ends,
 * without a statement per request; the memory is bounded.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { rateLimits } from '../../db/schema';
import { testDatabase, testDatabaseKind } from '../../db/testing';
import { createLogger } from './logging';
import { databaseRateLimitStore, ExceededWindows } from './rate-limit-store';

interface Hit {
  current: number;
  ttl: number;
}
/** The store as the plugin calls it: with the limit's window and size after the callback. */
interface Incr {
  incr(
    key: string,
    callback: (err: Error | null, hit?: Hit) => void,
    window: number,
    max: number,
  ): void;
}

/** A store on `db` and a hit against it with a limit of `max` a minute. */
function storeOn(db: Db, max: number) {
  const Store = databaseRateLimitStore(db, createLogger('silent'));
  const store = new Store({}) as unknown as Incr;
  return (key: string) =>
    new Promise<Hit>((resolve, reject) =>
      store.incr(key, (err, res) => (err || !res ? reject(err) : resolve(res)), 60_000, max),
    );
}

describe(`rate-limit store (${testDatabaseKind})`, () => {
  it('refuses a caller over the limit from memory until the window ends, without the database', async () => {
    const { db } = await testDatabase();
    let down = false;
    // The same database, until it is "down": then every use of it throws.
    const flaky = new Proxy(db, {
      get(target, prop, receiver) {
        if (down) throw new Error('the database is down');
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const hit = storeOn(flaky, 2);
    const key = `store:${randomUUID()}`;
    expect((await hit(key)).current).toBe(1);
    expect((await hit(key)).current).toBe(2);
    const third = await hit(key);
    expect(third.current).toBe(3);

    down = true;
    for (let i = 0; i < 5; i++) {
      const refused = await hit(key);
      expect(refused.current).toBeGreaterThan(2);
      expect(refused.ttl).toBeGreaterThan(0);
      expect(refused.ttl).toBeLessThanOrEqual(third.ttl);
    }
    // Any caller the store does not know over the limit still goes to the database.
    await expect(hit(`${key}:other`)).rejects.toThrow(/down/);
    down = false;

    // The database heard of three hits only.
    const [row] = await db
      .select({ count: rateLimits.count })
      .from(rateLimits)
      .where(eq(rateLimits.key, `${key} 2/60000ms`));
    expect(row?.count).toBe(3);
    // Another instance (a store of its own) learns it from the database.
    const elsewhere = storeOn(db, 2);
    expect((await elsewhere(key)).current).toBe(4);
  });
});

describe('exceeded windows', () => {
  it('forget a window once it has ended', () => {
    const windows = new ExceededWindows(10);
    windows.add('a', 1_500, 1_000);
    expect(windows.remaining('a', 1_000)).toBe(500);
    expect(windows.remaining('a', 1_500)).toBeUndefined();
    expect(windows.size).toBe(0);
    windows.add('b', 900, 1_000); // already ended
    expect(windows.remaining('b', 1_000)).toBeUndefined();
  });

  it('hold at most their capacity: the ended ones go first, then the oldest', () => {
    const windows = new ExceededWindows(3);
    windows.add('ends-soon', 1_100, 1_000);
    windows.add('x', 5_000, 1_000);
    windows.add('y', 5_000, 1_000);
    // Full at 1 200: the ended window makes room, the others stay.
    windows.add('z', 5_000, 1_200);
    expect(windows.size).toBe(3);
    expect(['x', 'y', 'z'].map((k) => windows.remaining(k, 1_200))).toEqual([3_800, 3_800, 3_800]);
    // Full with none ended: the oldest makes room.
    windows.add('w', 5_000, 1_300);
    expect(windows.size).toBe(3);
    expect(windows.remaining('x', 1_300)).toBeUndefined();
    expect(windows.remaining('w', 1_300)).toBe(3_700);
    for (let i = 0; i < 1_000; i++) windows.add(`flood-${i}`, 5_000, 1_400);
    expect(windows.size).toBe(3);
  });
});
