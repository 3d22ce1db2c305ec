import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CursorParam,
  cursorFits,
  decodeCursor,
  encodeCursor,
  pageOf,
  type Cursor,
} from './pagination';

describe('cursors', () => {
  it('carry the order and the keys there and back, æøå and nulls included, as base64url', () => {
    const keys = [2026, 'Kystverket – Ålesund', null, 0.0607927, 'a1b2'];
    const cursor = encodeCursor('year', keys);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual({ order: 'year', keys });
  });

  it('are refused when they are not one the API made', () => {
    const made = encodeCursor('year', [2026, 'TB2026-01', 'x']);
    const json = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    for (const bad of [
      '',
      'not a cursor',
      made.slice(0, -3),
      `${made}%`,
      'A'.repeat(1001),
      json([2026]),
      json({ o: 'year' }),
      json({ o: 'year', k: [] }),
      json({ o: 'year', k: [{ sql: 'drop' }] }),
      Buffer.from([0xff, 0xfe, 0x00]).toString('base64url'),
    ]) {
      expect(decodeCursor(bad), bad.slice(0, 30)).toBeNull();
      expect(CursorParam.safeParse(bad).success).toBe(false);
    }
  });

  it('fit a query only in the order they were made for, with keys of its types', () => {
    const Query = z
      .object({ sort: z.enum(['a', 'b']), cursor: CursorParam.optional() })
      .superRefine(
        cursorFits({ a: z.tuple([z.int(), z.uuid()]), b: z.tuple([z.string()]) }, (q) => q.sort),
      );
    const id = '0f0e0d0c-0b0a-4908-8706-050403020100';
    expect(Query.safeParse({ sort: 'a', cursor: encodeCursor('a', [1, id]) }).success).toBe(true);
    expect(Query.safeParse({ sort: 'b', cursor: encodeCursor('a', [1, id]) }).success).toBe(false);
    expect(Query.safeParse({ sort: 'a', cursor: encodeCursor('a', ['1', id]) }).success).toBe(
      false,
    );
    expect(Query.safeParse({ sort: 'a', cursor: encodeCursor('a', [1]) }).success).toBe(false);
    const parsed = Query.parse({ sort: 'b', cursor: encodeCursor('b', ['x']) });
    expect(parsed.cursor).toEqual<Cursor>({ order: 'b', keys: ['x'] });
  });

  it('a page of rows read one too many: the rows, and the cursor after its last row', () => {
    const rows = [1, 2, 3].map((n) => ({ n }));
    expect(pageOf(rows.slice(0, 2), 2, 'n', (r) => [r.n])).toEqual({
      rows: rows.slice(0, 2),
      nextCursor: null,
    });
    const page = pageOf(rows, 2, 'n', (r) => [r.n]);
    expect(page.rows).toEqual(rows.slice(0, 2));
    expect(decodeCursor(page.nextCursor!)).toEqual({ order: 'n', keys: [2] });
  });
});
