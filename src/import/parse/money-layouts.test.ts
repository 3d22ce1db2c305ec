/**
 * Money tables and sentences of the Word-template family (text written for these tests): the
 * unit a table states, change tables with a name column and header-driven roles, names that wrap
 * around a row's figures, headers printed again after a page break, a supplement's closing table
 * of totals, and money given in running text (bokmål and nynorsk).
 */
import { describe, expect, it } from 'vitest';
import { toSourceLines } from './text';
import type { DocText } from './types';
import { changeColumns, extractMoneySide, rowFigures, unitInText, unitStatement } from './money';

function doc(
  lines: string[],
  kind: DocText['kind'] = 'allocation-letter',
  number: number | null = null,
): DocText {
  return { lines: toSourceLines(lines), year: 2031, kind, number };
}

const money = (d: DocText) => extractMoneySide(d).items;
const rows = (d: DocText) =>
  money(d).appropriations.map((a) => {
    const c = a.changeRow;
    return `${a.chapter}.${String(a.post).padStart(2, '0')} ${a.amount}${c ? ` [${c.previous ?? '?'} → ${c.total ?? '?'}]` : ''}`;
  });

describe('the unit a table states', () => {
  it('reads captions, the last sentence over a table and headers, in bokmål and nynorsk', () => {
    expect(unitStatement('(beløp i kroner)')).toBe('kroner');
    expect(unitStatement('Beløp i kroner.')).toBe('kroner');
    expect(unitStatement('Beløpa er oppgjevne i kroner.')).toBe('kroner');
    expect(unitStatement('Alle tall i hele tusen')).toBe('thousands');
    expect(unitStatement('(alle tal i 1 000 kroner)')).toBe('thousands');
    expect(unitStatement('Tall i mill. kroner')).toBe('millions');
    // The end of a caption that wrapped is not a caption of its own; prose is no caption.
    expect(unitStatement('kroner)')).toBeNull();
    expect(unitStatement('Midlane vert utbetalte i kroner og øre kvart kvartal.')).toBeNull();
    expect(unitInText('Kap.  Post  Betegnelse  Beløp (i kroner)')).toBe('kroner');
    expect(unitInText('Kap.  Post  Nemning  Løyving i 1 000 kr')).toBe('thousands');
    expect(unitInText('Kap.  Post  Betegnelse  Tildeling i 2031')).toBeNull();
  });

  it('gives a grid table in kroner, and its sum lines, in thousands', () => {
    const d = doc([
      'Departementet stiller desse løyvingane til rådvelde i 2031. Beløpa er oppgjevne i kroner.',
      '',
      'Kap.  Post  Nemning  Løyving',
      '1610  01  Driftsutgifter  42 500 000',
      '1610  21  Spesielle driftsutgifter  3 250 000',
      'Sum kap. 1610  45 750 000',
    ]);
    expect(rows(d)).toEqual(['1610.01 42500', '1610.21 3250']);
    expect(money(d).sumLines.map((s) => s.amount)).toEqual([45750]);
    // No unit stated, or a caption `(i 1000` / `kroner)` wrapped over two lines: thousands.
    const wrapped = doc([
      '(i 1000',
      'kroner)',
      '',
      'Kap.  Post  Betegnelse  Bevilgning',
      '1610  01  Driftsutgifter  42 500',
    ]);
    expect(rows(wrapped)).toEqual(['1610.01 42500']);
  });

  it('reads a caption line of its own, claims it, and scales a table in millions', () => {
    const d = doc([
      '(beløp i mill. kroner)',
      'Kap.  Post  Betegnelse  Tildeling 2031',
      '1610  01  Driftsutgifter  42',
    ]);
    expect(rows(d)).toEqual(['1610.01 42000']);
    expect(extractMoneySide(d).claimed.has(1)).toBe(true);
  });

  it('warns of a kroner figure that is not whole thousands and never rounds it', () => {
    const d = doc([
      'Beløp i kroner.',
      'Kap.  Post  Betegnelse  Beløp',
      '1610  01  Driftsutgifter  42 500 250',
    ]);
    const m = extractMoneySide(d);
    expect(m.items.appropriations.map((a) => a.amount)).toEqual([0]);
    expect(m.warnings.map((w) => w.code)).toContain('amount-not-thousands');
  });

  it('keeps the unit for the same table after a page break, its header printed again', () => {
    const d = doc([
      'Beløp i kroner.',
      '',
      'Kap.  Post  Betegnelse  Beløp',
      '1610  01  Driftsutgifter  42 500 000',
      'Kap.  Post  Betegnelse  Beløp',
      '1610  21  Spesielle driftsutgifter  3 250 000',
    ]);
    expect(rows(d)).toEqual(['1610.01 42500', '1610.21 3250']);
  });
});

