/**
 * Reports the agency owes the ministry (issue 15): status and deviation reports, budget and
 * accounts with a forecast, risks and steering parameters. What the agency writes is the
 * report's `content` (validated here, stored as jsonb); what comes from the record (assignment
 * status and progress, appropriations from the ledger, risk scores, deviations, the late flag)
 * is derived by the server on every read and never stored in the content.
 *
 * Money is whole thousands of NOK, as in the letters.
 */
import { z } from 'zod';
import {
  AccountsRowError,
  AssignmentStatus,
  Progress,
  ReportKind,
  ReportProblem,
  ReportSource,
  ReportErrorCode,
  ReportStatus,
  SignedPart,
  TargetOutcome,
} from './enums';
import { NextCursor, cursorFits, pageParams } from './pagination';
import { SteeringTarget } from './report-views';
import { refusedBody, staleBody, stateChangeBody, stateEvent, stateOf } from './state-change';

/** A whole amount in thousands of NOK (safe integers only). */
const Amount = z.int().min(-1_000_000_000_000).max(1_000_000_000_000);
const Scale = z.int().min(1).max(5);
const Text = (max: number) => z.string().trim().max(max);

/** What the agency writes about one open assignment of the year. */
export const ReportAssignmentEntry = z.object({
  assignmentId: z.uuid(),
  /** The deviation (avvik): what will not be delivered as asked. */
  deviation: Text(4000).default(''),
  cause: Text(4000).default(''),
  measures: Text(4000).default(''),
});
export type ReportAssignmentEntry = z.infer<typeof ReportAssignmentEntry>;

/** Accounts to date and the forecast (prognose) for the year, for one chapter and post. */
export const ReportBudgetEntry = z.object({
  chapter: z.int().min(1).max(9999),
  post: z.int().min(1).max(99),
  accountsToDate: Amount.nullable().default(null),
  forecast: Amount.nullable().default(null),
  /** Why the forecast differs from the appropriation (required when it does). */
  explanation: Text(4000).default(''),
});
export type ReportBudgetEntry = z.infer<typeof ReportBudgetEntry>;

/** One risk to goal achievement, before and after its measures. */
export const ReportRisk = z.object({
  /** The goal it threatens: its code or its text. */
  goal: Text(500).min(1),
  description: Text(4000).min(1),
  likelihood: Scale,
  consequence: Scale,
  measures: Text(4000).default(''),
  residualLikelihood: Scale,
  residualConsequence: Scale,
});
export type ReportRisk = z.infer<typeof ReportRisk>;

/** The value of one steering parameter (or key figure) of the letter for the period. */
export const ReportSteeringValue = z.object({
  steeringParameterId: z.uuid(),
  value: z
    .union([z.number().finite(), Text(500)])
    .nullable()
    .default(null),
  unit: Text(100).default(''),
  comment: Text(4000).default(''),
});
export type ReportSteeringValue = z.infer<typeof ReportSteeringValue>;

/** The agency head's signature of a part of an annual report (I or VI). */
export const ReportSignature = z.object({
  part: SignedPart,
  /** Who signed (empty to the public, who reads the name and title). */
  userId: z.string(),
  name: z.string(),
  /** As printed under the name: `direktør`. */
  title: z.string(),
  signedAt: z.string(),
});
export type ReportSignature = z.infer<typeof ReportSignature>;

/**
 * The prose of an annual report's six parts (src/contract/enums.ts ANNUAL_PARTS), as the agency
 * writes it: I the leader's report, II introduction and key figures, III activities and results,
 * IV governance and control, V outlook, VI the annual accounts. What the parts show from the
 * record (key figures, assignments, the appropriation) is derived, never written here.
 */
export const AnnualContent = z.object({
  leader: Text(20000).default(''),
  introduction: Text(20000).default(''),
  activities: Text(20000).default(''),
  governance: Text(20000).default(''),
  outlook: Text(20000).default(''),
  accounts: Text(20000).default(''),
});
export type AnnualContent = z.infer<typeof AnnualContent>;

/** Everything the agency writes in a report. */
export const ReportContent = z.object({
  assignments: z.array(ReportAssignmentEntry).max(2000).default([]),
  budget: z.array(ReportBudgetEntry).max(2000).default([]),
  risks: z.array(ReportRisk).max(500).default([]),
  steeringParameters: z.array(ReportSteeringValue).max(2000).default([]),
  /**
   * An annual report's six parts (absent on a status report). Saving an annual report without
   * it keeps the parts as they were.
   */
  annual: AnnualContent.optional(),
});
export type ReportContent = z.infer<typeof ReportContent>;

