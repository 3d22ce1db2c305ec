/**
 * The built web client (dist/web) is rebuilt by `tildel serve` only when it is missing or older
 * than its sources: the web client, the contract it imports, the Vite configuration and the
 * lock file. A plain `npm run build:web` counts as well (it compares modification times, no
 * stamp file). Without Vite installed (a production install) a stale build is served as it is.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../..');

/** Files and folders whose changes call for a new build. */
export const WEB_SOURCES = ['src/web', 'src/contract', 'src/domain', 'package-lock.json'].map((p) =>
  join(repo, p),
);

/** Tests and browser tests live beside the web client but are not part of it. */
const notBuilt = (name: string) => /\.test\.tsx?$/.test(name) || name === 'e2e';

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (notBuilt(entry)) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Whether `webDir` holds a build at least as new as every source. */
export function webBuildIsCurrent(webDir: string, sources: readonly string[] = WEB_SOURCES) {
  const index = join(webDir, 'index.html');
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  return sources.every((s) => newestMtime(s) <= built);
}

interface Log {
  info: (msg: string) => void;
  warn: (msg: string) => void;
}

/** Builds the web client into dist/web when it is missing or stale; resolves when done. */
export async function ensureWebBuilt(webDir: string, log: Log): Promise<void> {
  if (webBuildIsCurrent(webDir)) return;
  let vite: string;
  try {
    vite = join(
      dirname(createRequire(import.meta.url).resolve('vite/package.json')),
      'bin/vite.js',
    );
  } catch {
    log.warn('the web client is missing or older than its sources, and Vite is not installed');
    return;
  }
  log.info('building the web client (its sources changed since the last build)');
  const code = await new Promise<number | null>((done, fail) => {
    const child = spawn(
      process.execPath,
      [vite, 'build', '--config', join(repo, 'src/web/vite.config.ts'), '--logLevel', 'warn'],
      { cwd: repo, stdio: 'inherit' },
    );
    child.on('error', fail);
    child.on('exit', done);
  });
  if (code !== 0) throw new Error(`building the web client failed (vite exited with ${code})`);
}
