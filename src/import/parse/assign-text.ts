/**
 * Line-level helpers for the assignment side: PDF artefacts, list markers, headings-by-shape
 * and joining wrapped lines back into text and paragraphs. Pure.
 */
import type { SourceLine } from './types';

/** A non-blank line with its list marker (if any) split off. */
export interface Line {
  no: number;
  /** Trimmed text with bullet glyphs normalised. */
  text: string;
  marker: ListMarker | null;
  /** Text after the marker (equals `text` when there is none). */
  body: string;
  /** A paragraph break precedes the line (see {@link prepareLines}). */
  gap: boolean;
  /** The line as printed, the gaps between a table's cells kept (runs of spaces). */
  printed?: string;
}

export interface ListMarker {
  kind: 'bullet' | 'number' | 'letter' | 'roman';
  /** `a`, `3`, `ii`; empty for bullets. */
  label: string;
  /** Nesting hint: `o` bullets and `a.` under numbers are second level. */
  level: 1 | 2;
}

export const MONTHS = [
  'januar',
  'februar',
  'mars',
  'april',
  'mai',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'desember',
];
const MONTH_RE = new RegExp(`^(?:${MONTHS.join('|')})\\b`, 'i');

/** Words after which a wrapped heading or table cell must go on. */
const CONTINUES_AFTER = new Set([
  'og',
  'med',
  'for',
  'av',
  'i',
  'til',
  'om',
  'på',
  'fra',
  'mot',
  'eller',
  'under',
  'ved',
  'samt',
  'de',
  'den',
  'det',
  'som',
  'en',
  'et',
  '–',
  '-',
]);

export function isMonthStart(text: string): boolean {
  return MONTH_RE.test(text);
}

/** True when a line ends in a word (or dash/comma) that cannot end a heading or sentence. */
export function endsOpen(text: string): boolean {
  const t = text.trim();
  if (/[,–-]$/.test(t)) return true;
  const last = t.split(/\s+/).pop() ?? '';
  return CONTINUES_AFTER.has(last.toLowerCase());
}

export function startsLower(text: string): boolean {
  return /^[a-zæøå]/.test(text.trim());
}

export function startsUpper(text: string): boolean {
  return /^[A-ZÆØÅ]/.test(text.trim());
}

const BULLET_RE = /^(?:\uf0b7|•|●|▪|◦|\uf0a7|-|–)\s*(?=\S)/;
const SUB_BULLET_RE = /^o\s+(?=[A-ZÆØÅ])/;
const PAREN_NUMBER_RE = /^\((\d{1,2})\)\s+/;
const NUMBER_RE = /^(\d{1,2})[.)]\s+(?=\S)/;
const LETTER_RE = /^([a-hj-z])\)\s+|^([a-h])\.\s+(?=\S)/;
const ROMAN_RE = /^(i{1,3}|iv|vi{0,3}|ix|x)[.)]\s+(?=[A-ZÆØÅ])/;

/** Splits a list marker off a trimmed line. Dates (`1. mars`) are not numbered items. */
export function splitMarker(text: string): { marker: ListMarker | null; body: string } {
  const take = (re: RegExp, kind: ListMarker['kind'], level: 1 | 2 = 1) => {
    const m = re.exec(text);
    if (!m) return null;
    const label = m.slice(1).find((g) => g !== undefined) ?? '';
    return { marker: { kind, label, level }, body: text.slice(m[0].length) };
  };
  const bullet = take(BULLET_RE, 'bullet');
  if (bullet) {
    // `• 1) …`, `• a) …`: a numbered or lettered item that a converter drew with a bullet.
    const inner = splitMarker(bullet.body);
    const numbered = inner.marker?.kind === 'number' || inner.marker?.kind === 'letter';
    return numbered ? { marker: { ...inner.marker!, level: 1 }, body: inner.body } : bullet;
  }
  const sub = take(SUB_BULLET_RE, 'bullet', 2);
  if (sub) return sub;
  const paren = take(PAREN_NUMBER_RE, 'number');
  if (paren) return paren;
  const num = take(NUMBER_RE, 'number');
  if (num && !isMonthStart(num.body) && !/^\d/.test(num.body)) return num;
  const roman = take(ROMAN_RE, 'roman');
  if (roman) return roman;
  const letter = take(LETTER_RE, 'letter');
  if (letter) {
    const level = /^[a-h]\./.test(text) ? 2 : 1;
    return { ...letter, marker: { ...letter.marker, level } };
  }
  return { marker: null, body: text };
}

