/**
 * A realistic national dataset, deterministic for a seed (`tildel dev generate`, docs/scale.md):
 * ministries with departments and users, agencies with a chapter each, and per agency and
 * year an allocation letter (30–110 assignments, most near 30), 0–12 supplements (money on
 * a change table, some new assignments, a few stored twice: an earlier version kept), the
 * calendar, reports made from its reporting items, and each assignment's history (owner,
 * progress, status through the lifecycle) up to `asOf`.
 *
 * Pure: rows as the tables' Drizzle insert types, built the way the import stores a letter
 * (src/services/import.ts): the document's `extracted` reading and the rows agree, so the
 * ledger, the register and the reports read them as they read an imported letter. The
 * writer (./copy.ts) sends them with COPY.
 */
import { createHash } from 'node:crypto';
import type { ExtractedDocument, Assignment as ExtractedAssignment } from '../../contract/letter';
import type { ReportContent } from '../../contract/report';
import type { AssignmentStatus, Progress } from '../../contract/enums';
import { canonicalJson } from '../../domain/canonical-json';
import { calendarReportKey } from '../../domain/report';
import {
  appropriationRows,
  calendarRows,
  deadlineRows,
  goalRows,
  span as lineSpan,
  steeringParameterRows,
  subAssignmentRows,
  sumLineRows,
} from '../reading-rows';
import type * as schema from '../schema';
import { Rng } from './random';

export interface NationalOptions {
  ministries: number;
  agencies: number;
  years: number;
  /** The last budget year (default: the year of `asOf`). */
  lastYear: number;
  /** The day the history runs up to (YYYY-MM-DD): later deadlines are still open. */
  asOf: string;
  seed: number;
}

/** The size the load bench measures (issue 16). */
export const NATIONAL_SIZE = { ministries: 15, agencies: 250, years: 15 } as const;

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];

/** Rows of one batch, per table, in an order the foreign keys accept. */
export interface Batch {
  organisations: Insert<typeof schema.organisations>[];
  departments: Insert<typeof schema.departments>[];
  users: Insert<typeof schema.users>[];
  sourceFiles: Insert<typeof schema.sourceFiles>[];
  documents: Insert<typeof schema.documents>[];
  appropriationLines: Insert<typeof schema.appropriationLines>[];
  sumLines: Insert<typeof schema.sumLines>[];
  goals: Insert<typeof schema.goals>[];
  steeringParameters: Insert<typeof schema.steeringParameters>[];
  calendarItems: Insert<typeof schema.calendarItems>[];
  assignments: Insert<typeof schema.assignments>[];
  assignmentDeadlines: Insert<typeof schema.assignmentDeadlines>[];
  subAssignments: Insert<typeof schema.subAssignments>[];
  carriedOver: Insert<typeof schema.carriedOver>[];
  assignmentEvents: Insert<typeof schema.assignmentEvents>[];
  reports: Insert<typeof schema.reports>[];
  reportVersions: Insert<typeof schema.reportVersions>[];
}

/** The tables in the order they are written (parents first). */
export const BATCH_TABLES = [
  'organisations',
  'departments',
  'users',
  'sourceFiles',
  'documents',
  'appropriationLines',
  'sumLines',
  'goals',
  'steeringParameters',
  'calendarItems',
  'assignments',
  'assignmentDeadlines',
  'subAssignments',
  'carriedOver',
  'assignmentEvents',
  'reports',
  'reportVersions',
] as const satisfies readonly (keyof Batch)[];

const emptyBatch = (): Batch =>
  Object.fromEntries(BATCH_TABLES.map((t) => [t, []])) as unknown as Batch;

/** The title every generated report the deadline rush submits carries (see bench/scale.ts). */
export const RUSH_REPORT_TEXT = 'Rapport for 2. tertial';

const SYSTEM = { kind: 'system' as const, id: 'generator' };
/** Subjects of generated users: `oidc:{issuer}|{sub}`, as a provider's users are stored. */
export const GENERATED_ISSUER = 'https://generator.tildel.invalid';

const MINISTRY_NAMES = [
  ['Helse- og omsorgsdepartementet', 'HOD'],
  ['Kunnskapsdepartementet', 'KD'],
  ['Klima- og miljødepartementet', 'KLD'],
  ['Justis- og beredskapsdepartementet', 'JD'],
  ['Kommunal- og distriktsdepartementet', 'KDD'],
  ['Nærings- og fiskeridepartementet', 'NFD'],
  ['Samferdselsdepartementet', 'SD'],
  ['Kultur- og likestillingsdepartementet', 'KUD'],
  ['Arbeids- og inkluderingsdepartementet', 'AID'],
  ['Landbruks- og matdepartementet', 'LMD'],
  ['Barne- og familiedepartementet', 'BFD'],
  ['Finansdepartementet', 'FIN'],
  ['Energidepartementet', 'ED'],
  ['Digitaliseringsdepartementet', 'DFD'],
  ['Forsvarsdepartementet', 'FD'],
] as const;

