import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ExtractedDocument } from '../../contract/letter';
import { documents } from '../../db/schema';
import { testDatabase, testDatabaseKind } from '../../db/testing';
import { testApp } from '../../testing/app';
import { buildDocument, storeDocuments } from '../../testing/factories';
import { buildApp, type App } from '../app';
import { ledgerRoutes } from './ledger';

let own: Promise<App> | undefined;
/** The shared test server once the ledger routes are wired into app.ts; until then, one with them. */
async function appWithLedger(): Promise<App> {
  const shared = await testApp();
  if (shared.hasRoute({ method: 'GET', url: '/api/ledger' })) return shared;
  own ??= (async () =>
    buildApp({
      database: await testDatabase(),
      webDir: '/nonexistent',
      extraRoutes: (scope) => void scope.register(ledgerRoutes),
    }))();
  return own;
}

const at = (startLine: number, endLine = startLine) => ({ startLine, endLine });

function series(): ExtractedDocument[] {
  const letter = buildDocument({
    sumLines: [{ chapter: 7000, tableChapter: 700, amount: 150_000, provenance: at(11) }],
  });
  const supplement = buildDocument({
    kind: 'supplement',
    number: 1,
    title: 'Tillegg til tildelingsbrev nr. 1 – Overføringer fra 2029',
    agency: letter.agency,
    appropriations: [
      {
        chapter: 700,
        chapterName: null,
        post: 1,
        postName: '',
        notes: [],
        amount: 2_500,
        previousYearAmount: null,
        comment: null,
        provenance: at(30),
      },
    ],
    assignments: [],
    totalsClaimed: [
      {
        chapter: 700,
        post: 1,
        heading: 'Kap 700.01',
        rows: [
          {
            label: 'Tildelingsbrev',
            source: { kind: 'letter' },
            amount: 150_000,
            provenance: at(35),
          },
          {
            label: 'Tillegg nr. 1',
            source: { kind: 'supplement', number: 1 },
            amount: 2_500,
            provenance: at(36),
          },
        ],
        total: { label: 'Tildeling totalt i 2030', amount: 152_500, provenance: at(37) },
        provenance: at(34, 37),
      },
    ],
    provenance: at(41, 60),
  });
  return [letter, supplement];
}

describe(`ledger API (${testDatabaseKind})`, () => {
  it('serves the ledger, the overview (json, csv, xlsx) and the checks of an agency year', async () => {
    const { db } = await testDatabase();
    const app = await appWithLedger();
    const stored = await storeDocuments(db, series());
    const [letterId, supplementId] = stored.documents.map((d) => d.id);
    const [row] = await db
      .select({ agencyId: documents.agencyId })
      .from(documents)
      .where(eq(documents.id, letterId!));
    const agency = row!.agencyId!;

    const ledger = await app.inject({
      method: 'GET',
      url: `/api/ledger?agency=${agency}&year=2030`,
    });
    expect(ledger.statusCode).toBe(200);
    expect(ledger.json().expenses).toMatchObject([
      {
        chapter: 700,
        post: 1,
        total: 152_500,
        entries: [
          { kind: 'allocation', amount: 150_000, runningTotal: 150_000 },
          { kind: 'carry-over', amount: 2_500, runningTotal: 152_500 },
        ],
      },
    ]);
    expect(ledger.json().documents.map((d: { id: string }) => d.id)).toEqual([
      letterId,
      supplementId,
    ]);

    const overview = await app.inject({
      method: 'GET',
      url: `/api/documents/${supplementId}/overview`,
    });
    expect(overview.statusCode).toBe(200);
    expect(overview.json().tables).toMatchObject([
      { chapter: 700, post: 1, total: 152_500, rows: [{ amount: 150_000 }, { amount: 2_500 }] },
    ]);

    const csv = await app.inject({
      method: 'GET',
      url: `/api/documents/${supplementId}/overview?format=csv`,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    expect(csv.body).toContain('Kapittel;Post;Dokument;Type endring;Beløp (i 1000 kr)');
    expect(csv.body).toContain('700;01;Tildeling totalt 2030;;152500');

    const xlsx = await app.inject({
      method: 'GET',
      url: `/api/documents/${supplementId}/overview?format=xlsx`,
    });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const values = wb.getWorksheet('Oversikt')!.getColumn(5).values;
    expect(values).toContain(152_500);

    const checks = await app.inject({
      method: 'GET',
      url: `/api/checks?agency=${agency}&year=2030`,
    });
    expect(checks.statusCode).toBe(200);
    expect(checks.json().findings).toMatchObject([
      {
        code: 'sum-chapter-mismatch',
        document: { id: letterId, kind: 'allocation-letter' },
        lines: [{ startLine: 11, endLine: 11 }],
      },
    ]);
  });

  it('answers 404 for an agency year or document the caller cannot read', async () => {
    const { db } = await testDatabase();
    const app = await appWithLedger();
    const stored = await storeDocuments(db, [buildDocument()]);
    const id = stored.documents[0]!.id;
    const [row] = await db
      .select({ agencyId: documents.agencyId })
      .from(documents)
      .where(eq(documents.id, id));
    await db.update(documents).set({ status: 'draft' }).where(eq(documents.id, id));
    const url = `/api/checks?agency=${row!.agencyId}&year=2030`;
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(404);
    const overview = await app.inject({ method: 'GET', url: `/api/documents/${id}/overview` });
    expect(overview.statusCode).toBe(404);
    const bad = await app.inject({ method: 'GET', url: '/api/ledger?agency=x&year=2030' });
    expect(bad.statusCode).toBe(400);
  });
});
