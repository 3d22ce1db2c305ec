/**
 * Reviewing an import: how sure the importer is of each item, the keys items are named by, and
 * corrections applied to what was read. Pure.
 *
 * A correction names its item by a key that a re-import of the same letter gives again: an
 * assignment by its ID as read (printed, or given in order), an appropriation by chapter, post
 * and which of that post's rows it is. Applying the corrections of a series to a fresh reading
 * of the letter gives the corrected reading again, so a correction survives a re-import.
 *
 * Two corrections change how many assignments there are: `mergeInto` (an item is part of
 * another: its text, deadlines and the rest join that item's, and it leaves the list) and `split`
 * (an item is two: the paragraphs from `at` on become a new assignment). The new assignment of a
 * split is named by the ID the correction keeps (`splitAssignmentId`), so corrections made to it
 * later name it by that key and find it again after a re-import.
 */
import type {
  AppropriationLine,
  Assignment,
  DeadlineValue,
  ExtractedDocument,
} from '../contract/letter';
import { findAssignmentIds, formatAssignmentId, idPrefixFor, parseAssignmentId } from './ids';
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

/**
 * The review keys of the items that share lines with another, from the document's warnings
 * (`lines-read-twice`, src/import/parse/claims.ts): the review marks them less sure.
 */
export function keysSharingLines(
  warnings: readonly { code: string; params: Record<string, string | number> }[],
): Set<string> {
  const keys = new Set<string>();
  for (const w of warnings) {
    if (w.code !== 'lines-read-twice') continue;
    for (const k of [w.params.firstKey, w.params.secondKey]) if (typeof k === 'string') keys.add(k);
  }
  return keys;
}

export function assignmentConfidence(
  a: Assignment,
  opts: { clarifiedFound?: boolean; sharesLines?: boolean } = {},
): { confidence: ItemReview['confidence']; reasons: ConfidenceReason[] } {
  const reasons: ConfidenceReason[] = [];
  if (a.id === null) reasons.push('id-assigned');
  if (a.text.trim() === '') reasons.push('listed-only');
  if (a.ownerDepartment === null) reasons.push('no-owner');
  if (a.deadlines.length === 0 && a.text.trim() !== '') reasons.push('no-deadline');
  if (a.deadlines.some((d) => d.date === null)) reasons.push('deadline-undetermined');
  if (a.clarifies !== null && opts.clarifiedFound === false) reasons.push('clarifies-unknown');
  if (opts.sharesLines) reasons.push('shares-lines');
  return { confidence: reasons.length === 0 ? 'high' : 'low', reasons };
}

export function appropriationConfidence(
  r: AppropriationLine,
  opts: { sharesLines?: boolean } = {},
): {
  confidence: ItemReview['confidence'];
  reasons: ConfidenceReason[];
} {
  const reasons: ConfidenceReason[] = [];
  if (r.fromText) reasons.push('read-from-prose');
  const c = r.changeRow;
  if (c && c.previous !== null && c.total !== null && c.previous + r.amount !== c.total) {
    reasons.push('change-row-mismatch');
  }
  if (opts.sharesLines) reasons.push('shares-lines');
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
  if (c.change.field === 'mergeInto') return mergeInto(doc, index, c.change.value);
  if (c.change.field === 'split') return split(doc, index, c.change);
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
    // An assignment has no amount; a merge or split changes more than one item (applyCorrection).
    case 'amount':
    case 'mergeInto':
    case 'split':
      return 'no-item';
  }
}

/**
 * The paragraphs of an assignment's text, as a split counts them (0-based). The importer keeps
 * one paragraph or list item per line (src/import/parse/assign-text.ts `linesToText` joins them
 * with a single newline); a blank line between them is one boundary too. Blank parts do not
 * count.
 */
