/**
 * What Tildel writes, Tildel reads: a letter laid out from a draft and written as Word or as
 * PDF is read back by the importer with the same appropriations, goals, assignments (IDs,
 * owners, deadlines), carried-over list, calendar, totals tables and signatories.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SUPPLEMENT_LINE_KINDS } from '../contract/enums';
import { buildLedger, findPost, readLineNote } from '../domain/ledger';
import { LOCALES } from '../locales/render';
import {
  issueIds,
  readBackDifferences,
  supplementTotals,
  type WrittenFacts,
} from '../domain/draft';
import { readLetterFile } from '../import';
import { buildDocument, buildDraftContent } from '../testing/builders';
import { buildLetterFile, buildWrittenFacts } from '../testing/letters';
import { strFromU8, unzipSync } from 'fflate';
import { richText, type RichDoc } from '../contract/rich-text';
import { itemLabel, layOutLetter, proseBlocks } from './letter';

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
      // Nothing is left unread: the ministry's name heading the letter is its letterhead.
      expect(read.unparsed.map((u) => u.text)).toEqual([]);
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
    preamble: richText(
      'Departementet har på bakgrunn av Prop. 1 S (2029–2030) fastsett tildelingsbrev for direktoratet.',
    ),
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
  content.assignments[0]!.text = richText(
    'Direktoratet skal kartleggje ventetidene i ordninga og føreslå tiltak.',
  );
  content.assignments[0]!.references = ['TB2029-02'];
  content.assignments[1]!.title = 'Rettleiar for søkjarane';
  content.assignments[1]!.text = richText('Direktoratet skal lage ein rettleiar for søkjarane.');
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
      expect(read.unparsed.map((u) => u.text)).toEqual([]);
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

describe('rich prose in a letter', () => {
  const text = (t: string, marks: ('bold' | 'italic')[] = []) => ({
    type: 'text' as const,
    text: t,
    ...(marks.length ? { marks: marks.map((type) => ({ type })) } : {}),
  });
  const item = (t: string) => ({
    type: 'listItem' as const,
    content: [{ type: 'paragraph' as const, content: [text(t)] }] as [
      { type: 'paragraph'; content: ReturnType<typeof text>[] },
    ],
  });
  /** Prose with a bold and an italic run, a bullet list and a numbered list of three. */
  const prose = (lead: string): RichDoc => ({
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          text(`${lead} skal `),
          text('særlig', ['bold']),
          text(' og '),
          text('raskt', ['italic', 'bold']),
          text(':'),
        ],
      },
      { type: 'bulletList', content: [item('kartlegge ventetidene'), item('foreslå tiltak')] },
      { type: 'paragraph', content: [text('Arbeidet gjøres i tre steg:')] },
      {
        type: 'orderedList',
        attrs: { start: 1 },
        content: [
          item('samle inn data'),
          item('analysere dem'),
          item('rapportere til departementet'),
        ],
      },
      { type: 'paragraph' },
    ],
  });

  it('lays out paragraphs with runs, bullets and numbered items', () => {
    const blocks = proseBlocks(prose('Direktoratet'));
    expect(blocks).toEqual([
      {
        kind: 'paragraph',
        text: 'Direktoratet skal særlig og raskt:',
        runs: [
          { text: 'Direktoratet skal ' },
          { text: 'særlig', bold: true },
          { text: ' og ' },
          { text: 'raskt', bold: true, italic: true },
          { text: ':' },
        ],
      },
      { kind: 'list', items: ['kartlegge ventetidene', 'foreslå tiltak'] },
      { kind: 'paragraph', text: 'Arbeidet gjøres i tre steg:' },
      {
        kind: 'list',
        items: ['samle inn data', 'analysere dem', 'rapportere til departementet'],
        numbered: { start: 1 },
      },
    ]);
    expect([1, 4, 9, 14, 40, 999].map(itemLabel)).toEqual([
      '(i)',
      '(iv)',
      '(ix)',
      '(xiv)',
      '(xl)',
      '(cmxcix)',
    ]);
  });

  it('numbers the items after an empty one as the editor shows them, and prints no empty item', async () => {
    const empty = {
      type: 'listItem' as const,
      content: [{ type: 'paragraph' as const }] as [{ type: 'paragraph' }],
    };
    const doc: RichDoc = {
      type: 'doc',
      content: [
        { type: 'bulletList', content: [item('kartlegge'), empty, item('foreslå')] },
        {
          type: 'orderedList',
          attrs: { start: 1 },
          content: [item('samle inn data'), empty, item('analysere dem'), item('rapportere')],
        },
      ],
    };
    // The editor shows (i), (ii) [empty], (iii), (iv): the letter prints (i), (iii), (iv).
    expect(proseBlocks(doc)).toEqual([
      { kind: 'list', items: ['kartlegge', 'foreslå'] },
      { kind: 'list', items: ['samle inn data'], numbered: { start: 1 } },
      { kind: 'list', items: ['analysere dem', 'rapportere'], numbered: { start: 3 } },
    ]);
    const content = buildDraftContent();
    content.assignments[0]!.text = doc;
    const w = letter({ content });
    const read = await roundTrip(w, 'pdf');
    expect(readBackDifferences(w, read)).toEqual([]);
    expect(read.assignments[0]!.text).toMatch(/\(i\) samle inn data\s+\(iii\) analysere dem/);
  });

  it.each(['docx', 'pdf'] as const)(
    'reads back as %s with no differences and no parts made of its numbered list',
    async (format) => {
      const content = buildDraftContent({ preamble: prose('Departementet') });
      content.assignments[0]!.text = prose('Direktoratet');
      content.assignments[1]!.text = prose('Direktoratet');
      const w = letter({ content });
      const read = await roundTrip(w, format);
      expect(readBackDifferences(w, read)).toEqual([]);
      // The first has no parts, the second its own two (a, b): none made of the list.
      expect(read.assignments.map((a) => a.subAssignments.map((s) => s.letter))).toEqual([
        [],
        ['a', 'b'],
      ]);
      expect(read.assignments[0]!.deadlines.map((d) => [d.appliesTo, d.date])).toEqual([
        [null, '2030-06-01'],
      ]);
      expect(read.assignments[0]!.text).toContain('særlig og raskt');
      expect(read.assignments[0]!.text).toContain('kartlegge ventetidene');
      if (format === 'docx') {
        const file = await buildLetterFile(w, 'docx');
        const xml = strFromU8(unzipSync(new Uint8Array(file))['word/document.xml']!);
        expect(xml).toMatch(/<w:b\/>.*særlig/);
        expect(xml).toMatch(/<w:i\/>.*raskt/);
        const numbering = strFromU8(unzipSync(new Uint8Array(file))['word/numbering.xml']!);
        expect(numbering).toContain('lowerRoman');
      } else {
        // The numbered items print their labels; the italic and bold faces are embedded.
        expect(read.assignments[0]!.text).toMatch(/\(i\) samle inn data/);
        const pdf = (await buildLetterFile(w, 'pdf')).toString('latin1');
        expect(pdf).toMatch(/Inter-?Italic|Inter.*Italic/);
        expect(pdf).toMatch(/\/S \/L\b/);
      }
    },
  );
});

