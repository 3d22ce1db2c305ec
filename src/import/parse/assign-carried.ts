/**
 * "Tidligere gitte oppdrag som ikke er ferdigstilt": a table of earlier assignment IDs with
 * owner and title. Several IDs may share one row (`TB2021-01,` / `TB2021-31` / `Avd.HOD: FHA
 * Nasjonal alkoholstrategi`); a row may carry notes (`Ny frist 31.12.2024.`). Pure.
 */
import type { CarriedOver } from '../../contract/letter';
import { normalizeAssignmentId } from '../../domain/ids';
import { continuesTitle, ID_LINE, span } from './assign-items';
import type { Line } from './assign-text';

const OWNER_TITLE =
  /^(?:Avd\.?\s*)?[A-ZÆØÅ]{2,5}\s*:\s*(?:[A-ZÆØÅ]{2,4}(?:\s*\/\s*[A-ZÆØÅ]{2,4})*)?\s*(.*)$/;

export function extractCarriedOver(lines: Line[]): { items: CarriedOver[]; used: Line[] } {
  const items: CarriedOver[] = [];
  const used: Line[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!ID_LINE.test(lines[i]!.text)) {
      if (items.length > 0) used.push(lines[i]!); // a note under the previous row
      i += 1;
      continue;
    }
    const row = readRow(lines, i);
    items.push(...row.items);
    used.push(...lines.slice(i, row.end));
    i = row.end;
  }
  return { items, used };
}

/** One table row: the ID cell (one or more IDs), then owner and title. */
function readRow(lines: Line[], start: number): { items: CarriedOver[]; end: number } {
  const ids: { id: string; line: Line }[] = [];
  let i = start;
  let rest = '';
  while (lines[i] && ID_LINE.test(lines[i]!.text)) {
    const m = ID_LINE.exec(lines[i]!.text)!;
    ids.push({ id: normalizeAssignmentId(m[1]!) ?? m[1]!, line: lines[i]! });
    rest = (m[2] ?? '').replace(/^[,/]\s*/, '');
    i += 1;
    if (rest !== '') break;
  }
  if (rest === '' && lines[i] && OWNER_TITLE.test(lines[i]!.text)) rest = lines[i++]!.text;
  let title = OWNER_TITLE.exec(rest)?.[1] ?? rest;
  while (continuesTitle(title, lines[i])) title += ` ${lines[i++]!.text}`;
  const end = lines[i - 1]!.no;
  const items = ids.map(({ id, line }) => ({
    id,
    title: title.trim() || null,
    provenance: span([line, { ...line, no: end }]),
  }));
  return { items, end: i };
}
