/**
 * Following assignments up over HTTP: owners (department, person; one or many at once),
 * progress, deliveries with files, and the caller's notifications. Each change names the
 * version it read (409 with the current assignment when someone changed it first).
 */
import multipart from '@fastify/multipart';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { ErrorBody, IdParam } from '../../contract/api';
import {
  StaleVersionBody,
  StatusChangeResult,
  SupersededBody,
  TransitionRefusedBody,
} from '../../contract/assignment-status';
import {
  BulkOwnerDepartmentBody,
  BulkOwnerPersonBody,
  BulkOwnerResult,
  FollowUpResult,
  FollowUpStale,
  NotificationList,
  NotificationQuery,
  NotificationReadBody,
  OwnerCandidates,
  OwnerDepartmentBody,
  OwnerPersonBody,
  ProgressBody,
  RefusedFile,
} from '../../contract/follow-up';
import { DEFAULT_MAX_BYTES, ImportRefusal } from '../../import/extract';
import { ATTACHMENT_MEDIA_TYPES, checkAttachment } from '../../import/extract/attachment';
import type { Actor } from '../../domain/policy';
import { changeStatus, deliveryFile, mayChange } from '../../services/assignment-status';
import {
  bulkOwner,
  ownerCandidates,
  setOwnerDepartment,
  setOwnerPerson,
  setProgress,
  type FollowUpOutcome,
} from '../../services/follow-up';
import { listNotifications, markRead } from '../../services/notifications';
import { refusalStatus } from '../../services/import-files';
import { presentNotification } from '../presenters/notification';
import { presentAssignmentSummary } from '../presenters/assignment';
import { fileField } from '../openapi';
import { attachmentDisposition, replyFor, sendError } from '../reply';

/** At most this many files with one delivery, and at most this many upload limits in all. */
const MAX_FILES = 10;
const MAX_TOTAL_LIMITS = 3;

const changeResponses = {
  200: FollowUpResult,
  403: ErrorBody,
  404: ErrorBody,
  409: z.union([FollowUpStale, ErrorBody]),
  422: ErrorBody,
};

function answer(actor: Actor, reply: FastifyReply, out: FollowUpOutcome) {
  const presented =
    out.kind === 'stale' || out.kind === 'refused'
      ? { ...out, current: presentAssignmentSummary(actor, out.current) }
      : out;
  return replyFor(reply, 'assignment', presented, (o) => ({
    assignment: presentAssignmentSummary(actor, o.row),
    event: o.event,
  }));
}

