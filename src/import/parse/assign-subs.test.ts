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

describe('parts of an assignment and the deadlines they are given', () => {
  it('reads a lettered list `a.` under prose as the parts, and `punkt a)` as naming one', () => {
    const a = assignment(
      'Prøvedirektoratet skal forvalte ordningen fra 2032. Som ledd i dette skal direktoratet:',
      'a. utarbeide forslag til regelverk for ordningen og sende det til departementet',
      'b. lyse ut midlene og fatte vedtak om tilskudd innenfor rammen',
      'Frist for punkt a) er 1. september 2031. Frist for punkt b) er 1. desember 2031.',
    );
    expect(a.subAssignments.map((s) => s.letter)).toEqual(['a', 'b']);
    expect(deadlines(a)).toEqual(['a:2031-09-01', 'b:2031-12-01']);
  });

  it('gives a deadline for the whole assignment to the whole, after the last part', () => {
    const a = assignment(
      'Departementet ber direktoratet om å:',
      '1. Gå gjennom resultatene sammen med brukerorganisasjonene og velge ut forholdene som skal prioriteres.',
      '2. Lage en tiltaksplan for de prioriterte forholdene. Frist for deloppdrag 2: 1. oktober 2031.',
      'Frist for hele oppdraget: 1. desember 2031.',
    );
    expect(deadlines(a)).toEqual(['-:2031-12-01', '2:2031-10-01']);
  });

  it('gives a deadline paragraph under each part to that part (PDF, blank lines between)', () => {
    const a = assignment(
      'Departementet ber direktoratet følge opp gevinstene. Oppdraget har to deler:',
      '',
      '1. Lage en plan for uttak av gevinster.',
      '',
      'Frist: 1. mars 2031',
      '',
      '2. Rapportere om gevinstene.',
      '',
      'Frist: 15. oktober 2031',
    );
    expect(deadlines(a)).toEqual(['1:2031-03-01', '2:2031-10-15']);
  });
});

describe('parts of an assignment without an ID (a numbered list item)', () => {
  it('are its lettered items; its own number is not one', () => {
    const [letter] = parseLetters([
      'Tildelingsbrev til Prøvetilsynet for 2033',
      '',
      'Oppdrag for 2033',
      'Prøvetilsynet skal:',
      '1. Kartleggje kontrollane ved regionkontora. Frist: 1. mai 2033.',
      '2. Førebu ei digital søknadsteneste. Oppdraget har to delar:',
      'a) Greie ut kva behov laboratoria har. Frist: 1. mars 2033.',
      'b) Leggje fram ein plan for innføring. Frist: 1. oktober 2033.',
      '',
      'Med helsing',
    ]);
    const a = letter!.assignments[1]!;
    expect(a.subAssignments.map((s) => s.letter)).toEqual(['a', 'b']);
    expect(deadlines(a)).toEqual(['a:2033-03-01', 'b:2033-10-01']);
  });
});
