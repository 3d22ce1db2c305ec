/**
 * What Tildel writes, Tildel reads: a letter laid out from a draft and written as Word is
 * read back by the importer with the same appropriations, goals, assignments (IDs, owners,
 * deadlines), carried-over list, calendar and signatories.
 */
import { describe, expect, it } from 'vitest';
import { issueIds, readBackDifferences, type WrittenFacts } from '../domain/draft';
import { readLetterFile } from '../import';
import { buildDraftContent } from '../testing/builders';
import { letterDocx } from './docx';
import { layOutLetter, letterTitle } from './letter';

async function roundTrip(w: WrittenFacts) {
  const facts = { ...w, ministry: 'Prøvedepartementet', locale: 'nb' as const };
  const bytes = await letterDocx(layOutLetter(facts, w.content), {
    title: letterTitle(facts),
    creator: 'Tildel',
    locale: 'nb',
  });
  const read = await readLetterFile('brev.docx', new Uint8Array(bytes));
  expect(read.documents).toHaveLength(1);
  return read.documents[0]!;
}

const letter = (overrides: Partial<WrittenFacts> = {}): WrittenFacts => ({
  kind: 'allocation-letter',
  year: 2030,
  number: null,
  date: '2029-12-19',
  agency: 'Prøvedirektoratet',
  ids: issueIds(2, 'allocation-letter', 2030, new Set()),
  content: buildDraftContent(),
  ...overrides,
});

describe('a letter written by Tildel reads back the same', () => {
  it('an allocation letter: every item, with derived chapter sums that check', async () => {
    const w = letter();
    const read = await roundTrip(w);
    expect(readBackDifferences(w, read)).toEqual([]);
    expect(read.sumLines.map((s) => [s.chapter, s.amount])).toEqual([[2310, 142_750]]);
    expect(read.assignments.map((a) => a.assignedId)).toEqual(['TB2030-01', 'TB2030-02']);
    expect(read.unparsed.map((u) => u.text)).toEqual(['Prøvedepartementet']);
  });

  it('IDs given at issue follow those the register holds; references and carried-over items', async () => {
    const content = buildDraftContent({
      carriedOver: [{ id: 'TB2029-04', title: 'Evaluere ordningen' }],
    });
    content.assignments[0]!.references = ['TB2029-02'];
    const ids = issueIds(2, 'allocation-letter', 2030, new Set(['TB2030-01', 'TB2030-02']));
    expect(ids).toEqual(['TB2030-03', 'TB2030-04']);
    const w = letter({ ids, content });
    expect(readBackDifferences(w, await roundTrip(w))).toEqual([]);
  });

  it('names what did not read back', async () => {
    const w = letter();
    const read = await roundTrip(w);
    const changed = { ...w, content: { ...w.content, calendar: [] } };
    expect(readBackDifferences(changed, read)).toEqual([
      expect.stringMatching(/^calendar: wrote \[\], read \[\["2030-03-01"/),
    ]);
  });
});
