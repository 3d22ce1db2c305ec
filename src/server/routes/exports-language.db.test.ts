/**
 * Exported files in the reader's language: the overview (CSV, XLSX) and the assignment register
 * take `?lang=`, else the signed-in person's language setting, else the browser's
 * Accept-Language, else bokmål.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../testing/app';
import { signIn } from '../../testing/auth';
import { buildDocument, storeDocuments } from '../../testing/factories';

/** A year no other test file uses (the database is shared per worker). */
const YEAR = 2074;

async function sheetOf(payload: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(payload as unknown as ArrayBuffer);
  return book.worksheets[0]!;
}

describe('exported files in the reader’s language', () => {
  it('the overview and the register: lang, then the person’s setting, then Accept-Language', async () => {
    const app = await testApp();
    const letter = buildDocument({ year: YEAR, title: `Tildelingsbrev for ${YEAR}` });
    const stored = await storeDocuments(app.database.db, [letter]);
    const id = stored.documents[0]!.id;
    const csv = async (query: string, headers: Record<string, string> = {}) => {
      const res = await app.inject({
        url: `/api/documents/${id}/overview?format=csv${query}`,
        headers,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.body.split('\r\n')[3];
    };
    expect(await csv('')).toBe('Kapittel;Post;Dokument;Type endring;Beløp (i 1000 kr)');
    expect(await csv('&lang=en')).toBe('Chapter;Post;Document;Kind of change;Amount (NOK 1,000)');
    expect(await csv('', { 'accept-language': 'en-GB,en;q=0.9' })).toMatch(/^Chapter;/);
    expect(await csv('&lang=nb', { 'accept-language': 'en' })).toMatch(/^Kapittel;/);
    const nn = await app.inject({ url: `/api/documents/${id}/overview?format=xlsx&lang=nn` });
    expect((await sheetOf(nn.rawPayload)).getRow(3 + 1).getCell(1).value).toBe('Kapittel');
    const en = await app.inject({ url: `/api/documents/${id}/overview?format=xlsx&lang=en` });
    expect((await sheetOf(en.rawPayload)).name).toBe('Overview');
    expect(
      (await app.inject({ url: `/api/documents/${id}/overview?format=csv&lang=se` })).statusCode,
    ).toBe(400);

    // A signed-in person's setting wins over the browser's.
    const me = await signIn(app, 'auditor');
    const put = (language: string) =>
      app.inject({
        method: 'PUT',
        url: '/api/me/settings',
        headers: me.headers,
        payload: { ...original, language },
      });
    const original = (
      await app.inject({ url: '/api/me/settings', headers: me.headers })
    ).json() as Record<string, unknown>;
    try {
      expect((await put('en')).statusCode).toBe(200);
      expect(await csv('', { ...me.headers, 'accept-language': 'nn' })).toMatch(/^Chapter;/);
      expect(await csv('&lang=nn', me.headers)).toMatch(/^Kapittel;/);
      const register = async (query: string) => {
        const res = await app.inject({
          url: `/api/assignments/export.xlsx?year=${YEAR}${query}`,
          headers: me.headers,
        });
        expect(res.statusCode, res.body).toBe(200);
        return sheetOf(res.rawPayload);
      };
      const english = await register('');
      expect(english.name).toBe('Assignments');
      expect(english.getRow(1).getCell(3).value).toBe('Agency');
      const nynorsk = await register('&lang=nn');
      expect(nynorsk.name).toBe('Oppdrag');
      expect(nynorsk.getRow(1).getCell(3).value).toBe('Verksemd');
      expect((await register('&lang=nb')).getRow(1).getCell(3).value).toBe('Virksomhet');
    } finally {
      await put(String(original.language ?? 'nb'));
    }
  });
});
