/**
 * `tildel archive export --agency <name|org.nr|id> --year <year> --out <dir>`: the archive
 * extract of an agency-year (Noark 5 v5.0, docs/archive.md) written to a folder: arkivstruktur.xml,
 * endringslogg.xml, info.xml and dokumenter/. The folder must be new or empty. Audited as the CLI.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Actor } from '../domain/policy';
import { withCliDatabase } from './database';

const cliActor: Actor = { kind: 'system', name: 'cli' };

export function registerArchiveCommand(program: Command): void {
  const archive = program.command('archive').description('Archive extracts (Noark 5)');
  archive
    .command('export')
    .description(
      "Write an agency-year's archive extract (Noark 5 v5.0: arkivstruktur.xml, endringslogg.xml, info.xml, dokumenter/) to a new or empty folder",
    )
    .requiredOption('--agency <agency>', 'the agency: its name, organisation number or id')
    .requiredOption('--year <year>', 'the budget year')
    .requiredOption('--out <dir>', 'the folder to write (created; must be empty if it exists)')
    .action(async (opts: { agency: string; year: string; out: string }) => {
      const year = Number(opts.year);
      if (!/^\d{4}$/.test(opts.year) || !Number.isInteger(year)) {
        console.error(`--year must be a year (YYYY), not "${opts.year}"`);
        process.exitCode = 2;
        return;
      }
      const out = resolve(opts.out);
      if (existsSync(out)) {
        if (!statSync(out).isDirectory()) {
          console.error(`${out} exists and is not a folder`);
          process.exitCode = 1;
          return;
        }
        if (readdirSync(out).length > 0) {
          console.error(`${out} is not empty: the extract is written to a new or empty folder`);
          process.exitCode = 1;
          return;
        }
      }
      const { exportArchive } = await import('../services/archive-export');
      await withCliDatabase(async (database) => {
        const res = await exportArchive(database.db, cliActor, opts.agency, year);
        if (res.kind !== 'exported') {
          console.error(res.message);
          process.exitCode = 1;
          return;
        }
        const { extract } = res;
        for (const f of extract.files) {
          const to = resolve(out, f.path);
          mkdirSync(dirname(to), { recursive: true });
          writeFileSync(to, f.bytes);
        }
        console.log(
          `Arkivuttrekk for ${extract.agency.name} ${extract.year}: ${extract.counts.letters} brev og tillegg, ${extract.counts.reports} rapporter, ${extract.counts.changes} endringer, ${extract.counts.files} filer i ${out}`,
        );
      });
    });
}
