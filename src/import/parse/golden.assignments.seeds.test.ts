/**
 * Golden facts for the assignment side of the seed letters (IDs, owners, deadlines, carried-over
 * IDs, calendar dates, line numbers — no prose). Seeds are read at test time from ../shared/seeds.
 * Until the splitter is wired in, documents are cut by the line ranges below.
 * A mismatch writes the actual output under test-artifacts/golden-actual/ to review and copy by
 * hand (src/testing/golden.ts).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../testing/golden';
import { readShared } from '../../testing/shared';
import { extractAssignmentSide } from './assignments';
import type { AssignmentSide, DocText } from './types';

const here = path.dirname(fileURLToPath(import.meta.url));

interface DocRange {
  from: number;
  to: number;
  kind: DocText['kind'];
  year: number;
  number: number | null;
}

const SEEDS: { prefix: string; file: string; docs: DocRange[] }[] = [
  {
    prefix: '000',
    file: '000_64c185cdf2762dea.txt',
    docs: [
      { from: 1, to: 814, kind: 'allocation-letter', year: 2020, number: null },
      ...(
        [
          [815, 949, 1],
          [950, 1004, 2],
          [1005, 1205, 3],
          [1206, 1424, 4],
          [1425, 1508, 5],
          [1509, 1627, 6],
          [1628, 1737, 7],
          [1738, 1781, 8],
          [1782, 1928, 9],
        ] as const
      ).map(([from, to, number]) => ({
        from,
        to,
        kind: 'supplement' as const,
        year: 2020,
        number,
      })),
    ],
  },
  {
    prefix: '001',
    file: '001_91a72f83a7478b9a.txt',
    docs: [{ from: 1, to: 214, kind: 'supplement', year: 2020, number: 3 }],
  },
  {
    prefix: '002',
    file: '002_f68f8952973592c5.txt',
    docs: [{ from: 1, to: 5037, kind: 'allocation-letter', year: 2024, number: null }],
  },
  {
    prefix: '004',
    file: '004_0eca73cba024b290.txt',
    docs: [{ from: 1, to: 95, kind: 'supplement', year: 2022, number: 10 }],
  },
];

function loadDoc(file: string, r: DocRange): DocText {
  const all = readShared(`seeds/${file}`).split(/\r?\n/);
  const lines = all.map((text, i) => ({ no: i + 1, text })).slice(r.from - 1, r.to);
  return { lines, year: r.year, kind: r.kind, number: r.number };
}

/** The facts of one document's assignment side that the golden files pin down. */
function facts(side: AssignmentSide, claimed: Set<number>) {
  return {
    assignments: side.assignments.map((a) => ({
      assignedId: a.assignedId,
      id: a.id,
      owner: a.ownerDepartment,
      lines: [a.provenance.startLine, a.provenance.endLine],
      subAssignments: a.subAssignments.map((s) => s.letter),
      deadlines: a.deadlines.map((d) => ({ date: d.date, appliesTo: d.appliesTo })),
      references: a.references,
      funding: a.funding.map((f) => `${f.chapter}.${f.post ?? ''}`),
      background: a.background && [
        a.background.provenance.startLine,
        a.background.provenance.endLine,
      ],
    })),
    preamble: side.preamble && [
      side.preamble.provenance.startLine,
      side.preamble.provenance.endLine,
    ],
    priorities: side.priorities.map((p) => [p.provenance.startLine, p.provenance.endLine]),
    reportingRequirements: side.reportingRequirements.map((r) => [
      r.provenance.startLine,
      r.provenance.endLine,
    ]),
    carriedOver: side.carriedOver.map((c) => ({ id: c.id, line: c.provenance.startLine })),
    calendar: side.calendar.map((c) => ({
      date: c.date,
      kind: c.kind,
      line: c.provenance.startLine,
    })),
    goals: side.goals.map((g) => ({
      code: g.code,
      lines: [g.provenance.startLine, g.provenance.endLine],
      criteria: g.evaluationCriteria.length,
    })),
    steeringParameters: side.steeringParameters.map((p) => `${p.kind}@${p.provenance.startLine}`),
    commonRequirements: side.commonRequirements.map((r) => r.provenance.startLine),
    mandates: side.mandates.map((m) => [m.provenance.startLine, m.provenance.endLine]),
    claimedLines: claimed.size,
  };
}

