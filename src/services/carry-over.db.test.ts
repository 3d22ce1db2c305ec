import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { assignmentEvents, assignments, auditLog, documents } from '../db/schema';
import { testDatabase, testDatabaseKind } from '../db/testing';
import { buildApp, type App } from '../server/app';
import type { Actor } from '../domain/policy';
import { assignmentStatusRoutes } from '../server/routes/assignment-status';
import { signIn } from '../testing/auth';
import { buildAssignment, buildDocument, storeDocuments } from '../testing/factories';
import { carryOverProposal, confirmCarryOver, listCarriedOver } from './carry-over';
import { changeStatus } from './assignment-status';
import { SAMPLE_AGENCY, SAMPLE_MINISTRY } from './users';

const system: Actor = { kind: 'system', name: 'test' };

async function agencyOf(db: Awaited<ReturnType<typeof testDatabase>>['db'], documentId: string) {
  const [d] = await db.select().from(documents).where(eq(documents.id, documentId));
  return d!.agencyId!;
}

describe(`carry-over (${testDatabaseKind})`, () => {
  it('lists carried-over IDs with their originals, or placeholders', async () => {
    const { db } = await testDatabase();
    const agency = `Videreføringsetaten ${Math.random()}`;
    const y2030 = await storeDocuments(db, [
      buildDocument({
        agency,
        year: 2030,
        assignments: [
          buildAssignment({ id: 'TB2030-01', assignedId: 'TB2030-01' }),
          buildAssignment({ id: 'TB2030-02', assignedId: 'TB2030-02', title: 'Andre oppdrag' }),
        ],
      }),
    ]);
    await storeDocuments(db, [
      buildDocument({
        agency,
        year: 2031,
        assignments: [buildAssignment({ id: 'TB2031-01', assignedId: 'TB2031-01' })],
        carriedOver: [
          { id: 'TB2030-02', title: 'Andre oppdrag', provenance: { startLine: 30, endLine: 30 } },
          { id: 'TB2029-07', title: null, provenance: { startLine: 31, endLine: 31 } },
        ],
      }),
    ]);
    const agencyId = await agencyOf(db, y2030.documents[0]!.id);
    const { items } = await listCarriedOver(db, system, { agency: agencyId, year: 2031 });
    expect(items.map((i) => [i.printedId, i.state, i.original?.registerId ?? null])).toEqual([
      ['TB2030-02', 'linked', 'TB2030-02'],
      ['TB2029-07', 'placeholder', null],
    ]);
    expect(items[0]).toMatchObject({
      listedIn: { year: 2031 },
      original: { year: 2030, status: 'planned' },
    });
    expect((await listCarriedOver(db, system, { agency: agencyId, year: 2030 })).items).toEqual([]);

    // A link into a letter the reader may not see is shown as a placeholder.
    await db
      .update(documents)
      .set({ status: 'draft' })
      .where(eq(documents.id, y2030.documents[0]!.id));
    const anonymous = await listCarriedOver(
      db,
      { kind: 'anonymous' },
      { agency: agencyId, year: 2031 },
    );
    expect(anonymous.items.map((i) => i.state)).toEqual(['placeholder', 'placeholder']);
  });

  it('proposes the unfinished assignments of the year and confirms the chosen ones', async () => {
    const { db } = await testDatabase();
    const agency = `Årsskifteetaten ${Math.random()}`;
    const stored = await storeDocuments(db, [
      buildDocument({
        agency,
        year: 2030,
        assignments: ['01', '02', '03', '04'].map((n) =>
          buildAssignment({ id: `TB2030-${n}`, assignedId: `TB2030-${n}` }),
        ),
      }),
    ]);
    const agencyId = await agencyOf(db, stored.documents[0]!.id);
    const rows = await db
      .select()
      .from(assignments)
      .where(eq(assignments.documentId, stored.documents[0]!.id));
    const byId = new Map(rows.map((r) => [r.registerId, r]));
    const id = (n: string) => byId.get(`TB2030-${n}`)!.id;
    await changeStatus(db, system, id('01'), { to: 'delivered', expectedVersion: 1 });
    await changeStatus(db, system, id('02'), { to: 'in-progress', expectedVersion: 1 });

    const { items: proposal } = await carryOverProposal(db, system, {
      agency: agencyId,
      year: 2030,
    });
    expect(proposal.map((p) => [p.registerId, p.status, p.version, p.canConfirm])).toEqual([
      ['TB2030-02', 'in-progress', 2, true],
      ['TB2030-03', 'planned', 1, true],
      ['TB2030-04', 'planned', 1, true],
    ]);

    const results = await confirmCarryOver(db, system, {
      year: 2030,
      comment: 'Videreføres i 2031',
      items: [
        { id: id('02'), expectedVersion: 2 },
        { id: id('03'), expectedVersion: 5 },
        { id: id('01'), expectedVersion: 2 },
      ],
    });
    expect(results.map((r) => [r.outcome, r.status, r.version])).toEqual([
      ['carried-over', 'carried-over', 3],
      ['stale-version', 'planned', 1],
      ['refused', 'delivered', 2],
    ]);
    const again = await confirmCarryOver(db, system, {
      year: 2030,
      items: [{ id: id('02'), expectedVersion: 3 }],
    });
    expect(again[0]!.outcome).toBe('already-carried-over');
    const wrongYear = await confirmCarryOver(db, system, {
      year: 2031,
      items: [{ id: id('03'), expectedVersion: 1 }],
    });
    expect(wrongYear[0]!.outcome).toBe('refused');

    const { items: after } = await carryOverProposal(db, system, { agency: agencyId, year: 2030 });
    expect(after.map((p) => [p.registerId, p.confirmed, p.canConfirm])).toEqual([
      ['TB2030-02', true, false],
      ['TB2030-03', false, true],
      ['TB2030-04', false, true],
    ]);
    const events = await db
      .select()
      .from(assignmentEvents)
      .where(eq(assignmentEvents.assignmentId, id('02')))
      .orderBy(assignmentEvents.version);
    expect(events.map((e) => [e.toStatus, e.comment])).toEqual([
      ['in-progress', null],
      ['carried-over', 'Videreføres i 2031'],
    ]);
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, id('02')), eq(auditLog.action, 'assignment.status')));
    expect(audit).toHaveLength(2);
  });
});

