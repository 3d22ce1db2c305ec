/**
 * Cuts a document's lines into regions by the headings that matter for the assignment side:
 * goals, assignment lists, carried-over lists, the governance calendar, requirements
 * (føringer) and mandate appendices. Works with numbered sections (`2.1.2 Oppdrag`) and with
 * the un-numbered templates (`HOVEDMÅL 1:`, `Spesielle oppdrag:`, `Styringskalender`). Pure.
 */
import { endsOpen, startsLower, type Line } from './assign-text';
import { tableCells } from './text';
import { alternation, APPROPRIATION_HEADINGS, CARRIED_OVER_HEADINGS, CLOSINGS } from './vocabulary';

export type RegionKind =
  | 'goal'
  | 'goal-intro'
  | 'assignments'
  | 'carried'
  | 'calendar'
  | 'common'
  | 'mandate'
  | 'priorities'
  | 'reporting'
  | 'other';

export interface Region {
  kind: RegionKind;
  /** The heading line(s) that opened the region (empty for the document's opening text). */
  headingLines: Line[];
  title: string;
  /** Goal code for goal regions (`HOVEDMÅL 1`, `Mål 4`). */
  code: string | null;
  lines: Line[];
  /** Area (level-2 section) the region sits in, e.g. `Folkehelse`. */
  area: string | null;
  /** The goal heading an assignment list sits under (un-numbered templates). */
  goal: string | null;
}

interface HeadingMatch {
  kind: RegionKind;
  title: string;
  code: string | null;
  /** Section number depth (1 for `2`, 3 for `2.1.2`), 0 when un-numbered. */
  level: number;
  /** How many following lines belong to the heading. */
  extra: number;
}

const NUMBERED = /^(\d{1,2}(?:\.\d{1,2}){0,3})\s+([A-ZÆØÅ«].*)$/;
const ASSIGNMENT_LIST =
  /^(?:(?:spesielle|andre|særskilte|øvrige)\s+)?oppdrag(?:\s+(?:for|i)\s+\d{4})?\s*:?$/i;
const CARRIED = new RegExp(`^(?:${alternation(CARRIED_OVER_HEADINGS)})`, 'iu');
const OTHER_BREAKS = new RegExp(
  `^(?:${alternation([...APPROPRIATION_HEADINGS, ...CLOSINGS])}|Budsjettildelinger.*|Budsjettmessige og administrative fullmakter)\\s*$`,
  'iu',
);
/** Overall goals and priorities in running text (not numbered goals: those are `goal`). */
const PRIORITIES =
  /^(?:Hov[eu]dmål for \d{4}|(?:Overordn(?:ede?|a)|Regjeringens) (?:mål|prioriteringer|prioriteringar)(?: og (?:mål|prioriteringer|prioriteringar))?(?: for \d{4})?|(?:Hov[eu]d)?prioritering(?:er|ar)(?: for \d{4})?|Samfunnsoppdrag(?:et)?(?: og hov(?:edoppgaver|udoppgåver))?)$/i;
/** Reporting duties and the rules of the governance dialogue. */
const REPORTING =
  /^(?:(?:(?:Regnskap|Rekneskap|Oppfølging) og )?rapportering\b.*|Årsrapport(?:en)?(?: (?:for )?\d{4})?|Styringsdialog(?:en)?|Føring(?:er|ar) for (?:styrings)?dialog(?:en)?\b.*|Nye oppdrag gjennom året|Status- og avviksrapport.*|Budsjett- og (?:regnskaps|rekneskaps)rapportering.*)$/i;

/** Whether a line is a section title by its words alone (`Styringskalender`, `Oppdrag`). */
export function isSectionTitle(text: string): boolean {
  return text.length <= 80 && kindOfTitle(text) !== null;
}

