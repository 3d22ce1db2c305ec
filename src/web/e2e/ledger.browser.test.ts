/**
 * The ledger page of one agency's year, as a budget officer uses it: earmarks stand under
 * their post in a column of their own (never as a change), a sentence naming two amounts is
 * shown once, last year's figure stands in "I fjor" where the letter printed it, the expense
 * and income tables line up, and a finding is acknowledged with a comment that is still there
 * after a reload. Every state is checked with axe and photographed; at phone width the tables
 * scroll sideways in their own box with a visible hint. A link that names the agency (made
 * before pages named agencies by id) still opens it, and the address then holds the id.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { Db } from '../../db/client';
import { SAMPLE_AGENCY, SAMPLE_MINISTRY } from '../../services/users';
import { buildDocument, storeDocuments } from '../../testing/factories';
import { audit, browserSuite, signInByClicking, type TestPage } from './helpers';

const YEAR = 2039;
const at = (startLine: number, endLine = startLine) => ({ startLine, endLine });
const TWO_AMOUNTS =
  'Av midlene på kap. 1480 post 21 er 4 mill. kroner knyttet til A og 2 mill. kroner til B.';

async function seed(db: Db): Promise<void> {
  const line = (post: number, amount: number, previous: number | null, no: number) => ({
    chapter: post === 2 ? 4480 : 1480,
    chapterName: SAMPLE_AGENCY,
    post,
    postName: post === 2 ? 'Salg av datatjenester' : 'Spesielle driftsutgifter',
    notes: [],
    amount,
    previousYearAmount: previous,
    comment: null,
    provenance: at(no),
  });
  await storeDocuments(db, [
    buildDocument({
      year: YEAR,
      title: `Tildelingsbrev til ${SAMPLE_AGENCY} for ${YEAR}`,
      ministry: SAMPLE_MINISTRY,
      agency: SAMPLE_AGENCY,
      appropriations: [line(21, 38_900, 35_000, 10), line(2, 18_200, null, 20)],
      earmarks: [
        { chapter: 1480, post: 21, amount: 4_000, text: TWO_AMOUNTS, provenance: at(12, 13) },
        { chapter: 1480, post: 21, amount: 2_000, text: TWO_AMOUNTS, provenance: at(12, 13) },
      ],
      // Printed wrong: the ledger says 38 900.
      sumLines: [{ chapter: 1480, tableChapter: 1480, amount: 39_000, provenance: at(11) }],
      assignments: [],
    }),
  ]);
}

const suite = browserSuite({ seed, localUsers: true });

/** The text of each cell of `row`, in column order, keyed by the column's header. */
async function cellsByHeader(page: Page, table: string, rowText: string) {
  const t = page.getByRole('table', { name: table });
  const headers = await t.locator('thead th').allTextContents();
  const row = t.locator('tbody tr', { hasText: rowText }).first();
  const cells = await row.locator('td, th').allTextContents();
  return Object.fromEntries(headers.map((h, i) => [h, (cells[i] ?? '').trim()]));
}

const SLOW = 120_000;

