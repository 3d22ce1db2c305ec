/**
 * The bounds on reading one file. Every stage has one, so that the work and memory of reading a
 * file are bounded by these numbers, not by what the file claims or contains. The defaults leave
 * ten times the largest letters seen so far (about 5 000 lines, 100 pages, 300 items) and refuse
 * the rest by name and reason.
 */
export interface ReadLimits {
  /** Largest accepted upload, in bytes. */
  maxBytes: number;
  /** A .docx: the most its parts may unpack to, all together (checked while inflating). */
  maxUnpackedBytes: number;
  /** A .docx: the most entries (parts) in the archive. */
  maxZipEntries: number;
  /** A .docx: the most XML elements in its parts (runs, paragraphs, …); each costs memory. */
  maxXmlElements: number;
  /** A PDF: the most pages. */
  maxPages: number;
  /** A PDF: the most bytes one compressed stream (page content, font) may decode to. */
  maxStreamBytes: number;
  /** The most lines of text the file may have (PDF: after rebuilding; DOCX: paragraphs). */
  maxLines: number;
  /** The longest line, in characters. */
  maxLineChars: number;
  /** The most characters of text in the file. */
  maxChars: number;
  /** The most documents (letter and supplements) in one file. */
  maxDocuments: number;
  /** The most items of one kind (appropriations, assignments, deadlines, …) in one document. */
  maxItems: number;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

export const DEFAULT_LIMITS: ReadLimits = {
  maxBytes: DEFAULT_MAX_BYTES,
  maxUnpackedBytes: 10 * DEFAULT_MAX_BYTES,
  maxZipEntries: 2_000,
  maxXmlElements: 1_000_000,
  maxPages: 2_000,
  maxStreamBytes: 64 * 1024 * 1024,
  maxLines: 50_000,
  maxLineChars: 20_000,
  maxChars: 5_000_000,
  maxDocuments: 100,
  maxItems: 5_000,
};

/** The limits with defaults filled in; `maxUnpackedBytes` follows `maxBytes` unless given. */
export function readLimits(opts?: Partial<ReadLimits>): ReadLimits {
  const maxBytes = opts?.maxBytes ?? DEFAULT_MAX_BYTES;
  return { ...DEFAULT_LIMITS, maxUnpackedBytes: 10 * maxBytes, ...stripUndefined(opts), maxBytes };
}

function stripUndefined(o: Partial<ReadLimits> | undefined): Partial<ReadLimits> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined));
}
