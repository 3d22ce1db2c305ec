/**
 * The rules of a governance meeting (etatsstyringsmøte, issue 15), pure: the key that makes a
 * calendar item one meeting across re-imports, the agenda derived from the record, what a
 * decision's deadline means, and the draft assignment a decision becomes.
 */
import type { DraftAssignment } from '../contract/draft';
import { richText } from '../contract/rich-text';
import type { Progress } from '../contract/enums';
import type { AgendaItem, MinistryPoint } from '../contract/meeting';
import { deadlineDate, parseDeadline } from './deadline';
import {
  aboveTolerance,
  budgetDeviation,
  deviationRequired,
  normaliseReportText,
  riskScore,
} from './report';

/** The key that makes a calendar item one meeting: agency, year, date and its text. */
export function calendarMeetingKey(
  agencyId: string,
  year: number,
  date: string | null,
  text: string,
): string {
  return `meeting|${agencyId}|${year}|${date ?? '-'}|${normaliseReportText(text)}`;
}

/** What the agenda is made from: the agency-year's record as of one day. */
export interface AgendaFacts {
  /** The open assignments of the agency-year, with their live progress. */
  assignments: ReadonlyArray<{
    id: string;
    registerId: string;
    title: string;
    progress: Progress | null;
  }>;
  /** The ledger's posts with their appropriation so far. */
  posts: ReadonlyArray<{ chapter: number; post: number; postName: string; appropriation: number }>;
  /**
   * The latest submitted or accepted status report of the year (by due date, then revision),
   * with what the agency wrote in it; null when there is none.
   */
  latestReport: {
    id: string;
    assignments: ReadonlyArray<{ assignmentId: string; deviation: string }>;
    budget: ReadonlyArray<{
      chapter: number;
      post: number;
      forecast: number | null;
      explanation: string;
    }>;
    risks: ReadonlyArray<{
      goal: string;
      description: string;
      residualLikelihood: number;
      residualConsequence: number;
    }>;
  } | null;
  /** The risk tolerance agreed for the agency-year (null: none, the default applies). */
  tolerance: number | null;
  /** The reports of the agency-year not submitted by their date (late as of today). */
  lateReports: ReadonlyArray<{ id: string; title: string; dueDate: string }>;
  ministryPoints: readonly MinistryPoint[];
}

const assignmentHref = (id: string) => `/oppdrag/${id}`;
const reportHref = (id: string) => `/rapporter/${id}`;
const post2 = (post: number) => String(post).padStart(2, '0');
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const item = (
  kind: AgendaItem['kind'],
  text: string,
  more: Partial<Omit<AgendaItem, 'kind' | 'text'>> = {},
): AgendaItem => ({
  kind,
  text,
  detail: null,
  progress: null,
  date: null,
  figure: null,
  href: null,
  ...more,
});

/**
 * The agenda of a meeting from the record, in a stable order: assignments off track, then at
 * risk (by ID), with the deviation the latest report gives; that report's risks whose score
 * after measures is above the tolerance (highest first); the posts whose forecast in it differs
 * from the appropriation (by chapter and post; the deviation in thousands of NOK); the reports
 * not submitted by their date (by due date); then the ministry's own points as written.
 */
