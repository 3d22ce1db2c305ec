/**
 * The register follows a supplement's changes of earlier assignments (contract Assignment
 * `change`, stored on the change's row): a cancellation cancels the assignment it names, a new
 * deadline replaces that assignment's deadline; each as an event of the assignment with the
 * supplement as its source, by whoever stored the supplement (an officer issuing it, or the
 * import), audited. A clarification changes nothing in the register: it is shown with the
 * assignment (src/services/assignments.ts `clarificationsOf`). Only changes of the ministry that
 * gave the assignment count (src/services/links.ts links no other). Run after the links are
 * resolved, in the transaction that stores a document (src/services/import.ts) or issues one
 * under review (src/services/document-status.ts).
 *
 * Deadlines: an assignment's deadline is that of the latest deadline change of the current
 * issued documents, in the order of the year's series (the allocation letter, then the
 * supplements by number, then date), whatever order they were stored or approved in; with
 * none left, its letter's own. It is worked out afresh for every assignment the stored document
 * touches: those it changes, those it prints (a new version of the letter reads its deadlines
 * afresh) and those whose deadline a version of it set (a new version that no longer moves it
 * gives the deadline back). The queries that read deadlines leave the changes' own rows out
 * (src/services/assignments.ts `addsDeadlines`).
 *
 * Cancellations: made once per supplement, whichever of its versions: not again after the
 * ministry reopened the assignment. A new version of the supplement that no longer cancels it
 * undoes the cancellation: the assignment gets back the status it had before (an event by
 * whoever stored the version, audited; an undo, not a decision of the lifecycle) if nothing
 * changed its status since; else it is left as it is, and the version's import warnings say
 * so (`cancellation-kept`). A later version that cancels it again then cancels it again.
 */
import { and, asc, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Deadline, ImportWarning } from '../contract/letter';
import { assignmentDeadlines, assignmentEvents, assignments, documents } from '../db/schema';
import { actorColumns } from '../domain/actors';
import { checkTransition } from '../domain/lifecycle';
import type { Actor } from '../domain/policy';
import { appendAudit, type AuditedTx } from './audit';

const target = alias(assignments, 'target');
const targetDocument = alias(documents, 'target_document');

/**
 * A change counts: its document (`documents`) is current and issued, and of the ministry of the
 * assignment it changes (`target`, of `targetDocument`).
 */
const counts = and(
  eq(documents.isCurrent, true),
  eq(documents.status, 'published'),
  eq(targetDocument.ministryId, documents.ministryId),
);

/** The series order of the documents, latest first: year, supplements by number and date, the letter last. */
const latestFirst = [
  desc(documents.year),
  sql`${documents.kind} = 'allocation-letter'`,
  desc(documents.number),
  sql`${documents.date} desc nulls last`,
  desc(assignments.ord),
];

/**
 * Follows the changes `documentId` prints and those it no longer prints (a new version), and
 * sets the deadline of every assignment it touches (see above).
 */
export async function applyAssignmentChanges(tx: AuditedTx, actor: Actor, documentId: string) {
  const [doc] = await tx
    .select({
      seriesKey: documents.seriesKey,
      isCurrent: documents.isCurrent,
      status: documents.status,
    })
    .from(documents)
    .where(eq(documents.id, documentId));
  if (!doc) return;
  const warnings =
    doc.isCurrent && doc.status === 'published'
      ? await followCancellations(tx, actor, documentId, doc.seriesKey)
      : [];
  for (const id of await deadlineTargets(tx, documentId, doc.seriesKey)) {
    await settleDeadline(tx, actor, id, documentId);
  }
  if (warnings.length > 0) {
    await tx
      .update(documents)
      .set({ warnings: sql`${documents.warnings} || ${JSON.stringify(warnings)}::jsonb` })
      .where(eq(documents.id, documentId));
  }
}

interface Change {
  id: string;
  documentId: string;
  body: string;
  targetId: string;
}

async function lockTarget(tx: AuditedTx, id: string) {
  const [row] = await tx.select().from(assignments).where(eq(assignments.id, id)).for('update');
  return row!;
}

/**
 * The assignments whose deadline storing `documentId` may change: those it moves, those it
 * prints that a change moves, and those whose deadline a version of its series set.
 */
