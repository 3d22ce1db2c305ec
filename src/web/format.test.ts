import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  decimalText,
  parseAmount,
  parseDecimal,
  daysBetween,
  formatDate,
  formatDecimal,
  formatFileSize,
  formatList,
  formatMonth,
  formatNumber,
  formatPercent,
  formatDateTime,
  formatDayOf,
  formatWeekday,
  parseIsoDate,
  todayIso,
} from './format';
import { splitHeadline } from './highlight';
import { setLanguage } from './locales/language';
import { hasMessage, t } from './locales/nb';

const NBSP = '\u00a0';

describe('Norwegian number format', () => {
  it('groups thousands with a no-break space', () => {
    expect(formatNumber(1_222_348)).toBe(`1${NBSP}222${NBSP}348`);
    expect(formatNumber(150_000)).toBe(`150${NBSP}000`);
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(0)).toBe('0');
  });

  it('writes negative amounts with a minus sign', () => {
    expect(formatNumber(-2_700).replace(/\u2212/, '-')).toBe(`-2${NBSP}700`);
  });

  it('formats coverage as a whole percentage', () => {
    expect(formatPercent(0.9712)).toBe(`97${NBSP}%`);
    expect(formatPercent(1)).toBe(`100${NBSP}%`);
  });
});

describe('Norwegian date format', () => {
  it('writes the month in words', () => {
    expect(formatDate('2024-09-15')).toBe('15. september 2024');
    expect(formatDate('2020-05-01')).toBe('1. mai 2020');
    expect(formatDate('2030-12-31')).toBe('31. desember 2030');
  });

  it('returns what is not a date unchanged', () => {
    expect(formatDate('medio mai')).toBe('medio mai');
    expect(formatDate('2024-02-30')).toBe('2024-02-30');
    expect(parseIsoDate('2024-13-01')).toBeNull();
  });

  it('counts days between calendar days', () => {
    expect(daysBetween('2024-09-01', '2024-09-15')).toBe(14);
    expect(daysBetween('2024-09-15', '2024-09-01')).toBe(-14);
    expect(daysBetween('2024-03-30', '2024-03-31')).toBe(1);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    // Today is Oslo's day, whatever the browser's time zone.
    expect(todayIso(new Date('2024-01-05T22:59:00Z'))).toBe('2024-01-05');
    expect(todayIso(new Date('2024-01-05T23:30:00Z'))).toBe('2024-01-06');
    expect(todayIso(new Date('2024-06-30T22:30:00Z'))).toBe('2024-07-01');
  });
});

describe('search headlines', () => {
  it('splits marked hits from plain text', () => {
    expect(splitHeadline('en ny «tilskuddsordning» for «kommunene» nå')).toEqual([
      { text: 'en ny ', marked: false },
      { text: 'tilskuddsordning', marked: true },
      { text: ' for ', marked: false },
      { text: 'kommunene', marked: true },
      { text: ' nå', marked: false },
    ]);
  });
  it('keeps markup-like text as text', () => {
    expect(splitHeadline('<b>«x»</b>')).toEqual([
      { text: '<b>', marked: false },
      { text: 'x', marked: true },
      { text: '</b>', marked: false },
    ]);
  });
  it('shows an unclosed mark as plain text', () => {
    expect(splitHeadline('a «b')).toEqual([
      { text: 'a ', marked: false },
      { text: '«b', marked: false },
    ]);
  });
});

describe('messages', () => {
  it('fills placeholders', () => {
    expect(t('assignments.countRange', { from: 1, to: 25, count: 40 })).toBe(
      'Viser 1–25 av 40 oppdrag',
    );
    expect(t('app.titleSuffix', { page: 'Søk' })).toBe('Søk – Tildel');
  });
  it('knows which keys exist', () => {
    expect(hasMessage('status.planned')).toBe(true);
    expect(hasMessage('status.nonsense')).toBe(false);
  });
});

describe('date and time', () => {
  it('is Oslo time, labelled, in winter and in summer', () => {
    expect(formatDateTime('2024-01-15T13:05:00Z')).toBe('15. januar 2024 kl. 14.05 (norsk tid)');
    expect(formatDateTime('2024-07-01T22:30:00.123Z')).toBe('2. juli 2024 kl. 00.30 (norsk tid)');
  });

  it('gives the Oslo day of an instant', () => {
    expect(formatDayOf('2024-01-15T23:30:00Z')).toBe('16. januar 2024');
  });

  it('leaves what is not a time as it is', () => {
    expect(formatDateTime('ikke en tid')).toBe('ikke en tid');
  });
});

