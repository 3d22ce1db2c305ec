/**
 * Bearer tokens (RFC 6750) for integrating systems (docs/machine-access.md): an opaque token
 * issued by POST /oauth/token, or, when an external authorisation server is configured
 * (Maskinporten), a JWT it signed, verified against its JWKS (issuer, audience, expiry and an
 * allow-list of algorithms) and mapped to the client registered with its `client_id`, or, when
 * no client is registered with that, with its consumer (`consumer.ID`). Either way the request acts as that client (`request.actor` of kind
 * `client`), with no session: no cookie is read or set and no CSRF token is needed.
 */
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { Db } from '../../db/client';
import type { Actor } from '../../domain/policy';
import { actorForExternal, actorForToken } from '../../services/api-clients';

export interface ExternalTokenOptions {
  /** The authorisation server's issuer (`iss`), e.g. https://maskinporten.no/. */
  issuer: string;
  /** Where its signing keys are published (JWKS). */
  jwksUrl: string;
  /** The audience its tokens for Tildel carry (`aud`). */
  audience: string;
  /** Signature algorithms accepted (default RS256, RS384, RS512, PS256, ES256). */
  algorithms?: string[];
  /**
   * What the server puts before Tildel's scope names (Maskinporten scopes carry the API
   * provider's prefix, e.g. `fin:tildel/`): `fin:tildel/register:read` is `register:read`.
   */
  scopePrefix?: string;
}

export const DEFAULT_EXTERNAL_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256'];

/** The token of an `Authorization: Bearer …` header; undefined when there is no such header. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return match ? match[1] : header.toLowerCase().startsWith('bearer') ? '' : undefined;
}

const looksLikeJwt = (token: string) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);

/** The scopes of a verified token, Tildel's names (the prefix taken off; others dropped). */
export function tokenScopes(payload: JWTPayload, prefix = ''): string[] {
  const raw = payload.scope;
  const list =
    typeof raw === 'string' ? raw.split(/\s+/) : Array.isArray(raw) ? raw.map(String) : [];
  return list.filter((s) => s.startsWith(prefix)).map((s) => s.slice(prefix.length));
}

/**
 * The external client ids a verified token may be registered under, first match wins: its
 * `client_id`; then its consumer (Maskinporten's `consumer.ID`, `0192:<org.nr>`), as given and
 * as the bare org.nr.
 */
export function externalClientIds(payload: JWTPayload): string[] {
  const ids: string[] = [];
  if (typeof payload.client_id === 'string' && payload.client_id) ids.push(payload.client_id);
  const consumer = payload.consumer as { ID?: unknown } | undefined;
  if (typeof consumer?.ID === 'string' && consumer.ID) {
    ids.push(consumer.ID);
    const orgNr = /^\d{4}:(\d{9})$/.exec(consumer.ID)?.[1];
    if (orgNr) ids.push(orgNr);
  }
  return [...new Set(ids)];
}

export type BearerAuthenticator = (token: string) => Promise<Actor | null>;

/**
 * Resolves bearer tokens to actors: opaque ones by their hash, JWTs (with an external server
 * configured) by their signature and claims. Null for anything not valid now.
 */
export function bearerAuthenticator(
  db: Db,
  external: ExternalTokenOptions | null,
): BearerAuthenticator {
  const keys = external ? createRemoteJWKSet(new URL(external.jwksUrl)) : null;
  return async (token) => {
    if (!token) return null;
    if (!looksLikeJwt(token)) return actorForToken(db, token);
    if (!external || !keys) return null;
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: external.issuer,
        audience: external.audience,
        algorithms: external.algorithms ?? DEFAULT_EXTERNAL_ALGORITHMS,
        requiredClaims: ['exp'],
      });
      const ids = externalClientIds(payload);
      if (ids.length === 0) return null;
      return actorForExternal(
        db,
        external.issuer,
        ids,
        tokenScopes(payload, external.scopePrefix ?? ''),
      );
    } catch (err) {
      // An invalid token is the caller's problem; the key server being down is ours.
      if (err instanceof joseErrors.JOSEError && !(err instanceof joseErrors.JWKSTimeout)) {
        return null;
      }
      throw err;
    }
  };
}
