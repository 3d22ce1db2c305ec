/** Letters written in Tildel: drafts, their edits, approval, issue and the Word file. */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, IdParam } from '../../contract/api';
import {
  Draft,
  DraftCommentBody,
  DraftCreateBody,
  DraftList,
  DraftQuery,
  DraftStaleBody,
  DraftStepBody,
  DraftUpdateBody,
} from '../../contract/draft';
import {
  approveDraft,
  commentOnDraft,
  createDraft,
  documentLetterFile,
  draftLetterFile,
  type LetterFile,
  type LetterFormat,
  getDraft,
  issueDraft,
  listDrafts,
  resolveComment,
  shareDraft,
  updateDraft,
} from '../../services/drafts';
import { presentDraft, presentDraftSummary } from '../presenters/draft';
import { attachmentDisposition, replyFor, sendError } from '../reply';

const MEDIA_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;
const FORMAT_NAMES = { docx: 'Word', pdf: 'PDF' } as const;

export const draftRoutes: FastifyPluginAsyncZod = async (app) => {
  const errors = { 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

  app.get(
    '/api/drafts',
    {
      config: { action: 'drafts.list' },
      schema: {
        summary:
          'Letters being written in Tildel that the caller may read, last changed first, a page at a time',
        querystring: DraftQuery,
        response: { 200: DraftList },
      },
    },
    async (request) => {
      const { rows, nextCursor } = await listDrafts(app.database.db, request.actor, request.query);
      return { drafts: rows.map((v) => presentDraftSummary(request.actor, v)), nextCursor };
    },
  );

  app.post(
    '/api/drafts',
    {
      config: { action: 'drafts.create' },
      schema: {
        summary: 'Start a letter or supplement: empty, or from the agency’s letter of last year',
        body: DraftCreateBody,
        response: { 201: Draft, ...errors },
      },
    },
    async (request, reply) => {
      const out = await createDraft(app.database.db, request.actor, request.body);
      return replyFor(reply, 'draft', out, (o) =>
        reply.code(201).send(presentDraft(request.actor, o.draft)),
      );
    },
  );

  app.get(
    '/api/drafts/:id',
    {
      config: { action: 'drafts.read' },
      schema: {
        summary: 'One draft with what the server derives from it',
        params: IdParam,
        response: { 200: Draft, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const found = await getDraft(app.database.db, request.actor, request.params.id);
      if (!found) return sendError(reply, 404, 'not-found', 'No such draft');
      return presentDraft(request.actor, found);
    },
  );

  app.put(
    '/api/drafts/:id',
    {
      config: { action: 'drafts.update' },
      schema: {
        summary: 'Save the draft’s content, based on the version the caller saw',
        description:
          'When someone saved since, the two are merged part by part (each field, each post, goal, assignment, carried-over assignment, calendar row and signatory) and the merged draft is answered, its version more than one above `expectedVersion`; 409 when both changed a part differently (`conflicts` names each; nothing is saved) or the version based on is no longer known or more than 50 versions old (`conflicts` empty). An approved draft goes back to editing.',
        params: IdParam,
        body: DraftUpdateBody,
        response: { 200: Draft, ...errors, 409: DraftStaleBody },
      },
    },
    async (request, reply) => {
      const out = await updateDraft(
        app.database.db,
        request.actor,
        request.params.id,
        request.body,
      );
      return replyFor(reply, 'draft', out, (o) => presentDraft(request.actor, o.draft));
    },
  );

  // The steps of a draft, each at the version the caller saw: share a round, approve, issue.
  const steps = [
    {
      step: 'share',
      action: 'drafts.share',
      run: shareDraft,
      summary: 'Share the draft as it is now with the agency for consultation (a new round)',
      description: 'The agency reads and comments on this round until the next one.',
    },
    {
      step: 'approve',
      action: 'drafts.approve',
      run: approveDraft,
      summary: 'Approve the draft for issue (an officer who has not edited it)',
      description: '422 while it has problems or open comments of the consultation.',
    },
    {
      step: 'issue',
      action: 'drafts.issue',
      run: issueDraft,
      summary:
        'Issue an approved draft: dated, numbered, IDs given, written as Word and PDF and published',
      description:
        'Both files are read back by the importer and must give the draft’s items, else nothing is issued (422).',
    },
  ] as const;
  for (const { step, action, run, summary, description } of steps) {
    app.post(
      `/api/drafts/:id/${step}`,
      {
        config: { action },
        schema: {
          summary,
          description,
          params: IdParam,
          body: DraftStepBody,
          response: { 200: Draft, ...errors },
        },
      },
      async (request, reply) => {
        const out = await run(
          app.database.db,
          request.actor,
          request.params.id,
          request.body.expectedVersion,
        );
        return replyFor(reply, 'draft', out, (o) => presentDraft(request.actor, o.draft));
      },
    );
  }

  app.post(
    '/api/drafts/:id/comments',
    {
      config: { action: 'drafts.comment' },
      schema: {
        summary: 'Comment on a draft in consultation, or answer a comment',
        params: IdParam,
        body: DraftCommentBody,
        response: { 200: Draft, ...errors },
      },
    },
    async (request, reply) => {
      const out = await commentOnDraft(
        app.database.db,
        request.actor,
        request.params.id,
        request.body,
      );
      return replyFor(reply, 'draft', out, (o) => presentDraft(request.actor, o.draft));
    },
  );

  app.post(
    '/api/drafts/:id/comments/:commentId/resolve',
    {
      config: { action: 'drafts.resolve' },
      schema: {
        summary: 'Mark a comment of the consultation resolved',
        params: IdParam.extend({ commentId: z.uuid() }),
        response: { 200: Draft, ...errors },
      },
    },
    async (request, reply) => {
      const out = await resolveComment(
        app.database.db,
        request.actor,
        request.params.id,
        request.params.commentId,
      );
      return replyFor(reply, 'draft', out, (o) => presentDraft(request.actor, o.draft));
    },
  );

  // The letter as Word and as PDF: of a draft (a preview, or as issued), and of a document
  // Tildel wrote and issued (whoever may read the document: the public, once published).
  for (const format of ['docx', 'pdf'] as const) {
    app.get(
      `/api/drafts/:id/letter.${format}`,
      {
        config: { action: 'drafts.read' },
        schema: {
          summary: `The letter as ${FORMAT_NAMES[format]}: as issued, or a preview of the draft today`,
          params: IdParam,
          produces: [MEDIA_TYPES[format]],
          response: {
            200: z.any().meta({ description: `The ${FORMAT_NAMES[format]} file` }),
            404: ErrorBody,
          },
        },
      },
      async (request, reply) => {
        const file = await draftLetterFile(
          app.database.db,
          request.actor,
          request.params.id,
          format,
        );
        if (!file) return sendError(reply, 404, 'not-found', 'No such draft');
        return sendFile(reply, format, file);
      },
    );
    app.get(
      `/api/documents/:id/letter.${format}`,
      {
        config: { action: 'documents.read' },
        schema: {
          summary: `A letter written and issued in Tildel, as ${FORMAT_NAMES[format]}`,
          description:
            'The file as issued, byte for byte. 404 for a document the caller may not read, and for an imported one (its text is kept, not a file Tildel wrote).',
          params: IdParam,
          produces: [MEDIA_TYPES[format]],
          response: {
            200: z.any().meta({ description: `The ${FORMAT_NAMES[format]} file` }),
            404: ErrorBody,
          },
        },
      },
      async (request, reply) => {
        const file = await documentLetterFile(
          app.database.db,
          request.actor,
          request.params.id,
          format,
        );
        if (!file) return sendError(reply, 404, 'not-found', 'No letter file for this document');
        return sendFile(reply, format, file);
      },
    );
  }
};

function sendFile(reply: FastifyReply, format: LetterFormat, file: LetterFile) {
  return reply
    .type(MEDIA_TYPES[format])
    .header('content-disposition', attachmentDisposition(file.name))
    .header('cache-control', file.issued ? 'private, max-age=0' : 'no-store')
    .send(Buffer.from(file.bytes));
}
