/**
 * The appropriation ledger of one agency and budget year: from the allocation letter and its
 * numbered supplements (an ordered series of ExtractedDocuments), per chapter and post, the
 * letter's amount, each supplement's change in order and the running total after each
 * document. Pure; amounts are integers in thousands of NOK as printed (never floats).
 *
 * Rules (see ledger.test.ts):
 * - The allocation letter's rows give the starting amount of a post; a supplement's rows are
 *   changes to it (the parser reports a supplement's money as the change it gives).
 * - Several printed rows for the same post in one document ADD UP: each row is a distinct part
 *   of the post's appropriation with its own purpose (the 2024 letter to Helsedirektoratet
 *   prints kap. 701 post 21 on five rows — 20 000, 21 400, 30 100, 4 000, 58 000 — with no
 *   total row; the post is their sum, 133 500). The exception is a row whose name or comment
 *   opens with `hvorav`/`herav`/`derav`/`av dette`: that row is a share of the rows above it
 *   and is kept as an earmark, never added.
 * - Earmarks (money earmarked inside a post, in text or as such rows) hang under their post and
 *   never add to it. Earmarks that name no chapter/post, or a post without an appropriation in
 *   the series, are kept apart (`unattachedEarmarks`).
 * - Income chapters (3000–5999: 3000/4000-series twins of expense chapters 3000 lower, and the
 *   5000-series taxes and fees) are kept apart from expense chapters; totals never mix them.
 * - Budget authorities are linked to the posts they name (a chapter without a post links to
 *   every post of that chapter in the ledger).
 * - A letter table that prints last year's figure beside this year's keeps both; the post
 *   exposes `previousYearAmount` and `changeFromPreviousYear`.
 * - A supplement's entry for a post has the kind its rows' notes name (`Omgruppering: …`,
 *   `readLineNote`), else the document's kind (`inferChangeKind`).
 */
import type {
  AppropriationLine,
  BudgetAuthority,
  ExtractedDocument,
  Provenance,
} from '../contract/letter';
import type { DocumentKind, SupplementLineKind } from '../contract/enums';
import { findScaledAmounts } from './money';

