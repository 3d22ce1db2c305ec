import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authOptionsFromConfig, listenSafety, loadConfig } from '../config';
import { queryRows } from '../db/client';
import { sessions } from '../db/schema';
import { testDatabase, testDatabaseKind } from '../db/testing';
import { testApp } from '../testing/app';
import { signIn, storeScopedDocument } from '../testing/auth';
import { startTestProvider, type TestProvider } from '../testing/oidc-provider';
import { ensureLocalUsers, LOCAL_USERS, SAMPLE_AGENCY } from '../services/users';
import { buildApp, type App } from './app';
import { createLogger } from './auth/logging';
import type { OidcOptions } from './auth/options';
import { resolveAuthOptions } from './auth/options';
import { safeReturnTo } from './routes/auth';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const tokenOf = (cookie: string) => cookie.split('=')[1]!;
const cookies = (h: string | string[] | undefined) => (Array.isArray(h) ? h : h ? [h] : []);
const sessionCookie = (h: string | string[] | undefined) =>
  cookies(h).find((c) => c.startsWith('tildel_session='));

const oidcOptions = (
  p: Pick<TestProvider, 'issuer' | 'clientId' | 'clientSecret'>,
): OidcOptions => ({
  issuer: p.issuer,
  clientId: p.clientId,
  clientSecret: p.clientSecret,
  redirectUri: 'http://localhost/api/auth/oidc/callback',
  scopes: 'openid profile email',
  claims: { organisation: 'tildel_org', roles: 'tildel_roles', department: 'tildel_department' },
  allowInsecureRequests: true,
});

async function otherApp(auth: Parameters<typeof buildApp>[0]['auth'], extra = {}): Promise<App> {
  return buildApp({ database: await testDatabase(), webDir: '/nonexistent', auth, ...extra });
}

