import { describe, expect, it } from 'vitest';
import { extractMetadata, findTitle } from './metadata';
import { toSourceLines } from './text';
import type { DocText } from './types';

function doc(lines: string[], kind: DocText['kind'], number: number | null, year = 2031): DocText {
  return { lines: toSourceLines(lines), year, kind, number };
}

/** PDF-style text: empty line between printed lines. */
function pdf(lines: string[]): string[] {
  return lines.flatMap((l) => [l, '']);
}

const letter = doc(
  pdf([
    'Postadresse ',
    'Postboks 8011 Dep ',
    '0030 Oslo ',
    'postmottak@test.dep.no ',
    'Org.nr. ',
    '983 887 406 ',
    'Avdeling ',
    'Testavdelingen ',
    'Tildelingsbrev til Testdirektoratet for 2031 ',
    'Prøve- og testdepartementet har på bakgrunn av Prop. 1 S (2030-2031) og Innst. 11 ',
    'S (2030-2031) utarbeidet tildelingsbrev for Testdirektoratet for 2031. ',
    'Testdirektoratet skal gjøre mye i 2031, og Prøve- og testdepartementet følger opp. ',
    ' Side 2 ',
    'Med hilsen ',
    'Kari Nordmann (e.f.) ',
    'ekspedisjonssjef ',
    'Ola Nordmann ',
    'seniorrådgiver ',
    'Kopi: Riksrevisjonen ',
  ]),
  'allocation-letter',
  null,
);

describe('extractMetadata: letter', () => {
  const { items, claimed, warnings } = extractMetadata(letter);

  it('reads the facts', () => {
    expect(items).toEqual({
      kind: 'allocation-letter',
      identity: 'title',
      number: null,
      year: 2031,
      title: 'Tildelingsbrev til Testdirektoratet for 2031',
      ministry: 'Prøve- og testdepartementet',
      ministryOrgNr: '983 887 406',
      agency: 'Testdirektoratet',
      date: null,
      legalBasis: ['Prop. 1 S (2030–2031)', 'Innst. 11 S (2030–2031)'],
      signatories: [
        { name: 'Kari Nordmann', title: 'ekspedisjonssjef' },
        { name: 'Ola Nordmann', title: 'seniorrådgiver' },
      ],
    });
    expect(warnings).toEqual([]);
  });

  it('claims letterhead, title, legal basis, page marker, signature and copy list', () => {
    const lineOf = (t: string) => letter.lines.find((l) => l.text.trim() === t)?.no;
    for (const t of [
      'Postadresse',
      'Postboks 8011 Dep',
      'Org.nr.',
      '983 887 406',
      'Avdeling',
      'Testavdelingen',
      'Side 2',
      'Med hilsen',
      'seniorrådgiver',
      'Kopi: Riksrevisjonen',
    ]) {
      expect(claimed.has(lineOf(t) ?? -1), t).toBe(true);
    }
    expect(
      claimed.has(
        lineOf(
          'Testdirektoratet skal gjøre mye i 2031, og Prøve- og testdepartementet følger opp.',
        ) ?? -1,
      ),
    ).toBe(false);
  });
});

describe('extractMetadata: supplement', () => {
  const sup = doc(
    [
      ' Tillegg til tildelingsbrev nr. 5 - Oppfølging av revidert ',
      'budsjett',
      '',
      'Testdirektoratet ',
      'Postboks 1 Sentrum ',
      '0101 OSLO ',
      'Vår ref ',
      '31/1234-5 ',
      'Dato ',
      '21. april 2031 ',
      'Prøvedepartementet viser til Prop. 117 S (2030–2031) og inst. 12 S (2030-2031) med endringer. ',
      'Prøvedepartementet ber om mer.',
      ' Kari Nordmann (e.f.) ',
      'ekspedisjonssjef ',
      ' seniorrådgiver ',
    ],
    'supplement',
    5,
  );
  const { items, warnings } = extractMetadata(sup);

  it('reads title (wrapped), addressee, date, legal basis and an unsigned block', () => {
    expect(items.title).toBe('Tillegg til tildelingsbrev nr. 5 - Oppfølging av revidert budsjett');
    expect(items.agency).toBe('Testdirektoratet');
    expect(items.date).toBe('2031-04-21');
    expect(items.ministry).toBe('Prøvedepartementet');
    expect(items.legalBasis).toEqual(['Prop. 117 S (2030–2031)', 'Innst. 12 S (2030–2031)']);
    expect(items.signatories).toEqual([{ name: 'Kari Nordmann', title: 'ekspedisjonssjef' }]);
    expect(warnings).toEqual([
      { code: 'signature-without-name', params: { title: 'seniorrådgiver', line: 15 } },
    ]);
  });

  it('findTitle returns the title lines', () => {
    expect(findTitle(sup)?.lines.map((l) => l.no)).toEqual([1, 2]);
  });

  it('composes a title when none is printed, and warns', () => {
    const bare = extractMetadata(
      doc(['1 Innledning', 'Testdirektoratet skal gjøre noe.'], 'allocation-letter', null),
    );
    expect(bare.items.title).toBe('Tildelingsbrev til Testdirektoratet for 2031');
    expect(bare.warnings[0]?.code).toBe('title-composed');
  });

  it('warns about an org.nr. failing the check digit', () => {
    const bad = extractMetadata(doc(['Org.nr. 983 887 407', 'Tekst.'], 'allocation-letter', null));
    expect(bad.items.ministryOrgNr).toBe('983 887 407');
    expect(bad.warnings.some((w) => w.code === 'org-nr-check')).toBe(true);
  });
});

