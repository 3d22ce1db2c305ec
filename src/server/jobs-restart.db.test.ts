/**
 * The real server (`node bin/tildel.js serve`) as a child process, killed (SIGKILL) while mail
 * jobs are due and one mail is in flight (the SMTP server has received it and not answered),
 * then started again: every mail arrives exactly once.
 *
 * On a database of its own (a PostgreSQL database beside the worker's, or a PGlite data
 * directory), so that the server's runner and hourly scan see only this test's rows. On PGlite
 * the test process writes the jobs first and closes the directory before the server opens it
 * (one process per data directory).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/client';
import { jobs, notifications, users } from '../db/schema';
import { freshServerDatabase, testDatabaseKind } from '../db/testing';
import { notify } from '../services/notifications';
import { freePort, startSmtp, type TestSmtp } from '../testing/smtp';

const repo = resolve(import.meta.dirname, '../..');
const MAILS = 8;
/** Accepted before the SMTP server starts holding (the next is in flight when killed). */
const BEFORE_KILL = 3;

/** Where the server's database is: a fresh PostgreSQL database, or a PGlite directory. */
interface Place {
  env: Record<string, string>;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

async function isolatedDatabase(): Promise<Place> {
  const server = process.env.TILDEL_TEST_DATABASE_URL;
  const dir = mkdtempSync(join(tmpdir(), 'tildel-restart-'));
  if (!server) {
    return {
      env: { DATABASE_URL: '', TILDEL_DATA_DIR: dir },
      open: () => openDatabase({ dataDir: join(dir, 'pglite') }),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const fresh = await freshServerDatabase(server, 'restart');
  return {
    env: { DATABASE_URL: fresh.url, TILDEL_DATA_DIR: dir },
    open: () => openDatabase({ url: fresh.url }),
    drop: async () => {
      await fresh.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface Server {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function serve(env: Record<string, string>): Server {
  const child = spawn(process.execPath, ['bin/tildel.js', 'serve'], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += String(d)));
  child.stderr!.on('data', (d) => (output += String(d)));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, output: () => output, exited };
}

describe(`mail jobs across a killed server (${testDatabaseKind})`, () => {
  let place: Place;
  let smtp: TestSmtp;
  const running: Server[] = [];

  beforeAll(async () => {
    place = await isolatedDatabase();
    smtp = await startSmtp();
  });
  afterAll(async () => {
    for (const s of running) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    await Promise.all(running.map((s) => s.exited));
    await smtp?.close();
    await place?.drop();
  });

  it(
    'delivers every mail exactly once after a SIGKILL and a restart',
    { timeout: 400_000 },
    async () => {
      // The jobs: one notification (and its mail job) for each of MAILS people.
      const setup = await place.open();
      await setup.migrate();
      const people = await setup.db
        .insert(users)
        .values(
          Array.from({ length: MAILS }, (_, i) => ({
            subject: `test:restart:${i}`,
            name: `Person ${i}`,
            email: `p${i}.${randomUUID().slice(0, 8)}@test.example`,
            weeklyDigest: false,
            roles: [],
          })),
        )
        .returning();
      await notify(
        setup.db,
        people.map((p) => ({
          userId: p.id,
          kind: 'owner-assigned',
          key: `restart:${p.id}`,
          params: { registerId: 'TB2030-99', title: 'Omstart' },
        })),
      );
      await setup.close();

      const env = {
        ...place.env,
        PORT: String(await freePort()),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        TILDEL_SAMPLE_DATA: 'off',
        TILDEL_LOCAL_SIGNIN: 'off',
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(smtp.port),
        SMTP_FROM: 'Tildel <tildel@test.example>',
        TILDEL_PUBLIC_URL: 'http://tildel.test',
        TILDEL_SECRET: 'restart-test-secret-restart-test-secret-01',
        // A killed server's job is taken again after 5 s (not the default 5 minutes).
        TILDEL_JOB_LEASE_SECONDS: '5',
      };
      const addresses = new Set(people.map((p) => p.email!));
      const ours = () => smtp.mails.filter((m) => m.to.some((a) => addresses.has(a)));

      // First run: three mails go through, the fourth is received and never answered.
      smtp.holdAfter = BEFORE_KILL;
      const first = serve(env);
      running.push(first);
      await smtp
        .waitFor(() => smtp.held >= 1, 300_000)
        .catch((err: Error) => {
          throw new Error(`${err.message}\n${first.output()}`);
        });
      first.child.kill('SIGKILL');
      await first.exited;
      expect(ours()).toHaveLength(BEFORE_KILL);

      // Second run: the rest, and the one in flight (once its lease ran out).
      smtp.holdAfter = null;
      const second = serve(env);
      running.push(second);
      await smtp
        .waitFor(() => new Set(ours().flatMap((m) => m.to)).size === MAILS, 120_000)
        .catch((err: Error) => {
          throw new Error(`${err.message}\n${second.output()}`);
        });
      // Time for a late duplicate to show: past a lease and a few rounds.
      await new Promise((done) => setTimeout(done, 12_000));
      second.child.kill('SIGTERM');
      expect(await second.exited, second.output()).toBe(0);

      const mails = ours();
      expect(mails).toHaveLength(MAILS);
      for (const address of addresses) {
        expect(
          mails.filter((m) => m.to.includes(address)),
          address,
        ).toHaveLength(1);
      }
      expect(new Set(mails.map((m) => m.messageId)).size).toBe(MAILS);

      const check = await place.open();
      try {
        const ids = await check.db
          .select({ id: notifications.id })
          .from(notifications)
          .where(
            inArray(
              notifications.userId,
              people.map((p) => p.id),
            ),
          );
        const rows = await check.db
          .select()
          .from(jobs)
          .where(
            inArray(
              jobs.key,
              ids.map((n) => `mail:${n.id}`),
            ),
          );
        expect(rows).toHaveLength(MAILS);
        expect(rows.every((j) => j.doneAt !== null && j.failedAt === null)).toBe(true);
        // Sent by the first server: one attempt; claimed by it and taken again after: two.
        const attempts = rows.map((j) => j.attempts).sort();
        expect(attempts.filter((n) => n === 1).length).toBeGreaterThanOrEqual(BEFORE_KILL);
        expect(attempts.every((n) => n === 1 || n === 2)).toBe(true);
      } finally {
        await check.close();
      }
    },
  );
});
