/**
 * The HTTP server: Fastify with zod validation, OpenAPI from the shared contract, the central
 * policy check on every route, and the built web client.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Database } from '../db/client';
import type { MailSettings } from '../services/mail';
import type { WebhookSettings } from '../services/webhooks';
import { isAction, mayAttempt, missingScope, type Action, type Actor } from '../domain/policy';
import { installAuth } from './auth/plugin';
import type { AuthSettings } from './auth/options';
import { authRoutes } from './routes/auth';
import { auditRoutes } from './routes/audit';
import { healthRoutes } from './routes/health';
import { documentRoutes } from './routes/documents';
import { draftRoutes } from './routes/drafts';
import { assignmentRoutes } from './routes/assignments';
import { searchRoutes } from './routes/search';
import { facetRoutes } from './routes/facets';
import { importRoutes } from './routes/import';
import { ledgerRoutes } from './routes/ledger';
import { assignmentStatusRoutes } from './routes/assignment-status';
import { followUpRoutes } from './routes/follow-up';
import { homeRoutes } from './routes/home';
import { calendarRoutes } from './routes/calendar';
import { organisationRoutes } from './routes/organisations';
import { mailRoutes } from './routes/mail';
import { reportRoutes } from './routes/reports';
import { reportViewRoutes } from './routes/report-views';
import { meetingRoutes } from './routes/meetings';
import { openDataRoutes } from './routes/open-data';
import { archiveRoutes } from './routes/archive';
import { oauthRoutes } from './routes/oauth';
import { clientRoutes } from './routes/clients';
import { sendError } from './reply';
import { swaggerOptions } from './openapi';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The policy action this route performs; required on every route. */
    action?: Action;
  }
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyInstance {
    database: Database;
    appOptions: AppOptions;
  }
}

export interface AppOptions {
  database: Database;
  /** A pino logger; without one the server does not log. */
  loggerInstance?: FastifyBaseLogger;
  /** Directory of the built web client; served at / when it exists. */
  webDir?: string;
  maxUploadBytes?: number;
  /** Sign-in settings (src/server/auth/options.ts); default: local test sign-in, 8 h sessions. */
  auth?: AuthSettings;
  version?: string;
  /**
   * The reverse proxies whose X-Forwarded-For is believed (addresses or CIDRs, comma-separated,
   * or a hop count); without it the client address is the socket's and the header is ignored.
   */
  trustProxy?: string | number;
  /** E-mail settings (src/services/mail.ts): health reports them; unsubscribe links need the secret. */
  mail?: MailSettings;
  /** Where webhooks may be sent (src/services/webhooks.ts; TILDEL_WEBHOOK_ALLOW_INSECURE). */
  webhooks?: WebhookSettings;
  /** Registers further routes (tests use it to prove undeclared routes are refused). */
  extraRoutes?: (app: FastifyInstance) => void;
}

// NUL is the point of this pattern.
// eslint-disable-next-line no-control-regex
const BAD_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether a value (parsed query, params or JSON body) holds a string, or key, with NUL or a lone surrogate. */
function holdsBadString(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return BAD_TEXT.test(value);
  if (value === null || typeof value !== 'object' || depth > 32) return false;
  if (Buffer.isBuffer(value)) return false;
  if (Array.isArray(value)) return value.some((v) => holdsBadString(v, depth + 1));
  return Object.entries(value).some(([k, v]) => BAD_TEXT.test(k) || holdsBadString(v, depth + 1));
}

/** Whether the URL's percent-encoding decodes as UTF-8 (the parsers would silently replace it). */
function wellFormedUrl(url: string): boolean {
  try {
    decodeURIComponent(url);
    return true;
  } catch {
    return false;
  }
}

export const DEFAULT_WEB_DIR = resolve(import.meta.dirname, '../../dist/web');

export type App = FastifyInstance;

