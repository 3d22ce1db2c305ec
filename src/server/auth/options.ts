/**
 * Sign-in settings of the server. Built from the environment by `authOptionsFromConfig`
 * (src/config.ts); tests pass them directly to `buildApp({ auth })`.
 */

import type { ExternalTokenOptions } from './bearer';

export interface OidcOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The callback URL registered at the provider (…/api/auth/oidc/callback). */
  redirectUri: string;
  scopes: string;
  /** Which ID-token claims carry the organisation, the roles and the department code. */
  claims: { organisation: string; roles: string; department: string };
  /** Allow http:// (a provider on localhost in tests). Never set from the environment. */
  allowInsecureRequests?: boolean;
}

export interface RateLimit {
  max: number;
  /** Milliseconds. */
  timeWindow: number;
}

export interface AuthOptions {
  /** The OpenID Connect provider; null for the embedded default (local test sign-in). */
  oidc: OidcOptions | null;
  /** Local test sign-in with sample users; only possible without a provider. */
  localSignIn: boolean;
  /** Session lifetime in hours. */
  sessionHours: number;
  /** Browsers reach the server over HTTPS: Secure cookies and HSTS. */
  tls: boolean;
  /**
   * An external authorisation server (Maskinporten) whose JWT bearer tokens act as registered
   * API clients (src/server/auth/bearer.ts); null: only Tildel's own tokens.
   */
  external: ExternalTokenOptions | null;
  /**
   * Per caller: a signed-in user (whichever session or address) or, anonymous, the client
   * address (the forwarded one only behind a trusted proxy, see AppOptions.trustProxy).
   */
  rateLimits: {
    signIn: RateLimit;
    imports: RateLimit;
    feeds: RateLimit;
    token: RateLimit;
    /** The public open-data API (/api/open/v1), per address: files are large, not secret. */
    openData: RateLimit;
    /** A year's bulk zip (/api/open/v1/years/{year}/bulk.zip): within openData, and tighter. */
    openDataBulk: RateLimit;
  };
}

export const DEFAULT_RATE_LIMITS: AuthOptions['rateLimits'] = {
  signIn: { max: 30, timeWindow: 60_000 },
  imports: { max: 30, timeWindow: 60_000 },
  // Calendar clients poll a feed every few minutes; a token is not guessed at this pace.
  feeds: { max: 60, timeWindow: 60_000 },
  // POST /oauth/token: a client asks for a token an hour, not a secret guessed at this pace.
  token: { max: 60, timeWindow: 60_000 },
  // Open data: a harvester fetching a year's files (or checking them with ETags) fits easily.
  openData: { max: 120, timeWindow: 60_000 },
  // The whole year in one file: a harvester needs it once (then a 304 with its ETag).
  openDataBulk: { max: 10, timeWindow: 60_000 },
};

/** Fills in defaults; refuses local sign-in together with a provider. */
/** What callers may leave out: any setting, and any single rate limit. */
export type AuthSettings = Omit<Partial<AuthOptions>, 'rateLimits'> & {
  rateLimits?: Partial<AuthOptions['rateLimits']>;
};

export function resolveAuthOptions(partial: AuthSettings = {}): AuthOptions {
  const oidc = partial.oidc ?? null;
  const localSignIn = partial.localSignIn ?? oidc === null;
  if (oidc && localSignIn) {
    throw new Error('Local test sign-in cannot be enabled when an OIDC provider is configured');
  }
  return {
    oidc,
    localSignIn,
    sessionHours: partial.sessionHours ?? 8,
    tls: partial.tls ?? false,
    external: partial.external ?? null,
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...partial.rateLimits },
  };
}
