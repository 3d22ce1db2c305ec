/**
 * The one database schema (Drizzle). Migrations in drizzle/ are generated from it with
 * `npm run db:generate` and run on PGlite and PostgreSQL 15 alike.
 *
 * Money columns are int8 in thousands of NOK as printed (`mode: 'number'`, exact up to 2^53).
 * Line spans (`line_start`/`line_end`) point into the source file's text (provenance).
 */
import { sql, type SQL } from 'drizzle-orm';
import {
  ACTOR_KINDS,
  ASSIGNMENT_CHANGE_KINDS,
  ASSIGNMENT_STATUSES,
  DOCUMENT_KINDS,
  DOCUMENT_STATUSES,
  DRAFT_STATUSES,
  ASSIGNMENT_EVENT_KINDS,
  FILE_FORMATS,
  LANGUAGES,
  NOTIFICATION_KINDS,
  ORGANISATION_KINDS,
  PROGRESS_STATES,
  MEETING_STATUSES,
  REPORT_KINDS,
  REPORT_SOURCES,
  REPORT_STATUSES,
} from '../contract/enums';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  BudgetAuthority,
  DeadlineValue,
  ExtractedDocument,
  StoredWarning,
  TotalsClaim,
} from '../contract/letter';
import { CORRECTION_ITEM_KINDS, type CorrectionChange } from '../contract/review';
import {
  draftContentFromStored,
  type DraftContent,
  type StoredDraftContent,
} from '../contract/draft';
import type { ReportContent, ReportSignature } from '../contract/report';
import type { SourceLineBox } from '../contract/document';
import type { AgendaItem, MinistryPoint } from '../contract/meeting';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType() {
    return 'bytea';
  },
});

/**
 * A draft's content (jsonb): read with its prose as documents, whatever was stored (drafts
 * saved before rich prose hold strings), so every reader of a draft sees documents.
 */
const draftContent = customType<{ data: DraftContent; driverData: unknown }>({
  dataType() {
    return 'jsonb';
  },
  toDriver: (value) => JSON.stringify(value),
  fromDriver: (value) =>
    draftContentFromStored(
      (typeof value === 'string' ? JSON.parse(value) : value) as StoredDraftContent,
    ),
});

const tsvector = customType<{ data: string }>({
  dataType() {
    return 'tsvector';
  },
});

/**
 * The lower-case text search matches parts of words in (`LIKE '%kommune%'` finds
 * `kystkommuner`). Queries must use these same expressions, which the trigram indexes are on.
 */
export const documentSearchText = (t: { title: AnyPgColumn; body: AnyPgColumn }): SQL =>
  sql`lower(${t.title} || ' ' || ${t.body})`;
export const assignmentSearchText = (t: {
  registerId: AnyPgColumn;
  title: AnyPgColumn;
  body: AnyPgColumn;
}): SQL => sql`lower(${t.registerId} || ' ' || ${t.title} || ' ' || ${t.body})`;

const id = () =>
  uuid('id')
    .primaryKey()
    .default(sql`gen_random_uuid()`);
const createdAt = () =>
  timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const money = (name: string) => bigint(name, { mode: 'number' });
const span = {
  lineStart: integer('line_start').notNull(),
  lineEnd: integer('line_end').notNull(),
};

