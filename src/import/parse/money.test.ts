import { describe, expect, it } from 'vitest';
import { toSourceLines } from './text';
import type { DocText } from './types';
import {
  authorityKind,
  extractMoneySide,
  sentenceAround,
  splitPostName,
  totalsSource,
} from './money';

/** A document from fixture text (the test's own invented content), PDF-style or not. */
function doc(
  text: string,
  kind: DocText['kind'] = 'allocation-letter',
  number: number | null = null,
): DocText {
  return { lines: toSourceLines(text.split('\n')), year: 2031, kind, number };
}

/** PDF-style: an empty line between printed lines, " " between paragraphs. */
function pdf(lines: string[]): string {
  return lines.map((l) => (l === '' ? ' ' : l)).join('\n\n');
}

describe('splitPostName', () => {
  it.each([
    [
      'Spesielle driftsutgifter, kan overføres, kan nyttes under post 70',
      'Spesielle driftsutgifter',
      ['kan overføres', 'kan nyttes under post 70'],
    ],
    [
      'Spesielle driftsutgifter (kan nyttes under post 79)',
      'Spesielle driftsutgifter',
      ['kan nyttes under post 79'],
    ],
    ['Tilskudd, overslagsbevilgning', 'Tilskudd', ['overslagsbevilgning']],
    ['Driftsutgifter', 'Driftsutgifter', []],
    [
      'Andre tilskudd (kan overføres, kan nyttes under post 21)',
      'Andre tilskudd',
      ['kan overføres', 'kan nyttes under post 21'],
    ],
  ])('%j', (name, postName, notes) => {
    expect(splitPostName(name)).toEqual({ postName, notes });
  });
});

describe('chapter tables', () => {
  const text = pdf([
    'Bevilgninger',
    '',
    'Kap.1650 Testdirektoratet  (i 1000 kr)',
    'Post  Betegnelse  2031',
    '01  Driftsutgifter  211 500',
    '21  Spesielle driftsutgifter, kan',
    'overføres  48 020',
    ' Sum kap. 1650  259 520',
    '',
    'Tildelingen på kap. 1650 post 21 inkluderer 12,5 mill. kroner til et prøveprosjekt.',
    '',
    'Kap. 4650 Testdirektoratet (i 1000 kr)',
    'Post  Betegnelse  2031',
    '02  Diverse inntekter  9 000',
    'Sum kap. 4560  9 000',
  ]);
  const money = extractMoneySide(doc(text)).items;

  it('reads rows, wrapped post names and notes', () => {
    expect(
      money.appropriations.map((a) => [
        a.chapter,
        a.post,
        a.postName,
        a.notes,
        a.amount,
        a.previousYearAmount,
      ]),
    ).toEqual([
      [1650, 1, 'Driftsutgifter', [], 211500, null],
      [1650, 21, 'Spesielle driftsutgifter', ['kan overføres'], 48020, null],
      [4650, 2, 'Diverse inntekter', [], 9000, null],
    ]);
    expect(money.appropriations[0]?.chapterName).toBe('Testdirektoratet');
  });

  it('records sum lines as printed, with the table they close', () => {
    expect(money.sumLines.map((s) => [s.chapter, s.tableChapter, s.amount])).toEqual([
      [1650, 1650, 259520],
      [4560, 4650, 9000],
    ]);
  });

  it('reads earmarks in running text', () => {
    expect(money.earmarks.map((e) => [e.chapter, e.post, e.amount])).toEqual([[1650, 21, 12500]]);
  });

  it('reads a name cell that wrapped below its amount (top-aligned cells in a PDF)', () => {
    const wrapped = pdf([
      'Kap. 1652 Prøveetaten (i 1000 kr)',
      'Post  Betegnelse  2031',
      '21  Spesielle driftsutgifter, kan  14 250',
      'overføres',
      '70  Tilskudd til kommuner, kan  8 000',
      'overføres, kan nyttes under post 21',
      'Sum kap. 1652  22 250',
      '',
      'Midlene skal brukes til tiltakene i planen.',
    ]);
    const m = extractMoneySide(doc(wrapped)).items;
    expect(m.appropriations.map((a) => [a.post, a.postName, a.notes, a.amount])).toEqual([
      [21, 'Spesielle driftsutgifter', ['kan overføres'], 14250],
      [70, 'Tilskudd til kommuner', ['kan overføres', 'kan nyttes under post 21'], 8000],
    ]);
    expect(m.sumLines.map((x) => [x.chapter, x.amount])).toEqual([[1652, 22250]]);
  });

  it('reads two year columns as previous and current year', () => {
    const two = pdf([
      'Kap. 1651 Prøveetaten (i 1000 kr)',
      'Post Betegnelse 2030 2031',
      '01 Driftsutgifter 99 800  101 250',
      '21 Spesielle driftsutgifter 5 000 6 500',
      'Sum kap. 1651 104 800 107 750',
    ]);
    const m = extractMoneySide(doc(two)).items;
    expect(m.appropriations.map((a) => [a.post, a.previousYearAmount, a.amount])).toEqual([
      [1, 99800, 101250],
      [21, 5000, 6500],
    ]);
    expect(m.sumLines.map((x) => [x.chapter, x.amount])).toEqual([[1651, 107750]]);
  });
});

