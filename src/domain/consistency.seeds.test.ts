/**
 * The consistency checks against the real 2020 series to Direktoratet for e-helse
 * (../shared/seeds/000_*.txt: the allocation letter, then supplements nr. 1–9), parsed with the
 * project's parser. The expected findings were established by reading the seed by hand.
 *
 * Money in the seed (thousands of NOK; line numbers of the seed file):
 *   Letter (lines 8–814)
 *     kap. 744: post 01 177 280 (l. 47), post 21 148 913 (l. 49), "Sum kap. 744" 326 193 (l. 51) ok
 *     kap. 701: post 21 435 037 (l. 64), "Sum kap. 701" 435 037 (l. 66) ok
 *     kap. 3701: post 02 128 618 (l. 91), sum line "Sum kap. 3710" 128 618 (l. 94)  <-- D1
 *     kap. 770: post 21 1 000 (l. 101), "Sum kap. 770" 1 000 (l. 103) ok
 *     earmarks: 744.21 84 000 (l. 55); 701.21 80 000 (l. 70) and 193 000 (l. 76); 2 000 from
 *     701.71 (l. 78, a post the agency is not given) — all within their posts
 *     merinntektsfullmakt 701.21 against 3701.02 (l. 806–808)
 *   Supplement 1 (815–949), 4 (1206–1424), 6, 7, 8: no money, no overview
 *   Supplement 2 "Overføringer fra 2019" (950–1004): 744.21 +8 879, 701.21 +45 400
 *     table "Kap 744.21" (l. 976): letter row 326 193 (l. 980) = whole chap. 744, post 21 is
 *       148 913; total 335 072 (l. 988), ledger 157 792                          <-- D2
 *     table "Kap 701.21" (l. 992): 435 037 + 45 400 = 480 437 (l. 1004) ok
 *   Supplement 3 (1005–1205): 701.21 +80 000 (30 000 + 45 000 + 5 000 earmarked)
 *     table "Kap 744.21" (l. 1180): 148 913 + 8 879 = 157 792 (l. 1188) ok — the correct figure
 *     table "Kap 701.21" (l. 1192): 435 037 + 45 400 + 80 000 = 560 437 (l. 1205) ok
 *   Supplement 5 "revidert budsjet" (1425–1508): 701.21 +5 000 (moved from 701.70, not ours)
 *     table "Kap 744.21" (l. 1447): letter row 326 193 (l. 1451), total 335 072 (l. 1459),
 *       ledger 157 792 (same error as D2, after supplement 3 had it right)       <-- D3
 *     table "Kap 701.21" (l. 1463): … + 5 000 = 565 437 (l. 1488) ok
 *     (the text, l. 1441, announces tables for 744 posts 01 and 21; only "744.21" is printed —
 *      not checked: it needs the text's claim, which the parser does not extract)
 *   Supplement 9 "omgrupperingsproposisjon" (1782–1928): 744.01 +10 000 (l. 1791–1793);
 *     authority to exceed 744.01 by up to 0,361 mill. = 361 (l. 1797–1801, not an allocation);
 *     701.21 +300 (l. 1809–1813) +10 000 (l. 1834–1836) = +10 300
 *     table "Kap 744.21" (l. 1844) is post 01: letter row 177 280 (l. 1848) = 744.01   <-- D4
 *       row supplement 9: 10 361 (l. 1850–1854), given 10 000; +361 is the authority  <-- D5
 *       total 187 641 (l. 1856), ledger 744.01 187 280 (follows from D5)
 *     table "Kap 744.21" (l. 1860): letter row 326 193 (l. 1864), total 335 072 (l. 1872),
 *       ledger 157 792                                                             <-- D6
 *     table "Kap 701.21" (l. 1876): … + 10 300 = 575 737 (l. 1908) ok
 *   Numbering: supplements 1–9, none missing or repeated. Post numbers agree with post names.
 */
import { describe, expect, it } from 'vitest';
import { parseLetters } from '../import/parse/index';
import { readShared, seedFile } from '../testing/shared';
import { checkSeries } from './consistency';
import { buildLedger, findPost, generateOverview, orderSeries } from './ledger';
import { renderMessage } from '../locales/render';

function readSeed(prefix: string): string[] {
  return readShared(seedFile(prefix)).split(/\r?\n/);
}

const lines = readSeed('000_');

