import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OAuthErrorBody, TokenRequestBody, TokenResult } from '../../contract/machine';
import { issueToken } from '../../services/api-clients';
import { sendError } from '../reply';

/** The client id and secret of an `Authorization: Basic …` header (RFC 6749 2.3.1), or null. */
function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
    };
  } catch {
    return null;
  }
}

const OAUTH_ERRORS = new Set<string>(OAuthErrorBody.shape.error.options);

/**
 * Every refusal of the token endpoint as an RFC 6749 5.2 body, including those made before the
 * route's handler (the central validation and NUL checks: 400 `invalid_request`; an invalid
 * bearer token in the Authorization header, refused by the auth plugin: 401 `invalid_client`).
 * Runs before the response schema is applied, so no refusal becomes a 500.
 */
function asOAuthError(status: number, payload: unknown): unknown {
  if (status !== 400 && status !== 401) return payload;
  const body = payload as { error?: unknown; message?: unknown } | null;
  if (!body || typeof body !== 'object' || OAUTH_ERRORS.has(String(body.error))) return payload;
  const message = typeof body.message === 'string' ? body.message : 'The request is not valid';
  return {
    error: status === 401 ? 'invalid_client' : 'invalid_request',
    error_description: message,
    message,
  };
}

/**
 * The OAuth 2.0 token endpoint for integrating systems: the client-credentials grant (RFC 6749
 * 4.4). Anyone may ask (`public`); the client's secret is the proof. Rate-limited per address
 * (src/server/auth/plugin.ts). Answers and errors as RFC 6749 5.1 and 5.2 say, never cached.
 */
export const oauthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/oauth/token',
    {
      config: { action: 'public' },
      schema: {
        summary: 'An access token for an API client (OAuth 2.0 client credentials)',
        description:
          'application/x-www-form-urlencoded: grant_type=client_credentials, the client id and secret in HTTP Basic or as client_id/client_secret, an optional space-separated scope. See docs/machine-access.md.',
        consumes: ['application/x-www-form-urlencoded'],
        body: TokenRequestBody,
        response: { 200: TokenResult, 400: OAuthErrorBody, 401: OAuthErrorBody },
      },
      preSerialization: async (_request, reply, payload) => asOAuthError(reply.statusCode, payload),
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
      const oauthError = (status: number, error: OAuthErrorBody['error'], description: string) => {
        if (error === 'invalid_client') reply.header('www-authenticate', 'Basic realm="tildel"');
        return sendError(reply, status, error, description, { error_description: description });
      };
      const body = request.body;
      if (body.grant_type !== 'client_credentials') {
        return oauthError(
          400,
          'unsupported_grant_type',
          'Only grant_type=client_credentials is supported',
        );
      }
      const basic = basicCredentials(request.headers.authorization);
      const clientId = basic?.id ?? body.client_id;
      const clientSecret = basic?.secret ?? body.client_secret;
      if (!clientId || !clientSecret) {
        return oauthError(401, 'invalid_client', 'Client authentication is missing');
      }
      const out = await issueToken(app.database.db, {
        clientId,
        clientSecret,
        scope: body.scope,
      });
      if (out.kind === 'invalid_client') {
        return oauthError(401, 'invalid_client', 'Client authentication failed');
      }
      if (out.kind === 'invalid_scope') return oauthError(400, 'invalid_scope', out.message);
      return {
        access_token: out.accessToken,
        token_type: 'Bearer' as const,
        expires_in: out.expiresIn,
        scope: out.scopes.join(' '),
      };
    },
  );
};
