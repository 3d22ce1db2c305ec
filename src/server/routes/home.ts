import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HomeSummary } from '../../contract/home';
import { homeSummary } from '../../services/home';
import { presentHome } from '../presenters/home';

export const homeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/home',
    {
      config: { action: 'home.read' },
      schema: {
        summary: "The start page for the caller's role: their own work, in one call",
        description:
          'Agency people get their agency’s assignments (an owner also their own), department officers their department’s, budget officers the year per agency, auditors and administrators everything, the public the published letters.',
        response: { 200: HomeSummary },
      },
    },
    async (request) =>
      presentHome(request.actor, await homeSummary(app.database.db, request.actor)),
  );
};