/** The kind of a section title, by its words. */
function kindOfTitle(title: string): RegionKind | null {
  if (CARRIED.test(title)) return 'carried';
  if (ASSIGNMENT_LIST.test(title)) return 'assignments';
  if (/^styringskalender\b/i.test(title)) return 'calendar';
  if (
    /^(?:felles)?føring(?:er|ar)(?:\s+(?:fra|frå)\b.*|\s+og\s+(?:andre\s+)?krav)?$/i.test(title)
  ) {
    return 'common';
  }
  if (/^mandat for\b/i.test(title)) return 'mandate';
  if (/^mål\b.*(?:styringsparamet(?:er|r)|vurderingskriter|nøkkeltal)/i.test(title)) {
    return 'goal-intro';
  }
  if (/^mål(?:\s+(?:for|i)\s+\d{4})?$/i.test(title)) return 'goal-intro';
  const heading = /^\p{Lu}/u.test(title) && !/[.,;]$/.test(title);
  if (heading && PRIORITIES.test(title)) return 'priorities';
  if (heading && REPORTING.test(title)) return 'reporting';
  return null;
}

function goalHeading(lines: Line[], i: number): HeadingMatch | null {
  const text = lines[i]?.text ?? '';
  // The section's number may stand before it (`2.1 Mål 1: Samlingene er bevart`).
  const own =
    /^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(HOVEDMÅL|Hovedmål|Mål)\s*(\d{1,2})(?!\d)\s*:?\s*(.*)$/.exec(
      text,
    );
  if (!own) return null;
  const code = `${own[1]} ${own[2]}`;
  let title = own[3] ?? '';
  let extra = 0;
  if (title === '') {
    title = lines[i + 1]?.text ?? '';
    extra = 1;
  }
  while (lines[i + extra + 1] && (startsLower(lines[i + extra + 1]!.text) || endsOpen(title))) {
    extra += 1;
    title = `${title} ${lines[i + extra]!.text}`;
  }
  return { kind: 'goal', title: title.trim(), code, level: 0, extra };
}

function mandateHeading(lines: Line[], i: number): HeadingMatch | null {
  const text = lines[i]?.text ?? '';
  if (!/^Mandat for\b/.test(text)) return null;
  let title = text;
  let extra = 0;
  while (lines[i + extra + 1] && startsLower(lines[i + extra + 1]!.text) && extra < 2) {
    extra += 1;
    title = `${title} ${lines[i + extra]!.text}`;
  }
  return { kind: 'mandate', title, code: null, level: 0, extra };
}

/** `Del IV Styringskalender`, `DEL 2: Mål og oppdrag`: a part of the letter and its title. */
const PART = /^del\s+(?:[IVX]{1,5}|\d{1,2})\b\.?\s*[:.–-]?\s*(.*)$/i;

/**
 * A part heading (`Del II Mål, styringsparametrar og oppdrag`): level 1, its kind by the title
 * after the part's number; the title may stand on the next line (`Del IV` / `Styringskalender`).
 */
function partHeading(lines: Line[], i: number): HeadingMatch | null {
  const line = lines[i];
  const m = line && !line.marker ? PART.exec(line.text) : null;
  if (!m) return null;
  let title = m[1]!.trim();
  let extra = 0;
  if (title === '') {
    title = lines[i + 1]?.text ?? '';
    extra = 1;
  }
  if (!/^\p{Lu}/u.test(title) || !isHeadingTitle(title)) return null;
  return { kind: kindOfTitle(title) ?? 'other', title, code: null, level: 1, extra };
}

/** Where the numbering stands: the last top-level section's number, the last list item's. */
interface Numbering {
  section: number | null;
  item: number | null;
}

