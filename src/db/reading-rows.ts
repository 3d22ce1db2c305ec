/**
 * The rows a reading of a letter (`ExtractedDocument`) is stored as, one function per table: the
 * import (src/services/import.ts) inserts them, and the national dataset generator
 * (./generate/national.ts) writes the same rows with COPY, so the two cannot drift apart. Pure:
 * ids and everything that is not in the reading are the caller's.
 */
import type { ExtractedDocument } from '../contract/letter';
import type * as schema from './schema';

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];
type Reading = ExtractedDocument;
type ReadAssignment = Reading['assignments'][number];

/** The line span an item was read from, as the tables store it. */
export const span = (p: { startLine: number; endLine: number }) => ({
  lineStart: p.startLine,
  lineEnd: p.endLine,
});

export const appropriationRows = (
  documentId: string,
  doc: Reading,
): Insert<typeof schema.appropriationLines>[] =>
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
    changePrevious: a.changeRow?.previous ?? null,
    changeTotal: a.changeRow?.total ?? null,
    comment: a.comment,
    ...span(a.provenance),
  }));

export const sumLineRows = (documentId: string, doc: Reading): Insert<typeof schema.sumLines>[] =>
  doc.sumLines.map((s) => ({
    documentId,
    chapter: s.chapter,
    tableChapter: s.tableChapter,
    amount: s.amount,
    ...span(s.provenance),
  }));

export const goalRows = (documentId: string, doc: Reading): Insert<typeof schema.goals>[] =>
  doc.goals.map((g, ord) => ({
    documentId,
    ord,
    code: g.code,
    title: g.title,
    area: g.area,
    evaluationCriteria: g.evaluationCriteria,
    ...span(g.provenance),
  }));

export const steeringParameterRows = (
  documentId: string,
  doc: Reading,
): Insert<typeof schema.steeringParameters>[] =>
  doc.steeringParameters.map((s, ord) => ({
    documentId,
    ord,
    kind: s.kind,
    goal: s.goal,
    text: s.text,
    ...span(s.provenance),
  }));

export const calendarRows = (
  documentId: string,
  doc: Reading,
): Insert<typeof schema.calendarItems>[] =>
  doc.calendar.map((c) => ({
    documentId,
    kind: c.kind,
    text: c.text,
    phrase: c.deadline.text,
    date: c.date,
    value: c.deadline.value,
    ...span(c.provenance),
  }));

export const deadlineRows = (
  assignmentId: string,
  a: ReadAssignment,
): Insert<typeof schema.assignmentDeadlines>[] =>
  a.deadlines.map((d) => ({
    assignmentId,
    appliesTo: d.appliesTo,
    phrase: d.text,
    date: d.date,
    value: d.value,
  }));

export const subAssignmentRows = (
  assignmentId: string,
  a: ReadAssignment,
): Insert<typeof schema.subAssignments>[] =>
  a.subAssignments.map((s) => ({
    assignmentId,
    letter: s.letter,
    text: s.text,
    ...span(s.provenance),
  }));
