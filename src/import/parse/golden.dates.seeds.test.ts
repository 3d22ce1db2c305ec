/**
 * The letter's date in every real letter of ../shared/ (read at test time, through the same
 * extraction as an import): the date each one prints in its letterhead, determined by reading
 * it, or null where it prints none (digits stripped by the site, or no letterhead). Only the date
 * is asserted here; the other fields have their own golden files.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSharedBytes } from '../../testing/shared';
import { extractText } from '../extract';
import { parseLetters } from './index';

/** File → the date of each document the file is read as, in order. */
const EXPECTED: Record<string, (string | null)[]> = {
  // `Dato 27. februar 2026` under the `Deres ref Vår ref` row.
  'letters/02_hod-helsedir-2026-supplerende-nr1.pdf': ['2026-02-27'],
  'letters/03_hod-helsedir-2026-supplerende-nr2.pdf': ['2026-04-16'],
  'letters/05_hod-helsedir-2026-supplerende-nr4.pdf': ['2026-07-07'],
  // `Dato 19. januar 2026` with running text after it on the same line.
  'letters/07_hod-dfd-nhn-2026-oppdragsdokument.pdf': ['2026-01-19'],
  // `Deres ref Vår ref Dato <ref> <initials> 20.desember 2019`: a table row on one line.
  'letters/08_sd-jernbanedirektoratet-2020-partial.txt': ['2019-12-20'],
  // A lone `25.01.2017` under the title block (a cover page; the title again on the next page
  // is the same letter).
  'letters/09_jd-kriminalomsorgsdirektoratet-2017-partial.txt': ['2017-01-25'],
  // Squashed page: `… (KDI) 03.02.2014 Innhold …`.
  'letters/10_jd-kriminalomsorgsdirektoratet-2014-squashed-partial.txt': ['2014-02-03'],
  // Nynorsk `Dykkar ref Vår refdato` with its digits stripped: no date printed.
  'letters/11_sd-jernbanetilsynet-2012-nynorsk-partial.txt': [null],
  // OCR: a received stamp `2 9 DES 2011` first, then the letter's `Dato 22.12.2011`.
  'letters/12_hod-legemiddelverket-2012-ocr-partial.txt': ['2011-12-22'],
  // No letterhead; the dates in the text are the Storting's decisions.
  'letters/13_kd-meteorologisk-institutt-2013-partial.txt': [null],
  // `Dato` labels whose values were stripped.
  'letters/14_nhd-norsk-romsenter-2013-partial.txt': [null],
  'letters/15_kmd-kompetansesenter-distriktsutvikling-2014-partial.txt': [null],
  'letters/16_kud-nasjonalbiblioteket-2011-partial.txt': [null],
  'letters/17_nhd-patentstyret-2012-partial.txt': [null],
  // The seeds print a date only in supplement 4 of 000 (`Dato` over `21. april 2020`).
  'seeds/000_64c185cdf2762dea.txt': [
    null,
    null,
    null,
    null,
    '2020-04-21',
    null,
    null,
    null,
    null,
    null,
  ],
  'seeds/001_91a72f83a7478b9a.txt': [null],
  'seeds/002_f68f8952973592c5.txt': [null],
  'seeds/004_0eca73cba024b290.txt': [null],
};

describe('golden: letter dates', () => {
  for (const [file, dates] of Object.entries(EXPECTED)) {
    it(file, async () => {
      const bytes = new Uint8Array(readSharedBytes(file));
      const { lines } = await extractText({ name: path.basename(file), bytes });
      const docs = parseLetters(lines);
      expect(docs.map((d) => d.date)).toEqual(dates);
      expect(
        docs.flatMap((d) => d.warnings).filter((w) => w.code.startsWith('letter-date')),
      ).toEqual([]);
    });
  }
});