describe('a title wrapped after a dash', () => {
  it('is read with the agency on the next printed line', () => {
    const sup = doc(
      [
        'Supplerende tildelingsbrev nr. 3 for 2032 –',
        'Prøvetilsynet',
        'Departementet gir nye oppdrag.',
      ],
      'supplement',
      3,
      2032,
    );
    expect(findTitle(sup)).toMatchObject({
      title: 'Supplerende tildelingsbrev nr. 3 for 2032 – Prøvetilsynet',
      agency: 'Prøvetilsynet',
    });
    expect(findTitle(sup)?.lines.map((l) => l.no)).toEqual([1, 2]);
    const letter = extractMetadata(
      doc(
        ['Tildelingsbrev 2032 –', 'Direktoratet for testtjenester', 'Departementet viser til.'],
        'allocation-letter',
        null,
        2032,
      ),
    );
    expect(letter.items.title).toBe('Tildelingsbrev 2032 – Direktoratet for testtjenester');
    expect(letter.items.agency).toBe('Direktoratet for testtjenester');
    expect(letter.warnings.map((w) => w.code)).not.toContain('title-composed');
  });
});

describe('the addressee', () => {
  it('is the agency a `Supplerende tildelingsbrev` title names', () => {
    const d = doc(
      ['Supplerende tildelingsbrev nr. 4 Testetaten', 'Departementet gir nye oppdrag.'],
      'supplement',
      4,
    );
    expect(extractMetadata(d).items.agency).toBe('Testetaten');
  });

  it('is the agency a `Tillegg` title names after a dash, and no subject there', () => {
    const named = (title: string) =>
      extractMetadata(doc([title, '', 'Tilsynet skal gjøre noe.', ''], 'supplement', 2)).items
        .agency;
    expect(named('Tillegg nr. 2 til tildelingsbrev for 2031 – Prøvetilsynet')).toBe(
      'Prøvetilsynet',
    );
    expect(named('Tillegg nr. 2 til tildelingsbrev for 2031 – Nye oppdrag')).toBeNull();
  });

  it('is read from an address block on one line, never from copy recipients or letters referred to', () => {
    const d = doc(
      [
        'Nye tildelinger og oppdrag',
        'Prøveetaten Postboks 12 Sentrum 0101 OSLO',
        'Departementet viser til tildelingsbrev til Direktoratet for prøving og Testtilsynet for utpeking av roller.',
        'Kopi til:',
        'Direktoratet for prøving',
        'Testtilsynet',
      ],
      'supplement',
      4,
    );
    const { items, claimed } = extractMetadata(d);
    expect(items.agency).toBe('Prøveetaten');
    expect(claimed.has(2)).toBe(true);
  });

  it('is the name under a `Mottaker` label in the letterhead, before what the text names', () => {
    const d = doc(
      pdf([
        'Prøvedepartementet',
        'Mottaker',
        'Senter for prøving og måling',
        'Vår dato',
        '12. mars 2031',
        'Tillegg til tildelingsbrev nr. 2 for 2031',
        'Departementet ber Direktoratet for prøving om å bistå senteret.',
      ]),
      'supplement',
      2,
    );
    const { items, claimed } = extractMetadata(d);
    expect(items.agency).toBe('Senter for prøving og måling');
    expect([3, 5].map((n) => claimed.has(n))).toEqual([true, true]);
  });

  it.each([
    ['`Til:` with the name on its line', ['Til: Prøveetaten']],
    [
      'nynorsk `Mottakar:` over the name and its address',
      ['Mottakar:', 'Prøveetaten', 'Postboks 12 Sentrum', '0101 OSLO'],
    ],
  ])('is read from %s', (_, head) => {
    const d = doc(
      [...head, 'Tillegg til tildelingsbrev nr. 2 for 2031', 'Nye oppdrag.'],
      'supplement',
      2,
    );
    const { items, claimed } = extractMetadata(d);
    expect(items.agency).toBe('Prøveetaten');
    expect(head.map((_, i) => claimed.has(i + 1))).toEqual(head.map(() => true));
  });

  it('is no label in the text after the title, nor an address or a date under a label', () => {
    const after = doc(
      ['Tillegg til tildelingsbrev nr. 2 for 2031', 'Til', 'Prøveetaten', 'Nye oppdrag.'],
      'supplement',
      2,
    );
    expect(extractMetadata(after).items.agency).toBeNull();
    const wrapped = doc(
      ['Departementet sender dette', 'til', 'Prøveetaten og andre.'],
      'supplement',
      2,
    );
    expect(extractMetadata(wrapped).items.agency).toBeNull();
    for (const value of ['Postboks 12 Sentrum', '12. mars 2031', 'Vår dato']) {
      const d = doc(
        ['Mottaker', value, 'Tillegg til tildelingsbrev nr. 2 for 2031'],
        'supplement',
        2,
      );
      expect(extractMetadata(d).items.agency, value).toBeNull();
    }
  });

  it('is not a copy recipient when the letter names no addressee', () => {
    const d = doc(
      [
        'Nye oppdrag',
        'Departementet ber om en utredning innen 1. juni.',
        'Kopi: Direktoratet for prøving skal orienteres',
      ],
      'supplement',
      4,
    );
    expect(extractMetadata(d).items.agency).toBeNull();
  });
});

