/**
 * The PDF a letter was imported from, through the real server: a ministry officer imports a
 * small PDF (made here with pdf-lib, text written for this test) for review; the document names
 * its `sourcePdf`, `GET /api/documents/{id}/source.pdf` gives the officer the same bytes (inline,
 * ETag the file's SHA-256, 304 when sent back), and 404 to the public and to another agency,
 * which may not read the letter; an item's source lines come with where each is printed. The
 * letter uses the budget year 2100, which no other test file writes.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../../db/testing';
import { testApp } from '../../testing/app';
import { signIn } from '../../testing/auth';
import { importSampleLetter } from '../../testing/sample-letter';
import { twoPageLetterPdf } from '../../testing/two-page-letter';

const YEAR = 2100;

describe(`the PDF a letter was imported from (${testDatabaseKind})`, () => {
  it('is kept, sent to whoever reads the letter, and its lines come with their place', async () => {
    const app = await testApp();
    const officer = await signIn(app, 'ministry-department-officer');
    const bytes = await twoPageLetterPdf(YEAR);
    const { id } = await importSampleLetter(app, officer.headers, bytes, {
      review: true,
      file: { name: 'brev.pdf', type: 'application/pdf' },
    });

    const detail = await app.inject({ url: `/api/documents/${id}`, headers: officer.headers });
    expect(detail.statusCode, detail.body).toBe(200);
    const url = `/api/documents/${id}/source.pdf`;
    expect(detail.json().sourcePdf).toEqual({ url, name: 'brev.pdf', pages: 2 });

    // The officer gets the file as uploaded.
    const sha = createHash('sha256').update(bytes).digest('hex');
    const file = await app.inject({ url, headers: officer.headers });
    expect(file.statusCode, file.body).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^inline; filename="brev\.pdf"/);
    expect(file.headers.etag).toBe(`"${sha}"`);
    expect(Buffer.compare(file.rawPayload, Buffer.from(bytes))).toBe(0);
    const again = await app.inject({
      url,
      headers: { ...officer.headers, 'if-none-match': `"${sha}"` },
    });
    expect(again.statusCode).toBe(304);

    // Those who may not read the letter (under review: its ministry only) get 404.
    expect((await app.inject({ url })).statusCode).toBe(404);
    const other = await signIn(app, 'user:koordinator-fjordlos');
    expect((await app.inject({ url, headers: other.headers })).statusCode).toBe(404);
    const agency = await signIn(app, 'agency-coordinator');
    expect((await app.inject({ url, headers: agency.headers })).statusCode).toBe(404);

    // An item's source lines, with where each is printed: the second assignment is on page 2,
    // its lines top to bottom; a blank line has no box.
    const assignments = await app.inject({
      url: `/api/documents/${id}/parts/assignments`,
      headers: officer.headers,
    });
    const second = (
      assignments.json().items as {
        registerId: string;
        provenance: { startLine: number; endLine: number };
      }[]
    ).find((a) => a.registerId === `TB${YEAR}-02`)!;
    const { startLine, endLine } = second.provenance;
    const lines = await app.inject({
      url: `/api/documents/${id}/parts/lines?from=${startLine}&limit=${endLine - startLine + 2}`,
      headers: officer.headers,
    });
    expect(lines.statusCode, lines.body).toBe(200);
    const page = lines.json() as {
      items: { no: number; text: string }[];
      boxes: ([number, number, number, number, number] | null)[];
    };
    expect(page.boxes).toHaveLength(page.items.length);
    expect(page.items[0]!.text).toContain(`TB${YEAR}-02`);
    const own = page.boxes.slice(0, endLine - startLine + 1);
    const placed = own.filter((b) => b !== null);
    expect(placed.length).toBeGreaterThan(0);
    expect(placed.every((b) => b[0] === 2)).toBe(true);
    const ys = placed.map((b) => b[2]);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    page.items.forEach((line, i) => expect(page.boxes[i] === null).toBe(line.text.trim() === ''));
    // The first line's box holds it: at the left margin, around its baseline (the seventh line
    // of page 2, drawn 760 - 6 × 16 pt from the bottom of the page).
    const [, x, y, , height] = placed[0]!;
    const baseline = 841.89 - (760 - 6 * 16);
    expect(x).toBeCloseTo(72, 0);
    expect(y).toBeLessThan(baseline);
    expect(y + height).toBeGreaterThan(baseline);
  });
});
