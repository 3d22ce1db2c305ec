/**
 * Imported letters for review (issue 13): a letter imported «til gjennomgang» is stored but not
 * issued — its ministry reads it, the agency and the public do not, and it counts in none of
 * their views — until an officer of the ministry approves the review, which issues it through
 * the document's status (audited, told to integrating systems). Approving accepts by number
 * what the importer was unsure of and no one corrected. Through the real server.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, documents, organisations } from '../../db/schema';
import { testDatabaseKind } from '../../db/testing';
import { testApp } from '../../testing/app';
import { signIn } from '../../testing/auth';
import { importSampleLetter, sampleLetterOpening } from '../../testing/sample-letter';
import { SAMPLE_AGENCY } from '../../services/users';
import type { App } from '../app';

/**
 * A letter of the sample ministry to the sample agency: one assignment the importer is sure of
 * and two without a deadline (unsure: `no-deadline`). Another `amount`: a changed letter.
 */
function letter(year: number, amount = '12 000'): Uint8Array {
  return new TextEncoder().encode(
    [
      ...sampleLetterOpening(year, amount),
      `TB${year}-01 Avd.KHD: HFA Kartlegge havbunnen`,
      'Direktoratet skal kartlegge havbunnen i Skagerrak.',
      `Frist: 1. september ${year}`,
      '',
      `TB${year}-02 Avd.KHD: HFA Utrede en ny havdatatjeneste`,
      'Direktoratet skal utrede en ny tjeneste for havdata.',
      '',
      `TB${year}-03 Avd.KHD: FHA Oppdatere havdatakatalogen`,
      'Direktoratet skal oppdatere katalogen.',
      '',
    ].join('\n'),
  );
}

/**
 * A letter whose second assignment runs on over a table of money (no heading between them): the
 * table's row and the assignment claim the same line.
 */
function letterWithTableInAssignment(year: number): Uint8Array {
  return new TextEncoder().encode(
    [
      ...sampleLetterOpening(year),
      `TB${year}-01 Avd.KHD: HFA Kartlegge havbunnen`,
      'Direktoratet skal kartlegge havbunnen i Skagerrak.',
      `Frist: 1. september ${year}`,
      '',
      `TB${year}-02 Avd.KHD: HFA Oppdatere havdatakatalogen`,
      'Direktoratet skal oppdatere katalogen. Til arbeidet gis:',
      '',
      'Kap. 1481 Havdata (i 1000 kr)',
      `Post Betegnelse ${year}`,
      '21 Spesielle driftsutgifter 3 000',
      '',
      'Direktoratet skal gjøre rede for bruken av midlene.',
      `Frist: 1. november ${year}`,
      '',
    ].join('\n'),
  );
}

type Headers = Record<string, string>;

/**
 * A budget year in which the sample agency has no document yet in this worker's database: test
 * files share it, and a fixed year collided with letters other files write for the sample
 * agency (annual-reports.db.test.ts writes one for its YEAR + 2, which was this file's 2097).
 */
async function freeYear(app: App): Promise<number> {
  const rows = await app.database.db
    .selectDistinct({ year: documents.year })
    .from(documents)
    .innerJoin(organisations, eq(organisations.id, documents.agencyId))
    .where(eq(organisations.name, SAMPLE_AGENCY));
  const taken = new Set(rows.map((r) => r.year));
  for (let year = 2099; year > 2030; year--) if (!taken.has(year)) return year;
  throw new Error('no free budget year for the sample agency');
}

