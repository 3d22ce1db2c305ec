import { describe, it, expect } from 'vitest';
import { DeadlineValue } from '../contract/letter';
import { deadlineDate, findDeadlinePhrases, parseDeadline } from './deadline';
import { ex, GROUPS, rec, rg, UND, type Row } from './deadline.seed-phrases';

const ALL_ROWS = GROUPS.flatMap((g) => g.rows.map((r) => ({ seed: g.seed, row: r })));

describe('parseDeadline: real phrases from the seed letters', () => {
  it('has at least 70 real phrases', () => {
    expect(ALL_ROWS.length).toBeGreaterThanOrEqual(70);
  });

  for (const group of GROUPS) {
    describe(group.seed, () => {
      it.each(group.rows)('%j (budget year %i)', (phrase, year, expected) => {
        const value = parseDeadline(phrase, { year });
        const want: DeadlineValue =
          expected === UND ? { kind: 'undetermined', phrase: phrase.trim() } : expected;
        expect(value).toEqual(want);
        expect(DeadlineValue.safeParse(value).success).toBe(true);
      });
    });
  }
});

describe('parseDeadline: conventions', () => {
  const cases: Row[] = [
    ['15. september 2024', 2024, ex('2024-09-15')],
    ['INNEN 1. MAI 2020', 2020, ex('2020-05-01')],
    ['1.mars', 2020, ex('2020-03-01')],
    ['1.3.2024', 2020, ex('2024-03-01')],
    // As a system writes a date.
    ['2024-03-01', 2020, ex('2024-03-01')],
    ['innen 2024-12-31', 2020, ex('2024-12-31')],
    ['31.12.', 2024, ex('2024-12-31')],
    ['innen 15. oktober', 2021, ex('2021-10-15')],
    ['senest 1. mai', 2021, ex('2021-05-01')],
    ['Frist for levering: 1. mai 2020', 2020, ex('2020-05-01')],
    ['29. februar 2024', 2024, ex('2024-02-29')],
    ['uke 1', 2021, rg('2021-01-04', '2021-01-10', 'week')],
    ['uke 53', 2020, rg('2020-12-28', '2021-01-03', 'week')],
    ['uke 14 2024', 2020, rg('2024-04-01', '2024-04-07', 'week')],
    ['innen utgangen av mars', 2024, rg('2024-03-01', '2024-03-31', 'month')],
    ['i juni', 2024, rg('2024-06-01', '2024-06-30', 'month')],
    ['mai 2024', 2020, rg('2024-05-01', '2024-05-31', 'month')],
    ['primo mai', 2024, rg('2024-05-01', '2024-05-10', 'early-month')],
    ['medio mai', 2024, rg('2024-05-11', '2024-05-20', 'mid-month')],
    ['ultimo mai', 2024, rg('2024-05-21', '2024-05-31', 'late-month')],
    ['ultimo februar', 2024, rg('2024-02-21', '2024-02-29', 'late-month')],
    ['ultimo februar 2023', 2024, rg('2023-02-21', '2023-02-28', 'late-month')],
    ['medio 2020', 2020, rg('2020-05-01', '2020-08-31', 'mid-year')],
    ['ultimo 2020', 2020, rg('2020-09-01', '2020-12-31', 'late-year')],
    ['andre halvår', 2024, rg('2024-07-01', '2024-12-31', 'half-year')],
    ['innen utgangen av første halvår', 2024, rg('2024-01-01', '2024-06-30', 'half-year')],
    ['1. kvartal', 2024, rg('2024-01-01', '2024-03-31', 'quarter')],
    ['innen utgangen av første kvartal', 2024, rg('2024-01-01', '2024-03-31', 'quarter')],
    ['siste kvartal 2023', 2024, rg('2023-10-01', '2023-12-31', 'quarter')],
    ['Q3 2024', 2024, rg('2024-07-01', '2024-09-30', 'quarter')],
    ['2. tertial', 2024, rg('2024-05-01', '2024-08-31', 'tertial')],
    ['3. tertial 2024', 2020, rg('2024-09-01', '2024-12-31', 'tertial')],
    ['2025', 2024, rg('2025-01-01', '2025-12-31', 'year')],
    ['før sommeren', 2020, rg('2020-01-01', '2020-06-30', 'before-summer')],
    ['før sommeren 2021', 2020, rg('2021-01-01', '2021-06-30', 'before-summer')],
    ['før høsten', 2024, rg('2024-01-01', '2024-08-31', 'before-autumn')],
    ['før jul', 2024, rg('2024-01-01', '2024-12-23', 'before-christmas')],
    ['hvert år', 2024, rec('yearly')],
    ['hvert halvår', 2024, rec('half-yearly')],
    ['kvartalsvis', 2024, rec('quarterly')],
    ['månedlig', 2024, rec('monthly')],
    ['årlig innen 1. mars', 2024, rec('yearly', 3, 1, '2024-03-01')],
    ['hvert år innen 29. februar', 2025, rec('yearly', 2, 29, '2028-02-29')],
  ];
  it.each(cases)('%j (year %i)', (phrase, year, expected) => {
    const want: DeadlineValue =
      expected === UND ? { kind: 'undetermined', phrase: phrase.trim() } : expected;
    expect(parseDeadline(phrase, { year })).toEqual(want);
  });
});

