import { describe, expect, it } from 'vitest';
import { languageFromAcceptLanguage } from './negotiate';

describe('languageFromAcceptLanguage', () => {
  it('takes the most wanted language Tildel speaks, by q and then by order', () => {
    expect(languageFromAcceptLanguage('nn-NO,nn;q=0.9,en;q=0.8')).toBe('nn');
    expect(languageFromAcceptLanguage('de-DE, en-GB;q=0.7, nb;q=0.8')).toBe('nb');
    expect(languageFromAcceptLanguage('en-US,en;q=0.9')).toBe('en');
    expect(languageFromAcceptLanguage('no-NYN')).toBe('nn');
    expect(languageFromAcceptLanguage('no')).toBe('nb');
    expect(languageFromAcceptLanguage('en;q=0, nn;q=0.1')).toBe('nn');
  });

  it('is null when the header names none of them', () => {
    expect(languageFromAcceptLanguage(undefined)).toBeNull();
    expect(languageFromAcceptLanguage('')).toBeNull();
    expect(languageFromAcceptLanguage('de, fr;q=0.5, *;q=0.1')).toBeNull();
  });
});
