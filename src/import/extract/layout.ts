/**
 * Rebuilding lines of text from positioned PDF text items. Pure: no I/O, no pdf.js.
 *
 * Coordinates are top-down (y grows downwards, as on screen), in points; `y` is the baseline.
 */

export interface PositionedText {
  str: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
}

export interface PageLine {
  text: string;
  /** Baseline, top-down. */
  y: number;
  fontSize: number;
  /**
   * A table row rebuilt from several printed lines (cells wrapped over lines): the baselines of
   * its first and last printed line, for the vertical gaps to the lines before and after it.
   */
  top?: number;
  bottom?: number;
  /** Where the line's items are printed (for a rebuilt table row: all of its printed lines). */
  box?: Extent;
}

/** A rectangle on the page, top-down, in points: left, right, top and bottom edges. */
interface Extent {
  x0: number;
  x1: number;
  top: number;
  bottom: number;
}

/**
 * Where an output line sits in the PDF: page (1-based), then x, y, width and height in points,
 * top-down (y is the box's top edge), rounded to a tenth of a point. A tuple of numbers, so that
 * a letter's boxes stay a small flat array (stored as JSON, sent between threads as is).
 */
export type LineBox = [page: number, x: number, y: number, width: number, height: number];

export interface PageLines {
  /** Page height in points. */
  height: number;
  lines: PageLine[];
}

/** A horizontal gap of at least this many font sizes separates table cells / columns. */
const COLUMN_GAP_EM = 1.0;
/**
 * A narrower gap (in font sizes) still separates cells where the item after it starts at a
 * column that wide gaps start on two other lines of the page: a wrapped cell's text may run up
 * to its border, less than COLUMN_GAP_EM from the next column's text.
 */
const ALIGNED_COLUMN_GAP_EM = 0.5;
/** How near (in whole points, the starts being rounded) an item's left edge is to a column start. */
const COLUMN_ALIGN_PT = 1;
/** Below this gap (in font sizes) two items are parts of one word. */
const WORD_GAP_EM = 0.12;
/** Baselines closer than this (in font sizes) are one line. */
const BASELINE_TOLERANCE_EM = 0.35;
/** A vertical gap larger than this multiple of the usual leading starts a new paragraph. */
const PARAGRAPH_GAP_FACTOR = 1.35;
/** Running headers and footers live in the top and bottom part of a page. */
const MARGIN_BAND = 0.12;

/**
 * Table cells vertically centred against a taller neighbour cell sit on baselines half a line
 * apart from the row's own baseline; ordinary lines are never spaced closer than this (in font
 * sizes).
 */
const CENTRED_OFFSET_EM = 0.85;
/** Two baselines mirrored about a row's baseline agree to within this (in font sizes). */
const MIRROR_TOLERANCE_EM = 0.12;
/** How far a stack of wrapped cell lines may step from one line to the next (in font sizes). */
const STACK_STEP_EM = 1.6;

/** One cell of a line: items separated from their neighbours by column gaps. */
interface Cell {
  items: PositionedText[];
  x0: number;
  x1: number;
}

/** The items on one baseline, left to right, cut into cells at column gaps. */
interface Row {
  items: PositionedText[];
  y: number;
  fontSize: number;
  cells: Cell[];
}

/** Groups items whose baselines are close into lines, sorted top to bottom, left to right. */
export function buildLines(items: readonly PositionedText[]): PageLine[] {
  const visible = items.filter((it) => it.str.trim() !== '' && Number.isFinite(it.y));
  visible.sort((a, b) => a.y - b.y || a.x - b.x);
  const groups: PositionedText[][] = [];
  let current: PositionedText[] = [];
  let lineY = 0;
  let lineFs = 0;
  for (const it of visible) {
    const tol = Math.max(1, BASELINE_TOLERANCE_EM * Math.min(it.fontSize || lineFs, lineFs || 1e9));
    if (current.length > 0 && Math.abs(it.y - lineY) <= tol) {
      current.push(it);
      lineFs = Math.max(lineFs, it.fontSize);
    } else {
      if (current.length > 0) groups.push(current);
      current = [it];
      lineY = it.y;
      lineFs = it.fontSize;
    }
  }
  if (current.length > 0) groups.push(current);
  // Each line's items left to right, a leading bullet glyph read: once, for both readings below.
  const sorted = groups.map((g) => withBullet([...g].sort((a, b) => a.x - b.x)));
  const starts = columnStarts(sorted);
  return joinCentredRows(sorted.map((g) => toRow(g, starts)))
    .map((rows) =>
      rows.length === 1 ? joinLine(rows[0]?.items ?? [], starts) : joinTableRow(rows),
    )
    .filter((l) => l.text !== '');
}

