import type { AssignmentDetail, AssignmentSummary } from '../../contract/api';
import type { assignments } from '../../db/schema';
import type { DocumentRow } from '../../services/documents';
import type { AssignmentFull } from '../../services/assignments';
import { assignmentAbilities, type Actor } from '../../domain/policy';

type AssignmentRow = typeof assignments.$inferSelect;

export function presentAssignmentSummary(
  actor: Actor,
  row: {
    assignment: AssignmentRow;
    document: Pick<DocumentRow, 'title' | 'agencyName' | 'status' | 'agencyId' | 'ministryId'>;
    nextDeadline: string | null;
  },
): AssignmentSummary {
  const a = row.assignment;
  return {
    id: a.id,
    registerId: a.registerId,
    printedId: a.printedId,
    idAssigned: a.idAssigned,
    year: a.year,
    title: a.title,
    ownerDepartment: a.ownerDepartment,
    status: a.status,
    version: a.version,
    agency: row.document.agencyName,
    agencyId: a.agencyId,
    documentId: a.documentId,
    documentTitle: row.document.title,
    nextDeadline: row.nextDeadline,
    abilities: assignmentAbilities(actor, {
      ...row.document,
      ownerDepartment: a.ownerDepartment,
      ownerUserId: a.ownerUserId,
    }),
  };
}

export function presentAssignmentDetail(actor: Actor, full: AssignmentFull): AssignmentDetail {
  const a = full.assignment;
  return {
    ...presentAssignmentSummary(actor, full),
    body: a.body,
    section: a.section,
    deadlines: full.deadlines.map((d) => ({
      date: d.date,
      text: d.phrase,
      appliesTo: d.appliesTo,
      value: d.value,
    })),
    subAssignments: full.subAssignments.map((s) => ({ letter: s.letter, text: s.text })),
    collaborators: full.collaborators.map((c) => c.name),
    references: full.references.map((r) => ({
      targetId: r.targetId,
      assignmentId: r.targetAssignmentId,
    })),
    funding: full.funding.map((f) => ({ chapter: f.chapter, post: f.post })),
    provenance: { startLine: a.lineStart, endLine: a.lineEnd },
  };
}
