/**
 * The rows of an assignment that follow from its reading beside the register row itself:
 * sub-assignments, collaborators, references (linked by `resolveLinks` afterwards) and funding.
 * One writer for the import (src/services/import.ts) and the corrections that rewrite an
 * assignment's text (src/services/corrections.ts). Deadlines are the callers' own, as a
 * supplement may have set a row's deadline since it was read (src/services/assignment-changes.ts).
 */
import { eq } from 'drizzle-orm';
import type { ExtractedDocument } from '../contract/letter';
import type { Db } from '../db/client';
import { subAssignmentRows } from '../db/reading-rows';
import {
  assignmentCollaborators,
  assignmentFunding,
  assignmentReferences,
  subAssignments,
} from '../db/schema';

type ReadAssignment = ExtractedDocument['assignments'][number];

export async function insertTextParts(
  tx: Db,
  assignmentId: string,
  a: ReadAssignment,
): Promise<void> {
  if (a.subAssignments.length > 0) {
    await tx.insert(subAssignments).values(subAssignmentRows(assignmentId, a));
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

/** Removes those rows and writes them again from the reading `a`. */
export async function rewriteTextParts(
  tx: Db,
  assignmentId: string,
  a: ReadAssignment,
): Promise<void> {
  for (const part of [
    subAssignments,
    assignmentCollaborators,
    assignmentReferences,
    assignmentFunding,
  ] as const) {
    await tx.delete(part).where(eq(part.assignmentId, assignmentId));
  }
  await insertTextParts(tx, assignmentId, a);
}
