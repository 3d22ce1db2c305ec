/**
 * Governance meetings (etatsstyringsmøter, issue 15): made from the meeting items of the
 * calendar of the agency's shared or published letters (`ensureMeetings`, idempotent), or
 * planned ad hoc by the ministry. While planned, the agenda is derived live from the record
 * (src/domain/meeting.ts `meetingAgenda`) beside the ministry's own points; holding the meeting
 * keeps the agenda as it stood. Then the ministry writes the minutes and the decisions, and a
 * decision can become an assignment of the supplement being written for the agency-year (the
 * draft is started when there is none), linked both ways. Every change is audited; a change of
 * the meeting itself names the version it saw.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNotNull, lt, max, sql } from 'drizzle-orm';
import type { MeetingError } from '../contract/enums';
import {
  MEETING_CURSOR,
  type AgendaItem,
  type DecisionBody,
  type DecisionDraftBody,
  type DecisionRemoveQuery,
  type MeetingCreateBody,
  type MeetingQuery,
  type MeetingState,
  type MeetingUpdateBody,
} from '../contract/meeting';
import { cursorKeys, pageOf, type Cursor } from '../contract/pagination';
import type { Db } from '../db/client';
import { after, orderBy, type SortKey } from '../db/keyset';
import {
  documents,
  drafts,
  governanceMeetings,
  meetingDecisions,
  organisations,
  reports,
} from '../db/schema';
import { visibleDocuments, visibleDrafts, visibleMeetings } from '../db/visibility';
import { storeActor } from '../domain/actors';
import { canonicalJson } from '../domain/canonical-json';
import { calendarMeetingKey, draftAssignmentOf, meetingAgenda } from '../domain/meeting';
import { can, type Actor, type MeetingLike } from '../domain/policy';
import { appendAudit, audited, type AuditedTx } from './audit';
import { calendarItemsByKey, missingAndMoved } from './calendar-derived';
import { createDraft, draftLike, updateDraft } from './drafts';
import { ensureReports, loadRecord } from './reports';
import { riskToleranceOf } from './risk-tolerance';

export type MeetingRow = typeof governanceMeetings.$inferSelect;
export type DecisionRow = typeof meetingDecisions.$inferSelect;

const MEETINGS_ACTOR: Actor = { kind: 'system', name: 'meetings' };

export const meetingLike = (
  r: Pick<MeetingRow, 'agencyId' | 'ministryId' | 'status'>,
): MeetingLike => ({
  kind: 'meeting',
  agencyId: r.agencyId,
  ministryId: r.ministryId,
  status: r.status,
});

export const meetingState = (r: MeetingRow): MeetingState => ({
  id: r.id,
  status: r.status,
  version: r.version,
});

/**
 * Makes a meeting of every meeting item (`kind` meeting) of the calendar of the agency's
 * current shared or published documents of the year that has none yet, and points existing
 * ones at the current version's calendar item. Idempotent; returns how many it made.
 */
export async function ensureMeetings(db: Db, agencyId: string, year: number): Promise<number> {
  const wanted = await calendarItemsByKey(db, agencyId, year, 'meeting', (date, text) =>
    calendarMeetingKey(agencyId, year, date, text),
  );
  if (wanted.size === 0) return 0;
  const existing = await db
    .select({ key: governanceMeetings.key, calendarItemId: governanceMeetings.calendarItemId })
    .from(governanceMeetings)
    .where(inArray(governanceMeetings.key, [...wanted.keys()]));
  const { missing, relink } = missingAndMoved(
    wanted,
    new Map(existing.map((r) => [r.key, r.calendarItemId])),
  );
  if (missing.length === 0 && relink.length === 0) return 0;
  return audited(db, async (tx) => {
    const made =
      missing.length === 0
        ? []
        : await tx
            .insert(governanceMeetings)
            .values(
              missing.map(([key, item]) => ({
                agencyId,
                ministryId: item.ministryId,
                year,
                key,
                source: 'calendar' as const,
                calendarItemId: item.id,
                title: item.text,
                date: item.date,
                createdByKind: 'system' as const,
                createdById: 'meetings',
              })),
            )
            .onConflictDoNothing({ target: governanceMeetings.key })
            .returning({ id: governanceMeetings.id });
    for (const [key, item] of relink) {
      await tx
        .update(governanceMeetings)
        .set({ calendarItemId: item.id })
        .where(eq(governanceMeetings.key, key));
    }
    if (made.length > 0 || relink.length > 0) {
      await appendAudit(tx, MEETINGS_ACTOR, {
        action: 'meeting.generate',
        objectType: 'agency-year',
        objectId: `${agencyId}:${year}`,
        after: { created: made.map((m) => m.id), relinked: relink.map(([key]) => key) },
      });
    }
    return made.length;
  });
}

