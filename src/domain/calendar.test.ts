import { describe, expect, it } from 'vitest';
import type { DeadlineValue } from '../contract/letter';
import {
  buildEntries,
  dueIn,
  inPeriod,
  overdue,
  timeOfDay,
  toIcsEvent,
  undated,
  type AssignmentDeadlineInput,
  type LetterItemInput,
} from './calendar';

const doc = {
  id: 'd1',
  title: 'Tildelingsbrev 2024',
  seriesKey: 'Etaten|2024|allocation-letter|0',
  year: 2024,
};
const agency = { id: 'org-1', name: 'Etaten' };

function assignment(
  registerId: string,
  deadline: {
    date: string | null;
    value: DeadlineValue;
    phrase?: string;
    appliesTo?: string | null;
  } | null,
  extra: Partial<AssignmentDeadlineInput['assignment']> = {},
): AssignmentDeadlineInput {
  return {
    source: 'assignment',
    assignment: {
      id: `id-${registerId}`,
      registerId,
      title: `Oppdrag ${registerId}`,
      status: 'planned',
      version: 1,
      year: 2024,
      ownerDepartment: 'FHA',
      ownerUserId: null,
      ...extra,
    },
    agency,
    document: doc,
    deadline: deadline
      ? {
          appliesTo: deadline.appliesTo ?? null,
          phrase: deadline.phrase ?? 'frist',
          date: deadline.date,
          value: deadline.value,
        }
      : null,
  };
}

function item(
  text: string,
  kind: string,
  date: string | null,
  value: DeadlineValue,
): LetterItemInput {
  return {
    source: 'letter',
    id: `c-${text}`,
    kind,
    text,
    agency,
    document: doc,
    deadline: { appliesTo: null, phrase: text, date, value },
  };
}

const exact = (date: string): DeadlineValue => ({ kind: 'exact', date });

describe('governance calendar entries', () => {
  const inputs = [
    assignment('TB2024-01', {
      date: '2024-05-17',
      value: exact('2024-05-17'),
      phrase: '17. mai 2024',
    }),
    assignment('TB2024-02', {
      date: '2024-06-30',
      value: { kind: 'range', start: '2024-01-01', end: '2024-06-30', precision: 'half-year' },
      phrase: 'første halvår 2024',
    }),
    assignment('TB2024-03', {
      date: null,
      value: { kind: 'undetermined', phrase: 'Frist avklares i dialog' },
    }),
    assignment('TB2024-04', null),
    assignment(
      'TB2024-05',
      { date: '2024-03-01', value: exact('2024-03-01') },
      { status: 'delivered' },
    ),
    item('Etatsstyringsmøte', 'meeting', '2024-05-20', {
      kind: 'range',
      start: '2024-05-11',
      end: '2024-05-20',
      precision: 'mid-month',
    }),
    item('Rapport per 1. april', 'report', '2024-04-01', exact('2024-04-01')),
  ];
  const entries = buildEntries(inputs);

  it('orders by due day, undated last, and flags weekends and holidays', () => {
    expect(entries.map((e) => e.title)).toEqual([
      'TB2024-05 Oppdrag TB2024-05',
      'Rapport per 1. april',
      'TB2024-01 Oppdrag TB2024-01',
      'Etatsstyringsmøte',
      'TB2024-02 Oppdrag TB2024-02',
      'TB2024-03 Oppdrag TB2024-03',
      'TB2024-04 Oppdrag TB2024-04',
    ]);
    const may17 = entries.find((e) => e.due === '2024-05-17')!;
    expect(may17.flags).toEqual({ weekend: false, holiday: 'Grunnlovsdagen', workingDay: false });
    const april1 = entries.find((e) => e.due === '2024-04-01')!;
    expect(april1.flags?.holiday).toBe('Andre påskedag');
    expect(april1.kind).toBe('report');
    const half = entries.find((e) => e.title.startsWith('TB2024-02'))!;
    expect(half).toMatchObject({
      start: '2024-01-01',
      due: '2024-06-30',
      flags: { weekend: true },
    });
  });

  it('shows what overlaps a period and what falls due in it', () => {
    const may = { from: '2024-05-01', to: '2024-05-31' };
    expect(inPeriod(entries, may).map((e) => e.title)).toEqual([
      'TB2024-01 Oppdrag TB2024-01',
      'Etatsstyringsmøte',
      'TB2024-02 Oppdrag TB2024-02',
    ]);
    expect(dueIn(entries, may).map((e) => e.title)).toEqual([
      'TB2024-01 Oppdrag TB2024-01',
      'Etatsstyringsmøte',
    ]);
    expect(dueIn(entries, { from: '2024-01-01', to: '2024-03-31' })).toEqual([]);
    expect(
      dueIn(entries, { from: '2024-01-01', to: '2024-03-31' }, { includeClosed: true }),
    ).toHaveLength(1);
  });

  it('finds overdue open assignments relative to the given today', () => {
    expect(overdue(entries, '2024-05-17')).toEqual([]);
    expect(overdue(entries, '2024-05-18').map((e) => e.assignment?.registerId)).toEqual([
      'TB2024-01',
    ]);
    // Delivered ones and the letter's own items are never overdue.
    expect(overdue(entries, '2025-01-01').map((e) => e.assignment?.registerId)).toEqual([
      'TB2024-01',
      'TB2024-02',
    ]);
  });

  it('lists what has no date yet', () => {
    expect(undated(entries).map((e) => [e.assignment?.registerId, e.phrase])).toEqual([
      ['TB2024-03', 'frist'],
      ['TB2024-04', null],
    ]);
  });

  it('derives UIDs from identity, not from dates or row ids', () => {
    const again = buildEntries([
      assignment('TB2024-01', {
        date: '2024-09-01',
        value: exact('2024-09-01'),
        phrase: 'Ny frist 1. september',
      }),
    ]);
    const before = entries.find((e) => e.assignment?.registerId === 'TB2024-01')!;
    expect(again[0]!.uid).toBe(before.uid);
    expect(before.uid).toMatch(/^[0-9a-f]{32}@tildel$/);
    expect(new Set(entries.map((e) => e.uid)).size).toBe(entries.length);
    // Two deadlines of one sub-assignment get distinct, order-stable UIDs.
    const two = (order: number[]) =>
      buildEntries(
        order.map((i) =>
          assignment('TB2024-09', {
            date: `2024-0${i}-01`,
            value: exact(`2024-0${i}-01`),
            appliesTo: 'a',
          }),
        ),
      ).map((e) => e.uid);
    expect(two([3, 6])).toEqual(two([6, 3]));
    expect(new Set(two([3, 6])).size).toBe(2);
  });

  it('reads a time of day from calendar text', () => {
    expect(timeOfDay('Etatsstyringsmøte kl. 10.00–12.00')).toEqual({
      start: '10:00',
      end: '12:00',
    });
    expect(timeOfDay('møte kl 9:30')).toEqual({ start: '09:30', end: '10:30' });
    expect(timeOfDay('kl. 10-12')).toEqual({ start: '10:00', end: '12:00' });
    expect(timeOfDay('kl. 25.00')).toBeNull();
    expect(timeOfDay('kl. 12-10')).toBeNull();
    expect(timeOfDay('Årsrapport')).toBeNull();
  });
});

