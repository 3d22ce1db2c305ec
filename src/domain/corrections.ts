/**
 * Reviewing an import: how sure the importer is of each item, the keys items are named by, and
 * corrections applied to what was read. Pure.
 *
 * A correction names its item by a key that a re-import of the same letter gives again: an
 * assignment by its ID as read (printed, or given in order), an appropriation by chapter, post
 * and which of that post's rows it is. Applying the corrections of a series to a fresh reading
 * of the letter gives the corrected reading again, so a correction survives a re-import.
 */
import type {
  AppropriationLine,
  Assignment,
  DeadlineValue,
  ExtractedDocument,
} from '../contract/letter';
import type {
  ConfidenceReason,
  CorrectionChange,
  CorrectionItemKind,
  ItemReview,
} from '../contract/review';

export const assignmentKey = (a: Pick<Assignment, 'id' | 'assignedId'>): string =>
  a.id ?? a.assignedId;

/** `760.21#0`: the first row of kap. 760 post 21 in the document. */
export function appropriationKeys(rows: readonly Pick<AppropriationLine, 'chapter' | 'post'>[]) {
  const seen = new Map<string, number>();
  return rows.map((r) => {
    const post = `${r.chapter}.${String(r.post).padStart(2, '0')}`;
    const n = seen.get(post) ?? 0;
    seen.set(post, n + 1);
    return `${post}#${n}`;
  });
}

export function assignmentConfidence(
  a: Assignment,
  opts: { clarifiedFound?: boolean } = {},
): { confidence: ItemReview['confidence']; reasons: ConfidenceReason[] } {
  const reasons: ConfidenceReason[] = [];
  if (a.id === null) reasons.push('id-assigned');
  if (a.text.trim() === '') reasons.push('listed-only');
  if (a.ownerDepartment === null) reasons.push('no-owner');
  if (a.deadlines.length === 0 && a.text.trim() !== '') reasons.push('no-deadline');
  if (a.deadlines.some((d) => d.date === null)) reasons.push('deadline-undetermined');
  if (a.clarifies !== null && opts.clarifiedFound === false) reasons.push('clarifies-unknown');
  return { confidence: reasons.length === 0 ? 'high' : 'low', reasons };
}

export function appropriationConfidence(r: AppropriationLine): {
  confidence: ItemReview['confidence'];
  reasons: ConfidenceReason[];
} {
  const reasons: ConfidenceReason[] = [];
  if (r.fromText) reasons.push('read-from-prose');
  const c = r.changeRow;
  if (c && c.previous !== null && c.total !== null && c.previous + r.amount !== c.total) {
    reasons.push('change-row-mismatch');
  }
  return { confidence: reasons.length === 0 ? 'high' : 'low', reasons };
}

export interface CorrectionRef {
  itemKind: CorrectionItemKind;
  itemKey: string;
  change: CorrectionChange;
}

export type ApplyOutcome =
  /** `before`: the corrected field's value as it was (for the audit trail). */
  | { kind: 'applied'; doc: ExtractedDocument; index: number; before: unknown }
  /** No item has the key, or the change does not fit it (a deadline it does not print). */
  | { kind: 'no-item' }
  /** The change asks for what the item already is. */
  | { kind: 'no-change' };

/** One correction applied to a reading of the letter (a new object; the input is not changed). */
export function applyCorrection(doc: ExtractedDocument, c: CorrectionRef): ApplyOutcome {
  if (c.itemKind === 'appropriation') {
    const index = appropriationKeys(doc.appropriations).indexOf(c.itemKey);
    const row = doc.appropriations[index];
    if (!row || c.change.field !== 'amount') return { kind: 'no-item' };
    if (row.amount === c.change.value) return { kind: 'no-change' };
    const appropriations = doc.appropriations.map((r, i) =>
      i === index ? { ...r, amount: (c.change as { value: number }).value } : r,
    );
    return { kind: 'applied', doc: { ...doc, appropriations }, index, before: row.amount };
  }
  const index = doc.assignments.findIndex((a) => assignmentKey(a) === c.itemKey);
  const a = doc.assignments[index];
  if (!a) return { kind: 'no-item' };
  const changed = changeAssignment(a, c.change);
  if (changed === 'no-item' || changed === 'no-change') return { kind: changed };
  const { after, before } = changed;
  const assignments =
    after === null
      ? doc.assignments.filter((_, i) => i !== index)
      : doc.assignments.map((x, i) => (i === index ? after : x));
  return { kind: 'applied', doc: { ...doc, assignments }, index, before };
}

