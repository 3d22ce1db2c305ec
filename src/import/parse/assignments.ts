/**
 * The assignment side of one document (allocation letter or supplement): assignments with IDs,
 * deadlines and details, carried-over assignments, the governance calendar, goals and steering
 * parameters, requirements (føringer) and mandate appendices. Pure: no I/O.
 *
 * The document is cut into regions by its headings (assign-sections); each region kind has its
 * own reader. Assignments come from printed IDs (`TB2024-07 Avd.HOD: FHA …`), from task lists
 * under an assignment heading or a "… skal:" intro, from sub-headed topic blocks, or — in a
 * supplement without lists — from the supplement's whole text. Every line a reader used is
 * returned in `claimed`.
 */
import type { Assignment, TextSection } from '../../contract/letter';
import { assignIds } from '../../domain/ids';
import { calendarTables, extractCalendar } from './assign-calendar';
import { extractCarriedOver } from './assign-carried';
import { extractMandate, extractRequirements, requirementFromBlock } from './assign-common';
import { extractGoal } from './assign-goals';
import { assignmentTables, type AssignmentTable } from './assign-table';
import {
  buildAssignment,
  idItems,
  itemId,
  labelledItems,
  numberedItems,
  opensIdItem,
  plainItem,
  span,
  type RawAssignment,
} from './assign-items';
import {
  attachBackground,
  blocksByShapeHeading,
  classifyBlock,
  isTaskIntro,
  proseRequests,
  REQUEST,
  taskListItems,
} from './assign-lists';
import { findPreamble } from './assign-preamble';
import { splitRegions, type Region } from './assign-sections';
import {
  endsOpen,
  linesToText,
  paragraphs,
  prepareLines,
  startsLower,
  type Line,
} from './assign-text';
import { BLOCK_END } from './text';
import { alternation, CLOSINGS } from './vocabulary';
import type { AssignmentSide, DocText, Extracted } from './types';

export interface AssignmentSideOptions {
  /** First number for generated IDs (a running counter across a year's supplements). */
  startAt?: number;
  /** IDs already in use (e.g. by earlier supplements of the year); never generated again. */
  taken?: ReadonlySet<string>;
  /**
   * Lines another reader has taken as a whole (the money side's tables, with their captions):
   * they end the text around them and belong to no assignment.
   */
  reserved?: ReadonlySet<number>;
}

interface Collector {
  side: AssignmentSide;
  raws: RawAssignment[];
  claimed: Set<number>;
  warnings: Extracted<AssignmentSide>['warnings'];
}

export function extractAssignmentSide(
  doc: DocText,
  options: AssignmentSideOptions = {},
): Extracted<AssignmentSide> {
  const reserved = options.reserved ?? new Set<number>();
  const { lines } = prepareLines(
    doc.lines.map((l) => (reserved.has(l.no) ? { ...l, text: BLOCK_END } : l)),
  );
  const c: Collector = {
    side: {
      assignments: [],
      carriedOver: [],
      calendar: [],
      goals: [],
      steeringParameters: [],
      commonRequirements: [],
      mandates: [],
      preamble: null,
      priorities: [],
      reportingRequirements: [],
    },
    raws: [],
    claimed: new Set(),
    warnings: [],
  };
  const title = doc.kind === 'supplement' ? supplementTitle(lines) : null;
  const body = title ? lines.slice(title.lines) : lines;
  const pre = findPreamble(body);
  c.side.preamble = pre.preamble;
  claim(c, pre.used);
  const rest = body.slice(pre.used.length);
  const tables = assignmentTables(rest);
  const regions = addTables(
    c,
    tables.tables,
    splitRegions(rest.filter((l) => !tables.used.has(l.no))),
  );
  const loose: Line[] = [];
  regions.forEach((region, k) => {
    if (isParentHeading(region, regions[k + 1])) claim(c, region.headingLines);
    else readRegion(region, doc, c, loose);
  });
  loose.sort((a, b) => a.no - b.no);
  if (doc.kind === 'supplement') {
    const listed = listedAssignments(body, c, title?.subject ?? null);
    supplementAssignments(
      loose.filter((l) => !listed.has(l.no)),
      title?.subject ?? null,
      c,
    );
  }
  c.side.assignments = numbered(c.raws, doc, options);
  return { items: c.side, claimed: c.claimed, warnings: c.warnings };
}

