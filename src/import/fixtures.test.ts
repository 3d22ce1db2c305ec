/**
 * The import fixtures in fixtures/<layout>/ (see fixtures/README.md): each input, read through
 * the same extraction and parsing as an import, gives the facts its expected.json holds. A
 * folder without expected.json fails; the test never writes one.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { factsOf } from '../testing/facts';
import { extractText } from './extract';
import { parseLetters } from './parse';

const root = path.resolve(import.meta.dirname, '../../fixtures');
const layouts = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

describe('import fixtures, one per layout', () => {
  it('has the layouts the README lists', () => {
    expect(layouts.length).toBeGreaterThanOrEqual(3);
  });

  for (const layout of layouts) {
    const dir = path.join(root, layout);
    const inputs = readdirSync(dir).filter((n) => n.startsWith('input.'));
    it(`${layout} has an input and the facts a person read in it`, () => {
      expect(inputs.length, `${layout} has no input.*`).toBeGreaterThan(0);
      expect(
        existsSync(path.join(dir, 'expected.json')),
        `${layout}/expected.json is missing`,
      ).toBe(true);
    });
    // One letter may be given in several formats (the same text saved as Word and printed to
    // PDF): each gives the same facts.
    for (const input of inputs) {
      it(`${layout}/${input}`, async () => {
        const bytes = new Uint8Array(readFileSync(path.join(dir, input)));
        const text = await extractText({ name: input, bytes });
        expect(parseLetters(text.lines).map(factsOf)).toEqual(
          JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')),
        );
      });
    }
  }
});
