/**
 * `tildel calendar`: the governance calendar (letters' calendar items and assignment deadlines)
 * in a period, with weekend and public-holiday flags.
 */
import type { Command } from 'commander';
import type { Actor } from '../domain/policy';
import { withCliDatabase } from './database';

const cliActor: Actor = { kind: 'system', name: 'cli' };
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function registerCalendarCommand(program: Command): void {
  program
    .command('calendar')
    .description('The governance calendar: calendar items and assignment deadlines in a period')
    .option('--agency <id>', 'agency (organisation id)')
    .option('--department <code>', 'ministry department code (FHA, …) or {ministryId}:{code}')
    .option('--from <date>', 'first day, YYYY-MM-DD (default: today, Europe/Oslo)')
    .option('--to <date>', 'last day, YYYY-MM-DD (default: 30 days after --from)')
    .option('--closed', 'include delivered, accepted, cancelled and merged assignments')
    .option('--json', 'print JSON')
    .action(
      async (opts: {
        agency?: string;
        department?: string;
        from?: string;
        to?: string;
        closed?: boolean;
        json?: boolean;
      }) => {
        const { addDays } = await import('../domain/calendar');
        const { calendarView, osloToday } = await import('../services/calendar');
        const { presentEntry } = await import('../server/presenters/calendar');
        const from = opts.from ?? osloToday();
        const to = opts.to ?? addDays(from, 30);
        if (!ISO_DATE.test(from) || !ISO_DATE.test(to) || from > to) {
          console.error('--from and --to must be dates (YYYY-MM-DD), --from not after --to');
          process.exitCode = 2;
          return;
        }
        if (opts.agency !== undefined && !UUID.test(opts.agency)) {
          console.error('--agency must be an organisation id');
          process.exitCode = 2;
          return;
        }
        await withCliDatabase(async (database) => {
          const entries = await calendarView(database.db, cliActor, {
            from,
            to,
            agency: opts.agency,
            department: opts.department,
            includeClosed: opts.closed ?? false,
          });
          if (opts.json) {
            console.log(
              JSON.stringify(
                { from, to, items: entries.map((e) => presentEntry(e, osloToday())) },
                null,
                2,
              ),
            );
            return;
          }
          for (const e of entries) {
            const when =
              e.start !== e.due
                ? `${e.start}–${e.due}`
                : `${e.due}${e.time ? ` ${e.time.start}` : ''}`;
            const flag = e.flags?.holiday
              ? ` [${e.flags.holiday}]`
              : e.flags?.weekend
                ? ' [helg]'
                : '';
            const status = e.assignment ? ` (${e.assignment.status})` : '';
            console.log(`${when.padEnd(21)} ${e.kind.padEnd(8)} ${e.title}${status}${flag}`);
          }
          console.log(`${entries.length} oppføringer ${from} – ${to}`);
        });
      },
    );
}
