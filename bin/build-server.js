// The server and the CLI run from a JavaScript bundle in dist/server-<build>, built by esbuild
// from the TypeScript sources: our own code in two entry files (main.mjs from src/cli/main.ts,
// read-worker.mjs from src/import/read-worker.ts, the read pool's worker thread) and the chunks
// they import, every package left external so that node loads it from node_modules as it is
// (PGlite's wasm, pdf.js, fonts). Running the sources through tsx's loader costs ~120 MB more
// memory in the process (and ~350 MB more in each read worker, were pdf.js not loaded ahead of
// it), for the loader's transforms and source maps.
//
// A build's folder is two below the repository, as src/<layer> is, so the paths the code finds at
// run time from import.meta (../../drizzle, ../../sample-data, ../../dist/web) and the worker's
// URL beside read-pool.ts resolve the same in the bundle as in the sources.
//
// A build is named by a hash of its inputs (the bundled sources, tsconfig.json and this file:
// their paths and contents), so a bundle is current when its name is the sources' hash, whatever
// the files' modification times (copies that keep them, releases unpacked over a newer build).
// The pointer file dist/server-current names the build `bin/tildel.js` runs. A build is never
// changed once in place: a new one goes to a folder of its own (built in a temporary folder and
// renamed whole, so several processes starting at once see a whole build or none), and a server
// still running from an older one keeps its chunks and read worker. The build a new one replaces
// is stamped `superseded-at` and removed by a build at least an hour later.
import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, relative, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const DIST = join(repo, 'dist');
/** The file naming the current build (its id, one line). */
export const POINTER = join(DIST, 'server-current');
/** Written into a build's folder when a newer build replaces it: the time, ISO 8601. */
export const SUPERSEDED = 'superseded-at';
/**
 * How long a replaced build is kept for a server still running from it (it loads chunks and
 * starts read workers lazily). Sources change only in development, where a server is restarted
 * more often; a production image is built once.
 */
export const KEEP_REPLACED_MS = 3600_000;

/** Temporary folders (a build being written) and pointer files being written start with this. */
const TEMP_PREFIX = '.server-';
/** A build's folder: `server-<id>`; `server` is the folder of the layout before builds had ids. */
const BUILD_FOLDER = /^server(-[0-9a-f]{16})?$/;

/** The folder of build `id`. */
export const buildDir = (id) => join(DIST, `server-${id}`);

const ENTRIES = [
  { in: join(repo, 'src/import/read-worker.ts'), out: 'read-worker' },
  { in: join(repo, 'src/cli/main.ts'), out: 'main' },
];

/** What the bundle is built from: the sources, this file and the TypeScript settings. */
const INPUTS = [join(repo, 'src'), import.meta.filename, join(repo, 'tsconfig.json')];

/** Tests and the web client (built by Vite into dist/web) are not part of the bundle. */
const notBundled = (path, name) =>
  /\.test\.tsx?$/.test(name) ||
  path === join(repo, 'src/web') ||
  path === join(repo, 'src/testing');

function hashInputs(path, hash) {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isDirectory()) {
    for (const name of readdirSync(path).sort()) {
      const child = join(path, name);
      if (!notBundled(child, name)) hashInputs(child, hash);
    }
  } else if (stat.isFile()) {
    const content = readFileSync(path);
    hash.update(`${relative(repo, path)}\0${content.length}\0`).update(content);
  }
}

/** The id of a build of the sources as they are: a hash of the inputs' paths and contents. */
export function inputsStamp() {
  const hash = createHash('sha256');
  for (const input of INPUTS) hashInputs(input, hash);
  return hash.digest('hex').slice(0, 16);
}

/** The id the pointer names, or null. */
export function currentBuildId() {
  try {
    const id = readFileSync(POINTER, 'utf8').trim();
    return /^[0-9a-f]{16}$/.test(id) ? id : null;
  } catch {
    return null;
  }
}

