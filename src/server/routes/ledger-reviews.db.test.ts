/**
 * Reviewing consistency findings over HTTP: a ministry officer acknowledges a finding with a
 * comment, the checks show it (with who and when) after recomputation, a stale version is
 * refused, reopening sets it back, and every change is in the audit trail.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Checks } from '../../contract/ledger';
import { auditLog } from '../../db/schema';
import { testDatabaseKind } from '../../db/testing';
import { testApp } from '../../testing/app';
import { signIn, storeScopedDocument } from '../../testing/auth';
import type { App } from '../app';

const KEY = 'letter-missing:series:-:-:-';

describe(`finding reviews (${testDatabaseKind})`, () => {
  let app: App;
  let ctx: Awaited<ReturnType<typeof storeScopedDocument>>;
  beforeAll(async () => {
    app = await testApp();
    // A year of its own: only this supplement, so the year lacks its allocation letter.
    ctx = await storeScopedDocument(app, 'shared', undefined, { year: 2043 });
  });

  const checks = async (who: Parameters<typeof signIn>[1]) => {
    const s = await signIn(app, who);
    const res = await app.inject({
      method: 'GET',
      url: `/api/checks?agency=${ctx.agencyId}&year=${ctx.year}`,
      headers: { cookie: s.cookie },
    });
    expect(res.statusCode).toBe(200);
    return res.json() as Checks;
  };
  const review = async (who: Parameters<typeof signIn>[1], body: Record<string, unknown>) => {
    const s = await signIn(app, who);
    return app.inject({
      method: 'POST',
      url: '/api/checks/reviews',
      headers: { ...s.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ agency: ctx.agencyId, year: ctx.year, key: KEY, ...body }),
    });
  };

  it('gives each finding a stable key, no review yet, and the caller’s ability to review', async () => {
    const officer = await checks('ministry-department-officer');
    const finding = officer.findings.find((f) => f.key === KEY);
    expect(finding).toMatchObject({ code: 'letter-missing', review: null });
    expect(officer.abilities).toEqual({ review: true });
    expect((await checks('ministry-reader')).abilities).toEqual({ review: false });
    expect((await checks('agency-coordinator')).abilities).toEqual({ review: false });
  });

  it('acknowledges with a comment, shows it after recomputing, refuses stale, reopens', async () => {
    const noComment = await review('ministry-budget-officer', {
      to: 'acknowledged',
      expectedVersion: 0,
    });
    expect(noComment.statusCode).toBe(400);

    const ack = await review('ministry-budget-officer', {
      to: 'acknowledged',
      comment: 'Brevet kommer i neste import.',
      expectedVersion: 0,
    });
    expect(ack.statusCode).toBe(200);
    expect(ack.json().review).toMatchObject({
      state: 'acknowledged',
      comment: 'Brevet kommer i neste import.',
      by: 'Bjørn Berg',
      version: 1,
    });

    const seen = (await checks('ministry-reader')).findings.find((f) => f.key === KEY);
    expect(seen?.review).toMatchObject({ state: 'acknowledged', by: 'Bjørn Berg', version: 1 });
    expect(Date.parse(seen?.review?.at ?? '')).toBeGreaterThan(Date.now() - 60_000);

    // Another officer who read it before the acknowledgement: nothing is saved.
    const stale = await review('ministry-department-officer', {
      to: 'closed',
      comment: 'Lukket',
      expectedVersion: 0,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ state: 'acknowledged', version: 1 });

    const reopened = await review('ministry-department-officer', {
      to: 'open',
      expectedVersion: 1,
    });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json().review).toMatchObject({ state: 'open', comment: null, version: 2 });

    const trail = await app.database.db
      .select({ action: auditLog.action, after: auditLog.after })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.objectType, 'finding'),
          eq(auditLog.objectId, `${ctx.agencyId}|${ctx.year}|${KEY}`),
        ),
      )
      .orderBy(auditLog.seq);
    expect(trail.map((t) => t.action)).toEqual(['finding.acknowledge', 'finding.reopen']);
    expect(trail[0]?.after).toMatchObject({
      state: 'acknowledged',
      comment: 'Brevet kommer i neste import.',
    });
  });

  it('refuses readers who may not review (403) and keys that name no finding (404)', async () => {
    const reader = await review('ministry-reader', {
      to: 'acknowledged',
      comment: 'Sett',
      expectedVersion: 2,
    });
    expect(reader.statusCode).toBe(403);
    const unknown = await review('ministry-budget-officer', {
      key: 'sum-mismatch:letter:700:1:1-1',
      to: 'acknowledged',
      comment: 'Sett',
      expectedVersion: 0,
    });
    expect(unknown.statusCode).toBe(404);
  });
});
