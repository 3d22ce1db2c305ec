/**
 * E-mail: the SMTP transport (nodemailer), whether mail is on and why not, the unsubscribe
 * token, and the job handlers that send a notification's mail (`mail.notification`, enqueued by
 * notify() in src/services/notifications.ts) and a person's weekly digest (`mail.digest`,
 * enqueued by the reminder scan). The texts are in src/locales/mail.ts.
 *
 * A mail job sends one mail to one person. It is done without sending (the reason kept in the
 * job's `last_error`) when mail is off, the person has no address or has turned mail off.
 * Every mail has a plain-text and an HTML part, the person's language, an unsubscribe link
 * (also as List-Unsubscribe with one-click POST, RFC 8058) and a Message-ID made from the
 * notification's (or digest's) identity: a mail sent again after a crash between the SMTP
 * server's acceptance and the job's commit has the same Message-ID, which a receiving system
 * can drop as a duplicate.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, asc, count, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';
import type { Db } from '../db/client';
import { assignmentDeadlines, assignments, documents, notifications, users } from '../db/schema';
import { daysBetween } from '../domain/calendar';
import { OPEN_STATUSES } from '../domain/lifecycle';
import {
  renderDigestMail,
  renderNotificationMail,
  type MailLinks,
  type RenderedMail,
} from '../locales/mail';
import { addsDeadlines } from './assignments';
import { osloToday } from './calendar';
import { PermanentJobError, type JobHandler } from './jobs';
import { MAIL_NOTIFICATION_JOB } from './notifications';

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  auth?: { user: string; pass: string };
}

export interface MailSettings {
  /** Null: mail is off (SMTP_HOST unset). */
  smtp: SmtpSettings | null;
  /** The sender; mail is off without one. */
  from: string | null;
  /** Where people reach Tildel (no trailing slash): links start with it. */
  publicUrl: string;
  /** Signs unsubscribe links. */
  secret: string;
}

export interface MailStatus {
  enabled: boolean;
  /** Why mail is off (null when on). */
  reason: string | null;
}

/** The kind of job that mails a person's weekly digest (payload `{ userId, week }`). */
export const MAIL_DIGEST_JOB = 'mail.digest';

/** Whether mail is sent, and if not, why (for /api/health and the job log). */
export function mailStatus(settings: MailSettings | undefined): MailStatus {
  if (!settings) return { enabled: false, reason: 'mail is not configured for this server' };
  if (!settings.smtp) return { enabled: false, reason: 'SMTP_HOST is not set' };
  if (!settings.from) return { enabled: false, reason: 'SMTP_FROM is not set' };
  return { enabled: true, reason: null };
}

/** The token of a person's unsubscribe link: HMAC-SHA256 of their id (base64url). */
export function unsubscribeToken(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(`tildel-unsubscribe:${userId}`).digest('base64url');
}

/** Whether `token` is the person's unsubscribe token (compared in constant time). */
export function validUnsubscribeToken(secret: string, userId: string, token: string): boolean {
  const want = Buffer.from(unsubscribeToken(secret, userId));
  const got = Buffer.from(token);
  return want.length === got.length && timingSafeEqual(want, got);
}

/** The link that turns a person's mail off without signing in. */
export function unsubscribeUrl(settings: MailSettings, userId: string): string {
  const q = new URLSearchParams({ u: userId, t: unsubscribeToken(settings.secret, userId) });
  return `${settings.publicUrl}/api/mail/unsubscribe?${q.toString()}`;
}

/** Opens the SMTP transport (connections per mail; timeouts far below a job's lease). */
function createTransport(smtp: SmtpSettings): Transporter {
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.auth ? { auth: smtp.auth } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
}

type UserRow = typeof users.$inferSelect;

/** Why this person gets no mail now, or null. */
function whyNoMail(settings: MailSettings, user: UserRow): string | null {
  const status = mailStatus(settings);
  if (!status.enabled) return `mail is off: ${status.reason}`;
  if (!user.email) return 'the person has no e-mail address';
  if (user.mailOff) return 'the person has turned e-mail off';
  return null;
}

const NotificationPayload = z.object({ notificationId: z.uuid() });
const DigestPayload = z.object({ userId: z.uuid(), week: z.string().regex(/^\d{4}-W\d{2}$/) });

/** Where an item's page is in the web client (src/web/router.tsx paths). */
function itemLink(
  settings: MailSettings,
  n: { kind: string; assignmentId: string | null; draftId: string | null; reportId: string | null },
): MailLinks['item'] {
  const base = settings.publicUrl;
  if (n.assignmentId) {
    return { url: `${base}/oppdrag/${encodeURIComponent(n.assignmentId)}`, kind: 'assignment' };
  }
  if (n.draftId) return { url: `${base}/utkast/${encodeURIComponent(n.draftId)}`, kind: 'draft' };
  if (n.reportId) {
    return { url: `${base}/rapporter/${encodeURIComponent(n.reportId)}`, kind: 'report' };
  }
  if (n.kind === 'calendar-near') return { url: `${base}/kalender`, kind: 'calendar' };
  return null;
}

/** Days from today (Europe/Oslo) to `date`, or null for a date that is not one. */
function daysUntil(date: unknown, now: Date): number | null {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  return daysBetween(osloToday(now), date);
}

interface Sender {
  send(to: string, mail: RenderedMail, id: string, unsubscribe: string): Promise<void>;
}

