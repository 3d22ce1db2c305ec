/** Why an uploaded file was refused. Stable codes for the API and UI; `reason` is for people. */
import type { ImportRefusalCode, RefusalParams } from '../../contract/api';

export type { RefusalParams } from '../../contract/api';

/** The codes the reader gives; `no-documents` is the service's, after parsing. */
export type RefusalCode = Exclude<ImportRefusalCode, 'no-documents'>;

/**
 * A file the importer will not read. The message is `${file}: ${reason}`, in English, and says
 * what the user can do about it where there is something to do. `params` carries the numbers in
 * the reason (limits, sizes, counts) for clients that word the reason themselves.
 */
export class ImportRefusal extends Error {
  constructor(
    public file: string,
    public code: RefusalCode,
    public reason: string,
    public params: RefusalParams = {},
  ) {
    super(`${file}: ${reason}`);
    this.name = 'ImportRefusal';
  }
}

const MB = 1024 * 1024;

/** Bytes as megabytes for messages: "20 MB", "25.3 MB", "0.0012 MB". */
export function formatMb(bytes: number): string {
  const mb = bytes / MB;
  if (Number.isInteger(mb)) return `${mb} MB`;
  if (mb >= 0.1) return `${Number(mb.toFixed(1))} MB`;
  return `${Number(mb.toPrecision(2))} MB`;
}

/** A count for messages, with thin grouping the way people read it: "200 000". */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** A refusal for a file that exceeds one of the reader's bounds on structure (not bytes). */
export function tooComplex(
  file: string,
  what: string,
  found: number | null,
  limit: number,
  reason: string,
): ImportRefusal {
  return new ImportRefusal(file, 'too-complex', reason, {
    what,
    limit,
    ...(found === null ? {} : { found }),
  });
}

export function tooManyLines(file: string, maxLines: number): ImportRefusal {
  return tooComplex(
    file,
    'lines',
    null,
    maxLines,
    `the file has more than ${formatCount(maxLines)} lines of text, more than a letter has`,
  );
}

export function tooManyChars(file: string, maxChars: number): ImportRefusal {
  return tooComplex(
    file,
    'characters',
    null,
    maxChars,
    `the file has more than ${formatCount(maxChars)} characters of text, more than a letter has`,
  );
}
