/**
 * The audit trail: every change is appended with actor, time, action, object and before/after,
 * hash-chained so that an edited or removed entry is detected by verifyAudit().
 *
 * The chain alone cannot show that its LAST entries were removed (the shorter chain is still
 * valid). So every append also writes the head (seq and hash of the newest entry) to the
 * one-row table `audit_head`, in the same transaction under the same lock: the head and the
 * chain always change together, and a removed tail leaves the head pointing at an entry that
 * is gone. (Someone who can rewrite both tables consistently can still hide a truncation; the
 * head printed by `tildel audit verify` can be noted outside the database to catch that too.)
 */
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditHead, auditLog } from '../db/schema';
import { canonicalJson } from '../domain/canonical-json';
import {
  actorColumns,
  actorLabel,
  storeActor,
  storedActorOf,
  type StoredActor,
} from '../domain/actors';
import type { Actor } from '../domain/policy';

export const GENESIS_HASH = '0'.repeat(64);
/** Serialises appends so the chain never forks (transaction-scoped advisory lock). */
const AUDIT_LOCK = 7_411_001;

export interface AuditInput {
  action: string;
  objectType: string;
  objectId: string;
  before?: unknown;
  after?: unknown;
}

export interface Hashable {
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

/** The hash of one entry on top of its predecessor's (exported for the migration test). */
export function entryHash(e: Hashable): string {
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

declare const auditedTransaction: unique symbol;

/**
 * A transaction opened by `audited`: the only handle `appendAudit` takes, so an audit entry is
 * always written in the transaction of the change it records, never beside it.
 */
export type AuditedTx = Db & { readonly [auditedTransaction]: true };

/** What an audited transaction has done so far through its handle. */
interface Ledger {
  /** Rows inserted, updated or deleted through the handle. */
  rows: number;
  entries: number;
  /** The unwrapped transaction, for the audit trail's own rows. */
  raw: Db;
}
const ledgers = new WeakMap<object, Ledger>();

/** A change that no audit entry records: the transaction is rolled back. */
export class UnauditedWriteError extends Error {
  constructor(rows: number) {
    super(
      `a transaction changed ${rows} row(s) through its audited handle and recorded no audit entry; rolled back`,
    );
    this.name = 'UnauditedWriteError';
  }
}

const WRITES = new Set<PropertyKey>(['insert', 'update', 'delete']);

/** Whether raw SQL run through `execute` can change data (anything but a plain select). */
function executeWrites(raw: Db, query: unknown): boolean {
  const text =
    typeof query === 'string'
      ? query
      : (
          raw as unknown as { dialect: { sqlToQuery(q: unknown): { sql: string } } }
        ).dialect.sqlToQuery(query).sql;
  return !/^\s*select\b/i.test(text);
}

/**
 * The rows a write says it changed: those it returned (`returning()`), else the driver's count
 * (`affectedRows` from PGlite, `rowCount` from node-postgres). A statement that matched
 * nothing, or lost to a parallel change, changed none.
 */
function rowsChanged(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  if (result && typeof result === 'object') {
    const r = result as { affectedRows?: unknown; rowCount?: unknown };
    if (typeof r.affectedRows === 'number') return r.affectedRows;
    if (typeof r.rowCount === 'number') return r.rowCount;
  }
  return 0;
}

type Fn = (...args: unknown[]) => unknown;

/** Adds the rows a statement's result says it changed to the ledger; passes the result on. */
const tally =
  (ledger: Ledger) =>
  <R>(result: R): R => {
    ledger.rows += rowsChanged(result);
    return result;
  };

/**
 * A write builder (and every builder its methods return) that adds the rows its statement
 * changed to the ledger when it runs.
 */
function counted<T extends object>(builder: T, ledger: Ledger): T {
  const count = tally(ledger);
  const proxy: T = new Proxy(builder, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      if (prop === 'then') {
        return (ok?: Fn, fail?: Fn) =>
          (value as Fn).call(target, (r: unknown) => (ok ? ok(count(r)) : count(r)), fail);
      }
      if (prop === 'execute') {
        return (...args: unknown[]) =>
          ((value as Fn).apply(target, args) as Promise<unknown>).then(count);
      }
      return (...args: unknown[]) => {
        const out = (value as Fn).apply(target, args);
        if (out === target) return proxy;
        return out && typeof out === 'object' && !(out instanceof Promise)
          ? counted(out, ledger)
          : out;
      };
    },
  });
  return proxy;
}

/**
 * Runs `work` in one transaction whose handle records audit entries (all or nothing). The rows
 * every insert, update, delete or non-select statement changes through the handle are counted;
 * a transaction that changed a row and recorded no entry with `appendAudit` throws
 * `UnauditedWriteError` and is rolled back (audit by construction, at run time as well as in
 * the types).
 */
export function audited<T>(db: Db, work: (tx: AuditedTx) => Promise<T>): Promise<T> {
  return db.transaction(async (raw) => {
    const ledger: Ledger = { rows: 0, entries: 0, raw: raw as unknown as Db };
    const handle = new Proxy(raw, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== 'function') return value;
        if (WRITES.has(prop)) {
          return (...args: unknown[]) =>
            counted((value as Fn).apply(target, args) as object, ledger);
        }
        if (prop === 'execute') {
          return (query: unknown) => {
            const run = (value as Fn).call(target, query) as Promise<unknown>;
            return executeWrites(ledger.raw, query) ? run.then(tally(ledger)) : run;
          };
        }
        return (value as Fn).bind(target);
      },
    });
    ledgers.set(handle, ledger);
    const result = await work(handle as unknown as AuditedTx);
    if (ledger.rows > 0 && ledger.entries === 0) throw new UnauditedWriteError(ledger.rows);
    return result;
  });
}

