/**
 * One document, read in parts (docs/api.md, «Documents in parts»): `GET /api/documents/{id}`
 * answers what the document is (its metadata, what the caller may do, and an index of its
 * parts); each part is read on its own, `GET /api/documents/{id}/parts/{part}`, a page at a time.
 * No answer grows with the letter beyond one page.
 */
import { z } from 'zod';
import { Appropriation, AssignmentSummary, DeadlineOut, DocumentSummary } from './api';
import { DocumentStatus } from './enums';
import { ImportWarning, Provenance } from './letter';
import { NextCursor, cursorFits, type CursorOrders, pageParams } from './pagination';
import { Correction, ItemReview } from './review';

/** The parts of a document, in the order the document page shows them. */
export const DOCUMENT_PARTS = [
  'appropriations',
  'assignments',
  'corrections',
  'calendar',
  'goals',
  'otherItems',
  'unparsed',
  'warnings',
  'lines',
] as const;
export const DocumentPartName = z.enum(DOCUMENT_PARTS);
export type DocumentPartName = z.infer<typeof DocumentPartName>;

/** Where a part is read. */
export const documentPartPath = (id: string, part: DocumentPartName) =>
  `/api/documents/${id}/parts/${part}`;

/** `GET /api/documents/{id}`: the document without its parts, and where each part is read. */
export const DocumentDetail = DocumentSummary.extend({
  /**
   * Where the letter Tildel wrote and issued can be downloaded as issued (Word and PDF); null
   * for an imported letter.
   */
  letterFiles: z.object({ docx: z.string(), pdf: z.string() }).nullable(),
  /**
   * The PDF the document was imported from, as uploaded (its pages shown beside the items in
   * the review; each line's place in the `lines` part's `boxes`); null for other formats and
   * for a PDF imported before the file was kept.
   */
  sourcePdf: z.object({ url: z.string(), name: z.string(), pages: z.int() }).nullable(),
  /** The states this user may move the document to now (empty when they may not change it). */
  allowedTransitions: z.array(DocumentStatus),
  /** Counts the status changes; a change names it as `expectedVersion`. */
  statusVersion: z.int(),
  /**
   * A letter not yet issued (imported for review): how many of its items the importer was
   * unsure of and no one has corrected, which issuing it accepts as read (`acceptUncertain`).
   * Null once it is issued: its review is over.
   */
  openReviewItems: z.int().nullable(),
  /** False for an earlier version: a newer import replaced it (see `versions`). */
  isCurrent: z.boolean(),
  /** Every version of this document the user may read, oldest first (this one included). */
  versions: z.array(
    z.object({ id: z.uuid(), version: z.int(), isCurrent: z.boolean(), createdAt: z.string() }),
  ),
  legalBasis: z.array(z.string()),
  signatories: z.array(z.object({ name: z.string(), title: z.string().nullable() })),
  /** The document's lines in the source file (its `lines` part holds their text). */
  provenance: Provenance,
  /** Its parts, in the order the document page shows them: how many items each has, and where. */
  parts: z.array(
    z.object({
      name: DocumentPartName,
      /** Items in the part (for `lines`: lines). */
      count: z.int(),
      /** Where the part is read (its first page). */
      url: z.string(),
    }),
  ),
});
export type DocumentDetail = z.infer<typeof DocumentDetail>;

/**
 * The keys a part's cursor carries (src/contract/pagination.ts): each part is read in its own
 * fixed order, the item's id last where it has one; `lines` by line number, and the lists held
 * in the document's own record (other items, unparsed text, warnings) by position.
 */
export const PART_CURSOR = {
  lines: { line: z.tuple([z.int32()]) },
  appropriations: { ord: z.tuple([z.int32(), z.uuid()]) },
  assignments: { ord: z.tuple([z.int32(), z.uuid()]) },
  corrections: { seq: z.tuple([z.int(), z.uuid()]) },
  calendar: { line: z.tuple([z.int32(), z.uuid()]) },
  goals: { ord: z.tuple([z.int32(), z.uuid()]) },
  otherItems: { position: z.tuple([z.int()]) },
  unparsed: { position: z.tuple([z.int()]) },
  warnings: { position: z.tuple([z.int()]) },
} as const satisfies Record<DocumentPartName, CursorOrders>;

/** The one order each part is read in (the key of its `PART_CURSOR`). */
export const PART_ORDER = {
  lines: 'line',
  appropriations: 'ord',
  assignments: 'ord',
  corrections: 'seq',
  calendar: 'line',
  goals: 'ord',
  otherItems: 'position',
  unparsed: 'position',
  warnings: 'position',
} as const satisfies { [P in DocumentPartName]: keyof (typeof PART_CURSOR)[P] };

/** The most items (for `lines`: lines) one page of a part holds, and a page when not asked. */
export const PART_LIMITS = {
  lines: { max: 2000, default: 500 },
  items: { max: 500, default: 100 },
} as const;

const partQuery = (part: DocumentPartName) => {
  const limits = part === 'lines' ? PART_LIMITS.lines : PART_LIMITS.items;
  return z
    .object({
      ...pageParams(limits.max, limits.default),
    })
    .superRefine(cursorFits(PART_CURSOR[part], () => PART_ORDER[part]));
};

/**
 * `GET /api/documents/{id}/parts/lines`: a page of lines from the cursor, or from the line
 * `from` (an item's `provenance.startLine`, to show its source); the first line without either.
 */
export const DocumentLinesQuery = z
  .object({
    ...pageParams(PART_LIMITS.lines.max, PART_LIMITS.lines.default),
    from: z.coerce
      .number()
      .int()
      .min(1)
      .max(2_147_483_647)
      .optional()
      .meta({ description: 'The first line of the page, by its number in the source file' }),
  })
  .superRefine(cursorFits(PART_CURSOR.lines, () => PART_ORDER.lines))
  .refine((q) => q.cursor === undefined || q.from === undefined, {
    path: ['from'],
    message: 'Either `cursor` or `from`, not both',
  });
