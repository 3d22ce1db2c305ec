/**
 * Consultation in a real browser against the real server: a ministry officer shares a letter
 * under review with the agency, the agency reads it (and cannot issue it), the officer issues it
 * by approving the review (accepting its uncertain item, after a confirmation), and then anyone
 * reads it. A change that loses a race is explained with the
 * state the document now has. Every new state is checked with axe (WCAG 2.1 A/AA) and
 * photographed to test-artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { SAMPLE_AGENCY } from '../../services/users';
import { signIn, storeScopedDocument } from '../../testing/auth';
import { audit, browserSuite, signInByClicking, type TestPage } from './helpers';

const NOT_FOUND = 'Fant ikke det du ba om';

const suite = browserSuite({ localUsers: true });
const newPage = () => suite.openPage();

const statusSection = (page: Page) => page.getByRole('region', { name: 'Dokumentets status' });
const approval = (page: Page) => page.getByRole('region', { name: 'Godkjenn gjennomgangen' });
const APPROVE = 'Godkjenn gjennomgangen – regn brevet som utstedt';

/** The state the section shows (the tag after «Dokumentet er nå:»). */
const shownStatus = (section: Locator) =>
  section.getByText('Dokumentet er nå:').locator('.ds-tag').textContent();

const buttonNames = async (section: Locator) =>
  (await section.getByRole('button').allTextContents()).map((s) => s.trim());

/** The element with focus is (inside) the status notice. */
const focusInNotice = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest('[aria-live="polite"]') !== null);

describe('consultation on a draft', () => {
  let documentUrl = '';
  let agency: { context: BrowserContext; page: TestPage };
  let officer: { context: BrowserContext; page: TestPage };
  let anonymous: { context: BrowserContext; page: TestPage };

  beforeAll(async () => {
    const draft = await storeScopedDocument(suite.app, 'draft', SAMPLE_AGENCY);
    documentUrl = `${suite.base}/dokumenter/${draft.documentId}`;
    agency = await newPage();
    officer = await newPage();
    anonymous = await newPage();
  });
  afterAll(async () => {
    for (const p of [agency, officer, anonymous]) await p?.context.close();
  });

  it("the agency's coordinator cannot open the draft", async () => {
    const { page } = agency;
    await page.goto(`${suite.base}/`);
    await signInByClicking(page, 'Kari Kyst');
    await page.goto(documentUrl);
    await page.getByText(NOT_FOUND).waitFor();
    await audit(page, '40-konsultasjon-utkast-virksomhet-ikke-funnet', /status of 404/);
  });

  it('the ministry officer sees the draft and shares it with the agency', async () => {
    const { page } = officer;
    await page.goto(`${suite.base}/`);
    await signInByClicking(page, 'Dina Dahl');
    await page.goto(documentUrl);
    const section = statusSection(page);
    await section.waitFor();
    expect(await shownStatus(section)).toBe('Til gjennomgang – ikke utstedt');
    await section
      .getByText(
        'Brevet er til gjennomgang og regnes ikke som utstedt. Bare departementet kan lese det.',
      )
      .waitFor();
    // Issuing is the review's approval, further down the page.
    await section
      .getByText('Brevet regnes som utstedt først når gjennomgangen er godkjent.')
      .waitFor();
    expect(await buttonNames(section)).toEqual(['Del med virksomheten']);
    await audit(page, '41-konsultasjon-utkast');

    await section.getByLabel('Kommentar (valgfritt)').fill('Til innspill innen fredag.');
    await section.getByRole('button', { name: 'Del med virksomheten' }).click();
    await section.getByText('Dokumentet er delt med virksomheten.').waitFor();
    expect(await shownStatus(section)).toBe('Delt med virksomheten');
    await expect.poll(() => focusInNotice(page), { timeout: 10_000 }).toBe(true);
    expect(await buttonNames(section)).toEqual(['Trekk tilbake fra virksomheten']);
    // The comment field starts empty for the next change.
    expect(await section.getByLabel('Kommentar (valgfritt)').inputValue()).toBe('');
    await audit(page, '42-konsultasjon-delt');
  });

  it('the agency now reads it, shared, and cannot share or issue it', async () => {
    const { page } = agency;
    await page.goto(documentUrl);
    const section = statusSection(page);
    await section.waitFor();
    expect(await page.locator('h1').textContent()).toMatch(/^Tillegg nr\. \d+/);
    expect(await shownStatus(section)).toBe('Delt med virksomheten');
    await section.getByText('Du kan ikke endre statusen på dette dokumentet.').waitFor();
    expect(await buttonNames(section)).toEqual([]);
    expect(await approval(page).count()).toBe(0);
    for (const name of ['Del med virksomheten', APPROVE, 'Trekk tilbake fra virksomheten']) {
      expect(await page.getByRole('button', { name, exact: true }).count()).toBe(0);
    }
    await audit(page, '43-konsultasjon-delt-virksomhet');
  });

  it('an anonymous visitor still cannot open it', async () => {
    const { page } = anonymous;
    await page.goto(documentUrl);
    await page.getByText(NOT_FOUND).waitFor();
    await audit(page, '44-konsultasjon-delt-anonym-ikke-funnet', /status of 404/);
  });

  it('the officer issues it by approving the review, after confirming', async () => {
    const { page } = officer;
    await page.goto(documentUrl);
    const section = statusSection(page);
    await section.waitFor();
    expect(await shownStatus(section)).toBe('Delt med virksomheten');
    const review = approval(page);
    // Its one assignment prints no ID: an uncertain item, accepted as read or corrected first.
    await review.getByText('Ett punkt importen var usikker på, er ikke rettet.').waitFor();
    const issue = review.getByRole('button', { name: APPROVE });
    await issue.click();
    await review
      .getByText('Kryss av for at du har sett over de usikre punktene, eller rett dem først.')
      .waitFor();
    await review
      .getByLabel('Jeg har sett over de usikre punktene og godtar dem slik de er lest')
      .check();
    await issue.click();
    const confirm = review.getByRole('group', { name: 'Vil du utstede dokumentet?' });
    await confirm.waitFor();
    await expect.poll(() => confirm.evaluate((el) => el === document.activeElement)).toBe(true);
    // Nothing is issued before the confirmation.
    expect(await shownStatus(section)).toBe('Delt med virksomheten');
    await audit(page, '45-konsultasjon-bekreft-utstedelse');

    // Cancelling returns to the approval, with focus on its button.
    await confirm.getByRole('button', { name: 'Avbryt' }).click();
    await expect.poll(() => issue.evaluate((el) => el === document.activeElement)).toBe(true);

    await issue.click();
    await confirm.getByRole('button', { name: 'Ja, utsted dokumentet' }).click();
    await review.getByText('Gjennomgangen er godkjent. Brevet regnes nå som utstedt.').waitFor();
    expect(await shownStatus(section)).toBe('Utstedt');
    await expect.poll(() => focusInNotice(page), { timeout: 10_000 }).toBe(true);
    expect(await buttonNames(section)).toEqual([]);
    expect(await review.getByRole('button').count()).toBe(0);
    // The document's history names who changed its status.
    const history = page.getByRole('list', { name: 'Historikk' });
    await history.getByText('Status endret').first().waitFor();
    await history
      .getByText(/Dina Dahl/)
      .first()
      .waitFor();
    await audit(page, '46-konsultasjon-utstedt');
  });

  it('an anonymous visitor now reads it', async () => {
    const { page } = anonymous;
    await page.goto(documentUrl);
    const section = statusSection(page);
    await section.waitFor();
    expect(await page.locator('h1').textContent()).toMatch(/^Tillegg nr\. \d+/);
    expect(await shownStatus(section)).toBe('Utstedt');
    await section.getByText(/Dokumentet er utstedt, og alle kan lese det/).waitFor();
    expect(await buttonNames(section)).toEqual([]);
    await audit(page, '47-konsultasjon-utstedt-anonym');
  });
});

