import { describe, expect, it } from 'vitest';
import { ReportContent } from '../contract/report';
import {
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
