/**
 * `tildel overview <files…> [--document N] [--format table|csv|xlsx] [--out file]`: the table of
 * total allocation through the year that a supplement must contain, generated from the ledger
 * of the files (no database), as a terminal table, CSV or XLSX.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { formatAmount } from '../domain/money';
import { generateOverview, type Overview } from '../domain/ledger';
import { checkDocuments, readLetterFiles } from './check';
import { cliLanguage } from './language';
import { LOCALES } from '../locales/render';

/** The overview as aligned text lines for the terminal. */
export function formatOverview(o: Overview): string {
  const out = [`Oversikt over tildeling til ${o.agency ?? 'ukjent virksomhet'} i ${o.year ?? ''}`];
  out.push(`(til og med ${o.upTo.title.replace(/\s+/g, ' ').trim()}; beløp i 1000 kr)`, '');
  for (const t of o.tables) {
    out.push(t.heading);
    for (const r of t.rows)
      out.push(`  ${r.label.padEnd(70).slice(0, 70)} ${formatAmount(r.amount).padStart(12)}`);
    out.push(`  ${'Tildeling totalt'.padEnd(70)} ${formatAmount(t.total).padStart(12)}`, '');
  }
  out.push(
    `Sum utgifter: ${formatAmount(o.totals.expense)}   Sum inntekter: ${formatAmount(o.totals.income)}`,
  );
  return `${out.join('\n')}\n`;
}

export function registerOverviewCommand(program: Command): void {
  program
    .command('overview')
    .description(
      'Generate the total-allocation overview a supplement must contain, from the ledger',
    )
    .argument(
      '<files...>',
      'the letter and supplements of one agency and year (.pdf, .docx, .md, .txt)',
    )
    .option(
      '--document <n>',
      'up to supplement number n ("letter" for the allocation letter); default: the last',
    )
    .option('--format <format>', 'table, csv or xlsx', 'table')
    .option('--out <file>', 'write to this file (required for xlsx)')
    .action(async (files: string[], opts: { document?: string; format: string; out?: string }) => {
      const { docs, failed } = await readLetterFiles(files);
      const groups = checkDocuments(docs);
      if (failed || groups.length !== 1) {
        if (groups.length > 1)
          console.error('The files hold more than one agency or year; give one series.');
        process.exitCode = 1;
        return;
      }
      const { ledger } = groups[0]!;
      const index =
        opts.document === undefined
          ? ledger.documents.length - 1
          : ledger.documents.findIndex((d) =>
              opts.document === 'letter'
                ? d.kind === 'allocation-letter'
                : d.kind === 'supplement' && d.number === Number(opts.document),
            );
      if (index < 0) {
        console.error(`No document "${opts.document}" in the series`);
        process.exitCode = 2;
        return;
      }
      const overview = generateOverview(ledger, index);
      if (opts.format === 'xlsx') {
        if (!opts.out) {
          console.error('--format xlsx needs --out <file>');
          process.exitCode = 2;
          return;
        }
        const { overviewXlsx } = await import('../services/ledger-export');
        writeFileSync(opts.out, await overviewXlsx(overview, LOCALES[cliLanguage()]));
        console.log(`wrote ${opts.out}`);
      } else {
        const { overviewCsv } = await import('../services/ledger-export');
        const text =
          opts.format === 'csv'
            ? overviewCsv(overview, LOCALES[cliLanguage()])
            : formatOverview(overview);
        if (opts.out) writeFileSync(opts.out, text);
        else process.stdout.write(text);
      }
    });
}
