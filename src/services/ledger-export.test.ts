import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../locales/render';
import { csvText, overviewCsv, overviewXlsx, type ExportableOverview } from './ledger-export';

const overview: ExportableOverview = {
  agency: 'Testetaten',
  year: 2030,
  upTo: { title: 'Tillegg til tildelingsbrev nr. 2; "revidert"' },
  tables: [
    {
      chapter: 744,
      post: 21,
      side: 'expense',
      heading: 'Kap. 744 post 21 Spesielle driftsutgifter',
      rows: [
        { label: 'Tildelingsbrev til Testetaten', changeKind: 'allocation', amount: 148_913 },
        { label: 'Tillegg nr. 2; overføringer', changeKind: 'carry-over', amount: 8_879 },
      ],
      total: 157_792,
    },
    {
      chapter: 3701,
      post: 2,
      side: 'income',
      heading: 'Kap. 3701 post 02',
      rows: [{ label: 'Tildelingsbrev til Testetaten', changeKind: 'allocation', amount: 1_000 }],
      total: 1_000,
    },
  ],
  totals: { expense: 157_792, income: 1_000 },
};

describe('overviewCsv', () => {
  it('is semicolon-separated UTF-8 with BOM and CRLF, integers, Norwegian headings', () => {
    const csv = overviewCsv(overview, LOCALES.nb);
    expect(csv.startsWith('\uFEFFOversikt over tildeling til Testetaten i 2030\r\n')).toBe(true);
    const lines = csv.split('\r\n');
    expect(lines).toContain('Kapittel;Post;Dokument;Type endring;Beløp (i 1000 kr)');
    expect(lines).toContain('744;21;Tildelingsbrev til Testetaten;tildeling;148913');
    expect(lines).toContain('744;21;"Tillegg nr. 2; overføringer";overføring fra i fjor;8879');
    expect(lines).toContain('744;21;Tildeling totalt 2030;;157792');
    expect(lines).toContain(';;Sum utgifter;;157792');
    expect(lines).toContain(';;Sum inntekter;;1000');
    expect(lines).toContain('"Til og med: Tillegg til tildelingsbrev nr. 2; ""revidert"""');
  });
});

describe('csvText', () => {
  it('guards text that a spreadsheet would read as a formula, never a number', () => {
    const csv = csvText([
      [
        '=HYPERLINK("http://x")',
        '+1',
        '-2',
        '@SUM(A1)',
        '\tx',
        '\ry',
        'a=b',
        -1500,
        0,
        '2064-01-02',
      ],
    ]);
    expect(csv).toBe(
      `\uFEFF"'=HYPERLINK(""http://x"")";'+1;'-2;'@SUM(A1);'\tx;"'\ry";a=b;-1500;0;2064-01-02\r\n`,
    );
  });
});

describe('overviewXlsx', () => {
  it('writes amounts as integers with a thousands-separator format', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await overviewXlsx(overview, LOCALES.nb)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Oversikt')!;
    expect(ws.getRow(4).values).toEqual([
      undefined,
      'Kapittel',
      'Post',
      'Dokument',
      'Type endring',
      'Beløp (i 1000 kr)',
    ]);
    const cell = ws.getRow(5).getCell(5);
    expect(cell.value).toBe(148_913);
    expect(cell.numFmt).toBe('#,##0');
    expect(ws.getRow(7).getCell(3).value).toBe('Tildeling totalt 2030');
    expect(ws.getRow(7).getCell(5).value).toBe(157_792);
  });
});

describe('the overview in nynorsk and English', () => {
  it('has its title, headings, kinds of change and sums in the language asked for', () => {
    const nn = overviewCsv(overview, LOCALES.nn).split('\r\n');
    expect(nn[0]).toBe('\uFEFFOversikt over tildeling til Testetaten i 2030');
    expect(nn).toContain('744;21;"Tillegg nr. 2; overføringer";overføring frå i fjor;8879');
    const en = overviewCsv(overview, LOCALES.en).split('\r\n');
    expect(en[0]).toBe('\uFEFFOverview of allocations to Testetaten in 2030');
    expect(en).toContain('Chapter;Post;Document;Kind of change;Amount (NOK 1,000)');
    expect(en).toContain('744;21;Tildelingsbrev til Testetaten;allocation;148913');
    expect(en).toContain('744;21;Total allocation 2030;;157792');
    expect(en).toContain(';;Total expenditure;;157792');
    expect(en).toContain('"Up to and including: Tillegg til tildelingsbrev nr. 2; ""revidert"""');
  });

  it("names the workbook's sheet in the language asked for", async () => {
    for (const [lang, sheet, heading] of [
      ['nn', 'Oversikt', 'Kapittel'],
      ['en', 'Overview', 'Chapter'],
    ] as const) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await overviewXlsx(overview, LOCALES[lang])) as unknown as ArrayBuffer);
      expect(wb.getWorksheet(sheet)?.getRow(4).getCell(1).value, lang).toBe(heading);
    }
  });
});
