/**
 * Tables of assignments, a row each (`Nr. · Oppdrag · Ansvarlig avdeling · Frist`): the header
 * names the columns (vocabulary `ASSIGNMENT_TABLE_COLUMNS`), each row is one assignment with its
 * number or ID, text, owner and deadline cells. Pure.
 */
import { itemId, type RawAssignment } from './assign-items';
import { trailingDate, type Line } from './assign-text';
import { HEADER_ROW as CALENDAR_HEADER_ROW } from './assign-calendar';
import { isSectionTitle } from './assign-sections';
import { isSignatureStart } from './split';
import { isNumberedHeading, tableCells } from './text';
import { ASSIGNMENT_TABLE_COLUMNS } from './vocabulary';

type Column = keyof typeof ASSIGNMENT_TABLE_COLUMNS | 'other';

const LABELS = new Map<string, Column>(
  (Object.entries(ASSIGNMENT_TABLE_COLUMNS) as [Column, readonly string[]][]).flatMap(
    ([column, labels]) => labels.map((label) => [label, column] as const),
  ),
);

/** A header cell as compared with the vocabulary: lower case, one space, no closing colon. */
const label = (cell: string) =>
  cell.toLowerCase().replace(/\s+/gu, ' ').replace(/\s*:$/u, '').trim();

/** The columns of a header row, or null when the row is no assignment table's header. */
export function assignmentColumns(text: string): Column[] | null {
  const cells = tableCells(text);
  if (cells.length < 2) return null;
  const columns = cells.map((c) => LABELS.get(label(c)) ?? 'other');
  const count = (c: Column) => columns.filter((x) => x === c).length;
  if (count('text') !== 1 || count('deadline') !== 1) return null;
  if (count('id') > 1 || count('owner') > 1) return null;
  return columns;
}

/** A number or an ID in a number column: `1`, `2.`, `TB2035-04`, `2035-04`, `O-3`. */
const NUMBER_CELL =
  /^(?:\d{1,3}\.?|[A-ZÆØÅ]{1,3}\s?-?\s?\d{1,3}|(?:R?T{1,2}B\s?)?\d{4}\s?-\s?\d{1,3})$/u;
/** Owner codes in an owner cell: `KUA`, `Avd. KUA`, `KUA/FIN`, `KUD: KUA`. */
const OWNER_CELL =
  /^(?:Avd\.?\s*)?(?:[A-ZÆØÅ]{2,6}\s*:\s*)?([A-ZÆØÅ]{2,5}(?:\s*(?:\/|,|og)\s*[A-ZÆØÅ]{2,5})*)$/u;

const fits = (column: Column, cell: string): boolean =>
  column === 'id' ? NUMBER_CELL.test(cell) : column === 'owner' ? OWNER_CELL.test(cell) : true;

interface Row {
  /** Each column's cell, its wrapped pieces in order, each with the line it is printed on. */
  cells: Map<Column, { text: string; line: Line }[]>;
  lines: Line[];
  /** The index of its first line in the lines read. */
  start: number;
}

const SENTENCE_END = /[.!?)]$/u;
const cellText = (row: Row, c: Column) =>
  (row.cells.get(c) ?? [])
    .map((p) => p.text)
    .join(' ')
    .trim();

/**
 * Puts a line's cells into a row. A line with every column's cell is read by position; else its
 * first cell goes on the assignment's text (or is the number, where the line opens a row of a
 * numbered table) and the others, in order, fill the owner (where shaped as one) and the
 * deadline: a PDF prints a row's cells wrapped over several lines, each piece at its own height.
 */
function addCells(
  row: Row,
  line: Line,
  cells: readonly string[],
  columns: readonly Column[],
  opens: boolean,
): void {
  const put = (c: Column, text: string) =>
    row.cells.set(c, [...(row.cells.get(c) ?? []), { text, line }]);
  if (cells.length === columns.length) {
    cells.forEach((cell, i) => put(columns[i]!, cell));
    return;
  }
  const rest = [...cells];
  if (opens && columns.includes('id') && rest.length > 1 && fits('id', rest[0]!)) {
    put('id', rest.shift()!);
  }
  put('text', rest.shift() ?? '');
  for (const cell of rest) {
    const owner = columns.includes('owner') && !row.cells.has('owner') && fits('owner', cell);
    put(owner ? 'owner' : 'deadline', cell);
  }
}

