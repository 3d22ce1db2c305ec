/**
 * The `tildel` command line. Each subcommand opens what it needs and exits with a status a
 * script can trust (0 success, 1 failure or findings, 2 usage).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { ASSIGNMENT_STATUSES, AssignmentStatus, LANGUAGES, type Language } from '../contract/enums';
import { DryRunOutput } from '../contract/letter';
import { withCliDatabase } from './database';
import { fileProblem, registerCheckCommand } from './check';
import { cliLanguage, say, setCliLanguage } from './language';
import { renderVersionChange, renderWarning } from '../locales/render';
import { registerOverviewCommand } from './overview';
import { registerCalendarCommand } from './calendar';
import { registerAssignmentStatusCommand } from './assignments-extra';
import { registerArchiveCommand } from './archive';
import { registerClientsCommand } from './clients';
import { registerDevCommand } from './generate';

const program = new Command();
program
  .name('tildel')
  .description('Tildel: allocation letters, appropriations and assignments as one shared record')
  .addOption(
    new Option('--lang <language>', 'the language of what is told to people (not --json)')
      .choices(LANGUAGES)
      .env('TILDEL_LANG')
      .default('nb'),
  )
  .hook('preAction', () => setCliLanguage(program.opts<{ lang: Language }>().lang))
  .showHelpAfterError();

const cliActor = { kind: 'system' as const, name: 'cli' };

program
  .command('serve')
  .description('Start the API and web application (http://localhost:3000 by default)')
  .action(async () => {
    const { serve } = await import('../server/start');
    await serve();
  });

const db = program.command('db').description('Database maintenance');
db.command('migrate')
  .description('Apply pending migrations (idempotent) and print the migration state')
  .action(async () => {
    await withCliDatabase(async (database) => {
      const state = await database.migrationState();
      console.log(
        `${database.kind} (${database.location}): ${state.applied}/${state.available} migrations applied`,
      );
    });
  });

interface ImportCliOptions {
  dryRun?: boolean;
  json?: boolean;
  yes?: boolean;
  review?: boolean;
}

program
  .command('import')
  .description(
    'Import allocation letters and supplements (.pdf, .docx, .md, .txt); a dry run also reads a letter published as open data (.json)',
  )
  .argument('<files...>', 'files to import')
  .option('--dry-run', 'read and parse only; the database is not touched')
  .option('--json', 'print machine-readable JSON (see `tildel schema import`)')
  .option(
    '--yes',
    'confirm what the import would replace, remove or create (without it, such a file is listed and not stored)',
  )
  .option(
    '--review',
    "store new letters for review: not issued until an officer of the ministry approves the review on the document page (a new version keeps its letter's status)",
  )
  .action(async (files: string[], opts: ImportCliOptions) => {
    const { loadConfig } = await import('../config');
    const { readForDryRun } = await import('../import/published');
    const { importFile } = await import('../services/import-files');
    const config = loadConfig();
    const maxBytes = Math.round(config.TILDEL_MAX_UPLOAD_MB * 1024 * 1024);
    let failed = false;
    if (opts.dryRun) {
      const out: DryRunOutput = { documents: [] };
      for (const path of files) {
        try {
          const documents = await readForDryRun(basename(path), readFileSync(path), {
            maxBytes,
          });
          for (const d of documents) out.documents.push({ ...d, file: path });
          if (!opts.json) {
            for (const d of documents) {
              console.log(
                say('import.dryRun', {
                  file: path,
                  title: d.title,
                  appropriations: d.appropriations.length,
                  assignments: d.assignments.length,
                  coverage: (d.coverage.ratio * 100).toFixed(1),
                }),
              );
              for (const w of d.warnings) {
                console.log(
                  `    ${say('import.warning', { warning: renderWarning(w, cliLanguage()) })}`,
                );
              }
            }
          }
        } catch (err) {
          failed = true;
          reportRefusal(path, err);
        }
      }
      if (opts.json) console.log(JSON.stringify(out, null, 2));
    } else {
      await withCliDatabase(async (database) => {
        for (const path of files) {
          let bytes: Uint8Array;
          try {
            bytes = readFileSync(path);
          } catch (err) {
            failed = true;
            console.error(fileProblem(path, err));
            continue;
          }
          let res;
          try {
            res = await importFile(
              database.db,
              cliActor,
              { name: basename(path), bytes },
              {
                dryRun: false,
                maxBytes,
                confirm: opts.yes ? 'all' : new Set(),
                review: !!opts.review,
              },
            );
          } catch (err) {
            // One line, not a stack trace: the file is named, the next one is still imported.
            failed = true;
            const reason = err instanceof Error ? err.message : String(err);
            console.error(say('import.notImported', { file: path, reason }));
            continue;
          }
          if (res.status === 'refused') {
            failed = true;
            console.error(say('file.refused', { file: path, code: res.code, reason: res.reason }));
            continue;
          }
          if (res.status === 'needs-confirmation') {
            failed = true;
            if (opts.json) console.log(JSON.stringify(res));
            for (const d of res.documents) {
              const reasons = d.plan?.confirmation?.reasons ?? [];
              if (reasons.length === 0) continue;
              console.error(
                say('import.waiting', { file: path, title: d.title, reasons: reasons.join(', ') }),
              );
              if (d.plan?.replaces) {
                console.error(
                  `    ${say('import.replaces', { version: d.plan.replaces.version })}`,
                );
              }
              const r = d.plan?.removes;
              if (r?.assignments.length) {
                const ids = r.assignments.join(', ');
                console.error(`    ${say('import.removesAssignments', { ids })}`);
              }
              if (r?.appropriations.length) {
                const ids = r.appropriations.join(', ');
                console.error(`    ${say('import.removesAppropriations', { ids })}`);
              }
              if (r?.calendar.length) {
                const count = r.calendar.length;
                console.error(`    ${say('import.removesCalendar', { count })}`);
              }
              for (const o of d.plan?.newOrganisations ?? []) {
                const key =
                  o.kind === 'ministry' ? 'import.createsMinistry' : 'import.createsAgency';
                console.error(`    ${say(key, { name: o.name })}`);
              }
            }
            console.error(say('import.nothingStored', { file: path }));
            continue;
          }
          if (opts.json) console.log(JSON.stringify(res));
          else {
            for (const d of res.documents) {
              const outcome = say(`import.outcome.${d.outcome}`);
              console.log(
                say('import.done', {
                  file: path,
                  title: d.title,
                  outcome,
                  version: d.version ?? '',
                }),
              );
              if (d.status === 'draft') console.log(`    ${say('import.forReview')}`);
              for (const w of d.warnings) {
                console.log(
                  `    ${say('import.warning', { warning: renderWarning(w, cliLanguage()) })}`,
                );
              }
              for (const c of d.diff) console.log(`    ${renderVersionChange(c, cliLanguage())}`);
            }
          }
        }
      });
    }
    process.exitCode = failed ? 1 : 0;
  });

function reportRefusal(path: string, err: unknown) {
  console.error(fileProblem(path, err));
}

program
  .command('schema')
  .description('Print a published JSON Schema')
  .argument('<name>', '"import": the output of `tildel import --dry-run --json`')
  .action((name: string) => {
    if (name !== 'import') {
      console.error(`Unknown schema "${name}". Known: import`);
      process.exitCode = 2;
      return;
    }
    console.log(JSON.stringify(z.toJSONSchema(DryRunOutput, { target: 'draft-2020-12' }), null, 2));
  });

program
  .command('assignments')
  .description('List or search the assignment register')
  .option('--year <year>', 'budget year', (v) => Number.parseInt(v, 10))
  .option('-q, --query <text>', 'Norwegian full-text search')
  .addOption(new Option('--status <status>', 'assignment status').choices(ASSIGNMENT_STATUSES))
  .option('--owner <code>', 'owner department code (FHA, SHA, …)')
  .option('--limit <n>', 'at most this many (default: every match)', (v) => Number.parseInt(v, 10))
  .option('--json', 'print JSON')
  .action(
    async (opts: {
      year?: number;
      query?: string;
      status?: string;
      owner?: string;
      limit?: number;
      json?: boolean;
    }) => {
      const { listAssignments } = await import('../services/assignments');
      const { decodeCursor } = await import('../contract/pagination');
      await withCliDatabase(async (database) => {
        const filters = {
          year: opts.year,
          q: opts.query,
          status: AssignmentStatus.optional().parse(opts.status),
          ownerDepartment: opts.owner,
        };
        // Page by page along the register's cursor, until the limit or the last page.
        const wanted = opts.limit ?? Infinity;
        const rows: Awaited<ReturnType<typeof listAssignments>>['rows'] = [];
        let total = 0;
        let cursor: string | null = null;
        do {
          const page = await listAssignments(
            database.db,
            cliActor,
            {
              ...filters,
              limit: Math.min(200, wanted - rows.length),
              cursor: cursor === null ? undefined : (decodeCursor(cursor) ?? undefined),
            },
            { countUpTo: cursor === null ? Infinity : 0 },
          );
          if (cursor === null) total = page.total;
          rows.push(...page.rows);
          cursor = page.nextCursor;
        } while (cursor !== null && rows.length < wanted);
        const items = rows.map((r) => ({
          id: r.assignment.registerId,
          idAssigned: r.assignment.idAssigned,
          year: r.assignment.year,
          owner: r.assignment.ownerDepartment,
          status: r.assignment.status,
          nextDeadline: r.nextDeadline,
          title: r.assignment.title,
          agency: r.document.agencyName,
        }));
        if (opts.json) console.log(JSON.stringify({ total, items }, null, 2));
        else {
          for (const i of items) {
            console.log(
              `${i.id.padEnd(12)} ${(i.owner ?? '').padEnd(5)} ${(i.nextDeadline ?? '–').padEnd(10)} ${i.status.padEnd(11)} ${i.title}`,
            );
          }
          console.log(`${total} oppdrag`);
        }
      });
    },
  );

const audit = program.command('audit').description('The tamper-evident audit trail');
audit
  .command('verify')
  .description('Check the hash chain; names the first edited or removed entry')
  .action(async () => {
    const { verifyAudit } = await import('../services/audit');
    await withCliDatabase(async (database) => {
      const res = await verifyAudit(database.db);
      if (res.ok) {
        console.log(
          `Audit trail intact: ${res.entries} entries; head ${res.head?.seq ?? 0} ${res.head?.hash ?? '-'}`,
        );
      } else {
        console.error(`Audit trail BROKEN at entry ${res.broken!.seq}: ${res.broken!.reason}`);
        process.exitCode = 1;
      }
    });
  });

registerCheckCommand(program);
registerOverviewCommand(program);
registerCalendarCommand(program);
registerAssignmentStatusCommand(program);
registerArchiveCommand(program);
registerClientsCommand(program);
registerDevCommand(program);

await program.parseAsync(process.argv);
