import { describe, expect, it } from 'vitest';
import type {
  AppropriationLine,
  ExtractedDocument,
  TotalsClaim,
  TotalsClaimRow,
} from '../contract/letter';
import { FINDING_KEY } from '../contract/enums';
import { checkSeries, findingKey, postKindProblem, type Finding } from './consistency';
import { buildLedger, generateOverview } from './ledger';
import { buildDocument } from '../testing/builders';
import { renderMessage } from '../locales/render';

const at = (startLine: number, endLine = startLine) => ({ startLine, endLine });

function row(chapter: number, post: number, amount: number, line: number): AppropriationLine {
  return {
    chapter,
    chapterName: null,
    post,
    postName: post < 50 ? 'Spesielle driftsutgifter' : 'Tilskudd',
    notes: [],
    amount,
    previousYearAmount: null,
    comment: null,
    provenance: at(line),
  };
}

function doc(overrides: Partial<ExtractedDocument> = {}): ExtractedDocument {
  return buildDocument({
    year: 2030,
    title: 'Tildelingsbrev til Testetaten for 2030',
    ministry: null,
    agency: 'Testetaten',
    date: null,
    legalBasis: [],
    signatories: [],
    appropriations: [],
    assignments: [],
    provenance: at(1, 100),
    coverage: { nonBlankLines: 1, attributedLines: 1, ratio: 1 },
    ...overrides,
  });
}

const supp = (number: number, overrides: Partial<ExtractedDocument> = {}) =>
  doc({
    kind: 'supplement',
    number,
    title: `Tillegg til tildelingsbrev nr. ${number}`,
    provenance: at(number * 100 + 1, number * 100 + 99),
    ...overrides,
  });

const fromLetter = (amount: number, line: number): TotalsClaimRow => ({
  label: 'Tildelingsbrev',
  source: { kind: 'letter' },
  amount,
  provenance: at(line),
});
const fromSupp = (number: number, amount: number, line: number): TotalsClaimRow => ({
  label: `Tillegg til tildelingsbrev nr. ${number}`,
  source: { kind: 'supplement', number },
  amount,
  provenance: at(line),
});
function table(
  chapter: number,
  post: number | null,
  rows: TotalsClaimRow[],
  total: number | null,
  line: number,
): TotalsClaim {
  const last = rows.at(-1)?.provenance.endLine ?? line;
  return {
    chapter,
    post,
    heading: post === null ? `Kap ${chapter}` : `Kap ${chapter}.${String(post).padStart(2, '0')}`,
    rows,
    total:
      total === null
        ? null
        : { label: 'Tildeling totalt', amount: total, provenance: at(last + 1) },
    provenance: at(line, last + 1),
  };
}

const codes = (fs: Finding[]) =>
  fs.map((f) => [f.code, f.document?.number ?? null, f.lines[0]?.startLine ?? null]);

/** A consistent series: letter 744.01 177 280, 744.21 148 913; supplement 1 (carry-over to
 *  post 21) and supplement 2 (more to post 01), each with a correct overview. */
function consistentSeries(): ExtractedDocument[] {
  return [
    doc({
      appropriations: [row(744, 1, 177_280, 10), row(744, 21, 148_913, 11)],
      sumLines: [{ chapter: 744, tableChapter: 744, amount: 326_193, provenance: at(12) }],
    }),
    supp(1, {
      title: 'Tillegg til tildelingsbrev nr. 1 - Overføringer fra 2029',
      appropriations: [row(744, 21, 8_879, 110)],
      totalsClaimed: [
        table(744, 21, [fromLetter(148_913, 120), fromSupp(1, 8_879, 121)], 157_792, 119),
      ],
    }),
    supp(2, {
      appropriations: [row(744, 1, 10_000, 210)],
      totalsClaimed: [
        table(744, 1, [fromLetter(177_280, 220), fromSupp(2, 10_000, 221)], 187_280, 219),
        table(744, 21, [fromLetter(148_913, 230), fromSupp(1, 8_879, 231)], 157_792, 229),
      ],
    }),
  ];
}

