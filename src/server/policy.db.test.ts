/**
 * The policy in two forms must agree: `can(actor, 'documents.read', doc)` (in code) and
 * `visibleDocuments(actor)` (SQL, used by lists and search) — on a table of actors × documents
 * in the real database. Plus the role rules for changes and history.
 */
import { randomUUID } from 'node:crypto';
import { and, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { documents, drafts, organisations, reports } from '../db/schema';
import { testDatabaseKind } from '../db/testing';
import { testApp } from '../testing/app';
import { storeScopedDocument } from '../testing/auth';
import { visibleDocuments, visibleDrafts, visibleReports } from '../db/visibility';
import { createDraft, draftLike, shareDraft } from '../services/drafts';
import { createReport, reportLike } from '../services/reports';
import { ensureLocalUsers, SAMPLE_AGENCY, SECOND_AGENCY, SAMPLE_MINISTRY } from '../services/users';
import type { App } from './app';
import { ROLES as roles, type ApiScope, type Role } from '../contract/enums';
import {
  assignmentAbilities,
  documentAbilities,
  ANONYMOUS,
  can,
  homeView,
  type Actor,
} from '../domain/policy';

const statuses = ['draft', 'shared', 'published'] as const;

describe(`policy: can() and visibleDocuments() agree (${testDatabaseKind})`, () => {
  let app: App;
  const org: Record<string, string> = {};
  const docs: { id: string; status: (typeof statuses)[number]; agency: string }[] = [];

  beforeAll(async () => {
    app = await testApp();
    await ensureLocalUsers(app.database.db);
    const rows = await app.database.db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(inArray(organisations.name, [SAMPLE_MINISTRY, SAMPLE_AGENCY, SECOND_AGENCY]));
    for (const r of rows) org[r.name] = r.id;
    for (const agency of [SAMPLE_AGENCY, SECOND_AGENCY]) {
      for (const status of statuses) {
        const { documentId } = await storeScopedDocument(app, status, agency);
        docs.push({ id: documentId, status, agency });
      }
    }
  });

  function actors(): [string, Actor][] {
    const user = (role: Role | null, organisation: string): Actor => ({
      kind: 'user',
      id: randomUUID(),
      name: role ?? 'none',
      organisationId: organisation,
      roles: role ? [role] : [],
      departmentCode: null,
    });
    const list: [string, Actor][] = [
      ['anonymous', ANONYMOUS],
      ['system', { kind: 'system', name: 'test' }],
      ['no roles, in the ministry', user(null, org[SAMPLE_MINISTRY]!)],
      ['ministry role in an agency', user('ministry-reader', org[SAMPLE_AGENCY]!)],
      ['agency role in the ministry', user('agency-coordinator', org[SAMPLE_MINISTRY]!)],
      ['unknown organisation', user('agency-coordinator', randomUUID())],
    ];
    for (const role of roles) {
      for (const [name, id] of Object.entries(org))
        list.push([`${role} @ ${name}`, user(role, id)]);
    }
    // API clients (docs/machine-access.md): read as a person with their role would, with the
    // scope to read the register (drafts and meetings are for people only); without it, nothing.
    const client = (role: Role, organisation: string, scopes: ApiScope[]): Actor => ({
      kind: 'client',
      id: randomUUID(),
      clientId: `client-${role}`,
      name: `client ${role}`,
      organisationId: organisation,
      roles: [role],
      scopes,
    });
    for (const role of roles.filter((r) => r !== 'administrator')) {
      for (const [name, id] of Object.entries(org))
        list.push([`client ${role} @ ${name}`, client(role, id, ['register:read'])]);
    }
    list.push([
      'client without register:read',
      client('agency-coordinator', org[SAMPLE_AGENCY]!, ['reports:submit']),
    ]);
    return list;
  }

  it('on every actor × every document status and agency', async () => {
    const ids = docs.map((d) => d.id);
    const disagreements: string[] = [];
    let checked = 0;
    for (const [label, actor] of actors()) {
      const visible = new Set(
        (
          await app.database.db
            .select({ id: documents.id })
            .from(documents)
            .where(and(inArray(documents.id, ids), visibleDocuments(actor)))
        ).map((r) => r.id),
      );
      const rows = await app.database.db.select().from(documents).where(inArray(documents.id, ids));
      for (const doc of rows) {
        checked++;
        const inCode = can(actor, 'documents.read', doc);
        if (inCode !== visible.has(doc.id)) {
          disagreements.push(
            `${label} on ${doc.status} ${doc.agencyName}: can=${inCode} sql=${visible.has(doc.id)}`,
          );
        }
      }
    }
    expect(disagreements).toEqual([]);
    expect(checked).toBe(actors().length * docs.length);
  });

  it('reports: can(reports.read) and visibleReports() agree on every actor × agency', async () => {
    const system = { kind: 'system', name: 'test' } as const;
    const ids: string[] = [];
    for (const agency of [SAMPLE_AGENCY, SECOND_AGENCY]) {
      const made = await createReport(app.database.db, system, {
        agencyId: org[agency]!,
        year: 2031,
        title: `Rapport for policytesten ${randomUUID()}`,
        dueDate: '2031-04-01',
      });
      if (made.kind !== 'saved') throw new Error(made.kind);
      ids.push(made.report.row.id);
    }
    const rows = await app.database.db.select().from(reports).where(inArray(reports.id, ids));
    const disagreements: string[] = [];
    let readers = 0;
    for (const [label, actor] of actors()) {
      const visible = new Set(
        (
          await app.database.db
            .select({ id: reports.id })
            .from(reports)
            .where(and(inArray(reports.id, ids), visibleReports(actor)))
        ).map((r) => r.id),
      );
      for (const row of rows) {
        const inCode = can(actor, 'reports.read', reportLike(row));
        if (inCode) readers++;
        if (inCode !== visible.has(row.id)) {
          disagreements.push(`${label} on a report: can=${inCode} sql=${visible.has(row.id)}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
    // Some read them (the agency, the ministry, auditors) and some do not (the public).
    expect(readers).toBeGreaterThan(0);
    expect(readers).toBeLessThan(actors().length * rows.length);
    expect(can(ANONYMOUS, 'reports.read', reportLike(rows[0]!))).toBe(false);
  });

  it('drafts: can(drafts.read) and visibleDrafts() agree on every actor × shared or not × agency', async () => {
    const system = { kind: 'system', name: 'test' } as const;
    const ids: string[] = [];
    for (const agency of [SAMPLE_AGENCY, SECOND_AGENCY]) {
      for (const share of [false, true]) {
        const made = await createDraft(app.database.db, system, {
          agencyId: org[agency]!,
          year: 2039,
          kind: 'supplement',
          from: 'empty',
        });
        if (made.kind !== 'saved') throw new Error(made.kind);
        const row = made.draft.row;
        if (share) await shareDraft(app.database.db, system, row.id, row.version);
        ids.push(row.id);
      }
    }
    const rows = await app.database.db.select().from(drafts).where(inArray(drafts.id, ids));
    const disagreements: string[] = [];
    for (const [label, actor] of actors()) {
      const visible = new Set(
        (
          await app.database.db
            .select({ id: drafts.id })
            .from(drafts)
            .where(and(inArray(drafts.id, ids), visibleDrafts(actor)))
        ).map((r) => r.id),
      );
      for (const row of rows) {
        const inCode = can(actor, 'drafts.read', draftLike(row));
        if (inCode !== visible.has(row.id)) {
          disagreements.push(
            `${label} on ${row.sharedRound ? 'shared' : 'unshared'} draft: can=${inCode} sql=${visible.has(row.id)}`,
          );
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('gives each role the documents it should see', async () => {
    const sees = async (actor: Actor) => {
      const rows = await app.database.db
        .select({ id: documents.id })
        .from(documents)
        .where(
          and(
            inArray(
              documents.id,
              docs.map((d) => d.id),
            ),
            visibleDocuments(actor),
          ),
        );
      const ids = new Set(rows.map((r) => r.id));
      return docs
        .filter((d) => ids.has(d.id))
        .map((d) => `${d.agency === SAMPLE_AGENCY ? 'A' : 'B'}:${d.status}`);
    };
    const user = (role: Role, at: string): Actor => ({
      kind: 'user',
      id: randomUUID(),
      name: role,
      organisationId: org[at]!,
      roles: [role],
    });
    const all = ['A:draft', 'A:shared', 'A:published', 'B:draft', 'B:shared', 'B:published'];
    expect(await sees(ANONYMOUS)).toEqual(['A:published', 'B:published']);
    for (const role of [
      'ministry-department-officer',
      'ministry-budget-officer',
      'ministry-reader',
    ] as const) {
      expect(await sees(user(role, SAMPLE_MINISTRY))).toEqual(all);
    }
    for (const role of ['agency-coordinator', 'agency-assignment-owner'] as const) {
      // Agency A never sees agency B's non-public documents, nor its own drafts.
      expect(await sees(user(role, SAMPLE_AGENCY))).toEqual([
        'A:shared',
        'A:published',
        'B:published',
      ]);
      expect(await sees(user(role, SECOND_AGENCY))).toEqual([
        'A:published',
        'B:shared',
        'B:published',
      ]);
    }
    expect(await sees(user('auditor', SECOND_AGENCY))).toEqual(all);
    expect(await sees(user('administrator', SAMPLE_AGENCY))).toEqual(all);
  });
});

describe('policy: changes and history', () => {
  const ministry = randomUUID();
  const agency = randomUUID();
  const other = randomUUID();
  const userId = randomUUID();
  const doc = (status: 'draft' | 'shared' | 'published') => ({
    status,
    ministryId: ministry,
    agencyId: agency,
  });
  const asg = (status: 'draft' | 'shared' | 'published', extra = {}) => ({
    ...doc(status),
    ownerDepartment: 'HFA',
    ownerUserId: userId,
    ...extra,
  });
  const user = (role: Role, organisationId: string, extra: object = {}): Actor => ({
    kind: 'user',
    id: randomUUID(),
    name: role,
    organisationId,
    roles: [role],
    ...extra,
  });

  it('lets each role change only what is theirs', () => {
    const officer = user('ministry-department-officer', ministry, { departmentCode: 'HFA' });
    const otherDept = user('ministry-department-officer', ministry, { departmentCode: 'KYA' });
    const budget = user('ministry-budget-officer', ministry);
    const reader = user('ministry-reader', ministry);
    const coordinator = user('agency-coordinator', agency);
    const owner = { ...user('agency-assignment-owner', agency), id: userId } as Actor;
    const otherOwner = user('agency-assignment-owner', agency);
    const foreign = user('agency-coordinator', other);
    const auditor = user('auditor', ministry);
    const admin = user('administrator', other);

    expect(can(officer, 'assignments.update', asg('draft'))).toBe(true);
    expect(can(otherDept, 'assignments.update', asg('draft'))).toBe(false);
    expect(can(budget, 'assignments.update', asg('published'))).toBe(false);
    expect(can(reader, 'assignments.update', asg('published'))).toBe(false);
    expect(can(coordinator, 'assignments.update', asg('published'))).toBe(true);
    expect(can(coordinator, 'assignments.update', asg('draft'))).toBe(false);
    expect(can(owner, 'assignments.update', asg('shared'))).toBe(true);
    expect(can(otherOwner, 'assignments.update', asg('shared'))).toBe(false);
    expect(can(owner, 'assignments.update', asg('shared', { ownerUserId: null }))).toBe(false);
    expect(can(foreign, 'assignments.update', asg('published'))).toBe(false);
    expect(can(auditor, 'assignments.update', asg('published'))).toBe(false);
    expect(can(admin, 'assignments.update', asg('published'))).toBe(true);
    expect(can(ANONYMOUS, 'assignments.update', asg('published'))).toBe(false);
    expect(can(officer, 'assignments.update')).toBe(false); // no object, no change

    expect(can(budget, 'appropriations.update', doc('draft'))).toBe(true);
    expect(can(budget, 'appropriations.update', doc('published'))).toBe(false);
    expect(can(officer, 'appropriations.update', doc('draft'))).toBe(false);
    expect(can(officer, 'documents.update', doc('shared'))).toBe(true);
    expect(can(reader, 'documents.update', doc('draft'))).toBe(false);
    expect(can(coordinator, 'documents.update', doc('shared'))).toBe(false);

    for (const a of [officer, budget, admin]) expect(can(a, 'documents.import')).toBe(true);
    for (const a of [reader, coordinator, owner, auditor, ANONYMOUS]) {
      expect(can(a, 'documents.import')).toBe(false);
    }
  });

  it('lets the ministry set owner departments, the agency give the work to a person and report progress', () => {
    const officer = user('ministry-department-officer', ministry, { departmentCode: 'KYA' });
    const budget = user('ministry-budget-officer', ministry);
    const reader = user('ministry-reader', ministry);
    const coordinator = user('agency-coordinator', agency);
    const owner = { ...user('agency-assignment-owner', agency), id: userId } as Actor;
    const otherOwner = user('agency-assignment-owner', agency);
    const foreign = user('agency-coordinator', other);
    const foreignMinistry = user('ministry-budget-officer', other);
    const admin = user('administrator', other);
    const published = asg('published');
    // Any officer of the ministry may set or correct the department, whichever they are in.
    for (const a of [officer, budget, admin]) {
      expect(can(a, 'assignments.owner-department', published)).toBe(true);
    }
    for (const a of [reader, coordinator, owner, foreign, foreignMinistry, ANONYMOUS]) {
      expect(can(a, 'assignments.owner-department', published)).toBe(false);
    }
    // Coordinators give the work to a person; the owner hands it on; nobody else.
    for (const action of ['assignments.owner-person', 'assignments.progress'] as const) {
      expect(can(coordinator, action, published)).toBe(true);
      expect(can(owner, action, published)).toBe(true);
      expect(can(admin, action, published)).toBe(true);
      for (const a of [otherOwner, foreign, officer, budget, reader, ANONYMOUS]) {
        expect(can(a, action, published)).toBe(false);
      }
      // Not before the agency may see it, and not on a supplement's change to another.
      expect(can(coordinator, action, asg('draft'))).toBe(false);
      expect(can(coordinator, action, asg('shared', { changesAnother: true }))).toBe(false);
    }
    expect(
      can(budget, 'assignments.owner-department', asg('published', { changesAnother: true })),
    ).toBe(false);
  });

  it('gives each role its own start page', () => {
    expect(homeView(ANONYMOUS)).toBe('public');
    expect(homeView(user('agency-coordinator', agency))).toBe('agency-coordinator');
    expect(homeView(user('agency-assignment-owner', agency))).toBe('agency-owner');
    expect(
      homeView({
        ...user('agency-assignment-owner', agency),
        roles: ['agency-assignment-owner', 'agency-coordinator'],
      } as Actor),
    ).toBe('agency-coordinator');
    expect(homeView(user('ministry-department-officer', ministry))).toBe('ministry-department');
    expect(homeView(user('ministry-budget-officer', ministry))).toBe('ministry-budget');
    expect(homeView(user('ministry-reader', ministry))).toBe('ministry-reader');
    expect(homeView(user('auditor', ministry))).toBe('overseer');
    expect(homeView({ ...user('auditor', ministry), roles: [] } as Actor)).toBe('public');
  });

  it('shows history to the ministry, to the agency once shared, to auditors; abilities follow can()', () => {
    const reader = user('ministry-reader', ministry);
    const coordinator = user('agency-coordinator', agency);
    const foreign = user('agency-coordinator', other);
    const auditor = user('auditor', other);
    expect(can(reader, 'audit.read', doc('draft'))).toBe(true);
    expect(can(coordinator, 'audit.read', doc('draft'))).toBe(false);
    expect(can(coordinator, 'audit.read', doc('shared'))).toBe(true);
    expect(can(foreign, 'audit.read', doc('published'))).toBe(false);
    expect(can(auditor, 'audit.read', doc('draft'))).toBe(true);
    expect(can(ANONYMOUS, 'audit.read', doc('published'))).toBe(false);
    expect(can(ANONYMOUS, 'audit.read')).toBe(false);
    expect(can({ ...reader, roles: [] } as Actor, 'audit.read')).toBe(false);

    expect(assignmentAbilities(coordinator, asg('shared'))).toEqual({
      read: true,
      update: true,
      readComments: true,
      readHistory: true,
      setOwnerDepartment: false,
      setOwnerPerson: true,
      setProgress: true,
    });
    expect(can(foreign, 'assignments.comments.read', asg('published'))).toBe(false);
    expect(can(ANONYMOUS, 'assignments.comments.read', asg('published'))).toBe(false);
    expect(can(coordinator, 'assignments.comments.read', asg('draft'))).toBe(false);
    expect(can(auditor, 'assignments.comments.read', asg('draft'))).toBe(true);
    expect(documentAbilities(ANONYMOUS, doc('published'))).toEqual({
      read: true,
      update: false,
      correct: false,
      updateAppropriations: false,
      readHistory: false,
    });
    // Correcting what was read is not changing the letter: also on a published one, by the
    // ministry's officers only.
    const officer = user('ministry-department-officer', ministry);
    expect(documentAbilities(officer, doc('published')).correct).toBe(true);
    expect(
      documentAbilities(user('ministry-budget-officer', other), doc('published')).correct,
    ).toBe(false);
    expect(documentAbilities(reader, doc('published')).correct).toBe(false);
    expect(documentAbilities(coordinator, doc('published')).correct).toBe(false);
    expect(documentAbilities(foreign, doc('published')).correct).toBe(false);
  });

  it('denies an action without a rule (fail-closed)', () => {
    expect(can(user('administrator', ministry), 'no-such-action' as never)).toBe(false);
  });
});
