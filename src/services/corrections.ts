/**
 * Corrections of what the importer read (the rules: src/domain/corrections.ts). A
 * correction changes the current document's stored items and its stored reading at once, and is
 * kept with the document's series, so that a re-import of the letter applies it again. Every
 * correction is in the audit trail with who, when, the value before and the reason.
 */
import { and, asc, eq, gt, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { CorrectionError } from '../contract/enums';
import { presentWarning, type ExtractedDocument } from '../contract/letter';
import type { CorrectionBody, CorrectionChange } from '../contract/review';
import type { Db } from '../db/client';
import { deadlineRows, span } from '../db/reading-rows';
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
  assignmentKey,
  assignmentParagraphs,
  correctedDeadlineValue,
  keysSharingLines,
  openReviewItems,
  splitAssignmentId,
  type CorrectionRef,
} from '../domain/corrections';
import { can, type Actor } from '../domain/policy';
import { appendAudit, audited } from './audit';
import { rewriteTextParts } from './assignment-parts';
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
        warnings: documents.warnings,
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
    keysSharingLines((reading?.warnings ?? []).map(presentWarning)),
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
    const change = await checkChange(tx, doc, body);
    if ('kind' in change) return change;
    const ref: CorrectionRef = { itemKind: body.itemKind, itemKey: body.itemKey, change };
    const out = applyCorrection(doc.extracted, ref);
    if (out.kind === 'no-item') {
      return refused('correction-no-item', `The document has no ${body.itemKind} ${body.itemKey}`);
    }
    if (out.kind === 'no-change') {
      return refused('correction-no-change', 'The item already is what the correction asks for');
    }
    const refusal = await applyToRows(tx, doc, ref, out.index, out.doc);
    if (refusal) return refusal;
    await tx.update(documents).set({ extracted: out.doc }).where(eq(documents.id, doc.id));
    const [saved] = await tx
      .insert(corrections)
      .values({
        seriesKey: doc.seriesKey,
        documentId: doc.id,
        itemKind: body.itemKind,
        itemKey: body.itemKey,
        change,
        reason: body.reason,
        ...actorColumns(actor),
        actorName: actorName(actor),
      })
      .returning();
    await appendAudit(tx, actor, {
      action: 'document.correct',
      objectType: 'document',
      objectId: doc.id,
      before: { item: `${body.itemKind}:${body.itemKey}`, [change.field]: out.before },
      after: { item: `${body.itemKind}:${body.itemKey}`, ...change, reason: body.reason },
    });
    if (doc.agencyId && body.itemKind === 'assignment') await resolveLinks(tx, doc.agencyId);
    return { kind: 'corrected', correction: saved! };
  });
}

type DocumentRow = typeof documents.$inferSelect;

/**
 * The change as it is kept, checked against the document where a merge or a split asks more
 * than that the item exists: a merge names another assignment of the document that is there
 * (not the item itself, not one merged away already); a split cuts between paragraphs the text
 * has, and its new assignment gets its ID here (`splitAssignmentId`: after every ID of the
 * reading, the agency's register and this document's earlier versions), kept with the
 * correction so that a re-import gives the same ID. A refusal says what is wrong.
 */
async function checkChange(
  tx: Db,
  doc: DocumentRow,
  body: CorrectionBody,
): Promise<CorrectionChange | CorrectOutcome> {
  const change = body.change;
  if (change.field !== 'mergeInto' && change.field !== 'split') return change;
  if (body.itemKind !== 'assignment') {
    return refused('correction-no-item', 'Only an assignment is merged or split');
  }
  const reading = doc.extracted.assignments;
  const item = reading.find((a) => assignmentKey(a) === body.itemKey);
  const mergedAway = async (key: string) => {
    const earlier = await seriesCorrections(tx, doc.seriesKey);
    const merge = earlier.find((c) => c.itemKey === key && c.change.field === 'mergeInto');
    return merge?.change.field === 'mergeInto' ? merge.change.value : null;
  };
  if (!item) {
    const into = await mergedAway(body.itemKey);
    return refused(
      'correction-no-item',
      into
        ? `Assignment ${body.itemKey} is merged into ${into} already`
        : `The document has no assignment ${body.itemKey}`,
    );
  }
  if (change.field === 'mergeInto') {
    if (change.value === body.itemKey) {
      return refused('correction-no-item', 'An assignment is not merged into itself');
    }
    if (!reading.some((a) => assignmentKey(a) === change.value)) {
      const into = await mergedAway(change.value);
      return refused(
        'correction-no-item',
        into
          ? `Assignment ${change.value} is merged into ${into} already: merge into ${into}`
          : `The document has no assignment ${change.value} to merge into`,
      );
    }
    return change;
  }
  const count = assignmentParagraphs(item.text).length;
  if (change.at >= count) {
    return refused(
      'correction-no-item',
      count < 2
        ? `The text of ${body.itemKey} is one paragraph: there is nothing to split`
        : `The text of ${body.itemKey} has ${count} paragraphs (0–${count - 1}): the new assignment starts at paragraph 1 to ${count - 1}`,
    );
  }
  const taken = await registerIdsBeside(tx, doc);
  if (change.id !== undefined) {
    const id = change.id;
    if (taken.has(id) || reading.some((a) => a.id === id || a.assignedId === id)) {
      return refused('correction-id-taken', `Another assignment is registered as ${id}`);
    }
    return { ...change, id };
  }
  return { ...change, id: splitAssignmentId(doc.extracted, taken) };
}

/**
 * Register IDs a new assignment of this document may not have: those of the agency's current
 * documents and those every version of this document gave (an ID is never given twice).
 */