/** An assignment row of a report: live from the register, with the agency's entry. */
export const ReportAssignmentRow = z.object({
  assignmentId: z.uuid(),
  registerId: z.string(),
  title: z.string(),
  status: AssignmentStatus,
  progress: Progress.nullable(),
  progressReason: z.string().nullable(),
  /** At risk or off track: deviation, cause and measures are required. */
  deviationRequired: z.boolean(),
  entry: ReportAssignmentEntry.nullable(),
});

/** A budget row: the appropriation so far from the ledger beside the agency's figures. */
export const ReportBudgetRow = z.object({
  chapter: z.int(),
  post: z.int(),
  postName: z.string(),
  /** The appropriation so far (allocation letter and supplements), from the ledger. */
  appropriation: z.int(),
  accountsToDate: z.int().nullable(),
  forecast: z.int().nullable(),
  /** forecast − appropriation, when a forecast is given. */
  deviation: z.int().nullable(),
  explanationRequired: z.boolean(),
  explanation: z.string(),
});

export const ReportRiskRow = ReportRisk.extend({
  /** likelihood × consequence (1–25). */
  score: z.int(),
  residualScore: z.int(),
  /** The residual score is above the tolerance agreed with the ministry (or the default). */
  aboveTolerance: z.boolean(),
});

export const ReportSteeringRow = z.object({
  steeringParameterId: z.uuid(),
  /** styringsparameter, nøkkeltall, … as the letter names it. */
  kind: z.string(),
  goal: z.string().nullable(),
  text: z.string(),
  value: z.union([z.number(), z.string()]).nullable(),
  unit: z.string(),
  comment: z.string(),
  /** The target the parameter's text sets, as read (null: it sets none). */
  target: SteeringTarget.nullable(),
  /** Whether the value meets the target (src/domain/steering-target.ts `targetOutcome`). */
  outcome: TargetOutcome,
  /** The ministry's comment on the value (empty: none; not to the public). */
  ministryComment: z.string(),
});

export const ReportProblemItem = z.object({
  problem: ReportProblem,
  part: z.enum(['assignments', 'budget', 'annual']),
  /** The assignment's id, `chapter:post`, or the annual report's part to sign (`leader`). */
  item: z.string(),
});
export type ReportProblemItem = z.infer<typeof ReportProblemItem>;

/** What the caller may do with a report, sent with it. */
export const ReportAbilities = z.object({
  update: z.boolean(),
  submit: z.boolean(),
  review: z.boolean(),
  readVersions: z.boolean(),
  /** Sign an annual report's parts I and VI (the agency head, while it is written). */
  sign: z.boolean(),
});
export type ReportAbilities = z.infer<typeof ReportAbilities>;

/** Part VI: one post's appropriation for the period beside the accounts the agency gives. */
export const AnnualAccountsRow = z.object({
  chapter: z.int(),
  post: z.int(),
  postName: z.string(),
  /** The appropriation of the period (allocation letter and supplements), from the ledger. */
  appropriation: z.int(),
  /** The accounts (the budget entry's accounts), null when not given. */
  accounts: z.int().nullable(),
  /** accounts − appropriation, when accounts are given. */
  difference: z.int().nullable(),
});
export type AnnualAccountsRow = z.infer<typeof AnnualAccountsRow>;

/** What an annual report derives from the record of its period (never written by the agency). */
export const AnnualDerived = z.object({
  /** Part II: the appropriation of the period in all, from the ledger (thousands of NOK). */
  appropriationTotal: z.int(),
  /** Part VI: per chapter and post, and the sums of the columns. */
  accounts: z.array(AnnualAccountsRow),
  accountsTotal: z.object({
    /** The sum of every post's appropriation. */
    appropriation: z.int(),
    /** The sum of the accounts given; null when no post has accounts. */
    accounts: z.int().nullable(),
    /** The sum of the differences of the posts with accounts; null when none has. */
    difference: z.int().nullable(),
  }),
});
export type AnnualDerived = z.infer<typeof AnnualDerived>;

