/**
 * The one authorization policy (pure: no I/O). Fail-closed: every route declares the action it performs
 * (`config: { action }`), a route without one makes the server refuse to start, and an action
 * without a rule here is denied. `visibleDocuments()` (src/db/visibility.ts) is the SQL
 * form of the read rule; policy.db.test.ts checks the two agree.
 *
 * Roles are scoped to the user's organisation:
 * - ministry roles (department officer, budget officer, reader) act on documents whose ministry
 *   is the user's organisation, drafts included;
 * - agency roles (coordinator, assignment owner) act on documents addressed to the user's
 *   agency once the ministry has shared them (status `shared` or `published`);
 * - auditors read everything and change nothing; administrators may do everything.
 * Anonymous visitors read published documents only.
 */

import type { AssignmentAbilities, DocumentAbilities } from '../contract/api';
import type { DraftAbilities } from '../contract/draft';
import type { HomeView } from '../contract/home';
import type { MeetingAbilities } from '../contract/meeting';
import type { ReportAbilities } from '../contract/report';
import {
  ROLES,
  type ApiScope,
  type DraftStatus,
  type MeetingStatus,
  type ReportStatus,
  type Role,
} from '../contract/enums';
import type { Side } from './lifecycle';
import { reportEditable } from './report';

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Keeps the known roles of a stored or claimed list; unknown ones give no rights. */
export function knownRoles(values: readonly unknown[]): Role[] {
  return [...new Set(values.filter(isRole))];
}

export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'system'; name: string }
  | {
      kind: 'user';
      id: string;
      name: string;
      organisationId: string;
      roles: Role[];
      /** Department code within a ministry (for department officers). */
      departmentCode?: string | null;
    }
  | {
      /**
       * An integrating system with a client-credentials token (docs/machine-access.md): acts
       * within its organisation with its roles, as a person with them would, but only in the
       * actions its token's scopes allow (`actionScopes`), never in those for people only.
       */
      kind: 'client';
      /** The registered client's row id (api_clients.id). */
      id: string;
      /** The public client id. */
      clientId: string;
      name: string;
      organisationId: string;
      roles: Role[];
      departmentCode?: null;
      /** The scopes of the token the request came with. */
      scopes: ApiScope[];
    };

export type UserActor = Extract<Actor, { kind: 'user' }>;
/** Whoever holds roles in an organisation: a person, or an API client acting like one. */
export type MemberActor = Extract<Actor, { kind: 'user' | 'client' }>;

/** Whether the role rules apply to the actor (a person, or an API client within its scopes). */
export function isMember(actor: Actor): actor is MemberActor {
  return actor.kind === 'user' || actor.kind === 'client';
}

/** The roles an API client may act with: any but administrator (which is no organisation's). */
export const clientRoles: readonly Role[] = ROLES.filter((r) => r !== 'administrator');

export const ANONYMOUS: Actor = { kind: 'anonymous' };

/** Every action a route may declare. */
export const actions = [
  'public',
  'health.read',
  'auth.signin',
  'auth.signout',
  'me.read',
  'documents.list',
  'documents.read',
  'documents.import',
  'documents.update',
  'appropriations.update',
  'assignments.list',
  'assignments.read',
  'assignments.update',
  'assignments.comments.read',
  'assignments.carry-over',
  'assignments.owner-department',
  'assignments.owner-person',
  'assignments.progress',
  'notifications.list',
  'home.read',
  'search',
  'organisations.list',
  'audit.read',
  'calendar.feeds',
  'findings.review',
  'documents.correct',
  'drafts.list',
  'drafts.create',
  'drafts.read',
  'drafts.update',
  'drafts.approve',
  'drafts.issue',
  'drafts.share',
  'drafts.comment',
  'drafts.resolve',
  'reports.list',
  'reports.read',
  'reports.create',
  'reports.update',
  'reports.submit',
  'reports.review',
  'reports.status',
  'reports.sign',
  'reports.tolerance',
  'meetings.list',
  'meetings.read',
  'meetings.create',
  'meetings.update',
  'meetings.decide',
  'archive.export',
  'clients.manage',
] as const;
export type Action = (typeof actions)[number];

/**
 * Actions about one object: the route lets the request through and the service decides per
 * object (`can(actor, action, doc)`, or `visibleDocuments` in SQL), answering 404 when denied.
 */
