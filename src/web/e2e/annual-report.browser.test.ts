/**
 * The annual report (årsrapport), in a real browser against the real server (issue 15), on the
 * sample letters for Havdatadirektoratet 2026, whose calendar asks for the annual report for
 * 2025 by 1 March. The coordinator finds it on /rapporter and writes part I; the director (the
 * agency head) signs parts I and VI; the coordinator submits it; the budget officer accepts it;
 * and a visitor, signed out, finds it among the published annual reports, reads it as text and
 * downloads it as PDF, without the risk register. Every state is checked with axe and photographed to
 * test-artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { loadSampleDataIfEmpty } from '../../services/sample-data';
import { ensureLocalUsers, SAMPLE_AGENCY } from '../../services/users';
import { audit, browserSuite, signInByClicking, type TestPage } from './helpers';

const YEAR = 2026;
const REPORT = 'Årsrapport for 2025 sendes departementet med kopi til Riksrevisjonen';
const LEADER = 'Havdatadirektoratet fikk i 2025 på plass en felles inngang til havdata.';

const suite = browserSuite({
  localUsers: true,
  seed: async (db) => {
    await loadSampleDataIfEmpty(db);
    await ensureLocalUsers(db);
  },
});

describe('the annual report, written, signed, accepted and published', () => {
  const people: Record<string, { context: BrowserContext; page: TestPage }> = {};
  let reportId = '';

  beforeAll(async () => {
    for (const name of ['Kari Kyst', 'Dag Dybdahl', 'Bjørn Berg']) {
      const p = await suite.openPage();
      await p.page.goto(`${suite.base}/`);
      await signInByClicking(p.page, name);
      people[name] = p;
    }
  });
  afterAll(async () => {
    for (const p of Object.values(people)) await p.context.close();
  });

  const page = (name: string) => people[name]!.page;
  const openReport = async (p: TestPage) => {
    await p.goto(`${suite.base}/rapporter/${reportId}`);
    await p.getByRole('heading', { level: 1, name: REPORT }).waitFor();
  };
  const step = async (p: TestPage, button: string, yes: string, status: string) => {
    await p.getByRole('button', { name: button }).click();
    await p.getByRole('button', { name: yes }).click();
    await p.getByText(`Rapporten har nå status: ${status}.`).waitFor();
  };

  it('the coordinator finds the annual report of the calendar and writes part I', async () => {
    const kari = page('Kari Kyst');
    await kari.goto(`${suite.base}/rapporter`);
    const list = kari.getByRole('region', { name: `Rapporter fra ${SAMPLE_AGENCY} for ${YEAR}` });
    await list.getByRole('link', { name: REPORT }).click();
    await kari.getByRole('heading', { level: 1, name: REPORT }).waitFor();
    reportId = kari.url().split('/').pop()!;
    // It reports on 2025, and waits for the head's signatures on parts I and VI.
    await kari.getByText('Rapporterer på').waitFor();
    await kari.getByRole('link', { name: 'Lederens signatur på del I' }).waitFor();
    await kari.getByRole('link', { name: 'Lederens signatur på del VI' }).waitFor();
    expect(await kari.getByRole('button', { name: 'Signer del I' }).count()).toBe(0);
    await kari.getByRole('region', { name: 'Risiko for måloppnåelse' }).waitFor();
    const leader = kari.getByRole('region', { name: 'Del I Leders beretning' });
    await leader.getByRole('textbox', { name: 'Tekst' }).fill(LEADER);
    await kari.getByRole('button', { name: 'Lagre rapporten' }).first().click();
    await kari.getByText(/Rapporten er lagret/).waitFor();
    await audit(kari, 'a0-arsrapport-skrevet');
  });

  it('the director signs parts I and VI', async () => {
    const dag = page('Dag Dybdahl');
    await openReport(dag);
    const leader = dag.getByRole('region', { name: 'Del I Leders beretning' });
    // The head may write too: the part is in its text area.
    expect(await leader.getByRole('textbox', { name: 'Tekst' }).inputValue()).toBe(LEADER);
    await leader.getByRole('button', { name: 'Signer del I' }).click();
    await leader.getByText('Du har signert del I.').waitFor();
    await leader.getByText(/Signert av Dag Dybdahl, direktør/).waitFor();
    const accounts = dag.getByRole('region', { name: 'Del VI Årsregnskap' });
    await accounts.getByRole('button', { name: 'Signer del VI' }).click();
    await accounts.getByText('Du har signert del VI.').waitFor();
    await audit(dag, 'a1-arsrapport-signert');
  });

  it('the coordinator submits it, and the budget officer accepts it', async () => {
    const kari = page('Kari Kyst');
    await openReport(kari);
    expect(await kari.getByText('Dette mangler før rapporten kan sendes inn:').count()).toBe(0);
    await step(kari, 'Send inn rapporten', 'Ja, send inn', 'Sendt inn');

    const bjorn = page('Bjørn Berg');
    await openReport(bjorn);
    await step(bjorn, 'Godkjenn rapporten', 'Ja, godkjenn', 'Godkjent');
    await bjorn.getByText('Årsrapporten er godkjent og publisert.', { exact: false }).waitFor();
    await audit(bjorn, 'a2-arsrapport-godkjent');
  });

  it('a visitor, signed out, finds it published, reads it and downloads the PDF', async () => {
    const visitor = await suite.openPage();
    try {
      const p = visitor.page;
      await p.goto(`${suite.base}/`);
      await p
        .getByRole('navigation', { name: 'Hovedmeny' })
        .getByRole('link', { name: 'Rapporter' })
        .click();
      const published = p.getByRole('region', { name: 'Publiserte årsrapporter' });
      const row = published.getByRole('row', { name: new RegExp(SAMPLE_AGENCY) });
      await row.getByRole('link', { name: REPORT, exact: true }).waitFor();
      await audit(p, 'a3-arsrapporter-publisert');
      const pdf = await row.getByRole('link', { name: /som PDF$/ }).getAttribute('href');
      const file = await p.request.get(`${suite.base}${pdf}`);
      expect(file.status()).toBe(200);
      expect(file.headers()['content-type']).toBe('application/pdf');
      expect((await file.body()).subarray(0, 4).toString()).toBe('%PDF');

      await row.getByRole('link', { name: REPORT, exact: true }).click();
      await p.getByRole('heading', { level: 1, name: REPORT }).waitFor();
      await p.getByText(LEADER).first().waitFor();
      await p
        .getByText(/Signert av Dag Dybdahl, direktør/)
        .first()
        .waitFor();
      expect(await p.getByRole('textbox').count()).toBe(0);
      expect(await p.getByRole('button', { name: /Signer|Send inn|Godkjenn/ }).count()).toBe(0);
      // Published, as the server says; the risk register is not the public's.
      await p.getByText('Årsrapporten er godkjent og publisert.', { exact: false }).waitFor();
      expect(await p.getByRole('region', { name: 'Risiko for måloppnåelse' }).count()).toBe(0);
      await audit(p, 'a4-arsrapport-offentlig');
      await p.setViewportSize({ width: 390, height: 844 });
      await audit(p, 'a5-arsrapport-offentlig-mobil');
    } finally {
      await visitor.context.close();
    }
  });
});
