import { describe, expect, it } from 'vitest';
import { testDatabase, testDatabaseKind } from './testing';

describe(`migrations (${testDatabaseKind})`, () => {
  it('are idempotent: running them again changes nothing', async () => {
    const database = await testDatabase();
    const before = await database.migrationState();
    expect(before.upToDate).toBe(true);
    await database.migrate();
    await database.migrate();
    expect(await database.migrationState()).toEqual(before);
  });
});
