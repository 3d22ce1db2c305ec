/**
 * Carry-over (videreføring) of unfinished assignments between budget years.
 *
 * - The lists a letter prints ("Tidligere gitte oppdrag som ikke er ferdigstilt") are stored as
 *   carried_over rows and linked by the importer to the original assignment where that letter
 *   is imported; listCarriedOver shows each listed ID with its link, or as a placeholder.
 * - At year end the ministry gets a proposal: every assignment of the year that is not
 *   delivered, accepted, cancelled or merged. Confirming marks the chosen ones `carried-over`
 *   through the lifecycle (history, audit, optimistic concurrency per assignment).
 */
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import {
  CARRIED_OVER_CURSOR,
  PROPOSAL_CURSOR,
  type CarriedOverItem,
  type CarryOverCandidate,
  type CarryOverConfirmBody,
  type CarryOverConfirmResult,
} from '../contract/assignment-status';
import { cursorKeys, pageOf, type Cursor } from '../contract/pagination';
import type { Db } from '../db/client';
import { after, orderBy, type SortKey } from '../db/keyset';
import { assignments, carriedOver, documents } from '../db/schema';
import { CLOSED_STATUSES, allowedTransitions } from '../domain/lifecycle';
import { can, sideOf, type Actor } from '../domain/policy';
import { inRegister, nextDeadline } from './assignments';
import { assignmentLike, changeStatus } from './assignment-status';
import { visibleDocuments } from '../db/visibility';
import { documentRef } from './documents';

export interface AgencyYear {
  agency?: string | undefined;
  year?: number | undefined;
}

/** A page of a list: its size, and where it starts (the first page without a cursor). */
export interface Page {
  limit: number;
  cursor?: Cursor | undefined;
}

/** The carried-over list's order: the letter's year and number, the row's line, its id. */
const carriedOverKeys: SortKey[] = [
  { expr: documents.year },
  { expr: documents.number, nullable: true },
  { expr: carriedOver.lineStart },
  { expr: carriedOver.id },
];

/**
 * The carried-over lists of the visible current letters, each ID with its link: a page of them
 * (every one without `page`), with the cursor of the next.
 */
export async function listCarriedOver(
  db: Db,
  actor: Actor,
  filter: AgencyYear,
  page?: Page,
): Promise<{ items: CarriedOverItem[]; nextCursor: string | null }> {
  const start = cursorKeys(page?.cursor, CARRIED_OVER_CURSOR.letter);
  const query = db
    .select({
      row: carriedOver,
      document: {
        id: documents.id,
        title: documents.title,
        year: documents.year,
        number: documents.number,
        agencyName: documents.agencyName,
      },
      target: {
        id: assignments.id,
        registerId: assignments.registerId,
        year: assignments.year,
        title: assignments.title,
        status: assignments.status,
        version: assignments.version,
      },
      // A link into a letter the actor may not read is shown as a placeholder.
      // (The inner "documents" shadows the outer one inside the subquery.)
      targetVisible: sql<boolean>`exists (select 1 from ${documents} where ${documents.id} = ${assignments.documentId} and ${visibleDocuments(actor)})`,
    })
    .from(carriedOver)
    .innerJoin(documents, eq(documents.id, carriedOver.documentId))
    .leftJoin(assignments, eq(assignments.id, carriedOver.targetAssignmentId))
    .where(
      and(
        visibleDocuments(actor),
        eq(documents.isCurrent, true),
        filter.agency === undefined ? undefined : eq(documents.agencyId, filter.agency),
        filter.year === undefined ? undefined : eq(documents.year, filter.year),
        start === undefined ? undefined : after(carriedOverKeys, start),
      ),
    )
    .orderBy(...orderBy(carriedOverKeys))
    .$dynamic();
  const read = await (page === undefined ? query : query.limit(page.limit + 1));
  const { rows, nextCursor } =
    page === undefined
      ? { rows: read, nextCursor: null }
      : pageOf(
          read,
          page.limit,
          'letter',
          (r) => [r.document.year, r.document.number, r.row.lineStart, r.row.id],
          filter,
        );
  const items = rows.map((r): CarriedOverItem => {
    const linked = r.target !== null && r.targetVisible === true;
    return {
      id: r.row.id,
      printedId: r.row.printedId,
      title: r.row.title,
      listedIn: { documentId: r.document.id, title: r.document.title, year: r.document.year },
      agency: r.document.agencyName,
      state: linked ? 'linked' : 'placeholder',
      original: linked ? r.target : null,
      provenance: { startLine: r.row.lineStart, endLine: r.row.lineEnd },
    };
  });
  return { items, nextCursor };
}

/** The proposal's order: agency (none last), register ID, id. */
const proposalKeys: SortKey[] = [
  { expr: documents.agencyName, nullable: true },
  { expr: assignments.registerId },
  { expr: assignments.id },
];

