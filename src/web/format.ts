/**
 * Numbers, amounts, percentages and dates in the language the client speaks: `Intl` with
 * `nb-NO`, `nn-NO` or `en-GB` (`locales/language.ts`); times are Oslo's in every language.
 * Norwegian groups digits with a no-break space (U+00A0): `1 222 348`; English with a comma.
 * Every number and date the web client shows goes through here (charts too).
 */

import { intlLocale } from './locales/language';
import { t } from './locales/nb';

/** The formats of one `Intl` locale, made when it is first asked for. */
interface Formats {
  number: Intl.NumberFormat;
  decimal: Intl.NumberFormat;
  percent: Intl.NumberFormat;
  date: Intl.DateTimeFormat;
  month: Intl.DateTimeFormat;
  weekdayLong: Intl.DateTimeFormat;
  weekdayShort: Intl.DateTimeFormat;
  sizes: Intl.NumberFormat[];
  list: Intl.ListFormat;
}

const made = new Map<string, Formats>();

function formats(): Formats {
  const locale = intlLocale();
  let f = made.get(locale);
  if (!f) {
    const day = (options: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    f = {
      number: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }),
      decimal: new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }),
      percent: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }),
      date: day({ day: 'numeric', month: 'long', year: 'numeric' }),
      month: day({ month: 'long', year: 'numeric' }),
      weekdayLong: day({ weekday: 'long' }),
      weekdayShort: day({ weekday: 'short' }),
      sizes: [0, 1, 2, 3].map(
        (digits) =>
          new Intl.NumberFormat(locale, { maximumFractionDigits: digits, useGrouping: true }),
      ),
      list: new Intl.ListFormat(locale, { type: 'conjunction' }),
    };
    made.set(locale, f);
  }
  return f;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Items joined as a sentence does: `a, b og c` (`a, b and c` in English). */
export function formatList(items: readonly string[]): string {
  return formats().list.format(items);
}

/** `1222348` → `1 222 348` (no-break spaces; `1,222,348` in English), whole numbers. */
export function formatNumber(value: number): string {
  return formats().number.format(value);
}

/** A number with up to three decimals: `72.5` → `72,5` (`72.5` in English). */
export function formatDecimal(value: number): string {
  return formats().decimal.format(value);
}

/** Spaces a number may be typed with between its thousands (also no-break and narrow ones). */
const SPACES = /[\s\u00a0\u202f]/g;
/** English thousands: groups of exactly three digits after commas (`140,000`, `1,222,348`). */
const COMMA_GROUPS = /^-?\d{1,3}(?:,\d{3})+$/;

/**
 * A whole amount as typed, as `formatNumber` shows it: digits, spaces between thousands, a
 * leading minus (`-`, `−` or `–`); null when empty, `'invalid'` otherwise. In English also
 * commas between thousands (`140,000`), but only in groups of three, so `1,5` is refused; in
 * Norwegian the comma is the decimal mark, so `140,000` is refused there. Never decimals.
 */
export function parseAmount(text: string): number | null | 'invalid' {
  let clean = text.replace(SPACES, '').replace(/^[−–]/, '-');
  if (clean === '') return null;
  if (intlLocale() === 'en-GB' && COMMA_GROUPS.test(clean)) clean = clean.replace(/,/g, '');
  if (!/^-?\d+$/.test(clean)) return 'invalid';
  const n = Number(clean);
  return Number.isSafeInteger(n) ? n : 'invalid';
}

/**
 * A number as typed, decimals allowed (`72,5` or `72.5`), or null when it is not one. In
 * English, commas between thousands in groups of three are thousands (`1,500` is 1500); in
 * Norwegian a comma is the decimal mark (`1,500` is 1.5).
 */
export function parseDecimal(text: string): number | null {
  let clean = text.replace(SPACES, '').replace(/^[−–]/, '-');
  if (intlLocale() === 'en-GB') {
    const [whole = '', ...rest] = clean.split('.');
    if (rest.length === 1 && COMMA_GROUPS.test(whole))
      clean = `${whole.replace(/,/g, '')}.${rest[0]}`;
    else if (COMMA_GROUPS.test(clean)) clean = clean.replace(/,/g, '');
  }
  if (!/^-?\d+(?:[.,]\d+)?$/.test(clean)) return null;
  return Number(clean.replace(',', '.'));
}

/** A number as typed into a field, as the language writes it: `72,5` (`72.5` in English). */
export function decimalText(value: number): string {
  return intlLocale() === 'en-GB' ? String(value) : String(value).replace('.', ',');
}

