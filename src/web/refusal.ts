/**
 * Why a file was not imported, in Norwegian: the server's refusal `code` (src/import/extract/
 * refusal.ts) through the locale, with the file's name and, for a file over the limit, its real
 * size. The importer's English `reason` is shown only when the code is one this client does not
 * know, and then as detail under a Norwegian sentence.
 */
import { formatFileSize, formatSizeOver } from './format';
import { hasMessage, t } from './locales/nb';

/** A refusal as the API sends it; the sizes when the server says them. */
export interface Refusal {
  file: string;
  code: string;
  reason: string;
  sizeBytes?: number | null;
  limitBytes?: number | null;
  /** The numbers and names behind it, as the server sends them. */
  params?: { sizeBytes?: number; limitBytes?: number; ministry?: string } | undefined;
}

/** What the page says: one Norwegian sentence, and the English reason only for unknown codes. */
export interface RefusalText {
  text: string;
  detail: string | null;
}

/** ««navn.pdf» er 30,2 MB, større enn grensen på 20 MB.» */
export function tooLarge(file: string, sizeBytes: number, limitBytes: number): string {
  return t('refusal.too-large', {
    file,
    size: formatSizeOver(sizeBytes, limitBytes),
    limit: formatFileSize(limitBytes),
  });
}

/**
 * The Norwegian text of a refusal. `known` is what the browser knows itself: the size of the
 * file it sent and the limit from GET /api/me; the server's own figures win for the limit, the
 * browser's for the size (it has the whole file).
 */
export function refusalText(
  refusal: Refusal,
  known: { sizeBytes?: number; limitBytes?: number } = {},
): RefusalText {
  const { file, code } = refusal;
  if (code === 'too-large') {
    const size = known.sizeBytes ?? refusal.sizeBytes ?? refusal.params?.sizeBytes ?? undefined;
    const limit = refusal.limitBytes ?? refusal.params?.limitBytes ?? known.limitBytes ?? undefined;
    if (size !== undefined && limit !== undefined && size > limit) {
      return { text: tooLarge(file, size, limit), detail: null };
    }
    if (limit !== undefined) {
      return {
        text: t('refusal.too-large.limit', { file, limit: formatFileSize(limit) }),
        detail: null,
      };
    }
    return { text: t('refusal.too-large.plain', { file }), detail: null };
  }
  const key = `refusal.${code}`;
  if (code === 'not-your-ministry') {
    if (!refusal.params?.ministry)
      return { text: t('refusal.not-your-ministry.plain', { file }), detail: null };
    return {
      text: t('refusal.not-your-ministry', { file, ministry: refusal.params.ministry }),
      detail: null,
    };
  }
  if (hasMessage(key)) return { text: t(key, { file }), detail: null };
  return {
    text: t('refusal.unknown', { file }),
    detail: refusal.reason ? t('import.refused.detail', { reason: refusal.reason }) : null,
  };
}
