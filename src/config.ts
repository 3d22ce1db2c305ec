/**
 * Runtime configuration from environment variables, validated once at start.
 */
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('localhost'),
  /** postgres://… switches from embedded PGlite to a PostgreSQL server. */
  DATABASE_URL: z.string().optional(),
  /** Where PGlite keeps its files (and other local state). */
  TILDEL_DATA_DIR: z.string().default('./data'),
  /** Largest accepted upload, in megabytes. */
  TILDEL_MAX_UPLOAD_MB: z.coerce.number().positive().default(20),
  /** Load the sample letter series into an empty database on start. */
  TILDEL_SAMPLE_DATA: z
    .enum(['on', 'off'])
    .default('on')
    .transform((v) => v === 'on'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof Env>;

/** Reads the configuration; throws a readable error naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const res = Env.safeParse(env);
  if (!res.success) {
    const issues = res.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${issues}`);
  }
  return res.data;
}

export function pgliteDir(config: Config): string {
  return `${config.TILDEL_DATA_DIR.replace(/\/$/, '')}/pglite`;
}
