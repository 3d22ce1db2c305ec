import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../contract/enums';
import { cookieLanguage, isLanguage, LANGUAGE_CODES, languageFromBrowser } from './language';

describe('the language a browser starts in', () => {
  it('is nynorsk for nn, nno, no-NYN and nynorsk', () => {
    for (const tag of ['nn', 'nn-NO', 'NN_no', 'nno', 'no-NYN', 'nynorsk']) {
      expect(languageFromBrowser([tag]), tag).toBe('nn');
    }
  });

  it('is bokmål for nb, no, nob, nor and no-BOK', () => {
    for (const tag of ['nb', 'nb-NO', 'no', 'no-NO', 'nob', 'nor', 'no-bok']) {
      expect(languageFromBrowser([tag]), tag).toBe('nb');
    }
  });

  it('is English for any English', () => {
    for (const tag of ['en', 'en-GB', 'en-US', 'EN-au', 'eng']) {
      expect(languageFromBrowser([tag]), tag).toBe('en');
    }
  });

  it('takes the first of the preferred languages Tildel speaks', () => {
    expect(languageFromBrowser(['de-DE', 'en-US', 'nb-NO'])).toBe('en');
    expect(languageFromBrowser(['sv-SE', 'nn-NO', 'en'])).toBe('nn');
    expect(languageFromBrowser(['nb-NO', 'nn-NO'])).toBe('nb');
    // "nob" and "nno" begin like other tags: only whole subtags count.
    expect(languageFromBrowser(['nl-NL', 'enx', 'english'])).toBe('nb');
  });

  it('is bokmål when none is known, or none given', () => {
    expect(languageFromBrowser(['sv-SE', 'da'])).toBe('nb');
    expect(languageFromBrowser([])).toBe('nb');
    expect(languageFromBrowser([''])).toBe('nb');
  });

  it('knows the three languages, and nothing else', () => {
    expect(LANGUAGE_CODES).toEqual([...LANGUAGES]);
    expect(['nb', 'nn', 'en'].every(isLanguage)).toBe(true);
    expect(['NB', 'no', 'se', '', null, 3].some(isLanguage)).toBe(false);
  });

  it('reads the choice the sign-in page left in its cookie, and nothing else', () => {
    expect(cookieLanguage('a=1; tildel_lang=nn; b=2')).toBe('nn');
    expect(cookieLanguage('tildel_lang=en')).toBe('en');
    expect(cookieLanguage('tildel_lang=se; other_lang=nn')).toBeNull();
    expect(cookieLanguage('')).toBeNull();
  });
});
