import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { assignmentEvents, assignments, auditLog, documents } from '../db/schema';
import { testDatabase, testDatabaseKind } from '../db/testing';
import { buildApp, type App } from '../server/app';
import type { Actor } from '../domain/policy';
import { assignmentStatusRoutes } from '../server/routes/assignment-status';
import { signIn } from '../testing/auth';
import { buildAssignment, buildDocument, storeDocuments } from '../testing/factories';
import { assignmentHistory, changeStatus } from './assignment-status';
import { verifyAudit } from './audit';
import { SAMPLE_AGENCY, SAMPLE_MINISTRY } from './users';

const system: Actor = { kind: 'system', name: 'test' };

async function storeAssignments(db: Db, ids: string[]) {
  const stored = await storeDocuments(db, [
    buildDocument({
      assignments: ids.map((assignedId) => buildAssignment({ assignedId, id: assignedId })),
    }),
  ]);
  const documentId = stored.documents[0]!.id;
  const rows = await db.select().from(assignments).where(eq(assignments.documentId, documentId));
  const byId = new Map(rows.map((r) => [r.registerId, r]));
  return { documentId, get: (id: string) => byId.get(id)! };
}

let routes: Promise<App> | undefined;
/** The server with these routes under /t (whether or not app.ts registers them too). */
function routesApp(): Promise<App> {
  routes ??= (async () =>
    buildApp({
      database: await testDatabase(),
      webDir: '/nonexistent',
      extraRoutes: (scope) => void scope.register(assignmentStatusRoutes, { prefix: '/t' }),
    }))();
  return routes;
}

/** Assignments in a supplement from the sample ministry to the sample agency (sign-in users). */
async function storeSample(db: Db, owners: Record<string, string>) {
  const number = 1000 + Math.floor(Math.random() * 1_000_000);
  return storeDocuments(db, [
    buildDocument({
      kind: 'supplement',
      number,
      year: 2031,
      title: `Tillegg nr. ${number} til tildelingsbrev 2031`,
      ministry: SAMPLE_MINISTRY,
      agency: SAMPLE_AGENCY,
      assignments: Object.entries(owners).map(([id, ownerDepartment]) =>
        buildAssignment({ id, assignedId: id, ownerDepartment }),
      ),
    }),
  ]).then(async (stored) => {
    const rows = await db
      .select()
      .from(assignments)
      .where(eq(assignments.documentId, stored.documents[0]!.id));
    return new Map(rows.map((r) => [r.registerId, r]));
  });
}

