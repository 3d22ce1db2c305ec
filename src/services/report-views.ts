/**
 * The ministry's views of the reports (issue 15, "Ministry views"): what the server reads for
 * one agency or every agency of a year the caller follows, in a fixed number of queries however
 * many agencies there are (the presenter, src/server/presenters/report-views.ts, derives the
 * heat map, the targets and the judgements from it). And the risk tolerance the ministry agrees
 * with an agency for a year, set by its officers and audited.
 *
 * Every list is capped (`VIEW_LIMITS`); the answer says which reached its cap.
 */
import {
  and,
  asc,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { ReportStatus } from '../contract/enums';
import type { ReportContent, ReportSteeringValue } from '../contract/report';
import type { RiskToleranceBody } from '../contract/report-views';
import type { Db } from '../db/client';
import {
  assignments,
  calendarItems,
  documents,
  organisations,
  reports,
  riskTolerances,
  steeringParameters,
} from '../db/schema';
import { followedReports, readsWorkDialogue, visibleDocuments } from '../db/visibility';
import { storeActor } from '../domain/actors';
import { allPosts } from '../domain/ledger';
import { OPEN_STATUSES } from '../domain/lifecycle';
import { can, isMember, readsEverything, type Actor, type ReportLike } from '../domain/policy';
import { calendarReportKey } from '../domain/report';
import { appendAudit, audited } from './audit';
import { givenDocuments } from './calendar-derived';
import { computeSeries } from './ledger';
import { ensureReports } from './reports';

/** What each list holds at most (sent with the views, so a reader knows a list is cut). */
export const VIEW_LIMITS = {
  /** Agencies in one answer (by name). */
  agencies: 200,
  /** Assignments at risk or off track per agency (off track first). */
  assignments: 100,
  /** Late reports per agency (oldest due date first). */
  lateReports: 50,
  /** Submitted or accepted reports read for the trends (the newest first). */
  trendReports: 400,
  /** Years the trends look back, the year asked about included. */
  trendYears: 5,
} as const;

/** The agencies an actor follows: every one (auditors, administrators), else its ministry's or itself. */
function followedBy(actor: Actor): SQL | undefined {
  if (readsEverything(actor)) return undefined;
  if (!isMember(actor)) return sql`false`;
  return or(
    eq(documents.ministryId, actor.organisationId),
    eq(documents.agencyId, actor.organisationId),
  );
}

export interface ViewAgencyRow {
  agencyId: string;
  agencyName: string;
  ministryId: string;
  /** Per post the appropriation so far, from the ledger of the year's given documents. */
  posts: Array<{ chapter: number; post: number; postName: string; appropriation: number }>;
}

export interface ViewAssignmentRow {
  agencyId: string;
  assignmentId: string;
  registerId: string;
  title: string;
  status: (typeof assignments.$inferSelect)['status'];
  progress: 'at-risk' | 'off-track';
  progressReason: string | null;
}

export interface ViewLatestRow {
  reportId: string;
  title: string;
  dueDate: string | null;
  status: ReportStatus;
  revision: number;
  content: ReportContent;
}

export interface ViewLateRow {
  reportId: string;
  title: string;
  dueDate: string;
}

export interface ViewToleranceRow {
  score: number;
  comment: string;
  updatedAt: Date;
}

export interface TrendReportRow {
  reportId: string;
  agencyId: string;
  title: string;
  periodYear: number;
  dueDate: string | null;
  values: ReportSteeringValue[];
}

export interface TrendParameterRow {
  id: string;
  agencyId: string;
  year: number;
  /** A parameter of the current letter of the year asked about (it shows without values). */
  current: boolean;
  kind: string;
  goal: string | null;
  text: string;
}

/** What the views read, per agency and across them; derived by the presenter. */
export interface ReportViewsData {
  year: number;
  today: string;
  agencyId: string | null;
  agencies: ViewAgencyRow[];
  assignments: Map<string, ViewAssignmentRow[]>;
  /** Per agency how many assignments are off track and at risk (beyond the cap too). */
  assignmentCounts: Map<string, { offTrack: number; atRisk: number }>;
  latest: Map<string, ViewLatestRow>;
  late: Map<string, ViewLateRow[]>;
  lateCounts: Map<string, number>;
  tolerances: Map<string, ViewToleranceRow>;
  trendReports: TrendReportRow[];
  parameters: TrendParameterRow[];
  truncated: { agencies: boolean; trendReports: boolean };
}

/**
 * The views of a year for the agencies the actor follows (one agency when asked): the agencies
 * with letters of the year the actor reads, the calendar's reports made where missing, then
 * one query each for the assignments at risk or off track, the reports of the year (the latest
 * submitted or accepted and the late ones), the tolerances, the reports of the trend years and
 * their steering parameters.
 */
export async function reportViews(
  db: Db,
  actor: Actor,
  query: { year: number; agency?: string | undefined },
  today: string,
): Promise<ReportViewsData> {
  const { year } = query;
  const docs = await db
    .select({
      id: documents.id,
      agencyId: documents.agencyId,
      ministryId: documents.ministryId,
      agencyName: organisations.name,
      extracted: documents.extracted,
    })
    .from(documents)
    .innerJoin(organisations, eq(organisations.id, documents.agencyId))
    .where(
      and(
        givenDocuments,
        eq(documents.year, year),
        isNotNull(documents.ministryId),
        visibleDocuments(actor),
        followedBy(actor),
        query.agency ? eq(documents.agencyId, query.agency) : undefined,
      ),
    )
    .orderBy(asc(organisations.name), asc(documents.agencyId), asc(documents.id));

  const byAgency = new Map<string, typeof docs>();
  for (const d of docs) byAgency.set(d.agencyId!, [...(byAgency.get(d.agencyId!) ?? []), d]);
  const all = [...byAgency.values()];
  const agencies: ViewAgencyRow[] = all.slice(0, VIEW_LIMITS.agencies).map((ds) => {
    const { ledger } = computeSeries(
      ds.map((d) => ({
        id: d.id,
        kind: d.extracted.kind,
        number: d.extracted.number,
        extracted: d.extracted,
      })),
    );
    return {
      agencyId: ds[0]!.agencyId!,
      agencyName: ds[0]!.agencyName,
      ministryId: ds[0]!.ministryId!,
      posts: allPosts(ledger).map((p) => ({
        chapter: p.chapter,
        post: p.post,
        postName: p.postName,
        appropriation: p.total,
      })),
    };
  });
  const ids = agencies.map((a) => a.agencyId);
  const empty: ReportViewsData = {
    year,
    today,
    agencyId: query.agency ?? null,
    agencies,
    assignments: new Map(),
    assignmentCounts: new Map(),
    latest: new Map(),
    late: new Map(),
    lateCounts: new Map(),
    tolerances: new Map(),
    trendReports: [],
    parameters: [],
    truncated: { agencies: all.length > agencies.length, trendReports: false },
  };
  if (ids.length === 0) return empty;

  await ensureCalendarReports(db, ids, year);
  const [work, ofYear, tolerances, trend] = await Promise.all([
    atRiskAssignments(db, actor, ids, year),
    reportsOfYear(db, actor, ids, year, today),
    db
      .select({
        agencyId: riskTolerances.agencyId,
        score: riskTolerances.score,
        comment: riskTolerances.comment,
        updatedAt: riskTolerances.updatedAt,
      })
      .from(riskTolerances)
      .where(and(inArray(riskTolerances.agencyId, ids), eq(riskTolerances.year, year))),
    trendReportsOf(db, actor, ids, year),
  ]);
  const parameters = await trendParameters(db, actor, ids, year, trend.rows);
  return {
    ...empty,
    ...work,
    ...ofYear,
    tolerances: new Map(tolerances.map((t) => [t.agencyId, t])),
    trendReports: trend.rows,
    parameters,
    truncated: { ...empty.truncated, trendReports: trend.truncated },
  };
}

/**
 * Makes the calendar's reports of the agency-years that lack one (or whose calendar item moved
 * to a newer version): two queries find them for every agency at once; `ensureReports` runs
 * only for those (on an unchanged year, for none).
 */
async function ensureCalendarReports(db: Db, agencyIds: string[], year: number) {
  const [items, existing] = await Promise.all([
    db
      .select({
        agencyId: documents.agencyId,
        id: calendarItems.id,
        text: calendarItems.text,
        date: calendarItems.date,
      })
      .from(calendarItems)
      .innerJoin(documents, eq(documents.id, calendarItems.documentId))
      .where(
        and(
          givenDocuments,
          inArray(documents.agencyId, agencyIds),
          eq(documents.year, year),
          isNotNull(documents.ministryId),
          eq(calendarItems.kind, 'report'),
        ),
      )
      .orderBy(asc(calendarItems.date), asc(calendarItems.lineStart)),
    db
      .select({ key: reports.key, calendarItemId: reports.calendarItemId })
      .from(reports)
      .where(and(inArray(reports.agencyId, agencyIds), eq(reports.year, year))),
  ]);
  const known = new Map(existing.map((r) => [r.key, r.calendarItemId]));
  const wanted = new Map<string, string>();
  const stale = new Set<string>();
  for (const item of items) {
    const key = calendarReportKey(item.agencyId!, year, item.date, item.text);
    if (wanted.has(key)) continue;
    wanted.set(key, item.id);
    if (known.get(key) !== item.id) stale.add(item.agencyId!);
  }
  for (const agencyId of stale) await ensureReports(db, agencyId, year);
}

const offTrackFirst = sql`(case when ${assignments.progress} = 'off-track' then 0 else 1 end)`;

/** The open assignments at risk or off track of the year, per agency up to the cap, with counts. */
async function atRiskAssignments(db: Db, actor: Actor, agencyIds: string[], year: number) {
  const ranked = db
    .select({
      agencyId: sql<string>`${documents.agencyId}`.as('agency_id'),
      assignmentId: sql<string>`${assignments.id}`.as('assignment_id'),
      registerId: sql<string>`${assignments.registerId}`.as('register_id'),
      title: sql<string>`${assignments.title}`.as('title'),
      status: sql<ViewAssignmentRow['status']>`${assignments.status}`.as('status'),
      progress: sql<'at-risk' | 'off-track'>`${assignments.progress}`.as('progress'),
      // Why it is at risk is part of the work dialogue (readsWorkDialogue).
      progressReason: sql<
        string | null
      >`case when ${readsWorkDialogue(actor)} then ${assignments.progressReason} end`.as(
        'progress_reason',
      ),
      rank: sql<number>`row_number() over (partition by ${documents.agencyId} order by ${offTrackFirst}, ${assignments.registerId}, ${assignments.id})`.as(
        'rank',
      ),
      offTrack:
        sql<number>`count(*) filter (where ${assignments.progress} = 'off-track') over (partition by ${documents.agencyId})`.as(
          'off_track',
        ),
      atRisk:
        sql<number>`count(*) filter (where ${assignments.progress} = 'at-risk') over (partition by ${documents.agencyId})`.as(
          'at_risk',
        ),
    })
    .from(assignments)
    .innerJoin(documents, eq(documents.id, assignments.documentId))
    .where(
      and(
        givenDocuments,
        visibleDocuments(actor),
        eq(documents.year, year),
        inArray(documents.agencyId, agencyIds),
        isNull(assignments.clarifiedAssignmentId),
        inArray(assignments.progress, ['at-risk', 'off-track']),
        inArray(assignments.status, [...OPEN_STATUSES]),
      ),
    )
    .as('ranked');
  const rows = await db
    .select()
    .from(ranked)
    .where(lte(ranked.rank, VIEW_LIMITS.assignments))
    .orderBy(asc(ranked.agencyId), asc(ranked.rank));
  const list = new Map<string, ViewAssignmentRow[]>();
  const counts = new Map<string, { offTrack: number; atRisk: number }>();
  for (const { rank: _rank, offTrack, atRisk, ...row } of rows) {
    list.set(row.agencyId, [...(list.get(row.agencyId) ?? []), row]);
    counts.set(row.agencyId, { offTrack: Number(offTrack), atRisk: Number(atRisk) });
  }
  return { assignments: list, assignmentCounts: counts };
}

/**
 * The reports of the year: per agency its latest submitted or accepted status report (by due
 * date, then revision, as the overview ranks them) with its content, and its late ones up to the cap with
 * how many there are.
 */
async function reportsOfYear(
  db: Db,
  actor: Actor,
  agencyIds: string[],
  year: number,
  today: string,
) {
  // A status report about this year, submitted or accepted: the forecast and the risks of the
  // year are there (an annual report gives the accounts of a year that has ended).
  const done = and(
    inArray(reports.status, ['submitted', 'accepted']),
    eq(reports.kind, 'status'),
    eq(reports.periodYear, year),
  ) as SQL;
  // Not submitted and due before today (src/domain/report.ts isReportLate).
  const late = and(eq(reports.status, 'draft'), lt(reports.dueDate, today)) as SQL;
  const ranked = db
    .select({
      reportId: sql<string>`${reports.id}`.as('report_id'),
      agencyId: sql<string>`${reports.agencyId}`.as('agency_id'),
      title: sql<string>`${reports.title}`.as('title'),
      dueDate: sql<string | null>`${reports.dueDate}`.as('due_date'),
      status: sql<ReportStatus>`${reports.status}`.as('status'),
      revision: sql<number>`${reports.revision}`.as('revision'),
      content: sql<ReportContent>`${reports.content}`.as('content'),
      isLatest:
        sql<boolean>`(${done} and row_number() over (partition by ${reports.agencyId} order by ${done} desc, ${reports.dueDate} desc nulls last, ${reports.revision} desc, ${reports.submittedAt} desc nulls last, ${reports.id}) = 1)`.as(
          'is_latest',
        ),
      isLate: sql<boolean>`coalesce(${late}, false)`.as('is_late'),
      lateRank:
        sql<number>`row_number() over (partition by ${reports.agencyId}, coalesce(${late}, false) order by ${reports.dueDate}, ${reports.title}, ${reports.id})`.as(
          'late_rank',
        ),
      lateCount:
        sql<number>`count(*) filter (where coalesce(${late}, false)) over (partition by ${reports.agencyId})`.as(
          'late_count',
        ),
    })
    .from(reports)
    .where(
      and(followedReports(actor), eq(reports.year, year), inArray(reports.agencyId, agencyIds)),
    )
    .as('ranked');
  const rows = await db
    .select({
      reportId: ranked.reportId,
      agencyId: ranked.agencyId,
      title: ranked.title,
      dueDate: ranked.dueDate,
      status: ranked.status,
      revision: ranked.revision,
      // Only the latest report's content is read.
      content: sql<ReportContent | null>`case when ${ranked.isLatest} then ${ranked.content} end`,
      isLatest: ranked.isLatest,
      isLate: ranked.isLate,
      lateCount: ranked.lateCount,
    })
    .from(ranked)
    .where(
      or(
        eq(ranked.isLatest, true),
        and(eq(ranked.isLate, true), lte(ranked.lateRank, VIEW_LIMITS.lateReports)),
      ),
    )
    .orderBy(asc(ranked.agencyId), asc(ranked.dueDate), asc(ranked.title), asc(ranked.reportId));
  const latest = new Map<string, ViewLatestRow>();
  const lateRows = new Map<string, ViewLateRow[]>();
  const lateCounts = new Map<string, number>();
  for (const r of rows) {
    lateCounts.set(r.agencyId, Number(r.lateCount));
    if (r.isLatest && r.content) {
      latest.set(r.agencyId, {
        reportId: r.reportId,
        title: r.title,
        dueDate: r.dueDate,
        status: r.status,
        revision: r.revision,
        content: r.content,
      });
    }
    if (r.isLate && r.dueDate) {
      const entry = { reportId: r.reportId, title: r.title, dueDate: r.dueDate };
      lateRows.set(r.agencyId, [...(lateRows.get(r.agencyId) ?? []), entry]);
    }
  }
  return { latest, late: lateRows, lateCounts };
}

/**
 * The submitted and accepted reports of the trend years with their steering parameter values,
 * the newest first up to the cap.
 */
async function trendReportsOf(db: Db, actor: Actor, agencyIds: string[], year: number) {
  const rows = await db
    .select({
      reportId: reports.id,
      agencyId: reports.agencyId,
      title: reports.title,
      periodYear: reports.periodYear,
      dueDate: reports.dueDate,
      values: sql<
        ReportSteeringValue[]
      >`coalesce(${reports.content}->'steeringParameters', '[]'::jsonb)`,
    })
    .from(reports)
    .where(
      and(
        followedReports(actor),
        inArray(reports.agencyId, agencyIds),
        inArray(reports.status, ['submitted', 'accepted']),
        gte(reports.periodYear, year - VIEW_LIMITS.trendYears + 1),
        lte(reports.periodYear, year),
        sql`jsonb_array_length(coalesce(${reports.content}->'steeringParameters', '[]'::jsonb)) > 0`,
      ),
    )
    .orderBy(desc(reports.periodYear), sql`${reports.dueDate} desc nulls last`, desc(reports.id))
    .limit(VIEW_LIMITS.trendReports + 1);
  return {
    rows: rows.slice(0, VIEW_LIMITS.trendReports),
    truncated: rows.length > VIEW_LIMITS.trendReports,
  };
}

/**
 * The steering parameters the trend reports give values for (from whichever version of a letter
 * they were written against) and those of the year's current letters (shown without values).
 */
async function trendParameters(
  db: Db,
  actor: Actor,
  agencyIds: string[],
  year: number,
  trend: TrendReportRow[],
): Promise<TrendParameterRow[]> {
  const reportIds = trend.map((r) => r.reportId);
  const named =
    reportIds.length > 0
      ? sql`${steeringParameters.id} in (select (jsonb_array_elements(${reports.content}->'steeringParameters')->>'steeringParameterId')::uuid from ${reports} where ${inArray(reports.id, reportIds)})`
      : undefined;
  const current = and(
    givenDocuments,
    eq(documents.year, year),
    inArray(documents.agencyId, agencyIds),
  );
  const rows = await db
    .select({
      id: steeringParameters.id,
      agencyId: documents.agencyId,
      year: documents.year,
      current: sql<boolean>`coalesce(${current}, false)`,
      kind: steeringParameters.kind,
      goal: steeringParameters.goal,
      text: steeringParameters.text,
    })
    .from(steeringParameters)
    .innerJoin(documents, eq(documents.id, steeringParameters.documentId))
    .where(and(visibleDocuments(actor), or(named, current)))
    .orderBy(asc(documents.year), asc(documents.id), asc(steeringParameters.ord));
  return rows.map((r) => ({ ...r, agencyId: r.agencyId! }));
}

/** The tolerance as agreed, after a change. */
export interface ToleranceSaved {
  kind: 'saved';
  agencyId: string;
  year: number;
  row: ViewToleranceRow;
}
/** Set by someone else since the caller read it: the tolerance as it is (none agreed: undefined). */
export interface ToleranceStale {
  kind: 'stale';
  agencyId: string;
  year: number;
  row: ViewToleranceRow | undefined;
}
export type ToleranceOutcome =
  ToleranceSaved | ToleranceStale | { kind: 'not-found' } | { kind: 'forbidden' };

/**
 * Sets the risk tolerance of an agency-year (the highest acceptable residual likelihood ×
 * consequence), agreed with and set by the agency's ministry: its officers (policy
 * `reports.tolerance`). Not found when the actor reads no letter of the agency-year. Based on
 * the tolerance the caller read (`expectedUpdatedAt`: when it was set, null when none was
 * agreed): stale, and nothing saved, when it was set since. Audited with what it was before.
 */
export async function setRiskTolerance(
  db: Db,
  actor: Actor,
  body: RiskToleranceBody,
): Promise<ToleranceOutcome> {
  return audited(db, async (tx) => {
    const [doc] = await tx
      .select({ ministryId: documents.ministryId })
      .from(documents)
      .where(
        and(
          eq(documents.isCurrent, true),
          eq(documents.agencyId, body.agencyId),
          eq(documents.year, body.year),
          isNotNull(documents.ministryId),
          visibleDocuments(actor),
        ),
      )
      .orderBy(asc(documents.id))
      .limit(1);
    if (!doc) return { kind: 'not-found' };
    // The agency-year as a report being written (policy.ts `reports.tolerance`).
    const like: ReportLike = {
      kind: 'report',
      agencyId: body.agencyId,
      ministryId: doc.ministryId!,
      status: 'draft',
    };
    if (!can(actor, 'reports.tolerance', like)) return { kind: 'forbidden' };
    const key = and(eq(riskTolerances.agencyId, body.agencyId), eq(riskTolerances.year, body.year));
    const columns = {
      score: riskTolerances.score,
      comment: riskTolerances.comment,
      updatedAt: riskTolerances.updatedAt,
    };
    const [before] = await tx.select(columns).from(riskTolerances).where(key).for('update');
    const stale = (row: ViewToleranceRow | undefined): ToleranceStale => ({
      kind: 'stale',
      agencyId: body.agencyId,
      year: body.year,
      row,
    });
    // Compared as instants, to the millisecond the views give (`setAt`, ISO 8601).
    const seen = body.expectedUpdatedAt === null ? null : Date.parse(body.expectedUpdatedAt);
    if (seen !== (before ? before.updatedAt.getTime() : null)) return stale(before);
    const stored = storeActor(actor);
    const values = {
      score: body.score,
      comment: body.comment,
      setByKind: stored.kind,
      setById: stored.id,
      // Later than the one read, even within its millisecond: the next change can tell them apart.
      updatedAt: new Date(Math.max(Date.now(), (before?.updatedAt.getTime() ?? 0) + 1)),
    };
    // None was agreed: the first to set it wins; one set meanwhile makes this change stale.
    const [row] = before
      ? await tx.update(riskTolerances).set(values).where(key).returning(columns)
      : await tx
          .insert(riskTolerances)
          .values({ agencyId: body.agencyId, year: body.year, ...values })
          .onConflictDoNothing({ target: [riskTolerances.agencyId, riskTolerances.year] })
          .returning(columns);
    if (!row) {
      const [now] = await tx.select(columns).from(riskTolerances).where(key);
      return stale(now);
    }
    await appendAudit(tx, actor, {
      action: 'risk-tolerance.set',
      objectType: 'agency-year',
      objectId: `${body.agencyId}:${body.year}`,
      before: before ? { score: before.score, comment: before.comment } : null,
      after: { score: body.score, comment: body.comment },
    });
    return { kind: 'saved', agencyId: body.agencyId, year: body.year, row };
  });
}
