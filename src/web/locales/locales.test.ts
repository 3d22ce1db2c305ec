/**
 * Every locale has every message, none empty, with the same `{placeholders}` as bokmål.
 * Nynorsk and English are added to `locales` when they exist.
 */
import { describe, expect, it } from 'vitest';
import { hasMessage, nb, t, type Messages } from './nb';

const locales: Record<string, Messages> = { nb };

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('locales', () => {
  const keys = Object.keys(nb) as Array<keyof typeof nb>;

  it.each(Object.entries(locales))('%s: every message is a non-empty string', (_name, messages) => {
    const missing = keys.filter((k) => typeof messages[k] !== 'string' || !messages[k].trim());
    expect(missing).toEqual([]);
    const extra = Object.keys(messages).filter((k) => !hasMessage(k));
    expect(extra).toEqual([]);
  });

  it.each(Object.entries(locales))('%s: placeholders match bokmål', (_name, messages) => {
    const differ = keys.filter(
      (k) => placeholders(messages[k]).join(',') !== placeholders(nb[k]).join(','),
    );
    expect(differ).toEqual([]);
  });

  it('braces are only used for placeholders', () => {
    const odd = keys.filter((k) => nb[k].replace(/\{\w+\}/g, '').match(/[{}]/));
    expect(odd).toEqual([]);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('kind.supplementNumber', { number: 3 })).toBe('Tillegg nr. 3');
    expect(t('kind.supplementNumber')).toBe('Tillegg nr. {number}');
  });
});
