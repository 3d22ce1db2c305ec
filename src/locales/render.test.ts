import { describe, expect, it } from 'vitest';
import { FINDING_MESSAGE_KEYS, IMPORT_WARNING_CODES } from '../contract/enums';
import type { Locale } from './locale';
import { LOCALES, renderMessage, renderPart, renderWarning } from './render';

const placeholders = (text: string) =>
  [...text.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]!.toLowerCase()).sort();

/** Every text of a locale by its path (`letter.goals`), as its sorted placeholders. */
function shape(value: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(path, placeholders(value).join(','));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      for (const [p, s] of shape(v, path ? `${path}.${k}` : k)) out.set(p, s);
    }
  }
  return out;
}

/** How `other` differs from bokmål: texts missing, extra or empty, placeholders not the same. */
function parityProblems(reference: Locale, other: unknown): string[] {
  const want = shape(reference);
  const have = shape(other);
  const problems: string[] = [];
  for (const [path, names] of want) {
    if (!have.has(path)) problems.push(`missing ${path}`);
    else if (have.get(path) !== names) problems.push(`placeholders ${path}`);
  }
  for (const path of have.keys()) if (!want.has(path)) problems.push(`extra ${path}`);
  const empty = (v: unknown, path: string): string[] =>
    typeof v === 'string'
      ? v.trim() === ''
        ? [`empty ${path}`]
        : []
      : v && typeof v === 'object'
        ? Object.entries(v).flatMap(([k, x]) => empty(x, path ? `${path}.${k}` : k))
        : [];
  return [...problems, ...empty(other, '')];
}

describe('the locale files', () => {
  it('have every bokmål text in nynorsk and English, with the same placeholders', () => {
    expect(Object.keys(LOCALES).sort()).toEqual(['en', 'nb', 'nn']);
    for (const [code, locale] of Object.entries(LOCALES)) {
      expect(parityProblems(LOCALES.nb, locale), code).toEqual([]);
    }
  });

  it('the parity check fails on a text removed, emptied or with another placeholder', () => {
    const { goals: _goals, ...letter } = LOCALES.nn.letter;
    expect(parityProblems(LOCALES.nb, { ...LOCALES.nn, letter })).toEqual(['missing letter.goals']);
    const renamed = { ...LOCALES.en, letter: { ...LOCALES.en.letter, goals: 'Goals for {yaer}' } };
    expect(parityProblems(LOCALES.nb, renamed)).toEqual(['placeholders letter.goals']);
    const emptied = { ...LOCALES.en, register: { ...LOCALES.en.register, yes: ' ' } };
    expect(parityProblems(LOCALES.nb, emptied)).toEqual(['empty register.yes']);
    const extra = { ...LOCALES.en, stray: 'x' };
    expect(parityProblems(LOCALES.nb, extra)).toEqual(['extra stray']);
  });

  it('tell every import warning in every language, a stored text as it is', () => {
    const w = { code: 'amount-missing' as const, params: { chapter: 2310, post: '01', line: 7 } };
    expect(renderWarning(w, 'nb')).toBe(
      'Kap. 2310 post 01 har ikke noe trykt beløp (linje 7); registrert som 0.',
    );
    expect(renderWarning(w, 'nn')).toBe(
      'Kap. 2310 post 01 har ikkje noko trykt beløp (linje 7); registrert som 0.',
    );
    expect(renderWarning(w, 'en')).toBe(
      'No amount is printed for chapter 2310 post 01 (line 7); recorded as 0.',
    );
    const old = { code: 'text' as const, params: { text: '1 allocation(s) read' } };
    expect(renderWarning(old, 'nn')).toBe('1 allocation(s) read');
    for (const code of IMPORT_WARNING_CODES) {
      for (const lang of ['nb', 'nn', 'en'] as const) {
        expect(LOCALES[lang].importWarnings[code], `${lang} ${code}`).toBeTruthy();
      }
    }
  });

  it('tell every finding sentence in every language, naming the same values', () => {
    for (const key of FINDING_MESSAGE_KEYS) {
      const names = placeholders(LOCALES.nb.findings[key]);
      for (const [code, locale] of Object.entries(LOCALES)) {
        expect(locale.findings[key], `${code} ${key}`).toBeTruthy();
        expect(placeholders(locale.findings[key]), `${code} ${key}`).toEqual(names);
      }
    }
  });

  it('formats amounts, printed lines, documents and posts in the language asked for', () => {
    const part = {
      key: 'overview-row-mismatch' as const,
      params: {
        source: { doc: { kind: 'supplement' as const, number: 4 } },
        heading: 'Samlet tildeling',
        printed: { amount: 1234567 },
        lines: { lines: [12, 14] as [number, number] },
        expected: { amount: 1000 },
        scope: { scope: { chapter: 701, post: 1 } },
      },
    };
    expect(renderPart(part, 'nb')).toBe(
      'Raden for tillegg nr. 4 i oversikten «Samlet tildeling» viser 1 234 567 (linje 12–14), men tillegg nr. 4 gir 1 000 på kap. 701 post 01.',
    );
    expect(renderPart(part, 'en')).toBe(
      'The row for supplement no. 4 in the overview "Samlet tildeling" shows 1 234 567 (lines 12–14), but supplement no. 4 gives 1 000 on chapter 701 post 01.',
    );
  });

  it('capitalises a value that opens a sentence, and joins a finding’s sentences', () => {
    const text = renderMessage(
      [
        {
          key: 'overview-missing',
          params: {
            here: { doc: { kind: 'allocation-letter', number: null } },
            scope: { scope: { chapter: 701, post: null } },
            expected: { amount: 5 },
          },
        },
        { key: 'note-chapter-sum', params: { amount: { amount: 5 }, chapter: 701 } },
      ],
      'nb',
    );
    expect(text).toMatch(/^Tildelingsbrevet endrer bevilgningen på kap\. 701,/);
    expect(text).toMatch(/\(skulle vist 5\)\. 5 er tildelingsbrevets sum for hele kap\. 701\.$/);
  });

  it('refuses a sentence that lacks a value it names', () => {
    expect(() => renderPart({ key: 'letter-duplicate', params: {} }, 'en')).toThrow(/\{lines\}/);
  });
});