export function assignmentParagraphs(text: string): string[] {
  return text
    .split('\n')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** Paragraphs joined the way the importer stores an assignment's text. */
const joinParagraphs = (paragraphs: readonly string[]): string => paragraphs.join('\n');

/**
 * The ID a split gives its new assignment, as Tildel gives an ID the letter does not print
 * (`TB{year}-{nn}` in a letter, `TTB{year}-{nn}` in a supplement): the number after the highest
 * of that prefix and year among the reading's IDs and `taken` (the register's, of every
 * document of the agency and every version of this one). After the highest, not in a gap: the
 * letter's own unprinted assignments are numbered from 1 in order, so a re-import of the same
 * letter never gives one of them this ID, and an ID Tildel gave once is never given again.
 */
export function splitAssignmentId(
  doc: Pick<ExtractedDocument, 'kind' | 'year' | 'assignments'>,
  taken: Iterable<string> = [],
): string {
  const prefix = idPrefixFor(doc.kind);
  let highest = 0;
  const ids = [...doc.assignments.flatMap((a) => [a.id, a.assignedId]), ...taken];
  for (const text of ids) {
    const id = text === null ? null : parseAssignmentId(text);
    if (id && id.prefix === prefix && id.year === doc.year) highest = Math.max(highest, id.seq);
  }
  return formatAssignmentId({ prefix, year: doc.year, seq: highest + 1 });
}

/** True when some assignment of the reading is known by `id` (printed, given or as its key). */
const holdsId = (doc: Pick<ExtractedDocument, 'assignments'>, id: string): boolean =>
  doc.assignments.some((a) => a.id === id || a.assignedId === id);

/**
 * Which of two parts of a text an item goes with, by where it is printed: the second part when
 * only that part prints it, both when both do, else (the first part, or neither) the first.
 */
function sideOf(inFirst: boolean, inSecond: boolean): 'first' | 'second' | 'both' {
  if (inSecond) return inFirst ? 'both' : 'second';
  return 'first';
}

function divide<T>(items: readonly T[], side: (item: T) => 'first' | 'second' | 'both') {
  const first: T[] = [];
  const second: T[] = [];
  for (const item of items) {
    const s = side(item);
    if (s !== 'second') first.push(item);
    if (s !== 'first') second.push(item);
  }
  return { first, second };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Whether `text` prints `phrase` as words of their own (`1. april` is not in `11. april`). */
function prints(text: string, phrase: string): boolean {
  if (phrase === '') return false;
  for (let i = text.indexOf(phrase); i !== -1; i = text.indexOf(phrase, i + 1)) {
    const before = text.charAt(i - 1);
    const after = text.charAt(i + phrase.length);
    const edge = (c: string, inner: string) =>
      c === '' || !WORD_CHAR.test(c) || !WORD_CHAR.test(inner);
    if (edge(before, phrase.charAt(0)) && edge(after, phrase.charAt(phrase.length - 1))) {
      return true;
    }
  }
  return false;
}

/**
 * Cuts the assignment at `index` in two before paragraph `at`. The second part is a new
 * assignment (inserted after it) titled as the correction says, with the ID the correction
 * keeps (or, when it keeps none, `splitAssignmentId` of this reading), the owner and section
 * copied; deadlines, sub-assignments, collaborators, references and funding go with the part
 * that prints them (both when both do; the first when neither does). The new assignment is a
 * new one even when the item changes an earlier assignment (`clarifies`): the change stays
 * with the first part. Not applicable (`no-item`) when the text has no paragraph `at` after
 * the first, or the reading already has an assignment with the new ID (the letter changed).
 */
function split(
  doc: ExtractedDocument,
  index: number,
  change: Extract<CorrectionChange, { field: 'split' }>,
): ApplyOutcome {
  const a = doc.assignments[index]!;
  const paragraphs = assignmentParagraphs(a.text);
  if (change.at < 1 || change.at >= paragraphs.length) return { kind: 'no-item' };
  const newId = change.id ?? splitAssignmentId(doc);
  if (holdsId(doc, newId)) return { kind: 'no-item' };
  const firstText = joinParagraphs(paragraphs.slice(0, change.at));
  const secondText = joinParagraphs(paragraphs.slice(change.at));
  const printed = (s: string) => sideOf(prints(firstText, s), prints(secondText, s));
  const deadlines = divide(a.deadlines, (d) => printed(d.text));
  const subs = divide(a.subAssignments, (s) => printed(s.text));
  const collaborators = divide(a.collaborators, printed);
  const firstIds = findAssignmentIds(firstText);
  const secondIds = findAssignmentIds(secondText);
  const references = divide(a.references, (r) =>
    sideOf(firstIds.includes(r), secondIds.includes(r)),
  );
  const funding = divide(a.funding, (f) => printed(String(f.chapter)));
  const first: Assignment = {
    ...a,
    text: firstText,
    deadlines: deadlines.first,
    subAssignments: subs.first,
    collaborators: collaborators.first,
    references: references.first,
    funding: funding.first,
  };
  const second: Assignment = {
    id: null,
    assignedId: newId,
    ownerDepartment: a.ownerDepartment,
    title: change.title,
    text: secondText,
    deadlines: deadlines.second,
    subAssignments: subs.second,
    collaborators: collaborators.second,
    references: references.second.filter((r) => r !== newId),
    funding: funding.second,
    section: a.section,
    background: null,
    clarifies: null,
    provenance: a.provenance,
  };
  const assignments = [
    ...doc.assignments.slice(0, index),
    first,
    second,
    ...doc.assignments.slice(index + 1),
  ];
  return { kind: 'applied', doc: { ...doc, assignments }, index, before: a.text };
}

const union = <T>(a: readonly T[], b: readonly T[], key: (x: T) => string): T[] => {
  const seen = new Set(a.map(key));
  return [...a, ...b.filter((x) => !seen.has(key(x)))];
};

/**
 * Merges the assignment at `index` into the one named `targetKey`: the target keeps its ID,
 * title, owner and place; the merged one's text is appended to its text as a paragraph (none
 * when it has no text), and its deadlines, sub-assignments, collaborators, references and
 * funding are added to the target's (those the target has already, once). Not applicable
 * (`no-item`) when the reading has no such target (it was removed or merged itself: the letter
 * or the corrections before changed) or names the item itself.
 */
function mergeInto(doc: ExtractedDocument, index: number, targetKey: string): ApplyOutcome {
  const a = doc.assignments[index]!;
  const t = doc.assignments.findIndex((x) => assignmentKey(x) === targetKey);
  const target = doc.assignments[t];
  if (!target || t === index) return { kind: 'no-item' };
  const ownKey = assignmentKey(target);
  const merged: Assignment = {
    ...target,
    text: joinParagraphs([...assignmentParagraphs(target.text), ...assignmentParagraphs(a.text)]),
    deadlines: union(
      target.deadlines,
      a.deadlines,
      (d) => `${d.text}|${d.appliesTo ?? ''}|${d.date ?? ''}`,
    ),
    subAssignments: union(target.subAssignments, a.subAssignments, (s) => s.letter),
    collaborators: union(target.collaborators, a.collaborators, (c) => c),
    references: union(target.references, a.references, (r) => r).filter(
      (r) => r !== ownKey && r !== assignmentKey(a),
    ),
    funding: union(target.funding, a.funding, (f) => `${f.chapter}.${f.post ?? ''}`),
  };
  const assignments = doc.assignments.flatMap((x, i) =>
    i === index ? [] : i === t ? [merged] : [x],
  );
  return { kind: 'applied', doc: { ...doc, assignments }, index, before: null };
}

/**
 * The corrections of a series applied in order to a fresh reading. Those whose item the reading
 * no longer has are returned as `unmatched` (the letter changed; also a merge whose target is
 * gone, a split whose paragraph is gone or whose new ID the letter now uses); those already true
 * are kept. In the order they were made: a correction of a split's new assignment is made after
 * the split, so the split has made the item when it comes.
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
    // The other item a merge or split changes was changed by a person too.
    const other =
      c.change.field === 'mergeInto'
        ? c.change.value
        : c.change.field === 'split'
          ? (c.change.id ?? null)
          : null;
    if (other !== null) {
      const otherKey = `${c.itemKind}:${other}`;
      const its = out.get(otherKey) ?? [];
      if (!its.includes(c.change.field)) its.push(c.change.field);
      out.set(otherKey, its);
    }
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
  sharing: ReadonlySet<string> = new Set(),
): number {
  const corrected = correctedFields(corrections);
  const open = (kind: CorrectionItemKind, key: string, confidence: ItemReview['confidence']) =>
    confidence === 'low' && !corrected.has(`${kind}:${key}`);
  const keys = appropriationKeys(doc.appropriations);
  let n = 0;
  doc.assignments.forEach((a, i) => {
    const key = assignmentKey(a);
    const { confidence } = assignmentConfidence(a, {
      clarifiedFound: clarifiedFound(i),
      sharesLines: sharing.has(`assignment:${key}`),
    });
    if (open('assignment', key, confidence)) n++;
  });
  doc.appropriations.forEach((r, i) => {
    const key = keys[i]!;
    const sharesLines = sharing.has(`appropriation:${key}`);
    if (open('appropriation', key, appropriationConfidence(r, { sharesLines }).confidence)) n++;
  });
  return n;
}
