/**
 * The rules of a report (issue 15), pure: its lifecycle, the key that makes a calendar item one
 * report across re-imports, what it derives from the record (risk scores, budget deviations,
 * the late flag) and what it still lacks before it can be submitted.
 */
import {
  SIGNED_PARTS,
  type Progress,
  type ReportKind,
  type ReportProblem,
  type ReportStatus,
  type SignedPart,
} from '../contract/enums';
import type { AnnualContent, ReportContent, ReportProblemItem } from '../contract/report';
import { canonicalJson } from './canonical-json';

/** Which side may take a report from one status to another. */
const TRANSITIONS: Readonly<
  Record<ReportStatus, Partial<Record<ReportStatus, 'agency' | 'ministry'>>>
> = {
  draft: { submitted: 'agency' },
  // The ministry asks for more: the agency revises and submits a new revision.
  returned: { submitted: 'agency' },
  submitted: { returned: 'ministry', accepted: 'ministry' },
  accepted: {},
};

/** Who takes the step (the policy decides who that is for an actor). */
export function reportTransitionSide(
  from: ReportStatus,
  to: ReportStatus,
): 'agency' | 'ministry' | null {
  return TRANSITIONS[from][to] ?? null;
}

/** The statuses the report may go to from `from`, for callers who act as the given sides. */
export function reportTransitions(
  from: ReportStatus,
  acts: { agency: boolean; ministry: boolean },
): ReportStatus[] {
  return (Object.entries(TRANSITIONS[from]) as [ReportStatus, 'agency' | 'ministry'][])
    .filter(([, side]) => acts[side])
    .map(([to]) => to);
}

/** Whether the agency may change the content: while it is written, or after a return. */
export function reportEditable(status: ReportStatus): boolean {
  return status === 'draft' || status === 'returned';
}

/** Returning a report needs a comment saying what the ministry asks for. */
export function reportCommentRequired(to: ReportStatus): boolean {
  return to === 'returned';
}

/** Lower case, single spaces, no punctuation at the ends: the same item text across imports. */
export function normaliseReportText(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
}

/** The key that makes a calendar item one report: agency, year, due date and its text. */
export function calendarReportKey(
  agencyId: string,
  year: number,
  date: string | null,
  text: string,
): string {
  return `${agencyId}|${year}|${date ?? '-'}|${normaliseReportText(text)}`;
}

/**
 * The words that make a calendar item the annual report (bokmål and nynorsk: årsrapport,
 * årsrapporten; the older årsmelding, årsmeldinga, årsmeldingen), matched at the start of a
 * word of the normalised text.
 */
export const ANNUAL_REPORT_WORDS: readonly string[] = ['årsrapport', 'årsmelding'];

const YEAR_NAMED = /(?:^|[^\p{L}\p{N}])(?:for|om|fra|frå)\s+(?:året\s+)?(\d{4})(?![\p{N}])/u;
const ANY_YEAR = /(?:^|[^\p{N}])(\d{4})(?![\p{N}])/gu;

/**
 * Whether a reporting item of a year's calendar is the annual report, and the year it reports
 * on: the year its text names (`Årsrapport for 2025`), else the year before. Null for any other
 * report.
 */
export function annualReportPeriod(text: string, year: number): number | null {
  const t = normaliseReportText(text);
  const annual = ANNUAL_REPORT_WORDS.some((w) => new RegExp(`(?:^|[^\\p{L}])${w}`, 'u').test(t));
  if (!annual) return null;
  const named = YEAR_NAMED.exec(t);
  const candidates = named
    ? [Number(named[1])]
    : [...t.matchAll(ANY_YEAR)].map((m) => Number(m[1]));
  const period = candidates.find((y) => y >= year - 10 && y <= year);
  return period ?? year - 1;
}

/** What a report is from the calendar's text: an annual report on a period, or a status report. */
export function reportKindOf(text: string, year: number): { kind: ReportKind; periodYear: number } {
  const period = annualReportPeriod(text, year);
  return period === null
    ? { kind: 'status', periodYear: year }
    : { kind: 'annual', periodYear: period };
}

/** An annual report's six parts before the agency has written any. */
export const EMPTY_ANNUAL: AnnualContent = {
  leader: '',
  introduction: '',
  activities: '',
  governance: '',
  outlook: '',
  accounts: '',
};

/**
 * The signed parts a change of an annual report's content touches, whose signatures it removes:
 * part I when the leader's text changes; part VI when the accounts' text or the budget entries
 * (the accounts given per post) change. Compared as canonical JSON.
 */
export function unsignedByChange(before: ReportContent, after: ReportContent): SignedPart[] {
  const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);
  const out: SignedPart[] = [];
  if (!same(before.annual?.leader ?? '', after.annual?.leader ?? '')) out.push('leader');
  if (
    !same(before.annual?.accounts ?? '', after.annual?.accounts ?? '') ||
    !same(before.budget, after.budget)
  ) {
    out.push('accounts');
  }
  return out;
}

