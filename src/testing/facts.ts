/**
 * The facts of a read document that golden files pin down (no prose): appropriation rows with
 * the change table's figures, assignments with owner, what they clarify and every deadline with
 * its sub-assignment, calendar dates, carried-over IDs. Pure.
 */
import type { ExtractedDocument } from '../contract/letter';

export interface Facts {
  kind: string;
  number: number | null;
  year: number;
  agency: string | null;
  ministry: string | null;
  /** `chapter.post amount [previous → total]`, in the letter's order. */
  appropriations: string[];
  /** ID → owner, the ID it clarifies, deadlines (`sub:date`, sorted). */
  assignments: Record<
    string,
    { owner: string | null; clarifies: string | null; deadlines: string[] }
  >;
  calendar: (string | null)[];
  carriedOver: string[];
}

export function factsOf(d: ExtractedDocument): Facts {
  return {
    kind: d.kind,
    number: d.number,
    year: d.year,
    agency: d.agency,
    ministry: d.ministry,
    appropriations: d.appropriations.map((a) => {
      const post = `${a.chapter}.${String(a.post).padStart(2, '0')}`;
      const c = a.changeRow;
      const row = c ? ` [${c.previous ?? '?'} → ${c.total ?? '?'}]` : '';
      return `${post} ${a.amount}${row}`;
    }),
    assignments: Object.fromEntries(
      d.assignments.map((a) => [
        a.id ?? a.assignedId,
        {
          owner: a.ownerDepartment,
          clarifies: a.clarifies,
          deadlines: a.deadlines.map((x) => `${x.appliesTo ?? '-'}:${x.date ?? 'none'}`).sort(),
        },
      ]),
    ),
    calendar: d.calendar.map((c) => c.date),
    carriedOver: d.carriedOver.map((c) => c.id),
  };
}
