/**
 * Webhooks against a real HTTP receiver in this process: a delivery accepted, a letter
 * published and a report submitted each queue a signed delivery (in the change's transaction)
 * to the clients whose organisation may read the object, and to no other; the job runner POSTs
 * it, and a receiver that first answers 500 gets the same delivery again after the backoff.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiScope, Role, WebhookEvent } from '../contract/enums';
import { documents, jobs, organisations, webhooks } from '../db/schema';
import { testApp } from '../testing/app';
import { signIn, storeScopedDocument } from '../testing/auth';
import { buildDraftContent } from '../testing/builders';
import { multipart, MULTIPART_TYPE } from '../testing/multipart';
import type { App } from '../server/app';
import { createClient, issueToken, revokeClient } from './api-clients';
import { changeStatus } from './assignment-status';
import { changeDocumentStatus } from './document-status';
import { enqueue, startJobRunner } from './jobs';
import { createReport } from './reports';
import { ReportContent } from '../contract/report';
import { SAMPLE_AGENCY, SAMPLE_MINISTRY, SECOND_AGENCY } from './users';
import {
  createWebhook,
  forbiddenAddress,
  verifyWebhookSignature,
  WEBHOOK_JOB,
  webhookHandlers,
  webhookSignature,
} from './webhooks';

/** The year this file's data is in (no other test file uses it). */
const YEAR = 2067;
const system = { kind: 'system', name: 'webhooks-test' } as const;

interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  status: number;
}

let app: App;
let receiver: Server;
let base: string;
const received: Received[] = [];
const seen = new Set<string>();
const hooks: Record<string, { id: string; secret: string }> = {};
let clock = new Date();

/** Registers a client with a webhook to `/<label>` on the receiver for `events`. */
async function subscriber(
  label: string,
  organisation: string,
  roles: Role[],
  scopes: ApiScope[],
  events: WebhookEvent[],
) {
  const [org] = await app.database.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.name, organisation));
  const made = await createClient(app.database.db, system, {
    name: `Mottaker ${label}`,
    organisationId: org!.id,
    roles,
    scopes,
  });
  if (made.kind !== 'saved') throw new Error(`No client: ${made.kind}`);
  const hook = await createWebhook(
    app.database.db,
    system,
    made.client.id,
    { url: `${base}/${label}`, events },
    INSECURE,
  );
  if (hook.kind !== 'saved') throw new Error(`No webhook: ${hook.kind}`);
  hooks[label] = { id: hook.webhook.id, secret: hook.secret! };
  return { ...made.client, secret: made.secret! };
}

/** The receiver is plain http on loopback: allowed only with this setting on. */
const INSECURE = { allowInsecure: true };

const runner = (settings = INSECURE) =>
  startJobRunner({
    db: app.database.db,
    handlers: webhookHandlers(app.database.db, { timeoutMs: 5000, ...settings }),
    intervalMs: 3_600_000,
    workerId: `webhooks-test:${process.pid}`,
    now: () => clock,
    log: { info() {}, warn() {}, error() {} },
  });

/**
 * A letter shared with the agency, not published. The factory stores it as an import does
 * (published, which queues letter.issued) and then sets it shared, which no import does: the
 * deliveries queued about it are dropped, so they do not count as this file's events.
 */
async function sharedLetter() {
  const scoped = await storeScopedDocument(app, 'shared', SAMPLE_AGENCY, { year: YEAR });
  await app.database.db
    .delete(jobs)
    .where(
      and(
        eq(jobs.kind, WEBHOOK_JOB),
        sql`${jobs.payload}->'delivery'->'data'->>'documentId' = ${scoped.documentId}`,
      ),
    );
  return scoped;
}

/** The webhook deliveries queued for one of this file's webhooks. */
async function queuedFor(label: string) {
  return app.database.db
    .select()
    .from(jobs)
    .where(
      and(eq(jobs.kind, WEBHOOK_JOB), sql`${jobs.payload}->>'webhookId' = ${hooks[label]!.id}`),
    );
}

