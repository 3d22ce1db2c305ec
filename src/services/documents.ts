/**
 * Reading documents (tildelingsbrev and tillegg) and what was extracted from them.
 */
import { createHash } from 'node:crypto';
import { and, asc, count, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import {
  DocumentDetail,
  DocumentPartPages,
  PART_CURSOR,
  PART_ORDER,
  type DocumentPartName,
  type DocumentPartQuery,
  type SourceLineBox,
} from '../contract/document';
import {
  cursorKeys,
  encodeCursor,
  pageOf,
  type Cursor,
  type CursorKey,
} from '../contract/pagination';
import { after, orderBy, type SortKey } from '../db/keyset';
import { presentWarning, type ExtractedDocument, type StoredWarning } from '../contract/letter';
import { keysSharingLines } from '../domain/corrections';
import { DOCUMENT_CURSOR } from '../contract/api';
import type { Db } from '../db/client';
import {
  appropriationLines,
  assignments,
  calendarItems,
  corrections,
  documents,
  drafts,
  goals,
  sourceFiles,
} from '../db/schema';
import type { Actor } from '../domain/policy';
import { openReviewCount, seriesCorrections } from './corrections';
import { visibleDocuments } from '../db/visibility';

export type DocumentRow = typeof documents.$inferSelect;

/**
 * The columns of a document that lists, joins and policy checks need — not its body, source
 * lines or extracted content, which are large and only the document page reads.
 */
export const documentRef = {
  id: documents.id,
  kind: documents.kind,
  number: documents.number,
  year: documents.year,
  title: documents.title,
  date: documents.date,
  status: documents.status,
  isCurrent: documents.isCurrent,
  version: documents.version,
  seriesKey: documents.seriesKey,
  agencyId: documents.agencyId,
  agencyName: documents.agencyName,
  ministryId: documents.ministryId,
  ministryName: documents.ministryName,
};

export interface DocumentCounts {
  appropriations: number;
  assignments: number;
  calendar: number;
}

/** What the list of documents is read with: a year, a page's size and where the page starts. */
export interface ListDocumentsInput {
  year?: number | undefined;
  limit: number;
  cursor?: Cursor | undefined;
}

/** The list's order: newest year first, then agency and number (nulls last), then id. */
const documentKeys: SortKey[] = [
  { expr: documents.year, desc: true },
  { expr: documents.agencyName, nullable: true },
  { expr: documents.number, nullable: true },
  { expr: documents.id },
];

/** A page of the current versions of the documents the actor may read, newest year first. */
export async function listDocuments(db: Db, actor: Actor, input: ListDocumentsInput) {
  const where = and(
    visibleDocuments(actor),
    eq(documents.isCurrent, true),
    input.year === undefined ? undefined : eq(documents.year, input.year),
  );
  const start = cursorKeys(input.cursor, DOCUMENT_CURSOR.year);
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(documents)
      .where(start === undefined ? where : and(where, after(documentKeys, start)))
      .orderBy(...orderBy(documentKeys))
      .limit(input.limit + 1),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(documents)
      .where(where),
  ]);
  const page = pageOf(
    rows,
    input.limit,
    'year',
    (d) => [d.year, d.agencyName, d.number, d.id],
    input,
  );
  return {
    rows: page.rows,
    nextCursor: page.nextCursor,
    total: Number(totals[0]?.n ?? 0),
    counts: await countsFor(db, page.rows),
  };
}

export async function countsFor(db: Db, rows: { id: string }[]) {
  const ids = rows.map((r) => r.id);
  const result = new Map<string, DocumentCounts>();
  for (const id of ids) result.set(id, { appropriations: 0, assignments: 0, calendar: 0 });
  if (ids.length === 0) return result;
  const tally = async (
    table: typeof appropriationLines | typeof assignments | typeof calendarItems,
    key: keyof DocumentCounts,
  ) => {
    const res = await db
      .select({ documentId: table.documentId, n: sql<number>`count(*)::int` })
      .from(table)
      .where(inArray(table.documentId, ids))
      .groupBy(table.documentId);
    for (const r of res) result.get(r.documentId)![key] = Number(r.n);
  };
  await tally(appropriationLines, 'appropriations');
  await tally(assignments, 'assignments');
  await tally(calendarItems, 'calendar');
  return result;
}

