/**
 * The OpenAPI document, in one place: info, servers, tags, security schemes, and what every
 * operation has in common, derived from what the route declares (its policy action, method,
 * parameters, body, rate limit and media types) rather than repeated in thirty route files:
 * - its tag (by resource, from the URL, unless the route names one);
 * - who may call it (`security`: anonymous visitors, the session cookie with its CSRF header
 *   on writes, a bearer token with the scope `actionScopes` in the policy asks for);
 * - the error answers it can give (`ErrorBody`, the one shape `reply.ts` sends), besides
 *   those the route declares itself (409 and 422 are the route's, as only its service knows
 *   them);
 * - a description for every answer (no "Default Response"), files as binary, error bodies as
 *   JSON also on routes that answer with a file;
 * - a multipart body where a route reads one itself (`schema.multipart`, documentation only).
 * It works on the generated document only (the swagger `transform`): what a route answers at
 * run time stays what its own zod `response` schemas say.
 */
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import type { RouteOptions } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { API_SCOPES, type ApiScope } from '../contract/enums';
import { ErrorBody } from '../contract/api';
import {
  actionScopes,
  ANONYMOUS,
  isAction,
  mayAttempt,
  objectActions,
  type Action,
} from '../domain/policy';
import { SESSION_COOKIE } from '../services/sessions';

/** A multipart/form-data body that the route reads itself (not validated by zod). */
export interface MultipartBody {
  /** The form's fields: files as `{ type: 'string', format: 'binary' }` (or an array of them). */
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
}

declare module 'fastify' {
  interface FastifySchema {
    /** Documentation only: the multipart body the handler reads (with `consumes`). */
    multipart?: MultipartBody;
    /**
     * Documentation only: the route refuses anonymous callers itself although its action is
     * open to them (`me.read` of the settings), so `security` does not offer anonymous access.
     */
    signedInOnly?: boolean;
  }
}

/** A file field of a multipart body. */
export const fileField = (description: string) => ({
  type: 'string',
  format: 'binary',
  description,
});

/** The resources the operations are grouped by, in the order the documentation shows them. */
export const TAGS = [
  {
    name: 'documents',
    description:
      'Allocation letters and supplements as stored: lists, one document with its items and source lines, status changes, corrections of what the importer read, letters written in Tildel as Word and PDF',
  },
  {
    name: 'imports',
    description:
      'Reading letters (PDF, DOCX, Markdown, text) into the record: dry run, confirmation of what would be replaced or created, refusals per file',
  },
  {
    name: 'ledger',
    description:
      "An agency's appropriations through the year (letter, supplements, running totals), the overview a supplement prints (JSON, XLSX, CSV) and the consistency checks with their reviews",
  },
  {
    name: 'assignments',
    description:
      'The assignment register (oppdrag): lists and export, one assignment, status changes with history, deliveries with files, owners, progress, carry-over',
  },
  { name: 'search', description: 'Full-text search over documents and assignments' },
  {
    name: 'calendar',
    description:
      'The governance calendar (styringskalender): deadlines, reporting items and meetings; iCalendar subscriptions',
  },
  {
    name: 'drafts',
    description:
      'Letters being written in Tildel (utkast): editing, consultation rounds and comments, four-eyes approval, issue',
  },
  {
    name: 'reports',
    description:
      "Reports the agency owes the ministry (status reports, the annual report): writing, accounts, signatures, submission, the ministry's review, views across agencies and the risk tolerance",
  },
  {
    name: 'meetings',
    description:
      'Governance meetings (etatsstyringsmøter): planning, the agenda, holding with minutes and decisions',
  },
  {
    name: 'organisations',
    description:
      'Ministries, agencies and collaborators: look one up by org.nr, name or kind to get the id other routes take',
  },
  {
    name: 'open-data',
    description:
      'Published letters as open data (NLOD 2.0): read-only, no sign-in, stable URLs, cacheable',
  },
  {
    name: 'notifications',
    description: 'What a signed-in person is told of in the app (also sent by e-mail)',
  },
  { name: 'home', description: "The start page for the caller's role" },
  {
    name: 'auth',
    description:
      'Who the caller is (`GET /api/me`, with the CSRF token for writes), signing out, and access tokens for integrating systems',
  },
  {
    name: 'settings',
    description: "A person's own settings, and the unsubscribe link of an e-mail",
  },
  { name: 'audit', description: 'The audit trail of one object: who, when, what' },
  {
    name: 'archive',
    description:
      "An agency-year's archive extract (Noark 5) for the ministry's archive (docs/archive.md)",
  },
  {
    name: 'admin',
    description: 'Administration: API clients and their webhooks (administrators only)',
  },
  { name: 'health', description: 'Liveness, database and migration state, e-mail' },
] as const;

