/**
 * Machine access through the real server and database (docs/machine-access.md): a registered
 * client gets a token by the client-credentials grant, lists the register and changes an
 * assignment's status with it (no cookie, no CSRF token); without the scope it is refused; a
 * revoked client is refused on its very next request; expired clients, wrong secrets and bad
 * grants get RFC 6749 errors; JWTs of an external authorisation server (a JWKS served in this
 * process) act as the client registered for them; administrators manage clients.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiScope, Role } from '../contract/enums';
import { testDatabase } from '../db/testing';
import {
  apiClients,
  apiTokens,
  assignmentEvents,
  auditLog,
  documents,
  organisations,
} from '../db/schema';
import { ReportContent } from '../contract/report';
import { createClient } from '../services/api-clients';
import { createReport } from '../services/reports';
import { SAMPLE_AGENCY, SAMPLE_MINISTRY, SECOND_AGENCY } from '../services/users';
import { testApp } from '../testing/app';
import { signIn, storeScopedDocument } from '../testing/auth';
import { buildAssignment, buildDocument, storeDocuments } from '../testing/factories';
import { buildApp, type App } from './app';

/** The years this file's data is in (no other test file uses them). */
const YEAR = 2066;
const system = { kind: 'system', name: 'machine-access-test' } as const;

let app: App;
let orgs: Record<string, string>;

async function orgId(name: string): Promise<string> {
  const [row] = await app.database.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.name, name));
  if (!row) throw new Error(`No organisation ${name}`);
  return row.id;
}

let serial = 0;
/** Registers a client (as the system) and returns its public id and secret. */
async function client(
  org: string,
  roles: Role[],
  scopes: ApiScope[],
  extra: { expiresAt?: Date; externalIssuer?: string; externalClientId?: string } = {},
) {
  const out = await createClient(app.database.db, system, {
    name: `Fagsystem ${++serial}`,
    organisationId: orgs[org]!,
    roles,
    scopes,
    ...extra,
  });
  if (out.kind !== 'saved') throw new Error(`No client: ${JSON.stringify(out)}`);
  return {
    id: out.client.id,
    clientId: out.client.clientId,
    name: out.client.name,
    secret: out.secret!,
  };
}

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

function tokenRequest(form: Record<string, string>, authorization?: string, on: App = app) {
  return on.inject({
    method: 'POST',
    url: '/oauth/token',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(authorization ? { authorization } : {}),
    },
    payload: new URLSearchParams(form).toString(),
  });
}

