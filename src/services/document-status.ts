/**
 * Sharing a draft with the agency, withdrawing it, and issuing it — one transaction, audited,
 * and only if the document is still in the state the caller saw.
 */
import { and, eq } from 'drizzle-orm';
import type { DocumentStatusChangeBody } from '../contract/document-status';
import type { DocumentStatus } from '../contract/enums';
import type { Db } from '../db/client';
import { documents } from '../db/schema';
import { documentTransitionAllowed } from '../domain/document-status';
import { can, type Actor } from '../domain/policy';
import { appendAudit } from './audit';
import { visibleDocuments } from '../db/visibility';

export type DocumentStatusOutcome =
  | { kind: 'changed'; id: string; status: DocumentStatus }
  | { kind: 'not-found' }
  | { kind: 'forbidden' }
  | { kind: 'stale'; current: { id: string; status: DocumentStatus } }
  | { kind: 'refused'; current: { id: string; status: DocumentStatus } };

export async function changeDocumentStatus(
  db: Db,
  actor: Actor,
  id: string,
  body: DocumentStatusChangeBody,
): Promise<DocumentStatusOutcome> {
  return db.transaction(async (tx) => {
    const [doc] = await tx
      .select()
      .from(documents)
      .where(and(eq(documents.id, id), visibleDocuments(actor)))
      .for('update');
    if (!doc) return { kind: 'not-found' };
    if (!can(actor, 'documents.update', doc)) return { kind: 'forbidden' };
    const current = { id: doc.id, status: doc.status };
    if (doc.status !== body.expectedStatus) return { kind: 'stale', current };
    // An earlier version is the record of what was printed then: it is not shared or issued.
    if (!doc.isCurrent || !documentTransitionAllowed(doc.status, body.to)) {
      return { kind: 'refused', current };
    }
    await tx.update(documents).set({ status: body.to }).where(eq(documents.id, id));
    await appendAudit(tx, actor, {
      action: 'document.status',
      objectType: 'document',
      objectId: id,
      before: { status: doc.status },
      after: { status: body.to, comment: body.comment ?? null },
    });
    return { kind: 'changed', id, status: body.to };
  });
}
