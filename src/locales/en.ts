/** English: the same texts as nb.ts (see there), for the API's English readers. */
import type { Locale } from './locale';

export const en: Locale = {
  values: {
    line: 'line {from}',
    lines: 'lines {from}–{to}',
    letter: 'the allocation letter',
    supplement: 'supplement no. {number}',
    document: 'the document',
    chapter: 'chapter {chapter}',
    post: 'chapter {chapter} post {post}',
  },
  findings: {
    'letter-missing':
      'The series has no allocation letter; the supplements cannot be checked against it.',
    'letter-duplicate': 'The series has more than one allocation letter ({lines}).',
    'supplement-number-absent':
      'The supplement "{title}" has no number; supplements must be numbered in sequence.',
    'supplement-number-duplicate':
      'Supplement number {number} is used more than once in the series.',
    'supplement-number-missing':
      'Supplement no. {missing} is missing from the series before supplement no. {number}.',
    'sum-chapter-mismatch':
      'The sum line ({lines}) names chapter {chapter}, but the table it closes is chapter {tableChapter}.',
    'sum-mismatch':
      "The sum for chapter {chapter} is printed as {printed} ({lines}), but the table's posts add up to {sum}.",
    'post-kind-grant':
      'Chapter {chapter}: post {post} is named "{postName}", but grant posts are numbered 50 or above (60–69 to municipalities, 70–89 to others) ({lines}).',
    'post-kind-operations':
      'Chapter {chapter}: post {post} is named "{postName}", but operations posts are numbered 01–29 ({lines}).',
    'overview-missing':
      '{Here} changes the appropriation on {scope} but has no overview of the total given for it (it should show {expected}).',
    'overview-label-mismatch':
      'The overview table is headed "{heading}" ({lines}), but its figures are for {scope}: the first row is the allocation letter\'s amount for post {post}, not post {labelPost}.',
    'overview-row-unexpected':
      'The overview in {here} has a row for a later supplement ({lines}): "{label}".',
    'overview-start-mismatch':
      'The overview "{heading}" starts with {printed} from the allocation letter ({lines}), but the allocation letter gives {expected} on {scope}.',
    'overview-row-mismatch':
      'The row for {source} in the overview "{heading}" shows {printed} ({lines}), but {source} gives {expected} on {scope}.',
    'overview-row-missing':
      'The overview "{heading}" ({lines}) leaves out {source}, which gives {expected} on {scope}.',
    'overview-total-arithmetic':
      'The total of the overview "{heading}" is {printed} ({lines}), but the table\'s rows add up to {sum}.',
    'change-row-arithmetic':
      'The change table for {scope} ({lines}) does not add up: {previous} before and {change} now make {sum}, but the sum is printed as {printed}.',
    'change-row-previous-mismatch':
      'The earlier allocation on {scope} is printed as {printed} ({lines}), but the allocation letter and the supplements before this one give {expected}.',
    'change-row-total-mismatch':
      'The total allocation on {scope} is printed as {printed} ({lines}), but the allocation letter and the supplements up to this one give {expected}.',
    'overview-total-mismatch':
      'The total allocation on {scope} is printed as {printed} ({lines}), but the allocation letter and the supplements up to this one give {expected}.',
    'earmark-exceeds-post':
      '{printed} is earmarked on {scope} ({lines}), but the post only has {expected}.',
    'note-chapter-sum':
      "{amount} is the allocation letter's total for the whole of chapter {chapter}.",
    'note-authority':
      'The difference {amount} is the authority to exceed the appropriation ({lines}), which is not an allocation.',
    'note-table-total': "The table's total ({lines}) is therefore {printed} instead of {expected}.",
  },
  letter: {
    letterTitle: 'Allocation letter to {agency} for {year}',
    supplementTitle: 'Supplement no. {number} to the allocation letter for {year}',
    supplementDraftTitle:
      'Supplement to the allocation letter for {year} to {agency} (numbered at issue)',
    ourDate: 'Our date',
    department: 'Department',
    appropriations: 'Appropriations',
    tableChapter: 'Chapter {chapter} {name} (NOK 1,000)',
    tablePost: 'Post',
    tableName: 'Name',
    chapterSum: 'Total chapter {chapter}',
    totals: 'Allocation to {agency} in {year} so far:',
    totalsPost: 'Chapter {chapter} post {post}',
    totalsDocument: 'Letter',
    totalsAmount: 'Amount (NOK 1,000)',
    totalsTotal: 'Total allocation in {year}',
    goals: 'Goals for {year}',
    goal: 'Goal {n}: {title}',
    steeringParameters: 'Steering parameters:',
    keyFigures: 'Key figures:',
    assignments: 'Assignments',
    ownerDepartment: 'Responsible department: {code}',
    deadline: 'Deadline: {phrase}',
    references: 'See {ids}.',
    carriedOver: 'Earlier assignments not yet completed',
    calendar: 'Governance calendar',
    calendarWhen: 'When',
    calendarWhat: 'What',
    closing: 'Yours sincerely',
    page: 'Page {page} of {pages}',
  },
  annualReport: {
    date: 'Date',
    title: 'Annual report {year} for {agency}',
    'part.leader': "The leader's report",
    'part.introduction': 'Introduction to the agency and key figures',
    'part.activities': "The year's activities and results",
    'part.governance': 'Governance and control',
    'part.outlook': 'Outlook',
    'part.accounts': 'Annual accounts',
    notWritten: 'Not written yet.',
    appropriationTotal: 'Total allocation for {year}: {amount} (NOK 1,000).',
    keyFigures: 'Steering parameters and key figures',
    keyFigure: 'Parameter',
    keyFigureGoal: 'Goal',
    keyFigureValue: 'Value',
    keyFigureComment: 'Comment',
    assignmentsCaption: 'Assignments in {year}',
    assignmentId: 'ID',
    assignmentTitle: 'Assignment',
    assignmentStatus: 'Status',
    assignmentProgress: 'Progress',
    assignmentDeviation: 'Deviation and measures',
    deviation: 'Deviation: {deviation} Cause: {cause} Measures: {measures}',
    risks: 'Overall risk assessment',
    riskTolerance: 'The risk tolerance agreed with the ministry is {score}.',
    riskToleranceDefault:
      'No risk tolerance is agreed with the ministry; the limit {score} applies.',
    riskGoal: 'Goal',
    riskDescription: 'Risk',
    riskScore: 'Before measures',
    riskResidual: 'After measures',
    riskAbove: 'above the tolerance',
    accountsCaption: 'Appropriation and accounts per post (NOK 1,000)',
    accountsPost: 'Chap./post',
    accountsName: 'Name',
    accountsAppropriation: 'Appropriation',
    accountsAccounts: 'Accounts',
    accountsDifference: 'Difference',
    accountsSum: 'Total',
    signed: 'Signed {date}',
    unsigned: 'Not signed yet.',
  },
  register: {
    sheet: 'Assignments',
    columns: {
      id: 'ID',
      year: 'Year',
      agency: 'Agency',
      title: 'Title',
      ownerDepartment: 'Owner department',
      ownerPerson: 'Responsible',
      status: 'Status',
      progress: 'Progress',
      progressReason: 'Reason',
      nextDeadline: 'Next deadline',
      overdue: 'Overdue',
      document: 'Document',
    },
    status: {
      planned: 'Planned',
      'in-progress': 'In progress',
      delivered: 'Delivered',
      accepted: 'Accepted',
      cancelled: 'Cancelled',
      merged: 'Merged',
      'carried-over': 'Carried over',
    },
    progress: { 'on-track': 'On track', 'at-risk': 'At risk', 'off-track': 'Off track' },
    yes: 'Yes',
  },
};
