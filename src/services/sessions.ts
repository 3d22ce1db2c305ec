/**
 * Server-side sessions. The cookie carries a random 256-bit token; the table keeps only its
 * sha256, so a copy of the database (or a log line) does not let anyone sign in. Each session
 * also has a CSRF token (double submit: the client reads it from GET /api/me and sends it back
 * in the `x-csrf-token` header on every write). Expired sessions are refused and purged.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { organisations, sessions, users } from '../db/schema';
import type { Actor } from '../domain/policy';
import { appendAudit, audited } from './audit';
import type { UserRow } from './users';

export const SESSION_COOKIE = 'tildel_session';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** A new random token or secret (256 bits, base64url): sessions, CSRF, API client secrets. */
export const randomToken = () => randomBytes(32).toString('base64url');

/** Constant-time comparison of two tokens. */
export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface NewSession {
  id: string;
  /** Goes into the cookie only; never stored or logged. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Starts a session for `user`, recorded in the audit trail. */
export async function createSession(
  db: Db,
  actor: Actor,
  user: UserRow,
  opts: { hours: number; method: 'local' | 'oidc' },
): Promise<NewSession> {
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(Date.now() + opts.hours * 3_600_000);
  return audited(db, async (tx) => {
    const [row] = await tx
      .insert(sessions)
      .values({ tokenHash: hashToken(token), userId: user.id, csrfToken, expiresAt })
      .returning({ id: sessions.id });
    await appendAudit(tx, actor, {
      action: 'session.create',
      objectType: 'session',
      objectId: row!.id,
      after: { userId: user.id, method: opts.method, expiresAt: expiresAt.toISOString() },
    });
    return { id: row!.id, token, csrfToken, expiresAt };
  });
}

export interface ActiveSession {
  id: string;
  csrfToken: string;
  expiresAt: Date;
  user: UserRow;
  organisation: { id: string; name: string; kind: string } | null;
}

/** The live session behind a cookie token, or null (unknown or expired). */
export async function findSession(db: Db, token: string): Promise<ActiveSession | null> {
  if (token.length < 20 || token.length > 100) return null;
  const [row] = await db
    .select({ session: sessions, user: users, org: organisations })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(sessions.tokenHash, hashToken(token)));
  if (!row || row.session.expiresAt.getTime() <= Date.now()) return null;
  return {
    id: row.session.id,
    csrfToken: row.session.csrfToken,
    expiresAt: row.session.expiresAt,
    user: row.user,
    organisation: row.org ? { id: row.org.id, name: row.org.name, kind: row.org.kind } : null,
  };
}

/** Ends a session (sign-out), recorded in the audit trail. */
export async function endSession(db: Db, actor: Actor, sessionId: string): Promise<void> {
  await audited(db, async (tx) => {
    const [gone] = await tx
      .delete(sessions)
      .where(eq(sessions.id, sessionId))
      .returning({ id: sessions.id, userId: sessions.userId });
    if (!gone) return;
    await appendAudit(tx, actor, {
      action: 'session.end',
      objectType: 'session',
      objectId: gone.id,
      before: { userId: gone.userId },
    });
  });
}

/** Deletes expired sessions; returns how many (recorded in the audit trail when any). */
export async function purgeExpiredSessions(db: Db): Promise<number> {
  return audited(db, async (tx) => {
    const gone = await tx
      .delete(sessions)
      .where(lte(sessions.expiresAt, sql`now()`))
      .returning({ id: sessions.id });
    if (gone.length > 0) {
      await appendAudit(
        tx,
        { kind: 'system', name: 'sessions' },
        {
          action: 'session.purge-expired',
          objectType: 'session',
          objectId: '*',
          before: { sessions: gone.map((g) => g.id) },
        },
      );
    }
    return gone.length;
  });
}
