/**
 * Assignments without printed IDs: task lists ("Direktoratet for e-helse skal:" + bullets,
 * "… følgende oppdrag:" + numbers), topic blocks under sub-headings, and prose requests. Pure.
 */
import { findDeadlinePhrases } from '../../domain/deadline';
import { isOwnerLine, plainItem, span, type RawAssignment } from './assign-items';
import { GIVES_MONEY } from './assign-preamble';
import { blocksByShapeHeading, COMMON_REQUIREMENT_WORDS, type Block } from './assign-common';
import {
  joinWrapped,
  linesToText,
  paragraphs,
  shortTitle,
  startsLower,
  type Line,
} from './assign-text';

export type Segment =
  { kind: 'prose'; lines: Line[] } | { kind: 'list'; intro: Line[]; items: Line[][] };

/** An intro that hands out tasks: "… skal:", "… følgende oppdrag:", "… bes om å:". */
const TASK_INTRO = /(?:\bskal\b|\boppdrag\b|\bbes\b|\bber\b)[^.]*:$/i;
/** Lists that are contents, money or examples rather than tasks. */
const NOT_TASKS = /tildeling|elementer|blant annet|følgende tiltak|mill\. kr|gjelder/i;
/** Request language of a prose block. */
export const REQUEST = /\b(?:ber|bes|bedt om|gir .{0,60}i oppdrag|i oppdrag å|[Ff]rist)\b/;
/** "Oppdragene over har frist …" — a deadline for the list above. */
const FOR_LIST_ABOVE = /^(Oppdragene|Oppdraget) over\b/;

/**
 * Cuts lines into prose and lists; a list's intro is the paragraph just before it. A line
 * without a marker goes on the item above unless a paragraph break before it starts a new
 * sentence (an owner statement is the item's all the same), or the item ended with its owner
 * statement.
 */
export function segments(lines: Line[]): Segment[] {
  const out: Segment[] = [];
  let list: Extract<Segment, { kind: 'list' }> | null = null;
  let item: Line[] | null = null;
  let prose: Line[] = [];
  const flushProse = () => {
    if (prose.length > 0) out.push({ kind: 'prose', lines: prose });
    prose = [];
  };
  for (const line of lines) {
    const m = line.marker;
    if (m && m.level === 1 && (!list || list.items[0]?.[0]?.marker?.kind === m.kind)) {
      if (!list) {
        const intro = lastParagraph(prose);
        prose = prose.slice(0, prose.length - intro.length);
        flushProse();
        list = { kind: 'list', intro, items: [] };
        out.push(list);
      }
      item = [line];
      list.items.push(item);
    } else if (
      item &&
      (m || !line.gap || startsLower(line.text) || isOwnerLine(line.text)) &&
      !FOR_LIST_ABOVE.test(line.text) &&
      // An owner statement on a line of its own (`Ansvarleg avdeling: MTA`) closes its item.
      !(m === null && isOwnerLine(item[item.length - 1]!.text))
    ) {
      item.push(line);
    } else {
      list = null;
      item = null;
      prose.push(line);
    }
  }
  flushProse();
  return out;
}

function lastParagraph(lines: Line[]): Line[] {
  if (lines.length === 0) return [];
  let start = lines.length - 1;
  while (
    start > 0 &&
    !lines[start]!.gap &&
    lines.length - start < 3 &&
    !/[.!?]$/.test(lines[start - 1]!.text)
  ) {
    start -= 1;
  }
  return lines.slice(start);
}

export function isTaskIntro(intro: Line[]): boolean {
  const text = joinWrapped(intro.map((l) => l.text));
  return TASK_INTRO.test(text) && !NOT_TASKS.test(text);
}

/**
 * Assignments of task lists in `lines`. With `anyList` (a section headed "Oppdrag"), every
 * list counts; otherwise only lists with a task intro. Returns the lines used.
 */
