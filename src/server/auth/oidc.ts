/**
 * OpenID Connect sign-in (authorization code flow with PKCE, state and nonce) with
 * openid-client 6. The provider's metadata is discovered once and cached. The PKCE verifier,
 * state, nonce and return path travel in a short-lived HttpOnly cookie between the redirect
 * and the callback; they are single-use and useless without the provider's code.
 *
 * Claims mapping (names configurable, see src/config.ts):
 * - `sub` → the user (`oidc:{issuer}|{sub}`); `name` (or given/family name, email) → name;
 * - `tildel_org` → organisation, by org.nr (9 digits) or exact name; unknown → sign-in refused;
 * - `tildel_roles` → roles (array or space/comma separated; unknown values ignored);
 * - `tildel_department` → ministry department code for department officers.
 */
import * as client from 'openid-client';
import type { ProviderIdentity } from '../../services/users';
import type { OidcOptions } from './options';

export const OIDC_COOKIE = 'tildel_oidc';

interface Pending {
  verifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

export class OidcSignIn {
  private config: Promise<client.Configuration> | undefined;

  constructor(private readonly opts: OidcOptions) {}

  private configuration(): Promise<client.Configuration> {
    this.config ??= client
      .discovery(
        new URL(this.opts.issuer),
        this.opts.clientId,
        this.opts.clientSecret,
        undefined,
        this.opts.allowInsecureRequests ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((err: unknown) => {
        this.config = undefined; // try again on the next sign-in
        throw err;
      });
    return this.config;
  }

  /** The provider URL to send the browser to, and the cookie value to set. */
  async start(returnTo: string): Promise<{ url: string; cookie: string }> {
    const config = await this.configuration();
    const pending: Pending = {
      verifier: client.randomPKCECodeVerifier(),
      state: client.randomState(),
      nonce: client.randomNonce(),
      returnTo,
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.opts.redirectUri,
      scope: this.opts.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return {
      url: url.href,
      cookie: Buffer.from(JSON.stringify(pending)).toString('base64url'),
    };
  }

  /** Exchanges the code (checking state, nonce and PKCE) and maps the ID token's claims. */
  async finish(
    query: string,
    cookieValue: string | undefined,
  ): Promise<{ identity: ProviderIdentity; returnTo: string }> {
    const pending = parsePending(cookieValue);
    if (!pending) throw new Error('the sign-in was not started here or took too long');
    const config = await this.configuration();
    const current = new URL(this.opts.redirectUri);
    current.search = query;
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('the provider sent no ID token');
    return {
      identity: mapClaims(this.opts, config.serverMetadata().issuer, claims),
      returnTo: pending.returnTo,
    };
  }
}

function parsePending(value: string | undefined): Pending | null {
  if (!value) return null;
  try {
    const p = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Pending>;
    if (
      typeof p.verifier === 'string' &&
      typeof p.state === 'string' &&
      typeof p.nonce === 'string' &&
      typeof p.returnTo === 'string'
    ) {
      return p as Pending;
    }
  } catch {
    // fall through
  }
  return null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

export function mapClaims(
  opts: Pick<OidcOptions, 'claims'>,
  issuer: string,
  claims: Record<string, unknown>,
): ProviderIdentity {
  const rawRoles = claims[opts.claims.roles];
  const roles = Array.isArray(rawRoles)
    ? rawRoles
    : typeof rawRoles === 'string'
      ? rawRoles.split(/[\s,]+/).filter(Boolean)
      : [];
  const given = [str(claims.given_name), str(claims.family_name)].filter(Boolean).join(' ');
  const subject = str(claims.sub);
  if (!subject) throw new Error('the ID token has no subject');
  return {
    issuer,
    subject,
    name: str(claims.name) ?? (given || null) ?? str(claims.email) ?? subject,
    email: str(claims.email),
    organisation: str(claims[opts.claims.organisation]),
    roles,
    departmentCode: str(claims[opts.claims.department]),
  };
}
