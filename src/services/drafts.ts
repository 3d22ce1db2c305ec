/**
 * Letters written in Tildel (rules: src/domain/draft.ts). A ministry officer creates a draft
 * for one of the ministry's agencies (empty, or from last year's letter), officers edit it
 * with the version they saw, they share rounds with the agency for comments, a second officer
 * approves it, and issuing writes it as Word and PDF, reads both back with the importer (in
 * the worker pool, as any upload), checks that they read back as written, and stores the Word
 * file's reading through the import, in the same transaction.
 * So an issued draft is a document like any other, traced to the file the agency receives.
 */
import { and, asc, desc, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  DRAFT_CURSOR,
  DraftContent,
  type DraftCommentBody,
  type DraftConflict,
  type DraftCreateBody,
  type DraftUpdateBody,
} from '../contract/draft';
import { cursorKeys, pageOf, type Cursor } from '../contract/pagination';
import type { DraftError } from '../contract/enums';
import type { Db } from '../db/client';
import { after, exactTime, orderBy, type SortKey } from '../db/keyset';
import {
  assignments,
  auditLog,
  documents,
  draftComments,
  draftRounds,
  drafts,
  organisations,
} from '../db/schema';
import { visibleDocuments, visibleDrafts } from '../db/visibility';
import {
  actorColumns,
  actorLabel,
  actorName,
  storeActor,
  storedActorOf,
  type StoredActor,
} from '../domain/actors';
import {
  deriveDraft,
  draftFromLastYear,
  emptyDraft,
  issueIds,
  printedNames,
  readBackDifferences,
  supplementTotals,
  type LastYearLetter,
} from '../domain/draft';
import { MERGE_WINDOW, mergeDraft } from '../domain/draft-merge';
import { postLabel } from '../domain/ledger';
import {
  can,
  readsSharedRound,
  sideOf,
  type Actor,
  type DraftLike,
  writingMinistry,
} from '../domain/policy';
import type { ParsedFile } from '../import/index';
import { extractCollaborators, extractFunding } from '../import/parse/assign-details';
import { readLetterFileIsolated } from '../import/read-pool';
import { letterPdf } from '../render/pdf';
import { detailSentences, layOutLetter, letterTitle } from '../render/letter';
import { actorNames, nameOf } from './actor-names';
import { notify, peopleWith } from './notifications';
import { appendAudit, audited, type AuditedTx } from './audit';
import { osloToday } from './calendar';
import { carryOverProposal } from './carry-over';
import { computeSeries, loadAgencyYear } from './ledger';
import { sha256, storeImport } from './import';

export type DraftRow = typeof drafts.$inferSelect;

/** A draft with the names the presenter shows. */
export interface DraftView {
  row: DraftRow;
  ministryName: string;
  agencyName: string;
  sharedSubject: string | null;
}

/** One draft with the names of who wrote and approved it, its rounds and its comments. */
export interface DraftDetail extends DraftView {
  /** The IDs the draft's changes of earlier assignments name that the agency's register holds. */
  register: ReadonlySet<string>;
  createdBy: string;
  approvedBy: string | null;
  rounds: (typeof draftRounds.$inferSelect & { sharedBy: string })[];
  comments: (typeof draftComments.$inferSelect)[];
}

export const draftLike = (
  r: Pick<DraftRow, 'status' | 'editors' | 'ministryId' | 'agencyId' | 'sharedRound'>,
) =>
  ({
    status: 'draft',
    draftStatus: r.status,
    editors: r.editors,
    ministryId: r.ministryId,
    agencyId: r.agencyId,
    shared: r.sharedRound !== null,
  }) satisfies DraftLike;

export type DraftOutcome =
  | { kind: 'saved'; draft: DraftDetail }
  | { kind: 'not-found' }
  | { kind: 'forbidden' }
  /** `conflicts`: of a save that could not be merged, the parts both changed (else none). */
  | {
      kind: 'stale';
      current: { version: number; status: string };
      conflicts?: DraftConflict[];
    }
  | { kind: 'refused'; error: DraftError; message: string; current: unknown };

const ministryOrg = alias(organisations, 'ministry');
const agencyOrg = alias(organisations, 'agency');

