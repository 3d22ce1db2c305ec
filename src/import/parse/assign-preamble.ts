/**
 * The opening paragraph of a letter or supplement that refers to what it builds on
 * (`Vi viser til tildelingsbrev for 2020 …`, `Departementet viser til Prop. 1 S …`), with an
 * `Innledning` heading above it. A paragraph that gives money is an allocation, not a
 * preamble. Pure.
 */
import type { TextBlock } from '../../contract/letter';
import { span } from './assign-items';
import { linesToText, paragraphs, type Line } from './assign-text';

const REFERS =
  /^(?:Vi|Departementet|\p{Lu}[\p{L}-]*(?:\s+og\s+[\p{L}-]+)?departementet)\s+viser\s+(?:også\s+)?til\b|^(?:Det\s+vises|Videre\s+vises\s+det)\s+til\b/u;
export const GIVES_MONEY = /\d\s*(?:mill|mrd)\.?\s|\d{1,3}(?: \d{3})+|\btildel(?:er|es)\b/iu;
/** A request in the opening paragraph makes it the assignment's text, not a preamble. */
const ASKS = /\b(?:ber|bes)\b|\bi oppdrag å\b/u;
const INTRO_HEADING = /^(?:\d{1,2}\s+)?Innledning$/iu;
/** A place-and-date line under the title (`Oslo, 12. mars 2026`): metadata, passed over. */
const DATE_LINE = /^(?:\p{Lu}\p{Ll}+,\s*)?\d{1,2}\.\s*\p{Ll}+\s+\d{4}$/u;

/** The preamble at the start of `lines` (title lines already removed) and the lines it used. */
export function findPreamble(lines: Line[]): { preamble: TextBlock | null; used: Line[] } {
  let skip = 0;
  while (lines[skip] && DATE_LINE.test(lines[skip]!.text.trim())) skip++;
  const rest = lines.slice(skip);
  const heading = rest[0] && INTRO_HEADING.test(rest[0].text) ? [rest[0]] : [];
  const start = skip + heading.length;
  const first = lines[start];
  if (!first || !REFERS.test(first.text)) return { preamble: null, used: [] };
  const end = lines.findIndex((l, i) => i > start && l.marker !== null);
  const para = paragraphs(lines.slice(start, end < 0 ? lines.length : end))[0] ?? [];
  const text = linesToText(para);
  if (para.length === 0 || GIVES_MONEY.test(text) || ASKS.test(text)) {
    return { preamble: null, used: [] };
  }
  return { preamble: { text, provenance: span(para) }, used: [...heading, ...para] };
}
