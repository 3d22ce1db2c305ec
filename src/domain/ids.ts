/**
 * Assignment IDs: `TB2024-07` (given in the allocation letter of 2024), `TTB2023-15` (given in a
 * supplement of 2023). Letters print them by hand, so the parser accepts the variants seen in
 * practice (`TTB2018-7`, `TB 2023-01`, the odd `RTB2020-17`) and normalises the number to two
 * digits. Pure.
 */
import type { DocumentKind } from '../contract/enums';

export type IdPrefix = 'TB' | 'TTB' | 'RTB';

export interface AssignmentId {
  prefix: IdPrefix;
  year: number;
  seq: number;
}

const ID_SOURCE = String.raw`\b(RTB|TTB|TB)\s?((?:19|20)\d{2})\s?-\s?(\d{1,3})(?!\d)`;

/** Strict format of a canonical ID: prefix, four-digit year, dash, at least two digits. */
const CANONICAL = /^(RTB|TTB|TB)(\d{4})-(\d{2,3})$/;
/** A text that is one printed ID and nothing more. */
const ONE_ID = new RegExp(`^\\s*${ID_SOURCE}\\s*$`);
const EVERY_ID = new RegExp(ID_SOURCE, 'g');

/** Parses a printed ID (tolerating a space after the prefix and a one-digit number). */
export function parseAssignmentId(text: string): AssignmentId | null {
  const m = ONE_ID.exec(text);
  if (!m) return null;
  return { prefix: m[1] as IdPrefix, year: Number(m[2]), seq: Number(m[3]) };
}

export function formatAssignmentId(id: AssignmentId): string {
  return `${id.prefix}${id.year}-${String(id.seq).padStart(2, '0')}`;
}

/** True for a canonical ID such as `TB2024-07`. */
export function isAssignmentId(text: string): boolean {
  return CANONICAL.test(text);
}

/** The canonical spelling of a printed ID, or null when the text is not one. */
export function normalizeAssignmentId(text: string): string | null {
  const id = parseAssignmentId(text);
  return id ? formatAssignmentId(id) : null;
}

/** Every ID mentioned in a text, canonical, in order of first mention. */
export function findAssignmentIds(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(EVERY_ID)) {
    const id = formatAssignmentId({
      prefix: m[1] as IdPrefix,
      year: Number(m[2]),
      seq: Number(m[3]),
    });
    if (!found.includes(id)) found.push(id);
  }
  return found;
}

/**
 * `wanted`, or the first ID after it with the same prefix and year that is not in `taken`.
 * Text that is not an ID is returned as it is.
 */
export function nextFreeAssignmentId(wanted: string, taken: ReadonlySet<string>): string {
  const id = parseAssignmentId(wanted);
  if (!id) return wanted;
  let candidate = formatAssignmentId(id);
  while (taken.has(candidate)) {
    id.seq += 1;
    candidate = formatAssignmentId(id);
  }
  return candidate;
}

export function idPrefixFor(kind: DocumentKind): 'TB' | 'TTB' {
  return kind === 'allocation-letter' ? 'TB' : 'TTB';
}

/**
 * Gives every assignment an ID: the printed one where there is one, otherwise the next free
 * `TB{year}-{nn}` (allocation letter) or `TTB{year}-{nn}` (supplement) in document order.
 * Generated numbers never collide with a printed ID of the same list nor with `taken` (IDs
 * already used elsewhere, e.g. by earlier supplements of the year); counting starts at
 * `startAt`, so a caller can run one counter across a year's supplements.
 */
export function assignIds(
  printed: (string | null)[],
  kind: DocumentKind,
  year: number,
  taken: ReadonlySet<string> = new Set(),
  startAt = 1,
): string[] {
  const prefix = idPrefixFor(kind);
  const used = new Set<string>(taken);
  for (const id of printed) if (id) used.add(normalizeAssignmentId(id) ?? id);
  let next = startAt;
  return printed.map((id) => {
    if (id) return normalizeAssignmentId(id) ?? id;
    let candidate = formatAssignmentId({ prefix, year, seq: next });
    while (used.has(candidate)) {
      next += 1;
      candidate = formatAssignmentId({ prefix, year, seq: next });
    }
    used.add(candidate);
    next += 1;
    return candidate;
  });
}
