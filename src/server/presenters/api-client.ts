/** API clients and their webhooks as administrators see them: never a stored secret. */
import type { ApiClient, Webhook } from '../../contract/machine';
import type { ApiClientRow } from '../../services/api-clients';
import { clientActive, knownScopes } from '../../services/api-clients';
import type { WebhookRow } from '../../services/webhooks';
import { knownRoles } from '../../domain/policy';
import { WEBHOOK_EVENTS, type WebhookEvent } from '../../contract/enums';

export function presentApiClient(row: ApiClientRow, now: Date = new Date()): ApiClient {
  return {
    id: row.id,
    clientId: row.clientId,
    name: row.name,
    organisationId: row.organisationId,
    roles: knownRoles(row.roles),
    scopes: knownScopes(row.scopes),
    hasSecret: row.secretHash !== null,
    externalIssuer: row.externalIssuer,
    externalClientId: row.externalClientId,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    active: clientActive(row, now),
    createdAt: row.createdAt.toISOString(),
  };
}

export function presentWebhook(row: WebhookRow): Webhook {
  return {
    id: row.id,
    clientId: row.clientId,
    url: row.url,
    events: row.events.filter((e): e is WebhookEvent =>
      (WEBHOOK_EVENTS as readonly string[]).includes(e),
    ),
    createdAt: row.createdAt.toISOString(),
    disabledAt: row.disabledAt?.toISOString() ?? null,
  };
}
