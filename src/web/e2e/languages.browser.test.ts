/**
 * The language switch (issue 17, "Languages") in a real browser against the real server, on the
 * sample data: on every page, for the public and for the ministry's and the agency's people,
 * the header's switch turns the page into nynorsk and then into English; each time `<html
 * lang>`, a heading the page always shows and the main menu's name are in that language, and
 * axe finds nothing. A signed-in person's choice is their stored setting (it survives a reload
 * and a new browser); a visitor's is remembered by the browser; a browser that prefers English
 * or nynorsk starts in it; on a phone the switch is in the menu.
 */
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import type { Language } from '../../contract/enums';
import type { Db } from '../../db/client';
import {
  assignments,
  documents,
  drafts,
  governanceMeetings,
  organisations,
  reports,
  users,
} from '../../db/schema';
import {
  loadSampleDataIfEmpty,
  loadSampleFollowUp,
  loadSampleReports,
} from '../../services/sample-data';
import { loadSampleMeetings } from '../../services/sample-meetings';
import { loadSampleTolerances } from '../../services/sample-tolerances';
import { ensureLocalUsers, SAMPLE_AGENCY } from '../../services/users';
import { LOCALES } from '../../locales/render';
import { en } from '../locales/en';
import { nb, type MessageKey, type Messages } from '../locales/nb';
import { nn } from '../locales/nn';
import { audit, browserSuite, newPage, signInByClicking, type TestPage } from './helpers';

const TABLES: Record<Language, Messages> = { nb, nn, en };
const YEAR = 2026;

/** The suite's database, to find the objects' addresses and read a person's setting. */
let seeded: Db | undefined;

const suite = browserSuite({
  localUsers: true,
  timeout: 300_000,
  seed: async (db) => {
    seeded = db;
    await loadSampleDataIfEmpty(db);
    await ensureLocalUsers(db);
    await loadSampleFollowUp(db);
    await loadSampleReports(db);
    await loadSampleTolerances(db);
    await loadSampleMeetings(db);
  },
});

/** A page at `path`, and the heading it always shows (a message key, with its values). */
interface PageCase {
  name: string;
  path: () => string;
  heading: MessageKey;
  params?: Record<string, string | number>;
}

/** The addresses of the sample's objects (filled before the tests). */
const ids = { document: '', assignment: '', draft: '', report: '', meeting: '' };

const text = (lang: Language, key: MessageKey, params: Record<string, string | number> = {}) =>
  TABLES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );

const htmlLang = (page: TestPage) => page.evaluate(() => document.documentElement.lang);

/** Chooses `lang` in the header's switch, named in the language the page speaks now. */
async function choose(page: TestPage, lang: Language): Promise<void> {
  const now = (await htmlLang(page)) as Language;
  await page
    .getByRole('banner')
    .getByRole('combobox', { name: TABLES[now]['language.label'], exact: true })
    .selectOption(lang);
  await expect.poll(() => htmlLang(page)).toBe(lang);
}

/** The page speaks `lang`: `<html lang>`, its heading, the main menu; then the audit (axe). */
async function speaks(page: TestPage, lang: Language, c: PageCase): Promise<void> {
  expect(await htmlLang(page)).toBe(lang);
  await page
    .getByRole('main')
    .getByRole('heading', { name: text(lang, c.heading, c.params), exact: true })
    .first()
    .waitFor();
  await page.getByRole('navigation', { name: TABLES[lang]['nav.label'], exact: true }).waitFor();
  // The switch shows the language chosen, each language named in its own.
  const banner = page.getByRole('banner');
  expect(await banner.getByRole('combobox').inputValue()).toBe(lang);
  expect(await banner.locator('option[lang="nn"]').textContent()).toBe('Nynorsk');
  await audit(page, `lang-${c.name}-${lang}`);
}

/** Opens each page and turns it into nynorsk and then English through the switch. */
async function everyPage(page: TestPage, cases: PageCase[]): Promise<void> {
  for (const c of cases) {
    await page.goto(`${suite.base}${c.path()}`);
    await page.locator('h1').first().waitFor();
    for (const lang of ['nn', 'en'] as const) {
      await choose(page, lang);
      await speaks(page, lang, c);
    }
  }
}

