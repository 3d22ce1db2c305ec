/**
 * Runtime configuration from environment variables, validated once at start.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { MailSettings } from './services/mail';
import { DEFAULT_RATE_LIMITS, type AuthOptions } from './server/auth/options';

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
  /**
   * Apply pending migrations on start (under an advisory lock; needs a direct or session-pooled
   * connection). `off`: the server expects `tildel db migrate` to have been run and refuses to
   * start on a database behind the code.
   */
  TILDEL_MIGRATE_ON_START: z
    .enum(['on', 'off'])
    .default('on')
    .transform((v) => v === 'on'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  /** OpenID Connect provider (issuer URL). Set it with the three below to use real sign-in. */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The callback registered at the provider: https://<host>/api/auth/oidc/callback */
  OIDC_REDIRECT_URI: z.url().optional(),
  OIDC_SCOPES: z.string().default('openid profile email'),
  /** ID-token claim naming the user's organisation: its org.nr (9 digits) or exact name. */
  OIDC_ORGANISATION_CLAIM: z.string().default('tildel_org'),
  /** ID-token claim with the user's roles (array or space-separated; unknown roles ignored). */
  OIDC_ROLES_CLAIM: z.string().default('tildel_roles'),
  /** ID-token claim with a ministry department code (FHA, HFA, …) for department officers. */
  OIDC_DEPARTMENT_CLAIM: z.string().default('tildel_department'),
  /**
   * Local test sign-in with sample users (passwordless, administrator included). `auto`
   * (default): on when no provider is configured, and the server refuses to start that way on
   * an address beyond loopback; `demo`: on beyond loopback too, for a demonstration; `off`:
   * never. Neither `auto` nor `demo` turns it on while a provider is configured.
   */
  TILDEL_LOCAL_SIGNIN: z.enum(['auto', 'demo', 'off']).default('auto'),
  /** Session lifetime in hours. */
  TILDEL_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(8),
  /**
   * Reverse proxies in front of the server whose X-Forwarded-For gives the client address (for
   * rate limits and the log): `off` (default), addresses or CIDRs (comma-separated), or a hop
   * count.
   */
  TILDEL_TRUST_PROXY: z
    .string()
    .trim()
    .default('off')
    .refine((v) => v === 'off' || /^\d{1,2}$/.test(v) || /^[0-9a-fA-F:.,/\s]+$/.test(v), {
      message: '`off`, a hop count, or proxy addresses/CIDRs separated by commas',
    })
    .transform((v): string | number | undefined =>
      v === 'off' ? undefined : /^\d+$/.test(v) ? Number(v) : v,
    ),
  /**
   * E-mail (reminders, notices, the weekly digest) through an SMTP server. Mail is off while
   * SMTP_HOST is unset; /api/health says why.
   */
  SMTP_HOST: z.string().trim().min(1).optional(),
  /** Default 465 with SMTP_SECURE=on, else 587 (STARTTLS when the server offers it). */
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** `on`: TLS from the first byte (port 465). */
  SMTP_SECURE: z
    .enum(['on', 'off'])
    .default('off')
    .transform((v) => v === 'on'),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASS: z.string().min(1).optional(),
  /** The sender, e.g. `Tildel <tildel@departementet.no>`; required with SMTP_HOST. */
  SMTP_FROM: z.string().trim().min(3).optional(),
  /** Where people reach Tildel: the links in e-mails start with it. */
  TILDEL_PUBLIC_URL: z
    .url()
    .default('http://localhost:3000')
    .transform((v) => v.replace(/\/+$/, '')),
  /**
   * Signs the unsubscribe links in e-mails (at least 32 characters). Unset: a secret generated
   * once and kept in TILDEL_DATA_DIR/secret. Set it when several servers share one PostgreSQL,
   * so that a link one server wrote works on every other.
   */
  TILDEL_SECRET: z.string().min(32).optional(),
  /**
   * How long a server holds a job it took (seconds). A job of a server that died is taken
   * again after it; must be well above the time one job may take (one SMTP exchange).
   */
  TILDEL_JOB_LEASE_SECONDS: z.coerce.number().int().min(5).max(86_400).default(300),
  /**
   * An external authorisation server whose JWT access tokens act as registered API clients
   * (Maskinporten; docs/machine-access.md): its issuer, its JWKS URL and the audience its
   * tokens for Tildel carry, set together; the prefix its scopes carry before Tildel's names.
   */
  TILDEL_EXTERNAL_ISSUER: z.url().optional(),
  TILDEL_EXTERNAL_JWKS_URL: z.url().optional(),
  TILDEL_EXTERNAL_AUDIENCE: z.string().trim().min(1).optional(),
  TILDEL_EXTERNAL_SCOPE_PREFIX: z.string().trim().default(''),
  /**
   * `1`: webhooks may use plain http and be sent to loopback (a receiver on this host, tests);
   * otherwise only https to public addresses (docs/machine-access.md).
   */
  TILDEL_WEBHOOK_ALLOW_INSECURE: z
    .enum(['0', '1'])
    .default('0')
    .transform((v) => v === '1'),
  /** `on` when browsers reach the server over HTTPS (directly or via a TLS proxy): Secure cookies, HSTS. */
  TILDEL_TLS: z
    .enum(['on', 'off'])
    .default('off')
    .transform((v) => v === 'on'),
});

