/**
 * Lines rebuilt from positioned text (layout.ts): table rows whose cells are vertically centred
 * against a cell of several lines, and Symbol-font bullets. The items are written here as a PDF
 * writer places them (top-down baselines, 10 pt text, 11.5 pt line pitch).
 */
import { describe, expect, it } from 'vitest';
import { buildLines, flattenWithParagraphs, type PositionedText } from './layout';

const FS = 10;
const PITCH = 11.5;

/** A text item; its width is roughly what 10 pt text of this length takes. */
function item(str: string, x: number, y: number): PositionedText {
  return { str, x, y, width: str.length * 0.5 * FS, fontSize: FS };
}

const cells = (line: string | undefined) => (line ?? '').split(/ {2,}/);
const texts = (items: PositionedText[]) => buildLines(items).map((l) => l.text);

describe('table rows with cells centred against a wrapped cell', () => {
  // Kap. | Post | Betegnelse (wrapped over two lines) | Beløp: the short cells sit on a
  // baseline half a line pitch below the first name line and above the second.
  const row = (y: number, kap: string, post: string, name: [string, string], amount: string) => [
    item(kap, 60, y),
    item(post, 110, y),
    item(name[0], 160, y - PITCH / 2),
    item(name[1], 160, y + PITCH / 2),
    item(amount, 420, y),
  ];

  it('gives one line per row, the wrapped cell joined with a space in its column', () => {
    const lines = texts([
      item('Kap.', 60, 100),
      item('Post', 110, 100),
      item('Betegnelse', 160, 100),
      item('Beløp', 420, 100),
      ...row(125, '1452', '45', ['Større utstyrskjøp og', 'vedlikehold, kan overføres'], '12 000'),
      ...row(160, '1453', '70', ['Tilskudd til lokale', 'prøveprosjekter'], '−2 000'),
    ]);
    expect(lines.map(cells)).toEqual([
      ['Kap.', 'Post', 'Betegnelse', 'Beløp'],
      ['1452', '45', 'Større utstyrskjøp og vedlikehold, kan overføres', '12 000'],
      ['1453', '70', 'Tilskudd til lokale prøveprosjekter', '−2 000'],
    ]);
  });

  it('takes a wrapped cell in the last column too (a calendar remark)', () => {
    const lines = texts([
      item('20. juni 2032', 60, 200),
      item('Budsjettforslag for 2034', 160, 200),
      item('Satsingsforslag og', 360, 200 - PITCH / 2),
      item('innsparingsforslag', 360, 200 + PITCH / 2),
    ]);
    expect(lines.map(cells)).toEqual([
      ['20. juni 2032', 'Budsjettforslag for 2034', 'Satsingsforslag og innsparingsforslag'],
    ]);
  });

  it('takes a cell of four lines, mirrored about the row', () => {
    const y = 300;
    const lines = texts([
      item('TB2032-03', 60, y),
      item('Avd. PTD: FOA', 160, y),
      ...[-1.5, -0.5, 0.5, 1.5].map((k, i) => item(`del ${i + 1}`, 300, y + k * PITCH)),
    ]);
    expect(lines.map(cells)).toEqual([['TB2032-03', 'Avd. PTD: FOA', 'del 1 del 2 del 3 del 4']]);
  });

  it('leaves prose, and lines beside a row that are not mirrored about it, as they are', () => {
    const lines = texts([
      // Two blocks side by side whose baselines are offset (a letterhead's left and right
      // columns): not centred cells of one row.
      item('Prøvetilsynet', 60, 100),
      item('Vår ref.', 360, 104),
      item('32/418-7', 460, 104),
      item('Postboks 4410 Nydalen', 60, 100 + PITCH),
      // Prose at the line pitch.
      item('Departementet viser til brevet av 3. mars og ber om svar.', 60, 150),
      item('Tilsynet skal rapportere i årsrapporten.', 60, 150 + PITCH),
      // Lines that share horizontal space with the row's cells are no wrapped cells of it.
      item('Frist:', 60, 200),
      item('1. mars 2032', 160, 200),
      item('og mer tekst her som går over cellene', 60, 200 + 0.6 * FS),
      item('og enda mer tekst', 60, 200 - 0.6 * FS),
      // One line above and none below (a superscript, a stray mark) is not a centred cell.
      item('1452', 60, 300),
      item('01', 110, 300),
      item('a', 300, 300 - 0.5 * FS),
      // … while a row of centred cells on the same page is one line.
      ...row(400, '1453', '70', ['Tilskudd til lokale', 'prøveprosjekter'], '−2 000'),
    ]);
    expect(lines).toEqual([
      'Prøvetilsynet',
      expect.stringMatching(/^Vår ref\. {2,}32\/418-7$/),
      'Postboks 4410 Nydalen',
      'Departementet viser til brevet av 3. mars og ber om svar.',
      'Tilsynet skal rapportere i årsrapporten.',
      'og enda mer tekst',
      expect.stringMatching(/^Frist: {2,}1\. mars 2032$/),
      'og mer tekst her som går over cellene',
      'a',
      expect.stringMatching(/^1452 {2,}01$/),
      expect.stringMatching(/^1453 {2,}70 {2,}Tilskudd til lokale prøveprosjekter {2,}−2 000$/),
    ]);
  });

  it('gives each row its own wrapped lines when several rows in a row wrap', () => {
    // Row pitch only a little over the line pitch: each name line is nearer its own row.
    const step = 2 * PITCH + 4;
    const lines = texts([
      ...row(100, '1452', '21', ['Spesielle', 'driftsutgifter'], '6 750'),
      ...row(100 + step, '1452', '45', ['Større', 'utstyrskjøp'], '12 000'),
      ...row(100 + 2 * step, '1453', '70', ['Tilskudd til', 'prøveprosjekter'], '45 000'),
    ]);
    expect(lines.map(cells)).toEqual([
      ['1452', '21', 'Spesielle driftsutgifter', '6 750'],
      ['1452', '45', 'Større utstyrskjøp', '12 000'],
      ['1453', '70', 'Tilskudd til prøveprosjekter', '45 000'],
    ]);
  });

  it('measures paragraph gaps from the first and last printed line of a rebuilt row', () => {
    const lines = buildLines([
      item('1452', 60, 100),
      item('01', 110, 100),
      item('Driftsutgifter', 160, 100),
      item('4 200', 420, 100),
      // A row whose wrapped cell's lines are one line pitch from the rows before and after.
      ...row(100 + 1.5 * PITCH, '1452', '45', ['Større utstyrskjøp og', 'vedlikehold'], '3 000'),
      item('1453', 60, 100 + 3 * PITCH),
      item('21', 110, 100 + 3 * PITCH),
      item('Spesielle driftsutgifter', 160, 100 + 3 * PITCH),
      item('1 250', 420, 100 + 3 * PITCH),
      item('Endringene er begrunnet nedenfor.', 60, 100 + 4 * PITCH),
    ]);
    const out = flattenWithParagraphs([{ height: 842, lines }]);
    expect(out).toHaveLength(4);
    expect(out).not.toContain('');
  });
});