/** Private-use code points Symbol and Wingdings fonts draw list bullets with. */
const SYMBOL_BULLETS =
  /^[\uf0b7\uf0a7\uf0a8\uf09f\uf06c\uf06e\uf06f\uf070\uf071\uf072\uf073\uf075\uf076\uf077\uf0d8\uf0e0\uf0e8\uf0f0\uf0fc\uf0fe]/u;
const PRIVATE_USE_ONLY = /^[\ue000-\uf8ff]$/u;

/**
 * A line's leading private-use glyph (a Symbol or Wingdings bullet, which pdf.js gives as the
 * font's private-use code point) as the bullet `•`: alone as the line's first item before more
 * text, or one of the known bullet code points at the start of the first item.
 */
function withBullet(sorted: PositionedText[]): PositionedText[] {
  const [first, ...rest] = sorted;
  if (!first) return sorted;
  const lead = first.str.trimStart();
  const next = rest[0];
  if (next && PRIVATE_USE_ONLY.test(lead.trimEnd())) {
    // One space after the bullet, whatever the indent of the text after it.
    const width = Math.max(first.width, next.x - first.x - 0.3 * (first.fontSize || 1));
    return [{ ...first, str: BULLET, width }, ...rest];
  }
  if (SYMBOL_BULLETS.test(lead) && lead.slice(1).trim() !== '') {
    return [{ ...first, str: `${BULLET} ${lead.slice(1).trimStart()}` }, ...rest];
  }
  return sorted;
}

const BULLET = '\u2022';

/** A glyph rises this far above its baseline and descends this far below it (in font sizes). */
const ASCENT_EM = 0.85;
const DESCENT_EM = 0.25;

/** The rectangle the items are printed in. */
function extentOf(items: readonly PositionedText[]): Extent | undefined {
  let box: Extent | undefined;
  for (const it of items) {
    const fs = it.fontSize || 1;
    const x0 = Math.min(it.x, it.x + it.width);
    const x1 = Math.max(it.x, it.x + it.width);
    const top = it.y - ASCENT_EM * fs;
    const bottom = it.y + DESCENT_EM * fs;
    if (![x0, x1, top, bottom].every(Number.isFinite)) continue;
    box = box
      ? {
          x0: Math.min(box.x0, x0),
          x1: Math.max(box.x1, x1),
          top: Math.min(box.top, top),
          bottom: Math.max(box.bottom, bottom),
        }
      : { x0, x1, top, bottom };
  }
  return box;
}

/**
 * The left edges (rounded to a point) at which a wide gap starts a cell on at least two lines of
 * a page (within COLUMN_ALIGN_PT): the columns of its tables. One line's gap is not enough, as
 * prose has them too (`Frist:` and a tab).
 */
function columnStarts(lines: readonly PositionedText[][]): ReadonlySet<number> {
  const counts = new Map<number, number>();
  for (const sorted of lines) {
    let right = -Infinity;
    let prevFs = 0;
    for (const it of sorted) {
      const fs = Math.max(it.fontSize, prevFs) || 1;
      if (right !== -Infinity && it.x - right >= COLUMN_GAP_EM * fs) {
        const x = Math.round(it.x);
        counts.set(x, (counts.get(x) ?? 0) + 1);
      }
      right = Math.max(right, it.x + it.width);
      prevFs = it.fontSize;
    }
  }
  const starts = new Set<number>();
  for (const x of counts.keys()) {
    let lines = 0;
    for (let d = -COLUMN_ALIGN_PT; d <= COLUMN_ALIGN_PT; d++) lines += counts.get(x + d) ?? 0;
    if (lines >= 2) starts.add(x);
  }
  return starts;
}

