/**
 * `npm run bench -- scale [--size small|national] [--instances N]`: the server at national
 * scale, on PostgreSQL (docs/scale.md), as N app instances (default 2) on the one database.
 *
 * The database `tildel_scale` (or TILDEL_SCALE_DATABASE_URL) is filled by `tildel dev generate`
 * when empty, or again with `--size`. The server runs as users run it (`node bin/tildel.js
 * serve`, its own process, real HTTP), N of them on free ports, started at once (they migrate
 * under one lock); autocannon drives each read for ~10 s at 50 connections spread round-robin
 * over the instances (a connection stays with one, as behind a load balancer), with sessions of
 * several roles taking turns, while each instance's memory (VmRSS) is sampled. The rush and the
 * single requests take the instances in turn request by request: no proxy in between, so no
 * hop of its own in the figures.
 * Each read's bare SQL — the queries its service runs for the same sessions, captured from the
 * service itself, with the session lookup — is replayed the same number of times at the same
 * concurrency on a pool as large as the server's; `EXPLAIN (ANALYZE, BUFFERS)` of its slowest
 * queries goes beside the figures. Then the deadline rush: every agency's coordinator submits
 * its report and changes an assignment's status, as fast as 50 connections allow; the
 * database is then asked that each was stored exactly once. Writes bench/results/scale.md.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { AssignmentQuery } from '../src/contract/api';
import { CalendarQuery } from '../src/contract/calendar';
import type { Db } from '../src/db/client';
import * as schema from '../src/db/schema';
import { RUSH_REPORT_TEXT } from '../src/db/generate/national';
import type { Actor } from '../src/domain/policy';
import { listAssignments } from '../src/services/assignments';
import { calendarView } from '../src/services/calendar';
import { getDocument } from '../src/services/documents';
import { homeSummary } from '../src/services/home';
import { getLedger } from '../src/services/ledger';
import { getReport } from '../src/services/reports';
import { findSession } from '../src/services/sessions';
import { actorFromUser } from '../src/services/users';
import { DEFAULT_WEB_DIR } from '../src/server/app';
import { webBuildIsCurrent } from '../src/server/web-build';
import type { Figure, Scenario } from './harness';
import { measureHomePages } from './scale-web';

const ROOT = resolve(import.meta.dirname, '..');
const CONNECTIONS = 50;
const SECONDS = Number(process.env.TILDEL_SCALE_SECONDS ?? 10);
/** Each server's pool (src/db/client.ts); the bare SQL gets as many as all instances have. */
const SERVER_POOL = 10;
const SIZES = {
  small: ['--ministries', '3', '--agencies', '20', '--years', '4'],
  national: [],
} as const;
const TARGET = { p99: 150, ratio: 2, memoryMb: 400, rushP99: 500 };

interface Session {
  id: string;
  token: string;
  csrf: string;
  role: string;
  actor: Actor;
  /** The agency it reads (its own, or one of its ministry's). */
  agencyId: string;
  documentId: string;
  reportId: string;
}

interface Captured {
  text: string;
  params: unknown[];
}

interface Read {
  name: string;
  path(s: Session): string;
  /** Calls the service the route calls, as the session's actor. */
  run(db: Db, s: Session): Promise<unknown>;
}

interface ReadResult {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  bareP50: number;
  bareP99: number;
  /** One request at a time: the server's and the bare SQL's median. */
  aloneP50: number;
  bareAloneP50: number;
  queries: number;
  explain: string[];
}

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => done(port));
    });
  });
}

