/**
 * Which stored document an import is, who may import it, and what waits for a person's
 * confirmation: the defects where a re-import replaced another letter, another ministry's
 * officer overwrote a draft, and supplements lost their ministry.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { VersionChange, type ExtractedDocument } from '../contract/letter';
import { queryRows, type Db } from '../db/client';
import { assignmentEvents, assignments, auditLog, documents, organisations } from '../db/schema';
import { testDatabase, testDatabaseKind } from '../db/testing';
import type { Actor } from '../domain/policy';
import { renderVersionChange } from '../locales/render';
import { buildAssignment, buildDocument, storeDocuments } from '../testing/factories';
import { unique } from '../testing/builders';
import { changeStatus } from './assignment-status';
import { ImportDenied, storeImport, type ImportOptions } from './import';

const lines = Array.from({ length: 60 }, (_, i) => `linje ${i + 1}`);

function store(db: Db, actor: Actor, docs: ExtractedDocument[], opts?: ImportOptions) {
  return storeImport(
    db,
    actor,
    {
      name: `test-${unique()}.txt`,
      bytes: new TextEncoder().encode(`${unique()}`),
      format: 'txt',
      pages: 1,
      lines,
    },
    docs,
    opts,
  );
}

async function orgId(db: Db, name: string): Promise<string> {
  const [row] = await db.select().from(organisations).where(eq(organisations.name, name));
  if (!row) throw new Error(`no organisation ${name}`);
  return row.id;
}

async function officerOf(db: Db, ministry: string): Promise<Actor> {
  return {
    kind: 'user',
    id: randomUUID(),
    name: 'Ola Saksbehandler',
    organisationId: await orgId(db, ministry),
    roles: ['ministry-department-officer'],
    departmentCode: null,
  };
}

/** A ministry with one published letter, stored by the system. */
async function ministryWithLetter(db: Db, overrides: Partial<ExtractedDocument> = {}) {
  const ministry = `Prøvedepartementet ${unique()}`;
  const letter = buildDocument({ ministry, ...overrides });
  const out = await storeDocuments(db, [letter]);
  return { ministry, letter, stored: out.documents[0]! };
}

