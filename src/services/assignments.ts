/**
 * The assignment register (oppdrag) across documents and years: listing, Norwegian full-text
 * search and detail.
 */
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { AssignmentQuery } from '../contract/api';
import type { Db } from '../db/client';
import {
  assignmentCollaborators,
  assignmentDeadlines,
  assignmentFunding,
  assignmentReferences,
  assignments,
  documents,
  subAssignments,
  users,
} from '../db/schema';
import { CLOSED_STATUSES, OPEN_STATUSES } from '../domain/lifecycle';
import type { Actor } from '../domain/policy';
import { readsWorkDialogue, visibleDocuments } from '../db/visibility';
import { documentRef } from './documents';

/**
 * The earliest dated deadline of an assignment, its own or one set by an issued supplement's
 * change to it (*presisering*; a draft's is not anyone's deadline yet, and not for all to see).
 */
export const nextDeadline = sql<
  string | null
>`(select min(n.date)::text from (select ${assignmentDeadlines.date} as date from ${assignmentDeadlines} where ${assignmentDeadlines.assignmentId} = ${assignments.id} union all select cx.date from ${assignments} c join ${assignmentDeadlines} cx on cx.assignment_id = c.id where c.clarified_assignment_id = ${assignments.id} and exists (select 1 from ${documents} cd where cd.id = c.document_id and cd.is_current and cd.status = 'published')) n)`;

/** The name of the person in the agency who has the assignment. */
export const ownerName = sql<
  string | null
>`(select ${users.name} from ${users} where ${users.id} = ${assignments.ownerUserId})`;

/** Rows that are assignments of the register: not a change linked to the assignment it changes. */
export const inRegister = isNull(assignments.clarifiedAssignmentId);

export function tsQuery(q: string): SQL {
  return sql`websearch_to_tsquery('norwegian', ${q})`;
}

/** The caller's user id for `owner=me` (a uuid nobody has for anyone else). */
const meOf = (actor: Actor) =>
  actor.kind === 'user' ? actor.id : '00000000-0000-0000-0000-000000000000';

export async function listAssignments(db: Db, actor: Actor, query: AssignmentQuery) {
  const where = and(
    visibleDocuments(actor),
    eq(documents.isCurrent, true),
    inRegister,
    query.year === undefined ? undefined : eq(assignments.year, query.year),
    query.agency === undefined ? undefined : eq(assignments.agencyId, query.agency),
    query.ownerDepartment === undefined
      ? undefined
      : query.ownerDepartment === 'none'
        ? isNull(assignments.ownerDepartment)
        : eq(assignments.ownerDepartment, query.ownerDepartment),
    query.status === undefined ? undefined : eq(assignments.status, query.status),
    query.owner === undefined
      ? undefined
      : query.owner === 'me'
        ? eq(assignments.ownerUserId, meOf(actor))
        : // Who has the work is the work dialogue's: others cannot filter by it either.
          and(
            readsWorkDialogue(actor),
            query.owner === 'none'
              ? isNull(assignments.ownerUserId)
              : eq(assignments.ownerUserId, query.owner),
          ),
    query.progress === undefined ? undefined : eq(assignments.progress, query.progress),
    query.open === undefined
      ? undefined
      : inArray(assignments.status, [...(query.open ? OPEN_STATUSES : CLOSED_STATUSES)]),
    query.q === undefined ? undefined : sql`${assignments.search} @@ ${tsQuery(query.q)}`,
    query.dueFrom === undefined ? undefined : sql`${nextDeadline} >= ${query.dueFrom}`,
    query.dueTo === undefined ? undefined : sql`${nextDeadline} <= ${query.dueTo}`,
  );
  const sort =
    query.sort ??
    (query.q !== undefined
      ? 'relevance'
      : query.dueFrom !== undefined || query.dueTo !== undefined
        ? 'deadline'
        : 'year');
  const orders = {
    deadline: () => [sql`${nextDeadline} asc nulls last`, asc(assignments.registerId)],
    id: () => [asc(assignments.registerId), desc(assignments.year)],
    year: () => [desc(assignments.year), asc(assignments.registerId)],
    relevance: () => [
      desc(sql`ts_rank(${assignments.search}, ${tsQuery(query.q ?? '')})`),
      asc(assignments.registerId),
    ],
  };
  const order = orders[sort]();
  const [rows, totals] = await Promise.all([
    db
      .select({ assignment: assignments, document: documentRef, nextDeadline, ownerName })
      .from(assignments)
      .innerJoin(documents, eq(documents.id, assignments.documentId))
      .where(where)
      .orderBy(...order)
      .limit(query.limit)
      .offset(query.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(assignments)
      .innerJoin(documents, eq(documents.id, assignments.documentId))
      .where(where),
  ]);
  return { rows, total: Number(totals[0]?.n ?? 0) };
}

export type AssignmentFull = NonNullable<Awaited<ReturnType<typeof getAssignment>>>;

export async function getAssignment(db: Db, actor: Actor, id: string) {
  const [row] = await db
    .select({ assignment: assignments, document: documentRef, nextDeadline, ownerName })
    .from(assignments)
    .innerJoin(documents, eq(documents.id, assignments.documentId))
    .where(and(eq(assignments.id, id), visibleDocuments(actor)));
  if (!row) return null;
  const [deadlines, subs, collaborators, references, funding] = await Promise.all([
    db
      .select()
      .from(assignmentDeadlines)
      .where(eq(assignmentDeadlines.assignmentId, id))
      .orderBy(asc(assignmentDeadlines.date)),
    db
      .select()
      .from(subAssignments)
      .where(eq(subAssignments.assignmentId, id))
      .orderBy(asc(subAssignments.letter)),
    db.select().from(assignmentCollaborators).where(eq(assignmentCollaborators.assignmentId, id)),
    db.select().from(assignmentReferences).where(eq(assignmentReferences.assignmentId, id)),
    db.select().from(assignmentFunding).where(eq(assignmentFunding.assignmentId, id)),
  ]);
  return {
    ...row,
    deadlines,
    subAssignments: subs,
    collaborators,
    references,
    funding,
    clarifications: await clarificationsOf(db, actor, id),
  };
}

/** The changes supplements made to an assignment (*presisering*), oldest document first. */
async function clarificationsOf(db: Db, actor: Actor, id: string) {
  const rows = await db
    .select({ assignment: assignments, document: documentRef })
    .from(assignments)
    .innerJoin(documents, eq(documents.id, assignments.documentId))
    .where(
      and(
        eq(assignments.clarifiedAssignmentId, id),
        eq(documents.isCurrent, true),
        visibleDocuments(actor),
      ),
    )
    .orderBy(asc(documents.year), asc(documents.number), asc(assignments.ord));
  if (rows.length === 0) return [];
  const deadlines = await db
    .select()
    .from(assignmentDeadlines)
    .where(
      inArray(
        assignmentDeadlines.assignmentId,
        rows.map((r) => r.assignment.id),
      ),
    )
    .orderBy(asc(assignmentDeadlines.date));
  return rows.map((r) => ({
    ...r,
    deadlines: deadlines.filter((d) => d.assignmentId === r.assignment.id),
  }));
}
