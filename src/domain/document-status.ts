/**
 * Which document states may follow which. Pure. Issued (published) letters are final: a
 * correction is a new supplement, not an edit.
 */
import type { DocumentStatus } from '../contract/enums';

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
