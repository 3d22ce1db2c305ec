/**
 * Status changes of assignments, with history and optimistic concurrency: a change names the
 * version it was based on and applies only `where version = expectedVersion`; otherwise nothing
 * changes and the caller gets the current state (never a silent overwrite). Each change writes
 * an assignment_events row and an audit entry in the same transaction.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import {
  HISTORY_CURSOR,
  type AssignmentEvent,
  type AssignmentRef,
  type AssignmentState,
  type DeliveryFile,
} from '../contract/assignment-status';
import type { AssignmentStatus } from '../contract/enums';
import { cursorKeys, pageOf, type Cursor } from '../contract/pagination';
import type { Db } from '../db/client';
import { after, exactTime, orderBy, type SortKey } from '../db/keyset';
import { assignmentEvents, assignments, deliveryFiles, documents } from '../db/schema';
import {
  allowedTransitions,
  checkTransition,
  isAssignmentStatus,
  type Side,
  type TransitionError,
} from '../domain/lifecycle';
import { can, sideOf, type Actor, type AssignmentLike, type DocumentLike } from '../domain/policy';
import { actorColumns, eventActor, storedActorOf } from '../domain/actors';
import { actorNames, nameOf, type ActorNames } from './actor-names';
import { appendAudit, audited } from './audit';
import { agencySide, notify, peopleWith, type Notice } from './notifications';
import { tellDeliveryAccepted } from './webhooks';
import { documentRef } from './documents';
import { visibleDocuments } from '../db/visibility';

export interface StatusChange {
  to: AssignmentStatus;
  comment?: string | undefined;
  deliveryRef?: string | undefined;
  mergedInto?: string | undefined;
  expectedVersion: number;
  /** Files delivered with a change to `delivered` (already checked: checkAttachment). */
  files?: readonly { name: string; mediaType: string; bytes: Uint8Array }[];
}

type AssignmentRow = typeof assignments.$inferSelect;
type EventRow = typeof assignmentEvents.$inferSelect;

export type StatusChangeOutcome =
  | { kind: 'changed'; assignment: AssignmentState; event: AssignmentEvent }
  | { kind: 'not-found' }
  | { kind: 'forbidden' }
  | { kind: 'stale'; current: AssignmentState }
  /** The row is an earlier version's copy, or the current version dropped the assignment. */
  | { kind: 'superseded'; currentId: string | null }
  | {
      kind: 'refused';
      error: TransitionError | 'merge-target';
      message: string;
      current: AssignmentState;
    };

/** What the policy judges an assignment by: its document plus its owners. */
export function assignmentLike(row: AssignmentRow, doc: DocumentLike): AssignmentLike {
  return {
    status: doc.status,
    agencyId: doc.agencyId,
    ministryId: doc.ministryId,
    ownerDepartment: row.ownerDepartment,
    ownerUserId: row.ownerUserId,
    changesAnother: row.clarifiedAssignmentId !== null,
  };
}

function statusOf(row: AssignmentRow): AssignmentStatus {
  // The column's enum and the lifecycle's list are the same (checked at compile time).
  return isAssignmentStatus(row.status) ? row.status : 'planned';
}

export function presentState(actor: Actor, row: AssignmentRow, doc: DocumentLike): AssignmentState {
  const status = statusOf(row);
  return {
    id: row.id,
    registerId: row.registerId,
    year: row.year,
    title: row.title,
    status,
    version: row.version,
    allowedTransitions: can(actor, 'assignments.update', assignmentLike(row, doc))
      ? allowedTransitions(status, sideOf(actor, doc))
      : [],
  };
}

export async function loadVisible(db: Db, actor: Actor, id: string) {
  const [row] = await db
    .select({ assignment: assignments, document: documentRef })
    .from(assignments)
    .innerJoin(documents, eq(documents.id, assignments.documentId))
    .where(and(eq(assignments.id, id), visibleDocuments(actor)));
  return row ?? null;
}

/**
 * One status change as the API shows it. Without `withComments` (callers outside the ministry,
 * the agency and auditors) the comment, delivery reference and the person's name are left
 * out: status only.
 */
