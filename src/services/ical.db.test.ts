import ICAL from 'ical.js';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { ExtractedDocument } from '../contract/letter';
import { calendarFeeds, documents } from '../db/schema';
import { testDatabase, testDatabaseKind } from '../db/testing';
import { buildEntries } from '../domain/calendar';
import { buildApp, type App } from '../server/app';
import type { Actor } from '../domain/policy';
import { calendarRoutes } from '../server/routes/calendar';
import { signIn } from '../testing/auth';
import { buildAssignment, buildDocument, storeDocuments } from '../testing/factories';
import { SAMPLE_AGENCY, SAMPLE_MINISTRY } from './users';
import { OSLO_VTIMEZONE, createFeed, renderFeed, renderIcs, revokeFeed, tokenHash } from './ical';

const system: Actor = { kind: 'system', name: 'test' };
const at = (n: number) => ({ startLine: n, endLine: n });

function parse(ics: string) {
  const comp = new ICAL.Component(ICAL.parse(ics));
  const tz = comp.getFirstSubcomponent('vtimezone');
  if (tz) ICAL.TimezoneService.register(tz);
  const events = comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  return { comp, tz, events };
}

function letter(agency: string, deadline = '2030-05-17', extra: Partial<ExtractedDocument> = {}) {
  return buildDocument({
    agency,
    year: 2030,
    assignments: [
      buildAssignment({
        id: 'TB2030-01',
        assignedId: 'TB2030-01',
        deadlines: [
          {
            date: deadline,
            text: deadline,
            appliesTo: null,
            value: { kind: 'exact', date: deadline },
          },
        ],
      }),
      buildAssignment({
        id: 'TB2030-02',
        assignedId: 'TB2030-02',
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
        ],
      }),
      buildAssignment({ id: 'TB2030-03', assignedId: 'TB2030-03', deadlines: [] }),
    ],
    calendar: [
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
    ...extra,
  });
}

const lastSunday = (year: number, month: number) => {
  let d = DateTime.fromObject({ year, month, day: 1 }, { zone: 'UTC' })
    .endOf('month')
    .startOf('day');
  while (d.weekday !== 7) d = d.minus({ days: 1 });
  return d.toISODate()!;
};

describe('iCalendar rendering', () => {
  it('describes Europe/Oslo as the IANA database does (2000–2040)', () => {
    expect(OSLO_VTIMEZONE).toContain('TZID:Europe/Oslo');
    for (let year = 2000; year <= 2040; year++) {
      const spring = DateTime.fromISO(`${lastSunday(year, 3)}T01:00:00Z`);
      const autumn = DateTime.fromISO(`${lastSunday(year, 10)}T01:00:00Z`);
      const offset = (t: DateTime) => t.setZone('Europe/Oslo').offset;
      expect([offset(spring.minus({ minutes: 1 })), offset(spring)], `${year}`).toEqual([60, 120]);
      expect([offset(autumn.minus({ minutes: 1 })), offset(autumn)], `${year}`).toEqual([120, 60]);
    }
    // ical.js, reading our VTIMEZONE, agrees.
    const { events } = parse(
      renderIcs(
        buildEntries(
          ['2030-03-31', '2030-10-27'].map((d) => ({
            source: 'letter' as const,
            id: d,
            kind: 'meeting',
            text: `Nattmøte kl. 01.00–04.00 ${d}`,
            agency: { id: 'a', name: 'Etaten' },
            document: { id: 'd', title: 'Brev', seriesKey: 's', year: 2030 },
            deadline: {
              appliesTo: null,
              phrase: d,
              date: d,
              value: { kind: 'exact' as const, date: d },
            },
          })),
        ),
        { name: 'x', now: new Date('2030-01-01T00:00:00Z') },
      ),
    );
    expect(lastSunday(2030, 3)).toBe('2030-03-31');
    expect(lastSunday(2030, 10)).toBe('2030-10-27');
    const [march, october] = events;
    expect(march!.startDate.zone?.tzid).toBe('Europe/Oslo');
    expect([march!.startDate.utcOffset(), march!.endDate.utcOffset()]).toEqual([3600, 7200]);
    expect(march!.startDate.toJSDate().toISOString()).toBe('2030-03-31T00:00:00.000Z');
    expect(march!.endDate.toJSDate().toISOString()).toBe('2030-03-31T02:00:00.000Z');
    expect([october!.startDate.utcOffset(), october!.endDate.utcOffset()]).toEqual([7200, 3600]);
    expect(october!.startDate.toJSDate().toISOString()).toBe('2030-10-26T23:00:00.000Z');
    expect(october!.endDate.toJSDate().toISOString()).toBe('2030-10-27T03:00:00.000Z');
  });
});

