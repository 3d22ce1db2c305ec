/**
 * Norwegian deadline phrases → normalised deadline values. Pure; see deadline.test.ts.
 * (Placeholder signature: implemented by the deadline-parser work.)
 */
import type { DeadlineValue } from '../contract/letter';

export interface DeadlineContext {
  /** Budget year of the document, used when the phrase omits the year. */
  year: number;
}

export function parseDeadline(phrase: string, _ctx: DeadlineContext): DeadlineValue {
  return { kind: 'undetermined', phrase: phrase.trim() };
}

/** The latest day a deadline value falls on, or null where it has none. */
export function deadlineDate(value: DeadlineValue): string | null {
  switch (value.kind) {
    case 'exact':
      return value.date;
    case 'range':
      return value.end;
    case 'recurring':
      return value.next;
    case 'undetermined':
      return null;
  }
}
