/**
 * Presenter of calendar entries (GET /api/calendar, GET /api/deadlines): the entry as the domain
 * built it, with the flags derived for today (Europe/Oslo), so the client computes none.
 */
import type { CalendarEntryOut } from '../../contract/calendar';
import { daysBetween, type CalendarEntry } from '../../domain/calendar';
import { isOverdue } from '../../domain/lifecycle';

export function presentEntry(
  e: CalendarEntry,
  today: string,
  opts: { daysOverdue?: boolean } = {},
): CalendarEntryOut {
  const out: CalendarEntryOut = {
    ...e,
    overdue: e.assignment !== null && isOverdue(e.assignment.status, e.due, today),
  };
  if (opts.daysOverdue && e.due !== null) out.daysOverdue = daysBetween(e.due, today);
  return out;
}
