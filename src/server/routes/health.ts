import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Health } from '../../contract/api';
import { mailStatus } from '../../services/mail';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    {
      config: { action: 'health.read' },
      schema: {
        summary: 'Liveness, database kind and migration state, and whether e-mail is sent',
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      const database = app.database;
      const migrations = await database.migrationState();
      const body: Health = {
        status: migrations.upToDate ? 'ok' : 'degraded',
        version: app.appOptions.version ?? '0.1.0',
        database: { kind: database.kind, location: database.location, migrations },
        mail: mailStatus(app.appOptions.mail),
      };
      return reply.code(migrations.upToDate ? 200 : 503).send(body);
    },
  );
};
