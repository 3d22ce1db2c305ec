/**
 * Shared text utilities for the letter parser (text extracted from PDF or Word). Pure: no I/O.
 *
 * Exports are meant to be stable for every part of the parser:
 * - `clean(text)`: one line normalised (odd spaces → space, bullet glyphs removed, trimmed, runs
 *   of spaces collapsed);
 * - `isBlank(text)`, `isPageMarker(text)` (`Side 2`), `isBullet(text)`, `stripBullet(text)`;
 * - `joinLines(texts)`: wrapped lines → one string, undoing end-of-line hyphenation
 *   (`organisasjons-` + `endringene`) but keeping `helse- og`;
 * - `span(lines)`: the provenance (first/last line numbers) of some source lines;
 * - `toSourceLines(lines)`: file lines → SourceLine[] with 1-based numbers;
 * - `nonBlankLines(lines)`;
 * - `parseNorwegianDate(text)`: `21. april 2020`, `15.01.2024` → `2020-04-21`, or null;
 * - `normaliseDashes(text)`: `-`/`—` between years → en dash (`2019–2020`);
 * - `isNumberedHeading(text)`, `headingLevel(text)`: `5.1 Budsjettildelinger` (level 2),
 *   `2 Mål, …` (level 1); not list items (`1.1. …`), not budget posts (`21 Spesielle …`);
 * - `sentences(lines)`: running text cut into sentences, each with its line span;
 * - `paragraphs(lines)`: non-blank lines grouped into paragraphs;
 * - `chapterPostRefs(text)`: `kap. 744 post 21`, `kapittel 701, post 21`, `762.21` → refs;
 * - `MONTHS`: Norwegian month names → 1–12.
 */
import type { Provenance } from '../../contract/letter';
import type { SourceLine } from './types';

/** Bullet glyphs seen in extracted text: Symbol-font private-use bullets, •, ▪, ◦, o-bullets. */
const BULLET_CHARS = '\uf0b7\uf0a7\uf076\uf0d8\u2022\u25aa\u25e6\u2023\u2043\u25cf';
const BULLET_RE = new RegExp(`^[${BULLET_CHARS}]\\s*`, 'u');
const ODD_SPACES = /[\u00a0\u2000-\u200b\u202f\u205f\u3000\t]/gu;

/** What `clean` would change: a line without any of it is returned as it is (most lines). */
const NEEDS_CLEANING = /[\u00a0\u2000-\u200b\u202f\u205f\u3000\t\uf000-\uf0ff]| {2}|^\s|\s$/u;
/** A cleaned line of nothing but bullet glyphs (or nothing). */
const ONLY_BULLETS = new RegExp(`^[${BULLET_CHARS}]*$`, 'u');
/** `Side 2`, `Side 2 av 14`, `- 2 -`, cleaned. */
const PAGE_MARKER = /^Side \d+(?: av \d+)?$|^- ?\d+ ?-$/i;

/** What the readers ask of a line's text, again and again: worked out once per text. */
interface LineFacts {
  clean: string;
  blank: boolean;
  pageMarker: boolean;
}

/**
 * The readers look at each line and its neighbours dozens of times; a text's facts are kept.
 * Bounded: long texts (joined paragraphs) are not kept, and the memo starts over when full.
 */
const memo = new Map<string, LineFacts>();
const MEMO_MAX_LENGTH = 400;
const MEMO_MAX_ENTRIES = 50_000;

/** Lets go of the texts kept: a file's lines are not held after it has been read. */
export function forgetLineFacts(): void {
  memo.clear();
}

function factsOf(text: string): LineFacts {
  if (text.length > MEMO_MAX_LENGTH) return lineFacts(text);
  let facts = memo.get(text);
  if (facts === undefined) {
    facts = lineFacts(text);
    if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
    memo.set(text, facts);
  }
  return facts;
}

function lineFacts(text: string): LineFacts {
  const cleaned = cleanNow(text);
  return {
    clean: cleaned,
    blank: ONLY_BULLETS.test(cleaned),
    pageMarker: PAGE_MARKER.test(cleaned),
  };
}

/** Odd spaces → space, private-use glyphs dropped, runs of spaces collapsed, trimmed. */
export function clean(text: string): string {
  return factsOf(text).clean;
}

function cleanNow(text: string): string {
  if (!NEEDS_CLEANING.test(text)) return text;
  return text
    .replace(ODD_SPACES, ' ')
    .replace(/[\uf000-\uf0ff]/gu, (c) => (BULLET_CHARS.includes(c) ? c : ''))
    .replace(/ {2,}/g, ' ')
    .trim();
}

