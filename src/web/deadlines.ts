/**
 * Which assignments need attention: overdue (the earliest deadline has passed and the
 * assignment is still open) or due soon (within the next `horizonDays`).
 */
import { daysBetween } from './format';

/** Statuses that end the follow-up of an assignment in this record. */
export const CLOSED_STATUSES: ReadonlySet<string> = new Set([
  'delivered',
  'accepted',
  'cancelled',
  'merged',
  'carried-over',
]);

export type DeadlineBucket = 'overdue' | 'soon';

export function deadlineBucket(
  item: { nextDeadline: string | null; status: string },
  today: string,
  horizonDays = 30,
): DeadlineBucket | null {
  if (!item.nextDeadline || CLOSED_STATUSES.has(item.status)) return null;
  const days = daysBetween(today, item.nextDeadline);
  if (Number.isNaN(days)) return null;
  if (days < 0) return 'overdue';
  if (days <= horizonDays) return 'soon';
  return null;
}
