/**
 * The filters offer every choice the user's documents hold, not those of a list's first page
 * (GET /api/assignments/facets, src/services/facets.ts): 205 letters of the newest year, each
 * to an agency of its own, and one letter two years older. The ministry's budget officer finds
 * the old year and its department in the register, the old year in search, the 205th agency in
 * the report views, every department in the calendar (with one chosen, and one with nothing in
 * the month shown) and in the follow-up's suggestions; the calendar says so when its answer is
 * cut short. Years 2057–2059 are this file's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { documents } from '../../db/schema';
import { buildAssignment, buildDocument, storeDocuments } from '../../testing/factories';
import { SAMPLE_MINISTRY } from '../../services/users';
import { audit, browserSuite, signInByClicking, type TestPage } from './helpers';

const NEW_YEAR = 2059;
const OLD_YEAR = 2057;
const LETTERS = 205;
const agencyName = (n: number) => `Etat ${String(n).padStart(3, '0')} for utvalg`;
const OLD_AGENCY = 'Etat for eldre utvalg';

const letter = (year: number, agency: string, department: string, n: number) =>
  buildDocument({
    year,
    ministry: SAMPLE_MINISTRY,
    agency,
    title: `Tildelingsbrev til ${agency} for ${year}`,
    date: `${year}-01-10`,
    assignments: [
      buildAssignment({
        id: null,
        assignedId: `TB${year}-${n}`,
        ownerDepartment: department,
        title: `Oppdrag ${n} for ${agency}`,
        deadlines: [
          {
            date: `${year}-06-15`,
            text: `innen 15. juni ${year}`,
            appliesTo: null,
            value: { kind: 'exact', date: `${year}-06-15` },
          },
        ],
      }),
    ],
  });

const suite = browserSuite({
  localUsers: true,
  timeout: 120_000,
  seed: async (db) => {
    const newer = Array.from({ length: LETTERS }, (_, i) =>
      letter(NEW_YEAR, agencyName(i + 1), 'NYA', i + 1),
    );
    for (let i = 0; i < newer.length; i += 50) await storeDocuments(db, newer.slice(i, i + 50));
    await storeDocuments(db, [letter(OLD_YEAR, OLD_AGENCY, 'GML', 1)]);
    await db.update(documents).set({ status: 'published' });
  },
});

describe('the filters offer every year, agency and department', () => {
  let person: { context: BrowserContext; page: TestPage };

  beforeAll(async () => {
    person = await suite.openPage();
    await person.page.goto(`${suite.base}/`);
    await signInByClicking(person.page, 'Bjørn Berg');
  });
  afterAll(async () => {
    await person.context.close();
  });

  const options = (p: TestPage, label: string) =>
    p.getByLabel(label, { exact: true }).locator('option').allTextContents();

  it('the register and search offer the oldest year, the register its department', async () => {
    const p = person.page;
    await p.goto(`${suite.base}/oppdrag`);
    await p.getByRole('heading', { level: 1 }).waitFor();
    await expect.poll(() => options(p, 'Budsjettår')).toContain(String(OLD_YEAR));
    expect(await options(p, 'Budsjettår')).toContain(String(NEW_YEAR));
    expect(await options(p, 'Eieravdeling')).toEqual(expect.arrayContaining(['GML', 'NYA']));

    await p.goto(`${suite.base}/sok`);
    await p.getByRole('heading', { level: 1 }).waitFor();
    await expect.poll(() => options(p, 'År')).toContain(String(OLD_YEAR));
  });

  it('the report views offer the agencies past the first page of organisations', async () => {
    const p = person.page;
    await p.goto(`${suite.base}/rapporter/oversikt?aar=${NEW_YEAR}`);
    await p.getByRole('heading', { level: 1, name: 'Rapportoversikt' }).waitFor();
    await expect.poll(() => options(p, 'Virksomhet')).toContain(agencyName(LETTERS));
    expect(await options(p, 'Virksomhet')).toContain(OLD_AGENCY);
  });

  it('the calendar offers every department with one chosen, and says when it is cut short', async () => {
    const p = person.page;
    await p.goto(`${suite.base}/kalender?maaned=${NEW_YEAR}-06&avdeling=NYA`);
    await p.getByRole('heading', { level: 1 }).waitFor();
    // GML has nothing in June of the new year, and NYA is chosen: both are offered.
    await expect.poll(() => options(p, 'Eieravdeling')).toEqual(['Alle', 'GML', 'NYA']);
    await audit(p, 'f3-kalender-avdelinger');
    expect(await p.getByText(/Perioden har flere oppføringer/).count()).toBe(0);

    // An answer the server cut short (more entries than one answer holds) is said so.
    await p.route('**/api/calendar?*', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as Record<string, unknown>;
      await route.fulfill({ response, json: { ...body, truncated: true } });
    });
    await p.goto(`${suite.base}/kalender?maaned=${NEW_YEAR}-06`);
    const notice = p.getByRole('status').filter({ hasText: 'Perioden har flere oppføringer' });
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/de 5\s000 tidligste/);
    await audit(p, 'f3-kalender-avkortet');
    await p.unroute('**/api/calendar?*');
  });

  it("the follow-up suggests every department, not only the assignment's year's", async () => {
    const p = person.page;
    await p.goto(`${suite.base}/oppdrag?year=${OLD_YEAR}`);
    await p.getByRole('link', { name: `Oppdrag 1 for ${OLD_AGENCY}` }).click();
    await p.getByRole('button', { name: 'Endre eieravdeling' }).click();
    const suggested = () =>
      p.locator('datalist option').evaluateAll((os) => os.map((o) => o.getAttribute('value')));
    await expect.poll(suggested).toEqual(expect.arrayContaining(['GML', 'NYA']));
  });
});
