/**
 * The ministry's views of the reports (GET /api/reports/views) for every agency of a ministry,
 * through the real server, against the bare SQL of the same reads (the letters of the year, the
 * assignments at risk, the reports of the year, the tolerances, the trend reports and their
 * steering parameters), on an in-memory PGlite: 30 agencies, each with a shared letter of
 * 12 assignments (4 at risk or off track), 4 steering parameters and 3 reports over two years.
 */
import { eq, sql } from 'drizzle-orm';
import type { ReportViews } from '../src/contract/report-views';
import { openDatabase } from '../src/db/client';
import { assignments, documents, reports, steeringParameters } from '../src/db/schema';
import { buildApp } from '../src/server/app';
import { ensureReports } from '../src/services/reports';
import { SAMPLE_MINISTRY } from '../src/services/users';
import { signIn } from '../src/testing/auth';
import { buildAssignment, buildDocument, storeDocuments } from '../src/testing/factories';
import { compare, timeMedian, type Scenario } from './harness';

const AGENCIES = 30;
const YEAR = 2033;
const at = (line: number) => ({ startLine: line, endLine: line });

export const reportViewsScenario: Scenario = {
  name: `Report views vs bare SQL (PGlite, ${AGENCIES} agencies × 2 years)`,
  async run() {
    const database = await openDatabase({ dataDir: 'memory://' });
    await database.migrate();
    const { db } = database;
    for (let n = 0; n < AGENCIES; n++) {
      const agency = `Benketesteetaten ${n + 1}`;
      for (const year of [YEAR - 1, YEAR]) {
        const stored = await storeDocuments(db, [
          buildDocument({
            year,
            ministry: SAMPLE_MINISTRY,
            agency,
            title: `Tildelingsbrev til ${agency} for ${year}`,
            assignments: Array.from({ length: 12 }, (_, i) =>
              buildAssignment({
                assignedId: `TB${year}-${String(i + 1).padStart(2, '0')}`,
                title: `Oppdrag ${i + 1}`,
              }),
            ),
            steeringParameters: [
              'Saksbehandlingstiden skal være under 5 dager',
              'Andel digitale søknader minst 80 prosent',
              'Antall brukere økes til 1 200',
              'Andel datasett publisert med åpen lisens',
            ].map(
              (text) =>
                ({ text, goal: 'Mål 1', kind: 'styringsparameter', provenance: at(12) }) as const,
            ),
            calendar: ['05-01', '09-01'].map((d) => {
              const date = `${year}-${d}`;
              const text = `Rapport per ${date}`;
              return {
                date,
                text,
                kind: 'report',
                deadline: { date, text, appliesTo: null, value: { kind: 'exact', date } },
                provenance: at(30),
              };
            }),
          }),
        ]);
        const docId = stored.documents[0]!.id;
        const [doc] = await db
          .update(documents)
          .set({ status: 'shared' })
          .where(eq(documents.id, docId))
          .returning();
        await db
          .update(assignments)
          .set({
            progress: sql`(case when ${assignments.registerId} like '%-0_' then 'at-risk' else 'off-track' end)`,
          })
          .where(
            sql`${assignments.documentId} = ${docId} and ${assignments.registerId} < ${`TB${year}-05`}`,
          );
        await ensureReports(db, doc!.agencyId!, year);
        const params = await db
          .select({ id: steeringParameters.id })
          .from(steeringParameters)
          .where(eq(steeringParameters.documentId, docId));
        // Every report but the last is submitted, with risks, a forecast and the values.
        const made = await db
          .select({ id: reports.id, dueDate: reports.dueDate })
          .from(reports)
          .where(sql`${reports.agencyId} = ${doc!.agencyId} and ${reports.year} = ${year}`);
        for (const [i, r] of made.entries()) {
          if (year === YEAR && i === made.length - 1) continue;
          await db
            .update(reports)
            .set({
              status: 'submitted',
              content: {
                assignments: [],
                budget: [
                  { chapter: 700, post: 1, accountsToDate: 1, forecast: 140_000, explanation: 'x' },
                ],
                risks: Array.from({ length: 5 }, (_, k) => ({
                  goal: 'Mål 1',
                  description: `Risiko ${k}`,
                  likelihood: 1 + (k % 5),
                  consequence: 1 + ((k * 2) % 5),
                  measures: '',
                  residualLikelihood: 1 + (k % 3),
                  residualConsequence: 1 + (k % 4),
                })),
                steeringParameters: params.map((p, k) => ({
                  steeringParameterId: p.id,
                  value: 3 + k + i,
                  unit: '',
                  comment: '',
                })),
              },
            })
            .where(eq(reports.id, r.id));
        }
      }
    }
    const generous = { max: 100_000, timeWindow: 60_000 };
    const app = await buildApp({
      database,
      webDir: '/nonexistent',
      auth: { rateLimits: { signIn: generous, imports: generous, feeds: generous } },
    });
    const officer = await signIn(app, 'ministry-budget-officer');
    const ministryId = officer.user.organisation!.id;
    // What is timed is a full answer: every agency with its latest report and its trends.
    const answer = await app.inject({
      url: `/api/reports/views?year=${YEAR}`,
      headers: officer.headers,
    });
    const body = answer.json<ReportViews>();
    const full = body.agencies.filter((a) => a.latest && a.steering.length > 0).length;
    if (answer.statusCode !== 200 || full !== AGENCIES) {
      throw new Error(`The views answered ${answer.statusCode} with ${full} full agencies`);
    }
    const viewsMs = await timeMedian(
      () => app.inject({ url: `/api/reports/views?year=${YEAR}`, headers: officer.headers }),
      15,
    );
    const bare = async () => {
      await db.execute(
        sql`select d.id, d.agency_id, d.extracted, o.name from documents d join organisations o on o.id = d.agency_id where d.is_current and d.status in ('shared', 'published') and d.year = ${YEAR} and d.ministry_id = ${ministryId}`,
      );
      await db.execute(
        sql`select a.id, a.register_id, a.title, a.progress from assignments a join documents d on d.id = a.document_id where d.is_current and d.ministry_id = ${ministryId} and d.year = ${YEAR} and a.progress in ('at-risk', 'off-track')`,
      );
      await db.execute(
        sql`select r.id, r.agency_id, r.status, r.due_date, r.content from reports r where r.ministry_id = ${ministryId} and r.year = ${YEAR}`,
      );
      await db.execute(sql`select * from risk_tolerances where year = ${YEAR}`);
      await db.execute(
        sql`select r.id, r.content->'steeringParameters' from reports r where r.ministry_id = ${ministryId} and r.period_year between ${YEAR - 4} and ${YEAR} and r.status in ('submitted', 'accepted')`,
      );
      await db.execute(
        sql`select sp.* from steering_parameters sp join documents d on d.id = sp.document_id where d.ministry_id = ${ministryId} and d.year between ${YEAR - 4} and ${YEAR}`,
      );
    };
    const bareMs = await timeMedian(bare, 15);
    const figures = [
      compare(
        `GET /api/reports/views (${AGENCIES} agencies, all)`,
        'ms',
        viewsMs,
        { name: 'bare SQL of the same six reads', value: bareMs },
        { target: '≤ 10× the bare reads; under 500 ms' },
      ),
    ];
    await app.close();
    await database.close();
    return figures;
  },
};