describe(`local sign-in and sessions (${testDatabaseKind})`, () => {
  let app: App;
  beforeAll(async () => {
    app = await testApp();
    await ensureLocalUsers(app.database.db);
  });

  it('shows an accessible, clearly marked local test sign-in page without scripts', async () => {
    const res = await app.inject({ url: '/logg-inn' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const html = res.body;
    expect(html).toContain('<html lang="nb">');
    expect(html).toContain('Lokal testinnlogging');
    expect(html).toContain('Bare for utprøving');
    expect(html).not.toMatch(/<script|\sstyle=|\son\w+=/i);
    for (const u of LOCAL_USERS) {
      expect(html).toContain(
        `<input type="radio" id="bruker-${u.key}" name="user" value="${u.key}"`,
      );
      expect(html).toContain(`<label for="bruker-${u.key}">`);
    }
    expect(html).toMatch(/<fieldset>\s*<legend>Velg eksempelbruker<\/legend>/);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    // Swagger UI styles its markup inline: only its pages allow inline styles, never scripts.
    const docs = await app.inject({ url: '/api/docs' });
    expect(docs.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect(docs.headers['content-security-policy']).toContain("script-src 'self';");
  });

  it('signs in with a server-side session: HttpOnly, SameSite=Lax cookie, only its sha256 stored', async () => {
    const page = await app.inject({ url: '/logg-inn?returnTo=/oppdrag/1' });
    const login = cookies(page.headers['set-cookie']).find((c) => c.startsWith('tildel_login='))!;
    const form = /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const res = await app.inject({
      method: 'POST',
      url: '/logg-inn',
      headers: {
        cookie: login.split(';')[0]!,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: `user=koordinator-havdata&csrf=${encodeURIComponent(form)}&returnTo=${encodeURIComponent('/oppdrag/1')}`,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/oppdrag/1');
    const set = sessionCookie(res.headers['set-cookie'])!;
    expect(set).toMatch(/; HttpOnly/);
    expect(set).toMatch(/; SameSite=Lax/);
    expect(set).toMatch(/; Path=\//);
    expect(set).not.toMatch(/; Secure/);
    const cookie = set.split(';')[0]!;
    const token = tokenOf(cookie);
    expect(token.length).toBeGreaterThanOrEqual(43); // 256 bits

    const stored = await app.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.tokenHash, sha256(token)));
    expect(stored).toHaveLength(1);
    const [leak] = await queryRows<{ n: number }>(
      app.database.db,
      sql`select count(*)::int as n from sessions where token_hash = ${token} or csrf_token = ${token}`,
    );
    expect(leak!.n).toBe(0);
    // 8 hours by default.
    const hours = (stored[0]!.expiresAt.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(7.9);
    expect(hours).toBeLessThanOrEqual(8);

    const me = (await app.inject({ url: '/api/me', headers: { cookie } })).json();
    expect(me.user).toMatchObject({
      name: 'Kari Kyst',
      roles: ['agency-coordinator'],
      organisation: { name: SAMPLE_AGENCY, kind: 'agency' },
    });
    expect(me.csrfToken).toEqual(stored[0]!.csrfToken);
    expect(me.abilities).toEqual({
      import: false,
      readAudit: true,
      subscribe: true,
      // Letters shared with the agency for consultation.
      readDrafts: true,
      writeLetters: false,
      // The reports the agency owes; only the ministry asks for ad hoc ones.
      readReports: true,
      createReports: false,
      // The governance meetings with the agency: read, not planned.
      readMeetings: true,
    });
  });

  it('tells anonymous callers nobody is signed in', async () => {
    const me = await app.inject({ url: '/api/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      user: null,
      csrfToken: null,
      signIn: { url: '/logg-inn', mode: 'local' },
      abilities: {
        import: false,
        readAudit: false,
        subscribe: false,
        readDrafts: false,
        writeLetters: false,
        // Visitors list the published (accepted annual) reports.
        readReports: true,
        createReports: false,
        readMeetings: false,
      },
    });
    expect(me.headers['cache-control']).toBe('no-store');
  });

  it('refuses the sign-in form without its own token, and unknown users', async () => {
    const page = await app.inject({ url: '/logg-inn' });
    const login = cookies(page.headers['set-cookie']).find((c) => c.startsWith('tildel_login='))!;
    const form = /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const post = (cookie: string | undefined, body: string) =>
      app.inject({
        method: 'POST',
        url: '/logg-inn',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(cookie ? { cookie } : {}),
        },
        payload: body,
      });
    // A cross-site form cannot know the token nor set the cookie.
    const noCookie = await post(undefined, `user=administrator&csrf=${form}`);
    expect(noCookie.statusCode).toBe(403);
    expect(noCookie.body).toContain('Skjemaet var utløpt');
    expect(sessionCookie(noCookie.headers['set-cookie'])).toBeUndefined();
    const wrong = await post(login.split(';')[0], 'user=administrator&csrf=not-the-token');
    expect(wrong.statusCode).toBe(403);
    const unknown = await post(login.split(';')[0], `user=nobody&csrf=${form}`);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('role="alert"');
    expect(sessionCookie(unknown.headers['set-cookie'])).toBeUndefined();
  });

  it('only returns to paths on this site after sign-in', () => {
    expect(safeReturnTo('/dokumenter/1?x=2')).toBe('/dokumenter/1?x=2');
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      'x',
      '',
      undefined,
    ]) {
      expect(safeReturnTo(bad)).toBe('/');
    }
  });

  it('requires the CSRF header on cookie-authenticated writes, then signs out', async () => {
    const s = await signIn(app, 'ministry-reader', { fresh: true });
    const noHeader = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie },
    });
    expect(noHeader.statusCode).toBe(403);
    expect(noHeader.json().error).toBe('csrf');
    expect(
      (await app.inject({ url: '/api/me', headers: { cookie: s.cookie } })).json().user,
    ).not.toBeNull();

    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers });
    expect(out.statusCode).toBe(204);
    expect(sessionCookie(out.headers['set-cookie'])).toMatch(/^tildel_session=;/);
    const after = await app.inject({ url: '/api/me', headers: { cookie: s.cookie } });
    expect(after.json().user).toBeNull();
    const rows = await app.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.tokenHash, sha256(tokenOf(s.cookie))));
    expect(rows).toHaveLength(0);
  });

  it('refuses expired sessions', async () => {
    const s = await signIn(app, 'ministry-budget-officer', { fresh: true });
    await app.database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.tokenHash, sha256(tokenOf(s.cookie))));
    const me = await app.inject({ url: '/api/me', headers: { cookie: s.cookie } });
    expect(me.json().user).toBeNull();
    // The stale cookie is cleared, and writes with it are anonymous (refused by the policy).
    expect(sessionCookie(me.headers['set-cookie'])).toMatch(/^tildel_session=;/);
    const write = await app.inject({ method: 'POST', url: '/api/imports', headers: s.headers });
    expect(write.statusCode).toBe(403);
    expect(write.json().error).toBe('forbidden');
  });

  it('records sign-in and sign-out in the audit trail with the user as actor', async () => {
    const s = await signIn(app, 'auditor', { fresh: true });
    const [row] = await app.database.db
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.tokenHash, sha256(tokenOf(s.cookie))));
    await app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers });
    const admin = await signIn(app, 'administrator');
    const history = await app.inject({
      url: `/api/audit?objectType=session&objectId=${row!.id}`,
      headers: admin.headers,
    });
    expect(history.statusCode).toBe(200);
    const entries = history.json().entries;
    expect(entries.map((e: { action: string }) => e.action)).toEqual([
      'session.create',
      'session.end',
    ]);
    expect(entries[0]).toMatchObject({
      actor: `user:${s.user.id}`,
      actorName: s.user.name,
      after: { userId: s.user.id, method: 'local' },
    });
    expect(JSON.stringify(entries)).not.toContain(tokenOf(s.cookie));
    // Sessions' history is for auditors and administrators only.
    const coordinator = await signIn(app, 'agency-coordinator');
    const denied = await app.inject({
      url: `/api/audit?objectType=session&objectId=${row!.id}`,
      headers: coordinator.headers,
    });
    expect(denied.statusCode).toBe(404);
  });

  it('shows a document history to its ministry, to the agency once shared, to auditors', async () => {
    const draft = await storeScopedDocument(app, 'draft');
    const shared = await storeScopedDocument(app, 'shared');
    const ask = async (who: Parameters<typeof signIn>[1] | null, id: string, type = 'document') =>
      (
        await app.inject({
          url: `/api/audit?objectType=${type}&objectId=${id}`,
          headers: who ? (await signIn(app, who)).headers : {},
        })
      ).statusCode;
    expect(await ask('ministry-reader', draft.documentId)).toBe(200);
    expect(await ask('agency-coordinator', draft.documentId)).toBe(404);
    expect(await ask('agency-coordinator', shared.documentId)).toBe(200);
    expect(await ask('user:koordinator-fjordlos', shared.documentId)).toBe(404);
    expect(await ask('auditor', draft.documentId)).toBe(200);
    expect(await ask(null, shared.documentId)).toBe(403);
    expect(await ask('agency-assignment-owner', shared.assignmentId, 'assignment')).toBe(200);
    expect(await ask('agency-assignment-owner', draft.assignmentId, 'assignment')).toBe(404);
    expect(await ask('ministry-reader', 'not-a-uuid')).toBe(404);
    const res = await app.inject({
      url: `/api/audit?objectType=document&objectId=${shared.documentId}`,
      headers: (await signIn(app, 'ministry-reader')).headers,
    });
    expect(res.json().entries[0]).toMatchObject({
      action: 'import.create',
      objectType: 'document',
      objectId: shared.documentId,
      actor: 'system:test',
    });
    const bad = await app.inject({
      url: '/api/audit?objectType=document',
      headers: (await signIn(app, 'ministry-reader')).headers,
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('sign-in configuration', () => {
  const provider = {
    issuer: 'https://login.example.no',
    clientId: 'tildel',
    clientSecret: 's3cret',
  };
  const env = {
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_REDIRECT_URI: 'https://tildel.example.no/api/auth/oidc/callback',
  };

  it('refuses the local test sign-in beyond loopback unless allowed for a demo, and warns without TLS', () => {
    const safety = (e: Record<string, string>) => listenSafety(loadConfig(e));
    for (const HOST of ['localhost', '127.0.0.1', '::1', '[::1]']) {
      expect(safety({ HOST })).toEqual({
        refusal: null,
        warnings: [expect.stringMatching(/local test sign-in is enabled/)],
      });
    }
    for (const HOST of ['0.0.0.0', '::', '10.0.0.5', 'tildel.example.no']) {
      expect(safety({ HOST }).refusal).toMatch(/TILDEL_LOCAL_SIGNIN=demo/);
    }
    const demo = loadConfig({ HOST: '0.0.0.0', TILDEL_LOCAL_SIGNIN: 'demo' });
    expect(authOptionsFromConfig(demo).localSignIn).toBe(true);
    expect(listenSafety(demo).refusal).toBeNull();
    expect(listenSafety(demo).warnings).toEqual([
      expect.stringMatching(/open to everyone/),
      expect.stringMatching(/without Secure/),
    ]);
    expect(safety({ HOST: '0.0.0.0', TILDEL_LOCAL_SIGNIN: 'off' })).toEqual({
      refusal: null,
      warnings: [expect.stringMatching(/TILDEL_TLS=on/)],
    });
    expect(safety({ ...env, HOST: '0.0.0.0', TILDEL_TLS: 'on' })).toEqual({
      refusal: null,
      warnings: [],
    });
    expect(() => loadConfig({ ...env, TILDEL_LOCAL_SIGNIN: 'demo' })).toThrow(/demo/);
  });

  it('never enables local test sign-in when a provider is configured', async () => {
    expect(authOptionsFromConfig(loadConfig({})).localSignIn).toBe(true);
    expect(authOptionsFromConfig(loadConfig({ TILDEL_LOCAL_SIGNIN: 'off' })).localSignIn).toBe(
      false,
    );
    const withProvider = authOptionsFromConfig(loadConfig(env));
    expect(withProvider.localSignIn).toBe(false);
    expect(withProvider.oidc).toMatchObject({
      issuer: provider.issuer,
      claims: { roles: 'tildel_roles' },
    });
    expect(() => loadConfig({ ...env, TILDEL_LOCAL_SIGNIN: 'on' })).toThrow(/TILDEL_LOCAL_SIGNIN/);
    expect(() => loadConfig({ OIDC_ISSUER: provider.issuer })).toThrow(/must be set together/);
    expect(() => resolveAuthOptions({ oidc: oidcOptions(provider), localSignIn: true })).toThrow(
      /cannot be enabled/,
    );
    await expect(otherApp({ oidc: oidcOptions(provider), localSignIn: true })).rejects.toThrow(
      /cannot be enabled/,
    );

    const app = await otherApp({ oidc: oidcOptions(provider) });
    try {
      await ensureLocalUsers(app.database.db); // even with sample users in the database
      const page = await app.inject({ url: '/logg-inn' });
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('Lokal testinnlogging');
      for (const u of LOCAL_USERS) expect(page.body).not.toContain(u.name);
      expect(page.body).toContain('href="/api/auth/oidc/start?returnTo=%2F"');
      const post = await app.inject({
        method: 'POST',
        url: '/logg-inn',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'user=administrator&csrf=x',
      });
      expect(post.statusCode).toBe(404);
      expect(app.routeCatalog.some((r) => r.method === 'POST' && r.url === '/logg-inn')).toBe(
        false,
      );
      expect((await app.inject({ url: '/api/me' })).json().signIn.mode).toBe('oidc');
    } finally {
      await app.close();
    }
  });

  it('uses Secure cookies and HSTS behind TLS, and a configurable session length', async () => {
    const app = await otherApp({ tls: true, sessionHours: 1 });
    try {
      const page = await app.inject({ url: '/logg-inn' });
      expect(page.headers['strict-transport-security']).toMatch(/max-age=31536000/);
      expect(page.headers['content-security-policy']).toContain('upgrade-insecure-requests');
      const s = await app.inject({ url: '/logg-inn' });
      const login = cookies(s.headers['set-cookie']).find((c) => c.startsWith('tildel_login='))!;
      expect(login).toMatch(/; Secure/);
      const form = /name="csrf" value="([^"]+)"/.exec(s.body)![1]!;
      const res = await app.inject({
        method: 'POST',
        url: '/logg-inn',
        headers: {
          cookie: login.split(';')[0]!,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: `user=revisor&csrf=${encodeURIComponent(form)}`,
      });
      const set = sessionCookie(res.headers['set-cookie'])!;
      expect(set).toMatch(/; Secure/);
      const expires = new Date(/Expires=([^;]+)/.exec(set)![1]!).getTime();
      expect((expires - Date.now()) / 3_600_000).toBeLessThanOrEqual(1);
      expect((expires - Date.now()) / 3_600_000).toBeGreaterThan(0.9);
    } finally {
      await app.close();
    }
  });

  it('rate-limits sign-in and imports', async () => {
    const app = await otherApp({
      rateLimits: {
        signIn: { max: 2, timeWindow: 60_000 },
        imports: { max: 1, timeWindow: 60_000 },
      },
    });
    try {
      const post = () =>
        app.inject({
          method: 'POST',
          url: '/logg-inn',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: 'user=x&csrf=y',
        });
      expect((await post()).statusCode).toBe(403);
      expect((await post()).statusCode).toBe(403);
      expect((await post()).statusCode).toBe(429);
      expect((await app.inject({ method: 'POST', url: '/api/imports' })).statusCode).toBe(403);
      expect((await app.inject({ method: 'POST', url: '/api/imports' })).statusCode).toBe(429);
      // Reading is not limited.
      expect((await app.inject({ url: '/api/me' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe(`rate limit keys (${testDatabaseKind})`, () => {
  const limits = {
    signIn: { max: 2, timeWindow: 60_000 },
    imports: { max: 1, timeWindow: 60_000 },
    feeds: { max: 2, timeWindow: 60_000 },
  };
  const signInPost = (remoteAddress: string, forwardedFor?: string) =>
    ({
      method: 'POST',
      url: '/logg-inn',
      remoteAddress,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
      },
      payload: 'user=x&csrf=y',
    }) as const;

  it('counts a signed-in user once, whichever address the session comes from', async () => {
    const app = await otherApp({
      rateLimits: { ...limits, signIn: { max: 50, timeWindow: 60_000 } },
    });
    try {
      const a = await signIn(app, 'ministry-budget-officer', { fresh: true });
      const b = await signIn(app, 'ministry-budget-officer', { fresh: true });
      const other = await signIn(app, 'ministry-department-officer', { fresh: true });
      const post = (headers: Record<string, string>, remoteAddress: string) =>
        app.inject({ method: 'POST', url: '/api/imports', headers, remoteAddress });
      expect((await post(a.headers, '192.0.2.1')).statusCode).not.toBe(429);
      // The same user from another address and session: the same limit.
      expect((await post(b.headers, '198.51.100.7')).statusCode).toBe(429);
      // Another user behind the same address (a proxy, an office): a limit of their own.
      expect((await post(other.headers, '192.0.2.1')).statusCode).not.toBe(429);
    } finally {
      await app.close();
    }
  });

  it('keys anonymous callers by the forwarded address only behind a trusted proxy', async () => {
    const proxied = await otherApp({ rateLimits: limits }, { trustProxy: 1 });
    try {
      for (let i = 0; i < 2; i++) {
        expect((await proxied.inject(signInPost('127.0.0.1', '203.0.113.1'))).statusCode).toBe(403);
      }
      expect((await proxied.inject(signInPost('127.0.0.1', '203.0.113.1'))).statusCode).toBe(429);
      // Another client behind the same proxy is not limited by the first.
      expect((await proxied.inject(signInPost('127.0.0.1', '203.0.113.2'))).statusCode).toBe(403);
    } finally {
      await proxied.close();
    }
    const direct = await otherApp({ rateLimits: limits });
    try {
      // Without a trusted proxy the header is the caller's own claim: ignored.
      for (const forwarded of ['203.0.113.1', '203.0.113.2']) {
        expect((await direct.inject(signInPost('192.0.2.9', forwarded))).statusCode).toBe(403);
      }
      expect((await direct.inject(signInPost('192.0.2.9', '203.0.113.3'))).statusCode).toBe(429);
    } finally {
      await direct.close();
    }
  });

  it('reads the trusted proxies from TILDEL_TRUST_PROXY', () => {
    expect(loadConfig({}).TILDEL_TRUST_PROXY).toBeUndefined();
    expect(loadConfig({ TILDEL_TRUST_PROXY: '1' }).TILDEL_TRUST_PROXY).toBe(1);
    expect(loadConfig({ TILDEL_TRUST_PROXY: '10.0.0.1, 10.1.0.0/16' }).TILDEL_TRUST_PROXY).toBe(
      '10.0.0.1, 10.1.0.0/16',
    );
    expect(() => loadConfig({ TILDEL_TRUST_PROXY: 'yes' })).toThrow(/TILDEL_TRUST_PROXY/);
  });

  it('limits calendar feed requests', async () => {
    const app = await otherApp({ rateLimits: limits });
    try {
      const url = '/api/calendar/feeds/abcdefghijklmnopqrstuvwxyz012345.ics';
      expect((await app.inject({ url })).statusCode).toBe(404);
      expect((await app.inject({ url })).statusCode).toBe(404);
      expect((await app.inject({ url })).statusCode).toBe(429);
    } finally {
      await app.close();
    }
  });
});

describe(`OpenID Connect sign-in (${testDatabaseKind})`, () => {
  let provider: TestProvider;
  let app: App;
  const lines: string[] = [];
  beforeAll(async () => {
    provider = await startTestProvider();
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    app = await otherApp(
      { oidc: oidcOptions(provider) },
      { loggerInstance: createLogger('info', stream) },
    );
    await ensureLocalUsers(app.database.db); // the organisations
  });
  afterAll(async () => {
    await app.close();
    await provider.close();
  });

  async function flow(code: string, claims: Record<string, unknown>) {
    const start = await app.inject({ url: '/api/auth/oidc/start?returnTo=/oppdrag' });
    expect(start.statusCode).toBe(302);
    const authorize = new URL(start.headers.location as string);
    expect(authorize.origin + authorize.pathname).toBe(`${provider.issuer}/authorize`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(
      'http://localhost/api/auth/oidc/callback',
    );
    provider.grant(code, authorize.href, claims);
    const pending = cookies(start.headers['set-cookie']).find((c) => c.startsWith('tildel_oidc='))!;
    expect(pending).toMatch(/HttpOnly/);
    const state = authorize.searchParams.get('state')!;
    return app.inject({
      url: `/api/auth/oidc/callback?code=${code}&state=${state}`,
      headers: { cookie: pending.split(';')[0]! },
    });
  }

  it('signs in with code + PKCE and maps organisation, roles and department from the ID token', async () => {
    const res = await flow('code-one', {
      sub: 'person-1',
      name: 'Nora Nettleser',
      email: 'nora@example.no',
      tildel_org: 'Klima- og havdepartementet',
      tildel_roles: ['ministry-department-officer', 'superuser'],
      tildel_department: 'HFA',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/oppdrag');
    const cookie = sessionCookie(res.headers['set-cookie'])!.split(';')[0]!;
    const me = (await app.inject({ url: '/api/me', headers: { cookie } })).json();
    expect(me.user).toMatchObject({
      name: 'Nora Nettleser',
      email: 'nora@example.no',
      roles: ['ministry-department-officer'],
      departmentCode: 'HFA',
      organisation: { name: 'Klima- og havdepartementet', kind: 'ministry' },
    });
    // The provider's one-time code never reaches the log.
    const log = lines.join('');
    expect(log).toContain('/api/auth/oidc/callback?[redacted]');
    expect(log).not.toContain('code-one');
    expect(log).not.toContain(tokenOf(cookie));
  });

  it('gives each sign-in route a budget of its own, a HEAD spending its GET’s', async () => {
    // A window of its own for each run: a rerun on the same database starts afresh.
    const signInLimit = { max: 1, timeWindow: 60_000 + 1 + Math.floor(Math.random() * 9_999) };
    const limited = await otherApp({
      oidc: oidcOptions(provider),
      rateLimits: { signIn: signInLimit },
    });
    try {
      const get = (url: string, method: 'GET' | 'HEAD' = 'GET') =>
        limited.inject({ method, url, remoteAddress: '192.0.2.71' });
      expect((await get('/api/auth/oidc/start')).statusCode).toBe(302);
      expect((await get('/api/auth/oidc/start', 'HEAD')).statusCode).toBe(429);
      // The callback counts apart: a sign-in spends one hit on each route.
      expect((await get('/api/auth/oidc/callback')).statusCode).toBe(303);
      expect((await get('/api/auth/oidc/callback')).statusCode).toBe(429);
      expect((await get('/api/auth/oidc/start')).statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('refuses an unknown organisation, a wrong state and a replayed code', async () => {
    const unknown = await flow('code-two', {
      sub: 'p2',
      tildel_org: 'Ukjent etat',
      tildel_roles: 'auditor',
    });
    expect(unknown.statusCode).toBe(303);
    expect(unknown.headers.location).toBe('/logg-inn?feil=organisasjon');
    expect(sessionCookie(unknown.headers['set-cookie'])).toBeUndefined();

    const start = await app.inject({ url: '/api/auth/oidc/start' });
    const authorize = new URL(start.headers.location as string);
    provider.grant('code-three', authorize.href, { sub: 'p3', tildel_org: SAMPLE_AGENCY });
    const pending = cookies(start.headers['set-cookie']).find((c) => c.startsWith('tildel_oidc='))!;
    const forged = await app.inject({
      url: '/api/auth/oidc/callback?code=code-three&state=forged',
      headers: { cookie: pending.split(';')[0]! },
    });
    expect(forged.headers.location).toBe('/logg-inn?feil=innlogging');
    const noCookie = await app.inject({
      url: `/api/auth/oidc/callback?code=code-three&state=${authorize.searchParams.get('state')}`,
    });
    expect(noCookie.headers.location).toBe('/logg-inn?feil=innlogging');
    expect(sessionCookie(noCookie.headers['set-cookie'])).toBeUndefined();
  });
});

describe(`logging (${testDatabaseKind})`, () => {
  it('never writes session tokens, CSRF tokens or cookies to the log', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('trace', stream);
    const app = await otherApp({}, { loggerInstance: logger });
    try {
      const s = await signIn(app, 'administrator', { fresh: true });
      await app.inject({ url: '/api/me', headers: s.headers });
      await app.inject({ method: 'POST', url: '/api/imports', headers: { cookie: s.cookie } }); // csrf refusal
      await app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers });
      // Even code that logs a whole header set gets it redacted.
      logger.info({ headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } }, 'headers');
      const log = lines.join('');
      expect(lines.length).toBeGreaterThan(8);
      expect(log).toContain('"msg":"incoming request"');
      expect(log).toContain('[redacted]');
      expect(log).not.toContain(tokenOf(s.cookie));
      expect(log).not.toContain(s.csrf);
    } finally {
      await app.close();
    }
  });

  it('never writes calendar feed tokens to the log', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await otherApp({}, { loggerInstance: createLogger('info', stream) });
    try {
      const s = await signIn(app, 'agency-coordinator', { fresh: true });
      const me = await app.inject({ url: '/api/me', headers: s.headers });
      const agencyId = (me.json() as { user: { organisation: { id: string } } }).user.organisation
        .id;
      const created = await app.inject({
        method: 'POST',
        url: '/api/calendar/feeds',
        headers: { ...s.headers, 'content-type': 'application/json' },
        payload: JSON.stringify({ scope: 'agency', scopeId: agencyId, label: 'Logg' }),
      });
      expect(created.statusCode).toBe(201);
      const { token, path } = created.json() as { token: string; path: string };
      const feed = await app.inject({ url: `${path}?x=1` });
      expect(feed.statusCode).toBe(200);
      const log = lines.join('');
      expect(log).toContain('/api/calendar/feeds/[redacted].ics');
      expect(log).not.toContain(token);
    } finally {
      await app.close();
    }
  });
});