const POST_HEADING = /^Kap(?:ittel|\.)?\s*\d{3,4}(?:[.,]\d{2}|,?\s+post\s+\d{2})(?:\s+(\S.*))?$/iu;

/** A chapter and post and nothing after it (`Kap 744.21`): how a supplement heads a totals table. */
export function isBarePostHeading(text: string): boolean {
  const m = POST_HEADING.exec(clean(text));
  return m !== null && m[1] === undefined;
}

/**
 * A heading that is a chapter and post, `Kap. 760, post 21`, `Kap. 770.70`, or the same with the
 * post's name after it: `Kap. 1450, post 21 Spesielle driftsutgifter`, `Kap. 1450 post 01
 * Driftsutgifter, kan overføres`. Supplements head their totals tables and their sections per
 * post with it, letters their sections per post. The name starts with a capital and has no
 * figure (but in a note's `post 60`), no sentence stop and no verb of a sentence: a line of
 * running text that starts with a post reference is no heading.
 */
export function isPostHeading(text: string): boolean {
  const t = clean(text);
  const m = POST_HEADING.exec(t);
  if (!m) return false;
  const name = m[1];
  if (name === undefined) return true;
  return (
    /^K/u.test(t) &&
    /^\p{Lu}[^.!?:;]*(?:[\p{L}\d)]|\smv\.)$/u.test(name) &&
    !/\d/u.test(name.replace(/\bpost(?:ene)?\s+\d{2}(?:\s*(?:,|og)\s*\d{2})*/gu, '')) &&
    name.split(' ').length <= 14 &&
    !/\s(?:skal|er|blir|vil|har|ble|var|vart|må|gis|tildeles|økes|reduseres)(?!\p{L})/u.test(name)
  );
}

/**
 * The cells of a table row as the readers get it (two or more spaces between cells), trimmed,
 * none empty.
 */
export function tableCells(text: string): string[] {
  return text
    .trim()
    .split(/\s{2,}/u)
    .filter((c) => c !== '');
}

export function isBlank(text: string): boolean {
  return factsOf(text).blank;
}

/** `Side 2`, `Side 2 av 14`, `- 2 -`: page furniture. */
export function isPageMarker(text: string): boolean {
  return factsOf(text).pageMarker;
}

export function isBullet(text: string): boolean {
  return BULLET_RE.test(clean(text));
}

export function stripBullet(text: string): string {
  return clean(text).replace(BULLET_RE, '');
}

/** Words after which a line-final hyphen is a real hyphen (`helse- og omsorg`). */
const KEEP_HYPHEN_NEXT = /^(?:og|eller|samt|til|,)\b/;

/** Wrapped lines → one string; end-of-line hyphenation is undone where it is a word break. */
export function joinLines(texts: readonly string[]): string {
  const parts: string[] = [];
  for (const raw of texts) {
    const t = stripBullet(raw);
    if (t === '') continue;
    const last = parts[parts.length - 1];
    if (last === undefined) {
      parts.push(t);
    } else if (
      /(?:^|[^\p{L}])(?:\p{L}{1,2}|\p{Lu}{2,}\p{Ll}?)-$/u.test(last.slice(-40)) &&
      /^\p{L}/u.test(t)
    ) {
      // `e-` + `helse`, `IKT-` + `standarder`: the hyphen is part of the word.
      parts[parts.length - 1] = last + t;
    } else if (
      /\p{Ll}-$/u.test(last.slice(-3)) &&
      /^\p{Ll}/u.test(t) &&
      !KEEP_HYPHEN_NEXT.test(t)
    ) {
      parts[parts.length - 1] = last.slice(0, -1) + t;
    } else {
      parts.push(t);
    }
  }
  return parts.join(' ');
}

export function span(lines: readonly SourceLine[]): Provenance {
  const first = lines[0];
  const last = lines[lines.length - 1];
  if (!first || !last) throw new Error('span() of no lines');
  return { startLine: first.no, endLine: last.no };
}

export function toSourceLines(lines: readonly string[]): SourceLine[] {
  return lines.map((text, i) => ({ no: i + 1, text }));
}

export function nonBlankLines(lines: readonly SourceLine[]): SourceLine[] {
  return lines.filter((l) => !isBlank(l.text));
}

