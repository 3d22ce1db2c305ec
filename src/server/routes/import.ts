import multipart from '@fastify/multipart';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody, ImportUploadResult, type ImportFileResult } from '../../contract/api';
import { DEFAULT_MAX_BYTES } from '../../import/extract';
import { readPool } from '../../import/read-pool';
import { importFile, refusalStatus } from '../../services/import-files';
import { fileField } from '../openapi';
import { sendError } from '../reply';

/** The most files one import request may send. */
const MAX_FILES = 20;

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const maxBytes = app.appOptions.maxUploadBytes ?? DEFAULT_MAX_BYTES;
  // The stream stops one byte past the limit (without throwing), so the file is refused by name
  // with the limit in the reason; the rest of it is not read (only the request's Content-Length
  // tells how large it was).
  // Reading runs in worker threads (read-pool.ts); start one now rather than on the first upload.
  readPool().warm();
  await app.register(multipart, {
    limits: { fileSize: maxBytes + 1, files: MAX_FILES },
    throwFileSizeLimit: false,
  });

  app.post(
    '/api/imports',
    {
      config: { action: 'documents.import' },
      schema: {
        summary: 'Import allocation letters and supplements (PDF, DOCX, Markdown, TXT; multipart)',
        description: `Each file is read, split into documents and stored in one transaction, or refused with its name and reason. \`dryRun=true\` only reports what would be stored. \`review=true\` stores new letters for review (\`draft\`: not issued, read by their ministry only) until an officer approves the review by issuing them; without it they are issued at once; a new version keeps its letter's status. At most ${MAX_FILES} files, each at most ${Math.round(maxBytes / 1024 / 1024)} MB (TILDEL_MAX_UPLOAD_MB); a larger one is refused by name (413) and the rest still read. Every file has its own result; the status is 200 unless every file waits for a confirmation (409, nothing stored) or every file is refused (the status of the first refusal: 403 another ministry's letter, 413 too large, 415 a type not read, 422 not readable as a letter). Rate limited per user.`,
        consumes: ['multipart/form-data'],
        // Read by the handler part by part (request.files()), so documented here, not validated.
        multipart: {
          properties: {
            files: {
              type: 'array',
              items: fileField('A letter or supplement: .pdf, .docx, .md or .txt'),
              maxItems: MAX_FILES,
              description: 'One or more files, each as a part of its own (any field name)',
            },
          },
          required: ['files'],
        },
        querystring: z.object({
          dryRun: z.stringbool().default(false),
          /**
           * `true`: store the letters for review (status `draft`, «til gjennomgang»): read by
           * their ministry only, not issued until an officer approves the review (POST
           * /api/documents/{id}/status, to `published`). Default `false`: issued at once.
           */
          review: z.stringbool().default(false).meta({
            description:
              'true: store new letters for review (status draft, not issued) until an officer approves the review; false (default): issued at once',
          }),
          /**
           * Confirmation tokens, comma-separated, from a dry run's (or a 409's) `plan.confirmation`:
           * the person has seen what the import replaces, removes or creates.
           */
          confirm: z
            .string()
            .max(4000)
            .regex(/^[0-9a-f,]*$/)
            .optional(),
        }),
        response: {
          200: ImportUploadResult,
          400: ErrorBody,
          // The caller may not import at all, or every file is another ministry's letter.
          403: z.union([ImportUploadResult, ErrorBody]),
          // Every file waits for a confirmation; nothing was stored.
          409: ImportUploadResult,
          // Per-file refusals, or the whole request refused (more than MAX_FILES files).
          413: z.union([ImportUploadResult, ErrorBody]),
          415: ImportUploadResult,
          422: ImportUploadResult,
        },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        return sendError(reply, 400, 'bad-request', 'Send the files as multipart/form-data');
      }
      const confirm = new Set((request.query.confirm ?? '').split(',').filter(Boolean));
      // A client that goes away cancels the reading (the worker is stopped) and the storing.
      const gone = new AbortController();
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) gone.abort();
      });
      const length = Number(request.headers['content-length']);
      const uploadBytes = Number.isFinite(length) && length > 0 ? length : undefined;
      const results: ImportFileResult[] = [];
      for await (const part of request.files()) {
        const bytes = new Uint8Array(await part.toBuffer());
        results.push(
          await importFile(
            app.database.db,
            request.actor,
            { name: part.filename, bytes, truncated: part.file.truncated, uploadBytes },
            {
              dryRun: request.query.dryRun,
              review: request.query.review,
              maxBytes,
              confirm,
              signal: gone.signal,
            },
          ),
        );
        if (gone.signal.aborted) break;
      }
      if (results.length === 0) {
        return sendError(reply, 400, 'bad-request', 'No file was sent');
      }
      const refused = results.filter((r) => r.status === 'refused');
      const waiting = results.filter((r) => r.status === 'needs-confirmation');
      const status =
        refused.length === results.length && refused[0]?.status === 'refused'
          ? refusalStatus(refused[0].code)
          : waiting.length === results.length
            ? 409
            : 200;
      return reply.code(status).send({ files: results });
    },
  );
};
