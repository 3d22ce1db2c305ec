/**
 * `tildel check <files…> [--json]`: reads and parses letter files (no database), builds the
 * appropriation ledger per agency and year, and reports the discrepancies between what the
 * documents print and what the ledger derives. Exit status 1 when there are discrepancies or a
 * file cannot be read.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { ExtractedDocument } from '../contract/letter';
import { checkSeries, type Finding } from '../domain/consistency';
import { buildLedger, orderSeries, type Ledger } from '../domain/ledger';
import { ImportRefusal } from '../import/extract';
import { NoDocumentsFound } from '../import/index';
import { readLetterFileIsolated } from '../import/read-pool';
import type { DocumentKind } from '../contract/enums';
import { formatValue, LOCALES, renderMessage } from '../locales/render';
import { cliLanguage, say } from './language';

export interface CheckedDocument {
  file: string;
  document: ExtractedDocument;
}

export interface CheckGroup {
  agency: string | null;
  year: number;
  documents: Array<{ file: string; kind: string; number: number | null; title: string }>;
  /** Documents left out because an identical one was read from an earlier file. */
  duplicates: Array<{ file: string; kind: string; number: number | null; title: string }>;
  ledger: Ledger;
  findings: Array<Finding & { file: string | null }>;
}

/** The money content that identifies a document across files (same text printed twice). */
function fingerprint(d: ExtractedDocument): string {
  return JSON.stringify([
    d.kind,
    d.number,
    d.year,
    d.title,
    d.appropriations.map((a) => [a.chapter, a.post, a.amount]),
    d.totalsClaimed.map((t) => [t.chapter, t.post, t.rows.map((r) => r.amount), t.total?.amount]),
    d.sumLines.map((s) => [s.chapter, s.amount]),
  ]);
}

/** Groups parsed documents by agency and year and checks each series. Pure. */
export function checkDocuments(docs: readonly CheckedDocument[]): CheckGroup[] {
  const groups = new Map<string, CheckedDocument[]>();
  for (const d of docs) {
    const k = `${d.document.agency ?? ''}|${d.document.year}`;
    const list = groups.get(k) ?? [];
    list.push(d);
    groups.set(k, list);
  }
  const out: CheckGroup[] = [];
  for (const list of groups.values()) {
    const seen = new Set<string>();
    const kept: CheckedDocument[] = [];
    const duplicates: CheckedDocument[] = [];
    for (const d of list) {
      const f = fingerprint(d.document);
      if (seen.has(f)) duplicates.push(d);
      else {
        seen.add(f);
        kept.push(d);
      }
    }
    const ordered = orderSeries(
      kept.map((d) => ({ kind: d.document.kind, number: d.document.number, d })),
    ).map((x) => x.d);
    const series = ordered.map((d) => d.document);
    const ledger = buildLedger(series);
    const describe = (d: CheckedDocument) => ({
      file: d.file,
      kind: d.document.kind,
      number: d.document.number,
      title: d.document.title,
    });
    const first = ordered[0]?.document;
    out.push({
      agency: first?.agency ?? null,
      year: first?.year ?? 0,
      documents: ordered.map(describe),
      duplicates: duplicates.map(describe),
      ledger,
      findings: checkSeries(series, ledger).map((f) => ({
        ...f,
        file: f.document ? (ordered[f.document.index]?.file ?? null) : null,
      })),
    });
  }
  return out.sort(
    (a, b) => (a.agency ?? '').localeCompare(b.agency ?? '', 'nb') || a.year - b.year,
  );
}

function docLabel(kind: string, number: number | null): string {
  const doc = {
    kind: (kind === 'allocation-letter' ? kind : 'supplement') as DocumentKind,
    number,
  };
  return formatValue({ doc }, LOCALES[cliLanguage()]);
}

function lineLabel(f: Finding): string {
  const first = f.lines[0];
  if (!first) return '';
  return formatValue({ lines: [first.startLine, first.endLine] }, LOCALES[cliLanguage()]);
}

/** The report of the groups, in the command line's language (`--lang`). */
export function formatReport(groups: readonly CheckGroup[]): string {
  const out: string[] = [];
  for (const g of groups) {
    const supplements = g.documents.filter((d) => d.kind === 'supplement').length;
    const hasLetter = g.documents.some((d) => d.kind === 'allocation-letter');
    out.push(
      say('check.group', {
        agency: g.agency ?? say('check.unknownAgency'),
        year: g.year,
        letter: say(hasLetter ? 'check.withLetter' : 'check.withoutLetter'),
        count: supplements,
      }),
    );
    for (const d of g.duplicates) {
      out.push(
        `  ${say('check.duplicate', { file: d.file, document: docLabel(d.kind, d.number) })}`,
      );
    }
    if (g.findings.length === 0) {
      out.push(`  ${say('check.none')}`);
    } else {
      for (const f of g.findings) {
        const where = [
          f.file,
          f.document ? docLabel(f.document.kind, f.document.number) : null,
          lineLabel(f) || null,
        ]
          .filter(Boolean)
          .join(', ');
        const tag = say(f.severity === 'error' ? 'check.error' : 'check.warning');
        out.push(`  ${tag} [${f.code}]${where ? ` ${where}` : ''}`);
        out.push(`    ${renderMessage(f.message, cliLanguage())}`);
        if (f.printed !== null || f.expected !== null) {
          out.push(
            `    ${say('check.printed', { printed: f.printed ?? '–', expected: f.expected ?? '–' })}`,
          );
        }
      }
      const errors = g.findings.filter((f) => f.severity === 'error').length;
      const count = g.findings.length;
      out.push(`  ${say('check.summary', { count, errors, warnings: count - errors })}`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** Why a file could not be read, in the command line's language. */
export function fileProblem(path: string, err: unknown): string {
  if (err instanceof ImportRefusal) {
    return say('file.refused', { file: path, code: err.code, reason: err.reason });
  }
  if (err instanceof NoDocumentsFound) return say('file.noDocuments', { file: path });
  if (err instanceof Error && 'code' in err && err.code === 'ENOENT') {
    return say('file.missing', { file: path });
  }
  const reason = err instanceof Error ? err.message : String(err);
  return say('file.unreadable', { file: path, reason });
}

/**
 * Reads and parses letter files for the offline commands; prints why a file cannot be read
 * and reports `failed` instead of stopping at it.
 */
export async function readLetterFiles(
  files: readonly string[],
): Promise<{ docs: CheckedDocument[]; failed: boolean }> {
  const docs: CheckedDocument[] = [];
  let failed = false;
  for (const path of files) {
    try {
      const parsed = await readLetterFileIsolated(basename(path), readFileSync(path));
      for (const d of parsed.documents) docs.push({ file: path, document: d });
    } catch (err) {
      failed = true;
      console.error(fileProblem(path, err));
    }
  }
  return { docs, failed };
}

export function registerCheckCommand(program: Command): void {
  program
    .command('check')
    .description(
      'Check allocation letters and supplements: sums, overviews of total allocation, numbering',
    )
    .argument('<files...>', 'files to check (.pdf, .docx, .md, .txt); the database is not touched')
    .option('--json', 'print machine-readable JSON')
    .action(async (files: string[], opts: { json?: boolean }) => {
      const { docs, failed } = await readLetterFiles(files);
      const groups = checkDocuments(docs);
      if (opts.json) console.log(JSON.stringify({ groups }, null, 2));
      else process.stdout.write(formatReport(groups));
      const findings = groups.some((g) => g.findings.length > 0);
      process.exitCode = failed || findings ? 1 : 0;
    });
}
