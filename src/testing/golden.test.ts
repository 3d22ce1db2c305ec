import { existsSync, mkdirSync, readFileSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { expectGolden, goldenActualPath } from './golden';

// A golden file of our own in the (gitignored) test-artifacts folder.
const artifacts = path.resolve(import.meta.dirname, '../../test-artifacts');
mkdirSync(artifacts, { recursive: true });
const dir = path.join(artifacts, 'golden-selftest');
mkdirSync(dir, { recursive: true });
const golden = path.join(dir, 'x.json');

afterEach(() => {
  rmSync(golden, { force: true });
  rmSync(goldenActualPath(golden), { force: true });
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(goldenActualPath(dir), { recursive: true, force: true });
  try {
    rmdirSync(path.dirname(goldenActualPath(dir)));
  } catch {
    // not empty: something else was written there
  }
});

describe('expectGolden', () => {
  it('fails on a missing golden file, writes the actual output beside, and never the golden file', async () => {
    await expect(expectGolden({ a: 1 }, golden)).rejects.toThrow(
      /golden file .*x\.json is missing/,
    );
    expect(existsSync(golden)).toBe(false);
    expect(JSON.parse(readFileSync(goldenActualPath(golden), 'utf8'))).toEqual({ a: 1 });
    expect(goldenActualPath(golden)).toBe(
      path.join(artifacts, 'golden-actual', path.relative(path.dirname(artifacts), golden)),
    );
  });

  it('fails on a differing golden file and leaves it as it was', async () => {
    writeFileSync(golden, '{ "a": 2 }\n');
    await expect(expectGolden({ a: [1] }, golden)).rejects.toThrow();
    expect(readFileSync(golden, 'utf8')).toBe('{ "a": 2 }\n');
    // Formatted as prettier formats the golden files.
    expect(readFileSync(goldenActualPath(golden), 'utf8')).toBe('{\n  "a": [1]\n}\n');
  });

  it('passes on an equal golden file and removes a stale actual output', async () => {
    writeFileSync(golden, '{ "a": 2 }\n');
    await expect(expectGolden({ a: 1 }, golden)).rejects.toThrow();
    writeFileSync(golden, '{\n  "a": 1\n}\n');
    await expectGolden({ a: 1 }, golden);
    expect(existsSync(goldenActualPath(golden))).toBe(false);
  });
});