const AGENCY_STEMS = [
  'direktoratet for',
  'tilsynet for',
  'senteret for',
  'etaten for',
  'instituttet for',
  'kontoret for',
  'nemnda for',
  'verket for',
];
const FIELDS = [
  'helse',
  'utdanning',
  'miljø',
  'beredskap',
  'kyst',
  'fiske',
  'vei',
  'jernbane',
  'kultur',
  'arbeid',
  'landbruk',
  'familie',
  'skatt',
  'energi',
  'digitalisering',
  'statistikk',
  'forskning',
  'integrering',
  'sikkerhet',
  'mattrygghet',
  'legemidler',
  'havbruk',
  'kulturminner',
  'forbruker',
  'luftfart',
];
const VERBS = [
  'Utrede',
  'Evaluere',
  'Kartlegge',
  'Utvikle',
  'Gjennomgå',
  'Etablere',
  'Videreutvikle',
  'Innføre',
  'Forenkle',
  'Styrke',
];
const TOPICS = [
  'tilskuddsordningen for kystkommuner',
  'veilederen for saksbehandling',
  'digitale tjenester for innbyggere',
  'beredskapsplanen for kriser',
  'statistikken over ventetider',
  'regelverket for tilsyn',
  'samarbeidet med kommunene',
  'kompetansetiltak for ansatte',
  'datadeling mellom etater',
  'klimatilpasning i forvaltningen',
  'informasjonssikkerheten',
  'brukerundersøkelsen',
  'ordningen med refusjon',
  'registerforvaltningen',
  'personvernet i løsningene',
  'kvalitetssystemet',
  'ressursbruken i regionene',
  'tiltak mot arbeidslivskriminalitet',
  'kunnskapsgrunnlaget for prioritering',
  'rapporteringen av nøkkeltall',
];
const GOALS = [
  'Effektiv og brukerrettet forvaltning',
  'God kvalitet i tjenestene',
  'Trygg og sikker samfunnsutvikling',
  'Et godt kunnskapsgrunnlag',
  'Bærekraftig ressursbruk',
];
const PARAMETERS = [
  'Saksbehandlingstid i dager',
  'Andel digitale søknader',
  'Brukertilfredshet i prosent',
  'Andel tilsyn gjennomført som planlagt',
  'Antall veiledningssaker',
  'Andel datasett publisert med åpen lisens',
];
const POSTS = [
  { post: 1, postName: 'Driftsutgifter', notes: [] as string[] },
  { post: 21, postName: 'Spesielle driftsutgifter', notes: ['kan overføres'] },
  { post: 45, postName: 'Større utstyrsanskaffelser og vedlikehold', notes: ['kan overføres'] },
  { post: 70, postName: 'Tilskudd', notes: ['kan overføres'] },
];
const FIRST = ['Kari', 'Ola', 'Ingrid', 'Lars', 'Sigrid', 'Nils', 'Marit', 'Anders', 'Hanne'];
const LAST = ['Nordmann', 'Hansen', 'Johansen', 'Olsen', 'Larsen', 'Berg', 'Haugen', 'Bakke'];
const MONTHS = [
  'januar',
  'februar',
  'mars',
  'april',
  'mai',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'desember',
];

