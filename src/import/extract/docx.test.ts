/**
 * The Word reader on its own: Word's automatic numbering printed as the reader of the page sees
 * it, tables, tracked changes, fields, text boxes and the package's parts. Files are built with
 * the `docx` library where it can write the structure, and as raw WordprocessingML where it
 * cannot (style-linked numbering, complex fields, alternate content).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import {
  AlignmentType,
  DeletedTextRun,
  Document,
  HeadingLevel,
  InsertedTextRun,
  LevelFormat,
  Packer,
  PageReference,
  Paragraph,
  SimpleField,
  Table,
  TableCell,
  TableRow,
  TextRun,
  type ILevelsOptions,
} from 'docx';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { parseLetters } from '../parse';
import { factsOf } from '../../testing/facts';
import { formatListNumber } from './docx';
import { ImportRefusal, extractText } from './index';

/** The text lines, without the lines of one space that end blocks (tested on their own below). */
const read = async (bytes: Uint8Array): Promise<string[]> =>
  (await readAll(bytes)).filter((l) => l !== ' ');

const readAll = async (bytes: Uint8Array): Promise<string[]> =>
  (await extractText({ name: 'brev.docx', bytes })).lines;

const readDoc = async (doc: Document): Promise<string[]> =>
  read(new Uint8Array(await Packer.toBuffer(doc)));

const level = (
  level: number,
  format: (typeof LevelFormat)[keyof typeof LevelFormat],
  text: string,
): ILevelsOptions => ({ level, format, text, alignment: AlignmentType.LEFT });

describe('Word numbering', () => {
  it('prints numbered headings as Word does: 1, 1.1, 2', async () => {
    const heading = (text: string, lvl: number) =>
      new Paragraph({
        text,
        heading: lvl === 0 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
        numbering: { reference: 'overskrifter', level: lvl },
      });
    const doc = new Document({
      numbering: {
        config: [
          {
            reference: 'overskrifter',
            levels: [level(0, LevelFormat.DECIMAL, '%1'), level(1, LevelFormat.DECIMAL, '%1.%2')],
          },
        ],
      },
      sections: [
        {
          children: [
            heading('Innledning', 0),
            new Paragraph('Teksten under overskriften.'),
            heading('Bakgrunn', 1),
            heading('Omfang', 1),
            heading('Oppdrag', 0),
            heading('Nye oppdrag', 1),
          ],
        },
      ],
    });
    expect(await readDoc(doc)).toEqual([
      '1 Innledning',
      'Teksten under overskriften.',
      '1.1 Bakgrunn',
      '1.2 Omfang',
      '2 Oppdrag',
      '2.1 Nye oppdrag',
    ]);
  });

  it("prints an assignment's parts 1., 2. with nested a), b), and a new list counts from its start", async () => {
    const item = (text: string, lvl: number, instance = 0) =>
      new Paragraph({ text, numbering: { reference: 'deler', level: lvl, instance } });
    const doc = new Document({
      numbering: {
        config: [
          {
            reference: 'deler',
            levels: [
              level(0, LevelFormat.DECIMAL, '%1.'),
              level(1, LevelFormat.LOWER_LETTER, '%2)'),
            ],
          },
        ],
      },
      sections: [
        {
          children: [
            new Paragraph('Direktoratet skal:'),
            item('Kartlegge behovet.', 0),
            item('i kommunene', 1),
            item('i fylkene', 1),
            new Paragraph('Frist: 1. mars 2030'),
            item('Rapportere om resultatene.', 0),
            item('med tall', 1),
            new Paragraph('Et nytt oppdrag med egne deler:'),
            item('Utrede ordningen.', 0, 1),
            item('Foreslå endringer.', 0, 1),
          ],
        },
      ],
    });
    expect(await readDoc(doc)).toEqual([
      'Direktoratet skal:',
      '1. Kartlegge behovet.',
      'a) i kommunene',
      'b) i fylkene',
      'Frist: 1. mars 2030',
      '2. Rapportere om resultatene.',
      // The deeper level starts again after its parent advanced.
      'a) med tall',
      'Et nytt oppdrag med egne deler:',
      '1. Utrede ordningen.',
      '2. Foreslå endringer.',
    ]);
  });

  it('marks bullet items with • whatever glyph the list uses', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph('Prioriteringer:'),
            new Paragraph({ text: 'kortere ventetid', bullet: { level: 0 } }),
            new Paragraph({ text: 'for søknader', bullet: { level: 1 } }),
            new Paragraph({ text: 'bedre informasjon', bullet: { level: 0 } }),
          ],
        },
      ],
    });
    expect(await readDoc(doc)).toEqual([
      'Prioriteringer:',
      '• kortere ventetid',
      '• for søknader',
      '• bedre informasjon',
    ]);
  });

  it('reads the parts of an assignment and their deadlines as from the same letter typed', async () => {
    // Our own small letter: numbered headings and sub-assignments by Word's numbering.
    const numbered = (text: string, reference: string, lvl = 0) =>
      new Paragraph({ text, numbering: { reference, level: lvl } });
    const body = [
      'Tildelingsbrev til Prøvedirektoratet for 2031',
      'Prøve- og testdepartementet',
      'Dato: 18. desember 2030',
      ['h', 'Innledning'],
      'Departementet stiller midler til disposisjon for Prøvedirektoratet i 2031.',
      ['h', 'Oppdrag'],
      'TB2031-01 Avd. PTD: ABC Bedre testtjenester',
      'Departementet ber direktoratet om to ting.',
      ['d', 'Kartlegge ventetidene i alle regioner. Frist: 1.3.2031'],
      ['d', 'Foreslå tiltak som korter ventetidene. Frist: 1.12.2031'],
      'Direktoratet skal rapportere i årsrapporten.',
    ] as const;
    const doc = new Document({
      numbering: {
        config: [
          { reference: 'h', levels: [level(0, LevelFormat.DECIMAL, '%1')] },
          { reference: 'd', levels: [level(0, LevelFormat.DECIMAL, '%1.')] },
        ],
      },
      sections: [
        {
          children: body.map((b) =>
            typeof b === 'string' ? new Paragraph(b) : numbered(b[1], b[0]),
          ),
        },
      ],
    });
    const lines = await readDoc(doc);
    expect(lines).toContain('2 Oppdrag');
    expect(lines).toContain('2. Foreslå tiltak som korter ventetidene. Frist: 1.12.2031');
    const facts = parseLetters(lines).map(factsOf);
    expect(facts[0]?.assignments['TB2031-01']?.deadlines).toEqual(['1:2031-03-01', '2:2031-12-01']);
    // The same letter with the numbers typed reads the same.
    const counters = { h: 0, d: 0 };
    const typed = body.map((b) =>
      typeof b === 'string' ? b : `${++counters[b[0]]}${b[0] === 'd' ? '.' : ''} ${b[1]}`,
    );
    expect(lines).toEqual(typed);
    expect(facts).toEqual(parseLetters(typed).map(factsOf));
  });
});

