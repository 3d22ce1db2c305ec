/**
 * iCalendar (RFC 5545) feeds of the governance calendar, for subscribing from Outlook, Google or
 * Apple calendars.
 *
 * - Events come from src/domain/calendar.ts (toIcsEvent): all-day events for dates (DTSTART and
 *   an exclusive DTEND with VALUE=DATE), a deadline on its due day, a meeting with a period over
 *   the period; timed meetings in Europe/Oslo with TZID and the VTIMEZONE below.
 * - UIDs are derived from the item's identity (not from row ids), so a re-imported or
 *   re-published letter replaces its events instead of duplicating them.
 * - A subscription is a random secret token (32 bytes, base64url) in the URL: the token is the
 *   authorization. Only its sha256 is stored; the token is shown once. Revoking sets revoked_at;
 *   a revoked or unknown token answers 404. The feed shows what its creator may read now.
 */
import { createHash, randomBytes } from 'node:crypto';
import ical, { ICalCalendarMethod, ICalEventTransparency } from 'ical-generator';
import { DateTime } from 'luxon';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { CreateFeedBody, CreatedFeed, Feed } from '../contract/calendar';
import type { Db } from '../db/client';
import { calendarFeeds, organisations, users } from '../db/schema';
import { addDays, toIcsEvent, type CalendarEntry } from '../domain/calendar';
import { storeActor, type StoredActor } from '../domain/actors';
import {
  managesFeed,
  seesAllFeeds,
  subscribesForOthers,
  subscribesToCalendar,
  type Actor,
} from '../domain/policy';
import { appendAudit, audited } from './audit';
import { actorFromUser } from './users';
import { OSLO, loadEntries, osloToday, parseDepartment } from './calendar';

/**
 * Europe/Oslo as a VTIMEZONE: CET/CEST with the EU rules in force since 1996 (last Sunday of
 * March 02:00 → 03:00, last Sunday of October 03:00 → 02:00). ical.test checks it against the
 * IANA database (luxon) year by year.
 */
export const OSLO_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Oslo',
  'X-LIC-LOCATION:Europe/Oslo',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

function vtimezone(tz: string): string | null {
  return tz === OSLO ? OSLO_VTIMEZONE : null;
}

const osloDay = (date: string) => DateTime.fromISO(date, { zone: OSLO });
const osloTime = (local: string) => DateTime.fromISO(local, { zone: OSLO });

/** Renders entries as an iCalendar document. `now` is the DTSTAMP (the time of generation). */
export function renderIcs(
  entries: readonly CalendarEntry[],
  opts: { name: string; now: Date; description?: string },
): string {
  const cal = ical({
    name: opts.name,
    description: opts.description ?? null,
    prodId: { company: 'Tildel', product: 'Styringskalender', language: 'NO' },
    method: ICalCalendarMethod.PUBLISH,
    // The calendar itself names no zone (so DTSTAMP stays in UTC); events carry TZID and the
    // generator adds the VTIMEZONE of every zone they use.
    timezone: { name: null, generator: vtimezone },
    ttl: 60 * 60,
    x: { 'X-WR-TIMEZONE': OSLO },
  });
  for (const entry of entries) {
    const ev = toIcsEvent(entry);
    if (!ev) continue;
    const common = {
      id: ev.uid,
      stamp: opts.now,
      summary: ev.summary,
      description: ev.description,
      categories: ev.categories.map((name) => ({ name })),
      transparency: ev.transparent
        ? ICalEventTransparency.TRANSPARENT
        : ICalEventTransparency.OPAQUE,
      timezone: OSLO,
    };
    if (ev.allDay) {
      cal.createEvent({
        ...common,
        allDay: true,
        start: osloDay(ev.allDay.start),
        end: osloDay(ev.allDay.endExclusive),
      });
    } else if (ev.timed) {
      cal.createEvent({
        ...common,
        start: osloTime(ev.timed.start),
        end: osloTime(ev.timed.end),
      });
    }
  }
  return cal.toString();
}

// ---------------------------------------------------------------------------------------------
// Subscriptions

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type FeedRow = typeof calendarFeeds.$inferSelect;

function presentFeed(f: FeedRow): Feed {
  return {
    id: f.id,
    scope: f.scope,
    scopeId: f.scopeId,
    label: f.label,
    createdAt: f.createdAt.toISOString(),
    revokedAt: f.revokedAt?.toISOString() ?? null,
  };
}

export type CreateFeedOutcome =
  | { kind: 'created'; feed: CreatedFeed }
  | { kind: 'forbidden' }
  | { kind: 'invalid'; message: string };

