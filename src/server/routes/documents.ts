import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DocumentDetail, DocumentList, ErrorBody, IdParam, Page } from '../../contract/api';
import { getDocument, listDocuments } from '../../services/documents';
import { presentDocumentDetail, presentDocumentSummary } from '../presenters/document';

export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/documents',
    {
      config: { action: 'documents.list' },
      schema: {
        summary: 'Allocation letters and supplements the caller may read',
        querystring: Page.extend({ year: z.coerce.number().int().optional() }),
        response: { 200: DocumentList },
      },
    },
    async (request) => {
      const { rows, total, counts } = await listDocuments(
        app.database.db,
        request.actor,
        request.query,
      );
      return {
        items: rows.map((d) => presentDocumentSummary(request.actor, d, counts.get(d.id)!)),
        total,
      };
    },
  );

  app.get(
    '/api/documents/:id',
    {
      config: { action: 'documents.read' },
      schema: {
        summary: 'One document with its items and source lines',
        params: IdParam,
        response: { 200: DocumentDetail, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const found = await getDocument(app.database.db, request.actor, request.params.id);
      // Not readable and absent look the same: no existence leak.
      if (!found) return reply.code(404).send({ error: 'not-found', message: 'No such document' });
      return presentDocumentDetail(request.actor, found);
    },
  );
};
