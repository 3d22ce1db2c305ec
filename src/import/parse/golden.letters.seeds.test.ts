/**
 * Golden facts of the complete letters in ../shared/letters, read from both their Markdown and
 * their PDF (the same golden file for both: every format must read the same facts). Facts only,
 * no prose: appropriation rows with the change table's figures, assignments with owner, what
 * they clarify and every deadline with its sub-assignment, calendar dates, carried-over IDs.
 *
 * The golden files hold what the LETTER says, as people read it (src/import/parse/golden/
 * letters/*.facts.json, written by hand and checked against the letters). Where the importer
 * still reads a fact wrongly, MISREADS says so, with what it reads and why; the test expects
 * exactly that, so a fix fails the test until its entry is removed, and a new misreading fails
 * it too. The list is the importer's known distance from the truth on these letters.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import MarkdownIt from 'markdown-it';
import { afterAll, describe, expect, it } from 'vitest';
import { factsOf, type Facts } from '../../testing/facts';
import { expectGolden } from '../../testing/golden';
import { readSharedBytes } from '../../testing/shared';
import { extractText } from '../extract';
import { parseLetters } from './index';

const here = path.dirname(fileURLToPath(import.meta.url));
const LETTERS = [
  '02_hod-helsedir-2026-supplerende-nr1',
  '03_hod-helsedir-2026-supplerende-nr2',
  '05_hod-helsedir-2026-supplerende-nr4',
  '07_hod-dfd-nhn-2026-oppdragsdokument',
] as const;

interface Misread {
  letter: (typeof LETTERS)[number];
  /** The assignment, or `appropriations`. */
  item: string;
  /** What the importer reads instead of the letter's fact (the whole field). */
  reads: unknown;
  why: string;
}

/** Where the importer still reads these letters wrongly (see the header). */
const MISREADS: Misread[] = [
  {
    letter: '03_hod-helsedir-2026-supplerende-nr2',
    item: 'TB2026-17',
    reads: ['-:2026-06-01', '-:2026-10-01', '-:2026-11-01', '1:2026-06-15'],
    why: 'the bullets with deadlines after a paragraph inside deloppdrag 2) are not counted to it',
  },
  {
    letter: '05_hod-helsedir-2026-supplerende-nr4',
    item: 'TB2026-78',
    reads: ['1:2026-10-31', '2:2026-10-31'],
    why: 'deloppdrag 3 has a deadline without a date (after a public hearing), not read',
  },
  {
    letter: '05_hod-helsedir-2026-supplerende-nr4',
    item: 'TB2026-83',
    reads: [
      '-:2026-12-31',
      '1:2028-01-01',
      '2:2028-01-01',
      '3:2027-01-01',
      '3:2027-06-30',
      '5:2026-10-01',
      '5:2027-01-01',
      '5:2028-01-01',
    ],
    why: 'a roll-out in the background (rulles ut i løpet av 2026 og 2027) is taken for a deadline',
  },
];

/** The letter's facts with the known misreadings put in: what the importer must read now. */
function expectedNow(letter: (typeof LETTERS)[number], truth: Facts[]): Facts[] {
  const out = structuredClone(truth);
  for (const m of MISREADS.filter((x) => x.letter === letter)) {
    const doc = out.find((d) => m.item in d.assignments);
    if (!doc) throw new Error(`${m.letter}: no ${m.item} in the golden facts`);
    doc.assignments[m.item]!.deadlines = m.reads as string[];
  }
  return out;
}

async function read(file: string): Promise<Facts[]> {
  const bytes = new Uint8Array(readSharedBytes(file));
  const text = await extractText({ name: file, bytes });
  return parseLetters(text.lines).map(factsOf);
}

describe('golden facts of the complete letters, from Markdown and from PDF', () => {
  for (const letter of LETTERS) {
    const golden = path.join(here, 'golden', 'letters', `${letter}.facts.json`);
    for (const ext of ['md', 'pdf'] as const) {
      it(`${letter}.${ext}`, async () => {
        const actual = await read(`letters/${letter}.${ext}`);
        // A missing golden file fails (and leaves the output to review in test-artifacts/).
        if (!existsSync(golden)) return expectGolden(actual, golden);
        const truth = JSON.parse(readFileSync(golden, 'utf8')) as Facts[];
        expect(actual).toEqual(expectedNow(letter, truth));
      });
    }
  }

  it('lists each known misreading once, for an assignment the golden facts have', () => {
    const keys = MISREADS.map((m) => `${m.letter}|${m.item}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

/**
 * The same letters as Word files: each Markdown file rendered to HTML and saved as Word by
 * LibreOffice (real Word tables and numbering), then read by the Word reader. They must read the
 * same facts as the Markdown does. 03 is left out: LibreOffice's HTML import puts a bullet nested
 * in a numbered item on the item's own numbered level (it prints "2. Frist …" on the page too),
 * so its Word file says something the letter does not.
 */
describe('the complete letters saved as Word read as their Markdown', () => {
  const soffice = process.env.PATH?.split(path.delimiter)
    .map((dir) => path.join(dir, 'soffice'))
    .find((p) => existsSync(p));
  const dir = mkdtempSync(path.join(tmpdir(), 'tildel-word-letters-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const asWord = LETTERS.filter((l) => l !== '03_hod-helsedir-2026-supplerende-nr2');

  it.skipIf(soffice === undefined)(
    `${asWord.join(', ')} (skipped when soffice is not on PATH)`,
    { timeout: 300_000 },
    async () => {
      const md = new MarkdownIt('default', { html: true });
      for (const letter of asWord) {
        const body = md.render(readSharedBytes(`letters/${letter}.md`).toString('utf8'));
        writeFileSync(
          path.join(dir, `${letter}.html`),
          `<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"></head><body>${body}</body></html>`,
        );
      }
      await promisify(execFile)(
        soffice!,
        [
          `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`,
          '--headless',
          '--infilter=HTML (StarWriter)',
          '--convert-to',
          'docx:MS Word 2007 XML',
          '--outdir',
          dir,
          ...asWord.map((l) => path.join(dir, `${l}.html`)),
        ],
        { timeout: 240_000 },
      );
      for (const letter of asWord) {
        const name = `${letter}.docx`;
        const bytes = new Uint8Array(readFileSync(path.join(dir, name)));
        const facts = parseLetters((await extractText({ name, bytes })).lines).map(factsOf);
        expect(facts, letter).toEqual(await read(`letters/${letter}.md`));
      }
    },
  );
});
