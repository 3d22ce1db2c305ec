/**
 * Clarifications (*presisering*): a supplement that changes assignments given earlier names
 * them by their IDs, under a heading of its own or by referring back to them. Such an item is a
 * change to the earlier assignment (`clarifies`), not a new one. Letters written here.
 */
import { describe, expect, it } from 'vitest';
import { parseLetters } from './index';

const supplement = (...body: string[]) =>
  parseLetters([
    'Tillegg nr. 3 til tildelingsbrev for 2031 til Prøvedirektoratet',
    '',
    ...body,
  ])[0]!;

const facts = (doc: ReturnType<typeof supplement>) =>
  doc.assignments.map((a) => [a.assignedId, a.clarifies, a.ownerDepartment]);

describe('clarifications of earlier assignments', () => {
  it('marks the items under a clarification heading, until a heading of new ones', () => {
    const doc = supplement(
      'Presisering av tidligere oppdrag:',
      '',
      'TB2031-04 Kartlegge ventetider i prøveordningen',
      '',
      'Kartleggingen skal også omfatte søknader fra utlandet.',
      'Frist for delleveransen: 1.6.2031',
      '',
      'Ansvarlig avdeling i PD: ABC',
      'Nye oppdrag:',
      '',
      'TB2031-51 Evaluere tilskuddsordningen',
      '',
      'Prøvedirektoratet skal evaluere ordningen. Frist: 1.10.2031',
      '',
      'Ansvarlig avdeling i PD: DEF',
    );
    expect(facts(doc)).toEqual([
      ['TB2031-04', 'TB2031-04', 'ABC'],
      ['TB2031-51', null, 'DEF'],
    ]);
    // The group headings belong to no item: the first item's text ends before `Nye oppdrag:`.
    expect(doc.assignments[0]!.text).not.toMatch(/Nye oppdrag/);
    expect(doc.assignments[0]!.deadlines.map((d) => d.date)).toEqual(['2031-06-01']);
  });

  it('reads a heading in nynorsk, and an item that refers back to its own ID', () => {
    const doc = supplement(
      'Endringar i tidlegare oppdrag',
      '',
      'TB2031-07 Ny rettleiar for søkjarar',
      '',
      'Fristen vert flytta til 1.12.2031.',
      '',
      'Nytt oppdrag',
      '',
      'TB2031-12 Gjennomgang av gebyr',
      '',
      'Det vert vist til oppdrag TB2031-12. Direktoratet skal òg vurdere gebyra for klagar.',
      '',
      'TB2031-52 Ny handlingsplan',
      '',
      'Det vert vist til oppdrag TB2030-33. Direktoratet skal lage ein ny handlingsplan.',
    );
    expect(facts(doc)).toEqual([
      ['TB2031-07', 'TB2031-07', null],
      // Not under the heading, but its text refers back to itself.
      ['TB2031-12', 'TB2031-12', null],
      // Refers to another assignment: a new one that builds on it.
      ['TB2031-52', null, null],
    ]);
  });

  it('is never set in an allocation letter, nor for an item without a printed ID', () => {
    const [letter] = parseLetters([
      'Tildelingsbrev for 2031 til Prøvedirektoratet',
      '',
      'Presisering av tidligere oppdrag',
      '',
      'TB2031-02 Videreføre arbeidet med veilederen',
      '',
      'Det vises til oppdrag TB2031-02. Arbeidet videreføres. Frist: 1.3.2031',
    ]);
    expect(letter!.assignments.map((a) => a.clarifies)).toEqual([null]);
  });

  it('starts a new item after an owner statement without a blank line between', () => {
    const doc = supplement(
      'Nye oppdrag:',
      '',
      'TB2031-53 Første oppdrag',
      '',
      'Prøvedirektoratet skal utrede saken. Frist: 1.5.2031',
      'Ansvarlig avdeling i PD: ABC',
      'TB2031-54 Andre oppdrag som fortsetter',
      'på neste linje',
      '',
      'Prøvedirektoratet skal følge opp saken. Frist: 1.6.2031',
      'Ansvarlig avdeling i PD: DEF',
    );
    expect(
      doc.assignments.map((a) => [a.assignedId, a.ownerDepartment, a.deadlines.map((d) => d.date)]),
    ).toEqual([
      ['TB2031-53', 'ABC', ['2031-05-01']],
      ['TB2031-54', 'DEF', ['2031-06-01']],
    ]);
  });
});

