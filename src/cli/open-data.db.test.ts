/**
 * The "done": the open-data files of the sample series download without signing in
 * and reload into `tildel import --dry-run` with the same facts. On a database of its own
 * with the sample data (the letter series imported, a supplement written and issued in Tildel):
 * every letter's JSON is fetched through the open-data API as a visitor, written to files, and
 * read by the real command beside the sample's own files; each reloaded letter gives the facts
 * of the original (appropriations, assignments with IDs, owners and deadlines, calendar,
 * totals), and the one written in Tildel those of its stored reading. A JSON file that is not
 * a letter is refused with its name and reason.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, resolve } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DryRunOutput, type ExtractedDocument } from '../contract/letter';
import { OpenDataIndex, OpenYear } from '../contract/open-data';
import { openDatabase, type Database } from '../db/client';
import { documents } from '../db/schema';
import { buildApp, type App } from '../server/app';
import { loadSampleDataIfEmpty, sampleFiles } from '../services/sample-data';
import { tildel } from '../testing/cli';
import { factsOf } from '../testing/facts';

/** The facts compared: the golden files' facts, and the sums and totals tables the ledger checks. */
const facts = (d: ExtractedDocument) => ({
  ...factsOf(d),
  appropriationNames: d.appropriations.map((a) => `${a.chapter}.${a.post} ${a.postName}`),
  assignmentIds: d.assignments.map((a) => a.assignedId),
  sumLines: d.sumLines.map((s) => `${s.chapter} ${s.amount}`),
  totals: d.totalsClaimed.map((t) => ({
    post: `${t.chapter}.${t.post ?? '-'}`,
    rows: t.rows.map((r) => r.amount),
    total: t.total?.amount ?? null,
  })),
});

const key = (d: { kind: string; number: number | null; year: number }) =>
  `${d.year} ${d.kind} ${d.number ?? 0}`;

describe('open data of the sample series reloads through the dry run', () => {
  let database: Database;
  let app: App;
  const dir = mkdtempSync(resolve(tmpdir(), 'tildel-open-data-'));
  /** What was downloaded: file path → the open-data URL. */
  const downloaded = new Map<string, string>();

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    await database.migrate();
    expect(await loadSampleDataIfEmpty(database.db)).toBeGreaterThan(0);
    app = await buildApp({ database, webDir: '/nonexistent' });
    // Signed out, as anyone on the internet.
    const index = OpenDataIndex.parse((await app.inject({ url: '/api/open/v1' })).json());
    for (const y of index.years) {
      const year = OpenYear.parse((await app.inject({ url: y.url })).json());
      for (const agency of year.agencies) {
        for (const letter of agency.letters) {
          const res = await app.inject({ url: letter.url });
          expect(res.statusCode, letter.url).toBe(200);
          const path = resolve(dir, `${y.year}-${agency.slug}-${letter.name}.json`);
          writeFileSync(path, res.rawPayload);
          downloaded.set(path, letter.url);
        }
      }
    }
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('reloads every published letter with the facts of the original', async () => {
    const published = await database.db
      .select({ id: documents.id, extracted: documents.extracted })
      .from(documents)
      .where(and(eq(documents.status, 'published'), eq(documents.isCurrent, true)));
    expect(downloaded.size).toBe(published.length);
    expect(downloaded.size).toBeGreaterThanOrEqual(3);

    const originals = sampleFiles();
    const res = await tildel('import', '--dry-run', '--json', ...originals, ...downloaded.keys());
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const out = DryRunOutput.parse(JSON.parse(res.stdout));
    const fromOriginals = new Map(
      out.documents.filter((d) => originals.includes(d.file)).map((d) => [key(d), d]),
    );
    const stored = new Map(published.map((p) => [key(p.extracted), p.extracted]));
    const reloaded = out.documents.filter((d) => downloaded.has(d.file));
    expect(reloaded).toHaveLength(downloaded.size);
    let againstOriginal = 0;
    for (const d of reloaded) {
      const { file, ...reading } = d;
      // The stored reading: what the importer read, with any correction made since.
      expect(facts(reading), file).toEqual(facts(stored.get(key(d))!));
      const original = fromOriginals.get(key(d));
      if (original) {
        const { file: _f, ...first } = original;
        expect(facts(reading), `${basename(file)} against ${original.file}`).toEqual(facts(first));
        againstOriginal++;
      }
    }
    // The imported letter and supplements against their files; the one written in Tildel
    // against its stored reading only (its file is made when it is issued).
    expect(againstOriginal).toBe(fromOriginals.size);
    expect(againstOriginal).toBeGreaterThanOrEqual(2);
    expect(reloaded.some((d) => d.assignments.length > 0 && d.calendar.length > 0)).toBe(true);
  }, 180_000);

  it("the year's zip holds the same letter files", async () => {
    const index = OpenDataIndex.parse((await app.inject({ url: '/api/open/v1' })).json());
    for (const y of index.years) {
      const zip = unzipSync(new Uint8Array((await app.inject({ url: y.bulk })).rawPayload));
      const year = OpenYear.parse((await app.inject({ url: y.url })).json());
      for (const agency of year.agencies) {
        for (const letter of agency.letters) {
          const inZip = zip[`letters/${agency.slug}/${letter.name}.json`];
          const served = (await app.inject({ url: letter.url })).rawPayload;
          expect(Buffer.compare(Buffer.from(inZip!), served), letter.url).toBe(0);
        }
      }
    }
  });

  it('refuses a JSON file that is not a letter, naming it and why', async () => {
    const path = resolve(dir, 'not-a-letter.json');
    writeFileSync(path, JSON.stringify({ documents: [{ kind: 'memo' }] }));
    const broken = resolve(dir, 'broken.json');
    writeFileSync(broken, '{"documents": [');
    const res = await tildel('import', '--dry-run', path, broken);
    expect(res.code).toBe(1);
    // One line per file: its name, the code and the reason (the frame is in the CLI's language).
    const line = (file: string) => res.stderr.split('\n').find((l) => l.startsWith(`${file}: `));
    expect(line(path)).toContain('(corrupt)');
    expect(line(path)).toContain("the file is not a letter in Tildel's published form");
    expect(line(path)).toContain('documents.0.kind');
    expect(line(broken)).toContain('(corrupt)');
    expect(line(broken)).toContain('the file is not valid JSON');
  }, 60_000);
});
