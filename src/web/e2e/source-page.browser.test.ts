/**
 * An item's page of the PDF a letter was imported from, in a real browser: a ministry officer
 * imports a small PDF (made here with pdf-lib, text written for this test) for review, opens an
 * assignment's page view on the document page, and sees the page drawn (a canvas with ink on
 * it, named for the page) with the assignment's lines marked, the source lines beside it; on a
 * phone's width the page scrolls no sideways. Checked with axe (WCAG 2.1 A/AA).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { twoPageLetterPdf, twoPageLetterTitle } from '../../testing/two-page-letter';
import { audit, browserSuite, newPage, signInByClicking, type TestPage } from './helpers';

const YEAR = 2100;
const TITLE = twoPageLetterTitle(YEAR);

const suite = browserSuite({ localUsers: true });

describe('the page of an item in the review of a PDF', () => {
  let context: BrowserContext;
  let page: TestPage;

  beforeAll(async () => {
    context = await suite.newContext();
    page = await newPage(context);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('is drawn with the item marked, beside its source lines', async () => {
    await page.goto(`${suite.base}/import`);
    await signInByClicking(page, 'Dina Dahl');
    await page
      .getByLabel('Filer')
      .setInputFiles([
        { name: 'brev.pdf', mimeType: 'application/pdf', buffer: await twoPageLetterPdf(YEAR) },
      ]);
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByText('Opprettet', { exact: true }).first().waitFor({ timeout: 90_000 });
    await page.getByRole('region', { name: TITLE }).getByRole('link', { name: TITLE }).click();
    await page.getByRole('region', { name: 'Dokumentets status' }).waitFor();

    const show = page.getByRole('button', { name: new RegExp(`^Vis siden\\W+TB${YEAR}-02$`) });
    await show.click();
    const canvas = page.getByRole('img', {
      name: 'Side 2 av 2 i brev.pdf, med kilden merket',
    });
    await canvas.waitFor({ timeout: 30_000 });
    const hide = page.getByRole('button', { name: new RegExp(`^Skjul siden\\W+TB${YEAR}-02$`) });
    expect(await hide.getAttribute('aria-expanded')).toBe('true');
    // Ink on the page: some pixels are not white.
    await expect
      .poll(
        () =>
          canvas.evaluate((el) => {
            const c = el as HTMLCanvasElement;
            const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
            let ink = 0;
            for (let i = 0; i < data.length; i += 4) {
              if (data[i]! < 200 && data[i + 3]! > 0) ink++;
            }
            return ink;
          }),
        { timeout: 20_000 },
      )
      .toBeGreaterThan(100);
    // The item's lines are marked on the page, in view, inside the page's frame.
    const marks = page.locator('[data-source-mark]');
    expect(await marks.count()).toBeGreaterThanOrEqual(2);
    const frame = (await canvas.boundingBox())!;
    const mark = (await marks.first().boundingBox())!;
    expect(mark.x).toBeGreaterThanOrEqual(frame.x - 4);
    expect(mark.y).toBeGreaterThan(frame.y);
    expect(mark.y + mark.height).toBeLessThan(frame.y + frame.height / 2);
    expect(await marks.first().isVisible()).toBe(true);
    // The marked text stays text: the source lines follow the page.
    await page.getByText('Direktoratet skal utrede en ny tjeneste for havdata.').first().waitFor();
    await audit(page, '80-kildeside-merket');

    // On a phone's width the page is as wide as the column: no sideways scrolling.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth))
      .toBeLessThanOrEqual(0);
    const narrow = (await canvas.boundingBox())!;
    expect(narrow.width).toBeLessThanOrEqual(390);
    await audit(page, '81-kildeside-mobil');

    // Hidden again with the same button.
    await hide.click();
    await show.waitFor();
    expect(await canvas.count()).toBe(0);
  }, 240_000);
});