describe('parseDeadline: strict, never a wrong date', () => {
  const undetermined = [
    '31. februar 2024',
    '30.2.2024',
    '29. februar 2023',
    '32. mai',
    '13.13.2024',
    '2024-02-30',
    '2024-13-01',
    '0. mai',
    'uke 54',
    'uke 53 2021',
    'uke 0',
    'tirsdag 2. februar 2024',
    'hvert år innen 31. februar',
    'innen mai',
    'innen mai 2024',
    'innen 2025',
    'snarest',
    'snarest mulig',
    'Frist avklares i dialog med departementet',
    'etter avtale',
    'i løpet av våren',
    'medio',
    'femtende mai',
    '1.3',
    '15. mai 1066',
    'innen 15. oktober 2020, jf.',
    '',
    '   ',
  ];
  it.each(undetermined)('%j → undetermined with the trimmed phrase kept', (phrase) => {
    expect(parseDeadline(phrase, { year: 2024 })).toEqual({
      kind: 'undetermined',
      phrase: phrase.trim(),
    });
  });

  it('keeps the phrase as given (trimmed only)', () => {
    expect(parseDeadline('  Noe helt annet.  ', { year: 2024 })).toEqual({
      kind: 'undetermined',
      phrase: 'Noe helt annet.',
    });
  });
});

describe('deadlineDate', () => {
  it('is the date of an exact deadline', () => {
    expect(deadlineDate(parseDeadline('innen 1. mai 2020', { year: 2020 }))).toBe('2020-05-01');
  });
  it('is the end of a range', () => {
    expect(deadlineDate(parseDeadline('uke 14', { year: 2020 }))).toBe('2020-04-05');
    expect(deadlineDate(parseDeadline('første halvår 2024', { year: 2024 }))).toBe('2024-06-30');
    expect(deadlineDate(parseDeadline('ultimo februar', { year: 2024 }))).toBe('2024-02-29');
  });
  it('is the next occurrence of a recurring deadline, or null', () => {
    expect(deadlineDate(parseDeadline('hvert år innen 15. oktober', { year: 2020 }))).toBe(
      '2020-10-15',
    );
    expect(deadlineDate(parseDeadline('hvert halvår', { year: 2020 }))).toBeNull();
  });
  it('is null when undetermined', () => {
    expect(deadlineDate(parseDeadline('Frist avklares i dialog', { year: 2024 }))).toBeNull();
  });
});