export interface MeetingSummaryView {
  row: MeetingRow;
  agencyName: string;
}

function selectMeetings(db: Db) {
  return db
    .select({ row: governanceMeetings, agencyName: organisations.name })
    .from(governanceMeetings)
    .innerJoin(organisations, eq(organisations.id, governanceMeetings.agencyId));
}

/** The ministry of an agency-year: that of its current documents the actor may read. */
async function ministryOf(
  db: Db,
  actor: Actor,
  agencyId: string,
  year: number,
): Promise<string | null> {
  const [doc] = await db
    .select({ ministryId: documents.ministryId })
    .from(documents)
    .where(
      and(
        eq(documents.isCurrent, true),
        eq(documents.agencyId, agencyId),
        eq(documents.year, year),
        isNotNull(documents.ministryId),
        visibleDocuments(actor),
      ),
    )
    .limit(1);
  return doc?.ministryId ?? null;
}

/**
 * The meetings the actor may read, filtered; and for an agency-year asked about, whether the
 * actor may plan one there. When the actor reads a letter of the agency-year and may read its
 * meetings (its ministry's and the agency's users, auditors, administrators), the calendar's
 * meetings are made first (`ensureMeetings`), and the calendar's reports the agenda reads
 * (`ensureReports`, as listing the agency-year's reports does for them). Anyone else asking
 * makes nothing.
 */
export async function listMeetings(
  db: Db,
  actor: Actor,
  query: Omit<MeetingQuery, 'limit' | 'cursor'> & {
    /** A page of the list (every meeting without it) and where it starts. */
    limit?: number | undefined;
    cursor?: Cursor | undefined;
  },
): Promise<{ rows: MeetingSummaryView[]; canCreate: boolean; nextCursor: string | null }> {
  let canCreate = false;
  if (query.agency && query.year) {
    const ministryId = await ministryOf(db, actor, query.agency, query.year);
    const like =
      ministryId === null
        ? null
        : meetingLike({ agencyId: query.agency, ministryId, status: 'planned' });
    if (like && can(actor, 'meetings.read', like)) {
      await ensureMeetings(db, query.agency, query.year);
      await ensureReports(db, query.agency, query.year);
    }
    canCreate = like !== null && can(actor, 'meetings.create', like);
  }
  const start = cursorKeys(query.cursor, MEETING_CURSOR.date);
  const read = selectMeetings(db)
    .where(
      and(
        visibleMeetings(actor),
        start === undefined ? undefined : after(meetingKeys, start),
        query.agency ? eq(governanceMeetings.agencyId, query.agency) : undefined,
        query.year ? eq(governanceMeetings.year, query.year) : undefined,
        query.decision
          ? sql`exists (select 1 from ${meetingDecisions} where ${meetingDecisions.meetingId} = ${governanceMeetings.id} and ${meetingDecisions.id} = ${query.decision})`
          : undefined,
      ),
    )
    .orderBy(...orderBy(meetingKeys))
    .$dynamic();
  const { limit } = query;
  const page =
    limit === undefined
      ? { rows: await read, nextCursor: null }
      : pageOf(await read.limit(limit + 1), limit, 'date', (r) => [r.row.date, r.row.id], query);
  return { ...page, canCreate };
}

/**
 * The meeting list's order: date (none last), then id. Not by title: a cursor carries the sort
 * keys, and a title is free text of any length (one made from a calendar item is not bounded).
 */