/** Page furniture that the PDF text interleaves with the letter's body. */
export function isPageArtefact(text: string): boolean {
  return (
    /^Side \d+( av \d+)?$/i.test(text) ||
    /^mailto:/i.test(text) ||
    /^(Deres ref|Vår ref|Dato|Saksbehandler)\.?$/i.test(text) ||
    /^Postboks \d+/i.test(text) ||
    /^\d{4} [A-ZÆØÅ]{2,}$/.test(text) ||
    /^\d{2}\/\d+-\d+$/.test(text)
  );
}

/**
 * Non-blank lines of a document with artefacts removed. A letterhead repeated inside the text
 * (recipient, Postboks, postcode, Deres ref/Vår ref/Dato and the date) is dropped as a block.
 */
export function prepareLines(lines: SourceLine[]): { lines: Line[]; artefacts: Set<number> } {
  const gaps = paragraphGaps(lines);
  const nonBlank = lines
    .map((l) => ({ no: l.no, text: normaliseGlyphs(l.text).trim(), printed: l.text }))
    .filter((l) => l.text !== '');
  const artefacts = new Set<number>();
  nonBlank.forEach((l, i) => {
    if (!isPageArtefact(l.text)) return;
    artefacts.add(l.no);
    const prev = nonBlank[i - 1];
    if (/^Postboks/i.test(l.text) && prev && prev.text.length < 60 && !/[.:]$/.test(prev.text)) {
      artefacts.add(prev.no);
    }
    const next = nonBlank[i + 1];
    if (/^Dato$/i.test(l.text) && next && /^\d{1,2}\.\s*\p{L}+ \d{4}$/u.test(next.text)) {
      artefacts.add(next.no);
    }
  });
  const kept: Line[] = [];
  let skipped = false;
  for (const l of nonBlank) {
    if (artefacts.has(l.no)) {
      skipped = true;
      continue;
    }
    const prev = kept[kept.length - 1];
    // A page break is no paragraph break unless the sentence before it has ended.
    const gap = gaps.has(l.no) && (!skipped || !prev || /[.:!?]$/.test(prev.text));
    kept.push({ no: l.no, text: l.text, ...splitMarker(l.text), gap, printed: l.printed });
    skipped = false;
  }
  return { lines: levelLetters(kept), artefacts };
}

/**
 * `a.` items are second level under a numbered item (`1. …` / `a. …`); a lettered list whose
 * paragraph above is prose (`Som ledd i dette skal tilsynet:` / `a. …` / `b. …`) is first level.
 * The item's own wrapped lines are looked through back to the marker or the paragraph's start.
 */
function levelLetters(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (const line of lines) {
    const m = line.marker;
    if (m?.kind === 'letter' && m.level === 2 && !underNumber(out)) {
      out.push({ ...line, marker: { ...m, level: 1 } });
    } else out.push(line);
  }
  return out;
}

function underNumber(before: Line[]): boolean {
  for (let j = before.length - 1; j >= 0; j--) {
    const l = before[j]!;
    if (l.marker) return l.marker.kind !== 'letter' || l.marker.level === 2;
    const prev = before[j - 1];
    // A line starting lower-case goes on the item above, blank line or not (PDF).
    const paragraphStart =
      !startsLower(l.text) && (l.gap || !prev || (/[.!?]$/.test(prev.text) && startsUpper(l.text)));
    if (paragraphStart) return false;
  }
  return false;
}