describe('grid tables', () => {
  const text = [
    '5.1 Budsjettildelinger',
    '    Alle tall i hele tusen',
    '',
    'Kap. Post Navn på post Tildeling',
    '2031',
    '',
    'Kommentar',
    '',
    '1660 21 Spesielle driftsutgifter 20 000  Tilskudd til et',
    'register',
    '',
    ' 21 Spesielle driftsutgifter, ',
    'kan overføres, kan ',
    'nyttes under post 70 ',
    '',
    '4 000  Digitalt verktøy ',
    ' 70 Tilskudd til ',
    'kommunal sektor ',
    '',
    '- Overførte midler ',
    '1661 01 Pasient- og ',
    'brukerombud ',
    '',
    '87 193 ',
    ' 79 Andre tilskudd  95  420 2,5 mill. kr til tiltak A. ',
    '1 mill. kr til tiltak B. ',
    '4661 04 Gebyrinntekter 12 713 Forvaltes av etaten. ',
    ' 5.2 Budsjettfullmakter',
  ].join('\n');
  const money = extractMoneySide(doc(text)).items;

  it('reads rows with chapter column, continuation rows and comments', () => {
    expect(
      money.appropriations.map((a) => [
        a.chapter,
        a.post,
        a.postName,
        a.notes,
        a.amount,
        a.comment,
      ]),
    ).toEqual([
      [1660, 21, 'Spesielle driftsutgifter', [], 20000, 'Tilskudd til et register'],
      [
        1660,
        21,
        'Spesielle driftsutgifter',
        ['kan overføres', 'kan nyttes under post 70'],
        4000,
        'Digitalt verktøy',
      ],
      [1660, 70, 'Tilskudd til kommunal sektor', [], 0, 'Overførte midler'],
      [1661, 1, 'Pasient- og brukerombud', [], 87193, null],
      [
        1661,
        79,
        'Andre tilskudd',
        [],
        95420,
        '2,5 mill. kr til tiltak A. 1 mill. kr til tiltak B.',
      ],
      [4661, 4, 'Gebyrinntekter', [], 12713, 'Forvaltes av etaten.'],
    ]);
    expect(money.appropriations[3]?.provenance).toEqual({ startLine: 21, endLine: 24 });
  });

  it('reads earmarks in comments with the row they belong to', () => {
    expect(money.earmarks.map((e) => [e.chapter, e.post, e.amount, e.text])).toEqual([
      [1661, 79, 2500, '2,5 mill. kr til tiltak A.'],
      [1661, 79, 1000, '1 mill. kr til tiltak B.'],
    ]);
  });

  it('claims the table lines', () => {
    const { claimed } = extractMoneySide(doc(text));
    for (const no of [2, 4, 5, 7, 9, 10, 16, 20, 24, 27]) expect(claimed.has(no)).toBe(true);
  });
});

