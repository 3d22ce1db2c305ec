/**
 * Two officers on one draft, through the real server and database: saves based on the same
 * version that change different parts are merged (no lost update, both audited); saves that
 * change the same part differently are refused naming it, and nothing is saved.
 */
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Draft, DraftContent, DraftStaleBody } from '../../contract/draft';
import { emptyRichText } from '../../contract/rich-text';
import { auditLog } from '../../db/schema';
import { SAMPLE_AGENCY } from '../../services/users';
import { testApp } from '../../testing/app';
import { signIn } from '../../testing/auth';
import { buildDraftContent } from '../../testing/builders';

/** Years no other test file uses (the database is shared per worker). */
const YEAR = 2049;

const retitled = (c: DraftContent, i: number, change: Partial<DraftContent['assignments'][0]>) => ({
  ...c,
  assignments: c.assignments.map((a, k) => (k === i ? { ...a, ...change } : a)),
});

describe('two officers on one draft', () => {
  it('merges saves of different parts, refuses the same part changed differently', async () => {
    const app = await testApp();
    const author = await signIn(app, 'ministry-department-officer');
    const second = await signIn(app, 'ministry-budget-officer');
    const orgs = (
      await app.inject({ url: '/api/organisations', headers: author.headers })
    ).json() as { items: { id: string; name: string }[] };
    const agencyId = orgs.items.find((o) => o.name === SAMPLE_AGENCY)!.id;
    const created = await app.inject({
      method: 'POST',
      url: '/api/drafts',
      headers: author.headers,
      payload: { agencyId, year: YEAR, kind: 'allocation-letter', from: 'empty' },
    });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as Draft).id;
    const save = (who: typeof author, expectedVersion: number, content: DraftContent) =>
      app.inject({
        method: 'PUT',
        url: `/api/drafts/${id}`,
        headers: who.headers,
        payload: { expectedVersion, content },
      });
    const read = async () =>
      (await app.inject({ url: `/api/drafts/${id}`, headers: author.headers })).json() as Draft;

    const first = await save(author, 1, buildDraftContent({ calendar: [] }));
    expect(first.statusCode).toBe(200);
    const v2 = first.json() as Draft;
    expect(v2.version).toBe(2);
    const [one, two] = v2.content.assignments;

    // Both read version 2; the author retitles the first assignment, the second officer
    // changes the second's deadline, each based on version 2.
    const mine = await save(author, 2, retitled(v2.content, 0, { title: 'Kartlegge køer' }));
    expect(mine.statusCode).toBe(200);
    expect((mine.json() as Draft).version).toBe(3);
    const theirs = await save(second, 2, retitled(v2.content, 1, { deadline: '1. september' }));
    expect(theirs.statusCode).toBe(200);
    const merged = theirs.json() as Draft;
    // Both edits are kept, and the answer is the merged draft (the client adopts it).
    expect(merged.version).toBe(4);
    expect(merged.content.assignments.map((a) => [a.title, a.deadline])).toEqual([
      ['Kartlegge køer', one!.deadline],
      [two!.title, '1. september'],
    ]);
    expect(merged.derived.deadlines[two!.key]?.date).toBe(`${YEAR}-09-01`);
    expect((await read()).content).toEqual(merged.content);

    // The audit trail has both saves: who, and what; the second merged, from which versions.
    const trail = await app.database.db
      .select({ actorId: auditLog.actorId, after: auditLog.after })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.objectType, 'draft'),
          eq(auditLog.objectId, id),
          eq(auditLog.action, 'draft.update'),
        ),
      )
      .orderBy(asc(auditLog.seq));
    expect(trail.map((e) => [e.actorId, (e.after as { version: number }).version])).toEqual([
      [author.user.id, 2],
      [author.user.id, 3],
      [second.user.id, 4],
    ]);
    expect(trail[1]!.after).not.toHaveProperty('merged');
    expect(trail[2]!.after).toMatchObject({
      version: 4,
      merged: { basedOn: 2, with: 3 },
      content: { assignments: [{ title: 'Kartlegge køer' }, { deadline: '1. september' }] },
    });

    // The same assignment changed differently, both from version 4: the later save is refused
    // naming it, and nothing of it is saved.
    expect(
      (await save(author, 4, retitled(merged.content, 0, { deadline: '1. mai' }))).statusCode,
    ).toBe(200);
    const clash = await save(
      second,
      4,
      retitled({ ...merged.content, subject: 'Ikke lagret' }, 0, { deadline: '2. mai' }),
    );
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toEqual({
      error: 'stale-version',
      message: expect.stringContaining(`assignment:${one!.key} (Kartlegge køer)`),
      current: { version: 5, status: 'editing' },
      conflicts: [{ item: `assignment:${one!.key}`, label: 'Kartlegge køer' }],
    } satisfies DraftStaleBody);
    const after = await read();
    expect(after.version).toBe(5);
    expect(after.content.assignments[0]!.deadline).toBe('1. mai');
    expect(after.content.subject).toBe('');

    // A save based on version 1 (as created: empty) merges too: its signatory is added after
    // the one saved since (lists without keys merge by place).
    const early = await save(second, 1, {
      ...buildDraftContent(),
      preamble: emptyRichText(),
      appropriations: [],
      goals: [],
      assignments: [],
      calendar: [],
      signatories: [{ name: 'Kari Prøve', title: 'avdelingsdirektør' }],
    });
    expect(early.statusCode).toBe(200);
    expect((early.json() as Draft).content.signatories.map((s) => s.name)).toEqual([
      'Per Prøve',
      'Kari Prøve',
    ]);
    expect((early.json() as Draft).content.assignments).toEqual(after.content.assignments);

    // A version the draft never had cannot be merged from: refused as before, naming nothing.
    const future = await save(author, 99, after.content);
    expect(future.statusCode).toBe(409);
    expect(future.json()).toMatchObject({ error: 'stale-version', conflicts: [] });

    // The steps keep their strict version: approving version 4 of a draft at 6 is refused.
    const approve = await app.inject({
      method: 'POST',
      url: `/api/drafts/${id}/approve`,
      headers: second.headers,
      payload: { expectedVersion: 4 },
    });
    expect(approve.statusCode).toBe(409);
    expect((await read()).status).toBe('editing');
  });
});

