/**
 * The ministry's overview of the reports of a year (issue 15, "Ministry views") through the API
 * against the real database: the counts per agency (late by the date in Europe/Oslo), and from
 * the latest submitted report the deviations, the high risks and the forecast beside the
 * ledger's appropriation per post; who sees which agencies. Another ministry's published annual
 * report is read by everyone but followed by its own ministry only: it is in nobody else's
 * overview nor list, unless the published ones are asked for.
 */
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report, ReportList, ReportOverview } from '../../contract/report';
import { assignments, documents, reports } from '../../db/schema';
import { testDatabaseKind } from '../../db/testing';
import { OSLO, osloToday } from '../../services/calendar';
import { SAMPLE_AGENCY, SAMPLE_MINISTRY, SECOND_AGENCY } from '../../services/users';
import { testApp } from '../../testing/app';
import { signIn, type SignedIn } from '../../testing/auth';
import { buildAssignment, buildDocument, storeDocuments } from '../../testing/factories';
import type { App } from '../app';

const YEAR = 2063;
const OTHER_MINISTRY = 'Prøvedepartementet for oversikten';
const OTHER_MINISTRY_AGENCY = 'Oversiktsetaten';
const at = (line: number) => ({ startLine: line, endLine: line });
const reportItem = (date: string, text: string) => ({
  date,
  text,
  kind: 'report',
  deadline: { date, text, appliesTo: null, value: { kind: 'exact' as const, date } },
  provenance: at(30),
});

