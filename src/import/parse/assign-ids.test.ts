/**
 * Assignments opened by an ID printed without its prefix (`ID: 2031-01 Title`), as a state
 * enterprise's oppdragsdokument prints them, a deadline printed as a date that does not exist,
 * and assignments numbered in words (`Oppdrag 1: Title`) without an ID. Letters written here.
 */
import { describe, expect, it } from 'vitest';
import { parseLetters } from './index';

describe('IDs printed without their prefix', () => {
  const [doc] = parseLetters([
    'Tildelingsbrev til Prøveforetaket SF for 2031',
    '',
    'Prøvedepartementet gir med dette Prøveforetaket SF oppdrag for 2031.',
    '',
    'Oppdrag:',
    'ID: 2031-01 Felles journal',
    'Prøveforetaket SF skal:',
    '• utrede en felles journalløsning for kommunene',
    '• legge fram en plan for innføring innen 1. september',
    '',
    'Oppdrag:',
    'ID: 2031-02 Beredskap for satellittbortfall',
    'Prøveforetaket SF skal:',
    '• kartlegge hva et bortfall av satellittsignaler betyr for tjenestene',
    'Frist: 31.06.2031',
    '',
    'Med hilsen',
    '',
    'Kari Nordmann',
  ]);

  it('opens one assignment per ID, with its title, its task list and its deadlines', () => {
    expect(
      doc!.assignments.map((a) => [a.assignedId, a.title, a.deadlines.map((d) => d.date)]),
    ).toEqual([
      ['TB2031-01', 'Felles journal', ['2031-09-01']],
      ['TB2031-02', 'Beredskap for satellittbortfall', [null]],
    ]);
  });

  it('keeps a date that does not exist as printed, undetermined, and says so', () => {
    expect(doc!.assignments[1]!.deadlines[0]!.value).toEqual({
      kind: 'undetermined',
      phrase: '31.06.2031',
    });
    expect(doc!.warnings).toContainEqual({
      code: 'date-impossible',
      params: { date: '31.06.2031', from: expect.any(Number), to: expect.any(Number) },
    });
  });
});

describe("a supplement's list of its new assignments", () => {
  it('makes an assignment of an ID known only by the list, and claims the list line of one with a text', () => {
    const [doc] = parseLetters([
      'Tillegg nr. 3 til tildelingsbrev for 2031 til Prøvedirektoratet',
      '',
      'Nye oppdrag:',
      '• TB2031-70 Kartlegge ventetider',
      '• TB2031-71 (unntatt offentlighet). For detaljer se eget vedlegg.',
      '',
      'TB2031-70 Kartlegge ventetider',
      'Prøvedirektoratet skal kartlegge ventetidene i ordningen og foreslå tiltak',
      'som korter dem inn. Frist: 1.10.2031',
      'Ansvarlig avdeling i PD: ABC',
      '',
      'Med hilsen',
      '',
      'Kari Nordmann',
    ]);
    expect(doc!.assignments.map((a) => [a.assignedId, a.title, a.ownerDepartment])).toEqual([
      ['TB2031-71', '(unntatt offentlighet). For detaljer se eget vedlegg', null],
      ['TB2031-70', 'Kartlegge ventetider', 'ABC'],
    ]);
    expect(doc!.unparsed.map((u) => u.text)).not.toContainEqual(
      expect.stringContaining('TB2031-70'),
    );
  });
});

describe('assignments numbered in words, without an ID', () => {
  const [doc] = parseLetters([
    'Tildelingsbrev til Prøvetilsynet for 2031',
    '',
    '1 Innledning',
    'Prøvedepartementet gir med dette Prøvetilsynet oppdrag for 2031.',
    '',
    '3 Oppdrag',
    'Departementet gir tilsynet disse oppdragene:',
    'Oppdrag 1: Tilsyn med prøvebenker',
    'Tilsynet skal føre tilsyn med minst 40 prøvebenker.',
    'Frist: 1. kvartal 2031',
    'Ansvarlig avdeling: PTA',
    'Oppdrag nr. 2 – Veileder for søkere',
    'Tilsynet skal lage en veileder for søkere innen utgangen av mai 2031.',
    'Oppdrag 3',
    'Evaluering av gebyrene',
    'Tilsynet skal evaluere gebyrordningen innen 1. november 2031.',
    '',
    'Med hilsen',
    '',
    'Kari Nordmann',
  ]);

  it('reads each heading as an assignment, numbered by Tildel, with title, owner and deadline', () => {
    expect(
      doc!.assignments.map((a) => [
        a.assignedId,
        a.id,
        a.title,
        a.ownerDepartment,
        a.deadlines.map((d) => d.date),
      ]),
    ).toEqual([
      ['TB2031-01', null, 'Tilsyn med prøvebenker', 'PTA', ['2031-03-31']],
      ['TB2031-02', null, 'Veileder for søkere', null, ['2031-05-31']],
      ['TB2031-03', null, 'Evaluering av gebyrene', null, ['2031-11-01']],
    ]);
  });

  it('keeps the heading out of the text and leaves none of it unread', () => {
    expect(doc!.assignments[0]!.text).not.toContain('Oppdrag 1');
    expect(doc!.unparsed.map((u) => u.text).join('\n')).not.toContain('prøvebenker');
  });
});

