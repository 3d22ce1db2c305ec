/**
 * Import scenario: reading and parsing the four seed letters, the complete Markdown letters of
 * ../shared/letters and a generated 300-page PDF,
 * each beside the raw read/extraction of the same file in the same run. Peak memory of the
 * 300-page import is measured in a child process of its own (max RSS).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { extractText } from '../src/import/extract';
import { readLetterFile } from '../src/import/index';
import { makeLetterPdf } from './fixtures/make-pdf';
import { compare, timeMedian, type Figure, type Scenario } from './harness';

const root = resolve(import.meta.dirname, '..');
const seedsDir = resolve(root, '../shared/seeds');
const lettersDir = resolve(root, '../shared/letters');
const big = { maxBytes: 200 * 1024 * 1024 };

export const importScenario: Scenario = {
  name: 'Import: parse vs raw extraction',
  async run() {
    const figures: Figure[] = [];
    const files = [
      ...readdirSync(seedsDir)
        .filter((f) => f.endsWith('.txt'))
        .map((f) => resolve(seedsDir, f)),
      // Complete letters as Markdown (a converter's output): Markdown parsing is the raw part.
      ...readdirSync(lettersDir)
        .filter((f) => f.endsWith('.md') && f !== 'README.md')
        .map((f) => resolve(lettersDir, f)),
    ].sort();
    for (const path of files) {
      const name = path.slice(path.lastIndexOf('/') + 1);
      const bytes = new Uint8Array(readFileSync(path));
      const raw = await timeMedian(async () => extractText({ name, bytes }, big), 10, 2);
      let docs = 0;
      const full = await timeMedian(
        async () => {
          docs = (await readLetterFile(name, bytes, big)).documents.length;
        },
        10,
        2,
      );
      figures.push(
        compare(
          `import ${name.endsWith('.md') ? name.slice(0, 2) + '.md' : name.slice(0, 3)} (${docs} documents)`,
          'ms',
          full,
          {
            name: name.endsWith('.md') ? 'raw Markdown extraction' : 'raw text read',
            value: raw,
          },
          {
            msPerDocument: (full / docs).toFixed(2),
            kbPerSecond: Math.round(bytes.byteLength / 1024 / (full / 1000)),
          },
        ),
      );
    }

    const pdf = await makeLetterPdf(300);
    const dir = mkdtempSync(resolve(tmpdir(), 'tildel-bench-'));
    const file = resolve(dir, 'letter-300.pdf');
    writeFileSync(file, pdf);
    const child = (mode: string) =>
      JSON.parse(
        execFileSync(
          process.execPath,
          [resolve(root, 'bin/run-ts.js'), resolve(root, 'bench/import-child.ts'), mode, file],
          {
            encoding: 'utf8',
            maxBuffer: 64 * 1024 * 1024,
          },
        ),
      ) as { ms: number; maxRssMb: number; pages: number; lines: number };
    const extractOnly = child('extract');
    const fullImport = child('parse');
    figures.push(
      compare(
        'import 300-page PDF',
        'ms',
        fullImport.ms,
        { name: 'raw PDF text extraction', value: extractOnly.ms },
        {
          pagesPerSecond: Math.round(fullImport.pages / (fullImport.ms / 1000)),
          peakRssMb: fullImport.maxRssMb,
          extractionPeakRssMb: extractOnly.maxRssMb,
          pdfKb: Math.round(pdf.byteLength / 1024),
        },
      ),
    );
    return figures;
  },
};