const pad2 = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad2(m)}-${pad2(d)}`;
const phraseOf = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `innen ${d}. ${MONTHS[m - 1]} ${y}`;
};
/** A moment on a day (Oslo working hours as UTC), `minutes` into it. */
const at = (date: string, minutes: number) =>
  new Date(Date.parse(`${date}T07:00:00Z`) + minutes * 60_000);
const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (date: string, days: number) =>
  dayOf(new Date(Date.parse(date) + days * 86_400_000));
const span = (startLine: number, endLine = startLine) => ({ startLine, endLine });
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

interface Ministry {
  id: string;
  name: string;
  short: string;
  departments: string[];
  officers: Map<string, string>;
  budgetOfficer: string;
}

interface Agency {
  index: number;
  id: string;
  name: string;
  ministry: Ministry;
  chapter: number;
  firstYear: number;
  coordinator: string;
  owners: string[];
}

/** Counts of what was generated, per table. */
export type Counts = Record<keyof Batch, number>;

/**
 * The dataset as batches: first the organisations and users, then one batch per agency (all
 * its years). Deterministic: the same options give the same rows, ids included.
 */
export function* generateNational(opts: NationalOptions): Generator<Batch> {
  if (opts.ministries < 1 || opts.agencies < opts.ministries || opts.years < 1) {
    throw new Error('need at least one ministry, one agency per ministry and one year');
  }
  const root = new Rng(`tildel-national:${opts.seed}`);
  const first = emptyBatch();
  const ministries: Ministry[] = [];
  const created = at(`${opts.lastYear - opts.years}-12-01`, 0);
  for (let m = 0; m < opts.ministries; m++) {
    const rng = root.fork(`ministry:${m}`);
    const [baseName, baseShort] = MINISTRY_NAMES[m % MINISTRY_NAMES.length]!;
    const round = Math.floor(m / MINISTRY_NAMES.length);
    const name = round === 0 ? baseName : `${baseName} ${round + 1}`;
    const short = round === 0 ? baseShort : `${baseShort}${round + 1}`;
    const id = rng.uuid();
    first.organisations.push({
      id,
      kind: 'ministry',
      name,
      shortName: short,
      orgNr: null,
      parentId: null,
      createdAt: created,
    });
    const departments = Array.from({ length: rng.int(3, 6) }, (_, d) => `${short}A${d + 1}`);
    const ministry: Ministry = {
      id,
      name,
      short,
      departments,
      officers: new Map(),
      budgetOfficer: '',
    };
    for (const code of departments) {
      first.departments.push({ id: rng.uuid(), ministryId: id, code, name: `Avdeling ${code}` });
      const user = rng.uuid();
      ministry.officers.set(code, user);
      first.users.push(
        userRow(user, `${short}-${code}`, personName(rng), id, ['ministry-department-officer'], {
          departmentCode: code,
          createdAt: created,
        }),
      );
    }
    ministry.budgetOfficer = rng.uuid();
    first.users.push(
      userRow(ministry.budgetOfficer, `${short}-budsjett`, personName(rng), id, [
        'ministry-budget-officer',
      ]),
      userRow(rng.uuid(), `${short}-leser`, personName(rng), id, ['ministry-reader']),
    );
    ministries.push(ministry);
  }
  const agencies: Agency[] = [];
  const perMinistry = new Map<string, number>();
  for (let a = 0; a < opts.agencies; a++) {
    const rng = root.fork(`agency:${a}`);
    // Uneven: the first ministries have more agencies, as the large ones do.
    const ministry =
      a < opts.ministries
        ? ministries[a]!
        : ministries[Math.floor(opts.ministries * rng.next() ** 1.6)]!;
    const k = perMinistry.get(ministry.id) ?? 0;
    perMinistry.set(ministry.id, k + 1);
    const field = FIELDS[a % FIELDS.length]!;
    const stem = AGENCY_STEMS[Math.floor(a / FIELDS.length) % AGENCY_STEMS.length]!;
    const round = Math.floor(a / (FIELDS.length * AGENCY_STEMS.length));
    const name = `${capital(`${stem.split(' ')[0]!}`)} ${stem.slice(stem.indexOf(' ') + 1)} ${field}${round > 0 ? ` ${round + 1}` : ''} (${ministry.short})`;
    const id = rng.uuid();
    first.organisations.push({
      id,
      kind: 'agency',
      name,
      shortName: null,
      orgNr: null,
      parentId: ministry.id,
      createdAt: created,
    });
    // Each ministry's chapters from 200 + 400·m, five apart (income chapters are + 3000).
    const chapter = 200 + 400 * ministries.indexOf(ministry) + 5 * k;
    // One agency in ten is founded during the period.
    const firstYear =
      rng.chance(0.1) && opts.years > 2
        ? opts.lastYear - opts.years + 1 + rng.int(1, opts.years - 1)
        : opts.lastYear - opts.years + 1;
    const coordinator = rng.uuid();
    const short = `v${a + 1}`;
    first.users.push(
      userRow(coordinator, `${short}-koordinator`, personName(rng), id, ['agency-coordinator']),
      userRow(rng.uuid(), `${short}-leder`, personName(rng), id, ['agency-head']),
    );
    const owners = Array.from({ length: rng.int(2, 8) }, (_, o) => {
      const user = rng.uuid();
      first.users.push(
        userRow(user, `${short}-ansvarlig-${o + 1}`, personName(rng), id, [
          'agency-assignment-owner',
        ]),
      );
      return user;
    });
    agencies.push({ index: a, id, name, ministry, chapter, firstYear, coordinator, owners });
  }
  yield first;
  for (const agency of agencies)
    yield agencyBatch(opts, agency, root.fork(`years:${agency.index}`));
}

function capital(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function personName(rng: Rng) {
  return `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
}

function userRow(
  id: string,
  key: string,
  name: string,
  organisationId: string,
  roles: string[],
  extra: Partial<Insert<typeof schema.users>> = {},
): Insert<typeof schema.users> {
  return {
    id,
    subject: `oidc:${GENERATED_ISSUER}|${key}`,
    name,
    email: `${key}@generert.invalid`,
    organisationId,
    roles,
    mailOff: true,
    weeklyDigest: false,
    departmentCode: null,
    createdAt: new Date(Date.UTC(2000, 0, 1)),
    ...extra,
  };
}

/** The lines of a document's text, with the line each item starts on. */
class Text {
  lines: string[] = [];
  add(line: string): number {
    this.lines.push(line);
    return this.lines.length;
  }
}

interface PostState {
  chapter: number;
  post: number;
  postName: string;
  total: number;
}

