/**
 * Money tables and sentences of the Word-template family (text written for these tests): the
 * unit a table states, change tables with a name column and header-driven roles, names that wrap
 * around a row's figures, headers printed again after a page break, a supplement's closing table
 * of totals, money given in running text (bokmål and nynorsk), tables in millions with decimals,
 * `hvorav` rows and per-post headings that print the post's name.
 */
import { describe, expect, it } from 'vitest';
import { isPostHeading, toSourceLines } from './text';
import type { DocText } from './types';
import {
  changeColumns,
  extractMoneySide,
  rowFigures,
  splitColumns,
  unitInText,
  unitStatement,
} from './money';

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

describe('a grid table with chapter and post in one column', () => {
  it('reads `Kap./post` rows printed `1610.01` and `1610 21`', () => {
    const d = doc([
      'Beløp i 1 000 kroner.',
      '',
      'Kap./post  Betegnelse  Beløp',
      '1610.01  Driftsutgifter  42 500',
      '1610 21  Spesielle driftsutgifter  3 250',
      '0611.70  Tilskudd til prøvelag  900',
      '  Sum  46 650',
    ]);
    expect(rows(d)).toEqual(['1610.01 42500', '1610.21 3250', '611.70 900']);
    expect(extractMoneySide(d).warnings).toEqual([]);
  });
});

