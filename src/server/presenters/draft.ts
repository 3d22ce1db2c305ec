/**
 * The one way a draft leaves the server: its content (live for the ministry, the latest shared
 * round for the agency), what the server derives from it, its rounds with what changed between
 * them, its comments, and what the caller may do.
 */
import type { Draft, DraftComment, DraftSummary } from '../../contract/draft';
import type { z } from 'zod';
import { deriveDraft, describeChanges } from '../../domain/draft';
import { draftAbilities, readsSharedRound, type Actor } from '../../domain/policy';
import {
  draftLike,
  draftTitle,
  unreadDetails,
  type DraftDetail,
  type DraftView,
} from '../../services/drafts';

export function presentDraftSummary(actor: Actor, v: DraftView): z.infer<typeof DraftSummary> {
  return {
    id: v.row.id,
    kind: v.row.kind,
    year: v.row.year,
    status: v.row.status,
    // The agency sees the title of the round shared with it, not the ministry's edits since.
    title: draftTitle(v, readsSharedRound(actor, draftLike(v.row))),
    agency: { id: v.row.agencyId, name: v.agencyName },
    updatedAt: v.row.updatedAt.toISOString(),
    issuedDocumentId: v.row.issuedDocumentId,
  };
}

export function presentDraft(actor: Actor, v: DraftDetail): Draft {
  const r = v.row;
  const like = draftLike(r);
  const shared = readsSharedRound(actor, like);
  const content = shared ? (v.rounds.at(-1)?.content ?? r.content) : r.content;
  return {
    ...presentDraftSummary(actor, v),
    version: r.version,
    ministry: { id: r.ministryId, name: v.ministryName },
    content,
    derived: deriveDraft(r.kind, r.year, content, v.register, unreadDetails(content)),
    view: shared ? 'shared' : 'live',
    rounds: v.rounds.map((round, i) => ({
      round: round.round,
      sharedAt: round.sharedAt.toISOString(),
      sharedBy: round.sharedBy,
      changes: describeChanges(v.rounds[i - 1]?.content ?? null, round.content),
    })),
    comments: v.comments.map((c): DraftComment => ({
      id: c.id,
      round: c.round,
      item: c.item,
      body: c.body,
      replyTo: c.replyTo,
      side: c.side,
      by: c.actorName,
      at: c.at.toISOString(),
      resolved:
        c.resolvedAt && c.resolvedByName
          ? { by: c.resolvedByName, at: c.resolvedAt.toISOString() }
          : null,
    })),
    createdBy: v.createdBy,
    approvedBy: v.approvedBy,
    abilities: draftAbilities(actor, like),
  };
}
