import { describe, expect, it } from 'vitest';
import {
  assignIds,
  findAssignmentIds,
  isAssignmentId,
  normalizeAssignmentId,
  parseAssignmentId,
} from './ids';

describe('assignment ID format', () => {
  it('parses printed variants', () => {
    expect(parseAssignmentId('TB2024-07')).toEqual({ prefix: 'TB', year: 2024, seq: 7 });
    expect(parseAssignmentId('TTB2018-7')).toEqual({ prefix: 'TTB', year: 2018, seq: 7 });
    expect(parseAssignmentId('TB 2023-01')).toEqual({ prefix: 'TB', year: 2023, seq: 1 });
    expect(parseAssignmentId('TB2024')).toBeNull();
    expect(parseAssignmentId('XTB2024-01')).toBeNull();
  });

  it('normalises to two digits and validates canonical IDs', () => {
    expect(normalizeAssignmentId('TTB2018-7')).toBe('TTB2018-07');
    expect(isAssignmentId('TB2024-07')).toBe(true);
    expect(isAssignmentId('TB2024-7')).toBe(false);
    expect(isAssignmentId('tb2024-07')).toBe(false);
  });

  it('finds every mention once, in order', () => {
    expect(
      findAssignmentIds('jf. TB2023-01, se oppdrag TB2024-19 og TB2023-01 (TTB2022-7)'),
    ).toEqual(['TB2023-01', 'TB2024-19', 'TTB2022-07']);
    expect(findAssignmentIds('Se TB2024-72Digital samhandling')).toEqual(['TB2024-72']);
  });
});

describe('assignIds', () => {
  it('keeps printed IDs and numbers the rest in document order', () => {
    expect(assignIds([null, null, null], 'allocation-letter', 2020)).toEqual([
      'TB2020-01',
      'TB2020-02',
      'TB2020-03',
    ]);
    expect(assignIds([null, null], 'supplement', 2020)).toEqual(['TTB2020-01', 'TTB2020-02']);
  });

  it('never collides with printed or taken IDs', () => {
    expect(assignIds([null, 'TB2024-02', null], 'allocation-letter', 2024)).toEqual([
      'TB2024-01',
      'TB2024-02',
      'TB2024-03',
    ]);
    expect(assignIds([null, null], 'supplement', 2020, new Set(['TTB2020-01']))).toEqual([
      'TTB2020-02',
      'TTB2020-03',
    ]);
  });

  it('continues a running counter across supplements', () => {
    expect(assignIds([null, null], 'supplement', 2020, new Set(), 6)).toEqual([
      'TTB2020-06',
      'TTB2020-07',
    ]);
  });

  it('is stable: same input, same output', () => {
    const printed = [null, 'TB2024-01', null];
    expect(assignIds(printed, 'allocation-letter', 2024)).toEqual(
      assignIds(printed, 'allocation-letter', 2024),
    );
  });
});

describe('nextFreeAssignmentId', () => {
  it('keeps a free ID and steps past taken ones with the same prefix and year', async () => {
    const { nextFreeAssignmentId } = await import('./ids');
    expect(nextFreeAssignmentId('TTB2030-01', new Set())).toBe('TTB2030-01');
    expect(nextFreeAssignmentId('TTB2030-01', new Set(['TTB2030-01', 'TTB2030-02']))).toBe(
      'TTB2030-03',
    );
    expect(nextFreeAssignmentId('TB2030-09', new Set(['TB2030-09', 'TTB2030-10']))).toBe(
      'TB2030-10',
    );
    expect(nextFreeAssignmentId('not an id', new Set(['not an id']))).toBe('not an id');
  });
});
