/**
 * Reviewing an import in the browser: the document page marks what the importer is unsure of,
 * and a ministry officer corrects an owner and a deadline with a reason; the correction is shown
 * at once, listed with who made it and why, and kept when the same letter is imported again.
 * A visitor sees the marks but no form. An officer splits an assignment read as one and merges
 * one into another. Checked with axe and photographed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import type { Db } from '../../db/client';
import { SAMPLE_AGENCY, SAMPLE_MINISTRY } from '../../services/users';
import { buildAssignment, buildDocument, storeDocuments } from '../../testing/factories';
import { audit, browserSuite, newPage, signInByClicking } from './helpers';

const YEAR = 2038;
const TITLE = `Tildelingsbrev til ${SAMPLE_AGENCY} for ${YEAR} (gjennomgang)`;
const letter = buildDocument({
  year: YEAR,
  ministry: SAMPLE_MINISTRY,
  agency: SAMPLE_AGENCY,
  title: TITLE,
  assignments: [
    buildAssignment({
      id: `TB${YEAR}-01`,
      assignedId: `TB${YEAR}-01`,
      ownerDepartment: null,
      title: 'Kartlegge datadeling i kommunene',
      deadlines: [
        {
          date: null,
          text: 'innen sommeren',
          appliesTo: null,
          value: { kind: 'undetermined', phrase: 'innen sommeren' },
        },
      ],
    }),
    buildAssignment({ id: `TB${YEAR}-02`, assignedId: `TB${YEAR}-02`, title: 'Sikkert oppdrag' }),
    // Two tasks read as one (for splitting it).
    buildAssignment({
      id: `TB${YEAR}-03`,
      assignedId: `TB${YEAR}-03`,
      title: 'Kartlegge havbunnen',
      text: `Direktoratet skal kartlegge havbunnen innen 1. juni ${YEAR}.\n- beskrive driften av kartet innen 1. oktober ${YEAR}`,
      deadlines: [
        {
          date: `${YEAR}-06-01`,
          text: `innen 1. juni ${YEAR}`,
          appliesTo: null,
          value: { kind: 'exact', date: `${YEAR}-06-01` },
        },
        {
          date: `${YEAR}-10-01`,
          text: `innen 1. oktober ${YEAR}`,
          appliesTo: null,
          value: { kind: 'exact', date: `${YEAR}-10-01` },
        },
      ],
    }),
  ],
});

async function seed(db: Db) {
  await storeDocuments(db, [letter]);
}

const suite = browserSuite({ seed, localUsers: true });

describe('reviewing an import', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await suite.newContext();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('marks unsure items, and lets a ministry officer correct them with a reason', async () => {
    const page = await newPage(context);
    const list = await page.request.get(`${suite.base}/api/documents?year=${YEAR}`);
    const id = ((await list.json()) as { items: { id: string }[] }).items[0]!.id;

    // A visitor sees what the importer is unsure of, and no form.
    await page.goto(`${suite.base}/dokumenter/${id}`);
    const assignments = page.getByRole('region', { name: 'Oppdrag' });
    await assignments.getByText('Usikker: ingen eieravdeling, frist uten dato').waitFor();
    expect(await page.getByText(`Rett det som ble lest for TB${YEAR}-01`).count()).toBe(0);
    await page
      .getByRole('region', { name: 'Gjennomgang av importen' })
      .getByText(/usikker på 1 oppdrag og 0 bevilgningsrader/)
      .waitFor();

    await signInByClicking(page, 'Dina Dahl');
    await page.goto(`${suite.base}/dokumenter/${id}`);
    await page.getByText(`Rett det som ble lest for TB${YEAR}-01`).click();
    const form = page.getByRole('form', { name: `Rett det som ble lest for TB${YEAR}-01` });
    await form.getByLabel('Eieravdeling').fill('hfa');
    await form.getByLabel('Dato for fristen «innen sommeren»').fill(`${YEAR}-06-20`);
    // Without a reason nothing is sent.
    await form.getByRole('button', { name: 'Lagre rettelsen' }).click();
    await form.getByText('Skriv en begrunnelse for rettelsen.').waitFor();
    await form.getByLabel('Begrunnelse (lagres i historikken)').fill('Avklart i styringsmøtet');
    await audit(page, '40-gjennomgang-skjema');
    await form.getByRole('button', { name: 'Lagre rettelsen' }).click();
    await form.getByText(/Rettelsen er lagret/).waitFor();

    await assignments.getByText('Eier: HFA').first().waitFor();
    await assignments.getByText('Rettet').waitFor();
    const corrections = page.getByRole('region', { name: 'Gjennomgang av importen' });
    await corrections.getByText('eieravdeling satt til HFA').waitFor();
    await corrections.getByText(/fristen «innen sommeren» satt til 20\. juni 2038/).waitFor();
    await corrections
      .getByText(/Avklart i styringsmøtet/)
      .first()
      .waitFor();
    await audit(page, '41-gjennomgang-rettet');

    // The open form shows what is stored now: later corrections change only what they say (an
    // ID corrected first is not put back by the next one).
    const open = assignments.locator('form.correction-form').first();
    await expect.poll(() => open.getByLabel('Eieravdeling').inputValue()).toBe('HFA');
    await open.getByLabel('ID').fill(`TB${YEAR}-11`);
    await open.getByLabel('Begrunnelse (lagres i historikken)').fill('ID-en står i margen');
    await open.getByRole('button', { name: 'Lagre rettelsen' }).click();
    await corrections.getByText(`ID satt til TB${YEAR}-11`).waitFor();
    await expect.poll(() => open.getByLabel('ID').inputValue()).toBe(`TB${YEAR}-11`);
    await open.getByLabel('Tittel').fill('Kartlegge datadeling i alle kommunene');
    await open.getByLabel('Begrunnelse (lagres i historikken)').fill('Tittelen er kortet av');
    await open.getByRole('button', { name: 'Lagre rettelsen' }).click();
    await corrections
      .getByText('tittel satt til «Kartlegge datadeling i alle kommunene»')
      .waitFor();
    expect(await corrections.getByRole('listitem').count()).toBe(4);

    // The register has the corrected ID, title and deadline.
    const register = await page.request.get(`${suite.base}/api/assignments?year=${YEAR}`);
    const tb11 = (
      (await register.json()) as {
        items: { registerId: string; title: string; nextDeadline: string }[];
      }
    ).items.find((a) => a.registerId === `TB${YEAR}-11`);
    expect(tb11?.title).toBe('Kartlegge datadeling i alle kommunene');
    expect(tb11?.nextDeadline).toBe(`${YEAR}-06-20`);
    await page.close();
  });

  it('lets a ministry officer split an assignment and merge one into another', async () => {
    const own = await suite.newContext();
    const page = await newPage(own);
    const list = await page.request.get(`${suite.base}/api/documents?year=${YEAR}`);
    const id = ((await list.json()) as { items: { id: string }[] }).items[0]!.id;
    await page.goto(`${suite.base}/dokumenter/${id}`);
    await signInByClicking(page, 'Dina Dahl');
    await page.goto(`${suite.base}/dokumenter/${id}`);
    const assignments = page.getByRole('region', { name: 'Oppdrag' });
    const corrections = page.getByRole('region', { name: 'Gjennomgang av importen' });

    // Split: the new assignment starts at the list item, with its own title.
    await assignments.getByText(`Del opp TB${YEAR}-03`).click();
    const split = assignments.getByRole('form', { name: `Del opp TB${YEAR}-03` });
    await split.getByRole('radio', { name: /Avsnitt 2: - beskrive driften/ }).check();
    await split.getByRole('button', { name: 'Del opp' }).click();
    await split.getByText('Skriv en tittel på det nye oppdraget.').waitFor();
    await split.getByLabel('Tittel på det nye oppdraget').fill('Beskrive driften av kartet');
    await split.getByLabel('Begrunnelse (lagres i historikken)').fill('To oppdrag i ett');
    await audit(page, '42-gjennomgang-del-opp');
    await split.getByRole('button', { name: 'Del opp' }).click();
    await assignments
      .getByRole('link', { name: /TB\d{4}-\d+: Beskrive driften av kartet/ })
      .waitFor();
    await corrections.getByText(/delt opp: fra avsnitt 2 er det oppdrag TB\d{4}-\d+/).waitFor();

    // Merge, after a confirmation: TB-02 leaves the list.
    await assignments.getByText(`Slå sammen TB${YEAR}-02 med …`).click();
    const merge = assignments.getByRole('form', { name: `Slå sammen TB${YEAR}-02 med …` });
    await merge
      .getByLabel(`Oppdraget TB${YEAR}-02 hører til`)
      .selectOption({ label: `TB${YEAR}-03: Kartlegge havbunnen` });
    await merge.getByLabel('Begrunnelse (lagres i historikken)').fill('Del av kartleggingen');
    await merge.getByRole('button', { name: 'Slå sammen' }).click();
    await merge.getByText(`Slå sammen TB${YEAR}-02 med TB${YEAR}-03?`, { exact: false }).waitFor();
    await audit(page, '43-gjennomgang-slå-sammen');
    await merge.getByRole('button', { name: 'Ja, slå sammen' }).click();
    await corrections.getByText(`slått sammen med TB${YEAR}-03`).waitFor();
    await expect
      .poll(() => assignments.getByRole('link', { name: new RegExp(`^TB${YEAR}-02:`) }).count())
      .toBe(0);
    await own.close();
  });
});
