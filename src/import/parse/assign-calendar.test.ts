/**
 * Calendar tables where a letter puts them: under its calendar heading, or as a `Frist ·
 * Beskrivelse` table in a follow-up section. Letters written here.
 */
import { describe, expect, it } from 'vitest';
import { letterLines } from '../../testing/builders';
import { parseLetters } from './index';

const letter = (...section: string[]) => parseLetters(letterLines(...section))[0]!;

describe('calendar tables outside the calendar section', () => {
  it('reads a Frist · Beskrivelse table under a follow-up heading, month-only and "innen" dates too', () => {
    const doc = letter(
      'Oppfølging og rapportering',
      'Nedenfor følger møter og frister for året.',
      'Frist  Beskrivelse',
      '20. januar  Etatsstyringsmøte',
      'Innen 1. mars  Plan for bruk av midlene',
      'april  Årsrapport for 2030',
      'Juni  Tertialmøte',
      '2031-09-15  Budsjettinnspill',
      '31.06.2031  Utkast til strategi',
      '',
      'Direktoratet skal rapportere om status i tertialrapportene.',
    );
    expect(doc.calendar.map((c) => [c.deadline.text, c.date, c.kind, c.text])).toEqual([
      ['20. januar', '2031-01-20', 'meeting', 'Etatsstyringsmøte'],
      ['Innen 1. mars', '2031-03-01', 'other', 'Plan for bruk av midlene'],
      ['april', '2031-04-30', 'report', 'Årsrapport for 2030'],
      ['Juni', '2031-06-30', 'meeting', 'Tertialmøte'],
      ['2031-09-15', '2031-09-15', 'budget', 'Budsjettinnspill'],
      // A date that does not exist is kept as printed, never guessed.
      ['31.06.2031', null, 'other', 'Utkast til strategi'],
    ]);
    expect(doc.calendar[5]!.deadline.value).toEqual({ kind: 'undetermined', phrase: '31.06.2031' });
    // The text after the table is still the section's.
    expect(doc.reportingRequirements.map((r) => r.text).join(' ')).toContain('tertialrapportene');
  });
});

describe('calendar tables: nynorsk headers, page breaks, undated rows, wrapped cells', () => {
  it('reads a Frist · Skildring table on after its header row is printed again', () => {
    const doc = letter(
      'Styringskalender',
      'Tabellen viser fristar og møte i 2031.',
      'Frist  Skildring',
      '20. januar 2031  Etatsstyringsmøte',
      '1. mars 2031  Årsrapport for 2030',
      'Frist  Skildring',
      '15. november 2031  Prognose for forbruket',
    );
    expect(doc.calendar.map((c) => [c.date, c.text])).toEqual([
      ['2031-01-20', 'Etatsstyringsmøte'],
      ['2031-03-01', 'Årsrapport for 2030'],
      ['2031-11-15', 'Prognose for forbruket'],
    ]);
  });

  it('finds a nynorsk calendar table outside the calendar section by its header', () => {
    const doc = letter(
      'Oppfølging og rapportering',
      'Dato  Tiltak  Merknad',
      '1. mars  Årsrapport  Med rekneskap',
      '20. juni  Innspel til budsjettet',
    );
    expect(doc.calendar.map((c) => c.date)).toEqual(['2031-03-01', '2031-06-20']);
  });

  it('reads a row whose timing is no date as a row with date null, and the table goes on', () => {
    const doc = letter(
      'Styringskalender',
      'Dato  Aktivitet  Merknad',
      '15. januar 2031  Etatsstyringsmøte 1',
      'Løpende  Varsel om vesentlige avvik  Så snart avviket er kjent',
      'Ved behov  Ekstra møte',
      '2. tertial  Tertialrapport',
      '1.9.2031  Rapport om ressursbruk',
      '',
      'Vedlegg',
    );
    expect(doc.calendar.map((c) => [c.deadline.text, c.date])).toEqual([
      ['15. januar 2031', '2031-01-15'],
      ['Løpende', null],
      ['Ved behov', null],
      ['2. tertial', '2031-08-31'],
      ['1.9.2031', '2031-09-01'],
    ]);
    expect(doc.calendar[1]!.text).toBe('Varsel om vesentlige avvik Så snart avviket er kjent');
  });

  it('gives a cell printed above its row’s date (a vertically centred PDF row) to that row', () => {
    const doc = letter(
      'Styringskalender',
      'Dato  Aktivitet  Merknad',
      '1.6.2031  Etatsstyringsmøte 2  Hos direktoratet',
      'Satsingsforslag og',
      '20. juni 2031  Budsjettforslag for 2033',
      'innsparingsforslag',
      'Innen 15. august  Halvårsrapport',
    );
    expect(doc.calendar.map((c) => [c.date, c.text])).toEqual([
      ['2031-06-01', 'Etatsstyringsmøte 2 Hos direktoratet'],
      ['2031-06-20', 'Budsjettforslag for 2033 Satsingsforslag og innsparingsforslag'],
      ['2031-08-15', 'Halvårsrapport'],
    ]);
  });
});

