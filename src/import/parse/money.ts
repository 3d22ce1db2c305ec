/**
 * The money side of a letter or supplement: appropriation tables, sum lines, earmarks in running
 * text and in table comments, supplement allocations, budget authorities (fullmakter) and the
 * "total appropriation so far" tables of supplements. Figures are kept as printed: the ledger
 * finds inconsistencies later. Pure; see money.test.ts.
 *
 * Table forms understood:
 * - chapter tables: `Kap. 744 Direktoratet for e-helse (i 1000 kr)` / `Post Betegnelse 2020`
 *   (one or two year columns) / rows `01 Driftsutgifter 177 280` / `Sum kap. 744 326 193`;
 * - grid tables: `Kap. Post Navn på post Tildeling 2024 Kommentar` with rows
 *   `701 21 Spesielle driftsutgifter 20 000 Tilskudd til …`, continuation rows ` 21 …` for the
 *   same chapter, post names and comments wrapped over several lines, amounts on their own line;
 * - totals tables: `Kap 744.21` / `Tildelingsbrev Beløp (i 1000 kroner)` / labelled rows /
 *   `Tildeling totalt i 2020 335 072`.
 *
 * A table's figures are in the unit it states (kroner, thousands, millions; thousands when it
 * states none) and come out in thousands, exactly: a table in millions may print decimals
 * (`12,5` → 12 500), a figure that is not whole thousands is warned of, never rounded. A row
 * `hvorav …` under a post (SHARE_ROW_WORDS) is an earmark of that post, not an appropriation.
 */
import type {
  AppropriationLine,
  BudgetAuthority,
  Earmark,
  ImportWarning,
  SumLine,
  TotalsClaim,
  TotalsClaimRow,
} from '../../contract/letter';
import { MoneyParseError, findScaledAmounts, parseFigure } from '../../domain/money';
import type { DocText, Extracted, MoneySide, SourceLine } from './types';
import { findTitle } from './metadata';
import { attachMoneyContext } from './money-context';
import {
  APPROPRIATION_HEADINGS,
  CHANGE_TABLE_COLUMNS,
  CHANGE_VERBS,
  CORRECT_TOTAL,
  EARLIER_GRANT_VERBS,
  GRANT_VERBS,
  MONEY_UNITS,
  POST_NAME_COLUMNS,
  SHARE_ROW_WORDS,
  alternation,
  loosely,
} from './vocabulary';
import { isSignatureStart, isTotalsTotal } from './split';
import {
  BLOCK_END,
  chapterPostRefs,
  clean,
  headingLevel,
  isBlank,
  isBullet,
  isNumberedHeading,
  isPageMarker,
  isPostHeading,
  joinLines,
  paragraphs,
  sentences,
  span,
  tableCells,
  type Sentence,
} from './text';

/* ------------------------------------------------------------------------------------------ */
/* Figures                                                                                     */

/** A printed whole figure (thousands): grouped by 1–2 spaces, or plain digits. */
const FIG = String.raw`\d{1,3}(?:[ ]{1,2}\d{3})+|\d+`;
/** A table cell's figure: whole, or with decimals after a comma (`12,5`, `1 204,3` in millions). */
const CELL_FIG = String.raw`(?:${FIG})(?:,\d+)?`;
/** What may not follow a figure that is an amount cell: decimals, scale words, percent. */
const NOT_AFTER_FIG = String.raw`(?![\d,]|\s*(?:mill|mrd|milliard|%|pst|prosent|kr\b|kroner|MNOK|EUR))`;
const FIG_ONLY = new RegExp(String.raw`^-?(?:${FIG})$`, 'u');
const REF_WORD_BEFORE = /(?:post(?:ene)?|kap(?:ittel)?\.?|nr\.?|pkt\.?|§|under|og)\s*$/iu;

/** The figure's value, or null when it is too large to be exact (more than 15 digits). */
function figure(text: string): number | null {
  try {
    return parseFigure(text.replace(/ {2,}/g, ' '));
  } catch (err) {
    if (err instanceof MoneyParseError) return null;
    throw err;
  }
}

/**
 * Whether every decimal part of a printed run (`12,5`, `0,750`) has at most `places` digits
 * after its trailing zeros are dropped: a figure that does not is not read, never rounded.
 */
function decimalsFit(run: string, places: number): boolean {
  for (const m of run.matchAll(/,(\d+)/gu)) {
    if ((m[1] ?? '').replace(/0+$/u, '').length > places) return false;
  }
  return true;
}

/**
 * A cell's figure (`12 500`, `-1 500`, `12,5`, `1 204,3`) as an integer count of 10^-places of
 * the printed unit (`12,5` at three places: 12 500, a table in millions read in thousands); null
 * when it is no figure, too large, or has more decimals than `places` (see decimalsFit).
 */
function cellValue(text: string, places = 0): number | null {
  const t = text.trim().replace(/\u2212/gu, '-');
  const [whole = '', frac, extra] = t.split(',');
  if (extra !== undefined || (frac !== undefined && !/^\d+$/u.test(frac))) return null;
  if (!FIG_ONLY.test(whole.replace(/ {2,}/g, ' '))) return null;
  const digits = (frac ?? '').replace(/0+$/u, '');
  if (digits.length > places) return null;
  const negative = whole.startsWith('-');
  const units = figure(whole.replace(/^-/u, ''));
  if (units === null) return null;
  const v = units * 10 ** places + Number(digits.padEnd(places, '0') || '0');
  if (!Number.isSafeInteger(v)) return null;
  return negative && v !== 0 ? -v : v;
}

/** A figure of more than 15 digits: not read as an amount; the line is left unparsed. */
const HUGE_FIG = /\d{16,}|\d{1,3}(?:[ \u00a0\u2009\u202f]{1,2}\d{3}){5,}/u;

/** A row has at most this many digit groups per column (figures up to 999 999 999 999). */
const MAX_GROUPS_PER_COLUMN = 4;
/** More year columns than this is not an appropriation table. */
const MAX_COLUMNS = 8;

interface Token {
  t: string;
  at: number;
}

/** A token's digits before its decimal comma (`204,3` → `204`). */
const wholePart = (t: string) => t.replace(/,.*$/u, '');

/**
 * Tokens forming one grouped figure: `1`, `15786`, `1 222 348` (no leading zero), a minus only
 * before its first group (`-1 500`), decimals only after its last group (`1 204,3`).
 */
function validGroup(ts: readonly Token[]): boolean {
  const first = ts[0];
  if (!first) return false;
  if (ts.slice(1).some((x) => x.t.startsWith('-'))) return false;
  if (ts.slice(0, -1).some((x) => x.t.includes(','))) return false;
  if (ts.length === 1) return true;
  const digits = wholePart(first.t.replace(/^-/, ''));
  return (
    digits.length <= 3 &&
    !digits.startsWith('0') &&
    ts.slice(1).every((x) => wholePart(x.t).length === 3)
  );
}

/**
 * The value of a group of tokens (validGroup) in 10^-places of the printed unit, negative when
 * its first token has a minus; null when its decimals do not fit `places`.
 */
function groupValue(ts: readonly Token[], places: number): number | null {
  const last = ts[ts.length - 1]?.t ?? '';
  if (places === 0 && !last.includes(',')) {
    const v = Number(ts.map((x) => x.t.replace(/^-/, '')).join(''));
    return ts[0]?.t.startsWith('-') && v !== 0 ? -v : v;
  }
  return cellValue(ts.map((x) => x.t).join(' '), places);
}

/**
 * A run of digit groups split into `n` figures (one per year column), preferring splits that
 * `fits` (a change table's row: one figure the sum of the other two), then splits at wide gaps
 * and, among the rest, figures of like size (`140 000 148 913` → 140 000 | 148 913). Each figure
 * in 10^-places of the printed unit (see cellValue).
 */
export function splitColumns(
  run: string,
  n: number,
  places = 0,
  fits?: (values: readonly number[]) => boolean,
): number[] | null {
  if (n <= 1) {
    const v = cellValue(run, places);
    return v === null ? null : [v];
  }
  const tokens: Token[] = [...run.replace(/\u2212/g, '-').matchAll(/-?\d+(?:,\d+)?/g)].map((m) => ({
    t: m[0],
    at: m.index,
  }));
  // The search below tries every split of the groups into n figures: bound its size.
  if (n > MAX_COLUMNS || tokens.length > MAX_GROUPS_PER_COLUMN * n) return null;
  let best: { values: number[]; score: number } | null = null;
  const search = (from: number, left: number, values: number[], score: number) => {
    if (left === 1) {
      const rest = tokens.slice(from);
      const last = validGroup(rest) ? groupValue(rest, places) : null;
      if (last === null || !Number.isSafeInteger(last)) return;
      const all = [...values, last];
      let total = score + (fits?.(all) ? -1000 : 0);
      for (let k = 1; k < all.length; k++) {
        total += Math.abs(Math.log((Math.abs(all[k - 1] ?? 0) + 1) / (Math.abs(all[k] ?? 0) + 1)));
      }
      if (!best || total < best.score) best = { values: all, score: total };
      return;
    }
    for (let k = from + 1; k <= tokens.length - (left - 1); k++) {
      const group = tokens.slice(from, k);
      const v = validGroup(group) ? groupValue(group, places) : null;
      if (v === null || !Number.isSafeInteger(v)) continue;
      const prev = tokens[k - 1];
      const next = tokens[k];
      const gap = prev && next ? next.at - (prev.at + prev.t.length) : 1;
      search(k, left - 1, [...values, v], score + (gap > 1 ? -100 : 0));
    }
  };
  search(0, n, [], 0);
  return (best as { values: number[] } | null)?.values ?? null;
}

interface Cells {
  name: string;
  amounts: number[] | null;
  comment: string;
  /** The amount as printed where its decimals do not fit the table's unit (not read). */
  inexact?: string;
}

/** A row's amount: one figure, or (tables with year columns) a run of figures. */
const amountCell = (run: string) =>
  new RegExp(String.raw`(?<=^|\s)(-?${run})${NOT_AFTER_FIG}(?=\s|$)`, 'gu');
const ONE_FIGURE = amountCell(`(?:${CELL_FIG})`);
const FIGURE_RUN = amountCell(`(?:${CELL_FIG})(?:[ ]{1,3}(?:${CELL_FIG}))*`);

/**
 * `Spesielle driftsutgifter 20 000 Tilskudd til …` → name, amount(s), comment. The amount is the
 * first figure not glued to `post`/`kap.`/`nr.` and not followed by a scale word; its figures in
 * 10^-places of the printed unit. A figure with more decimals than that is kept as `inexact`.
 */
function splitCells(rest: string, columns: number, places = 0): Cells {
  for (const m of rest.matchAll(columns === 1 ? ONE_FIGURE : FIGURE_RUN)) {
    const before = rest.slice(0, m.index);
    if (REF_WORD_BEFORE.test(before)) continue;
    const raw = m[1] ?? '';
    const comment = rest.slice(m.index + raw.length).trim();
    if (!decimalsFit(raw, places)) {
      return { name: before.trim(), amounts: null, comment, inexact: raw };
    }
    const negative = raw.startsWith('-') ? cellValue(raw, places) : null;
    const amounts = raw.startsWith('-')
      ? negative === null
        ? null
        : [negative]
      : splitColumns(raw, columns, places);
    if (!amounts) continue;
    return { name: before.trim(), amounts, comment };
  }
  return { name: rest.trim(), amounts: null, comment: '' };
}

/* ------------------------------------------------------------------------------------------ */
/* Post names and budget notes                                                                 */

const NOTE_RE =
  /\b(kan overføres|kan overførast|kan (?:nyttes|nyttast|benyttes) under (?:kap\.?\s*\d{3,4},?\s*)?post(?:ene)?\s*\d{2}(?:\s*(?:,|og)\s*\d{2})*|overslagsbevilgning|overslagsløyving)\b/giu;

export function splitPostName(name: string): { postName: string; notes: string[] } {
  const notes = [...name.matchAll(NOTE_RE)].map((m) => (m[1] ?? '').replace(/\s+/g, ' '));
  const postName = name
    .replace(NOTE_RE, '')
    .replace(/\(\s*[,\s]*\)/g, '')
    .replace(/(?:\s*,)+\s*(?=,|$|\))/g, '')
    .replace(/\s+,/g, ',')
    .replace(/\s{2,}/g, ' ')
    .replace(/[\s,(]+$/u, '')
    .trim();
  return { postName, notes };
}

/* ------------------------------------------------------------------------------------------ */
/* Appropriation tables                                                                        */

interface RowDraft {
  chapter: number;
  chapterName: string | null;
  post: number;
  name: string[];
  amounts: number[] | null;
  /** The amount as printed where its decimals do not fit the table's unit (not read). */
  inexact?: string;
  dash: boolean;
  comment: string[];
  state: 'name' | 'comment';
  lines: SourceLine[];
  /** The row's name cell printed around its figures (lines above and below the row's line). */
  centred?: boolean;
}

interface TableResult {
  rows: AppropriationLine[];
  sums: SumLine[];
  claimed: SourceLine[];
  end: number;
  warnings: ImportWarning[];
  /** The unit the table states (header, caption or the sentence over it); null: none stated. */
  unit?: MoneyUnit | null;
  /** The column label of the figures (`Tildeling 2032`), for a table that turns out a totals claim. */
  amountLabel?: string;
  /** The unit the figures were read in, where not `unit` (a table in millions: thousands). */
  readIn?: MoneyUnit;
  /** Its `hvorav …` rows, shares of the posts above them. */
  earmarks?: Earmark[];
}

/* ------------------------------------------------------------------------------------------ */
/* Units                                                                                       */

/** What one printed figure of a table is in thousands of kroner (the facts' unit). */
export type MoneyUnit = 'kroner' | 'thousands' | 'millions';

const byLength = (xs: readonly string[]) => [...xs].sort((a, b) => b.length - a.length);
const UNIT_WORDS = `(?:(?<millions>${alternation(byLength(MONEY_UNITS.millions))})|(?<thousands>${alternation(byLength(MONEY_UNITS.thousands))})|(?<kroner>${alternation(byLength(MONEY_UNITS.kroner))}))(?![\\p{L}\\d])`;
/** A unit statement as a whole: `(beløp i kroner)`, `Beløpa er oppgjevne i kroner.`, `(i 1 000 kr)`. */
const UNIT_BODY = `(?:(?:alle\\s+)?(?:${alternation(MONEY_UNITS.subjects)})(?:\\s+(?:${alternation(MONEY_UNITS.verbs)}))*\\s+)?(?:i\\s+)?${UNIT_WORDS}`;
const UNIT_STATEMENT = new RegExp(`^\\(?\\s*${UNIT_BODY}\\s*\\.?\\s*\\)?\\s*\\.?$`, 'iu');
/** A unit inside a header or heading: `Beløp (i kroner)`, `Tildeling 2032 i 1 000 kr`, `(NOK 1000)`. */
const UNIT_IN_TEXT = new RegExp(`(?:(?<=^|[\\s(])i\\s+|\\(\\s*)${UNIT_WORDS}`, 'iu');

