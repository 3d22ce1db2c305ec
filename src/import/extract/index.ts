/**
 * Text extraction from uploaded files (PDF, Word .docx, Markdown, plain UTF-8 text), with clean refusals
 * for everything the importer cannot read. The result is lines of text for the letter parser.
 */
import type { FileFormat } from '../../contract/enums';
import { detect } from './detect';
import type { LineBox } from './layout';
import { readLimits, type ReadLimits } from './limits';
import { ImportRefusal, formatCount, formatMb, tooManyChars, tooManyLines } from './refusal';

export { ImportRefusal, formatMb, type RefusalCode, type RefusalParams } from './refusal';
export { DEFAULT_MAX_BYTES, readLimits, type ReadLimits } from './limits';
export type { LineBox } from './layout';

export interface ExtractedText {
  format: FileFormat;
  /**
   * The text, line by line. txt: exactly the file's lines. pdf: lines rebuilt from positions,
   * table cells separated by two or more spaces, a blank line between paragraphs, running
   * headers/footers and page numbers removed. docx: one line per paragraph, one per table row
   * (cells separated by two spaces). md: one line per heading, paragraph, list item and table
   * row, like docx (see markdown.ts). In every format, NUL is removed and other control
   * characters (but tab) become spaces, so that the text can be stored as it is.
   */
  lines: string[];
  /** Number of pages for a PDF; 1 for the other formats, which have no fixed pagination. */
  pages: number;
  /**
   * PDF only: where each line is printed, one per line (null for a blank line): page (1-based),
   * x, y, width, height in points, top-down, y the top edge; a rebuilt table row spans all the
   * lines it was printed on. Numbers only, so it crosses threads and is stored as it is.
   */
  boxes?: (LineBox | null)[];
}

/** The bounds on reading (see limits.ts); every one has a default. */
export type ExtractOptions = ReadLimits;

export async function extractText(
  file: { name: string; bytes: Uint8Array },
  opts?: Partial<ExtractOptions>,
): Promise<ExtractedText> {
  const { name, bytes } = file;
  const limits = readLimits(opts);
  const maxBytes = limits.maxBytes;
  if (bytes.byteLength > maxBytes) {
    throw new ImportRefusal(
      name,
      'too-large',
      `the file is ${formatMb(bytes.byteLength)}, larger than the limit of ${formatMb(maxBytes)}`,
      { limitBytes: maxBytes, sizeBytes: bytes.byteLength },
    );
  }
  if (bytes.byteLength === 0) throw new ImportRefusal(name, 'empty', 'the file is empty');

  const kind = detect(name, bytes);
  switch (kind.kind) {
    case 'unsupported':
      throw new ImportRefusal(
        name,
        'unsupported-type',
        `the file is ${kind.what}; only PDF, Word (.docx), Markdown (.md) and plain text (.txt) files can be imported`,
      );
    case 'mismatch':
      throw new ImportRefusal(
        name,
        'corrupt',
        `the file is named as a ${kind.expected} file but its content is not one; it may be damaged`,
      );
    case 'json':
      // Its items point at the lines of the file it was read from, which it does not hold.
      throw new ImportRefusal(
        name,
        'unsupported-type',
        "the file is JSON: a letter in Tildel's published form is read only by a dry run (tildel import --dry-run); to store a letter, import its PDF, Word, Markdown or text file",
      );
    case 'txt':
      return finish(name, limits, {
        format: 'txt',
        lines: decodeTxt(name, 'txt', bytes, limits),
        pages: 1,
      });
    case 'md': {
      const { markdownToLines } = await import('./markdown');
      const source = decodeTxt(name, 'md', bytes, limits).join('\n');
      return finish(name, limits, { format: 'md', lines: markdownToLines(source), pages: 1 });
    }
    case 'pdf': {
      const { extractPdf } = await import('./pdf');
      const { lines, pages, boxes } = await extractPdf(name, bytes, limits);
      return finish(name, limits, { format: 'pdf', lines, pages, boxes });
    }
    case 'docx': {
      const { extractDocx } = await import('./docx');
      const lines = await extractDocx(name, bytes, limits);
      return finish(name, limits, { format: 'docx', lines, pages: 1 });
    }
  }
}

/** NUL and other control characters (but tab); lone surrogates. PostgreSQL stores neither. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Removes what cannot be stored, then checks the bounds on lines and characters. */
function finish(name: string, limits: ReadLimits, result: ExtractedText): ExtractedText {
  const lines = result.lines.map((l) =>
    l.replace(CONTROL, (c) => (c === '\u0000' ? '' : ' ')).replace(LONE_SURROGATE, '\ufffd'),
  );
  if (lines.length > limits.maxLines) throw tooManyLines(name, limits.maxLines);
  let chars = 0;
  for (let i = 0; i < lines.length; i++) {
    const length = lines[i]?.length ?? 0;
    chars += length;
    if (length > limits.maxLineChars) {
      throw new ImportRefusal(
        name,
        'too-complex',
        `line ${i + 1} has ${formatCount(length)} characters, more than the limit of ${formatCount(limits.maxLineChars)}`,
        { what: 'line-characters', found: length, limit: limits.maxLineChars, line: i + 1 },
      );
    }
  }
  if (chars > limits.maxChars) throw tooManyChars(name, limits.maxChars);
  return nonEmpty(name, { ...result, lines });
}

function nonEmpty(name: string, result: ExtractedText): ExtractedText {
  if (result.lines.every((l) => l.trim() === '')) {
    throw new ImportRefusal(name, 'empty', 'the file contains no text');
  }
  return result;
}

/** Lines of a UTF-8 text file, 1:1 with the file's lines (a final newline ends the last line). */
function decodeTxt(
  name: string,
  ext: 'txt' | 'md',
  bytes: Uint8Array,
  limits: ReadLimits,
): string[] {
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
      `the file is named .${ext} but contains binary data, not text`,
    );
  }
  // Count before decoding: a file of newlines would otherwise become millions of strings.
  let newlines = 0;
  for (let p = bytes.indexOf(0x0a); p >= 0; p = bytes.indexOf(0x0a, p + 1)) {
    if (++newlines > limits.maxLines) throw tooManyLines(name, limits.maxLines);
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
