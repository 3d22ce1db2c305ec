/**
 * Rules of a letter written in Tildel (pure): what its typed deadlines mean, its sums, what
 * stops it from being issued, the IDs it gets at issue, next year's draft made from this
 * year's letter, what changed between two rounds of consultation, and whether what was
 * issued reads back as written. The contract's `DraftContent` is what an officer edits.
 */
import type {
  DraftAppropriation,
  DraftChange,
  DraftContent,
  DraftDeadline,
  DraftGoal,
} from '../contract/draft';
import { subKey, subLetter } from '../contract/draft';
import type { DocumentKind, DraftProblem } from '../contract/enums';
import { emptyRichText, richText } from '../contract/rich-text';
import type { ExtractedDocument } from '../contract/letter';
import { deadlineDate, parseDeadline } from './deadline';
import { dayFlags } from './holidays';
import { assignIds } from './ids';
import { postLabel, readLineNote, sumAmounts, type Ledger } from './ledger';

export const emptyDraft = (): DraftContent => ({
  subject: '',
  preamble: emptyRichText(),
  appropriations: [],
  goals: [],
  assignments: [],
  carriedOver: [],
  calendar: [],
  assignmentChanges: [],
  signatories: [],
  language: 'nb',
});

/** What a typed deadline phrase means in the draft's budget year. */
export function readDeadline(phrase: string, year: number): DraftDeadline {
  const value = parseDeadline(phrase, { year });
  const date = deadlineDate(value);
  const flags = date ? dayFlags(date) : null;
  return {
    phrase,
    value,
    date,
    closed: flags && !flags.workingDay ? { weekend: flags.weekend, holiday: flags.holiday } : null,
  };
}

export interface DraftDerived {
  deadlines: Record<string, DraftDeadline>;
  calendar: DraftDeadline[];
  chapterTotals: { chapter: number; amount: number }[];
  total: number;
  problems: { code: DraftProblem; item: string | null }[];
}

/**
 * What the server derives from a draft. `register`: the IDs of the agency's register that the
 * draft's changes of earlier assignments name and that are there (src/services/drafts.ts); a
 * change naming one not in it is a problem. Without it (no register at hand) that is not checked.
 * `unread`: per assignment key, its collaborators and funding lines (in words) that the importer
 * would not read back from the letter (src/services/drafts.ts `unreadDetails`); each a problem.
 */
export function deriveDraft(
  kind: DocumentKind,
  year: number,
  c: DraftContent,
  register?: ReadonlySet<string>,
  unread?: ReadonlyMap<string, readonly string[]>,
): DraftDerived {
  const deadlines: Record<string, DraftDeadline> = {};
  for (const a of c.assignments) {
    if (a.deadline.trim()) deadlines[a.key] = readDeadline(a.deadline, year);
    a.subAssignments.forEach((s, i) => {
      if (s.deadline.trim()) deadlines[subKey(a.key, i)] = readDeadline(s.deadline, year);
    });
  }
  for (const ch of c.assignmentChanges ?? []) {
    if (ch.kind === 'deadline' && ch.deadline.trim()) {
      deadlines[ch.key] = readDeadline(ch.deadline, year);
    }
  }
  const byChapter = new Map<number, number>();
  for (const l of c.appropriations) {
    byChapter.set(l.chapter, (byChapter.get(l.chapter) ?? 0) + l.amount);
  }
  const chapterTotals = [...byChapter]
    .sort(([a], [b]) => a - b)
    .map(([chapter, amount]) => ({ chapter, amount }));
  return {
    deadlines,
    calendar: c.calendar.map((item) => readDeadline(item.when, year)),
    chapterTotals,
    total: chapterTotals.reduce((s, t) => s + t.amount, 0),
    problems: problemsOf(kind, year, c, register, unread),
  };
}

