/**
 * The ministry's views of the reports (issue 15, "Ministry views"): for one agency or every
 * agency of a year the caller may read, the assignments at risk or off track (live), the risk
 * heat map of the latest submitted or accepted report with the tolerance agreed with the
 * ministry, the forecast against the appropriation per post (the ledger's, never stored), the
 * steering parameters' values across reports and years with their targets, and the reports not
 * submitted by their date. Everything here is derived by the server on every read; the web
 * client recomputes none of it.
 *
 * Money is whole thousands of NOK, as in the letters.
 */
import { z } from 'zod';
import {
  AssignmentStatus,
  Progress,
  ReportStatus,
  TargetComparator,
  TargetOutcome,
  TargetUnit,
} from './enums';

const Year = z.coerce.number().int().min(1900).max(2200);

/** `GET /api/reports/views`: the year (the current year in Europe/Oslo by default), one agency or all. */
export const ReportViewsQuery = z.object({
  year: Year.optional(),
  agency: z.uuid().optional(),
});
export type ReportViewsQuery = z.infer<typeof ReportViewsQuery>;

/** The target a steering parameter's text sets, as src/domain/steering-target.ts reads it. */
export const SteeringTarget = z.object({
  comparator: TargetComparator,
  /** The figure in the unit's base (whole kroner for money). */
  value: z.number(),
  /** null: the text names no unit the parser knows; a value is compared as reported. */
  unit: TargetUnit.nullable(),
  /** The factor the text wrote the figure in (1 000 000 for "mill. kroner"; 1 otherwise). */
  scale: z.int().positive(),
  /** The figure as written: `value` ÷ `scale` (2.5 for "2,5 mill. kroner"). */
  figure: z.number(),
  /** The year the text names for the target ("innen 2027"), if any. */
  year: z.int().nullable(),
  /** The words that set it, as read (lower case, single spaces). */
  phrase: z.string(),
});
export type SteeringTarget = z.infer<typeof SteeringTarget>;

/** An assignment at risk or off track, live from the register. */
export const ViewAssignment = z.object({
  assignmentId: z.uuid(),
  registerId: z.string(),
  title: z.string(),
  status: AssignmentStatus,
  progress: Progress,
  progressReason: z.string().nullable(),
});

/** One cell of the 5×5 risk matrix: how many risks sit there before and after measures. */
export const HeatMapCell = z.object({
  likelihood: z.int().min(1).max(5),
  consequence: z.int().min(1).max(5),
  /** likelihood × consequence. */
  score: z.int(),
  /** Risks whose residual likelihood × consequence (after measures) is this cell. */
  residual: z.int(),
  /** Risks whose likelihood × consequence before measures is this cell. */
  inherent: z.int(),
  /** Whether the cell's score is above the agency's tolerance; null where no single one applies. */
  aboveTolerance: z.boolean().nullable(),
});
export type HeatMapCell = z.infer<typeof HeatMapCell>;

/** Rows from likelihood 5 down to 1 (as the matrix is drawn), cells from consequence 1 to 5. */
export const HeatMap = z.array(z.array(HeatMapCell).length(5)).length(5);
export type HeatMap = z.infer<typeof HeatMap>;

/** A risk of the latest report with its scores, judged against the tolerance. */
export const ViewRisk = z.object({
  goal: z.string(),
  description: z.string(),
  likelihood: z.int(),
  consequence: z.int(),
  residualLikelihood: z.int(),
  residualConsequence: z.int(),
  score: z.int(),
  residualScore: z.int(),
  /** The residual score is above the tolerance (src/domain/report.ts aboveTolerance). */
  aboveTolerance: z.boolean(),
});
export type ViewRisk = z.infer<typeof ViewRisk>;

/** The risk tolerance of the agency-year: the highest acceptable likelihood × consequence. */
export const RiskTolerance = z.object({
  agencyId: z.uuid(),
  year: z.int(),
  /** The score risks are judged against: the agreed one, or the default. */
  score: z.int().min(1).max(25),
  /** Agreed with the ministry (false: none is, the default applies). */
  agreed: z.boolean(),
  comment: z.string(),
  /** When it was last set, null when none is agreed. */
  setAt: z.string().nullable(),
});
export type RiskTolerance = z.infer<typeof RiskTolerance>;

/**
 * `PUT /api/risk-tolerances`: the ministry's officers set the agency-year's tolerance, based on
 * the one they read: `expectedUpdatedAt` is its `setAt` as the views gave it (null when none was
 * agreed). When it has been set since, nothing is saved (409 with the tolerance as it is).
 */
