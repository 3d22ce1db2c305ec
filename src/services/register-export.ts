/**
 * The assignment register, as filtered, as a spreadsheet (exceljs): one row per assignment with
 * its owners, status, progress and next deadline, headings and names in the reader's language.
 * Dates are real dates, years integers, so Excel sorts and filters them.
 */
import type { AssignmentSummary } from '../contract/api';
import type { Locale, RegisterColumn } from '../locales/locale';

const COLUMNS: { key: RegisterColumn; width: number }[] = [
  { key: 'id', width: 16 },
  { key: 'year', width: 7 },
  { key: 'agency', width: 28 },
  { key: 'title', width: 60 },
  { key: 'ownerDepartment', width: 14 },
  { key: 'ownerPerson', width: 22 },
  { key: 'status', width: 14 },
  { key: 'progress', width: 12 },
  { key: 'progressReason', width: 40 },
  { key: 'nextDeadline', width: 12 },
  { key: 'overdue', width: 10 },
  { key: 'document', width: 50 },
];

export async function registerXlsx(
  items: readonly AssignmentSummary[],
  locale: Locale,
): Promise<Buffer> {
  const text = locale.register;
  // Loaded on first use: ~25 MB that a server which never writes a workbook does without.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Tildel';
  const sheet = book.addWorksheet(text.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: text.columns[c.key], key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const a of items) {
    sheet.addRow({
      id: a.registerId,
      year: a.year,
      agency: a.agency ?? '',
      title: a.title,
      ownerDepartment: a.ownerDepartment ?? '',
      ownerPerson: a.ownerPerson?.name ?? '',
      status: text.status[a.status],
      progress: a.progress ? text.progress[a.progress] : '',
      progressReason: a.progressReason ?? '',
      // A date at noon UTC is the same calendar day in Oslo and in Excel.
      nextDeadline: a.nextDeadline ? new Date(`${a.nextDeadline}T12:00:00Z`) : null,
      overdue: a.overdue ? text.yes : '',
      document: a.documentTitle,
    });
  }
  sheet.getColumn('nextDeadline').numFmt = 'dd.mm.yyyy';
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return Buffer.from(await book.xlsx.writeBuffer());
}
