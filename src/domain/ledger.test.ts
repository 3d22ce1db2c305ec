import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AppropriationLine, ExtractedDocument } from '../contract/letter';
import {
  groupEarmarks,
  buildLedger,
  changeIn,
  documentIndex,
  expenseTwinOf,
  findPost,
  generateOverview,
  inferChangeKind,
  isEarmarkRow,
  orderSeries,
  readLineNote,
  runningTotals,
  sideOfChapter,
  sumAmounts,
  totalAfter,
} from './ledger';
import { buildDocument } from '../testing/builders';

const at = (startLine: number, endLine = startLine) => ({ startLine, endLine });

function row(
  chapter: number,
  post: number,
  amount: number,
  extra: Partial<AppropriationLine> = {},
): AppropriationLine {
  return {
    chapter,
    chapterName: null,
    post,
    postName: post < 50 ? 'Spesielle driftsutgifter' : 'Tilskudd',
    notes: [],
    amount,
    previousYearAmount: null,
    comment: null,
    provenance: at(10 + post),
    ...extra,
  };
}

function doc(overrides: Partial<ExtractedDocument> = {}): ExtractedDocument {
  return buildDocument({
    year: 2030,
    title: 'Tildelingsbrev til Testetaten for 2030',
    ministry: 'Testdepartementet',
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

const supplement = (number: number, title: string, appropriations: AppropriationLine[]) =>
  doc({
    kind: 'supplement',
    number,
    title: `Tillegg til tildelingsbrev nr. ${number} – ${title}`,
    appropriations,
  });

describe('buildLedger', () => {
  const letter = doc({
    appropriations: [
      row(700, 1, 150_000, { chapterName: 'Testetaten', postName: 'Driftsutgifter' }),
      row(700, 21, 40_000),
      row(3700, 2, 12_000, { postName: 'Diverse inntekter' }),
    ],
  });
  const series = [
    letter,
    supplement(1, 'Overføringer fra 2029', [row(700, 21, 2_500)]),
    supplement(2, 'Oppfølging av revidert nasjonalbudsjett', [row(700, 1, -1_000)]),
    supplement(3, 'Oppfølging av omgrupperingsproposisjonen', [row(700, 21, 700)]),
  ];
  const ledger = buildLedger(series);

  it('keeps the letter amount, each change in order with its kind, and running totals', () => {
    const p21 = findPost(ledger, 700, 21)!;
    expect(p21.letterAmount).toBe(40_000);
    expect(p21.entries.map((e) => [e.document, e.kind, e.amount, e.runningTotal])).toEqual([
      [0, 'allocation', 40_000, 40_000],
      [1, 'carry-over', 2_500, 42_500],
      [3, 'regrouping', 700, 43_200],
    ]);
    expect(p21.total).toBe(43_200);
    const p01 = findPost(ledger, 700, 1)!;
    expect(p01.entries.map((e) => [e.kind, e.amount, e.runningTotal])).toEqual([
      ['allocation', 150_000, 150_000],
      ['revised-budget', -1_000, 149_000],
    ]);
  });

  it('keeps income chapters apart from expenses', () => {
    expect(ledger.expenses.map((p) => `${p.chapter}.${p.post}`)).toEqual(['700.1', '700.21']);
    expect(ledger.income.map((p) => `${p.chapter}.${p.post}`)).toEqual(['3700.2']);
    expect(ledger.totals).toEqual({ expense: 192_200, income: 12_000 });
    expect(ledger.chapters.find((c) => c.chapter === 3700)?.twinChapter).toBe(700);
    expect(ledger.chapters.find((c) => c.chapter === 700)?.twinChapter).toBe(3700);
  });

  it('answers totals after a document and per chapter', () => {
    expect(totalAfter(ledger, 700, 21, 0)).toBe(40_000);
    expect(totalAfter(ledger, 700, 21, 2)).toBe(42_500);
    expect(totalAfter(ledger, 700, null, 3)).toBe(192_200);
    expect(changeIn(ledger, 700, 21, 2)).toBe(0);
    expect(documentIndex(ledger, 3)).toBe(3);
    expect(documentIndex(ledger, null)).toBe(0);
    expect(documentIndex(ledger, 9)).toBe(-1);
  });

  it('adds up several rows for one post in one document, except hvorav rows', () => {
    // As in the 2024 letter to Helsedirektoratet: one post printed on several rows, one per
    // purpose, with no total row; the post is the sum of the rows.
    const l = buildLedger([
      doc({
        appropriations: [
          row(701, 21, 20_000, { comment: 'Tilskudd til innføring av digital samhandling' }),
          row(701, 21, 21_400, { comment: 'Øvrige oppgaver innen digitalisering' }),
          row(701, 21, 30_100, { comment: '2,7 mill. kr er øremerket arbeidet med standarder' }),
          row(701, 21, 2_700, { comment: 'hvorav til arbeidet med standarder' }),
        ],
        earmarks: [
          { chapter: 701, post: 21, amount: 2_700, text: 'standarder', provenance: at(12) },
        ],
      }),
    ]);
    const p = findPost(l, 701, 21)!;
    expect(p.total).toBe(71_500);
    expect(p.entries).toHaveLength(1);
    expect(p.entries[0]?.rows).toHaveLength(3);
    expect(p.earmarks.map((e) => [e.amount, e.source])).toEqual([
      [2_700, 'row'],
      [2_700, 'text'],
    ]);
  });

  it("tells an earmark read from a table's hvorav row from one read in running text", () => {
    const l = buildLedger([
      doc({
        appropriations: [row(870, 21, 38_700)],
        earmarks: [
          {
            chapter: 870,
            post: 21,
            amount: 12_500,
            text: 'til nasjonal testportal',
            fromTable: true,
            provenance: at(158),
          },
          { chapter: 870, post: 21, amount: 500, text: 'til kurs', provenance: at(179) },
        ],
      }),
    ]);
    const p = findPost(l, 870, 21)!;
    expect(p.total).toBe(38_700);
    expect(p.earmarks.map((e) => [e.amount, e.source])).toEqual([
      [12_500, 'row'],
      [500, 'text'],
    ]);
  });

  it('hangs earmarks under their post without adding them, and keeps the rest apart', () => {
    const l = buildLedger([
      doc({
        appropriations: [row(744, 21, 148_913)],
        earmarks: [
          { chapter: 744, post: 21, amount: 84_000, text: 'språk', provenance: at(55) },
          { chapter: 701, post: 71, amount: 2_000, text: 'kvalitetsregistre', provenance: at(78) },
          { chapter: null, post: null, amount: 17_000, text: 'EPJ', provenance: at(90) },
        ],
      }),
    ]);
    expect(findPost(l, 744, 21)?.total).toBe(148_913);
    expect(findPost(l, 744, 21)?.earmarks.map((e) => e.amount)).toEqual([84_000]);
    expect(l.unattachedEarmarks.map((e) => e.amount)).toEqual([2_000, 17_000]);
  });

  it('links budget authorities to the posts they name', () => {
    const l = buildLedger([
      doc({
        appropriations: [row(701, 21, 1_000), row(3701, 2, 500, { postName: 'Inntekter' })],
        budgetAuthorities: [
          {
            kind: 'merinntektsfullmakt',
            text: 'kan overskride kap. 701 post 21 mot merinntekter på kap. 3701 post 02',
            posts: [
              { chapter: 701, post: 21 },
              { chapter: 3701, post: 2 },
              { chapter: 500, post: null },
            ],
            provenance: at(80, 82),
          },
          {
            kind: 'overskridelse',
            text: 'fullmakt til å overskride med inntil 0,361 mill. kroner',
            posts: [{ chapter: 701, post: null }],
            provenance: at(84),
          },
        ],
      }),
    ]);
    expect(findPost(l, 701, 21)?.authorities).toEqual([0, 1]);
    expect(findPost(l, 3701, 2)?.authorities).toEqual([0]);
    expect(l.authorities[0]?.posts.map((p) => p.linked)).toEqual([true, true, false]);
    expect(l.authorities[1]?.amount).toBe(361);
  });

  it("keeps last year's figure and exposes the change", () => {
    const l = buildLedger([
      doc({ appropriations: [row(740, 1, 1_538_891, { previousYearAmount: 1_500_000 })] }),
    ]);
    const p = findPost(l, 740, 1)!;
    expect(p.previousYearAmount).toBe(1_500_000);
    expect(p.changeFromPreviousYear).toBe(38_891);
  });

  it('marks changes that move money between posts of one supplement as post-transfer', () => {
    const l = buildLedger([
      doc({ appropriations: [row(700, 21, 10_000), row(700, 70, 5_000)] }),
      supplement(1, 'Endringer', [row(700, 21, 1_000), row(700, 70, -1_000)]),
    ]);
    expect(findPost(l, 700, 21)?.entries[1]?.kind).toBe('post-transfer');
    expect(findPost(l, 700, 70)?.entries[1]?.kind).toBe('post-transfer');
  });
});

describe('the kind a supplement row names', () => {
  it('reads the kind its note opens with, and the reason after it', () => {
    expect(readLineNote('Revidert nasjonalbudsjett: Økt aktivitet i ordningen')).toEqual({
      kind: 'revised-budget',
      reason: 'Økt aktivitet i ordningen',
    });
    expect(readLineNote('Flytting mellom postar.')).toEqual({ kind: 'post-transfer', reason: '' });
    // A note that only speaks of a kind in passing names none.
    expect(readLineNote('Midler til omgruppering av arbeidet')).toEqual({
      kind: null,
      reason: 'Midler til omgruppering av arbeidet',
    });
    expect(readLineNote('Omgrupperingen gjelder')).toMatchObject({ kind: null });
    expect(readLineNote(null)).toEqual({ kind: null, reason: '' });
  });

  it("gives the post's entry its row's kind before the document's, also in a transfer", () => {
    const l = buildLedger([
      doc({ appropriations: [row(700, 1, 50_000), row(700, 21, 10_000), row(700, 70, 5_000)] }),
      supplement(1, 'Revidert nasjonalbudsjett', [
        row(700, 1, 2_000),
        row(700, 21, 1_000, { comment: 'Overføring fra i fjor: Ubrukte midler fra 2029' }),
        row(700, 70, -1_000, { comment: 'Omgruppering.' }),
      ]),
    ]);
    expect(l.documents[1]!.changeKind).toBe('revised-budget');
    expect([1, 21, 70].map((p) => findPost(l, 700, p)?.entries[1]?.kind)).toEqual([
      'revised-budget',
      'carry-over',
      'regrouping',
    ]);
    // Rows that cancel out and name their kinds keep them; those that do not are transfers.
    const moved = buildLedger([
      doc({ appropriations: [row(700, 21, 10_000), row(700, 70, 5_000)] }),
      supplement(1, 'Endringer', [
        row(700, 21, 1_000, { comment: 'Ny oppgave: Nytt register' }),
        row(700, 70, -1_000),
      ]),
    ]);
    expect(findPost(moved, 700, 21)?.entries[1]?.kind).toBe('new-task');
    expect(findPost(moved, 700, 70)?.entries[1]?.kind).toBe('post-transfer');
  });
});

describe('inferChangeKind', () => {
  const s = (title: string, extra: Partial<ExtractedDocument> = {}) =>
    inferChangeKind(doc({ kind: 'supplement', number: 1, title, ...extra }));
  it('reads the title first', () => {
    expect(s('Tillegg til tildelingsbrev nr. 2 - Overføringer fra 2019')).toBe('carry-over');
    expect(s('Tillegg nr. 5 - Oppfølging av revidert budsjet')).toBe('revised-budget');
    expect(s('Tillegg nr. 9 - Oppfølging av omgrupperingsproposisjon 2020 mv.')).toBe('regrouping');
  });
  it('falls back to the text, then to new-task when money comes with assignments', () => {
    expect(s('Tillegg nr. 4', { legalBasis: ['RNB 2030'] })).toBe('revised-budget');
    expect(s('Tillegg nr. 4', { appropriations: [row(700, 21, 5)] })).toBe('unknown');
  });
  it('is allocation for the letter', () => {
    expect(inferChangeKind(doc())).toBe('allocation');
  });
});

describe('classification', () => {
  it('sides and twins', () => {
    expect(sideOfChapter(701)).toBe('expense');
    expect(sideOfChapter(2711)).toBe('expense');
    expect(sideOfChapter(3701)).toBe('income');
    expect(sideOfChapter(5631)).toBe('income');
    expect(expenseTwinOf(3701)).toBe(701);
    expect(expenseTwinOf(5631)).toBeNull();
  });
  it('earmark rows', () => {
    expect(isEarmarkRow({ postName: 'Spesielle driftsutgifter', comment: 'hvorav 2 mill.' })).toBe(
      true,
    );
    expect(
      isEarmarkRow({ postName: 'Spesielle driftsutgifter', comment: 'Digital samhandling' }),
    ).toBe(false);
  });
  it('orders the series: letter, then supplements by number', () => {
    const ordered = orderSeries([
      { kind: 'supplement' as const, number: 3 },
      { kind: 'supplement' as const, number: null },
      { kind: 'allocation-letter' as const, number: null },
      { kind: 'supplement' as const, number: 1 },
    ]);
    expect(ordered.map((d) => d.number)).toEqual([null, 1, 3, null]);
    expect(ordered[0]?.kind).toBe('allocation-letter');
  });
});

describe('generateOverview', () => {
  const l = buildLedger([
    doc({ appropriations: [row(744, 1, 177_280), row(744, 21, 148_913)] }),
    supplement(1, 'Forberedelse', []),
    supplement(2, 'Overføringer fra 2019', [row(744, 21, 8_879)]),
    supplement(3, 'Omgruppering', [row(744, 1, 10_000)]),
  ]);
  it('gives per post one row per contributing document and the total, up to a document', () => {
    const o = generateOverview(l, 2);
    expect(o.upTo.number).toBe(2);
    expect(
      o.tables.map((t) => [t.heading, t.rows.map((r) => [r.number, r.amount]), t.total]),
    ).toEqual([
      ['Kap. 744 post 01 Spesielle driftsutgifter', [[null, 177_280]], 177_280],
      [
        'Kap. 744 post 21 Spesielle driftsutgifter',
        [
          [null, 148_913],
          [2, 8_879],
        ],
        157_792,
      ],
    ]);
    expect(o.totals.expense).toBe(335_072);
    expect(generateOverview(l, 3).totals.expense).toBe(345_072);
  });
  it('refuses a document outside the series', () => {
    expect(() => generateOverview(l, 4)).toThrow(RangeError);
  });
});

describe('integer arithmetic (properties)', () => {
  const amount = fc.integer({ min: -10_000_000, max: 10_000_000 });

  it('the running total of any series of changes equals the sum of its parts', () => {
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 40 }), (changes) => {
        const totals = runningTotals(changes);
        expect(totals).toHaveLength(changes.length);
        expect(totals.at(-1) ?? 0).toBe(sumAmounts(changes));
        totals.forEach((t, i) => expect(t).toBe(sumAmounts(changes.slice(0, i + 1))));
        expect(totals.every(Number.isSafeInteger)).toBe(true);
      }),
    );
  });

  it('a ledger post total is the letter amount plus every change, whatever the rows', () => {
    fc.assert(
      fc.property(
        amount,
        fc.array(fc.array(amount, { minLength: 1, maxLength: 3 }), { maxLength: 8 }),
        (start, changes) => {
          const series = [
            doc({ appropriations: [row(700, 21, start)] }),
            ...changes.map((rows, i) =>
              supplement(
                i + 1,
                'Endring',
                rows.map((a) => row(700, 21, a)),
              ),
            ),
          ];
          const p = findPost(buildLedger(series), 700, 21)!;
          expect(p.total).toBe(start + sumAmounts(changes.flat()));
          expect(p.entries.at(-1)?.runningTotal).toBe(p.total);
        },
      ),
    );
  });

  it('the order of supplements matters only for the intermediate totals', () => {
    fc.assert(
      fc.property(
        amount,
        fc.array(fc.tuple(fc.constantFrom(1, 21, 70), amount), { minLength: 2, maxLength: 8 }),
        fc.infiniteStream(fc.nat()),
        (start, changes, randoms) => {
          const supplements = changes.map(([post, a], i) =>
            supplement(i + 1, 'Endring', [row(700, post, a)]),
          );
          // A permutation of the supplements (Fisher–Yates from the random stream).
          const shuffled = [...supplements];
          const it = randoms[Symbol.iterator]();
          for (let i = shuffled.length - 1; i > 0; i--) {
            const j = (it.next().value as number) % (i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
          }
          const letter = doc({ appropriations: [row(700, 1, start), row(700, 21, start)] });
          const a = buildLedger([letter, ...supplements]);
          const b = buildLedger([letter, ...shuffled]);
          for (const post of [1, 21, 70]) {
            expect(findPost(b, 700, post)?.total).toBe(findPost(a, 700, post)?.total);
          }
          expect(b.totals).toEqual(a.totals);
          // Intermediate totals follow the order given.
          const p = findPost(b, 700, 21)!;
          let running = 0;
          for (const e of p.entries) {
            running += e.amount;
            expect(e.runningTotal).toBe(running);
          }
        },
      ),
    );
  });

  it('refuses amounts that are not whole', () => {
    expect(() => sumAmounts([1, 0.5])).toThrow(RangeError);
    expect(() => sumAmounts([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });
});

describe('groupEarmarks', () => {
  const e = (document: number, amount: number, text: string, line: number) => ({
    document,
    chapter: 700,
    post: 21,
    amount,
    text,
    source: 'text' as const,
    provenance: { startLine: line, endLine: line + 2 },
  });

  it('shows a sentence with two amounts once, with both amounts in order', () => {
    const both = 'Av midlene er 4 mill. kroner til A og 2 mill. kroner til B.';
    const groups = groupEarmarks([e(1, 4000, both, 10), e(1, 2000, both, 10), e(1, 900, 'C.', 14)]);
    expect(groups.map((g) => [g.text, g.earmarks.map((x) => x.amount)])).toEqual([
      [both, [4000, 2000]],
      ['C.', [900]],
    ]);
  });

  it('keeps the same sentence in two documents apart', () => {
    const same = 'Tildelingen inkluderer 3 mill. kroner til A.';
    expect(groupEarmarks([e(0, 3000, same, 5), e(2, 3000, same, 5)])).toHaveLength(2);
  });
});