async function deadlineTargets(tx: AuditedTx, documentId: string, seriesKey: string) {
  const [moved, printed, set] = await Promise.all([
    tx
      .select({ id: assignments.clarifiedAssignmentId })
      .from(assignments)
      .where(
        and(
          eq(assignments.documentId, documentId),
          eq(assignments.change, 'deadline'),
          isNotNull(assignments.clarifiedAssignmentId),
        ),
      ),
    tx
      .selectDistinct({ id: target.id })
      .from(assignments)
      .innerJoin(target, eq(target.id, assignments.clarifiedAssignmentId))
      .where(and(eq(target.documentId, documentId), eq(assignments.change, 'deadline'))),
    tx
      .selectDistinct({ id: assignments.id })
      .from(assignmentDeadlines)
      .innerJoin(documents, eq(documents.id, assignmentDeadlines.sourceDocumentId))
      .innerJoin(assignments, eq(assignments.id, assignmentDeadlines.assignmentId))
      .innerJoin(targetDocument, eq(targetDocument.id, assignments.documentId))
      .where(and(eq(documents.seriesKey, seriesKey), eq(targetDocument.isCurrent, true))),
  ]);
  const ids = [...moved, ...printed, ...set].flatMap((r) => (r.id ? [r.id] : []));
  return [...new Set(ids)].sort();
}

type Want = Pick<typeof assignmentDeadlines.$inferInsert, 'phrase' | 'date' | 'value'>;

/** Gives the assignment the deadline of its latest deadline change, or its letter's own. */
async function settleDeadline(tx: AuditedTx, actor: Actor, id: string, documentId: string) {
  const row = await lockTarget(tx, id);
  // The latest change's last dated deadline for the whole assignment.
  const [latest] = await tx
    .select({
      id: assignments.id,
      documentId: assignments.documentId,
      phrase: assignmentDeadlines.phrase,
      date: assignmentDeadlines.date,
      value: assignmentDeadlines.value,
    })
    .from(assignments)
    .innerJoin(documents, eq(documents.id, assignments.documentId))
    .innerJoin(target, eq(target.id, assignments.clarifiedAssignmentId))
    .innerJoin(targetDocument, eq(targetDocument.id, target.documentId))
    .innerJoin(
      assignmentDeadlines,
      and(
        eq(assignmentDeadlines.assignmentId, assignments.id),
        isNull(assignmentDeadlines.appliesTo),
        isNotNull(assignmentDeadlines.date),
      ),
    )
    .where(and(eq(target.id, id), eq(assignments.change, 'deadline'), counts))
    .orderBy(...latestFirst, desc(assignmentDeadlines.date))
    .limit(1);
  const whole = and(
    eq(assignmentDeadlines.assignmentId, row.id),
    isNull(assignmentDeadlines.appliesTo),
  );
  const was = await tx.select().from(assignmentDeadlines).where(whole);
  // No change left, and the deadline is the letter's own: nothing to give back.
  if (!latest && was.every((d) => d.sourceDocumentId === null)) return;
  const source = latest?.documentId ?? null;
  const want: Want[] = latest ? [latest] : await lettersOwn(tx, row);
  const key = (ds: readonly Want[]) =>
    ds
      .map((d) => `${d.date}|${d.phrase}`)
      .sort()
      .join('\n');
  if (key(was) === key(want)) {
    // The same deadline, from a new version of the supplement (or given back by the letter):
    // its source moves on with it.
    if (was.some((d) => d.sourceDocumentId !== source)) {
      await tx.update(assignmentDeadlines).set({ sourceDocumentId: source }).where(whole);
    }
    return;
  }
  await tx.delete(assignmentDeadlines).where(whole);
  if (want.length > 0) {
    await tx.insert(assignmentDeadlines).values(
      want.map((d) => ({
        assignmentId: row.id,
        appliesTo: null,
        phrase: d.phrase,
        date: d.date,
        value: d.value,
        sourceDocumentId: source,
      })),
    );
  }
  const version = row.version + 1;
  await tx.update(assignments).set({ version }).where(eq(assignments.id, row.id));
  const phrases = (ds: readonly Want[]) => ds.map((d) => d.phrase).join('; ') || null;
  const detail = { from: phrases(was), to: phrases(want) };
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
      // Given back: the version that no longer moves it.
      sourceDocumentId: source ?? documentId,
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
      deadlines: want.map((d) => ({ phrase: d.phrase, date: d.date })),
      version,
      sourceDocument: source ?? documentId,
      change: latest?.id ?? null,
      event: event!.id,
    },
  });
}

/** The deadlines for the whole assignment its letter prints (as read, with corrections). */
async function lettersOwn(tx: AuditedTx, row: typeof assignments.$inferSelect): Promise<Want[]> {
  const [read] = await tx
    .select({
      deadlines: sql<
        Deadline[] | null
      >`${documents.extracted}->'assignments'->(${row.ord})::int->'deadlines'`,
    })
    .from(documents)
    .where(eq(documents.id, row.documentId));
  return (read?.deadlines ?? [])
    .filter((d) => d.appliesTo === null)
    .map((d) => ({ phrase: d.text, date: d.date, value: d.value }));
}