describe('Word paragraphs and lists', () => {
  it('ends a block with a line of one space, as the Markdown reader does, but not inside a list', async () => {
    const listLevel: ILevelsOptions = {
      ...level(0, LevelFormat.DECIMAL, '%1.'),
      style: { paragraph: { indent: { left: 720, hanging: 360 } } },
    };
    const item = (text: string) =>
      new Paragraph({ text, numbering: { reference: 'deler', level: 0 } });
    const doc = new Document({
      numbering: { config: [{ reference: 'deler', levels: [listLevel] }] },
      sections: [
        {
          children: [
            new Paragraph({ text: 'Oppdrag', heading: HeadingLevel.HEADING_1 }),
            new Paragraph('Oppdraget har to deler:'),
            new Paragraph(''),
            item('Lage en plan.'),
            // The item's own paragraph, indented to its text, between two items.
            new Paragraph({ text: 'Frist: 1. mars 2030', indent: { left: 720 } }),
            item('Rapportere.'),
            // Indented to the last item's text: still that item's.
            new Paragraph({ text: 'Frist: 1. juni 2030', indent: { left: 720 } }),
            // At the margin after the list: the list has ended.
            new Paragraph('Frist for hele oppdraget: 1. desember 2030'),
            new Table({
              rows: [
                new TableRow({
                  children: ['Dato', 'Aktivitet'].map(
                    (t) => new TableCell({ children: [new Paragraph(t)] }),
                  ),
                }),
              ],
            }),
            new Paragraph('Slutt.'),
          ],
        },
      ],
    });
    expect(await readAll(new Uint8Array(await Packer.toBuffer(doc)))).toEqual([
      'Oppdrag',
      ' ',
      'Oppdraget har to deler:',
      ' ',
      '1. Lage en plan.',
      'Frist: 1. mars 2030',
      '2. Rapportere.',
      'Frist: 1. juni 2030',
      ' ',
      'Frist for hele oppdraget: 1. desember 2030',
      ' ',
      'Dato  Aktivitet',
      ' ',
      'Slutt.',
    ]);
  });
});