export const MONTHS: Readonly<Record<string, number>> = {
  januar: 1,
  februar: 2,
  mars: 3,
  april: 4,
  mai: 5,
  juni: 6,
  juli: 7,
  august: 8,
  september: 9,
  oktober: 10,
  november: 11,
  desember: 12,
};

function isoDate(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A whole date phrase (`21. april 2020`, `15.01.2024`, `15.1.24`) → ISO date, or null. */
export function parseNorwegianDate(text: string): string | null {
  const t = clean(text).toLowerCase();
  const named = /^(\d{1,2})\.\s*([a-zæøå]+)\s+(\d{4})$/u.exec(t);
  if (named) {
    const month = MONTHS[named[2] ?? ''];
    return month ? isoDate(Number(named[3]), month, Number(named[1])) : null;
  }
  const numeric = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/.exec(t);
  if (numeric) {
    const y = Number(numeric[3]);
    return isoDate(y < 100 ? 2000 + y : y, Number(numeric[2]), Number(numeric[1]));
  }
  return null;
}

/** `(2019-2020)`, `(2019 — 2020)` → `(2019–2020)`: the en dash between years. */
export function normaliseDashes(text: string): string {
  return text.replace(/(\d{4})\s*[-\u2010-\u2015\u2212]\s*(\d{4})/gu, '$1\u2013$2');
}

/** `5.1 Budsjettildelinger`, `2 Mål, styringsparametere og oppdrag`, `4.2.6 Tilsyn …`. */
export function isNumberedHeading(text: string): boolean {
  const t = clean(text);
  // `1.1. Ansettelser …` (trailing dot) and long lines are numbered list items, not headings.
  const m = /^([1-9]\d?)((?:\.\d{1,2}){0,3})\s+\p{Lu}/u.exec(t);
  if (!m || /[.:;,]$/.test(t)) return false;
  // `21 Spesielle driftsutgifter`: a budget post, not a chapter of the letter.
  if ((m[2] ?? '') === '' && Number(m[1]) > 15) return false;
  const depth = (m[2] ?? '').split('.').length; // 1 for `5`, 2 for `5.1`, 3 for `5.2.1`
  return t.length <= (depth >= 3 ? 90 : 72);
}

/** The section level of a numbered heading (`5.2.1 …` → 3), or null. */
export function headingLevel(text: string): number | null {
  if (!isNumberedHeading(text)) return null;
  const m = /^(\d{1,2}(?:\.\d{1,2}){0,3})\s/.exec(clean(text));
  return m ? (m[1] ?? '').split('.').length : null;
}

export interface Sentence {
  text: string;
  lines: SourceLine[];
}

/** Abbreviations after which a full stop does not end a sentence. */
/** How far before a full stop ABBREVIATIONS looks: the longest abbreviation and a space. */
const ABBREVIATION_REACH = 15;
const ABBREVIATIONS =
  /(?:^|[\s(])(?:jf|Jf|bl\.a|f\.eks|mv|m\.m|ev|evt|nr|kap|Kap|pkt|ca|dvs|inkl|ekskl|St|Prop|Innst|kr|mill|mrd|d\.å|pr|ref|avd|Avd|kl|mht|iht|ifm|tlf|vedr|e\.f|o\.l|osv|jfr|post|Meld|dep)\.$/u;

/**
 * A line holding one space: the end of a block (paragraph, table) that no sentence runs across.
 * An empty line does not end one, so that a sentence broken by a page end goes on.
 */
export const BLOCK_END = ' ';

/**
 * Running text → sentences with the lines each one covers. A sentence ends at `.`, `:`, `;`,
 * `!`, `?` followed by an upper-case letter, a bullet, a list dash or the end; empty lines do not
 * end a sentence (PDF text puts an empty line between every printed line) but whitespace-only
 * lines (paragraph breaks), bullets and list items at the start of a line do. A numbered heading
 * and a bare post heading (`Kap. 760, post 21`) are sentences of their own.
 */
export function sentences(lines: readonly SourceLine[]): Sentence[] {
  const out: Sentence[] = [];
  let text = '';
  let cur: SourceLine[] = [];
  const flush = () => {
    if (cur.length > 0 && text.trim() !== '') out.push({ text: text.trim(), lines: cur });
    text = '';
    cur = [];
  };
  for (const line of lines) {
    if (line.text !== '' && isBlank(line.text)) flush();
    if (isBlank(line.text) || isPageMarker(line.text)) continue;
    const raw = clean(line.text);
    if (isNumberedHeading(raw) || isPostHeading(raw)) {
      flush();
      out.push({ text: raw, lines: [line] });
      continue;
    }
    const startsItem = isBullet(raw) || /^(?:[-–]\s|\d{1,2}[.)]\s+\p{Lu}|[a-z]\)\s)/u.test(raw);
    if (startsItem) flush();
    let rest = stripBullet(raw);
    while (rest !== '') {
      // No sentence ended in the text before (it would have been cut): look from near its end
      // on (a stop's lookahead reaches a few characters past it).
      const seen = Math.max(0, text.length - 6);
      text = text === '' ? rest : joinLines([text, rest]);
      if (!cur.includes(line)) cur.push(line);
      rest = '';
      // Cut after sentence ends inside the accumulated text, keeping the remainder.
      const cut = findSentenceEnd(text, seen);
      if (cut !== null && cut < text.length) {
        const head = text.slice(0, cut).trim();
        const tail = text.slice(cut).trim();
        out.push({ text: head, lines: cur });
        text = '';
        cur = [];
        rest = tail;
      } else if (cut !== null) {
        flush();
      }
    }
  }
  flush();
  return out;
}