/** Ministries, agencies and collaborators. */
export const organisations = pgTable(
  'organisations',
  {
    id: id(),
    kind: text('kind', { enum: ORGANISATION_KINDS }).notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    /** 9 digits, mod-11 check digit validated in src/domain/orgnr.ts. */
    orgNr: text('org_nr'),
    /** The ministry an agency reports to. */
    parentId: uuid('parent_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('organisations_org_nr_key').on(t.orgNr),
    uniqueIndex('organisations_name_key').on(t.name),
  ],
);

/** A ministry's departments (avdelinger) that own assignments: FHA, SHA, KTA, … */
export const departments = pgTable(
  'departments',
  {
    id: id(),
    ministryId: uuid('ministry_id')
      .notNull()
      .references(() => organisations.id),
    code: text('code').notNull(),
    name: text('name'),
  },
  (t) => [uniqueIndex('departments_ministry_code_key').on(t.ministryId, t.code)],
);

/** An imported file, kept with its extracted text so every item can be traced to its lines. */
export const sourceFiles = pgTable(
  'source_files',
  {
    id: id(),
    name: text('name').notNull(),
    sha256: text('sha256').notNull(),
    format: text('format', { enum: FILE_FORMATS }).notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    pages: integer('pages').notNull(),
    /** The extracted lines joined with \n; line N of the file is line N here. */
    text: text('text').notNull(),
    /**
     * The file as uploaded, for a PDF only (the review shows its pages); null for other formats
     * and for PDFs stored before it was kept.
     */
    bytes: bytea('bytes'),
    /**
     * A PDF's line N printed at `lineBoxes[N - 1]`: [page, x, y, width, height] in points,
     * top-down (null for a blank line). Null when not known.
     */
    lineBoxes: jsonb('line_boxes').$type<(SourceLineBox | null)[]>(),
    /** Who imported it: a stored actor (kind and id, src/domain/actors.ts). */
    importedByKind: text('imported_by_kind', { enum: ACTOR_KINDS }).notNull(),
    importedById: text('imported_by_id'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('source_files_sha256_key').on(t.sha256)],
);

/**
 * A tildelingsbrev or a tillegg. A document is identified by (ministry, agency, year, kind,
 * number), by the organisations' ids; re-importing a changed file (after a person confirmed
 * it) adds a new version and marks the old one not current, which stays readable.
 */
export const documents = pgTable(
  'documents',
  {
    id: id(),
    agencyId: uuid('agency_id').references(() => organisations.id),
    ministryId: uuid('ministry_id').references(() => organisations.id),
    kind: text('kind', { enum: DOCUMENT_KINDS }).notNull(),
    /** Supplement number; 0 for the allocation letter (so the identity key has no nulls). */
    number: integer('number').notNull(),
    year: integer('year').notNull(),
    /** `{ministryId}|{agencyId or -}|{year}|{kind}|{number}`: which document, across versions. */
    seriesKey: text('series_key').notNull(),
    version: integer('version').notNull().default(1),
    isCurrent: boolean('is_current').notNull().default(true),
    title: text('title').notNull(),
    agencyName: text('agency_name'),
    ministryName: text('ministry_name'),
    date: date('date', { mode: 'string' }),
    legalBasis: jsonb('legal_basis').$type<string[]>().notNull(),
    signatories: jsonb('signatories').$type<ExtractedDocument['signatories']>().notNull(),
    status: text('status', { enum: DOCUMENT_STATUSES }).notNull().default('published'),
    /**
     * Counts the changes of this row's status (`version` is the printed version of the letter):
     * a status change names the one it saw (`expectedVersion`) and applies only if it is current.
     */
    statusVersion: integer('status_version').notNull().default(1),
    sourceFileId: uuid('source_file_id').references(() => sourceFiles.id),
    ...span,
    /** The document's own text (its lines of the source file). */
    body: text('body').notNull(),
    coverage: real('coverage').notNull(),
    unparsed: jsonb('unparsed').$type<ExtractedDocument['unparsed']>().notNull(),
    /** Old rows hold English text; newer ones a code with values (contract `StoredWarning`). */
    warnings: jsonb('warnings').$type<StoredWarning[]>().notNull(),
    /** The importer's full output for this document, for version diffs and re-checks. */
    extracted: jsonb('extracted').$type<ExtractedDocument>().notNull(),
    search: tsvector('search').generatedAlwaysAs(
      (): SQL =>
        sql`to_tsvector('norwegian', coalesce(${documents.title}, '') || ' ' || coalesce(${documents.body}, ''))`,
    ),
    /** Who stored this version: a stored actor (kind and id, src/domain/actors.ts). */
    createdByKind: text('created_by_kind', { enum: ACTOR_KINDS }).notNull(),
    createdById: text('created_by_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('documents_series_version_key').on(t.seriesKey, t.version),
    index('documents_search_idx').using('gin', t.search),
    // Trigram indexes (pg_trgm) for search: parts of compounds (`LIKE '%kyst%'`), similar words.
    index('documents_search_text_trgm_idx').using(
      'gin',
      sql`${documentSearchText(t)} gin_trgm_ops`,
    ),
    index('documents_title_trgm_idx').using('gin', t.title.op('gin_trgm_ops')),
    index('documents_agency_year_idx').on(t.agencyId, t.year),
    /** The list of documents, a page at a time in its order (src/services/documents.ts). */
    index('documents_list_idx').on(t.year.desc().nullsFirst(), t.agencyName, t.number, t.id),
    // A ministry's documents (the start page, the year per agency, the organisations named):
    // with the columns a join on them reads, so a ministry's thousands come from the index.
    index('documents_ministry_idx').on(
      t.ministryId,
      t.isCurrent,
      t.year,
      t.id,
      t.status,
      t.agencyId,
    ),
    // The newest published letters (the start page).
    index('documents_published_idx')
      .on(t.year.desc().nullsFirst(), t.date.desc().nullsLast(), t.createdAt.desc().nullsFirst())
      .where(sql`${t.status} = 'published' and ${t.isCurrent}`),
  ],
);

/** One printed row of an appropriation table (bevilgning): kapittel · post · amount. */
export const appropriationLines = pgTable(
  'appropriation_lines',
  {
    id: id(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    ord: integer('ord').notNull(),
    chapter: integer('chapter').notNull(),
    chapterName: text('chapter_name'),
    post: integer('post').notNull(),
    postName: text('post_name').notNull(),
    notes: jsonb('notes').$type<string[]>().notNull(),
    amount: money('amount').notNull(),
    previousYearAmount: money('previous_year_amount'),
    /** A supplement's change-table row: the post's figure before and its sum after, as printed. */
    changePrevious: money('change_previous'),
    changeTotal: money('change_total'),
    comment: text('comment'),
    ...span,
  },
  (t) => [index('appropriation_lines_doc_idx').on(t.documentId)],
);

/** A printed "Sum kap. …" line: the document's claim, checked by the ledger. */
export const sumLines = pgTable(
  'sum_lines',
  {
    id: id(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    chapter: integer('chapter').notNull(),
    tableChapter: integer('table_chapter').notNull(),
    amount: money('amount').notNull(),
    ...span,
  },
  (t) => [index('sum_lines_doc_idx').on(t.documentId)],
);

/** Money earmarked inside a post ("inkluderer 84 mill. kroner til …"); never added twice. */
export const earmarks = pgTable('earmarks', {
  id: id(),
  documentId: uuid('document_id')
    .notNull()
    .references(() => documents.id, { onDelete: 'cascade' }),
  chapter: integer('chapter'),
  post: integer('post'),
  amount: money('amount').notNull(),
  text: text('text').notNull(),
  ...span,
});

/** Fullmakter: merinntektsfullmakt, overskridelse, bestillingsfullmakt, … */
export const budgetAuthorities = pgTable('budget_authorities', {
  id: id(),
  documentId: uuid('document_id')
    .notNull()
    .references(() => documents.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  text: text('text').notNull(),
  posts: jsonb('posts').$type<BudgetAuthority['posts']>().notNull(),
  ...span,
});

/** "Total appropriation so far" tables printed in supplements: claims for the ledger check. */
export const totalsClaims = pgTable('totals_claims', {
  id: id(),
  documentId: uuid('document_id')
    .notNull()
    .references(() => documents.id, { onDelete: 'cascade' }),
  chapter: integer('chapter').notNull(),
  post: integer('post'),
  heading: text('heading').notNull(),
  rows: jsonb('rows').$type<TotalsClaim['rows']>().notNull(),
  total: jsonb('total').$type<TotalsClaim['total']>(),
  ...span,
});

/** Mål, with vurderingskriterier. */
export const goals = pgTable(
  'goals',
  {
    id: id(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    ord: integer('ord').notNull(),
    code: text('code'),
    title: text('title').notNull(),
    area: text('area'),
    evaluationCriteria: jsonb('evaluation_criteria').$type<string[]>().notNull(),
    ...span,
  },
  (t) => [index('goals_doc_idx').on(t.documentId)],
);

/** Styringsparametere, nøkkeltall and vurderingskriterier. */
export const steeringParameters = pgTable(
  'steering_parameters',
  {
    id: id(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    ord: integer('ord').notNull(),
    kind: text('kind').notNull(),
    goal: text('goal'),
    text: text('text').notNull(),
    ...span,
  },
  (t) => [index('steering_parameters_doc_idx').on(t.documentId)],
);

/** Fellesføringer. */
export const commonRequirements = pgTable('common_requirements', {
  id: id(),
  documentId: uuid('document_id')
    .notNull()
    .references(() => documents.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  text: text('text').notNull(),
  ...span,
});

/** Mandat appendices. */
export const mandates = pgTable('mandates', {
  id: id(),
  documentId: uuid('document_id')
    .notNull()
    .references(() => documents.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  text: text('text').notNull(),
  ...span,
});

/** Styringskalender rows. */
export const calendarItems = pgTable(
  'calendar_items',
  {
    id: id(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    phrase: text('phrase').notNull(),
    date: date('date', { mode: 'string' }),
    value: jsonb('value').$type<DeadlineValue>().notNull(),
    ...span,
  },
  (t) => [
    index('calendar_items_date_idx').on(t.date),
    index('calendar_items_doc_idx').on(t.documentId),
  ],
);

/**
 * Oppdrag: the register across documents and years. An assignment's row (its id, status,
 * version, owner and history) follows it to each new version of its document; an earlier
 * version keeps a read-only copy of the row as it printed it (same register ID).
 */
export const assignments = pgTable(
  'assignments',
  {
    id: id(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    agencyId: uuid('agency_id').references(() => organisations.id),
    year: integer('year').notNull(),
    ord: integer('ord').notNull(),
    /** The ID as printed, or null where the letter prints none. */
    printedId: text('printed_id'),
    /** The register ID: the printed one, or one Tildel assigned (see idAssigned). */
    registerId: text('register_id').notNull(),
    idAssigned: boolean('id_assigned').notNull(),
    ownerDepartment: text('owner_department'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    section: text('section'),
    status: text('status', { enum: ASSIGNMENT_STATUSES }).notNull().default('planned'),
    /** The agency person responsible (agency assignment owner), once someone is assigned. */
    ownerUserId: uuid('owner_user_id').references((): AnyPgColumn => users.id),
    /** How the owner judges the work (null until first set), and why when not on track. */
    progress: text('progress', { enum: PROGRESS_STATES }),
    progressReason: text('progress_reason'),
    /**
     * For a supplement's change to an assignment given earlier (*presisering*): the register ID
     * it changes. Such a row is not an assignment of its own once that one is found.
     */
    clarifies: text('clarifies'),
    /** The current assignment it changes, found wherever it is (set by the import's linking). */
    clarifiedAssignmentId: uuid('clarified_assignment_id').references(
      (): AnyPgColumn => assignments.id,
      { onDelete: 'set null' },
    ),
    /**
     * Which change it is (`clarifies` set): a new deadline or a cancellation, which the register
     * follows (src/services/assignment-changes.ts), or a clarification; null as one.
     */
    change: text('change', { enum: ASSIGNMENT_CHANGE_KINDS }),
    /** Optimistic concurrency: every update must name the version it read. */
    version: integer('version').notNull().default(1),
    ...span,
    search: tsvector('search').generatedAlwaysAs(
      (): SQL =>
        sql`to_tsvector('norwegian', coalesce(${assignments.registerId}, '') || ' ' || coalesce(${assignments.title}, '') || ' ' || coalesce(${assignments.body}, ''))`,
    ),
    createdAt: createdAt(),
  },
  (t) => [
    index('assignments_search_idx').using('gin', t.search),
    index('assignments_search_text_trgm_idx').using(
      'gin',
      sql`${assignmentSearchText(t)} gin_trgm_ops`,
    ),
    index('assignments_title_trgm_idx').using('gin', t.title.op('gin_trgm_ops')),
    index('assignments_register_idx').on(t.agencyId, t.registerId),
    index('assignments_document_idx').on(t.documentId),
    index('assignments_clarified_idx').on(t.clarifiedAssignmentId),
    index('assignments_owner_user_idx').on(t.ownerUserId),
    /** The register filtered by year and status (the scale bench's EXPLAIN: docs/scale.md). */
    index('assignments_year_status_idx').on(t.year, t.status),
    /**
     * The register's pages in its orders `year` (newest first, then register ID) and `id`
     * (register ID, newest year first): a page reads its rows along the index from the cursor
     * on, also when `q` filters (src/services/assignments.ts; docs/scale.md).
     */
    index('assignments_year_register_idx').on(t.year.desc().nullsFirst(), t.registerId, t.id),
    index('assignments_register_year_idx').on(t.registerId, t.year.desc().nullsFirst(), t.id),
    // The open and delivered work of the register (the start page's lists, services/home.ts):
    // small, with every column the lists are chosen by, read without the table.
    index('assignments_open_idx')
      .on(
        t.agencyId,
        t.documentId,
        t.id,
        t.registerId,
        t.status,
        t.progress,
        t.ownerUserId,
        t.ownerDepartment,
      )
      .where(
        sql`${t.clarifiedAssignmentId} is null and ${t.status} in ('planned', 'in-progress', 'carried-over', 'delivered')`,
      ),
    // The register's owner departments (the filters' choices, services/facets.ts): each
    // distinct code found by skipping along the index, its documents checked for visibility.
    index('assignments_department_idx')
      .on(t.ownerDepartment, t.documentId)
      .where(sql`${t.clarifiedAssignmentId} is null and ${t.ownerDepartment} is not null`),
  ],
);

export const assignmentDeadlines = pgTable(
  'assignment_deadlines',
  {
    id: id(),
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => assignments.id, { onDelete: 'cascade' }),
    appliesTo: text('applies_to'),
    phrase: text('phrase').notNull(),
    date: date('date', { mode: 'string' }),
    value: jsonb('value').$type<DeadlineValue>().notNull(),
    /** A deadline a supplement set (a deadline change): that supplement; null for its own. */
    sourceDocumentId: uuid('source_document_id').references(() => documents.id, {
      onDelete: 'set null',
    }),
  },
  (t) => [
    index('assignment_deadlines_date_idx').on(t.date),
    // Every register row asks for its next deadline (services/assignments.ts nextDeadline).
    index('assignment_deadlines_assignment_idx').on(t.assignmentId, t.date),
    // Periods that end after a calendar's month yet start in it (services/calendar.ts).
    index('assignment_deadlines_range_idx')
      .on(t.date)
      .where(sql`${t.value}->>'kind' = 'range'`),
  ],
);

export const subAssignments = pgTable('sub_assignments', {
  id: id(),
  assignmentId: uuid('assignment_id')
    .notNull()
    .references(() => assignments.id, { onDelete: 'cascade' }),
  letter: text('letter').notNull(),
  text: text('text').notNull(),
  ...span,
});

export const assignmentCollaborators = pgTable('assignment_collaborators', {
  id: id(),
  assignmentId: uuid('assignment_id')
    .notNull()
    .references(() => assignments.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  organisationId: uuid('organisation_id').references(() => organisations.id),
});

/** "jf. TB2023-01": kept as printed, resolved to the assignment where it is in the register. */
export const assignmentReferences = pgTable('assignment_references', {
  id: id(),
  assignmentId: uuid('assignment_id')
    .notNull()
    .references(() => assignments.id, { onDelete: 'cascade' }),
  targetId: text('target_id').notNull(),
  targetAssignmentId: uuid('target_assignment_id').references(() => assignments.id, {
    onDelete: 'set null',
  }),
});

export const assignmentFunding = pgTable('assignment_funding', {
  id: id(),
  assignmentId: uuid('assignment_id')
    .notNull()
    .references(() => assignments.id, { onDelete: 'cascade' }),
  chapter: integer('chapter').notNull(),
  post: integer('post'),
});

/** "Tidligere gitte oppdrag som ikke er ferdigstilt": IDs listed in a later letter. */
export const carriedOver = pgTable('carried_over', {
  id: id(),
  documentId: uuid('document_id')
    .notNull()
    .references(() => documents.id, { onDelete: 'cascade' }),
  printedId: text('printed_id').notNull(),
  title: text('title'),
  targetAssignmentId: uuid('target_assignment_id').references(() => assignments.id, {
    onDelete: 'set null',
  }),
  ...span,
});

/**
 * Append-only, hash-chained record of every change: hash = sha256(prev_hash + canonical entry).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The actor as hashed into the chain (`user:<id>`, `system:<name>`, `anonymous`). */
    actor: text('actor').notNull(),
    /** The same actor, stored as a kind and an id (src/domain/actors.ts). */
    actorKind: text('actor_kind', { enum: ACTOR_KINDS }).notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  /** One object's history, a page at a time in the trail's order (GET /api/audit). */
  (t) => [index('audit_log_object_idx').on(t.objectType, t.objectId, t.seq)],
);

/**
 * The audit trail's head: the seq and hash of its last entry, one row, written in the same
 * transaction as every append. A removed last entry (tail truncation) no longer matches it.
 */
export const auditHead = pgTable(
  'audit_head',
  {
    id: integer('id').primaryKey().default(1),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [check('audit_head_single_row', sql`${t.id} = 1`)],
);

/** People who sign in. Roles are scoped to the user's organisation (see src/domain/policy.ts). */
export const users = pgTable(
  'users',
  {
    id: id(),
    /** `oidc:{issuer}|{sub}` for a provider's user, `local:{name}` for embedded sample users. */
    subject: text('subject').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    /** The language Tildel writes to the person in (mail, notifications). */
    language: text('language', { enum: LANGUAGES }).notNull().default('nb'),
    /** Days before a deadline or calendar item to remind the person (each a reminder). */
    reminderDays: jsonb('reminder_days').$type<number[]>().notNull().default([14, 3]),
    /** The weekly digest by e-mail. */
    weeklyDigest: boolean('weekly_digest').notNull().default(true),
    /** No e-mail at all (the unsubscribe link sets it); notifications stay in the app. */
    mailOff: boolean('mail_off').notNull().default(false),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    /** Department code within a ministry (for department officers). */
    departmentCode: text('department_code'),
    roles: jsonb('roles').$type<string[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_subject_key').on(t.subject)],
);

/** Server-side sessions; the cookie carries a random token, the table only its sha256. */
export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('sessions_token_hash_key').on(t.tokenHash)],
);

/**
 * Rate-limit budgets (src/services/rate-limits.ts, the store of @fastify/rate-limit): one row
 * per limit and caller, counting the requests of the window that ends at `window_ends`; shared
 * by every app instance on the database. Counters, not records: not audited; rows whose window
 * has ended are purged now and then.
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    /** The limit's name, size and window and the caller (`signIn:30/60000:ip:192.0.2.1`). */
    key: text('key').primaryKey(),
    windowEnds: timestamp('window_ends', { withTimezone: true, mode: 'date' }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [index('rate_limits_window_ends_idx').on(t.windowEnds)],
);

/** Each status change of an assignment: who, when, from → to, comment, delivery reference. */
export const assignmentEvents = pgTable(
  'assignment_events',
  {
    id: id(),
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => assignments.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** Who changed it: a stored actor (kind and id, src/domain/actors.ts). */
    actorKind: text('actor_kind', { enum: ACTOR_KINDS }).notNull(),
    actorId: text('actor_id'),
    /** What changed: the status, an owner, or the progress (`detail` says from what to what). */
    kind: text('kind', { enum: ASSIGNMENT_EVENT_KINDS }).notNull().default('status'),
    /** For the other kinds: the value before and after (status stays as it was). */
    detail: jsonb('detail').$type<{ from: string | null; to: string | null }>(),
    fromStatus: text('from_status', { enum: ASSIGNMENT_STATUSES }).notNull(),
    toStatus: text('to_status', { enum: ASSIGNMENT_STATUSES }).notNull(),
    comment: text('comment'),
    deliveryRef: text('delivery_ref'),
    /** For `merged`: the assignment it was merged into. */
    mergedIntoId: uuid('merged_into_id').references(() => assignments.id),
    /** A change a supplement made (cancelled it, set a new deadline): that supplement. */
    sourceDocumentId: uuid('source_document_id').references(() => documents.id, {
      onDelete: 'set null',
    }),
    /** The assignment's version after this change. */
    version: integer('version').notNull(),
  },
  (t) => [index('assignment_events_assignment_idx').on(t.assignmentId)],
);

/** iCalendar subscriptions: a secret token (stored hashed) per agency, department or person. */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: id(),
    tokenHash: text('token_hash').notNull(),
    scope: text('scope', { enum: ['agency', 'department', 'person'] }).notNull(),
    /** Organisation id (agency), `{ministryId}:{code}` (department) or user id (person). */
    scopeId: text('scope_id').notNull(),
    label: text('label').notNull(),
    /** Who subscribed: a stored actor (kind and id, src/domain/actors.ts). */
    createdByKind: text('created_by_kind', { enum: ACTOR_KINDS }).notNull(),
    createdById: text('created_by_id'),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('calendar_feeds_token_hash_key').on(t.tokenHash)],
);

/**
 * What a ministry user recorded about a consistency finding: acknowledged (seen, accepted as
 * printed) or closed (dealt with), with a comment; reopening sets it back to open. Findings
 * are recomputed from the documents, so a review is keyed by the agency's year and the
 * finding's stable key (src/domain/consistency.ts findingKey), not by a row of its own. One
 * row per finding (the current state); every change is also in the audit trail.
 */
export const findingReviews = pgTable(
  'finding_reviews',
  {
    id: id(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => organisations.id),
    year: integer('year').notNull(),
    findingKey: text('finding_key').notNull(),
    state: text('state', { enum: ['open', 'acknowledged', 'closed'] }).notNull(),
    comment: text('comment'),
    /** Who changed it last (a stored actor, src/domain/actors.ts), and their name as shown. */
    actorKind: text('actor_kind', { enum: ACTOR_KINDS }).notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** Counts changes, for optimistic concurrency. */
    version: integer('version').notNull(),
  },
  (t) => [uniqueIndex('finding_reviews_key').on(t.agencyId, t.year, t.findingKey)],
);

/**
 * Corrections of what the importer read, made by a person: kept per document series (every
 * version of the letter), applied in order to each new reading of it, so that a re-import of
 * the same letter keeps them (src/domain/corrections.ts).
 */
export const corrections = pgTable(
  'corrections',
  {
    id: id(),
    seriesKey: text('series_key').notNull(),
    /** The document version it was made on. */
    documentId: uuid('document_id').references(() => documents.id, { onDelete: 'set null' }),
    itemKind: text('item_kind', { enum: CORRECTION_ITEM_KINDS }).notNull(),
    itemKey: text('item_key').notNull(),
    change: jsonb('change').$type<CorrectionChange>().notNull(),
    reason: text('reason').notNull(),
    /** Who made it (a stored actor, src/domain/actors.ts), and their name as shown. */
    actorKind: text('actor_kind', { enum: ACTOR_KINDS }).notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** Order of application within the series. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
  },
  (t) => [index('corrections_series_idx').on(t.seriesKey, t.seq)],
);

/**
 * Letters written in Tildel (src/services/drafts.ts): the content an officer edits, until a
 * second officer approves it and it is issued as a document (`issued_document_id`).
 */
export const drafts = pgTable(
  'drafts',
  {
    id: id(),
    ministryId: uuid('ministry_id')
      .notNull()
      .references(() => organisations.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => organisations.id),
    kind: text('kind', { enum: DOCUMENT_KINDS }).notNull(),
    year: integer('year').notNull(),
    status: text('status', { enum: DRAFT_STATUSES }).notNull().default('editing'),
    /** Counts every change; a change names the version it was based on. */
    version: integer('version').notNull().default(1),
    content: draftContent('content').notNull(),
    /** A supplement's number in the agency's year, given at issue. */
    number: integer('number'),
    /** The latest round shared with the agency for consultation (null: never shared). */
    sharedRound: integer('shared_round'),
    /** The users who have changed the content (ids): none of them may approve it. */
    editors: jsonb('editors').$type<string[]>().notNull(),
    createdByKind: text('created_by_kind', { enum: ACTOR_KINDS }).notNull(),
    createdById: text('created_by_id'),
    approvedByKind: text('approved_by_kind', { enum: ACTOR_KINDS }),
    approvedById: text('approved_by_id'),
    issuedDocumentId: uuid('issued_document_id').references(() => documents.id),
    /** The letter as issued, byte for byte: the Word file (the record's source) and the PDF. */
    issuedDocx: bytea('issued_docx'),
    issuedPdf: bytea('issued_pdf'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('drafts_ministry_idx').on(t.ministryId, t.year)],
);

/** Each round of a draft shared with the agency: the content as the agency saw it. */
export const draftRounds = pgTable(
  'draft_rounds',
  {
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id),
    round: integer('round').notNull(),
    content: draftContent('content').notNull(),
    sharedByKind: text('shared_by_kind', { enum: ACTOR_KINDS }).notNull(),
    sharedById: text('shared_by_id'),
    sharedAt: createdAt(),
  },
  (t) => [uniqueIndex('draft_rounds_key').on(t.draftId, t.round)],
);

/**
 * Comments on a draft in consultation, on the whole or on one of its parts (`item`: a section
 * name, or `assignment:<key>`), answered (`replyTo`) and resolved by the ministry.
 */
export const draftComments = pgTable(
  'draft_comments',
  {
    id: id(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id),
    /** The round it was made on. */
    round: integer('round').notNull(),
    item: text('item').notNull(),
    body: text('body').notNull(),
    replyTo: uuid('reply_to').references((): AnyPgColumn => draftComments.id),
    side: text('side', { enum: ['ministry', 'agency'] }).notNull(),
    actorKind: text('actor_kind', { enum: ACTOR_KINDS }).notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name').notNull(),
    at: createdAt(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
    resolvedByName: text('resolved_by_name'),
  },
  (t) => [index('draft_comments_draft_idx').on(t.draftId, t.at)],
);

/** Files delivered with an assignment (PDF, DOCX, XLSX), kept in the database. */
export const deliveryFiles = pgTable(
  'delivery_files',
  {
    id: id(),
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => assignments.id, { onDelete: 'cascade' }),
    /** The `delivered` event the file came with. */
    eventId: uuid('event_id')
      .notNull()
      .references(() => assignmentEvents.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('delivery_files_assignment_idx').on(t.assignmentId)],
);

/**
 * What a person is told of in the app (and by e-mail, through a job). `key` makes each
 * notification once only: a reminder scan that runs twice, or on two servers, adds nothing.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    key: text('key').notNull(),
    /** What it is about: an assignment, a draft, a report, a calendar item. */
    assignmentId: uuid('assignment_id').references(() => assignments.id, { onDelete: 'cascade' }),
    draftId: uuid('draft_id').references(() => drafts.id, { onDelete: 'cascade' }),
    reportId: uuid('report_id').references((): AnyPgColumn => reports.id, {
      onDelete: 'cascade',
    }),
    /** The facts the sentence is told from (register ID, title, date, days, reason …). */
    params: jsonb('params').$type<Record<string, string | number | null>>().notNull(),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('notifications_key').on(t.key),
    index('notifications_user_idx').on(t.userId, t.createdAt),
  ],
);

/**
 * Persistent jobs (sending mail, the reminder scan), claimed with `FOR UPDATE SKIP LOCKED`
 * so that two servers on one PostgreSQL never take the same job; a claim is a lease that
 * runs out, so a job a dead server held is taken again. `key` makes a job once only.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: id(),
    kind: text('kind').notNull(),
    key: text('key'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    runAt: timestamp('run_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    lockedBy: text('locked_by'),
    doneAt: timestamp('done_at', { withTimezone: true, mode: 'date' }),
    /** Given up after too many attempts (the last error says why). */
    failedAt: timestamp('failed_at', { withTimezone: true, mode: 'date' }),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('jobs_key').on(t.key),
    index('jobs_due_idx')
      .on(t.runAt)
      .where(sql`${t.doneAt} is null and ${t.failedAt} is null`),
  ],
);

/**
 * Reports the agency owes the ministry (src/services/reports.ts): one per reporting item of the
 * calendar of its shared or published letters (`key`: agency, year, date and normalised text,
 * so a re-import makes none twice), or asked for ad hoc by the ministry. `content` is what the
 * agency writes (contract ReportContent); what comes from the record is derived on reading.
 */
export const reports = pgTable(
  'reports',
  {
    id: id(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => organisations.id),
    ministryId: uuid('ministry_id')
      .notNull()
      .references(() => organisations.id),
    year: integer('year').notNull(),
    key: text('key').notNull(),
    source: text('source', { enum: REPORT_SOURCES }).notNull(),
    kind: text('kind', { enum: REPORT_KINDS }).notNull().default('status'),
    /** The year it reports on: the report's year, or for an annual report the year before. */
    periodYear: integer('period_year').notNull(),
    /** The calendar item it comes from (the current version's), while there is one. */
    calendarItemId: uuid('calendar_item_id').references(() => calendarItems.id, {
      onDelete: 'set null',
    }),
    title: text('title').notNull(),
    dueDate: date('due_date', { mode: 'string' }),
    status: text('status', { enum: REPORT_STATUSES }).notNull().default('draft'),
    /** Counts every change; a change names the version it was based on. */
    version: integer('version').notNull().default(1),
    /** The revision being written or last submitted: one more after each return. */
    revision: integer('revision').notNull().default(1),
    content: jsonb('content').$type<ReportContent>().notNull(),
    submittedHash: text('submitted_hash'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    reviewComment: text('review_comment'),
    /** An annual report's signatures (parts I and VI by the agency head); a change unsigns. */
    signatures: jsonb('signatures').$type<ReportSignature[]>().notNull().default([]),
    /** The ministry's comments on the steering parameters' values, by the parameter's id. */
    ministryComments: jsonb('ministry_comments')
      .$type<Record<string, string>>()
      .notNull()
      .default({}),
    createdByKind: text('created_by_kind', { enum: ACTOR_KINDS }).notNull(),
    createdById: text('created_by_id'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reports_key').on(t.key),
    index('reports_agency_year_idx').on(t.agencyId, t.year),
    index('reports_ministry_idx').on(t.ministryId),
  ],
);

/** Each submitted revision of a report, as it was submitted (content and its sha256). */
export const reportVersions = pgTable(
  'report_versions',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    content: jsonb('content').$type<ReportContent>().notNull(),
    sha256: text('sha256').notNull(),
    /** Submitted until the ministry answers; then returned or accepted. */
    outcome: text('outcome', { enum: REPORT_STATUSES }).notNull().default('submitted'),
    reviewComment: text('review_comment'),
    submittedByKind: text('submitted_by_kind', { enum: ACTOR_KINDS }).notNull(),
    submittedById: text('submitted_by_id'),
    submittedAt: createdAt(),
  },
  (t) => [uniqueIndex('report_versions_key').on(t.reportId, t.revision)],
);

/**
 * The risk tolerance the ministry has agreed with an agency for a year: a risk whose score
 * (likelihood × consequence, 1–25) is above it goes on the governance meeting's agenda.
 */
export const riskTolerances = pgTable(
  'risk_tolerances',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => organisations.id),
    year: integer('year').notNull(),
    score: integer('score').notNull(),
    comment: text('comment').notNull().default(''),
    setByKind: text('set_by_kind', { enum: ACTOR_KINDS }).notNull(),
    setById: text('set_by_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('risk_tolerances_key').on(t.agencyId, t.year),
    check('risk_tolerances_score', sql`${t.score} between 1 and 25`),
  ],
);

/**
 * Governance meetings (etatsstyringsmøter) between a ministry and an agency: made from the
 * calendar's meeting items or planned by the ministry; the agenda is derived from the record
 * until the meeting is held, then kept as it stood; minutes and decisions after.
 */
export const governanceMeetings = pgTable(
  'governance_meetings',
  {
    id: id(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => organisations.id),
    ministryId: uuid('ministry_id')
      .notNull()
      .references(() => organisations.id),
    year: integer('year').notNull(),
    /** Makes a calendar item one meeting across re-imports; a random key for planned ones. */
    key: text('key').notNull(),
    source: text('source', { enum: REPORT_SOURCES }).notNull(),
    calendarItemId: uuid('calendar_item_id').references(() => calendarItems.id, {
      onDelete: 'set null',
    }),
    title: text('title').notNull(),
    date: date('date', { mode: 'string' }),
    status: text('status', { enum: MEETING_STATUSES }).notNull().default('planned'),
    version: integer('version').notNull().default(1),
    /** The ministry's own points for the agenda. */
    ministryPoints: jsonb('ministry_points').$type<MinistryPoint[]>().notNull().default([]),
    /** The agenda as it stood when the meeting was held (null while planned: derived live). */
    agenda: jsonb('agenda').$type<AgendaItem[]>(),
    minutes: text('minutes').notNull().default(''),
    heldAt: timestamp('held_at', { withTimezone: true, mode: 'date' }),
    createdByKind: text('created_by_kind', { enum: ACTOR_KINDS }).notNull(),
    createdById: text('created_by_id'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('governance_meetings_key').on(t.key),
    index('governance_meetings_agency_year_idx').on(t.agencyId, t.year),
    index('governance_meetings_ministry_idx').on(t.ministryId),
  ],
);

/**
 * A decision of a held meeting; one may become an assignment of a supplement being written
 * (the draft and the assignment's key inside it, which carries the decision's id back).
 */
export const meetingDecisions = pgTable(
  'meeting_decisions',
  {
    id: id(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => governanceMeetings.id, { onDelete: 'cascade' }),
    ord: integer('ord').notNull(),
    text: text('text').notNull(),
    /** Who follows it up: the ministry or the agency. */
    responsible: text('responsible', { enum: ['ministry', 'agency'] }).notNull(),
    /** The deadline as written (`1. mars`), or empty. */
    deadline: text('deadline').notNull().default(''),
    draftId: uuid('draft_id').references(() => drafts.id, { onDelete: 'set null' }),
    draftAssignmentKey: uuid('draft_assignment_key'),
    createdByKind: text('created_by_kind', { enum: ACTOR_KINDS }).notNull(),
    createdById: text('created_by_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('meeting_decisions_meeting_idx').on(t.meetingId, t.ord),
    index('meeting_decisions_draft_idx').on(t.draftId),
  ],
);

/**
 * Integrating systems (OAuth 2.0 client credentials, docs/machine-access.md): each acts within
 * its organisation with the roles given to it, limited to its scopes. The secret is kept only
 * as a salted scrypt hash; a client registered for an external authorisation server
 * (Maskinporten) is matched by the token's issuer and client id instead.
 */
export const apiClients = pgTable(
  'api_clients',
  {
    id: id(),
    /** The public client id (`client_id`). */
    clientId: text('client_id').notNull(),
    name: text('name').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** The roles the client acts with within its organisation (src/domain/policy.ts). */
    roles: jsonb('roles').$type<string[]>().notNull(),
    /** The scopes a token of the client may carry (contract API_SCOPES). */
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    /** `scrypt$N$r$p$salt$hash` (base64url); null for a client of an external issuer only. */
    secretHash: text('secret_hash'),
    /** The external authorisation server whose tokens name this client, and its id there. */
    externalIssuer: text('external_issuer'),
    externalClientId: text('external_client_id'),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    createdByKind: text('created_by_kind', { enum: ACTOR_KINDS }).notNull(),
    createdById: text('created_by_id'),
  },
  (t) => [
    uniqueIndex('api_clients_client_id_key').on(t.clientId),
    uniqueIndex('api_clients_external_key').on(t.externalIssuer, t.externalClientId),
  ],
);

/**
 * Access tokens issued at POST /oauth/token: opaque random strings, kept only as their sha256,
 * checked against the client's row on every request (a revoked client is refused at once).
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    tokenHash: text('token_hash').notNull(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => apiClients.id, { onDelete: 'cascade' }),
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('api_tokens_token_hash_key').on(t.tokenHash),
    index('api_tokens_client_idx').on(t.clientId),
  ],
);

/**
 * Where a client is told of events (src/services/webhooks.ts). The signing secret is kept in
 * clear: the server needs it to sign each delivery (HMAC-SHA256), as the receiver does to check.
 */
export const webhooks = pgTable(
  'webhooks',
  {
    id: id(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => apiClients.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    secret: text('secret').notNull(),
    /** The events it receives (contract WEBHOOK_EVENTS). */
    events: jsonb('events').$type<string[]>().notNull(),
    createdAt: createdAt(),
    createdByKind: text('created_by_kind', { enum: ACTOR_KINDS }).notNull(),
    createdById: text('created_by_id'),
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('webhooks_client_idx').on(t.clientId)],
);