/** Whether a gap of `gap` points before an item at `x` separates two cells. */
function isColumnGap(gap: number, fs: number, x: number, starts: ReadonlySet<number>): boolean {
  if (gap >= COLUMN_GAP_EM * fs) return true;
  return gap >= ALIGNED_COLUMN_GAP_EM * fs && near(starts, Math.round(x));
}

/** Whether a set of rounded positions holds one within COLUMN_ALIGN_PT of `x` (a set lookup each). */
function near(starts: ReadonlySet<number>, x: number): boolean {
  for (let d = -COLUMN_ALIGN_PT; d <= COLUMN_ALIGN_PT; d++) if (starts.has(x + d)) return true;
  return false;
}

const NO_STARTS: ReadonlySet<number> = new Set();

/** One line's items, sorted left to right with its bullet read (buildLines), as a row of cells. */
function toRow(sorted: PositionedText[], starts: ReadonlySet<number> = NO_STARTS): Row {
  const cells: Cell[] = [];
  let cell: Cell | undefined;
  let fontSize = 0;
  let prevFs = 0;
  for (const it of sorted) {
    fontSize = Math.max(fontSize, it.fontSize);
    const fs = Math.max(it.fontSize, prevFs) || 1;
    if (!cell || isColumnGap(it.x - cell.x1, fs, it.x, starts)) {
      cell = { items: [it], x0: it.x, x1: it.x + it.width };
      cells.push(cell);
    } else {
      cell.items.push(it);
      cell.x1 = Math.max(cell.x1, it.x + it.width);
    }
    prevFs = it.fontSize;
  }
  const y = sorted.reduce((s, it) => s + it.y, 0) / (sorted.length || 1);
  return { items: sorted, y, fontSize, cells };
}

/** Whether some cell of `a` shares horizontal space with some cell of `b`. */
function overlaps(a: Row, b: Row): boolean {
  return a.cells.some((p) => b.cells.some((q) => p.x0 < q.x1 && q.x0 < p.x1));
}

/**
 * Finds table rows whose cells are vertically centred against a cell of several lines: a line
 * of two or more cells (the row's baseline) with the other cell's wrapped lines above and below
 * it, half a line pitch away, in columns where the row has no text of its own (`Større
 * utstyrsanskaffelser og` / `1452  45  12 000 000  3 000 000` / `vedlikehold, kan overføres`).
 * Such lines are taken as one row only when they mirror each other about the row's baseline
 * (centring puts as many lines at the same distances above as below) and each is nearer to
 * this row than to the line beyond it: prose, and text in columns of its own, never does that.
 * Returns the lines in order, each row's lines as one group (the row's own line first).
 */
function joinCentredRows(rows: Row[]): Row[][] {
  const taken = new Set<number>();
  const attached = new Map<number, number[]>();
  rows.forEach((row, i) => {
    if (row.cells.length < 2 || taken.has(i)) return;
    const em = row.fontSize || 1;
    const stack = (dir: -1 | 1): { index: number; offset: number }[] => {
      const out: { index: number; offset: number }[] = [];
      for (let j = i + dir; j >= 0 && j < rows.length; j += dir) {
        const line = rows[j];
        if (!line || taken.has(j) || overlaps(line, row)) break;
        const offset = Math.abs(line.y - row.y);
        const step = offset - (out.at(-1)?.offset ?? 0);
        if (out.length === 0 ? offset >= CENTRED_OFFSET_EM * em : step > STACK_STEP_EM * em) break;
        // The line beyond, when it could hold this line in its own row and is nearer, has it.
        const beyond = rows[j + dir];
        if (
          beyond &&
          beyond.cells.length >= 2 &&
          !overlaps(beyond, line) &&
          Math.abs(beyond.y - line.y) < offset
        ) {
          break;
        }
        out.push({ index: j, offset });
      }
      return out;
    };
    const above = stack(-1);
    const below = stack(1);
    const tolerance = Math.max(0.75, MIRROR_TOLERANCE_EM * em);
    let m = 0;
    while (
      m < above.length &&
      m < below.length &&
      Math.abs((above[m]?.offset ?? 0) - (below[m]?.offset ?? 0)) <= tolerance
    ) {
      m++;
    }
    if (m === 0) return;
    const members = [...above.slice(0, m), ...below.slice(0, m)].map((s) => s.index);
    for (const j of members) taken.add(j);
    taken.add(i);
    attached.set(i, members);
  });
  const out: Row[][] = [];
  rows.forEach((row, i) => {
    const members = attached.get(i);
    if (members) {
      out.push([row, ...members.map((j) => rows[j]).filter((r): r is Row => r !== undefined)]);
    } else if (!taken.has(i)) {
      out.push([row]);
    }
  });
  return out;
}