describe(`iCalendar feeds (${testDatabaseKind})`, () => {
  it('serves a subscription as RFC 5545 with all-day events and stable UIDs', async () => {
    const { db } = await testDatabase();
    const agency = `Feedetaten ${Math.random()}`;
    const stored = await storeDocuments(db, [letter(agency)]);
    const [doc] = await db
      .select()
      .from(documents)
      .where(eq(documents.id, stored.documents[0]!.id));
    const created = await createFeed(db, system, {
      scope: 'agency',
      scopeId: doc!.agencyId!,
      label: 'Feedetaten',
    });
    if (created.kind !== 'created') throw new Error(created.kind);
    const { token } = created.feed;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await db
      .select()
      .from(calendarFeeds)
      .where(eq(calendarFeeds.id, created.feed.id));
    expect(row!.tokenHash).toBe(tokenHash(token));
    expect(JSON.stringify(row)).not.toContain(token);

    const first = (await renderFeed(db, token, new Date('2030-02-01T12:00:00Z')))!;
    expect(first).toMatch(/^BEGIN:VCALENDAR\r\n/);
    const { comp, tz, events } = parse(first);
    expect(tz?.getFirstPropertyValue('tzid')).toBe('Europe/Oslo');
    expect(comp.getFirstPropertyValue('version')).toBe('2.0');
    const byTitle = new Map(events.map((e) => [e.summary, e]));
    expect([...byTitle.keys()].sort()).toEqual([
      'Frist: TB2030-01 Utrede en ny ordning',
      'Frist: TB2030-02 Utrede en ny ordning',
      'Møte: Etatsstyringsmøte',
    ]);
    const may17 = byTitle.get('Frist: TB2030-01 Utrede en ny ordning')!;
    expect(may17.startDate.isDate).toBe(true);
    expect(may17.startDate.toString()).toBe('2030-05-17');
    expect(may17.endDate.toString()).toBe('2030-05-18');
    expect(may17.description).toContain('Grunnlovsdagen');
    const half = byTitle.get('Frist: TB2030-02 Utrede en ny ordning')!;
    expect([half.startDate.toString(), half.endDate.toString()]).toEqual([
      '2030-06-30',
      '2030-07-01',
    ]);
    const meeting = byTitle.get('Møte: Etatsstyringsmøte')!;
    expect([meeting.startDate.toString(), meeting.endDate.toString()]).toEqual([
      '2030-05-11',
      '2030-05-21',
    ]);
    expect(meeting.component.getFirstPropertyValue('transp')).toBe('TRANSPARENT');

    // Two generations, and a new version of the letter with a moved deadline: same UIDs.
    const second = parse((await renderFeed(db, token, new Date('2030-02-02T12:00:00Z')))!).events;
    expect(second.map((e) => e.uid).sort()).toEqual(events.map((e) => e.uid).sort());
    const moved = letter(agency, '2030-05-24', { title: doc!.title });
    await storeDocuments(db, [{ ...moved, agency }]);
    const third = parse((await renderFeed(db, token, new Date('2030-02-03T12:00:00Z')))!).events;
    expect(third.map((e) => e.uid).sort()).toEqual(events.map((e) => e.uid).sort());
    const movedEvent = third.find((e) => e.uid === may17.uid)!;
    expect(movedEvent.startDate.toString()).toBe('2030-05-24');

    expect(await revokeFeed(db, system, created.feed.id)).toBe('revoked');
    expect(await renderFeed(db, token)).toBeNull();
    expect(await renderFeed(db, 'x'.repeat(43))).toBeNull();
  });

  it('refuses anonymous subscriptions and bad scopes', async () => {
    const { db } = await testDatabase();
    expect(
      await createFeed(db, { kind: 'anonymous' }, { scope: 'person', scopeId: 'x', label: 'x' }),
    ).toEqual({
      kind: 'forbidden',
    });
    expect(
      await createFeed(db, system, { scope: 'agency', scopeId: 'nope', label: 'x' }),
    ).toMatchObject({
      kind: 'invalid',
    });
    expect(
      await createFeed(db, system, {
        scope: 'agency',
        scopeId: '00000000-0000-4000-8000-000000000000',
        label: 'x',
      }),
    ).toMatchObject({ kind: 'invalid' });
    expect(
      await createFeed(db, system, { scope: 'department', scopeId: 'F H A', label: 'x' }),
    ).toMatchObject({
      kind: 'invalid',
    });
  });
});

