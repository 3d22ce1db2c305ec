/**
 * GET /api/audit?objectType=&objectId=: the audit history of one object. Readable by the
 * ministry users of the document's ministry, by the agency once the document is shared, and by
 * auditors and administrators; other objects (users, sessions, organisations) only by auditors
 * and administrators. Not readable and absent look the same (404).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody } from '../../contract/api';
import { AuditHistory, AuditQuery } from '../../contract/auth';
import { readableAuditHistory } from '../../services/audit-history';
import { presentAuditEntry } from '../presenters/audit';
import { sendError } from '../reply';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    {
      config: { action: 'audit.read' },
      schema: {
        summary:
          'The audit history of one object (who, when, what, before and after), oldest first, a page at a time',
        querystring: AuditQuery,
        response: { 200: AuditHistory, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const { objectType, objectId, ...page } = request.query;
      const found = await readableAuditHistory(
        app.database.db,
        request.actor,
        objectType,
        objectId,
        page,
      );
      if (!found) return sendError(reply, 404, 'not-found', 'No such object');
      return { entries: found.entries.map(presentAuditEntry), nextCursor: found.nextCursor };
    },
  );
};
