/**
 * Governance meetings through the API against the real database (issue 15): made from the
 * calendar, the agenda derived from the record (an assignment off track, a risk above the
 * tolerance and a forecast below the appropriation in the latest submitted report, a late
 * report) with the ministry's points; the agency reads but changes nothing; holding keeps the
 * agenda; decisions become assignments of the supplement being written, linked both ways.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Draft } from '../../contract/draft';
import type { DecisionDraftResult, Meeting, MeetingList } from '../../contract/meeting';
import type { Report, ReportList } from '../../contract/report';
import { assignments, auditLog, documents, governanceMeetings, reports } from '../../db/schema';
import { testDatabaseKind } from '../../db/testing';
import { ensureMeetings } from '../../services/meetings';
import { SAMPLE_AGENCY, SAMPLE_MINISTRY } from '../../services/users';
import { testApp } from '../../testing/app';
import { signIn, type SignedIn } from '../../testing/auth';
import { buildAssignment, buildDocument, storeDocuments } from '../../testing/factories';
import type { App } from '../app';

const YEAR = 2053;
/** An agency-year whose letter is published and whose calendar's report is long past due. */
const PAST = 2007;

const at = (line: number) => ({ startLine: line, endLine: line });
const calendarItem = (date: string, text: string, kind: string) => ({
  date,
  text,
  kind,
  deadline: { date, text, appliesTo: null, value: { kind: 'exact' as const, date } },
  provenance: at(30),
});