describe("a supplement's kinds, reasons and changes of earlier assignments read back", () => {
  const base = buildDraftContent();
  const changes = (language: 'nb' | 'nn') =>
    buildDraftContent({
      language,
      goals: [],
      calendar: [],
      appropriations: [
        {
          ...base.appropriations[2]!,
          amount: 2_500,
          kind: 'revised-budget',
          // Long enough to wrap in the PDF's name column.
          reason:
            'Økt aktivitet i prøveordningen etter Stortingets vedtak om ny innretning, med flere søknader fra kommunene og et nytt tilskudd til opplæring av saksbehandlere',
        },
        { ...base.appropriations[0]!, amount: -1_200, kind: 'regrouping' },
        {
          ...base.appropriations[1]!,
          amount: 1_200,
          kind: 'post-transfer',
          reason: 'Midler flyttes fra post 01',
        },
      ],
      assignments: [base.assignments[0]!],
      assignmentChanges: [
        {
          key: randomUUID(),
          ref: 'TB2030-03',
          kind: 'deadline',
          text: 'Fristen flyttes fordi datagrunnlaget kommer senere.',
          deadline: '1. desember',
        },
        {
          key: randomUUID(),
          ref: 'TB2030-04',
          kind: 'cancellation',
          // Nothing more to say: the title closes the item.
          text: '',
          deadline: '',
        },
        {
          key: randomUUID(),
          ref: 'TB2029-07',
          kind: 'clarification',
          text: 'Kartleggingen skal også omfatte søknader fra utlandet.\n\nDet skal rapporteres i årsrapporten.',
          deadline: '',
        },
      ],
      carriedOver: [{ id: 'TB2029-04', title: 'Evaluere ordningen' }],
    });
  const totals = (c: ReturnType<typeof changes>) =>
    supplementTotals(
      { documents: [{ title: 'Tildelingsbrev' }], expenses: [], income: [] } as never,
      c.appropriations,
      'Tillegg til tildelingsbrev nr. 2 for 2030',
    );

  for (const language of ['nb', 'nn'] as const) {
    it.each(['docx', 'pdf'] as const)(`in ${language} as %s, item for item`, async (format) => {
      const content = changes(language);
      const w = letter({
        kind: 'supplement',
        number: 2,
        ids: issueIds(1, 'supplement', 2030, new Set()),
        content,
        totals: totals(content),
      });
      const read = await roundTrip(w, format);
      expect(readBackDifferences(w, read)).toEqual([]);
      expect(read.appropriations.map((a) => readLineNote(a.comment))).toEqual([
        {
          kind: 'revised-budget',
          reason:
            'Økt aktivitet i prøveordningen etter Stortingets vedtak om ny innretning, med flere søknader fra kommunene og et nytt tilskudd til opplæring av saksbehandlere',
        },
        { kind: 'regrouping', reason: '' },
        { kind: 'post-transfer', reason: 'Midler flyttes fra post 01' },
      ]);
      // The changes are read as changes of the assignments they name, not as new ones.
      expect(read.assignments.map((a) => [a.assignedId, a.clarifies, a.change ?? null])).toEqual([
        ['TTB2030-01', null, null],
        ['TB2030-03', 'TB2030-03', 'deadline'],
        ['TB2030-04', 'TB2030-04', 'cancellation'],
        ['TB2029-07', 'TB2029-07', 'clarification'],
      ]);
      expect(read.assignments[1]!.deadlines.flatMap((d) => (d.date ? [d.date] : []))).toEqual([
        '2030-12-01',
      ]);
      expect(read.assignments[3]!.text).toMatch(/utlandet\. Det skal rapporteres/);
      expect(read.carriedOver.map((o) => o.id)).toEqual(['TB2029-04']);
      // The ledger reads each line's kind from it.
      const ledger = buildLedger([buildDocument({ agency: read.agency, year: 2030 }), read]);
      expect([70, 1, 21].map((post) => findPost(ledger, 2310, post)?.entries.at(-1)?.kind)).toEqual(
        ['revised-budget', 'regrouping', 'post-transfer'],
      );
    });
  }

  it('names a change that reads back as another kind, and a kind or reason that differs', async () => {
    const content = changes('nb');
    const w = letter({
      kind: 'supplement',
      number: 2,
      ids: issueIds(1, 'supplement', 2030, new Set()),
      content,
      totals: totals(content),
    });
    const read = await roundTrip(w);
    const other = structuredClone(content);
    other.assignmentChanges[1]!.kind = 'clarification';
    other.appropriations[1]!.kind = 'carry-over';
    other.appropriations[2]!.reason = 'Noe annet';
    expect(readBackDifferences({ ...w, content: other }, read)).toEqual([
      expect.stringMatching(/^appropriation notes: wrote .*"carry-over".*"Noe annet"/),
      expect.stringMatching(/^assignment changes: wrote .*\["TB2030-04","clarification",\[\]\]/),
    ]);
  });

  it('words every kind as the ledger reads it, in bokmål and nynorsk', () => {
    for (const code of ['nb', 'nn'] as const) {
      for (const kind of SUPPLEMENT_LINE_KINDS) {
        const word = LOCALES[code].letter[`lineKind.${kind}`];
        expect(readLineNote(`${word}: Grunn`), `${code} ${word}`).toEqual({
          kind,
          reason: 'Grunn',
        });
        expect(readLineNote(`${word}.`), `${code} ${word}`).toEqual({ kind, reason: '' });
      }
    }
  });

  it('prints no notes column for a supplement whose lines have none, nor changes in a letter', () => {
    const plain = buildDraftContent({ assignmentChanges: changes('nb').assignmentChanges });
    const facts = { ...letter(), ministry: 'Prøvedepartementet', locale: 'nb' as const };
    const blocks = layOutLetter({ ...facts, kind: 'supplement', number: 1 }, plain);
    expect(blocks.find((b) => b.kind === 'table')).toMatchObject({
      header: ['Post', 'Betegnelse', '2030'],
    });
    expect(layOutLetter(facts, plain).some((b) => 'text' in b && /TB2030-03/.test(b.text))).toBe(
      false,
    );
  });
});

