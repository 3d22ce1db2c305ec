/**
 * The web client in a real browser against the real server: every page is reached the way a
 * user reaches it, checked with axe (WCAG 2.1 A/AA) and photographed to
 * test-artifacts/screenshots/. Needs the built client (`npm run build:web`); builds it when
 * dist/web is missing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import type { Db } from '../../db/client';
import { buildAssignment, buildDocument, storeDocuments } from '../../testing/factories';
import { addDays, todayIso } from '../format';
import { audit, browserSuite, newPage as newPageIn } from './helpers';

/** A budget year no other test file uses: the suite shares one database per worker. */
const YEAR = 2047;
const AGENCY = 'Direktoratet for prøvedrift';
const OTHER_AGENCY = 'Tilsynet for eksempler';
const LETTER_TITLE = `Tildelingsbrev til ${AGENCY} for ${YEAR}`;
const today = todayIso();
const at = (startLine: number, endLine = startLine) => ({ startLine, endLine });

async function seed(db: Db): Promise<void> {
  const deadline = (date: string, appliesTo: string | null = null) => ({
    date,
    text: `innen ${date}`,
    appliesTo,
    value: { kind: 'exact' as const, date },
  });
  const letter = buildDocument({
    year: YEAR,
    title: LETTER_TITLE,
    agency: AGENCY,
    ministry: 'Prøvedepartementet',
    date: `${YEAR}-01-15`,
    legalBasis: [`Prop. 1 S (${YEAR - 1}–${YEAR})`, `Innst. 11 S (${YEAR - 1}–${YEAR})`],
    appropriations: [
      {
        chapter: 740,
        chapterName: AGENCY,
        post: 1,
        postName: 'Driftsutgifter',
        notes: [],
        amount: 1_222_348,
        previousYearAmount: 1_198_000,
        comment: null,
        provenance: at(10),
      },
      {
        chapter: 740,
        chapterName: AGENCY,
        post: 21,
        postName: 'Spesielle driftsutgifter',
        notes: ['kan overføres'],
        amount: 84_500,
        previousYearAmount: null,
        comment: 'hvorav 2,7 mill. kr er øremerket',
        provenance: at(11, 12),
      },
    ],
    assignments: [
      buildAssignment({
        id: `TB${YEAR}-01`,
        assignedId: `TB${YEAR}-01`,
        ownerDepartment: 'FHA',
        title: 'Utrede en tilskuddsordning for kommunene',
        text: 'Direktoratet skal utrede en ny tilskuddsordning for velferdsteknologi i kommunene <b>uten</b> HTML.',
        deadlines: [deadline(addDays(today, 10))],
        subAssignments: [
          { letter: 'a', text: 'Beskrive dagens ordninger.', provenance: at(21) },
          { letter: 'b', text: 'Foreslå en ny modell.', provenance: at(22) },
        ],
        collaborators: ['Folkehelseinstituttet', 'KS'],
        references: [`TB${YEAR}-02`, 'TB2019-99'],
        funding: [{ chapter: 740, post: 21 }],
        section: 'Digitalisering',
        provenance: at(20, 22),
      }),
      buildAssignment({
        id: null,
        assignedId: `TB${YEAR}-02`,
        ownerDepartment: 'SHA',
        title: 'Rapportere om ventetider',
        text: 'Direktoratet skal rapportere om ventetider i spesialisthelsetjenesten.',
        deadlines: [deadline(addDays(today, -5)), deadline(addDays(today, 40), 'a')],
        provenance: at(24, 26),
      }),
    ],
    calendar: [
      {
        date: `${YEAR}-04-01`,
        text: 'Status- og avviksrapport per 1. april',
        deadline: deadline(`${YEAR}-04-01`),
        kind: 'report',
        provenance: at(33),
      },
    ],
    goals: [
      {
        code: 'HOVEDMÅL 1',
        title: 'God folkehelse',
        area: 'folkehelse',
        evaluationCriteria: [],
        provenance: at(5, 6),
      },
    ],
    unparsed: [{ text: 'linje 30\nlinje 31', provenance: at(30, 31) }],
    coverage: { nonBlankLines: 40, attributedLines: 38, ratio: 0.95 },
    warnings: [{ code: 'sum-line-unreadable', params: { text: 'Sum kap. 3710 x', line: 31 } }],
    provenance: at(1, 40),
  });
  // Enough assignments for a second page of the register.
  const many = Array.from({ length: 28 }, (_, i) =>
    buildAssignment({
      id: `TTB${YEAR}-${String(i + 1).padStart(2, '0')}`,
      assignedId: `TTB${YEAR}-${String(i + 1).padStart(2, '0')}`,
      ownerDepartment: i % 2 ? 'KTA' : 'PTA',
      title: `Følge opp tiltak ${i + 1}`,
      text: `Direktoratet skal følge opp tiltak ${i + 1} i handlingsplanen.`,
      deadlines: [deadline(`${YEAR}-11-01`)],
      provenance: at(10 + i),
    }),
  );
  const supplement = buildDocument({
    kind: 'supplement',
    number: 1,
    year: YEAR,
    title: `Tillegg til tildelingsbrev nr. 1 for ${YEAR} – ${AGENCY}`,
    agency: AGENCY,
    ministry: 'Prøvedepartementet',
    date: `${YEAR}-03-02`,
    assignments: [
      ...many,
      // A change to the letter's TB-01 (presisering): shown with it, not in the register.
      buildAssignment({
        id: `TB${YEAR}-01`,
        assignedId: `TB${YEAR}-01`,
        clarifies: `TB${YEAR}-01`,
        ownerDepartment: 'FHA',
        title: 'Utrede en tilskuddsordning for kommunene',
        text: 'Utredningen skal også beskrive erfaringene fra forsøket i tre fylker.',
        deadlines: [deadline(addDays(today, 45), '1')],
        provenance: at(45, 47),
      }),
    ],
    provenance: at(1, 50),
  });
  const other = buildDocument({
    year: YEAR - 1,
    title: `Tildelingsbrev til ${OTHER_AGENCY} for ${YEAR - 1}`,
    agency: OTHER_AGENCY,
    ministry: 'Prøvedepartementet',
    assignments: [buildAssignment({ assignedId: `TB${YEAR - 1}-01`, deadlines: [] })],
  });
  await storeDocuments(db, [letter]);
  await storeDocuments(db, [supplement]);
  await storeDocuments(db, [other]);
}

