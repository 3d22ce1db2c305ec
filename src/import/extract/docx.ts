/**
 * Word (.docx) text extraction: mammoth converts the document to simple HTML, and a small walk
 * over that HTML gives one line per paragraph and one line per table row.
 */
import mammoth from 'mammoth';
import type { ReadLimits } from './limits';
import { ImportRefusal, formatCount, formatMb, tooComplex } from './refusal';
import { readZipDirectory, unzipEntry } from './zip';

/** Separates table cells (and tab stops) in a line: the same convention as PDF columns. */
export const CELL_SEPARATOR = '  ';

type DocxLimits = Pick<
  ReadLimits,
  'maxUnpackedBytes' | 'maxZipEntries' | 'maxXmlElements' | 'maxChars'
>;

/**
 * Unpacks the archive within the limits before mammoth sees it: mammoth (and JSZip inside it)
 * would inflate whatever the file holds and build a tree of every XML element in memory.
 */
function checkArchive(file: string, bytes: Uint8Array, limits: DocxLimits): void {
  const entries = readZipDirectory(bytes, limits.maxZipEntries);
  if (!entries) {
    throw new ImportRefusal(
      file,
      'corrupt',
      'the Word file is damaged: its table of contents (the ZIP directory) cannot be read',
    );
  }
  if (entries.length > limits.maxZipEntries) {
    throw tooComplex(
      file,
      'zip-entries',
      null,
      limits.maxZipEntries,
      `the Word file has more than ${formatCount(limits.maxZipEntries)} parts`,
    );
  }
  const limitBytes = limits.maxUnpackedBytes;
  const claimed = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  const tooLarge = (sizeBytes?: number) =>
    new ImportRefusal(
      file,
      'too-large',
      sizeBytes === undefined
        ? `the Word file unpacks to more than the limit of ${formatMb(limitBytes)}`
        : `the Word file unpacks to ${formatMb(sizeBytes)}, more than the limit of ${formatMb(limitBytes)}`,
      sizeBytes === undefined ? { limitBytes } : { limitBytes, sizeBytes },
    );
  if (claimed > limitBytes) throw tooLarge(Number.isFinite(claimed) ? claimed : undefined);
  let unpacked = 0;
  let elements = 0;
  let textBytes = 0;
  for (const entry of entries) {
    if (entry.name.endsWith('/') && entry.uncompressedSize === 0) continue;
    const res = unzipEntry(bytes, entry, limitBytes - unpacked);
    if ('kind' in res) {
      if (res.kind === 'too-large') throw tooLarge();
      throw new ImportRefusal(
        file,
        'corrupt',
        res.kind === 'mismatch'
          ? `the Word file is damaged: ${res.entry} is not the size its header says`
          : `the Word file is damaged and cannot be read: ${res.detail}`,
      );
    }
    unpacked += res.data.length;
    if (/\.(xml|rels)$/i.test(entry.name)) {
      const counts = countXml(res.data);
      elements += counts.elements;
      textBytes += counts.textBytes;
    }
  }
  if (elements > limits.maxXmlElements) {
    throw tooComplex(
      file,
      'xml-elements',
      elements,
      limits.maxXmlElements,
      `the Word file has ${formatCount(elements)} XML elements (runs, paragraphs, …), more than the limit of ${formatCount(limits.maxXmlElements)}`,
    );
  }
  if (textBytes > limits.maxChars) {
    throw tooComplex(
      file,
      'characters',
      null,
      limits.maxChars,
      `the Word file has more than ${formatCount(limits.maxChars)} characters of text`,
    );
  }
}

/** Elements (start tags) and bytes outside tags in an XML part; linear, prefix-agnostic. */
function countXml(xml: Buffer): { elements: number; textBytes: number } {
  let elements = 0;
  let textBytes = 0;
  let pos = 0;
  for (;;) {
    const lt = xml.indexOf(0x3c, pos); // <
    if (lt < 0) {
      textBytes += xml.length - pos;
      break;
    }
    textBytes += lt - pos;
    const next = xml[lt + 1];
    if (next !== 0x2f && next !== 0x3f && next !== 0x21) elements++; // not </, <?, <!
    const gt = xml.indexOf(0x3e, lt + 1); // >
    if (gt < 0) break;
    pos = gt + 1;
  }
  return { elements, textBytes };
}

export async function extractDocx(
  file: string,
  bytes: Uint8Array,
  limits: DocxLimits,
): Promise<string[]> {
  checkArchive(file, bytes, limits);
  let html: string;
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const result = await mammoth.convertToHtml(
      { buffer },
      {
        ignoreEmptyParagraphs: false,
        includeDefaultStyleMap: true,
        externalFileAccess: false,
        // Images carry no letter text; reading them would only cost memory (base64 in the HTML).
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
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

/** A character reference as text; one that names no character (`&#0;`, `&#x110000;`) is U+FFFD. */
function fromCodePoint(n: number): string {
  return Number.isInteger(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '\ufffd';
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ent: string) => {
    if (ent.startsWith('#x') || ent.startsWith('#X'))
      return fromCodePoint(parseInt(ent.slice(2), 16));
    if (ent.startsWith('#')) return fromCodePoint(parseInt(ent.slice(1), 10));
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
  // Open lists, innermost last: a bullet list's items read `• ` as the Markdown reader's do (a
  // numbered list's numbers are Word's to print and not in the HTML).
  const lists: string[] = [];

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
        if (isList) lists.pop();
      } else {
        // A block opening inside another (a nested list in a list item) ends the outer text.
        if (buf !== null && buf.trim() !== '') flush();
        if (isList) lists.push(tag);
        buf = isList ? null : tag === 'li' && lists.at(-1) === 'ul' ? '• ' : '';
      }
    }
  }
  flush();
  return lines;
}
