/**
 * An import warning (contract ImportWarning: a code with values) in the client's language, from
 * the same texts the CLI and the server tell it with (src/locales, `renderWarning`). A code newer
 * than the client is told by its stored text, if any, else by the code itself; an import
 * stored before codes arrives as `text`.
 */
import { IMPORT_WARNING_CODES } from '../contract/enums';
import type { ImportWarning } from '../contract/letter';
import { renderWarning } from '../locales/render';
import { language } from './locales/language';

export function warningText(w: ImportWarning): string {
  if ((IMPORT_WARNING_CODES as readonly string[]).includes(w.code)) {
    return renderWarning(w, language());
  }
  return typeof w.params.text === 'string' ? w.params.text : w.code;
}
