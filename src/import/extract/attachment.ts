/**
 * Files delivered with an assignment: PDF, Word (.docx) and Excel (.xlsx), judged by their
 * bytes and refused by name and reason the way imports are (src/import/extract/index.ts). They
 * are stored as sent, not read: only the first bytes and the ZIP directory are looked at.
 * Pure: no I/O.
 */
import { extensionOf, looksLikePdf } from './detect';
import { formatMb, ImportRefusal } from './refusal';
import { isZip, readZipDirectory, zipNamesWordDocument } from './zip';

export const ATTACHMENT_MEDIA_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type AttachmentKind = keyof typeof ATTACHMENT_MEDIA_TYPES;

const NAMES: Record<AttachmentKind, string> = {
  pdf: 'PDF',
  docx: 'Word (.docx)',
  xlsx: 'Excel (.xlsx)',
};

function kindOf(bytes: Uint8Array): AttachmentKind | null {
  if (looksLikePdf(bytes)) return 'pdf';
  if (!isZip(bytes)) return null;
  if (zipNamesWordDocument(bytes)) return 'docx';
  const names = readZipDirectory(bytes)?.map((e) => e.name) ?? [];
  return names.includes('xl/workbook.xml') ? 'xlsx' : null;
}

/** The file's kind and media type, or an ImportRefusal naming the file and why. */
export function checkAttachment(
  file: { name: string; bytes: Uint8Array; truncated?: boolean },
  maxBytes: number,
): { kind: AttachmentKind; mediaType: string } {
  const { name, bytes } = file;
  if (file.truncated || bytes.byteLength > maxBytes) {
    throw new ImportRefusal(
      name,
      'too-large',
      `the file is larger than the limit of ${formatMb(maxBytes)}`,
      { limitBytes: maxBytes },
    );
  }
  if (bytes.byteLength === 0) throw new ImportRefusal(name, 'empty', 'the file is empty');
  const kind = kindOf(bytes);
  if (kind) return { kind, mediaType: ATTACHMENT_MEDIA_TYPES[kind] };
  const ext = extensionOf(name);
  if (ext === 'pdf' || ext === 'docx' || ext === 'xlsx') {
    throw new ImportRefusal(
      name,
      'corrupt',
      `the file is named as a ${NAMES[ext]} file but its content is not one; it may be damaged`,
    );
  }
  throw new ImportRefusal(
    name,
    'unsupported-type',
    `${ext ? `a .${ext} file` : 'a file without an extension'} cannot be delivered; only PDF, Word (.docx) and Excel (.xlsx) files can`,
  );
}