describe('part headings (`Del IV Styringskalender`)', () => {
  it('reads the section kind from the title after the part number', () => {
    const doc = letter(
      'Del IV Styringskalender',
      '20. januar  Etatsstyringsmøte',
      '1. mars  Årsrapport for 2030',
    );
    expect(doc.calendar.map((c) => c.date)).toEqual(['2031-01-20', '2031-03-01']);
  });

  it('takes the title from the next line when the part number stands alone', () => {
    const doc = letter(
      'Prioriteringer for 2031',
      'Direktoratet skal prioritere digitale tjenester.',
      'DEL 5',
      'Styringskalender',
      '20. januar  Etatsstyringsmøte',
    );
    expect(doc.priorities.map((p) => p.text)).toEqual([
      'Direktoratet skal prioritere digitale tjenester.',
    ]);
    expect(doc.calendar.map((c) => c.date)).toEqual(['2031-01-20']);
  });

  it('knows nynorsk section titles after a part number', () => {
    const doc = letter(
      'Del II Prioriteringar for 2031',
      'Departementet ventar at direktoratet legg vekt på digitale tenester.',
    );
    expect(doc.priorities.map((p) => p.title)).toEqual(['Prioriteringar for 2031']);
  });

  it('takes a part number before a capitalised title only, not a sentence opening with "Del 2"', () => {
    const doc = letter(
      'Del I Prioriteringer for 2031',
      'Direktoratet skal prioritere digitale tjenester.',
      'Del 2 av arbeidet er omtalt i vedlegget',
      'Del II Styringskalender',
      '20. januar  Etatsstyringsmøte',
    );
    expect(doc.priorities.map((p) => p.text)).toEqual([
      'Direktoratet skal prioritere digitale tjenester. Del 2 av arbeidet er omtalt i vedlegget',
    ]);
    expect(doc.calendar.map((c) => c.date)).toEqual(['2031-01-20']);
  });
});

describe('a calendar as a bullet list', () => {
  it('reads each item that opens with its date or a month and a colon, the colon or dash left out', () => {
    const doc = letter(
      'Styringskalender',
      '• 20. februar 2031: Etatsstyringsmøte',
      '• 1.3.2031: Årsrapport for 2030',
      '• 15. august 2031 – Innspill til budsjettet for 2032',
      '• Oktober: Tertialmøte',
    );
    expect(doc.calendar.map((c) => [c.date, c.text])).toEqual([
      ['2031-02-20', 'Etatsstyringsmøte'],
      ['2031-03-01', 'Årsrapport for 2030'],
      ['2031-08-15', 'Innspill til budsjettet for 2032'],
      ['2031-10-31', 'Tertialmøte'],
    ]);
  });
});

describe('a calendar row whose wide cell a PDF printed around its date', () => {
  it('reads the line above a lone date, the lower-case rest below it, and the rows after', () => {
    const doc = letter(
      '5. Oppfølging og rapportering',
      'Frist                Beskrivelse',
      '9. september  Felles oppfølgingsmøte med direktoratet',
      'Oversikt over planlagte oppgaver det påfølgende året, inkludert innspill',
      '15. september',
      'til fordeling av midlene',
      '23. september Styringsgruppemøte',
    );
    expect(doc.calendar.map((c) => [c.date, c.text])).toEqual([
      ['2031-09-09', 'Felles oppfølgingsmøte med direktoratet'],
      [
        '2031-09-15',
        'Oversikt over planlagte oppgaver det påfølgende året, inkludert innspill til fordeling av midlene',
      ],
      ['2031-09-23', 'Styringsgruppemøte'],
    ]);
  });
});

describe('a calendar table in the calendar section whose cell wraps before a date', () => {
  it("keeps the wrapped text in its row: the table's rows have their date first", () => {
    const doc = letter(
      'Styringskalender',
      'Dato  Aktivitet',
      '15. januar  Brevet sendes ut, med frist for',
      'innspill til fordelingen 1. mars',
      '20. februar  Styringsmøte',
    );
    expect(doc.calendar.map((c) => [c.date, c.text])).toEqual([
      ['2031-01-15', 'Brevet sendes ut, med frist for innspill til fordelingen 1. mars'],
      ['2031-02-20', 'Styringsmøte'],
    ]);
  });
});

