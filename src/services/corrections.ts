/**
 * Corrections of what the importer read (the rules: src/domain/corrections.ts). A
 * correction changes the current document's stored items and its stored reading at once, and is
 * kept with the document's series, so that a re-import of the letter applies it again. Every
 * correction is in the audit trail with who, when, the value before and the reason.
 */
import { and, asc, eq, gt, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { CorrectionError } from '../contract/enums';
import type { ExtractedDocument } from '../contract/letter';
import type { CorrectionBody } from '../contract/review';
import type { Db } from '../db/client';
import {
  appropriationLines,
  assignmentDeadlines,
  assignmentEvents,
  assignments,
  corrections,
  documents,
} from '../db/schema';
import { visibleDocuments } from '../db/visibility';
import { actorColumns, actorName } from '../domain/actors';
import {
  applyCorrection,
  correctedDeadlineValue,
  openReviewItems,
  type CorrectionRef,
} from '../domain/corrections';
import { can, type Actor } from '../domain/policy';
import { appendAudit, audited } from './audit';
import { resolveLinks } from './links';

export type CorrectOutcome =
  | { kind: 'corrected'; correction: CorrectionRow }
  | { kind: 'not-found' }
  | { kind: 'forbidden' }
  /** The document is an earlier version: correct the current one. */
  | { kind: 'superseded'; currentId: string | null }
  | { kind: 'refused'; error: CorrectionError; message: string; current: null };

export type CorrectionRow = typeof corrections.$inferSelect;

/** The corrections of a series, in the order they were made (and are applied). */
export async function seriesCorrections(db: Db, seriesKey: string): Promise<CorrectionRow[]> {
  return db
    .select()
    .from(corrections)
    .where(eq(corrections.seriesKey, seriesKey))
    .orderBy(asc(corrections.seq));
}

/**
 * How many items of a stored document the importer was unsure of and no one has corrected
 * (domain `openReviewItems`): what issuing the letter accepts as read.
 */
export async function openReviewCount(
  db: Db,
  doc: { id: string; seriesKey: string },
): Promise<number> {
  const [[reading], rows, fixes] = await Promise.all([
    db
      .select({
        assignments: sql<
          ExtractedDocument['assignments'] | null
        >`${documents.extracted}->'assignments'`,
        appropriations: sql<
          ExtractedDocument['appropriations'] | null
        >`${documents.extracted}->'appropriations'`,
      })
      .from(documents)
      .where(eq(documents.id, doc.id)),
    db
      .select({ ord: assignments.ord, found: assignments.clarifiedAssignmentId })
      .from(assignments)
      .where(eq(assignments.documentId, doc.id)),
    seriesCorrections(db, doc.seriesKey),
  ]);
  const found = new Map(rows.map((r) => [r.ord, r.found !== null]));
  return openReviewItems(
    { assignments: reading?.assignments ?? [], appropriations: reading?.appropriations ?? [] },
    fixes,
    (i) => found.get(i) ?? false,
  );
}

const refused = (error: CorrectionError, message: string): CorrectOutcome => ({
  kind: 'refused',
  error,
  message,
  current: null,
});

/** Corrects one item of the current version of a document (policy 'documents.correct'). */
export async function correctItem(
  db: Db,
  actor: Actor,
  documentId: string,
  body: CorrectionBody,
): Promise<CorrectOutcome> {
  return audited(db, async (tx) => {
    const [doc] = await tx
      .select()
      .from(documents)
      .where(and(eq(documents.id, documentId), visibleDocuments(actor)))
      .for('update');
    if (!doc) return { kind: 'not-found' };
    if (!can(actor, 'documents.correct', doc)) return { kind: 'forbidden' };
    if (!doc.isCurrent) {
      const [current] = await tx
        .select({ id: documents.id })
        .from(documents)
        .where(and(eq(documents.seriesKey, doc.seriesKey), eq(documents.isCurrent, true)));
      return { kind: 'superseded', currentId: current?.id ?? null };
    }
    const ref: CorrectionRef = body;
    const out = applyCorrection(doc.extracted, ref);
    if (out.kind === 'no-item') {
      return refused('correction-no-item', `The document has no ${body.itemKind} ${body.itemKey}`);
    }
    if (out.kind === 'no-change') {
      return refused('correction-no-change', 'The item already is what the correction asks for');
    }
    const refusal = await applyToRows(tx, doc, ref, out.index);
    if (refusal) return refusal;
    await tx.update(documents).set({ extracted: out.doc }).where(eq(documents.id, doc.id));
    const [saved] = await tx
      .insert(corrections)
      .values({
        seriesKey: doc.seriesKey,
        documentId: doc.id,
        itemKind: body.itemKind,
        itemKey: body.itemKey,
        change: body.change,
        reason: body.reason,
        ...actorColumns(actor),
        actorName: actorName(actor),
      })
      .returning();
    await appendAudit(tx, actor, {
      action: 'document.correct',
      objectType: 'document',
      objectId: doc.id,
      before: { item: `${body.itemKind}:${body.itemKey}`, [body.change.field]: out.before },
      after: { item: `${body.itemKind}:${body.itemKey}`, ...body.change, reason: body.reason },
    });
    if (doc.agencyId && body.itemKind === 'assignment') await resolveLinks(tx, doc.agencyId);
    return { kind: 'corrected', correction: saved! };
  });
}

/** The stored rows of the item, changed as the correction says; a refusal when it cannot be. */
async function applyToRows(
  tx: Db,
  doc: typeof documents.$inferSelect,
  c: CorrectionRef,
  index: number,
): Promise<CorrectOutcome | null> {
  const change = c.change;
  if (c.itemKind === 'appropriation') {
    if (change.field !== 'amount') return refused('correction-no-item', 'Not an amount');
    await tx
      .update(appropriationLines)
      .set({ amount: change.value })
      .where(and(eq(appropriationLines.documentId, doc.id), eq(appropriationLines.ord, index)));
    return null;
  }
  const [row] = await tx
    .select()
    .from(assignments)
    .where(and(eq(assignments.documentId, doc.id), eq(assignments.ord, index)))
    .for('update');
  if (!row) return refused('correction-no-item', `The document has no assignment ${c.itemKey}`);
  const bump = { version: sql`${assignments.version} + 1` };
  switch (change.field) {
    case 'ownerDepartment':
      await tx
        .update(assignments)
        .set({ ownerDepartment: change.value, ...bump })
        .where(eq(assignments.id, row.id));
      return null;
    case 'title':
      await tx
        .update(assignments)
        .set({ title: change.value, ...bump })
        .where(eq(assignments.id, row.id));
      return null;
    case 'id': {
      const [other] = await tx
        .select({ id: assignments.id })
        .from(assignments)
        .innerJoin(documents, eq(documents.id, assignments.documentId))
        .where(
          and(
            doc.agencyId ? eq(assignments.agencyId, doc.agencyId) : isNull(assignments.agencyId),
            eq(assignments.registerId, change.value),
            eq(documents.isCurrent, true),
            isNull(assignments.clarifies),
            ne(assignments.id, row.id),
          ),
        )
        .limit(1);
      if (other) {
        return refused(
          'correction-id-taken',
          `Another assignment is registered as ${change.value}`,
        );
      }
      await tx
        .update(assignments)
        .set({ printedId: change.value, registerId: change.value, idAssigned: false, ...bump })
        .where(eq(assignments.id, row.id));
      return null;
    }
    case 'deadline':
      await tx
        .update(assignmentDeadlines)
        .set({
          date: change.value,
          value: correctedDeadlineValue(change.phrase, change.value),
        })
        .where(
          and(
            eq(assignmentDeadlines.assignmentId, row.id),
            eq(assignmentDeadlines.phrase, change.phrase),
            sql`${assignmentDeadlines.appliesTo} is not distinct from ${change.appliesTo}`,
          ),
        );
      await tx.update(assignments).set(bump).where(eq(assignments.id, row.id));
      return null;
    case 'notAnAssignment': {
      const [event] = await tx
        .select({ id: assignmentEvents.id })
        .from(assignmentEvents)
        .where(eq(assignmentEvents.assignmentId, row.id))
        .limit(1);
      if (event) {
        return refused(
          'correction-has-history',
          'The assignment has a status history; cancel it instead of removing it',
        );
      }
      await tx.delete(assignments).where(eq(assignments.id, row.id));
      const later = tx
        .select({ id: assignments.id })
        .from(assignments)
        .where(and(eq(assignments.documentId, doc.id), gt(assignments.ord, index)));
      await tx
        .update(assignments)
        .set({ ord: sql`${assignments.ord} - 1` })
        .where(inArray(assignments.id, later));
      return null;
    }
    case 'amount':
      return refused('correction-no-item', 'An assignment has no amount');
  }
}
