/**
 * The server's sign-in page in bokmål, nynorsk or English: `?lang=` (kept in a cookie), else
 * that cookie, else the browser's Accept-Language, else bokmål; `<html lang>` says which.
 */
import { describe, expect, it } from 'vitest';
import { ensureLocalUsers } from '../../services/users';
import { testApp } from '../../testing/app';

describe('the sign-in page’s language', () => {
  it('follows ?lang=, then its cookie, then Accept-Language, else bokmål', async () => {
    const app = await testApp();
    await ensureLocalUsers(app.database.db);
    const page = (url: string, headers: Record<string, string> = {}) =>
      app.inject({ method: 'GET', url, headers });

    const plain = await page('/logg-inn');
    expect(plain.statusCode).toBe(200);
    expect(plain.body).toContain('<html lang="nb">');
    expect(plain.body).toContain('<h1>Logg inn i Tildel</h1>');
    expect(plain.body).toContain('<legend>Velg eksempelbruker</legend>');
    expect(plain.body).toMatch(/name="csrf" value="[^"]+"/);

    const nn = await page('/logg-inn?lang=nn&returnTo=/oppdrag');
    expect(nn.body).toContain('<html lang="nn">');
    expect(nn.body).toContain('<legend>Vel eksempelbrukar</legend>');
    expect(nn.body).toContain('saksbehandlar i departementet');
    expect(nn.body).toContain('href="/logg-inn?lang=en&amp;returnTo=%2Foppdrag"');
    const cookie = [nn.headers['set-cookie']].flat().find((c) => c?.startsWith('tildel_lang='));
    expect(cookie).toMatch(/^tildel_lang=nn;/);
    // The web client's switch reads and writes the same cookie, for every path.
    expect(cookie).toMatch(/; Path=\/(;|$)/);
    expect(cookie).not.toMatch(/HttpOnly/i);

    const remembered = await page('/logg-inn', { cookie: 'tildel_lang=en' });
    expect(remembered.body).toContain('<html lang="en">');
    expect(remembered.body).toContain('<h1>Sign in to Tildel</h1>');
    expect(remembered.body).toContain('case officer in the ministry');
    expect(remembered.body).not.toMatch(/Logg inn|eksempelbruker/);

    const browser = await page('/logg-inn', { 'accept-language': 'nn-NO, en;q=0.5' });
    expect(browser.body).toContain('<html lang="nn">');
    const asked = await page('/logg-inn?lang=nb', {
      cookie: 'tildel_lang=en',
      'accept-language': 'en',
    });
    expect(asked.body).toContain('<html lang="nb">');

    // An error shown again is in the language too; an unknown language is refused.
    const error = await page('/logg-inn?feil=bruker&lang=en');
    expect(error.body).toContain('Choose one of the sample users.');
    expect((await page('/logg-inn?lang=se')).statusCode).toBe(400);
  });
});
