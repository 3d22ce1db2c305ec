/**
 * The start page's lists chosen in the database (services/home.ts): each list's first rows in
 * order and its full count, the work per agency, and the year per agency kept between requests
 * only while the documents it is computed from are unchanged.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { HomeAssignment, HomeSummary } from '../contract/home';
import type { Deadline } from '../contract/letter';
import { documents, users } from '../db/schema';
import { testDatabase, testDatabaseKind } from '../db/testing';
import type { Role } from '../contract/enums';
import type { Actor } from '../domain/policy';
import { presentHome } from '../server/presenters/home';
import { buildAssignment, buildDocument, storeDocuments } from '../testing/factories';
import { homeSummary } from './home';
import { getChecks } from './ledger';

/** A year no other test file uses (the database is shared per worker). */
const YEAR = 2035;
const NOW = new Date(`${YEAR}-06-01T10:00:00Z`);
const system: Actor = { kind: 'system', name: 'test' };

const on = (date: string): Deadline => ({
  date,
  text: `innen ${date}`,
  appliesTo: null,
  value: { kind: 'exact', date },
});

/**
 * A published letter with eleven assignments: nine overdue on NOW (each a day apart, listed
 * out of order), one due in two weeks, one without a deadline; the last three have no owner
 * department.
 */
async function agencyYear() {
  const { db } = await testDatabase();
  const agency = `Forsideetaten ${Math.random()}`;
  const overdue = [9, 3, 7, 1, 5, 2, 8, 4, 6];
  const stored = await storeDocuments(db, [
    buildDocument({
      year: YEAR,
      agency,
      ministry: `Forsidedepartementet ${Math.random()}`,
      assignments: [
        ...overdue.map((day, i) =>
          buildAssignment({
            id: `TB${YEAR}-${String(i + 1).padStart(2, '0')}`,
            assignedId: `TB${YEAR}-${String(i + 1).padStart(2, '0')}`,
            deadlines: [on(`${YEAR}-03-${String(day).padStart(2, '0')}`)],
          }),
        ),
        buildAssignment({
          id: `TB${YEAR}-10`,
          assignedId: `TB${YEAR}-10`,
          ownerDepartment: null,
          deadlines: [on(`${YEAR}-06-15`)],
        }),
        buildAssignment({
          id: `TB${YEAR}-11`,
          assignedId: `TB${YEAR}-11`,
          ownerDepartment: null,
          deadlines: [],
        }),
      ],
    }),
  ]);
  const documentId = stored.documents[0]!.id;
  await db.update(documents).set({ status: 'published' }).where(eq(documents.id, documentId));
  const [doc] = await db.select().from(documents).where(eq(documents.id, documentId));
  const person = async (organisationId: string, roles: Role[]): Promise<Actor> => {
    const [u] = await db
      .insert(users)
      .values({ subject: `test:${Math.random()}`, name: 'Forside Person', roles, organisationId })
      .returning();
    return { kind: 'user', id: u!.id, name: u!.name, organisationId, roles, departmentCode: null };
  };
  return { db, doc: doc!, person };
}

const registerIds = (b: { rows: { assignment: { registerId: string } }[] } | null) =>
  b?.rows.map((r) => r.assignment.registerId);

describe(`the start page's lists (${testDatabaseKind})`, () => {
  it('chooses the first rows of each list in order, with the count of the whole list', async () => {
    const { db, doc, person } = await agencyYear();
    const coordinator = await person(doc.agencyId!, ['agency-coordinator']);
    const home = await homeSummary(db, coordinator, NOW);
    // Overdue: nine, the eight with the earliest deadline shown, earliest first.
    expect(home.overdue!.total).toBe(9);
    expect(registerIds(home.overdue)).toEqual(
      [4, 6, 2, 8, 5, 9, 3, 7].map((n) => `TB${YEAR}-0${n}`),
    );
    expect(home.overdue!.rows.map((r) => r.nextDeadline)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((d) => `${YEAR}-03-0${d}`),
    );
    expect(home.dueSoon!.total).toBe(1);
    expect(registerIds(home.dueSoon)).toEqual([`TB${YEAR}-10`]);
    // Nobody in the agency has any: all eleven, those without a deadline last.
    expect(home.unassigned!.total).toBe(11);
    expect(home.unassigned!.rows).toHaveLength(8);
    expect(home.mine).toEqual({ rows: [], total: 0 });
    expect(home.withoutDepartment).toBeNull();
    expect(home.agencies).toEqual([
      expect.objectContaining({ id: doc.agencyId, open: 11, overdue: 9 }),
    ]);

    // As the API sends it: a few fields per assignment, at most eight per list.
    const sent = HomeSummary.parse(presentHome(coordinator, home));
    expect(Object.keys(sent.overdue!.items[0]!).sort()).toEqual(
      Object.keys(HomeAssignment.shape).sort(),
    );
    expect(sent.overdue!.items[0]).toMatchObject({
      registerId: `TB${YEAR}-04`,
      overdue: true,
      agencyId: doc.agencyId,
    });

    // The ministry's budget officer: the same work, and what has no owner department.
    const budget = await homeSummary(
      db,
      await person(doc.ministryId!, ['ministry-budget-officer']),
      NOW,
    );
    expect(budget.overdue!.total).toBe(9);
    expect(budget.withoutDepartment!.total).toBe(2);
    expect(registerIds(budget.withoutDepartment)).toEqual([`TB${YEAR}-10`, `TB${YEAR}-11`]);
    expect(budget.agencies).toEqual([
      expect.objectContaining({ id: doc.agencyId, open: 11, overdue: 9 }),
    ]);
  });

  it('keeps the year per agency only while its documents are unchanged', async () => {
    const { db, doc, person } = await agencyYear();
    const budget = await person(doc.ministryId!, ['ministry-budget-officer']);
    const figures = async () => (await homeSummary(db, budget, NOW)).agencies![0]!;
    const checks = await getChecks(db, system, doc.agencyId!, YEAR);
    const first = await figures();
    expect(first).toMatchObject({
      total: 150_000,
      openFindings: checks!.findings.filter((f) => f.review === null).length,
    });
    expect(await figures()).toEqual(first);

    // The document's reading changed in place (as a correction does): the total follows.
    const extracted = structuredClone(doc.extracted);
    extracted.appropriations[0]!.amount = 175_000;
    await db.update(documents).set({ extracted }).where(eq(documents.id, doc.id));
    expect((await figures()).total).toBe(175_000);

    // No longer readable by the ministry's agency-side readers: the agency has no letter.
    const coordinator = await person(doc.agencyId!, ['agency-coordinator']);
    await db.update(documents).set({ status: 'draft' }).where(eq(documents.id, doc.id));
    const agencyHome = await homeSummary(db, coordinator, NOW);
    expect(agencyHome.agencies).toEqual([
      expect.objectContaining({ id: doc.agencyId, total: null, open: 0 }),
    ]);
  });
});
