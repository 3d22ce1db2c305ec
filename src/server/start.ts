/**
 * `tildel serve`: refuse unsafe settings (src/config.ts listenSafety), build the web client
 * when its sources changed (web-build.ts), open and migrate the database, load sample data on first start, listen, and shut down cleanly on SIGTERM/SIGINT.
 */
import { authOptionsFromConfig, listenSafety, loadConfig, pgliteDir } from '../config';
import { openDatabase } from '../db/client';
import { loadSampleDataIfEmpty } from '../services/sample-data';
import { ensureLocalUsers } from '../services/users';
import { createLogger } from './auth/logging';
import { buildApp, DEFAULT_WEB_DIR } from './app';
import { ensureWebBuilt } from './web-build';

export async function serve(): Promise<void> {
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
  await database.migrate();
  logger.info({ db: database.kind, location: database.location }, 'database ready');
  if (config.TILDEL_SAMPLE_DATA) {
    const n = await loadSampleDataIfEmpty(database.db);
    if (n > 0) logger.info({ files: n }, 'sample data loaded');
  }
  if (auth.localSignIn) await ensureLocalUsers(database.db);
  const app = await buildApp({
    database,
    loggerInstance: logger,
    maxUploadBytes: Math.round(config.TILDEL_MAX_UPLOAD_MB * 1024 * 1024),
    auth,
    ...(config.TILDEL_TRUST_PROXY !== undefined ? { trustProxy: config.TILDEL_TRUST_PROXY } : {}),
  });
  await app.listen({ port: config.PORT, host: config.HOST });

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
