/**
 * GET /api/archive/extract?agency=&year=: the archive extract of an agency-year (Noark 5 v5.0)
 * as a zip, for the archivists of the agency's ministry, auditors and administrators (policy
 * `archive.export`); others get 403, an unknown agency 404, a name several agencies answer to
 * 400 (naming them). The export is audited.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../contract/api';
import { ArchiveExtractQuery } from '../../contract/archive';
import { archiveZip, exportArchive } from '../../services/archive-export';
import { attachmentDisposition, sendError } from '../reply';

export const archiveRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/archive/extract',
    {
      config: { action: 'archive.export' },
      schema: {
        summary: "An agency-year's archive extract (Noark 5 v5.0) as a zip",
        description:
          "arkivstruktur.xml and endringslogg.xml (valid against the Noark 5 v5.0 schemas), info.xml (the package description with every file and its SHA-256) and dokumenter/ (each letter, supplement and submitted report as PDF). The ministry's archive: letters outgoing, reports incoming. See docs/archive.md.",
        querystring: ArchiveExtractQuery,
        produces: ['application/zip'],
        response: {
          200: z.any().meta({ description: 'The zip file' }),
          400: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const { agency, year } = request.query;
      const out = await exportArchive(app.database.db, request.actor, agency, year);
      if (out.kind === 'not-found') return sendError(reply, 404, 'not-found', out.message);
      if (out.kind === 'not-permitted') return sendError(reply, 403, 'forbidden', out.message);
      if (out.kind === 'ambiguous') return sendError(reply, 400, 'bad-request', out.message);
      const { extract } = out;
      return reply
        .type('application/zip')
        .header(
          'content-disposition',
          attachmentDisposition(`arkivuttrekk-${extract.agency.name}-${extract.year}.zip`),
        )
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(archiveZip(extract)));
    },
  );
};