/**
 * The rows of assignment tables (`Nr. · Oppdrag · Ansvarlig avdeling · Frist`), each under the
 * section whose heading is the last before the table. A table under the carried-over list or the
 * calendar is theirs (`ID · Oppdrag · Frist` of earlier assignments that go on): its lines go
 * back to that section, to be read by its reader. Returns the regions with those lines.
 */
function addTables(c: Collector, tables: AssignmentTable[], regions: Region[]): Region[] {
  const given = new Map<Region, Line[]>();
  for (const { header, raws, lines } of tables) {
    let under: Region | undefined;
    for (const r of regions) if ((r.headingLines[0]?.no ?? Infinity) < header.no) under = r;
    if (under && (under.kind === 'carried' || under.kind === 'calendar')) {
      given.set(under, [...(given.get(under) ?? []), ...lines]);
      continue;
    }
    const section = under ? sectionOf(under) : null;
    addRaws(
      c,
      raws.map((raw) => ({ ...raw, section })),
    );
    claim(c, lines);
  }
  return regions.map((r) => {
    const back = given.get(r);
    return back ? { ...r, lines: [...r.lines, ...back].sort((a, b) => a.no - b.no) } : r;
  });
}

/**
 * A supplement's list of its new assignments (`• TB2026-61 (unntatt offentlighet). For detaljer
 * se eget vedlegg.`): an ID that no item of the text opens is an assignment of its own, known
 * only by the list (often exempt from public access); the list lines of the others are claimed.
 * Returns the list lines read.
 */
function listedAssignments(lines: Line[], c: Collector, section: string | null): Set<number> {
  const known = new Set(c.raws.flatMap((r) => (r.id ? [r.id] : [])));
  const used = new Set<number>();
  for (const line of lines) {
    if (c.claimed.has(line.no) || line.marker?.kind !== 'bullet') continue;
    const listed = itemId(line.body);
    if (!listed) continue;
    used.add(line.no);
    if (known.has(listed.id)) {
      claim(c, [line]);
      continue;
    }
    known.add(listed.id);
    const title = listed.rest
      .replace(/^[-–:]\s*/, '')
      .replace(/\.$/, '')
      .trim();
    addRaws(c, [{ ...plainItem([], section, title || null, [line]), id: listed.id }]);
  }
  return used;
}

/**
 * A calendar table outside the calendar section (`Frist · Beskrivelse` under "Oppfølging og
 * rapportering") is read as calendar rows; the rest of the region is read without its lines.
 */
function withoutCalendarTables(region: Region, doc: DocText, c: Collector): Region {
  if (region.kind === 'calendar') return region;
  const tables = calendarTables(region.lines, doc.year);
  if (tables.items.length === 0) return region;
  c.side.calendar.push(...tables.items);
  for (const no of tables.used) c.claimed.add(no);
  return { ...region, lines: region.lines.filter((l) => !tables.used.has(l.no)) };
}

function claim(c: Collector, lines: Line[]): void {
  for (const l of lines) c.claimed.add(l.no);
}

function readRegion(whole: Region, doc: DocText, c: Collector, loose: Line[]): void {
  const region = withoutCalendarTables(whole, doc, c);
  switch (region.kind) {
    case 'goal': {
      const g = extractGoal(region);
      c.side.goals.push(g.goal);
      c.side.steeringParameters.push(...g.parameters);
      claim(c, g.used);
      return;
    }
    case 'carried': {
      const r = extractCarriedOver(region.lines);
      c.side.carriedOver.push(...r.items);
      claim(c, [...region.headingLines, ...r.used]);
      return;
    }
    case 'calendar': {
      const r = extractCalendar(region.lines, doc.year);
      c.side.calendar.push(...r.items);
      claim(c, [...region.headingLines, ...r.used]);
      afterCalendar(region, r.used, c, loose);
      return;
    }
    case 'priorities':
    case 'reporting': {
      const section = textSection(region);
      if (!section) return otherRegion(region, c, loose);
      const list = region.kind === 'priorities' ? c.side.priorities : c.side.reportingRequirements;
      list.push(section);
      claim(c, [...region.headingLines, ...region.lines]);
      return;
    }
    case 'common': {
      const r = extractRequirements(region);
      c.side.commonRequirements.push(...r.items);
      claim(c, r.used);
      return;
    }
    case 'mandate': {
      const m = extractMandate(region);
      if (m) c.side.mandates.push(m);
      claim(c, [...region.headingLines, ...region.lines]);
      return;
    }
    case 'assignments':
      claim(c, region.headingLines);
      assignmentRegion(region, c, loose);
      return;
    case 'goal-intro':
      claim(c, region.headingLines);
      otherRegion(region, c, loose);
      return;
    case 'other':
      otherRegion(region, c, loose);
  }
}

