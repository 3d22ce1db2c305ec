/**
 * The OpenAPI document integrators read (GET /api/docs/json), walked operation by operation:
 * its shape as OpenAPI 3.0, and that every operation is tagged, summarised and documents its
 * success and its errors (never fastify-swagger's bare "Default Response"); the security
 * schemes; the multipart body of /api/imports. No external validator is installed, so the
 * structural rules checked are written out here (OpenAPI 3.0.3, sections 4.7–4.8).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { API_SCOPES } from '../contract/enums';
import { testDatabaseKind } from '../db/testing';
import { SESSION_COOKIE } from '../services/sessions';
import { testApp } from '../testing/app';
import { signIn } from '../testing/auth';
import { multipart, MULTIPART_TYPE } from '../testing/multipart';
import type { App } from './app';

interface Schema {
  type?: string;
  format?: string;
  $ref?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  required?: string[];
}
interface Media {
  schema?: Schema;
}
interface Response {
  description?: unknown;
  content?: Record<string, Media>;
}
interface Parameter {
  name?: unknown;
  in?: unknown;
  required?: unknown;
  schema?: Schema;
}
interface Operation {
  tags?: string[];
  summary?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, Media> };
  responses?: Record<string, Response>;
  security?: Record<string, string[]>[];
}
interface SecurityScheme {
  type: string;
  in?: string;
  name?: string;
  scheme?: string;
  flows?: { clientCredentials?: { tokenUrl: string; scopes: Record<string, string> } };
}
interface OpenApi {
  openapi: string;
  info: { title?: unknown; version?: unknown; license?: { name?: unknown } };
  servers?: { url: string }[];
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  components?: {
    schemas?: Record<string, Schema>;
    securitySchemes?: Record<string, SecurityScheme>;
  };
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
const PATH_ITEM_KEYS = new Set([...METHODS, 'summary', 'description', 'servers', 'parameters']);

/** Every operation of the document with its key (`GET /api/…`). */
function operations(spec: OpenApi): [string, string, Operation][] {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, op]): [string, string, Operation] => [
        `${method.toUpperCase()} ${path}`,
        path,
        op,
      ]),
  );
}

