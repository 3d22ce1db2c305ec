/**
 * API schemas of the appropriation ledger, the generated overview ("oversikt over tildeling")
 * and the consistency findings: GET /api/ledger, GET /api/documents/:id/overview,
 * GET /api/checks. They mirror the pure types of src/domain/ledger.ts and
 * src/domain/consistency.ts (src/services/ledger.ts builds responses typed by them), with the
 * database id of each document added. Amounts are whole thousands of NOK.
 */
import { z } from 'zod';
import { OrgNr } from './api';
import { Provenance } from './letter';
import { DocumentKind, FindingCode, FindingMessageKey, FINDING_KEY, Language } from './enums';

const amount = z.int().meta({ description: 'Thousands of NOK' });

export const ChangeKind = z.enum([
  'allocation',
  'carry-over',
  'revised-budget',
  'regrouping',
  'new-task',
  'post-transfer',
  'unknown',
]);
export const Side = z.enum(['expense', 'income']);

export const LedgerDocument = z.object({
  /** Database id of the document (null outside the database, e.g. the CLI). */
  id: z.uuid().nullable(),
  index: z.int(),
  kind: DocumentKind,
  number: z.int().nullable(),
  title: z.string(),
  date: z.string().nullable(),
  changeKind: ChangeKind,
  provenance: Provenance,
});

export const LedgerRow = z.object({
  amount,
  previousYearAmount: amount.nullable(),
  postName: z.string(),
  comment: z.string().nullable(),
  provenance: Provenance,
});

export const LedgerEntry = z.object({
  document: z.int().meta({ description: 'Index into documents' }),
  kind: ChangeKind,
  amount,
  runningTotal: amount,
  previousYearAmount: amount.nullable(),
  rows: z.array(LedgerRow),
});

export const LedgerEarmark = z.object({
  document: z.int(),
  chapter: z.int().nullable(),
  post: z.int().nullable(),
  amount,
  text: z.string(),
  source: z.enum(['text', 'row']),
  provenance: Provenance,
});

export const LedgerPost = z.object({
  chapter: z.int(),
  post: z.int(),
  side: Side,
  chapterName: z.string().nullable(),
  postName: z.string(),
  notes: z.array(z.string()),
  letterAmount: amount.nullable(),
  previousYearAmount: amount.nullable(),
  changeFromPreviousYear: amount.nullable(),
  entries: z.array(LedgerEntry),
  total: amount,
  earmarks: z.array(LedgerEarmark),
  authorities: z.array(z.int()),
});

export const LedgerChapter = z.object({
  chapter: z.int(),
  side: Side,
  name: z.string().nullable(),
  twinChapter: z.int().nullable(),
  posts: z.array(z.int()),
  total: amount,
});

export const LedgerAuthority = z.object({
  document: z.int(),
  kind: z.string(),
  text: z.string(),
  amount: amount.nullable(),
  posts: z.array(z.object({ chapter: z.int(), post: z.int().nullable(), linked: z.boolean() })),
  provenance: Provenance,
});

export const Ledger = z.object({
  agency: z.string().nullable(),
  year: z.int().nullable(),
  documents: z.array(LedgerDocument),
  expenses: z.array(LedgerPost),
  income: z.array(LedgerPost),
  chapters: z.array(LedgerChapter),
  authorities: z.array(LedgerAuthority),
  unattachedEarmarks: z.array(LedgerEarmark),
  totals: z.object({ expense: amount, income: amount }),
  /** What the reader may do with the agency-year: export it as a Noark 5 archive extract. */
  abilities: z.object({ archiveExport: z.boolean() }),
});
export type Ledger = z.infer<typeof Ledger>;

export const FindingReviewState = z.enum(['open', 'acknowledged', 'closed']);
export type FindingReviewState = z.infer<typeof FindingReviewState>;

/** What a ministry user last recorded about a finding (null on the finding: never reviewed). */
export const FindingReview = z.object({
  state: FindingReviewState,
  comment: z.string().nullable(),
  /** Who changed it last (their name) and when. */
  by: z.string(),
  at: z.iso.datetime({ offset: true }),
  /** Counts changes; send it back as expectedVersion. */
  version: z.int().min(1),
});
export type FindingReview = z.infer<typeof FindingReview>;

/**
 * A value in a finding's sentence, told in the reader's language by the locale files: a plain
 * number or text (a chapter, a heading as printed), an amount (thousands of NOK), printed
 * lines, a document of the series (null: the document as such), or a chapter and post.
 */
