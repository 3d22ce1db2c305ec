/**
 * pdf.js in the browser, for showing a page of the PDF a letter was imported from: its own lazy
 * chunk (source-page.tsx imports it when a page is first shown), its worker a file of the build
 * served from the app's origin (the CSP's script-src 'self' allows it; no eval).
 */
import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Each file opened once per page load (an officer reviews one letter's items in turn). */
const opened = new Map<string, Promise<PDFDocumentProxy>>();

export function openPdf(url: string): Promise<PDFDocumentProxy> {
  let doc = opened.get(url);
  if (!doc) {
    doc = (async () => {
      const res = await fetch(url, { credentials: 'same-origin' });
      if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
      const data = new Uint8Array(await res.arrayBuffer());
      return getDocument({ data, isEvalSupported: false }).promise;
    })();
    doc.catch(() => opened.delete(url));
    opened.set(url, doc);
  }
  return doc;
}

/**
 * Draws page `pageNo` on `canvas`, `cssWidth` pixels wide (sharp on high-density screens); the
 * page's size in points, for placing the marks.
 */
export async function drawPage(
  doc: PDFDocumentProxy,
  pageNo: number,
  canvas: HTMLCanvasElement,
  cssWidth: number,
): Promise<{ width: number; height: number }> {
  const page = await doc.getPage(pageNo);
  const base = page.getViewport({ scale: 1 });
  const ratio = Math.min(window.devicePixelRatio || 1, 3);
  const viewport = page.getViewport({ scale: (cssWidth / base.width) * ratio });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  await page.render({ canvas, viewport }).promise;
  return { width: base.width, height: base.height };
}
