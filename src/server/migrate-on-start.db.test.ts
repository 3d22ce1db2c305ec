/**
 * TILDEL_MIGRATE_ON_START: on (the default), a server migrates when it starts; off, it leaves
 * the migrations to `tildel db migrate` and refuses a database behind its code.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { openDatabase, type MigrationLog } from '../db/client';
import { testDatabase, testDatabaseKind } from '../db/testing';
import { readyDatabase } from './start';

const log: MigrationLog = { warn: () => undefined };

describe(`migrations on start (${testDatabaseKind})`, () => {
  it('is on unless set off', () => {
    expect(loadConfig({}).TILDEL_MIGRATE_ON_START).toBe(true);
    expect(loadConfig({ TILDEL_MIGRATE_ON_START: 'off' }).TILDEL_MIGRATE_ON_START).toBe(false);
    expect(() => loadConfig({ TILDEL_MIGRATE_ON_START: 'no' })).toThrow(/TILDEL_MIGRATE_ON_START/);
  });

  it('migrates when on, passing its log', async () => {
    const shared = await testDatabase();
    const heard: MigrationLog[] = [];
    await readyDatabase(
      {
        ...shared,
        migrate: async (l) => {
          heard.push(l!);
        },
      },
      true,
      log,
    );
    expect(heard).toEqual([log]);
  });

  it('when off, starts on a migrated database and refuses one behind the code', async () => {
    await expect(readyDatabase(await testDatabase(), false, log)).resolves.toBeUndefined();
    const empty = await openDatabase({ dataDir: 'memory://' });
    try {
      await expect(readyDatabase(empty, false, log)).rejects.toThrow(
        /0 of \d+ migrations .*tildel db migrate/,
      );
      expect((await empty.migrationState()).applied).toBe(0);
    } finally {
      await empty.close();
    }
  });
});
