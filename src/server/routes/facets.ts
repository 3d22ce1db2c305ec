import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Facets } from '../../contract/facets';
import { facets } from '../../services/facets';

/**
 * The register's filter choices: read as the register is ('assignments.list', filtered per row
 * by the documents the caller may read), so a visitor is offered the published years only.
 */
export const facetRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/assignments/facets',
    {
      config: { action: 'assignments.list' },
      schema: {
        summary:
          "The register's filter choices: every year and owner department of the documents the caller may read",
        response: { 200: Facets },
      },
    },
    async (request) => facets(app.database.db, request.actor),
  );
};
