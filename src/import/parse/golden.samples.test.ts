/**
 * Golden output of the whole parser for the project's own sample letters (sample-data/*.txt),
 * which the parser was not written against: a second test set in the same family of layouts.
 * The text is our own, so the golden files hold the full output. A mismatch writes the actual
 * output under test-artifacts/golden-actual/ to review and copy by hand (src/testing/golden.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ExtractedDocument } from '../../contract/letter';
import { expectGolden } from '../../testing/golden';
import { parseLetters } from './index';

const here = path.dirname(fileURLToPath(import.meta.url));
const sampleDir = path.resolve(here, '../../../sample-data');
const SAMPLES = [
  ['sample-01', '01-tildelingsbrev-2026.txt'],
  ['sample-02', '02-tillegg-2026.txt'],
] as const;

function parse(file: string): ExtractedDocument[] {
  const lines = readFileSync(path.join(sampleDir, file), 'utf8').split(/\r?\n/);
  return parseLetters(lines).map((d) => ExtractedDocument.parse(d));
}

describe('golden: the sample letters', () => {
  for (const [name, file] of SAMPLES) {
    it(`${name}: matches golden/${name}.json`, async () => {
      await expectGolden(parse(file), path.join(here, 'golden', `${name}.json`));
    });
  }

  it('sample-01: every item of the letter', () => {
    const [letter] = parse('01-tildelingsbrev-2026.txt');
    expect(letter?.appropriations.map((a) => [a.chapter, a.post, a.amount])).toEqual([
      [1480, 1, 212450],
      [1480, 21, 38900],
      [1480, 70, 64000],
      [4480, 2, 18200],
    ]);
    expect(letter?.earmarks.map((e) => [e.chapter, e.post, e.amount])).toEqual([[1480, 21, 12500]]);
    expect(letter?.goals.map((g) => g.code)).toEqual(['Mål 1', 'Mål 2']);
    expect(letter?.steeringParameters.map((p) => p.kind)).toEqual([
      'styringsparameter',
      'styringsparameter',
      'nøkkeltall',
    ]);
    const tasks = letter?.assignments ?? [];
    expect(tasks.map((a) => [a.id, a.ownerDepartment])).toEqual([
      ['TB2026-01', 'HFA'],
      ['TB2026-02', 'HFA'],
      ['TB2026-03', 'KYA'],
      ['TB2026-04', 'KYA'],
      ['TB2026-05', 'HFA'],
    ]);
    expect(tasks[1]?.deadlines.map((d) => `${d.appliesTo}:${d.date}`)).toEqual([
      'a:2026-03-15',
      'b:2026-10-01',
    ]);
    expect(tasks[2]?.references).toEqual(['TB2025-04']);
    expect(tasks[3]?.deadlines[0]?.value.kind).toBe('undetermined');
    expect(tasks[4]?.deadlines[0]?.value).toEqual({
      kind: 'range',
      start: '2026-11-11',
      end: '2026-11-20',
      precision: 'mid-month',
    });
    expect(letter?.carriedOver.map((c) => c.id)).toEqual(['TB2025-04', 'TTB2025-02']);
    expect(letter?.calendar).toHaveLength(6);
    expect(letter?.unparsed).toEqual([]);
  });

  it('sample-02: each supplement counts its money once and prints its own assignment', () => {
    const [nr1, nr2] = parse('02-tillegg-2026.txt');
    expect(nr1?.appropriations.map((a) => [a.chapter, a.post, a.amount])).toEqual([
      [1480, 21, 4600],
    ]);
    expect(nr2?.appropriations.map((a) => [a.chapter, a.post, a.amount])).toEqual([
      [1480, 21, 2500],
    ]);
    expect(
      nr2?.assignments.map((a) => [a.assignedId, a.clarifies, a.deadlines.map((d) => d.date)]),
    ).toEqual([
      ['TTB2026-01', null, ['2026-11-30']],
      // A clarification of the letter's TB2026-02, not a new assignment.
      ['TB2026-02', 'TB2026-02', ['2026-09-01']],
    ]);
    // The table after the last assignment is the money side's: its caption is in no text.
    for (const a of nr2?.assignments ?? []) expect(a.text).not.toMatch(/Kap\. 1480|Oversikt/);
    // No letterhead and no ministry named: `Departementet` alone is no name.
    expect(nr1?.ministry).toBeNull();
  });
});