describe(`assignment status changes (${testDatabaseKind})`, () => {
  it('changes status, bumps the version, records history and audit', async () => {
    const { db } = await testDatabase();
    const { get } = await storeAssignments(db, ['TB2030-11']);
    const a = get('TB2030-11');
    expect(a.status).toBe('planned');

    const started = await changeStatus(db, system, a.id, { to: 'in-progress', expectedVersion: 1 });
    expect(started).toMatchObject({
      kind: 'changed',
      assignment: { status: 'in-progress', version: 2 },
      event: { from: 'planned', to: 'in-progress', version: 2, actor: 'system:test' },
    });
    const delivered = await changeStatus(db, system, a.id, {
      to: 'delivered',
      deliveryRef: 'sak 30/1234',
      comment: 'Rapport oversendt',
      expectedVersion: 2,
    });
    expect(delivered).toMatchObject({ kind: 'changed', assignment: { version: 3 } });

    const history = await assignmentHistory(db, system, a.id);
    expect(history?.assignment).toMatchObject({
      status: 'delivered',
      version: 3,
      allowedTransitions: ['accepted', 'in-progress'],
    });
    expect(history?.events.map((e) => [e.from, e.to, e.version, e.deliveryRef])).toEqual([
      ['planned', 'in-progress', 2, null],
      ['in-progress', 'delivered', 3, 'sak 30/1234'],
    ]);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, a.id), eq(auditLog.action, 'assignment.status')))
      .orderBy(auditLog.seq);
    expect(audits.map((x) => [x.before, (x.after as { status: string }).status])).toEqual([
      [{ status: 'planned', version: 1 }, 'in-progress'],
      [{ status: 'in-progress', version: 2 }, 'delivered'],
    ]);
    expect((await verifyAudit(db)).ok).toBe(true);
  });

  it('refuses a stale version with the current state and changes nothing', async () => {
    const { db } = await testDatabase();
    const { get } = await storeAssignments(db, ['TB2030-12']);
    const a = get('TB2030-12');
    await changeStatus(db, system, a.id, { to: 'in-progress', expectedVersion: 1 });
    const stale = await changeStatus(db, system, a.id, {
      to: 'cancelled',
      comment: 'utgår',
      expectedVersion: 1,
    });
    expect(stale).toMatchObject({ kind: 'stale', current: { status: 'in-progress', version: 2 } });
    const [row] = await db.select().from(assignments).where(eq(assignments.id, a.id));
    expect(row).toMatchObject({ status: 'in-progress', version: 2 });
  });

  it('lets exactly one of two parallel changes with the same version win (no lost update)', async () => {
    const { db } = await testDatabase();
    const { get } = await storeAssignments(db, ['TB2030-13']);
    const a = get('TB2030-13');
    const results = await Promise.all([
      changeStatus(db, system, a.id, { to: 'in-progress', expectedVersion: 1 }),
      changeStatus(db, system, a.id, { to: 'cancelled', comment: 'utgår', expectedVersion: 1 }),
    ]);
    const kinds = results.map((r) => r.kind).sort();
    expect(kinds).toEqual(['changed', 'stale']);
    const winner = results.find((r) => r.kind === 'changed')!;
    const loser = results.find((r) => r.kind === 'stale')!;
    const [row] = await db.select().from(assignments).where(eq(assignments.id, a.id));
    expect(row!.version).toBe(2);
    if (winner.kind === 'changed') expect(row!.status).toBe(winner.assignment.status);
    if (loser.kind === 'stale')
      expect(loser.current).toMatchObject({ version: 2, status: row!.status });
    const events = await db
      .select()
      .from(assignmentEvents)
      .where(eq(assignmentEvents.assignmentId, a.id));
    expect(events).toHaveLength(1);
  });

  it('refuses changes the lifecycle does not allow, and checks merge targets', async () => {
    const { db } = await testDatabase();
    const { get } = await storeAssignments(db, ['TB2030-14', 'TB2030-15']);
    const a = get('TB2030-14');
    const b = get('TB2030-15');
    expect(
      await changeStatus(db, system, a.id, { to: 'accepted', expectedVersion: 1 }),
    ).toMatchObject({
      kind: 'refused',
      error: 'invalid-transition',
      current: { status: 'planned', version: 1 },
    });
    expect(
      await changeStatus(db, system, a.id, { to: 'cancelled', expectedVersion: 1 }),
    ).toMatchObject({
      kind: 'refused',
      error: 'comment-required',
    });
    const other = await storeAssignments(db, ['TB2030-16']);
    expect(
      await changeStatus(db, system, a.id, {
        to: 'merged',
        mergedInto: other.get('TB2030-16').id,
        expectedVersion: 1,
      }),
    ).toMatchObject({ kind: 'refused', error: 'merge-target' });
    const merged = await changeStatus(db, system, a.id, {
      to: 'merged',
      mergedInto: b.id,
      comment: 'Slått sammen med TB2030-15',
      expectedVersion: 1,
    });
    expect(merged).toMatchObject({
      kind: 'changed',
      event: { mergedInto: { id: b.id, registerId: 'TB2030-15' } },
    });
  });

  it('answers 404 for assignments the actor cannot see, 403 when it cannot update', async () => {
    const { db } = await testDatabase();
    const { get, documentId } = await storeAssignments(db, ['TB2030-17']);
    const a = get('TB2030-17');
    const anonymous: Actor = { kind: 'anonymous' };
    expect(
      await changeStatus(db, anonymous, a.id, { to: 'in-progress', expectedVersion: 1 }),
    ).toEqual({
      kind: 'forbidden',
    });
    await db.update(documents).set({ status: 'draft' }).where(eq(documents.id, documentId));
    expect(
      await changeStatus(db, anonymous, a.id, { to: 'in-progress', expectedVersion: 1 }),
    ).toEqual({
      kind: 'not-found',
    });
    expect(await assignmentHistory(db, anonymous, a.id)).toBeNull();
    const agencyUser: Actor = {
      kind: 'user',
      id: '00000000-0000-4000-8000-000000000001',
      name: 'Etat',
      organisationId: a.agencyId!,
      roles: ['agency-coordinator'],
    };
    // A draft is not visible to the agency; share it.
    await db.update(documents).set({ status: 'shared' }).where(eq(documents.id, documentId));
    expect(
      await changeStatus(db, agencyUser, a.id, { to: 'in-progress', expectedVersion: 1 }),
    ).toMatchObject({ kind: 'changed' });
    expect(
      await changeStatus(db, agencyUser, a.id, {
        to: 'cancelled',
        comment: 'x',
        expectedVersion: 2,
      }),
    ).toMatchObject({ kind: 'refused', error: 'not-permitted' });
  });
});