/**
 * A document as its page and the API read it: first what it is (`getDocument`), then each part
 * on demand, a page at a time (`readDocumentPart`). Both are conditional reads: the answer's
 * ETag is worked out from a few small columns before anything large is read, so a client that
 * has the answer already gets `not-modified` for one short query.
 */
export async function getDocument(
  db: Db,
  actor: Actor,
  id: string,
  opts: { ifNoneMatch?: readonly string[] } = {},
): Promise<Conditional<DocumentMeta> | null> {
  const stamp = await stampDocument(db, actor, id, 'metadata', {});
  if (!stamp) return null;
  if (matches(opts.ifNoneMatch, stamp.etag)) return { status: 'not-modified', etag: stamp.etag };
  return { status: 'ok', etag: stamp.etag, data: await documentMeta(db, actor, stamp) };
}

/** Whether the caller's copy is current: one of its entity tags is this one (or `*`). */
const matches = (tags: readonly string[] | undefined, etag: string) =>
  !!tags && (tags.includes(etag) || tags.includes('*'));

/** A read that may answer «the copy you have is current». */
export type Conditional<T> =
  { status: 'not-modified'; etag: string } | { status: 'ok'; etag: string; data: T };

/**
 * The columns the metadata and the parts need besides their own rows: not the document's body,
 * its extracted content, its unparsed text or its warnings, which grow with the letter.
 */
const documentHead = {
  ...documentRef,
  statusVersion: documents.statusVersion,
  coverage: documents.coverage,
  legalBasis: documents.legalBasis,
  signatories: documents.signatories,
  sourceFileId: documents.sourceFileId,
  lineStart: documents.lineStart,
  lineEnd: documents.lineEnd,
  /** The source file is a PDF kept as uploaded (`GET /api/documents/{id}/source.pdf`). */
  sourcePdf: sql<boolean>`coalesce(${sourceFiles.format} = 'pdf' and ${sourceFiles.bytes} is not null, false)`,
  sourceName: sourceFiles.name,
  sourcePages: sourceFiles.pages,
};

interface Stamp {
  head: DocumentHead;
  writtenInTildel: boolean;
  corrections: number;
  etag: string;
}

export type DocumentHead = Omit<
  Awaited<ReturnType<typeof headQuery>>[number],
  'series' | 'corrections' | 'assignments'
>;

/** A column of `documents` as the alias `v` (another version of the same series) names it. */
const version = (column: AnyPgColumn) => sql`v.${sql.identifier(column.name)}`;

const assignmentsStamp = sql<string>`(select md5(coalesce(string_agg(row(${assignments.id}, ${assignments.version}, ${assignments.ord}, ${assignments.status}, ${assignments.clarifies}, ${assignments.clarifiedAssignmentId}, ${assignments.ownerDepartment}, ${assignments.ownerUserId}, ${assignments.progress})::text, ',' order by ${assignments.ord}, ${assignments.id}), '')) from ${assignments} where ${assignments.documentId} = ${documents.id})`;

const headQuery = (
  db: Db,
  actor: Actor,
  id: string,
  withAssignments: 'always' | 'under-review' | 'never',
) =>
  db
    .select({
      ...documentHead,
      writtenInTildel: sql<boolean>`exists (select 1 from ${drafts} where ${drafts.issuedDocumentId} = ${documents.id})`,
      // Every version of the series, with its status changes: a new version or a change of a
      // version's status changes `versions` (and which of them the caller may read).
      series: sql<string>`(select string_agg(${version(documents.id)}::text || ':' || ${version(documents.statusVersion)} || ':' || ${version(documents.isCurrent)}::text, ',' order by ${version(documents.version)}) from ${documents} v where ${version(documents.seriesKey)} = ${documents.seriesKey})`,
      // A correction changes the items it names, their review and the extracted content.
      corrections: sql<string>`(select count(*)::text || ':' || coalesce(max(${corrections.seq}), 0)::text from ${corrections} where ${corrections.seriesKey} = ${documents.seriesKey})`,
      // The assignments part shows each assignment's status, owner, progress and link to the
      // assignment it changes, which change without the document changing: each change of
      // those bumps the row's version, save the link (set when another document is stored).
      // The metadata of a letter under review counts its open items, which a link found to the
      // assignment one of them changes closes.
      assignments:
        withAssignments === 'always'
          ? assignmentsStamp
          : withAssignments === 'under-review'
            ? sql<string>`(case when ${documents.status} = 'published' then '' else ${assignmentsStamp} end)`
            : sql<string>`''`,
    })
    .from(documents)
    // Its file (at most one): a query of more than one table names every column with its
    // table, which the subqueries above need to tell the document's columns from their own.
    .leftJoin(sourceFiles, eq(sourceFiles.id, documents.sourceFileId))
    .where(and(eq(documents.id, id), visibleDocuments(actor)));