/** Runs the due deliveries now, then again after the first retry's backoff. */
async function deliverWithRetry() {
  const r = runner();
  try {
    await r.runOnce();
    clock = new Date(clock.getTime() + 61_000);
    await r.runOnce();
  } finally {
    await r.stop();
  }
}

beforeAll(async () => {
  app = await testApp();
  await signIn(app, 'administrator'); // the sample organisations
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const delivery = String(req.headers['tildel-delivery']);
      // Each delivery fails the first time it arrives, and is taken the second.
      const status = seen.has(delivery) ? 204 : 500;
      seen.add(delivery);
      received.push({ path: req.url ?? '', headers: req.headers, body, status });
      res.writeHead(status);
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const all: WebhookEvent[] = ['letter.issued', 'report.submitted', 'delivery.accepted'];
  await subscriber('agency', SAMPLE_AGENCY, ['agency-coordinator'], ['register:read'], all);
  await subscriber(
    'ministry',
    SAMPLE_MINISTRY,
    ['ministry-budget-officer'],
    ['register:read'],
    ['report.submitted'],
  );
  // Another agency's client reads none of this agency's objects.
  await subscriber('other', SECOND_AGENCY, ['agency-coordinator'], ['register:read'], all);
  // A client whose scopes do not read the register is told of nothing.
  await subscriber('blind', SAMPLE_AGENCY, ['agency-coordinator'], ['reports:submit'], all);
});

afterAll(async () => {
  if (receiver) await new Promise((resolve) => receiver.close(resolve));
});

/** What one webhook received, in order: status, event, delivery id. */
const receivedBy = (label: string) => received.filter((r) => r.path === `/${label}`);

function checkSigned(r: Received, label: string) {
  const t = /t=(\d+)/.exec(String(r.headers['tildel-signature']))![1]!;
  const mac = createHmac('sha256', hooks[label]!.secret).update(`${t}.${r.body}`).digest('hex');
  expect(r.headers['tildel-signature']).toBe(`t=${t},v1=${mac}`);
  expect(
    verifyWebhookSignature(hooks[label]!.secret, String(r.headers['tildel-signature']), r.body, {
      now: new Date(Number(t) * 1000),
    }),
  ).toBe(true);
}