/** A deadline's value once a person has given its date, or said it has none. */
export function correctedDeadlineValue(phrase: string, date: string | null): DeadlineValue {
  return date === null ? { kind: 'undetermined', phrase } : { kind: 'exact', date };
}

/**
 * The assignment after the change (null when it is no assignment) with the field's value before;
 * or why nothing changed.
 */
function changeAssignment(
  a: Assignment,
  change: CorrectionChange,
): { after: Assignment | null; before: unknown } | 'no-item' | 'no-change' {
  switch (change.field) {
    case 'ownerDepartment':
      return a.ownerDepartment === change.value
        ? 'no-change'
        : { after: { ...a, ownerDepartment: change.value }, before: a.ownerDepartment };
    case 'title':
      return a.title === change.value
        ? 'no-change'
        : { after: { ...a, title: change.value }, before: a.title };
    case 'id':
      return a.id === change.value
        ? 'no-change'
        : {
            after: { ...a, id: change.value, assignedId: change.value },
            before: a.id ?? a.assignedId,
          };
    case 'notAnAssignment':
      return { after: null, before: false };
    case 'deadline': {
      const i = a.deadlines.findIndex(
        (d) => d.text === change.phrase && d.appliesTo === change.appliesTo,
      );
      const d = a.deadlines[i];
      if (!d) return 'no-item';
      if (d.date === change.value) return 'no-change';
      const fixed = {
        ...d,
        date: change.value,
        value: correctedDeadlineValue(d.text, change.value),
      };
      return {
        after: { ...a, deadlines: a.deadlines.map((x, k) => (k === i ? fixed : x)) },
        before: d.date,
      };
    }
    case 'amount':
      return 'no-item';
  }
}

/**
 * The corrections of a series applied in order to a fresh reading. Those whose item the reading
 * no longer has are returned as `unmatched` (the letter changed); those already true are kept.
 */
export function applyCorrections(
  doc: ExtractedDocument,
  corrections: readonly CorrectionRef[],
): { doc: ExtractedDocument; unmatched: CorrectionRef[] } {
  let current = doc;
  const unmatched: CorrectionRef[] = [];
  for (const c of corrections) {
    const out = applyCorrection(current, c);
    if (out.kind === 'applied') current = out.doc;
    else if (out.kind === 'no-item') unmatched.push(c);
  }
  return { doc: current, unmatched };
}

/** The fields corrected per item key, for showing which items a person has changed. */
export function correctedFields(corrections: readonly CorrectionRef[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of corrections) {
    const key = `${c.itemKind}:${c.itemKey}`;
    const fields = out.get(key) ?? [];
    if (!fields.includes(c.change.field)) fields.push(c.change.field);
    out.set(key, fields);
  }
  return out;
}

/**
 * What a review leaves open: the items of a reading the importer is unsure of (low confidence)
 * that no person has corrected, as the document page shows them (`ItemReview`). Issuing an
 * imported letter accepts these as read. `clarifiedFound(i)`: whether the i-th assignment's
 * change names an assignment Tildel has.
 */
export function openReviewItems(
  doc: Pick<ExtractedDocument, 'assignments' | 'appropriations'>,
  corrections: readonly CorrectionRef[],
  clarifiedFound: (index: number) => boolean,
): number {
  const corrected = correctedFields(corrections);
  const open = (kind: CorrectionItemKind, key: string, confidence: ItemReview['confidence']) =>
    confidence === 'low' && !corrected.has(`${kind}:${key}`);
  const keys = appropriationKeys(doc.appropriations);
  let n = 0;
  doc.assignments.forEach((a, i) => {
    const { confidence } = assignmentConfidence(a, { clarifiedFound: clarifiedFound(i) });
    if (open('assignment', assignmentKey(a), confidence)) n++;
  });
  doc.appropriations.forEach((r, i) => {
    if (open('appropriation', keys[i]!, appropriationConfidence(r).confidence)) n++;
  });
  return n;
}