/**
 * Who reads, as far as an answer depends on it: the abilities in it (the document's and each
 * assignment's) follow the caller's kind, organisation, roles, department, scopes and identity.
 */
function readerKey(actor: Actor): unknown[] {
  switch (actor.kind) {
    case 'anonymous':
      return ['anonymous'];
    case 'system':
      return ['system', actor.name];
    case 'user':
      return [
        'user',
        actor.id,
        actor.organisationId,
        [...actor.roles].sort(),
        actor.departmentCode ?? null,
      ];
    case 'client':
      return [
        'client',
        actor.id,
        actor.organisationId,
        [...actor.roles].sort(),
        [...actor.scopes].sort(),
      ];
  }
}

let format: string | undefined;
/**
 * What the answers' shapes are: the ETag changes when they do (a new release with another
 * contract), so no client keeps an answer of an older shape. Bump `FORMAT` when what a part
 * holds changes without its schema changing.
 */
const FORMAT = 1;
function answerFormat(): string {
  format ??= createHash('sha256')
    .update(
      JSON.stringify([
        FORMAT,
        z.toJSONSchema(DocumentDetail, { unrepresentable: 'any' }),
        ...Object.values(DocumentPartPages).map((s) =>
          z.toJSONSchema(s, { unrepresentable: 'any' }),
        ),
      ]),
    )
    .digest('base64url');
  return format;
}

/**
 * The document's head (null when absent or not readable: the one visibility rule of
 * src/db/visibility.ts) and the strong ETag of the answer asked for, from what the answer
 * depends on: the document and its series' versions, the corrections, the assignments' state
 * (for that part), the reader, the page asked for and the answers' format.
 */
async function stampDocument(
  db: Db,
  actor: Actor,
  id: string,
  part: DocumentPartName | 'metadata',
  query: Partial<DocumentPartQuery>,
): Promise<Stamp | null> {
  const [row] = await headQuery(
    db,
    actor,
    id,
    part === 'assignments' ? 'always' : part === 'metadata' ? 'under-review' : 'never',
  );
  if (!row) return null;
  const { series, corrections: fixes, assignments: work, ...head } = row;
  const etag = `"${createHash('sha256')
    .update(
      JSON.stringify([
        answerFormat(),
        part,
        query.limit ?? null,
        query.cursor ?? null,
        query.from ?? null,
        head.id,
        series,
        fixes,
        work,
        head.writtenInTildel,
        head.sourcePdf,
        readerKey(actor),
      ]),
    )
    .digest('base64url')}"`;
  return {
    head,
    writtenInTildel: head.writtenInTildel,
    corrections: Number(fixes.split(':')[0]),
    etag,
  };
}

/** The lists of the extracted content that are the document's «other items». */
const OTHER_LISTS = [
  'priorities',
  'steeringParameters',
  'budgetAuthorities',
  'earmarks',
  'commonRequirements',
  'reportingRequirements',
  'mandates',
  'carriedOver',
  'totalsClaimed',
] as const satisfies readonly (keyof ExtractedDocument)[];

const jsonLength = (value: SQL) => sql`coalesce(jsonb_array_length(${value}), 0)`;

export type DocumentMeta = Awaited<ReturnType<typeof documentMeta>>;

