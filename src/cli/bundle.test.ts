/**
 * `bin/tildel.js` runs the CLI (and the server) from a bundle in dist/server, built from the
 * sources when it is missing or older than them (bin/build-server.js); TILDEL_TSX=1 runs the
 * sources through tsx instead.
 */
import { statSync, utimesSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, run, tildel } from '../testing/cli';

const main = resolve(root, 'dist/server/main.mjs');
const worker = resolve(root, 'dist/server/read-worker.mjs');

/** Asks bin/build-server.js (plain JavaScript, run by node) whether the bundle is current. */
async function bundleIsCurrent(): Promise<boolean> {
  const script =
    "const b = await import('./bin/build-server.js'); console.log(b.serverBundleIsCurrent())";
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
  });
  return stdout.trim() === 'true';
}

describe('the bundle in dist/server', () => {
  it('is built again when older than the sources, and the CLI runs from it', async () => {
    await tildel('--help'); // built now, or before
    // As if built long ago: every source is newer.
    utimesSync(main, new Date(0), new Date(0));
    expect(await bundleIsCurrent()).toBe(false);

    const { code, stdout, stderr } = await tildel('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: tildel');
    expect(stderr).not.toContain('could not build');
    expect(statSync(main).mtimeMs).toBeGreaterThan(0);
    expect(statSync(worker).isFile()).toBe(true);
    expect(await bundleIsCurrent()).toBe(true);
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