export type Tag = (typeof TAGS)[number]['name'];

/** The tag of an operation by its URL: the first prefix that matches (more specific first). */
const TAG_BY_PREFIX: [string, Tag][] = [
  ['/api/documents/:id/overview', 'ledger'],
  ['/api/documents', 'documents'],
  ['/api/imports', 'imports'],
  ['/api/ledger', 'ledger'],
  ['/api/checks', 'ledger'],
  ['/api/assignments', 'assignments'],
  ['/api/search', 'search'],
  ['/api/calendar', 'calendar'],
  ['/api/deadlines', 'calendar'],
  ['/api/drafts', 'drafts'],
  ['/api/reports', 'reports'],
  ['/api/risk-tolerances', 'reports'],
  ['/api/meetings', 'meetings'],
  ['/api/organisations', 'organisations'],
  ['/api/open', 'open-data'],
  ['/api/notifications', 'notifications'],
  ['/api/home', 'home'],
  ['/api/me/settings', 'settings'],
  ['/api/mail', 'settings'],
  ['/api/me', 'auth'],
  ['/api/auth', 'auth'],
  ['/oauth', 'auth'],
  ['/api/clients', 'admin'],
  ['/api/webhooks', 'admin'],
  ['/api/admin', 'admin'],
  ['/api/audit', 'audit'],
  ['/api/archive', 'archive'],
  ['/api/health', 'health'],
];

