/**
 * Following an assignment up: who owns it (the ministry department, the person in the agency),
 * how the work goes (progress), and bulk owner changes from the register. Like status changes
 * (assignment-status.ts) every change names the version it read, is refused as stale when that
 * is not current, moves the version on, writes an event in the assignment's history and an
 * audit entry, and tells the people concerned (notifications.ts), all in one transaction.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AssignmentEvent } from '../contract/assignment-status';
import type { AssignmentEventKind, FollowUpError, Progress } from '../contract/enums';
import type { BulkOwnerDepartmentBody, BulkOwnerPersonBody } from '../contract/follow-up';
import type { Db } from '../db/client';
import { assignmentEvents, assignments, documents, users } from '../db/schema';
import { actorColumns } from '../domain/actors';
import { isOpen } from '../domain/lifecycle';
import { assignmentOwnerRoles, can, type Action, type Actor } from '../domain/policy';
import { assignmentLike, loadVisible, lookUp, presentEvent } from './assignment-status';
import { nextDeadline, ownerName } from './assignments';
import { appendAudit, audited, type AuditedTx } from './audit';
import { documentRef } from './documents';
import { notify } from './notifications';

/** An assignment as the register lists it (presenters/assignment.ts presents it). */
export async function summaryRow(db: Db, id: string) {
  const [row] = await db
    .select({ assignment: assignments, document: documentRef, nextDeadline, ownerName })
    .from(assignments)
    .innerJoin(documents, eq(documents.id, assignments.documentId))
    .where(eq(assignments.id, id));
  return row!;
}
export type SummaryRow = Awaited<ReturnType<typeof summaryRow>>;

export type FollowUpOutcome =
  | { kind: 'changed'; row: SummaryRow; event: AssignmentEvent }
  | { kind: 'not-found' }
  | { kind: 'forbidden' }
  | { kind: 'stale'; current: SummaryRow }
  | { kind: 'superseded'; currentId: string | null }
  | { kind: 'refused'; error: FollowUpError; message: string; current: SummaryRow };

type Row = typeof assignments.$inferSelect;
type Found = NonNullable<Awaited<ReturnType<typeof loadVisible>>>;

/** What one change sets, records and tells; or why it is refused. */
type Plan =
  | {
      set: Partial<Pick<Row, 'ownerDepartment' | 'ownerUserId' | 'progress' | 'progressReason'>>;
      kind: Exclude<AssignmentEventKind, 'status'>;
      detail: { from: string | null; to: string | null };
      comment: string | null;
      /** Whom to tell, once the change is made. */
      tell?: (row: Row) => Parameters<typeof notify>[1];
    }
  | { refused: FollowUpError; message: string };

/** The current version's row of the same assignment, when `found` is an earlier version's copy. */
async function currentIdOf(tx: Db, found: Found): Promise<string | null> {
  const [live] = await tx
    .select({ id: assignments.id })
    .from(assignments)
    .innerJoin(documents, eq(documents.id, assignments.documentId))
    .where(
      and(
        eq(documents.seriesKey, found.document.seriesKey),
        eq(documents.isCurrent, true),
        eq(assignments.registerId, found.assignment.registerId),
      ),
    );
  return live?.id ?? null;
}