async function ensureDatabase(url: string) {
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Unsafe database name ${name}`);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
}

function cli(args: string[], url: string) {
  const run = spawnSync(process.execPath, ['bin/tildel.js', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    stdio: 'inherit',
  });
  if (run.status !== 0) throw new Error(`tildel ${args.join(' ')} exited with ${run.status}`);
}

/** Sessions made the way sign-in makes them (a random token; the table keeps its sha256). */
async function addSession(pool: pg.Pool, userId: string) {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(32).toString('base64url');
  const { rows } = await pool.query<{ id: string }>(
    `insert into sessions (token_hash, user_id, csrf_token, expires_at)
     values ($1, $2, $3, now() + interval '4 hours') returning id`,
    [createHash('sha256').update(token).digest('hex'), userId, csrf],
  );
  return { id: rows[0]!.id, token, csrf };
}

const cookie = (s: { token: string }) => `tildel_session=${s.token}`;

async function startServer(url: string, port: number): Promise<ChildProcess> {
  const dataDir = mkdtempSync(resolve(tmpdir(), 'tildel-scale-'));
  const child = spawn(process.execPath, ['bin/tildel.js', 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      TILDEL_SAMPLE_DATA: 'off',
      // As in production: users sign in with a provider; the bench makes their sessions.
      TILDEL_LOCAL_SIGNIN: 'off',
      TILDEL_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGTERM');
  throw new Error('the server did not answer /api/health within 120 s');
}

/** Ends a server process (SIGTERM: its graceful shutdown) and waits until it has. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Starts a server on each port at once; if one fails, stops the others. */
async function startServers(url: string, ports: number[]): Promise<ChildProcess[]> {
  const started = await Promise.allSettled(ports.map((port) => startServer(url, port)));
  const failed = started.find((s) => s.status === 'rejected');
  if (!failed) return started.map((s) => (s as PromiseFulfilledResult<ChildProcess>).value);
  await Promise.all(started.flatMap((s) => (s.status === 'fulfilled' ? [stopChild(s.value)] : [])));
  throw failed.reason;
}

/** Samples the server's resident memory (VmRSS) until stopped; returns the peak in MB. */
function sampleMemory(pid: number) {
  let peak = 0;
  const read = () => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]) / 1024);
    } catch {
      // gone
    }
  };
  read();
  const timer = setInterval(read, 200);
  return {
    peak: () => peak,
    stop: () => {
      read();
      clearInterval(timer);
      return peak;
    },
  };
}

/** A drizzle handle on `pool` that records every query it sends while `recording` is set. */
function capturingDb(pool: pg.Pool) {
  let recording: Captured[] | null = null;
  const db = drizzle(pool, {
    schema,
    logger: {
      logQuery(text: string, params: unknown[]) {
        recording?.push({ text, params });
      },
    },
  }) as unknown as Db;
  return {
    db,
    async capture(fn: () => Promise<unknown>): Promise<Captured[]> {
      const list: Captured[] = [];
      recording = list;
      try {
        await fn();
      } finally {
        recording = null;
      }
      return list;
    },
  };
}

/** Runs `count` jobs at `concurrency`; returns each job's time in ms, sorted. */
async function timedConcurrent(
  count: number,
  concurrency: number,
  job: (i: number) => Promise<void>,
): Promise<{ times: number[]; seconds: number }> {
  const times: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t = process.hrtime.bigint();
        await job(i);
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  times.sort((a, b) => a - b);
  return { times, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

async function explain(pool: pg.Pool, q: Captured): Promise<{ ms: number; plan: string }> {
  const { rows } = await pool.query<{ 'QUERY PLAN': string }>(
    `explain (analyze, buffers) ${q.text}`,
    q.params,
  );
  const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
  const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? 0);
  return { ms, plan };
}

async function pickSessions(pool: pg.Pool, lastYear: number): Promise<Session[]> {
  const pickUsers = async (role: string, n: number) =>
    (
      await pool.query<{ id: string; org: string }>(
        `select u.id, u.organisation_id as org from users u
         join organisations o on o.id = u.organisation_id
         where u.roles @> $1::jsonb and u.subject like 'oidc:https://generator.tildel.invalid|%'
         order by (select count(*) from organisations a where a.parent_id = o.id) desc, u.subject
         limit $2`,
        [JSON.stringify([role]), n],
      )
    ).rows.map((r) => ({ ...r, role }));
  const picked = [
    ...(await pickUsers('ministry-budget-officer', 4)),
    ...(await pickUsers('ministry-department-officer', 4)),
    ...(await pickUsers('agency-coordinator', 8)),
    ...(await pickUsers('agency-assignment-owner', 8)),
  ];
  const sessions: Session[] = [];
  for (const [i, u] of picked.entries()) {
    // The agency it reads: its own, or the i-th agency of its ministry.
    const { rows: agency } = await pool.query<{ id: string }>(
      `select id from organisations where id = $1 and kind = 'agency'
       union all
       (select id from organisations where parent_id = $1 order by name offset $2 limit 1)`,
      [u.org, i % 3],
    );
    const agencyId = agency[0]!.id;
    const { rows: doc } = await pool.query<{ id: string }>(
      `select id from documents where agency_id = $1 and year = $2 and kind = 'allocation-letter' and is_current`,
      [agencyId, lastYear],
    );
    const { rows: report } = await pool.query<{ id: string }>(
      `select id from reports where agency_id = $1 and year = $2 order by due_date limit 1`,
      [agencyId, lastYear],
    );
    const { rows: user } = await pool.query('select * from users where id = $1', [u.id]);
    const s = await addSession(pool, u.id);
    const row = user[0] as Record<string, unknown>;
    sessions.push({
      ...s,
      role: u.role,
      actor: actorFromUser({
        ...(row as unknown as Parameters<typeof actorFromUser>[0]),
        organisationId: row.organisation_id as string,
        departmentCode: row.department_code as string | null,
      }),
      agencyId,
      documentId: doc[0]!.id,
      reportId: report[0]!.id,
    });
  }
  return sessions;
}

function readsOf(lastYear: number): Read[] {
  const month = { from: `${lastYear}-10-01`, to: `${lastYear}-10-31` };
  const q = 'tilskuddsordning';
  return [
    { name: 'home summary', path: () => '/api/home', run: (db, s) => homeSummary(db, s.actor) },
    {
      name: 'register, filtered (year, status)',
      path: () => `/api/assignments?year=${lastYear}&status=in-progress&limit=50`,
      run: (db, s) =>
        listAssignments(
          db,
          s.actor,
          AssignmentQuery.parse({ year: String(lastYear), status: 'in-progress', limit: '50' }),
        ),
    },
    {
      name: 'register, full-text search',
      path: () => `/api/assignments?q=${q}&limit=50`,
      run: (db, s) => listAssignments(db, s.actor, AssignmentQuery.parse({ q, limit: '50' })),
    },
    {
      name: 'calendar, one month',
      path: () => `/api/calendar?from=${month.from}&to=${month.to}`,
      run: (db, s) => calendarView(db, s.actor, CalendarQuery.parse(month)),
    },
    {
      name: 'document (allocation letter)',
      path: (s) => `/api/documents/${s.documentId}`,
      run: (db, s) => getDocument(db, s.actor, s.documentId),
    },
    {
      name: 'ledger of an agency-year',
      path: (s) => `/api/ledger?agency=${s.agencyId}&year=${lastYear}`,
      run: (db, s) => getLedger(db, s.actor, s.agencyId, lastYear),
    },
    {
      name: 'report',
      path: (s) => `/api/reports/${s.reportId}`,
      run: (db, s) => getReport(db, s.actor, s.reportId),
    },
  ];
}

async function measureRead(
  bases: string[],
  read: Read,
  sessions: Session[],
  capture: ReturnType<typeof capturingDb>,
  pool: pg.Pool,
): Promise<ReadResult> {
  // Each session's answer first: a read that fails is an error, not a fast figure.
  for (const [i, s] of sessions.entries()) {
    const res = await fetch(bases[i % bases.length]! + read.path(s), {
      headers: { cookie: cookie(s) },
    });
    if (!res.ok) {
      throw new Error(`${read.name}: ${read.path(s)} answered ${res.status} for ${s.role}`);
    }
    await res.arrayBuffer();
  }
  const result = await autocannon({
    url: bases,
    connections: CONNECTIONS,
    duration: SECONDS,
    timeout: 30,
    requests: sessions.map((s) => ({
      method: 'GET',
      path: read.path(s),
      headers: { cookie: cookie(s) },
    })),
  });
  // The same queries, bare: what the service sends for each session, with the session lookup.
  const perSession: Captured[][] = [];
  for (const s of sessions) {
    perSession.push(
      await capture.capture(async () => {
        await findSession(capture.db, s.token);
        await read.run(capture.db, s);
      }),
    );
  }
  const count = Math.max(CONNECTIONS, result.requests.total);
  const bare = await timedConcurrent(count, CONNECTIONS, async (i) => {
    for (const q of perSession[i % perSession.length]!) await pool.query(q.text, q.params);
  });
  // One at a time: what a request costs without waiting for others.
  const ALONE = 20;
  const alone = await timedConcurrent(ALONE, 1, async (i) => {
    const s = sessions[i % sessions.length]!;
    const res = await fetch(bases[i % bases.length]! + read.path(s), {
      headers: { cookie: cookie(s) },
    });
    await res.arrayBuffer();
  });
  const bareAlone = await timedConcurrent(ALONE, 1, async (i) => {
    for (const q of perSession[i % perSession.length]!) await pool.query(q.text, q.params);
  });
  // EXPLAIN of the slowest three queries of the first sessions of each role.
  const explained: Array<{ ms: number; plan: string; text: string }> = [];
  const seen = new Set<string>();
  for (const list of perSession) {
    for (const q of list) {
      if (seen.has(q.text)) continue;
      seen.add(q.text);
      explained.push({ ...(await explain(pool, q)), text: q.text });
    }
  }
  explained.sort((a, b) => b.ms - a.ms);
  return {
    name: read.name,
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    bareP50: percentile(bare.times, 0.5),
    bareP99: percentile(bare.times, 0.99),
    aloneP50: percentile(alone.times, 0.5),
    bareAloneP50: percentile(bareAlone.times, 0.5),
    queries: Math.round(perSession.reduce((n, l) => n + l.length, 0) / perSession.length),
    explain: explained.slice(0, 3).map((e) => `-- ${e.ms.toFixed(2)} ms\n${e.text}\n\n${e.plan}`),
  };
}

interface RushResult {
  submissions: number;
  ok: number;
  failed: number;
  seconds: number;
  p50: number;
  p99: number;
  stored: number;
  lost: number;
  duplicated: number;
  failures: string[];
}

/** Every agency's coordinator submits its report and moves an assignment, all at once. */
async function rush(bases: string[], pool: pg.Pool, lastYear: number): Promise<RushResult> {
  // The rush's reports back to drafts (a run before submitted them), as the generator left them.
  await pool.query(
    `with r as (select id, revision from reports where year = $1 and title = $2 and status = 'submitted')
     delete from report_versions v using r where v.report_id = r.id and v.revision = r.revision`,
    [lastYear, RUSH_REPORT_TEXT],
  );
  await pool.query(
    `update reports set status = 'draft', submitted_hash = null, submitted_at = null, version = version + 1
     where year = $1 and title = $2 and status = 'submitted'`,
    [lastYear, RUSH_REPORT_TEXT],
  );
  const { rows: agencies } = await pool.query<{
    coordinator: string;
    report: string;
    report_version: number;
    assignment: string;
    assignment_version: number;
  }>(
    `select u.id as coordinator, r.id as report, r.version as report_version,
            a.id as assignment, a.version as assignment_version
     from organisations o
     join lateral (select id from users where organisation_id = o.id and roles @> '["agency-coordinator"]' order by subject limit 1) u on true
     join lateral (select id, version from reports where agency_id = o.id and year = $1 and title = $2 and status = 'draft' limit 1) r on true
     join lateral (select a.id, a.version from assignments a join documents d on d.id = a.document_id
                   where a.agency_id = o.id and a.year = $1 and a.status = 'planned' and d.is_current and d.status = 'published'
                   order by a.register_id limit 1) a on true
     where o.kind = 'agency' order by o.name`,
    [lastYear, RUSH_REPORT_TEXT],
  );
  const sessions = await Promise.all(agencies.map((a) => addSession(pool, a.coordinator)));
  const jobs = agencies.flatMap((a, i) => {
    const s = sessions[i]!;
    const headers = {
      cookie: cookie(s),
      'x-csrf-token': s.csrf,
      'content-type': 'application/json',
    };
    return [
      {
        path: `/api/reports/${a.report}/status`,
        body: { to: 'submitted', expectedVersion: a.report_version },
        headers,
      },
      {
        path: `/api/assignments/${a.assignment}/status`,
        body: { to: 'in-progress', expectedVersion: a.assignment_version, comment: 'Startet.' },
        headers,
      },
    ];
  });
  const started = new Date();
  const failures: string[] = [];
  let ok = 0;
  const { times, seconds } = await timedConcurrent(jobs.length, CONNECTIONS, async (i) => {
    const job = jobs[i]!;
    const res = await fetch(bases[i % bases.length]! + job.path, {
      method: 'POST',
      headers: job.headers,
      body: JSON.stringify(job.body),
    });
    const text = await res.text();
    if (res.ok) ok++;
    else if (failures.length < 5) failures.push(`${job.path}: ${res.status} ${text.slice(0, 200)}`);
  });
  // What the database holds: one submitted revision per report, one status event per assignment.
  const { rows: reportsStored } = await pool.query<{ id: string; n: number }>(
    `select r.id, count(v.report_id)::int as n from reports r
     left join report_versions v on v.report_id = r.id and v.revision = r.revision and v.created_at >= $2
     where r.id = any($1::uuid[]) group by r.id`,
    [agencies.map((a) => a.report), started],
  );
  const { rows: eventsStored } = await pool.query<{ id: string; n: number }>(
    `select a.id, count(e.id)::int as n from assignments a
     left join assignment_events e on e.assignment_id = a.id and e.at >= $2 and e.kind = 'status' and e.to_status = 'in-progress'
     where a.id = any($1::uuid[]) group by a.id`,
    [agencies.map((a) => a.assignment), started],
  );
  const counts = [...reportsStored, ...eventsStored].map((r) => r.n);
  await pool.query('delete from sessions where id = any($1::uuid[])', [sessions.map((s) => s.id)]);
  return {
    submissions: jobs.length,
    ok,
    failed: jobs.length - ok,
    seconds,
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    stored: counts.filter((n) => n >= 1).length,
    lost: counts.filter((n) => n === 0).length,
    duplicated: counts.reduce((d, n) => d + Math.max(0, n - 1), 0),
    failures,
  };
}

const verdict = (holds: boolean) => (holds ? 'holds' : 'falls short');
const ms = (n: number) => n.toFixed(1);

function writeReport(
  info: Record<string, string | number>,
  reads: ReadResult[],
  memoryMb: number[],
  r: RushResult,
  web: string[],
): string {
  const lines = [
    '# Scale bench: national dataset on PostgreSQL',
    '',
    `Run ${new Date().toISOString()} (Node ${process.version}). \`npm run bench -- scale\`; see docs/scale.md.`,
    '',
    ...Object.entries(info).map(([k, v]) => `- ${k}: ${v}`),
    '',
    `## Reads (${CONNECTIONS} connections, ${SECONDS} s each, sessions of four roles in turn)`,
    '',
    `Targets: p99 ≤ ${TARGET.p99} ms; p50 ≤ ${TARGET.ratio}× the bare SQL's p50; no errors. Bare SQL: the queries the service sends for the same sessions (with the session lookup), replayed as many times at ${CONNECTIONS} callers on a pool of ${SERVER_POOL * memoryMb.length} connections (the ${memoryMb.length} instances' ${SERVER_POOL} each). "Alone": 20 requests one at a time, the server's and the bare SQL's median. autocannon counts only the requests answered within the ${SECONDS} s, so when the server is overloaded (few requests) its p50 and p99 understate.`,
    '',
    '| read | requests | req/s | p50 ms | p99 ms | errors | bare p50 ms | bare p99 ms | alone: server / bare p50 ms | queries | p99 target | p50 target | errors target |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|',
    ...reads.map(
      (x) =>
        `| ${x.name} | ${x.requests} | ${x.rps.toFixed(0)} | ${ms(x.p50)} | ${ms(x.p99)} | ${x.errors} | ${ms(x.bareP50)} | ${ms(x.bareP99)} | ${ms(x.aloneP50)} / ${ms(x.bareAloneP50)} | ${x.queries} | ${verdict(x.p99 <= TARGET.p99)} | ${verdict(x.p50 <= TARGET.ratio * Math.max(x.bareP50, 0.001))} (${(x.p50 / Math.max(x.bareP50, 0.001)).toFixed(1)}×) | ${verdict(x.errors === 0)} |`,
    ),
    '',
    `Peak memory (VmRSS) per instance: ${memoryMb.map((m, i) => `#${i + 1} ${m.toFixed(0)} MB`).join(', ')} — target ≤ ${TARGET.memoryMb} MB each: ${verdict(memoryMb.every((m) => m <= TARGET.memoryMb))}.`,
    '',
    '## The deadline rush',
    '',
    `${r.submissions} submissions (each agency's coordinator: its report submitted, one assignment moved to in progress), ${CONNECTIONS} at a time, in ${r.seconds.toFixed(1)} s: ${r.ok} answered 2xx, ${r.failed} not.`,
    '',
    `| stored once | lost | duplicated | p50 ms | p99 ms | within a minute | lost/duplicated target | p99 target (≤ ${TARGET.rushP99} ms) |`,
    '|---:|---:|---:|---:|---:|---|---|---|',
    `| ${r.stored} | ${r.lost} | ${r.duplicated} | ${ms(r.p50)} | ${ms(r.p99)} | ${verdict(r.seconds <= 60)} | ${verdict(r.lost === 0 && r.duplicated === 0 && r.failed === 0)} | ${verdict(r.p99 <= TARGET.rushP99)} |`,
    '',
    ...(r.failures.length > 0
      ? ['Failures (first five):', '', ...r.failures.map((f) => `- ${f}`), '']
      : []),
    ...web,
    "## EXPLAIN (ANALYZE, BUFFERS) of each read's slowest queries",
    '',
  ];
  for (const x of reads) {
    lines.push(`### ${x.name}`, '');
    for (const e of x.explain) lines.push('```', e, '```', '');
  }
  return lines.join('\n');
}