export const ReportSummary = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  ministryId: z.uuid(),
  year: z.int(),
  /** A status report, or the annual report (årsrapport). */
  kind: ReportKind,
  /** The year it reports on: the report's year, or for an annual report usually the year before. */
  periodYear: z.int(),
  title: z.string(),
  source: ReportSource,
  calendarItemId: z.uuid().nullable(),
  /** The date it is due (Europe/Oslo), null where the calendar gives none. */
  dueDate: z.iso.date().nullable(),
  status: ReportStatus,
  /** Counts every change; a change names the version it saw. */
  version: z.int(),
  /** The revision being written or last submitted (1, then one more after each return). */
  revision: z.int(),
  /** Not yet submitted and due before today in Europe/Oslo. */
  late: z.boolean(),
  submittedAt: z.string().nullable(),
  /** sha256 of the canonical JSON of the content as submitted (null while being written). */
  submittedHash: z.string().nullable(),
  /** The ministry's comment when it last returned or accepted the report (not to the public). */
  reviewComment: z.string().nullable(),
  /** An annual report's signatures (parts I and VI); a change to a signed part removes its own. */
  signatures: z.array(ReportSignature),
  /**
   * The risk tolerance agreed with the ministry for the period (the highest acceptable residual
   * score); null: none agreed, and the default of src/domain/report.ts applies.
   */
  riskTolerance: z.int().nullable(),
  /** The tolerance that applies: the one agreed, or the default (src/domain/report.ts). */
  effectiveRiskTolerance: z.int(),
  /** An accepted annual report: published, everyone reads it (src/domain/policy.ts). */
  published: z.boolean(),
  /** Read as the public reads a published annual report: without the work dialogue. */
  publicView: z.boolean(),
  allowedTransitions: z.array(ReportStatus),
  abilities: ReportAbilities,
});
export type ReportSummary = z.infer<typeof ReportSummary>;

export const Report = ReportSummary.extend({
  content: ReportContent,
  derived: z.object({
    assignments: z.array(ReportAssignmentRow),
    budget: z.array(ReportBudgetRow),
    risks: z.array(ReportRiskRow),
    steeringParameters: z.array(ReportSteeringRow),
    /** What stops submitting; empty when the report is complete. */
    problems: z.array(ReportProblemItem),
    /** What an annual report shows from the record of its period; null on a status report. */
    annual: AnnualDerived.nullable(),
  }),
});
export type Report = z.infer<typeof Report>;

export const ReportList = z.object({ reports: z.array(ReportSummary), nextCursor: NextCursor });
export type ReportList = z.infer<typeof ReportList>;

/** The keys a cursor of the report list carries: due date (none last), id (never the title). */
export const REPORT_CURSOR = {
  due: z.tuple([z.iso.date().nullable(), z.uuid()]),
};

export const ReportQuery = z
  .object({
    ...pageParams(200, 100),
    agency: z.uuid().optional(),
    year: z.coerce.number().int().min(1900).max(2200).optional(),
    kind: ReportKind.optional(),
    status: ReportStatus.optional(),
    late: z.enum(['true', 'false']).optional(),
    /**
     * `true`: the published annual reports (everyone's), instead of the reports the caller
     * follows (their ministry's or agency's). Visitors get the published ones either way.
     */
    published: z.enum(['true', 'false']).optional(),
  })
  .superRefine(cursorFits(REPORT_CURSOR, () => 'due'));
export type ReportQuery = z.infer<typeof ReportQuery>;

/**
 * The ministry asks for a report that is not in the calendar: a status report, or an annual
 * report on `periodYear` (default: the year before `year`; not after `year`).
 */
export const ReportCreateBody = z
  .object({
    agencyId: z.uuid(),
    year: z.int().min(1900).max(2200),
    title: Text(500).min(1),
    dueDate: z.iso.date(),
    kind: ReportKind.optional(),
    periodYear: z.int().min(1900).max(2200).optional(),
  })
  .refine((b) => b.periodYear === undefined || b.kind === 'annual', {
    message: 'periodYear is for an annual report',
    path: ['periodYear'],
  })
  .refine((b) => b.periodYear === undefined || b.periodYear <= b.year, {
    message: 'An annual report reports on its year or an earlier one',
    path: ['periodYear'],
  });
export type ReportCreateBody = z.infer<typeof ReportCreateBody>;

/** The agency head signs part I or VI of an annual report, as the version seen. */
export const ReportSignBody = z.object({
  part: SignedPart,
  /** As printed under the name (`direktør`). */
  title: Text(200).min(1),
  expectedVersion: z.int().min(1),
});
export type ReportSignBody = z.infer<typeof ReportSignBody>;

/**
 * The ministry's comments on the steering parameters' values of a submitted report, while it
 * reviews it: each replaces the parameter's comment (empty removes it); others stay.
 */
