/**
 * Request and response schemas of the HTTP API. Shared by the server (validation and
 * OpenAPI), the web client, the CLI and the tests.
 */
import { z } from 'zod';
import {
  AssignmentStatus,
  DocumentKind,
  DocumentStatus,
  OrganisationKind,
  Progress,
} from './enums';
import { DeadlineValue, ImportWarning, Provenance, VersionChange } from './letter';
import { NextCursor, cursorFits, pageParams } from './pagination';

export const ErrorBody = z.object({
  error: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  database: z.object({
    kind: z.enum(['pglite', 'postgres']),
    location: z.string(),
    migrations: z.object({
      applied: z.int(),
      available: z.int(),
      upToDate: z.boolean(),
    }),
  }),
  /** Whether e-mail is sent, and why not (SMTP_HOST unset, …). */
  mail: z.object({ enabled: z.boolean(), reason: z.string().nullable() }).optional(),
});
export type Health = z.infer<typeof Health>;

/** What the current user may do with an object; computed by the server's policy module. */
/** What the caller may do with a document (the server decides; the client only shows it). */
export const DocumentAbilities = z.object({
  read: z.boolean(),
  update: z.boolean(),
  /** Correct what the importer read (any state of the document). */
  correct: z.boolean(),
  updateAppropriations: z.boolean(),
  readHistory: z.boolean(),
});
export type DocumentAbilities = z.infer<typeof DocumentAbilities>;

/** What the caller may do with an assignment. */
export const AssignmentAbilities = z.object({
  read: z.boolean(),
  update: z.boolean(),
  readComments: z.boolean(),
  readHistory: z.boolean(),
  /** Set or correct the ministry department that owns it. */
  setOwnerDepartment: z.boolean(),
  /** Give it to a person in the agency (coordinators), or hand it on (its owner). */
  setOwnerPerson: z.boolean(),
  /** Report how the work goes (on track, at risk, off track). */
  setProgress: z.boolean(),
});
export type AssignmentAbilities = z.infer<typeof AssignmentAbilities>;

/** The keys a cursor of `GET /api/organisations` carries: by name, then id. */
export const ORGANISATION_CURSOR = { name: z.tuple([z.string(), z.uuid()]) };

export const Organisation = z.object({
  id: z.uuid(),
  kind: OrganisationKind,
  name: z.string(),
  shortName: z.string().nullable(),
  orgNr: z.string().nullable(),
  parentId: z.uuid().nullable(),
});
export type Organisation = z.infer<typeof Organisation>;

/** A Norwegian organisation number (organisasjonsnummer) as stored: nine digits, no spaces. */
export const OrgNr = z
  .string()
  .regex(/^\d{9}$/)
  .meta({ description: 'Organisation number (org.nr): nine digits', example: '974760673' });

/** `GET /api/organisations`: filters on kind, parent, org.nr and name; by name, a page at a time. */
export const OrganisationQuery = z
  .object({
    ...pageParams(200, 50),
    kind: OrganisationKind.optional(),
    /** The organisation with this org.nr (at most one). */
    orgNr: OrgNr.optional(),
    /** Only the organisations that report to this one (a ministry's agencies). */
    parentId: z.uuid().optional(),
    /** Part of the name or short name, any case. */
    q: z.string().trim().min(1).max(200).optional(),
  })
  .superRefine(cursorFits(ORGANISATION_CURSOR, () => 'name'));
export type OrganisationQuery = z.infer<typeof OrganisationQuery>;

export const OrganisationList = z.object({
  items: z.array(Organisation),
  /** How many match (all pages). */
  total: z.int(),
  nextCursor: NextCursor,
});
export type OrganisationList = z.infer<typeof OrganisationList>;