export const objectActions: ReadonlySet<Action> = new Set<Action>([
  'documents.read',
  'documents.update',
  'appropriations.update',
  'assignments.read',
  'assignments.update',
  'assignments.comments.read',
  'assignments.carry-over',
  'assignments.owner-department',
  'assignments.owner-person',
  'assignments.progress',
  'findings.review',
  'documents.correct',
  'drafts.create',
  'drafts.read',
  'drafts.update',
  'drafts.approve',
  'drafts.issue',
  'drafts.share',
  'drafts.comment',
  'drafts.resolve',
  'reports.read',
  'reports.create',
  'reports.update',
  'reports.submit',
  'reports.review',
  'reports.status',
  'reports.sign',
  'reports.tolerance',
  'meetings.read',
  'meetings.create',
  'meetings.update',
  'meetings.decide',
  'archive.export',
]);

/**
 * The scope an API client's token needs for each action: `none` for what anyone may do, `people`
 * for what only a signed-in person does (sign-in, settings, notifications, start page, calendar
 * subscriptions, the audit trail, writing letters, meetings, signing). A client may perform an
 * action only if its token carries the scope AND its roles in its organisation allow it (the
 * same rules as for a person). Every action must be placed here (the type says so).
 */
export const actionScopes: Record<Action, ApiScope | 'none' | 'people'> = {
  public: 'none',
  'health.read': 'none',
  'auth.signin': 'people',
  'auth.signout': 'people',
  'me.read': 'people',
  'documents.list': 'register:read',
  'documents.read': 'register:read',
  'documents.import': 'documents:import',
  'documents.update': 'people',
  'appropriations.update': 'people',
  'assignments.list': 'register:read',
  'assignments.read': 'register:read',
  'assignments.update': 'reports:submit',
  'assignments.comments.read': 'register:read',
  'assignments.carry-over': 'people',
  'assignments.owner-department': 'people',
  'assignments.owner-person': 'people',
  'assignments.progress': 'reports:submit',
  'notifications.list': 'people',
  'home.read': 'people',
  search: 'register:read',
  'organisations.list': 'register:read',
  'audit.read': 'people',
  'calendar.feeds': 'people',
  'findings.review': 'people',
  'documents.correct': 'people',
  'drafts.list': 'people',
  'drafts.create': 'people',
  'drafts.read': 'people',
  'drafts.update': 'people',
  'drafts.approve': 'people',
  'drafts.issue': 'people',
  'drafts.share': 'people',
  'drafts.comment': 'people',
  'drafts.resolve': 'people',
  'reports.list': 'register:read',
  'reports.read': 'register:read',
  'reports.create': 'people',
  'reports.update': 'reports:submit',
  'reports.submit': 'reports:submit',
  'reports.review': 'reports:submit',
  'reports.status': 'reports:submit',
  'reports.sign': 'people',
  'reports.tolerance': 'people',
  'meetings.list': 'people',
  'meetings.read': 'people',
  'meetings.create': 'people',
  'meetings.update': 'people',
  'meetings.decide': 'people',
  'archive.export': 'people',
  'clients.manage': 'people',
};

/** Whether the scopes of a client's token allow the action (its roles decide the rest). */
export function scopeAllows(scopes: readonly ApiScope[], action: Action): boolean {
  const needed = actionScopes[action];
  if (needed === 'none') return true;
  if (needed === 'people' || needed === undefined) return false;
  return scopes.includes(needed);
}

/** The scope a client lacks for the action (for `insufficient_scope`), or null. */
export function missingScope(actor: Actor, action: Action): ApiScope | null {
  if (actor.kind !== 'client') return null;
  const needed = actionScopes[action];
  return needed === 'none' || needed === 'people' || actor.scopes.includes(needed) ? null : needed;
}

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && (actions as readonly string[]).includes(value);
}

/** The object an action is about, where the rule depends on it. */
export interface DocumentLike {
  status: 'draft' | 'shared' | 'published';
  agencyId: string | null;
  ministryId: string | null;
}

/** An assignment: its document's fields plus who owns it. */
export interface AssignmentLike extends DocumentLike {
  /** The ministry department that owns it (FHA, HFA, …). */
  ownerDepartment?: string | null;
  /** The agency person it was given to. */
  ownerUserId?: string | null;
  /**
   * The row is a supplement's change to another assignment (*presisering*) and linked to it:
   * the work, its status and owner are that assignment's.
   */
  changesAnother?: boolean;
}

/**
 * A letter being written in Tildel: its ministry's, unseen by the agency until issued (a
 * document in `draft` status to every other rule). `editors` are the ids of the users who
 * changed it.
 */
