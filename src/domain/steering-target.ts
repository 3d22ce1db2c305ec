/**
 * The target a steering parameter's text sets (issue 15: "value for the period, unit, target
 * where the letter sets one"), pure. The letters write targets in the parameter's own words:
 * "minst 80 prosent", "under 5 dager", "økes til 1 200 innen 2027", "høyst 2,5 mill. kroner",
 * "95 prosent eller mer". `readSteeringTarget` finds a comparator directly before a figure (or
 * "eller mer/mindre" after it), reads the figure in Norwegian formats ("1 200", "1.200", "12,5"),
 * the unit after it and a year the text names; a text that sets none gives null. Whether a
 * reported value meets the target is derived (`targetOutcome`), never stored.
 *
 * The words are data (the tables below); a reading is a reading: the views show the phrase it
 * read beside the target, so a person sees what the parser took from the text.
 */
import type { TargetComparator, TargetOutcome, TargetUnit } from '../contract/enums';
import type { SteeringTarget } from '../contract/report-views';

/** Words before a figure that set a target, longest first where one begins another. */
const COMPARATOR_WORDS: ReadonlyArray<readonly [string, TargetComparator]> = [
  ['ikke lavere enn', 'at-least'],
  ['ikke mindre enn', 'at-least'],
  ['ikke færre enn', 'at-least'],
  ['ikke under', 'at-least'],
  ['minimum', 'at-least'],
  ['minst', 'at-least'],
  ['ikke høyere enn', 'at-most'],
  ['ikke mer enn', 'at-most'],
  ['ikke flere enn', 'at-most'],
  ['ikke lengre enn', 'at-most'],
  ['ikke over', 'at-most'],
  ['ikke overstige', 'at-most'],
  ['ikke overskride', 'at-most'],
  ['maksimalt', 'at-most'],
  ['maksimum', 'at-most'],
  ['maks.', 'at-most'],
  ['maks', 'at-most'],
  ['høyst', 'at-most'],
  ['inntil', 'at-most'],
  ['opp til', 'at-most'],
  ['mindre enn', 'below'],
  ['lavere enn', 'below'],
  ['færre enn', 'below'],
  ['kortere enn', 'below'],
  ['under', 'below'],
  ['mer enn', 'above'],
  ['høyere enn', 'above'],
  ['flere enn', 'above'],
  ['over', 'above'],
  ['nøyaktig', 'exactly'],
  ['holdes på', 'exactly'],
  ['ligge på', 'exactly'],
  ['være', 'exactly'],
  ['økes til', 'increase-to'],
  ['øke til', 'increase-to'],
  ['øker til', 'increase-to'],
  ['økt til', 'increase-to'],
  ['heves til', 'increase-to'],
  ['økning til', 'increase-to'],
  ['reduseres til', 'reduce-to'],
  ['redusere til', 'reduce-to'],
  ['reduseres ned til', 'reduce-to'],
  ['redusert til', 'reduce-to'],
  ['reduksjon til', 'reduce-to'],
  ['senkes til', 'reduce-to'],
  ['minskes til', 'reduce-to'],
  ['kortes ned til', 'reduce-to'],
  ['ned til', 'reduce-to'],
];

/** Signs before a figure. */
const COMPARATOR_SIGNS: ReadonlyArray<readonly [string, TargetComparator]> = [
  ['>=', 'at-least'],
  ['≥', 'at-least'],
  ['<=', 'at-most'],
  ['≤', 'at-most'],
  ['<', 'below'],
  ['>', 'above'],
  ['=', 'exactly'],
];

/** Words after a figure ("80 prosent eller mer") that make it a floor or a ceiling. */
const SUFFIX_WORDS: ReadonlyArray<readonly [string, TargetComparator]> = [
  ['eller mer', 'at-least'],
  ['eller flere', 'at-least'],
  ['eller høyere', 'at-least'],
  ['eller bedre', 'at-least'],
  ['eller mindre', 'at-most'],
  ['eller færre', 'at-most'],
  ['eller lavere', 'at-most'],
  ['eller kortere', 'at-most'],
];

