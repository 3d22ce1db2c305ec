/**
 * Letters Tildel writes, for tests of writing and reading back: the facts a draft from
 * `buildDraftContent` is issued with, and its Word file or PDF. Apart from builders.ts, so the
 * many tests that build documents do not load the Word and PDF writers.
 */
import { issueIds, type WrittenFacts } from '../domain/draft';
import { letterDocx } from '../render/docx';
import { letterPdf } from '../render/pdf';
import { layOutLetter, letterTitle } from '../render/letter';
import { buildDraftContent } from './builders';

/** What a letter written from `buildDraftContent` is issued with (IDs from an empty register). */
export function buildWrittenFacts(overrides: Partial<WrittenFacts> = {}): WrittenFacts {
  return {
    kind: 'allocation-letter',
    year: 2030,
    number: null,
    date: '2029-12-19',
    agency: 'Prøvedirektoratet',
    ids: issueIds(2, 'allocation-letter', 2030, new Set()),
    content: buildDraftContent(),
    totals: [],
    ...overrides,
  };
}

/** The Word file or PDF Tildel writes for `w` (as the ministry `Prøvedepartementet`). */
export function buildLetterFile(w: WrittenFacts, format: 'docx' | 'pdf' = 'docx'): Promise<Buffer> {
  const locale = w.content.language;
  const facts = { ...w, ministry: 'Prøvedepartementet', locale };
  const meta = { title: letterTitle(facts, w.content.subject), creator: 'Tildel', locale };
  const blocks = layOutLetter(facts, w.content);
  return format === 'docx' ? letterDocx(blocks, meta) : letterPdf(blocks, meta);
}
