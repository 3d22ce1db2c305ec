/** The one way a draft leaves the server: its content, what the server derives, abilities. */
import type { Draft, DraftSummary } from '../../contract/draft';
import type { z } from 'zod';
import { deriveDraft } from '../../domain/draft';
import { draftAbilities, type Actor } from '../../domain/policy';
import { draftLike, draftTitle, type DraftDetail, type DraftView } from '../../services/drafts';

export function presentDraftSummary(v: DraftView): z.infer<typeof DraftSummary> {
  return {
    id: v.row.id,
    kind: v.row.kind,
    year: v.row.year,
    status: v.row.status,
    title: draftTitle(v),
    agency: { id: v.row.agencyId, name: v.agencyName },
    updatedAt: v.row.updatedAt.toISOString(),
    issuedDocumentId: v.row.issuedDocumentId,
  };
}

export function presentDraft(actor: Actor, v: DraftDetail): Draft {
  const r = v.row;
  return {
    ...presentDraftSummary(v),
    version: r.version,
    ministry: { id: r.ministryId, name: v.ministryName },
    content: r.content,
    derived: deriveDraft(r.kind, r.year, r.content),
    createdBy: v.createdBy,
    approvedBy: v.approvedBy,
    abilities: draftAbilities(actor, draftLike(r)),
  };
}
