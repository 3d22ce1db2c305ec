/**
 * A minimal OpenID Connect provider for tests, on 127.0.0.1: discovery, JWKS, an authorize
 * endpoint that is never visited (tests read its parameters from the redirect) and a token
 * endpoint that checks the client secret, the code and the PKCE verifier and returns an RS256
 * ID token with the claims the test chose.
 */
import { createHash, generateKeyPairSync, sign, type JsonWebKey } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Grant {
  challenge: string;
  nonce: string;
  claims: Record<string, unknown>;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Registers what signing in with `code` yields (after the redirect's parameters). */
  grant(code: string, authorizeUrl: string, claims: Record<string, unknown>): void;
  close(): Promise<void>;
}

const b64url = (v: string | Buffer) => Buffer.from(v).toString('base64url');

export async function startTestProvider(): Promise<TestProvider> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = {
    ...(publicKey.export({ format: 'jwk' }) as JsonWebKey),
    kid: 'k1',
    use: 'sig',
    alg: 'RS256',
  };
  const clientId = 'tildel-test';
  const clientSecret = 'test-secret-value';
  const grants = new Map<string, Grant>();
  let issuer = '';

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        const basic = req.headers.authorization?.startsWith('Basic ')
          ? Buffer.from(req.headers.authorization.slice(6), 'base64').toString().split(':')
          : null;
        const secret =
          form.get('client_secret') ?? (basic ? decodeURIComponent(basic[1] ?? '') : null);
        const grant = grants.get(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        if (secret !== clientSecret) return json(401, { error: 'invalid_client' });
        if (!grant || b64url(createHash('sha256').update(verifier).digest()) !== grant.challenge) {
          return json(400, { error: 'invalid_grant' });
        }
        grants.delete(form.get('code') ?? '');
        const now = Math.floor(Date.now() / 1000);
        const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'k1' }));
        const payload = b64url(
          JSON.stringify({
            iss: issuer,
            aud: clientId,
            iat: now,
            exp: now + 300,
            nonce: grant.nonce,
            ...grant.claims,
          }),
        );
        const signature = b64url(
          sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), privateKey),
        );
        return json(200, {
          access_token: 'test-access-token',
          token_type: 'Bearer',
          expires_in: 300,
          id_token: `${header}.${payload}.${signature}`,
        });
      });
      return;
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer,
    clientId,
    clientSecret,
    grant(code, authorizeUrl, claims) {
      const p = new URL(authorizeUrl).searchParams;
      grants.set(code, {
        challenge: p.get('code_challenge') ?? '',
        nonce: p.get('nonce') ?? '',
        claims,
      });
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