/**
 * Lines preceded by a paragraph break. Single-spaced text marks paragraphs with blank lines;
 * double-spaced text (a blank after every line) marks them with blank lines holding a space.
 */
function paragraphGaps(lines: SourceLine[]): Set<number> {
  const filled = lines.map((l) => l.text.trim()).filter((t) => t !== '');
  const doubleSpaced = lines.filter((l) => l.text === '').length >= filled.length * 0.6;
  const lengths = filled.map((t) => t.length).sort((a, b) => a - b);
  const width = lengths[Math.floor(lengths.length * 0.8)] ?? 80;
  const gaps = new Set<number>();
  let pending = false;
  let prev = '';
  for (const l of lines) {
    const t = l.text.trim();
    if (t === '') {
      if (!doubleSpaced || l.text !== '') pending = true;
      continue;
    }
    // Double-spaced text: a short line ending a sentence also ends its paragraph.
    const shortEnd = doubleSpaced && /[.!?]$/.test(prev) && prev.length < width * 0.65;
    if (pending || shortEnd) gaps.add(l.no);
    pending = false;
    prev = t;
  }
  return gaps;
}

function normaliseGlyphs(text: string): string {
  return text
    .replace(/[\uf0b7\uf0a7]/g, '•')
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+/g, ' ');
}

/** A date ending a piece of text: `… lydopptakene. 1. september 2035`, `… 15.9.2035`. */
const TRAILING_DATE = new RegExp(
  `\\s((?:(?:innen|innan|senest|seinast)\\s+)?(?:\\d{1,2}\\.\\s*(?:${MONTHS.join('|')})(?:\\s+\\d{4})?|\\d{1,2}\\.\\d{1,2}\\.\\d{2,4}))$`,
  'iu',
);

/**
 * The date a text ends with and the text before it, or null: a table's date cell that pdf.js
 * joined onto the cell before it (pieces of text less than 0.6 em apart become one, with a space).
 */
export function trailingDate(text: string): { before: string; date: string } | null {
  const m = TRAILING_DATE.exec(text);
  return m ? { before: text.slice(0, m.index), date: m[1]! } : null;
}

/**
 * Joins wrapped lines into one string: a word hyphenated across lines is rejoined
 * (`sammen-`+`heng`), a compound dash before `og`/`eller` keeps its space (`helse- og`),
 * abbreviations and numbers keep the hyphen (`IKT-bransjen`, `e-helse`, `2019-2020`).
 */
export function joinWrapped(parts: string[]): string {
  // The text is built as pieces and joined once at the end: growing one string and looking at
  // its end on every line would flatten it each time, quadratic in the paragraph's length.
  const pieces: string[] = [];
  for (const raw of parts) {
    const part = raw.trim();
    if (part === '') continue;
    if (pieces.length === 0) pieces.push(part);
    else joinTwo(pieces, part);
  }
  return pieces.join('').replace(/\s+/g, ' ').trim();
}

/** How far back from the end the last word is looked at; longer words are not real words. */
const MAX_TAIL = 256;

/** The last word of the joined pieces (at most MAX_TAIL characters of it), read from the end. */
function tailWord(pieces: readonly string[]): string {
  let out = '';
  for (let i = pieces.length - 1; i >= 0; i--) {
    const p = pieces[i] ?? '';
    let j = p.length;
    while (j > 0 && out.length + (p.length - j) < MAX_TAIL && !/\s/.test(p.charAt(j - 1))) j--;
    out = p.slice(j) + out;
    if (j > 0 || out.length >= MAX_TAIL) break;
  }
  return out;
}

