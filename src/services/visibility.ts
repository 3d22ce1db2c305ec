/**
 * The policy's read rule for documents (src/server/policy.ts `can(…, 'documents.read')`)
 * expressed as SQL, so lists and searches filter in the database. Keep the two in step:
 * policy.test.ts checks them against each other.
 */
import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { documents } from '../db/schema';
import type { Actor } from '../server/policy';

export function visibleDocuments(actor: Actor): SQL {
  if (actor.kind === 'system') return sql`true`;
  if (actor.kind === 'anonymous') return eq(documents.status, 'published');
  if (actor.roles.includes('auditor') || actor.roles.includes('administrator')) return sql`true`;
  return or(
    eq(documents.status, 'published'),
    eq(documents.ministryId, actor.organisationId),
    and(eq(documents.status, 'shared'), eq(documents.agencyId, actor.organisationId)),
  ) as SQL;
}
