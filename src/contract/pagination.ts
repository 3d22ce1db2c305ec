/**
 * Keyset (cursor) pagination, the one way the API pages a list (docs/api.md, "Lists").
 *
 * A list is read in a fixed order that ends with the row's id, so no two rows tie. A page
 * answers at most `limit` rows and `nextCursor`: the sort keys of its last row, the name of the
 * order and a short hash of the query's filters, as base64url JSON. The client sends it back as
 * `cursor` unchanged (it is opaque), with the same filters, and gets the rows after that one: no
 * OFFSET, so page 500 costs what page 1 costs, and a row added or removed meanwhile moves no
 * other row across the cursor. A row whose sort keys change between two pages (a draft edited,
 * a report's due date or a meeting's date moved, an assignment's deadline changed) can move
 * across the cursor: it is then skipped or seen twice. `nextCursor` is null on the last page.
 *
 * A cursor is checked before the list is read: a string that is not one this API made, one
 * made for another order of the list or for other filters, or one whose keys have the wrong
 * types is refused as invalid (400 `validation`), never read as SQL. Sort keys in a cursor are
 * dates, numbers, ids and short codes, never free text a user wrote (a title may be longer than
 * a cursor may be). `offset` and `page` are refused too (`pageParams`): an integration that
 * counts pages must learn it has to follow `nextCursor`. Pure; the web client may import it.
 */
import { z } from 'zod';

/** One sort key of a row as a cursor carries it. */
export type CursorKey = string | number | null;

/**
 * A decoded cursor: the order it was made in, the last row's keys (its id last), and the hash of
 * the filters of the query it answered (`filterHash`).
 */
export interface Cursor {
  order: string;
  keys: CursorKey[];
  filters: string;
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
  f: z.string().regex(/^[0-9a-z]{1,16}$/),
});

/** The query parameters that say which page, not which rows: left out of `filterHash`. */
const PAGE_KEYS: ReadonlySet<string> = new Set(['limit', 'cursor', 'offset', 'page']);

/** cyrb53: a 53-bit string hash (not cryptographic: it tells two queries apart, nothing more). */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * A short hash of a list query's filters, as parsed: every parameter but `limit` and `cursor`
 * (and the refused `offset` and `page`), those not given left out, in name order. A cursor
 * carries it, and is refused with other filters (`cursorFits`). A list read with its filters
 * passed apart (a path's id, the service's own arguments) passes them as one object here.
 */
export function filterHash(query: object): string {
  const entries = Object.entries(query)
    .filter(([key, value]) => !PAGE_KEYS.has(key) && value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return hash53(JSON.stringify(entries));
}

/**
 * The cursor of the rows after one with these keys, in this order, for a query with these
 * filters (the query itself will do: its `limit` and `cursor` are left out).
 */
export function encodeCursor(order: string, keys: readonly CursorKey[], filters: object): string {
  return toBase64Url(JSON.stringify({ o: order, k: keys, f: filterHash(filters) }));
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
  return parsed.success
    ? { order: parsed.data.o, keys: parsed.data.k, filters: parsed.data.f }
    : null;
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

/**
 * `offset` and `page`: refused (400 `validation`), so that a client paging by number learns it
 * must follow `nextCursor` instead of reading page 1 again and again.
 */
const Refused = (name: string) =>
  z
    .never({ error: `\`${name}\` is not supported: send \`nextCursor\` back as \`cursor\`` })
    .optional()
    .meta({
      description: `Not supported (refused with 400): lists page by \`cursor\`, the \`nextCursor\` of the page before`,
      deprecated: true,
    });

/**
 * The query parameters every paged list has, spread into its query: `limit` (at most `max`,
 * `byDefault` when not asked), `cursor`, and `offset` and `page` refused.
 */
export const pageParams = (max: number, byDefault: number) => ({
  limit: limitParam(max, byDefault),
  cursor: CursorParam.optional(),
  offset: Refused('offset'),
  page: Refused('page'),
});

/** `nextCursor` of an answer. */
export const NextCursor = z.string().nullable().meta({
  description: 'Send as `cursor` to read the next page; null on the last page',
});

/** The keys a cursor of each order of a list carries (a zod tuple each, the id last). */
export type CursorOrders = Record<string, z.ZodType<CursorKey[]>>;

/**
 * A refinement of a list's query: its `cursor`, when sent, was made for the order the query
 * reads in, carries keys of that order's types, and was made for the same filters
 * (`filterHash` of the query). `orderOf` names the order of a query.
 */
export function cursorFits<Q extends object>(orders: CursorOrders, orderOf: (query: Q) => string) {
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
    } else if (cursor.filters !== filterHash(query)) {
      ctx.addIssue({
        code: 'custom',
        path: ['cursor'],
        message:
          'The cursor was made for other filters (send the same filters with it, or start again without one)',
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
 * of them when there was one more, for the query's `filters` (the query will do: `filterHash`).
 */
export function pageOf<R>(
  rows: R[],
  limit: number,
  order: string,
  keysOf: (row: R) => CursorKey[],
  filters: object,
): { rows: R[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: encodeCursor(order, keysOf(page[limit - 1]!), filters) };
}

/** A timestamp in a cursor: ISO 8601, UTC, to the microsecond (src/db/keyset.ts `exactTime`). */
export const CursorTime = z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
