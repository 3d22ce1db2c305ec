/**
 * Assignments from lines: items opened by a printed ID (`TB2024-07 Avd.HOD: FHA Title`), items
 * of a task list (bullets or numbers under "Direktoratet … skal:"), and whole prose blocks.
 * Builds the contract's Assignment with sub-assignments, deadlines and details. Pure.
 */
import type { AssignmentChangeKind } from '../../contract/enums';
import type { Assignment, SubAssignment, TextBlock } from '../../contract/letter';
import { findDeadlinePhrases } from '../../domain/deadline';
import { findAssignmentIds, formatAssignmentId, normalizeAssignmentId } from '../../domain/ids';
import {
  ASSIGNMENT_LABELS,
  CHANGE_ITEM_TITLES,
  CLARIFICATION_HEADINGS,
  NEW_ASSIGNMENT_HEADINGS,
  OWNER_STATEMENTS,
  REFERS_BACK,
  alternation,
  caselessAlternation,
} from './vocabulary';
import {
  extractCollaborators,
  extractDeadlines,
  extractFunding,
  extractReferences,
  namesWhole,
  type TextUnit,
} from './assign-details';
import {
  endsOpen,
  linesToText,
  paragraphs,
  shortTitle,
  startsLower,
  startsUpper,
  type Line,
} from './assign-text';

/** An assignment before it has its assigned ID. */
export interface RawAssignment {
  id: string | null;
  owner: string | null;
  /** Printed heading, or null to take the first sentence of the text. */
  title: string | null;
  /** Heading lines (ID, owner, title) and body lines. */
  head: Line[];
  body: Line[];
  section: string | null;
  /** Deadline text stated for a group of items ("Oppdragene over har frist 30. mars."). */
  extraUnits: TextUnit[];
  /** Background paragraphs printed before the item (or its task list). */
  background: TextBlock | null;
  /** Listed under a heading of changes to earlier assignments (`Presisering av tidligere oppdrag`). */
  underClarificationHeading?: boolean;
}

export const ID_LINE = /^(R?T{1,2}B\s?\d{4}\s?-\s?\d{1,3})(?!\d)\s*(.*)$/;
/** `ID: 2026-01 Title`: an ID printed without its prefix (state enterprises' oppdragsdokument). */
const BARE_ID_LINE = /^ID\s*:\s*((?:19|20)\d{2})\s?-\s?(\d{1,3})(?!\d)\s*(.*)$/;

/**
 * The ID that opens an item line, canonical, and the text after it; null when none does. An ID
 * printed without its prefix (`ID: 2026-01`) is a letter's: `TB2026-01`.
 */
export function itemId(text: string): { id: string; rest: string } | null {
  const m = ID_LINE.exec(text);
  if (m) return { id: normalizeAssignmentId(m[1]!)!, rest: m[2] ?? '' };
  const bare = BARE_ID_LINE.exec(text);
  if (!bare) return null;
  const id = formatAssignmentId({ prefix: 'TB', year: Number(bare[1]), seq: Number(bare[2]) });
  return { id, rest: bare[3] ?? '' };
}

/**
 * `Oppdrag 1: Tilsyn med prøvebenker`, `Oppdrag nr. 2 – …`, `Oppdrag 3`: an assignment numbered
 * in the letter's own words, without an ID (Tildel assigns one). The title may stand on the line
 * under a bare `Oppdrag 3`.
 */
const NUMBERED_ASSIGNMENT =
  /^Oppdrag\s+(?:nr\.?\s*)?\d{1,3}(?:\.\d{1,2})?\s*(?:(?::|\.|\s[–—-])\s*(?!\d)(\S.*?))?$/u;

/**
 * The items of a region whose assignments are headed `Oppdrag 1: …`, `Oppdrag 2: …`, each up to
 * the next, or null when no line is such a heading. `before`: the lines above the first.
 */
