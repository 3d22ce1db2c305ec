/**
 * A supplement's change to an assignment given earlier (*presisering*) is stored with that
 * assignment, not as a new one: the register lists the assignment once, its page shows the
 * change with its deadlines, the calendar counts those deadlines as the assignment's, and its
 * status is kept in one place. The link is found in either import order.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { documents as documentsTable } from '../../db/schema';
import type { AssignmentDetail, AssignmentList } from '../../contract/api';
import type { CalendarEntry } from '../../domain/calendar';
import { testDatabaseKind } from '../../db/testing';
import { changeStatus } from '../../services/assignment-status';
import { resolveLinks } from '../../services/links';
import { testApp } from '../../testing/app';
import { buildAssignment, buildDocument, storeDocuments } from '../../testing/factories';

/** A year no other test file uses (the database is shared per worker). */
const YEAR = 2013;
const system = { kind: 'system', name: 'test' } as const;
const deadline = (date: string, appliesTo: string | null = null) => ({
  date,
  text: `innen ${date}`,
  appliesTo,
  value: { kind: 'exact' as const, date },
});

function documents(agency: string) {
  const letter = buildDocument({
    year: YEAR,
    agency,
    title: `Tildelingsbrev ${YEAR} til ${agency}`,
    assignments: [
      buildAssignment({
        id: `TB${YEAR}-04`,
        assignedId: `TB${YEAR}-04`,
        title: 'Kartlegge ventetider',
        deadlines: [deadline(`${YEAR}-11-01`)],
      }),
      buildAssignment({ id: `TB${YEAR}-05`, assignedId: `TB${YEAR}-05`, title: 'Annet oppdrag' }),
    ],
  });
  const supplement = buildDocument({
    kind: 'supplement',
    number: 2,
    year: YEAR,
    agency,
    title: `Supplerende tildelingsbrev nr. 2 for ${YEAR} til ${agency}`,
    date: `${YEAR}-03-01`,
    appropriations: [],
    assignments: [
      // Marked by the parser (listed under a heading of changes).
      buildAssignment({
        id: `TB${YEAR}-04`,
        assignedId: `TB${YEAR}-04`,
        title: 'Kartlegge ventetider',
        text: 'Kartleggingen skal også omfatte søknader fra utlandet.',
        ownerDepartment: 'DIG',
        clarifies: `TB${YEAR}-04`,
        deadlines: [deadline(`${YEAR}-06-15`, '1')],
      }),
      // Not marked, but the letter already registers the ID: the same assignment.
      buildAssignment({
        id: `TB${YEAR}-05`,
        assignedId: `TB${YEAR}-05`,
        title: 'Annet oppdrag',
        text: 'Fristen flyttes.',
        deadlines: [deadline(`${YEAR}-09-30`)],
      }),
      buildAssignment({ id: `TB${YEAR}-61`, assignedId: `TB${YEAR}-61`, title: 'Nytt oppdrag' }),
    ],
  });
  return { letter, supplement };
}

async function register(app: Awaited<ReturnType<typeof testApp>>, agency: string) {
  const list = await app.inject({ url: `/api/assignments?year=${YEAR}&limit=200` });
  return (list.json() as AssignmentList).items.filter((a) => a.agency === agency);
}

