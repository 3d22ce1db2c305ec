import { describe, expect, it } from 'vitest';
import { ReportContent } from '../contract/report';
import {
  annualReportPeriod,
  reportKindOf,
  unsignedByChange,
  changedBeyondOwn,
  budgetDeviation,
  calendarReportKey,
  isHighRisk,
  isReportLate,
  reportProblems,
  reportTransitionSide,
  reportTransitions,
  riskScore,
} from './report';

describe('report lifecycle', () => {
  it('lets the agency submit a draft or a returned report, and the ministry answer a submitted one', () => {
    expect(reportTransitionSide('draft', 'submitted')).toBe('agency');
    expect(reportTransitionSide('returned', 'submitted')).toBe('agency');
    expect(reportTransitionSide('submitted', 'returned')).toBe('ministry');
    expect(reportTransitionSide('submitted', 'accepted')).toBe('ministry');
    expect(reportTransitionSide('accepted', 'draft')).toBeNull();
    expect(reportTransitionSide('draft', 'accepted')).toBeNull();
    expect(reportTransitions('submitted', { agency: true, ministry: false })).toEqual([]);
    expect(reportTransitions('submitted', { agency: false, ministry: true })).toEqual([
      'returned',
      'accepted',
    ]);
  });

  it('keys a calendar item by agency, year, date and its text however it is spaced or cased', () => {
    const a = calendarReportKey('A', 2052, '2052-04-01', 'Status- og avviksrapport per 1. april.');
    const b = calendarReportKey(
      'A',
      2052,
      '2052-04-01',
      '  status- og  avviksrapport per 1. APRIL ',
    );
    expect(a).toBe(b);
    expect(calendarReportKey('A', 2052, '2052-09-01', 'Status- og avviksrapport')).not.toBe(
      calendarReportKey('A', 2052, '2052-04-01', 'Status- og avviksrapport'),
    );
  });

  it('is late when still a draft and due before today, not on the due date itself', () => {
    expect(isReportLate('draft', '2052-04-01', '2052-04-02')).toBe(true);
    expect(isReportLate('draft', '2052-04-01', '2052-04-01')).toBe(false);
    expect(isReportLate('submitted', '2052-04-01', '2052-05-01')).toBe(false);
    expect(isReportLate('draft', null, '2052-05-01')).toBe(false);
  });
});

describe('report figures', () => {
  it('scores a risk as likelihood × consequence on the 1–5 scales', () => {
    expect(riskScore(4, 5)).toBe(20);
    expect(riskScore(1, 1)).toBe(1);
    expect(() => riskScore(0, 3)).toThrow(RangeError);
    expect(() => riskScore(2.5, 3)).toThrow(RangeError);
  });

  it('counts a risk as high from a score of 15', () => {
    expect(isHighRisk(4, 4)).toBe(true);
    expect(isHighRisk(3, 5)).toBe(true);
    expect(isHighRisk(3, 4)).toBe(false);
  });

  it('derives the deviation as forecast − appropriation in whole thousands', () => {
    expect(budgetDeviation(150_000, 140_000)).toBe(-10_000);
    expect(budgetDeviation(150_000, null)).toBeNull();
  });
});

describe('what submitting needs', () => {
  const OFF = '00000000-0000-4000-8000-000000000001';
  const FINE = '00000000-0000-4000-8000-000000000002';
  const facts = {
    assignments: [
      { id: OFF, progress: 'off-track' as const },
      { id: FINE, progress: 'on-track' as const },
    ],
    posts: [{ chapter: 700, post: 1, appropriation: 150_000 }],
  };

  it('names the deviation of an assignment off track and the forecast of every post', () => {
    expect(reportProblems(ReportContent.parse({}), facts)).toEqual([
      { problem: 'deviation-required', part: 'assignments', item: OFF },
      { problem: 'forecast-required', part: 'budget', item: '700:1' },
    ]);
  });

  it('asks for an explanation when the forecast differs from the appropriation, and nothing when complete', () => {
    const content = ReportContent.parse({
      assignments: [
        { assignmentId: OFF, deviation: 'Forsinket', cause: 'Leverandør', measures: '' },
      ],
      budget: [{ chapter: 700, post: 1, forecast: 140_000 }],
    });
    expect(reportProblems(content, facts)).toEqual([
      { problem: 'deviation-required', part: 'assignments', item: OFF },
      { problem: 'explanation-required', part: 'budget', item: '700:1' },
    ]);
    const complete = ReportContent.parse({
      assignments: [
        { assignmentId: OFF, deviation: 'Forsinket', cause: 'Leverandør', measures: 'Ny plan' },
      ],
      budget: [{ chapter: 700, post: 1, forecast: 140_000, explanation: 'Vakanser' }],
    });
    expect(reportProblems(complete, facts)).toEqual([]);
    const equal = ReportContent.parse({
      assignments: complete.assignments,
      budget: [{ chapter: 700, post: 1, forecast: 150_000 }],
    });
    expect(reportProblems(equal, facts)).toEqual([]);
  });
});

