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

const notFound = { error: 'not-found', message: 'No such assignment' };
const forbidden = { error: 'forbidden', message: 'Not allowed' };

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
      switch (out.kind) {
        case 'changed':
          return { assignment: out.assignment, event: out.event };
        case 'not-found':
          return reply.code(404).send(notFound);
        case 'forbidden':
          return reply.code(403).send(forbidden);
        case 'stale':
          return reply.code(409).send({
            error: 'stale-version',
            message: `The assignment has changed (now version ${out.current.version}, ${out.current.status}); nothing was saved`,
            current: out.current,
          });
        case 'superseded':
          return reply.code(409).send({
            error: 'superseded',
            message: out.currentId
              ? 'This is the assignment as an earlier version of the letter printed it; change it in the current version'
              : 'The current version of the letter no longer has this assignment; nothing was saved',
            currentId: out.currentId,
          });
        case 'refused':
          return reply
            .code(422)
            .send({ error: out.error, message: out.message, current: out.current });
      }
    },
  );

  app.get(
    '/api/assignments/:id/history',
    {
      config: { action: 'assignments.read' },
      schema: {
        summary: 'The status history of an assignment, oldest first',
        params: IdParam,
        response: { 200: AssignmentHistory, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const found = await assignmentHistory(app.database.db, request.actor, request.params.id);
      if (!found) return reply.code(404).send(notFound);
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
    async (request) => ({
      items: await listCarriedOver(app.database.db, request.actor, request.query),
    }),
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
    async (request) => ({
      year: request.query.year,
      items: await carryOverProposal(app.database.db, request.actor, request.query),
    }),
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
      if (request.actor.kind === 'anonymous') return reply.code(403).send(forbidden);
      return {
        results: await confirmCarryOver(app.database.db, request.actor, request.body),
      };
    },
  );
};
