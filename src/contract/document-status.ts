/**
 * Document states through consultation: a draft (ministry only) is shared with the agency for
 * consultation, then issued (published). A change has the one state-change shape
 * (./state-change.ts): it names the document's `statusVersion` it was based on.
 */
import { z } from 'zod';
import { DocumentStatus } from './enums';
import { refusedBody, staleBody, stateChangeBody, stateEvent, stateOf } from './state-change';

export const DocumentStatusChangeBody = stateChangeBody(DocumentStatus).extend({
  /**
   * Issuing an imported letter approves its review: the number of items the importer was unsure
   * of that no one corrected (the document's `openReviewItems`), which the person accepts as
   * read. Required when that number is above 0 and must equal it (422 `review-incomplete`
   * otherwise, naming how many remain), so no one accepts items they have not seen.
   */
  acceptUncertain: z.int().min(0).max(1_000_000).optional(),
});
export type DocumentStatusChangeBody = z.infer<typeof DocumentStatusChangeBody>;

/** A document's consultation state; `version` is its `statusVersion`. */
export const DocumentState = stateOf(DocumentStatus);
export type DocumentState = z.infer<typeof DocumentState>;

export const DocumentStatusEvent = stateEvent(DocumentStatus);
export type DocumentStatusEvent = z.infer<typeof DocumentStatusEvent>;

export const DocumentStatusChangeResult = z.object({
  document: DocumentState,
  event: DocumentStatusEvent,
});
export type DocumentStatusChangeResult = z.infer<typeof DocumentStatusChangeResult>;

export const DocumentStaleBody = staleBody(DocumentState);
export const DocumentRefusedBody = refusedBody(DocumentState);
