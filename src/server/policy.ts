/**
 * The one authorization policy. Fail-closed: every route declares the action it performs
 * (`config: { action }`), a route without one makes the server refuse to start, and an action
 * without a rule here is denied.
 */

export type Role =
  | 'ministry-department-officer'
  | 'ministry-budget-officer'
  | 'ministry-reader'
  | 'agency-coordinator'
  | 'agency-assignment-owner'
  | 'auditor'
  | 'administrator';

export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'system'; name: string }
  | {
      kind: 'user';
      id: string;
      name: string;
      organisationId: string;
      roles: Role[];
    };

export const ANONYMOUS: Actor = { kind: 'anonymous' };

/** Every action a route may declare. */
export const actions = [
  'public',
  'health.read',
  'documents.list',
  'documents.read',
  'documents.import',
  'assignments.list',
  'assignments.read',
  'assignments.update',
  'search',
  'organisations.list',
] as const;
export type Action = (typeof actions)[number];

/**
 * Actions about one object: the route lets the request through and the service decides per
 * object (`can(actor, action, doc)`, or `visibleDocuments` in SQL), answering 404 when denied.
 */
export const objectActions: ReadonlySet<Action> = new Set<Action>([
  'documents.read',
  'assignments.read',
  'assignments.update',
]);

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && (actions as readonly string[]).includes(value);
}

/** The object an action is about, where the rule depends on it. */
export interface DocumentLike {
  status: 'draft' | 'shared' | 'published';
  agencyId: string | null;
  ministryId: string | null;
}

/** Human name of an actor, for the audit trail. */
export function actorName(actor: Actor): string {
  switch (actor.kind) {
    case 'anonymous':
      return 'anonymous';
    case 'system':
      return `system:${actor.name}`;
    case 'user':
      return `user:${actor.id}`;
  }
}

function seesNonPublic(actor: Actor, doc: DocumentLike): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user') return false;
  if (actor.roles.includes('auditor') || actor.roles.includes('administrator')) return true;
  if (actor.organisationId === doc.ministryId) return true;
  return doc.status === 'shared' && actor.organisationId === doc.agencyId;
}

/** Whether `actor` may perform `action` (on `doc`, where the action concerns one). */
export function can(actor: Actor, action: Action, doc?: DocumentLike): boolean {
  switch (action) {
    case 'public':
    case 'health.read':
      return true;
    case 'documents.list':
    case 'assignments.list':
    case 'search':
    case 'organisations.list':
      // Lists are filtered per row with documents.read.
      return true;
    case 'documents.read':
    case 'assignments.read':
      if (!doc) return false;
      return doc.status === 'published' || seesNonPublic(actor, doc);
    case 'documents.import':
      return (
        actor.kind === 'system' ||
        (actor.kind === 'user' &&
          actor.roles.some((r) =>
            ['ministry-department-officer', 'ministry-budget-officer', 'administrator'].includes(r),
          ))
      );
    case 'assignments.update':
      if (!doc) return false;
      if (actor.kind === 'system') return true;
      if (actor.kind !== 'user') return false;
      if (actor.roles.includes('auditor') && actor.roles.length === 1) return false;
      return (
        actor.roles.includes('administrator') ||
        actor.organisationId === doc.ministryId ||
        (actor.organisationId === doc.agencyId &&
          (actor.roles.includes('agency-coordinator') ||
            actor.roles.includes('agency-assignment-owner')))
      );
    default: {
      // A new action without a rule is denied.
      const _exhaustive: never = action;
      return false;
    }
  }
}

/** The abilities sent with an object, so the client never recomputes rules. */
export function abilitiesFor(
  actor: Actor,
  kind: 'document' | 'assignment',
  doc: DocumentLike,
): Record<string, boolean> {
  if (kind === 'document') return { read: can(actor, 'documents.read', doc) };
  return {
    read: can(actor, 'assignments.read', doc),
    update: can(actor, 'assignments.update', doc),
  };
}
