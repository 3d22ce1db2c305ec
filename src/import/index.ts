/**
 * Import pipeline: file bytes → text lines (extract/) → documents (parse/) → stored
 * (services/import.ts). Reading and parsing are pure of the database, so a dry run is the
 * same code without the last step. `read-pool.ts` runs this in a worker thread with bounds on
 * time and memory; the server and the CLI read files that way.
 */
import type { FileFormat } from '../contract/enums';
import { ExtractedDocument } from '../contract/letter';
import {
  extractText,
  readLimits,
  type ExtractOptions,
  type LineBox,
  type ReadLimits,
} from './extract';
import { formatCount, tooComplex } from './extract/refusal';
import { parseLetters } from './parse';

/** A file as read: its bytes, format and text lines (what services/import.ts stores). */
export interface StoredFile {
  name: string;
  bytes: Uint8Array;
  format: FileFormat;
  pages: number;
  lines: string[];
  /** PDF only: each line's place on its page (extract/index.ts `ExtractedText.boxes`). */
  boxes?: (LineBox | null)[];
}

export interface ParsedFile {
  file: StoredFile;
  documents: ExtractedDocument[];
}

export class NoDocumentsFound extends Error {
  constructor(public file: string) {
    super(`${file}: no allocation letter or supplement was recognised in the file`);
  }
}

/** Reads and parses one file. Throws ImportRefusal (from extract/) or NoDocumentsFound. */
export async function readLetterFile(
  name: string,
  bytes: Uint8Array,
  opts?: Partial<ExtractOptions>,
): Promise<ParsedFile> {
  const limits = readLimits(opts);
  const text = await extractText({ name, bytes }, limits);
  const documents = parseLetters(text.lines).map((d) => ExtractedDocument.parse(d));
  if (documents.length === 0) throw new NoDocumentsFound(name);
  checkCounts(name, documents, limits);
  return {
    file: {
      name,
      bytes,
      format: text.format,
      pages: text.pages,
      lines: text.lines,
      ...(text.boxes && { boxes: text.boxes }),
    },
    documents,
  };
}

/**
 * Refuses a file with more documents, or more items of one kind in a document, than a letter
 * has: storing them would hold one transaction open for minutes.
 */
export function checkCounts(
  name: string,
  documents: ExtractedDocument[],
  limits: ReadLimits,
): void {
  if (documents.length > limits.maxDocuments) {
    throw tooComplex(
      name,
      'documents',
      documents.length,
      limits.maxDocuments,
      `the file holds ${formatCount(documents.length)} documents, more than the limit of ${formatCount(limits.maxDocuments)}`,
    );
  }
  for (const d of documents) {
    const kinds: [string, number][] = [
      ['appropriations', d.appropriations.length],
      ['assignments', d.assignments.length],
      ['deadlines', d.assignments.reduce((n, a) => n + a.deadlines.length, 0)],
      ['calendar', d.calendar.length],
      ['carriedOver', d.carriedOver.length],
      ['goals', d.goals.length],
      ['steeringParameters', d.steeringParameters.length],
      ['totalsClaimed', d.totalsClaimed.length],
      ['unparsed', d.unparsed.length],
    ];
    for (const [what, found] of kinds) {
      if (found > limits.maxItems) {
        throw tooComplex(
          name,
          what,
          found,
          limits.maxItems,
          `"${d.title}" has ${formatCount(found)} ${what}, more than the limit of ${formatCount(limits.maxItems)} in one document`,
        );
      }
    }
  }
}
