/**
 * The register's filter choices as the actor may read it (contract `Facets`): every year of
 * the current documents and every owner department of the register's assignments in them,
 * not those on a first page. Both distinct lists come from indexes: the years from
 * `documents_ministry_idx` (year with the columns the read rule tests), the departments by
 * skipping along `assignments_department_idx` from one code to the next (a recursive query,
 * one index probe per code) and keeping a code when one of its assignments is in a document
 * the actor reads; the reading stops at the first such assignment (docs/scale.md).
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { FACET_MAX_DEPARTMENTS, FACET_MAX_YEARS, type Facets } from '../contract/facets';
import { queryRows, type Db } from '../db/client';
import { assignments, documents } from '../db/schema';
import { visibleDocuments } from '../db/visibility';
import type { Actor } from '../domain/policy';

/** The years the actor's documents hold, the newest first (at most `FACET_MAX_YEARS`). */
async function years(db: Db, actor: Actor): Promise<number[]> {
  const rows = await db
    .selectDistinct({ year: documents.year })
    .from(documents)
    .where(and(visibleDocuments(actor), eq(documents.isCurrent, true)))
    .orderBy(desc(documents.year))
    .limit(FACET_MAX_YEARS);
  return rows.map((r) => r.year);
}

/** The owner departments of the register the actor reads, in code order (at most `FACET_MAX_DEPARTMENTS`). */
async function departments(db: Db, actor: Actor): Promise<string[]> {
  // The rows of assignments_department_idx: in the register, with a department.
  const indexed = sql`${assignments.clarifiedAssignmentId} is null and ${assignments.ownerDepartment} is not null`;
  const rows = await queryRows<{ code: string }>(
    db,
    sql`with recursive codes(code) as (
          (select ${assignments.ownerDepartment} from ${assignments}
           where ${indexed} order by ${assignments.ownerDepartment} limit 1)
          union all
          select (select ${assignments.ownerDepartment} from ${assignments}
                  where ${indexed} and ${assignments.ownerDepartment} > codes.code
                  order by ${assignments.ownerDepartment} limit 1)
          from codes where codes.code is not null
        )
        select codes.code from codes
        cross join lateral (
          select 1 from ${assignments}
          join ${documents} on ${documents.id} = ${assignments.documentId}
          where ${indexed} and ${assignments.ownerDepartment} = codes.code
            and ${documents.isCurrent} and ${visibleDocuments(actor)}
          limit 1) as readable
        where codes.code is not null
        order by codes.code
        limit ${FACET_MAX_DEPARTMENTS}`,
  );
  return rows.map((r) => r.code);
}

/** The years and owner departments to offer as filters, from what the actor may read. */
export async function facets(db: Db, actor: Actor): Promise<Facets> {
  return { years: await years(db, actor), departments: await departments(db, actor) };
}
