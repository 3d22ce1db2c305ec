/** Runs the real `tildel` command in a process of its own, for the CLI tests. */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

export const run = promisify(execFile);
export const root = resolve(import.meta.dirname, '../..');
export const bin = resolve(root, 'bin/tildel.js');

export async function tildel(...args: string[]) {
  return tildelIn(mkdtempSync(resolve(tmpdir(), 'tildel-cli-')), ...args);
}

export async function tildelIn(dataDir: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd: root,
      env: { ...process.env, TILDEL_DATA_DIR: dataDir },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