describe("a supplement's change table by its header", () => {
  it('takes `Ny tildeling` as the sum after the change beside an explicit change column', () => {
    expect(changeColumns('Betegnelse  Tidligere tildelt  Endring  Ny tildeling')).toEqual([
      'previous',
      'change',
      'total',
    ]);
    expect(changeColumns('Tidlegare løyvd  Endring  Ny løyving')).toEqual([
      'previous',
      'change',
      'total',
    ]);
    // Without one, `Ny tildeling` is the change, as before.
    expect(changeColumns('Tidligere tildeling  Ny tildeling  Sum tildelt 2031')).toEqual([
      'previous',
      'change',
      'total',
    ]);
  });

  it('reads a name column, the last cells as figures, a minus sign of either kind, in kroner', () => {
    const d = doc(
      [
        '(beløp i kroner)',
        'Kap.  Post  Betegnelse  Tidligere tildelt  Endring  Ny tildeling',
        '1620  01  Driftsutgifter  80 000 000  2 500 000  82 500 000',
        '1620  21  Spesielle driftsutgifter, kan nyttes under post 70  9 000 000  -1 000 000  8 000 000',
        '1620  70  Tilskudd til prøvelag  5 000 000  \u22122 000 000  3 000 000',
        '1620  71  Ny ordning  0  750 000  750 000',
      ],
      'supplement',
      2,
    );
    expect(rows(d)).toEqual([
      '1620.01 2500 [80000 → 82500]',
      '1620.21 -1000 [9000 → 8000]',
      '1620.70 -2000 [5000 → 3000]',
      '1620.71 750 [0 → 750]',
    ]);
    expect(money(d).appropriations[1]?.notes).toEqual(['kan nyttes under post 70']);
  });

  it('finds the figures at the end of a row printed with single spaces, a number in its name kept', () => {
    expect(rowFigures('Tilskudd etter post 70 12 000 -3 000 9 000', 3)).toEqual({
      name: 'Tilskudd etter post 70',
      figures: [12000, -3000, 9000],
    });
  });

  it('takes the column the rows sum into as the total where the header words say otherwise', () => {
    const d = doc(
      [
        'Kap. post  Tidligere tildeling  Endret tildeling  Endring',
        '1620.21  100  20  120',
        '1620.22  300  50  350',
      ],
      'supplement',
      2,
    );
    expect(rows(d)).toEqual(['1620.21 20 [100 → 120]', '1620.22 50 [300 → 350]']);
  });

  it('reads a name that wraps around the figures, and the header printed again on the next page', () => {
    const d = doc(
      [
        'Kap.     Post     Betegnelse     Tidligere tildelt    Endring     Ny tildeling',
        '1620     01       Driftsutgifter     80 000     2 500     82 500',
        'Side 2 av 3',
        'Kap.     Post     Betegnelse     Tidligere tildelt    Endring     Ny tildeling',
        'Større utstyrsanskaffelser og',
        '1620     45          12 000     3 000     15 000',
        'vedlikehold, kan overføres',
        '',
        'Tilskudd til forskning på',
        '1620     71          0     500     500',
        'prøvemetoder',
        '',
        'Endringene er begrunnet nedenfor, post for post.',
      ],
      'supplement',
      2,
    );
    const m = extractMoneySide(d);
    expect(rows(d)).toEqual([
      '1620.01 2500 [80000 → 82500]',
      '1620.45 3000 [12000 → 15000]',
      '1620.71 500 [0 → 500]',
    ]);
    expect(m.items.appropriations.map((a) => [a.postName, a.notes, a.provenance])).toEqual([
      ['Driftsutgifter', [], { startLine: 2, endLine: 2 }],
      [
        'Større utstyrsanskaffelser og vedlikehold',
        ['kan overføres'],
        { startLine: 5, endLine: 7 },
      ],
      ['Tilskudd til forskning på prøvemetoder', [], { startLine: 9, endLine: 11 }],
    ]);
    expect(m.claimed.has(13)).toBe(false);
  });
});

describe('where a grid table ends', () => {
  it('ends at a paragraph of running text and at a heading naming a post and its name', () => {
    const d = doc(
      [
        'Kap.  Post  Betegnelse  Tildeling 2031  Kommentar',
        '1630  01  Driftsutgifter  12 000  Drift av etaten',
        'Departementet har i tillegg merket seg at etaten har fått nye oppgaver i løpet av året.',
        'Kap.  Post  Betegnelse  Tildeling 2031  Kommentar',
        '1630  21  Spesielle driftsutgifter  3 000  Utvikling',
        'Kap. 1630, post 21 Spesielle driftsutgifter',
        'Midlene skal brukes til utvikling.',
      ],
      'allocation-letter',
    );
    expect(
      money(d).appropriations.map((a) => [`${a.chapter}.${a.post}`, a.amount, a.comment]),
    ).toEqual([
      ['1630.1', 12000, 'Drift av etaten'],
      ['1630.21', 3000, 'Utvikling'],
    ]);
  });

  it('reads a row whose name cell printed above and below its post and amount (a PDF)', () => {
    const d = doc([
      'Kap.     Post     Betegnelse                Beløp',
      '1631               Prøveetaten',
      '70       Tilskudd til frivillige prøvelag                24 600',
      'Tilskudd til kommunale prøveprosjekter, kan overføres,',
      '71                53 900',
      'kan nyttes under post 60',
      '72       Forsøksordning                17 250',
    ]);
    expect(
      money(d).appropriations.map((a) => [a.post, a.postName, a.notes, a.amount, a.comment]),
    ).toEqual([
      [70, 'Tilskudd til frivillige prøvelag', [], 24600, null],
      [
        71,
        'Tilskudd til kommunale prøveprosjekter',
        ['kan overføres', 'kan nyttes under post 60'],
        53900,
        null,
      ],
      [72, 'Forsøksordning', [], 17250, null],
    ]);
  });

  it('does not take a bare `Sum` under several chapters for the last chapter’s sum', () => {
    const d = doc([
      'Kap.  Post  Betegnelse  Beløp',
      '1632  01  Driftsutgifter  5 000',
      '1633  01  Driftsutgifter  2 000',
      'Sum  7 000',
    ]);
    const m = extractMoneySide(d);
    expect(m.items.sumLines).toEqual([]);
    expect(m.claimed.has(4)).toBe(true);
  });
});