/**
 * One line for a table row given as several lines: the cells of all of them grouped into
 * columns (cells that share horizontal space), each column's text top to bottom joined with a
 * space, the columns separated as cells are. The baseline is the row's own (the first line).
 */
function joinTableRow(rows: Row[]): PageLine {
  const cells = rows
    .flatMap((r) => r.cells.map((c) => ({ ...c, y: r.y })))
    .sort((a, b) => a.x0 - b.x0);
  const columns: { x0: number; x1: number; cells: typeof cells }[] = [];
  for (const c of cells) {
    const col = columns.at(-1);
    if (col && c.x0 < col.x1) {
      col.cells.push(c);
      col.x1 = Math.max(col.x1, c.x1);
    } else {
      columns.push({ x0: c.x0, x1: c.x1, cells: [c] });
    }
  }
  const fontSize = Math.max(...rows.map((r) => r.fontSize));
  let text = '';
  let right = 0;
  for (const col of columns) {
    const part = [...col.cells]
      .sort((a, b) => a.y - b.y || a.x0 - b.x0)
      .map((c) => joinLine(c.items).text)
      .filter((t) => t !== '')
      .join(' ');
    if (text !== '') {
      const spaces = Math.min(
        16,
        Math.max(2, Math.round((col.x0 - right) / (0.5 * fontSize || 1))),
      );
      text += ' '.repeat(spaces);
    }
    text += part;
    right = col.x1;
  }
  const ys = rows.map((r) => r.y);
  const box = extentOf(rows.flatMap((r) => r.items));
  return {
    text: text.trim(),
    y: rows[0]?.y ?? 0,
    fontSize,
    top: Math.min(...ys),
    bottom: Math.max(...ys),
    ...(box && { box }),
  };
}

function joinLine(items: PositionedText[], starts: ReadonlySet<number> = NO_STARTS): PageLine {
  const sorted = [...items].sort((a, b) => a.x - b.x);
  let text = '';
  let prev: PositionedText | undefined;
  let fontSize = 0;
  for (const it of sorted) {
    fontSize = Math.max(fontSize, it.fontSize);
    if (!prev) {
      text = it.str;
      prev = it;
      continue;
    }
    // The same text drawn twice almost on top of itself (fake bold, shadow): keep it once.
    if (it.str === prev.str && Math.abs(it.x - prev.x) < Math.max(1, 0.2 * it.fontSize)) continue;
    const fs = Math.max(it.fontSize, prev.fontSize) || 1;
    const gap = it.x - (prev.x + prev.width);
    if (isColumnGap(gap, fs, it.x, starts)) {
      // A column gap: two or more spaces, roughly as many as would fill it.
      const spaces = Math.min(16, Math.max(2, Math.round(gap / (0.5 * fs))));
      text = text.trimEnd() + ' '.repeat(spaces) + it.str.trimStart();
    } else if (gap > WORD_GAP_EM * fs && !/\s$/.test(text) && !/^\s/.test(it.str)) {
      text += ' ' + it.str;
    } else {
      text += it.str;
    }
    if (it.x + it.width >= prev.x + prev.width) prev = it;
  }
  const y = sorted.reduce((s, it) => s + it.y, 0) / sorted.length;
  const box = extentOf(sorted);
  return { text: text.trim(), y, fontSize, ...(box && { box }) };
}

const PAGE_NUMBER =
  /^(?:(?:side|page|s\.)\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:av|of|\/)\s*\d{1,4})?$/i;