describe('a supplement with no money reads back the agency it is addressed to', () => {
  const base = buildDraftContent();
  /** A supplement with no money lines, hence no totals tables naming the agency. */
  const moneyless = (
    what: 'deadline' | 'assignment',
    language: 'nb' | 'nn',
  ): WrittenFacts['content'] =>
    buildDraftContent({
      language,
      preamble: richText('Departementet gjør følgende endringer i årets oppdrag.'),
      appropriations: [],
      goals: [],
      calendar: [],
      carriedOver: [],
      assignments: what === 'assignment' ? [base.assignments[0]!] : [],
      assignmentChanges:
        what === 'deadline'
          ? [
              {
                key: randomUUID(),
                ref: 'TB2030-03',
                kind: 'deadline',
                text: 'Datagrunnlaget kommer senere enn ventet.',
                deadline: '1. desember',
              },
            ]
          : [],
    });

  // An agency named by no pattern the importer knows, beside one that is.
  for (const agency of ['Prøvedirektoratet', 'Senter for prøving og måling']) {
    for (const what of ['deadline', 'assignment'] as const) {
      for (const language of ['nb', 'nn'] as const) {
        it.each(['docx', 'pdf'] as const)(
          `only ${what === 'deadline' ? 'a deadline change' : 'a new assignment'}, ${agency}, ${language}, as %s`,
          async (format) => {
            const w = letter({
              kind: 'supplement',
              number: 3,
              agency,
              ids: issueIds(what === 'assignment' ? 1 : 0, 'supplement', 2030, new Set()),
              content: moneyless(what, language),
              totals: [],
            });
            const read = await roundTrip(w, format);
            expect(readBackDifferences(w, read)).toEqual([]);
            expect(read.agency).toBe(agency);
            expect(read.title).toBe('Tillegg til tildelingsbrev nr. 3 for 2030');
            // The address block is the letterhead's, not text left unread.
            const unread = read.unparsed.map((u) => u.text);
            expect(unread).not.toContain(agency);
            expect(unread).not.toContain(LOCALES[language].letter.addressee);
          },
        );
      }
    }
  }

  it('prints no appropriations or totals for a supplement without money', () => {
    const facts = { ...letter(), ministry: 'Prøvedepartementet', locale: 'nb' as const };
    const blocks = layOutLetter(
      { ...facts, kind: 'supplement', number: 3, totals: [] },
      moneyless('deadline', 'nb'),
    );
    expect(blocks.filter((b) => b.kind === 'table')).toEqual([]);
    expect(blocks.flatMap((b) => (b.kind === 'heading' ? [b.text] : []))).toEqual(['1 Oppdrag']);
    expect(blocks.some((b) => 'text' in b && /Oversikt over tildeling/.test(b.text))).toBe(false);
  });
});

