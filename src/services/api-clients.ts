/**
 * Machine access (docs/machine-access.md): API clients registered for integrating systems,
 * their secrets (kept only as salted scrypt hashes), the opaque access tokens issued to them by
 * the client-credentials grant (kept only as their sha256), and the actor a token acts as.
 *
 * A token is looked up together with its client on every request, so a revoked or expired
 * client is refused at once, on every server sharing the database. Every change (a client
 * registered, revoked, its secret rotated, a token issued) is in the audit trail.
 */
import { randomBytes, scrypt, timingSafeEqual, type BinaryLike } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNull, lte, or } from 'drizzle-orm';
import { API_SCOPES, type ApiScope, type Role } from '../contract/enums';
import type { Db } from '../db/client';
import { apiClients, apiTokens, organisations } from '../db/schema';
import { storeActor } from '../domain/actors';
import { clientRoles, knownRoles, type Actor } from '../domain/policy';
import { appendAudit, audited } from './audit';
import { hashToken, randomToken } from './sessions';

export type ApiClientRow = typeof apiClients.$inferSelect;

/** How long an access token lives (RFC 6749 `expires_in`). */
export const TOKEN_SECONDS = 3600;

const SCRYPT = { N: 16_384, r: 8, p: 1, keylen: 32 } as const;

