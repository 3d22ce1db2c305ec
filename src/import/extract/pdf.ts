/**
 * PDF text extraction with pdf.js (legacy build, for Node), page by page.
 */
import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import {
  buildLines,
  flattenPages,
  stripRunningText,
  type LineBox,
  type PageLines,
  type PositionedText,
} from './layout';
import { constants, inflateSync } from 'node:zlib';
import type { ReadLimits } from './limits';
import {
  ImportRefusal,
  formatCount,
  formatMb,
  tooComplex,
  tooManyChars,
  tooManyLines,
} from './refusal';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjsPromise: Promise<PdfJs> | undefined;

/**
 * Loads pdf.js once. In Node pdf.js runs its "worker" on the main thread; we hand it the worker
 * module ourselves so that it never has to resolve a worker file relative to a bundle.
 */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= (async () => {
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    const g = globalThis as { pdfjsWorker?: unknown };
    g.pdfjsWorker ??= worker;
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    return pdfjs;
  })();
  return pdfjsPromise;
}

function isTextItem(item: unknown): item is TextItem {
  return typeof item === 'object' && item !== null && 'str' in item && 'transform' in item;
}

export interface PdfText {
  lines: string[];
  pages: number;
  /** Each line's place on its page (layout.ts `LineBox`); null for a blank line. */
  boxes: (LineBox | null)[];
}

type PdfLimits = Pick<ReadLimits, 'maxPages' | 'maxStreamBytes' | 'maxLines' | 'maxChars'>;

/** All streams together may decode to this many times the bound on one stream. */
const TOTAL_STREAM_FACTOR = 4;

/**
 * Decodes every Flate-compressed stream of the file (except images, which text extraction never
 * decodes) with a bound on its output, and refuses the file when one decodes to more than
 * `maxStreamBytes`. pdf.js itself decodes a stream into one growing buffer, however large.
 * Streams that do not inflate cleanly are left to pdf.js, which reads damaged files leniently.
 */
export function checkPdfStreams(file: string, bytes: Uint8Array, maxStreamBytes: number): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const totalLimit = TOTAL_STREAM_FACTOR * maxStreamBytes;
  let total = 0;
  let pos = 0;
  for (;;) {
    const at = buf.indexOf('stream', pos, 'latin1');
    if (at < 0) break;
    pos = at + 6;
    if (at >= 3 && buf.toString('latin1', at - 3, at) === 'end') continue;
    let start = at + 6;
    if (buf[start] === 0x0d) start++;
    if (buf[start] !== 0x0a && buf[start - 1] !== 0x0d) continue;
    if (buf[start] === 0x0a) start++;
    const head = buf.toString('latin1', Math.max(0, at - 2048), at);
    const dict = head.slice(head.lastIndexOf('obj') + 1);
    let end = buf.indexOf('endstream', start, 'latin1');
    if (end < 0) end = buf.length;
    pos = Math.max(pos, end);
    if (!/\/Filter\s*(?:\[\s*)?\/(?:FlateDecode|Fl)\b/.test(dict)) continue;
    if (/\/Subtype\s*\/Image\b/.test(dict)) continue;
    const budget = Math.min(maxStreamBytes, totalLimit - total);
    let decoded: number;
    try {
      decoded = inflateSync(buf.subarray(start, end), {
        maxOutputLength: Math.max(1, budget),
        finishFlush: constants.Z_SYNC_FLUSH,
      }).length;
    } catch (err) {
      if ((err as { code?: string }).code !== 'ERR_BUFFER_TOO_LARGE') continue;
      const limitBytes = budget === maxStreamBytes ? maxStreamBytes : totalLimit;
      throw new ImportRefusal(
        file,
        'too-large',
        budget === maxStreamBytes
          ? `a compressed stream in the PDF unpacks to more than the limit of ${formatMb(limitBytes)}`
          : `the compressed streams in the PDF unpack to more than the limit of ${formatMb(limitBytes)}`,
        { limitBytes },
      );
    }
    total += decoded;
  }
}

