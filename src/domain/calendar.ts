/**
 * The governance calendar (styringskalender) as one list of entries: the letters' own calendar
 * items (reports, meetings, budget inputs) and the assignments' deadlines, each with its period,
 * due day, weekend/holiday flags and a stable identity. Views: what falls in a period, what falls
 * due, what is overdue relative to a given "today", what has no date yet. And the calendar
 * events of an iCalendar feed.
 *
 * Pure: rows in, entries out; "today" is always a parameter (Europe/Oslo calendar date), never
 * the clock.
 *
 * Dates:
 * - `due` is the latest day of the deadline (the stored `date`: exact date, end of a range, the
 *   budget year's occurrence of a yearly deadline); `start` is the first day of a range (else
 *   `due`). Recurring deadlines without a day (`hvert kvartal`) and undetermined phrases have no
 *   date.
 * - Overdue: an open assignment (planned, in-progress, carried-over) whose `due` is before today.
 * - Weekend/holiday flags are for the due day.
 *
 * iCalendar (see toIcsEvent): all-day events for dates. A deadline is one all-day event on its due
 * day, even when the phrase names a period (`første halvår` ends 30 June: a half-year-long event
 * would bury the calendar; the period is in the description). A meeting whose date is a period
 * (`Medio mai`) is a multi-day all-day event over the period, shown as free time, since it takes
 * place on some day within it. A meeting with a time in its text (`kl. 10.00–12.00`) on an exact
 * date is a timed event in Europe/Oslo.
 */
import { createHash } from 'node:crypto';
import type { AssignmentStatus } from '../contract/enums';
import type { DeadlineValue } from '../contract/letter';
import { dayFlags, type DayFlags } from './holidays';
import { isOpen } from './lifecycle';

export type EntryKind = 'deadline' | 'report' | 'meeting' | 'budget' | 'other';
export type EntrySource = 'assignment' | 'letter';

export interface DocumentRef {
  id: string;
  title: string;
  /** `{agency}|{year}|{kind}|{number}`: the document across its versions. */
  seriesKey: string;
  year: number;
}

export interface AgencyRef {
  id: string | null;
  name: string | null;
}

export interface DeadlineRow {
  appliesTo: string | null;
  phrase: string;
  date: string | null;
  value: DeadlineValue;
}

/** An assignment with one of its deadlines (or none: `deadline` null). */
export interface AssignmentDeadlineInput {
  source: 'assignment';
  assignment: {
    id: string;
    registerId: string;
    title: string;
    status: AssignmentStatus;
    version: number;
    year: number;
    ownerDepartment: string | null;
    ownerUserId: string | null;
  };
  agency: AgencyRef;
  document: DocumentRef;
  deadline: DeadlineRow | null;
}

/** One row of a letter's styringskalender. */
export interface LetterItemInput {
  source: 'letter';
  id: string;
  kind: string;
  text: string;
  agency: AgencyRef;
  document: DocumentRef;
  deadline: DeadlineRow;
}

export type CalendarInput = AssignmentDeadlineInput | LetterItemInput;

export interface CalendarEntry {
  /** Stable across re-imports and new versions of the letter (see entryIdentity). */
  uid: string;
  source: EntrySource;
  kind: EntryKind;
  title: string;
  /** The deadline phrase as printed, or null when the assignment names no deadline. */
  phrase: string | null;
  value: DeadlineValue | null;
  /** First day of the period, or the due day; null when there is no date. */
  start: string | null;
  /** The latest day; null when there is no date. */
  due: string | null;
  /** Local time of day (Europe/Oslo) where the text gives one: a timed event. */
  time: { start: string; end: string } | null;
  /** Weekend / public holiday flags of the due day. */
  flags: DayFlags | null;
  agency: AgencyRef;
  document: { id: string; title: string; year: number };
  assignment: {
    id: string;
    registerId: string;
    status: AssignmentStatus;
    version: number;
    ownerDepartment: string | null;
    ownerUserId: string | null;
    appliesTo: string | null;
  } | null;
}

const LETTER_KINDS: ReadonlySet<string> = new Set(['report', 'meeting', 'budget', 'other']);