describe('how far back a save is merged from', () => {
  it('merges from a version a step counted (its content saved before it), refuses one more than 50 back', async () => {
    const year = 2084;
    const app = await testApp();
    const author = await signIn(app, 'ministry-department-officer');
    const second = await signIn(app, 'ministry-budget-officer');
    const orgs = (
      await app.inject({ url: '/api/organisations', headers: author.headers })
    ).json() as { items: { id: string; name: string }[] };
    const agencyId = orgs.items.find((o) => o.name === SAMPLE_AGENCY)!.id;
    const created = await app.inject({
      method: 'POST',
      url: '/api/drafts',
      headers: author.headers,
      payload: { agencyId, year, kind: 'allocation-letter', from: 'empty' },
    });
    expect(created.statusCode).toBe(201);
    const v1 = created.json() as Draft;
    const id = v1.id;
    const save = (who: typeof author, expectedVersion: number, content: DraftContent) =>
      app.inject({
        method: 'PUT',
        url: `/api/drafts/${id}`,
        headers: who.headers,
        payload: { expectedVersion, content },
      });

    // Version 2, then 50 saves more (version 52), each on the one before.
    let now = (await save(author, 1, buildDraftContent({ calendar: [] }))).json() as Draft;
    const v2 = now;
    for (let i = 1; i <= 50; i++) {
      const out = await save(author, now.version, { ...now.content, subject: `Runde ${i}` });
      expect(out.statusCode).toBe(200);
      now = out.json() as Draft;
    }
    expect(now.version).toBe(52);

    // Based on version 1, 51 back: refused as stale, naming nothing (it would merge else: it
    // only adds a signatory).
    const signatory = { name: 'Kari Prøve', title: 'avdelingsdirektør' };
    const old = await save(second, 1, {
      ...v1.content,
      signatories: [...v1.content.signatories, signatory],
    });
    expect(old.statusCode).toBe(409);
    expect(old.json()).toMatchObject({ error: 'stale-version', conflicts: [] });
    // Based on version 2, 50 back: merged.
    const fifty = await save(second, 2, {
      ...v2.content,
      signatories: [...v2.content.signatories, signatory],
    });
    expect(fifty.statusCode).toBe(200);
    now = fifty.json() as Draft;
    expect(now.version).toBe(53);
    expect(now.content.subject).toBe('Runde 50');
    expect(now.content.signatories.map((s) => s.name)).toEqual(['Per Prøve', 'Kari Prøve']);

    // Sharing counts version 54 and saves no content: a save based on 54 merges from the
    // content of 53, the newest entry that set it.
    const shared = await app.inject({
      method: 'POST',
      url: `/api/drafts/${id}/share`,
      headers: author.headers,
      payload: { expectedVersion: 53 },
    });
    expect(shared.statusCode).toBe(200);
    const v54 = shared.json() as Draft;
    expect(v54.version).toBe(54);
    expect(
      (await save(author, 54, retitled(v54.content, 0, { title: 'Ny tittel' }))).statusCode,
    ).toBe(200);
    const merged = await save(second, 54, retitled(v54.content, 1, { deadline: '1. oktober' }));
    expect(merged.statusCode).toBe(200);
    expect((merged.json() as Draft).version).toBe(56);
    expect(
      (merged.json() as Draft).content.assignments.map((a) => [a.title, a.deadline]).slice(0, 2),
    ).toEqual([
      ['Ny tittel', v54.content.assignments[0]!.deadline],
      [v54.content.assignments[1]!.title, '1. oktober'],
    ]);
  });
});
