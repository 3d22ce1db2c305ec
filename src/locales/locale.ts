/** What a locale file holds (nb.ts, en.ts; nn.ts to come). */
import type { AssignmentStatus, FindingMessageKey, Progress } from '../contract/enums';

export interface Locale {
  /** Patterns for the values a sentence names. */
  values: Record<
    'line' | 'lines' | 'letter' | 'supplement' | 'document' | 'chapter' | 'post',
    string
  >;
  findings: Record<FindingMessageKey, string>;
  /** What Tildel prints in a letter it writes (src/render/letter.ts): titles, headings, labels. */
  letter: Record<LetterText, string>;
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
  | 'carriedOver'
  | 'calendar'
  | 'calendarWhen'
  | 'calendarWhat'
  | 'closing'
  | 'page';

export type AnnualReportText =
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
