/**
 * `tildel assignment-status <registerId> <to>`: change an assignment's status from the command
 * line (as the system actor, audited), with the same lifecycle and version check as the API.
 */
import type { Command } from 'commander';
import { ASSIGNMENT_STATUSES } from '../contract/enums';
import { isAssignmentStatus } from '../domain/lifecycle';
import type { Actor } from '../domain/policy';
import { withCliDatabase } from './database';

const cliActor: Actor = { kind: 'system', name: 'cli' };

export function registerAssignmentStatusCommand(program: Command): void {
  program
    .command('assignment-status')
    .description('Change the status of an assignment (planned, in-progress, delivered, …)')
    .argument('<registerId>', 'register ID, e.g. TB2024-07')
    .argument('<to>', ASSIGNMENT_STATUSES.join(', '))
    .option('--year <year>', 'budget year, when the ID is in several years', (v) =>
      Number.parseInt(v, 10),
    )
    .option('--comment <text>', 'why (required to cancel, return a delivery or reopen)')
    .option('--delivery-ref <ref>', 'where the delivery is (for delivered)')
    .option('--merged-into <registerId>', 'the assignment it is merged into (for merged)')
    .option('--expected-version <n>', 'fail unless this is the current version', (v) =>
      Number.parseInt(v, 10),
    )
    .action(
      async (
        registerId: string,
        to: string,
        opts: {
          year?: number;
          comment?: string;
          deliveryRef?: string;
          mergedInto?: string;
          expectedVersion?: number;
        },
      ) => {
        if (!isAssignmentStatus(to)) {
          console.error(`Unknown status "${to}". Known: ${ASSIGNMENT_STATUSES.join(', ')}`);
          process.exitCode = 2;
          return;
        }
        const { changeStatus, findByRegisterId } = await import('../services/assignment-status');
        await withCliDatabase(async ({ db }) => {
          const pick = async (id: string) => {
            const found = (await findByRegisterId(db, cliActor, id)).filter(
              (a) => opts.year === undefined || a.year === opts.year,
            );
            if (found.length > 1) {
              console.error(
                `${id} is in several years (${found.map((a) => a.year).join(', ')}); use --year`,
              );
              return null;
            }
            if (found.length === 0) console.error(`No assignment ${id}`);
            return found[0] ?? null;
          };
          const a = await pick(registerId);
          if (!a) {
            process.exitCode = 1;
            return;
          }
          let mergedInto: string | undefined;
          if (opts.mergedInto) {
            const target = await pick(opts.mergedInto);
            if (!target) {
              process.exitCode = 1;
              return;
            }
            mergedInto = target.id;
          }
          const out = await changeStatus(db, cliActor, a.id, {
            to,
            comment: opts.comment,
            deliveryRef: opts.deliveryRef,
            mergedInto,
            expectedVersion: opts.expectedVersion ?? a.version,
          });
          switch (out.kind) {
            case 'changed':
              console.log(
                `${a.registerId}: ${out.event.from} → ${out.event.to} (versjon ${out.assignment.version})`,
              );
              return;
            case 'stale':
              console.error(
                `${a.registerId} has changed: now ${out.current.status}, version ${out.current.version}`,
              );
              break;
            case 'refused':
              console.error(`${a.registerId}: ${out.message}`);
              break;
            default:
              console.error(`${a.registerId}: ${out.kind}`);
          }
          process.exitCode = 1;
        });
      },
    );
}