function unitOf(groups: Record<string, string | undefined> | undefined): MoneyUnit | null {
  if (!groups) return null;
  if (groups.millions !== undefined) return 'millions';
  if (groups.thousands !== undefined) return 'thousands';
  if (groups.kroner !== undefined) return 'kroner';
  return null;
}

/** The unit a line states as a whole (a caption line), or null. */
export function unitStatement(text: string): MoneyUnit | null {
  const t = clean(text);
  // Parentheses in pairs: `kroner)` is the end of a caption that wrapped, not one of its own.
  if (t.startsWith('(') !== t.includes(')')) return null;
  return unitOf(UNIT_STATEMENT.exec(t)?.groups);
}

/** The unit named inside a header or heading line, or null. */
export function unitInText(text: string): MoneyUnit | null {
  return unitOf(UNIT_IN_TEXT.exec(clean(text))?.groups);
}

/**
 * The unit stated just above a table's first line at `i`: a caption line of its own (claimed
 * with the table), or the last sentence of the paragraph over it (`… i 2033. Beløpa er
 * oppgjevne i kroner.`), within three lines.
 */
function unitAbove(
  lines: readonly SourceLine[],
  i: number,
): { unit: MoneyUnit; caption: SourceLine[] } | null {
  const para: SourceLine[] = [];
  for (let k = i - 1; k >= 0 && para.length < 3; k--) {
    const l = lines[k];
    if (!l || isBlank(l.text) || isPageMarker(clean(l.text))) {
      if (para.length > 0) break;
      continue;
    }
    para.unshift(l);
  }
  // A caption of its own (`(i 1000` / `kroner)` wrapped in a PDF), or the paragraph's last line.
  for (const caption of [para, para.slice(-1)]) {
    const unit = caption.length > 0 ? unitStatement(joinLines(caption.map((l) => l.text))) : null;
    if (unit) return { unit, caption };
  }
  const text = joinLines(para.map((l) => l.text));
  const last = text.split(/(?<=[.!?])\s+(?=\p{Lu}|\()/u).pop() ?? '';
  const unit = unitStatement(last);
  return unit ? { unit, caption: [] } : null;
}

/** Thousands of kroner for a printed figure in `unit`, or null when it is not whole thousands. */
export function toThousands(value: number, unit: MoneyUnit): number | null {
  if (unit === 'thousands') return value;
  if (unit === 'millions') return Number.isSafeInteger(value * 1000) ? value * 1000 : null;
  return value % 1000 === 0 ? value / 1000 : null;
}

/**
 * A table's figures in thousands of kroner. A row whose figure is not whole thousands (a kroner
 * table's `1 234 567`) keeps no amount and is warned of, never rounded.
 */
function scaleTable(res: TableResult, unit: MoneyUnit): TableResult {
  if (unit === 'thousands') return res;
  const scale = (v: number | null | undefined) => (v == null ? null : toThousands(v, unit));
  for (const row of res.rows) {
    const amount = scale(row.amount);
    if (amount === null) {
      res.warnings.push({
        code: 'amount-not-thousands',
        params: { text: String(row.amount), line: row.provenance.startLine },
      });
    }
    row.amount = amount ?? 0;
    row.previousYearAmount = scale(row.previousYearAmount);
    if (row.changeRow) {
      row.changeRow = {
        previous: scale(row.changeRow.previous),
        total: scale(row.changeRow.total),
      };
    }
  }
  for (const sum of res.sums) {
    const amount = scale(sum.amount);
    if (amount === null) {
      res.warnings.push({
        code: 'amount-not-thousands',
        params: { text: String(sum.amount), line: sum.provenance.startLine },
      });
    }
    sum.amount = amount ?? 0;
  }
  // A share that is not whole thousands is no earmark: it is warned of, never rounded.
  res.earmarks = (res.earmarks ?? []).filter((e) => {
    const amount = scale(e.amount);
    if (amount === null) {
      res.warnings.push({
        code: 'amount-not-thousands',
        params: { text: String(e.amount), line: e.provenance.startLine },
      });
      return false;
    }
    e.amount = amount;
    return true;
  });
  return res;
}

const CHAPTER_HEADING =
  /^Kap(?:ittel|\.)?\s*(\d{3,4})(?!\s*[.,]\s*\d)\s+(.*?)\s*(?:\((?:i\s+)?[^()]*\b(?:kr|kroner|NOK|tusen)\.?\)\s*)?$/iu;
const POST_HEADER = new RegExp(
  `^Post\\s+(?:${alternation(POST_NAME_COLUMNS)})(?![\\p{L}])(.*)$`,
  'iu',
);
/**
 * `Kap. · Post · …` as two columns, or `Kap./post`, `Kap.post`, `Kapittel og post` as one (rows
 * `1510.01` or `1510 01`); also `Utgiftskapittel · Post`.
 */
const GRID_HEADER =
  /^(?:Utgifts|Inntekts)?kap(?:ittel|\.)?(?:\s+|\s*(?:[/.]|\s+og\s+)\s*)Post\s+(.*)$/iu;
/** A row that is a share of the post above it: `hvorav til nasjonal testportal  12 500`. */
const SHARE_ROW = new RegExp(`^(?:[-–]\\s*)?(?:${alternation(SHARE_ROW_WORDS)})(?![\\p{L}])`, 'iu');
const SUM_LINE = /^Sum\b(?:\s+kap(?:ittel|\.)?\s*(\d{3,4})(?!\d))?(.*?)\s+(-?\d(?:[\d ]|,\d)*)$/iu;
const YEAR = /\b(19\d{2}|20\d{2})\b/g;
const HEADER_CONT =
  /^(?:(?:19|20)\d{2}|Kommentar|Merknad|Tildeling|Regnskap|Budsjett|Forslag|Saldert)(?:\s+.*)?$/iu;

/** The values of a warning about one table row: its chapter, post and first line. */
const rowParams = (d: RowDraft) => ({
  chapter: d.chapter,
  post: String(d.post).padStart(2, '0'),
  line: d.lines[0]?.no ?? 0,
});

function finishRow(d: RowDraft, warnings: ImportWarning[]): AppropriationLine {
  const { postName, notes } = splitPostName(joinLines(d.name));
  const amounts = d.amounts;
  if (!amounts && d.inexact !== undefined) {
    warnings.push({
      code: 'amount-not-thousands',
      params: { text: d.inexact, line: d.lines[0]?.no ?? 0 },
    });
  } else if (!amounts) {
    warnings.push({ code: 'amount-missing', params: rowParams(d) });
  } else if (d.dash) {
    warnings.push({ code: 'amount-dash', params: rowParams(d) });
  }
  const comment = joinLines(d.comment);
  return {
    chapter: d.chapter,
    chapterName: d.chapterName,
    post: d.post,
    postName,
    notes,
    amount: amounts ? (amounts[amounts.length - 1] ?? 0) : 0,
    previousYearAmount:
      amounts && amounts.length > 1 ? (amounts[amounts.length - 2] ?? null) : null,
    comment: comment === '' ? null : comment,
    provenance: span(d.lines),
  };
}

/** A line continuing the post name (lower-case start, parenthesis, `79)`, or one or two words). */
function continuesName(t: string): boolean {
  if (/^[\p{Ll}(]/u.test(t) || /^\d{1,2}\)/.test(t)) return true;
  return t.split(' ').length <= 2 && !/[.:]$/.test(t);
}

/**
 * A post name that stops mid-phrase (`Spesielle driftsutgifter, kan`, `Tilskudd til`): a PDF
 * whose name cell wrapped printed the amount on the first line and the rest of the name below.
 */
function unfinishedName(name: string): boolean {
  return /(?:,|\b(?:kan|og|til|for|under|med|av|på|i))$/u.test(name.trim());
}

interface RowsOptions {
  /** Fixed chapter (chapter tables), or null when rows carry the chapter (grid tables). */
  chapter: number | null;
  chapterName: string | null;
  columns: number;
  comments: boolean;
  /** The table's header lines: printed again after a page break, they go on with the table. */
  headers?: readonly string[];
  /**
   * Decimals read exactly (see cellValue): 3 in a table in millions, whose figures are so read
   * in thousands (`12,5` → 12 500); 0 in kroner and thousands, where a decimal is not read.
   */
  places: number;
}

/** A line as printed, column gaps kept (`clean` closes them up). */
const raw = (line: SourceLine) => line.text.replace(/[\u00a0\u2009\u202f\t]/gu, ' ').trim();

/** The row a line starts, or null. `printed`: the line with its column gaps (see namelessRow). */
function rowStart(
  t: string,
  opts: RowsOptions,
  printed = t,
): { chapter: number | null; post: number; rest: string } | null {
  if (opts.chapter === null) {
    const full = /^(\d{3,4})(?:\s+|\.)(\d{2})(?=\s|$)\s*(.*)$/u.exec(t);
    if (full) return { chapter: Number(full[1]), post: Number(full[2]), rest: full[3] ?? '' };
  }
  // The post's number, with or without the word (`01 Driftsutgifter`, `Post 01 Driftsutgifter`).
  const post = /^(?:[Pp]ost\s+)?(\d{2})\s+(\p{Lu}.*)$/u.exec(t);
  if (post) return { chapter: null, post: Number(post[1]), rest: post[2] ?? '' };
  const bare = namelessRow(printed);
  if (bare) return { chapter: null, post: bare.post, rest: bare.rest };
  return null;
}

/**
 * `71                53 900 000`: a post and its amount with the name cell elsewhere, where a
 * PDF printed a cell that wrapped over two lines vertically centred, the row's other cells
 * between its lines. The post and the amount stand a column gap apart.
 */
function namelessRow(t: string): { post: number; rest: string } | null {
  const m = /^(\d{2})\s{2,}(-?\d{1,3}(?: \d{3})*(?:,\d+)?|-)$/u.exec(t);
  if (!m) return null;
  const rest = m[2] ?? '';
  if (/^-?0\d/u.test(rest)) return null;
  return { post: Number(m[1]), rest };
}

/** Whether a table row (after its chapter and post) has no name cell: only its figures. */
function nameless(rest: string): boolean {
  return /^-?[\d ]+(?:,\d+)?$|^-$/u.test(rest.trim());
}

/** A line that may be part of a name cell: no figure cell, no sentence end, a few words. */
function nameLine(t: string): boolean {
  return (
    t !== '' &&
    !/[.!?:;]$/u.test(t) &&
    t.split(/\s+/u).length <= 10 &&
    !/(?:^|\s)-?\d{1,3}(?: \d{3})+(?:\s|$)/u.test(t) &&
    !/^\d/u.test(t)
  );
}

/** White space as one space, for comparing a repeated header with the table's own. */
const squeeze = (t: string) => clean(t).replace(/\s+/g, ' ').toLowerCase();

/**
 * A chapter row inside a grid table (`740 Helsedirektoratet`, `Kap. 740 Helsedirektoratet`):
 * sets the chapter for the post rows under it. Not when a `Post Betegnelse` header follows (that
 * is a chapter table of its own), and not for years.
 */
function chapterGroup(
  lines: readonly SourceLine[],
  i: number,
  t: string,
): { chapter: number; name: string } | null {
  const m = /^(?:Kap(?:ittel|\.)?\s*)?(\d{3,4})\s+(\p{Lu}[^\d]*)$/u.exec(t);
  if (!m || /[.:;,]$/.test(t) || (m[2] ?? '').split(' ').length > 6) return null;
  const chapter = Number(m[1]);
  if (chapter >= 1990 && chapter <= 2099) return null;
  const next = nextNonBlankIndex(lines, i + 1);
  const nextLine = next >= 0 ? lines[next] : undefined;
  if (nextLine && POST_HEADER.test(clean(nextLine.text))) return null;
  return { chapter, name: (m[2] ?? '').trim() };
}

function amountFirst(t: string, columns: number, places: number): Cells | null {
  if (/^-(?:\s+\p{Lu}.*)?$/u.test(t)) {
    return { name: '', amounts: [0], comment: t.replace(/^-\s*/, '') };
  }
  const c = splitCells(t, columns, places);
  return (c.amounts || c.inexact !== undefined) && c.name === '' ? c : null;
}

/** `4. Styringskalender`: a section heading numbered as Word numbers a list, no figure in it. */
const LIST_NUMBERED_HEADING = /^[1-9]\d?\.\s+\p{Lu}[^\d.:;,!?]{2,70}$/u;

function isTableEnd(t: string, printed = t): boolean {
  return (
    (isNumberedHeading(t) && !/^\d{2,4}\s+\d{2}\b/.test(t) && !/^\d{2}\s/.test(t)) ||
    isSignatureStart(t) ||
    isPostHeading(t) ||
    // A heading naming a post and its name (`Kap. 1452, post 01 Driftsutgifter`): no row reads so.
    POST_NAME_HEADING.test(t) ||
    isProseLine(t, printed) ||
    GRID_HEADER.test(t) ||
    CHAPTER_HEADING.test(t) ||
    // The sentence over a supplement's totals tables (`Oversikt over tildeling til … i 2026:`).
    OVERVIEW_OPENING.test(t)
  );
}

const OVERVIEW_OPENING = /^oversikt over (?:den )?(?:total\w*|tildel\w*|bevilg\w*)/iu;
const POST_NAME_HEADING = /^Kap(?:ittel|\.)?\s*\d{3,4}\s*,\s*post(?:ene)?\s+\d{2}(?!\d)/iu;

/**
 * A line of running text after a table: a whole sentence (capital start, closing stop) of more
 * than eight words, printed wider than a table's comment cell and with no column gap in it. A
 * comment that wraps in its cell prints narrow lines; a Word table row is one line.
 */
function isProseLine(t: string, printed: string): boolean {
  const words = t.split(/\s+/u).length;
  return (
    t.length > 60 &&
    words > 8 &&
    /^\p{Lu}/u.test(t) &&
    /[.!?]$/u.test(t) &&
    !/\S\s{2,}\S/u.test(printed)
  );
}

type Step = 'next' | 'stop' | 'stop-after';

/** Reads the rows of one table line by line (see parseRows). */
class RowsReader {
  readonly rows: AppropriationLine[] = [];
  readonly sums: SumLine[] = [];
  readonly claimed: SourceLine[] = [];
  readonly warnings: ImportWarning[] = [];
  /** `hvorav …` rows: shares of the post above them (see shareRow). */
  readonly earmarks: Earmark[] = [];
  private draft: RowDraft | null = null;
  /** The `hvorav …` row read last, while its comment cell may go on (until the next row). */
  private share: Earmark | null = null;
  /** Lines a `hvorav …` row took ahead of the reader (its purpose wrapped). */
  private readonly ahead = new Set<SourceLine>();
  private chapter: number | null;
  private groupName: string | null = null;
  /** Name lines printed above a row that has no name on its own line (see namelessRow). */
  private pending: SourceLine[] = [];
  /** How many rows the sum lines so far close. */
  private summed = 0;
  private readonly headers: ReadonlySet<string>;

  constructor(
    private readonly lines: readonly SourceLine[],
    private readonly opts: RowsOptions,
  ) {
    this.chapter = opts.chapter;
    this.headers = new Set((opts.headers ?? []).map(squeeze));
  }

  flush(): void {
    if (this.draft) this.rows.push(finishRow(this.draft, this.warnings));
    this.draft = null;
    this.share = null;
  }

  step(i: number, line: SourceLine, t: string): Step {
    if (this.ahead.has(line)) return 'next';
    // `4. Styringskalender` is the letter's next section, unless a list in a comment cell goes
    // on around it (`Inkluderer:` / `1. Midler til prøvebenker` / `2. …`).
    if (LIST_NUMBERED_HEADING.test(t) && !this.inList(i)) return 'stop';
    if (isPageMarker(t) || this.headers.has(squeeze(t))) return this.take(line);
    const sum = SUM_LINE.exec(t);
    if (sum) return this.sumLine(sum, line, t);
    if (this.amountLine(line, t)) return 'next';
    if (SHARE_ROW.test(t) && this.shareRow(i, line, t)) return 'next';
    const group = this.opts.chapter === null ? chapterGroup(this.lines, i, t) : null;
    if (group) {
      this.flush();
      this.chapter = group.chapter;
      this.groupName = group.name;
      return this.take(line);
    }
    const r = rowStart(t, this.opts, raw(line));
    if (r) return this.startRow(r, line);
    if (this.namesNextRow(i, t, raw(line))) {
      this.pending.push(line);
      return this.take(line);
    }
    if (this.shareGoesOn(line, t)) return this.take(line);
    return this.continuation(line, t);
  }

  /**
   * Whether a `1. …` line at `i` is an item of a list in a comment cell (the line above opens
   * it with a colon, or an item stands just above or below), not the letter's next section.
   */
  private inList(i: number): boolean {
    const prev = this.lines[i - 1];
    const next = this.lines[nextNonBlankIndex(this.lines, i + 1)];
    if (!prev || isBlank(prev.text)) return false;
    const item = /^\d{1,2}\.\s/u;
    return (
      /:$/u.test(clean(prev.text)) ||
      item.test(clean(prev.text)) ||
      (next !== undefined && item.test(clean(next.text)))
    );
  }

  /**
   * Whether `t` is the top of the name cell of a row printed below it without a name (within
   * two lines, only name lines between): `Tilskudd til kommunale prøveprosjekter, kan
   * overføres,` / `71   53 900 000` / `kan nyttes under post 60`.
   */
  private namesNextRow(i: number, t: string, printed: string): boolean {
    if (!nameLine(t) || isTableEnd(t, printed)) return false;
    for (let k = i + 1, seen = 0; k < this.lines.length && seen < 2; k++) {
      const l = this.lines[k];
      if (!l || isBlank(l.text)) continue;
      seen++;
      const next = clean(l.text);
      const r = rowStart(next, this.opts, raw(l));
      if (r) return nameless(r.rest);
      if (!nameLine(next)) return false;
    }
    return false;
  }

  private take(line: SourceLine): Step {
    this.claimed.push(line);
    return 'next';
  }

  /**
   * A `hvorav …` row (SHARE_ROW_WORDS), its amount on its line or after its purpose wrapped
   * over at most two more: a share of the post above, kept as an earmark of that post (in the
   * table's printed unit until scaleTable), neither a row nor part of a sum. False when no
   * amount follows: the line is then read as before.
   */
  private shareRow(i: number, line: SourceLine, t: string): boolean {
    if (isTableEnd(t, raw(line))) return false;
    const { columns, places } = this.opts;
    const taken = [line];
    let cells = splitCells(t, columns, places);
    const found = (c: Cells) => c.amounts !== null || c.inexact !== undefined;
    for (let k = i + 1; !found(cells) && taken.length < 3 && k < this.lines.length; k++) {
      const l = this.lines[k];
      if (!l || isBlank(l.text)) continue;
      const next = clean(l.text);
      const printed = raw(l);
      if (SUM_LINE.test(next) || SHARE_ROW.test(next) || rowStart(next, this.opts, printed)) break;
      if (isTableEnd(next, printed) || !continuesName(next)) break;
      taken.push(l);
      cells = splitCells(joinLines(taken.map((x) => clean(x.text))), columns, places);
    }
    if (!found(cells)) return false;
    const owner = this.draft ?? this.rows[this.rows.length - 1] ?? null;
    const chapter = owner?.chapter ?? this.chapter;
    const post = owner?.post ?? null;
    this.flush();
    this.claimed.push(...taken);
    for (const l of taken.slice(1)) this.ahead.add(l);
    const amount = cells.amounts?.[cells.amounts.length - 1];
    if (amount === undefined) {
      this.warnings.push({
        code: 'amount-not-thousands',
        params: { text: cells.inexact ?? '', line: line.no },
      });
      return true;
    }
    this.share = {
      chapter,
      post,
      amount,
      text: [cells.name, cells.comment].filter((x) => x !== '').join(' '),
      fromTable: true,
      provenance: span(taken),
    };
    this.earmarks.push(this.share);
    return true;
  }

  /** The comment cell of a `hvorav …` row, or the rest of it where it wrapped. */
  private shareGoesOn(line: SourceLine, t: string): boolean {
    const e = this.share;
    if (!e || !this.opts.comments || isTableEnd(t, raw(line))) return false;
    e.text = joinLines([e.text, t]);
    e.provenance = { ...e.provenance, endLine: line.no };
    return true;
  }

  private sumLine(sum: RegExpExecArray, line: SourceLine, t: string): Step {
    this.flush();
    const c = Number(sum[1] ?? this.chapter ?? 0);
    const run = (sum[3] ?? '0').trim();
    const { columns, places } = this.opts;
    const values = splitColumns(run, columns, places) ?? splitColumns(run, 1, places);
    this.claimed.push(line);
    const since = this.rows.slice(this.summed);
    this.summed = this.rows.length;
    if (!decimalsFit(run, places)) {
      this.warnings.push({ code: 'amount-not-thousands', params: { text: run, line: line.no } });
      return 'next';
    }
    if (!values) {
      this.warnings.push({ code: 'sum-line-unreadable', params: { text: t, line: line.no } });
      return 'next';
    }
    // A bare `Sum` under rows of several chapters is the table's total, no chapter's sum.
    if (sum[1] === undefined && new Set(since.map((r) => r.chapter)).size > 1) return 'next';
    this.sums.push({
      chapter: c,
      tableChapter: this.chapter ?? c,
      amount: values[values.length - 1] ?? 0,
      provenance: { startLine: line.no, endLine: line.no },
    });
    // A chapter table ends at its sum line; a grid goes on with the next chapter.
    return this.opts.chapter !== null ? 'stop-after' : 'next';
  }

  /** The amount of a row whose name ended on an earlier line (`4 000  Digitalt …`, `-`). */
  private amountLine(line: SourceLine, t: string): boolean {
    const d = this.draft;
    if (!d || d.state !== 'name' || d.amounts || rowStart(t, this.opts, raw(line))) return false;
    const a = amountFirst(t, this.opts.columns, this.opts.places);
    if (!a) return false;
    d.amounts = a.amounts;
    if (a.inexact !== undefined) d.inexact = a.inexact;
    d.dash = t.startsWith('-');
    if (a.comment) d.comment.push(a.comment);
    d.state = 'comment';
    d.lines.push(line);
    this.claimed.push(line);
    return true;
  }

  private startRow(r: NonNullable<ReturnType<typeof rowStart>>, line: SourceLine): Step {
    this.flush();
    if (r.chapter !== null) {
      this.chapter = r.chapter;
      this.groupName = null;
    }
    if (this.chapter === null) return 'stop';
    const restIsComment = /^\d+(?:,\d+)?\s*(?:mill|mrd)/iu.test(r.rest);
    const cells: Cells = restIsComment
      ? { name: '', amounts: null, comment: r.rest }
      : r.rest.trim() === '-'
        ? { name: '', amounts: [0], comment: '' }
        : splitCells(r.rest, this.opts.columns, this.opts.places);
    const above = this.pending;
    this.pending = [];
    const centred = above.length > 0 && cells.name === '';
    this.draft = {
      chapter: this.chapter,
      chapterName: this.opts.chapter !== null ? this.opts.chapterName : this.groupName,
      post: r.post,
      name: centred ? above.map((l) => clean(l.text)) : cells.name ? [cells.name] : [],
      amounts: cells.amounts,
      ...(cells.inexact === undefined ? {} : { inexact: cells.inexact }),
      dash: r.rest.trim() === '-',
      comment: cells.comment ? [cells.comment] : [],
      state: cells.amounts || cells.inexact !== undefined || restIsComment ? 'comment' : 'name',
      lines: centred ? [...above, line] : [line],
      centred,
    };
    return this.take(line);
  }

  /** A wrapped post name (possibly ending in the amount) or a comment line. */
  private continuation(line: SourceLine, t: string): Step {
    const d = this.draft;
    if (isTableEnd(t, raw(line)) || !d) return 'stop';
    if (
      d.state === 'comment' &&
      d.comment.length === 0 &&
      (unfinishedName(d.name.join(' ')) || d.centred === true) &&
      continuesName(t)
    ) {
      // The rest of a wrapped name cell, below the row's amount.
      d.name.push(t);
    } else if (d.state === 'name' && continuesName(t)) {
      const cells = splitCells(t, this.opts.columns, this.opts.places);
      d.name.push(cells.name);
      if (cells.inexact !== undefined) {
        d.inexact = cells.inexact;
        if (cells.comment) d.comment.push(cells.comment);
        d.state = 'comment';
      } else if (cells.amounts) {
        d.amounts = cells.amounts;
        if (cells.comment) d.comment.push(cells.comment);
        d.state = 'comment';
      }
    } else if (this.opts.comments || (d.state === 'name' && !d.amounts)) {
      d.comment.push(t);
      d.state = 'comment';
    } else {
      return 'stop';
    }
    d.lines.push(line);
    return this.take(line);
  }
}

/** Rows from `start` on, until a sum line, a heading or (chapter tables) the first prose line. */
function parseRows(lines: readonly SourceLine[], start: number, opts: RowsOptions): TableResult {
  const reader = new RowsReader(lines, opts);
  let i = start;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (!line || isBlank(line.text)) continue;
    const step = reader.step(i, line, clean(line.text));
    if (step === 'stop') break;
    if (step === 'stop-after') {
      i++;
      break;
    }
  }
  reader.flush();
  const { rows, sums, claimed, warnings, earmarks } = reader;
  return { rows, sums, claimed, end: i, warnings, earmarks };
}

