/**
 * The owner department stated in an assignment's text (`Ansvarlig avdeling i PD: ABC`) rather
 * than on its ID line (`Avd. PD: ABC`). Letters written here, in the forms the family shows.
 */
import { describe, expect, it } from 'vitest';
import { parseLetters } from './index';

const supplement = (...body: string[]) =>
  parseLetters([
    'Tillegg nr. 2 til tildelingsbrev for 2031 til Prøvedirektoratet',
    '',
    'Nye oppdrag',
    '',
    ...body,
  ])[0]!;

describe('owner department stated in the text', () => {
  it('reads the shorter labels `Ansvarlig avd.:` and `Ansv. avd.:`, not a bare `Ansvar:`', () => {
    const doc = supplement(
      'TB2031-51 Kartlegge feltene',
      'Prøvedirektoratet skal kartlegge feltene. Frist: 1. mai 2031.',
      'Ansvarlig avd.: PTA',
      '',
      'TB2031-52 Lage en veileder',
      'Prøvedirektoratet skal lage en veileder. Frist: 1. juni 2031.',
      'Ansv. avd.: FIN',
      '',
      'TB2031-53 Publisere statistikk',
      'Prøvedirektoratet skal publisere statistikk innen 1. september 2031 (Ansv. avd.: STA).',
      '',
      'TB2031-54 Evaluere ordningen',
      'Prøvedirektoratet skal evaluere ordningen. Frist: 1. oktober 2031.',
      'Ansvar: NAV og KS.',
    );
    expect(doc.assignments.map((a) => [a.assignedId, a.ownerDepartment])).toEqual([
      ['TB2031-51', 'PTA'],
      ['TB2031-52', 'FIN'],
      ['TB2031-53', 'STA'],
      ['TB2031-54', null],
    ]);
    for (const a of doc.assignments.slice(0, 3)) expect(a.text).not.toMatch(/Ansv/);
  });

  it('reads it as a sentence between others, the deadline after it kept in the text', () => {
    const doc = supplement(
      'TB2031-55 Kartlegge fisket',
      'Prøvedirektoratet skal kartlegge fisket langs kysten. Ansvarlig avdeling: FRA. Frist: 1. desember 2031.',
      '',
      'TB2031-56 Gi innspill',
      'Prøvedirektoratet skal gi innspill. Ansvarlig avdeling: FRA, men i samråd med andre.',
    );
    expect(
      doc.assignments.map((a) => [a.assignedId, a.ownerDepartment, a.deadlines.map((d) => d.date)]),
    ).toEqual([
      ['TB2031-55', 'FRA', ['2031-12-01']],
      // Text after the codes that is no new sentence: no statement of an owner.
      ['TB2031-56', null, []],
    ]);
    expect(doc.assignments[0]!.text).toBe(
      'Prøvedirektoratet skal kartlegge fisket langs kysten. Frist: 1. desember 2031.',
    );
  });

  it('reads it where a PDF line broke its label, the next line going with it', () => {
    const doc = supplement(
      'TB2031-57 Kartlegge fisket',
      'Prøvedirektoratet skal kartlegge fisket langs kysten. Ansvarlig',
      'avdeling: FRA. Frist: 1. desember 2031.',
    );
    expect(
      doc.assignments.map((a) => [a.ownerDepartment, a.deadlines.map((d) => d.date), a.text]),
    ).toEqual([
      [
        'FRA',
        ['2031-12-01'],
        'Prøvedirektoratet skal kartlegge fisket langs kysten. Frist: 1. desember 2031.',
      ],
    ]);
  });

  it('reads it from a line of its own, and from the end of a deadline line; keeps it out of the text', () => {
    const doc = supplement(
      'TB2031-41 Kartlegge ventetider i prøveordningen',
      'Prøvedirektoratet skal kartlegge ventetidene i ordningen og foreslå tiltak',
      'som korter dem inn, i dialog med kommunene.',
      'Frist: 1.9.2031',
      'Ansvarlig avdeling i PD: ABC',
      '',
      'TB2031-42 Evaluere tilskuddsordningen',
      'Prøvedirektoratet skal evaluere ordningen og gi råd om hvordan den',
      'kan gjøres enklere for søkerne.',
      'Frist: 15.11.2031 Ansvarlig avdeling i PD: DEF og GHI',
    );
    expect(
      doc.assignments.map((a) => [a.assignedId, a.ownerDepartment, a.deadlines.map((d) => d.date)]),
    ).toEqual([
      ['TB2031-41', 'ABC', ['2031-09-01']],
      ['TB2031-42', 'DEF/GHI', ['2031-11-15']],
    ]);
    for (const a of doc.assignments) expect(a.text).not.toMatch(/Ansvarlig avdeling/);
    // The owner line is still the item's source: its span runs to it.
    expect(doc.assignments[0]!.provenance).toEqual({ startLine: 5, endLine: 9 });
  });

  it('keeps the owner printed on the ID line, and leaves an item without one without', () => {
    const doc = supplement(
      'TB2031-43 Avd. PD: JKL Utrede ny ordning',
      'Prøvedirektoratet skal utrede en ny ordning for søknader og legge fram',
      'et forslag med økonomiske konsekvenser. Frist: 1.3.2031',
      '',
      'TB2031-44 Følge opp evalueringen',
      'Prøvedirektoratet skal følge opp evalueringen og rapportere om hva som',
      'er gjort. Frist: 1.4.2031',
    );
    expect(doc.assignments.map((a) => [a.assignedId, a.ownerDepartment])).toEqual([
      ['TB2031-43', 'JKL'],
      ['TB2031-44', null],
    ]);
  });
});