describe('Word tables', () => {
  it('gives a merged cell one cell, a continued row-merge and an empty cell nothing, and drops empty rows', async () => {
    const cell = (text: string, opts: { columnSpan?: number; rowSpan?: number } = {}) =>
      new TableCell({ ...opts, children: text === '' ? [] : [new Paragraph(text)] });
    const doc = new Document({
      sections: [
        {
          children: [
            new Table({
              rows: [
                new TableRow({
                  children: [cell('Kap. og post', { columnSpan: 2 }), cell('Beløp')],
                }),
                new TableRow({
                  children: [cell('2310', { rowSpan: 2 }), cell('01'), cell('177 280')],
                }),
                new TableRow({ children: [cell('21'), cell('')] }),
                new TableRow({ children: [cell(''), cell(''), cell('')] }),
                new TableRow({ children: [cell('Sum', { columnSpan: 2 }), cell('177 280')] }),
              ],
            }),
          ],
        },
      ],
    });
    expect(await readDoc(doc)).toEqual([
      'Kap. og post  Beløp',
      '2310  01  177 280',
      // The continued cell of 2310 is empty, as is the amount: the row re-splits to one cell.
      '  21',
      'Sum  177 280',
    ]);
  });

  it("joins a cell's paragraphs, numbers and nested tables on one line", async () => {
    const doc = new Document({
      numbering: { config: [{ reference: 'n', levels: [level(0, LevelFormat.DECIMAL, '%1.')] }] },
      sections: [
        {
          children: [
            new Table({
              rows: [
                new TableRow({
                  children: [
                    new TableCell({
                      children: [
                        new Paragraph({ text: 'Rapport', numbering: { reference: 'n', level: 0 } }),
                        new Paragraph('til departementet'),
                      ],
                    }),
                    new TableCell({
                      children: [
                        new Table({
                          rows: [
                            new TableRow({
                              children: [
                                new TableCell({ children: [new Paragraph('1. mars')] }),
                                new TableCell({ children: [new Paragraph('2030')] }),
                              ],
                            }),
                          ],
                        }),
                      ],
                    }),
                  ],
                }),
              ],
            }),
          ],
        },
      ],
    });
    expect(await readDoc(doc)).toEqual(['1. Rapport til departementet  1. mars 2030']);
  });
});