function yearsIn(lines: readonly string[]): number[] {
  return lines.flatMap((t) => [...t.matchAll(YEAR)].map((m) => Number(m[1])));
}

/** Header lines after a table header that carry only column captions (`2024`, `Kommentar`). */
function headerContinuation(lines: readonly SourceLine[], from: number): SourceLine[] {
  const out: SourceLine[] = [];
  for (let k = from; k < lines.length && out.length < 4; k++) {
    const l = lines[k];
    if (!l || isBlank(l.text)) continue;
    if (!HEADER_CONT.test(clean(l.text))) break;
    out.push(l);
  }
  return out;
}

function previousNonBlankIndex(lines: readonly SourceLine[], from: number): number {
  for (let k = from; k >= 0; k--) {
    const l = lines[k];
    if (l && !isBlank(l.text)) return k;
  }
  return -1;
}

function nextNonBlankIndex(lines: readonly SourceLine[], from: number): number {
  for (let k = from; k < lines.length; k++) {
    const l = lines[k];
    if (l && !isBlank(l.text)) return k;
  }
  return -1;
}

/**
 * The unit a table's header or the text over it states, or `fallback`, and the decimals its
 * figures are read with: a table in millions is read in thousands (`12,5` → 12 500), exactly.
 */
function tableUnit(
  stated: MoneyUnit | null,
  fallback: MoneyUnit,
): { places: number; readIn?: MoneyUnit } {
  return (stated ?? fallback) === 'millions' ? { places: 3, readIn: 'thousands' } : { places: 0 };
}

/** A unit in a header line: `Beløp (i mill. kroner)`, or a column of its own (`Mill. kroner`). */
function unitInHeader(line: SourceLine): MoneyUnit | null {
  return (
    unitInText(line.text) ??
    tableCells(raw(line))
      .map((cell) => unitStatement(cell))
      .find((u) => u !== null) ??
    null
  );
}

/** A chapter table starting at `i`, or null. `fallback`: its unit where it states none. */
function chapterTable(
  lines: readonly SourceLine[],
  i: number,
  fallback: MoneyUnit = 'thousands',
): TableResult | null {
  const head = lines[i];
  if (!head) return null;
  const m = CHAPTER_HEADING.exec(clean(head.text));
  if (!m) return null;
  const h = nextNonBlankIndex(lines, i + 1);
  const headerLine = h >= 0 ? lines[h] : undefined;
  const header = headerLine ? POST_HEADER.exec(clean(headerLine.text)) : null;
  if (!header || !headerLine) return null;
  const cont = headerContinuation(lines, h + 1);
  const captions = [header[1] ?? '', ...cont.map((l) => clean(l.text))];
  const years = yearsIn(captions);
  const comments = captions.some((c) => /Kommentar|Merknad/iu.test(c));
  const last = cont[cont.length - 1];
  const from = last ? lines.indexOf(last) + 1 : h + 1;
  const above = unitAbove(lines, i);
  const stated =
    unitInText(head.text) ??
    [headerLine, ...cont].map(unitInHeader).find((u) => u !== null) ??
    above?.unit ??
    null;
  const { places, readIn } = tableUnit(stated, fallback);
  const res = parseRows(lines, from, {
    chapter: Number(m[1]),
    chapterName: (m[2] ?? '').trim() || null,
    columns: Math.max(1, Math.min(4, years.length)),
    comments,
    headers: [head.text, headerLine.text],
    places,
  });
  res.claimed.unshift(head, headerLine, ...cont);
  res.claimed.push(...(above?.caption ?? []));
  res.unit = stated;
  if (readIn) res.readIn = readIn;
  return res;
}

/** The post name's column label at the start of a grid table's other labels. */
const POST_NAME_COLUMN = new RegExp(`^(?:${alternation(POST_NAME_COLUMNS)})(?![\\p{L}])`, 'iu');

