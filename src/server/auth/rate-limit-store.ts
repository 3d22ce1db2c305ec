/**
 * The store of @fastify/rate-limit: budgets in the database (src/services/rate-limits.ts), so
 * that every app instance on one PostgreSQL counts a caller's requests together. It is the only
 * store: no memory store, in tests as in production. The plugin's store is an interface
 * (`incr`, `child`); Redis would be a second implementation of it, not built (docs/production.md).
 *
 * A budget is one limit (its name, from the key the limit's key generator makes: see
 * `namedLimit` in plugin.ts), its size and window, and one caller: instances configured alike
 * share it; a limit changed in configuration starts counting anew.
 *
 * A caller over the limit is answered from memory until the window ends (`ExceededWindows`): an
 * exceeded window stays exceeded whichever instance counts, so the database need not hear of
 * the rest of a flood. Each instance learns it from its own first refusal; until then it asks.
 *
 * When the database fails the request fails (closed): the error goes to the app's error handler
 * (500, logged), as any other database failure of a request does. Every limited route needs the
 * database anyway, so letting requests through unlimited would gain nothing but the risk.
 */
import type { FastifyBaseLogger } from 'fastify';
import type {
  FastifyRateLimitOptions,
  FastifyRateLimitStore,
  FastifyRateLimitStoreCtor,
} from '@fastify/rate-limit';
import type { Db } from '../../db/client';
import { hitRateLimit, purgeExpiredRateLimits } from '../../services/rate-limits';

/** How often an app purges budgets whose window has ended (in batches, for up to 200 ms). */
const PURGE_EVERY_MS = 60_000;
/** How many exceeded windows an instance remembers (a flood of addresses cannot grow it). */
const EXCEEDED_KEYS = 10_000;

type Callback = Parameters<FastifyRateLimitStore['incr']>[1];

/**
 * Budgets over their limit, each until its window ends (by this process's clock: the database's
 * remaining milliseconds added to when the hit was sent, so never later than the window's end).
 * At most `capacity` keys: when full, the ended ones go first, then the oldest.
 */
export class ExceededWindows {
  private readonly until = new Map<string, number>();
  /** No ended entry to sweep before this time (the earliest end the last sweep kept). */
  private sweepAfter = 0;

  constructor(private readonly capacity = EXCEEDED_KEYS) {}

  get size(): number {
    return this.until.size;
  }

  /** Milliseconds left of `key`'s exceeded window, or undefined when it is not known exceeded. */
  remaining(key: string, now = Date.now()): number | undefined {
    const end = this.until.get(key);
    if (end === undefined) return undefined;
    if (end > now) return end - now;
    this.until.delete(key);
    return undefined;
  }

  add(key: string, end: number, now = Date.now()): void {
    if (end <= now) return;
    this.until.delete(key);
    if (this.until.size >= this.capacity) this.makeRoom(now);
    this.until.set(key, end);
  }

  private makeRoom(now: number): void {
    if (now >= this.sweepAfter) {
      let earliest = Infinity;
      for (const [key, end] of this.until) {
        if (end <= now) this.until.delete(key);
        else earliest = Math.min(earliest, end);
      }
      this.sweepAfter = earliest;
    }
    // Still full: the oldest entry (a Map keeps insertion order) makes way.
    if (this.until.size >= this.capacity) {
      const oldest = this.until.keys().next();
      if (!oldest.done) this.until.delete(oldest.value);
    }
  }
}

/** A store class on `db` for the plugin's `store` option (the plugin constructs it). */
export function databaseRateLimitStore(db: Db, log: FastifyBaseLogger): FastifyRateLimitStoreCtor {
  const exceeded = new ExceededWindows();
  let lastPurge = 0;
  const purgeNowAndThen = () => {
    const now = Date.now();
    if (now - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = now;
    // After the answer, not before it; a failed purge is tried again next time.
    purgeExpiredRateLimits(db).catch((err: unknown) => {
      log.warn({ err }, 'purging ended rate-limit windows failed');
    });
  };

  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    // The plugin passes its options; the limits come with each hit.
    constructor(_options?: FastifyRateLimitOptions) {}

    /** The plugin calls it with the route's window and size after the callback. */
    incr(key: string, callback: Callback, timeWindow?: number, max?: number): void {
      if (timeWindow === undefined || max === undefined) {
        callback(new Error('The rate-limit store needs the window and the size of the limit'));
        return;
      }
      const budget = `${key} ${max}/${timeWindow}ms`;
      const left = exceeded.remaining(budget);
      if (left !== undefined) {
        // Over the limit: the plugin refuses at any count above max.
        callback(null, { current: max + 1, ttl: left });
        return;
      }
      const sent = Date.now();
      hitRateLimit(db, budget, timeWindow).then(
        (hit) => {
          if (hit.current > max) exceeded.add(budget, sent + hit.ttl);
          callback(null, hit);
          purgeNowAndThen();
        },
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    }

    /** One table for every route: the key names the limit. */
    child(): FastifyRateLimitStore {
      return this;
    }
  }
  return DatabaseRateLimitStore;
}