function agencyBatch(opts: NationalOptions, agency: Agency, rng: Rng): Batch {
  const out = emptyBatch();
  /** Assignments carried over into next year: id, register ID, title. */
  let carried: Array<{ id: string; registerId: string; title: string }> = [];
  for (let year = agency.firstYear; year <= opts.lastYear; year++) {
    carried = agencyYear(opts, agency, year, rng.fork(year), out, carried);
  }
  return out;
}

function baseDocument(
  agency: Agency,
  year: number,
  kind: ExtractedDocument['kind'],
  number: number | null,
  title: string,
  date: string,
): ExtractedDocument {
  return {
    kind,
    identity: 'title',
    number,
    year,
    title,
    ministry: agency.ministry.name,
    ministryOrgNr: null,
    agency: agency.name,
    date,
    legalBasis: [
      `Prop. 1 S (${year - 1}–${year})`,
      `Innst. ${agency.index + 1} S (${year - 1}–${year})`,
    ],
    signatories: [{ name: 'Kari Nordmann', title: 'ekspedisjonssjef' }],
    preamble: null,
    priorities: [],
    reportingRequirements: [],
    appropriations: [],
    sumLines: [],
    earmarks: [],
    budgetAuthorities: [],
    goals: [],
    steeringParameters: [],
    assignments: [],
    carriedOver: [],
    commonRequirements: [],
    calendar: [],
    mandates: [],
    totalsClaimed: [],
    provenance: span(1),
    unparsed: [],
    coverage: { nonBlankLines: 1, attributedLines: 1, ratio: 1 },
    warnings: [],
  };
}

interface Stored {
  documentId: string;
  assignments: Insert<typeof schema.assignments>[];
  calendar: Insert<typeof schema.calendarItems>[];
}

/** The document's rows as the import stores them (its extracted reading and what it holds). */
function storeDocument(
  out: Batch,
  rng: Rng,
  agency: Agency,
  doc: ExtractedDocument,
  text: Text,
  meta: { version: number; isCurrent: boolean; status: 'draft' | 'shared' | 'published' },
  carriedTargets: Map<string, string>,
): Stored {
  const body = text.lines.join('\n');
  doc.provenance = span(1, text.lines.length);
  const nonBlank = text.lines.filter((l) => l.trim() !== '').length;
  doc.coverage = { nonBlankLines: nonBlank, attributedLines: nonBlank, ratio: 1 };
  const documentId = rng.uuid();
  const sourceFileId = rng.uuid();
  const createdAt = at(doc.date!, 60);
  out.sourceFiles.push({
    id: sourceFileId,
    name: `${doc.kind === 'supplement' ? `tillegg-${doc.number}` : 'tildelingsbrev'}-${doc.year}-${agency.index + 1}-v${meta.version}.txt`,
    sha256: sha(`${documentId}\n${body}`),
    format: 'txt',
    sizeBytes: Buffer.byteLength(body),
    pages: Math.max(1, Math.ceil(text.lines.length / 45)),
    text: body,
    importedByKind: SYSTEM.kind,
    importedById: SYSTEM.id,
    createdAt,
  });
  out.documents.push({
    id: documentId,
    agencyId: agency.id,
    ministryId: agency.ministry.id,
    kind: doc.kind,
    number: doc.number ?? 0,
    year: doc.year,
    seriesKey: [agency.ministry.id, agency.id, doc.year, doc.kind, doc.number ?? 0].join('|'),
    version: meta.version,
    isCurrent: meta.isCurrent,
    title: doc.title,
    agencyName: agency.name,
    ministryName: agency.ministry.name,
    date: doc.date,
    legalBasis: doc.legalBasis,
    signatories: doc.signatories,
    status: meta.status,
    sourceFileId,
    lineStart: 1,
    lineEnd: text.lines.length,
    body,
    coverage: 1,
    unparsed: [],
    warnings: [],
    extracted: doc,
    createdByKind: SYSTEM.kind,
    createdById: SYSTEM.id,
    createdAt,
  });
  const withIds = <T>(rows: T[]) => rows.map((r) => ({ id: rng.uuid(), ...r }));
  out.appropriationLines.push(...withIds(appropriationRows(documentId, doc)));
  out.sumLines.push(...withIds(sumLineRows(documentId, doc)));
  out.goals.push(...withIds(goalRows(documentId, doc)));
  out.steeringParameters.push(...withIds(steeringParameterRows(documentId, doc)));
  const calendar = withIds(calendarRows(documentId, doc));
  out.calendarItems.push(...calendar);
  const rows: Insert<typeof schema.assignments>[] = [];
  doc.assignments.forEach((a, ord) => {
    const id = rng.uuid();
    rows.push({
      id,
      documentId,
      agencyId: agency.id,
      year: doc.year,
      ord,
      printedId: a.id,
      registerId: a.assignedId,
      idAssigned: a.id === null,
      ownerDepartment: a.ownerDepartment,
      title: a.title,
      body: a.text,
      section: a.section,
      clarifies: a.clarifies,
      status: 'planned',
      ownerUserId: null,
      progress: null,
      progressReason: null,
      version: 1,
      createdAt,
      ...lineSpan(a.provenance),
    });
    out.assignmentDeadlines.push(...withIds(deadlineRows(id, a)));
    out.subAssignments.push(...withIds(subAssignmentRows(id, a)));
  });
  for (const c of doc.carriedOver) {
    out.carriedOver.push({
      id: rng.uuid(),
      documentId,
      printedId: c.id,
      title: c.title,
      targetAssignmentId: carriedTargets.get(c.id) ?? null,
      ...lineSpan(c.provenance),
    });
  }
  out.assignments.push(...rows);
  return { documentId, assignments: rows, calendar };
}