describe('findDeadlinePhrases: real sentences from the seeds', () => {
  const cases: [seed: string, text: string, expected: string[]][] = [
    // 000_64c185cdf2762dea.txt (2020)
    ['000', 'helseID og grunndata innen 1. mai 2020, jf. \ndepartementets', ['innen 1. mai 2020']],
    [
      '000',
      'Oppdraget vil konkretiseres i eget \nbrev i løpet av første kvartal.',
      ['i løpet av første kvartal'],
    ],
    ['000', 'utredningen levert departementet medio desember 2019 om', []],
    ['000', 'Oppdraget vil \nkonkretiseres i eget brev primo 2020.', ['primo 2020']],
    ['000', 'leveransen med frist 1. mars 2020.', ['1. mars 2020']],
    ['000', 'Frist for leveransen er 1. mai 2020.', ['1. mai 2020']],
    ['000', 'hvert år innen 15. oktober gi departementet', ['hvert år innen 15. oktober']],
    ['000', 'Oppdragene over har frist 30. mars. Forslag til mandat', ['30. mars']],
    ['000', 'skal behandles av styringsgruppen i uke 14.', ['uke 14']],
    ['000', 'må senest innen 1. september spille inn', ['senest innen 1. september']],
    [
      '000',
      'for arbeidet innen medio november \n2020. Departementet',
      ['innen medio november 2020'],
    ],
    ['000', 'oversender et utkast innen 15. \nseptember.', ['innen 15. september']],
    ['000', 'Deloppdraget har frist  \n18. september.', ['18. september']],
    ['000', 'Felles plan av 29. november \n2019 med', []],
    ['000', 'Frist  Beskrivelse \n\n18. februar Orientering om', []],
    ['000', 'Tidspunkt og format avklares nærmere med \ndepartementet.', []],
    // 001_91a72f83a7478b9a.txt (2020)
    ['001', 'disponering av \nmidlene innen 16. april. Tiltakene', ['innen 16. april']],
    // 002_f68f8952973592c5.txt (2024)
    ['002', 'Strategien er sendt på offentlig høring, med frist i januar 2024.', ['i januar 2024']],
    [
      '002',
      'Frist avklares i dialog mellom departementet og direktoratet.  \nTB2024-04 Avd.HOD: FHA',
      ['Frist avklares i dialog mellom departementet og direktoratet'],
    ],
    ['002', 'Høringsnotat planlegges ferdigstilt \nførste halvår 2024.', ['første halvår 2024']],
    ['002', 'bærekraftsmålene innen 2030.  \nFrist: 15. september 2024 \n', ['15. september 2024']],
    [
      '002',
      'Frister:  \n- Deloppdrag a) har frist 1. februar 2024. \n- Deloppdrag b) og c) har frist 15. mars 2024.',
      ['1. februar 2024', '15. mars 2024'],
    ],
    ['002', 'Direktoratet må påregne ytterligere oppdrag i løpet av året.', []],
    ['002', 'Følgende tiltak skal prioriteres i 2024:', []],
    ['002', 'Frist: innen 1. juli 2024.', ['innen 1. juli 2024']],
    [
      '002',
      'Frist for svar på oppdrag er fredag 2. februar 2024. Ev. utsettelse avtales med \ndepartementet.',
      ['fredag 2. februar 2024'],
    ],
    ['002', 'Ny frist 31.12.2024. \nTB2022-45,', ['31.12.2024']],
    [
      '002',
      'Samtlige tiltak iht. plan skal være gjennomført i løpet av 2024.',
      ['i løpet av 2024'],
    ],
    ['002', 'skal ferdigstilles \ninnen utgangen av 2024. Hdir skal', ['innen utgangen av 2024']],
    [
      '002',
      'og handlingsplanen innen utgangen av året, fremme forslag',
      ['innen utgangen av året'],
    ],
    [
      '002',
      'Frist for arbeidet avklares i dialog med HOD.',
      ['Frist for arbeidet avklares i dialog med HOD'],
    ],
    [
      '002',
      'Frist og videre fremdrift i de ulike delene av oppdraget avklares i dialog med \ndepartementet \n \nTB2024-61 Avd.HOD: SHA',
      [
        'Frist og videre fremdrift i de ulike delene av oppdraget avklares i dialog med departementet',
      ],
    ],
    ['002', 'Norsk helsenett SF. Frist: etter avtale.', ['Frist: etter avtale']],
    ['002', 'Frist. 1. mai 2024 \n- Foreslå hensyn', ['1. mai 2024']],
    [
      '002',
      '- vurdere kartlagte behov, frist innen 14. juni 2024 \n- konkretisere',
      ['innen 14. juni 2024'],
    ],
    [
      '002',
      'Helsedirektoratet skal innen 1. februar hvert år legge fram en samlet plan',
      ['innen 1. februar hvert år'],
    ],
    ['002', 'Endelig plan leveres 15. \noktober. Rapportering', ['15. oktober']],
    ['002', 'følges opp i egne møter første og andre halvår.', ['første og andre halvår']],
    ['002', 'Arbeidet i gruppen skal ferdigstilles før påske.', ['før påske']],
    ['002', 'eller deltar i, per halvår. Rapporteringen', ['per halvår']],
    [
      '002',
      '15. mars  • Frist for oversendelse av årsrapport, inkludert årsregnskap \n15. april • Budsjettforslag',
      [],
    ],
    ['002', 'Legeforeningen håndterer utbetaling til gruppeveiledere frem til 1. januar 2025.', []],
    // 004_0eca73cba024b290.txt (2022)
    [
      '004',
      'Departementet vil ta initiativ til et oppstartsmøte. \n\nFrist: 15. november 2022.',
      ['15. november 2022'],
    ],
  ];
  it.each(cases)('%s: %j', (_seed, text, expected) => {
    expect(findDeadlinePhrases(text)).toEqual(expected);
  });
});

