/**
 * A signed-in user's journey in a real browser against the real server: sign in on the real
 * /logg-inn page, import real letters, change an assignment's status (and lose a race to
 * another user), find it on the calendar and in search, follow an agency's appropriations
 * through the year with the consistency findings, download the overview, and check that an
 * agency user cannot open another agency's draft by its address. Every state is checked with
 * axe (WCAG 2.1 A/AA) and photographed to test-artifacts/screenshots/.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { buildApp, type App } from '../../server/app';
import { testDatabase } from '../../db/testing';
import { ensureLocalUsers, SAMPLE_AGENCY } from '../../services/users';
import { signIn, storeScopedDocument } from '../../testing/auth';

const repo = resolve(import.meta.dirname, '../../..');
const webDir = resolve(repo, 'dist/web');
const screenshots = resolve(repo, 'test-artifacts/screenshots');
const seeds = resolve(repo, '../shared/seeds');
const CHROMIUM = '/usr/bin/chromium';
const SEED_2020 = '000_64c185cdf2762dea.txt';
const SEED_2022 = '004_0eca73cba024b290.txt';
const SAMPLE_LETTER = resolve(repo, 'sample-data/01-tildelingsbrev-2026.txt');

let app: App;
let base: string;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(resolve(webDir, 'index.html'))) {
    const { build } = await import('vite');
    await build({ configFile: resolve(repo, 'src/web/vite.config.ts'), logLevel: 'warn' });
  }
  mkdirSync(screenshots, { recursive: true });
  const database = await testDatabase();
  await ensureLocalUsers(database.db);
  app = await buildApp({ database, webDir });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('The server has no port');
  base = `http://127.0.0.1:${address.port}`;
  for (let i = 0; i < 60 && !existsSync(CHROMIUM); i++) {
    await new Promise((r) => setTimeout(r, 1000));
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function newContext(): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'nb-NO',
    acceptDownloads: true,
  });
}

async function newPage(context: BrowserContext): Promise<Page & { errors: string[] }> {
  const page = (await context.newPage()) as Page & { errors: string[] };
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') page.errors.push(m.text());
  });
  return page;
}

/** axe with the WCAG 2.1 A/AA rules, one h1, a screenshot, no script errors. */
async function audit(page: Page & { errors: string[] }, name: string, allowed?: RegExp) {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.loading').count(), { timeout: 20_000 }).toBe(0);
  await page.screenshot({ path: resolve(screenshots, `${name}.png`), fullPage: true });
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const readable = result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n${v.nodes
        .map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary ?? ''}`)
        .join('\n')}`,
  );
  if (readable.length) console.log(`axe violations on ${name}:\n${readable.join('\n')}`);
  expect(readable, `axe violations on ${name}`).toEqual([]);
  expect(await page.locator('h1').count(), `one h1 on ${name}`).toBe(1);
  const errors = page.errors.filter((e) => !allowed?.test(e));
  page.errors.length = 0;
  expect(errors).toEqual([]);
}

/** Signs in on the real sign-in page by clicking, starting from the header's link. */
async function signInByClicking(page: Page, name: string): Promise<void> {
  await page.getByRole('banner').getByRole('link', { name: 'Logg inn' }).click();
  await page.waitForURL(/\/logg-inn\?returnTo=/);
  await page.getByRole('radio', { name: new RegExp(name) }).check();
  await page.getByRole('button', { name: 'Logg inn som valgt bruker' }).click();
  await page.getByRole('banner').getByText(name).waitFor();
}

const h1 = (page: Page) => page.locator('h1').textContent();

