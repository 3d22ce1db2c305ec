/**
 * Reports the agency owes the ministry (issue 15): made from the reporting items of the
 * calendar of its shared or published letters (`ensureReports`, idempotent), or asked for ad
 * hoc by the ministry; written by the agency, submitted (locked, its content hashed), returned
 * with a comment (the agency writes a new revision) or accepted. Every change names the version
 * it read, is audited, and is refused with a reason when the report no longer changes.
 *
 * What comes from the record is read live (`ReportFacts`): the open assignments with their
 * status and progress, the ledger's appropriation per post, the letters' steering parameters.
 */
import { createHash, randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { ReportError, ReportKind, ReportStatus, SignedPart } from '../contract/enums';
import {
  REPORT_CURSOR,
  type ReportContent,
  type ReportCreateBody,
  type ReportMinistryCommentsBody,
  type ReportQuery,
  type ReportSignBody,
  type ReportSignature,
  type ReportState,
  type ReportStatusChangeBody,
  type ReportStatusEvent,
  type ReportUpdateBody,
} from '../contract/report';
import { cursorKeys, pageOf, type Cursor } from '../contract/pagination';
import type { Db } from '../db/client';
import { after, orderBy, type SortKey } from '../db/keyset';
import {
  assignments,
  documents,
  organisations,
  reportVersions,
  reports,
  steeringParameters,
} from '../db/schema';
import {
  followedReports,
  publishedReports,
  visibleDocuments,
  visibleReports,
} from '../db/visibility';
import type { AccountsRow } from '../domain/accounts';
import { eventActor, storeActor } from '../domain/actors';
import { canonicalJson } from '../domain/canonical-json';
import { allPosts } from '../domain/ledger';
import { OPEN_STATUSES } from '../domain/lifecycle';
import {
  can,
  fillsOwnReportEntriesOnly,
  isMember,
  readsEverything,
  readsReportAsPublic,
  type Actor,
  type ReportLike,
} from '../domain/policy';
import {
  changedBeyondOwn,
  calendarReportKey,
  EMPTY_ANNUAL,
  reportCommentRequired,
  reportEditable,
  reportKindOf,
  reportProblems,
  reportTransitionSide,
  reportTransitions,
  unsignedByChange,
  type ReportFacts,
} from '../domain/report';
import { appendAudit, audited, type AuditedTx } from './audit';
import { calendarItemsByKey, givenDocuments, missingAndMoved } from './calendar-derived';
import { riskToleranceOf, riskTolerancesOf } from './risk-tolerance';
import { computeSeries } from './ledger';
import { notify, peopleWith, type Notice } from './notifications';
import { tellReportSubmitted } from './webhooks';

export type ReportRow = typeof reports.$inferSelect;

const REPORTS_ACTOR: Actor = { kind: 'system', name: 'reports' };
const EMPTY_CONTENT: ReportContent = {
  assignments: [],
  budget: [],
  risks: [],
  steeringParameters: [],
};
/** What a new report of the kind holds: an annual report its six parts, empty. */
const emptyContent = (kind: ReportKind): ReportContent =>
  kind === 'annual' ? { ...EMPTY_CONTENT, annual: EMPTY_ANNUAL } : EMPTY_CONTENT;

export const reportLike = (
  r: Pick<ReportRow, 'agencyId' | 'ministryId' | 'status' | 'kind'>,
): ReportLike => ({
  kind: 'report',
  agencyId: r.agencyId,
  ministryId: r.ministryId,
  status: r.status,
  annual: r.kind === 'annual',
});

/** The report's state as a change returns it, with where this caller may take it. */
export function reportState(actor: Actor, r: ReportRow): ReportState {
  return {
    id: r.id,
    status: r.status,
    version: r.version,
    allowedTransitions: allowedReportTransitions(actor, r),
  };
}

export function allowedReportTransitions(actor: Actor, r: ReportRow): ReportStatus[] {
  const like = reportLike(r);
  return reportTransitions(r.status, {
    agency: can(actor, 'reports.submit', like),
    ministry: can(actor, 'reports.review', like),
  });
}

/**
 * Makes a report of every reporting item (`kind` report) of the calendar of the agency's
 * current shared or published documents of the year that has none yet, and points existing
 * ones at the current version's calendar item. An item whose text names the annual report
 * (src/domain/report.ts `reportKindOf`) makes an annual report on the year it names, or the
 * year before; a status report such an item made before reports had a kind becomes that annual
 * report while nothing is written in it (a draft of version 1 with the empty content), audited
 * in the same entry. Idempotent; returns how many it made.
 */
export async function ensureReports(db: Db, agencyId: string, year: number): Promise<number> {
  const wanted = await calendarItemsByKey(db, agencyId, year, 'report', (date, text) =>
    calendarReportKey(agencyId, year, date, text),
  );
  if (wanted.size === 0) return 0;
  const existing = await db
    .select({
      id: reports.id,
      key: reports.key,
      calendarItemId: reports.calendarItemId,
      kind: reports.kind,
      status: reports.status,
      version: reports.version,
      content: reports.content,
    })
    .from(reports)
    .where(inArray(reports.key, [...wanted.keys()]));
  const { missing, relink } = missingAndMoved(
    wanted,
    new Map(existing.map((r) => [r.key, r.calendarItemId])),
  );
  // Made before reports had a kind: an annual report's item made a status report. Untouched
  // (a draft, version 1, nothing written), it becomes the annual report the item names.
  const empty = canonicalJson(EMPTY_CONTENT);
  const upgrade = existing.flatMap((r) => {
    const read = reportKindOf(wanted.get(r.key)!.text, year);
    const untouched =
      r.kind === 'status' &&
      r.status === 'draft' &&
      r.version === 1 &&
      canonicalJson(r.content) === empty;
    return untouched && read.kind === 'annual' ? [{ id: r.id, periodYear: read.periodYear }] : [];
  });
  if (missing.length === 0 && relink.length === 0 && upgrade.length === 0) return 0;
  return audited(db, async (tx) => {
    const rows = missing.map(([key, item]) => {
      const { kind, periodYear } = reportKindOf(item.text, year);
      return {
        agencyId,
        ministryId: item.ministryId,
        year,
        kind,
        periodYear,
        key,
        source: 'calendar' as const,
        calendarItemId: item.id,
        title: item.text,
        dueDate: item.date,
        content: emptyContent(kind),
        createdByKind: 'system' as const,
        createdById: 'reports',
      };
    });
    // An insert of no rows is refused: when only relinking or making annual, none is made.
    const made =
      rows.length === 0
        ? []
        : await tx
            .insert(reports)
            .values(rows)
            .onConflictDoNothing({ target: reports.key })
            .returning({ id: reports.id, key: reports.key });
    for (const [key, item] of relink) {
      await tx.update(reports).set({ calendarItemId: item.id }).where(eq(reports.key, key));
    }
    const annual = [];
    for (const u of upgrade) {
      // Checked again under the write: nobody has written it since it was read.
      const [changed] = await tx
        .update(reports)
        .set({
          kind: 'annual',
          periodYear: u.periodYear,
          content: emptyContent('annual'),
          version: 2,
          updatedAt: new Date(),
        })
        .where(
          and(
            eq(reports.id, u.id),
            eq(reports.kind, 'status'),
            eq(reports.status, 'draft'),
            eq(reports.version, 1),
          ),
        )
        .returning({ id: reports.id });
      if (changed) annual.push({ id: u.id, periodYear: u.periodYear });
    }
    if (made.length > 0 || relink.length > 0 || annual.length > 0) {
      await appendAudit(tx, REPORTS_ACTOR, {
        action: 'report.generate',
        objectType: 'agency-year',
        objectId: `${agencyId}:${year}`,
        after: {
          created: made.map((m) => m.id),
          relinked: relink.map(([key]) => key),
          ...(annual.length > 0 ? { madeAnnual: annual } : {}),
        },
      });
    }
    return made.length;
  });
}

export interface ReportSummaryView {
  row: ReportRow;
  agencyName: string;
  /** The risk tolerance agreed for the agency and the report's period, or null. */
  riskTolerance: number | null;
}

function selectReports(db: Db) {
  return db
    .select({ row: reports, agencyName: organisations.name })
    .from(reports)
    .innerJoin(organisations, eq(organisations.id, reports.agencyId));
}

/**
 * The reports the actor follows (`followedReports`), or the published ones when asked for
 * (visitors: always), filtered; for an agency-year asked about, the calendar's reports are made
 * first (`ensureReports`: one query when nothing is new).
 */
export async function listReports(
  db: Db,
  actor: Actor,
  query: Omit<ReportQuery, 'limit' | 'cursor'> & {
    /** A page of the list (every report without it) and where it starts. */
    limit?: number | undefined;
    cursor?: Cursor | undefined;
  },
  today: string,
): Promise<{ rows: ReportSummaryView[]; nextCursor: string | null }> {
  // Visitors read published reports only: what they ask makes nothing.
  if (query.agency && query.year && actor.kind !== 'anonymous' && query.published !== 'true') {
    await ensureReports(db, query.agency, query.year);
  }
  // Not submitted and due before today (src/domain/report.ts isReportLate).
  const late = and(eq(reports.status, 'draft'), lt(reports.dueDate, today)) as SQL;
  // The reports the caller follows; the published ones when asked for (visitors: always).
  const scope =
    query.published === 'true' || actor.kind === 'anonymous'
      ? and(visibleReports(actor), publishedReports())
      : followedReports(actor);
  const start = cursorKeys(query.cursor, REPORT_CURSOR.due);
  const read = selectReports(db)
    .where(
      and(
        scope,
        start === undefined ? undefined : after(reportKeys, start),
        query.agency ? eq(reports.agencyId, query.agency) : undefined,
        query.year ? eq(reports.year, query.year) : undefined,
        query.kind ? eq(reports.kind, query.kind) : undefined,
        query.status ? eq(reports.status, query.status) : undefined,
        query.late === 'true' ? late : undefined,
        query.late === 'false' ? sql`not coalesce(${late}, false)` : undefined,
      ),
    )
    .orderBy(...orderBy(reportKeys))
    .$dynamic();
  const { limit } = query;
  const page =
    limit === undefined
      ? { rows: await read, nextCursor: null }
      : pageOf(await read.limit(limit + 1), limit, 'due', (r) => [r.row.dueDate, r.row.id], query);
  const rows = page.rows;
  // The tolerances of the periods listed, one query per period year.
  const tolerances = new Map<number, Map<string, number>>();
  for (const periodYear of new Set(rows.map((r) => r.row.periodYear))) {
    const agencies = rows.filter((r) => r.row.periodYear === periodYear).map((r) => r.row.agencyId);
    tolerances.set(periodYear, await riskTolerancesOf(db, [...new Set(agencies)], periodYear));
  }
  return {
    rows: rows.map((r) => ({
      ...r,
      riskTolerance: tolerances.get(r.row.periodYear)?.get(r.row.agencyId) ?? null,
    })),
    nextCursor: page.nextCursor,
  };
}

/**
 * The report list's order: due date (none last), then id. Not by title: a cursor carries the
 * sort keys, and a title is free text of any length (one made from a calendar item is not
 * bounded), so a long one would make a cursor the API refuses.
 */
const reportKeys: SortKey[] = [
  { expr: reports.dueDate, nullable: true, cast: 'date' },
  { expr: reports.id },
];

/** One agency's reports of a year for the overview: counted in SQL, with its latest report. */
export interface ReportOverviewRow {
  agencyId: string;
  agencyName: string;
  owed: number;
  submitted: number;
  accepted: number;
  late: number;
  /** The latest submitted or accepted report with what it reads from the record; null when none. */
  latest: {
    row: Pick<ReportRow, 'id' | 'title' | 'dueDate' | 'status' | 'revision' | 'content'>;
    record: ReportRecord;
  } | null;
}

/**
 * The ministry's overview (issue 15, "Ministry views"): for every agency with reports of the
 * year the actor follows (`followedReports`: not another ministry's published annual reports),
 * how many are owed, submitted, accepted and late, and its latest submitted or accepted status
 * report (by due date, then revision) with the record it reads. The calendar's reports of the agency-years the actor follows are made first (`ensureReports`);
 * then one query reads the reports, and the record is loaded only for agencies with a latest.
 */
export async function reportOverview(
  db: Db,
  actor: Actor,
  year: number,
  today: string,
): Promise<ReportOverviewRow[]> {
  const followed = await db
    .selectDistinct({ agencyId: documents.agencyId })
    .from(documents)
    .where(
      and(
        givenDocuments,
        eq(documents.year, year),
        isNotNull(documents.agencyId),
        isNotNull(documents.ministryId),
        visibleDocuments(actor),
        readsEverything(actor)
          ? undefined
          : isMember(actor)
            ? or(
                eq(documents.ministryId, actor.organisationId),
                eq(documents.agencyId, actor.organisationId),
              )
            : sql`false`,
      ),
    );
  for (const { agencyId } of followed) await ensureReports(db, agencyId!, year);

  // The latest is a status report's: an annual report gives accounts, not a forecast.
  const done = and(inArray(reports.status, ['submitted', 'accepted']), eq(reports.kind, 'status'));
  // The latest submitted or accepted report of each agency is ranked first.
  const rank = sql<number>`row_number() over (partition by ${reports.agencyId} order by ${done} desc, ${reports.dueDate} desc nulls last, ${reports.revision} desc, ${reports.submittedAt} desc nulls last, ${reports.id})`;
  const ranked = db
    .select({
      id: reports.id,
      agencyId: reports.agencyId,
      title: reports.title,
      dueDate: reports.dueDate,
      status: reports.status,
      revision: reports.revision,
      content: reports.content,
      // Not submitted and due before today (src/domain/report.ts isReportLate).
      late: sql<boolean>`coalesce(${and(eq(reports.status, 'draft'), lt(reports.dueDate, today))}, false)`.as(
        'late',
      ),
      done: sql<boolean>`${done}`.as('done'),
      rank: rank.as('rank'),
    })
    .from(reports)
    .where(and(followedReports(actor), eq(reports.year, year)))
    .as('ranked');
  const rows = await db
    .select({
      agencyId: ranked.agencyId,
      agencyName: organisations.name,
      owed: sql<number>`count(*)`.mapWith(Number),
      submitted: sql<number>`count(*) filter (where ${ranked.status} = 'submitted')`.mapWith(
        Number,
      ),
      accepted: sql<number>`count(*) filter (where ${ranked.status} = 'accepted')`.mapWith(Number),
      late: sql<number>`count(*) filter (where ${ranked.late})`.mapWith(Number),
      latest: sql<{
        id: string;
        title: string;
        dueDate: string | null;
        status: ReportStatus;
        revision: number;
        content: ReportContent;
      } | null>`(array_agg(json_build_object('id', ${ranked.id}, 'title', ${ranked.title}, 'dueDate', ${ranked.dueDate}, 'status', ${ranked.status}, 'revision', ${ranked.revision}, 'content', ${ranked.content})) filter (where ${ranked.rank} = 1 and ${ranked.done}))[1]`,
    })
    .from(ranked)
    .innerJoin(organisations, eq(organisations.id, ranked.agencyId))
    .groupBy(ranked.agencyId, organisations.name)
    .orderBy(asc(organisations.name), asc(ranked.agencyId));
  return Promise.all(
    rows.map(async (r) => ({
      ...r,
      latest: r.latest ? { row: r.latest, record: await loadRecord(db, r.agencyId, year) } : null,
    })),
  );
}

type RecordAssignment = Pick<
  typeof assignments.$inferSelect,
  'id' | 'registerId' | 'title' | 'status' | 'progress' | 'progressReason' | 'ownerUserId'
>;

/** What a report reads from the record for its agency-year, live. */
export interface ReportRecord {
  /** The open assignments, in register order. */
  assignments: RecordAssignment[];
  /** Every assignment of the year, closed ones too (an annual report's part III), in order. */
  every: RecordAssignment[];
  /** Every assignment id of the year (an entry may stay after its assignment closed). */
  assignmentIds: Set<string>;
  posts: Array<{ chapter: number; post: number; postName: string; appropriation: number }>;
  steeringParameters: Array<typeof steeringParameters.$inferSelect>;
}

/**
 * The record of an agency-year, from the letters it has been given; `publishedOnly`: from the
 * published ones only (what the public reads of a published annual report).
 */
export async function loadRecord(
  db: Db,
  agencyId: string,
  year: number,
  { publishedOnly = false }: { publishedOnly?: boolean } = {},
): Promise<ReportRecord> {
  const docs = await db
    .select({ id: documents.id, extracted: documents.extracted })
    .from(documents)
    .where(
      and(
        givenDocuments,
        publishedOnly ? eq(documents.status, 'published') : undefined,
        eq(documents.agencyId, agencyId),
        eq(documents.year, year),
      ),
    );
  if (docs.length === 0) {
    return {
      assignments: [],
      every: [],
      assignmentIds: new Set(),
      posts: [],
      steeringParameters: [],
    };
  }
  const ids = docs.map((d) => d.id);
  const { ledger } = computeSeries(
    docs.map((d) => ({
      id: d.id,
      kind: d.extracted.kind,
      number: d.extracted.number,
      extracted: d.extracted,
    })),
  );
  const rows = await db
    .select({
      id: assignments.id,
      registerId: assignments.registerId,
      title: assignments.title,
      status: assignments.status,
      progress: assignments.progress,
      progressReason: assignments.progressReason,
      ownerUserId: assignments.ownerUserId,
    })
    .from(assignments)
    .where(and(inArray(assignments.documentId, ids), isNull(assignments.clarifiedAssignmentId)))
    .orderBy(asc(assignments.registerId));
  const params = await db
    .select()
    .from(steeringParameters)
    .where(inArray(steeringParameters.documentId, ids))
    .orderBy(asc(steeringParameters.documentId), asc(steeringParameters.ord));
  return {
    assignments: rows.filter((r) => (OPEN_STATUSES as readonly string[]).includes(r.status)),
    every: rows,
    assignmentIds: new Set(rows.map((r) => r.id)),
    posts: allPosts(ledger).map((p) => ({
      chapter: p.chapter,
      post: p.post,
      postName: p.postName,
      appropriation: p.total,
    })),
    steeringParameters: params,
  };
}

export interface ReportDetail extends ReportSummaryView {
  record: ReportRecord;
}

/**
 * One report the actor may read, with the record of its period (the year it reports on: for an
 * annual report usually the year before its own) and the risk tolerance agreed for that period.
 * Who reads it as the public (a published annual report) gets the record of the published
 * letters only: a shared letter is not theirs to read.
 */
export async function getReport(db: Db, actor: Actor, id: string): Promise<ReportDetail | null> {
  const [found] = await selectReports(db).where(and(eq(reports.id, id), visibleReports(actor)));
  if (!found) return null;
  const { agencyId, periodYear } = found.row;
  const publishedOnly = readsReportAsPublic(actor, reportLike(found.row));
  return {
    ...found,
    riskTolerance: await riskToleranceOf(db, agencyId, periodYear),
    record: await loadRecord(db, agencyId, periodYear, { publishedOnly }),
  };
}

/** What the rules of submitting look at for the report (src/domain/report.ts reportProblems). */
export function factsOf(row: ReportRow, record: ReportRecord): ReportFacts {
  return {
    assignments: record.assignments,
    posts: record.posts,
    ...(row.kind === 'annual' ? { annual: { signatures: row.signatures } } : {}),
  };
}

/** A report's submitted revisions, with the report they belong to (for who reads it how). */
export async function reportVersionsOf(db: Db, actor: Actor, id: string) {
  const [found] = await db
    .select()
    .from(reports)
    .where(and(eq(reports.id, id), visibleReports(actor)));
  if (!found) return null;
  const versions = await db
    .select()
    .from(reportVersions)
    .where(eq(reportVersions.reportId, id))
    .orderBy(asc(reportVersions.revision));
  return { report: found, versions };
}

type Refused = {
  kind: 'refused';
  error: ReportError | 'invalid-transition' | 'not-permitted' | 'comment-required';
  message: string;
  current: ReportState | null;
  details?: Record<string, unknown>;
};
export type ReportOutcome =
  | { kind: 'saved'; report: ReportDetail }
  | { kind: 'not-found' }
  | { kind: 'forbidden' }
  | { kind: 'stale'; current: ReportState }
  | Refused;
export type ReportStatusOutcome =
  | { kind: 'changed'; report: ReportState; event: ReportStatusEvent }
  | Exclude<ReportOutcome, { kind: 'saved' }>;

const view = async (tx: Db, actor: Actor, id: string) => (await getReport(tx, actor, id))!;

/** The ministry asks for a report the calendar does not have. */
export async function createReport(
  db: Db,
  actor: Actor,
  body: ReportCreateBody,
): Promise<ReportOutcome> {
  return audited(db, async (tx) => {
    const docs = await tx
      .select({ ministryId: documents.ministryId, status: documents.status })
      .from(documents)
      .where(
        and(
          eq(documents.isCurrent, true),
          eq(documents.agencyId, body.agencyId),
          eq(documents.year, body.year),
          visibleDocuments(actor),
        ),
      );
    const ministryId = docs.find((d) => d.ministryId)?.ministryId;
    if (!ministryId) return { kind: 'not-found' };
    const kind = body.kind ?? 'status';
    const periodYear = kind === 'annual' ? (body.periodYear ?? body.year - 1) : body.year;
    const like = reportLike({ agencyId: body.agencyId, ministryId, status: 'draft', kind });
    if (!can(actor, 'reports.create', like)) return { kind: 'forbidden' };
    if (!docs.some((d) => d.status !== 'draft')) {
      return {
        kind: 'refused',
        error: 'report-no-documents',
        message: 'The agency has no shared or published letter for that year to report on',
        current: null,
      };
    }
    const [row] = await tx
      .insert(reports)
      .values({
        agencyId: body.agencyId,
        ministryId,
        year: body.year,
        kind,
        periodYear,
        key: `${body.agencyId}|${body.year}|ad-hoc|${randomUUID()}`,
        source: 'ad-hoc',
        title: body.title,
        dueDate: body.dueDate,
        content: emptyContent(kind),
        ...createdBy(actor),
      })
      .returning();
    await appendAudit(tx, actor, {
      action: 'report.create',
      objectType: 'report',
      objectId: row!.id,
      after: {
        agencyId: body.agencyId,
        year: body.year,
        kind,
        periodYear,
        title: body.title,
        dueDate: body.dueDate,
      },
    });
    return { kind: 'saved', report: await view(tx, actor, row!.id) };
  });
}

function createdBy(actor: Actor) {
  const stored = storeActor(actor);
  return { createdByKind: stored.kind, createdById: stored.id };
}

/**
 * Locks the report the actor may read for a change of its content: refused as locked when it is
 * submitted or accepted (to those who could write it otherwise), stale when the version is not
 * the one seen.
 */
async function lockForWriting(
  tx: AuditedTx,
  actor: Actor,
  id: string,
  expectedVersion: number,
): Promise<ReportRow | Exclude<ReportOutcome, { kind: 'saved' }>> {
  const row = await lockVisibleReport(tx, actor, id);
  if (!row) return { kind: 'not-found' };
  const writer = can(actor, 'reports.update', reportLike({ ...row, status: 'draft' }));
  if (!writer) return { kind: 'forbidden' };
  if (row.version !== expectedVersion) return { kind: 'stale', current: reportState(actor, row) };
  if (!reportEditable(row.status)) {
    return {
      kind: 'refused',
      error: 'report-locked',
      message: `The report is ${row.status} and can no longer be changed${row.status === 'submitted' ? ' unless the ministry returns it' : ''}; nothing was saved`,
      current: reportState(actor, row),
    };
  }
  return row;
}

const isRow = (r: unknown): r is ReportRow => typeof r === 'object' && r !== null && 'content' in r;

/** What in the content the agency-year does not have, or names twice. */
function unknownItems(content: ReportContent, record: ReportRecord): string[] {
  const wrong: string[] = [];
  const check = (keys: string[], known: (k: string) => boolean, what: string) => {
    const seen = new Set<string>();
    for (const k of keys) {
      if (!known(k)) wrong.push(`${what} ${k} is not one of the agency-year's`);
      else if (seen.has(k)) wrong.push(`${what} ${k} is named twice`);
      seen.add(k);
    }
  };
  check(
    content.assignments.map((a) => a.assignmentId),
    (k) => record.assignmentIds.has(k),
    'assignment',
  );
  const posts = new Set(record.posts.map((p) => `${p.chapter}:${p.post}`));
  check(
    content.budget.map((b) => `${b.chapter}:${b.post}`),
    (k) => posts.has(k),
    'chapter:post',
  );
  const params = new Set(record.steeringParameters.map((p) => p.id));
  check(
    content.steeringParameters.map((s) => s.steeringParameterId),
    (k) => params.has(k),
    'steering parameter',
  );
  return wrong;
}

/** Saves the agency's content of a draft or returned report, based on the version it saw. */
export async function updateReport(
  db: Db,
  actor: Actor,
  id: string,
  body: ReportUpdateBody,
): Promise<ReportOutcome> {
  return audited(db, async (tx) => {
    const row = await lockForWriting(tx, actor, id, body.expectedVersion);
    if (!isRow(row)) return row;
    if (row.kind !== 'annual' && body.content.annual !== undefined) {
      return {
        kind: 'refused',
        error: 'report-not-annual',
        message: 'Only an annual report has the six parts; nothing was saved',
        current: reportState(actor, row),
      };
    }
    // An annual report saved without its parts keeps them as they were.
    const content: ReportContent =
      row.kind === 'annual'
        ? { ...body.content, annual: body.content.annual ?? row.content.annual ?? EMPTY_ANNUAL }
        : body.content;
    const record = await loadRecord(tx, row.agencyId, row.periodYear);
    if (fillsOwnReportEntriesOnly(actor)) {
      // Owners fill in their own assignments; the coordinator completes the rest. An API client
      // with the owner's role owns no assignment: it may change no entry.
      const own = new Set(
        actor.kind === 'user'
          ? record.assignments.filter((a) => a.ownerUserId === actor.id).map((a) => a.id)
          : [],
      );
      const beyond = changedBeyondOwn(row.content, content, own);
      if (beyond.length > 0) {
        return {
          kind: 'refused',
          error: 'report-not-yours',
          message: `An assignment owner fills in their own assignments only; this changes ${beyond.join(', ')}. Nothing was saved`,
          current: reportState(actor, row),
          details: { parts: beyond },
        };
      }
    }
    const wrong = unknownItems(content, record);
    if (wrong.length > 0) {
      return {
        kind: 'refused',
        error: 'report-unknown-item',
        message: `${wrong.join('; ')}; nothing was saved`,
        current: reportState(actor, row),
        details: { items: wrong },
      };
    }
    await saveContent(tx, actor, row, content, 'report.update');
    return { kind: 'saved', report: await view(tx, actor, id) };
  });
}

/**
 * Saves a report's content as the next version. On an annual report a change to a signed part
 * (part I's text; part VI's text or the accounts) removes that part's signature: the audit entry
 * names the parts unsigned, with the signatures removed.
 */
async function saveContent(
  tx: AuditedTx,
  actor: Actor,
  row: ReportRow,
  content: ReportContent,
  action: string,
  audit: { before?: unknown; after?: unknown } = {},
) {
  const touched = row.kind === 'annual' ? unsignedByChange(row.content, content) : [];
  const removed = row.signatures.filter((s) => touched.includes(s.part));
  const signatures = row.signatures.filter((s) => !touched.includes(s.part));
  await tx
    .update(reports)
    .set({ content, signatures, version: row.version + 1, updatedAt: new Date() })
    .where(eq(reports.id, row.id));
  await appendAudit(tx, actor, {
    action,
    objectType: 'report',
    objectId: row.id,
    before: {
      version: row.version,
      ...(audit.before ? { detail: audit.before } : { content: row.content }),
      ...(removed.length > 0 ? { signatures: removed } : {}),
    },
    after: {
      version: row.version + 1,
      ...(audit.after ? { detail: audit.after } : { content }),
      ...(removed.length > 0 ? { unsigned: removed.map((s) => s.part) } : {}),
    },
  });
}

/**
 * Sets the accounts to date of the posts an uploaded file lists (the other posts keep theirs);
 * the rows are read and checked against the ledger by the caller (src/domain/accounts.ts).
 */
export async function setAccounts(
  db: Db,
  actor: Actor,
  id: string,
  expectedVersion: number,
  read: (posts: ReadonlySet<string>) => { rows: AccountsRow[] } | Refused,
): Promise<ReportOutcome> {
  return audited(db, async (tx) => {
    const row = await lockForWriting(tx, actor, id, expectedVersion);
    if (!isRow(row)) return row;
    if (fillsOwnReportEntriesOnly(actor)) {
      return {
        kind: 'refused',
        error: 'report-not-yours',
        message: "The accounts are the coordinator's part of the report; nothing was saved",
        current: reportState(actor, row),
        details: { parts: ['budget'] },
      };
    }
    const record = await loadRecord(tx, row.agencyId, row.periodYear);
    const out = read(new Set(record.posts.map((p) => `${p.chapter}:${p.post}`)));
    if ('kind' in out) return { ...out, current: reportState(actor, row) };
    const budget = [...row.content.budget];
    const before = budget.map((b) => ({
      chapter: b.chapter,
      post: b.post,
      accountsToDate: b.accountsToDate,
    }));
    for (const r of out.rows) {
      const i = budget.findIndex((b) => b.chapter === r.chapter && b.post === r.post);
      if (i >= 0) budget[i] = { ...budget[i]!, accountsToDate: r.amount };
      else {
        budget.push({
          chapter: r.chapter,
          post: r.post,
          accountsToDate: r.amount,
          forecast: null,
          explanation: '',
        });
      }
    }
    await saveContent(tx, actor, row, { ...row.content, budget }, 'report.accounts', {
      before,
      after: out.rows.map((r) => ({ chapter: r.chapter, post: r.post, accountsToDate: r.amount })),
    });
    return { kind: 'saved', report: await view(tx, actor, id) };
  });
}

/**
 * The agency head signs part I (the leader's report) or VI (the annual accounts) of an annual
 * report while it is written (a signature again replaces the earlier one). A status report has
 * nothing to sign (`report-not-annual`); a later change to the part removes the signature.
 */
export async function signReport(
  db: Db,
  actor: Actor,
  id: string,
  body: ReportSignBody,
): Promise<ReportOutcome> {
  return audited(db, async (tx) => {
    const row = await lockVisibleReport(tx, actor, id);
    if (!row) return { kind: 'not-found' };
    if (row.kind !== 'annual') {
      return {
        kind: 'refused',
        error: 'report-not-annual',
        message: 'Only an annual report has parts to sign; nothing was signed',
        current: reportState(actor, row),
      };
    }
    if (!can(actor, 'reports.sign', reportLike({ ...row, status: 'draft' }))) {
      return { kind: 'forbidden' };
    }
    if (row.version !== body.expectedVersion) {
      return { kind: 'stale', current: reportState(actor, row) };
    }
    if (!reportEditable(row.status)) {
      return {
        kind: 'refused',
        error: 'report-locked',
        message: `The report is ${row.status}; its signatures no longer change`,
        current: reportState(actor, row),
      };
    }
    const signature: ReportSignature = {
      part: body.part,
      userId: actor.kind === 'user' ? actor.id : (storeActor(actor).id ?? ''),
      name: actor.kind === 'user' ? actor.name : (storeActor(actor).id ?? ''),
      title: body.title,
      signedAt: new Date().toISOString(),
    };
    const signatures = [...row.signatures.filter((s) => s.part !== body.part), signature].sort(
      (a, b) => signedOrder(a.part) - signedOrder(b.part),
    );
    await tx
      .update(reports)
      .set({ signatures, version: row.version + 1, updatedAt: new Date() })
      .where(eq(reports.id, row.id));
    await appendAudit(tx, actor, {
      action: 'report.sign',
      objectType: 'report',
      objectId: row.id,
      before: {
        version: row.version,
        signature: row.signatures.find((s) => s.part === body.part) ?? null,
      },
      after: { version: row.version + 1, signature },
    });
    return { kind: 'saved', report: await view(tx, actor, id) };
  });
}

const signedOrder = (part: SignedPart) => (part === 'leader' ? 0 : 1);

/**
 * The ministry comments on the steering parameters' values of a submitted report while it
 * reviews it (before it returns or accepts it): each comment replaces the parameter's earlier
 * one, an empty one removes it. A parameter the agency-year does not have refuses all of them.
 */
export async function setMinistryComments(
  db: Db,
  actor: Actor,
  id: string,
  body: ReportMinistryCommentsBody,
): Promise<ReportOutcome> {
  return audited(db, async (tx) => {
    const row = await lockVisibleReport(tx, actor, id);
    if (!row) return { kind: 'not-found' };
    const like = reportLike(row);
    if (!can(actor, 'reports.review', { ...like, status: 'submitted' })) {
      return { kind: 'forbidden' };
    }
    if (row.version !== body.expectedVersion) {
      return { kind: 'stale', current: reportState(actor, row) };
    }
    if (!can(actor, 'reports.review', like)) {
      return {
        kind: 'refused',
        error: 'report-locked',
        message: `The report is ${row.status}: the ministry comments on a report while it reviews it (submitted); nothing was saved`,
        current: reportState(actor, row),
      };
    }
    const record = await loadRecord(tx, row.agencyId, row.periodYear);
    const known = new Set(record.steeringParameters.map((p) => p.id));
    const unknown = body.comments
      .map((c) => c.steeringParameterId)
      .filter((k, i, all) => !known.has(k) || all.indexOf(k) !== i);
    if (unknown.length > 0) {
      return {
        kind: 'refused',
        error: 'report-unknown-item',
        message:
          'The comments name steering parameters the agency-year does not have, or one twice; nothing was saved',
        current: reportState(actor, row),
        details: { items: unknown.map((k) => `steering parameter ${k}`) },
      };
    }
    const comments = { ...row.ministryComments };
    const before: Record<string, string | null> = {};
    for (const c of body.comments) {
      before[c.steeringParameterId] = comments[c.steeringParameterId] ?? null;
      if (c.comment === '') delete comments[c.steeringParameterId];
      else comments[c.steeringParameterId] = c.comment;
    }
    await tx
      .update(reports)
      .set({ ministryComments: comments, version: row.version + 1, updatedAt: new Date() })
      .where(eq(reports.id, row.id));
    await appendAudit(tx, actor, {
      action: 'report.ministry-comments',
      objectType: 'report',
      objectId: row.id,
      before: { version: row.version, comments: before },
      after: {
        version: row.version + 1,
        comments: Object.fromEntries(body.comments.map((c) => [c.steeringParameterId, c.comment])),
      },
    });
    return { kind: 'saved', report: await view(tx, actor, id) };
  });
}

/** The report, locked for this transaction's change, when the actor may read it. */
async function lockVisibleReport(
  tx: AuditedTx,
  actor: Actor,
  id: string,
): Promise<ReportRow | undefined> {
  const [row] = await tx
    .select()
    .from(reports)
    .where(and(eq(reports.id, id), visibleReports(actor)))
    .for('update');
  return row;
}

/** sha256 of the canonical JSON of a report's content: what a submission locks. */
export function contentHash(content: ReportContent): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/**
 * Moves a report through its lifecycle: the agency's coordinator submits (the content is kept
 * as a revision with its hash), the ministry's officers return it with a comment (the agency
 * writes the next revision) or accept it.
 */
export async function changeReportStatus(
  db: Db,
  actor: Actor,
  id: string,
  body: ReportStatusChangeBody,
): Promise<ReportStatusOutcome> {
  return audited(db, async (tx) => {
    const row = await lockVisibleReport(tx, actor, id);
    if (!row) return { kind: 'not-found' };
    const like = reportLike(row);
    const mayAct = (['submit', 'review'] as const).some((a) =>
      can(actor, `reports.${a}`, { ...like, status: a === 'submit' ? 'draft' : 'submitted' }),
    );
    if (!mayAct) return { kind: 'forbidden' };
    const current = reportState(actor, row);
    if (row.version !== body.expectedVersion) return { kind: 'stale', current };
    const refuse = (error: Refused['error'], message: string, details?: Record<string, unknown>) =>
      ({ kind: 'refused', error, message, current, details }) satisfies Refused;
    const side = reportTransitionSide(row.status, body.to);
    if (!side) {
      return row.status === 'accepted' || row.status === 'submitted'
        ? refuse('report-locked', `The report is ${row.status}; it cannot become ${body.to}`)
        : refuse('invalid-transition', `A ${row.status} report cannot become ${body.to}`);
    }
    if (!can(actor, side === 'agency' ? 'reports.submit' : 'reports.review', like)) {
      return refuse(
        'not-permitted',
        side === 'agency'
          ? "The agency's coordinator submits the report"
          : "The ministry's officers return or accept the report",
      );
    }
    const comment = body.comment?.trim() || null;
    if (reportCommentRequired(body.to) && !comment) {
      return refuse('comment-required', 'Say what the ministry asks for when returning a report');
    }
    let hash: string | null = row.submittedHash;
    if (body.to === 'submitted') {
      const record = await loadRecord(tx, row.agencyId, row.periodYear);
      const problems = reportProblems(row.content, factsOf(row, record));
      if (problems.length > 0) {
        return refuse(
          'report-incomplete',
          `The report lacks ${problems.length} required part(s); nothing was submitted`,
          { problems },
        );
      }
      hash = contentHash(row.content);
      await tx.insert(reportVersions).values({
        reportId: id,
        revision: row.revision,
        content: row.content,
        sha256: hash,
        submittedByKind: storeActor(actor).kind,
        submittedById: storeActor(actor).id,
      });
    } else {
      await tx
        .update(reportVersions)
        .set({ outcome: body.to, reviewComment: comment })
        .where(and(eq(reportVersions.reportId, id), eq(reportVersions.revision, row.revision)));
    }
    const [changed] = await tx
      .update(reports)
      .set({
        status: body.to,
        version: row.version + 1,
        updatedAt: new Date(),
        ...(body.to === 'submitted'
          ? { submittedHash: hash, submittedAt: new Date() }
          : { reviewComment: comment }),
        ...(body.to === 'returned' ? { revision: row.revision + 1 } : {}),
      })
      .where(eq(reports.id, id))
      .returning();
    const entry = await appendAudit(tx, actor, {
      action: 'report.status',
      objectType: 'report',
      objectId: id,
      before: { status: row.status, version: row.version, revision: row.revision },
      after: {
        status: body.to,
        version: changed!.version,
        revision: changed!.revision,
        comment,
        ...(body.to === 'submitted' ? { sha256: hash, submittedRevision: row.revision } : {}),
      },
    });
    await notify(tx, await tellOfReport(tx, changed!, comment));
    if (body.to === 'submitted') await tellReportSubmitted(tx, changed!, hash);
    return {
      kind: 'changed',
      report: reportState(actor, changed!),
      event: {
        id: String(entry.seq),
        at: entry.at.toISOString(),
        ...eventActor(storeActor(actor), actor.kind === 'user' ? actor.name : null),
        from: row.status,
        to: body.to,
        comment,
        version: changed!.version,
      },
    };
  });
}

/**
 * Who is told of a report's step: the ministry's officers of a submission; the agency's
 * coordinators of a return or an acceptance.
 */
async function tellOfReport(tx: Db, r: ReportRow, comment: string | null): Promise<Notice[]> {
  const [agency] = await tx
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, r.agencyId));
  const kind =
    r.status === 'submitted'
      ? 'report-submitted'
      : r.status === 'returned'
        ? 'report-returned'
        : r.status === 'accepted'
          ? 'report-accepted'
          : null;
  if (!kind) return [];
  const people =
    kind === 'report-submitted'
      ? await peopleWith(tx, r.ministryId, [
          'ministry-department-officer',
          'ministry-budget-officer',
        ])
      : await peopleWith(tx, r.agencyId, ['agency-coordinator']);
  return people.map((userId) => ({
    userId,
    kind,
    key: `${kind}:${userId}:${r.id}:${r.version}`,
    reportId: r.id,
    params: {
      title: r.title,
      agency: agency?.name ?? null,
      year: r.year,
      reason: kind === 'report-submitted' ? null : comment,
    },
  }));
}