/** A 0–1 ratio as a whole percentage: `0.9712` → `97 %` (`97%` in English). */
export function formatPercent(ratio: number): string {
  return formats().percent.format(ratio);
}

/** Parses `YYYY-MM-DD` as a calendar day (UTC midnight), or null when it is not one. */
export function parseIsoDate(iso: string): Date | null {
  const m = ISO_DATE.exec(iso);
  if (!m) return null;
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  return date.getUTCDate() === Number(d) && date.getUTCMonth() === Number(mo) - 1 ? date : null;
}

/**
 * `2024-09-15` → `15. september 2024` (`15 September 2024` in English); anything that is not
 * a date is returned unchanged.
 */
export function formatDate(iso: string): string {
  const date = parseIsoDate(iso);
  return date ? formats().date.format(date) : iso;
}

/** A month of a year: `januar 2024` (`January 2024`). */
export function formatMonth(year: number, month: number): string {
  return formats().month.format(new Date(Date.UTC(year, month - 1, 1)));
}

/** The weekday of a calendar day (a UTC midnight, as `parseIsoDate` gives): `mandag`. */
export function formatWeekday(day: Date, width: 'long' | 'short' = 'long'): string {
  return (width === 'long' ? formats().weekdayLong : formats().weekdayShort).format(day);
}

/** Tildel's dates and times are Norway's, wherever the browser is. */
const TIME_ZONE = 'Europe/Oslo';
const osloParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * The Oslo calendar day (`YYYY-MM-DD`) and clock time of an instant: `14.05` as Norwegian
 * writes it, `14:05` in English.
 */
function inOslo(instant: Date): { day: string; time: string } {
  const parts = osloParts.formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return {
    day: `${get('year')}-${get('month')}-${get('day')}`,
    time: `${get('hour')}${intlLocale() === 'en-GB' ? ':' : '.'}${get('minute')}`,
  };
}

/** Today's calendar day in Oslo, as `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): string {
  return inOslo(now).day;
}

/** The Oslo calendar day of an instant, as `15. januar 2024`. */
export function formatDayOf(iso: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  return formatDate(inOslo(instant).day);
}

/**
 * An instant (ISO 8601 with zone, as the API sends them) as Oslo date and time, labelled:
 * `2024-01-15T13:05:00Z` → `15. januar 2024 kl. 14.05 (norsk tid)`. The one formatter for
 * times in the web client. Anything that is not a time is returned unchanged.
 */
export function formatDateTime(iso: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  const { day, time } = inOslo(instant);
  return t('common.dateTime', { date: formatDate(day), time });
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (!a || !b) return Number.NaN;
  return Math.round((b.getTime() - a.getTime()) / 86_400_000);
}

/** When a day falls, in whole days from today: «i dag», «i morgen», «om 3 dager», «for 2 dager siden». */
export function relativeDays(days: number): string {
  if (days === 0) return t('common.days.today');
  if (days === 1) return t('common.days.tomorrow');
  if (days === -1) return t('common.days.yesterday');
  return days > 0
    ? t('common.days.left', { days: formatNumber(days) })
    : t('common.days.ago', { days: formatNumber(-days) });
}

/** Adds `days` to a `YYYY-MM-DD` day. */
export function addDays(iso: string, days: number): string {
  const date = parseIsoDate(iso);
  if (!date) return iso;
  return new Date(date.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

const KB = 1024;
const MB = 1024 * 1024;

function sizeIn(bytes: number, digits: number): string {
  const sizes = formats().sizes;
  const format = sizes[digits] ?? sizes[1]!;
  if (bytes < KB) return `${formatNumber(bytes)} byte`;
  if (bytes < MB) return `${format.format(bytes / KB)} kB`;
  return `${format.format(bytes / MB)} MB`;
}

/**
 * A file size as people read it, in binary units as the server counts them (1 MB = 1024 × 1024
 * bytes): `31666995` → `30,2 MB`, `2048` → `2 kB`.
 */
export function formatFileSize(bytes: number): string {
  return sizeIn(bytes, 1);
}

/**
 * The size of a file that is over `limit`, precise enough that it never reads as the limit
 * itself (`20,04 MB`, not `20 MB`, beside a limit of `20 MB`).
 */
export function formatSizeOver(bytes: number, limit: number): string {
  const shownLimit = formatFileSize(limit);
  for (const digits of [1, 2, 3]) {
    const shown = sizeIn(bytes, digits);
    if (shown !== shownLimit) return shown;
  }
  return `${formatNumber(bytes)} byte`;
}