export interface DraftLike extends DocumentLike {
  status: 'draft';
  draftStatus: DraftStatus;
  editors: readonly string[];
  /** Shared with the agency for consultation (a round exists). */
  shared: boolean;
}

/**
 * A report the agency owes the ministry (src/services/reports.ts): read and written by the
 * agency's coordinators and assignment owners, read and answered by its ministry. `status` is
 * the report's own (draft, submitted, returned, accepted); for `reports.create` the object is
 * the agency-year asked about, as a draft.
 */
export interface ReportLike {
  kind: 'report';
  agencyId: string;
  ministryId: string;
  status: ReportStatus;
  /** An annual report (årsrapport): accepted, it is published and the public reads it. */
  annual?: boolean;
}

/**
 * A governance meeting between a ministry and an agency (src/services/meetings.ts): the
 * ministry's officers plan it, write its minutes and decisions; both sides read it. For
 * `meetings.create` the object is the agency-year asked about, as planned.
 */
export interface MeetingLike {
  kind: 'meeting';
  agencyId: string;
  ministryId: string;
  status: MeetingStatus;
}

/**
 * An agency-year as an archive extract (Noark 5, src/services/archive-export.ts): the records
 * of its ministry's governance of the agency that year.
 */
export interface ArchiveLike {
  kind: 'archive';
  agencyId: string;
  ministryId: string;
}

const isArchive = (obj: object | undefined): obj is ArchiveLike =>
  obj !== undefined && 'kind' in obj && obj.kind === 'archive';

const isMeeting = (obj: object | undefined): obj is MeetingLike =>
  obj !== undefined && 'kind' in obj && obj.kind === 'meeting';

type MeetingAction = Extract<Action, `meetings.${string}`>;
const isMeetingAction = (action: Action): action is MeetingAction => action.startsWith('meetings.');

const isReport = (obj: object | undefined): obj is ReportLike =>
  obj !== undefined && 'kind' in obj && obj.kind === 'report';

type ReportAction = Extract<Action, `reports.${string}`>;
const isReportAction = (action: Action): action is ReportAction => action.startsWith('reports.');

const isDraft = (obj: AssignmentLike | DraftLike | undefined): obj is DraftLike =>
  obj !== undefined && 'draftStatus' in obj;

export const ministryRoles: readonly Role[] = [
  'ministry-department-officer',
  'ministry-budget-officer',
  'ministry-reader',
  /** Reads its ministry's records as a reader does, and exports them (`archive.export`). */
  'archivist',
];
export const agencyRoles: readonly Role[] = [
  'agency-coordinator',
  'agency-assignment-owner',
  'agency-head',
];

/** The agency roles an assignment may be given to (the head signs, but owns no assignment). */
export const assignmentOwnerRoles: readonly Role[] = [
  'agency-coordinator',
  'agency-assignment-owner',
];

const has = (actor: MemberActor, ...wanted: readonly Role[]) =>
  actor.roles.some((r) => wanted.includes(r));

/** Administrators, and the system itself, may do everything. */
export function isAdministrator(actor: Actor): boolean {
  return actor.kind === 'system' || (isMember(actor) && has(actor, 'administrator'));
}

/**
 * Which side of the governance dialogue the actor is on for this document (the lifecycle in
 * src/domain/lifecycle.ts lets each side make its own changes): the document's ministry, the
 * system (administrators act as it), or the agency.
 */
export function sideOf(actor: Actor, doc: DocumentLike): Side {
  if (isAdministrator(actor)) return 'system';
  if (isMember(actor) && inMinistry(actor, doc)) return 'ministry';
  return 'agency';
}

/**
 * Whether the actor imports letters of any ministry (administrators and the system), rather
 * than only their own organisation's (src/services/import.ts decides which ministry that is).
 */
export function importsForAnyMinistry(actor: Actor): boolean {
  return isAdministrator(actor);
}

/** Auditors and administrators read every document. */
export function readsEverything(actor: Actor): boolean {
  if (actor.kind === 'system') return true;
  return isMember(actor) && has(actor, 'auditor', 'administrator');
}

// Calendar subscriptions (src/services/ical.ts). A feed reads as its creator, so only someone
// who is known may create one (and someone must be able to revoke it).

/** Whether the actor may subscribe at all. */
export function subscribesToCalendar(actor: Actor): boolean {
  return actor.kind !== 'anonymous';
}

