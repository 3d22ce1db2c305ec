/**
 * A report from the agency to the ministry, in a real browser against the real server (issue
 * 15), on the sample letters for Havdatadirektoratet 2026, whose calendar asks for a status and
 * deviation report per 1 September. The coordinator finds it on /rapporter, writes the deviation
 * of the assignment off track, a risk and a forecast below the appropriation with its
 * explanation, is refused an accounts file with a wrong chapter row by row, saves and submits
 * (after confirming). The budget officer sees it submitted, returns it with a comment; the
 * coordinator revises and submits again; the officer accepts it. The accepted report reads as
 * text, the API refuses a change with `report-locked`, and both revisions are listed with their
 * hashes. Every state is checked with axe and photographed to test-artifacts/screenshots/.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import type { Report, ReportList } from '../../contract/report';
import { assignments, documents, organisations, users } from '../../db/schema';
import { setProgress } from '../../services/follow-up';
import { loadSampleDataIfEmpty } from '../../services/sample-data';
import { actorFromUser, ensureLocalUsers, SAMPLE_AGENCY } from '../../services/users';
import { audit, browserSuite, signInByClicking, type TestPage } from './helpers';

const YEAR = 2026;
const REPORT = 'Status- og avviksrapport per 1. september';
const OFF_TRACK = 'TB2026-01';
let offTrackTitle = '';

const suite = browserSuite({
  localUsers: true,
  seed: async (db) => {
    await loadSampleDataIfEmpty(db);
    await ensureLocalUsers(db);
    // The coordinator judges one assignment of the year off track (as the follow-up does).
    const [kari] = await db.select().from(users).where(eq(users.name, 'Kari Kyst'));
    const [a] = await db
      .select({ id: assignments.id, version: assignments.version, title: assignments.title })
      .from(assignments)
      .innerJoin(documents, eq(documents.id, assignments.documentId))
      .innerJoin(organisations, eq(organisations.id, assignments.agencyId))
      .where(
        and(
          eq(organisations.name, SAMPLE_AGENCY),
          eq(assignments.registerId, OFF_TRACK),
          eq(assignments.year, YEAR),
          eq(documents.isCurrent, true),
        ),
      );
    offTrackTitle = a!.title;
    const out = await setProgress(db, actorFromUser(kari!), a!.id, {
      expectedVersion: a!.version,
      progress: 'off-track',
      reason: 'Leverandøren av portalen er forsinket',
    });
    if (out.kind !== 'changed') {
      throw new Error(`setProgress: ${JSON.stringify(out)}`);
    }
  },
});

describe('a report from the agency to the ministry', () => {
  const people: Record<string, { context: BrowserContext; page: TestPage }> = {};
  let reportId = '';

  beforeAll(async () => {
    for (const name of ['Kari Kyst', 'Bjørn Berg']) {
      const p = await suite.openPage();
      await p.page.goto(`${suite.base}/`);
      await signInByClicking(p.page, name);
      people[name] = p;
    }
  });
  afterAll(async () => {
    for (const p of Object.values(people)) await p.context.close();
  });

  const kari = () => people['Kari Kyst']!.page;
  const officer = () => people['Bjørn Berg']!.page;

  /** The report as the API sends it to this person (for the figures the page is filled with). */
  const fetchReport = async (page: TestPage) => {
    const res = await page.request.get(`${suite.base}/api/reports/${reportId}`);
    expect(res.status()).toBe(200);
    return (await res.json()) as Report;
  };
  const openReport = async (page: TestPage) => {
    await page.goto(`${suite.base}/rapporter/${reportId}`);
    await page.getByRole('heading', { level: 1, name: REPORT }).waitFor();
  };
  /** Takes a step after confirming it. */
  const step = async (page: TestPage, button: string, yes: string, status: string) => {
    await page.getByRole('button', { name: button }).click();
    await page.getByRole('button', { name: yes }).click();
    await page.getByText(`Rapporten har nå status: ${status}.`).waitFor();
  };

  it('the coordinator finds the status report of the year on /rapporter', async () => {
    const page = kari();
    await page
      .getByRole('navigation', { name: 'Hovedmeny' })
      .getByRole('link', { name: 'Rapporter' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Rapporter' }).waitFor();
    const list = page.getByRole('region', { name: `Rapporter fra ${SAMPLE_AGENCY} for ${YEAR}` });
    await list.getByRole('link', { name: REPORT }).waitFor();
    await audit(page, '90-rapporter-liste');
    await list.getByRole('link', { name: REPORT }).click();
    await page.getByRole('heading', { level: 1, name: REPORT }).waitFor();
    reportId = page.url().split('/').pop()!;
    await page.getByText('Dette mangler før rapporten kan sendes inn:').waitFor();
    await audit(page, '91-rapport-utkast');
  });

  it('refuses an accounts file with a wrong chapter, row by row, and saves nothing', async () => {
    const page = kari();
    const before = await fetchReport(page);
    const [first] = before.derived.budget;
    await page.getByLabel('Regnskapsfil (CSV eller XLSX)').setInputFiles({
      name: 'regnskap.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `Kapittel;Post;Beløp\n${first!.chapter};${first!.post};61 000\n799;01;5\n`,
      ),
    });
    await page.getByRole('button', { name: 'Last opp regnskapet' }).click();
    await page.getByText('Filen regnskap.csv ble avvist, og ingenting er lagret.').waitFor();
    await page
      .getByText('Rad 3: virksomheten har ingen slik post dette året (kapittel 799).')
      .waitFor();
    await audit(page, '92-regnskap-avvist', /status of 422/);
    expect((await fetchReport(page)).version).toBe(before.version);

    await page.getByLabel('Regnskapsfil (CSV eller XLSX)').setInputFiles({
      name: 'regnskap.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`Kapittel;Post;Beløp\n${first!.chapter};${first!.post};61 000\n`),
    });
    await page.getByRole('button', { name: 'Last opp regnskapet' }).click();
    await page.getByText('Regnskapet fra regnskap.csv er lagret.').waitFor();
  });

  it('the coordinator writes the deviation, a risk and the forecast, saves and submits', async () => {
    const page = kari();
    const report = await fetchReport(page);
    const deviation = page.getByRole('group', { name: `Avvik for ${OFF_TRACK} ${offTrackTitle}` });
    await deviation.getByLabel('Avvik', { exact: true }).fill('Portalen åpner ikke før i 2027.');
    await deviation.getByLabel('Årsak').fill('Leverandøren er forsinket.');
    await deviation.getByLabel('Tiltak').fill('Ny leveranseplan og ukentlig oppfølging.');

    // Every post a forecast: the first below its appropriation, explained; the rest as appropriated.
    for (const [i, b] of report.derived.budget.entries()) {
      const post = page.getByRole('group', {
        name: `Kap. ${b.chapter} post ${String(b.post).padStart(2, '0')} ${b.postName}`,
      });
      await post
        .getByLabel('Prognose for året (1 000 kr)')
        .fill(String(b.appropriation - (i === 0 ? 12_450 : 0)));
      if (i === 0) {
        await post.getByLabel('Forklaring på avviket').fill('Forsinket portal gir lavere forbruk.');
      }
    }

    await page.getByRole('button', { name: 'Legg til en risiko' }).click();
    const risk = page.getByRole('group', { name: 'Risiko 1' });
    await risk.getByLabel('Mål', { exact: true }).fill('Mål 1');
    await risk.getByLabel('Beskrivelse').fill('Data blir ikke tilgjengelige i tide.');
    await risk.getByLabel('Sannsynlighet (1–5)').selectOption('4');
    await risk.getByLabel('Konsekvens (1–5)').selectOption('5');
    await risk.getByLabel('Tiltak', { exact: true }).fill('Midlertidig nedlasting.');
    await risk.getByLabel('Sannsynlighet etter tiltak (1–5)').selectOption('2');
    await risk.getByLabel('Konsekvens etter tiltak (1–5)').selectOption('4');

    // Not yet saved: submitting waits for the save.
    await expect
      .poll(() => page.getByRole('button', { name: 'Send inn rapporten' }).isDisabled())
      .toBe(true);
    await page.getByRole('button', { name: 'Lagre rapporten' }).first().click();
    await page.getByText(/Rapporten er lagret/).waitFor();
    await expect
      .poll(() => page.getByText('Dette mangler før rapporten kan sendes inn:').count())
      .toBe(0);
    // The server's figures: the deviation from the appropriation and the risk score.
    const budget = page.getByRole('table', { name: /Bevilgning, regnskap og prognose/ });
    await budget.getByRole('cell', { name: '−12 450' }).waitFor();
    await budget.getByRole('cell', { name: '61 000' }).waitFor();
    const risks = page.getByRole('table', { name: /Risikoer slik rapporten sist ble lagret/ });
    await risks.getByRole('cell', { name: '20', exact: true }).waitFor();
    await audit(page, '93-rapport-utfylt');

    await page.getByRole('button', { name: 'Send inn rapporten' }).click();
    await page.getByText(/Vil du sende inn rapporten\?/).waitFor();
    await audit(page, '94-rapport-bekreft-innsending');
    await page.getByRole('button', { name: 'Ja, send inn' }).click();
    await page.getByText('Rapporten har nå status: Sendt inn.').waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Lagre rapporten' }).count()).toBe(0);
    await audit(page, '95-rapport-sendt-inn');
  });

  it('the budget officer sees it submitted and returns it with a comment', async () => {
    const page = officer();
    await page.goto(`${suite.base}/rapporter`);
    await page.getByLabel('Virksomhet', { exact: true }).selectOption({ label: SAMPLE_AGENCY });
    await page.getByLabel('År', { exact: true }).fill(String(YEAR));
    await page.getByRole('button', { name: 'Vis rapporter' }).click();
    const row = page.getByRole('row', { name: new RegExp(REPORT) });
    await row.getByText('Sendt inn').waitFor();
    // The ministry's overview of every agency's reports, with this one waiting for it.
    const overview = page.getByRole('table', { name: `Rapporter per virksomhet for ${YEAR}` });
    await overview.getByRole('row', { name: new RegExp(SAMPLE_AGENCY) }).waitFor();
    await audit(page, '96-rapporter-departement');
    await row.getByRole('link', { name: REPORT }).click();
    await page.getByRole('heading', { level: 1, name: REPORT }).waitFor();
    await page.getByLabel('Kommentar til virksomheten').fill('Beskriv konsekvensen for mål 1.');
    await step(page, 'Send tilbake til virksomheten', 'Ja, send tilbake', 'Sendt tilbake');
    await audit(page, '97-rapport-sendt-tilbake');
  });

  it('the coordinator revises it and submits the next revision', async () => {
    const page = kari();
    await openReport(page);
    await page.getByText('Beskriv konsekvensen for mål 1.').first().waitFor();
    await page
      .getByRole('group', { name: 'Risiko 1' })
      .getByLabel('Tiltak', { exact: true })
      .fill('Midlertidig nedlasting og API i 2027.');
    await page.getByRole('button', { name: 'Lagre rapporten' }).first().click();
    await page.getByText(/Rapporten er lagret/).waitFor();
    await step(page, 'Send inn rapporten', 'Ja, send inn', 'Sendt inn');
  });

  it('the officer accepts it; it reads as text and the API refuses a change', async () => {
    const desk = officer();
    await openReport(desk);
    // Before accepting, the officer comments on the value given for a steering parameter.
    const [parameter] = (await fetchReport(desk)).derived.steeringParameters;
    expect(parameter).toBeDefined();
    await desk
      .getByLabel(`Kommentar til «${parameter!.text}»`)
      .fill('Bra utvikling; vis tallene per region neste gang.');
    await desk.getByRole('button', { name: 'Lagre kommentarene' }).click();
    await desk.getByText('Kommentarene er lagret.').waitFor();
    await step(desk, 'Godkjenn rapporten', 'Ja, godkjenn', 'Godkjent');
    const versions = desk.getByRole('region', { name: 'Innsendte versjoner' });
    await versions.getByText('Revisjon 2').waitFor();
    await versions.getByText('Revisjon 1').waitFor();
    await versions.getByText('Departementets kommentar: Beskriv konsekvensen for mål 1.').waitFor();
    await audit(desk, '98-rapport-godkjent');

    const page = kari();
    await openReport(page);
    await page.getByText('Rapporten kan ikke endres av deg nå.').waitFor();
    expect(await page.getByRole('button', { name: 'Lagre rapporten' }).count()).toBe(0);
    expect(await page.getByRole('textbox').count()).toBe(0);
    await page.getByRole('cell', { name: 'Midlertidig nedlasting og API i 2027.' }).waitFor();
    await page
      .getByRole('cell', { name: 'Bra utvikling; vis tallene per region neste gang.' })
      .waitFor();
    await audit(page, '99-rapport-lest-godkjent');
    await page.setViewportSize({ width: 390, height: 844 });
    await audit(page, '99-rapport-lest-godkjent-mobil');

    const report = await fetchReport(page);
    expect(report.status).toBe('accepted');
    const me = (await (await page.request.get(`${suite.base}/api/me`)).json()) as {
      csrfToken: string;
    };
    const put = await page.request.put(`${suite.base}/api/reports/${reportId}`, {
      headers: { 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' },
      data: { content: { ...report.content, risks: [] }, expectedVersion: report.version },
    });
    expect(put.status()).toBe(422);
    expect(await put.json()).toMatchObject({ error: 'report-locked' });

    const list = await page.request.get(
      `${suite.base}/api/reports?agency=${report.agencyId}&year=${YEAR}`,
    );
    const mine = ((await list.json()) as ReportList).reports.find((r) => r.id === reportId);
    expect(mine).toMatchObject({ status: 'accepted', revision: 2 });
  });
});