/** One follow-up change inside an audited transaction (shared by single and bulk changes). */
async function changeIn(
  tx: AuditedTx,
  actor: Actor,
  action: Action,
  id: string,
  expectedVersion: number,
  plan: (found: Found) => Promise<Plan>,
): Promise<FollowUpOutcome> {
  const found = await loadVisible(tx, actor, id);
  if (!found) return { kind: 'not-found' };
  const { assignment: row, document: doc } = found;
  if (!can(actor, action, assignmentLike(row, doc))) return { kind: 'forbidden' };
  if (!doc.isCurrent) return { kind: 'superseded', currentId: await currentIdOf(tx, found) };
  if (row.version !== expectedVersion) return { kind: 'stale', current: await summaryRow(tx, id) };
  const p = await plan(found);
  if ('refused' in p) {
    return {
      kind: 'refused',
      error: p.refused,
      message: p.message,
      current: await summaryRow(tx, id),
    };
  }
  const [updated] = await tx
    .update(assignments)
    .set({ ...p.set, version: sql`${assignments.version} + 1` })
    .where(and(eq(assignments.id, id), eq(assignments.version, expectedVersion)))
    .returning();
  if (!updated) return { kind: 'stale', current: await summaryRow(tx, id) };
  const [event] = await tx
    .insert(assignmentEvents)
    .values({
      assignmentId: id,
      ...actorColumns(actor),
      kind: p.kind,
      detail: p.detail,
      fromStatus: row.status,
      toStatus: row.status,
      comment: p.comment,
      version: updated.version,
    })
    .returning();
  await appendAudit(tx, actor, {
    action: `assignment.${p.kind}`,
    objectType: 'assignment',
    objectId: id,
    before: { ...p.detail, value: p.detail.from, version: row.version },
    after: { value: p.detail.to, version: updated.version, comment: p.comment, event: event!.id },
  });
  if (p.tell) await notify(tx, p.tell(updated));
  const withComments = can(actor, 'assignments.comments.read', assignmentLike(updated, doc));
  return {
    kind: 'changed',
    row: await summaryRow(tx, id),
    event: presentEvent(event!, withComments, await lookUp(tx, [event!])),
  };
}

const noChange = (what: string): Plan => ({
  refused: 'no-change',
  message: `The assignment already has that ${what}; nothing was saved`,
});

function ownerDepartmentPlan(department: string | null, comment: string | null) {
  return async ({ assignment: row }: Found): Promise<Plan> => {
    if (row.ownerDepartment === department) return noChange('owner department');
    return {
      set: { ownerDepartment: department },
      kind: 'owner-department',
      detail: { from: row.ownerDepartment, to: department },
      comment,
    };
  };
}

/** A person may own an assignment of their own agency, as its coordinator or an owner. */
async function personInAgency(tx: Db, userId: string, agencyId: string | null) {
  if (!agencyId) return null;
  const [user] = await tx
    .select({ id: users.id, name: users.name, roles: users.roles })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.organisationId, agencyId)));
  return user && user.roles.some((r) => (assignmentOwnerRoles as readonly string[]).includes(r))
    ? user
    : null;
}

function ownerPersonPlan(tx: Db, userId: string | null, comment: string | null) {
  return async ({ assignment: row }: Found): Promise<Plan> => {
    if (row.ownerUserId === userId) return noChange('owner');
    if (userId !== null && !(await personInAgency(tx, userId, row.agencyId))) {
      return {
        refused: 'owner-not-in-agency',
        message: "The person is not a coordinator or assignment owner in the assignment's agency",
      };
    }
    return {
      set: { ownerUserId: userId },
      kind: 'owner-person',
      detail: { from: row.ownerUserId, to: userId },
      comment,
      tell: (a) =>
        userId === null
          ? []
          : [
              {
                userId,
                kind: 'owner-assigned',
                key: `owner:${a.id}:${a.version}`,
                assignmentId: a.id,
                params: { registerId: a.registerId, title: a.title },
              },
            ],
    };
  };
}

function progressPlan(progress: Progress, reason: string | null) {
  return async ({ assignment: row }: Found): Promise<Plan> => {
    if (!isOpen(row.status)) {
      return {
        refused: 'assignment-closed',
        message: `Progress is reported on open assignments; this one is ${row.status}`,
      };
    }
    if (progress !== 'on-track' && !reason) {
      return {
        refused: 'progress-reason-required',
        message: `Say why the assignment is ${progress}`,
      };
    }
    const keptReason = progress === 'on-track' ? null : reason;
    if (row.progress === progress && row.progressReason === keptReason) return noChange('progress');
    return {
      set: { progress, progressReason: keptReason },
      kind: 'progress',
      detail: { from: row.progress, to: progress },
      comment: keptReason,
    };
  };
}

const clean = (s: string | undefined) => s?.trim() || null;

export function setOwnerDepartment(
  db: Db,
  actor: Actor,
  id: string,
  body: { expectedVersion: number; department: string | null; comment?: string | undefined },
) {
  return audited(db, (tx) =>
    changeIn(
      tx,
      actor,
      'assignments.owner-department',
      id,
      body.expectedVersion,
      ownerDepartmentPlan(body.department, clean(body.comment)),
    ),
  );
}