/** What the document is, its versions and how many items each of its parts has. */
async function documentMeta(db: Db, actor: Actor, stamp: Stamp) {
  const doc = stamp.head;
  const [counts, versions, [sizes], goalCount, openReviewItems] = await Promise.all([
    countsFor(db, [doc]),
    db
      .select({
        id: documents.id,
        version: documents.version,
        isCurrent: documents.isCurrent,
        createdAt: documents.createdAt,
      })
      .from(documents)
      .where(and(eq(documents.seriesKey, doc.seriesKey), visibleDocuments(actor)))
      .orderBy(asc(documents.version)),
    db
      .select({
        unparsed: sql<number>`${jsonLength(sql`${documents.unparsed}`)}::int`,
        warnings: sql<number>`${jsonLength(sql`${documents.warnings}`)}::int`,
        otherItems: sql<number>`(${sql.join(
          [
            sql`(case when jsonb_typeof(${documents.extracted}->'preamble') = 'object' then 1 else 0 end)`,
            ...OTHER_LISTS.map((key) => jsonLength(sql`${documents.extracted}->${key}::text`)),
          ],
          sql` + `,
        )})::int`,
      })
      .from(documents)
      .where(eq(documents.id, doc.id)),
    db.select({ n: count() }).from(goals).where(eq(goals.documentId, doc.id)),
    // A letter under review: what its review leaves open (none once it is issued).
    doc.status === 'published' ? null : openReviewCount(db, doc),
  ]);
  const c = counts.get(doc.id)!;
  const partCounts: Record<DocumentPartName, number> = {
    appropriations: c.appropriations,
    assignments: c.assignments,
    corrections: stamp.corrections,
    calendar: c.calendar,
    goals: Number(goalCount[0]?.n ?? 0),
    otherItems: Number(sizes?.otherItems ?? 0),
    unparsed: Number(sizes?.unparsed ?? 0),
    warnings: Number(sizes?.warnings ?? 0),
    lines: Math.max(0, doc.lineEnd - doc.lineStart + 1),
  };
  return {
    doc,
    counts: c,
    parts: partCounts,
    versions,
    writtenInTildel: stamp.writtenInTildel,
    openReviewItems,
  };
}

/** A page of a part's items as read (the presenter shapes them), and the part's size. */
export interface PartRows<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

export type DocumentPartRows = Awaited<ReturnType<typeof partRows>>;

/**
 * One page of a document's part, or null (absent or not readable, as for `getDocument`). Each
 * part is read in the one order its cursor names (src/contract/document.ts `PART_ORDER`).
 */
export async function readDocumentPart(
  db: Db,
  actor: Actor,
  id: string,
  part: DocumentPartName,
  query: DocumentPartQuery,
  opts: { ifNoneMatch?: readonly string[] } = {},
): Promise<Conditional<DocumentPartRows> | null> {
  const stamp = await stampDocument(db, actor, id, part, query);
  if (!stamp) return null;
  if (matches(opts.ifNoneMatch, stamp.etag)) return { status: 'not-modified', etag: stamp.etag };
  return { status: 'ok', etag: stamp.etag, data: await partRows(db, stamp, part, query) };
}

/** A part's rows in its order from the cursor on, a page and one more (`pageOf` cuts). */
async function keysetRows<R>(
  read: (where: SQL | undefined, order: SQL[], limit: number) => Promise<R[]>,
  part: Exclude<DocumentPartName, 'lines' | 'otherItems' | 'unparsed' | 'warnings'>,
  keys: SortKey[],
  keysOf: (row: R) => CursorKey[],
  query: DocumentPartQuery,
) {
  const order = PART_ORDER[part];
  const values = cursorKeys(query.cursor, PART_CURSOR[part][order as never]);
  const rows = await read(values && after(keys, values), orderBy(keys), query.limit + 1);
  return pageOf(rows, query.limit, order, keysOf, query);
}

/** Where a list held in the document's record starts: after the cursor's position. */
const startOf = (query: DocumentPartQuery) =>
  query.cursor === undefined ? 0 : Number(query.cursor.keys[0]) + 1;

/** A page of a list held in the document's own record (by position). */
export function positionPage<T>(all: T[], query: DocumentPartQuery): PartRows<T> {
  const from = startOf(query);
  const items = all.slice(from, from + query.limit);
  const last = from + items.length - 1;
  return {
    items,
    total: all.length,
    nextCursor: last + 1 < all.length ? encodeCursor('position', [last], query) : null,
  };
}