function makeAssignment(
  rng: Rng,
  text: Text,
  agency: Agency,
  registerId: string,
  printed: boolean,
  year: number,
  section: string | null,
): ExtractedAssignment {
  const title = `${rng.pick(VERBS)} ${rng.pick(TOPICS)}`;
  const start = text.add(`${registerId} ${title}`);
  const body = `${agency.name.split(' (')[0]} skal ${title.charAt(0).toLowerCase()}${title.slice(1)} og rapportere til departementet. Arbeidet gjelder ${rng.pick(FIELDS)} og ${rng.pick(TOPICS)}.`;
  text.add(body);
  // Deadlines: most in the year, some early the next; one in five has two.
  const deadlines: ExtractedAssignment['deadlines'] = [];
  const count = rng.chance(0.2) ? 2 : 1;
  for (let d = 0; d < count; d++) {
    const nextYear = rng.chance(0.15);
    const date = nextYear
      ? iso(year + 1, rng.int(1, 6), rng.pick([1, 15]))
      : iso(year, rng.int(3, 12), rng.pick([1, 15]));
    const phrase = phraseOf(date);
    text.add(`Frist: ${phrase}.`);
    deadlines.push({ date, text: phrase, appliesTo: null, value: { kind: 'exact', date } });
  }
  deadlines.sort((a, b) => a.date!.localeCompare(b.date!));
  const subAssignments: ExtractedAssignment['subAssignments'] = [];
  if (rng.chance(0.15)) {
    for (const letter of ['a', 'b', 'c'].slice(0, rng.int(2, 3))) {
      const line = text.add(`${letter}) ${rng.pick(VERBS).toLowerCase()} ${rng.pick(TOPICS)}`);
      subAssignments.push({
        letter,
        text: `${rng.pick(VERBS)} ${rng.pick(TOPICS)}`,
        provenance: span(line),
      });
    }
  }
  return {
    id: printed ? registerId : null,
    assignedId: registerId,
    ownerDepartment: rng.pick(agency.ministry.departments),
    title,
    text: body,
    deadlines,
    subAssignments,
    collaborators: [],
    references: [],
    funding: [],
    section,
    background: null,
    clarifies: null,
    provenance: span(start, text.lines.length),
  };
}