function problemsOf(
  kind: DocumentKind,
  year: number,
  c: DraftContent,
  register: ReadonlySet<string> | undefined,
  unread: ReadonlyMap<string, readonly string[]> | undefined,
): DraftDerived['problems'] {
  const problems: DraftDerived['problems'] = [];
  const seen = new Set<string>();
  for (const l of c.appropriations) {
    const post = `${l.chapter}.${String(l.post).padStart(2, '0')}`;
    if (seen.has(post)) problems.push({ code: 'appropriation-duplicate', item: post });
    seen.add(post);
    if (kind === 'allocation-letter' && l.amount < 0) {
      problems.push({ code: 'appropriation-negative', item: post });
    }
    if (kind === 'supplement' && !l.kind && lineReason(l) !== '') {
      problems.push({ code: 'appropriation-kind-missing', item: post });
    }
  }
  for (const a of c.assignments) {
    if (a.subAssignments.length === 1)
      problems.push({ code: 'sub-assignment-alone', item: a.title });
    for (const what of unread?.get(a.key) ?? []) {
      problems.push({ code: 'assignment-detail-unreadable', item: `${a.title}: ${what}` });
    }
  }
  for (const ch of c.assignmentChanges ?? []) {
    if (kind === 'allocation-letter') {
      problems.push({ code: 'assignment-change-in-letter', item: ch.ref });
      continue;
    }
    if (register && !register.has(ch.ref)) {
      problems.push({ code: 'assignment-change-unknown', item: ch.ref });
    }
    if (ch.kind === 'deadline' && readDeadline(ch.deadline, year).date === null) {
      problems.push({ code: 'assignment-change-deadline-unreadable', item: ch.ref });
    }
  }
  if (
    c.appropriations.length === 0 &&
    c.assignments.length === 0 &&
    (c.assignmentChanges ?? []).length === 0
  ) {
    problems.push({ code: 'nothing-to-issue', item: null });
  }
  if (c.signatories.length === 0) problems.push({ code: 'no-signatory', item: null });
  return problems;
}

/**
 * The IDs a draft's assignments get at issue, in order: the next free `TB{year}-{nn}` (letter)
 * or `TTB{year}-{nn}` (supplement) after every ID the register already holds for the year.
 */
export function issueIds(
  count: number,
  kind: DocumentKind,
  year: number,
  taken: ReadonlySet<string>,
): string[] {
  return assignIds(Array<string | null>(count).fill(null), kind, year, taken);
}

/** Years printed in a text moved one year on (`Årsrapport for 2026` → `… 2027`). */
export function nextYearText(text: string, year: number): string {
  return text.replace(/\b(\d{4})\b/g, (m, y: string) => {
    const n = Number(y);
    return n >= year - 2 && n <= year + 1 ? String(n + 1) : m;
  });
}

/** What next year's draft takes from this year's letter. */
export interface LastYearLetter {
  year: number;
  preamble: string | null;
  goals: DraftGoal[];
  /** Assignments of the year (and earlier ones carried into it) not finished: carried over. */
  unfinished: { id: string; title: string }[];
  calendar: { when: string; text: string }[];
  signatories: { name: string; title: string }[];
}

/**
 * Next year's draft from this year's letter: the goals and steering parameters stay (they
 * should be stable over years), unfinished assignments are listed as carried over, the
 * calendar moves one year on (the officer sees the weekend and holiday warnings of the new
 * dates), and the preamble's years move on. Money and new assignments are next year's to write.
 */
export function draftFromLastYear(last: LastYearLetter): DraftContent {
  const move = (text: string) => nextYearText(text, last.year);
  return {
    ...emptyDraft(),
    // The letter's text as read: its paragraphs (and `• ` lines) as the draft's rich prose.
    preamble: richText(last.preamble ? move(last.preamble).slice(0, 5_000) : ''),
    goals: last.goals
      .map((g) => ({
        title: oneLine(g.title, 300),
        steeringParameters: lines(g.steeringParameters, 300, 20),
        keyFigures: lines(g.keyFigures, 300, 20),
      }))
      .filter((g) => g.title !== '')
      .slice(0, 50),
    carriedOver: last.unfinished
      .filter((u) => /^R?T{1,2}B\d{4}-\d{1,3}$/.test(u.id))
      .map((u) => ({ id: u.id, title: oneLine(u.title, 300) }))
      .slice(0, 300),
    calendar: last.calendar
      .map((c) => ({ when: oneLine(move(c.when), 100), text: oneLine(move(c.text), 500) }))
      .filter((c) => c.when !== '' && c.text !== '')
      .slice(0, 100),
    signatories: last.signatories
      .map((p) => ({ name: oneLine(p.name, 200), title: oneLine(p.title, 200) }))
      .filter((p) => p.name !== '')
      .slice(0, 4),
  };
}

/**
 * A text read from a letter as one line within a draft field's length (the contract's limits):
 * what the importer read may span lines or run long.
 */
const oneLine = (text: string, max: number) => text.replace(/\s+/g, ' ').trim().slice(0, max);
const lines = (list: readonly string[], max: number, count: number) =>
  list
    .map((t) => oneLine(t, max))
    .filter((t) => t !== '')
    .slice(0, count);

/** What an issued draft must read back as: the facts the letter was written with. */
export interface WrittenFacts {
  kind: DocumentKind;
  year: number;
  number: number | null;
  date: string;
  agency: string;
  ids: string[];
  content: DraftContent;
  /** A supplement's totals tables (empty for a letter). */
  totals: TotalsTable[];
}

