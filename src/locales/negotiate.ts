/**
 * Which of Tildel's languages a reader wants, from an HTTP `Accept-Language` header (RFC 9110:
 * tags in the order of their `q`, `q=0` meaning "not this"). Pure.
 */
import type { Language } from '../contract/enums';

/**
 * The language a single tag names, or null: `nn`, `nno`, `no-NYN` → nynorsk; `nb`, `no`, `nob`,
 * `nor` → bokmål; `en-GB`, `eng` → English. Only whole subtags count (`nl`, `enx` name none).
 * The web client reads `navigator.languages` with it too.
 */
export function languageOfTag(tag: string): Language | null {
  const lower = tag.trim().toLowerCase().replace(/_/g, '-');
  if (/^no-(?:nyn|nn)\b/.test(lower)) return 'nn';
  const primary = lower.split('-')[0];
  if (primary === 'nn' || primary === 'nno' || primary === 'nynorsk') return 'nn';
  if (primary === 'nb' || primary === 'no' || primary === 'nob' || primary === 'nor') return 'nb';
  if (primary === 'en' || primary === 'eng') return 'en';
  return null;
}

/** The reader's most wanted language Tildel speaks, or null when the header names none. */
export function languageFromAcceptLanguage(header: string | undefined): Language | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/i.exec(p)?.[1]).find(Boolean);
      return { tag, q: q === undefined ? 1 : Number(q), order };
    })
    .filter((r) => Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const r of ranked) {
    const found = languageOfTag(r.tag);
    if (found) return found;
  }
  return null;
}
