/**
 * The sample data of a fresh installation shows the whole cycle: the imported letter series,
 * a supplement written in Tildel and issued (numbered after the imported ones, its totals
 * table derived from the ledger, so the year's checks find nothing in it), and next year's
 * letter under work, started from this year's. On an empty database of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { openDatabase, type Database } from '../db/client';
import {
  assignments,
  deliveryFiles,
  documents,
  drafts,
  governanceMeetings,
  meetingDecisions,
  reports,
  reportVersions,
  riskTolerances,
  users,
} from '../db/schema';
import { homeSummary } from './home';
import { getChecks } from './ledger';
import { loadSampleDataIfEmpty, loadSampleFollowUp, loadSampleReports } from './sample-data';
import { loadSampleTolerances } from './sample-tolerances';
import { loadSampleMeetings } from './sample-meetings';
import { aboveTolerance, riskScore } from '../domain/report';
import { actorFromUser, ensureLocalUsers } from './users';

const system = { kind: 'system', name: 'test' } as const;

describe('sample data', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    await database.migrate();
    expect(await loadSampleDataIfEmpty(database.db)).toBe(2);
    await ensureLocalUsers(database.db);
    expect(await loadSampleFollowUp(database.db)).toBe(8);
    expect(await loadSampleReports(database.db)).toBeGreaterThanOrEqual(2);
    expect(await loadSampleTolerances(database.db)).toBe(true);
    expect(await loadSampleMeetings(database.db)).toBe(2);
  }, 120_000);
  afterAll(async () => database?.close());

  it('holds a supplement written in Tildel, issued after the imported ones, that checks clean', async () => {
    const { db } = database;
    const written = await db.select().from(drafts).orderBy(asc(drafts.year), asc(drafts.createdAt));
    expect(written.map((d) => [d.kind, d.year, d.status, d.number])).toEqual([
      ['supplement', 2026, 'issued', 3],
      // Started by the governance meeting's decision (sample-data/meetings.json).
      ['supplement', 2026, 'editing', null],
      ['allocation-letter', 2027, 'editing', null],
    ]);
    const [issued] = await db
      .select()
      .from(documents)
      .where(eq(documents.id, written[0]!.issuedDocumentId!));
    expect(issued).toMatchObject({ kind: 'supplement', number: 3, status: 'published' });
    expect(issued!.extracted.assignments.map((a) => [a.assignedId, a.title])).toEqual([
      ['TTB2026-02', 'Havdata i skolen'],
    ]);
    // The restated total of post 21: the letter, nr. 1, nr. 2 and this change.
    expect(issued!.extracted.totalsClaimed.map((t) => t.total?.amount)).toEqual([
      38_900 + 4_600 + 2_500 + 1_800,
    ]);
    const checks = await getChecks(db, system, issued!.agencyId!, 2026);
    expect(checks!.findings.filter((f) => f.document?.number === 3)).toEqual([]);
  });

  it("leaves next year's letter under work, from this year's", async () => {
    const [next] = await database.db.select().from(drafts).where(eq(drafts.year, 2027));
    expect(next!.content.goals.length).toBeGreaterThan(0);
    expect(next!.content.carriedOver.map((o) => o.id)).toContain('TB2026-01');
    expect(next!.content.calendar[0]).toEqual({
      when: '1. mars',
      text: 'Årsrapport for 2026 sendes departementet med kopi til Riksrevisjonen',
    });
  });

  it('follows the year up: owners, progress, a delivery accepted and one awaiting acceptance', async () => {
    const { db } = database;
    const rows = await db
      .select({
        id: assignments.registerId,
        status: assignments.status,
        progress: assignments.progress,
        owner: users.name,
      })
      .from(assignments)
      .innerJoin(documents, eq(documents.id, assignments.documentId))
      .innerJoin(users, eq(users.id, assignments.ownerUserId))
      .where(eq(documents.isCurrent, true))
      .orderBy(asc(assignments.registerId));
    expect(rows).toEqual([
      { id: 'TB2026-01', status: 'delivered', progress: 'on-track', owner: 'Ola Odde' },
      { id: 'TB2026-02', status: 'planned', progress: 'at-risk', owner: 'Ola Odde' },
      { id: 'TB2026-05', status: 'accepted', progress: null, owner: 'Ola Odde' },
    ]);
    const files = await db.select().from(deliveryFiles);
    expect(files.map((f) => [f.name, f.mediaType])).toEqual(
      expect.arrayContaining([['Beredskapsplan for oljevernsdata.pdf', 'application/pdf']]),
    );
    expect(Buffer.from(files[0]!.bytes).subarray(0, 5).toString()).toBe('%PDF-');

    // The department's desk officer has a delivery to accept; the coordinator one at risk.
    const as = async (key: string) => {
      const [u] = await db
        .select()
        .from(users)
        .where(eq(users.subject, `local:${key}`));
      return actorFromUser(u!);
    };
    const now = new Date('2026-06-01T10:00:00Z');
    const desk = await homeSummary(db, await as('avdeling-hfa'), now);
    expect(desk.awaitingAcceptance!.rows.map((r) => r.assignment.registerId)).toEqual([
      'TB2026-01',
    ]);
    const coordinator = await homeSummary(db, await as('koordinator-havdata'), now);
    expect(coordinator.atRisk!.rows.map((r) => r.assignment.registerId)).toEqual(['TB2026-02']);
    const owner = await homeSummary(db, await as('oppdragseier-havdata'), now);
    // Open and theirs: TB2026-02 (the other two are delivered or accepted).
    expect(owner.mine!.rows.map((r) => r.assignment.registerId)).toEqual(['TB2026-02']);
    expect(owner.unreadNotifications).toBeGreaterThanOrEqual(3);
  });

  it('holds a year of reports: one submitted and accepted, the others made from the calendar', async () => {
    const { db } = database;
    const rows = await db.select().from(reports).orderBy(asc(reports.dueDate));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const done = rows.filter((r) => r.status === 'accepted' && r.kind === 'status');
    expect(done.map((r) => r.title)).toEqual([expect.stringMatching(/^Status- og avviksrapport/)]);
    expect(done[0]!.content.assignments.map((a) => a.deviation)).toEqual([
      expect.stringContaining('november'),
    ]);
    // Forecast under the appropriation on one post, with its reason; the hash of what was sent.
    expect(done[0]!.content.budget.filter((b) => b.explanation !== '')).toHaveLength(1);
    const versions = await db
      .select()
      .from(reportVersions)
      .where(eq(reportVersions.reportId, done[0]!.id));
    expect(versions.map((v) => v.sha256)).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/)]);
    expect(rows.filter((r) => r.status === 'draft').length).toBeGreaterThan(0);
  });

  it('holds the annual report on 2026, signed by the director and published; the calendar one for 2025 waits', async () => {
    const { db } = database;
    const annual = await db
      .select()
      .from(reports)
      .where(eq(reports.kind, 'annual'))
      .orderBy(asc(reports.periodYear));
    expect(annual.map((r) => [r.source, r.year, r.periodYear, r.status])).toEqual([
      ['calendar', 2026, 2025, 'draft'],
      ['ad-hoc', 2026, 2026, 'accepted'],
    ]);
    const published = annual[1]!;
    expect(published.signatures.map((s) => [s.part, s.name, s.title])).toEqual([
      ['leader', 'Dag Dybdahl', 'direktør'],
      ['accounts', 'Dag Dybdahl', 'direktør'],
    ]);
    expect(published.content.annual?.leader).toMatch(/katalog over havdata/);
    expect(published.content.steeringParameters).toHaveLength(3);
  });

  it("agrees a risk tolerance for 2026 that the accepted report's risk is above", async () => {
    const { db } = database;
    const tolerances = await db.select().from(riskTolerances);
    expect(tolerances.map((t) => [t.year, t.score, t.setByKind])).toEqual([[2026, 6, 'user']]);
    const [done] = await db.select().from(reports).where(eq(reports.status, 'accepted'));
    const residual = done!.content.risks.map((r) =>
      riskScore(r.residualLikelihood, r.residualConsequence),
    );
    expect(residual.map((score) => aboveTolerance(score, tolerances[0]!.score))).toEqual([true]);
  });

  it('holds the first governance meeting of 2026: agenda kept, minutes, a decision made a draft assignment', async () => {
    const { db } = database;
    const meetings = await db
      .select()
      .from(governanceMeetings)
      .orderBy(asc(governanceMeetings.date));
    expect(meetings.map((m) => [m.title, m.date, m.status])).toEqual([
      ['Etatsstyringsmøte', '2026-05-20', 'held'],
      ['Etatsstyringsmøte', '2026-10-15', 'planned'],
    ]);
    const held = meetings[0]!;
    expect(held.minutes).toMatch(/samlet plan/);
    // The agenda as it stood: the assignment at risk, the risk above the tolerance of 6, the
    // forecast under the appropriation, and the ministry's two points last.
    const agenda = held.agenda!;
    expect(agenda.filter((i) => i.kind === 'deviation').map((i) => i.text)).toEqual([
      expect.stringMatching(/^TB2026-02 /),
    ]);
    expect(agenda.filter((i) => i.kind === 'risk').map((i) => i.figure)).toEqual([8]);
    expect(agenda.filter((i) => i.kind === 'budget').map((i) => i.figure)).toEqual([-1_200]);
    expect(agenda.slice(-2).map((i) => i.kind)).toEqual(['ministry-point', 'ministry-point']);
    const decisions = await db
      .select()
      .from(meetingDecisions)
      .where(eq(meetingDecisions.meetingId, held.id))
      .orderBy(asc(meetingDecisions.ord));
    expect(decisions.map((d) => [d.responsible, d.draftId !== null])).toEqual([
      ['agency', true],
      ['ministry', false],
    ]);
    const [draft] = await db.select().from(drafts).where(eq(drafts.id, decisions[0]!.draftId!));
    expect(draft).toMatchObject({ kind: 'supplement', year: 2026, status: 'editing' });
    expect(draft!.content.assignments).toEqual([
      expect.objectContaining({
        key: decisions[0]!.draftAssignmentKey,
        decisionId: decisions[0]!.id,
        deadline: '1. desember',
        ownerDepartment: null,
      }),
    ]);
  });
});
