/**
 * Opens the database: embedded PGlite under a data directory by default, or a PostgreSQL
 * server when a postgres:// URL is given. Both speak the same schema and migrations.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
/** A database or a transaction: what services take. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** Where it lives: the data directory for PGlite (or "memory"), host/db for PostgreSQL. */
  location: string;
  /** Applies pending migrations; `log.warn` hears of trouble that does not stop them. */
  migrate(log?: MigrationLog): Promise<void>;
  migrationState(): Promise<MigrationState>;
  /**
   * Runs `fn` while no other app instance on the database runs work under the same lock (on
   * PostgreSQL a session-held advisory lock; PGlite has one process, so it simply runs).
   */
  exclusive<T>(lock: InstanceLock, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Work one app instance at a time does: loading the sample data into an empty database. */
export type InstanceLock = 'sample-data';
const INSTANCE_LOCKS: Record<InstanceLock, number> = { 'sample-data': 7_461_636_407 };

export interface MigrationLog {
  warn(message: string): void;
}

/** Without a logger: Node's own warning on stderr. */
const nodeWarning: MigrationLog = { warn: (message) => process.emitWarning(message) };

export interface MigrationState {
  applied: number;
  available: number;
  upToDate: boolean;
}

export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../../drizzle');

/** How many migrations the code ships (drizzle's journal). */
function availableMigrations(): number {
  const journal = JSON.parse(
    readFileSync(resolve(migrationsFolder, 'meta/_journal.json'), 'utf8'),
  ) as { entries: unknown[] };
  return journal.entries.length;
}

export interface OpenOptions {
  /** postgres://… to use a PostgreSQL server; otherwise PGlite. */
  url?: string | undefined;
  /** PGlite data directory, or "memory://" for an in-memory database. */
  dataDir?: string | undefined;
}

/** Opens (but does not migrate) the database. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url && /^postgres(ql)?:\/\//.test(opts.url)) return openPostgres(opts.url);
  return openPglite(opts.dataDir ?? './data/pglite');
}

async function openPglite(dataDir: string): Promise<Database> {
  const memory = dataDir === 'memory://' || dataDir === '';
  if (!memory) mkdirSync(dataDir, { recursive: true });
  // Loaded only here: a server on PostgreSQL does without PGlite (and its drizzle driver).
  const [{ PGlite }, { pg_trgm }, { drizzle: drizzlePglite }, { migrate: migratePglite }] =
    await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite/contrib/pg_trgm'),
      import('drizzle-orm/pglite'),
      import('drizzle-orm/pglite/migrator'),
    ]);
  // pg_trgm (trigram matching for search) is loaded here; the migrations create it.
  const extensions = { pg_trgm };
  const client = memory ? new PGlite({ extensions }) : new PGlite(dataDir, { extensions });
  await client.waitReady;
  const db = drizzlePglite(client, { schema });
  return finish({
    db: db as unknown as Db,
    kind: 'pglite',
    location: memory ? 'memory' : resolve(dataDir),
    migrate: () => migratePglite(db, { migrationsFolder }),
    exclusive: (_lock, fn) => fn(),
    close: () => client.close(),
  });
}

/**
 * The advisory lock migrations run under on PostgreSQL (any fixed number; Tildel's own). Drizzle's
 * migrator reads what is applied, then applies the rest, with no lock of its own: two app
 * instances starting at once would both apply the same migration. Under the lock one migrates
 * and the others wait, then find nothing left to do.
 */
const MIGRATION_LOCK = 7_461_636_406;

/**
 * Runs `fn` on one connection of `pool` while that connection holds the advisory lock `lock`;
 * another holder of the same lock (another app instance) waits until it is released.
 *
 * The lock is the session's: lock, work and unlock must reach the same server connection.
 * Behind a pooler in transaction mode (PgBouncer `pool_mode = transaction`) they may not: the
 * unlock then answers false and the lock stays with whichever server connection took it. So an
 * unlock that is not true closes this connection (the server drops a closed session's locks,
 * which is all that can be done from here) and is logged; docs/production.md asks for a direct
 * or session-pooled connection for migrations.
 */
async function withSessionLock<T>(
  pool: pg.Pool,
  lock: { id: number; name: string },
  log: MigrationLog,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('select pg_advisory_lock($1::bigint)', [lock.id]);
    try {
      return await fn(client);
    } finally {
      // A session lock: released here, or with the connection if this fails.
      const unlocked = await client
        .query<{ unlocked: boolean }>('select pg_advisory_unlock($1::bigint) as unlocked', [
          lock.id,
        ])
        .then((res) => res.rows[0]?.unlocked === true)
        .catch(() => false);
      if (!unlocked) {
        broken = true;
        log.warn(
          `the ${lock.name} lock was not released on the connection that took it (a pooler in transaction mode?): closing the connection; migrations and the sample data's first load need a direct or session-pooled connection (docs/production.md)`,
        );
      }
    }
  } finally {
    client.release(broken);
  }
}

/** Runs drizzle's migrator on one connection of `pool` while holding `MIGRATION_LOCK`. */
export async function migrateLocked(pool: pg.Pool, log: MigrationLog = nodeWarning): Promise<void> {
  await withSessionLock(pool, { id: MIGRATION_LOCK, name: 'migration' }, log, (client) =>
    migratePg(drizzlePg(client), { migrationsFolder }),
  );
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // A connection the server (or a proxy, or a failover) ends while it sits idle in the pool is
  // dropped by the pool, which opens a new one when needed; without a listener its error event
  // would end the process.
  pool.on('error', (err) => {
    process.emitWarning(`an idle PostgreSQL connection was closed: ${err.message}`);
  });
  // Fail fast with a clear message when the server is not there.
  const conn = await pool.connect();
  conn.release();
  const db = drizzlePg(pool, { schema });
  const u = new URL(url);
  return finish({
    db: db as unknown as Db,
    kind: 'postgres',
    location: `${u.hostname}:${u.port || '5432'}${u.pathname}`,
    migrate: (log) => migrateLocked(pool, log),
    exclusive: (lock, fn) =>
      withSessionLock(pool, { id: INSTANCE_LOCKS[lock], name: lock }, nodeWarning, () => fn()),
    close: () => pool.end(),
  });
}

/** Runs raw SQL and returns its rows (same shape from PGlite and node-postgres). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

function finish(base: Omit<Database, 'migrationState'>): Database {
  return {
    ...base,
    async migrationState() {
      const available = availableMigrations();
      const [exists] = await queryRows<{ present: boolean }>(
        base.db,
        sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
      );
      let applied = 0;
      if (exists?.present) {
        const [res] = await queryRows<{ n: number }>(
          base.db,
          sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
        );
        applied = Number(res?.n ?? 0);
      }
      return { applied, available, upToDate: applied >= available };
    },
  };
}
