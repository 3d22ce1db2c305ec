/**
 * A person's own settings (GET/PUT /api/me/settings): the language Tildel writes to them in,
 * the days before a deadline or calendar item they are reminded, the weekly digest, and
 * whether they get e-mail at all. And the unsubscribe link of every e-mail
 * (/api/mail/unsubscribe), which needs no sign-in.
 */
import { z } from 'zod';
import { Language } from './enums';

/** Days before a deadline to be reminded: 0 (on the day) to 60, at most five of them. */
export const ReminderDays = z
  .array(z.int().min(0).max(60))
  .max(5)
  .refine((days) => new Set(days).size === days.length, { message: 'Each day only once' });

export const UserSettingsUpdate = z.object({
  language: Language,
  reminderDays: ReminderDays,
  weeklyDigest: z.boolean(),
  /** No e-mail at all; notifications stay in the app. */
  mailOff: z.boolean(),
});
export type UserSettingsUpdate = z.infer<typeof UserSettingsUpdate>;

export const UserSettings = UserSettingsUpdate.extend({
  /** Where mail goes (from sign-in; not changed here). */
  email: z.string().nullable(),
});
export type UserSettings = z.infer<typeof UserSettings>;

/** The person and the token of an unsubscribe link (`u`, `t`). */
export const UnsubscribeQuery = z.object({
  u: z.uuid(),
  t: z.string().min(1).max(200),
});

/**
 * A POST to the link: the form of its page (`u`, `t` in the body) or a mail client's one-click
 * unsubscribe (RFC 8058: `List-Unsubscribe=One-Click`, `u` and `t` in the link's query).
 */
export const UnsubscribePost = z.object({
  u: z.uuid().optional(),
  t: z.string().min(1).max(200).optional(),
  'List-Unsubscribe': z.string().max(50).optional(),
});
