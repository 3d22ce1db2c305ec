/**
 * An imported letter under review in a real browser (issue 13): a ministry officer imports a
 * letter «til gjennomgang» (the import page's default), the document page shows it as not
 * issued, the public cannot read it, the officer corrects one of the items the importer was
 * unsure of, accepts the other as read and approves the review — and the letter is issued.
 * Every state is checked with axe (WCAG 2.1 A/AA) and photographed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { SAMPLE_AGENCY } from '../../services/users';
import { sampleLetterOpening } from '../../testing/sample-letter';
import { audit, browserSuite, newPage, signInByClicking, type TestPage } from './helpers';

const YEAR = 2078;
const TITLE = `Tildelingsbrev til ${SAMPLE_AGENCY} for ${YEAR}`;

/** One assignment the importer is sure of, two without a deadline (unsure). */
const LETTER = [
  ...sampleLetterOpening(YEAR),
  `TB${YEAR}-01 Avd.KHD: HFA Kartlegge havbunnen`,
  'Direktoratet skal kartlegge havbunnen i Skagerrak.',
  `Frist: 1. september ${YEAR}`,
  '',
  `TB${YEAR}-02 Avd.KHD: HFA Utrede en ny havdatatjeneste`,
  'Direktoratet skal utrede en ny tjeneste for havdata.',
  '',
  `TB${YEAR}-03 Avd.KHD: FHA Oppdatere havdatakatalogen`,
  'Direktoratet skal oppdatere katalogen.',
  '',
].join('\n');

const UNDER_REVIEW = 'Til gjennomgang – ikke utstedt';
const APPROVE = 'Godkjenn gjennomgangen – regn brevet som utstedt';

const suite = browserSuite({ localUsers: true });

describe('an imported letter under review', () => {
  let context: BrowserContext;
  let page: TestPage;
  let documentUrl = '';
  const publicStatus = async () => {
    const visitor = await suite.newContext();
    try {
      const id = documentUrl.split('/').pop()!;
      return (await visitor.request.get(`${suite.base}/api/documents/${id}`)).status();
    } finally {
      await visitor.close();
    }
  };

  beforeAll(async () => {
    context = await suite.newContext();
    page = await newPage(context);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('is imported for review by default, and the result says it is not issued', async () => {
    await page.goto(`${suite.base}/import`);
    await signInByClicking(page, 'Dina Dahl');
    const review = page.getByLabel('Til gjennomgang før det regnes som utstedt');
    expect(await review.isChecked()).toBe(true);
    expect(await page.getByLabel('Regnes som utstedt straks').isChecked()).toBe(false);
    await page.getByText(/Et brev til gjennomgang ser bare departementet/).waitFor();
    await page
      .getByLabel('Filer')
      .setInputFiles([
        { name: 'brev.txt', mimeType: 'text/plain', buffer: Buffer.from(LETTER, 'utf8') },
      ]);
    await audit(page, '70-import-til-gjennomgang-valg');
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByText('Opprettet', { exact: true }).first().waitFor({ timeout: 90_000 });
    const result = page.getByRole('region', { name: TITLE });
    await result.getByText(UNDER_REVIEW).waitFor();
    await audit(page, '71-import-til-gjennomgang-lagret');
    await result.getByRole('link', { name: TITLE }).click();
    await page.getByRole('region', { name: 'Dokumentets status' }).waitFor();
    documentUrl = page.url();
  }, 180_000);

  it('shows the letter as not issued, to its ministry only', async () => {
    const status = page.getByRole('region', { name: 'Dokumentets status' });
    await status
      .getByText('Dokumentet er nå:')
      .locator('.ds-tag')
      .getByText(UNDER_REVIEW)
      .waitFor();
    await status
      .getByText('Brevet regnes som utstedt først når gjennomgangen er godkjent.')
      .waitFor();
    const approval = page.getByRole('region', { name: 'Godkjenn gjennomgangen' });
    await approval.getByText('2 punkter importen var usikker på, er ikke rettet.').waitFor();
    await audit(page, '72-dokument-til-gjennomgang');
    expect(await publicStatus()).toBe(404);
  });

  it('lets the officer correct one uncertain item, accept the other and approve the review', async () => {
    await page.getByText(`Rett det som ble lest for TB${YEAR}-02`).click();
    const form = page.getByRole('form', { name: `Rett det som ble lest for TB${YEAR}-02` });
    await form.getByLabel('Tittel').fill('Utrede en ny tjeneste for havdata');
    await form.getByLabel('Begrunnelse (lagres i historikken)').fill('Tittelen brevet mener');
    await form.getByRole('button', { name: 'Lagre rettelsen' }).click();
    await form.getByText(/Rettelsen er lagret/).waitFor();

    const approval = page.getByRole('region', { name: 'Godkjenn gjennomgangen' });
    await approval.getByText('Ett punkt importen var usikker på, er ikke rettet.').waitFor();
    await approval
      .getByLabel('Jeg har sett over de usikre punktene og godtar dem slik de er lest')
      .check();
    await approval.getByLabel('Kommentar (valgfritt)').fill('Gjennomgått mot det signerte brevet.');
    await approval.getByRole('button', { name: APPROVE }).click();
    const confirm = approval.getByRole('group', { name: 'Vil du utstede dokumentet?' });
    await confirm.waitFor();
    await audit(page, '73-godkjenn-gjennomgang-bekreft');
    await confirm.getByRole('button', { name: 'Ja, utsted dokumentet' }).click();
    await approval.getByText('Gjennomgangen er godkjent. Brevet regnes nå som utstedt.').waitFor();
    const status = page.getByRole('region', { name: 'Dokumentets status' });
    await status.getByText('Dokumentet er nå:').locator('.ds-tag').getByText('Utstedt').waitFor();
    expect(await approval.getByRole('button').count()).toBe(0);
    await audit(page, '74-gjennomgang-godkjent-utstedt');
    expect(await publicStatus()).toBe(200);
  });
});
