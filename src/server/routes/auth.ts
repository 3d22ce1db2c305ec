/**
 * Sign-in, sign-out and the current user.
 * - GET /logg-inn: a small server-rendered page (bokmål, no scripts). Without an OpenID Connect
 *   provider it lists the sample users for LOCAL TEST SIGN-IN (POST /logg-inn); with a provider
 *   it links to /api/auth/oidc/start and the local routes do not exist at all.
 * - POST /api/auth/logout ends the session; GET /api/me tells the web client who is signed in
 *   and gives it the CSRF token for writes.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody } from '../../contract/api';
import { Me } from '../../contract/auth';
import { DEFAULT_MAX_BYTES } from '../../import/extract';
import {
  createSession,
  endSession,
  purgeExpiredSessions,
  sameToken,
  SESSION_COOKIE,
  type ActiveSession,
} from '../../services/sessions';
import {
  actorFromUser,
  findLocalUser,
  listLocalUsers,
  UnknownOrganisation,
  upsertProviderUser,
  type LocalUserListing,
  type UserRow,
} from '../../services/users';
import { cookieOptions } from '../auth/plugin';
import { OIDC_COOKIE, OidcSignIn } from '../auth/oidc';
import { Language, LANGUAGES, type Role } from '../../contract/enums';
import { languageFromAcceptLanguage } from '../../locales/negotiate';
import { cookieLanguage, LANGUAGE_COOKIE, LANGUAGE_COOKIE_MAX_AGE } from '../language';
import { fill, LOCALES } from '../../locales/render';
import { can, mayAttempt } from '../../domain/policy';

const LOGIN_COOKIE = 'tildel_login';

/** Only same-site paths: `/x`, never `//host` or `/\host`. */
export function safeReturnTo(value: string | undefined): string {
  if (!value || !/^\/(?![/\\])[^\s\\]*$/.test(value)) return '/';
  return value;
}

const ReturnTo = z.string().max(500).optional();

/** Why the page is shown again (`?feil=`); the texts are the locale files' `signIn.errors`. */
const ERROR_CODES = ['skjema', 'bruker', 'organisasjon', 'innlogging'] as const;
type ErrorCode = (typeof ERROR_CODES)[number];

/** Each language's name in that language, for the page's language links. */
const LANGUAGE_NAMES: Record<Language, string> = { nb: 'Bokmål', nn: 'Nynorsk', en: 'English' };

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

interface PageInput {
  mode: 'local' | 'oidc' | 'none';
  users: LocalUserListing[];
  csrf: string;
  returnTo: string;
  error: ErrorCode | undefined;
  signedInAs: { name: string; organisation: string | null } | null;
  language: Language;
}

/** A locale pattern as HTML: its text escaped, its values HTML given by the caller. */
const html = (pattern: string, values: Record<string, string> = {}) =>
  fill(esc(pattern), (n) => values[n] ?? '');

