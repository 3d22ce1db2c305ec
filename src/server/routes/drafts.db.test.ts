/**
 * Writing a letter in Tildel, through the real server and database: next year's draft from
 * this year's letter, saving with the version seen (a stale save loses nothing), four eyes
 * (the author cannot approve), issue (dated, IDs given, written as Word, read back and stored
 * as a published document the public reads), and who may do what.
 */
import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AssignmentList } from '../../contract/api';
import type { DocumentDetail } from '../../contract/document';
import type { Draft } from '../../contract/draft';
import { richText } from '../../contract/rich-text';
import type { Checks } from '../../contract/ledger';
import { SAMPLE_AGENCY, SAMPLE_MINISTRY } from '../../services/users';
import { testApp } from '../../testing/app';
import { signIn } from '../../testing/auth';
import { buildDraftContent } from '../../testing/builders';
import { readPart } from '../../testing/documents';
import { buildAssignment, buildDocument, storeDocuments } from '../../testing/factories';
import { readLetterFile } from '../../import';

/** Years no other test file uses (the database is shared per worker). */
const LAST = 2044;
const YEAR = LAST + 1;

const deadline = (date: string, text: string) => ({
  date,
  text,
  appliesTo: null,
  value: { kind: 'exact' as const, date },
});

async function setUp() {
  const app = await testApp();
  const author = await signIn(app, 'ministry-department-officer');
  const second = await signIn(app, 'ministry-budget-officer');
  return { app, author, second, agencyId: await agencyOf(app, author.headers) };
}

async function agencyOf(app: Awaited<ReturnType<typeof testApp>>, headers: Record<string, string>) {
  const res = await app.inject({ url: '/api/organisations', headers });
  const orgs = res.json() as { items: { id: string; name: string }[] };
  return orgs.items.find((o) => o.name === SAMPLE_AGENCY)!.id;
}

