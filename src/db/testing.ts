/**
 * Test database: one per test worker, shared by the test files that run in it (PGlite costs
 * ~0.5 GB and ~2 s to open). PGlite in memory by default. With TILDEL_TEST_DATABASE_URL (a
 * PostgreSQL server, set by scripts/test.mjs) each worker gets a database of its own there,
 * `{TILDEL_TEST_RUN}_w{worker}`, so workers never see each other's rows; concurrency is tested
 * deliberately inside one worker instead.
 */
import pg from 'pg';
import { openDatabase, type Database } from './client';

let shared: Promise<Database> | undefined;

/** Creates `{run}_w{worker}` on the server if absent and returns its URL. */
async function workerDatabaseUrl(serverUrl: string): Promise<string> {
  const url = new URL(serverUrl);
  const run = process.env.TILDEL_TEST_RUN ?? 'tildel_test';
  const name = `${run}_w${process.env.VITEST_POOL_ID ?? '0'}`;
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Unsafe test database name ${name}`);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A new, empty database `{run}_w{worker}_{suffix}` on the test server (one left over from an
 * earlier run is dropped first), for a test that needs a database of its own: migrations from
 * nothing, a server process, COPY. `drop` ends every connection to it and removes it.
 */
export async function freshServerDatabase(
  serverUrl: string,
  suffix: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const run = process.env.TILDEL_TEST_RUN ?? 'tildel_test';
  const name = `${run}_w${process.env.VITEST_POOL_ID ?? '0'}_${suffix}`;
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Unsafe test database name ${name}`);
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

export function testDatabase(): Promise<Database> {
  shared ??= (async () => {
    const serverUrl = process.env.TILDEL_TEST_DATABASE_URL;
    const database = await openDatabase(
      serverUrl ? { url: await workerDatabaseUrl(serverUrl) } : { dataDir: 'memory://' },
    );
    await database.migrate();
    return database;
  })();
  return shared;
}

/**
 * A second handle on the worker's test database, as a second app instance has one: on
 * PostgreSQL a pool of its own on the same database; on PGlite (one in-memory database in the
 * process) the shared handle, whose `close` then leaves it open.
 */
export async function secondTestDatabaseHandle(): Promise<Database> {
  const shared = await testDatabase();
  const serverUrl = process.env.TILDEL_TEST_DATABASE_URL;
  if (!serverUrl) return { ...shared, close: async () => {} };
  return openDatabase({ url: await workerDatabaseUrl(serverUrl) });
}

/** Which database the suite runs on, for test names. */
export const testDatabaseKind = process.env.TILDEL_TEST_DATABASE_URL ? 'postgres' : 'pglite';
