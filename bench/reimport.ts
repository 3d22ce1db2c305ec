/**
 * Status changes while the letter they belong to is re-imported: every change the server
 * acknowledged must be in the current version's history afterwards (issue 18: none lost).
 * On PostgreSQL when BENCH_DATABASE_URL is set (real parallel transactions), else PGlite.
 * Prints the counts beside the target (0 lost) and the time per change against the same
 * changes without imports running alongside.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Db } from '../src/db/client';
import { assignments, documents } from '../src/db/schema';
import { changeStatus } from '../src/services/assignment-status';
import { buildAssignment, buildDocument, storeDocuments } from '../src/testing/factories';
import { compare, type Scenario } from './harness';

const ROUNDS = 12;
const ASSIGNMENTS = 20;
const system = { kind: 'system' as const, name: 'bench' };

async function round(
  db: Db,
  ids: string[],
  versions: Map<string, number>,
  reimport?: () => Promise<unknown>,
) {
  let acknowledged = 0;
  const started = process.hrtime.bigint();
  const changes = ids.map(async (id, i) => {
    const version = versions.get(id)!;
    const out = await changeStatus(db, system, id, {
      to: version % 2 === 1 ? 'in-progress' : 'planned',
      expectedVersion: version,
    });
    if (out.kind === 'changed') {
      acknowledged++;
      versions.set(id, out.assignment.version);
    } else if (out.kind === 'stale') versions.set(id, out.current.version);
    return i;
  });
  await Promise.all([...changes, reimport?.()]);
  return { acknowledged, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

export const reimportScenario: Scenario = {
  name: 'Status changes during re-imports (none lost)',
  async run() {
    const url = process.env.BENCH_DATABASE_URL;
    const database = await openDatabase(url ? { url } : { dataDir: 'memory://' });
    await database.migrate();
    const db = database.db;
    const letter = buildDocument({
      assignments: Array.from({ length: ASSIGNMENTS }, (_, i) => {
        const id = `TB2030-${String(i + 1).padStart(2, '0')}`;
        return buildAssignment({ id, assignedId: id, title: `Oppdrag ${i + 1}` });
      }),
    });
    const first = (await storeDocuments(db, [letter])).documents[0]!;
    const rows = await db
      .select({ id: assignments.id, version: assignments.version })
      .from(assignments)
      .where(eq(assignments.documentId, first.id));
    const ids = rows.map((r) => r.id);
    const versions = new Map(rows.map((r) => [r.id, r.version]));

    let acknowledged = 0;
    let quietMs = 0;
    let busyMs = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const quiet = await round(db, ids, versions);
      const next = {
        ...letter,
        appropriations: letter.appropriations.map((a) => ({ ...a, amount: a.amount + r + 1 })),
      };
      const busy = await round(db, ids, versions, () => storeDocuments(db, [next]));
      acknowledged += quiet.acknowledged + busy.acknowledged;
      quietMs += quiet.ms;
      busyMs += busy.ms;
    }

    // What the current version holds: the ids every client had, with their histories.
    const [current] = await db
      .select({ id: documents.id, version: documents.version })
      .from(documents)
      .where(
        and(
          eq(documents.seriesKey, sql`(select series_key from documents where id = ${first.id})`),
          eq(documents.isCurrent, true),
        ),
      );
    const live = await db
      .select({ id: assignments.id })
      .from(assignments)
      .where(and(eq(assignments.documentId, current!.id), inArray(assignments.id, ids)));
    const [stored] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from assignment_events where assignment_id in (select id from assignments where document_id = ${current!.id})`,
    );
    const lost = acknowledged - stored!.n;
    await database.close();
    const changes = ROUNDS * ASSIGNMENTS;
    return [
      compare(
        `status change during a re-import (${database.kind})`,
        'ms per round of 20',
        busyMs / ROUNDS,
        { name: 'same changes, no import', value: quietMs / ROUNDS },
        {
          acknowledged,
          stored: stored!.n,
          lost,
          'lost target': 0,
          verdict: lost === 0 && live.length === ASSIGNMENTS ? 'holds' : 'falls short',
          versions: current!.version,
          attempted: changes * 2,
        },
      ),
    ];
  },
};
