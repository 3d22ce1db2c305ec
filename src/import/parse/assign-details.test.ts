import { describe, expect, it } from 'vitest';
import { calendarKind } from './assign-calendar';
import {
  extractCollaborators,
  extractDeadlines,
  extractFunding,
  extractReferences,
  lettersNamed,
} from './assign-details';
import { joinWrapped } from './assign-text';
import { parseLetters } from './index';
import { letterLines } from '../../testing/builders';

describe('assignment details', () => {
  it('names the sub-assignments a sentence refers to', () => {
    expect(lettersNamed('Deloppdrag b) og c) har frist 1. mai.')).toEqual(['b', 'c']);
    expect(lettersNamed('Deloppdrag d) til f) har frist 1. juli.')).toEqual(['d', 'e', 'f']);
    expect(lettersNamed('Oppdragets del 2 skal leveres innen 1. juni.')).toEqual(['2']);
    expect(lettersNamed('Frist for deloppdrag 1 og 2 er 31.10.2031.')).toEqual(['1', '2']);
    expect(lettersNamed('Punktene 1, 2 og 4 leveres innen 1. mai.')).toEqual(['1', '2', '4']);
    expect(lettersNamed('Deloppdrag 2–4 har frist 1. mars.')).toEqual(['2', '3', '4']);
    expect(lettersNamed('Oppfølging av oppdrag TB2030-57 del 1 og del 3.')).toEqual(['1']);
    expect(lettersNamed('Frist 1. juni.')).toEqual([]);
  });

  it('names lettered parts after any word for a part, in bokmål and nynorsk', () => {
    expect(lettersNamed('Frist for punkt a) er 1. september 2032.')).toEqual(['a']);
    expect(lettersNamed('Fristen for punkta b) og c) er 1. mai.')).toEqual(['b', 'c']);
    expect(lettersNamed('Deloppdraga a) til c) skal leverast innan 1. juni.')).toEqual([
      'a',
      'b',
      'c',
    ]);
    // A part noun inside another word names nothing.
    expect(lettersNamed('Fordel 2 av midlene innen 1. mai.')).toEqual([]);
  });

  it('gives a deadline that names the whole assignment to the whole, also inside a part', () => {
    const whole = extractDeadlines(
      [{ text: 'Lage en plan. Frist for hele oppdraget: 1. desember 2031.', appliesTo: '2' }],
      2031,
    );
    expect(whole.map((d) => [d.appliesTo, d.date])).toEqual([[null, '2031-12-01']]);
    const heile = extractDeadlines(
      [{ text: 'Fristen for heile oppdraget er 1. desember 2031.', appliesTo: 'b' }],
      2031,
    );
    expect(heile.map((d) => d.appliesTo)).toEqual([null]);
  });

  it('takes no deadline from a sentence about a goal or purpose, unless it sets one in words', () => {
    const dates = (text: string) =>
      extractDeadlines([{ text, appliesTo: null }], 2031).map((d) => d.date);
    expect(dates('Målet skal være nådd i løpet av 2034. Frist: 1.5.2031')).toEqual(['2031-05-01']);
    expect(dates('Det er et mål at data kan hentes ut i løpet av 2032.')).toEqual([]);
    expect(dates('Målet er at rapporten leveres innen 1. juni.')).toEqual(['2031-06-01']);
    expect(
      dates('Det bes om en plan med formål at sakene skal være behandlet innen 1. mars 2032.'),
    ).toEqual([]);
  });

  it('reads the whole name of a state body from the data file, as printed', () => {
    expect(
      extractCollaborators(
        'Arbeidet skal skje i samarbeid med Norges vassdrags- og energidirektorat, Direktoratet for samfunnssikkerhet og beredskap og Statens havarikommisjon.',
      ),
    ).toEqual([
      'Norges vassdrags- og energidirektorat',
      'Direktoratet for samfunnssikkerhet og beredskap',
      'Statens havarikommisjon',
    ]);
  });

  it('keeps collaborators to organisation names', () => {
    expect(
      extractCollaborators(
        'Arbeidet gjøres i samarbeid med FHI, KS og de regionale helseforetakene.',
      ),
    ).toEqual(['FHI', 'KS', 'RHF']);
    expect(extractCollaborators('Utredes sammen med Norsk Helsenett SF og leverandørene.')).toEqual(
      ['Norsk Helsenett SF'],
    );
    expect(
      extractCollaborators('i samarbeid med Arbeids- og velferdsdirektoratet om tiltak'),
    ).toEqual(['Arbeids- og velferdsdirektoratet']);
  });

  it('finds references and funding', () => {
    expect(extractReferences('Se TB2024-19, jf. TB2023-01 og TB2024-19.', 'TB2024-19')).toEqual([
      'TB2023-01',
    ]);
    expect(extractFunding('finansiert over kap. 740 post 01 og kap. 762.21')).toEqual([
      { chapter: 740, post: 1 },
      { chapter: 762, post: 21 },
    ]);
  });

  it('joins wrapped lines without breaking compounds', () => {
    expect(joinWrapped(['en sammen-', 'heng i helse-', 'og omsorgs-', 'tjenesten'])).toBe(
      'en sammenheng i helse- og omsorgstjenesten',
    );
    expect(joinWrapped(['IKT-', 'bransjen og e-', 'helse (2019-', '2020)'])).toBe(
      'IKT-bransjen og e-helse (2019-2020)',
    );
  });

  it('classifies calendar rows', () => {
    expect(calendarKind('Etatsstyringsmøte')).toBe('meeting');
    expect(calendarKind('Årsrapport med kopi til Riksrevisjonen')).toBe('report');
    expect(calendarKind('Budsjett- og regnskapsrapportering med prognoser')).toBe('budget');
    expect(calendarKind('Innspill til styringssignaler')).toBe('other');
  });
});