describe('a chapter table whose rows print the word post', () => {
  it('reads `Post 01 Driftsutgifter 88 400` under `Kap. 1720 …` and `Post · Betegnelse · Beløp`', () => {
    const d = doc([
      'Kap. 1720 Prøvetilsynet',
      '',
      'Post  Betegnelse  Beløp (i 1 000 kr)',
      'Post 01  Driftsutgifter  88 400',
      'Post 21  Spesielle driftsutgifter  4 100',
      '  Sum kap. 1720  92 500',
    ]);
    expect(rows(d)).toEqual(['1720.01 88400', '1720.21 4100']);
    expect(extractMoneySide(d).warnings).toEqual([]);
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

  it('takes `Ny ramme` for the sum after the change', () => {
    expect(changeColumns('Betegnelse  Tidligere tildelt  Endring  Ny ramme')).toEqual([
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

  it('reads `Kap./post` as the chapter-and-post column and `Tildelt tidligere` as the figure before', () => {
    const d = doc(
      [
        'Bevilgningen endres slik (i 1 000 kroner):',
        'Kap./post  Betegnelse  Tildelt tidligere  Endring  Ny tildeling',
        '1610.01  Driftsutgifter  214 500  3 200  217 700',
        '1610.21  Spesielle driftsutgifter  18 300  -1 000  17 300',
      ],
      'supplement',
      2,
    );
    expect(rows(d)).toEqual(['1610.01 3200 [214500 → 217700]', '1610.21 -1000 [18300 → 17300]']);
  });

  it('splits figures printed too close to tell apart where the row sums up (before + change = after)', () => {
    // By size alone `699 206 | 209` would be read; only `699 | 206 209` sums up.
    expect(rowFigures('205 510                699 206 209', 3)).toEqual({
      name: '',
      figures: [205510, 699, 206209],
    });
    const d = doc(
      [
        '(i 1 000 kroner)',
        'Kap. post  Tidligere tildeling          Ny tildeling     Sum tildeling',
        '1620.70    205 510                699 206 209',
      ],
      'supplement',
      2,
    );
    expect(rows(d)).toEqual(['1620.70 699 [205510 → 206209]']);
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
    // The note under the heading is about the post the heading names.
    expect(
      money(d).appropriations.map((a) => [`${a.chapter}.${a.post}`, a.amount, a.comment]),
    ).toEqual([
      ['1630.1', 12000, 'Drift av etaten'],
      ['1630.21', 3000, 'Utvikling Midlene skal brukes til utvikling.'],
    ]);
    // Under a heading naming another post, it is not the table's last row's.
    const other = doc([
      ...d.lines.slice(0, 5).map((l) => l.text),
      'Kap. 1630, post 01 Driftsutgifter',
      'Midlene skal brukes til drift.',
    ]);
    expect(money(other).appropriations.map((a) => a.comment)).toEqual([
      'Drift av etaten Midlene skal brukes til drift.',
      'Utvikling',
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

describe('a table in millions with decimals', () => {
  const warned = (d: DocText) =>
    extractMoneySide(d).warnings.map((w) => [w.code, w.params?.['text'] ?? null]);

  it('reads decimal cells and sum lines exactly in thousands', () => {
    const d = doc([
      'Kap.  Post  Betegnelse  Beløp i mill. kr',
      '1610    Prøveetaten',
      '  01  Driftsutgifter  12,5',
      '  21  Spesielle driftsutgifter  0,75',
      '  70  Tilskudd til prøvelag  1 204,3',
      '  71  Tilskudd til forsøk  30',
      '    Sum kap. 1610  1 247,55',
    ]);
    expect(rows(d)).toEqual(['1610.01 12500', '1610.21 750', '1610.70 1204300', '1610.71 30000']);
    expect(money(d).sumLines.map((s) => s.amount)).toEqual([1247550]);
    expect(warned(d)).toEqual([]);
  });

  it('reads the unit from a caption or a column of its own, and two year columns', () => {
    const caption = doc([
      '(i mill. kroner)',
      'Kap. 1611 Prøveetaten',
      'Post  Betegnelse  2033  2034',
      '01  Driftsutgifter  11,8  12,5',
      '21  Spesielle driftsutgifter  1 250  1 204,35',
      'Sum kap. 1611  1 261,8  1 216,85',
    ]);
    expect(
      money(caption).appropriations.map((a) => [a.post, a.previousYearAmount, a.amount]),
    ).toEqual([
      [1, 11800, 12500],
      [21, 1250000, 1204350],
    ]);
    expect(money(caption).sumLines.map((s) => s.amount)).toEqual([1216850]);
    const column = doc(['Kap.  Post  Betegnelse  Mill. kroner', '1612  01  Driftsutgifter  7,25']);
    expect(rows(column)).toEqual(['1612.01 7250']);
    expect(splitColumns('11,8 12,5', 2, 3)).toEqual([11800, 12500]);
    expect(splitColumns('1 204,3 1 250', 2, 3)).toEqual([1204300, 1250000]);
  });

  it('warns of a decimal that is not whole thousands, never rounding it', () => {
    const millions = doc([
      '(i mill. kroner)',
      'Kap.  Post  Betegnelse  Beløp',
      '1613  01  Driftsutgifter  1,2345',
      '1613  21  Spesielle driftsutgifter  2,5',
    ]);
    expect(rows(millions)).toEqual(['1613.01 0', '1613.21 2500']);
    expect(warned(millions)).toEqual([['amount-not-thousands', '1,2345']]);
    // In thousands a decimal is kroner; in kroner decimals are øre: read only when zero.
    const thousands = doc(['Kap.  Post  Betegnelse  Beløp', '1614  01  Driftsutgifter  12,5']);
    expect(rows(thousands)).toEqual(['1614.01 0']);
    expect(warned(thousands)).toEqual([['amount-not-thousands', '12,5']]);
    const kroner = doc([
      'Beløp i kroner.',
      'Kap.  Post  Betegnelse  Beløp',
      '1615  01  Driftsutgifter  42 500 000,00',
      '1615  21  Spesielle driftsutgifter  1 500,50',
    ]);
    expect(rows(kroner)).toEqual(['1615.01 42500', '1615.21 0']);
    expect(warned(kroner)).toEqual([['amount-not-thousands', '1 500,50']]);
  });

  it('reads a supplement’s change table in millions', () => {
    const d = doc(
      [
        '(i mill. kroner)',
        'Kap. post  Tidligere tildeling  Ny tildeling  Sum tildelt 2034',
        '1650.21  120  4,5  124,5',
        '1650.70  12,25  -0,75  11,5',
      ],
      'supplement',
      2,
    );
    expect(rows(d)).toEqual(['1650.21 4500 [120000 → 124500]', '1650.70 -750 [12250 → 11500]']);
  });

  it('keeps a decimal with a scale word in a comment cell out of the amount', () => {
    const d = doc([
      'Kap.  Post  Betegnelse  Tildeling 2034  Kommentar',
      '1616  21  Spesielle driftsutgifter  30 100  2,7 mill. kr er øremerket standarder',
    ]);
    expect(rows(d)).toEqual(['1616.21 30100']);
    expect(money(d).earmarks.map((e) => [e.post, e.amount])).toEqual([[21, 2700]]);
  });
});

describe('a `hvorav` row under a post', () => {
  it('is an earmark of the post in the table’s unit, no appropriation and not in the sums', () => {
    const d = doc([
      'Beløp i kroner.',
      '',
      'Kap.  Post  Betegnelse  Beløp',
      '870    Prøveetaten',
      '  21  Spesielle driftsutgifter, kan overføres  38 700 000',
      '    hvorav til nasjonal testportal  12 500 000',
      '  22  Prøvedrift  14 300 000',
      '    Sum kap. 870  53 000 000',
    ]);
    const m = extractMoneySide(d);
    expect(rows(d)).toEqual(['870.21 38700', '870.22 14300']);
    expect(m.items.appropriations[0]?.comment).toBeNull();
    expect(m.items.sumLines.map((s) => s.amount)).toEqual([53000]);
    expect(m.items.earmarks).toEqual([
      {
        chapter: 870,
        post: 21,
        amount: 12500,
        text: 'hvorav til nasjonal testportal',
        fromTable: true,
        provenance: { startLine: 6, endLine: 6 },
      },
    ]);
    expect(m.claimed.has(6)).toBe(true);
    expect(m.warnings).toEqual([]);
  });

  it('reads `herav`, `derav` and nynorsk `av dette` in a chapter table, which goes on after them', () => {
    const d = doc([
      'Kap. 1617 Prøveetaten (i 1000 kr)',
      'Post  Nemning  2034',
      '01  Driftsutgifter  42 500',
      'herav husleige  8 000',
      '21  Spesielle driftsutgifter  3 000',
      'av dette: kartlegging  1 200',
      'derav til',
      'arkivering  300',
      'Sum kap. 1617  45 500',
    ]);
    expect(rows(d)).toEqual(['1617.01 42500', '1617.21 3000']);
    expect(money(d).earmarks.map((e) => [e.post, e.amount, e.text])).toEqual([
      [1, 8000, 'herav husleige'],
      [21, 1200, 'av dette: kartlegging'],
      [21, 300, 'derav til arkivering'],
    ]);
    expect(money(d).sumLines.map((s) => s.amount)).toEqual([45500]);
  });

  it('keeps its comment cell, wrapped or not, and the grid goes on after it', () => {
    const d = doc([
      'Kap.  Post  Betegnelse  Tildeling 2034  Kommentar',
      '1620  21  Spesielle driftsutgifter  30 000  Utvikling',
      'hvorav til kodeverk  5 000  Gjelder felles',
      'Kodeverk for etatene',
      '1620  22  Prøvedrift  4 000',
    ]);
    expect(rows(d)).toEqual(['1620.21 30000', '1620.22 4000']);
    expect(money(d).appropriations.map((a) => a.comment)).toEqual(['Utvikling', null]);
    expect(money(d).earmarks.map((e) => [e.post, e.amount, e.text, e.provenance])).toEqual([
      [
        21,
        5000,
        'hvorav til kodeverk Gjelder felles Kodeverk for etatene',
        { startLine: 3, endLine: 4 },
      ],
    ]);
  });

  it('is warned of when not whole thousands; a `hvorav` comment line without an amount cell stays a comment', () => {
    const kroner = doc([
      'Beløp i kroner.',
      'Kap.  Post  Betegnelse  Beløp',
      '1618  21  Spesielle driftsutgifter  3 000 000',
      'hvorav til kartlegging  1 250 500',
    ]);
    expect(money(kroner).earmarks).toEqual([]);
    expect(extractMoneySide(kroner).warnings.map((w) => w.code)).toEqual(['amount-not-thousands']);
    const comment = doc([
      'Kap.  Post  Betegnelse  Tildeling 2034  Kommentar',
      '1619  21  Spesielle driftsutgifter  30 100  Til standarder,',
      'hvorav 1 mill. kr til kodeverk',
    ]);
    expect(money(comment).appropriations.map((a) => a.comment)).toEqual([
      'Til standarder, hvorav 1 mill. kr til kodeverk',
    ]);
  });
});

describe('a per-post heading that prints the post’s name', () => {
  it('is a heading with the name after the post, not a line of running text', () => {
    expect(isPostHeading('Kap. 1450, post 21 Spesielle driftsutgifter')).toBe(true);
    expect(isPostHeading('Kap. 1450 post 01 Driftsutgifter')).toBe(true);
    expect(isPostHeading('Kap. 1450, post 70 Tilskudd, kan nyttes under post 71')).toBe(true);
    expect(isPostHeading('Kap. 1450, post 21')).toBe(true);
    expect(isPostHeading('Kap. 1450, post 21 Spesielle driftsutgifter er økt med')).toBe(false);
    expect(isPostHeading('Kap. 1450, post 21 Spesielle driftsutgifter 12 500')).toBe(false);
    expect(isPostHeading('Kap. 1450, post 21 – Presisering')).toBe(false);
    expect(isPostHeading('kap. 1450, post 21 Driftsutgifter.')).toBe(false);
  });

  it('gives the post of a letter the money granted under it, with the heading’s name', () => {
    for (const gap of ['', ' ']) {
      const d = doc([
        'Kap. 1450, post 21 Spesielle driftsutgifter',
        gap,
        'Direktoratet tildeles 2,5 mill. kroner til',
        '',
        'kartlegging av skogbrann.',
      ]);
      expect(money(d).appropriations.map((a) => [rows(d)[0], a.postName])).toEqual([
        ['1450.21 2500', 'Spesielle driftsutgifter'],
      ]);
    }
  });

  it('keeps money under the heading of a post the letter’s table has as its earmark', () => {
    const d = doc([
      'Kap.  Post  Betegnelse  Beløp',
      '1450  01  Driftsutgifter  42 500',
      ' ',
      'Kap. 1450 post 01 Driftsutgifter',
      ' ',
      'Av bevilgningen er 3 mill. kroner satt av til nytt arkiv.',
    ]);
    expect(rows(d)).toEqual(['1450.01 42500']);
    expect(money(d).earmarks.map((e) => [e.chapter, e.post, e.amount])).toEqual([[1450, 1, 3000]]);
  });

  it('is a line of its own: a list item run on with the heading after it is none', () => {
    const d = doc(['• Kap. 2756, post 70', '', 'Nye oppdrag'], 'supplement', 1);
    expect(extractMoneySide(d).claimed.has(3)).toBe(false);
  });

  it('reads a supplement’s change under it as that post’s, named', () => {
    const d = doc(
      [
        'Kap. 1450 post 01 Driftsutgifter',
        ' ',
        'Tildelingen på posten økes med 1,2 mill. kroner til økt husleie.',
      ],
      'supplement',
      2,
    );
    expect(money(d).appropriations.map((a) => [rows(d)[0], a.postName])).toEqual([
      ['1450.01 1200', 'Driftsutgifter'],
    ]);
  });
});

describe('a change in running text with the post between the verb and its amount', () => {
  it('reads `økes bevilgningen på kap. …, post … med …` and `reduserer tildelingen på … med …`', () => {
    const d = doc(
      [
        'Tillegg nr. 2 til tildelingsbrev for 2031',
        '',
        'I tillegg økes bevilgningen på kap. 1721, post 70 med 1,2 mill. kroner til prøvelag.',
        'Departementet reduserer tildelingen på kap. 1720, post 21 med 500 000 kroner.',
      ],
      'supplement',
      2,
    );
    expect(rows(d)).toEqual(['1721.70 1200', '1720.21 -500']);
  });
});

describe("a change in running text with the post's figure before and after it", () => {
  it('reads `fra … til …` after the change, and `til …` alone, as the figures the ledger checks', () => {
    const d = doc(
      [
        'Tillegg nr. 3 til tildelingsbrev for 2031',
        '',
        'Kap. 1610, post 01 økes med 3,2 mill. kroner, fra 214,5 mill. kroner til 217,7 mill. kroner.',
        '',
        'Bevilgningen på kap. 1610, post 21 reduseres med 1 mill. kroner til 17,3 mill. kroner.',
        '',
        'Tildelingen på kap. 1611, post 70 endres fra 10 mill. kroner til 12,5 mill. kroner.',
        '',
        'Departementet stiller 2 mill. kroner til disposisjon over kap. 1611 post 21.',
        '',
        'Kap. 1612, post 70 økes med 1 mill. kroner til tilskudd til 12 prøvelag.',
      ],
      'supplement',
      3,
    );
    expect(rows(d)).toEqual([
      '1610.01 3200 [214500 → 217700]',
      '1610.21 -1000 [? → 17300]',
      '1611.70 2500 [10000 → 12500]',
      '1611.21 2000',
      '1612.70 1000',
    ]);
  });

  it('reads `fra 10 til 12 mill. kroner` with the unit printed once, and no change from `til` alone', () => {
    const d = doc(
      [
        'Tillegg nr. 3 til tildelingsbrev for 2031',
        '',
        'Bevilgningen på kap. 1611, post 70 endres fra 10 til 12 mill. kroner.',
        '',
        'Bevilgningen på kap. 1611, post 71 reduseres fra 12 til 10 mill. kroner.',
        '',
        'Bevilgningen på kap. 1611, post 72 økes til 12 mill. kroner.',
      ],
      'supplement',
      3,
    );
    expect(rows(d)).toEqual(['1611.70 2000 [10000 → 12000]', '1611.71 -2000 [12000 → 10000]']);
  });

  it('reads `fra … til …` in kroner, and `opp til` / `i tillegg til` as the money itself', () => {
    const d = doc(
      [
        'Tillegg nr. 3 til tildelingsbrev for 2031',
        '',
        'Bevilgningen på kap. 1611, post 70 endres fra 10 000 000 til 12 000 000 kroner.',
        '',
        'Bevilgningen på kap. 1611, post 71 økes med opp til 3 mill. kroner.',
        '',
        'Testetaten tildeles i tillegg til 4 mill. kroner på kap. 1611, post 72.',
      ],
      'supplement',
      3,
    );
    expect(rows(d)).toEqual(['1611.70 2000 [10000 → 12000]', '1611.71 3000', '1611.72 4000']);
  });

  it('reads in an allocation letter the change alone: `fra`/`til` figures are no grants, and no claims', () => {
    const d = doc([
      'Det tildeles 2 mill. kroner på kap. 1611, post 70, en økning fra 10 mill. kroner til 12 mill. kroner.',
    ]);
    expect(rows(d)).toEqual(['1611.70 2000']);
  });
});

describe('budget lines without a table header', () => {
  it('reads a post a line naming its chapter, in the unit of the sentence over them, and the sum', () => {
    const d = doc([
      'Departementet stiller disse midlene til disposisjon (beløp i kroner):',
      '',
      'Kap. 1610 post 01 Driftsutgifter 214 500 000',
      'Kap. 1610, post 21 Spesielle driftsutgifter: 18 300 000',
      'Kap. 1610 post 45 Større utstyrsanskaffelser, kan overføres 9 750 000',
      'Sum 242 550 000',
      '',
      'Direktoratet gis fullmakt til å overskride bevilgningen under kap. 1610 post 01 mot merinntekter under kap. 4610 post 02.',
    ]);
    const m = money(d);
    expect(rows(d)).toEqual(['1610.01 214500', '1610.21 18300', '1610.45 9750']);
    expect(m.appropriations[2]?.notes).toEqual(['kan overføres']);
    expect(m.sumLines.map((s) => [s.chapter, s.amount])).toEqual([[1610, 242550]]);
  });

  it('reads `Post 01 … kr 412 600 000` lines under a chapter heading, in kroner, millions or as stated', () => {
    const d = doc([
      'Kap. 595 Statens prøvesenter',
      '',
      'Post 01 Driftsutgifter kr 412 600 000',
      'Post 21 Spesielle driftsutgifter: 35,2 mill. kroner',
      'Post 45 Større utstyrsanskaffelser 7 200 000 kroner',
      '',
      'Kap. 3595 Statens prøvesenter',
      'Post 01 Gebyrinntekter kr 120 000 500',
    ]);
    const m = money(d);
    expect(rows(d)).toEqual(['595.01 412600', '595.21 35200', '595.45 7200', '3595.01 0']);
    expect(m.appropriations[0]?.chapterName).toBe('Statens prøvesenter');
    // Not whole thousands: kept without an amount and warned of, never rounded.
    expect(extractMoneySide(d).warnings).toContainEqual({
      code: 'amount-not-thousands',
      params: { text: '120 000 500', line: 8 },
    });
  });

  it('reads a name that ends in the post it may be used under', () => {
    const d = doc([
      'Kap. 595 Statens prøvesenter',
      'Post 01 Driftsutgifter, kan nyttes under post 21 kr 412 600 000',
      'Post 21 Spesielle driftsutgifter kr 10 000 000',
    ]);
    expect(rows(d)).toEqual(['595.01 412600', '595.21 10000']);
  });

  it('reads a Sum line that prints no unit in the unit of the rows above it', () => {
    const d = doc([
      'Kap. 595 Statens prøvesenter',
      'Post 01 Driftsutgifter kr 412 600 000',
      'Post 21 Spesielle driftsutgifter kr 10 000 000',
      'Sum 422 600 000',
    ]);
    expect(money(d).sumLines.map((s) => [s.chapter, s.amount])).toEqual([[595, 422600]]);
  });

  it('leaves sentences about a post, a `hvorav` line and a line of two figures alone', () => {
    expect(
      rows(
        doc([
          '(beløp i 1 000 kroner)',
          'Kap. 1610 post 21 kan overskrides med inntil 5 mill. kroner.',
          'Kap. 1610 post 70 hvorav til nasjonal testportal 5 mill. kroner',
          'Kap. 1610 post 01 Driftsutgifter 12 000 14 000',
        ]),
      ),
    ).toEqual([]);
  });

  it('leaves one line with no unit, a sentence about a post and a post heading over prose alone', () => {
    expect(rows(doc(['Kap. 1610 post 01 Driftsutgifter 214 500']))).toEqual([]);
    expect(
      rows(
        doc([
          'Kap. 1610 post 01 økes med 2 000',
          'Kap. 1610 post 21 Spesielle driftsutgifter, kan nyttes under post 01',
          'Post 01 Driftsutgifter, se omtalen under kap. 1610.',
        ]),
      ),
    ).toEqual([]);
  });
});

describe('the end of a grid table', () => {
  it('is a section heading numbered as Word numbers a list (`4. Styringskalender`), not a comment', () => {
    const d = doc([
      'Kap.  Post  Betegnelse  Bevilgning',
      '640    Prøvetilsynet',
      '  01  Driftsutgifter  712 300',
      '3640    Prøvetilsynet',
      '  04  Refusjoner  6 100',
      ' ',
      '4. Styringskalender',
      ' ',
      'Januar 2031: Etatsstyringsmøte',
    ]);
    expect(money(d).appropriations.map((a) => [a.chapter, a.post, a.amount, a.comment])).toEqual([
      [640, 1, 712300, null],
      [3640, 4, 6100, null],
    ]);
  });
});

describe("a numbered list in a grid table's comment cell", () => {
  it('is part of the row (without a blank line before it), not the next section', () => {
    const d = doc([
      'Kap.  Post  Betegnelse  Bevilgning  Merknad',
      '1610  01  Driftsutgifter  214 500  Inkluderer:',
      '1. Midler til prøvebenker',
      '2. Midler til tilsyn',
      '1610  21  Spesielle driftsutgifter  18 300',
    ]);
    expect(rows(d)).toEqual(['1610.01 214500', '1610.21 18300']);
  });

  it('ends the table at `4. Styringskalender` where a PDF printed no blank line before it', () => {
    const d = doc([
      'Kap.  Post  Betegnelse  Bevilgning',
      '640    Prøvetilsynet',
      '  01  Driftsutgifter  712 300',
      '  21  Spesielle driftsutgifter  6 100',
      '4. Styringskalender',
      'Januar 2031: Etatsstyringsmøte',
    ]);
    expect(money(d).appropriations.map((a) => a.comment)).toEqual([null, null]);
  });
});

describe('grid table headers in other words', () => {
  it.each([
    ['Kapittel og post  Betegnelse  Beløp', '1610.01  Driftsutgifter  214 500'],
    ['Kap.post  Betegnelse  Beløp', '1610.01  Driftsutgifter  214 500'],
    ['Utgiftskapittel  Post  Betegnelse  Beløp', '1610  01  Driftsutgifter  214 500'],
  ])('reads the rows under %j', (header, row) => {
    expect(rows(doc([header, row, '1610  21  Spesielle driftsutgifter  18 300']))).toEqual([
      '1610.01 214500',
      '1610.21 18300',
    ]);
  });
});
