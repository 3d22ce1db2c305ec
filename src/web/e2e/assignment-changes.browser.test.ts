/**
 * A supplement's money line with its kind and reason, and a change of an earlier assignment,
 * written in a real browser against the real server (sample data): the officer picks the
 * assignment from the register, chooses a new deadline and reads what the server makes of it.
 * Checked with axe and photographed to test-artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator } from 'playwright-core';
import type { Draft } from '../../contract/draft';
import { loadSampleDataIfEmpty } from '../../services/sample-data';
import { audit, browserSuite, signInByClicking, type TestPage } from './helpers';

const suite = browserSuite({
  localUsers: true,
  seed: async (db) => {
    await loadSampleDataIfEmpty(db);
  },
});

const item = (page: TestPage, legend: RegExp): Locator => page.getByRole('group', { name: legend });

describe('changes of earlier assignments in a supplement', () => {
  let author: { context: BrowserContext; page: TestPage };
  beforeAll(async () => {
    author = await suite.openPage();
  });
  afterAll(async () => {
    await author?.context.close();
  });

  it('a line gets its kind and reason, and an earlier assignment a new deadline', async () => {
    const { page } = author;
    await page.goto(`${suite.base}/`);
    await signInByClicking(page, 'Dina Dahl');
    await page.getByRole('navigation').getByRole('link', { name: 'Brevutkast' }).click();
    await page.getByRole('heading', { level: 1, name: 'Brev under arbeid' }).waitFor();
    await page.getByLabel('Virksomhet').selectOption({ label: 'Havdatadirektoratet' });
    await page.getByLabel('Budsjettår').fill('2026');
    await page.getByRole('radio', { name: 'Tillegg', exact: true }).check();
    await page.getByRole('radio', { name: 'Tom mal' }).check();
    await page.getByRole('button', { name: 'Opprett utkast' }).click();
    await page.waitForURL(/\/utkast\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;

    await page.getByRole('button', { name: 'Legg til post' }).click();
    const post = item(page, /^Rad 1:/);
    await post.getByLabel('Kapittel', { exact: true }).fill('1480');
    await post.getByLabel('Post', { exact: true }).fill('1');
    await post.getByLabel('Type endring').selectOption({ label: 'Omgruppering' });
    await post.getByLabel('Begrunnelse').fill('Midler til nytt register');

    const section = page.getByRole('region', { name: 'Endringer i tidligere oppdrag' });
    await section.getByLabel('Oppdrag som skal endres').fill('tb2026-02');
    await section.getByRole('button', { name: 'Legg til endring' }).click();
    const change = item(page, /^Endring 1: TB2026-02/);
    await change.getByRole('radio', { name: 'Ny frist' }).check();
    await change.getByLabel('Hva som endres, og hvorfor').fill('Datagrunnlaget kommer senere.');
    await change.getByLabel('Den nye fristen').fill('1. desember');
    // What the server reads in the new deadline.
    await change.getByText('Tildel leser dette som 1. desember 2026.').waitFor();
    await page.getByText(/^Lagret /).waitFor();

    const saved = (await (
      await page.request.get(`${suite.base}/api/drafts/${id}`)
    ).json()) as Draft;
    expect(saved.content.appropriations[0]).toMatchObject({
      kind: 'regrouping',
      reason: 'Midler til nytt register',
    });
    expect(saved.content.assignmentChanges).toMatchObject([
      { ref: 'TB2026-02', kind: 'deadline', deadline: '1. desember' },
    ]);
    expect(saved.derived.problems.map((p) => p.code)).not.toContain('assignment-change-unknown');
    await audit(page, '67-tillegg-endringer');
  });
});
