/**
 * The lists besides the register a page at a time by cursor (src/contract/pagination.ts): an
 * assignment's history, an object's audit trail, the carry-over proposal and the carried-over
 * list. Walked with a page of one, each gives every row once, in the order of one long page.
 */
import { describe, expect, it } from 'vitest';
import {
  AgencyYearQuery,
  CarryOverProposalQuery,
  HistoryQuery,
} from '../contract/assignment-status';
import { AuditQuery } from '../contract/auth';
import type { CursorKey } from '../contract/pagination';
import { asc, eq } from 'drizzle-orm';
import { assignments as assignmentsTable } from '../db/schema';
import { testDatabase, testDatabaseKind } from '../db/testing';
import type { Actor } from '../domain/policy';
import { testApp } from '../testing/app';
import { buildAssignment, buildDocument, storeDocuments } from '../testing/factories';
import { assignmentHistory, changeStatus } from './assignment-status';
import { readableAuditHistory } from './audit-history';
import { carryOverProposal, listCarriedOver } from './carry-over';

const system: Actor = { kind: 'system', name: 'test' };
/** Years no other test file uses. */
const YEAR = 2006;
const NEXT = 2008;

/** Every row of a list, a page of one at a time: the rows and how many pages it took. */
async function walk<T>(
  page: (cursor: string | undefined) => Promise<{ rows: T[]; nextCursor: string | null }>,
) {
  const rows: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const next = await page(cursor);
    expect(next.rows.length).toBeLessThanOrEqual(1);
    rows.push(...next.rows);
    cursor = next.nextCursor ?? undefined;
    pages += 1;
  } while (cursor !== undefined && pages < 50);
  return { rows, pages };
}

let seeded: ReturnType<typeof store> | undefined;
const seed = () => (seeded ??= store());

/** One agency: three assignments in one year, carried over in the next year's letter. */
async function store() {
  const db = (await testDatabase()).db;
  const agency = `Etat for sidevis lesing ${YEAR}`;
  const asg = (n: string) =>
    buildAssignment({ id: `TB${YEAR}-${n}`, assignedId: `TB${YEAR}-${n}`, deadlines: [] });
  const stored = await storeDocuments(db, [
    buildDocument({
      year: YEAR,
      agency,
      title: `Tildelingsbrev ${YEAR} sidevis`,
      assignments: [asg('01'), asg('02'), asg('03')],
    }),
  ]);
  await storeDocuments(db, [
    buildDocument({
      year: NEXT,
      agency,
      title: `Tildelingsbrev ${NEXT} sidevis`,
      assignments: [],
      carriedOver: [`TB${YEAR}-01`, `TB${YEAR}-02`, `TB${YEAR}-03`].map((id, i) => ({
        id,
        title: null,
        provenance: { startLine: 30 + i, endLine: 30 + i },
      })),
    }),
  ]);
  const rows = await db
    .select()
    .from(assignmentsTable)
    .where(eq(assignmentsTable.documentId, stored.documents[0]!.id!))
    .orderBy(asc(assignmentsTable.registerId));
  return { db, assignments: rows };
}

describe(`the other lists, a page at a time (${testDatabaseKind})`, () => {
  it("an assignment's history and its audit trail", async () => {
    const { db, assignments } = await seed();
    const a = assignments.find((x) => x.registerId === `TB${YEAR}-01`)!;
    let version = a.version;
    for (const to of ['in-progress', 'planned', 'in-progress'] as const) {
      const out = await changeStatus(db, system, a.id, { to, expectedVersion: version });
      expect(out.kind).toBe('changed');
      version += 1;
    }
    const whole = (await assignmentHistory(db, system, a.id))!;
    expect(whole.events.map((e) => e.to)).toEqual(['in-progress', 'planned', 'in-progress']);
    const history = await walk(async (cursor) => {
      const page = (await assignmentHistory(
        db,
        system,
        a.id,
        HistoryQuery.parse({ limit: '1', cursor }),
      ))!;
      return { rows: page.events, nextCursor: page.nextCursor };
    });
    expect(history.rows).toEqual(whole.events);
    expect(history.pages).toBe(3);

    const trail = await readableAuditHistory(db, system, 'assignment', a.id, { limit: 500 });
    expect(trail!.entries.length).toBeGreaterThanOrEqual(3);
    const audit = await walk(async (cursor) => {
      const q = AuditQuery.parse({ objectType: 'assignment', objectId: a.id, limit: '1', cursor });
      const page = (await readableAuditHistory(db, system, 'assignment', a.id, q))!;
      return { rows: page.entries, nextCursor: page.nextCursor };
    });
    expect(audit.rows.map((e) => e.seq)).toEqual(trail!.entries.map((e) => e.seq));
  });

  it('the carry-over proposal and the carried-over list', async () => {
    const { db, assignments } = await seed();
    const agency = assignments[0]!.agencyId!;
    const proposal = await carryOverProposal(db, system, { agency, year: YEAR });
    expect(proposal.items.map((i) => i.registerId)).toEqual([
      `TB${YEAR}-01`,
      `TB${YEAR}-02`,
      `TB${YEAR}-03`,
    ]);
    const walked = await walk(async (cursor) => {
      const {
        limit,
        cursor: c,
        ...filter
      } = CarryOverProposalQuery.parse({
        agency,
        year: String(YEAR),
        limit: '1',
        cursor,
      });
      const page = await carryOverProposal(db, system, filter, { limit, cursor: c });
      return { rows: page.items, nextCursor: page.nextCursor };
    });
    expect(walked.rows).toEqual(proposal.items);

    const listed = await listCarriedOver(db, system, { agency, year: NEXT });
    expect(listed.items).toHaveLength(3);
    const carried = await walk(async (cursor) => {
      const {
        limit,
        cursor: c,
        ...filter
      } = AgencyYearQuery.parse({
        agency,
        year: String(NEXT),
        limit: '1',
        cursor,
      });
      const page = await listCarriedOver(db, system, filter, { limit, cursor: c });
      return { rows: page.items, nextCursor: page.nextCursor };
    });
    expect(carried.rows).toEqual(listed.items);
  });

  it('refuses, over HTTP, a cursor of another list', async () => {
    const { assignments } = await seed();
    const a = assignments[0]!;
    const app = await testApp();
    const other: CursorKey[] = [YEAR, `TB${YEAR}-01`, a.id];
    const cursor = Buffer.from(JSON.stringify({ o: 'year', k: other })).toString('base64url');
    // A register cursor is not one of the history's.
    const res = await app.inject({
      method: 'GET',
      url: `/api/assignments/${a.id}/history?cursor=${cursor}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'validation' });
    const limit = await app.inject({
      method: 'GET',
      url: `/api/assignments/${a.id}/history?limit=501`,
    });
    expect(limit.statusCode).toBe(400);
  });
});
