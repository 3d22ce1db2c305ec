/**
 * Acknowledging, closing and reopening consistency findings. A finding is derived from the
 * documents (recomputed on every read), so what a ministry user records about it is kept by
 * the agency's year and the finding's stable key (findingKey) in finding_reviews, one row per
 * finding, with every change in the audit trail (who, when, comment, from → to).
 */
import { and, eq } from 'drizzle-orm';
import type { FindingReview, FindingReviewBody } from '../contract/ledger';
import type { Db } from '../db/client';
import { findingReviews } from '../db/schema';
import { actorColumns, actorName } from '../domain/actors';
import { can, type Actor } from '../domain/policy';
import { appendAudit, audited } from './audit';
import {
  computeSeries,
  loadAgencyYear,
  presentReview,
  seriesFindings,
  seriesPolicyObject,
} from './ledger';

export type ReviewOutcome =
  | { kind: 'reviewed'; key: string; review: FindingReview }
  /** The year is not readable, or it has no finding with this key (now). */
  | { kind: 'not-found' }
  | { kind: 'forbidden' }
  /** expectedVersion is not the review's version (0: never reviewed). */
  | { kind: 'stale'; current: FindingReview | null };

/**
 * Records `to` (with the comment) for the finding `key` of the agency's year, if the actor
 * may (policy 'findings.review') and nobody changed it since they read it.
 */
export async function reviewFinding(
  db: Db,
  actor: Actor,
  body: FindingReviewBody,
): Promise<ReviewOutcome> {
  return audited(db, async (tx) => {
    const docs = await loadAgencyYear(tx, actor, body.agency, body.year);
    if (docs.length === 0) return { kind: 'not-found' };
    if (!can(actor, 'findings.review', seriesPolicyObject(docs))) return { kind: 'forbidden' };
    const finding = seriesFindings(computeSeries(docs)).find((f) => f.key === body.key);
    if (!finding) return { kind: 'not-found' };
    const where = and(
      eq(findingReviews.agencyId, body.agency),
      eq(findingReviews.year, body.year),
      eq(findingReviews.findingKey, body.key),
    );
    // Row lock: two officers answering at once are served one after the other.
    const [row] = await tx.select().from(findingReviews).where(where).for('update');
    const current = row ? presentReview(row) : null;
    if ((row?.version ?? 0) !== body.expectedVersion) return { kind: 'stale', current };
    const values = {
      state: body.to,
      comment: body.comment === undefined || body.comment === '' ? null : body.comment,
      ...actorColumns(actor),
      actorName: actorName(actor),
      at: new Date(),
      version: (row?.version ?? 0) + 1,
    };
    const [saved] = row
      ? await tx.update(findingReviews).set(values).where(where).returning()
      : await tx
          .insert(findingReviews)
          .values({ ...values, agencyId: body.agency, year: body.year, findingKey: body.key })
          .returning();
    if (!saved) throw new Error('The review was not saved');
    const review = presentReview(saved);
    await appendAudit(tx, actor, {
      action: `finding.${body.to === 'open' ? 'reopen' : body.to === 'closed' ? 'close' : 'acknowledge'}`,
      objectType: 'finding',
      objectId: `${body.agency}|${body.year}|${body.key}`,
      before: current ? { state: current.state, comment: current.comment } : { state: 'open' },
      after: { state: review.state, comment: review.comment, message: finding.message },
    });
    return { kind: 'reviewed', key: body.key, review };
  });
}
