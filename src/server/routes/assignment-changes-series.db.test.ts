/**
 * Changes of earlier assignments across a year's supplements, through the real server and
 * database: the latest change in the series' order is what the register, the calendar and the
 * iCal feed show, whichever supplement was stored or approved last; a new version of a
 * supplement that no longer makes a change gives back what was before; a supplement of another
 * ministry to the same agency changes nothing of the first ministry's assignments, and a draft
 * of that ministry does not find them.
 */
import ICAL from 'ical.js';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AssignmentDetail, AssignmentList } from '../../contract/api';
import type { AssignmentHistory } from '../../contract/assignment-status';
import type { CalendarEntryOut } from '../../contract/calendar';
import type { Assignment, ExtractedDocument } from '../../contract/letter';
import { testDatabaseKind } from '../../db/testing';
import { deriveDraft } from '../../domain/draft';
import type { Actor } from '../../domain/policy';
import { changeStatus } from '../../services/assignment-status';
import { changeDocumentStatus } from '../../services/document-status';
import { createDraft, getDraft, shareDraft, updateDraft } from '../../services/drafts';
import { createFeed, renderFeed } from '../../services/ical';
import { storeImport } from '../../services/import';
import { SAMPLE_AGENCY, SAMPLE_MINISTRY } from '../../services/users';
import { testApp } from '../../testing/app';
import { signIn } from '../../testing/auth';
import { buildDraftContent } from '../../testing/builders';
import { buildAssignment, buildDocument, storeDocuments } from '../../testing/factories';
import type { App } from '../app';

/** Years no other test file uses (the database is shared per worker). */
const SERIES_YEAR = 2086;
const CANCEL_YEAR = 2087;
const MINISTRIES_YEAR = 2088;

const system: Actor = { kind: 'system', name: 'test' };

const due = (date: string, text: string) => ({
  date,
  text,
  appliesTo: null,
  value: { kind: 'exact' as const, date },
});

/** An assignment of a letter, with its own deadline. */
const own = (id: string, deadline: ReturnType<typeof due> | null, line: number) =>
  buildAssignment({
    id,
    assignedId: id,
    title: `Oppdrag ${id}`,
    deadlines: deadline ? [deadline] : [],
    provenance: { startLine: line, endLine: line + 1 },
  });

/** A supplement's change of an earlier assignment. */
const change = (
  id: string,
  kind: 'cancellation' | 'deadline',
  text: string,
  line: number,
  deadline?: ReturnType<typeof due>,
): Assignment =>
  buildAssignment({
    id,
    assignedId: id,
    title: kind === 'deadline' ? 'Ny frist' : 'Oppdraget utgår',
    text,
    deadlines: deadline ? [deadline] : [],
    clarifies: id,
    change: kind,
    provenance: { startLine: line, endLine: line + 1 },
  });

const letterOf = (
  year: number,
  assignments: Assignment[],
  extra: Partial<ExtractedDocument> = {},
) =>
  buildDocument({
    year,
    ministry: SAMPLE_MINISTRY,
    agency: SAMPLE_AGENCY,
    title: `Tildelingsbrev til ${SAMPLE_AGENCY} for ${year}`,
    date: `${year - 1}-12-15`,
    assignments,
    ...extra,
  });

const supplementOf = (
  year: number,
  number: number,
  assignments: Assignment[],
  extra: Partial<ExtractedDocument> = {},
) =>
  buildDocument({
    kind: 'supplement',
    number,
    year,
    ministry: SAMPLE_MINISTRY,
    agency: SAMPLE_AGENCY,
    title: `Tillegg til tildelingsbrev nr. ${number} for ${year}`,
    date: `${year}-0${number + 1}-10`,
    appropriations: [],
    assignments,
    ...extra,
  });

/** Stores the documents as imported for review (not issued until an officer approves it). */
async function storeForReview(app: App, docs: ExtractedDocument[]) {
  const lines = Array.from({ length: 60 }, (_, i) => `linje ${i + 1}`);
  const stored = await storeImport(
    app.database.db,
    system,
    {
      name: `gjennomgang-${randomUUID()}.txt`,
      bytes: new TextEncoder().encode(`${randomUUID()}\n${lines.join('\n')}`),
      format: 'txt',
      pages: 1,
      lines,
    },
    docs,
    { confirm: 'all', review: true },
  );
  if (stored.status !== 'stored') throw new Error(stored.status);
  return stored.documents;
}

