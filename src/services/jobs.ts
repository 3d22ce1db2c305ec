/**
 * Persistent jobs on the database (table `jobs`): enqueued inside the transaction of the change
 * that causes them (an outbox: a change that rolls back leaves no job, a committed one always
 * has its job), run by the job runner. `key` makes a job once only.
 */
import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { jobs } from '../db/schema';

export interface NewJob {
  kind: string;
  payload: Record<string, unknown>;
  /** At most one job ever has this key: a second enqueue with it adds nothing. */
  key?: string;
  runAt?: Date;
}

/** Adds jobs; those whose key is taken are skipped. Returns how many were added. */
export async function enqueue(tx: Db, list: readonly NewJob[]): Promise<number> {
  if (list.length === 0) return 0;
  const added = await tx
    .insert(jobs)
    .values(
      list.map((j) => ({
        kind: j.kind,
        payload: j.payload,
        key: j.key ?? null,
        // The application's clock, which decides what is due (not the database's).
        runAt: j.runAt ?? new Date(),
      })),
    )
    .onConflictDoNothing()
    .returning({ id: jobs.id });
  return added.length;
}

/*
 * The job runner. A server claims due jobs with a lease (`locked_until`, `locked_by`) in one
 * statement (`FOR UPDATE SKIP LOCKED`: two servers on one PostgreSQL never claim the same
 * row; PGlite has one connection, where the statement is atomic anyway), runs them one after
 * the other, and marks each done, or due again later with exponential backoff. A server that
 * dies holding a job loses the lease when it runs out, and the job is claimed again.
 *
 * Exactly once, and its limit: a job is done only when its handler returned and the server
 * still held it (`complete` names the worker). What a handler did outside the database (an
 * SMTP server took the mail) and the commit of `done_at` are two steps: a crash between them
 * runs the job again. Handlers make that window small and the repeat harmless where they can
 * (a mail has a stable Message-ID). Leases are long beside a job's own time limits (SMTP
 * timeouts), and a runner does not start a claimed job once half of its lease is gone, so a
 * live server's job is not taken from it.
 *
 * Time: due-ness and leases use the `now` the caller passes, never the database clock, so that
 * tests can move time.
 */

export type Job = typeof jobs.$inferSelect;

/** The first retry waits a minute, each next one twice as long, never more than an hour. */
export const BACKOFF_FIRST_SECONDS = 60;
export const BACKOFF_MAX_SECONDS = 3600;
/**
 * Attempts before a job is given up (`failed_at`): 1+2+4+8+16+32 minutes, then hourly, is
 * about 55 hours of retrying, so an SMTP server down for an hour or a weekend loses nothing.
 */
export const MAX_ATTEMPTS = 60;

/** Seconds to wait after the `attempt`-th failed attempt (1-based). */
export function backoffSeconds(attempt: number): number {
  const doublings = Math.max(0, Math.min(attempt - 1, 20));
  return Math.min(BACKOFF_FIRST_SECONDS * 2 ** doublings, BACKOFF_MAX_SECONDS);
}

export interface ClaimOptions {
  workerId: string;
  now: Date;
  limit: number;
  leaseSeconds: number;
  /** Only jobs of these kinds (a runner claims what it has handlers for). */
  kinds: readonly string[];
}

/**
 * Claims up to `limit` due jobs (run_at ≤ now, neither done nor failed, lease free or run
 * out), oldest first, for `workerId` until now + lease; counts the attempt. One statement.
 */
export async function claimDue(db: Db, o: ClaimOptions): Promise<Job[]> {
  if (o.kinds.length === 0 || o.limit <= 0) return [];
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        lte(jobs.runAt, o.now),
        isNull(jobs.doneAt),
        isNull(jobs.failedAt),
        or(isNull(jobs.lockedUntil), lte(jobs.lockedUntil, o.now)),
        inArray(jobs.kind, [...o.kinds]),
      ),
    )
    .orderBy(asc(jobs.runAt), asc(jobs.id))
    .limit(o.limit)
    .for('update', { skipLocked: true });
  // eslint-disable-next-line no-restricted-syntax -- a job's state is operational, not a change to audit
  const claimed = await db
    .update(jobs)
    .set({
      lockedUntil: new Date(o.now.getTime() + o.leaseSeconds * 1000),
      lockedBy: o.workerId,
      attempts: sql`${jobs.attempts} + 1`,
    })
    .where(inArray(jobs.id, due))
    .returning();
  return claimed.sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || (a.id < b.id ? -1 : 1));
}

/** The job is held by `workerId` and not finished. */
const heldBy = (id: string, workerId: string) =>
  and(eq(jobs.id, id), eq(jobs.lockedBy, workerId), isNull(jobs.doneAt), isNull(jobs.failedAt));

/**
 * Marks a job done, if `workerId` still holds it; `note` (why nothing was sent, say) goes to
 * `last_error`. Returns false when the job was no longer this worker's (its lease ran out and
 * another server took it: the work may have been done twice).
 */
export async function complete(
  db: Db,
  id: string,
  workerId: string,
  opts: { now?: Date; note?: string } = {},
): Promise<boolean> {
  // eslint-disable-next-line no-restricted-syntax -- a job's state is operational, not a change to audit
  const rows = await db
    .update(jobs)
    .set({
      doneAt: opts.now ?? new Date(),
      lockedUntil: null,
      ...(opts.note !== undefined ? { lastError: opts.note.slice(0, 2000) } : {}),
    })
    .where(heldBy(id, workerId))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Why a job failed, as stored (bounded). */
function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 2000);
}

