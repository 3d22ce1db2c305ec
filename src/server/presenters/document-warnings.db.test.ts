/**
 * Import warnings leave the API as codes with values; a document stored before warnings had
 * codes (its warnings English text) is sent with each text as the warning `text`.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DocumentWarningsPage } from '../../contract/document';
import { documents } from '../../db/schema';
import { testApp } from '../../testing/app';
import { buildDocument, storeDocuments } from '../../testing/factories';

/** A year no other test file uses (the database is shared per worker). */
const YEAR = 2073;

describe('import warnings through the API', () => {
  it('sends codes with values, and a stored English text as the warning `text`', async () => {
    const app = await testApp();
    const warning = { code: 'amount-dash' as const, params: { chapter: 700, post: '01', line: 9 } };
    const stored = await storeDocuments(app.database.db, [
      buildDocument({
        year: YEAR,
        title: `Tildelingsbrev ${YEAR} med advarsel`,
        warnings: [warning],
      }),
    ]);
    const id = stored.documents[0]!.id;
    const read = async () =>
      (
        await app.inject({ url: `/api/documents/${id}/parts/warnings` })
      ).json() as DocumentWarningsPage;
    expect((await read()).items).toEqual([warning]);

    const old = '1 allocation(s) read from running text without a printed post name';
    await app.database.db
      .update(documents)
      .set({ warnings: [old] })
      .where(eq(documents.id, id));
    expect((await read()).items).toEqual([{ code: 'text', params: { text: old } }]);
  });
});