describe('a deadline that a PDF line broke', () => {
  it('is read where the date goes on in lower case on the next line (`innen 1.` / `oktober 2031`)', () => {
    const [doc] = parseLetters(
      letterLines(
        'Oppdrag',
        'TB2031-04 Avd. PTD: PTA Veileder for prøvebenker',
        'Direktoratet skal lage en veileder for prøvebenker med frist for ferdigstillelse',
        '1. mai 2031. Det skal holdes minst en nasjonal konferanse for begge etater',
        // A short line ending in a stop: here no sentence end, as the next goes on in lower case.
        'innen 1.',
        'oktober 2031 med deltakelse av dem som har ansvar for arbeidet.',
        'Veilederen skal være kort.',
      ),
    );
    expect(doc!.assignments.map((a) => a.deadlines.map((d) => d.date))).toEqual([
      ['2031-05-01', '2031-10-01'],
    ]);
  });
});

describe('an ID that a PDF line broke off a reference', () => {
  it('closes the sentence it ends (`… jf. oppdrag` / `TB2030-61.`) and opens no assignment', () => {
    const [doc] = parseLetters(
      letterLines(
        'Oppdrag',
        'TB2031-05 Avd. PTD: PTA Aktivitetsmål for prøvebenker',
        'Direktoratet skal videreføre arbeidet med et aktivitetsmål.',
        // A short line after a finished sentence, as a heading would stand.
        'Benkene skal kunne inngå i aktivitetsmålet, jf. oppdrag',
        'TB2030-61.',
        'Arbeidet skal føre til en utprøving fra 2032. Frist: 1. juni 2031.',
      ),
    );
    expect(doc!.assignments.map((a) => [a.id, a.deadlines.map((d) => d.date)])).toEqual([
      ['TB2031-05', ['2031-06-01']],
    ]);
    expect(doc!.assignments[0]!.references).toEqual(['TB2030-61']);
  });
});
