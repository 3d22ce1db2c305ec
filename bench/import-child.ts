/**
 * Runs one import step on one file in a process of its own and prints time and peak memory.
 * Usage: run-ts.js bench/import-child.ts extract|parse <file> [<warm-up file>]
 * With a warm-up file, the same step is run on it first, untimed: a read worker that has read a
 * file before (the read pool keeps its workers between the files of a session).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { extractText } from '../src/import/extract';
import { readLetterFile } from '../src/import/index';

const [mode, file, warmUp] = process.argv.slice(2);
if (!file || (mode !== 'extract' && mode !== 'parse')) {
  console.error('usage: import-child.ts extract|parse <file> [<warm-up file>]');
  process.exit(2);
}
const bytes = new Uint8Array(readFileSync(file));
const opts = { maxBytes: 200 * 1024 * 1024 };
// Word and Markdown are read by modules loaded on first use (through tsx here): one untimed run
// first, so that the time is reading, not compiling. pdf.js is preloaded instead (bench/import.ts),
// as one run of a 300-page PDF would double the bench's time.
const untimed = async (path: string, data: Uint8Array) => {
  if (mode === 'extract') await extractText({ name: basename(path), bytes: data }, opts);
  else await readLetterFile(basename(path), data, opts);
};
if (!file.endsWith('.pdf')) await untimed(file, bytes);
if (warmUp) await untimed(warmUp, new Uint8Array(readFileSync(warmUp)));
const t = process.hrtime.bigint();
let pages = 0;
let lines = 0;
if (mode === 'extract') {
  const text = await extractText({ name: basename(file), bytes }, opts);
  pages = text.pages;
  lines = text.lines.length;
} else {
  const parsed = await readLetterFile(basename(file), bytes, opts);
  pages = parsed.file.pages;
  lines = parsed.file.lines.length;
}
const ms = Number(process.hrtime.bigint() - t) / 1e6;
console.log(
  JSON.stringify({ ms, pages, lines, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }),
);
