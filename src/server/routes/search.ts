import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SearchQuery, SearchResult } from '../../contract/api';
import { search } from '../../services/search';
import { presentAssignmentSummary } from '../presenters/assignment';
import { presentDocumentSummary } from '../presenters/document';

export const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/search',
    {
      config: { action: 'search' },
      schema: {
        summary:
          'Search documents and assignments: Norwegian full text, word beginnings and parts of compounds, ranked; filters year, agency, kind, status',
        querystring: SearchQuery,
        response: { 200: SearchResult },
      },
    },
    async (request) => {
      const found = await search(app.database.db, request.actor, request.query);
      return {
        documents: found.documents.map((d) => ({
          ...presentDocumentSummary(request.actor, d.document, found.counts.get(d.document.id)!),
          headline: d.headline,
        })),
        assignments: found.assignments.map((a) => ({
          ...presentAssignmentSummary(request.actor, a),
          headline: a.headline,
        })),
        nextCursor: found.nextCursor,
      };
    },
  );
};
