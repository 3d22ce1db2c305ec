/**
 * Writing a letter in Tildel, in a real browser against the real server: a ministry officer
 * starts next year's letter from this year's (sample data), adds a post and an assignment
 * whose typed deadline the server reads back, cannot approve her own letter, and shares it;
 * the agency's coordinator comments on the assignment; the officer answers and resolves; a
 * second officer approves and issues it; the public reads the issued letter and cannot open
 * the draft. Every state is checked with axe and photographed to test-artifacts/screenshots/.
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

const TITLE = 'Tildelingsbrev til Havdatadirektoratet for 2027';

/** The fieldset of an item, by the start of its legend. */
const item = (page: TestPage, legend: RegExp): Locator => page.getByRole('group', { name: legend });

describe('writing a letter in Tildel', () => {
  let draftUrl = '';
  let author: { context: BrowserContext; page: TestPage };
  let approver: { context: BrowserContext; page: TestPage };
  let visitor: { context: BrowserContext; page: TestPage };
  let agency: { context: BrowserContext; page: TestPage };

  beforeAll(async () => {
    author = await suite.openPage();
    approver = await suite.openPage();
    visitor = await suite.openPage();
    agency = await suite.openPage();
  });
  afterAll(async () => {
    for (const p of [author, approver, visitor, agency]) await p?.context.close();
  });

  it("an officer starts next year's letter from this year's and writes money and an assignment", async () => {
    const { page } = author;
    await page.goto(`${suite.base}/`);
    await signInByClicking(page, 'Dina Dahl');
    await page.getByRole('navigation').getByRole('link', { name: 'Brevutkast' }).click();
    await page.getByRole('heading', { level: 1, name: 'Brev under arbeid' }).waitFor();
    // The sample data's: a supplement written and issued in Tildel, next year's letter begun.
    const list = page.getByRole('table', { name: 'Utkast' });
    await list.getByRole('link', { name: 'Tillegg til tildelingsbrev nr. 3 for 2026' }).waitFor();
    await list.getByRole('link', { name: TITLE }).waitFor();
    await audit(page, '60-brev-liste');

    await page.getByLabel('Virksomhet').selectOption({ label: 'Havdatadirektoratet' });
    await page.getByLabel('Budsjettår').fill('2027');
    await page.getByRole('radio', { name: 'Tildelingsbrev', exact: true }).check();
    await page.getByRole('radio', { name: /^Fjorårets tildelingsbrev/ }).check();
    await page.getByRole('button', { name: 'Opprett utkast' }).click();
    await page.waitForURL(/\/utkast\/[0-9a-f-]{36}$/);
    draftUrl = page.url();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();

    // From this year's letter: its goals, its calendar moved a year on, unfinished assignments.
    await expect
      .poll(() =>
        item(page, /^Mål 1/)
          .getByLabel('Mål', { exact: true })
          .inputValue(),
      )
      .toMatch(/\S/);
    expect(
      await item(page, /^Kalenderpunkt 1/)
        .getByLabel('Når')
        .inputValue(),
    ).toBe('1. mars');
    await page.getByText('Tidligere gitte oppdrag som ikke er ferdige').waitFor();
    await page.getByText(/^TB2026-01 /).waitFor();

    // Money: one post; the server sums it.
    await page.getByRole('button', { name: 'Legg til post' }).click();
    const post = item(page, /^Rad 1:/);
    await post.getByLabel('Kapittel', { exact: true }).fill('1480');
    await post.getByLabel('Kapittelnavn').fill('Havdatadirektoratet');
    await post.getByLabel('Post', { exact: true }).fill('1');
    await post.getByLabel('Postnavn').fill('Driftsutgifter');
    await post.getByLabel('Beløp (i 1000 kr)').fill('218 000');
    await page.getByText('Sum kap. 1480: 218 000').waitFor();

    // An assignment with a deadline typed as officers write it.
    await page.getByRole('button', { name: 'Legg til oppdrag' }).click();
    const assignment = item(page, /^Oppdrag 1:/);
    await assignment.getByLabel('Tittel').fill('Kartlegge sjøbunnen i nord');
    await assignment.getByLabel('Ansvarlig avdeling').fill('HFA');
    // The description is rich prose: typed into its editor, a word made bold with the toolbar.
    await assignment.getByRole('textbox', { name: 'Beskrivelse' }).click();
    await page.keyboard.type('Direktoratet skal kartlegge sjøbunnen i ');
    const bold = assignment.getByRole('button', { name: 'Fet' });
    expect(await bold.getAttribute('aria-pressed')).toBe('false');
    await bold.click();
    expect(await bold.getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.type('nordlige');
    await bold.click();
    await page.keyboard.type(' farvann.');
    await assignment.getByLabel('Frist', { exact: true }).first().fill('1. juni');
    await assignment.getByText('Tildel leser dette som 1. juni 2027.').waitFor();
    // It builds on this year's catalogue assignment, picked from the register.
    await assignment.getByLabel('Vis til et tidligere oppdrag').fill('TB2026-01');
    await assignment.getByRole('button', { name: 'Legg til henvisning' }).click();
    await assignment
      .getByRole('list', { name: 'Viser til oppdrag' })
      .getByText('TB2026-01 Nasjonal katalog over havdata')
      .waitFor();
    // A sub-assignment with its own deadline, on a public holiday.
    await assignment.getByRole('button', { name: 'Legg til deloppdrag' }).click();
    const sub = item(page, /^Deloppdrag a\)/);
    await sub.getByLabel('Hva som skal gjøres').fill('Første kart leveres departementet.');
    await sub.getByLabel('Frist').fill('17. mai');
    await sub.getByText('Datoen er en helligdag').waitFor();
    // One sub-assignment is no list: the server says so until there are two.
    await page.getByText('har bare ett deloppdrag').waitFor();
    // The sections fold (the page is long on a phone); the summary counts the section's items.
    const assignments = page.getByRole('heading', { level: 2, name: 'Oppdrag', exact: true });
    expect(await page.locator('summary').filter({ has: assignments }).textContent()).toBe(
      'Oppdrag(1)',
    );
    await assignments.click();
    await expect.poll(() => sub.isVisible()).toBe(false);
    await audit(page, '61a-brev-utkast-foldet');
    // The problem's link opens the folded section it is about.
    await page.getByRole('link', { name: /har bare ett deloppdrag/ }).click();
    await expect.poll(() => sub.isVisible()).toBe(true);
    await audit(page, '61b-brev-utkast-foldet-ut');
    await assignment.getByRole('button', { name: 'Legg til deloppdrag' }).click();
    const second = item(page, /^Deloppdrag b\)/);
    await second.getByLabel('Hva som skal gjøres').fill('Endelig kart publiseres.');
    await second.getByLabel('Frist').fill('1. oktober');
    await second.getByText('Tildel leser dette som 1. oktober 2027.').waitFor();
    expect(await page.getByText('har bare ett deloppdrag').count()).toBe(0);
    await page.getByText(/^Lagret /).waitFor();
    // What was saved: the description as a document, the word made bold marked so.
    const saved = async () => {
      const answer = await page.request.get(
        `${suite.base}/api/drafts/${draftUrl.split('/').pop()}`,
      );
      return ((await answer.json()) as Draft).content.assignments[0]?.text.content[0];
    };
    await expect.poll(saved).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Direktoratet skal kartlegge sjøbunnen i ' },
        { type: 'text', text: 'nordlige', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' farvann.' },
      ],
    });
    await audit(page, '61-brev-utkast');

    // Four eyes: the author is not offered approval.
    expect(await page.getByRole('button', { name: 'Godkjenn' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Del med virksomheten' }).click();
    await page.getByText(/^Runde 1, delt av Dina Dahl/).waitFor();
  });

  it('the agency reads the shared round and comments on the assignment', async () => {
    const { page } = agency;
    await page.goto(`${suite.base}/`);
    await signInByClicking(page, 'Kari Kyst');
    await page.getByRole('navigation').getByRole('link', { name: 'Brevutkast' }).click();
    await page.getByRole('link', { name: TITLE }).first().waitFor();
    await page.goto(draftUrl);
    await page.getByText(/^Du leser runde 1/).waitFor();
    expect(await page.getByRole('button', { name: 'Legg til oppdrag' }).count()).toBe(0);
    const form = page.getByRole('group', { name: 'Ny kommentar' });
    await form.getByLabel('Gjelder').selectOption({ label: 'Oppdrag: Kartlegge sjøbunnen i nord' });
    await form
      .getByLabel('Kommentar')
      .fill('Vi trenger til 1. september for å rekke feltsesongen.');
    await form.getByRole('button', { name: 'Send kommentar' }).click();
    await page.getByRole('article', { name: 'Oppdrag: Kartlegge sjøbunnen i nord' }).waitFor();
    await audit(page, '65-brev-konsultasjon-virksomhet');
  });

  it('the officer answers, moves the deadline and resolves the comment', async () => {
    const { page } = author;
    await page.reload();
    const thread = page.getByRole('article', { name: 'Oppdrag: Kartlegge sjøbunnen i nord' });
    await thread.getByText('Vi trenger til 1. september').waitFor();
    await thread.getByLabel('Svar').fill('Enig, fristen flyttes til 1. september.');
    await thread.getByRole('button', { name: 'Send svar' }).click();
    await thread.getByText('Enig, fristen flyttes').waitFor();
    const assignment = item(page, /^Oppdrag 1:/);
    await assignment.getByLabel('Frist', { exact: true }).first().fill('1. september');
    await assignment.getByText('Tildel leser dette som 1. september 2027.').waitFor();
    await page.getByText(/^Lagret /).waitFor();
    await thread.getByRole('button', { name: 'Marker som løst' }).click();
    await thread.getByText('løst av Dina Dahl').waitFor();
    await audit(page, '66-brev-konsultasjon-løst');
  });

  it('a second officer approves and issues it; the public reads the letter, not the draft', async () => {
    const { page } = approver;
    await page.goto(`${suite.base}/`);
    await signInByClicking(page, 'Bjørn Berg');
    await page.goto(draftUrl);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByRole('button', { name: 'Godkjenn' }).click();
    await page.getByText('Godkjent for utsendelse').first().waitFor();
    await page.getByText('Godkjent av Bjørn Berg.').waitFor();
    await audit(page, '62-brev-godkjent');

    await page.getByRole('button', { name: 'Utsted brevet' }).click();
    await page.getByRole('button', { name: 'Ja, utsted' }).click();
    await page.getByText('Brevet er utstedt og kan ikke endres.').waitFor();
    await audit(page, '63-brev-utstedt');
    await page.getByRole('link', { name: 'Se det utstedte brevet' }).click();
    await page.waitForURL(/\/dokumenter\//);
    await page.getByText('Kartlegge sjøbunnen i nord').first().waitFor();
    await page.getByText('TB2027-01').first().waitFor();
    const documentUrl = page.url();

    const { page: anonymous } = visitor;
    await anonymous.goto(documentUrl);
    await anonymous.getByText('Kartlegge sjøbunnen i nord').first().waitFor();
    await audit(anonymous, '64-brev-offentlig');
    await anonymous.goto(draftUrl);
    await anonymous.getByText(/Tjenesten svarte med feil \(403\)/).waitFor();
    expect(await anonymous.getByText('Kartlegge sjøbunnen i nord').count()).toBe(0);
  });
});