describe('in the language the client speaks', () => {
  afterEach(() => setLanguage('nb'));
  /** A Saturday. */
  const day = parseIsoDate('2095-01-15')!;

  it('bokmål: nb-NO', () => {
    expect(formatDate('2095-01-15')).toBe('15. januar 2095');
    expect(formatMonth(2095, 1)).toBe('januar 2095');
    expect(formatWeekday(day)).toBe('lørdag');
    expect(formatDecimal(72.5)).toBe('72,5');
    expect(formatFileSize(31_666_995)).toBe('30,2 MB');
    expect(formatList(['a', 'b', 'c'])).toBe('a, b og c');
  });

  it('nynorsk: nn-NO, whose weekdays differ from bokmål’s', () => {
    setLanguage('nn');
    expect(formatNumber(1_222_348)).toBe(`1${NBSP}222${NBSP}348`);
    expect(formatPercent(0.9712)).toBe(`97${NBSP}%`);
    expect(formatDate('2095-01-15')).toBe('15. januar 2095');
    expect(formatWeekday(day)).toBe('laurdag');
    expect(formatDecimal(72.5)).toBe('72,5');
    expect(formatDateTime('2095-01-15T13:05:00Z')).toBe(
      t('common.dateTime', { date: '15. januar 2095', time: '14.05' }),
    );
  });

  it('English: en-GB, with Oslo’s time', () => {
    setLanguage('en');
    expect(formatNumber(1_222_348)).toBe('1,222,348');
    expect(formatPercent(0.9712)).toBe('97%');
    expect(formatDate('2096-09-15')).toBe('15 September 2096');
    expect(formatMonth(2096, 2)).toBe('February 2096');
    expect(formatWeekday(day)).toBe('Saturday');
    expect(formatWeekday(day, 'short')).toBe('Sat');
    expect(formatDecimal(72.5)).toBe('72.5');
    expect(formatFileSize(31_666_995)).toBe('30.2 MB');
    expect(formatList(['a', 'b'])).toBe('a and b');
    expect(formatDayOf('2096-01-15T23:30:00Z')).toBe('16 January 2096');
    const summer = formatDateTime('2096-07-01T22:30:00Z');
    expect(summer).toBe(t('common.dateTime', { date: '2 July 2096', time: '00:30' }));
    expect(summer).not.toMatch(/juli|norsk/);
  });
});

describe('amounts and numbers as typed', () => {
  afterEach(() => setLanguage('nb'));

  it('reads whole amounts with spaces between thousands, and a minus, in every language', () => {
    for (const code of ['nb', 'nn', 'en'] as const) {
      setLanguage(code);
      expect(parseAmount(`140${NBSP}000`), code).toBe(140_000);
      expect(parseAmount(' 1 222 348 '), code).toBe(1_222_348);
      expect(parseAmount('−2 500'), code).toBe(-2500);
      expect(parseAmount('  '), code).toBeNull();
      expect(parseAmount('12.5'), code).toBe('invalid');
      expect(parseAmount('tolv'), code).toBe('invalid');
      expect(parseAmount('99999999999999999'), code).toBe('invalid');
    }
  });

  it('reads English thousands with commas, as formatNumber shows them, but no decimals', () => {
    setLanguage('en');
    expect(parseAmount(formatNumber(140_000))).toBe(140_000);
    expect(parseAmount('1,222,348')).toBe(1_222_348);
    expect(parseAmount('-140,000')).toBe(-140_000);
    for (const text of ['1,5', '140,00', '1,2345', ',140', '140,', '1,000.5', '1,000,00']) {
      expect(parseAmount(text), text).toBe('invalid');
    }
  });

  it('refuses a comma in Norwegian, where it is the decimal mark', () => {
    for (const code of ['nb', 'nn'] as const) {
      setLanguage(code);
      expect(parseAmount('140,000'), code).toBe('invalid');
      expect(parseAmount('1,5'), code).toBe('invalid');
    }
  });

  it('reads a decimal as the language writes it, and writes it back so', () => {
    expect(parseDecimal('72,5')).toBe(72.5);
    expect(parseDecimal('1,500')).toBe(1.5);
    expect(parseDecimal('1 234,5')).toBe(1234.5);
    expect(parseDecimal('om lag 3')).toBeNull();
    expect(decimalText(72.5)).toBe('72,5');
    setLanguage('en');
    expect(parseDecimal('72.5')).toBe(72.5);
    expect(parseDecimal('1,500')).toBe(1500);
    expect(parseDecimal('1,234.5')).toBe(1234.5);
    expect(parseDecimal('72,5')).toBe(72.5);
    expect(decimalText(72.5)).toBe('72.5');
  });
});