describe('checkSeries on a consistent series', () => {
  it('reports nothing', () => {
    expect(checkSeries(consistentSeries())).toEqual([]);
  });
  it('reports nothing for the overview it generates itself', () => {
    const series = consistentSeries();
    const o = generateOverview(buildLedger(series), 2);
    expect(o.tables.map((t) => t.total)).toEqual([187_280, 157_792]);
    // Print the generated overview into supplement 2 in place of the typed one.
    let line = 300;
    const generated: TotalsClaim[] = o.tables.map((t) =>
      table(
        t.chapter,
        t.post,
        t.rows.map((r) =>
          r.number === null ? fromLetter(r.amount, ++line) : fromSupp(r.number, r.amount, ++line),
        ),
        t.total,
        ++line,
      ),
    );
    series[2] = { ...series[2]!, totalsClaimed: generated };
    expect(checkSeries(series)).toEqual([]);
  });
});

describe('sum lines', () => {
  it('finds a sum that does not add up and a sum line naming another chapter', () => {
    const fs = checkSeries([
      doc({
        appropriations: [
          row(744, 1, 177_280, 47),
          row(744, 21, 148_913, 49),
          row(3701, 2, 128_618, 91),
        ],
        sumLines: [
          { chapter: 744, tableChapter: 744, amount: 326_139, provenance: at(51) },
          { chapter: 3710, tableChapter: 3701, amount: 128_618, provenance: at(94) },
        ],
      }),
    ]);
    expect(codes(fs)).toEqual([
      ['sum-mismatch', null, 51],
      ['sum-chapter-mismatch', null, 94],
    ]);
    const [sum, label] = fs;
    expect(sum?.printedAmount).toBe(326_139);
    expect(sum?.expectedAmount).toBe(326_193);
    expect(renderMessage(sum!.message, 'nb')).toContain('326 139');
    expect(renderMessage(sum!.message, 'en')).toContain('add up to 326 193');
    expect(label?.printed).toBe('kap. 3710');
    expect(label?.expected).toBe('kap. 3701');
  });
});

describe('overview tables', () => {
  it('finds a start row that is the chapter total, with the total it spoils', () => {
    const series = consistentSeries();
    series[1] = supp(1, {
      appropriations: [row(744, 21, 8_879, 110)],
      totalsClaimed: [
        table(744, 21, [fromLetter(326_193, 120), fromSupp(1, 8_879, 121)], 335_072, 119),
      ],
    });
    const fs = checkSeries(series);
    expect(codes(fs)).toEqual([['overview-start-mismatch', 1, 120]]);
    const f = fs[0]!;
    expect(f.lines.map((l) => l.startLine)).toEqual([120, 122]);
    expect([f.printedAmount, f.expectedAmount]).toEqual([326_193, 148_913]);
    expect(renderMessage(f.message, 'nb')).toContain('sum for hele kap. 744');
    expect(renderMessage(f.message, 'en')).toContain('335 072 instead of 157 792');
    expect(f.document).toEqual({
      index: 1,
      kind: 'supplement',
      number: 1,
      title: 'Tillegg til tildelingsbrev nr. 1',
    });
  });

  it('finds a table labelled with the wrong post, then checks it as the post it shows', () => {
    const series = consistentSeries();
    series[2] = supp(2, {
      appropriations: [row(744, 1, 10_000, 210)],
      budgetAuthorities: [
        {
          kind: 'overskridelse',
          text: 'kan overskride kap. 744 post 01 med inntil 0,361 mill. kroner',
          posts: [{ chapter: 744, post: 1 }],
          provenance: at(212, 214),
        },
      ],
      totalsClaimed: [
        table(744, 21, [fromLetter(177_280, 220), fromSupp(2, 10_361, 221)], 187_641, 219),
        table(744, 21, [fromLetter(148_913, 230), fromSupp(1, 8_879, 231)], 157_792, 229),
      ],
    });
    const fs = checkSeries(series);
    expect(codes(fs)).toEqual([
      ['overview-label-mismatch', 2, 219],
      ['overview-row-mismatch', 2, 221],
    ]);
    expect(fs[0]?.expected).toBe('Kap 744.01');
    expect(renderMessage(fs[1]!.message, 'nb')).toContain('fullmakten til å overskride');
    expect(renderMessage(fs[1]!.message, 'en')).toContain('187 641 instead of 187 280');
  });

  it('finds totals that disagree with their own rows and with the ledger', () => {
    const series = consistentSeries();
    series[1] = supp(1, {
      appropriations: [row(744, 21, 8_879, 110)],
      totalsClaimed: [
        table(744, 21, [fromLetter(148_913, 120), fromSupp(1, 8_879, 121)], 157_793, 119),
      ],
    });
    expect(codes(checkSeries(series))).toEqual([['overview-total-arithmetic', 1, 122]]);

    series[1] = supp(1, {
      appropriations: [row(744, 21, 8_879, 110)],
      totalsClaimed: [table(744, 21, [fromLetter(148_913, 120)], 148_913, 119)],
    });
    const fs = checkSeries(series);
    expect(codes(fs)).toEqual([['overview-row-missing', 1, 119]]);
    expect(fs[0]?.expectedAmount).toBe(8_879);
  });

  it('finds a total that is wrong on its own', () => {
    const series = consistentSeries();
    series[1] = supp(1, {
      appropriations: [row(744, 21, 8_879, 110)],
      totalsClaimed: [table(744, 21, [fromSupp(1, 8_879, 121)], 8_879, 119)],
    });
    // The letter row is left out (row-missing); the total follows from that, so no more.
    expect(codes(checkSeries(series))).toEqual([['overview-row-missing', 1, 119]]);
    series[1] = supp(1, {
      appropriations: [row(744, 21, 8_879, 110)],
      totalsClaimed: [
        {
          ...table(744, 21, [], 150_000, 119),
          total: { label: 'Totalt', amount: 150_000, provenance: at(125) },
        },
      ],
    });
    expect(codes(checkSeries(series))).toEqual([
      ['overview-row-missing', 1, 119],
      ['overview-row-missing', 1, 119],
      ['overview-total-arithmetic', 1, 125],
    ]);
  });

  it('finds a row for a later supplement and a supplement without an overview', () => {
    const series = consistentSeries();
    series[1] = supp(1, {
      appropriations: [row(744, 21, 8_879, 110)],
      totalsClaimed: [
        table(
          744,
          21,
          [fromLetter(148_913, 120), fromSupp(1, 8_879, 121), fromSupp(2, 5, 122)],
          157_797,
          119,
        ),
      ],
    });
    series[2] = supp(2, { appropriations: [row(744, 1, 10_000, 210)] });
    expect(codes(checkSeries(series))).toEqual([
      ['overview-row-unexpected', 1, 122],
      ['overview-missing', 2, 210],
    ]);
  });

  it('does not judge what it cannot verify (no letter in the series)', () => {
    const only = consistentSeries().slice(1, 2);
    only[0] = {
      ...only[0]!,
      totalsClaimed: [table(744, 21, [fromLetter(1, 120), fromSupp(1, 8_879, 121)], 8_880, 119)],
    };
    expect(codes(checkSeries(only))).toEqual([['letter-missing', null, null]]);
  });
});