describe('supplements', () => {
  const text = pdf([
    'Tillegg til tildelingsbrev nr. 4 - Testtiltak',
    '',
    'Departementet tildeler 3,5 mill. kroner over kapittel 1660, post 21 til et testtiltak.',
    'Midlene er flyttet fra kap. 1660, post 70.',
    '',
    'Testetaten får fullmakt til å overskride bevilgningen på kap. 1660, post 01 med inntil 0,2 mill. kroner.',
    '',
    'Oversikt over tildeling til Testetaten i 2031:',
    'Kap 1660.21',
    'Tildelingsbrev Beløp (i 1000 kroner)',
    'Tildelingsbrev til Testetaten                      20 000',
    'Tillegg til tildelingsbrev nr. 2 – Overføringer',
    'fra 2030',
    '                     1 250',
    'Tillegg til tildelingsbrev nr. 4 - Testtiltak  3 500',
    'Tildeling totalt i 2031  24 750',
  ]);
  const d = doc(text, 'supplement', 4);
  const money = extractMoneySide(d).items;

  it('reads allocations in running text', () => {
    expect(money.appropriations.map((a) => [a.chapter, a.post, a.amount])).toEqual([
      [1660, 21, 3500],
    ]);
    expect(money.appropriations[0]?.comment).toMatch(/flyttet fra kap\. 1660, post 70/);
  });

  it('reads budget authorities', () => {
    expect(money.budgetAuthorities.map((b) => [b.kind, b.posts])).toEqual([
      ['overskridelse', [{ chapter: 1660, post: 1 }]],
    ]);
    expect(money.earmarks).toEqual([]);
  });

  it('reads the totals table, with wrapped labels and amounts on their own line', () => {
    expect(money.totalsClaimed).toHaveLength(1);
    const t = money.totalsClaimed[0];
    expect([t?.chapter, t?.post, t?.total?.amount]).toEqual([1660, 21, 24750]);
    expect(t?.rows.map((r) => [r.source, r.amount])).toEqual([
      [{ kind: 'letter' }, 20000],
      [{ kind: 'supplement', number: 2 }, 1250],
      [{ kind: 'supplement', number: 4 }, 3500],
    ]);
    expect(t?.rows[1]?.label).toBe('Tillegg til tildelingsbrev nr. 2 – Overføringer fra 2030');
  });

  it('takes a supplement’s allocation from its own totals rows when the text states none', () => {
    const only = pdf([
      'Tillegg til tildelingsbrev nr. 2 - Overføringer',
      '',
      'Kap 1660.21',
      'Tildelingsbrev Beløp (i 1000 kroner)',
      'Tildelingsbrev til Testetaten 20 000',
      'Tillegg til tildelingsbrev nr. 2 - Overføringer 1 250',
      'Tildeling totalt i 2031 21 250',
    ]);
    const m = extractMoneySide(doc(only, 'supplement', 2)).items;
    expect(m.appropriations.map((a) => [a.chapter, a.post, a.amount])).toEqual([[1660, 21, 1250]]);
  });
});

describe('authority sections', () => {
  it('reads merinntektsfullmakt with expense and income posts', () => {
    const text = pdf([
      'Budsjettmessige og administrative fullmakter',
      '',
      'Testetaten kan overskride bevilgning over kap. 1660 post 21 mot tilsvarende',
      'merinntekter over kap. 4660, post 02.',
      '',
      'Departementet viser til vedlagte personalfullmakter.',
    ]);
    const m = extractMoneySide(doc(text)).items;
    expect(m.budgetAuthorities.map((b) => [b.kind, b.posts])).toEqual([
      [
        'merinntektsfullmakt',
        [
          { chapter: 1660, post: 21 },
          { chapter: 4660, post: 2 },
        ],
      ],
      ['personell', []],
    ]);
  });

  it('classifies kinds', () => {
    expect(authorityKind('fullmakt til å gjøre bestillinger ut over gitte bevilgninger')).toBe(
      'bestillingsfullmakt',
    );
    expect(authorityKind('gir med dette budsjettfullmakt på inntil 1 mill. kroner')).toBe(
      'belastningsfullmakt',
    );
    expect(authorityKind('fullmakt til å disponere overførte midler')).toBe('overføring');
  });
});

