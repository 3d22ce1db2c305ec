/** Merging two officers' saves of one draft, part by part. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DraftContent, type DraftAssignment } from '../contract/draft';
import { richText } from '../contract/rich-text';
import { buildDraftContent } from '../testing/builders';
import { mergeDraft } from './draft-merge';

// As the server holds it: parsed (prose as documents).
const base = DraftContent.parse(
  buildDraftContent({
    carriedOver: [
      { id: 'TB2049-01', title: 'Første' },
      { id: 'TB2049-02', title: 'Andre' },
    ],
  }),
);
const prose = (text: string) => richText(text);
const [first, second] = base.assignments as [DraftAssignment, DraftAssignment];

const assignment = (title: string): DraftAssignment => ({
  key: randomUUID(),
  ownerDepartment: null,
  title,
  text: prose(''),
  deadline: '',
  subAssignments: [],
  references: [],
  collaborators: [],
  funding: [],
});
const retitled = (c: DraftContent, key: string, title: string): DraftContent => ({
  ...c,
  assignments: c.assignments.map((a) => (a.key === key ? { ...a, title } : a)),
});
const merged = (b: DraftContent, m: DraftContent, t: DraftContent) => {
  const out = mergeDraft(b, m, t);
  if (out.kind !== 'merged') throw new Error(`not merged: ${JSON.stringify(out.conflicts)}`);
  return out.content;
};

describe('merging two saves of a draft', () => {
  it('takes a part changed on one side only, from either side', () => {
    const mine = { ...base, preamble: prose('Min innledning') };
    const theirs = retitled(base, second.key, 'Deres tittel');
    const out = merged(base, mine, theirs);
    expect(out.preamble).toEqual(prose('Min innledning'));
    expect(out.assignments.map((a) => a.title)).toEqual([first.title, 'Deres tittel']);
    // The same, the other way round.
    expect(merged(base, theirs, mine)).toEqual(out);
  });

  it('merges two assignments edited by each side (no lost update)', () => {
    const mine = retitled(base, first.key, 'Min tittel');
    const theirs = retitled(base, second.key, 'Deres tittel');
    expect(merged(base, mine, theirs).assignments.map((a) => a.title)).toEqual([
      'Min tittel',
      'Deres tittel',
    ]);
  });

  it('keeps a part both changed alike', () => {
    const both = { ...retitled(base, first.key, 'Samme'), preamble: prose('Samme innledning') };
    expect(merged(base, both, structuredClone(both))).toEqual(both);
  });

  it('names a part both changed differently, and merges nothing', () => {
    const mine = { ...retitled(base, first.key, 'Min tittel'), preamble: prose('Min') };
    const theirs = { ...retitled(base, first.key, 'Deres tittel'), preamble: prose('Deres') };
    expect(mergeDraft(base, mine, theirs)).toEqual({
      kind: 'conflict',
      conflicts: [
        { item: 'preamble', label: '' },
        { item: `assignment:${first.key}`, label: 'Min tittel' },
      ],
    });
  });

  it('names a part removed on one side and changed on the other, either way', () => {
    const removed = { ...base, assignments: [second] };
    const changed = retitled(base, first.key, 'Endret');
    const conflict = { item: `assignment:${first.key}`, label: 'Endret' };
    expect(mergeDraft(base, removed, changed)).toEqual({ kind: 'conflict', conflicts: [conflict] });
    expect(mergeDraft(base, changed, removed)).toEqual({ kind: 'conflict', conflicts: [conflict] });
  });

  it('removes what one side removed when the other left it', () => {
    const mine = { ...base, assignments: [second], carriedOver: [base.carriedOver[1]!] };
    const theirs = { ...base, preamble: prose('Deres') };
    const out = merged(base, mine, theirs);
    expect(out.assignments).toEqual([second]);
    expect(out.carriedOver.map((o) => o.id)).toEqual(['TB2049-02']);
    expect(out.preamble).toEqual(prose('Deres'));
  });

  it('keeps items added on both sides: theirs, then mine after its predecessor', () => {
    const [a, b, c] = [assignment('A'), assignment('B'), assignment('C')];
    // Mine adds A at the start and C at the end; theirs adds B at the end.
    const mine = { ...base, assignments: [a, first, second, c] };
    const theirs = { ...base, assignments: [first, second, b] };
    expect(merged(base, mine, theirs).assignments.map((x) => x.title)).toEqual([
      'A',
      first.title,
      second.title,
      'B',
      'C',
    ]);
  });

  it('merges appropriations per chapter and post, and names the post both changed', () => {
    const amount = (c: DraftContent, post: number, value: number): DraftContent => ({
      ...c,
      appropriations: c.appropriations.map((l) => (l.post === post ? { ...l, amount: value } : l)),
    });
    const out = merged(base, amount(base, 1, 1_000), amount(base, 21, 2_000));
    expect(out.appropriations.map((l) => l.amount)).toEqual([1_000, 2_000, 8_000]);
    expect(mergeDraft(base, amount(base, 21, 1), amount(base, 21, 2))).toEqual({
      kind: 'conflict',
      conflicts: [{ item: 'appropriations', label: 'kap. 2310 post 21' }],
    });
    // The same post added on both sides with different amounts is one post twice: a conflict.
    const added = (value: number): DraftContent => ({
      ...base,
      appropriations: [
        ...base.appropriations,
        { ...base.appropriations[0]!, post: 45, amount: value },
      ],
    });
    expect(mergeDraft(base, added(5), added(6))).toMatchObject({
      conflicts: [{ item: 'appropriations', label: 'kap. 2310 post 45' }],
    });
  });

  it('merges appropriations by their keys: rows added alike on both sides are both kept', () => {
    // The editor's new row: the same default on both sides, told apart by its key only.
    const row = (amount: number) => ({
      key: randomUUID(),
      chapter: 2310,
      chapterName: 'Direktoratet',
      post: 1,
      postName: 'Ny post',
      notes: [],
      amount,
    });
    const keyed = { ...base, appropriations: [...base.appropriations, row(0)] };
    const [mineRow, theirsRow] = [row(0), row(0)];
    const out = merged(
      keyed,
      { ...keyed, appropriations: [...keyed.appropriations, mineRow] },
      { ...keyed, appropriations: [...keyed.appropriations, theirsRow] },
    );
    expect(out.appropriations.map((l) => l.key)).toEqual([
      undefined,
      undefined,
      undefined,
      keyed.appropriations[3]!.key,
      theirsRow.key,
      mineRow.key,
    ]);
    // A keyed row changed on each side: by key, even where the rows read alike (post 01 is
    // there twice: by chapter and post, the section would be one part); the row both changed
    // differently is named by its chapter and post.
    const amount = (c: DraftContent, key: string | undefined, value: number): DraftContent => ({
      ...c,
      appropriations: c.appropriations.map((l) => (l.key === key ? { ...l, amount: value } : l)),
    });
    const both = out;
    const mine = amount(both, mineRow.key, 7);
    const theirs = amount(both, theirsRow.key, 9);
    expect(
      merged(both, mine, theirs)
        .appropriations.slice(4)
        .map((l) => l.amount),
    ).toEqual([9, 7]);
    expect(mergeDraft(both, amount(both, mineRow.key, 1), amount(both, mineRow.key, 2))).toEqual({
      kind: 'conflict',
      conflicts: [{ item: 'appropriations', label: 'kap. 2310 post 01' }],
    });
    // The contract keeps the key (a row stored without one stays valid).
    expect(DraftContent.parse(out).appropriations[5]!.key).toBe(mineRow.key);
  });

  it('merges goals, calendar rows and signatories by their place while no side shortens them', () => {
    const mine: DraftContent = {
      ...base,
      calendar: [base.calendar[0]!, { when: '16. oktober', text: 'Etatsstyringsmøte' }],
      signatories: [...base.signatories, { name: 'Kari Prøve', title: 'avdelingsdirektør' }],
    };
    const theirs: DraftContent = {
      ...base,
      calendar: [{ when: '2. mars', text: base.calendar[0]!.text }, base.calendar[1]!],
      signatories: [...base.signatories, { name: 'Ola Prøve', title: 'seniorrådgiver' }],
    };
    const out = merged(base, mine, theirs);
    expect(out.calendar.map((c) => c.when)).toEqual(['2. mars', '16. oktober']);
    expect(out.signatories.map((s) => s.name)).toEqual(['Per Prøve', 'Ola Prøve', 'Kari Prøve']);

    // The same row changed differently is named by its words.
    const when = (w: string): DraftContent => ({
      ...base,
      calendar: [{ ...base.calendar[0]!, when: w }, base.calendar[1]!],
    });
    expect(mergeDraft(base, when('3. mars'), when('4. mars'))).toEqual({
      kind: 'conflict',
      conflicts: [{ item: 'calendar', label: '3. mars: Årsrapport sendes departementet' }],
    });

    // A side that removed a row makes the list one unit: changed on both sides, a conflict.
    const shorter = { ...base, calendar: [base.calendar[1]!] };
    expect(mergeDraft(base, shorter, when('4. mars'))).toEqual({
      kind: 'conflict',
      conflicts: [{ item: 'calendar', label: '' }],
    });
    // … and changed on one side only, it takes that side.
    expect(merged(base, shorter, { ...base, preamble: prose('Deres') }).calendar).toEqual(
      shorter.calendar,
    );
  });

  it('merges the subject and the language as parts of their own', () => {
    const out = merged(base, { ...base, subject: 'Revidert' }, { ...base, language: 'nn' });
    expect(out).toMatchObject({ subject: 'Revidert', language: 'nn' });
    expect(
      mergeDraft(base, { ...base, subject: 'Revidert' }, { ...base, subject: 'Endret' }),
    ).toEqual({ kind: 'conflict', conflicts: [{ item: 'subject', label: '' }] });
  });

  it('merges changes of earlier assignments by their keys', () => {
    const change = (text: string) => ({
      key: randomUUID(),
      ref: 'TB2049-01',
      kind: 'clarification' as const,
      text,
      deadline: '',
    });
    const [x, y] = [change('Presisering'), change('Ny presisering')];
    const out = merged(
      base,
      { ...base, assignmentChanges: [x] },
      { ...base, assignmentChanges: [y] },
    );
    expect(out.assignmentChanges).toEqual([y, x]);
    const edited = (text: string) => ({ ...base, assignmentChanges: [{ ...x, text }] });
    const withX = { ...base, assignmentChanges: [x] };
    expect(mergeDraft(withX, edited('A'), edited('B'))).toEqual({
      kind: 'conflict',
      conflicts: [{ item: 'assignmentChanges', label: 'TB2049-01' }],
    });
  });

  it('takes a field it has no rule for as one part (a field added later is not lost)', () => {
    const extra = (v: string) => ({ ...base, later: v }) as DraftContent;
    expect(merged(extra('a'), extra('b'), extra('a'))).toMatchObject({ later: 'b' });
    expect(mergeDraft(extra('a'), extra('b'), extra('c'))).toEqual({
      kind: 'conflict',
      conflicts: [{ item: 'later', label: '' }],
    });
  });

  it('does not merge a reordering with another change of the list', () => {
    const mine = { ...base, assignments: [second, first] };
    const theirs = { ...base, assignments: [...base.assignments, assignment('Ny')] };
    expect(mergeDraft(base, mine, theirs)).toEqual({
      kind: 'conflict',
      conflicts: [{ item: 'assignments', label: '' }],
    });
  });

  it('tells equal content apart from key order (jsonb reorders keys)', () => {
    const reordered = JSON.parse(
      JSON.stringify(base, (_k, v: unknown) =>
        v && typeof v === 'object' && !Array.isArray(v)
          ? Object.fromEntries(Object.entries(v).reverse())
          : v,
      ),
    ) as DraftContent;
    // Base and theirs as the database gives them back, mine as the client sent it.
    const mine = retitled(base, first.key, 'Min tittel');
    const theirs = retitled(reordered, second.key, 'Deres tittel');
    expect(merged(reordered, mine, theirs).assignments.map((a) => a.title)).toEqual([
      'Min tittel',
      'Deres tittel',
    ]);
  });
});
