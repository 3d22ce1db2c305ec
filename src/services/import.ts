/**
 * Storing an imported file: the source text, each document with everything extracted from it,
 * organisations, and the assignment register — in one transaction, so a file is stored
 * completely or not at all. Re-importing the same bytes changes nothing; a changed document
 * becomes a new version with a readable diff.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { ImportConfirmationReason, ImportPlan } from '../contract/api';
import type { DocumentStatus } from '../contract/enums';
import type { ExtractedDocument, ImportWarning, VersionChange } from '../contract/letter';
import type { Db } from '../db/client';
import {
  assignmentEvents,
  appropriationLines,
  assignmentCollaborators,
  assignmentDeadlines,
  assignmentFunding,
  assignmentReferences,
  assignments,
  budgetAuthorities,
  calendarItems,
  carriedOver,
  commonRequirements,
  departments,
  documents,
  earmarks,
  goals,
  mandates,
  organisations,
  sourceFiles,
  steeringParameters,
  subAssignments,
  sumLines,
  totalsClaims,
} from '../db/schema';
import {
  appropriationRows,
  calendarRows,
  deadlineRows,
  goalRows,
  span,
  steeringParameterRows,
  sumLineRows,
} from '../db/reading-rows';
import {
  matchAssignments,
  type AssignmentMatch,
  type StoredAssignmentRef,
} from '../domain/versions';
import { calendarKey, contentKey, diffDocuments, postKey } from '../import/diff';
import type { StoredFile } from '../import/index';
import { storeActor } from '../domain/actors';
import {
  can,
  importsForAnyMinistry,
  isMember,
  type Actor,
  type AssignmentLike,
} from '../domain/policy';
import { appendAudit, audited, type AuditedTx } from './audit';
import { applyCorrections } from '../domain/corrections';
import { seriesCorrections } from './corrections';
import { resolveLinks } from './links';
import { applyAssignmentChanges } from './assignment-changes';
import { insertTextParts } from './assignment-parts';
import { findOrCreateOrganisation, findOrganisation, type OrgRef } from './organisations';
import { tellLetterIssued } from './webhooks';

export type DocumentOutcome = 'created' | 'new-version' | 'unchanged';

export interface StoredDocumentOutcome {
  id: string;
  kind: ExtractedDocument['kind'];
  number: number | null;
  year: number;
  title: string;
  version: number;
  outcome: DocumentOutcome;
  diff: VersionChange[];
  plan: ImportPlan;
  status: DocumentStatus;
}

export type ImportOutcome =
  | { status: 'stored'; file: string; sourceFileId: string; documents: StoredDocumentOutcome[] }
  /** Nothing was stored: the plans whose `confirmation` was not given. */
  | { status: 'needs-confirmation'; file: string; plans: ImportPlan[] };

export interface ImportOptions {
  /**
   * Confirmation tokens the person gave (from a dry run or an earlier answer), or 'all' for the
   * system's own imports (sample data, tests) and the command line's `--yes`.
   */
  confirm: 'all' | ReadonlySet<string>;
  /**
   * Store letters not stored before for review (status `draft`: read by their ministry only, not
   * issued until the review is approved, src/services/document-status.ts) rather than issued. A
   * new version of a stored letter keeps its letter's status either way: one under review stays
   * under review, an issued one stays issued.
   */
  review?: boolean;
}

/**
 * A document the importer may not store for this actor: another ministry's letter, or one whose
 * ministry cannot be told. The whole file is refused, nothing stored.
 */
