/**
 * Which document states may follow which. Pure. Issued (published) letters are final: a
 * correction is a new supplement, not an edit.
 */
import type { DocumentStatus } from '../contract/enums';
import { can, type Actor, type DocumentLike } from './policy';

const NEXT: Record<DocumentStatus, readonly DocumentStatus[]> = {
  draft: ['shared', 'published'],
  shared: ['draft', 'published'],
  published: [],
};

export function documentTransitionAllowed(from: DocumentStatus, to: DocumentStatus): boolean {
  return NEXT[from].includes(to);
}

export function nextDocumentStatuses(from: DocumentStatus): readonly DocumentStatus[] {
  return NEXT[from];
}

/**
 * Where this actor may move the document now: the next states, for those who may update it,
 * and nowhere for an earlier version (the record of what was printed then).
 */
export function documentTransitions(
  actor: Actor,
  doc: DocumentLike & { isCurrent: boolean },
): DocumentStatus[] {
  return doc.isCurrent && can(actor, 'documents.update', doc) ? [...NEXT[doc.status]] : [];
}
