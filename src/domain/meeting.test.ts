import { describe, expect, it } from 'vitest';
import {
  calendarMeetingKey,
  decisionDeadline,
  decisionTitle,
  draftAssignmentOf,
  meetingAgenda,
  type AgendaFacts,
} from './meeting';

const A1 = '00000000-0000-4000-8000-000000000001';
const A2 = '00000000-0000-4000-8000-000000000002';
const A3 = '00000000-0000-4000-8000-000000000003';
const REPORT = '00000000-0000-4000-8000-0000000000aa';
const LATE = '00000000-0000-4000-8000-0000000000bb';

const risk = (goal: string, description: string, l: number, c: number) => ({
  goal,
  description,
  residualLikelihood: l,
  residualConsequence: c,
});

const facts = (over: Partial<AgendaFacts> = {}): AgendaFacts => ({
  assignments: [
    { id: A1, registerId: 'TB2026-03', title: 'Kartlegge tareskog', progress: 'at-risk' },
    { id: A2, registerId: 'TB2026-01', title: 'Bygge havdataportalen', progress: 'on-track' },
    {
      id: A3,
      registerId: 'TB2026-02',
      title: 'Veileder for kystsoneplaner',
      progress: 'off-track',
    },
  ],
  posts: [
    { chapter: 1480, post: 21, postName: 'Spesielle driftsutgifter', appropriation: 4_600 },
    { chapter: 1480, post: 1, postName: 'Driftsutgifter', appropriation: 38_900 },
  ],
  latestReport: {
    id: REPORT,
    assignments: [{ assignmentId: A3, deviation: ' Tre måneder forsinket ' }],
    budget: [
      { chapter: 1480, post: 1, forecast: 37_700, explanation: 'Stillinger besatt senere.' },
      { chapter: 1480, post: 21, forecast: 4_600, explanation: '' },
    ],
    risks: [
      risk('Mål 1', 'Kommunene tar ikke katalogen i bruk', 3, 4),
      risk('Mål 2', 'Datasenteret svikter', 4, 4),
      risk('Mål 1', 'Lav risiko', 2, 2),
    ],
  },
  tolerance: null,
  lateReports: [
    { id: LATE, title: 'Status per 1. september', dueDate: '2026-09-01' },
    { id: REPORT, title: 'Status per 1. april', dueDate: '2026-04-01' },
  ],
  ministryPoints: [{ text: 'Orientering om budsjettet for neste år' }],
  ...over,
});

describe('meetingAgenda', () => {
  it('puts deviations, risks above tolerance, budget deviations, late reports and points in a stable order', () => {
    const agenda = meetingAgenda(facts());
    expect(agenda.map((i) => [i.kind, i.text, i.figure])).toEqual([
      ['deviation', 'TB2026-02 Veileder for kystsoneplaner', null],
      ['deviation', 'TB2026-03 Kartlegge tareskog', null],
      ['risk', 'Mål 2: Datasenteret svikter', 16],
      ['budget', '1480.01 Driftsutgifter', -1_200],
      ['late-report', 'Status per 1. april', null],
      ['late-report', 'Status per 1. september', null],
      ['ministry-point', 'Orientering om budsjettet for neste år', null],
    ]);
    expect(agenda[0]).toMatchObject({
      detail: 'Tre måneder forsinket',
      progress: 'off-track',
      href: `/oppdrag/${A3}`,
    });
    // No deviation written for it in the report: no detail, still on the agenda.
    expect(agenda[1]).toMatchObject({ detail: null, progress: 'at-risk' });
    expect(agenda[3]).toMatchObject({
      detail: 'Stillinger besatt senere.',
      href: `/rapporter/${REPORT}`,
    });
    expect(agenda[4]).toMatchObject({ date: '2026-04-01', href: `/rapporter/${REPORT}` });
    expect(agenda[6]).toMatchObject({ href: null, figure: null });
  });

  it('judges risks after measures against the tolerance agreed', () => {
    const agenda = meetingAgenda(facts({ tolerance: 8 }));
    expect(agenda.filter((i) => i.kind === 'risk').map((i) => [i.text, i.figure])).toEqual([
      ['Mål 2: Datasenteret svikter', 16],
      ['Mål 1: Kommunene tar ikke katalogen i bruk', 12],
    ]);
    expect(meetingAgenda(facts({ tolerance: 16 })).some((i) => i.kind === 'risk')).toBe(false);
  });

  it('has no risks or budget points without a submitted report', () => {
    const agenda = meetingAgenda(facts({ latestReport: null, lateReports: [] }));
    expect(agenda.map((i) => i.kind)).toEqual(['deviation', 'deviation', 'ministry-point']);
    expect(agenda[0]!.detail).toBeNull();
  });

  it('gives the same agenda whatever order the facts come in', () => {
    const f = facts();
    const shuffled = facts({
      assignments: [...f.assignments].reverse(),
      posts: [...f.posts].reverse(),
      lateReports: [...f.lateReports].reverse(),
    });
    expect(meetingAgenda(shuffled)).toEqual(meetingAgenda(f));
  });
});

describe('decisions', () => {
  it('reads a deadline in the meeting year, or the next when it would fall before the meeting', () => {
    expect(decisionDeadline('1. desember', 2026, '2026-10-15')).toEqual({
      phrase: '1. desember',
      date: '2026-12-01',
    });
    expect(decisionDeadline('1. mars', 2026, '2026-10-15')).toEqual({
      phrase: '1. mars 2027',
      date: '2027-03-01',
    });
    expect(decisionDeadline('1. mars 2026', 2026, '2026-10-15').date).toBe('2026-03-01');
    expect(decisionDeadline('snarest', 2026, '2026-10-15')).toEqual({
      phrase: 'snarest',
      date: null,
    });
    expect(decisionDeadline('  ', 2026, null)).toEqual({ phrase: '', date: null });
  });

  it('titles a draft assignment from the first sentence of the decision', () => {
    expect(decisionTitle('Direktoratet utreder deling av data. Frist settes senere.')).toBe(
      'Direktoratet utreder deling av data',
    );
    const long = `Direktoratet ${'utreder '.repeat(30)}videre`;
    const title = decisionTitle(long);
    expect(title.length).toBeLessThanOrEqual(121);
    expect(title.endsWith('…')).toBe(true);
  });

  it('makes a draft assignment that carries the decision back', () => {
    const a = draftAssignmentOf(
      { id: A1, text: 'Direktoratet utreder deling av data.\nMed kommunene.', deadline: '1. mars' },
      A2,
      2026,
      '2026-10-15',
    );
    expect(a).toEqual({
      key: A2,
      ownerDepartment: null,
      title: 'Direktoratet utreder deling av data',
      // Its text as the assignment's prose: one paragraph (a line break within is a space).
      text: {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Direktoratet utreder deling av data. Med kommunene.' },
            ],
          },
        ],
      },
      deadline: '1. mars 2027',
      subAssignments: [],
      references: [],
      collaborators: [],
      funding: [],
      decisionId: A1,
    });
  });

  it('keys a calendar meeting by agency, year, date and normalised text', () => {
    expect(calendarMeetingKey(A1, 2026, '2026-05-15', ' Etatsstyringsmøte. ')).toBe(
      calendarMeetingKey(A1, 2026, '2026-05-15', 'etatsstyringsmøte'),
    );
    expect(calendarMeetingKey(A1, 2026, '2026-05-15', 'x')).not.toBe(
      calendarMeetingKey(A1, 2026, '2026-10-15', 'x'),
    );
  });
});