describe('helpers', () => {
  it('totalsSource', () => {
    expect(totalsSource('Tillegg til tildelingsbrev nr 3- Noe')).toEqual({
      kind: 'supplement',
      number: 3,
    });
    expect(totalsSource('Tildelingsbrev til X')).toEqual({ kind: 'letter' });
    expect(totalsSource('Annet')).toEqual({ kind: 'unknown' });
  });

  it('sentenceAround', () => {
    const t = 'Første 2 mill. kr til A. 3 mill. kr til B - 1 mill. kr til C';
    expect(sentenceAround(t, t.indexOf('3 mill'))).toBe('3 mill. kr til B');
    expect(sentenceAround(t, t.indexOf('1 mill'))).toBe('1 mill. kr til C');
  });
});

describe('family variants', () => {
  it('reads chapter rows inside a grid and three year columns', () => {
    const text = [
      'Kap. Post Betegnelse Regnskap 2029 Saldert 2030 Tildeling 2031',
      'Kap. 1670 Prøveetaten',
      '01 Driftsutgifter 90 100 95 000  99 500',
      '21 Spesielle driftsutgifter, kan overføres 4 000 4 500 5 000',
      '4670 Prøveetaten',
      '02 Diverse inntekter 1 200 1 300 1 400',
      'Sum kap. 4670 1 200 1 300 1 400',
    ].join('\n');
    const m = extractMoneySide(doc(text)).items;
    expect(
      m.appropriations.map((a) => [
        a.chapter,
        a.chapterName,
        a.post,
        a.notes,
        a.previousYearAmount,
        a.amount,
      ]),
    ).toEqual([
      [1670, 'Prøveetaten', 1, [], 95000, 99500],
      [1670, 'Prøveetaten', 21, ['kan overføres'], 4500, 5000],
      [4670, 'Prøveetaten', 2, [], 1300, 1400],
    ]);
    expect(m.sumLines.map((s) => [s.chapter, s.amount])).toEqual([[4670, 1400]]);
  });

  it('reads a totals table headed `Kap. 1660, post 21`', () => {
    const text = pdf([
      'Kap. 1660, post 21',
      'Dokument Beløp (i 1000 kroner)',
      'Tildelingsbrev for 2031 20 000',
      'Tillegg nr. 2 til tildelingsbrevet 1 000',
      'Tildeling totalt i 2031 21 000',
    ]);
    const t = extractMoneySide(doc(text, 'supplement', 3)).items.totalsClaimed[0];
    expect([t?.chapter, t?.post, t?.total?.amount]).toEqual([1660, 21, 21000]);
    expect(t?.rows.map((r) => [r.source, r.amount])).toEqual([
      [{ kind: 'letter' }, 20000],
      [{ kind: 'supplement', number: 2 }, 1000],
    ]);
  });
});

