/**
 * The open-data API (/api/open/v1) through the real server, signed out: the index, a year, an
 * agency, a letter's JSON (in the import's schema, the same facts as stored), the two CSV
 * tables, the bulk zip; strong ETags and Last-Modified with 304s; CORS and the licence link
 * on every answer; draft and shared documents never published; one rate limit for the whole
 * prefix and a tighter one for the bulk zip (429); built files cached by a fingerprint; stored
 * readings of older imports published, one that does not fit left out (never failing the year).
 * Budget years 2064 and 2065 (no other test file uses them).
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { unzipSync, strFromU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { DryRunOutput, type ExtractedDocument } from '../../contract/letter';
import {
  APPROPRIATION_COLUMNS,
  ASSIGNMENT_COLUMNS,
  OpenAgency,
  OpenDataIndex,
  OpenYear,
} from '../../contract/open-data';
import { assignments, documents, organisations } from '../../db/schema';
import { testDatabase, testDatabaseKind } from '../../db/testing';
import { testApp } from '../../testing/app';
import { signIn } from '../../testing/auth';
import { factsOf } from '../../testing/facts';
import { buildAssignment, buildDocument, storeDocuments } from '../../testing/factories';
import { openDataCacheStats, slugOf } from '../../services/open-data';
import { changeDocumentStatus } from '../../services/document-status';
import { setOwnerDepartment } from '../../services/follow-up';
import { buildApp, type App } from '../app';

const YEAR = 2064;
const QUIET_YEAR = 2065;
const tag = randomUUID().slice(0, 8);
const AGENCY = `Åpenhetsdirektoratet ${tag}`;
const OTHER = `Kystverket for prøver ${tag}`;
const MINISTRY = 'Prøvedepartementet';
const base = '/api/open/v1';
const system = { kind: 'system', name: 'open-data-test' } as const;
const at = (startLine: number, endLine = startLine) => ({ startLine, endLine });
const deadline = (date: string, appliesTo: string | null = null) => ({
  date,
  text: `innen ${date}`,
  appliesTo,
  value: { kind: 'exact' as const, date },
});

const letter = buildDocument({
  year: YEAR,
  title: `Tildelingsbrev til ${AGENCY} for ${YEAR}`,
  agency: AGENCY,
  ministry: MINISTRY,
  date: `${YEAR}-01-12`,
  appropriations: [
    {
      chapter: 1790,
      chapterName: AGENCY,
      post: 1,
      postName: 'Driftsutgifter',
      notes: ['kan overføres'],
      amount: 321_500,
      previousYearAmount: null,
      comment: 'Merk; semikolon og "anførsel"',
      provenance: at(10),
    },
    {
      chapter: 1790,
      chapterName: AGENCY,
      post: 21,
      postName: 'Spesielle driftsutgifter',
      notes: [],
      amount: 12_000,
      previousYearAmount: null,
      comment: null,
      provenance: at(11),
    },
  ],
  assignments: [
    buildAssignment({
      id: `TB${YEAR}-01`,
      assignedId: `TB${YEAR}-01`,
      ownerDepartment: 'ØKA',
      title: 'Publisere åpne data',
      deadlines: [deadline(`${YEAR}-03-01`, 'a'), deadline(`${YEAR}-06-30`)],
    }),
    buildAssignment({
      id: `TB${YEAR}-02`,
      assignedId: `TB${YEAR}-02`,
      ownerDepartment: 'SHA',
      title: 'Rapportere om lisenser',
      deadlines: [deadline(`${YEAR}-10-01`)],
    }),
  ],
});

const supplement = (number: number, agency = AGENCY, year = YEAR): ExtractedDocument =>
  buildDocument({
    kind: 'supplement',
    number,
    year,
    title: `Tillegg nr. ${number} til tildelingsbrev for ${agency} ${year}`,
    agency,
    ministry: MINISTRY,
    date: `${year}-05-0${number}`,
    appropriations: [
      {
        chapter: 1790,
        chapterName: agency,
        post: 1,
        postName: 'Driftsutgifter',
        notes: [],
        amount: 1_000 * number,
        previousYearAmount: null,
        comment: null,
        provenance: at(12),
      },
    ],
    assignments: [
      buildAssignment({
        id: `TTB${year}-${String(number).padStart(2, '0')}`,
        assignedId: `TTB${year}-${String(number).padStart(2, '0')}`,
        title: `Tilleggsoppdrag ${number} ${tag}`,
        deadlines: [deadline(`${year}-11-0${number}`)],
      }),
    ],
  });

describe(`open data (${testDatabaseKind})`, () => {
  let app: App;
  let draftId: string;
  const slug = slugOf(AGENCY);

  beforeAll(async () => {
    app = await testApp();
    const db = app.database.db;
    const store = async (doc: ExtractedDocument, status: 'draft' | 'shared' | 'published') => {
      const id = (await storeDocuments(db, [doc])).documents[0]!.id;
      await db.update(documents).set({ status }).where(eq(documents.id, id));
      return id;
    };
    await store(letter, 'published');
    await store(supplement(1), 'published');
    draftId = await store(supplement(2), 'draft');
    await store(supplement(3), 'shared');
    // The other agency has only a letter shared with it in the quiet year: nothing public.
    await store(supplement(1, OTHER, QUIET_YEAR), 'shared');
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers });

  it('is public: the index names the licence and the years with issued letters only', async () => {
    const res = await get(base);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-expose-headers']).toContain('ETag');
    expect(res.headers.link).toBe('<https://data.norge.no/nlod/no/2.0>; rel="license"');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    const index = OpenDataIndex.parse(res.json());
    expect(index.licence).toMatchObject({
      id: 'NLOD-2.0',
      url: 'https://data.norge.no/nlod/no/2.0',
    });
    const years = index.years.map((y) => y.year);
    expect(years).toContain(YEAR);
    expect(years).not.toContain(QUIET_YEAR);
    expect(index.years.find((y) => y.year === YEAR)).toMatchObject({
      url: `${base}/years/${YEAR}`,
      bulk: `${base}/years/${YEAR}/bulk.zip`,
    });
    expect((await get(`${base}/years/${QUIET_YEAR}`)).statusCode).toBe(404);
    const licence = await get(`${base}/licence`);
    expect(licence.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(licence.body).toContain('NLOD');
    const schema = await get(`${base}/schema/letter.json`);
    expect(schema.statusCode).toBe(200);
    expect(schema.json()).toMatchObject({ type: 'object', required: ['documents'] });
  });

  it('lists a year by agency with the issued letters only, never a draft or a shared one', async () => {
    const res = await get(`${base}/years/${YEAR}`);
    expect(res.statusCode, res.body).toBe(200);
    const year = OpenYear.parse(res.json());
    const agency = year.agencies.find((a) => a.name === AGENCY)!;
    expect(agency.slug).toBe(slug);
    expect(slug).toMatch(/^apenhetsdirektoratet-/);
    expect(agency.letters.map((l) => [l.name, l.kind, l.number])).toEqual([
      ['tildelingsbrev', 'allocation-letter', null],
      ['tillegg-1', 'supplement', 1],
    ]);
    // (Titles with this run's agency: a database kept from earlier runs holds theirs.)
    expect(res.body).toContain(`Tillegg nr. 1 til tildelingsbrev for ${AGENCY}`);
    expect(res.body).not.toContain(`Tillegg nr. 2 til tildelingsbrev for ${AGENCY}`);
    expect(res.body).not.toContain(`Tillegg nr. 3 til tildelingsbrev for ${AGENCY}`);
    expect(year.agencies.some((a) => a.name === OTHER)).toBe(false);
    const one = await get(agency.url);
    expect(OpenAgency.parse(one.json())).toEqual(agency);
    for (const name of ['tillegg-2', 'tillegg-3']) {
      expect(
        (await get(`${base}/years/${YEAR}/agencies/${slug}/letters/${name}.json`)).statusCode,
      ).toBe(404);
    }
    expect((await get(`${base}/years/${YEAR}/agencies/nobody-${tag}`)).statusCode).toBe(404);
  });

  it("serves a letter as the import's output with the stored facts", async () => {
    const res = await get(`${base}/years/${YEAR}/agencies/${slug}/letters/tildelingsbrev.json`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const out = DryRunOutput.parse(res.json());
    expect(out.documents).toHaveLength(1);
    const doc = out.documents[0]!;
    // The published file's own name, never the name it was uploaded under.
    expect(doc.file).toBe(`${YEAR}-${slug}-tildelingsbrev.json`);
    const { file: _file, ...reading } = doc;
    expect(factsOf(reading)).toEqual(factsOf(letter));
    expect(reading.appropriations.map((a) => a.comment)).toEqual([
      'Merk; semikolon og "anførsel"',
      null,
    ]);
    // Printed as the dry run prints: two-space indentation, one document, the schema's key order.
    expect(res.body).toBe(`${JSON.stringify(out, null, 2)}\n`);
  });

  it('serves the appropriations as CSV for Norwegian Excel, in whole kroner', async () => {
    const res = await get(`${base}/years/${YEAR}/agencies/${slug}/appropriations.csv`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain(`${YEAR}-${slug}-appropriations.csv`);
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const lines = res.body.slice(1).split('\r\n');
    expect(lines[0]).toBe(APPROPRIATION_COLUMNS.join(';'));
    expect(lines.slice(1, -1)).toEqual([
      `${YEAR};${MINISTRY};${AGENCY};;tildelingsbrev;Tildelingsbrev til ${AGENCY} for ${YEAR};tildelingsbrev;;${YEAR}-01-12;1790;${AGENCY};01;Driftsutgifter;321500000;321500;kan overføres;"Merk; semikolon og ""anførsel"""`,
      `${YEAR};${MINISTRY};${AGENCY};;tildelingsbrev;Tildelingsbrev til ${AGENCY} for ${YEAR};tildelingsbrev;;${YEAR}-01-12;1790;${AGENCY};21;Spesielle driftsutgifter;12000000;12000;;`,
      `${YEAR};${MINISTRY};${AGENCY};;tillegg-1;Tillegg nr. 1 til tildelingsbrev for ${AGENCY} ${YEAR};tillegg;1;${YEAR}-05-01;1790;${AGENCY};01;Driftsutgifter;1000000;1000;;`,
    ]);
    expect(lines.at(-1)).toBe('');
  });

  it('serves the assignments as CSV with IDs, owners, status and deadlines', async () => {
    const res = await get(`${base}/years/${YEAR}/agencies/${slug}/assignments.csv`);
    expect(res.statusCode, res.body).toBe(200);
    const lines = res.body.slice(1).split('\r\n');
    expect(lines[0]).toBe(ASSIGNMENT_COLUMNS.join(';'));
    const rows = lines.slice(1, -1).map((l) => l.split(';'));
    const col = (name: (typeof ASSIGNMENT_COLUMNS)[number]) => ASSIGNMENT_COLUMNS.indexOf(name);
    expect(
      rows.map((r) => [
        r[col('brev')],
        r[col('oppdrag_id')],
        r[col('eieravdeling')],
        r[col('status')],
        r[col('frister')],
      ]),
    ).toEqual([
      ['tildelingsbrev', `TB${YEAR}-01`, 'ØKA', 'planned', `${YEAR}-03-01 (a) | ${YEAR}-06-30`],
      ['tildelingsbrev', `TB${YEAR}-02`, 'SHA', 'planned', `${YEAR}-10-01`],
      ['tillegg-1', `TTB${YEAR}-01`, 'FHA', 'planned', `${YEAR}-11-01`],
    ]);
    // The year's table holds this agency's rows among any others of the year.
    const year = await get(`${base}/years/${YEAR}/assignments.csv`);
    expect(year.body).toContain(`Tilleggsoppdrag 1 ${tag}`);
    expect(year.body).not.toContain(`Tilleggsoppdrag 2 ${tag}`);
    expect(year.body).not.toContain(`Tilleggsoppdrag 3 ${tag}`);
  });

  it('packs the year in a zip: README, licence, index, tables and every letter', async () => {
    const res = await get(`${base}/years/${YEAR}/bulk.zip`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toContain(`tildel-${YEAR}.zip`);
    const files = unzipSync(new Uint8Array(res.rawPayload));
    const names = Object.keys(files);
    expect(names.slice(0, 5)).toEqual([
      'README.txt',
      'LISENS.txt',
      'index.json',
      'appropriations.csv',
      'assignments.csv',
    ]);
    expect(names).toContain(`letters/${slug}/tildelingsbrev.json`);
    expect(names).toContain(`letters/${slug}/tillegg-1.json`);
    expect(names.some((n) => n.includes('tillegg-2') && n.includes(slug))).toBe(false);
    expect(strFromU8(files['LISENS.txt']!)).toContain('https://data.norge.no/nlod/no/2.0');
    const letterFile = await get(`${base}/years/${YEAR}/agencies/${slug}/letters/tillegg-1.json`);
    expect(strFromU8(files[`letters/${slug}/tillegg-1.json`]!)).toBe(letterFile.body);
    const table = await get(`${base}/years/${YEAR}/appropriations.csv`);
    // (Buffer keeps the BOM that TextDecoder would drop.)
    expect(Buffer.from(files['appropriations.csv']!).toString('utf8')).toBe(table.body);
    // Deterministic: the same content gives the same bytes, so the same ETag.
    const again = await get(`${base}/years/${YEAR}/bulk.zip`);
    expect(again.headers.etag).toBe(res.headers.etag);
    expect(Buffer.compare(again.rawPayload, res.rawPayload)).toBe(0);
  });

  it('answers conditional requests with 304, and a signed-in reader gets the same bytes', async () => {
    for (const url of [
      `${base}/years/${YEAR}`,
      `${base}/years/${YEAR}/agencies/${slug}/letters/tildelingsbrev.json`,
      `${base}/years/${YEAR}/appropriations.csv`,
      `${base}/years/${YEAR}/bulk.zip`,
    ]) {
      const first = await get(url);
      const etag = first.headers.etag as string;
      const lastModified = first.headers['last-modified'] as string;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
      expect(new Date(lastModified).getTime()).toBeGreaterThan(Date.UTC(2020, 0, 1));
      const same = await get(url, { 'if-none-match': etag });
      expect(same.statusCode, url).toBe(304);
      expect(same.body).toBe('');
      expect(same.headers.etag).toBe(etag);
      expect(same.headers['access-control-allow-origin']).toBe('*');
      expect((await get(url, { 'if-none-match': `W/${etag}, "other"` })).statusCode).toBe(304);
      expect((await get(url, { 'if-none-match': '"other"' })).statusCode).toBe(200);
      expect((await get(url, { 'if-modified-since': lastModified })).statusCode).toBe(304);
      const before = new Date(new Date(lastModified).getTime() - 1000).toUTCString();
      expect((await get(url, { 'if-modified-since': before })).statusCode).toBe(200);
      // If-None-Match wins over If-Modified-Since.
      expect(
        (await get(url, { 'if-none-match': '"other"', 'if-modified-since': lastModified }))
          .statusCode,
      ).toBe(200);
    }
    const reader = await signIn(app, 'ministry-reader');
    const url = `${base}/years/${YEAR}`;
    const signedIn = await get(url, { cookie: reader.cookie });
    expect(signedIn.headers.etag).toBe((await get(url)).headers.etag);
  });

  it('answers a CORS preflight for GET with the conditional headers', async () => {
    const res = await app.inject({
      method: 'OPTIONS',
      url: `${base}/years/${YEAR}`,
      headers: {
        origin: 'https://example.org',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'if-none-match',
      },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
    expect(res.headers['access-control-allow-headers']).toContain('If-None-Match');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('publishes a letter once it is issued: the year changes, with a new ETag', async () => {
    const url = `${base}/years/${YEAR}`;
    const before = await get(url);
    const db = app.database.db;
    const [doc] = await db
      .select({ statusVersion: documents.statusVersion })
      .from(documents)
      .where(eq(documents.id, draftId));
    const issued = await changeDocumentStatus(db, system, draftId, {
      to: 'published',
      expectedVersion: doc!.statusVersion,
    });
    expect(issued.kind).toBe('changed');
    const after = await get(url, { 'if-none-match': before.headers.etag as string });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(
      OpenYear.parse(after.json())
        .agencies.find((a) => a.slug === slug)!
        .letters.map((l) => l.name),
    ).toEqual(['tildelingsbrev', 'tillegg-1', 'tillegg-2']);
  });

  it('has one rate limit for the whole prefix, per address, and a tighter one for bulk.zip', async () => {
    const limited = await buildApp({
      database: await testDatabase(),
      webDir: '/nonexistent',
      auth: {
        rateLimits: {
          openData: { max: 3, timeWindow: 60_000 },
          openDataBulk: { max: 1, timeWindow: 60_000 },
        },
      },
    });
    try {
      const hit = (url: string, method: 'GET' | 'HEAD' = 'GET', remoteAddress = '127.0.0.1') =>
        limited.inject({ method, url, remoteAddress });
      // Spread over three routes (and a HEAD twin): one budget.
      expect((await hit(`${base}/licence`)).statusCode).toBe(200);
      expect((await hit(`${base}/schema/letter.json`, 'HEAD')).statusCode).toBe(200);
      expect((await hit(base)).statusCode).toBe(200);
      const fourth = await hit(`${base}/years/${YEAR}`);
      expect(fourth.statusCode).toBe(429);
      expect(fourth.headers['access-control-allow-origin']).toBe('*');
      expect(fourth.headers['retry-after']).toBeDefined();
      // A preflight is not counted.
      const preflight = await limited.inject({ method: 'OPTIONS', url: base });
      expect(preflight.statusCode).toBe(204);
      // Another address has its own budget; the bulk zip a tighter one (GET and HEAD share it).
      const other = '10.9.8.7';
      expect((await hit(`${base}/years/${YEAR}/bulk.zip`, 'GET', other)).statusCode).toBe(200);
      const again = await hit(`${base}/years/${YEAR}/bulk.zip`, 'HEAD', other);
      expect(again.statusCode).toBe(429);
      expect(again.headers['retry-after']).toBeDefined();
      expect((await hit(`${base}/licence`, 'GET', other)).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('builds a file once per change: a repeated GET, a HEAD or a 304 costs the fingerprint only', async () => {
    const db = app.database.db;
    const url = `${base}/years/${YEAR}/bulk.zip`;
    const first = await get(url);
    expect(first.statusCode).toBe(200);
    const builds = openDataCacheStats(db).builds;
    await get(url);
    await app.inject({ method: 'HEAD', url });
    expect((await get(url, { 'if-none-match': first.headers.etag as string })).statusCode).toBe(
      304,
    );
    await get(`${base}/years/${YEAR}`);
    await get(`${base}/years/${YEAR}/agencies/${slug}/assignments.csv`);
    expect(openDataCacheStats(db).builds).toBe(builds);
    expect(openDataCacheStats(db).bytes).toBeGreaterThan(0);
    // An organisation renamed (even in SQL, unaudited): the files change at once.
    const [agency] = await db
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.name, AGENCY));
    const renamed = `${AGENCY} (nytt navn)`;
    await db.update(organisations).set({ name: renamed }).where(eq(organisations.id, agency!.id));
    try {
      const after = await get(url, { 'if-none-match': first.headers.etag as string });
      expect(after.statusCode).toBe(200);
      expect(openDataCacheStats(db).builds).toBe(builds + 1);
      // (The agency's key follows its name: the year's table shows it.)
      const csv = await get(`${base}/years/${YEAR}/assignments.csv`);
      expect(csv.body).toContain(renamed);
    } finally {
      await db.update(organisations).set({ name: AGENCY }).where(eq(organisations.id, agency!.id));
    }
  });

  it("dates a file by every change it shows: an assignment's owner department too", async () => {
    const db = app.database.db;
    const url = `${base}/years/${YEAR}/agencies/${slug}/assignments.csv`;
    const before = await get(url);
    // Last-Modified has whole seconds: let one pass.
    await new Promise((r) => setTimeout(r, 1_100));
    const [row] = await db
      .select({ id: assignments.id, version: assignments.version })
      .from(assignments)
      .innerJoin(documents, eq(documents.id, assignments.documentId))
      .where(
        sql`${documents.isCurrent} and ${documents.status} = 'published' and ${assignments.registerId} = ${`TB${YEAR}-02`} and ${documents.agencyName} = ${AGENCY}`,
      );
    const out = await setOwnerDepartment(db, system, row!.id, {
      expectedVersion: row!.version,
      department: 'ØKA',
    });
    expect(out.kind).toBe('changed');
    const after = await get(url, {
      'if-modified-since': before.headers['last-modified'] as string,
    });
    expect(after.statusCode).toBe(200);
    expect(Date.parse(after.headers['last-modified'] as string)).toBeGreaterThan(
      Date.parse(before.headers['last-modified'] as string),
    );
  });

  it('keeps URLs stable: a newcomer with the same name or letter key gets the suffix', async () => {
    const db = app.database.db;
    const store = async (doc: ExtractedDocument) => {
      const id = (await storeDocuments(db, [doc])).documents[0]!.id;
      await db.update(documents).set({ status: 'published' }).where(eq(documents.id, id));
    };
    // Two agencies whose names give the same key: the first stored keeps it.
    const first = `Åsetaten ${tag}`;
    const second = `Asetaten ${tag}`;
    const doc = (agency: string, ministry = MINISTRY) =>
      buildDocument({
        year: YEAR,
        title: `Tildelingsbrev til ${agency} fra ${ministry}`,
        agency,
        ministry,
        date: `${YEAR}-01-20`,
      });
    await store(doc(first));
    await store(doc(second));
    // The first agency's letter from a second ministry, same kind and number.
    await store(doc(first, 'Annetdepartementet'));
    const year = OpenYear.parse((await get(`${base}/years/${YEAR}`)).json());
    const key = slugOf(first);
    expect(slugOf(second)).toBe(key);
    const a = year.agencies.find((x) => x.name === first)!;
    expect(a.slug).toBe(key);
    expect(year.agencies.find((x) => x.name === second)!.slug).toBe(`${key}-2`);
    expect(a.letters.map((l) => [l.name, l.ministry])).toEqual(
      expect.arrayContaining([
        ['tildelingsbrev', MINISTRY],
        ['tildelingsbrev-annetdepartementet', 'Annetdepartementet'],
      ]),
    );
  });

  it('publishes readings stored by an older importer, and leaves out one that does not fit', async () => {
    const db = app.database.db;
    const agency = `Eldre etat ${tag}`;
    const old = buildDocument({
      year: YEAR,
      title: `Tildelingsbrev til ${agency}`,
      agency,
      ministry: MINISTRY,
      date: `${YEAR}-01-15`,
      assignments: [buildAssignment({ id: `TB${YEAR}-09`, assignedId: `TB${YEAR}-09` })],
    });
    const [oldId, brokenId] = await Promise.all(
      [old, supplement(7, agency)].map(async (d) => {
        const id = (await storeDocuments(db, [d])).documents[0]!.id;
        await db.update(documents).set({ status: 'published' }).where(eq(documents.id, id));
        return id;
      }),
    );
    // As rows written before warnings had codes and before newer fields: text warnings, no
    // `totalsClaimed`, an assignment without `clarifies`.
    await db.execute(sql`
      update documents set extracted = jsonb_set(
          (extracted - 'totalsClaimed') || '{"warnings": ["An old warning in English"]}'::jsonb,
          '{assignments,0}', (extracted -> 'assignments' -> 0) - 'clarifies')
      where id = ${oldId}`);
    // One that no longer fits at all.
    await db.execute(
      sql`update documents set extracted = extracted || '{"kind": "memo"}'::jsonb where id = ${brokenId}`,
    );
    const key = slugOf(agency);
    const res = await get(`${base}/years/${YEAR}/agencies/${key}/letters/tildelingsbrev.json`);
    expect(res.statusCode, res.body).toBe(200);
    const doc = DryRunOutput.parse(res.json()).documents[0]!;
    expect(doc.warnings).toEqual([{ code: 'text', params: { text: 'An old warning in English' } }]);
    expect(doc.totalsClaimed).toEqual([]);
    expect(doc.assignments[0]!.clarifies).toBeNull();
    const broken = await get(`${base}/years/${YEAR}/agencies/${key}/letters/tillegg-7.json`);
    expect(broken.statusCode).toBe(404);
    const bulk = await get(`${base}/years/${YEAR}/bulk.zip`);
    expect(bulk.statusCode).toBe(200);
    const files = unzipSync(new Uint8Array(bulk.rawPayload));
    expect(Object.keys(files)).toContain(`letters/${key}/tildelingsbrev.json`);
    expect(Object.keys(files)).not.toContain(`letters/${key}/tillegg-7.json`);
    expect(strFromU8(files['README.txt']!)).not.toContain(`letters/${key}/tillegg-7.json`);
  });

  it('shows in the OpenAPI document under the tag open-data', async () => {
    const res = await get('/api/docs/json');
    const spec = res.json() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    const open = Object.entries(spec.paths).filter(([p]) => p.startsWith(base));
    expect(open.length).toBeGreaterThanOrEqual(8);
    for (const [, ops] of open) expect(ops.get?.tags).toEqual(['open-data']);
  });
});