describe(`iCalendar feeds over HTTP (${testDatabaseKind})`, () => {
  let app: App | undefined;
  const routesApp = async () =>
    (app ??= await buildApp({
      database: await testDatabase(),
      webDir: '/nonexistent',
      extraRoutes: (scope) => void scope.register(calendarRoutes, { prefix: '/t' }),
    }));

  it('creates, serves and revokes a subscription', async () => {
    const server = await routesApp();
    const { db } = await testDatabase();
    const number = 1000 + Math.floor(Math.random() * 1_000_000);
    await storeDocuments(db, [
      buildDocument({
        kind: 'supplement',
        number,
        year: 2033,
        title: `Tillegg nr. ${number} 2033`,
        ministry: SAMPLE_MINISTRY,
        agency: SAMPLE_AGENCY,
        assignments: [
          buildAssignment({
            id: `TTB2033-${number}`,
            assignedId: `TTB2033-${number}`,
            ownerDepartment: 'HFA',
            deadlines: [
              {
                date: '2033-09-15',
                text: '15. september 2033',
                appliesTo: null,
                value: { kind: 'exact', date: '2033-09-15' },
              },
            ],
          }),
        ],
      }),
    ]);
    const payload = { scope: 'department', scopeId: 'HFA', label: 'Mine frister' };
    expect(
      (await server.inject({ method: 'POST', url: '/t/api/calendar/feeds', payload })).statusCode,
    ).toBe(403);
    const officer = await signIn(server, 'ministry-department-officer');
    const bad = await server.inject({
      method: 'POST',
      url: '/t/api/calendar/feeds',
      payload: { scope: 'everything', scopeId: 'x', label: 'x' },
      headers: officer.headers,
    });
    expect(bad.statusCode).toBe(400);
    const created = await server.inject({
      method: 'POST',
      url: '/t/api/calendar/feeds',
      payload,
      headers: officer.headers,
    });
    expect(created.statusCode).toBe(201);
    const feed = created.json();
    expect(feed.path).toBe(`/api/calendar/feeds/${feed.token}.ics`);
    const ics = await server.inject({ method: 'GET', url: `/t${feed.path}` });
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const parsed = parse(ics.body);
    expect(parsed.tz).toBeTruthy();
    const mine = parsed.events.find((e) => e.summary.includes(`TTB2033-${number}`));
    expect(mine?.startDate.toString()).toBe('2033-09-15');

    const list = await server.inject({
      method: 'GET',
      url: '/t/api/calendar/feeds',
      headers: { cookie: officer.cookie },
    });
    expect(list.json().items.map((f: { id: string }) => f.id)).toContain(feed.id);
    expect(list.body).not.toContain(feed.token);

    const other = await signIn(server, 'agency-coordinator');
    const notHis = await server.inject({
      method: 'DELETE',
      url: `/t/api/calendar/feeds/${feed.id}`,
      headers: other.headers,
    });
    expect(notHis.statusCode).toBe(404);
    const revoked = await server.inject({
      method: 'DELETE',
      url: `/t/api/calendar/feeds/${feed.id}`,
      headers: officer.headers,
    });
    expect(revoked.statusCode).toBe(204);
    expect((await server.inject({ method: 'GET', url: `/t${feed.path}` })).statusCode).toBe(404);
    expect(
      (
        await server.inject({
          method: 'GET',
          url: '/t/api/calendar/feeds/unknown-token-abcdefghijkl.ics',
        })
      ).statusCode,
    ).toBe(404);
  });
});
