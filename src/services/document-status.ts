/**
 * Sharing a draft with the agency, withdrawing it, and issuing it — one transaction, audited,
 * and only if the document's status is still at the version the caller saw. A document not yet
 * issued is an imported letter under review: issuing it approves the review (what the importer
 * was unsure of corrected, or accepted as read).
 */
import { and, eq, sql } from 'drizzle-orm';
import type {
  DocumentState,
  DocumentStatusChangeBody,
  DocumentStatusEvent,
} from '../contract/document-status';
import type { Db } from '../db/client';
import { documents } from '../db/schema';
import { visibleDocuments } from '../db/visibility';
import { documentTransitionAllowed, documentTransitions } from '../domain/document-status';
import { can, type Actor } from '../domain/policy';
import { appendAudit, audited } from './audit';
import { openReviewCount } from './corrections';
import { tellLetterIssued } from './webhooks';
import { resolveLinks } from './links';
import { applyAssignmentChanges } from './assignment-changes';
import { lockIdentity } from './import';
import { eventActor, storeActor } from '../domain/actors';

export type DocumentStatusOutcome =
  | { kind: 'changed'; document: DocumentState; event: DocumentStatusEvent }
  | { kind: 'not-found' }
  | { kind: 'forbidden' }
  | { kind: 'stale'; current: DocumentState }
  | {
      kind: 'refused';
      error: 'invalid-transition' | 'review-incomplete';
      message: string;
      current: DocumentState;
    };

type DocumentRow = typeof documents.$inferSelect;

const stateOf = (actor: Actor, doc: DocumentRow): DocumentState => ({
  id: doc.id,
  status: doc.status,
  version: doc.statusVersion,
  allowedTransitions: documentTransitions(actor, doc),
});

export async function changeDocumentStatus(
  db: Db,
  actor: Actor,
  id: string,
  body: DocumentStatusChangeBody,
): Promise<DocumentStatusOutcome> {
  return audited(db, async (tx) => {
    // An import of the same letter and this take turns (before the row lock, as the import).
    const [identity] = await tx
      .select({
        agency: sql<string | null>`${documents.extracted}->>'agency'`,
        year: documents.year,
        kind: documents.kind,
        number: documents.number,
      })
      .from(documents)
      .where(eq(documents.id, id));
    if (identity) await lockIdentity(tx, identity);
    const [doc] = await tx
      .select()
      .from(documents)
      .where(and(eq(documents.id, id), visibleDocuments(actor)))
      .for('update');
    if (!doc) return { kind: 'not-found' };
    if (!can(actor, 'documents.update', doc)) return { kind: 'forbidden' };
    const current = stateOf(actor, doc);
    if (doc.statusVersion !== body.expectedVersion) return { kind: 'stale', current };
    // An earlier version is the record of what was printed then: it is not shared or issued.
    if (!doc.isCurrent || !documentTransitionAllowed(doc.status, body.to)) {
      return {
        kind: 'refused',
        error: 'invalid-transition',
        message: doc.isCurrent
          ? `A ${doc.status} document cannot become ${body.to}`
          : 'This is an earlier version of the letter; its status no longer changes',
        current,
      };
    }
    // Issuing an imported letter approves its review: what the importer was unsure of is either
    // corrected or accepted as read, by number, so no one accepts items they have not seen.
    const open = body.to === 'published' ? await openReviewCount(tx, doc) : 0;
    if (open > 0 && body.acceptUncertain !== open) {
      return {
        kind: 'refused',
        error: 'review-incomplete',
        message: `${open} ${open === 1 ? 'item' : 'items'} the importer was unsure of ${open === 1 ? 'is' : 'are'} not corrected: correct ${open === 1 ? 'it' : 'them'}, or accept ${open === 1 ? 'it' : 'them'} as read with acceptUncertain: ${open}`,
        current,
      };
    }
    const [changed] = await tx
      .update(documents)
      .set({ status: body.to, statusVersion: doc.statusVersion + 1 })
      .where(eq(documents.id, id))
      .returning();
    // Who may read it changed: so may which changes are shown with which assignments.
    if (changed!.agencyId) await resolveLinks(tx, changed!.agencyId);
    const comment = body.comment ?? null;
    const entry = await appendAudit(tx, actor, {
      action: 'document.status',
      objectType: 'document',
      objectId: id,
      before: { status: doc.status, statusVersion: doc.statusVersion },
      after: {
        status: body.to,
        statusVersion: changed!.statusVersion,
        comment,
        ...(body.to === 'published' ? { acceptedUncertain: open } : {}),
      },
    });
    if (body.to === 'published') {
      // Issued: the register follows the changes of earlier assignments it prints.
      await applyAssignmentChanges(tx, actor, id);
      await tellLetterIssued(tx, id);
    }
    return {
      kind: 'changed',
      document: stateOf(actor, changed!),
      event: {
        id: String(entry.seq),
        at: entry.at.toISOString(),
        ...eventActor(storeActor(actor), actor.kind === 'user' ? actor.name : null),
        from: doc.status,
        to: body.to,
        comment,
        version: changed!.statusVersion,
      },
    };
  });
}