/** Creates a subscription; the token is in the result and nowhere else. */
export async function createFeed(
  db: Db,
  actor: Actor,
  body: CreateFeedBody,
): Promise<CreateFeedOutcome> {
  // A feed shows what its creator may read, so an anonymous caller has nothing to subscribe to
  // beyond the public site; and feeds are rows someone must be able to revoke.
  if (!subscribesToCalendar(actor)) return { kind: 'forbidden' };
  const scopeId = body.scopeId.trim();
  if (body.scope === 'agency' || body.scope === 'person') {
    if (!UUID.test(scopeId)) return { kind: 'invalid', message: `${body.scope} must be an id` };
  }
  if (body.scope === 'agency') {
    const [org] = await db
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.id, scopeId));
    if (!org) return { kind: 'invalid', message: 'No such agency' };
  }
  if (body.scope === 'department') {
    const { ministryId, code } = parseDepartment(scopeId);
    if (
      !/^[A-Za-zÆØÅæøå0-9]{1,20}$/.test(code) ||
      (ministryId !== null && !UUID.test(ministryId))
    ) {
      return { kind: 'invalid', message: 'department must be {ministryId}:{code} or a code' };
    }
  }
  const own = actor.kind === 'user' && scopeId === actor.id;
  if (body.scope === 'person' && !own && !subscribesForOthers(actor)) {
    return { kind: 'forbidden' };
  }
  const token = randomBytes(32).toString('base64url');
  const who = storeActor(actor);
  return audited(db, async (tx) => {
    const [row] = await tx
      .insert(calendarFeeds)
      .values({
        tokenHash: tokenHash(token),
        scope: body.scope,
        scopeId,
        label: body.label,
        createdByKind: who.kind,
        createdById: who.id,
      })
      .returning();
    await appendAudit(tx, actor, {
      action: 'calendar-feed.create',
      objectType: 'calendar-feed',
      objectId: row!.id,
      after: { scope: body.scope, scopeId, label: body.label },
    });
    return {
      kind: 'created',
      feed: { ...presentFeed(row!), token, path: `/api/calendar/feeds/${token}.ics` },
    };
  });
}

/** The caller's own subscriptions (all of them for system and administrators). */
export async function listFeeds(db: Db, actor: Actor): Promise<Feed[]> {
  if (!subscribesToCalendar(actor)) return [];
  const all = seesAllFeeds(actor);
  const who = storeActor(actor);
  const rows = await db
    .select()
    .from(calendarFeeds)
    .where(
      all
        ? undefined
        : and(
            eq(calendarFeeds.createdByKind, who.kind),
            eq(calendarFeeds.createdById, who.id ?? ''),
          ),
    )
    .orderBy(desc(calendarFeeds.createdAt));
  return rows.map(presentFeed);
}

export type RevokeOutcome = 'revoked' | 'not-found' | 'forbidden';

/** Revokes a subscription (idempotent for one already revoked). */
export async function revokeFeed(db: Db, actor: Actor, id: string): Promise<RevokeOutcome> {
  if (!subscribesToCalendar(actor)) return 'forbidden';
  return audited(db, async (tx) => {
    const [feed] = await tx.select().from(calendarFeeds).where(eq(calendarFeeds.id, id));
    if (!feed || !managesFeed(actor, creatorOf(feed))) return 'not-found';
    if (feed.revokedAt) return 'revoked';
    const [updated] = await tx
      .update(calendarFeeds)
      .set({ revokedAt: new Date() })
      .where(and(eq(calendarFeeds.id, id), isNull(calendarFeeds.revokedAt)))
      .returning();
    await appendAudit(tx, actor, {
      action: 'calendar-feed.revoke',
      objectType: 'calendar-feed',
      objectId: id,
      before: { revokedAt: null },
      after: { revokedAt: updated?.revokedAt?.toISOString() ?? null },
    });
    return 'revoked';
  });
}

/** The actor a feed reads as: its creator, with the roles the creator has now. */
async function feedActor(db: Db, createdBy: StoredActor): Promise<Actor> {
  if (createdBy.kind === 'system' && createdBy.id) return { kind: 'system', name: createdBy.id };
  if (createdBy.kind === 'user' && createdBy.id) {
    const [u] = await db.select().from(users).where(eq(users.id, createdBy.id));
    if (u) return actorFromUser(u);
  }
  return { kind: 'anonymous' };
}

const creatorOf = (feed: typeof calendarFeeds.$inferSelect): StoredActor => ({
  kind: feed.createdByKind,
  id: feed.createdById,
});

/**
 * The feed behind a token, or null (unknown or revoked). Covers the past year and everything
 * ahead; delivered, accepted, cancelled and merged assignments drop out of it.
 */
export async function renderFeed(
  db: Db,
  token: string,
  now: Date = new Date(),
): Promise<string | null> {
  const [feed] = await db
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.tokenHash, tokenHash(token)), isNull(calendarFeeds.revokedAt)));
  if (!feed) return null;
  const actor = await feedActor(db, creatorOf(feed));
  const from = addDays(osloToday(now), -366);
  const scope =
    feed.scope === 'agency'
      ? { agency: feed.scopeId }
      : feed.scope === 'department'
        ? { department: feed.scopeId }
        : { person: feed.scopeId };
  const entries = await loadEntries(db, actor, scope, {
    dueFrom: from,
    years: { from: Number(from.slice(0, 4)) - 1, to: 2100 },
  });
  const dated = entries.filter((e) => e.due !== null && e.due >= from);
  return renderIcs(dated, {
    name: `Tildel: ${feed.label}`,
    description: 'Styringskalender og oppdragsfrister fra Tildel',
    now,
  });
}
