/**
 * The assignment lifecycle over HTTP: status changes (optimistic concurrency: 409 with the
 * current state when the version is stale), history, carried-over lists and the year-end
 * carry-over proposal.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody, IdParam } from '../../contract/api';
import {
  AgencyYearQuery,
  AssignmentHistory,
  CarriedOverList,
  HistoryQuery,
  CarryOverConfirmBody,
  CarryOverConfirmResult,
  CarryOverProposal,
  CarryOverProposalQuery,
  StaleVersionBody,
  SupersededBody,
  StatusChangeBody,
  StatusChangeResult,
  TransitionRefusedBody,
} from '../../contract/assignment-status';
import { assignmentHistory, changeStatus } from '../../services/assignment-status';
import { carryOverProposal, confirmCarryOver, listCarriedOver } from '../../services/carry-over';
import { replyFor, sendError } from '../reply';

export const assignmentStatusRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/assignments/:id/status',
    {
      config: { action: 'assignments.update' },
      schema: {
        summary: 'Change the status of an assignment (only if expectedVersion is still current)',
        params: IdParam,
        body: StatusChangeBody,
        response: {
          200: StatusChangeResult,
          403: ErrorBody,
          404: ErrorBody,
          409: z.union([StaleVersionBody, SupersededBody]),
          422: TransitionRefusedBody,
        },
      },
    },
    async (request, reply) => {
      const out = await changeStatus(
        app.database.db,
        request.actor,
        request.params.id,
        request.body,
      );
      return replyFor(reply, 'assignment', out, (o) => ({
        assignment: o.assignment,
        event: o.event,
      }));
    },
  );

  app.get(
    '/api/assignments/:id/history',
    {
      config: { action: 'assignments.read' },
      schema: {
        summary: 'The status history of an assignment, oldest first, a page at a time',
        params: IdParam,
        querystring: HistoryQuery,
        response: { 200: AssignmentHistory, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const found = await assignmentHistory(
        app.database.db,
        request.actor,
        request.params.id,
        request.query,
      );
      if (!found) return sendError(reply, 404, 'not-found', 'No such assignment');
      return found;
    },
  );

  app.get(
    '/api/assignments/carried-over',
    {
      config: { action: 'assignments.list' },
      schema: {
        summary:
          'Assignments the letters list as not finished, each linked to its original or a placeholder',
        querystring: AgencyYearQuery,
        response: { 200: CarriedOverList },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      return listCarriedOver(app.database.db, request.actor, filter, { limit, cursor });
    },
  );

  app.get(
    '/api/assignments/carry-over-proposal',
    {
      config: { action: 'assignments.list' },
      schema: {
        summary:
          "Year end: the year's assignments not delivered, accepted, cancelled or merged, to confirm as carried over",
        querystring: CarryOverProposalQuery,
        response: { 200: CarryOverProposal },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      return {
        year: filter.year,
        ...(await carryOverProposal(app.database.db, request.actor, filter, { limit, cursor })),
      };
    },
  );

  app.post(
    '/api/assignments/carry-over-proposal/confirm',
    {
      // The ministry's decision at year end; each item is checked again as a status change.
      config: { action: 'assignments.carry-over' },
      schema: {
        summary: 'Mark the chosen assignments carried-over (each with the version it was read at)',
        body: CarryOverConfirmBody,
        response: { 200: CarryOverConfirmResult, 403: ErrorBody },
      },
    },
    async (request, reply) => {
      if (request.actor.kind === 'anonymous')
        return sendError(reply, 403, 'forbidden', 'Not allowed');
      return {
        results: await confirmCarryOver(app.database.db, request.actor, request.body),
      };
    },
  );
};
