/**
 * The language the web client speaks: bokmål, nynorsk or English (the contract's `Language`).
 * It holds the three message tables and tells `t()` (in `./nb`) which one to read, sets
 * `<html lang>`, and gives `format.ts` its `Intl` locale. Which language a visitor starts in:
 * the one they chose on this browser before (localStorage), else the browser's own
 * (`navigator.languages`); a signed-in person's stored setting wins over both (session.tsx).
 * No React here: components follow changes through `onLanguageChange` (`useLanguage`).
 */
// Only the type: the contract's module (with zod) loads with the first page, not the shell.
import type { Language } from '../../contract/enums';
import { languageOfTag } from '../../locales/negotiate';
import { en } from './en';
import { nb, setMessages, type Messages } from './nb';
import { nn } from './nn';

const TABLES: Record<Language, Messages> = { nb, nn, en };

/**
 * Each language's name in that language, as the switch shows it (the same in every locale, so
 * not a message; the switch marks each with its own `lang`).
 */
export const LANGUAGE_NAMES: Record<Language, string> = {
  nb: 'Bokmål',
  nn: 'Nynorsk',
  en: 'English',
};

/** The languages, as the switch lists them (the contract's `LANGUAGES`, checked by a test). */
export const LANGUAGE_CODES = Object.keys(LANGUAGE_NAMES) as Language[];

/**
 * The language of records' own text (imported letters, assignments), marked with `lang` where
 * the pages show it (WCAG 3.1.2): bokmål, as Tildel does not know an imported letter's written
 * form; a letter written in Tildel says its own (DraftContent `language`).
 */
export const RECORD_LANGUAGE: Language = 'nb';

/** The `Intl` locale of each language's numbers and dates. */
const INTL_LOCALES: Record<Language, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };

/** Where a browser keeps the choice (also a signed-in person's, so the next load starts in it). */
const STORAGE_KEY = 'tildel.language';

/**
 * The cookie that tells the server the choice, so the pages it writes (signing in) follow it;
 * the sign-in page's language links set it too (src/server/language.ts, LANGUAGE_COOKIE).
 */
const COOKIE = 'tildel_lang';

let current: Language = 'nb';
const listeners = new Set<() => void>();

/** The language the client speaks now. */
export function language(): Language {
  return current;
}

/** The `Intl` locale of the current language (`nb-NO`, `nn-NO`, `en-GB`). */
export function intlLocale(): string {
  return INTL_LOCALES[current];
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGE_CODES as readonly string[]).includes(value);
}

/**
 * Speaks `next` from now on: `t()` reads its table, `<html lang>` says it, and every listener
 * is told (the app re-renders). Does not remember it (see `rememberLanguage`).
 */
export function setLanguage(next: Language): void {
  if (typeof document !== 'undefined') document.documentElement.lang = next;
  if (next === current) return;
  current = next;
  setMessages(TABLES[next]);
  for (const listener of listeners) listener();
}

/** Calls `listener` after every change of language; returns how to stop. */
export function onLanguageChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The first of the browser's preferred languages (`navigator.languages`, most wanted first)
 * that Tildel speaks (as the server reads `Accept-Language`, src/locales/negotiate.ts); bokmål
 * when none of them is.
 */
export function languageFromBrowser(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const found = languageOfTag(tag);
    if (found) return found;
  }
  return 'nb';
}

/** The language this browser chose before, or null (none, unknown, or no storage). */
function rememberedLanguage(): Language | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

/** The language the `tildel_lang` cookie names (chosen on the sign-in page, say), or null. */
export function cookieLanguage(cookies: string): Language | null {
  for (const pair of cookies.split(';')) {
    const [name, value] = pair.trim().split('=');
    if (name === COOKIE && isLanguage(value)) return value;
  }
  return null;
}

/**
 * Keeps `value` as this browser's choice: in storage for the client, in the cookie for the
 * server (quietly not, when storage is refused).
 */
export function rememberLanguage(value: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, value);
  } catch {
    // Private windows may refuse storage; the choice then lasts as long as the page.
  }
  const secure = window.location.protocol === 'https:' ? '; secure' : '';
  document.cookie = `${COOKIE}=${value}; path=/; max-age=${365 * 24 * 3600}; samesite=lax${secure}`;
}

/**
 * The language a page load starts in: the one remembered here, else the one chosen on the
 * sign-in page (its cookie), else the browser's.
 */
export function startingLanguage(): Language {
  const languages =
    navigator.languages && navigator.languages.length > 0
      ? navigator.languages
      : [navigator.language];
  return rememberedLanguage() ?? cookieLanguage(document.cookie) ?? languageFromBrowser(languages);
}