/**
 * Where the letter as read back from its own file differs from what was written, in words
 * for the officer (empty when every appropriation, assignment, deadline, goal and calendar
 * row came back). Issuing refuses a letter that does not read back: the record would
 * otherwise differ from the letter the agency receives.
 */
export function readBackDifferences(w: WrittenFacts, read: ExtractedDocument): string[] {
  const out: string[] = [];
  const same = (what: string, wrote: unknown, got: unknown) => {
    const a = JSON.stringify(wrote);
    const b = JSON.stringify(got);
    if (a !== b) out.push(`${what}: wrote ${a}, read ${b}`);
  };
  same('kind', w.kind, read.kind);
  same('year', w.year, read.year);
  same('number', w.number, read.number);
  same('date', w.date, read.date);
  same('agency', w.agency, read.agency);
  const c = w.content;
  same(
    'appropriations',
    c.appropriations.map((l) => [l.chapter, l.post, l.postName, l.notes, l.amount]),
    read.appropriations.map((l) => [l.chapter, l.post, l.postName, l.notes, l.amount]),
  );
  // A supplement's line prints its kind and reason as the row's note.
  if (w.kind === 'supplement') {
    same(
      'appropriation notes',
      c.appropriations.map((l) => [l.kind ?? null, lineReason(l)]),
      read.appropriations.map((l) => {
        const note = readLineNote(l.comment);
        return [note.kind, note.reason];
      }),
    );
  }
  same(
    'goals',
    c.goals.map((g) => g.title),
    read.goals.map((g) => g.title),
  );
  same(
    'steering parameters',
    c.goals.flatMap((g) => [
      ...g.steeringParameters.map((t) => ['styringsparameter', t]),
      ...g.keyFigures.map((t) => ['nøkkeltall', t]),
    ]),
    read.steeringParameters.map((p) => [p.kind, p.text]),
  );
  const deadlineDates = (a: DraftContent['assignments'][number], year: number) => [
    ...a.subAssignments.flatMap((s, i) =>
      s.deadline.trim() ? [[subLetter(i), readDeadline(s.deadline, year).date]] : [],
    ),
    ...(a.deadline.trim() ? [[null, readDeadline(a.deadline, year).date]] : []),
  ];
  same(
    'assignments',
    c.assignments.map((a, i) => [
      w.ids[i],
      a.ownerDepartment,
      a.title,
      a.subAssignments.length,
      deadlineDates(a, w.year),
      a.references,
    ]),
    read.assignments
      .filter((a) => a.clarifies === null)
      .map((a) => [
        a.assignedId,
        a.ownerDepartment,
        a.title,
        a.subAssignments.length,
        a.deadlines.map((d) => [d.appliesTo, d.date]),
        a.references,
      ]),
  );
  // Collaborators and funding: every one written must be read back for its assignment. The read
  // lists may hold more, which the importer found in the officer's own text (`sammen med KS`,
  // `kap. 740 post 01`), so what is compared is "written ⊆ read", not equality.
  const fresh = read.assignments.filter((a) => a.clarifies === null);
  c.assignments.forEach((a, i) => {
    const got = fresh[i];
    const unread = (wrote: string[], reads: string[]) => wrote.filter((x) => !reads.includes(x));
    const names = unread(printedNames(a.collaborators), got?.collaborators ?? []);
    const funding = unread(
      a.funding.map((l) => `${l.chapter}.${l.post ?? ''}`),
      (got?.funding ?? []).map((l) => `${l.chapter}.${l.post ?? ''}`),
    );
    if (names.length > 0) {
      out.push(`collaborators of ${w.ids[i]}: wrote ${JSON.stringify(names)}, not read back`);
    }
    if (funding.length > 0) {
      out.push(`funding of ${w.ids[i]}: wrote ${JSON.stringify(funding)}, not read back`);
    }
  });
  same(
    'assignment changes',
    (c.assignmentChanges ?? []).map((ch) => [
      ch.ref,
      ch.kind,
      ch.kind === 'deadline' ? [readDeadline(ch.deadline, w.year).date] : [],
    ]),
    read.assignments
      .filter((a) => a.clarifies !== null)
      // The text may speak of the deadline (`Fristen flyttes …`): only dated ones are compared.
      .map((a) => [
        a.clarifies,
        a.change ?? 'clarification',
        a.deadlines.flatMap((d) => (d.date ? [d.date] : [])),
      ]),
  );
  same(
    'carried over',
    c.carriedOver.map((o) => o.id),
    read.carriedOver.map((o) => o.id),
  );
  same(
    'calendar',
    c.calendar.map((item) => [readDeadline(item.when, w.year).date, item.text]),
    read.calendar.map((item) => [item.date, item.text]),
  );
  same(
    'totals',
    w.totals.map((t) => [t.chapter, t.post, t.rows.map((r) => [r.label, r.amount]), t.total]),
    read.totalsClaimed.map((t) => [
      t.chapter,
      t.post,
      t.rows.map((r) => [r.label, r.amount]),
      t.total?.amount ?? null,
    ]),
  );
  same(
    'signatories',
    c.signatories.map((s) => s.name),
    read.signatories.map((s) => s.name),
  );
  return out;
}

