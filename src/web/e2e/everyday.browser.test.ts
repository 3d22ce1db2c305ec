/**
 * What issue 10 found in everyday use, in a real browser against the real server: the menu and
 * the import page follow what the server says the user may do; files over the limit are refused
 * in the browser, and every refusal is said in Norwegian; times are Oslo time whatever the
 * browser's time zone; and every page works on a phone (390 × 844): nothing cut off without a
 * marked scroll region, a header of at most 100 px, «Vis kilde» brings the marked line into view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { Db } from '../../db/client';
import { SAMPLE_AGENCY, SAMPLE_MINISTRY } from '../../services/users';
import { buildAssignment, buildDocument, storeDocuments } from '../../testing/factories';
import { audit, browserSuite, newPage, signInByClicking, type TestPage } from './helpers';

/** A budget year no other browser test uses. */
const YEAR = 2044;
const LETTER_TITLE = `Tildelingsbrev til ${SAMPLE_AGENCY} for ${YEAR}`;
const MB = 1024 * 1024;
const PHONE = { width: 390, height: 844 };
const at = (startLine: number, endLine = startLine) => ({ startLine, endLine });
const deadline = (date: string) => ({
  date,
  text: `innen ${date}`,
  appliesTo: null,
  value: { kind: 'exact' as const, date },
});

async function seed(db: Db): Promise<void> {
  const assignments = Array.from({ length: 12 }, (_, i) =>
    buildAssignment({
      id: `TB${YEAR}-${String(i + 1).padStart(2, '0')}`,
      assignedId: `TB${YEAR}-${String(i + 1).padStart(2, '0')}`,
      ownerDepartment: 'HFA',
      title: `Utrede en ordning for kystdata i region ${i + 1} med et langt navn`,
      text: `Direktoratet skal utrede ordning ${i + 1}.`,
      // June: Monday the 6th to Sunday the 12th in 2044, and more.
      deadlines: [deadline(`${YEAR}-06-${String(6 + (i % 7)).padStart(2, '0')}`)],
      provenance: at(20 + i),
    }),
  );
  await storeDocuments(db, [
    buildDocument({
      year: YEAR,
      title: LETTER_TITLE,
      agency: SAMPLE_AGENCY,
      ministry: SAMPLE_MINISTRY,
      date: `${YEAR}-01-15`,
      assignments,
      calendar: [
        {
          date: `${YEAR}-06-12`,
          text: 'Etatsstyringsmøte om kystdata på en søndag',
          deadline: deadline(`${YEAR}-06-12`),
          kind: 'meeting',
          provenance: at(40),
        },
      ],
      goals: [
        {
          code: 'HOVEDMÅL 1',
          title: 'Bedre kunnskap om kysten',
          area: 'kyst',
          evaluationCriteria: [],
          provenance: at(55, 56),
        },
      ],
      provenance: at(1, 60),
    }),
  ]);
}

const suite = browserSuite({ seed, localUsers: true, maxUploadBytes: MB, timeout: 120_000 });
const h1 = (page: Page) => page.locator('h1').textContent();
const menu = (page: Page) => page.getByRole('navigation', { name: 'Hovedmeny' });

async function letterId(page: Page): Promise<string> {
  const res = await page.request.get(`${suite.base}/api/documents?year=${YEAR}&limit=5`);
  const body = (await res.json()) as { items: { id: string; title: string }[] };
  const doc = body.items.find((d) => d.title === LETTER_TITLE);
  if (!doc) throw new Error('The seeded letter is missing');
  return doc.id;
}

/** Signs in on a desktop-sized window, then gives the window `viewport`. */
async function signedIn(
  name: string,
  {
    viewport,
    timezoneId,
  }: { viewport?: { width: number; height: number }; timezoneId?: string } = {},
) {
  const context = await suite.newContext(timezoneId ? { timezoneId } : {});
  const page = await newPage(context);
  await page.goto(`${suite.base}/`);
  await signInByClicking(page, name);
  if (viewport) await page.setViewportSize(viewport);
  return { context, page };
}