export type Config = z.infer<typeof Env>;

/** Reads the configuration; throws a readable error naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const res = Env.safeParse(env);
  if (!res.success) {
    const issues = res.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${issues}`);
  }
  const oidc = [
    res.data.OIDC_ISSUER,
    res.data.OIDC_CLIENT_ID,
    res.data.OIDC_CLIENT_SECRET,
    res.data.OIDC_REDIRECT_URI,
  ];
  if (oidc.some(Boolean) && !oidc.every(Boolean)) {
    throw new Error(
      'Invalid configuration: OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URI must be set together',
    );
  }
  if (env.TILDEL_LOCAL_SIGNIN === 'on') {
    throw new Error(
      'Invalid configuration: TILDEL_LOCAL_SIGNIN: use `demo` to allow the local test sign-in beyond loopback (it is never on beside an OIDC provider)',
    );
  }
  const external = [
    res.data.TILDEL_EXTERNAL_ISSUER,
    res.data.TILDEL_EXTERNAL_JWKS_URL,
    res.data.TILDEL_EXTERNAL_AUDIENCE,
  ];
  if (external.some(Boolean) && !external.every(Boolean)) {
    throw new Error(
      'Invalid configuration: TILDEL_EXTERNAL_ISSUER, TILDEL_EXTERNAL_JWKS_URL and TILDEL_EXTERNAL_AUDIENCE must be set together',
    );
  }
  if (Boolean(res.data.SMTP_USER) !== Boolean(res.data.SMTP_PASS)) {
    throw new Error('Invalid configuration: SMTP_USER and SMTP_PASS must be set together');
  }
  if (oidc.every(Boolean) && res.data.TILDEL_LOCAL_SIGNIN === 'demo') {
    throw new Error(
      'Invalid configuration: TILDEL_LOCAL_SIGNIN=demo cannot be combined with an OIDC provider',
    );
  }
  return res.data;
}

/** The sign-in settings the server takes (see src/server/auth/options.ts). */
export function authOptionsFromConfig(config: Config): AuthOptions {
  const oidc =
    config.OIDC_ISSUER &&
    config.OIDC_CLIENT_ID &&
    config.OIDC_CLIENT_SECRET &&
    config.OIDC_REDIRECT_URI
      ? {
          issuer: config.OIDC_ISSUER,
          clientId: config.OIDC_CLIENT_ID,
          clientSecret: config.OIDC_CLIENT_SECRET,
          redirectUri: config.OIDC_REDIRECT_URI,
          scopes: config.OIDC_SCOPES,
          claims: {
            organisation: config.OIDC_ORGANISATION_CLAIM,
            roles: config.OIDC_ROLES_CLAIM,
            department: config.OIDC_DEPARTMENT_CLAIM,
          },
        }
      : null;
  return {
    oidc,
    localSignIn: oidc === null && config.TILDEL_LOCAL_SIGNIN !== 'off',
    sessionHours: config.TILDEL_SESSION_HOURS,
    tls: config.TILDEL_TLS,
    external:
      config.TILDEL_EXTERNAL_ISSUER &&
      config.TILDEL_EXTERNAL_JWKS_URL &&
      config.TILDEL_EXTERNAL_AUDIENCE
        ? {
            issuer: config.TILDEL_EXTERNAL_ISSUER,
            jwksUrl: config.TILDEL_EXTERNAL_JWKS_URL,
            audience: config.TILDEL_EXTERNAL_AUDIENCE,
            scopePrefix: config.TILDEL_EXTERNAL_SCOPE_PREFIX,
          }
        : null,
    rateLimits: DEFAULT_RATE_LIMITS,
  };
}