export function numberedItems(
  lines: Line[],
  section: string | null,
): { items: RawAssignment[]; before: Line[] } | null {
  // A heading's shape: a title, not a sentence (`Oppdrag 1–3 i brevet er fullført.` is text).
  const starts = lines.flatMap((l, i) =>
    !l.marker && NUMBERED_ASSIGNMENT.test(l.text) && !/[.,;]$/u.test(l.text) ? [i] : [],
  );
  if (starts.length === 0) return null;
  const items = starts.map((start, k) => {
    const own = lines.slice(start + 1, starts[k + 1] ?? lines.length);
    const printed = NUMBERED_ASSIGNMENT.exec(lines[start]!.text)?.[1]?.trim() ?? '';
    const titleLine = printed === '' && own[0] && isHeadingShape(own[0]) ? own[0] : null;
    const body = titleLine ? own.slice(1) : own;
    const head = [lines[start]!, ...(titleLine ? [titleLine] : [])];
    return plainItem(body, section, printed || titleLine?.text || null, head);
  });
  return { items, before: lines.slice(0, starts[0]) };
}

/** `Oppdrag: Tilsynet skal …` (ASSIGNMENT_LABELS): the label, then the item's first sentence. */
const LABELLED_ASSIGNMENT = new RegExp(
  `^(?:${caselessAlternation(ASSIGNMENT_LABELS)})\\s*:\\s*(?=\\p{Lu})`,
  'u',
);

/**
 * A paragraph that goes on with the item above it: its own deadline (`Frist: …`, `Fristen er …`,
 * `Frist for delrapport er …`), not one for all assignments (`Frist for rapportering på alle …`).
 */
const ITEM_GOES_ON = /^(?:Frist(?:en)?\s*(?::|er\b)|Frist for (?:del|slutt)\p{L}*\s)/u;

/**
 * The items of a region written as paragraphs opened by a label (`Oppdrag: Tilsynet skal
 * utarbeide … Frist: 1. juni 2037.`), each the paragraph and the list right under it, or null
 * when no paragraph opens so. `rest`: the region's other lines.
 */
export function labelledItems(
  lines: Line[],
  section: string | null,
): { items: RawAssignment[]; rest: Line[] } | null {
  const items: RawAssignment[] = [];
  const rest: Line[] = [];
  let body: Line[] | null = null;
  const close = () => {
    if (body) items.push(plainItem(body, section));
    body = null;
  };
  for (const line of lines) {
    const label = line.marker ? null : LABELLED_ASSIGNMENT.exec(line.text);
    if (label) {
      close();
      const text = line.text.slice(label[0].length);
      body = [{ ...line, text, body: text }];
    } else if (
      body &&
      (!line.gap || line.marker || ITEM_GOES_ON.test(line.text) || isOwnerLine(line.text))
    ) {
      body.push(line);
    } else {
      close();
      rest.push(line);
    }
  }
  close();
  return items.length > 0 ? { items, rest } : null;
}

/** Whether a line opens an item with a printed ID. */
export const opensIdItem = (text: string): boolean => itemId(text) !== null;
const OWNER_PREFIX = /^(?:Avd\.?\s*)?[A-ZÆØÅ]{2,5}\s*:\s*/;
const CODES = /^([A-ZÆØÅ]{2,4}(?:\s*\/\s*[A-ZÆØÅ]{2,4})*)(?:\s+og)?(?=\s|$)/;
const OWNER_LINE = /^[A-ZÆØÅ]{2,4}(?:\s*\/\s*[A-ZÆØÅ]{2,4})*(?:\s+og)?(?:\s*\(pkt\.?\s*\d+\))?$/;
/**
 * The owner stated in the item's text rather than on its ID line: `Ansvarlig avdeling i HOD:
 * DIG`, `Ansvarleg avdeling: KTA`, on a line of its own, at the end of one (after a deadline) or
 * as a sentence between others (`… langs kysten. Ansvarlig avdeling: FRA. Frist: 1. desember.`),
 * also in brackets at the end of a sentence (`… innan 1. september (ansvarleg avdeling: RSA).`).
 */
const OWNER_STATEMENT = new RegExp(
  `(?:^|\\s)(\\(\\s*)?(?:${caselessAlternation(OWNER_STATEMENTS)})(?:\\s+i\\s+[A-ZÆØÅ]{2,6})?\\s*:\\s*([A-ZÆØÅ]{2,4}(?:\\s*(?:\\/|,|og)\\s*[A-ZÆØÅ]{2,4})*)\\s*(\\))?\\s*(\\.(?=\\s+\\p{Lu})|\\.?$)`,
  'u',
);

/** The statement found in a line (brackets matched), or null. */
function ownerIn(text: string): RegExpExecArray | null {
  const m = OWNER_STATEMENT.exec(text);
  return m && !m[1] === !m[3] ? m : null;
}

