/**
 * The server sends `open` and `overdue` with every assignment and calendar entry, so no client
 * keeps a status list of its own: a carried-over assignment still has work left, and is overdue
 * on the list, the calendar and the deadline view alike once its deadline has passed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../../db/testing';
import { changeStatus } from '../../services/assignment-status';
import { testApp } from '../../testing/app';
import { buildAssignment, buildDocument, storeDocuments } from '../../testing/factories';
import type { App } from '../app';

/** A past year no other test file uses (the database is shared per worker). */
const YEAR = 2011;
const system = { kind: 'system', name: 'test' } as const;
const deadline = (date: string) => ({
  date,
  text: `innen ${date}`,
  appliesTo: null,
  value: { kind: 'exact' as const, date },
});

describe(`open and overdue flags (${testDatabaseKind})`, () => {
  let app: App;
  const byId = new Map<string, string>();

  beforeAll(async () => {
    app = await testApp();
    const db = app.database.db;
    await storeDocuments(db, [
      buildDocument({
        year: YEAR,
        agency: 'Direktoratet for flaggtest',
        title: `Tildelingsbrev ${YEAR} – flaggtest`,
        assignments: ['01', '02', '03', '04'].map((n) =>
          buildAssignment({
            id: `TB${YEAR}-${n}`,
            assignedId: `TB${YEAR}-${n}`,
            deadlines: n === '04' ? [] : [deadline(`${YEAR}-03-0${n.at(-1)}`)],
          }),
        ),
      }),
    ]);
    const list = await app.inject({ url: `/api/assignments?year=${YEAR}` });
    for (const a of list.json().items) byId.set(a.registerId, a.id);
    expect(byId.size).toBe(4);
    // 01 stays planned; 02 is carried over (work left); 03 is delivered (none left).
    await changeStatus(db, system, byId.get(`TB${YEAR}-02`)!, {
      to: 'carried-over',
      expectedVersion: 1,
    });
    await changeStatus(db, system, byId.get(`TB${YEAR}-03`)!, {
      to: 'delivered',
      deliveryRef: 'Sak 11/1',
      expectedVersion: 1,
    });
  });

  it('flags each assignment on the list: open, and overdue once the deadline has passed', async () => {
    const list = await app.inject({ url: `/api/assignments?year=${YEAR}` });
    const flags = Object.fromEntries(
      list
        .json()
        .items.map((a: { registerId: string; status: string; open: boolean; overdue: boolean }) => [
          a.registerId,
          [a.status, a.open, a.overdue],
        ]),
    );
    expect(flags).toEqual({
      [`TB${YEAR}-01`]: ['planned', true, true],
      [`TB${YEAR}-02`]: ['carried-over', true, true],
      [`TB${YEAR}-03`]: ['delivered', false, false],
      [`TB${YEAR}-04`]: ['planned', true, false],
    });
  });

  it('lists only the open ones, or only the others, when asked', async () => {
    const ids = async (open: string) =>
      (await app.inject({ url: `/api/assignments?year=${YEAR}&open=${open}` }))
        .json()
        .items.map((a: { registerId: string }) => a.registerId)
        .sort();
    expect(await ids('true')).toEqual([`TB${YEAR}-01`, `TB${YEAR}-02`, `TB${YEAR}-04`]);
    expect(await ids('false')).toEqual([`TB${YEAR}-03`]);
    const bad = await app.inject({ url: `/api/assignments?year=${YEAR}&status=finished` });
    expect(bad.statusCode).toBe(400);
  });

  it('flags the calendar entries and the deadline view the same way', async () => {
    const calendar = await app.inject({
      url: `/api/calendar?from=${YEAR}-01-01&to=${YEAR}-12-31&includeClosed=true`,
    });
    expect(calendar.statusCode).toBe(200);
    const overdueOnCalendar = calendar
      .json()
      .items.filter((e: { overdue: boolean }) => e.overdue)
      .map((e: { assignment: { registerId: string } }) => e.assignment.registerId)
      .sort();
    expect(overdueOnCalendar).toEqual([`TB${YEAR}-01`, `TB${YEAR}-02`]);
    const deadlines = await app.inject({ url: `/api/deadlines?view=overdue` });
    const mine = deadlines
      .json()
      .items.filter((e: { document: { year: number } }) => e.document.year === YEAR);
    expect(
      mine.map((e: { assignment: { registerId: string } }) => e.assignment.registerId).sort(),
    ).toEqual([`TB${YEAR}-01`, `TB${YEAR}-02`]);
    expect(
      mine.every((e: { overdue: boolean; daysOverdue: number }) => e.overdue && e.daysOverdue > 0),
    ).toBe(true);
  });
});
