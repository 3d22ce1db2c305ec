/**
 * The development set of real public letters, ../shared beside the repository. Tests that need it
 * live in `*.seeds.test.ts` files and read it through here: when it is missing they fail with a
 * message that says so, never skip.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The folder ../shared beside the repository. */
export const SHARED_DIR = path.resolve(import.meta.dirname, '../../../shared');
/** ../shared/seeds: the seed letters as text. */
export const SEEDS_DIR = path.join(SHARED_DIR, 'seeds');

function missing(): Error {
  return new Error(
    `../shared is missing: the seed tests need the development set beside the repository (${SHARED_DIR})`,
  );
}

/** The absolute path of `rel` inside ../shared; throws when ../shared or the file is missing. */
export function sharedPath(rel: string): string {
  if (!existsSync(SHARED_DIR)) throw missing();
  const file = path.join(SHARED_DIR, rel);
  if (!existsSync(file)) throw new Error(`../shared has no ${rel} (${file})`);
  return file;
}

/** The bytes of `rel` inside ../shared. */
export function readSharedBytes(rel: string): Buffer {
  return readFileSync(sharedPath(rel));
}

/** The text of `rel` inside ../shared. */
export function readShared(rel: string): string {
  return readFileSync(sharedPath(rel), 'utf8');
}

/** The names of the files in the folder `rel` inside ../shared, sorted. */
export function listShared(rel: string): string[] {
  return readdirSync(sharedPath(rel)).sort();
}

/** The path, inside ../shared, of the seed whose name starts with `prefix` (such as `000_`). */
export function seedFile(prefix: string): string {
  const name = listShared('seeds').find((n) => n.startsWith(prefix) && n.endsWith('.txt'));
  if (!name) throw new Error(`../shared/seeds has no ${prefix}*.txt (${SEEDS_DIR})`);
  return `seeds/${name}`;
}
