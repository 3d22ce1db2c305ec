import { describe, expect, it } from 'vitest';
import { AssignmentQuery } from '../contract/api';
import { testDatabase } from '../db/testing';
import type { Actor } from '../domain/policy';
import { buildAssignment, buildDocument, storeDocuments } from '../testing/factories';
import { listAssignments } from './assignments';

const system: Actor = { kind: 'system', name: 'test' };
/** A year no other test file uses (the database is shared per worker). */
const YEAR = 2061;

const deadline = (date: string, appliesTo: string | null = null) => ({
  date,
  text: `innen ${date}`,
  appliesTo,
  value: { kind: 'exact' as const, date },
});

async function seed() {
  const db = (await testDatabase()).db;
  await storeDocuments(db, [
    buildDocument({
      year: YEAR,
      agency: 'Direktoratet for fristfilter',
      title: `Tildelingsbrev ${YEAR} – fristfilter`,
      assignments: [
        buildAssignment({
          id: `TB${YEAR}-01`,
          assignedId: `TB${YEAR}-01`,
          deadlines: [deadline(`${YEAR}-03-01`)],
        }),
        // The next deadline is the earliest one: 1 February, not 1 June.
        buildAssignment({
          id: `TB${YEAR}-02`,
          assignedId: `TB${YEAR}-02`,
          deadlines: [deadline(`${YEAR}-06-01`), deadline(`${YEAR}-02-01`, 'a')],
        }),
        buildAssignment({
          id: `TB${YEAR}-03`,
          assignedId: `TB${YEAR}-03`,
          deadlines: [deadline(`${YEAR}-09-15`)],
        }),
        buildAssignment({ id: `TB${YEAR}-04`, assignedId: `TB${YEAR}-04`, deadlines: [] }),
      ],
    }),
  ]);
  return db;
}

describe('listAssignments: the deadline filter (dueFrom/dueTo on the next deadline)', () => {
  it('keeps the assignments whose next deadline lies in the period, earliest first', async () => {
    const db = await seed();
    const q = (extra: Record<string, string>) =>
      AssignmentQuery.parse({ year: String(YEAR), limit: '50', ...extra });

    const spring = await listAssignments(
      db,
      system,
      q({ dueFrom: `${YEAR}-01-15`, dueTo: `${YEAR}-03-01` }),
    );
    expect(spring.total).toBe(2);
    expect(spring.rows.map((r) => r.assignment.registerId)).toEqual([
      `TB${YEAR}-02`,
      `TB${YEAR}-01`,
    ]);
    expect(spring.rows.map((r) => r.nextDeadline)).toEqual([`${YEAR}-02-01`, `${YEAR}-03-01`]);

    // Bounds are inclusive; only one side may be given.
    const until = await listAssignments(db, system, q({ dueTo: `${YEAR}-02-01` }));
    expect(until.rows.map((r) => r.assignment.registerId)).toEqual([`TB${YEAR}-02`]);
    const after = await listAssignments(db, system, q({ dueFrom: `${YEAR}-03-02` }));
    expect(after.rows.map((r) => r.assignment.registerId)).toEqual([`TB${YEAR}-03`]);

    // The later deadline of TB-02 (1 June) does not make it "next" in June.
    const june = await listAssignments(
      db,
      system,
      q({ dueFrom: `${YEAR}-05-01`, dueTo: `${YEAR}-06-30` }),
    );
    expect(june.total).toBe(0);

    // Without the filter, undated assignments are listed too.
    const all = await listAssignments(db, system, q({}));
    expect(all.total).toBe(4);
  });

  it('refuses a day that is not a date', () => {
    expect(AssignmentQuery.safeParse({ dueFrom: '2061-02-30' }).success).toBe(false);
    expect(AssignmentQuery.safeParse({ dueTo: 'i morgen' }).success).toBe(false);
  });
});