const meetingKeys: SortKey[] = [
  { expr: governanceMeetings.date, nullable: true, cast: 'date' },
  { expr: governanceMeetings.id },
];

/** A decision with whether the caller may open the draft it became. */
export interface DecisionView {
  row: DecisionRow;
  draftReadable: boolean;
}

export interface MeetingDetail extends MeetingSummaryView {
  /** Derived live while planned; as it stood when held. */
  agenda: AgendaItem[];
  decisions: DecisionView[];
}

/**
 * The agenda of a planned meeting from the record as of `today`: the open assignments with
 * their live progress, the latest submitted or accepted status report of the year, the
 * tolerance agreed, the reports late by today, and the ministry's points. It reads and writes
 * nothing: the calendar's reports are made when the meetings or reports of the agency-year are
 * listed, and when the meeting is held.
 */
async function liveAgenda(db: Db, row: MeetingRow, today: string): Promise<AgendaItem[]> {
  const [record, tolerance, [latest], late] = await Promise.all([
    loadRecord(db, row.agencyId, row.year),
    riskToleranceOf(db, row.agencyId, row.year),
    db
      .select({ id: reports.id, content: reports.content })
      .from(reports)
      .where(
        and(
          eq(reports.agencyId, row.agencyId),
          eq(reports.year, row.year),
          eq(reports.kind, 'status'),
          inArray(reports.status, ['submitted', 'accepted']),
        ),
      )
      .orderBy(
        sql`${reports.dueDate} desc nulls last`,
        desc(reports.revision),
        sql`${reports.submittedAt} desc nulls last`,
        asc(reports.id),
      )
      .limit(1),
    db
      .select({ id: reports.id, title: reports.title, dueDate: reports.dueDate })
      .from(reports)
      .where(
        and(
          eq(reports.agencyId, row.agencyId),
          eq(reports.year, row.year),
          // Not submitted and due before today (src/domain/report.ts isReportLate).
          eq(reports.status, 'draft'),
          lt(reports.dueDate, today),
        ),
      ),
  ]);
  return meetingAgenda({
    assignments: record.assignments,
    posts: record.posts,
    latestReport: latest ? { id: latest.id, ...latest.content } : null,
    tolerance,
    lateReports: late.flatMap((r) => (r.dueDate ? [{ ...r, dueDate: r.dueDate }] : [])),
    ministryPoints: row.ministryPoints,
  });
}

async function detailOf(
  db: Db,
  actor: Actor,
  v: MeetingSummaryView,
  today: string,
): Promise<MeetingDetail> {
  const decisions = await db
    .select({ row: meetingDecisions, draft: drafts })
    .from(meetingDecisions)
    .leftJoin(drafts, eq(drafts.id, meetingDecisions.draftId))
    .where(eq(meetingDecisions.meetingId, v.row.id))
    .orderBy(asc(meetingDecisions.ord), asc(meetingDecisions.createdAt));
  return {
    ...v,
    agenda: v.row.status === 'held' ? (v.row.agenda ?? []) : await liveAgenda(db, v.row, today),
    decisions: decisions.map((d) => ({
      row: d.row,
      draftReadable: d.draft !== null && can(actor, 'drafts.read', draftLike(d.draft)),
    })),
  };
}

export async function getMeeting(
  db: Db,
  actor: Actor,
  id: string,
  today: string,
): Promise<MeetingDetail | null> {
  const [found] = await selectMeetings(db).where(
    and(eq(governanceMeetings.id, id), visibleMeetings(actor)),
  );
  return found ? detailOf(db, actor, found, today) : null;
}

type Refused = {
  kind: 'refused';
  error: MeetingError;
  message: string;
  current: MeetingState;
};
export type MeetingOutcome =
  | { kind: 'saved'; meeting: MeetingDetail }
  | { kind: 'not-found' }
  | { kind: 'forbidden' }
  | { kind: 'stale'; current: MeetingState }
  | Refused;
export type DecisionDraftOutcome =
  | {
      kind: 'linked';
      meeting: MeetingDetail;
      draftId: string;
      assignmentKey: string;
      startedDraft: boolean;
    }
  | Exclude<MeetingOutcome, { kind: 'saved' }>;