export class ImportDenied extends Error {
  constructor(
    public code: 'not-your-ministry' | 'ministry-unknown',
    public reason: string,
    public params: { ministry?: string } = {},
  ) {
    super(reason);
    this.name = 'ImportDenied';
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Which document this is, across versions: issuing ministry, addressed agency, year, kind and
 * supplement number, by the organisations' ids (never by a title or a name as printed).
 */
export function seriesKey(
  ministryId: string,
  agencyId: string | null,
  doc: Pick<ExtractedDocument, 'year' | 'kind' | 'number'>,
): string {
  return [ministryId, agencyId ?? '-', doc.year, doc.kind, doc.number ?? 0].join('|');
}

type CurrentDocument = Pick<
  typeof documents.$inferSelect,
  'id' | 'version' | 'extracted' | 'status' | 'agencyId' | 'ministryId'
>;

/** Everything planning found out about one document, for storing it the same way. */
interface Planned {
  doc: ExtractedDocument;
  ministry: OrgRef;
  agency: OrgRef | null;
  current: CurrentDocument | null;
  match: AssignmentMatch;
  diff: VersionChange[];
  plan: ImportPlan;
}

/**
 * The issuing ministry. A ministry user imports only their own ministry's letters: one that
 * names another ministry is refused, one that names none is theirs. Administrators and the
 * system take the ministry the text names, else the one the agency's year is already filed
 * under (a supplement that does not repeat its ministry), else the one the agency reports to,
 * else refuse.
 */
async function resolveMinistry(
  tx: Db,
  actor: Actor,
  doc: ExtractedDocument,
  agency: OrgRef | null,
): Promise<OrgRef> {
  if (isMember(actor) && !importsForAnyMinistry(actor)) {
    const [own] = await tx
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, actor.organisationId));
    if (!own) throw new ImportDenied('not-your-ministry', 'your organisation is not a ministry');
    if (doc.ministry) {
      const named = await findOrganisation(tx, 'ministry', doc.ministry, doc.ministryOrgNr);
      if (named.id !== own.id || !can(actor, 'documents.import', asImported(own.id, null))) {
        throw new ImportDenied(
          'not-your-ministry',
          `the letter is from ${doc.ministry}; you may import only letters from ${own.name}`,
          { ministry: doc.ministry },
        );
      }
    }
    if (!can(actor, 'documents.import', asImported(own.id, null))) {
      throw new ImportDenied('not-your-ministry', `you may not import letters for ${own.name}`);
    }
    return own;
  }
  if (doc.ministry) return findOrganisation(tx, 'ministry', doc.ministry, doc.ministryOrgNr);
  if (agency?.id) {
    const filed = await tx
      .selectDistinct({ id: organisations.id, name: organisations.name })
      .from(documents)
      .innerJoin(organisations, eq(organisations.id, documents.ministryId))
      .where(
        and(
          eq(documents.agencyId, agency.id),
          eq(documents.year, doc.year),
          eq(documents.isCurrent, true),
        ),
      );
    if (filed.length === 1) return filed[0]!;
    // Else the ministry the agency reports to.
    const [parent] = await tx
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .innerJoin(sql`organisations as agency`, sql`agency.parent_id = ${organisations.id}`)
      .where(sql`agency.id = ${agency.id}`);
    if (parent) return parent;
  }
  throw new ImportDenied(
    'ministry-unknown',
    `"${doc.title}" names no ministry, and no letter of ${doc.agency ?? 'its agency'} for ${doc.year} is stored to tell which ministry issued it`,
  );
}

/**
 * The reading with the series' corrections applied; a correction whose item this reading no
 * longer has (the letter changed) is told as a warning, and kept for later versions.
 */
function withCorrections(
  read: ExtractedDocument,
  corrections: Parameters<typeof applyCorrections>[1],
): ExtractedDocument {
  if (corrections.length === 0) return read;
  const { doc, unmatched } = applyCorrections(read, corrections);
  const warnings = unmatched.map((c): ImportWarning => ({
    code: 'correction-stale',
    params: { kind: c.itemKind, key: c.itemKey, field: c.change.field },
  }));
  return warnings.length === 0 ? doc : { ...doc, warnings: [...doc.warnings, ...warnings] };
}

/** What the policy judges an import by: the ministry and agency it would be filed under. */
function asImported(ministryId: string | null, agencyId: string | null): AssignmentLike {
  return { status: 'draft', ministryId, agencyId };
}

