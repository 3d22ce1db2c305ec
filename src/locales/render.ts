/**
 * Tells a finding's sentences (contract MessagePart) in one language. Pure: the texts are the
 * locale files beside this one; values are formatted here (amounts `1 234`, line ranges,
 * documents, chapters and posts) by the locale's own patterns.
 */
import type { ImportWarning, VersionChange } from '../contract/letter';
import type { MessagePart, MessageValue } from '../contract/ledger';
import { formatAmount } from '../domain/money';
import { en } from './en';
import type { Locale } from './locale';
import { nb } from './nb';
import { nn } from './nn';

export const LOCALES: Readonly<Record<'nb' | 'nn' | 'en', Locale>> = { nb, nn, en };
export type LocaleCode = keyof typeof LOCALES;

/** The `Intl` locale of each language's dates and numbers (`18. desember 2025`, `18 December 2025`). */
export const INTL_LOCALES: Readonly<Record<LocaleCode, string>> = {
  nb: 'nb-NO',
  nn: 'nn-NO',
  en: 'en-GB',
};

/** A date (YYYY-MM-DD) as the language writes it in full: `18. desember 2025`, `18 December 2025`. */
export function formatLongDate(iso: string, code: LocaleCode): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(INTL_LOCALES[code], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y!, m! - 1, d!)));
}

const pad = (post: number) => String(post).padStart(2, '0');

export function fill(pattern: string, lookup: (name: string) => string): string {
  return pattern.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
    const lower = name.charAt(0).toLowerCase() + name.slice(1);
    const value = lookup(lower);
    return name === lower ? value : value.charAt(0).toUpperCase() + value.slice(1);
  });
}

export function formatValue(v: MessageValue, locale: Locale): string {
  const p = locale.values;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if ('amount' in v) return formatAmount(v.amount);
  if ('lines' in v) {
    const [from, to] = v.lines;
    return fill(from === to ? p.line : p.lines, (n) => String(n === 'from' ? from : to));
  }
  if ('doc' in v) {
    if (!v.doc) return p.document;
    if (v.doc.kind === 'allocation-letter') return p.letter;
    return fill(p.supplement, () => String(v.doc!.number ?? '?'));
  }
  const { chapter, post } = v.scope;
  return fill(post === null ? p.chapter : p.post, (n) =>
    n === 'chapter' ? String(chapter) : pad(post ?? 0),
  );
}

/** One sentence; a value the sentence names but the part lacks is a programming error. */
export function renderPart(part: MessagePart, code: LocaleCode): string {
  const locale = LOCALES[code];
  return fill(locale.findings[part.key], (name) => {
    const v = part.params[name];
    if (v === undefined) throw new Error(`Message ${part.key} names {${name}}, which it lacks`);
    return formatValue(v, locale);
  });
}

/** A finding's sentences in one language, one after the other. */
export function renderMessage(parts: readonly MessagePart[], code: LocaleCode): string {
  return parts.map((p) => renderPart(p, code)).join(' ');
}

/**
 * A change from one version of a document to the next in one language: amounts (the numbers
 * among its values) as the locale writes them, the parts a `parts-changed` names by their names.
 */
export function renderVersionChange(c: VersionChange, code: LocaleCode): string {
  const locale = LOCALES[code];
  return fill(locale.versionChanges[c.code], (name) => {
    const v = c.params[name];
    if (v === undefined) return `{${name}}`;
    if (typeof v === 'number') return formatAmount(v);
    if (c.code === 'parts-changed' && name === 'parts') {
      return v
        .split(',')
        .map((p) => (locale.versionParts as Record<string, string>)[p] ?? p)
        .join(', ');
    }
    return v;
  });
}

/** An import warning in one language; a value its sentence names but the warning lacks is left as `{name}`. */
export function renderWarning(w: ImportWarning, code: LocaleCode): string {
  return fill(LOCALES[code].importWarnings[w.code], (name) => {
    const v = w.params[name];
    return v === undefined ? `{${name}}` : String(v);
  });
}
