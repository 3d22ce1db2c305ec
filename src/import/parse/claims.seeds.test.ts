/**
 * One claim per line, on every letter of ../shared and every fixture input: no two items that
 * stand for lines of their own share one (claims.ts). A clash is a reader taking lines that are
 * another's; the test names both items and the lines.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listShared, readSharedBytes } from '../../testing/shared';
import { extractText } from '../extract';
import { parseLetters } from './index';

const fixtures = path.resolve(import.meta.dirname, '../../../fixtures');
const inputs: { name: string; bytes: () => Uint8Array }[] = [
  ...['seeds', 'letters'].flatMap((dir) =>
    listShared(dir)
      .filter((f) => /\.(?:txt|md|pdf)$/.test(f) && f !== 'README.md')
      .map((f) => ({
        name: `${dir}/${f}`,
        bytes: () => new Uint8Array(readSharedBytes(`${dir}/${f}`)),
      })),
  ),
  ...readdirSync(fixtures, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(path.join(fixtures, d.name))
        .filter((f) => f.startsWith('input.'))
        .map((f) => ({
          name: `fixtures/${d.name}/${f}`,
          bytes: () => new Uint8Array(readFileSync(path.join(fixtures, d.name, f))),
        })),
    ),
];

describe('one claim per line', () => {
  it('reads the whole development set', () => {
    expect(inputs.length).toBeGreaterThan(30);
  });

  it.each(inputs)('$name: no two items read the same lines', async ({ name, bytes }) => {
    const text = await extractText({ name: path.basename(name), bytes: bytes() });
    const clashes = parseLetters(text.lines).flatMap((d) =>
      d.warnings
        .filter((w) => w.code === 'lines-read-twice')
        .map(
          (w) =>
            `${d.title}: ${w.params.first} × ${w.params.second} (${w.params.from}–${w.params.to})`,
        ),
    );
    expect(clashes).toEqual([]);
  });
});
