import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { ExtractedDocument } from '../contract/letter';
import { assignments, documents, users } from '../db/schema';
import { testDatabase, testDatabaseKind } from '../db/testing';
import { buildApp, type App } from '../server/app';
import type { Actor } from '../domain/policy';
import { calendarRoutes } from '../server/routes/calendar';
import { buildAssignment, buildDocument, storeDocuments } from '../testing/factories';
import { presentEntry } from '../server/presenters/calendar';
import { changeStatus } from './assignment-status';
import { calendarView, deadlinesView, osloToday } from './calendar';

const system: Actor = { kind: 'system', name: 'test' };
const at = (n: number) => ({ startLine: n, endLine: n });

function calendarLetter(agency: string, overrides: Partial<ExtractedDocument> = {}) {
  return buildDocument({
    agency,
    year: 2030,
    assignments: [
      buildAssignment({
        id: 'TB2030-01',
        assignedId: 'TB2030-01',
        ownerDepartment: 'FHA',
        deadlines: [
          {
            date: '2030-05-17',
            text: '17. mai 2030',
            appliesTo: null,
            value: { kind: 'exact', date: '2030-05-17' },
          },
        ],
      }),
      buildAssignment({
        id: 'TB2030-02',
        assignedId: 'TB2030-02',
        ownerDepartment: 'SHA',
        deadlines: [
          {
            date: '2030-06-30',
            text: 'første halvår 2030',
            appliesTo: null,
            value: {
              kind: 'range',
              start: '2030-01-01',
              end: '2030-06-30',
              precision: 'half-year',
            },
          },
          {
            date: '2030-03-01',
            text: '1. mars 2030',
            appliesTo: 'a',
            value: { kind: 'exact', date: '2030-03-01' },
          },
        ],
      }),
      buildAssignment({
        id: 'TB2030-03',
        assignedId: 'TB2030-03',
        deadlines: [
          {
            date: null,
            text: 'Frist avklares i dialog med departementet',
            appliesTo: null,
            value: { kind: 'undetermined', phrase: 'Frist avklares i dialog med departementet' },
          },
        ],
      }),
      buildAssignment({ id: 'TB2030-04', assignedId: 'TB2030-04', deadlines: [] }),
    ],
    calendar: [
      {
        date: '2030-04-01',
        text: 'Status- og avviksrapport per 1. april',
        kind: 'report',
        deadline: {
          date: '2030-04-01',
          text: '1. april 2030',
          appliesTo: null,
          value: { kind: 'exact', date: '2030-04-01' },
        },
        provenance: at(40),
      },
      {
        date: '2030-05-20',
        text: 'Etatsstyringsmøte',
        kind: 'meeting',
        deadline: {
          date: '2030-05-20',
          text: 'Medio mai',
          appliesTo: null,
          value: { kind: 'range', start: '2030-05-11', end: '2030-05-20', precision: 'mid-month' },
        },
        provenance: at(41),
      },
    ],
    ...overrides,
  });
}

async function store(agencyName: string) {
  const { db } = await testDatabase();
  const stored = await storeDocuments(db, [calendarLetter(agencyName)]);
  const documentId = stored.documents[0]!.id;
  const [doc] = await db.select().from(documents).where(eq(documents.id, documentId));
  const rows = await db.select().from(assignments).where(eq(assignments.documentId, documentId));
  return {
    db,
    documentId,
    agencyId: doc!.agencyId!,
    ministryId: doc!.ministryId!,
    byId: new Map(rows.map((r) => [r.registerId, r])),
  };
}