describe("a supplement's closing table of totals", () => {
  const closing = [
    'Samlet tildeling 2031 etter dette brevet',
    'Tabellen viser samlet tildeling per post etter endringene i dette brevet.',
    '(beløp i kroner)',
    'Kap.  Post  Betegnelse  Tildeling 2031',
    '1640  01  Driftsutgifter  82 500 000',
    '1640  70  Tilskudd  18 300 000',
    'Sum  100 800 000',
  ];
  const change = [
    'Kap.  Post  Betegnelse  Tidligere tildelt  Endring  Ny tildeling',
    '1640  01  Driftsutgifter  80 000  2 500  82 500',
    '',
    'Endringen skal dekke økte husleiekostnader for etaten i hele budsjettåret 2031.',
    '',
  ];

  it('is a totals claim per post under a heading that says so, not money the supplement gives', () => {
    const m = money(doc([...change, ...closing], 'supplement', 3));
    expect(m.appropriations.map((a) => `${a.chapter}.${a.post} ${a.amount}`)).toEqual([
      '1640.1 2500',
    ]);
    expect(
      m.totalsClaimed.map((t) => [t.chapter, t.post, t.total?.label, t.total?.amount]),
    ).toEqual([
      [1640, 1, 'Tildeling 2031', 82500],
      [1640, 70, 'Tildeling 2031', 18300],
    ]);
    expect(m.sumLines).toEqual([]);
  });

  it('is a totals claim when its figures are the change rows’ sums after, heading or not', () => {
    const untitled = ['Oversikten under viser tildelingen.', ...closing.slice(2)];
    const m = money(doc([...change, ...untitled], 'supplement', 3));
    expect(m.appropriations).toHaveLength(1);
    expect(m.totalsClaimed).toHaveLength(2);
  });

  it('is money given in an allocation letter', () => {
    const m = money(doc(closing));
    expect(m.appropriations.map((a) => a.amount)).toEqual([82500, 18300]);
  });
});

describe('money given in running text', () => {
  it('reads an active `øker … med` in a supplement as a change of the post it names', () => {
    const d = doc(
      [
        'Andre endringer',
        '',
        'Departementet øker i tillegg tildelingen med 2,5 mill. kroner på kap. 1650, post 21, slik at etaten kan gjennomføre en kampanje.',
        '',
        'Departementet reduserer tildelingen med 1 mill. kroner på kap. 1650, post 01.',
      ],
      'supplement',
      3,
    );
    expect(rows(d)).toEqual(['1650.21 2500', '1650.01 -1000']);
    // The grant verbs as data still read `stilles … til disposisjon`, misspelt too.
    const disposal = doc(
      ['Det stilles 10 mill. kroner til dispossisjon på kap. 1670, post 21 til et prosjekt.'],
      'supplement',
      1,
    );
    expect(rows(disposal)).toEqual(['1670.21 10000']);
  });

  it('reads a grant in an allocation letter for a post its table lacks, in nynorsk, with its name', () => {
    const d = doc([
      'Kap.  Post  Nemning  Løyving',
      '1660  01  Driftsutgifter  42 500',
      '',
      'Av løyvinga på kap. 1660, post 01 er 1 000 000 kroner sette av til eit prosjekt.',
      '',
      'I tillegg vert det løyvd 3 400 000 kroner på kap. 1660, post 70 Tilskot til lokale prøvesenter.',
      '',
      'Det er løyvd 2 mill. kroner på kap. 1660, post 01 til drift av registeret.',
    ]);
    const m = money(d);
    expect(m.appropriations.map((a) => [`${a.chapter}.${a.post}`, a.amount, a.postName])).toEqual([
      ['1660.1', 42500, 'Driftsutgifter'],
      ['1660.70', 3400, 'Tilskot til lokale prøvesenter'],
    ]);
    // Money on a post the table has stays an earmark of it.
    expect(m.earmarks.map((e) => [e.post, e.amount])).toEqual([
      [1, 1000],
      [1, 2000],
    ]);
  });
});