export const scaleScenario: Scenario = {
  name: 'scale: national dataset on PostgreSQL, server over HTTP vs bare SQL',
  async run() {
    const url =
      process.env.TILDEL_SCALE_DATABASE_URL ??
      'postgres://postgres:postgres@127.0.0.1:5432/tildel_scale';
    const size = arg('--size');
    if (size !== undefined && !(size in SIZES)) throw new Error('--size is small or national');
    const instances = Number(arg('--instances') ?? 2);
    if (!Number.isInteger(instances) || instances < 1 || instances > 8) {
      throw new Error('--instances is a whole number from 1 to 8');
    }
    await ensureDatabase(url);
    const pool = new pg.Pool({ connectionString: url, max: SERVER_POOL * instances });
    try {
      const { rows: held } = await pool
        .query<{ n: string }>('select count(*) as n from documents')
        .catch(() => ({ rows: [{ n: '0' }] }));
      if (size !== undefined || Number(held[0]!.n) === 0) {
        const chosen = SIZES[(size ?? 'national') as keyof typeof SIZES];
        const t = Date.now();
        cli(['dev', 'generate', ...chosen, '--force'], url);
        console.log(`generated in ${((Date.now() - t) / 1000).toFixed(0)} s`);
      }
      const { rows: facts } = await pool.query<Record<string, string>>(
        `select (select max(year) from documents) as last_year,
                (select count(*) from organisations where kind = 'agency') as agencies,
                (select count(*) from organisations where kind = 'ministry') as ministries,
                (select count(distinct year) from documents) as years,
                (select count(*) from documents) as documents,
                (select count(*) from assignments) as assignments,
                (select count(*) from assignment_events) as events,
                (select count(*) from reports) as reports,
                (select count(*) from users) as users,
                pg_size_pretty(pg_database_size(current_database())) as size`,
      );
      const f = facts[0]!;
      const lastYear = Number(f.last_year);
      if (!webBuildIsCurrent(DEFAULT_WEB_DIR)) {
        // Built before the server starts, so that its start does not build it while measured.
        const build = spawnSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
        if (build.status !== 0) throw new Error('building the web client failed');
      }
      const ports: number[] = [];
      while (ports.length < instances) {
        const port = await freePort();
        if (!ports.includes(port)) ports.push(port);
      }
      const bases = ports.map((port) => `http://127.0.0.1:${port}`);
      const base = bases[0]!;
      const servers = await startServers(url, ports);
      const memories = servers.map((server) => sampleMemory(server.pid!));
      const stopServer = () => Promise.all(servers.map(stopChild));
      const reads: ReadResult[] = [];
      let rushed: RushResult;
      let web: Awaited<ReturnType<typeof measureHomePages>>;
      let sessions: Session[] = [];
      try {
        sessions = await pickSessions(pool, lastYear);
        const capture = capturingDb(pool);
        for (const read of readsOf(lastYear)) {
          const r = await measureRead(bases, read, sessions, capture, pool);
          reads.push(r);
          console.log(
            `${r.name}: p50 ${ms(r.p50)} ms, p99 ${ms(r.p99)} ms, ${r.rps.toFixed(0)} req/s, ${r.errors} errors; bare p50 ${ms(r.bareP50)} ms (${r.queries} queries)`,
          );
        }
        // The home page in Chromium (bench/scale-web.ts), one role after another, before the rush.
        web = await measureHomePages(base, sessions);
        rushed = await rush(bases, pool, lastYear);
        console.log(
          `rush: ${rushed.submissions} submissions in ${rushed.seconds.toFixed(1)} s, ${rushed.failed} failed, ${rushed.lost} lost, ${rushed.duplicated} duplicated, p99 ${ms(rushed.p99)} ms`,
        );
      } finally {
        await pool.query('delete from sessions where id = any($1::uuid[])', [
          sessions.map((s) => s.id),
        ]);
        await stopServer();
      }
      const peaks = memories.map((m) => m.stop());
      const peak = Math.max(...peaks);
      console.log(
        `instances: ${instances}; peak memory ${peaks.map((m, i) => `#${i + 1} ${m.toFixed(0)} MB`).join(', ')}`,
      );
      const info = {
        database: `${f.size} (${url.replace(/\/\/[^@]*@/, '//')})`,
        dataset: `${f.ministries} ministries, ${f.agencies} agencies, ${f.years} years (to ${lastYear}); ${f.documents} documents, ${f.assignments} assignments, ${f.events} assignment events, ${f.reports} reports, ${f.users} users`,
        sessions: `${sessions.length} (${[...new Set(sessions.map((s) => s.role))].join(', ')})`,
        instances: `${instances} app instances on the one database (\`--instances\`), each with a pool of ${SERVER_POOL}; reads spread over them by connection, the rush by request`,
      };
      const dir = resolve(import.meta.dirname, 'results');
      mkdirSync(dir, { recursive: true });
      writeFileSync(resolve(dir, 'scale.md'), writeReport(info, reads, peaks, rushed, web.lines));
      console.log(`wrote ${resolve(dir, 'scale.md')}`);
      const figures: Figure[] = reads.map((x) => ({
        name: `GET ${x.name} (p50)`,
        unit: 'ms',
        value: x.p50,
        baseline: { name: 'bare SQL p50', value: x.bareP50 },
        ratio: x.p50 / Math.max(x.bareP50, 0.001),
        extra: { p99: ms(x.p99), rps: x.rps.toFixed(0), errors: x.errors },
      }));
      figures.push(
        ...web.figures,
        {
          name: 'server peak memory (the largest instance)',
          unit: 'MB',
          value: peak,
          extra: { target: '≤ 400 MB', instances: peaks.map((m) => m.toFixed(0)).join(' / ') },
        },
        {
          name: 'deadline rush p99',
          unit: 'ms',
          value: rushed.p99,
          extra: { lost: rushed.lost, duplicated: rushed.duplicated, failed: rushed.failed },
        },
      );
      return figures;
    } finally {
      await pool.end();
    }
  },
};
