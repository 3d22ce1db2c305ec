import { describe, expect, it } from 'vitest';
import { buildAssignment, buildDocument } from '../testing/builders';
import {
  applyCorrections,
  appropriationConfidence,
  appropriationKeys,
  assignmentConfidence,
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