/** A grid table (chapter and post columns) starting at `i`, or null. `fallback`: see chapterTable. */
function gridTable(
  lines: readonly SourceLine[],
  i: number,
  fallback: MoneyUnit = 'thousands',
): TableResult | null {
  const head = lines[i];
  if (!head) return null;
  const m = GRID_HEADER.exec(clean(head.text));
  if (!m || /ramme/iu.test(m[1] ?? '')) return null;
  const cont = headerContinuation(lines, i + 1);
  const years = yearsIn([m[1] ?? '', ...cont.map((l) => clean(l.text))]);
  const last = cont[cont.length - 1];
  const from = last ? lines.indexOf(last) + 1 : i + 1;
  // The unit: in the header (`Beløp i kroner`), else a caption or sentence just above it.
  const above = unitAbove(lines, i);
  const stated = [head, ...cont].map(unitInHeader).find((u) => u !== null) ?? above?.unit ?? null;
  const { places, readIn } = tableUnit(stated, fallback);
  const res = parseRows(lines, from, {
    chapter: null,
    chapterName: null,
    columns: Math.max(1, Math.min(4, years.length)),
    comments: true,
    headers: [head.text],
    places,
  });
  res.claimed.unshift(head, ...cont);
  res.claimed.push(...(above?.caption ?? []));
  res.unit = stated;
  if (readIn) res.readIn = readIn;
  res.amountLabel = (m[1] ?? '').replace(POST_NAME_COLUMN, '').replace(/\s+/gu, ' ').trim();
  return res;
}

/**
 * A budget line that stands without a table header, a post a line: `Kap. 1610 post 01
 * Driftsutgifter  214 500`, `Post 01 Driftsutgifter: kr 412 600 000`, `Post 21 … 12,4 mill.
 * kroner`. Groups: chapter, post, name, the unit printed before the figure, the figure, the unit
 * printed after it.
 */
const POST_LINE = new RegExp(
  String.raw`^(?:Kap(?:ittel|\.)?\s*(\d{3,4})\s*,?\s*)?post\s+(\d{2})\s*[-–:,]?\s+(\p{L}.*?)\s*[:,]?\s+` +
    String.raw`(kr\.?\s*|NOK\s*)?(-?(?:${FIG})(?:,\d+)?)` +
    String.raw`(\s*(?:mill\.?|millioner)\s*(?:kroner|kr\.?)|\s*(?:kroner|kr\.?|NOK))?\.?$`,
  'iu',
);

interface PostLine {
  chapter: number | null;
  post: number;
  name: string;
  figure: string;
  /** The unit printed with the figure, or null. */
  unit: MoneyUnit | null;
}

function postLine(t: string): PostLine | null {
  const m = POST_LINE.exec(t);
  if (!m) return null;
  const name = (m[3] ?? '').trim();
  // A post's name opens in upper case and ends in no figure (a second figure column is no line
  // of this kind); a sentence naming a post (`… post 01 økes med 2 000`, `… kan overskrides med
  // inntil 5 mill. kroner`, `hvorav …`) is no budget line.
  if (
    !/^\p{Lu}/u.test(name) ||
    // (a figure ends it, not a post it names: `… kan nyttes under post 21`)
    (/(?:^|\s)\d{1,3}(?:\s\d{3})*$/u.test(name) &&
      !/(?:post(?:ene)?|kap\.?)\s+\d+$/iu.test(name)) ||
    unfinishedName(name) ||
    SECTION_CHANGE.test(name) ||
    /[.!?;]/u.test(name)
  ) {
    return null;
  }
  const marker = `${m[4] ?? ''} ${m[6] ?? ''}`.trim();
  return {
    chapter: m[1] === undefined ? null : Number(m[1]),
    post: Number(m[2]),
    name,
    figure: m[5] ?? '',
    unit: marker === '' ? null : unitStatement(marker.replace(/^NOK$/iu, 'kroner')),
  };
}

/**
 * Budget lines without a table header (POST_LINE), from `i` on: each names its chapter, or a
 * `Kap. 595 Statens prøvesenter` heading over them does; `Sum` lines close them. Each figure is
 * in the unit printed with it, else the unit stated above the lines, else `fallback`; amounts
 * come out in thousands (`readIn`), a figure not whole thousands kept with a warning, never
 * rounded. A single line with no unit anywhere is not read: it may be a line of prose.
 */
function postLines(
  lines: readonly SourceLine[],
  i: number,
  fallback: MoneyUnit = 'thousands',
): TableResult | null {
  const head = lines[i];
  // Both forms open with the word: a cheap test first, as this is tried at every line.
  if (!head || !/^\s*(?:kap|post)/iu.test(head.text)) return null;
  /** The chapter a `Kap. NNN Name` line at `k` opens, when a chapterless post line follows. */
  const opens = (k: number): { chapter: number; name: string | null } | null => {
    const l = lines[k];
    const m = l ? CHAPTER_HEADING.exec(clean(l.text)) : null;
    const next = m ? lines[nextNonBlankIndex(lines, k + 1)] : undefined;
    const first = next ? postLine(clean(next.text)) : null;
    if (!m || !first || first.chapter !== null) return null;
    return { chapter: Number(m[1]), name: (m[2] ?? '').trim() || null };
  };
  const starts = postLine(clean(head.text));
  const underHeading = opens(i) !== null;
  if (!(starts && starts.chapter !== null) && !underHeading) return null;
  const above = unitAbove(lines, i);
  // Or the sentence that opens them (`… stilles til disposisjon slik (i 1 000 kroner):`).
  const opening = lines[previousNonBlankIndex(lines, i - 1)];
  const stated =
    above?.unit ?? (opening && /:$/u.test(opening.text.trim()) ? unitInText(opening.text) : null);
  const res: TableResult = { rows: [], sums: [], claimed: [], end: i, warnings: [] };
  let group: { chapter: number; name: string | null } | null = null;
  let summed = 0;
  /** The unit the last row printed with its figure: a Sum line under it that prints none is in it. */
  let rowUnit: MoneyUnit | null = null;
  const inThousands = (figure: string, unit: MoneyUnit, line: SourceLine): number | null => {
    const v = cellValue(figure, unit === 'millions' ? 3 : 0);
    const amount = v === null ? null : unit === 'kroner' ? toThousands(v, unit) : v;
    if (amount === null) {
      res.warnings.push({ code: 'amount-not-thousands', params: { text: figure, line: line.no } });
    }
    return amount;
  };
  let k = i;
  for (; k < lines.length; k++) {
    const line = lines[k];
    if (!line || isBlank(line.text)) continue;
    const t = clean(line.text);
    if (isPageMarker(t)) continue;
    const chapter = opens(k);
    if (chapter) {
      group = chapter;
      res.claimed.push(line);
      continue;
    }
    const sum = SUM_LINE.exec(
      t.replace(/\s*(?:kr\.?|kroner|NOK)(?=\s+-?\d)|\s+(?:kr\.?|kroner|NOK)\.?$/giu, ''),
    );
    if (sum && res.rows.length > 0) {
      res.claimed.push(line);
      const since = res.rows.slice(summed);
      summed = res.rows.length;
      const chapters = new Set(since.map((r) => r.chapter));
      const only = since[0];
      const amount = inThousands(
        (sum[3] ?? '').trim(),
        unitInText(t) ??
          (/\bkr\b|kroner|NOK/iu.test(t) ? 'kroner' : (rowUnit ?? stated ?? fallback)),
        line,
      );
      if (only && chapters.size === 1 && amount !== null) {
        res.sums.push({
          chapter: Number(sum[1] ?? only.chapter),
          tableChapter: only.chapter,
          amount,
          provenance: { startLine: line.no, endLine: line.no },
        });
      }
      continue;
    }
    const p = postLine(t);
    const c = p?.chapter ?? group?.chapter ?? null;
    if (!p || c === null) break;
    if (p.chapter !== null) group = null;
    rowUnit = p.unit;
    const { postName, notes } = splitPostName(p.name);
    res.rows.push({
      chapter: c,
      chapterName: group?.name ?? null,
      post: p.post,
      postName,
      notes,
      amount: inThousands(p.figure, p.unit ?? stated ?? fallback, line) ?? 0,
      previousYearAmount: null,
      comment: null,
      provenance: { startLine: line.no, endLine: line.no },
    });
    res.claimed.push(line);
  }
  const unitKnown = stated !== null || starts?.unit != null;
  if (res.rows.length === 0 || (res.rows.length === 1 && !unitKnown && !underHeading)) return null;
  res.end = k;
  res.claimed.push(...(above?.caption ?? []));
  res.unit = stated;
  res.readIn = 'thousands';
  return res;
}

/* ------------------------------------------------------------------------------------------ */
/* Change tables (supplements)                                                                 */

/**
 * What the columns of a supplement's change table hold, by their labels (bokmål and nynorsk):
 * the post's figure before this document, the change it makes, the sum after it.
 * `Kap. post · Tidligere tildeling · Ny tildeling · Sum tildelt 2026`.
 */
const CHANGE_COLUMNS: readonly { role: ChangeColumn; label: RegExp }[] = (
  ['previous', 'change', 'total'] as const
).map((role) => ({
  role,
  label: new RegExp(
    `(?:${alternation(CHANGE_TABLE_COLUMNS[role])})${role === 'total' ? '\\w*' : ''}`,
    'giu',
  ),
}));
type ChangeColumn = 'previous' | 'change' | 'total';

/** `Kap. post` or `Kap./post` as one column, or `Kapittel  Post` as two. */
const CHANGE_HEADER = /^Kap(?:ittel|\.)?\s*[.,/]?\s*post\b(.*)$/iu;
/** A row: the chapter and post (`770.70`, or `770  70`), then the figures. */
const CHANGE_ROW = /^(\d{3,4})(?:\s*[.,]\s*|\s+)(\d{2})(?!\d)\s+(.*)$/u;
const NEW_OR_CHANGE = new RegExp(`^(?:${alternation(CHANGE_TABLE_COLUMNS.newOrChange)})$`, 'iu');

/**
 * The roles of the header's columns in their printed order, or null when it is no change table.
 * A label like `Ny tildeling` is the change unless the header has an explicit change column
 * (`Endring`, `Tillegg`); beside one it is the post's sum after the change.
 */
export function changeColumns(labels: string): ChangeColumn[] | null {
  const found: { role: ChangeColumn; at: number; text: string }[] = [];
  for (const { role, label } of CHANGE_COLUMNS) {
    for (const m of labels.matchAll(label)) found.push({ role, at: m.index, text: m[0] });
  }
  found.sort((a, b) => a.at - b.at);
  const changes = found.filter((f) => f.role === 'change');
  const ambiguous = changes.filter((f) => NEW_OR_CHANGE.test(f.text.trim()));
  if (changes.length === 2 && ambiguous.length === 1 && !found.some((f) => f.role === 'total')) {
    ambiguous[0]!.role = 'total';
  }
  const roles = found.map((f) => f.role);
  const distinct = new Set(roles);
  if (!distinct.has('change') || distinct.size < 2 || distinct.size !== roles.length) return null;
  return roles;
}

/** Whether a line is the header of a change table. */
function opensChangeTable(text: string): boolean {
  const m = CHANGE_HEADER.exec(text.trim());
  return m !== null && changeColumns(m[1] ?? '') !== null;
}

/** A signed figure cell: `41 600`, `-3 400`, `−3 400`, `(3 400)`. */
function signedFigure(cell: string, places = 0): number | null {
  const t = cell.trim().replace(/\u2212/g, '-');
  const negative = /^-/.test(t) || /^\(.*\)$/.test(t);
  const digits = t.replace(/^[-(]\s*|\s*\)$/g, '');
  const v = cellValue(digits, places);
  return v === null || digits.startsWith('-') ? null : negative ? -v : v;
}

/**
 * The cells of a row after its chapter and post: the post's name (where the table has a name
 * column) and its `n` figures, the last `n` cells. By the cells where the extractor kept them
 * apart, else by the run of digit groups that ends the row (the name keeps any number before it).
 */
export function rowFigures(
  rest: string,
  n: number,
  places = 0,
): { name: string; figures: number[] } | null {
  const t = rest.trim().replace(/\u2212/g, '-');
  const cells = tableCells(t);
  if (cells.length >= n) {
    const values = cells.slice(cells.length - n).map((c) => signedFigure(c, places));
    if (values.every((v) => v !== null)) {
      return { name: cells.slice(0, cells.length - n).join(' '), figures: values as number[] };
    }
  }
  // Fewer cells than figures (gaps too narrow to tell, or single spaces between everything):
  // the figures are the longest run of figure tokens at the end, split where the gaps and the
  // row's sum (before + change = after, in whichever columns) say.
  const tokens = [...t.matchAll(/\S+/gu)];
  let from = tokens.length;
  while (from > 0 && /^-?\d+(?:,\d+)?$/.test(tokens[from - 1]?.[0] ?? '')) from--;
  for (let k = from; k < tokens.length; k++) {
    const at = tokens[k]?.index ?? t.length;
    const figures = splitColumns(t.slice(at), n, places, n === 3 ? sumsUp : undefined);
    if (figures) return { name: t.slice(0, at).replace(/\s+/gu, ' ').trim(), figures };
  }
  return null;
}

/** Whether one of three figures is the sum of the other two. */
function sumsUp([a = 0, b = 0, c = 0]: readonly number[]): boolean {
  return a + b === c || a + c === b || b + c === a;
}

/**
 * The roles of a change table's three figure columns as the rows' sums bear them out (before +
 * change = after): the header's when they do or when no order does, else the one order that
 * every row bears out.
 */
function confirmRoles(roles: ChangeColumn[], rows: readonly number[][]): ChangeColumn[] {
  if (roles.length !== 3 || new Set(roles).size !== 3 || rows.length === 0) return roles;
  const holds = (order: ChangeColumn[]) =>
    rows.every((f) => {
      const v = (r: ChangeColumn) => f[order.indexOf(r)] ?? 0;
      return v('previous') + v('change') === v('total');
    });
  if (holds(roles)) return roles;
  const orders: ChangeColumn[][] = [
    ['previous', 'change', 'total'],
    ['previous', 'total', 'change'],
    ['change', 'previous', 'total'],
    ['change', 'total', 'previous'],
    ['total', 'previous', 'change'],
    ['total', 'change', 'previous'],
  ];
  const good = orders.filter(holds);
  // previous + change = total reads the same with previous and change swapped: keep the
  // header's words for which of them is the total.
  const sameTotal = good.filter((o) => o.indexOf('total') === roles.indexOf('total'));
  if (sameTotal.length > 0) return roles;
  const totalAt = new Set(good.map((o) => o.indexOf('total')));
  if (totalAt.size !== 1) return roles;
  const at = [...totalAt][0]!;
  // The total moves to the column the sums show; the other two keep their header order.
  const rest = roles.filter((r) => r !== 'total');
  return roles.map((_, k) => (k === at ? 'total' : (rest.shift() ?? 'change')));
}