describe(`calendar and deadlines (${testDatabaseKind})`, () => {
  it('merges calendar items and deadlines of an agency in a period, with holiday flags', async () => {
    const { db, agencyId } = await store(`Kalenderetaten ${Math.random()}`);
    const may = await calendarView(db, system, {
      agency: agencyId,
      from: '2030-05-01',
      to: '2030-05-31',
    });
    expect(may.map((e) => [e.kind, e.title, e.start, e.due, e.flags?.holiday ?? null])).toEqual([
      ['deadline', 'TB2030-01 Utrede en ny ordning', '2030-05-17', '2030-05-17', 'Grunnlovsdagen'],
      ['meeting', 'Etatsstyringsmøte', '2030-05-11', '2030-05-20', null],
      ['deadline', 'TB2030-02 Utrede en ny ordning', '2030-01-01', '2030-06-30', null],
    ]);
    const spring = await calendarView(db, system, {
      agency: agencyId,
      from: '2030-03-01',
      to: '2030-04-30',
    });
    expect(spring.map((e) => [e.title, e.due, e.flags?.weekend])).toEqual([
      ['TB2030-02 a) Utrede en ny ordning', '2030-03-01', false],
      ['Status- og avviksrapport per 1. april', '2030-04-01', false],
      ['TB2030-02 Utrede en ny ordning', '2030-06-30', true],
    ]);
  });

  it('filters per department and per person', async () => {
    const { db, agencyId, ministryId, byId } = await store(`Avdelingsetaten ${Math.random()}`);
    const fha = await calendarView(db, system, {
      agency: agencyId,
      department: 'FHA',
      from: '2030-01-01',
      to: '2030-12-31',
    });
    expect(fha.map((e) => e.assignment?.registerId)).toEqual(['TB2030-01']);
    const sha = await calendarView(db, system, {
      department: `${ministryId}:SHA`,
      agency: agencyId,
      from: '2030-01-01',
      to: '2030-12-31',
    });
    expect(sha.map((e) => e.title)).toEqual([
      'TB2030-02 a) Utrede en ny ordning',
      'TB2030-02 Utrede en ny ordning',
    ]);
    const [owner] = await db
      .insert(users)
      .values({ subject: `test:${Math.random()}`, name: 'Oda Eier', roles: [] })
      .returning({ id: users.id });
    const person = owner!.id;
    await db
      .update(assignments)
      .set({ ownerUserId: person })
      .where(eq(assignments.id, byId.get('TB2030-01')!.id));
    const mine = await calendarView(db, system, { person, from: '2030-01-01', to: '2030-12-31' });
    expect(mine.map((e) => e.assignment?.registerId)).toEqual(['TB2030-01']);
  });

  it('shows due, overdue relative to the given today, and undated', async () => {
    const { db, agencyId, byId } = await store(`Fristetaten ${Math.random()}`);
    const due = await deadlinesView(db, system, {
      view: 'due',
      agency: agencyId,
      today: '2030-05-10',
    });
    expect(due.from).toBe('2030-05-10');
    expect(due.to).toBe('2030-06-09');
    expect(due.items.map((e) => e.title)).toEqual([
      'TB2030-01 Utrede en ny ordning',
      'Etatsstyringsmøte',
    ]);

    const overdue = await deadlinesView(db, system, {
      view: 'overdue',
      agency: agencyId,
      today: '2030-05-18',
    });
    expect(
      overdue.items.map((e) => [
        e.title,
        presentEntry(e, '2030-05-18', { daysOverdue: true }).daysOverdue,
      ]),
    ).toEqual([
      ['TB2030-02 a) Utrede en ny ordning', 78],
      ['TB2030-01 Utrede en ny ordning', 1],
    ]);
    await changeStatus(db, system, byId.get('TB2030-01')!.id, {
      to: 'delivered',
      expectedVersion: 1,
    });
    const after = await deadlinesView(db, system, {
      view: 'overdue',
      agency: agencyId,
      today: '2030-05-18',
    });
    expect(after.items.map((e) => e.assignment?.registerId)).toEqual(['TB2030-02']);

    const undated = await deadlinesView(db, system, {
      view: 'undated',
      agency: agencyId,
      today: '2030-05-18',
    });
    expect(undated.items.map((e) => [e.assignment?.registerId, e.phrase])).toEqual([
      ['TB2030-03', 'Frist avklares i dialog med departementet'],
      ['TB2030-04', null],
    ]);
  });

  it('respects visibility: a draft letter is not in an anonymous calendar', async () => {
    const { db, agencyId, documentId } = await store(`Utkastetaten ${Math.random()}`);
    const anonymous: Actor = { kind: 'anonymous' };
    const q = { agency: agencyId, from: '2030-01-01', to: '2030-12-31' };
    expect((await calendarView(db, anonymous, q)).length).toBe(5);
    await db.update(documents).set({ status: 'draft' }).where(eq(documents.id, documentId));
    expect(await calendarView(db, anonymous, q)).toEqual([]);
    expect((await calendarView(db, system, q)).length).toBe(5);
  });

  it("reads today's date in Oslo", () => {
    expect(osloToday(new Date('2030-05-16T22:30:00Z'))).toBe('2030-05-17');
    expect(osloToday(new Date('2030-12-31T22:59:00Z'))).toBe('2030-12-31');
  });
});

describe(`calendar over HTTP (${testDatabaseKind})`, () => {
  let app: App | undefined;
  const routesApp = async () =>
    (app ??= await buildApp({
      database: await testDatabase(),
      webDir: '/nonexistent',
      extraRoutes: (scope) => void scope.register(calendarRoutes, { prefix: '/t' }),
    }));

  it('serves the views and validates the query', async () => {
    const { agencyId } = await store(`HTTP-kalenderetaten ${Math.random()}`);
    const server = await routesApp();
    const ok = await server.inject({
      method: 'GET',
      url: `/t/api/calendar?from=2030-05-01&to=2030-05-31&agency=${agencyId}`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items).toHaveLength(3);
    expect(ok.json().items[0]).toMatchObject({
      flags: { holiday: 'Grunnlovsdagen' },
      assignment: { registerId: 'TB2030-01' },
    });
    for (const url of [
      '/t/api/calendar?from=2030-05-01',
      '/t/api/calendar?from=2030-05-31&to=2030-05-01',
      '/t/api/calendar?from=2030-02-30&to=2030-05-01',
      '/t/api/calendar?from=2020-01-01&to=2030-01-01',
      '/t/api/deadlines?view=late',
      '/t/api/calendar?from=2030-05-01&to=2030-05-31&agency=nope',
    ]) {
      expect((await server.inject({ method: 'GET', url })).statusCode, url).toBe(400);
    }
    const overdue = await server.inject({
      method: 'GET',
      url: `/t/api/deadlines?view=overdue&today=2030-05-18&agency=${agencyId}`,
    });
    expect(overdue.statusCode).toBe(200);
    expect(overdue.json()).toMatchObject({ view: 'overdue', today: '2030-05-18' });
    expect(overdue.json().items.map((e: { daysOverdue: number }) => e.daysOverdue)).toEqual([
      78, 1,
    ]);
    const undated = await server.inject({
      method: 'GET',
      url: `/t/api/deadlines?view=undated&agency=${agencyId}`,
    });
    expect(undated.json().items).toHaveLength(2);
  });

  it('publishes the routes in OpenAPI', async () => {
    const server = await routesApp();
    const spec = (await server.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/t/api/calendar', '/t/api/deadlines', '/t/api/calendar/feeds']),
    );
    const params = spec.paths['/t/api/deadlines'].get.parameters.map(
      (p: { name: string }) => p.name,
    );
    expect(params).toEqual(
      expect.arrayContaining(['view', 'today', 'agency', 'department', 'person']),
    );
  });
});