describe('a status change that loses a race', () => {
  it('says what the document now is, reloads, and lets the officer withdraw it', async () => {
    const draft = await storeScopedDocument(suite.app, 'draft', SAMPLE_AGENCY);
    const { context, page } = await newPage();
    await page.goto(`${suite.base}/`);
    await signInByClicking(page, 'Dina Dahl');
    await page.goto(`${suite.base}/dokumenter/${draft.documentId}`);
    const section = statusSection(page);
    await section.waitFor();
    expect(await shownStatus(section)).toBe('Til gjennomgang – ikke utstedt');

    // Someone else shares it while the page is open.
    const other = await signIn(suite.app, 'ministry-budget-officer', { fresh: true });
    const change = await suite.app.inject({
      method: 'POST',
      url: `/api/documents/${draft.documentId}/status`,
      headers: { ...other.headers, 'content-type': 'application/json' },
      payload: { to: 'shared', expectedVersion: 1 },
    });
    expect(change.statusCode).toBe(200);

    await section.getByRole('button', { name: 'Del med virksomheten' }).click();
    await section.getByRole('heading', { name: 'Noen andre endret dokumentet før deg' }).waitFor();
    await section
      .getByText('Endringen din er ikke lagret. Dokumentet har nå status «Delt med virksomheten».')
      .waitFor();
    expect(await shownStatus(section)).toBe('Delt med virksomheten');
    await expect.poll(() => focusInNotice(page), { timeout: 10_000 }).toBe(true);
    expect(await buttonNames(section)).toEqual(['Trekk tilbake fra virksomheten']);
    await audit(page, '48-konsultasjon-samtidig-endring', /status of 409/);

    await section.getByRole('button', { name: 'Trekk tilbake fra virksomheten' }).click();
    await section.getByText('Dokumentet er trukket tilbake.', { exact: false }).waitFor();
    expect(await shownStatus(section)).toBe('Til gjennomgang – ikke utstedt');
    expect(await buttonNames(section)).toEqual(['Del med virksomheten']);
    await audit(page, '49-konsultasjon-trukket-tilbake');
    await context.close();
  }, 90_000);
});