function selectDrafts(db: Db) {
  return db
    .select({
      row: drafts,
      ministryName: ministryOrg.name,
      agencyName: agencyOrg.name,
      // The subject as shared with the agency (its title there), null before any round.
      sharedSubject: sql<
        string | null
      >`(select ${draftRounds.content}->>'subject' from ${draftRounds} where ${draftRounds.draftId} = ${drafts.id} and ${draftRounds.round} = ${drafts.sharedRound})`,
    })
    .from(drafts)
    .innerJoin(ministryOrg, eq(ministryOrg.id, drafts.ministryId))
    .innerJoin(agencyOrg, eq(agencyOrg.id, drafts.agencyId));
}

/** The draft list's order: last changed first, then id. */
const draftKeys: SortKey[] = [
  { expr: drafts.updatedAt, desc: true, cast: 'timestamptz' },
  { expr: drafts.id },
];

/** A page of the drafts the actor may read, last changed first, and the cursor of the next. */
export async function listDrafts(
  db: Db,
  actor: Actor,
  page: { limit: number; cursor?: Cursor | undefined },
): Promise<{ rows: DraftView[]; nextCursor: string | null }> {
  const start = cursorKeys(page.cursor, DRAFT_CURSOR.updated);
  const rows = await db
    .select({ id: drafts.id, updated: exactTime(drafts.updatedAt) })
    .from(drafts)
    .where(and(visibleDrafts(actor), start === undefined ? undefined : after(draftKeys, start)))
    .orderBy(...orderBy(draftKeys))
    .limit(page.limit + 1);
  const { rows: ids, nextCursor } = pageOf(
    rows,
    page.limit,
    'updated',
    (r) => [r.updated, r.id],
    page,
  );
  if (ids.length === 0) return { rows: [], nextCursor };
  // The page's drafts in full, in the page's order.
  const found = await selectDrafts(db).where(
    inArray(
      drafts.id,
      ids.map((r) => r.id),
    ),
  );
  const byId = new Map(found.map((v) => [v.row.id, v]));
  return { rows: ids.flatMap((r) => byId.get(r.id) ?? []), nextCursor };
}

export async function getDraft(db: Db, actor: Actor, id: string): Promise<DraftDetail | null> {
  const [found] = await selectDrafts(db).where(and(eq(drafts.id, id), visibleDrafts(actor)));
  return found ? withNames(db, actor, found) : null;
}

async function withNames(db: Db, actor: Actor, v: DraftView): Promise<DraftDetail> {
  const [rounds, comments] = await Promise.all([
    db
      .select()
      .from(draftRounds)
      .where(eq(draftRounds.draftId, v.row.id))
      .orderBy(asc(draftRounds.round)),
    db
      .select()
      .from(draftComments)
      .where(eq(draftComments.draftId, v.row.id))
      .orderBy(asc(draftComments.at)),
  ]);
  const created = storedActorOf({ actorKind: v.row.createdByKind, actorId: v.row.createdById });
  const approved = v.row.approvedByKind
    ? storedActorOf({ actorKind: v.row.approvedByKind, actorId: v.row.approvedById })
    : null;
  const sharers = rounds.map((r) =>
    storedActorOf({ actorKind: r.sharedByKind, actorId: r.sharedById }),
  );
  const names = await actorNames(db, [created, ...(approved ? [approved] : []), ...sharers]);
  const name = (a: StoredActor) => nameOf(names, a) ?? actorLabel(a);
  const register = await registerHolds(db, actor, v.row, [
    v.row.content,
    ...(rounds.at(-1) ? [rounds.at(-1)!.content] : []),
  ]);
  return {
    ...v,
    register,
    createdBy: name(created),
    approvedBy: approved ? name(approved) : null,
    rounds: rounds.map((r, i) => ({ ...r, sharedBy: name(sharers[i]!) })),
    comments,
  };
}

/**
 * Per assignment (by key), its collaborators and funding lines (in words: `kap. 20 post 01`)
 * that the sentences the letter prints them in do not read back as (src/render/letter.ts
 * `detailSentences`, read by the importer's own readers): the draft shows each as a problem
 * (domain `deriveDraft`) rather than issuing refusing a letter that reads back otherwise.
 */