/** The tag of a URL; a URL no prefix knows is tagged by its first segment after /api. */
export function tagOf(url: string): string {
  const found = TAG_BY_PREFIX.find(
    ([prefix]) => url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}.`),
  );
  if (found) return found[1];
  return (
    url
      .replace(/^.*?\/api\//, '')
      .split(/[/.]/)
      .find((part) => part && !part.startsWith(':')) ?? 'api'
  );
}

/** What each scope of a client's token allows (API_SCOPES in the contract). */
const SCOPE_DESCRIPTIONS: Record<ApiScope, string> = {
  'register:read':
    'Read the register: documents, assignments, calendar, reports, search, organisations',
  'reports:submit': "Change an assignment's status and progress; write and submit reports",
  'documents:import': "Import letters (as the client's ministry)",
};

/** Why an operation may answer with an error status, when the route does not say it itself. */
const ERROR_TEXT: Record<number, string> = {
  400: 'The request is not valid: a parameter or field fails the schema (`error: validation`, the failures in `details`), holds NUL or text that is not valid Unicode, or the body cannot be parsed',
  401: 'An `Authorization: Bearer` header was sent with a token that is not valid: unknown, expired or revoked, or its client is (`WWW-Authenticate: Bearer error="invalid_token"`). Any operation answers so, even one a token gives nothing, as the header is checked before the route; without the header there is no 401',
  403: 'Not allowed: the caller may not attempt this action (sign in, another role, or a token without the scope it needs), or a write with the session cookie lacks the right `x-csrf-token` header (`error: csrf`)',
  404: 'Not found, or not readable by the caller: the two answer alike',
  409: 'Conflict: the version named is no longer current (nothing was saved; `current` tells what is), or the object is an earlier version’s copy',
  413: 'Too large: the body is beyond the limit (1 MiB for JSON; the upload limit for files)',
  415: 'Unsupported media type: the body is not sent as one of the types the operation consumes, or a file is of a type not accepted',
  422: 'Refused: the object’s rules or lifecycle do not allow the change now (the reason in `error`)',
  429: 'Too many requests from this user or address: wait and retry (`retry-after` tells when)',
  500: 'Internal error: nothing the caller can correct (logged on the server)',
  503: 'Not ready: the database or its migrations are not in order',
};

/** An error status the common rule does not give, described by its route's schema or this. */
const REASON: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: ERROR_TEXT[409]!,
  413: 'Too large',
  415: 'Unsupported media type',
  422: ERROR_TEXT[422]!,
  429: 'Too many requests',
  503: ERROR_TEXT[503]!,
};

const SUCCESS_TEXT: Record<number, string> = {
  200: 'Success',
  201: 'Created',
  202: 'Accepted',
  204: 'Done (no body)',
  304: 'Not modified since the version the caller has (`If-None-Match`, `If-Modified-Since`)',
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const JSON_TYPE = 'application/json';

/** Whether an action is one everyone may perform with nothing to show for being signed in. */
const openToAll = (action: Action) => action === 'public' || action === 'health.read';

type Json = Record<string, unknown>;
type SecurityRequirement = Record<string, string[]>;

/** The security an operation accepts: anonymous, the session (and CSRF on writes), tokens. */
function securityOf(action: Action, method: string, signedIn: boolean): SecurityRequirement[] {
  if (openToAll(action) || action === 'auth.signin') return [];
  const session: SecurityRequirement = SAFE_METHODS.has(method)
    ? { sessionCookie: [] }
    : { sessionCookie: [], csrfHeader: [] };
  const scope = actionScopes[action];
  const tokens: SecurityRequirement[] =
    scope === 'people' || scope === 'none' ? [] : [{ oauth2: [scope] }, { bearerAuth: [] }];
  // `{}`: anonymous visitors may call it too (they see less: the published record).
  const anonymous = mayAttempt(ANONYMOUS, action) && !signedIn ? [{}] : [];
  return [...anonymous, session, ...tokens];
}

/** The error statuses an operation can answer with, derived from what the route declares. */
export function errorStatuses(route: RouteOptions, action: Action, method: string): number[] {
  const schema = route.schema ?? {};
  const statuses = new Set<number>([500]);
  // Every route refuses a URL whose percent-encoding is not UTF-8 (app.ts, preValidation).
  statuses.add(400);
  // An invalid bearer token is refused before any route (src/server/auth/plugin.ts).
  statuses.add(401);
  const forTokens = actionScopes[action] !== 'none' && actionScopes[action] !== 'people';
  // Refused by the policy (or, for a bearer token, its scopes), or a session write without CSRF.
  if (!mayAttempt(ANONYMOUS, action) || !SAFE_METHODS.has(method) || forTokens) {
    statuses.add(403);
  }
  if (objectActions.has(action) || route.url.includes(':')) statuses.add(404);
  if (schema.body !== undefined || schema.consumes !== undefined) {
    statuses.add(413);
    statuses.add(415);
  }
  if (route.config?.rateLimit) statuses.add(429);
  return [...statuses];
}

/** The JSON schema of the error body, as the zod transform writes it (computed once). */
let errorBodyJson: Json | undefined;
function errorBody(): Json {
  errorBodyJson ??= (
    jsonSchemaTransform({
      schema: { response: { 400: ErrorBody.loose() } },
      url: '/',
      openapiObject: { openapi: '3.0.3' },
    } as never).schema as { response: Record<string, Json> }
  ).response['400']!;
  return errorBodyJson;
}

/** Whether a response schema describes a file (a zod `z.any()`: no shape of its own). */
const isFile = (schema: Json) =>
  !['type', 'properties', 'items', 'anyOf', 'oneOf', 'allOf', '$ref', 'enum'].some(
    (k) => k in schema,
  );

const TEXT_TYPES = /^text\//;

/** Success and error answers with descriptions and the media types they are sent as. */
function documentResponses(
  declared: Record<string, Json>,
  produces: string[] | undefined,
  errors: number[],
): Record<string, Json> {
  const responses: Record<string, Json> = {};
  const files = (produces ?? []).filter((t) => t !== JSON_TYPE);
  for (const [code, schema] of Object.entries(declared)) {
    const status = Number(code);
    // The common reason where the common rule gives this status; else only the route knows.
    const description =
      (schema.description as string | undefined) ??
      (status < 400
        ? SUCCESS_TEXT[status]
        : errors.includes(status)
          ? ERROR_TEXT[status]
          : REASON[status]) ??
      `HTTP ${code}`;
    if (schema.type === 'null' || status === 204 || status === 304) {
      responses[code] = { type: 'null', description };
    } else if (
      files.length === 0 ||
      (status >= 400 && !isFile(schema) && schema.type !== 'string')
    ) {
      // Errors are JSON even where the success is a file.
      responses[code] = { description, content: { [JSON_TYPE]: { schema } } };
    } else {
      const content: Record<string, { schema: Json }> = {};
      for (const type of produces ?? [JSON_TYPE]) {
        content[type] =
          type === JSON_TYPE && !isFile(schema)
            ? { schema }
            : { schema: TEXT_TYPES.test(type) ? { type: 'string' } : fileSchema() };
      }
      responses[code] = { description, content };
    }
  }
  for (const status of errors) {
    if (responses[status]) continue;
    responses[status] = {
      description: ERROR_TEXT[status],
      content: { [JSON_TYPE]: { schema: { $ref: '#/components/schemas/ErrorBody' } } },
    };
  }
  return responses;
}

const fileSchema = () => ({ type: 'string', format: 'binary' });

interface TransformInput {
  schema: RouteOptions['schema'];
  url: string;
  route: RouteOptions;
  openapiObject: Json;
}

/**
 * The swagger transform: the zod schemas as JSON schemas (fastify-type-provider-zod), then
 * what every operation has in common (tags, security, error answers, descriptions, bodies).
 */
export function transformOperation(input: TransformInput): { schema: Json; url: string } {
  const out = jsonSchemaTransform(input as never) as { schema: Json; url: string };
  const schema = out.schema;
  if (schema.hide || !input.schema) return out;
  const route = input.route;
  const action = route.config?.action;
  if (!isAction(action)) return out; // app.ts refuses such a route before this runs
  const method = (Array.isArray(route.method) ? route.method[0] : route.method) ?? 'GET';
  const { multipart, signedInOnly, ...rest } = schema as Json & {
    multipart?: MultipartBody;
    signedInOnly?: boolean;
  };
  const documented: Json = { ...rest };
  documented.tags ??= [tagOf(input.url)];
  documented.security ??= securityOf(action, method, signedInOnly === true);
  if (multipart) {
    documented.body = { type: 'object', ...multipart };
    documented.consumes ??= ['multipart/form-data'];
  }
  documented.response = documentResponses(
    (schema.response ?? {}) as Record<string, Json>,
    schema.produces as string[] | undefined,
    errorStatuses(route, action, method),
  );
  // Media types are per answer now (above); `produces` would repeat them for every answer.
  delete documented.produces;
  return { schema: documented, url: out.url };
}

export interface OpenApiSettings {
  version: string;
  /** Where the server is reached (TILDEL_PUBLIC_URL), else the URL the document is read from. */
  publicUrl?: string | undefined;
}

/** The options of @fastify/swagger: the document's head, tags, security and the transform. */
export function swaggerOptions(settings: OpenApiSettings): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Tildel API',
        version: settings.version,
        description: [
          'Allocation letters (tildelingsbrev) and their supplements as one structured record: appropriations per chapter and post, goals, assignments with deadlines, the governance calendar, reports and meetings.',
          '',
          'Errors answer `{ error, message, … }` (`error` is a stable code; `details` and `current` where said). Money is whole kroner (integers); dates are Europe/Oslo.',
          '',
          `Callers: anonymous visitors read the published record; people sign in through the web client (the session cookie \`${SESSION_COOKIE}\`, and on every POST, PUT and DELETE the \`x-csrf-token\` header with the \`csrfToken\` of \`GET /api/me\`); integrating systems send a bearer token from \`POST /oauth/token\` (client credentials) or from the configured external authorisation server (Maskinporten), with the scopes each operation names. The organisation ids other operations take are found through \`GET /api/organisations\` (by org.nr, name or kind).`,
        ].join('\n'),
        license: { name: 'MIT', url: 'https://opensource.org/license/mit' },
        contact: {
          name: 'Tildel',
          ...(settings.publicUrl ? { url: settings.publicUrl } : {}),
        },
      },
      servers: [
        settings.publicUrl
          ? { url: settings.publicUrl, description: 'This Tildel server' }
          : { url: '/', description: 'This Tildel server' },
      ],
      tags: TAGS.map((t) => ({ name: t.name, description: t.description })),
      components: {
        schemas: { ErrorBody: errorBody() },
        securitySchemes: {
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description:
              'The session of a person signed in through the web client (OpenID Connect, or the local test sign-in). HttpOnly; writes also need `csrfHeader`.',
          },
          csrfHeader: {
            type: 'apiKey',
            in: 'header',
            name: 'x-csrf-token',
            description:
              "The session's CSRF token (`csrfToken` of `GET /api/me`), on every POST, PUT, PATCH and DELETE made with the session cookie (double submit). Not used with a bearer token.",
          },
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description:
              'An access token of an integrating system: from `POST /oauth/token`, or a JWT of the configured external authorisation server (Maskinporten) for a registered client. No cookie, no CSRF header. A missing scope answers 403 `insufficient_scope`.',
          },
          oauth2: {
            type: 'oauth2',
            description:
              "OAuth 2.0 client credentials of a registered API client (docs/machine-access.md); the token's scopes limit what the client's roles allow.",
            flows: {
              clientCredentials: {
                tokenUrl: '/oauth/token',
                scopes: Object.fromEntries(API_SCOPES.map((s) => [s, SCOPE_DESCRIPTIONS[s]])),
              },
            },
          },
        },
      },
    },
    transform: transformOperation as never,
  };
}
