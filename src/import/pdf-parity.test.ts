/**
 * The PDF path must give the same structure as the text path. Each letter's text is laid out
 * as a PDF the way letters are printed — paragraphs, table cells in columns, page numbers in
 * the footer — then imported through the PDF extractor and compared with the text import.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'vitest';
import { expectPdfParity } from '../testing/pdf-parity';

const root = resolve(import.meta.dirname, '../..');
// The seed letters are in pdf-parity.seeds.test.ts.
const files = [
  resolve(root, 'sample-data/01-tildelingsbrev-2026.txt'),
  resolve(root, 'sample-data/02-tillegg-2026.txt'),
];

describe('PDF and text give the same structure', () => {
  for (const file of files) {
    const name = file.split('/').pop()!;
    it(name, () => expectPdfParity(name, readFileSync(file, 'utf8')));
  }
});
