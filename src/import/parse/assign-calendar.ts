/**
 * The governance calendar (styringskalender): a table of date cells and descriptions. A date
 * may carry several bullet items (one calendar item each); a date may wrap (`15.` / `september`).
 * Pure.
 */
import type { CalendarItem } from '../../contract/letter';
import { deadlineDate, parseDeadline } from '../../domain/deadline';
import {
  endsOpen,
  isMonthStart,
  joinWrapped,
  MONTHS,
  startsLower,
  trailingDate,
  type Line,
} from './assign-text';
import { span } from './assign-items';
import { tableCells } from './text';
import { CALENDAR_HEADER, CALENDAR_UNDATED, alternation } from './vocabulary';

const MONTH_WORD = `(?:${MONTHS.join('|')})`;
/** A date opening a row, its description after it (`15. mars 2035`, `1.3.2035: Årsrapport`). */
const DATE_CELL = new RegExp(
  `^((?:(?:innen|senest|før)\\s+)?(?:(?:\\d{1,2}\\.\\s*${MONTH_WORD}(?:\\s+\\d{4})?)|(?:(?:primo|medio|ultimo|(?:i\\s+)?løpet\\s+av)\\s+${MONTH_WORD}(?:\\s+\\d{4})?)|(?:uke\\s+\\d{1,2})|(?:\\d{1,2}\\.\\d{1,2}\\.(?:\\d{2,4})?)|(?:(?:19|20)\\d{2}-[01]\\d-[0-3]\\d)))(?=[\\s:]|$)\\s*(?::\\s*|[–—-]\\s+)?(.*)$`,
  'i',
);
/** A month alone as the date cell (`april  Årsrapport …`): only inside a calendar table. */
const MONTH_CELL = new RegExp(`^(${MONTH_WORD}(?:\\s+\\d{4})?)(?=\\s|$)\\s*(.*)$`, 'i');
/** A month with a colon after it opens a row in any calendar (`Februar 2037: Etatsstyringsmøte`). */
const MONTH_COLON = new RegExp(`^(${MONTH_WORD}(?:\\s+\\d{4})?)\\s*:\\s*(\\S.*)$`, 'i');
/**
 * A timing that is no date (`Løpende`, `Ved behov`, `Våren 2032`, `2. tertial`) as the date cell:
 * only inside a calendar table, followed by the description; the row's date is null unless the
 * deadline parser reads the timing (docs/deadlines.md).
 */
const UNDATED_TIMING = `(?:${alternation(CALENDAR_UNDATED)}|(?:(?:første|andre|tredje|fjerde|siste|[1-4]\\.)\\s+(?:halvår|kvartal|tertial)))(?:\\s+\\d{4})?`;
const UNDATED_CELL = new RegExp(`^(${UNDATED_TIMING})\\s+(\\S.*)$`, 'iu');
/** The same as a whole cell, in a table whose date column is not the first. */
const UNDATED_WHOLE = new RegExp(`^${UNDATED_TIMING}$`, 'iu');
/** A calendar table's header row: `Frist · Beskrivelse`, `Dato · Tiltak · Merknad`. */
export const HEADER_ROW = new RegExp(
  `^(?:${alternation(CALENDAR_HEADER.date)})\\s+(?:${alternation(CALENDAR_HEADER.what)})\\b`,
  'i',
);

interface Row {
  date: string;
  lines: Line[];
  parts: string[];
}

/**
 * Calendar tables outside a calendar section (`Frist · Beskrivelse` under "Oppfølging og
 * rapportering", `Møte · Tidspunkt` under "Styringsdialog"): each from its header row to its last row. Returns the items and the lines
 * read, so the caller can leave them out of the rest.
 */
export function calendarTables(
  lines: Line[],
  year: number,
): { items: CalendarItem[]; used: Set<number> } {
  const items: CalendarItem[] = [];
  const used = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    if (!HEADER_ROW.test(lines[i]!.text)) {
      // `Møte · Tidspunkt`, `Rapportering · Frist`: read when a row has a date in that column.
      const column = dateColumnAfter(lines[i]!);
      if (column === null || rowsDatedAfter(lines, i + 1, column).rows.length === 0) continue;
    } else {
      const first = lines[i + 1];
      if (!first || !dateCell(first, lines[i + 2], true)) continue;
    }
    const r = extractCalendar(lines.slice(i), year, true);
    items.push(...r.items);
    for (const l of r.used) used.add(l.no);
    i += Math.max(0, r.used.length - 1);
  }
  return { items, used };
}

