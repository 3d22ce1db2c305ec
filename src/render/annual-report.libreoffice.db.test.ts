/**
 * The sample agency's annual report (sample-data/reports.json: on 2026, signed and published)
 * exports to Word and PDF that open in LibreOffice: the sample is loaded into a database of its
 * own, the report read as the public reads it and written as the API writes it, then headless
 * LibreOffice converts the DOCX to PDF, and the text of that PDF and of the one Tildel wrote is
 * read back: the six parts, the sums and the signatures. Needs `soffice` on PATH
 * (.ci/run installs it) and fails without it.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/client';
import { reports } from '../db/schema';
import { ANONYMOUS } from '../domain/policy';
import { extractText } from '../import/extract';
import { presentAnnualReportFile } from '../server/presenters/report';
import { getReport } from '../services/reports';
import {
  loadSampleDataIfEmpty,
  loadSampleFollowUp,
  loadSampleReports,
} from '../services/sample-data';
import { ensureLocalUsers } from '../services/users';

const run = promisify(execFile);

/** Converts `file` with headless LibreOffice in a profile of its own; the output's path. */
async function soffice(dir: string, file: string, to: string): Promise<string> {
  const profile = pathToFileURL(join(dir, 'profile')).href;
  try {
    await run(
      'soffice',
      [
        `-env:UserInstallation=${profile}`,
        '--headless',
        '--convert-to',
        to,
        '--outdir',
        join(dir, to),
        file,
      ],
      { timeout: 120_000 },
    );
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        'soffice (LibreOffice) is not on PATH: install it, e.g. apt-get install -y libreoffice-writer-nogui',
      );
    }
    throw err;
  }
  return join(
    dir,
    to,
    file
      .split('/')
      .pop()!
      .replace(/\.\w+$/, `.${to}`),
  );
}

const lines = async (name: string, bytes: Uint8Array) =>
  (await extractText({ name, bytes })).lines.join('\n').replace(/\s+/g, ' ');

describe('the sample annual report opens in LibreOffice', () => {
  let database: Database;
  const dir = mkdtempSync(join(tmpdir(), 'tildel-annual-'));
  const files: Partial<Record<'docx' | 'pdf', Uint8Array>> = {};

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    await database.migrate();
    await loadSampleDataIfEmpty(database.db);
    await ensureLocalUsers(database.db);
    await loadSampleFollowUp(database.db);
    await loadSampleReports(database.db);
    const [row] = await database.db
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.kind, 'annual'), eq(reports.status, 'accepted')));
    // Read as a visitor reads the published report.
    const found = await getReport(database.db, ANONYMOUS, row!.id);
    for (const format of ['docx', 'pdf'] as const) {
      const file = await presentAnnualReportFile(ANONYMOUS, found!, '2027-03-01', format);
      files[format] = file!.bytes;
      writeFileSync(join(dir, `arsrapport.${format}`), file!.bytes);
    }
  }, 180_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await database?.close();
  });

  const expectAnnualReport = (text: string) => {
    expect(text).toContain('Årsrapport 2026 for Havdatadirektoratet');
    for (const heading of [
      'I Leders beretning',
      'II Introduksjon til virksomheten og hovedtall',
      'III Årets aktiviteter og resultater',
      'IV Styring og kontroll i virksomheten',
      'V Vurdering av framtidsutsikter',
      'VI Årsregnskap',
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('TB2026-02');
    // Table cells wrap over lines: the start of a key figure, the values given.
    expect(text).toContain('Andel datasett');
    expect(text).toContain('78 prosent');
    // The appropriation of 2026 in all, from the ledger (the letter and its supplements), and
    // the sum row of part VI: the accounts 1 350 under it on post 01.
    expect(text).toContain('Samlet tildeling for 2026: 342 450');
    expect(text).toContain('Sum 342 450 341 100 -1 350');
    expect(text.match(/Dag Dybdahl/g)).toHaveLength(2);
  };

  it(
    'converts the DOCX to PDF, which reads as the annual report',
    { timeout: 180_000 },
    async () => {
      const pdf = await soffice(dir, join(dir, 'arsrapport.docx'), 'pdf');
      expect(existsSync(pdf), `LibreOffice wrote no ${pdf}`).toBe(true);
      const printed = new Uint8Array(readFileSync(pdf));
      expect(new TextDecoder().decode(printed.subarray(0, 4))).toBe('%PDF');
      expectAnnualReport(await lines('arsrapport.pdf', printed));
    },
  );

  // LibreOffice's PDF import fails in this test's worker once PGlite has run in it ("source
  // file could not be loaded"; the same file opens from a shell): annual-report.libreoffice.test.ts
  // opens a PDF written the same way in LibreOffice; here pdf.js, the importer's reader, reads it.
  it('writes a PDF that reads as the annual report', async () => {
    expect(new TextDecoder().decode(files.pdf!.subarray(0, 4))).toBe('%PDF');
    expectAnnualReport(await lines('arsrapport.pdf', files.pdf!));
  });
});
