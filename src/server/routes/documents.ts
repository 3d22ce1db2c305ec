import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DocumentDetail, DocumentList, ErrorBody, IdParam, Page } from '../../contract/api';
import {
  DocumentRefusedBody,
  DocumentStaleBody,
  DocumentStatusChangeBody,
  DocumentStatusChangeResult,
} from '../../contract/document-status';
import { changeDocumentStatus } from '../../services/document-status';
import { getDocument, listDocuments } from '../../services/documents';
import { presentDocumentDetail, presentDocumentSummary } from '../presenters/document';
import { replyFor, sendError } from '../reply';
import { CorrectionBody, CorrectionResult } from '../../contract/review';
import { correctItem } from '../../services/corrections';
import { presentCorrection } from '../presenters/correction';

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
      if (!found) return sendError(reply, 404, 'not-found', 'No such document');
      return presentDocumentDetail(request.actor, found);
    },
  );

  app.post(
    '/api/documents/:id/status',
    {
      config: { action: 'documents.update' },
      schema: {
        summary: 'Share a draft with the agency for consultation, withdraw it, or issue it',
        description:
          'Applies only if the status is still at `expectedVersion` (the `statusVersion` read; 409 otherwise). 422 when the lifecycle refuses it: issued documents are final.',
        params: IdParam,
        body: DocumentStatusChangeBody,
        response: {
          200: DocumentStatusChangeResult,
          403: ErrorBody,
          404: ErrorBody,
          409: DocumentStaleBody,
          422: DocumentRefusedBody,
        },
      },
    },
    async (request, reply) => {
      const out = await changeDocumentStatus(
        app.database.db,
        request.actor,
        request.params.id,
        request.body,
      );
      return replyFor(reply, 'document', out, (o) => ({ document: o.document, event: o.event }));
    },
  );

  app.post(
    '/api/documents/:id/corrections',
    {
      config: { action: 'documents.correct' },
      schema: {
        summary:
          'Correct what the importer read of an item (owner, title, ID, a deadline, an amount)',
        description:
          'Changes the current version of the document and is kept with its series, so that a re-import of the same letter keeps it. 409 on an earlier version; 422 when the item has no such field or already is what is asked.',
        params: IdParam,
        body: CorrectionBody,
        response: {
          200: CorrectionResult,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
          422: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const out = await correctItem(
        app.database.db,
        request.actor,
        request.params.id,
        request.body,
      );
      return replyFor(reply, 'document', out, (o) => ({
        correction: presentCorrection(o.correction),
      }));
    },
  );
};