/**
 * Reads the calendar rows; `claimed` gets every line read (intro and header included). In a
 * table with a header row (`inTable`, or once a header row is read) a month alone is a date
 * cell too, and so is a timing without a date (`Løpende`, `Ved behov`: a row whose date is
 * null); the header row printed again after a page break is passed over. A cell that wraps
 * around the date cell (the PDF puts a vertically centred row's first line above the date) goes
 * with the row below it.
 */
export function extractCalendar(
  lines: Line[],
  year: number,
  inTable = false,
): { items: CalendarItem[]; used: Line[] } {
  const rows: Row[] = [];
  const used: Line[] = [];
  let table = inTable;
  let current: Row | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (HEADER_ROW.test(line.text)) {
      table = true;
      current = null;
      used.push(line);
      continue;
    }
    const reversed = dateColumnAfter(line);
    if (reversed !== null) {
      const r = rowsDatedAfter(lines, i + 1, reversed);
      rows.push(...r.rows);
      used.push(line, ...r.used);
      i += r.used.length;
      current = null;
      continue;
    }
    const date = dateCell(line, lines[i + 1], table);
    const last = date || table ? null : datedAtEnd(line, lines[i + 1]);
    if (date) {
      const cell = date.joinsNext ? [line, lines[++i]!] : [line];
      current = startRow(date.date, date.rest, cell);
      rows.push(current);
      used.push(...cell);
      continue;
    } else if (last) {
      // `• Etatsstyringsmøte 12. mai 2031` under the calendar's heading: the date last.
      current = startRow(last.date, last.before, [line]);
      rows.push(current);
    } else if (current && line.marker?.kind === 'bullet') {
      current = startRow(current.date, line.body, [line]);
      rows.push(current);
    } else if (current && continuesCell(current, line)) {
      current.lines.push(line);
      current.parts.push(line.text);
    } else if (rows.length > 0 && wrapsAroundDate(line, lines[i + 1], lines[i + 2], table)) {
      // `Satsingsforslag og` / `20. juni 2032  Budsjettforslag for 2034` / `innsparingsforslag`
      const next = lines[++i]!;
      const below = dateCell(next, lines[i + 1], table)!;
      current = startRow(below.date, below.rest, [line, next]);
      current.parts.push(line.text);
      rows.push(current);
      used.push(line, next);
      continue;
    } else if (rows.length > 0) {
      break;
    }
    used.push(line);
  }
  const items = rows.filter((r) => r.parts.length > 0).map((r) => toItem(r, year));
  // Lines of a calendar no row could be read from are left to show as unread, not taken.
  return { items, used: items.length > 0 ? used : [] };
}

/**
 * A calendar line that ends with its date (`Etatsstyringsmøte 12. mai 2031`, `Årsrapport for
 * 2030 sendes innen 15. mars`, `Innspill til budsjettet: 1. september`): the date and the text
 * before it. Not a date a reference gives (`brev av 12. mai`), nor a line of running text.
 */
function datedAtEnd(line: Line, next: Line | undefined): { date: string; before: string } | null {
  const text = line.marker?.kind === 'bullet' ? line.body : line.text;
  const found = trailingDate(text);
  if (!found) return null;
  // A line whose date the next goes on from (`… i god tid før 12. mai` / `2031, og sender …`).
  if (next && !next.marker && !next.gap && /^(?:\d{4}(?!\d)|[,;])/u.test(next.text)) return null;
  const before = found.before.replace(/\s*[:–—-]\s*$/u, '').trim();
  if (before === '' || before.length > 100 || /[.;,]$/u.test(before)) return null;
  if (/(?:^|\s)(?:av|fra|frå|datert|jf\.?|den|før|til)$/iu.test(before)) return null;
  return { date: found.date, before };
}

const DATE_LABEL = new RegExp(`^(?:${alternation(CALENDAR_HEADER.date)})$`, 'iu');
const WHAT_LABEL = new RegExp(`^(?:${alternation(CALENDAR_HEADER.what)})$`, 'iu');

/**
 * A header whose description column comes before its date column (`Aktivitet · Dato`,
 * `Hva · Når · Ansvar`): the date column's index, else null.
 */
function dateColumnAfter(line: Line): number | null {
  const cells = tableCells(line.printed ?? line.text);
  const date = cells.findIndex((c) => DATE_LABEL.test(c.trim()));
  const what = cells.findIndex((c) => WHAT_LABEL.test(c.trim()));
  return date > 0 && what >= 0 && what < date ? date : null;
}

/**
 * The rows under such a header: a row a line, its date the cell in the date column (or its
 * last cell, where an empty cell before it left no gap), its description the cells before it.
 * Ends at the first line without a date there.
 */
