/**
 * Golden tests of the money side and metadata against the real letters in ../shared/seeds/.
 * The golden files hold facts only (kinds, numbers, chapters, posts, amounts, line numbers),
 * never the letters' prose. A mismatch writes the actual output under
 * test-artifacts/golden-actual/ to review and copy by hand (src/testing/golden.ts).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ExtractedDocument } from '../../contract/letter';
import { expectGolden } from '../../testing/golden';
import { listShared, readShared } from '../../testing/shared';
import { parseLetters } from './index';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const goldenDir = path.join(here, 'golden');
const seeds = listShared('seeds').filter((f) => f.endsWith('.txt'));

function readSeed(file: string): string[] {
  return readShared(`seeds/${file}`).split(/\r?\n/);
}

const lines = (p: { startLine: number; endLine: number }) => [p.startLine, p.endLine];

/** The facts of one document that the golden file pins down. */
function facts(d: ExtractedDocument) {
  return {
    kind: d.kind,
    number: d.number,
    year: d.year,
    title: d.title,
    ministry: d.ministry,
    ministryOrgNr: d.ministryOrgNr,
    agency: d.agency,
    date: d.date,
    legalBasis: d.legalBasis,
    signatoryTitles: d.signatories.map((s) => s.title),
    lines: lines(d.provenance),
    appropriations: d.appropriations.map((a) => ({
      chapter: a.chapter,
      post: a.post,
      postName: a.postName,
      notes: a.notes,
      amount: a.amount,
      previousYearAmount: a.previousYearAmount,
      hasComment: a.comment !== null,
      lines: lines(a.provenance),
    })),
    sumLines: d.sumLines.map((s) => ({
      chapter: s.chapter,
      tableChapter: s.tableChapter,
      amount: s.amount,
      line: s.provenance.startLine,
    })),
    earmarks: d.earmarks.map((e) => [e.chapter, e.post, e.amount, e.provenance.startLine]),
    budgetAuthorities: d.budgetAuthorities.map((b) => ({
      kind: b.kind,
      posts: b.posts.map((p) => [p.chapter, p.post]),
      lines: lines(b.provenance),
    })),
    totalsClaimed: d.totalsClaimed.map((t) => ({
      chapter: t.chapter,
      post: t.post,
      lines: lines(t.provenance),
      rows: t.rows.map((r) => ({
        source: r.source.kind === 'supplement' ? `supplement ${r.source.number}` : r.source.kind,
        amount: r.amount,
        lines: lines(r.provenance),
      })),
      total: t.total && { amount: t.total.amount, line: t.total.provenance.startLine },
    })),
    coverage: d.coverage.ratio,
    unparsed: d.unparsed.map((u) => lines(u.provenance)),
  };
}

describe('golden: money side and metadata of the seed letters', () => {
  for (const file of seeds) {
    const prefix = file.slice(0, file.indexOf('_'));
    const goldenFile = path.join(goldenDir, `${prefix}.money.json`);

    it(`${prefix}: matches ${path.relative(repoRoot, goldenFile)}`, async () => {
      const docs = parseLetters(readSeed(file));
      for (const d of docs) ExtractedDocument.parse(d);
      await expectGolden({ file: prefix, documents: docs.map(facts) }, goldenFile);
    });

    it(`${prefix}: parsing twice gives the same result`, () => {
      const input = readSeed(file);
      expect(parseLetters(input)).toEqual(parseLetters(input));
    });
  }

  it('splits the files into the documents they hold', () => {
    const shape = (prefix: string) => {
      const file = seeds.find((f) => f.startsWith(`${prefix}_`));
      return file ? parseLetters(readSeed(file)).map((d) => [d.kind, d.number, d.year]) : null;
    };
    expect(shape('000')).toEqual([
      ['allocation-letter', null, 2020],
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ['supplement', n, 2020]),
    ]);
    expect(shape('001')).toEqual([['supplement', 3, 2020]]);
    expect(shape('002')).toEqual([['allocation-letter', null, 2024]]);
    expect(shape('004')).toEqual([['supplement', 10, 2022]]);
  });

  it('000: keeps the printed sum line naming kap. 3710 under the table of kap. 3701', () => {
    const file = seeds.find((f) => f.startsWith('000_'));
    const letter = file ? parseLetters(readSeed(file))[0] : undefined;
    expect(letter?.sumLines).toContainEqual(
      expect.objectContaining({ chapter: 3710, tableChapter: 3701, amount: 128618 }),
    );
    expect(letter?.earmarks).toContainEqual(
      expect.objectContaining({ chapter: 744, post: 21, amount: 84000 }),
    );
  });
});