/** Whether a line opens the next row of a table (rather than going on with the row before it). */
function opensRow(cells: readonly string[], columns: readonly Column[], last: Row | undefined) {
  const first = cells[0] ?? '';
  if (columns.includes('id')) return cells.length > 1 && fits('id', first);
  if (!/^[\p{Lu}\d«"]/u.test(first)) return false;
  if (!last || cells.length === columns.length) return true;
  return SENTENCE_END.test(cellText(last, 'text'));
}

/** `5. Styringskalender`, `2.2 Mål 2: …`: a heading's shape, with or without the closing dot. */
const HEADING_SHAPE = /^\d{1,2}(?:\.\d{1,2})*\.?\s+\p{Lu}/u;

/**
 * Whether a line of one cell ends the table: a heading, a closing (`Med hilsen`), or a line shaped
 * as a numbered heading after a row whose text has ended its sentence.
 */
function endsTable(line: Line, last: Row | undefined): boolean {
  if (isNumberedHeading(line.text) || isSignatureStart(line.text)) return true;
  return HEADING_SHAPE.test(line.text) && (!last || SENTENCE_END.test(cellText(last, 'text')));
}

/** One table of assignments: its header line and an assignment per row. */
export interface AssignmentTable {
  header: Line;
  raws: RawAssignment[];
  /** Every line of the table: its header (also where printed again), its rows. */
  lines: Line[];
}

const cellsOf = (line: Line) => tableCells(line.printed ?? line.text);

/** A number at the start of a cell: `1 Statens prøvearkiv skal …`. */
const NUMBER_START = new RegExp(`^(${NUMBER_CELL.source.slice(1, -1)})\\s+(\\S.*)$`, 'u');

/**
 * A row line's cells; in a numbered table, a number that pdf.js joined onto the text after it
 * (less than 0.6 em apart) is a cell of its own where the line has other cells too.
 */
function rowCellsOf(line: Line, columns: readonly Column[]): string[] {
  const cells = cellsOf(line);
  const first = cells[0] ?? '';
  // Only beside other cells: a number before text alone is a heading's (`5. Styringskalender`).
  if (columns[0] !== 'id' || cells.length < 2 || cells.length >= columns.length) return cells;
  if (fits('id', first)) return cells;
  const m = NUMBER_START.exec(first);
  return m ? [m[1]!, m[2]!, ...cells.slice(1)] : cells;
}

/**
 * The assignment tables among `lines`, and the lines they hold (header and rows), which the
 * caller leaves out of the rest: a table's rows are no headings or list items of the text around
 * it. A row's deadline cell is read as its deadline (`Frist: 1. mai 2035`) and kept in its text
 * where no date can be read from it (`Årsrapporten`). The raws' section is the caller's to set.
 */
export function assignmentTables(lines: Line[]): { tables: AssignmentTable[]; used: Set<number> } {
  const tables: AssignmentTable[] = [];
  const used = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const header = lines[i]!;
    const columns = assignmentColumns(header.printed ?? header.text);
    if (!columns) continue;
    const rows: Row[] = [];
    let k = i + 1;
    for (; k < lines.length; k++) {
      const line = lines[k]!;
      // The header printed again at the top of the next page.
      if (line.text === header.text) continue;
      const cells = rowCellsOf(line, columns);
      const last = rows[rows.length - 1];
      const opens = opensRow(cells, columns, last);
      // A heading, a closing, or a paragraph after a break ends the table.
      if (!opens && (line.gap || !last)) break;
      if (line.gap && cells.length < 2) break;
      if (isSectionTitle(line.text) || CALENDAR_HEADER_ROW.test(line.text)) break;
      if (cells.length === 1 && endsTable(line, last)) break;
      const row: Row = opens ? { cells: new Map(), lines: [], start: k } : last!;
      if (opens) rows.push(row);
      row.lines.push(line);
      addCells(row, line, cells, columns, opens);
    }
    // A last "row" of nothing but text is the paragraph after the table.
    while (rows.length > 0 && columns.length > 1 && rows[rows.length - 1]!.cells.size === 1) {
      k = rows.pop()!.start;
    }
    // No row: the lines looked at are no table's; the scan goes on after them (once each).
    if (rows.length === 0) {
      i = Math.max(i, k - 1);
      continue;
    }
    const labels = cellsOf(header);
    const own = lines.slice(i, k);
    tables.push({
      header,
      raws: rows.map((row) => rowAssignment(row, columns, labels)),
      lines: own,
    });
    for (const l of own) used.add(l.no);
    i = k - 1;
  }
  return { tables, used };
}

const DATE_OF = /(?:^|\s)(?:fra|frå|av|per|pr\.|i kraft|siden|sidan|den)$/iu;

/**
 * A row without a deadline cell whose text ends (on its last line) with a date: the deadline cell printed so
 * close to the text that pdf.js gave both as one piece of text (it joins pieces less than 0.6 em
 * apart with a space). The date is taken out of the text as the row's deadline.
 */
function peelDeadline(row: Row): void {
  const pieces = row.cells.get('text') ?? [];
  const last = pieces[pieces.length - 1];
  const found = last ? trailingDate(last.text) : null;
  // `… forskriften fra 1. mars`, `… av 3. februar`: a date the text speaks of, not a deadline.
  if (!last || !found || DATE_OF.test(found.before)) return;
  pieces[pieces.length - 1] = { ...last, text: found.before };
  row.cells.set('deadline', [{ text: found.date, line: last.line }]);
}

function rowAssignment(
  row: Row,
  columns: readonly Column[],
  labels: readonly string[],
): RawAssignment {
  const number = cellText(row, 'id');
  const id = number ? (itemId(number)?.id ?? itemId(`ID: ${number}`)?.id ?? null) : null;
  const owner =
    OWNER_CELL.exec(cellText(row, 'owner'))?.[1]
      ?.split(/\s*(?:\/|,|og)\s*/u)
      .join('/') ?? null;
  const as = (line: Line, text: string, gap: boolean): Line => ({
    ...line,
    text,
    body: text,
    marker: null,
    gap,
  });
  const lastLine = row.lines[row.lines.length - 1]!;
  if (columns.includes('deadline') && !row.cells.has('deadline')) peelDeadline(row);
  // The deadline and any other column (`Rapportering`, `Merknad`), labelled, as paragraphs after
  // the text: the deadline is read from there as from any assignment's `Frist: …` line.
  const labelled = columns.flatMap((c, i) => {
    const value = c === 'other' || c === 'deadline' ? cellText(row, c) : '';
    if (value === '' || /^[-–]$/u.test(value)) return [];
    return [as(lastLine, `${(labels[i] ?? '').replace(/\s*:$/u, '')}: ${value}`, true)];
  });
  return {
    id,
    owner,
    title: null,
    head: [],
    body: [
      ...(row.cells.get('text') ?? []).map((p, n) => as(p.line, p.text, n === 0 && p.line.gap)),
      ...labelled,
    ],
    section: null,
    extraUnits: [],
    background: null,
  };
}
