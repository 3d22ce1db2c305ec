/**
 * Two app instances on one database (issue 16): the app keeps no state of its own, so whichever
 * instance answers, the caller is the same. Sessions and CSRF tokens, rate-limit budgets, iCal
 * feed tokens and jobs live in the database. On PostgreSQL each instance has a connection pool
 * of its own, as two processes would; on PGlite (one in-process database) both share it, which
 * still shows that nothing is kept in an instance. Migrations started by two instances at once
 * are serialised by an advisory lock (PostgreSQL only); an unlock that misses its session (a
 * transaction pooler) closes the connection rather than leave the lock held.
 */
import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateLocked, openDatabase, queryRows, type Database } from '../db/client';
import { loadSampleDataIfEmpty, sampleFiles } from '../services/sample-data';
import { jobs } from '../db/schema';
import {
  freshServerDatabase,
  secondTestDatabaseHandle,
  testDatabase,
  testDatabaseKind,
} from '../db/testing';
import { enqueue, startJobRunner, type JobLog } from '../services/jobs';
import { signIn } from '../testing/auth';
import { buildApp, type App } from './app';

const quiet: JobLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The same sign-in limit on both (a budget per sign-in route: the same route on A and B spends
 * one). Its window is a few random milliseconds over a minute: the key
 * of a budget holds the limit's size and window, so a rerun on the same PostgreSQL database
 * within the minute (or another file of the worker) does not find this run's counts.
 */
const SIGN_IN = { max: 3, timeWindow: 60_000 + 1 + Math.floor(Math.random() * 9_999) };

async function instance(database: Database): Promise<App> {
  return buildApp({ database, webDir: '/nonexistent', auth: { rateLimits: { signIn: SIGN_IN } } });
}