function rowsDatedAfter(
  lines: Line[],
  from: number,
  column: number,
): { rows: Row[]; used: Line[] } {
  const rows: Row[] = [];
  const used: Line[] = [];
  for (let k = from; k < lines.length; k++) {
    const line = lines[k]!;
    let cells = tableCells(line.printed ?? line.text);
    // A date cell pdf.js joined onto the description (`Årsrapport for 2036 15. mars 2037`).
    const joined = cells.length === 1 ? trailingDate(cells[0]!) : null;
    if (joined) cells = [joined.before, joined.date];
    const at = Math.min(column, cells.length - 1);
    const cell = cells[at]?.trim() ?? '';
    const date = at > 0 ? wholeDateCell(cell) : null;
    if (date === null) break;
    rows.push({ date, lines: [line], parts: [cells.slice(0, at).join(' ')] });
    used.push(line);
  }
  return { rows, used };
}

/** The date (or timing without one: `Løpende`) that a whole cell is, or null. */
function wholeDateCell(cell: string): string | null {
  const m = DATE_CELL.exec(cell) ?? MONTH_CELL.exec(cell);
  if (m) return (m[2] ?? '') === '' ? m[1]! : null;
  return UNDATED_WHOLE.test(cell) ? cell : null;
}

/**
 * A line of a description cell printed above its row's date: no date of its own, it ends open
 * (`Satsingsforslag og`) and the row follows right after it, or the row's cell goes on in lower
 * case below.
 */
function wrapsAroundDate(
  line: Line,
  next: Line | undefined,
  after: Line | undefined,
  table: boolean,
): boolean {
  if (!next || line.marker || /[.:;]$/.test(line.text)) return false;
  const below = dateCell(next, after, table);
  if (!below || /^\d{1,2}\.$/.test(next.text)) return false;
  // A table's date printed alone, its cell wrapped around it: the line above may be a wide cell's.
  if (line.text.length > (table && below.rest === '' ? 100 : 60)) return false;
  return endsOpen(line.text) || (after !== undefined && startsLower(after.text));
}

function startRow(date: string, rest: string, lines: Line[]): Row {
  const bullet = /^[•\-–]\s*/.exec(rest);
  const text = bullet ? rest.slice(bullet[0].length) : rest;
  return { date, lines, parts: text === '' ? [] : [text] };
}

function dateCell(
  line: Line,
  next: Line | undefined,
  inTable = false,
): { date: string; rest: string; joinsNext: boolean } | null {
  if (/^\d{1,2}\.$/.test(line.text) && next && isMonthStart(next.text)) {
    const m = DATE_CELL.exec(`${line.text} ${next.text}`);
    return m ? { date: m[1]!, rest: m[2] ?? '', joinsNext: true } : null;
  }
  // A bullet list's item may open with its date (`• 20. februar 2035: Styringsmøte`).
  const text = line.marker?.kind === 'bullet' ? line.body : line.text;
  const m =
    DATE_CELL.exec(text) ??
    MONTH_COLON.exec(text) ??
    (inTable ? (MONTH_CELL.exec(text) ?? UNDATED_CELL.exec(text)) : null);
  return m ? { date: m[1]!, rest: m[2] ?? '', joinsNext: false } : null;
}

/** A wrapped description cell goes on in lower case, after an open word, or with a number. */
function continuesCell(row: Row, line: Line): boolean {
  if (HEADER_ROW.test(line.text)) return false;
  const last = row.parts[row.parts.length - 1] ?? '';
  if (row.parts.length === 0) return true;
  return startsLower(line.text) || /^\d/.test(line.text) || endsOpen(last);
}

function toItem(row: Row, year: number): CalendarItem {
  const text = joinWrapped(row.parts);
  const value = parseDeadline(row.date, { year });
  const date = deadlineDate(value);
  return {
    date,
    text,
    deadline: { date, text: row.date, appliesTo: null, value },
    kind: calendarKind(text),
    provenance: span(row.lines),
  };
}

/** report, meeting, budget or other, by the description's words. */
export function calendarKind(text: string): string {
  if (/møte/i.test(text)) return 'meeting';
  const budget = text.search(
    /budsjett|\bRNB\b|omgrupperingsprop|Prop\. 1 S|satsing|rammefordeling|disponering/i,
  );
  const report = text.search(/rapport|regnskap|statistikk|leveranse/i);
  if (budget >= 0 && (report < 0 || budget < report)) return 'budget';
  return report >= 0 ? 'report' : 'other';
}
