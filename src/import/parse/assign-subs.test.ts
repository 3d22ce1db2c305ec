/**
 * Sub-assignments written as numbered headings, each with paragraphs and a deadline of its own,
 * and deadlines that name the sub-assignments they are for. Letters written here.
 */
import { describe, expect, it } from 'vitest';
import { parseLetters } from './index';

const assignment = (...body: string[]) =>
  parseLetters([
    'Tillegg nr. 4 til tildelingsbrev for 2031 til Prøvedirektoratet',
    'Nye oppdrag:',
    'TB2031-70 Enklere tilskuddsordninger',
    ...body,
  ])[0]!.assignments[0]!;

const deadlines = (a: ReturnType<typeof assignment>) =>
  a.deadlines.map((d) => `${d.appliesTo ?? '-'}:${d.date}`).sort();

describe('sub-assignments as numbered headings', () => {
  it('gives each its paragraphs and its own deadline', () => {
    const a = assignment(
      'Departementet har fått to vedtak fra Stortinget om tilskudd og ber direktoratet følge dem opp.',
      '',
      '1. Vedtak 101',
      '',
      'Vi ber Prøvedirektoratet gå gjennom tilskuddsordningene og foreslå hvordan de kan bli enklere.',
      '',
      'Frist: 1.3.2032',
      '',
      '2. Vedtak 102',
      '',
      'Vi ber Prøvedirektoratet foreslå tiltak for raskere saksbehandling av søknader om tilskudd.',
      '',
      'Frist: 1.12.2031',
      '',
      'Ansvarlig avdeling i PD: ABC',
    );
    expect(a.subAssignments.map((s) => s.letter)).toEqual(['1', '2']);
    expect(deadlines(a)).toEqual(['1:2032-03-01', '2:2031-12-01']);
  });

  it('leaves a common deadline after a list of short items to the whole assignment', () => {
    const a = assignment(
      'Prøvedirektoratet skal:',
      '',
      'a) Vurdere nye veiledere',
      'b) Vurdere andre tiltak for å øke kompetansen',
      '',
      'Frist: 30.6.2032',
    );
    expect(deadlines(a)).toEqual(['-:2032-06-30']);
  });

  it('gives a deadline that names sub-assignments to them, wherever it stands', () => {
    const a = assignment(
      'Prøvedirektoratet skal:',
      '',
      '1. Utarbeide forslag til ny forskrift',
      '',
      'Forslaget skal bygge på erfaringene fra forsøket og omtale de økonomiske konsekvensene.',
      '',
      '2. Gjennomføre høring',
      '',
      'Direktoratet skal sende forslaget på alminnelig høring og oppsummere innspillene etterpå.',
      '',
      'Frist: Frist for deloppdrag 1 og 2 er 31.10.2031.',
    );
    expect(deadlines(a)).toEqual(['1:2031-10-31', '2:2031-10-31']);
  });
});
