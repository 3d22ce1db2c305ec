/**
 * The lists besides the register a page at a time by cursor (src/contract/pagination.ts): an
 * assignment's history, an object's audit trail, the carry-over proposal and the carried-over
 * list, reports and meetings whose titles are longer than a cursor may be. Walked with a page of
 * one, each gives every row once, in the order of one long page. A cursor is refused with
 * other filters than it was made for, and `offset` is refused everywhere.
 */
import { describe, expect, it } from 'vitest';
import {
  AgencyYearQuery,
  CarryOverProposalQuery,
  HistoryQuery,
} from '../contract/assignment-status';
import { AuditQuery } from '../contract/auth';
import { encodeCursor, type CursorKey } from '../contract/pagination';
import { asc, eq } from 'drizzle-orm';
import {
  assignments as assignmentsTable,
  documents as documentsTable,
  governanceMeetings,
  reports,
} from '../db/schema';
import { testDatabase, testDatabaseKind } from '../db/testing';
import type { Actor } from '../domain/policy';
import { testApp } from '../testing/app';
import { signIn } from '../testing/auth';
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
    const cursor = encodeCursor('year', other, {});
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

  it('pages on past reports and meetings whose titles are longer than a cursor may carry', async () => {
    const { db, assignments } = await seed();
    const agency = assignments[0]!.agencyId!;
    const [doc] = await db
      .select({ ministryId: documentsTable.ministryId })
      .from(documentsTable)
      .where(eq(documentsTable.id, assignments[0]!.documentId));
    const ministry = doc!.ministryId!;
    // Three of each on one day, each title 600 characters (a calendar item's text is unbounded):
    // every page boundary falls on a long title.
    const title = (n: number) => `Rapport ${n} ${'om kyst og skog '.repeat(40)}`.slice(0, 600);
    const common = {
      agencyId: agency,
      ministryId: ministry,
      year: YEAR,
      source: 'ad-hoc' as const,
    };
    await db.insert(reports).values(
      [1, 2, 3].map((n) => ({
        ...common,
        key: `pages-test|${YEAR}|${n}`,
        periodYear: YEAR,
        title: title(n),
        dueDate: `${YEAR}-06-01`,
        content: { assignments: [], budget: [], risks: [], steeringParameters: [] },
        createdByKind: 'system' as const,
      })),
    );
    await db.insert(governanceMeetings).values(
      [1, 2, 3].map((n) => ({
        ...common,
        key: `pages-test|${YEAR}|${n}`,
        title: title(n),
        date: `${YEAR}-05-01`,
        createdByKind: 'system' as const,
      })),
    );
    const app = await testApp();
    const { cookie } = await signIn(app, 'auditor');
    const get = async (url: string) => {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
      return res.json();
    };
    const filters = `agency=${agency}&year=${YEAR}`;
    const listed = async (list: 'reports' | 'meetings') => {
      const whole = (await get(`/api/${list}?${filters}`)) as { [k: string]: { id: string }[] };
      const walked = await walk(async (cursor) => {
        const page = (await get(
          `/api/${list}?${filters}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        )) as { nextCursor: string | null } & { [k: string]: { id: string }[] };
        return { rows: page[list]!, nextCursor: page.nextCursor };
      });
      expect(walked.rows.map((r) => r.id)).toEqual(whole[list]!.map((r) => r.id));
      return walked.rows as unknown as { title: string }[];
    };
    const reportTitles = (await listed('reports')).map((r) => r.title);
    expect(reportTitles.filter((t) => t.length === 600)).toHaveLength(3);
    const meetingTitles = (await listed('meetings')).map((r) => r.title);
    expect(meetingTitles.filter((t) => t.length === 600)).toHaveLength(3);
  });

  it('refuses, over HTTP, a cursor made for other filters, and offset', async () => {
    const { assignments } = await seed();
    const agency = assignments[0]!.agencyId!;
    const app = await testApp();
    const { cookie } = await signIn(app, 'auditor');
    const status = async (url: string) =>
      (await app.inject({ method: 'GET', url, headers: { cookie } })).statusCode;
    const next = async (url: string) => {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      expect(res.statusCode).toBe(200);
      const cursor = res.json<{ nextCursor: string | null }>().nextCursor;
      expect(cursor, url).not.toBeNull();
      return cursor!;
    };
    // The register: the same filters go on, another year or agency or q is refused.
    const register = `/api/assignments?year=${YEAR}&agency=${agency}`;
    const cursor = await next(`${register}&limit=1`);
    expect(await status(`${register}&limit=2&cursor=${cursor}`)).toBe(200);
    expect(await status(`/api/assignments?agency=${agency}&year=${YEAR}&cursor=${cursor}`)).toBe(
      200,
    );
    expect(await status(`/api/assignments?year=${NEXT}&agency=${agency}&cursor=${cursor}`)).toBe(
      400,
    );
    expect(await status(`/api/assignments?year=${YEAR}&cursor=${cursor}`)).toBe(400);
    expect(await status(`${register}&q=sidevis&cursor=${cursor}`)).toBe(400);
    // Search: a cursor of q=a is not one of q=b.
    const found = await next('/api/search?q=sidevis&limit=1');
    expect(await status(`/api/search?q=sidevis&limit=1&cursor=${found}`)).toBe(200);
    const refused = await app.inject({
      method: 'GET',
      url: `/api/search?q=tildelingsbrev&limit=1&cursor=${found}`,
      headers: { cookie },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toMatch(/other filters/);
    expect(await status(`/api/search?q=sidevis&year=${YEAR}&limit=1&cursor=${found}`)).toBe(400);
    // No list takes an offset or a page number: each says to follow the cursor.
    for (const url of [
      `${register}&offset=1`,
      '/api/search?q=sidevis&offset=50',
      '/api/documents?page=2',
      '/api/organisations?offset=50',
      `/api/reports?offset=100`,
      '/api/drafts?offset=100',
      `/api/assignments/${assignments[0]!.id}/history?offset=10`,
    ]) {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      expect(res.statusCode, url).toBe(400);
      expect(res.body, url).toMatch(/nextCursor/);
    }
  });
});