/** Unit words after a figure, longest first; money with the factor the words scale it by. */
const UNIT_WORDS: ReadonlyArray<readonly [string, TargetUnit, number]> = [
  ['prosentpoeng', 'percentage-points', 1],
  ['prosentenheter', 'percentage-points', 1],
  ['prosent', 'percent', 1],
  ['pst.', 'percent', 1],
  ['pst', 'percent', 1],
  ['%', 'percent', 1],
  ['milliarder kroner', 'nok', 1_000_000_000],
  ['mrd. kroner', 'nok', 1_000_000_000],
  ['mrd. kr', 'nok', 1_000_000_000],
  ['mrd kroner', 'nok', 1_000_000_000],
  ['millioner kroner', 'nok', 1_000_000],
  ['mill. kroner', 'nok', 1_000_000],
  ['mill. kr', 'nok', 1_000_000],
  ['mill kroner', 'nok', 1_000_000],
  ['mnok', 'nok', 1_000_000],
  ['tusen kroner', 'nok', 1_000],
  ['1000 kroner', 'nok', 1_000],
  ['kroner', 'nok', 1],
  ['kr.', 'nok', 1],
  ['kr', 'nok', 1],
  ['nok', 'nok', 1],
  ['virkedager', 'days', 1],
  ['arbeidsdager', 'days', 1],
  ['kalenderdager', 'days', 1],
  ['dager', 'days', 1],
  ['døgn', 'days', 1],
  ['dag', 'days', 1],
  ['uker', 'weeks', 1],
  ['uke', 'weeks', 1],
  ['måneder', 'months', 1],
  ['måned', 'months', 1],
  ['mnd.', 'months', 1],
  ['mnd', 'months', 1],
  ['timer', 'hours', 1],
  ['time', 'hours', 1],
  ['antall', 'count', 1],
  ['stk.', 'count', 1],
  ['stk', 'count', 1],
];

/** Words before a year that make it the target's year ("innen 2027", "i løpet av 2028"). */
const YEAR_WORDS = [
  'innen utgangen av',
  'ved utgangen av',
  'i løpet av',
  'fra og med',
  'innen',
  'per',
  'i',
  'fra',
  'til',
  'for',
];

/** Words that may end the name of a parameter before its target ("… skal være minst 80"). */
const TRAILING_WORDS = new Set([
  'skal',
  'bør',
  'være',
  'er',
  'på',
  'ligge',
  'holdes',
  'med',
  'mål',
  'målet',
  'om',
  'et',
  'å',
  'og',
  'til',
  'i',
  'innen',
  'per',
  'for',
]);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (words: readonly string[]) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');

/**
 * A Norwegian figure: spaces or dots between groups of three ("1 200", "1.200"), a decimal comma
 * ("12,5"); a decimal point is read where the digits after it are not a group of three ("2.5").
 */
const NUMBER = String.raw`\d{1,3}(?:[ .]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?`;
const UNIT = alternation(UNIT_WORDS.map(([w]) => w));
const NOT_LETTER_BEFORE = String.raw`(?<![\p{L}\p{N}])`;
const NOT_LETTER_AFTER = String.raw`(?![\p{L}\p{N}])`;

/** A unit word ends where no letter follows ("kr" is not the start of "krav"). */
const UNIT_END = String.raw`(?!\p{L})`;

const PREFIX_RE = new RegExp(
  String.raw`(?:${NOT_LETTER_BEFORE}(${alternation(COMPARATOR_WORDS.map(([w]) => w))})|(${alternation(COMPARATOR_SIGNS.map(([w]) => w))}))\s*(${NUMBER})${NOT_LETTER_AFTER}(?:\s*(${UNIT})${UNIT_END})?`,
  'u',
);
const SUFFIX_RE = new RegExp(
  String.raw`${NOT_LETTER_BEFORE}(${NUMBER})${NOT_LETTER_AFTER}(?:\s*(${UNIT})${UNIT_END})?\s+(${alternation(SUFFIX_WORDS.map(([w]) => w))})${NOT_LETTER_AFTER}`,
  'u',
);
const YEAR_RE = new RegExp(
  String.raw`${NOT_LETTER_BEFORE}(?:${alternation(YEAR_WORDS)})\s+(?:året\s+|år\s+)?((?:19|20|21)\d{2})${NOT_LETTER_AFTER}|\(((?:19|20|21)\d{2})\)`,
  'u',
);
const QUANTITY_RE = new RegExp(
  String.raw`^(?:ca\.?\s*|om lag\s+|cirka\s+)?(-?)(${NUMBER})(?:\s*(${UNIT}))?$`,
  'u',
);

/** Lower case, NFC, no-break and thin spaces as spaces, one space between words. */
function fold(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u00a0\u202f\u2009\t\r\n]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