describe('boilerplate lists', () => {
  it('claims the names under `Kopi til:`', () => {
    const d = doc(
      ['Tekst.', 'Kopi til:', 'Riksrevisjonen', 'Testtilsynet', ' ', 'Et nytt avsnitt med tekst.'],
      'supplement',
      1,
    );
    const { claimed } = extractMetadata(d);
    expect([2, 3, 4, 6].map((n) => claimed.has(n))).toEqual([true, true, true, false]);
  });
});

describe('extractMetadata: the letter date', () => {
  /** A letter opening: letterhead lines, then a title and a line of text. */
  const opening = (head: string[], body: string[] = []) =>
    doc(
      [
        ...head,
        'Tildelingsbrev til Testdirektoratet for 2031',
        'Prøvedepartementet viser til Prop. 1 S (2030–2031).',
        ...body,
      ],
      'allocation-letter',
      null,
    );
  const dateOf = (head: string[], body: string[] = []) =>
    extractMetadata(opening(head, body)).items.date;

  it.each([
    ['Vår dato: 19.12.2030', '2030-12-19'],
    ['Vår dato 19.12.2030', '2030-12-19'],
    ['Dato: 20. desember 2030', '2030-12-20'],
    ['Dato 7. juli 2031', '2031-07-07'],
    ['Dato: 5. jan. 2031', '2031-01-05'],
    ['Dato: 20.desember 2030', '2030-12-20'],
  ])('labelled on the same line: %s', (line, date) => {
    expect(dateOf(['Testdirektoratet', 'Postboks 1 Sentrum', '0101 OSLO', line])).toBe(date);
  });

  it('labelled, the value on the next printed line', () => {
    expect(dateOf(['Vår ref', '', '30/1234-5', '', 'Dato', '', '21. april 2031'])).toBe(
      '2031-04-21',
    );
  });

  it.each([
    ['Oslo, 15. januar 2031', '2031-01-15'],
    ['18.12.2030', '2030-12-18'],
    ['20. desember 2030', '2030-12-20'],
    ['Bergen, 3.1.2031', '2031-01-03'],
  ])('a date line on its own near the top: %s', (line, date) => {
    expect(dateOf(['PRØVEDEPARTEMENTET', 'Testdirektoratet', line])).toBe(date);
  });

  it('a letterhead table row: labels on one line, values on the next', () => {
    expect(dateOf(['Deres ref  Vår ref  Dato', '30/1234-5  18.12.2030'])).toBe('2030-12-18');
    expect(dateOf(['Deres ref Vår ref Dato', '', '30/1234-5 ABC 18. desember 2030'])).toBe(
      '2030-12-18',
    );
  });

  it("skips the recipient's date (Deres dato, Dykkar dato)", () => {
    const header = 'Deres ref  Deres dato  Vår ref  Vår dato';
    expect(dateOf([header, '12/34  01.12.2030  30/1234-5  19.12.2030'])).toBe('2030-12-19');
    // Only one date printed under both date columns: a letter always prints its own.
    expect(dateOf([header, '30/1234-5  19.12.2030'])).toBe('2030-12-19');
    expect(dateOf(['Deres dato', '01.12.2030', 'Vår dato', '19.12.2030'])).toBe('2030-12-19');
    expect(dateOf(['Vår dato: 19.12.2030  Deres dato: 01.12.2030'])).toBe('2030-12-19');
    expect(dateOf(['Deres dato: 01.12.2030  Vår dato: 19.12.2030'])).toBe('2030-12-19');
    expect(dateOf(['Deres dato: 01.12.2030', 'Vår ref: 30/1234-5'])).toBeNull();
    expect(dateOf(['Dykkar dato', '01.12.2030', 'Dykkar ref', '12/34'])).toBeNull();
  });

  it('nynorsk letterheads', () => {
    expect(dateOf(['Dykkar ref  Vår ref  Dato', '12/34  30/1234-5  3. januar 2031'])).toBe(
      '2031-01-03',
    );
    expect(
      dateOf(['Dykkar ref Dykkar dato Vår ref Vår dato', '12/34 01.12.2030 30/1 19.12.2030']),
    ).toBe('2030-12-19');
    expect(dateOf(['Vår dato: 7. desember 2030'])).toBe('2030-12-07');
  });

  it('a letterhead row squashed into one line with the text after it', () => {
    expect(dateOf(['Deres ref Vår ref Dato 30/1234 ABC DEF 20.desember 2030'])).toBe('2030-12-20');
    expect(
      dateOf([
        'Testdirektoratet Postboks 1 0101 Oslo Deres ref Vår ref 2030123-/ABC Dato 22.12.2030 Statsbudsjettet 2031',
      ]),
    ).toBe('2030-12-22');
  });

  it('a dated label followed by running text on the same line: the date, not the text line', () => {
    const d = opening(['Dato 19. januar 2031 Tildelingen skal dekke kostnader til arbeidet.']);
    const { items, claimed } = extractMetadata(d);
    expect(items.date).toBe('2031-01-19');
    expect(claimed.has(1)).toBe(false);
  });

  it('claims the date line(s) of the letterhead', () => {
    const d = opening(['Vår ref', '30/1234-5', 'Dato', '21. april 2031']);
    const { claimed } = extractMetadata(d);
    expect([3, 4].map((n) => claimed.has(n))).toEqual([true, true]);
  });

  it('a squashed page: the date printed between the heading words', () => {
    const page =
      'PRØVEDEPARTEMENTET Tildelingsbrev 2031 Testdirektoratet (TD) 03.02.2031 Innhold 1. Innledning ' +
      '.'.repeat(120) +
      ' 2 Mål for 2031 ' +
      '.'.repeat(120);
    expect(dateOf([page])).toBe('2031-02-03');
  });

  it('does not take a date quoted in the text', () => {
    expect(
      dateOf(
        [],
        ['Stortinget vedtok 13. desember 2030 budsjettet.', 'Vi viser til brev av', '15.03.2030'],
      ),
    ).toBeNull();
    expect(
      dateOf([
        'Deres ref Vår ref Dato /ABC STATSBUDSJETTET 2031 TILDELINGSBREV Vi viser til vedtak av 12. desember 2030',
      ]),
    ).toBeNull();
    expect(
      dateOf(['Dato', 'Statsbudsjettet 2031'], ['Møtet 7. desember 2030 ble avholdt.']),
    ).toBeNull();
    // A date alone on a line far down in the text is not the letter's date.
    const filler = Array.from(
      { length: 60 },
      (_, i) => `Testdirektoratet skal gjøre del ${i + 1}.`,
    );
    expect(dateOf([], [...filler, '15. mars 2031'])).toBeNull();
    // A received-stamp (`2 9 DES 2030`) is not a date line; the labelled date is.
    expect(dateOf(['2 9 DES 2030 PRØVEDEPARTEMENTET Deres ref Vår ref Dato 22.12.2030'])).toBe(
      '2030-12-22',
    );
  });

  it('an impossible date gives no date and a warning, never a guess', () => {
    const d = opening(['Vår ref', '30/1234-5', 'Dato: 31.06.2031'], ['', '15.01.2031']);
    const { items, warnings } = extractMetadata(d);
    expect(items.date).toBeNull();
    expect(warnings).toContainEqual({
      code: 'letter-date-invalid',
      params: { date: '31.06.2031', line: expect.any(Number) },
    });
    expect(dateOf(['Dato: 30. februar 2031'])).toBeNull();
  });
});