/** What is structurally wrong with the document as OpenAPI 3.0 (empty when nothing). */
function structuralProblems(spec: OpenApi): string[] {
  const problems: string[] = [];
  const say = (where: string, what: string) => problems.push(`${where}: ${what}`);
  if (!/^3\.0\.\d+$/.test(spec.openapi)) say('openapi', `not 3.0.x: ${spec.openapi}`);
  if (typeof spec.info?.title !== 'string') say('info', 'no title');
  if (typeof spec.info?.version !== 'string') say('info', 'no version');
  if (spec.info?.license && typeof spec.info.license.name !== 'string') {
    say('info.license', 'no name');
  }
  const schemes = spec.components?.securitySchemes ?? {};
  const schemas = spec.components?.schemas ?? {};
  const declaredTags = new Set((spec.tags ?? []).map((t) => t.name));
  if (declaredTags.size !== (spec.tags ?? []).length) say('tags', 'a tag is declared twice');
  for (const [path, item] of Object.entries(spec.paths)) {
    if (!path.startsWith('/')) say(path, 'path does not start with /');
    for (const key of Object.keys(item)) {
      if (!PATH_ITEM_KEYS.has(key) && !key.startsWith('x-')) say(path, `unknown key ${key}`);
    }
  }
  for (const [key, path, op] of operations(spec)) {
    const params = op.parameters ?? [];
    for (const p of params) {
      if (typeof p.name !== 'string') say(key, 'a parameter without a name');
      if (!['query', 'header', 'path', 'cookie'].includes(p.in as string)) {
        say(key, `parameter ${String(p.name)} in ${String(p.in)}`);
      }
      if (p.in === 'path' && p.required !== true) say(key, `path parameter ${p.name} not required`);
      if (!p.schema) say(key, `parameter ${String(p.name)} without a schema`);
    }
    const seen = params.map((p) => `${p.in} ${p.name}`);
    if (new Set(seen).size !== seen.length) say(key, 'a parameter is listed twice');
    // Every {name} of the path template is a path parameter, and no other.
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
    const inPath = params
      .filter((p) => p.in === 'path')
      .map((p) => p.name)
      .sort();
    if (JSON.stringify(templated) !== JSON.stringify(inPath)) {
      say(key, `path parameters ${JSON.stringify(inPath)} ≠ template ${JSON.stringify(templated)}`);
    }
    if (op.requestBody) {
      const content = Object.entries(op.requestBody.content ?? {});
      if (content.length === 0) say(key, 'a request body without content');
      for (const [type, media] of content) {
        if (!/^[\w.+-]+\/[\w.+-]+$/.test(type)) say(key, `request media type ${type}`);
        if (!media.schema) say(key, `request body ${type} without a schema`);
      }
    }
    const responses = Object.entries(op.responses ?? {});
    if (responses.length === 0) say(key, 'no responses');
    for (const [status, response] of responses) {
      if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(status)) say(key, `response key ${status}`);
      if (typeof response.description !== 'string' || response.description === '') {
        say(key, `${status} without a description`);
      }
      for (const [type, media] of Object.entries(response.content ?? {})) {
        if (!/^[\w.+-]+\/[\w.+-]+$/.test(type)) say(key, `${status} media type ${type}`);
        if (!media.schema) say(key, `${status} ${type} without a schema`);
        const ref = media.schema?.$ref;
        if (ref && !schemas[ref.replace('#/components/schemas/', '')]) {
          say(key, `${status} refers to ${ref}, which is not there`);
        }
      }
    }
    for (const requirement of op.security ?? []) {
      for (const [name, scopes] of Object.entries(requirement)) {
        const scheme = schemes[name];
        if (!scheme) say(key, `security names ${name}, which is not declared`);
        const flowScopes = scheme?.flows?.clientCredentials?.scopes ?? {};
        for (const scope of scopes) {
          if (scheme?.type !== 'oauth2') say(key, `scopes for ${name}, not an oauth2 scheme`);
          else if (!(scope in flowScopes)) say(key, `scope ${scope} is not declared`);
        }
      }
    }
    for (const tag of op.tags ?? []) {
      if (!declaredTags.has(tag)) say(key, `tag ${tag} is not declared (with a description)`);
    }
  }
  return problems;
}

/** What an operation leaves undocumented (empty when nothing). */
function documentationGaps(key: string, op: Operation): string[] {
  const gaps: string[] = [];
  if (!op.tags?.length) gaps.push(`${key}: no tag`);
  if (!op.summary?.trim()) gaps.push(`${key}: no summary`);
  const responses = Object.entries(op.responses ?? {});
  const success = responses.filter(([status]) => /^2\d\d$/.test(status));
  if (success.length === 0) gaps.push(`${key}: no success response`);
  for (const [status, r] of success) {
    // A body, or none on purpose (204).
    if (status !== '204' && !Object.values(r.content ?? {}).some((m) => m.schema)) {
      gaps.push(`${key}: ${status} without a schema`);
    }
  }
  const errors = responses.filter(([status]) => /^[45]\d\d$/.test(status));
  if (!errors.some(([s]) => s.startsWith('4'))) gaps.push(`${key}: no client error documented`);
  if (!errors.some(([s]) => s === '500')) gaps.push(`${key}: 500 not documented`);
  for (const [status, r] of errors) {
    if (!r.content || Object.keys(r.content).length === 0) {
      gaps.push(`${key}: ${status} without a body`);
    }
  }
  for (const [status, r] of responses) {
    if (r.description === 'Default Response') gaps.push(`${key}: ${status} "Default Response"`);
  }
  return gaps;
}