/** One agency's year: the letter, its supplements, their history, reports. */
function agencyYear(
  opts: NationalOptions,
  agency: Agency,
  year: number,
  rng: Rng,
  out: Batch,
  carriedIn: Array<{ id: string; registerId: string; title: string }>,
): Array<{ id: string; registerId: string; title: string }> {
  const last = year === opts.lastYear;
  const letterDate = iso(
    year - (rng.chance(0.7) ? 1 : 0),
    rng.chance(0.7) ? 12 : 1,
    rng.int(10, 22),
  );
  const title = `Tildelingsbrev til ${agency.name} for ${year}`;
  const doc = baseDocument(agency, year, 'allocation-letter', null, title, letterDate);
  const text = new Text();
  text.add(title);
  text.add(`Dato: ${letterDate}`);
  text.add('');
  text.add('1 Mål og prioriteringer');
  const goalCount = rng.int(2, 4);
  for (let g = 0; g < goalCount; g++) {
    const goalTitle = GOALS[(g + agency.index) % GOALS.length]!;
    const line = text.add(`Mål ${g + 1}: ${goalTitle}`);
    doc.goals.push({
      code: `${g + 1}`,
      title: goalTitle,
      area: null,
      evaluationCriteria: [],
      provenance: span(line),
    });
  }
  for (let s = 0; s < rng.int(3, 6); s++) {
    const textOf = PARAMETERS[(s + year) % PARAMETERS.length]!;
    const line = text.add(`Styringsparameter: ${textOf}`);
    doc.steeringParameters.push({
      text: textOf,
      goal: doc.goals[s % doc.goals.length]!.title,
      kind: 'styringsparameter',
      provenance: span(line),
    });
  }
  // Money: the agency's chapter with its posts, and the income chapter (+3000) on post 01.
  text.add('2 Budsjettildeling');
  const posts: PostState[] = [];
  const scale = 1 + (agency.index % 7);
  const chosen = POSTS.filter((p, i) => i === 0 || rng.chance(0.55));
  const chapterName = agency.name.split(' (')[0]!;
  let sum = 0;
  for (const p of chosen) {
    const amount = rng.int(20_000, 400_000) * scale;
    const line = text.add(`Kap. ${agency.chapter} post ${pad2(p.post)} ${p.postName} ${amount}`);
    doc.appropriations.push({
      chapter: agency.chapter,
      chapterName,
      post: p.post,
      postName: p.postName,
      notes: p.notes,
      amount,
      previousYearAmount: null,
      comment: null,
      provenance: span(line),
    });
    posts.push({ chapter: agency.chapter, post: p.post, postName: p.postName, total: amount });
    sum += amount;
  }
  const sumLine = text.add(`Sum kap. ${agency.chapter} ${sum}`);
  doc.sumLines.push({
    chapter: agency.chapter,
    tableChapter: agency.chapter,
    amount: sum,
    provenance: span(sumLine),
  });
  if (rng.chance(0.6)) {
    const income = agency.chapter + 3000;
    const amount = rng.int(1_000, 40_000);
    const line = text.add(`Kap. ${income} post 01 Driftsinntekter ${amount}`);
    doc.appropriations.push({
      chapter: income,
      chapterName,
      post: 1,
      postName: 'Driftsinntekter',
      notes: [],
      amount,
      previousYearAmount: null,
      comment: null,
      provenance: span(line),
    });
    posts.push({ chapter: income, post: 1, postName: 'Driftsinntekter', total: amount });
    const incomeSum = text.add(`Sum kap. ${income} ${amount}`);
    doc.sumLines.push({
      chapter: income,
      tableChapter: income,
      amount,
      provenance: span(incomeSum),
    });
  }
  // Assignments: 30–110, most near 30.
  text.add('3 Oppdrag');
  const count = 30 + Math.floor(81 * rng.next() ** 8);
  for (let i = 0; i < count; i++) {
    doc.assignments.push(
      makeAssignment(
        rng,
        text,
        agency,
        `TB${year}-${pad2(i + 1)}`,
        true,
        year,
        doc.goals[i % doc.goals.length]!.title,
      ),
    );
  }
  if (carriedIn.length > 0) {
    text.add('Tidligere gitte oppdrag som ikke er ferdigstilt');
    for (const c of carriedIn) {
      const line = text.add(`${c.registerId} ${c.title}`);
      doc.carriedOver.push({ id: c.registerId, title: c.title, provenance: span(line) });
    }
  }
  // The calendar: two status reports, two governance meetings, the budget proposal.
  text.add('4 Styringskalender');
  const calendar: Array<[string, string, string]> = [
    [iso(year, 5, 15), 'Rapport for 1. tertial', 'report'],
    [iso(year, 9, 15), RUSH_REPORT_TEXT, 'report'],
    [iso(year, 3, rng.int(1, 28)), 'Etatsstyringsmøte', 'meeting'],
    [iso(year, 10, rng.int(1, 28)), 'Etatsstyringsmøte', 'meeting'],
    [iso(year, 1, 31), `Budsjettforslag for ${year + 2}`, 'budget'],
  ];
  for (const [date, what, kind] of calendar) {
    const phrase = phraseOf(date);
    const line = text.add(`${what} ${phrase}`);
    doc.calendar.push({
      date,
      text: what,
      kind,
      deadline: { date, text: phrase, appliesTo: null, value: { kind: 'exact', date } },
      provenance: span(line),
    });
  }
  text.add('Med hilsen');
  text.add('Kari Nordmann (ekspedisjonssjef)');

  const carriedTargets = new Map(carriedIn.map((c) => [c.registerId, c.id]));
  const letter = storeDocument(
    out,
    rng,
    agency,
    doc,
    text,
    { version: 1, isCurrent: true, status: 'published' },
    carriedTargets,
  );
  /** The year's assignments with the day they were given (none of a draft: not given yet). */
  const yearAssignments: Array<{
    row: Insert<typeof schema.assignments>;
    a: ExtractedAssignment;
    given: string;
  }> = doc.assignments.map((a, i) => ({ row: letter.assignments[i]!, a, given: letterDate }));

  // Supplements: 0–12 a year, numbered in order, through the year.
  const supplements = Math.floor(13 * rng.next() ** 1.4);
  let supplementIds = 0;
  for (let n = 1; n <= supplements; n++) {
    const month = Math.min(12, 1 + Math.floor((n * 11) / (supplements + 1)) + rng.int(0, 1));
    const date = iso(year, month, rng.int(1, 28));
    if (last && date > opts.asOf) break;
    const sTitle = `Tillegg nr. ${n} til tildelingsbrev for ${year} til ${agency.name}`;
    const sDoc = baseDocument(agency, year, 'supplement', n, sTitle, date);
    const sText = new Text();
    sText.add(sTitle);
    sText.add(`Dato: ${date}`);
    sText.add('Endringer i bevilgningen');
    for (const p of posts.filter((_, i) => i === 0 || rng.chance(0.3))) {
      const change = rng.int(-5_000, 30_000);
      const previous = p.total;
      p.total += change;
      const line = sText.add(
        `Kap. ${p.chapter} post ${pad2(p.post)} ${p.postName} ${previous} ${change} ${p.total}`,
      );
      sDoc.appropriations.push({
        chapter: p.chapter,
        chapterName,
        post: p.post,
        postName: p.postName,
        notes: [],
        amount: change,
        previousYearAmount: null,
        changeRow: { previous, total: p.total },
        comment: null,
        provenance: span(line),
      });
    }
    const newAssignments = rng.chance(0.5) ? 0 : rng.int(1, 3);
    if (newAssignments > 0) sText.add('Nye oppdrag');
    for (let i = 0; i < newAssignments; i++) {
      supplementIds++;
      sDoc.assignments.push(
        makeAssignment(rng, sText, agency, `TTB${year}-${pad2(supplementIds)}`, true, year, null),
      );
    }
    sText.add('Med hilsen');
    // The newest supplement of the last year may still be in consultation, or a draft.
    const status =
      last && n === supplements
        ? rng.pick(['published', 'shared', 'draft'] as const)
        : ('published' as const);
    // One supplement without assignments in five was stored twice: an earlier version kept.
    if (newAssignments === 0 && rng.chance(0.2)) {
      const earlier: ExtractedDocument = JSON.parse(JSON.stringify(sDoc)) as ExtractedDocument;
      earlier.appropriations = earlier.appropriations.slice(0, 1);
      storeDocument(
        out,
        rng,
        agency,
        earlier,
        sText,
        { version: 1, isCurrent: false, status: 'published' },
        new Map(),
      );
      storeDocument(
        out,
        rng,
        agency,
        sDoc,
        sText,
        { version: 2, isCurrent: true, status },
        new Map(),
      );
    } else {
      const stored = storeDocument(
        out,
        rng,
        agency,
        sDoc,
        sText,
        { version: 1, isCurrent: true, status },
        new Map(),
      );
      if (status !== 'draft') {
        sDoc.assignments.forEach((a, i) =>
          yearAssignments.push({ row: stored.assignments[i]!, a, given: date }),
        );
      }
    }
  }

  // History of each assignment up to asOf.
  const carriedOut: Array<{ id: string; registerId: string; title: string }> = [];
  const atRisk: string[] = [];
  for (const { row, a, given } of yearAssignments) {
    const final = history(opts, agency, rng, out, row, a, given, last);
    if (final === 'carried-over' && !last) {
      carriedOut.push({ id: row.id!, registerId: a.assignedId, title: a.title });
    }
    if (row.progress === 'at-risk' || row.progress === 'off-track') atRisk.push(row.id!);
  }
  generateReports(opts, agency, year, rng, out, letter.calendar, posts, atRisk);
  return carriedOut;
}

