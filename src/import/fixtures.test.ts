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
    it(layout, async () => {
      const dir = path.join(root, layout);
      const input = readdirSync(dir).find((n) => n.startsWith('input.'));
      expect(input, `${layout} has no input.*`).toBeDefined();
      const expectedPath = path.join(dir, 'expected.json');
      expect(existsSync(expectedPath), `${layout}/expected.json is missing`).toBe(true);
      const bytes = new Uint8Array(readFileSync(path.join(dir, input!)));
      const text = await extractText({ name: input!, bytes });
      expect(parseLetters(text.lines).map(factsOf)).toEqual(
        JSON.parse(readFileSync(expectedPath, 'utf8')),
      );
    });
  }
});
