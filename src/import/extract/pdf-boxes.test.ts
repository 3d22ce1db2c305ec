/**
 * Where each line of a PDF is printed (`ExtractedText.boxes`): a small PDF made here with
 * pdf-lib, lines on two pages, gives each line its page and a box around its text, top-down, in
 * the order the lines are read; a blank line between paragraphs has none.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { extractText } from './index';
import { buildLines, flattenPages, type PositionedText } from './layout';

const PAGE_W = 595.28;
const PAGE_H = 841.89;

/** Lines drawn at (x, baseline from the top) on each page, 11 pt Helvetica. */
async function pdfOf(pages: { text: string; x: number; top: number }[][]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([PAGE_W, PAGE_H]);
    for (const l of lines) {
      page.drawText(l.text, { x: l.x, y: PAGE_H - l.top, size: 11, font });
    }
  }
  return doc.save();
}

describe('line boxes of a PDF', () => {
  it('gives each line its page and box, top-down, in reading order', async () => {
    const bytes = await pdfOf([
      [
        { text: 'Tildelingsbrev for prøveåret', x: 72, top: 150 },
        { text: 'Første avsnitt går over to linjer', x: 72, top: 200 },
        { text: 'og slutter her.', x: 72, top: 214 },
        { text: 'Andre avsnitt står lenger ned', x: 90, top: 400 },
      ],
      [{ text: 'Et avsnitt på side to', x: 72, top: 300 }],
    ]);
    const text = await extractText({ name: 'brev.pdf', bytes });
    expect(text.pages).toBe(2);
    const boxes = text.boxes!;
    expect(boxes).toHaveLength(text.lines.length);
    // Blank lines (between paragraphs) have no box; every other line has one.
    text.lines.forEach((line, i) => expect(boxes[i] === null).toBe(line.trim() === ''));
    const placed = text.lines
      .map((line, i) => ({ line, box: boxes[i] }))
      .filter((l): l is { line: string; box: NonNullable<(typeof boxes)[number]> } => !!l.box);
    expect(placed.map((p) => p.line)).toEqual([
      'Tildelingsbrev for prøveåret',
      'Første avsnitt går over to linjer',
      'og slutter her.',
      'Andre avsnitt står lenger ned',
      'Et avsnitt på side to',
    ]);
    expect(placed.map((p) => p.box[0])).toEqual([1, 1, 1, 1, 2]);
    for (const { box } of placed) {
      const [, x, y, width, height] = box;
      expect(width).toBeGreaterThan(0);
      // Around an 11 pt line: taller than the x-height, lower than two lines.
      expect(height).toBeGreaterThan(8);
      expect(height).toBeLessThan(22);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(y).toBeGreaterThanOrEqual(0);
    }
    // Top-down: the baseline lies inside the box, and y grows down the page.
    const tops = [150, 200, 214, 400, 300];
    placed.forEach(({ box }, i) => {
      const [, , y, , height] = box;
      expect(y).toBeLessThan(tops[i]!);
      expect(y + height).toBeGreaterThan(tops[i]!);
    });
    const ys = placed.slice(0, 4).map((p) => p.box[2]);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    // x and width follow the text: the indented line starts further right.
    expect(placed[3]!.box[1]).toBeCloseTo(90, 0);
    expect(placed[0]!.box[1]).toBeCloseTo(72, 0);
    expect(placed[2]!.box[3]).toBeLessThan(placed[1]!.box[3]);
  });

  it('has no boxes for formats without pages', async () => {
    const text = await extractText({
      name: 'brev.txt',
      bytes: new TextEncoder().encode('Tildelingsbrev\n'),
    });
    expect(text.boxes).toBeUndefined();
  });

  it('spans a rebuilt table row over all of its printed lines', () => {
    // A row whose first cell wraps over three lines, centred against the row's amounts.
    const item = (str: string, x: number, y: number): PositionedText => ({
      str,
      x,
      y,
      width: str.length * 5,
      fontSize: 10,
    });
    const lines = buildLines([
      item('Større utstyrsanskaffelser og', 72, 300),
      item('1452', 250, 306),
      item('45', 300, 306),
      item('12 000 000', 400, 306),
      item('vedlikehold, kan overføres', 72, 312),
    ]);
    expect(lines).toHaveLength(1);
    const { boxes } = flattenPages([{ height: PAGE_H, lines }]);
    const [page, x, y, width, height] = boxes[0]!;
    expect(page).toBe(1);
    expect(x).toBe(72);
    expect(y).toBeLessThan(300);
    expect(y + height).toBeGreaterThan(312);
    expect(x + width).toBeCloseTo(450, 0);
  });
});
