/**
 * The audit history of one object, for those who may read it: the ministry users of the
 * document's ministry, the agency once the document is shared, auditors and administrators;
 * other objects (users, sessions, organisations) only auditors and administrators. Not
 * readable and absent look the same (null).
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { AUDIT_CURSOR } from '../contract/auth';
import { cursorKeys, pageOf, type Cursor } from '../contract/pagination';
import type { Db } from '../db/client';
import { assignments, documents } from '../db/schema';
import { can, readsEverything, type Actor, type AssignmentLike } from '../domain/policy';
import { actorNames, nameOf } from './actor-names';
import { storedActorOf } from '../domain/actors';
import { auditHistory } from './audit';

const isUuid = (v: string) => z.uuid().safeParse(v).success;

/** The document-like fields that decide who may read an object's history, or null. */
async function objectScope(db: Db, type: string, id: string): Promise<AssignmentLike | null> {
  if (!isUuid(id)) return null;
  if (type === 'document') {
    const [doc] = await db
      .select({
        status: documents.status,
        agencyId: documents.agencyId,
        ministryId: documents.ministryId,
      })
      .from(documents)
      .where(eq(documents.id, id));
    return doc ?? null;
  }
  if (type === 'assignment') {
    const [row] = await db
      .select({
        status: documents.status,
        agencyId: documents.agencyId,
        ministryId: documents.ministryId,
        ownerDepartment: assignments.ownerDepartment,
        ownerUserId: assignments.ownerUserId,
      })
      .from(assignments)
      .innerJoin(documents, eq(documents.id, assignments.documentId))
      .where(eq(assignments.id, id));
    return row ?? null;
  }
  return null;
}

async function mayReadHistory(db: Db, actor: Actor, type: string, id: string) {
  if (readsEverything(actor)) return true;
  const scope = await objectScope(db, type, id);
  return scope !== null && can(actor, 'audit.read', scope);
}

/**
 * A page of the entries, oldest first, with the names of the people who made them, and the
 * cursor of the next page; null if not readable.
 */
export async function readableAuditHistory(
  db: Db,
  actor: Actor,
  type: string,
  id: string,
  page: { limit: number; cursor?: Cursor | undefined },
) {
  if (!(await mayReadHistory(db, actor, type, id))) return null;
  const [afterSeq] = cursorKeys(page.cursor, AUDIT_CURSOR.seq) ?? [];
  const read = await auditHistory(
    db,
    type,
    id,
    page.limit + 1,
    typeof afterSeq === 'number' ? afterSeq : undefined,
  );
  const { rows, nextCursor } = pageOf(read, page.limit, 'seq', (e) => [e.seq], {
    ...page,
    objectType: type,
    objectId: id,
  });
  const names = await actorNames(db, rows.map(storedActorOf));
  return {
    entries: rows.map((e) => ({ ...e, actorName: nameOf(names, storedActorOf(e)) })),
    nextCursor,
  };
}
