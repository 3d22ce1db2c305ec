/**
 * The reminder scan: what falls due soon or has just passed, told to the people on the agency
 * side through notify() (each notice once only, by its key; notify() enqueues its mail), and
 * on Mondays each person's weekly digest. The scan is itself a job (`reminders.scan`), one per
 * hour by its key, so with several servers on one database it runs once an hour; each run
 * enqueues the next hour's.
 *
 * Rules ("today" and days left are Europe/Oslo dates):
 * - An open assignment (OPEN_STATUSES) of a current document that is shared or published,
 *   with a dated deadline: its next deadline (the earliest on or after today) is told to its
 *   owner person and the agency's coordinators (agencySide in notifications.ts) once per
 *   reminder threshold: the smallest of the person's `reminderDays` at or above the days
 *   left. So a person with [14, 3] hears of it 14 and 3 days before, and of an assignment
 *   that arrives 5 days before its deadline only at 3 (`due:<user>:<assignment>:<date>:<n>`).
 * - Its latest deadline before today is told once as passed (`overdue:<user>:<assignment>:<date>`),
 *   if it passed within the last OVERDUE_WINDOW_DAYS: the news that it passed, not a mail
 *   for every old assignment still open in fifteen years of letters.
 * - A supplement's change to an assignment (presisering) adds its deadlines to that one.
 * - A dated calendar item of a current shared or published document is told to the agency's
 *   coordinators by the same threshold rule (`cal:<user>:<item>:<n>`).
 * - On Mondays, a `mail.digest` job for each person who wants the digest and has an address
 *   (`digest:<user>:<ISO week>`), due at 07:00 Oslo time.
 *
 * Set-based: one query for the deadlines, one for the calendar, one per agency concerned for
 * its coordinators, one for the people's settings; the notices are inserted in batches.
 */
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { DateTime } from 'luxon';
import type { Db } from '../db/client';
import {
  assignmentDeadlines,
  assignments,
  calendarItems,
  documents,
  organisations,
  users,
} from '../db/schema';
import { addDays, daysBetween } from '../domain/calendar';
import { OPEN_STATUSES } from '../domain/lifecycle';
import { addsDeadlines } from './assignments';
import { OSLO, osloToday } from './calendar';
import { enqueue, type JobHandler, type NewJob } from './jobs';
import { MAIL_DIGEST_JOB } from './mail';
import { notify, peopleWith, type Notice } from './notifications';

/** The kind of the hourly scan job. */
export const REMINDER_SCAN_JOB = 'reminders.scan';

/** The furthest reminder a person may ask for (days before); the settings allow 0..60. */
const MAX_REMINDER_DAYS = 60;
/** A deadline that passed longer ago than this is not told as passed any more. */
const OVERDUE_WINDOW_DAYS = 7;
/** The hour (Oslo) the weekly digest goes out on Mondays. */
const DIGEST_HOUR = 7;
/** Notices inserted per statement. */
const BATCH = 500;

const LIVE_DOCUMENT = and(
  eq(documents.isCurrent, true),
  inArray(documents.status, ['shared', 'published']),
);

/**
 * The reminder a person gets with `daysLeft` to go: the smallest of their thresholds at or
 * above it, or null (none that near).
 */
export function reminderThreshold(
  reminderDays: readonly number[],
  daysLeft: number,
): number | null {
  const fitting = reminderDays.filter((d) => Number.isInteger(d) && d >= daysLeft);
  return fitting.length > 0 ? Math.min(...fitting) : null;
}

export interface ScanOptions {
  /** Only these agencies (tests, which share a database with others). */
  agencyIds?: readonly string[];
}

export interface ScanResult {
  /** Notices new in this scan. */
  notices: number;
  /** Digest jobs new in this scan. */
  digests: number;
}

interface DeadlineRow {
  id: string;
  registerId: string;
  title: string;
  ownerUserId: string | null;
  agencyId: string;
  agencyName: string | null;
  next: string | null;
  passed: string | null;
}