const refuse = (row: MeetingRow, error: MeetingError, message: string): Refused => ({
  kind: 'refused',
  error,
  message,
  current: meetingState(row),
});

function createdBy(actor: Actor) {
  const stored = storeActor(actor);
  return { createdByKind: stored.kind, createdById: stored.id };
}

async function saved(tx: Db, actor: Actor, id: string, today: string): Promise<MeetingOutcome> {
  return { kind: 'saved', meeting: (await getMeeting(tx, actor, id, today))! };
}

/** The ministry plans a meeting the calendar does not have. */
export async function createMeeting(
  db: Db,
  actor: Actor,
  body: MeetingCreateBody,
  today: string,
): Promise<MeetingOutcome> {
  return audited(db, async (tx) => {
    const ministryId = await ministryOf(tx, actor, body.agencyId, body.year);
    if (!ministryId) return { kind: 'not-found' };
    const like = meetingLike({ agencyId: body.agencyId, ministryId, status: 'planned' });
    if (!can(actor, 'meetings.create', like)) return { kind: 'forbidden' };
    const [row] = await tx
      .insert(governanceMeetings)
      .values({
        agencyId: body.agencyId,
        ministryId,
        year: body.year,
        key: `${body.agencyId}|${body.year}|ad-hoc|${randomUUID()}`,
        source: 'ad-hoc',
        title: body.title,
        date: body.date,
        ...createdBy(actor),
      })
      .returning();
    await appendAudit(tx, actor, {
      action: 'meeting.create',
      objectType: 'meeting',
      objectId: row!.id,
      after: { agencyId: body.agencyId, year: body.year, title: body.title, date: body.date },
    });
    return saved(tx, actor, row!.id, today);
  });
}

/**
 * Locks the meeting the actor may read for a change under `action`: 404 when unreadable, 403
 * when the actor may not make such changes to it (judged as if it were in the status the
 * action needs, so a decision before the meeting is held is refused with its reason).
 */
async function lockMeeting(
  tx: AuditedTx,
  actor: Actor,
  id: string,
  action: 'meetings.update' | 'meetings.decide',
): Promise<MeetingRow | Exclude<MeetingOutcome, { kind: 'saved' | 'refused' | 'stale' }>> {
  const [row] = await tx
    .select()
    .from(governanceMeetings)
    .where(and(eq(governanceMeetings.id, id), visibleMeetings(actor)))
    .for('update');
  if (!row) return { kind: 'not-found' };
  const status = action === 'meetings.decide' ? 'held' : row.status;
  if (!can(actor, action, meetingLike({ ...row, status }))) return { kind: 'forbidden' };
  return row;
}

const isRow = (r: unknown): r is MeetingRow =>
  typeof r === 'object' && r !== null && 'ministryPoints' in r;

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/**
 * Changes the title, date, the ministry's points (while planned) and the minutes (once held),
 * based on the version seen.
 */
export async function updateMeeting(
  db: Db,
  actor: Actor,
  id: string,
  body: MeetingUpdateBody,
  today: string,
): Promise<MeetingOutcome> {
  return audited(db, async (tx) => {
    const row = await lockMeeting(tx, actor, id, 'meetings.update');
    if (!isRow(row)) return row;
    if (row.version !== body.expectedVersion) return { kind: 'stale', current: meetingState(row) };
    const change = {
      title: body.title ?? row.title,
      date: body.date === undefined ? row.date : body.date,
      ministryPoints: body.ministryPoints ?? row.ministryPoints,
      minutes: body.minutes ?? row.minutes,
    };
    if (row.status === 'held' && !same(change.ministryPoints, row.ministryPoints)) {
      return refuse(
        row,
        'meeting-held',
        'The meeting is held: its agenda, the ministry’s points with it, is kept as it stood; nothing was saved',
      );
    }
    if (row.status === 'planned' && change.minutes !== row.minutes) {
      return refuse(
        row,
        'meeting-not-held',
        'Minutes are written once the meeting is held; nothing was saved',
      );
    }
    const before = {
      title: row.title,
      date: row.date,
      ministryPoints: row.ministryPoints,
      minutes: row.minutes,
    };
    if (same(before, change)) return saved(tx, actor, id, today);
    await tx
      .update(governanceMeetings)
      .set({ ...change, version: row.version + 1, updatedAt: new Date() })
      .where(eq(governanceMeetings.id, id));
    await appendAudit(tx, actor, {
      action: 'meeting.update',
      objectType: 'meeting',
      objectId: id,
      before: { version: row.version, ...before },
      after: { version: row.version + 1, ...change },
    });
    return saved(tx, actor, id, today);
  });
}