/** Not yet submitted (still a draft) and due before today (both ISO dates, Europe/Oslo). */
export function isReportLate(status: ReportStatus, dueDate: string | null, today: string): boolean {
  return status === 'draft' && dueDate !== null && dueDate < today;
}

/** A risk's score on the 5×5 matrix: likelihood × consequence. */
export function riskScore(likelihood: number, consequence: number): number {
  for (const v of [likelihood, consequence]) {
    if (!Number.isInteger(v) || v < 1 || v > 5) throw new RangeError(`Not on the 1–5 scale: ${v}`);
  }
  return likelihood * consequence;
}

/** From this score up a risk counts as high on the ministry's overview. */
const HIGH_RISK_SCORE = 15;

/** Whether a risk is high: likelihood × consequence of `HIGH_RISK_SCORE` or more. */
export function isHighRisk(likelihood: number, consequence: number): boolean {
  return riskScore(likelihood, consequence) >= HIGH_RISK_SCORE;
}

/**
 * The tolerance used where the ministry has agreed none with the agency for the year: risks
 * scoring above 12 (15 and up on the 5×5 matrix) are above it.
 */
export const DEFAULT_RISK_TOLERANCE = 12;

/**
 * Whether a risk is above the tolerance agreed with the ministry (the highest acceptable
 * likelihood × consequence; `null`: none agreed, `DEFAULT_RISK_TOLERANCE` applies). Judge the
 * risk after its measures (the residual score).
 */
export function aboveTolerance(score: number, tolerance: number | null): boolean {
  return score > (tolerance ?? DEFAULT_RISK_TOLERANCE);
}

/** The forecast's deviation from the appropriation (thousands of NOK), null without forecast. */
export function budgetDeviation(appropriation: number, forecast: number | null): number | null {
  if (forecast === null) return null;
  const d = forecast - appropriation;
  if (!Number.isSafeInteger(d)) throw new RangeError('The deviation is not a safe integer');
  return d;
}

/** Whether an assignment's progress makes the deviation, cause and measures required. */
export function deviationRequired(progress: Progress | null): boolean {
  return progress === 'at-risk' || progress === 'off-track';
}

/** What the rules of submitting look at, besides the content. */
export interface ReportFacts {
  /** The open assignments of the agency-year, with their live progress. */
  assignments: ReadonlyArray<{ id: string; progress: Progress | null }>;
  /** The ledger's posts with their appropriation so far. */
  posts: ReadonlyArray<{ chapter: number; post: number; appropriation: number }>;
  /**
   * An annual report's signatures: it then needs the head's signature on parts I and VI, and no
   * forecast (its year is over); absent for a status report.
   */
  annual?: { signatures: ReadonlyArray<{ part: SignedPart }> };
}

const filled = (s: string | undefined) => !!s && s.trim().length > 0;

/**
 * What the report lacks before it can be submitted: a deviation, cause and measures for every
 * assignment at risk or off track; for a status report a forecast for every post, and an
 * explanation for every forecast that differs from the appropriation; for an annual report the
 * head's signature on parts I and VI.
 */
export function reportProblems(content: ReportContent, facts: ReportFacts): ReportProblemItem[] {
  const problems: ReportProblemItem[] = [];
  const add = (problem: ReportProblem, part: ReportProblemItem['part'], item: string) =>
    problems.push({ problem, part, item });
  const entries = new Map(content.assignments.map((e) => [e.assignmentId, e]));
  for (const a of facts.assignments) {
    if (!deviationRequired(a.progress)) continue;
    const e = entries.get(a.id);
    if (!e || !filled(e.deviation) || !filled(e.cause) || !filled(e.measures)) {
      add('deviation-required', 'assignments', a.id);
    }
  }
  if (facts.annual) {
    const signed = new Set(facts.annual.signatures.map((s) => s.part));
    for (const part of SIGNED_PARTS) {
      if (!signed.has(part)) add('signature-required', 'annual', part);
    }
    return problems;
  }
  const budget = new Map(content.budget.map((b) => [`${b.chapter}:${b.post}`, b]));
  for (const p of facts.posts) {
    const key = `${p.chapter}:${p.post}`;
    const b = budget.get(key);
    if (!b || b.forecast === null) add('forecast-required', 'budget', key);
    else if (b.forecast !== p.appropriation && !filled(b.explanation)) {
      add('explanation-required', 'budget', key);
    }
  }
  return problems;
}

/**
 * The parts of a report `after` changes beyond the entries of the assignments in `own`: what an
 * assignment owner may not change (empty: only their own entries changed). Compared as
 * canonical JSON, so key order does not count.
 */
export function changedBeyondOwn(
  before: ReportContent,
  after: ReportContent,
  own: ReadonlySet<string>,
): string[] {
  const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
  const out: string[] = [];
  for (const part of ['budget', 'risks', 'steeringParameters', 'annual'] as const) {
    if (!same(before[part], after[part])) out.push(part);
  }
  const others = (c: ReportContent) =>
    c.assignments
      .filter((e) => !own.has(e.assignmentId))
      .sort((a, b) => a.assignmentId.localeCompare(b.assignmentId));
  if (!same(others(before), others(after))) out.push('assignments of others');
  return out;
}