describe(`governance meetings (${testDatabaseKind})`, () => {
  let app: App;
  let agencyId: string;
  let offTrackId: string;
  let reportId: string;
  let lateId: string;
  let meetingId: string;
  let coordinator: SignedIn;
  let officer: SignedIn;
  let reader: SignedIn;
  let otherAgency: SignedIn;

  const get = (url: string, who: SignedIn | null) =>
    app.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} });
  const send = (method: 'POST' | 'PUT' | 'DELETE', url: string, who: SignedIn, body?: unknown) =>
    app.inject({
      method,
      url,
      headers: who.headers,
      ...(body === undefined ? {} : { payload: body as object }),
    });
  const meeting = async (who: SignedIn = officer) => {
    const res = await get(`/api/meetings/${meetingId}`, who);
    expect(res.statusCode).toBe(200);
    return res.json<Meeting>();
  };

  beforeAll(async () => {
    app = await testApp();
    const db = app.database.db;
    const stored = await storeDocuments(db, [
      buildDocument({
        year: YEAR,
        ministry: SAMPLE_MINISTRY,
        agency: SAMPLE_AGENCY,
        title: `Tildelingsbrev til ${SAMPLE_AGENCY} for ${YEAR}`,
        assignments: [
          buildAssignment({ assignedId: `TB${YEAR}-01`, title: 'Bygge havdataportalen' }),
          buildAssignment({ assignedId: `TB${YEAR}-02`, title: 'Kartlegge tareskog' }),
        ],
        calendar: [
          calendarItem(`${YEAR}-04-01`, 'Status- og avviksrapport per 1. april', 'report'),
          calendarItem(`${YEAR}-05-15`, 'Etatsstyringsmøte', 'meeting'),
          calendarItem(`${YEAR}-10-15`, 'Etatsstyringsmøte', 'meeting'),
        ],
      }),
    ]);
    const documentId = stored.documents[0]!.id;
    const [doc] = await db
      .update(documents)
      .set({ status: 'shared' })
      .where(eq(documents.id, documentId))
      .returning();
    agencyId = doc!.agencyId!;
    const rows = await db
      .select()
      .from(assignments)
      .where(eq(assignments.documentId, documentId))
      .orderBy(assignments.registerId);
    offTrackId = rows[0]!.id;
    coordinator = await signIn(app, 'agency-coordinator');
    officer = await signIn(app, 'ministry-department-officer');
    reader = await signIn(app, 'ministry-reader');
    otherAgency = await signIn(app, 'user:koordinator-fjordlos');
    const progress = await send('PUT', `/api/assignments/${offTrackId}/progress`, coordinator, {
      expectedVersion: rows[0]!.version,
      progress: 'off-track',
      reason: 'Leverandøren er forsinket',
    });
    expect(progress.statusCode).toBe(200);

    // The agency reports: the off-track assignment's deviation, a forecast 10 000 under the
    // appropriation, and a risk scoring 16 after measures (the default tolerance is 12).
    const list = await get(`/api/reports?agency=${agencyId}&year=${YEAR}`, coordinator);
    reportId = list.json<ReportList>().reports[0]!.id;
    const fresh = (await get(`/api/reports/${reportId}`, coordinator)).json<Report>();
    const saved = await send('PUT', `/api/reports/${reportId}`, coordinator, {
      expectedVersion: fresh.version,
      content: {
        assignments: [
          {
            assignmentId: offTrackId,
            deviation: 'Portalen kommer tre måneder senere',
            cause: 'Leverandøren er forsinket',
            measures: 'Ny plan fra juni',
          },
        ],
        budget: [
          {
            chapter: 700,
            post: 1,
            accountsToDate: 50_000,
            forecast: 140_000,
            explanation: 'Færre ansatte enn planlagt',
          },
        ],
        risks: [
          {
            goal: 'Mål 1',
            description: 'Datasenteret svikter',
            likelihood: 5,
            consequence: 4,
            measures: 'Reservesenter',
            residualLikelihood: 4,
            residualConsequence: 4,
          },
          {
            goal: 'Mål 2',
            description: 'Liten risiko',
            likelihood: 2,
            consequence: 2,
            measures: '',
            residualLikelihood: 2,
            residualConsequence: 2,
          },
        ],
      },
    });
    expect(saved.statusCode).toBe(200);
    const submitted = await send('POST', `/api/reports/${reportId}/status`, coordinator, {
      to: 'submitted',
      expectedVersion: saved.json<Report>().version,
    });
    expect(submitted.statusCode).toBe(200);
    // A report the ministry asked for, due long ago and not submitted: late.
    const late = await send('POST', '/api/reports', officer, {
      agencyId,
      year: YEAR,
      title: 'Ekstra rapport om datadeling',
      dueDate: '2020-01-15',
    });
    expect(late.statusCode).toBe(201);
    lateId = late.json<Report>().id;
  });

  it('makes one meeting per meeting item of the calendar, once', async () => {
    const res = await get(`/api/meetings?agency=${agencyId}&year=${YEAR}`, officer);
    expect(res.statusCode).toBe(200);
    const list = res.json<MeetingList>();
    expect(list.meetings.map((m) => [m.title, m.date, m.status, m.source])).toEqual([
      ['Etatsstyringsmøte', `${YEAR}-05-15`, 'planned', 'calendar'],
      ['Etatsstyringsmøte', `${YEAR}-10-15`, 'planned', 'calendar'],
    ]);
    expect(list.canCreate).toBe(true);
    expect(list.meetings[0]!.abilities).toEqual({ update: true, hold: true, decide: false });
    expect(await ensureMeetings(app.database.db, agencyId, YEAR)).toBe(0);
    meetingId = list.meetings[0]!.id;

    const agency = (
      await get(`/api/meetings?agency=${agencyId}&year=${YEAR}`, coordinator)
    ).json<MeetingList>();
    expect(agency.meetings).toHaveLength(2);
    expect(agency.canCreate).toBe(false);
    expect(agency.meetings[0]!.abilities).toEqual({ update: false, hold: false, decide: false });
    const other = await get(`/api/meetings?agency=${agencyId}&year=${YEAR}`, otherAgency);
    expect(other.json<MeetingList>().meetings).toEqual([]);
    expect((await get('/api/meetings', null)).statusCode).toBe(403);
  });

  it('derives the agenda from the record, with the ministry’s own points last', async () => {
    const before = await meeting();
    expect(before.agenda.map((i) => [i.kind, i.text, i.figure, i.href])).toEqual([
      ['deviation', `TB${YEAR}-01 Bygge havdataportalen`, null, `/oppdrag/${offTrackId}`],
      ['risk', 'Mål 1: Datasenteret svikter', 16, `/rapporter/${reportId}`],
      ['budget', '700.01 Driftsutgifter', -10_000, `/rapporter/${reportId}`],
      ['late-report', 'Ekstra rapport om datadeling', null, `/rapporter/${lateId}`],
    ]);
    expect(before.agenda[0]).toMatchObject({
      progress: 'off-track',
      detail: 'Portalen kommer tre måneder senere',
    });
    expect(before.agenda[2]!.detail).toBe('Færre ansatte enn planlagt');

    const points = [{ text: 'Budsjettet for neste år' }, { text: 'Samarbeid med kommunene' }];
    const saved = await send('PUT', `/api/meetings/${meetingId}`, officer, {
      expectedVersion: before.version,
      ministryPoints: points,
    });
    expect(saved.statusCode).toBe(200);
    const after = saved.json<Meeting>();
    expect(after.version).toBe(before.version + 1);
    expect(after.ministryPoints).toEqual(points);
    expect(after.agenda.slice(-2).map((i) => [i.kind, i.text])).toEqual([
      ['ministry-point', 'Budsjettet for neste år'],
      ['ministry-point', 'Samarbeid med kommunene'],
    ]);
    // A change based on the version before is stale: nothing is saved.
    const stale = await send('PUT', `/api/meetings/${meetingId}`, officer, {
      expectedVersion: before.version,
      title: 'Endret tittel',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      error: 'stale-version',
      current: { version: after.version },
    });
    expect((await meeting()).title).toBe('Etatsstyringsmøte');
  });

  it('lets the agency and the ministry’s readers read it, and nobody else change it', async () => {
    const read = await meeting(coordinator);
    expect(read.abilities).toEqual({ update: false, hold: false, decide: false });
    expect((await meeting(reader)).abilities.update).toBe(false);
    const body = { expectedVersion: read.version, title: 'Agency title' };
    expect((await send('PUT', `/api/meetings/${meetingId}`, coordinator, body)).statusCode).toBe(
      403,
    );
    expect((await send('PUT', `/api/meetings/${meetingId}`, reader, body)).statusCode).toBe(403);
    expect(
      (
        await send('POST', `/api/meetings/${meetingId}/hold`, coordinator, {
          expectedVersion: read.version,
        })
      ).statusCode,
    ).toBe(403);
    expect((await get(`/api/meetings/${meetingId}`, otherAgency)).statusCode).toBe(404);
    expect((await get(`/api/meetings/${meetingId}`, null)).statusCode).toBe(403);
    expect((await meeting()).version).toBe(read.version);
  });

  it('takes minutes and decisions only once the meeting is held', async () => {
    const m = await meeting();
    const minutes = await send('PUT', `/api/meetings/${meetingId}`, officer, {
      expectedVersion: m.version,
      minutes: 'For tidlig',
    });
    expect(minutes.statusCode).toBe(422);
    expect(minutes.json()).toMatchObject({ error: 'meeting-not-held' });
    const decision = await send('POST', `/api/meetings/${meetingId}/decisions`, officer, {
      expectedVersion: m.version,
      text: 'For tidlig',
      responsible: 'agency',
    });
    expect(decision.statusCode).toBe(422);
    expect(decision.json()).toMatchObject({ error: 'meeting-not-held' });
  });

  it('keeps the agenda as it stood when the meeting was held', async () => {
    const m = await meeting();
    const held = await send('POST', `/api/meetings/${meetingId}/hold`, officer, {
      expectedVersion: m.version,
    });
    expect(held.statusCode).toBe(200);
    const h = held.json<Meeting>();
    expect(h).toMatchObject({ status: 'held', heldAt: expect.any(String) });
    expect(h.abilities).toEqual({ update: true, hold: false, decide: true });
    expect(h.agenda).toEqual(m.agenda);

    // The record moves on: the assignment is back on track. The held agenda does not move.
    const [a] = await app.database.db
      .select({ version: assignments.version })
      .from(assignments)
      .where(eq(assignments.id, offTrackId));
    const back = await send('PUT', `/api/assignments/${offTrackId}/progress`, coordinator, {
      expectedVersion: a!.version,
      progress: 'on-track',
    });
    expect(back.statusCode).toBe(200);
    expect((await meeting()).agenda).toEqual(m.agenda);
    // The other meeting, still planned, follows the record.
    const list = (
      await get(`/api/meetings?agency=${agencyId}&year=${YEAR}`, officer)
    ).json<MeetingList>();
    const planned = (await get(`/api/meetings/${list.meetings[1]!.id}`, officer)).json<Meeting>();
    expect(planned.agenda.some((i) => i.kind === 'deviation')).toBe(false);

    const points = await send('PUT', `/api/meetings/${meetingId}`, officer, {
      expectedVersion: h.version,
      ministryPoints: [{ text: 'Etterpå' }],
    });
    expect(points.statusCode).toBe(422);
    expect(points.json()).toMatchObject({ error: 'meeting-held' });
    const again = await send('POST', `/api/meetings/${meetingId}/hold`, officer, {
      expectedVersion: h.version,
    });
    expect(again.json()).toMatchObject({ error: 'meeting-held' });
    const minutes = await send('PUT', `/api/meetings/${meetingId}`, officer, {
      expectedVersion: h.version,
      minutes: 'Departementet orienterte om budsjettet.',
    });
    expect(minutes.statusCode).toBe(200);
    expect(minutes.json<Meeting>().minutes).toBe('Departementet orienterte om budsjettet.');
    const hold = await app.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, meetingId), eq(auditLog.action, 'meeting.hold')));
    expect(hold).toHaveLength(1);
  });

  it('makes a decision an assignment of the supplement being written, linked both ways, once', async () => {
    const added = await send('POST', `/api/meetings/${meetingId}/decisions`, officer, {
      expectedVersion: (await meeting()).version,
      text: 'Direktoratet lager en plan for deling av data med kommunene. Planen skal omfatte alle fylker.',
      responsible: 'agency',
      deadline: '1. mars',
    });
    expect(added.statusCode).toBe(201);
    const first = added.json<Meeting>().decisions[0]!;
    // Decided in May: 1 March is next year's.
    expect(first).toMatchObject({ ord: 1, deadlineDate: `${YEAR + 1}-03-01`, draft: null });
    const withSecond = (
      await send('POST', `/api/meetings/${meetingId}/decisions`, officer, {
        expectedVersion: added.json<Meeting>().version,
        text: 'Departementet avklarer finansieringen',
        responsible: 'ministry',
      })
    ).json<Meeting>();
    const second = withSecond.decisions[1]!;

    const made = await send(
      'POST',
      `/api/meetings/${meetingId}/decisions/${first.id}/draft-assignment`,
      officer,
      { expectedVersion: withSecond.version },
    );
    expect(made.statusCode).toBe(200);
    const result = made.json<DecisionDraftResult>();
    expect(result.startedDraft).toBe(true);
    expect(result.meeting.decisions[0]!.draft).toEqual({
      draftId: result.draftId,
      assignmentKey: result.assignmentKey,
      readable: true,
    });
    const draft = (await get(`/api/drafts/${result.draftId}`, officer)).json<Draft>();
    expect(draft).toMatchObject({ kind: 'supplement', year: YEAR, status: 'editing' });
    expect(draft.content.assignments).toEqual([
      expect.objectContaining({
        key: result.assignmentKey,
        title: 'Direktoratet lager en plan for deling av data med kommunene',
        deadline: `1. mars ${YEAR + 1}`,
        ownerDepartment: null,
        decisionId: first.id,
      }),
    ]);
    // The draft assignment links back: the meeting of the decision.
    const back = await get(`/api/meetings?decision=${first.id}`, officer);
    expect(back.json<MeetingList>().meetings.map((m) => m.id)).toEqual([meetingId]);

    // Once only.
    const linked = result.meeting.version;
    const again = await send(
      'POST',
      `/api/meetings/${meetingId}/decisions/${first.id}/draft-assignment`,
      officer,
      { expectedVersion: linked },
    );
    expect(again.statusCode).toBe(422);
    expect(again.json()).toMatchObject({ error: 'decision-linked' });
    const remove = await send(
      'DELETE',
      `/api/meetings/${meetingId}/decisions/${first.id}?expectedVersion=${linked}`,
      officer,
    );
    expect(remove.statusCode).toBe(422);
    expect(remove.json()).toMatchObject({ error: 'decision-linked' });

    // The next decision goes to the same supplement, still being written.
    const next = await send(
      'POST',
      `/api/meetings/${meetingId}/decisions/${second.id}/draft-assignment`,
      officer,
      { expectedVersion: linked },
    );
    expect(next.json<DecisionDraftResult>()).toMatchObject({
      draftId: result.draftId,
      startedDraft: false,
    });
    const both = (await get(`/api/drafts/${result.draftId}`, officer)).json<Draft>();
    expect(both.content.assignments.map((a) => a.decisionId)).toEqual([first.id, second.id]);
    // The agency reads the decision, not the draft (not shared with it).
    const agencyView = await meeting(coordinator);
    expect(agencyView.decisions[0]!.draft).toMatchObject({ readable: false });
    expect(
      (
        await send(
          'POST',
          `/api/meetings/${meetingId}/decisions/${second.id}/draft-assignment`,
          coordinator,
          { expectedVersion: agencyView.version },
        )
      ).statusCode,
    ).toBe(403);
  });

  it('edits and removes decisions that are not linked, audited', async () => {
    const m = await send('POST', `/api/meetings/${meetingId}/decisions`, officer, {
      expectedVersion: (await meeting()).version,
      text: 'Skrivefeil',
      responsible: 'agency',
    });
    const d = m.json<Meeting>().decisions.at(-1)!;
    const edited = await send('PUT', `/api/meetings/${meetingId}/decisions/${d.id}`, officer, {
      expectedVersion: m.json<Meeting>().version,
      text: 'Direktoratet orienterer om status i neste møte',
      responsible: 'agency',
      deadline: '15. oktober',
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json<Meeting>().decisions.at(-1)).toMatchObject({
      text: 'Direktoratet orienterer om status i neste møte',
      deadlineDate: `${YEAR}-10-15`,
    });
    const removed = await send(
      'DELETE',
      `/api/meetings/${meetingId}/decisions/${d.id}?expectedVersion=${edited.json<Meeting>().version}`,
      officer,
    );
    expect(removed.statusCode).toBe(200);
    expect(removed.json<Meeting>().decisions.map((x) => x.id)).not.toContain(d.id);
    const trail = await app.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.objectId, meetingId));
    expect(trail.map((t) => t.action)).toEqual(
      expect.arrayContaining([
        'meeting.update',
        'meeting.hold',
        'meeting.decision.add',
        'meeting.decision.draft',
        'meeting.decision.update',
        'meeting.decision.remove',
      ]),
    );
  });

  it('bases every change of the decisions on the version seen, and counts each one', async () => {
    const m = await meeting();
    const add = (expectedVersion: number, text: string) =>
      send('POST', `/api/meetings/${meetingId}/decisions`, officer, {
        expectedVersion,
        text,
        responsible: 'agency',
      });
    // Two officers read the same version; the first adds a decision.
    const first = await add(m.version, 'Direktoratet sender en plan for arkivet');
    expect(first.statusCode).toBe(201);
    const after = first.json<Meeting>();
    expect(after.version).toBe(m.version + 1);
    const d = after.decisions.at(-1)!;
    const path = `/api/meetings/${meetingId}/decisions/${d.id}`;
    // The second, based on the version before, saves nothing: no decision, change or removal.
    const second = await add(m.version, 'Direktoratet sender en annen plan');
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({
      error: 'stale-version',
      current: { version: after.version, status: 'held' },
    });
    const edit = await send('PUT', path, officer, {
      expectedVersion: m.version,
      text: 'Overskrevet',
      responsible: 'ministry',
    });
    expect(edit.statusCode).toBe(409);
    const remove = await send('DELETE', `${path}?expectedVersion=${m.version}`, officer);
    expect(remove.statusCode).toBe(409);
    const toDraft = await send('POST', `${path}/draft-assignment`, officer, {
      expectedVersion: m.version,
    });
    expect(toDraft.statusCode).toBe(409);
    expect((await send('DELETE', path, officer)).statusCode).toBe(400);
    const now = await meeting();
    expect(now.version).toBe(after.version);
    expect(now.decisions).toEqual(after.decisions);

    // Changing and removing count as changes of the meeting too.
    const edited = await send('PUT', path, officer, {
      expectedVersion: after.version,
      text: 'Direktoratet sender en plan for arkivet innen sommeren',
      responsible: 'agency',
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json<Meeting>().version).toBe(after.version + 1);
    // The minutes, based on the version before that change, are stale.
    const minutes = await send('PUT', `/api/meetings/${meetingId}`, officer, {
      expectedVersion: after.version,
      minutes: 'Eldre referat',
    });
    expect(minutes.statusCode).toBe(409);
    const removed = await send('DELETE', `${path}?expectedVersion=${after.version + 1}`, officer);
    expect(removed.statusCode).toBe(200);
    expect(removed.json<Meeting>().version).toBe(after.version + 2);
    const trail = await app.database.db
      .select({ action: auditLog.action, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(eq(auditLog.objectId, meetingId))
      .orderBy(auditLog.seq);
    expect(
      trail
        .filter((e) => (e.after as { decision?: string } | null)?.decision === d.id)
        .map((e) => [e.action, (e.before as { version: number }).version]),
    ).toEqual([
      ['meeting.decision.add', m.version],
      ['meeting.decision.update', after.version],
    ]);
  });

  it('clears a link whose assignment was removed from the draft: the decision can go, or be made one again', async () => {
    const m = await meeting();
    const [first, second] = m.decisions.filter((d) => d.draft !== null);
    const draftId = first!.draft!.draftId;
    expect(second!.draft!.draftId).toBe(draftId);
    // The officers take both assignments out of the supplement (drafts know nothing of meetings).
    const draft = (await get(`/api/drafts/${draftId}`, officer)).json<Draft>();
    const cut = await send('PUT', `/api/drafts/${draftId}`, officer, {
      expectedVersion: draft.version,
      content: { ...draft.content, assignments: [] },
    });
    expect(cut.statusCode, cut.body).toBe(200);

    const removed = await send(
      'DELETE',
      `/api/meetings/${meetingId}/decisions/${first!.id}?expectedVersion=${m.version}`,
      officer,
    );
    expect(removed.statusCode, removed.body).toBe(200);
    const afterRemove = removed.json<Meeting>();
    expect(afterRemove.decisions.map((d) => d.id)).not.toContain(first!.id);
    expect(afterRemove.version).toBe(m.version + 1);

    const again = await send(
      'POST',
      `/api/meetings/${meetingId}/decisions/${second!.id}/draft-assignment`,
      officer,
      { expectedVersion: afterRemove.version },
    );
    expect(again.statusCode, again.body).toBe(200);
    const result = again.json<DecisionDraftResult>();
    expect(result).toMatchObject({ draftId, startedDraft: false });
    expect(result.assignmentKey).not.toBe(second!.draft!.assignmentKey);
    const back = (await get(`/api/drafts/${draftId}`, officer)).json<Draft>();
    expect(back.content.assignments.map((a) => [a.key, a.decisionId])).toEqual([
      [result.assignmentKey, second!.id],
    ]);
    // Linked again, for good: removing it is refused.
    const refused = await send(
      'DELETE',
      `/api/meetings/${meetingId}/decisions/${second!.id}?expectedVersion=${result.meeting.version}`,
      officer,
    );
    expect(refused.json()).toMatchObject({ error: 'decision-linked' });
    const unlinked = await app.database.db
      .select({ before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.objectId, meetingId), eq(auditLog.action, 'meeting.decision.unlink')))
      .orderBy(auditLog.seq);
    expect(unlinked.map((e) => e.before)).toEqual([
      { decision: first!.id, draftId, assignmentKey: first!.draft!.assignmentKey },
      { decision: second!.id, draftId, assignmentKey: second!.draft!.assignmentKey },
    ]);
  });

  it('lets the ministry plan a meeting of its own', async () => {
    const res = await send('POST', '/api/meetings', officer, {
      agencyId,
      year: YEAR,
      title: 'Ekstra møte om datadeling',
      date: `${YEAR}-08-20`,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<Meeting>()).toMatchObject({ source: 'ad-hoc', status: 'planned' });
    const refused = await send('POST', '/api/meetings', coordinator, {
      agencyId,
      year: YEAR,
      title: 'Fra etaten',
      date: `${YEAR}-08-21`,
    });
    expect(refused.statusCode).toBe(403);
  });

  it('makes nothing for those who may not read the agency-year’s meetings; reading one writes nothing', async () => {
    const db = app.database.db;
    const stored = await storeDocuments(db, [
      buildDocument({
        year: PAST,
        ministry: SAMPLE_MINISTRY,
        agency: SAMPLE_AGENCY,
        title: `Tildelingsbrev til ${SAMPLE_AGENCY} for ${PAST}`,
        assignments: [buildAssignment({ assignedId: `TB${PAST}-01`, title: 'Rydde i arkivet' })],
        calendar: [
          calendarItem(`${PAST}-04-01`, 'Status- og avviksrapport per 1. april', 'report'),
          calendarItem(`${PAST}-06-10`, 'Etatsstyringsmøte', 'meeting'),
        ],
      }),
    ]);
    await db
      .update(documents)
      .set({ status: 'published' })
      .where(eq(documents.id, stored.documents[0]!.id));
    const meetingsOfYear = () =>
      db
        .select()
        .from(governanceMeetings)
        .where(and(eq(governanceMeetings.agencyId, agencyId), eq(governanceMeetings.year, PAST)));
    const reportsOfYear = () =>
      db
        .select({ id: reports.id })
        .from(reports)
        .where(and(eq(reports.agencyId, agencyId), eq(reports.year, PAST)));

    // Another agency's coordinator reads the published letter, not the agency's meetings:
    // asking about them makes none (nor the calendar's reports).
    const other = await get(`/api/meetings?agency=${agencyId}&year=${PAST}`, otherAgency);
    expect(other.statusCode).toBe(200);
    expect(other.json<MeetingList>()).toEqual({ meetings: [], canCreate: false, nextCursor: null });
    expect(await meetingsOfYear()).toEqual([]);
    expect(await reportsOfYear()).toEqual([]);

    // Made (as when those who follow the agency list them), a planned meeting is read without
    // a write: its agenda is of the reports there are.
    expect(await ensureMeetings(db, agencyId, PAST)).toBe(1);
    const [planned] = await meetingsOfYear();
    const trail = () => db.select({ seq: auditLog.seq }).from(auditLog);
    const entries = (await trail()).length;
    const read = await get(`/api/meetings/${planned!.id}`, officer);
    expect(read.statusCode).toBe(200);
    expect(read.json<Meeting>().agenda.map((i) => i.kind)).not.toContain('late-report');
    expect(await reportsOfYear()).toEqual([]);
    expect((await trail()).length).toBe(entries);

    // Holding it keeps the agenda with every report the calendar asks for: the late one too.
    const held = await send('POST', `/api/meetings/${planned!.id}/hold`, officer, {
      expectedVersion: planned!.version,
    });
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json<Meeting>().agenda).toContainEqual(
      expect.objectContaining({ kind: 'late-report', date: `${PAST}-04-01` }),
    );
    expect(await reportsOfYear()).toHaveLength(1);
  });
});