describe(`the OpenAPI document (${testDatabaseKind})`, () => {
  let app: App;
  let spec: OpenApi;

  beforeAll(async () => {
    app = await testApp();
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    spec = res.json<OpenApi>();
  });

  it('is structurally OpenAPI 3.0, with info, servers, licence and declared tags', () => {
    expect(structuralProblems(spec)).toEqual([]);
    expect(spec.info).toMatchObject({ title: 'Tildel API', license: { name: 'MIT' } });
    expect(spec.servers?.length).toBeGreaterThan(0);
    expect(spec.tags?.every((t) => (t.description ?? '').length > 10)).toBe(true);
    expect(operations(spec).length).toBeGreaterThan(60);
  });

  it('catches what it checks for (the checks fail on a broken document)', () => {
    const broken: OpenApi = {
      openapi: '3.0.3',
      info: { title: 'x', version: '1' },
      paths: {
        '/a/{id}': {
          get: {
            tags: ['nowhere'],
            parameters: [{ name: 'other', in: 'path', required: true, schema: {} }],
            responses: {
              '200': { description: 'Default Response' },
              ok: { description: '' },
            },
            security: [{ missing: [] }],
          },
        },
      },
    };
    expect(structuralProblems(broken)).toEqual([
      'GET /a/{id}: path parameters ["other"] ≠ template ["id"]',
      'GET /a/{id}: response key ok',
      'GET /a/{id}: ok without a description',
      'GET /a/{id}: security names missing, which is not declared',
      'GET /a/{id}: tag nowhere is not declared (with a description)',
    ]);
    expect(documentationGaps('GET /a/{id}', broken.paths['/a/{id}']!.get!)).toEqual([
      'GET /a/{id}: no summary',
      'GET /a/{id}: 200 without a schema',
      'GET /a/{id}: no client error documented',
      'GET /a/{id}: 500 not documented',
      'GET /a/{id}: 200 "Default Response"',
    ]);
  });

  it('tags, summarises and documents the success and the errors of every operation', () => {
    const gaps = operations(spec).flatMap(([key, , op]) => documentationGaps(key, op));
    expect(
      gaps,
      'A route declares its success in `schema.response` (a file: `produces` with its media types and `200: z.any().meta({ description })`); tags, security and errors come from src/server/openapi.ts',
    ).toEqual([]);
  });

  it('documents the error answers each kind of route can give, as ErrorBody', () => {
    const responses = (method: string, path: string) =>
      Object.keys(spec.paths[path]![method]!.responses ?? {});
    // Anyone may list; a token may lack the scope (403) or be invalid (401).
    expect(responses('get', '/api/documents')).toEqual(['200', '400', '401', '403', '500']);
    // An object: 404; a write: 403 (CSRF, policy), 409/422 from its service, 413/415 bodies.
    expect(responses('post', '/api/assignments/{id}/status')).toEqual(
      expect.arrayContaining(['403', '404', '409', '413', '415', '422']),
    );
    // Rate limited.
    expect(responses('post', '/api/imports')).toContain('429');
    expect(responses('get', '/api/calendar/feeds/{token}.ics')).toContain('429');
    expect(responses('get', '/api/documents')).not.toContain('429');
    // An invalid bearer token is refused on every route, a person-only or open one too.
    expect(responses('get', '/api/me/settings')).toContain('401');
    expect(responses('get', '/api/health')).toContain('401');
    const unauthorised = spec.paths['/api/organisations/{id}']!.get!.responses!['401']!;
    expect(unauthorised.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/ErrorBody',
    });
    expect(spec.components?.schemas?.ErrorBody).toMatchObject({
      type: 'object',
      required: ['error', 'message'],
    });
  });

  it('documents files as binary, and their errors as JSON', () => {
    const docx = spec.paths['/api/documents/{id}/letter.docx']!.get!.responses!;
    expect(docx['200']!.content).toEqual({
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
        schema: { type: 'string', format: 'binary' },
      },
    });
    expect(Object.keys(docx['404']!.content!)).toEqual(['application/json']);
    const overview = spec.paths['/api/documents/{id}/overview']!.get!.responses!['200']!;
    expect(Object.keys(overview.content!)).toEqual([
      'application/json',
      'text/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    expect(overview.content!['application/json']!.schema?.type).toBe('object');
    const ics = spec.paths['/api/calendar/feeds/{token}.ics']!.get!.responses!['200']!;
    expect(ics.content).toEqual({ 'text/calendar': { schema: { type: 'string' } } });
  });

  it('documents the multipart body of /api/imports, and of the other uploads', () => {
    const body = spec.paths['/api/imports']!.post!.requestBody!;
    expect(Object.keys(body.content!)).toEqual(['multipart/form-data']);
    const schema = body.content!['multipart/form-data']!.schema!;
    expect(schema.required).toEqual(['files']);
    expect(schema.properties?.files).toMatchObject({
      type: 'array',
      items: { type: 'string', format: 'binary' },
      maxItems: 20,
    });
    const delivery = spec.paths['/api/assignments/{id}/delivery']!.post!.requestBody!;
    expect(delivery.content!['multipart/form-data']!.schema!.properties).toHaveProperty(
      'expectedVersion',
    );
    const accounts = spec.paths['/api/reports/{id}/accounts']!.post!.requestBody!;
    expect(accounts.content!['multipart/form-data']!.schema!.properties?.file).toMatchObject({
      format: 'binary',
    });
  });

  it('leaves the upload to the handler (the documented body is not validated)', async () => {
    // A body schema that validated would refuse the multipart stream with 400 before the
    // handler; the handler reads the file and refuses it by name (its type, 415), storing nothing.
    const officer = await signIn(app, 'ministry-department-officer');
    const res = await app.inject({
      method: 'POST',
      url: '/api/imports?dryRun=true',
      headers: { ...officer.headers, 'content-type': MULTIPART_TYPE },
      payload: multipart([{ name: 'notat.bin', bytes: new Uint8Array([1, 2, 3, 4]) }]),
    });
    expect(res.statusCode, res.body).toBe(415);
    expect(res.json()).toMatchObject({ files: [{ status: 'refused', file: 'notat.bin' }] });
  });

  it('declares the security schemes and who may call each operation', () => {
    const schemes = spec.components!.securitySchemes!;
    expect(schemes.sessionCookie).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: SESSION_COOKIE,
    });
    expect(schemes.csrfHeader).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'x-csrf-token',
    });
    expect(schemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(schemes.oauth2?.flows?.clientCredentials?.tokenUrl).toBe('/oauth/token');
    expect(Object.keys(schemes.oauth2?.flows?.clientCredentials?.scopes ?? {})).toEqual([
      ...API_SCOPES,
    ]);
    const security = (method: string, path: string) => spec.paths[path]![method]!.security;
    // Open to everyone alike.
    expect(security('get', '/api/health')).toEqual([]);
    expect(security('get', '/api/calendar/feeds/{token}.ics')).toEqual([]);
    // Anonymous visitors see the published record; people and tokens with the scope see more.
    expect(security('get', '/api/documents')).toEqual([
      {},
      { sessionCookie: [] },
      { oauth2: ['register:read'] },
      { bearerAuth: [] },
    ]);
    // A write with the session needs the CSRF header too.
    expect(security('post', '/api/imports')).toEqual([
      { sessionCookie: [], csrfHeader: [] },
      { oauth2: ['documents:import'] },
      { bearerAuth: [] },
    ]);
    // People only.
    expect(security('put', '/api/me/settings')).toEqual([{ sessionCookie: [], csrfHeader: [] }]);
    expect(security('get', '/api/me')).toEqual([{}, { sessionCookie: [] }]);
    expect(security('get', '/api/audit')).toEqual([{ sessionCookie: [] }]);
  });
});

