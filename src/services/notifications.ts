/**
 * What people are told of: in-app notifications, each once only (its `key`), and for each new
 * one an e-mail job in the same transaction (src/services/mail-jobs.ts sends it). Who is told
 * of an assignment's work is decided here: its owner person and the agency's coordinators on
 * the agency side; the department officers of its owner department on the ministry side.
 */
import { and, count, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { NotificationKind, Role } from '../contract/enums';
import { NOTIFICATION_CURSOR } from '../contract/follow-up';
import { cursorKeys, pageOf, type Cursor } from '../contract/pagination';
import type { Db } from '../db/client';
import { after, exactTime, orderBy, type SortKey } from '../db/keyset';
import { notifications, users } from '../db/schema';
import type { Actor } from '../domain/policy';
import { appendAudit, audited } from './audit';
import { enqueue } from './jobs';

export interface Notice {
  userId: string;
  kind: NotificationKind;
  /** Once only: a second notice with the same key adds nothing (and sends no mail). */
  key: string;
  assignmentId?: string | null;
  draftId?: string | null;
  reportId?: string | null;
  params: Record<string, string | number | null>;
}

/** The kind of job that mails one notification (payload `{ notificationId }`). */
export const MAIL_NOTIFICATION_JOB = 'mail.notification';

/** Adds the notices not given before and a mail job for each. Returns how many were new. */
export async function notify(tx: Db, notices: readonly Notice[]): Promise<number> {
  if (notices.length === 0) return 0;
  const added = await tx
    .insert(notifications)
    .values(
      notices.map((n) => ({
        userId: n.userId,
        kind: n.kind,
        key: n.key,
        assignmentId: n.assignmentId ?? null,
        draftId: n.draftId ?? null,
        reportId: n.reportId ?? null,
        params: n.params,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: notifications.id });
  await enqueue(
    tx,
    added.map((n) => ({
      kind: MAIL_NOTIFICATION_JOB,
      key: `mail:${n.id}`,
      payload: { notificationId: n.id },
    })),
  );
  return added.length;
}

/** The people of an organisation with one of `roles` (and, if given, in that department). */
export async function peopleWith(
  tx: Db,
  organisationId: string | null,
  roles: readonly Role[],
  departmentCode?: string | null,
): Promise<string[]> {
  if (!organisationId) return [];
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.organisationId, organisationId),
        or(...roles.map((r) => sql`${users.roles} ? ${r}`)),
        departmentCode ? eq(users.departmentCode, departmentCode) : undefined,
      ),
    );
  return rows.map((r) => r.id);
}

/** The agency side of an assignment: its owner person and the agency's coordinators. */
export async function agencySide(
  tx: Db,
  a: { agencyId: string | null; ownerUserId: string | null },
): Promise<string[]> {
  const coordinators = await peopleWith(tx, a.agencyId, ['agency-coordinator']);
  return [...new Set([...(a.ownerUserId ? [a.ownerUserId] : []), ...coordinators])];
}

const userId = (actor: Actor) => (actor.kind === 'user' ? actor.id : null);

export interface NotificationListing {
  items: (typeof notifications.$inferSelect)[];
  unread: number;
  nextCursor: string | null;
}

/** The notification list's order: newest first (the index on user and time serves it). */
const notificationKeys: SortKey[] = [
  { expr: notifications.createdAt, desc: true, cast: 'timestamptz' },
  { expr: notifications.id, desc: true },
];

/** A page of the caller's notifications, newest first, and how many are unread. */
export async function listNotifications(
  db: Db,
  actor: Actor,
  opts: { unread?: boolean | undefined; limit: number; cursor?: Cursor | undefined },
): Promise<NotificationListing> {
  const id = userId(actor);
  if (!id) return { items: [], unread: 0, nextCursor: null };
  const mine = eq(notifications.userId, id);
  const start = cursorKeys(opts.cursor, NOTIFICATION_CURSOR.created);
  const [rows, [unread]] = await Promise.all([
    db
      .select({ notification: notifications, created: exactTime(notifications.createdAt) })
      .from(notifications)
      .where(
        and(
          mine,
          opts.unread ? isNull(notifications.readAt) : undefined,
          start === undefined ? undefined : after(notificationKeys, start),
        ),
      )
      .orderBy(...orderBy(notificationKeys))
      .limit(opts.limit + 1),
    db
      .select({ n: count() })
      .from(notifications)
      .where(and(mine, isNull(notifications.readAt))),
  ]);
  const page = pageOf(rows, opts.limit, 'created', (r) => [r.created, r.notification.id], opts);
  return {
    items: page.rows.map((r) => r.notification),
    unread: unread?.n ?? 0,
    nextCursor: page.nextCursor,
  };
}

/** Marks the caller's notifications read (the given ones, or all). Returns how many. */
export async function markRead(
  db: Db,
  actor: Actor,
  ids: readonly string[] | 'all',
): Promise<number> {
  const id = userId(actor);
  if (!id) return 0;
  return audited(db, async (tx) => {
    const rows = await tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(
        and(
          eq(notifications.userId, id),
          isNull(notifications.readAt),
          ids === 'all' ? undefined : inArray(notifications.id, [...ids]),
        ),
      )
      .returning({ id: notifications.id });
    if (rows.length > 0) {
      await appendAudit(tx, actor, {
        action: 'notifications.read',
        objectType: 'user',
        objectId: id,
        after: { read: rows.map((r) => r.id) },
      });
    }
    return rows.length;
  });
}