/** Whether the actor may subscribe to another person's assignments (not only their own). */
export function subscribesForOthers(actor: Actor): boolean {
  if (isAdministrator(actor)) return true;
  return (
    actor.kind === 'user' &&
    actor.roles.some((r) => r.startsWith('ministry-') || r === 'agency-coordinator')
  );
}

/** Whether the actor lists and revokes every subscription, not only their own. */
export function seesAllFeeds(actor: Actor): boolean {
  return isAdministrator(actor);
}

/** Whether the actor may revoke a subscription created by `createdBy` (a stored actor). */
export function managesFeed(actor: Actor, createdBy: { kind: string; id: string | null }): boolean {
  return (
    seesAllFeeds(actor) ||
    (actor.kind === 'user' && createdBy.kind === 'user' && createdBy.id === actor.id)
  );
}

/** A ministry role in the document's ministry. */
function inMinistry(actor: MemberActor, doc: Pick<DocumentLike, 'ministryId'>): boolean {
  return (
    doc.ministryId !== null &&
    actor.organisationId === doc.ministryId &&
    has(actor, ...ministryRoles)
  );
}

/** An agency role in the agency the document is addressed to. */
function inAgency(actor: MemberActor, doc: Pick<DocumentLike, 'agencyId'>): boolean {
  return (
    doc.agencyId !== null && actor.organisationId === doc.agencyId && has(actor, ...agencyRoles)
  );
}

function readsDocument(actor: Actor, doc: DocumentLike): boolean {
  if (doc.status === 'published' || readsEverything(actor)) return true;
  if (!isMember(actor)) return false;
  return inMinistry(actor, doc) || (doc.status === 'shared' && inAgency(actor, doc));
}

/** The agency person the assignment is given to. */
function isOwner(actor: MemberActor, obj: AssignmentLike): boolean {
  return has(actor, 'agency-assignment-owner') && !!obj.ownerUserId && obj.ownerUserId === actor.id;
}

/** A department or budget officer of the document's ministry. */
function officerOfMinistry(actor: Actor, doc: Pick<DocumentLike, 'ministryId'>): boolean {
  return (
    isMember(actor) &&
    inMinistry(actor, doc) &&
    has(actor, 'ministry-department-officer', 'ministry-budget-officer')
  );
}

