/**
 * A supplement written in Tildel with no money in it (only a changed deadline, or only a new
 * assignment), through the real server and database: it has no totals tables that name the
 * agency, so the agency is read back from the letter's address block; it issues, prints no
 * appropriations or totals, moves the register, and the year's checks find nothing.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AssignmentList } from '../../contract/api';
import type { DocumentDetail } from '../../contract/document';
import type { Draft, DraftContent } from '../../contract/draft';
import type { Checks } from '../../contract/ledger';
import { richText } from '../../contract/rich-text';
import { readLetterFile } from '../../import';
import { SAMPLE_AGENCY, SAMPLE_MINISTRY } from '../../services/users';
import { testApp } from '../../testing/app';
import { signIn } from '../../testing/auth';
import { buildDraftContent } from '../../testing/builders';
import { readPart } from '../../testing/documents';
import { buildAssignment, buildDocument, storeDocuments } from '../../testing/factories';

/** Years no other test file uses (the database is shared per worker). */
const DEADLINE_YEAR = 2082;
const ASSIGNMENT_YEAR = 2083;

const due = (date: string, text: string) => ({
  date,
  text,
  appliesTo: null,
  value: { kind: 'exact' as const, date },
});

/** The year's letter as imported (its money and one assignment), then the supplement issued. */
async function issueSupplement(year: number, content: (base: DraftContent) => DraftContent) {
  const app = await testApp();
  const author = await signIn(app, 'ministry-department-officer');
  const second = await signIn(app, 'ministry-budget-officer');
  const orgs = (
    await app.inject({ url: '/api/organisations', headers: author.headers })
  ).json() as {
    items: { id: string; name: string }[];
  };
  const agencyId = orgs.items.find((o) => o.name === SAMPLE_AGENCY)!.id;
  const base = buildDraftContent();
  await storeDocuments(app.database.db, [
    buildDocument({
      year,
      ministry: SAMPLE_MINISTRY,
      agency: SAMPLE_AGENCY,
      title: `Tildelingsbrev til ${SAMPLE_AGENCY} for ${year}`,
      assignments: [
        buildAssignment({
          id: `TB${year}-01`,
          assignedId: `TB${year}-01`,
          title: 'Kartlegge ventetider',
          deadlines: [due(`${year}-06-01`, '1. juni')],
        }),
      ],
    }),
  ]);
  const created = (
    await app.inject({
      method: 'POST',
      url: '/api/drafts',
      headers: author.headers,
      payload: { agencyId, year, kind: 'supplement', from: 'empty' },
    })
  ).json() as Draft;
  const saved = await app.inject({
    method: 'PUT',
    url: `/api/drafts/${created.id}`,
    headers: author.headers,
    payload: { expectedVersion: created.version, content: content(base) },
  });
  expect(saved.statusCode, saved.body).toBe(200);
  expect((saved.json() as Draft).derived.problems).toEqual([]);
  const approved = await app.inject({
    method: 'POST',
    url: `/api/drafts/${created.id}/approve`,
    headers: second.headers,
    payload: { expectedVersion: (saved.json() as Draft).version },
  });
  expect(approved.statusCode, approved.body).toBe(200);
  const issued = await app.inject({
    method: 'POST',
    url: `/api/drafts/${created.id}/issue`,
    headers: second.headers,
    payload: { expectedVersion: (approved.json() as Draft).version },
  });
  expect(issued.statusCode, issued.body).toBe(200);
  const doc = (
    await app.inject({
      url: `/api/documents/${(issued.json() as Draft).issuedDocumentId}`,
      headers: author.headers,
    })
  ).json() as DocumentDetail;
  const register = (
    (
      await app.inject({ url: `/api/assignments?year=${year}&limit=50`, headers: author.headers })
    ).json() as AssignmentList
  ).items
    .map((a) => [a.registerId, a.status, a.nextDeadline])
    .sort();
  const checks = (
    await app.inject({
      url: `/api/checks?agency=${agencyId}&year=${year}`,
      headers: author.headers,
    })
  ).json() as Checks;
  // What the letter prints, read again from the files the public downloads.
  const printed = await Promise.all(
    (['docx', 'pdf'] as const).map(async (format) => {
      const res = await app.inject({ url: doc.letterFiles![format] });
      expect(res.statusCode).toBe(200);
      const read = await readLetterFile(`brev.${format}`, new Uint8Array(res.rawPayload));
      return read.documents[0]!;
    }),
  );
  return { app, doc, register, checks, printed };
}

/** What a supplement with no money must not print: appropriations, totals, empty headings. */
function expectNoMoney(printed: Awaited<ReturnType<typeof issueSupplement>>['printed']) {
  for (const read of printed) {
    expect(read.agency).toBe(SAMPLE_AGENCY);
    expect(read.appropriations).toEqual([]);
    expect(read.totalsClaimed).toEqual([]);
    expect(read.sumLines).toEqual([]);
    // The address block is claimed as the letterhead's.
    expect(read.unparsed.map((u) => u.text)).not.toContain(SAMPLE_AGENCY);
    expect(read.unparsed.map((u) => u.text)).not.toContain('Mottaker');
  }
}

describe('a supplement with no money', () => {
  it('only a new deadline: issues, addressed to the agency; the register follows; checks find nothing', async () => {
    const year = DEADLINE_YEAR;
    const { app, doc, register, checks, printed } = await issueSupplement(year, () =>
      buildDraftContent({
        preamble: richText('Departementet flytter fristen for et av årets oppdrag.'),
        appropriations: [],
        goals: [],
        calendar: [],
        assignments: [],
        assignmentChanges: [
          {
            key: randomUUID(),
            ref: `TB${year}-01`,
            kind: 'deadline',
            text: 'Datagrunnlaget kommer senere enn ventet.',
            deadline: '1. desember',
          },
        ],
      }),
    );
    expect(doc).toMatchObject({
      kind: 'supplement',
      number: 1,
      agency: SAMPLE_AGENCY,
      title: `Tillegg til tildelingsbrev nr. 1 for ${year}`,
    });
    expect(await readPart(app, doc.id, 'appropriations')).toEqual([]);
    expect(register).toEqual([[`TB${year}-01`, 'planned', `${year}-12-01`]]);
    expect(checks.findings).toEqual([]);
    expectNoMoney(printed);
  });

  it('only a new assignment: issues with its ID, addressed to the agency; checks find nothing', async () => {
    const year = ASSIGNMENT_YEAR;
    const { app, doc, register, checks, printed } = await issueSupplement(year, (base) =>
      buildDraftContent({
        preamble: richText('Departementet gir direktoratet et nytt oppdrag.'),
        appropriations: [],
        goals: [],
        calendar: [],
        assignments: [{ ...base.assignments[0]!, key: randomUUID(), title: 'Nytt oppdrag' }],
      }),
    );
    expect(doc).toMatchObject({ kind: 'supplement', number: 1, agency: SAMPLE_AGENCY });
    expect(await readPart(app, doc.id, 'appropriations')).toEqual([]);
    expect(register.map(([id]) => id)).toEqual([`TB${year}-01`, `TTB${year}-01`]);
    expect(checks.findings).toEqual([]);
    expectNoMoney(printed);
  });
});