/** The open assignments with a deadline within the window, with their next and last-passed. */
async function dueAssignments(db: Db, today: string, opts: ScanOptions): Promise<DeadlineRow[]> {
  const d = assignmentDeadlines;
  const work = alias(assignments, 'work');
  const from = addDays(today, -OVERDUE_WINDOW_DAYS);
  const to = addDays(today, MAX_REMINDER_DAYS);
  return db
    .select({
      id: work.id,
      registerId: work.registerId,
      title: work.title,
      ownerUserId: work.ownerUserId,
      agencyId: sql<string>`${documents.agencyId}`,
      agencyName: organisations.name,
      next: sql<string | null>`min(${d.date}) filter (where ${d.date} >= ${today}::date)`,
      passed: sql<string | null>`max(${d.date}) filter (where ${d.date} < ${today}::date)`,
    })
    .from(assignments)
    .innerJoin(documents, eq(documents.id, assignments.documentId))
    .innerJoin(organisations, eq(organisations.id, documents.agencyId))
    .innerJoin(
      work,
      sql`${work.id} = coalesce(${assignments.clarifiedAssignmentId}, ${assignments.id})`,
    )
    .innerJoin(d, eq(d.assignmentId, assignments.id))
    .where(
      and(
        LIVE_DOCUMENT,
        inArray(work.status, [...OPEN_STATUSES]),
        addsDeadlines(assignments),
        sql`${d.date} between ${from}::date and ${to}::date`,
        opts.agencyIds ? inArray(documents.agencyId, [...opts.agencyIds]) : undefined,
      ),
    )
    .groupBy(
      work.id,
      work.registerId,
      work.title,
      work.ownerUserId,
      documents.agencyId,
      organisations.name,
    );
}

/** The dated calendar items within the window. */
async function dueCalendarItems(db: Db, today: string, opts: ScanOptions) {
  return db
    .select({
      id: calendarItems.id,
      text: calendarItems.text,
      date: sql<string>`${calendarItems.date}`,
      agencyId: sql<string>`${documents.agencyId}`,
      agencyName: organisations.name,
    })
    .from(calendarItems)
    .innerJoin(documents, eq(documents.id, calendarItems.documentId))
    .innerJoin(organisations, eq(organisations.id, documents.agencyId))
    .where(
      and(
        LIVE_DOCUMENT,
        isNotNull(calendarItems.date),
        sql`${calendarItems.date} between ${today}::date and ${addDays(today, MAX_REMINDER_DAYS)}::date`,
        opts.agencyIds ? inArray(documents.agencyId, [...opts.agencyIds]) : undefined,
      ),
    );
}

/** Each agency's coordinators (one query per agency: the rule is peopleWith's). */
async function coordinatorsOf(db: Db, agencyIds: Iterable<string>) {
  const out = new Map<string, string[]>();
  for (const id of new Set(agencyIds)) {
    out.set(id, await peopleWith(db, id, ['agency-coordinator']));
  }
  return out;
}

/** The reminder days of each person. */
async function reminderDaysOf(db: Db, ids: Iterable<string>) {
  const list = [...new Set(ids)];
  const out = new Map<string, number[]>();
  for (let i = 0; i < list.length; i += 1000) {
    const rows = await db
      .select({ id: users.id, days: users.reminderDays })
      .from(users)
      .where(inArray(users.id, list.slice(i, i + 1000)));
    for (const r of rows) out.set(r.id, Array.isArray(r.days) ? r.days : []);
  }
  return out;
}

/** The notices of deadlines: near (per threshold) and passed. */
function deadlineNotices(
  rows: readonly DeadlineRow[],
  today: string,
  coordinators: Map<string, string[]>,
  days: Map<string, number[]>,
): Notice[] {
  const notices: Notice[] = [];
  for (const a of rows) {
    // agencySide(): the owner person and the agency's coordinators.
    const people = new Set([
      ...(a.ownerUserId ? [a.ownerUserId] : []),
      ...(coordinators.get(a.agencyId) ?? []),
    ]);
    const base = { registerId: a.registerId, title: a.title, agency: a.agencyName };
    for (const userId of people) {
      if (a.next) {
        const left = daysBetween(today, a.next);
        const threshold = reminderThreshold(days.get(userId) ?? [], left);
        if (threshold !== null) {
          notices.push({
            userId,
            kind: 'deadline-near',
            key: `due:${userId}:${a.id}:${a.next}:${threshold}`,
            assignmentId: a.id,
            params: { ...base, date: a.next, days: left },
          });
        }
      }
      if (a.passed) {
        notices.push({
          userId,
          kind: 'deadline-passed',
          key: `overdue:${userId}:${a.id}:${a.passed}`,
          assignmentId: a.id,
          params: { ...base, date: a.passed, days: daysBetween(a.passed, today) },
        });
      }
    }
  }
  return notices;
}