async function token(c: { clientId: string; secret: string }, scope?: string): Promise<string> {
  const res = await tokenRequest(
    { grant_type: 'client_credentials', ...(scope ? { scope } : {}) },
    basic(c.clientId, c.secret),
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json().access_token as string;
}

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

beforeAll(async () => {
  app = await testApp();
  await signIn(app, 'administrator'); // creates the sample organisations and users
  orgs = {
    agency: await orgId(SAMPLE_AGENCY),
    ministry: await orgId(SAMPLE_MINISTRY),
    other: await orgId(SECOND_AGENCY),
  };
});

describe('client credentials', () => {
  it('gets a token, lists the register and changes a status with it; nothing else is needed', async () => {
    const scoped = await storeScopedDocument(app, 'shared', SAMPLE_AGENCY, { year: YEAR });
    const c = await client('agency', ['agency-coordinator'], ['register:read', 'reports:submit']);

    const res = await tokenRequest(
      { grant_type: 'client_credentials' },
      basic(c.clientId, c.secret),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'register:read reports:submit',
    });
    // Only the token's hash is stored; its issue is in the audit trail, by the client.
    const stored = await app.database.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.clientId, c.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toBe(body.access_token);
    const issued = await app.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'api-token.issue'), eq(auditLog.objectId, c.id)));
    expect(issued.map((e) => [e.actorKind, e.actorId])).toEqual([['client', c.id]]);

    const list = await app.inject({
      method: 'GET',
      url: `/api/assignments?year=${YEAR}&agency=${scoped.agencyId}`,
      headers: bearer(body.access_token),
    });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((a: { id: string }) => a.id)).toContain(scoped.assignmentId);
    expect(list.headers['set-cookie']).toBeUndefined();

    const change = await app.inject({
      method: 'POST',
      url: `/api/assignments/${scoped.assignmentId}/status`,
      headers: { ...bearer(body.access_token), 'content-type': 'application/json' },
      payload: JSON.stringify({ to: 'in-progress', expectedVersion: 1 }),
    });
    expect(change.statusCode, change.body).toBe(200);
    expect(change.json().assignment.status).toBe('in-progress');
    expect(change.headers['set-cookie']).toBeUndefined();
    const [event] = await app.database.db
      .select()
      .from(assignmentEvents)
      .where(eq(assignmentEvents.assignmentId, scoped.assignmentId));
    expect([event!.actorKind, event!.actorId]).toEqual(['client', c.id]);
    // The history names the client as registered, not as `client:<id>`.
    const coordinator = await signIn(app, 'agency-coordinator');
    const history = await app.inject({
      method: 'GET',
      url: `/api/assignments/${scoped.assignmentId}/history`,
      headers: { cookie: coordinator.cookie },
    });
    expect(history.statusCode, history.body).toBe(200);
    expect(history.json().events.map((e: { actorName: string | null }) => e.actorName)).toEqual([
      c.name,
    ]);
  });

  it('takes the client id and secret in the body too, and a subset of its scopes', async () => {
    const c = await client('agency', ['agency-coordinator'], ['register:read', 'reports:submit']);
    const res = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: c.clientId,
      client_secret: c.secret,
      scope: 'register:read',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().scope).toBe('register:read');
  });

  it('refuses a status change without the scope (403 insufficient_scope), and people-only routes', async () => {
    const scoped = await storeScopedDocument(app, 'shared', SAMPLE_AGENCY, { year: YEAR });
    const c = await client('agency', ['agency-coordinator'], ['register:read', 'reports:submit']);
    const readOnly = await token(c, 'register:read');
    const change = await app.inject({
      method: 'POST',
      url: `/api/assignments/${scoped.assignmentId}/status`,
      headers: { ...bearer(readOnly), 'content-type': 'application/json' },
      payload: JSON.stringify({ to: 'in-progress', expectedVersion: 1 }),
    });
    expect(change.statusCode).toBe(403);
    expect(change.json().error).toBe('insufficient-scope');
    expect(change.headers['www-authenticate']).toBe(
      'Bearer error="insufficient_scope", scope="reports:submit"',
    );
    const detail = await app.inject({
      method: 'GET',
      url: `/api/assignments/${scoped.assignmentId}`,
      headers: bearer(readOnly),
    });
    expect(detail.statusCode).toBe(200);
    // What the token may do with it: read, not change.
    expect(detail.json().abilities).toMatchObject({ read: true, update: false });
    for (const url of ['/api/me', '/api/notifications', '/api/home', '/api/clients']) {
      const res = await app.inject({ method: 'GET', url, headers: bearer(readOnly) });
      expect(res.statusCode, url).toBe(403);
    }
  });

  it('refuses a change its roles do not allow even with the scope (a ministry reader)', async () => {
    const scoped = await storeScopedDocument(app, 'shared', SAMPLE_AGENCY, { year: YEAR });
    const c = await client('ministry', ['ministry-reader'], ['register:read', 'reports:submit']);
    const t = await token(c);
    const read = await app.inject({
      method: 'GET',
      url: `/api/assignments/${scoped.assignmentId}`,
      headers: bearer(t),
    });
    expect(read.statusCode).toBe(200);
    const change = await app.inject({
      method: 'POST',
      url: `/api/assignments/${scoped.assignmentId}/status`,
      headers: { ...bearer(t), 'content-type': 'application/json' },
      payload: JSON.stringify({ to: 'in-progress', expectedVersion: 1 }),
    });
    expect(change.statusCode).toBe(403);
  });

  it("does not show another agency's shared document to a client", async () => {
    const scoped = await storeScopedDocument(app, 'shared', SAMPLE_AGENCY, { year: YEAR });
    const c = await client('other', ['agency-coordinator'], ['register:read']);
    const res = await app.inject({
      method: 'GET',
      url: `/api/assignments/${scoped.assignmentId}`,
      headers: bearer(await token(c)),
    });
    expect(res.statusCode).toBe(404);
  });

  it('refuses a revoked client at once: its next request is 401 invalid_token', async () => {
    const c = await client('agency', ['agency-coordinator'], ['register:read']);
    const t = await token(c);
    const before = await app.inject({ method: 'GET', url: '/api/documents', headers: bearer(t) });
    expect(before.statusCode).toBe(200);
    const admin = await signIn(app, 'administrator');
    const revoke = await app.inject({
      method: 'POST',
      url: `/api/clients/${c.id}/revoke`,
      headers: admin.headers,
    });
    expect(revoke.statusCode, revoke.body).toBe(200);
    expect(revoke.json().client).toMatchObject({ active: false, revokedAt: expect.any(String) });
    const after = await app.inject({ method: 'GET', url: '/api/documents', headers: bearer(t) });
    expect(after.statusCode).toBe(401);
    expect(after.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect(after.json().error).toBe('invalid-token');
    // And it gets no new token.
    const again = await tokenRequest(
      { grant_type: 'client_credentials' },
      basic(c.clientId, c.secret),
    );
    expect(again.statusCode).toBe(401);
    expect(again.json().error).toBe('invalid_client');
  });

  it('refuses a revoked client at once even with a token it still holds in the table', async () => {
    // Revocation deletes the tokens; the client row is also checked on every request.
    const c = await client('agency', ['agency-coordinator'], ['register:read']);
    const t = await token(c);
    await app.database.db
      .update(apiClients)
      .set({ revokedAt: new Date() })
      .where(eq(apiClients.id, c.id));
    const res = await app.inject({ method: 'GET', url: '/api/documents', headers: bearer(t) });
    expect(res.statusCode).toBe(401);
  });

  it('answers RFC 6749 errors: expired client, wrong secret, unknown client, bad grant, bad scope', async () => {
    const expired = await client('agency', ['agency-coordinator'], ['register:read'], {
      expiresAt: new Date(Date.now() - 1000),
    });
    const good = await client('agency', ['agency-coordinator'], ['register:read']);
    const cases: [string, Awaited<ReturnType<typeof tokenRequest>>, number, string][] = [
      [
        'expired',
        await tokenRequest(
          { grant_type: 'client_credentials' },
          basic(expired.clientId, expired.secret),
        ),
        401,
        'invalid_client',
      ],
      [
        'wrong secret',
        await tokenRequest({ grant_type: 'client_credentials' }, basic(good.clientId, 'feil')),
        401,
        'invalid_client',
      ],
      [
        'unknown client',
        await tokenRequest({ grant_type: 'client_credentials' }, basic('ukjent', good.secret)),
        401,
        'invalid_client',
      ],
      [
        'no credentials',
        await tokenRequest({ grant_type: 'client_credentials' }),
        401,
        'invalid_client',
      ],
      [
        'password grant',
        await tokenRequest({ grant_type: 'password' }, basic(good.clientId, good.secret)),
        400,
        'unsupported_grant_type',
      ],
      [
        'scope beyond the client',
        await tokenRequest(
          { grant_type: 'client_credentials', scope: 'register:read documents:import' },
          basic(good.clientId, good.secret),
        ),
        400,
        'invalid_scope',
      ],
    ];
    const seen = cases.map(([label, res]) => [label, res.statusCode, res.json().error]);
    expect(seen).toEqual(cases.map(([label, , status, error]) => [label, status, error]));
    for (const [, res, status] of cases) {
      expect(res.json().error_description).toEqual(expect.any(String));
      if (status === 401) expect(res.headers['www-authenticate']).toMatch(/^Basic/);
    }
  });

  it('answers every refusal of the token endpoint as an RFC 6749 body, never a 500', async () => {
    const good = await client('agency', ['agency-coordinator'], ['register:read']);
    const cases: [string, Awaited<ReturnType<typeof tokenRequest>>, number, string][] = [
      ['no fields', await tokenRequest({}), 400, 'invalid_request'],
      [
        'a field too long',
        await tokenRequest({ grant_type: 'client_credentials', scope: 'x'.repeat(2000) }),
        400,
        'invalid_request',
      ],
      [
        'NUL in client_id',
        await tokenRequest({
          grant_type: 'client_credentials',
          client_id: `${good.clientId}\u0000`,
          client_secret: good.secret,
        }),
        400,
        'invalid_request',
      ],
      [
        'an invalid bearer token',
        await tokenRequest({ grant_type: 'client_credentials' }, 'Bearer nope'),
        401,
        'invalid_client',
      ],
    ];
    const seen = cases.map(([label, res]) => [label, res.statusCode, res.json().error]);
    expect(seen).toEqual(cases.map(([label, , status, error]) => [label, status, error]));
    for (const [label, res] of cases) {
      expect(res.json(), label).toEqual({
        error: expect.any(String),
        error_description: expect.any(String),
        message: expect.any(String),
      });
    }
  });

  it('answers 401 to an unknown or malformed bearer token, even beside a valid session', async () => {
    const officer = await signIn(app, 'ministry-department-officer');
    for (const authorization of ['Bearer nope', 'Bearer', 'Bearer a.b.c']) {
      const res = await app.inject({
        method: 'GET',
        url: '/api/documents',
        headers: { authorization, cookie: officer.cookie },
      });
      expect(res.statusCode, authorization).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    }
    // On every route, as the OpenAPI document says: open to all, or for people only.
    for (const url of ['/api/health', '/api/me/settings']) {
      const res = await app.inject({ method: 'GET', url, headers: bearer('nope') });
      expect(res.statusCode, url).toBe(401);
    }
  });

  it('needs no CSRF token with a bearer token, and ignores a session cookie beside it', async () => {
    const scoped = await storeScopedDocument(app, 'shared', SAMPLE_AGENCY, { year: YEAR });
    const c = await client('agency', ['agency-coordinator'], ['register:read', 'reports:submit']);
    const officer = await signIn(app, 'ministry-department-officer');
    const res = await app.inject({
      method: 'POST',
      url: `/api/assignments/${scoped.assignmentId}/status`,
      headers: {
        ...bearer(await token(c)),
        cookie: officer.cookie,
        'content-type': 'application/json',
      },
      payload: JSON.stringify({ to: 'in-progress', expectedVersion: 1 }),
    });
    expect(res.statusCode, res.body).toBe(200);
    const [event] = await app.database.db
      .select()
      .from(assignmentEvents)
      .where(eq(assignmentEvents.assignmentId, scoped.assignmentId));
    expect(event!.actorKind).toBe('client');
  });
});