/** "Side 2", "Side 2 av 14", "2", "- 2 -", "2/14", "Page 3 of 9". */
export function isPageNumber(text: string): boolean {
  return PAGE_NUMBER.test(text.trim());
}

function inMarginBand(line: PageLine, height: number): boolean {
  return line.y < MARGIN_BAND * height || line.y > (1 - MARGIN_BAND) * height;
}

function runningKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

/**
 * Removes page numbers and running headers/footers: lines in the top or bottom margin band that
 * are a page number, or whose text (digits ignored) recurs at the same height on at least half
 * of the pages (and on two pages at least).
 */
export function stripRunningText(pages: readonly PageLines[]): PageLines[] {
  const minPages = Math.max(2, Math.ceil(pages.length / 2));
  const seen = new Map<string, { page: number; y: number }[]>();
  pages.forEach((page, pageIndex) => {
    for (const line of page.lines) {
      if (!inMarginBand(line, page.height)) continue;
      const key = runningKey(line.text);
      const list = seen.get(key) ?? [];
      list.push({ page: pageIndex, y: line.y });
      seen.set(key, list);
    }
  });
  const isRunning = (line: PageLine): boolean => {
    const list = seen.get(runningKey(line.text)) ?? [];
    const pagesAtSameHeight = new Set(
      list.filter((o) => Math.abs(o.y - line.y) <= 3).map((o) => o.page),
    );
    return pagesAtSameHeight.size >= minPages;
  };
  return pages.map((page) => ({
    height: page.height,
    lines: page.lines.filter(
      (line) => !(inMarginBand(line, page.height) && (isPageNumber(line.text) || isRunning(line))),
    ),
  }));
}

/**
 * Flattens pages into lines, with one blank line where the vertical gap between two lines of a
 * page is clearly larger than the document's usual leading (a new paragraph, a heading).
 * Pages follow each other without a blank line: a paragraph may continue on the next page.
 */
export function flattenWithParagraphs(pages: readonly PageLines[]): string[] {
  return flattenPages(pages).lines;
}

/**
 * `flattenWithParagraphs`, with each output line's place (`pages[i]` is page i + 1): the
 * printed line's box, null for a blank line.
 */
export function flattenPages(pages: readonly PageLines[]): {
  lines: string[];
  boxes: (LineBox | null)[];
} {
  const ratios: number[] = [];
  for (const page of pages) {
    for (let i = 1; i < page.lines.length; i++) {
      const a = page.lines[i - 1];
      const b = page.lines[i];
      if (!a || !b || b.fontSize <= 0) continue;
      const r = gapBetween(a, b) / b.fontSize;
      if (r >= 0.8 && r < 2.5) ratios.push(r);
    }
  }
  // The usual leading: a low quantile, since short documents may have as many paragraph gaps
  // as line gaps, while ordinary lines are never spaced closer than the leading.
  const leading = quantile(ratios, 0.25) ?? 1.2;
  const out: string[] = [];
  const boxes: (LineBox | null)[] = [];
  pages.forEach((page, p) => {
    page.lines.forEach((line, i) => {
      const prev = page.lines[i - 1];
      if (prev && line.fontSize > 0) {
        const r = gapBetween(prev, line) / line.fontSize;
        if (r > PARAGRAPH_GAP_FACTOR * leading && out.length > 0 && out.at(-1) !== '') {
          out.push('');
          boxes.push(null);
        }
      }
      out.push(line.text);
      boxes.push(line.box ? lineBox(p + 1, line.box) : null);
    });
  });
  return { lines: out, boxes };
}

const tenth = (n: number) => Math.round(n * 10) / 10;

function lineBox(page: number, e: Extent): LineBox {
  return [page, tenth(e.x0), tenth(e.top), tenth(e.x1 - e.x0), tenth(e.bottom - e.top)];
}

/** From the last printed line of `a` to the first of `b`, baseline to baseline. */
function gapBetween(a: PageLine, b: PageLine): number {
  return (b.top ?? b.y) - (a.bottom ?? a.y);
}

function quantile(values: number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length * q)];
}
