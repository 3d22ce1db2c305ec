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
    expect(warnings).toEqual(['Signature title "seniorrådgiver" without a name (line 15)']);
  });

  it('findTitle returns the title lines', () => {
    expect(findTitle(sup)?.lines.map((l) => l.no)).toEqual([1, 2]);
  });

  it('composes a title when none is printed, and warns', () => {
    const bare = extractMetadata(
      doc(['1 Innledning', 'Testdirektoratet skal gjøre noe.'], 'allocation-letter', null),
    );
    expect(bare.items.title).toBe('Tildelingsbrev til Testdirektoratet for 2031');
    expect(bare.warnings[0]).toMatch(/No title line/);
  });

  it('warns about an org.nr. failing the check digit', () => {
    const bad = extractMetadata(doc(['Org.nr. 983 887 407', 'Tekst.'], 'allocation-letter', null));
    expect(bad.items.ministryOrgNr).toBe('983 887 407');
    expect(bad.warnings.some((w) => /mod-11/.test(w))).toBe(true);
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