export function unreadDetails(c: DraftContent): ReadonlyMap<string, string[]> {
  const out = new Map<string, string[]>();
  for (const a of c.assignments) {
    const printed = detailSentences(a, c.language);
    const names = printed.collaborators ? extractCollaborators(printed.collaborators) : [];
    const lines = printed.funding ? extractFunding(printed.funding) : [];
    const unread = [
      ...printedNames(a.collaborators).filter((n) => !names.includes(n)),
      ...a.funding
        .filter((l) => !lines.some((r) => r.chapter === l.chapter && r.post === l.post))
        .map((l) => postLabel(l.chapter, l.post)),
    ];
    if (unread.length > 0) out.set(a.key, unread);
  }
  return out;
}

/**
 * Which of the earlier assignments the contents' changes name the agency's register holds: an
 * assignment of a current document of the agency from the draft's ministry (another ministry's
 * are not its to change: src/services/links.ts links no change to them), not itself a change of
 * another, in a document the reader may read (issued, or under review in the reader's ministry:
 * no one else learns the IDs of a letter still under review).
 */
async function registerHolds(
  db: Db,
  actor: Actor,
  draft: { agencyId: string; ministryId: string },
  contents: readonly DraftContent[],
): Promise<ReadonlySet<string>> {
  const refs = [...new Set(contents.flatMap((c) => (c.assignmentChanges ?? []).map((x) => x.ref)))];
  if (refs.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ id: assignments.registerId })
    .from(assignments)
    .innerJoin(documents, eq(documents.id, assignments.documentId))
    .where(
      and(
        eq(assignments.agencyId, draft.agencyId),
        inArray(assignments.registerId, refs),
        isNull(assignments.clarifies),
        eq(documents.isCurrent, true),
        eq(documents.ministryId, draft.ministryId),
        visibleDocuments(actor),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

/**
 * The title the draft prints (a supplement's, before issue, says its number comes then); with
 * the subject as shared, for those who read the shared round.
 */
export function draftTitle(v: DraftView, asShared = false): string {
  return letterTitle(
    {
      kind: v.row.kind,
      year: v.row.year,
      number: v.row.number,
      agency: v.agencyName,
      locale: v.row.content.language ?? 'nb',
    },
    asShared ? (v.sharedSubject ?? '') : v.row.content.subject,
  );
}

/**
 * What next year's draft takes from the agency's letter of the year before: as the letter
 * was read (goals, steering parameters, calendar, signatories) and, from the register, the
 * assignments of that year that are not finished.
 */
async function lastYearLetter(
  tx: Db,
  actor: Actor,
  agencyId: string,
  year: number,
): Promise<LastYearLetter | null> {
  const [doc] = await tx
    .select({ extracted: documents.extracted })
    .from(documents)
    .where(
      and(
        eq(documents.agencyId, agencyId),
        eq(documents.year, year),
        eq(documents.kind, 'allocation-letter'),
        eq(documents.isCurrent, true),
        visibleDocuments(actor),
      ),
    )
    .limit(1);
  if (!doc) return null;
  const read = doc.extracted;
  const goals = read.goals.map((g) => {
    const mine = read.steeringParameters.filter(
      (p) => p.goal !== null && (p.goal === g.code || p.goal === g.title),
    );
    return {
      title: g.title,
      steeringParameters: mine.filter((p) => p.kind !== 'nøkkeltall').map((p) => p.text),
      keyFigures: mine.filter((p) => p.kind === 'nøkkeltall').map((p) => p.text),
    };
  });
  const { items: unfinished } = await carryOverProposal(tx, actor, { agency: agencyId, year });
  return {
    year,
    preamble: read.preamble?.text ?? null,
    goals,
    unfinished: unfinished.map((a) => ({ id: a.registerId, title: a.title })),
    calendar: read.calendar.map((c) => ({ when: c.deadline.text, text: c.text })),
    signatories: read.signatories.map((s) => ({ name: s.name, title: s.title ?? '' })),
  };
}

export async function createDraft(
  db: Db,
  actor: Actor,
  body: DraftCreateBody,
): Promise<DraftOutcome> {
  return audited(db, async (tx) => {
    const [agency] = await tx
      .select({ id: organisations.id, parentId: organisations.parentId })
      .from(organisations)
      .where(and(eq(organisations.id, body.agencyId), eq(organisations.kind, 'agency')));
    if (!agency) return { kind: 'not-found' };
    // The ministry writing is the officer's own; an administrator writes for the agency's.
    const ministryId = writingMinistry(actor) ?? agency.parentId;
    if (!ministryId) return { kind: 'forbidden' };
    const like = { ...blank, ministryId, agencyId: agency.id };
    if (!can(actor, 'drafts.create', like)) return { kind: 'forbidden' };
    // A ministry writes to the agencies that report to it.
    if (agency.parentId !== null && agency.parentId !== ministryId) return { kind: 'forbidden' };

    let content: DraftContent = emptyDraft();
    if (body.from === 'last-year') {
      const last = await lastYearLetter(tx, actor, agency.id, body.year - 1);
      if (!last) {
        return refused(
          'draft-no-earlier-letter',
          `The agency has no allocation letter for ${body.year - 1} to start from`,
        );
      }
      content = draftFromLastYear(last);
    }
    content = { ...content, language: body.language ?? 'nb' };
    const who = storeActor(actor);
    const [row] = await tx
      .insert(drafts)
      .values({
        ministryId,
        agencyId: agency.id,
        kind: body.kind,
        year: body.year,
        content,
        editors: actor.kind === 'user' ? [actor.id] : [],
        createdByKind: who.kind,
        createdById: who.id,
      })
      .returning();
    await appendAudit(tx, actor, {
      action: 'draft.create',
      objectType: 'draft',
      objectId: row!.id,
      after: {
        kind: body.kind,
        year: body.year,
        agencyId: agency.id,
        from: body.from,
        language: content.language,
        // The content of version 1, which a save based on it is merged from (contentAt).
        version: 1,
        content,
      },
    });
    return { kind: 'saved', draft: (await view(tx, actor, row!.id))! };
  });
}

const blank: DraftLike = {
  status: 'draft',
  draftStatus: 'editing',
  editors: [],
  ministryId: null,
  agencyId: null,
  shared: false,
};

const refused = (error: DraftError, message: string, current: unknown = null): DraftOutcome => ({
  kind: 'refused',
  error,
  message,
  current,
});

async function view(tx: Db, actor: Actor, id: string): Promise<DraftDetail | null> {
  const [found] = await selectDrafts(tx).where(eq(drafts.id, id));
  return found ? withNames(tx, actor, found) : null;
}

/**
 * Locks the draft the actor may read and checks the action on it, and the version seen where
 * the change is based on one (comments and resolving are not: they change no content).
 */
async function lockDraft(
  tx: AuditedTx,
  actor: Actor,
  id: string,
  action:
    | 'drafts.update'
    | 'drafts.approve'
    | 'drafts.issue'
    | 'drafts.share'
    | 'drafts.comment'
    | 'drafts.resolve',
  expectedVersion: number | null,
): Promise<DraftRow | Exclude<DraftOutcome, { kind: 'saved' | 'refused' }>> {
  const [row] = await tx
    .select()
    .from(drafts)
    .where(and(eq(drafts.id, id), visibleDrafts(actor)))
    .for('update');
  if (!row) return { kind: 'not-found' };
  if (expectedVersion !== null && row.version !== expectedVersion) {
    return { kind: 'stale', current: { version: row.version, status: row.status } };
  }
  if (!can(actor, action, draftLike(row))) return { kind: 'forbidden' };
  return row;
}

const isRow = (r: unknown): r is DraftRow => typeof r === 'object' && r !== null && 'content' in r;

/**
 * Saves a new content, based on the version the officer saw. When someone saved since, the two
 * are merged part by part (src/domain/draft-merge.ts) from the content of that version as the
 * audit trail holds it, and the merge is saved as the next version; parts both changed
 * differently refuse the save as stale, naming them. An approved draft that is changed goes
 * back to editing: the approval was of the letter as it was.
 */
export async function updateDraft(
  db: Db,
  actor: Actor,
  id: string,
  body: DraftUpdateBody,
): Promise<DraftOutcome> {
  return audited(db, async (tx) => {
    let row = await lockDraft(tx, actor, id, 'drafts.update', body.expectedVersion);
    let content = body.content;
    let merged: { base: number; current: number } | null = null;
    if (!isRow(row) && row.kind === 'stale') {
      const stale = { ...row, conflicts: [] };
      // Only a draft the actor may still change, saved since a version whose content is known.
      row = await lockDraft(tx, actor, id, 'drafts.update', null);
      if (!isRow(row) || body.expectedVersion > row.version) return stale;
      if (row.version - body.expectedVersion > MERGE_WINDOW) return stale;
      const base = await contentAt(tx, id, body.expectedVersion, row.version);
      const theirs = DraftContent.safeParse(row.content);
      if (!base || !theirs.success) return stale;
      const out = mergeDraft(base, body.content, theirs.data);
      if (out.kind === 'conflict') return { ...stale, conflicts: out.conflicts };
      // Two lists' additions together may be more than a draft holds.
      const valid = DraftContent.safeParse(out.content);
      if (!valid.success) {
        const parts = new Set(valid.error.issues.map((i) => String(i.path[0] ?? '')));
        return { ...stale, conflicts: [...parts].map((item) => ({ item, label: '' })) };
      }
      content = valid.data;
      merged = { base: body.expectedVersion, current: row.version };
    }
    if (!isRow(row)) return row;
    const editors =
      actor.kind === 'user' && !row.editors.includes(actor.id)
        ? [...row.editors, actor.id]
        : row.editors;
    await tx
      .update(drafts)
      .set({
        content,
        version: row.version + 1,
        status: 'editing',
        approvedByKind: null,
        approvedById: null,
        editors,
        updatedAt: new Date(),
      })
      .where(eq(drafts.id, id));
    await appendAudit(tx, actor, {
      action: 'draft.update',
      objectType: 'draft',
      objectId: id,
      before: { version: row.version, status: row.status, content: row.content },
      after: {
        version: row.version + 1,
        status: 'editing',
        content,
        // A save based on an older version: merged with what was saved since.
        ...(merged && { merged: { basedOn: merged.base, with: merged.current } }),
      },
    });
    return { kind: 'saved', draft: (await view(tx, actor, id))! };
  });
}

/**
 * The draft's content at a version, as the audit trail holds it: the latest entry that set the
 * content (its creation or a save) at that version or before (approving, sharing and issuing
 * count versions but change no content). Each such entry counts one version, so it is among
 * the newest `current - version + 1` of them: one indexed read of at most that many of the
 * draft's own entries (the caller bounds it by `MERGE_WINDOW`). Null when the trail does not
 * have it (a draft created before creation recorded it).
 */
async function contentAt(
  tx: Db,
  id: string,
  version: number,
  current: number,
): Promise<DraftContent | null> {
  const newest = tx
    .select({ seq: auditLog.seq, after: auditLog.after })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.objectType, 'draft'),
        eq(auditLog.objectId, id),
        inArray(auditLog.action, ['draft.create', 'draft.update']),
      ),
    )
    .orderBy(desc(auditLog.seq))
    .limit(current - version + 1)
    .as('newest');
  const [entry] = await tx
    .select({ after: newest.after })
    .from(newest)
    .where(sql`(${newest.after}->>'version')::int <= ${version}`)
    .orderBy(desc(newest.seq))
    .limit(1);
  const found = DraftContent.safeParse((entry?.after as { content?: unknown } | null)?.content);
  return found.success ? found.data : null;
}

