/**
 * Keyset (cursor) pagination, the one way the API pages a list (docs/api.md, "Lists").
 *
 * A list is read in a fixed order that ends with the row's id, so no two rows tie. A page
 * answers at most `limit` rows and `nextCursor`: the sort keys of its last row and the name of
 * the order, as base64url JSON. The client sends it back as `cursor` unchanged (it is opaque)
 * and gets the rows after that one: no OFFSET, so page 500 costs what page 1 costs, and a row
 * added or removed meanwhile neither repeats nor skips a row. `nextCursor` is null on the
 * last page.
 *
 * A cursor is checked before the list is read: a string that is not one this API made, one
 * made for another order of the list, or one whose keys have the wrong types is refused as
 * invalid (400 `validation`), never read as SQL. Pure; the web client may import it.
 */
import { z } from 'zod';

/** One sort key of a row as a cursor carries it. */
export type CursorKey = string | number | null;

/** A decoded cursor: the order it was made in and the last row's keys (its id last). */
export interface Cursor {
  order: string;
  keys: CursorKey[];
}

/** A cursor longer than this is refused (a real one is well under 300 characters). */
const MAX_CURSOR_LENGTH = 1000;

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(value: string): string | null {
  try {
    const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

const Decoded = z.object({
  o: z.string().max(40),
  k: z
    .array(z.union([z.string().max(300), z.number(), z.null()]))
    .min(1)
    .max(8),
});

/** The cursor of the rows after one with these keys, in this order. */
export function encodeCursor(order: string, keys: readonly CursorKey[]): string {
  return toBase64Url(JSON.stringify({ o: order, k: keys }));
}

/** The order and keys of a cursor this API made, or null for anything else. */
export function decodeCursor(value: string): Cursor | null {
  if (value.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  const text = fromBase64Url(value);
  if (text === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = Decoded.safeParse(json);
  return parsed.success ? { order: parsed.data.o, keys: parsed.data.k } : null;
}

/** The `cursor` query parameter: decoded here, checked against the list's order by `cursorFits`. */
export const CursorParam = z
  .string()
  .max(MAX_CURSOR_LENGTH)
  .meta({
    description:
      'Where the page starts: `nextCursor` of the page before, sent back unchanged (opaque). Without it, the first page.',
  })
  .transform((value, ctx): Cursor => {
    const cursor = decodeCursor(value);
    if (cursor === null) {
      ctx.addIssue({
        code: 'custom',
        message: 'Not a cursor this list gave (send `nextCursor` back unchanged)',
      });
      return z.NEVER;
    }
    return cursor;
  });

/** The `limit` query parameter of a list: at most `max` rows a page, `byDefault` when not asked. */
export const limitParam = (max: number, byDefault: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(max)
    .default(byDefault)
    .meta({ description: `At most this many rows in the page (1–${max}; default ${byDefault})` });

/** `nextCursor` of an answer. */
export const NextCursor = z.string().nullable().meta({
  description: 'Send as `cursor` to read the next page; null on the last page',
});

/** The keys a cursor of each order of a list carries (a zod tuple each, the id last). */
export type CursorOrders = Record<string, z.ZodType<CursorKey[]>>;

/**
 * A refinement of a list's query: its `cursor`, when sent, was made for the order the query
 * reads in and carries keys of that order's types. `orderOf` names the order of a query.
 */
export function cursorFits<Q>(orders: CursorOrders, orderOf: (query: Q) => string) {
  return (query: Q & { cursor?: Cursor | undefined }, ctx: z.RefinementCtx) => {
    const cursor = query.cursor;
    if (cursor === undefined) return;
    const order = orderOf(query);
    if (cursor.order !== order || !orders[order]?.safeParse(cursor.keys).success) {
      ctx.addIssue({
        code: 'custom',
        path: ['cursor'],
        message: 'The cursor belongs to another list or order (start again without one)',
      });
    }
  };
}

/**
 * The keys of a query's cursor, checked again against its order's types (the query was checked
 * by `cursorFits`), or undefined for the first page.
 */
export function cursorKeys(
  cursor: Cursor | undefined,
  keys: z.ZodType<CursorKey[]>,
): CursorKey[] | undefined {
  return cursor === undefined ? undefined : keys.parse(cursor.keys);
}

/**
 * One page of rows read with `limit + 1`: the first `limit` rows, and the cursor after the last
 * of them when there was one more.
 */
export function pageOf<R>(
  rows: R[],
  limit: number,
  order: string,
  keysOf: (row: R) => CursorKey[],
): { rows: R[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: encodeCursor(order, keysOf(page[limit - 1]!)) };
}

/** A timestamp in a cursor: ISO 8601, UTC, to the microsecond (src/db/keyset.ts `exactTime`). */
export const CursorTime = z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