describe(`two app instances on one database (${testDatabaseKind})`, () => {
  let second: Database;
  let a: App;
  let b: App;
  beforeAll(async () => {
    second = await secondTestDatabaseHandle();
    a = await instance(await testDatabase());
    b = await instance(second);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await second?.close();
  });

  it('has its own connection pool per instance on PostgreSQL', () => {
    if (testDatabaseKind === 'postgres') expect(b.database.db).not.toBe(a.database.db);
    else expect(b.database.db).toBe(a.database.db);
  });

  it('knows a session made on A on B, takes A’s CSRF token there, and signs out on B for A', async () => {
    const officer = await signIn(a, 'ministry-department-officer', { fresh: true });
    const me = await b.inject({ url: '/api/me', headers: { cookie: officer.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { id: officer.user.id }, csrfToken: officer.csrf });

    const feed = { scope: 'department', scopeId: 'HFA', label: `Frister ${randomUUID()}` };
    const written = await b.inject({
      method: 'POST',
      url: '/api/calendar/feeds',
      headers: officer.headers,
      payload: feed,
    });
    expect(written.statusCode).toBe(201);
    const refused = await b.inject({
      method: 'POST',
      url: '/api/calendar/feeds',
      headers: { cookie: officer.cookie },
      payload: feed,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toBe('csrf');

    const out = await b.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: officer.headers,
    });
    expect(out.statusCode).toBe(204);
    const after = await a.inject({ url: '/api/me', headers: { cookie: officer.cookie } });
    expect(after.statusCode).toBe(200);
    expect(after.json().user).toBeNull();
    const write = await a.inject({
      method: 'POST',
      url: '/api/calendar/feeds',
      headers: officer.headers,
      payload: feed,
    });
    expect(write.statusCode).toBe(403);
  });

  it('spends one rate-limit budget on both instances', async () => {
    const post = (app: App) =>
      app.inject({
        method: 'POST',
        url: '/logg-inn',
        remoteAddress: '192.0.2.61',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'user=x&csrf=y',
      });
    // Three attempts, spread over the two: refused for their form token, not yet limited.
    expect((await post(a)).statusCode).toBe(403);
    expect((await post(b)).statusCode).toBe(403);
    const third = await post(a);
    expect(third.statusCode).toBe(403);
    expect(third.headers['x-ratelimit-remaining']).toBe('0');
    // The fourth is over the limit, whichever instance answers.
    const fourth = await post(b);
    expect(fourth.statusCode).toBe(429);
    expect(fourth.headers['retry-after']).toBeDefined();
    expect((await post(a)).statusCode).toBe(429);
    // Another address has a budget of its own.
    const other = await b.inject({
      method: 'POST',
      url: '/logg-inn',
      remoteAddress: '192.0.2.62',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'user=x&csrf=y',
    });
    expect(other.statusCode).toBe(403);
  });

  it('serves an iCal feed made on A from B, and a feed revoked on B is gone on A', async () => {
    const officer = await signIn(a, 'ministry-department-officer');
    const made = await a.inject({
      method: 'POST',
      url: '/api/calendar/feeds',
      headers: officer.headers,
      payload: { scope: 'department', scopeId: 'HFA', label: `Frister ${randomUUID()}` },
    });
    expect(made.statusCode).toBe(201);
    const feed = made.json() as { id: string; path: string };
    const served = await b.inject({ url: feed.path });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(served.body).toMatch(/^BEGIN:VCALENDAR/);

    const revoked = await b.inject({
      method: 'DELETE',
      url: `/api/calendar/feeds/${feed.id}`,
      headers: officer.headers,
    });
    expect(revoked.statusCode).toBe(204);
    expect((await a.inject({ url: feed.path })).statusCode).toBe(404);
  });

  it('runs a job enqueued through A exactly once while both instances’ runners claim', async () => {
    const kind = `instances-test:${randomUUID()}`;
    const count = 24;
    await enqueue(
      a.database.db,
      Array.from({ length: count }, (_, i) => ({ kind, payload: { i } })),
    );
    const ran: Array<{ runner: string; i: number }> = [];
    const runner = (name: string, app: App) =>
      startJobRunner({
        db: app.database.db,
        workerId: `${name}:${randomUUID()}`,
        intervalMs: 3_600_000, // rounds only through runOnce
        batchSize: 4,
        log: quiet,
        handlers: {
          [kind]: async (job) => {
            ran.push({ runner: name, i: (job.payload as { i: number }).i });
            // Long enough for the other runner's claim to come between two of these.
            await new Promise((r) => setTimeout(r, 5));
          },
        },
      });
    const runners = [runner('a', a), runner('b', b)];
    try {
      const counts = await Promise.all(runners.map((r) => r.runOnce()));
      expect(counts.reduce((x, y) => x + y, 0)).toBe(count);
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
    }
    expect(ran.map((r) => r.i).sort((x, y) => x - y)).toEqual(
      Array.from({ length: count }, (_, i) => i),
    );
    const rows = await a.database.db
      .select({ doneAt: jobs.doneAt, attempts: jobs.attempts })
      .from(jobs)
      .where(eq(jobs.kind, kind));
    expect(rows).toHaveLength(count);
    expect(rows.every((r) => r.doneAt !== null && r.attempts === 1)).toBe(true);
    await a.database.db.delete(jobs).where(inArray(jobs.kind, [kind]));
  });
});

describe(`migrations started by two instances at once (${testDatabaseKind})`, () => {
  // PGlite is one database in one process with one connection: two migrations cannot interleave
  // there, so only PostgreSQL has something to show.
  it.runIf(testDatabaseKind === 'postgres')(
    'are applied once, and the sample data loaded once: one instance works, the other waits and finds it done',
    async () => {
      const fresh = await freshServerDatabase(process.env.TILDEL_TEST_DATABASE_URL!, 'instances');
      const first = await openDatabase({ url: fresh.url });
      const other = await openDatabase({ url: fresh.url });
      try {
        await Promise.all([first.migrate(), other.migrate()]);
        const state = await other.migrationState();
        expect(state.upToDate).toBe(true);
        const [applied] = await queryRows<{ n: number; hashes: number }>(
          first.db,
          sql`select count(*)::int as n, count(distinct hash)::int as hashes from drizzle.__drizzle_migrations`,
        );
        expect(applied).toEqual({ n: state.available, hashes: state.available });

        // Then both load the sample data into the empty database: the second asks while the
        // first is loading, waits under the same lock, and finds it loaded.
        const events: string[] = [];
        let firstStarted!: () => void;
        const started = new Promise<void>((r) => (firstStarted = r));
        const loading = first.exclusive('sample-data', async () => {
          events.push('first:start');
          firstStarted();
          const n = await loadSampleDataIfEmpty(first.db);
          events.push('first:end');
          return n;
        });
        await started;
        const waiting = other.exclusive('sample-data', async () => {
          events.push('other:start');
          const n = await loadSampleDataIfEmpty(other.db);
          events.push('other:end');
          return n;
        });
        expect([await loading, await waiting]).toEqual([sampleFiles().length, 0]);
        expect(events).toEqual(['first:start', 'first:end', 'other:start', 'other:end']);
        const [docs] = await queryRows<{ n: number }>(
          first.db,
          sql`select count(*)::int as n from documents where is_current`,
        );
        const [again] = await queryRows<{ n: number }>(
          first.db,
          sql`select count(*)::int as n from (select distinct agency_id, year, kind, number from documents where is_current) d`,
        );
        expect(docs!.n).toBeGreaterThan(0);
        expect(docs!.n).toBe(again!.n);
      } finally {
        await first.close();
        await other.close();
        await fresh.drop();
      }
    },
  );

  it.runIf(testDatabaseKind === 'postgres')(
    'close the connection and warn when the unlock reaches another server connection (transaction pooling)',
    async () => {
      const fresh = await freshServerDatabase(process.env.TILDEL_TEST_DATABASE_URL!, 'pooler');
      const pool = new pg.Pool({ connectionString: fresh.url, max: 2 });
      // As PgBouncer in transaction mode may do: the unlock lands on another server connection.
      const elsewhere = new pg.Client({ connectionString: fresh.url });
      await elsewhere.connect();
      const pooler = {
        connect: async () => {
          const client = await pool.connect();
          return new Proxy(client, {
            get(target, prop) {
              if (prop === 'query') {
                return (text: unknown, ...rest: unknown[]) =>
                  typeof text === 'string' && text.includes('pg_advisory_unlock')
                    ? elsewhere.query(text, ...(rest as [unknown[]]))
                    : (target.query as (...a: unknown[]) => unknown)(text, ...rest);
              }
              const value = Reflect.get(target, prop) as unknown;
              return typeof value === 'function' ? value.bind(target) : value;
            },
          });
        },
      } as unknown as pg.Pool;
      const warnings: string[] = [];
      try {
        await migrateLocked(pooler, { warn: (m) => warnings.push(m) });
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toMatch(/migration lock was not released/);
        // The connection holding the lock was closed, not given back to the pool,
        expect(pool.totalCount).toBe(0);
        // and with it the lock went: another session takes it (once the server has seen the close).
        let free = false;
        for (let i = 0; i < 100 && !free; i++) {
          const res = await elsewhere.query<{ ok: boolean }>(
            'select pg_try_advisory_lock(7461636406::bigint) as ok',
          );
          free = res.rows[0]!.ok;
          if (!free) await new Promise((r) => setTimeout(r, 20));
        }
        expect(free).toBe(true);
      } finally {
        await elsewhere.end();
        await pool.end();
        await fresh.drop();
      }
    },
  );
});
