import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CursorParam,
  cursorFits,
  decodeCursor,
  encodeCursor,
  filterHash,
  pageOf,
  pageParams,
  type Cursor,
} from './pagination';

describe('cursors', () => {
  it('carry the order and the keys there and back, æøå and nulls included, as base64url', () => {
    const keys = [2026, 'Kystverket – Ålesund', null, 0.0607927, 'a1b2'];
    const cursor = encodeCursor('year', keys, { q: 'kyst' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual({
      order: 'year',
      keys,
      filters: filterHash({ q: 'kyst' }),
    });
  });

  it('are refused when they are not one the API made', () => {
    const made = encodeCursor('year', [2026, 'TB2026-01', 'x'], {});
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
      json({ o: 'year', k: [{ sql: 'drop' }], f: 'a' }),
      // Made before cursors carried their filters, or with a hash that is not one.
      json({ o: 'year', k: [2026, 'x'] }),
      json({ o: 'year', k: [2026, 'x'], f: 'A;--' }),
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
    const a = (keys: (string | number)[]) => encodeCursor('a', keys, { sort: 'a' });
    expect(Query.safeParse({ sort: 'a', cursor: a([1, id]) }).success).toBe(true);
    expect(Query.safeParse({ sort: 'b', cursor: a([1, id]) }).success).toBe(false);
    expect(Query.safeParse({ sort: 'a', cursor: a(['1', id]) }).success).toBe(false);
    expect(Query.safeParse({ sort: 'a', cursor: a([1]) }).success).toBe(false);
    const parsed = Query.parse({ sort: 'b', cursor: encodeCursor('b', ['x'], { sort: 'b' }) });
    expect(parsed.cursor).toEqual<Cursor>({
      order: 'b',
      keys: ['x'],
      filters: filterHash({ sort: 'b' }),
    });
  });

  it('fit a query only with the filters they were made for', () => {
    const Query = z
      .object({
        q: z.string().optional(),
        year: z.coerce.number().optional(),
        ...pageParams(100, 10),
      })
      .superRefine(cursorFits({ n: z.tuple([z.int()]) }, () => 'n'));
    const first = Query.parse({ q: 'kyst', year: '2026', limit: '5' });
    const { nextCursor } = pageOf([1, 2, 3], 2, 'n', (n) => [n], first);
    const next = (query: Record<string, string | undefined>) =>
      Query.safeParse({ ...query, cursor: nextCursor! });
    // The same filters, in any order, with any limit: the next page.
    expect(next({ year: '2026', q: 'kyst' }).success).toBe(true);
    expect(next({ q: 'kyst', year: '2026', limit: '50' }).success).toBe(true);
    // Another q, another year, a filter more or less: refused, with why.
    for (const other of [{ q: 'skog', year: '2026' }, { q: 'kyst' }, { q: 'kyst', year: '2025' }]) {
      const res = next(other);
      expect(res.success, JSON.stringify(other)).toBe(false);
      expect(res.error?.issues[0]?.message).toMatch(/other filters/);
    }
    // The hash leaves out the page's own parameters only.
    expect(filterHash({ limit: 5, cursor: 'x', q: 'a', b: undefined })).toBe(
      filterHash({ q: 'a' }),
    );
    expect(filterHash({ q: 'a' })).not.toBe(filterHash({ q: 'b' }));
    expect(filterHash({ year: 2026 })).not.toBe(filterHash({ year: '2026' }));
  });

  it('refuse offset and page, pointing to the cursor', () => {
    const Query = z.object({ q: z.string().optional(), ...pageParams(100, 10) });
    expect(Query.parse({ q: 'a' })).toEqual({ q: 'a', limit: 10 });
    for (const name of ['offset', 'page']) {
      const res = Query.safeParse({ [name]: '200' });
      expect(res.success, name).toBe(false);
      expect(res.error?.issues[0]?.path).toEqual([name]);
      expect(res.error?.issues[0]?.message).toMatch(/nextCursor/);
    }
  });

  it('a page of rows read one too many: the rows, and the cursor after its last row', () => {
    const rows = [1, 2, 3].map((n) => ({ n }));
    expect(pageOf(rows.slice(0, 2), 2, 'n', (r) => [r.n], {})).toEqual({
      rows: rows.slice(0, 2),
      nextCursor: null,
    });
    const page = pageOf(rows, 2, 'n', (r) => [r.n], { q: 'a', limit: 2 });
    expect(page.rows).toEqual(rows.slice(0, 2));
    expect(decodeCursor(page.nextCursor!)).toEqual({
      order: 'n',
      keys: [2],
      filters: filterHash({ q: 'a' }),
    });
  });
});