/** Whether a line holds nothing but an owner statement: it closes the item it ends. */
export function isOwnerLine(text: string): boolean {
  const m = ownerIn(text);
  return (
    m !== null &&
    text.slice(0, m.index).trim() === '' &&
    text.slice(m.index + m[0].length).trim() === ''
  );
}

/**
 * Finds an owner statement in the body: its codes, and the body without it (a line that holds
 * only the statement leaves the body; a statement at the end of a line is cut off it, a
 * sentence's full stop after a bracketed one kept).
 */
function ownerStatement(body: Line[]): { codes: string[]; body: Line[]; used: Line[] } {
  for (const [i, printed] of body.entries()) {
    // A statement a PDF line broke (`… fangstrapportering. Ansvarlig` / `avdeling: FRA. Frist …`)
    // is read from both lines; the second goes with it.
    const next = body[i + 1];
    const broken = !ownerIn(printed.text) && next && !next.marker && LABEL_END.test(printed.text);
    const line = broken
      ? { ...printed, text: `${printed.text} ${next.text}`, body: `${printed.body} ${next.text}` }
      : printed;
    const m = ownerIn(line.text);
    if (!m || (broken && m.index >= printed.text.length)) continue;
    const joined = broken ? [next] : [];
    const codes = m[2]!.split(/\s*(?:\/|,|\bog\b)\s*/).filter((c) => c !== '');
    const stop = m[1] && m[4] ? '.' : '';
    const before = line.text.slice(0, m.index).trim();
    const after = line.text.slice(m.index + m[0].length).trim();
    // The text after a list marker is the line's end: the statement stands in it too.
    const marker = line.text.length - line.body.length;
    const around = (head: string) =>
      [head.trim() === '' ? '' : head.trim() + stop, after].filter((x) => x !== '').join(' ');
    const kept = {
      ...line,
      text: around(before),
      body: around(line.body.slice(0, Math.max(0, m.index - marker))),
    };
    const whole = before === '' && after === '';
    const rest = [
      ...body.slice(0, i),
      ...(whole ? [] : [kept]),
      ...body.slice(i + 1 + joined.length),
    ];
    return { codes, body: rest, used: whole ? [printed, ...joined] : joined };
  }
  return { codes: [], body, used: [] };
}

/** A line ending in the start of an owner statement's label (`Ansvarlig`, `Ansvarlig avdeling`). */
const LABEL_END =
  /(?:^|\s)(?:Ansvarlig|Ansvarleg|Ansv\.)(?:\s+avd(?:eling|\.)?)?(?:\s+i\s+[A-ZÆØÅ]{2,6})?$/u;

/** Splits `Avd.HOD: SHA og` / `KTA (pkt. 1)` / `Title…` into owner codes and the title start. */
function parseOwner(rest: string): { codes: string[]; title: string; open: boolean } {
  const prefix = OWNER_PREFIX.exec(rest);
  if (!prefix) return { codes: [], title: rest, open: false };
  const after = rest.slice(prefix[0].length);
  const codes = CODES.exec(after);
  if (!codes) return { codes: [], title: after, open: after === '' };
  const title = after.slice(codes[0].length).trim();
  return {
    codes: codes[1]!.split(/\s*\/\s*/),
    title,
    open: /\bog$/.test(codes[0]) || title === '',
  };
}

/** A heading over a group of items: changes to earlier assignments, or new ones. */
const GROUP_HEADING = new RegExp(
  `^(?:(${alternation(CLARIFICATION_HEADINGS)})|(${alternation(NEW_ASSIGNMENT_HEADINGS)}))\\s*:?$`,
  'iu',
);

function groupHeading(line: Line): 'clarifications' | 'new' | null {
  const m = GROUP_HEADING.exec(line.text.trim());
  if (!m) return null;
  return m[1] ? 'clarifications' : 'new';
}

/**
 * Items opened by a printed ID; lines before the first ID are returned as `before`. Group
 * headings between items (`Presisering av tidligere oppdrag:`, `Nye oppdrag:`) are not part
 * of the item above them: they are returned as `headings`, and mark the items under them. An
 * owner statement on a line of its own after the item's text (`Ansvarlig avdeling i HOD: DIG`)
 * closes the item: what follows it up to the next item (a heading, a list of IDs, a closing
 * paragraph) is returned as `after`.
 */