/** A line that may hold part of a change-table row's name: no figures, a few words. */
function changeNameLine(t: string, printed = t): boolean {
  return (
    nameLine(t) && !opensChangeTable(t) && !isTableEnd(t, printed) && unitStatement(t) === null
  );
}

/**
 * A supplement's change table at `i`: each row is the post's change (`amount`), with the figure
 * before and the sum after it as printed (`changeRow`). Null when the line opens no such table.
 * A name column's cell may wrap around the row's figures in a PDF (vertically centred): the lines
 * above a row without a name begin its name, lower-case lines after a row go on with it. The
 * header printed again after a page break goes on with the table.
 */
function changeTable(
  lines: readonly SourceLine[],
  i: number,
  fallback: MoneyUnit = 'thousands',
): TableResult | null {
  const head = lines[i];
  if (!head) return null;
  const m = CHANGE_HEADER.exec(head.text.trim());
  const header = m ? changeColumns(m[1] ?? '') : null;
  if (!header) return null;
  // The unit: in the header, else a caption just above it (`(alle tall i 1 000 kroner)`).
  const above = unitAbove(lines, i);
  const stated = unitInText(head.text) ?? above?.unit ?? null;
  const { places, readIn } = tableUnit(stated, fallback);
  const rowPattern = CHANGE_ROW;
  type Read = { row: AppropriationLine; figures: number[]; name: string[]; lines: SourceLine[] };
  const read: Read[] = [];
  const claimed: SourceLine[] = [head];
  const warnings: ImportWarning[] = [];
  let pending: SourceLine[] = [];
  let lastRowEnd = i + 1;
  const isRow = (l: SourceLine | undefined) => l !== undefined && rowPattern.test(l.text.trim());
  /** The next non-blank line from `k` on is a row, with only name lines (at most two) before it. */
  const rowAhead = (k: number) => {
    let names = 0;
    for (; k < lines.length; k++) {
      const l = lines[k]!;
      const t = clean(l.text);
      if (t === '' || isPageMarker(t) || opensChangeTable(t)) continue;
      if (isRow(l)) return true;
      if (!changeNameLine(t, raw(l)) || ++names > 2) return false;
    }
    return false;
  };
  let j = i + 1;
  for (; j < lines.length; j++) {
    const line = lines[j]!;
    const t = clean(line.text);
    if (t === '' || isPageMarker(t)) {
      // Blank lines (PDF text has one between printed lines) may stand before a row.
      if (rowAhead(j + 1) || nameGoesOn(read, lines, j + 1)) continue;
      break;
    }
    if (opensChangeTable(t) && read.length > 0) {
      claimed.push(line);
      continue;
    }
    const r = rowPattern.exec(raw(line));
    if (!r) {
      const last = read[read.length - 1];
      if (!changeNameLine(t, raw(line))) break;
      if (last && pending.length === 0 && /^\p{Ll}/u.test(t)) {
        last.name.push(t);
        last.lines.push(line);
      } else if (rowAhead(j + 1)) {
        pending.push(line);
      } else if (
        last &&
        pending.length === 0 &&
        last.name.length > 0 &&
        unfinishedName(last.name.join(' '))
      ) {
        last.name.push(t);
        last.lines.push(line);
      } else break;
      claimed.push(line);
      continue;
    }
    const cells = rowFigures(r[3] ?? '', header.length, places);
    if (!cells) {
      warnings.push({ code: 'change-row-unreadable', params: { line: line.no } });
      break;
    }
    const name = cells.name === '' ? pending.map((l) => clean(l.text)) : [cells.name];
    const rowLines = cells.name === '' ? [...pending, line] : [line];
    if (cells.name !== '' && pending.length > 0) {
      // Name lines above a row that prints its own name: the end of the row before.
      const last = read[read.length - 1];
      if (!last) break;
      last.name.push(...pending.map((l) => clean(l.text)));
      last.lines.push(...pending);
    }
    pending = [];
    read.push({
      row: {
        chapter: Number(r[1]),
        chapterName: null,
        post: Number(r[2]),
        postName: '',
        notes: [],
        amount: 0,
        previousYearAmount: null,
        comment: null,
        provenance: { startLine: line.no, endLine: line.no },
      },
      figures: cells.figures,
      name,
      lines: rowLines,
    });
    claimed.push(line);
    lastRowEnd = j + 1;
  }
  if (read.length === 0) return null;
  // Name lines read ahead of a row that never came are not the table's.
  const unused = new Set(pending);
  const roles = confirmRoles(
    header,
    read.map((x) => x.figures),
  );
  const rows = read.map(({ row, figures, name, lines: ls }) => {
    const value = (role: ChangeColumn) => {
      const k = roles.indexOf(role);
      return k < 0 ? null : (figures[k] ?? null);
    };
    const { postName, notes } = splitPostName(joinLines(name));
    return {
      ...row,
      postName,
      notes,
      amount: value('change') ?? 0,
      changeRow: { previous: value('previous'), total: value('total') },
      provenance: span(ls),
    };
  });
  const out = claimed.filter((l) => !unused.has(l));
  out.push(...(above?.caption ?? []));
  const end = unused.size > 0 ? lastRowEnd : j;
  return {
    rows,
    sums: [],
    claimed: out,
    end,
    warnings,
    unit: stated,
    ...(readIn ? { readIn } : {}),
  };
}

/** Whether the line at `k` (after blanks) continues the last row's name (lower-case start). */
function nameGoesOn(
  read: readonly { name: string[] }[],
  lines: readonly SourceLine[],
  k: number,
): boolean {
  if (read.length === 0) return false;
  const next = nextNonBlankIndex(lines, k);
  const t = next >= 0 ? clean(lines[next]?.text ?? '') : '';
  return /^\p{Ll}/u.test(t) && nameLine(t) && !isTableEnd(t);
}

/* ------------------------------------------------------------------------------------------ */
/* Totals tables (supplements)                                                                 */

/** Caption line of a totals table: `Tildelingsbrev Beløp (i 1000 kroner)`, `Dokument Beløp`. */
const TOTALS_HEADER = /^(?:\p{L}+\s+)?Beløp(?:\s|$)/iu;
const TRAILING_FIG = new RegExp(String.raw`^(.*?)\s+(-?(?:\d{1,3}(?:[ ]{1,2}\d{3})+|\d+))$`, 'u');

export function totalsSource(label: string): TotalsClaimRow['source'] {
  const s =
    /Tillegg\s+(?:nr\.?\s*(\d+)\s+)?til\s+tildelingsbrev(?:et)?\s*(?:(?:for\s+)?\d{4}\s*)?(?:nr\.?\s*(\d+))?/iu.exec(
      label,
    );
  const n = s ? (s[1] ?? s[2]) : undefined;
  if (n !== undefined) return { kind: 'supplement', number: Number(n) };
  if (/^Tildelingsbrev\b/iu.test(label)) return { kind: 'letter' };
  return { kind: 'unknown' };
}

function labelAndAmount(t: string): { label: string; amount: number } | null {
  if (FIG_ONLY.test(t)) {
    const amount = figure(t);
    return amount === null ? null : { label: '', amount };
  }
  const m = TRAILING_FIG.exec(t);
  // `… nr. 3`, `… på kap. 500 post 21`: a reference at the end of a line of text, no amount.
  if (!m || /(?:nr|post(?:ene)?|kap(?:ittel)?)\.?$/iu.test(m[1] ?? '')) return null;
  // `… Overføringer fra 2019` wrapped before its amount: a year is label text.
  if (/^(?:19|20)\d{2}$/.test(m[2] ?? '')) return null;
  const amount = figure(m[2] ?? '0');
  return amount === null ? null : { label: (m[1] ?? '').trim(), amount };
}

function totalsTable(
  lines: readonly SourceLine[],
  i: number,
): { claim: TotalsClaim; claimed: SourceLine[]; end: number } | null {
  const head = lines[i];
  if (!head || !isPostHeading(head.text)) return null;
  const hm = /(\d{3,4})(?:[.,]|,?\s+post\s+)(\d{2})/iu.exec(clean(head.text));
  const claimed: SourceLine[] = [head];
  const rows: TotalsClaimRow[] = [];
  let total: TotalsClaim['total'] = null;
  let pending: SourceLine[] = [];
  let k = i + 1;
  for (; k < lines.length && k < i + 60; k++) {
    const line = lines[k];
    if (!line || isBlank(line.text)) continue;
    const t = clean(line.text);
    if (isPageMarker(t)) {
      claimed.push(line);
      continue;
    }
    if (TOTALS_HEADER.test(t) && rows.length === 0 && pending.length === 0) {
      claimed.push(line);
      continue;
    }
    if (isPostHeading(t) || isSignatureStart(t) || isNumberedHeading(t)) break;
    if (opensChangeTable(line.text)) break;
    const la = labelAndAmount(t);
    if (isTotalsTotal(t) && la) {
      claimed.push(line);
      total = {
        label: la.label,
        amount: la.amount,
        provenance: { startLine: line.no, endLine: line.no },
      };
      k++;
      break;
    }
    if (la) {
      const parts = [...pending, line];
      const label = joinLines([...pending.map((l) => l.text), la.label]);
      rows.push({ label, source: totalsSource(label), amount: la.amount, provenance: span(parts) });
      claimed.push(line);
      pending = [];
      continue;
    }
    if (pending.length >= 4) break;
    pending.push(line);
    claimed.push(line);
  }
  // A `Kap. 760, post 21` heading over prose (a supplement's section per post) is no table.
  if (rows.length === 0 && total === null) return null;
  const all = [...claimed].sort((a, b) => a.no - b.no);
  return {
    claim: {
      chapter: Number(hm?.[1] ?? 0),
      post: hm?.[2] === undefined ? null : Number(hm[2]),
      heading: clean(head.text),
      rows,
      total,
      provenance: span(all),
    },
    claimed: all,
    end: k,
  };
}

/**
 * A supplement that states its money only in its overview tables (e.g. carry-over from last
 * year): the rows naming the supplement itself are its allocations.
 */
function ownTotalsRows(claims: readonly TotalsClaim[], number: number | null): AppropriationLine[] {
  if (number === null) return [];
  const out: AppropriationLine[] = [];
  for (const c of claims) {
    if (c.post === null) continue;
    for (const r of c.rows) {
      if (r.source.kind !== 'supplement' || r.source.number !== number) continue;
      out.push({
        chapter: c.chapter,
        chapterName: null,
        post: c.post,
        postName: '',
        notes: [],
        amount: r.amount,
        previousYearAmount: null,
        comment: r.label,
        provenance: r.provenance,
      });
    }
  }
  return out;
}

/* ------------------------------------------------------------------------------------------ */
/* Running text: supplement allocations, earmarks                                              */

/** Word start/end that also works next to æ, ø, å (JS `\b` is ASCII-only). */
const WS = String.raw`(?<![\p{L}\d])`;
const WE = String.raw`(?![\p{L}\d])`;
/** A grant verb (GRANT_VERBS), `stilles … til disposisjon`, `gis … kroner`. */
const ALLOCATION_VERB = new RegExp(
  `${WS}(?:${alternation(GRANT_VERBS.verbs)}|(?:${alternation(GRANT_VERBS.disposal.verbs)})${WE}.{0,60}?${WS}til\\s+(?:${alternation(GRANT_VERBS.disposal.what)})\\p{L}*|gis${WE}.{0,40}?${WS}kroner)`,
  'iu',
);
const EARMARK_WORD = new RegExp(
  `${WS}(?:inkluderer|øremerke\\p{L}*|avsatt|avsette\\p{L}*|satt av|settes av|hvorav|av dette|tildeles|tildelt|tildeler|ramme på)${WE}`,
  'iu',
);
/** Headings of the money part: `Bevilgninger`, `5.1 Budsjettildelinger`, `Budsjettramme`. */
const MONEY_HEADING = new RegExp(
  `^(?:\\d{1,2}(?:\\.\\d{1,2})*\\s+)?(?:${alternation(APPROPRIATION_HEADINGS)}|Bevilgning|Budsjettildelinger?|Budsjettildeling(?:er)? og \\p{L}+|Tildelinger?|Budsjettramme(?:r)?|Budsjett(?:messige)? tildelinger)$`,
  'iu',
);
const LIST_ITEM = /^(?:[-–•]\s|\d{1,2}[.)]\s|[a-z]\)\s)/u;
const CONTEXT_START =
  /^(?:[-–•]\s|Tildelingen|Bevilgningen|Midlene|Av dette|Av overførte|Herav|Hvorav)/iu;
const AUTHORITY_SENTENCE = new RegExp(
  `${WS}(?:(?:gir|gis|får|gitt)${WE}.{0,120}?\\p{L}*fullmakt|kan overskride|fullmakt til å overskride)`,
  'iu',
);
const FUTURE = new RegExp(`${WS}vil få${WE}`, 'iu');
const OVERVIEW_SENTENCE = /\boversikt over (?:den )?(?:total\w*|tildel\w*|bevilg\w*)/iu;

/*
 * Grants to a named recipient. An earmark is money tied to a purpose within a post (`hvorav
 * 2,7 mill. kr er øremerket arbeidet med standarder`, `inkluderer 80 mill. kroner til
 * modernisering av …`). Money given to a named organisation (`1 mill. kr skal gå til Standard
 * Norge`, `4 mill. kr til Norges … forbund`, `tilskudd på inntil 4,7 mill kr. til DSB`, `med
 * Legeforeningen avtalt å avsette 17 mill. kroner`) is a grant to a recipient: it says who
 * gets the money, not what part of the post is bound to a purpose, so it is not an earmark.
 *
 * The rule, for every letter: an amount is a grant when
 * - the first `til` after it (before any comma, full stop or next amount, and within a few
 *   words) names an organisation, or
 * - the text of its clause before it (since the previous amount or the sentence start) names
 *   one after `med` or `for` (`med X avtalt å avsette`, `for X ble avsatt`).
 * A name is an organisation when it starts with a capital letter or is an acronym, and one of
 * its first words is an acronym (`KS`, `DSB`, `HL7`; not `EPJ-løftet`) or ends in one of the
 * ORGANISATION_ENDINGS (`…forbund`, `…foreningen`, `… kommune`, `… Norge`, `… HF`). A capital
 * alone is not enough: programmes and measures are capitalised too (`til Helsedataprogrammet`,
 * `til Modernisert folkeregister`), and those are purposes.
 */

/** Ends of words that make a capitalised name an organisation (bokmål and nynorsk). Extend
 *  here; whole words are compared case-insensitively by their end. */
