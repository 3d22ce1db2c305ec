/**
 * The reminder scan against the real database: thresholds per person, a deadline told as
 * passed once, nothing new when run again, Europe/Oslo dates, nothing for closed assignments,
 * unshared documents or other agencies' people; calendar items to coordinators; Monday's
 * digests; the hourly scan job.
 */
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Assignment } from '../contract/letter';
import type { Db } from '../db/client';
import { assignments, calendarItems, documents, jobs, notifications, users } from '../db/schema';
import { testDatabase, testDatabaseKind } from '../db/testing';
import { buildAssignment, buildDocument, storeDocuments } from '../testing/factories';
import {
  REMINDER_SCAN_JOB,
  reminderHandlers,
  reminderThreshold,
  scanReminders,
  scheduleScan,
} from './reminders';

const deadline = (date: string): Assignment['deadlines'][number] => ({
  date,
  text: `innen ${date}`,
  appliesTo: null,
  value: { kind: 'exact', date },
});

/** An agency's letter with these assignments (register ID → deadline dates), stored. */
async function letter(
  db: Db,
  items: Record<string, string[]>,
  calendar: { date: string; text: string }[] = [],
) {
  const stored = await storeDocuments(db, [
    buildDocument({
      assignments: Object.entries(items).map(([id, dates]) =>
        buildAssignment({
          id,
          assignedId: id,
          title: `Oppdrag ${id}`,
          deadlines: dates.map(deadline),
        }),
      ),
      calendar: calendar.map((c, i) => ({
        date: c.date,
        text: c.text,
        kind: 'report',
        deadline: deadline(c.date),
        provenance: { startLine: 30 + i, endLine: 30 + i },
      })),
    }),
  ]);
  const documentId = stored.documents[0]!.id;
  const [doc] = await db.select().from(documents).where(eq(documents.id, documentId));
  const rows = await db.select().from(assignments).where(eq(assignments.documentId, documentId));
  return {
    documentId,
    agencyId: doc!.agencyId!,
    get: (id: string) => rows.find((r) => r.registerId === id)!,
  };
}

async function person(
  db: Db,
  agencyId: string,
  role: 'agency-coordinator' | 'agency-assignment-owner',
  reminderDays: number[] = [14, 3],
) {
  const id = randomUUID();
  const [row] = await db
    .insert(users)
    .values({
      subject: `test:rem:${id}`,
      name: `Person ${id.slice(0, 4)}`,
      email: `${id}@test.example`,
      organisationId: agencyId,
      roles: [role],
      reminderDays,
    })
    .returning();
  return row!;
}

const keysOf = async (db: Db, userIds: string[]) =>
  (
    await db
      .select({ key: notifications.key })
      .from(notifications)
      .where(inArray(notifications.userId, userIds))
  )
    .map((r) => r.key)
    .sort();

/** 08:00 in Oslo on a day (summer time: UTC+2). */
const oslo8 = (date: string) => new Date(`${date}T06:00:00Z`);