export const DocumentSummary = z.object({
  id: z.uuid(),
  kind: DocumentKind,
  number: z.int().nullable(),
  year: z.int(),
  version: z.int(),
  title: z.string(),
  agency: z.string().nullable(),
  /** The agency's organisation id (for the ledger, checks and calendar filters). */
  agencyId: z.uuid().nullable(),
  ministry: z.string().nullable(),
  date: z.string().nullable(),
  status: DocumentStatus,
  coverage: z.number(),
  counts: z.object({
    appropriations: z.int(),
    assignments: z.int(),
    calendar: z.int(),
  }),
  abilities: DocumentAbilities,
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

/** The keys a cursor of `GET /api/documents` carries: year, agency, number (nulls last), id. */
export const DOCUMENT_CURSOR = {
  year: z.tuple([z.int(), z.string().nullable(), z.int().nullable(), z.uuid()]),
};

/** `GET /api/documents`: current versions, newest year first, then by agency and number. */
export const DocumentQuery = z
  .object({
    ...pageParams(200, 50),
    year: z.coerce.number().int().min(1900).max(2200).optional(),
  })
  .superRefine(cursorFits(DOCUMENT_CURSOR, () => 'year'));
export type DocumentQuery = z.infer<typeof DocumentQuery>;

export const DocumentList = z.object({
  items: z.array(DocumentSummary),
  /** How many match (all pages). */
  total: z.int(),
  nextCursor: NextCursor,
});
export type DocumentList = z.infer<typeof DocumentList>;

export const DeadlineOut = z.object({
  date: z.string().nullable(),
  text: z.string(),
  appliesTo: z.string().nullable(),
  value: DeadlineValue,
  /** A deadline a supplement set (a deadline change): that document; null for its own. */
  sourceDocumentId: z.uuid().nullable().optional(),
});

export const AssignmentSummary = z.object({
  id: z.uuid(),
  registerId: z.string(),
  printedId: z.string().nullable(),
  idAssigned: z.boolean(),
  year: z.int(),
  title: z.string(),
  ownerDepartment: z.string().nullable(),
  status: AssignmentStatus,
  /** Work is left (planned, in progress or carried over): its deadlines count. */
  open: z.boolean(),
  /** Open, and the next deadline has passed (today in Europe/Oslo). */
  overdue: z.boolean(),
  version: z.int(),
  agency: z.string().nullable(),
  agencyId: z.uuid().nullable(),
  documentId: z.uuid(),
  documentTitle: z.string(),
  nextDeadline: z.string().nullable(),
  /** The person in the agency who has the work (for those who read the work dialogue). */
  ownerPerson: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** How the owner judges the work; null until first reported. */
  progress: Progress.nullable(),
  /** Why it is at risk or off track (for those who read the work dialogue). */
  progressReason: z.string().nullable(),
  /**
   * Set when this row is a supplement's change to an assignment given earlier (*presisering*):
   * the register ID it changes, and that assignment once it is in Tildel (the row is then not
   * listed in the register; the change is shown with the assignment).
   */
  clarifies: z.object({ registerId: z.string(), assignmentId: z.uuid().nullable() }).nullable(),
  abilities: AssignmentAbilities,
});
export type AssignmentSummary = z.infer<typeof AssignmentSummary>;

/** The register counts its matches up to this many; `totalCapped` says there are more. */
export const REGISTER_COUNT_CAP = 1000;

export const AssignmentList = z.object({
  items: z.array(AssignmentSummary),
  /**
   * How many match (all pages), counted up to 1000: with `totalCapped`, at least that many
   * (counting every match of a national register costs more than the page itself).
   */
  total: z.int(),
  totalCapped: z.boolean(),
  nextCursor: NextCursor,
});
export type AssignmentList = z.infer<typeof AssignmentList>;

/** The register's orders (`sort`); `relevance` ranks by how well `q` matches. */
export const RegisterSort = z.enum(['deadline', 'id', 'year', 'relevance']);
export type RegisterSort = z.infer<typeof RegisterSort>;

/** The register's filters: `GET /api/assignments` and its workbook. */
export const AssignmentFilters = z.object({
  q: z.string().trim().min(1).max(200).optional(),
  year: z.coerce.number().int().optional(),
  agency: z.uuid().optional(),
  /** A department code, or `none`: assignments no department owns yet. */
  ownerDepartment: z.string().max(20).optional(),
  status: AssignmentStatus.optional(),
  /** The person who has the work: a user id, `me`, or `none` (nobody yet). */
  owner: z.union([z.literal('me'), z.literal('none'), z.uuid()]).optional(),
  progress: Progress.optional(),
  /**
   * The order: `deadline` (next deadline first, none last), `id` (register ID), `year` (newest
   * year first), `relevance` (how well `q` matches, best first; without `q`, by year). Default:
   * by deadline with a deadline range, else by year (`q` filters; ask for `relevance` to rank).
   */
  sort: RegisterSort.optional(),
  /** `true`: only assignments with work left (planned, in progress, carried over); `false`: only the others. */
  open: z.stringbool().optional(),
  /** Only assignments whose next (earliest dated) deadline is on or after this day. */
  dueFrom: z.iso.date().optional(),
  /** Only assignments whose next (earliest dated) deadline is on or before this day. */
  dueTo: z.iso.date().optional(),
});
export type AssignmentFilters = z.infer<typeof AssignmentFilters>;

/** The order the register is read in: `sort`, or its default for the filters. */
export function registerOrder(query: {
  sort?: RegisterSort | undefined;
  q?: string | undefined;
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
}): RegisterSort {
  if (query.sort === 'relevance') return query.q === undefined ? 'year' : 'relevance';
  if (query.sort) return query.sort;
  return query.dueFrom !== undefined || query.dueTo !== undefined ? 'deadline' : 'year';
}

/** The keys a register cursor carries in each order, the assignment's id last. */
export const REGISTER_CURSOR = {
  deadline: z.tuple([z.iso.date().nullable(), z.string(), z.uuid()]),
  id: z.tuple([z.string(), z.int(), z.uuid()]),
  year: z.tuple([z.int(), z.string(), z.uuid()]),
  relevance: z.tuple([z.number(), z.string(), z.uuid()]),
};

export const AssignmentQuery = AssignmentFilters.extend({
  ...pageParams(200, 50),
}).superRefine(cursorFits(REGISTER_CURSOR, registerOrder));
export type AssignmentQuery = z.infer<typeof AssignmentQuery>;

export const AssignmentDetail = AssignmentSummary.extend({
  body: z.string(),
  section: z.string().nullable(),
  deadlines: z.array(DeadlineOut),
  subAssignments: z.array(z.object({ letter: z.string(), text: z.string() })),
  collaborators: z.array(z.string()),
  references: z.array(z.object({ targetId: z.string(), assignmentId: z.uuid().nullable() })),
  funding: z.array(z.object({ chapter: z.int(), post: z.int().nullable() })),
  /** What supplements changed in it (*presisering*): new deliveries, deadlines, text. */
  clarifications: z.array(
    z.object({
      /** The change's own row (its source in the supplement). */
      id: z.uuid(),
      documentId: z.uuid(),
      documentTitle: z.string(),
      documentDate: z.string().nullable(),
      ownerDepartment: z.string().nullable(),
      title: z.string(),
      body: z.string(),
      deadlines: z.array(DeadlineOut),
      provenance: Provenance,
    }),
  ),
  provenance: Provenance,
});
export type AssignmentDetail = z.infer<typeof AssignmentDetail>;

export const Appropriation = z.object({
  chapter: z.int(),
  chapterName: z.string().nullable(),
  post: z.int(),
  postName: z.string(),
  notes: z.array(z.string()),
  amount: z.int(),
  previousYearAmount: z.int().nullable(),
  /** A supplement's change-table row: the figure before and the sum after, as printed. */
  changeRow: z.object({ previous: z.int().nullable(), total: z.int().nullable() }).nullable(),
  comment: z.string().nullable(),
  provenance: Provenance,
});

// One document (`DocumentDetail`) and its parts: src/contract/document.ts.

/**
 * Search: words match whole words (stemmed), word beginnings (`tilsk` → `tilskudd`) and parts of
 * compounds (`kyst` → `kystkommuner`, `tilskudd` → `Tilskuddsordning`); results ranked by
 * relevance. Filters narrow both lists: `year`, `agency` and `kind` (the document's kind), and
 * `status` — a document status (`draft`, `shared`, `published`) narrows documents and the
 * assignments in them; an assignment status (`planned`, …) narrows assignments, and no document
 * matches it.
 */
/**
 * The keys a search cursor carries: where each list stopped (score, then year or register ID,
 * then id), or nulls for a list that has no more.
 */
export const SEARCH_CURSOR = {
  relevance: z.tuple([
    z.number().nullable(),
    z.int().nullable(),
    z.uuid().nullable(),
    z.number().nullable(),
    z.string().nullable(),
    z.uuid().nullable(),
  ]),
};

export const SearchQuery = z
  .object({
    q: z.string().trim().min(1).max(200),
    /** At most this many documents, and as many assignments, a page. */
    ...pageParams(100, 50),
    year: z.coerce.number().int().min(1900).max(2200).optional(),
    agency: z.uuid().optional(),
    kind: DocumentKind.optional(),
    status: z.union([DocumentStatus, AssignmentStatus]).optional(),
  })
  .superRefine(cursorFits(SEARCH_CURSOR, () => 'relevance'));
export type SearchQuery = z.infer<typeof SearchQuery>;
export const SearchResult = z.object({
  documents: z.array(DocumentSummary.extend({ headline: z.string() })),
  assignments: z.array(AssignmentSummary.extend({ headline: z.string() })),
  /** The next page of both lists (each goes on where it stopped); null when neither has more. */
  nextCursor: NextCursor,
});
export type SearchResult = z.infer<typeof SearchResult>;

export const IdParam = z.object({ id: z.uuid() });

/** Why storing a document waits for a person's confirmation. */
export const ImportConfirmationReason = z.enum([
  /** It would become a new version of a stored document (the old one stays, marked replaced). */
  'replaces-version',
  /** The new version drops assignments, appropriations or calendar rows the stored one has. */
  'removes-items',
  /** A ministry or agency Tildel does not know would be created. */
  'new-organisation',
  /** The kind, number or year was assumed, not read from a title line. */
  'identity-uncertain',
  /** No addressed agency was found in the text. */
  'agency-unknown',
]);
export type ImportConfirmationReason = z.infer<typeof ImportConfirmationReason>;

/**
 * What storing a document would do, read from the database without changing it: shown by a dry
 * run, and returned when a real import waits for confirmation.
 */
export const ImportPlan = z.object({
  action: z.enum(['create', 'new-version', 'unchanged']),
  ministry: z.string().nullable(),
  agency: z.string().nullable(),
  /** The stored version it would replace. */
  replaces: z.object({ id: z.uuid(), version: z.int() }).nullable(),
  /** What the stored version has and the new one would not. */
  removes: z.object({
    assignments: z.array(z.string()),
    appropriations: z.array(z.string()),
    calendar: z.array(z.string()),
  }),
  newOrganisations: z.array(z.object({ kind: z.enum(['ministry', 'agency']), name: z.string() })),
  /**
   * Null when it may be stored as it is; otherwise send `token` in `confirm` to store it. The
   * token names this file, this document and the stored version it was planned against, so it
   * is refused again when another import changed the document in between.
   */
  confirmation: z
    .object({ token: z.string(), reasons: z.array(ImportConfirmationReason) })
    .nullable(),
});
export type ImportPlan = z.infer<typeof ImportPlan>;

export const ImportedDocument = z.object({
  id: z.uuid().nullable(),
  kind: DocumentKind,
  number: z.int().nullable(),
  year: z.int(),
  title: z.string(),
  version: z.int().nullable(),
  outcome: z.enum(['created', 'new-version', 'unchanged', 'dry-run', 'needs-confirmation']),
  /** What changed from the version it replaces (a new version), in the order the letter has it. */
  diff: z.array(VersionChange),
  /** Null for a dry run without the database (the command line's `--dry-run`). */
  plan: ImportPlan.nullable(),
  /**
   * The status it is stored with: `published` (issued), or `draft` when stored for review (not
   * issued until the review is approved); a new version keeps its letter's status. Null when
   * nothing was stored.
   */
  status: DocumentStatus.nullable(),
  counts: z.record(z.string(), z.int()),
  coverage: z.number(),
  warnings: z.array(ImportWarning),
  unparsed: z.int(),
});

/**
 * Why a file was refused. `too-large`: bytes (the file, or what it unpacks to); `too-complex`:
 * more pages, lines, parts or items than the importer reads; `timeout` / `out-of-memory`: reading
 * it took longer or needed more memory than allowed; `cancelled`: the client went away;
 * `read-failed`: the importer failed on the file (a bug, logged).
 */
export const ImportRefusalCode = z.enum([
  'too-large',
  'unsupported-type',
  'corrupt',
  'encrypted',
  'no-text-layer',
  'empty',
  'too-complex',
  'timeout',
  'out-of-memory',
  'cancelled',
  'read-failed',
  'no-documents',
  /** The letter is another ministry's: only its own users (or an administrator) import it. */
  'not-your-ministry',
  /** No ministry named, and none to be told from the agency or its stored letters. */
  'ministry-unknown',
]);
export type ImportRefusalCode = z.infer<typeof ImportRefusalCode>;

/**
 * The numbers behind a refusal, for clients that word the reason themselves. Sizes in bytes;
 * `sizeBytes` is absent when only "more than the limit" is known (the upload stops there);
 * `what`/`found`/`limit` for structural bounds (`pages`, `lines`, `zip-entries`, …).
 */
export const RefusalParams = z.object({
  limitBytes: z.number().optional(),
  sizeBytes: z.number().optional(),
  uploadBytes: z.number().optional(),
  what: z.string().optional(),
  found: z.number().optional(),
  limit: z.number().optional(),
  line: z.number().optional(),
  page: z.number().optional(),
  seconds: z.number().optional(),
  memoryMb: z.number().optional(),
  /** For `not-your-ministry`: the ministry the letter is from. */
  ministry: z.string().optional(),
});
export type RefusalParams = z.infer<typeof RefusalParams>;

export const ImportFileResult = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('imported'),
    file: z.string(),
    documents: z.array(ImportedDocument),
  }),
  z.object({
    status: z.literal('refused'),
    file: z.string(),
    // A string, not the enum: a client must tolerate codes newer than itself.
    code: z.string().meta({ description: `One of: ${ImportRefusalCode.options.join(', ')}` }),
    reason: z.string(),
    params: RefusalParams.optional(),
  }),
  /** Nothing was stored: each document with a `plan.confirmation` waits for its token. */
  z.object({
    status: z.literal('needs-confirmation'),
    file: z.string(),
    documents: z.array(ImportedDocument),
  }),
]);
export type ImportFileResult = z.infer<typeof ImportFileResult>;

export const ImportUploadResult = z.object({ files: z.array(ImportFileResult) });
export type ImportUploadResult = z.infer<typeof ImportUploadResult>;