async function partRows(db: Db, stamp: Stamp, part: DocumentPartName, query: DocumentPartQuery) {
  const doc = stamp.head;
  /**
   * The part as the import read it, and the review keys of the items the import warned share
   * lines with another (from the document's warnings), in one read of the document's row.
   */
  const reading = async <K extends 'assignments' | 'appropriations'>(key: K) => {
    const [row] = await db
      .select({
        list: sql<ExtractedDocument[K] | null>`${documents.extracted}->${key}::text`,
        warnings: documents.warnings,
      })
      .from(documents)
      .where(eq(documents.id, doc.id));
    return {
      read: row?.list ?? [],
      sharing: keysSharingLines((row?.warnings ?? []).map(presentWarning)),
    };
  };
  const total = async (
    table: typeof appropriationLines | typeof assignments | typeof calendarItems | typeof goals,
  ) => {
    const [row] = await db.select({ n: count() }).from(table).where(eq(table.documentId, doc.id));
    return Number(row?.n ?? 0);
  };
  switch (part) {
    case 'lines':
      return { part, doc, ...(await linesPage(db, doc, query)) };
    case 'appropriations': {
      const t = appropriationLines;
      const [page, n, { read, sharing }, fixes] = await Promise.all([
        keysetRows(
          (where, order, limit) =>
            db
              .select()
              .from(t)
              .where(and(eq(t.documentId, doc.id), where))
              .orderBy(...order)
              .limit(limit),
          part,
          [{ expr: t.ord }, { expr: t.id }],
          (r) => [r.ord, r.id],
          query,
        ),
        total(t),
        reading('appropriations'),
        seriesCorrections(db, doc.seriesKey),
      ]);
      return {
        part,
        doc,
        read,
        corrections: fixes,
        sharing,
        items: page.rows,
        total: n,
        nextCursor: page.nextCursor,
      };
    }
    case 'assignments': {
      const t = assignments;
      const [page, n, { read, sharing }, fixes] = await Promise.all([
        keysetRows(
          (where, order, limit) =>
            db
              .select()
              .from(t)
              .where(and(eq(t.documentId, doc.id), where))
              .orderBy(...order)
              .limit(limit),
          part,
          [{ expr: t.ord }, { expr: t.id }],
          (r) => [r.ord, r.id],
          query,
        ),
        total(t),
        reading('assignments'),
        seriesCorrections(db, doc.seriesKey),
      ]);
      return {
        part,
        doc,
        read,
        corrections: fixes,
        sharing,
        items: page.rows,
        total: n,
        nextCursor: page.nextCursor,
      };
    }
    case 'calendar': {
      const t = calendarItems;
      const [page, n] = await Promise.all([
        keysetRows(
          (where, order, limit) =>
            db
              .select()
              .from(t)
              .where(and(eq(t.documentId, doc.id), where))
              .orderBy(...order)
              .limit(limit),
          part,
          [{ expr: t.lineStart }, { expr: t.id }],
          (r) => [r.lineStart, r.id],
          query,
        ),
        total(t),
      ]);
      return { part, doc, items: page.rows, total: n, nextCursor: page.nextCursor };
    }
    case 'goals': {
      const t = goals;
      const [page, n] = await Promise.all([
        keysetRows(
          (where, order, limit) =>
            db
              .select()
              .from(t)
              .where(and(eq(t.documentId, doc.id), where))
              .orderBy(...order)
              .limit(limit),
          part,
          [{ expr: t.ord }, { expr: t.id }],
          (r) => [r.ord, r.id],
          query,
        ),
        total(t),
      ]);
      return { part, doc, items: page.rows, total: n, nextCursor: page.nextCursor };
    }
    case 'corrections': {
      const t = corrections;
      const page = await keysetRows(
        (where, order, limit) =>
          db
            .select()
            .from(t)
            .where(and(eq(t.seriesKey, doc.seriesKey), where))
            .orderBy(...order)
            .limit(limit),
        part,
        [{ expr: t.seq }, { expr: t.id }],
        (r) => [r.seq, r.id],
        query,
      );
      return { part, doc, items: page.rows, total: stamp.corrections, nextCursor: page.nextCursor };
    }
    case 'otherItems': {
      // The extracted content without its two largest lists, which are parts of their own; the
      // presenter orders the items and cuts the page (`positionPage`).
      const [row] = await db
        .select({
          extracted: sql<
            Omit<ExtractedDocument, 'assignments' | 'appropriations'>
          >`${documents.extracted} - 'assignments' - 'appropriations'`,
        })
        .from(documents)
        .where(eq(documents.id, doc.id));
      return { part, doc, extracted: row!.extracted, query };
    }
    case 'unparsed': {
      const [row] = await db
        .select({ unparsed: documents.unparsed })
        .from(documents)
        .where(eq(documents.id, doc.id));
      return { part, doc, ...positionPage(row!.unparsed, query) };
    }
    case 'warnings': {
      const [row] = await db
        .select({ warnings: documents.warnings })
        .from(documents)
        .where(eq(documents.id, doc.id));
      // Stored as StoredWarning (the column's declared type predates codes).
      return { part, doc, ...positionPage(row!.warnings as StoredWarning[], query) };
    }
  }
}