/** A second officer, who has not edited it, approves the draft for issue. */
export async function approveDraft(
  db: Db,
  actor: Actor,
  id: string,
  expectedVersion: number,
): Promise<DraftOutcome> {
  return audited(db, async (tx) => {
    const row = await lockDraft(tx, actor, id, 'drafts.approve', expectedVersion);
    if (!isRow(row)) return row;
    const [open] = await tx
      .select({ id: draftComments.id })
      .from(draftComments)
      .where(
        and(
          eq(draftComments.draftId, id),
          isNull(draftComments.replyTo),
          isNull(draftComments.resolvedAt),
        ),
      )
      .limit(1);
    if (open) {
      return refused(
        'draft-comments-open',
        'The consultation has comments that are not resolved; resolve them before approving',
      );
    }
    const register = await registerHolds(tx, actor, row, [row.content]);
    const problems = deriveDraft(
      row.kind,
      row.year,
      row.content,
      register,
      unreadDetails(row.content),
    ).problems;
    if (problems.length > 0) {
      return refused(
        'draft-has-problems',
        `The draft cannot be approved: ${problems.map((p) => p.code).join(', ')}`,
      );
    }
    const who = storeActor(actor);
    await tx
      .update(drafts)
      .set({
        status: 'approved',
        version: row.version + 1,
        approvedByKind: who.kind,
        approvedById: who.id,
        updatedAt: new Date(),
      })
      .where(eq(drafts.id, id));
    await appendAudit(tx, actor, {
      action: 'draft.approve',
      objectType: 'draft',
      objectId: id,
      before: { version: row.version, status: row.status },
      after: { version: row.version + 1, status: 'approved' },
    });
    return { kind: 'saved', draft: (await view(tx, actor, id))! };
  });
}

