/**
 * Writing letters: a generated letter of about 75 printed pages (many chapters, goals and
 * assignments) laid out and written as Word and as PDF, each beside the time to build the
 * draft's JSON (validate it and serialise it) in the same run; and reading the written Word
 * file back (what issuing does). Targets are printed beside the figures.
 */
import { randomUUID } from 'node:crypto';
import { DraftContent } from '../src/contract/draft';
import { richText } from '../src/contract/rich-text';
import { issueIds } from '../src/domain/draft';
import { readLetterFile } from '../src/import/index';
import { letterDocx } from '../src/render/docx';
import { layOutLetter, letterTitle } from '../src/render/letter';
import { letterPdf } from '../src/render/pdf';
import { compare, timeMedian, type Scenario } from './harness';

const YEAR = 2031;
const sentence =
  'Direktoratet skal følge opp arbeidet i nært samarbeid med berørte etater og rapportere om framdrift, risiko og avvik i den ordinære styringsdialogen.';

/** A large letter's content: 12 chapters of 6 posts, 25 goals, 300 assignments, 40 calendar rows. */
function bigContent(): DraftContent {
  return {
    subject: '',
    preamble: richText(`${sentence} ${sentence}`),
    appropriations: Array.from({ length: 72 }, (_, i) => ({
      chapter: 2300 + Math.floor(i / 6),
      chapterName: 'Prøvedirektoratet',
      post: [1, 21, 45, 50, 70, 71][i % 6]!,
      postName: i % 6 === 0 ? 'Driftsutgifter' : 'Spesielle driftsutgifter',
      notes: i % 6 === 0 ? [] : ['kan overføres'],
      amount: 10_000 + i * 137,
    })),
    goals: Array.from({ length: 25 }, (_, i) => ({
      title: `Mål nummer ${i + 1} for tjenestene`,
      steeringParameters: ['Andel saker behandlet innen fristen', 'Brukertilfredshet'],
      keyFigures: ['Antall saker'],
    })),
    assignments: Array.from({ length: 300 }, (_, i) => ({
      key: randomUUID(),
      ownerDepartment: ['ABC', 'DEF', 'GHI'][i % 3]!,
      title: `Oppdrag om tema ${i + 1}`,
      text: richText(`${sentence} ${sentence}\n\n${sentence}`),
      deadline: i % 4 === 0 ? '' : `${(i % 27) + 1}. ${['mars', 'juni', 'oktober'][i % 3]}`,
      subAssignments:
        i % 4 === 0
          ? [
              { text: 'Utkast sendes departementet.', deadline: '15. mars' },
              { text: 'Endelig rapport leveres.', deadline: 'medio november' },
            ]
          : [],
      references: [],
      collaborators: [],
      funding: [],
    })),
    carriedOver: [],
    calendar: Array.from({ length: 40 }, (_, i) => ({
      when: `${(i % 27) + 1}. ${['februar', 'mai', 'september', 'november'][i % 4]}`,
      text: `Møte eller rapport nummer ${i + 1}`,
    })),
    assignmentChanges: [],
    signatories: [{ name: 'Per Prøve', title: 'ekspedisjonssjef' }],
    language: 'nb',
  };
}

export const renderScenario: Scenario = {
  name: 'Writing letters: Word and PDF vs building the JSON',
  async run() {
    const content = bigContent();
    const facts = {
      kind: 'allocation-letter' as const,
      year: YEAR,
      number: null,
      date: `${YEAR - 1}-12-19`,
      ministry: 'Prøvedepartementet',
      agency: 'Prøvedirektoratet',
      ids: issueIds(content.assignments.length, 'allocation-letter', YEAR, new Set()),
      totals: [],
      locale: 'nb' as const,
    };
    const meta = { title: letterTitle(facts), creator: 'bench', locale: 'nb' as const };
    const json = await timeMedian(async () => JSON.stringify(DraftContent.parse(content)), 20, 3);
    let docx: Buffer = Buffer.alloc(0);
    let pdf: Buffer = Buffer.alloc(0);
    const docxMs = await timeMedian(
      async () => (docx = await letterDocx(layOutLetter(facts, content), meta)),
      5,
      1,
    );
    const pdfMs = await timeMedian(
      async () => (pdf = await letterPdf(layOutLetter(facts, content), meta)),
      5,
      1,
    );
    const pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    const readMs = await timeMedian(
      async () => readLetterFile('brev.docx', new Uint8Array(docx)),
      5,
      1,
    );
    const baseline = { name: 'build the draft JSON', value: json };
    return [
      compare('write Word', 'ms', docxMs, baseline, {
        pages,
        kb: Math.round(docx.byteLength / 1024),
        target: '≤ 250× JSON (1 s at most)',
      }),
      compare('write PDF', 'ms', pdfMs, baseline, {
        pages,
        kb: Math.round(pdf.byteLength / 1024),
        target: '≤ 1000× JSON (3 s at most)',
      }),
      compare(
        'read the Word file back',
        'ms',
        readMs,
        { name: 'write Word', value: docxMs },
        {
          target: '≤ 3× writing',
        },
      ),
    ];
  },
};
