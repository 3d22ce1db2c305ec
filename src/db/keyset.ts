/**
 * The SQL of keyset pagination (src/contract/pagination.ts): a list's order as ORDER BY, and
 * "the rows after the cursor's row" as a WHERE condition, from one description of the order so
 * the two cannot disagree. Nullable keys sort last in either direction.
 */
import { and, isNull, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { CursorKey } from '../contract/pagination';

/** One sort key of a list's order. */
export interface SortKey {
  /** The column or expression sorted on. */
  expr: AnyColumn | SQL;
  /** Descending (newest year first, best score first). */
  desc?: boolean;
  /** May be null: nulls sort last. */
  nullable?: boolean;
  /** The SQL type a cursor's value is cast to when it must be exact (`real`, `timestamptz`). */
  cast?: 'real' | 'double precision' | 'timestamptz' | 'date';
}

const param = (key: SortKey, value: string | number): SQL =>
  key.cast ? sql`${value}::${sql.raw(key.cast)}` : sql`${value}`;

/** ORDER BY of the keys. */
export function orderBy(keys: readonly SortKey[]): SQL[] {
  return keys.map(
    (k) =>
      sql`${k.expr} ${sql.raw(k.desc ? 'desc' : 'asc')}${sql.raw(k.nullable ? ' nulls last' : '')}`,
  );
}

/** The row equals the cursor's value in this key. */
function same(key: SortKey, value: CursorKey): SQL {
  return value === null ? isNull(key.expr) : sql`${key.expr} = ${param(key, value)}`;
}

/** The row comes after the cursor's value in this key (undefined: none does). */
function beyond(key: SortKey, value: CursorKey): SQL | undefined {
  if (value === null) return undefined; // nulls are last: after a null come only nulls
  const past = key.desc
    ? sql`${key.expr} < ${param(key, value)}`
    : sql`${key.expr} > ${param(key, value)}`;
  return key.nullable ? or(past, isNull(key.expr)) : past;
}

/**
 * The rows after the one whose keys are `values` (in the order of `keys`): for some key, equal
 * in every key before it and past it in that one. A first key that is never null also bounds
 * the scan (`year <= 2024` for newest first), which an index on the keys can start from.
 */
export function after(keys: readonly SortKey[], values: readonly CursorKey[]): SQL {
  if (values.length !== keys.length) throw new Error('A cursor with the wrong number of keys');
  const branches: SQL[] = [];
  for (let i = 0; i < keys.length; i++) {
    const past = beyond(keys[i]!, values[i]!);
    if (past === undefined) continue;
    branches.push(
      i === 0 ? past : (and(...keys.slice(0, i).map((k, j) => same(k, values[j]!)), past) as SQL),
    );
  }
  const first = keys[0]!;
  const start = values[0];
  const bound =
    !first.nullable && start !== null && start !== undefined
      ? first.desc
        ? sql`${first.expr} <= ${param(first, start)}`
        : sql`${first.expr} >= ${param(first, start)}`
      : undefined;
  return (and(bound, or(...branches) ?? sql`false`) ?? sql`false`) as SQL;
}

/**
 * A timestamp as a cursor keeps it: ISO 8601 in UTC to the microsecond (a JS Date would drop
 * the microseconds, and the next page would repeat rows). Sort on the column with
 * `cast: 'timestamptz'`, and select this beside it for the cursor.
 */
export const exactTime = (column: AnyColumn): SQL<string> =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