export function meetingAgenda(facts: AgendaFacts): AgendaItem[] {
  const report = facts.latestReport;
  const deviations = new Map(
    (report?.assignments ?? []).map((e) => [e.assignmentId, e.deviation.trim()]),
  );
  const rank = (p: Progress | null) => (p === 'off-track' ? 0 : 1);
  const assignments = facts.assignments
    .filter((a) => deviationRequired(a.progress))
    .sort((a, b) => rank(a.progress) - rank(b.progress) || byText(a.registerId, b.registerId))
    .map((a) =>
      item('deviation', `${a.registerId} ${a.title}`, {
        detail: deviations.get(a.id) || null,
        progress: a.progress,
        href: assignmentHref(a.id),
      }),
    );

  const risks = report
    ? report.risks
        .map((r) => ({ r, score: riskScore(r.residualLikelihood, r.residualConsequence) }))
        .filter(({ score }) => aboveTolerance(score, facts.tolerance))
        .sort(
          (a, b) =>
            b.score - a.score ||
            byText(a.r.goal, b.r.goal) ||
            byText(a.r.description, b.r.description),
        )
        .map(({ r, score }) =>
          item('risk', `${r.goal}: ${r.description}`, {
            figure: score,
            href: reportHref(report.id),
          }),
        )
    : [];

  const forecasts = new Map((report?.budget ?? []).map((b) => [`${b.chapter}:${b.post}`, b]));
  const budget = report
    ? [...facts.posts]
        .sort((a, b) => a.chapter - b.chapter || a.post - b.post)
        .flatMap((p) => {
          const entry = forecasts.get(`${p.chapter}:${p.post}`);
          const deviation = budgetDeviation(p.appropriation, entry?.forecast ?? null);
          if (deviation === null || deviation === 0) return [];
          return [
            item('budget', `${p.chapter}.${post2(p.post)} ${p.postName}`.trim(), {
              detail: entry?.explanation.trim() || null,
              figure: deviation,
              href: reportHref(report.id),
            }),
          ];
        })
    : [];

  const late = [...facts.lateReports]
    .sort((a, b) => byText(a.dueDate, b.dueDate) || byText(a.title, b.title))
    .map((r) => item('late-report', r.title, { date: r.dueDate, href: reportHref(r.id) }));

  const points = facts.ministryPoints.map((p) => item('ministry-point', p.text));
  return [...assignments, ...risks, ...budget, ...late, ...points];
}

/** Whether a deadline phrase names its year itself (`1. mars 2027`, `15.03.2027`). */
const namesYear = (phrase: string) => /\b\d{4}\b/.test(phrase);

/**
 * What a decision's deadline means: the phrase read in the meeting's year, or in the next year
 * where it names no year and that would fall before the meeting (`1. mars` decided in October
 * is next March). `phrase` is the deadline as a letter of the meeting's year prints it (with
 * the year added where it moved); `date` is null where the phrase names no date.
 */
export function decisionDeadline(
  phrase: string,
  year: number,
  meetingDate: string | null,
): { phrase: string; date: string | null } {
  const trimmed = phrase.trim();
  if (trimmed === '') return { phrase: '', date: null };
  const date = deadlineDate(parseDeadline(trimmed, { year }));
  if (date === null || namesYear(trimmed) || meetingDate === null || date >= meetingDate) {
    return { phrase: trimmed, date };
  }
  const next = deadlineDate(parseDeadline(trimmed, { year: year + 1 }));
  return next === null
    ? { phrase: trimmed, date }
    : { phrase: `${trimmed} ${year + 1}`, date: next };
}

/** The longest title a letter's assignment has (src/contract/draft.ts). */
const TITLE_MAX = 300;
const TITLE_WANTED = 120;

/**
 * A short title from a decision's text: its first sentence (or line), cut at a word under
 * 120 characters with an ellipsis where it is longer.
 */
export function decisionTitle(text: string): string {
  const first = text.trim().split(/\r?\n/)[0]!.trim();
  const sentence = /^(.+?[.!?])(?:\s|$)/u.exec(first)?.[1] ?? first;
  const clean = sentence.replace(/[.]$/u, '').replace(/\s+/g, ' ').trim();
  if (clean.length <= TITLE_WANTED) return clean;
  const cut = clean.slice(0, TITLE_WANTED);
  const atWord = cut.slice(0, Math.max(cut.lastIndexOf(' '), 1)).trimEnd();
  return `${atWord}…`.slice(0, TITLE_MAX);
}

/**
 * The assignment a decision becomes in a supplement being written: titled from its text, the
 * whole text as the assignment's, its deadline as the letter would print it, no owner
 * department yet (the officer sets it), and the decision's id carried back.
 */
export function draftAssignmentOf(
  decision: { id: string; text: string; deadline: string },
  key: string,
  year: number,
  meetingDate: string | null,
): DraftAssignment {
  return {
    key,
    ownerDepartment: null,
    title: decisionTitle(decision.text),
    text: richText(decision.text.trim()),
    deadline: decisionDeadline(decision.deadline, year, meetingDate).phrase,
    subAssignments: [],
    references: [],
    collaborators: [],
    funding: [],
    decisionId: decision.id,
  };
}