/**
 * After a failed attempt: due again after the backoff, or given up (`failed_at`) after
 * MAX_ATTEMPTS attempts or when `permanent`. Returns what became of it (`lost`: the worker no
 * longer held it).
 */
export async function retryLater(
  db: Db,
  job: Pick<Job, 'id' | 'attempts'>,
  workerId: string,
  error: unknown,
  now: Date,
  opts: { permanent?: boolean } = {},
): Promise<'retry' | 'failed' | 'lost'> {
  const giveUp = opts.permanent === true || job.attempts >= MAX_ATTEMPTS;
  // eslint-disable-next-line no-restricted-syntax -- a job's state is operational, not a change to audit
  const rows = await db
    .update(jobs)
    .set({
      lockedUntil: null,
      lastError: errorText(error),
      ...(giveUp
        ? { failedAt: now }
        : { runAt: new Date(now.getTime() + backoffSeconds(job.attempts) * 1000) }),
    })
    .where(heldBy(job.id, workerId))
    .returning({ id: jobs.id });
  if (rows.length === 0) return 'lost';
  return giveUp ? 'failed' : 'retry';
}

/** Gives claimed jobs back unstarted (the attempt they were counted is taken back). */
export async function release(db: Db, ids: readonly string[], workerId: string): Promise<void> {
  if (ids.length === 0) return;
  // eslint-disable-next-line no-restricted-syntax -- a job's state is operational, not a change to audit
  await db
    .update(jobs)
    .set({ lockedUntil: null, lockedBy: null, attempts: sql`greatest(${jobs.attempts} - 1, 0)` })
    .where(
      and(
        inArray(jobs.id, [...ids]),
        eq(jobs.lockedBy, workerId),
        isNull(jobs.doneAt),
        isNull(jobs.failedAt),
      ),
    );
}

/** A handler's failure that retrying cannot mend (a recipient the SMTP server refuses). */
export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentJobError';
  }
}

/** What a runner logs through (a pino logger fits). */
export interface JobLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface JobContext {
  /** The runner's clock when the job started. */
  now: Date;
  log: JobLog;
}

/**
 * Runs one job. Resolves to nothing when done, or to `{ skipped }` when it was done by doing
 * nothing (the reason is kept in `last_error`); throws to be retried (PermanentJobError: to be
 * given up).
 */
export type JobHandler = (job: Job, ctx: JobContext) => Promise<void | { skipped: string }>;

export interface RunnerOptions {
  db: Db;
  handlers: Record<string, JobHandler>;
  /** Pause between rounds; a round runs every due job. */
  intervalMs: number;
  /** Unique per process (start.ts: host:pid:random). */
  workerId: string;
  now?: () => Date;
  log: JobLog;
  /** How long a claim holds (default 300 s); must be well above a job's own time limits. */
  leaseSeconds?: number;
  /** Jobs claimed per statement (default 10). */
  batchSize?: number;
}

export interface JobRunner {
  /** Runs every due job now (after a round in progress); resolves to how many ran. */
  runOnce(): Promise<number>;
  /** No new rounds; waits for the job in hand, gives back the claimed ones not started. */
  stop(): Promise<void>;
}

export const DEFAULT_LEASE_SECONDS = 300;

/** Starts the runner: a round every `intervalMs` (the first after `intervalMs`). */
export function startJobRunner(o: RunnerOptions): JobRunner {
  const now = o.now ?? (() => new Date());
  const lease = o.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  const batch = o.batchSize ?? 10;
  const kinds = Object.keys(o.handlers);
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  // Rounds never overlap: each waits for the one before (runOnce beside the timer's round).
  let current: Promise<number> = Promise.resolve(0);

  const runJob = async (job: Job): Promise<void> => {
    const handler = o.handlers[job.kind]!;
    const started = now();
    try {
      const out = await handler(job, { now: started, log: o.log });
      const note = out ? `skipped: ${out.skipped}` : undefined;
      const held = await complete(o.db, job.id, o.workerId, {
        now: now(),
        ...(note ? { note } : {}),
      });
      if (!held) o.log.warn({ job: job.id, kind: job.kind }, 'job done after its lease ran out');
    } catch (err) {
      const permanent = err instanceof PermanentJobError;
      const fate = await retryLater(o.db, job, o.workerId, err, now(), { permanent });
      const log = fate === 'retry' ? o.log.warn : o.log.error;
      log.call(
        o.log,
        { job: job.id, kind: job.kind, attempts: job.attempts, err, fate },
        'job failed',
      );
    }
  };

  const round = async (): Promise<number> => {
    let ran = 0;
    while (!stopping) {
      const claimedAt = now();
      const claimed = await claimDue(o.db, {
        workerId: o.workerId,
        now: claimedAt,
        limit: batch,
        leaseSeconds: lease,
        kinds,
      });
      if (claimed.length === 0) break;
      for (const [i, job] of claimed.entries()) {
        // Not started once half the lease is gone (nor when stopping): given back instead,
        // so no other server takes a job this one is still running.
        const late = now().getTime() - claimedAt.getTime() > (lease * 1000) / 2;
        if (stopping || late) {
          await release(
            o.db,
            claimed.slice(i).map((j) => j.id),
            o.workerId,
          );
          break;
        }
        await runJob(job);
        ran++;
      }
    }
    return ran;
  };

  const runOnce = (): Promise<number> => {
    const next = current.then(round, round);
    current = next.catch(() => 0);
    return next;
  };

  const schedule = () => {
    if (stopping) return;
    timer = setTimeout(() => {
      runOnce()
        .catch((err: unknown) => o.log.error({ err }, 'job round failed'))
        .finally(schedule);
    }, o.intervalMs);
    timer.unref();
  };
  schedule();

  return {
    runOnce,
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
