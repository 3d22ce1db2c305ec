/**
 * Consistency checks: what each document of a series claims (printed sum lines, "oversikt over
 * tildeling" tables, supplement numbering, post numbers) against what the ledger derives.
 * Pure. Each discrepancy is a Finding with a code, the document, the printed line(s), what was
 * printed, what was expected and why, in Norwegian bokmål and English.
 *
 * The checks are conservative: a claim that cannot be verified (the series lacks the letter or
 * the supplement a row names) is not reported as wrong; one wrong printed figure gives one
 * finding, and a table total that is wrong only because of a row already reported is not
 * reported again (its line is added to that row's finding instead).
 */
import type { ExtractedDocument, Provenance, TotalsClaim } from '../contract/letter';
import {
  buildLedger,
  changeIn,
  contributes,
  documentIndex,
  postsInScope,
  sideOfChapter,
  sumAmounts,
  totalAfter,
  type Ledger,
  type LedgerDocument,
} from './ledger';
import { formatAmount } from './money';
import type { FindingCode, FindingMessageKey } from '../contract/enums';
import type { MessagePart, MessageValue } from '../contract/ledger';

export type Severity = 'error' | 'warning';

export interface FindingDocument {
  index: number;
  kind: LedgerDocument['kind'];
  number: number | null;
  title: string;
}

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** The document the finding is about; null for the series as a whole. */
  document: FindingDocument | null;
  chapter: number | null;
  post: number | null;
  /** The printed line(s), the primary one first. */
  lines: Provenance[];
  /** What was printed and what the ledger expects, as text (amounts formatted `1 234`). */
  printed: string | null;
  expected: string | null;
  /** The same as whole amounts (thousands of NOK) where the finding is about an amount. */
  printedAmount: number | null;
  expectedAmount: number | null;
  /** The finding in words (src/locales tells them in a language). */
  message: MessagePart[];
}

/**
 * The stable name of a finding, for what people record about it (an acknowledgement stays
 * with the finding when the series is recomputed): `code:document:chapter:post:lines`, the
 * document by kind and number (`letter`, `supplement-3`, or `series` for the year as a whole,
 * never by its position in the series or its database id, which change with a new version),
 * the primary printed lines as `start-end`, and `-` for what the finding does not name. A
 * changed finding (other lines, another post) is a new finding with a key of its own.
 */
export function findingKey(f: Pick<Finding, 'code' | 'document' | 'chapter' | 'post' | 'lines'>) {
  const doc = !f.document
    ? 'series'
    : f.document.kind === 'allocation-letter'
      ? 'letter'
      : `supplement-${f.document.number ?? 'x'}`;
  const line = f.lines[0];
  return [
    f.code,
    doc,
    f.chapter ?? '-',
    f.post ?? '-',
    line ? `${line.startLine}-${line.endLine}` : '-',
  ].join(':');
}

// ---------------------------------------------------------------------------------------------
// Helpers

const fmt = formatAmount;
const pad = (post: number) => String(post).padStart(2, '0');

// The values a finding's sentence names (its texts are in src/locales).
const say = (key: FindingMessageKey, params: MessagePart['params'] = {}): MessagePart => ({
  key,
  params,
});
const linesOf = (p: Provenance): MessageValue => ({ lines: [p.startLine, p.endLine] });
const scopeOf = (chapter: number, post: number | null): MessageValue => ({
  scope: { chapter, post },
});
const docOf = (d: LedgerDocument | undefined): MessageValue => ({
  doc: d ? { kind: d.kind, number: d.number } : null,
});
const amountOf = (n: number): MessageValue => ({ amount: n });

function findingDoc(d: LedgerDocument | undefined): FindingDocument | null {
  return d ? { index: d.index, kind: d.kind, number: d.number, title: d.title } : null;
}

type Draft = Omit<Finding, 'document' | 'severity' | 'printed' | 'expected'> & {
  severity?: Severity;
  printed?: string | null;
  expected?: string | null;
};

class Findings {
  readonly list: Finding[] = [];
  constructor(private readonly ledger: Ledger) {}
  add(docIndex: number | null, f: Draft): Finding {
    const finding: Finding = {
      severity: 'error',
      printed: f.printedAmount !== null ? fmt(f.printedAmount) : null,
      expected: f.expectedAmount !== null ? fmt(f.expectedAmount) : null,
      ...f,
      document: docIndex === null ? null : findingDoc(this.ledger.documents[docIndex]),
    };
    this.list.push(finding);
    return finding;
  }
}