/**
 * Issues an approved draft: dated today (Oslo), numbered (a supplement gets the next number of
 * the agency's year), its assignments given the next free IDs, written as Word and PDF, both
 * read back and checked against the draft, and stored as a published document; all in one
 * transaction.
 */
export async function issueDraft(
  db: Db,
  actor: Actor,
  id: string,
  expectedVersion: number,
): Promise<DraftOutcome> {
  return audited(db, async (tx) => {
    const row = await lockDraft(tx, actor, id, 'drafts.issue', expectedVersion);
    if (!isRow(row)) return row;
    // Its names for the letter (not its rounds and comments: `view` loads those for the answer).
    const [v] = await selectDrafts(tx).where(eq(drafts.id, id));
    // Issues of the same agency's year take turns: numbers and IDs are counted from the record.
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`draft-issue|${row.agencyId}|${row.year}`}))`,
    );
    const { facts, title, docx, pdf } = await writeLetter(tx, actor, v!, ['docx', 'pdf']);
    // Both files must read back as the draft; the Word file is the record's source.
    let parsed: ParsedFile;
    let printed: ParsedFile;
    try {
      parsed = await readLetterFileIsolated(`${title}.docx`, docx!);
      printed = await readLetterFileIsolated(`${title}.pdf`, pdf!);
    } catch (err) {
      return refused(
        'draft-reads-back-differently',
        `The letter as written could not be read back, so it was not issued: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    const differences = [parsed, printed].flatMap(({ file, documents: read }) =>
      (read.length === 1
        ? readBackDifferences({ ...facts, content: row.content }, read[0]!)
        : [`the file reads as ${read.length} documents`]
      ).map((d) => `${file.format}: ${d}`),
    );
    if (differences.length > 0) {
      return refused(
        'draft-reads-back-differently',
        `The letter as written does not read back as the draft, so it was not issued: ${differences.join('; ')}`,
        { differences },
      );
    }
    const read = parsed.documents;
    const stored = await storeImport(tx, actor, parsed.file, read, { confirm: new Set() });
    if (stored.status !== 'stored') {
      return refused(
        'draft-would-replace',
        `Issuing would change more of the record than the draft: ${stored.plans
          .flatMap((p) => p.confirmation?.reasons ?? [])
          .join(', ')}`,
      );
    }
    const documentId = stored.documents[0]!.id;
    await tx
      .update(drafts)
      .set({
        status: 'issued',
        version: row.version + 1,
        number: facts.number,
        issuedDocumentId: documentId,
        issuedDocx: docx,
        issuedPdf: pdf,
        updatedAt: new Date(),
      })
      .where(eq(drafts.id, id));
    await appendAudit(tx, actor, {
      action: 'draft.issue',
      objectType: 'draft',
      objectId: id,
      before: { version: row.version, status: row.status },
      after: {
        version: row.version + 1,
        status: 'issued',
        documentId,
        number: facts.number,
        ids: facts.ids,
        docxSha256: sha256(docx!),
        pdfSha256: sha256(pdf!),
      },
    });
    // letter.issued is queued by the import that stored the letter (services/import.ts).
    return { kind: 'saved', draft: (await view(tx, actor, id))! };
  });
}

