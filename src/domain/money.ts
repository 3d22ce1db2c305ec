/**
 * Norwegian money amounts as printed in allocation letters, parsed exactly (no floats).
 *
 * Two forms:
 * - a plain figure as printed in a table, `177 280`, `-1 500`, `−1 500`, `15786`: returned as the
 *   integer printed (the table says its unit, normally thousands of NOK);
 * - a scaled phrase, `2,7 mill. kroner`, `0,361 mill.`, `1,5 mrd. kroner`, `to mill. kroner`,
 *   `16,6 MNOK`: returned in thousands of NOK (2,7 mill. = 2 700). A fraction that does not come
 *   out as whole thousands (`1,2345 mill.`) is an error, never rounded.
 *
 * Pure; see money.test.ts.
 */

export class MoneyParseError extends Error {
  constructor(
    message: string,
    readonly input: string,
  ) {
    super(`${message}: "${input}"`);
    this.name = 'MoneyParseError';
  }
}

/** Thousands separators seen in extracted PDF/Word text: space, no-break, thin, narrow no-break. */
const SEP = '[ \\u00a0\\u2009\\u202f]';
const MINUS = '[-\\u2212\\u2013]';

/** Number words used in letters for small amounts ("inntil to mill. kroner"). */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  en: 1,
  ett: 1,
  ei: 1,
  to: 2,
  tre: 3,
  fire: 4,
  fem: 5,
  seks: 6,
  sju: 7,
  syv: 7,
  åtte: 8,
  ni: 9,
  ti: 10,
  elleve: 11,
  tolv: 12,
  femten: 15,
  tjue: 20,
  tretti: 30,
  førti: 40,
  femti: 50,
  hundre: 100,
};

/** Scale words → thousands of NOK per unit. */
const SCALES: ReadonlyArray<{ re: RegExp; thousands: number; decimals: number }> = [
  { re: /^(?:mrd\.?|milliard(?:er)?)$/i, thousands: 1_000_000, decimals: 6 },
  { re: /^(?:mill\.?|mil\.?|millioner|million|mnok)$/i, thousands: 1_000, decimals: 3 },
];