function scryptAsync(secret: BinaryLike, salt: BinaryLike, n: number, r: number, p: number) {
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(secret, salt, SCRYPT.keylen, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64url: what `secret_hash` holds. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(secret, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p);
  return [
    'scrypt',
    SCRYPT.N,
    SCRYPT.r,
    SCRYPT.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

/** Whether `secret` is the one `stored` was made from (constant time). */
export async function verifySecret(secret: string, stored: string | null): Promise<boolean> {
  const parts = stored?.split('$') ?? [];
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(secret, Buffer.from(salt, 'base64url'), +n, +r, +p);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Whether the client may act now: neither revoked nor expired. */
export function clientActive(row: Pick<ApiClientRow, 'revokedAt' | 'expiresAt'>, now: Date) {
  return row.revokedAt === null && (row.expiresAt === null || row.expiresAt > now);
}

/** The scopes of a list that are known (unknown ones give no rights). */
export function knownScopes(values: readonly unknown[]): ApiScope[] {
  return [
    ...new Set(values.filter((v): v is ApiScope => (API_SCOPES as readonly unknown[]).includes(v))),
  ];
}

/** The actor a client acts as, with the scopes of the token it came with. */
export function clientActor(row: ApiClientRow, scopes: readonly string[]): Actor {
  const allowed = new Set(knownScopes(row.scopes));
  return {
    kind: 'client',
    id: row.id,
    clientId: row.clientId,
    name: row.name,
    organisationId: row.organisationId,
    roles: knownRoles(row.roles).filter((r) => clientRoles.includes(r)),
    scopes: knownScopes(scopes).filter((s) => allowed.has(s)),
  };
}

export interface NewClient {
  name: string;
  organisationId: string;
  roles: readonly Role[];
  scopes: readonly ApiScope[];
  /** The public id; generated (`tildel-…`) when absent. */
  clientId?: string | undefined;
  expiresAt?: Date | null | undefined;
  /** Give the client a secret for POST /oauth/token (default true). */
  withSecret?: boolean | undefined;
  /** For tokens of an external authorisation server (Maskinporten): its issuer and client id. */
  externalIssuer?: string | null | undefined;
  externalClientId?: string | null | undefined;
}

export type ClientOutcome =
  | { kind: 'saved'; client: ApiClientRow; secret: string | null }
  | { kind: 'refused'; message: string }
  | { kind: 'not-found' };

/** The client's row as the audit trail records it (never a secret). */
const auditView = (row: ApiClientRow) => ({
  clientId: row.clientId,
  name: row.name,
  organisationId: row.organisationId,
  roles: row.roles,
  scopes: row.scopes,
  externalIssuer: row.externalIssuer,
  externalClientId: row.externalClientId,
  expiresAt: row.expiresAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
  hasSecret: row.secretHash !== null,
});

/** Registers a client; its secret (if any) is returned once and stored only hashed. */
export async function createClient(db: Db, actor: Actor, spec: NewClient): Promise<ClientOutcome> {
  const roles = [...new Set(spec.roles)];
  const notForClients = roles.filter((r) => !clientRoles.includes(r));
  if (notForClients.length > 0) {
    return {
      kind: 'refused',
      message: `A client cannot have the role ${notForClients.join(', ')}`,
    };
  }
  if (roles.length === 0) return { kind: 'refused', message: 'A client needs at least one role' };
  const scopes = knownScopes(spec.scopes);
  if (scopes.length === 0) return { kind: 'refused', message: 'A client needs at least one scope' };
  const external = Boolean(spec.externalIssuer) || Boolean(spec.externalClientId);
  if (external && !(spec.externalIssuer && spec.externalClientId)) {
    return { kind: 'refused', message: 'Give both the external issuer and the external client id' };
  }
  const withSecret = spec.withSecret ?? true;
  if (!withSecret && !external) {
    return { kind: 'refused', message: 'A client without a secret needs an external issuer' };
  }
  const secret = withSecret ? randomToken() : null;
  const secretHash = secret ? await hashSecret(secret) : null;
  return audited(db, async (tx) => {
    const [org] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.id, spec.organisationId));
    if (!org) return { kind: 'not-found' } as const;
    const clientId = spec.clientId ?? `tildel-${randomBytes(9).toString('base64url')}`;
    const who = storeActor(actor);
    const [row] = await tx
      .insert(apiClients)
      .values({
        clientId,
        name: spec.name,
        organisationId: org.id,
        roles,
        scopes,
        secretHash,
        externalIssuer: spec.externalIssuer ?? null,
        externalClientId: spec.externalClientId ?? null,
        expiresAt: spec.expiresAt ?? null,
        createdByKind: who.kind,
        createdById: who.id,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      return {
        kind: 'refused',
        message: 'The client id or the external client id is taken',
      } as const;
    }
    await appendAudit(tx, actor, {
      action: 'api-client.create',
      objectType: 'api-client',
      objectId: row.id,
      after: auditView(row),
    });
    return { kind: 'saved', client: row, secret };
  });
}

/** Every client, by name (never a secret). */
export async function listClients(db: Db): Promise<ApiClientRow[]> {
  return db.select().from(apiClients).orderBy(asc(apiClients.name), asc(apiClients.clientId));
}

/** A client by its row id or its public client id. */
export async function findClient(db: Db, idOrClientId: string): Promise<ApiClientRow | null> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrClientId);
  const [row] = await db
    .select()
    .from(apiClients)
    .where(
      uuid
        ? or(eq(apiClients.id, idOrClientId), eq(apiClients.clientId, idOrClientId))
        : eq(apiClients.clientId, idOrClientId),
    );
  return row ?? null;
}

/**
 * Revokes a client: its tokens stop working at once (they are deleted, and the client row is
 * checked on every request anyway). Revoking twice changes nothing.
 */
export async function revokeClient(
  db: Db,
  actor: Actor,
  idOrClientId: string,
): Promise<ClientOutcome> {
  const found = await findClient(db, idOrClientId);
  if (!found) return { kind: 'not-found' };
  return audited(db, async (tx) => {
    const [row] = await tx
      .update(apiClients)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiClients.id, found.id), isNull(apiClients.revokedAt)))
      .returning();
    if (!row) return { kind: 'saved', client: found, secret: null } as const;
    const tokens = await tx
      .delete(apiTokens)
      .where(eq(apiTokens.clientId, row.id))
      .returning({ id: apiTokens.id });
    await appendAudit(tx, actor, {
      action: 'api-client.revoke',
      objectType: 'api-client',
      objectId: row.id,
      before: { revokedAt: null },
      after: { revokedAt: row.revokedAt!.toISOString(), tokensRevoked: tokens.length },
    });
    return { kind: 'saved', client: row, secret: null } as const;
  });
}

/**
 * Gives the client a new secret (returned once); the old one stops working, and so do the
 * tokens issued with it.
 */
export async function rotateSecret(
  db: Db,
  actor: Actor,
  idOrClientId: string,
): Promise<ClientOutcome> {
  const found = await findClient(db, idOrClientId);
  if (!found) return { kind: 'not-found' };
  if (found.revokedAt) return { kind: 'refused', message: 'The client is revoked' };
  const secret = randomToken();
  const secretHash = await hashSecret(secret);
  return audited(db, async (tx) => {
    const [row] = await tx
      .update(apiClients)
      .set({ secretHash })
      .where(eq(apiClients.id, found.id))
      .returning();
    const tokens = await tx
      .delete(apiTokens)
      .where(eq(apiTokens.clientId, found.id))
      .returning({ id: apiTokens.id });
    await appendAudit(tx, actor, {
      action: 'api-client.rotate-secret',
      objectType: 'api-client',
      objectId: found.id,
      before: { hadSecret: found.secretHash !== null },
      after: { hasSecret: true, tokensRevoked: tokens.length },
    });
    return { kind: 'saved', client: row!, secret } as const;
  });
}