function tooManyPages(file: string, pages: number, maxPages: number): ImportRefusal {
  return tooComplex(
    file,
    'pages',
    pages,
    maxPages,
    `the PDF has ${formatCount(pages)} pages, more than the limit of ${formatCount(maxPages)}`,
  );
}

/**
 * Counts the page objects written out in the file, so that a PDF of far too many pages is
 * refused before pdf.js spends seconds loading them (pages inside compressed object streams
 * are counted by pdf.js, after loading).
 */
function checkPageObjects(file: string, bytes: Uint8Array, maxPages: number): void {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const pages = text.match(/\/Type\s*\/Page(?![A-Za-z0-9])/g)?.length ?? 0;
  if (pages > maxPages) throw tooManyPages(file, pages, maxPages);
}

export async function extractPdf(
  file: string,
  bytes: Uint8Array,
  limits: PdfLimits,
): Promise<PdfText> {
  checkPdfStreams(file, bytes, limits.maxStreamBytes);
  checkPageObjects(file, bytes, limits.maxPages);
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    // pdf.js may take ownership of (detach) the buffer it is given: give it a copy.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    let doc;
    try {
      doc = await task.promise;
    } catch (err) {
      throw refusalFor(file, err);
    }
    if (doc.numPages > limits.maxPages) throw tooManyPages(file, doc.numPages, limits.maxPages);
    const pages: PageLines[] = [];
    let textItems = 0;
    let lineCount = 0;
    let charCount = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      let page;
      try {
        page = await doc.getPage(n);
      } catch (err) {
        throw refusalFor(file, err, `page ${n}`);
      }
      try {
        const viewport = page.getViewport({ scale: 1 });
        const content = await page.getTextContent({ includeMarkedContent: false });
        const items: PositionedText[] = [];
        for (const item of content.items) {
          if (!isTextItem(item) || item.str.trim() === '') continue;
          textItems++;
          // Into viewport space: top-down, with /Rotate and the crop box applied.
          const m = pdfjs.Util.transform(viewport.transform, item.transform) as number[];
          const [, , c = 0, d = 0, x = 0, y = 0] = m;
          items.push({ str: item.str, x, y, width: item.width, fontSize: Math.hypot(c, d) });
        }
        const lines = buildLines(items);
        lineCount += lines.length;
        for (const l of lines) charCount += l.text.length;
        if (lineCount > limits.maxLines) throw tooManyLines(file, limits.maxLines);
        if (charCount > limits.maxChars) throw tooManyChars(file, limits.maxChars);
        pages.push({ height: viewport.height, lines });
      } catch (err) {
        if (err instanceof ImportRefusal) throw err;
        throw refusalFor(file, err, `page ${n}`);
      } finally {
        // Keep memory bounded: drop this page's parsed resources before the next one.
        page.cleanup();
      }
    }
    if (doc.numPages > 0 && textItems === 0) {
      throw new ImportRefusal(
        file,
        'no-text-layer',
        'the PDF has no text layer (scanned image?); run OCR first',
      );
    }
    return { ...flattenPages(stripRunningText(pages)), pages: doc.numPages };
  } finally {
    await task.destroy();
  }
}

function refusalFor(file: string, err: unknown, where?: string): ImportRefusal {
  if (err instanceof ImportRefusal) return err;
  const name = err instanceof Error ? err.name : '';
  const detail = err instanceof Error ? err.message : String(err);
  if (name === 'PasswordException') {
    const r = new ImportRefusal(
      file,
      'encrypted',
      'the PDF is password-protected; remove the password (or export an unprotected copy) and upload it again',
    );
    r.cause = err;
    return r;
  }
  const r = new ImportRefusal(
    file,
    'corrupt',
    `the PDF file is damaged and cannot be read${where ? ` (${where})` : ''}: ${detail}`,
  );
  r.cause = err;
  return r;
}
