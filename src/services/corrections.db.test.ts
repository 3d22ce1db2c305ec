/**
 * Correcting what the importer read: the stored items change at once, every correction is in
 * the audit trail, and a re-import of the same letter (or a new version of it) keeps them.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { ExtractedDocument } from '../contract/letter';
import type { Db } from '../db/client';
import {
  appropriationLines,
  assignmentDeadlines,
  assignments,
  auditLog,
  documents,
} from '../db/schema';
import { testDatabase, testDatabaseKind } from '../db/testing';
import type { Actor } from '../domain/policy';
import { unique } from '../testing/builders';
import { buildAssignment, buildDocument } from '../testing/factories';
import { changeStatus } from './assignment-status';
import { correctItem } from './corrections';
import { storeImport } from './import';

const system: Actor = { kind: 'system', name: 'test' };
const lines = Array.from({ length: 60 }, (_, i) => `linje ${i + 1}`);
const YEAR = 2036;

function importReading(db: Db, doc: ExtractedDocument) {
  return storeImport(
    db,
    system,
    {
      name: `brev-${unique()}.txt`,
      bytes: new TextEncoder().encode(unique()),
      format: 'txt',
      pages: 1,
      lines,
    },
    [doc],
    { confirm: 'all' },
  );
}

const deadline = (date: string | null, text: string) => ({
  date,
  text,
  appliesTo: null,
  value: date ? { kind: 'exact' as const, date } : { kind: 'undetermined' as const, phrase: text },
});

function reading(agency: string): ExtractedDocument {
  return buildDocument({
    year: YEAR,
    agency,
    assignments: [
      buildAssignment({
        id: `TB${YEAR}-01`,
        assignedId: `TB${YEAR}-01`,
        ownerDepartment: null,
        deadlines: [deadline(null, 'innen utgangen av sommeren')],
      }),
      buildAssignment({ id: null, assignedId: `TB${YEAR}-02`, title: 'Ikke et oppdrag' }),
      buildAssignment({ id: `TB${YEAR}-03`, assignedId: `TB${YEAR}-03`, title: 'Tredje' }),
    ],
  });
}

async function rowsOf(db: Db, documentId: string) {
  return db
    .select({
      ord: assignments.ord,
      registerId: assignments.registerId,
      owner: assignments.ownerDepartment,
      title: assignments.title,
    })
    .from(assignments)
    .where(eq(assignments.documentId, documentId))
    .orderBy(assignments.ord);
}

describe(`corrections of an import (${testDatabaseKind})`, () => {
  it('changes the stored items, records who and why, and is kept by a re-import', async () => {
    const { db } = await testDatabase();
    const base = reading(`Rettelsesetaten ${unique()}`);
    const first = await importReading(db, base);
    if (first.status !== 'stored') throw new Error(first.status);
    const documentId = first.documents[0]!.id;

    const correct = (body: Parameters<typeof correctItem>[3]) =>
      correctItem(db, system, documentId, body);
    expect(
      await correct({
        itemKind: 'assignment',
        itemKey: `TB${YEAR}-01`,
        change: { field: 'ownerDepartment', value: 'FHA' },
        reason: 'Eieren står i vedlegget',
      }),
    ).toMatchObject({ kind: 'corrected' });
    expect(
      await correct({
        itemKind: 'assignment',
        itemKey: `TB${YEAR}-01`,
        change: {
          field: 'deadline',
          phrase: 'innen utgangen av sommeren',
          appliesTo: null,
          value: `${YEAR}-08-31`,
        },
        reason: 'Avklart med avdelingen',
      }),
    ).toMatchObject({ kind: 'corrected' });
    expect(
      await correct({
        itemKind: 'assignment',
        itemKey: `TB${YEAR}-02`,
        change: { field: 'notAnAssignment', value: true },
        reason: 'Dette er en orientering',
      }),
    ).toMatchObject({ kind: 'corrected' });
    expect(
      await correct({
        itemKind: 'appropriation',
        itemKey: '700.01#0',
        change: { field: 'amount', value: 151_000 },
        reason: 'Lest feil fra tabellen',
      }),
    ).toMatchObject({ kind: 'corrected' });
    // Asking for what already is, or for an item the letter does not have, changes nothing.
    expect(
      await correct({
        itemKind: 'assignment',
        itemKey: `TB${YEAR}-01`,
        change: { field: 'ownerDepartment', value: 'FHA' },
        reason: 'Igjen',
      }),
    ).toMatchObject({ kind: 'refused', error: 'correction-no-change' });
    expect(
      await correct({
        itemKind: 'assignment',
        itemKey: `TB${YEAR}-99`,
        change: { field: 'title', value: 'X' },
        reason: 'Finnes ikke',
      }),
    ).toMatchObject({ kind: 'refused', error: 'correction-no-item' });

    const expected = [
      { ord: 0, registerId: `TB${YEAR}-01`, owner: 'FHA', title: 'Utrede en ny ordning' },
      { ord: 1, registerId: `TB${YEAR}-03`, owner: 'FHA', title: 'Tredje' },
    ];
    expect(await rowsOf(db, documentId)).toEqual(expected);
    const [tb01] = await db
      .select({ id: assignments.id })
      .from(assignments)
      .where(and(eq(assignments.documentId, documentId), eq(assignments.ord, 0)));
    const dates = await db
      .select({ date: assignmentDeadlines.date })
      .from(assignmentDeadlines)
      .where(eq(assignmentDeadlines.assignmentId, tb01!.id));
    expect(dates).toEqual([{ date: `${YEAR}-08-31` }]);
    const [amount] = await db
      .select({ amount: appropriationLines.amount })
      .from(appropriationLines)
      .where(eq(appropriationLines.documentId, documentId));
    expect(amount).toEqual({ amount: 151_000 });
    const trail = await db
      .select({ action: auditLog.action, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.objectId, documentId), eq(auditLog.action, 'document.correct')))
      .orderBy(auditLog.seq);
    expect(trail).toHaveLength(4);
    expect(trail[0]).toMatchObject({
      before: { item: `assignment:TB${YEAR}-01`, ownerDepartment: null },
      after: { field: 'ownerDepartment', value: 'FHA', reason: 'Eieren står i vedlegget' },
    });

    // The same letter imported again: nothing to store, the corrections stand.
    const again = await importReading(db, structuredClone(base));
    expect(again.status).toBe('stored');
    if (again.status !== 'stored') return;
    expect(again.documents[0]).toMatchObject({ id: documentId, outcome: 'unchanged' });
    expect(await rowsOf(db, documentId)).toEqual(expected);

    // A new version of the letter (one more assignment): a new version, corrections applied.
    const changed = {
      ...structuredClone(base),
      assignments: [
        ...structuredClone(base.assignments),
        buildAssignment({ id: `TB${YEAR}-04`, assignedId: `TB${YEAR}-04`, title: 'Fjerde' }),
      ],
    };
    const v2 = await importReading(db, changed);
    if (v2.status !== 'stored') throw new Error(v2.status);
    const v2Id = v2.documents[0]!.id;
    expect(v2Id).not.toBe(documentId);
    expect((await rowsOf(db, v2Id)).map((r) => [r.registerId, r.owner])).toEqual([
      [`TB${YEAR}-01`, 'FHA'],
      [`TB${YEAR}-03`, 'FHA'],
      [`TB${YEAR}-04`, 'FHA'],
    ]);
    const [v2Doc] = await db.select().from(documents).where(eq(documents.id, v2Id));
    expect(v2Doc!.extracted.appropriations[0]!.amount).toBe(151_000);

    // The earlier version is a record of what was: it is not corrected any more.
    expect(
      await correct({
        itemKind: 'assignment',
        itemKey: `TB${YEAR}-03`,
        change: { field: 'title', value: 'Ny tittel' },
        reason: 'For sent',
      }),
    ).toEqual({ kind: 'superseded', currentId: v2Id });
  });

  it('refuses to remove an assignment with a status history, and an ID another one has', async () => {
    const { db } = await testDatabase();
    const stored = await importReading(db, reading(`Historieetaten ${unique()}`));
    if (stored.status !== 'stored') throw new Error(stored.status);
    const documentId = stored.documents[0]!.id;
    const [row] = await db
      .select()
      .from(assignments)
      .where(and(eq(assignments.documentId, documentId), eq(assignments.ord, 2)));
    await changeStatus(db, system, row!.id, { to: 'in-progress', expectedVersion: 1 });
    expect(
      await correctItem(db, system, documentId, {
        itemKind: 'assignment',
        itemKey: `TB${YEAR}-03`,
        change: { field: 'notAnAssignment', value: true },
        reason: 'Feil',
      }),
    ).toMatchObject({ kind: 'refused', error: 'correction-has-history' });
    expect(
      await correctItem(db, system, documentId, {
        itemKind: 'assignment',
        itemKey: `TB${YEAR}-02`,
        change: { field: 'id', value: `TB${YEAR}-03` },
        reason: 'Feil ID',
      }),
    ).toMatchObject({ kind: 'refused', error: 'correction-id-taken' });
    expect(
      await correctItem(db, system, documentId, {
        itemKind: 'assignment',
        itemKey: `TB${YEAR}-02`,
        change: { field: 'id', value: `TB${YEAR}-12` },
        reason: 'ID-en står i margen',
      }),
    ).toMatchObject({ kind: 'corrected' });
    expect((await rowsOf(db, documentId)).map((r) => r.registerId)).toEqual([
      `TB${YEAR}-01`,
      `TB${YEAR}-12`,
      `TB${YEAR}-03`,
    ]);
  });
});
