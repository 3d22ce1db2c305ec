// The server and the CLI run from a JavaScript bundle in dist/server, built by esbuild from the
// TypeScript sources: our own code in two files (main.mjs from src/cli/main.ts, read-worker.mjs
// from src/import/read-worker.ts, the read pool's worker thread), every package left external so
// that node loads it from node_modules as it is (PGlite's wasm, pdf.js, fonts). Running the
// sources through tsx's loader costs ~120 MB more memory in the process (and ~350 MB more in each
// read worker, were pdf.js not loaded ahead of it), for the loader's transforms and source maps.
//
// dist/server is two folders below the repository, as src/<layer> is, so the paths the code
// finds at run time from import.meta.dirname (drizzle/, sample-data/, dist/web) and the worker's
// URL beside read-pool.ts resolve the same in the bundle as in the sources.
//
// The bundle is rebuilt when it is missing or older than a source, as the web client's build is
// (src/server/web-build.ts: modification times, no stamp file). Several processes may start at
// once: each builds into a folder of its own and renames the files into place, so a reader sees
// a whole file, old or new, never part of one.
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
} from 'node:fs';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
export const SERVER_DIR = join(repo, 'dist/server');
/** The bundle `bin/tildel.js` imports; its modification time is the build's. */
export const SERVER_MAIN = join(SERVER_DIR, 'main.mjs');

const ENTRIES = [
  { in: join(repo, 'src/import/read-worker.ts'), out: 'read-worker' },
  // Last: renamed into place after the worker, so a current main.mjs means a current build.
  { in: join(repo, 'src/cli/main.ts'), out: 'main' },
];

/** What the bundle is built from (besides the sources: this file and the TypeScript settings). */
const INPUTS = [join(repo, 'src'), import.meta.filename, join(repo, 'tsconfig.json')];

/** Tests and the web client (built by Vite into dist/web) are not part of the bundle. */
const notBundled = (path, name) =>
  /\.test\.tsx?$/.test(name) ||
  path === join(repo, 'src/web') ||
  path === join(repo, 'src/testing');

function newestMtime(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a file deleted or renamed changes its folder
  for (const name of readdirSync(path)) {
    const child = join(path, name);
    if (!notBundled(child, name)) newest = Math.max(newest, newestMtime(child));
  }
  return newest;
}

/** Whether dist/server holds a bundle at least as new as every source. */
export function serverBundleIsCurrent() {
  const built = statSync(SERVER_MAIN, { throwIfNoEntry: false })?.mtimeMs;
  return built !== undefined && INPUTS.every((p) => newestMtime(p) <= built);
}

/**
 * Chunks of earlier builds are kept this long for a server still running from them (it loads
 * some lazily); sources change only in development, where a server is restarted more often.
 */
const KEEP_OLD_CHUNKS_MS = 3600_000;

/** Builds the bundle when it is missing or stale; throws when esbuild fails. */
export async function ensureServerBundle() {
  if (serverBundleIsCurrent()) return;
  // Sources changed while building leave the bundle older than them: built again next time.
  const started = new Date();
  const esbuild = await import('esbuild');
  mkdirSync(join(repo, 'dist'), { recursive: true });
  const tmp = mkdtempSync(join(repo, 'dist/.server-'));
  try {
    await esbuild.build({
      entryPoints: ENTRIES,
      outdir: tmp,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      // Modules the sources import lazily (the server, a command, a file reader) stay lazy in
      // chunks of their own, with the packages they import. A chunk's name is the hash of its
      // content, so a new build's chunks never replace a running build's.
      splitting: true,
      chunkNames: 'chunk-[hash]',
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
      tsconfig: join(repo, 'tsconfig.json'),
    });
    mkdirSync(SERVER_DIR, { recursive: true });
    const entries = ENTRIES.map((e) => `${e.out}.mjs`);
    const chunks = readdirSync(tmp).filter((f) => !entries.includes(f));
    for (const file of [...chunks, ...entries]) {
      if (file === 'main.mjs') utimesSync(join(tmp, file), started, started);
      renameSync(join(tmp, file), join(SERVER_DIR, file));
    }
    for (const file of readdirSync(SERVER_DIR)) {
      const path = join(SERVER_DIR, file);
      const old = Date.now() - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (file.startsWith('chunk-') && !chunks.includes(file) && old > KEEP_OLD_CHUNKS_MS) {
        rmSync(path, { force: true });
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    // esbuild's service process would otherwise live as long as the server.
    await esbuild.stop?.();
  }
}
