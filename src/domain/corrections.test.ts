import { describe, expect, it } from 'vitest';
import { buildAssignment, buildDocument } from '../testing/builders';
import type { Deadline } from '../contract/letter';
import {
  applyCorrection,
  applyCorrections,
  appropriationConfidence,
  appropriationKeys,
  assignmentConfidence,
  assignmentParagraphs,
  correctedFields,
  keysSharingLines,
  openReviewItems,
  splitAssignmentId,
  type CorrectionRef,
} from './corrections';

describe('item keys', () => {
  it('names appropriation rows by chapter, post and their place among rows of that post', () => {
    expect(
      appropriationKeys([
        { chapter: 760, post: 21 },
        { chapter: 760, post: 1 },
        { chapter: 760, post: 21 },
      ]),
    ).toEqual(['760.21#0', '760.01#0', '760.21#1']);
  });
});

describe('confidence', () => {
  it('is high for an assignment with ID, owner and a dated deadline, and says why otherwise', () => {
    expect(assignmentConfidence(buildAssignment({ id: 'TB2030-01' }))).toEqual({
      confidence: 'high',
      reasons: [],
    });
    const weak = buildAssignment({
      id: null,
      ownerDepartment: null,
      deadlines: [
        {
          date: null,
          text: 'etter avtale',
          appliesTo: null,
          value: { kind: 'undetermined', phrase: 'etter avtale' },
        },
      ],
      clarifies: 'TB2030-09',
    });
    expect(assignmentConfidence(weak, { clarifiedFound: false })).toEqual({
      confidence: 'low',
      reasons: ['id-assigned', 'no-owner', 'deadline-undetermined', 'clarifies-unknown'],
    });
    expect(
      assignmentConfidence(buildAssignment({ id: 'TB2030-61', text: '', deadlines: [] })).reasons,
    ).toEqual(['listed-only']);
  });

  it('doubts an amount read from running text and a change row that does not add up', () => {
    const [row] = buildDocument().appropriations;
    expect(appropriationConfidence(row!).confidence).toBe('high');
    expect(appropriationConfidence({ ...row!, fromText: true }).reasons).toEqual([
      'read-from-prose',
    ]);
    expect(
      appropriationConfidence({ ...row!, amount: 5, changeRow: { previous: 10, total: 16 } })
        .reasons,
    ).toEqual(['change-row-mismatch']);
  });

  it('doubts the items the import warned share lines with another, by their review keys', () => {
    const sharing = keysSharingLines([
      { code: 'date-impossible', params: { date: '31.6.2030', from: 1, to: 1 } },
      {
        code: 'lines-read-twice',
        params: {
          first: 'TB2030-08',
          second: 'kap. 700 post 01',
          firstKey: 'assignment:TB2030-08',
          secondKey: 'appropriation:700.01#0',
          from: 40,
          to: 40,
        },
      },
      { code: 'lines-read-twice', params: { first: 'Sum', second: 'Årsrapport', from: 9, to: 9 } },
    ]);
    expect([...sharing]).toEqual(['assignment:TB2030-08', 'appropriation:700.01#0']);
    const [row] = buildDocument().appropriations;
    expect(appropriationConfidence(row!, { sharesLines: true })).toEqual({
      confidence: 'low',
      reasons: ['shares-lines'],
    });
    const a = buildAssignment({ id: 'TB2030-08', assignedId: 'TB2030-08' });
    expect(assignmentConfidence(a, { sharesLines: true })).toEqual({
      confidence: 'low',
      reasons: ['shares-lines'],
    });
  });
});

describe('applying corrections to a reading', () => {
  it('applies them in order, keeps those already true, and returns those without their item', () => {
    const doc = buildDocument({
      assignments: [
        buildAssignment({ id: null, assignedId: 'TB2030-01', ownerDepartment: null }),
        buildAssignment({ id: 'TB2030-02', assignedId: 'TB2030-02' }),
      ],
    });
    const { doc: fixed, unmatched } = applyCorrections(doc, [
      { itemKind: 'assignment', itemKey: 'TB2030-01', change: { field: 'id', value: 'TB2030-07' } },
      // Named by the ID it has after the correction before it.
      {
        itemKind: 'assignment',
        itemKey: 'TB2030-07',
        change: { field: 'ownerDepartment', value: 'FHA' },
      },
      {
        itemKind: 'assignment',
        itemKey: 'TB2030-02',
        change: { field: 'notAnAssignment', value: true },
      },
      { itemKind: 'assignment', itemKey: 'TB2030-44', change: { field: 'title', value: 'X' } },
      { itemKind: 'appropriation', itemKey: '700.01#0', change: { field: 'amount', value: 1 } },
    ]);
    expect(fixed.assignments.map((a) => [a.id, a.ownerDepartment])).toEqual([['TB2030-07', 'FHA']]);
    expect(fixed.appropriations[0]!.amount).toBe(1);
    expect(unmatched.map((c) => c.itemKey)).toEqual(['TB2030-44']);
    // The reading it was given is not changed.
    expect(doc.assignments).toHaveLength(2);
  });
});

