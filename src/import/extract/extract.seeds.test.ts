/** Text extraction of a seed letter in ../shared/seeds (read at test time). */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSharedBytes, seedFile } from '../../testing/shared';
import { extractText } from './index';

describe('extractText: txt', () => {
  it('keeps the lines of a seed file 1:1 with the file', async () => {
    const seed = seedFile('002_');
    const bytes = readSharedBytes(seed);
    const text = bytes.toString('utf8');
    const newlines = (text.match(/\n/g) ?? []).length;
    const fileLines = text.endsWith('\n') ? newlines : newlines + 1;
    const r = await extractText({ name: path.basename(seed), bytes: new Uint8Array(bytes) });
    expect(r.format).toBe('txt');
    expect(r.lines).toHaveLength(fileLines);
    const raw = text.split('\n');
    for (const i of [0, 1, 99, fileLines - 1]) expect(r.lines[i]).toBe(raw[i]?.replace(/\r$/, ''));
  });
});
