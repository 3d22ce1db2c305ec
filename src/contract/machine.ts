/**
 * Machine access (docs/machine-access.md): the OAuth 2.0 token endpoint (RFC 6749 4.4, the
 * client-credentials grant), registered API clients and their webhooks, and the body of a
 * webhook delivery.
 */
import { z } from 'zod';
import { ApiScope, Role, WebhookEvent } from './enums';

/** POST /oauth/token (application/x-www-form-urlencoded). */
export const TokenRequestBody = z.object({
  grant_type: z.string().max(100),
  /** Or in the Authorization header (HTTP Basic), which takes precedence. */
  client_id: z.string().max(200).optional(),
  client_secret: z.string().max(500).optional(),
  /** Space-separated; a subset of the client's scopes (default: all of them). */
  scope: z.string().max(1000).optional(),
});
export type TokenRequestBody = z.infer<typeof TokenRequestBody>;

/** RFC 6749 5.1. */
export const TokenResult = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.int(),
  scope: z.string(),
});
export type TokenResult = z.infer<typeof TokenResult>;

/** RFC 6749 5.2 (with Tildel's `message` beside the standard fields). */
export const OAuthErrorBody = z.object({
  error: z.enum([
    'invalid_request',
    'invalid_client',
    'invalid_grant',
    'unauthorized_client',
    'unsupported_grant_type',
    'invalid_scope',
  ]),
  error_description: z.string(),
  message: z.string(),
});
export type OAuthErrorBody = z.infer<typeof OAuthErrorBody>;

/** A registered client as administrators see it (never its secret). */
export const ApiClient = z.object({
  id: z.uuid(),
  clientId: z.string(),
  name: z.string(),
  organisationId: z.uuid(),
  roles: z.array(Role),
  scopes: z.array(ApiScope),
  hasSecret: z.boolean(),
  externalIssuer: z.string().nullable(),
  externalClientId: z.string().nullable(),
  expiresAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  /** Neither revoked nor expired. */
  active: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type ApiClient = z.infer<typeof ApiClient>;

export const ApiClientList = z.object({ items: z.array(ApiClient) });
export type ApiClientList = z.infer<typeof ApiClientList>;

export const CreateApiClientBody = z.object({
  name: z.string().trim().min(1).max(200),
  organisationId: z.uuid(),
  roles: z.array(Role).min(1),
  scopes: z.array(ApiScope).min(1),
  /** The public client id; generated when absent. */
  clientId: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{3,100}$/)
    .optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  /** Give it a secret for POST /oauth/token (default true). */
  withSecret: z.boolean().optional(),
  externalIssuer: z.url().max(500).optional(),
  externalClientId: z.string().min(1).max(200).optional(),
});
export type CreateApiClientBody = z.infer<typeof CreateApiClientBody>;

/** A client with its secret, shown this once (null for a client of an external issuer only). */
export const ApiClientSecretResult = z.object({
  client: ApiClient,
  secret: z.string().nullable(),
});
export type ApiClientSecretResult = z.infer<typeof ApiClientSecretResult>;

/** A webhook (never its secret after creation). */
export const Webhook = z.object({
  id: z.uuid(),
  clientId: z.uuid(),
  url: z.string(),
  events: z.array(WebhookEvent),
  createdAt: z.iso.datetime(),
  disabledAt: z.iso.datetime().nullable(),
});
export type Webhook = z.infer<typeof Webhook>;

/** A client's webhooks, the stopped ones too (never a secret). */
export const WebhookList = z.object({ items: z.array(Webhook) });
export type WebhookList = z.infer<typeof WebhookList>;

export const CreateWebhookBody = z.object({
  /** https:// (plain http:// only to loopback, where TILDEL_WEBHOOK_ALLOW_INSECURE is on). */
  url: z.url({ protocol: /^https?$/ }).max(2000),
  events: z.array(WebhookEvent).min(1),
});
export type CreateWebhookBody = z.infer<typeof CreateWebhookBody>;

/** The webhook with its signing secret, shown this once. */
export const WebhookSecretResult = z.object({ webhook: Webhook, secret: z.string() });
export type WebhookSecretResult = z.infer<typeof WebhookSecretResult>;

/**
 * What a webhook delivery POSTs (JSON), signed in `Tildel-Signature: t=<unix>,v1=<hex>` with
 * HMAC-SHA256 of `<t>.<body>` under the webhook's secret.
 */
export const WebhookDelivery = z.object({
  /** The delivery's id (also `Tildel-Delivery`): the same on every retry. */
  id: z.string(),
  event: WebhookEvent,
  occurredAt: z.iso.datetime(),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
