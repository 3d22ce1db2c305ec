/**
 * `tildel dev generate`: a national dataset (src/db/generate/national.ts) written into a
 * PostgreSQL database with COPY in one audited transaction — every row or none, and one audit
 * entry that names the options and what was written. Refuses a database that holds data unless
 * `force`, which first empties every table of Tildel's (the audit trail too) in the same
 * transaction.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { Db } from '../db/client';
import * as schema from '../db/schema';
import { copyBatches } from '../db/generate/copy';
import { generateNational, type Counts, type NationalOptions } from '../db/generate/national';
import type { Actor } from '../domain/policy';
import { appendAudit, audited } from './audit';

export class DatabaseNotEmpty extends Error {
  constructor(public rows: number) {
    super(`the database holds data (${rows} organisations, users or documents)`);
    this.name = 'DatabaseNotEmpty';
  }
}

export interface GenerateOutcome {
  counts: Counts;
  /** Tables emptied first (with `force`). */
  emptied: string[];
}

/**
 * Writes the dataset through `client` (a migrated PostgreSQL database, used by nothing else
 * meanwhile). Throws DatabaseNotEmpty.
 */
export async function generateDataset(
  client: pg.Client,
  actor: Actor,
  opts: NationalOptions,
  { force = false, onBatch }: { force?: boolean; onBatch?: (done: number, total: number) => void },
): Promise<GenerateOutcome> {
  const db = drizzle(client, { schema }) as unknown as Db;
  return audited(db, async (tx) => {
    const { rows } = await client.query<{ n: string }>(
      'select (select count(*) from organisations) + (select count(*) from users) + (select count(*) from documents) as n',
    );
    const held = Number(rows[0]!.n);
    const emptied: string[] = [];
    if (held > 0) {
      if (!force) throw new DatabaseNotEmpty(held);
      const tables = await client.query<{ name: string }>(
        'select tablename as name from pg_tables where schemaname = current_schema() order by tablename',
      );
      for (const t of tables.rows) emptied.push(t.name);
      if (emptied.length > 0) {
        await client.query(
          `truncate ${emptied.map((n) => `"${n.replace(/"/g, '""')}"`).join(', ')} restart identity cascade`,
        );
      }
    }
    const total = opts.agencies + 1;
    const counts = await copyBatches(client, generateNational(opts), (done) =>
      onBatch?.(done, total),
    );
    await appendAudit(tx, actor, {
      action: 'dev.generate',
      objectType: 'database',
      objectId: '*',
      before: emptied.length > 0 ? { emptied } : null,
      after: { options: opts, counts },
    });
    return { counts, emptied };
  });
}
