/**
 * A document read in parts (src/contract/document.ts, docs/api.md): every part is readable
 * exactly when the document is; the pages of a part, followed by their cursors, hold each item
 * once and together what the part holds; answers carry an ETag that a repeat request turns
 * into a 304, and that changes whenever the answer would.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_PARTS, DocumentDetail, type DocumentPartName } from '../../contract/document';
import { encodeCursor } from '../../contract/pagination';
import { testDatabaseKind } from '../../db/testing';
import { changeStatus } from '../../services/assignment-status';
import { SAMPLE_AGENCY, SAMPLE_MINISTRY } from '../../services/users';
import { testApp } from '../../testing/app';
import { signIn, storeScopedDocument, type Who } from '../../testing/auth';
import { readPart } from '../../testing/documents';
import { buildAssignment, buildDocument, storeDocuments } from '../../testing/factories';
import type { App } from '../app';

/** Years no other test file uses (the database is shared per worker). */
const VISIBILITY_YEAR = 2015;
const PAGING_YEAR = 2016;
const ETAG_YEAR = 2010;

const system = { kind: 'system', name: 'test' } as const;
const urls = (id: string) => [
  `/api/documents/${id}`,
  ...DOCUMENT_PARTS.map((p) => `/api/documents/${id}/parts/${p}`),
];

type Caller = 'anonymous' | Who;

async function headersOf(app: App, who: Caller): Promise<Record<string, string>> {
  return who === 'anonymous' ? {} : { cookie: (await signIn(app, who)).cookie };
}

describe(`a document's parts: who reads them (${testDatabaseKind})`, () => {
  let app: App;
  beforeAll(async () => {
    app = await testApp();
  });

  it('answers each part exactly when the document is readable, and 404 as for an absent one', async () => {
    const expected: Record<'draft' | 'shared' | 'published', Record<string, number>> = {
      draft: {
        anonymous: 404,
        'ministry-department-officer': 200,
        'agency-coordinator': 404,
        'user:koordinator-fjordlos': 404,
      },
      shared: {
        anonymous: 404,
        'ministry-department-officer': 200,
        'agency-coordinator': 200,
        'user:koordinator-fjordlos': 404,
      },
      published: {
        anonymous: 200,
        'ministry-department-officer': 200,
        'agency-coordinator': 200,
        'user:koordinator-fjordlos': 200,
      },
    };
    const seen: string[] = [];
    for (const status of ['draft', 'shared', 'published'] as const) {
      const { documentId } = await storeScopedDocument(app, status, SAMPLE_AGENCY, {
        year: VISIBILITY_YEAR,
      });
      for (const [who, code] of Object.entries(expected[status])) {
        const headers = await headersOf(app, who as Caller);
        for (const url of urls(documentId)) {
          const res = await app.inject({ url, headers });
          seen.push(`${status} ${who} ${url.split(documentId)[1] || '/'}: ${res.statusCode}`);
          expect(res.statusCode, `${status} ${who} ${url}`).toBe(code);
          if (code === 404) {
            expect(res.headers.etag).toBeUndefined();
            continue;
          }
          expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
          expect(res.headers['cache-control']).toBe(
            who === 'anonymous' ? 'public, no-cache' : 'private, no-cache',
          );
        }
      }
    }
    expect(seen).toHaveLength(3 * 4 * (DOCUMENT_PARTS.length + 1));
    // An id that is no document at all answers the same.
    expect((await app.inject({ url: urls(randomUUID())[3]! })).statusCode).toBe(404);
  });
});

