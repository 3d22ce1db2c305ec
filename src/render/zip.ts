/**
 * A deterministic zip (fflate): the entries in the order given, every one with the same time
 * and compression, so the same entries give the same bytes (for ETags, and for an archive
 * extract exported twice). Pure.
 */
import { zipSync } from 'fflate';

/** A wall-clock time as a zip stores it (no zone): month 1–12. */
export interface ZipTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * The entries (path → bytes, in order) as one zip, each dated `time`. A zip's DOS times are
 * wall-clock fields, which fflate reads from a Date with its local getters; the Date is built
 * from the same local fields, so the bytes are the same in any time zone.
 */
export function deterministicZip(
  entries: ReadonlyArray<readonly [string, Uint8Array]>,
  time: ZipTime,
): Uint8Array {
  const mtime = new Date(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
  const seen = new Set<string>();
  for (const [path] of entries) {
    if (seen.has(path)) throw new Error(`Two zip entries at ${path}`);
    seen.add(path);
  }
  return zipSync(
    Object.fromEntries(entries.map(([path, bytes]) => [path, [bytes, { mtime, level: 6 }]])),
  );
}