describe('which change of an earlier assignment an item is', () => {
  it('is read from the words its title opens with, in bokmål and nynorsk', () => {
    const doc = supplement(
      'Endringer i tidligere oppdrag',
      '',
      'TB2031-04 Ny frist',
      '',
      'Datagrunnlaget kommer senere.',
      'Frist: 1.12.2031.',
      '',
      'TB2031-05 Oppdraget utgår',
      '',
      'Arbeidet dekkes av et nytt oppdrag.',
      '',
      'TB2031-06 Oppdraget går ut',
      '',
      'Arbeidet vert dekt av eit nytt oppdrag.',
      '',
      'TB2031-07 Presisering',
      '',
      'Kartleggingen skal også omfatte søknader fra utlandet.',
      '',
      'TB2031-08 Kartlegge ventetider',
      '',
      'Kartleggingen skal også omfatte klager.',
      '',
      'Nye oppdrag:',
      '',
      'TB2031-52 Ny frist for søknader',
      '',
      'Prøvedirektoratet skal vurdere en ny frist for søknader. Frist: 1.10.2031',
    );
    expect(doc.assignments.map((a) => [a.assignedId, a.clarifies, a.change])).toEqual([
      ['TB2031-04', 'TB2031-04', 'deadline'],
      ['TB2031-05', 'TB2031-05', 'cancellation'],
      ['TB2031-06', 'TB2031-06', 'cancellation'],
      ['TB2031-07', 'TB2031-07', 'clarification'],
      // A change whose title names none is a clarification, as printed: no kind is said.
      ['TB2031-08', 'TB2031-08', undefined],
      // A new assignment is no change, whatever its title says.
      ['TB2031-52', null, undefined],
    ]);
    expect(doc.assignments[0]!.deadlines.map((d) => d.date)).toEqual(['2031-12-01']);
    // Absent, not null: readings of letters that say no kind are as before.
    expect('change' in doc.assignments[4]!).toBe(false);
  });

  it('is read from the words its title ends with after a dash', () => {
    const doc = supplement(
      'Endringar i tidlegare oppdrag',
      '',
      'TB2031-14 Evaluering av tilskotsordninga – ny frist',
      '',
      'Datagrunnlaget kjem seinare.',
      '',
      'TB2031-15 Rettleiar for søkjarar – presisering',
      '',
      'Rettleiaren skal òg omfatte søknader frå utlandet.',
      '',
      'TB2031-16 Ordning for lokale prøvesenter - oppdraget går ut',
      '',
      'Arbeidet vert dekt av eit nytt oppdrag.',
    );
    expect(doc.assignments.map((a) => [a.assignedId, a.clarifies, a.change])).toEqual([
      ['TB2031-14', 'TB2031-14', 'deadline'],
      ['TB2031-15', 'TB2031-15', 'clarification'],
      ['TB2031-16', 'TB2031-16', 'cancellation'],
    ]);
  });
});

describe('where the items of a supplement end (Word text, no blank lines)', () => {
  const doc = supplement(
    'Tildelinga er endra slik det går fram av tabellen.',
    'Oppdrag',
    'Nye oppdrag',
    'TB2031-61 Kartlegge ventetider',
    'Prøvedirektoratet skal kartlegge ventetidene i ordningen. Frist: 1.9.2031.',
    'Ansvarlig avdeling i PD: ABC',
    'Oppdrag som er unntatt offentlighet',
    'Følgende oppdrag er gitt i eget brev:',
    '• TB2031-62 Sikring av laboratoriene',
    '• TB2031-63 Deltakelse i beredskapsøvelse',
    'Endringer i tidligere gitte oppdrag',
    'TB2031-04 Veileder for søkere – presisering',
    'Veilederen skal også omfatte søknader fra utlandet.',
    'Ansvarlig avdeling i PD: DEF',
    'Rapportering',
    'Prøvedirektoratet skal rapportere om oppdragene i årsrapporten.',
  );

  it('ends an item at its owner statement, and opens one after a heading without a full stop', () => {
    expect(facts(doc)).toEqual([
      ['TB2031-61', null, 'ABC'],
      ['TB2031-62', null, null],
      ['TB2031-63', null, null],
      ['TB2031-04', 'TB2031-04', 'DEF'],
    ]);
    expect(doc.assignments[0]!.text).not.toMatch(/unntatt|TB2031-62|Endringer/);
  });
});

describe('an ID line after a heading of any words', () => {
  it('opens an item: the heading ended the text before it', () => {
    const doc = supplement(
      'Nye oppdrag:',
      'TB2031-64 Kartlegge ventetider',
      'Prøvedirektoratet skal kartlegge ventetidene i ordningen. Frist: 1.9.2031.',
      'Oppdrag om beredskap',
      'TB2031-65 Øve på bortfall av strøm',
      'Prøvedirektoratet skal øve på bortfall av strøm. Frist: 1.10.2031.',
    );
    expect(doc.assignments.map((a) => [a.assignedId, a.deadlines.map((d) => d.date)])).toEqual([
      ['TB2031-64', ['2031-09-01']],
      ['TB2031-65', ['2031-10-01']],
    ]);
  });
});

describe('a supplement that prints its assignments’ IDs', () => {
  it('makes no assignments of its other text by topic', () => {
    const doc = supplement(
      'Departementet viser til tildelingsbrevet for 2031.',
      '',
      'Forutsetninger for tildelingen',
      '',
      'Departementet ber om at midlene brukes i tråd med formålet for posten.',
      '',
      'Endringer i tildelingen',
      '',
      'Departementet ber direktoratet holde oversikt over bruken av de nye midlene.',
      '',
      'Nye oppdrag:',
      '',
      'TB2031-61 Kartlegge ventetider',
      '',
      'Prøvedirektoratet skal kartlegge ventetidene i ordningen. Frist: 1.9.2031.',
    );
    expect(facts(doc)).toEqual([['TB2031-61', null, null]]);
  });
});

describe('a numbered section heading written like a list item', () => {
  it('ends the assignment before it (`5. Oppfølging og rapportering`)', () => {
    const [letter] = parseLetters([
      'Tildelingsbrev for 2031 til Prøvedirektoratet',
      '',
      'Oppdrag:',
      '',
      'TB2031-11 Forberede ny ordning',
      '',
      'Prøvedirektoratet skal forberede ordningen.',
      '',
      '5. Oppfølging og rapportering',
      '',
      'Prøvedirektoratet skal innen 15. september legge fram en oversikt over planlagte oppgaver.',
    ]);
    const a = letter!.assignments.find((x) => x.id === 'TB2031-11')!;
    expect(a.deadlines).toEqual([]);
    expect(a.text).not.toMatch(/Oppfølging og rapportering|15\. september/);
  });
});
