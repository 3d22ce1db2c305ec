/**
 * The language the command line speaks to people: `--lang nb|nn|en`, else TILDEL_LANG, else
 * bokmål (main.ts sets it before a command runs). Machine output (`--json`) is never translated.
 */
import type { Language } from '../contract/enums';
import type { CliText } from '../locales/locale';
import { fill, LOCALES } from '../locales/render';

let current: Language = 'nb';

export function setCliLanguage(language: Language): void {
  current = language;
}

export function cliLanguage(): Language {
  return current;
}

/** A sentence of the command line in its language, its `{values}` filled in. */
export function say(key: CliText, values: Record<string, string | number> = {}): string {
  return fill(LOCALES[current].cli[key], (n) => String(values[n] ?? `{${n}}`));
}