// ---------------------------------------------------------------------------------------------
// Entry point

/**
 * All findings for a series (ordered as the ledger is: letter first, then supplements by
 * number). Pass the ledger when it has been built already.
 */
export function checkSeries(
  series: readonly ExtractedDocument[],
  ledger: Ledger = buildLedger(series),
): Finding[] {
  const out = new Findings(ledger);
  checkNumbering(ledger, out);
  series.forEach((doc, i) => {
    checkSumLines(doc, i, out);
    checkPostKinds(doc, i, out);
  });
  const complete = completeUpTo(ledger);
  series.forEach((doc, i) => checkOverviews(doc, i, ledger, complete, out));
  series.forEach((doc, i) => checkChangeRows(doc, i, ledger, complete, out));
  checkEarmarks(ledger, out);
  return out.list.sort(
    (a, b) =>
      (a.document?.index ?? -1) - (b.document?.index ?? -1) ||
      (a.lines[0]?.startLine ?? 0) - (b.lines[0]?.startLine ?? 0),
  );
}

// ---------------------------------------------------------------------------------------------
// Change tables (a supplement's `Tidligere tildeling · Ny tildeling · Sum tildelt` rows)

/**
 * Each change-table row must add up (before + change = sum), and, where the series up to the
 * document is complete, its figure before must be what the letter and earlier supplements give
 * and its sum what they give with this document.
 */