/**
 * The letter a draft prints today: dated today (Oslo), a supplement numbered after the
 * agency's supplements of the year, the assignments given the next IDs its register leaves
 * free. At issue this is the letter; before, a preview whose number and IDs may still move.
 */
async function writeLetter(tx: Db, actor: Actor, v: DraftView, formats: readonly LetterFormat[]) {
  const row = v.row;
  let number: number | null = null;
  if (row.kind === 'supplement') {
    const [last] = await tx
      .select({ n: max(documents.number) })
      .from(documents)
      .where(
        and(
          eq(documents.agencyId, row.agencyId),
          eq(documents.year, row.year),
          eq(documents.kind, 'supplement'),
        ),
      );
    number = (last?.n ?? 0) + 1;
  }
  // Every ID the agency's register has (any document, any status): IDs are never reused.
  const registered = await tx
    .select({ id: assignments.registerId })
    .from(assignments)
    .where(eq(assignments.agencyId, row.agencyId));
  const taken = new Set(registered.map((r) => r.id));
  const head = {
    kind: row.kind,
    year: row.year,
    number,
    date: osloToday(),
    ministry: v.ministryName,
    agency: v.agencyName,
    ids: issueIds(row.content.assignments.length, row.kind, row.year, taken),
    // Drafts stored before a letter had a language are bokmål.
    locale: row.content.language ?? 'nb',
  };
  const title = letterTitle(head, row.content.subject);
  // A supplement restates each changed post's allocation so far, from the year's ledger.
  const totals =
    row.kind === 'supplement'
      ? supplementTotals(
          computeSeries(await loadAgencyYear(tx, actor, row.agencyId, row.year)).ledger,
          row.content.appropriations,
          title,
        )
      : [];
  const facts = { ...head, totals };
  const blocks = layOutLetter(facts, row.content);
  const meta = { title, creator: v.ministryName, locale: head.locale };
  // The Word writer (with the docx library, ~11 MB) is loaded on first use.
  const letterDocx = async () => (await import('../render/docx')).letterDocx(blocks, meta);
  return {
    facts,
    title,
    docx: formats.includes('docx') ? new Uint8Array(await letterDocx()) : null,
    pdf: formats.includes('pdf') ? new Uint8Array(await letterPdf(blocks, meta)) : null,
  };
}