/** A nynorsk allocation letter whose assignments are a numbered list without IDs. */
const listLetter = (...items: string[]) =>
  parseLetters([
    'Tildelingsbrev til Prøvetilsynet for 2033',
    '',
    'Oppdrag for 2033',
    'Prøvetilsynet skal:',
    ...items,
    '',
    'Med helsing',
    '',
    'Kari Nordmann',
  ])[0]!;

describe('owner department of an assignment without an ID', () => {
  it('reads it from a paragraph of the list item, and in brackets at the end of its sentence', () => {
    const doc = listLetter(
      '1. Kartleggje korleis kontrollane er organiserte ved regionkontora. Frist: 1. mai 2033.',
      'Ansvarleg avdeling: MTA',
      '2. Leggje fram ein plan for tilsyn med sal på nett innan 1. september (ansvarleg avdeling: RSA).',
      '3. Utarbeide ein rettleiar for små produsentar. Frist: 1. juni 2033.',
    );
    expect(
      doc.assignments.map((a) => [a.assignedId, a.ownerDepartment, a.deadlines.map((d) => d.date)]),
    ).toEqual([
      ['TB2033-01', 'MTA', ['2033-05-01']],
      ['TB2033-02', 'RSA', ['2033-09-01']],
      ['TB2033-03', null, ['2033-06-01']],
    ]);
    // The statement leaves the text; the sentence keeps its full stop.
    expect(doc.assignments[0]!.text).not.toMatch(/avdeling/i);
    expect(doc.assignments[1]!.text).toMatch(/innan 1\. september\.$/);
  });

  it('closes the item with it: the paragraph after the list is not the last item’s', () => {
    // Word text: one line per paragraph, no blank lines between them.
    const doc = listLetter(
      '1. Kartleggje korleis kontrollane er organiserte ved regionkontora. Frist: 1. mai 2033.',
      '2. Samarbeide med kommunane om tilsyn med leikeplassar. Frist: 1. desember 2033.',
      'Ansvarleg avdeling: MTA',
      'Departementet følgjer opp oppdraga i etatsstyringsmøta gjennom heile året.',
    );
    const last = doc.assignments[1]!;
    expect(last.ownerDepartment).toBe('MTA');
    expect(last.text).not.toMatch(/etatsstyringsmøta/);
  });
});
