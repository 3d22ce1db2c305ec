/**
 * The complete letters in ../shared/letters come as Markdown (from a PDF converter) and as the
 * same text printed to PDF. The Markdown path must read each as the same document as its PDF
 * twin, and find at least every assignment ID and appropriation row the PDF path finds.
 */
import { describe, expect, it } from 'vitest';
import { listShared, readSharedBytes } from '../testing/shared';
import { extractText } from './extract';
import { parseLetters } from './parse';

async function read(rel: string) {
  const bytes = new Uint8Array(readSharedBytes(rel));
  const text = await extractText({ name: rel, bytes });
  return { format: text.format, documents: parseLetters(text.lines) };
}

const twins = listShared('letters')
  .filter((n) => n.endsWith('.md'))
  .filter((n) => listShared('letters').includes(n.replace(/\.md$/, '.pdf')));

describe('Markdown letters read as their PDF twins', () => {
  it('finds the Markdown letters with a PDF twin', () => {
    expect(twins.length).toBeGreaterThanOrEqual(4);
  });

  for (const name of twins) {
    it(name, async () => {
      const md = await read(`letters/${name}`);
      const pdf = await read(`letters/${name.replace(/\.md$/, '.pdf')}`);
      expect(md.format).toBe('md');
      const identity = (d: (typeof md.documents)[number]) => ({
        kind: d.kind,
        number: d.number,
        year: d.year,
        agency: d.agency,
      });
      expect(md.documents.map(identity)).toEqual(pdf.documents.map(identity));
      for (const [i, fromPdf] of pdf.documents.entries()) {
        const fromMd = md.documents[i]!;
        const printed = (d: typeof fromMd) =>
          new Set(d.assignments.flatMap((a) => (a.id ? [a.id] : [])));
        expect([...printed(fromPdf)].filter((id) => !printed(fromMd).has(id))).toEqual([]);
        const rows = (d: typeof fromMd) =>
          d.appropriations.map((a) => `${a.chapter}.${a.post} ${a.amount}`);
        const mdRows = rows(fromMd);
        expect(rows(fromPdf).filter((r) => !mdRows.includes(r))).toEqual([]);
      }
    });
  }
});