function checkChangeRows(
  doc: ExtractedDocument,
  index: number,
  ledger: Ledger,
  complete: boolean[],
  out: Findings,
) {
  for (const row of doc.appropriations) {
    const printed = row.changeRow;
    if (!printed) continue;
    const { chapter, post, provenance } = row;
    const { previous, total } = printed;
    if (previous !== null && total !== null && previous + row.amount !== total) {
      out.add(index, {
        code: 'change-row-arithmetic',
        chapter,
        post,
        lines: [provenance],
        printedAmount: total,
        expectedAmount: previous + row.amount,
        message: [
          say('change-row-arithmetic', {
            scope: scopeOf(chapter, post),
            lines: linesOf(provenance),
            previous: amountOf(previous),
            change: amountOf(row.amount),
            sum: amountOf(previous + row.amount),
            printed: amountOf(total),
          }),
        ],
      });
      continue;
    }
    if (!complete[index]) continue;
    const before = index > 0 ? totalAfter(ledger, chapter, post, index - 1) : 0;
    if (previous !== null && previous !== before) {
      out.add(index, {
        code: 'change-row-previous-mismatch',
        chapter,
        post,
        lines: [provenance],
        printedAmount: previous,
        expectedAmount: before,
        message: [
          say('change-row-previous-mismatch', {
            scope: scopeOf(chapter, post),
            lines: linesOf(provenance),
            printed: amountOf(previous),
            expected: amountOf(before),
          }),
        ],
      });
      continue;
    }
    const after = totalAfter(ledger, chapter, post, index);
    if (total !== null && total !== after) {
      out.add(index, {
        code: 'change-row-total-mismatch',
        chapter,
        post,
        lines: [provenance],
        printedAmount: total,
        expectedAmount: after,
        message: [
          say('change-row-total-mismatch', {
            scope: scopeOf(chapter, post),
            lines: linesOf(provenance),
            printed: amountOf(total),
            expected: amountOf(after),
          }),
        ],
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Numbering

function checkNumbering(ledger: Ledger, out: Findings) {
  const docs = ledger.documents;
  const letters = docs.filter((d) => d.kind === 'allocation-letter');
  if (letters.length === 0 && docs.length > 0) {
    out.add(null, {
      code: 'letter-missing',
      severity: 'warning',
      chapter: null,
      post: null,
      lines: [],
      printedAmount: null,
      expectedAmount: null,
      message: [say('letter-missing')],
    });
  }
  for (const extra of letters.slice(1)) {
    out.add(extra.index, {
      code: 'letter-duplicate',
      chapter: null,
      post: null,
      lines: [extra.provenance],
      printedAmount: null,
      expectedAmount: null,
      message: [say('letter-duplicate', { lines: linesOf(extra.provenance) })],
    });
  }
  const supplements = docs.filter((d) => d.kind === 'supplement');
  const seen = new Set<number>();
  let expectedNext = 1;
  for (const s of supplements) {
    if (s.number === null) {
      out.add(s.index, {
        code: 'supplement-number-absent',
        chapter: null,
        post: null,
        lines: [s.provenance],
        printedAmount: null,
        expectedAmount: null,
        printed: null,
        expected: `nr. ${expectedNext}`,
        message: [say('supplement-number-absent', { title: s.title })],
      });
      continue;
    }
    if (seen.has(s.number)) {
      out.add(s.index, {
        code: 'supplement-number-duplicate',
        chapter: null,
        post: null,
        lines: [s.provenance],
        printedAmount: null,
        expectedAmount: null,
        printed: `nr. ${s.number}`,
        expected: `nr. ${expectedNext}`,
        message: [say('supplement-number-duplicate', { number: s.number })],
      });
      continue;
    }
    if (s.number > expectedNext) {
      const missing =
        s.number - 1 === expectedNext ? `${expectedNext}` : `${expectedNext}–${s.number - 1}`;
      out.add(s.index, {
        code: 'supplement-number-missing',
        severity: 'warning',
        chapter: null,
        post: null,
        lines: [s.provenance],
        printedAmount: null,
        expectedAmount: null,
        printed: `nr. ${s.number}`,
        expected: `nr. ${expectedNext}`,
        message: [say('supplement-number-missing', { missing, number: s.number })],
      });
    }
    seen.add(s.number);
    expectedNext = Math.max(expectedNext, s.number + 1);
  }
}

/**
 * For each document index: whether the series is complete up to it (a letter first and no
 * supplement number missing), so that running totals can be compared with printed totals.
 */
function completeUpTo(ledger: Ledger): boolean[] {
  const out: boolean[] = [];
  let ok = ledger.documents[0]?.kind === 'allocation-letter';
  let next = 1;
  for (const d of ledger.documents) {
    if (d.kind === 'supplement') {
      if (d.number === null || d.number !== next) ok = false;
      else next += 1;
    } else if (d.index !== 0) ok = false;
    out.push(ok);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Sum lines

function checkSumLines(doc: ExtractedDocument, index: number, out: Findings) {
  const sorted = [...doc.sumLines].sort((a, b) => a.provenance.startLine - b.provenance.startLine);
  const previousEnd = new Map<number, number>();
  for (const s of sorted) {
    if (s.chapter !== s.tableChapter) {
      out.add(index, {
        code: 'sum-chapter-mismatch',
        chapter: s.tableChapter,
        post: null,
        lines: [s.provenance],
        printedAmount: null,
        expectedAmount: null,
        printed: `kap. ${s.chapter}`,
        expected: `kap. ${s.tableChapter}`,
        message: [
          say('sum-chapter-mismatch', {
            lines: linesOf(s.provenance),
            chapter: s.chapter,
            tableChapter: s.tableChapter,
          }),
        ],
      });
    }
    const after = previousEnd.get(s.tableChapter) ?? 0;
    const rows = doc.appropriations.filter(
      (a) =>
        a.chapter === s.tableChapter &&
        a.provenance.endLine < s.provenance.startLine &&
        a.provenance.startLine > after,
    );
    previousEnd.set(s.tableChapter, s.provenance.endLine);
    if (rows.length === 0) continue;
    const sum = sumAmounts(rows.map((r) => r.amount));
    if (sum !== s.amount) {
      out.add(index, {
        code: 'sum-mismatch',
        chapter: s.tableChapter,
        post: null,
        lines: [s.provenance, ...rows.map((r) => r.provenance)],
        printedAmount: s.amount,
        expectedAmount: sum,
        message: [
          say('sum-mismatch', {
            chapter: s.tableChapter,
            printed: amountOf(s.amount),
            lines: linesOf(s.provenance),
            sum: amountOf(sum),
          }),
        ],
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Post kinds (conservative)

/**
 * Post numbers group by kind: 01–29 operations, 30–49 investments, 50–89 transfers and grants,
 * 90–99 loans. Only two clear contradictions on expense chapters are reported: a grant post
 * (`tilskudd`) numbered below 50, and an operations post (`driftsutgifter`) numbered 50 or more.
 */
export function postKindProblem(
  chapter: number,
  post: number,
  postName: string,
): { key: 'post-kind-grant' | 'post-kind-operations'; expected: string } | null {
  if (sideOfChapter(chapter) !== 'expense' || postName === '') return null;
  const name = postName.toLowerCase();
  if (/tilskudd/u.test(name) && post < 50) {
    return { key: 'post-kind-grant', expected: 'post 50–89' };
  }
  if (/driftsutgifter/u.test(name) && post >= 50) {
    return { key: 'post-kind-operations', expected: 'post 01–29' };
  }
  return null;
}

function checkPostKinds(doc: ExtractedDocument, index: number, out: Findings) {
  const seen = new Set<string>();
  for (const a of doc.appropriations) {
    const problem = postKindProblem(a.chapter, a.post, a.postName);
    const k = `${a.chapter}.${a.post}.${a.postName}`;
    if (!problem || seen.has(k)) continue;
    seen.add(k);
    out.add(index, {
      code: 'post-kind-mismatch',
      severity: 'warning',
      chapter: a.chapter,
      post: a.post,
      lines: [a.provenance],
      printedAmount: null,
      expectedAmount: null,
      printed: `post ${pad(a.post)} ${a.postName}`,
      expected: problem.expected,
      message: [
        say(problem.key, {
          chapter: a.chapter,
          post: pad(a.post),
          postName: a.postName,
          lines: linesOf(a.provenance),
        }),
      ],
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Overview tables ("Oversikt over tildeling …")

interface Scope {
  chapter: number;
  post: number | null;
}

/** The letter's figure for a scope, or null when the series has no letter or no such post. */
function letterFigure(ledger: Ledger, scope: Scope): number | null {
  const letter = documentIndex(ledger, null);
  if (letter < 0 || !contributes(ledger, scope.chapter, scope.post, letter)) return null;
  return changeIn(ledger, scope.chapter, scope.post, letter);
}

/**
 * The scope the table's figures belong to: its heading, unless the heading names a post whose
 * letter figure differs from the table's letter row while exactly one other post of the same
 * chapter has that figure (a mislabelled table).
 */
function tableScope(ledger: Ledger, t: TotalsClaim): { scope: Scope; relabelled: boolean } {
  const heading = { chapter: t.chapter, post: t.post };
  const start = t.rows.find((r) => r.source.kind === 'letter');
  if (!start || t.post === null) return { scope: heading, relabelled: false };
  const own = letterFigure(ledger, heading);
  if (own === start.amount) return { scope: heading, relabelled: false };
  const letter = documentIndex(ledger, null);
  const candidates = postsInScope(ledger, t.chapter, null).filter(
    (p) =>
      p.post !== t.post &&
      p.entries.some((e) => e.document === letter && e.amount === start.amount),
  );
  const only = candidates.length === 1 ? candidates[0] : undefined;
  if (only) return { scope: { chapter: only.chapter, post: only.post }, relabelled: true };
  return { scope: heading, relabelled: false };
}

function checkOverviews(
  doc: ExtractedDocument,
  index: number,
  ledger: Ledger,
  complete: boolean[],
  out: Findings,
) {
  // A change table's row shows the post's sum after the change, as an overview would.
  const covered: Scope[] = doc.appropriations
    .filter((a) => a.changeRow?.total != null)
    .map((a) => ({ chapter: a.chapter, post: a.post }));
  for (const t of doc.totalsClaimed) {
    const { scope, relabelled } = tableScope(ledger, t);
    covered.push(scope);
    checkOverviewTable(t, scope, relabelled, index, ledger, complete[index] ?? false, out);
  }
  // A supplement that changes money must show the resulting totals for what it changed.
  const here = ledger.documents[index];
  if (here?.kind !== 'supplement') return;
  const changed = [...ledger.expenses, ...ledger.income].filter((p) =>
    p.entries.some((e) => e.document === index && e.amount !== 0),
  );
  for (const p of changed) {
    const shown = covered.some(
      (s) => s.chapter === p.chapter && (s.post === null || s.post === p.post),
    );
    if (shown) continue;
    const entry = p.entries.find((e) => e.document === index);
    out.add(index, {
      code: 'overview-missing',
      severity: 'warning',
      chapter: p.chapter,
      post: p.post,
      lines: entry ? entry.rows.map((r) => r.provenance) : [here.provenance],
      printedAmount: null,
      expectedAmount: totalAfter(ledger, p.chapter, p.post, index),
      printed: null,
      message: [
        say('overview-missing', {
          here: docOf(here),
          scope: scopeOf(p.chapter, p.post),
          expected: amountOf(totalAfter(ledger, p.chapter, p.post, index)),
        }),
      ],
    });
  }
}

function checkOverviewTable(
  t: TotalsClaim,
  scope: Scope,
  relabelled: boolean,
  index: number,
  ledger: Ledger,
  complete: boolean,
  out: Findings,
) {
  const { chapter, post } = scope;
  const hasLetter = documentIndex(ledger, null) >= 0;
  const ledgerTotal = complete ? totalAfter(ledger, chapter, post, index) : null;
  const total = t.total;
  /** Sentence about the table's total, added to the row findings that make it wrong. */
  const totalNote: MessagePart[] =
    total && ledgerTotal !== null && total.amount !== ledgerTotal
      ? [
          say('note-table-total', {
            lines: linesOf(total.provenance),
            printed: amountOf(total.amount),
            expected: amountOf(ledgerTotal),
          }),
        ]
      : [];
  const withTotal = (printed: Provenance[]) =>
    totalNote.length > 0 && total ? [...printed, total.provenance] : printed;
  /** Printed minus expected, summed over the rows already reported. */
  let explained = 0;

  if (relabelled && post !== null) {
    out.add(index, {
      code: 'overview-label-mismatch',
      chapter,
      post,
      lines: [{ startLine: t.provenance.startLine, endLine: t.provenance.startLine }],
      printedAmount: null,
      expectedAmount: null,
      printed: t.heading,
      expected: `Kap ${chapter}.${pad(post)}`,
      message: [
        say('overview-label-mismatch', {
          heading: t.heading,
          lines: { lines: [t.provenance.startLine, t.provenance.startLine] },
          scope: scopeOf(chapter, post),
          post: pad(post),
          labelPost: pad(t.post ?? 0),
        }),
      ],
    });
  }

  // Rows, by the document they name.
  const listed = new Set<number>();
  for (const row of t.rows) {
    if (row.source.kind === 'unknown') continue;
    const number = row.source.kind === 'letter' ? null : row.source.number;
    const docIdx = documentIndex(ledger, number);
    const here = ledger.documents[index];
    const laterThanHere =
      row.source.kind === 'supplement' &&
      here?.kind === 'supplement' &&
      here.number !== null &&
      row.source.number > here.number;
    if (laterThanHere || (docIdx > index && docIdx >= 0)) {
      out.add(index, {
        code: 'overview-row-unexpected',
        chapter,
        post,
        lines: [row.provenance],
        printedAmount: row.amount,
        expectedAmount: null,
        expected: null,
        message: [
          say('overview-row-unexpected', {
            here: docOf(here),
            lines: linesOf(row.provenance),
            label: row.label,
          }),
        ],
      });
      explained += row.amount;
      continue;
    }
    if (docIdx < 0) continue; // the series lacks that document: nothing to compare with
    listed.add(docIdx);
    const source = ledger.documents[docIdx];
    const expected = changeIn(ledger, chapter, post, docIdx);
    if (row.amount === expected) continue;
    if (row.source.kind === 'letter') {
      const chapterFigure = letterFigure(ledger, { chapter, post: null });
      const isChapterSum = post !== null && chapterFigure === row.amount;
      const why = isChapterSum
        ? [say('note-chapter-sum', { amount: amountOf(row.amount), chapter })]
        : [];
      out.add(index, {
        code: 'overview-start-mismatch',
        chapter,
        post,
        lines: withTotal([row.provenance]),
        printedAmount: row.amount,
        expectedAmount: expected,
        message: [
          say('overview-start-mismatch', {
            heading: t.heading,
            printed: amountOf(row.amount),
            lines: linesOf(row.provenance),
            expected: amountOf(expected),
            scope: scopeOf(chapter, post),
          }),
          ...why,
          ...totalNote,
        ],
      });
    } else {
      const diff = row.amount - expected;
      const authority = ledger.authorities.find(
        (a) =>
          a.document === docIdx &&
          a.amount === diff &&
          a.posts.some((p) => p.chapter === chapter && (p.post === null || p.post === post)),
      );
      const why = authority
        ? [say('note-authority', { amount: amountOf(diff), lines: linesOf(authority.provenance) })]
        : [];
      out.add(index, {
        code: 'overview-row-mismatch',
        chapter,
        post,
        lines: withTotal([row.provenance]),
        printedAmount: row.amount,
        expectedAmount: expected,
        message: [
          say('overview-row-mismatch', {
            source: docOf(source),
            heading: t.heading,
            printed: amountOf(row.amount),
            lines: linesOf(row.provenance),
            expected: amountOf(expected),
            scope: scopeOf(chapter, post),
          }),
          ...why,
          ...totalNote,
        ],
      });
    }
    explained += row.amount - expected;
  }

  // Contributing documents the table leaves out.
  for (let d = 0; d <= index; d++) {
    if (listed.has(d)) continue;
    const given = changeIn(ledger, chapter, post, d);
    if (given === 0) continue;
    const source = ledger.documents[d];
    out.add(index, {
      code: 'overview-row-missing',
      chapter,
      post,
      lines: withTotal([t.provenance]),
      printedAmount: null,
      expectedAmount: given,
      printed: null,
      message: [
        say('overview-row-missing', {
          heading: t.heading,
          lines: linesOf(t.provenance),
          source: docOf(source),
          expected: amountOf(given),
          scope: scopeOf(chapter, post),
        }),
        ...totalNote,
      ],
    });
    explained -= given;
  }

  if (!total) return;
  const own = sumAmounts(t.rows.map((r) => r.amount));
  let arithmetic = 0;
  if (own !== total.amount) {
    arithmetic = total.amount - own;
    out.add(index, {
      code: 'overview-total-arithmetic',
      chapter,
      post,
      lines: [total.provenance, ...t.rows.map((r) => r.provenance)],
      printedAmount: total.amount,
      expectedAmount: own,
      message: [
        say('overview-total-arithmetic', {
          heading: t.heading,
          printed: amountOf(total.amount),
          lines: linesOf(total.provenance),
          sum: amountOf(own),
        }),
      ],
    });
  }
  if (ledgerTotal === null || !hasLetter || total.amount === ledgerTotal) return;
  if (total.amount - ledgerTotal === arithmetic + explained) return; // already reported
  out.add(index, {
    code: 'overview-total-mismatch',
    chapter,
    post,
    lines: [total.provenance],
    printedAmount: total.amount,
    expectedAmount: ledgerTotal,
    message: [
      say('overview-total-mismatch', {
        scope: scopeOf(chapter, post),
        printed: amountOf(total.amount),
        lines: linesOf(total.provenance),
        expected: amountOf(ledgerTotal),
      }),
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// Earmarks

/** An earmark larger than the whole (positive) post it is earmarked within, after its
 *  document. Earmarks nest (`35,3 mill. kr …, hvorav minst 10 mill. kr …`), so only a single
 *  earmark is compared with the post, never their sum. */
function checkEarmarks(ledger: Ledger, out: Findings) {
  for (const p of [...ledger.expenses, ...ledger.income]) {
    for (const e of p.earmarks) {
      const available = totalAfter(ledger, p.chapter, p.post, e.document);
      // A post printed without an amount (0) may be funded elsewhere: not reported.
      if (available <= 0 || e.amount <= available) continue;
      out.add(e.document, {
        code: 'earmark-exceeds-post',
        chapter: p.chapter,
        post: p.post,
        lines: [e.provenance],
        printedAmount: e.amount,
        expectedAmount: available,
        expected: `høyst ${fmt(available)}`,
        message: [
          say('earmark-exceeds-post', {
            printed: amountOf(e.amount),
            scope: scopeOf(p.chapter, p.post),
            lines: linesOf(e.provenance),
            expected: amountOf(available),
          }),
        ],
      });
    }
  }
}
