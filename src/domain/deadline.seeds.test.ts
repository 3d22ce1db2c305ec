/** The deadline phrases against the seed letters in ../shared/seeds (read at test time). */
import { describe, it, expect } from 'vitest';
import { DeadlineValue } from '../contract/letter';
import { listShared, readShared } from '../testing/shared';
import { deadlineDate, findDeadlinePhrases, parseDeadline } from './deadline';
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