/** Holds the meeting: the agenda is kept as it stands today, and decisions may follow. */
export async function holdMeeting(
  db: Db,
  actor: Actor,
  id: string,
  expectedVersion: number,
  today: string,
): Promise<MeetingOutcome> {
  return audited(db, async (tx) => {
    const row = await lockMeeting(tx, actor, id, 'meetings.update');
    if (!isRow(row)) return row;
    if (row.version !== expectedVersion) return { kind: 'stale', current: meetingState(row) };
    if (row.status === 'held') {
      return refuse(row, 'meeting-held', 'The meeting is already held; nothing was changed');
    }
    // The agenda kept counts every report the calendar asks for, made now if not yet.
    await ensureReports(tx, row.agencyId, row.year);
    const agenda = await liveAgenda(tx, row, today);
    const heldAt = new Date();
    await tx
      .update(governanceMeetings)
      .set({ status: 'held', agenda, heldAt, version: row.version + 1, updatedAt: heldAt })
      .where(eq(governanceMeetings.id, id));
    await appendAudit(tx, actor, {
      action: 'meeting.hold',
      objectType: 'meeting',
      objectId: id,
      before: { version: row.version, status: row.status },
      after: { version: row.version + 1, status: 'held', agenda },
    });
    return saved(tx, actor, id, today);
  });
}

/**
 * Locks a held meeting for a change of its decisions, based on the version seen: stale when
 * someone changed the meeting (or its decisions) since; refused before it is held.
 */
async function lockForDecision(
  tx: AuditedTx,
  actor: Actor,
  id: string,
  expectedVersion: number,
): Promise<MeetingRow | Exclude<MeetingOutcome, { kind: 'saved' }>> {
  const row = await lockMeeting(tx, actor, id, 'meetings.decide');
  if (!isRow(row)) return row;
  if (row.version !== expectedVersion) return { kind: 'stale', current: meetingState(row) };
  if (row.status !== 'held') {
    return refuse(
      row,
      'meeting-not-held',
      'Decisions are written once the meeting is held; nothing was saved',
    );
  }
  return row;
}

/** A change of the decisions is a change of the meeting: its version counts it. */
async function bumpVersion(tx: AuditedTx, row: MeetingRow): Promise<number> {
  const version = row.version + 1;
  await tx
    .update(governanceMeetings)
    .set({ version, updatedAt: new Date() })
    .where(eq(governanceMeetings.id, row.id));
  return version;
}

async function decisionOf(tx: Db, meetingId: string, decisionId: string) {
  const [d] = await tx
    .select()
    .from(meetingDecisions)
    .where(and(eq(meetingDecisions.id, decisionId), eq(meetingDecisions.meetingId, meetingId)))
    .for('update');
  return d ?? null;
}

const decisionAudit = (d: Pick<DecisionRow, 'text' | 'responsible' | 'deadline'>) => ({
  text: d.text,
  responsible: d.responsible,
  deadline: d.deadline,
});

/** What a decision says, without the version the change was based on. */
const decisionFields = (body: DecisionBody) => ({
  text: body.text,
  responsible: body.responsible,
  deadline: body.deadline,
});

/**
 * Whether the decision is still an assignment of a draft: its draft is there and still holds
 * an assignment with the key (issued or not). The link is stale when the officers removed the
 * assignment from the draft (src/services/drafts.ts knows nothing of decisions), and then it is
 * cleared here, audited, so the decision can be removed or made an assignment again. Returns
 * whether the decision is (still) linked.
 */