/** Appends one entry to the chain, in the change's transaction; returns its number and time. */
export async function appendAudit(
  tx: AuditedTx,
  actor: Actor,
  entry: AuditInput,
): Promise<{ seq: number; at: Date }> {
  const ledger = ledgers.get(tx);
  if (!ledger) throw new Error('appendAudit needs the handle of a transaction opened by audited()');
  ledger.entries++;
  // The trail's own rows are written through the unwrapped transaction: they are not changes
  // that need recording.
  const db = ledger.raw;
  await db.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
  // Continue from the head, not from the newest row: after a removed tail the next entry
  // still names the removed one as its predecessor, so the gap stays visible.
  const [head] = await db
    .select({ seq: auditHead.seq, hash: auditHead.hash })
    .from(auditHead)
    .where(eq(auditHead.id, 1));
  const [last] = head
    ? [head]
    : await db
        .select({ seq: auditLog.seq, hash: auditLog.hash })
        .from(auditLog)
        .orderBy(desc(auditLog.seq))
        .limit(1);
  const seq = (last?.seq ?? 0) + 1;
  const row: Hashable = {
    seq,
    at: new Date(),
    actor: actorLabel(storeActor(actor)),
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId,
    before: plain(entry.before),
    after: plain(entry.after),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = entryHash(row);
  // eslint-disable-next-line no-restricted-syntax -- the trail's own rows, not a change to record
  await db.insert(auditLog).values({ ...row, ...actorColumns(actor), hash });
  // eslint-disable-next-line no-restricted-syntax -- the trail's own rows, not a change to record
  await db
    .insert(auditHead)
    .values({ id: 1, seq, hash })
    .onConflictDoUpdate({ target: auditHead.id, set: { seq, hash } });
  return { seq, at: row.at };
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** The first entry that does not verify, with why. */
  broken: { seq: number; reason: string } | null;
  /** The recorded head (newest entry), to compare with a copy kept elsewhere. */
  head: { seq: number; hash: string } | null;
}

/**
 * Walks the whole chain and compares its end with the head; reports the first edited,
 * inserted or removed entry, including removed last entries.
 */
export async function verifyAudit(db: Db): Promise<AuditVerification> {
  const rows = await db.select().from(auditLog).orderBy(asc(auditLog.seq));
  const [head] = await db
    .select({ seq: auditHead.seq, hash: auditHead.hash })
    .from(auditHead)
    .where(eq(auditHead.id, 1));
  const fail = (seq: number, reason: string): AuditVerification => ({
    ok: false,
    entries: rows.length,
    broken: { seq, reason },
    head: head ?? null,
  });
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const r of rows) {
    if (r.seq !== expectedSeq) return fail(expectedSeq, `entry ${expectedSeq} is missing`);
    if (r.prevHash !== prev) {
      return fail(r.seq, `entry ${r.seq} does not follow entry ${r.seq - 1}`);
    }
    // The stored actor must be the one the hash covers.
    if (entryHash(r) !== r.hash || actorLabel(storedActorOf(r)) !== r.actor) {
      return fail(r.seq, `entry ${r.seq} was changed after it was written`);
    }
    prev = r.hash;
    expectedSeq++;
  }
  const lastSeq = expectedSeq - 1;
  if (!head) {
    if (rows.length > 0) return fail(lastSeq, 'the audit head is missing');
  } else if (head.seq > lastSeq) {
    return fail(
      lastSeq + 1,
      head.seq === lastSeq + 1
        ? `entry ${lastSeq + 1} is missing (the last entry was removed)`
        : `entries ${lastSeq + 1}–${head.seq} are missing (the last entries were removed)`,
    );
  } else if (head.seq < lastSeq) {
    return fail(head.seq + 1, `entry ${head.seq + 1} was added outside the audit trail`);
  } else if (head.hash !== prev) {
    return fail(lastSeq, `entry ${lastSeq} does not match the audit head`);
  }
  return { ok: true, entries: rows.length, broken: null, head: head ?? null };
}

export interface AuditRecord {
  seq: number;
  at: Date;
  /** The label the hash covers; `actorKind` and `actorId` are the same actor, stored. */
  actor: string;
  actorKind: StoredActor['kind'];
  actorId: string | null;
  action: string;
  objectType: string;
  objectId: string;
  before: unknown;
  after: unknown;
}

/** The history of one object, oldest first. */
export async function auditHistory(
  db: Db,
  objectType: string,
  objectId: string,
  limit = 500,
  /** Only the entries after this one (a page of the history). */
  afterSeq?: number,
): Promise<AuditRecord[]> {
  return db
    .select({
      seq: auditLog.seq,
      at: auditLog.at,
      actor: auditLog.actor,
      actorKind: auditLog.actorKind,
      actorId: auditLog.actorId,
      action: auditLog.action,
      objectType: auditLog.objectType,
      objectId: auditLog.objectId,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.objectType, objectType),
        eq(auditLog.objectId, objectId),
        afterSeq === undefined ? undefined : gt(auditLog.seq, afterSeq),
      ),
    )
    .orderBy(asc(auditLog.seq))
    .limit(limit);
}