export function idItems(
  lines: Line[],
  section: string | null,
): {
  items: RawAssignment[];
  before: Line[];
  headings: Line[];
  after: Line[];
} {
  const starts = lines.flatMap((l, i) => (isItemStart(lines, i) ? [i] : []));
  const headings: Line[] = [];
  const after: Line[] = [];
  let group: 'clarifications' | 'new' | null = null;
  for (const line of lines.slice(0, starts[0] ?? lines.length)) group = groupHeading(line) ?? group;
  const items = starts.map((start, k) => {
    const own: Line[] = [];
    let next = group;
    let closed = false;
    for (const line of lines.slice(start, starts[k + 1] ?? lines.length)) {
      const g = own.length > 0 ? groupHeading(line) : null;
      if (g) {
        headings.push(line);
        next = g;
      } else if (closed) after.push(line);
      else {
        closed = own.length > 1 && isOwnerLine(line.text) && own.slice(1).some(endsSentence);
        own.push(line);
      }
    }
    const item = idItem(own, section);
    if (group === 'clarifications') item.underClarificationHeading = true;
    group = next;
    return item;
  });
  return { items, before: lines.slice(0, starts[0] ?? lines.length), headings, after };
}

/** A line that ends a sentence (or a deadline line: `Frist: 1. april 2032`). */
const endsSentence = (l: Line): boolean => /[.!?]$/.test(l.text) || /^Frist\b/i.test(l.text);

/**
 * An ID at a line start opens an item when an owner follows, the sentence before ended, or the
 * line before is a group heading, a heading of another kind (a short line without a sentence's
 * end, after a finished sentence, a list item or an owner statement) or stated the previous
 * item's owner (`Ansvarlig avdeling i HOD: SHA`). Not an ID that closes a sentence the line
 * broke (`… jf. oppdrag` / `TB2022-61.`).
 */
function isItemStart(lines: Line[], i: number): boolean {
  const line = lines[i]!;
  const prev = lines[i - 1];
  const m = itemId(line.text);
  if (!m) return false;
  // `… jf. oppdrag` / `TB2022-61.`: a reference the line broke, closing its sentence.
  if (/^[.,;)]\s*$/u.test(m.rest)) return false;
  if (OWNER_PREFIX.test(m.rest)) return true;
  if (!prev || /[.:!?]$/.test(prev.text) || line.gap) return true;
  if (ownerIn(prev.text) || groupHeading(prev) !== null) return true;
  return isHeadingShape(prev) && closesText(lines[i - 2]);
}

/** A short line shaped as a heading: capitalised, no sentence or clause end, no open word. */
function isHeadingShape(line: Line): boolean {
  const t = line.text;
  if (line.marker || t.length < 3 || t.length > 80 || t.split(/\s+/).length > 12) return false;
  if (!startsUpper(t) || /[.,;:]$/.test(t) || endsOpen(t)) return false;
  return !opensIdItem(t) && findAssignmentIds(t).length === 0;
}

/** Whether the text before a line has come to an end (nothing, or a line that closes). */
function closesText(line: Line | undefined): boolean {
  if (!line) return true;
  return (
    /[.:!?)"»]$/.test(line.text) ||
    line.marker !== null ||
    isOwnerLine(line.text) ||
    groupHeading(line) !== null
  );
}

/** `Det vises til oppdrag TB2026-17.` at the start of an item's text: it refers back to itself. */
const REFERS_BACK_TO = new RegExp(`^(?:${alternation(REFERS_BACK)})\\s+(.{0,60})`, 'iu');

/**
 * The ID of the earlier assignment a supplement's item changes (*presisering*), or null for a
 * new assignment: an item with a printed ID that is listed under a heading of changes, or
 * whose text opens by referring back to its own ID.
 */
function clarifiedId(raw: RawAssignment, text: string, supplement: boolean): string | null {
  if (!supplement || raw.id === null) return null;
  if (raw.underClarificationHeading) return raw.id;
  const m = REFERS_BACK_TO.exec(text.trim());
  return m && findAssignmentIds(m[1]!)[0] === raw.id ? raw.id : null;
}

const CHANGE_TITLE = Object.entries(CHANGE_ITEM_TITLES).map(([change, words]) => ({
  change: change as AssignmentChangeKind,
  re: new RegExp(`^(?:${alternation(words)})(?![\\p{L}\\d])`, 'iu'),
}));

/**
 * Which change of an earlier assignment an item is, by the words its title opens with (`Ny
 * frist`) or ends with after a dash (`Evaluering av ordningen – ny frist`); absent for a new
 * assignment and for a change whose title names none (a clarification, as printed).
 */
