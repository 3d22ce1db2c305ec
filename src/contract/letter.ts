/**
 * The structured content of one allocation letter or supplement, as the importer extracts it
 * and as `tildel import --dry-run --json` prints it. One zod schema shared by the importer, the
 * database loader, the API, the CLI and the tests; its JSON Schema is published by
 * `tildel schema import`.
 */
import { z } from 'zod';
import { AssignmentChangeKind, DocumentKind, ImportWarningCode, VersionChangeCode } from './enums';

/** Lines in the source file (1-based, inclusive) that an item was read from. */
export const Provenance = z
  .object({
    startLine: z.int().min(1),
    endLine: z.int().min(1),
  })
  .meta({ description: 'Source line span (1-based, inclusive) in the imported file' });
export type Provenance = z.infer<typeof Provenance>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const DeadlinePrecision = z.enum([
  'week',
  'month',
  'early-month',
  'mid-month',
  'late-month',
  'quarter',
  'tertial',
  'half-year',
  'early-year',
  'mid-year',
  'late-year',
  'year',
  'before-easter',
  'before-summer',
  'before-autumn',
  'before-christmas',
]);
export type DeadlinePrecision = z.infer<typeof DeadlinePrecision>;

/** A deadline phrase normalised by the Norwegian deadline parser (src/domain/deadline.ts). */
export const DeadlineValue = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('exact'), date: isoDate }),
  z.object({
    kind: z.literal('range'),
    start: isoDate,
    end: isoDate,
    precision: DeadlinePrecision,
  }),
  z.object({
    kind: z.literal('recurring'),
    frequency: z.enum(['yearly', 'half-yearly', 'quarterly', 'monthly']),
    /** Month (1–12) and day of the yearly occurrence, where the phrase names one. */
    month: z.int().min(1).max(12).nullable(),
    day: z.int().min(1).max(31).nullable(),
    /** First occurrence on or after the start of the budget year, when computable. */
    next: isoDate.nullable(),
  }),
  z.object({ kind: z.literal('undetermined'), phrase: z.string() }),
]);
export type DeadlineValue = z.infer<typeof DeadlineValue>;

export const Deadline = z.object({
  /** The latest day the deadline falls on (end of a range), or null when there is no date. */
  date: isoDate.nullable(),
  /** The phrase as printed. */
  text: z.string(),
  /** Sub-assignment letter (`a`, `b`, …) the deadline belongs to, or null for the whole. */
  appliesTo: z.string().nullable(),
  value: DeadlineValue,
});
export type Deadline = z.infer<typeof Deadline>;

export const AppropriationLine = z.object({
  chapter: z.int().min(1).max(9999),
  chapterName: z.string().nullable(),
  post: z.int().min(0).max(99),
  postName: z.string(),
  /** Budget notes printed with the post name: `kan overføres`, `kan nyttes under post 70`, … */
  notes: z.array(z.string()),
  /** Thousands of NOK, as printed. */
  amount: z.int(),
  /** Last year's figure where the table prints one beside this year's (thousands of NOK). */
  previousYearAmount: z.int().nullable(),
  /**
   * A supplement's change table (`Kap. post · Tidligere tildeling · Ny tildeling · Sum
   * tildelt`): what it printed beside the change (`amount`), the post's figure before this
   * document and the sum after it, each null where the table has no such column; also a change
   * in running text that states them (`økes med 3,2 mill. kroner, fra 214,5 … til 217,7 mill.
   * kroner`). Claims the ledger checks; absent for rows that state neither.
   */
  changeRow: z
    .object({ previous: z.int().nullable(), total: z.int().nullable() })
    .nullable()
    .optional(),
  comment: z.string().nullable(),
  /** True when the amount was read from running text (`… økes med 1,7 mill. kroner`), not a table. */
  fromText: z.boolean().optional(),
  provenance: Provenance,
});
export type AppropriationLine = z.infer<typeof AppropriationLine>;

/** A printed sum line (`Sum kap. 744 … 326 193`): a claim the ledger checks. */
export const SumLine = z.object({
  /** The chapter the sum line names (may differ from its table's chapter: that is a finding). */
  chapter: z.int(),
  /** The chapter of the table the sum line closes. */
  tableChapter: z.int(),
  amount: z.int(),
  provenance: Provenance,
});
export type SumLine = z.infer<typeof SumLine>;

/** Money earmarked inside a post in running text: "inkluderer 84 mill. kroner til …". */
export const Earmark = z.object({
  chapter: z.int().nullable(),
  post: z.int().nullable(),
  /** Thousands of NOK (2,7 mill. kr = 2 700). */
  amount: z.int(),
  text: z.string(),
  /** True for a `hvorav …` row of an appropriation table; absent for running text. */
  fromTable: z.boolean().optional(),
  provenance: Provenance,
});
export type Earmark = z.infer<typeof Earmark>;