describe(`document identity and import rights (${testDatabaseKind})`, () => {
  it('asks before a document whose identity was assumed replaces a stored letter, and replaces nothing until confirmed', async () => {
    const { db } = await testDatabase();
    const { ministry, letter, stored } = await ministryWithLetter(db, {
      assignments: [
        buildAssignment({ id: 'TB2030-01', assignedId: 'TB2030-01' }),
        buildAssignment({ id: 'TB2030-02', assignedId: 'TB2030-02', title: 'Utrede tilbudet' }),
      ],
    });
    const officer = await officerOf(db, ministry);
    // A supplement whose title line was not recognised reads as that year's letter.
    const misread: ExtractedDocument = {
      ...buildDocument({ ministry, agency: letter.agency, year: letter.year }),
      identity: 'assumed',
      title: `Tildelingsbrev for ${letter.year}`,
      assignments: [
        buildAssignment({ id: 'TB2030-01', assignedId: 'TB2030-01', title: 'Noe annet' }),
      ],
    };
    const asked = await store(db, officer, [misread]);
    expect(asked.status).toBe('needs-confirmation');
    if (asked.status !== 'needs-confirmation') return;
    const [plan] = asked.plans;
    expect(plan).toMatchObject({
      action: 'new-version',
      replaces: { id: stored.id, version: 1 },
      confirmation: {
        reasons: ['replaces-version', 'removes-items', 'identity-uncertain'],
      },
    });
    expect(plan!.removes.assignments).toEqual(['TB2030-02']);

    // Nothing replaced: the letter is current with both assignments.
    const current = await db
      .select({ id: documents.id, isCurrent: documents.isCurrent })
      .from(documents)
      .where(eq(documents.id, stored.id));
    expect(current).toEqual([{ id: stored.id, isCurrent: true }]);
    const kept = await db
      .select({ registerId: assignments.registerId })
      .from(assignments)
      .where(eq(assignments.documentId, stored.id));
    expect(kept.map((k) => k.registerId).sort()).toEqual(['TB2030-01', 'TB2030-02']);

    // A wrong token confirms nothing; the right one replaces, and the old version stays readable.
    expect((await store(db, officer, [misread], { confirm: new Set(['feil']) })).status).toBe(
      'needs-confirmation',
    );
    const confirmed = await storeImport(
      db,
      officer,
      {
        name: 'x.txt',
        bytes: new TextEncoder().encode(`${unique()}`),
        format: 'txt',
        pages: 1,
        lines,
      },
      [misread],
      { confirm: 'all' },
    );
    expect(confirmed.status === 'stored' && confirmed.documents[0]!.outcome).toBe('new-version');
    const old = await db
      .select({ registerId: assignments.registerId })
      .from(assignments)
      .where(eq(assignments.documentId, stored.id));
    expect(old.map((k) => k.registerId).sort()).toEqual(['TB2030-01', 'TB2030-02']);
  });

  it("refuses an officer another ministry's letter, and never shows or touches that ministry's draft", async () => {
    const { db } = await testDatabase();
    const { ministry: theirs, letter, stored } = await ministryWithLetter(db);
    await db.update(documents).set({ status: 'draft' }).where(eq(documents.id, stored.id));
    const { ministry: mine } = await ministryWithLetter(db);
    const officer = await officerOf(db, mine);
    const auditBefore = await db.$count(auditLog);

    for (const copy of [letter, { ...letter, title: `${letter.title} (endret)` }]) {
      const err = await store(db, officer, [copy]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ImportDenied);
      expect((err as ImportDenied).code).toBe('not-your-ministry');
      expect((err as ImportDenied).reason).toContain(theirs);
      // The answer names neither the draft nor its content.
      expect((err as ImportDenied).reason).not.toMatch(/150 000|TB2030|utkast|draft/i);
    }
    const [draft] = await db.select().from(documents).where(eq(documents.id, stored.id));
    expect(draft).toMatchObject({ status: 'draft', isCurrent: true, version: 1 });
    expect(await db.$count(auditLog)).toBe(auditBefore);
  });

  it('files a letter that names no ministry under the officer’s own ministry, in its own series', async () => {
    const { db } = await testDatabase();
    const { ministry: theirs, letter } = await ministryWithLetter(db);
    const { ministry: mine } = await ministryWithLetter(db);
    const officer = await officerOf(db, mine);
    const unnamed = { ...letter, ministry: null, title: `${letter.title} – kopi` };
    const out = await store(db, officer, [unnamed], { confirm: 'all' });
    expect(out.status === 'stored' && out.documents[0]!.outcome).toBe('created');
    const rows = await db
      .select({ ministryName: documents.ministryName, version: documents.version })
      .from(documents)
      .where(eq(documents.agencyName, letter.agency!));
    expect(rows.map((r) => r.ministryName).sort()).toEqual([mine, theirs].sort());
    expect(rows.every((r) => r.version === 1)).toBe(true);
  });

  it('takes the ministry of a supplement that names none from the letter of its year', async () => {
    const { db } = await testDatabase();
    const { ministry, letter } = await ministryWithLetter(db);
    const supplement: ExtractedDocument = {
      ...buildDocument({ agency: letter.agency, kind: 'supplement', number: 1 }),
      ministry: null,
      title: 'Tillegg til tildelingsbrev nr. 1',
    };
    const out = await storeDocuments(db, [supplement]);
    const [row] = await db
      .select({ ministryId: documents.ministryId, ministryName: documents.ministryName })
      .from(documents)
      .where(eq(documents.id, out.documents[0]!.id));
    expect(row).toEqual({ ministryId: await orgId(db, ministry), ministryName: ministry });
  });

  it('takes the ministry an agency reports to when the text names none and no letter of its year is stored', async () => {
    const { db } = await testDatabase();
    const { ministry, letter } = await ministryWithLetter(db);
    const supplement: ExtractedDocument = {
      ...buildDocument({ agency: letter.agency, kind: 'supplement', number: 1, year: 2040 }),
      ministry: null,
      title: 'Tillegg til tildelingsbrev nr. 1',
    };
    const out = await storeDocuments(db, [supplement]);
    const [row] = await db
      .select({ ministryName: documents.ministryName })
      .from(documents)
      .where(eq(documents.id, out.documents[0]!.id));
    expect(row).toEqual({ ministryName: ministry });
    // With no agency to tell either, it is refused with the reason.
    const orphan = { ...supplement, agency: null };
    await expect(storeDocuments(db, [orphan])).rejects.toMatchObject({ code: 'ministry-unknown' });
  });

  it('lists the organisations an import would create and creates none before confirmation', async () => {
    const { db } = await testDatabase();
    const { ministry } = await ministryWithLetter(db);
    const officer = await officerOf(db, ministry);
    const newAgency = `Nyetaten ${unique()}`;
    const asked = await store(db, officer, [buildDocument({ ministry, agency: newAgency })]);
    expect(asked.status === 'needs-confirmation' && asked.plans[0]).toMatchObject({
      action: 'create',
      newOrganisations: [{ kind: 'agency', name: newAgency }],
      confirmation: { reasons: ['new-organisation'] },
    });
    expect(await db.$count(organisations, eq(organisations.name, newAgency))).toBe(0);
  });

  it('keeps every status change sent to an assignment while its letter is re-imported', async () => {
    const { db } = await testDatabase();
    const { letter, stored } = await ministryWithLetter(db, {
      assignments: [buildAssignment({ id: 'TB2030-01', assignedId: 'TB2030-01' })],
    });
    const [row] = await db.select().from(assignments).where(eq(assignments.documentId, stored.id));
    const system: Actor = { kind: 'system', name: 'test' };
    let version = row!.version;
    let acknowledged = 0;
    const statuses = ['in-progress', 'planned'] as const;
    for (let round = 0; round < 6; round++) {
      // A new version of the letter, and a status change on the id the client has.
      const next = {
        ...letter,
        appropriations: letter.appropriations.map((a) => ({ ...a, amount: a.amount + round + 1 })),
      };
      const [imported, changed] = await Promise.all([
        storeDocuments(db, [next]),
        changeStatus(db, system, row!.id, {
          to: statuses[round % 2]!,
          expectedVersion: version,
        }),
      ]);
      expect(imported.documents[0]!.outcome).toBe('new-version');
      expect(changed.kind).toBe('changed');
      if (changed.kind === 'changed') {
        acknowledged++;
        version = changed.assignment.version;
      }
    }
    // One identity: the id the client had is the current version's assignment, history intact.
    const [live] = await db
      .select({ documentId: assignments.documentId, version: assignments.version })
      .from(assignments)
      .where(eq(assignments.id, row!.id));
    const [current] = await db
      .select({ id: documents.id })
      .from(documents)
      .where(
        and(
          eq(documents.seriesKey, (await seriesOf(db, stored.id))!),
          eq(documents.isCurrent, true),
        ),
      );
    expect(live!.documentId).toBe(current!.id);
    expect(await db.$count(assignmentEvents, eq(assignmentEvents.assignmentId, row!.id))).toBe(
      acknowledged,
    );
    // The copy an earlier version keeps refuses changes and points to the current one.
    const [copy] = await db
      .select({ id: assignments.id, version: assignments.version })
      .from(assignments)
      .where(eq(assignments.documentId, stored.id));
    expect(
      await changeStatus(db, system, copy!.id, {
        to: 'in-progress',
        expectedVersion: copy!.version,
      }),
    ).toEqual({ kind: 'superseded', currentId: row!.id });
  });

  it('records the stored register IDs and what changed in the audit entry of a new version', async () => {
    const { db } = await testDatabase();
    const agency = `Prøveetaten ${unique()}`;
    const ministry = `Prøvedepartementet ${unique()}`;
    const supplement = (n: number, titles: string[]) => ({
      ...buildDocument({ ministry, agency, kind: 'supplement', number: n }),
      title: `Tillegg nr. ${n}`,
      appropriations: [],
      assignments: titles.map((title, i) =>
        buildAssignment({ assignedId: `TTB2030-0${i + 1}`, title }),
      ),
    });
    await storeDocuments(db, [supplement(1, ['A', 'B'])]);
    await storeDocuments(db, [supplement(2, ['C', 'D'])]);
    const out = await storeDocuments(db, [supplement(2, ['C', 'D endret', 'E'])]);
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'import.new-version'), eq(auditLog.objectId, out.documents[0]!.id)),
      );
    const after = entry!.after as { assignments: string[]; diff: unknown[] };
    expect(after.assignments).toEqual(['TTB2030-03', 'TTB2030-04', 'TTB2030-05']);
    expect(after.diff.map((c) => renderVersionChange(VersionChange.parse(c), 'nb'))).toEqual([
      'Oppdrag TTB2030-04: tittel endret',
      'Oppdrag TTB2030-05 lagt til: E',
    ]);
  });

  it('lets parallel imports of different versions of one new letter take turns: one creates, the others wait for confirmation', async () => {
    const { db } = await testDatabase();
    const { ministry } = await ministryWithLetter(db);
    const officer = await officerOf(db, ministry);
    const agency = `Parallelletaten ${unique()}`;
    await storeDocuments(db, [buildDocument({ ministry, agency, year: 2031 })]);
    const versions = Array.from({ length: 8 }, (_, i) =>
      buildDocument({ ministry, agency, year: 2032, title: `Tildelingsbrev ${i}` }),
    );
    const outcomes = async (opts?: ImportOptions) =>
      (await Promise.all(versions.map((v) => store(db, officer, [v], opts)))).map((r) =>
        r.status === 'stored' ? r.documents[0]!.outcome : r.status,
      );
    // Unconfirmed: the first creates it, every other would replace it and waits.
    const first = await outcomes();
    expect(first.filter((o) => o === 'created')).toHaveLength(1);
    expect(first.filter((o) => o === 'needs-confirmation')).toHaveLength(7);
    // Confirmed: each becomes the next version in turn, none collides.
    const second = await outcomes({ confirm: 'all' });
    expect(second.filter((o) => o === 'new-version').length).toBeGreaterThanOrEqual(7);
    const rows = await queryRows<{ version: number }>(
      db,
      sql`select version from documents where agency_name = ${agency} and year = 2032 order by version`,
    );
    expect(rows.map((r) => r.version)).toEqual(rows.map((_, i) => i + 1));
    expect(rows.length).toBeGreaterThanOrEqual(8);
  });
});

async function seriesOf(db: Db, id: string) {
  const [row] = await db
    .select({ seriesKey: documents.seriesKey })
    .from(documents)
    .where(eq(documents.id, id));
  return row?.seriesKey;
}
