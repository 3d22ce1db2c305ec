/**
 * Import pipeline: file bytes → text lines (extract/) → documents (parse/) → stored
 * (services/import.ts). Reading and parsing are pure of the database, so a dry run is the
 * same code without the last step.
 */
import { ExtractedDocument } from '../contract/letter';
import { extractText, type ExtractOptions } from './extract';
import { parseLetters } from './parse';
import type { StoredFile } from '../services/import';

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
  const text = await extractText({ name, bytes }, opts);
  const documents = parseLetters(text.lines).map((d) => ExtractedDocument.parse(d));
  if (documents.length === 0) throw new NoDocumentsFound(name);
  return {
    file: { name, bytes, format: text.format, pages: text.pages, lines: text.lines },
    documents,
  };
}
