/**
 * Writes generated rows with `COPY … FROM STDIN` (pg-copy-streams) on one PostgreSQL client,
 * table by table in the order the foreign keys accept; the caller holds the transaction.
 * Column names come from the Drizzle schema, so the rows' property names are the only spelling.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getTableColumns, getTableName, type Column } from 'drizzle-orm';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import * as schema from '../schema';
import { BATCH_TABLES, type Batch, type Counts } from './national';

/** One value in COPY's text format (`\N` for null; backslash, tab and newlines escaped). */
function copyValue(value: unknown, column: Column): string {
  if (value === null || value === undefined) return '\\N';
  let s: string;
  if (column.dataType === 'json' || column.columnType === 'PgJsonb') s = JSON.stringify(value);
  else if (value instanceof Date) s = value.toISOString();
  else if (typeof value === 'boolean') s = value ? 't' : 'f';
  else if (typeof value === 'string') s = value;
  else if (typeof value === 'number' || typeof value === 'bigint') s = String(value);
  else s = JSON.stringify(value);
  return s.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** COPYs one table's rows; the columns are every property any row sets. */
async function copyTable(
  client: pg.ClientBase,
  key: (typeof BATCH_TABLES)[number],
  rows: readonly object[],
): Promise<void> {
  if (rows.length === 0) return;
  const table = schema[key];
  const columns = getTableColumns(table) as Record<string, Column>;
  const props = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  for (const p of props) {
    if (!columns[p]) throw new Error(`${key}: no column for property ${p}`);
  }
  const statement = `COPY ${quote(getTableName(table))} (${props.map((p) => quote(columns[p]!.name)).join(', ')}) FROM STDIN`;
  function* lines() {
    let chunk = '';
    for (const row of rows) {
      const values = row as Record<string, unknown>;
      for (const p of props) {
        if (values[p] === undefined && columns[p]!.notNull) {
          throw new Error(`${key}: a row sets no ${p}, which others set (COPY has no default)`);
        }
      }
      chunk += props.map((p) => copyValue(values[p], columns[p]!)).join('\t') + '\n';
      if (chunk.length > 1 << 16) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(Readable.from(lines()), client.query(copyFrom(statement)));
}

/** Writes every batch, table by table; returns the rows written per table. */
export async function copyBatches(
  client: pg.ClientBase,
  batches: Iterable<Batch>,
  onBatch?: (done: number, counts: Counts) => void,
): Promise<Counts> {
  const counts = Object.fromEntries(BATCH_TABLES.map((t) => [t, 0])) as Counts;
  let done = 0;
  for (const batch of batches) {
    for (const key of BATCH_TABLES) {
      await copyTable(client, key, batch[key]);
      counts[key] += batch[key].length;
    }
    onBatch?.(++done, counts);
  }
  return counts;
}
