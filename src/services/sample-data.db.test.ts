/**
 * The sample data of a fresh installation shows the whole cycle: the imported letter series,
 * a supplement written in Tildel and issued (numbered after the imported ones, its totals
 * table derived from the ledger, so the year's checks find nothing in it), and next year's
 * letter under work, started from this year's. On an empty database of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { openDatabase, type Database } from '../db/client';
import { documents, drafts } from '../db/schema';
import { getChecks } from './ledger';
import { loadSampleDataIfEmpty } from './sample-data';

const system = { kind: 'system', name: 'test' } as const;

describe('sample data', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    await database.migrate();
    expect(await loadSampleDataIfEmpty(database.db)).toBe(2);
  }, 120_000);
  afterAll(async () => database?.close());

  it('holds a supplement written in Tildel, issued after the imported ones, that checks clean', async () => {
    const { db } = database;
    const written = await db.select().from(drafts).orderBy(asc(drafts.year));
    expect(written.map((d) => [d.kind, d.year, d.status, d.number])).toEqual([
      ['supplement', 2026, 'issued', 3],
      ['allocation-letter', 2027, 'editing', null],
    ]);
    const [issued] = await db
      .select()
      .from(documents)
      .where(eq(documents.id, written[0]!.issuedDocumentId!));
    expect(issued).toMatchObject({ kind: 'supplement', number: 3, status: 'published' });
    expect(issued!.extracted.assignments.map((a) => [a.assignedId, a.title])).toEqual([
      ['TTB2026-02', 'Havdata i skolen'],
    ]);
    // The restated total of post 21: the letter, nr. 1, nr. 2 and this change.
    expect(issued!.extracted.totalsClaimed.map((t) => t.total?.amount)).toEqual([
      38_900 + 4_600 + 2_500 + 1_800,
    ]);
    const checks = await getChecks(db, system, issued!.agencyId!, 2026);
    expect(checks!.findings.filter((f) => f.document?.number === 3)).toEqual([]);
  });

  it("leaves next year's letter under work, from this year's", async () => {
    const [next] = await database.db.select().from(drafts).where(eq(drafts.year, 2027));
    expect(next!.content.goals.length).toBeGreaterThan(0);
    expect(next!.content.carriedOver.map((o) => o.id)).toContain('TB2026-01');
    expect(next!.content.calendar[0]).toEqual({
      when: '1. mars',
      text: 'Årsrapport for 2026 sendes departementet med kopi til Riksrevisjonen',
    });
  });
});