/** Whether `host` (the HOST the server listens on) is reachable only from this machine. */
export function isLoopback(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * What `tildel serve` must refuse or say before it listens: the passwordless local test
 * sign-in on an address beyond loopback unless TILDEL_LOCAL_SIGNIN=demo allows it, and session
 * cookies without Secure beyond loopback unless TILDEL_TLS=on.
 */
export function listenSafety(config: Config): { refusal: string | null; warnings: string[] } {
  const auth = authOptionsFromConfig(config);
  const local = isLoopback(config.HOST);
  const warnings: string[] = [];
  let refusal: string | null = null;
  if (auth.localSignIn && !local) {
    if (config.TILDEL_LOCAL_SIGNIN === 'demo') {
      warnings.push(
        `local test sign-in (no password, administrator included) is open to everyone who reaches ${config.HOST} (TILDEL_LOCAL_SIGNIN=demo)`,
      );
    } else {
      refusal = `Refusing to start: HOST=${config.HOST} is not a loopback address and no OpenID Connect provider is configured, so the passwordless local test sign-in (administrator included) would be open to the network. Configure OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URI, set TILDEL_LOCAL_SIGNIN=off, or set TILDEL_LOCAL_SIGNIN=demo for a demonstration.`;
    }
  } else if (auth.localSignIn) {
    warnings.push('local test sign-in is enabled (no OpenID Connect provider configured)');
  }
  if (!local && !config.TILDEL_TLS) {
    warnings.push(
      `listening on ${config.HOST} without TILDEL_TLS=on: the session cookie is sent without Secure and there is no HSTS; set TILDEL_TLS=on when browsers reach the server over HTTPS (directly or via a TLS proxy)`,
    );
  }
  return { refusal, warnings };
}

export function pgliteDir(config: Config): string {
  return `${config.TILDEL_DATA_DIR.replace(/\/$/, '')}/pglite`;
}

/**
 * The secret that signs unsubscribe links: TILDEL_SECRET, or one generated on first start and
 * kept in TILDEL_DATA_DIR/secret (readable by the owner only), so links stay valid across
 * restarts. `source` says which, for the start-up log.
 */
export function installationSecret(config: Config): {
  secret: string;
  source: 'setting' | 'file' | 'created';
} {
  if (config.TILDEL_SECRET) return { secret: config.TILDEL_SECRET, source: 'setting' };
  const dir = config.TILDEL_DATA_DIR.replace(/\/$/, '');
  const file = `${dir}/secret`;
  if (existsSync(file)) return { secret: readFileSync(file, 'utf8').trim(), source: 'file' };
  mkdirSync(dir, { recursive: true });
  try {
    // `wx`: of two servers starting on one data directory, the second reads the first's.
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    return { secret: readFileSync(file, 'utf8').trim(), source: 'created' };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return { secret: readFileSync(file, 'utf8').trim(), source: 'file' };
  }
}

/** The e-mail settings the server takes (src/services/mail.ts). */
export function mailSettingsFromConfig(config: Config, secret: string): MailSettings {
  return {
    smtp: config.SMTP_HOST
      ? {
          host: config.SMTP_HOST,
          port: config.SMTP_PORT ?? (config.SMTP_SECURE ? 465 : 587),
          secure: config.SMTP_SECURE,
          ...(config.SMTP_USER && config.SMTP_PASS
            ? { auth: { user: config.SMTP_USER, pass: config.SMTP_PASS } }
            : {}),
        }
      : null,
    from: config.SMTP_FROM ?? null,
    publicUrl: config.TILDEL_PUBLIC_URL,
    secret,
  };
}