export function setOwnerPerson(
  db: Db,
  actor: Actor,
  id: string,
  body: { expectedVersion: number; userId: string | null; comment?: string | undefined },
) {
  return audited(db, (tx) =>
    changeIn(
      tx,
      actor,
      'assignments.owner-person',
      id,
      body.expectedVersion,
      ownerPersonPlan(tx, body.userId, clean(body.comment)),
    ),
  );
}

export function setProgress(
  db: Db,
  actor: Actor,
  id: string,
  body: { expectedVersion: number; progress: Progress; reason?: string | undefined },
) {
  return audited(db, (tx) =>
    changeIn(
      tx,
      actor,
      'assignments.progress',
      id,
      body.expectedVersion,
      progressPlan(body.progress, clean(body.reason)),
    ),
  );
}

/** Thrown inside the bulk transaction to roll every change back. */
class BulkRefused extends Error {
  constructor(readonly refused: { id: string; error: string; message: string }[]) {
    super('bulk owner change refused');
  }
}

const BULK_MESSAGES: Record<string, string> = {
  'not-found': 'No such assignment',
  forbidden: 'Not allowed',
  stale: 'The assignment has been changed by someone else since',
  superseded: 'This is an earlier version of the assignment',
};

/**
 * Gives many assignments one owner (a department, or a person) at once: all or nothing. A
 * refused item (not found, not allowed, stale, not in the agency) changes none of them, and
 * every refused item is named. Items that already have the owner are left as they are.
 */
export async function bulkOwner(
  db: Db,
  actor: Actor,
  body: BulkOwnerDepartmentBody | BulkOwnerPersonBody,
) {
  const comment = clean(body.comment);
  try {
    return await audited(db, async (tx) => {
      // Every row first, in one order, before any audit entry takes the trail's lock: a single
      // change running beside this one then waits instead of deadlocking.
      await tx
        .select({ id: assignments.id })
        .from(assignments)
        .where(
          inArray(
            assignments.id,
            body.items.map((i) => i.id),
          ),
        )
        .orderBy(assignments.id)
        .for('update');
      const refused: { id: string; error: string; message: string }[] = [];
      let changed = 0;
      for (const item of body.items) {
        const out =
          'department' in body
            ? await changeIn(
                tx,
                actor,
                'assignments.owner-department',
                item.id,
                item.expectedVersion,
                ownerDepartmentPlan(body.department, comment),
              )
            : await changeIn(
                tx,
                actor,
                'assignments.owner-person',
                item.id,
                item.expectedVersion,
                ownerPersonPlan(tx, body.userId, comment),
              );
        if (out.kind === 'changed') changed++;
        else if (out.kind === 'refused') {
          if (out.error !== 'no-change') refused.push({ id: item.id, ...out });
        } else {
          refused.push({ id: item.id, error: out.kind, message: BULK_MESSAGES[out.kind]! });
        }
      }
      if (refused.length > 0) throw new BulkRefused(refused);
      return { changed, refused: [] };
    });
  } catch (err) {
    if (err instanceof BulkRefused) {
      return {
        changed: 0,
        refused: err.refused.map((r) => ({ id: r.id, error: r.error, message: r.message })),
      };
    }
    throw err;
  }
}

/** The people an assignment can be given to, for those who may give it; null: not allowed. */
export async function ownerCandidates(db: Db, actor: Actor, id: string) {
  const found = await loadVisible(db, actor, id);
  if (!found) return null;
  if (!can(actor, 'assignments.owner-person', assignmentLike(found.assignment, found.document))) {
    return null;
  }
  const agencyId = found.assignment.agencyId;
  if (!agencyId) return [];
  const rows = await db
    .select({ id: users.id, name: users.name, roles: users.roles })
    .from(users)
    .where(eq(users.organisationId, agencyId))
    .orderBy(users.name);
  return rows
    .filter((u) => u.roles.some((r) => (assignmentOwnerRoles as readonly string[]).includes(r)))
    .map((u) => ({ id: u.id, name: u.name }));
}