/**
 * A page of the document's lines, numbered as in its source file: after the cursor's line, from
 * the line `from`, or from its first line. Only the page's lines leave the database.
 */
async function linesPage(
  db: Db,
  doc: DocumentHead,
  query: DocumentPartQuery,
): Promise<PartRows<{ no: number; text: string }> & { boxes?: (SourceLineBox | null)[] }> {
  const total = Math.max(0, doc.lineEnd - doc.lineStart + 1);
  const start =
    query.cursor !== undefined ? Number(query.cursor.keys[0]) + 1 : (query.from ?? doc.lineStart);
  const first = Math.max(doc.lineStart, start);
  const last = Math.min(doc.lineEnd, first + query.limit - 1);
  if (last < first) return { items: [], total, nextCursor: null };
  // The file's text when it is kept (lines numbered from 1), else the document's own text
  // (numbered from its first line).
  const base = doc.sourceFileId ? 0 : doc.lineStart - 1;
  // A kept PDF's boxes of the same lines (the array counts from 0, the lines from 1).
  const boxPath = `$[${first - 1} to ${last - 1}]`;
  const [row] = await db
    .select({
      lines: sql<
        string[] | null
      >`to_jsonb((string_to_array(coalesce(${sourceFiles.text}, ${documents.body}), E'\n'))[${first - base}::int:${last - base}::int])`,
      boxes: doc.sourcePdf
        ? sql<
            (SourceLineBox | null)[] | null
          >`jsonb_path_query_array(${sourceFiles.lineBoxes}, ${boxPath}::jsonpath)`
        : sql<null>`null`,
    })
    .from(documents)
    .leftJoin(sourceFiles, eq(sourceFiles.id, documents.sourceFileId))
    .where(eq(documents.id, doc.id));
  const texts = row?.lines ?? [];
  const items = [];
  for (let no = first; no <= last; no++) items.push({ no, text: texts[no - first] ?? '' });
  const boxes = row?.boxes ?? null;
  return {
    items,
    ...(boxes && { boxes: items.map((_, i) => boxes[i] ?? null) }),
    total,
    // `from` only says where the first page starts (with a cursor it is refused): no filter.
    nextCursor: last < doc.lineEnd ? encodeCursor('line', [last], {}) : null,
  };
}

/** A document's source file as uploaded: a PDF the caller may read (as its document), or null. */
export async function documentSourcePdf(
  db: Db,
  actor: Actor,
  id: string,
): Promise<{ name: string; sha256: string; bytes: Uint8Array } | null> {
  const [row] = await db
    .select({ name: sourceFiles.name, sha256: sourceFiles.sha256, bytes: sourceFiles.bytes })
    .from(documents)
    .innerJoin(sourceFiles, eq(sourceFiles.id, documents.sourceFileId))
    .where(
      and(
        eq(documents.id, id),
        visibleDocuments(actor),
        eq(sourceFiles.format, 'pdf'),
        isNotNull(sourceFiles.bytes),
      ),
    );
  return row?.bytes ? { name: row.name, sha256: row.sha256, bytes: row.bytes } : null;
}

export async function documentCount(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(documents);
  return Number(row?.n ?? 0);
}