describe('the ledger page in the browser', () => {
  let context: BrowserContext;
  let page: TestPage;
  beforeAll(async () => {
    ({ context, page } = await suite.openPage());
  });
  afterAll(async () => {
    await context.close();
  });

  it(
    'shows earmarks apart from changes, last year, and aligned tables',
    async () => {
      await page.goto(`${suite.base}/`);
      await signInByClicking(page, 'Bjørn Berg');
      await page.goto(
        `${suite.base}/bevilgninger?aar=${YEAR}&virksomhet=${encodeURIComponent(SAMPLE_AGENCY)}`,
      );
      const expenses = page.getByRole('table', { name: /Utgiftsbevilgninger/ });
      await expenses.waitFor({ timeout: 30_000 });
      // The link named the agency (as links did before ids): the page found it, and the address
      // now names it by id.
      expect(await page.locator('h1').textContent()).toBe(
        `Bevilgninger for ${SAMPLE_AGENCY} ${YEAR}`,
      );
      expect(new URL(page.url()).searchParams.get('virksomhet')).toMatch(/^[0-9a-f-]{36}$/);
      expect(new URL(page.url()).searchParams.get('aar')).toBe(String(YEAR));

      // The earmark row: its amounts in "Hvorav", nothing in "Endring"; the sentence once.
      const earmark = await cellsByHeader(
        page,
        'Utgiftsbevilgninger per kapittel og post, i tusen kroner',
        'knyttet til A',
      );
      expect(earmark['Endring']).toBe('');
      expect(earmark['Hvorav']).toMatch(/4\s000\s*2\s000/u);
      expect(await page.getByText(TWO_AMOUNTS, { exact: false }).count()).toBe(1);

      // Last year's figure, where the letter printed it.
      const letter = await cellsByHeader(
        page,
        'Utgiftsbevilgninger per kapittel og post, i tusen kroner',
        'Tildelingsbrev',
      );
      expect(letter['I fjor']).toMatch(/35\s000/u);
      expect(letter['Endring']).toMatch(/38\s900/u);
      // A budget officer reads the ledger but exports no archive extract: no link to one.
      expect(await page.getByRole('link', { name: /arkivuttrekk/i }).count()).toBe(0);

      // Expense and income tables share their column widths; the amount headers keep one line.
      const widths = (name: RegExp) =>
        page
          .getByRole('table', { name })
          .locator('thead th')
          .evaluateAll((ths) => ths.map((th) => Math.round(th.getBoundingClientRect().width)));
      expect(await widths(/Inntektsbevilgninger/)).toEqual(await widths(/Utgiftsbevilgninger/));
      const heights = await page
        .locator('.ledger-table thead th.num')
        .evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().height));
      expect(Math.max(...heights) - Math.min(...heights)).toBeLessThan(2);
      await audit(page, 'ledger-1280');
    },
    SLOW,
  );

  it(
    'acknowledges a finding with a comment, still shown after a reload',
    async () => {
      const finding = page.locator('.finding', { hasText: 'Sum for kap. 1480' }).first();
      await finding.getByText('Åpent').waitFor();
      await finding.getByRole('button', { name: 'Kvitter ut' }).click();
      await finding.getByRole('button', { name: 'Bekreft utkvittering' }).click();
      await finding.getByText('Skriv en kommentar før du kvitterer ut').waitFor();
      await finding.getByLabel('Kommentar').fill('Trykkfeil i brevet, avklart med etaten.');
      await finding.getByRole('button', { name: 'Bekreft utkvittering' }).click();
      await finding.getByText('Avviket er kvittert ut.').waitFor();
      await audit(page, 'ledger-finding-acknowledged');

      await page.reload();
      const again = page.locator('.finding', { hasText: 'Sum for kap. 1480' }).first();
      await again.getByText('Kvittert ut', { exact: true }).waitFor({ timeout: 30_000 });
      await again.getByText(/Kvittert ut av Bjørn Berg/).waitFor();
      await again.getByText('Kommentar: Trykkfeil i brevet, avklart med etaten.').waitFor();
      await again.getByRole('button', { name: 'Gjenåpne' }).waitFor();
    },
    SLOW,
  );

  it(
    "gives the ministry's archivist the agency-year's archive extract to download",
    async () => {
      const { context: own, page: archivist } = await suite.openPage();
      try {
        await archivist.goto(`${suite.base}/`);
        await signInByClicking(archivist, 'Astrid Arkiv');
        await archivist.goto(
          `${suite.base}/bevilgninger?aar=${YEAR}&virksomhet=${encodeURIComponent(SAMPLE_AGENCY)}`,
        );
        const link = archivist.getByRole('link', { name: 'Last ned arkivuttrekk (Noark 5)' });
        await link.waitFor({ timeout: 30_000 });
        const [download] = await Promise.all([archivist.waitForEvent('download'), link.click()]);
        expect(download.suggestedFilename()).toMatch(/\.zip$/);
        const path = await download.path();
        const bytes = readFileSync(path);
        // A zip (local file header), holding the Noark 5 structure.
        expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
        expect(bytes.includes(Buffer.from('arkivstruktur.xml'))).toBe(true);
        await audit(archivist, 'ledger-archivist');
      } finally {
        await own.close();
      }
    },
    SLOW,
  );

  it(
    'scrolls the tables sideways inside their box at phone width, with a hint',
    async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      const box = page.getByRole('region', { name: /Utgiftsbevilgninger/ });
      const overflow = await box.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBeGreaterThan(0);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);
      await expect
        .poll(() =>
          page
            .getByText(/sveip sideveis/)
            .first()
            .isVisible(),
        )
        .toBe(true);
      await audit(page, 'ledger-390');
    },
    SLOW,
  );
});
