import type { AssignmentDetail, AssignmentSummary } from '../../contract/api';
import type { assignments } from '../../db/schema';
import type { DocumentRow } from '../../services/documents';
import type { AssignmentFull } from '../../services/assignments';
import { isOpen, isOverdue } from '../../domain/lifecycle';
import { assignmentAbilities, type Actor } from '../../domain/policy';
import { osloToday } from '../../services/calendar';

type AssignmentRow = typeof assignments.$inferSelect;

export function presentAssignmentSummary(
  actor: Actor,
  row: {
    assignment: AssignmentRow;
    document: Pick<DocumentRow, 'title' | 'agencyName' | 'status' | 'agencyId' | 'ministryId'>;
    nextDeadline: string | null;
    /** The owner person's name (`ownerName` in services/assignments.ts); absent: not looked up. */
    ownerName?: string | null;
  },
  /** Europe/Oslo; decides `overdue`. */
  today: string = osloToday(),
): AssignmentSummary {
  const a = row.assignment;
  const abilities = assignmentAbilities(actor, {
    ...row.document,
    ownerDepartment: a.ownerDepartment,
    ownerUserId: a.ownerUserId,
    changesAnother: a.clarifiedAssignmentId !== null,
  });
  // Who in the agency has the work, and why it is at risk, are the work dialogue's.
  const dialogue = abilities.readComments;
  return {
    id: a.id,
    registerId: a.registerId,
    printedId: a.printedId,
    idAssigned: a.idAssigned,
    year: a.year,
    title: a.title,
    ownerDepartment: a.ownerDepartment,
    status: a.status,
    open: isOpen(a.status),
    overdue: isOverdue(a.status, row.nextDeadline, today),
    version: a.version,
    agency: row.document.agencyName,
    agencyId: a.agencyId,
    documentId: a.documentId,
    documentTitle: row.document.title,
    nextDeadline: row.nextDeadline,
    ownerPerson:
      dialogue && a.ownerUserId && typeof row.ownerName === 'string'
        ? { id: a.ownerUserId, name: row.ownerName }
        : null,
    progress: a.progress,
    progressReason: dialogue ? a.progressReason : null,
    clarifies:
      a.clarifies === null
        ? null
        : { registerId: a.clarifies, assignmentId: a.clarifiedAssignmentId },
    abilities,
  };
}

export function presentAssignmentDetail(actor: Actor, full: AssignmentFull): AssignmentDetail {
  const a = full.assignment;
  return {
    ...presentAssignmentSummary(actor, full),
    body: a.body,
    section: a.section,
    deadlines: full.deadlines.map(presentDeadline),
    subAssignments: full.subAssignments.map((s) => ({ letter: s.letter, text: s.text })),
    collaborators: full.collaborators.map((c) => c.name),
    references: full.references.map((r) => ({
      targetId: r.targetId,
      assignmentId: r.targetAssignmentId,
    })),
    funding: full.funding.map((f) => ({ chapter: f.chapter, post: f.post })),
    clarifications: full.clarifications.map((c) => ({
      id: c.assignment.id,
      documentId: c.document.id,
      documentTitle: c.document.title,
      documentDate: c.document.date,
      ownerDepartment: c.assignment.ownerDepartment,
      title: c.assignment.title,
      body: c.assignment.body,
      deadlines: c.deadlines.map(presentDeadline),
      provenance: { startLine: c.assignment.lineStart, endLine: c.assignment.lineEnd },
    })),
    provenance: { startLine: a.lineStart, endLine: a.lineEnd },
  };
}

function presentDeadline(
  d: AssignmentFull['deadlines'][number],
): AssignmentDetail['deadlines'][number] {
  return {
    date: d.date,
    text: d.phrase,
    appliesTo: d.appliesTo,
    value: d.value,
    sourceDocumentId: d.sourceDocumentId,
  };
}
