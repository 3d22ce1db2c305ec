import { describe, expect, it } from 'vitest';
import { dayFlags, holidayName, isoWeekday, previousWorkingDay, publicHolidays } from './holidays';

describe('Norwegian public holidays', () => {
  it('knows the fixed and the moving holidays by name', () => {
    expect(holidayName('2024-05-17')).toBe('Grunnlovsdagen');
    expect(holidayName('2024-05-01')).toBe('Arbeidernes dag');
    expect(holidayName('2024-03-28')).toBe('Skjærtorsdag');
    expect(holidayName('2024-03-29')).toBe('Langfredag');
    expect(holidayName('2024-04-01')).toBe('Andre påskedag');
    expect(holidayName('2024-05-09')).toBe('Kristi himmelfartsdag');
    expect(holidayName('2024-05-20')).toBe('Andre pinsedag');
    expect(holidayName('2025-04-21')).toBe('Andre påskedag');
    expect(holidayName('2024-12-26')).toBe('Andre juledag');
  });

  it('does not count observances or julaften as public holidays', () => {
    expect(holidayName('2024-12-24')).toBeNull();
    expect(holidayName('2024-02-14')).toBeNull();
    expect(holidayName('2024-05-08')).toBeNull();
    expect(publicHolidays(2024).size).toBe(12);
  });

  it('flags weekends and holidays', () => {
    expect(isoWeekday('2024-06-01')).toBe(6);
    expect(dayFlags('2024-06-01')).toEqual({ weekend: true, holiday: null, workingDay: false });
    expect(dayFlags('2024-06-03')).toEqual({ weekend: false, holiday: null, workingDay: true });
    expect(dayFlags('2024-05-17')).toEqual({
      weekend: false,
      holiday: 'Grunnlovsdagen',
      workingDay: false,
    });
    expect(dayFlags('2024-03-31')).toMatchObject({ weekend: true, holiday: 'Første påskedag' });
  });

  it('finds the previous working day', () => {
    expect(previousWorkingDay('2024-04-01')).toBe('2024-03-27');
    expect(previousWorkingDay('2024-06-02')).toBe('2024-05-31');
    expect(previousWorkingDay('2024-06-03')).toBe('2024-06-03');
  });

  it('refuses what is not a date', () => {
    expect(() => dayFlags('17. mai')).toThrow(/Not a date/);
  });
});