describe('openings the family shows', () => {
  const meta = (lines: string[]) =>
    extractMetadata(doc(lines, 'allocation-letter', null, 2031)).items;

  it('reads the agency under a title that has none, and a ministry printed in capitals', () => {
    const m = meta([
      'PRØVE- OG TESTDEPARTEMENTET',
      'Tildelingsbrev 2031',
      'Prøvedirektoratet',
      '20.01.2031',
      'Innhold',
    ]);
    expect([m.agency, m.ministry, m.title]).toEqual([
      'Prøvedirektoratet',
      'Prøve- og testdepartementet',
      'Tildelingsbrev 2031',
    ]);
  });

  it('reads the addressee of a page squashed onto one line, after its page number', () => {
    const m = meta([
      '1 Prøveverket Postboks 12 Sentrum 0101 Oslo Deres ref Vår ref Dato Statsbudsjettet 2031 tildelingsbrev Prøve- og testdepartementet viser til Prop. 1 S.',
    ]);
    expect(m.agency).toBe('Prøveverket');
  });

  it('reads a state agency whose name follows no pattern from the data file of state bodies', () => {
    const m = meta([
      '1 Norsk polarinstitutt Framsenteret 9296 TROMSØ Deres ref Vår ref Dato 31/ Tildelingsbrev for 2031 I. MÅL OG RESULTATER Innledning Klima- og miljødepartementet gir med dette rammer for arbeidet.',
    ]);
    expect(m.agency).toBe('Norsk polarinstitutt');
  });
});

