/**
 * The ministry's views of the reports (issue 15, "Ministry views"), in a real browser against
 * the real server, on the sample letters for Havdatadirektoratet 2026 with the sample's
 * accepted status report (a risk of 2 × 4 after measures, a forecast under the appropriation)
 * and a value reported for one steering parameter. The budget officer follows the link from
 * /rapporter, sees the bar chart of forecast against appropriation and opens its table, sets the
 * risk tolerance to 6 and sees the risk marked above it on the heat map and in the list; the
 * tables of the charts show when printed. Every state is checked with axe and photographed.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import type { Db } from '../../db/client';
import {
  documents,
  organisations,
  reports,
  riskTolerances,
  steeringParameters,
} from '../../db/schema';
import { setRiskTolerance } from '../../services/report-views';
import {
  loadSampleDataIfEmpty,
  loadSampleFollowUp,
  loadSampleReports,
} from '../../services/sample-data';
import {
  actorFromUser,
  ensureLocalUsers,
  findLocalUser,
  SAMPLE_AGENCY,
} from '../../services/users';
import { audit, browserSuite, newPage, signInByClicking, type TestPage } from './helpers';

const YEAR = 2026;
const OPEN = 'Andel datasett publisert med åpen lisens';

/** The suite's database, to change what the page shows behind its back. */
let seeded: Db | undefined;

const suite = browserSuite({
  localUsers: true,
  seed: async (db) => {
    seeded = db;
    await loadSampleDataIfEmpty(db);
    await ensureLocalUsers(db);
    await loadSampleFollowUp(db);
    await loadSampleReports(db);
    // The accepted report gives a value for one steering parameter (written here as test data).
    const [param] = await db
      .select({ id: steeringParameters.id })
      .from(steeringParameters)
      .innerJoin(documents, eq(documents.id, steeringParameters.documentId))
      .where(and(eq(steeringParameters.text, OPEN), eq(documents.isCurrent, true)));
    const [accepted] = await db
      .select({ id: reports.id, content: reports.content })
      .from(reports)
      .innerJoin(organisations, eq(organisations.id, reports.agencyId))
      .where(and(eq(reports.status, 'accepted'), eq(organisations.name, SAMPLE_AGENCY)));
    await db
      .update(reports)
      .set({
        content: {
          ...accepted!.content,
          steeringParameters: [
            { steeringParameterId: param!.id, value: 72, unit: 'prosent', comment: 'Økt fra 65' },
          ],
        },
      })
      .where(eq(reports.id, accepted!.id));
  },
});