/** Monday's digest jobs, due at DIGEST_HOUR Oslo time (now, if later). */
async function digestJobs(db: Db, now: Date, opts: ScanOptions): Promise<NewJob[]> {
  const oslo = DateTime.fromJSDate(now, { zone: OSLO });
  if (oslo.weekday !== 1) return [];
  const week = `${oslo.weekYear}-W${String(oslo.weekNumber).padStart(2, '0')}`;
  const at = oslo.startOf('day').set({ hour: DIGEST_HOUR }).toJSDate();
  const runAt = at > now ? at : now;
  const people = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.weeklyDigest, true),
        eq(users.mailOff, false),
        isNotNull(users.email),
        opts.agencyIds ? inArray(users.organisationId, [...opts.agencyIds]) : undefined,
      ),
    );
  return people.map((p) => ({
    kind: MAIL_DIGEST_JOB,
    key: `digest:${p.id}:${week}`,
    payload: { userId: p.id, week },
    runAt,
  }));
}

/**
 * Tells what falls due and what has passed (see the file comment); on Mondays enqueues the
 * weekly digests. Running it again changes nothing. `now` decides "today" (Europe/Oslo).
 */
export async function scanReminders(
  db: Db,
  now: Date,
  opts: ScanOptions = {},
): Promise<ScanResult> {
  const today = osloToday(now);
  const [rows, items] = await Promise.all([
    dueAssignments(db, today, opts),
    dueCalendarItems(db, today, opts),
  ]);
  const coordinators = await coordinatorsOf(db, [
    ...rows.map((r) => r.agencyId),
    ...items.map((i) => i.agencyId),
  ]);
  const days = await reminderDaysOf(db, [
    ...rows.flatMap((r) => (r.ownerUserId ? [r.ownerUserId] : [])),
    ...[...coordinators.values()].flat(),
  ]);
  const notices = deadlineNotices(rows, today, coordinators, days);
  for (const item of items) {
    const left = daysBetween(today, item.date);
    for (const userId of coordinators.get(item.agencyId) ?? []) {
      const threshold = reminderThreshold(days.get(userId) ?? [], left);
      if (threshold === null) continue;
      notices.push({
        userId,
        kind: 'calendar-near',
        key: `cal:${userId}:${item.id}:${threshold}`,
        params: { title: item.text, date: item.date, days: left, agency: item.agencyName },
      });
    }
  }
  const digests = await digestJobs(db, now, opts);
  return db.transaction(async (tx) => {
    let added = 0;
    for (let i = 0; i < notices.length; i += BATCH) {
      added += await notify(tx, notices.slice(i, i + BATCH));
    }
    return { notices: added, digests: await enqueue(tx, digests) };
  });
}

/** The hour an instant falls in (UTC), as a job key part: `2026-12-06T22`. */
const hourKey = (at: Date) => at.toISOString().slice(0, 13);

/** Enqueues the scan of the hour `at` falls in (once per hour, whoever asks). */
export async function scheduleScan(db: Db, at: Date): Promise<void> {
  const hour = new Date(`${hourKey(at)}:00:00.000Z`);
  await enqueue(db, [
    { kind: REMINDER_SCAN_JOB, key: `scan:${hourKey(hour)}`, payload: {}, runAt: hour },
  ]);
}

/** The handler of `reminders.scan`: schedules the next hour's scan, then scans. */
export function reminderHandlers(db: Db): Record<string, JobHandler> {
  return {
    [REMINDER_SCAN_JOB]: async (_job, ctx) => {
      // First, so that a scan that fails (and is retried) does not break the hourly chain.
      await scheduleScan(db, new Date(ctx.now.getTime() + 3_600_000));
      const result = await scanReminders(db, ctx.now);
      ctx.log.info({ ...result }, 'reminder scan');
    },
  };
}
