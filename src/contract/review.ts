/**
 * Reviewing what the importer read: how sure it is of each item (and why), and the corrections
 * a ministry officer makes. A correction is kept with the document's series (every version of
 * the letter), so that a re-import of the same letter keeps it.
 */
import { z } from 'zod';

/** Why the importer is less than sure of an item. */
export const CONFIDENCE_REASONS = [
  /** The letter prints no ID for the assignment: Tildel gave it one. */
  'id-assigned',
  /** No owner department was found. */
  'no-owner',
  /** No deadline was found. */
  'no-deadline',
  /** A deadline was found but no date could be read from it. */
  'deadline-undetermined',
  /** The assignment is known only by its ID in a list (no text of its own). */
  'listed-only',
  /** A change to an earlier assignment that is not in Tildel. */
  'clarifies-unknown',
  /** The amount was read from running text, not from a table. */
  'read-from-prose',
  /** Its lines were also read into another item (an import warning names both). */
  'shares-lines',
  /** A change-table row whose figures do not add up. */
  'change-row-mismatch',
] as const;
export const ConfidenceReason = z.enum(CONFIDENCE_REASONS);
export type ConfidenceReason = z.infer<typeof ConfidenceReason>;

export const CONFIDENCE_LEVELS = ['high', 'low'] as const;
export const ConfidenceLevel = z.enum(CONFIDENCE_LEVELS);

/** An item's review state, sent with it. */
export const ItemReview = z.object({
  /** The key corrections name the item by (stable across re-imports of the letter). */
  key: z.string(),
  confidence: ConfidenceLevel,
  reasons: z.array(ConfidenceReason),
  /** The fields a person corrected. */
  corrected: z.array(z.string()),
});
export type ItemReview = z.infer<typeof ItemReview>;

export const CORRECTION_ITEM_KINDS = ['assignment', 'appropriation'] as const;
export const CorrectionItemKind = z.enum(CORRECTION_ITEM_KINDS);
export type CorrectionItemKind = z.infer<typeof CorrectionItemKind>;

const isoDate = z.iso.date();
const departmentCodes = z
  .string()
  .trim()
  .regex(/^[A-ZÆØÅ]{2,6}(?:\/[A-ZÆØÅ]{2,6})*$/u, 'department codes such as FHA or SHA/KTA');

const assignmentId = z
  .string()
  .trim()
  .regex(/^R?T{1,2}B\d{4}-\d{1,3}$/, 'an assignment ID such as TB2026-12');
const itemTitle = z.string().trim().min(1).max(500);

/** What a correction changes, by field. */
export const CorrectionChange = z.discriminatedUnion('field', [
  z.object({ field: z.literal('ownerDepartment'), value: departmentCodes.nullable() }),
  z.object({ field: z.literal('title'), value: itemTitle }),
  z.object({ field: z.literal('id'), value: assignmentId }),
  /** The date of the deadline printed as `phrase` (for sub-assignment `appliesTo`); null: none. */
  z.object({
    field: z.literal('deadline'),
    phrase: z.string().min(1).max(500),
    appliesTo: z.string().max(20).nullable(),
    value: isoDate.nullable(),
  }),
  /** The item is not an assignment: it leaves the register. */
  z.object({ field: z.literal('notAnAssignment'), value: z.literal(true) }),
  /** The amount in thousand kroner, as the letter prints it. */
  z.object({ field: z.literal('amount'), value: z.int().min(-1e12).max(1e12) }),
  /**
   * The assignment is part of another item of the same document, named by its key
   * (ItemReview.key): its text is appended to that item's text as a paragraph, its deadlines
   * (and sub-assignments, collaborators, references, funding) are added to that item's, and it
   * leaves the register.
   */
  z.object({ field: z.literal('mergeInto'), value: z.string().trim().min(1).max(200) }),
  /**
   * The assignment is two: its text is cut before paragraph `at` (0-based; the text's
   * paragraphs are its lines, src/domain/corrections.ts `assignmentParagraphs`), and the
   * paragraphs from there on become a new assignment titled `title`, with the owner copied and
   * the deadlines (and sub-assignments, …) printed only in its part.
   */
  z.object({
    field: z.literal('split'),
    at: z.int().min(1).max(10_000),
    title: itemTitle,
    /**
     * The new assignment's ID, given as Tildel gives an unprinted one (the next number of the
     * document's prefix and year after every ID the letter and the register hold) when the
     * correction is made, and kept with it, so that a re-import gives the new assignment the
     * same ID. A request may leave it out (and mostly does); a stored correction always has it.
     */
    id: assignmentId.optional(),
  }),
]);
export type CorrectionChange = z.infer<typeof CorrectionChange>;

/** `POST /api/documents/:id/corrections`. */
export const CorrectionBody = z.object({
  itemKind: CorrectionItemKind,
  /** ItemReview.key of the item. */
  itemKey: z.string().min(1).max(200),
  change: CorrectionChange,
  /** Why: required, kept in the audit trail. */
  reason: z.string().trim().min(1).max(2000),
});
export type CorrectionBody = z.infer<typeof CorrectionBody>;

/** A stored correction. */
export const Correction = z.object({
  id: z.uuid(),
  itemKind: CorrectionItemKind,
  itemKey: z.string(),
  change: CorrectionChange,
  reason: z.string(),
  by: z.string(),
  at: z.string(),
});
export type Correction = z.infer<typeof Correction>;

export const CorrectionResult = z.object({ correction: Correction });