/** The sign-in page in the reader's language (`<html lang>` says which). */
export function signInPage(p: PageInput): string {
  const text = LOCALES[p.language].signIn;
  const parts: string[] = [];
  if (p.error) parts.push(`<p class="feil" role="alert">${esc(text.errors[p.error])}</p>`);
  if (p.signedInAs) {
    const values = {
      name: `<strong>${esc(p.signedInAs.name)}</strong>`,
      organisation: esc(p.signedInAs.organisation ?? ''),
    };
    const who = p.signedInAs.organisation ? text.signedInAsWithOrganisation : text.signedInAs;
    parts.push(
      `<p>${html(who, values)} <a href="${esc(p.returnTo)}">${esc(text.continue)}</a></p>`,
    );
  }
  if (p.mode === 'local') {
    const options = p.users
      .map(
        (u, i) => `        <div class="valg">
          <input type="radio" id="bruker-${esc(u.key)}" name="user" value="${esc(u.key)}"${i === 0 ? ' checked' : ''} required>
          <label for="bruker-${esc(u.key)}"><strong>${esc(u.name)}</strong> – ${esc(u.description)}<br><span class="detalj">${esc(
            u.roles.map((r) => text.roles[r as Role] ?? r).join(', '),
          )}${u.organisation ? `, ${esc(u.organisation)}` : ''}</span></label>
        </div>`,
      )
      .join('\n');
    parts.push(`<section class="lokal" aria-labelledby="lokal-tittel">
      <h2 id="lokal-tittel">${esc(text.localHeading)}</h2>
      <p class="advarsel"><strong>${esc(text.localWarningLead)}</strong> ${esc(text.localWarning)}</p>
      <form method="post" action="/logg-inn">
        <input type="hidden" name="csrf" value="${esc(p.csrf)}">
        <input type="hidden" name="returnTo" value="${esc(p.returnTo)}">
        <fieldset>
          <legend>${esc(text.chooseUser)}</legend>
${options || `          <p>${esc(text.noUsers)}</p>`}
        </fieldset>
        <button type="submit">${esc(text.submit)}</button>
      </form>
    </section>`);
  } else if (p.mode === 'oidc') {
    parts.push(
      `<p><a class="knapp" href="/api/auth/oidc/start?returnTo=${encodeURIComponent(p.returnTo)}">${esc(text.oidc)}</a></p>`,
    );
  } else {
    parts.push(`<p>${esc(text.none)}</p>`);
  }
  return `<!doctype html>
<html lang="${p.language}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${esc(text.title)}</title>
    <link rel="stylesheet" href="/logg-inn/stil.css">
  </head>
  <body>
    <main>
      <h1>${esc(text.heading)}</h1>
      ${parts.join('\n      ')}
      <p><a href="/">${esc(text.withoutSignIn)}</a> ${esc(text.withoutSignInNote)}</p>
      <nav aria-label="${esc(text.language)}"><ul class="sprak">${LANGUAGES.map(
        (code) =>
          `<li><a href="/logg-inn?lang=${code}&amp;returnTo=${encodeURIComponent(p.returnTo)}" lang="${code}" hreflang="${code}"${code === p.language ? ' aria-current="true"' : ''}>${esc(LANGUAGE_NAMES[code])}</a></li>`,
      ).join('')}</ul></nav>
    </main>
  </body>
</html>
`;
}

