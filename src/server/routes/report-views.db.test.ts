/**
 * The ministry's views of the reports (issue 15, "Ministry views") through the API against the
 * real database: two agencies of the sample ministry (and one of another ministry), reports
 * written and submitted by their coordinators over two years. Who sees which agencies; the
 * tolerance set by the ministry's budget officer (refused for the agency, audited) and the
 * risks above it; the heat map's counts; the steering parameters matched across two reports and
 * two years with their targets met or not; the assignments at risk or off track; the forecast
 * beside the ledger's appropriation; the late reports.
 */
import { asc, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report, ReportContent, ReportList } from '../../contract/report';
import type { ReportViews, ReportViewsAgency, RiskTolerance } from '../../contract/report-views';
import {
  assignments,
  auditLog,
  documents,
  organisations,
  steeringParameters,
} from '../../db/schema';
import { testDatabaseKind } from '../../db/testing';
import type { Actor } from '../../domain/policy';
import { OSLO, osloToday } from '../../services/calendar';
import { reportViews, setRiskTolerance } from '../../services/report-views';
import { SAMPLE_AGENCY, SAMPLE_MINISTRY, SECOND_AGENCY } from '../../services/users';
import { testApp } from '../../testing/app';
import { signIn, type SignedIn } from '../../testing/auth';
import { buildAssignment, buildDocument, storeDocuments } from '../../testing/factories';
import type { App } from '../app';
import { presentReportViews } from '../presenters/report-views';

const YEAR = 2081;
const PREV = YEAR - 1;
const OTHER_MINISTRY = 'Prøvedepartementet for visningene';
const OTHER_MINISTRY_AGENCY = 'Visningsetaten';
const at = (line: number) => ({ startLine: line, endLine: line });
const reportItem = (date: string, text: string) => ({
  date,
  text,
  kind: 'report',
  deadline: { date, text, appliesTo: null, value: { kind: 'exact' as const, date } },
  provenance: at(30),
});
const parameter = (text: string, goal: string, kind: 'styringsparameter' | 'nøkkeltall') => ({
  text,
  goal,
  kind,
  provenance: at(12),
});
const TIME = 'Saksbehandlingstiden';
const USERS = 'Antall brukere av kartløsningen';
const OPEN = 'Andel datasett publisert med åpen lisens';

/** The cell of likelihood `l` and consequence `c` (rows run 5 → 1, cells 1 → 5). */
const cell = (a: Pick<ReportViewsAgency, 'heatMap'>, l: number, c: number) =>
  a.heatMap[5 - l]![c - 1]!;

