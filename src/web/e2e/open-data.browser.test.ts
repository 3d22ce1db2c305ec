/**
 * The open-data page (/apne-data) in a real browser, signed out: reached from the footer, it
 * lists the issued letters by year and agency with their files (never a draft; the newest year
 * at once, an older one when asked for), the licence and how to use the API; the files it
 * links download without signing in; axe-clean.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import type { Db } from '../../db/client';
import { documents } from '../../db/schema';
import { buildAssignment, buildDocument, storeDocuments } from '../../testing/factories';
import { audit, browserSuite, newPage } from './helpers';

/** Budget years of the open-data helper (no other test file uses them). */
const YEAR = 2064;
const AGENCY = 'Direktoratet for åpne prøvedata';
const TITLE = `Tildelingsbrev til ${AGENCY} for ${YEAR}`;
const DRAFT = `Tillegg nr. 1 til tildelingsbrev for ${AGENCY} ${YEAR}`;

const NEWER = YEAR + 1;
const NEWER_TITLE = `Tildelingsbrev til ${AGENCY} for ${NEWER}`;

async function seed(db: Db): Promise<void> {
  await storeDocuments(db, [
    buildDocument({
      year: NEWER,
      title: NEWER_TITLE,
      agency: AGENCY,
      ministry: 'Prøvedepartementet',
    }),
  ]);
  await storeDocuments(db, [
    buildDocument({
      year: YEAR,
      title: TITLE,
      agency: AGENCY,
      ministry: 'Prøvedepartementet',
      assignments: [buildAssignment({ id: `TB${YEAR}-01`, assignedId: `TB${YEAR}-01` })],
    }),
  ]);
  const draft = await storeDocuments(db, [
    buildDocument({
      kind: 'supplement',
      number: 1,
      year: YEAR,
      title: DRAFT,
      agency: AGENCY,
      ministry: 'Prøvedepartementet',
    }),
  ]);
  await db
    .update(documents)
    .set({ status: 'draft' })
    .where(eq(documents.id, draft.documents[0]!.id));
}

const suite = browserSuite({ seed, timeout: 120_000 });
let context: BrowserContext;

beforeAll(async () => {
  context = await suite.newContext();
});

afterAll(async () => {
  await context?.close();
});

describe('open data page', () => {
  it('lists the issued letters and their files for a visitor, with the licence', async () => {
    const page = await newPage(context);
    await page.goto(`${suite.base}/`);
    await page.getByRole('contentinfo').getByRole('link', { name: 'Åpne data' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Åpne data');
    expect(page.url()).toBe(`${suite.base}/apne-data`);
    expect(await page.title()).toBe('Åpne data – Tildel');

    const files = page.getByRole('region', { name: 'Filer per år og virksomhet' });
    // The newest year is listed at once; an older one only when asked for.
    const newer = files.getByRole('region', { name: `Budsjettåret ${NEWER}` });
    await newer.getByRole('link', { name: `${NEWER_TITLE} (JSON)` }).waitFor();
    const year = files.getByRole('region', { name: `Budsjettåret ${YEAR}` });
    await year.getByRole('link', { name: `Alt for ${YEAR} (zip)` }).waitFor();
    expect(await year.getByRole('link', { name: `${TITLE} (JSON)` }).count()).toBe(0);
    await year.getByRole('button', { name: `Vis filene for ${YEAR}` }).click();
    const letter = year.getByRole('link', { name: `${TITLE} (JSON)` });
    await letter.waitFor();
    expect(await files.getByText(DRAFT).count()).toBe(0);
    await year.getByRole('link', { name: `Alt for ${YEAR} (zip)` }).waitFor();
    const csv = year.getByRole('link', { name: `Bevilgninger, ${AGENCY} (CSV)` });
    await csv.waitFor();

    const licence = page.getByRole('region', { name: 'Lisens' });
    expect(
      await licence
        .getByRole('link', { name: 'Norsk lisens for offentlige data (NLOD) 2.0' })
        .getAttribute('href'),
    ).toBe('https://data.norge.no/nlod/no/2.0');
    const api = page.getByRole('region', { name: 'Bruk API-et' });
    expect(await api.locator('pre').textContent()).toContain(`${suite.base}/api/open/v1`);

    // The links download as they are, signed out (a fresh request context: no cookies).
    const json = await page.request.get(`${suite.base}${await letter.getAttribute('href')}`);
    expect(json.status()).toBe(200);
    const read = (await json.json()) as { documents: { title: string }[] };
    expect(read.documents.map((d) => d.title)).toEqual([TITLE]);
    const table = await page.request.get(`${suite.base}${await csv.getAttribute('href')}`);
    expect(table.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(await table.text()).toContain(';150000000;150000;');

    await audit(page, '40-apne-data');
    await page.close();
  });
});
