/**
 * The register follows a supplement's changes of earlier assignments (contract Assignment
 * `change`, stored on the change's row): a cancellation cancels the assignment it names, a new
 * deadline replaces that assignment's deadline; each as an event of the assignment with the
 * supplement as its source, by whoever stored the supplement (an officer issuing it, or the
 * import), audited. A clarification changes nothing in the register: it is shown with the
 * assignment (src/services/assignments.ts `clarificationsOf`). Run after the links are
 * resolved, in the transaction that stores a document (src/services/import.ts).
 *
 * Each change is applied once: a cancellation by the same supplement (any version) is not made
 * again after the ministry reopened the assignment; a deadline is not set again when it is the
 * one the assignment already has. A new version of the letter that printed the assignment reads
 * its deadline afresh; the latest deadline change of the year's supplements is then set again.
 */
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { assignmentDeadlines, assignmentEvents, assignments, documents } from '../db/schema';
import { actorColumns } from '../domain/actors';
import { checkTransition } from '../domain/lifecycle';
import type { Actor } from '../domain/policy';
import { appendAudit, type AuditedTx } from './audit';

const target = alias(assignments, 'target');

/**
 * Applies the deadline changes and cancellations that `documentId` prints, and the deadline
 * changes of other supplements naming the assignments `documentId` prints (a new version of
 * their letter read their deadlines afresh).
 */
export async function applyAssignmentChanges(tx: AuditedTx, actor: Actor, documentId: string) {
  const changes = await tx
    .select({
      id: assignments.id,
      documentId: assignments.documentId,
      seriesKey: documents.seriesKey,
      change: assignments.change,
      body: assignments.body,
      targetId: target.id,
    })
    .from(assignments)
    .innerJoin(documents, eq(documents.id, assignments.documentId))
    .innerJoin(target, eq(target.id, assignments.clarifiedAssignmentId))
    .where(
      and(
        eq(documents.isCurrent, true),
        eq(documents.status, 'published'),
        inArray(assignments.change, ['deadline', 'cancellation']),
        or(
          eq(assignments.documentId, documentId),
          and(eq(target.documentId, documentId), eq(assignments.change, 'deadline')),
        ),
      ),
    )
    .orderBy(asc(documents.year), asc(documents.number), asc(assignments.ord));
  // The latest deadline change of an assignment is its deadline.
  const lastDeadline = new Map<string, string>();
  for (const c of changes) if (c.change === 'deadline') lastDeadline.set(c.targetId, c.id);
  for (const c of changes) {
    if (c.change === 'cancellation' && c.documentId === documentId) {
      await cancel(tx, actor, c);
    } else if (c.change === 'deadline' && lastDeadline.get(c.targetId) === c.id) {
      await moveDeadline(tx, actor, c);
    }
  }
}

interface Change {
  id: string;
  documentId: string;
  seriesKey: string;
  body: string;
  targetId: string;
}

async function lockTarget(tx: AuditedTx, id: string) {
  const [row] = await tx.select().from(assignments).where(eq(assignments.id, id)).for('update');
  return row!;
}

async function cancel(tx: AuditedTx, actor: Actor, c: Change) {
  // Once per supplement, whichever of its versions: not again after the ministry reopened it.
  const [done] = await tx
    .select({ id: assignmentEvents.id })
    .from(assignmentEvents)
    .innerJoin(documents, eq(documents.id, assignmentEvents.sourceDocumentId))
    .where(
      and(
        eq(assignmentEvents.assignmentId, c.targetId),
        eq(assignmentEvents.toStatus, 'cancelled'),
        eq(documents.seriesKey, c.seriesKey),
      ),
    )
    .limit(1);
  if (done) return;
  const row = await lockTarget(tx, c.targetId);
  const comment = c.body.trim() || '–';
  const check = checkTransition({
    assignmentId: row.id,
    from: row.status,
    to: 'cancelled',
    side: 'system',
    comment,
  });
  // Already cancelled, or delivered or accepted: the lifecycle decides; the change is shown.
  if (!check.ok) return;
  const version = row.version + 1;
  await tx
    .update(assignments)
    .set({ status: 'cancelled', version })
    .where(eq(assignments.id, row.id));
  const [event] = await tx
    .insert(assignmentEvents)
    .values({
      assignmentId: row.id,
      ...actorColumns(actor),
      fromStatus: row.status,
      toStatus: 'cancelled',
      comment,
      version,
      sourceDocumentId: c.documentId,
    })
    .returning({ id: assignmentEvents.id });
  await appendAudit(tx, actor, {
    action: 'assignment.status',
    objectType: 'assignment',
    objectId: row.id,
    before: { status: row.status, version: row.version },
    after: {
      status: 'cancelled',
      version,
      comment,
      sourceDocument: c.documentId,
      change: c.id,
      event: event!.id,
    },
  });
}

async function moveDeadline(tx: AuditedTx, actor: Actor, c: Change) {
  // The new deadline: the last dated one of the change for the whole assignment.
  const [set] = await tx
    .select()
    .from(assignmentDeadlines)
    .where(
      and(
        eq(assignmentDeadlines.assignmentId, c.id),
        isNull(assignmentDeadlines.appliesTo),
        sql`${assignmentDeadlines.date} is not null`,
      ),
    )
    .orderBy(sql`${assignmentDeadlines.date} desc`)
    .limit(1);
  if (!set) return;
  const row = await lockTarget(tx, c.targetId);
  const whole = and(
    eq(assignmentDeadlines.assignmentId, row.id),
    isNull(assignmentDeadlines.appliesTo),
  );
  const was = await tx.select().from(assignmentDeadlines).where(whole);
  const same = was.length === 1 && was[0]!.phrase === set.phrase && was[0]!.date === set.date;
  if (same && was[0]!.sourceDocumentId === c.documentId) return;
  if (same) {
    // The same deadline, from a new version of the supplement: its source moves on with it.
    await tx
      .update(assignmentDeadlines)
      .set({ sourceDocumentId: c.documentId })
      .where(eq(assignmentDeadlines.id, was[0]!.id));
    return;
  }
  await tx.delete(assignmentDeadlines).where(whole);
  await tx.insert(assignmentDeadlines).values({
    assignmentId: row.id,
    appliesTo: null,
    phrase: set.phrase,
    date: set.date,
    value: set.value,
    sourceDocumentId: c.documentId,
  });
  const version = row.version + 1;
  await tx.update(assignments).set({ version }).where(eq(assignments.id, row.id));
  const detail = { from: was.map((d) => d.phrase).join('; ') || null, to: set.phrase };
  const [event] = await tx
    .insert(assignmentEvents)
    .values({
      assignmentId: row.id,
      ...actorColumns(actor),
      kind: 'deadline',
      detail,
      fromStatus: row.status,
      toStatus: row.status,
      version,
      sourceDocumentId: c.documentId,
    })
    .returning({ id: assignmentEvents.id });
  await appendAudit(tx, actor, {
    action: 'assignment.deadline',
    objectType: 'assignment',
    objectId: row.id,
    before: {
      deadlines: was.map((d) => ({ phrase: d.phrase, date: d.date })),
      version: row.version,
    },
    after: {
      deadline: { phrase: set.phrase, date: set.date },
      version,
      sourceDocument: c.documentId,
      change: c.id,
      event: event!.id,
    },
  });
}