/**
 * No unbounded list anywhere in the API (docs/api.md, "Lists"): every array a GET answers —
 * at the top or inside objects, `$ref`s followed — is bounded, in one of three ways:
 * (a) it is the page of a paged operation: a `limit` query parameter with a `maximum`, and
 *     `nextCursor` in the answer (src/contract/pagination.ts); only the answer's own arrays
 *     (`.items`, `.reports`) are the page: arrays inside its rows are walked like any other;
 * (b) the array says `maxItems`, or holds values of an enum (each at most once);
 * (c) it is named in `UNPAGED` below (operation and place) with what bounds it.
 */
interface ListSchema {
  type?: string;
  $ref?: string;
  enum?: unknown[];
  maxItems?: number;
  maximum?: number;
  properties?: Record<string, ListSchema>;
  items?: ListSchema;
  additionalProperties?: ListSchema | boolean;
  anyOf?: ListSchema[];
  oneOf?: ListSchema[];
  allOf?: ListSchema[];
}
interface ListOperation {
  parameters?: { name?: unknown; in?: unknown; schema?: ListSchema }[];
  responses?: Record<string, { content?: Record<string, { schema?: ListSchema }> }>;
}
interface ListSpec {
  paths: Record<string, Record<string, ListOperation>>;
  components?: { schemas?: Record<string, ListSchema> };
}

