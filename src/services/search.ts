/**
 * Full-text search with PostgreSQL's `norwegian` configuration across documents and
 * assignments ("tilskuddsordning" finds "tilskuddsordninger").
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { assignments, documents } from '../db/schema';
import type { Actor } from '../server/policy';
import { nextDeadline, tsQuery } from './assignments';
import { countsFor, documentRef } from './documents';
import { visibleDocuments } from './visibility';

const headlineOptions = 'MaxWords=30, MinWords=10, StartSel=«, StopSel=», MaxFragments=2';

export async function search(
  db: Db,
  actor: Actor,
  input: { q: string; limit: number; offset: number },
) {
  const query = tsQuery(input.q);
  const docs = await db
    .select({
      document: documents,
      headline: sql<string>`ts_headline('norwegian', ${documents.body}, ${query}, ${headlineOptions})`,
    })
    .from(documents)
    .where(
      and(
        visibleDocuments(actor),
        eq(documents.isCurrent, true),
        sql`${documents.search} @@ ${query}`,
      ),
    )
    .orderBy(desc(sql`ts_rank(${documents.search}, ${query})`))
    .limit(input.limit)
    .offset(input.offset);
  const asgs = await db
    .select({
      assignment: assignments,
      document: documentRef,
      nextDeadline,
      headline: sql<string>`ts_headline('norwegian', ${assignments.body}, ${query}, ${headlineOptions})`,
    })
    .from(assignments)
    .innerJoin(documents, eq(documents.id, assignments.documentId))
    .where(
      and(
        visibleDocuments(actor),
        eq(documents.isCurrent, true),
        sql`${assignments.search} @@ ${query}`,
      ),
    )
    .orderBy(desc(sql`ts_rank(${assignments.search}, ${query})`))
    .limit(input.limit)
    .offset(input.offset);
  return {
    documents: docs,
    assignments: asgs,
    counts: await countsFor(
      db,
      docs.map((d) => d.document),
    ),
  };
}