async function registerOf(app: App, year: number, headers: Record<string, string>) {
  const res = await app.inject({ url: `/api/assignments?year=${year}&limit=50`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as AssignmentList).items;
}

async function detailOf(app: App, id: string, headers: Record<string, string>) {
  const detail = (
    await app.inject({ url: `/api/assignments/${id}`, headers })
  ).json() as AssignmentDetail;
  const history = (
    await app.inject({ url: `/api/assignments/${id}/history`, headers })
  ).json() as AssignmentHistory;
  return { detail, events: history.events };
}

describe(`changes of earlier assignments across a year's supplements (${testDatabaseKind})`, () => {
  it('shows the latest supplement’s deadline everywhere, whatever order they came in, and gives deadlines back', async () => {
    const app = await testApp();
    const reader = await signIn(app, 'ministry-department-officer');
    const year = SERIES_YEAR;
    const id = `TB${year}-01`;
    const [letter] = (
      await storeDocuments(app.database.db, [
        letterOf(year, [own(id, due(`${year}-06-01`, '1. juni'), 20)]),
      ])
    ).documents;
    const [first] = (
      await storeDocuments(app.database.db, [
        supplementOf(year, 1, [
          change(id, 'deadline', 'Fristen flyttes.', 20, due(`${year}-09-01`, '1. september')),
        ]),
      ])
    ).documents;
    const [second] = (
      await storeDocuments(app.database.db, [
        supplementOf(year, 2, [
          change(id, 'deadline', 'Fristen flyttes igjen.', 20, due(`${year}-12-01`, '1. desember')),
        ]),
      ])
    ).documents;
    const assignmentId = (await registerOf(app, year, reader.headers)).find(
      (a) => a.registerId === id,
    )!.id;
    const agencyId = (await detailOf(app, assignmentId, reader.headers)).detail.agencyId!;

    /** What the register, the detail, the calendar (for a period) and the iCal feed show. */
    const shown = async (from = `${year}-01-01`, to = `${year}-12-31`) => {
      const row = (await registerOf(app, year, reader.headers)).find((a) => a.id === assignmentId)!;
      const { detail } = await detailOf(app, assignmentId, reader.headers);
      const calendar = await app.inject({
        url: `/api/calendar?from=${from}&to=${to}&agency=${agencyId}`,
        headers: reader.headers,
      });
      expect(calendar.statusCode, calendar.body).toBe(200);
      const entries = (calendar.json() as { items: CalendarEntryOut[] }).items
        .filter((e) => e.assignment?.id === assignmentId)
        .map((e) => [e.due, e.document.id]);
      return {
        next: row.nextDeadline,
        deadlines: detail.deadlines.map((d) => [d.date, d.sourceDocumentId]),
        entries,
      };
    };
    const secondWins = {
      next: `${year}-12-01`,
      deadlines: [[`${year}-12-01`, second!.id]],
      entries: [[`${year}-12-01`, letter!.id]],
    };
    expect(await shown()).toEqual(secondWins);
    // Not the first supplement's deadline, in a period that holds it either.
    expect((await shown(`${year}-08-01`, `${year}-09-30`)).entries).toEqual([]);
    expect((await shown(`${year}-11-15`, `${year}-12-15`)).entries).toEqual([
      [`${year}-12-01`, letter!.id],
    ]);

    // The iCal feed: one event of the assignment, on the second supplement's date.
    const feed = await createFeed(app.database.db, system, {
      scope: 'agency',
      scopeId: agencyId,
      label: 'Fristene',
    });
    if (feed.kind !== 'created') throw new Error(feed.kind);
    const ics = (await renderFeed(
      app.database.db,
      feed.feed.token,
      new Date(`${year}-02-01T12:00:00Z`),
    ))!;
    const events = new ICAL.Component(ICAL.parse(ics))
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v))
      .filter((e) => e.summary.includes(id))
      .map((e) => e.startDate.toString());
    expect(events).toEqual([`${year}-12-01`]);

    // The first supplement read again (a new version): the second's deadline stays.
    const [firstAgain] = (
      await storeDocuments(app.database.db, [
        supplementOf(year, 1, [
          change(
            id,
            'deadline',
            'Fristen flyttes, se vedlegg.',
            20,
            due(`${year}-09-01`, '1. september'),
          ),
        ]),
      ])
    ).documents;
    expect(firstAgain!.outcome).toBe('new-version');
    expect(await shown()).toEqual(secondWins);

    // A new version of the second without its change: the first's deadline is the one.
    await storeDocuments(app.database.db, [supplementOf(year, 2, [own(`TB${year}-21`, null, 20)])]);
    expect(await shown()).toEqual({
      next: `${year}-09-01`,
      deadlines: [[`${year}-09-01`, firstAgain!.id]],
      entries: [[`${year}-09-01`, letter!.id]],
    });

    // And a new version of the first without it: the letter's own deadline is back.
    const [firstWithout] = (
      await storeDocuments(app.database.db, [
        supplementOf(year, 1, [own(`TB${year}-11`, null, 20)]),
      ])
    ).documents;
    expect(await shown()).toEqual({
      next: `${year}-06-01`,
      deadlines: [[`${year}-06-01`, null]],
      entries: [[`${year}-06-01`, letter!.id]],
    });
    const { events: history } = await detailOf(app, assignmentId, reader.headers);
    expect(history.map((e) => [e.kind, e.detail?.from, e.detail?.to, e.sourceDocumentId])).toEqual([
      ['deadline', '1. juni', '1. september', first!.id],
      ['deadline', '1. september', '1. desember', second!.id],
      ['deadline', '1. desember', '1. september', firstAgain!.id],
      ['deadline', '1. september', '1. juni', firstWithout!.id],
    ]);
  });

  it('approving an earlier supplement after a later one keeps the later deadline; a new version without a cancellation reopens', async () => {
    const app = await testApp();
    const officer = await signIn(app, 'ministry-department-officer');
    const year = CANCEL_YEAR;
    const [working, waiting, moved] = [`TB${year}-01`, `TB${year}-02`, `TB${year}-03`];
    await storeDocuments(app.database.db, [
      letterOf(year, [
        own(working, null, 20),
        own(waiting, null, 24),
        own(moved, due(`${year}-06-01`, '1. juni'), 28),
      ]),
    ]);
    const ids = new Map(
      (await registerOf(app, year, officer.headers)).map((a) => [a.registerId, a.id]),
    );
    const workingId = ids.get(working)!;
    const started = await changeStatus(app.database.db, system, workingId, {
      to: 'in-progress',
      expectedVersion: 1,
    });
    expect(started.kind).toBe('changed');
    const [second] = (
      await storeDocuments(app.database.db, [
        supplementOf(year, 2, [
          change(moved, 'deadline', 'Fristen flyttes.', 20, due(`${year}-12-01`, '1. desember')),
        ]),
      ])
    ).documents;

    // The first supplement, imported for review after the second was issued, then approved.
    const first = (withCancellations: boolean, text: string) =>
      supplementOf(year, 1, [
        ...(withCancellations
          ? [
              change(working, 'cancellation', 'Dekkes av et annet oppdrag.', 20),
              change(waiting, 'cancellation', 'Utgår.', 24),
            ]
          : []),
        change(moved, 'deadline', text, 28, due(`${year}-09-01`, '1. september')),
      ]);
    const [review] = await storeForReview(app, [first(true, 'Fristen flyttes.')]);
    expect(review!.status).toBe('draft');
    const doc = (
      await app.inject({ url: `/api/documents/${review!.id}`, headers: officer.headers })
    ).json() as { statusVersion?: number; version: number; openReviewItems: number };
    const approved = await app.inject({
      method: 'POST',
      url: `/api/documents/${review!.id}/status`,
      headers: { ...officer.headers, 'content-type': 'application/json' },
      payload: { to: 'published', expectedVersion: 1, acceptUncertain: doc.openReviewItems },
    });
    expect(approved.statusCode, approved.body).toBe(200);

    const state = async () =>
      (await registerOf(app, year, officer.headers))
        .map((a) => [a.registerId, a.status, a.nextDeadline])
        .sort();
    expect(await state()).toEqual([
      [working, 'cancelled', null],
      [waiting, 'cancelled', null],
      [moved, 'planned', `${year}-12-01`],
    ]);
    const movedDetail = await detailOf(app, ids.get(moved)!, officer.headers);
    expect(movedDetail.detail.deadlines.map((d) => d.sourceDocumentId)).toEqual([second!.id]);

    // The ministry reopens one by hand; then a new version of the first cancels neither.
    const waitingId = ids.get(waiting)!;
    const { detail: waitingNow } = await detailOf(app, waitingId, officer.headers);
    const reopened = await changeStatus(app.database.db, system, waitingId, {
      to: 'planned',
      comment: 'Oppdraget videreføres likevel.',
      expectedVersion: waitingNow.version,
    });
    expect(reopened.kind).toBe('changed');
    const [without] = (await storeDocuments(app.database.db, [first(false, 'Fristen flyttes.')]))
      .documents;
    expect(without!.outcome).toBe('new-version');
    expect(await state()).toEqual([
      [working, 'in-progress', null],
      [waiting, 'planned', null],
      [moved, 'planned', `${year}-12-01`],
    ]);
    const { events } = await detailOf(app, workingId, officer.headers);
    expect(events.map((e) => [e.from, e.to, e.sourceDocumentId])).toEqual([
      ['planned', 'in-progress', null],
      ['in-progress', 'cancelled', review!.id],
      ['cancelled', 'in-progress', without!.id],
    ]);
    // The one the ministry changed since is left, and the import says so.
    const warnings = (
      await app.inject({
        url: `/api/documents/${without!.id}/parts/warnings`,
        headers: officer.headers,
      })
    ).json() as { items: { code: string; params: Record<string, unknown> }[] };
    expect(warnings.items.filter((w) => w.code === 'cancellation-kept')).toEqual([
      { code: 'cancellation-kept', params: { id: waiting } },
    ]);

    // A later version that cancels again cancels the one it gave back (not the reopened one).
    await storeDocuments(app.database.db, [first(true, 'Fristen flyttes nå.')]);
    expect(await state()).toEqual([
      [working, 'cancelled', null],
      [waiting, 'planned', null],
      [moved, 'planned', `${year}-12-01`],
    ]);
  });

  it('a supplement of another ministry to the agency neither cancels nor moves its assignments', async () => {
    const app = await testApp();
    const year = MINISTRIES_YEAR;
    const agency = `Direktoratet for to departementer ${randomUUID().slice(0, 8)}`;
    const other = 'Departementet for grenseoppgaver';
    // The other ministry's letter comes first: the agency reports to it.
    await storeDocuments(app.database.db, [
      buildDocument({
        year,
        ministry: other,
        agency,
        title: `Tildelingsbrev til ${agency} for ${year}`,
        assignments: [own(`TB${year}-11`, null, 20)],
      }),
    ]);
    const [letter] = (
      await storeDocuments(app.database.db, [
        buildDocument({
          year,
          ministry: SAMPLE_MINISTRY,
          agency,
          title: `Tildelingsbrev til ${agency} for ${year}`,
          assignments: [
            own(`TB${year}-01`, null, 20),
            own(`TB${year}-02`, due(`${year}-05-01`, '1. mai'), 24),
          ],
        }),
      ])
    ).documents;
    const [supplement] = (
      await storeDocuments(app.database.db, [
        buildDocument({
          kind: 'supplement',
          number: 1,
          year,
          ministry: other,
          agency,
          title: `Tillegg til tildelingsbrev nr. 1 for ${year}`,
          appropriations: [],
          assignments: [
            change(`TB${year}-01`, 'cancellation', 'Utgår.', 20),
            change(
              `TB${year}-02`,
              'deadline',
              'Ny frist.',
              24,
              due(`${year}-11-01`, '1. november'),
            ),
          ],
        }),
      ])
    ).documents;
    const reader = await signIn(app, 'administrator');
    const mine = (await registerOf(app, year, reader.headers)).filter(
      (a) => a.documentId === letter!.id,
    );
    expect(mine.map((a) => [a.registerId, a.status, a.nextDeadline]).sort()).toEqual([
      [`TB${year}-01`, 'planned', null],
      [`TB${year}-02`, 'planned', `${year}-05-01`],
    ]);
    for (const a of mine) {
      const { detail, events } = await detailOf(app, a.id, reader.headers);
      // Not linked to them either: shown as changes of theirs, they would change them.
      expect(detail.clarifications).toEqual([]);
      expect(events).toEqual([]);
    }
    // The other ministry's changes are listed on their own, as changes of nothing in Tildel.
    const theirs = (await registerOf(app, year, reader.headers)).filter(
      (a) => a.documentId === supplement!.id,
    );
    expect(theirs.map((a) => a.registerId).sort()).toEqual([`TB${year}-01`, `TB${year}-02`]);

    // The other ministry's next supplement, still under review.
    await storeForReview(app, [
      buildDocument({
        kind: 'supplement',
        number: 2,
        year,
        ministry: other,
        agency,
        title: `Tillegg til tildelingsbrev nr. 2 for ${year}`,
        appropriations: [],
        assignments: [own(`TB${year}-12`, null, 20)],
      }),
    ]);

    // A draft of the other ministry finds its own assignments (also those under review), not
    // the first ministry's; the agency, reading it shared, learns nothing of those under review.
    const orgs = (
      await app.inject({ url: '/api/organisations', headers: reader.headers })
    ).json() as { items: { id: string; name: string }[] };
    const officer: Actor = {
      kind: 'user',
      id: randomUUID(),
      name: 'Ola Grense',
      organisationId: orgs.items.find((o) => o.name === other)!.id,
      roles: ['ministry-department-officer'],
    };
    const created = await createDraft(app.database.db, officer, {
      agencyId: orgs.items.find((o) => o.name === agency)!.id,
      year,
      kind: 'supplement',
      from: 'empty',
    });
    if (created.kind !== 'saved') throw new Error(created.kind);
    const content = buildDraftContent({
      subject: '',
      goals: [],
      calendar: [],
      assignments: [],
      appropriations: [],
      assignmentChanges: [`TB${year}-01`, `TB${year}-11`, `TB${year}-12`].map((ref) => ({
        key: randomUUID(),
        ref,
        kind: 'cancellation' as const,
        text: 'Utgår.',
        deadline: '',
      })),
    });
    const saved = await updateDraft(app.database.db, officer, created.draft.row.id, {
      expectedVersion: created.draft.row.version,
      content,
    });
    if (saved.kind !== 'saved') throw new Error(saved.kind);
    const problems = async (who: Actor) => {
      const draft = (await getDraft(app.database.db, who, created.draft.row.id))!;
      return deriveDraft(draft.row.kind, draft.row.year, draft.row.content, draft.register)
        .problems;
    };
    expect(await problems(officer)).toEqual([
      { code: 'assignment-change-unknown', item: `TB${year}-01` },
    ]);
    const shared = await shareDraft(
      app.database.db,
      officer,
      created.draft.row.id,
      saved.draft.row.version,
    );
    if (shared.kind !== 'saved') throw new Error(shared.kind);
    const coordinator: Actor = {
      kind: 'user',
      id: randomUUID(),
      name: 'Kari Etat',
      organisationId: created.draft.row.agencyId,
      roles: ['agency-coordinator'],
    };
    expect(await problems(coordinator)).toEqual([
      { code: 'assignment-change-unknown', item: `TB${year}-01` },
      { code: 'assignment-change-unknown', item: `TB${year}-12` },
    ]);
  });

  // PGlite is one connection: two transactions cannot interleave there; PostgreSQL shows it.
  it.runIf(testDatabaseKind === 'postgres')(
    'a new version imported while its review is being approved is stored as issued',
    async () => {
      const app = await testApp();
      const db = app.database.db;
      const signed = await signIn(app, 'ministry-department-officer');
      const officer: Actor = {
        kind: 'user',
        id: signed.user.id,
        name: signed.user.name,
        organisationId: signed.user.organisation!.id,
        roles: ['ministry-department-officer'],
      };
      const year = MINISTRIES_YEAR;
      const agency = `Direktoratet for samtidighet ${randomUUID().slice(0, 8)}`;
      const letter = (text: string) =>
        buildDocument({
          year,
          ministry: SAMPLE_MINISTRY,
          agency,
          title: `Tildelingsbrev til ${agency} for ${year}`,
          assignments: [buildAssignment({ id: `TB${year}-01`, assignedId: `TB${year}-01`, text })],
        });
      const [review] = await storeForReview(app, [letter('Direktoratet skal utrede.')]);
      const { openReviewItems } = (
        await app.inject({ url: `/api/documents/${review!.id}`, headers: signed.headers })
      ).json() as { openReviewItems: number };

      // The approval holds its transaction open while a new version is imported.
      let approved!: () => void;
      const inApproval = new Promise<void>((r) => (approved = r));
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const approving = db.transaction(async (tx) => {
        const out = await changeDocumentStatus(tx, officer, review!.id, {
          to: 'published',
          expectedVersion: 1,
          acceptUncertain: openReviewItems,
        });
        approved();
        await held;
        return out;
      });
      await inApproval;
      const importing = storeDocuments(db, [letter('Direktoratet skal utrede nærmere.')]);
      await new Promise((r) => setTimeout(r, 300));
      release();
      expect((await approving).kind).toBe('changed');
      // The import took its turn after the approval, and the new version is issued as its
      // letter now is (not under review, as it was when the import began).
      expect((await importing).documents[0]).toMatchObject({
        outcome: 'new-version',
        status: 'published',
      });
    },
  );
});
