/**
 * A period of the calendar found from the deadlines' dates (services/calendar.ts): what is in
 * it, a range that ends after the period but starts in it, and the same entry identities in a
 * month as in the whole year, also for an assignment whose change (*presisering*) has the only
 * deadline in the month.
 */
import { describe, expect, it } from 'vitest';
import type { Deadline } from '../contract/letter';
import { testDatabase, testDatabaseKind } from '../db/testing';
import type { Actor } from '../domain/policy';
import { buildAssignment, buildDocument, storeDocuments } from '../testing/factories';
import { calendarView, deadlinesView } from './calendar';

/** A year no other test file uses (the database is shared per worker). */
const YEAR = 2037;
const system: Actor = { kind: 'system', name: 'test' };
const at = (n: number) => ({ startLine: n, endLine: n });

const on = (date: string, appliesTo: string | null = null): Deadline => ({
  date,
  text: `innen ${date}`,
  appliesTo,
  value: { kind: 'exact', date },
});

async function agencyYear() {
  const { db } = await testDatabase();
  const agency = `Periodeetaten ${Math.random()}`;
  const letter = buildDocument({
    year: YEAR,
    agency,
    assignments: [
      buildAssignment({
        id: `TB${YEAR}-01`,
        assignedId: `TB${YEAR}-01`,
        deadlines: [on(`${YEAR}-03-10`)],
      }),
      buildAssignment({
        id: `TB${YEAR}-02`,
        assignedId: `TB${YEAR}-02`,
        deadlines: [
          {
            date: `${YEAR}-06-30`,
            text: `første halvår ${YEAR}`,
            appliesTo: null,
            value: {
              kind: 'range',
              start: `${YEAR}-01-01`,
              end: `${YEAR}-06-30`,
              precision: 'half-year',
            },
          },
        ],
      }),
      buildAssignment({
        id: `TB${YEAR}-03`,
        assignedId: `TB${YEAR}-03`,
        title: 'Endres senere',
        deadlines: [on(`${YEAR}-02-01`), on(`${YEAR}-09-01`)],
      }),
      buildAssignment({
        id: `TB${YEAR}-04`,
        assignedId: `TB${YEAR}-04`,
        deadlines: [on(`${YEAR}-05-02`)],
      }),
      buildAssignment({ id: `TB${YEAR}-05`, assignedId: `TB${YEAR}-05`, deadlines: [] }),
    ],
    calendar: [
      {
        date: `${YEAR}-03-20`,
        text: 'Etatsstyringsmøte',
        kind: 'meeting',
        deadline: {
          date: `${YEAR}-03-20`,
          text: 'Medio mars',
          appliesTo: null,
          value: {
            kind: 'range',
            start: `${YEAR}-03-11`,
            end: `${YEAR}-03-20`,
            precision: 'mid-month',
          },
        },
        provenance: at(41),
      },
      {
        date: `${YEAR}-04-01`,
        text: 'Rapport',
        kind: 'report',
        deadline: on(`${YEAR}-04-01`),
        provenance: at(42),
      },
    ],
  });
  const supplement = buildDocument({
    kind: 'supplement',
    number: 1,
    year: YEAR,
    agency,
    date: `${YEAR}-02-15`,
    appropriations: [],
    calendar: [],
    assignments: [
      buildAssignment({
        id: `TB${YEAR}-03`,
        assignedId: `TB${YEAR}-03`,
        title: 'Endres senere',
        text: 'Fristen for første del flyttes.',
        clarifies: `TB${YEAR}-03`,
        deadlines: [on(`${YEAR}-03-25`)],
      }),
    ],
  });
  await storeDocuments(db, [letter]);
  await storeDocuments(db, [supplement]);
  const agencyId = (
    await calendarView(db, system, { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` })
  ).find((e) => e.agency.name === agency)!.agency.id!;
  return { db, agencyId };
}

describe(`a period of the calendar (${testDatabaseKind})`, () => {
  it('holds what overlaps the period, with the identities the whole year gives them', async () => {
    const { db, agencyId } = await agencyYear();
    const year = await calendarView(db, system, {
      agency: agencyId,
      from: `${YEAR}-01-01`,
      to: `${YEAR}-12-31`,
    });
    const march = await calendarView(db, system, {
      agency: agencyId,
      from: `${YEAR}-03-01`,
      to: `${YEAR}-03-31`,
    });
    expect(march.map((e) => [e.title, e.start, e.due])).toEqual([
      [`TB${YEAR}-01 Utrede en ny ordning`, `${YEAR}-03-10`, `${YEAR}-03-10`],
      ['Etatsstyringsmøte', `${YEAR}-03-11`, `${YEAR}-03-20`],
      [`TB${YEAR}-03 Endres senere`, `${YEAR}-03-25`, `${YEAR}-03-25`],
      // Ends in June, but the half-year has begun.
      [`TB${YEAR}-02 Utrede en ny ordning`, `${YEAR}-01-01`, `${YEAR}-06-30`],
    ]);
    // The change's deadline is the second of its assignment's three, in March as in the year.
    const uids = new Map(year.map((e) => [`${e.title}|${e.due}`, e.uid]));
    expect(march.map((e) => e.uid)).toEqual(march.map((e) => uids.get(`${e.title}|${e.due}`)));
    expect(year.filter((e) => e.assignment?.registerId === `TB${YEAR}-03`)).toHaveLength(3);

    // Falling due in March: not the half-year.
    const due = await deadlinesView(db, system, {
      view: 'due',
      agency: agencyId,
      from: `${YEAR}-03-01`,
      to: `${YEAR}-03-31`,
      today: `${YEAR}-03-01`,
    });
    expect(due.items.map((e) => e.uid)).toEqual(
      march.filter((e) => e.due! <= `${YEAR}-03-31`).map((e) => e.uid),
    );

    // Undated: the assignment without a deadline; not a change without one of its own.
    const undated = await deadlinesView(db, system, {
      view: 'undated',
      agency: agencyId,
      today: `${YEAR}-03-01`,
    });
    expect(undated.items.map((e) => [e.assignment?.registerId, e.phrase])).toEqual([
      [`TB${YEAR}-05`, null],
    ]);

    // A period with nothing in it.
    expect(
      await calendarView(db, system, {
        agency: agencyId,
        from: `${YEAR}-11-01`,
        to: `${YEAR}-11-30`,
      }),
    ).toEqual([]);
  });
});
