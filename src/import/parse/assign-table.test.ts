/**
 * Assignments in tables, a row each: the header names the columns; rows are read a line each
 * (Word, Markdown) or from a PDF's wrapped lines. Letters written here.
 */
import { describe, expect, it } from 'vitest';
import { assignmentColumns } from './assign-table';
import { letterLines } from '../../testing/builders';
import { parseLetters } from './index';

const letter = (...section: string[]) => parseLetters(letterLines(...section))[0]!;

const read = (doc: ReturnType<typeof letter>) =>
  doc.assignments.map((a) => ({
    id: a.id ?? a.assignedId,
    owner: a.ownerDepartment,
    title: a.title,
    deadlines: a.deadlines.map((d) => d.date),
    section: a.section,
  }));

describe('assignment table headers', () => {
  it('knows a header by its assignment and deadline columns, number and owner optional', () => {
    expect(assignmentColumns('Nr.  Oppdrag  Ansvarlig avdeling  Frist')).toEqual([
      'id',
      'text',
      'owner',
      'deadline',
    ]);
    expect(assignmentColumns('Oppdrag  Tidsfrist')).toEqual(['text', 'deadline']);
    expect(assignmentColumns('Oppdrag  Frist  Merknad')).toEqual(['text', 'deadline', 'other']);
  });

  it('leaves calendar tables, budget tables and prose alone', () => {
    expect(assignmentColumns('Frist  Beskrivelse')).toBeNull();
    expect(assignmentColumns('Dato  Aktivitet  Merknad')).toBeNull();
    expect(assignmentColumns('Kap.  Post  Betegnelse  Beløp')).toBeNull();
    expect(assignmentColumns('Oppdrag og frist')).toBeNull();
    // One word per cell, as a sentence would never be printed.
    expect(assignmentColumns('Oppdrag  Oppdrag  Frist')).toBeNull();
  });
});