describe(`the reports overview (${testDatabaseKind})`, () => {
  let app: App;
  let havdataId: string;
  let fjordlosId: string;
  let otherAgencyId: string;
  let otherMinistryId: string;
  let coordinator: SignedIn;
  let officer: SignedIn;
  let auditor: SignedIn;
  let fjordlos: SignedIn;

  const get = (url: string, who: SignedIn | null) =>
    app.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} });
  const send = (method: 'POST' | 'PUT', url: string, who: SignedIn, body: unknown) =>
    app.inject({ method, url, headers: who.headers, payload: body as object });
  const overview = async (who: SignedIn, query = `?year=${YEAR}`) => {
    const res = await get(`/api/reports/overview${query}`, who);
    expect(res.statusCode).toBe(200);
    return res.json<ReportOverview>();
  };
  const names = async (who: SignedIn) => (await overview(who)).agencies.map((a) => a.agencyName);

  /** Stores a shared letter of the year with one reporting item; returns its agency's id. */
  async function sharedLetter(ministry: string, agency: string, due: string, extra = {}) {
    const stored = await storeDocuments(app.database.db, [
      buildDocument({
        year: YEAR,
        ministry,
        agency,
        title: `Tildelingsbrev til ${agency} for ${YEAR}`,
        calendar: [reportItem(due, `Rapport fra ${agency}`)],
        ...extra,
      }),
    ]);
    const [doc] = await app.database.db
      .update(documents)
      .set({ status: 'shared' })
      .where(eq(documents.id, stored.documents[0]!.id))
      .returning();
    return { agencyId: doc!.agencyId!, documentId: doc!.id };
  }

  beforeAll(async () => {
    app = await testApp();
    const havdata = await sharedLetter(SAMPLE_MINISTRY, SAMPLE_AGENCY, `${YEAR}-04-01`, {
      assignments: [
        buildAssignment({ assignedId: `TB${YEAR}-01`, title: 'Bygge havdataportalen' }),
        buildAssignment({ assignedId: `TB${YEAR}-02`, title: 'Kartlegge tareskog' }),
      ],
    });
    havdataId = havdata.agencyId;
    fjordlosId = (await sharedLetter(SAMPLE_MINISTRY, SECOND_AGENCY, `${YEAR}-06-01`)).agencyId;
    const other = await sharedLetter(OTHER_MINISTRY, OTHER_MINISTRY_AGENCY, `${YEAR}-05-01`);
    otherAgencyId = other.agencyId;
    const [otherDoc] = await app.database.db
      .select()
      .from(documents)
      .where(eq(documents.id, other.documentId));
    otherMinistryId = otherDoc!.ministryId!;
    coordinator = await signIn(app, 'agency-coordinator');
    officer = await signIn(app, 'ministry-department-officer');
    auditor = await signIn(app, 'auditor');
    fjordlos = await signIn(app, 'user:koordinator-fjordlos');

    // The coordinator judges the first assignment off track.
    const [first] = await app.database.db
      .select()
      .from(assignments)
      .where(eq(assignments.documentId, havdata.documentId))
      .orderBy(assignments.registerId);
    const progress = await send('PUT', `/api/assignments/${first!.id}/progress`, coordinator, {
      expectedVersion: first!.version,
      progress: 'off-track',
      reason: 'Leverandøren er forsinket',
    });
    expect(progress.statusCode).toBe(200);

    // The overview makes the calendar's reports of the agency-years the ministry follows.
    const before = await overview(officer);
    expect(before.agencies.map((a) => [a.agencyName, a.owed, a.latest])).toEqual([
      [SECOND_AGENCY, 1, null],
      [SAMPLE_AGENCY, 1, null],
    ]);

    // Two ad hoc reports: one due yesterday and one due today in Oslo; only the first is late.
    const today = osloToday();
    const yesterday = DateTime.fromISO(today, { zone: OSLO }).minus({ days: 1 }).toISODate()!;
    for (const [title, dueDate] of [
      ['Rapport om tareskog', yesterday],
      ['Rapport om ålegras', today],
    ]) {
      const made = await send('POST', '/api/reports', officer, {
        agencyId: havdataId,
        year: YEAR,
        title,
        dueDate,
      });
      expect(made.statusCode).toBe(201);
    }

    // The agency fills in and submits the calendar's report: one deviation, a risk of 4×4 (and
    // a lower one), a forecast 10 000 below the appropriation of 150 000.
    const list = await get(`/api/reports?agency=${havdataId}&year=${YEAR}`, coordinator);
    const calendar = list.json<ReportList>().reports.find((r) => r.source === 'calendar')!;
    const saved = await send('PUT', `/api/reports/${calendar.id}`, coordinator, {
      expectedVersion: calendar.version,
      content: {
        assignments: [
          {
            assignmentId: first!.id,
            deviation: 'Portalen åpner ikke i år',
            cause: 'Leverandøren er forsinket',
            measures: 'Ny leveranseplan',
          },
        ],
        budget: [
          {
            chapter: 700,
            post: 1,
            accountsToDate: 60_000,
            forecast: 140_000,
            explanation: 'Forsinket portal gir lavere forbruk',
          },
        ],
        risks: [
          {
            goal: 'Mål 1',
            description: 'Data blir ikke tilgjengelige i tide',
            likelihood: 4,
            consequence: 4,
            residualLikelihood: 2,
            residualConsequence: 3,
          },
          {
            goal: 'Mål 2',
            description: 'Kartleggingen blir dyrere',
            likelihood: 2,
            consequence: 3,
            residualLikelihood: 1,
            residualConsequence: 3,
          },
        ],
      },
    });
    expect(saved.statusCode).toBe(200);
    const submitted = await send('POST', `/api/reports/${calendar.id}/status`, coordinator, {
      to: 'submitted',
      expectedVersion: saved.json<Report>().version,
    });
    expect(submitted.statusCode).toBe(200);
  });

  it('counts the reports per agency and reads the latest submitted report', async () => {
    const body = await overview(officer);
    expect(body).toMatchObject({ year: YEAR, today: osloToday() });
    expect(body.agencies).toEqual([
      {
        agencyId: fjordlosId,
        agencyName: SECOND_AGENCY,
        owed: 1,
        submitted: 0,
        accepted: 0,
        late: 0,
        latest: null,
      },
      {
        agencyId: havdataId,
        agencyName: SAMPLE_AGENCY,
        owed: 3,
        submitted: 1,
        accepted: 0,
        late: 1,
        latest: {
          reportId: expect.any(String),
          title: `Rapport fra ${SAMPLE_AGENCY}`,
          dueDate: `${YEAR}-04-01`,
          status: 'submitted',
          revision: 1,
          deviations: 1,
          highRisks: 1,
          budget: [
            {
              chapter: 700,
              post: 1,
              postName: 'Driftsutgifter',
              appropriation: 150_000,
              forecast: 140_000,
              deviation: -10_000,
            },
          ],
        },
      },
    ]);
  });

  it('shows each caller only the agencies whose reports they may read', async () => {
    // Another ministry's agency is not the sample ministry's; an agency sees only itself.
    expect(await names(officer)).not.toContain(OTHER_MINISTRY_AGENCY);
    expect(await names(coordinator)).toEqual([SAMPLE_AGENCY]);
    expect(await names(fjordlos)).toEqual([SECOND_AGENCY]);
    const all = await overview(auditor);
    expect(all.agencies.map((a) => [a.agencyId, a.owed])).toEqual([
      [fjordlosId, 1],
      [havdataId, 3],
      [otherAgencyId, 1],
    ]);
    // Visitors read published (accepted annual) reports only: none of this year.
    const visitor = await get(`/api/reports/overview?year=${YEAR}`, null);
    expect(visitor.statusCode).toBe(200);
    expect(visitor.json<ReportOverview>().agencies).toEqual([]);
    expect((await get('/api/reports/overview?year=12', officer)).statusCode).toBe(400);
  });

  it('counts the current year in Europe/Oslo when none is asked for', async () => {
    const body = await overview(officer, '');
    expect(body.year).toBe(Number(osloToday().slice(0, 4)));
    expect(body.agencies.map((a) => a.agencyName)).not.toContain(OTHER_MINISTRY_AGENCY);
  });

  it("lists another ministry's published annual report only to those who ask for the published", async () => {
    // Accepted by its own ministry: published, read by everyone.
    const [published] = await app.database.db
      .insert(reports)
      .values({
        agencyId: otherAgencyId,
        ministryId: otherMinistryId,
        year: YEAR,
        kind: 'annual',
        periodYear: YEAR - 1,
        key: `${otherAgencyId}|${YEAR}|test|published`,
        source: 'ad-hoc',
        title: `Årsrapport for ${YEAR - 1} fra ${OTHER_MINISTRY_AGENCY}`,
        dueDate: `${YEAR}-03-01`,
        status: 'accepted',
        content: { assignments: [], budget: [], risks: [], steeringParameters: [] },
        createdByKind: 'system',
        createdById: 'test',
      })
      .returning();
    const ids = async (url: string, who: SignedIn | null) => {
      const res = await get(url, who);
      expect(res.statusCode).toBe(200);
      return res.json<ReportList>().reports;
    };
    // The sample ministry's overview and its officer's list: its own agencies only.
    expect(await names(officer)).toEqual([SECOND_AGENCY, SAMPLE_AGENCY]);
    const mine = await ids(`/api/reports?year=${YEAR}`, officer);
    expect(mine.map((r) => r.id)).not.toContain(published!.id);
    expect(new Set(mine.map((r) => r.agencyId))).toEqual(new Set([havdataId, fjordlosId]));
    expect((await ids(`/api/reports?year=${YEAR}`, coordinator)).map((r) => r.id)).not.toContain(
      published!.id,
    );
    // Asked for, the published ones are listed (and read) by everyone.
    const asked = await ids(`/api/reports?published=true&year=${YEAR}`, officer);
    expect(asked.map((r) => [r.id, r.published, r.publicView])).toEqual([
      [published!.id, true, true],
    ]);
    expect((await get(`/api/reports/${published!.id}`, officer)).statusCode).toBe(200);
    // Its own ministry follows it; the auditor follows every one.
    const auditorView = await overview(auditor);
    expect(auditorView.agencies.find((a) => a.agencyId === otherAgencyId)?.accepted).toBe(1);
    // Visitors get no overview, and the published reports only, asked for or not.
    expect((await get(`/api/reports/overview?year=${YEAR}`, null)).json<ReportOverview>()).toEqual(
      expect.objectContaining({ agencies: [] }),
    );
    for (const url of [`/api/reports?year=${YEAR}`, `/api/reports?published=true&year=${YEAR}`]) {
      const seen = await ids(url, null);
      expect(seen.map((r) => r.id)).toEqual([published!.id]);
    }
    expect(
      (await ids(`/api/reports?agency=${havdataId}&year=${YEAR}`, null)).map((r) => r.id),
    ).toEqual([]);
  });
});