describe('numbering', () => {
  it('finds missing, repeated and absent supplement numbers', () => {
    const letter = doc({ appropriations: [row(700, 1, 100, 10)] });
    const fs = checkSeries([letter, supp(1), supp(3), supp(3), { ...supp(4), number: null }]);
    expect(codes(fs)).toEqual([
      ['supplement-number-missing', 3, 301],
      ['supplement-number-duplicate', 3, 301],
      ['supplement-number-absent', null, 401],
    ]);
    expect(renderMessage(fs[0]!.message, 'nb')).toBe(
      'Tillegg nr. 2 mangler i serien før tillegg nr. 3.',
    );
    expect(fs[0]?.severity).toBe('warning');
  });
  it('finds a second allocation letter', () => {
    expect(codes(checkSeries([doc(), doc({ provenance: at(200, 300) })]))).toEqual([
      ['letter-duplicate', null, 200],
    ]);
  });
});

describe('post kinds (conservative)', () => {
  it('flags a grant post below 50 and an operations post at 50 or more', () => {
    expect(postKindProblem(701, 21, 'Tilskudd til kommuner')).not.toBeNull();
    expect(postKindProblem(701, 70, 'Spesielle driftsutgifter')).not.toBeNull();
    expect(postKindProblem(701, 70, 'Tilskudd')).toBeNull();
    expect(postKindProblem(740, 1, 'Driftsutgifter')).toBeNull();
    expect(postKindProblem(714, 22, 'Gebyrfinansierte ordninger')).toBeNull();
    expect(postKindProblem(3714, 4, 'Tilskudd')).toBeNull(); // income chapters: not judged
    const fs = checkSeries([
      doc({
        appropriations: [{ ...row(701, 21, 100, 10), postName: 'Tilskudd til kommuner' }],
      }),
    ]);
    expect(codes(fs)).toEqual([['post-kind-mismatch', null, 10]]);
    expect(renderMessage(fs[0]!.message, 'en')).toContain('grant posts are numbered 50 or above');
  });
});