/**
 * The lists not paged, each with what bounds it: `GET path` and the array's place in the answer
 * (`.a[].b`; `*` for every array of the answer).
 */
const UNPAGED: { operation: string; path: string; bound: string }[] = [
  // One object and what belongs to it.
  {
    operation: 'GET /api/documents/{id}',
    path: '*',
    bound:
      'one document: its head and versions; the items are read by part, paged (GET /api/documents/{id}/parts/{part})',
  },
  {
    operation: 'GET /api/documents/{id}/overview',
    path: '*',
    bound: 'the overview tables printed in one letter',
  },
  {
    operation: 'GET /api/assignments/{id}',
    path: '*',
    bound:
      "one assignment: its deadlines, sub-assignments, references, funding and the supplements' changes to it",
  },
  {
    operation: 'GET /api/drafts/{id}',
    path: '*',
    bound:
      'one draft: its content (maxItems) and what is derived from it, its consultation rounds and comments',
  },
  {
    operation: 'GET /api/reports/{id}',
    path: '*',
    bound:
      "one report: its content (maxItems), its signatures and what is derived from one agency-year's record",
  },
  {
    operation: 'GET /api/reports/{id}/versions',
    path: '*',
    bound: "one report's submitted versions (one per submission after a return)",
  },
  {
    operation: 'GET /api/meetings/{id}',
    path: '*',
    bound: "one meeting: its agenda, the ministry's points and its decisions",
  },
  { operation: 'GET /api/me', path: '.user.roles', bound: 'the roles of one person' },
  // Lists inside one row of a page.
  {
    operation: 'GET /api/documents/{id}/parts/appropriations',
    path: '.items[].notes',
    bound: 'the notes printed under one post of one letter',
  },
  {
    operation: 'GET /api/documents/{id}/parts/appropriations',
    path: '.items[].review.corrected',
    bound: 'the fields of one item a person corrected (each field at most once)',
  },
  {
    operation: 'GET /api/documents/{id}/parts/assignments',
    path: '.items[].review.corrected',
    bound: 'the fields of one item a person corrected (each field at most once)',
  },
  {
    operation: 'GET /api/documents/{id}/parts/assignments',
    path: '.items[].deadlines',
    bound: "the deadlines printed in one assignment's text",
  },
  {
    operation: 'GET /api/assignments/{id}/history',
    path: '.events[].files',
    bound: 'the files of one delivery: at most 10 (MAX_FILES, src/server/routes/follow-up.ts)',
  },
  {
    operation: 'GET /api/reports',
    path: '.reports[].signatures',
    bound: "an annual report's signatures: one per signed part (I and VI)",
  },
  // One agency-year, or one per agency.
  {
    operation: 'GET /api/ledger',
    path: '*',
    bound: "one agency-year's ledger: its letters and their chapters and posts",
  },
  {
    operation: 'GET /api/checks',
    path: '*',
    bound: "one agency-year's letters and the findings of the checks on them",
  },
  {
    operation: 'GET /api/assignments/{id}/owner-candidates',
    path: '.items',
    bound: 'the people of one agency who may own its work',
  },
  {
    operation: 'GET /api/reports/overview',
    path: '*',
    bound: 'one row per agency the caller follows, for one year',
  },
  {
    operation: 'GET /api/reports/views',
    path: '*',
    bound: 'one view per agency the caller follows, for one year, each of one agency-year',
  },
  {
    operation: 'GET /api/home',
    path: '*',
    bound:
      "the start page's summaries: each list is cut to a few rows by the home service, with counts and links to the paged register",
  },
  // A person's or a client's own, few by nature.
  {
    operation: 'GET /api/calendar/feeds',
    path: '.items',
    bound: "one person's calendar subscriptions",
  },
  {
    operation: 'GET /api/clients',
    path: '.items',
    bound: 'the API clients administrators registered (integrating systems)',
  },
  {
    operation: 'GET /api/clients/{id}/webhooks',
    path: '.items',
    bound: "one API client's webhooks",
  },
  // Open data: published letters by year and agency.
  { operation: 'GET /api/open/v1', path: '*', bound: 'one entry per budget year published' },
  {
    operation: 'GET /api/open/v1/years/{year}',
    path: '*',
    bound: "one year's agencies, each with its letters of that year",
  },
  {
    operation: 'GET /api/open/v1/years/{year}/agencies/{agency}',
    path: '*',
    bound: "one agency-year's letters",
  },
  {
    operation: 'GET /api/open/v1/years/{year}/agencies/{agency}/letters/{letter}.json',
    path: '*',
    bound: 'one letter as the import read it',
  },
];

