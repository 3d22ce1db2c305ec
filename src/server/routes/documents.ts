import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DocumentList, DocumentQuery, ErrorBody, IdParam } from '../../contract/api';
import {
  DOCUMENT_PARTS,
  DocumentDetail,
  DocumentPartPages,
  DocumentPartQueries,
  type DocumentPartName,
} from '../../contract/document';
import {
  DocumentRefusedBody,
  DocumentStaleBody,
  DocumentStatusChangeBody,
  DocumentStatusChangeResult,
} from '../../contract/document-status';
import { changeDocumentStatus } from '../../services/document-status';
import {
  documentSourcePdf,
  getDocument,
  listDocuments,
  readDocumentPart,
  type Conditional,
} from '../../services/documents';
import {
  presentDocumentDetail,
  presentDocumentPart,
  presentDocumentSummary,
} from '../presenters/document';
import { attachmentDisposition, replyFor, sendError } from '../reply';
import { CorrectionBody, CorrectionResult } from '../../contract/review';
import { correctItem } from '../../services/corrections';
import { presentCorrection } from '../presenters/correction';

const PART_SUMMARY: Record<DocumentPartName, string> = {
  lines: "A document's source text, line by line (paged by line number)",
  appropriations:
    "A document's appropriations (kapittel, post, amount), with how sure the importer is of each",
  assignments:
    "A document's assignments, with their status now and how sure the importer is of each",
  corrections: 'The corrections people made to what the importer read of a document, oldest first',
  calendar: "A document's steering calendar (styringskalender): dates and what is due",
  goals: "A document's goals",
  otherItems:
    'The rest of what was read from a document: priorities, steering parameters, authorities, earmarks, requirements, …',
  unparsed: 'The text of a document the importer could not place',
  warnings: 'What the importer warned of when it read the document',
};

const NotModified = z.null().meta({
  description: 'Not modified: the copy the caller has (its ETag in `If-None-Match`) is current',
});

/** The entity tags of `If-None-Match` (compared weakly, as for GET: W/"x" matches "x"). */
function entityTags(request: FastifyRequest): string[] {
  const header = request.headers['if-none-match'];
  if (typeof header !== 'string') return [];
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//u, ''))
    .filter(Boolean);
}

/**
 * Answers a conditional read: 404 when the document is not readable (as when absent: no
 * existence leak), 304 when the caller's copy is current, else the presented body; with the ETag
 * and how it may be cached. A signed-in caller's answer holds what they may do: private. An
 * anonymous caller reads the issued letters everyone reads: public; both revalidate every time
 * (a 304 is one short query), and vary by who asks.
 */
function sendConditional<T, B>(
  request: FastifyRequest,
  reply: FastifyReply,
  out: Conditional<T> | null,
  present: (data: T) => B,
) {
  if (!out) return sendError(reply, 404, 'not-found', 'No such document');
  reply
    .header('etag', out.etag)
    .header(
      'cache-control',
      request.actor.kind === 'anonymous' ? 'public, no-cache' : 'private, no-cache',
    )
    .header('vary', 'Cookie, Authorization');
  if (out.status === 'not-modified') return reply.code(304).send();
  return present(out.data);
}

export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/documents',
    {
      config: { action: 'documents.list' },
      schema: {
        summary: 'Allocation letters and supplements the caller may read, a page at a time',
        querystring: DocumentQuery,
        response: { 200: DocumentList },
      },
    },
    async (request) => {
      const { rows, total, counts, nextCursor } = await listDocuments(
        app.database.db,
        request.actor,
        request.query,
      );
      return {
        items: rows.map((d) => presentDocumentSummary(request.actor, d, counts.get(d.id)!)),
        total,
        nextCursor,
      };
    },
  );

  app.get(
    '/api/documents/:id',
    {
      config: { action: 'documents.read' },
      schema: {
        summary: 'One document: what it is, what the caller may do, and where its parts are read',
        description:
          'The items and source text are read part by part (`parts`: `GET /api/documents/{id}/parts/{part}`). Answers carry a strong ETag: send it back as `If-None-Match` for a 304 when nothing changed (docs/api.md).',
        params: IdParam,
        response: { 200: DocumentDetail, 304: NotModified, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const out = await getDocument(app.database.db, request.actor, request.params.id, {
        ifNoneMatch: entityTags(request),
      });
      return sendConditional(request, reply, out, (meta) =>
        presentDocumentDetail(request.actor, meta),
      );
    },
  );

  for (const part of DOCUMENT_PARTS) {
    app.get(
      `/api/documents/:id/parts/${part}`,
      {
        config: { action: 'documents.read' },
        schema: {
          summary: PART_SUMMARY[part],
          description: `A page of the part: \`items\`, \`total\` (items in the whole part) and \`nextCursor\` (send it as \`cursor\` for the next page; null on the last). Readable exactly when the document is (else 404); conditional like the document (\`If-None-Match\` → 304).`,
          params: IdParam,
          querystring: DocumentPartQueries[part],
          response: { 200: DocumentPartPages[part], 304: NotModified, 404: ErrorBody },
        },
      },
      async (request, reply) => {
        const out = await readDocumentPart(
          app.database.db,
          request.actor,
          request.params.id,
          part,
          request.query,
          { ifNoneMatch: entityTags(request) },
        );
        return sendConditional(request, reply, out, (rows) =>
          presentDocumentPart(request.actor, rows),
        );
      },
    );
  }

  app.get(
    '/api/documents/:id/source.pdf',
    {
      config: { action: 'documents.read' },
      schema: {
        summary: 'The PDF a document was imported from, as uploaded',
        description:
          'Byte for byte, shown inline; its ETag is the file’s SHA-256 (`If-None-Match` → 304). Readable exactly when the document is; 404 also when the document was not imported from a PDF, or was imported before the file was kept. Where each line of the `lines` part is printed: that part’s `boxes`.',
        params: IdParam,
        produces: ['application/pdf'],
        response: {
          200: z.any().meta({ description: 'The PDF file' }),
          304: NotModified,
          404: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const file = await documentSourcePdf(app.database.db, request.actor, request.params.id);
      if (!file) return sendError(reply, 404, 'not-found', 'No PDF file for this document');
      const etag = `"${file.sha256}"`;
      reply
        .header('etag', etag)
        .header(
          'cache-control',
          request.actor.kind === 'anonymous' ? 'public, no-cache' : 'private, no-cache',
        )
        .header('vary', 'Cookie, Authorization');
      const tags = entityTags(request);
      if (tags.includes(etag) || tags.includes('*')) return reply.code(304).send(null);
      return reply
        .type('application/pdf')
        .header('content-disposition', attachmentDisposition(file.name, 'inline'))
        .send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
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
          'Correct what the importer read of an item (owner, title, ID, a deadline, an amount; not an assignment; merge an assignment into another; split one in two)',
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
