/**
 * The words of a search query, made safe for tsquery and LIKE. Pure.
 *
 * A user's query is read as words only: letters and digits, with hyphens inside a word kept
 * (`TB2026-61`, `e-helse`). Everything else — tsquery operators (`& | ! ( ) : * <->`), quotes,
 * backslashes, LIKE wildcards (`% _`), control characters — separates words and is dropped, so
 * what reaches the database can never be read as query syntax.
 */

/** At most this many words are searched; the rest of a long query is ignored. */
export const MAX_WORDS = 12;
/** Longer words are cut (no Norwegian word is longer; it bounds the trigram work). */
export const MAX_WORD_LENGTH = 60;
/** Shorter words are matched as whole words and prefixes only: a trigram needs 3 characters. */
export const MIN_PART_LENGTH = 3;
/** Shorter words are not matched by trigram similarity (too many accidental neighbours). */
export const MIN_FUZZY_LENGTH = 4;

const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

/** `"Tilskudd & !kyst:*"` → `['tilskudd', 'kyst']`: lower-case, distinct, bounded. */
export function searchWords(q: string): string[] {
  const out: string[] = [];
  for (const m of q.normalize('NFC').toLowerCase().matchAll(WORD)) {
    const word = m[0].slice(0, MAX_WORD_LENGTH).replace(/-+$/u, '');
    if (word && !out.includes(word)) out.push(word);
    if (out.length === MAX_WORDS) break;
  }
  return out;
}

/** `['tilskudd', 'kyst']` → `tilskudd:* & kyst:*` (every word, each also as a prefix). */
export function prefixTsQuery(words: readonly string[]): string {
  return words.map((w) => `${w}:*`).join(' & ');
}

/** `kyst` → `%kyst%`, with LIKE's wildcards and escape character escaped. */
export function containsPattern(word: string): string {
  return `%${word.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;
}
