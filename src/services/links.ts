/**
 * Links between stored items that name each other by ID, wherever those are now in the register:
 * references, carried-over lists, and changes to earlier assignments (*presisering*). Run after
 * every write that adds, removes or renames an assignment (imports, corrections).
 */
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { readership } from '../db/visibility';
import { assignmentReferences, assignments, carriedOver, documents } from '../db/schema';

/**
 * Links references and carried-over lists to the assignments they name, wherever those are
 * now in the register (also references imported earlier that waited for this document).
 */
export async function resolveLinks(tx: Db, agencyId: string | null) {
  if (!agencyId) return;
  /** The current assignment of this agency registered under `id` (newest year first). */
  const target = (id: SQL) =>
    sql`(${tx
      .select({ id: assignments.id })
      .from(assignments)
      .innerJoin(documents, eq(documents.id, assignments.documentId))
      .where(
        and(
          eq(documents.isCurrent, true),
          eq(assignments.agencyId, agencyId),
          sql`${assignments.registerId} = ${id}`,
        ),
      )
      .orderBy(desc(assignments.year))
      .limit(1)})`;
  const agencyAssignments = tx
    .select({ id: assignments.id })
    .from(assignments)
    .where(eq(assignments.agencyId, agencyId));
  const agencyDocuments = tx
    .select({ id: documents.id })
    .from(documents)
    .where(eq(documents.agencyId, agencyId));
  await tx
    .update(assignmentReferences)
    .set({ targetAssignmentId: target(sql`${assignmentReferences.targetId}`) })
    .where(inArray(assignmentReferences.assignmentId, agencyAssignments));
  await tx
    .update(carriedOver)
    .set({ targetAssignmentId: target(sql`${carriedOver.printedId}`) })
    .where(inArray(carriedOver.documentId, agencyDocuments));
  await linkClarifications(tx, agencyId);
}

/**
 * Changes to earlier assignments (*presisering*) and the assignments they change. The parser
 * marks those it recognises; besides, an ID that a supplement prints and that an earlier
 * document of its ministry and year (the letter, or a supplement with a lower number) already
 * registers is that assignment: the same printed ID is the same assignment (domain/versions.ts).
 * Each change of a current document is then linked to the current assignment it names, or to
 * none while that one is not in Tildel (it is then listed on its own, so nothing is hidden).
 * A change is linked only to an assignment of its own ministry (another ministry's letter to
 * the same agency neither changes nor cancels it) and read at least as widely, so that whoever
 * sees the change shown with it may see that assignment too.
 */
async function linkClarifications(tx: Db, agencyId: string) {
  const a = assignments;
  await tx.execute(sql`
    update ${a} set clarifies = ${a.registerId}
    from ${documents} d
    where d.id = ${a.documentId} and d.kind = 'supplement' and d.is_current
      and ${a.agencyId} = ${agencyId} and ${a.printedId} is not null and ${a.clarifies} is null
      and exists (
        select 1 from ${a} e join ${documents} ed on ed.id = e.document_id
        where e.agency_id = ${agencyId} and e.register_id = ${a.registerId}
          and e.clarifies is null and ed.is_current and ed.year = d.year and ed.number < d.number
          and ed.ministry_id = d.ministry_id
      )`);
  await tx.execute(sql`
    update ${a} set clarified_assignment_id = case when d.is_current then (
        select e.id from ${a} e join ${documents} ed on ed.id = e.document_id
        where e.agency_id = ${agencyId} and e.register_id = ${a.clarifies}
          and e.clarifies is null and ed.is_current and e.id <> ${a.id}
          and ed.ministry_id = d.ministry_id
          and ${readership(sql`ed.status`)} >= ${readership(sql`d.status`)}
        order by ed.year desc, ed.number limit 1
      ) end
    from ${documents} d
    where d.id = ${a.documentId} and ${a.agencyId} = ${agencyId} and ${a.clarifies} is not null`);
}