function changeOf(clarifies: string | null, title: string): { change?: AssignmentChangeKind } {
  if (clarifies === null) return {};
  const t = title.trim();
  const suffix = /\s[-–—]\s+([^-–—]+)$/u.exec(t)?.[1]?.trim();
  const found = CHANGE_TITLE.find(
    (c) => c.re.test(t) || (suffix !== undefined && c.re.test(suffix)),
  );
  return found ? { change: found.change } : {};
}

function idItem(lines: Line[], section: string | null): RawAssignment {
  const first = itemId(lines[0]!.text)!;
  const owner = parseOwner(first.rest);
  const codes = [...owner.codes];
  let title = owner.title;
  let i = 1;
  while (owner.open && lines[i] && OWNER_LINE.test(lines[i]!.text)) {
    codes.push(...(CODES.exec(lines[i]!.text)?.[1]?.split(/\s*\/\s*/) ?? []));
    i += 1;
  }
  if (title === '' && lines[i] && !lines[i]!.marker) title = lines[i++]!.text;
  for (let n = 0; n < 3 && continuesTitle(title, lines[i]); n++) title += ` ${lines[i++]!.text}`;
  const stated = ownerStatement(lines.slice(i));
  if (codes.length === 0) codes.push(...stated.codes);
  return {
    id: first.id,
    owner: codes.length > 0 ? [...new Set(codes)].join('/') : null,
    title: title.trim() || null,
    head: [...lines.slice(0, i), ...stated.used],
    body: stated.body,
    section,
    extraUnits: [],
    background: null,
  };
}

/** A wrapped title goes on with a short line that starts lower-case or after an open word. */
export function continuesTitle(title: string, next: Line | undefined): boolean {
  if (!next || next.marker || next.text.length > 60) return false;
  if ((title.match(/\(/g) ?? []).length > (title.match(/\)/g) ?? []).length) return true;
  if (opensIdItem(next.text)) return false;
  return startsLower(next.text) || endsOpen(title);
}

/**
 * `1. Vedtak 583`, `2. Flere indikatorer for …`: a short title (also wrapped over a line or two
 * in a PDF), not a sentence, with a paragraph of prose after it.
 */
function isSubHeading(body: Line[], i: number, starts: ReadonlySet<number>): boolean {
  let k = i + 1;
  const parts = [body[i]!.body];
  while (k < body.length && k <= i + 2 && !starts.has(body[k]!.no) && !body[k]!.marker) {
    parts.push(body[k]!.text);
    k += 1;
  }
  const next = body[k];
  const t = parts.join(' ').trim();
  return (
    !!next &&
    starts.has(next.no) &&
    !next.marker &&
    // Prose follows a heading; `Frist: 30.6.2027` after a short list item is the list's.
    next.text.length >= 60 &&
    t.split(/\s+/).length <= 16 &&
    !/[.:;,]$/.test(t) &&
    /^\p{Lu}/u.test(t)
  );
}

/**
 * A paragraph of its own that only gives a deadline (`Frist: 1. mars 2032`), not one for the
 * whole assignment (`Frist for hele oppdraget: …`).
 */
function deadlineOnly(line: Line, next: Line | undefined, starts: ReadonlySet<number>): boolean {
  const t = line.text;
  if (line.marker || t.length > 90 || !/^Frist(?:en)?(?![\p{L}])/iu.test(t)) return false;
  if (namesWhole(t) || findDeadlinePhrases(t).length === 0) return false;
  return !next || starts.has(next.no) || next.marker !== null;
}

/**
 * Sub-assignments: top-level lettered (`a)`) or numbered (`1.`, `1)`, `(1)`) items. A
 * deadline-only paragraph after an item belongs to it when another item of the list follows,
 * or when the item before had one of its own too (each item of the list with its deadline
 * under it, printed as a paragraph of the item: `Frist: 1. mars 2032`).
 */