/** Whether `actor` may perform `action` (on `obj`, where the action concerns one). */
export function can(
  actor: Actor,
  action: Action,
  obj?: AssignmentLike | DraftLike | ReportLike | MeetingLike | ArchiveLike,
): boolean {
  // An API client: its token's scope first, then the rules as for a person with its roles.
  if (actor.kind === 'client' && !scopeAllows(actor.scopes, action)) return false;
  if (isReportAction(action)) return canReport(actor, action, isReport(obj) ? obj : undefined);
  if (isMeetingAction(action)) return canMeeting(actor, action, isMeeting(obj) ? obj : undefined);
  if (action === 'archive.export') return canArchive(actor, isArchive(obj) ? obj : undefined);
  // A report, a meeting or an archive extract is no document: no other rule applies to one.
  if (isReport(obj) || isMeeting(obj) || isArchive(obj)) return false;
  const admin = isAdministrator(actor);
  switch (action) {
    case 'public':
    case 'health.read':
    case 'auth.signin':
    case 'auth.signout':
    case 'me.read':
      return true;
    case 'documents.list':
    case 'assignments.list':
    case 'search':
    case 'organisations.list':
      // Lists are filtered per row with documents.read (visibleDocuments).
      return true;
    case 'documents.read':
    case 'assignments.read':
      return obj !== undefined && readsDocument(actor, obj);
    case 'documents.import':
      return (
        admin ||
        (isMember(actor) && has(actor, 'ministry-department-officer', 'ministry-budget-officer'))
      );
    case 'documents.update':
      // Drafting and consulting: the ministry's officers, until the document is published.
      if (!obj) return false;
      if (admin) return true;
      return (
        isMember(actor) &&
        obj.status !== 'published' &&
        inMinistry(actor, obj) &&
        has(actor, 'ministry-department-officer', 'ministry-budget-officer')
      );
    case 'documents.correct':
      // Correcting what the importer read (not what the letter says): the ministry's officers,
      // in any state of the document, published included.
      return !!obj && (admin || officerOfMinistry(actor, obj));
    case 'appropriations.update':
      if (!obj) return false;
      if (admin) return true;
      return (
        isMember(actor) &&
        obj.status !== 'published' &&
        inMinistry(actor, obj) &&
        has(actor, 'ministry-budget-officer')
      );
    case 'assignments.update': {
      if (!obj || isDraft(obj) || obj.changesAnother) return false;
      if (admin) return true;
      if (!isMember(actor)) return false;
      const department =
        inMinistry(actor, obj) &&
        has(actor, 'ministry-department-officer') &&
        !!actor.departmentCode &&
        obj.ownerDepartment === actor.departmentCode;
      const visibleToAgency = obj.status !== 'draft' && inAgency(actor, obj);
      const coordinator = visibleToAgency && has(actor, 'agency-coordinator');
      const owner =
        visibleToAgency &&
        has(actor, 'agency-assignment-owner') &&
        !!obj.ownerUserId &&
        obj.ownerUserId === actor.id;
      return department || coordinator || owner;
    }
    case 'assignments.owner-department':
      // Which department of the ministry owns the assignment (also correcting the import):
      // the ministry's department and budget officers.
      if (!obj || isDraft(obj) || obj.changesAnother) return false;
      return admin || officerOfMinistry(actor, obj);
    case 'assignments.owner-person': {
      // Who in the agency does the work: the agency's coordinators assign, and the owner may
      // hand it on to a colleague (delegate).
      if (!obj || isDraft(obj) || obj.changesAnother) return false;
      if (admin) return true;
      if (!isMember(actor) || obj.status === 'draft' || !inAgency(actor, obj)) return false;
      return has(actor, 'agency-coordinator') || isOwner(actor, obj);
    }
    case 'assignments.progress':
      // How the work goes (on track, at risk, off track): the agency's owner and coordinators.
      if (!obj || isDraft(obj) || obj.changesAnother) return false;
      if (admin) return true;
      if (!isMember(actor) || obj.status === 'draft' || !inAgency(actor, obj)) return false;
      return has(actor, 'agency-coordinator') || isOwner(actor, obj);
    case 'notifications.list':
      // One's own notifications: anyone signed in.
      return actor.kind === 'user';
    case 'home.read':
      // The start page's summary: everyone gets one (the public: published letters).
      return true;
    case 'assignments.carry-over':
      // Marking an unfinished assignment carried over to next year is the ministry's decision
      // at year end: those who may change the assignment, on the ministry's side.
      return can(actor, 'assignments.update', obj) && sideOf(actor, obj!) !== 'agency';
    case 'assignments.comments.read':
      // The work dialogue (comments, delivery references in a status history): the document's
      // ministry, the agency it is addressed to once shared, auditors and administrators. Others
      // who may read the assignment see its status only.
      if (!obj) return false;
      if (readsEverything(actor)) return true;
      if (!isMember(actor)) return false;
      return inMinistry(actor, obj) || (obj.status !== 'draft' && inAgency(actor, obj));
    case 'findings.review':
      // Acknowledging, closing or reopening a consistency finding of an agency's year (obj:
      // the year's allocation letter, else its first document): the officers of its ministry.
      return !!obj && (admin || officerOfMinistry(actor, obj));
    case 'calendar.feeds':
      // Creating and revoking one's own calendar subscriptions: any signed-in user with a role.
      return admin || (actor.kind === 'user' && actor.roles.length > 0);
    case 'audit.read':
      // Without an object: whether the actor may ask at all (signed in with a role).
      if (!obj) return admin || (isMember(actor) && actor.roles.length > 0);
      if (readsEverything(actor)) return true;
      if (!isMember(actor)) return false;
      return inMinistry(actor, obj) || (obj.status !== 'draft' && inAgency(actor, obj));
    case 'drafts.list':
      // Filtered per row with drafts.read (visibleDrafts).
      return true;
    case 'drafts.read':
      // The ministry writing it, auditors and administrators; the agency once it is shared
      // for consultation (the shared round, not the ministry's edits since).
      if (!isDraft(obj)) return false;
      if (readsEverything(actor)) return true;
      if (!isMember(actor)) return false;
      return inMinistry(actor, obj) || (obj.shared && inAgency(actor, obj));
    case 'drafts.share':
    case 'drafts.resolve':
      // Consulting: the ministry's officers share rounds and resolve comments, until issued.
      if (!isDraft(obj) || obj.draftStatus === 'issued') return false;
      return admin || officerOfMinistry(actor, obj);
    case 'drafts.comment':
      // The ministry's officers and the agency's coordinators, on a draft in consultation.
      if (!isDraft(obj) || obj.draftStatus === 'issued' || !obj.shared) return false;
      if (admin || officerOfMinistry(actor, obj)) return true;
      return isMember(actor) && inAgency(actor, obj) && has(actor, 'agency-coordinator');
    case 'drafts.create':
    case 'drafts.update':
      // Writing: the ministry's department and budget officers, until it is issued.
      if (!isDraft(obj) || obj.draftStatus === 'issued') return false;
      return admin || officerOfMinistry(actor, obj);
    case 'drafts.approve':
      // Four eyes: an officer of the ministry who has not written any of it.
      if (!isDraft(obj) || obj.draftStatus !== 'editing') return false;
      if (isMember(actor) && obj.editors.includes(actor.id)) return false;
      return admin || officerOfMinistry(actor, obj);
    case 'drafts.issue':
      if (!isDraft(obj) || obj.draftStatus !== 'approved') return false;
      return admin || officerOfMinistry(actor, obj);
    case 'clients.manage':
      // Registering, revoking and rotating API clients and their webhooks: administrators.
      return admin;
    default: {
      // A new action without a rule is denied.
      const _exhaustive: never = action;
      return false;
    }
  }
}

