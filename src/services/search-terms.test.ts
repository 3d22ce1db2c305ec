import { describe, expect, it } from 'vitest';
import { containsPattern, MAX_WORDS, prefixTsQuery, searchWords } from './search-terms';

describe('searchWords', () => {
  it('keeps words, drops tsquery operators, quotes and wildcards', () => {
    expect(searchWords('Tilskudd & !kyst:* | \'havn\' (fisk) <-> "x" %_\\')).toEqual([
      'tilskudd',
      'kyst',
      'havn',
      'fisk',
      'x',
    ]);
  });

  it('keeps hyphens inside a word (register IDs, e-helse), not at its ends', () => {
    expect(searchWords('TB2026-61 e-helse -kyst- --')).toEqual(['tb2026-61', 'e-helse', 'kyst']);
  });

  it('is distinct and bounded', () => {
    expect(searchWords('kyst KYST kyst')).toEqual(['kyst']);
    expect(searchWords(Array.from({ length: 30 }, (_, i) => `ord${i}`).join(' '))).toHaveLength(
      MAX_WORDS,
    );
    expect(searchWords('a'.repeat(500))[0]).toHaveLength(60);
    expect(searchWords('\u0000 ;-- ')).toEqual([]);
  });

  it('reads Norwegian letters', () => {
    expect(searchWords('Bærekraft, øyer og ÅRSRAPPORT')).toEqual([
      'bærekraft',
      'øyer',
      'og',
      'årsrapport',
    ]);
  });
});

describe('query text', () => {
  it('prefix tsquery of every word', () => {
    expect(prefixTsQuery(['tilskudd', 'kyst'])).toBe('tilskudd:* & kyst:*');
  });

  it('LIKE pattern with wildcards escaped', () => {
    expect(containsPattern('kyst')).toBe('%kyst%');
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});