describe(`assignment status over HTTP (${testDatabaseKind})`, () => {
  it('validates the body', async () => {
    const { db } = await testDatabase();
    const app = await routesApp();
    const rows = await storeSample(db, { 'TTB2031-21': 'HFA' });
    const url = `/t/api/assignments/${rows.get('TTB2031-21')!.id}/status`;
    const officer = await signIn(app, 'ministry-department-officer');
    for (const payload of [
      { to: 'in-progress' },
      { to: 'done', expectedVersion: 1 },
      { to: 'merged', mergedInto: 'x', expectedVersion: 1 },
      { to: 'in-progress', expectedVersion: 0 },
    ]) {
      const res = await app.inject({ method: 'POST', url, payload, headers: officer.headers });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toBe('validation');
    }
    const badId = await app.inject({
      method: 'POST',
      url: '/t/api/assignments/not-a-uuid/status',
      payload: { to: 'in-progress', expectedVersion: 1 },
      headers: officer.headers,
    });
    expect(badId.statusCode).toBe(400);
  });

  it('refuses anonymous writes (403), unknown assignments (404), and roles without update', async () => {
    const { db } = await testDatabase();
    const app = await routesApp();
    const rows = await storeSample(db, { 'TTB2031-22': 'HFA' });
    const a = rows.get('TTB2031-22')!;
    const url = `/t/api/assignments/${a.id}/status`;
    const payload = { to: 'in-progress', expectedVersion: 1 };
    expect((await app.inject({ method: 'POST', url, payload })).statusCode).toBe(403);
    const confirm = await app.inject({
      method: 'POST',
      url: '/t/api/assignments/carry-over-proposal/confirm',
      payload: { year: 2031, items: [{ id: a.id, expectedVersion: 1 }] },
    });
    expect(confirm.statusCode).toBe(403);
    // Unknown to someone who may change assignments: 404 (anonymous callers get 403 first).
    const officer = await signIn(app, 'ministry-department-officer');
    const missing = await app.inject({
      method: 'POST',
      url: '/t/api/assignments/00000000-0000-4000-8000-00000000abcd/status',
      payload,
      headers: officer.headers,
    });
    expect(missing.statusCode).toBe(404);
    for (const role of ['ministry-budget-officer', 'ministry-reader'] as const) {
      const who = await signIn(app, role);
      const res = await app.inject({ method: 'POST', url, payload, headers: who.headers });
      expect(res.statusCode, role).toBe(403);
    }
    const history = await app.inject({ method: 'GET', url: `/t/api/assignments/${a.id}/history` });
    expect(history.statusCode).toBe(200);
    expect(history.json()).toMatchObject({
      assignment: { status: 'planned', allowedTransitions: [] },
      events: [],
    });
  });

  it('lets the agency coordinator work the assignment but not decide on it', async () => {
    const { db } = await testDatabase();
    const app = await routesApp();
    const rows = await storeSample(db, { 'TTB2031-24': 'HFA' });
    const a = rows.get('TTB2031-24')!;
    const url = `/t/api/assignments/${a.id}/status`;
    const coordinator = await signIn(app, 'agency-coordinator');
    const started = await app.inject({
      method: 'POST',
      url,
      payload: { to: 'in-progress', expectedVersion: 1 },
      headers: coordinator.headers,
    });
    expect(started.statusCode).toBe(200);
    expect(started.json().assignment.allowedTransitions).toEqual(['planned', 'delivered']);
    const cancel = await app.inject({
      method: 'POST',
      url,
      payload: { to: 'cancelled', comment: 'vil ikke', expectedVersion: 2 },
      headers: coordinator.headers,
    });
    expect(cancel.statusCode).toBe(422);
    expect(cancel.json()).toMatchObject({ error: 'not-permitted', current: { version: 2 } });
    const withoutCsrf = await app.inject({
      method: 'POST',
      url,
      payload: { to: 'delivered', expectedVersion: 2 },
      headers: { cookie: coordinator.cookie },
    });
    expect(withoutCsrf.statusCode).toBe(403);
  });

  it('gives 409 with the current state to the loser of two parallel requests', async () => {
    const { db } = await testDatabase();
    const app = await routesApp();
    const rows = await storeSample(db, { 'TTB2031-23': 'HFA' });
    const a = rows.get('TTB2031-23')!;
    const officer = await signIn(app, 'ministry-department-officer');
    const url = `/t/api/assignments/${a.id}/status`;
    const post = (payload: object) =>
      app.inject({ method: 'POST', url, payload, headers: officer.headers });
    const [r1, r2] = await Promise.all([
      post({ to: 'in-progress', expectedVersion: 1 }),
      post({ to: 'delivered', deliveryRef: 'sak 31/1', expectedVersion: 1 }),
    ]);
    expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 409]);
    const ok = r1.statusCode === 200 ? r1 : r2;
    const conflict = r1.statusCode === 409 ? r1 : r2;
    expect(conflict.json()).toMatchObject({
      error: 'stale-version',
      current: { version: 2, status: ok.json().assignment.status },
    });
    const history = await app.inject({ method: 'GET', url: `/t/api/assignments/${a.id}/history` });
    expect(history.json().events).toHaveLength(1);
    expect(history.json().events[0].actor).toBe(`user:${officer.user.id}`);
    // The public is told that a person made the change, not who; the ministry sees the name.
    expect(history.json().events[0]).toMatchObject({
      actorKind: 'user',
      actorId: officer.user.id,
      actorName: null,
    });
    const seen = await app.inject({
      method: 'GET',
      url: `/t/api/assignments/${a.id}/history`,
      headers: officer.headers,
    });
    expect(seen.json().events[0].actorName).toBe(officer.user.name);
    expect(seen.json().events[0].actorName).toBeTruthy();
    const [row] = await db.select().from(assignments).where(eq(assignments.id, a.id));
    expect(row).toMatchObject({ version: 2, status: ok.json().assignment.status });
    // Not the officer's department: forbidden.
    const other = await storeSample(db, { 'TTB2031-25': 'FHA' });
    const res = await app.inject({
      method: 'POST',
      url: `/t/api/assignments/${other.get('TTB2031-25')!.id}/status`,
      payload: { to: 'in-progress', expectedVersion: 1 },
      headers: officer.headers,
    });
    expect(res.statusCode).toBe(403);
  });
});
