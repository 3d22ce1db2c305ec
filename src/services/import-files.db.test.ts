import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows, type Db } from '../db/client';
import { testDatabase, testDatabaseKind } from '../db/testing';
import { readSharedBytes } from '../testing/shared';
import { importFile } from './import-files';

const seed = (prefix: string) => {
  const name = ['004_0eca73cba024b290.txt', '001_91a72f83a7478b9a.txt'].find((f) =>
    f.startsWith(prefix),
  )!;
  return { name, bytes: new Uint8Array(readSharedBytes(`seeds/${name}`)) };
};
const actor = { kind: 'system' as const, name: 'test' };
// The system imports: every confirmation given (what waits for one is tested in import.ts).
const opts = { dryRun: false, maxBytes: 5 * 1024 * 1024, confirm: 'all' as const };

async function counts(db: Db) {
  const [row] = await queryRows<{ docs: number; files: number; audit: number }>(
    db,
    sql`select (select count(*)::int from documents) as docs, (select count(*)::int from source_files) as files, (select count(*)::int from audit_log) as audit`,
  );
  return row!;
}

describe(`importing files end to end (${testDatabaseKind})`, () => {
  it('imports a real supplement, then changes nothing on the second import', async () => {
    const { db } = await testDatabase();
    const first = await importFile(db, actor, seed('004'), opts);
    expect(first.status).toBe('imported');
    if (first.status !== 'imported') return;
    expect(first.documents).toHaveLength(1);
    expect(first.documents[0]).toMatchObject({ kind: 'supplement', number: 10, year: 2022 });
    expect(['created', 'unchanged']).toContain(first.documents[0]!.outcome);
    const before = await counts(db);
    const again = await importFile(db, actor, seed('004'), opts);
    expect(again.status === 'imported' && again.documents.map((d) => d.outcome)).toEqual([
      'unchanged',
    ]);
    expect(await counts(db)).toEqual(before);
  });

  it('does not touch the database on a dry run', async () => {
    const { db } = await testDatabase();
    const before = await counts(db);
    const res = await importFile(db, actor, seed('001'), { ...opts, dryRun: true });
    expect(res.status === 'imported' && res.documents[0]!.outcome).toBe('dry-run');
    expect(await counts(db)).toEqual(before);
  });

  const refusals: [string, { name: string; bytes: Uint8Array }, string][] = [
    [
      'an image',
      {
        name: 'skanning.png',
        bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      },
      'unsupported-type',
    ],
    [
      'a corrupt PDF',
      { name: 'brev.pdf', bytes: new TextEncoder().encode('%PDF-1.7\n' + 'x'.repeat(500)) },
      'corrupt',
    ],
    [
      'a file over the size limit',
      { name: 'stor.txt', bytes: new Uint8Array(6 * 1024 * 1024).fill(0x41) },
      'too-large',
    ],
    [
      'a text with no letter in it',
      { name: 'handleliste.txt', bytes: new TextEncoder().encode('melk\nbrød\nost\n') },
      'no-documents',
    ],
  ];
  for (const [what, file, code] of refusals) {
    it(`refuses ${what} with the file name and reason, storing nothing`, async () => {
      const { db } = await testDatabase();
      const before = await counts(db);
      const res = await importFile(db, actor, file, opts);
      expect(res).toMatchObject({ status: 'refused', file: file.name, code });
      expect(res.status === 'refused' && res.reason.length).toBeGreaterThan(10);
      expect(await counts(db)).toEqual(before);
    });
  }
});
