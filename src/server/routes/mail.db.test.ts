/**
 * The unsubscribe link (no sign-in: its token is the proof; GET changes nothing, POST turns
 * mail off, also as a mail client's one-click), a person's own settings, and mail in health.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { auditLog, users } from '../../db/schema';
import { testDatabase, testDatabaseKind } from '../../db/testing';
import { unsubscribeUrl, type MailSettings } from '../../services/mail';
import { signIn } from '../../testing/auth';
import { buildApp, type App } from '../app';

const settings: MailSettings = {
  smtp: { host: '127.0.0.1', port: 2525, secure: false },
  from: 'Tildel <tildel@test.example>',
  publicUrl: 'http://tildel.test',
  secret: 'route-test-secret-route-test-secret-0123456',
};

let shared: Promise<App> | undefined;
function mailApp(): Promise<App> {
  const generous = { max: 100_000, timeWindow: 60_000 };
  shared ??= (async () =>
    buildApp({
      database: await testDatabase(),
      webDir: '/nonexistent',
      mail: settings,
      auth: { rateLimits: { signIn: generous, imports: generous, feeds: generous } },
    }))();
  return shared;
}

async function person(db: Db, language: 'nb' | 'nn' | 'en' = 'nn') {
  const id = randomUUID();
  const [row] = await db
    .insert(users)
    .values({
      subject: `test:unsub:${id}`,
      name: 'Per',
      email: `${id}@test.example`,
      language,
      roles: [],
    })
    .returning();
  return row!;
}

/** The link's path and query (the app is asked without the public host). */
const pathOf = (url: string) => url.slice(settings.publicUrl.length);

const mailOff = async (db: Db, id: string) =>
  (await db.select({ off: users.mailOff }).from(users).where(eq(users.id, id)))[0]!.off;

const entries = (db: Db, id: string) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.objectId, id), eq(auditLog.action, 'user.unsubscribe')));