function matchHeading(
  lines: Line[],
  i: number,
  inMandate: boolean,
  numbering: Numbering,
): HeadingMatch | null {
  const line = lines[i];
  if (!line) return null;
  const mandate = mandateHeading(lines, i);
  if (mandate || inMandate) return mandate;
  const part = partHeading(lines, i);
  if (part) return part;
  const goal = goalHeading(lines, i);
  if (goal) return goal;
  const numbered = NUMBERED.exec(line.text);
  if (numbered && !line.marker) {
    let title = numbered[2]!.trim();
    let extra = 0;
    const next = lines[i + 1];
    if (endsOpen(title) && next && startsLower(next.text) && next.text.length <= 60) {
      title = `${title} ${next.text}`;
      extra = 1;
    }
    if (isHeadingTitle(title)) {
      const level = numbered[1]!.split('.').length;
      return { kind: kindOfTitle(title) ?? 'other', title, code: numbered[1]!, level, extra };
    }
  }
  // `5. Oppfølging og rapportering`: a numbered heading written like a list item, taken for one
  // by a known section title (`1. Forberede …` stays an item) or by the section numbers.
  const label = line.marker?.kind === 'number' ? line.marker.label : null;
  if (label !== null && /^\d{1,2}$/.test(label)) {
    const title = line.body;
    const known = kindOfTitle(title);
    if (isHeadingTitle(title) && !/:$/.test(title)) {
      if (known) return { kind: known, title, code: label, level: 1, extra: 0 };
      if (nextSection(Number(label), numbering) && /^\p{Lu}/u.test(title)) {
        return { kind: 'other', title, code: label, level: 1, extra: 0 };
      }
    }
  }
  if (line.marker) return null;
  const kind = kindOfTitle(line.text);
  // A line printed as a table row's cells (`Rapportering om tilskudd  Løpende  PTA`) is no title.
  if (kind && line.text.length <= 80 && tableCells(line.printed ?? line.text).length < 2) {
    return { kind, title: line.text.replace(/:$/, ''), code: null, level: 0, extra: 0 };
  }
  if (OTHER_BREAKS.test(line.text)) {
    return { kind: 'other', title: line.text, code: null, level: 0, extra: 0 };
  }
  return null;
}

function isHeadingTitle(title: string): boolean {
  const t = title.trim();
  return t.length <= 110 && !/[.,;]$/.test(t) && t.split(/\s+/).length <= 16;
}

/**
 * `4. Budsjettildeling 2032` after `3. Oppdrag`: a line numbered like a list item that goes on
 * with the letter's own section numbers is the next section, whatever its title, unless it goes
 * on with the list before it (`3.` after items `1.` and `2.`, `4.` after `3.`). Word prints both
 * its numbered headings and its numbered lists this way, so the title alone cannot tell them
 * apart, and an unknown title (`Budsjettildeling`, `Fullmakter`) left the section inside the
 * last assignment.
 */
function nextSection(n: number, { section, item }: Numbering): boolean {
  return section !== null && n === section + 1 && item !== n - 1;
}

/** The whole number of a top-level section's code (`3`), or null (`3.2`, `IV`, none). */
function sectionNumber(code: string | null): number | null {
  return code !== null && /^\d{1,2}$/.test(code) ? Number(code) : null;
}

/** Cuts the lines into regions; every line belongs to exactly one region. */
export function splitRegions(lines: Line[]): Region[] {
  const regions: Region[] = [];
  let current = openRegion('other', [], '', null, null, null);
  let area: string | null = null;
  let goal: string | null = null;
  let parentKind: RegionKind | null = null;
  /** The last top-level section's number, and the last list item's after its heading. */
  const numbering: Numbering = { section: null, item: null };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const h = matchHeading(lines, i, current.kind === 'mandate', numbering);
    if (!h) {
      current.lines.push(line);
      if (line.marker?.kind === 'number') numbering.item = sectionNumber(line.marker.label);
      continue;
    }
    numbering.item = null;
    if (h.level === 1) numbering.section = sectionNumber(h.code) ?? numbering.section;
    if (h.level === 1) {
      area = null;
      parentKind = h.kind === 'other' ? null : h.kind;
    }
    if (h.level === 2) {
      area = h.kind === 'other' ? h.title : area;
      parentKind = h.kind === 'other' ? parentKind : h.kind;
    }
    // Inside føringer, sub-sections (reporting duties included) are føringer.
    const inCommon = h.level > 1 && parentKind === 'common';
    const kind = inCommon && (h.kind === 'other' || h.kind === 'reporting') ? 'common' : h.kind;
    if (h.level > 0 || kind === 'common' || /^andre oppdrag/i.test(h.title)) goal = null;
    if (kind === 'goal') goal = `${h.code}: ${h.title}`;
    regions.push(current);
    current = openRegion(kind, lines.slice(i, i + h.extra + 1), h.title, h.code, area, goal);
    i += h.extra;
  }
  regions.push(current);
  return regions.filter((r) => r.lines.length > 0 || r.headingLines.length > 0);
}

function openRegion(
  kind: RegionKind,
  headingLines: Line[],
  title: string,
  code: string | null,
  area: string | null,
  goal: string | null,
): Region {
  return { kind, headingLines, title, code, lines: [], area, goal };
}
