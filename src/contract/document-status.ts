/**
 * Document states through consultation: a draft (ministry only) is shared with the agency for
 * consultation, then issued (published). Changing it names the state the caller last saw.
 */
import { z } from 'zod';

import { DocumentStatus } from './enums';

export const DocumentStatusChangeBody = z.object({
  to: DocumentStatus,
  /** The status the caller saw; the change applies only if it is still the status. */
  expectedStatus: DocumentStatus,
  comment: z.string().trim().max(2000).optional(),
});
export type DocumentStatusChangeBody = z.infer<typeof DocumentStatusChangeBody>;

export const DocumentStatusResult = z.object({
  id: z.uuid(),
  status: DocumentStatus,
});

export const DocumentStatusConflict = z.object({
  error: z.enum(['stale-status', 'transition-not-allowed']),
  message: z.string(),
  current: DocumentStatusResult,
});