function run(seed: (typeof SEEDS)[number]) {
  return seed.docs.map((r) => {
    const { items, claimed } = extractAssignmentSide(loadDoc(seed.file, r));
    return { kind: r.kind, number: r.number, from: r.from, to: r.to, ...facts(items, claimed) };
  });
}

describe('assignment side golden files', () => {
  for (const seed of SEEDS) {
    it(`${seed.prefix}: matches golden/${seed.prefix}.assignments.json`, async () => {
      await expectGolden(run(seed), path.join(here, 'golden', `${seed.prefix}.assignments.json`));
    });

    it(`${seed.prefix}: is idempotent`, () => {
      for (const r of seed.docs) {
        const doc = loadDoc(seed.file, r);
        expect(extractAssignmentSide(doc)).toEqual(extractAssignmentSide(doc));
      }
    });
  }

  it('002: the register holds TB2024-01 … TB2024-92 with every deloppdrag deadline', () => {
    const seed = SEEDS.find((s) => s.prefix === '002')!;
    const { items } = extractAssignmentSide(loadDoc(seed.file, seed.docs[0]!));
    const ids = items.assignments.map((a) => a.assignedId);
    const expected = Array.from(
      { length: 92 },
      (_, i) => `TB2024-${String(i + 1).padStart(2, '0')}`,
    );
    expect(ids).toEqual(expected);
    expect(items.assignments.every((a) => a.id === a.assignedId)).toBe(true);
    const tb07 = items.assignments.find((a) => a.id === 'TB2024-07')!;
    expect(tb07.ownerDepartment).toBe('FHA');
    expect(tb07.subAssignments.map((s) => s.letter)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(tb07.deadlines.map((d) => `${d.appliesTo}:${d.date}`)).toEqual([
      'a:2024-02-01',
      'b:2024-03-15',
      'c:2024-03-15',
      'd:2024-07-01',
      'e:2024-07-01',
      'f:2024-07-01',
      'g:2024-09-01',
    ]);
    const tb26 = items.assignments.find((a) => a.id === 'TB2024-26')!;
    expect(tb26.ownerDepartment).toBe('SHA/KTA/FHA');
    expect(tb26.deadlines.map((d) => `${d.appliesTo}:${d.date}`)).toContain('1:2024-08-02');
    expect(items.carriedOver).toHaveLength(71);
    expect(items.carriedOver.map((c) => c.id)).toContain('TTB2018-07');
    expect(items.calendar).toHaveLength(12);
    expect(items.goals.map((g) => g.code)).toEqual(
      Array.from({ length: 14 }, (_, i) => `Mål ${i + 1}`),
    );
  });

  it('000: the 2020 letter tasks get generated IDs and their deadlines', () => {
    const seed = SEEDS.find((s) => s.prefix === '000')!;
    const { items } = extractAssignmentSide(loadDoc(seed.file, seed.docs[0]!));
    expect(items.assignments).toHaveLength(32);
    expect(items.assignments.every((a) => a.id === null)).toBe(true);
    expect(items.assignments[0]!.assignedId).toBe('TB2020-01');
    expect(items.assignments[31]!.assignedId).toBe('TB2020-32');
    const dates = items.assignments.flatMap((a) => a.deadlines.map((d) => d.date));
    expect(dates).toContain('2020-05-01');
    expect(dates).toContain('2020-10-15');
    expect(items.calendar).toHaveLength(12);
  });

  it('000: supplement numbering can run across the year', () => {
    const seed = SEEDS.find((s) => s.prefix === '000')!;
    const nr1 = extractAssignmentSide(loadDoc(seed.file, seed.docs[1]!));
    const taken = new Set(nr1.items.assignments.map((a) => a.assignedId));
    const nr3 = extractAssignmentSide(loadDoc(seed.file, seed.docs[3]!), { taken });
    expect(nr1.items.assignments.map((a) => a.assignedId)).toEqual([
      'TTB2020-01',
      'TTB2020-02',
      'TTB2020-03',
      'TTB2020-04',
      'TTB2020-05',
    ]);
    expect(nr3.items.assignments[0]!.assignedId).toBe('TTB2020-06');
  });
});