async function registerIdsBeside(tx: Db, doc: DocumentRow): Promise<Set<string>> {
  const rows = await tx
    .select({ id: assignments.registerId })
    .from(assignments)
    .innerJoin(documents, eq(documents.id, assignments.documentId))
    .where(
      or(
        and(
          doc.agencyId ? eq(assignments.agencyId, doc.agencyId) : isNull(assignments.agencyId),
          eq(documents.isCurrent, true),
        ),
        eq(documents.seriesKey, doc.seriesKey),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

type ReadAssignment = ExtractedDocument['assignments'][number];

/** The letter's own deadline rows of an assignment for these deadlines as read. */
const ownDeadlines = (assignmentId: string, d: ReadAssignment['deadlines'][number]) =>
  and(
    eq(assignmentDeadlines.assignmentId, assignmentId),
    eq(assignmentDeadlines.phrase, d.text),
    sql`${assignmentDeadlines.appliesTo} is not distinct from ${d.appliesTo}`,
    isNull(assignmentDeadlines.sourceDocumentId),
  );

const sameDeadline = (
  x: ReadAssignment['deadlines'][number],
  y: ReadAssignment['deadlines'][number],
) => x.text === y.text && x.appliesTo === y.appliesTo && x.date === y.date;

/** Refused when the row has a status history: it cannot leave the register. */
async function historyRefusal(tx: Db, assignmentId: string): Promise<CorrectOutcome | null> {
  const [event] = await tx
    .select({ id: assignmentEvents.id })
    .from(assignmentEvents)
    .where(eq(assignmentEvents.assignmentId, assignmentId))
    .limit(1);
  return event
    ? refused(
        'correction-has-history',
        'The assignment has a status history; cancel it instead of removing it',
      )
    : null;
}

/** Removes a register row of the document and closes the gap in the order after it. */
async function removeRow(tx: Db, documentId: string, assignmentId: string, index: number) {
  await tx.delete(assignments).where(eq(assignments.id, assignmentId));
  const later = tx
    .select({ id: assignments.id })
    .from(assignments)
    .where(and(eq(assignments.documentId, documentId), gt(assignments.ord, index)));
  await tx
    .update(assignments)
    .set({ ord: sql`${assignments.ord} - 1` })
    .where(inArray(assignments.id, later));
}

/**
 * The stored rows of the item, changed as the correction says; a refusal when it cannot be.
 * `index`: the item's place in the reading before; `after`: the reading after the change.
 */
async function applyToRows(
  tx: Db,
  doc: DocumentRow,
  c: CorrectionRef,
  index: number,
  after: ExtractedDocument,
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
      const refusal = await historyRefusal(tx, row.id);
      if (refusal) return refusal;
      await removeRow(tx, doc.id, row.id, index);
      return null;
    }
    case 'amount':
      return refused('correction-no-item', 'An assignment has no amount');
    case 'mergeInto': {
      const refusal = await historyRefusal(tx, row.id);
      if (refusal) return refusal;
      const key = change.value;
      const was = doc.extracted.assignments.findIndex((a) => assignmentKey(a) === key);
      const before = doc.extracted.assignments[was];
      const merged = after.assignments.find((a) => assignmentKey(a) === key);
      const [target] = await tx
        .select({ id: assignments.id })
        .from(assignments)
        .where(and(eq(assignments.documentId, doc.id), eq(assignments.ord, was)))
        .for('update');
      if (!target || !before || !merged) {
        return refused('correction-no-item', `The document has no assignment ${key}`);
      }
      await tx
        .update(assignments)
        .set({ body: merged.text, ...bump })
        .where(eq(assignments.id, target.id));
      const added = merged.deadlines.filter(
        (d) => !before.deadlines.some((b) => sameDeadline(b, d)),
      );
      if (added.length > 0) {
        await tx
          .insert(assignmentDeadlines)
          .values(deadlineRows(target.id, { ...merged, deadlines: added }));
      }
      await rewriteTextParts(tx, target.id, merged);
      await removeRow(tx, doc.id, row.id, index);
      return null;
    }
    case 'split': {
      const first = after.assignments[index];
      const second = after.assignments[index + 1];
      const was = doc.extracted.assignments[index];
      if (!first || !second || !was) {
        return refused('correction-no-item', `The document has no assignment ${c.itemKey}`);
      }
      const later = tx
        .select({ id: assignments.id })
        .from(assignments)
        .where(and(eq(assignments.documentId, doc.id), gt(assignments.ord, index)));
      await tx
        .update(assignments)
        .set({ ord: sql`${assignments.ord} + 1` })
        .where(inArray(assignments.id, later));
      await tx
        .update(assignments)
        .set({ body: first.text, ...bump })
        .where(eq(assignments.id, row.id));
      // The deadlines printed only in the second part leave the first.
      for (const d of was.deadlines) {
        if (!first.deadlines.some((f) => sameDeadline(f, d))) {
          await tx.delete(assignmentDeadlines).where(ownDeadlines(row.id, d));
        }
      }
      await rewriteTextParts(tx, row.id, first);
      const [created] = await tx
        .insert(assignments)
        .values({
          documentId: doc.id,
          agencyId: row.agencyId,
          year: row.year,
          ord: index + 1,
          printedId: null,
          registerId: second.assignedId,
          idAssigned: true,
          ownerDepartment: second.ownerDepartment,
          title: second.title,
          body: second.text,
          section: second.section,
          clarifies: null,
          change: null,
          ...span(second.provenance),
        })
        .returning({ id: assignments.id });
      if (second.deadlines.length > 0) {
        await tx.insert(assignmentDeadlines).values(deadlineRows(created!.id, second));
      }
      await rewriteTextParts(tx, created!.id, second);
      return null;
    }
  }
}
