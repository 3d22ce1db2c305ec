/**
 * Deadline phrases from the seed letters with the value each parses to, shared by the unit tests
 * (deadline.test.ts) and the check that each phrase occurs in its seed (deadline.seeds.test.ts).
 */
import type { DeadlineValue } from '../contract/letter';

export type Precision = Extract<DeadlineValue, { kind: 'range' }>['precision'];
export type Frequency = Extract<DeadlineValue, { kind: 'recurring' }>['frequency'];

export const ex = (date: string): DeadlineValue => ({ kind: 'exact', date });
export const rg = (start: string, end: string, precision: Precision): DeadlineValue => ({
  kind: 'range',
  start,
  end,
  precision,
});
export const rec = (
  frequency: Frequency,
  month: number | null = null,
  day: number | null = null,
  next: string | null = null,
): DeadlineValue => ({ kind: 'recurring', frequency, month, day, next });
/** Undetermined: the trimmed phrase is kept. */
export const UND = 'undetermined' as const;

export type Row = [phrase: string, year: number, expected: DeadlineValue | typeof UND];
export interface Group {
  /** Seed file in ../shared/seeds the phrases come from. */
  seed: string;
  rows: Row[];
}

// Real phrases from the seed letters, with the budget year of the document they come from.
// Some keep the PDF line breaks and double spaces as printed.
export const GROUPS: Group[] = [
  {
    // 000_64c185cdf2762dea.txt — HOD → Direktoratet for e-helse, allocation letter 2020 and its
    // supplements nr. 1–9 (budget year 2020)
    seed: '000_64c185cdf2762dea.txt',
    rows: [
      ['innen 1. mai 2020', 2020, ex('2020-05-01')],
      ['innen 15. oktober 2020', 2020, ex('2020-10-15')],
      ['i løpet av første kvartal', 2020, rg('2020-01-01', '2020-03-31', 'quarter')],
      ['innen 16. mars 2020', 2020, ex('2020-03-16')],
      ['medio desember 2019', 2020, rg('2019-12-11', '2019-12-20', 'mid-month')],
      ['primo 2020', 2020, rg('2020-01-01', '2020-04-30', 'early-year')],
      ['frist 1. mars 2020', 2020, ex('2020-03-01')],
      ['innen 1. mars', 2020, ex('2020-03-01')],
      ['Frist for leveransen er 1. mai 2020.', 2020, ex('2020-05-01')],
      ['innen utgangen av 2020.', 2020, rg('2020-01-01', '2020-12-31', 'year')],
      ['hvert år innen 15. oktober', 2020, rec('yearly', 10, 15, '2020-10-15')],
      ['annethvert år', 2020, UND],
      ['innen utgangen av 2021', 2020, rg('2021-01-01', '2021-12-31', 'year')],
      // styringskalender (governance calendar)
      ['18. februar', 2020, ex('2020-02-18')],
      ['1. mars', 2020, ex('2020-03-01')],
      ['29. april', 2020, ex('2020-04-29')],
      ['Medio mai', 2020, rg('2020-05-11', '2020-05-20', 'mid-month')],
      ['4. juni', 2020, ex('2020-06-04')],
      ['30. september', 2020, ex('2020-09-30')],
      ['Medio oktober', 2020, rg('2020-10-11', '2020-10-20', 'mid-month')],
      ['15. oktober', 2020, ex('2020-10-15')],
      ['17. november', 2020, ex('2020-11-17')],
      // supplements
      ['31.desember 2019', 2020, ex('2019-12-31')],
      ['frist 30. mars', 2020, ex('2020-03-30')],
      ['i uke 14', 2020, rg('2020-03-30', '2020-04-05', 'week')],
      ['frist 20. mai 2020.', 2020, ex('2020-05-20')],
      ['innen 16. april', 2020, ex('2020-04-16')],
      ['senest innen 1. september', 2020, ex('2020-09-01')],
      ['primo september 2020', 2020, rg('2020-09-01', '2020-09-10', 'early-month')],
      ['innen medio november \n2020', 2020, rg('2020-11-11', '2020-11-20', 'mid-month')],
      ['innen 15. \nseptember', 2020, ex('2020-09-15')],
      ['innen 1. desember 2020', 2020, ex('2020-12-01')],
      ['frist  \n18. september', 2020, ex('2020-09-18')],
      ['Frist: \n15. desember 2020.', 2020, ex('2020-12-15')],
      ['løpende', 2020, UND],
      ['høsten 2020', 2020, UND],
      ['frem til august 2020', 2020, UND],
      ['fra og med 1. januar 2020', 2020, UND],
      ['av 29. november 2019', 2020, UND],
      ['Tidspunkt og format avklares nærmere med departementet.', 2020, UND],
    ],
  },
  {
    // 001_91a72f83a7478b9a.txt — supplement nr. 3 of 2020 on its own (budget year 2020)
    seed: '001_91a72f83a7478b9a.txt',
    rows: [
      ['innen 16. april', 2020, ex('2020-04-16')],
      ['senest innen 1. september', 2020, ex('2020-09-01')],
      ['løpende', 2020, UND],
    ],
  },
  {
    // 002_f68f8952973592c5.txt — HOD → Helsedirektoratet, allocation letter 2024 (budget year 2024)
    seed: '002_f68f8952973592c5.txt',
    rows: [
      ['frist i januar 2024', 2024, rg('2024-01-01', '2024-01-31', 'month')],
      ['Frist avklares i dialog mellom departementet og direktoratet.', 2024, UND],
      ['første halvår 2024.', 2024, rg('2024-01-01', '2024-06-30', 'half-year')],
      ['innen 2025', 2024, UND],
      ['innen 2030', 2024, UND],
      ['Frist: 15. september 2024', 2024, ex('2024-09-15')],
      ['i løpet av året', 2024, rg('2024-01-01', '2024-12-31', 'year')],
      ['har frist 1. februar 2024.', 2024, ex('2024-02-01')],
      ['har frist 15. mars 2024.', 2024, ex('2024-03-15')],
      ['har frist 1. juli 2024.', 2024, ex('2024-07-01')],
      ['har frist 1. september 2024.', 2024, ex('2024-09-01')],
      ['tidlig i 2024', 2024, rg('2024-01-01', '2024-04-30', 'early-year')],
      ['innen 4. mars 2024.', 2024, ex('2024-03-04')],
      [' Frist:  31. desember 2024 ', 2024, ex('2024-12-31')],
      ['Frist: 1. juni 2024', 2024, ex('2024-06-01')],
      ['Frist 1. april 2024.', 2024, ex('2024-04-01')],
      ['Frist: innen 1. juli 2024.', 2024, ex('2024-07-01')],
      [
        'Frist og prioritering av oppdrag i 2024 avklares nærmere i dialog mellom HOD og Hdir.',
        2024,
        UND,
      ],
      ['innen 15. september 2024.', 2024, ex('2024-09-15')],
      ['innen 23. februar 2024,', 2024, ex('2024-02-23')],
      ['Frist for endelig svar \npå oppdraget settes til 2. august 2024.', 2024, ex('2024-08-02')],
      ['innen utgangen av 2024.', 2024, rg('2024-01-01', '2024-12-31', 'year')],
      ['Frist: 15. mai 2025', 2024, ex('2025-05-15')],
      ['frist for ferdigstillelse \n1. mai 2024', 2024, ex('2024-05-01')],
      ['innen 1. \noktober 2024', 2024, ex('2024-10-01')],
      ['i løpet av 2024.', 2024, rg('2024-01-01', '2024-12-31', 'year')],
      ['innen utgangen av året,', 2024, rg('2024-01-01', '2024-12-31', 'year')],
      ['Frist utkast til ny strategi er 1. juni 2024.', 2024, ex('2024-06-01')],
      ['Frist for svar på oppdrag er fredag 2. februar 2024.', 2024, ex('2024-02-02')],
      ['Ny frist 31.12.2024.', 2024, ex('2024-12-31')],
      ['Frist for arbeidet avklares i dialog med HOD.', 2024, UND],
      [
        'Frist og videre fremdrift i de ulike delene av oppdraget avklares i dialog med \ndepartementet',
        2024,
        UND,
      ],
      ['Frist for levering av evaluering er 30. april 2024.', 2024, ex('2024-04-30')],
      ['innen 1. februar hvert år', 2024, rec('yearly', 2, 1, '2024-02-01')],
      ['innen 15. september hvert år', 2024, rec('yearly', 9, 15, '2024-09-15')],
      ['Frist for oversendelse av forslag til modell: \n1. oktober 2024.', 2024, ex('2024-10-01')],
      ['Frist: 1. oktober 2024.', 2024, ex('2024-10-01')],
      ['Frist: 1. november 2024.', 2024, ex('2024-11-01')],
      ['Frist. 1. mai 2024', 2024, ex('2024-05-01')],
      ['Frist: etter avtale.', 2024, UND],
      ['frist innen 14. juni 2024', 2024, ex('2024-06-14')],
      ['Frist 15. oktober 2024.', 2024, ex('2024-10-15')],
      [
        'før påske',
        2024,
        { kind: 'range', start: '2024-01-01', end: '2024-03-27', precision: 'before-easter' },
      ],
      ['Fristen for nytt forslag til ny tilskuddsordning er 1. mai 2024.', 2024, ex('2024-05-01')],
      ['innen 15. november 2024', 2024, ex('2024-11-15')],
      ['per halvår', 2024, rec('half-yearly')],
      ['i løpet av perioden 2024-2029.', 2024, UND],
      ['innen 60 dager etter avslutning av prosjektet', 2024, UND],
      ['Frist og leveranser avtales i nærmere dialog mellom direktoratet og \nKDD.', 2024, UND],
      ['våren 2024', 2024, UND],
      ['i april 2024', 2024, rg('2024-04-01', '2024-04-30', 'month')],
      ['1.1.2025', 2024, ex('2025-01-01')],
      ['01.01.24', 2024, ex('2024-01-01')],
      ['12. des. 2023', 2024, ex('2023-12-12')],
      ['fra og med 1. mai 2025', 2024, UND],
      ['årlig', 2024, rec('yearly')],
      ['første og andre halvår', 2024, rec('half-yearly')],
      ['først og andre halvår', 2024, rec('half-yearly')],
      ['15. oktober', 2024, ex('2024-10-15')],
      // styringskalender (governance calendar)
      ['31. januar', 2024, ex('2024-01-31')],
      ['16. februar', 2024, ex('2024-02-16')],
      ['15. mars', 2024, ex('2024-03-15')],
      ['15. april', 2024, ex('2024-04-15')],
      ['17. april', 2024, ex('2024-04-17')],
      ['24. mai', 2024, ex('2024-05-24')],
      ['1. juni', 2024, ex('2024-06-01')],
      ['15. august', 2024, ex('2024-08-15')],
      ['15. \nseptember', 2024, ex('2024-09-15')],
    ],
  },
  {
    // 004_0eca73cba024b290.txt — supplement nr. 10 of 2022 to Direktoratet for e-helse (2022)
    seed: '004_0eca73cba024b290.txt',
    rows: [
      ['Frist: 15. november 2022.', 2022, ex('2022-11-15')],
      ['Møtetidspunkt og oppfølging avklares i \n\nnærmere dialog med departementet.', 2022, UND],
    ],
  },
];
