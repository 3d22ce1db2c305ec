/**
 * The four real seed letters imported into the database end to end: the register, carried-over
 * lists, references, assigned IDs, deadlines, the ledger's consistency findings, and the
 * generated overview — what a ministry sees after importing its archive.
 */
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Db } from '../db/client';
import { assignments, carriedOver, documents, organisations } from '../db/schema';
import { testDatabase, testDatabaseKind } from '../db/testing';
import { listShared, readSharedBytes } from '../testing/shared';
import { importFile } from './import-files';
import { getChecks, getOverview } from './ledger';

const system = { kind: 'system' as const, name: 'test' };

async function agencyId(db: Db, name: string): Promise<string> {
  const [org] = await db.select().from(organisations).where(eq(organisations.name, name));
  if (!org) throw new Error(`no organisation ${name}`);
  return org.id;
}

describe(`the seed letters in the database (${testDatabaseKind})`, () => {
  let db: Db;
  beforeAll(async () => {
    db = (await testDatabase()).db;
    for (const name of listShared('seeds')) {
      const res = await importFile(
        db,
        system,
        { name, bytes: new Uint8Array(readSharedBytes(`seeds/${name}`)) },
        { dryRun: false, maxBytes: 20 * 1024 * 1024, confirm: 'all' },
      );
      expect(res.status, name).toBe('imported');
    }
  }, 180_000);

  it('holds every TB2024 assignment of Helsedirektoratet with its deadlines', async () => {
    const hdir = await agencyId(db, 'Helsedirektoratet');
    const rows = await db
      .select()
      .from(assignments)
      .innerJoin(documents, eq(documents.id, assignments.documentId))
      .where(
        and(
          eq(assignments.agencyId, hdir),
          eq(assignments.year, 2024),
          eq(documents.isCurrent, true),
        ),
      );
    const ids = rows.map((r) => r.assignments.registerId).sort();
    expect(ids).toEqual(
      Array.from({ length: 92 }, (_, i) => `TB2024-${String(i + 1).padStart(2, '0')}`),
    );
    expect(rows.every((r) => !r.assignments.idAssigned)).toBe(true);
    const [deadlines] = await queryRows<{ n: number; subs: number }>(
      db,
      sql`select count(*)::int as n, count(d.applies_to)::int as subs from assignment_deadlines d
          join assignments a on a.id = d.assignment_id where a.agency_id = ${hdir} and a.year = 2024`,
    );
    expect(deadlines!.n).toBe(56);
    expect(deadlines!.subs).toBeGreaterThan(0); // deloppdrag deadlines keep their letter
  });

  it('keeps the carried-over IDs as placeholders when their letters are not imported', async () => {
    const hdir = await agencyId(db, 'Helsedirektoratet');
    const rows = await db
      .select({ id: carriedOver.printedId, target: carriedOver.targetAssignmentId })
      .from(carriedOver)
      .innerJoin(documents, eq(documents.id, carriedOver.documentId))
      .where(eq(documents.agencyId, hdir));
    expect(rows).toHaveLength(71);
    expect(rows.map((r) => r.id)).toContain('TB2021-01');
    // Letters of 2021–2023 are not imported: every one is a placeholder, none wrongly linked.
    expect(rows.every((r) => r.target === null)).toBe(true);
  });

  it('resolves references inside the register and shows the others unresolved', async () => {
    const rows = await queryRows<{ target_id: string; resolved: string | null }>(
      db,
      sql`select r.target_id, t.register_id as resolved from assignment_references r
          join assignments a on a.id = r.assignment_id
          left join assignments t on t.id = r.target_assignment_id
          where a.year = 2024`,
    );
    const toThisYear = rows.filter((r) => r.target_id.startsWith('TB2024-'));
    const toEarlier = rows.filter((r) => /^T?TB20(1\d|2[0-3])-/.test(r.target_id));
    expect(toThisYear.length).toBeGreaterThan(0);
    expect(toThisYear.every((r) => r.resolved === r.target_id)).toBe(true);
    expect(toEarlier.every((r) => r.resolved === null)).toBe(true);
  });

  it('gives the 2020 letter to Direktoratet for e-helse assigned IDs with their deadlines', async () => {
    const ehelse = await agencyId(db, 'Direktoratet for e-helse');
    const rows = await db
      .select()
      .from(assignments)
      .innerJoin(documents, eq(documents.id, assignments.documentId))
      .where(
        and(
          eq(assignments.agencyId, ehelse),
          eq(documents.kind, 'allocation-letter'),
          eq(documents.year, 2020),
          eq(documents.isCurrent, true),
        ),
      );
    expect(rows).toHaveLength(32);
    expect(rows.every((r) => r.assignments.idAssigned && r.assignments.printedId === null)).toBe(
      true,
    );
    expect(rows.map((r) => r.assignments.registerId).sort()[0]).toBe('TB2020-01');
    const registerIds = await queryRows<{ register_id: string; n: number }>(
      db,
      sql`select a.register_id, count(*)::int as n from assignments a join documents d on d.id = a.document_id
          where d.is_current and a.agency_id = ${ehelse} group by a.register_id having count(*) > 1`,
    );
    expect(registerIds).toEqual([]); // never an ID twice in the register
  });

  it('finds the six real discrepancies of the 2020 series, and none in the 2024 letter', async () => {
    const ehelse = await checksFor('Direktoratet for e-helse', 2020);
    expect(ehelse.map((f) => f.code).sort()).toEqual([
      'overview-label-mismatch',
      'overview-row-mismatch',
      'overview-start-mismatch',
      'overview-start-mismatch',
      'overview-start-mismatch',
      'sum-chapter-mismatch',
    ]);
    expect(await checksFor('Helsedirektoratet', 2024)).toEqual([]);
  });

  async function checksFor(agency: string, year: number) {
    const res = await getChecks(db, system, await agencyId(db, agency), year);
    return (res?.findings ?? []).filter((f) => f.severity === 'error');
  }

  it('generates the overview for supplement nr. 9 of 2020 from the ledger', async () => {
    const ehelse = await agencyId(db, 'Direktoratet for e-helse');
    const [nine] = await db
      .select({ id: documents.id })
      .from(documents)
      .where(
        and(
          eq(documents.agencyId, ehelse),
          eq(documents.kind, 'supplement'),
          eq(documents.number, 9),
          eq(documents.isCurrent, true),
        ),
      );
    const overview = await getOverview(db, system, nine!.id);
    const table = (chapter: number, post: number) =>
      overview!.tables.find((t) => t.chapter === chapter && t.post === post);
    expect(table(701, 21)?.total).toBe(575_737);
    expect(table(744, 1)?.total).toBe(187_280);
    expect(table(744, 21)?.total).toBe(157_792);
  });
});
