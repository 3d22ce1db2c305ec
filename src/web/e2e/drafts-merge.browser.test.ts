/**
 * Two officers on one letter, in a real browser against the real server: each changes a
 * different assignment from the same version, and both changes are kept (the page of the one
 * who saved last takes the merged letter); then both change the same assignment, and the one
 * who saves last is told, in words, which part both changed, and fetches the newest version.
 * An officer who types on while a save of theirs is being merged keeps every keystroke (the
 * page puts them on the merged version) and the caret. Every state is checked with axe and photographed to test-artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator } from 'playwright-core';
import type { Draft, DraftContent } from '../../contract/draft';
import { plainText } from '../../contract/rich-text';
import { loadSampleDataIfEmpty } from '../../services/sample-data';
import { signIn } from '../../testing/auth';
import { audit, browserSuite, signInByClicking, type TestPage } from './helpers';

const suite = browserSuite({
  localUsers: true,
  seed: async (db) => {
    await loadSampleDataIfEmpty(db);
  },
});

const YEAR = 2050;

/** The fieldset of an item, by the start of its legend. */
const item = (page: TestPage, legend: RegExp): Locator => page.getByRole('group', { name: legend });
const title = (page: TestPage, n: number) =>
  item(page, new RegExp(`^Oppdrag ${n}:`)).getByLabel('Tittel');

/** Types `text` into an assignment's title and waits for the answer to the save that sends it. */
async function retitle(page: TestPage, n: number, text: string) {
  const answered = page.waitForResponse(
    (r) =>
      r.request().method() === 'PUT' &&
      /\/api\/drafts\/[0-9a-f-]{36}$/.test(r.url()) &&
      (r.request().postData() ?? '').includes(JSON.stringify(text)),
  );
  await title(page, n).fill(text);
  return (await answered).status();
}

describe('two officers on one letter', () => {
  let author: { context: BrowserContext; page: TestPage };
  let second: { context: BrowserContext; page: TestPage };

  beforeAll(async () => {
    author = await suite.openPage();
    second = await suite.openPage();
  });
  afterAll(async () => {
    for (const p of [author, second]) await p?.context.close();
  });

  it('keeps both officers’ changes of different assignments, and names the one both changed', async () => {
    const a = author.page;
    await a.goto(`${suite.base}/`);
    await signInByClicking(a, 'Dina Dahl');
    await a.getByRole('navigation').getByRole('link', { name: 'Brevutkast' }).click();
    await a.getByLabel('Virksomhet').selectOption({ label: 'Havdatadirektoratet' });
    await a.getByLabel('Budsjettår').fill(String(YEAR));
    await a.getByRole('radio', { name: 'Tildelingsbrev', exact: true }).check();
    await a.getByRole('radio', { name: 'Tom mal' }).check();
    await a.getByRole('button', { name: 'Opprett utkast' }).click();
    await a.waitForURL(/\/utkast\/[0-9a-f-]{36}$/);
    const draftUrl = a.url();
    for (const [n, name] of [
      [1, 'Kartlegge sjøbunnen'],
      [2, 'Måle havtemperaturen'],
    ] as const) {
      await a.getByRole('button', { name: 'Legg til oppdrag' }).click();
      expect(await retitle(a, n, name)).toBe(200);
    }

    // The second officer opens the letter as it is now.
    const b = second.page;
    await b.goto(`${suite.base}/`);
    await signInByClicking(b, 'Bjørn Berg');
    await b.goto(draftUrl);
    expect(await title(b, 2).inputValue()).toBe('Måle havtemperaturen');

    // Each changes a different assignment; the second saves on the version both opened.
    expect(await retitle(a, 1, 'Kartlegge sjøbunnen i nord')).toBe(200);
    expect(await retitle(b, 2, 'Måle havtemperaturen i Barentshavet')).toBe(200);
    await b.getByText(/sammen med endringene andre har lagret/).waitFor();
    // The second officer's page takes the merged letter: the author's change is there.
    await expect.poll(() => title(b, 1).inputValue()).toBe('Kartlegge sjøbunnen i nord');
    expect(await title(b, 2).inputValue()).toBe('Måle havtemperaturen i Barentshavet');
    await audit(b, '6m-brev-flettet');

    // Now the author, not having seen it, changes the same assignment differently.
    expect(await retitle(a, 2, 'Måle saltholdigheten')).toBe(409);
    const alert = a.getByRole('alert');
    await alert.getByText('Dere har begge endret:', { exact: false }).waitFor();
    await alert.getByRole('listitem').getByText('Oppdrag: Måle saltholdigheten').waitFor();
    await audit(a, '6n-brev-konflikt', /status of 409/);

    // Nothing of it was saved; fetching the newest version shows both officers' work.
    await alert.getByRole('button', { name: 'Hent nyeste versjon' }).click();
    await expect.poll(() => title(a, 2).inputValue()).toBe('Måle havtemperaturen i Barentshavet');
    expect(await title(a, 1).inputValue()).toBe('Kartlegge sjøbunnen i nord');
    expect(await a.getByRole('alert').count()).toBe(0);
  });
});

