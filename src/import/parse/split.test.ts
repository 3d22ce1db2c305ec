import { describe, expect, it } from 'vitest';
import {
  inferYear,
  matchLetterTitle,
  matchSupplementTitle,
  splitDocuments,
  titleAt,
} from './split';
import { toSourceLines } from './text';

describe('title lines', () => {
  it.each([
    ['Tildelingsbrev til Testetaten for 2031', { year: 2031, agency: 'Testetaten' }],
    ['Tildelingsbrev 2031 – Testetaten', { year: 2031, agency: 'Testetaten' }],
    ['Tildelingsbrev til Testetaten 20 000', null],
    ['Tildelingsbrev for 2031 til Testetaten', { year: 2031, agency: 'Testetaten' }],
    ['Statsbudsjettet 2031 – tildelingsbrev til Testetaten', { year: 2031, agency: 'Testetaten' }],
    // A state enterprise's oppdragsdokument, and a title after its page's number.
    [
      'Oppdragsdokument til Prøveforetaket SF for 2031',
      { year: 2031, agency: 'Prøveforetaket SF' },
    ],
    ['1 Tildelingsbrev til Testetaten 2031', { year: 2031, agency: 'Testetaten' }],
    ['12 Tildelingsbrev til Testetaten 20 000', null],
    // The budget year named so, `for` the agency, the agency after a second dash, and a subject
    // after the agency or the year.
    ['Tildelingsbrev for budsjettåret 2031 til Testetaten', { year: 2031, agency: 'Testetaten' }],
    [
      'Statsbudsjettet for 2031 - tildelingsbrev for Testetaten',
      { year: 2031, agency: 'Testetaten' },
    ],
    ['Statsbudsjettet 2031 - Tildelingsbrev - Testetaten', { year: 2031, agency: 'Testetaten' }],
    [
      'Tildelingsbrev 2031 til Testetaten – revidert nasjonalbudsjett',
      { year: 2031, agency: 'Testetaten' },
    ],
    [
      'Tildelingsbrev til Testetaten for 2031 – justering etter revidert budsjett',
      { year: 2031, agency: 'Testetaten' },
    ],
    ['Tildelingsbrev til Testetaten for 2031. Det gjelder fra 1. januar.', null],
    ['Statsbudsjettet 2031 – tildelingsbrev for budsjettåret 2031', { year: 2031, agency: null }],
  ])('letter %j', (text, expected) => {
    const m = matchLetterTitle(text);
    expect(m && { year: m.year, agency: m.agency }).toEqual(expected);
  });

  it.each([
    [' Tillegg til tildelingsbrev nr. 1 – Noe', 1],
    ['Tillegg til tildelingsbrev nr 6: Noe annet', 6],
    ['Tillegg til tildelingsbrev nr. 4  ', 4],
    ['Tillegg nr. 3 til tildelingsbrevet for 2031', 3],
    ['tillegg til tildelingsbrev nr. 3 i 2019', null],
    ['Tillegg til tildelingsbrevet', null],
    ['Statsbudsjettet 2031 – tillegg nr. 5 til tildelingsbrev', 5],
    ['Supplerende tildelingsbrev nr. 2 Testetaten', 2],
    ['3 Supplerende tildelingsbrev nr. 2 Testetaten', 2],
    ['Supplerende tildelingsbrev nr 1 for 2031', 1],
    ['supplerende tildelingsbrev nr. 2 viser til', null],
    ['Supplerende tildelingsbrev nr. 3 av 2. mai ble sendt', null],
  ])('supplement %j', (text, n) => {
    expect(matchSupplementTitle(text)?.number ?? null).toBe(n);
  });

  it.each([
    [
      'Statsbudsjettet 2031 – supplerende tildelingsbrev nr. 2 til Testetaten',
      { number: 2, year: 2031, agency: 'Testetaten' },
    ],
    ['Supplement nr. 1 til tildelingsbrev for 2031', { number: 1, year: 2031, agency: null }],
    [
      'Endring i tildelingsbrev for 2031 – Testetaten',
      { number: null, year: 2031, agency: 'Testetaten' },
    ],
    ['Endringar i tildelingsbrevet nr. 3', { number: 3, year: null, agency: null }],
    [
      'Tilleggstildelingsbrev nr. 2 til Testetaten',
      { number: 2, year: null, agency: 'Testetaten' },
    ],
    [
      'Tildelingsbrev nr. 2 for 2031 til Testetaten',
      { number: 2, year: 2031, agency: 'Testetaten' },
    ],
    ['Supplerande tildelingsbrev nr. 1 for 2031', { number: 1, year: 2031, agency: null }],
    // The words alone head sections of letters: no number, no year, no title.
    ['Endringer i tildelingsbrevet', null],
    ['Supplement til tildelingsbrevet', null],
    ['Tildelingsbrev nr. 1 for 2031', null],
    // A sentence after the words is no title; with a number printed, a subject in lower case is.
    ['Endringer i tildelingsbrevet for 2031 blir sendt i eget brev.', null],
    [
      'Supplerande tildelingsbrev nr. 1 for 2031 – auka løyving til prøvebenker',
      { number: 1, year: 2031, agency: null },
    ],
  ])('supplement in other words %j', (text, expected) => {
    const m = matchSupplementTitle(text);
    expect(m && { number: m.number, year: m.year, agency: m.agency }).toEqual(expected);
  });

  it('reads the year and the agency a `Supplerende tildelingsbrev` title names', () => {
    expect(matchSupplementTitle('Supplerende tildelingsbrev nr. 4 Testetaten')).toEqual({
      kind: 'supplement',
      number: 4,
      year: null,
      agency: 'Testetaten',
    });
    expect(matchSupplementTitle('Supplerende tildelingsbrev nr. 1 for 2031')).toMatchObject({
      number: 1,
      year: 2031,
      agency: null,
    });
  });
});