async function checkLink(
  tx: AuditedTx,
  actor: Actor,
  meetingId: string,
  d: DecisionRow,
): Promise<boolean> {
  if (!d.draftId && !d.draftAssignmentKey) return false;
  const [draft] = d.draftId
    ? await tx
        .select({ content: drafts.content })
        .from(drafts)
        .where(eq(drafts.id, d.draftId))
        .for('update')
    : [];
  const key = d.draftAssignmentKey;
  if (draft && key && draft.content.assignments.some((a) => a.key === key)) return true;
  await tx
    .update(meetingDecisions)
    .set({ draftId: null, draftAssignmentKey: null })
    .where(eq(meetingDecisions.id, d.id));
  await appendAudit(tx, actor, {
    action: 'meeting.decision.unlink',
    objectType: 'meeting',
    objectId: meetingId,
    before: { decision: d.id, draftId: d.draftId, assignmentKey: key },
    after: {
      decision: d.id,
      draftId: null,
      assignmentKey: null,
      reason: draft ? 'assignment-removed-from-draft' : 'draft-gone',
    },
  });
  return false;
}

/** Adds a decision to the minutes of a held meeting. */
export async function addDecision(
  db: Db,
  actor: Actor,
  id: string,
  body: DecisionBody,
  today: string,
): Promise<MeetingOutcome> {
  return audited(db, async (tx) => {
    const row = await lockForDecision(tx, actor, id, body.expectedVersion);
    if (!isRow(row)) return row;
    const [last] = await tx
      .select({ ord: max(meetingDecisions.ord) })
      .from(meetingDecisions)
      .where(eq(meetingDecisions.meetingId, id));
    const fields = decisionFields(body);
    const [made] = await tx
      .insert(meetingDecisions)
      .values({ meetingId: id, ord: (last?.ord ?? 0) + 1, ...fields, ...createdBy(actor) })
      .returning({ id: meetingDecisions.id });
    const version = await bumpVersion(tx, row);
    await appendAudit(tx, actor, {
      action: 'meeting.decision.add',
      objectType: 'meeting',
      objectId: id,
      before: { version: row.version },
      after: { version, decision: made!.id, ...decisionAudit(fields) },
    });
    return saved(tx, actor, id, today);
  });
}

/** Changes a decision's text, who follows it up or its deadline. */
export async function updateDecision(
  db: Db,
  actor: Actor,
  id: string,
  decisionId: string,
  body: DecisionBody,
  today: string,
): Promise<MeetingOutcome> {
  return audited(db, async (tx) => {
    const row = await lockForDecision(tx, actor, id, body.expectedVersion);
    if (!isRow(row)) return row;
    const d = await decisionOf(tx, id, decisionId);
    if (!d) return { kind: 'not-found' };
    const fields = decisionFields(body);
    if (same(decisionAudit(d), decisionAudit(fields))) return saved(tx, actor, id, today);
    await tx.update(meetingDecisions).set(fields).where(eq(meetingDecisions.id, decisionId));
    const version = await bumpVersion(tx, row);
    await appendAudit(tx, actor, {
      action: 'meeting.decision.update',
      objectType: 'meeting',
      objectId: id,
      before: { version: row.version, decision: decisionId, ...decisionAudit(d) },
      after: { version, decision: decisionId, ...decisionAudit(fields) },
    });
    return saved(tx, actor, id, today);
  });
}

/**
 * Removes a decision that is not an assignment of a draft (a link whose assignment was removed
 * from the draft since is cleared first).
 */
export async function removeDecision(
  db: Db,
  actor: Actor,
  id: string,
  decisionId: string,
  query: DecisionRemoveQuery,
  today: string,
): Promise<MeetingOutcome> {
  return audited(db, async (tx) => {
    const row = await lockForDecision(tx, actor, id, query.expectedVersion);
    if (!isRow(row)) return row;
    const d = await decisionOf(tx, id, decisionId);
    if (!d) return { kind: 'not-found' };
    if (await checkLink(tx, actor, id, d)) {
      return refuse(
        row,
        'decision-linked',
        'The decision is an assignment of a draft letter; remove it there first. Nothing was removed',
      );
    }
    await tx.delete(meetingDecisions).where(eq(meetingDecisions.id, decisionId));
    const version = await bumpVersion(tx, row);
    await appendAudit(tx, actor, {
      action: 'meeting.decision.remove',
      objectType: 'meeting',
      objectId: id,
      before: { version: row.version, decision: decisionId, ...decisionAudit(d) },
      after: { version },
    });
    return saved(tx, actor, id, today);
  });
}

