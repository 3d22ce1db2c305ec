/**
 * Following an assignment up through the real server and database: the ministry gives it an
 * owner department, the agency's coordinator gives it to a person, the person reports progress
 * and delivers with a file, the ministry sends it back, accepts and reopens; each step tells
 * the right people, refusals save nothing, and each role's start page holds its own work only.
 */
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { AssignmentSummary } from '../../contract/api';
import type { AssignmentHistory } from '../../contract/assignment-status';
import type { FollowUpResult, NotificationList, OwnerCandidates } from '../../contract/follow-up';
import type { HomeSummary } from '../../contract/home';
import { queryRows } from '../../db/client';
import { assignments, documents } from '../../db/schema';
import { SAMPLE_AGENCY, SAMPLE_MINISTRY, SECOND_AGENCY } from '../../services/users';
import { testApp } from '../../testing/app';
import { buildDraftContent } from '../../testing/builders';
import { createDraft, shareDraft, updateDraft } from '../../services/drafts';
import { signIn, type SignedIn } from '../../testing/auth';
import { buildAssignment, buildDocument, storeDocuments } from '../../testing/factories';
import { multipart, MULTIPART_TYPE } from '../../testing/multipart';

/** Years no other test file uses (the database is shared per worker); one per test. */
const YEAR = 2047;

type App = Awaited<ReturnType<typeof testApp>>;

const pdf = new Uint8Array(Buffer.from('%PDF-1.4\n% a delivery written for this test\n%%EOF\n'));
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

/** A published letter of the sample ministry to `agency` with assignments of no department. */
async function letter(app: App, agency: string, n: number, deadline: string, year = YEAR) {
  const stored = await storeDocuments(app.database.db, [
    buildDocument({
      year,
      ministry: SAMPLE_MINISTRY,
      agency,
      title: `Tildelingsbrev ${year} til ${agency}`,
      assignments: Array.from({ length: n }, (_, i) =>
        buildAssignment({
          id: `TB${year}-${i + 1}`,
          ownerDepartment: null,
          title: `Oppfølgingsoppdrag ${i + 1}`,
          deadlines: [
            {
              date: deadline,
              text: deadline,
              appliesTo: null,
              value: { kind: 'exact', date: deadline },
            },
          ],
        }),
      ),
    }),
  ]);
  const documentId = stored.documents[0]!.id;
  await app.database.db
    .update(documents)
    .set({ status: 'published' })
    .where(eq(documents.id, documentId));
  const rows = await app.database.db
    .select({ id: assignments.id })
    .from(assignments)
    .where(eq(assignments.documentId, documentId))
    .orderBy(assignments.ord);
  return rows.map((r) => r.id);
}