function subAssignments(body: Line[]): { subs: SubAssignment[]; rest: Line[] } {
  const isSub = (l: Line) =>
    l.marker?.level === 1 && (l.marker.kind === 'letter' || l.marker.kind === 'number');
  if (body.filter(isSub).length < 2) return { subs: [], rest: body };
  const groups: Line[][] = [];
  const rest: Line[] = [];
  let current: Line[] | null = null;
  const dated = new Set<Line[]>();
  const nextIsSub = (i: number) => body[i + 1] !== undefined && isSub(body[i + 1]!);
  // Where text lost its blank lines (PDF), a short line ending a sentence ends a paragraph.
  const starts = new Set(paragraphs(body).map((p) => p[0]!.no));
  // A sub-assignment headed by a short numbered heading (`1. Vedtak 583`) runs on, paragraphs
  // and all, to the next one.
  let headed = false;
  for (const [i, line] of body.entries()) {
    if (isSub(line)) {
      current = [line];
      groups.push(current);
      headed = isSubHeading(body, i, starts);
    } else if (
      current &&
      (headed || line.marker || !starts.has(line.no) || startsLower(line.text))
    ) {
      current.push(line);
    } else if (
      current &&
      !dated.has(current) &&
      deadlineOnly(line, body[i + 1], starts) &&
      (nextIsSub(i) || dated.has(groups[groups.length - 2] ?? current))
    ) {
      current.push(line);
      dated.add(current);
    } else {
      // Text after a sub-assignment is a paragraph of its own, not the end of the one before.
      rest.push(current ? { ...line, gap: true } : line);
      current = null;
    }
  }
  const subs = groups.map((g) => ({
    letter: g[0]!.marker!.label,
    text: linesToText([{ ...g[0]!, marker: null }, ...g.slice(1)]),
    provenance: span(g),
  }));
  return { subs, rest };
}

/** The lines' span in the source (they need not be in order: an owner line joins the head). */
export function span(lines: Line[]): { startLine: number; endLine: number } {
  let startLine = Infinity;
  let endLine = -Infinity;
  for (const l of lines) {
    startLine = Math.min(startLine, l.no);
    endLine = Math.max(endLine, l.no);
  }
  return { startLine, endLine };
}

/** The contract's Assignment for a raw item, with its assigned ID and the document's year. */
export function buildAssignment(
  raw: RawAssignment,
  assignedId: string,
  doc: { year: number; supplement: boolean },
): Assignment {
  const { year } = doc;
  const [first, ...others] = raw.body;
  const listItem = raw.id === null && first?.marker?.level === 1 && first.marker.kind !== 'letter';
  const text = linesToText(listItem ? [{ ...first, marker: null }, ...others] : raw.body);
  // A list item's own number (`4. Førebu …`) is not one of its parts (`a)`, `b)`).
  const parts = listItem ? subAssignments(others) : null;
  const { subs, rest } = parts
    ? { ...parts, rest: [first!, ...parts.rest] }
    : subAssignments(raw.body);
  const units: TextUnit[] = [
    ...subs.map((s) => ({ text: s.text, appliesTo: s.letter })),
    // Paragraph by paragraph: a sentence that ends in `:` before a removed list of
    // sub-assignments does not run on into the paragraph after the list.
    { text: paragraphs(rest).map(linesToText).join('\n'), appliesTo: null },
    ...raw.extraUnits,
  ];
  const all = [...raw.head, ...raw.body];
  const clarifies = clarifiedId(raw, text, doc.supplement);
  const title = raw.title ?? shortTitle(text);
  return {
    id: raw.id,
    assignedId,
    ownerDepartment: raw.owner,
    title,
    text,
    deadlines: extractDeadlines(units, year),
    subAssignments: subs,
    collaborators: extractCollaborators(text),
    references: extractReferences(`${raw.title ?? ''}\n${text}`, raw.id),
    funding: extractFunding(text),
    section: raw.section,
    background: raw.background,
    clarifies,
    ...changeOf(clarifies, title),
    provenance: span(all),
  };
}

/**
 * An item of a task list, or a whole prose block, as a raw assignment without ID. An owner
 * statement in its lines (`Ansvarleg avdeling: MTA`, `(ansvarlig avdeling: RSA)`) is its owner.
 */
export function plainItem(
  lines: Line[],
  section: string | null,
  title: string | null = null,
  head: Line[] = [],
): RawAssignment {
  const found = ownerStatement(lines);
  const stated = found.body.length > 0 ? found : { codes: [], body: lines, used: [] };
  return {
    id: null,
    owner: stated.codes.length > 0 ? [...new Set(stated.codes)].join('/') : null,
    title,
    head: [...head, ...stated.used],
    body: stated.body,
    section,
    extraUnits: [],
    background: null,
  };
}