describe('a calendar whose lines end with their date', () => {
  it('reads bullets and paragraphs under the calendar heading, the date after a dash or colon too', () => {
    const doc = letter(
      '5. Styringskalender',
      '• Etatsstyringsmøte 12. mai 2031',
      '• Årsrapport for 2030 sendes innen 15. mars 2031',
      '• Etatsstyringsmøte – 3. november 2031',
      '• Innspill til budsjett for 2033: 1. september 2031',
      '',
      'Vi viser til brevet vårt av 12. januar 2031.',
      'Departementet kan kalle inn til møter datert 1. juni 2031',
      '',
      'Departementet sender dagsorden i god tid før 12. mai',
      '2031, og ber om innspill.',
    );
    expect(doc.calendar.map((c) => [c.date, c.text])).toEqual([
      ['2031-05-12', 'Etatsstyringsmøte'],
      ['2031-03-15', 'Årsrapport for 2030 sendes'],
      ['2031-11-03', 'Etatsstyringsmøte'],
      ['2031-09-01', 'Innspill til budsjett for 2033'],
    ]);
  });
});

describe('a calendar line ending with its date, and what follows it', () => {
  it('goes on in a lower-case line below, and is followed by a row with its date first', () => {
    const doc = letter(
      '5. Styringskalender',
      '• Etatsstyringsmøte 12. mai 2031',
      'kl. 10.00 i departementet',
      'Halvårsmøte 1. september 2031',
      '15. oktober 2031 Tertialrapport',
    );
    expect(doc.calendar.map((c) => [c.date, c.text])).toEqual([
      ['2031-05-12', 'Etatsstyringsmøte kl. 10.00 i departementet'],
      ['2031-09-01', 'Halvårsmøte'],
      ['2031-10-15', 'Tertialrapport'],
    ]);
  });
});

describe('a calendar table whose date column comes last', () => {
  it('reads `Aktivitet · Dato` rows, an empty cell and a timing without a date too', () => {
    const doc = letter(
      'Styringskalender',
      'Aktivitet  Dato  Ansvar',
      'Etatsstyringsmøte  12. februar 2031  PTA',
      // The date cell printed so close that pdf.js joined it onto the description.
      'Årsrapport for 2030 15.3.2031',
      // A row whose description reads like a section title is a row (`Rapportering …`).
      'Rapportering om tilskudd  Løpende  PTA',
      '',
      'Departementet kan kalle inn til flere møter ved behov.',
    );
    expect(doc.calendar.map((c) => [c.date, c.text, c.deadline.text])).toEqual([
      ['2031-02-12', 'Etatsstyringsmøte', '12. februar 2031'],
      ['2031-03-15', 'Årsrapport for 2030', '15.3.2031'],
      [null, 'Rapportering om tilskudd', 'Løpende'],
    ]);
  });
});

describe('a calendar table whose date column comes last, outside the calendar section', () => {
  it('reads `Møte · Tidspunkt` under a dialogue heading and `Rapportering · Frist` under reporting', () => {
    const doc = letter(
      '3. Rapportering',
      'Rapportering  Frist',
      'Rapport om tilsynsarbeidet  1. mars 2031',
      'Halvårsrapport om ressursbruk  20. august 2031',
      '',
      '4. Styringsdialog',
      'Møte  Tidspunkt',
      'Etatsstyringsmøte  12. mai 2031',
      '',
      'Departementet kaller inn til møtene.',
    );
    expect(doc.calendar.map((c) => [c.date, c.text])).toEqual([
      ['2031-03-01', 'Rapport om tilsynsarbeidet'],
      ['2031-08-20', 'Halvårsrapport om ressursbruk'],
      ['2031-05-12', 'Etatsstyringsmøte'],
    ]);
  });

  it('passes over such a header with no date under it', () => {
    const doc = letter('3. Rapportering', 'Rapportering  Frist', 'Tertialrapporter  Se eget brev');
    expect(doc.calendar).toEqual([]);
  });
});

describe('a calendar no row can be read from', () => {
  it('leaves its lines unread, to be seen in review, rather than taking them', () => {
    const doc = letter(
      'Styringskalender',
      'Møte om budsjettet  uke tjue',
      'Møte om årsrapporten  rett etter påske',
    );
    expect(doc.calendar).toEqual([]);
    expect(doc.unparsed.map((u) => u.text).join('\n')).toContain('rett etter påske');
  });
});

describe('a calendar table outside the calendar section with no readable row', () => {
  it('is passed over, and the reading goes on (it once read the header again for ever)', () => {
    const doc = letter(
      '2. Oppfølging og rapportering',
      'Frist  Beskrivelse',
      '1. mars 2031',
      '3. Styringskalender',
      '20. februar 2031: Etatsstyringsmøte',
    );
    expect(doc.calendar.map((c) => c.date)).toEqual(['2031-02-20']);
  });
});
