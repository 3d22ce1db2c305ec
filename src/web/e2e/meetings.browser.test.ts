/**
 * A governance meeting (etatsstyringsmøte) in a real browser against the real server (issue
 * 15), on the sample letters for Havdatadirektoratet 2026, whose calendar has a meeting in mid
 * May, and the sample's follow-up (one assignment at risk). The department officer finds the
 * meeting on /moter, adds a point of the ministry's own, holds the meeting (after confirming),
 * writes the minutes and a decision, makes the decision an assignment of a supplement being
 * written and follows the link to that draft, which links back to the meeting. The coordinator
 * reads the minutes and the decision, on a phone too, and changes nothing. Every state is
 * checked with axe and photographed to test-artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { loadSampleDataIfEmpty, loadSampleFollowUp } from '../../services/sample-data';
import { ensureLocalUsers, SAMPLE_AGENCY } from '../../services/users';
import { audit, browserSuite, signInByClicking, type TestPage } from './helpers';

const YEAR = 2026;
const MEETING = `Etatsstyringsmøte 20. mai ${YEAR}`;
const POINT = 'Departementets innspill til neste års virksomhetsplan';
const MINUTES = 'Direktoratet orienterte om fremdriften i oppdragene.';
const DECISION =
  'Direktoratet lager en plan for hvordan kommunene skal ta i bruk åpne havdata. Planen skal ha tiltak og kostnader.';
const DRAFT_TITLE = 'Direktoratet lager en plan for hvordan kommunene skal ta i bruk åpne havdata';

const suite = browserSuite({
  localUsers: true,
  seed: async (db) => {
    await loadSampleDataIfEmpty(db);
    await ensureLocalUsers(db);
    await loadSampleFollowUp(db);
  },
});

describe('a governance meeting between the ministry and the agency', () => {
  const people: Record<string, { context: BrowserContext; page: TestPage }> = {};
  let meetingUrl = '';

  beforeAll(async () => {
    for (const name of ['Dina Dahl', 'Kari Kyst']) {
      const p = await suite.openPage();
      await p.page.goto(`${suite.base}/`);
      await signInByClicking(p.page, name);
      people[name] = p;
    }
  });
  afterAll(async () => {
    for (const p of Object.values(people)) await p.context.close();
  });

  const officer = () => people['Dina Dahl']!.page;
  const kari = () => people['Kari Kyst']!.page;
  const notice = (page: TestPage, text: string) => page.getByText(text).waitFor();

  it('the department officer finds the meeting of mid May on /moter', async () => {
    const page = officer();
    await page
      .getByRole('navigation', { name: 'Hovedmeny' })
      .getByRole('link', { name: 'Møter' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Etatsstyringsmøter' }).waitFor();
    await page.getByLabel('Virksomhet', { exact: true }).selectOption({ label: SAMPLE_AGENCY });
    await page.getByLabel('År', { exact: true }).fill(String(YEAR));
    await page.getByRole('button', { name: 'Vis møter' }).click();
    const list = page.getByRole('region', { name: `Møter med ${SAMPLE_AGENCY} i ${YEAR}` });
    await list.getByRole('link', { name: MEETING }).waitFor();
    await expect.poll(() => list.getByRole('link').count()).toBe(2);
    await audit(page, '95-moter-liste');
    await list.getByRole('link', { name: MEETING }).click();
    await page.getByRole('heading', { level: 1, name: 'Etatsstyringsmøte' }).waitFor();
    meetingUrl = page.url();
    // The agenda from the record: the assignment at risk (sample follow-up), with a link.
    const agenda = page.getByRole('region', { name: 'Dagsorden' });
    await agenda.getByRole('link', { name: /^TB2026-02 / }).waitFor();
    await agenda.getByText('I risiko').waitFor();
    await audit(page, '96-mote-planlagt');
  });

  it('adds a point of the ministry’s own, which goes last on the agenda', async () => {
    const page = officer();
    await page.getByRole('button', { name: 'Legg til et punkt' }).click();
    await page.getByLabel('Punkt 1', { exact: true }).fill(POINT);
    await page.getByRole('button', { name: 'Lagre punktene' }).click();
    await notice(page, 'Punktene er lagret.');
    const items = page.getByRole('region', { name: 'Dagsorden' }).getByRole('listitem');
    await expect.poll(async () => (await items.last().textContent()) ?? '').toContain(POINT);
    await expect
      .poll(async () => (await items.last().textContent()) ?? '')
      .toContain('Departementets punkt');
  });

  it('holds the meeting after confirming; the agenda is then kept', async () => {
    const page = officer();
    await page.getByRole('button', { name: 'Hold møtet' }).click();
    await page.getByText('Vil du holde møtet nå?').waitFor();
    await audit(page, '97-mote-bekreft');
    await page.getByRole('button', { name: 'Ja, hold møtet' }).click();
    await notice(page, 'Møtet er holdt. Dagsordenen er låst.');
    await page.getByText(/Dagsordenen slik den var da møtet ble holdt/).waitFor();
    expect(await page.getByRole('button', { name: 'Hold møtet' }).count()).toBe(0);
    expect(await page.getByLabel('Punkt 1', { exact: true }).count()).toBe(0);
  });

  it('writes the minutes and a decision, and makes the decision a draft assignment', async () => {
    const page = officer();
    await page.getByLabel('Referat fra møtet', { exact: true }).fill(MINUTES);
    await page.getByRole('button', { name: 'Lagre referatet' }).click();
    await notice(page, 'Referatet er lagret.');
    await page.getByLabel('Vedtaket', { exact: true }).fill(DECISION);
    await page.getByLabel('Frist', { exact: true }).fill('1. desember');
    await page.getByRole('button', { name: 'Legg til vedtaket' }).click();
    await notice(page, 'Vedtaket er lagt til.');
    const decisions = page.getByRole('region', { name: 'Vedtak' });
    // The date the deadline means, as the server reads it.
    await decisions.getByText(`frist 1. desember (1. desember ${YEAR})`).waitFor();
    await audit(page, '98-mote-holdt');

    await decisions.getByRole('button', { name: 'Lag utkast til oppdrag' }).click();
    await notice(page, 'Vedtaket er lagt inn som oppdrag i tillegget under arbeid.');
    expect(await decisions.getByRole('button', { name: 'Lag utkast til oppdrag' }).count()).toBe(0);
    await decisions.getByRole('link', { name: 'Åpne oppdraget i brevutkastet' }).click();
    await page.getByRole('heading', { level: 1, name: /Tillegg/ }).waitFor();
    const item = page.getByRole('group', { name: `Oppdrag 1: ${DRAFT_TITLE}` });
    await item.waitFor();
    await expect
      .poll(() => item.getByLabel('Frist', { exact: true }).inputValue())
      .toBe('1. desember');
    const back = item.getByRole('link', { name: MEETING });
    await back.waitFor();
    await item.getByText('Fra etatsstyringsmøte:').waitFor();
    await audit(page, '99-utkast-fra-mote');
    await back.click();
    await page.getByRole('heading', { level: 1, name: 'Etatsstyringsmøte' }).waitFor();
    expect(page.url().split('#')[0]).toBe(meetingUrl);
  });

  it('prints the minutes as text, without the forms', async () => {
    const page = officer();
    await page.emulateMedia({ media: 'print' });
    try {
      // The minutes being written print as text (the form is hidden on paper).
      const printed = page.getByRole('region', { name: 'Referat' }).locator('.print-only');
      await expect.poll(() => printed.isVisible()).toBe(true);
      expect(await printed.textContent()).toBe(MINUTES);
      expect(await page.getByLabel('Referat fra møtet', { exact: true }).isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Legg til vedtaket' }).isVisible()).toBe(false);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('the coordinator reads the minutes and the decision, and changes nothing', async () => {
    const page = kari();
    await page.goto(meetingUrl);
    await page.getByRole('heading', { level: 1, name: 'Etatsstyringsmøte' }).waitFor();
    await page.getByRole('region', { name: 'Referat' }).getByText(MINUTES).waitFor();
    const decisions = page.getByRole('region', { name: 'Vedtak' });
    await decisions.getByText(DECISION).waitFor();
    await decisions.getByText('Virksomheten følger opp').waitFor();
    // The draft is the ministry's until it is shared: the agency is told where it went.
    await decisions.getByText('Lagt inn som oppdrag i et tillegg under arbeid.').waitFor();
    for (const name of ['Hold møtet', 'Lagre referatet', 'Legg til vedtaket', 'Lagre punktene']) {
      expect(await page.getByRole('button', { name }).count()).toBe(0);
    }
    await audit(page, '100-mote-koordinator');

    // On a phone too.
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.reload();
      await page.getByRole('region', { name: 'Referat' }).getByText(MINUTES).waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      await audit(page, '101-mote-mobil');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });
});