const suite = browserSuite({ seed, timeout: 120_000 });
let context: BrowserContext;

beforeAll(async () => {
  context = await suite.newContext();
});

afterAll(async () => {
  await context?.close();
});

const newPage = () => newPageIn(context);

describe('web client in the browser', () => {
  it('start page: the published letters for the public, skip link', async () => {
    const page = await newPage();
    await page.goto(`${suite.base}/`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Oversikt');
    expect(await page.title()).toBe('Oversikt – Tildel');
    // Not signed in: no one's work (deadlines, agencies), only the published letters.
    const published = page.getByRole('region', { name: 'Sist utstedte brev' });
    const letters = published.getByRole('table', {
      name: 'Sist utstedte tildelingsbrev og tillegg',
    });
    await letters.getByRole('link', { name: LETTER_TITLE }).waitFor();
    expect(await page.getByRole('region', { name: /^Frist passert/ }).count()).toBe(0);

    // The skip link is the first stop and moves focus to main.
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Hopp til hovedinnhold' });
    await expect.poll(() => skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('hovedinnhold');

    // Keyboard focus is visible on the menu links.
    await page.keyboard.press('Shift+Tab');
    await page
      .getByRole('navigation', { name: 'Hovedmeny' })
      .getByRole('link', { name: 'Kalender' })
      .focus();
    const outline = await page.evaluate(() => {
      const el = document.activeElement;
      return el ? getComputedStyle(el).outlineStyle : 'none';
    });
    expect(outline).not.toBe('none');

    await audit(page, '01-start');
    await page.close();
  });

  it('document reader: open a document from the start page and show the source of an item', async () => {
    const page = await newPage();
    await page.goto(`${suite.base}/`);
    await page.getByRole('link', { name: LETTER_TITLE }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(LETTER_TITLE);
    expect(page.url()).toMatch(/\/dokumenter\/[0-9a-f-]{36}$/);
    expect(await page.title()).toBe(`${LETTER_TITLE} – Tildel`);

    const table = page.getByRole('table', { name: 'Bevilgninger i tusen kroner' });
    const row = table.getByRole('row').filter({ hasText: 'Driftsutgifter' }).first();
    expect(await row.textContent()).toContain('1\u00a0222\u00a0348');
    const session = `(${YEAR - 1}–${YEAR})`;
    await page.getByText(`Prop. 1 S ${session}, Innst. 11 S ${session}`).waitFor();
    await page.getByText(`15. januar ${YEAR}`).waitFor();

    await row.getByRole('button', { name: /Vis kilde/ }).click();
    const highlighted = page.locator('.source-line[data-highlighted="true"]');
    await expect.poll(() => highlighted.count()).toBe(1);
    expect(await highlighted.getAttribute('data-line')).toBe('10');
    expect(await highlighted.textContent()).toContain('linje 10');
    await page.getByRole('status').filter({ hasText: 'linje 10' }).waitFor();

    // An assignment spanning several lines highlights them all.
    await page
      .getByRole('region', { name: 'Oppdrag' })
      .getByRole('button', { name: /Vis kilde/ })
      .first()
      .click();
    await expect.poll(() => highlighted.count()).toBe(3);
    expect(await highlighted.first().getAttribute('data-line')).toBe('20');

    // Unparsed text is listed and marked in the source.
    const unparsed = page.getByRole('region', { name: 'Ikke tolket' });
    await unparsed.getByText('linje 30–31', { exact: true }).waitFor();
    expect(await page.locator('.source-line[data-unparsed="true"]').count()).toBe(2);
    await page
      .getByText('Tallene i sumlinjen «Sum kap. 3710 x» kan ikke leses (linje 31).')
      .waitFor();

    await audit(page, '02-dokument');

    // Narrow screens (reflow): one column, the source panel is brought into view.
    await page.setViewportSize({ width: 390, height: 844 });
    await page
      .getByRole('region', { name: 'Mål' })
      .getByRole('button', { name: /Vis kilde/ })
      .click();
    await expect.poll(() => highlighted.first().getAttribute('data-line')).toBe('5');
    await expect
      .poll(() =>
        page
          .getByRole('region', { name: 'Kildetekst med linjenummer' })
          .evaluate((el) => el.getBoundingClientRect().top < window.innerHeight),
      )
      .toBe(true);
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
        .filter((el) => !el.closest('.table-scroll, .source-lines, .visually-hidden'))
        .map((el) => `${el.tagName}.${el.className}`)
        .slice(0, 5),
    );
    expect(wide, 'elements wider than the screen').toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await audit(page, '02-dokument-smal-skjerm');
    await page.close();
  });

  it('assignment register: filters, free text, pagination, URL keeps the state', async () => {
    const page = await newPage();
    await page.goto(`${suite.base}/`);
    await page
      .getByRole('navigation', { name: 'Hovedmeny' })
      .getByRole('link', { name: 'Oppdrag' })
      .click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Oppdrag');
    await page.getByRole('table').waitFor();

    await page.getByLabel('Budsjettår').selectOption(String(YEAR));
    await page.getByRole('button', { name: 'Vis oppdrag' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('year')).toBe(String(YEAR));
    await page.getByText(`Viser 1–25 av 30 oppdrag`).waitFor();

    // Page 2 by its link; the URL is bookmarkable.
    await page.getByRole('link', { name: 'Neste' }).click();
    await page.getByText('Viser 26–30 av 30 oppdrag').waitFor();
    expect(new URL(page.url()).searchParams.get('side')).toBe('2');
    await page.reload();
    await page.getByText('Viser 26–30 av 30 oppdrag').waitFor();
    expect(await page.getByLabel('Budsjettår').inputValue()).toBe(String(YEAR));
    expect(await page.getByRole('link', { name: 'Side 2' }).getAttribute('aria-current')).toBe(
      'true',
    );
    await audit(page, '03-oppdrag-side-2');
    // The page is read by cursor (in the URL); the page before is a link too.
    expect(new URL(page.url()).searchParams.get('cursor')).toMatch(/^[\w-]+$/);
    await page.getByRole('link', { name: 'Forrige' }).click();
    await page.getByText('Viser 1–25 av 30 oppdrag').waitFor();
    expect(new URL(page.url()).searchParams.get('cursor')).toBeNull();

    // Owner department and status together.
    await page.getByLabel('Eieravdeling').selectOption('SHA');
    await page.getByLabel('Status').selectOption('planned');
    await page.getByRole('button', { name: 'Vis oppdrag' }).click();
    await page.getByText('Viser 1–1 av 1 oppdrag').waitFor();
    const found = page.getByRole('link', { name: 'Rapportere om ventetider' });
    await found.waitFor();
    await page.getByRole('cell', { name: /tildelt av Tildel/ }).waitFor();

    // Free text search (Norwegian stemming) after resetting.
    await page.getByRole('link', { name: 'Nullstill filtre' }).click();
    await page.getByRole('searchbox', { name: 'Søk i oppdrag' }).fill('velferdsteknologien');
    await page.getByRole('button', { name: 'Vis oppdrag' }).click();
    await page.getByRole('link', { name: 'Utrede en tilskuddsordning for kommunene' }).waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe('velferdsteknologien');
    await page.getByText('Viser 1–1 av 1 oppdrag').waitFor();
    expect(await page.getByRole('link', { name: /Følge opp tiltak/ }).count()).toBe(0);

    await audit(page, '03-oppdrag-fritekst');

    // Back restores the previous filter state.
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBeNull();
    await page.close();
  });

  it('assignment detail: assigned ID, deadlines, references, provenance', async () => {
    const page = await newPage();
    await page.goto(`${suite.base}/oppdrag?year=${YEAR}&q=ventetider`);
    await page.getByRole('link', { name: 'Rapportere om ventetider' }).click();
    await expect
      .poll(() => page.locator('h1').textContent())
      .toMatch(/: Rapportere om ventetider$/);
    await page.getByText('tildelt av Tildel').first().waitFor();
    await page.getByText('Deloppdrag a)').waitFor();
    await audit(page, '04-oppdrag-detalj-tildelt-id');

    await page.goto(`${suite.base}/oppdrag?year=${YEAR}&q=velferdsteknologi`);
    await page.getByRole('link', { name: 'Utrede en tilskuddsordning for kommunene' }).click();
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe(`TB${YEAR}-01: Utrede en tilskuddsordning for kommunene`);
    const refs = page.getByRole('region', { name: 'Henvisninger' });
    await refs.getByRole('link', { name: `TB${YEAR}-02` }).waitFor();
    expect(await refs.textContent()).toContain('TB2019-99 (ikke funnet)');
    await page.getByText('Folkehelseinstituttet').waitFor();
    await page.getByText('kap. 740 post 21').waitFor();
    await page.getByText('Foreslå en ny modell.').waitFor();
    const changes = page.getByRole('region', { name: 'Presiseringer' });
    await changes.getByText('erfaringene fra forsøket i tre fylker').waitFor();
    await changes
      .getByRole('heading', { name: new RegExp(`^Tillegg til tildelingsbrev nr. 1 for ${YEAR}`) })
      .waitFor();
    expect(await changes.getByRole('table').textContent()).toContain('Deloppdrag 1)');
    await audit(page, '05-oppdrag-detalj');

    // The provenance link opens the document with the assignment's lines marked.
    await page.getByRole('link', { name: 'Åpne dokumentet' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(LETTER_TITLE);
    const highlighted = page.locator('.source-line[data-highlighted="true"]');
    await expect.poll(() => highlighted.count()).toBe(3);
    expect(await highlighted.first().getAttribute('data-line')).toBe('20');
    await page.close();
  });

  it('search: headlines with marked hits, rendered as text', async () => {
    const page = await newPage();
    await page.goto(`${suite.base}/`);
    await page
      .getByRole('navigation', { name: 'Hovedmeny' })
      .getByRole('link', { name: 'Søk' })
      .click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Søk');
    await page
      .getByRole('searchbox', { name: 'Søk i dokumenter og oppdrag' })
      .fill('velferdsteknologien');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('velferdsteknologien');
    expect(await page.title()).toBe('Søk: velferdsteknologien – Tildel');
    const results = page.getByRole('region', { name: /^Oppdrag \(/ });
    await results.getByRole('link', { name: /Utrede en tilskuddsordning/ }).waitFor();
    const marks = results.locator('mark');
    await expect.poll(() => marks.count()).toBeGreaterThan(0);
    expect((await marks.first().textContent())?.toLowerCase()).toContain('velferdsteknologi');
    // Text that looks like HTML stays text.
    expect(await results.locator('b').count()).toBe(0);
    expect(await results.textContent()).not.toContain('«');
    await audit(page, '06-sok');

    // Filters narrow the search and are kept in the address; an assignment status leaves no
    // documents (documents have no such status).
    await page.getByRole('combobox', { name: 'Status' }).selectOption('cancelled');
    await page.getByRole('button', { name: 'Søk', exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('cancelled');
    expect(new URL(page.url()).searchParams.get('q')).toBe('velferdsteknologien');
    await page.getByText('Ingen oppdrag passer med søket.').waitFor();
    await page.getByText('Ingen dokumenter passer med søket.').waitFor();
    await page.getByRole('link', { name: 'Fjern avgrensningene' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBeNull();
    await results.getByRole('link', { name: /Utrede en tilskuddsordning/ }).waitFor();
    await page.close();
  });

  it('import: an anonymous user is not offered Import, and told to sign in with a role that may', async () => {
    const page = await newPage();
    await page.goto(`${suite.base}/`);
    const menu = page.getByRole('navigation', { name: 'Hovedmeny' });
    await menu.getByRole('link', { name: 'Søk' }).waitFor();
    expect(await menu.getByRole('link', { name: 'Import' }).count()).toBe(0);
    await page.goto(`${suite.base}/import`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Importer dokumenter');
    await page.getByRole('heading', { name: 'Du har ikke tilgang til å importere' }).waitFor();
    await page
      .getByText('Bare saksbehandlere og budsjettrådgivere i departementet kan importere')
      .waitFor();
    await audit(page, '07-import');
    await page.close();
  });

  it('unknown addresses show the 404 page', async () => {
    const page = await newPage();
    await page.goto(`${suite.base}/finnes-ikke`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Fant ikke siden');
    await page.getByRole('link', { name: 'Gå til oversikten' }).waitFor();
    await audit(page, '09-ikke-funnet');

    await page.goto(`${suite.base}/oppdrag/ikke-en-id`);
    await page.getByText('Fant ikke det du ba om').waitFor();
    await page.close();
  });
});
