/**
 * Webhooks (docs/machine-access.md): an API client is told of events by an HTTP POST to a URL
 * it registered. A delivery is queued as a job in the transaction of the change it tells of
 * (the outbox of src/services/jobs.ts: a change that rolls back tells nothing), only to clients
 * whose organisation may read the object (the same rule as their reads, src/domain/policy.ts),
 * and POSTed by the job runner, signed with HMAC-SHA256 under the webhook's secret; a non-2xx
 * answer or a network error is retried with the jobs queue's backoff.
 *
 * Against server-side request forgery a webhook URL is https (plain http only to loopback, and
 * only with `allowInsecure`, TILDEL_WEBHOOK_ALLOW_INSECURE), and a delivery goes only to a
 * public address: the host's addresses are looked up when it is sent, and the connection is
 * made only to an address that was checked (no redirect is followed). A refused address fails
 * the delivery at once, without retries.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { lookup as dnsLookup, promises as dns, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { WebhookEvent } from '../contract/enums';
import type { WebhookDelivery } from '../contract/machine';
import type { Db } from '../db/client';
import { apiClients, assignments, documents, reports, webhooks } from '../db/schema';
import { storeActor } from '../domain/actors';
import { can, type Actor, type DocumentLike } from '../domain/policy';
import { clientActive, clientActor, findClient } from './api-clients';
import { appendAudit, audited } from './audit';
import { enqueue, PermanentJobError, type JobHandler } from './jobs';
import { randomToken } from './sessions';

export type WebhookRow = typeof webhooks.$inferSelect;

/** The kind of job that POSTs one delivery (payload `{ webhookId, delivery }`). */
export const WEBHOOK_JOB = 'webhook.deliver';

/** How long one delivery may take before it counts as failed (and is retried). */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** Where webhooks may be sent (TILDEL_WEBHOOK_ALLOW_INSECURE). */
export interface WebhookSettings {
  /** Allow plain http, and addresses, on loopback only (tests, a receiver on this host). */
  allowInsecure?: boolean | undefined;
}

/** The address ranges no delivery goes to, by what they are. */
const FORBIDDEN: [string, [string, number, 'ipv4' | 'ipv6'][]][] = [
  [
    'loopback',
    [
      ['127.0.0.0', 8, 'ipv4'],
      ['::1', 128, 'ipv6'],
    ],
  ],
  [
    'private',
    [
      ['10.0.0.0', 8, 'ipv4'],
      ['172.16.0.0', 12, 'ipv4'],
      ['192.168.0.0', 16, 'ipv4'],
      ['100.64.0.0', 10, 'ipv4'],
      ['fc00::', 7, 'ipv6'],
    ],
  ],
  [
    'link-local',
    [
      ['169.254.0.0', 16, 'ipv4'],
      ['fe80::', 10, 'ipv6'],
    ],
  ],
  [
    'unspecified',
    [
      ['0.0.0.0', 8, 'ipv4'],
      ['::', 128, 'ipv6'],
    ],
  ],
  [
    'multicast',
    [
      ['224.0.0.0', 4, 'ipv4'],
      ['ff00::', 8, 'ipv6'],
    ],
  ],
  ['reserved', [['240.0.0.0', 4, 'ipv4']]],
];
const FORBIDDEN_LISTS = FORBIDDEN.map(([kind, ranges]) => {
  const list = new BlockList();
  for (const [net, prefix, type] of ranges) list.addSubnet(net, prefix, type);
  return [kind, list] as const;
});

/**
 * Why no delivery may go to `address` (an IP address; IPv4-mapped IPv6 counts as its IPv4):
 * `loopback`, `private`, `link-local`, `unspecified`, `multicast` or `reserved`; null for a
 * public address, or for loopback when `allowInsecure`.
 */
