/**
 * The deterministic zip the archive extract and the open-data year share: the entries in the
 * order given with the wall-clock time given, the same bytes in any time zone, and no path twice.
 */
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { deterministicZip } from './zip';

const entries = [
  ['b.txt', strToU8('second letter')],
  ['a/c.xml', strToU8('<x/>')],
] as const;
const time = { year: 2068, month: 12, day: 31, hour: 12, minute: 0, second: 0 };
const zone = process.env.TZ;

describe('deterministicZip', () => {
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('keeps the order and content, and gives the same bytes in any time zone', () => {
    process.env.TZ = 'UTC';
    const utc = deterministicZip(entries, time);
    process.env.TZ = 'Pacific/Auckland';
    const auckland = deterministicZip(entries, time);
    expect(Buffer.from(auckland).equals(Buffer.from(utc))).toBe(true);
    const files = unzipSync(utc);
    expect(Object.keys(files)).toEqual(['b.txt', 'a/c.xml']);
    expect(strFromU8(files['b.txt']!)).toBe('second letter');
    // The DOS time in the first local header: 12:00:00 on 31 December 2068.
    const view = new DataView(utc.buffer, utc.byteOffset);
    expect(view.getUint16(10, true)).toBe(12 << 11);
    expect(view.getUint16(12, true)).toBe(((2068 - 1980) << 9) | (12 << 5) | 31);
  });

  it('refuses two entries at one path', () => {
    expect(() => deterministicZip([entries[0], entries[0]], time)).toThrow(/Two zip entries/);
  });
});