export function presentEvent(e: EventRow, withComments: boolean, looked: Looked): AssignmentEvent {
  return {
    id: e.id,
    at: e.at.toISOString(),
    ...eventActor(storedActorOf(e), withComments ? nameOf(looked.names, storedActorOf(e)) : null),
    kind: e.kind,
    // Who in the agency has it, like the comments, is the work dialogue's; the department and
    // progress are not.
    detail:
      e.detail === null || (e.kind === 'owner-person' && !withComments)
        ? null
        : {
            from: e.detail.from,
            to: e.detail.to,
            fromName: e.kind === 'owner-person' ? personName(looked.names, e.detail.from) : null,
            toName: e.kind === 'owner-person' ? personName(looked.names, e.detail.to) : null,
          },
    from: e.fromStatus,
    to: e.toStatus,
    comment: withComments ? e.comment : null,
    deliveryRef: withComments ? e.deliveryRef : null,
    files: withComments ? (looked.files.get(e.id) ?? []) : [],
    mergedInto: e.mergedIntoId ? (looked.merged.get(e.mergedIntoId) ?? null) : null,
    sourceDocumentId: e.sourceDocumentId,
    version: e.version,
  };
}

const personName = (names: ActorNames, id: string | null) =>
  id === null ? null : nameOf(names, { kind: 'user', id });

export interface Looked {
  names: ActorNames;
  merged: Map<string, AssignmentRef>;
  files: Map<string, DeliveryFile[]>;
}

/** What presenting events needs beyond their rows, in three queries for any number of events. */
export async function lookUp(db: Db, events: readonly EventRow[]): Promise<Looked> {
  const mergedIds = [...new Set(events.flatMap((e) => (e.mergedIntoId ? [e.mergedIntoId] : [])))];
  const merged =
    mergedIds.length === 0
      ? []
      : await db
          .select({
            id: assignments.id,
            registerId: assignments.registerId,
            year: assignments.year,
          })
          .from(assignments)
          .where(inArray(assignments.id, mergedIds));
  const deliveries = events.filter((e) => e.toStatus === 'delivered').map((e) => e.id);
  const files =
    deliveries.length === 0
      ? []
      : await db
          .select({
            eventId: deliveryFiles.eventId,
            id: deliveryFiles.id,
            name: deliveryFiles.name,
            mediaType: deliveryFiles.mediaType,
            size: deliveryFiles.size,
            sha256: deliveryFiles.sha256,
          })
          .from(deliveryFiles)
          .where(inArray(deliveryFiles.eventId, deliveries))
          .orderBy(asc(deliveryFiles.createdAt), asc(deliveryFiles.name));
  const byEvent = new Map<string, DeliveryFile[]>();
  for (const { eventId, ...f } of files) byEvent.set(eventId, [...(byEvent.get(eventId) ?? []), f]);
  // The people an assignment was given to or taken from are named like the actors.
  const people = events.flatMap((e) =>
    e.kind === 'owner-person' && e.detail
      ? [e.detail.from, e.detail.to].flatMap((id) => (id ? [{ kind: 'user' as const, id }] : []))
      : [],
  );
  return {
    names: await actorNames(db, [...events.map(storedActorOf), ...people]),
    merged: new Map(merged.map((m) => [m.id, m])),
    files: byEvent,
  };
}

/**
 * Changes the status of one assignment. Visibility decides 404, the policy's
 * `assignments.update` decides 403, the version decides 409, the lifecycle decides 422.
 */