const STYLESHEET = `.sprak{list-style:none;padding:0;display:flex;gap:1rem}
body{font-family:system-ui,sans-serif;margin:0;background:#f4f5f6;color:#1e2b3c;line-height:1.5}
main{max-width:40rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:8px}
h1{font-size:1.75rem;margin-top:0}
.lokal{border:3px dashed #b35900;padding:1rem;border-radius:8px}
.advarsel{background:#fff4e5;padding:.75rem;border-left:4px solid #b35900}
.feil{background:#fde8e8;padding:.75rem;border-left:4px solid #c30000}
fieldset{border:0;padding:0;margin:1rem 0}
legend{font-weight:600;margin-bottom:.5rem}
.valg{display:flex;gap:.5rem;align-items:flex-start;margin:.5rem 0}
.valg input{margin-top:.35rem;width:1.25rem;height:1.25rem}
.detalj{color:#4a5563;font-size:.9rem}
button,.knapp{font:inherit;background:#0062ba;color:#fff;border:0;padding:.6rem 1.2rem;border-radius:4px;cursor:pointer;text-decoration:none;display:inline-block}
button:focus-visible,.knapp:focus-visible,a:focus-visible,input:focus-visible{outline:3px solid #1e2b3c;outline-offset:2px}
`;

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const auth = app.auth;
  const db = app.database.db;
  const oidc = auth.oidc ? new OidcSignIn(auth.oidc) : null;
  const mode = auth.localSignIn ? 'local' : oidc ? 'oidc' : 'none';
  const signInLimit = { rateLimit: auth.rateLimits.signIn };

  const startSession = async (reply: FastifyReply, user: UserRow, method: 'local' | 'oidc') => {
    const session = await createSession(db, actorFromUser(user), user, {
      hours: auth.sessionHours,
      method,
    });
    reply.setCookie(SESSION_COOKIE, session.token, cookieOptions(auth, session.expiresAt));
    await purgeExpiredSessions(db);
  };

  const renderPage = async (
    request: {
      session: ActiveSession | null;
      cookies: Record<string, string | undefined>;
      headers: { 'accept-language'?: string | undefined };
    },
    reply: FastifyReply,
    opts: { returnTo: string; error: ErrorCode | undefined; status?: number; lang?: Language },
  ) => {
    // ?lang= (kept in a cookie for the next page), else that cookie, else the browser's, else nb.
    if (opts.lang) {
      // For every path and readable by the web client, whose switch keeps the same choice.
      reply.setCookie(LANGUAGE_COOKIE, opts.lang, {
        path: '/',
        httpOnly: false,
        sameSite: 'lax',
        secure: auth.tls,
        maxAge: LANGUAGE_COOKIE_MAX_AGE,
      });
    }
    const language =
      opts.lang ??
      cookieLanguage(request.cookies) ??
      languageFromAcceptLanguage(request.headers['accept-language']) ??
      'nb';
    let csrf = '';
    if (mode === 'local') {
      csrf = request.cookies[LOGIN_COOKIE] ?? randomBytes(32).toString('base64url');
      reply.setCookie(LOGIN_COOKIE, csrf, {
        path: '/logg-inn',
        httpOnly: true,
        sameSite: 'strict',
        secure: auth.tls,
        maxAge: 3600,
      });
    }
    const html = signInPage({
      mode,
      users: mode === 'local' ? await listLocalUsers(db) : [],
      csrf,
      returnTo: opts.returnTo,
      error: opts.error,
      signedInAs: request.session
        ? {
            name: request.session.user.name,
            organisation: request.session.organisation?.name ?? null,
          }
        : null,
      language,
    });
    return reply
      .code(opts.status ?? 200)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(html);
  };

  app.get(
    '/logg-inn',
    {
      config: { action: 'auth.signin' },
      schema: {
        summary: 'The sign-in page (HTML)',
        hide: true,
        querystring: z.object({
          returnTo: ReturnTo,
          feil: z.enum(ERROR_CODES).optional(),
          lang: Language.optional(),
        }),
      },
    },
    async (request, reply) =>
      renderPage(request, reply, {
        returnTo: safeReturnTo(request.query.returnTo),
        error: request.query.feil,
        ...(request.query.lang ? { lang: request.query.lang } : {}),
      }),
  );

  app.get(
    '/logg-inn/stil.css',
    { config: { action: 'public' }, schema: { hide: true, querystring: z.object({}) } },
    async (_request, reply) =>
      reply
        .type('text/css; charset=utf-8')
        .header('cache-control', 'max-age=3600')
        .send(STYLESHEET),
  );

  if (auth.localSignIn) {
    app.post(
      '/logg-inn',
      {
        config: { action: 'auth.signin', csrf: 'form', ...signInLimit },
        schema: {
          summary: 'Local test sign-in as a sample user (only without an OIDC provider)',
          hide: true,
          body: z.object({
            user: z.string().max(100).optional(),
            csrf: z.string().max(100),
            returnTo: ReturnTo,
          }),
        },
      },
      async (request, reply) => {
        const returnTo = safeReturnTo(request.body.returnTo);
        const expected = request.cookies[LOGIN_COOKIE];
        if (!expected || !sameToken(expected, request.body.csrf)) {
          return renderPage(request, reply, { returnTo, error: 'skjema', status: 403 });
        }
        const user = request.body.user ? await findLocalUser(db, request.body.user) : null;
        if (!user) return renderPage(request, reply, { returnTo, error: 'bruker', status: 400 });
        if (request.session) await endSession(db, request.actor, request.session.id);
        await startSession(reply, user, 'local');
        reply.clearCookie(LOGIN_COOKIE, { path: '/logg-inn' });
        return reply.code(303).header('location', returnTo).send();
      },
    );
  }

  if (oidc) {
    app.get(
      '/api/auth/oidc/start',
      {
        config: { action: 'auth.signin', ...signInLimit },
        schema: {
          summary: 'Start sign-in at the OpenID Connect provider (redirect)',
          querystring: z.object({ returnTo: ReturnTo }),
        },
      },
      async (request, reply) => {
        const { url, cookie } = await oidc.start(safeReturnTo(request.query.returnTo));
        reply.setCookie(OIDC_COOKIE, cookie, {
          path: '/api/auth/oidc',
          httpOnly: true,
          sameSite: 'lax',
          secure: auth.tls,
          maxAge: 600,
        });
        return reply.code(302).header('location', url).send();
      },
    );

    app.get(
      '/api/auth/oidc/callback',
      {
        config: { action: 'auth.signin', ...signInLimit },
        schema: {
          summary: 'The OpenID Connect provider returns here',
          querystring: z.object({
            code: z.string().max(2000).optional(),
            state: z.string().max(500).optional(),
            error: z.string().max(200).optional(),
            iss: z.string().max(500).optional(),
            session_state: z.string().max(500).optional(),
          }),
        },
      },
      async (request, reply) => {
        const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
        reply.clearCookie(OIDC_COOKIE, { path: '/api/auth/oidc' });
        try {
          const { identity, returnTo } = await oidc.finish(query, request.cookies[OIDC_COOKIE]);
          const user = await upsertProviderUser(db, identity);
          if (request.session) await endSession(db, request.actor, request.session.id);
          await startSession(reply, user, 'oidc');
          return reply.code(303).header('location', returnTo).send();
        } catch (err) {
          const code: ErrorCode =
            err instanceof UnknownOrganisation ? 'organisasjon' : 'innlogging';
          request.log.warn({ reason: (err as Error).message }, 'OIDC sign-in failed');
          return reply.code(303).header('location', `/logg-inn?feil=${code}`).send();
        }
      },
    );
  }

  app.post(
    '/api/auth/logout',
    {
      config: { action: 'auth.signout' },
      schema: {
        summary: 'Sign out (ends the session)',
        response: { 204: z.null(), 403: ErrorBody },
      },
    },
    async (request, reply) => {
      if (request.session) await endSession(db, request.actor, request.session.id);
      reply.clearCookie(SESSION_COOKIE, cookieOptions(auth));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/me',
    {
      config: { action: 'me.read' },
      schema: {
        summary: 'The signed-in user, organisation, roles and CSRF token',
        response: { 200: Me },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const s = request.session;
      const me: Me = {
        user: s
          ? {
              id: s.user.id,
              name: s.user.name,
              email: s.user.email,
              roles: request.actor.kind === 'user' ? request.actor.roles : [],
              departmentCode: s.user.departmentCode,
              organisation: s.organisation,
              language: s.user.language,
            }
          : null,
        csrfToken: s?.csrfToken ?? null,
        expiresAt: s?.expiresAt.toISOString() ?? null,
        signIn: { url: '/logg-inn', mode },
        abilities: {
          import: can(request.actor, 'documents.import'),
          readAudit: can(request.actor, 'audit.read'),
          subscribe: can(request.actor, 'calendar.feeds'),
          readDrafts: mayAttempt(request.actor, 'drafts.read'),
          writeLetters: mayAttempt(request.actor, 'drafts.create'),
          readReports: mayAttempt(request.actor, 'reports.list'),
          createReports: mayAttempt(request.actor, 'reports.create'),
          readMeetings: mayAttempt(request.actor, 'meetings.list'),
        },
        limits: { maxUploadBytes: app.appOptions.maxUploadBytes ?? DEFAULT_MAX_BYTES },
      };
      return me;
    },
  );
};
