import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AssignmentDetail,
  AssignmentList,
  AssignmentQuery,
  ErrorBody,
  IdParam,
} from '../../contract/api';
import { getAssignment, listAssignments } from '../../services/assignments';
import { presentAssignmentDetail, presentAssignmentSummary } from '../presenters/assignment';
import { sendError } from '../reply';

export const assignmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/assignments',
    {
      config: { action: 'assignments.list' },
      schema: {
        summary: 'The assignment register, filtered and searched (Norwegian stemming)',
        querystring: AssignmentQuery,
        response: { 200: AssignmentList },
      },
    },
    async (request) => {
      const { rows, total } = await listAssignments(app.database.db, request.actor, request.query);
      return { items: rows.map((r) => presentAssignmentSummary(request.actor, r)), total };
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