export async function changeStatus(
  db: Db,
  actor: Actor,
  id: string,
  change: StatusChange,
): Promise<StatusChangeOutcome> {
  return audited(db, async (tx) => {
    const found = await loadVisible(tx, actor, id);
    if (!found) return { kind: 'not-found' };
    const { assignment: row, document: doc } = found;
    if (!can(actor, 'assignments.update', assignmentLike(row, doc))) return { kind: 'forbidden' };
    if (!doc.isCurrent) {
      const [live] = await tx
        .select({ id: assignments.id })
        .from(assignments)
        .innerJoin(documents, eq(documents.id, assignments.documentId))
        .where(
          and(
            eq(documents.seriesKey, doc.seriesKey),
            eq(documents.isCurrent, true),
            eq(assignments.registerId, row.registerId),
          ),
        );
      return { kind: 'superseded', currentId: live?.id ?? null };
    }
    if (row.version !== change.expectedVersion) {
      return { kind: 'stale', current: presentState(actor, row, doc) };
    }
    const from = statusOf(row);
    const check = checkTransition({
      assignmentId: row.id,
      from,
      to: change.to,
      side: sideOf(actor, doc),
      comment: change.comment,
      deliveryRef: change.deliveryRef,
      mergedInto: change.mergedInto,
    });
    if (check.ok && change.files?.length && change.to !== 'delivered') {
      return {
        kind: 'refused',
        error: 'unexpected-field',
        message: 'Files are delivered with a change to delivered',
        current: presentState(actor, row, doc),
      };
    }
    if (!check.ok) {
      return {
        kind: 'refused',
        error: check.error,
        message: check.message,
        current: presentState(actor, row, doc),
      };
    }
    if (change.to === 'merged' && change.mergedInto) {
      const target = await loadVisible(tx, actor, change.mergedInto);
      const targetStatus = target ? statusOf(target.assignment) : null;
      if (
        !target ||
        target.assignment.agencyId !== row.agencyId ||
        targetStatus === 'merged' ||
        targetStatus === 'cancelled'
      ) {
        return {
          kind: 'refused',
          error: 'merge-target',
          message:
            'The assignment to merge into must exist, belong to the same agency and be neither merged nor cancelled',
          current: presentState(actor, row, doc),
        };
      }
    }

    // The guard that makes the change safe under concurrency: a parallel change that committed
    // first has moved the version on, so this update matches no row.
    const [updated] = await tx
      .update(assignments)
      .set({ status: change.to, version: sql`${assignments.version} + 1` })
      .where(and(eq(assignments.id, id), eq(assignments.version, change.expectedVersion)))
      .returning();
    if (!updated) {
      const [current] = await tx.select().from(assignments).where(eq(assignments.id, id));
      return { kind: 'stale', current: presentState(actor, current ?? row, doc) };
    }

    const comment = change.comment?.trim() || null;
    const [event] = await tx
      .insert(assignmentEvents)
      .values({
        assignmentId: id,
        ...actorColumns(actor),
        fromStatus: from,
        toStatus: change.to,
        comment,
        deliveryRef: change.deliveryRef ?? null,
        mergedIntoId: change.to === 'merged' ? (change.mergedInto ?? null) : null,
        version: updated.version,
      })
      .returning();
    const files = change.files ?? [];
    if (files.length > 0) {
      await tx.insert(deliveryFiles).values(
        files.map((f) => ({
          assignmentId: id,
          eventId: event!.id,
          name: f.name,
          mediaType: f.mediaType,
          size: f.bytes.byteLength,
          sha256: createHash('sha256').update(f.bytes).digest('hex'),
          bytes: f.bytes,
        })),
      );
    }
    await notify(tx, await tellOfStatus(tx, updated, doc, from, sideOf(actor, doc), comment));
    if (updated.status === 'accepted') await tellDeliveryAccepted(tx, updated, doc);
    await appendAudit(tx, actor, {
      action: 'assignment.status',
      objectType: 'assignment',
      objectId: id,
      before: { status: from, version: row.version },
      after: {
        status: change.to,
        version: updated.version,
        comment,
        deliveryRef: change.deliveryRef ?? null,
        mergedInto: change.to === 'merged' ? (change.mergedInto ?? null) : null,
        files: files.map((f) => f.name),
        event: event!.id,
      },
    });
    return {
      kind: 'changed',
      assignment: presentState(actor, updated, doc),
      event: presentEvent(
        event!,
        can(actor, 'assignments.comments.read', assignmentLike(updated, doc)),
        await lookUp(tx, [event!]),
      ),
    };
  });
}

/**
 * Who is told of a status change: the ministry department that owns the assignment of a
 * delivery; the agency (owner and coordinators) of an acceptance, or of a delivery sent back
 * or reopened by the ministry.
 */