export const RiskToleranceBody = z.object({
  agencyId: z.uuid(),
  year: z.int().min(1900).max(2200),
  score: z.int().min(1).max(25),
  comment: z.string().trim().max(2000).default(''),
  expectedUpdatedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type RiskToleranceBody = z.infer<typeof RiskToleranceBody>;

/** 409: the tolerance was set by someone else since it was read; nothing was saved. */
export const RiskToleranceStaleBody = z.object({
  error: z.literal('stale-version'),
  message: z.string(),
  current: RiskTolerance,
});

/** A post: the forecast of the latest report against the appropriation so far. */
export const ViewPost = z.object({
  chapter: z.int(),
  post: z.int(),
  postName: z.string(),
  /** From the ledger (allocation letter and supplements), never stored. */
  appropriation: z.int(),
  forecast: z.int().nullable(),
  /** forecast − appropriation, when a forecast is given. */
  deviation: z.int().nullable(),
});
export type ViewPost = z.infer<typeof ViewPost>;

/** A report not submitted and due before today (Europe/Oslo). */
export const ViewLateReport = z.object({
  reportId: z.uuid(),
  title: z.string(),
  dueDate: z.iso.date(),
  /** Whole days past its date. */
  daysLate: z.int(),
});

/** One reported value of a steering parameter. */
export const SteeringPoint = z.object({
  reportId: z.uuid(),
  reportTitle: z.string(),
  /** The report's year and due date: the order of the trend. */
  year: z.int(),
  dueDate: z.iso.date().nullable(),
  value: z.union([z.number(), z.string()]).nullable(),
  /**
   * The value as a number for the chart: in the target's unit and written scale (comparable to
   * the target's `figure`), or as reported where there is no target; null when it is no figure.
   */
  numeric: z.number().nullable(),
  unit: z.string(),
  comment: z.string(),
  /** The target the parameter's text set in that report's letter. */
  target: SteeringTarget.nullable(),
  outcome: TargetOutcome,
});
export type SteeringPoint = z.infer<typeof SteeringPoint>;

/**
 * A steering parameter across reports and years: the same parameter where its text, before its
 * target (and before "skal", "bør" or a parenthesis), is the same in lower case with single
 * spaces, no punctuation and no year (src/domain/steering-target.ts steeringParameterKey).
 */
export const SteeringTrend = z.object({
  key: z.string(),
  /** styringsparameter, nøkkeltall, … and the text as the latest letter words them. */
  kind: z.string(),
  goal: z.string().nullable(),
  text: z.string(),
  /** The target of the year's letter (else the latest letter that sets one). */
  target: SteeringTarget.nullable(),
  /** Submitted and accepted reports of the year and the years before, by year and due date. */
  points: z.array(SteeringPoint),
});
export type SteeringTrend = z.infer<typeof SteeringTrend>;

/** Everything the views show of one agency's year. */
export const ReportViewsAgency = z.object({
  agencyId: z.uuid(),
  agencyName: z.string(),
  ministryId: z.uuid(),
  tolerance: RiskTolerance,
  abilities: z.object({
    /** May set the agency-year's risk tolerance (`PUT /api/risk-tolerances`). */
    setTolerance: z.boolean(),
  }),
  /**
   * The latest submitted or accepted status report about the year (by due date, then revision):
   * the heat map, the risks and the forecast are its. Annual reports give steering values only.
   */
  latest: z
    .object({
      reportId: z.uuid(),
      title: z.string(),
      dueDate: z.iso.date().nullable(),
      status: ReportStatus,
      revision: z.int(),
    })
    .nullable(),
  /** How many there are of what the lists below show up to their caps. */
  counts: z.object({ offTrack: z.int(), atRisk: z.int(), lateReports: z.int() }),
  /** Open assignments at risk or off track, off track first (up to the cap). */
  assignments: z.array(ViewAssignment),
  heatMap: HeatMap,
  /** Risks of the latest report, highest residual score first. */
  risks: z.array(ViewRisk),
  budget: z.array(ViewPost),
  steering: z.array(SteeringTrend),
  lateReports: z.array(ViewLateReport),
});
export type ReportViewsAgency = z.infer<typeof ReportViewsAgency>;

/** What a list holds at most; `truncated` says which lists reached their cap. */
export const ReportViewsLimits = z.object({
  agencies: z.int(),
  assignments: z.int(),
  lateReports: z.int(),
  trendReports: z.int(),
  /** How many years the trends look back, the year asked about included. */
  trendYears: z.int(),
});

export const ReportViews = z.object({
  year: z.int(),
  /** The date lateness is counted from (Europe/Oslo). */
  today: z.iso.date(),
  /** The agency asked about, or null for every agency the caller follows. */
  agencyId: z.uuid().nullable(),
  agencies: z.array(ReportViewsAgency),
  /** Across the agencies: risks counted per cell (no single tolerance applies). */
  heatMap: HeatMap,
  totals: z.object({
    offTrack: z.int(),
    atRisk: z.int(),
    lateReports: z.int(),
    risksAboveTolerance: z.int(),
  }),
  limits: ReportViewsLimits,
  truncated: z.object({
    agencies: z.boolean(),
    assignments: z.boolean(),
    lateReports: z.boolean(),
    trendReports: z.boolean(),
  }),
});
export type ReportViews = z.infer<typeof ReportViews>;
