/**
 * A signed-in user's journey in a real browser against the real server: sign in on the real
 * /logg-inn page, import real letters, change an assignment's status (and lose a race to
 * another user), find it on the calendar and in search, follow an agency's appropriations
 * through the year with the consistency findings, download the overview, and check that an
 * agency user cannot open another agency's draft by its address. Every state is checked with
 * axe (WCAG 2.1 A/AA) and photographed to test-artifacts/screenshots/.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { SAMPLE_AGENCY } from '../../services/users';
import { signIn, storeScopedDocument } from '../../testing/auth';
import { audit, browserSuite, newPage, repo, signInByClicking, type TestPage } from './helpers';

const seeds = resolve(repo, '../shared/seeds');
const SEED_2020 = '000_64c185cdf2762dea.txt';
const SEED_2022 = '004_0eca73cba024b290.txt';
const SAMPLE_LETTER = resolve(repo, 'sample-data/01-tildelingsbrev-2026.txt');

const suite = browserSuite({ localUsers: true });
const newContext = () => suite.newContext();

const h1 = (page: Page) => page.locator('h1').textContent();

describe('a signed-in user in the browser', () => {
  let context: BrowserContext;
  let page: TestPage;
  let assignmentUrl = '';

  beforeAll(async () => {
    context = await newContext();
    page = await newPage(context);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('signs in on the sign-in page and comes back with name, organisation and role', async () => {
    await page.goto(`${suite.base}/import`);
    await expect.poll(() => h1(page)).toBe('Importer dokumenter');
    await signInByClicking(page, 'Dina Dahl');
    expect(new URL(page.url()).pathname).toBe('/import');
    const banner = page.getByRole('banner');
    await banner.getByText('Klima- og havdepartementet').waitFor();
    await banner.getByText(/saksbehandler i departementet/).waitFor();
    await banner.getByRole('button', { name: 'Logg ut' }).waitFor();
    await audit(page, '20-innlogget-import');
  });

  it("imports her ministry's letter after a dry run, and is refused another ministry's", async () => {
    const files = [SEED_2022, SEED_2020].map((f) => resolve(seeds, f));
    await page.getByLabel('Filer').setInputFiles([...files, SAMPLE_LETTER]);
    await page.getByRole('button', { name: 'Kontroller (prøveimport)' }).click();
    await page
      .getByRole('heading', { name: 'Resultat av prøveimporten (ingenting er lagret)' })
      .waitFor({ timeout: 90_000 });
    await page.getByRole('heading', { name: `Avvist: ${SEED_2020}` }).waitFor();
    await page.getByRole('heading', { name: `Avvist: ${SEED_2022}` }).waitFor();
    await page
      .getByText(
        /er et brev fra Helse- og omsorgsdepartementet\. Du kan bare importere brev fra ditt eget/,
      )
      .first()
      .waitFor();
    await page
      .getByRole('heading', { name: '1 dokument funnet i 01-tildelingsbrev-2026.txt' })
      .waitFor();
    expect(await page.getByText('Prøveimport', { exact: true }).count()).toBeGreaterThan(0);
    await audit(page, '21-import-proeve', /status of 403/);

    // The rest of the journey works with the letters as issued (review first is the default).
    await page.getByLabel('Regnes som utstedt straks').check();
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByRole('heading', { name: 'Resultat', exact: true }).waitFor({ timeout: 90_000 });
    await page
      .getByRole('heading', { name: '1 dokument funnet i 01-tildelingsbrev-2026.txt' })
      .waitFor();
    await audit(page, '22-import-lagret', /status of 403/);
  }, 180_000);

  it("lets an administrator import another ministry's letters once the new organisations are confirmed", async () => {
    const adminContext = await newContext();
    const admin = await newPage(adminContext);
    try {
      await admin.goto(`${suite.base}/import`);
      await signInByClicking(admin, 'Arne Aas');
      const files = [SEED_2022, SEED_2020].map((f) => resolve(seeds, f));
      await admin.getByLabel('Filer').setInputFiles(files);
      await admin.getByLabel('Regnes som utstedt straks').check();
      await admin.getByRole('button', { name: 'Kontroller (prøveimport)' }).click();
      await admin
        .getByRole('heading', { name: 'Resultat av prøveimporten (ingenting er lagret)' })
        .waitFor({ timeout: 90_000 });
      await admin.getByRole('heading', { name: `10 dokumenter funnet i ${SEED_2020}` }).waitFor();
      await admin.getByText('Må bekreftes før det lagres').first().waitFor();
      await admin.getByText('Nytt departement: Helse- og omsorgsdepartementet').first().waitFor();
      await admin
        .getByText(/^Ny virksomhet: /)
        .first()
        .waitFor();
      const confirm = admin.getByRole('button', { name: 'Bekreft og importer' });
      expect(await confirm.isDisabled()).toBe(true);
      await audit(admin, '21b-import-maa-bekreftes');

      // Importing without confirming stores nothing and says so.
      await admin.getByRole('button', { name: 'Importer', exact: true }).click();
      await admin
        .getByRole('heading', { name: 'Resultat', exact: true })
        .waitFor({ timeout: 90_000 });
      await admin.getByText('Venter på bekreftelse – ikke lagret').first().waitFor();
      const before = await admin.request.get(`${suite.base}/api/documents?year=2020&limit=50`);
      expect(((await before.json()) as { total: number }).total).toBe(0);

      await admin.getByLabel('Jeg har lest hva importen erstatter, fjerner og oppretter').check();
      await confirm.click();
      await admin
        .getByRole('heading', { name: `10 dokumenter funnet i ${SEED_2020}` })
        .waitFor({ timeout: 90_000 });
      await admin.getByText('Opprettet', { exact: true }).first().waitFor({ timeout: 90_000 });
      // New documents link to the reader.
      await admin
        .getByRole('link', { name: /Tildelingsbrev.*2020/i })
        .first()
        .waitFor();
      await audit(admin, '22b-import-bekreftet', /status of 409/);
    } finally {
      await adminContext.close();
    }
  }, 240_000);

  it('reads an imported letter: every other item it holds, each beside its source lines', async () => {
    const res = await page.request.get(`${suite.base}/api/documents?year=2020&limit=50`);
    const letter = ((await res.json()) as { items: { id: string; kind: string }[] }).items.find(
      (d) => d.kind === 'allocation-letter',
    );
    expect(letter).toBeDefined();
    await page.goto(`${suite.base}/dokumenter/${letter!.id}`);
    const other = page.getByRole('region', { name: 'Annet innhold' });
    await other.getByText('Prioritering').first().waitFor();
    await other.getByText('Rapportering').first().waitFor();
    await other.getByText('Øremerking').first().waitFor();
    const first = other.getByRole('button', { name: /^Vis kilde/ }).first();
    await first.click();
    await page
      .getByText(/er markert: linje \d+/)
      .first()
      .waitFor();
    await audit(page, '22a-dokument-annet-innhold');
    // The next steps start on the import page.
    await page.goto(`${suite.base}/import`);
    await expect.poll(() => h1(page)).toBe('Importer dokumenter');
  });

  it('a refused upload shows its reason, in Norwegian', async () => {
    await page
      .getByLabel('Filer')
      .setInputFiles([
        { name: 'bilde.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
      ]);
    await page.getByRole('button', { name: 'Kontroller (prøveimport)' }).click();
    await page.getByRole('heading', { name: 'Avvist: bilde.png' }).waitFor();
    await page.getByText(/«bilde\.png» er ikke en PDF-, DOCX-, Markdown- eller TXT-fil/).waitFor();
    await audit(page, '23-import-avvist-fil', /status of 4\d\d/);
  });

  it('uploads two files one at a time: progress per file, results as each finishes', async () => {
    // Slow uploads down (300 bytes a second: the letter takes some nine seconds) so a file can be
    // seen while it is sent.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 300,
    });
    const letter = 'Fil 1 av 2: 01-tildelingsbrev-2026.txt';
    const image = 'Fil 2 av 2: bilde.png';
    await page.getByLabel('Filer').setInputFiles([
      {
        name: '01-tildelingsbrev-2026.txt',
        mimeType: 'text/plain',
        buffer: readFileSync(SAMPLE_LETTER),
      },
      { name: 'bilde.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
    ]);
    // Every state the file list and the live region show, in order, from the click on.
    await page.evaluate(() => {
      const seen: { files: string[]; announced: string[] } = { files: [], announced: [] };
      Object.assign(window, { seen });
      const record = () => {
        const files = [...document.querySelectorAll('.import-progress li')]
          .map((li) => li.textContent ?? '')
          .join(' | ');
        if (files && files !== seen.files.at(-1)) seen.files.push(files);
        const announced = document.querySelector('[aria-live="polite"][role="status"]');
        const text = announced?.textContent ?? '';
        if (text && text !== seen.announced.at(-1)) seen.announced.push(text);
      };
      new MutationObserver(record).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });

    await page.getByRole('button', { name: 'Kontroller (prøveimport)' }).click();

    // While the letter is sent: its progress bar and status line; the image waits.
    const progress = page.getByRole('region', { name: 'Opplasting' });
    const sending = progress.getByRole('progressbar', { name: /^Fil 1 av 2: .* — laster opp/ });
    await sending.waitFor({ timeout: 20_000 });
    await progress.getByText(`${image} — venter`).waitFor();
    await progress.getByRole('button', { name: 'Avbryt resten' }).waitFor();
    expect(await page.getByRole('heading', { name: /^Resultat/ }).count()).toBe(0);
    await audit(page, '23a-import-fremdrift', undefined, { idle: false });

    // Then each file finishes on its own line, with its result below.
    await progress.getByText(`${letter} — ferdig`).waitFor({ timeout: 60_000 });
    await progress.getByText(`${image} — avvist`).waitFor({ timeout: 30_000 });
    const results = page.getByRole('region', {
      name: 'Resultat av prøveimporten (ingenting er lagret)',
    });
    await results
      .getByRole('heading', { name: /^1 dokument funnet i 01-tildelingsbrev-2026\.txt$/ })
      .waitFor();
    await results.getByRole('heading', { name: 'Avvist: bilde.png' }).waitFor();
    expect(await progress.getByRole('progressbar').count()).toBe(0);
    expect(await progress.getByRole('button', { name: 'Avbryt resten' }).count()).toBe(0);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await cdp.detach();

    const seen = await page.evaluate(
      () => (window as unknown as { seen: { files: string[]; announced: string[] } }).seen,
    );
    const at = (pattern: RegExp) => seen.files.findIndex((s) => pattern.test(s));
    const uploading = at(
      /^Fil 1 av 2: .* — laster opp (\d+ %|…) \| Fil 2 av 2: bilde\.png — venter$/,
    );
    const parsing = at(/^Fil 1 av 2: .* — leser og tolker …/);
    const letterDone = at(/^Fil 1 av 2: .* — ferdig/);
    const imageSent = at(/Fil 2 av 2: bilde\.png — (laster opp|leser og tolker)/);
    expect(uploading, seen.files.join('\n')).toBeGreaterThanOrEqual(0);
    expect(parsing, seen.files.join('\n')).toBeGreaterThan(uploading);
    expect(letterDone).toBeGreaterThan(parsing);
    // One file at a time: the image is sent only once the letter is done.
    expect(imageSent).toBeGreaterThanOrEqual(letterDone);
    const sentTooSoon = seen.files.filter(
      (s) =>
        /bilde\.png — (laster opp|leser og tolker)/.test(s) && !/^Fil 1 av 2: .* — ferdig/.test(s),
    );
    expect(sentTooSoon).toEqual([]);
    // Screen readers hear each file start and finish, never each percent.
    expect(seen.announced).toEqual([
      `${letter} — laster opp …`,
      `${letter} — ferdig. ${image} — laster opp …`,
      `${image} — avvist. Ferdig: 2 av 2 filer er behandlet.`,
    ]);
    expect(seen.announced.join(' ')).not.toMatch(/\d\s?%/);
    await audit(page, '23b-import-fil-for-fil', /status of 4\d\d/);
  }, 120_000);

  it('cancels the files not yet sent', async () => {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      // The first file takes ~10 s to send: the user cancels while it is on its way.
      uploadThroughput: 300,
    });
    await page
      .getByLabel('Filer')
      .setInputFiles([SAMPLE_LETTER, resolve(repo, 'sample-data/02-tillegg-2026.txt')]);
    await page.getByRole('button', { name: 'Kontroller (prøveimport)' }).click();
    const progress = page.getByRole('region', { name: 'Opplasting' });
    await progress
      // While the first file is sent or read: on a loaded machine the sending may be over
      // before the page is looked at again, and the server then reads it (to the end).
      .getByRole('progressbar', { name: /^Fil 1 av 2: .* — (laster opp|leser og tolker)/ })
      .waitFor({ timeout: 60_000 });
    await progress.getByRole('button', { name: 'Avbryt resten' }).click();
    // The browser may have handed the first file to the server already (then it is read to
    // the end, by design); the second is never sent either way.
    const first = progress.getByText(
      /^Fil 1 av 2: 01-tildelingsbrev-2026\.txt — (avbrutt, ikke importert|ferdig)$/,
    );
    await first.waitFor({ timeout: 60_000 });
    await progress.getByText('Fil 2 av 2: 02-tillegg-2026.txt — avbrutt, ikke importert').waitFor();
    const done = (await first.textContent())?.endsWith('ferdig') ? 1 : 0;
    await page.getByRole('status').getByText(`Avbrutt: ${done} av 2 filer er behandlet.`).waitFor();
    expect(await page.getByRole('heading', { name: /^Resultat/ }).count()).toBe(done);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await cdp.detach();
    await audit(page, '23c-import-avbrutt');
  }, 180_000);

  it('changes the status of an assignment and sees the history', async () => {
    await page.goto(`${suite.base}/oppdrag?q=${encodeURIComponent('katalog over havdata')}`);
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
    const admin = await signIn(suite.app, 'administrator', { fresh: true });
    const state = await suite.app.inject({
      method: 'GET',
      url: `/api/assignments/${id}/history`,
      headers: { cookie: admin.cookie },
    });
    const { assignment } = state.json() as {
      assignment: { version: number; allowedTransitions: string[] };
    };
    const to = assignment.allowedTransitions.find((s) => s === 'planned' || s === 'in-progress');
    expect(to).toBeDefined();
    const change = await suite.app.inject({
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
    await page.goto(`${suite.base}/kalender?maaned=2026-06`);
    const grid = page.getByRole('table', { name: 'Kalender for juni 2026' });
    await grid.waitFor();
    expect(await grid.getByRole('columnheader').count()).toBe(8);
    await grid.getByRole('link', { name: /TB2026-01: Nasjonal katalog over havdata/ }).waitFor();
    await audit(page, '27-kalender-maaned');

    // Today is marked in the month that holds it.
    await page.getByRole('link', { name: 'Denne måneden' }).click();
    await expect.poll(() => page.locator('td[aria-current="date"]').count()).toBe(1);

    await page.goto(`${suite.base}/kalender?maaned=2020-05&visning=liste`);
    const list = page.getByRole('table', { name: 'Frister, rapporter og møter' });
    await list.waitFor();
    expect(await list.getByRole('row').count()).toBeGreaterThan(1);
    await audit(page, '28-kalender-liste');

    await page.goto(`${suite.base}/sok?q=${encodeURIComponent('katalog havdata')}`);
    await page
      .getByRole('region', { name: /^Oppdrag \(/ })
      .getByRole('link', { name: /Nasjonal katalog over havdata/ })
      .first()
      .waitFor();
  });

  it('subscribes to the calendar: the address once, with copy and instructions; then revokes', async () => {
    await page.goto(`${suite.base}/kalender?maaned=2026-06`);
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
      .poll(() => page.locator('.source-line[data-highlighted="true"]').count(), {
        timeout: 15_000,
      })
      .toBeGreaterThan(0);
  }, 120_000);

  it('signs out', async () => {
    await page.goto(`${suite.base}/`);
    await page.getByRole('banner').getByRole('button', { name: 'Logg ut' }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Logg inn' }).waitFor();
    await audit(page, '31-utlogget');
  });
});

describe('another agency', () => {
  it("cannot open an agency's draft or shared document by its address", async () => {
    const draft = await storeScopedDocument(suite.app, 'draft', SAMPLE_AGENCY);
    const shared = await storeScopedDocument(suite.app, 'shared', SAMPLE_AGENCY);
    const context = await newContext();
    const page = await newPage(context);
    await page.goto(`${suite.base}/`);
    await signInByClicking(page, 'Frida Fjell');
    for (const id of [draft.documentId, shared.documentId]) {
      await page.goto(`${suite.base}/dokumenter/${id}`);
      await page.getByText('Fant ikke det du ba om').waitFor();
    }
    await page.goto(`${suite.base}/oppdrag/${shared.assignmentId}`);
    await page.getByText('Fant ikke det du ba om').waitFor();
    await audit(page, '32-annen-virksomhet-ikke-funnet', /status of 404/);
    await context.close();

    // The agency it was shared with reads it.
    const own = await newContext();
    const ownPage = await newPage(own);
    await ownPage.goto(`${suite.base}/`);
    await signInByClicking(ownPage, 'Kari Kyst');
    await ownPage.goto(`${suite.base}/dokumenter/${shared.documentId}`);
    await expect.poll(() => h1(ownPage), { timeout: 15_000 }).toMatch(/\(shared\)$/);
    await own.close();
  }, 90_000);
});
