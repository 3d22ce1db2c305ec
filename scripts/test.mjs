#!/usr/bin/env node
/**
 * `npm test`: the unit, database and seed tests (vitest projects, vitest.config.ts) on PGlite; then the browser tests in Chromium (two files at a
 * time, each file on a PGlite database of its own) beside every database test again on
 * PostgreSQL when TEST_DATABASE_URL is set (each test worker gets a fresh database on that
 * server; all are dropped after). The browser pass shares no database with the PostgreSQL pass,
 * so the two run at the same time; the browser pass's output is printed whole when it ends.
 * Ends with the line `N passed, N failed`; exits non-zero if anything failed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';

const root = resolve(import.meta.dirname, '..');
const artifacts = resolve(root, 'test-artifacts');
mkdirSync(artifacts, { recursive: true });
const extraArgs = process.argv.slice(2);

/**
 * Runs one vitest pass; resolves to its counts. Output goes to the terminal, or (for a pass that
 * runs beside another) to a log file printed whole when it ends, so the two do not interleave.
 */
async function vitest(label, files, env, { quiet = false } = {}) {
  const out = resolve(artifacts, `vitest-${label}.json`);
  const log = resolve(artifacts, `vitest-${label}.log`);
  rmSync(out, { force: true });
  const started = Date.now();
  if (!quiet) console.log(`\n=== Test suite: ${label} ===`);
  const child = spawn(
    process.execPath,
    [
      resolve(root, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${out}`,
      ...files,
      ...extraArgs,
    ],
    {
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: { ...process.env, ...env },
      cwd: root,
    },
  );
  const chunks = [];
  child.stdout?.on('data', (c) => chunks.push(c));
  child.stderr?.on('data', (c) => chunks.push(c));
  const status = await new Promise((done) => child.on('close', (code) => done(code)));
  if (quiet) {
    const text = Buffer.concat(chunks).toString('utf8');
    writeFileSync(log, text);
    console.log(`\n=== Test suite: ${label} ===`);
    process.stdout.write(text);
  }
  console.log(`=== ${label}: ${Math.round((Date.now() - started) / 1000)} s ===`);
  let report;
  try {
    report = JSON.parse(readFileSync(out, 'utf8'));
  } catch {
    console.error(`vitest (${label}) wrote no report; exit status ${status}`);
    return { passed: 0, failed: 1 };
  }
  // A file that fails to load counts as a failure even when it has no failed test.
  const brokenFiles = report.testResults.filter(
    (f) => f.status === 'failed' && f.assertionResults.every((a) => a.status !== 'failed'),
  ).length;
  const failed =
    report.numFailedTests +
    brokenFiles +
    (status !== 0 && report.numFailedTests + brokenFiles === 0 ? 1 : 0);
  return { passed: report.numPassedTests, failed };
}

const totals = { passed: 0, failed: 0 };
const add = (r) => {
  totals.passed += r.passed;
  totals.failed += r.failed;
};

// The browser tests drive the built web client: build it first.
console.log('=== Building the web client ===');
const build = spawnSync(
  process.execPath,
  [
    resolve(root, 'node_modules/vite/bin/vite.js'),
    'build',
    '--config',
    'src/web/vite.config.ts',
    '--logLevel',
    'warn',
  ],
  { stdio: 'inherit', cwd: root },
);
if (build.status !== 0) add({ passed: 0, failed: 1 });

const started = Date.now();
add(
  await vitest('pglite', ['--project', 'unit', '--project', 'db', '--project', 'seeds'], {
    TILDEL_TEST_DATABASE_URL: '',
  }),
);

// The browser pass beside the PostgreSQL pass (beside the PGlite pass it only slowed both down:
// they share the two cores).
const browser = vitest(
  'browser',
  ['--project', 'browser', '--poolOptions.forks.maxForks=2'],
  { TILDEL_TEST_DATABASE_URL: '' },
  { quiet: true },
);

const serverUrl = process.env.TEST_DATABASE_URL;
if (serverUrl) {
  // Each worker creates `<run>_w<n>` on the server (src/db/testing.ts); all are dropped after.
  const run = `tildel_test_${process.pid}_${Date.now()}`;
  try {
    add(
      await vitest('postgres', ['--project', 'db'], {
        TILDEL_TEST_DATABASE_URL: serverUrl,
        TILDEL_TEST_RUN: run,
      }),
    );
  } finally {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    const { rows } = await admin.query('select datname from pg_database where datname like $1', [
      `${run}%`,
    ]);
    for (const { datname } of rows)
      await admin.query(`drop database if exists ${datname} with (force)`);
    await admin.end();
  }
}
add(await browser);
console.log(`\n=== all passes: ${Math.round((Date.now() - started) / 1000)} s ===`);

console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