export const ORGANISATION_ENDINGS: readonly string[] = [
  'forening',
  'foreningen',
  'forbund',
  'forbundet',
  'organisasjon',
  'organisasjonen',
  'stiftelse',
  'stiftelsen',
  'institutt',
  'instituttet',
  'senter',
  'senteret',
  'universitet',
  'universitetet',
  'høgskole',
  'høgskolen',
  'høyskole',
  'høyskolen',
  'sykehus',
  'sykehuset',
  'kommune',
  'fylkeskommune',
  'kommunen',
  'norge',
  'noreg',
  'hf',
  'sf',
  'as',
  'asa',
  'iks',
  'kf',
];

const ACRONYM = /^(?=(?:[\p{Lu}\d]*\p{Lu}){2})[\p{Lu}\d]{2,}$/u;
/** Where a name after `til`/`med`/`for` ends. */
const NAME_END =
  /[,.;:()«»]|\s(?:til|for å|som|med|og\s+(?:minst\s+|inntil\s+)?\d|avtalt|ble|blir|er|skal|har|vil)(?=\s)|\s\d/u;

/** Whether the words starting `text` are the name of an organisation (see above). */
export function namesOrganisation(text: string): boolean {
  const end = NAME_END.exec(text);
  const words = (end ? text.slice(0, end.index) : text).trim().split(/\s+/u).slice(0, 8);
  const first = words[0] ?? '';
  if (!/^\p{Lu}/u.test(first)) return false;
  return words.some((w) => {
    if (ACRONYM.test(w)) return true;
    const lower = w.toLowerCase();
    return ORGANISATION_ENDINGS.some((e) => lower.endsWith(e) && (lower === e || e.length >= 5));
  });
}

const TIL_AFTER = new RegExp(`^[^.,;:\\d]{0,40}?${WS}til\\s+`, 'iu');
const PARTY_BEFORE = new RegExp(`${WS}(?:med|for)\\s+(?=\\p{Lu})`, 'giu');

/**
 * Whether the amount at `m` in `text` is money given to a named organisation rather than an
 * earmark (see above). `previousEnd`: where the previous amount of the text ended.
 */
export function isGrantToRecipient(
  text: string,
  m: { index: number; raw: string },
  previousEnd: number,
): boolean {
  const after = text.slice(m.index + m.raw.length);
  const til = TIL_AFTER.exec(after);
  if (til && namesOrganisation(after.slice(til[0].length))) return true;
  const sentenceStart = Math.max(text.lastIndexOf('. ', m.index) + 1, previousEnd, 0);
  const before = text.slice(sentenceStart, m.index);
  for (const p of before.matchAll(PARTY_BEFORE)) {
    if (namesOrganisation(before.slice(p.index + p[0].length))) return true;
  }
  return false;
}

interface Ref {
  chapter: number | null;
  post: number | null;
}

function nearestRef(text: string, index: number): Ref | null {
  const refs = chapterPostRefs(text);
  let best: (typeof refs)[number] | null = null;
  for (const r of refs) {
    if (!best || Math.abs(r.index - index) < Math.abs(best.index - index)) best = r;
  }
  return best ? { chapter: best.chapter, post: best.post } : null;
}

interface ProseResult {
  appropriations: AppropriationLine[];
  earmarks: Earmark[];
  claimed: SourceLine[];
  warnings: ImportWarning[];
  /** The sentence each prose allocation or earmark was read from. */
  sources: Map<AppropriationLine | Earmark, Sentence>;
  /** Sentences an item was read from. */
  used: Set<Sentence>;
  /** Headings of the money's sections and tables (`Bevilgninger`, `Oversikt over tildeling …`). */
  headings: SourceLine[];
}

/**
 * The post's name printed after its reference (`kap. 1520, post 70 Tilskot til lokale
 * prøvesenter.`): up to the clause's end; a longer run than a post name (six words) is cut
 * before the first `til`, `for`, `med`, `og` or `i` (`post 21 Driftsutgifter til …`).
 */
function postNameAfter(text: string, index: number): string {
  const m =
    /^[Kk]ap(?:ittel|\.)?\s*\d{3,4}(?:\s*[,.]?\s*post\s*|\.)\d{2}\s+(\p{Lu}[\p{L}\s-]*?)(?=[.,;:]|$)/u.exec(
      text.slice(index),
    );
  const name = (m?.[1] ?? '').trim();
  if (name.split(/\s+/u).length <= 6) return name;
  return (/^(.*?)(?=\s+(?:til|for|med|og|i)\s)/u.exec(name)?.[1] ?? name).trim();
}

/** What running text said just before: the chapter/post it named, the list it opened. */
interface ProseState {
  context: Ref | null;
  contextAge: number;
  listContext: Ref | null;
  lastAllocation: AppropriationLine | null;
  /**
   * The post of the section the text is in, where a document heads a section with the post
   * (`Kap. 760, post 21`, `Kap. 1450, post 21 Spesielle driftsutgifter`, then what changes on
   * it or is granted on it); until the next such heading.
   */
  section: Ref | null;
  /** The post's name where the heading prints it (`Kap. 1450, post 21 Spesielle …`), else ''. */
  sectionName: string;
  /** Sentences since that heading. */
  sectionAge: number;
  /** `… økes med følgende:` under a section heading: the list items after it are changes. */
  sectionList: { chapter: number; post: number; sign: 1 | -1 } | null;
  /** Money told again as given earlier (`ble det … tildelt 9,5 mill.`), for a correction after it. */
  earlierGrant: { ref: Ref; amount: number; text: string } | null;
}

const EARLIER_GRANT = new RegExp(
  `${WS}(?:ble|vart)${WE}(?:\\s+\\S+){0,12}?\\s+(?:${alternation(EARLIER_GRANT_VERBS)})${WE}`,
  'iu',
);
const CORRECT_TOTAL_RE = new RegExp(
  `${WS}(?:${alternation(CORRECT_TOTAL.adjective)})\\s+(?:${alternation(CORRECT_TOTAL.noun)})${WE}.{0,80}?${WS}(?:${alternation(CORRECT_TOTAL.verb)})${WE}`,
  'iu',
);

/**
 * Money told again as given before: remembered (for a correction that may follow), not read as
 * a change of this document.
 */
function readEarlierGrant(s: Sentence, st: ProseState): boolean {
  const verb = EARLIER_GRANT.exec(s.text);
  if (!verb) return false;
  const amount = findScaledAmounts(s.text).matches.find((m) => m.index > verb.index);
  if (!amount) return false;
  const ref = firstRef(chapterPostRefs(s.text)) ?? st.section;
  st.earlierGrant =
    ref && ref.chapter !== null && ref.post !== null
      ? { ref, amount: amount.amount, text: s.text }
      : null;
  return true;
}

/**
 * `Korrekt tildeling … skulle vært 23 mill. kroner`: after money told as given by mistake, the
 * change is the difference; after a change of this document, the post's sum after it.
 */
function readCorrectTotal(s: Sentence, st: ProseState, out: ProseResult): boolean {
  const verb = CORRECT_TOTAL_RE.exec(s.text);
  if (!verb) return false;
  const total = findScaledAmounts(s.text).matches.find((m) => m.index >= verb.index);
  if (!total) return false;
  const earlier = st.earlierGrant;
  const ref = firstRef(chapterPostRefs(s.text)) ?? earlier?.ref ?? st.section;
  if (!ref || ref.chapter === null || ref.post === null) return false;
  const same = (r: Ref) => r.chapter === ref.chapter && r.post === ref.post;
  if (earlier && same(earlier.ref)) {
    proseAllocation(s, out, {
      chapter: ref.chapter,
      post: ref.post,
      postName: '',
      amount: total.amount - earlier.amount,
      comment: `${earlier.text} ${s.text}`,
    });
    st.earlierGrant = null;
    return true;
  }
  const row = [...out.appropriations].reverse().find(same);
  if (!row) return false;
  row.changeRow = { previous: row.changeRow?.previous ?? null, total: total.amount };
  row.comment = `${row.comment ?? ''} ${s.text}`.trim();
  return true;
}

/**
 * A per-post heading (`Kap. 760, post 21`, `Kap. 1450, post 21 Spesielle driftsutgifter`): a
 * line of its own; a list item `• Kap. 2756, post 70` run on with the heading after it (`Nye
 * oppdrag`) is none.
 */
function isSectionHeading(s: Sentence): boolean {
  return s.lines.length === 1 && isPostHeading(s.text);
}

/** How many sentences after its heading a change may still be about the section's post. */
const SECTION_REACH = 8;

/** A sentence that is a heading of its own: short, no verb-like end punctuation, no figure. */
function looksLikeHeading(text: string): boolean {
  const t = text.trim();
  return (
    /^\p{Lu}/u.test(t) &&
    !/[.!?;,]$/.test(t) &&
    t.split(/\s+/).length <= 14 &&
    findScaledAmounts(t).matches.length === 0
  );
}

/** A list item, also where the sentence reader took its bullet off. */
function isListItem(s: Sentence): boolean {
  return LIST_ITEM.test(s.text) || isBullet(clean(s.lines[0]?.text ?? ''));
}

/**
 * A change phrase of CHANGE_VERBS; one whose verb takes `med` may have the post named between
 * them (`økes bevilgningen på kap. 1721, post 70 med …`, `øker tildelingen på … med …`).
 */
function changeVerbs(phrases: readonly string[]): RegExp {
  const apart = phrases.filter((p) => / med$/u.test(p)).map((p) => p.replace(/ med$/u, ''));
  const whole = phrases.filter((p) => !/ med$/u.test(p));
  const forms = [
    ...(whole.length > 0 ? [alternation(whole, loosely)] : []),
    ...(apart.length > 0 ? [`(?:${alternation(apart, loosely)})${WE}(?:.{0,80}?\\s)?med`] : []),
  ];
  return new RegExp(`${WS}(?:${forms.join('|')})${WE}`, 'iu');
}

/**
 * A change to the post of the section: `Helsedirektoratet tildeles 1,7 mill. kroner`,
 * `Tildelingen på posten økes med …`, `… reduseres med 3,4 mill. kroner` (negative).
 */
const SECTION_CHANGE = changeVerbs([...CHANGE_VERBS.increase, ...CHANGE_VERBS.decrease]);
/** `Bevilgningen … endres fra 10 mill. kroner til 12 mill. kroner`: the change is the difference. */
const FROM_TO = new RegExp(
  `${WS}(?:${alternation(CHANGE_VERBS.fromTo, loosely)})\\s+fr[aå]${WE}`,
  'iu',
);
const SECTION_CHANGES = new RegExp(SECTION_CHANGE.source, 'giu');
/** Whether the post `ref` is named in the sentence only after a `jf.` that follows `index`. */
function referenceOnly(text: string, index: number, ref: Ref): boolean {
  const refs = chapterPostRefs(text).filter(
    (r) => r.chapter === ref.chapter && r.post === ref.post,
  );
  const jf = /\bjf\./giu;
  jf.lastIndex = index;
  const marker = jf.exec(text);
  return marker !== null && refs.every((r) => r.index > marker.index);
}

/** Whether the last change verb before `index` reduces (`reduseres med`, `satt ned med`). */
function reducesBefore(text: string, index: number): boolean {
  const verbs = [...text.slice(0, index).matchAll(SECTION_CHANGES)];
  const last = verbs[verbs.length - 1];
  return last !== undefined && REDUCTION.test(last[0]);
}

const REDUCTION = changeVerbs(CHANGE_VERBS.decrease);

/** An allocation read from running text: recorded with the sentence it was read from. */
function proseAllocation(
  s: Sentence,
  out: ProseResult,
  row: Pick<AppropriationLine, 'chapter' | 'post' | 'postName' | 'amount' | 'comment'>,
): AppropriationLine {
  const line: AppropriationLine = {
    chapter: row.chapter,
    chapterName: null,
    post: row.post,
    postName: row.postName,
    notes: [],
    amount: row.amount,
    previousYearAmount: null,
    comment: row.comment,
    fromText: true,
    provenance: span(s.lines),
  };
  out.appropriations.push(line);
  out.sources.set(line, s);
  return line;
}

/**
 * Amounts of a sentence that changes the section's post without naming it: each a part of the
 * post's change (`økes med 0,5 mill. kroner til …, og 4,176 mill. kroner til …`).
 */
function readSectionChange(s: Sentence, doc: DocText, st: ProseState, out: ProseResult): boolean {
  const section = st.section;
  if (doc.kind !== 'supplement' || !section || section.chapter === null || section.post === null) {
    return false;
  }
  const list = st.sectionList;
  if (list && isListItem(s) && chapterPostRefs(s.text).length === 0) {
    // `- 3,55 mill. kroner knyttet til …` after `… økes med følgende:`: one change each.
    const first = findScaledAmounts(s.text).matches[0];
    if (!first) return false;
    proseAllocation(s, out, {
      chapter: list.chapter,
      post: list.post,
      postName: st.sectionName,
      amount: list.sign * first.amount,
      comment: s.text.replace(/^[-–•]\s*/u, ''),
    });
    return true;
  }
  // A list item after a lead-in (`økes med til sammen 8,55 mill. kroner:`) is a part of it.
  if (chapterPostRefs(s.text).length > 0 || FUTURE.test(s.text) || LIST_ITEM.test(s.text)) {
    return false;
  }
  const verb = SECTION_CHANGE.exec(s.text);
  if (!verb) return false;
  const sign = REDUCTION.test(verb[0]) ? -1 : 1;
  if (
    /:$/.test(s.text.trim()) &&
    findScaledAmounts(s.text).matches.every((m) => m.index < verb.index)
  ) {
    st.sectionList = { chapter: section.chapter, post: section.post, sign };
    return true;
  }
  let used = false;
  const amounts = findScaledAmounts(s.text).matches.filter((m) => m.index >= verb.index);
  for (const [k, m] of amounts.entries()) {
    // Money passed on to a named recipient is still money on the post. Where the sentence
    // gives several parts, each row keeps its own part of it (`0,3 mill. kroner til …`).
    const next = amounts[k + 1];
    const part = s.text
      .slice(m.index, next?.index ?? s.text.length)
      .replace(/[\s,;]*(?:og\s*)?$/u, '')
      .trim();
    proseAllocation(s, out, {
      chapter: section.chapter,
      post: section.post,
      postName: st.sectionName,
      amount: sign * m.amount,
      comment: amounts.length > 1 ? part : s.text,
    });
    used = true;
  }
  // `… økes med til sammen 8,55 mill. kroner:` — what follows breaks the sum down.
  if (used && /:$/.test(s.text.trim())) st.section = null;
  return used;
}

function firstRef(refs: ReturnType<typeof chapterPostRefs>): Ref | null {
  const r = refs[0];
  return r ? { chapter: r.chapter, post: r.post } : null;
}

