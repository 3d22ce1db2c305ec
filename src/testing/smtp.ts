/**
 * A real SMTP server in the test process (smtp-server) that keeps the mails it accepted, and a
 * reader of the MIME messages Tildel sends (headers, RFC 2047 words, multipart parts,
 * quoted-printable and base64), enough to check each part.
 *
 * `hold`: from then on, a message is received whole but not answered (no 250), as if the
 * server were slow: the sender has it "in flight", and nothing counts as accepted.
 */
import { EventEmitter } from 'node:events';
import { createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope recipients. */
  to: string[];
  /** Header names in lower case; repeated headers joined with a newline. */
  headers: Record<string, string>;
  subject: string;
  messageId: string;
  /** The text/plain and text/html parts, decoded. */
  text: string | null;
  html: string | null;
  raw: string;
}

export interface TestSmtp {
  port: number;
  /** Accepted (answered 250), in order. */
  mails: ReceivedMail[];
  /** Messages received while holding, never answered. */
  held: number;
  hold: boolean;
  /** Hold from the moment this many mails were accepted (null: not). */
  holdAfter: number | null;
  /** Resolves when `pred` holds (checked on each arrival), or rejects after `ms`. */
  waitFor(pred: () => boolean, ms?: number): Promise<void>;
  close(): Promise<void>;
}

/** A port nobody listens on just now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

/** Starts the server on `port` (default: a free one) on 127.0.0.1. */
export async function startSmtp(port?: number): Promise<TestSmtp> {
  const events = new EventEmitter();
  const state: TestSmtp = {
    port: port ?? (await freePort()),
    mails: [],
    held: 0,
    hold: false,
    holdAfter: null,
    waitFor: (pred, ms = 30_000) =>
      new Promise((done, fail) => {
        if (pred()) return done();
        const timer = setTimeout(() => {
          events.off('change', check);
          fail(new Error(`waitFor: not so after ${ms} ms (${state.mails.length} mails)`));
        }, ms);
        const check = () => {
          if (!pred()) return;
          clearTimeout(timer);
          events.off('change', check);
          done();
        };
        events.on('change', check);
      }),
    close: () => new Promise((done) => server.close(() => done())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 100,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (state.hold || (state.holdAfter !== null && state.mails.length >= state.holdAfter)) {
          state.held++;
          events.emit('change');
          return; // never answered: the sender waits, then dies or times out
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        state.mails.push(
          parseMail(
            raw,
            session.envelope.rcptTo.map((r) => r.address),
          ),
        );
        callback();
        events.emit('change');
      });
    },
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(state.port, '127.0.0.1', () => done());
  });
  server.on('error', () => undefined);
  return state;
}

/** `=?UTF-8?Q?…?=` and `=?UTF-8?B?…?=` words of a header, decoded. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(
      /=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g,
      (_, _charset: string, enc: string, text: string) =>
        enc.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64').toString('utf8')
          : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(s: string): string {
  const soft = s.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i]!;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Splits an entity into its headers (unfolded, lower-case names) and body. */
function splitEntity(raw: string): { headers: Record<string, string>; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at + 4);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] ? `${headers[name]}\n${value}` : value;
  }
  return { headers, body };
}

function decodeBody(headers: Record<string, string>, body: string): string {
  const enc = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

/** The leaf parts of an entity (multipart walked through), with their content types. */
function leaves(raw: string): { type: string; content: string }[] {
  const { headers, body } = splitEntity(raw);
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    return body
      .split(`--${boundary}`)
      .slice(1)
      .filter((part) => !part.startsWith('--'))
      .flatMap((part) => leaves(part.replace(/^\r\n/, '')));
  }
  return [{ type: type.split(';')[0]!.trim().toLowerCase(), content: decodeBody(headers, body) }];
}

export function parseMail(raw: string, to: string[]): ReceivedMail {
  const { headers } = splitEntity(raw);
  const parts = leaves(raw);
  return {
    to,
    headers,
    subject: decodeWords(headers.subject ?? ''),
    messageId: headers['message-id'] ?? '',
    text: parts.find((p) => p.type === 'text/plain')?.content ?? null,
    html: parts.find((p) => p.type === 'text/html')?.content ?? null,
    raw,
  };
}
