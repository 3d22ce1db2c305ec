import type { Correction } from '../../contract/review';
import type { CorrectionRow } from '../../services/corrections';

export function presentCorrection(row: CorrectionRow): Correction {
  return {
    id: row.id,
    itemKind: row.itemKind,
    itemKey: row.itemKey,
    change: row.change,
    reason: row.reason,
    by: row.actorName,
    at: row.at.toISOString(),
  };
}