describe('Word revisions and fields', () => {
  const date = '2030-01-01T00:00:00Z';

  it('reads inserted text and not deleted text of tracked changes', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({
              children: [
                new TextRun('Frist: '),
                new DeletedTextRun({ text: '15. februar', id: 1, author: 'Saksbehandler', date }),
                new InsertedTextRun({ text: '1. mars', id: 2, author: 'Saksbehandler', date }),
                new TextRun(' 2030'),
              ],
            }),
          ],
        },
      ],
    });
    expect(await readDoc(doc)).toEqual(['Frist: 1. mars 2030']);
  });

  it("reads a field's result and not its instruction", async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({
              children: [
                new TextRun('Dato: '),
                new SimpleField('DATE \\@ "d. MMMM yyyy"', '1. mars 2030'),
              ],
            }),
            new Paragraph({ children: [new TextRun('Se side '), new PageReference('oppdrag')] }),
          ],
        },
      ],
    });
    const lines = await readDoc(doc);
    expect(lines).toEqual(['Dato: 1. mars 2030', 'Se side']);
    expect(lines.join('\n')).not.toMatch(/PAGEREF|DATE/);
  });

  it('reads the result of a complex field (nested ones too), not its instructions', async () => {
    const field = (instr: string, result: string) =>
      `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">${instr}</w:instrText></w:r>` +
      `<w:r><w:fldChar w:fldCharType="separate"/></w:r>${result}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;
    const run = (t: string) => `<w:r><w:t xml:space="preserve">${t}</w:t></w:r>`;
    const nested = field(`IF ${field('PAGE', run('2'))} = 1 "a" "b"`, run('b'));
    const bytes = rawDocx({
      document: body(
        `<w:p>${run('Se punkt ')}${field(' REF _Ref1 \\r \\h ', run('3.2'))}${run(' og ')}${nested}</w:p>`,
      ),
    });
    expect(await read(bytes)).toEqual(['Se punkt 3.2 og b']);
  });

  it('skips a deleted list item, so that the items after it keep their numbers', async () => {
    const item = (text: string, deleted = false) =>
      `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>${deleted ? '<w:rPr><w:del w:id="9" w:author="A"/></w:rPr>' : ''}</w:pPr>` +
      (deleted
        ? `<w:del w:id="8" w:author="A"><w:r><w:delText>${text}</w:delText></w:r></w:del>`
        : `<w:r><w:t>${text}</w:t></w:r>`) +
      '</w:p>';
    const bytes = rawDocx({
      document: body(item('første') + item('strøket', true) + item('andre')),
      numbering: numbering(abstractNum('1', [lvl(0, 'decimal', '%1.')]) + num('1', '1')),
    });
    expect(await read(bytes)).toEqual(['1. første', '2. andre']);
  });
});

describe('Word numbering from styles and numbering.xml', () => {
  const para = (text: string, pPr = '') =>
    `<w:p>${pPr === '' ? '' : `<w:pPr>${pPr}</w:pPr>`}<w:r><w:t>${text}</w:t></w:r></w:p>`;
  const style = (id: string) => `<w:pStyle w:val="${id}"/>`;
  const numPr = (numId: string, ilvl?: number) =>
    `<w:numPr>${ilvl === undefined ? '' : `<w:ilvl w:val="${ilvl}"/>`}<w:numId w:val="${numId}"/></w:numPr>`;

  it("numbers a paragraph by its style's numbering, following basedOn and linked levels", async () => {
    const styles = stylesXml(
      paragraphStyle('Overskrift1', numPr('5')) +
        paragraphStyle('Overskrift2', numPr('5', 1), 'Overskrift1') +
        // No level of its own: the numbering's level 2 names this style.
        paragraphStyle('Overskrift3', numPr('5'), undefined) +
        paragraphStyle('Unummerert', '', 'Overskrift1'),
    );
    const numberingXml = numbering(
      abstractNum('7', [
        lvl(0, 'decimal', '%1'),
        lvl(1, 'decimal', '%1.%2'),
        lvl(2, 'decimal', '%1.%2.%3', { pStyle: 'Overskrift3' }),
      ]) + num('5', '7'),
    );
    const bytes = rawDocx({
      document: body(
        para('Mål', style('Overskrift1')) +
          para('Hovedmål', style('Overskrift2')) +
          para('Delmål', style('Overskrift3')) +
          para('Arvet nummer', style('Unummerert')) +
          para('Uten nummer', style('Overskrift2') + numPr('0')) +
          para('Oppdrag', style('Overskrift1')),
      ),
      styles,
      numbering: numberingXml,
    });
    expect(await read(bytes)).toEqual([
      '1 Mål',
      '1.1 Hovedmål',
      '1.1.1 Delmål',
      '2 Arvet nummer',
      'Uten nummer',
      '3 Oppdrag',
    ]);
  });

  it('continues a list across numbering instances of one definition unless one restarts it', async () => {
    const numberingXml = numbering(
      abstractNum('1', [lvl(0, 'decimal', '%1.'), lvl(1, 'lowerRoman', '(%2)', { restart: 0 })]) +
        num('1', '1') +
        num('2', '1') +
        num('3', '1', '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'),
    );
    const bytes = rawDocx({
      document: body(
        para('a', numPr('1', 0)) +
          para('b', numPr('1', 1)) +
          para('c', numPr('2', 0)) +
          para('d', numPr('2', 1)) +
          para('e', numPr('3', 0)) +
          para('f', numPr('3', 0)),
      ),
      numbering: numberingXml,
    });
    // Level 1 never restarts (lvlRestart 0): (i), then (ii) under item 2.
    expect(await read(bytes)).toEqual(['1. a', '(i) b', '2. c', '(ii) d', '1. e', '2. f']);
  });

  it('prints the formats, a start value, legal numbering and a level override', async () => {
    const numberingXml = numbering(
      abstractNum('1', [
        lvl(0, 'upperRoman', 'Del %1', { start: 4 }),
        lvl(1, 'upperLetter', '%1.%2', { legal: true }),
        lvl(2, 'decimalZero', '%3 –'),
        lvl(3, 'none', ''),
        lvl(4, 'bullet', ''),
      ]) +
        num('1', '1') +
        num(
          '2',
          '1',
          `<w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl></w:lvlOverride>`,
        ),
    );
    const bytes = rawDocx({
      document: body(
        para('fire', numPr('1', 0)) +
          para('legal', numPr('1', 1)) +
          para('null-fylt', numPr('1', 2)) +
          para('uten', numPr('1', 3)) +
          para('tom kule', numPr('1', 4)) +
          para('overstyrt', numPr('2', 0)),
      ),
      numbering: numberingXml,
    });
    expect(await read(bytes)).toEqual([
      'Del IV fire',
      '4.A legal',
      '01 – null-fylt',
      'uten',
      'tom kule',
      'e) overstyrt',
    ]);
  });

  it('formats numbers as Word does', () => {
    expect(
      ['decimal', 'lowerLetter', 'upperRoman', 'decimalZero', 'ordinal'].map((f) =>
        formatListNumber(27, f),
      ),
    ).toEqual(['27', 'aa', 'XXVII', '27', '27']);
    expect(formatListNumber(3, 'decimalZero')).toBe('03');
    expect(formatListNumber(1999, 'lowerRoman')).toBe('mcmxcix');
  });
});

describe('Word parts and markup', () => {
  it('reads a text box once (of Choice and Fallback), after the paragraph that holds it', async () => {
    const box = (text: string) =>
      `<w:txbxContent><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:txbxContent>`;
    const bytes = rawDocx({
      document: body(
        '<w:p><w:r><w:t>Brevhode</w:t></w:r><w:r><mc:AlternateContent>' +
          `<mc:Choice Requires="wps"><w:drawing><wps:txbx>${box('Vår ref. 30/1234')}</wps:txbx></w:drawing></mc:Choice>` +
          `<mc:Fallback><w:pict><v:textbox>${box('Vår ref. 30/1234')}</v:textbox></w:pict></mc:Fallback>` +
          '</mc:AlternateContent></w:r></w:p><w:p><w:r><w:t>Tekst</w:t></w:r></w:p>',
      ),
    });
    expect(await read(bytes)).toEqual(['Brevhode', 'Vår ref. 30/1234', 'Tekst']);
  });

  it('reads WordprocessingML under any prefix, and skips hidden text and tab stops', async () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><d:document xmlns:d="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><d:body>' +
      '<d:p><d:pPr><d:tabs><d:tab d:val="left" d:pos="2000"/></d:tabs></d:pPr><d:r><d:t>Kap.</d:t><d:tab/><d:t>Post</d:t></d:r>' +
      '<d:r><d:rPr><d:vanish/></d:rPr><d:t>skjult</d:t></d:r></d:p></d:body></d:document>';
    expect(await read(rawDocx({ document: xml }))).toEqual(['Kap.  Post']);
  });

  it("finds the numbering part by the document's relationships", async () => {
    const bytes = rawDocx({
      document: body(
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Hei</w:t></w:r></w:p>',
      ),
      numbering: numbering(abstractNum('1', [lvl(0, 'decimal', '%1)')]) + num('1', '1')),
      numberingName: 'lister/nummerering.xml',
    });
    expect(await read(bytes)).toEqual(['1) Hei']);
  });

  it('refuses a document part that is not well-formed XML or not a Word document', async () => {
    const refusal = async (bytes: Uint8Array) => {
      const err: unknown = await extractText({ name: 'brev.docx', bytes }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ImportRefusal);
      return err as ImportRefusal;
    };
    const cut = await refusal(
      rawDocx({ document: body('<w:p><w:r><w:t>Hei</w:t></w:r></w:p>').slice(0, -30) }),
    );
    expect(cut.code).toBe('corrupt');
    expect(cut.reason).toContain('word/document.xml is not well-formed XML');
    const html = await refusal(rawDocx({ document: '<html><body><p>Hei</p></body></html>' }));
    expect(html.code).toBe('corrupt');
    expect(html.reason).toContain('word/document.xml is not a w:document part');
    const broken = await refusal(
      rawDocx({
        document: body('<w:p><w:r><w:t>Hei</w:t></w:r></w:p>'),
        numbering:
          '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:num>',
      }),
    );
    expect(broken.reason).toContain('word/numbering.xml is not well-formed XML');
  });
});

describe('a Word file written by LibreOffice', () => {
  const soffice = process.env.PATH?.split(delimiter)
    .map((dir) => join(dir, 'soffice'))
    .find((p) => existsSync(p));
  const dir = mkdtempSync(join(tmpdir(), 'tildel-docx-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(soffice === undefined)(
    'reads its numbering, bullets and tables (skipped when soffice is not on PATH)',
    { timeout: 180_000 },
    async () => {
      const html = `<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>Brev</title></head><body>
<ol><li><h1>Innledning</h1></li></ol>
<p>Departementet stiller midler til disposisjon.</p>
<ol start="2"><li><h1>Oppdrag</h1></li></ol>
<p>Direktoratet skal:</p>
<ol><li>Kartlegge behovet.<ol type="a"><li>i kommunene</li><li>i fylkene</li></ol></li><li>Rapportere om resultatene.</li></ol>
<ul><li>kortere ventetid</li><li>bedre informasjon</li></ul>
<table border="1"><tr><th colspan="2">Kap. og post</th><th>Beløp</th></tr>
<tr><td>2310</td><td>01</td><td>177 280</td></tr><tr><td>2310</td><td>21</td><td></td></tr></table>
<p>Frist: 1. mars 2030</p>
</body></html>`;
      writeFileSync(join(dir, 'brev.html'), html);
      await promisify(execFile)(
        soffice!,
        [
          `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
          '--headless',
          '--infilter=HTML (StarWriter)',
          '--convert-to',
          'docx:MS Word 2007 XML',
          '--outdir',
          dir,
          join(dir, 'brev.html'),
        ],
        { timeout: 120_000 },
      );
      const lines = await read(new Uint8Array(readFileSync(join(dir, 'brev.docx'))));
      expect(lines.filter((l) => l.trim() !== '')).toEqual([
        '1. Innledning',
        'Departementet stiller midler til disposisjon.',
        '2. Oppdrag',
        'Direktoratet skal:',
        '1. Kartlegge behovet.',
        'a. i kommunene',
        'b. i fylkene',
        '2. Rapportere om resultatene.',
        '• kortere ventetid',
        '• bedre informasjon',
        'Kap. og post  Beløp',
        '2310  01  177 280',
        '2310  21',
        'Frist: 1. mars 2030',
      ]);
    },
  );
});