const STEP_MINUTES = 60 * 24 * 9;

/** An assignment's events from when it was given until asOf; sets the row's state. */
function history(
  opts: NationalOptions,
  agency: Agency,
  rng: Rng,
  out: Batch,
  row: Insert<typeof schema.assignments>,
  a: ExtractedAssignment,
  given: string,
  last: boolean,
): AssignmentStatus {
  const deadline = a.deadlines[a.deadlines.length - 1]?.date ?? `${row.year}-12-31`;
  const end = opts.asOf;
  let clock = at(given < `${row.year}-01-01` ? `${row.year}-01-05` : given, 30);
  let version = 1;
  let status = 'planned' as AssignmentStatus;
  const coordinator = { actorKind: 'user' as const, actorId: agency.coordinator };
  const officer = {
    actorKind: 'user' as const,
    actorId: agency.ministry.officers.get(a.ownerDepartment!) ?? agency.ministry.budgetOfficer,
  };
  const tick = () => {
    clock = new Date(clock.getTime() + rng.int(60, STEP_MINUTES) * 60_000);
    return dayOf(clock) <= end;
  };
  const event = (
    who: { actorKind: 'user'; actorId: string },
    e: Partial<Insert<typeof schema.assignmentEvents>> & {
      kind: 'status' | 'owner-person' | 'progress' | 'owner-department';
    },
  ) => {
    version++;
    out.assignmentEvents.push({
      id: rng.uuid(),
      assignmentId: row.id!,
      at: clock,
      ...who,
      fromStatus: status,
      toStatus: status,
      version,
      detail: null,
      comment: null,
      deliveryRef: null,
      ...e,
    });
  };
  const move = (
    to: AssignmentStatus,
    who: { actorKind: 'user'; actorId: string },
    comment: string | null,
    deliveryRef: string | null = null,
  ) => {
    const from = status;
    status = to;
    event(who, { kind: 'status', fromStatus: from, toStatus: to, comment, deliveryRef });
  };
  let owner: string | null = null;
  let progress: Progress | null = null;
  // The coordinator gives it an owner.
  if (tick()) {
    owner = rng.pick(agency.owners);
    event(coordinator, { kind: 'owner-person', detail: { from: null, to: owner } });
  }
  // A corrected owner department now and then.
  if (rng.chance(0.05) && tick()) {
    const to = rng.pick(agency.ministry.departments);
    event(officer, { kind: 'owner-department', detail: { from: row.ownerDepartment ?? null, to } });
    row.ownerDepartment = to;
  }
  const ownerActor = () => ({ actorKind: 'user' as const, actorId: owner ?? agency.coordinator });
  // One in ten of the last year's is not started yet.
  const waiting = last && rng.chance(0.1);
  if (!waiting && tick()) move('in-progress', ownerActor(), null);
  // Progress judged a few times along the way.
  const judgements = rng.int(1, 3);
  for (let j = 0; j < judgements && status === 'in-progress'; j++) {
    if (!tick()) break;
    const to: Progress = rng.chance(0.72) ? 'on-track' : rng.chance(0.65) ? 'at-risk' : 'off-track';
    event(ownerActor(), { kind: 'progress', detail: { from: progress, to } });
    progress = to;
  }
  // A handover to another owner sometimes.
  if (rng.chance(0.3) && owner && tick()) {
    const to = rng.pick(agency.owners);
    event(ownerActor(), { kind: 'owner-person', detail: { from: owner, to } });
    owner = to;
  }
  const closing = !last || deadline <= end;
  if (closing && status === 'in-progress') {
    const fate = rng.next();
    if (fate < 0.05 && tick()) move('cancelled', officer, 'Oppdraget utgår.');
    else if (fate < 0.1 && !last && tick())
      move('carried-over', coordinator, 'Videreføres neste år.');
    else {
      let rounds = rng.chance(0.25) ? 2 : 1;
      while (rounds-- > 0 && tick()) {
        move('delivered', ownerActor(), null, `${row.year}/${rng.int(100, 9999)}`);
        if (!tick()) break;
        if (rounds > 0) move('in-progress', officer, 'Leveransen må utdypes.');
        else move('accepted', officer, null);
      }
    }
  }
  row.status = status;
  row.ownerUserId = owner;
  row.progress = progress;
  row.progressReason =
    progress === 'at-risk' || progress === 'off-track'
      ? 'Forsinkelser hos samarbeidspartnere.'
      : null;
  row.version = version;
  return status;
}

