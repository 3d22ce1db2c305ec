/**
 * `tildel dev generate`: fills an empty PostgreSQL database with a national dataset for load
 * tests (docs/scale.md), with COPY in one transaction; prints what it wrote and how long it took.
 */
import { Command, InvalidArgumentError } from 'commander';
import type { Actor } from '../domain/policy';
import { NATIONAL_SIZE } from '../db/generate/national';

const cliActor: Actor = { kind: 'system', name: 'cli' };
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const positive = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number ≥ 1');
  return n;
};

interface GenerateFlags {
  ministries: number;
  agencies: number;
  years: number;
  lastYear?: number;
  asOf?: string;
  seed: number;
  force?: boolean;
}

export function registerDevCommand(program: Command): void {
  const dev = program.command('dev').description('Tools for development and load tests');
  dev
    .command('generate')
    .description(
      'Write a realistic national dataset (letters, supplements, assignments with history, calendar, reports, users) into an empty PostgreSQL database (DATABASE_URL); deterministic for a seed',
    )
    .option('--ministries <n>', 'ministries', positive, NATIONAL_SIZE.ministries)
    .option(
      '--agencies <n>',
      'agencies (each with a letter a year)',
      positive,
      NATIONAL_SIZE.agencies,
    )
    .option('--years <n>', 'budget years, ending with --last-year', positive, NATIONAL_SIZE.years)
    .option('--last-year <year>', 'the last budget year (default: the year of --as-of)', positive)
    .option(
      '--as-of <date>',
      'the day the history runs up to, YYYY-MM-DD (default: today, Europe/Oslo; 31 December when --last-year is earlier)',
    )
    .option('--seed <n>', 'the seed: the same seed and options give the same rows', positive, 1)
    .option(
      '--force',
      'empty every table of the database first (documents, users, audit trail: all of it), in the same transaction',
    )
    .action(async (flags: GenerateFlags) => {
      process.exitCode = await generate(flags);
    });
}

async function generate(flags: GenerateFlags): Promise<number> {
  const { loadConfig } = await import('../config');
  const url = loadConfig().DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    console.error(
      'dev generate writes with COPY into PostgreSQL: set DATABASE_URL=postgres://… (the embedded PGlite is not supported)',
    );
    return 2;
  }
  const { osloToday } = await import('../services/calendar');
  const today = osloToday();
  if (flags.asOf !== undefined && !ISO_DATE.test(flags.asOf)) {
    console.error('--as-of must be a date, YYYY-MM-DD');
    return 2;
  }
  const lastYear = flags.lastYear ?? Number((flags.asOf ?? today).slice(0, 4));
  const asOf = flags.asOf ?? (Number(today.slice(0, 4)) > lastYear ? `${lastYear}-12-31` : today);
  if (flags.agencies < flags.ministries) {
    console.error('--agencies must be at least --ministries (each ministry has an agency)');
    return 2;
  }
  const opts = {
    ministries: flags.ministries,
    agencies: flags.agencies,
    years: flags.years,
    lastYear,
    asOf,
    seed: flags.seed,
  };
  const { openDatabase } = await import('../db/client');
  const database = await openDatabase({ url });
  try {
    await database.migrate();
  } finally {
    await database.close();
  }
  const { default: pg } = await import('pg');
  const { generateDataset, DatabaseNotEmpty } = await import('../services/generate');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `Generating ${opts.ministries} ministries, ${opts.agencies} agencies, ${opts.years} years (${opts.lastYear - opts.years + 1}–${opts.lastYear}, history to ${opts.asOf}), seed ${opts.seed}${flags.force ? '; emptying the database first (--force)' : ''}`,
  );
  try {
    let shown = 0;
    const outcome = await generateDataset(client, cliActor, opts, {
      force: flags.force ?? false,
      onBatch: (done, total) => {
        const tenth = Math.floor((done * 10) / total);
        if (tenth > shown) {
          shown = tenth;
          console.log(`  ${tenth * 10} % (${seconds()} s)`);
        }
      },
    });
    if (outcome.emptied.length > 0) {
      console.log(`Emptied ${outcome.emptied.length} tables first (--force).`);
    }
    console.log(`Written in one transaction in ${seconds()} s:`);
    for (const [table, n] of Object.entries(outcome.counts)) {
      console.log(`  ${table.padEnd(20)} ${n.toLocaleString('nb-NO')}`);
    }
    await client.query('vacuum analyze');
    console.log(`Vacuumed and analysed; done in ${seconds()} s.`);
    return 0;
  } catch (err) {
    if (err instanceof DatabaseNotEmpty) {
      console.error(
        `Refused: ${err.message}. Nothing was written. Use an empty database, or --force to empty this one first.`,
      );
      return 1;
    }
    throw err;
  } finally {
    await client.end();
  }
}
