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
}

export interface PageLines {
  /** Page height in points. */
  height: number;
  lines: PageLine[];
}

/** A horizontal gap of at least this many font sizes separates table cells / columns. */
const COLUMN_GAP_EM = 1.0;
/** Below this gap (in font sizes) two items are parts of one word. */
const WORD_GAP_EM = 0.12;
/** Baselines closer than this (in font sizes) are one line. */
const BASELINE_TOLERANCE_EM = 0.35;
/** A vertical gap larger than this multiple of the usual leading starts a new paragraph. */
const PARAGRAPH_GAP_FACTOR = 1.35;
/** Running headers and footers live in the top and bottom part of a page. */
const MARGIN_BAND = 0.12;

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
  return groups.map(joinLine).filter((l) => l.text !== '');
}

function joinLine(items: PositionedText[]): PageLine {
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
    if (gap >= COLUMN_GAP_EM * fs) {
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
  return { text: text.trim(), y, fontSize };
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
  const ratios: number[] = [];
  for (const page of pages) {
    for (let i = 1; i < page.lines.length; i++) {
      const a = page.lines[i - 1];
      const b = page.lines[i];
      if (!a || !b || b.fontSize <= 0) continue;
      const r = (b.y - a.y) / b.fontSize;
      if (r >= 0.8 && r < 2.5) ratios.push(r);
    }
  }
  // The usual leading: a low quantile, since short documents may have as many paragraph gaps
  // as line gaps, while ordinary lines are never spaced closer than the leading.
  const leading = quantile(ratios, 0.25) ?? 1.2;
  const out: string[] = [];
  for (const page of pages) {
    page.lines.forEach((line, i) => {
      const prev = page.lines[i - 1];
      if (prev && line.fontSize > 0) {
        const r = (line.y - prev.y) / line.fontSize;
        if (r > PARAGRAPH_GAP_FACTOR * leading && out.length > 0 && out.at(-1) !== '') {
          out.push('');
        }
      }
      out.push(line.text);
    });
  }
  return out;
}

function quantile(values: number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length * q)];
}
