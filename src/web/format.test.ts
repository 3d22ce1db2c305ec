import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  formatDate,
  formatNumber,
  formatPercent,
  formatDateTime,
  formatDayOf,
  parseIsoDate,
  todayIso,
} from './format';
import { splitHeadline } from './highlight';
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
