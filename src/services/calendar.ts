/**
 * The governance calendar from the database: the letters' calendar items and the assignments'
 * deadlines of the visible current letters, per agency, ministry department or person, as
 * entries (src/domain/calendar.ts) for the calendar view, the deadline views and the iCal feeds.
 *
 * Filters in SQL select whole assignments (never single deadlines) and whole documents, so an
 * entry's identity (its place among its assignment's deadlines) does not depend on the query.
 */
import { DateTime } from 'luxon';
import { and, asc, eq, isNull, notInArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import { assignmentDeadlines, assignments, calendarItems, documents } from '../db/schema';
import {
  addDays,
  buildEntries,
  dueIn,
  inPeriod,
  overdue,
  undated,
  type CalendarEntry,
  type CalendarInput,
} from '../domain/calendar';
import { CLOSED_STATUSES } from '../domain/lifecycle';
import type { Actor } from '../domain/policy';
import { documentRef } from './documents';
import { visibleDocuments } from '../db/visibility';

export const OSLO = 'Europe/Oslo';

/** Today's date in Oslo: the only place the clock is read. */
export function osloToday(now: Date = new Date()): string {
  return DateTime.fromJSDate(now, { zone: OSLO }).toISODate()!;
}

export interface CalendarScope {
  agency?: string | undefined;
  /** `FHA` or `{ministryId}:FHA`. */
  department?: string | undefined;
  person?: string | undefined;
  includeClosed?: boolean | undefined;
}

/** Coarse date bounds for selecting assignments and documents; entries are filtered exactly later. */
interface Window {
  /** Some deadline ends on or after this day. */
  dueFrom?: string;
  /** Some deadline ends on or before this day. */
  dueTo?: string;
  /** Only assignments with a deadline without a date, or none at all. */
  undatedOnly?: boolean;
  /** Only open assignments. */
  openOnly?: boolean;
}

export function parseDepartment(value: string): { ministryId: string | null; code: string } {
  const i = value.lastIndexOf(':');
  if (i < 0) return { ministryId: null, code: value };
  return { ministryId: value.slice(0, i), code: value.slice(i + 1) };
}

/**
 * The assignment a row's deadlines are the work of: the row itself, or, for a supplement's change
 * to an assignment given earlier (*presisering*), that assignment (its ID, status and owners).
 */
const work = alias(assignments, 'work');

function scopeWhere(actor: Actor, scope: CalendarScope): SQL | undefined {
  const dept = scope.department ? parseDepartment(scope.department) : null;
  return and(
    visibleDocuments(actor),
    eq(documents.isCurrent, true),
    scope.agency === undefined ? undefined : eq(documents.agencyId, scope.agency),
    dept ? eq(work.ownerDepartment, dept.code) : undefined,
    dept?.ministryId ? eq(documents.ministryId, dept.ministryId) : undefined,
    scope.person === undefined ? undefined : eq(work.ownerUserId, scope.person),
  );
}

async function assignmentInputs(
  db: Db,
  actor: Actor,
  scope: CalendarScope,
  window: Window,
): Promise<CalendarInput[]> {
  const d = assignmentDeadlines;
  const hasDeadline = (cond: SQL) =>
    sql`exists (select 1 from ${d} where ${d.assignmentId} = ${assignments.id} and ${cond})`;
  const windowWhere = and(
    window.dueFrom ? hasDeadline(sql`${d.date} >= ${window.dueFrom}`) : undefined,
    window.dueTo ? hasDeadline(sql`${d.date} <= ${window.dueTo}`) : undefined,
    window.undatedOnly
      ? sql`(${hasDeadline(sql`${d.date} is null`)} or not exists (select 1 from ${d} where ${d.assignmentId} = ${assignments.id}))`
      : undefined,
    window.openOnly || !scope.includeClosed
      ? notInArray(work.status, [...CLOSED_STATUSES])
      : undefined,
  );
  const rows = await db
    .select({
      assignment: {
        id: work.id,
        registerId: work.registerId,
        title: work.title,
        status: work.status,
        version: work.version,
        year: work.year,
        ownerDepartment: work.ownerDepartment,
        ownerUserId: work.ownerUserId,
      },
      agency: { id: documents.agencyId, name: documents.agencyName },
      document: {
        id: documents.id,
        title: documents.title,
        seriesKey: documents.seriesKey,
        year: documents.year,
      },
      deadline: {
        id: d.id,
        appliesTo: d.appliesTo,
        phrase: d.phrase,
        date: d.date,
        value: d.value,
      },
    })
    .from(assignments)
    .innerJoin(documents, eq(documents.id, assignments.documentId))
    .innerJoin(
      work,
      sql`${work.id} = coalesce(${assignments.clarifiedAssignmentId}, ${assignments.id})`,
    )
    .leftJoin(d, eq(d.assignmentId, assignments.id))
    .where(
      and(
        scopeWhere(actor, scope),
        windowWhere,
        // A change without a deadline of its own adds no entry to the assignment it changes.
        sql`(${assignments.clarifiedAssignmentId} is null or ${d.id} is not null)`,
      ),
    )
    .orderBy(asc(work.registerId), asc(d.date));
  return rows.map((r) => ({
    source: 'assignment' as const,
    assignment: r.assignment,
    agency: r.agency,
    document: r.document,
    deadline: r.deadline
      ? {
          appliesTo: r.deadline.appliesTo,
          phrase: r.deadline.phrase,
          date: r.deadline.date,
          value: r.deadline.value,
        }
      : null,
  }));
}

async function letterInputs(
  db: Db,
  actor: Actor,
  scope: CalendarScope,
  opts: { years: { from: number; to: number } | null; undatedOnly: boolean },
): Promise<CalendarInput[]> {
  const { years } = opts;
  // Calendar items belong to the agency's letter, not to a department or a person.
  if (scope.department !== undefined || scope.person !== undefined) return [];
  const rows = await db
    .select({ item: calendarItems, document: documentRef })
    .from(calendarItems)
    .innerJoin(documents, eq(documents.id, calendarItems.documentId))
    .where(
      and(
        visibleDocuments(actor),
        eq(documents.isCurrent, true),
        scope.agency === undefined ? undefined : eq(documents.agencyId, scope.agency),
        years ? sql`${documents.year} between ${years.from} and ${years.to}` : undefined,
        opts.undatedOnly ? isNull(calendarItems.date) : undefined,
      ),
    )
    .orderBy(asc(calendarItems.lineStart));
  return rows.map(({ item, document }) => ({
    source: 'letter' as const,
    id: item.id,
    kind: item.kind,
    text: item.text,
    agency: { id: document.agencyId, name: document.agencyName },
    document: {
      id: document.id,
      title: document.title,
      seriesKey: document.seriesKey,
      year: document.year,
    },
    deadline: { appliesTo: null, phrase: item.phrase, date: item.date, value: item.value },
  }));
}

const year = (date: string) => Number(date.slice(0, 4));

/** All entries of the scope whose assignments/documents may touch the window. */
export async function loadEntries(
  db: Db,
  actor: Actor,
  scope: CalendarScope,
  window: Window & { years?: { from: number; to: number } | null },
): Promise<CalendarEntry[]> {
  const [a, l] = await Promise.all([
    assignmentInputs(db, actor, scope, window),
    window.openOnly
      ? Promise.resolve([])
      : letterInputs(db, actor, scope, {
          years: window.years ?? null,
          undatedOnly: window.undatedOnly ?? false,
        }),
  ]);
  return buildEntries([...a, ...l]);
}

/** GET /api/calendar: dated entries whose period overlaps [from, to]. */
export async function calendarView(
  db: Db,
  actor: Actor,
  q: CalendarScope & { from: string; to: string },
): Promise<CalendarEntry[]> {
  const entries = await loadEntries(db, actor, q, {
    dueFrom: q.from,
    // A range starts at most a year before it ends.
    dueTo: addDays(q.to, 366),
    years: { from: year(q.from) - 1, to: year(q.to) + 1 },
  });
  return inPeriod(entries, q);
}

export type DeadlineViewName = 'due' | 'overdue' | 'undated';

/** GET /api/deadlines: what falls due in a period, what is overdue, what has no date. */
export async function deadlinesView(
  db: Db,
  actor: Actor,
  q: CalendarScope & { view: DeadlineViewName; from?: string; to?: string; today: string },
): Promise<{ from: string | null; to: string | null; items: CalendarEntry[] }> {
  switch (q.view) {
    case 'due': {
      const from = q.from ?? q.today;
      const to = q.to ?? addDays(from, 30);
      const entries = await loadEntries(db, actor, q, {
        dueFrom: from,
        dueTo: to,
        years: { from: year(from) - 1, to: year(to) + 1 },
      });
      return {
        from,
        to,
        items: dueIn(entries, { from, to }, { includeClosed: q.includeClosed ?? false }),
      };
    }
    case 'overdue': {
      const entries = await loadEntries(db, actor, q, {
        dueTo: addDays(q.today, -1),
        openOnly: true,
      });
      return {
        from: null,
        to: null,
        items: overdue(entries, q.today),
      };
    }
    case 'undated': {
      const entries = await loadEntries(db, actor, q, { undatedOnly: true });
      return {
        from: null,
        to: null,
        items: undated(entries, { includeClosed: q.includeClosed ?? false }),
      };
    }
  }
}