describe(`a document's parts, page by page (${testDatabaseKind})`, () => {
  let app: App;
  let id: string;
  let meta: DocumentDetail;
  beforeAll(async () => {
    app = await testApp();
    const assignments = Array.from({ length: 7 }, (_, i) =>
      buildAssignment({
        assignedId: `TB${PAGING_YEAR}-0${i + 1}`,
        title: `Oppdrag ${i + 1}`,
        provenance: { startLine: 11 + i * 3, endLine: 12 + i * 3 },
      }),
    );
    const base = buildDocument().appropriations[0]!;
    const stored = await storeDocuments(app.database.db, [
      buildDocument({
        year: PAGING_YEAR,
        appropriations: [1, 21, 45, 70].map((post, i) => ({
          ...base,
          post,
          amount: 1_000 * (i + 1),
          provenance: { startLine: 5 + i, endLine: 5 + i },
        })),
        assignments,
        priorities: [1, 2, 3].map((n) => ({
          title: `Prioritering ${n}`,
          text: `Tekst ${n}`,
          provenance: { startLine: 33 + n, endLine: 33 + n },
        })),
        unparsed: [{ text: 'linje 39', provenance: { startLine: 39, endLine: 39 } }],
      }),
    ]);
    id = stored.documents[0]!.id;
    meta = DocumentDetail.parse((await app.inject({ url: `/api/documents/${id}` })).json());
  });

  it('indexes its parts: how many items each has, and where it is read', () => {
    expect(meta.parts).toEqual(
      DOCUMENT_PARTS.map((name) => ({
        name,
        count: expect.any(Number),
        url: `/api/documents/${id}/parts/${name}`,
      })),
    );
    const count = Object.fromEntries(meta.parts.map((p) => [p.name, p.count]));
    expect(count).toMatchObject({
      appropriations: 4,
      assignments: 7,
      otherItems: 3,
      unparsed: 1,
      lines: 40,
      corrections: 0,
    });
    // Nothing that grows with the letter is in the document's own answer.
    for (const part of DOCUMENT_PARTS) expect(meta).not.toHaveProperty(part);
  });

  it('gives every item once across small pages, in the order one page gives them', async () => {
    for (const part of DOCUMENT_PARTS) {
      const whole = await readPart(app, id, part);
      const paged = await readPart(app, id, part, { limit: part === 'lines' ? 7 : 2 });
      expect(paged, part).toEqual(whole);
      expect(whole.length, part).toBe(meta.parts.find((p) => p.name === part)!.count);
    }
    const assignments = await readPart(app, id, 'assignments', { limit: 3 });
    expect(new Set(assignments.map((a) => a.id)).size).toBe(7);
    expect(assignments.map((a) => a.registerId)).toEqual(
      Array.from({ length: 7 }, (_, i) => `TB${PAGING_YEAR}-0${i + 1}`),
    );
    const lines = await readPart(app, id, 'lines', { limit: 7 });
    expect(lines.map((l) => l.no)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(lines[9]).toEqual({ no: 10, text: 'linje 10' });
  });

  it('reads lines from any line, and the next page from where that one ended', async () => {
    const first = await app.inject({ url: `/api/documents/${id}/parts/lines?from=20&limit=3` });
    const page = first.json() as { items: unknown[]; total: number; nextCursor: string };
    expect(page.items).toEqual([
      { no: 20, text: 'linje 20' },
      { no: 21, text: 'linje 21' },
      { no: 22, text: 'linje 22' },
    ]);
    expect(page.total).toBe(40);
    const next = await app.inject({
      url: `/api/documents/${id}/parts/lines?limit=2&cursor=${page.nextCursor}`,
    });
    expect(next.json().items.map((l: { no: number }) => l.no)).toEqual([23, 24]);
    const last = await app.inject({ url: `/api/documents/${id}/parts/lines?from=39&limit=5` });
    expect(last.json()).toMatchObject({ items: [{ no: 39 }, { no: 40 }], nextCursor: null });
    const past = await app.inject({ url: `/api/documents/${id}/parts/lines?from=400` });
    expect(past.json()).toEqual({ items: [], total: 40, nextCursor: null });
  });

  it('refuses a cursor it did not give for that part, both a cursor and `from`, and too large a page', async () => {
    const assignmentsPage = (
      await app.inject({ url: `/api/documents/${id}/parts/assignments?limit=1` })
    ).json() as { nextCursor: string };
    const linesPage = (
      await app.inject({ url: `/api/documents/${id}/parts/lines?limit=1` })
    ).json() as { nextCursor: string };
    const refused = async (part: DocumentPartName, query: string) => {
      const res = await app.inject({ url: `/api/documents/${id}/parts/${part}?${query}` });
      return res.statusCode;
    };
    expect(await refused('lines', `cursor=${assignmentsPage.nextCursor}`)).toBe(400);
    expect(await refused('calendar', `cursor=${linesPage.nextCursor}`)).toBe(400);
    expect(await refused('assignments', 'cursor=not-a-cursor')).toBe(400);
    // A cursor made by hand with a position past what the column holds: refused, not a 500.
    const forged = encodeCursor('ord', [2 ** 40, randomUUID()], {});
    expect(await refused('assignments', `cursor=${forged}`)).toBe(400);
    expect(await refused('lines', 'from=99999999999')).toBe(400);
    expect(await refused('lines', `cursor=${linesPage.nextCursor}&from=3`)).toBe(400);
    expect(await refused('assignments', 'limit=501')).toBe(400);
    expect(await refused('lines', 'limit=2001')).toBe(400);
    expect(await refused('lines', 'limit=2000')).toBe(200);
  });
});

describe(`a document's ETags (${testDatabaseKind})`, () => {
  let app: App;
  let id: string;
  let assignmentId: string;
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers });
  /** The ETag of every answer of the document, by its path. */
  const tags = async (headers: Record<string, string> = {}) =>
    Object.fromEntries(
      await Promise.all(
        urls(id).map(
          async (url) => [url.split(id)[1] || '/', (await get(url, headers)).headers.etag] as const,
        ),
      ),
    );

  beforeAll(async () => {
    app = await testApp();
    const stored = await storeDocuments(app.database.db, [
      buildDocument({
        year: ETAG_YEAR,
        ministry: SAMPLE_MINISTRY,
        agency: SAMPLE_AGENCY,
        title: `Tildelingsbrev til ${SAMPLE_AGENCY} for ${ETAG_YEAR} (ETag)`,
        assignments: [
          buildAssignment({ assignedId: `TB${ETAG_YEAR}-01`, ownerDepartment: 'HFA' }),
          buildAssignment({
            assignedId: `TB${ETAG_YEAR}-02`,
            provenance: { startLine: 24, endLine: 25 },
          }),
        ],
      }),
    ]);
    id = stored.documents[0]!.id;
    assignmentId = (await readPart(app, id, 'assignments'))[0]!.id;
  });

  it('answers a repeat with 304 and no body, for the document and every part', async () => {
    for (const url of [...urls(id), `/api/documents/${id}/parts/lines?from=3&limit=2`]) {
      const first = await get(url);
      expect(first.statusCode).toBe(200);
      const etag = first.headers.etag as string;
      const again = await get(url, { 'if-none-match': etag });
      expect(again.statusCode, url).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(etag);
      // Weak comparison (GET), a list of tags, and another tag.
      expect((await get(url, { 'if-none-match': `"x", W/${etag}` })).statusCode).toBe(304);
      expect((await get(url, { 'if-none-match': '"x"' })).statusCode).toBe(200);
    }
    // Another page of the same part is another answer.
    const one = await get(`/api/documents/${id}/parts/lines?limit=5`);
    const other = await get(`/api/documents/${id}/parts/lines?limit=6`);
    expect(one.headers.etag).not.toBe(other.headers.etag);
  });

  it('tags what a caller may do: a signed-in reader and an anonymous one get different tags', async () => {
    const officer = await signIn(app, 'ministry-department-officer');
    const anonymous = await tags();
    const signedIn = await tags({ cookie: officer.cookie });
    for (const key of Object.keys(anonymous)) expect(signedIn[key], key).not.toBe(anonymous[key]);
    // The anonymous reader's 304 is no signed-in reader's: the officer's copy is not current.
    const url = `/api/documents/${id}`;
    const res = await get(url, { cookie: officer.cookie, 'if-none-match': anonymous['/']! });
    expect(res.statusCode).toBe(200);
    expect(res.json().abilities.correct).toBe(true);
  });

  it('changes the tags when a correction or an assignment status changes', async () => {
    const officer = await signIn(app, 'ministry-department-officer');
    const before = await tags({ cookie: officer.cookie });

    // A correction: the document (its counts and review), its items and the corrections change;
    // the source text does not, but every answer is tagged by the document's state as a whole.
    const corrected = await app.inject({
      method: 'POST',
      url: `/api/documents/${id}/corrections`,
      headers: officer.headers,
      payload: {
        itemKind: 'assignment',
        itemKey: `TB${ETAG_YEAR}-02`,
        change: { field: 'ownerDepartment', value: 'SHA' },
        reason: 'Avklart',
      },
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const afterCorrection = await tags({ cookie: officer.cookie });
    for (const key of ['/', '/parts/assignments', '/parts/corrections', '/parts/appropriations']) {
      expect(afterCorrection[key], key).not.toBe(before[key]);
    }
    expect(
      (await readPart(app, id, 'corrections', { headers: { cookie: officer.cookie } })).length,
    ).toBe(1);

    // An assignment's status: only the assignments part shows it.
    await changeStatus(app.database.db, system, assignmentId, {
      to: 'in-progress',
      expectedVersion: 1,
    });
    const afterStatus = await tags({ cookie: officer.cookie });
    expect(afterStatus['/parts/assignments']).not.toBe(afterCorrection['/parts/assignments']);
    expect(afterStatus['/']).toBe(afterCorrection['/']);
    expect(afterStatus['/parts/lines']).toBe(afterCorrection['/parts/lines']);
    const shown = await readPart(app, id, 'assignments');
    expect(shown.find((a) => a.id === assignmentId)?.status).toBe('in-progress');
  });

  it('changes the tags when the document is shared (a status change)', async () => {
    const officer = await signIn(app, 'ministry-department-officer');
    const { documentId } = await storeScopedDocument(app, 'draft', SAMPLE_AGENCY, {
      year: ETAG_YEAR,
    });
    const url = `/api/documents/${documentId}`;
    const headers = { cookie: officer.cookie };
    const draftTag = (await get(url, headers)).headers.etag!;
    const draftLines = (await get(`${url}/parts/lines`, headers)).headers.etag!;
    expect((await get(url, { ...headers, 'if-none-match': draftTag })).statusCode).toBe(304);
    const shared = await app.inject({
      method: 'POST',
      url: `${url}/status`,
      headers: { ...officer.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ to: 'shared', expectedVersion: 1 }),
    });
    expect(shared.statusCode, shared.body).toBe(200);
    const now = await get(url, { ...headers, 'if-none-match': draftTag });
    expect(now.statusCode).toBe(200);
    expect(now.json()).toMatchObject({
      status: 'shared',
      allowedTransitions: ['draft', 'published'],
    });
    const lines = await get(`${url}/parts/lines`, { ...headers, 'if-none-match': draftLines });
    expect(lines.statusCode).toBe(200);
  });

  it('changes an earlier version’s tag when a new version replaces it', async () => {
    const letter = buildDocument({ year: ETAG_YEAR });
    const first = (await storeDocuments(app.database.db, [letter])).documents[0]!;
    const before = (await get(`/api/documents/${first.id}`)).headers.etag;
    await storeDocuments(app.database.db, [
      { ...letter, appropriations: [{ ...letter.appropriations[0]!, amount: 175_500 }] },
    ]);
    const res = await get(`/api/documents/${first.id}`, { 'if-none-match': before! });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ isCurrent: false });
    expect(res.json().versions).toHaveLength(2);
  });
});
