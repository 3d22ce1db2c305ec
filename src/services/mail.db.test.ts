/**
 * Mail through a real SMTP server in the process: one notification, one mail (text and HTML
 * parts, the person's language, an unsubscribe link and header, a stable Message-ID); none for
 * a person who turned mail off, or while mail is off; retried with backoff while the SMTP
 * server is down; and each mail once when two runners race on one database.
 */
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../contract/enums';
import { openDatabase, type Db } from '../db/client';
import { assignments, jobs, users } from '../db/schema';
import { testDatabase, testDatabaseKind } from '../db/testing';
import { buildAssignment, buildDocument, storeDocuments } from '../testing/factories';
import { freePort, startSmtp, type ReceivedMail, type TestSmtp } from '../testing/smtp';
import { addDays } from '../domain/calendar';
import { osloToday } from './calendar';
import {
  BACKOFF_MAX_SECONDS,
  MAX_ATTEMPTS,
  backoffSeconds,
  claimDue,
  complete,
  retryLater,
  startJobRunner,
  type JobHandler,
  type JobLog,
} from './jobs';
import { MAIL_DIGEST_JOB, mailHandlers, unsubscribeUrl, type MailSettings } from './mail';
import { notify, type Notice } from './notifications';

const quiet: JobLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
const SECRET = 'test-secret-test-secret-test-secret-0123';

function settingsFor(port: number | null): MailSettings {
  return {
    smtp: port === null ? null : { host: '127.0.0.1', port, secure: false },
    from: 'Tildel <tildel@test.example>',
    publicUrl: 'http://tildel.test',
    secret: SECRET,
  };
}

async function person(db: Db, opts: { language?: Language; mailOff?: boolean } = {}) {
  const id = randomUUID();
  const [row] = await db
    .insert(users)
    .values({
      subject: `test:mail:${id}`,
      name: `Person ${id.slice(0, 4)}`,
      email: `${id}@test.example`,
      language: opts.language ?? 'nb',
      mailOff: opts.mailOff ?? false,
      roles: [],
    })
    .returning();
  return row!;
}

const notice = (userId: string, over: Partial<Notice> = {}): Notice => ({
  userId,
  kind: 'delivery-returned',
  key: `test:${randomUUID()}`,
  params: {
    registerId: 'TB2030-07',
    title: 'Kartlegge <ventetider> & tiltak',
    reason: 'Mangler vedlegg',
  },
  ...over,
});

/** The mail job of each notice to `userId` (by its notification). */
const jobsOf = (db: Db, ids: string[]) =>
  db
    .select()
    .from(jobs)
    .where(
      inArray(
        jobs.key,
        ids.map((id) => `mail:${id}`),
      ),
    );

const to = (smtp: TestSmtp, address: string): ReceivedMail[] =>
  smtp.mails.filter((m) => m.to.includes(address));

function runner(
  db: Db,
  settings: MailSettings,
  extra: Partial<Parameters<typeof startJobRunner>[0]> = {},
) {
  return startJobRunner({
    db,
    handlers: mailHandlers(db, settings),
    intervalMs: 3_600_000, // rounds only through runOnce
    workerId: `test:${randomUUID()}`,
    log: quiet,
    ...extra,
  });
}

