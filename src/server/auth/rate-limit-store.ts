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

/** How often an app purges budgets whose window has ended, and how many at a time. */
const PURGE_EVERY_MS = 60_000;
const PURGE_BATCH = 1000;

type Callback = Parameters<FastifyRateLimitStore['incr']>[1];

/** A store class on `db` for the plugin's `store` option (the plugin constructs it). */
export function databaseRateLimitStore(db: Db, log: FastifyBaseLogger): FastifyRateLimitStoreCtor {
  let lastPurge = 0;
  const purgeNowAndThen = () => {
    const now = Date.now();
    if (now - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = now;
    // After the answer, not before it; a failed purge is tried again next time.
    purgeExpiredRateLimits(db, PURGE_BATCH).catch((err: unknown) => {
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
      hitRateLimit(db, `${key} ${max}/${timeWindow}ms`, timeWindow).then(
        (hit) => {
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
