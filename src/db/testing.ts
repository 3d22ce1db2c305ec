/**
 * Test database: one per test worker, shared by the test files that run in it (PGlite costs
 * ~0.5 GB and ~2 s to open). PGlite in memory by default; the database that scripts/test.mjs
 * created on a PostgreSQL server when TILDEL_TEST_DATABASE_URL is set.
 */
import { openDatabase, type Database } from './client';

let shared: Promise<Database> | undefined;

export function testDatabase(): Promise<Database> {
  shared ??= (async () => {
    const url = process.env.TILDEL_TEST_DATABASE_URL;
    const database = await openDatabase(url ? { url } : { dataDir: 'memory://' });
    await database.migrate();
    return database;
  })();
  return shared;
}

/** Which database the suite runs on, for test names. */
export const testDatabaseKind = process.env.TILDEL_TEST_DATABASE_URL ? 'postgres' : 'pglite';