/**
 * The rules of reports: the agency's coordinators and assignment owners write them while they
 * are drafts or returned, its coordinators submit, its head signs an annual report's parts I
 * and VI; the officers of the report's ministry ask for ad hoc reports, return and accept them;
 * its readers, auditors and administrators read them. The public reads accepted annual reports
 * (published), and nothing else.
 */
function canReport(actor: Actor, action: ReportAction, obj: ReportLike | undefined): boolean {
  const admin = isAdministrator(actor);
  if (action === 'reports.list') {
    // Filtered per row with reports.read (visibleReports): the public lists published ones.
    return true;
  }
  if (!obj) return false;
  const agency = isMember(actor) && inAgency(actor, obj);
  switch (action) {
    case 'reports.read':
      // An accepted annual report is published: everyone reads it.
      if (reportPublished(obj)) return true;
      if (readsEverything(actor)) return true;
      return isMember(actor) && (inMinistry(actor, obj) || agency);
    case 'reports.create':
      return admin || officerOfMinistry(actor, obj);
    case 'reports.update':
      return reportEditable(obj.status) && (admin || agency);
    case 'reports.submit':
      return (
        reportEditable(obj.status) &&
        (admin || (agency && has(actor as MemberActor, 'agency-coordinator')))
      );
    case 'reports.review':
      return obj.status === 'submitted' && (admin || officerOfMinistry(actor, obj));
    case 'reports.status':
      return can(actor, 'reports.submit', obj) || can(actor, 'reports.review', obj);
    case 'reports.sign':
      // The agency head signs parts I and VI of the annual report while it is written.
      return (
        !!obj.annual &&
        reportEditable(obj.status) &&
        (admin || (agency && has(actor as MemberActor, 'agency-head')))
      );
    case 'reports.tolerance':
      // The risk tolerance of an agency-year is agreed with, and set by, its ministry.
      return admin || officerOfMinistry(actor, obj);
    default: {
      const _exhaustive: never = action;
      return false;
    }
  }
}

/**
 * The rules of governance meetings: the officers of the meeting's ministry plan it, add their
 * own points, hold it, write minutes and decisions and make a decision an assignment of a
 * supplement being written; the ministry's readers, the agency (every agency role), auditors
 * and administrators read it. The public reads none.
 */
function canMeeting(actor: Actor, action: MeetingAction, obj: MeetingLike | undefined): boolean {
  const admin = isAdministrator(actor);
  if (action === 'meetings.list') {
    // Filtered per row with meetings.read (visibleMeetings).
    return admin || (isMember(actor) && actor.roles.length > 0);
  }
  if (!obj) return false;
  switch (action) {
    case 'meetings.read':
      if (readsEverything(actor)) return true;
      return isMember(actor) && (inMinistry(actor, obj) || inAgency(actor, obj));
    case 'meetings.create':
    case 'meetings.update':
      return admin || officerOfMinistry(actor, obj);
    case 'meetings.decide':
      // Decisions are taken at a meeting that has been held.
      return obj.status === 'held' && (admin || officerOfMinistry(actor, obj));
    default: {
      const _exhaustive: never = action;
      return false;
    }
  }
}