export const ReportMinistryCommentsBody = z.object({
  comments: z
    .array(z.object({ steeringParameterId: z.uuid(), comment: Text(4000) }))
    .min(1)
    .max(2000),
  expectedVersion: z.int().min(1),
});
export type ReportMinistryCommentsBody = z.infer<typeof ReportMinistryCommentsBody>;

export const ReportUpdateBody = z.object({
  content: ReportContent,
  expectedVersion: z.int().min(1),
});
export type ReportUpdateBody = z.infer<typeof ReportUpdateBody>;

/** One submitted revision, kept as it was submitted. */
export const ReportVersion = z.object({
  revision: z.int(),
  content: ReportContent,
  sha256: z.string(),
  submittedAt: z.string(),
  /** Returned or accepted once the ministry has answered; submitted until then. */
  outcome: ReportStatus,
  reviewComment: z.string().nullable(),
});
export const ReportVersionList = z.object({ versions: z.array(ReportVersion) });
export type ReportVersionList = z.infer<typeof ReportVersionList>;

export const ReportStatusChangeBody = stateChangeBody(ReportStatus);
export type ReportStatusChangeBody = z.infer<typeof ReportStatusChangeBody>;
export const ReportState = stateOf(ReportStatus);
export type ReportState = z.infer<typeof ReportState>;
export const ReportStatusEvent = stateEvent(ReportStatus);
export type ReportStatusEvent = z.infer<typeof ReportStatusEvent>;
export const ReportStatusChangeResult = z.object({
  report: ReportState,
  event: ReportStatusEvent,
});
export type ReportStatusChangeResult = z.infer<typeof ReportStatusChangeResult>;
export const ReportStaleBody = staleBody(ReportState);
export const ReportRefusedBody = refusedBody(ReportState);
/** 422 for a report's own reasons (src/contract/enums.ts REPORT_ERRORS), with what they name. */
export const ReportProblemBody = z.object({
  error: ReportErrorCode,
  message: z.string(),
  current: ReportState.nullable(),
  /** `report-incomplete`: what submitting still needs. */
  problems: z.array(ReportProblemItem).optional(),
  /** `report-unknown-item`: what the content names that the agency-year does not have. */
  items: z.array(z.string()).optional(),
});

/** 422 for an accounts file: every wrong row with its number in the file (header = row 1). */
export const AccountsRefusedBody = z.object({
  error: z.literal('accounts-refused'),
  message: z.string(),
  rows: z.array(
    z.object({
      row: z.int(),
      error: AccountsRowError,
      /** The column the problem is in (chapter, post, amount), where there is one. */
      column: z.string().nullable(),
      value: z.string().nullable(),
    }),
  ),
});
export type AccountsRefusedBody = z.infer<typeof AccountsRefusedBody>;

/** `GET /api/reports/overview`: the year asked about (the current year in Europe/Oslo by default). */
export const ReportOverviewQuery = z.object({
  year: z.coerce.number().int().min(1900).max(2200).optional(),
});

/** A post of the overview: the forecast of the latest report beside the appropriation. */
export const ReportOverviewPost = z.object({
  chapter: z.int(),
  post: z.int(),
  postName: z.string(),
  /** The appropriation so far, from the ledger (never stored). */
  appropriation: z.int(),
  forecast: z.int().nullable(),
  /** forecast − appropriation, when a forecast is given. */
  deviation: z.int().nullable(),
});

/** One agency's reports of the year, as the ministry follows them. */
export const ReportOverviewAgency = z.object({
  agencyId: z.uuid(),
  agencyName: z.string(),
  /** Every report of the year the caller may read. */
  owed: z.int(),
  /** Submitted and waiting for the ministry's answer. */
  submitted: z.int(),
  accepted: z.int(),
  /** Not submitted and due before today (Europe/Oslo). */
  late: z.int(),
  /** The latest submitted or accepted report (by due date, then revision); null when none. */
  latest: z
    .object({
      reportId: z.uuid(),
      title: z.string(),
      dueDate: z.iso.date().nullable(),
      status: ReportStatus,
      revision: z.int(),
      /** Assignments at risk or off track (live) for which the report gives a deviation. */
      deviations: z.int(),
      /** Risks with likelihood × consequence of 15 or more. */
      highRisks: z.int(),
      budget: z.array(ReportOverviewPost),
    })
    .nullable(),
});
export type ReportOverviewAgency = z.infer<typeof ReportOverviewAgency>;

export const ReportOverview = z.object({
  year: z.int(),
  /** The date lateness is counted from (Europe/Oslo). */
  today: z.iso.date(),
  agencies: z.array(ReportOverviewAgency),
});
export type ReportOverview = z.infer<typeof ReportOverview>;
