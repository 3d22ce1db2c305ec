/**
 * What kind of file an upload is, from its first bytes and its name. Pure: no I/O.
 */
import { isZip, readZipDirectory, zipNamesWordDocument } from './zip';

export type Detected =
  | { kind: 'pdf' }
  | { kind: 'docx' }
  | { kind: 'txt' }
  | { kind: 'md' }
  /**
   * JSON: a letter as Tildel publishes it (open data, the import's own schema); read only by a
   * dry run (src/import/published.ts), never stored as a source file.
   */
  | { kind: 'json' }
  /** Not importable; `what` names the file type for the user. */
  | { kind: 'unsupported'; what: string }
  /** Named as an importable type but the content is not that type. */
  | { kind: 'mismatch'; expected: 'PDF' | 'Word (.docx)' };

export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

function startsWith(bytes: Uint8Array, ...sig: number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

/** PDF readers accept the header anywhere in the first 1024 bytes; so do we. */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024));
  return head.includes('%PDF-');
}

/** Well-known binary formats, named in the refusal so that the user knows what they sent. */
function sniffOther(bytes: Uint8Array): string | null {
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47)) return 'a PNG image';
  if (startsWith(bytes, 0xff, 0xd8, 0xff)) return 'a JPEG image';
  if (startsWith(bytes, 0x47, 0x49, 0x46, 0x38)) return 'a GIF image';
  if (startsWith(bytes, 0x49, 0x49, 0x2a, 0x00) || startsWith(bytes, 0x4d, 0x4d, 0x00, 0x2a))
    return 'a TIFF image';
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))
    return 'an old Microsoft Office file (.doc/.xls); save it as .docx or PDF';
  if (startsWith(bytes, 0x7b, 0x5c, 0x72, 0x74, 0x66)) return 'an RTF document; save it as .docx';
  if (startsWith(bytes, 0x4d, 0x5a)) return 'a Windows program';
  if (startsWith(bytes, 0x7f, 0x45, 0x4c, 0x46)) return 'a Linux program';
  return null;
}

function describeZip(bytes: Uint8Array, ext: string): string {
  const names = readZipDirectory(bytes)?.map((e) => e.name) ?? [];
  if (names.some((n) => n.startsWith('xl/')) || ext === 'xlsx') return 'an Excel workbook';
  if (names.some((n) => n.startsWith('ppt/')) || ext === 'pptx') return 'a PowerPoint file';
  if (names.includes('mimetype') && ext.startsWith('od'))
    return 'an OpenDocument file; save it as .docx or PDF';
  return 'a ZIP archive';
}

export function detect(name: string, bytes: Uint8Array): Detected {
  const ext = extensionOf(name);
  if (looksLikePdf(bytes)) return { kind: 'pdf' };
  if (isZip(bytes)) {
    if (zipNamesWordDocument(bytes)) return { kind: 'docx' };
    if (ext === 'docx') return { kind: 'mismatch', expected: 'Word (.docx)' };
    return { kind: 'unsupported', what: describeZip(bytes, ext) };
  }
  const other = sniffOther(bytes);
  if (other) return { kind: 'unsupported', what: other };
  if (ext === 'pdf') return { kind: 'mismatch', expected: 'PDF' };
  if (ext === 'docx') return { kind: 'mismatch', expected: 'Word (.docx)' };
  if (ext === 'txt') return { kind: 'txt' };
  if (ext === 'md' || ext === 'markdown') return { kind: 'md' };
  if (ext === 'json') return { kind: 'json' };
  return { kind: 'unsupported', what: ext ? `a .${ext} file` : 'a file without an extension' };
}