function client(app: App) {
  const json = async <T>(who: SignedIn | null, method: string, url: string, payload?: unknown) => {
    const res = await app.inject({
      method: method as 'GET',
      url,
      headers: who?.headers ?? {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: res.statusCode, body: res.json() as T };
  };
  const version = async (id: string, who: SignedIn) =>
    (await json<AssignmentSummary>(who, 'GET', `/api/assignments/${id}`)).body.version;
  const notifications = async (who: SignedIn) =>
    (await json<NotificationList>(who, 'GET', '/api/notifications')).body;
  return { json, version, notifications };
}

describe('following an assignment up', () => {
  it('owner department, person, progress, delivery with a file, sent back, accepted, reopened', async () => {
    const app = await testApp();
    const { json, version, notifications } = client(app);
    const budget = await signIn(app, 'ministry-budget-officer');
    const desk = await signIn(app, 'ministry-department-officer'); // department HFA
    const coordinator = await signIn(app, 'agency-coordinator');
    const owner = await signIn(app, 'agency-assignment-owner');
    const elsewhere = await signIn(app, 'user:koordinator-fjordlos');
    const [id] = await letter(app, SAMPLE_AGENCY, 1, `${YEAR}-03-02`);
    const url = `/api/assignments/${id!}`;

    // Nobody in the department may change its status until it has an owner department.
    const first = await json<AssignmentSummary>(desk, 'GET', url);
    expect(first.body.abilities).toMatchObject({ update: false, setOwnerDepartment: true });

    // The budget officer sets it; a stale version saves nothing.
    const v1 = first.body.version;
    const stale = await json<{ error: string }>(budget, 'PUT', `${url}/owner-department`, {
      expectedVersion: v1 + 5,
      department: 'HFA',
    });
    expect(stale.status).toBe(409);
    const set = await json<FollowUpResult>(budget, 'PUT', `${url}/owner-department`, {
      expectedVersion: v1,
      department: 'HFA',
      comment: 'Feil avdeling i importen',
    });
    expect(set.status).toBe(200);
    expect(set.body.assignment).toMatchObject({ ownerDepartment: 'HFA', version: v1 + 1 });
    expect(set.body.event).toMatchObject({
      kind: 'owner-department',
      detail: { from: null, to: 'HFA' },
    });
    expect((await json<AssignmentSummary>(desk, 'GET', url)).body.abilities.update).toBe(true);
    // The agency cannot set it; another agency's coordinator cannot give it to anyone.
    expect(
      (
        await json(coordinator, 'PUT', `${url}/owner-department`, {
          expectedVersion: v1 + 1,
          department: 'FHA',
        })
      ).status,
    ).toBe(403);

    // The coordinator gives it to a person of the agency (the candidates are the agency's).
    const candidates = await json<OwnerCandidates>(coordinator, 'GET', `${url}/owner-candidates`);
    expect(candidates.body.items.map((c) => c.name).sort()).toEqual(['Kari Kyst', 'Ola Odde']);
    expect((await json(elsewhere, 'GET', `${url}/owner-candidates`)).status).toBe(404);
    const outsider = await json<{ error: string }>(coordinator, 'PUT', `${url}/owner-person`, {
      expectedVersion: await version(id!, coordinator),
      userId: elsewhere.user.id,
    });
    expect(outsider).toMatchObject({ status: 422, body: { error: 'owner-not-in-agency' } });
    expect(
      (
        await json(elsewhere, 'PUT', `${url}/owner-person`, {
          expectedVersion: await version(id!, coordinator),
          userId: elsewhere.user.id,
        })
      ).status,
    ).toBe(403);
    const given = await json<FollowUpResult>(coordinator, 'PUT', `${url}/owner-person`, {
      expectedVersion: await version(id!, coordinator),
      userId: owner.user.id,
    });
    expect(given.status).toBe(200);
    expect(given.body.assignment.ownerPerson).toEqual({ id: owner.user.id, name: 'Ola Odde' });
    const told = await notifications(owner);
    expect(told.unread).toBeGreaterThanOrEqual(1);
    expect(told.items[0]).toMatchObject({ kind: 'owner-assigned', assignmentId: id, read: false });
    // The public sees the status and the department, not who has the work.
    expect((await json<AssignmentSummary>(null, 'GET', url)).body).toMatchObject({
      ownerDepartment: 'HFA',
      ownerPerson: null,
    });

    // The owner reports progress: at risk needs a reason.
    const noReason = await json<{ error: string }>(owner, 'PUT', `${url}/progress`, {
      expectedVersion: await version(id!, owner),
      progress: 'at-risk',
    });
    expect(noReason).toMatchObject({ status: 422, body: { error: 'progress-reason-required' } });
    const atRisk = await json<FollowUpResult>(owner, 'PUT', `${url}/progress`, {
      expectedVersion: await version(id!, owner),
      progress: 'at-risk',
      reason: 'Venter på data fra kommunene',
    });
    expect(atRisk.body.assignment).toMatchObject({
      progress: 'at-risk',
      progressReason: 'Venter på data fra kommunene',
    });
    expect((await json<AssignmentSummary>(null, 'GET', url)).body).toMatchObject({
      progress: 'at-risk',
      progressReason: null,
    });

    // A delivery with a file that is not PDF, Word or Excel is refused by name; nothing saved.
    const deliver = (files: { name: string; bytes: Uint8Array }[], v: number) =>
      app.inject({
        method: 'POST',
        url: `${url}/delivery`,
        headers: { ...owner.headers, 'content-type': MULTIPART_TYPE },
        payload: multipart(files, { expectedVersion: String(v), deliveryRef: 'Sak 2047/12' }),
      });
    const before = await version(id!, owner);
    const refused = await deliver([{ name: 'skjermbilde.png', bytes: png }], before);
    expect(refused.statusCode).toBe(415);
    expect(refused.json()).toMatchObject({ error: 'file-refused', file: 'skjermbilde.png' });
    expect(await version(id!, owner)).toBe(before);

    const delivered = await deliver([{ name: 'Rapport om havdata.pdf', bytes: pdf }], before);
    expect(delivered.statusCode).toBe(200);
    const event = delivered.json().event as AssignmentHistory['events'][number];
    expect(event).toMatchObject({ to: 'delivered', deliveryRef: 'Sak 2047/12' });
    expect(event.files).toHaveLength(1);
    const fileUrl = `${url}/files/${event.files[0]!.id}`;
    const download = await app.inject({ url: fileUrl, headers: desk.headers });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(Buffer.from(download.rawPayload).equals(Buffer.from(pdf))).toBe(true);
    expect((await app.inject({ url: fileUrl })).statusCode).toBe(403);
    expect((await app.inject({ url: fileUrl, headers: elsewhere.headers })).statusCode).toBe(404);
    // The department is told of the delivery.
    expect((await notifications(desk)).items.map((n) => n.kind)).toContain('delivered');

    // The ministry sends it back with a reason; the owner is told.
    const back = await json<{ assignment: { status: string } }>(desk, 'POST', `${url}/status`, {
      to: 'in-progress',
      expectedVersion: await version(id!, desk),
      comment: 'Mangler tall for 2046',
    });
    expect(back.status).toBe(200);
    const returned = (await notifications(owner)).items.find((n) => n.kind === 'delivery-returned');
    expect(returned?.params).toMatchObject({ reason: 'Mangler tall for 2046' });

    // Delivered and taken back by the agency (no reason needed); the department is told.
    expect((await deliver([], await version(id!, owner))).statusCode).toBe(200);
    const withdrawn = await json(owner, 'POST', `${url}/status`, {
      to: 'in-progress',
      expectedVersion: await version(id!, owner),
    });
    expect(withdrawn.status).toBe(200);
    expect((await notifications(desk)).items.map((n) => n.kind)).toContain('delivery-withdrawn');

    // Delivered again, accepted, then reopened with a reason.
    expect((await deliver([], await version(id!, owner))).statusCode).toBe(200);
    const accepted = await json(desk, 'POST', `${url}/status`, {
      to: 'accepted',
      expectedVersion: await version(id!, desk),
    });
    expect(accepted.status).toBe(200);
    expect((await notifications(owner)).items.map((n) => n.kind)).toContain('delivery-accepted');
    const reopenNoReason = await json<{ error: string }>(desk, 'POST', `${url}/status`, {
      to: 'in-progress',
      expectedVersion: await version(id!, desk),
    });
    expect(reopenNoReason.body.error).toBe('comment-required');
    const reopened = await json(desk, 'POST', `${url}/status`, {
      to: 'in-progress',
      expectedVersion: await version(id!, desk),
      comment: 'Revisjonen fant feil i tallene',
    });
    expect(reopened.status).toBe(200);

    // The history tells every step, and the audit trail has one entry per change.
    const history = await json<AssignmentHistory>(coordinator, 'GET', `${url}/history`);
    expect(history.body.events.map((e) => (e.kind === 'status' ? e.to : e.kind))).toEqual([
      'owner-department',
      'owner-person',
      'progress',
      'delivered',
      'in-progress',
      'delivered',
      'in-progress',
      'delivered',
      'accepted',
      'in-progress',
    ]);
    const [audit] = await queryRows<{ n: number }>(
      app.database.db,
      sql`select count(*)::int as n from audit_log where object_type = 'assignment' and object_id = ${id!}`,
    );
    expect(audit!.n).toBe(10);

    // Marking read.
    const marked = await json<{ marked: number }>(owner, 'POST', '/api/notifications/read', {
      ids: 'all',
    });
    expect(marked.body.marked).toBeGreaterThanOrEqual(3);
    expect((await notifications(owner)).unread).toBe(0);
  });

  it('gives many assignments one owner at once, or none of them when one is stale', async () => {
    const app = await testApp();
    const { json, version } = client(app);
    const coordinator = await signIn(app, 'agency-coordinator');
    const owner = await signIn(app, 'agency-assignment-owner');
    const ids = await letter(app, SAMPLE_AGENCY, 3, `${YEAR + 1}-06-01`, YEAR + 1);
    const items = await Promise.all(
      ids.map(async (id) => ({ id, expectedVersion: await version(id, coordinator) })),
    );
    const count = async (query: string) =>
      (
        await json<{ total: number }>(
          coordinator,
          'GET',
          `/api/assignments?year=${YEAR + 1}&${query}`,
        )
      ).body.total;
    expect(await count('owner=none')).toBe(3);
    expect(await count('ownerDepartment=none')).toBe(3);
    // Who has the work is not the public's: a visitor cannot filter by it either.
    const publicCount = await json<{ total: number }>(
      null,
      'GET',
      `/api/assignments?year=${YEAR + 1}&owner=none`,
    );
    expect(publicCount.body.total).toBe(0);
    const stale = await json<{ changed: number; refused: { id: string; error: string }[] }>(
      coordinator,
      'POST',
      '/api/assignments/bulk/owner-person',
      {
        items: items.map((it, i) => (i === 2 ? { ...it, expectedVersion: 99 } : it)),
        userId: owner.user.id,
      },
    );
    expect(stale.status).toBe(409);
    expect(stale.body).toEqual({
      changed: 0,
      refused: [{ id: ids[2], error: 'stale', message: expect.any(String) }],
    });
    expect(await version(ids[0]!, coordinator)).toBe(items[0]!.expectedVersion);
    const done = await json<{ changed: number }>(
      coordinator,
      'POST',
      '/api/assignments/bulk/owner-person',
      { items, userId: owner.user.id },
    );
    expect(done).toMatchObject({ status: 200, body: { changed: 3 } });
    expect(await count('owner=none')).toBe(0);
    const sorted = await json<{ items: { registerId: string }[] }>(
      coordinator,
      'GET',
      `/api/assignments?year=${YEAR + 1}&sort=id`,
    );
    expect(sorted.body.items.map((a) => a.registerId)).toEqual([
      `TB${YEAR + 1}-1`,
      `TB${YEAR + 1}-2`,
      `TB${YEAR + 1}-3`,
    ]);
    const mine = await json<{ total: number }>(
      owner,
      'GET',
      `/api/assignments?owner=me&year=${YEAR + 1}`,
    );
    expect(mine.body.total).toBe(3);

    // The register as filtered, as a workbook: the owner's three, with the owner named.
    const xlsx = await app.inject({
      url: `/api/assignments/export.xlsx?owner=me&year=${YEAR + 1}`,
      headers: owner.headers,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['x-total-count']).toBe('3');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('Oppdrag');
    expect(sheet.getRow(1).getCell(1).value).toBe('ID');
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(2).getCell(6).value).toBe('Ola Odde');
    expect(sheet.getRow(2).getCell(10).value).toEqual(new Date(`${YEAR + 1}-06-01T12:00:00Z`));
    // Someone else's: none of them.
    const coordinatorsOwn = await app.inject({
      url: `/api/assignments/export.xlsx?owner=me&year=${YEAR + 1}`,
      headers: coordinator.headers,
    });
    expect(coordinatorsOwn.headers['x-total-count']).toBe('0');
  });

  it("puts each role's own work on its start page and no other agency's", async () => {
    const app = await testApp();
    const { json } = client(app);
    const overdue = `${YEAR - 30}-01-15`; // long past: overdue today
    const [ours] = await letter(app, SAMPLE_AGENCY, 1, overdue, YEAR + 2);
    const [theirs] = await letter(app, SECOND_AGENCY, 1, overdue, YEAR + 2);
    const home = async (who: SignedIn | null) =>
      (await json<HomeSummary>(who, 'GET', '/api/home')).body;
    const ids = (h: HomeSummary) =>
      [h.mine, h.overdue, h.dueSoon, h.atRisk, h.awaitingAcceptance, h.unassigned].flatMap(
        (b) => b?.items.map((a) => a.agencyId) ?? [],
      );

    const coordinator = await signIn(app, 'agency-coordinator');
    const mineHome = await home(coordinator);
    expect(mineHome.view).toBe('agency-coordinator');
    expect(mineHome.overdue!.total).toBeGreaterThanOrEqual(1);
    expect(new Set(ids(mineHome))).toEqual(new Set([coordinator.user.organisation!.id]));
    expect(mineHome.unassigned!.items.map((a) => a.id)).toContain(ours);

    const elsewhere = await signIn(app, 'user:koordinator-fjordlos');
    const theirHome = await home(elsewhere);
    expect(new Set(ids(theirHome))).toEqual(new Set([elsewhere.user.organisation!.id]));
    expect(theirHome.overdue!.items.map((a) => a.id)).toContain(theirs);

    const budget = await signIn(app, 'ministry-budget-officer');
    const budgetHome = await home(budget);
    expect(budgetHome.view).toBe('ministry-budget');
    expect(budgetHome.withoutDepartment!.total).toBeGreaterThanOrEqual(2);
    expect(budgetHome.agencies!.map((a) => a.name)).toEqual(
      expect.arrayContaining([SAMPLE_AGENCY, SECOND_AGENCY]),
    );

    // The desk officer's department owns neither yet: neither is on their page.
    const desk = await signIn(app, 'ministry-department-officer');
    const deskHome = await home(desk);
    expect(deskHome.overdue!.items.map((a) => a.id)).not.toContain(ours);

    // A draft shared with the agency and changed since: the agency's page names the shared
    // round's subject, never the ministry's edits since.
    const system = { kind: 'system', name: 'test' } as const;
    const year = YEAR + 2;
    const created = await createDraft(app.database.db, system, {
      agencyId: coordinator.user.organisation!.id,
      year,
      kind: 'supplement',
      from: 'empty',
    });
    if (created.kind !== 'saved') throw new Error(created.kind);
    const step = (out: Awaited<ReturnType<typeof updateDraft>>) => {
      if (out.kind !== 'saved') throw new Error(out.kind);
      return out.draft.row;
    };
    let draft = step(
      await updateDraft(app.database.db, system, created.draft.row.id, {
        expectedVersion: created.draft.row.version,
        content: buildDraftContent({ subject: 'Delt emne' }),
      }),
    );
    draft = step(await shareDraft(app.database.db, system, draft.id, draft.version));
    step(
      await updateDraft(app.database.db, system, draft.id, {
        expectedVersion: draft.version,
        content: buildDraftContent({ subject: 'Internt: ikke delt' }),
      }),
    );
    const subjects = (h: HomeSummary) =>
      h.drafts!.filter((d) => d.id === draft.id).map((d) => d.subject);
    expect(subjects(await home(coordinator))).toEqual(['Delt emne']);
    expect(subjects(await home(budget))).toEqual(['Internt: ikke delt']);

    const visitor = await home(null);
    expect(visitor).toMatchObject({ view: 'public', overdue: null, mine: null, agencies: null });
    expect(visitor.published.length).toBeGreaterThan(0);
  });
});