describe('the menu and the import page follow what the user may do', () => {
  it('the public is not offered Import; opened directly, the page says why not', async () => {
    const context = await suite.newContext();
    const page = await newPage(context);
    await page.goto(`${suite.base}/`);
    await menu(page).getByRole('link', { name: 'Oppdrag' }).waitFor();
    expect(await menu(page).getByRole('link', { name: 'Import' }).count()).toBe(0);

    await page.goto(`${suite.base}/import`);
    await expect.poll(() => h1(page)).toBe('Importer dokumenter');
    await page.getByRole('heading', { name: 'Du har ikke tilgang til å importere' }).waitFor();
    await page.getByText(/Logg inn som saksbehandler eller budsjettrådgiver/).waitFor();
    // No file field to fill in only to be refused afterwards.
    expect(await page.getByLabel('Filer').count()).toBe(0);
    await page.getByRole('main').getByRole('link', { name: 'Logg inn' }).waitFor();
    await audit(page, '60-import-ikke-tilgang-anonym');
    await context.close();
  });

  it('readers, agencies and auditors are not offered Import either', async () => {
    for (const name of ['Lise Lund', 'Kari Kyst', 'Rita Rask']) {
      const { context, page } = await signedIn(name);
      await menu(page).getByRole('link', { name: 'Oppdrag' }).waitFor();
      expect(await menu(page).getByRole('link', { name: 'Import' }).count(), name).toBe(0);
      await page.goto(`${suite.base}/import`);
      await page.getByRole('heading', { name: 'Du har ikke tilgang til å importere' }).waitFor();
      expect(await page.getByLabel('Filer').count(), name).toBe(0);
      await page.getByRole('link', { name: 'Logg inn med en annen rolle' }).waitFor();
      if (name === 'Lise Lund') await audit(page, '61-import-ikke-tilgang-leser');
      await context.close();
    }
  });

  it('a ministry officer is offered Import and gets the form', async () => {
    const { context, page } = await signedIn('Dina Dahl');
    await menu(page).getByRole('link', { name: 'Import' }).click();
    await expect.poll(() => h1(page)).toBe('Importer dokumenter');
    await page.getByLabel('Filer').waitFor();
    expect(await page.getByText('Du har ikke tilgang til å importere').count()).toBe(0);
    await context.close();
  });
});

