/**
 * Storing an imported file: the source text, each document with everything extracted from it,
 * organisations, and the assignment register — in one transaction, so a file is stored
 * completely or not at all. Re-importing the same bytes changes nothing; a changed document
 * becomes a new version with a readable diff.
 */
import { createHash } from 'node:crypto';
import { and, desc, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { ExtractedDocument } from '../contract/letter';
import type { Db } from '../db/client';
import {
  appropriationLines,
  assignmentCollaborators,
  assignmentEvents,
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
  sourceFiles,
  steeringParameters,
  subAssignments,
  sumLines,
  totalsClaims,
} from '../db/schema';
import { nextFreeAssignmentId } from '../domain/ids';
import { contentKey, diffDocuments } from '../import/diff';
import { actorName, type Actor } from '../server/policy';
import { appendAudit } from './audit';
import { findOrCreateOrganisation } from './organisations';

export interface StoredFile {
  name: string;
  bytes: Uint8Array;
  format: 'pdf' | 'docx' | 'txt';
  pages: number;
  lines: string[];
}

export type DocumentOutcome = 'created' | 'new-version' | 'unchanged';

export interface ImportOutcome {
  file: string;
  sourceFileId: string;
  documents: {
    id: string;
    kind: ExtractedDocument['kind'];
    number: number | null;
    year: number;
    title: string;
    version: number;
    outcome: DocumentOutcome;
    diff: string[];
  }[];
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function seriesKey(doc: ExtractedDocument): string {
  return [doc.agency ?? 'ukjent', doc.year, doc.kind, doc.number ?? 0].join('|');
}

const span = (p: { startLine: number; endLine: number }) => ({
  lineStart: p.startLine,
  lineEnd: p.endLine,
});

/** Stores one parsed file in a single transaction. */
export async function storeImport(
  db: Db,
  actor: Actor,
  file: StoredFile,
  docs: ExtractedDocument[],
): Promise<ImportOutcome> {
  return db.transaction(async (tx) => {
    const hash = sha256(file.bytes);
    const findFile = async () =>
      (
        await tx
          .select({ id: sourceFiles.id })
          .from(sourceFiles)
          .where(eq(sourceFiles.sha256, hash))
      )[0]?.id;
    const sourceFileId =
      (await findFile()) ??
      (
        await tx
          .insert(sourceFiles)
          .values({
            name: file.name,
            sha256: hash,
            format: file.format,
            sizeBytes: file.bytes.byteLength,
            pages: file.pages,
            text: file.lines.join('\n'),
            importedBy: actorName(actor),
          })
          .onConflictDoNothing()
          .returning({ id: sourceFiles.id })
      )[0]?.id ??
      (await findFile());
    if (!sourceFileId) throw new Error(`Could not store source file ${file.name}`);

    const outcome: ImportOutcome = { file: file.name, sourceFileId, documents: [] };
    for (const doc of docs) {
      outcome.documents.push(await storeDocument(tx, actor, sourceFileId, file.lines, doc));
    }
    return outcome;
  });
}

async function storeDocument(
  tx: Db,
  actor: Actor,
  sourceFileId: string,
  lines: string[],
  doc: ExtractedDocument,
): Promise<ImportOutcome['documents'][number]> {
  const key = seriesKey(doc);
  const [current] = await tx
    .select()
    .from(documents)
    .where(and(eq(documents.seriesKey, key), eq(documents.isCurrent, true)));
  const base = {
    kind: doc.kind,
    number: doc.number,
    year: doc.year,
    title: doc.title,
  };
  if (current && contentKey(current.extracted) === contentKey(doc)) {
    return { ...base, id: current.id, version: current.version, outcome: 'unchanged', diff: [] };
  }
  const diff = current ? diffDocuments(current.extracted, doc) : [];
  if (current) {
    await tx.update(documents).set({ isCurrent: false }).where(eq(documents.id, current.id));
  }

  const ministryId = doc.ministry
    ? await findOrCreateOrganisation(tx, actor, {
        kind: 'ministry',
        name: doc.ministry,
        orgNr: doc.ministryOrgNr,
        parentId: null,
      })
    : null;
  const agencyId = doc.agency
    ? await findOrCreateOrganisation(tx, actor, {
        kind: 'agency',
        name: doc.agency,
        orgNr: null,
        parentId: ministryId,
      })
    : null;

  const version = (current?.version ?? 0) + 1;
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
      agencyName: doc.agency,
      ministryName: doc.ministry,
      date: doc.date,
      legalBasis: doc.legalBasis,
      signatories: doc.signatories,
      status: 'published',
      sourceFileId,
      ...span(doc.provenance),
      body: lines.slice(doc.provenance.startLine - 1, doc.provenance.endLine).join('\n'),
      coverage: doc.coverage.ratio,
      unparsed: doc.unparsed,
      warnings: doc.warnings,
      extracted: doc,
      createdBy: actorName(actor),
    })
    .returning({ id: documents.id });
  const documentId = row!.id;

  await storeMoney(tx, documentId, doc);
  await storeGoalsAndCalendar(tx, documentId, doc);
  if (ministryId) await ensureDepartments(tx, ministryId, doc);
  await storeAssignments(
    tx,
    { documentId, agencyId, seriesKey: key, previousDocumentId: current?.id ?? null },
    doc,
  );

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
      appropriations: doc.appropriations.length,
      assignments: doc.assignments.map((a) => a.assignedId),
      diff,
    },
  });
  return {
    ...base,
    id: documentId,
    version,
    outcome: current ? 'new-version' : 'created',
    diff,
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
    await tx.insert(appropriationLines).values(
      doc.appropriations.map((a, ord) => ({
        documentId,
        ord,
        chapter: a.chapter,
        chapterName: a.chapterName,
        post: a.post,
        postName: a.postName,
        notes: a.notes,
        amount: a.amount,
        previousYearAmount: a.previousYearAmount,
        comment: a.comment,
        ...span(a.provenance),
      })),
    );
  }
  if (doc.sumLines.length > 0) {
    await tx.insert(sumLines).values(
      doc.sumLines.map((s) => ({
        documentId,
        chapter: s.chapter,
        tableChapter: s.tableChapter,
        amount: s.amount,
        ...span(s.provenance),
      })),
    );
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
    await tx.insert(goals).values(
      doc.goals.map((g, ord) => ({
        documentId,
        ord,
        code: g.code,
        title: g.title,
        area: g.area,
        evaluationCriteria: g.evaluationCriteria,
        ...span(g.provenance),
      })),
    );
  }
  if (doc.steeringParameters.length > 0) {
    await tx.insert(steeringParameters).values(
      doc.steeringParameters.map((s, ord) => ({
        documentId,
        ord,
        kind: s.kind,
        goal: s.goal,
        text: s.text,
        ...span(s.provenance),
      })),
    );
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
    await tx.insert(calendarItems).values(
      doc.calendar.map((c) => ({
        documentId,
        kind: c.kind,
        text: c.text,
        phrase: c.deadline.text,
        date: c.date,
        value: c.deadline.value,
        ...span(c.provenance),
      })),
    );
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

async function storeAssignments(
  tx: Db,
  ctx: {
    documentId: string;
    agencyId: string | null;
    seriesKey: string;
    previousDocumentId: string | null;
  },
  doc: ExtractedDocument,
) {
  const taken = await takenRegisterIds(tx, ctx.agencyId, ctx.seriesKey);
  const stored: { id: string; registerId: string }[] = [];
  // A new version of a document keeps the follow-up state of its assignments.
  const previous = new Map(
    ctx.previousDocumentId
      ? (
          await tx
            .select({
              id: assignments.id,
              registerId: assignments.registerId,
              status: assignments.status,
              version: assignments.version,
              ownerUserId: assignments.ownerUserId,
            })
            .from(assignments)
            .where(eq(assignments.documentId, ctx.previousDocumentId))
        ).map((r) => [r.registerId, r])
      : [],
  );
  for (const [ord, a] of doc.assignments.entries()) {
    // Printed IDs are kept as printed; assigned ones never reuse an ID in the register.
    const registerId = a.id ?? nextFreeAssignmentId(a.assignedId, taken);
    taken.add(registerId);
    const earlier = previous.get(registerId);
    const [row] = await tx
      .insert(assignments)
      .values({
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
        ...span(a.provenance),
        ...(earlier
          ? { status: earlier.status, version: earlier.version, ownerUserId: earlier.ownerUserId }
          : {}),
      })
      .returning({ id: assignments.id });
    const assignmentId = row!.id;
    stored.push({ id: assignmentId, registerId });
    if (earlier) {
      // Its history follows it to the current version.
      await tx
        .update(assignmentEvents)
        .set({ assignmentId })
        .where(eq(assignmentEvents.assignmentId, earlier.id));
    }
    if (a.deadlines.length > 0) {
      await tx.insert(assignmentDeadlines).values(
        a.deadlines.map((d) => ({
          assignmentId,
          appliesTo: d.appliesTo,
          phrase: d.text,
          date: d.date,
          value: d.value,
        })),
      );
    }
    if (a.subAssignments.length > 0) {
      await tx.insert(subAssignments).values(
        a.subAssignments.map((s) => ({
          assignmentId,
          letter: s.letter,
          text: s.text,
          ...span(s.provenance),
        })),
      );
    }
    if (a.collaborators.length > 0) {
      await tx
        .insert(assignmentCollaborators)
        .values(a.collaborators.map((name) => ({ assignmentId, name })));
    }
    if (a.references.length > 0) {
      await tx
        .insert(assignmentReferences)
        .values(a.references.map((targetId) => ({ assignmentId, targetId })));
    }
    if (a.funding.length > 0) {
      await tx
        .insert(assignmentFunding)
        .values(a.funding.map((f) => ({ assignmentId, chapter: f.chapter, post: f.post })));
    }
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

/**
 * Links references and carried-over lists to the assignments they name, wherever those are
 * now in the register (also references imported earlier that waited for this document).
 */
async function resolveLinks(tx: Db, agencyId: string | null) {
  if (!agencyId) return;
  /** The current assignment of this agency registered under `id` (newest year first). */
  const target = (id: SQL) =>
    sql`(${tx
      .select({ id: assignments.id })
      .from(assignments)
      .innerJoin(documents, eq(documents.id, assignments.documentId))
      .where(
        and(
          eq(documents.isCurrent, true),
          eq(assignments.agencyId, agencyId),
          sql`${assignments.registerId} = ${id}`,
        ),
      )
      .orderBy(desc(assignments.year))
      .limit(1)})`;
  const agencyAssignments = tx
    .select({ id: assignments.id })
    .from(assignments)
    .where(eq(assignments.agencyId, agencyId));
  const agencyDocuments = tx
    .select({ id: documents.id })
    .from(documents)
    .where(eq(documents.agencyId, agencyId));
  await tx
    .update(assignmentReferences)
    .set({ targetAssignmentId: target(sql`${assignmentReferences.targetId}`) })
    .where(inArray(assignmentReferences.assignmentId, agencyAssignments));
  await tx
    .update(carriedOver)
    .set({ targetAssignmentId: target(sql`${carriedOver.printedId}`) })
    .where(inArray(carriedOver.documentId, agencyDocuments));
}