const lookup = <R extends readonly [string, ...unknown[]]>(table: readonly R[], word: string) =>
  table.find((row) => row[0] === word);

/** The figure's digits before and after its decimal mark. */
function digitsOf(figure: string): { whole: string; fraction: string } {
  if (/^\d{1,3}(?:[ .]\d{3})+(?:,\d+)?$/.test(figure)) {
    const [whole, fraction = ''] = figure.split(',');
    return { whole: whole!.replace(/[ .]/g, ''), fraction };
  }
  const [whole, fraction = ''] = figure.split(/[.,]/);
  return { whole: whole!, fraction };
}

/**
 * A figure times its scale, exactly: "2,5" × 1 000 000 is 2 500 000. Null when the result is not
 * a safe number (or, for money, not whole kroner).
 */
function valueOf(figure: string, scale: number, whole: boolean): number | null {
  const d = digitsOf(figure);
  const zeros = Math.round(Math.log10(scale));
  if (scale !== 1) {
    const fraction = d.fraction.padEnd(zeros, '0');
    const kept = fraction.slice(0, zeros);
    const rest = fraction.slice(zeros);
    if (/[1-9]/.test(rest)) return whole ? null : Number(`${d.whole}${kept}.${rest}`);
    const n = Number(`${d.whole}${kept}`);
    return Number.isSafeInteger(n) ? n : null;
  }
  if (whole && /[1-9]/.test(d.fraction)) return null;
  const n = Number(d.fraction ? `${d.whole}.${d.fraction}` : d.whole);
  return Number.isFinite(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER ? n : null;
}

/** The unit a unit word names, with the factor it scales a figure by. */
export function readUnit(text: string): { unit: TargetUnit; scale: number } | null {
  const f = fold(text);
  if (!f) return null;
  const hit = lookup(UNIT_WORDS, f);
  return hit ? { unit: hit[1], scale: hit[2] } : null;
}

/**
 * The target `text` sets, or null when it sets none: the first comparator directly before a
 * figure (or a figure followed by "eller mer", "eller mindre", …), the unit after the figure
 * ("antall" in the text makes a figure without unit a count), and a year the text names
 * ("innen 2027", "i 2026", "(2028)") outside the target's own words.
 */
export function readSteeringTarget(text: string): SteeringTarget | null {
  const original = text.normalize('NFC');
  const folded = fold(original);
  const found = firstTarget(folded);
  if (!found) return null;
  const rest =
    folded.slice(0, found.start) + ' '.repeat(found.end - found.start) + folded.slice(found.end);
  const y = YEAR_RE.exec(rest);
  const year = y ? Number(y[1] ?? y[2]) : null;
  const named = found.unitWord ? lookup(UNIT_WORDS, found.unitWord) : undefined;
  const unit: TargetUnit | null = named
    ? named[1]
    : /(?<!\p{L})antall(?!\p{L})/u.test(folded)
      ? 'count'
      : null;
  const scale = named ? named[2] : 1;
  const value = valueOf(found.figure, scale, unit === 'nok');
  const figure = valueOf(found.figure, 1, false);
  if (value === null || figure === null) return null;
  return {
    comparator: found.comparator,
    value,
    unit,
    scale,
    figure,
    year,
    phrase: folded.slice(found.start, found.end),
  };
}

interface Found {
  comparator: TargetComparator;
  figure: string;
  unitWord: string | undefined;
  start: number;
  end: number;
}

/** The first target phrase of a folded text: a comparator before a figure, or a suffix after one. */
function firstTarget(folded: string): Found | null {
  const candidates: Found[] = [];
  const prefix = PREFIX_RE.exec(folded);
  if (prefix) {
    const word = prefix[1] ?? prefix[2]!;
    candidates.push({
      comparator: (lookup(COMPARATOR_WORDS, word) ?? lookup(COMPARATOR_SIGNS, word))![1],
      figure: prefix[3]!,
      unitWord: prefix[4],
      start: prefix.index,
      end: prefix.index + prefix[0].length,
    });
  }
  const suffix = SUFFIX_RE.exec(folded);
  if (suffix) {
    candidates.push({
      comparator: lookup(SUFFIX_WORDS, suffix[3]!)![1],
      figure: suffix[1]!,
      unitWord: suffix[2],
      start: suffix.index,
      end: suffix.index + suffix[0].length,
    });
  }
  candidates.sort((a, b) => a.start - b.start);
  return candidates[0] ?? null;
}

/** A reported value read as a quantity: its number in the unit's base, and its unit if named. */
export interface ReportedQuantity {
  value: number;
  unit: TargetUnit | null;
  /** Whether the value was scaled by its own unit (false: as written, in the target's scale). */
  scaled: boolean;
}

/**
 * Reads a reported value (a number, or text such as "82 %", "1 150", "ca. 4,5 dager") with the
 * unit the agency wrote beside it; null when it is no figure.
 */
export function readReportedValue(
  value: number | string | null,
  unitText: string,
): ReportedQuantity | null {
  const named = readUnit(unitText);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    return named
      ? { value: scaleBy(value, named.scale), unit: named.unit, scaled: true }
      : { value, unit: null, scaled: false };
  }
  if (value === null) return null;
  const m = QUANTITY_RE.exec(fold(value));
  if (!m) return null;
  const inText = m[3] ? lookup(UNIT_WORDS, m[3]) : undefined;
  const unit = inText ? { unit: inText[1], scale: inText[2] } : named;
  const n = valueOf(m[2]!, unit?.scale ?? 1, false);
  if (n === null) return null;
  return {
    value: m[1] === '-' ? -n : n,
    unit: unit?.unit ?? null,
    scaled: !!unit,
  };
}

