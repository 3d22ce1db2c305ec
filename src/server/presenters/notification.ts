import type { Notification } from '../../contract/follow-up';
import type { notifications } from '../../db/schema';

export function presentNotification(n: typeof notifications.$inferSelect): Notification {
  return {
    id: n.id,
    kind: n.kind,
    at: n.createdAt.toISOString(),
    read: n.readAt !== null,
    assignmentId: n.assignmentId,
    draftId: n.draftId,
    reportId: n.reportId,
    params: n.params,
  };
}