describe('typing on while a merged save is out', () => {
  let author: { context: BrowserContext; page: TestPage } | undefined;
  afterAll(async () => {
    await author?.context.close();
  });

  it('keeps every keystroke, and the caret where it is, when another officer saves meanwhile', async () => {
    author = await suite.openPage();
    const a = author.page;
    await a.goto(`${suite.base}/`);
    await signInByClicking(a, 'Dina Dahl');
    await a.getByRole('navigation').getByRole('link', { name: 'Brevutkast' }).click();
    await a.getByLabel('Virksomhet').selectOption({ label: 'Havdatadirektoratet' });
    await a.getByLabel('Budsjettår').fill('2084');
    await a.getByRole('radio', { name: 'Tildelingsbrev', exact: true }).check();
    await a.getByRole('radio', { name: 'Tom mal' }).check();
    await a.getByRole('button', { name: 'Opprett utkast' }).click();
    await a.waitForURL(/\/utkast\/[0-9a-f-]{36}$/);
    const id = a.url().split('/').at(-1)!;
    await a.getByRole('button', { name: 'Legg til oppdrag' }).click();
    expect(await retitle(a, 1, 'Kartlegge sjøbunnen')).toBe(200);

    // The other officer saves through the API, on the version stored now.
    const other = await signIn(suite.app, 'ministry-budget-officer', { fresh: true });
    const stored = async () =>
      (
        await suite.app.inject({ url: `/api/drafts/${id}`, headers: other.headers })
      ).json() as Draft;
    const retitleAsOther = async (title: string) => {
      const d = await stored();
      const content: DraftContent = {
        ...d.content,
        assignments: d.content.assignments.map((x, i) => (i === 0 ? { ...x, title } : x)),
      };
      const out = await suite.app.inject({
        method: 'PUT',
        url: `/api/drafts/${id}`,
        headers: other.headers,
        payload: { expectedVersion: d.version, content },
      });
      expect(out.statusCode).toBe(200);
    };
    const saveOf = (text: string) =>
      a.waitForResponse(
        (r) =>
          r.request().method() === 'PUT' &&
          /\/api\/drafts\/[0-9a-f-]{36}$/.test(r.url()) &&
          (r.request().postData() ?? '').includes(text),
      );
    const preamble = a.getByRole('textbox', { name: 'Innledning', exact: true });

    // The other officer retitles the assignment; the author, not having seen it, writes the
    // preamble. The author's save is merged, and its answer held back while the author types on.
    await retitleAsOther('Kartlegge sjøbunnen i nord');
    let sent!: () => void;
    const held = new Promise<void>((resolve) => (sent = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await a.route(
      /\/api\/drafts\/[0-9a-f-]{36}$/,
      async (route) => {
        const response = await route.fetch();
        sent();
        await released;
        await route.fulfill({ response });
      },
      { times: 1 },
    );
    await preamble.click();
    await a.keyboard.type('Første del.');
    await held;
    await a.keyboard.type(' Andre del.');
    const next = saveOf('Første del. Andre del.');
    release();
    // The typing is saved on the merged version: no conflict with the author's own save.
    expect((await next).status()).toBe(200);
    await expect.poll(() => title(a, 1).inputValue()).toBe('Kartlegge sjøbunnen i nord');
    expect(await a.getByRole('alert').count()).toBe(0);
    let now = await stored();
    expect(plainText(now.content.preamble)).toBe('Første del. Andre del.');
    expect(now.content.assignments[0]!.title).toBe('Kartlegge sjøbunnen i nord');

    // Again, the caret at the start: the merged answer does not move it (nor replace the text
    // being typed in), so what is typed after it lands where the caret was.
    await a.keyboard.press('Control+Home');
    await retitleAsOther('Kartlegge sjøbunnen i sør');
    const merged = saveOf('Første del. Andre del.');
    await a.keyboard.type('Nå: ');
    expect((await merged).status()).toBe(200);
    await expect.poll(() => title(a, 1).inputValue()).toBe('Kartlegge sjøbunnen i sør');
    const last = saveOf('Slutt.');
    await a.keyboard.type('Ny start. ');
    await a.keyboard.press('Control+End');
    await a.keyboard.type(' Slutt.');
    expect((await last).status()).toBe(200);
    now = await stored();
    expect(plainText(now.content.preamble)).toBe('Nå: Ny start. Første del. Andre del. Slutt.');
    expect(now.content.assignments[0]!.title).toBe('Kartlegge sjøbunnen i sør');
    expect(await a.getByRole('alert').count()).toBe(0);
    await audit(a, '6o-brev-flettet-mens-skrevet');
  });
});
