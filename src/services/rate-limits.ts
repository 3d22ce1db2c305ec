/**
 * Rate-limit budgets in the database (table `rate_limits`), so that every app instance on one
 * PostgreSQL spends the same budget: a caller who is refused by one instance is refused by all.
 * The store of @fastify/rate-limit (src/server/auth/rate-limit-store.ts) calls `hitRateLimit`
 * once per limited request.
 *
 * A budget is a fixed window, as the plugin's own memory store keeps it: the first hit opens a
 * window of `windowMs` and counts 1; each hit within it counts one more; the first hit after it
 * ended opens a new one. One statement per hit (an upsert), so two instances counting the same
 * caller at the same moment never lose a hit. The database's clock decides when a window ends:
 * one clock for all instances.
 *
 * Counters, not records: neither audited nor exported. Rows whose window has ended are purged a
 * bounded number at a time (`purgeExpiredRateLimits`), by the store now and then.
 */
import { inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rateLimits } from '../db/schema';

export interface RateLimitHit {
  /** Requests counted in the current window, this one included. */
  current: number;
  /** Milliseconds until the window ends. */
  ttl: number;
}

/** The value the conflicting insert proposed for `column` (ON CONFLICT's `excluded` row). */
const excluded = (column: { name: string }) => sql`excluded.${sql.identifier(column.name)}`;

/** Counts one request against `key`'s budget; returns the count and what is left of the window. */
export async function hitRateLimit(db: Db, key: string, windowMs: number): Promise<RateLimitHit> {
  if (!Number.isSafeInteger(windowMs) || windowMs <= 0) {
    throw new Error(`A rate-limit window must be a positive number of milliseconds: ${windowMs}`);
  }
  // Every SET expression reads the row as it was, so both read the old window's end.
  const ended = sql`${rateLimits.windowEnds} <= now()`;
  // eslint-disable-next-line no-restricted-syntax -- a rate-limit counter is operational, not a change to audit
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowEnds: sql`now() + ${windowMs} * interval '1 millisecond'`, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${ended} then 1 else ${rateLimits.count} + 1 end`,
        windowEnds: sql`case when ${ended} then ${excluded(rateLimits.windowEnds)} else ${rateLimits.windowEnds} end`,
      },
    })
    .returning({
      current: rateLimits.count,
      ttl: sql<number>`greatest(0, ceil(extract(epoch from ${rateLimits.windowEnds} - now()) * 1000))::int`,
    });
  return { current: row!.current, ttl: Number(row!.ttl) };
}

/**
 * Deletes up to `limit` budgets whose window has ended (the oldest first, by the index on
 * `window_ends`); returns how many. A budget deleted is as good as a window ended: the next
 * hit opens a new one.
 */
export async function purgeExpiredRateLimits(db: Db, limit = 1000): Promise<number> {
  const ended = db
    .select({ key: rateLimits.key })
    .from(rateLimits)
    .where(lt(rateLimits.windowEnds, sql`now()`))
    .orderBy(rateLimits.windowEnds)
    .limit(limit);
  // eslint-disable-next-line no-restricted-syntax -- a rate-limit counter is operational, not a change to audit
  const gone = await db
    .delete(rateLimits)
    .where(inArray(rateLimits.key, ended))
    .returning({ key: rateLimits.key });
  return gone.length;
}