describe('a title wrapped onto the next line', () => {
  it('goes on where the next line goes on in lower case', () => {
    const lines = toSourceLines(['Tildelingsbrev for 2031 til Statens', 'prøvearkiv', '']);
    const found = titleAt(lines, 0);
    expect(found?.lines).toBe(2);
    expect(found?.title.agency).toBe('Statens prøvearkiv');
  });

  it('ends at a line that starts a sentence of its own', () => {
    const lines = toSourceLines([
      'Tildelingsbrev for 2031 til Testetaten',
      'Vi viser til budsjettet.',
    ]);
    expect(titleAt(lines, 0)?.lines).toBe(1);
  });
});

describe('splitDocuments', () => {
  const file = [
    'Postadresse',
    'Postboks 1 Dep',
    'Tildelingsbrev til Testetaten for 2031',
    'Departementet har på bakgrunn av Prop. 1 S (2030–2031) utarbeidet tildelingsbrev for Testetaten.',
    'Tillegg til tildelingsbrev og nye oppdrag varsles gjennom året.',
    ' Tillegg til tildelingsbrev nr. 1 – Første tillegg',
    'Vi viser til tildelingsbrevet for 2031, og ber om noe som tar tid og krever oppfølging.',
    'Kap 1660.21',
    'Tildelingsbrev Beløp (i 1000 kroner)',
    'Tildelingsbrev til Testetaten 20 000',
    'Tillegg til tildelingsbrev nr. 2 - Overføringer fra 2030  1 250',
    'Tillegg til tildelingsbrev nr. 3 - Et tillegg som ikke er',
    'skrevet ennå',
    '500',
    'Tildeling totalt i 2031 21 750',
    'Med hilsen',
    'Ola Nordmann (e.f.)',
    'ekspedisjonssjef',
    ' Tillegg til tildelingsbrev nr 2: Andre tillegg',
    'Tekst i andre tillegg som viser til Tillegg til tildelingsbrev nr. 1 i teksten.',
    'Tillegg til tildelingsbrev nr. 1 – Første tillegg 3 000',
  ];
  const docs = splitDocuments(file);

  it('finds the letter and the supplements, not the table rows', () => {
    expect(docs.map((d) => [d.kind, d.number, d.year, d.lines[0]?.no, d.lines.at(-1)?.no])).toEqual(
      [
        ['allocation-letter', null, 2031, 1, 5],
        ['supplement', 1, 2031, 6, 18],
        ['supplement', 2, 2031, 19, 21],
      ],
    );
  });

  it('treats a file without titles as one letter and infers its year', () => {
    const d = splitDocuments([
      '1 Innledning',
      'Departementet viser til Prop. 1 S (2030–2031) og Innst. 11 S (2030–2031).',
    ]);
    expect(d.map((x) => [x.kind, x.year])).toEqual([['allocation-letter', 2031]]);
  });

  it('starts a file with a supplement when the supplement comes first', () => {
    const d = splitDocuments([
      '',
      ' Tillegg til tildelingsbrev nr. 10 – Noe',
      'Frist: 1. mars 2032.',
    ]);
    expect(d.map((x) => [x.kind, x.number, x.year, x.lines[0]?.no])).toEqual([
      ['supplement', 10, 2032, 1],
    ]);
  });

  it('accepts a lower number after a signature (a new year’s series)', () => {
    const d = splitDocuments([
      'Tillegg til tildelingsbrev nr. 9 - Siste',
      'Tekst om noe.',
      'Med hilsen',
      'Ola Nordmann',
      'Tillegg til tildelingsbrev nr. 1 - Neste år',
      'Tekst.',
    ]);
    expect(d.map((x) => x.number)).toEqual([9, 1]);
  });

  it('reads the year of a restarted series from its own text', () => {
    const d = splitDocuments([
      'Tildelingsbrev til Testetaten for 2031',
      'Tekst.',
      'Tillegg til tildelingsbrev nr. 9 - Siste',
      'Med hilsen',
      'Tillegg til tildelingsbrev nr. 1 - Neste år',
      'Tildeling totalt i 2032 5 000',
    ]);
    expect(d.map((x) => [x.number, x.year])).toEqual([
      [null, 2031],
      [9, 2031],
      [1, 2032],
    ]);
  });

  it('returns nothing for an empty file', () => {
    expect(splitDocuments([])).toEqual([]);
  });
});