export const MessageValue = z.union([
  z.string(),
  z.int(),
  z.object({ amount }),
  z.object({ lines: z.tuple([z.int(), z.int()]) }),
  z.object({
    doc: z.object({ kind: DocumentKind, number: z.int().nullable() }).nullable(),
  }),
  z.object({ scope: z.object({ chapter: z.int(), post: z.int().nullable() }) }),
]);
export type MessageValue = z.infer<typeof MessageValue>;

/** One sentence of a finding: its key in the locale files and the values it names. */
export const MessagePart = z.object({
  key: FindingMessageKey,
  params: z.record(z.string(), MessageValue),
});
export type MessagePart = z.infer<typeof MessagePart>;

export const Finding = z.object({
  code: FindingCode,
  severity: z.enum(['error', 'warning']),
  document: z
    .object({
      id: z.uuid().nullable(),
      index: z.int(),
      kind: DocumentKind,
      number: z.int().nullable(),
      title: z.string(),
    })
    .nullable(),
  chapter: z.int().nullable(),
  post: z.int().nullable(),
  lines: z.array(Provenance),
  printed: z.string().nullable(),
  expected: z.string().nullable(),
  printedAmount: amount.nullable(),
  expectedAmount: amount.nullable(),
  /** The finding in words: its sentences, told in a language by src/locales (renderMessage). */
  message: z.array(MessagePart).min(1),
  /** Stable name of the finding across recomputations (src/domain/consistency.ts findingKey). */
  key: z.string().regex(FINDING_KEY),
  review: FindingReview.nullable(),
});
export type Finding = z.infer<typeof Finding>;

export const LedgerQuery = z.object({
  /** The agency: its id, or its org.nr (GET /api/organisations finds either). */
  agency: z.union([z.uuid(), OrgNr]),
  year: z.coerce.number().int().min(1900).max(2999),
});

export const Checks = z.object({
  agency: z.uuid(),
  year: z.int(),
  documents: z.array(LedgerDocument),
  findings: z.array(Finding),
  /** Whether the caller may acknowledge, close and reopen these findings (policy.ts). */
  abilities: z.object({ review: z.boolean() }),
});
export type Checks = z.infer<typeof Checks>;

/**
 * POST /api/checks/reviews: acknowledge or close a finding with a comment, or reopen it. Only
 * if expectedVersion is still its review's version (0: never reviewed); otherwise 409.
 */
export const FindingReviewBody = z
  .object({
    agency: z.uuid(),
    year: z.int().min(1900).max(2999),
    key: z.string().regex(FINDING_KEY).max(200),
    to: FindingReviewState,
    comment: z.string().trim().max(2000).optional(),
    expectedVersion: z.int().min(0),
  })
  .refine((b) => b.to === 'open' || (b.comment ?? '') !== '', {
    message: 'Acknowledging or closing a finding needs a comment',
    path: ['comment'],
  });
export type FindingReviewBody = z.infer<typeof FindingReviewBody>;

export const FindingReviewResult = z.object({ key: z.string(), review: FindingReview });
export type FindingReviewResult = z.infer<typeof FindingReviewResult>;

/** 409: the finding's review changed since the caller read it; nothing was saved. */
export const StaleReviewBody = z.object({
  error: z.literal('stale-version'),
  message: z.string(),
  current: FindingReview.nullable(),
});

export const OverviewRow = z.object({
  document: z.int(),
  documentId: z.uuid().nullable(),
  kind: DocumentKind,
  number: z.int().nullable(),
  label: z.string(),
  changeKind: ChangeKind,
  amount,
});

export const OverviewTable = z.object({
  chapter: z.int(),
  post: z.int(),
  side: Side,
  heading: z.string(),
  rows: z.array(OverviewRow),
  total: amount,
});

export const Overview = z.object({
  agency: z.string().nullable(),
  year: z.int().nullable(),
  upTo: LedgerDocument,
  tables: z.array(OverviewTable),
  totals: z.object({ expense: amount, income: amount }),
});
export type Overview = z.infer<typeof Overview>;

export const OverviewQuery = z.object({
  format: z.enum(['json', 'xlsx', 'csv']).default('json'),
  /** The files' headings: this language, else the person's setting, else Accept-Language, else nb. */
  lang: Language.optional(),
});