describe("the ministry's views of the reports", () => {
  let person: { context: BrowserContext; page: TestPage };

  beforeAll(async () => {
    person = await suite.openPage();
    await person.page.goto(`${suite.base}/`);
    await signInByClicking(person.page, 'Bjørn Berg');
  });
  afterAll(async () => {
    await person.context.close();
  });

  const page = () => person.page;
  const agency = () => page().getByRole('region', { name: SAMPLE_AGENCY, exact: true });

  it('the budget officer finds the views from /rapporter and sees the chart and its table', async () => {
    const p = page();
    await p.goto(`${suite.base}/rapporter?aar=${YEAR}`);
    await p
      .getByRole('link', { name: `Se diagrammer, risikokart og styringsparametere for ${YEAR}` })
      .click();
    await p.getByRole('heading', { level: 1, name: 'Rapportoversikt' }).waitFor();
    const budget = agency().getByRole('figure', {
      name: `Prognose og bevilgning per post for ${SAMPLE_AGENCY} (1000 kr)`,
    });
    const chart = budget.getByRole('img', { name: /^Stolpediagram over bevilgning og prognose/ });
    await chart.waitFor();
    // The drawing: one bar per post and series, as SVG.
    expect(await chart.locator('svg .recharts-bar-rectangle').count()).toBeGreaterThan(1);
    const table = budget.getByRole('table');
    expect(await table.isVisible()).toBe(false);
    await audit(p, '95-rapportoversikt');

    await budget.getByRole('button', { name: 'Vis som tabell' }).click();
    await table.waitFor();
    expect(
      await budget.getByRole('button', { name: 'Skjul tabellen' }).getAttribute('aria-expanded'),
    ).toBe('true');
    const rows = table.getByRole('row');
    expect(await rows.count()).toBeGreaterThan(1);
    // The post under its appropriation by 1 200 (thousands of NOK).
    await table.getByRole('cell', { name: /^[−-]1\s200$/ }).waitFor();

    // A steering parameter's trend: the value reported, with no target the letter sets.
    const trend = agency().getByRole('figure', { name: `${OPEN} hos ${SAMPLE_AGENCY}` });
    await trend.getByRole('img', { name: /^Linjediagram over \d+ rapporterte verdier/ }).waitFor();
    await audit(p, '96-rapportoversikt-tabell');

    // Printed, every chart's table shows, opened or not.
    await p.emulateMedia({ media: 'print' });
    expect(await trend.getByRole('table').isVisible()).toBe(true);
    await p.emulateMedia({ media: 'screen' });
    expect(await trend.getByRole('table').isVisible()).toBe(false);
  });

  it('sets the risk tolerance and sees the risk marked above it', async () => {
    const p = page();
    const heat = agency().getByRole('table', {
      name: `Risikokart for ${SAMPLE_AGENCY}, etter tiltak`,
    });
    const cell = heat
      .getByRole('row', { name: /^Sannsynlighet 2/ })
      .getByRole('cell')
      .nth(3);
    await agency()
      .getByText('Ingen risikotoleranse er avtalt for året. Standard er 12', { exact: false })
      .waitFor();
    expect((await cell.textContent())?.trim()).toBe('1');
    await agency().getByRole('heading', { name: 'Risikoer over toleransen (0)' }).waitFor();

    const form = agency().getByRole('form', {
      name: `Sett risikotoleransen for ${SAMPLE_AGENCY}`,
    });
    await form.getByLabel('Risikotoleranse (1–25)').fill('30');
    await form.getByRole('button', { name: 'Lagre risikotoleransen' }).click();
    await form.getByText('Skriv et helt tall fra 1 til 25.').waitFor();
    await form.getByLabel('Risikotoleranse (1–25)').fill('6');
    await form.getByLabel('Kommentar (valgfri)').fill('Avtalt i etatsstyringsmøtet');
    await form.getByRole('button', { name: 'Lagre risikotoleransen' }).click();

    await agency().getByText('Avtalt risikotoleranse: 6.', { exact: false }).waitFor();
    await agency().getByRole('heading', { name: 'Risikoer over toleransen (1)' }).waitFor();
    await agency().getByRole('listitem').filter({ hasText: 'Katalogen over havdata' }).waitFor();
    const marked = agency()
      .getByRole('table', { name: `Risikokart for ${SAMPLE_AGENCY}, etter tiltak` })
      .getByRole('row', { name: /^Sannsynlighet 2/ })
      .getByRole('cell')
      .nth(3);
    expect(await marked.textContent()).toMatch(/^1!\(over toleransen\)$/);
    expect(await marked.getAttribute('data-above')).toBe('true');
    await audit(p, '97-rapportoversikt-toleranse');

    // Another officer sets it meanwhile: this page's change, based on 6, saves nothing.
    const db = seeded!;
    const [agreed] = await db.select().from(riskTolerances);
    const other = await findLocalUser(db, 'avdeling-hfa');
    const meanwhile = await setRiskTolerance(db, actorFromUser(other!), {
      agencyId: agreed!.agencyId,
      year: YEAR,
      score: 8,
      comment: 'Endret av en annen',
      expectedUpdatedAt: agreed!.updatedAt.toISOString(),
    });
    expect(meanwhile.kind).toBe('saved');
    await form.getByLabel('Risikotoleranse (1–25)').fill('7');
    await form.getByRole('button', { name: 'Lagre risikotoleransen' }).click();
    await form
      .getByRole('alert')
      .getByText('Noen andre har satt risikotoleransen siden du åpnet siden (nå 8).', {
        exact: false,
      })
      .waitFor();
    await audit(p, '97-rapportoversikt-toleranse-endret', /status of 409/);
    await form.getByRole('button', { name: 'Vis risikotoleransen slik den er nå' }).click();
    await agency().getByText('Avtalt risikotoleranse: 8.', { exact: false }).waitFor();
    const [kept] = await db.select().from(riskTolerances);
    expect(kept).toMatchObject({ score: 8, comment: 'Endret av en annen' });
  });

  it('fits a phone: no sideways scrolling of the page, the heat map in its own frame', async () => {
    const context = await suite.newContext({ viewport: { width: 375, height: 740 } });
    await context.addCookies(await person.context.cookies());
    const phone = await newPage(context);
    await phone.goto(`${suite.base}/rapporter/oversikt?aar=${YEAR}`);
    await phone.getByRole('heading', { level: 1, name: 'Rapportoversikt' }).waitFor();
    await phone.getByRole('img', { name: /^Stolpediagram over bevilgning og prognose/ }).waitFor();
    await audit(phone, '98-rapportoversikt-telefon');
    const overflow = await phone.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});
