/**
 * The governance calendar from the database: the letters' calendar items and the assignments'
 * deadlines of the visible current letters, per agency, ministry department or person, as
 * entries (src/domain/calendar.ts) for the calendar view, the deadline views and the iCal feeds.
 *
 * Filters in SQL select whole assignments (never single deadlines) and whole documents, so an
 * entry's identity (its place among its assignment's deadlines) does not depend on the query.
 */
import { DateTime } from 'luxon';
import {
  and,
  asc,
  eq,
  gt,
  gte,
  inArray,
  isNull,
  lte,
  notInArray,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
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
import { CLOSED_STATUSES, OPEN_STATUSES } from '../domain/lifecycle';
import type { Actor } from '../domain/policy';
import { visibleDocuments } from '../db/visibility';
import { addsDeadlines } from './assignments';

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

/**
 * A bounded period the entries are wanted for: those whose period overlaps it (the calendar
 * view), or those falling due in it (the deadline view `due`).
 */
interface Period {
  kind: 'overlaps' | 'due';
  from: string;
  to: string;
}

/** Coarse date bounds for selecting assignments and documents; entries are filtered exactly later. */
interface Window {
  /**
   * Some deadline (of the assignment or of a change to it) falls in the period: selects whole
   * assignments with their changes, found through the deadlines' dates (an index), not by
   * testing every assignment.
   */
  period?: Period;
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

/** A letter's calendar items, in a subquery beside the outer query's. */
const items = alias(calendarItems, 'period_items');

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

/**
 * A deadline (an assignment's or a letter's calendar item: its date and parsed value) in the
 * period. A deadline's period ends on its date and starts where its range starts (else on its
 * date); a range starts at most a year before it ends. Written so that the date index finds them.
 */
function inPeriodSql(date: AnyPgColumn, value: AnyPgColumn, p: Period): SQL {
  const inside = and(gte(date, p.from), lte(date, p.to))!;
  if (p.kind === 'due') return inside;
  return or(
    inside,
    and(
      sql`${value}->>'kind' = 'range'`,
      gt(date, p.to),
      lte(date, addDays(p.to, 366)),
      sql`${value}->>'start' <= ${p.to}`,
    ),
  )!;
}

/**
 * The assignments (`work`) with a deadline that matches (`which`), their own or a change's:
 * found from the deadlines (the date index), so that a month reads the month's deadlines and
 * not every assignment.
 */
async function worksWithDeadline(db: Db, which: SQL, openOnly: boolean): Promise<string[]> {
  const d = assignmentDeadlines;
  const rows = await db
    .selectDistinct({ id: work.id })
    .from(d)
    .innerJoin(assignments, eq(assignments.id, d.assignmentId))
    .innerJoin(
      work,
      sql`${work.id} = coalesce(${assignments.clarifiedAssignmentId}, ${assignments.id})`,
    )
    .where(
      and(
        which,
        addsDeadlines(assignments),
        openOnly ? notInArray(work.status, [...CLOSED_STATUSES]) : undefined,
      ),
    );
  return rows.map((r) => r.id);
}

/**
 * The assignments with something undated: a deadline without a date (their own or a change's),
 * or no deadline at all (an assignment of the register; a change without a deadline adds no
 * entry). Open ones only: from the index of the register's open work.
 */
async function undatedWorks(db: Db, openOnly: boolean): Promise<string[]> {
  const d = assignmentDeadlines;
  const [withUndated, withNone] = await Promise.all([
    worksWithDeadline(db, isNull(d.date), openOnly),
    db
      .select({ id: assignments.id })
      .from(assignments)
      .where(
        and(
          isNull(assignments.clarifiedAssignmentId),
          openOnly ? inArray(assignments.status, [...OPEN_STATUSES]) : undefined,
          sql`not exists (select 1 from ${d} where ${d.assignmentId} = ${assignments.id})`,
        ),
      ),
  ]);
  return [...new Set([...withUndated, ...withNone.map((r) => r.id)])];
}

/**
 * The ids of the assignments a window selects, with every change to them (their entries'
 * identities count all their deadlines); null: the window is tested row by row.
 */
function worksFor(db: Db, window: Window, openOnly: boolean): Promise<string[]> | null {
  if (window.period) {
    const d = assignmentDeadlines;
    return worksWithDeadline(db, inPeriodSql(d.date, d.value, window.period), openOnly);
  }
  if (window.undatedOnly) return undatedWorks(db, openOnly);
  return null;
}

async function assignmentInputs(
  db: Db,
  actor: Actor,
  scope: CalendarScope,
  window: Window,
): Promise<CalendarInput[]> {
  const d = assignmentDeadlines;
  const openOnly = !!window.openOnly || !scope.includeClosed;
  // A period (or what is undated) selects whole assignments with every change to them, by id:
  // the ids are known before the rows are read, so the plan reads those rows by index whatever
  // the planner would guess of the window.
  const works = await worksFor(db, window, openOnly);
  if (works !== null && works.length === 0) return [];
  const ids = works === null ? null : sql`${sql.param(works)}::uuid[]`;
  const hasDeadline = (cond: SQL) =>
    sql`exists (select 1 from ${d} where ${d.assignmentId} = ${assignments.id} and ${cond})`;
  const windowWhere = and(
    ids
      ? and(
          sql`${work.id} = any(${ids})`,
          sql`(${assignments.id} = any(${ids}) or ${assignments.clarifiedAssignmentId} = any(${ids}))`,
        )
      : undefined,
    window.dueFrom ? hasDeadline(sql`${d.date} >= ${window.dueFrom}`) : undefined,
    window.dueTo ? hasDeadline(sql`${d.date} <= ${window.dueTo}`) : undefined,
    openOnly ? notInArray(work.status, [...CLOSED_STATUSES]) : undefined,
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
        // A change without a deadline of its own adds no entry to the assignment it changes,
        // nor does a deadline change (its deadline is the assignment's own now).
        sql`(${assignments.clarifiedAssignmentId} is null or ${d.id} is not null)`,
        addsDeadlines(assignments),
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
  opts: {
    years: { from: number; to: number } | null;
    undatedOnly: boolean;
    period: Period | null;
  },
): Promise<CalendarInput[]> {
  const { years, period } = opts;
  // Calendar items belong to the agency's letter, not to a department or a person.
  if (scope.department !== undefined || scope.person !== undefined) return [];
  const rows = await db
    .select({
      item: {
        id: calendarItems.id,
        kind: calendarItems.kind,
        text: calendarItems.text,
        phrase: calendarItems.phrase,
        date: calendarItems.date,
        value: calendarItems.value,
      },
      document: {
        id: documents.id,
        title: documents.title,
        seriesKey: documents.seriesKey,
        year: documents.year,
        agencyId: documents.agencyId,
        agencyName: documents.agencyName,
      },
    })
    .from(calendarItems)
    .innerJoin(documents, eq(documents.id, calendarItems.documentId))
    .where(
      and(
        visibleDocuments(actor),
        eq(documents.isCurrent, true),
        scope.agency === undefined ? undefined : eq(documents.agencyId, scope.agency),
        years ? sql`${documents.year} between ${years.from} and ${years.to}` : undefined,
        opts.undatedOnly ? isNull(calendarItems.date) : undefined,
        // Whole documents (an item's identity counts the items of its document with the same
        // text) that have an item in the period, found from the items' dates.
        period
          ? sql`${documents.id} in (select ${items.documentId} from ${calendarItems} as ${items} where ${inPeriodSql(items.date, items.value, period)})`
          : undefined,
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
          period: window.period ?? null,
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
    period: { kind: 'overlaps', from: q.from, to: q.to },
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
        period: { kind: 'due', from, to },
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