describe('findDeadlinePhrases: several dates of one deadline, and compound labels', () => {
  const cases: [text: string, expected: string[]][] = [
    // Part and final report, each date its own deadline.
    [
      'Frist: 15. mars 2031 (delrapport) og 1. desember 2031 (sluttrapport).',
      ['15. mars 2031', '1. desember 2031'],
    ],
    [
      'Oppdraget skal leveres innen 1. juni og 1. desember 2031.',
      ['innen 1. juni', '1. desember 2031'],
    ],
    [
      'Frist: 1. mai 2031 for første del, 1. november 2031 for andre del.',
      ['1. mai 2031', '1. november 2031'],
    ],
    ['Rapport innen 1. mars, 1. juli og 1. november.', ['innen 1. mars', '1. juli', '1. november']],
    // The report the further date is for, named between `og` and the date.
    [
      'Frist for delrapport er 1. mars 2031 og sluttrapport 1. november 2031.',
      ['1. mars 2031', '1. november 2031'],
    ],
    ['Innen 1. mai og for sluttleveransen 1. oktober.', ['Innen 1. mai', '1. oktober']],
    // A date after the deadline that is no deadline: a letter referred to, or after `og` with
    // other words than the report's.
    ['Frist: 1. mai 2031, jf. brev av 3. februar 2031.', ['1. mai 2031']],
    ['Frist: 1. mai 2031 og møtet 3. februar 2031.', ['1. mai 2031']],
    ['Frist: 1. mai 2031 og senere 3. februar 2031.', ['1. mai 2031']],
    // Labels compounded with frist.
    ['Svarfrist: 12. april 2031.', ['12. april 2031']],
    ['Leveringsfristen er 1. oktober 2031.', ['1. oktober 2031']],
    ['Rapporteringsfrist 15.9.2031', ['15.9.2031']],
    // A date as a system writes it.
    ['Frist: 2031-03-01.', ['2031-03-01']],
    ['Rapporten leveres innen 2031-09-15 til departementet.', ['innen 2031-09-15']],
  ];
  it.each(cases)('%j', (text, expected) => {
    expect(findDeadlinePhrases(text)).toEqual(expected);
  });
});

describe('findDeadlinePhrases: the deadline set or moved, and period expressions', () => {
  const cases: [text: string, expected: string[]][] = [
    // `Fristen er …` with nothing between; nynorsk reads the same.
    ['Rettleiaren skal vere klar på tre språk. Fristen er 15. august 2033.', ['15. august 2033']],
    ['Frist er 1. mai.', ['1. mai']],
    // A deadline moved or set, bokmål and nynorsk, with the assignment named before the verb.
    ['Fristen for TB2031-02 endres til 1. oktober 2031.', ['1. oktober 2031']],
    ['Fristen flyttes til 1. juni 2031.', ['1. juni 2031']],
    ['Fristen er utsatt til 15. mars.', ['15. mars']],
    ['Fristen blir forlenget til 30. april 2031.', ['30. april 2031']],
    ['Fristen vert endra til 1. oktober 2031.', ['1. oktober 2031']],
    ['Fristen vert flytta til 1. desember.', ['1. desember']],
    ['Fristen for oppdraget er uendret.', []],
    // A half-year, quarter or tertial without a marker: a deadline after a verb of delivering
    // or a modal ...
    ['Rapporten skal leverast i 2. tertial 2031.', ['2. tertial 2031']],
    ['Direktoratet skal i første halvår 2031 legge fram en plan.', ['første halvår 2031']],
    ['Planen skal ferdigstilles i tredje kvartal.', ['tredje kvartal']],
    // ... not what is reported on, not in a relative or question clause ...
    ['Departementet ber om en tertialrapport for 2. tertial.', []],
    ['Rapportere hvilke gevinster som er tatt ut i første halvår, og hva som gjenstår.', []],
    ['Tiltak som skal gjennomføres i andre halvår, skal omtales i årsrapporten.', []],
    ['Kartlegge bruken i første kvartal.', []],
    // ... and, like every period without a marker, not beside an explicit deadline.
    [
      'Publisere statistikk over tilsyna i første halvår, fordelt på regionar, innan 15. november 2031.',
      ['innan 15. november 2031'],
    ],
    [
      'Resultatene skal leveres i første halvår. Frist: 1. september 2031.',
      ['første halvår', '1. september 2031'],
    ],
    ['Rapporten skal skrives medio mai og leveres innen 1. juni.', ['innen 1. juni']],
    // With a marker of its own the period is a deadline wherever it stands.
    [
      'Tiltak som skal være gjennomført innen utgangen av første halvår.',
      ['innen utgangen av første halvår'],
    ],
    ['Oppdraget vil konkretiseres i løpet av første kvartal.', ['i løpet av første kvartal']],
  ];
  it.each(cases)('%j', (text, expected) => {
    expect(findDeadlinePhrases(text)).toEqual(expected);
  });

  it('parses the moved deadline as a phrase of its own', () => {
    expect(parseDeadline('Fristen endres til 1. oktober 2031', { year: 2031 })).toEqual(
      ex('2031-10-01'),
    );
    expect(parseDeadline('Fristen vert utsett til 1. mars', { year: 2031 })).toEqual(
      ex('2031-03-01'),
    );
  });
});

describe('easterSunday', () => {
  it('matches known Easter dates', async () => {
    const { easterSunday } = await import('./deadline');
    expect(easterSunday(2020)).toBe('2020-04-12');
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });
});
