/**
 * A change between two versions of a document (contract VersionChange) in the client's
 * language, from the texts the CLI tells it with (src/locales, `renderVersionChange`). The
 * history stored before changes had codes holds their text, told as it is; a code newer than
 * the client is told by the code.
 */
import { VERSION_CHANGE_CODES } from '../contract/enums';
import type { StoredVersionChange } from '../contract/letter';
import { renderVersionChange } from '../locales/render';
import { language } from './locales/language';

export function versionChangeText(c: StoredVersionChange): string {
  if (typeof c === 'string') return c;
  if ((VERSION_CHANGE_CODES as readonly string[]).includes(c.code)) {
    return renderVersionChange(c, language());
  }
  return c.code;
}