export const BudgetAuthority = z.object({
  /** merinntektsfullmakt, overskridelse, bestillingsfullmakt, personell, other */
  kind: z.string(),
  text: z.string(),
  /** Chapter/post pairs the authority names. */
  posts: z.array(z.object({ chapter: z.int(), post: z.int().nullable() })),
  provenance: Provenance,
});
export type BudgetAuthority = z.infer<typeof BudgetAuthority>;

export const Goal = z.object({
  /** e.g. "HOVEDMÅL 1" or "1.2" where printed. */
  code: z.string().nullable(),
  title: z.string(),
  area: z.string().nullable(),
  evaluationCriteria: z.array(z.string()),
  provenance: Provenance,
});
export type Goal = z.infer<typeof Goal>;

export const SteeringParameter = z.object({
  text: z.string(),
  goal: z.string().nullable(),
  kind: z.enum(['styringsparameter', 'nøkkeltall', 'vurderingskriterium']),
  provenance: Provenance,
});
export type SteeringParameter = z.infer<typeof SteeringParameter>;

export const SubAssignment = z.object({
  letter: z.string(),
  text: z.string(),
  provenance: Provenance,
});
export type SubAssignment = z.infer<typeof SubAssignment>;

/** Text that explains an item (background paragraphs before a task list, a measure's purpose). */
export const TextBlock = z.object({
  text: z.string(),
  provenance: Provenance,
});
export type TextBlock = z.infer<typeof TextBlock>;

/** A titled section of running text (priorities, reporting duties). */
export const TextSection = z.object({
  title: z.string(),
  text: z.string(),
  provenance: Provenance,
});
export type TextSection = z.infer<typeof TextSection>;

export const Assignment = z.object({
  /** ID as printed (`TB2024-07`, `TTB2023-15`), or null when the letter prints none. */
  id: z.string().nullable(),
  /** The ID Tildel gives it: the printed one, or `TB{year}-{nn}` / `TTB{year}-{nn}` in order. */
  assignedId: z.string(),
  /** Department code of the ministry that owns it (`FHA`, `SHA`, …) where printed. */
  ownerDepartment: z.string().nullable(),
  title: z.string(),
  text: z.string(),
  deadlines: z.array(Deadline),
  subAssignments: z.array(SubAssignment),
  collaborators: z.array(z.string()),
  /** Assignment IDs referred to (`jf. TB2023-01`). */
  references: z.array(z.string()),
  /** Chapter/post funding it where stated. */
  funding: z.array(z.object({ chapter: z.int(), post: z.int().nullable() })),
  /** Goal or section heading it was listed under. */
  section: z.string().nullable(),
  /** Background printed before the assignment (or its task list), or null. */
  background: TextBlock.nullable(),
  /**
   * The ID of the earlier assignment this item of a supplement changes (*presisering*), or null
   * for a new assignment. A change is stored with the assignment it names, not as a new one.
   */
  clarifies: z.string().nullable(),
  /**
   * For a change (`clarifies` set): which change the item says it is, by the words its title
   * opens with (`Ny frist`, `Oppdraget utgår`, `Presisering`; import vocabulary). Absent when it
   * says none (a clarification) and for a new assignment.
   */
  change: AssignmentChangeKind.optional(),
  provenance: Provenance,
});
export type Assignment = z.infer<typeof Assignment>;

export const CarriedOver = z.object({
  id: z.string(),
  title: z.string().nullable(),
  provenance: Provenance,
});
export type CarriedOver = z.infer<typeof CarriedOver>;

export const CalendarItem = z.object({
  date: isoDate.nullable(),
  text: z.string(),
  deadline: Deadline,
  /** report, meeting, budget, other */
  kind: z.string(),
  provenance: Provenance,
});
export type CalendarItem = z.infer<typeof CalendarItem>;

export const CommonRequirement = z.object({
  title: z.string(),
  text: z.string(),
  provenance: Provenance,
});
export type CommonRequirement = z.infer<typeof CommonRequirement>;

export const Mandate = z.object({
  title: z.string(),
  text: z.string(),
  provenance: Provenance,
});
export type Mandate = z.infer<typeof Mandate>;

/** One row of a "total appropriation so far" table inside a supplement. */
export const TotalsClaimRow = z.object({
  label: z.string(),
  /** The document the row names: the allocation letter, or a supplement by number. */
  source: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('letter') }),
    z.object({ kind: z.literal('supplement'), number: z.int() }),
    z.object({ kind: z.literal('unknown') }),
  ]),
  amount: z.int(),
  provenance: Provenance,
});
export type TotalsClaimRow = z.infer<typeof TotalsClaimRow>;