describe('reports with a client', () => {
  it("lets a client with the assignment owner's role change no entry of a report (it owns none)", async () => {
    const scoped = await storeScopedDocument(app, 'shared', SAMPLE_AGENCY, { year: YEAR });
    const made = await createReport(app.database.db, system, {
      agencyId: scoped.agencyId,
      year: YEAR,
      title: 'Rapport skrevet av et fagsystem',
      dueDate: `${YEAR}-06-01`,
    });
    if (made.kind !== 'saved') throw new Error(`No report: ${made.kind}`);
    const c = await client(
      'agency',
      ['agency-assignment-owner'],
      ['register:read', 'reports:submit'],
    );
    const res = await app.inject({
      method: 'PUT',
      url: `/api/reports/${made.report.row.id}`,
      headers: { ...bearer(await token(c)), 'content-type': 'application/json' },
      payload: JSON.stringify({
        content: ReportContent.parse({
          budget: [{ chapter: 700, post: 1, forecast: 1, explanation: 'Skrevet av klienten' }],
        }),
        expectedVersion: made.report.row.version,
      }),
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ error: 'report-not-yours' });
  });

  it("shows a ministry's client with register:read the report overview, as a person sees it", async () => {
    // A letter of the year with a report in its calendar: the overview makes that report.
    const stored = await storeDocuments(app.database.db, [
      buildDocument({
        year: YEAR,
        ministry: SAMPLE_MINISTRY,
        agency: SECOND_AGENCY,
        title: `Tildelingsbrev til ${SECOND_AGENCY} for ${YEAR}`,
        assignments: [buildAssignment({ assignedId: `TB${YEAR}-91`, title: 'Kartlegge fjorder' })],
        calendar: [
          {
            date: `${YEAR}-04-01`,
            text: 'Status- og avviksrapport per 1. april',
            kind: 'report',
            deadline: {
              date: `${YEAR}-04-01`,
              text: 'Status- og avviksrapport per 1. april',
              appliesTo: null,
              value: { kind: 'exact', date: `${YEAR}-04-01` },
            },
            provenance: { startLine: 30, endLine: 30 },
          },
        ],
      }),
    ]);
    await app.database.db
      .update(documents)
      .set({ status: 'shared' })
      .where(eq(documents.id, stored.documents[0]!.id));
    const c = await client('ministry', ['ministry-reader'], ['register:read']);
    const res = await app.inject({
      method: 'GET',
      url: `/api/reports/overview?year=${YEAR}`,
      headers: bearer(await token(c)),
    });
    expect(res.statusCode, res.body).toBe(200);
    const agencies = res.json().agencies as { agencyId: string; owed: number }[];
    expect(agencies.find((a) => a.agencyId === orgs.other)).toMatchObject({ owed: 1 });
    // A person with the same role sees the same.
    const reader = await signIn(app, 'ministry-reader');
    const theirs = await app.inject({
      method: 'GET',
      url: `/api/reports/overview?year=${YEAR}`,
      headers: { cookie: reader.cookie },
    });
    expect(agencies).toEqual(theirs.json().agencies);
  });
});