describe('Symbol-font bullets', () => {
  it('reads a private-use bullet glyph before a list item as •, and no other', () => {
    expect(
      texts([
        item('\uf0b7', 78, 100),
        item('endringer i tildelingene på kap. 1452', 92, 100),
        item('\uf0a7', 78, 100 + PITCH),
        item('en økt tildeling', 100, 100 + PITCH),
        item('\uf0b7\tfire nye oppdrag', 78, 100 + 2 * PITCH),
        // Inside a line, or alone on a line: left as it is.
        item('Telefon', 60, 100 + 3 * PITCH),
        item('\uf028', 100, 100 + 3 * PITCH),
        item('22 24 90 90', 110, 100 + 3 * PITCH),
        item('\uf0b7', 60, 100 + 4 * PITCH),
      ]),
    ).toEqual([
      '• endringer i tildelingene på kap. 1452',
      '• en økt tildeling',
      '• fire nye oppdrag',
      'Telefon \uf028 22 24 90 90',
      '\uf0b7',
    ]);
  });
});

describe('a cell whose text runs close to the next column', () => {
  it('is a cell of its own where a wider gap starts that column on another line', () => {
    // Oppdrag | Frist: the first row's text fills its cell to 0.6 em from the deadline.
    const lines = texts(
      [
        item('Oppdrag', 60, 100),
        item('Frist', 300, 100),
        item('Direktoratet skal lage en plan for', 60, 100 + PITCH),
        { ...item('1. juni 2031', 300, 100 + PITCH) },
        item('Direktoratet skal kartlegge', 60, 100 + 2 * PITCH),
        item('15.9.2031', 300, 100 + 2 * PITCH),
      ].map((it) => (it.str === 'Direktoratet skal lage en plan for' ? { ...it, width: 234 } : it)),
    );
    expect(lines.map(cells)).toEqual([
      ['Oppdrag', 'Frist'],
      ['Direktoratet skal lage en plan for', '1. juni 2031'],
      ['Direktoratet skal kartlegge', '15.9.2031'],
    ]);
  });

  it('is not where only one other line has a wide gap there (prose has them too)', () => {
    const lines = texts([
      item('Frist:', 60, 100),
      item('1. juni 2031', 300, 100),
      { ...item('Direktoratet skal lage en plan for', 60, 100 + PITCH), width: 234 },
      item('hele landet', 300, 100 + PITCH),
    ]);
    expect(lines.map(cells)).toEqual([
      ['Frist:', '1. juni 2031'],
      ['Direktoratet skal lage en plan for hele landet'],
    ]);
  });

  it('is not where no other line starts a column there', () => {
    const lines = texts([
      { ...item('Direktoratet skal lage en plan for', 60, 100), width: 234 },
      item('hele landet', 300, 100),
      item('Direktoratet skal kartlegge', 60, 100 + PITCH),
      item('15.9.2031', 320, 100 + PITCH),
    ]);
    expect(lines.map(cells)).toEqual([
      ['Direktoratet skal lage en plan for hele landet'],
      ['Direktoratet skal kartlegge', '15.9.2031'],
    ]);
  });
});
