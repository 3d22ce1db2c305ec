/**
 * API scenario: requests through the real server (routing, validation, policy, presenters)
 * against the bare SQL query underneath, on an in-memory PGlite with a generated register.
 */
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/client';
import { buildApp } from '../src/server/app';
import { eq } from 'drizzle-orm';
import { documents } from '../src/db/schema';
import { SAMPLE_AGENCY, SAMPLE_MINISTRY, SECOND_AGENCY } from '../src/services/users';
import { signIn } from '../src/testing/auth';
import { buildAssignment, buildDocument, storeDocuments } from '../src/testing/factories';
import { compare, timeMedian, type Scenario } from './harness';

export const apiScenario: Scenario = {
  name: 'API vs bare SQL (PGlite, 40 documents × 25 assignments)',
  async run() {
    const database = await openDatabase({ dataDir: 'memory://' });
    await database.migrate();
    const words = ['tilskuddsordning', 'statistikk', 'digitalisering', 'beredskap', 'veileder'];
    for (let d = 0; d < 40; d++) {
      const assignments = Array.from({ length: 25 }, (_, i) =>
        buildAssignment({
          assignedId: `TB2030-${String(i + 1).padStart(2, '0')}`,
          title: `Oppdrag ${i + 1} om ${words[i % words.length]}`,
          text: `Etaten skal arbeide med ${words[(i + d) % words.length]}er og rapportere.`,
        }),
      );
      await storeDocuments(database.db, [buildDocument({ assignments })]);
    }
    const generous = { max: 100_000, timeWindow: 60_000 };
    const app = await buildApp({
      database,
      webDir: '/nonexistent',
      auth: { rateLimits: { signIn: generous, imports: generous, feeds: generous } },
    });
    const figures = [];

    const healthMs = await timeMedian(() => app.inject({ url: '/api/health' }), 50);
    const select1 = await timeMedian(() => database.db.execute(sql`select 1`), 50);
    figures.push(compare('GET /api/health', 'ms', healthMs, { name: 'select 1', value: select1 }));

    const listMs = await timeMedian(() => app.inject({ url: '/api/assignments?limit=50' }), 30);
    const listSql = await timeMedian(
      () =>
        database.db.execute(
          sql`select a.*, d.title from assignments a join documents d on d.id = a.document_id where d.is_current and d.status = 'published' order by a.year desc, a.register_id limit 50`,
        ),
      30,
    );
    figures.push(
      compare('GET /api/assignments?limit=50', 'ms', listMs, { name: 'bare SQL', value: listSql }),
    );

    const q = 'tilskuddsordning';
    const searchMs = await timeMedian(
      () => app.inject({ url: `/api/assignments?q=${q}&limit=50` }),
      30,
    );
    const searchSql = await timeMedian(
      () =>
        database.db.execute(
          sql`select a.* from assignments a join documents d on d.id = a.document_id where d.is_current and a.search @@ websearch_to_tsquery('norwegian', ${q}) order by ts_rank(a.search, websearch_to_tsquery('norwegian', ${q})) desc limit 50`,
        ),
      30,
    );
    figures.push(
      compare('GET /api/assignments?q= (full text)', 'ms', searchMs, {
        name: 'bare SQL',
        value: searchSql,
      }),
    );

    // A start page: 40 more letters of one ministry to two agencies over 20 years, published,
    // with deadlines past and coming; the agency coordinator's summary against one of the
    // queries it runs (the overdue list), bare.
    for (let d = 0; d < 40; d++) {
      const year = 2007 + (d % 20);
      const agency = d % 2 === 0 ? SAMPLE_AGENCY : SECOND_AGENCY;
      const stored = await storeDocuments(database.db, [
        buildDocument({
          year,
          ministry: SAMPLE_MINISTRY,
          agency,
          title: `Tildelingsbrev ${year} til ${agency} (${d})`,
          assignments: Array.from({ length: 25 }, (_, i) => {
            const date = `${year + (i % 3)}-${String((i % 12) + 1).padStart(2, '0')}-15`;
            return buildAssignment({
              assignedId: `TB${year}-${String(i + 1).padStart(2, '0')}`,
              title: `Oppdrag ${i + 1} om ${words[i % words.length]}`,
              deadlines: [{ date, text: date, appliesTo: null, value: { kind: 'exact', date } }],
            });
          }),
        }),
      ]);
      await database.db
        .update(documents)
        .set({ status: 'published' })
        .where(eq(documents.id, stored.documents[0]!.id));
    }
    const coordinator = await signIn(app, 'agency-coordinator');
    const agencyId = coordinator.user.organisation!.id;
    const homeMs = await timeMedian(
      () => app.inject({ url: '/api/home', headers: coordinator.headers }),
      20,
    );
    const overdueSql = await timeMedian(
      () =>
        database.db.execute(
          sql`select a.*, (select min(x.date) from assignment_deadlines x where x.assignment_id = a.id) as next from assignments a join documents d on d.id = a.document_id where d.is_current and d.status = 'published' and a.agency_id = ${agencyId} and a.status in ('planned', 'in-progress', 'carried-over') and (select min(x.date) from assignment_deadlines x where x.assignment_id = a.id) < current_date order by next limit 8`,
        ),
      20,
    );
    figures.push(
      compare(
        'GET /api/home (agency coordinator, 1 000 assignments)',
        'ms',
        homeMs,
        { name: 'bare SQL of its overdue list', value: overdueSql },
        { target: '≤ 25× one list query; under 300 ms' },
      ),
    );
    await app.close();
    await database.close();
    return figures;
  },
};