/* ------------------------------------------------------------------------------------------ */
/* Raw WordprocessingML packages                                                               */

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function body(content: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"` +
    ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"' +
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"' +
    ` xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"><w:body>${content}</w:body></w:document>`
  );
}

function numbering(content: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="${W}">${content}</w:numbering>`;
}

function abstractNum(id: string, levels: string[]): string {
  return `<w:abstractNum w:abstractNumId="${id}">${levels.join('')}</w:abstractNum>`;
}

function lvl(
  ilvl: number,
  format: string,
  text: string,
  opts: { start?: number; restart?: number; legal?: boolean; pStyle?: string } = {},
): string {
  return (
    `<w:lvl w:ilvl="${ilvl}"><w:start w:val="${opts.start ?? 1}"/><w:numFmt w:val="${format}"/>` +
    (opts.restart === undefined ? '' : `<w:lvlRestart w:val="${opts.restart}"/>`) +
    (opts.pStyle === undefined ? '' : `<w:pStyle w:val="${opts.pStyle}"/>`) +
    (opts.legal ? '<w:isLgl/>' : '') +
    `<w:lvlText w:val="${text}"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="720"/></w:tabs></w:pPr></w:lvl>`
  );
}

function num(id: string, abstractId: string, overrides = ''): string {
  return `<w:num w:numId="${id}"><w:abstractNumId w:val="${abstractId}"/>${overrides}</w:num>`;
}

function stylesXml(content: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="${W}"><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>${content}</w:styles>`;
}

