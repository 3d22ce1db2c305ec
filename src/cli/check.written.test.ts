/**
 * `tildel check` finds nothing in a series written in Tildel: an allocation letter and a
 * supplement whose totals table is derived from the letter, both as Word and as PDF files.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { issueIds, supplementTotals } from '../domain/draft';
import { buildLedger } from '../domain/ledger';
import { readLetterFile } from '../import';
import { buildDraftContent } from '../testing/builders';
import { buildLetterFile, buildWrittenFacts } from '../testing/letters';
import { runCheck } from '../testing/check-command';

const dir = mkdtempSync(join(tmpdir(), 'tildel-written-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = 0;
});

describe('tildel check on letters Tildel wrote', () => {
  it.each(['docx', 'pdf'] as const)(
    'finds nothing in a letter and its supplement (%s)',
    async (format) => {
      const letter = buildWrittenFacts();
      const letterBytes = await buildLetterFile(letter, format);
      const read = await readLetterFile(`brev.${format}`, new Uint8Array(letterBytes));
      const base = buildDraftContent();
      const changes = [{ ...base.appropriations[1]!, amount: 2_500 }];
      const title = 'Tillegg til tildelingsbrev nr. 1 for 2030';
      const supplement = buildWrittenFacts({
        kind: 'supplement',
        number: 1,
        ids: issueIds(1, 'supplement', 2030, new Set()),
        content: buildDraftContent({
          appropriations: changes,
          goals: [],
          calendar: [],
          assignments: [base.assignments[0]!],
        }),
        totals: supplementTotals(buildLedger(read.documents), changes, title),
      });
      const files = [join(dir, `brev.${format}`), join(dir, `tillegg-1.${format}`)];
      writeFileSync(files[0]!, letterBytes);
      writeFileSync(files[1]!, await buildLetterFile(supplement, format));

      const report = JSON.parse(await runCheck([...files, '--json'])) as {
        groups: { documents?: unknown[]; findings: unknown[] }[];
      };
      expect(report.groups).toHaveLength(1);
      expect(report.groups[0]!.findings).toEqual([]);
      expect(process.exitCode).toBe(0);
    },
  );
});
