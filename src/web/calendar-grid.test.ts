import { describe, expect, it } from 'vitest';
import { isoWeek, lastDayOfMonth, monthGrid, parseMonth, shiftMonth } from './calendar-grid';

describe('calendar grid', () => {
  it('covers a month with whole weeks, Monday first', () => {
    // May 2020 starts on a Friday and ends on a Sunday.
    const weeks = monthGrid(2020, 5);
    expect(weeks).toHaveLength(5);
    expect(weeks[0]?.days[0]).toEqual({ iso: '2020-04-27', day: 27, inMonth: false });
    expect(weeks[0]?.days[4]).toEqual({ iso: '2020-05-01', day: 1, inMonth: true });
    expect(weeks.at(-1)?.days[6]?.iso).toBe('2020-05-31');
    expect(weeks.map((w) => w.week)).toEqual([18, 19, 20, 21, 22]);
  });

  it('numbers weeks by ISO 8601 across the new year', () => {
    expect(isoWeek('2021-01-01')).toBe(53);
    expect(isoWeek('2024-12-30')).toBe(1);
    expect(isoWeek('2024-01-01')).toBe(1);
  });

  it('parses and shifts months', () => {
    expect(parseMonth('2024-02')).toEqual({ year: 2024, month: 2 });
    expect(parseMonth('2024-13')).toBeNull();
    expect(parseMonth(null)).toBeNull();
    expect(shiftMonth(2024, 1, -1)).toEqual({ year: 2023, month: 12 });
    expect(shiftMonth(2024, 12, 1)).toEqual({ year: 2025, month: 1 });
    expect(lastDayOfMonth(2024, 2)).toBe('2024-02-29');
  });
});