export function taskListItems(
  lines: Line[],
  section: string | null,
  anyList: boolean,
): { raws: RawAssignment[]; used: Line[]; lists: TaskList[] } {
  const raws: RawAssignment[] = [];
  const used: Line[] = [];
  const lists: TaskList[] = [];
  let lastList: RawAssignment[] = [];
  for (const seg of segments(lines)) {
    if (seg.kind === 'list') {
      // Lettered lists are parts (deloppdrag) of one assignment, not assignments of their own.
      const lettered = seg.items[0]?.[0]?.marker?.kind === 'letter';
      if (lettered || (!anyList && !isTaskIntro(seg.intro))) {
        lastList = [];
        continue;
      }
      lastList = seg.items.map((item) => plainItem(item, section));
      raws.push(...lastList);
      lists.push({ first: seg.intro[0] ?? seg.items[0]![0]!, raws: lastList });
      used.push(...seg.intro, ...seg.items.flat());
      continue;
    }
    const first = seg.lines[0];
    const forAbove = first ? FOR_LIST_ABOVE.exec(first.text) : null;
    if (forAbove && lastList.length > 0) {
      const para = paragraphAt(seg.lines, 0);
      const targets = forAbove[1] === 'Oppdraget' ? lastList.slice(-1) : lastList;
      for (const t of targets) t.extraUnits.push({ text: linesToText(para), appliesTo: null });
      used.push(...para);
    }
    lastList = [];
  }
  return { raws, used, lists };
}

/** The items of one task list and the first line of the list (its intro, or its first item). */
export interface TaskList {
  first: Line;
  raws: RawAssignment[];
}

/**
 * Background of task lists: the paragraphs just before a list's intro (sub-headings included)
 * that no other item took, back to a taken line, a paragraph that gives money, or another
 * list. Every item of the list gets it; the lines used are returned.
 */
export function attachBackground(lines: Line[], lists: TaskList[], taken: Set<number>): Line[] {
  const used: Line[] = [];
  if (lists.length === 0) return used;
  const all = paragraphs(lines);
  for (const list of lists) {
    const paras = all.filter((p) => p[p.length - 1]!.no < list.first.no);
    const bg: Line[] = [];
    for (let k = paras.length - 1; k >= 0; k--) {
      const para = paras[k]!;
      if (para.some((l) => taken.has(l.no) || l.marker) || GIVES_MONEY.test(linesToText(para)))
        break;
      bg.unshift(...para);
    }
    if (bg.length === 0) continue;
    const background = { text: linesToText(bg), provenance: span(bg) };
    for (const raw of list.raws) raw.background = background;
    for (const l of bg) taken.add(l.no);
    used.push(...bg);
  }
  return used;
}

function paragraphAt(lines: Line[], start: number): Line[] {
  const end = lines.findIndex((l, i) => i > start && l.gap);
  return lines.slice(start, end < 0 ? lines.length : end);
}

const ASKS = /\b(?:bes om at|ber om at|Det bes om)\b/;
/** `Direktoratet for e-helse må senest innen 1. september …`: the agency told to act. */
const AGENCY_MUST =
  /^(?:Direktoratet(?: for [\p{L}-]+(?: og [\p{L}-]+)?)?|\p{Lu}[\p{L}-]*(?:direktoratet|tilsynet|instituttet|verket|etaten)|Virksomheten|Etaten)\s+(?:må|skal|bes)(?![\p{L}])/u;

/** Prose paragraphs that ask for something by a date ("Det bes om at … innen 16. april"). */
export function proseRequests(lines: Line[], section: string | null): RawAssignment[] {
  const out: RawAssignment[] = [];
  for (const seg of segments(lines)) {
    if (seg.kind !== 'prose') continue;
    for (const para of paragraphs(seg.lines)) {
      const text = linesToText(para);
      for (const sentence of text.split(/(?<=\.)\s+(?=[A-ZÆØÅ])/)) {
        if (ASKS.test(sentence) || AGENCY_MUST.test(sentence)) {
          if (findDeadlinePhrases(sentence).length > 0) {
            out.push(plainItem(para, section, shortTitle(sentence)));
            break;
          }
        }
      }
    }
  }
  return out;
}

/** What a sub-headed block is: tasks, one prose assignment, or a requirement. */
export function classifyBlock(block: Block): 'tasks' | 'assignment' | 'requirement' {
  const text = linesToText(block.lines);
  if (block.heading && COMMON_REQUIREMENT_WORDS.test(block.heading.text)) return 'requirement';
  if (segments(block.lines).some((s) => s.kind === 'list' && isTaskIntro(s.intro))) return 'tasks';
  if (REQUEST.test(text) || findDeadlinePhrases(text).length > 0) {
    return /\bskal\b|\bbes\b|\bber\b/.test(text) && findDeadlinePhrases(text).length > 0
      ? 'assignment'
      : 'requirement';
  }
  return 'requirement';
}

export { blocksByShapeHeading };
