/**
 * `GET /api/home`: one summary per start page, by the caller's role, instead of the many calls
 * (and whole ledgers) the page would otherwise need. Every list is the caller's own work: an
 * agency's people see their agency, a department officer their department, the public the
 * published letters.
 */
import { z } from 'zod';
import { AssignmentStatus, DocumentKind, Progress } from './enums';

/** Which start page the caller gets. */
export const HOME_VIEWS = [
  'public',
  'ministry-department',
  'ministry-budget',
  'ministry-reader',
  'agency-coordinator',
  'agency-owner',
  'overseer',
] as const;
export const HomeView = z.enum(HOME_VIEWS);
export type HomeView = z.infer<typeof HomeView>;

/**
 * An assignment as a list on the start page shows it: what it is, where it stands and who has
 * it. The assignment's own page (GET /api/assignments/{id}) has the rest and what the caller
 * may do with it.
 */
export const HomeAssignment = z.object({
  id: z.uuid(),
  registerId: z.string(),
  title: z.string(),
  status: AssignmentStatus,
  /** Open, and the next deadline has passed (today in Europe/Oslo). */
  overdue: z.boolean(),
  nextDeadline: z.string().nullable(),
  /** How the owner judges the work; null until first reported. */
  progress: Progress.nullable(),
  /** Why it is at risk or off track (for those who read the work dialogue). */
  progressReason: z.string().nullable(),
  agency: z.string().nullable(),
  agencyId: z.uuid().nullable(),
  ownerDepartment: z.string().nullable(),
  /** The person in the agency who has the work (for those who read the work dialogue). */
  ownerPerson: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});
export type HomeAssignment = z.infer<typeof HomeAssignment>;

/** A few assignments of a list (at most eight), and how many the list has in all. */
export const AssignmentBucket = z.object({
  items: z.array(HomeAssignment).max(8),
  total: z.int(),
});
export type AssignmentBucket = z.infer<typeof AssignmentBucket>;

export const HomeAgency = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The year's expense appropriations, as the ledger derives them (thousands of NOK). */
  total: z.int().nullable(),
  /** Consistency findings of the year not acknowledged or closed. */
  openFindings: z.int(),
  /** Open assignments of the year (the caller's department only, for a department officer). */
  open: z.int(),
  overdue: z.int(),
});

export const HomeDraft = z.object({
  id: z.uuid(),
  kind: DocumentKind,
  year: z.int(),
  agency: z.string(),
  subject: z.string(),
  status: z.string(),
  /** The round shared with the agency (null: not shared). */
  sharedRound: z.int().nullable(),
});

export const HomeLetter = z.object({
  id: z.uuid(),
  title: z.string(),
  kind: DocumentKind,
  year: z.int(),
  agency: z.string().nullable(),
  date: z.string().nullable(),
});

export const HomeCalendarItem = z.object({
  date: z.string(),
  text: z.string(),
  agency: z.string().nullable(),
  documentId: z.uuid(),
});

export const HomeSummary = z.object({
  view: HomeView,
  /** Europe/Oslo. */
  today: z.iso.date(),
  year: z.int(),
  /** The caller's organisation and department, as the page names them. */
  organisation: z.string().nullable(),
  department: z.string().nullable(),
  unreadNotifications: z.int(),
  /** Open assignments given to the caller. */
  mine: AssignmentBucket.nullable(),
  /** Open assignments past their deadline, in the caller's scope. */
  overdue: AssignmentBucket.nullable(),
  /** Open assignments due in the next 30 days, in the caller's scope. */
  dueSoon: AssignmentBucket.nullable(),
  /** Open assignments at risk or off track, in the caller's scope. */
  atRisk: AssignmentBucket.nullable(),
  /** Delivered, waiting for the ministry's acceptance (the department's, for its officers). */
  awaitingAcceptance: AssignmentBucket.nullable(),
  /** The agency's open assignments nobody in it has yet (coordinators). */
  unassigned: AssignmentBucket.nullable(),
  /** The ministry's open assignments (any year) with no owner department. */
  withoutDepartment: AssignmentBucket.nullable(),
  /** The year per agency (ministry: its agencies; agency: itself). */
  agencies: z.array(HomeAgency).nullable(),
  /** Drafts being written or in consultation (ministry), or shared with the agency. */
  drafts: z.array(HomeDraft).max(8).nullable(),
  /** The next calendar items (reports due, meetings) in the caller's scope. */
  calendar: z.array(HomeCalendarItem).max(8).nullable(),
  /** The newest published letters (everyone). */
  published: z.array(HomeLetter).max(8),
});
export type HomeSummary = z.infer<typeof HomeSummary>;
