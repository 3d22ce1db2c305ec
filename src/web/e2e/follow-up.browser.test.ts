/**
 * Following an assignment up, in a real browser against the real server, with mail to a real
 * SMTP server in the process: the budget officer gives a new assignment its owner department,
 * the agency's coordinator gives it to a person, who reports it at risk and delivers it with a
 * file; the department's officer sends it back (after confirming), then accepts the second
 * delivery. Each person finds it on their own start page, and the mails arrive at the right
 * people. Every state is checked with axe and photographed to test-artifacts/screenshots/.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { assignments, documents } from '../../db/schema';
import { startJobRunner, type JobRunner } from '../../services/jobs';
import { mailHandlers } from '../../services/mail';
import { loadSampleDataIfEmpty } from '../../services/sample-data';
import { SAMPLE_AGENCY, SAMPLE_MINISTRY } from '../../services/users';
import { buildAssignment, buildDocument, storeDocuments } from '../../testing/factories';
import { startSmtp, type TestSmtp } from '../../testing/smtp';
import { audit, browserSuite, signInByClicking, type TestPage } from './helpers';

const TITLE = 'Kartlegge havdata i kommunale arealplaner';
const DUE = '2027-04-30';
let assignmentId = '';

const suite = browserSuite({
  localUsers: true,
  seed: async (db) => {
    await loadSampleDataIfEmpty(db);
    // A supplement of the year with an assignment no department owns yet, published.
    const stored = await storeDocuments(db, [
      buildDocument({
        kind: 'supplement',
        number: 7,
        year: 2026,
        ministry: SAMPLE_MINISTRY,
        agency: SAMPLE_AGENCY,
        title: `Tillegg til tildelingsbrev nr. 7 for 2026 til ${SAMPLE_AGENCY}`,
        assignments: [
          buildAssignment({
            id: 'TTB2026-07',
            ownerDepartment: null,
            title: TITLE,
            deadlines: [
              {
                date: DUE,
                text: '30. april 2027',
                appliesTo: null,
                value: { kind: 'exact', date: DUE },
              },
            ],
          }),
        ],
      }),
    ]);
    const documentId = stored.documents[0]!.id;
    await db.update(documents).set({ status: 'published' }).where(eq(documents.id, documentId));
    const [row] = await db
      .select({ id: assignments.id })
      .from(assignments)
      .where(eq(assignments.documentId, documentId));
    assignmentId = row!.id;
  },
});

const pdf = Buffer.from('%PDF-1.4\n% a report written for this test\n%%EOF\n');

describe('following an assignment up', () => {
  let smtp: TestSmtp;
  let runner: JobRunner;
  const people: Record<string, { context: BrowserContext; page: TestPage }> = {};
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

  beforeAll(async () => {
    smtp = await startSmtp();
    runner = startJobRunner({
      db: suite.app.database.db,
      handlers: mailHandlers(suite.app.database.db, {
        smtp: { host: '127.0.0.1', port: smtp.port, secure: false },
        from: 'Tildel <tildel@test.example>',
        publicUrl: suite.base,
        secret: randomUUID() + randomUUID(),
      }),
      intervalMs: 3_600_000, // rounds only through runOnce
      workerId: `browser-test:${randomUUID()}`,
      log: quiet,
    });
    for (const name of ['Bjørn Berg', 'Kari Kyst', 'Ola Odde', 'Dina Dahl']) {
      const p = await suite.openPage();
      await p.page.goto(`${suite.base}/`);
      await signInByClicking(p.page, name);
      people[name] = p;
    }
  });
  afterAll(async () => {
    await runner?.stop();
    await smtp?.close();
    for (const p of Object.values(people)) await p.context.close();
  });

  const open = async (page: TestPage) => {
    await page.goto(`${suite.base}/oppdrag/${assignmentId}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(TITLE) }).waitFor();
  };
  /** The start page's list `heading` holds a link to the assignment. */
  const onHome = async (page: TestPage, heading: string) => {
    await page.goto(`${suite.base}/`);
    const list = page.getByRole('region', { name: heading });
    await list.getByRole('link', { name: new RegExp(TITLE) }).waitFor();
  };
  const saved = (page: TestPage, text: string) => page.getByText(text).waitFor();

  it('the budget officer gives it an owner department', async () => {
    const { page } = people['Bjørn Berg']!;
    await onHome(page, 'Uten eieravdeling');
    await open(page);
    await page.getByRole('button', { name: 'Endre eieravdeling' }).click();
    await page.getByRole('combobox', { name: 'Eieravdeling' }).fill('HFA');
    await page.getByRole('button', { name: 'Lagre', exact: true }).click();
    await saved(page, 'Eieravdelingen er satt til HFA.');
    await audit(page, '80-oppfolging-eieravdeling');
  });

  it('the coordinator gives it to a person in the agency', async () => {
    const { page } = people['Kari Kyst']!;
    await onHome(page, 'Uten ansvarlig');
    await audit(page, '81-forside-koordinator');
    await open(page);
    await page.getByRole('button', { name: 'Gi til en annen' }).click();
    await page.getByLabel('Ansvarlig i virksomheten').selectOption({ label: 'Ola Odde' });
    await page.getByRole('button', { name: 'Lagre', exact: true }).click();
    await saved(page, 'Oppdraget er gitt til Ola Odde.');
  });

  it('the owner reports it at risk, with a reason, and delivers it with a file', async () => {
    const { page } = people['Ola Odde']!;
    await onHome(page, 'Mine oppdrag');
    await audit(page, '82-forside-oppdragseier');
    await open(page);
    await page.getByRole('button', { name: 'Meld framdrift' }).click();
    await page.getByRole('radio', { name: 'I risiko' }).check();
    // Without a reason the form says what is missing; nothing is sent.
    await page.getByRole('button', { name: 'Lagre', exact: true }).click();
    await page.getByText('Skriv hvorfor oppdraget er i risiko eller ikke i rute.').waitFor();
    await page.getByLabel('Hvorfor?').fill('Kommunenes planer kommer i mars, ikke i januar.');
    await page.getByRole('button', { name: 'Lagre', exact: true }).click();
    await saved(page, 'Framdriften er meldt: I risiko.');

    await page.getByRole('radio', { name: 'Levert' }).check();
    await page.getByLabel('Referanse til leveransen').fill('Sak 2026/901');
    await page.getByLabel('Filer').setInputFiles({
      name: 'Kartlegging.pdf',
      mimeType: 'application/pdf',
      buffer: pdf,
    });
    await page.getByRole('button', { name: 'Lever oppdraget' }).click();
    await page.getByRole('link', { name: /Kartlegging\.pdf/ }).waitFor();
    await audit(page, '83-levert-med-fil');
  });

  it('the department sends it back after confirming, and accepts the second delivery', async () => {
    const desk = people['Dina Dahl']!.page;
    await onHome(desk, 'Venter på godkjenning');
    await audit(desk, '84-forside-avdeling');
    await open(desk);
    await desk.getByRole('radio', { name: 'Under arbeid' }).check();
    await desk
      .getByLabel(/^Kommentar/)
      .first()
      .fill('Tallene for 2025 mangler.');
    await desk.getByRole('button', { name: 'Lagre status' }).click();
    await desk.getByRole('button', { name: 'Ja, send tilbake' }).click();
    await desk.getByText('Under arbeid', { exact: true }).first().waitFor();

    const owner = people['Ola Odde']!.page;
    await open(owner);
    await owner.getByRole('radio', { name: 'Levert' }).check();
    await owner.getByLabel('Referanse til leveransen').fill('Sak 2026/944');
    await owner.getByRole('button', { name: 'Lever oppdraget' }).click();
    await owner.getByText('Sak 2026/944').first().waitFor();

    await open(desk);
    await desk.getByRole('radio', { name: 'Godkjent' }).check();
    await desk.getByRole('button', { name: 'Lagre status' }).click();
    await desk
      .getByText(/Godkjent/)
      .first()
      .waitFor();
    await audit(desk, '85-godkjent');
  });

  it('the owner has been told, in the app and by mail, and so have the others', async () => {
    const { page } = people['Ola Odde']!;
    await page.goto(`${suite.base}/varsler`);
    await page.getByText(/er sendt tilbake: Tallene for 2025 mangler\./).waitFor();
    await page
      .getByText(/er godkjent/)
      .first()
      .waitFor();
    await audit(page, '86-varsler');

    while ((await runner.runOnce()) > 0) {
      /* until every mail job is done */
    }
    const to = (kind: RegExp) =>
      smtp.mails
        .filter((m) => kind.test(m.text ?? ''))
        .flatMap((m) => m.to)
        .sort();
    const all = smtp.mails.flatMap((m) => m.to);
    // The owner: given it, sent back, accepted. The department: two deliveries. The
    // coordinator: sent back and accepted, as the agency's coordinator.
    expect(all.filter((a) => a.startsWith('oppdragseier-havdata@')).length).toBe(3);
    expect(all.filter((a) => a.startsWith('avdeling-hfa@')).length).toBe(2);
    expect(all.filter((a) => a.startsWith('koordinator-havdata@')).length).toBe(2);
    // Nobody outside: not the other agency, not the budget officer who set the department.
    expect(
      all.some((a) => a.startsWith('koordinator-fjordlos@') || a.startsWith('budsjett@')),
    ).toBe(false);
    expect(to(/Tallene for 2025 mangler/)).toEqual([
      'koordinator-havdata@tildel.example',
      'oppdragseier-havdata@tildel.example',
    ]);
    for (const m of smtp.mails) {
      expect(m.html).toContain(`/oppdrag/${assignmentId}`);
      expect(m.headers['list-unsubscribe']).toContain('/api/mail/unsubscribe');
    }
  });

  it('the owner finds it in the register by owner and deadline, and downloads the list as Excel', async () => {
    const { page } = people['Ola Odde']!;
    await page.goto(`${suite.base}/oppdrag`);
    await page.getByLabel('Ansvarlig', { exact: true }).selectOption({ label: 'Mine oppdrag' });
    await page.getByLabel('Neste frist fra og med').fill('2027-04-01');
    await page.getByLabel('Neste frist til og med').fill('2027-05-31');
    await page.getByRole('button', { name: 'Vis oppdrag' }).click();
    await page.waitForURL(/owner=me.*dueFrom=2027-04-01.*dueTo=2027-05-31/);
    await page.getByRole('link', { name: new RegExp(TITLE) }).waitFor();
    await audit(page, '87-register-mine');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Last ned utvalget som Excel-fil' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  });
});
