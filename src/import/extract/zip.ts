/**
 * Just enough of the ZIP format to tell a .docx from other ZIP files and to see how large its
 * parts say they are once unpacked, without unpacking anything. Pure: no I/O.
 */

export interface ZipEntry {
  name: string;
  uncompressedSize: number;
}

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && readU32(bytes, 0) === LOCAL_SIG;
}

/**
 * The entries of the central directory, or null when it cannot be found (a truncated or damaged
 * archive). ZIP64 archives report their sizes as unknown (NaN).
 */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] | null {
  const eocd = findEndOfCentralDirectory(bytes);
  if (eocd < 0) return null;
  const count = readU16(bytes, eocd + 10);
  const offset = readU32(bytes, eocd + 16);
  if (offset === 0xffffffff || count === 0xffff) return null;
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || readU32(bytes, p) !== CENTRAL_SIG) return null;
    const size = readU32(bytes, p + 24);
    const nameLength = readU16(bytes, p + 28);
    const extraLength = readU16(bytes, p + 30);
    const commentLength = readU16(bytes, p + 32);
    if (p + 46 + nameLength > bytes.length) return null;
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    entries.push({ name, uncompressedSize: size === 0xffffffff ? Number.NaN : size });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** True when a ZIP (even a truncated one) names the main part of a Word document. */
export function zipNamesWordDocument(bytes: Uint8Array): boolean {
  const entries = readZipDirectory(bytes);
  if (entries) return entries.some((e) => e.name === 'word/document.xml');
  // No central directory: look for the name in the local file headers.
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(
    'word/document.xml',
  );
}

function findEndOfCentralDirectory(bytes: Uint8Array): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let p = bytes.length - 22; p >= stop; p--) {
    if (readU32(bytes, p) === EOCD_SIG) return p;
  }
  return -1;
}

function readU16(b: Uint8Array, p: number): number {
  return (b[p] ?? 0) | ((b[p + 1] ?? 0) << 8);
}

function readU32(b: Uint8Array, p: number): number {
  return (readU16(b, p) | (readU16(b, p + 2) << 16)) >>> 0;
}