/** Reads how one document would be stored; changes nothing. Throws ImportDenied. */
async function planDocument(
  tx: Db,
  actor: Actor,
  fileHash: string,
  index: number,
  read: ExtractedDocument,
  /** Register IDs earlier documents of the same file take, per agency. */
  claimedInFile: Map<string, Set<string>>,
): Promise<Planned> {
  const agency = read.agency ? await findOrganisation(tx, 'agency', read.agency) : null;
  const ministry = await resolveMinistry(tx, actor, read, agency);
  const key =
    ministry.id && (agency === null || agency.id)
      ? seriesKey(ministry.id, agency?.id ?? null, read)
      : null;
  // What people corrected in earlier imports of this letter applies to this reading too.
  const doc = key ? withCorrections(read, await seriesCorrections(tx, key)) : read;
  const [current] = key
    ? await tx
        .select({
          id: documents.id,
          version: documents.version,
          extracted: documents.extracted,
          status: documents.status,
          agencyId: documents.agencyId,
          ministryId: documents.ministryId,
        })
        .from(documents)
        .where(and(eq(documents.seriesKey, key), eq(documents.isCurrent, true)))
    : [];
  const unchanged = !!current && contentKey(current.extracted) === contentKey(doc);

  // The stored version's assignments (locked: a status change waits for this import).
  const previous: StoredAssignmentRef[] =
    current && !unchanged
      ? await tx
          .select({
            id: assignments.id,
            registerId: assignments.registerId,
            printedId: assignments.printedId,
            title: assignments.title,
          })
          .from(assignments)
          .where(eq(assignments.documentId, current.id))
          .orderBy(asc(assignments.ord))
          .for('update')
      : [];
  const agencyKey = agency?.name.toLowerCase() ?? '-';
  const claimed = claimedInFile.get(agencyKey) ?? new Set<string>();
  claimedInFile.set(agencyKey, claimed);
  const taken = new Set([
    ...(key ? await takenRegisterIds(tx, agency?.id ?? null, key) : []),
    ...claimed,
  ]);
  const match = matchAssignments(previous, doc.assignments, taken);
  for (const id of match.registerIds) claimed.add(id);
  const diff =
    current && !unchanged
      ? diffDocuments(current.extracted, doc, {
          before: previous.map((p) => p.registerId),
          after: match.registerIds,
        })
      : [];

  const removes = {
    assignments: [] as string[],
    appropriations: [] as string[],
    calendar: [] as string[],
  };
  if (current && !unchanged) {
    removes.assignments = match.removed.map((p) => p.registerId);
    const newPosts = new Set(doc.appropriations.map(postKey));
    removes.appropriations = [
      ...new Set(current.extracted.appropriations.map(postKey).filter((k) => !newPosts.has(k))),
    ];
    const newCalendar = new Set(doc.calendar.map(calendarKey));
    removes.calendar = current.extracted.calendar
      .map(calendarKey)
      .filter((k) => !newCalendar.has(k));
  }
  const newOrganisations = [
    ...(ministry.id ? [] : [{ kind: 'ministry' as const, name: ministry.name }]),
    ...(agency && !agency.id ? [{ kind: 'agency' as const, name: agency.name }] : []),
  ];

  const reasons: ImportConfirmationReason[] = [];
  if (!unchanged) {
    if (current) reasons.push('replaces-version');
    if (removes.assignments.length + removes.appropriations.length + removes.calendar.length > 0) {
      reasons.push('removes-items');
    }
    if (newOrganisations.length > 0) reasons.push('new-organisation');
    if (doc.identity === 'assumed') reasons.push('identity-uncertain');
    if (!doc.agency) reasons.push('agency-unknown');
  }
  const token =
    reasons.length === 0
      ? null
      : createHash('sha256')
          .update(
            [
              fileHash,
              index,
              key ?? `${ministry.name}|${agency?.name ?? '-'}`,
              current?.id ?? 'new',
              reasons.join(','),
            ].join('\n'),
          )
          .digest('hex')
          .slice(0, 32);

  return {
    doc,
    ministry,
    agency,
    current: current ?? null,
    match,
    diff,
    plan: {
      action: unchanged ? 'unchanged' : current ? 'new-version' : 'create',
      ministry: ministry.name,
      agency: agency?.name ?? null,
      replaces: current && !unchanged ? { id: current.id, version: current.version } : null,
      removes,
      newOrganisations,
      confirmation: token ? { token, reasons } : null,
    },
  };
}