describe('numbered assignments under a section of another title', () => {
  it('reads `Oppdrag 4: …` under `Nye oppdrag` in a supplement', () => {
    const [doc] = parseLetters([
      'Tillegg nr. 2 til tildelingsbrev for 2031 – Prøvetilsynet',
      '',
      '1 Nye oppdrag',
      'Oppdrag 4: Kartlegging av prøvelag',
      'Tilsynet skal kartlegge prøvelagene i landet. Frist: 15. oktober 2031.',
      '',
      'Med hilsen',
      '',
      'Kari Nordmann',
    ]);
    expect(
      doc!.assignments.map((a) => [a.title, a.section, a.deadlines.map((d) => d.date)]),
    ).toEqual([['Kartlegging av prøvelag', 'Nye oppdrag', ['2031-10-15']]]);
  });
});

describe('a sentence that opens with `Oppdrag` and a number', () => {
  it('is text, not a heading (`Oppdrag 1–3 …`, a sentence that ends)', () => {
    const [doc] = parseLetters([
      'Tildelingsbrev til Prøvetilsynet for 2031',
      '',
      '1 Status',
      'Oppdrag 1–3 i tildelingsbrevet for 2030 er fullført og rapportert.',
      'Oppdrag 4. Dette oppdraget videreføres ikke.',
      '',
      'Med hilsen',
      '',
      'Kari Nordmann',
    ]);
    expect(doc!.assignments).toEqual([]);
  });
});

describe('assignments written as paragraphs opened by `Oppdrag:`', () => {
  // Paragraphs as Word and Markdown give them: a blank line of one space after each.
  const [doc] = parseLetters(
    [
      'Tildelingsbrev til Prøvetilsynet for 2031',
      '',
      '2 Prioriteringer',
      '',
      '2.1 Tilsyn med prøvebenker',
      '',
      'Tilsynet skal prioritere benker med høy risiko.',
      '',
      'Oppdrag: Tilsynet skal lage en analyse av avvikene i 2030.',
      '',
      // Its deadline in a paragraph of its own goes with it.
      'Frist: 1. juni 2031.',
      '',
      'Oppdrag: Tilsynet skal evaluere veiledningen og',
      'rapportere om funnene. Frist for delrapport er 1. mars 2031 og sluttrapport 1. november 2031.',
      'Ansvarlig avdeling: PTA',
      '',
      'Departementet vil følge opp arbeidet i styringsmøtene.',
      '',
      // A deadline for every assignment is none of the item above.
      'Frist for rapportering på alle oppdrag i brevet er 1. mars 2032.',
      '',
      '2.2 Digitalisering',
      '',
      'Tilleggsoppdrag: Tilsynet skal:',
      '• kartlegge hvilke data som deles',
      '• legge fram en plan innen 15. september 2031',
      '',
      'Oppdrag: se vedlegg 2.',
      '',
      'Med hilsen',
      '',
      'Kari Nordmann',
    ].map((l) => (l === '' ? ' ' : l)),
  );

  it('reads each as an assignment of its section, its lines and the list under it, with owner and deadlines', () => {
    expect(
      doc!.assignments.map((a) => [
        a.assignedId,
        a.section,
        a.ownerDepartment,
        a.deadlines.map((d) => d.date),
      ]),
    ).toEqual([
      ['TB2031-01', 'Tilsyn med prøvebenker', null, ['2031-06-01']],
      ['TB2031-02', 'Tilsyn med prøvebenker', 'PTA', ['2031-03-01', '2031-11-01']],
      ['TB2031-03', 'Digitalisering', null, ['2031-09-15']],
    ]);
    expect(doc!.assignments[0]!.text).not.toContain('Oppdrag:');
    expect(doc!.assignments[1]!.text).toContain('rapportere om funnene');
  });

  it('leaves the text around them, and a label over no sentence, to the section', () => {
    const unread = doc!.unparsed.map((u) => u.text).join('\n');
    expect(doc!.assignments.map((a) => a.text).join('\n')).not.toContain('styringsmøtene');
    expect(unread).toContain('styringsmøtene');
    expect(unread).toContain('se vedlegg 2');
  });
});
