/**
 * Reading a letter back from Tildel's published form (open data, docs/open-data.md): the JSON
 * `tildel import --dry-run --json` prints, which the open-data API serves for each issued
 * letter. Only a dry run reads it: its items name lines of the file the letter was first read
 * from, which the JSON does not hold, so it is never stored (extract/ refuses JSON for that).
 *
 * Read in the import's worker pool (read-pool.ts) like any other file, within its time and heap
 * limits: a hostile file costs a worker, never the server. The bytes are bounded (`maxBytes`);
 * `documents` must be an array of at most `maxDocuments` before any schema check; each document
 * is then checked on its own, stopping at the first that does not fit (zod never collects the
 * problems of a whole file), and its counts of items are bounded as for any other file.
 */
import { DryRunOutput, type ExtractedDocument } from '../contract/letter';
import { ImportRefusal, formatMb, readLimits, type ReadLimits } from './extract';
import { formatCount, tooComplex } from './extract/refusal';
import { detect } from './extract/detect';
import { NoDocumentsFound, checkCounts } from './index';
import { readLetterFileIsolated, readPublishedIsolated, type ReadOptions } from './read-pool';

/** One document of a published file. */
const PublishedDocument = DryRunOutput.shape.documents.element;

/** How many schema problems a refusal names (the first ones, by path). */
const ISSUES_NAMED = 3;

/**
 * The documents of a published letter file. Throws ImportRefusal (too large, empty, not
 * UTF-8, not JSON, not in the schema, too many items) or NoDocumentsFound.
 */
export function readPublishedLetters(
  name: string,
  bytes: Uint8Array,
  opts?: Partial<ReadLimits>,
): ExtractedDocument[] {
  const limits = readLimits(opts);
  if (bytes.byteLength > limits.maxBytes) {
    throw new ImportRefusal(
      name,
      'too-large',
      `the file is ${formatMb(bytes.byteLength)}, larger than the limit of ${formatMb(limits.maxBytes)}`,
      { limitBytes: limits.maxBytes, sizeBytes: bytes.byteLength },
    );
  }
  if (bytes.byteLength === 0) throw new ImportRefusal(name, 'empty', 'the file is empty');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ImportRefusal(name, 'corrupt', 'the file is not UTF-8 text');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ImportRefusal(
      name,
      'corrupt',
      `the file is not valid JSON (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  const notPublished = (why: string) =>
    new ImportRefusal(
      name,
      'corrupt',
      `the file is not a letter in Tildel's published form (see \`tildel schema import\`): ${why}`,
    );
  const raw =
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as { documents?: unknown }).documents
      : undefined;
  if (!Array.isArray(raw)) throw notPublished('documents: not a list of documents');
  if (raw.length === 0) throw new NoDocumentsFound(name);
  if (raw.length > limits.maxDocuments) {
    throw tooComplex(
      name,
      'documents',
      raw.length,
      limits.maxDocuments,
      `the file holds ${formatCount(raw.length)} documents, more than the limit of ${formatCount(limits.maxDocuments)}`,
    );
  }
  const documents: ExtractedDocument[] = [];
  for (const [i, item] of raw.entries()) {
    const parsed = PublishedDocument.safeParse(item);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, ISSUES_NAMED)
        .map((x) => `${['documents', i, ...x.path].join('.')}: ${x.message}`);
      const more = parsed.error.issues.length - issues.length;
      throw notPublished(`${issues.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}`);
    }
    const { file: _file, ...d } = parsed.data;
    checkCounts(name, [d], limits);
    documents.push(d);
  }
  return documents;
}

/**
 * What a dry run reads of a file: a published letter (JSON) or any other file, through the
 * read pool (bounded in time and memory).
 */
export async function readForDryRun(
  name: string,
  bytes: Uint8Array,
  opts: ReadOptions = {},
): Promise<ExtractedDocument[]> {
  if (detect(name, bytes).kind === 'json') return readPublishedIsolated(name, bytes, opts);
  return (await readLetterFileIsolated(name, bytes, opts)).documents;
}
