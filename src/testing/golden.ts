/**
 * Golden files are written by people, never by a test. `expectGolden` compares a test's output
 * with its golden file; when the file is missing or differs, it writes the output to
 * test-artifacts/golden-actual/<the golden file's path in the repository> (gitignored) and
 * fails, so a person can diff it against the golden file and copy it over by hand. The output is
 * formatted as prettier formats the golden files, so the diff shows only what changed.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { expect } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const actualRoot = path.join(repoRoot, 'test-artifacts', 'golden-actual');

/** Where the actual output for `goldenPath` is written when it does not match. */
export function goldenActualPath(goldenPath: string): string {
  return path.join(actualRoot, path.relative(repoRoot, path.resolve(goldenPath)));
}

/** Asserts that `actual`, as JSON, equals the golden file at `goldenPath`. */
export async function expectGolden(actual: unknown, goldenPath: string): Promise<void> {
  const out = goldenActualPath(goldenPath);
  const name = path.relative(repoRoot, path.resolve(goldenPath));
  const json = JSON.stringify(actual, null, 2);
  const writeActual = async () => {
    const options = await resolveConfig(goldenPath);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, await format(json, { ...options, filepath: goldenPath }));
  };
  if (!existsSync(goldenPath)) {
    await writeActual();
    throw new Error(
      `golden file ${name} is missing; the actual output is in ${path.relative(repoRoot, out)}: review it and copy it there by hand`,
    );
  }
  const expected: unknown = JSON.parse(readFileSync(goldenPath, 'utf8'));
  try {
    expect(JSON.parse(json), `${name} (actual output in ${path.relative(repoRoot, out)})`).toEqual(
      expected,
    );
  } catch (e) {
    await writeActual();
    throw e;
  }
  rmSync(out, { force: true });
}