describe(`carry-over confirmation and visibility (${testDatabaseKind})`, () => {
  it('answers an invisible assignment exactly as an unknown one', async () => {
    const { db } = await testDatabase();
    const number = 1000 + Math.floor(Math.random() * 1_000_000);
    const stored = await storeDocuments(db, [
      buildDocument({
        kind: 'supplement',
        number,
        year: 2033,
        title: `Tillegg nr. ${number} 2033`,
        ministry: SAMPLE_MINISTRY,
        agency: SAMPLE_AGENCY,
        assignments: [
          buildAssignment({ id: `TTB2033-${number}`, assignedId: `TTB2033-${number}` }),
        ],
      }),
    ]);
    const documentId = stored.documents[0]!.id;
    await db.update(documents).set({ status: 'draft' }).where(eq(documents.id, documentId));
    const [hidden] = await db
      .select({ id: assignments.id })
      .from(assignments)
      .where(eq(assignments.documentId, documentId));
    // A department officer of another ministry: the draft is not theirs to see.
    const outsider: Actor = {
      kind: 'user',
      id: randomUUID(),
      name: 'Utenforstående',
      organisationId: randomUUID(),
      roles: ['ministry-department-officer'],
      departmentCode: 'HFA',
    };
    const unknown = randomUUID();
    const results = await confirmCarryOver(db, outsider, {
      year: 2034,
      items: [
        { id: hidden!.id, expectedVersion: 1 },
        { id: unknown, expectedVersion: 1 },
      ],
    });
    const [forHidden, forUnknown] = results.map(({ id: _id, ...rest }) => rest);
    expect(forHidden).toEqual(forUnknown);
    expect(forUnknown).toMatchObject({ outcome: 'not-found' });
    // The ministry that sees it is told why.
    const own = await confirmCarryOver(db, system, {
      year: 2034,
      items: [{ id: hidden!.id, expectedVersion: 1 }],
    });
    expect(own[0]).toMatchObject({ outcome: 'refused', message: expect.stringContaining('2033') });
  });
});

describe(`carry-over over HTTP (${testDatabaseKind})`, () => {
  let app: App | undefined;
  const routesApp = async () =>
    (app ??= await buildApp({
      database: await testDatabase(),
      webDir: '/nonexistent',
      extraRoutes: (scope) => void scope.register(assignmentStatusRoutes, { prefix: '/t' }),
    }));

  it('serves the lists and lets only the ministry confirm', async () => {
    const { db } = await testDatabase();
    const server = await routesApp();
    const number = 1000 + Math.floor(Math.random() * 1_000_000);
    await storeDocuments(db, [
      buildDocument({
        kind: 'supplement',
        number,
        year: 2032,
        title: `Tillegg nr. ${number} 2032`,
        ministry: SAMPLE_MINISTRY,
        agency: SAMPLE_AGENCY,
        assignments: [
          buildAssignment({
            id: `TTB2032-${number}`,
            assignedId: `TTB2032-${number}`,
            ownerDepartment: 'HFA',
          }),
        ],
        carriedOver: [{ id: 'TB2001-01', title: null, provenance: { startLine: 5, endLine: 5 } }],
      }),
    ]);
    const list = await server.inject({
      method: 'GET',
      url: '/t/api/assignments/carried-over?year=2032',
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ printedId: 'TB2001-01', state: 'placeholder' }),
      ]),
    );
    expect(
      (await server.inject({ method: 'GET', url: '/t/api/assignments/carry-over-proposal' }))
        .statusCode,
    ).toBe(400);
    const coordinator = await signIn(server, 'agency-coordinator');
    const proposal = await server.inject({
      method: 'GET',
      url: '/t/api/assignments/carry-over-proposal?year=2032',
      headers: { cookie: coordinator.cookie },
    });
    const mine = proposal
      .json()
      .items.find((i: { registerId: string }) => i.registerId === `TTB2032-${number}`);
    expect(mine).toMatchObject({ status: 'planned', canConfirm: false });
    const refused = await server.inject({
      method: 'POST',
      url: '/t/api/assignments/carry-over-proposal/confirm',
      payload: { year: 2032, items: [{ id: mine.id, expectedVersion: 1 }] },
      headers: coordinator.headers,
    });
    // Carrying over is the ministry's decision: the agency is refused the route itself.
    expect(refused.statusCode).toBe(403);
    const officer = await signIn(server, 'ministry-department-officer');
    const ok = await server.inject({
      method: 'POST',
      url: '/t/api/assignments/carry-over-proposal/confirm',
      payload: { year: 2032, items: [{ id: mine.id, expectedVersion: 1 }] },
      headers: officer.headers,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().results[0]).toMatchObject({ outcome: 'carried-over', version: 2 });
  });
});