/** The arrays of a schema with their places (`.items`, `.a[].b`), `$ref`s followed. */
function arraysOf(
  spec: ListSpec,
  schema: ListSchema | undefined,
  path = '',
  seen: ReadonlySet<string> = new Set(),
  depth = 0,
): { path: string; schema: ListSchema }[] {
  if (!schema || depth > 12) return [];
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    if (seen.has(name)) return [];
    const target = spec.components?.schemas?.[name];
    return arraysOf(spec, target, path, new Set([...seen, name]), depth + 1);
  }
  const found: { path: string; schema: ListSchema }[] = [];
  if (schema.type === 'array') {
    found.push({ path: path || '.', schema });
    found.push(...arraysOf(spec, schema.items, `${path}[]`, seen, depth + 1));
  }
  for (const sub of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) {
    found.push(...arraysOf(spec, sub, path, seen, depth + 1));
  }
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    found.push(...arraysOf(spec, sub, `${path}.${key}`, seen, depth + 1));
  }
  if (typeof schema.additionalProperties === 'object') {
    found.push(...arraysOf(spec, schema.additionalProperties, `${path}.*`, seen, depth + 1));
  }
  return found;
}

/** Whether a schema (its `$ref` followed) is an object with this property. */
function hasProperty(spec: ListSpec, schema: ListSchema | undefined, name: string): boolean {
  if (!schema) return false;
  if (schema.$ref) {
    return hasProperty(spec, spec.components?.schemas?.[schema.$ref.split('/').pop()!], name);
  }
  return name in (schema.properties ?? {});
}

/** Whether the array holds enum values only (bounded by the enum). */
function ofEnum(spec: ListSpec, items: ListSchema | undefined): boolean {
  if (!items) return false;
  if (items.$ref) return ofEnum(spec, spec.components?.schemas?.[items.$ref.split('/').pop()!]);
  return Array.isArray(items.enum) && items.enum.length > 0;
}

/** The unbounded lists of a document, as `GET path .place` (empty when none). */
function unboundedLists(spec: ListSpec, unpaged: typeof UNPAGED): string[] {
  const problems: string[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    const op = item.get;
    const answer = op?.responses?.['200']?.content?.['application/json']?.schema;
    if (!op || !answer) continue;
    const key = `GET ${path}`;
    const limit = op.parameters?.find((p) => p.in === 'query' && p.name === 'limit');
    const paged =
      typeof limit?.schema?.maximum === 'number' && hasProperty(spec, answer, 'nextCursor');
    for (const list of arraysOf(spec, answer)) {
      // The page itself: an array of the answer's own (`.items`), not one inside its rows.
      if (paged && /^\.[^.[\]*]+$/.test(list.path)) continue;
      if (typeof list.schema.maxItems === 'number' || ofEnum(spec, list.schema.items)) continue;
      const exempt = unpaged.some(
        (u) => u.operation === key && (u.path === '*' || u.path === list.path),
      );
      if (!exempt) problems.push(`${key} ${list.path}`);
    }
  }
  return problems;
}