/** What a document does to a post. */
export const CHANGE_KINDS = [
  'allocation',
  'carry-over',
  'revised-budget',
  'regrouping',
  'new-task',
  'post-transfer',
  'unknown',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

// Their words in each language: the locale files' `ledgerExport.changeKind` (src/locales).

export type Side = 'expense' | 'income';

export interface LedgerDocument {
  /** Position in the series (0 = the first document, normally the allocation letter). */
  index: number;
  kind: DocumentKind;
  number: number | null;
  title: string;
  date: string | null;
  /** What the document does to money, inferred from its title and text. */
  changeKind: ChangeKind;
  provenance: Provenance;
}

export interface LedgerRow {
  amount: number;
  previousYearAmount: number | null;
  postName: string;
  comment: string | null;
  provenance: Provenance;
}

/** One document's contribution to a post. */
export interface LedgerEntry {
  document: number;
  kind: ChangeKind;
  /** The letter's amount, or the supplement's change (sum of its rows for the post). */
  amount: number;
  /** The post's total after this document. */
  runningTotal: number;
  previousYearAmount: number | null;
  rows: LedgerRow[];
}

export interface LedgerEarmark {
  document: number;
  chapter: number | null;
  post: number | null;
  amount: number;
  text: string;
  /** `text`: from running text; `row`: a `hvorav` row of an appropriation table. */
  source: 'text' | 'row';
  provenance: Provenance;
}

export interface LedgerPost {
  chapter: number;
  post: number;
  side: Side;
  chapterName: string | null;
  postName: string;
  notes: string[];
  /** The allocation letter's amount, or null when the letter gives nothing on this post. */
  letterAmount: number | null;
  /** Last year's figure where the letter prints one. */
  previousYearAmount: number | null;
  /** letterAmount − previousYearAmount, where both are known. */
  changeFromPreviousYear: number | null;
  /** One entry per contributing document, in series order. */
  entries: LedgerEntry[];
  total: number;
  earmarks: LedgerEarmark[];
  /** Indexes into Ledger.authorities. */
  authorities: number[];
}

export interface LedgerChapter {
  chapter: number;
  side: Side;
  name: string | null;
  /** The expense chapter of an income chapter (3701 → 701), or the income twin of an expense
   *  chapter that appears in the ledger (701 → 3701); null otherwise. */
  twinChapter: number | null;
  posts: number[];
  total: number;
}

export interface LedgerAuthority {
  document: number;
  kind: string;
  text: string;
  /** The single scaled amount named in the text (`inntil 0,361 mill. kroner` → 361), if one. */
  amount: number | null;
  posts: Array<{ chapter: number; post: number | null; linked: boolean }>;
  provenance: Provenance;
}

export interface Ledger {
  agency: string | null;
  year: number | null;
  documents: LedgerDocument[];
  /** Expense posts, by chapter and post. */
  expenses: LedgerPost[];
  /** Income posts, by chapter and post. */
  income: LedgerPost[];
  chapters: LedgerChapter[];
  authorities: LedgerAuthority[];
  unattachedEarmarks: LedgerEarmark[];
  totals: { expense: number; income: number };
}

// ---------------------------------------------------------------------------------------------
// Integer arithmetic

/** Sum of whole amounts; throws RangeError when an amount or the sum is not a safe integer. */
export function sumAmounts(amounts: readonly number[]): number {
  let total = 0;
  for (const a of amounts) {
    if (!Number.isSafeInteger(a)) throw new RangeError(`Not a whole amount: ${a}`);
    total += a;
    if (!Number.isSafeInteger(total)) throw new RangeError('Amount out of range');
  }
  return total;
}

/** The running total after each change: [a, a+b, a+b+c, …]. */
export function runningTotals(changes: readonly number[]): number[] {
  const out: number[] = [];
  let total = 0;
  for (const c of changes) {
    total = sumAmounts([total, c]);
    out.push(total);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Classification

/** Income chapters: 3000–5999 (income twins of expense chapters, taxes and fees). */
export function sideOfChapter(chapter: number): Side {
  return chapter >= 3000 && chapter <= 5999 ? 'income' : 'expense';
}

/** 3701 → 701, 4700 → 1700; null for expense chapters and the 5000-series. */
export function expenseTwinOf(chapter: number): number | null {
  return chapter >= 3000 && chapter <= 4999 ? chapter - 3000 : null;
}

const EARMARK_ROW = /^\s*(?:hvorav|herav|derav|av dette|av disse)\b/iu;

/** A table row that is a share of the rows above it (`hvorav …`), not an addition. */
export function isEarmarkRow(row: Pick<AppropriationLine, 'postName' | 'comment'>): boolean {
  return EARMARK_ROW.test(row.postName) || EARMARK_ROW.test(row.comment ?? '');
}

const KIND_PATTERNS: ReadonlyArray<{ kind: ChangeKind; re: RegExp }> = [
  { kind: 'regrouping', re: /omgruppering/iu },
  { kind: 'revised-budget', re: /revidert|\bRNB\b/iu },
  {
    kind: 'carry-over',
    re: /overføringer fra|overførte midler|mindreforbruk|overført fra \d{4}/iu,
  },
  { kind: 'post-transfer', re: /omdisponering|flytting mellom poster/iu },
];

/**
 * The words a supplement's row note opens with to say what kind of change the row is (`Revidert
 * nasjonalbudsjett: …`), in bokmål and nynorsk: the letters Tildel writes print them so (the
 * locale files' `letter.lineKinds`, held to these by a test), and a row that names its kind so
 * is that kind in the ledger whatever the document's title says.
 */
export const LINE_KIND_WORDS: Record<SupplementLineKind, readonly string[]> = {
  'carry-over': ['overføring fra i fjor', 'overføring frå i fjor', 'overførte midler'],
  'revised-budget': ['revidert nasjonalbudsjett', 'revidert budsjett'],
  regrouping: ['omgruppering'],
  'new-task': ['ny oppgave', 'ny oppgåve', 'nye oppgaver', 'nye oppgåver'],
  'post-transfer': ['flytting mellom poster', 'flytting mellom postar', 'omdisponering'],
};

const LINE_KIND = new RegExp(
  `^(${Object.values(LINE_KIND_WORDS)
    .flat()
    .map((w) => w.replace(/\s+/g, '\\s+'))
    .join('|')})\\s*(?:[:.](?:\\s+|$)|$)`,
  'iu',
);

/**
 * A supplement row's note as Tildel prints it: the kind it opens with (null when it names
 * none) and the reason after it (the whole note when it names no kind; empty for no note).
 */
export function readLineNote(comment: string | null): {
  kind: SupplementLineKind | null;
  reason: string;
} {
  const note = (comment ?? '').replace(/\s+/g, ' ').trim();
  const m = LINE_KIND.exec(note);
  if (!m) return { kind: null, reason: note };
  const said = m[1]!.replace(/\s+/g, ' ').toLowerCase();
  const kind = (Object.keys(LINE_KIND_WORDS) as SupplementLineKind[]).find((k) =>
    LINE_KIND_WORDS[k].includes(said),
  );
  return { kind: kind ?? null, reason: note.slice(m[0].length).trim() };
}

/** The kind the rows of one document give a post, when they name one (all the same). */
function rowsKind(rows: readonly LedgerRow[]): ChangeKind | null {
  const kinds = new Set(rows.map((r) => readLineNote(r.comment).kind));
  const [only] = kinds;
  return kinds.size === 1 && only ? only : null;
}

function kindFromText(text: string): ChangeKind | null {
  for (const p of KIND_PATTERNS) if (p.re.test(text)) return p.kind;
  return null;
}

/**
 * What a supplement does to money: from its title first, then from its authorities, legal
 * basis and the text of its money rows; `new-task` for a supplement that gives money together
 * with new assignments; otherwise `unknown`.
 */
export function inferChangeKind(doc: ExtractedDocument): ChangeKind {
  if (doc.kind === 'allocation-letter') return 'allocation';
  const fromTitle = kindFromText(doc.title);
  if (fromTitle) return fromTitle;
  if (doc.budgetAuthorities.some((a) => /overføring/iu.test(a.kind))) return 'carry-over';
  const text = [
    ...doc.legalBasis,
    ...doc.appropriations.map((a) => a.comment ?? ''),
    ...doc.budgetAuthorities.map((a) => a.text),
  ].join('\n');
  const fromText = kindFromText(text);
  if (fromText) return fromText;
  if (doc.assignments.length > 0 && doc.appropriations.some((a) => a.amount > 0)) {
    return 'new-task';
  }
  return 'unknown';
}

// ---------------------------------------------------------------------------------------------
// Series order

/** The series in ledger order: allocation letter(s) first, then supplements by number
 *  (unnumbered supplements last); stable otherwise. */
export function orderSeries<T extends Pick<ExtractedDocument, 'kind' | 'number'>>(
  docs: readonly T[],
): T[] {
  const rank = (d: T) =>
    d.kind === 'allocation-letter' ? -1 : d.number === null ? Number.MAX_SAFE_INTEGER : d.number;
  return docs
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i)
    .map((x) => x.d);
}

// ---------------------------------------------------------------------------------------------
// Building

const key = (chapter: number, post: number) => `${chapter}.${post}`;

/** `kap. 700 post 01`, or `kap. 700` without a post: how Tildel names a post to a reader. */
export function postLabel(chapter: number, post: number | null): string {
  return post === null
    ? `kap. ${chapter}`
    : `kap. ${chapter} post ${String(post).padStart(2, '0')}`;
}

interface PostDraft {
  chapter: number;
  post: number;
  chapterName: string | null;
  postName: string;
  notes: string[];
  byDoc: Map<number, LedgerRow[]>;
  earmarks: LedgerEarmark[];
}

function singleAmount(text: string): number | null {
  const found = findScaledAmounts(text).matches;
  return found.length === 1 && found[0] ? found[0].amount : null;
}

/**
 * Builds the ledger from a series in order (letter first, then supplements by number; see
 * `orderSeries`). The order given is the order of the running totals.
 */
export function buildLedger(series: readonly ExtractedDocument[]): Ledger {
  const documents: LedgerDocument[] = series.map((d, index) => ({
    index,
    kind: d.kind,
    number: d.number,
    title: d.title,
    date: d.date,
    changeKind: inferChangeKind(d),
    provenance: d.provenance,
  }));

  const drafts = new Map<string, PostDraft>();
  const pendingEarmarks: LedgerEarmark[] = [];
  series.forEach((doc, index) => {
    for (const line of doc.appropriations) {
      const k = key(line.chapter, line.post);
      let draft = drafts.get(k);
      if (!draft) {
        draft = {
          chapter: line.chapter,
          post: line.post,
          chapterName: line.chapterName,
          postName: line.postName,
          notes: [...line.notes],
          byDoc: new Map(),
          earmarks: [],
        };
        drafts.set(k, draft);
      }
      draft.chapterName ??= line.chapterName;
      if (draft.postName === '' && line.postName !== '') draft.postName = line.postName;
      for (const n of line.notes) if (!draft.notes.includes(n)) draft.notes.push(n);
      if (isEarmarkRow(line)) {
        draft.earmarks.push({
          document: index,
          chapter: line.chapter,
          post: line.post,
          amount: line.amount,
          text: [line.postName, line.comment].filter(Boolean).join(' '),
          source: 'row',
          provenance: line.provenance,
        });
        continue;
      }
      const rows = draft.byDoc.get(index) ?? [];
      rows.push({
        amount: line.amount,
        previousYearAmount: line.previousYearAmount,
        postName: line.postName,
        comment: line.comment,
        provenance: line.provenance,
      });
      draft.byDoc.set(index, rows);
    }
    for (const e of doc.earmarks) {
      pendingEarmarks.push({
        document: index,
        chapter: e.chapter,
        post: e.post,
        amount: e.amount,
        text: e.text,
        source: e.fromTable ? 'row' : 'text',
        provenance: e.provenance,
      });
    }
  });

  const unattachedEarmarks: LedgerEarmark[] = [];
  for (const e of pendingEarmarks) {
    const draft = e.chapter !== null && e.post !== null ? drafts.get(key(e.chapter, e.post)) : null;
    if (draft) draft.earmarks.push(e);
    else unattachedEarmarks.push(e);
  }

  // Entries and running totals.
  const posts: LedgerPost[] = [];
  const kindNamed = new WeakSet<LedgerEntry>();
  for (const d of drafts.values()) {
    const docIndexes = [...d.byDoc.keys()].sort((a, b) => a - b);
    const amounts = docIndexes.map((i) => sumAmounts((d.byDoc.get(i) ?? []).map((r) => r.amount)));
    const totals = runningTotals(amounts);
    const entries: LedgerEntry[] = docIndexes.map((docIndex, j) => {
      const rows = d.byDoc.get(docIndex) ?? [];
      const prev = rows.filter((r) => r.previousYearAmount !== null);
      // A supplement's rows that name their kind say it for the post; else the document's.
      const named = documents[docIndex]?.kind === 'supplement' ? rowsKind(rows) : null;
      const entry: LedgerEntry = {
        document: docIndex,
        kind: named ?? documents[docIndex]?.changeKind ?? 'unknown',
        amount: amounts[j] ?? 0,
        runningTotal: totals[j] ?? 0,
        previousYearAmount:
          prev.length === 0 ? null : sumAmounts(prev.map((r) => r.previousYearAmount ?? 0)),
        rows,
      };
      if (named) kindNamed.add(entry);
      return entry;
    });
    const letterEntry = entries.find((e) => documents[e.document]?.kind === 'allocation-letter');
    const letterAmount = letterEntry ? letterEntry.amount : null;
    const previousYearAmount = letterEntry ? letterEntry.previousYearAmount : null;
    posts.push({
      chapter: d.chapter,
      post: d.post,
      side: sideOfChapter(d.chapter),
      chapterName: d.chapterName,
      postName: d.postName,
      notes: d.notes,
      letterAmount,
      previousYearAmount,
      changeFromPreviousYear:
        letterAmount !== null && previousYearAmount !== null
          ? letterAmount - previousYearAmount
          : null,
      entries,
      total: totals.at(-1) ?? 0,
      earmarks: d.earmarks.sort((a, b) => a.document - b.document),
      authorities: [],
    });
  }
  posts.sort((a, b) => a.chapter - b.chapter || a.post - b.post);
  markPostTransfers(posts, documents, kindNamed);

  // Budget authorities, linked to the posts they name.
  const authorities: LedgerAuthority[] = [];
  series.forEach((doc, index) => {
    for (const a of doc.budgetAuthorities) authorities.push(linkAuthority(a, index, posts));
  });
  authorities.forEach((a, i) => {
    for (const ref of a.posts) {
      for (const p of posts) {
        if (p.chapter === ref.chapter && (ref.post === null || ref.post === p.post)) {
          if (!p.authorities.includes(i)) p.authorities.push(i);
        }
      }
    }
  });

  const chapterNumbers = [...new Set(posts.map((p) => p.chapter))].sort((a, b) => a - b);
  const chapters: LedgerChapter[] = chapterNumbers.map((chapter) => {
    const own = posts.filter((p) => p.chapter === chapter);
    const side = sideOfChapter(chapter);
    const twin =
      side === 'income'
        ? expenseTwinOf(chapter)
        : chapterNumbers.includes(chapter + 3000) && chapter < 2000
          ? chapter + 3000
          : null;
    return {
      chapter,
      side,
      name: own.find((p) => p.chapterName !== null)?.chapterName ?? null,
      twinChapter: twin,
      posts: own.map((p) => p.post),
      total: sumAmounts(own.map((p) => p.total)),
    };
  });

  const expenses = posts.filter((p) => p.side === 'expense');
  const income = posts.filter((p) => p.side === 'income');
  const first = series[0];
  return {
    agency: series.find((d) => d.agency !== null)?.agency ?? null,
    year: first ? first.year : null,
    documents,
    expenses,
    income,
    chapters,
    authorities,
    unattachedEarmarks,
    totals: {
      expense: sumAmounts(expenses.map((p) => p.total)),
      income: sumAmounts(income.map((p) => p.total)),
    },
  };
}

function linkAuthority(a: BudgetAuthority, document: number, posts: LedgerPost[]): LedgerAuthority {
  return {
    document,
    kind: a.kind,
    text: a.text,
    amount: singleAmount(a.text),
    posts: a.posts.map((ref) => ({
      chapter: ref.chapter,
      post: ref.post,
      linked: posts.some(
        (p) => p.chapter === ref.chapter && (ref.post === null || p.post === ref.post),
      ),
    })),
    provenance: a.provenance,
  };
}

/**
 * A supplement that takes money from one post and gives it to another post of the same side in
 * the ledger (changes of both signs that cancel out) moves money between posts: those entries
 * are `post-transfer` whatever the title says (unless their rows name their kind).
 */
function markPostTransfers(
  posts: LedgerPost[],
  documents: LedgerDocument[],
  /** Entries whose rows name their kind: those keep it. */
  kindNamed: WeakSet<LedgerEntry>,
) {
  for (const doc of documents) {
    if (doc.kind !== 'supplement') continue;
    for (const side of ['expense', 'income'] as const) {
      const entries = posts
        .filter((p) => p.side === side)
        .flatMap((p) => p.entries.filter((e) => e.document === doc.index));
      const hasNeg = entries.some((e) => e.amount < 0);
      const hasPos = entries.some((e) => e.amount > 0);
      if (hasNeg && hasPos && sumAmounts(entries.map((e) => e.amount)) === 0) {
        for (const e of entries) if (!kindNamed.has(e)) e.kind = 'post-transfer';
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Queries

export function allPosts(ledger: Ledger): LedgerPost[] {
  return [...ledger.expenses, ...ledger.income];
}

export function findPost(ledger: Ledger, chapter: number, post: number): LedgerPost | undefined {
  return allPosts(ledger).find((p) => p.chapter === chapter && p.post === post);
}

/** The posts a chapter/post scope covers (post null: every post of the chapter). */
export function postsInScope(ledger: Ledger, chapter: number, post: number | null): LedgerPost[] {
  return allPosts(ledger).filter(
    (p) => p.chapter === chapter && (post === null || p.post === post),
  );
}

/** What one document gives the scope (its change, or the letter's amount); 0 if nothing. */
export function changeIn(
  ledger: Ledger,
  chapter: number,
  post: number | null,
  document: number,
): number {
  return sumAmounts(
    postsInScope(ledger, chapter, post).flatMap((p) =>
      p.entries.filter((e) => e.document === document).map((e) => e.amount),
    ),
  );
}

/** Whether the document has an entry on the scope (even one of 0). */
export function contributes(
  ledger: Ledger,
  chapter: number,
  post: number | null,
  document: number,
): boolean {
  return postsInScope(ledger, chapter, post).some((p) =>
    p.entries.some((e) => e.document === document),
  );
}

/** The scope's total after the given document (running total). */
export function totalAfter(
  ledger: Ledger,
  chapter: number,
  post: number | null,
  document: number,
): number {
  return sumAmounts(
    postsInScope(ledger, chapter, post).flatMap((p) =>
      p.entries.filter((e) => e.document <= document).map((e) => e.amount),
    ),
  );
}

/** Index of the document with this supplement number (null: the allocation letter), or -1. */
export function documentIndex(ledger: Ledger, number: number | null): number {
  return ledger.documents.findIndex((d) =>
    number === null
      ? d.kind === 'allocation-letter'
      : d.kind === 'supplement' && d.number === number,
  );
}

/** Earmarks read from one sentence (or one table row): the sentence once, its amounts. */
export interface EarmarkGroup<E extends LedgerEarmarkLike = LedgerEarmarkLike> {
  document: number;
  text: string;
  provenance: Provenance;
  /** The earmarks of the sentence, in the order printed. */
  earmarks: E[];
}

type LedgerEarmarkLike = Pick<LedgerEarmark, 'document' | 'text' | 'provenance' | 'amount'>;

/**
 * Groups earmarks that come from the same sentence of the same document (`… er 39,5 mill.
 * kroner knyttet til A og 5,9 mill. kroner knyttet til B`: two earmarks, one sentence), so the
 * sentence is shown once with its amounts. Order: first appearance.
 */
export function groupEarmarks<E extends LedgerEarmarkLike>(
  earmarks: readonly E[],
): EarmarkGroup<E>[] {
  const groups = new Map<string, EarmarkGroup<E>>();
  for (const e of earmarks) {
    const k = `${e.document}|${e.provenance.startLine}|${e.provenance.endLine}|${e.text}`;
    const g = groups.get(k);
    if (g) g.earmarks.push(e);
    else
      groups.set(k, {
        document: e.document,
        text: e.text,
        provenance: e.provenance,
        earmarks: [e],
      });
  }
  return [...groups.values()];
}

// ---------------------------------------------------------------------------------------------
// Generated overview ("oversikt over tildeling")

export interface OverviewRow {
  document: number;
  kind: DocumentKind;
  number: number | null;
  label: string;
  changeKind: ChangeKind;
  amount: number;
}

export interface OverviewTable {
  chapter: number;
  post: number;
  side: Side;
  /** `Kap. 744 post 21 Spesielle driftsutgifter` */
  heading: string;
  rows: OverviewRow[];
  total: number;
}

export interface Overview {
  agency: string | null;
  year: number | null;
  upTo: LedgerDocument;
  tables: OverviewTable[];
  totals: { expense: number; income: number };
}

function rowLabel(doc: LedgerDocument): string {
  return doc.title.replace(/\s+/gu, ' ').trim();
}

export function postHeading(p: Pick<LedgerPost, 'chapter' | 'post' | 'postName'>): string {
  const post = String(p.post).padStart(2, '0');
  return `Kap. ${p.chapter} post ${post}${p.postName ? ` ${p.postName}` : ''}`;
}

/**
 * The overview a supplement must contain: the total appropriation given through the year up to
 * and including the document at `upToDocument` (an index into ledger.documents), per chapter
 * and post, one row per contributing document and the total. Derived from the ledger.
 */
export function generateOverview(ledger: Ledger, upToDocument: number): Overview {
  const upTo = ledger.documents[upToDocument];
  if (!upTo) throw new RangeError(`No document ${upToDocument} in the series`);
  const tables: OverviewTable[] = [];
  for (const p of allPosts(ledger)) {
    const entries = p.entries.filter((e) => e.document <= upToDocument);
    if (entries.length === 0) continue;
    const rows = entries.map((e) => {
      const doc = ledger.documents[e.document] ?? upTo;
      return {
        document: e.document,
        kind: doc.kind,
        number: doc.number,
        label: rowLabel(doc),
        changeKind: e.kind,
        amount: e.amount,
      };
    });
    tables.push({
      chapter: p.chapter,
      post: p.post,
      side: p.side,
      heading: postHeading(p),
      rows,
      total: sumAmounts(rows.map((r) => r.amount)),
    });
  }
  const side = (s: Side) => sumAmounts(tables.filter((t) => t.side === s).map((t) => t.total));
  return {
    agency: ledger.agency,
    year: ledger.year,
    upTo,
    tables,
    totals: { expense: side('expense'), income: side('income') },
  };
}
