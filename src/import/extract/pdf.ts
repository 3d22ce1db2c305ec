/**
 * PDF text extraction with pdf.js (legacy build, for Node), page by page.
 */
import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import {
  buildLines,
  flattenWithParagraphs,
  stripRunningText,
  type PageLines,
  type PositionedText,
} from './layout';
import { ImportRefusal } from './refusal';

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
}

export async function extractPdf(file: string, bytes: Uint8Array): Promise<PdfText> {
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
    const pages: PageLines[] = [];
    let textItems = 0;
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
        pages.push({ height: viewport.height, lines: buildLines(items) });
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
    return { lines: flattenWithParagraphs(stripRunningText(pages)), pages: doc.numPages };
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
