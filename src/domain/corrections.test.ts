import { describe, expect, it } from 'vitest';
import { buildAssignment, buildDocument } from '../testing/builders';
import {
  applyCorrections,
  appropriationConfidence,
  appropriationKeys,
  assignmentConfidence,
  openReviewItems,
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