/** `Midlene er flyttet fra kap 701, post 70 …` right after an allocation: more about it. */
function extendAllocation(s: Sentence, st: ProseState, out: ProseResult): boolean {
  const a = st.lastAllocation;
  if (!a || !CONTEXT_START.test(s.text) || findScaledAmounts(s.text).matches.length > 0) {
    return false;
  }
  a.comment = `${a.comment ?? ''} ${s.text}`.trim();
  a.provenance = {
    ...a.provenance,
    endLine: s.lines[s.lines.length - 1]?.no ?? a.provenance.endLine,
  };
  out.claimed.push(...s.lines);
  out.used.add(s);
  if (/:$/.test(s.text)) st.listContext = { chapter: a.chapter, post: a.post };
  return true;
}

/**
 * An allocation sentence: in a supplement one that gives or changes a post's money (`tildeler
 * 80 mill. kroner over kap. 701, post 21`, `øker tildelingen med …`); in an allocation letter
 * one that grants it (`vert det løyvd 3 400 000 kroner på kap. 1520, post 70`), read for a post
 * the letter's tables lack (readAmounts).
 */
function isAllocation(s: Sentence, doc: DocText, refs: readonly unknown[]): boolean {
  if (refs.length === 0 || FUTURE.test(s.text)) return false;
  if (doc.kind === 'supplement') {
    return ALLOCATION_VERB.test(s.text) || SECTION_CHANGE.test(s.text) || FROM_TO.test(s.text);
  }
  return ALLOCATION_VERB.test(s.text) && !AUTHORITY_SENTENCE.test(s.text);
}

/** The chapter/post an amount without its own reference belongs to, from what came before. */
function inheritedRef(s: Sentence, st: ProseState): Ref | null {
  if (st.listContext && LIST_ITEM.test(s.text)) return st.listContext;
  if (st.context && st.contextAge <= 3 && CONTEXT_START.test(s.text)) return st.context;
  return null;
}

function readAmounts(
  s: Sentence,
  doc: DocText,
  st: ProseState,
  out: ProseResult,
  tablePosts: ReadonlySet<string>,
): boolean {
  const refs = chapterPostRefs(s.text);
  // In a letter, a sentence that names no post under a per-post heading is about that post
  // (`Kap. 1450, post 21 Spesielle driftsutgifter` / `Direktoratet tildeles 2,5 mill. kroner …`).
  // A supplement's such sentences are its changes (readSectionChange).
  const section = doc.kind !== 'supplement' && refs.length === 0 ? st.section : null;
  const allocation = isAllocation(s, doc, section ? [section] : refs);
  let used = false;
  let previousEnd = 0;
  /** The change this sentence read last, and whether the sentence is one of changing. */
  let last: AppropriationLine | null = null;
  const changes = SECTION_CHANGE.test(s.text) || FROM_TO.test(s.text);
  /** The figures before and after are claims the ledger checks in a supplement's series only. */
  const claims = doc.kind === 'supplement';
  const found = findScaledAmounts(s.text).matches;
  for (const [k, m] of found.entries()) {
    const grant = isGrantToRecipient(s.text, m, previousEnd);
    previousEnd = m.index + m.raw.length;
    const named = nearestRef(s.text, m.index) ?? section;
    // `økes med 3,2 mill. kroner, fra 214,5 mill. kroner til 217,7 mill. kroner`: the post's
    // figure before the change and its sum after it, not money of their own.
    const role = last && changes ? figureAround(s.text, m.index) : null;
    if (last && role && named?.chapter === last.chapter && named.post === last.post) {
      if (claims)
        last.changeRow = { previous: null, total: null, ...last.changeRow, [role]: m.amount };
      continue;
    }
    // Under a per-post heading, a post named only in a `jf. …` after the amount is a reference
    // (`økt med 8,874 mill. kroner, jf. brev … for kap. 714, post 79`), not where the money goes.
    const ref = st.section && named && referenceOnly(s.text, m.index, named) ? st.section : named;
    if (
      allocation &&
      ref?.chapter != null &&
      ref.post != null &&
      (doc.kind === 'supplement' || !tablePosts.has(`${ref.chapter}.${ref.post}`))
    ) {
      const refAt = refs.find((r) => r.chapter === ref.chapter)?.index ?? 0;
      // `… er satt ned med 8,874 mill. kroner … for kap. 714, post 79`: a reduction.
      const sign = reducesBefore(s.text, m.index) ? -1 : 1;
      // `endres fra 10 mill. kroner til 12 mill. kroner`: the change is the difference.
      const to = found[k + 1];
      const fromTo =
        changes &&
        to !== undefined &&
        figureAround(s.text, m.index) === 'previous' &&
        figureAround(s.text, to.index) === 'total';
      // `endres fra 10 til 12 mill. kroner`: the figure before printed without its unit.
      if (changes && figureAround(s.text, m.index) === 'total') {
        const previous = bareFigureBefore(s.text, m);
        if (previous !== null) {
          st.lastAllocation = proseAllocation(s, out, {
            chapter: ref.chapter,
            post: ref.post,
            postName: ref === section ? st.sectionName : postNameAfter(s.text, refAt),
            amount: m.amount - previous,
            comment: s.text,
          });
          if (claims) st.lastAllocation.changeRow = { previous, total: m.amount };
          last = st.lastAllocation;
          used = true;
          continue;
        }
        // The sum after a change that states no change (`økes til 12 mill. kroner`) is none.
        if (SUM_AFTER_VERB.test(s.text.slice(Math.max(0, m.index - 30), m.index))) continue;
      }
      st.lastAllocation = proseAllocation(s, out, {
        chapter: ref.chapter,
        post: ref.post,
        postName: ref === section ? st.sectionName : postNameAfter(s.text, refAt),
        amount: fromTo ? to.amount - m.amount : sign * m.amount,
        comment: s.text,
      });
      if (fromTo && claims) st.lastAllocation.changeRow = { previous: m.amount, total: null };
      last = st.lastAllocation;
      used = true;
      continue;
    }
    const r = ref ?? inheritedRef(s, st);
    if (!r && !EARMARK_WORD.test(s.text)) continue;
    if (grant) {
      used = true; // read, and deliberately not an earmark: the sentence is accounted for
      continue;
    }
    const earmark: Earmark = {
      chapter: r?.chapter ?? null,
      post: r?.post ?? null,
      amount: m.amount,
      text: s.text,
      provenance: span(s.lines),
    };
    out.earmarks.push(earmark);
    out.sources.set(earmark, s);
    used = true;
  }
  return used;
}

/**
 * `fra 10 til 12 mill. kroner`: the figure after `fra` that prints no unit of its own, in the
 * unit of the amount `m` after `til` (thousands of kroner), or null.
 */
function bareFigureBefore(text: string, m: { index: number; raw: string }): number | null {
  const bare = /fr[aå]\s+(\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?)\s+til\s+$/iu.exec(
    text.slice(Math.max(0, m.index - 40), m.index),
  );
  const unit = m.raw.replace(/^-?[\d\s\u00a0.,]+/u, '');
  if (!bare || unit === m.raw) return null;
  return findScaledAmounts(`${bare[1]} ${unit}`).matches[0]?.amount ?? null;
}

/** Whether the amount at `index` is the post's figure before a change (`fra …`) or after (`til …`). */
function figureAround(text: string, index: number): 'previous' | 'total' | null {
  const lead = text.slice(Math.max(0, index - 16), index);
  if (/(?:^|\s)fr[aå]\s+$/iu.test(lead)) return 'previous';
  // Not `opp til 3 mill. kroner`, `i tillegg til 4 mill. kroner`: the money itself.
  if (/(?:^|\s)til\s+$/iu.test(lead) && !/(?:opp|tillegg)\s+til\s+$/iu.test(lead)) return 'total';
  return null;
}

/** `økes til 12 mill. kroner`: the sum after a change that states no change. */
const SUM_AFTER_VERB = new RegExp(
  `${WS}(?:${alternation(CHANGE_VERBS.fromTo, loosely)})\\s+til\\s+$`,
  'iu',
);

/**
 * Money in running text. `tablePosts`: the `chapter.post` of every table row; in an allocation
 * letter a grant sentence gives a post money only where its tables do not.
 */
function proseMoney(
  sents: readonly Sentence[],
  doc: DocText,
  tablePosts: ReadonlySet<string>,
): ProseResult {
  const out: ProseResult = {
    appropriations: [],
    earmarks: [],
    claimed: [],
    warnings: [],
    sources: new Map(),
    used: new Set(),
    headings: [],
  };
  const st: ProseState = {
    context: null,
    contextAge: 99,
    listContext: null,
    lastAllocation: null,
    section: null,
    sectionName: '',
    sectionAge: 99,
    sectionList: null,
    earlierGrant: null,
  };
  for (const s of sents) {
    st.contextAge++;
    if (!isListItem(s)) st.sectionList = null;
    if (readEarlierGrant(s, st) || readCorrectTotal(s, st, out)) {
      out.claimed.push(...s.lines);
      out.used.add(s);
      continue;
    }
    if (extendAllocation(s, st, out)) continue;
    st.lastAllocation = null;
    st.sectionAge++;
    if (isSectionHeading(s)) {
      // `Kap. 760, post 21` (and the post's name): the heading of a section about that post.
      st.section = firstRef(chapterPostRefs(s.text));
      st.sectionName = postNameAfter(s.text, 0);
      st.sectionAge = 0;
      out.claimed.push(...s.lines);
    } else if (
      st.sectionAge > SECTION_REACH ||
      (looksLikeHeading(s.text) && !SECTION_CHANGE.test(s.text))
    ) {
      st.section = null;
    } else if (readSectionChange(s, doc, st, out)) {
      out.claimed.push(...s.lines);
      out.used.add(s);
      continue;
    }
    if (MONEY_HEADING.test(s.text) || OVERVIEW_SENTENCE.test(s.text)) {
      out.claimed.push(...s.lines);
      // A one-line caption heads a table; a sentence that mentions an overview does not.
      if (MONEY_HEADING.test(s.text) || s.lines.length === 1) out.headings.push(...s.lines);
      out.used.add(s);
      continue;
    }
    const { matches, errors } = findScaledAmounts(s.text);
    for (const e of errors) {
      out.warnings.push({
        code: e.thousands ? 'amount-not-thousands' : 'amount-unreadable',
        params: { text: e.raw, line: s.lines[0]?.no ?? 0 },
      });
    }
    const refs = chapterPostRefs(s.text);
    if (/:$/.test(s.text) && !LIST_ITEM.test(s.text)) {
      st.listContext = firstRef(refs) ?? (st.contextAge <= 3 ? st.context : null);
    }
    if (matches.length > 0 && !AUTHORITY_SENTENCE.test(s.text)) {
      if (readAmounts(s, doc, st, out, tablePosts)) {
        out.claimed.push(...s.lines);
        out.used.add(s);
      }
      if (refs.length === 0 && CONTEXT_START.test(s.text))
        st.contextAge = Math.min(st.contextAge, 1);
    }
    if (refs.length > 0) {
      st.context = firstRef(refs);
      st.contextAge = 0;
      if (matches.length > 0) st.listContext = null;
    }
  }
  const unnamed = out.appropriations.filter((a) => a.postName === '').length;
  if (unnamed > 0) {
    out.warnings.push({ code: 'allocations-without-name', params: { count: unnamed } });
  }
  return out;
}

/** The sentence (or list item) of `text` around position `index`. */
export function sentenceAround(text: string, index: number): string {
  const boundary = /(?:[.;:](?=\s+(?:\p{Lu}|\d|[-–]\s))|\s(?=[-–]\s+\d))/gu;
  let start = 0;
  let end = text.length;
  for (const m of text.matchAll(boundary)) {
    const at = m.index + m[0].length;
    if (at <= index) start = at;
    else {
      end = at;
      break;
    }
  }
  return text
    .slice(start, end)
    .replace(/^[\s\-–]+/u, '')
    .trim();
}

/** Earmarks inside a table row's comment (`2,7 mill. kr er øremerket …`). */
function commentEarmarks(rows: readonly AppropriationLine[]): Earmark[] {
  const out: Earmark[] = [];
  for (const row of rows) {
    if (!row.comment) continue;
    let previousEnd = 0;
    for (const m of findScaledAmounts(row.comment).matches) {
      const grant = isGrantToRecipient(row.comment, m, previousEnd);
      previousEnd = m.index + m.raw.length;
      if (grant) continue;
      out.push({
        chapter: row.chapter,
        post: row.post,
        amount: m.amount,
        text: sentenceAround(row.comment, m.index),
        provenance: row.provenance,
      });
    }
  }
  return out;
}

/* ------------------------------------------------------------------------------------------ */
/* Notes on allocations                                                                         */

interface TableSpan {
  rows: AppropriationLine[];
  /** Last line of the table. */
  to: number;
}

const NOTE_START = /^(?:Tildelingen|Bevilgningen|Midlene|Midler|Øvrige overførte midler)\s/u;

/** Line numbers of headings: numbered ones, and one-line paragraphs that read as a heading. */
function headingLines(lines: readonly SourceLine[]): Set<number> {
  const out = new Set<number>();
  for (const para of paragraphs(lines)) {
    const first = para[0];
    if (!first) continue;
    const t = clean(first.text);
    if (isNumberedHeading(t) || (para.length === 1 && isUnnumberedHeading(t))) out.add(first.no);
  }
  return out;
}

/**
 * Sentences about an allocation without money of their own (`Tildelingen er knyttet til …`,
 * `Midlene som overføres på kap. 744, post 21 skal …`) become part of that allocation's comment:
 * the row their chapter/post names (when only one row has it); right under a per-post heading
 * (`Kap. 1630, post 21 …`) the row of that post; else the one row of the table just above (no
 * heading in between).
 */
function attachNotes(
  sents: readonly Sentence[],
  tables: readonly TableSpan[],
  rows: readonly AppropriationLine[],
  headings: ReadonlySet<number>,
): SourceLine[] {
  const claimed: SourceLine[] = [];
  const only = (ref: Ref | null) => {
    const same = rows.filter((r) => r.chapter === ref?.chapter && r.post === ref.post);
    return same.length === 1 ? same[0] : undefined;
  };
  const sections = sents.filter(isSectionHeading).map((x) => x.lines[0]?.no ?? 0);
  for (const [k, s] of sents.entries()) {
    const start = s.lines[0]?.no ?? 0;
    if (!NOTE_START.test(s.text) || findScaledAmounts(s.text).matches.length > 0) continue;
    const ref = chapterPostRefs(s.text)[0];
    const previous = sents[k - 1];
    let target: AppropriationLine | undefined;
    if (ref) {
      target = only(ref);
    } else if (previous && isSectionHeading(previous)) {
      target = only(firstRef(chapterPostRefs(previous.text)));
    } else {
      const above = [...tables].reverse().find((t) => t.to < start);
      const between = [...headings, ...sections].some(
        (h) => above !== undefined && h > above.to && h < start,
      );
      if (above && !between && above.rows.length === 1) target = above.rows[0];
    }
    if (!target) continue;
    target.comment = target.comment ? `${target.comment} ${s.text}` : s.text;
    claimed.push(...s.lines);
  }
  return claimed;
}