/**
 * The archive extract of an agency-year (Noark 5): the archivists of the agency's ministry (the
 * extract is the ministry's archive of its governance of the agency), auditors and
 * administrators. An agency's own users, its archivists included, export none.
 */
function canArchive(actor: Actor, obj: ArchiveLike | undefined): boolean {
  if (!obj) return false;
  if (readsEverything(actor)) return true;
  return isMember(actor) && has(actor, 'archivist') && actor.organisationId === obj.ministryId;
}

/**
 * Whether `actor` may attempt `action` at all, before any object is known: for route actions
 * `can()` itself; for object actions whether some object could allow it (anonymous visitors
 * read published documents, but change nothing). The server checks this before it validates a
 * request, so a caller refused a route never learns its schema.
 */
export function mayAttempt(actor: Actor, action: Action): boolean {
  if (actor.kind === 'client' && !scopeAllows(actor.scopes, action)) return false;
  if (!objectActions.has(action)) return can(actor, action);
  if (actor.kind === 'system') return true;
  switch (action) {
    case 'documents.read':
    case 'assignments.read':
    case 'reports.read':
      // Published documents; accepted annual reports (src/db/visibility.ts visibleReports).
      return true;
    default:
      if (!isMember(actor)) return false;
      if (has(actor, 'administrator')) return true;
      switch (action) {
        case 'documents.update':
          return has(actor, 'ministry-department-officer', 'ministry-budget-officer');
        case 'appropriations.update':
          return has(actor, 'ministry-budget-officer');
        case 'assignments.update':
          return has(
            actor,
            'ministry-department-officer',
            'agency-coordinator',
            'agency-assignment-owner',
          );
        case 'assignments.carry-over':
          return has(actor, 'ministry-department-officer');
        case 'assignments.owner-department':
          return has(actor, 'ministry-department-officer', 'ministry-budget-officer');
        case 'assignments.owner-person':
        case 'assignments.progress':
          return has(actor, 'agency-coordinator', 'agency-assignment-owner');
        case 'assignments.comments.read':
          return has(actor, ...ministryRoles, ...agencyRoles, 'auditor');
        case 'findings.review':
        case 'documents.correct':
        case 'drafts.create':
        case 'drafts.update':
        case 'drafts.approve':
        case 'drafts.issue':
        case 'drafts.share':
        case 'drafts.resolve':
          return has(actor, 'ministry-department-officer', 'ministry-budget-officer');
        case 'drafts.comment':
          return has(
            actor,
            'ministry-department-officer',
            'ministry-budget-officer',
            'agency-coordinator',
          );
        case 'drafts.read':
          return has(actor, ...ministryRoles, ...agencyRoles, 'auditor');
        case 'reports.create':
        case 'reports.review':
          return has(actor, 'ministry-department-officer', 'ministry-budget-officer');
        case 'reports.update':
          return has(actor, ...agencyRoles);
        case 'reports.submit':
          return has(actor, 'agency-coordinator');
        case 'reports.status':
          return has(
            actor,
            'ministry-department-officer',
            'ministry-budget-officer',
            'agency-coordinator',
          );
        case 'reports.sign':
          return has(actor, 'agency-head');
        case 'reports.tolerance':
        case 'meetings.create':
        case 'meetings.update':
        case 'meetings.decide':
          return has(actor, 'ministry-department-officer', 'ministry-budget-officer');
        case 'meetings.read':
          return has(actor, ...ministryRoles, ...agencyRoles, 'auditor');
        case 'archive.export':
          return has(actor, 'archivist', 'auditor');
        default:
          return false;
      }
  }
}

/** What the actor may do with a document, sent with it so the client never recomputes rules. */
export function documentAbilities(actor: Actor, doc: DocumentLike): DocumentAbilities {
  return {
    read: can(actor, 'documents.read', doc),
    update: can(actor, 'documents.update', doc),
    correct: can(actor, 'documents.correct', doc),
    updateAppropriations: can(actor, 'appropriations.update', doc),
    readHistory: can(actor, 'audit.read', doc),
  };
}

/** The ministry a user writes letters for (their organisation, with a ministry role), or null. */
export function writingMinistry(actor: Actor): string | null {
  return isMember(actor) && has(actor, ...ministryRoles) ? actor.organisationId : null;
}

/**
 * Whether the actor reads a draft as it was shared with the agency (its latest round) rather
 * than live: everyone who reads it but its ministry, auditors and administrators.
 */