/** Sends through one transport, opened on first use. */
function sender(settings: MailSettings): Sender {
  let transport: Transporter | null = null;
  const domain = new URL(settings.publicUrl).hostname || 'tildel.invalid';
  return {
    async send(to, mail, id, unsubscribe) {
      transport ??= createTransport(settings.smtp!);
      try {
        await transport.sendMail({
          from: settings.from!,
          to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: `<${id}@${domain}>`,
          list: { unsubscribe: { url: unsubscribe, comment: 'Unsubscribe' } },
          headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        });
      } catch (err) {
        // A recipient the server refuses for good (5xx on RCPT): retrying will not help.
        const e = err as { code?: string; responseCode?: number };
        if (e.code === 'EENVELOPE' && (e.responseCode ?? 0) >= 500) {
          throw new PermanentJobError(`the SMTP server refused ${to}`, { cause: err });
        }
        throw err;
      }
    },
  };
}

/** The handler of `mail.notification`: one notification's mail to its person. */
function notificationHandler(db: Db, settings: MailSettings, out: Sender): JobHandler {
  return async (job, ctx) => {
    const { notificationId } = NotificationPayload.parse(job.payload);
    const [row] = await db
      .select({ n: notifications, user: users })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .where(eq(notifications.id, notificationId));
    if (!row) return { skipped: 'the notification is gone' };
    const why = whyNoMail(settings, row.user);
    if (why) return { skipped: why };
    const { n, user } = row;
    const params = { ...n.params };
    // A reminder sent late (the SMTP server was down) tells the days left as of sending.
    if (n.kind === 'deadline-near' || n.kind === 'calendar-near') {
      const days = daysUntil(params.date, ctx.now);
      params.days = days !== null && days >= 0 ? days : null;
    }
    const unsubscribe = unsubscribeUrl(settings, user.id);
    const mail = renderNotificationMail(
      user.language,
      { kind: n.kind, name: user.name, params },
      { item: itemLink(settings, n), unsubscribe },
    );
    await out.send(user.email!, mail, `notification.${n.id}`, unsubscribe);
  };
}

/** At most this many assignments are listed in a digest (the rest are counted). */
const DIGEST_ITEMS = 25;

/** The open assignments a digest lists: the person's own, and a coordinator's agency's. */
async function digestAssignments(db: Db, user: UserRow, today: string) {
  const coordinator = user.roles.includes('agency-coordinator') && user.organisationId;
  const d = assignmentDeadlines;
  const work = alias(assignments, 'work');
  const next = sql<string | null>`min(${d.date}) filter (where ${d.date} >= ${today}::date)`;
  const mine = and(
    eq(documents.isCurrent, true),
    inArray(documents.status, ['shared', 'published']),
    inArray(work.status, [...OPEN_STATUSES]),
    addsDeadlines(assignments),
    or(
      eq(work.ownerUserId, user.id),
      coordinator ? eq(work.agencyId, user.organisationId!) : undefined,
    ),
  );
  // A supplement's change to an assignment (presisering) adds its deadlines to that one.
  const rows = await db
    .select({ id: work.id, registerId: work.registerId, title: work.title, next })
    .from(assignments)
    .innerJoin(documents, eq(documents.id, assignments.documentId))
    .innerJoin(
      work,
      sql`${work.id} = coalesce(${assignments.clarifiedAssignmentId}, ${assignments.id})`,
    )
    .leftJoin(d, eq(d.assignmentId, assignments.id))
    .where(mine)
    .groupBy(work.id, work.registerId, work.title)
    .orderBy(sql`${next} asc nulls last`, asc(work.registerId));
  return rows;
}

/** Whether an ISO week `2026-W49` has a sensible number. */
function weekValid(week: string): boolean {
  const n = Number(week.slice(6));
  return n >= 1 && n <= 53;
}

/** The handler of `mail.digest`: a person's open assignments and unread notices. */
function digestHandler(db: Db, settings: MailSettings, out: Sender): JobHandler {
  return async (job, ctx) => {
    const { userId, week } = DigestPayload.parse(job.payload);
    if (!weekValid(week)) return { skipped: `no such week ${week}` };
    const [user] = await db.select().from(users).where(eq(users.id, userId));
    if (!user) return { skipped: 'the person is gone' };
    const why = whyNoMail(settings, user);
    if (why) return { skipped: why };
    if (!user.weeklyDigest) return { skipped: 'the person has turned the weekly digest off' };
    const [open, [unread]] = await Promise.all([
      digestAssignments(db, user, osloToday(ctx.now)),
      db
        .select({ n: count() })
        .from(notifications)
        .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt))),
    ]);
    const unreadCount = unread?.n ?? 0;
    if (open.length === 0 && unreadCount === 0) return { skipped: 'nothing to tell this week' };
    const base = settings.publicUrl;
    const unsubscribe = unsubscribeUrl(settings, user.id);
    const mail = renderDigestMail(
      user.language,
      {
        name: user.name,
        week,
        items: open.slice(0, DIGEST_ITEMS).map((a) => ({
          registerId: a.registerId,
          title: a.title,
          date: a.next,
          url: `${base}/oppdrag/${encodeURIComponent(a.id)}`,
        })),
        more: Math.max(0, open.length - DIGEST_ITEMS),
        unread: unreadCount,
        listUrl: `${base}/oppdrag`,
      },
      unsubscribe,
    );
    await out.send(user.email!, mail, `digest.${user.id}.${week}`, unsubscribe);
  };
}

/** The mail job handlers, sending through `settings` (one transport for both). */
export function mailHandlers(db: Db, settings: MailSettings): Record<string, JobHandler> {
  const out = sender(settings);
  return {
    [MAIL_NOTIFICATION_JOB]: notificationHandler(db, settings, out),
    [MAIL_DIGEST_JOB]: digestHandler(db, settings, out),
  };
}
