import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ErrorBody,
  IdParam,
  Organisation,
  OrganisationList,
  OrganisationQuery,
} from '../../contract/api';
import { getOrganisation, listOrganisations } from '../../services/organisations';
import { presentOrganisation } from '../presenters/organisation';
import { sendError } from '../reply';

/**
 * Ministries, agencies and collaborators. Both routes declare 'organisations.list': anyone may
 * ask, and the service shows each caller the organisations the policy lets them see
 * (`visibleOrganisations`); one they do not see answers 404 like an absent one.
 */
export const organisationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/organisations',
    {
      config: { action: 'organisations.list' },
      schema: {
        summary:
          'Ministries, agencies and collaborators (filters kind, parentId, q), by name, a page at a time',
        querystring: OrganisationQuery,
        response: { 200: OrganisationList },
      },
    },
    async (request) => {
      const { rows, total, nextCursor } = await listOrganisations(
        app.database.db,
        request.actor,
        request.query,
      );
      return { items: rows.map(presentOrganisation), total, nextCursor };
    },
  );

  app.get(
    '/api/organisations/:id',
    {
      config: { action: 'organisations.list' },
      schema: {
        summary: 'One organisation: kind, name, short name, org.nr and the ministry it reports to',
        params: IdParam,
        response: { 200: Organisation, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const org = await getOrganisation(app.database.db, request.actor, request.params.id);
      if (!org) return sendError(reply, 404, 'not-found', 'No such organisation');
      return presentOrganisation(org);
    },
  );
};