export type LetterFormat = 'docx' | 'pdf';

export interface LetterFile {
  name: string;
  bytes: Uint8Array;
  issued: boolean;
}

/** The draft as a file: the letter as it was issued, else a preview as it would print today. */
export async function draftLetterFile(
  db: Db,
  actor: Actor,
  id: string,
  format: LetterFormat,
): Promise<LetterFile | null> {
  let [v] = await selectDrafts(db).where(and(eq(drafts.id, id), visibleDrafts(actor)));
  if (!v) return null;
  const issued = issuedFile(v.row, format);
  if (issued) return { name: `${await issuedTitle(db, v)}.${format}`, bytes: issued, issued: true };
  // The agency previews the round shared with it, not the ministry's edits since.
  if (readsSharedRound(actor, draftLike(v.row))) {
    const [round] = await db
      .select({ content: draftRounds.content })
      .from(draftRounds)
      .where(eq(draftRounds.draftId, id))
      .orderBy(desc(draftRounds.round))
      .limit(1);
    if (!round) return null;
    v = { ...v, row: { ...v.row, content: round.content } };
  }
  const written = await writeLetter(db, actor, v, [format]);
  return { name: `${written.title}.${format}`, bytes: written[format]!, issued: false };
}

/**
 * A document's letter as Tildel issued it (Word or PDF), for whoever may read the document; null
 * when the document is not readable or was not written in Tildel (an import keeps its text).
 */
export async function documentLetterFile(
  db: Db,
  actor: Actor,
  documentId: string,
  format: LetterFormat,
): Promise<LetterFile | null> {
  const [found] = await db
    .select({ row: drafts, title: documents.title })
    .from(drafts)
    .innerJoin(documents, eq(documents.id, drafts.issuedDocumentId))
    .where(and(eq(documents.id, documentId), visibleDocuments(actor)));
  const bytes = found ? issuedFile(found.row, format) : null;
  return bytes ? { name: `${found!.title}.${format}`, bytes, issued: true } : null;
}

const issuedFile = (row: DraftRow, format: LetterFormat) =>
  format === 'docx' ? row.issuedDocx : row.issuedPdf;

