import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/client';
import {
  appropriationLines,
  assignmentEvents,
  assignments,
  documents,
  sourceFiles,
} from '../db/schema';
import { testDatabase, testDatabaseKind } from '../db/testing';
import { buildAssignment, buildDocument, storeDocuments } from '../testing/factories';
import { renderVersionChange } from '../locales/render';

describe(`storing imports (${testDatabaseKind})`, () => {
  it('stores a document with its items and traces them to lines', async () => {
    const { db } = await testDatabase();
    const doc = buildDocument();
    const out = await storeDocuments(db, [doc]);
    expect(out.documents).toHaveLength(1);
    expect(out.documents[0]!.outcome).toBe('created');
    const rows = await db
      .select()
      .from(appropriationLines)
      .where(eq(appropriationLines.documentId, out.documents[0]!.id));
    expect(rows).toEqual([
      expect.objectContaining({ chapter: 700, post: 1, amount: 150_000, lineStart: 10 }),
    ]);
  });

  it('changes nothing when the same file is imported again', async () => {
    const { db } = await testDatabase();
    const doc = buildDocument();
    const bytes = new TextEncoder().encode(`same file ${doc.agency}`);
    const first = await storeDocuments(db, [doc], bytes);
    const countBefore = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${documents}`,
    );
    const again = await storeDocuments(db, [doc], bytes);
    const countAfter = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${documents}`,
    );
    expect(again.documents[0]).toMatchObject({ id: first.documents[0]!.id, outcome: 'unchanged' });
    expect(countAfter[0]!.n).toBe(countBefore[0]!.n);
  });

  it('makes a changed document a new version with a readable diff', async () => {
    const { db } = await testDatabase();
    const doc = buildDocument();
    const first = await storeDocuments(db, [doc]);
    const changed = {
      ...doc,
      appropriations: [{ ...doc.appropriations[0]!, amount: 175_500 }],
      assignments: [
        ...doc.assignments,
        buildAssignment({ assignedId: 'TB2030-02', title: 'Nytt oppdrag om statistikk' }),
      ],
    };
    const second = await storeDocuments(db, [changed]);
    expect(second.documents[0]).toMatchObject({ outcome: 'new-version', version: 2 });
    const diff = second.documents[0]!.diff;
    expect(diff.map((c) => renderVersionChange(c, 'nb'))).toEqual([
      'Bevilgning kap. 700 post 01: 150 000 → 175 500',
      'Oppdrag TB2030-02 lagt til: Nytt oppdrag om statistikk',
    ]);
    expect(diff.map((c) => renderVersionChange(c, 'en'))).toEqual([
      'Appropriation kap. 700 post 01: 150 000 → 175 500',
      'Assignment TB2030-02 added: Nytt oppdrag om statistikk',
    ]);
    const [old] = await db.select().from(documents).where(eq(documents.id, first.documents[0]!.id));
    expect(old!.isCurrent).toBe(false);
  });

  it('stores nothing of a file when any part of it fails (one transaction)', async () => {
    const { db } = await testDatabase();
    const good = buildDocument();
    const bad = buildDocument({
      // Violates the schema's NOT NULL on post_name: the database refuses the row.
      appropriations: [{ ...buildDocument().appropriations[0]!, postName: null as never }],
    });
    const bytes = new TextEncoder().encode(`atomic ${good.agency}`);
    await expect(storeDocuments(db, [good, bad], bytes)).rejects.toThrow();
    const files = await db
      .select()
      .from(sourceFiles)
      .where(sql`${sourceFiles.name} like 'test-%'`);
    const stored = await db.select().from(documents).where(eq(documents.agencyName, good.agency!));
    expect(stored).toEqual([]);
    expect(files.every((f) => !f.text.includes(`atomic ${good.agency}`))).toBe(true);
  });

  it('assigns register IDs that never collide across documents of an agency', async () => {
    const { db } = await testDatabase();
    const letter = buildDocument({
      assignments: [buildAssignment({ assignedId: 'TB2030-01' })],
    });
    const supplement1 = {
      ...buildDocument({ agency: letter.agency, kind: 'supplement', number: 1 }),
      title: 'Tillegg nr. 1',
      assignments: [buildAssignment({ assignedId: 'TTB2030-01' })],
    };
    const supplement2 = {
      ...buildDocument({ agency: letter.agency, kind: 'supplement', number: 2 }),
      title: 'Tillegg nr. 2',
      assignments: [
        buildAssignment({ assignedId: 'TTB2030-01' }),
        buildAssignment({ assignedId: 'TTB2030-02' }),
      ],
    };
    await storeDocuments(db, [letter, supplement1, supplement2]);
    const ids = await queryRows<{ register_id: string; id_assigned: boolean }>(
      db,
      sql`select a.register_id, a.id_assigned from assignments a join documents d on d.id = a.document_id
          where d.agency_name = ${letter.agency} order by a.register_id`,
    );
    expect(ids.map((r) => r.register_id)).toEqual([
      'TB2030-01',
      'TTB2030-01',
      'TTB2030-02',
      'TTB2030-03',
    ]);
    expect(ids.every((r) => r.id_assigned)).toBe(true);
  });

  it('resolves references to assignments, including ones imported later', async () => {
    const { db } = await testDatabase();
    const later = buildDocument({
      year: 2031,
      assignments: [
        buildAssignment({ id: 'TB2031-01', assignedId: 'TB2031-01', references: ['TB2030-05'] }),
      ],
    });
    await storeDocuments(db, [later]);
    const pending = await queryRows<{ target_assignment_id: string | null }>(
      db,
      sql`select r.target_assignment_id from assignment_references r join assignments a on a.id = r.assignment_id
          join documents d on d.id = a.document_id where d.agency_name = ${later.agency}`,
    );
    expect(pending).toEqual([{ target_assignment_id: null }]);
    const earlier = buildDocument({
      agency: later.agency,
      assignments: [buildAssignment({ id: 'TB2030-05', assignedId: 'TB2030-05' })],
    });
    await storeDocuments(db, [earlier]);
    const resolved = await queryRows<{ target: string | null }>(
      db,
      sql`select t.register_id as target from assignment_references r join assignments a on a.id = r.assignment_id
          join documents d on d.id = a.document_id left join assignments t on t.id = r.target_assignment_id
          where d.agency_name = ${later.agency}`,
    );
    expect(resolved).toEqual([{ target: 'TB2030-05' }]);
  });

  it('keeps status, version and history of assignments when a document gets a new version', async () => {
    const { db } = await testDatabase();
    const doc = buildDocument();
    const first = await storeDocuments(db, [doc]);
    const [old] = await db
      .select()
      .from(assignments)
      .where(eq(assignments.documentId, first.documents[0]!.id));
    await db
      .update(assignments)
      .set({ status: 'in-progress', version: 2 })
      .where(eq(assignments.id, old!.id));
    await db.insert(assignmentEvents).values({
      assignmentId: old!.id,
      actorKind: 'system',
      actorId: 'test',
      fromStatus: 'planned',
      toStatus: 'in-progress',
      version: 2,
    });
    const changed = { ...doc, title: `${doc.title} (korrigert)` };
    const second = await storeDocuments(db, [changed]);
    const [now] = await db
      .select()
      .from(assignments)
      .where(eq(assignments.documentId, second.documents[0]!.id));
    expect(now).toMatchObject({ registerId: old!.registerId, status: 'in-progress', version: 2 });
    const events = await db
      .select()
      .from(assignmentEvents)
      .where(eq(assignmentEvents.assignmentId, now!.id));
    expect(events.map((e) => e.toStatus)).toEqual(['in-progress']);
  });
});