describe('seed 000: HOD → Direktoratet for e-helse 2020', () => {
  const series = orderSeries(parseLetters(lines));
  const ledger = buildLedger(series);

  it('is the letter and supplements 1–9', () => {
    expect(series.map((d) => d.number)).toEqual([null, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('derives the ledger', () => {
    const p = (c: number, n: number) =>
      findPost(ledger, c, n)?.entries.map((e) => [
        series[e.document]?.number ?? 0,
        e.kind,
        e.amount,
        e.runningTotal,
      ]);
    expect(p(744, 1)).toEqual([
      [0, 'allocation', 177_280, 177_280],
      [9, 'regrouping', 10_000, 187_280],
    ]);
    expect(p(744, 21)).toEqual([
      [0, 'allocation', 148_913, 148_913],
      [2, 'carry-over', 8_879, 157_792],
    ]);
    expect(p(701, 21)).toEqual([
      [0, 'allocation', 435_037, 435_037],
      [2, 'carry-over', 45_400, 480_437],
      [3, 'new-task', 80_000, 560_437],
      [5, 'revised-budget', 5_000, 565_437],
      [9, 'regrouping', 10_300, 575_737],
    ]);
    expect(p(770, 21)).toEqual([[0, 'allocation', 1_000, 1_000]]);
    expect(ledger.income.map((x) => [x.chapter, x.post, x.total])).toEqual([[3701, 2, 128_618]]);
    expect(ledger.totals).toEqual({ expense: 921_809, income: 128_618 });
    expect(findPost(ledger, 701, 21)?.authorities).toHaveLength(1);
    expect(findPost(ledger, 744, 1)?.authorities).toHaveLength(1);
  });

  it('generates the overview supplement 9 should have contained', () => {
    const o = generateOverview(ledger, 9);
    expect(o.tables.map((t) => [t.chapter, t.post, t.total])).toEqual([
      [701, 21, 575_737],
      [744, 1, 187_280],
      [744, 21, 157_792],
      [770, 21, 1_000],
      [3701, 2, 128_618],
    ]);
  });

  it('finds every real discrepancy and nothing else', () => {
    const found = checkSeries(series, ledger).map((f) => ({
      code: f.code,
      document: f.document?.number ?? null,
      lines: f.lines.map((l) =>
        l.startLine === l.endLine ? l.startLine : `${l.startLine}-${l.endLine}`,
      ),
      printed: f.printed,
      expected: f.expected,
    }));
    expect(found).toEqual([
      // D1
      {
        code: 'sum-chapter-mismatch',
        document: null,
        lines: [94],
        printed: 'kap. 3710',
        expected: 'kap. 3701',
      },
      // D2
      {
        code: 'overview-start-mismatch',
        document: 2,
        lines: [980, 988],
        printed: '326 193',
        expected: '148 913',
      },
      // D3
      {
        code: 'overview-start-mismatch',
        document: 5,
        lines: [1451, 1459],
        printed: '326 193',
        expected: '148 913',
      },
      // D4
      {
        code: 'overview-label-mismatch',
        document: 9,
        lines: [1844],
        printed: 'Kap 744.21',
        expected: 'Kap 744.01',
      },
      // D5
      {
        code: 'overview-row-mismatch',
        document: 9,
        lines: ['1850-1854', 1856],
        printed: '10 361',
        expected: '10 000',
      },
      // D6
      {
        code: 'overview-start-mismatch',
        document: 9,
        lines: [1864, 1872],
        printed: '326 193',
        expected: '148 913',
      },
    ]);
  });

  it('explains each finding in both languages', () => {
    for (const f of checkSeries(series, ledger)) {
      expect(renderMessage(f.message, 'nb').length).toBeGreaterThan(20);
      expect(renderMessage(f.message, 'en').length).toBeGreaterThan(20);
    }
    const d5 = checkSeries(series, ledger).find((f) => f.code === 'overview-row-mismatch');
    expect(renderMessage(d5!.message, 'nb')).toContain(
      'fullmakten til å overskride bevilgningen (linje 1797–1801)',
    );
    expect(renderMessage(d5!.message, 'en')).toContain('187 641 instead of 187 280');
  });
});

describe('seed 002: HOD → Helsedirektoratet 2024', () => {
  it('has no false alarms on a letter whose posts are printed on several rows', () => {
    const series = orderSeries(parseLetters(readSeed('002_')));
    const ledger = buildLedger(series);
    // kap. 701 post 21: five rows (20 000 + 21 400 + 30 100 + 4 000 + 58 000), no sum row.
    expect(findPost(ledger, 701, 21)?.total).toBe(133_500);
    expect(checkSeries(series, ledger)).toEqual([]);
  });
});
