import { describe, expect, it } from 'vitest';
import { heatMap, risksAboveTolerance } from './heat-map';
import { DEFAULT_RISK_TOLERANCE } from './report';

const risk = (l: number, c: number, rl: number, rc: number, name = '') => ({
  name,
  likelihood: l,
  consequence: c,
  residualLikelihood: rl,
  residualConsequence: rc,
});

/** The cell of likelihood `l` and consequence `c` (rows run 5 → 1, cells 1 → 5). */
const cell = (map: ReturnType<typeof heatMap>, l: number, c: number) => map[5 - l]![c - 1]!;

describe('heatMap', () => {
  it('counts risks per cell before and after measures', () => {
    const map = heatMap(
      [risk(4, 4, 2, 3), risk(4, 4, 2, 3), risk(3, 4, 2, 4), risk(1, 1, 1, 1)],
      9,
    );
    expect(map).toHaveLength(5);
    expect(map.map((row) => row[0]!.likelihood)).toEqual([5, 4, 3, 2, 1]);
    expect(map[0]!.map((c) => c.consequence)).toEqual([1, 2, 3, 4, 5]);
    expect(cell(map, 2, 3)).toMatchObject({ residual: 2, inherent: 0, score: 6 });
    expect(cell(map, 4, 4)).toMatchObject({ residual: 0, inherent: 2, score: 16 });
    expect(cell(map, 2, 4)).toMatchObject({ residual: 1, inherent: 0 });
    expect(cell(map, 3, 4)).toMatchObject({ residual: 0, inherent: 1 });
    expect(cell(map, 1, 1)).toMatchObject({ residual: 1, inherent: 1 });
    const total = (k: 'residual' | 'inherent') => map.flat().reduce((sum, c) => sum + c[k], 0);
    expect([total('residual'), total('inherent')]).toEqual([4, 4]);
  });

  it('marks the cells above the tolerance, and none without one', () => {
    const map = heatMap([], 9);
    expect(cell(map, 3, 3).aboveTolerance).toBe(false);
    expect(cell(map, 2, 5).aboveTolerance).toBe(true);
    expect(map.flat().filter((c) => c.aboveTolerance).length).toBe(
      map.flat().filter((c) => c.score > 9).length,
    );
    const standard = heatMap([], DEFAULT_RISK_TOLERANCE);
    expect(cell(standard, 3, 4).aboveTolerance).toBe(false);
    expect(cell(standard, 3, 5).aboveTolerance).toBe(true);
    expect(
      heatMap([])
        .flat()
        .every((c) => c.aboveTolerance === null),
    ).toBe(true);
  });

  it('refuses a value off the scale', () => {
    expect(() => heatMap([risk(6, 1, 1, 1)])).toThrow(RangeError);
  });
});

describe('risksAboveTolerance', () => {
  it('keeps the risks whose residual score is above it, highest first', () => {
    const risks = [
      risk(5, 5, 2, 4, 'åtte'),
      risk(4, 4, 3, 4, 'tolv'),
      risk(2, 2, 1, 2, 'to'),
      risk(5, 5, 2, 5, 'ti'),
      risk(5, 4, 2, 4, 'åtte igjen'),
    ];
    expect(risksAboveTolerance(risks, 6).map((r) => r.name)).toEqual([
      'tolv',
      'ti',
      'åtte',
      'åtte igjen',
    ]);
    expect(risksAboveTolerance(risks, 12)).toEqual([]);
  });
});
