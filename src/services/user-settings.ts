/**
 * A person's own settings (language, reminder days, weekly digest, e-mail off), and turning
 * e-mail off through the unsubscribe link of a mail. Both change the user row and are audited.
 */
import { eq } from 'drizzle-orm';
import type { Language } from '../contract/enums';
import type { UserSettings, UserSettingsUpdate } from '../contract/settings';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import type { UserActor } from '../domain/policy';
import { appendAudit, audited } from './audit';
import { validUnsubscribeToken } from './mail';
import { actorFromUser } from './users';

type UserRow = typeof users.$inferSelect;

const settingsOf = (u: UserRow): UserSettings => ({
  email: u.email,
  language: u.language,
  reminderDays: u.reminderDays,
  weeklyDigest: u.weeklyDigest,
  mailOff: u.mailOff,
});

/** The person's settings, or null when there is no such user. */
export async function readSettings(db: Db, userId: string): Promise<UserSettings | null> {
  const [row] = await db.select().from(users).where(eq(users.id, userId));
  return row ? settingsOf(row) : null;
}

/** Changes the caller's own settings (reminder days kept sorted, largest first). */
export async function updateSettings(
  db: Db,
  actor: UserActor,
  change: UserSettingsUpdate,
): Promise<UserSettings | null> {
  return audited(db, async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, actor.id)).for('update');
    if (!before) return null;
    const [after] = await tx
      .update(users)
      .set({ ...change, reminderDays: [...change.reminderDays].sort((a, b) => b - a) })
      .where(eq(users.id, actor.id))
      .returning();
    const { email: _e, ...was } = settingsOf(before);
    const { email: _f, ...now } = settingsOf(after!);
    await appendAudit(tx, actor, {
      action: 'user.settings',
      objectType: 'user',
      objectId: actor.id,
      before: was,
      after: now,
    });
    return settingsOf(after!);
  });
}

/** The language to answer an unsubscribe link in (bokmål for an unknown person). */
export async function languageOf(db: Db, userId: string): Promise<Language> {
  const [row] = await db
    .select({ language: users.language })
    .from(users)
    .where(eq(users.id, userId));
  return row?.language ?? 'nb';
}

/**
 * Turns the person's e-mail off when `token` is their unsubscribe token (no sign-in: the token
 * is the proof, and the audit entry names the person as the actor). `invalid` for a wrong
 * token or an unknown person; `done` also when mail was off already.
 */
export async function unsubscribe(
  db: Db,
  secret: string,
  userId: string,
  token: string,
): Promise<'done' | 'invalid'> {
  if (!validUnsubscribeToken(secret, userId, token)) return 'invalid';
  return audited(db, async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!user) return 'invalid';
    if (user.mailOff) return 'done';
    await tx.update(users).set({ mailOff: true }).where(eq(users.id, userId));
    await appendAudit(tx, actorFromUser(user), {
      action: 'user.unsubscribe',
      objectType: 'user',
      objectId: userId,
      before: { mailOff: false },
      after: { mailOff: true },
    });
    return 'done';
  });
}