/**
 * The year-end proposal: assignments of `year` (visible, current letters) that are not
 * delivered, accepted, cancelled or merged. Those already carried over are listed as confirmed.
 */
export async function carryOverProposal(
  db: Db,
  actor: Actor,
  filter: { agency?: string | undefined; year: number },
  page?: Page,
): Promise<{ items: CarryOverCandidate[]; nextCursor: string | null }> {
  const listedNextYear = sql<boolean>`exists (select 1 from carried_over co inner join documents nd on nd.id = co.document_id where co.target_assignment_id = ${assignments.id} and nd.is_current and nd.year > ${assignments.year})`;
  const start = cursorKeys(page?.cursor, PROPOSAL_CURSOR.agency);
  const query = db
    .select({ assignment: assignments, document: documentRef, nextDeadline, listedNextYear })
    .from(assignments)
    .innerJoin(documents, eq(documents.id, assignments.documentId))
    .where(
      and(
        visibleDocuments(actor),
        eq(documents.isCurrent, true),
        inRegister,
        eq(assignments.year, filter.year),
        filter.agency === undefined ? undefined : eq(assignments.agencyId, filter.agency),
        notInArray(assignments.status, [...CLOSED_STATUSES]),
        start === undefined ? undefined : after(proposalKeys, start),
      ),
    )
    .orderBy(...orderBy(proposalKeys))
    .$dynamic();
  const read = await (page === undefined ? query : query.limit(page.limit + 1));
  const { rows, nextCursor } =
    page === undefined
      ? { rows: read, nextCursor: null }
      : pageOf(
          read,
          page.limit,
          'agency',
          (r) => [r.document.agencyName, r.assignment.registerId, r.assignment.id],
          filter,
        );
  const items = rows.map(
    ({ assignment: a, document: d, nextDeadline: next, listedNextYear: listed }) => ({
      id: a.id,
      registerId: a.registerId,
      year: a.year,
      title: a.title,
      ownerDepartment: a.ownerDepartment,
      agency: d.agencyName,
      status: a.status,
      version: a.version,
      nextDeadline: next,
      confirmed: a.status === 'carried-over',
      listedNextYear: Boolean(listed),
      canConfirm:
        a.status !== 'carried-over' &&
        can(actor, 'assignments.carry-over', assignmentLike(a, d)) &&
        allowedTransitions(a.status, sideOf(actor, d)).includes('carried-over'),
    }),
  );
  return { items, nextCursor };
}

/**
 * Marks the chosen assignments `carried-over`, each on its own (one transaction per assignment,
 * with the version the ministry saw): one stale or refused item does not stop the others.
 */
export async function confirmCarryOver(
  db: Db,
  actor: Actor,
  body: CarryOverConfirmBody,
): Promise<CarryOverConfirmResult['results']> {
  const ids = body.items.map((i) => i.id);
  // Only assignments the actor may read: an invisible one must get the answer an unknown one
  // gets (not-found, from changeStatus), never its year.
  const years = new Map(
    (
      await db
        .select({ id: assignments.id, year: assignments.year, status: assignments.status })
        .from(assignments)
        .innerJoin(documents, eq(documents.id, assignments.documentId))
        .where(and(inArray(assignments.id, ids), visibleDocuments(actor)))
    ).map((r) => [r.id, r]),
  );
  const results: CarryOverConfirmResult['results'] = [];
  for (const item of body.items) {
    const known = years.get(item.id);
    if (known && known.year !== body.year) {
      results.push({
        id: item.id,
        outcome: 'refused',
        message: `The assignment belongs to ${known.year}, not ${body.year}`,
        status: null,
        version: null,
      });
      continue;
    }
    const out = await changeStatus(db, actor, item.id, {
      to: 'carried-over',
      comment: body.comment,
      expectedVersion: item.expectedVersion,
    });
    switch (out.kind) {
      case 'changed':
        results.push({
          id: item.id,
          outcome: 'carried-over',
          message: null,
          status: out.assignment.status,
          version: out.assignment.version,
        });
        break;
      case 'not-found':
        results.push({
          id: item.id,
          outcome: 'not-found',
          message: null,
          status: null,
          version: null,
        });
        break;
      case 'forbidden':
        results.push({
          id: item.id,
          outcome: 'forbidden',
          message: null,
          status: null,
          version: null,
        });
        break;
      case 'stale':
        results.push({
          id: item.id,
          outcome: 'stale-version',
          message: 'Changed since the proposal was read',
          status: out.current.status,
          version: out.current.version,
        });
        break;
      case 'refused':
        results.push({
          id: item.id,
          outcome: out.current.status === 'carried-over' ? 'already-carried-over' : 'refused',
          message: out.message,
          status: out.current.status,
          version: out.current.version,
        });
        break;
    }
  }
  return results;
}