/**
 * A transaction-scoped lock per document identity, so parallel imports of it take turns, and
 * an import and the approval of the review of the same letter (src/services/document-status.ts)
 * do too: the import plans with the status the approval left, or the approval finds the version
 * it approves replaced. `doc`: the reading, or a stored version's (`documents.extracted`).
 */
export async function lockIdentity(
  tx: Db,
  doc: Pick<ExtractedDocument, 'agency' | 'year' | 'kind' | 'number'>,
) {
  const key = [
    'import',
    doc.agency?.toLowerCase() ?? '-',
    doc.year,
    doc.kind,
    doc.number ?? 0,
  ].join('|');
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

/**
 * What importing a parsed file would do, without storing anything (the API's dry run).
 * Throws ImportDenied.
 */
export async function planImport(
  db: Db,
  actor: Actor,
  file: Pick<StoredFile, 'bytes'>,
  docs: ExtractedDocument[],
): Promise<ImportPlan[]> {
  const hash = sha256(file.bytes);
  const plans: ImportPlan[] = [];
  const claimed = new Map<string, Set<string>>();
  for (const [i, doc] of docs.entries()) {
    plans.push((await planDocument(db, actor, hash, i, doc, claimed)).plan);
  }
  return plans;
}

/**
 * Stores one parsed file in a single transaction: every document, or (when one waits for a
 * confirmation it was not given, or may not be imported by this actor) none.
 */
export async function storeImport(
  db: Db,
  actor: Actor,
  file: StoredFile,
  docs: ExtractedDocument[],
  opts: ImportOptions = { confirm: new Set() },
): Promise<ImportOutcome> {
  return audited(db, async (tx) => {
    const hash = sha256(file.bytes);
    const sorted = [...docs].sort((a, b) =>
      `${a.agency}|${a.year}|${a.kind}|${a.number}`.localeCompare(
        `${b.agency}|${b.year}|${b.kind}|${b.number}`,
      ),
    );
    for (const doc of sorted) await lockIdentity(tx, doc);
    const planned: Planned[] = [];
    const claimed = new Map<string, Set<string>>();
    for (const [i, doc] of docs.entries()) {
      planned.push(await planDocument(tx, actor, hash, i, doc, claimed));
    }
    const confirmed = (p: Planned) =>
      !p.plan.confirmation || opts.confirm === 'all' || opts.confirm.has(p.plan.confirmation.token);
    if (!planned.every(confirmed)) {
      return { status: 'needs-confirmation', file: file.name, plans: planned.map((p) => p.plan) };
    }

    const findFile = async () =>
      (
        await tx
          .select({ id: sourceFiles.id })
          .from(sourceFiles)
          .where(eq(sourceFiles.sha256, hash))
      )[0]?.id;
    const storeFile = async () => {
      const who = storeActor(actor);
      const [row] = await tx
        .insert(sourceFiles)
        .values({
          name: file.name,
          sha256: hash,
          format: file.format,
          sizeBytes: file.bytes.byteLength,
          pages: file.pages,
          text: file.lines.join('\n'),
          // The original is kept for a PDF only: the review shows its pages.
          bytes: file.format === 'pdf' ? file.bytes : null,
          lineBoxes: file.format === 'pdf' ? (file.boxes ?? null) : null,
          importedByKind: who.kind,
          importedById: who.id,
        })
        .onConflictDoNothing()
        .returning({ id: sourceFiles.id });
      if (!row) return undefined;
      await appendAudit(tx, actor, {
        action: 'source-file.store',
        objectType: 'source-file',
        objectId: row.id,
        after: {
          name: file.name,
          sha256: hash,
          format: file.format,
          sizeBytes: file.bytes.byteLength,
        },
      });
      return row.id;
    };
    const sourceFileId = (await findFile()) ?? (await storeFile()) ?? (await findFile());
    if (!sourceFileId) throw new Error(`Could not store source file ${file.name}`);
    // A PDF stored before its file and line boxes were kept gets them now (same bytes: same hash).
    if (file.format === 'pdf') {
      await tx
        .update(sourceFiles)
        .set({ bytes: file.bytes, lineBoxes: file.boxes ?? null })
        .where(and(eq(sourceFiles.id, sourceFileId), isNull(sourceFiles.bytes)));
    }

    const stored: StoredDocumentOutcome[] = [];
    for (const p of planned)
      stored.push(await storeDocument(tx, actor, sourceFileId, file.lines, p, !!opts.review));
    return { status: 'stored', file: file.name, sourceFileId, documents: stored };
  });
}

async function storeDocument(
  tx: AuditedTx,
  actor: Actor,
  sourceFileId: string,
  lines: string[],
  p: Planned,
  review: boolean,
): Promise<StoredDocumentOutcome> {
  const { doc, plan } = p;
  const base = { kind: doc.kind, number: doc.number, year: doc.year, title: doc.title, plan };
  if (plan.action === 'unchanged' && p.current) {
    return {
      ...base,
      id: p.current.id,
      version: p.current.version,
      outcome: 'unchanged',
      diff: [],
      status: p.current.status,
    };
  }
  const ministryId =
    p.ministry.id ??
    (await findOrCreateOrganisation(tx, actor, {
      kind: 'ministry',
      name: p.ministry.name,
      orgNr: doc.ministryOrgNr,
      parentId: null,
    }));
  const agencyId = p.agency
    ? (p.agency.id ??
      (await findOrCreateOrganisation(tx, actor, {
        kind: 'agency',
        name: p.agency.name,
        orgNr: null,
        parentId: ministryId,
      })))
    : null;
  const key = seriesKey(ministryId, agencyId, doc);
  const current = plan.action === 'new-version' ? p.current : null;
  // The status as the version replaced has it now (read with its row locked), not as planned.
  const [replaced] = current
    ? await tx
        .update(documents)
        .set({ isCurrent: false })
        .where(eq(documents.id, current.id))
        .returning({ status: documents.status })
    : [];

  const version = (current?.version ?? 0) + 1;
  // Whether it counts as issued: a new version as its letter does, a new letter as asked.
  const status: DocumentStatus = replaced?.status ?? (review ? 'draft' : 'published');
  const who = storeActor(actor);
  const [row] = await tx
    .insert(documents)
    .values({
      agencyId,
      ministryId,
      kind: doc.kind,
      number: doc.number ?? 0,
      year: doc.year,
      seriesKey: key,
      version,
      isCurrent: true,
      title: doc.title,
      agencyName: p.agency?.name ?? null,
      ministryName: p.ministry.name,
      date: doc.date,
      legalBasis: doc.legalBasis,
      signatories: doc.signatories,
      status,
      sourceFileId,
      ...span(doc.provenance),
      body: lines.slice(doc.provenance.startLine - 1, doc.provenance.endLine).join('\n'),
      coverage: doc.coverage.ratio,
      unparsed: doc.unparsed,
      // Codes with values (ImportWarning); the column's declared type (string[]) predates them,
      // and rows stored before hold English text: read through presentWarning.
      warnings: doc.warnings,
      extracted: doc,
      createdByKind: who.kind,
      createdById: who.id,
    })
    .returning({ id: documents.id });
  const documentId = row!.id;

  await storeMoney(tx, documentId, doc);
  await storeGoalsAndCalendar(tx, documentId, doc);
  await ensureDepartments(tx, ministryId, doc);
  await storeAssignments(tx, { documentId, agencyId, previousDocumentId: current?.id ?? null }, p);
  // The register follows the changes of earlier assignments it prints (or that name its own).
  await applyAssignmentChanges(tx, actor, documentId);

  await appendAudit(tx, actor, {
    action: current ? 'import.new-version' : 'import.create',
    objectType: 'document',
    objectId: documentId,
    before: current ? { id: current.id, version: current.version } : null,
    after: {
      title: doc.title,
      kind: doc.kind,
      number: doc.number,
      year: doc.year,
      version,
      status,
      replaces: plan.replaces,
      appropriations: doc.appropriations.length,
      assignments: p.match.registerIds,
      removed: plan.removes,
      newOrganisations: plan.newOrganisations,
      confirmed: plan.confirmation?.reasons ?? [],
      diff: p.diff,
    },
  });
  // Stored as issued: integrating systems that read it are told (webhooks, in this tx). One
  // under review is told of when its review is approved.
  if (status === 'published') await tellLetterIssued(tx, documentId);
  return {
    ...base,
    id: documentId,
    version,
    outcome: current ? 'new-version' : 'created',
    diff: p.diff,
    status,
  };
}

async function ensureDepartments(tx: Db, ministryId: string, doc: ExtractedDocument) {
  const codes = [
    ...new Set(doc.assignments.map((a) => a.ownerDepartment).filter((c): c is string => !!c)),
  ];
  if (codes.length === 0) return;
  await tx
    .insert(departments)
    .values(codes.map((code) => ({ ministryId, code })))
    .onConflictDoNothing();
}

async function storeMoney(tx: Db, documentId: string, doc: ExtractedDocument) {
  if (doc.appropriations.length > 0) {
    await tx.insert(appropriationLines).values(appropriationRows(documentId, doc));
  }
  if (doc.sumLines.length > 0) {
    await tx.insert(sumLines).values(sumLineRows(documentId, doc));
  }
  if (doc.earmarks.length > 0) {
    await tx.insert(earmarks).values(
      doc.earmarks.map((e) => ({
        documentId,
        chapter: e.chapter,
        post: e.post,
        amount: e.amount,
        text: e.text,
        ...span(e.provenance),
      })),
    );
  }
  if (doc.budgetAuthorities.length > 0) {
    await tx.insert(budgetAuthorities).values(
      doc.budgetAuthorities.map((b) => ({
        documentId,
        kind: b.kind,
        text: b.text,
        posts: b.posts,
        ...span(b.provenance),
      })),
    );
  }
  if (doc.totalsClaimed.length > 0) {
    await tx.insert(totalsClaims).values(
      doc.totalsClaimed.map((t) => ({
        documentId,
        chapter: t.chapter,
        post: t.post,
        heading: t.heading,
        rows: t.rows,
        total: t.total,
        ...span(t.provenance),
      })),
    );
  }
}

async function storeGoalsAndCalendar(tx: Db, documentId: string, doc: ExtractedDocument) {
  if (doc.goals.length > 0) {
    await tx.insert(goals).values(goalRows(documentId, doc));
  }
  if (doc.steeringParameters.length > 0) {
    await tx.insert(steeringParameters).values(steeringParameterRows(documentId, doc));
  }
  if (doc.commonRequirements.length > 0) {
    await tx.insert(commonRequirements).values(
      doc.commonRequirements.map((c) => ({
        documentId,
        title: c.title,
        text: c.text,
        ...span(c.provenance),
      })),
    );
  }
  if (doc.mandates.length > 0) {
    await tx.insert(mandates).values(
      doc.mandates.map((m) => ({
        documentId,
        title: m.title,
        text: m.text,
        ...span(m.provenance),
      })),
    );
  }
  if (doc.calendar.length > 0) {
    await tx.insert(calendarItems).values(calendarRows(documentId, doc));
  }
}

/** Register IDs already used by other document series of this agency. */
async function takenRegisterIds(
  tx: Db,
  agencyId: string | null,
  seriesKeyOfThis: string,
): Promise<Set<string>> {
  const rows = await tx
    .select({ id: assignments.registerId })
    .from(assignments)
    .innerJoin(documents, eq(documents.id, assignments.documentId))
    .where(
      and(
        agencyId ? eq(assignments.agencyId, agencyId) : isNull(assignments.agencyId),
        eq(documents.isCurrent, true),
        ne(documents.seriesKey, seriesKeyOfThis),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

/** The tables that hang under an assignment and describe its text as one version printed it. */
const assignmentParts = [
  assignmentDeadlines,
  subAssignments,
  assignmentCollaborators,
  assignmentReferences,
  assignmentFunding,
] as const;

/**
 * The register rows of a new document version. An assignment the new version continues keeps
 * its row (id, status, version, owner and history stay where every client has them, so no
 * status change sent meanwhile is lost); the version it replaces keeps a read-only copy of the
 * row as it was printed there. Assignments the new version drops stay with the old version,
 * their version moved on so that a change based on the earlier state is refused as stale.
 */
async function storeAssignments(
  tx: Db,
  ctx: { documentId: string; agencyId: string | null; previousDocumentId: string | null },
  p: Planned,
) {
  const { doc, match } = p;
  for (const [ord, a] of doc.assignments.entries()) {
    const registerId = match.registerIds[ord]!;
    const content = {
      documentId: ctx.documentId,
      agencyId: ctx.agencyId,
      year: doc.year,
      ord,
      printedId: a.id,
      registerId,
      idAssigned: a.id === null,
      ownerDepartment: a.ownerDepartment,
      title: a.title,
      body: a.text,
      section: a.section,
      clarifies: a.clarifies,
      change: a.clarifies === null ? null : (a.change ?? null),
      ...span(a.provenance),
    };
    const continued = match.continues[ord];
    let assignmentId: string;
    if (continued && ctx.previousDocumentId) {
      const [live] = await tx.select().from(assignments).where(eq(assignments.id, continued));
      const { id: _id, search: _search, createdAt: _created, ...was } = live!;
      const [copy] = await tx
        .insert(assignments)
        .values({ ...was, documentId: ctx.previousDocumentId })
        .returning({ id: assignments.id });
      for (const part of assignmentParts) {
        await tx
          .update(part)
          .set({ assignmentId: copy!.id })
          .where(eq(part.assignmentId, continued));
      }
      // An owner department the ministry set in Tildel stays: the letter's may be the one it
      // corrected, or none.
      const [set] = await tx
        .select({ id: assignmentEvents.id })
        .from(assignmentEvents)
        .where(
          and(
            eq(assignmentEvents.assignmentId, continued),
            eq(assignmentEvents.kind, 'owner-department'),
          ),
        )
        .limit(1);
      await tx
        .update(assignments)
        .set(set ? { ...content, ownerDepartment: live!.ownerDepartment } : content)
        .where(eq(assignments.id, continued));
      assignmentId = continued;
    } else {
      const [row] = await tx.insert(assignments).values(content).returning({ id: assignments.id });
      assignmentId = row!.id;
    }
    await storeAssignmentParts(tx, assignmentId, a);
  }
  const removed = match.removed.map((r) => r.id);
  if (removed.length > 0) {
    await tx
      .update(assignments)
      .set({ version: sql`${assignments.version} + 1` })
      .where(inArray(assignments.id, removed));
  }
  if (doc.carriedOver.length > 0) {
    await tx.insert(carriedOver).values(
      doc.carriedOver.map((c) => ({
        documentId: ctx.documentId,
        printedId: c.id,
        title: c.title,
        ...span(c.provenance),
      })),
    );
  }
  await resolveLinks(tx, ctx.agencyId);
}

async function storeAssignmentParts(
  tx: Db,
  assignmentId: string,
  a: ExtractedDocument['assignments'][number],
) {
  if (a.deadlines.length > 0) {
    await tx.insert(assignmentDeadlines).values(deadlineRows(assignmentId, a));
  }
  await insertTextParts(tx, assignmentId, a);
}