function paragraphStyle(id: string, numPr: string, basedOn?: string): string {
  return (
    `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${id}"/>` +
    (basedOn === undefined ? '' : `<w:basedOn w:val="${basedOn}"/>`) +
    `<w:pPr>${numPr}</w:pPr></w:style>`
  );
}

/** A .docx package of the given parts, with the relationships that point to them. */
function rawDocx(parts: {
  document: string;
  numbering?: string;
  styles?: string;
  /** Where the numbering part is, relative to word/. */
  numberingName?: string;
}): Uint8Array {
  const main = 'word/document.xml';
  const numberingName = parts.numberingName ?? 'numbering.xml';
  const rel = (id: string, type: string, target: string) =>
    `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"/>`;
  const rels = (content: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${content}</Relationships>`;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        `<Override PartName="/${main}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(rels(rel('rId1', 'officeDocument', main))),
    [main]: strToU8(parts.document),
    'word/_rels/document.xml.rels': strToU8(
      rels(
        (parts.numbering ? rel('rId1', 'numbering', numberingName) : '') +
          (parts.styles ? rel('rId2', 'styles', 'styles.xml') : ''),
      ),
    ),
  };
  if (parts.numbering) files[`word/${numberingName}`] = strToU8(parts.numbering);
  if (parts.styles) files['word/styles.xml'] = strToU8(parts.styles);
  return zipSync(files);
}
