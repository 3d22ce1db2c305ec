import { describe, expect, it } from 'vitest';
import { romanNumeral } from './numerals';

describe('romanNumeral', () => {
  it('writes lower-case roman numerals, subtractive forms included', () => {
    expect([1, 4, 9, 14, 40, 90, 400, 1994, 2026].map(romanNumeral)).toEqual([
      'i',
      'iv',
      'ix',
      'xiv',
      'xl',
      'xc',
      'cd',
      'mcmxciv',
      'mmxxvi',
    ]);
  });
});
