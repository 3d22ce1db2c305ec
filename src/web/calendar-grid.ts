/**
 * The month grid of the calendar page: whole ISO weeks (Monday first) covering a month, with
 * ISO week numbers. Days are `YYYY-MM-DD` strings (calendar days, no time zone).
 */
import { addDays, parseIsoDate } from './format';

export interface GridDay {
  iso: string;
  day: number;
  inMonth: boolean;
}

export interface GridWeek {
  week: number;
  days: GridDay[];
}

/** `2024-05` → its first day, or null. */
export function parseMonth(value: string | null): { year: number; month: number } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(value ?? '');
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { year, month } : null;
}

export const monthKey = (year: number, month: number) =>
  `${year}-${String(month).padStart(2, '0')}`;

export function shiftMonth(
  year: number,
  month: number,
  by: number,
): { year: number; month: number } {
  const index = year * 12 + (month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** Monday = 0 … Sunday = 6. */
function weekday(iso: string): number {
  const d = parseIsoDate(iso);
  return d ? (d.getUTCDay() + 6) % 7 : 0;
}

/** The ISO 8601 week number of a day. */
export function isoWeek(iso: string): number {
  const thursday = addDays(iso, 3 - weekday(iso));
  const date = parseIsoDate(thursday);
  if (!date) return 0;
  const jan1 = Date.UTC(date.getUTCFullYear(), 0, 1);
  return Math.floor((date.getTime() - jan1) / (7 * 86_400_000)) + 1;
}

export function lastDayOfMonth(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0));
  return d.toISOString().slice(0, 10);
}

/** The weeks (Monday–Sunday) that hold the days of the month. */
export function monthGrid(year: number, month: number): GridWeek[] {
  const first = `${monthKey(year, month)}-01`;
  const last = lastDayOfMonth(year, month);
  let day = addDays(first, -weekday(first));
  const weeks: GridWeek[] = [];
  while (day <= last) {
    const days: GridDay[] = [];
    for (let i = 0; i < 7; i++) {
      days.push({
        iso: day,
        day: Number(day.slice(8)),
        inMonth: day.slice(0, 7) === first.slice(0, 7),
      });
      day = addDays(day, 1);
    }
    weeks.push({ week: isoWeek(days[0]!.iso), days });
  }
  return weeks;
}
