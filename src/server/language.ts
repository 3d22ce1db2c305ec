/**
 * The language a reader is answered in where the server writes text for people (exported
 * files, sign-in pages): a `lang` the request asks for, else the signed-in person's setting,
 * else the language chosen on this browser (the `tildel_lang` cookie, set by the sign-in page's
 * links and the web client's switch), else the browser's `Accept-Language`, else bokmål.
 */
import type { FastifyRequest } from 'fastify';
import { Language } from '../contract/enums';
import type { Db } from '../db/client';
import { languageFromAcceptLanguage } from '../locales/negotiate';
import { languageOf } from '../services/user-settings';

/**
 * The cookie that keeps the language chosen on this browser, for every path. Not HttpOnly: the
 * web client writes it too (src/web/locales/language.ts names it again, as it cannot import this).
 */
export const LANGUAGE_COOKIE = 'tildel_lang';

/** How long the choice is kept: a year. */
export const LANGUAGE_COOKIE_MAX_AGE = 365 * 24 * 3600;

/** The language a browser chose (its `tildel_lang` cookie), or null. */
export function cookieLanguage(cookies: Record<string, string | undefined>): Language | null {
  const chosen = Language.safeParse(cookies[LANGUAGE_COOKIE]);
  return chosen.success ? chosen.data : null;
}

export async function readerLanguage(
  db: Db,
  request: FastifyRequest,
  asked?: Language | undefined,
): Promise<Language> {
  if (asked) return asked;
  if (request.actor.kind === 'user') return languageOf(db, request.actor.id);
  return (
    cookieLanguage(request.cookies) ??
    languageFromAcceptLanguage(request.headers['accept-language']) ??
    'nb'
  );
}