describe('the annual report', () => {
  it('is found by its words in bokmål and nynorsk, with the year the text names', () => {
    expect(annualReportPeriod('Årsrapport for 2025 sendes departementet', 2026)).toBe(2025);
    expect(annualReportPeriod('Årsrapporten for 2025 skal sendast departementet', 2026)).toBe(2025);
    expect(annualReportPeriod('Frist for årsrapporten om året 2024', 2026)).toBe(2024);
    expect(annualReportPeriod('Årsmelding 2025', 2026)).toBe(2025);
    expect(annualReportPeriod('Årsmeldinga med rekneskap', 2026)).toBe(2025);
    expect(annualReportPeriod('Direktoratet sender årsrapport', 2026)).toBe(2025);
  });

  it('takes the year before when the text names none, or names one after the report', () => {
    expect(annualReportPeriod('Årsrapport', 2030)).toBe(2029);
    expect(annualReportPeriod('Årsrapport for 2031', 2030)).toBe(2029);
  });

  it('is no other report: status reports, the interim report, the budget proposal', () => {
    expect(annualReportPeriod('Status- og avviksrapport per 1. september', 2026)).toBeNull();
    expect(annualReportPeriod('Delårsrapport per 2. tertial', 2026)).toBeNull();
    expect(annualReportPeriod('Budsjettforslag for 2027', 2026)).toBeNull();
    expect(reportKindOf('Status- og avviksrapport', 2026)).toEqual({
      kind: 'status',
      periodYear: 2026,
    });
    expect(reportKindOf('Årsrapport for 2025', 2026)).toEqual({ kind: 'annual', periodYear: 2025 });
  });

  const OFF = '00000000-0000-4000-8000-000000000001';
  const facts = {
    assignments: [{ id: OFF, progress: 'off-track' as const }],
    posts: [{ chapter: 700, post: 1, appropriation: 150_000 }],
  };

  it('needs both signatures and the deviations, but no forecast', () => {
    const content = ReportContent.parse({ annual: {} });
    expect(reportProblems(content, { ...facts, annual: { signatures: [] } })).toEqual([
      { problem: 'deviation-required', part: 'assignments', item: OFF },
      { problem: 'signature-required', part: 'annual', item: 'leader' },
      { problem: 'signature-required', part: 'annual', item: 'accounts' },
    ]);
    expect(
      reportProblems(content, { ...facts, annual: { signatures: [{ part: 'accounts' }] } }),
    ).toEqual([
      { problem: 'deviation-required', part: 'assignments', item: OFF },
      { problem: 'signature-required', part: 'annual', item: 'leader' },
    ]);
  });

  it('loses the signature of a part whose text changes; part VI also with the accounts', () => {
    const before = ReportContent.parse({
      annual: { leader: 'Et godt år.', accounts: 'Regnskapet er avlagt.' },
      budget: [{ chapter: 700, post: 1, accountsToDate: 149_000 }],
    });
    const edit = (change: object) => ReportContent.parse({ ...before, ...change });
    expect(unsignedByChange(before, before)).toEqual([]);
    expect(
      unsignedByChange(before, edit({ annual: { ...before.annual, outlook: 'Framover' } })),
    ).toEqual([]);
    expect(
      unsignedByChange(before, edit({ annual: { ...before.annual, leader: 'Et travelt år.' } })),
    ).toEqual(['leader']);
    expect(
      unsignedByChange(before, edit({ budget: [{ chapter: 700, post: 1, accountsToDate: 1 }] })),
    ).toEqual(['accounts']);
    expect(
      unsignedByChange(before, edit({ annual: { ...before.annual, accounts: 'Nytt' } })),
    ).toEqual(['accounts']);
  });
});

describe('what an assignment owner may change in a report', () => {
  const a = '00000000-0000-4000-8000-00000000000a';
  const b = '00000000-0000-4000-8000-00000000000b';
  const entry = (assignmentId: string, deviation: string) => ({
    assignmentId,
    deviation,
    cause: '',
    measures: '',
  });
  const base = {
    assignments: [entry(a, ''), entry(b, 'Annen sin')],
    budget: [{ chapter: 700, post: 1, accountsToDate: 10, forecast: 20, explanation: '' }],
    risks: [],
    steeringParameters: [],
  };
  it('allows their own entries, in any order', () => {
    const after = { ...base, assignments: [entry(b, 'Annen sin'), entry(a, 'Min')] };
    expect(changedBeyondOwn(base, after, new Set([a]))).toEqual([]);
  });
  it("names every other part changed: the budget, risks, others' entries", () => {
    const after = {
      ...base,
      assignments: [entry(a, 'Min'), entry(b, 'Endret')],
      budget: [{ ...base.budget[0]!, forecast: 19 }],
    };
    expect(changedBeyondOwn(base, after, new Set([a]))).toEqual([
      'budget',
      'assignments of others',
    ]);
    expect(changedBeyondOwn(base, { ...base, assignments: [entry(a, '')] }, new Set([a]))).toEqual([
      'assignments of others',
    ]);
  });
});
