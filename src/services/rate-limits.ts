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
 * one clock for all instances. The store answers a caller over the limit from memory until the
 * window ends (an exceeded window stays exceeded), so a flood costs no statement per request.
 *
 * A hit commits without waiting for its WAL to reach the disk or a synchronous standby
 * (`synchronous_commit = off` for that one statement's transaction): a counter lost in a crash
 * costs a caller a few requests of budget, never a record.
 *
 * Counters, not records: neither audited nor exported. Rows whose window has ended are purged in
 * batches (`purgeExpiredRateLimits`), by the store now and then.
 */
import { and, inArray, lt, sql } from 'drizzle-orm';
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

/**
 * Counts one request against `key`'s budget; returns the count and what is left of the window.
 * Call it on the database, not inside a transaction: there its `synchronous_commit = off` would
 * hold for the whole transaction.
 */
export async function hitRateLimit(db: Db, key: string, windowMs: number): Promise<RateLimitHit> {
  if (!Number.isSafeInteger(windowMs) || windowMs <= 0) {
    throw new Error(`A rate-limit window must be a positive number of milliseconds: ${windowMs}`);
  }
  // Every SET expression reads the row as it was, so both read the old window's end.
  const ended = sql`${rateLimits.windowEnds} <= now()`;
  // One statement, one round trip: its FROM sets synchronous_commit for the statement's own
  // (implicit) transaction only, as SET LOCAL would inside BEGIN … COMMIT with three more.
  const proposed = sql`select ${key}, now() + ${windowMs} * interval '1 millisecond', 1
    from (select set_config('synchronous_commit', 'off', true)) as async_commit`;
  // eslint-disable-next-line no-restricted-syntax -- a rate-limit counter is operational, not a change to audit
  const [row] = await db
    .insert(rateLimits)
    .select(proposed)
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

export interface PurgeOptions {
  /** Rows deleted per statement. */
  batchSize?: number;
  /** No further batch once this many milliseconds have passed (one batch at least). */
  maxMs?: number;
}

/**
 * Deletes budgets whose window has ended, the oldest first (by the index on `window_ends`), a
 * batch at a time until a batch comes back short or `maxMs` has passed; returns how many. A
 * budget deleted is as good as a window ended: the next hit opens a new one.
 *
 * A row being hit is skipped (SKIP LOCKED: a purge never waits on a busy caller), and the
 * DELETE checks the window's end again on the row it deletes: a hit that restarted the window
 * after the batch was picked keeps its row.
 */
export async function purgeExpiredRateLimits(
  db: Db,
  { batchSize = 1000, maxMs = 200 }: PurgeOptions = {},
): Promise<number> {
  const started = Date.now();
  let purged = 0;
  for (;;) {
    const n = await purgeBatch(db, batchSize);
    purged += n;
    if (n < batchSize || Date.now() - started >= maxMs) return purged;
  }
}

async function purgeBatch(db: Db, limit: number): Promise<number> {
  const hasEnded = lt(rateLimits.windowEnds, sql`now()`);
  const ended = db
    .select({ key: rateLimits.key })
    .from(rateLimits)
    .where(hasEnded)
    .orderBy(rateLimits.windowEnds)
    .limit(limit)
    .for('update', { skipLocked: true });
  // eslint-disable-next-line no-restricted-syntax -- a rate-limit counter is operational, not a change to audit
  const gone = await db
    .delete(rateLimits)
    .where(and(inArray(rateLimits.key, ended), hasEnded))
    .returning({ key: rateLimits.key });
  return gone.length;
}