describe('assignments in tables', () => {
  it('reads a numbered table a row an assignment: owner, deadline, an empty owner cell', () => {
    const doc = letter(
      '2. Oppdrag',
      'Nr.  Oppdrag  Ansvarlig avdeling  Frist',
      '1  Direktoratet skal kartlegge prøvefeltene.  PTA  1. mai 2031',
      '2  Direktoratet skal vurdere gebyrene.  Innen 1. mars 2031',
      '3  Direktoratet skal rapportere om tilskuddene.  PTA/FIN  15.9.2031',
    );
    expect(read(doc)).toEqual([
      {
        id: 'TB2031-01',
        owner: 'PTA',
        title: 'Direktoratet skal kartlegge prøvefeltene',
        deadlines: ['2031-05-01'],
        section: 'Oppdrag',
      },
      {
        id: 'TB2031-02',
        owner: null,
        title: 'Direktoratet skal vurdere gebyrene',
        deadlines: ['2031-03-01'],
        section: 'Oppdrag',
      },
      {
        id: 'TB2031-03',
        owner: 'PTA/FIN',
        title: 'Direktoratet skal rapportere om tilskuddene',
        deadlines: ['2031-09-15'],
        section: 'Oppdrag',
      },
    ]);
    expect(doc.unparsed.map((u) => u.text).join('\n')).not.toContain('kartlegge');
  });

  it('reads a number pdf.js joined onto the text as the number cell', () => {
    const doc = letter(
      '2. Oppdrag',
      'Nr.  Oppdrag  Ansvarlig avdeling  Frist',
      '1 Direktoratet skal kartlegge prøvefeltene.  PTA  1. mai 2031',
      '2 Direktoratet skal vurdere gebyrene.  FIN  1. juni 2031',
    );
    expect(read(doc).map((a) => [a.title, a.owner, a.deadlines])).toEqual([
      ['Direktoratet skal kartlegge prøvefeltene', 'PTA', ['2031-05-01']],
      ['Direktoratet skal vurdere gebyrene', 'FIN', ['2031-06-01']],
    ]);
  });

  it('passes over the header printed again after a page break', () => {
    const doc = letter(
      '2. Oppdrag',
      'Nr.  Oppdrag  Frist',
      '1  Direktoratet skal kartlegge prøvefeltene og lage',
      'en oversikt.  1. mai 2031',
      'Side 2',
      'Nr.  Oppdrag  Frist',
      '2  Direktoratet skal vurdere gebyrene.  1. juni 2031',
    );
    expect(read(doc).map((a) => [a.title, a.deadlines])).toEqual([
      ['Direktoratet skal kartlegge prøvefeltene og lage en oversikt', ['2031-05-01']],
      ['Direktoratet skal vurdere gebyrene', ['2031-06-01']],
    ]);
    expect(doc.assignments[0]!.text).not.toMatch(/Nr\.|Oppdrag|Frist: 1\. mai 2031 Frist/);
    expect(doc.unparsed.map((u) => u.text).join('\n')).not.toMatch(/Frist|prøvefeltene|gebyrene/);
  });

  it('takes printed IDs from the number column', () => {
    const doc = letter(
      '2. Oppdrag',
      'ID  Oppdrag  Frist',
      'TB2031-07  Direktoratet skal lage en plan.  1. juni 2031',
      '2031-08  Direktoratet skal evaluere ordningen.  1. oktober 2031',
    );
    expect(read(doc).map((a) => [a.id, a.deadlines])).toEqual([
      ['TB2031-07', ['2031-06-01']],
      ['TB2031-08', ['2031-10-01']],
    ]);
  });

  it("reads a PDF's wrapped row: the deadline beside a middle line, a deadline cell that wraps", () => {
    const doc = letter(
      '2.1 Mål 1: Feltene er kartlagt',
      'Direktoratet skal ha oversikt over alle prøvefelt.',
      '',
      'Oppdrag  Frist',
      'Direktoratet skal kartlegge tilstanden til feltene i nord og',
      'foreslå hvilke felt som skal sikres først, med anslag over  1. juni 2031',
      'kostnadene for hvert tiltak.',
      'Direktoratet skal gi en oversikt over nye felt i  Innen 1. mars',
      'hele landet.  2031',
      'Direktoratet skal rapportere om bruken av midlene.  Årsrapporten',
      '2.2 Mål 2: Feltene er i bruk',
      'Publikum skal finne feltene.',
    );
    expect(read(doc)).toEqual([
      {
        id: 'TB2031-01',
        owner: null,
        title: expect.stringMatching(
          /^Direktoratet skal kartlegge tilstanden til feltene i nord og foreslå/,
        ),
        deadlines: ['2031-06-01'],
        section: 'Mål 1: Feltene er kartlagt',
      },
      {
        id: 'TB2031-02',
        owner: null,
        title: 'Direktoratet skal gi en oversikt over nye felt i hele landet',
        deadlines: ['2031-03-01'],
        section: 'Mål 1: Feltene er kartlagt',
      },
      {
        id: 'TB2031-03',
        owner: null,
        title: 'Direktoratet skal rapportere om bruken av midlene',
        deadlines: [],
        section: 'Mål 1: Feltene er kartlagt',
      },
    ]);
    // A deadline no date can be read from stays in the text; the next goal is read as a goal.
    expect(doc.assignments[2]!.text).toContain('Frist: Årsrapporten');
    expect(doc.goals.map((g) => g.title)).toEqual(['Feltene er kartlagt', 'Feltene er i bruk']);
  });

  it("takes a date that pdf.js joined onto the end of the text as the row's deadline", () => {
    // The deadline cell printed less than 0.6 em from the text: one piece of text, one space.
    const doc = letter(
      '2. Oppdrag',
      'Oppdrag  Frist',
      'Direktoratet skal lage en plan for feltene. 1. september 2031',
      'Direktoratet skal kartlegge feltene i nord.  15.10.2031',
    );
    expect(read(doc).map((a) => [a.title, a.deadlines])).toEqual([
      ['Direktoratet skal lage en plan for feltene', ['2031-09-01']],
      ['Direktoratet skal kartlegge feltene i nord', ['2031-10-15']],
    ]);
    expect(doc.assignments[0]!.text).not.toMatch(/feltene\. 1\. september/);
  });

  it('leaves a table of earlier assignments that go on to the carried-over list', () => {
    const doc = letter(
      '2. Oppdrag',
      'Oppdrag  Frist',
      'Direktoratet skal lage en plan.  1. juni 2031',
      '3. Tidligere gitte oppdrag som ikke er ferdigstilt',
      'ID  Oppdrag  Frist',
      'TB2030-04  Direktoratet skal evaluere ordningen.  1. mars 2031',
      'TB2029-11  Direktoratet skal lage en veileder.  1. mai 2031',
    );
    expect(read(doc).map((a) => a.id)).toEqual(['TB2031-01']);
    expect(doc.carriedOver.map((c) => c.id)).toEqual(['TB2030-04', 'TB2029-11']);
  });

  it('ends at a section title without a number, the table under it left to its reader', () => {
    const doc = letter(
      'Oppdrag',
      'Oppdrag  Frist',
      'Direktoratet skal kartlegge prøvefeltene.  1. mai 2031',
      'Direktoratet skal vurdere gebyrene.  1. juni 2031',
      '',
      'Styringskalender',
      'Dato  Aktivitet',
      '15. mars 2031  Etatsstyringsmøte',
    );
    expect(read(doc).map((a) => a.title)).toEqual([
      'Direktoratet skal kartlegge prøvefeltene',
      'Direktoratet skal vurdere gebyrene',
    ]);
    expect(doc.calendar.map((c) => [c.date, c.text])).toEqual([
      ['2031-03-15', 'Etatsstyringsmøte'],
    ]);
  });

  it('takes no date the text speaks of for a deadline (`… fra 1. mars`)', () => {
    const doc = letter(
      '2. Oppdrag',
      'Oppdrag  Frist',
      'Direktoratet skal følge opp forskriften fra 1. mars',
      'og rapportere om den løpende.',
      'Direktoratet skal vurdere gebyrene.  1. juni 2031',
    );
    expect(read(doc).map((a) => [a.title, a.deadlines])).toEqual([
      ['Direktoratet skal følge opp forskriften fra 1. mars og rapportere om den løpende', []],
      ['Direktoratet skal vurdere gebyrene', ['2031-06-01']],
    ]);
  });

  it('ends the table at the paragraph after it', () => {
    const doc = letter(
      '2. Oppdrag',
      'Oppdrag  Frist',
      'Direktoratet skal lage en plan.  1. juni 2031',
      'Departementet vil følge opp planen i styringsmøtene.',
      '3. Styringskalender',
      '20. februar 2031: Styringsmøte',
    );
    expect(read(doc).map((a) => a.title)).toEqual(['Direktoratet skal lage en plan']);
    expect(doc.assignments[0]!.text).not.toContain('styringsmøtene');
    expect(doc.calendar.map((c) => [c.date, c.text])).toEqual([['2031-02-20', 'Styringsmøte']]);
  });
});