async function issuedTitle(db: Db, v: DraftView): Promise<string> {
  if (!v.row.issuedDocumentId) return draftTitle(v);
  const [doc] = await db
    .select({ title: documents.title })
    .from(documents)
    .where(eq(documents.id, v.row.issuedDocumentId));
  return doc?.title ?? draftTitle(v);
}

/**
 * Shares the draft as it is now with the agency: a new round of consultation, which the
 * agency reads (and comments on) until the next one. Based on the version the officer saw.
 */
export async function shareDraft(
  db: Db,
  actor: Actor,
  id: string,
  expectedVersion: number,
): Promise<DraftOutcome> {
  return audited(db, async (tx) => {
    const row = await lockDraft(tx, actor, id, 'drafts.share', expectedVersion);
    if (!isRow(row)) return row;
    const round = (row.sharedRound ?? 0) + 1;
    const who = storeActor(actor);
    await tx.insert(draftRounds).values({
      draftId: id,
      round,
      content: row.content,
      sharedByKind: who.kind,
      sharedById: who.id,
    });
    await tx
      .update(drafts)
      .set({ sharedRound: round, version: row.version + 1, updatedAt: new Date() })
      .where(eq(drafts.id, id));
    await appendAudit(tx, actor, {
      action: 'draft.share',
      objectType: 'draft',
      objectId: id,
      before: { version: row.version, sharedRound: row.sharedRound },
      after: { version: row.version + 1, sharedRound: round },
    });
    const coordinators = await peopleWith(tx, row.agencyId, ['agency-coordinator']);
    await notify(
      tx,
      coordinators.map((userId) => ({
        userId,
        kind: 'draft-shared' as const,
        key: `draft-shared:${userId}:${id}:${round}`,
        draftId: id,
        params: { year: row.year, kind: row.kind, round },
      })),
    );
    return { kind: 'saved', draft: (await view(tx, actor, id))! };
  });
}

/** A comment on the draft in consultation, or an answer to one. */
export async function commentOnDraft(
  db: Db,
  actor: Actor,
  id: string,
  body: DraftCommentBody,
): Promise<DraftOutcome> {
  return audited(db, async (tx) => {
    const row = await lockDraft(tx, actor, id, 'drafts.comment', null);
    if (!isRow(row)) return row;
    if (body.replyTo) {
      const [answered] = await tx
        .select({ id: draftComments.id })
        .from(draftComments)
        .where(and(eq(draftComments.id, body.replyTo), eq(draftComments.draftId, id)));
      if (!answered) {
        return refused('draft-not-in-consultation', 'The comment answered is not in this draft');
      }
    }
    const [comment] = await tx
      .insert(draftComments)
      .values({
        draftId: id,
        round: row.sharedRound!,
        item: body.item,
        body: body.body,
        replyTo: body.replyTo,
        side: sideOf(actor, draftLike(row)) === 'agency' ? 'agency' : 'ministry',
        ...actorColumns(actor),
        actorName: actorName(actor),
      })
      .returning();
    await appendAudit(tx, actor, {
      action: 'draft.comment',
      objectType: 'draft',
      objectId: id,
      after: { comment: comment!.id, item: body.item, replyTo: body.replyTo, body: body.body },
    });
    return { kind: 'saved', draft: (await view(tx, actor, id))! };
  });
}

/** The ministry marks a comment (and so its thread) resolved. */
export async function resolveComment(
  db: Db,
  actor: Actor,
  id: string,
  commentId: string,
): Promise<DraftOutcome> {
  return audited(db, async (tx) => {
    const row = await lockDraft(tx, actor, id, 'drafts.resolve', null);
    if (!isRow(row)) return row;
    const by = actorName(actor);
    const resolved = await tx
      .update(draftComments)
      .set({ resolvedAt: new Date(), resolvedByName: by })
      .where(
        and(
          eq(draftComments.id, commentId),
          eq(draftComments.draftId, id),
          isNull(draftComments.resolvedAt),
        ),
      )
      .returning({ id: draftComments.id });
    if (resolved.length === 0) return { kind: 'not-found' };
    await appendAudit(tx, actor, {
      action: 'draft.comment.resolve',
      objectType: 'draft',
      objectId: id,
      after: { comment: commentId },
    });
    return { kind: 'saved', draft: (await view(tx, actor, id))! };
  });
}
