/**
 * Norwegian public holidays (helligdager, from date-holidays 'NO') and weekends, for flagging
 * deadlines that fall on a day the offices are closed. Pure: calendar dates (`YYYY-MM-DD`,
 * Europe/Oslo) in, no clock.
 *
 * Only the days date-holidays types as `public` count (nyttårsdag, skjærtorsdag, langfredag,
 * påske, 1. mai, 17. mai, Kristi himmelfart, pinse, jul). Julaften and nyttårsaften are working
 * days by law and are not flagged.
 */
import Holidays from 'date-holidays';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

let engine: Holidays | undefined;
const byYear = new Map<number, Map<string, string>>();

/** The public holidays of a year: date → Norwegian name. */
export function publicHolidays(year: number): ReadonlyMap<string, string> {
  let days = byYear.get(year);
  if (!days) {
    engine ??= new Holidays('NO');
    days = new Map();
    for (const h of engine.getHolidays(year, 'no')) {
      if (h.type !== 'public') continue;
      const date = h.date.slice(0, 10);
      // Første påskedag and Første pinsedag are Sundays with their own name; keep the first name.
      if (!days.has(date)) days.set(date, h.name);
    }
    byYear.set(year, days);
  }
  return days;
}

function parts(date: string): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(date);
  if (!m) throw new Error(`Not a date (YYYY-MM-DD): ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const { year, month, day } = parts(date);
  const wd = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** The name of the Norwegian public holiday on `date`, or null. */
export function holidayName(date: string): string | null {
  return publicHolidays(parts(date).year).get(date) ?? null;
}

export interface DayFlags {
  weekend: boolean;
  /** The public holiday's name (`Grunnlovsdagen`), or null. */
  holiday: string | null;
  /** Neither weekend nor public holiday. */
  workingDay: boolean;
}

export function dayFlags(date: string): DayFlags {
  const weekend = isoWeekday(date) >= 6;
  const holiday = holidayName(date);
  return { weekend, holiday, workingDay: !weekend && holiday === null };
}

function addDays(date: string, n: number): string {
  const { year, month, day } = parts(date);
  return new Date(Date.UTC(year, month - 1, day + n)).toISOString().slice(0, 10);
}

/** The last working day on or before `date` (where a deadline on a closed day lands in practice). */
export function previousWorkingDay(date: string): string {
  let d = date;
  while (!dayFlags(d).workingDay) d = addDays(d, -1);
  return d;
}