const NUMBER_WORD_RE = Object.keys(NUMBER_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|');

/** A figure: optional minus, digits with optional grouped thousands, optional decimal part. */
const FIGURE = `${MINUS}?\\d{1,3}(?:(?:${SEP}+|\\.)\\d{3})*(?:,\\d+)?|${MINUS}?\\d+(?:[,.]\\d+)?`;
const SCALE_WORD = '(?:mrd\\.?|milliard(?:er)?|mill\\.?|mil\\.|millioner|million|MNOK)';
/** Optional currency after the scale word. */
const CURRENCY = `(?:${SEP}*(?:kroner|kr\\.?|NOK))?`;

/**
 * Scaled amount phrases in running text. Group 1: figure; group 2: number word; group 3: scale.
 * Word boundaries are checked by the caller via the lookbehind/lookahead below.
 */
const SCALED_IN_TEXT = new RegExp(
  `(?<![\\p{L}\\d,.])(?:(${FIGURE})|(${NUMBER_WORD_RE}))${SEP}*(${SCALE_WORD})(?![\\p{L}])${CURRENCY}`,
  'giu',
);

function isScaleWord(word: string): { thousands: number; decimals: number } | null {
  const w = word.trim();
  for (const s of SCALES) if (s.re.test(w)) return { thousands: s.thousands, decimals: s.decimals };
  return null;
}

const LEADING_MINUS = new RegExp(`^${MINUS}${SEP}*`, 'u');

function stripMinus(s: string): { negative: boolean; rest: string } {
  const m = LEADING_MINUS.exec(s);
  return m ? { negative: true, rest: s.slice(m[0].length) } : { negative: false, rest: s };
}

function toSafe(n: number, input: string): number {
  if (!Number.isSafeInteger(n)) throw new MoneyParseError('Amount out of range', input);
  return n;
}

/** Digits grouped by separators (`1 222 348`, `30.000`, `15786`) → integer, or null. */
const SPACED_GROUPS = new RegExp(`^\\d{1,3}(?:${SEP}+\\d{3})+$`, 'u');
const DOTTED_GROUPS = /^\d{1,3}(?:\.\d{3})+$/;

function parseGroupedInteger(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (SPACED_GROUPS.test(s) || DOTTED_GROUPS.test(s)) return Number(s.replace(/[^\d]/g, ''));
  return null;
}

/** A plain integer as printed: `177 280`, `-1 500`, `−1 500`. Throws MoneyParseError. */
export function parseFigure(text: string): number {
  const t = text.trim();
  const { negative, rest } = stripMinus(t);
  const n = parseGroupedInteger(rest);
  if (n === null) throw new MoneyParseError('Not a whole amount', text);
  const v = toSafe(n, text);
  return negative && v !== 0 ? -v : v;
}

/** Figure with an optional decimal part (`2,7`, `0,361`, `84`, `1 500,5`) times a scale. */
function scaleFigure(
  figure: string,
  scale: { thousands: number; decimals: number },
  input: string,
) {
  const { negative, rest } = stripMinus(figure.trim());
  // Decimal comma; a single dot followed by other than three digits is a (typed) decimal point.
  const m = /^(.*?)(?:[,]|\.(?!\d{3}(?:\D|$)))(\d+)$/u.exec(rest);
  const intText = m ? (m[1] ?? '') : rest;
  let frac = m ? (m[2] ?? '') : '';
  const intPart = parseGroupedInteger(intText);
  if (intPart === null) throw new MoneyParseError('Not an amount', input);
  frac = frac.replace(/0+$/, '');
  if (frac.length > scale.decimals) {
    throw new MoneyParseError('Fraction does not convert exactly to thousands', input);
  }
  const fracThousands = frac === '' ? 0 : Number(frac.padEnd(scale.decimals, '0'));
  const unit = scale.thousands / 10 ** scale.decimals;
  const v = toSafe(intPart * scale.thousands + fracThousands * unit, input);
  return negative && v !== 0 ? -v : v;
}

/** A whole text that is one scaled amount: `2,7 mill. kroner`, `tre millioner`. */
const SCALED_AMOUNT = new RegExp(
  `^(?:(${FIGURE})|(${NUMBER_WORD_RE}))${SEP}*(${SCALE_WORD})${CURRENCY}$`,
  'iu',
);

/**
 * Parse an amount: a plain figure (returned as printed) or a scaled phrase (returned in
 * thousands of NOK). Throws MoneyParseError when the text is not exactly one amount.
 */
export function parseAmount(text: string): number {
  const t = text.trim().replace(/\s+/gu, ' ');
  const whole = SCALED_AMOUNT.exec(t);
  if (whole) {
    const scale = isScaleWord(whole[3] ?? '');
    if (!scale) throw new MoneyParseError('Unknown scale', text);
    if (whole[1] !== undefined) return scaleFigure(whole[1], scale, text);
    const word = NUMBER_WORDS[(whole[2] ?? '').toLowerCase()];
    if (word === undefined) throw new MoneyParseError('Unknown number word', text);
    return toSafe(word * scale.thousands, text);
  }
  return parseFigure(t);
}

/** parseAmount, or null instead of an error. */
export function tryParseAmount(text: string): number | null {
  try {
    return parseAmount(text);
  } catch (e) {
    if (e instanceof MoneyParseError) return null;
    throw e;
  }
}

export interface AmountMatch {
  /** Thousands of NOK. */
  amount: number;
  /** The phrase as printed. */
  raw: string;
  index: number;
}

/** Whole kroner in running text, grouped in thousands: `500 000 kroner`, `16 000 kroner`. */
const KRONER_IN_TEXT = /(?<![\p{L}\d,.])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+)\s+kroner(?![\p{L}])/giu;

/** An amount phrase in running text that was not read: as printed, and whether it was whole kroner not in thousands. */
export interface AmountError {
  raw: string;
  thousands: boolean;
}

/**
 * Amounts found in running text, in order: scaled (`84 mill. kroner`, `to mill. kroner`, `1,5
 * mrd.`) and whole kroner grouped in thousands (`500 000 kroner` = 500). Phrases that are not
 * whole thousands are skipped (reported by `errors`).
 */
export function findScaledAmounts(text: string): { matches: AmountMatch[]; errors: AmountError[] } {
  const matches: AmountMatch[] = [];
  const errors: AmountError[] = [];
  for (const m of text.matchAll(SCALED_IN_TEXT)) {
    const raw = m[0].trim();
    try {
      matches.push({ amount: parseAmount(raw), raw, index: m.index });
    } catch (e) {
      if (!(e instanceof MoneyParseError)) throw e;
      errors.push({ raw, thousands: false });
    }
  }
  for (const m of text.matchAll(KRONER_IN_TEXT)) {
    const kroner = Number((m[1] ?? '').replace(/\D/g, ''));
    if (!Number.isSafeInteger(kroner)) continue;
    if (kroner % 1000 !== 0) {
      errors.push({ raw: m[0].trim(), thousands: true });
      continue;
    }
    matches.push({ amount: kroner / 1000, raw: m[0].trim(), index: m.index });
  }
  matches.sort((a, b) => a.index - b.index);
  return { matches, errors };
}

/** `1222348` → `1 222 348`; negative amounts get a hyphen-minus (`-1 500`). */
export function formatAmount(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not a whole amount: ${n}`);
  const digits = Math.abs(n).toString();
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) {
    groups.unshift(digits.slice(Math.max(0, end - 3), end));
  }
  return (n < 0 ? '-' : '') + groups.join(' ');
}
