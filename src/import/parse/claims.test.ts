/** One claim per line (claims.ts), on documents built here. */
import { describe, expect, it } from 'vitest';
import type { AppropriationLine, TotalsClaim } from '../../contract/letter';
import { buildAssignment, buildDocument } from '../../testing/builders';
import { claimClashes } from './claims';

const at = (startLine: number, endLine = startLine) => ({ startLine, endLine });
const row = (post: number, line: number, extra: Partial<AppropriationLine> = {}) => ({
  ...buildDocument().appropriations[0]!,
  post,
  provenance: at(line),
  ...extra,
});
const totals = (from: number, to: number): TotalsClaim => ({
  chapter: 700,
  post: 1,
  heading: 'Kap. 700, post 01',
  rows: [],
  total: null,
  provenance: at(from, to),
});

describe('claimClashes', () => {
  it('finds none where every item has lines of its own', () => {
    const doc = buildDocument({
      appropriations: [row(1, 10), row(21, 11)],
      assignments: [
        buildAssignment({ assignedId: 'TB2030-01', provenance: at(20, 25) }),
        buildAssignment({ assignedId: 'TB2030-02', provenance: at(26, 30) }),
      ],
    });
    expect(claimClashes(doc)).toEqual([]);
  });

  it('names both items and the lines they share', () => {
    const doc = buildDocument({
      appropriations: [row(1, 40), row(21, 41)],
      assignments: [buildAssignment({ assignedId: 'TB2030-08', provenance: at(30, 45) })],
    });
    expect(claimClashes(doc)).toEqual([
      {
        first: 'TB2030-08',
        second: 'kap. 700 post 01',
        firstKey: 'assignment:TB2030-08',
        secondKey: 'appropriation:700.01#0',
        from: 40,
        to: 40,
      },
      {
        first: 'TB2030-08',
        second: 'kap. 700 post 21',
        firstKey: 'assignment:TB2030-08',
        secondKey: 'appropriation:700.21#0',
        from: 41,
        to: 41,
      },
    ]);
  });

  it('finds two assignments that overlap, and a calendar row inside an assignment', () => {
    const doc = buildDocument({
      appropriations: [],
      assignments: [
        buildAssignment({ assignedId: 'TB2030-01', provenance: at(20, 28) }),
        buildAssignment({ assignedId: 'TB2030-02', provenance: at(26, 30) }),
      ],
      calendar: [
        {
          date: '2030-03-01',
          text: 'Årsrapport',
          deadline: {
            date: '2030-03-01',
            text: '1. mars',
            appliesTo: null,
            value: { kind: 'exact', date: '2030-03-01' },
          },
          kind: 'report',
          provenance: at(29),
        },
      ],
    });
    expect(claimClashes(doc)).toEqual([
      {
        first: 'TB2030-01',
        second: 'TB2030-02',
        firstKey: 'assignment:TB2030-01',
        secondKey: 'assignment:TB2030-02',
        from: 26,
        to: 28,
      },
      {
        first: 'TB2030-02',
        second: 'Årsrapport',
        firstKey: 'assignment:TB2030-02',
        from: 29,
        to: 29,
      },
    ]);
  });

  it('lets a change row stand inside its totals table, and not beside it', () => {
    const inside = buildDocument({ appropriations: [row(1, 12)], totalsClaimed: [totals(10, 14)] });
    expect(claimClashes(inside)).toEqual([]);
    const across = buildDocument({
      appropriations: [row(1, 13, { provenance: at(13, 15) })],
      totalsClaimed: [totals(10, 14)],
    });
    expect(claimClashes(across)).toEqual([
      {
        first: 'Kap. 700, post 01',
        second: 'kap. 700 post 01',
        secondKey: 'appropriation:700.01#0',
        from: 13,
        to: 14,
      },
    ]);
    const table = buildDocument({
      appropriations: [],
      sumLines: [{ chapter: 700, tableChapter: 700, amount: 5, provenance: at(12) }],
      totalsClaimed: [totals(10, 14)],
    });
    expect(claimClashes(table)).toEqual([
      { first: 'Kap. 700, post 01', second: 'sum kap. 700', from: 12, to: 12 },
    ]);
  });

  it('lets the IDs of one carried-over row share it, and counts no money read from prose', () => {
    const doc = buildDocument({
      carriedOver: [
        { id: 'TB2028-35', title: null, provenance: at(50, 52) },
        { id: 'TB2027-45', title: null, provenance: at(51, 52) },
      ],
      appropriations: [row(21, 21, { fromText: true })],
      assignments: [buildAssignment({ provenance: at(20, 25) })],
    });
    expect(claimClashes(doc)).toEqual([]);
  });

  it('tells at most twenty clashes of a document', () => {
    const doc = buildDocument({
      appropriations: Array.from({ length: 30 }, (_, k) => row(k + 1, 100 + k)),
      assignments: [buildAssignment({ provenance: at(90, 200) })],
    });
    expect(claimClashes(doc)).toHaveLength(20);
  });
});
