#!/usr/bin/env node
/**
 * `npm test`: the whole suite on PGlite (browser tests in Chromium one file at a time), then
 * every database test again on PostgreSQL when
 * TEST_DATABASE_URL is set (each test worker gets a fresh database on that server; all are
 * dropped after).
 * Ends with the line `N passed, N failed`; exits non-zero if anything failed.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';

const root = resolve(import.meta.dirname, '..');
const artifacts = resolve(root, 'test-artifacts');
mkdirSync(artifacts, { recursive: true });
const extraArgs = process.argv.slice(2);

function vitest(label, files, env) {
  const out = resolve(artifacts, `vitest-${label}.json`);
  rmSync(out, { force: true });
  console.log(`\n=== Test suite: ${label} ===`);
  const res = spawnSync(
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
    { stdio: 'inherit', env: { ...process.env, ...env }, cwd: root },
  );
  let report;
  try {
    report = JSON.parse(readFileSync(out, 'utf8'));
  } catch {
    console.error(`vitest (${label}) wrote no report; exit status ${res.status}`);
    return { passed: 0, failed: 1 };
  }
  // A file that fails to load counts as a failure even when it has no failed test.
  const brokenFiles = report.testResults.filter(
    (f) => f.status === 'failed' && f.assertionResults.every((a) => a.status !== 'failed'),
  ).length;
  const failed =
    report.numFailedTests +
    brokenFiles +
    (res.status !== 0 && report.numFailedTests + brokenFiles === 0 ? 1 : 0);
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

add(vitest('pglite', ['--exclude', '**/*.browser.test.ts'], { TILDEL_TEST_DATABASE_URL: '' }));

// Browser tests one file at a time: each drives a Chromium and a server of its own, and their
// timing-sensitive steps (uploads in progress) stay reliable on a 2-core machine.
add(
  vitest('browser', ['.browser.test.ts', '--no-file-parallelism'], {
    TILDEL_TEST_DATABASE_URL: '',
  }),
);

const serverUrl = process.env.TEST_DATABASE_URL;
if (serverUrl) {
  // Each worker creates `<run>_w<n>` on the server (src/db/testing.ts); all are dropped after.
  const run = `tildel_test_${process.pid}_${Date.now()}`;
  try {
    add(
      vitest('postgres', ['.db.test.ts'], {
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

console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
