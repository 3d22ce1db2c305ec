import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AssignmentDetail,
  AssignmentFilters,
  AssignmentList,
  AssignmentQuery,
  ErrorBody,
  IdParam,
} from '../../contract/api';
import { z } from 'zod';
import { getAssignment, listAssignments } from '../../services/assignments';
import { registerXlsx } from '../../services/register-export';
import { LOCALES } from '../../locales/render';
import { presentAssignmentDetail, presentAssignmentSummary } from '../presenters/assignment';
import { attachmentDisposition, sendError } from '../reply';
import { readerLanguage } from '../language';
import { Language } from '../../contract/enums';

/** At most this many rows in one export (the register of one ministry over many years fits). */
const EXPORT_MAX = 20_000;

export const assignmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/assignments',
    {
      config: { action: 'assignments.list' },
      schema: {
        summary:
          'The assignment register, filtered and searched (Norwegian stemming), a page at a time',
        querystring: AssignmentQuery,
        response: { 200: AssignmentList },
      },
    },
    async (request) => {
      const { rows, ...page } = await listAssignments(
        app.database.db,
        request.actor,
        request.query,
      );
      return { items: rows.map((r) => presentAssignmentSummary(request.actor, r)), ...page };
    },
  );

  app.get(
    '/api/assignments/export.xlsx',
    {
      config: { action: 'assignments.list' },
      schema: {
        summary: 'The assignment register as filtered, as an Excel workbook',
        description: `The same filters as GET /api/assignments, without paging (at most ${EXPORT_MAX} rows; the header x-total-count tells how many matched).`,
        querystring: AssignmentFilters.extend({
          /** Headings: this language, else the person's setting, else Accept-Language, else nb. */
          lang: Language.optional(),
        }),
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: z.any().meta({ description: 'The XLSX file' }) },
      },
    },
    async (request, reply) => {
      const { lang, ...query } = request.query;
      const { rows, total } = await listAssignments(
        app.database.db,
        request.actor,
        { ...query, limit: EXPORT_MAX },
        { countUpTo: Infinity },
      );
      const items = rows.map((r) => presentAssignmentSummary(request.actor, r));
      const file = await registerXlsx(
        items,
        LOCALES[await readerLanguage(app.database.db, request, lang)],
      );
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          attachmentDisposition(`oppdrag-${query.year ?? 'alle'}.xlsx`),
        )
        .header('x-total-count', String(total))
        .header('cache-control', 'private, no-store')
        .send(file);
    },
  );

  app.get(
    '/api/assignments/:id',
    {
      config: { action: 'assignments.read' },
      schema: {
        summary: 'One assignment with deadlines, sub-assignments, references and funding',
        params: IdParam,
        response: { 200: AssignmentDetail, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const found = await getAssignment(app.database.db, request.actor, request.params.id);
      if (!found) {
        return sendError(reply, 404, 'not-found', 'No such assignment');
      }
      return presentAssignmentDetail(request.actor, found);
    },
  );
};
