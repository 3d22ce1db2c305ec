/**
 * The one home of every list of values that crosses a layer: the database schema, the domain,
 * the server and the web client all import these, so a status or role is declared once. The
 * rules about them (which status may follow which, who may do what) live in `src/domain/`.
 * Imports nothing from `src/`.
 */
import { z } from 'zod';

/** What a stored document is: the year's allocation letter or one of its numbered supplements. */
export const DOCUMENT_KINDS = ['allocation-letter', 'supplement'] as const;
export const DocumentKind = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof DocumentKind>;

/** A document through consultation: a draft (ministry only), shared with the agency, issued. */
export const DOCUMENT_STATUSES = ['draft', 'shared', 'published'] as const;
export const DocumentStatus = z.enum(DOCUMENT_STATUSES);
export type DocumentStatus = z.infer<typeof DocumentStatus>;

/**
 * A letter written in Tildel: edited by the ministry, approved by a second officer (four eyes;
 * any edit after that withdraws the approval), then issued as a document.
 */
export const DRAFT_STATUSES = ['editing', 'approved', 'issued'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

/** What stops a draft from being issued (src/domain/draft.ts finds them). */
export const DRAFT_PROBLEMS = [
  'appropriation-duplicate',
  'appropriation-negative',
  'nothing-to-issue',
  'no-signatory',
  /** An assignment with one sub-assignment: a lone `a)` is no list (write it in the text). */
  'sub-assignment-alone',
  /** A supplement's money line with a reason but no kind: the note names the kind first. */
  'appropriation-kind-missing',
  /** A change of an earlier assignment in an allocation letter: only a supplement changes one. */
  'assignment-change-in-letter',
  /** A change names an assignment ID the agency's register does not hold. */
  'assignment-change-unknown',
  /** A deadline change whose new deadline the deadline parser cannot read as a date. */
  'assignment-change-deadline-unreadable',
  /**
   * An assignment's collaborator or funding line that its printed sentence does not read back as
   * (`Senter for prøving` is read as `Senter`): issuing would refuse the letter.
   */
  'assignment-detail-unreadable',
] as const;
export const DraftProblem = z.enum(DRAFT_PROBLEMS);
export type DraftProblem = z.infer<typeof DraftProblem>;

/**
 * What a supplement's money line does to its post, as the officer chooses it (the ledger's change
 * kinds that a line of a supplement can be: src/domain/ledger.ts `CHANGE_KINDS`).
 */
export const SUPPLEMENT_LINE_KINDS = [
  'carry-over',
  'revised-budget',
  'regrouping',
  'new-task',
  'post-transfer',
] as const;
export const SupplementLineKind = z.enum(SUPPLEMENT_LINE_KINDS);
export type SupplementLineKind = z.infer<typeof SupplementLineKind>;

/**
 * How a supplement changes an assignment given earlier: it clarifies it (*presisering*), moves
 * its deadline, or cancels it.
 */
export const ASSIGNMENT_CHANGE_KINDS = ['clarification', 'deadline', 'cancellation'] as const;
export const AssignmentChangeKind = z.enum(ASSIGNMENT_CHANGE_KINDS);
export type AssignmentChangeKind = z.infer<typeof AssignmentChangeKind>;

/** An assignment (oppdrag) through its lifecycle (see src/domain/lifecycle.ts). */
export const ASSIGNMENT_STATUSES = [
  'planned',
  'in-progress',
  'delivered',
  'accepted',
  'cancelled',
  'merged',
  'carried-over',
] as const;
export const AssignmentStatus = z.enum(ASSIGNMENT_STATUSES);
export type AssignmentStatus = z.infer<typeof AssignmentStatus>;

/** How the owner judges an open assignment's progress (besides its lifecycle status). */
export const PROGRESS_STATES = ['on-track', 'at-risk', 'off-track'] as const;
export const Progress = z.enum(PROGRESS_STATES);
export type Progress = z.infer<typeof Progress>;

/** What one event in an assignment's history changed. */
export const ASSIGNMENT_EVENT_KINDS = [
  'status',
  'owner-department',
  'owner-person',
  'progress',
  /** A supplement set a new deadline (`detail`: the phrases before and after). */
  'deadline',
] as const;
export const AssignmentEventKind = z.enum(ASSIGNMENT_EVENT_KINDS);
export type AssignmentEventKind = z.infer<typeof AssignmentEventKind>;

/** What a person is told of, in the app and by e-mail (src/services/notifications.ts). */
export const NOTIFICATION_KINDS = [
  /** A deadline of one of their assignments is near (days left in the params). */
  'deadline-near',
  /** One of their assignments is past its deadline. */
  'deadline-passed',
  /** A calendar item of their agency is near. */
  'calendar-near',
  /** The ministry shared a draft letter with their agency for consultation. */
  'draft-shared',
  /** The agency delivered an assignment the ministry is to accept. */
  'delivered',
  /** The ministry accepted a delivery. */
  'delivery-accepted',
  /** The ministry sent a delivery back (with a reason). */
  'delivery-returned',
  /** They were made the owner of an assignment. */
  'owner-assigned',
  /** The agency took back a delivery before the ministry accepted it. */
  'delivery-withdrawn',
  /** The agency submitted a report to the ministry. */
  'report-submitted',
  /** The ministry sent a report back (with a comment). */
  'report-returned',
  /** The ministry accepted a report. */
  'report-accepted',
] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

/** The languages a person may be written to in. */
export const LANGUAGES = ['nb', 'nn', 'en'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

/** The written forms of Norwegian a letter Tildel writes is in (contract draft `language`). */
export const LETTER_LANGUAGES = ['nb', 'nn'] as const;
export const LetterLanguage = z.enum(LETTER_LANGUAGES);
export type LetterLanguage = z.infer<typeof LetterLanguage>;

/** The roles a user may hold, each scoped to the user's organisation (src/domain/policy.ts). */
export const ROLES = [
  'ministry-department-officer',
  'ministry-budget-officer',
  'ministry-reader',
  'agency-coordinator',
  'agency-assignment-owner',
  /** The agency's head (direktør): signs the annual report's parts I and VI. */
  'agency-head',
  'auditor',
  /** Exports the archive of its ministry's agencies' years (Noark 5 extract, docs/archive.md). */
  'archivist',
  'administrator',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const ORGANISATION_KINDS = ['ministry', 'agency', 'collaborator'] as const;
export const OrganisationKind = z.enum(ORGANISATION_KINDS);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

/** What the consistency checks of a year's letters can find (src/domain/consistency.ts). */
export const FINDING_CODES = [
  'sum-mismatch',
  'sum-chapter-mismatch',
  'overview-label-mismatch',
  'overview-start-mismatch',
  'overview-row-mismatch',
  'overview-row-missing',
  'overview-row-unexpected',
  'overview-total-arithmetic',
  'overview-total-mismatch',
  'overview-missing',
  'change-row-arithmetic',
  'change-row-previous-mismatch',
  'change-row-total-mismatch',
  'letter-missing',
  'letter-duplicate',
  'supplement-number-missing',
  'supplement-number-duplicate',
  'supplement-number-absent',
  'post-kind-mismatch',
  'earmark-exceeds-post',
] as const;
export const FindingCode = z.enum(FINDING_CODES);
export type FindingCode = z.infer<typeof FindingCode>;

/**
 * The sentences a finding is told in: one per finding code, the post-kind finding in two kinds
 * (a grant or an operations post), and notes added to a finding (why the figure differs; what it does to
 * the table's total). Their texts are in the locale files (src/locales/).
 */
export const FINDING_MESSAGE_KEYS = [
  ...FINDING_CODES.filter(
    (c): c is Exclude<FindingCode, 'post-kind-mismatch'> => c !== 'post-kind-mismatch',
  ),
  'post-kind-grant',
  'post-kind-operations',
  'note-chapter-sum',
  'note-authority',
  'note-table-total',
] as const;
export const FindingMessageKey = z.enum(FINDING_MESSAGE_KEYS);
export type FindingMessageKey = z.infer<typeof FindingMessageKey>;

/**
 * What the importer warns of while reading a letter (contract `ImportWarning`: a code with the
 * values its sentence names; the sentences are in the locale files, src/locales/ and the web
 * client's). `text`: a warning stored as English text before warnings had codes, told as it is.
 */
export const IMPORT_WARNING_CODES = [
  'org-nr-check',
  'letter-date-invalid',
  'letter-date-ambiguous',
  'signature-without-name',
  'title-composed',
  'year-missing',
  'amount-missing',
  'amount-dash',
  'sum-line-unreadable',
  'change-row-unreadable',
  'amount-not-thousands',
  'amount-unreadable',
  'allocations-without-name',
  'figure-too-long',
  'date-impossible',
  'lines-read-twice',
  'assignments-failed',
  'correction-stale',
  'cancellation-kept',
  'text',
] as const;
export const ImportWarningCode = z.enum(IMPORT_WARNING_CODES);
export type ImportWarningCode = z.infer<typeof ImportWarningCode>;

/**
 * What changed from one version of a document to the next (contract `VersionChange`: a code
 * with the values its sentence names; src/import/diff.ts finds them, src/locales tells them).
 */
export const VERSION_CHANGE_CODES = [
  'title',
  'date',
  'appropriation-added',
  'appropriation-removed',
  'appropriation-changed',
  'assignment-added',
  'assignment-title',
  'assignment-text',
  'assignment-owner',
  'assignment-deadline',
  'assignment-removed',
  'calendar-added',
  'calendar-removed',
  'carried-added',
  'carried-removed',
  'parts-changed',
  'other-text',
] as const;
export const VersionChangeCode = z.enum(VERSION_CHANGE_CODES);
export type VersionChangeCode = z.infer<typeof VersionChangeCode>;

/** The parts of a document a version change names when nothing else of substance changed. */
export const VERSION_PARTS = [
  'kind',
  'number',
  'year',
  'ministry',
  'agency',
  'legalBasis',
  'signatories',
  'preamble',
  'priorities',
  'reportingRequirements',
  'sumLines',
  'earmarks',
  'budgetAuthorities',
  'goals',
  'steeringParameters',
  'commonRequirements',
  'mandates',
  'totalsClaimed',
] as const;
export type VersionPart = (typeof VERSION_PARTS)[number];

/** What a finding key looks like (src/domain/consistency.ts `findingKey`; `:n` tells apart findings with one key). */
export const FINDING_KEY =
  /^[a-z-]+:(?:series|letter|supplement-(?:\d+|x)):(?:\d+|-):(?:\d+|-):(?:\d+-\d+|-)(?::\d+)?$/;

/** The file formats Tildel imports. */
export const FILE_FORMATS = ['pdf', 'docx', 'md', 'txt'] as const;
export const FileFormat = z.enum(FILE_FORMATS);
export type FileFormat = z.infer<typeof FileFormat>;

/**
 * Who an event was done by: a signed-in person, the system (import, CLI), an integrating
 * system with a client-credentials token (a registered API client), or nobody known.
 */
export const ACTOR_KINDS = ['user', 'system', 'anonymous', 'client'] as const;
export const ActorKind = z.enum(ACTOR_KINDS);
export type ActorKind = z.infer<typeof ActorKind>;

/**
 * What an API client's token may be used for, one scope per kind of resource
 * (src/domain/policy.ts maps every action to the scope it needs; docs/machine-access.md).
 */
export const API_SCOPES = [
  /** Read the register: documents, assignments, calendar, reports, search, organisations. */
  'register:read',
  /** Change an assignment's status and progress; write and submit reports. */
  'reports:submit',
  /** Import letters (as the client's ministry). */
  'documents:import',
] as const;
export const ApiScope = z.enum(API_SCOPES);
export type ApiScope = z.infer<typeof ApiScope>;

/** What an integrating system may be told of by webhook (src/services/webhooks.ts). */
export const WEBHOOK_EVENTS = ['letter.issued', 'report.submitted', 'delivery.accepted'] as const;
export const WebhookEvent = z.enum(WEBHOOK_EVENTS);
export type WebhookEvent = z.infer<typeof WebhookEvent>;

/** Why the lifecycle refuses a status change (422), for documents and assignments alike. */
export const TRANSITION_ERRORS = [
  /** The lifecycle has no such edge (e.g. accepted → planned, or a replaced version). */
  'invalid-transition',
  /** The edge exists, but this side may not take it (e.g. the agency accepting). */
  'not-permitted',
  'comment-required',
  'merged-into-required',
  'merged-into-self',
  /** mergedInto or deliveryRef given for a change that does not take it. */
  'unexpected-field',
  /** The assignment to merge into is not one this one can be merged into. */
  'merge-target',
  /**
   * An imported letter under review made issued while items the importer was unsure of are
   * neither corrected nor accepted as read (`acceptUncertain`).
   */
  'review-incomplete',
] as const;
export const TransitionError = z.enum(TRANSITION_ERRORS);
export type TransitionError = z.infer<typeof TransitionError>;

/** Why a correction of an imported item was refused. */
export const CORRECTION_ERRORS = [
  /** The document has no item with that key, or the item no such deadline. */
  'correction-no-item',
  /** The item already is what the correction asks for. */
  'correction-no-change',
  /** Another assignment of the agency has that ID. */
  'correction-id-taken',
  /** The assignment has a status history: cancel it instead of removing it. */
  'correction-has-history',
] as const;
export type CorrectionError = (typeof CORRECTION_ERRORS)[number];

/** Why a draft cannot be created or issued (src/services/drafts.ts). */
export const DRAFT_ERRORS = [
  /** Next year's draft was asked for, but the agency has no letter for the year before. */
  'draft-no-earlier-letter',
  /** The draft has problems that stop issuing (see its `derived.problems`). */
  'draft-has-problems',
  /** The written letter does not read back as the draft: nothing was issued. */
  'draft-reads-back-differently',
  /** Issuing would replace a document the record already holds (a second letter for the year). */
  'draft-would-replace',
  /** Comments from the consultation are not resolved: approval waits for them. */
  'draft-comments-open',
  /** The draft is not shared with the agency, or the comment answered is not in it. */
  'draft-not-in-consultation',
] as const;
export type DraftError = (typeof DRAFT_ERRORS)[number];

/** Why a change to an assignment's owners, progress or delivery was refused. */
export const FOLLOW_UP_ERRORS = [
  /** The person named is not one of the assignment's agency (coordinator or owner). */
  'owner-not-in-agency',
  /** At risk or off track needs a reason. */
  'progress-reason-required',
  /** Progress is for open assignments (planned, in progress, carried over). */
  'assignment-closed',
  /** The owner or progress given is what it already is. */
  'no-change',
  /** A delivery's file was refused (its name and why are in the message). */
  'file-refused',
] as const;
export type FollowUpError = (typeof FOLLOW_UP_ERRORS)[number];

/** A report the agency owes the ministry (src/domain/report.ts has its lifecycle). */
export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export const ReportStatus = z.enum(REPORT_STATUSES);
export type ReportStatus = z.infer<typeof ReportStatus>;

/** Where a report comes from: a reporting item of the letter's calendar, or the ministry. */
export const REPORT_SOURCES = ['calendar', 'ad-hoc'] as const;
export const ReportSource = z.enum(REPORT_SOURCES);
export type ReportSource = z.infer<typeof ReportSource>;

/**
 * What a report is: a status and deviation report (the calendar's reports through the year,
 * budget and accounts included) or the annual report (årsrapport) in DFØ's six parts.
 */
export const REPORT_KINDS = ['status', 'annual'] as const;
export const ReportKind = z.enum(REPORT_KINDS);
export type ReportKind = z.infer<typeof ReportKind>;

/**
 * The six parts of an annual report, in order (I leader's report, II introduction and key
 * figures, III activities and results, IV governance and control, V outlook, VI annual accounts).
 */
export const ANNUAL_PARTS = [
  'leader',
  'introduction',
  'activities',
  'governance',
  'outlook',
  'accounts',
] as const;
export const AnnualPart = z.enum(ANNUAL_PARTS);
export type AnnualPart = z.infer<typeof AnnualPart>;

/** The parts the agency head signs (I and VI). */
export const SIGNED_PARTS = ['leader', 'accounts'] as const;
export const SignedPart = z.enum(SIGNED_PARTS);
export type SignedPart = z.infer<typeof SignedPart>;

/** A governance meeting (etatsstyringsmøte): planned with its agenda, then held with minutes. */
export const MEETING_STATUSES = ['planned', 'held'] as const;
export const MeetingStatus = z.enum(MEETING_STATUSES);
export type MeetingStatus = z.infer<typeof MeetingStatus>;

/** What brings a point onto a meeting's agenda. */
export const AGENDA_ITEM_KINDS = [
  /** An assignment at risk or off track. */
  'deviation',
  /** A risk of the latest report above the tolerance agreed with the ministry. */
  'risk',
  /** A post whose forecast differs from the appropriation. */
  'budget',
  /** A report not submitted by its date. */
  'late-report',
  /** A point the ministry adds itself. */
  'ministry-point',
] as const;
export const AgendaItemKind = z.enum(AGENDA_ITEM_KINDS);
export type AgendaItemKind = z.infer<typeof AgendaItemKind>;

/** Why a change to a governance meeting was refused (422). */
export const MEETING_ERRORS = [
  /** Minutes and decisions belong to a meeting that has been held. */
  'meeting-not-held',
  /** The decision is already a draft assignment. */
  'decision-linked',
  /** The ministry has no supplement being written for the agency-year and could not start one. */
  'meeting-no-draft',
  /** The meeting is held: its agenda (the ministry's points with it) is kept as it stood. */
  'meeting-held',
] as const;
export const MeetingErrorCode = z.enum(MEETING_ERRORS);
export type MeetingError = z.infer<typeof MeetingErrorCode>;

/** What a report still lacks before it can be submitted (src/domain/report.ts finds them). */
export const REPORT_PROBLEMS = [
  /** An assignment at risk or off track needs its deviation, cause and measures. */
  'deviation-required',
  /** Every post of the ledger needs a forecast for the year. */
  'forecast-required',
  /** A forecast that differs from the appropriation needs an explanation. */
  'explanation-required',
  /** An annual report's parts I and VI need the agency head's signature. */
  'signature-required',
] as const;
export const ReportProblem = z.enum(REPORT_PROBLEMS);
export type ReportProblem = z.infer<typeof ReportProblem>;

/**
 * How a steering parameter's text sets its target (src/domain/steering-target.ts reads it):
 * "minst 80 prosent", "høyst 3 uker", "under 5 dager", "over 90", "nøyaktig 100 prosent",
 * "økes til 1 200", "reduseres til 4 dager".
 */
export const TARGET_COMPARATORS = [
  'at-least',
  'at-most',
  'below',
  'above',
  'exactly',
  'increase-to',
  'reduce-to',
] as const;
export const TargetComparator = z.enum(TARGET_COMPARATORS);
export type TargetComparator = z.infer<typeof TargetComparator>;

/** The unit of a target or a reported value, as the parser normalises it. */
export const TARGET_UNITS = [
  'percent',
  'percentage-points',
  'days',
  'weeks',
  'months',
  'hours',
  /** Whole kroner (a target in "mill. kroner" is kept in kroner, with its scale). */
  'nok',
  'count',
] as const;
export const TargetUnit = z.enum(TARGET_UNITS);
export type TargetUnit = z.infer<typeof TargetUnit>;

/** Whether a reported value meets its parameter's target (src/domain/steering-target.ts). */
export const TARGET_OUTCOMES = [
  'met',
  'not-met',
  /** Not met yet, and the target names a later year than the value is for. */
  'not-yet',
  /** No target, no value, or a value in another unit: nothing to judge. */
  'unknown',
] as const;
export const TargetOutcome = z.enum(TARGET_OUTCOMES);
export type TargetOutcome = z.infer<typeof TargetOutcome>;

/** Why a row of an uploaded accounts file is refused (src/domain/accounts.ts). */
export const ACCOUNTS_ROW_ERRORS = [
  'missing-value',
  'not-a-number',
  'not-an-integer',
  'out-of-range',
  'unknown-post',
  'duplicate-post',
] as const;
export const AccountsRowError = z.enum(ACCOUNTS_ROW_ERRORS);
export type AccountsRowError = z.infer<typeof AccountsRowError>;

/** Why a change to a report was refused (422). */
export const REPORT_ERRORS = [
  /** The report is submitted or accepted: it no longer changes (a return reopens it). */
  'report-locked',
  /** The report lacks what submitting needs (`problems` names each). */
  'report-incomplete',
  /** The content names an assignment, post or steering parameter the agency-year does not have. */
  'report-unknown-item',
  /** The uploaded accounts file is refused as a whole (`rows` names each wrong row). */
  'accounts-refused',
  /** The ad hoc report's agency-year has no shared or published document. */
  'report-no-documents',
  /** An assignment owner changed more than the entries of their own assignments. */
  'report-not-yours',
  /** Only an annual report has parts to sign. */
  'report-not-annual',
] as const;
export const ReportErrorCode = z.enum(REPORT_ERRORS);
export type ReportError = z.infer<typeof ReportErrorCode>;

/** The `error` of every error body the API sends (with a human `message`). */
export const ERROR_CODES = [
  'not-found',
  'forbidden',
  'validation',
  'bad-request',
  'csrf',
  /** A bearer token that is unknown, expired, or whose client is revoked or expired (401). */
  'invalid-token',
  /** A client's token lacks the scope the action needs (403). */
  'insufficient-scope',
  'stale-version',
  'superseded',
  'internal',
  ...TRANSITION_ERRORS,
  ...CORRECTION_ERRORS,
  ...DRAFT_ERRORS,
  ...FOLLOW_UP_ERRORS,
  ...REPORT_ERRORS,
  ...MEETING_ERRORS,
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;