describe('extractMetadata: letterhead and footer printed as tables', () => {
  const d = doc(
    [
      'DET KONGELEGE PRØVE- OG TESTDEPARTEMENTET',
      '',
      'Tildelingsbrev til Testtilsynet for 2033',
      '',
      'Departementet gjev Testtilsynet midlar og oppdrag for 2033.',
      '',
      'Postadresse    Kontoradresse    Telefon    Avdeling',
      'Postboks 9 Dep    Testgata 1    22 00 00 00    Avdeling for tilsyn',
      '0030 Oslo    Org.nr. 999 999 999    www.test.example    Saksbehandlar: Ola Dahl',
      'Tilsynet skal rapportere om resultata i årsrapporten.',
    ],
    'allocation-letter',
    null,
    2033,
  );
  const { items, claimed } = extractMetadata(d);

  it("claims the ministry's name heading the letter", () => {
    expect(items.ministry).toBe('Prøve- og testdepartementet');
    expect(claimed.has(1)).toBe(true);
  });

  it('claims the row of labels and the rows of values under it, not the text after', () => {
    expect([7, 8, 9].filter((no) => claimed.has(no))).toEqual([7, 8, 9]);
    expect(claimed.has(10)).toBe(false);
    expect(claimed.has(5)).toBe(false);
  });

  it('does not take a sentence that starts with a label for a row of labels', () => {
    const prose = doc(
      [
        'Tildelingsbrev til Testtilsynet for 2033',
        'Avdeling for tilsyn skal  følgje opp saka gjennom heile året.',
      ],
      'allocation-letter',
      null,
      2033,
    );
    expect(extractMetadata(prose).claimed.has(2)).toBe(false);
  });
});

describe('extractMetadata: signatures with the title beside the name', () => {
  it('reads each name with the title on its line, and claims the lines', () => {
    const d = doc(
      [
        'Tillegg til tildelingsbrev nr. 2 for 2031',
        'Departementet gir Testetaten et nytt oppdrag.',
        'Med hilsen',
        '',
        'Kari Nordmann (e.f.) ekspedisjonssjef',
        '',
        'Ola Nordmann fung. avdelingsdirektør',
        '',
        'Dokumentet er elektronisk signert og har derfor ikke håndskrevne signaturer',
      ],
      'supplement',
      2,
    );
    const { items, claimed } = extractMetadata(d);
    expect(items.signatories).toEqual([
      { name: 'Kari Nordmann', title: 'ekspedisjonssjef' },
      { name: 'Ola Nordmann', title: 'fung. avdelingsdirektør' },
    ]);
    expect([3, 5, 7, 9].every((no) => claimed.has(no))).toBe(true);
  });
});