describe('webhooks', () => {
  it('tells of an accepted delivery, signed, retried after a 500, and only to who reads it', async () => {
    const scoped = await sharedLetter();
    for (const [to, expectedVersion] of [
      ['delivered', 1],
      ['accepted', 2],
    ] as const) {
      const out = await changeStatus(app.database.db, system, scoped.assignmentId, {
        to,
        expectedVersion,
        ...(to === 'delivered' ? { deliveryRef: 'Sak 2067/1' } : {}),
      });
      expect(out.kind).toBe('changed');
    }
    expect(await queuedFor('agency')).toHaveLength(1);
    expect(await queuedFor('other')).toHaveLength(0);
    expect(await queuedFor('blind')).toHaveLength(0);
    expect(await queuedFor('ministry')).toHaveLength(0); // not subscribed to the event

    clock = new Date();
    await deliverWithRetry();
    const got = receivedBy('agency');
    expect(got.map((r) => r.status)).toEqual([500, 204]);
    expect(new Set(got.map((r) => r.headers['tildel-delivery'])).size).toBe(1);
    expect(got[1]!.body).toBe(got[0]!.body);
    for (const r of got) {
      expect(r.headers['tildel-event']).toBe('delivery.accepted');
      expect(r.headers['content-type']).toBe('application/json');
      checkSigned(r, 'agency');
    }
    const body = JSON.parse(got[0]!.body);
    expect(body).toEqual({
      id: got[0]!.headers['tildel-delivery'],
      event: 'delivery.accepted',
      occurredAt: expect.any(String),
      data: expect.objectContaining({
        assignmentId: scoped.assignmentId,
        documentId: scoped.documentId,
        agencyId: scoped.agencyId,
      }),
    });
    const [job] = await queuedFor('agency');
    expect(job!.doneAt).not.toBeNull();
    expect(job!.attempts).toBe(2);
  });

  it('tells of a letter published and a report submitted', async () => {
    const scoped = await sharedLetter();
    const [doc] = await app.database.db
      .select({ statusVersion: documents.statusVersion })
      .from(documents)
      .where(eq(documents.id, scoped.documentId));
    const published = await changeDocumentStatus(app.database.db, system, scoped.documentId, {
      to: 'published',
      expectedVersion: doc!.statusVersion,
      // Its one assignment prints no ID: the review accepts it as read.
      acceptUncertain: 1,
    });
    expect(published.kind).toBe('changed');

    const report = await createReport(app.database.db, system, {
      agencyId: scoped.agencyId,
      year: YEAR,
      title: 'Webhookrapport',
      dueDate: `${YEAR}-06-01`,
    });
    if (report.kind !== 'saved') throw new Error(`No report: ${report.kind}`);
    // The agency's own system writes the forecast and submits the report with its token.
    const submitter = await subscriber(
      'submitter',
      SAMPLE_AGENCY,
      ['agency-coordinator'],
      ['register:read', 'reports:submit'],
      ['delivery.accepted'],
    );
    const issued = await issueToken(app.database.db, {
      clientId: submitter.clientId,
      clientSecret: submitter.secret,
    });
    if (issued.kind !== 'issued') throw new Error('No token');
    const headers = {
      authorization: `Bearer ${issued.accessToken}`,
      'content-type': 'application/json',
    };
    const id = report.report.row.id;
    const saved = await app.inject({
      method: 'PUT',
      url: `/api/reports/${id}`,
      headers,
      payload: JSON.stringify({
        content: ReportContent.parse({
          budget: [
            {
              chapter: 700,
              post: 1,
              forecast: 150_000,
              explanation: 'Prognose skrevet for testen',
            },
          ],
        }),
        expectedVersion: report.report.row.version,
      }),
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const submitted = await app.inject({
      method: 'POST',
      url: `/api/reports/${id}/status`,
      headers,
      payload: JSON.stringify({ to: 'submitted', expectedVersion: saved.json().version }),
    });
    expect(submitted.statusCode, submitted.body).toBe(200);

    const before = received.length;
    clock = new Date(Math.max(Date.now(), clock.getTime()));
    await deliverWithRetry();
    const events = (label: string) =>
      received
        .slice(before)
        .filter((r) => r.path === `/${label}` && r.status === 204)
        .map((r) => JSON.parse(r.body) as { event: string; data: Record<string, unknown> });
    expect(
      events('agency')
        .map((e) => e.event)
        .sort(),
    ).toEqual(['letter.issued', 'report.submitted']);
    expect(events('agency').find((e) => e.event === 'letter.issued')!.data).toMatchObject({
      documentId: scoped.documentId,
      status: 'published',
    });
    expect(events('ministry').map((e) => [e.event, e.data.reportId])).toEqual([
      ['report.submitted', report.report.row.id],
    ]);
    // A published letter is public: another agency's client reads it, and is told of it; of
    // the report (and of the delivery before) it is told nothing.
    expect(events('other').map((e) => [e.event, e.data.documentId])).toEqual([
      ['letter.issued', scoped.documentId],
    ]);
    expect(receivedBy('blind')).toEqual([]);
  });

  it('tells of a letter once when it is imported as published, and once when a draft is issued', async () => {
    /** The letter.issued deliveries queued to the agency's webhook about `documentId`. */
    const toldOf = async (documentId: string) =>
      (await queuedFor('agency')).filter((j) => {
        const d = (j.payload as { delivery: { event: string; data: { documentId: string } } })
          .delivery;
        return d.event === 'letter.issued' && d.data.documentId === documentId;
      });
    // An import (of text written for this test from the sample's first supplement).
    const text = readFileSync(
      resolve(import.meta.dirname, '../../sample-data/02-tillegg-2026.txt'),
      'utf8',
    )
      .split('\n\nTillegg til tildelingsbrev nr. 2')[0]!
      .replaceAll('2026', String(YEAR))
      .replaceAll('2025', String(YEAR - 1));
    const officer = await signIn(app, 'ministry-budget-officer');
    const imported = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...officer.headers, 'content-type': MULTIPART_TYPE },
      payload: multipart([
        { name: 'tillegg.txt', bytes: new TextEncoder().encode(text), type: 'text/plain' },
      ]),
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const stored = imported.json().files[0].documents as { id: string; outcome: string }[];
    expect(stored.map((d) => d.outcome)).toEqual(['created']);
    expect(await toldOf(stored[0]!.id)).toHaveLength(1);

    // A letter written in Tildel: saved, approved by a second officer, issued.
    const author = await signIn(app, 'ministry-department-officer');
    const agencyId = (await sharedLetter()).agencyId;
    const created = await app.inject({
      method: 'POST',
      url: '/api/drafts',
      headers: author.headers,
      payload: { agencyId, year: YEAR, kind: 'allocation-letter', from: 'empty' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const saved = await app.inject({
      method: 'PUT',
      url: `/api/drafts/${created.json().id}`,
      headers: author.headers,
      payload: { expectedVersion: created.json().version, content: buildDraftContent() },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const approved = await app.inject({
      method: 'POST',
      url: `/api/drafts/${created.json().id}/approve`,
      headers: officer.headers,
      payload: { expectedVersion: saved.json().version },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const issued = await app.inject({
      method: 'POST',
      url: `/api/drafts/${created.json().id}/issue`,
      headers: author.headers,
      payload: { expectedVersion: approved.json().version },
    });
    expect(issued.statusCode, issued.body).toBe(200);
    expect(await toldOf(issued.json().issuedDocumentId)).toHaveLength(1);
  });

  it('sends nothing more to a revoked client', async () => {
    const client = await subscriber(
      'revoked',
      SAMPLE_AGENCY,
      ['agency-coordinator'],
      ['register:read'],
      ['delivery.accepted'],
    );
    const scoped = await sharedLetter();
    await changeStatus(app.database.db, system, scoped.assignmentId, {
      to: 'delivered',
      expectedVersion: 1,
    });
    await changeStatus(app.database.db, system, scoped.assignmentId, {
      to: 'accepted',
      expectedVersion: 2,
    });
    expect(await queuedFor('revoked')).toHaveLength(1);
    await revokeClient(app.database.db, system, client.id);
    clock = new Date(Math.max(Date.now(), clock.getTime()));
    await deliverWithRetry();
    expect(receivedBy('revoked')).toEqual([]);
    const [job] = await queuedFor('revoked');
    expect(job!.lastError).toMatch(/skipped: the client is not active/);
  });

  it('registers https URLs only (http to loopback only with the setting), and no private address', async () => {
    const client = await subscriber(
      'registered',
      SAMPLE_AGENCY,
      ['agency-coordinator'],
      ['register:read'],
      ['delivery.accepted'],
    );
    const refused = async (url: string, settings = {}) => {
      const out = await createWebhook(
        app.database.db,
        system,
        client.id,
        { url, events: ['letter.issued'] },
        settings,
      );
      return out.kind === 'refused' ? out.message : out.kind;
    };
    expect(await refused('http://example.org/hook')).toMatch(/https:\/\//);
    expect(await refused('http://example.org/hook', INSECURE)).toMatch(/https:\/\//);
    expect(await refused(`${base}/x`)).toMatch(/https:\/\//); // loopback, setting off
    expect(await refused('https://10.1.2.3/hook')).toMatch(/private address/);
    expect(await refused('https://[fe80::1]/hook')).toMatch(/link-local address/);
    expect(await refused('https://[::ffff:192.168.1.1]/hook')).toMatch(/private address/);
    expect(await refused('https://u:p@example.org/hook')).toMatch(/user name or password/);
    expect(await refused('https://example.org/hook')).toBe('saved');
    // Through the API (the shared test server has the setting off).
    const admin = await signIn(app, 'administrator');
    const res = await app.inject({
      method: 'POST',
      url: `/api/clients/${client.id}/webhooks`,
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ url: 'http://example.org/hook', events: ['letter.issued'] }),
    });
    expect(res.statusCode, res.body).toBe(422);
  });

  it('classifies addresses: loopback, private, link-local, ULA, unspecified, multicast', () => {
    const cases = {
      '127.0.0.1': 'loopback',
      '::1': 'loopback',
      '10.0.0.1': 'private',
      '172.31.255.255': 'private',
      '192.168.0.1': 'private',
      '169.254.169.254': 'link-local',
      'fe80::1': 'link-local',
      'fd00::1': 'private',
      '0.0.0.0': 'unspecified',
      '::': 'unspecified',
      '224.0.0.1': 'multicast',
      'ff02::1': 'multicast',
      '::ffff:10.0.0.1': 'private',
      '172.32.0.1': null,
      '93.184.216.34': null,
      '2001:db8::1': null,
    };
    expect(Object.fromEntries(Object.keys(cases).map((a) => [a, forbiddenAddress(a)]))).toEqual(
      cases,
    );
    expect(forbiddenAddress('127.0.0.1', INSECURE)).toBeNull();
    expect(forbiddenAddress('10.0.0.1', INSECURE)).toBe('private');
  });

  it('refuses a delivery to a private or loopback address at once, without retrying', async () => {
    const client = await subscriber(
      'private',
      SAMPLE_AGENCY,
      ['agency-coordinator'],
      ['register:read'],
      ['delivery.accepted'],
    );
    // Rows made as a registration before these rules would have: a literal private address,
    // and a name (localhost) that resolves to loopback.
    const targets = { private: 'https://10.255.0.1/hook', localhost: `https://localhost:1/hook` };
    const ids: Record<string, string> = {};
    for (const [label, url] of Object.entries(targets)) {
      const [row] = await app.database.db
        .insert(webhooks)
        .values({
          clientId: client.id,
          url,
          secret: 'whsec_test',
          events: ['delivery.accepted'],
          createdByKind: 'system',
        })
        .returning();
      ids[label] = row!.id;
    }
    const ours = (id: string) =>
      app.database.db
        .select()
        .from(jobs)
        .where(and(eq(jobs.kind, WEBHOOK_JOB), sql`${jobs.payload}->>'webhookId' = ${id}`));
    await enqueue(
      app.database.db,
      Object.values(ids).map((webhookId) => ({
        kind: WEBHOOK_JOB,
        key: `webhook:test-${webhookId}`,
        payload: {
          webhookId,
          delivery: {
            id: `test-${webhookId}`,
            event: 'delivery.accepted',
            occurredAt: new Date().toISOString(),
            data: {},
          },
        },
      })),
    );
    clock = new Date(Math.max(Date.now(), clock.getTime()));
    const r = runner({ allowInsecure: false });
    try {
      await r.runOnce();
      clock = new Date(clock.getTime() + 61_000);
      await r.runOnce();
    } finally {
      await r.stop();
    }
    const [toPrivate] = await ours(ids.private!);
    const [toLocalhost] = await ours(ids.localhost!);
    for (const job of [toPrivate!, toLocalhost!]) {
      expect(job.failedAt).not.toBeNull();
      expect(job.attempts).toBe(1);
    }
    expect(toPrivate!.lastError).toMatch(/private address/);
    expect(toLocalhost!.lastError).toMatch(/loopback address/);
  });

  it('checks signatures: a changed body, another secret or an old time fail', () => {
    const body = '{"id":"x"}';
    const now = new Date('2067-01-01T12:00:00Z');
    const t = Math.floor(now.getTime() / 1000);
    const header = webhookSignature('hemmelig', t, body);
    expect(verifyWebhookSignature('hemmelig', header, body, { now })).toBe(true);
    expect(verifyWebhookSignature('hemmelig', header, '{"id":"y"}', { now })).toBe(false);
    expect(verifyWebhookSignature('annen', header, body, { now })).toBe(false);
    const later = new Date(now.getTime() + 600_000);
    expect(verifyWebhookSignature('hemmelig', header, body, { now: later })).toBe(false);
    expect(verifyWebhookSignature('hemmelig', undefined, body, { now })).toBe(false);
  });
});