const mainOf = (id) => join(buildDir(id), 'main.mjs');

/** Whether the pointer names a whole build of the sources as they are. */
export function serverBundleIsCurrent() {
  const id = inputsStamp();
  return currentBuildId() === id && existsSync(mainOf(id));
}

async function build(id) {
  const esbuild = await import('esbuild');
  const tmp = mkdtempSync(join(DIST, TEMP_PREFIX));
  try {
    await esbuild.build({
      entryPoints: ENTRIES,
      outdir: tmp,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      // Modules the sources import lazily (the server, a command, a file reader) stay lazy in
      // chunks of their own, with the packages they import.
      splitting: true,
      chunkNames: 'chunk-[hash]',
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
      tsconfig: join(repo, 'tsconfig.json'),
    });
    try {
      renameSync(tmp, buildDir(id));
    } catch (err) {
      // Another process built the same sources first: theirs is as good as ours.
      if (!existsSync(mainOf(id))) throw err;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    // esbuild's service process would otherwise live as long as the server.
    await esbuild.stop?.();
  }
}

function writePointer(id) {
  const tmp = join(DIST, `${TEMP_PREFIX}current-${process.pid}-${Date.now()}`);
  writeFileSync(tmp, `${id}\n`);
  renameSync(tmp, POINTER);
}

const stamp = (dir) => writeFileSync(join(dir, SUPERSEDED), `${new Date().toISOString()}\n`);

/** When a folder's stamp says it was replaced; a folder without a readable stamp gets one now. */
function supersededAt(dir) {
  try {
    const at = Date.parse(readFileSync(join(dir, SUPERSEDED), 'utf8').trim());
    if (!Number.isNaN(at)) return at;
  } catch {
    // no stamp yet
  }
  // Not current, yet never stamped: left by an interrupted start, by two starts of different
  // sources at once, or by the layout before build ids. Kept an hour from now.
  stamp(dir);
  return Date.now();
}

/**
 * Removes builds replaced more than an hour ago and temporary folders abandoned more than an hour
 * ago; never the current build. Best effort: a start never fails for it.
 */
export function removeOldBuilds(now = Date.now()) {
  const current = currentBuildId();
  let names = [];
  try {
    names = readdirSync(DIST);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(DIST, name);
    try {
      if (name.startsWith(TEMP_PREFIX)) {
        const stat = lstatSync(path);
        if (now - stat.mtimeMs > KEEP_REPLACED_MS) rmSync(path, { recursive: true, force: true });
      } else if (BUILD_FOLDER.test(name) && name !== `server-${current}`) {
        if (!lstatSync(path).isDirectory()) continue;
        if (now - supersededAt(path) > KEEP_REPLACED_MS) {
          rmSync(path, { recursive: true, force: true });
        }
      }
    } catch {
      // removed by another process meanwhile, or dist/ is not writable
    }
  }
}

/**
 * Makes the pointer name a build of the sources as they are, building it when there is none;
 * returns its main.mjs. Throws when esbuild fails or dist/ cannot be written.
 */
export async function ensureServerBundle() {
  const id = inputsStamp();
  const previous = currentBuildId();
  if (previous === id && existsSync(mainOf(id))) return mainOf(id);
  mkdirSync(DIST, { recursive: true });
  const dir = buildDir(id);
  // A build replaced long enough ago to be removed by any start (sources changed back): build
  // it afresh rather than race that removal.
  if (existsSync(dir) && Date.now() - supersededAt(dir) > KEEP_REPLACED_MS) {
    rmSync(dir, { recursive: true, force: true });
  }
  if (!existsSync(mainOf(id))) await build(id);
  writePointer(id);
  rmSync(join(dir, SUPERSEDED), { force: true });
  if (previous && previous !== id && existsSync(buildDir(previous))) stamp(buildDir(previous));
  removeOldBuilds();
  return mainOf(id);
}
