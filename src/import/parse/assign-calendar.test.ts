/**
 * Calendar tables where a letter puts them: under its calendar heading, or as a `Frist ·
 * Beskrivelse` table in a follow-up section. Letters written here.
 */
import { describe, expect, it } from 'vitest';
import { parseLetters } from './index';

const letter = (...section: string[]) =>
  parseLetters([
    'Tildelingsbrev til Prøvedirektoratet for 2031',
    '',
    'Innledning',
    'Prøvedepartementet gir med dette Prøvedirektoratet midler og oppdrag for 2031.',
    '',
    ...section,
    '',
    'Med hilsen',
    '',
    'Kari Nordmann',
  ])[0]!;

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
      '31.06.2031  Utkast til strategi',
      '',
      'Direktoratet skal rapportere om status i tertialrapportene.',
    );
    expect(doc.calendar.map((c) => [c.deadline.text, c.date, c.kind, c.text])).toEqual([
      ['20. januar', '2031-01-20', 'meeting', 'Etatsstyringsmøte'],
      ['Innen 1. mars', '2031-03-01', 'other', 'Plan for bruk av midlene'],
      ['april', '2031-04-30', 'report', 'Årsrapport for 2030'],
      ['Juni', '2031-06-30', 'meeting', 'Tertialmøte'],
      // A date that does not exist is kept as printed, never guessed.
      ['31.06.2031', null, 'other', 'Utkast til strategi'],
    ]);
    expect(doc.calendar[4]!.deadline.value).toEqual({ kind: 'undetermined', phrase: '31.06.2031' });
    // The text after the table is still the section's.
    expect(doc.reportingRequirements.map((r) => r.text).join(' ')).toContain('tertialrapportene');
  });
});
