import { describe, expect, it } from 'vitest';
import { FINDING_MESSAGE_KEYS } from '../contract/enums';
import { LOCALES, renderMessage, renderPart } from './render';

const placeholders = (text: string) =>
  [...text.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]!.toLowerCase()).sort();

describe('the locale files', () => {
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
