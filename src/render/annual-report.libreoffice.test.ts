/**
 * An annual report's PDF, as Tildel writes it, opens in LibreOffice: headless LibreOffice
 * imports it (its PDF import into Writer) and saves it as ODT, whose text holds the parts, the
 * sums and the signature. The sample's annual report, from the database, is converted from DOCX
 * in annual-report.libreoffice.db.test.ts. Needs `soffice` on PATH (.ci/run installs it) and
 * fails without it.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { readZipDirectory, unzipEntry } from '../import/extract/zip';
import { buildAnnualReport } from '../testing/annual-report';
import { layOutAnnualReport } from './annual-report';
import { letterPdf } from './pdf';

const run = promisify(execFile);

describe('an annual report written as PDF opens in LibreOffice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tildel-annual-pdf-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is imported and saved as ODT with its text', { timeout: 180_000 }, async () => {
    const blocks = layOutAnnualReport(buildAnnualReport(), { date: '2061-02-20', locale: 'nb' });
    const pdf = join(dir, 'arsrapport.pdf');
    writeFileSync(
      pdf,
      await letterPdf(blocks, { title: 'Årsrapport', creator: 'T', locale: 'nb' }),
    );
    const profile = pathToFileURL(join(dir, 'profile')).href;
    try {
      await run(
        'soffice',
        [
          `-env:UserInstallation=${profile}`,
          '--headless',
          '--infilter=writer_pdf_import',
          '--convert-to',
          'odt',
          '--outdir',
          dir,
          pdf,
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
    const odt = join(dir, 'arsrapport.odt');
    expect(existsSync(odt), `LibreOffice wrote no ${odt}`).toBe(true);
    const bytes = new Uint8Array(readFileSync(odt));
    const entry = readZipDirectory(bytes)?.find((e) => e.name === 'content.xml');
    const xml = entry ? unzipEntry(bytes, entry, 20_000_000) : null;
    if (!xml || !('data' in xml)) throw new Error('The ODT LibreOffice wrote has no content');
    // Each line of the PDF is a text frame of its own: look for words, not paragraphs.
    const text = xml.data
      .toString('utf8')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
    for (const words of [
      'Årsrapport 2060 for Havdatadirektoratet',
      'I Leders beretning',
      'VI Årsregnskap',
      'TB2060-01',
      '218 200',
      'Dag Dybdahl',
    ]) {
      expect(text).toContain(words);
    }
  });
});