export type DocumentLinesQuery = z.infer<typeof DocumentLinesQuery>;

/** Each part's query: `limit` and `cursor`; `lines` also `from`. */
export const DocumentPartQueries = {
  lines: DocumentLinesQuery,
  appropriations: partQuery('appropriations'),
  assignments: partQuery('assignments'),
  corrections: partQuery('corrections'),
  calendar: partQuery('calendar'),
  goals: partQuery('goals'),
  otherItems: partQuery('otherItems'),
  unparsed: partQuery('unparsed'),
  warnings: partQuery('warnings'),
} as const satisfies Record<DocumentPartName, z.ZodType>;
/** A part's query as the routes hand it on (`from` only for `lines`). */
export type DocumentPartQuery = z.infer<ReturnType<typeof partQuery>> & { from?: number };

/** One page of a part: its items, how many the part has, and the cursor of the next page. */
const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    /** Items in the whole part (for `lines`: the document's lines). */
    total: z.int(),
    nextCursor: NextCursor,
  });

/**
 * Where a line of a PDF is printed: page (from 1), then x, y, width and height in PDF points,
 * measured from the page's top left corner (y down), y the box's top edge.
 */
export const SourceLineBox = z
  .tuple([z.int().min(1), z.number(), z.number(), z.number(), z.number()])
  .meta({ description: '[page, x, y, width, height]: points, from the top left of the page' });
export type SourceLineBox = z.infer<typeof SourceLineBox>;

export const DocumentLine = z.object({ no: z.int(), text: z.string() });
/**
 * The source text of the document, line by line (numbered as in the file). For a PDF whose file
 * is kept, `boxes` holds where each line of the page is printed (null for a blank line), one
 * per item, in the same order; absent otherwise.
 */
export const DocumentLinesPage = page(DocumentLine).extend({
  boxes: z.array(SourceLineBox.nullable()).optional(),
});
export type DocumentLinesPage = z.infer<typeof DocumentLinesPage>;

export const DocumentAppropriation = Appropriation.extend({ review: ItemReview });
export type DocumentAppropriation = z.infer<typeof DocumentAppropriation>;
export const DocumentAppropriationsPage = page(DocumentAppropriation);
export type DocumentAppropriationsPage = z.infer<typeof DocumentAppropriationsPage>;

export const DocumentAssignment = AssignmentSummary.extend({
  provenance: Provenance,
  review: ItemReview,
  /** As read (for correcting a date): the phrase names the deadline in a correction. */
  deadlines: z.array(DeadlineOut),
});
export type DocumentAssignment = z.infer<typeof DocumentAssignment>;
export const DocumentAssignmentsPage = page(DocumentAssignment);
export type DocumentAssignmentsPage = z.infer<typeof DocumentAssignmentsPage>;

export const DocumentCalendarItem = z.object({
  date: z.string().nullable(),
  text: z.string(),
  kind: z.string(),
  provenance: Provenance,
});
export const DocumentCalendarPage = page(DocumentCalendarItem);
export type DocumentCalendarPage = z.infer<typeof DocumentCalendarPage>;

export const DocumentGoal = z.object({
  code: z.string().nullable(),
  title: z.string(),
  provenance: Provenance,
});
export const DocumentGoalsPage = page(DocumentGoal);
export type DocumentGoalsPage = z.infer<typeof DocumentGoalsPage>;

/**
 * The rest of what was read from the document, each with its source lines: preamble,
 * priorities, steering parameters and key figures, budget authorities, earmarks, common
 * requirements, reporting duties, mandates, carried-over assignments and overview tables.
 */
export const DocumentOtherItem = z.object({
  kind: z.enum([
    'preamble',
    'priority',
    'steering-parameter',
    'budget-authority',
    'earmark',
    'common-requirement',
    'reporting-requirement',
    'mandate',
    'carried-over',
    'totals-claim',
  ]),
  title: z.string(),
  text: z.string(),
  amount: z.int().nullable(),
  provenance: Provenance,
});
export type DocumentOtherItem = z.infer<typeof DocumentOtherItem>;
export const DocumentOtherItemsPage = page(DocumentOtherItem);
export type DocumentOtherItemsPage = z.infer<typeof DocumentOtherItemsPage>;

/** Text the importer could not place, with its lines. */
export const DocumentUnparsed = z.object({ text: z.string(), provenance: Provenance });
export const DocumentUnparsedPage = page(DocumentUnparsed);
export type DocumentUnparsedPage = z.infer<typeof DocumentUnparsedPage>;

export const DocumentWarningsPage = page(ImportWarning);
export type DocumentWarningsPage = z.infer<typeof DocumentWarningsPage>;

/** The corrections people made to what the importer read of this letter, oldest first. */
export const DocumentCorrectionsPage = page(Correction);
export type DocumentCorrectionsPage = z.infer<typeof DocumentCorrectionsPage>;

/** Each part's page schema, by name (the routes, the web client and the tests read it). */
export const DocumentPartPages = {
  lines: DocumentLinesPage,
  appropriations: DocumentAppropriationsPage,
  assignments: DocumentAssignmentsPage,
  corrections: DocumentCorrectionsPage,
  calendar: DocumentCalendarPage,
  goals: DocumentGoalsPage,
  otherItems: DocumentOtherItemsPage,
  unparsed: DocumentUnparsedPage,
  warnings: DocumentWarningsPage,
} as const satisfies Record<DocumentPartName, z.ZodType>;
export type DocumentPartPage<P extends DocumentPartName> = z.infer<(typeof DocumentPartPages)[P]>;