export function forbiddenAddress(address: string, settings: WebhookSettings = {}): string | null {
  const family = isIP(address);
  if (family === 0) return 'not an IP address';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const kind = FORBIDDEN_LISTS.find(([, list]) => list.check(address, type))?.[0] ?? null;
  return kind === 'loopback' && settings.allowInsecure ? null : kind;
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Why `url` may not be a webhook's (its scheme, credentials or a literal address), or null. */
export function webhookUrlProblem(url: string, settings: WebhookSettings = {}): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'The webhook URL is not a URL';
  }
  const insecureOk =
    parsed.protocol === 'http:' &&
    settings.allowInsecure === true &&
    (LOOPBACK_NAMES.has(parsed.hostname) || /^127\./.test(parsed.hostname));
  if (parsed.protocol !== 'https:' && !insecureOk) {
    return 'A webhook URL starts with https:// (plain http:// only to loopback, where TILDEL_WEBHOOK_ALLOW_INSECURE is on)';
  }
  if (parsed.username || parsed.password) {
    return 'A webhook URL carries no user name or password';
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const literal = isIP(host) ? forbiddenAddress(host, settings) : null;
  if (literal) return `A webhook URL may not name a ${literal} address`;
  return null;
}

/** A delivery refused for where it would go (permanent: retrying changes nothing). */
class RefusedDestination extends PermanentJobError {}

/**
 * Every address of `host`, refused (RefusedDestination) when one of them is not public. A
 * lookup that fails is an ordinary error (retried: DNS may be down for a while).
 */
async function checkedAddresses(host: string, settings: WebhookSettings): Promise<void> {
  const bare = host.replace(/^\[|\]$/g, '');
  const addresses: LookupAddress[] = isIP(bare)
    ? [{ address: bare, family: isIP(bare) }]
    : await dns.lookup(bare, { all: true, verbatim: true });
  for (const a of addresses) {
    const kind = forbiddenAddress(a.address, settings);
    if (kind) {
      throw new RefusedDestination(
        `Refused: the webhook's host ${bare} has a ${kind} address (${a.address}); deliveries go to public addresses only`,
      );
    }
  }
}

/**
 * A `lookup` for the connection that checks the addresses it connects to again (the name may
 * resolve otherwise than a moment before: DNS rebinding).
 */
function guardedLookup(settings: WebhookSettings): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as LookupAddress[];
      const bad = list.find((a) => forbiddenAddress(a.address, settings) !== null);
      if (bad || list.length === 0) {
        const why = bad
          ? `a ${forbiddenAddress(bad.address, settings)} address (${bad.address})`
          : 'no address';
        return callback(
          new RefusedDestination(`Refused: the webhook's host ${hostname} has ${why}`),
          '',
          0,
        );
      }
      if ((options as { all?: boolean }).all) {
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      }
      return callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** POSTs `body` to `url` (no redirect followed), connecting only to checked addresses. */
