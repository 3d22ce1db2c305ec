/**
 * Details read out of an assignment's text: deadlines (with the sub-assignment they belong to),
 * collaborators, references to other assignments and funding chapter/post. Pure.
 */
import type { Deadline } from '../../contract/letter';
import { deadlineDate, findDeadlinePhrases, parseDeadline } from '../../domain/deadline';
import { organisationNames } from './organisations';
import {
  DEADLINE_WORDS,
  GOAL_WORDS,
  SUB_PART_WORDS,
  WHOLE_ASSIGNMENT,
  alternation,
} from './vocabulary';
import { findAssignmentIds } from '../../domain/ids';
import { sentences } from './assign-text';

/** A piece of an assignment's text, with the sub-assignment it belongs to (null: the whole). */
export interface TextUnit {
  text: string;
  appliesTo: string | null;
}

/** A noun for an assignment's parts, as a word of its own. */
const PART = `(?<![\\p{L}])(?:${alternation(SUB_PART_WORDS)})`;
const PART_RANGE = new RegExp(`${PART}\\s+([a-z])\\)?\\s*(?:-|–|til)\\s*([a-z])\\)`, 'iu');
const PART_LETTERS = new RegExp(`${PART}\\s+((?:[a-z]\\)?(?:\\s*,\\s*|\\s+og\\s+)?)+)`, 'iu');
const PART_NUMBERS = new RegExp(
  `${PART}\\s+(\\d{1,2}(?:\\s*(?:,|og|[-–]|til)\\s*\\d{1,2})*)(?!\\d)`,
  'iu',
);
const WHOLE = new RegExp(`(?<![\\p{L}])(?:${alternation(WHOLE_ASSIGNMENT)})(?![\\p{L}])`, 'iu');

/** Whether a sentence names the assignment as a whole (`Frist for hele oppdraget`). */
export const namesWhole = (sentence: string): boolean => WHOLE.test(sentence);

/**
 * Sub-assignment letters a sentence names: `Deloppdrag b) og c)`, `d) til f)`, `punkt a)`,
 * `del 2`, `deloppdrag 2–4`.
 */
export function lettersNamed(sentence: string): string[] {
  const range = PART_RANGE.exec(sentence);
  if (range) return letterRange(range[1]!.toLowerCase(), range[2]!.toLowerCase());
  const list = PART_LETTERS.exec(sentence);
  const letters = list ? [...list[1]!.matchAll(/([a-z])\)/gi)].map((m) => m[1]!.toLowerCase()) : [];
  if (letters.length > 0) return letters;
  const parts = PART_NUMBERS.exec(sentence);
  if (!parts) return [];
  const span = /^(\d{1,2})\s*(?:[-–]|til)\s*(\d{1,2})$/.exec(parts[1]!.trim());
  if (span) {
    const [from, to] = [Number(span[1]), Number(span[2])];
    if (to > from && to - from < 20) {
      return Array.from({ length: to - from + 1 }, (_, k) => String(from + k));
    }
  }
  return [...parts[1]!.matchAll(/\d{1,2}/g)].map((m) => m[0]);
}

function letterRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) out.push(String.fromCharCode(c));
  return out;
}

const GOAL = new RegExp(`(?<![\\p{L}])(?:${alternation(GOAL_WORDS)})(?![\\p{L}])`, 'giu');
const SETS_DEADLINE = new RegExp(
  `(?<![\\p{L}])(?:${alternation(DEADLINE_WORDS)})(?![\\p{L}])`,
  'giu',
);

/**
 * Whether the date phrase at `at` belongs to a goal or purpose: a goal word stands before it,
 * with no word that sets a deadline between (`Målet skal være nådd i løpet av 2029`; `Det bes
 * om en plan med formål at restansene er behandlet innen …`; not `Målet er at rapporten leveres
 * innen 1. juni`).
 */
function inGoalClause(sentence: string, at: number): boolean {
  const last = (re: RegExp) =>
    Math.max(-1, ...[...sentence.slice(0, at).matchAll(re)].map((m) => m.index));
  const goal = last(GOAL);
  return goal >= 0 && goal > last(SETS_DEADLINE);
}

