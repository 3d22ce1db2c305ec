/**
 * An uploaded accounts file as a table of text cells, for src/domain/accounts.ts to read: the
 * first worksheet of an XLSX workbook (exceljs), or CSV text in UTF-8 (semicolon or comma).
 * Anything else is refused by what its bytes are, not by its name.
 */
import type { CellValue } from 'exceljs';
import { MAX_ACCOUNTS_ROWS, parseCsv } from '../domain/accounts';

export type AccountsTable = { table: string[][] } | { refused: string };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** Rows beyond the data limit that a file may have (blank rows, notes under the table). */
const SLACK_ROWS = 100;

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || value instanceof Date) return String(value);
  if ('result' in value) return cellText(value.result as CellValue);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value) return String(value.text);
  return '';
}

export async function accountsTable(bytes: Uint8Array): Promise<AccountsTable> {
  if (ZIP.every((b, i) => bytes[i] === b)) {
    // Loaded on first use: ~25 MB that a server which never reads a workbook does without.
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    try {
      await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    } catch {
      return { refused: 'The file is not a readable XLSX workbook' };
    }
    const sheet = book.worksheets[0];
    if (!sheet) return { refused: 'The workbook has no worksheet' };
    if (sheet.rowCount > MAX_ACCOUNTS_ROWS + SLACK_ROWS) {
      return { refused: `The worksheet has more than ${MAX_ACCOUNTS_ROWS} rows` };
    }
    const table: string[][] = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= Math.min(row.cellCount, 50); c++)
        cells.push(cellText(row.getCell(c).value));
      table.push(cells);
    }
    return { table };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { refused: 'The file is neither an XLSX workbook nor CSV text in UTF-8' };
  }
  // eslint-disable-next-line no-control-regex -- NUL marks a binary file
  if (/\u0000/.test(text)) return { refused: 'The file is neither an XLSX workbook nor CSV text' };
  const table = parseCsv(text);
  if (table.length > MAX_ACCOUNTS_ROWS + SLACK_ROWS) {
    return { refused: `The file has more than ${MAX_ACCOUNTS_ROWS} rows` };
  }
  return { table };
}