function post(
  url: URL,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  settings: WebhookSettings,
): Promise<number> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(settings),
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res: IncomingMessage) => {
        // The answer's body is not needed; reading it frees the connection.
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export type WebhookOutcome =
  | { kind: 'saved'; webhook: WebhookRow; secret: string | null }
  | { kind: 'not-found' }
  | { kind: 'refused'; message: string };

/** Registers a webhook for a client; its signing secret is returned (and shown) once. */
export async function createWebhook(
  db: Db,
  actor: Actor,
  idOrClientId: string,
  spec: { url: string; events: readonly WebhookEvent[] },
  settings: WebhookSettings = {},
): Promise<WebhookOutcome> {
  const client = await findClient(db, idOrClientId);
  if (!client) return { kind: 'not-found' };
  if (client.revokedAt) return { kind: 'refused', message: 'The client is revoked' };
  const problem = webhookUrlProblem(spec.url, settings);
  if (problem) return { kind: 'refused', message: problem };
  const secret = `whsec_${randomToken()}`;
  const events = [...new Set(spec.events)];
  return audited(db, async (tx) => {
    const who = storeActor(actor);
    const [row] = await tx
      .insert(webhooks)
      .values({
        clientId: client.id,
        url: spec.url,
        secret,
        events,
        createdByKind: who.kind,
        createdById: who.id,
      })
      .returning();
    await appendAudit(tx, actor, {
      action: 'webhook.create',
      objectType: 'webhook',
      objectId: row!.id,
      after: { clientId: client.clientId, url: spec.url, events },
    });
    return { kind: 'saved', webhook: row!, secret } as const;
  });
}

/** A client's webhooks (by its row id or public client id), oldest first; null: no client. */
export async function listWebhooks(db: Db, idOrClientId: string): Promise<WebhookRow[] | null> {
  const client = await findClient(db, idOrClientId);
  if (!client) return null;
  return db
    .select()
    .from(webhooks)
    .where(eq(webhooks.clientId, client.id))
    .orderBy(asc(webhooks.createdAt), asc(webhooks.id));
}

/** Stops a client's webhook (no more deliveries; those queued are skipped). */
export async function disableWebhook(
  db: Db,
  actor: Actor,
  clientRowId: string,
  webhookId: string,
): Promise<WebhookOutcome> {
  const ours = and(eq(webhooks.id, webhookId), eq(webhooks.clientId, clientRowId));
  return audited(db, async (tx) => {
    const [row] = await tx
      .update(webhooks)
      .set({ disabledAt: new Date() })
      .where(and(ours, isNull(webhooks.disabledAt)))
      .returning();
    if (!row) {
      const [found] = await tx.select().from(webhooks).where(ours);
      return found
        ? ({ kind: 'saved', webhook: found, secret: null } as const)
        : { kind: 'not-found' as const };
    }
    await appendAudit(tx, actor, {
      action: 'webhook.disable',
      objectType: 'webhook',
      objectId: row.id,
      before: { disabledAt: null },
      after: { disabledAt: row.disabledAt!.toISOString() },
    });
    return { kind: 'saved', webhook: row, secret: null } as const;
  });
}

/**
 * Queues a delivery of `event` to every active webhook that takes it and whose client may read
 * what it is about (`reads`, asked with the client as it acts: its roles, all its scopes), in
 * the transaction `tx` of the change. Returns how many were queued.
 */
export async function queueWebhookEvent(
  tx: Db,
  event: WebhookEvent,
  reads: (client: Actor) => boolean,
  data: Record<string, unknown>,
  occurredAt: Date = new Date(),
): Promise<number> {
  const rows = await tx
    .select({ webhook: webhooks, client: apiClients })
    .from(webhooks)
    .innerJoin(apiClients, eq(apiClients.id, webhooks.clientId))
    .where(and(isNull(webhooks.disabledAt), sql`${webhooks.events} ? ${event}`));
  const jobs = rows
    .filter((r) => clientActive(r.client, occurredAt))
    .filter((r) => reads(clientActor(r.client, r.client.scopes)))
    .map((r) => {
      const delivery: WebhookDelivery = {
        id: randomUUID(),
        event,
        occurredAt: occurredAt.toISOString(),
        data,
      };
      return {
        kind: WEBHOOK_JOB,
        key: `webhook:${delivery.id}`,
        payload: { webhookId: r.webhook.id, delivery },
      };
    });
  return enqueue(tx, jobs);
}

/** Tells of a letter issued (a draft issued, or a document published), in the change's `tx`. */
export async function tellLetterIssued(tx: Db, documentId: string): Promise<number> {
  const [doc] = await tx.select().from(documents).where(eq(documents.id, documentId));
  if (!doc) return 0;
  return queueWebhookEvent(tx, 'letter.issued', (c) => can(c, 'documents.read', doc), {
    documentId: doc.id,
    kind: doc.kind,
    year: doc.year,
    number: doc.number,
    title: doc.title,
    status: doc.status,
    agencyId: doc.agencyId,
    ministryId: doc.ministryId,
  });
}

/** Tells of a delivery the ministry accepted, in the change's `tx`. */
export async function tellDeliveryAccepted(
  tx: Db,
  a: Pick<
    typeof assignments.$inferSelect,
    'id' | 'registerId' | 'title' | 'documentId' | 'version'
  >,
  doc: DocumentLike,
): Promise<number> {
  return queueWebhookEvent(tx, 'delivery.accepted', (c) => can(c, 'assignments.read', doc), {
    assignmentId: a.id,
    registerId: a.registerId,
    title: a.title,
    documentId: a.documentId,
    version: a.version,
    agencyId: doc.agencyId,
    ministryId: doc.ministryId,
  });
}

/** Tells of a report the agency submitted, in the change's `tx`. */
export async function tellReportSubmitted(
  tx: Db,
  r: typeof reports.$inferSelect,
  sha256: string | null,
): Promise<number> {
  const like = {
    kind: 'report' as const,
    agencyId: r.agencyId,
    ministryId: r.ministryId,
    status: r.status,
    annual: r.kind === 'annual',
  };
  return queueWebhookEvent(tx, 'report.submitted', (c) => can(c, 'reports.read', like), {
    reportId: r.id,
    kind: r.kind,
    title: r.title,
    year: r.year,
    revision: r.revision,
    sha256,
    agencyId: r.agencyId,
    ministryId: r.ministryId,
  });
}

/** The `Tildel-Signature` header of a body sent at `unixSeconds` under `secret`. */
export function webhookSignature(secret: string, unixSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/**
 * Whether a received body carries a valid `Tildel-Signature` (what a receiver checks): the
 * HMAC matches, and the time is within `toleranceSeconds` of `now` (against replays).
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  body: string,
  opts: { now?: Date; toleranceSeconds?: number } = {},
): boolean {
  const parts = Object.fromEntries(
    (header ?? '').split(',').map((p) => p.trim().split('=', 2) as [string, string]),
  );
  const t = Number(parts.t);
  if (!Number.isInteger(t) || typeof parts.v1 !== 'string') return false;
  const now = (opts.now ?? new Date()).getTime() / 1000;
  if (Math.abs(now - t) > (opts.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(webhookSignature(secret, t, body).split('v1=')[1]!, 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The job handler that POSTs deliveries. A URL or an address that may not be sent to fails the
 * delivery permanently (no retries), with the reason in the job's `last_error`.
 */
export function webhookHandlers(
  db: Db,
  opts: { timeoutMs?: number } & WebhookSettings = {},
): Record<string, JobHandler> {
  const settings: WebhookSettings = { allowInsecure: opts.allowInsecure };
  return {
    [WEBHOOK_JOB]: async (job, ctx) => {
      const { webhookId, delivery } = job.payload as {
        webhookId: string;
        delivery: WebhookDelivery;
      };
      const [found] = await db
        .select({ webhook: webhooks, client: apiClients })
        .from(webhooks)
        .innerJoin(apiClients, eq(apiClients.id, webhooks.clientId))
        .where(eq(webhooks.id, webhookId));
      if (!found) return { skipped: 'the webhook is gone' };
      if (found.webhook.disabledAt) return { skipped: 'the webhook is disabled' };
      if (!clientActive(found.client, ctx.now)) return { skipped: 'the client is not active' };
      const problem = webhookUrlProblem(found.webhook.url, settings);
      if (problem) throw new RefusedDestination(`Refused: ${problem}`);
      const url = new URL(found.webhook.url);
      await checkedAddresses(url.hostname, settings);
      const body = JSON.stringify(delivery);
      const t = Math.floor(ctx.now.getTime() / 1000);
      const status = await post(
        url,
        {
          'content-type': 'application/json',
          'user-agent': 'Tildel-Webhooks/1',
          'tildel-event': delivery.event,
          'tildel-delivery': delivery.id,
          'tildel-signature': webhookSignature(found.webhook.secret, t, body),
        },
        body,
        opts.timeoutMs ?? WEBHOOK_TIMEOUT_MS,
        settings,
      );
      if (status < 200 || status > 299) {
        throw new Error(`The receiver answered HTTP ${status}`);
      }
    },
  };
}