describe('grants to a named recipient are not earmarks', () => {
  const letter = (sentences: string[]) =>
    extractMoneySide(
      doc(
        [
          'Kap. 1650 Prøveetaten (i 1000 kr)',
          'Post Betegnelse 2031',
          '21 Spesielle driftsutgifter 90 000',
          '70 Tilskudd 40 000',
          'Sum kap. 1650 130 000',
          '',
          ...sentences,
        ].join('\n'),
      ),
    ).items;

  it('keeps money for a purpose, drops money given to an organisation after "til"', () => {
    const m = letter([
      'Tildelingen på kap. 1650 post 21 inkluderer 12 mill. kroner til kartlegging av tang, hvorav 2 mill. kroner skal gå til Prøvestandard Norge og 1 mill. kroner til XY7 Norge.',
      'Tildelingen på kap. 1650 post 70 inkluderer 3 mill. kroner til Norsk forening for prøving og 2 mill. kr til Prøvdal kommune til et pilotprosjekt.',
      'Tildelingen på kap. 1650 post 70 inkluderer 4 mill. kroner til PRV for drift, 5 mill. kroner til Prøveprogrammet og 6 mill. kroner til EPJ-arbeidet.',
    ]);
    expect(m.earmarks.map((e) => [e.post, e.amount])).toEqual([
      [21, 12000],
      [70, 5000],
      [70, 6000],
    ]);
  });

  it('drops money set aside with or for a named organisation before the amount', () => {
    const m = letter([
      'Kap. 1650 post 21: I forhandlingene ble det med Prøveforeningen avtalt å avsette 7 mill. kroner, mens det for Norsk prøveforbund ble avsatt 3 mill. kroner.',
      'Av overførte midler på kap. 1650, post 21 er 8 mill. kroner knyttet til Prøveløftet.',
    ]);
    expect(m.earmarks.map((e) => [e.post, e.amount])).toEqual([[21, 8000]]);
  });

  it('drops them from table comments too', () => {
    const m = extractMoneySide(
      doc(
        [
          'Kap. Post Navn på post Tildeling 2031 Kommentar',
          '1650 21 Spesielle driftsutgifter 30 000 2,7 mill. kr er øremerket standarder, hvorav 1 mill. kr skal gå til Prøvestandard Norge.',
        ].join('\n'),
      ),
    ).items;
    expect(m.earmarks.map((e) => [e.post, e.amount])).toEqual([[21, 2700]]);
  });
});

describe("a supplement's change tables and per-post sections", () => {
  const rows = (text: string) =>
    extractMoneySide(doc(text, 'supplement', 2)).items.appropriations.map((a) => [
      `${a.chapter}.${a.post}`,
      a.amount,
      a.changeRow ?? null,
    ]);

  it('reads change, figure before and sum after by the header, as a PDF or Markdown prints them', () => {
    const asPdf = pdf([
      'Kap. 1650, post 21',
      '',
      '(alle tall i 1 000 kroner)',
      '',
      'Kap. post       Tidligere tildeling          Ny tildeling       Sum tildelt 2031',
      '',
      '1650.21                12 500           1 250                13 750',
      '',
      'Tildelingen på posten økes med 0,5 mill. kroner til prøveordningen og 0,75 mill. kroner til',
      'evalueringen.',
    ]);
    expect(rows(asPdf)).toEqual([['1650.21', 1250, { previous: 12500, total: 13750 }]]);
    const asMarkdown = [
      '      (alle tall i 1 000 kroner)',
      'Kapittel  Post  Sum tildeling  Endring',
      '1650  70  4 000  -400',
      '1651  21  1 000 250  1 000',
    ].join('\n');
    expect(rows(asMarkdown)).toEqual([
      ['1650.70', -400, { previous: null, total: 4000 }],
      ['1651.21', 1000, { previous: null, total: 1000250 }],
    ]);
    // The header, the rows and the caption are read; nothing is left over.
    const { claimed } = extractMoneySide(doc(asMarkdown, 'supplement', 2));
    expect([...claimed].sort()).toEqual([1, 2, 3, 4]);
  });

  it('reads changes stated under a heading that names only the post, until the next heading', () => {
    const text = [
      'Kap. 1650, post 21',
      ' ',
      'Prøvedirektoratet tildeles 1,2 mill. kroner til digitale skjema.',
      ' ',
      'Prøvedirektoratet tildeles 500 000 kroner til brukertesting, jf. avtalt fordeling.',
      ' ',
      'Kap. 1650, post 70',
      ' ',
      'Tildelingen på posten reduseres med 0,3 mill. kroner.',
      ' ',
      'Kap. 1651, post 21',
      ' ',
      'Tildelingen på posten økes med til sammen 2 mill. kroner:',
      ' ',
      '• 1,5 mill. kroner til kartlegging, der arbeidet med veiledning økes med 0,5 mill. kroner',
      '• 0,5 mill. kroner til formidling',
      ' ',
      'Nye oppdrag',
      ' ',
      'Prøvedirektoratet tildeles en ny rolle i arbeidet med 3 mill. kroner i rammen.',
    ].join('\n');
    expect(rows(text)).toEqual([
      ['1650.21', 1200, null],
      ['1650.21', 500, null],
      ['1650.70', -300, null],
      ['1651.21', 2000, null],
    ]);
  });
});