export function readsSharedRound(actor: Actor, draft: DraftLike): boolean {
  return !readsEverything(actor) && !(isMember(actor) && inMinistry(actor, draft));
}

/** What the actor may do with a draft, sent with it. */
export function draftAbilities(actor: Actor, draft: DraftLike): DraftAbilities {
  return {
    update: can(actor, 'drafts.update', draft),
    approve: can(actor, 'drafts.approve', draft),
    issue: can(actor, 'drafts.issue', draft),
    share: can(actor, 'drafts.share', draft),
    comment: can(actor, 'drafts.comment', draft),
    resolve: can(actor, 'drafts.resolve', draft),
  };
}

/** What the actor may do with a report, sent with it. */
export function reportAbilities(actor: Actor, report: ReportLike): ReportAbilities {
  return {
    update: can(actor, 'reports.update', report),
    submit: can(actor, 'reports.submit', report),
    review: can(actor, 'reports.review', report),
    readVersions: can(actor, 'reports.read', report),
    sign: can(actor, 'reports.sign', report),
  };
}

/** What the actor may do with a governance meeting, sent with it. */
export function meetingAbilities(actor: Actor, meeting: MeetingLike): MeetingAbilities {
  const update = can(actor, 'meetings.update', meeting);
  return {
    update,
    hold: update && meeting.status === 'planned',
    decide: can(actor, 'meetings.decide', meeting),
  };
}

/** Whether a report is published: an accepted annual report, which everyone reads. */
export function reportPublished(report: ReportLike): boolean {
  return !!report.annual && report.status === 'accepted';
}

/**
 * Whether the actor reads a report only because it is published (an accepted annual report):
 * as the public does, without the work dialogue (why an assignment is at risk, the ministry's
 * comments). Its ministry, its agency, auditors and administrators read it all.
 */
export function readsReportAsPublic(actor: Actor, report: ReportLike): boolean {
  if (readsEverything(actor)) return false;
  return !(isMember(actor) && (inMinistry(actor, report) || inAgency(actor, report)));
}

/** What the actor may do with an assignment, sent with it. */
export function assignmentAbilities(actor: Actor, obj: AssignmentLike): AssignmentAbilities {
  return {
    read: can(actor, 'assignments.read', obj),
    update: can(actor, 'assignments.update', obj),
    readComments: can(actor, 'assignments.comments.read', obj),
    readHistory: can(actor, 'audit.read', obj),
    setOwnerDepartment: can(actor, 'assignments.owner-department', obj),
    setOwnerPerson: can(actor, 'assignments.owner-person', obj),
    setProgress: can(actor, 'assignments.progress', obj),
  };
}

/**
 * Which organisations an actor sees (`GET /api/organisations`). Ministries and agencies are
 * public bodies, but a draft import creates the organisations it names, and a visitor must not
 * learn of a draft that way. So: callers signed in with a role (and system actors) see every
 * organisation; anyone else sees those named by a document they may read (published ones) and
 * the ministries those report to. `visibleOrganisations()` (src/db/visibility.ts) is the SQL form.
 */
export function seesEveryOrganisation(actor: Actor): boolean {
  return actor.kind === 'system' || (isMember(actor) && actor.roles.length > 0);
}

/**
 * Which start page the actor gets (`GET /api/home`): the work of their own agency, department
 * or ministry. One user holds roles of one organisation; the broader role wins.
 */
export function homeView(actor: Actor): HomeView {
  if (actor.kind !== 'user') return actor.kind === 'system' ? 'overseer' : 'public';
  if (has(actor, 'administrator', 'auditor')) return 'overseer';
  if (has(actor, 'agency-coordinator', 'agency-head')) return 'agency-coordinator';
  if (has(actor, 'agency-assignment-owner')) return 'agency-owner';
  if (has(actor, 'ministry-department-officer')) return 'ministry-department';
  if (has(actor, 'ministry-budget-officer')) return 'ministry-budget';
  if (has(actor, 'ministry-reader', 'archivist')) return 'ministry-reader';
  return 'public';
}

/**
 * Whether the actor writes only their own part of a report: an assignment owner who is not a
 * coordinator fills in the entries of the assignments given to them; the coordinator completes
 * the rest (budget, risks, steering parameters, others' assignments).
 */
export function fillsOwnReportEntriesOnly(actor: Actor): boolean {
  return (
    isMember(actor) &&
    !isAdministrator(actor) &&
    has(actor, 'agency-assignment-owner') &&
    !has(actor, 'agency-coordinator')
  );
}