describe('administrators manage clients', () => {
  it('registers a client with its secret shown once, lists it without, rotates and revokes it', async () => {
    const admin = await signIn(app, 'administrator');
    const create = await app.inject({
      method: 'POST',
      url: '/api/clients',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({
        name: 'Saksbehandlingssystemet',
        organisationId: orgs.agency,
        roles: ['agency-coordinator'],
        scopes: ['register:read'],
      }),
    });
    expect(create.statusCode, create.body).toBe(201);
    const { client: created, secret } = create.json();
    expect(secret).toEqual(expect.any(String));
    expect(created).toMatchObject({ hasSecret: true, active: true, scopes: ['register:read'] });
    const [row] = await app.database.db
      .select()
      .from(apiClients)
      .where(eq(apiClients.id, created.id));
    expect(row!.secretHash).toMatch(/^scrypt\$/);
    expect(row!.secretHash).not.toContain(secret);

    const list = await app.inject({ method: 'GET', url: '/api/clients', headers: admin.headers });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(secret);
    expect(list.json().items.map((c: { id: string }) => c.id)).toContain(created.id);

    const first = await token({ clientId: created.clientId, secret });
    const rotate = await app.inject({
      method: 'POST',
      url: `/api/clients/${created.id}/secret`,
      headers: admin.headers,
    });
    expect(rotate.statusCode, rotate.body).toBe(200);
    const newSecret = rotate.json().secret as string;
    expect(newSecret).not.toBe(secret);
    // The old secret and the tokens issued with it stop working.
    const old = await tokenRequest(
      { grant_type: 'client_credentials' },
      basic(created.clientId, secret),
    );
    expect(old.statusCode).toBe(401);
    const stale = await app.inject({
      method: 'GET',
      url: '/api/documents',
      headers: bearer(first),
    });
    expect(stale.statusCode).toBe(401);
    await token({ clientId: created.clientId, secret: newSecret });

    const actions = await app.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.objectId, created.id));
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['api-client.create', 'api-client.rotate-secret', 'api-token.issue']),
    );
  });

  it("lists a client's webhooks, stopped ones too, without their secrets", async () => {
    const admin = await signIn(app, 'administrator');
    const c = await client('agency', ['agency-coordinator'], ['register:read']);
    const add = (url: string) =>
      app.inject({
        method: 'POST',
        url: `/api/clients/${c.id}/webhooks`,
        headers: { ...admin.headers, 'content-type': 'application/json' },
        payload: JSON.stringify({ url, events: ['letter.issued'] }),
      });
    const first = await add('https://sak.example/a');
    const second = await add('https://sak.example/b');
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    const stopped = await app.inject({
      method: 'DELETE',
      url: `/api/clients/${c.id}/webhooks/${first.json().webhook.id}`,
      headers: admin.headers,
    });
    expect(stopped.statusCode).toBe(200);
    const list = await app.inject({
      method: 'GET',
      url: `/api/clients/${c.id}/webhooks`,
      headers: admin.headers,
    });
    expect(list.statusCode, list.body).toBe(200);
    expect(
      list
        .json()
        .items.map((w: { url: string; disabledAt: string | null }) => [
          w.url,
          w.disabledAt !== null,
        ]),
    ).toEqual([
      ['https://sak.example/a', true],
      ['https://sak.example/b', false],
    ]);
    expect(list.body).not.toContain(first.json().secret);
    expect(list.body).not.toContain('whsec_');
    const auditor = await signIn(app, 'auditor');
    const refused = await app.inject({
      method: 'GET',
      url: `/api/clients/${c.id}/webhooks`,
      headers: auditor.headers,
    });
    expect(refused.statusCode).toBe(403);
  });

  it('refuses an administrator role for a client, and every caller but administrators', async () => {
    const admin = await signIn(app, 'administrator');
    const res = await app.inject({
      method: 'POST',
      url: '/api/clients',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({
        name: 'For mye',
        organisationId: orgs.agency,
        roles: ['administrator'],
        scopes: ['register:read'],
      }),
    });
    expect(res.statusCode).toBe(422);
    const auditor = await signIn(app, 'auditor');
    const list = await app.inject({ method: 'GET', url: '/api/clients', headers: auditor.headers });
    expect(list.statusCode).toBe(403);
  });
});