describe("an assignment's collaborators and funding read back", () => {
  /** A content whose two assignments name collaborators and funding (written for this test). */
  function withDetails(language: 'nb' | 'nn') {
    const content = language === 'nn' ? nynorsk() : buildDraftContent();
    // The first: two collaborators (a state body of the data file, a name of capitalised words)
    // and a post; the second: three and a whole chapter beside a post.
    content.assignments[0]!.collaborators = ['Helsedirektoratet', 'Prøvesenteret Vest'];
    content.assignments[0]!.funding = [{ chapter: 2310, post: 1 }];
    content.assignments[1]!.collaborators = [
      'Direktoratet for medisinske produkter',
      'Statens vegvesen',
      'Statsforvalteren i Vestland',
    ];
    content.assignments[1]!.funding = [
      { chapter: 2310, post: 21 },
      { chapter: 2311, post: null },
    ];
    return content;
  }

  it.each([
    ['nb', 'docx'],
    ['nb', 'pdf'],
    ['nn', 'docx'],
    ['nn', 'pdf'],
  ] as const)(
    'in %s as %s: every name and chapter/post, for its own assignment',
    async (language, format) => {
      const w = letter({ content: withDetails(language) });
      const read = await roundTrip(w, format);
      expect(readBackDifferences(w, read)).toEqual([]);
      expect(read.assignments.map((a) => [a.collaborators, a.funding])).toEqual([
        [['Helsedirektoratet', 'Prøvesenteret Vest'], [{ chapter: 2310, post: 1 }]],
        [
          [
            'Direktoratet for medisinske produkter',
            'Statens vegvesen',
            'Statsforvalteren i Vestland',
          ],
          [
            { chapter: 2310, post: 21 },
            { chapter: 2311, post: null },
          ],
        ],
      ]);
    },
  );

  it('prints one sentence per kind after the text, before the deadline and the parts', () => {
    const w = letter({ content: withDetails('nn') });
    const blocks = layOutLetter({ ...w, ministry: 'Prøvedepartementet', locale: 'nn' }, w.content);
    const texts = blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
    const at = (s: string) => texts.indexOf(s);
    const names =
      'Oppdraget skal løysast i samarbeid med Direktoratet for medisinske produkter, Statens vegvesen og Statsforvalteren i Vestland.';
    const funding = 'Oppdraget blir finansiert over kap. 2310, post 21 og kap. 2311.';
    expect(at(names)).toBeGreaterThan(at('Direktoratet skal lage ein rettleiar for søkjarane.'));
    expect(at(funding)).toBe(at(names) + 1);
    expect(texts[at(funding) + 1]).toMatch(/^a\) /);
    const nb = withDetails('nb');
    const nbTexts = layOutLetter({ ...w, ministry: 'P', locale: 'nb' }, nb).flatMap((b) =>
      b.kind === 'paragraph' ? [b.text] : [],
    );
    expect(nbTexts).toContain(
      'Oppdraget skal løses i samarbeid med Helsedirektoratet og Prøvesenteret Vest.',
    );
    expect(nbTexts).toContain('Oppdraget finansieres over kap. 2310, post 01.');
  });

  it('names a collaborator the importer reads otherwise, and a funding line it does not read', async () => {
    const content = withDetails('nb');
    content.assignments[0]!.collaborators = ['Helsedirektoratet', 'Senter for prøving'];
    content.assignments[1]!.funding = [{ chapter: 20, post: 1 }];
    const w = letter({ content });
    expect(readBackDifferences(w, await roundTrip(w))).toEqual([
      'collaborators of TB2030-01: wrote ["Senter for prøving"], not read back',
      'funding of TB2030-02: wrote ["20.1"], not read back',
    ]);
  });
});