describe('what a review leaves open', () => {
  const doc = buildDocument({
    assignments: [
      buildAssignment({ id: 'TB2030-01', assignedId: 'TB2030-01' }),
      buildAssignment({ id: 'TB2030-02', assignedId: 'TB2030-02', ownerDepartment: null }),
      buildAssignment({ id: null, assignedId: 'TB2030-03' }),
      buildAssignment({ id: 'TB2030-04', assignedId: 'TB2030-04', clarifies: 'TB2029-07' }),
    ],
  });
  const base = doc.appropriations[0]!;
  const withProse = { ...doc, appropriations: [base, { ...base, fromText: true }] };

  it('counts the items the importer is unsure of that no one corrected', () => {
    // TB2030-02 (no owner), TB2030-03 (ID assigned), TB2030-04 (changes one not found) and the
    // amount read from prose.
    expect(openReviewItems(withProse, [], () => false)).toBe(4);
    // The change names an assignment Tildel has: sure of it.
    expect(openReviewItems(withProse, [], (i) => i === 3)).toBe(3);
    const corrections = [
      {
        itemKind: 'assignment' as const,
        itemKey: 'TB2030-03',
        change: { field: 'title' as const, value: 'Ny tittel' },
      },
      {
        itemKind: 'appropriation' as const,
        itemKey: '700.01#1',
        change: { field: 'amount' as const, value: 10 },
      },
    ];
    expect(openReviewItems(withProse, corrections, (i) => i === 3)).toBe(1);
  });
});

const exact = (text: string, date: string, appliesTo: string | null = null): Deadline => ({
  date,
  text,
  appliesTo,
  value: { kind: 'exact', date },
});