describe('inferYear', () => {
  it('weighs budget-year evidence above other years', () => {
    const lines = toSourceLines([
      'Prop. 1 S (2030–2031)',
      'i 2030 og 2030 og 2029',
      'Tildeling totalt i 2031 5',
    ]);
    expect(inferYear(lines)).toBe(2031);
    expect(inferYear(toSourceLines(['ingen år her']))).toBeNull();
  });
});

describe('a title wrapped onto the next line', () => {
  it('is read from both lines when the first stops at a dash or an open word', () => {
    const sup = splitDocuments([
      'Supplerende tildelingsbrev nr. 3 for 2032 –',
      'Prøvetilsynet',
      '',
      'Departementet viser til tildelingsbrevet og gir nye oppdrag i dette brevet.',
    ]);
    expect(sup.map((d) => [d.kind, d.number, d.year])).toEqual([['supplement', 3, 2032]]);
    const letter = splitDocuments([
      'Prøve- og testdepartementet',
      'Tildelingsbrev til',
      'Testetaten for 2031',
      'Departementet stiller midlene til disposisjon.',
    ]);
    expect(letter.map((d) => [d.kind, d.year])).toEqual([['allocation-letter', 2031]]);
    expect(titleAt(toSourceLines(['Tildelingsbrev 2031 –', 'Testetaten']), 0)).toEqual({
      title: { kind: 'allocation-letter', number: null, year: 2031, agency: 'Testetaten' },
      lines: 2,
    });
  });

  it('is not joined to a sentence, a blank line or a line that does not stop open', () => {
    const at = (lines: string[]) => titleAt(toSourceLines(lines), 0);
    expect(at(['Tildelingsbrev 2031 –', 'Departementet viser til brevet.'])).toBeNull();
    expect(at(['Tildelingsbrev 2031 –', '', 'Testetaten'])).toBeNull();
    expect(at(['Supplerende tildelingsbrev nr. 2 for 2031', 'Testetaten'])).toMatchObject({
      title: { number: 2, year: 2031, agency: null },
      lines: 1,
    });
  });
});

describe('splitDocuments: a post heading in a letter', () => {
  it('does not hide the title of a supplement later in the file', () => {
    for (const heading of ['Kap. 1450, post 21 Spesielle driftsutgifter', 'Kap. 1450, post 21']) {
      const d = splitDocuments([
        'Tildelingsbrev til Testetaten for 2031',
        'Departementet viser til Prop. 1 S (2030–2031).',
        heading,
        'Testetaten tildeles 2,5 mill. kroner til utvikling av nye tjenester.',
        'Med hilsen',
        'Ola Nordmann',
        'Tillegg til tildelingsbrev nr. 1 – Nye oppdrag',
        'Departementet gir Testetaten et nytt oppdrag.',
      ]);
      expect(
        d.map((x) => [x.kind, x.number]),
        heading,
      ).toEqual([
        ['allocation-letter', null],
        ['supplement', 1],
      ]);
    }
  });
});
