/** The deadline phrases against the seed letters in ../shared/seeds (read at test time). */
import { describe, it, expect } from 'vitest';
import { DeadlineValue } from '../contract/letter';
import { listShared, readShared } from '../testing/shared';
import {
  deadlineDate,
  findDeadlinePhrases,
  mayHoldDeadline,
  parseDeadline,
  scanForDeadlinePhrases,
} from './deadline';
import { GROUPS } from './deadline.seed-phrases';

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

describe('parseDeadline: real phrases from the seed letters', () => {
  describe('the phrases occur in their seed file', () => {
    for (const group of GROUPS) {
      it(group.seed, () => {
        const text = squash(readShared(`seeds/${group.seed}`));
        const missing = group.rows.map(([p]) => p).filter((p) => !text.includes(squash(p)));
        expect(missing).toEqual([]);
      });
    }
  });
});

describe('findDeadlinePhrases: real sentences from the seeds', () => {
  describe('on whole seed letters', () => {
    const files = listShared('seeds').filter((f) => f.endsWith('.txt'));
    const yearOf: Record<string, number> = { '000': 2020, '001': 2020, '002': 2024, '004': 2022 };
    it.each(files)('%s: every phrase found parses to a valid value near the budget year', (f) => {
      const year = yearOf[f.slice(0, 3)] ?? 2024;
      const phrases = findDeadlinePhrases(readShared(`seeds/${f}`));
      expect(phrases.length).toBeGreaterThan(0);
      for (const p of phrases) {
        const value = parseDeadline(p, { year });
        expect(DeadlineValue.safeParse(value).success).toBe(true);
        const date = deadlineDate(value);
        if (date !== null) {
          const y = Number(date.slice(0, 4));
          expect(y, p).toBeGreaterThanOrEqual(year - 1);
          expect(y, p).toBeLessThanOrEqual(year + 1);
        }
      }
    });
  });
});

describe('mayHoldDeadline: the quick look before the scan', () => {
  // Every paragraph and every line of every letter in ../shared: wherever the full scan finds a
  // deadline, the quick look must have let the text through (else a deadline would be lost).
  const files = [
    ...listShared('seeds')
      .filter((f) => f.endsWith('.txt'))
      .map((f) => `seeds/${f}`),
    ...listShared('letters')
      .filter((f) => /\.(?:md|txt)$/.test(f) && f !== 'README.md')
      .map((f) => `letters/${f}`),
  ];
  let found = 0;
  it.each(files)('%s: no text with a deadline is passed over', (f) => {
    const text = readShared(f);
    const pieces = [...text.split(/\n\s*\n/), ...text.split('\n')];
    const missed: string[] = [];
    for (const piece of pieces) {
      if (scanForDeadlinePhrases(piece).length === 0) continue;
      found++;
      if (!mayHoldDeadline(piece)) missed.push(piece);
    }
    expect(missed).toEqual([]);
  });
  it('the letters have such texts to check', () => {
    expect(found).toBeGreaterThan(100);
  });
});