function span(d: DeadlineRow | null): { start: string | null; due: string | null } {
  if (!d || d.date === null) return { start: null, due: null };
  if (d.value.kind === 'range') return { start: d.value.start, due: d.date };
  return { start: d.date, due: d.date };
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Time of day in a calendar text: `kl. 10.00`, `kl 9:30–11`, `kl. 10-12`. Without an end the
 * event lasts an hour. Null when there is none or it is not a valid time.
 */
export function timeOfDay(text: string): { start: string; end: string } | null {
  const m = /\bkl\.?\s*(\d{1,2})(?:[.:](\d{2}))?(?:\s*[-–]\s*(\d{1,2})(?:[.:](\d{2}))?)?/i.exec(
    text,
  );
  if (!m) return null;
  const h1 = Number(m[1]);
  const m1 = Number(m[2] ?? '0');
  if (h1 > 23 || m1 > 59) return null;
  let h2 = h1 + 1;
  let m2 = m1;
  if (m[3] !== undefined) {
    h2 = Number(m[3]);
    m2 = Number(m[4] ?? '0');
    if (h2 > 23 || m2 > 59 || h2 * 60 + m2 <= h1 * 60 + m1) return null;
  } else if (h2 > 23) {
    h2 = 23;
    m2 = 59;
  }
  const hhmm = (h: number, mm: number) =>
    `${String(h).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
  return { start: hhmm(h1, m1), end: hhmm(h2, m2) };
}

function uidOf(identity: string): string {
  return `${createHash('sha256').update(identity).digest('hex').slice(0, 32)}@tildel`;
}

/**
 * The identity an entry's UID is derived from. Database row ids change when a letter is
 * re-imported as a new version, so they are not used:
 * - an assignment deadline: agency, register ID, the sub-assignment it applies to, and its
 *   place among that assignment's deadlines for the same sub-assignment (ordered by date);
 *   the phrase and date are not part of it, so a moved deadline replaces its event;
 * - a letter's calendar item: the document series, its kind and text, and its place among
 *   items with the same text.
 */
export function entryIdentity(input: CalendarInput, ordinal: number): string {
  if (input.source === 'assignment') {
    const owner = input.agency.id ?? `series:${input.document.seriesKey}`;
    return [
      'assignment',
      owner,
      input.assignment.registerId,
      input.deadline?.appliesTo ?? '',
      ordinal,
    ].join('|');
  }
  return [
    'letter',
    input.document.seriesKey,
    input.kind,
    squash(input.text).toLowerCase(),
    ordinal,
  ].join('|');
}

function compareNullableDate(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** Entries from rows, with identities, periods and flags; in calendar order. */
export function buildEntries(inputs: readonly CalendarInput[]): CalendarEntry[] {
  // Ordinals: the place of an input among inputs of the same base identity.
  const ordered = [...inputs].sort((a, b) => {
    const d = compareNullableDate(a.deadline?.date ?? null, b.deadline?.date ?? null);
    if (d !== 0) return d;
    return (a.deadline?.phrase ?? '').localeCompare(b.deadline?.phrase ?? '');
  });
  const seen = new Map<string, number>();
  const entries = ordered.map((input) => {
    const base = entryIdentity(input, 0);
    const ordinal = seen.get(base) ?? 0;
    seen.set(base, ordinal + 1);
    return toEntry(input, uidOf(entryIdentity(input, ordinal)));
  });
  return entries.sort(compareEntries);
}

function toEntry(input: CalendarInput, uid: string): CalendarEntry {
  const { start, due } = span(input.deadline);
  const flags = due ? dayFlags(due) : null;
  const document = {
    id: input.document.id,
    title: input.document.title,
    year: input.document.year,
  };
  if (input.source === 'assignment') {
    const a = input.assignment;
    const sub = input.deadline?.appliesTo ? ` ${input.deadline.appliesTo})` : '';
    return {
      uid,
      source: 'assignment',
      kind: 'deadline',
      title: `${a.registerId}${sub} ${squash(a.title)}`,
      phrase: input.deadline?.phrase ?? null,
      value: input.deadline?.value ?? null,
      start,
      due,
      time: null,
      flags,
      agency: input.agency,
      document,
      assignment: {
        id: a.id,
        registerId: a.registerId,
        status: a.status,
        version: a.version,
        ownerDepartment: a.ownerDepartment,
        ownerUserId: a.ownerUserId,
        appliesTo: input.deadline?.appliesTo ?? null,
      },
    };
  }
  const kind: EntryKind = LETTER_KINDS.has(input.kind) ? (input.kind as EntryKind) : 'other';
  return {
    uid,
    source: 'letter',
    kind,
    title: squash(input.text),
    phrase: input.deadline.phrase,
    value: input.deadline.value,
    start,
    due,
    time: input.deadline.value.kind === 'exact' ? timeOfDay(input.text) : null,
    flags,
    agency: input.agency,
    document,
    assignment: null,
  };
}

export function compareEntries(a: CalendarEntry, b: CalendarEntry): number {
  return (
    compareNullableDate(a.due, b.due) ||
    (a.time?.start ?? '').localeCompare(b.time?.start ?? '') ||
    a.title.localeCompare(b.title, 'nb') ||
    a.uid.localeCompare(b.uid)
  );
}

export interface Period {
  from: string;
  to: string;
}

/** Whether an assignment entry still has work to do; letter items always count. */
function counts(entry: CalendarEntry, includeClosed: boolean): boolean {
  return includeClosed || entry.assignment === null || isOpen(entry.assignment.status);
}

/** Dated entries whose period overlaps [from, to] (the calendar view). */
export function inPeriod(entries: readonly CalendarEntry[], period: Period): CalendarEntry[] {
  return entries.filter(
    (e) => e.start !== null && e.due !== null && e.start <= period.to && e.due >= period.from,
  );
}

/** Entries falling due in [from, to]; closed assignments only when asked for. */
export function dueIn(
  entries: readonly CalendarEntry[],
  period: Period,
  opts: { includeClosed?: boolean } = {},
): CalendarEntry[] {
  return entries.filter(
    (e) =>
      e.due !== null &&
      e.due >= period.from &&
      e.due <= period.to &&
      counts(e, opts.includeClosed ?? false),
  );
}

/** Open assignments' deadlines before `today` (YYYY-MM-DD, Europe/Oslo), oldest first. */
export function overdue(entries: readonly CalendarEntry[], today: string): CalendarEntry[] {
  return entries.filter(
    (e) => e.assignment !== null && e.due !== null && e.due < today && isOpen(e.assignment.status),
  );
}

/** Whole days from `due` to `today` (positive when overdue). */
export function daysBetween(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

/** Entries without a date yet (no deadline, undetermined or undated recurring phrase). */
export function undated(
  entries: readonly CalendarEntry[],
  opts: { includeClosed?: boolean } = {},
): CalendarEntry[] {
  return entries.filter((e) => e.due === null && counts(e, opts.includeClosed ?? false));
}

/** Adds days to a calendar date. */
export function addDays(date: string, n: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + n * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// iCalendar events

export interface IcsEvent {
  uid: string;
  summary: string;
  description: string;
  categories: string[];
  /** All-day: first day and the day after the last (DTEND is exclusive in RFC 5545). */
  allDay: { start: string; endExclusive: string } | null;
  /** Timed, local wall-clock time in Europe/Oslo: `YYYY-MM-DDTHH:mm`. */
  timed: { start: string; end: string } | null;
  /** Free time: the event marks a period the meeting falls in, not the meeting itself. */
  transparent: boolean;
}

const KIND_LABEL: Record<EntryKind, string> = {
  deadline: 'Frist',
  report: 'Rapportering',
  meeting: 'Møte',
  budget: 'Budsjett',
  other: 'Styringskalender',
};

const STATUS_LABEL: Record<string, string> = {
  planned: 'planlagt',
  'in-progress': 'under arbeid',
  delivered: 'levert',
  accepted: 'godkjent',
  cancelled: 'avlyst',
  merged: 'slått sammen',
  'carried-over': 'videreført',
};

/** The calendar event of an entry, or null when it has no date. */
export function toIcsEvent(entry: CalendarEntry): IcsEvent | null {
  if (entry.due === null || entry.start === null) return null;
  const lines: string[] = [];
  if (entry.phrase) lines.push(`Frist i brevet: ${entry.phrase}`);
  if (entry.start !== entry.due) lines.push(`Periode: ${entry.start} – ${entry.due}`);
  if (entry.flags?.holiday) lines.push(`Merk: ${entry.due} er ${entry.flags.holiday}.`);
  else if (entry.flags?.weekend) lines.push(`Merk: ${entry.due} er en lørdag eller søndag.`);
  if (entry.assignment) {
    lines.push(`Status: ${STATUS_LABEL[entry.assignment.status] ?? entry.assignment.status}`);
    if (entry.assignment.ownerDepartment) {
      lines.push(`Ansvarlig avdeling: ${entry.assignment.ownerDepartment}`);
    }
  }
  if (entry.agency.name) lines.push(`Virksomhet: ${entry.agency.name}`);
  lines.push(`Kilde: ${entry.document.title}`);

  const base = {
    uid: entry.uid,
    summary: `${KIND_LABEL[entry.kind]}: ${entry.title}`,
    description: lines.join('\n'),
    categories: [KIND_LABEL[entry.kind]],
  };
  if (entry.time && entry.start === entry.due) {
    return {
      ...base,
      allDay: null,
      timed: { start: `${entry.due}T${entry.time.start}`, end: `${entry.due}T${entry.time.end}` },
      transparent: false,
    };
  }
  const periodMeeting = entry.kind === 'meeting' && entry.start !== entry.due;
  return {
    ...base,
    allDay: {
      start: periodMeeting ? entry.start : entry.due,
      endExclusive: addDays(entry.due, 1),
    },
    timed: null,
    transparent: periodMeeting,
  };
}