export type TokenOutcome =
  | { kind: 'issued'; accessToken: string; expiresIn: number; scopes: ApiScope[] }
  /** Unknown client, wrong secret, revoked or expired (one answer for all: RFC 6749 5.2). */
  | { kind: 'invalid_client' }
  | { kind: 'invalid_scope'; message: string };

/**
 * The client-credentials grant (RFC 6749 4.4): checks the client's secret and that it is
 * active, and issues an opaque token with the scopes asked for (all the client's when none
 * are). Removes the client's expired tokens on the way. Audited.
 */
export async function issueToken(
  db: Db,
  credentials: { clientId: string; clientSecret: string; scope?: string | undefined },
  now: Date = new Date(),
): Promise<TokenOutcome> {
  const [row] = await db
    .select()
    .from(apiClients)
    .where(eq(apiClients.clientId, credentials.clientId));
  // Hash even for an unknown client, so the answer takes as long either way.
  const ok = await verifySecret(credentials.clientSecret, row?.secretHash ?? DUMMY_HASH);
  if (!row || !ok || !row.secretHash || !clientActive(row, now)) return { kind: 'invalid_client' };
  const allowed = knownScopes(row.scopes);
  let scopes = allowed;
  if (credentials.scope !== undefined && credentials.scope.trim() !== '') {
    const asked = [...new Set(credentials.scope.trim().split(/\s+/))];
    const beyond = asked.filter((s) => !(allowed as string[]).includes(s));
    if (beyond.length > 0) {
      return { kind: 'invalid_scope', message: `Not granted to this client: ${beyond.join(' ')}` };
    }
    scopes = asked as ApiScope[];
  }
  const accessToken = randomToken();
  const expiresAt = new Date(now.getTime() + TOKEN_SECONDS * 1000);
  const actor = clientActor(row, scopes);
  await audited(db, async (tx) => {
    await tx
      .delete(apiTokens)
      .where(and(eq(apiTokens.clientId, row.id), lte(apiTokens.expiresAt, now)));
    const [token] = await tx
      .insert(apiTokens)
      .values({ tokenHash: hashToken(accessToken), clientId: row.id, scopes, expiresAt })
      .returning({ id: apiTokens.id });
    await appendAudit(tx, actor, {
      action: 'api-token.issue',
      objectType: 'api-client',
      objectId: row.id,
      after: { token: token!.id, scopes, expiresAt: expiresAt.toISOString() },
    });
  });
  return { kind: 'issued', accessToken, expiresIn: TOKEN_SECONDS, scopes };
}

/** A hash no secret matches in practice, verified against when the client is unknown. */
const DUMMY_HASH = `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(32).toString('base64url')}`;

/**
 * The actor an opaque bearer token acts as: its client's, with the token's scopes; null when
 * the token is unknown or expired, or its client revoked or expired.
 */
export async function actorForToken(
  db: Db,
  token: string,
  now: Date = new Date(),
): Promise<Actor | null> {
  const [found] = await db
    .select({ client: apiClients, scopes: apiTokens.scopes })
    .from(apiTokens)
    .innerJoin(apiClients, eq(apiClients.id, apiTokens.clientId))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), gt(apiTokens.expiresAt, now)));
  if (!found || !clientActive(found.client, now)) return null;
  return clientActor(found.client, found.scopes);
}

/**
 * The actor a verified token of an external authorisation server acts as: the client
 * registered with that issuer and the first of `externalClientIds` any client is registered
 * with (the token's client id, then its consumer), with the token's scopes it was also
 * granted; null when none is registered, or the one found is revoked or expired (no later id
 * is tried then).
 */
export async function actorForExternal(
  db: Db,
  issuer: string,
  externalClientIds: readonly string[],
  tokenScopes: readonly string[],
  now: Date = new Date(),
): Promise<Actor | null> {
  if (externalClientIds.length === 0) return null;
  const rows = await db
    .select()
    .from(apiClients)
    .where(
      and(
        eq(apiClients.externalIssuer, issuer),
        inArray(apiClients.externalClientId, [...externalClientIds]),
      ),
    );
  const rank = (r: ApiClientRow) => externalClientIds.indexOf(r.externalClientId ?? '');
  const [row] = rows.sort((a, b) => rank(a) - rank(b));
  if (!row || !clientActive(row, now)) return null;
  return clientActor(row, tokenScopes);
}