/* ------------------------------------------------------------------------------------------ */
/* Budget authorities                                                                          */

const AUTHORITY_HEADING = /fullmakt/iu;

export function authorityKind(text: string): string {
  if (/merinntekt/iu.test(text)) return 'merinntektsfullmakt';
  if (/overskrid/iu.test(text)) return 'overskridelse';
  if (/bestilling/iu.test(text)) return 'bestillingsfullmakt';
  if (/personal|personell|ansettelse|stillinger/iu.test(text)) return 'personell';
  if (/belastningsfullmakt|budsjettfullmakt (?:på|til)/iu.test(text)) return 'belastningsfullmakt';
  if (/overført\w* midler|disponere overførte/iu.test(text)) return 'overføring';
  return 'other';
}

/** Kind named by a heading: only the specific ones (`Budsjettfullmakter` says nothing). */
function headingKind(title: string): string {
  const k = authorityKind(title);
  return k === 'belastningsfullmakt' ? 'other' : k;
}

/** Chapter/post pairs named in the text, and in table rows (`710 Vaksiner mv.` / ` 21 …`). */
function uniquePosts(text: string, lines: readonly SourceLine[] = []): BudgetAuthority['posts'] {
  const out: BudgetAuthority['posts'] = [];
  const add = (chapter: number, post: number | null) => {
    if (!out.some((p) => p.chapter === chapter && p.post === post)) out.push({ chapter, post });
  };
  for (const r of chapterPostRefs(text)) add(r.chapter, r.post);
  let chapter: number | null = null;
  for (const l of lines) {
    const t = clean(l.text);
    const c = /^(\d{3,4})\s+(?:(\d{2})\s+)?\p{Lu}/u.exec(t);
    if (c && !isNumberedHeading(t)) {
      chapter = Number(c[1]);
      if (c[2] !== undefined) add(chapter, Number(c[2]));
      continue;
    }
    const p = /^(\d{2})\s+\p{Lu}/u.exec(t);
    if (p && chapter !== null) add(chapter, Number(p[1]));
  }
  return out;
}

function isUnnumberedHeading(t: string): boolean {
  return t.length <= 70 && /^\p{Lu}/u.test(t) && !/[.:;,]$/.test(t) && t.split(' ').length <= 8;
}

/** Lines of authority sections: from a heading naming fullmakt to the next heading at its level. */
function authoritySections(
  lines: readonly SourceLine[],
  skip: ReadonlySet<number>,
): { heading: SourceLine; body: SourceLine[] }[] {
  const out: { heading: SourceLine; body: SourceLine[] }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const h = lines[i];
    if (!h || skip.has(h.no)) continue;
    const t = clean(h.text);
    const level = headingLevel(t);
    if (!AUTHORITY_HEADING.test(t) || (level === null && !isUnnumberedHeading(t))) continue;
    const body: SourceLine[] = [];
    for (let k = i + 1; k < lines.length; k++) {
      const l = lines[k];
      if (!l) continue;
      const lt = clean(l.text);
      const lk = headingLevel(lt);
      if (lk !== null && (level === null || lk <= level)) break;
      if (lk !== null && AUTHORITY_HEADING.test(lt)) break; // nested authority heading: its own
      if (level === null && (isSignatureStart(lt) || (isUnnumberedHeading(lt) && k > i + 1))) break;
      if (lk !== null) {
        // A sub-heading inside (e.g. one per ministry): keep it as the start of a unit.
        body.push(l);
        continue;
      }
      body.push(l);
    }
    out.push({ heading: h, body });
  }
  return out;
}

function authorities(
  lines: readonly SourceLine[],
  skip: ReadonlySet<number>,
  sents: readonly Sentence[],
): { items: BudgetAuthority[]; claimed: SourceLine[] } {
  const items: BudgetAuthority[] = [];
  const claimed: SourceLine[] = [];
  const inSection = new Set<number>();
  for (const { heading, body } of authoritySections(lines, skip)) {
    claimed.push(heading);
    const headingText = clean(heading.text);
    const usable = body.filter((l) => !skip.has(l.no));
    // Units: under a numbered sub-heading the whole subsection; otherwise one per paragraph.
    const units: { title: string; lines: SourceLine[] }[] = [];
    const leaf =
      headingLevel(headingText) !== null && !usable.some((l) => headingLevel(l.text) !== null);
    let sub: { title: string; lines: SourceLine[] } | null = leaf
      ? { title: headingText, lines: [] }
      : null;
    if (sub) units.push(sub);
    for (const para of paragraphs(usable)) {
      const first = para[0];
      if (!first) continue;
      const ft = clean(first.text);
      if (headingLevel(ft) !== null) {
        sub = { title: ft, lines: [...para] };
        units.push(sub);
      } else if (sub) {
        sub.lines.push(...para);
      } else {
        units.push({ title: headingText, lines: para });
      }
    }
    for (const u of units) {
      const bodyLines = u.lines.filter((l) => headingLevel(clean(l.text)) === null);
      const text = joinLines(u.lines.map((l) => l.text));
      if (bodyLines.length === 0) {
        claimed.push(...u.lines);
        continue;
      }
      for (const l of u.lines) inSection.add(l.no);
      claimed.push(...u.lines);
      const byText = authorityKind(text);
      items.push({
        kind: byText === 'other' ? headingKind(u.title) : byText,
        text,
        posts: uniquePosts(text, u.lines),
        provenance: span(u.lines),
      });
    }
    for (const l of body) if (skip.has(l.no)) inSection.add(l.no);
  }
  // Grants of authority in running text elsewhere (supplements).
  for (const s of sents) {
    if (s.lines.some((l) => inSection.has(l.no))) continue;
    if (!AUTHORITY_SENTENCE.test(s.text)) continue;
    items.push({
      kind: authorityKind(s.text),
      text: s.text,
      posts: uniquePosts(s.text),
      provenance: span(s.lines),
    });
    claimed.push(...s.lines);
  }
  items.sort((a, b) => a.provenance.startLine - b.provenance.startLine);
  return { items, claimed };
}

/* ------------------------------------------------------------------------------------------ */

/** Where appendices (mandates) begin: money in them is not the letter's. */
function appendixStart(lines: readonly SourceLine[]): number {
  const i = lines.findIndex((l) => /^Mandat for\b/u.test(clean(l.text)));
  return i < 0 ? lines.length : i;
}

/** Whether only blank lines, page markers and at most three other lines stand between. */
function adjacent(lines: readonly SourceLine[], end: number, start: number): boolean {
  let other = 0;
  for (let k = end; k < start; k++) {
    const t = clean(lines[k]?.text ?? '');
    if (t !== '' && !isPageMarker(t) && ++other > 3) return false;
  }
  return true;
}

/** Headings over a table of each post's sum so far (`Samlet tildeling 2032 etter dette brevet`). */
const TOTALS_HEADING = new RegExp(
  `^(?:\\d{1,2}(?:\\.\\d{1,2})*\\.?\\s+)?(?:${alternation(CHANGE_TABLE_COLUMNS.total)}|oversikt over|totalt?|samlede?|samla)(?![\\p{L}])`,
  'iu',
);

/**
 * The heading over a table at `start` when it names the sum so far: the nearest heading above
 * it (a short line without a closing stop, or a numbered heading), across its caption and the
 * paragraph that introduces it, not across another table.
 */
function totalsHeading(
  lines: readonly SourceLine[],
  start: number,
  tableLines: ReadonlySet<number>,
): string | null {
  let seen = 0;
  for (let k = start - 1; k >= 0 && seen < 8; k--) {
    const l = lines[k];
    if (!l || isBlank(l.text)) continue;
    if (tableLines.has(l.no) && unitStatement(l.text) === null) return null;
    seen++;
    const t = clean(l.text);
    if (unitStatement(t) !== null) continue;
    if (isNumberedHeading(t) || isUnnumberedHeading(t)) {
      return TOTALS_HEADING.test(t) ? t : null;
    }
  }
  return null;
}

/** Whether a table's rows give, for every post a change table of the same document changed, its sum after. */
function sameTotals(
  rows: readonly AppropriationLine[],
  totals: ReadonlyMap<string, number | null>,
): boolean {
  const shared = rows.filter((r) => totals.has(`${r.chapter}.${r.post}`));
  return (
    shared.length > 0 && shared.every((r) => totals.get(`${r.chapter}.${r.post}`) === r.amount)
  );
}

/** A totals table read as rows: one claim per post, its figure the post's total. */
function perPostTotals(table: TableResult, heading: string): TotalsClaim[] {
  return table.rows.map((r) => ({
    chapter: r.chapter,
    post: r.post,
    heading,
    rows: [],
    total: {
      label: table.amountLabel || heading,
      amount: r.amount,
      provenance: r.provenance,
    },
    provenance: r.provenance,
  }));
}

/** The money side of one document. */
export function extractMoneySide(
  doc: DocText,
): Extracted<MoneySide> & { reserved: ReadonlySet<number> } {
  const lines = doc.lines.slice(0, appendixStart(doc.lines));
  const appropriations: AppropriationLine[] = [];
  const tableRows: AppropriationLine[] = [];
  /** The tables' `hvorav …` rows. */
  const tableEarmarks: Earmark[] = [];
  const tables: TableSpan[] = [];
  const sumLines: SumLine[] = [];
  const totalsClaimed: TotalsClaim[] = [];
  const warnings: ImportWarning[] = [];
  const claimed = new Set<number>();
  const tableLines = new Set<number>();
  const claim = (ls: readonly SourceLine[], table = false) => {
    for (const l of ls) {
      claimed.add(l.no);
      if (table) tableLines.add(l.no);
    }
  };

  /** The unit of the table read last, and the index where it ended. */
  let previous: { unit: MoneyUnit; end: number } | null = null;
  const read: { table: TableResult; start: number; grid: boolean }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const totals = totalsTable(lines, i);
    if (totals) {
      totalsClaimed.push(totals.claim);
      claim(totals.claimed, true);
      i = totals.end - 1;
      continue;
    }
    // A table that states no unit right after one that did (the same table split by a page
    // break or a heading per chapter) is in the same unit.
    const fallback: MoneyUnit =
      previous && adjacent(lines, previous.end, i) ? previous.unit : 'thousands';
    const change = changeTable(lines, i, fallback);
    const table: TableResult | null =
      change ??
      chapterTable(lines, i, fallback) ??
      gridTable(lines, i, fallback) ??
      postLines(lines, i, fallback);
    if (table) {
      const unit: MoneyUnit = table.unit ?? fallback;
      scaleTable(table, table.readIn ?? unit);
      previous = { unit, end: table.end };
      read.push({ table, start: i, grid: change === null });
      i = Math.max(i, table.end - 1);
    }
  }
  const changeTotals = new Map(
    read
      .filter((r) => !r.grid)
      .flatMap((r) => r.table.rows)
      .filter((r) => r.changeRow?.total != null)
      .map((r) => [`${r.chapter}.${r.post}`, r.changeRow?.total ?? null] as const),
  );
  for (const { table, start, grid } of read) {
    const nos = table.claimed.map((l) => l.no);
    claim(table.claimed, true);
    warnings.push(...table.warnings);
    const heading = grid && doc.kind === 'supplement' ? totalsHeading(lines, start, claimed) : null;
    if (grid && doc.kind === 'supplement' && (heading || sameTotals(table.rows, changeTotals))) {
      // A supplement's table of each post's sum after it: what it claims, not money it gives.
      totalsClaimed.push(...perPostTotals(table, heading ?? clean(lines[start]?.text ?? '')));
      continue;
    }
    tables.push({ rows: table.rows, to: nos.reduce((a, b) => Math.max(a, b), -Infinity) });
    tableRows.push(...table.rows);
    tableEarmarks.push(...(table.earmarks ?? []));
    appropriations.push(...table.rows);
    sumLines.push(...table.sums);
  }

  const titleLines = new Set((findTitle(doc)?.lines ?? []).map((l) => l.no));
  // A table or the title ends the running text around it: a sentence never runs across one.
  const proseLines = lines.map((l) =>
    tableLines.has(l.no) || titleLines.has(l.no) ? { ...l, text: BLOCK_END } : l,
  );
  const sents = sentences(proseLines);
  const prose = proseMoney(sents, doc, new Set(tableRows.map((r) => `${r.chapter}.${r.post}`)));
  // A change table states the post's change; sentences about the same post explain it (often
  // as its parts: 0,5 + 4,176 mill. of a 4 676 row), and are not added to it.
  const changed = new Set(
    tableRows.filter((r) => r.changeRow).map((r) => `${r.chapter}.${r.post}`),
  );
  appropriations.push(
    ...prose.appropriations.filter((a) => !changed.has(`${a.chapter}.${a.post}`)),
  );
  warnings.push(...prose.warnings);
  claim(prose.claimed);
  // The overview table's own row only when the supplement states its money nowhere else.
  if (doc.kind === 'supplement' && appropriations.length === 0) {
    appropriations.push(...ownTotalsRows(totalsClaimed, doc.number));
  }
  claim(attachNotes(sents, tables, appropriations, headingLines(lines)));
  const earmarks = [...prose.earmarks, ...commentEarmarks(tableRows), ...tableEarmarks].sort(
    (a, b) => a.provenance.startLine - b.provenance.startLine,
  );
  const auth = authorities(lines, tableLines, sents);
  claim(auth.claimed);
  claim(
    attachMoneyContext({
      sentences: sents,
      lines: proseLines,
      allocations: prose.appropriations,
      earmarks: prose.earmarks,
      sources: prose.sources,
      free: (s) =>
        !prose.used.has(s) &&
        !AUTHORITY_SENTENCE.test(s.text) &&
        !s.lines.every((l) => claimed.has(l.no)),
    }),
  );
  appropriations.sort((a, b) => a.provenance.startLine - b.provenance.startLine);
  for (const l of lines) {
    if (!claimed.has(l.no) && HUGE_FIG.test(l.text)) {
      warnings.push({ code: 'figure-too-long', params: { line: l.no } });
    }
  }
  return {
    items: { appropriations, sumLines, earmarks, budgetAuthorities: auth.items, totalsClaimed },
    claimed,
    warnings,
    // Tables and money headings are the money side's as a whole; its other claims are sentences.
    reserved: new Set([...tableLines, ...prose.headings.map((l) => l.no)]),
  };
}
