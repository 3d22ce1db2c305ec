/** An audit entry as the API shows it (contract AuditHistory). */
import type { AuditRecord } from '../../services/audit';

export function presentAuditEntry(e: AuditRecord & { actorName: string | null }) {
  return { ...e, at: e.at.toISOString() };
}
