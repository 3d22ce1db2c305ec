import { describe, expect, it } from 'vitest';
import { formatOrgNr, isValidOrgNr, normaliseOrgNr } from './orgnr';

const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2];
const weightedRest = (eight: string) =>
  WEIGHTS.reduce((s, w, i) => s + w * Number(eight[i]), 0) % 11;

describe('organisation numbers', () => {
  it('accepts a real number with a correct check digit', () => {
    expect(isValidOrgNr('983 887 406')).toBe(true); // HOD, as printed in the seed letterheads
    expect(isValidOrgNr('983887406')).toBe(true);
  });

  it('rejects a wrong check digit, wrong length and letters', () => {
    for (const d of [0, 1, 2, 3, 4, 5, 7, 8, 9]) expect(isValidOrgNr(`98388740${d}`)).toBe(false);
    expect(isValidOrgNr('98388740')).toBe(false);
    expect(isValidOrgNr('98388740A')).toBe(false);
  });

  it('rejects every number whose check digit would be 10', () => {
    const eight = Array.from({ length: 1000 }, (_, i) => `91000${String(i).padStart(3, '0')}`).find(
      (c) => weightedRest(c) === 1,
    );
    expect(eight).toBeDefined();
    for (let d = 0; d <= 9; d++) expect(isValidOrgNr(`${eight}${d}`)).toBe(false);
  });

  it('normalises and formats', () => {
    expect(normaliseOrgNr('983 887 406')).toBe('983887406');
    expect(normaliseOrgNr('12345')).toBeNull();
    expect(formatOrgNr('983887406')).toBe('983 887 406');
  });
});