/** Builds the server (not listening). Throws if any route lacks a declared policy action. */
export async function buildApp(opts: AppOptions): Promise<App> {
  const app = Fastify({
    ...(opts.loggerInstance ? { loggerInstance: opts.loggerInstance } : { logger: false }),
    bodyLimit: 1024 * 1024,
    ...(opts.trustProxy === undefined
      ? {}
      : {
          trustProxy:
            typeof opts.trustProxy === 'number'
              ? (
                  (hops: number) => (_address: string, hop: number) =>
                    hop < hops
                )(opts.trustProxy)
              : opts.trustProxy,
        }),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('database', opts.database);
  app.decorate('appOptions', opts);
  app.decorateRequest('actor', null as never);
  // Sessions → request.actor, CSRF, security headers, rate limits, the route catalogue.
  await installAuth(app, opts.auth);

  // Fail closed: a route without a declared action never starts.
  app.addHook('onRoute', (route) => {
    const action = route.config?.action;
    if (route.url.startsWith('/api/docs')) return; // swagger-ui's own assets
    if (!isAction(action)) {
      throw new Error(`Route ${route.method} ${route.url} declares no policy action`);
    }
  });

  // Authorize before the body is parsed and anything is validated (a refused caller never sees
  // the schema's field list): preParsing runs after every onRequest hook (the actor, CSRF, the
  // routes' rate limits) and before parsing and validation.
  app.addHook('preParsing', async (request, reply) => {
    const action = request.routeOptions.config.action;
    if (request.routeOptions.url?.startsWith('/api/docs')) return;
    if (request.is404) return; // the not-found handler serves nothing
    if (reply.sent) return; // refused already (CSRF)
    const lacking = isAction(action) ? missingScope(request.actor, action) : null;
    if (lacking) {
      // An API client whose token lacks the scope (RFC 6750 3.1).
      reply.header('www-authenticate', `Bearer error="insufficient_scope", scope="${lacking}"`);
      return sendError(reply, 403, 'insufficient-scope', `The token lacks the scope ${lacking}`);
    }
    if (!isAction(action) || !mayAttempt(request.actor, action)) {
      return sendError(reply, 403, 'forbidden', 'Not allowed');
    }
    // Object actions are decided per object by the service (404 when it may not be read).
  });

  // No string a route takes may hold NUL (PostgreSQL cannot store it) or broken Unicode (a lone
  // surrogate, or percent-encoding that is not UTF-8): refused here, once for every route, after
  // authorization and before the route's own validation.
  app.addHook('preValidation', async (request, reply) => {
    if (request.is404) return;
    if (
      !wellFormedUrl(request.raw.url ?? '') ||
      [request.params, request.query, request.body].some(holdsBadString)
    ) {
      return sendError(
        reply,
        400,
        'validation',
        'The request contains a NUL character or text that is not valid Unicode',
      );
    }
  });

  app.setErrorHandler((error, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      return sendError(reply, 400, 'validation', 'The request is not valid', {
        details: error.validation,
      });
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return status >= 500
      ? sendError(reply, status, 'internal', 'Internal error')
      : sendError(reply, status, 'bad-request', (error as Error).message);
  });

  // Info, tags, security schemes and every operation's common answers: src/server/openapi.ts.
  await app.register(
    swagger,
    swaggerOptions({ version: opts.version ?? '0.1.0', publicUrl: opts.mail?.publicUrl }),
  );
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(healthRoutes);
  await app.register(documentRoutes);
  await app.register(draftRoutes);
  await app.register(assignmentRoutes);
  await app.register(searchRoutes);
  await app.register(facetRoutes);
  await app.register(importRoutes);
  await app.register(ledgerRoutes);
  await app.register(assignmentStatusRoutes);
  await app.register(followUpRoutes);
  await app.register(homeRoutes);
  await app.register(calendarRoutes);
  await app.register(organisationRoutes);
  await app.register(authRoutes);
  await app.register(auditRoutes);
  await app.register(mailRoutes);
  await app.register(reportRoutes);
  await app.register(reportViewRoutes);
  await app.register(meetingRoutes);
  await app.register(oauthRoutes);
  await app.register(clientRoutes);
  await app.register(openDataRoutes);
  await app.register(archiveRoutes);
  if (opts.extraRoutes) await app.register(async (scope) => opts.extraRoutes!(scope));

  const webDir = opts.webDir ?? DEFAULT_WEB_DIR;
  if (existsSync(resolve(webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDir, serve: false });
    // Built assets by path; any other GET outside /api is a client-side route: the app shell.
    app.get('/*', { config: { action: 'public' }, schema: { hide: true } }, (request, reply) => {
      const path = decodeURIComponent(request.url.split('?')[0] ?? '/');
      if (path.startsWith('/api/')) {
        return sendError(reply, 404, 'not-found', 'No such endpoint');
      }
      const file = resolve(webDir, `.${path}`);
      if (path !== '/' && file.startsWith(webDir) && existsSync(file)) {
        const immutable = path.startsWith('/assets/');
        return reply.sendFile(path.slice(1), webDir, {
          immutable,
          maxAge: immutable ? '365d' : 0,
        });
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html', webDir);
    });
  }

  app.setNotFoundHandler((request, reply) => {
    sendError(reply, 404, 'not-found', `No route ${request.method} ${request.url}`);
  });

  await app.ready();
  return app;
}
