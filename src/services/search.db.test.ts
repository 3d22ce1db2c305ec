/**
 * Search over the real server and database: compounds found by their parts and prefixes,
 * relevance order, filters, and hostile input that never gives a 500.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchResult } from '../contract/api';
import { assignments, documents } from '../db/schema';
import { testDatabase, testDatabaseKind } from '../db/testing';
import { testApp } from '../testing/app';
import { signIn } from '../testing/auth';
import { buildAssignment, buildDocument, storeDocuments } from '../testing/factories';

/** Years no other test file uses (the database is shared per worker). */
const YEAR = 2071;
const OTHER_YEAR = 2072;

const asg = (id: string, title: string, text: string) =>
  buildAssignment({ id, assignedId: id, title, text, deadlines: [] });

beforeAll(async () => {
  const { db } = await testDatabase();
  await storeDocuments(db, [
    buildDocument({
      year: YEAR,
      agency: 'Direktoratet for kystsøk',
      title: `Tildelingsbrev til Direktoratet for kystsøk for ${YEAR}`,
      assignments: [
        asg(
          `TB${YEAR}-01`,
          'Tilskuddsordning for kystkommuner',
          'Direktoratet skal forvalte ordningen.',
        ),
        asg(
          `TB${YEAR}-02`,
          'Evaluere havneforvaltningen',
          'Evalueringen skal se på tilskuddsmidler til havnene.',
        ),
        asg(
          `TB${YEAR}-03`,
          'Rapportere om fiskeriene',
          'Direktoratet skal rapportere kvartalsvis.',
        ),
        asg(`TB${YEAR}-05`, 'Måle bærekraft på øyene', 'Et økonomisk bærekraftsarbeid.'),
      ],
    }),
  ]);
  await storeDocuments(db, [
    buildDocument({
      year: YEAR,
      kind: 'supplement',
      number: 1,
      agency: 'Direktoratet for kystsøk',
      title: `Tillegg til tildelingsbrev nr. 1 – kystberedskap ${YEAR}`,
      assignments: [asg(`TB${YEAR}-04`, 'Kystberedskap i nord', 'Et oppdrag om beredskap.')],
    }),
  ]);
  await storeDocuments(db, [
    buildDocument({
      year: OTHER_YEAR,
      agency: 'Tilsynet for fjellsøk',
      title: `Tildelingsbrev til Tilsynet for fjellsøk for ${OTHER_YEAR}`,
      assignments: [
        asg(`TB${OTHER_YEAR}-01`, 'Tilskudd til fjellkommuner', 'Tilsynet skal fordele midler.'),
      ],
    }),
  ]);
});

async function find(params: Record<string, string | number>, cookie?: string) {
  const app = await testApp();
  const qs = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  const res = await app.inject({
    method: 'GET',
    url: `/api/search?${qs}`,
    headers: cookie ? { cookie } : {},
  });
  return res;
}

async function ok(params: Record<string, string | number>, cookie?: string) {
  const res = await find(params, cookie);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as SearchResult;
}

const ids = (r: SearchResult) => r.assignments.map((a) => a.registerId);

