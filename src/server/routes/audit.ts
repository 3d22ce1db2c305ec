/**
 * GET /api/audit?objectType=&objectId=: the audit history of one object. Readable by the
 * ministry users of the document's ministry, by the agency once the document is shared, and by
 * auditors and administrators; other objects (users, sessions, organisations) only by auditors
 * and administrators. Not readable and absent look the same (404).
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody } from '../../contract/api';
import { AuditHistory, AuditQuery } from '../../contract/auth';
import type { Db } from '../../db/client';
import { assignments, documents } from '../../db/schema';
import { auditHistory } from '../../services/audit';
import { can, readsEverything, type Actor, type AssignmentLike } from '../../domain/policy';
import { sendError } from '../reply';
import { actorNames } from '../../services/actor-names';

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

export async function mayReadHistory(db: Db, actor: Actor, type: string, id: string) {
  if (readsEverything(actor)) return true;
  const scope = await objectScope(db, type, id);
  return scope !== null && can(actor, 'audit.read', scope);
}

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    {
      config: { action: 'audit.read' },
      schema: {
        summary: 'The audit history of one object (who, when, what, before and after)',
        querystring: AuditQuery,
        response: { 200: AuditHistory, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const db = app.database.db;
      const { objectType, objectId } = request.query;
      if (!(await mayReadHistory(db, request.actor, objectType, objectId))) {
        return sendError(reply, 404, 'not-found', 'No such object');
      }
      const entries = await auditHistory(db, objectType, objectId);
      const names = await actorNames(
        db,
        entries.map((e) => e.actor),
      );
      return {
        entries: entries.map((e) => ({
          ...e,
          at: e.at.toISOString(),
          actorName: names.get(e.actor) ?? null,
        })),
      };
    },
  );
};
