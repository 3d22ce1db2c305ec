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
