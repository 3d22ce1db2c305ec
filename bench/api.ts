/**
 * API scenario: requests through the real server (routing, validation, policy, presenters)
 * against the bare SQL query underneath, on an in-memory PGlite with a generated register.
 */
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/client';
import { buildApp } from '../src/server/app';
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
    const app = await buildApp({ database, webDir: '/nonexistent' });
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
    await app.close();
    await database.close();
    return figures;
  },
};
