/** What a locale file holds (nb.ts, nn.ts, en.ts); render.test.ts keeps them in step. */
import type {
  AssignmentChangeKind,
  AssignmentStatus,
  SupplementLineKind,
  FindingMessageKey,
  ImportWarningCode,
  Progress,
  VersionChangeCode,
  VersionPart,
  Role,
} from '../contract/enums';
import type { ChangeKind } from '../domain/ledger';

export interface Locale {
  /** Patterns for the values a sentence names. */
  values: Record<
    'line' | 'lines' | 'letter' | 'supplement' | 'document' | 'chapter' | 'post',
    string
  >;
  findings: Record<FindingMessageKey, string>;
  /** What the importer warns of (contract ImportWarning), for the CLI and the API's readers. */
  importWarnings: Record<ImportWarningCode, string>;
  /** What changed from a document's version to the next (contract VersionChange). */
  versionChanges: Record<VersionChangeCode, string>;
  /** The parts of a document a `parts-changed` change names. */
  versionParts: Record<VersionPart, string>;
  /** What Tildel prints in a letter it writes (src/render/letter.ts): titles, headings, labels. */
  letter: Record<LetterText, string>;
  /**
   * What the letter editor puts into a letter's content for a new row (the web client, in the
   * letter's language, whatever language its user reads; the officer then overwrites it).
   */
  newInLetter: Record<NewInLetterText, string>;
  /** What Tildel prints in an annual report (src/render/annual-report.ts). */
  annualReport: Record<AnnualReportText, string>;
  /** The assignment register as a spreadsheet (src/services/register-export.ts). */
  register: {
    sheet: string;
    columns: Record<RegisterColumn, string>;
    status: Record<AssignmentStatus, string>;
    progress: Record<Progress, string>;
    yes: string;
  };
  /** The server's own sign-in page (src/server/routes/auth.ts). */
  signIn: {
    title: string;
    heading: string;
    /** `{name}` and `{organisation}` are filled in as HTML (escaped, the name in bold). */
    signedInAs: string;
    signedInAsWithOrganisation: string;
    continue: string;
    localHeading: string;
    localWarningLead: string;
    localWarning: string;
    chooseUser: string;
    noUsers: string;
    submit: string;
    oidc: string;
    none: string;
    withoutSignIn: string;
    withoutSignInNote: string;
    language: string;
    errors: Record<'skjema' | 'bruker' | 'organisasjon' | 'innlogging', string>;
    roles: Record<Role, string>;
  };
  /** What the command line tells people (src/cli; `--lang`, TILDEL_LANG); never its JSON. */
  cli: Record<CliText, string>;
  /** The overview of an agency's year as XLSX/CSV (src/services/ledger-export.ts). */
  ledgerExport: {
    sheet: string;
    title: string;
    titleAgency: string;
    titleYear: string;
    titleAgencyYear: string;
    upTo: string;
    columns: Record<'chapter' | 'post' | 'document' | 'changeKind' | 'amount', string>;
    changeKind: Record<ChangeKind, string>;
    total: string;
    sumExpense: string;
    sumIncome: string;
  };
}

export type RegisterColumn =
  | 'id'
  | 'year'
  | 'agency'
  | 'title'
  | 'ownerDepartment'
  | 'ownerPerson'
  | 'status'
  | 'progress'
  | 'progressReason'
  | 'nextDeadline'
  | 'overdue'
  | 'document';

export type LetterText =
  | 'letterTitle'
  | 'supplementTitle'
  | 'supplementDraftTitle'
  | 'ourDate'
  /** The label over the agency a letter is to, in its letterhead (read back as the addressee). */
  | 'addressee'
  | 'department'
  | 'appropriations'
  | 'tableChapter'
  | 'tablePost'
  | 'tableName'
  | 'chapterSum'
  | 'totals'
  | 'totalsPost'
  | 'totalsDocument'
  | 'totalsAmount'
  | 'totalsTotal'
  | 'goals'
  | 'goal'
  | 'steeringParameters'
  | 'keyFigures'
  | 'assignments'
  | 'ownerDepartment'
  | 'deadline'
  | 'references'
  /**
   * An assignment's collaborators and funding, after its text: worded so that the importer
   * reads them back (assign-details.ts `extractCollaborators`, `extractFunding`). `{names}` and
   * `{lines}` are joined with commas and `listAnd`; a line is `fundingPost` or `fundingChapter`.
   */
  | 'collaborators'
  | 'funding'
  | 'fundingPost'
  | 'fundingChapter'
  | 'listAnd'
  | 'carriedOver'
  | 'calendar'
  | 'calendarWhen'
  | 'calendarWhat'
  | 'closing'
  | 'page'
  /** A supplement's table when its lines have notes: the name column's header. */
  | 'tableNameWithNote'
  /** A supplement line's note opens with its kind (src/domain/ledger.ts LINE_KIND_WORDS). */
  | `lineKind.${SupplementLineKind}`
  /** The heading over a supplement's changes of earlier assignments (import vocabulary). */
  | 'assignmentChanges'
  /** What a change item's title says it is (import vocabulary CHANGE_ITEM_TITLES). */
  | `change.${AssignmentChangeKind}`;

/** What a new row of a letter's content says until the officer writes it. */
export type NewInLetterText =
  'post' | 'goal' | 'assignment' | 'subAssignment' | 'calendarWhen' | 'calendarText' | 'signatory';

export type AnnualReportText =
  | 'signatoryTitle'
  | 'title'
  | 'date'
  | 'part.leader'
  | 'part.introduction'
  | 'part.activities'
  | 'part.governance'
  | 'part.outlook'
  | 'part.accounts'
  | 'notWritten'
  | 'appropriationTotal'
  | 'keyFigures'
  | 'keyFigure'
  | 'keyFigureGoal'
  | 'keyFigureValue'
  | 'keyFigureComment'
  | 'assignmentsCaption'
  | 'assignmentId'
  | 'assignmentTitle'
  | 'assignmentStatus'
  | 'assignmentProgress'
  | 'assignmentDeviation'
  | 'deviation'
  | 'risks'
  | 'riskTolerance'
  | 'riskToleranceDefault'
  | 'riskGoal'
  | 'riskDescription'
  | 'riskScore'
  | 'riskResidual'
  | 'riskAbove'
  | 'accountsCaption'
  | 'accountsPost'
  | 'accountsName'
  | 'accountsAppropriation'
  | 'accountsAccounts'
  | 'accountsDifference'
  | 'accountsSum'
  | 'signed'
  | 'unsigned';

export type CliText =
  | 'check.group'
  | 'check.withLetter'
  | 'check.withoutLetter'
  | 'check.unknownAgency'
  | 'check.duplicate'
  | 'check.none'
  | 'check.error'
  | 'check.warning'
  | 'check.printed'
  | 'check.summary'
  | 'file.refused'
  | 'file.noDocuments'
  | 'file.missing'
  | 'file.unreadable'
  | 'import.dryRun'
  | 'import.warning'
  | 'import.notImported'
  | 'import.waiting'
  | 'import.replaces'
  | 'import.removesAssignments'
  | 'import.removesAppropriations'
  | 'import.removesCalendar'
  | 'import.createsMinistry'
  | 'import.createsAgency'
  | 'import.nothingStored'
  | 'import.done'
  | 'import.forReview'
  | 'import.outcome.created'
  | 'import.outcome.new-version'
  | 'import.outcome.unchanged'
  | 'import.outcome.dry-run'
  | 'import.outcome.needs-confirmation';
