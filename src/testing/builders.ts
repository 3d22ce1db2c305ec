/**
 * Builders for tests: valid domain objects with unique identities, overriding only what a test
 * cares about. Pure (no database); src/testing/factories.ts stores them.
 */
import { randomUUID } from 'node:crypto';
import type { DraftContent } from '../contract/draft';
import { richText } from '../contract/rich-text';
import type { Assignment, ExtractedDocument } from '../contract/letter';

let counter = 0;
export const unique = () => `${++counter}-${randomUUID().slice(0, 8)}`;
const at = (startLine: number, endLine = startLine) => ({ startLine, endLine });

export function buildAssignment(overrides: Partial<Assignment> = {}): Assignment {
  return {
    id: null,
    assignedId: 'TB2030-01',
    ownerDepartment: 'FHA',
    title: 'Utrede en ny ordning',
    text: 'Direktoratet skal utrede en ny tilskuddsordning for kommunene.',
    deadlines: [
      {
        date: '2030-05-01',
        text: 'innen 1. mai 2030',
        appliesTo: null,
        value: { kind: 'exact', date: '2030-05-01' },
      },
    ],
    subAssignments: [],
    collaborators: [],
    references: [],
    funding: [],
    section: null,
    background: null,
    clarifies: null,
    provenance: at(20, 22),
    ...overrides,
  };
}

export function buildDocument(overrides: Partial<ExtractedDocument> = {}): ExtractedDocument {
  const id = unique();
  return {
    kind: 'allocation-letter',
    identity: 'title',
    number: null,
    year: 2030,
    title: `Tildelingsbrev til Testetaten ${id} for 2030`,
    ministry: 'Testdepartementet',
    ministryOrgNr: null,
    agency: `Testetaten ${id}`,
    date: '2030-01-10',
    legalBasis: ['Prop. 1 S (2029–2030)'],
    signatories: [{ name: 'Kari Nordmann', title: 'ekspedisjonssjef' }],
    preamble: null,
    priorities: [],
    reportingRequirements: [],
    appropriations: [
      {
        chapter: 700,
        chapterName: 'Testetaten',
        post: 1,
        postName: 'Driftsutgifter',
        notes: [],
        amount: 150_000,
        previousYearAmount: null,
        comment: null,
        provenance: at(10),
      },
    ],
    sumLines: [],
    earmarks: [],
    budgetAuthorities: [],
    goals: [],
    steeringParameters: [],
    assignments: [buildAssignment()],
    carriedOver: [],
    commonRequirements: [],
    calendar: [],
    mandates: [],
    totalsClaimed: [],
    provenance: at(1, 40),
    unparsed: [],
    coverage: { nonBlankLines: 40, attributedLines: 40, ratio: 1 },
    warnings: [],
    ...overrides,
  };
}

/** A draft's content with an item of each kind (facts written for Tildel's tests). */
export function buildDraftContent(overrides: Partial<DraftContent> = {}): DraftContent {
  return {
    subject: '',
    preamble: richText(
      'Departementet har på bakgrunn av Prop. 1 S (2029–2030) fastsatt tildelingsbrev for direktoratet.',
    ),
    appropriations: [
      {
        chapter: 2310,
        chapterName: 'Prøvedirektoratet',
        post: 1,
        postName: 'Driftsutgifter',
        notes: [],
        amount: 120_500,
      },
      {
        chapter: 2310,
        chapterName: 'Prøvedirektoratet',
        post: 21,
        postName: 'Spesielle driftsutgifter',
        notes: ['kan overføres'],
        amount: 14_250,
      },
      {
        chapter: 2310,
        chapterName: 'Prøvedirektoratet',
        post: 70,
        postName: 'Tilskudd til kommuner',
        notes: ['kan overføres', 'kan nyttes under post 21'],
        amount: 8_000,
      },
    ],
    goals: [
      {
        title: 'Innbyggerne får raske og riktige svar',
        steeringParameters: ['Saksbehandlingstid for søknader'],
        keyFigures: ['Antall behandlede søknader'],
      },
    ],
    assignments: [
      {
        key: randomUUID(),
        ownerDepartment: 'ABC',
        title: 'Kartlegge ventetider',
        text: richText('Direktoratet skal kartlegge ventetidene i ordningen og foreslå tiltak.'),
        deadline: '1. juni',
        subAssignments: [],
        references: [],
        collaborators: [],
        funding: [],
      },
      {
        key: randomUUID(),
        ownerDepartment: 'DEF',
        title: 'Veileder for søkerne',
        text: richText('Direktoratet skal lage en veileder for søkerne.'),
        deadline: '',
        subAssignments: [
          { text: 'Utkast sendes departementet.', deadline: '15. mars' },
          { text: 'Endelig veileder publiseres.', deadline: 'medio oktober' },
        ],
        references: [],
        collaborators: [],
        funding: [],
      },
    ],
    carriedOver: [],
    calendar: [
      { when: '1. mars', text: 'Årsrapport sendes departementet' },
      { when: '15. oktober', text: 'Etatsstyringsmøte' },
    ],
    assignmentChanges: [],
    signatories: [{ name: 'Per Prøve', title: 'ekspedisjonssjef' }],
    language: 'nb',
    ...overrides,
  };
}

/**
 * The lines of a short allocation letter for 2031 with `section` as its body (an intro before
 * it, a signature after it): for tests of one reader of the importer.
 */
export function letterLines(...section: string[]): string[] {
  return [
    'Tildelingsbrev til Prøvedirektoratet for 2031',
    '',
    'Innledning',
    'Prøvedepartementet gir med dette Prøvedirektoratet midler og oppdrag for 2031.',
    '',
    ...section,
    '',
    'Med hilsen',
    '',
    'Kari Nordmann',
  ];
}