describe(`mail routes (${testDatabaseKind})`, () => {
  afterAll(async () => {
    if (shared) await (await shared).close();
  });

  it('shows the unsubscribe page in the person’s language and changes nothing on GET', async () => {
    const app = await mailApp();
    const { db } = app.database;
    const user = await person(db, 'nn');
    const res = await app.inject({ method: 'GET', url: pathOf(unsubscribeUrl(settings, user.id)) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('<html lang="nn">');
    expect(res.body).toContain('<form method="post" action="/api/mail/unsubscribe">');
    expect(res.body).toContain(`name="u" value="${user.id}"`);
    expect(await mailOff(db, user.id)).toBe(false);

    const forged = await app.inject({
      method: 'GET',
      url: `/api/mail/unsubscribe?u=${user.id}&t=${'A'.repeat(43)}`,
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('Lenken er ikke gyldig');
  });

  it('turns mail off from the page’s form, audited, once', async () => {
    const app = await mailApp();
    const { db } = app.database;
    const user = await person(db, 'en');
    const link = new URL(unsubscribeUrl(settings, user.id));
    const form = new URLSearchParams({ u: user.id, t: link.searchParams.get('t')! });
    const post = () =>
      app.inject({
        method: 'POST',
        url: '/api/mail/unsubscribe',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: form.toString(),
      });
    const res = await post();
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('You will no longer receive e-mail from Tildel');
    expect(await mailOff(db, user.id)).toBe(true);
    const [entry, ...more] = await entries(db, user.id);
    expect(more).toHaveLength(0);
    expect(entry).toMatchObject({ actorKind: 'user', actorId: user.id, after: { mailOff: true } });
    expect((await post()).statusCode).toBe(200); // again: done, nothing new
    expect(await entries(db, user.id)).toHaveLength(1);
  });

  it('takes a mail client’s one-click POST (multipart or urlencoded) to the link', async () => {
    const app = await mailApp();
    const { db } = app.database;
    const boundary = 'tildel-one-click';
    for (const body of ['multipart', 'urlencoded'] as const) {
      const user = await person(db);
      const res = await app.inject({
        method: 'POST',
        url: pathOf(unsubscribeUrl(settings, user.id)),
        ...(body === 'multipart'
          ? {
              headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
              payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
            }
          : {
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              payload: 'List-Unsubscribe=One-Click',
            }),
      });
      expect(res.statusCode, `${body}: ${res.body}`).toBe(200);
      expect(await mailOff(db, user.id)).toBe(true);
    }
  });

  it('refuses a wrong token and another person’s token', async () => {
    const app = await mailApp();
    const { db } = app.database;
    const [a, b] = [await person(db), await person(db)];
    const tokenOfB = new URL(unsubscribeUrl(settings, b.id)).searchParams.get('t')!;
    const res = await app.inject({
      method: 'POST',
      url: `/api/mail/unsubscribe?u=${a.id}&t=${tokenOfB}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(res.statusCode).toBe(400);
    expect(await mailOff(db, a.id)).toBe(false);
    expect(await mailOff(db, b.id)).toBe(false);
  });

  it('reads and changes the signed-in person’s own settings', async () => {
    const app = await mailApp();
    const anonymous = await app.inject({ method: 'GET', url: '/api/me/settings' });
    expect(anonymous.statusCode).toBe(403);
    const me = await signIn(app, 'user:oppdragseier-havdata', { fresh: true });
    const before = await app.inject({
      method: 'GET',
      url: '/api/me/settings',
      headers: me.headers,
    });
    expect(before.statusCode).toBe(200);
    const original = before.json();
    expect(original).toMatchObject({ email: 'oppdragseier-havdata@tildel.example' });
    try {
      const put = (payload: unknown, headers: Record<string, string> = me.headers) =>
        app.inject({ method: 'PUT', url: '/api/me/settings', headers, payload: payload as object });
      const changed = await put({
        language: 'nn',
        reminderDays: [3, 30, 0],
        weeklyDigest: false,
        mailOff: false,
      });
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toMatchObject({
        language: 'nn',
        reminderDays: [30, 3, 0],
        weeklyDigest: false,
      });
      const read = await app.inject({
        method: 'GET',
        url: '/api/me/settings',
        headers: me.headers,
      });
      expect(read.json()).toMatchObject({ language: 'nn', reminderDays: [30, 3, 0] });
      // Out of range, too many, repeated, unknown language: refused.
      for (const bad of [
        { language: 'nb', reminderDays: [61], weeklyDigest: true, mailOff: false },
        { language: 'nb', reminderDays: [1, 2, 3, 4, 5, 6], weeklyDigest: true, mailOff: false },
        { language: 'nb', reminderDays: [3, 3], weeklyDigest: true, mailOff: false },
        { language: 'se', reminderDays: [3], weeklyDigest: true, mailOff: false },
      ]) {
        expect((await put(bad)).statusCode).toBe(400);
      }
      // A write needs the session's CSRF token.
      expect((await put(original, { cookie: me.cookie })).statusCode).toBe(403);
    } finally {
      const { email: _email, ...restore } = original as Record<string, unknown>;
      const back = await app.inject({
        method: 'PUT',
        url: '/api/me/settings',
        headers: me.headers,
        payload: restore,
      });
      expect(back.statusCode).toBe(200);
    }
  });

  it('reports in health whether mail is sent', async () => {
    const app = await mailApp();
    const on = await app.inject({ method: 'GET', url: '/api/health' });
    expect(on.json().mail).toEqual({ enabled: true, reason: null });
    const off = await buildApp({
      database: await testDatabase(),
      webDir: '/nonexistent',
      mail: { ...settings, smtp: null },
    });
    try {
      const res = await off.inject({ method: 'GET', url: '/api/health' });
      expect(res.json().mail).toEqual({ enabled: false, reason: 'SMTP_HOST is not set' });
    } finally {
      await off.close();
    }
  });
});