describe('a letter written in Tildel', () => {
  it('from last year to issued: carried over, four eyes, stale saves refused, read back and published', async () => {
    const { app, author, second, agencyId } = await setUp();
    // This year's letter, as imported: a goal with a steering parameter, a calendar row and
    // an assignment that is not finished.
    await storeDocuments(app.database.db, [
      buildDocument({
        year: LAST,
        ministry: SAMPLE_MINISTRY,
        agency: SAMPLE_AGENCY,
        title: `Tildelingsbrev til ${SAMPLE_AGENCY} for ${LAST}`,
        goals: [
          {
            code: 'Mål 1',
            title: 'Data er tilgjengelige',
            area: null,
            evaluationCriteria: [],
            provenance: { startLine: 1, endLine: 1 },
          },
        ],
        steeringParameters: [
          {
            text: 'Andel åpne datasett',
            goal: 'Mål 1',
            kind: 'styringsparameter',
            provenance: { startLine: 2, endLine: 2 },
          },
        ],
        calendar: [
          {
            // 1 March 2045 is a Wednesday; 17 May 2045 is a public holiday.
            date: `${LAST}-03-01`,
            text: `Årsrapport for ${LAST - 1}`,
            deadline: deadline(`${LAST}-03-01`, '1. mars'),
            kind: 'report',
            provenance: { startLine: 3, endLine: 3 },
          },
          {
            date: `${LAST}-05-17`,
            text: 'Etatsstyringsmøte',
            deadline: deadline(`${LAST}-05-17`, '17. mai'),
            kind: 'meeting',
            provenance: { startLine: 4, endLine: 4 },
          },
        ],
        assignments: [
          buildAssignment({ id: `TB${LAST}-01`, assignedId: `TB${LAST}-01`, title: 'Uferdig' }),
        ],
      }),
    ]);

    const created = await app.inject({
      method: 'POST',
      url: '/api/drafts',
      headers: author.headers,
      payload: { agencyId, year: YEAR, kind: 'allocation-letter', from: 'last-year' },
    });
    expect(created.statusCode).toBe(201);
    let draft = created.json() as Draft;
    expect(draft.title).toBe(`Tildelingsbrev til ${SAMPLE_AGENCY} for ${YEAR}`);
    expect(draft.content.goals).toEqual([
      {
        title: 'Data er tilgjengelige',
        steeringParameters: ['Andel åpne datasett'],
        keyFigures: [],
      },
    ]);
    expect(draft.content.carriedOver).toEqual([{ id: `TB${LAST}-01`, title: 'Uferdig' }]);
    expect(draft.content.calendar).toEqual([
      { when: '1. mars', text: `Årsrapport for ${LAST}` },
      { when: '17. mai', text: 'Etatsstyringsmøte' },
    ]);
    expect(draft.derived.calendar.map((c) => [c.date, c.closed])).toEqual([
      [`${YEAR}-03-01`, null],
      [`${YEAR}-05-17`, { weekend: false, holiday: expect.any(String) }],
    ]);
    expect(draft.abilities).toEqual({
      update: true,
      approve: false,
      issue: false,
      share: true,
      comment: false,
      resolve: true,
    });

    // The officer writes money and assignments; the server derives the sums and dates.
    const content = buildDraftContent({
      goals: draft.content.goals,
      carriedOver: draft.content.carriedOver,
      calendar: [{ when: '1. mars', text: `Årsrapport for ${LAST}` }],
    });
    const saved = await app.inject({
      method: 'PUT',
      url: `/api/drafts/${draft.id}`,
      headers: author.headers,
      payload: { expectedVersion: draft.version, content },
    });
    expect(saved.statusCode).toBe(200);
    draft = saved.json() as Draft;
    expect(draft.version).toBe(2);
    expect(draft.derived.total).toBe(142_750);
    expect(draft.derived.chapterTotals).toEqual([{ chapter: 2310, amount: 142_750 }]);
    const first = content.assignments[0]!.key;
    expect(draft.derived.deadlines[first]?.date).toBe(`${YEAR}-06-01`);

    // A save based on the version before is refused, and loses nothing.
    const stale = await app.inject({
      method: 'PUT',
      url: `/api/drafts/${draft.id}`,
      headers: second.headers,
      payload: { expectedVersion: 1, content: { ...content, preamble: 'Annen tekst' } },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: 'stale-version' });
    const after = (
      await app.inject({ url: `/api/drafts/${draft.id}`, headers: author.headers })
    ).json() as Draft;
    expect(after.content.preamble).toEqual(content.preamble);

    // Four eyes: the author may not approve; the second officer may.
    const own = await app.inject({
      method: 'POST',
      url: `/api/drafts/${draft.id}/approve`,
      headers: author.headers,
      payload: { expectedVersion: draft.version },
    });
    expect(own.statusCode).toBe(403);
    const approved = await app.inject({
      method: 'POST',
      url: `/api/drafts/${draft.id}/approve`,
      headers: second.headers,
      payload: { expectedVersion: draft.version },
    });
    expect(approved.statusCode).toBe(200);
    draft = approved.json() as Draft;
    expect(draft).toMatchObject({ status: 'approved', approvedBy: second.user.name });
    expect(
      (
        (
          await app.inject({ url: `/api/drafts/${draft.id}`, headers: author.headers })
        ).json() as Draft
      ).abilities,
    ).toMatchObject({ update: true, approve: false, issue: true });

    // The public may not ask for drafts at all; the agency does not see one never shared.
    expect((await app.inject({ url: `/api/drafts/${draft.id}` })).statusCode).toBe(403);
    const coordinator = await signIn(app, 'agency-coordinator');
    expect(
      (await app.inject({ url: `/api/drafts/${draft.id}`, headers: coordinator.headers }))
        .statusCode,
    ).toBe(404);

    const issued = await app.inject({
      method: 'POST',
      url: `/api/drafts/${draft.id}/issue`,
      headers: author.headers,
      payload: { expectedVersion: draft.version },
    });
    expect(issued.statusCode, issued.body).toBe(200);
    draft = issued.json() as Draft;
    expect(draft.status).toBe('issued');
    expect(draft.abilities).toEqual({
      update: false,
      approve: false,
      issue: false,
      share: false,
      comment: false,
      resolve: false,
    });

    // Published: anyone reads it, with the IDs given at issue and the derived sum line.
    const doc = (
      await app.inject({ url: `/api/documents/${draft.issuedDocumentId}` })
    ).json() as DocumentDetail;
    expect(doc.status).toBe('published');
    const assignments = await readPart(app, doc.id, 'assignments');
    expect(assignments.map((a) => [a.registerId, a.ownerDepartment])).toEqual([
      [`TB${YEAR}-01`, 'ABC'],
      [`TB${YEAR}-02`, 'DEF'],
    ]);
    const register = (
      await app.inject({ url: `/api/assignments?year=${YEAR}&limit=50` })
    ).json() as AssignmentList;
    expect(register.items.map((a) => a.registerId).sort()).toEqual([
      `TB${YEAR}-01`,
      `TB${YEAR}-02`,
    ]);

    // The Word file is the one issued, and it reads back as the document.
    const file = await app.inject({
      url: `/api/drafts/${draft.id}/letter.docx`,
      headers: author.headers,
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toMatch(/wordprocessingml/);
    const again = await app.inject({
      url: `/api/drafts/${draft.id}/letter.docx`,
      headers: author.headers,
    });
    expect(createHash('sha256').update(again.rawPayload).digest('hex')).toBe(
      createHash('sha256').update(file.rawPayload).digest('hex'),
    );
    const read = await readLetterFile('brev.docx', new Uint8Array(file.rawPayload));
    expect(read.documents[0]!.assignments.map((a) => a.assignedId)).toEqual([
      `TB${YEAR}-01`,
      `TB${YEAR}-02`,
    ]);

    // A supplement written in Tildel: its change, a new assignment, and the totals table the
    // server derives from the ledger; the year's checks find nothing.
    const supplement = (
      await app.inject({
        method: 'POST',
        url: '/api/drafts',
        headers: author.headers,
        payload: { agencyId, year: YEAR, kind: 'supplement', from: 'empty' },
      })
    ).json() as Draft;
    const change = buildDraftContent({
      subject: 'Revidert nasjonalbudsjett',
      preamble: richText('Departementet øker tildelingen til kartleggingen.'),
      appropriations: [{ ...content.appropriations[1]!, amount: 2_500 }],
      goals: [],
      calendar: [],
      assignments: [
        { ...content.assignments[0]!, key: randomUUID(), title: 'Nytt kartleggingsoppdrag' },
      ],
    });
    const supplementSaved = (
      await app.inject({
        method: 'PUT',
        url: `/api/drafts/${supplement.id}`,
        headers: author.headers,
        payload: { expectedVersion: supplement.version, content: change },
      })
    ).json() as Draft;
    const supplementApproved = (
      await app.inject({
        method: 'POST',
        url: `/api/drafts/${supplement.id}/approve`,
        headers: second.headers,
        payload: { expectedVersion: supplementSaved.version },
      })
    ).json() as Draft;
    const supplementIssued = await app.inject({
      method: 'POST',
      url: `/api/drafts/${supplement.id}/issue`,
      headers: second.headers,
      payload: { expectedVersion: supplementApproved.version },
    });
    expect(supplementIssued.statusCode, supplementIssued.body).toBe(200);
    const supplementDoc = (
      await app.inject({
        url: `/api/documents/${(supplementIssued.json() as Draft).issuedDocumentId}`,
      })
    ).json() as DocumentDetail;
    expect(supplementDoc).toMatchObject({
      kind: 'supplement',
      number: 1,
      title: `Tillegg til tildelingsbrev nr. 1 for ${YEAR} – Revidert nasjonalbudsjett`,
    });
    expect((await readPart(app, supplementDoc.id, 'assignments')).map((a) => a.registerId)).toEqual(
      [`TTB${YEAR}-01`],
    );
    const checks = (
      await app.inject({
        url: `/api/checks?agency=${agencyId}&year=${YEAR}`,
        headers: author.headers,
      })
    ).json() as Checks;
    // The subject tells the ledger what kind of change the supplement makes.
    expect(checks.documents.map((d) => d.changeKind)).toEqual(['allocation', 'revised-budget']);
    expect(checks.findings).toEqual([]);
    const ledger = (
      await app.inject({
        url: `/api/ledger?agency=${agencyId}&year=${YEAR}`,
        headers: author.headers,
      })
    ).json() as { expenses: { chapter: number; post: number; total: number }[] };
    expect(ledger.expenses.find((p) => p.post === 21)?.total).toBe(14_250 + 2_500);

    // The public downloads the issued letter as PDF, and it reads back as the document.
    expect(doc.letterFiles).toEqual({
      docx: `/api/documents/${doc.id}/letter.docx`,
      pdf: `/api/documents/${doc.id}/letter.pdf`,
    });
    const pdf = await app.inject({ url: doc.letterFiles!.pdf });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const printed = await readLetterFile('brev.pdf', new Uint8Array(pdf.rawPayload));
    expect(printed.documents[0]!.assignments.map((a) => a.assignedId)).toEqual([
      `TB${YEAR}-01`,
      `TB${YEAR}-02`,
    ]);
    const publicDocx = await app.inject({ url: doc.letterFiles!.docx });
    expect(publicDocx.rawPayload.equals(file.rawPayload)).toBe(true);

    // Issued is final: no further edits.
    const late = await app.inject({
      method: 'PUT',
      url: `/api/drafts/${draft.id}`,
      headers: author.headers,
      payload: { expectedVersion: draft.version, content },
    });
    expect(late.statusCode).toBe(403);

    // A second letter for the same year would replace the first: refused, nothing stored.
    const twin = (
      await app.inject({
        method: 'POST',
        url: '/api/drafts',
        headers: author.headers,
        payload: { agencyId, year: YEAR, kind: 'allocation-letter', from: 'empty' },
      })
    ).json() as Draft;
    const twinSaved = (
      await app.inject({
        method: 'PUT',
        url: `/api/drafts/${twin.id}`,
        headers: author.headers,
        payload: { expectedVersion: twin.version, content: buildDraftContent() },
      })
    ).json() as Draft;
    const twinApproved = (
      await app.inject({
        method: 'POST',
        url: `/api/drafts/${twin.id}/approve`,
        headers: second.headers,
        payload: { expectedVersion: twinSaved.version },
      })
    ).json() as Draft;
    const replace = await app.inject({
      method: 'POST',
      url: `/api/drafts/${twin.id}/issue`,
      headers: author.headers,
      payload: { expectedVersion: twinApproved.version },
    });
    expect(replace.statusCode).toBe(422);
    expect(replace.json()).toMatchObject({ error: 'draft-would-replace' });
  }, 180_000);

  it('an edit after approval withdraws it; a reader reads but may not write; nothing to issue is a problem', async () => {
    const { app, author, second, agencyId } = await setUp();
    const draft = (
      await app.inject({
        method: 'POST',
        url: '/api/drafts',
        headers: author.headers,
        payload: { agencyId, year: YEAR + 1, kind: 'supplement', from: 'empty' },
      })
    ).json() as Draft;
    expect(draft.derived.problems.map((p) => p.code)).toEqual(['nothing-to-issue', 'no-signatory']);
    const refused = await app.inject({
      method: 'POST',
      url: `/api/drafts/${draft.id}/approve`,
      headers: second.headers,
      payload: { expectedVersion: draft.version },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ error: 'draft-has-problems' });

    const reader = await signIn(app, 'ministry-reader');
    expect(
      (await app.inject({ url: `/api/drafts/${draft.id}`, headers: reader.headers })).statusCode,
    ).toBe(200);
    const write = await app.inject({
      method: 'PUT',
      url: `/api/drafts/${draft.id}`,
      headers: reader.headers,
      payload: { expectedVersion: draft.version, content: buildDraftContent() },
    });
    expect(write.statusCode).toBe(403);

    const saved = (
      await app.inject({
        method: 'PUT',
        url: `/api/drafts/${draft.id}`,
        headers: author.headers,
        payload: { expectedVersion: draft.version, content: buildDraftContent() },
      })
    ).json() as Draft;
    const approved = (
      await app.inject({
        method: 'POST',
        url: `/api/drafts/${draft.id}/approve`,
        headers: second.headers,
        payload: { expectedVersion: saved.version },
      })
    ).json() as Draft;
    expect(approved.status).toBe('approved');
    // The approver edits: the approval is withdrawn, and they may no longer approve it.
    const edited = (
      await app.inject({
        method: 'PUT',
        url: `/api/drafts/${draft.id}`,
        headers: second.headers,
        payload: {
          expectedVersion: approved.version,
          content: buildDraftContent({ preamble: richText('Endret etter godkjenning.') }),
        },
      })
    ).json() as Draft;
    expect(edited).toMatchObject({ status: 'editing', approvedBy: null });
    expect(edited.abilities.approve).toBe(false);
  });

  it('consultation: the agency reads the shared round, comments; the ministry answers and resolves; rounds show what changed', async () => {
    const { app, author, second, agencyId } = await setUp();
    const coordinator = await signIn(app, 'agency-coordinator');
    const owner = await signIn(app, 'agency-assignment-owner');
    const post = (url: string, headers: Record<string, string>, payload?: object) =>
      app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) });
    let draft = (
      await post('/api/drafts', author.headers, {
        agencyId,
        year: YEAR + 2,
        kind: 'allocation-letter',
        from: 'empty',
      })
    ).json() as Draft;
    const content = buildDraftContent();
    draft = (
      await app.inject({
        method: 'PUT',
        url: `/api/drafts/${draft.id}`,
        headers: author.headers,
        payload: { expectedVersion: draft.version, content },
      })
    ).json() as Draft;
    // Not shared yet: the agency does not see it.
    expect(
      (await app.inject({ url: `/api/drafts/${draft.id}`, headers: coordinator.headers }))
        .statusCode,
    ).toBe(404);
    draft = (
      await post(`/api/drafts/${draft.id}/share`, author.headers, {
        expectedVersion: draft.version,
      })
    ).json() as Draft;
    expect(draft.rounds.map((r) => [r.round, r.sharedBy])).toEqual([[1, author.user.name]]);

    // The ministry goes on editing; the agency reads round 1, not the edits.
    const edited = {
      ...content,
      appropriations: [
        { ...content.appropriations[0]!, amount: 125_000 },
        ...content.appropriations.slice(1),
      ],
    };
    draft = (
      await app.inject({
        method: 'PUT',
        url: `/api/drafts/${draft.id}`,
        headers: author.headers,
        payload: { expectedVersion: draft.version, content: edited },
      })
    ).json() as Draft;
    const seen = (
      await app.inject({ url: `/api/drafts/${draft.id}`, headers: coordinator.headers })
    ).json() as Draft;
    expect(seen.view).toBe('shared');
    expect(seen.content.appropriations[0]!.amount).toBe(120_500);
    expect(seen.abilities).toMatchObject({
      update: false,
      approve: false,
      comment: true,
      resolve: false,
    });
    const preview = await app.inject({
      url: `/api/drafts/${draft.id}/letter.docx`,
      headers: coordinator.headers,
    });
    const previewed = await readLetterFile('brev.docx', new Uint8Array(preview.rawPayload));
    expect(previewed.documents[0]!.appropriations[0]!.amount).toBe(120_500);

    // The coordinator comments on an assignment; an assignment owner may read but not comment.
    const key = content.assignments[0]!.key;
    const commented = (
      await post(`/api/drafts/${draft.id}/comments`, coordinator.headers, {
        item: `assignment:${key}`,
        body: 'Fristen 1. juni er for tidlig; vi foreslår 1. september.',
        replyTo: null,
      })
    ).json() as Draft;
    const question = commented.comments[0]!;
    expect(question).toMatchObject({ side: 'agency', by: coordinator.user.name, round: 1 });
    expect(
      (
        await post(`/api/drafts/${draft.id}/comments`, owner.headers, {
          item: 'general',
          body: 'Hei',
          replyTo: null,
        })
      ).statusCode,
    ).toBe(403);

    // The ministry answers, moves the deadline, and cannot approve while the comment is open.
    await post(`/api/drafts/${draft.id}/comments`, author.headers, {
      item: `assignment:${key}`,
      body: 'Enig, fristen flyttes.',
      replyTo: question.id,
    });
    const moved = {
      ...edited,
      assignments: [
        { ...edited.assignments[0]!, deadline: '1. september' },
        ...edited.assignments.slice(1),
      ],
    };
    draft = (
      await app.inject({
        method: 'PUT',
        url: `/api/drafts/${draft.id}`,
        headers: author.headers,
        payload: { expectedVersion: draft.version + 0, content: moved },
      })
    ).json() as Draft;
    const early = await post(`/api/drafts/${draft.id}/approve`, second.headers, {
      expectedVersion: draft.version,
    });
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ error: 'draft-comments-open' });
    draft = (
      await post(`/api/drafts/${draft.id}/comments/${question.id}/resolve`, author.headers)
    ).json() as Draft;
    expect(draft.comments.find((c) => c.id === question.id)?.resolved?.by).toBe(author.user.name);

    // Round 2 says what changed since round 1.
    draft = (
      await post(`/api/drafts/${draft.id}/share`, author.headers, {
        expectedVersion: draft.version,
      })
    ).json() as Draft;
    expect(draft.rounds[1]!.changes).toEqual([
      { item: 'appropriations', kind: 'changed', label: 'kap. 2310 post 01' },
      { item: `assignment:${key}`, kind: 'changed', label: content.assignments[0]!.title },
    ]);
    const approved = await post(`/api/drafts/${draft.id}/approve`, second.headers, {
      expectedVersion: draft.version,
    });
    expect(approved.statusCode, approved.body).toBe(200);
  });

  it("the agency's title of a shared supplement is the shared round's, not the ministry's later subject", async () => {
    const { app, author, agencyId } = await setUp();
    const coordinator = await signIn(app, 'agency-coordinator');
    const inject = (method: 'POST' | 'PUT', url: string, payload: object) =>
      app.inject({ method, url, headers: author.headers, payload });
    let draft = (
      await inject('POST', '/api/drafts', {
        agencyId,
        year: YEAR + 3,
        kind: 'supplement',
        from: 'empty',
      })
    ).json() as Draft;
    draft = (
      await inject('PUT', `/api/drafts/${draft.id}`, {
        expectedVersion: draft.version,
        content: buildDraftContent({ subject: 'Første emne' }),
      })
    ).json() as Draft;
    draft = (
      await inject('POST', `/api/drafts/${draft.id}/share`, { expectedVersion: draft.version })
    ).json() as Draft;
    draft = (
      await inject('PUT', `/api/drafts/${draft.id}`, {
        expectedVersion: draft.version,
        content: buildDraftContent({ subject: 'Andre emne' }),
      })
    ).json() as Draft;
    expect(draft.title).toMatch(/– Andre emne$/);
    const seen = (
      await app.inject({ url: `/api/drafts/${draft.id}`, headers: coordinator.headers })
    ).json() as Draft;
    expect(seen.title).toMatch(/– Første emne$/);
    const listed = (
      (await app.inject({ url: '/api/drafts', headers: coordinator.headers })).json() as {
        drafts: { id: string; title: string }[];
      }
    ).drafts.find((d) => d.id === draft.id);
    expect(listed?.title).toMatch(/– Første emne$/);
  });
});
