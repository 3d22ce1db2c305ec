/**
 * `tildel serve`: refuse unsafe settings (src/config.ts listenSafety), build the web client
 * when its sources changed (web-build.ts), open and migrate the database (or, with TILDEL_MIGRATE_ON_START=off, refuse one behind the code), load sample data on first start, listen, start the job runner (mail, the hourly reminder scan), and shut down cleanly on SIGTERM/SIGINT.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import {
  authOptionsFromConfig,
  installationSecret,
  listenSafety,
  loadConfig,
  mailSettingsFromConfig,
  pgliteDir,
} from '../config';
import { openDatabase, type Database, type MigrationLog } from '../db/client';
import { startJobRunner } from '../services/jobs';
import { mailHandlers, mailStatus } from '../services/mail';
import { reminderHandlers, scheduleScan } from '../services/reminders';
import { webhookHandlers } from '../services/webhooks';
import {
  databaseIsEmpty,
  loadSampleDataIfEmpty,
  loadSampleFollowUp,
  loadSampleReports,
} from '../services/sample-data';
import { loadSampleTolerances } from '../services/sample-tolerances';
import { loadSampleMeetings } from '../services/sample-meetings';
import { ensureLocalUsers } from '../services/users';
import { createLogger } from './auth/logging';
import { buildApp, DEFAULT_WEB_DIR } from './app';
import { ensureWebBuilt } from './web-build';

/**
 * How far V8 lets the heap grow past what was live after a full collection, in percent. Its
 * default on a machine with much memory is up to 300: under load a server of ~80 MB live held
 * ~320 MB of heap, mostly garbage (docs/scale.md). A node flag set on the command line wins.
 */
const HEAP_GROWING_PERCENT = 50;

/**
 * Migrates the database on start, or with TILDEL_MIGRATE_ON_START=off (migrations run by
 * `tildel db migrate` over a direct connection: docs/production.md) leaves it as it is and
 * throws when its migrations are behind the code's.
 */
export async function readyDatabase(
  database: Database,
  migrateOnStart: boolean,
  log: MigrationLog,
): Promise<void> {
  if (migrateOnStart) return database.migrate(log);
  const state = await database.migrationState();
  if (!state.upToDate) {
    throw new Error(
      `The database has ${state.applied} of ${state.available} migrations and TILDEL_MIGRATE_ON_START=off: run \`tildel db migrate\` first`,
    );
  }
}

export async function serve(): Promise<void> {
  if (!process.execArgv.some((a) => /^--heap[-_]growing[-_]percent/.test(a))) {
    setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  }
  const config = loadConfig();
  // Redacts cookies, authorization, CSRF tokens and OIDC callback parameters.
  const logger = createLogger(config.LOG_LEVEL);
  const auth = authOptionsFromConfig(config);
  const safety = listenSafety(config);
  if (safety.refusal) throw new Error(safety.refusal);
  for (const warning of safety.warnings) logger.warn(warning);
  await ensureWebBuilt(DEFAULT_WEB_DIR, {
    info: (msg) => logger.info(msg),
    warn: (msg) => logger.warn(msg),
  });
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: pgliteDir(config) });
  try {
    await readyDatabase(database, config.TILDEL_MIGRATE_ON_START, logger);
  } catch (err) {
    await database.close();
    throw err;
  }
  logger.info({ db: database.kind, location: database.location }, 'database ready');
  let sampleLoaded = false;
  if (config.TILDEL_SAMPLE_DATA) {
    // Several instances starting on one empty database: one loads, the others then find it
    // loaded. The lock is taken only for an empty database, so a running installation never
    // takes it (behind a transaction pooler a session lock cannot be relied on).
    const n = (await databaseIsEmpty(database.db))
      ? await database.exclusive('sample-data', () => loadSampleDataIfEmpty(database.db))
      : 0;
    sampleLoaded = n > 0;
    if (sampleLoaded) logger.info({ files: n }, 'sample data loaded');
  }
  if (auth.localSignIn) {
    await ensureLocalUsers(database.db);
    // The sample's follow-up is done as the sample users, who exist with local sign-in only.
    if (sampleLoaded) {
      const steps = await loadSampleFollowUp(database.db);
      const reports = await loadSampleReports(database.db);
      const tolerance = await loadSampleTolerances(database.db);
      const decisions = await loadSampleMeetings(database.db);
      logger.info(
        { steps, reports, tolerance, decisions },
        'sample follow-up, reports and meetings loaded',
      );
    }
  }
  const secret = installationSecret(config);
  if (secret.source === 'created') {
    logger.info('created the secret that signs unsubscribe links (TILDEL_DATA_DIR/secret)');
  }
  if (secret.source !== 'setting' && database.kind === 'postgres') {
    logger.warn(
      'TILDEL_SECRET is not set: unsubscribe links are signed with this server’s own secret (TILDEL_DATA_DIR/secret); set TILDEL_SECRET when several servers share the database',
    );
  }
  const mail = mailSettingsFromConfig(config, secret.secret);
  const status = mailStatus(mail);
  if (!status.enabled) logger.warn(`e-mail is off: ${status.reason}`);
  const app = await buildApp({
    mail,
    database,
    loggerInstance: logger,
    maxUploadBytes: Math.round(config.TILDEL_MAX_UPLOAD_MB * 1024 * 1024),
    auth,
    webhooks: { allowInsecure: config.TILDEL_WEBHOOK_ALLOW_INSECURE },
    ...(config.TILDEL_TRUST_PROXY !== undefined ? { trustProxy: config.TILDEL_TRUST_PROXY } : {}),
  });
  await app.listen({ port: config.PORT, host: config.HOST });

  // Jobs: mail and the hourly reminder scan. The scan of this hour is enqueued (once, whoever
  // starts first); each scan enqueues the next.
  await scheduleScan(database.db, new Date());
  const runner = startJobRunner({
    db: database.db,
    handlers: {
      ...mailHandlers(database.db, mail),
      ...reminderHandlers(database.db),
      ...webhookHandlers(database.db, { allowInsecure: config.TILDEL_WEBHOOK_ALLOW_INSECURE }),
    },
    intervalMs: 5_000,
    workerId: `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
    leaseSeconds: config.TILDEL_JOB_LEASE_SECONDS,
    log: logger,
  });
  void runner.runOnce().catch((err: unknown) => logger.error({ err }, 'job round failed'));

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    try {
      await app.close();
      // The job in hand is finished (or given back) before the database closes.
      await runner.stop();
      await database.close();
      logger.info('closed cleanly');
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
