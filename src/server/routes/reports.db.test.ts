/**
 * Reports through the API against the real database (issue 15): made from the calendar, filled
 * by the agency (an assignment off track, a risk, a forecast below the appropriation), refused
 * accounts, submitted and locked, returned, revised as a new version, accepted; who sees what;
 * the late flag by the date in Europe/Oslo.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report, ReportContent, ReportList, ReportVersionList } from '../../contract/report';
import { assignments, auditLog, documents } from '../../db/schema';
import { testDatabaseKind } from '../../db/testing';
import { canonicalJson } from '../../domain/canonical-json';
import { OSLO, osloToday } from '../../services/calendar';
import { ensureReports } from '../../services/reports';
import { SAMPLE_AGENCY, SAMPLE_MINISTRY } from '../../services/users';
import { testApp } from '../../testing/app';
import { signIn, type SignedIn } from '../../testing/auth';
import { buildAssignment, buildDocument, storeDocuments } from '../../testing/factories';
import { multipart, MULTIPART_TYPE } from '../../testing/multipart';
import type { App } from '../app';
import type { NotificationList } from '../../contract/follow-up';

const YEAR = 2052;
const at = (line: number) => ({ startLine: line, endLine: line });
const calendarItem = (date: string, text: string, kind: string) => ({
  date,
  text,
  kind,
  deadline: { date, text, appliesTo: null, value: { kind: 'exact' as const, date } },
  provenance: at(30),
});

describe(`reports (${testDatabaseKind})`, () => {
  let app: App;
  let agencyId: string;
  let offTrackId: string;
  let onTrackId: string;
  let steeringId: string;
  let coordinator: SignedIn;
  let owner: SignedIn;
  let officer: SignedIn;
  let reader: SignedIn;
  let otherAgency: SignedIn;

  const get = (url: string, who: SignedIn | null) =>
    app.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} });
  const send = (method: 'POST' | 'PUT', url: string, who: SignedIn, body: unknown) =>
    app.inject({ method, url, headers: who.headers, payload: body as object });
  const upload = (id: string, who: SignedIn, csv: string, expectedVersion: number) =>
    app.inject({
      method: 'POST',
      url: `/api/reports/${id}/accounts`,
      headers: { ...who.headers, 'content-type': MULTIPART_TYPE },
      payload: multipart([{ name: 'regnskap.csv', bytes: new TextEncoder().encode(csv) }], {
        expectedVersion: String(expectedVersion),
      }),
    });
  const report = async (id: string, who: SignedIn = coordinator) => {
    const res = await get(`/api/reports/${id}`, who);
    expect(res.statusCode).toBe(200);
    return res.json<Report>();
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
        steeringParameters: [
          {
            text: 'Andel datasett som er åpent tilgjengelige',
            goal: 'Mål 1',
            kind: 'styringsparameter',
            provenance: at(25),
          },
        ],
        calendar: [
          calendarItem(`${YEAR}-04-01`, 'Status- og avviksrapport per 1. april', 'report'),
          calendarItem(`${YEAR}-05-15`, 'Etatsstyringsmøte', 'meeting'),
          calendarItem(`${YEAR}-09-01`, 'Status- og avviksrapport per 1. september', 'report'),
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
    onTrackId = rows[1]!.id;
    coordinator = await signIn(app, 'agency-coordinator');
    owner = await signIn(app, 'agency-assignment-owner');
    officer = await signIn(app, 'ministry-department-officer');
    reader = await signIn(app, 'ministry-reader');
    otherAgency = await signIn(app, 'user:koordinator-fjordlos');
    // The owner judges the first assignment off track (through the follow-up API).
    const progress = await send('PUT', `/api/assignments/${offTrackId}/progress`, coordinator, {
      expectedVersion: rows[0]!.version,
      progress: 'off-track',
      reason: 'Leverandøren er forsinket',
    });
    expect(progress.statusCode).toBe(200);
  });

  async function calendarReports(who: SignedIn) {
    const res = await get(`/api/reports?agency=${agencyId}&year=${YEAR}`, who);
    expect(res.statusCode).toBe(200);
    return res.json<ReportList>().reports.filter((r) => r.source === 'calendar');
  }

  it('makes one report per reporting item of the calendar, once', async () => {
    const list = await calendarReports(coordinator);
    expect(list.map((r) => [r.title, r.dueDate, r.status])).toEqual([
      ['Status- og avviksrapport per 1. april', `${YEAR}-04-01`, 'draft'],
      ['Status- og avviksrapport per 1. september', `${YEAR}-09-01`, 'draft'],
    ]);
    expect(list.every((r) => r.calendarItemId !== null)).toBe(true);
    expect(await ensureReports(app.database.db, agencyId, YEAR)).toBe(0);
    expect(await calendarReports(coordinator)).toHaveLength(2);
    const first = list[0]!;
    expect(first.abilities).toEqual({
      update: true,
      submit: true,
      review: false,
      readVersions: true,
      sign: false,
    });
    expect([first.kind, first.periodYear, first.signatures]).toEqual(['status', YEAR, []]);
    expect(first.allowedTransitions).toEqual(['submitted']);
  });

  it("lets an assignment owner fill in their own assignments' entries, and only those", async () => {
    const [, second] = await calendarReports(coordinator);
    const id = second!.id;
    // The coordinator gives the off-track assignment to the owner.
    const current = await get(`/api/assignments/${offTrackId}`, coordinator);
    const given = await send('PUT', `/api/assignments/${offTrackId}/owner-person`, coordinator, {
      expectedVersion: current.json<{ version: number }>().version,
      userId: owner.user.id,
    });
    expect(given.statusCode).toBe(200);
    const fresh = await report(id, owner);
    const entry = (assignmentId: string, deviation: string) => ({
      assignmentId,
      deviation,
      cause: 'Leverandøren leverte ikke',
      measures: 'Ny leverandør fra oktober',
    });
    const mine = await send('PUT', `/api/reports/${id}`, owner, {
      content: { ...fresh.content, assignments: [entry(offTrackId, 'Tre måneder forsinket')] },
      expectedVersion: fresh.version,
    });
    expect(mine.statusCode).toBe(200);
    const v = mine.json<Report>().version;
    const theirs = await send('PUT', `/api/reports/${id}`, owner, {
      content: {
        ...fresh.content,
        assignments: [
          entry(offTrackId, 'Tre måneder forsinket'),
          entry(onTrackId, 'Skrevet av en annen'),
        ],
      },
      expectedVersion: v,
    });
    expect(theirs.statusCode).toBe(422);
    expect(theirs.json()).toMatchObject({ error: 'report-not-yours' });
    expect((await report(id, coordinator)).version).toBe(v);
  });

  it('shows reports to the agency and its ministry only; the public reads no status report', async () => {
    const [first] = await calendarReports(coordinator);
    expect((await get(`/api/reports/${first!.id}`, reader)).statusCode).toBe(200);
    expect((await report(first!.id, reader)).abilities.update).toBe(false);
    expect((await get(`/api/reports/${first!.id}`, otherAgency)).statusCode).toBe(404);
    const others = await get(`/api/reports?agency=${agencyId}&year=${YEAR}`, otherAgency);
    expect(others.json<ReportList>().reports).toEqual([]);
    // The public lists and reads published annual reports only: a status report is not found.
    expect((await get(`/api/reports/${first!.id}`, null)).statusCode).toBe(404);
    const listed = await get(`/api/reports?agency=${agencyId}&year=${YEAR}`, null);
    expect(listed.json<ReportList>().reports).toEqual([]);
    expect((await get(`/api/reports/${first!.id}/versions`, otherAgency)).statusCode).toBe(404);
  });

  it('is filled, refused while incomplete, submitted and locked, returned, revised and accepted', async () => {
    const [first] = await calendarReports(coordinator);
    const id = first!.id;
    const fresh = await report(id);
    // From the record: the open assignments with their live progress, the appropriation.
    expect(
      fresh.derived.assignments.map((a) => [a.assignmentId, a.progress, a.deviationRequired]),
    ).toEqual([
      [offTrackId, 'off-track', true],
      [onTrackId, null, false],
    ]);
    expect(fresh.derived.budget).toEqual([
      expect.objectContaining({ chapter: 700, post: 1, appropriation: 150_000, deviation: null }),
    ]);
    steeringId = fresh.derived.steeringParameters[0]!.steeringParameterId;
    expect(fresh.derived.problems.map((p) => p.problem)).toEqual([
      'deviation-required',
      'forecast-required',
    ]);

    // A draft may be saved incomplete; submitting it is refused, naming what is missing.
    const incomplete: Partial<ReportContent> = {
      budget: [{ chapter: 700, post: 1, accountsToDate: null, forecast: 140_000, explanation: '' }],
    };
    // An assignment owner fills in their own assignments only: the budget is the coordinator's.
    const notYours = await send('PUT', `/api/reports/${id}`, owner, {
      content: incomplete,
      expectedVersion: fresh.version,
    });
    expect(notYours.statusCode).toBe(422);
    expect(notYours.json()).toMatchObject({
      error: 'report-not-yours',
      message: expect.stringContaining('budget'),
    });
    const saved = await send('PUT', `/api/reports/${id}`, coordinator, {
      content: incomplete,
      expectedVersion: fresh.version,
    });
    expect(saved.statusCode).toBe(200);
    let v = saved.json<Report>().version;
    expect(saved.json<Report>().derived.budget[0]).toMatchObject({
      deviation: -10_000,
      explanationRequired: true,
    });
    const early = await send('POST', `/api/reports/${id}/status`, coordinator, {
      to: 'submitted',
      expectedVersion: v,
    });
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({
      error: 'report-incomplete',
      problems: [
        { problem: 'deviation-required', item: offTrackId },
        { problem: 'explanation-required', item: '700:1' },
      ],
    });

    // Accounts: a file with a wrong chapter is refused by its row number; nothing is stored.
    const wrong = await upload(
      id,
      coordinator,
      'Kapittel;Post;Beløp\n700;01;61 000\n799;01;5\n',
      v,
    );
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({
      error: 'accounts-refused',
      rows: [{ row: 3, error: 'unknown-post', column: 'chapter', value: '799' }],
    });
    expect(wrong.json<{ message: string }>().message).toContain('Row 3');
    const untouched = await report(id);
    expect(untouched.version).toBe(v);
    expect(untouched.derived.budget[0]!.accountsToDate).toBeNull();
    const right = await upload(id, coordinator, 'Kapittel;Post;Beløp\n700;01;61 000\n', v);
    expect(right.statusCode).toBe(200);
    expect(right.json<Report>().derived.budget[0]).toMatchObject({
      accountsToDate: 61_000,
      forecast: 140_000,
    });
    v = right.json<Report>().version;

    // A change based on an old version is refused.
    const stale = await send('PUT', `/api/reports/${id}`, coordinator, {
      content: incomplete,
      expectedVersion: v - 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: 'stale-version', current: { version: v } });

    const complete: ReportContent = {
      assignments: [
        {
          assignmentId: offTrackId,
          deviation: 'Portalen åpner ikke før 2053',
          cause: 'Leverandøren er forsinket',
          measures: 'Ny leveranseplan og ukentlig oppfølging',
        },
      ],
      budget: [
        {
          chapter: 700,
          post: 1,
          accountsToDate: 61_000,
          forecast: 140_000,
          explanation: 'Forsinket portal gir lavere forbruk',
        },
      ],
      risks: [
        {
          goal: 'Mål 1',
          description: 'Data blir ikke tilgjengelige i tide',
          likelihood: 4,
          consequence: 5,
          measures: 'Midlertidig nedlasting',
          residualLikelihood: 2,
          residualConsequence: 4,
        },
      ],
      steeringParameters: [
        { steeringParameterId: steeringId, value: 42, unit: 'prosent', comment: '' },
      ],
    };
    const filled = await send('PUT', `/api/reports/${id}`, coordinator, {
      content: complete,
      expectedVersion: v,
    });
    expect(filled.statusCode).toBe(200);
    const body = filled.json<Report>();
    expect(body.derived.problems).toEqual([]);
    expect(body.derived.risks[0]).toMatchObject({ score: 20, residualScore: 8 });
    expect(body.derived.steeringParameters[0]).toMatchObject({ value: 42, unit: 'prosent' });
    v = body.version;

    // Only the coordinator submits; the owner may not attempt it.
    const byOwner = await send('POST', `/api/reports/${id}/status`, owner, {
      to: 'submitted',
      expectedVersion: v,
    });
    expect(byOwner.statusCode).toBe(403);
    const submitted = await send('POST', `/api/reports/${id}/status`, coordinator, {
      to: 'submitted',
      expectedVersion: v,
      comment: 'Første rapport',
    });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({
      report: { id, status: 'submitted', allowedTransitions: [] },
      event: { from: 'draft', to: 'submitted', actorName: coordinator.user.name },
    });
    v = submitted.json<{ report: { version: number } }>().report.version;
    const hash1 = createHash('sha256').update(canonicalJson(complete)).digest('hex');
    expect((await report(id)).submittedHash).toBe(hash1);
    const [entry] = await app.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.objectId, id),
          eq(auditLog.action, 'report.status'),
          eq(auditLog.objectType, 'report'),
        ),
      );
    expect(entry!.after).toMatchObject({ status: 'submitted', sha256: hash1 });

    // Locked: no change, no accounts, no second submission.
    const locked = await send('PUT', `/api/reports/${id}`, coordinator, {
      content: { ...complete, risks: [] },
      expectedVersion: v,
    });
    expect(locked.statusCode).toBe(422);
    expect(locked.json()).toMatchObject({
      error: 'report-locked',
      current: { status: 'submitted' },
    });
    expect((await upload(id, coordinator, 'kapittel;post;beløp\n700;1;1\n', v)).statusCode).toBe(
      422,
    );
    expect((await report(id)).submittedHash).toBe(hash1);

    // While it reviews, the ministry comments on a steering parameter's value; the agency may
    // not, a parameter the agency-year lacks refuses all, and the content's hash is untouched.
    const comment = (who: SignedIn, steeringParameterId: string, text: string, version: number) =>
      send('PUT', `/api/reports/${id}/ministry-comments`, who, {
        comments: [{ steeringParameterId, comment: text }],
        expectedVersion: version,
      });
    expect((await comment(coordinator, steeringId, 'Fint', v)).statusCode).toBe(403);
    const unknownParameter = await comment(officer, offTrackId, 'Hvilket mål?', v);
    expect(unknownParameter.statusCode).toBe(422);
    expect(unknownParameter.json()).toMatchObject({ error: 'report-unknown-item' });
    expect((await comment(officer, steeringId, 'For lavt', v - 1)).statusCode).toBe(409);
    const commented = await comment(officer, steeringId, 'Lavere enn i fjor: forklar', v);
    expect(commented.statusCode).toBe(200);
    expect(commented.json<Report>().derived.steeringParameters[0]).toMatchObject({
      value: 42,
      ministryComment: 'Lavere enn i fjor: forklar',
    });
    v = commented.json<Report>().version;
    expect((await report(id)).derived.steeringParameters[0]!.ministryComment).toBe(
      'Lavere enn i fjor: forklar',
    );
    expect((await report(id)).submittedHash).toBe(hash1);
    const [commentAudit] = await app.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, id), eq(auditLog.action, 'report.ministry-comments')));
    expect(commentAudit!.after).toMatchObject({
      comments: { [steeringId]: 'Lavere enn i fjor: forklar' },
    });

    // The ministry sees it, asks for more (a comment is required), the agency revises.
    expect((await report(id, officer)).allowedTransitions).toEqual(['returned', 'accepted']);
    const bare = await send('POST', `/api/reports/${id}/status`, officer, {
      to: 'returned',
      expectedVersion: v,
    });
    expect(bare.statusCode).toBe(422);
    expect(bare.json()).toMatchObject({ error: 'comment-required' });
    const returned = await send('POST', `/api/reports/${id}/status`, officer, {
      to: 'returned',
      expectedVersion: v,
      comment: 'Beskriv konsekvensen for mål 1',
    });
    expect(returned.statusCode).toBe(200);
    const afterReturn = await report(id);
    expect(afterReturn).toMatchObject({
      status: 'returned',
      revision: 2,
      reviewComment: 'Beskriv konsekvensen for mål 1',
      allowedTransitions: ['submitted'],
    });
    const revised: ReportContent = {
      ...complete,
      risks: [{ ...complete.risks[0]!, measures: 'Midlertidig nedlasting og API i 2053' }],
    };
    const rev = await send('PUT', `/api/reports/${id}`, coordinator, {
      content: revised,
      expectedVersion: afterReturn.version,
    });
    expect(rev.statusCode).toBe(200);
    const resubmitted = await send('POST', `/api/reports/${id}/status`, coordinator, {
      to: 'submitted',
      expectedVersion: rev.json<Report>().version,
    });
    expect(resubmitted.statusCode).toBe(200);
    v = resubmitted.json<{ report: { version: number } }>().report.version;
    const accepted = await send('POST', `/api/reports/${id}/status`, officer, {
      to: 'accepted',
      expectedVersion: v,
      comment: 'Takk',
    });
    expect(accepted.statusCode).toBe(200);
    v = accepted.json<{ report: { version: number } }>().report.version;

    // Each step was told: the ministry's officers of each submission, the agency's coordinator
    // of the return (with the comment) and of the acceptance; not the other agency.
    const told = async (who: SignedIn) =>
      (await get('/api/notifications?limit=200', who))
        .json<NotificationList>()
        .items.filter((n) => n.reportId === id)
        .map((n) => [n.kind, n.params.reason ?? null]);
    expect(await told(officer)).toEqual([
      ['report-submitted', null],
      ['report-submitted', null],
    ]);
    expect(await told(coordinator)).toEqual([
      ['report-accepted', 'Takk'],
      ['report-returned', 'Beskriv konsekvensen for mål 1'],
    ]);
    expect(await told(otherAgency)).toEqual([]);

    const versions = await get(`/api/reports/${id}/versions`, reader);
    expect(versions.statusCode).toBe(200);
    const list = versions.json<ReportVersionList>().versions;
    expect(list.map((x) => [x.revision, x.outcome, x.reviewComment])).toEqual([
      [1, 'returned', 'Beskriv konsekvensen for mål 1'],
      [2, 'accepted', 'Takk'],
    ]);
    expect(list[0]!.sha256).toBe(hash1);
    expect(list[0]!.content).toEqual(complete);
    expect(list[1]!.sha256).toBe(createHash('sha256').update(canonicalJson(revised)).digest('hex'));

    // Accepted is final: a change or another step is refused with the clear error.
    const afterAccept = await send('PUT', `/api/reports/${id}`, coordinator, {
      content: complete,
      expectedVersion: v,
    });
    expect(afterAccept.statusCode).toBe(422);
    expect(afterAccept.json()).toMatchObject({ error: 'report-locked' });
    const again = await send('POST', `/api/reports/${id}/status`, coordinator, {
      to: 'submitted',
      expectedVersion: v,
    });
    expect(again.statusCode).toBe(422);
    expect(again.json()).toMatchObject({ error: 'report-locked', current: { status: 'accepted' } });
    const lateComment = await comment(officer, steeringId, 'Etterpå', v);
    expect(lateComment.statusCode).toBe(422);
    expect(lateComment.json()).toMatchObject({ error: 'report-locked' });
  });

  it('refuses content naming what the agency-year does not have', async () => {
    const [, second] = await calendarReports(coordinator);
    const res = await send('PUT', `/api/reports/${second!.id}`, coordinator, {
      content: { budget: [{ chapter: 799, post: 1, forecast: 1 }] },
      expectedVersion: second!.version,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: 'report-unknown-item' });
  });

  it('lets the ministry ask for an ad hoc report, flagged late from the day after it is due in Oslo', async () => {
    const today = osloToday();
    const yesterday = DateTime.fromISO(today, { zone: OSLO }).minus({ days: 1 }).toISODate()!;
    const byAgency = await send('POST', '/api/reports', coordinator, {
      agencyId,
      year: YEAR,
      title: 'Rapport om tareskog',
      dueDate: yesterday,
    });
    expect(byAgency.statusCode).toBe(403);
    const late = await send('POST', '/api/reports', officer, {
      agencyId,
      year: YEAR,
      title: 'Rapport om tareskog',
      dueDate: yesterday,
    });
    expect(late.statusCode).toBe(201);
    expect(late.json<Report>()).toMatchObject({ source: 'ad-hoc', late: true, status: 'draft' });
    const dueToday = await send('POST', '/api/reports', officer, {
      agencyId,
      year: YEAR,
      title: 'Rapport om ålegras',
      dueDate: today,
    });
    expect(dueToday.json<Report>().late).toBe(false);
    const lateList = await get(`/api/reports?agency=${agencyId}&year=${YEAR}&late=true`, officer);
    const titles = lateList.json<ReportList>().reports.map((r) => r.title);
    expect(titles).toContain('Rapport om tareskog');
    expect(titles).not.toContain('Rapport om ålegras');
    // Not the accepted one; the September report is late only once its date has passed.
    expect(titles).not.toContain('Status- og avviksrapport per 1. april');
  });
});