/**
 * A numbered heading with no text of its own, followed by its first subsection (`2.1 Folkehelse`
 * before `2.1.1 …`): the heading is the structure (area) of what follows.
 */
function isParentHeading(region: Region, next: Region | undefined): boolean {
  return (
    region.lines.length === 0 &&
    region.code !== null &&
    next?.code?.startsWith(`${region.code}.`) === true
  );
}

/** A titled text section, or null when the region prints printed IDs (assignments) or no text. */
function textSection(region: Region): TextSection | null {
  if (region.lines.length === 0 || region.lines.some((l) => opensIdItem(l.text))) return null;
  return {
    title: region.title,
    text: linesToText(region.lines),
    provenance: span([...region.headingLines, ...region.lines]),
  };
}

/** Prose after the calendar table about reporting (`Den formelle rapporteringen … gis i …`). */
function afterCalendar(region: Region, used: Line[], c: Collector, loose: Line[]): void {
  const last = used[used.length - 1];
  const rest = last ? region.lines.filter((l) => l.no > last.no) : [];
  if (rest.length === 0) return;
  if (!/rapport/i.test(linesToText(rest))) {
    loose.push(...rest);
    return;
  }
  c.side.reportingRequirements.push({
    title: region.title,
    text: linesToText(rest),
    provenance: span(rest),
  });
  claim(c, rest);
}

/** A region outside the known kinds: printed IDs still count; the rest is left to others. */
function otherRegion(region: Region, c: Collector, loose: Line[]): void {
  const { items, before, headings, after } = idItems(region.lines, sectionOf(region));
  addRaws(c, items);
  claim(c, headings);
  loose.push(...after);
  if (items.length === 0) {
    // `Oppdrag 1: …` headings under a section of another title (`Nye oppdrag`, a goal's).
    const numbered = numberedItems(before, sectionOf(region));
    // `Oppdrag: Tilsynet skal …` paragraphs between the section's other text.
    const labelled = numbered ? null : labelledItems(before, sectionOf(region));
    if (numbered) claim(c, region.headingLines);
    addRaws(c, numbered?.items ?? labelled?.items ?? []);
    loose.push(...(numbered?.before ?? labelled?.rest ?? before));
    return;
  }
  claim(c, region.headingLines);
  // `Departementet ber X gjennomføre følgende oppdrag:` just above the items is their intro.
  const intro = paragraphs(before).pop() ?? [];
  const isIntro = intro.length > 0 && isTaskIntro(intro);
  claim(c, isIntro ? intro : []);
  loose.push(...(isIntro ? before.slice(0, before.length - intro.length) : before));
}

function sectionOf(region: Region): string | null {
  return region.goal ?? region.area ?? (region.title || null);
}

function addRaws(c: Collector, raws: RawAssignment[]): void {
  c.raws.push(...raws);
  for (const r of raws) claim(c, [...r.head, ...r.body]);
}

/**
 * An assignment heading's region: printed IDs, sub-headed blocks, or task lists. Text after an
 * item its owner statement closed is left to the other readers (`loose`).
 */
function assignmentRegion(region: Region, c: Collector, loose: Line[]): void {
  const section = sectionOf(region);
  if (region.lines.some((l) => opensIdItem(l.text))) {
    const { items, headings, after } = idItems(region.lines, section);
    addRaws(c, items);
    claim(c, headings);
    loose.push(...after);
    return;
  }
  const numbered = numberedItems(region.lines, section);
  if (numbered) {
    addRaws(c, numbered.items);
    loose.push(...numbered.before);
    return;
  }
  const blocks = blocksByShapeHeading(region.lines);
  if (!blocks.some((b) => b.heading)) {
    listsWithBackground(region.lines, section, true, c);
    return;
  }
  for (const block of blocks) {
    const blockSection = block.heading?.text ?? section;
    const kind = classifyBlock(block);
    if (kind === 'tasks') {
      listsWithBackground(block.lines, blockSection, false, c);
      claim(c, block.heading ? [block.heading] : []);
    } else if (kind === 'assignment') {
      const head = block.heading ? [block.heading] : [];
      addRaws(c, [plainItem(block.lines, blockSection, block.heading?.text ?? null, head)]);
    } else {
      const req = requirementFromBlock(block, region.title);
      if (req) {
        c.side.commonRequirements.push(req);
        claim(c, [...(block.heading ? [block.heading] : []), ...block.lines]);
      }
    }
  }
}

