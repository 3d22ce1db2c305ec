/**
 * The PDF-parity check of src/import/pdf-parity*.test.ts: a letter's text is laid out as a PDF the
 * way letters are printed — paragraphs, table cells in columns, page numbers in the footer — then
 * imported through the PDF extractor and compared with the text import.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { expect } from 'vitest';
import type { ExtractedDocument } from '../contract/letter';
import { readLetterFile } from '../import/index';

const PAGE = { width: 595.28, height: 841.89, left: 60, top: 780, bottom: 70 };
const SIZE = 10;
const LEADING = 13;
const COLUMN = 150;

/** Helvetica (WinAnsi) has no glyph for the Symbol-font bullet the seed PDFs used. */
const printable = (text: string) => text.replace(/\uf0b7/g, '•');

/** Lays out text lines as a PDF: blank lines as paragraph gaps, `  `-separated cells as columns. */
async function textToPdf(lines: string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  let page = pdf.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.top;
  let pageNo = 1;
  const footer = () =>
    page.drawText(`Side ${pageNo}`, { x: PAGE.width / 2 - 15, y: 40, size: 9, font });
  for (const raw of lines) {
    if (y < PAGE.bottom) {
      footer();
      page = pdf.addPage([PAGE.width, PAGE.height]);
      pageNo++;
      y = PAGE.top;
    }
    const line = raw.trimEnd();
    if (line.trim() === '') {
      y -= LEADING * 0.8; // a paragraph gap, not a text line
      continue;
    }
    const cells = line.trim().split(/\s{2,}/);
    if (cells.length > 1) {
      // Each cell in its column, pushed right where the previous cell is wider than a column.
      let x = PAGE.left;
      cells.forEach((cell, i) => {
        x = Math.max(PAGE.left + i * COLUMN, x);
        page.drawText(cell, { x, y, size: SIZE, font });
        x += font.widthOfTextAtSize(cell, SIZE) + 3 * SIZE;
      });
    } else {
      page.drawText(line.trim(), { x: PAGE.left, y, size: SIZE, font });
    }
    y -= LEADING;
  }
  footer();
  return pdf.save();
}

/** What a reader relies on, without line numbers (the PDF's lines are not the text's). */
function facts(doc: ExtractedDocument) {
  return {
    kind: doc.kind,
    number: doc.number,
    year: doc.year,
    title: doc.title,
    agency: doc.agency,
    appropriations: doc.appropriations.map((a) => [a.chapter, a.post, a.amount]),
    sums: doc.sumLines.map((s) => [s.chapter, s.amount]),
    earmarks: doc.earmarks.map((e) => [e.chapter, e.post, e.amount]),
    assignments: doc.assignments.map((a) => ({
      id: a.assignedId,
      owner: a.ownerDepartment,
      deadlines: a.deadlines.map((d) => [d.appliesTo, d.date]),
      references: a.references,
    })),
    carriedOver: doc.carriedOver.map((c) => c.id),
    calendar: doc.calendar.map((c) => c.date),
    totals: doc.totalsClaimed.map((t) => [t.chapter, t.post, t.rows.map((r) => r.amount)]),
  };
}

/** Reads `text` (the content of the file `name`) as text and as a PDF laid out from it; the two
 * must give the same structure. */
export async function expectPdfParity(name: string, text: string): Promise<void> {
  // Both paths read the same characters: the text as it would print in Helvetica.
  const printed = printable(text);
  const viaText = await readLetterFile(name, new TextEncoder().encode(printed));
  const pdf = await textToPdf(printed.split(/\r?\n/));
  const viaPdf = await readLetterFile(name.replace(/\.txt$/, '.pdf'), pdf);
  expect(viaPdf.file.format).toBe('pdf');
  expect(viaPdf.documents.map(facts)).toEqual(viaText.documents.map(facts));
  expect(viaText.documents.length).toBeGreaterThan(0);
}