export const TotalsClaim = z.object({
  chapter: z.int(),
  post: z.int().nullable(),
  heading: z.string(),
  rows: z.array(TotalsClaimRow),
  total: z.object({ label: z.string(), amount: z.int(), provenance: Provenance }).nullable(),
  provenance: Provenance,
});
export type TotalsClaim = z.infer<typeof TotalsClaim>;

/**
 * A warning of the import: a code and the values its sentence names (line numbers, chapters,
 * posts, text as printed), told in a language by src/locales/render.ts (`renderWarning`) and by
 * the web client's locale files.
 */
export const ImportWarning = z.object({
  code: ImportWarningCode,
  params: z.record(z.string(), z.union([z.string(), z.int()])),
});
export type ImportWarning = z.infer<typeof ImportWarning>;

/**
 * A warning as stored: imports stored before warnings had codes hold English text; the API
 * sends such a text as the warning `text` (src/server/presenters/document.ts).
 */
export const StoredWarning = z.union([z.string(), ImportWarning]);
export type StoredWarning = z.infer<typeof StoredWarning>;

/** A stored warning as the API sends it: an import stored before codes holds English text. */
export function presentWarning(w: StoredWarning): ImportWarning {
  return typeof w === 'string' ? { code: 'text', params: { text: w } } : w;
}

/**
 * One thing that changed from a document's version to the next (`appropriation-changed` with
 * `post`, `from`, `to`): told in a language by src/locales/render.ts (`renderVersionChange`).
 * Numbers among the values are amounts (thousands of kroner).
 */
export const VersionChange = z.object({
  code: VersionChangeCode,
  params: z.record(z.string(), z.union([z.string(), z.int()])),
});
export type VersionChange = z.infer<typeof VersionChange>;

/** A version change as stored in the audit trail: entries from before the codes hold text. */
export const StoredVersionChange = z.union([z.string(), VersionChange]);
export type StoredVersionChange = z.infer<typeof StoredVersionChange>;

export const UnparsedRegion = z.object({
  text: z.string(),
  provenance: Provenance,
});

export const Coverage = z.object({
  nonBlankLines: z.int(),
  attributedLines: z.int(),
  /** attributedLines / nonBlankLines, 0–1 (rounded to 4 decimals; a report figure, not money). */
  ratio: z.number(),
});

export const Signatory = z.object({ name: z.string(), title: z.string().nullable() });

export const ExtractedDocument = z.object({
  kind: DocumentKind,
  /**
   * How the kind, number and year were found: read from the document's title line, or assumed
   * (no title line, or no budget year). An assumed identity is never used to replace a stored
   * document without a person's confirmation.
   */
  identity: z.enum(['title', 'assumed']),
  /** Supplement number (`Tillegg til tildelingsbrev nr. 3`), null for the letter. */
  number: z.int().nullable(),
  year: z.int(),
  title: z.string(),
  ministry: z.string().nullable(),
  ministryOrgNr: z.string().nullable(),
  agency: z.string().nullable(),
  date: isoDate.nullable(),
  /** Legal basis cited: `Prop. 1 S (2019–2020)`, `Innst. 11 S (2019–2020)`. */
  legalBasis: z.array(z.string()),
  signatories: z.array(Signatory),
  /** Opening paragraph that refers to earlier letters or bills (`Vi viser til …`), or null. */
  preamble: TextBlock.nullable(),
  /** Overall goals, mission and priorities in running text (`Hovedmål for 2020`, …). */
  priorities: z.array(TextSection),
  /** Reporting duties and rules of the governance dialogue (`Regnskap og rapportering`, …). */
  reportingRequirements: z.array(TextSection),
  appropriations: z.array(AppropriationLine),
  sumLines: z.array(SumLine),
  earmarks: z.array(Earmark),
  budgetAuthorities: z.array(BudgetAuthority),
  goals: z.array(Goal),
  steeringParameters: z.array(SteeringParameter),
  assignments: z.array(Assignment),
  carriedOver: z.array(CarriedOver),
  commonRequirements: z.array(CommonRequirement),
  calendar: z.array(CalendarItem),
  mandates: z.array(Mandate),
  totalsClaimed: z.array(TotalsClaim),
  provenance: Provenance,
  unparsed: z.array(UnparsedRegion),
  coverage: Coverage,
  warnings: z.array(ImportWarning),
});
export type ExtractedDocument = z.infer<typeof ExtractedDocument>;

export const ImportResult = z.object({
  file: z.string(),
  documents: z.array(ExtractedDocument),
});
export type ImportResult = z.infer<typeof ImportResult>;

/** What `tildel import --dry-run --json` prints. */
export const DryRunOutput = z.object({
  documents: z.array(ExtractedDocument.extend({ file: z.string() })),
});
export type DryRunOutput = z.infer<typeof DryRunOutput>;
