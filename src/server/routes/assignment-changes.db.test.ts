/**
 * A supplement written in Tildel that changes earlier assignments and says the kind and reason
 * of each money line, through the real server and database: the register follows it once it
 * is issued (the cancelled assignment is cancelled, the deadline moved, each with the
 * supplement as source), the ledger shows each line's kind, and the year's checks find nothing.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AssignmentDetail, AssignmentList } from '../../contract/api';
import type { AssignmentHistory } from '../../contract/assignment-status';
import type { Draft, DraftContent } from '../../contract/draft';
import type { Checks } from '../../contract/ledger';
import { SAMPLE_AGENCY, SAMPLE_MINISTRY } from '../../services/users';
import { testApp } from '../../testing/app';
import { signIn } from '../../testing/auth';
import { buildDraftContent } from '../../testing/builders';
import { buildAssignment, buildDocument, storeDocuments } from '../../testing/factories';

/** Years no other test file uses (the database is shared per worker). */
const YEAR = 2054;

const due = (date: string, text: string) => ({
  date,
  text,
  appliesTo: null,
  value: { kind: 'exact' as const, date },
});

describe('a supplement that changes earlier assignments', () => {
  it('cancels one, moves the deadline of another, clarifies a third; the ledger has each line’s kind', async () => {
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
    // The year's letter, as imported: two posts and three assignments.
    await storeDocuments(app.database.db, [
      buildDocument({
        year: YEAR,
        ministry: SAMPLE_MINISTRY,
        agency: SAMPLE_AGENCY,
        title: `Tildelingsbrev til ${SAMPLE_AGENCY} for ${YEAR}`,
        appropriations: base.appropriations.slice(0, 2).map((l, i) => ({
          chapter: l.chapter,
          chapterName: l.chapterName,
          post: l.post,
          postName: l.postName,
          notes: l.notes,
          amount: l.amount,
          previousYearAmount: null,
          comment: null,
          provenance: { startLine: 10 + i, endLine: 10 + i },
        })),
        sumLines: [],
        assignments: [
          buildAssignment({
            id: `TB${YEAR}-01`,
            assignedId: `TB${YEAR}-01`,
            title: 'Kartlegge ventetider',
            deadlines: [due(`${YEAR}-06-01`, '1. juni')],
          }),
          buildAssignment({
            id: `TB${YEAR}-02`,
            assignedId: `TB${YEAR}-02`,
            title: 'Veileder for søkerne',
            provenance: { startLine: 30, endLine: 32 },
          }),
          buildAssignment({
            id: `TB${YEAR}-03`,
            assignedId: `TB${YEAR}-03`,
            title: 'Evaluere ordningen',
            provenance: { startLine: 40, endLine: 42 },
          }),
        ],
      }),
    ]);
    const registerOf = async () =>
      (
        (
          await app.inject({
            url: `/api/assignments?year=${YEAR}&limit=50`,
            headers: author.headers,
          })
        ).json() as AssignmentList
      ).items;
    const ids = new Map((await registerOf()).map((a) => [a.registerId, a.id]));

    const created = (
      await app.inject({
        method: 'POST',
        url: '/api/drafts',
        headers: author.headers,
        payload: { agencyId, year: YEAR, kind: 'supplement', from: 'empty' },
      })
    ).json() as Draft;
    const moved = randomUUID();
    const content: DraftContent = buildDraftContent({
      subject: '',
      goals: [],
      calendar: [],
      assignments: [],
      appropriations: [
        { ...base.appropriations[0]!, amount: -1_000, kind: 'regrouping' },
        {
          ...base.appropriations[1]!,
          amount: 2_500,
          kind: 'revised-budget',
          reason: 'Økt aktivitet i ordningen',
        },
      ],
      assignmentChanges: [
        {
          key: moved,
          ref: `TB${YEAR}-01`,
          kind: 'deadline',
          text: 'Datagrunnlaget kommer senere enn ventet.',
          deadline: '1. desember',
        },
        {
          key: randomUUID(),
          ref: `TB${YEAR}-02`,
          kind: 'cancellation',
          text: 'Arbeidet dekkes av et annet oppdrag.',
          deadline: '',
        },
        {
          key: randomUUID(),
          ref: `TB${YEAR - 1}-99`,
          kind: 'clarification',
          text: 'Evalueringen skal også omfatte klager.',
          deadline: '',
        },
      ],
    });
    const save = async (version: number, c: DraftContent) => {
      const res = await app.inject({
        method: 'PUT',
        url: `/api/drafts/${created.id}`,
        headers: author.headers,
        payload: { expectedVersion: version, content: c },
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as Draft;
    };
    let draft = await save(created.version, content);
    // What the server reads in the new deadline; an ID the register does not hold stops it.
    expect(draft.derived.deadlines[moved]?.date).toBe(`${YEAR}-12-01`);
    expect(draft.derived.problems).toEqual([
      { code: 'assignment-change-unknown', item: `TB${YEAR - 1}-99` },
    ]);
    const refused = await app.inject({
      method: 'POST',
      url: `/api/drafts/${created.id}/approve`,
      headers: second.headers,
      payload: { expectedVersion: draft.version },
    });
    expect(refused.statusCode).toBe(422);
    content.assignmentChanges[2]!.ref = `TB${YEAR}-03`;
    draft = await save(draft.version, content);
    expect(draft.derived.problems).toEqual([]);

    const approved = (
      await app.inject({
        method: 'POST',
        url: `/api/drafts/${created.id}/approve`,
        headers: second.headers,
        payload: { expectedVersion: draft.version },
      })
    ).json() as Draft;
    const issued = await app.inject({
      method: 'POST',
      url: `/api/drafts/${created.id}/issue`,
      headers: second.headers,
      payload: { expectedVersion: approved.version },
    });
    expect(issued.statusCode, issued.body).toBe(200);
    const supplementId = (issued.json() as Draft).issuedDocumentId!;

    // The register: the changes are no assignments of their own.
    const register = await registerOf();
    expect(register.map((a) => [a.registerId, a.status, a.nextDeadline]).sort()).toEqual([
      [`TB${YEAR}-01`, 'planned', `${YEAR}-12-01`],
      [`TB${YEAR}-02`, 'cancelled', expect.anything()],
      [`TB${YEAR}-03`, 'planned', expect.anything()],
    ]);
    const read = async (registerId: string) => {
      const url = `/api/assignments/${ids.get(registerId)}`;
      const detail = (
        await app.inject({ url, headers: author.headers })
      ).json() as AssignmentDetail;
      const history = (
        await app.inject({ url: `${url}/history`, headers: author.headers })
      ).json() as AssignmentHistory;
      return { detail, events: history.events };
    };
    const cancelled = await read(`TB${YEAR}-02`);
    expect(
      cancelled.events.map((e) => [e.kind, e.from, e.to, e.comment, e.sourceDocumentId]),
    ).toEqual([
      ['status', 'planned', 'cancelled', 'Arbeidet dekkes av et annet oppdrag.', supplementId],
    ]);
    expect(cancelled.events[0]!.actorName).toBeTruthy();
    const rescheduled = await read(`TB${YEAR}-01`);
    expect(rescheduled.detail.deadlines).toEqual([
      expect.objectContaining({
        date: `${YEAR}-12-01`,
        text: '1. desember',
        sourceDocumentId: supplementId,
      }),
    ]);
    expect(rescheduled.events.map((e) => [e.kind, e.detail?.from, e.detail?.to])).toEqual([
      ['deadline', '1. juni', '1. desember'],
    ]);
    expect(rescheduled.detail.clarifications.map((c) => c.documentId)).toEqual([supplementId]);
    const clarified = await read(`TB${YEAR}-03`);
    expect(clarified.detail.status).toBe('planned');
    expect(clarified.detail.clarifications.map((c) => c.body)).toEqual([
      'Evalueringen skal også omfatte klager.',
    ]);
    expect(clarified.events).toEqual([]);

    // Each line's kind in the ledger, from its note; the year's checks find nothing.
    const ledger = (
      await app.inject({
        url: `/api/ledger?agency=${agencyId}&year=${YEAR}`,
        headers: author.headers,
      })
    ).json() as { expenses: { post: number; entries: { kind: string }[] }[] };
    expect(ledger.expenses.map((p) => [p.post, p.entries.map((e) => e.kind)])).toEqual([
      [1, ['allocation', 'regrouping']],
      [21, ['allocation', 'revised-budget']],
    ]);
    const checks = (
      await app.inject({
        url: `/api/checks?agency=${agencyId}&year=${YEAR}`,
        headers: author.headers,
      })
    ).json() as Checks;
    expect(checks.findings).toEqual([]);
  });

  it('an imported supplement changes the register too; a new version of the letter keeps the moved deadline', async () => {
    const app = await testApp();
    const reader = await signIn(app, 'ministry-department-officer');
    const year = YEAR + 1;
    const letter = (text: string) =>
      buildDocument({
        year,
        ministry: SAMPLE_MINISTRY,
        agency: SAMPLE_AGENCY,
        title: `Tildelingsbrev til ${SAMPLE_AGENCY} for ${year}`,
        assignments: [
          buildAssignment({ id: `TB${year}-01`, assignedId: `TB${year}-01`, text }),
          buildAssignment({
            id: `TB${year}-02`,
            assignedId: `TB${year}-02`,
            text,
            deadlines: [due(`${year}-05-01`, '1. mai')],
            provenance: { startLine: 30, endLine: 32 },
          }),
        ],
      });
    await storeDocuments(app.database.db, [letter('Direktoratet skal utrede ordningen.')]);
    const change = (id: string, kind: 'cancellation' | 'deadline', line: number) =>
      buildAssignment({
        id,
        assignedId: id,
        title: kind === 'deadline' ? 'Ny frist' : 'Oppdraget utgår',
        text: 'Endret i tillegget.',
        deadlines: kind === 'deadline' ? [due(`${year}-11-01`, '1. november')] : [],
        clarifies: id,
        change: kind,
        provenance: { startLine: line, endLine: line + 1 },
      });
    const [supplement] = (
      await storeDocuments(app.database.db, [
        buildDocument({
          kind: 'supplement',
          number: 1,
          year,
          ministry: SAMPLE_MINISTRY,
          agency: SAMPLE_AGENCY,
          title: `Tillegg til tildelingsbrev nr. 1 for ${year}`,
          appropriations: [],
          assignments: [
            change(`TB${year}-01`, 'cancellation', 20),
            change(`TB${year}-02`, 'deadline', 30),
          ],
        }),
      ])
    ).documents;
    const state = async () =>
      (
        (
          await app.inject({
            url: `/api/assignments?year=${year}&limit=50`,
            headers: reader.headers,
          })
        ).json() as AssignmentList
      ).items
        .map((a) => [a.registerId, a.status, a.nextDeadline])
        .sort();
    expect(await state()).toEqual([
      [`TB${year}-01`, 'cancelled', expect.anything()],
      [`TB${year}-02`, 'planned', `${year}-11-01`],
    ]);
    // The letter read again (a new version): its own deadline is read afresh, and the
    // supplement's change set again; the cancellation is not made twice.
    await storeDocuments(app.database.db, [letter('Direktoratet skal utrede ordningen nærmere.')]);
    expect(await state()).toEqual([
      [`TB${year}-01`, 'cancelled', expect.anything()],
      [`TB${year}-02`, 'planned', `${year}-11-01`],
    ]);
    const moved = (
      await app.inject({
        url: `/api/assignments?year=${year}&limit=50`,
        headers: reader.headers,
      })
    ).json() as AssignmentList;
    const id = moved.items.find((a) => a.registerId === `TB${year}-02`)!.id;
    const detail = (
      await app.inject({ url: `/api/assignments/${id}`, headers: reader.headers })
    ).json() as AssignmentDetail;
    expect(detail.deadlines.map((d) => [d.date, d.sourceDocumentId])).toEqual([
      [`${year}-11-01`, supplement!.id],
    ]);
  });
});
