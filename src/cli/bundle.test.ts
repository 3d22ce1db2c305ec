/**
 * `bin/tildel.js` runs the CLI (and the server) from the bundle that dist/server-current names, a
 * build named by a hash of the sources (bin/build-server.js), built when there is none of the
 * sources as they are; a replaced build is kept an hour for a server still running from it.
 * TILDEL_TSX=1 runs the sources through tsx instead.
 */
import { randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root, run, tildel } from '../testing/cli';
import { buildLetterFile, buildWrittenFacts } from '../testing/letters';

const dist = resolve(root, 'dist');
const pointer = resolve(dist, 'server-current');
const folder = (id: string) => resolve(dist, `server-${id}`);
const pointed = () => readFileSync(pointer, 'utf8').trim();
const supersededAt = (id: string) => resolve(folder(id), 'superseded-at');

/** Asks bin/build-server.js (plain JavaScript, run by node) whether the bundle is current. */
async function bundleIsCurrent(): Promise<boolean> {
  const script =
    "const b = await import('./bin/build-server.js'); console.log(b.serverBundleIsCurrent())";
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
  });
  return stdout.trim() === 'true';
}

const made: string[] = [];
afterAll(() => {
  for (const path of made) rmSync(path, { recursive: true, force: true });
});

/**
 * Makes the pointer name a copy of build `id` under another id, as a build of other sources
 * would be: whole, with files newer than every source. Returns the copy's id.
 */
function pointAtOtherBuild(id: string): string {
  const other = randomBytes(8).toString('hex');
  cpSync(folder(id), folder(other), { recursive: true });
  made.push(folder(other));
  const future = new Date(Date.now() + 86_400_000);
  utimesSync(resolve(folder(other), 'main.mjs'), future, future);
  writeFileSync(pointer, `${other}\n`);
  return other;
}

async function helpRuns() {
  const { code, stdout, stderr } = await tildel('--help');
  expect(code).toBe(0);
  expect(stdout).toContain('Usage: tildel');
  expect(stderr).not.toContain('could not build');
}

describe('the server bundle in dist/', () => {
  it('is the build of the sources as they are, whatever the files’ modification times', async () => {
    await helpRuns(); // built now, or before
    const id = pointed();
    expect(existsSync(resolve(folder(id), 'main.mjs'))).toBe(true);
    expect(existsSync(resolve(folder(id), 'read-worker.mjs'))).toBe(true);
    expect(await bundleIsCurrent()).toBe(true);

    // Another build, newer than the sources by its files' times (a copy that kept them):
    const other = pointAtOtherBuild(id);
    expect(await bundleIsCurrent()).toBe(false);
    await helpRuns();
    expect(pointed()).toBe(id);
    expect(await bundleIsCurrent()).toBe(true);

    // A pointer naming a build that is not there:
    writeFileSync(pointer, 'deadbeefdeadbeef\n');
    await helpRuns();
    expect(pointed()).toBe(id);
    expect(existsSync(folder(other))).toBe(true); // replaced less than an hour ago
  });

  it('keeps a replaced build an hour for a server running from it, then removes it', async () => {
    await helpRuns();
    const id = pointed();
    const first = pointAtOtherBuild(id);
    await helpRuns();
    // The pointer names the build of the sources; the one it replaced is still whole.
    expect(pointed()).toBe(id);
    expect(existsSync(resolve(folder(first), 'main.mjs'))).toBe(true);
    expect(existsSync(resolve(folder(first), 'read-worker.mjs'))).toBe(true);
    const stamp = Date.parse(readFileSync(supersededAt(first), 'utf8').trim());
    expect(Date.now() - stamp).toBeLessThan(600_000);
    expect(existsSync(supersededAt(id))).toBe(false);

    // Replaced more than an hour ago: the next change of build removes it, not the newer one.
    writeFileSync(supersededAt(first), `${new Date(Date.now() - 3700_000).toISOString()}\n`);
    const second = pointAtOtherBuild(id);
    await helpRuns();
    expect(pointed()).toBe(id);
    expect(existsSync(folder(first))).toBe(false);
    expect(existsSync(resolve(folder(second), 'main.mjs'))).toBe(true);
    expect(existsSync(folder(id))).toBe(true);
  });

  it('reads a PDF with `tildel check` in the bundle’s read worker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tildel-bundle-'));
    made.push(dir);
    const file = join(dir, 'brev.pdf');
    writeFileSync(file, await buildLetterFile(buildWrittenFacts(), 'pdf'));
    const { code, stdout, stderr } = await tildel('check', file, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { groups: { findings: unknown[] }[] };
    expect(report.groups).toHaveLength(1);
    expect(report.groups[0]!.findings).toEqual([]);
  });

  it('TILDEL_TSX=1 runs the sources through tsx, with the same commands', async () => {
    const bundled = await tildel('--help');
    process.env.TILDEL_TSX = '1';
    try {
      const sources = await tildel('--help');
      expect(sources.code).toBe(0);
      expect(sources.stdout).toBe(bundled.stdout);
    } finally {
      delete process.env.TILDEL_TSX;
    }
  });
});
