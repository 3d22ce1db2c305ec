import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MoneyParseError,
  findScaledAmounts,
  formatAmount,
  parseAmount,
  parseFigure,
  tryParseAmount,
} from './money';

describe('parseAmount: plain figures', () => {
  it.each([
    ['177 280', 177280],
    ['177\u00a0280', 177280],
    ['177\u2009280', 177280],
    ['177\u202f280', 177280],
    ['1 222 348', 1222348],
    ['15786', 15786],
    ['95  420', 95420],
    ['0', 0],
    ['-1 500', -1500],
    ['\u22121 500', -1500],
    ['30.000', 30000],
    ['  4 187 644  ', 4187644],
  ])('%j → %d', (text, expected) => {
    expect(parseAmount(text)).toBe(expected);
  });

  it.each(['1 22', '12 3456', 'abc', '', '1,5', '12-3'])('rejects %j', (text) => {
    expect(() => parseAmount(text)).toThrow(MoneyParseError);
    expect(tryParseAmount(text)).toBeNull();
  });
});

describe('parseAmount: scaled phrases (thousands of NOK)', () => {
  it.each([
    ['2,7 mill. kroner', 2700],
    ['0,361 mill.', 361],
    ['84 mill. kroner', 84000],
    ['1,5 mrd. kroner', 1500000],
    ['to mill. kroner', 2000],
    ['ti mill. kr', 10000],
    ['12,713 mill. kroner', 12713],
    ['5,9 mill kroner', 5900],
    ['10 millioner kroner', 10000],
    ['16,6 MNOK', 16600],
    ['2,0 mill. kr', 2000],
    ['0,12 mill. kroner', 120],
    ['1 000 mill. kroner', 1000000],
    ['-1,5 mill. kroner', -1500],
    ['2,25 mrd.', 2250000],
  ])('%j → %d', (text, expected) => {
    expect(parseAmount(text)).toBe(expected);
  });

  it('rejects a fraction that is not whole thousands', () => {
    expect(() => parseAmount('1,2345 mill. kroner')).toThrow(/exactly/);
    expect(() => parseAmount('0,0005 mill.')).toThrow(MoneyParseError);
  });

  it('accepts trailing zeros beyond three decimals', () => {
    expect(parseAmount('1,2500 mill.')).toBe(1250);
  });
});

describe('parseFigure', () => {
  it('does not accept scale words', () => {
    expect(() => parseFigure('2 mill.')).toThrow(MoneyParseError);
  });
});

describe('findScaledAmounts', () => {
  it('finds amounts in running text', () => {
    const { matches } = findScaledAmounts(
      'inkluderer 84 mill. kroner til x, og inntil to mill. kroner fra kap. 701 post 71; 0,3 mill. kr',
    );
    expect(matches.map((m) => m.amount)).toEqual([84000, 2000, 300]);
    expect(matches[0]?.raw).toBe('84 mill. kroner');
  });

  it('does not start inside a word or number', () => {
    const { matches } = findScaledAmounts('i 2020 10 mill. kroner; tre mill. kr');
    expect(matches.map((m) => m.amount)).toEqual([10000, 3000]);
  });

  it('reports inexact fractions', () => {
    const r = findScaledAmounts('ca. 1,23456 mill. kroner');
    expect(r.matches).toEqual([]);
    expect(r.errors).toHaveLength(1);
  });

  it('reads whole kroner grouped in thousands, in order with scaled amounts', () => {
    const { matches, errors } = findScaledAmounts(
      'økes med 500 000 kroner og 1,2 mill. kroner, i alt 1 700 000 kroner; ikke 2031 kroner',
    );
    expect(matches.map((m) => [m.amount, m.raw])).toEqual([
      [500, '500 000 kroner'],
      [1200, '1,2 mill. kroner'],
      [1700, '1 700 000 kroner'],
    ]);
    expect(errors).toEqual([]);
    // Not whole thousands: reported, never rounded.
    const odd = findScaledAmounts('tildeles 16 500 kroner');
    expect(odd.matches).toEqual([]);
    expect(odd.errors).toEqual([{ raw: '16 500 kroner', thousands: true }]);
  });
});

describe('formatAmount', () => {
  it.each([
    [1222348, '1 222 348'],
    [0, '0'],
    [999, '999'],
    [1000, '1 000'],
    [-1500, '-1 500'],
  ])('%d → %j', (n, s) => {
    expect(formatAmount(n)).toBe(s);
  });

  it('rejects non-integers', () => {
    expect(() => formatAmount(1.5)).toThrow(RangeError);
  });

  it('round-trips through parseAmount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (n) => {
        expect(parseAmount(formatAmount(n))).toBe(n);
      }),
    );
  });

  it('round-trips scaled millions with up to three decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (thousands) => {
        const whole = Math.floor(thousands / 1000);
        const frac = (thousands % 1000).toString().padStart(3, '0');
        expect(parseAmount(`${formatAmount(whole)},${frac} mill. kroner`)).toBe(thousands);
      }),
    );
  });
});
