/**
 * The policy's read rule for documents (src/domain/policy.ts `can(…, 'documents.read')`)
 * expressed as SQL, so lists and searches filter in the database. Keep the two in step:
 * src/server/policy.db.test.ts checks them against each other on a table of actors × documents.
 */
import { and, eq, isNotNull, ne, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  assignments,
  documents,
  drafts,
  governanceMeetings,
  organisations,
  reports,
} from '../db/schema';
import {
  agencyRoles,
  homeView,
  isMember,
  ministryRoles,
  readsEverything,
  scopeAllows,
  seesEveryOrganisation,
  type Action,
  type Actor,
} from '../domain/policy';

/**
 * An API client whose token lacks the scope of `action` (src/domain/policy.ts `actionScopes`)
 * reads nothing through the rule, as `can()` says; the routes refuse it before anyway.
 */
const scopeDenies = (actor: Actor, action: Action): boolean =>
  actor.kind === 'client' && !scopeAllows(actor.scopes, action);

/**
 * How widely a document of this status is read, as a rank (draft: its ministry; shared: and the
 * agency; published: everyone), for comparing two documents in SQL.
 */
export const readership = (status: SQL): SQL =>
  sql`(case ${status} when 'published' then 2 when 'shared' then 1 else 0 end)`;

export function visibleDocuments(actor: Actor): SQL {
  if (scopeDenies(actor, 'documents.read')) return sql`false`;
  if (readsEverything(actor)) return sql`true`;
  if (!isMember(actor)) return eq(documents.status, 'published');
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

/**
 * The read rule for drafts (`can(…, 'drafts.read')`): their ministry, auditors, administrators,
 * and the agency once a round is shared with it.
 */
export function visibleDrafts(actor: Actor): SQL {
  if (scopeDenies(actor, 'drafts.read')) return sql`false`;
  if (readsEverything(actor)) return sql`true`;
  if (!isMember(actor)) return sql`false`;
  const ministry = actor.roles.some((r) => ministryRoles.includes(r));
  const agency = actor.roles.some((r) => agencyRoles.includes(r));
  return (or(
    ministry ? eq(drafts.ministryId, actor.organisationId) : undefined,
    agency
      ? and(eq(drafts.agencyId, actor.organisationId), isNotNull(drafts.sharedRound))
      : undefined,
  ) ?? sql`false`) as SQL;
}

/**
 * The read rule for reports (`can(…, 'reports.read')`): their ministry's users, the agency's
 * users, auditors and administrators; and everyone an accepted annual report (published).
 */
export function visibleReports(actor: Actor): SQL {
  if (scopeDenies(actor, 'reports.read')) return sql`false`;
  if (readsEverything(actor)) return sql`true`;
  return or(publishedReports(), followedReports(actor)) as SQL;
}

/** The published reports (`reportPublished`): accepted annual reports, which everyone reads. */
export function publishedReports(): SQL {
  return and(eq(reports.kind, 'annual'), eq(reports.status, 'accepted')) as SQL;
}

/**
 * The reports the actor follows (lists and the ministry's overview): their ministry's, their
 * agency's, every report for auditors and administrators; none for visitors. Published reports
 * of others are read (`visibleReports`), not followed.
 */
export function followedReports(actor: Actor): SQL {
  if (scopeDenies(actor, 'reports.read')) return sql`false`;
  if (readsEverything(actor)) return sql`true`;
  if (!isMember(actor)) return sql`false`;
  const ministry = actor.roles.some((r) => ministryRoles.includes(r));
  const agency = actor.roles.some((r) => agencyRoles.includes(r));
  return (or(
    ministry ? eq(reports.ministryId, actor.organisationId) : undefined,
    agency ? eq(reports.agencyId, actor.organisationId) : undefined,
  ) ?? sql`false`) as SQL;
}

/**
 * The read rule for governance meetings (`can(…, 'meetings.read')`): their ministry's users, the
 * agency's users (every agency role), auditors and administrators; nobody else.
 */
export function visibleMeetings(actor: Actor): SQL {
  if (scopeDenies(actor, 'meetings.read')) return sql`false`;
  if (readsEverything(actor)) return sql`true`;
  if (!isMember(actor)) return sql`false`;
  const ministry = actor.roles.some((r) => ministryRoles.includes(r));
  const agency = actor.roles.some((r) => agencyRoles.includes(r));
  return (or(
    ministry ? eq(governanceMeetings.ministryId, actor.organisationId) : undefined,
    agency ? eq(governanceMeetings.agencyId, actor.organisationId) : undefined,
  ) ?? sql`false`) as SQL;
}

const namedChild = alias(organisations, 'named_child');

/**
 * The organisations rule (src/domain/policy.ts `seesEveryOrganisation`) as SQL: every
 * organisation, or those named (as ministry or agency) by a document the actor may read, and
 * the parents of those.
 */
export function visibleOrganisations(actor: Actor): SQL {
  if (scopeDenies(actor, 'organisations.list')) return sql`false`;
  if (seesEveryOrganisation(actor)) return sql`true`;
  // Two tests rather than one with `agency or ministry`: each is an index lookup (documents by
  // agency, by ministry), where the `or` made every organisation scan the documents.
  const named = (org: AnyColumn) => sql`(exists (
    select 1 from ${documents}
    where ${visibleDocuments(actor)} and ${documents.agencyId} = ${org}) or exists (
    select 1 from ${documents}
    where ${visibleDocuments(actor)} and ${documents.ministryId} = ${org}))`;
  return sql`(${named(organisations.id)} or exists (
    select 1 from ${organisations} as ${namedChild}
    where ${namedChild.parentId} = ${organisations.id} and ${named(namedChild.id)}))`;
}

/**
 * The rule `can(…, 'assignments.comments.read')` (the work dialogue: comments, who has the
 * work, why it is at risk) as SQL on documents: their ministry, the agency once shared,
 * auditors and administrators.
 */
export function readsWorkDialogue(actor: Actor): SQL {
  if (scopeDenies(actor, 'assignments.comments.read')) return sql`false`;
  if (readsEverything(actor)) return sql`true`;
  if (!isMember(actor)) return sql`false`;
  const ministry = actor.roles.some((r) => ministryRoles.includes(r));
  const agency = actor.roles.some((r) => agencyRoles.includes(r));
  return (or(
    ministry ? eq(documents.ministryId, actor.organisationId) : undefined,
    agency
      ? and(ne(documents.status, 'draft'), eq(documents.agencyId, actor.organisationId))
      : undefined,
  ) ?? sql`false`) as SQL;
}

/**
 * The work on the actor's start page (`homeView`): their agency's assignments, their ministry's
 * (their department's, for a department officer with one), everything for auditors and
 * administrators, nothing for the public. Always within what the actor may read.
 */
export function homeScope(actor: Actor): SQL {
  if (scopeDenies(actor, 'home.read')) return sql`false`;
  const view = homeView(actor);
  if (view === 'overseer') return visibleDocuments(actor);
  if (view === 'public' || !isMember(actor)) return sql`false`;
  if (view === 'agency-coordinator' || view === 'agency-owner') {
    return and(visibleDocuments(actor), eq(assignments.agencyId, actor.organisationId)) as SQL;
  }
  return and(
    visibleDocuments(actor),
    eq(documents.ministryId, actor.organisationId),
    view === 'ministry-department' && actor.departmentCode
      ? eq(assignments.ownerDepartment, actor.departmentCode)
      : undefined,
  ) as SQL;
}