export const followUpRoutes: FastifyPluginAsyncZod = async (app) => {
  const maxBytes = app.appOptions.maxUploadBytes ?? DEFAULT_MAX_BYTES;
  await app.register(multipart, {
    limits: { fileSize: maxBytes + 1, files: MAX_FILES, fields: 10, fieldSize: 8000 },
    throwFileSizeLimit: false,
  });
  const db = () => app.database.db;

  app.put(
    '/api/assignments/:id/owner-department',
    {
      config: { action: 'assignments.owner-department' },
      schema: {
        summary: 'Set or correct the ministry department that owns an assignment',
        params: IdParam,
        body: OwnerDepartmentBody,
        response: changeResponses,
      },
    },
    async (request, reply) =>
      answer(
        request.actor,
        reply,
        await setOwnerDepartment(db(), request.actor, request.params.id, request.body),
      ),
  );

  app.put(
    '/api/assignments/:id/owner-person',
    {
      config: { action: 'assignments.owner-person' },
      schema: {
        summary:
          'Give an assignment to a person of its agency (coordinators), or hand it on (its owner)',
        params: IdParam,
        body: OwnerPersonBody,
        response: changeResponses,
      },
    },
    async (request, reply) =>
      answer(
        request.actor,
        reply,
        await setOwnerPerson(db(), request.actor, request.params.id, request.body),
      ),
  );

  app.get(
    '/api/assignments/:id/owner-candidates',
    {
      config: { action: 'assignments.owner-person' },
      schema: {
        summary: 'The people an assignment can be given to (its agency’s coordinators and owners)',
        params: IdParam,
        response: { 200: OwnerCandidates, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const items = await ownerCandidates(db(), request.actor, request.params.id);
      if (!items) return sendError(reply, 404, 'not-found', 'No such assignment');
      return { items };
    },
  );

  app.put(
    '/api/assignments/:id/progress',
    {
      config: { action: 'assignments.progress' },
      schema: {
        summary: 'Report how the work goes: on track, at risk or off track (with a reason)',
        params: IdParam,
        body: ProgressBody,
        response: changeResponses,
      },
    },
    async (request, reply) =>
      answer(
        request.actor,
        reply,
        await setProgress(db(), request.actor, request.params.id, request.body),
      ),
  );

  app.post(
    '/api/assignments/bulk/owner-department',
    {
      config: { action: 'assignments.owner-department' },
      schema: {
        summary: 'Give many assignments one owner department: all or nothing',
        body: BulkOwnerDepartmentBody,
        response: { 200: BulkOwnerResult, 409: BulkOwnerResult },
      },
    },
    async (request, reply) => {
      const out = await bulkOwner(db(), request.actor, request.body);
      return reply.code(out.refused.length > 0 ? 409 : 200).send(out);
    },
  );

  app.post(
    '/api/assignments/bulk/owner-person',
    {
      config: { action: 'assignments.owner-person' },
      schema: {
        summary: 'Give many assignments to one person of their agency: all or nothing',
        body: BulkOwnerPersonBody,
        response: { 200: BulkOwnerResult, 409: BulkOwnerResult },
      },
    },
    async (request, reply) => {
      const out = await bulkOwner(db(), request.actor, request.body);
      return reply.code(out.refused.length > 0 ? 409 : 200).send(out);
    },
  );

  app.post(
    '/api/assignments/:id/delivery',
    {
      config: { action: 'assignments.update' },
      schema: {
        summary:
          'Deliver an assignment with files (multipart: expectedVersion, deliveryRef, comment, files)',
        description: `PDF, Word (.docx) and Excel (.xlsx) files, at most ${MAX_FILES}, each within the upload limit and ${MAX_TOTAL_LIMITS} times that together; a refused file is named with the reason and nothing is saved. Who may not deliver is refused before any file is read.`,
        params: IdParam,
        consumes: ['multipart/form-data'],
        // Read by the handler part by part, so documented here, not validated.
        multipart: {
          properties: {
            expectedVersion: {
              type: 'integer',
              minimum: 1,
              description: 'The assignment version the delivery is based on',
            },
            deliveryRef: {
              type: 'string',
              maxLength: 500,
              description: 'A reference: case number or link',
            },
            comment: { type: 'string', maxLength: 4000 },
            files: {
              type: 'array',
              maxItems: MAX_FILES,
              items: fileField('A PDF, Word (.docx) or Excel (.xlsx) file'),
            },
          },
          required: ['expectedVersion'],
        },
        response: {
          200: StatusChangeResult,
          400: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: z.union([StaleVersionBody, SupersededBody]),
          413: z.union([RefusedFile, ErrorBody]),
          415: RefusedFile,
          422: z.union([TransitionRefusedBody, RefusedFile, ErrorBody]),
        },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        return sendError(reply, 400, 'bad-request', 'Send the delivery as multipart/form-data');
      }
      // Nothing is read from someone who may not deliver, and no more than a few upload limits.
      const may = await mayChange(db(), request.actor, request.params.id);
      if (may === 'not-found') return sendError(reply, 404, 'not-found', 'No such assignment');
      if (may === 'forbidden') return sendError(reply, 403, 'forbidden', 'Not allowed');
      const maxTotal = maxBytes * MAX_TOTAL_LIMITS;
      const tooLarge = () =>
        sendError(
          reply,
          413,
          'bad-request',
          `A delivery's files may be ${Math.round(maxTotal / 1024 / 1024)} MB together at most; send fewer or smaller files`,
        );
      if (Number(request.headers['content-length'] ?? 0) > maxTotal + 1024 * 1024) {
        return tooLarge();
      }
      let total = 0;
      const fields: Record<string, string> = {};
      const files: { name: string; mediaType: string; bytes: Uint8Array }[] = [];
      for await (const part of request.parts()) {
        if (part.type === 'field') {
          fields[part.fieldname] = String(part.value);
          continue;
        }
        const bytes = new Uint8Array(await part.toBuffer());
        total += bytes.byteLength;
        if (total > maxTotal) return tooLarge();
        try {
          const { mediaType } = checkAttachment(
            { name: part.filename, bytes, truncated: part.file.truncated },
            maxBytes,
          );
          files.push({ name: part.filename.slice(0, 255), mediaType, bytes });
        } catch (err) {
          if (!(err instanceof ImportRefusal)) throw err;
          // Nothing is saved when one file is refused; the rest of the request is not read.
          return sendError(reply, refusalStatus(err.code), 'file-refused', err.message, {
            file: err.file,
            code: err.code,
            reason: err.reason,
          });
        }
      }
      const expectedVersion = Number(fields.expectedVersion);
      if (!Number.isInteger(expectedVersion) || expectedVersion < 1) {
        return sendError(reply, 400, 'validation', 'expectedVersion must be a positive integer');
      }
      const text = (name: string, max: number) => {
        const v = fields[name]?.trim();
        return v ? v.slice(0, max) : undefined;
      };
      const out = await changeStatus(db(), request.actor, request.params.id, {
        to: 'delivered',
        expectedVersion,
        deliveryRef: text('deliveryRef', 500),
        comment: text('comment', 4000),
        files,
      });
      return replyFor(reply, 'assignment', out, (o) => ({
        assignment: o.assignment,
        event: o.event,
      }));
    },
  );

  app.get(
    '/api/assignments/:id/files/:fileId',
    {
      config: { action: 'assignments.comments.read' },
      schema: {
        summary: 'A file delivered with an assignment, byte for byte',
        params: IdParam.extend({ fileId: z.uuid() }),
        produces: Object.values(ATTACHMENT_MEDIA_TYPES),
        response: { 200: z.any().meta({ description: 'The file' }), 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const file = await deliveryFile(
        db(),
        request.actor,
        request.params.id,
        request.params.fileId,
      );
      if (!file) return sendError(reply, 404, 'not-found', 'No such file');
      return reply
        .type(file.mediaType)
        .header('content-disposition', attachmentDisposition(file.name))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(file.bytes));
    },
  );

  app.get(
    '/api/notifications',
    {
      config: { action: 'notifications.list' },
      schema: {
        summary:
          'The caller’s notifications, newest first, a page at a time, and how many are unread',
        querystring: NotificationQuery,
        response: { 200: NotificationList },
      },
    },
    async (request) => {
      const out = await listNotifications(db(), request.actor, request.query);
      return {
        items: out.items.map(presentNotification),
        unread: out.unread,
        nextCursor: out.nextCursor,
      };
    },
  );

  app.post(
    '/api/notifications/read',
    {
      config: { action: 'notifications.list' },
      schema: {
        summary: 'Mark the caller’s notifications read (the ones named, or all)',
        body: NotificationReadBody,
        response: { 200: z.object({ marked: z.int() }) },
      },
    },
    async (request) => ({ marked: await markRead(db(), request.actor, request.body.ids) }),
  );
};