describe(`the ministry's views of the reports (${testDatabaseKind})`, () => {
  let app: App;
  let havdataId: string;
  let fjordlosId: string;
  let otherAgencyId: string;
  let coordinator: SignedIn;
  let budget: SignedIn;
  let reader: SignedIn;
  let auditor: SignedIn;
  let fjordlos: SignedIn;

  const get = (url: string, who: SignedIn | null) =>
    app.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} });
  const send = (method: 'POST' | 'PUT', url: string, who: SignedIn, body: unknown) =>
    app.inject({ method, url, headers: who.headers, payload: body as object });
  const views = async (who: SignedIn, query = `?year=${YEAR}`) => {
    const res = await get(`/api/reports/views${query}`, who);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<ReportViews>();
  };
  const agencyView = async (who: SignedIn, agencyId: string) => {
    const body = await views(who, `?year=${YEAR}&agency=${agencyId}`);
    expect(body.agencies.map((a) => a.agencyId)).toEqual([agencyId]);
    return body.agencies[0]!;
  };

  /** Stores a shared letter of the year; returns its agency's id and its steering parameters. */
  async function sharedLetter(ministry: string, agency: string, year: number, extra = {}) {
    const stored = await storeDocuments(app.database.db, [
      buildDocument({
        year,
        ministry,
        agency,
        title: `Tildelingsbrev til ${agency} for ${year}`,
        assignments: [],
        ...extra,
      }),
    ]);
    const [doc] = await app.database.db
      .update(documents)
      .set({ status: 'shared' })
      .where(eq(documents.id, stored.documents[0]!.id))
      .returning();
    const params = await app.database.db
      .select()
      .from(steeringParameters)
      .where(eq(steeringParameters.documentId, doc!.id));
    const param = (start: string) => params.find((p) => p.text.startsWith(start))!.id;
    return { agencyId: doc!.agencyId!, documentId: doc!.id, param };
  }

  /** The coordinator fills in the calendar's report of the agency-year and submits it. */
  async function submit(
    who: SignedIn,
    agencyId: string,
    year: number,
    title: string,
    content: Partial<ReportContent>,
  ) {
    const list = await get(`/api/reports?agency=${agencyId}&year=${year}`, who);
    const report = list.json<ReportList>().reports.find((r) => r.title === title)!;
    const saved = await send('PUT', `/api/reports/${report.id}`, who, {
      expectedVersion: report.version,
      content: {
        budget: [
          {
            chapter: 700,
            post: 1,
            accountsToDate: 50_000,
            forecast: 140_000,
            explanation: 'Lavere forbruk enn planlagt',
          },
        ],
        ...content,
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const submitted = await send('POST', `/api/reports/${report.id}/status`, who, {
      to: 'submitted',
      expectedVersion: saved.json<Report>().version,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    return report.id;
  }

  beforeAll(async () => {
    app = await testApp();
    coordinator = await signIn(app, 'agency-coordinator');
    budget = await signIn(app, 'ministry-budget-officer');
    reader = await signIn(app, 'ministry-reader');
    auditor = await signIn(app, 'auditor');
    fjordlos = await signIn(app, 'user:koordinator-fjordlos');

    const before = await sharedLetter(SAMPLE_MINISTRY, SAMPLE_AGENCY, PREV, {
      calendar: [reportItem(`${PREV}-09-01`, 'Rapport per 1. september')],
      steeringParameters: [
        parameter(`${TIME} reduseres til 6 dager`, 'Mål 1', 'styringsparameter'),
        parameter(OPEN, 'Mål 1', 'nøkkeltall'),
      ],
    });
    const havdata = await sharedLetter(SAMPLE_MINISTRY, SAMPLE_AGENCY, YEAR, {
      calendar: [
        reportItem(`${YEAR}-05-01`, 'Rapport per 1. mai'),
        reportItem(`${YEAR}-09-01`, 'Rapport per 1. september'),
      ],
      steeringParameters: [
        parameter(`${TIME} skal være under 5 dager`, 'Mål 1', 'styringsparameter'),
        parameter(OPEN, 'Mål 1', 'nøkkeltall'),
        parameter(`${USERS} økes til 1 200 innen ${YEAR + 1}`, 'Mål 2', 'styringsparameter'),
      ],
      assignments: [
        buildAssignment({ assignedId: `TB${YEAR}-01`, title: 'Bygge havdataportalen' }),
        buildAssignment({ assignedId: `TB${YEAR}-02`, title: 'Kartlegge tareskog' }),
        buildAssignment({ assignedId: `TB${YEAR}-03`, title: 'Veileder for kommunene' }),
      ],
    });
    havdataId = havdata.agencyId;
    const fjord = await sharedLetter(SAMPLE_MINISTRY, SECOND_AGENCY, YEAR, {
      calendar: [reportItem(`${YEAR}-06-01`, 'Rapport per 1. juni')],
    });
    fjordlosId = fjord.agencyId;
    otherAgencyId = (
      await sharedLetter(OTHER_MINISTRY, OTHER_MINISTRY_AGENCY, YEAR, {
        calendar: [reportItem(`${YEAR}-05-01`, 'Rapport per 1. mai')],
      })
    ).agencyId;

    // The coordinator judges the first assignment off track and the second at risk.
    const work = await app.database.db
      .select()
      .from(assignments)
      .where(eq(assignments.documentId, havdata.documentId))
      .orderBy(asc(assignments.registerId));
    for (const [a, progress] of [
      [work[0]!, 'off-track'],
      [work[1]!, 'at-risk'],
    ] as const) {
      const res = await send('PUT', `/api/assignments/${a.id}/progress`, coordinator, {
        expectedVersion: a.version,
        progress,
        reason: 'Leverandøren er forsinket',
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const deviations = work.slice(0, 2).map((a) => ({
      assignmentId: a.id,
      deviation: 'Leveres senere enn bestilt',
      cause: 'Leverandøren er forsinket',
      measures: 'Ny plan',
    }));

    // Last year: one report; this year: May (not yet on target) and September (on target).
    await submit(coordinator, havdataId, PREV, 'Rapport per 1. september', {
      steeringParameters: [
        { steeringParameterId: before.param(TIME), value: 7, unit: 'dager', comment: '' },
        { steeringParameterId: before.param(OPEN), value: '64 %', unit: '', comment: '' },
      ],
    });
    await submit(coordinator, havdataId, YEAR, 'Rapport per 1. mai', {
      assignments: deviations,
      steeringParameters: [
        { steeringParameterId: havdata.param(TIME), value: '5,5', unit: 'dager', comment: '' },
        { steeringParameterId: havdata.param(USERS), value: 900, unit: '', comment: 'Vårtall' },
      ],
      risks: [
        {
          goal: 'Mål 1',
          description: 'Portalen blir forsinket',
          likelihood: 5,
          consequence: 5,
          measures: '',
          residualLikelihood: 5,
          residualConsequence: 5,
        },
      ],
    });
    await submit(coordinator, havdataId, YEAR, 'Rapport per 1. september', {
      assignments: deviations,
      steeringParameters: [
        { steeringParameterId: havdata.param(TIME), value: 4, unit: 'dager', comment: '' },
        { steeringParameterId: havdata.param(USERS), value: 1250, unit: 'antall', comment: '' },
        { steeringParameterId: havdata.param(OPEN), value: '71 %', unit: '', comment: '' },
      ],
      risks: [
        risk('Data blir ikke tilgjengelige i tide', [4, 4], [2, 3]),
        risk('Kartleggingen blir dyrere', [3, 5], [3, 4]),
        risk('Nøkkelpersoner slutter', [5, 5], [4, 4]),
      ],
    });
    await submit(fjordlos, fjordlosId, YEAR, 'Rapport per 1. juni', {
      risks: [risk('Lite å melde', [1, 1], [1, 1])],
    });

    // An ad hoc report due yesterday in Oslo, not submitted: late.
    const yesterday = DateTime.fromISO(osloToday(), { zone: OSLO }).minus({ days: 1 }).toISODate()!;
    const made = await send('POST', '/api/reports', budget, {
      agencyId: havdataId,
      year: YEAR,
      title: 'Rapport om tareskog',
      dueDate: yesterday,
    });
    expect(made.statusCode, made.body).toBe(201);
  });

  function risk(description: string, [l, c]: number[], [rl, rc]: number[]) {
    return {
      goal: 'Mål 1',
      description,
      likelihood: l!,
      consequence: c!,
      measures: 'Tiltak',
      residualLikelihood: rl!,
      residualConsequence: rc!,
    };
  }

  it("shows the budget officer both agencies of the ministry, not another ministry's", async () => {
    const body = await views(budget);
    expect(body).toMatchObject({ year: YEAR, today: osloToday(), agencyId: null });
    expect(body.agencies.map((a) => [a.agencyName, a.abilities.setTolerance])).toEqual([
      [SECOND_AGENCY, true],
      [SAMPLE_AGENCY, true],
    ]);
    // The reader sees them too, but sets no tolerance; the auditor sees every ministry's.
    expect((await views(reader)).agencies.map((a) => a.abilities.setTolerance)).toEqual([
      false,
      false,
    ]);
    expect((await views(auditor)).agencies.map((a) => a.agencyId)).toEqual(
      expect.arrayContaining([havdataId, fjordlosId, otherAgencyId]),
    );
    // The public may list reports (published annual ones) but follows no agency here.
    const visitor = await get(`/api/reports/views?year=${YEAR}`, null);
    expect(visitor.statusCode).toBe(200);
    expect(visitor.json<ReportViews>().agencies).toEqual([]);
    expect((await get('/api/reports/views?year=12', budget)).statusCode).toBe(400);
    expect((await get('/api/reports/views?agency=nei', budget)).statusCode).toBe(400);
  });

  it('shows an agency only its own year, and another ministry none of these', async () => {
    expect((await views(coordinator)).agencies.map((a) => a.agencyName)).toEqual([SAMPLE_AGENCY]);
    expect((await views(fjordlos)).agencies.map((a) => a.agencyName)).toEqual([SECOND_AGENCY]);
    const asked = await views(coordinator, `?year=${YEAR}&agency=${fjordlosId}`);
    expect(asked.agencies).toEqual([]);
    expect((await agencyView(coordinator, havdataId)).abilities.setTolerance).toBe(false);

    // An officer of the other ministry (no sample user has one: as the service sees it).
    const [ministry] = await app.database.db
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.name, OTHER_MINISTRY));
    const other: Actor = {
      kind: 'user',
      id: '00000000-0000-4000-8000-000000000081',
      name: 'Olga Annen',
      organisationId: ministry!.id,
      roles: ['ministry-budget-officer'],
    };
    const seen = presentReportViews(
      other,
      await reportViews(app.database.db, other, { year: YEAR }, osloToday()),
    );
    expect(seen.agencies.map((a) => [a.agencyId, a.abilities.setTolerance])).toEqual([
      [otherAgencyId, true],
    ]);
    const refused = await setRiskTolerance(app.database.db, other, {
      agencyId: havdataId,
      year: YEAR,
      score: 20,
      comment: '',
      expectedUpdatedAt: null,
    });
    expect(refused).toEqual({ kind: 'not-found' });
  });

  it('lists the assignments at risk or off track, live, with the late reports and the forecast', async () => {
    const a = await agencyView(budget, havdataId);
    expect(a.assignments.map((x) => [x.registerId, x.title, x.progress])).toEqual([
      [`TB${YEAR}-01`, 'Bygge havdataportalen', 'off-track'],
      [`TB${YEAR}-02`, 'Kartlegge tareskog', 'at-risk'],
    ]);
    expect(a.assignments[0]!.progressReason).toBe('Leverandøren er forsinket');
    expect(a.counts).toEqual({ offTrack: 1, atRisk: 1, lateReports: 1 });
    expect(a.lateReports).toEqual([
      {
        reportId: expect.any(String),
        title: 'Rapport om tareskog',
        dueDate: expect.any(String),
        daysLate: 1,
      },
    ]);
    expect(a.latest).toMatchObject({ title: 'Rapport per 1. september', status: 'submitted' });
    expect(a.budget).toEqual([
      {
        chapter: 700,
        post: 1,
        postName: 'Driftsutgifter',
        appropriation: 150_000,
        forecast: 140_000,
        deviation: -10_000,
      },
    ]);
    const all = await views(budget);
    expect(all.totals).toMatchObject({ offTrack: 1, atRisk: 1, lateReports: 1 });
    expect(all.truncated).toEqual({
      agencies: false,
      assignments: false,
      lateReports: false,
      trendReports: false,
    });
  });

  it('counts the risks of the latest report on the heat map, before and after measures', async () => {
    const a = await agencyView(budget, havdataId);
    const counts = (k: 'residual' | 'inherent') =>
      a.heatMap.flat().flatMap((c) => (c[k] > 0 ? [[c.likelihood, c.consequence, c[k]]] : []));
    // Rows run from likelihood 5 down: (4,4) comes before (3,x) and (2,3).
    expect(counts('residual')).toEqual([
      [4, 4, 1],
      [3, 4, 1],
      [2, 3, 1],
    ]);
    expect(counts('inherent')).toEqual([
      [5, 5, 1],
      [4, 4, 1],
      [3, 5, 1],
    ]);
    // The May report's 5×5 is not the latest: it is not counted.
    expect(cell(a, 5, 5).residual).toBe(0);
    // Across the agencies: Fjordlosdirektoratet's risk too, and no single tolerance.
    const all = await views(budget);
    expect(cell(all, 1, 1)).toMatchObject({ residual: 1, aboveTolerance: null });
    expect(all.heatMap.flat().reduce((n, c) => n + c.residual, 0)).toBe(4);
  });

  it('judges the risks against the default until the ministry agrees a tolerance', async () => {
    const before = await agencyView(budget, havdataId);
    expect(before.tolerance).toMatchObject({ score: 12, agreed: false, setAt: null });
    expect(before.risks.filter((r) => r.aboveTolerance).map((r) => r.residualScore)).toEqual([16]);

    // The agency may not set it; the reader neither; nor beyond 25.
    const body = {
      agencyId: havdataId,
      year: YEAR,
      score: 9,
      comment: 'Avtalt i møtet',
      expectedUpdatedAt: null,
    };
    expect((await send('PUT', '/api/risk-tolerances', coordinator, body)).statusCode).toBe(403);
    expect((await send('PUT', '/api/risk-tolerances', reader, body)).statusCode).toBe(403);
    const high = await send('PUT', '/api/risk-tolerances', budget, { ...body, score: 26 });
    expect(high.statusCode).toBe(400);
    const elsewhere = await send('PUT', '/api/risk-tolerances', budget, {
      ...body,
      agencyId: otherAgencyId,
    });
    expect(elsewhere.statusCode).toBe(404);

    const set = await send('PUT', '/api/risk-tolerances', budget, body);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json<RiskTolerance>()).toMatchObject({
      agencyId: havdataId,
      year: YEAR,
      score: 9,
      agreed: true,
      comment: 'Avtalt i møtet',
    });
    // Based on the one set (the time the views give), the next change is saved.
    const setAt = set.json<RiskTolerance>().setAt!;
    expect((await agencyView(budget, havdataId)).tolerance.setAt).toBe(setAt);
    const again = await send('PUT', '/api/risk-tolerances', budget, {
      ...body,
      score: 10,
      expectedUpdatedAt: setAt,
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<RiskTolerance>().score).toBe(10);
    // A change based on what was read before either is stale: nothing is saved, and the
    // answer says what the tolerance is now.
    for (const expectedUpdatedAt of [null, setAt]) {
      const stale = await send('PUT', '/api/risk-tolerances', budget, {
        ...body,
        score: 20,
        expectedUpdatedAt,
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({
        error: 'stale-version',
        current: { score: 10, agreed: true, setAt: again.json<RiskTolerance>().setAt },
      });
    }
    const trail = await app.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.objectId, `${havdataId}:${YEAR}`))
      .orderBy(asc(auditLog.seq));
    expect(
      trail
        .filter((e) => e.action === 'risk-tolerance.set')
        .map((e) => [e.actorId, e.before, e.after]),
    ).toEqual([
      [budget.user.id, null, { score: 9, comment: 'Avtalt i møtet' }],
      [
        budget.user.id,
        { score: 9, comment: 'Avtalt i møtet' },
        { score: 10, comment: 'Avtalt i møtet' },
      ],
    ]);

    const after = await agencyView(budget, havdataId);
    expect(after.tolerance).toMatchObject({ score: 10, agreed: true });
    expect(after.risks.map((r) => [r.residualScore, r.aboveTolerance])).toEqual([
      [16, true],
      [12, true],
      [6, false],
    ]);
    expect(cell(after, 3, 4).aboveTolerance).toBe(true);
    expect(cell(after, 2, 5).aboveTolerance).toBe(false);
    // The agency reads what was agreed.
    expect((await agencyView(coordinator, havdataId)).tolerance.score).toBe(10);
    // Another agency's year keeps the default.
    expect((await agencyView(budget, fjordlosId)).tolerance).toMatchObject({ agreed: false });
  });

  it('follows each steering parameter across two reports and two years, with its target', async () => {
    const a = await agencyView(budget, havdataId);
    const trend = (start: string) => a.steering.find((s) => s.text.startsWith(start))!;
    const time = trend(TIME);
    expect(time).toMatchObject({
      key: 'saksbehandlingstiden',
      goal: 'Mål 1',
      text: `${TIME} skal være under 5 dager`,
      target: { comparator: 'below', value: 5, unit: 'days', figure: 5 },
    });
    expect(
      time.points.map((p) => [p.year, p.dueDate, p.numeric, p.target?.comparator, p.outcome]),
    ).toEqual([
      [PREV, `${PREV}-09-01`, 7, 'reduce-to', 'not-met'],
      [YEAR, `${YEAR}-05-01`, 5.5, 'below', 'not-met'],
      [YEAR, `${YEAR}-09-01`, 4, 'below', 'met'],
    ]);
    const users = trend(USERS);
    expect(users.target).toMatchObject({ comparator: 'increase-to', value: 1200, year: YEAR + 1 });
    expect(users.points.map((p) => [p.value, p.outcome, p.comment])).toEqual([
      [900, 'not-yet', 'Vårtall'],
      [1250, 'met', ''],
    ]);
    const open = trend(OPEN);
    expect(open.target).toBeNull();
    expect(open.points.map((p) => [p.year, p.numeric, p.outcome])).toEqual([
      [PREV, 64, 'unknown'],
      [YEAR, 71, 'unknown'],
    ]);
    expect(a.steering).toHaveLength(3);
  });
});