describe(`clarifications of earlier assignments (${testDatabaseKind})`, () => {
  it('lists the assignment once and shows the change, its deadlines and calendar entries with it', async () => {
    const app = await testApp();
    const agency = `Presiseringsetaten ${Math.random()}`;
    const { letter, supplement } = documents(agency);
    await storeDocuments(app.database.db, [letter]);
    await storeDocuments(app.database.db, [supplement]);

    const items = await register(app, agency);
    expect(items.map((a) => [a.registerId, a.documentTitle, a.clarifies])).toEqual([
      [`TB${YEAR}-04`, letter.title, null],
      [`TB${YEAR}-05`, letter.title, null],
      [`TB${YEAR}-61`, supplement.title, null],
    ]);
    const tb04 = items[0]!;
    // The change's deadline is the assignment's next one.
    expect(tb04.nextDeadline).toBe(`${YEAR}-06-15`);

    const detail = (
      await app.inject({ url: `/api/assignments/${tb04.id}` })
    ).json() as AssignmentDetail;
    expect(detail.deadlines.map((d) => d.date)).toEqual([`${YEAR}-11-01`]);
    expect(detail.clarifications).toEqual([
      expect.objectContaining({
        documentTitle: supplement.title,
        documentDate: `${YEAR}-03-01`,
        ownerDepartment: 'DIG',
        body: 'Kartleggingen skal også omfatte søknader fra utlandet.',
        deadlines: [expect.objectContaining({ date: `${YEAR}-06-15`, appliesTo: '1' })],
      }),
    ]);

    // The change's own row says what it changes, and takes no status of its own.
    const change = (
      await app.inject({ url: `/api/assignments/${detail.clarifications[0]!.id}` })
    ).json() as AssignmentDetail;
    expect(change.clarifies).toEqual({ registerId: `TB${YEAR}-04`, assignmentId: tb04.id });
    expect(
      await changeStatus(app.database.db, system, change.id, {
        to: 'delivered',
        deliveryRef: 'x',
        expectedVersion: 1,
      }),
    ).toMatchObject({ kind: 'forbidden' });

    // The calendar shows the change's deadline as the assignment's, with its status.
    await changeStatus(app.database.db, system, tb04.id, { to: 'in-progress', expectedVersion: 1 });
    const calendar = await app.inject({
      url: `/api/calendar?from=${YEAR}-01-01&to=${YEAR}-12-31&agency=${tb04.agencyId}`,
    });
    const entries = (calendar.json() as { items: CalendarEntry[] }).items
      .filter((e) => e.source === 'assignment')
      .map((e) => [e.due, e.assignment?.id === tb04.id, e.assignment?.status, e.document.title]);
    expect(entries).toContainEqual([`${YEAR}-06-15`, true, 'in-progress', supplement.title]);
    expect(entries).toContainEqual([`${YEAR}-11-01`, true, 'in-progress', letter.title]);

    // The document page marks the change.
    const doc = await app.inject({ url: `/api/documents/${tb04.documentId}` });
    expect(doc.statusCode).toBe(200);
    const supplementPage = await app.inject({
      url: `/api/documents/${change.documentId}/parts/assignments`,
    });
    expect(
      supplementPage
        .json()
        .items.map((a: AssignmentDetail) => [a.registerId, a.clarifies?.registerId ?? null]),
    ).toEqual([
      [`TB${YEAR}-04`, `TB${YEAR}-04`],
      [`TB${YEAR}-05`, `TB${YEAR}-05`],
      [`TB${YEAR}-61`, null],
    ]);
  });

  it('links the change when the letter comes after the supplement, and lists it alone before', async () => {
    const app = await testApp();
    const agency = `Omvendtetaten ${Math.random()}`;
    const { letter, supplement } = documents(agency);
    await storeDocuments(app.database.db, [supplement]);

    // Without the letter, the parser's mark is kept and the change is listed, not hidden.
    const before = await register(app, agency);
    expect(before.map((a) => [a.registerId, a.clarifies])).toEqual([
      [`TB${YEAR}-04`, { registerId: `TB${YEAR}-04`, assignmentId: null }],
      [`TB${YEAR}-05`, null],
      [`TB${YEAR}-61`, null],
    ]);

    await storeDocuments(app.database.db, [letter]);
    const after = await register(app, agency);
    expect(after.map((a) => [a.registerId, a.documentTitle])).toEqual([
      [`TB${YEAR}-04`, letter.title],
      [`TB${YEAR}-05`, letter.title],
      [`TB${YEAR}-61`, supplement.title],
    ]);
    const tb05 = (await app.inject({ url: `/api/assignments/${after[1]!.id}` })).json();
    expect(tb05.clarifications.map((c: { body: string }) => c.body)).toEqual(['Fristen flyttes.']);
  });

  it('shows an issued change only with an assignment read as widely, and no draft change to anyone', async () => {
    const app = await testApp();
    const db = app.database.db;
    const agency = `Synlighetsetaten ${Math.random()}`;
    const { letter, supplement } = documents(agency);
    const [stored] = (await storeDocuments(db, [letter])).documents;
    const [storedSupplement] = (await storeDocuments(db, [supplement])).documents;
    const agencyId = (await register(app, agency))[0]!.agencyId!;
    // As a status change does: the new status, then the links again.
    const setStatus = async (id: string, to: 'draft' | 'shared' | 'published') => {
      await db.update(documentsTable).set({ status: to }).where(eq(documentsTable.id, id));
      await resolveLinks(db, agencyId);
    };
    // The letter is a draft again (the ministry's only): the issued supplement's change is
    // listed on its own for the public, not linked to what they may not read.
    await setStatus(stored!.id, 'draft');
    expect(
      (await register(app, agency)).map((a) => [a.registerId, a.clarifies?.assignmentId ?? null]),
    ).toEqual([
      [`TB${YEAR}-04`, null],
      [`TB${YEAR}-05`, null],
      [`TB${YEAR}-61`, null],
    ]);
    // Both issued, then the supplement a draft: its deadline is no one's next deadline yet.
    await setStatus(stored!.id, 'published');
    await setStatus(storedSupplement!.id, 'draft');
    const items = await register(app, agency);
    expect(items.map((a) => [a.registerId, a.nextDeadline])).toEqual([
      [`TB${YEAR}-04`, `${YEAR}-11-01`],
      // Its own deadline (the builder's), not the draft supplement's.
      [`TB${YEAR}-05`, '2030-05-01'],
    ]);
  });
});
