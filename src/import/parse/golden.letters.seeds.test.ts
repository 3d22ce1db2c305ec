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
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
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