describe('refused files are refused in Norwegian, and large files before they are sent', () => {
  let context: BrowserContext;
  let page: TestPage;
  beforeAll(async () => {
    ({ context, page } = await signedIn('Dina Dahl'));
    await page.goto(`${suite.base}/import`);
    await page.getByLabel('Filer').waitFor();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('a file over the limit is refused with its real size and never sent', async () => {
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/imports')) sent.push(r.url());
    });
    const size = Math.round(1.5 * MB);
    await page
      .getByLabel('Filer')
      .setInputFiles([
        { name: 'stort.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(size, 0x20) },
      ]);
    const message = '«stort.pdf» er 1,5 MB, større enn grensen på 1 MB';
    await page.getByText(message).first().waitFor();
    await page.getByRole('button', { name: 'Kontroller (prøveimport)' }).click();
    await page.getByRole('heading', { name: 'Avvist: stort.pdf' }).waitFor();
    await page
      .getByRole('region', { name: /Resultat/ })
      .getByText(message)
      .waitFor();
    expect(sent).toEqual([]);
    await audit(page, '62-import-for-stor');
  });

  it("the server's refusal is said in Norwegian, not in English", async () => {
    await page
      .getByLabel('Filer')
      .setInputFiles([
        { name: 'bilde.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
      ]);
    await page.getByRole('button', { name: 'Kontroller (prøveimport)' }).click();
    await page.getByRole('heading', { name: 'Avvist: bilde.png' }).waitFor();
    const result = page.getByRole('region', { name: /Resultat/ });
    await result
      .getByText(/«bilde\.png» er ikke en PDF-, DOCX-, Markdown- eller TXT-fil/)
      .waitFor();
    const text = (await result.textContent()) ?? '';
    // The importer's English reason ("the file is a PNG image …") is not shown.
    expect(text).not.toMatch(/\bthe file\b|\bimage\b/i);
    await audit(page, '63-import-avvist-norsk', /status of 4\d\d/);
  });
});

describe('times are Oslo time, labelled, in a browser elsewhere', () => {
  it('document and assignment history in New York show Oslo time', async () => {
    const { context, page } = await signedIn('Dina Dahl', { timezoneId: 'America/New_York' });
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(
      'America/New_York',
    );
    const id = await letterId(page);
    const oslo = (iso: string) => {
      const parts = new Intl.DateTimeFormat('nb-NO', {
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone: 'Europe/Oslo',
      }).formatToParts(new Date(iso));
      const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
      return `kl. ${get('hour')}.${get('minute')} (norsk tid)`;
    };

    // An assignment's status change, made through the API as this user.
    const me = (await (await page.request.get(`${suite.base}/api/me`)).json()) as {
      csrfToken: string;
    };
    const list = (await (
      await page.request.get(`${suite.base}/api/assignments?year=${YEAR}&limit=1`)
    ).json()) as { items: { id: string }[] };
    const assignmentId = list.items[0]!.id;
    const history = (await (
      await page.request.get(`${suite.base}/api/assignments/${assignmentId}/history`)
    ).json()) as { assignment: { version: number } };
    const changed = await page.request.post(
      `${suite.base}/api/assignments/${assignmentId}/status`,
      {
        headers: { 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' },
        data: { to: 'in-progress', expectedVersion: history.assignment.version },
      },
    );
    expect(changed.status()).toBe(200);
    const event = ((await changed.json()) as { event: { at: string } }).event;

    await page.goto(`${suite.base}/oppdrag/${assignmentId}`);
    const statusHistory = page
      .getByRole('region', { name: 'Status og historikk' })
      .getByRole('list', { name: 'Historikk' });
    await statusHistory.getByText(oslo(event.at)).waitFor();
    await audit(page, '64-oppdrag-historikk-new-york');

    const auditEntries = (await (
      await page.request.get(`${suite.base}/api/audit?objectType=document&objectId=${id}`)
    ).json()) as { entries: { at: string }[] };
    const imported = auditEntries.entries[0]!.at;
    await page.goto(`${suite.base}/dokumenter/${id}`);
    await page.getByRole('list', { name: 'Historikk' }).getByText(oslo(imported)).waitFor();
    await audit(page, '65-dokument-historikk-new-york');
    await context.close();
  });
});

/** Elements wider than the screen that are not inside a marked scroll region. */
function cutOff(page: Page) {
  return page.evaluate(() => {
    const marked = (el: Element) => {
      const region = el.closest('[role="region"][aria-label][tabindex="0"]');
      if (!region) return false;
      const style = getComputedStyle(region);
      return style.overflowX === 'auto' || style.overflowX === 'scroll';
    };
    const cut = [...document.querySelectorAll('body *')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.right > window.innerWidth + 1 || r.left < -1);
      })
      .filter((el) => !el.closest('.visually-hidden') && !marked(el))
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className)}`);
    // Scroll containers that scroll sideways must be marked (name, focus) for keyboard users.
    const unmarked = [...document.querySelectorAll('body *')]
      .filter((el) => {
        const style = getComputedStyle(el);
        return (
          (style.overflowX === 'auto' || style.overflowX === 'scroll') &&
          el.scrollWidth > el.clientWidth + 1
        );
      })
      .filter(
        (el) =>
          !(
            el.getAttribute('role') === 'region' &&
            el.getAttribute('aria-label') &&
            el.getAttribute('tabindex') === '0'
          ),
      )
      .map((el) => `scroller ${el.tagName.toLowerCase()}.${String(el.className)}`);
    return {
      cut: [...new Set(cut)].slice(0, 8),
      unmarked,
      pageWidth: document.documentElement.scrollWidth,
    };
  });
}

async function checkPhone(page: TestPage, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  const header = await page.getByRole('banner').boundingBox();
  expect(header?.height ?? 999, `header height on ${name}`).toBeLessThanOrEqual(100);
  const result = await cutOff(page);
  expect(result, `cut off on ${name}`).toEqual({ cut: [], unmarked: [], pageWidth: PHONE.width });
  await audit(page, name);
}

describe('a phone (390 × 844)', () => {
  let context: BrowserContext;
  let page: TestPage;
  beforeAll(async () => {
    ({ context, page } = await signedIn('Dina Dahl', { viewport: PHONE }));
  });
  afterAll(async () => {
    await context?.close();
  });

  it('the header is compact; the menu opens from a button', async () => {
    await page.goto(`${suite.base}/`);
    await expect.poll(() => h1(page)).toBe('Oversikt');
    await checkPhone(page, '70-mobil-start');
    const button = page.getByRole('banner').getByRole('button', { name: 'Meny' });
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await menu(page).getByRole('link', { name: 'Oppdrag' }).isVisible()).toBe(false);
    await button.click();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('banner').getByText('Dina Dahl').waitFor();
    await audit(page, '71-mobil-meny-aapen');
    await menu(page).getByRole('link', { name: 'Oppdrag' }).click();
    await expect.poll(() => h1(page)).toBe('Oppdrag');
    // The menu closes after choosing.
    expect(await button.getAttribute('aria-expanded')).toBe('false');
  });

  it('assignments: status and deadline are on screen', async () => {
    await page.goto(`${suite.base}/oppdrag?year=${YEAR}`);
    const list = page.getByRole('main').getByRole('list', { name: 'Oppdrag' });
    const card = list.getByRole('listitem').filter({ hasText: `TB${YEAR}-01` });
    await card.waitFor();
    // Its status (whichever it has now) and its deadline.
    for (const [what, shown] of [
      ['status', card.locator('.ds-tag').first()],
      ['deadline', card.getByText(`Neste frist: 6. juni ${YEAR}`)],
    ] as const) {
      const box = await shown.boundingBox();
      expect(box, what).not.toBeNull();
      expect(box!.x + box!.width, what).toBeLessThanOrEqual(PHONE.width);
    }
    await checkPhone(page, '72-mobil-oppdrag');
  });

  it('calendar: the whole week is on screen, Sunday too', async () => {
    await page.goto(`${suite.base}/kalender?maaned=${YEAR}-06`);
    const sunday = page.getByRole('link', { name: /Etatsstyringsmøte om kystdata/ });
    await sunday.waitFor();
    const box = await sunday.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);
    await checkPhone(page, '73-mobil-kalender-maaned');
    await page.goto(`${suite.base}/kalender?maaned=${YEAR}-06&visning=liste`);
    await page.getByRole('link', { name: /Etatsstyringsmøte om kystdata/ }).waitFor();
    await checkPhone(page, '74-mobil-kalender-liste');
  });

  it('document: «Vis kilde» brings the marked line into view and gives it focus', async () => {
    const id = await letterId(page);
    await page.goto(`${suite.base}/dokumenter/${id}`);
    await expect.poll(() => h1(page)).toBe(LETTER_TITLE);
    await checkPhone(page, '75-mobil-dokument');
    await page
      .getByRole('region', { name: 'Mål' })
      .getByRole('button', { name: /Vis kilde/ })
      .click();
    const marked = page.locator('.source-line[data-highlighted="true"]').first();
    await expect.poll(() => marked.getAttribute('data-line')).toBe('55');
    await expect
      .poll(() =>
        marked.evaluate((el) => {
          const r = el.getBoundingClientRect();
          return r.top >= 0 && r.bottom <= window.innerHeight;
        }),
      )
      .toBe(true);
    await expect
      .poll(() => marked.evaluate((el) => el.contains(document.activeElement)))
      .toBe(true);
    await page.screenshot({ path: 'test-artifacts/screenshots/76-mobil-vis-kilde.png' });
  });

  it('assignment, search and import fit the screen', async () => {
    await page.goto(`${suite.base}/oppdrag?year=${YEAR}`);
    await page.getByRole('link', { name: /region 1 med/ }).click();
    await expect.poll(() => h1(page)).toMatch(new RegExp(`^TB${YEAR}-01`));
    await checkPhone(page, '77-mobil-oppdrag-detalj');
    await page.goto(`${suite.base}/sok?q=kystdata`);
    await page.getByRole('region', { name: /^Oppdrag \(/ }).waitFor();
    await checkPhone(page, '78-mobil-sok');
    await page.goto(`${suite.base}/import`);
    await page.getByLabel('Filer').waitFor();
    await checkPhone(page, '79-mobil-import');
  });
});

describe('printing', () => {
  it('prints the content without the menu and the buttons', async () => {
    const context = await suite.newContext();
    const page = await newPage(context);
    await page.goto(`${suite.base}/`);
    await page.getByRole('link', { name: LETTER_TITLE }).click();
    await expect.poll(() => h1(page)).toBe(LETTER_TITLE);
    // The page shows with the document's metadata; its sections (and their buttons) follow.
    const button = page.getByRole('button', { name: /Vis kilde/ }).first();
    await button.waitFor({ timeout: 30_000 });
    expect(await button.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('banner').isVisible()).toBe(false);
    expect(await button.isVisible()).toBe(false);
    expect(await page.locator('h1').isVisible()).toBe(true);
    await page.screenshot({ path: 'test-artifacts/screenshots/80-utskrift-dokument.png' });
    await context.close();
  });
});
