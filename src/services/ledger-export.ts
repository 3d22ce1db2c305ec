/**
 * The generated overview ("oversikt over tildeling") as a spreadsheet: XLSX (exceljs) and CSV
 * the way Norwegian Excel opens it (semicolon-separated, UTF-8 with BOM, CRLF). Headings in
 * Norwegian; amounts are whole thousands of NOK, written as integers (XLSX: number format with
 * thousands separators; CSV: plain digits so Excel reads them as numbers).
 */
import ExcelJS from 'exceljs';
import { CHANGE_KIND_NB, type ChangeKind } from '../domain/ledger';

/** What the export needs of an overview (the API's Overview and the domain's both fit). */
export interface ExportableOverview {
  agency: string | null;
  year: number | null;
  upTo: { title: string };
  tables: Array<{
    chapter: number;
    post: number;
    side: 'expense' | 'income';
    heading: string;
    rows: Array<{ label: string; changeKind: ChangeKind; amount: number }>;
    total: number;
  }>;
  totals: { expense: number; income: number };
}

export const OVERVIEW_COLUMNS = [
  'Kapittel',
  'Post',
  'Dokument',
  'Type endring',
  'Beløp (i 1000 kr)',
] as const;

interface Line {
  chapter: number | null;
  post: string | null;
  label: string;
  kind: string;
  amount: number;
  /** A total line (bold in XLSX). */
  total: boolean;
}

function lines(o: ExportableOverview): Line[] {
  const out: Line[] = [];
  const year = o.year ?? '';
  for (const side of ['expense', 'income'] as const) {
    const tables = o.tables.filter((t) => t.side === side);
    if (tables.length === 0) continue;
    for (const t of tables) {
      const post = String(t.post).padStart(2, '0');
      for (const r of t.rows) {
        out.push({
          chapter: t.chapter,
          post,
          label: r.label,
          kind: CHANGE_KIND_NB[r.changeKind],
          amount: r.amount,
          total: false,
        });
      }
      out.push({
        chapter: t.chapter,
        post,
        label: `Tildeling totalt ${year}`.trim(),
        kind: '',
        amount: t.total,
        total: true,
      });
    }
    out.push({
      chapter: null,
      post: null,
      label: side === 'expense' ? 'Sum utgifter' : 'Sum inntekter',
      kind: '',
      amount: side === 'expense' ? o.totals.expense : o.totals.income,
      total: true,
    });
  }
  return out;
}

function title(o: ExportableOverview): string {
  const who = o.agency ? ` til ${o.agency}` : '';
  return `Oversikt over tildeling${who}${o.year !== null ? ` i ${o.year}` : ''}`;
}

function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[;"\r\n]/u.test(s) ? `"${s.replace(/"/gu, '""')}"` : s;
}

/** CSV for Norwegian Excel: UTF-8 with BOM, `;` between fields, CRLF line ends. */
export function overviewCsv(o: ExportableOverview): string {
  const rows: Array<Array<string | number | null>> = [
    [title(o)],
    [`Til og med: ${o.upTo.title}`],
    [],
    [...OVERVIEW_COLUMNS],
    ...lines(o).map((l) => [l.chapter, l.post, l.label, l.kind, l.amount]),
  ];
  return '\uFEFF' + rows.map((r) => r.map(csvField).join(';')).join('\r\n') + '\r\n';
}

/** XLSX workbook with one sheet "Oversikt". */
export async function overviewXlsx(o: ExportableOverview): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tildel';
  const ws = wb.addWorksheet('Oversikt');
  ws.columns = [
    { key: 'chapter', width: 10 },
    { key: 'post', width: 7 },
    { key: 'label', width: 70 },
    { key: 'kind', width: 24 },
    { key: 'amount', width: 18, style: { numFmt: '#,##0' } },
  ];
  ws.addRow([title(o)]).font = { bold: true, size: 13 };
  ws.addRow([`Til og med: ${o.upTo.title}`]);
  ws.addRow([]);
  const header = ws.addRow([...OVERVIEW_COLUMNS]);
  header.font = { bold: true };
  header.getCell(5).alignment = { horizontal: 'right' };
  for (const l of lines(o)) {
    const r = ws.addRow([l.chapter, l.post, l.label, l.kind, l.amount]);
    r.getCell(5).numFmt = '#,##0';
    if (l.total) r.font = { bold: true };
  }
  ws.views = [{ state: 'frozen', ySplit: 4 }];
  const data = await wb.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}