describe('merging and splitting assignments', () => {
  // A letter without printed IDs: the importer numbered them in order. The first item ran two
  // tasks together (a heading the importer took for a line of text).
  const reading = () =>
    buildDocument({
      year: 2030,
      assignments: [
        buildAssignment({
          id: null,
          assignedId: 'TB2030-01',
          title: 'Kartlegge havbunnen',
          text: [
            'Direktoratet skal kartlegge havbunnen i Skagerrak innen 1. juni 2030.',
            '- lage et kart i samarbeid med Kartverket',
            'Havdatakatalog',
            'Direktoratet skal oppdatere havdatakatalogen innen 1. oktober 2030, jf. TB2029-04.',
            '- bruke midler fra kap. 1480',
          ].join('\n'),
          deadlines: [exact('1. juni 2030', '2030-06-01'), exact('1. oktober 2030', '2030-10-01')],
          collaborators: ['Kartverket'],
          references: ['TB2029-04'],
          funding: [{ chapter: 1480, post: 1 }],
        }),
        buildAssignment({
          id: null,
          assignedId: 'TB2030-02',
          title: 'Utrede en havdatatjeneste',
          text: 'Direktoratet skal utrede en ny tjeneste for havdata.',
          deadlines: [exact('1. mai 2030', '2030-05-01')],
        }),
        buildAssignment({
          id: null,
          assignedId: 'TB2030-03',
          title: 'Rapportere om tjenesten',
          text: 'Direktoratet skal rapportere om tjenesten innen 1. september 2030.',
          deadlines: [exact('1. september 2030', '2030-09-01')],
        }),
      ],
    });
  const split: CorrectionRef = {
    itemKind: 'assignment',
    itemKey: 'TB2030-01',
    change: { field: 'split', at: 2, title: 'Oppdatere havdatakatalogen', id: 'TB2030-04' },
  };
  const merge: CorrectionRef = {
    itemKind: 'assignment',
    itemKey: 'TB2030-03',
    change: { field: 'mergeInto', value: 'TB2030-02' },
  };

  it('counts the lines of the text as its paragraphs, a blank line as one boundary', () => {
    expect(assignmentParagraphs('Første.\n- a\n\n  \nAndre.')).toEqual([
      'Første.',
      '- a',
      'Andre.',
    ]);
    expect(assignmentParagraphs('')).toEqual([]);
  });

  it('splits before a paragraph: the new assignment after it, with what its part prints', () => {
    const out = applyCorrection(reading(), split);
    if (out.kind !== 'applied') throw new Error(out.kind);
    expect(out.index).toBe(0);
    const [first, second, ...rest] = out.doc.assignments;
    expect(rest.map((a) => a.assignedId)).toEqual(['TB2030-02', 'TB2030-03']);
    expect(first).toMatchObject({
      id: null,
      assignedId: 'TB2030-01',
      title: 'Kartlegge havbunnen',
      text: 'Direktoratet skal kartlegge havbunnen i Skagerrak innen 1. juni 2030.\n- lage et kart i samarbeid med Kartverket',
      collaborators: ['Kartverket'],
      references: [],
      funding: [],
    });
    expect(first!.deadlines.map((d) => d.text)).toEqual(['1. juni 2030']);
    expect(second).toMatchObject({
      id: null,
      assignedId: 'TB2030-04',
      title: 'Oppdatere havdatakatalogen',
      ownerDepartment: 'FHA',
      text: 'Havdatakatalog\nDirektoratet skal oppdatere havdatakatalogen innen 1. oktober 2030, jf. TB2029-04.\n- bruke midler fra kap. 1480',
      collaborators: [],
      references: ['TB2029-04'],
      funding: [{ chapter: 1480, post: 1 }],
      clarifies: null,
    });
    expect(second!.deadlines.map((d) => d.text)).toEqual(['1. oktober 2030']);
    // The new one is an assignment Tildel gave an ID: the importer doubts it like any such.
    expect(assignmentConfidence(second!).reasons).toEqual(['id-assigned']);
  });

  it('keeps a deadline printed in both parts with both, and one printed in neither with the first', () => {
    const doc = buildDocument({
      assignments: [
        buildAssignment({
          id: 'TB2030-07',
          assignedId: 'TB2030-07',
          text: 'Første del innen 1. mai 2030.\nAndre del innen 1. mai 2030.',
          deadlines: [exact('1. mai 2030', '2030-05-01'), exact('31. desember', '2030-12-31')],
        }),
      ],
    });
    const out = applyCorrection(doc, {
      itemKind: 'assignment',
      itemKey: 'TB2030-07',
      change: { field: 'split', at: 1, title: 'Andre del', id: 'TB2030-08' },
    });
    if (out.kind !== 'applied') throw new Error(out.kind);
    expect(out.doc.assignments.map((a) => a.deadlines.map((d) => d.text))).toEqual([
      ['1. mai 2030', '31. desember'],
      ['1. mai 2030'],
    ]);
  });

  it('refuses a split at a paragraph the text does not have, or to an ID the reading has', () => {
    const at = (n: number, id = 'TB2030-09'): CorrectionRef => ({
      ...split,
      change: { field: 'split', at: n, title: 'X', id },
    });
    expect(applyCorrection(reading(), at(5)).kind).toBe('no-item');
    expect(applyCorrection(reading(), at(0)).kind).toBe('no-item');
    expect(applyCorrection(reading(), at(4)).kind).toBe('applied');
    expect(applyCorrection(reading(), at(2, 'TB2030-03')).kind).toBe('no-item');
  });

  it('gives the new assignment the number after the highest of its prefix and year', () => {
    const doc = reading();
    expect(splitAssignmentId(doc)).toBe('TB2030-04');
    // Those in the register (another document, an earlier version) count; other years do not.
    expect(splitAssignmentId(doc, ['TB2030-11', 'TB2031-40', 'TTB2030-20'])).toBe('TB2030-12');
    expect(splitAssignmentId({ ...doc, kind: 'supplement' }, ['TTB2030-05'])).toBe('TTB2030-06');
    // Without a kept ID, a split takes the one this reading gives.
    const out = applyCorrection(doc, {
      ...split,
      change: { field: 'split', at: 2, title: 'Ny' },
    });
    expect(out.kind === 'applied' && out.doc.assignments[1]!.assignedId).toBe('TB2030-04');
  });

  it('merges into another item: text as a paragraph, deadlines added, out of the list', () => {
    const out = applyCorrection(reading(), merge);
    if (out.kind !== 'applied') throw new Error(out.kind);
    expect(out.index).toBe(2);
    expect(out.doc.assignments.map((a) => a.assignedId)).toEqual(['TB2030-01', 'TB2030-02']);
    expect(out.doc.assignments[1]).toMatchObject({
      assignedId: 'TB2030-02',
      title: 'Utrede en havdatatjeneste',
      text: 'Direktoratet skal utrede en ny tjeneste for havdata.\nDirektoratet skal rapportere om tjenesten innen 1. september 2030.',
    });
    expect(out.doc.assignments[1]!.deadlines.map((d) => d.date)).toEqual([
      '2030-05-01',
      '2030-09-01',
    ]);
    // Into itself, or into an item the reading does not have: not applicable.
    expect(
      applyCorrection(reading(), { ...merge, change: { field: 'mergeInto', value: 'TB2030-03' } })
        .kind,
    ).toBe('no-item');
    expect(
      applyCorrection(reading(), { ...merge, change: { field: 'mergeInto', value: 'TB2030-44' } })
        .kind,
    ).toBe('no-item');
  });

  it('gives the same result when the stored corrections are applied to a fresh reading', () => {
    const corrections: CorrectionRef[] = [
      split,
      // Made after the split, naming its new assignment.
      {
        itemKind: 'assignment',
        itemKey: 'TB2030-04',
        change: { field: 'ownerDepartment', value: 'HFA' },
      },
      merge,
      {
        itemKind: 'assignment',
        itemKey: 'TB2030-02',
        change: { field: 'title', value: 'Havdata' },
      },
    ];
    const once = applyCorrections(reading(), corrections);
    const again = applyCorrections(reading(), corrections);
    expect(once.unmatched).toEqual([]);
    expect(again.doc.assignments).toEqual(once.doc.assignments);
    expect(once.doc.assignments.map((a) => [a.assignedId, a.title, a.ownerDepartment])).toEqual([
      ['TB2030-01', 'Kartlegge havbunnen', 'FHA'],
      ['TB2030-04', 'Oppdatere havdatakatalogen', 'HFA'],
      ['TB2030-02', 'Havdata', 'FHA'],
    ]);
    // Both items a merge or split changes count as corrected.
    const fields = correctedFields(corrections);
    expect(fields.get('assignment:TB2030-04')).toEqual(['split', 'ownerDepartment']);
    expect(fields.get('assignment:TB2030-02')).toEqual(['mergeInto', 'title']);
    // Each of the three was corrected: none is left open.
    expect(openReviewItems(once.doc, corrections, () => true)).toBe(0);
  });

  it('reports a merge whose target is gone, and a split whose paragraph is gone, as stale', () => {
    // A new version of the letter: TB2030-01 is one paragraph, and the assignment that was
    // TB2030-02 is gone (the one after it is numbered TB2030-02 now).
    const fresh = reading();
    const changed = {
      ...fresh,
      assignments: [
        { ...fresh.assignments[0]!, text: 'Direktoratet skal kartlegge havbunnen.' },
        { ...fresh.assignments[2]!, assignedId: 'TB2030-02' },
      ],
    };
    const { doc, unmatched } = applyCorrections(changed, [
      split,
      {
        itemKind: 'assignment',
        itemKey: 'TB2030-02',
        change: { field: 'mergeInto', value: 'TB2030-03' },
      },
    ]);
    expect(unmatched.map((c) => c.change.field)).toEqual(['split', 'mergeInto']);
    expect(doc.assignments).toEqual(changed.assignments);
    // A merge after the target was merged away itself finds no target either.
    const chain = applyCorrections(reading(), [
      {
        itemKind: 'assignment',
        itemKey: 'TB2030-02',
        change: { field: 'mergeInto', value: 'TB2030-01' },
      },
      merge,
    ]);
    expect(chain.unmatched).toEqual([merge]);
    expect(chain.doc.assignments.map((a) => a.assignedId)).toEqual(['TB2030-01', 'TB2030-03']);
  });
});