/** A number times a power of ten, without the float's noise for money ("1,8" × 10⁶). */
function scaleBy(value: number, scale: number): number {
  if (scale === 1) return value;
  const n = value * scale;
  return Math.abs(n - Math.round(n)) < 1e-6 ? Math.round(n) : n;
}

/** The reported value in the scale the target is written in (for a chart beside its figure). */
export function chartValue(
  target: SteeringTarget,
  reported: ReportedQuantity | null,
): number | null {
  const v = comparableValue(target, reported);
  return v === null ? null : v / target.scale;
}

/**
 * The reported value in the target's unit and scale, or null when it cannot be compared (no
 * figure, or a unit other than the target's).
 */
export function comparableValue(
  target: SteeringTarget,
  reported: ReportedQuantity | null,
): number | null {
  if (!reported) return null;
  if (reported.unit && target.unit && reported.unit !== target.unit) return null;
  return reported.scaled ? reported.value : scaleBy(reported.value, target.scale);
}

/** Whether `value` meets the target by its comparator alone. */
export function meetsTarget(target: Pick<SteeringTarget, 'comparator' | 'value'>, value: number) {
  switch (target.comparator) {
    case 'at-least':
    case 'increase-to':
      return value >= target.value;
    case 'at-most':
    case 'reduce-to':
      return value <= target.value;
    case 'below':
      return value < target.value;
    case 'above':
      return value > target.value;
    case 'exactly':
      return value === target.value;
  }
}

/**
 * Whether a value reported for `periodYear` meets the target: met, not met, not yet (not met,
 * and the target names a later year), or unknown (no target, no figure, another unit).
 */
export function targetOutcome(
  target: SteeringTarget | null,
  reported: ReportedQuantity | null,
  periodYear: number,
): TargetOutcome {
  if (!target) return 'unknown';
  const value = comparableValue(target, reported);
  if (value === null) return 'unknown';
  if (meetsTarget(target, value)) return 'met';
  return target.year !== null && periodYear < target.year ? 'not-yet' : 'not-met';
}

/**
 * What makes a steering parameter the same across reports, letters and years: its text before
 * the target (and before "skal", "bør" or a parenthesis), lower case, without years and
 * punctuation, single spaces, without the little words that lead into a target ("skal være").
 * "Saksbehandlingstiden reduseres til 4 dager" and "Saksbehandlingstiden skal være under 5
 * dager (2027)" are one parameter.
 */
export function steeringParameterKey(text: string): string {
  const folded = fold(text);
  const found = firstTarget(folded);
  let cut = found ? found.start : folded.length;
  for (const stop of [' skal ', ' bør ', '(']) {
    const i = folded.indexOf(stop);
    if (i >= 0 && i < cut) cut = i;
  }
  const words = folded
    .slice(0, cut)
    .replace(/(?<![\p{L}\p{N}])(?:19|20|21)\d{2}(?![\p{L}\p{N}])/gu, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  while (words.length > 1 && TRAILING_WORDS.has(words[words.length - 1]!)) words.pop();
  return words.join(' ');
}