describe('a signed-in user in the browser', () => {
  let context: BrowserContext;
  let page: Page & { errors: string[] };
  let assignmentUrl = '';

  beforeAll(async () => {
    context = await newContext();
    page = await newPage(context);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('signs in on the sign-in page and comes back with name, organisation and role', async () => {
    await page.goto(`${base}/import`);
    await expect.poll(() => h1(page)).toBe('Importer dokumenter');
    await signInByClicking(page, 'Dina Dahl');
    expect(new URL(page.url()).pathname).toBe('/import');
    const banner = page.getByRole('banner');
    await banner.getByText('Klima- og havdepartementet').waitFor();
    await banner.getByText(/saksbehandler i departementet/).waitFor();
    await banner.getByRole('button', { name: 'Logg ut' }).waitFor();
    await audit(page, '20-innlogget-import');
  });

  it('imports real letters: a dry run first, then the import, and sees what was found', async () => {
    const files = [SEED_2022, SEED_2020].map((f) => resolve(seeds, f));
    await page.getByLabel('Filer').setInputFiles([...files, SAMPLE_LETTER]);
    await page.getByRole('button', { name: 'Kontroller (prøveimport)' }).click();
    await page
      .getByRole('heading', { name: 'Resultat av prøveimporten (ingenting er lagret)' })
      .waitFor({ timeout: 90_000 });
    await page.getByRole('heading', { name: `10 dokumenter funnet i ${SEED_2020}` }).waitFor();
    await page.getByRole('heading', { name: `1 dokument funnet i ${SEED_2022}` }).waitFor();
    expect(await page.getByText('Prøveimport', { exact: true }).count()).toBeGreaterThan(0);
    await audit(page, '21-import-proeve');

    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByRole('heading', { name: 'Resultat', exact: true }).waitFor({ timeout: 90_000 });
    const found = page.getByRole('heading', { name: `10 dokumenter funnet i ${SEED_2020}` });
    await found.waitFor();
    // New documents link to the reader.
    await page
      .getByRole('link', { name: /Tildelingsbrev.*2020/i })
      .first()
      .waitFor();
    await audit(page, '22-import-lagret');
  }, 180_000);

  it('a refused upload shows its reason', async () => {
    await page
      .getByLabel('Filer')
      .setInputFiles([
        { name: 'bilde.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
      ]);
    await page.getByRole('button', { name: 'Kontroller (prøveimport)' }).click();
    await page.getByRole('heading', { name: 'Avvist: bilde.png' }).waitFor();
    await page.getByText(/bilde\.png ble avvist: /).waitFor();
    await audit(page, '23-import-avvist-fil', /status of 4\d\d/);
  });

  it('changes the status of an assignment and sees the history', async () => {
    await page.goto(`${base}/oppdrag?q=${encodeURIComponent('katalog over havdata')}`);
    await page.getByRole('link', { name: 'Nasjonal katalog over havdata' }).first().click();
    await expect.poll(() => h1(page)).toMatch(/^TB2026-01: Nasjonal katalog over havdata/);
    assignmentUrl = page.url();
    const section = page.getByRole('region', { name: 'Status og historikk' });
    await section.getByRole('group', { name: 'Endre status til' }).waitFor();
    await audit(page, '24-oppdrag-status');

    // Submitting without a choice says what is missing.
    await section.getByRole('button', { name: 'Lagre status' }).click();
    await section.getByText('Velg hvilken status oppdraget skal få.').waitFor();

    const current = (await section.locator('.ds-tag').first().textContent()) ?? '';
    const target = current === 'Under arbeid' ? 'Levert' : 'Under arbeid';
    await section.getByRole('radio', { name: target }).check();
    await section.getByLabel('Kommentar').fill('Arbeidet er i gang etter møtet med departementet.');
    if (target === 'Levert') {
      await section.getByLabel('Referanse til leveransen').fill('2026/123-4');
    }
    await section.getByRole('button', { name: 'Lagre status' }).click();
    await section.getByText(`Statusen er endret til «${target}».`).waitFor();
    const history = section.getByRole('list', { name: 'Historikk' });
    await history.getByText(`${current} → ${target}`).first().waitFor();
    await history
      .getByText('Kommentar: Arbeidet er i gang etter møtet med departementet.')
      .waitFor();
    await history.getByText('av deg').first().waitFor();
    await audit(page, '25-oppdrag-status-endret');
  });

  it('is told clearly when someone else changed the assignment first', async () => {
    const section = page.getByRole('region', { name: 'Status og historikk' });
    const id = new URL(assignmentUrl).pathname.split('/').pop() ?? '';
    // Another person (the administrator) changes it while this page is open.
    const admin = await signIn(app, 'administrator', { fresh: true });
    const state = await app.inject({
      method: 'GET',
      url: `/api/assignments/${id}/history`,
      headers: { cookie: admin.cookie },
    });
    const { assignment } = state.json() as {
      assignment: { version: number; allowedTransitions: string[] };
    };
    const to = assignment.allowedTransitions.find((s) => s === 'planned' || s === 'in-progress');
    expect(to).toBeDefined();
    const change = await app.inject({
      method: 'POST',
      url: `/api/assignments/${id}/status`,
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: {
        to,
        comment: 'Endret av administrator i mellomtiden',
        expectedVersion: assignment.version,
      },
    });
    expect(change.statusCode).toBe(200);

    const radios = section.getByRole('radio');
    await radios.first().check();
    await section.getByRole('button', { name: 'Lagre status' }).click();
    await section.getByRole('heading', { name: 'Noen andre endret oppdraget før deg' }).waitFor();
    await section.getByText(/Endringen din er ikke lagret/).waitFor();
    await section
      .locator('.stale-change')
      .getByText('Kommentar: Endret av administrator i mellomtiden')
      .waitFor();
    await audit(page, '26-oppdrag-samtidig-endring', /status of 409/);
  });

  it('finds the assignment on the calendar (month and list) and in search', async () => {
    await page
      .getByRole('navigation', { name: 'Hovedmeny' })
      .getByRole('link', { name: 'Kalender' })
      .click();
    await expect.poll(() => h1(page)).toBe('Styringskalender');
    await page.goto(`${base}/kalender?maaned=2026-06`);
    const grid = page.getByRole('table', { name: 'Kalender for juni 2026' });
    await grid.waitFor();
    expect(await grid.getByRole('columnheader').count()).toBe(8);
    await grid.getByRole('link', { name: /TB2026-01: Nasjonal katalog over havdata/ }).waitFor();
    await audit(page, '27-kalender-maaned');

    // Today is marked in the month that holds it.
    await page.getByRole('link', { name: 'Denne måneden' }).click();
    await expect.poll(() => page.locator('td[aria-current="date"]').count()).toBe(1);

    await page.goto(`${base}/kalender?maaned=2020-05&visning=liste`);
    const list = page.getByRole('table', { name: 'Frister, rapporter og møter' });
    await list.waitFor();
    expect(await list.getByRole('row').count()).toBeGreaterThan(1);
    await audit(page, '28-kalender-liste');

    await page.goto(`${base}/sok?q=${encodeURIComponent('katalog havdata')}`);
    await page
      .getByRole('region', { name: /^Oppdrag \(/ })
      .getByRole('link', { name: /Nasjonal katalog over havdata/ })
      .first()
      .waitFor();
  });

  it('subscribes to the calendar: the address once, with copy and instructions; then revokes', async () => {
    await page.goto(`${base}/kalender?maaned=2026-06`);
    const box = page.getByRole('region', { name: 'Abonner i din egen kalender' });
    await box.getByLabel('Navn på abonnementet').fill('Mine havdata-frister');
    await box.getByRole('button', { name: 'Lag abonnement' }).click();
    const url = box.getByLabel('Adresse til kalenderen');
    await url.waitFor();
    expect(await url.inputValue()).toMatch(/\/api\/calendar\/feeds\/[A-Za-z0-9_-]+\.ics$/);
    await box.getByText(/Den vises bare denne ene gangen/).waitFor();
    await box.getByRole('button', { name: 'Kopier adressen' }).waitFor();
    const feed = await (await fetch(await url.inputValue())).text();
    expect(feed).toContain('BEGIN:VCALENDAR');
    await audit(page, '29-kalender-abonnement');

    await box.getByRole('button', { name: /Trekk tilbake \(Mine havdata-frister\)/ }).click();
    await box
      .getByText(/Trukket tilbake/)
      .first()
      .waitFor();
  });

  it('follows the appropriations of Direktoratet for e-helse through 2020, with six findings', async () => {
    await page
      .getByRole('navigation', { name: 'Hovedmeny' })
      .getByRole('link', { name: 'Bevilgninger' })
      .click();
    await expect.poll(() => h1(page)).toBe('Bevilgninger');
    await page.getByLabel('Budsjettår').selectOption('2020');
    await page.getByLabel('Virksomhet', { exact: true }).selectOption('Direktoratet for e-helse');
    await page.getByRole('button', { name: 'Vis bevilgninger' }).click();
    await expect.poll(() => h1(page)).toBe('Bevilgninger for Direktoratet for e-helse 2020');
    const expenses = page.getByRole('table', { name: /Utgiftsbevilgninger/ });
    await expenses.waitFor({ timeout: 30_000 });
    // The letter, then supplements, each with its change and the running total.
    await expenses.getByRole('link', { name: 'Tildelingsbrev' }).first().waitFor();
    await expenses
      .getByRole('link', { name: /^Tillegg nr\. \d+ – / })
      .first()
      .waitFor();
    await page.getByText('Tildel fant 6 avvik.').waitFor();
    expect(await page.locator('.finding').count()).toBe(6);
    await audit(page, '30-bevilgninger');

    // A finding links to the reader with its lines marked.
    const findingLink = page.locator('.finding a').first();
    const href = (await findingLink.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/dokumenter\/[0-9a-f-]{36}\?kilde=\d+-\d+$/);

    // The overview downloads as a spreadsheet.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Last ned som Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^oversikt-2020-.*\.xlsx$/);
    const path = await download.path();
    expect(readFileSync(path).subarray(0, 2).toString('latin1')).toBe('PK');

    await findingLink.click();
    await expect
      .poll(() => page.locator('.source-line[data-highlighted="true"]').count())
      .toBeGreaterThan(0);
  }, 120_000);

  it('signs out', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('banner').getByRole('button', { name: 'Logg ut' }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Logg inn' }).waitFor();
    await audit(page, '31-utlogget');
  });
});

describe('another agency', () => {
  it("cannot open an agency's draft or shared document by its address", async () => {
    const draft = await storeScopedDocument(app, 'draft', SAMPLE_AGENCY);
    const shared = await storeScopedDocument(app, 'shared', SAMPLE_AGENCY);
    const context = await newContext();
    const page = await newPage(context);
    await page.goto(`${base}/`);
    await signInByClicking(page, 'Frida Fjell');
    for (const id of [draft.documentId, shared.documentId]) {
      await page.goto(`${base}/dokumenter/${id}`);
      await page.getByText('Fant ikke det du ba om').waitFor();
    }
    await page.goto(`${base}/oppdrag/${shared.assignmentId}`);
    await page.getByText('Fant ikke det du ba om').waitFor();
    await audit(page, '32-annen-virksomhet-ikke-funnet', /status of 404/);
    await context.close();

    // The agency it was shared with reads it.
    const own = await newContext();
    const ownPage = await newPage(own);
    await ownPage.goto(`${base}/`);
    await signInByClicking(ownPage, 'Kari Kyst');
    await ownPage.goto(`${base}/dokumenter/${shared.documentId}`);
    await expect.poll(() => h1(ownPage)).toMatch(/\(shared\)$/);
    await own.close();
  }, 90_000);
});