async function tellOfStatus(
  tx: Db,
  a: AssignmentRow,
  doc: DocumentLike,
  from: AssignmentStatus,
  side: Side,
  reason: string | null,
): Promise<Notice[]> {
  const params = { registerId: a.registerId, title: a.title, reason };
  const notices = (userIds: string[], kind: Notice['kind']): Notice[] =>
    userIds.map((userId) => ({
      userId,
      kind,
      key: `${kind}:${userId}:${a.id}:${a.version}`,
      assignmentId: a.id,
      params,
    }));
  if (a.status === 'delivered') {
    if (!a.ownerDepartment) return [];
    const officers = await peopleWith(
      tx,
      doc.ministryId,
      ['ministry-department-officer'],
      a.ownerDepartment,
    );
    return notices(officers, 'delivered');
  }
  if (a.status === 'accepted') return notices(await agencySide(tx, a), 'delivery-accepted');
  if (a.status === 'in-progress' && (from === 'delivered' || from === 'accepted')) {
    if (side !== 'agency') return notices(await agencySide(tx, a), 'delivery-returned');
    // The agency took its delivery back: the department that was told of it is told again.
    if (!a.ownerDepartment) return [];
    const officers = await peopleWith(
      tx,
      doc.ministryId,
      ['ministry-department-officer'],
      a.ownerDepartment,
    );
    return notices(officers, 'delivery-withdrawn');
  }
  return [];
}

/**
 * Whether the actor may change the assignment at all (before a delivery's files are read):
 * 404 when not visible, 403 when not theirs to change.
 */
export async function mayChange(
  db: Db,
  actor: Actor,
  id: string,
): Promise<'ok' | 'not-found' | 'forbidden'> {
  const found = await loadVisible(db, actor, id);
  if (!found) return 'not-found';
  return can(actor, 'assignments.update', assignmentLike(found.assignment, found.document))
    ? 'ok'
    : 'forbidden';
}

/** A delivered file, for those who read the assignment's work dialogue; null otherwise. */
export async function deliveryFile(db: Db, actor: Actor, assignmentId: string, fileId: string) {
  const found = await loadVisible(db, actor, assignmentId);
  if (!found) return null;
  if (!can(actor, 'assignments.comments.read', assignmentLike(found.assignment, found.document))) {
    return null;
  }
  const [file] = await db
    .select()
    .from(deliveryFiles)
    .where(and(eq(deliveryFiles.id, fileId), eq(deliveryFiles.assignmentId, assignmentId)));
  return file ?? null;
}

/** The history's order: by version, then time, then id. */
const historyKeys: SortKey[] = [
  { expr: assignmentEvents.version },
  { expr: assignmentEvents.at, cast: 'timestamptz' },
  { expr: assignmentEvents.id },
];

/**
 * The assignment's state and a page of its status changes, oldest first (every one without
 * `page`), with the cursor of the next page; null when not visible. Comments and delivery
 * references only for `assignments.comments.read`.
 */
export async function assignmentHistory(
  db: Db,
  actor: Actor,
  id: string,
  page?: { limit: number; cursor?: Cursor | undefined },
) {
  const found = await loadVisible(db, actor, id);
  if (!found) return null;
  const start = cursorKeys(page?.cursor, HISTORY_CURSOR.version);
  const query = db
    .select({ event: assignmentEvents, at: exactTime(assignmentEvents.at) })
    .from(assignmentEvents)
    .where(
      and(
        eq(assignmentEvents.assignmentId, id),
        start === undefined ? undefined : after(historyKeys, start),
      ),
    )
    .orderBy(...orderBy(historyKeys))
    .$dynamic();
  const read = await (page === undefined ? query : query.limit(page.limit + 1));
  const paged =
    page === undefined
      ? { rows: read, nextCursor: null }
      : pageOf(read, page.limit, 'version', (r) => [r.event.version, r.at, r.event.id], page);
  const rows = paged.rows.map((r) => r.event);
  const withComments = can(
    actor,
    'assignments.comments.read',
    assignmentLike(found.assignment, found.document),
  );
  const looked = await lookUp(db, rows);
  const events = rows.map((r) => presentEvent(r, withComments, looked));
  return {
    assignment: presentState(actor, found.assignment, found.document),
    events,
    nextCursor: paged.nextCursor,
  };
}

/** Finds a visible assignment by register ID (newest year first), for the command line. */
export async function findByRegisterId(db: Db, actor: Actor, registerId: string) {
  const rows = await db
    .select({ assignment: assignments })
    .from(assignments)
    .innerJoin(documents, eq(documents.id, assignments.documentId))
    .where(
      and(
        eq(assignments.registerId, registerId),
        eq(documents.isCurrent, true),
        visibleDocuments(actor),
      ),
    )
    .orderBy(sql`${assignments.year} desc`);
  return rows.map((r) => r.assignment);
}