describe(`mail (${testDatabaseKind})`, () => {
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await smtp.close();
  });

  it('sends one mail per notification: text and HTML, unsubscribe link and headers', async () => {
    const { db } = await testDatabase();
    const stored = await storeDocuments(db, [buildDocument({ assignments: [buildAssignment()] })]);
    const [assignment] = await db
      .select()
      .from(assignments)
      .where(eq(assignments.documentId, stored.documents[0]!.id));
    const user = await person(db);
    const n = notice(user.id, { assignmentId: assignment!.id });
    expect(await notify(db, [n])).toBe(1);
    expect(await notify(db, [n])).toBe(0); // the same key again: no second job

    const r = runner(db, settingsFor(smtp.port));
    await r.runOnce();
    await r.runOnce();
    await r.stop();

    const mails = to(smtp, user.email!);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe(
      'Leveransen er sendt tilbake: TB2030-07 Kartlegge <ventetider> & tiltak',
    );
    expect(mail.text).toContain('Hei Person');
    expect(mail.text).toContain('Begrunnelse: Mangler vedlegg');
    expect(mail.text).toContain(`http://tildel.test/oppdrag/${assignment!.id}`);
    const unsubscribe = unsubscribeUrl(settingsFor(0), user.id);
    expect(mail.text).toContain(unsubscribe);
    expect(mail.html).toContain('<html lang="nb">');
    // Values are escaped in the HTML part.
    expect(mail.html).toContain('Kartlegge &lt;ventetider&gt; &amp; tiltak');
    expect(mail.html).not.toContain('<ventetider>');
    expect(mail.html).toContain(`href="${unsubscribe.replace(/&/g, '&amp;')}"`);
    expect(mail.headers['list-unsubscribe']).toContain(`<${unsubscribe}>`);
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const [job] = await userJobs(db, user.id);
    expect(job?.doneAt).not.toBeNull();
    expect(job?.attempts).toBe(1);
    expect(mail.messageId).toBe(
      `<notification.${job!.payload.notificationId as string}@tildel.test>`,
    );
  });

  it('writes in the person’s language (nynorsk, English)', async () => {
    const { db } = await testDatabase();
    const nn = await person(db, { language: 'nn' });
    const en = await person(db, { language: 'en' });
    const date = addDays(osloToday(), 3);
    const near = (userId: string) =>
      notice(userId, {
        kind: 'deadline-near',
        params: {
          registerId: 'TB2030-09',
          title: 'Ny ordning',
          date,
          days: 3,
          agency: 'Testetaten',
        },
      });
    await notify(db, [near(nn.id), near(en.id)]);
    const r = runner(db, settingsFor(smtp.port));
    await r.runOnce();
    await r.stop();

    const [nnMail] = to(smtp, nn.email!);
    expect(nnMail?.subject).toBe('Frist om 3 dagar: TB2030-09 Ny ordning');
    expect(nnMail?.text).toContain('Oppdraget er gitt til Testetaten.');
    expect(nnMail?.html).toContain('<html lang="nn">');
    expect(nnMail?.text).toContain('Slutt å få e-post frå Tildel');
    const [enMail] = to(smtp, en.email!);
    expect(enMail?.subject).toBe('Due in 3 days: TB2030-09 Ny ordning');
    expect(enMail?.text).toMatch(
      /TB2030-09 Ny ordning is due on \d{1,2} [A-Z][a-z]+ \d{4} \(in 3 days\)\./,
    );
    expect(enMail?.html).toContain('<html lang="en">');
    expect(enMail?.text).toContain('Stop e-mail from Tildel');
  });

  it('sends nothing to a person who turned mail off, nor while mail is off', async () => {
    const { db } = await testDatabase();
    const off = await person(db, { mailOff: true });
    const on = await person(db);
    await notify(db, [notice(off.id)]);
    const r = runner(db, settingsFor(smtp.port));
    await r.runOnce();
    await r.stop();
    expect(to(smtp, off.email!)).toHaveLength(0);

    const b = notice(on.id);
    await notify(db, [b]);
    const noSmtp = runner(db, settingsFor(null));
    await noSmtp.runOnce();
    await noSmtp.stop();
    expect(to(smtp, on.email!)).toHaveLength(0);

    const notes = await jobNotes(db, [off.id, on.id]);
    expect(notes.get(off.id)).toBe('skipped: the person has turned e-mail off');
    expect(notes.get(on.id)).toBe('skipped: mail is off: SMTP_HOST is not set');
  });

  it('retries with backoff while the SMTP server is down, then sends once', async () => {
    const { db } = await testDatabase();
    const port = await freePort();
    const user = await person(db);
    await notify(db, [notice(user.id)]);
    let clock = new Date(Date.now() + 1000);
    const r = runner(db, settingsFor(port), { now: () => clock });

    await r.runOnce(); // nobody listens on the port
    let [job] = await userJobs(db, user.id);
    expect(job).toMatchObject({ attempts: 1, doneAt: null, failedAt: null, lockedUntil: null });
    expect(job!.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(job!.runAt.getTime()).toBe(clock.getTime() + 60_000);

    clock = new Date(clock.getTime() + 30_000); // not due yet
    await r.runOnce();
    [job] = await userJobs(db, user.id);
    expect(job!.attempts).toBe(1);

    clock = new Date(clock.getTime() + 31_000); // due again: fails again, waits 2 minutes
    await r.runOnce();
    [job] = await userJobs(db, user.id);
    expect(job).toMatchObject({ attempts: 2, doneAt: null });
    expect(job!.runAt.getTime()).toBe(clock.getTime() + 120_000);

    const server = await startSmtp(port);
    try {
      clock = new Date(clock.getTime() + 60_000);
      await r.runOnce(); // up, but not due: nothing
      expect(to(server, user.email!)).toHaveLength(0);
      clock = new Date(clock.getTime() + 61_000);
      await r.runOnce();
      await r.runOnce();
      await r.stop();
      expect(to(server, user.email!)).toHaveLength(1);
      [job] = await userJobs(db, user.id);
      expect(job).toMatchObject({ attempts: 3 });
      expect(job!.doneAt).not.toBeNull();
    } finally {
      await server.close();
    }
  });

  it('backs off from a minute to an hour and keeps trying for over two days', async () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 30].map(backoffSeconds)).toEqual([
      60, 120, 240, 480, 960, 1920, 3600, 3600, 3600,
    ]);
    let waited = 0;
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) waited += backoffSeconds(attempt);
    expect(waited).toBeGreaterThan(48 * 3600);
    expect(BACKOFF_MAX_SECONDS).toBe(3600);

    const { db } = await testDatabase();
    const kind = `test.fail.${randomUUID()}`;
    await db.insert(jobs).values({ kind, payload: {}, runAt: new Date(Date.now() - 1000) });
    const now = new Date();
    const [claimed] = await claimDue(db, {
      workerId: 'w',
      now,
      limit: 1,
      leaseSeconds: 60,
      kinds: [kind],
    });
    expect(claimed).toBeDefined();
    expect(
      await retryLater(db, { ...claimed!, attempts: MAX_ATTEMPTS }, 'w', new Error('x'), now),
    ).toBe('failed');
    const [row] = await db.select().from(jobs).where(eq(jobs.id, claimed!.id));
    expect(row!.failedAt).not.toBeNull();
    expect(
      await claimDue(db, {
        workerId: 'w',
        now: new Date(Date.now() + 86_400_000),
        limit: 1,
        leaseSeconds: 60,
        kinds: [kind],
      }),
    ).toEqual([]);
  });

  it('takes a job again when the lease of a worker that died runs out, not before', async () => {
    const { db } = await testDatabase();
    const kind = `test.lease.${randomUUID()}`;
    await db.insert(jobs).values({ kind, payload: {}, runAt: new Date(Date.now() - 1000) });
    const t0 = new Date();
    const [a] = await claimDue(db, {
      workerId: 'dead',
      now: t0,
      limit: 5,
      leaseSeconds: 60,
      kinds: [kind],
    });
    expect(a?.attempts).toBe(1);
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    expect(
      await claimDue(db, {
        workerId: 'live',
        now: at(59),
        limit: 5,
        leaseSeconds: 60,
        kinds: [kind],
      }),
    ).toEqual([]);
    const [b] = await claimDue(db, {
      workerId: 'live',
      now: at(61),
      limit: 5,
      leaseSeconds: 60,
      kinds: [kind],
    });
    expect(b).toMatchObject({ id: a!.id, attempts: 2, lockedBy: 'live' });
    expect(await complete(db, a!.id, 'dead')).toBe(false); // no longer the dead one's
    expect(await complete(db, a!.id, 'live')).toBe(true);
    expect(await complete(db, a!.id, 'live')).toBe(false); // done once
  });

  it('stop() waits for the job in hand and gives the others back', async () => {
    const { db } = await testDatabase();
    const kind = `test.stop.${randomUUID()}`;
    const past = new Date(Date.now() - 1000);
    await db.insert(jobs).values([1, 2, 3].map((i) => ({ kind, payload: { i }, runAt: past })));
    let release!: () => void;
    const started: number[] = [];
    const gate = new Promise<void>((done) => (release = done));
    const handler: JobHandler = async (job) => {
      started.push(job.payload.i as number);
      await gate;
    };
    const r = startJobRunner({
      db,
      handlers: { [kind]: handler },
      intervalMs: 3_600_000,
      workerId: 'stopper',
      log: quiet,
      batchSize: 3,
    });
    const round = r.runOnce();
    while (started.length === 0) await new Promise((d) => setTimeout(d, 10));
    let stopped = false;
    const stopping = r.stop().then(() => (stopped = true));
    await new Promise((d) => setTimeout(d, 50));
    expect(stopped).toBe(false); // the job in hand is not finished
    release();
    await stopping;
    expect(await round).toBe(1);
    const rows = await db.select().from(jobs).where(eq(jobs.kind, kind));
    expect(rows.filter((j) => j.doneAt !== null)).toHaveLength(1);
    // The two not started are free again, their attempt not counted.
    expect(rows.filter((j) => j.doneAt === null).map((j) => [j.lockedBy, j.attempts])).toEqual([
      [null, 0],
      [null, 0],
    ]);
  });

  it('two runners on one database send each of 50 mails once', async () => {
    const { db } = await testDatabase();
    // On PostgreSQL, a second connection pool to the same database: two "servers".
    const other = await secondHandle();
    try {
      const people = await Promise.all([1, 2, 3, 4, 5].map(() => person(db)));
      const notices = people.flatMap((p) => Array.from({ length: 10 }, () => notice(p.id)));
      expect(await notify(db, notices)).toBe(50);
      const a = runner(db, settingsFor(smtp.port), { batchSize: 3 });
      const b = runner(other?.db ?? db, settingsFor(smtp.port), { batchSize: 3 });
      const [ranA, ranB] = await Promise.all([a.runOnce(), b.runOnce()]);
      await Promise.all([a.stop(), b.stop()]);
      expect(ranA + ranB).toBeGreaterThanOrEqual(50);
      const mails = people.flatMap((p) => to(smtp, p.email!));
      expect(mails).toHaveLength(50);
      expect(new Set(mails.map((m) => m.messageId)).size).toBe(50);
      for (const p of people) expect(to(smtp, p.email!)).toHaveLength(10);
    } finally {
      await other?.close();
    }
  });

  it('claims each job once when many claims race (FOR UPDATE SKIP LOCKED)', async () => {
    const { db } = await testDatabase();
    const other = await secondHandle();
    try {
      const kind = `test.race.${randomUUID()}`;
      const past = new Date(Date.now() - 1000);
      await db
        .insert(jobs)
        .values(Array.from({ length: 50 }, (_, i) => ({ kind, payload: { i }, runAt: past })));
      const now = new Date();
      const claims = await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          claimDue(i % 2 === 0 ? db : (other?.db ?? db), {
            workerId: `w${i}`,
            now,
            limit: 3,
            leaseSeconds: 60,
            kinds: [kind],
          }),
        ),
      );
      const ids = claims.flat().map((j) => j.id);
      expect(ids.length).toBeGreaterThan(0);
      expect(new Set(ids).size).toBe(ids.length);
      expect(claims.flat().every((j) => j.attempts === 1)).toBe(true);
    } finally {
      await other?.close();
    }
  });

  it('mails a digest of the person’s open assignments', async () => {
    const { db } = await testDatabase();
    const user = await person(db, { language: 'en' });
    const stored = await storeDocuments(db, [
      buildDocument({
        assignments: [
          buildAssignment({ id: 'TB2030-31', assignedId: 'TB2030-31', title: 'Første oppdrag' }),
          buildAssignment({
            id: 'TB2030-32',
            assignedId: 'TB2030-32',
            title: 'Andre oppdrag',
            deadlines: [],
          }),
        ],
      }),
    ]);
    await db
      .update(assignments)
      .set({ ownerUserId: user.id })
      .where(eq(assignments.documentId, stored.documents[0]!.id));
    await notify(db, [notice(user.id)]); // one unread
    await db.update(users).set({ mailOff: true }).where(eq(users.id, user.id));
    // The notice's own mail is skipped (mail off); then mail on again for the digest.
    const r0 = runner(db, settingsFor(smtp.port));
    await r0.runOnce();
    await r0.stop();
    await db.update(users).set({ mailOff: false }).where(eq(users.id, user.id));

    const { enqueue } = await import('./jobs');
    await enqueue(db, [
      {
        kind: MAIL_DIGEST_JOB,
        key: `digest:${user.id}:2026-W50`,
        payload: { userId: user.id, week: '2026-W50' },
      },
    ]);
    const r = runner(db, settingsFor(smtp.port));
    await r.runOnce();
    await r.stop();
    const [mail, ...more] = to(smtp, user.email!);
    expect(more).toHaveLength(0);
    expect(mail?.subject).toBe('Your week 2026-W50 in Tildel');
    expect(mail?.text).toContain('TB2030-31 Første oppdrag: due 1 May 2030');
    expect(mail?.text).toContain('TB2030-32 Andre oppdrag: no date');
    expect(mail?.text).toContain('You have 1 unread notices in Tildel.');
    expect(mail?.messageId).toBe(`<digest.${user.id}.2026-W50@tildel.test>`);
  });
});

/** The mail jobs of a person's notifications. */
async function userJobs(db: Db, userId: string) {
  const { notifications } = await import('../db/schema');
  const ids = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(eq(notifications.userId, userId));
  return jobsOf(
    db,
    ids.map((r) => r.id),
  );
}

/** Each person's (only) mail job's note. */
async function jobNotes(db: Db, userIds: string[]) {
  const out = new Map<string, string | null>();
  for (const id of userIds) out.set(id, (await userJobs(db, id))[0]?.lastError ?? null);
  return out;
}

/** A second handle (own connection pool) on the worker's PostgreSQL database; null on PGlite. */
async function secondHandle() {
  const server = process.env.TILDEL_TEST_DATABASE_URL;
  if (!server) return null;
  const url = new URL(server);
  url.pathname = `/${process.env.TILDEL_TEST_RUN ?? 'tildel_test'}_w${process.env.VITEST_POOL_ID ?? '0'}`;
  return openDatabase({ url: url.toString() });
}
