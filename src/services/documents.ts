/**
 * Reading documents (tildelingsbrev and tillegg) and what was extracted from them.
 */
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
  appropriationLines,
  assignments,
  calendarItems,
  documents,
  drafts,
  goals,
  sourceFiles,
} from '../db/schema';
import type { Actor } from '../domain/policy';
import { seriesCorrections } from './corrections';
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

export interface ListDocumentsInput {
  year?: number | undefined;
  limit: number;
  offset: number;
}

/** Current versions of the documents the actor may read, newest year first. */
export async function listDocuments(db: Db, actor: Actor, input: ListDocumentsInput) {
  const where = and(
    visibleDocuments(actor),
    eq(documents.isCurrent, true),
    input.year === undefined ? undefined : eq(documents.year, input.year),
  );
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(documents)
      .where(where)
      .orderBy(desc(documents.year), asc(documents.agencyName), asc(documents.number))
      .limit(input.limit)
      .offset(input.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(documents)
      .where(where),
  ]);
  return { rows, total: Number(totals[0]?.n ?? 0), counts: await countsFor(db, rows) };
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

/** One document with its items and source lines, or null (absent or not readable). */
export async function getDocument(db: Db, actor: Actor, id: string) {
  const [doc] = await db
    .select()
    .from(documents)
    .where(and(eq(documents.id, id), visibleDocuments(actor)));
  if (!doc) return null;
  const [apps, asgs, cal, gls, file, counts, versions, fixes, written] = await Promise.all([
    db
      .select()
      .from(appropriationLines)
      .where(eq(appropriationLines.documentId, id))
      .orderBy(asc(appropriationLines.ord)),
    db
      .select()
      .from(assignments)
      .where(eq(assignments.documentId, id))
      .orderBy(asc(assignments.ord)),
    db
      .select()
      .from(calendarItems)
      .where(eq(calendarItems.documentId, id))
      .orderBy(asc(calendarItems.lineStart)),
    db.select().from(goals).where(eq(goals.documentId, id)).orderBy(asc(goals.ord)),
    doc.sourceFileId
      ? db
          .select({ text: sourceFiles.text })
          .from(sourceFiles)
          .where(eq(sourceFiles.id, doc.sourceFileId))
      : Promise.resolve([]),
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
    seriesCorrections(db, doc.seriesKey),
    // Written and issued in Tildel: its Word file and PDF are kept.
    db.select({ id: drafts.id }).from(drafts).where(eq(drafts.issuedDocumentId, id)).limit(1),
  ]);
  const fileLines = (file[0]?.text ?? doc.body).split('\n');
  const offset = file[0] ? 0 : doc.lineStart - 1;
  const lines = [];
  for (let no = doc.lineStart; no <= doc.lineEnd; no++) {
    lines.push({ no, text: fileLines[no - 1 - offset] ?? '' });
  }
  return {
    doc,
    counts: counts.get(doc.id)!,
    appropriations: apps,
    assignments: asgs,
    calendar: cal,
    goals: gls,
    lines,
    versions,
    corrections: fixes,
    writtenInTildel: written.length > 0,
  };
}

export async function documentCount(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(documents);
  return Number(row?.n ?? 0);
}