/** An assignment's collaborators as printed: white space folded, empty ones left out. */
export const printedNames = (names: readonly string[]) =>
  names.map((n) => n.replace(/\s+/g, ' ').trim()).filter((n) => n !== '');

/** A supplement line's reason as printed: one line, trimmed. */
export const lineReason = (l: Pick<DraftAppropriation, 'reason'>) =>
  (l.reason ?? '').replace(/\s+/g, ' ').trim();

/** One post's "total allocation so far" table in a supplement: every document's part, derived. */
export interface TotalsTable {
  chapter: number;
  post: number;
  rows: { label: string; amount: number }[];
  total: number;
}

/**
 * The totals tables a supplement prints for the posts it changes: what the ledger of the
 * agency's year holds for each post (the letter, then each earlier supplement, by title) and
 * this supplement's change, with their sum. Derived from the record, never typed.
 */
export function supplementTotals(
  ledger: Pick<Ledger, 'documents' | 'expenses' | 'income'>,
  changes: readonly DraftAppropriation[],
  title: string,
): TotalsTable[] {
  const posts = [...ledger.expenses, ...ledger.income];
  return changes.map((c) => {
    const post = posts.find((p) => p.chapter === c.chapter && p.post === c.post);
    const rows = (post?.entries ?? []).map((e) => ({
      label: ledger.documents[e.document]?.title ?? '',
      amount: e.amount,
    }));
    rows.push({ label: title, amount: c.amount });
    return { chapter: c.chapter, post: c.post, rows, total: sumAmounts(rows.map((r) => r.amount)) };
  });
}

const postKey = (l: { chapter: number; post: number }) =>
  `${l.chapter}.${String(l.post).padStart(2, '0')}`;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What changed from one round of a draft to the next, part by part: the preamble, each post
 * (by chapter and post; its kind and reason too), goal (by title), assignment (by its key),
 * change of an earlier assignment (by its key), carried-over item, calendar row and the
 * signatures. `before` null: the first round, everything is new.
 */
export function describeChanges(before: DraftContent | null, after: DraftContent): DraftChange[] {
  const out: DraftChange[] = [];
  const b = before ?? emptyDraft();
  if (!same(b.preamble, after.preamble)) {
    out.push({ item: 'preamble', kind: 'changed', label: '' });
  }
  const keyed = <T>(
    item: (t: T) => string,
    key: (t: T) => string,
    label: (t: T) => string,
    was: readonly T[],
    now: readonly T[],
  ) => {
    const old = new Map(was.map((t) => [key(t), t]));
    const fresh = new Map(now.map((t) => [key(t), t]));
    for (const [k, t] of fresh) {
      const prior = old.get(k);
      if (!prior) out.push({ item: item(t), kind: 'added', label: label(t) });
      else if (!same(prior, t)) out.push({ item: item(t), kind: 'changed', label: label(t) });
    }
    for (const [k, t] of old) {
      if (!fresh.has(k)) out.push({ item: item(t), kind: 'removed', label: label(t) });
    }
  };
  keyed(
    () => 'appropriations',
    postKey,
    (l) => postLabel(l.chapter, l.post),
    b.appropriations,
    after.appropriations,
  );
  keyed(
    () => 'goals',
    (g) => g.title,
    (g) => g.title,
    b.goals,
    after.goals,
  );
  keyed(
    (a) => `assignment:${a.key}`,
    (a) => a.key,
    (a) => a.title,
    b.assignments,
    after.assignments,
  );
  keyed(
    () => 'assignments',
    (o) => o.id,
    (o) => o.id,
    b.carriedOver,
    after.carriedOver,
  );
  keyed(
    () => 'assignmentChanges',
    (ch) => ch.key,
    (ch) => ch.ref,
    b.assignmentChanges ?? [],
    after.assignmentChanges ?? [],
  );
  keyed(
    () => 'calendar',
    (c) => `${c.when}|${c.text}`,
    (c) => `${c.when}: ${c.text}`,
    b.calendar,
    after.calendar,
  );
  if (!same(b.signatories, after.signatories)) {
    out.push({ item: 'signatories', kind: 'changed', label: '' });
  }
  return out;
}