/** Thrown inside the transaction to roll back what was done (a draft started) before a refusal. */
class DraftRefused extends Error {
  constructor(readonly refusal: Refused) {
    super(refusal.message);
  }
}

/**
 * Makes a decision an assignment of the supplement the ministry is writing for the meeting's
 * agency-year (the newest draft still being edited), or of a new one started empty when there
 * is none; the assignment carries the decision's id, and the decision records the draft and
 * the assignment's key. Refused when the decision is already an assignment of a draft (a link
 * whose assignment was removed from the draft since is cleared first). All or nothing: when the
 * draft refuses the assignment, the supplement started for it is rolled back too.
 */
export async function decisionToDraft(
  db: Db,
  actor: Actor,
  id: string,
  decisionId: string,
  body: DecisionDraftBody,
  today: string,
): Promise<DecisionDraftOutcome> {
  try {
    return await audited(db, async (tx): Promise<DecisionDraftOutcome> => {
      const row = await lockForDecision(tx, actor, id, body.expectedVersion);
      if (!isRow(row)) return row;
      const d = await decisionOf(tx, id, decisionId);
      if (!d) return { kind: 'not-found' };
      if (await checkLink(tx, actor, id, d)) {
        return refuse(
          row,
          'decision-linked',
          'The decision is already an assignment of a draft letter; nothing was changed',
        );
      }
      const [writing] = await tx
        .select()
        .from(drafts)
        .where(
          and(
            eq(drafts.ministryId, row.ministryId),
            eq(drafts.agencyId, row.agencyId),
            eq(drafts.year, row.year),
            eq(drafts.kind, 'supplement'),
            eq(drafts.status, 'editing'),
            visibleDrafts(actor),
          ),
        )
        .orderBy(desc(drafts.updatedAt), desc(drafts.id))
        .limit(1)
        .for('update');
      let draft = writing ?? null;
      const startedDraft = !draft;
      if (!draft) {
        const started = await createDraft(tx, actor, {
          agencyId: row.agencyId,
          year: row.year,
          kind: 'supplement',
          from: 'empty',
        });
        if (started.kind !== 'saved') {
          throw new DraftRefused(
            refuse(
              row,
              'meeting-no-draft',
              `No supplement is being written for ${row.year}, and none could be started (${started.kind}); nothing was changed`,
            ),
          );
        }
        draft = started.draft.row;
      }
      const key = randomUUID();
      const assignment = draftAssignmentOf(d, key, row.year, row.date);
      const updated = await updateDraft(tx, actor, draft.id, {
        expectedVersion: draft.version,
        content: { ...draft.content, assignments: [...draft.content.assignments, assignment] },
      });
      if (updated.kind !== 'saved') {
        // The supplement started for it (and a stale link cleared) are rolled back with it.
        throw new DraftRefused(
          refuse(
            row,
            'meeting-no-draft',
            `The supplement being written could not take the assignment (${updated.kind}); nothing was changed`,
          ),
        );
      }
      await tx
        .update(meetingDecisions)
        .set({ draftId: draft.id, draftAssignmentKey: key })
        .where(eq(meetingDecisions.id, decisionId));
      const version = await bumpVersion(tx, row);
      await appendAudit(tx, actor, {
        action: 'meeting.decision.draft',
        objectType: 'meeting',
        objectId: id,
        before: { version: row.version },
        after: {
          version,
          decision: decisionId,
          draftId: draft.id,
          assignmentKey: key,
          startedDraft,
        },
      });
      return {
        kind: 'linked',
        meeting: (await getMeeting(tx, actor, id, today))!,
        draftId: draft.id,
        assignmentKey: key,
        startedDraft,
      };
    });
  } catch (err) {
    if (err instanceof DraftRefused) return err.refusal;
    throw err;
  }
}
