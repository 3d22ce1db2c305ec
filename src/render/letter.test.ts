/**
 * What Tildel writes, Tildel reads: a letter laid out from a draft and written as Word or as
 * PDF is read back by the importer with the same appropriations, goals, assignments (IDs,
 * owners, deadlines), carried-over list, calendar, totals tables and signatories.
 */
import { describe, expect, it } from 'vitest';
import {
  issueIds,
  readBackDifferences,
  supplementTotals,
  type WrittenFacts,
} from '../domain/draft';
import { readLetterFile } from '../import';
import { buildDraftContent } from '../testing/builders';
import { buildLetterFile, buildWrittenFacts } from '../testing/letters';
import { layOutLetter } from './letter';

async function roundTrip(w: WrittenFacts, format: 'docx' | 'pdf' = 'docx') {
  const file = new Uint8Array(await buildLetterFile(w, format));
  const read = await readLetterFile(`brev.${format}`, file);
  expect(read.documents).toHaveLength(1);
  return read.documents[0]!;
}

const letter = buildWrittenFacts;

describe('a letter written by Tildel reads back the same', () => {
  it.each(['docx', 'pdf'] as const)(
    'an allocation letter as %s: every item, with derived chapter sums',
    async (format) => {
      const w = letter();
      const read = await roundTrip(w, format);
      expect(readBackDifferences(w, read)).toEqual([]);
      expect(read.sumLines.map((s) => [s.chapter, s.amount])).toEqual([[2310, 142_750]]);
      expect(read.assignments.map((a) => a.assignedId)).toEqual(['TB2030-01', 'TB2030-02']);
      expect(read.unparsed.map((u) => u.text)).toEqual(['Prøvedepartementet']);
    },
  );

  it('IDs given at issue follow those the register holds; references and carried-over items', async () => {
    const content = buildDraftContent({
      carriedOver: [{ id: 'TB2029-04', title: 'Evaluere ordningen' }],
    });
    content.assignments[0]!.references = ['TB2029-02'];
    // A deadline for the whole beside its parts' own.
    content.assignments[1]!.deadline = '1. desember';
    const ids = issueIds(2, 'allocation-letter', 2030, new Set(['TB2030-01', 'TB2030-02']));
    expect(ids).toEqual(['TB2030-03', 'TB2030-04']);
    const w = letter({ ids, content });
    expect(readBackDifferences(w, await roundTrip(w))).toEqual([]);
  });

  it("the PDF is tagged, in the letter's language, with its font embedded", async () => {
    const pdf = (await buildLetterFile(letter(), 'pdf')).toString('latin1');
    expect(pdf.startsWith('%PDF-1.7')).toBe(true);
    expect(pdf).toContain('/StructTreeRoot');
    expect(pdf).toContain('/MarkInfo');
    expect(pdf).toContain('/Lang (nb-NO)');
    expect(pdf).toMatch(/\/FontFile[23]? /);
    expect(pdf).toMatch(/\/S \/H1/);
    expect(pdf).toMatch(/\/S \/Table/);
  });

  it('names what did not read back', async () => {
    const w = letter();
    const read = await roundTrip(w);
    const changed = { ...w, content: { ...w.content, calendar: [] } };
    expect(readBackDifferences(changed, read)).toEqual([
      expect.stringMatching(/^calendar: wrote \[\], read \[\["2030-03-01"/),
    ]);
  });

  it('a supplement: its changes, new assignments and the derived totals table per post', async () => {
    const changes = [
      {
        chapter: 2310,
        chapterName: 'Prøvedirektoratet',
        post: 21,
        postName: 'Spesielle driftsutgifter',
        notes: ['kan overføres'],
        amount: 2_500,
      },
      {
        chapter: 2310,
        chapterName: 'Prøvedirektoratet',
        post: 1,
        postName: 'Driftsutgifter',
        notes: [],
        amount: -1_200,
      },
    ];
    const title = 'Tillegg til tildelingsbrev nr. 2 for 2030';
    // The year so far: the letter and supplement nr. 1 (as the ledger has them).
    const ledger = {
      documents: [
        { title: 'Tildelingsbrev til Prøvedirektoratet for 2030' },
        { title: 'Tillegg til tildelingsbrev nr. 1 for 2030' },
      ],
      expenses: [
        {
          chapter: 2310,
          post: 21,
          entries: [
            { document: 0, amount: 14_250 },
            { document: 1, amount: 600 },
          ],
        },
        { chapter: 2310, post: 1, entries: [{ document: 0, amount: 120_500 }] },
      ],
      income: [],
    };
    const totals = supplementTotals(ledger as never, changes, title);
    expect(totals.map((t) => [t.chapter, t.post, t.total])).toEqual([
      [2310, 21, 17_350],
      [2310, 1, 119_300],
    ]);
    const content = buildDraftContent({
      subject: 'Omgruppering',
      appropriations: changes,
      goals: [],
      calendar: [],
      assignments: [buildDraftContent().assignments[0]!],
    });
    const w = letter({
      kind: 'supplement',
      number: 2,
      ids: issueIds(1, 'supplement', 2030, new Set(['TTB2030-01'])),
      content,
      totals,
    });
    for (const format of ['docx', 'pdf'] as const) {
      const printed = await roundTrip(w, format);
      expect(readBackDifferences(w, printed), format).toEqual([]);
      expect(printed.title, format).toBe(
        'Tillegg til tildelingsbrev nr. 2 for 2030 – Omgruppering',
      );
    }
    const read = await roundTrip(w);
    expect(read.assignments.map((a) => a.assignedId)).toEqual(['TTB2030-02']);
    expect(read.totalsClaimed[0]!.rows.map((r) => r.source)).toEqual([
      { kind: 'letter' },
      { kind: 'supplement', number: 1 },
      { kind: 'supplement', number: 2 },
    ]);
  });
});

/** A draft in nynorsk: its prose as an officer writing nynorsk types it (written for this test). */
function nynorsk() {
  const content = buildDraftContent({
    language: 'nn',
    preamble:
      'Departementet har på bakgrunn av Prop. 1 S (2029–2030) fastsett tildelingsbrev for direktoratet.',
    goals: [
      {
        title: 'Innbyggjarane får raske og rette svar',
        steeringParameters: ['Sakshandsamingstid for søknader'],
        keyFigures: ['Talet på handsama søknader'],
      },
    ],
    calendar: [
      { when: '1. mars', text: 'Årsrapport blir send til departementet' },
      { when: '15. oktober', text: 'Etatsstyringsmøte' },
    ],
    carriedOver: [{ id: 'TB2029-04', title: 'Evaluere ordninga' }],
  });
  content.appropriations[1]!.notes = ['kan overførast'];
  content.appropriations[2]!.postName = 'Tilskot til kommunar';
  content.appropriations[2]!.notes = ['kan overførast', 'kan nyttast under post 21'];
  content.assignments[0]!.title = 'Kartleggje ventetider';
  content.assignments[0]!.text =
    'Direktoratet skal kartleggje ventetidene i ordninga og føreslå tiltak.';
  content.assignments[0]!.references = ['TB2029-02'];
  content.assignments[1]!.title = 'Rettleiar for søkjarane';
  content.assignments[1]!.text = 'Direktoratet skal lage ein rettleiar for søkjarane.';
  content.assignments[1]!.subAssignments = [
    { text: 'Utkast blir sendt departementet.', deadline: '15. mars' },
    { text: 'Endeleg rettleiar blir publisert.', deadline: 'medio oktober' },
  ];
  return content;
}

describe('a letter written in nynorsk reads back the same', () => {
  it.each(['docx', 'pdf'] as const)(
    'an allocation letter as %s: nynorsk headings and labels, every item read back',
    async (format) => {
      const w = letter({ content: nynorsk() });
      const blocks = layOutLetter(
        { ...w, ministry: 'Prøvedepartementet', locale: 'nn' },
        w.content,
      );
      const headings = blocks.flatMap((b) => (b.kind === 'heading' ? [b.text] : []));
      expect(headings).toEqual([
        '1 Løyvingar',
        '2 Mål for 2030',
        '3 Oppdrag',
        '4 Styringskalender',
      ]);
      expect(blocks.at(-1)).toMatchObject({ kind: 'signatures', closing: 'Med helsing' });
      const read = await roundTrip(w, format);
      expect(readBackDifferences(w, read)).toEqual([]);
      expect(read.sumLines.map((s) => [s.chapter, s.amount])).toEqual([[2310, 142_750]]);
      expect(read.assignments.map((a) => a.assignedId)).toEqual(['TB2030-01', 'TB2030-02']);
      expect(read.carriedOver.map((o) => o.id)).toEqual(['TB2029-04']);
      expect(read.unparsed.map((u) => u.text)).toEqual(['Prøvedepartementet']);
    },
  );

  it('the PDF says it is in nynorsk', async () => {
    const pdf = (await buildLetterFile(letter({ content: nynorsk() }), 'pdf')).toString('latin1');
    expect(pdf).toContain('/Lang (nn-NO)');
  });

  it('a supplement in nynorsk: its changes and totals read back', async () => {
    const changes = [
      {
        chapter: 2310,
        chapterName: 'Prøvedirektoratet',
        post: 21,
        postName: 'Spesielle driftsutgifter',
        notes: ['kan overførast'],
        amount: 2_500,
      },
    ];
    const totals = [
      {
        chapter: 2310,
        post: 21,
        rows: [
          { label: 'Tildelingsbrev til Prøvedirektoratet for 2030', amount: 14_250 },
          { label: 'Tillegg til tildelingsbrev nr. 1 for 2030', amount: 2_500 },
        ],
        total: 16_750,
      },
    ];
    const content = {
      ...nynorsk(),
      subject: 'Omgruppering',
      appropriations: changes,
      goals: [],
      calendar: [],
      carriedOver: [],
    };
    content.assignments = [content.assignments[0]!];
    content.assignments[0]!.references = [];
    const w = letter({
      kind: 'supplement',
      number: 1,
      ids: issueIds(1, 'supplement', 2030, new Set(['TTB2030-01'])),
      content,
      totals,
    });
    for (const format of ['docx', 'pdf'] as const) {
      const read = await roundTrip(w, format);
      expect(readBackDifferences(w, read), format).toEqual([]);
      expect(read.title, format).toBe('Tillegg til tildelingsbrev nr. 1 for 2030 – Omgruppering');
    }
  });
});
