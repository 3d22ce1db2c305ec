/**
 * Writes a letter's blocks (letter.ts) as a PDF in the server, without a browser: PDFKit, with
 * the Inter font embedded (subset) and the document tagged for assistive technology (headings,
 * paragraphs, lists and tables as structure elements; page numbers marked as artifacts), in the
 * letter's language. Laid out like the Word file: the sender and date, the title, numbered
 * headings, tables with right-aligned amounts and a bold sum row, `Side 1 av 3` at the foot.
 * One text run per line of a table row, so the importer reads back what was written.
 */
import { createRequire } from 'node:module';
import { INTL_LOCALES, LOCALES, fill, type LocaleCode } from '../locales/render';
import { itemLabel, type Block, type Run } from './letter';

const require = createRequire(import.meta.url);
const font = (weight: 400 | 700, style: 'normal' | 'italic' = 'normal') =>
  require.resolve(`@fontsource/inter/files/inter-latin-${weight}-${style}.woff`);

const MARGIN = 64;
const SIZE = { body: 10.5, small: 8.5, title: 16, heading: 13, subheading: 11, sender: 13 };
const GAP = 6;
const CELL_PAD = 4;
const NUMERIC_WIDTH = 90;

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

export async function letterPdf(
  blocks: Block[],
  meta: {
    title: string;
    creator: string;
    locale: LocaleCode;
    /**
     * The creation date written in the file (default: now). Given, the same blocks give the same
     * bytes (the file's ID is derived from it): the archive extract renders its files so.
     */
    created?: Date;
  },
): Promise<Buffer> {
  // Loaded on first use: ~25 MB that a server which never writes a PDF does without.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    tagged: true,
    pdfVersion: '1.7',
    lang: INTL_LOCALES[meta.locale],
    displayTitle: true,
    info: {
      Title: meta.title,
      Creator: meta.creator,
      Producer: 'Tildel',
      ...(meta.created ? { CreationDate: meta.created } : {}),
    },
  });
  doc.registerFont('regular', font(400));
  doc.registerFont('bold', font(700));
  doc.registerFont('italic', font(400, 'italic'));
  doc.registerFont('bold-italic', font(700, 'italic'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const root = doc.struct('Document');
  doc.addStructure(root);
  for (const b of blocks) write(doc, root, b);
  root.end();
  pageNumbers(doc, meta.locale);
  doc.end();
  return done;
}

const width = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;

const runFont = (r: Run) =>
  r.bold && r.italic ? 'bold-italic' : r.bold ? 'bold' : r.italic ? 'italic' : 'regular';

/**
 * A text element of `type` (P, H1, …) under `parent`; `runs`, the text in pieces, bold or
 * italic, written on as one text.
 */
function text(
  doc: Doc,
  parent: Struct,
  type: string,
  value: string,
  opts: { font?: 'regular' | 'bold'; size?: number; after?: number; runs?: Run[] } = {},
) {
  doc.font(opts.font ?? 'regular').fontSize(opts.size ?? SIZE.body);
  const runs = opts.runs;
  parent.add(
    doc.struct(type, {}, () => {
      if (!runs) {
        doc.text(value, doc.page.margins.left, doc.y, { width: width(doc) });
        return;
      }
      runs.forEach((r, i) => {
        const continued = i < runs.length - 1;
        doc.font(runFont(r));
        if (i === 0)
          doc.text(r.text, doc.page.margins.left, doc.y, { width: width(doc), continued });
        else doc.text(r.text, { continued });
      });
    }),
  );
  doc.font('regular');
  doc.moveDown((opts.after ?? GAP) / (opts.size ?? SIZE.body));
}

function write(doc: Doc, root: Struct, b: Block): void {
  switch (b.kind) {
    case 'letterhead':
      text(doc, root, 'P', b.sender, { font: 'bold', size: SIZE.sender, after: 18 });
      if (b.addressee) {
        text(doc, root, 'P', b.addressee.label, { size: SIZE.small, after: 0 });
        text(doc, root, 'P', b.addressee.name, { after: 12 });
      }
      text(doc, root, 'P', b.dateLabel, { size: SIZE.small, after: 0 });
      text(doc, root, 'P', b.date, { after: 24 });
      return;
    case 'title':
      text(doc, root, 'H1', b.text, { font: 'bold', size: SIZE.title, after: 12 });
      return;
    case 'heading':
      ensureRoom(doc, 60);
      doc.moveDown(0.4);
      text(doc, root, 'H2', b.text, { font: 'bold', size: SIZE.heading, after: 8 });
      return;
    case 'subheading':
      ensureRoom(doc, 48);
      text(doc, root, 'H3', b.text, { font: 'bold', size: SIZE.subheading, after: 4 });
      return;
    case 'paragraph':
      text(doc, root, 'P', b.text, b.runs ? { runs: b.runs } : {});
      return;
    case 'break':
      doc.moveDown(0.5);
      return;
    case 'list': {
      const list = doc.struct('L');
      root.add(list);
      b.items.forEach((item, i) => {
        const label = b.numbered ? itemLabel(b.numbered.start + i) : '•';
        const runs = b.runs?.[i];
        text(doc, list, 'LI', `${label} ${item}`, {
          after: 2,
          ...(runs ? { runs: [{ text: `${label} ` }, ...runs] } : {}),
        });
      });
      list.end();
      doc.moveDown(0.4);
      return;
    }
    case 'table':
      table(doc, root, b);
      return;
    case 'signatures':
      ensureRoom(doc, 90);
      doc.moveDown(1);
      text(doc, root, 'P', b.closing, { after: 18 });
      for (const p of b.people) {
        text(doc, root, 'P', p.name, { after: 0 });
        if (p.title) text(doc, root, 'P', p.title, { after: 10 });
      }
      return;
  }
}

/** Starts a new page when less than `points` is left on this one. */
function ensureRoom(doc: Doc, points: number): void {
  if (doc.y + points > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/**
 * Column widths: amounts get a fixed width, a first column of short codes (posts, dates) its
 * widest text, and the rest shares what is left.
 */
function columnWidths(doc: Doc, b: Extract<Block, { kind: 'table' }>): number[] {
  const total = width(doc);
  const cols = b.header.length;
  const widths = Array<number>(cols).fill(0);
  // An amount column is as wide as its widest text (the header too: a wrapped header line
  // would run into the first row), at least NUMERIC_WIDTH.
  doc.font('bold').fontSize(SIZE.body);
  for (const c of b.numeric) {
    const widest = Math.max(...[b.header, ...b.rows].map((r) => doc.widthOfString(r[c] ?? '')));
    widths[c] = Math.min(Math.max(NUMERIC_WIDTH, widest + 2 * CELL_PAD + 2), total / 3);
  }
  if (!b.numeric.includes(0) && cols > 2) {
    doc.font('bold').fontSize(SIZE.body);
    const widest = Math.max(...[b.header, ...b.rows].map((r) => doc.widthOfString(r[0] ?? '')));
    widths[0] = Math.min(widest + 2 * CELL_PAD, total / 4);
  }
  const fixed = widths.reduce((s, w) => s + w, 0);
  const free = widths.filter((w) => w === 0).length;
  if (free === 0) return widths;
  // Two free columns (a calendar: when, what): the first gets a third.
  if (free === 2 && cols === 2) return [(total - fixed) / 3, ((total - fixed) * 2) / 3];
  return widths.map((w) => (w === 0 ? (total - fixed) / free : w));
}

function table(doc: Doc, root: Struct, b: Extract<Block, { kind: 'table' }>): void {
  if (b.caption) text(doc, root, 'Caption', b.caption, { font: 'bold', after: 4 });
  const widths = columnWidths(doc, b);
  const left = doc.page.margins.left;
  const element = doc.struct('Table');
  root.add(element);
  const rows: { cells: string[]; head: boolean; bold: boolean }[] = [
    { cells: b.header, head: true, bold: true },
    ...b.rows.map((cells, i) => ({
      cells,
      head: false,
      bold: b.sumRow && i === b.rows.length - 1,
    })),
  ];
  for (const row of rows) {
    doc.font(row.bold ? 'bold' : 'regular').fontSize(SIZE.body);
    const height =
      Math.max(
        ...row.cells.map((c, i) =>
          doc.heightOfString(c || ' ', { width: (widths[i] ?? 0) - 2 * CELL_PAD }),
        ),
      ) +
      2 * CELL_PAD;
    ensureRoom(doc, height);
    const top = doc.y;
    const tr = doc.struct('TR');
    element.add(tr);
    let x = left;
    row.cells.forEach((cell, i) => {
      const w = widths[i] ?? 0;
      tr.add(
        doc.struct(row.head ? 'TH' : 'TD', {}, () => {
          doc.text(cell, x + CELL_PAD, top + CELL_PAD, {
            width: w - 2 * CELL_PAD,
            align: b.numeric.includes(i) ? 'right' : 'left',
          });
        }),
      );
      x += w;
    });
    tr.end();
    doc.markContent('Artifact', { type: 'Layout' });
    doc
      .moveTo(left, top + height)
      .lineTo(left + widths.reduce((s, w) => s + w, 0), top + height)
      .lineWidth(row.head || row.bold ? 0.8 : 0.3)
      .strokeColor('#888888')
      .stroke();
    doc.endMarkedContent();
    doc.x = left;
    doc.y = top + height;
  }
  element.end();
  doc.moveDown(0.8);
}

/** `Side 1 av 3` at the foot of every page, marked as pagination (not read aloud as text). */
function pageNumbers(doc: Doc, locale: LocaleCode): void {
  const pattern = LOCALES[locale].letter.page;
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc
      .font('regular')
      .fontSize(SIZE.small)
      .text(
        fill(pattern, (n) => String(n === 'page' ? i - start + 1 : count)),
        doc.page.margins.left,
        doc.page.height - bottom / 2,
        { width: width(doc), align: 'right', lineBreak: false },
      );
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
}
