/**
 * Word (.docx) text extraction: mammoth converts the document to simple HTML, and a small walk
 * over that HTML gives one line per paragraph and one line per table row.
 */
import mammoth from 'mammoth';
import { ImportRefusal, formatMb } from './refusal';
import { readZipDirectory } from './zip';

/** Separates table cells (and tab stops) in a line: the same convention as PDF columns. */
export const CELL_SEPARATOR = '  ';

export async function extractDocx(
  file: string,
  bytes: Uint8Array,
  maxUnpackedBytes: number,
): Promise<string[]> {
  const entries = readZipDirectory(bytes);
  if (entries) {
    const unpacked = entries.reduce((s, e) => s + (e.uncompressedSize || 0), 0);
    if (unpacked > maxUnpackedBytes) {
      throw new ImportRefusal(
        file,
        'too-large',
        `the Word file unpacks to ${formatMb(unpacked)}, more than the limit of ${formatMb(maxUnpackedBytes)}`,
      );
    }
  }
  let html: string;
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const result = await mammoth.convertToHtml(
      { buffer },
      { ignoreEmptyParagraphs: false, includeDefaultStyleMap: true, externalFileAccess: false },
    );
    html = result.value;
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    const r = new ImportRefusal(
      file,
      'corrupt',
      `the Word file is damaged or not a .docx document and cannot be read: ${detail}`,
    );
    r.cause = err;
    throw r;
  }
  return htmlToLines(html);
}

const BLOCK = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'blockquote']);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ent: string) => {
    if (ent.startsWith('#x') || ent.startsWith('#X'))
      return String.fromCodePoint(parseInt(ent.slice(2), 16));
    if (ent.startsWith('#')) return String.fromCodePoint(parseInt(ent.slice(1), 10));
    return ENTITIES[ent.toLowerCase()] ?? whole;
  });
}

/** mammoth's HTML → lines. Exported for tests. */
export function htmlToLines(html: string): string[] {
  const lines: string[] = [];
  let buf: string | null = null; // text of the current paragraph outside tables
  let tableDepth = 0;
  let row: string[] | null = null;
  let cell: string | null = null;

  const flush = (): void => {
    if (buf !== null) lines.push(buf.replace(/\t/g, CELL_SEPARATOR).trimEnd());
    buf = null;
  };
  const addText = (text: string): void => {
    if (tableDepth > 0) {
      if (cell !== null) cell += text;
    } else {
      buf = (buf ?? '') + text;
    }
  };
  const cellSpace = (): void => {
    if (cell !== null && cell !== '' && !cell.endsWith(' ')) cell += ' ';
  };

  const token = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|([^<]+)/g;
  for (const m of html.matchAll(token)) {
    const [, closing, rawTag, text] = m;
    if (text !== undefined) {
      addText(decodeEntities(text));
      continue;
    }
    const tag = (rawTag ?? '').toLowerCase();
    if (tag === 'table') {
      if (!closing) {
        if (tableDepth === 0) flush();
        else cellSpace();
        tableDepth++;
      } else {
        tableDepth = Math.max(0, tableDepth - 1);
        if (tableDepth > 0) cellSpace();
      }
    } else if (tableDepth > 0) {
      if (tableDepth > 1) {
        if (tag === 'td' || tag === 'th' || BLOCK.has(tag) || tag === 'br') cellSpace();
      } else if (tag === 'tr') {
        if (!closing) row = [];
        else if (row) {
          const cells = row.map((c) => c.replace(/\s+/g, ' ').trim());
          if (cells.some((c) => c !== '')) lines.push(cells.join(CELL_SEPARATOR).trimEnd());
          row = null;
        }
      } else if (tag === 'td' || tag === 'th') {
        if (!closing) cell = '';
        else {
          row?.push(cell ?? '');
          cell = null;
        }
      } else if (BLOCK.has(tag) || tag === 'br') {
        cellSpace();
      }
    } else if (tag === 'br') {
      flush();
      buf = '';
    } else if (BLOCK.has(tag)) {
      const isList = tag === 'ul' || tag === 'ol';
      if (closing) {
        if (!isList && buf !== null) flush();
      } else {
        // A block opening inside another (a nested list in a list item) ends the outer text.
        if (buf !== null && buf.trim() !== '') flush();
        buf = isList ? null : '';
      }
    }
  }
  flush();
  return lines;
}
