import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from './client';
import { secondTestDatabaseHandle, testDatabase, testDatabaseKind } from './testing';

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

describe(`a connection ended while idle (${testDatabaseKind})`, () => {
  // The server ends an idle pooled connection (a restart, a failover, a proxy's idle timeout):
  // the pool drops it and goes on; the process does not die of an unhandled error event.
  it.runIf(testDatabaseKind === 'postgres')(
    'is dropped and replaced; the next query works',
    async () => {
      const handle = await secondTestDatabaseHandle();
      const killer = await testDatabase();
      try {
        const [me] = await queryRows<{ pid: number }>(
          handle.db,
          sql`select pg_backend_pid() as pid`,
        );
        const [ended] = await queryRows<{ ok: boolean }>(
          killer.db,
          sql`select pg_terminate_backend(${me!.pid}) as ok`,
        );
        expect(ended!.ok).toBe(true);
        await new Promise((r) => setTimeout(r, 200));
        const [after] = await queryRows<{ n: number }>(handle.db, sql`select 1 as n`);
        expect(after!.n).toBe(1);
      } finally {
        await handle.close();
      }
    },
  );
});