describe(`search (${testDatabaseKind})`, () => {
  it('finds a compound by its first part: "tilskudd" → "Tilskuddsordning for kystkommuner"', async () => {
    const r = await ok({ q: 'tilskudd', year: YEAR });
    expect(ids(r)).toContain(`TB${YEAR}-01`);
  });

  it('finds by a prefix: "tilsk"', async () => {
    const r = await ok({ q: 'tilsk', year: YEAR });
    expect(ids(r)).toContain(`TB${YEAR}-01`);
    expect(ids(r)).toContain(`TB${YEAR}-02`);
  });

  it('finds a compound by a later part: "kommuner" and "kommune" → "kystkommuner"', async () => {
    for (const q of ['kommuner', 'kommune']) {
      expect(ids(await ok({ q, year: YEAR })), q).toEqual([`TB${YEAR}-01`]);
    }
  });

  it('finds documents by parts of their titles: "kyst"', async () => {
    const r = await ok({ q: 'kyst', year: YEAR });
    expect(r.documents.map((d) => d.title)).toEqual(
      expect.arrayContaining([
        `Tildelingsbrev til Direktoratet for kystsøk for ${YEAR}`,
        `Tillegg til tildelingsbrev nr. 1 – kystberedskap ${YEAR}`,
      ]),
    );
    expect(ids(r)).toEqual(expect.arrayContaining([`TB${YEAR}-01`, `TB${YEAR}-04`]));
  });

  it('reads æ, ø and å in any case, also inside compounds', async () => {
    for (const q of ['BÆREKRAFT', 'Øyene', 'kraftsarbeid', 'økonomisk']) {
      expect(ids(await ok({ q, year: YEAR })), q).toEqual([`TB${YEAR}-05`]);
    }
  });

  it('every word must match', async () => {
    expect(ids(await ok({ q: 'tilskudd kyst', year: YEAR }))).toEqual([`TB${YEAR}-01`]);
    expect(ids(await ok({ q: 'tilskudd fiskeriene', year: YEAR }))).toEqual([]);
  });

  it('finds an assignment by its register ID', async () => {
    expect(ids(await ok({ q: `TB${YEAR}-03` }))).toEqual([`TB${YEAR}-03`]);
  });

  it('ranks a title match above a match in the text only, in a stable order', async () => {
    const first = await ok({ q: 'tilskudd', year: YEAR });
    expect(ids(first)).toEqual([`TB${YEAR}-01`, `TB${YEAR}-02`]);
    const again = await ok({ q: 'tilskudd', year: YEAR });
    expect(ids(again)).toEqual(ids(first));
  });

  it('filters by year, agency and kind', async () => {
    const all = await ok({ q: 'tilskudd' });
    expect(ids(all)).toEqual(expect.arrayContaining([`TB${YEAR}-01`, `TB${OTHER_YEAR}-01`]));
    expect(ids(await ok({ q: 'tilskudd', year: OTHER_YEAR }))).toEqual([`TB${OTHER_YEAR}-01`]);

    const fjell = all.assignments.find((a) => a.registerId === `TB${OTHER_YEAR}-01`)!;
    const byAgency = await ok({ q: 'tilskudd', agency: fjell.agencyId! });
    expect(ids(byAgency)).toEqual([`TB${OTHER_YEAR}-01`]);
    expect(byAgency.documents.every((d) => d.agencyId === fjell.agencyId)).toBe(true);

    const supplements = await ok({ q: 'kyst', year: YEAR, kind: 'supplement' });
    expect(ids(supplements)).toEqual([`TB${YEAR}-04`]);
    expect(supplements.documents.map((d) => d.kind)).toEqual(['supplement']);
  });

  it('filters by assignment status and by document status', async () => {
    const { db } = await testDatabase();
    const app = await testApp();
    const { cookie } = await signIn(app, 'administrator');
    await db
      .update(assignments)
      .set({ status: 'in-progress' })
      .where(eq(assignments.registerId, `TB${YEAR}-02`));
    const inProgress = await ok({ q: 'tilsk', year: YEAR, status: 'in-progress' }, cookie);
    expect(ids(inProgress)).toEqual([`TB${YEAR}-02`]);
    expect(inProgress.documents).toEqual([]);

    await db
      .update(documents)
      .set({ status: 'draft' })
      .where(eq(documents.title, `Tildelingsbrev til Tilsynet for fjellsøk for ${OTHER_YEAR}`));
    const drafts = await ok({ q: 'tilskudd', status: 'draft' }, cookie);
    expect(ids(drafts)).toContain(`TB${OTHER_YEAR}-01`);
    expect(ids(drafts)).not.toContain(`TB${YEAR}-01`);
    expect(drafts.documents.every((d) => d.status === 'draft')).toBe(true);
    // The public does not see the draft, filter or not.
    expect(ids(await ok({ q: 'tilskudd', status: 'draft' }))).toEqual([]);
    expect(ids(await ok({ q: 'tilskudd', year: OTHER_YEAR }))).toEqual([]);
  });

  it('bounds the list: limit at most 100, the next page by cursor, both lists in rank order', async () => {
    expect((await find({ q: 'tilskudd', limit: 101 })).statusCode).toBe(400);
    // No offset: refused, pointing to the cursor (not ignored, which would answer page 1 again).
    const offset = await find({ q: 'tilskudd', offset: 200 });
    expect(offset.statusCode).toBe(400);
    expect(offset.json()).toMatchObject({ error: 'validation' });
    expect(JSON.stringify(offset.json())).toMatch(/offset.*nextCursor/);
    // This file's own year: other files' letters in the shared database do not change the count.
    const whole = await ok({ q: 'tilsk', year: YEAR, limit: 100 });
    expect(whole.nextCursor).toBeNull();
    expect(whole.assignments.length).toBeGreaterThan(1);
    // One row of each list a page, until neither has more: every row once, in the same order.
    const docs: string[] = [];
    const asgs: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: SearchResult = await ok({
        q: 'tilsk',
        year: YEAR,
        limit: 1,
        ...(cursor ? { cursor } : {}),
      });
      expect(page.documents.length).toBeLessThanOrEqual(1);
      expect(page.assignments.length).toBeLessThanOrEqual(1);
      docs.push(...page.documents.map((d) => d.id));
      asgs.push(...page.assignments.map((a) => a.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages <= whole.assignments.length + whole.documents.length);
    expect(asgs).toEqual(whole.assignments.map((a) => a.id));
    expect(docs).toEqual(whole.documents.map((d) => d.id));
    expect(pages).toBe(Math.max(asgs.length, docs.length));
    // A cursor is only what the API gave: anything else is refused, not read.
    const first = await ok({ q: 'tilsk', limit: 1 });
    const bad = `${first.nextCursor!.slice(0, -2)}!!`;
    expect((await find({ q: 'tilsk', cursor: bad })).statusCode).toBe(400);
    const forged = Buffer.from(
      JSON.stringify({ o: 'relevance', k: ['1; drop', 1, 2, 3, 4, 5] }),
    ).toString('base64url');
    const refused = await find({ q: 'tilsk', cursor: forged });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: 'validation' });
  });

  it('answers hostile input with results or nothing, never a 500', async () => {
    const hostile = [
      '&|!():*',
      'tilskudd & | ! ( ) : *',
      "'",
      "''",
      '"',
      '"tilskudd',
      "tilskudd' | 'kyst",
      '\\',
      '<->',
      'tilskudd <-> kyst',
      '!tilskudd',
      'tilskudd:*A',
      ':*',
      '%',
      '_',
      '%_%',
      'og for i',
      '-',
      '--',
      '- tilskudd -kyst',
      'a',
      'ab',
      "'; drop table documents; --",
      '\u0000',
      '🚢 kyst',
      'x'.repeat(200),
      'tilskudd '.repeat(22).trim(),
    ];
    for (const q of hostile) {
      const res = await find({ q, year: YEAR });
      expect(res.statusCode, `${JSON.stringify(q)}: ${res.body}`).not.toBeGreaterThanOrEqual(500);
      if (res.statusCode === 200) {
        const r = res.json() as SearchResult;
        expect(Array.isArray(r.assignments) && Array.isArray(r.documents), q).toBe(true);
      }
    }
    // Operators around a word are ignored, the word is still searched.
    expect(ids(await ok({ q: "!tilskudd:* & 'kyst'", year: YEAR }))).toEqual([`TB${YEAR}-01`]);
    // Too long: refused by validation, not by the database.
    expect((await find({ q: 'x'.repeat(201) })).statusCode).toBe(400);
  });
});
