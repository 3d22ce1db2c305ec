/**
 * The database for one CLI command: opened, migrated, and closed when the command is done.
 * The database code is loaded only by the commands that need it, so `tildel --help` and the
 * offline commands start without loading PGlite.
 */
import type { Database } from '../db/client';

export async function withCliDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const { loadConfig, pgliteDir } = await import('../config');
  const { openDatabase } = await import('../db/client');
  const config = loadConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: pgliteDir(config) });
  try {
    await database.migrate();
    return await fn(database);
  } finally {
    await database.close();
  }
}