describe(`reminder scan (${testDatabaseKind})`, () => {
  it('picks the smallest threshold at or above the days left', () => {
    expect(reminderThreshold([14, 3], 20)).toBeNull();
    expect(reminderThreshold([14, 3], 14)).toBe(14);
    expect(reminderThreshold([14, 3], 10)).toBe(14);
    expect(reminderThreshold([3, 14], 2)).toBe(3);
    expect(reminderThreshold([14, 3], 0)).toBe(3);
    expect(reminderThreshold([], 0)).toBeNull();
  });

  it('tells the agency side each threshold once, a passed deadline once, nothing twice', async () => {
    const { db } = await testDatabase();
    const l = await letter(
      db,
      {
        'TB2030-41': ['2030-05-01'], // 10 days on 21 April
        'TB2030-42': ['2030-04-19'], // passed 2 days before
        'TB2030-43': ['2030-05-01'], // closed below
        'TB2030-44': ['2030-05-31'], // 40 days: too far for anyone
        'TB2030-45': ['2030-04-10', '2030-04-23', '2030-06-01'], // next: 23 April, 2 days
      },
      [{ date: '2030-04-23', text: 'Årsrapport sendes departementet' }],
    );
    const other = await letter(db, { 'TB2030-41': ['2030-05-01'] });
    const coordinator = await person(db, l.agencyId, 'agency-coordinator');
    const owner = await person(db, l.agencyId, 'agency-assignment-owner', [7]);
    const stranger = await person(db, other.agencyId, 'agency-coordinator');
    const a41 = l.get('TB2030-41');
    const a42 = l.get('TB2030-42');
    const a45 = l.get('TB2030-45');
    await db
      .update(assignments)
      .set({ ownerUserId: owner.id })
      .where(inArray(assignments.id, [a41.id, a42.id]));
    await db
      .update(assignments)
      .set({ status: 'accepted' })
      .where(eq(assignments.id, l.get('TB2030-43').id));
    // The other agency's letter is not shared yet: its coordinator hears nothing of it.
    await db.update(documents).set({ status: 'draft' }).where(eq(documents.id, other.documentId));
    const scope = { agencyIds: [l.agencyId, other.agencyId] };
    const [cal] = await db
      .select()
      .from(calendarItems)
      .where(eq(calendarItems.documentId, l.documentId));

    const first = await scanReminders(db, oslo8('2030-04-21'), scope);
    const c = coordinator.id;
    const o = owner.id;
    expect(await keysOf(db, [c, o, stranger.id])).toEqual(
      [
        `due:${c}:${a41.id}:2030-05-01:14`,
        `overdue:${c}:${a42.id}:2030-04-19`,
        `overdue:${o}:${a42.id}:2030-04-19`,
        // Two days left, first seen now: only the nearest reminder, not the 14-day one.
        `due:${c}:${a45.id}:2030-04-23:3`,
        `cal:${c}:${cal!.id}:3`,
      ].sort(),
    );
    expect(first.notices).toBe(5);
    // Each notice has its mail job.
    const ids = await db
      .select({ id: notifications.id })
      .from(notifications)
      .where(inArray(notifications.userId, [c, o]));
    const mailJobs = await db
      .select()
      .from(jobs)
      .where(
        inArray(
          jobs.key,
          ids.map((n) => `mail:${n.id}`),
        ),
      );
    expect(mailJobs).toHaveLength(5);
    const [near] = await db
      .select()
      .from(notifications)
      .where(eq(notifications.key, `due:${c}:${a41.id}:2030-05-01:14`));
    expect(near).toMatchObject({
      kind: 'deadline-near',
      assignmentId: a41.id,
      params: { registerId: 'TB2030-41', title: 'Oppdrag TB2030-41', date: '2030-05-01', days: 10 },
    });

    // Again, and later the same day: nothing new.
    expect((await scanReminders(db, oslo8('2030-04-21'), scope)).notices).toBe(0);
    expect((await scanReminders(db, new Date('2030-04-21T19:00:00Z'), scope)).notices).toBe(0);

    // A week on: 3 days left for TB2030-41 (the coordinator's 3, the owner's 7); the passed
    // deadline is not told again; TB2030-45's next is 1 June (39 days).
    await scanReminders(db, oslo8('2030-04-28'), scope);
    const after = await keysOf(db, [c, o, stranger.id]);
    expect(after).toContain(`due:${c}:${a41.id}:2030-05-01:3`);
    expect(after).toContain(`due:${o}:${a41.id}:2030-05-01:7`);
    // TB2030-45's 23 April deadline has passed (5 days ago): told once as passed.
    expect(after).toContain(`overdue:${c}:${a45.id}:2030-04-23`);
    expect(after).toHaveLength(8);
  });

  it('counts days by the Oslo calendar, not UTC', async () => {
    const { db } = await testDatabase();
    const l = await letter(db, { 'TB2030-51': ['2030-05-01'], 'TB2030-52': ['2030-04-30'] });
    const sameDay = await person(db, l.agencyId, 'agency-coordinator', [0]);
    // 22:30 UTC on 30 April is 00:30 on 1 May in Oslo: TB2030-51 is due today (0 days), and
    // TB2030-52's deadline (30 April) has passed. By UTC neither would be so.
    await scanReminders(db, new Date('2030-04-30T22:30:00Z'), { agencyIds: [l.agencyId] });
    const s = sameDay.id;
    expect(await keysOf(db, [s])).toEqual(
      [
        `due:${s}:${l.get('TB2030-51').id}:2030-05-01:0`,
        `overdue:${s}:${l.get('TB2030-52').id}:2030-04-30`,
      ].sort(),
    );

    const l2 = await letter(db, { 'TB2030-53': ['2030-05-01'] });
    const p2 = await person(db, l2.agencyId, 'agency-coordinator', [0]);
    await scanReminders(db, new Date('2030-04-30T21:30:00Z'), { agencyIds: [l2.agencyId] }); // 23:30 Oslo
    expect(await keysOf(db, [p2.id])).toEqual([]);
  });

  it('enqueues the weekly digest on Mondays at 07:00 Oslo time, once', async () => {
    const { db } = await testDatabase();
    const l = await letter(db, { 'TB2030-61': ['2030-09-01'] });
    const wants = await person(db, l.agencyId, 'agency-coordinator');
    const declines = await person(db, l.agencyId, 'agency-coordinator');
    await db.update(users).set({ weeklyDigest: false }).where(eq(users.id, declines.id));
    const scope = { agencyIds: [l.agencyId] };

    expect((await scanReminders(db, oslo8('2030-04-21'), scope)).digests).toBe(0); // Sunday
    // Monday 22 April 2030, 01:00 in Oslo (23:00 UTC on Sunday).
    const monday = new Date('2030-04-21T23:00:00Z');
    expect((await scanReminders(db, monday, scope)).digests).toBe(1);
    expect((await scanReminders(db, oslo8('2030-04-22'), scope)).digests).toBe(0);
    const [job] = await db
      .select()
      .from(jobs)
      .where(eq(jobs.key, `digest:${wants.id}:2030-W17`));
    expect(job).toMatchObject({
      kind: 'mail.digest',
      payload: { userId: wants.id, week: '2030-W17' },
    });
    expect(job!.runAt.toISOString()).toBe('2030-04-22T05:00:00.000Z');
    const none = await db
      .select()
      .from(jobs)
      .where(eq(jobs.key, `digest:${declines.id}:2030-W17`));
    expect(none).toHaveLength(0);
  });

  it('runs as an hourly job that enqueues the next hour’s', async () => {
    const { db } = await testDatabase();
    // A far-future hour (a Tuesday) no other test uses: nothing is due then, no digests.
    const at = new Date('2090-01-03T10:17:00Z');
    await scheduleScan(db, at);
    await scheduleScan(db, at); // twice (two servers starting): one job
    const rows = await db.select().from(jobs).where(eq(jobs.key, 'scan:2090-01-03T10'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: REMINDER_SCAN_JOB });
    expect(rows[0]!.runAt.toISOString()).toBe('2090-01-03T10:00:00.000Z');

    const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
    await reminderHandlers(db)[REMINDER_SCAN_JOB]!(rows[0]!, { now: at, log: quiet });
    const [next] = await db.select().from(jobs).where(eq(jobs.key, 'scan:2090-01-03T11'));
    expect(next?.runAt.toISOString()).toBe('2090-01-03T11:00:00.000Z');
  });
});
