/**
 * The generated overview ("oversikt over tildeling") as a spreadsheet: XLSX (exceljs) and CSV
 * the way Norwegian Excel opens it (semicolon-separated, UTF-8 with BOM, CRLF). Title, headings,
 * sheet name and kinds of change in the reader's language (the locale's `ledgerExport`); amounts
 * are whole thousands of NOK, written as integers (XLSX: number format with thousands
 * separators; CSV: plain digits so Excel reads them as numbers).
 */
import type { ChangeKind } from '../domain/ledger';
import type { Locale } from '../locales/locale';
import { fill } from '../locales/render';

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

const COLUMNS = ['chapter', 'post', 'document', 'changeKind', 'amount'] as const;

/** The header row in the locale's words. */
const overviewColumns = (locale: Locale) => COLUMNS.map((c) => locale.ledgerExport.columns[c]);

interface Line {
  chapter: number | null;
  post: string | null;
  label: string;
  kind: string;
  amount: number;
  /** A total line (bold in XLSX). */
  total: boolean;
}

function lines(o: ExportableOverview, locale: Locale): Line[] {
  const text = locale.ledgerExport;
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
          kind: text.changeKind[r.changeKind],
          amount: r.amount,
          total: false,
        });
      }
      out.push({
        chapter: t.chapter,
        post,
        label: fill(text.total, () => String(year)).trim(),
        kind: '',
        amount: t.total,
        total: true,
      });
    }
    out.push({
      chapter: null,
      post: null,
      label: side === 'expense' ? text.sumExpense : text.sumIncome,
      kind: '',
      amount: side === 'expense' ? o.totals.expense : o.totals.income,
      total: true,
    });
  }
  return out;
}

function title(o: ExportableOverview, locale: Locale): string {
  const t = locale.ledgerExport;
  const pattern =
    o.agency && o.year !== null
      ? t.titleAgencyYear
      : o.agency
        ? t.titleAgency
        : o.year !== null
          ? t.titleYear
          : t.title;
  return fill(pattern, (n) => (n === 'agency' ? (o.agency ?? '') : String(o.year ?? '')));
}

const upTo = (o: ExportableOverview, locale: Locale) =>
  fill(locale.ledgerExport.upTo, () => o.upTo.title);

/**
 * A text cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a tab or
 * carriage return before one) gets a leading `'` (OWASP's CSV injection advice). Numbers are
 * written as numbers, negative ones too: only text is guarded.
 */
const FORMULA_START = /^[=+\-@\t\r]/u;

function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = typeof v === 'string' && FORMULA_START.test(v) ? `'${v}` : String(v);
  return /[;"\r\n]/u.test(s) ? `"${s.replace(/"/gu, '""')}"` : s;
}

/**
 * Rows as CSV for Norwegian Excel: UTF-8 with BOM, `;` between fields, CRLF line ends, a
 * field quoted only when it holds `;`, `"` or a line break, a text field that would start a
 * formula prefixed with `'`. Tildel's one CSV writer (the
 * overview here, the open-data tables in open-data.ts).
 */
export function csvText(rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  return '\uFEFF' + rows.map((r) => r.map(csvField).join(';')).join('\r\n') + '\r\n';
}

/** CSV for Norwegian Excel: UTF-8 with BOM, `;` between fields, CRLF line ends. */
export function overviewCsv(o: ExportableOverview, locale: Locale): string {
  return csvText([
    [title(o, locale)],
    [upTo(o, locale)],
    [],
    overviewColumns(locale),
    ...lines(o, locale).map((l) => [l.chapter, l.post, l.label, l.kind, l.amount]),
  ]);
}

/** XLSX workbook with one sheet (`Oversikt`, `Overview`). */
export async function overviewXlsx(o: ExportableOverview, locale: Locale): Promise<Buffer> {
  // Loaded on first use: ~25 MB that a server which never writes a workbook does without.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tildel';
  const ws = wb.addWorksheet(locale.ledgerExport.sheet);
  ws.columns = [
    { key: 'chapter', width: 10 },
    { key: 'post', width: 7 },
    { key: 'label', width: 70 },
    { key: 'kind', width: 24 },
    { key: 'amount', width: 18, style: { numFmt: '#,##0' } },
  ];
  ws.addRow([title(o, locale)]).font = { bold: true, size: 13 };
  ws.addRow([upTo(o, locale)]);
  ws.addRow([]);
  const header = ws.addRow(overviewColumns(locale));
  header.font = { bold: true };
  header.getCell(5).alignment = { horizontal: 'right' };
  for (const l of lines(o, locale)) {
    const r = ws.addRow([l.chapter, l.post, l.label, l.kind, l.amount]);
    r.getCell(5).numFmt = '#,##0';
    if (l.total) r.font = { bold: true };
  }
  ws.views = [{ state: 'frozen', ySplit: 4 }];
  const data = await wb.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}