/**
 * Index just after the first sentence end in `text` from `from` on, or null. Only the end of
 * the text before a full stop is looked at (an abbreviation is a few letters long), so that a
 * long paragraph is not scanned again for each of its stops.
 */
function findSentenceEnd(text: string, from = 0): number | null {
  const re = /[.:;!?](?=\s+(?:\p{Lu}|[-–•]\s|«|"|\d{1,2}\.\s)|\s*$)/gu;
  re.lastIndex = from;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0] === '.') {
      const upto = text.slice(Math.max(0, m.index - ABBREVIATION_REACH), m.index + 1);
      if (ABBREVIATIONS.test(upto)) continue;
      const afterDigit = /\d/.test(text.charAt(m.index - 1));
      if (afterDigit && /^\.\s+\p{Ll}/u.test(text.slice(m.index, m.index + 16))) continue;
    }
    return m.index + 1;
  }
  return null;
}

export interface ChapterPostRef {
  chapter: number;
  post: number | null;
  index: number;
}

/** `kap. 744 post 21`, `kapittel 701, post 21`, `kap 744, post 01`, `kap. 740. post 01`, `762.21`. */
export function chapterPostRefs(text: string): ChapterPostRef[] {
  const refs: ChapterPostRef[] = [];
  const kap =
    /\bkap(?:ittel|\.)?\s*(\d{3,4})(?:\.(\d{2})\b(?!\.\d)|\s*[,.]?\s*(?:post(?:ene)?|p\.)\s*(\d{2})\b)?/giu;
  const spans: [number, number][] = [];
  for (const m of text.matchAll(kap)) {
    spans.push([m.index, m.index + m[0].length]);
    const post = m[2] ?? m[3];
    refs.push({
      chapter: Number(m[1]),
      post: post === undefined ? null : Number(post),
      index: m.index,
    });
  }
  const bare = /(?<![\d.,])(\d{3,4})\.(\d{2})(?![\d.,]\d)/gu;
  for (const m of text.matchAll(bare)) {
    if (spans.some(([from, to]) => m.index >= from && m.index < to)) continue;
    refs.push({ chapter: Number(m[1]), post: Number(m[2]), index: m.index });
  }
  return refs.sort((a, b) => a.index - b.index);
}

/** A separator line between paragraphs: whitespace only but not empty (PDF text puts "" between
 * printed lines and " " between paragraphs), or a page marker. */
function isParagraphBreak(text: string): boolean {
  return (text !== '' && isBlank(text)) || isPageMarker(text);
}

/**
 * Lines grouped into paragraphs (non-blank lines only). A paragraph ends at a whitespace-only
 * line, at two or more empty lines in a row, or before a bullet / list item.
 */
export function paragraphs(lines: readonly SourceLine[]): SourceLine[][] {
  const out: SourceLine[][] = [];
  let cur: SourceLine[] = [];
  let empties = 0;
  const flush = () => {
    if (cur.length > 0) out.push(cur);
    cur = [];
  };
  for (const line of lines) {
    if (isParagraphBreak(line.text)) {
      flush();
      empties = 0;
      continue;
    }
    if (line.text === '') {
      empties++;
      if (empties >= 2) flush();
      continue;
    }
    empties = 0;
    if (isBullet(line.text) || isNumberedHeading(line.text)) flush();
    cur.push(line);
  }
  flush();
  return out;
}
