/**
 * Norwegian (bokmål) formatting of numbers, amounts, percentages and dates.
 * `Intl` with `nb-NO` groups digits with a no-break space (U+00A0): `1 222 348`.
 */

import { t } from './locales/nb';

const numberFormat = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 0 });
const percentFormat = new Intl.NumberFormat('nb-NO', {
  style: 'percent',
  maximumFractionDigits: 0,
});
const dateFormat = new Intl.DateTimeFormat('nb-NO', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `1222348` → `1 222 348` (no-break spaces). */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** A 0–1 ratio as a whole percentage: `0.9712` → `97 %`. */
export function formatPercent(ratio: number): string {
  return percentFormat.format(ratio);
}

/** Parses `YYYY-MM-DD` as a calendar day (UTC midnight), or null when it is not one. */
export function parseIsoDate(iso: string): Date | null {
  const m = ISO_DATE.exec(iso);
  if (!m) return null;
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  return date.getUTCDate() === Number(d) && date.getUTCMonth() === Number(mo) - 1 ? date : null;
}

/** `2024-09-15` → `15. september 2024`; anything that is not a date is returned unchanged. */
export function formatDate(iso: string): string {
  const date = parseIsoDate(iso);
  return date ? dateFormat.format(date) : iso;
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

/** The Oslo calendar day (`YYYY-MM-DD`) and clock time (`HH.MM`) of an instant. */
function inOslo(instant: Date): { day: string; time: string } {
  const parts = osloParts.formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return {
    day: `${get('year')}-${get('month')}-${get('day')}`,
    time: `${get('hour')}.${get('minute')}`,
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
const sizeFormats = [0, 1, 2, 3].map(
  (digits) => new Intl.NumberFormat('nb-NO', { maximumFractionDigits: digits, useGrouping: true }),
);

function sizeIn(bytes: number, digits: number): string {
  const format = sizeFormats[digits] ?? sizeFormats[1]!;
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
