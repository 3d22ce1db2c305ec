/**
 * The policy's read rule for documents (src/domain/policy.ts `can(…, 'documents.read')`)
 * expressed as SQL, so lists and searches filter in the database. Keep the two in step:
 * src/server/policy.db.test.ts checks them against each other on a table of actors × documents.
 */
import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { documents } from '../db/schema';
import { agencyRoles, ministryRoles, readsEverything, type Actor } from '../domain/policy';

export function visibleDocuments(actor: Actor): SQL {
  if (readsEverything(actor)) return sql`true`;
  if (actor.kind !== 'user') return eq(documents.status, 'published');
  const ministry = actor.roles.some((r) => ministryRoles.includes(r));
  const agency = actor.roles.some((r) => agencyRoles.includes(r));
  return or(
    eq(documents.status, 'published'),
    ministry ? eq(documents.ministryId, actor.organisationId) : undefined,
    agency
      ? and(eq(documents.status, 'shared'), eq(documents.agencyId, actor.organisationId))
      : undefined,
  ) as SQL;
}
