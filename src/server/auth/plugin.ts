/**
 * Authentication and hardening, installed on the root instance before any route:
 * - the session cookie → `request.actor` (anonymous without a live session);
 * - CSRF: a write (POST/PUT/PATCH/DELETE) authenticated by the session cookie must carry the
 *   session's CSRF token in `x-csrf-token` (double submit; the token comes from GET /api/me);
 *   routes marked `config.csrf: 'form'` check a form token themselves (the sign-in form);
 * - security headers (@fastify/helmet): CSP without inline scripts or styles, HSTS with TLS;
 * - rate limits (@fastify/rate-limit) on sign-in routes, POST /api/imports and calendar feeds,
 *   keyed by the limit's name and the signed-in user (one limit across sessions and addresses),
 *   else by the client address (the forwarded one only behind a trusted proxy: Fastify's
 *   trustProxy); counted in the database (rate-limit-store.ts), so every instance of the app on
 *   one database spends the same budget;
 * - a catalogue of every route with its method, URL and policy action (`app.routeCatalog`);
 * - `Authorization: Bearer …` (src/server/auth/bearer.ts): an API client's token → a client
 *   actor, with no session (the cookie is neither read nor set, no CSRF token is needed); an
 *   invalid, expired or revoked token → 401 with `WWW-Authenticate: Bearer error="invalid_token"`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { ANONYMOUS, type Action } from '../../domain/policy';
import {
  findSession,
  sameToken,
  SESSION_COOKIE,
  type ActiveSession,
} from '../../services/sessions';
import { actorFromUser } from '../../services/users';
import { resolveAuthOptions, type AuthOptions, type AuthSettings, type RateLimit } from './options';
import { databaseRateLimitStore } from './rate-limit-store';
import { bearerAuthenticator, bearerToken } from './bearer';
import { sendError } from '../reply';

export interface RouteEntry {
  method: string;
  url: string;
  action: Action | undefined;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `form`: the route checks a CSRF token in its form body itself (no header needed). */
    csrf?: 'form';
  }
  interface FastifyRequest {
    /** The live session behind the cookie, or null. */
    session: ActiveSession | null;
  }
  interface FastifyInstance {
    auth: AuthOptions;
    /** Every route registered, in order (HEAD twins of GET routes included). */
    routeCatalog: RouteEntry[];
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Routes that get a rate limit without declaring one (owned by other route files). */
const RATE_LIMITED: Record<string, keyof AuthOptions['rateLimits']> = {
  'POST /api/imports': 'imports',
  'GET /api/calendar/feeds/:token.ics': 'feeds',
  'HEAD /api/calendar/feeds/:token.ics': 'feeds',
  'POST /oauth/token': 'token',
};

/** Whose budget a request spends: the signed-in user's, an API client's, else the address's. */
export function rateLimitKey(request: FastifyRequest): string {
  if (request.actor?.kind === 'client') return `client:${request.actor.id}`;
  return request.session ? `user:${request.session.user.id}` : `ip:${request.ip}`;
}

/**
 * A limit's options for @fastify/rate-limit: its budget is its own (`name`), per caller
 * (`rateLimitKey`), whichever route or instance counts it. Routes that share a limit's name
 * share its budget (the open-data routes; a feed's GET and HEAD).
 */
export function namedLimit(name: string, limit: RateLimit) {
  return { max: limit.max, timeWindow: limit.timeWindow, keyGenerator: keyOfLimit(name) };
}

const keyOfLimit = (name: string) => (request: FastifyRequest) =>
  `${name}:${rateLimitKey(request)}`;

/**
 * The name of a route's own limit: the route, after the setting whose size it has (the sign-in
 * routes': `signIn:POST /logg-inn`). Each route has a budget of its own, as a sign-in through
 * the provider spends one hit on its start and one on its callback; a HEAD request spends its
 * GET's.
 */
function limitName(auth: AuthOptions, limit: object, method: string, url: string): string {
  const names = Object.keys(auth.rateLimits) as Array<keyof AuthOptions['rateLimits']>;
  const setting = names.find((n) => auth.rateLimits[n] === limit);
  const route = `${method === 'HEAD' ? 'GET' : method} ${url}`;
  return setting ? `${setting}:${route}` : route;
}

export function cookieOptions(auth: AuthOptions, expires?: Date) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: auth.tls,
    ...(expires ? { expires } : {}),
  };
}

const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // The built web client uses stylesheets only (no <style> or style="" in markup).
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export async function installAuth(app: FastifyInstance, partial: AuthSettings = {}): Promise<void> {
  const auth = resolveAuthOptions(partial);
  app.decorate('auth', auth);
  app.decorate('routeCatalog', [] as RouteEntry[]);
  app.decorateRequest('session', null);

  // Before the rate-limit plugin's own onRoute hook, so the limits it reads are in place.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      app.routeCatalog.push({ method, url: route.url, action: route.config?.action });
      const limit = RATE_LIMITED[`${method} ${route.url}`];
      const own = route.config?.rateLimit;
      if (limit && own === undefined) {
        route.config = { ...route.config, rateLimit: namedLimit(limit, auth.rateLimits[limit]) };
      } else if (own && own.keyGenerator === undefined) {
        const name = limitName(auth, own, method, route.url);
        route.config = {
          ...route.config,
          rateLimit: { ...own, keyGenerator: keyOfLimit(name) },
        };
      }
    }
    if (route.url.startsWith('/api/docs')) {
      // Swagger UI styles its markup inline; its pages hold no user data.
      // (@fastify/helmet's own onRoute hook, registered after this one, moves it to config.)
      route.helmet = {
        contentSecurityPolicy: {
          useDefaults: false,
          directives: { ...CSP, styleSrc: ["'self'", "'unsafe-inline'"] },
        },
      };
    }
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: auth.tls ? { ...CSP, upgradeInsecureRequests: [] } : CSP,
    },
    strictTransportSecurity: auth.tls ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
  });
  // The limits' onRequest hooks are the routes' own, so they run after the session lookup below.
  await app.register(rateLimit, {
    global: false,
    keyGenerator: rateLimitKey,
    store: databaseRateLimitStore(app.database.db, app.log),
  });

  // HTML forms (the sign-in page) post application/x-www-form-urlencoded.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );

  const bearer = bearerAuthenticator(app.database.db, auth.external);
  app.addHook('onRequest', async (request, reply) => {
    request.actor = ANONYMOUS;
    request.session = null;
    const presented = bearerToken(request.headers.authorization);
    if (presented !== undefined) {
      const actor = await bearer(presented);
      if (!actor) {
        reply.header('www-authenticate', 'Bearer error="invalid_token"');
        return sendError(reply, 401, 'invalid-token', 'The access token is invalid or expired');
      }
      request.actor = actor;
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const session = await findSession(app.database.db, token);
      if (session) {
        request.session = session;
        request.actor = actorFromUser(session.user);
      } else {
        reply.clearCookie(SESSION_COOKIE, cookieOptions(auth));
      }
    }
    if (
      request.session &&
      !SAFE_METHODS.has(request.method) &&
      request.routeOptions.config.csrf !== 'form'
    ) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, request.session.csrfToken)) {
        return sendError(reply, 403, 'csrf', 'Missing or wrong x-csrf-token header');
      }
    }
  });
}