describe('the language switch', () => {
  const contexts: BrowserContext[] = [];
  const open = async (options?: Parameters<typeof suite.newContext>[0]) => {
    const context = await suite.newContext(options);
    contexts.push(context);
    return newPage(context);
  };

  beforeAll(async () => {
    const db = seeded!;
    const [agency] = await db
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.name, SAMPLE_AGENCY));
    const [letter] = await db
      .select({ id: documents.id })
      .from(documents)
      .where(
        and(
          eq(documents.agencyId, agency!.id),
          eq(documents.year, YEAR),
          eq(documents.kind, 'allocation-letter'),
          eq(documents.isCurrent, true),
        ),
      );
    const [assignment] = await db
      .select({ id: assignments.id })
      .from(assignments)
      .where(eq(assignments.documentId, letter!.id))
      .orderBy(asc(assignments.ord))
      .limit(1);
    const [draft] = await db.select({ id: drafts.id }).from(drafts).limit(1);
    const [report] = await db
      .select({ id: reports.id })
      .from(reports)
      .where(eq(reports.agencyId, agency!.id))
      .limit(1);
    const [meeting] = await db
      .select({ id: governanceMeetings.id })
      .from(governanceMeetings)
      .where(eq(governanceMeetings.agencyId, agency!.id))
      .limit(1);
    Object.assign(ids, {
      document: letter!.id,
      assignment: assignment!.id,
      draft: draft!.id,
      report: report!.id,
      meeting: meeting!.id,
    });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  it('a visitor: the public pages in nynorsk and English, the choice kept by the browser', async () => {
    const page = await open();
    await page.goto(`${suite.base}/`);
    await expect.poll(() => htmlLang(page)).toBe('nb');
    await everyPage(page, [
      { name: 'public-home', path: () => '/', heading: 'home.published' },
      {
        name: 'public-document',
        path: () => `/dokumenter/${ids.document}`,
        heading: 'document.appropriations',
      },
      { name: 'public-calendar', path: () => '/kalender', heading: 'calendar.title' },
      { name: 'not-found', path: () => '/finnes-ikke', heading: 'notFound.title' },
      { name: 'open-data', path: () => '/apne-data', heading: 'openData.licence.title' },
    ]);
    // Remembered by this browser: a new load starts in English, and so does the title.
    await page.goto(`${suite.base}/`);
    await page.getByRole('heading', { level: 1, name: en['home.title'] }).waitFor();
    expect(await htmlLang(page)).toBe('en');
    await expect.poll(() => page.title()).toBe(`${en['home.title']} – Tildel`);
    // The letter's own text keeps its language on an English page (WCAG 3.1.2).
    await page.goto(`${suite.base}/dokumenter/${ids.document}`);
    await page.getByRole('heading', { name: en['document.appropriations'] }).waitFor();
    expect(await page.locator('h1').getAttribute('lang')).toBe('nb');
    // The source text is a part of its own, loaded after the document's metadata.
    await page.locator('.source-line-text [lang="nb"]').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('.source-line-text [lang="nb"]').count()).toBeGreaterThan(0);
    // The server's sign-in page follows the switch (its cookie), as do its own language links.
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'tildel_lang')?.value).toBe('en');
    await page.goto(`${suite.base}/logg-inn`);
    await page.getByRole('heading', { level: 1, name: LOCALES.en.signIn.heading }).waitFor();
    expect(await htmlLang(page)).toBe('en');
    await page.goto(`${suite.base}/`);
    await page.getByRole('heading', { level: 1, name: en['home.title'] }).waitFor();
    await choose(page, 'nb');
    await page.getByRole('heading', { name: nb['home.published'] }).waitFor();
    await expect.poll(() => page.title()).toBe(`${nb['home.title']} – Tildel`);
  }, 200_000);

  it('the ministry’s officer: every page in nynorsk and English', async () => {
    const page = await open();
    await page.goto(`${suite.base}/`);
    await signInByClicking(page, 'Dina Dahl');
    await everyPage(page, [
      { name: 'ministry-home', path: () => '/', heading: 'home.agencies' },
      { name: 'assignments', path: () => '/oppdrag', heading: 'assignments.title' },
      {
        name: 'assignment',
        path: () => `/oppdrag/${ids.assignment}`,
        heading: 'assignment.facts',
      },
      { name: 'search', path: () => '/sok', heading: 'search.title' },
      { name: 'ledger', path: () => '/bevilgninger', heading: 'ledger.title' },
      { name: 'calendar', path: () => '/kalender', heading: 'calendar.title' },
      { name: 'import', path: () => '/import', heading: 'import.title' },
      { name: 'drafts', path: () => '/utkast', heading: 'drafts.title' },
      { name: 'draft', path: () => `/utkast/${ids.draft}`, heading: 'draft.steps' },
      { name: 'reports', path: () => '/rapporter', heading: 'reports.title' },
      { name: 'report', path: () => `/rapporter/${ids.report}`, heading: 'report.steps' },
      { name: 'meetings', path: () => '/moter', heading: 'meetings.title' },
      { name: 'meeting', path: () => `/moter/${ids.meeting}`, heading: 'meeting.agenda' },
      { name: 'notifications', path: () => '/varsler', heading: 'notifications.title' },
      {
        name: 'document',
        path: () => `/dokumenter/${ids.document}`,
        heading: 'document.appropriations',
      },
    ]);

    // English is now her setting (e-mail follows it) and holds on the next load …
    const [dina] = await seeded!
      .select({ language: users.language })
      .from(users)
      .where(eq(users.name, 'Dina Dahl'));
    expect(dina!.language).toBe('en');
    await page.goto(`${suite.base}/import`);
    await page.getByRole('heading', { level: 1, name: en['import.title'] }).waitFor();
    expect(await htmlLang(page)).toBe('en');

    // … and a browser of her own that never chose: Norwegian until she signs in.
    const fresh = await open();
    await fresh.goto(`${suite.base}/`);
    await expect.poll(() => htmlLang(fresh)).toBe('nb');
    await signInByClicking(fresh, 'Dina Dahl');
    await expect.poll(() => htmlLang(fresh)).toBe('en');
    await fresh.getByRole('heading', { level: 1, name: en['home.title'] }).waitFor();
  }, 400_000);

  it('the budget officer: the report views in nynorsk and English', async () => {
    const page = await open();
    await page.goto(`${suite.base}/`);
    await signInByClicking(page, 'Bjørn Berg');
    await everyPage(page, [
      { name: 'budget-home', path: () => '/', heading: 'home.title' },
      { name: 'report-views', path: () => '/rapporter/oversikt', heading: 'views.title' },
    ]);
    // When the setting cannot be saved, the page still switches and says it holds here only.
    await page.route('**/api/me/settings', (route) =>
      route.request().method() === 'PUT'
        ? route.fulfill({ status: 503, json: { error: 'unavailable', message: 'Down' } })
        : route.fallback(),
    );
    await choose(page, 'nb');
    await page.getByRole('alert').filter({ hasText: nb['language.notSaved'] }).waitFor();
    await page.getByRole('heading', { level: 1, name: nb['views.title'] }).waitFor();
    await page.unroute('**/api/me/settings');
  }, 200_000);

  it('the agency’s coordinator: her start page, reports and a report', async () => {
    const page = await open();
    await page.goto(`${suite.base}/`);
    await signInByClicking(page, 'Kari Kyst');
    await everyPage(page, [
      { name: 'agency-home', path: () => '/', heading: 'home.title' },
      { name: 'agency-reports', path: () => '/rapporter', heading: 'reports.title' },
      {
        name: 'agency-report',
        path: () => `/rapporter/${ids.report}`,
        heading: 'report.steps',
      },
    ]);
  }, 200_000);

  it('a browser that prefers English or nynorsk starts in it', async () => {
    for (const [locale, lang] of [
      ['en-GB', 'en'],
      ['nn-NO', 'nn'],
    ] as const) {
      const page = await open({ locale });
      await page.goto(`${suite.base}/`);
      await page.getByRole('heading', { level: 1, name: TABLES[lang]['home.title'] }).waitFor();
      await page.getByRole('heading', { name: TABLES[lang]['home.published'] }).waitFor();
      expect(await htmlLang(page)).toBe(lang);
    }
  });

  it('on a phone the switch is in the menu', async () => {
    const page = await open({ viewport: { width: 390, height: 844 }, isMobile: true });
    await page.goto(`${suite.base}/`);
    await page.locator('h1').waitFor();
    const banner = page.getByRole('banner');
    expect(await banner.getByRole('combobox').isVisible()).toBe(false);
    await banner.getByRole('button', { name: nb['nav.menu'] }).click();
    await choose(page, 'nn');
    await page.getByRole('heading', { name: nn['home.published'] }).waitFor();
    expect(await banner.getByRole('combobox').isVisible()).toBe(true);
    await audit(page, 'lang-phone-nn');
  });
});
