/**
 * Just enough of the ZIP format to tell a .docx from other ZIP files, and to unpack one safely:
 * the central directory (ZIP64 included) checked against the local file headers, and every
 * entry inflated with a bound on the bytes it actually produces (headers can lie).
 */
import { constants, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** As the directory claims; Infinity when it does not fit in a safe integer. */
  uncompressedSize: number;
  compressedSize: number;
  /** 0 stored, 8 deflated; anything else is not unpacked. */
  method: number;
  /** Offset of the local file header. */
  localOffset: number;
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && readU32(bytes, 0) === LOCAL_SIG;
}

/**
 * The entries of the central directory, or null when it cannot be found or parsed (a truncated
 * or damaged archive). ZIP64 sizes, offsets and counts are read from their extra fields.
 * `maxEntries` stops reading a directory that claims more entries than that (the result then has
 * `maxEntries + 1` entries, enough for the caller to refuse it).
 */
export function readZipDirectory(bytes: Uint8Array, maxEntries = 65_535): ZipEntry[] | null {
  const eocd = findEndOfCentralDirectory(bytes);
  if (eocd < 0) return null;
  let count = readU16(bytes, eocd + 10);
  let offset = readU32(bytes, eocd + 16);
  if (count === 0xffff || offset === 0xffffffff || readU32(bytes, eocd + 12) === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || readU32(bytes, locator) !== ZIP64_LOCATOR_SIG) return null;
    const record = readU64(bytes, locator + 8);
    if (!(record >= 0 && record + 56 <= bytes.length)) return null;
    if (readU32(bytes, record) !== ZIP64_EOCD_SIG) return null;
    count = readU64(bytes, record + 32);
    offset = readU64(bytes, record + 48);
  }
  if (!Number.isFinite(count) || !Number.isFinite(offset)) return null;
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (entries.length > maxEntries) break;
    if (p + 46 > bytes.length || readU32(bytes, p) !== CENTRAL_SIG) return null;
    const method = readU16(bytes, p + 10);
    let compressedSize = readU32(bytes, p + 20);
    let uncompressedSize = readU32(bytes, p + 24);
    const nameLength = readU16(bytes, p + 28);
    const extraLength = readU16(bytes, p + 30);
    const commentLength = readU16(bytes, p + 32);
    let localOffset = readU32(bytes, p + 42);
    const nameEnd = p + 46 + nameLength;
    if (nameEnd + extraLength > bytes.length) return null;
    const name = decoder.decode(bytes.subarray(p + 46, nameEnd));
    // ZIP64 extended information: the 8-byte values, in this order, of the fields set to ~0.
    if (
      uncompressedSize === 0xffffffff ||
      compressedSize === 0xffffffff ||
      localOffset === 0xffffffff
    ) {
      const z64 = findExtra(bytes, nameEnd, extraLength, 0x0001);
      if (!z64) return null;
      let q = z64.start;
      const next = (): number => {
        if (q + 8 > z64.end) return Number.NaN;
        const v = readU64(bytes, q);
        q += 8;
        return v;
      };
      if (uncompressedSize === 0xffffffff) uncompressedSize = next();
      if (compressedSize === 0xffffffff) compressedSize = next();
      if (localOffset === 0xffffffff) localOffset = next();
      if ([uncompressedSize, compressedSize, localOffset].some(Number.isNaN)) return null;
    }
    entries.push({ name, uncompressedSize, compressedSize, method, localOffset });
    p = nameEnd + extraLength + commentLength;
  }
  return entries;
}

/** True when a ZIP (even a truncated one) names the main part of a Word document. */
export function zipNamesWordDocument(bytes: Uint8Array): boolean {
  const entries = readZipDirectory(bytes, 10_000);
  if (entries) return entries.some((e) => e.name === 'word/document.xml');
  // No central directory: look for the name in the local file headers.
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(
    'word/document.xml',
  );
}

export type UnzipProblem =
  | { kind: 'unreadable'; detail: string }
  | { kind: 'too-large'; entry: string }
  | { kind: 'mismatch'; entry: string };

/**
 * Inflates one entry, producing at most `maxBytes` bytes. The data is located through its local
 * file header, which must agree with the directory. Returns a problem instead of throwing.
 */
export function unzipEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  maxBytes: number,
): { data: Buffer } | UnzipProblem {
  const p = entry.localOffset;
  if (p + 30 > bytes.length || readU32(bytes, p) !== LOCAL_SIG) {
    return { kind: 'unreadable', detail: `no local header for ${entry.name}` };
  }
  const nameLength = readU16(bytes, p + 26);
  const extraLength = readU16(bytes, p + 28);
  const localName = new TextDecoder('utf-8').decode(bytes.subarray(p + 30, p + 30 + nameLength));
  if (localName !== entry.name) {
    return { kind: 'unreadable', detail: `the headers of ${entry.name} disagree` };
  }
  const start = p + 30 + nameLength + extraLength;
  const end = start + entry.compressedSize;
  if (!(end <= bytes.length)) {
    return { kind: 'unreadable', detail: `${entry.name} is truncated` };
  }
  const raw = bytes.subarray(start, end);
  let data: Buffer;
  if (entry.method === 0) {
    if (raw.length > maxBytes) return { kind: 'too-large', entry: entry.name };
    data = Buffer.from(raw);
  } else if (entry.method === 8) {
    try {
      // maxOutputLength stops inflating at the bound, whatever the headers say.
      data = inflateRawSync(raw, {
        maxOutputLength: Math.max(1, maxBytes),
        finishFlush: constants.Z_SYNC_FLUSH,
      });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        return { kind: 'too-large', entry: entry.name };
      }
      return { kind: 'unreadable', detail: `${entry.name}: ${(err as Error).message}` };
    }
  } else {
    return { kind: 'unreadable', detail: `${entry.name} uses compression method ${entry.method}` };
  }
  if (data.length !== entry.uncompressedSize) return { kind: 'mismatch', entry: entry.name };
  return { data };
}

function findExtra(
  bytes: Uint8Array,
  start: number,
  length: number,
  id: number,
): { start: number; end: number } | null {
  let p = start;
  const end = start + length;
  while (p + 4 <= end) {
    const tag = readU16(bytes, p);
    const size = readU16(bytes, p + 2);
    if (tag === id) return { start: p + 4, end: Math.min(end, p + 4 + size) };
    p += 4 + size;
  }
  return null;
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

/** An 8-byte little-endian value; Infinity when it is beyond a safe integer. */
function readU64(b: Uint8Array, p: number): number {
  const v = readU32(b, p) + readU32(b, p + 4) * 0x1_0000_0000;
  return Number.isSafeInteger(v) ? v : Number.POSITIVE_INFINITY;
}