describe('a change in parts under a per-post heading', () => {
  it('gives each part its own row, with its own part of the sentence', () => {
    const text = [
      'Kap. 1650, post 21',
      ' ',
      'Tildelingen på posten økes med 0,5 mill. kroner til kartlegging og 250 000 kroner til formidling.',
    ].join('\n');
    const rows = extractMoneySide(doc(text, 'supplement', 1)).items.appropriations;
    expect(rows.map((r) => [r.amount, r.comment])).toEqual([
      [500, '0,5 mill. kroner til kartlegging'],
      [250, '250 000 kroner til formidling.'],
    ]);
  });
});

describe('a change that names a post only for reference', () => {
  it('belongs to the post of its heading; a reduction that names its post is negative', () => {
    const text = [
      'Kap. 1650, post 21',
      ' ',
      'Tildelingen er økt med 1,5 mill. kroner, jf. brev 2. mai om stikkordet for kap. 1650, post 70.',
      ' ',
      'Kap. 1650, post 70',
      ' ',
      'Bevilgningen er satt ned med 1,5 mill. kroner på kap. 1650, post 70.',
    ].join('\n');
    const rows = extractMoneySide(doc(text, 'supplement', 2)).items.appropriations;
    expect(rows.map((r) => [`${r.chapter}.${r.post}`, r.amount])).toEqual([
      ['1650.21', 1500],
      ['1650.70', -1500],
    ]);
  });
});

describe('corrections of money given by mistake, and changes listed after a lead-in', () => {
  it('reads the change as the right figure less the one given by mistake, not the mistake', () => {
    const text = [
      'Kap. 1650, post 21',
      ' ',
      'Ved en inkurie ble det i tillegg nr. 1 for 2031 tildelt 2 mill. kroner over kap. 1650, post 21. Korrekt tildeling skulle vært 5 mill. kroner.',
      ' ',
      'Videre økes tildelingen på posten med følgende:',
      ' ',
      '• 0,5 mill. kroner til kartlegging av kystlinjen.',
      '• 1 mill. kroner til et nytt datasett.',
      ' ',
      'Kap. 1650, post 70',
      ' ',
      'Tildelingen på posten reduseres med 1,2 mill. kroner. Korrekt tildeling på kap. 1650, post 70 skal være 40 mill. kroner.',
    ].join('\n');
    const rows = extractMoneySide(doc(text, 'supplement', 2)).items.appropriations;
    expect(
      rows.map((r) => [`${r.chapter}.${r.post}`, r.amount, r.changeRow?.total ?? null, r.fromText]),
    ).toEqual([
      ['1650.21', 3000, null, true],
      ['1650.21', 500, null, true],
      ['1650.21', 1000, null, true],
      // The right figure after a change of this letter is the post's sum after it: a claim.
      ['1650.70', -1200, 40000, true],
    ]);
    expect(rows[0]!.comment).toMatch(
      /^Ved en inkurie .* Korrekt tildeling skulle vært 5 mill\. kroner\.$/,
    );
  });

  it('does not read money told as given earlier as a change of this letter', () => {
    const text = [
      'Kap. 1650, post 21',
      ' ',
      'I tildelingsbrevet for 2031 ble det tildelt 12 mill. kroner til arbeidet. Tildelingen på posten økes med 2 mill. kroner.',
    ].join('\n');
    const rows = extractMoneySide(doc(text, 'supplement', 3)).items.appropriations;
    expect(rows.map((r) => r.amount)).toEqual([2000]);
  });
});
