/**
 * Text extraction from uploaded files (PDF, Word .docx, plain UTF-8 text), with clean refusals
 * for everything the importer cannot read. The result is lines of text for the letter parser.
 */
import { detect } from './detect';
import { ImportRefusal, formatMb } from './refusal';

export { ImportRefusal, type RefusalCode } from './refusal';

export interface ExtractedText {
  format: 'pdf' | 'docx' | 'txt';
  /**
   * The text, line by line. txt: exactly the file's lines. pdf: lines rebuilt from positions,
   * table cells separated by two or more spaces, a blank line between paragraphs, running
   * headers/footers and page numbers removed. docx: one line per paragraph, one per table row
   * (cells separated by two spaces).
   */
  lines: string[];
  /** Number of pages for a PDF; 1 for txt and docx, which have no fixed pagination. */
  pages: number;
}

export interface ExtractOptions {
  /** Largest accepted upload, in bytes. */
  maxBytes: number;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** A .docx is a ZIP; refuse one whose parts claim to unpack to more than this many times maxBytes. */
const DOCX_UNPACK_FACTOR = 10;

export async function extractText(
  file: { name: string; bytes: Uint8Array },
  opts?: Partial<ExtractOptions>,
): Promise<ExtractedText> {
  const { name, bytes } = file;
  const maxBytes = opts?.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.byteLength > maxBytes) {
    throw new ImportRefusal(
      name,
      'too-large',
      `the file is ${formatMb(bytes.byteLength)}, larger than the limit of ${formatMb(maxBytes)}`,
    );
  }
  if (bytes.byteLength === 0) throw new ImportRefusal(name, 'empty', 'the file is empty');

  const kind = detect(name, bytes);
  switch (kind.kind) {
    case 'unsupported':
      throw new ImportRefusal(
        name,
        'unsupported-type',
        `the file is ${kind.what}; only PDF, Word (.docx) and plain text (.txt) files can be imported`,
      );
    case 'mismatch':
      throw new ImportRefusal(
        name,
        'corrupt',
        `the file is named as a ${kind.expected} file but its content is not one; it may be damaged`,
      );
    case 'txt':
      return nonEmpty(name, { format: 'txt', lines: decodeTxt(name, bytes), pages: 1 });
    case 'pdf': {
      const { extractPdf } = await import('./pdf');
      const { lines, pages } = await extractPdf(name, bytes);
      return nonEmpty(name, { format: 'pdf', lines, pages });
    }
    case 'docx': {
      const { extractDocx } = await import('./docx');
      const lines = await extractDocx(name, bytes, maxBytes * DOCX_UNPACK_FACTOR);
      return nonEmpty(name, { format: 'docx', lines, pages: 1 });
    }
  }
}

function nonEmpty(name: string, result: ExtractedText): ExtractedText {
  if (result.lines.every((l) => l.trim() === '')) {
    throw new ImportRefusal(name, 'empty', 'the file contains no text');
  }
  return result;
}

/** Lines of a UTF-8 text file, 1:1 with the file's lines (a final newline ends the last line). */
function decodeTxt(name: string, bytes: Uint8Array): string[] {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    throw new ImportRefusal(
      name,
      'unsupported-type',
      'the text file is UTF-16; save it as UTF-8 text and upload it again',
    );
  }
  if (bytes.includes(0)) {
    throw new ImportRefusal(
      name,
      'unsupported-type',
      'the file is named .txt but contains binary data, not text',
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ImportRefusal(
      name,
      'unsupported-type',
      'the text file is not valid UTF-8 (perhaps Windows-1252/Latin-1); save it as UTF-8 and upload it again',
    );
  }
  // TextDecoder removes a UTF-8 BOM (ignoreBOM: false); remove a stray one all the same.
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines;
}