describe('earmarks', () => {
  it('flags one earmark larger than its post, never the sum of nested earmarks', () => {
    const em = (amount: number, line: number) => ({
      chapter: 714,
      post: 21,
      amount,
      text: 'til …',
      provenance: at(line),
    });
    const ok = doc({
      appropriations: [row(714, 21, 95_420, 10)],
      earmarks: [em(26_520, 11), em(19_780, 12), em(60_000, 13)],
    });
    expect(checkSeries([ok])).toEqual([]);
    const bad = { ...ok, earmarks: [em(95_421, 11)] };
    expect(codes(checkSeries([bad]))).toEqual([['earmark-exceeds-post', null, 11]]);
  });
});

describe('findingKey', () => {
  const finding = (overrides: Partial<Finding> = {}): Finding => ({
    code: 'sum-mismatch',
    severity: 'error',
    document: { index: 3, kind: 'supplement', number: 2, title: 'Tillegg nr. 2' },
    chapter: 744,
    post: 21,
    lines: [at(40, 41), at(12)],
    printed: '1',
    expected: '2',
    printedAmount: 1,
    expectedAmount: 2,
    message: [{ key: 'sum-mismatch', params: {} }],
    ...overrides,
  });

  it('names the code, the document by kind and number, the post and the primary lines', () => {
    expect(findingKey(finding())).toBe('sum-mismatch:supplement-2:744:21:40-41');
    expect(
      findingKey(
        finding({
          code: 'letter-missing',
          document: null,
          chapter: null,
          post: null,
          lines: [],
        }),
      ),
    ).toBe('letter-missing:series:-:-:-');
    expect(
      findingKey(
        finding({ document: { index: 0, kind: 'allocation-letter', number: null, title: 'T' } }),
      ),
    ).toBe('sum-mismatch:letter:744:21:40-41');
  });

  it('does not depend on what is recomputed: position in the series, message, amounts', () => {
    const a = finding();
    const b = finding({
      document: { index: 7, kind: 'supplement', number: 2, title: 'Et annet navn' },
      message: [{ key: 'letter-missing', params: {} }],
      printedAmount: 5,
      lines: [at(40, 41)],
    });
    expect(findingKey(a)).toBe(findingKey(b));
  });

  it('is unique for the findings of the seed-like series of this file', () => {
    const keys = checkSeries([doc({ kind: 'supplement', number: 1 })]).map(findingKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((k) => FINDING_KEY.test(k))).toBe(true);
  });
});

describe("a supplement's change-table rows", () => {
  const changeRow = (
    chapter: number,
    post: number,
    change: number,
    previous: number | null,
    total: number | null,
    line: number,
  ): AppropriationLine => ({
    ...row(chapter, post, change, line),
    postName: '',
    changeRow: { previous, total },
  });
  const letter = doc({ appropriations: [row(1650, 21, 12_500, 10), row(1650, 70, 4_000, 11)] });
  const codes = (fs: Finding[]) =>
    fs.map((f) => [f.code, f.post, f.printedAmount, f.expectedAmount]);

  it('agree with the ledger: no finding, and the row counts as the overview of its post', () => {
    const s1 = supp(1, {
      appropriations: [
        changeRow(1650, 21, 1_250, 12_500, 13_750, 120),
        changeRow(1650, 70, -400, 4_000, 3_600, 121),
      ],
    });
    expect(checkSeries([letter, s1])).toEqual([]);
  });

  it('name a row that does not add up, a figure before that is not the ledger’s, and a wrong sum', () => {
    const s1 = supp(1, {
      appropriations: [
        changeRow(1650, 21, 1_250, 12_500, 13_570, 120),
        changeRow(1650, 70, 100, 4_100, 4_200, 121),
      ],
    });
    const s2 = supp(2, { appropriations: [changeRow(1650, 21, 50, null, 13_850, 220)] });
    const found = checkSeries([letter, s1, s2]);
    expect(codes(found)).toEqual([
      ['change-row-arithmetic', 21, 13_570, 13_750],
      ['change-row-previous-mismatch', 70, 4_100, 4_000],
      ['change-row-total-mismatch', 21, 13_850, 13_800],
    ]);
    expect(renderMessage(found[0]!.message, 'nb')).toBe(
      'Endringstabellen for kap. 1650 post 21 (linje 120) går ikke opp: 12 500 tidligere og 1 250 ny tildeling gir 13 750, men summen er trykt som 13 570.',
    );
  });
});
