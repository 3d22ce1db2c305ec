/**
 * Reading an accounts file (regnskap per kapittel og post) for a report, pure. The file is a
 * table whose first row names its columns: chapter (`kapittel`, `kap`), post and amount
 * (`beløp`, `belop`, `regnskap`, `amount`), in any order, other columns ignored. Amounts are
 * whole thousands of NOK; spaces as thousand separators are allowed, decimals that are not zero
 * are not. Every row's chapter and post must be one of the agency-year's ledger. A file with any
 * wrong row is refused as a whole, each wrong row named by its number in the file (the header
 * is row 1, as a spreadsheet shows it).
 */
import type { AccountsRowError } from '../contract/enums';

export const ACCOUNTS_COLUMNS = ['chapter', 'post', 'amount'] as const;
export type AccountsColumn = (typeof ACCOUNTS_COLUMNS)[number];

const HEADER_NAMES: Readonly<Record<string, AccountsColumn>> = {
  chapter: 'chapter',
  kapittel: 'chapter',
  kap: 'chapter',
  'kap.': 'chapter',
  post: 'post',
  amount: 'amount',
  beløp: 'amount',
  belop: 'amount',
  regnskap: 'amount',
};

/** The most data rows a file may have (a year's ledger has far fewer posts). */
export const MAX_ACCOUNTS_ROWS = 2000;
const MAX_AMOUNT = 1_000_000_000_000;

export interface AccountsRow {
  row: number;
  chapter: number;
  post: number;
  amount: number;
}

export interface AccountsRowProblem {
  row: number;
  error: AccountsRowError;
  column: AccountsColumn | null;
  value: string | null;
}

export type AccountsReading =
  | { kind: 'ok'; rows: AccountsRow[] }
  | { kind: 'no-header'; missing: AccountsColumn[] }
  | { kind: 'too-many-rows'; max: number }
  | { kind: 'refused'; problems: AccountsRowProblem[] };

/**
 * Splits CSV text into rows of cells: the delimiter is a semicolon when the first line has one
 * (as Norwegian spreadsheets write it), else a comma; double quotes quote cells ("" is a quote).
 */
export function parseCsv(text: string): string[][] {
  const body = text.replace(/^\ufeff/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const blank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/** A whole number from a cell, or why not. */
function wholeNumber(
  raw: string,
  pattern: RegExp,
  max: number,
): { value: number } | { error: AccountsRowError } {
  const text = raw
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/^\u2212/, '-')
    .replace(/^\+/, '');
  if (text === '') return { error: 'missing-value' };
  const decimal = /^(-?\d+)[.,](\d+)$/.exec(text);
  if (decimal) {
    if (!/^0+$/.test(decimal[2]!)) return { error: 'not-an-integer' };
    return wholeNumber(decimal[1]!, pattern, max);
  }
  if (!pattern.test(text)) return { error: 'not-a-number' };
  const value = Number(text);
  if (!Number.isSafeInteger(value) || Math.abs(value) > max) return { error: 'out-of-range' };
  return { value };
}

/**
 * Reads the rows of an accounts table (header first) against the ledger's posts
 * (`chapter:post` keys). Blank rows are skipped; row numbers count them.
 */
export function readAccounts(
  table: readonly (readonly string[])[],
  ledgerPosts: ReadonlySet<string>,
  maxRows = MAX_ACCOUNTS_ROWS,
): AccountsReading {
  const headerIndex = table.findIndex((r) => !blank(r));
  const header = (table[headerIndex] ?? []).map((c) => HEADER_NAMES[c.trim().toLowerCase()]);
  const column = new Map<AccountsColumn, number>();
  header.forEach((name, i) => {
    if (name && !column.has(name)) column.set(name, i);
  });
  const missing = ACCOUNTS_COLUMNS.filter((c) => !column.has(c));
  if (headerIndex < 0 || missing.length > 0) {
    return { kind: 'no-header', missing: headerIndex < 0 ? [...ACCOUNTS_COLUMNS] : missing };
  }
  const data = table
    .map((cells, i) => ({ cells, row: i + 1 }))
    .slice(headerIndex + 1)
    .filter((r) => !blank(r.cells));
  if (data.length > maxRows) return { kind: 'too-many-rows', max: maxRows };

  const rows: AccountsRow[] = [];
  const problems: AccountsRowProblem[] = [];
  const seen = new Map<string, number>();
  for (const { cells, row } of data) {
    const cell = (c: AccountsColumn) => cells[column.get(c)!] ?? '';
    const parsed: Partial<Record<AccountsColumn, number>> = {};
    const limits = {
      chapter: [/^\d{1,4}$/, 9999],
      post: [/^\d{1,2}$/, 99],
      amount: [/^-?\d+$/, MAX_AMOUNT],
    } as const;
    for (const c of ACCOUNTS_COLUMNS) {
      const [pattern, max] = limits[c];
      const out = wholeNumber(cell(c), pattern, max);
      if ('error' in out) {
        problems.push({ row, error: out.error, column: c, value: cell(c).trim() || null });
      } else parsed[c] = out.value;
    }
    const { chapter, post, amount } = parsed;
    if (chapter === undefined || post === undefined || amount === undefined) continue;
    const key = `${chapter}:${post}`;
    if (!ledgerPosts.has(key)) {
      const chapterKnown = [...ledgerPosts].some((k) => k.startsWith(`${chapter}:`));
      problems.push({
        row,
        error: 'unknown-post',
        column: chapterKnown ? 'post' : 'chapter',
        value: chapterKnown ? cell('post').trim() : cell('chapter').trim(),
      });
      continue;
    }
    if (seen.has(key)) {
      problems.push({ row, error: 'duplicate-post', column: 'post', value: key });
      continue;
    }
    seen.set(key, row);
    rows.push({ row, chapter, post, amount });
  }
  return problems.length > 0 ? { kind: 'refused', problems } : { kind: 'ok', rows };
}
