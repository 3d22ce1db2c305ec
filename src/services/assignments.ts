/**
 * The assignment register (oppdrag) across documents and years: listing, Norwegian full-text
 * search and detail.
 */
import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import {
  REGISTER_COUNT_CAP,
  REGISTER_CURSOR,
  registerOrder,
  type AssignmentFilters,
  type RegisterSort,
} from '../contract/api';
import { cursorKeys, pageOf, type Cursor, type CursorKey } from '../contract/pagination';
import { after, orderBy as keysetOrder, type SortKey } from '../db/keyset';
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
 * Whether the deadlines of an item (`a`: the assignments table or an alias of it) are deadlines
 * of the assignment it is, or changes: all but those of a deadline change linked to the
 * assignment it changes. The register writes the latest such change's deadline onto that
 * assignment itself (src/services/assignment-changes.ts), so a change's own rows would count an
 * earlier change's deadline, or the latest one twice. The one rule for every query that reads
 * deadlines with those of the changes (next deadline, calendar and iCal, reminders, digests).
 */
export const addsDeadlines = (a: { clarifiedAssignmentId: AnyPgColumn; change: AnyPgColumn }) =>
  sql`(${a.clarifiedAssignmentId} is null or ${a.change} is distinct from 'deadline')`;

const change = alias(assignments, 'c');

/**
 * The earliest dated deadline of an assignment, its own or one set by an issued supplement's
 * change to it (*presisering*; a draft's is not anyone's deadline yet, and not for all to see).
 */
export const nextDeadline = sql<
  string | null
>`(select min(n.date)::text from (select ${assignmentDeadlines.date} as date from ${assignmentDeadlines} where ${assignmentDeadlines.assignmentId} = ${assignments.id} union all select cx.date from ${assignments} ${change} join ${assignmentDeadlines} cx on cx.assignment_id = ${change.id} where ${change.clarifiedAssignmentId} = ${assignments.id} and ${addsDeadlines(change)} and exists (select 1 from ${documents} cd where cd.id = ${change.documentId} and cd.is_current and cd.status = 'published')) n)`;

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

/** What the register is read with: its filters, a page's size and where the page starts. */
export type RegisterRead = AssignmentFilters & { limit: number; cursor?: Cursor | undefined };

/**
 * Each order of the register as sort keys, the id last (src/contract/api.ts `REGISTER_CURSOR`
 * names their types). `year` and `id` are read along an index (src/db/schema.ts); `deadline`
 * sorts on a computed value and `relevance` ranks every match, so each page of those costs what
 * the filtered matches cost.
 */
function registerKeys(order: RegisterSort, q: string | undefined): SortKey[] {
  const id = { expr: assignments.id };
  switch (order) {
    case 'deadline':
      return [{ expr: nextDeadline, nullable: true }, { expr: assignments.registerId }, id];
    case 'id':
      return [{ expr: assignments.registerId }, { expr: assignments.year, desc: true }, id];
    case 'year':
      return [{ expr: assignments.year, desc: true }, { expr: assignments.registerId }, id];
    case 'relevance':
      return [
        {
          expr: sql`ts_rank(${assignments.search}, ${tsQuery(q ?? '')})::float8`,
          desc: true,
          cast: 'double precision',
        },
        { expr: assignments.registerId },
        id,
      ];
  }
}

/**
 * One page of the register as the actor may read it, with how many match (counted up to
 * `countUpTo`, default `REGISTER_COUNT_CAP`: `totalCapped` when there are more).
 */
export async function listAssignments(
  db: Db,
  actor: Actor,
  query: RegisterRead,
  opts: { countUpTo?: number } = {},
) {
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
  const order = registerOrder(query);
  const keys = registerKeys(order, query.q);
  const start = cursorKeys(query.cursor, REGISTER_CURSOR[order]);
  const cap = opts.countUpTo ?? REGISTER_COUNT_CAP;
  const matching = db
    .select({ one: sql`1` })
    .from(assignments)
    .innerJoin(documents, eq(documents.id, assignments.documentId))
    .where(where);
  const [rows, [counted]] = await Promise.all([
    db
      .select({
        assignment: assignments,
        document: documentRef,
        nextDeadline,
        ownerName,
        rank: order === 'relevance' ? (keys[0]!.expr as SQL<number>) : sql<null>`null`,
      })
      .from(assignments)
      .innerJoin(documents, eq(documents.id, assignments.documentId))
      .where(start === undefined ? where : and(where, after(keys, start)))
      .orderBy(...keysetOrder(keys))
      .limit(query.limit + 1),
    // Counting stops at the cap: a page of a national register must not count all of it.
    Number.isFinite(cap)
      ? db.select({ n: sql<number>`count(*)::int` }).from(matching.limit(cap + 1).as('matching'))
      : db
          .select({ n: sql<number>`count(*)::int` })
          .from(assignments)
          .innerJoin(documents, eq(documents.id, assignments.documentId))
          .where(where),
  ]);
  const n = Number(counted?.n ?? 0);
  const page = pageOf(
    rows,
    query.limit,
    order,
    (r): CursorKey[] => {
      const a = r.assignment;
      if (order === 'id') return [a.registerId, a.year, a.id];
      const first =
        order === 'year' ? a.year : order === 'deadline' ? r.nextDeadline : Number(r.rank);
      return [first, a.registerId, a.id];
    },
    query,
  );
  return {
    rows: page.rows,
    nextCursor: page.nextCursor,
    total: Math.min(n, cap),
    totalCapped: n > cap,
  };
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