/** Every deadline phrase of the units, parsed with the budget year. */
export function extractDeadlines(units: TextUnit[], year: number): Deadline[] {
  const out: Deadline[] = [];
  const seen = new Set<string>();
  for (const unit of units) {
    for (const sentence of sentences(unit.text)) {
      for (const phrase of findDeadlinePhrases(sentence)) {
        if (inGoalClause(sentence, sentence.indexOf(phrase))) continue;
        // A sentence that names sub-assignments (`Frist for deloppdrag 1 og 2 er …`) is about
        // them, also where it stands in the text of another one.
        // One that names the whole assignment (`Frist for hele oppdraget`) is the whole's.
        const said = lettersNamed(sentence);
        const own = unit.appliesTo && !WHOLE.test(sentence) ? [unit.appliesTo] : [];
        const named = said.length > 0 ? said : own;
        for (const appliesTo of named.length > 0 ? named : [null]) {
          const value = parseDeadline(phrase, { year });
          const key = `${deadlineDate(value) ?? phrase}|${appliesTo}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({ date: deadlineDate(value), text: phrase, appliesTo, value });
        }
      }
    }
  }
  return out;
}

/** Assignment IDs the text mentions, other than the assignment's own. */
export function extractReferences(text: string, ownId: string | null): string[] {
  return findAssignmentIds(text).filter((id) => id !== ownId);
}

/** `kap. 740 post 01`, `kapittel 701, post 21`, `kap. 762.21 og 732.21`. */
export function extractFunding(text: string): { chapter: number; post: number | null }[] {
  const out: { chapter: number; post: number | null }[] = [];
  const add = (chapter: number, post: number | null) => {
    if (!out.some((f) => f.chapter === chapter && f.post === post)) out.push({ chapter, post });
  };
  const re =
    /\bkap(?:ittel|\.)?\s*(\d{3,4})(?:\s*[.,]?\s*post(?:ene)?\s*(\d{2})|\.(\d{2})\b)?|(?:\bover|\bpå|\bog|,)\s+(\d{3})\.(\d{2})\b/gi;
  for (const m of text.matchAll(re)) {
    if (m[4]) add(Number(m[4]), Number(m[5]));
    else add(Number(m[1]), (m[2] ?? m[3]) ? Number(m[2] ?? m[3]) : null);
  }
  return out;
}

const TRIGGER =
  /\b(?:i (?:nært |tett )?samarbeid med|sammen med|i samråd med|samarbeide(?:r)? med|involvere[rs]?|med bistand fra|bistå)\s+/gi;

/** Names of state bodies (and their other names) from the data file, longest first. */
const ORGANISATION_NAMES = organisationNames();

/**
 * Organisation names that a capitalised-word scan would cut short: the state bodies of the data
 * file (as printed), then the forms of names that follow a pattern.
 */
const KNOWN_NAMES: [RegExp, string][] = [
  [new RegExp(`^(?:${alternation(ORGANISATION_NAMES)})(?![\\p{L}\\d-])`, 'u'), ''],
  [/^[A-ZÆØÅ][\p{L}]*-(?:,? [\p{L}]+-)* og [\p{L}]+/u, ''],
  [/^[A-ZÆØÅ][\p{L}]* i [A-ZÆØÅ][\p{L}-]*(?: RHF| HF)?/u, ''],
  [/^de regionale helseforetakene\b|^regionale helseforetak(?:ene)?\b|^RHF-?ene\b/i, 'RHF'],
  [/^Statsforvalteren i [A-ZÆØÅ][\wæøå-]+(?: og [A-ZÆØÅ][\wæøå-]+)?/, ''],
];
/** Lower-case words that may stand inside a list of collaborators without ending it. */
const FILLER = new Set([
  'og',
  'eller',
  'samt',
  'de',
  'andre',
  'relevante',
  'berørte',
  'øvrige',
  'kommunene',
  'kommuner',
  'leverandørene',
  'fagmiljøene',
  'aktørene',
  'sentrale',
  'helseaktørene',
  'nevnt',
  'ovenfor',
  'i',
  'sektoren',
  'eventuelt',
  'ev.',
  'med',
]);

/** Capitalised words that are not organisations. */
const NOT_NAMES = new Set([
  'Det',
  'Dette',
  'Arbeidet',
  'Oppdraget',
  'Departementet',
  'Direktoratet',
]);

/** Organisation names listed after "i samarbeid med", "sammen med", "involvere", …. */
export function extractCollaborators(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(TRIGGER)) {
    for (const name of namesFrom(text.slice(m.index + m[0].length, m.index + m[0].length + 240))) {
      if (!out.includes(name)) out.push(name);
    }
  }
  return out;
}

function namesFrom(clause: string): string[] {
  const names: string[] = [];
  let rest = clause;
  while (rest.length > 0) {
    rest = rest.replace(/^[\s,/]+/, '');
    const known = KNOWN_NAMES.map(([re, name]) => [re.exec(rest), name] as const).find(([m]) => m);
    if (known && known[0]) {
      names.push(known[1] || known[0][0]);
      rest = rest.slice(known[0][0].length);
      continue;
    }
    const word = /^([^\s,/;:.()]+)/.exec(rest)?.[1];
    if (!word) break;
    if (/^[A-ZÆØÅ]/.test(word) && !NOT_NAMES.has(word)) {
      const name = /^([A-ZÆØÅ][\p{L}\d@-]*(?:\s+(?:[A-ZÆØÅ][\p{L}-]*|SF|HF|RHF))*)/u.exec(
        rest,
      )![1]!;
      rest = rest.slice(name.length);
      const genitive = !name.includes(' ') && /[a-zæøå]s$/.test(name) && /^ [a-zæøå]/.test(rest);
      if (!genitive) names.push(/^[A-ZÆØÅ]{2,}s$/.test(name) ? name.slice(0, -1) : name);
      continue;
    }
    if (!FILLER.has(word.toLowerCase())) break;
    rest = rest.slice(word.length);
  }
  return names;
}