describe(`imported letters under review (${testDatabaseKind})`, () => {
  it('are read by the ministry only, count nowhere, and are issued when an officer approves the review', async () => {
    const app = await testApp();
    const officer = await signIn(app, 'ministry-department-officer');
    const reader = await signIn(app, 'ministry-reader');
    const agency = await signIn(app, 'agency-coordinator');
    const year = await freeYear(app);

    const stored = await importSampleLetter(app, officer.headers, letter(year), { review: true });
    expect(stored).toMatchObject({ outcome: 'created', status: 'draft', version: 1 });
    const id = stored.id;
    const get = (url: string, headers: Headers = {}) => app.inject({ method: 'GET', url, headers });

    // The ministry reads it, not issued, with the two items the importer was unsure of open.
    const mine = await get(`/api/documents/${id}`, officer.headers);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({
      status: 'draft',
      openReviewItems: 2,
      allowedTransitions: ['shared', 'published'],
    });
    expect((await get(`/api/documents/${id}`, reader.headers)).statusCode).toBe(200);
    // The agency and the public do not read it …
    expect((await get(`/api/documents/${id}`, agency.headers)).statusCode).toBe(404);
    expect((await get(`/api/documents/${id}`)).statusCode).toBe(404);
    // … and it counts in none of their views: documents, the register, the ledger, open data.
    const agencyId = mine.json().agencyId as string;
    const listed = async (headers: Headers) =>
      ((await get(`/api/documents?year=${year}`, headers)).json().items as { id: string }[]).some(
        (d) => d.id === id,
      );
    expect(await listed({})).toBe(false);
    expect(await listed(agency.headers)).toBe(false);
    expect(await listed(officer.headers)).toBe(true);
    const register = async (headers: Headers) =>
      (
        (await get(`/api/assignments?year=${year}`, headers)).json().items as {
          registerId: string;
        }[]
      )
        .map((a) => a.registerId)
        .sort();
    expect(await register({})).toEqual([]);
    expect(await register(agency.headers)).toEqual([]);
    const ledger = `/api/ledger?agency=${agencyId}&year=${year}`;
    expect((await get(ledger, agency.headers)).statusCode).toBe(404);
    expect((await get(ledger)).statusCode).toBe(404);
    expect((await get(`/api/open/v1/years/${year}`)).statusCode).toBe(404);

    // Approving is the status change to published: refused to those who may not issue …
    const approve = (headers: Headers, body: Record<string, unknown>) =>
      app.inject({
        method: 'POST',
        url: `/api/documents/${id}/status`,
        headers: { ...headers, 'content-type': 'application/json' },
        payload: { to: 'published', expectedVersion: 1, ...body },
      });
    expect((await approve(agency.headers, {})).statusCode).toBe(403);
    expect((await approve(reader.headers, { acceptUncertain: 2 })).statusCode).toBe(403);
    // … and, while items the importer was unsure of are open, to an officer who does not accept
    // that many of them as read.
    const incomplete = await approve(officer.headers, {});
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.json()).toMatchObject({
      error: 'review-incomplete',
      current: { status: 'draft', version: 1 },
    });
    expect(incomplete.json().message).toMatch(/^2 items the importer was unsure of/);

    // A correction closes one of them.
    const corrected = await app.inject({
      method: 'POST',
      url: `/api/documents/${id}/corrections`,
      headers: { ...officer.headers, 'content-type': 'application/json' },
      payload: {
        itemKind: 'assignment',
        itemKey: `TB${year}-02`,
        change: { field: 'title', value: 'Utrede en ny tjeneste for havdata' },
        reason: 'Tittelen slik brevet mener den; fristen kommer i et tillegg.',
      },
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect((await get(`/api/documents/${id}`, officer.headers)).json().openReviewItems).toBe(1);
    const stale = await approve(officer.headers, { acceptUncertain: 2 });
    expect(stale.statusCode).toBe(422);
    expect(stale.json().message).toMatch(/^1 item the importer was unsure of is not corrected/);

    const approved = await approve(officer.headers, {
      acceptUncertain: 1,
      comment: 'Gjennomgått mot det signerte brevet.',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      document: { status: 'published', version: 2, allowedTransitions: [] },
      event: { from: 'draft', to: 'published', comment: 'Gjennomgått mot det signerte brevet.' },
    });

    // Now everyone reads it and it counts.
    const open = await get(`/api/documents/${id}`);
    expect(open.statusCode).toBe(200);
    expect(open.json()).toMatchObject({ status: 'published', openReviewItems: null });
    expect((await get(`/api/documents/${id}`, agency.headers)).statusCode).toBe(200);
    expect(await listed({})).toBe(true);
    expect(await register(agency.headers)).toEqual([
      `TB${year}-01`,
      `TB${year}-02`,
      `TB${year}-03`,
    ]);
    const issuedLedger = await get(ledger, agency.headers);
    expect(issuedLedger.statusCode).toBe(200);
    expect(issuedLedger.json().totals.expense).toBe(12_000);
    expect((await get(`/api/open/v1/years/${year}`)).statusCode).toBe(200);

    // The audit trail has the import as stored for review, and the approval with its comment
    // and how many uncertain items it accepted.
    const entries = await app.database.db
      .select({ action: auditLog.action, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.objectType, 'document'), eq(auditLog.objectId, id)))
      .orderBy(auditLog.seq);
    expect(entries.map((e) => e.action)).toEqual([
      'import.create',
      'document.correct',
      'document.status',
    ]);
    expect(entries[0]!.after).toMatchObject({ status: 'draft' });
    expect(entries[2]!.after).toMatchObject({
      status: 'published',
      comment: 'Gjennomgått mot det signerte brevet.',
      acceptedUncertain: 1,
    });
  });

  it('keeps a letter under review under review when it is imported again, with its corrections; an issued one stays issued', async () => {
    const app = await testApp();
    const officer = await signIn(app, 'ministry-department-officer');
    const year = await freeYear(app);
    const first = await importSampleLetter(app, officer.headers, letter(year), { review: true });
    expect(first.status).toBe('draft');
    const fix = await app.inject({
      method: 'POST',
      url: `/api/documents/${first.id}/corrections`,
      headers: { ...officer.headers, 'content-type': 'application/json' },
      payload: {
        itemKind: 'assignment',
        itemKey: `TB${year}-03`,
        change: { field: 'ownerDepartment', value: 'HFA' },
        reason: 'Avdelingen som følger opp katalogen.',
      },
    });
    expect(fix.statusCode, fix.body).toBe(200);

    // The same bytes again: unchanged, still under review.
    expect(await importSampleLetter(app, officer.headers, letter(year))).toMatchObject({
      id: first.id,
      outcome: 'unchanged',
      status: 'draft',
    });
    // A changed letter, imported without asking for review: a new version, still under review,
    // with the correction applied again (and still counted as closed).
    const next = await importSampleLetter(app, officer.headers, letter(year, '12 500'));
    expect(next).toMatchObject({ outcome: 'new-version', version: 2, status: 'draft' });
    const doc = await app.inject({
      method: 'GET',
      url: `/api/documents/${next.id}`,
      headers: officer.headers,
    });
    expect(doc.json()).toMatchObject({ status: 'draft', openReviewItems: 1 });
    const assignments = await app.inject({
      method: 'GET',
      url: `/api/documents/${next.id}/parts/assignments`,
      headers: officer.headers,
    });
    expect(
      (assignments.json().items as { registerId: string; ownerDepartment: string | null }[]).find(
        (a) => a.registerId === `TB${year}-03`,
      )?.ownerDepartment,
    ).toBe('HFA');
    expect((await app.inject({ method: 'GET', url: `/api/documents/${next.id}` })).statusCode).toBe(
      404,
    );
  });

  it('shows an item that shares lines with another as unsure, names both in a warning, and counts it open', async () => {
    const app = await testApp();
    const officer = await signIn(app, 'ministry-department-officer');
    const year = await freeYear(app);
    const stored = await importSampleLetter(
      app,
      officer.headers,
      letterWithTableInAssignment(year),
      {
        review: true,
      },
    );
    const get = (url: string) => app.inject({ method: 'GET', url, headers: officer.headers });
    const part = async (name: string) =>
      (await get(`/api/documents/${stored.id}/parts/${name}`)).json().items as {
        registerId?: string;
        chapter?: number;
        post?: number;
        review: { confidence: string; reasons: string[] };
      }[];

    const assignments = await part('assignments');
    expect(assignments.find((a) => a.registerId === `TB${year}-02`)?.review).toMatchObject({
      confidence: 'low',
      reasons: ['shares-lines'],
    });
    expect(assignments.find((a) => a.registerId === `TB${year}-01`)?.review.confidence).toBe(
      'high',
    );
    const rows = await part('appropriations');
    expect(rows.find((r) => r.chapter === 1481 && r.post === 21)?.review.reasons).toEqual([
      'shares-lines',
    ]);
    expect(rows.find((r) => r.chapter === 1480 && r.post === 1)?.review.confidence).toBe('high');
    const warnings = (await part('warnings')) as unknown as { code: string; params: object }[];
    expect(warnings.filter((w) => w.code === 'lines-read-twice')).toEqual([
      expect.objectContaining({
        code: 'lines-read-twice',
        params: expect.objectContaining({ first: `TB${year}-02`, second: 'kap. 1481 post 21' }),
      }),
    ]);
    expect((await get(`/api/documents/${stored.id}`)).json().openReviewItems).toBe(2);
  });

  it('issues at once by default, and a new version of an issued letter stays issued even if review is asked', async () => {
    const app = await testApp();
    const officer = await signIn(app, 'ministry-department-officer');
    const year = await freeYear(app);
    const issued = await importSampleLetter(app, officer.headers, letter(year));
    expect(issued).toMatchObject({ outcome: 'created', status: 'published' });
    const next = await importSampleLetter(app, officer.headers, letter(year, '12 500'), {
      review: true,
    });
    expect(next).toMatchObject({ outcome: 'new-version', status: 'published' });
    const read = await app.inject({ method: 'GET', url: `/api/documents/${next.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ status: 'published', openReviewItems: null });
  });
});
