import { describe, expect, it } from 'vitest';
import { CHANGE_TABLE_COLUMNS, alternation, caselessAlternation } from './vocabulary';

describe('vocabulary as patterns', () => {
  it('matches a phrase with any white space between its words, and nothing else', () => {
    const re = new RegExp(`^(?:${alternation(['tildelt før', 'kap. post'])})$`, 'iu');
    expect(re.test('Tildelt  før')).toBe(true);
    expect(re.test('kap. post')).toBe(true);
    // The dot is a dot, not any character.
    expect(re.test('kapx post')).toBe(false);
  });

  it('matches either case letter by letter, leaving the rest of the pattern case-true', () => {
    const re = new RegExp(`^(?:${caselessAlternation(['ansvarlig avdeling'])}): ([A-Z]{3})$`, 'u');
    expect(re.test('Ansvarlig avdeling: DIG')).toBe(true);
    expect(re.test('ANSVARLIG  AVDELING: DIG')).toBe(true);
    expect(re.test('Ansvarlig avdeling: dig')).toBe(false);
  });

  it('names every change-table column in bokmål and nynorsk', () => {
    expect(CHANGE_TABLE_COLUMNS.previous).toContain('tidligere tildeling');
    expect(CHANGE_TABLE_COLUMNS.previous).toContain('gjeldande løyving');
    expect(CHANGE_TABLE_COLUMNS.change).toContain('endra løyving');
    expect(CHANGE_TABLE_COLUMNS.total).toContain('samla løyving');
  });
});