function joinTwo(pieces: string[], right: string): void {
  const m = /^(\S*?)(\p{L}|\d)-$/u.exec(tailWord(pieces));
  const spaced = (): void => void pieces.push(' ', right);
  if (!m) return spaced();
  const before = `${m[1] ?? ''}${m[2] ?? ''}`;
  const nextWord = /^\S*/.exec(right)?.[0] ?? '';
  if (/^(og|eller|til|med)$/.test(nextWord)) return spaced();
  if (/\d$/.test(before) || /^\d/.test(right)) return void pieces.push(right);
  const stem = before.split(/[-/]/).pop() ?? before;
  const keepHyphen = stem.length <= 1 || /^[A-ZÆØÅ0-9]{2,}$/.test(stem) || !/^[a-zæøå]/.test(right);
  if (!keepHyphen) {
    const last = pieces.length - 1;
    pieces[last] = (pieces[last] ?? '').slice(0, -1);
  }
  pieces.push(right);
}

/** Text of a run of lines: list items start a new line (with `- ` / `a) ` kept), the rest wraps. */
export function linesToText(lines: Line[]): string {
  const paragraphs: string[][] = [];
  for (const line of lines) {
    const last = paragraphs[paragraphs.length - 1];
    if (line.marker || !last) paragraphs.push([markerPrefix(line) + line.body]);
    else last.push(line.body);
  }
  return paragraphs.map((p) => joinWrapped(p)).join('\n');
}

/** A line opening a new topic: `Videre viser departementet til …`, `Vi viser til …`. */
const TOPIC_START = /^(?:Vi|Departementet|Videre|Det)\s+(?:viser|vises)\s/u;

/**
 * Paragraphs by paragraph breaks, by sentence ends at line ends where there are none, and before
 * a line that opens a new topic.
 */
export function paragraphs(lines: Line[]): Line[][] {
  const out: Line[][] = [];
  lines.forEach((line, i) => {
    const prev = lines[i - 1];
    if (
      !prev ||
      line.gap ||
      TOPIC_START.test(line.text) ||
      // A short line ending in a stop ends its paragraph, unless the next goes on in lower case
      // (`… innen 1.` / `oktober 2024 med …`: a date the line broke).
      (/[.!?]$/.test(prev.text) &&
        line.text.length > 0 &&
        (line.marker !== null || !startsLower(line.text)) &&
        prev.text.length < 70)
    ) {
      out.push([line]);
    } else out[out.length - 1]!.push(line);
  });
  return out;
}

function markerPrefix(line: Line): string {
  const m = line.marker;
  if (!m) return '';
  if (m.kind === 'bullet') return '- ';
  if (m.kind === 'letter') return `${m.label}) `;
  return `${m.label}. `;
}

/** Splits text into sentences; `1. mars` and `kap. 740` do not end a sentence. */
export function sentences(text: string): string[] {
  return text
    .split(
      /(?<!\b(?:jf|bl\.a|ev|f\.eks|kap|nr|pkt|St|Prop|mv|dvs|ca|inkl|kl))(?<=[.!?])\s+(?=[A-ZÆØÅ«"(-])|\n/,
    )
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A short first sentence for a title: cut at a word boundary near `max` characters. */
export function shortTitle(text: string, max = 110): string {
  const first = (sentences(text)[0] ?? text).replace(/^[-•]\s*/, '').replace(/[.:]$/, '');
  if (first.length <= max) return first;
  const cut = first.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 40)).trim()} …`;
}

/**
 * A heading recognised by its shape alone (letters without numbered sections): a short line
 * that does not end like a sentence or an intro (`.`, `,`, `:`), follows a finished sentence
 * and is followed by a new sentence.
 */
export function isShapeHeading(
  prev: Line | undefined,
  line: Line,
  next: Line | undefined,
): boolean {
  const t = line.text;
  if (line.marker || t.length > 80 || t.length < 3) return false;
  if (!startsUpper(t) || /[.,;:]$/.test(t) || t.includes(':')) return false;
  if (/^Frist\b/i.test(t) || isMonthStart(t.replace(/^\d{1,2}\.\s*/, ''))) return false;
  if (t.split(/\s+/).length > 12 || endsOpen(t)) return false;
  if (prev && !/[.:!?)"»]$/.test(prev.text)) return false;
  return !next || startsUpper(next.text) || next.marker !== null;
}