/** The latest status event of the assignment that a version of the series made. */
async function lastOfSeries(tx: AuditedTx, assignmentId: string, seriesKey: string) {
  const [event] = await tx
    .select({
      id: assignmentEvents.id,
      fromStatus: assignmentEvents.fromStatus,
      toStatus: assignmentEvents.toStatus,
    })
    .from(assignmentEvents)
    .innerJoin(documents, eq(documents.id, assignmentEvents.sourceDocumentId))
    .where(
      and(
        eq(assignmentEvents.assignmentId, assignmentId),
        eq(assignmentEvents.kind, 'status'),
        eq(documents.seriesKey, seriesKey),
      ),
    )
    .orderBy(desc(assignmentEvents.version), desc(assignmentEvents.at))
    .limit(1);
  return event ?? null;
}

/**
 * Makes the cancellations `documentId` prints, and undoes those an earlier version of it made
 * that it no longer prints; returns the warnings of those it leaves.
 */
async function followCancellations(
  tx: AuditedTx,
  actor: Actor,
  documentId: string,
  seriesKey: string,
): Promise<ImportWarning[]> {
  const made = await tx
    .select({
      id: assignments.id,
      documentId: assignments.documentId,
      body: assignments.body,
      targetId: target.id,
    })
    .from(assignments)
    .innerJoin(documents, eq(documents.id, assignments.documentId))
    .innerJoin(target, eq(target.id, assignments.clarifiedAssignmentId))
    .innerJoin(targetDocument, eq(targetDocument.id, target.documentId))
    .where(
      and(eq(assignments.documentId, documentId), eq(assignments.change, 'cancellation'), counts),
    )
    .orderBy(asc(assignments.ord));
  for (const c of made) await cancel(tx, actor, c, seriesKey);
  const cancelledBefore = await tx
    .selectDistinct({ id: assignmentEvents.assignmentId })
    .from(assignmentEvents)
    .innerJoin(documents, eq(documents.id, assignmentEvents.sourceDocumentId))
    .where(
      and(
        eq(documents.seriesKey, seriesKey),
        eq(assignmentEvents.kind, 'status'),
        eq(assignmentEvents.toStatus, 'cancelled'),
      ),
    );
  const still = new Set(made.map((c) => c.targetId));
  const warnings: ImportWarning[] = [];
  for (const { id } of cancelledBefore.sort((a, b) => a.id.localeCompare(b.id))) {
    if (still.has(id)) continue;
    const left = await undoCancellation(tx, actor, id, documentId, seriesKey);
    if (left) warnings.push(left);
  }
  return warnings;
}

async function cancel(tx: AuditedTx, actor: Actor, c: Change, seriesKey: string) {
  const row = await lockTarget(tx, c.targetId);
  // Once per supplement, whichever of its versions: not again after the ministry reopened it.
  if ((await lastOfSeries(tx, row.id, seriesKey))?.toStatus === 'cancelled') return;
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

/**
 * Gives the assignment back the status it had before a version of the series cancelled it, if
 * that cancellation is still its latest status change; else a warning that it is left.
 */
async function undoCancellation(
  tx: AuditedTx,
  actor: Actor,
  id: string,
  documentId: string,
  seriesKey: string,
): Promise<ImportWarning | null> {
  const row = await lockTarget(tx, id);
  const made = await lastOfSeries(tx, id, seriesKey);
  // An earlier version gave it back already.
  if (made?.toStatus !== 'cancelled') return null;
  const [latest] = await tx
    .select({ id: assignmentEvents.id })
    .from(assignmentEvents)
    .where(and(eq(assignmentEvents.assignmentId, id), eq(assignmentEvents.kind, 'status')))
    .orderBy(desc(assignmentEvents.version), desc(assignmentEvents.at))
    .limit(1);
  if (latest?.id !== made.id || row.status !== 'cancelled') {
    return { code: 'cancellation-kept', params: { id: row.registerId } };
  }
  const version = row.version + 1;
  await tx
    .update(assignments)
    .set({ status: made.fromStatus, version })
    .where(eq(assignments.id, row.id));
  const [event] = await tx
    .insert(assignmentEvents)
    .values({
      assignmentId: row.id,
      ...actorColumns(actor),
      fromStatus: 'cancelled',
      toStatus: made.fromStatus,
      version,
      sourceDocumentId: documentId,
    })
    .returning({ id: assignmentEvents.id });
  await appendAudit(tx, actor, {
    action: 'assignment.status',
    objectType: 'assignment',
    objectId: row.id,
    before: { status: 'cancelled', version: row.version },
    after: {
      status: made.fromStatus,
      version,
      sourceDocument: documentId,
      undoes: made.id,
      event: event!.id,
    },
  });
  return null;
}
