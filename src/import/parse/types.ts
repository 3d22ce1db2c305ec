/**
 * Shared shapes between the parts of the letter parser. Pure: no I/O.
 */
import type { ExtractedDocument, ImportWarning } from '../../contract/letter';

/** One line of an imported file, with its 1-based line number in that file. */
export interface SourceLine {
  no: number;
  text: string;
}

/** The lines of one document (a letter or one supplement) cut out of a file. */
export interface DocText {
  lines: SourceLine[];
  /** Budget year of the document (from its title), used to complete deadline phrases. */
  year: number;
  kind: ExtractedDocument['kind'];
  /** Supplement number, null for the allocation letter. */
  number: number | null;
}

/** What an extractor found, and which lines it accounts for (for coverage and unparsed). */
export interface Extracted<T> {
  items: T;
  /** Line numbers (SourceLine.no) the extractor attributed to an item or to known boilerplate. */
  claimed: Set<number>;
  /** Codes with values (contract ImportWarning), told per language by src/locales. */
  warnings: ImportWarning[];
}

/** The assignment side of a document, produced by extractAssignmentSide(). */
export type AssignmentSide = Pick<
  ExtractedDocument,
  | 'assignments'
  | 'carriedOver'
  | 'calendar'
  | 'goals'
  | 'steeringParameters'
  | 'commonRequirements'
  | 'mandates'
  | 'preamble'
  | 'priorities'
  | 'reportingRequirements'
>;

/** The money side of a document, produced by extractMoneySide(). */
export type MoneySide = Pick<
  ExtractedDocument,
  'appropriations' | 'sumLines' | 'earmarks' | 'budgetAuthorities' | 'totalsClaimed'
>;
