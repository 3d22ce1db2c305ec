/**
 * Hostile files (issues 10 and 18): how long each generated file takes to be refused, beside
 * reading an ordinary letter in the same run; whether parsing stays linear (twice the lines,
 * about twice the time); and how the server's health check answers while the reader pool
 * works through hostile files, beside the same check on an idle server. The tests assert
 * that each file is refused by its bound; the times are measured here.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDatabase } from '../src/db/client';
import { ImportRefusal } from '../src/import/extract';
import { readLetterFile } from '../src/import/index';
import { DEFAULT_POOL_OPTIONS, ReadPool } from '../src/import/read-pool';
import { buildApp } from '../src/server/app';
import {
  docxBomb,
  docxWithBody,
  pdfOfPages,
  pdfStreamBomb,
  txtAppropriations,
  txtAssignments,
  txtHeadings,
} from '../src/testing/hostile-files';
import { compare, timeMedian, type Figure, type Scenario } from './harness';

const MB = 1024 * 1024;
const REFUSAL_TARGET_MS = 5_000;
const HEALTH_TARGET_MS = 1_000;

/** Generated once per run (some are tens of MB). */
const hostile = (): { name: string; bytes: Uint8Array }[] => [
  { name: 'bomb-16gb.docx', bytes: docxBomb(16 * 1024, { zip64: true }) },
  { name: 'liar-1gb.docx', bytes: docxBomb(1024, { size: 1000 }) },
  {
    name: 'runs-2m.docx',
    bytes: docxWithBody(`<w:p>${'<w:r><w:t>x</w:t></w:r>'.repeat(2_000_000)}</w:p>`),
  },
  { name: 'stream-4gb.pdf', bytes: pdfStreamBomb(4 * 1024) },
  { name: 'pages-100k.pdf', bytes: pdfOfPages(100_000) },
  { name: 'newlines-19mb.txt', bytes: Buffer.alloc(19 * MB, 0x0a) },
  { name: 'appropriations-100k.txt', bytes: txtAppropriations(100_000) },
  { name: 'headings-200k.txt', bytes: txtHeadings(200_000) },
];

async function timeOnce(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export const hostileScenario: Scenario = {
  name: 'Hostile files: refused by their bounds, server keeps answering',
  async run() {
    const figures: Figure[] = [];
    const sample = resolve(import.meta.dirname, '../sample-data/01-tildelingsbrev-2026.txt');
    const ordinary = new Uint8Array(readFileSync(sample));
    const ordinaryMs = await timeMedian(() => readLetterFile('sample.txt', ordinary), 5, 1);

    const files = hostile();
    for (const file of files) {
      let code = 'read';
      const ms = await timeOnce(async () => {
        try {
          await readLetterFile(file.name, file.bytes);
        } catch (err) {
          if (!(err instanceof ImportRefusal)) throw err;
          code = err.code;
        }
      });
      figures.push(
        compare(
          `refuse ${file.name} (${(file.bytes.byteLength / MB).toFixed(1)} MB)`,
          'ms',
          ms,
          { name: 'read the sample letter', value: ordinaryMs },
          {
            refusal: code,
            'target ms': `< ${REFUSAL_TARGET_MS}`,
            verdict: code !== 'read' && ms < REFUSAL_TARGET_MS ? 'holds' : 'falls short',
          },
        ),
      );
    }

    // Linear time: 10 000 lines of wrapped assignment text against 5 000 (after a warm-up).
    await readLetterFile('warm.txt', txtAssignments(1_000));
    const half = await timeOnce(() => readLetterFile('half.txt', txtAssignments(5_000)));
    const whole = await timeOnce(() => readLetterFile('whole.txt', txtAssignments(10_000)));
    figures.push(
      compare(
        'parse 10 000 lines of assignment text',
        'ms',
        whole,
        { name: '5 000 lines', value: half },
        {
          'ratio target': '≈ 2 (linear), < 3',
          verdict: whole / half < 3 ? 'holds' : 'falls short',
        },
      ),
    );

    // Health while the reader pool reads hostile files (as the import route does).
    const database = await openDatabase({ dataDir: 'memory://' });
    await database.migrate();
    const app = await buildApp({ database, webDir: '/nonexistent' });
    const idle = await timeMedian(() => app.inject({ url: '/api/health' }), 30);
    const pool = new ReadPool({ ...DEFAULT_POOL_OPTIONS, maxWorkers: 2 });
    pool.setFailureLog(() => {});
    let done = false;
    const reading = Promise.allSettled(
      [
        { name: 'pages-20k.pdf', bytes: pdfOfPages(20_000) },
        ...files.filter((f) => f.name.startsWith('runs') || f.name.startsWith('head')),
      ].map((f) => pool.read(f.name, f.bytes)),
    ).finally(() => (done = true));
    const busy: number[] = [];
    while (!done) {
      busy.push(await timeOnce(() => app.inject({ url: '/api/health' })));
      await new Promise((r) => setTimeout(r, 20));
    }
    await reading;
    await pool.close();
    await app.close();
    await database.close();
    busy.sort((a, b) => a - b);
    const worst = busy.at(-1) ?? 0;
    figures.push(
      compare(
        'GET /api/health while hostile files are read (median)',
        'ms',
        busy[Math.floor(busy.length / 2)] ?? 0,
        { name: 'idle server', value: idle },
        {
          answered: busy.length,
          'worst ms': worst.toFixed(1),
          'worst target ms': `< ${HEALTH_TARGET_MS}`,
          verdict: busy.length > 0 && worst < HEALTH_TARGET_MS ? 'holds' : 'falls short',
        },
      ),
    );
    return figures;
  },
};
