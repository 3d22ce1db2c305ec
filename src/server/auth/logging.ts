/**
 * The server's logger: pino, JSON on stdout. Secrets never reach the log: cookie, authorization
 * and CSRF headers (and Set-Cookie) are redacted wherever they appear, query strings of the
 * sign-in callback (the provider's one-time code and state) are cut from logged URLs, and so are
 * the secret tokens of calendar feed URLs.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export const LOG_REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  'headers["x-csrf-token"]',
  'headers["set-cookie"]',
];

/** URLs whose query string may carry secrets. */
const SECRET_QUERY = /^\/api\/auth\/oidc\//;
/** Calendar feeds: the secret token is the path (…/feeds/<token>.ics) and is the authorization. */
const SECRET_FEED = /^(\/api\/calendar\/feeds\/)[^/?]+\.ics(?=$|\?)/;

/** A URL fit for the log: OIDC callback parameters and calendar feed tokens cut out. */
export function safeUrl(url: string): string {
  const q = url.indexOf('?');
  if (SECRET_FEED.test(url)) return url.replace(SECRET_FEED, '$1[redacted].ics');
  return q >= 0 && SECRET_QUERY.test(url) ? `${url.slice(0, q)}?[redacted]` : url;
}

interface RequestLike {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
  routeOptions?: { url?: string };
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' },
      serializers: {
        req: (req: RequestLike) => ({
          method: req.method,
          url: req.url === undefined ? undefined : safeUrl(req.url),
          host: req.host,
          remoteAddress: req.ip,
          remotePort: req.socket?.remotePort,
        }),
        err: pino.stdSerializers.err,
      },
    },
    destination,
  );
}