describe('tokens of an external authorisation server (Maskinporten)', () => {
  let jwks: Server;
  let issuer: string;
  let key: CryptoKey;
  let external: App;
  const audience = 'https://tildel.test/api';
  let registered: { clientId: string };

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'mp1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/`;
    external = await buildApp({
      database: await testDatabase(),
      webDir: '/nonexistent',
      auth: {
        external: {
          issuer,
          jwksUrl: `${issuer}jwks`,
          audience,
          scopePrefix: 'fin:tildel/',
        },
      },
    });
    registered = await client(
      'agency',
      ['agency-coordinator'],
      ['register:read', 'reports:submit'],
      { externalIssuer: issuer, externalClientId: `mp-${YEAR}-client` },
    );
  });

  afterAll(async () => {
    await external?.close();
    if (jwks) await new Promise((resolve) => jwks.close(resolve));
  });

  const jwt = (
    claims: Record<string, unknown>,
    opts: { iss?: string; aud?: string; exp?: number | string } = {},
  ) =>
    new SignJWT({ scope: 'fin:tildel/register:read', client_id: `mp-${YEAR}-client`, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'mp1' })
      .setIssuer(opts.iss ?? issuer)
      .setAudience(opts.aud ?? audience)
      .setIssuedAt()
      .setExpirationTime(opts.exp ?? '2m')
      .sign(key);

  const call = async (t: string) =>
    external.inject({ method: 'GET', url: '/api/documents', headers: bearer(t) });

  it('acts as the client registered for the token, with the scopes both grant', async () => {
    expect(registered.clientId).toEqual(expect.any(String));
    const good = await call(await jwt({}));
    expect(good.statusCode, good.body).toBe(200);
    // The token grants register:read only: no status change, although the client may.
    const scoped = await storeScopedDocument(external, 'shared', SAMPLE_AGENCY, { year: YEAR });
    const change = await external.inject({
      method: 'POST',
      url: `/api/assignments/${scoped.assignmentId}/status`,
      headers: { ...bearer(await jwt({})), 'content-type': 'application/json' },
      payload: JSON.stringify({ to: 'in-progress', expectedVersion: 1 }),
    });
    expect(change.statusCode).toBe(403);
    expect(change.json().error).toBe('insufficient-scope');
    const both = await external.inject({
      method: 'POST',
      url: `/api/assignments/${scoped.assignmentId}/status`,
      headers: {
        ...bearer(await jwt({ scope: 'fin:tildel/register:read fin:tildel/reports:submit' })),
        'content-type': 'application/json',
      },
      payload: JSON.stringify({ to: 'in-progress', expectedVersion: 1 }),
    });
    expect(both.statusCode, both.body).toBe(200);
  });

  it('refuses a wrong issuer, a wrong audience, an expired token, another key and an unknown client', async () => {
    const other = await generateKeyPair('RS256');
    const forged = await new SignJWT({
      scope: 'fin:tildel/register:read',
      client_id: `mp-${YEAR}-client`,
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'mp1' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setExpirationTime('2m')
      .sign(other.privateKey);
    const cases: [string, string][] = [
      ['wrong issuer', await jwt({}, { iss: 'https://other.example/' })],
      ['wrong audience', await jwt({}, { aud: 'https://other.example/api' })],
      ['expired', await jwt({}, { exp: Math.floor(Date.now() / 1000) - 600 })],
      ['another key', forged],
      ['unknown client', await jwt({ client_id: 'mp-ukjent' })],
    ];
    const answers = [];
    for (const [label, t] of cases) answers.push([label, (await call(t)).statusCode]);
    expect(answers).toEqual(cases.map(([label]) => [label, 401]));
  });

  it('matches the client by client_id, or by the consumer when no client has that client_id', async () => {
    // A client registered for the consumer (Maskinporten's consumer.ID, 0192:<org.nr>), with a
    // scope that does not read the register: who answers tells which client the token acts as.
    const consumer = `0192:9${YEAR}0673`;
    await client('agency', ['agency-coordinator'], ['documents:import'], {
      externalIssuer: issuer,
      externalClientId: consumer,
    });
    const byConsumer = await call(
      await jwt({ client_id: `mp-${YEAR}-unregistered`, consumer: { ID: consumer } }),
    );
    // Acts as the consumer's client, whose scopes do not read the register.
    expect(byConsumer.statusCode, byConsumer.body).toBe(403);
    expect(byConsumer.json().error).toBe('insufficient-scope');
    // A registered client_id wins over the consumer (that client reads the register).
    const byClientId = await call(await jwt({ consumer: { ID: consumer } }));
    expect(byClientId.statusCode, byClientId.body).toBe(200);
    // Registered under the bare org.nr works too.
    const bare = `9${YEAR}0674`;
    await client('agency', ['agency-coordinator'], ['register:read'], {
      externalIssuer: issuer,
      externalClientId: bare,
    });
    const byOrgNr = await call(
      await jwt({ client_id: `mp-${YEAR}-unregistered`, consumer: { ID: `0192:${bare}` } }),
    );
    expect(byOrgNr.statusCode, byOrgNr.body).toBe(200);
    // Neither registered: refused.
    const none = await call(
      await jwt({ client_id: `mp-${YEAR}-unregistered`, consumer: { ID: '0192:999999999' } }),
    );
    expect(none.statusCode).toBe(401);
  });

  it('refuses a token of a revoked client', async () => {
    const revoked = await client('agency', ['agency-coordinator'], ['register:read'], {
      externalIssuer: issuer,
      externalClientId: `mp-${YEAR}-revoked`,
    });
    expect((await call(await jwt({ client_id: `mp-${YEAR}-revoked` }))).statusCode).toBe(200);
    await app.database.db
      .update(apiClients)
      .set({ revokedAt: new Date() })
      .where(eq(apiClients.id, revoked.id));
    expect((await call(await jwt({ client_id: `mp-${YEAR}-revoked` }))).statusCode).toBe(401);
  });

  it('ignores JWTs where no external server is configured', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/documents',
      headers: bearer(await jwt({})),
    });
    expect(res.statusCode).toBe(401);
  });
});
