/** The pure rules of a letter written in Tildel. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildDraftContent } from '../testing/builders';
import {
  deriveDraft,
  describeChanges,
  draftFromLastYear,
  emptyDraft,
  issueIds,
  nextYearText,
  readDeadline,
} from './draft';
import { DraftContent, subKey } from '../contract/draft';
import { richText } from '../contract/rich-text';

describe('a draft as written', () => {
  it('derives sums per chapter and in all, and what each typed deadline means', () => {
    const c = buildDraftContent();
    const d = deriveDraft('allocation-letter', 2030, c);
    expect(d.chapterTotals).toEqual([{ chapter: 2310, amount: 142_750 }]);
    expect(d.total).toBe(142_750);
    expect(d.deadlines[c.assignments[0]!.key]?.date).toBe('2030-06-01');
    expect(d.deadlines[subKey(c.assignments[1]!.key, 1)]?.value).toMatchObject({
      kind: 'range',
      precision: 'mid-month',
    });
    expect(d.calendar.map((x) => x.date)).toEqual(['2030-03-01', '2030-10-15']);
    expect(d.problems).toEqual([]);
  });

  it('flags a deadline on a weekend or a public holiday', () => {
    expect(readDeadline('17. mai', 2030).closed).toEqual({
      weekend: false,
      holiday: expect.stringMatching(/\S/),
    });
    // 1 March 2031 is a Saturday.
    expect(readDeadline('1. mars', 2031).closed).toEqual({ weekend: true, holiday: null });
    expect(readDeadline('3. mars', 2031).closed).toBeNull();
    expect(readDeadline('etter avtale', 2031)).toMatchObject({ date: null, closed: null });
  });

  it('names what stops issuing', () => {
    const c = buildDraftContent({ signatories: [] });
    c.appropriations.push({ ...c.appropriations[0]!, amount: -5 });
    expect(deriveDraft('allocation-letter', 2030, c).problems).toEqual([
      { code: 'appropriation-duplicate', item: '2310.01' },
      { code: 'appropriation-negative', item: '2310.01' },
      { code: 'no-signatory', item: null },
    ]);
    // A supplement may cut a post.
    expect(deriveDraft('supplement', 2030, c).problems.map((p) => p.code)).toEqual([
      'appropriation-duplicate',
      'no-signatory',
    ]);
    const lone = buildDraftContent();
    lone.assignments[1]!.subAssignments.pop();
    expect(deriveDraft('allocation-letter', 2030, lone).problems).toEqual([
      { code: 'sub-assignment-alone', item: 'Veileder for søkerne' },
    ]);
    expect(deriveDraft('supplement', 2030, emptyDraft()).problems.map((p) => p.code)).toEqual([
      'nothing-to-issue',
      'no-signatory',
    ]);
  });

  it('gives IDs after those the register holds, never reusing one', () => {
    expect(issueIds(3, 'allocation-letter', 2030, new Set(['TB2030-01', 'TB2030-03']))).toEqual([
      'TB2030-02',
      'TB2030-04',
      'TB2030-05',
    ]);
    expect(issueIds(1, 'supplement', 2030, new Set())).toEqual(['TTB2030-01']);
  });
});

describe("next year's draft from this year's letter", () => {
  it('moves years in text on by one, only near the letter’s year', () => {
    expect(nextYearText('Årsrapport for 2029 og budsjett 2031 (2030–2031), jf. 1990', 2030)).toBe(
      'Årsrapport for 2030 og budsjett 2032 (2031–2032), jf. 1990',
    );
  });

  it('keeps goals and signatories, lists the unfinished, moves the calendar', () => {
    const next = draftFromLastYear({
      year: 2030,
      preamble: 'Prop. 1 S (2029–2030)',
      goals: [{ title: 'Mål', steeringParameters: ['A'], keyFigures: [] }],
      unfinished: [{ id: 'TB2030-04', title: 'Uferdig' }],
      calendar: [{ when: '1. mars 2030', text: 'Årsrapport for 2029' }],
      signatories: [{ name: 'Per Prøve', title: 'ekspedisjonssjef' }],
    });
    expect(next).toEqual({
      ...emptyDraft(),
      preamble: richText('Prop. 1 S (2030–2031)'),
      goals: [{ title: 'Mål', steeringParameters: ['A'], keyFigures: [] }],
      carriedOver: [{ id: 'TB2030-04', title: 'Uferdig' }],
      calendar: [{ when: '1. mars 2031', text: 'Årsrapport for 2030' }],
      signatories: [{ name: 'Per Prøve', title: 'ekspedisjonssjef' }],
    });
  });

  it('fits what the importer read into the draft’s fields (one line, within their lengths)', () => {
    const next = draftFromLastYear({
      year: 2030,
      preamble: null,
      goals: [
        {
          title: 'Et mål\nover to linjer',
          steeringParameters: ['', 'x'.repeat(400)],
          keyFigures: [],
        },
      ],
      unfinished: [
        { id: 'TB2030-04', title: 'Uferdig' },
        { id: 'ukjent', title: 'Uten ID' },
      ],
      calendar: [
        { when: '', text: 'Uten tid' },
        { when: '1. mars', text: 'Rapport\nsendes' },
      ],
      signatories: [{ name: 'Per Prøve', title: '' }],
    });
    expect(DraftContent.safeParse(next).success).toBe(true);
    expect(next.goals[0]).toEqual({
      title: 'Et mål over to linjer',
      steeringParameters: ['x'.repeat(300)],
      keyFigures: [],
    });
    expect(next.carriedOver.map((o) => o.id)).toEqual(['TB2030-04']);
    expect(next.calendar).toEqual([{ when: '1. mars', text: 'Rapport sendes' }]);
  });
});

describe('what changed between two rounds', () => {
  it('names each part added, removed or changed', () => {
    const before = buildDraftContent();
    const after = {
      ...before,
      preamble: richText('Ny innledning.'),
      appropriations: before.appropriations.slice(1),
      assignments: [{ ...before.assignments[0]!, deadline: '1. september' }],
      calendar: [...before.calendar, { when: '1. mai', text: 'Møte' }],
    };
    expect(describeChanges(before, after)).toEqual([
      { item: 'preamble', kind: 'changed', label: '' },
      { item: 'appropriations', kind: 'removed', label: 'kap. 2310 post 01' },
      {
        item: `assignment:${before.assignments[0]!.key}`,
        kind: 'changed',
        label: 'Kartlegge ventetider',
      },
      {
        item: `assignment:${before.assignments[1]!.key}`,
        kind: 'removed',
        label: 'Veileder for søkerne',
      },
      { item: 'calendar', kind: 'added', label: '1. mai: Møte' },
    ]);
    expect(describeChanges(before, before)).toEqual([]);
    expect(
      describeChanges(null, before).every(
        (c) => c.kind === 'added' || c.item === 'preamble' || c.item === 'signatories',
      ),
    ).toBe(true);
  });
});

describe("a supplement's kinds, reasons and changes of earlier assignments", () => {
  const change = (
    over: Partial<DraftContent['assignmentChanges'][number]> = {},
  ): DraftContent['assignmentChanges'][number] => ({
    key: randomUUID(),
    ref: 'TB2030-02',
    kind: 'clarification',
    text: 'Kartleggingen skal også omfatte søknader fra utlandet.',
    deadline: '',
    ...over,
  });

  it('reads a new deadline as other deadlines, and names what stops issuing', () => {
    const moved = change({ kind: 'deadline', deadline: '1. desember' });
    const unreadable = change({ ref: 'TB2030-03', kind: 'deadline', deadline: 'etter avtale' });
    const unknown = change({ ref: 'TB2029-44', kind: 'cancellation' });
    const c = buildDraftContent({ assignmentChanges: [moved, unreadable, unknown] });
    c.appropriations[0]!.reason = 'Midler til nytt register';
    c.appropriations[1]!.kind = 'regrouping';
    c.appropriations[1]!.reason = 'Flyttes fra post 01';
    const register = new Set(['TB2030-02', 'TB2030-03']);
    const d = deriveDraft('supplement', 2030, c, register);
    expect(d.deadlines[moved.key]?.date).toBe('2030-12-01');
    expect(d.problems).toEqual([
      { code: 'appropriation-kind-missing', item: '2310.01' },
      { code: 'assignment-change-deadline-unreadable', item: 'TB2030-03' },
      { code: 'assignment-change-unknown', item: 'TB2029-44' },
    ]);
    // Without the register at hand, the IDs are not judged; in a letter, no change belongs.
    expect(deriveDraft('supplement', 2030, c).problems.map((p) => p.code)).not.toContain(
      'assignment-change-unknown',
    );
    expect(
      deriveDraft('allocation-letter', 2030, buildDraftContent({ assignmentChanges: [moved] }))
        .problems,
    ).toEqual([{ code: 'assignment-change-in-letter', item: 'TB2030-02' }]);
    // A supplement of changes only has something to issue.
    const only = { ...emptyDraft(), assignmentChanges: [moved], signatories: c.signatories };
    expect(deriveDraft('supplement', 2030, only, register).problems).toEqual([]);
  });

  it('keeps drafts saved before valid: no kinds, reasons or changes', () => {
    const stored = JSON.parse(JSON.stringify(buildDraftContent())) as Record<string, unknown>;
    delete stored.assignmentChanges;
    const parsed = DraftContent.parse(stored);
    expect(parsed.assignmentChanges).toEqual([]);
    expect(deriveDraft('supplement', 2030, parsed).problems).toEqual([]);
  });

  it('tells a change of kind or reason and each change of an assignment between rounds', () => {
    const kept = change();
    const before = buildDraftContent({ assignmentChanges: [kept, change({ ref: 'TB2030-05' })] });
    const after = {
      ...before,
      appropriations: before.appropriations.map((l, i) =>
        i === 0 ? { ...l, kind: 'revised-budget' as const, reason: 'RNB' } : l,
      ),
      assignmentChanges: [
        { ...kept, kind: 'cancellation' as const },
        change({ ref: 'TB2030-07', kind: 'deadline', deadline: '1. mai' }),
      ],
    };
    expect(describeChanges(before, after)).toEqual([
      { item: 'appropriations', kind: 'changed', label: 'kap. 2310 post 01' },
      { item: 'assignmentChanges', kind: 'changed', label: 'TB2030-02' },
      { item: 'assignmentChanges', kind: 'added', label: 'TB2030-07' },
      { item: 'assignmentChanges', kind: 'removed', label: 'TB2030-05' },
    ]);
  });
});
