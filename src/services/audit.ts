/**
 * The audit trail: every change is appended with actor, time, action, object and before/after,
 * hash-chained so that an edited or removed entry is detected by verifyAudit().
 */
import { createHash } from 'node:crypto';
import { asc, desc, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditLog } from '../db/schema';
import { canonicalJson } from '../domain/canonical-json';
import { actorName, type Actor } from '../server/policy';

export const GENESIS_HASH = '0'.repeat(64);
/** Serialises appends so the chain never forks (transaction-scoped advisory lock). */
const AUDIT_LOCK = 7_411_001;

export interface AuditEntry {
  action: string;
  objectType: string;
  objectId: string;
  before?: unknown;
  after?: unknown;
}

interface Hashable {
  seq: number;
  at: Date;
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  before: unknown;
  after: unknown;
  prevHash: string;
}

function entryHash(e: Hashable): string {
  const body = canonicalJson({
    seq: e.seq,
    at: e.at.toISOString(),
    actor: e.actor,
    action: e.action,
    objectType: e.objectType,
    objectId: e.objectId,
    before: e.before ?? null,
    after: e.after ?? null,
  });
  return createHash('sha256').update(`${e.prevHash}\n${body}`).digest('hex');
}

/** JSON-safe copy (what jsonb will give back). */
const plain = (v: unknown) => (v === undefined ? null : (JSON.parse(JSON.stringify(v)) as unknown));

/** Appends one entry; call inside the transaction that makes the change. */
export async function appendAudit(tx: Db, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const [last] = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  const seq = (last?.seq ?? 0) + 1;
  const row: Hashable = {
    seq,
    at: new Date(),
    actor: actorName(actor),
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId,
    before: plain(entry.before),
    after: plain(entry.after),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await tx.insert(auditLog).values({ ...row, hash: entryHash(row) });
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** The first entry that does not verify, with why. */
  broken: { seq: number; reason: string } | null;
}

/** Walks the whole chain; reports the first edited, inserted or removed entry. */
export async function verifyAudit(db: Db): Promise<AuditVerification> {
  const rows = await db.select().from(auditLog).orderBy(asc(auditLog.seq));
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const r of rows) {
    if (r.seq !== expectedSeq) {
      return {
        ok: false,
        entries: rows.length,
        broken: { seq: expectedSeq, reason: `entry ${expectedSeq} is missing` },
      };
    }
    if (r.prevHash !== prev) {
      return {
        ok: false,
        entries: rows.length,
        broken: { seq: r.seq, reason: `entry ${r.seq} does not follow entry ${r.seq - 1}` },
      };
    }
    if (entryHash(r) !== r.hash) {
      return {
        ok: false,
        entries: rows.length,
        broken: { seq: r.seq, reason: `entry ${r.seq} was changed after it was written` },
      };
    }
    prev = r.hash;
    expectedSeq++;
  }
  return { ok: true, entries: rows.length, broken: null };
}
