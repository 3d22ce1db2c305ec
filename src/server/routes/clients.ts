import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, IdParam } from '../../contract/api';
import {
  ApiClientList,
  ApiClientSecretResult,
  CreateApiClientBody,
  CreateWebhookBody,
  Webhook,
  WebhookList,
  WebhookSecretResult,
} from '../../contract/machine';
import { createClient, listClients, revokeClient, rotateSecret } from '../../services/api-clients';
import { createWebhook, disableWebhook, listWebhooks } from '../../services/webhooks';
import { presentApiClient, presentWebhook } from '../presenters/api-client';
import { sendError } from '../reply';

const WebhookParams = z.object({ id: z.uuid(), webhookId: z.uuid() });

/**
 * Registering integrating systems (docs/machine-access.md): administrators list, register,
 * revoke and rotate the secrets of API clients and add and stop their webhooks. A secret is
 * shown once, in the answer that made it. Every change is audited by the services.
 */
export const clientRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/clients',
    {
      config: { action: 'clients.manage' },
      schema: {
        summary: 'Registered API clients (administrators)',
        response: { 200: ApiClientList },
      },
    },
    async () => {
      const rows = await listClients(app.database.db);
      return { items: rows.map((r) => presentApiClient(r)) };
    },
  );

  app.post(
    '/api/clients',
    {
      config: { action: 'clients.manage' },
      schema: {
        summary: 'Register an API client; its secret is in this answer only',
        body: CreateApiClientBody,
        response: { 201: ApiClientSecretResult, 404: ErrorBody, 422: ErrorBody },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const out = await createClient(app.database.db, request.actor, {
        ...b,
        expiresAt: b.expiresAt ? new Date(b.expiresAt) : null,
      });
      if (out.kind === 'not-found')
        return sendError(reply, 404, 'not-found', 'No such organisation');
      if (out.kind === 'refused') return sendError(reply, 422, 'validation', out.message);
      return reply.code(201).send({ client: presentApiClient(out.client), secret: out.secret });
    },
  );

  app.post(
    '/api/clients/:id/revoke',
    {
      config: { action: 'clients.manage' },
      schema: {
        summary: 'Revoke an API client: its tokens stop working at once',
        params: IdParam,
        response: { 200: ApiClientSecretResult, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const out = await revokeClient(app.database.db, request.actor, request.params.id);
      if (out.kind !== 'saved') return sendError(reply, 404, 'not-found', 'No such client');
      return { client: presentApiClient(out.client), secret: null };
    },
  );

  app.post(
    '/api/clients/:id/secret',
    {
      config: { action: 'clients.manage' },
      schema: {
        summary: 'Give an API client a new secret (in this answer only); the old one stops working',
        params: IdParam,
        response: { 200: ApiClientSecretResult, 404: ErrorBody, 422: ErrorBody },
      },
    },
    async (request, reply) => {
      const out = await rotateSecret(app.database.db, request.actor, request.params.id);
      if (out.kind === 'not-found') return sendError(reply, 404, 'not-found', 'No such client');
      if (out.kind === 'refused') return sendError(reply, 422, 'validation', out.message);
      return { client: presentApiClient(out.client), secret: out.secret };
    },
  );

  app.get(
    '/api/clients/:id/webhooks',
    {
      config: { action: 'clients.manage' },
      schema: {
        summary: "An API client's webhooks, the stopped ones too (never a secret)",
        params: IdParam,
        response: { 200: WebhookList, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const rows = await listWebhooks(app.database.db, request.params.id);
      if (!rows) return sendError(reply, 404, 'not-found', 'No such client');
      return { items: rows.map((r) => presentWebhook(r)) };
    },
  );

  app.post(
    '/api/clients/:id/webhooks',
    {
      config: { action: 'clients.manage' },
      schema: {
        summary: 'Add a webhook to an API client; its signing secret is in this answer only',
        params: IdParam,
        body: CreateWebhookBody,
        response: { 201: WebhookSecretResult, 404: ErrorBody, 422: ErrorBody },
      },
    },
    async (request, reply) => {
      const out = await createWebhook(
        app.database.db,
        request.actor,
        request.params.id,
        request.body,
        app.appOptions.webhooks,
      );
      if (out.kind === 'not-found') return sendError(reply, 404, 'not-found', 'No such client');
      if (out.kind === 'refused') return sendError(reply, 422, 'validation', out.message);
      return reply.code(201).send({ webhook: presentWebhook(out.webhook), secret: out.secret! });
    },
  );

  app.delete(
    '/api/clients/:id/webhooks/:webhookId',
    {
      config: { action: 'clients.manage' },
      schema: {
        summary: 'Stop a webhook (deliveries still queued are not sent)',
        params: WebhookParams,
        response: { 200: Webhook, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const { id, webhookId } = request.params;
      const out = await disableWebhook(app.database.db, request.actor, id, webhookId);
      if (out.kind !== 'saved') {
        return sendError(reply, 404, 'not-found', 'No such webhook');
      }
      return presentWebhook(out.webhook);
    },
  );
};