describe('iCalendar events of entries', () => {
  it('puts a deadline on its due day, even for a period', () => {
    const [e] = buildEntries([
      assignment('TB2024-02', {
        date: '2024-06-30',
        value: { kind: 'range', start: '2024-01-01', end: '2024-06-30', precision: 'half-year' },
        phrase: 'første halvår 2024',
      }),
    ]);
    const ev = toIcsEvent(e!)!;
    expect(ev.allDay).toEqual({ start: '2024-06-30', endExclusive: '2024-07-01' });
    expect(ev.timed).toBeNull();
    expect(ev.summary).toBe('Frist: TB2024-02 Oppdrag TB2024-02');
    expect(ev.description).toContain('Frist i brevet: første halvår 2024');
    expect(ev.description).toContain('Periode: 2024-01-01 – 2024-06-30');
    expect(ev.description).toContain('lørdag eller søndag');
  });

  it('spans a meeting over its period as free time, and times an exact meeting', () => {
    const [period, timed] = buildEntries([
      item('Etatsstyringsmøte', 'meeting', '2024-05-20', {
        kind: 'range',
        start: '2024-05-11',
        end: '2024-05-20',
        precision: 'mid-month',
      }),
      item('Styringsmøte kl. 10.00–12.00', 'meeting', '2024-10-27', exact('2024-10-27')),
    ]);
    expect(toIcsEvent(period!)).toMatchObject({
      allDay: { start: '2024-05-11', endExclusive: '2024-05-21' },
      transparent: true,
    });
    expect(toIcsEvent(timed!)).toMatchObject({
      allDay: null,
      timed: { start: '2024-10-27T10:00', end: '2024-10-27T12:00' },
    });
  });

  it('gives no event without a date', () => {
    const [e] = buildEntries([assignment('TB2024-04', null)]);
    expect(toIcsEvent(e!)).toBeNull();
  });
});