/** Task lists of `lines` with the background paragraphs before each list. */
function listsWithBackground(
  lines: Line[],
  section: string | null,
  anyList: boolean,
  c: Collector,
): void {
  const r = taskListItems(lines, section, anyList);
  const taken = new Set(r.used.map((l) => l.no));
  const bg = attachBackground(lines, r.lists, taken);
  addRaws(c, r.raws);
  claim(c, [...r.used, ...bg]);
}

/** Lines that end a supplement's text: greeting, signature, the totals tables. */
const SUPPLEMENT_END = new RegExp(
  `^(?:${alternation(CLOSINGS)}|Oversikt over tildeling|Tabellene under viser|Kap\\.? ?\\d{3,4}\\.\\d{2}\\b)|\\(e\\.f\\.\\)`,
  'iu',
);

/**
 * Assignments of a supplement's text outside headed regions: task lists (plus prose requests
 * with a date), else — when the supplement prints no assignment IDs — sub-headed topic blocks
 * that ask for something, else the whole text as one assignment when it asks for anything.
 */
function supplementAssignments(lines: Line[], subject: string | null, c: Collector): void {
  const endAt = lines.findIndex((l) => SUPPLEMENT_END.test(l.text));
  const body = endAt < 0 ? lines : lines.slice(0, endAt);
  if (body.length === 0) return;
  const lists = taskListItems(body, subject, false);
  if (lists.raws.length > 0) {
    const used = new Set(lists.used);
    const prose = proseRequests(
      body.filter((l) => !used.has(l)),
      subject,
    );
    const taken = new Set([...lists.used, ...prose.flatMap((p) => p.body)].map((l) => l.no));
    const bg = attachBackground(body, lists.lists, taken);
    addRaws(
      c,
      [...lists.raws, ...prose].sort((a, b) => a.body[0]!.no - b.body[0]!.no),
    );
    claim(c, [...lists.used, ...bg]);
    return;
  }
  // A supplement that prints its assignments' IDs has given them all so (or listed them by ID):
  // its other text is background, money and reporting, not assignments by topic.
  if (c.raws.some((r) => r.id !== null)) return;
  const topics = blocksByShapeHeading(body).filter(
    (b) => b.heading && REQUEST.test(linesToText(b.lines)),
  );
  if (topics.length >= 2) {
    addRaws(
      c,
      topics.map((b) => plainItem(b.lines, b.heading!.text, b.heading!.text, [b.heading!])),
    );
    return;
  }
  if (REQUEST.test(linesToText(body))) addRaws(c, [plainItem(body, subject, subject)]);
}

/** The supplement's title lines and its subject (`… nr. 10 – utforming av …` → the subject). */
function supplementTitle(lines: Line[]): { lines: number; subject: string | null } | null {
  const first = lines[0];
  if (!first || !/^Tillegg\b.*\btildelingsbrev/i.test(first.text)) return null;
  let title = first.text;
  let n = 1;
  while (
    lines[n] &&
    n < 3 &&
    (startsLower(lines[n]!.text) || endsOpen(title) || /^\d{4}\b/.test(lines[n]!.text))
  ) {
    title += ` ${lines[n]!.text}`;
    n += 1;
  }
  const subject = /nr\.?\s*\d+\s*[-–:]?\s*(.*)$/i.exec(title)?.[1]?.trim() || null;
  return { lines: n, subject };
}

function numbered(
  raws: RawAssignment[],
  doc: DocText,
  options: AssignmentSideOptions,
): Assignment[] {
  const sorted = [...raws].sort((a, b) => firstLine(a) - firstLine(b));
  const ids = assignIds(
    sorted.map((r) => r.id),
    doc.kind,
    doc.year,
    options.taken,
    options.startAt,
  );
  const supplement = doc.kind === 'supplement';
  return sorted.map((raw, i) => buildAssignment(raw, ids[i]!, { year: doc.year, supplement }));
}

/** Where an item starts: its heading, else its text (an owner line joined to the head comes after). */
function firstLine(raw: RawAssignment): number {
  const no = Math.min(raw.head[0]?.no ?? Infinity, raw.body[0]?.no ?? Infinity);
  return Number.isFinite(no) ? no : 0;
}