/** The reports the calendar's reporting items make, as src/services/reports.ts makes them. */
function generateReports(
  opts: NationalOptions,
  agency: Agency,
  year: number,
  rng: Rng,
  out: Batch,
  calendar: Insert<typeof schema.calendarItems>[],
  posts: PostState[],
  atRisk: string[],
) {
  const items = calendar.filter((c) => c.kind === 'report');
  for (const item of items) {
    const due = item.date!;
    const rush = year === opts.lastYear && item.text === RUSH_REPORT_TEXT;
    const content: ReportContent = {
      assignments: atRisk.map((assignmentId) => ({
        assignmentId,
        deviation: 'Leveransen blir forsinket.',
        cause: 'Avhengig av arbeid hos andre etater.',
        measures: 'Ny plan avtalt med departementet.',
      })),
      budget: posts.map((p) => ({
        chapter: p.chapter,
        post: p.post,
        accountsToDate: Math.round((p.total * rng.int(30, 70)) / 100),
        forecast: p.total,
        explanation: 'Prognosen følger tildelingen.',
      })),
      risks: [
        {
          goal: 'Mål 1',
          description: 'Mangel på nøkkelkompetanse',
          likelihood: rng.int(1, 5),
          consequence: rng.int(1, 5),
          measures: 'Rekruttering og kompetanseplan.',
          residualLikelihood: rng.int(1, 3),
          residualConsequence: rng.int(1, 3),
        },
      ],
      steeringParameters: [],
    };
    // Past reports were submitted and accepted; the last year's open one is the rush's draft.
    const done = !rush && due <= opts.asOf;
    const id = rng.uuid();
    const submittedAt = at(addDays(due, -rng.int(0, 5)), 120);
    const hash = sha(canonicalJson(content));
    out.reports.push({
      id,
      agencyId: agency.id,
      ministryId: agency.ministry.id,
      year,
      key: calendarReportKey(agency.id, year, due, item.text),
      source: 'calendar',
      kind: 'status',
      periodYear: year,
      calendarItemId: item.id!,
      title: item.text,
      dueDate: due,
      status: done ? 'accepted' : 'draft',
      version: done ? 3 : 1,
      revision: 1,
      content,
      submittedHash: done ? hash : null,
      submittedAt: done ? submittedAt : null,
      createdByKind: SYSTEM.kind,
      createdById: 'reports',
      createdAt: at(`${year}-01-20`, 0),
      updatedAt: done ? submittedAt : at(`${year}-01-20`, 0),
    });
    if (done) {
      out.reportVersions.push({
        reportId: id,
        revision: 1,
        content,
        sha256: hash,
        outcome: 'accepted',
        submittedByKind: 'user',
        submittedById: agency.coordinator,
        submittedAt,
      });
    }
  }
}

/** Adds a batch's row counts to `counts`. */
export function countBatch(counts: Partial<Counts>, batch: Batch): void {
  for (const t of BATCH_TABLES) counts[t] = (counts[t] ?? 0) + batch[t].length;
}