describe(`every list the API answers is bounded (${testDatabaseKind})`, () => {
  let spec: ListSpec;

  beforeAll(async () => {
    const app = await testApp();
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    spec = res.json<ListSpec>();
  });

  it('finds an unbounded list, and accepts a page, a capped, an enum and an exempted one', () => {
    const page = { items: { type: 'array', items: { type: 'string' } } };
    const answer = (properties: Record<string, ListSchema>) => ({
      '200': { content: { 'application/json': { schema: { type: 'object', properties } } } },
    });
    const limit = { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 100 } };
    const made: ListSpec = {
      paths: {
        '/unbounded': { get: { responses: answer(page) } },
        '/nested': {
          get: {
            responses: answer({ one: { $ref: '#/components/schemas/Wrapper' } }),
          },
        },
        '/no-max': {
          get: {
            parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer' } }],
            responses: answer({ ...page, nextCursor: { type: 'string' } }),
          },
        },
        '/paged': {
          get: {
            parameters: [limit],
            responses: answer({ ...page, nextCursor: { type: 'string' } }),
          },
        },
        // A page's rows are walked: a list inside a row is bounded on its own, or named.
        '/paged-rows': {
          get: {
            parameters: [limit],
            responses: answer({
              rows: { type: 'array', items: { $ref: '#/components/schemas/Wrapper' } },
              nextCursor: { type: 'string' },
            }),
          },
        },
        '/paged-rows-exempt': {
          get: {
            parameters: [limit],
            responses: answer({
              rows: { type: 'array', items: { $ref: '#/components/schemas/Wrapper' } },
              nextCursor: { type: 'string' },
            }),
          },
        },
        // `next` is not `nextCursor`: no page.
        '/next': {
          get: { parameters: [limit], responses: answer({ ...page, next: { type: 'string' } }) },
        },
        '/capped': {
          get: {
            responses: answer({ items: { type: 'array', maxItems: 5, items: { type: 'string' } } }),
          },
        },
        '/enum': {
          get: {
            responses: answer({
              roles: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } },
            }),
          },
        },
        '/exempt': { get: { responses: answer(page) } },
      },
      components: { schemas: { Wrapper: { type: 'object', properties: { rows: page.items } } } },
    };
    expect(
      unboundedLists(made, [
        { operation: 'GET /exempt', path: '.items', bound: 'test' },
        { operation: 'GET /paged-rows-exempt', path: '.rows[].rows', bound: 'test' },
      ]),
    ).toEqual([
      'GET /unbounded .items',
      'GET /nested .one.rows',
      'GET /no-max .items',
      'GET /paged-rows .rows[].rows',
      'GET /next .items',
    ]);
  });

  it('pages, caps or names the bound of every list of GET operations', () => {
    expect(
      unboundedLists(spec, UNPAGED),
      'Page the list (limit with a maximum + cursor → nextCursor: src/contract/pagination.ts), give the array a .max(), or add it to UNPAGED with what bounds it',
    ).toEqual([]);
  });

  it('names in UNPAGED only lists the document has', () => {
    const lists = new Set(
      Object.entries(spec.paths).flatMap(([path, item]) =>
        arraysOf(spec, item.get?.responses?.['200']?.content?.['application/json']?.schema).map(
          (l) => `GET ${path} ${l.path}`,
        ),
      ),
    );
    const stale = UNPAGED.filter(
      (u) =>
        !lists.has(`${u.operation} ${u.path}`) &&
        !(u.path === '*' && [...lists].some((l) => l.startsWith(`${u.operation} `))),
    );
    expect(stale).toEqual([]);
  });
});
