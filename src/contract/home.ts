/**
 * `GET /api/home`: one summary per start page, by the caller's role, instead of the many calls
 * (and whole ledgers) the page would otherwise need. Every list is the caller's own work: an
 * agency's people see their agency, a department officer their department, the public the
 * published letters.
 */
import { z } from 'zod';
import { AssignmentSummary } from './api';
import { DocumentKind } from './enums';

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

/** A few assignments of a list, and how many the list has in all. */
export const AssignmentBucket = z.object({
  items: z.array(AssignmentSummary),
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
  drafts: z.array(HomeDraft).nullable(),
  /** The next calendar items (reports due, meetings) in the caller's scope. */
  calendar: z.array(HomeCalendarItem).nullable(),
  /** The newest published letters (everyone). */
  published: z.array(HomeLetter),
});
export type HomeSummary = z.infer<typeof HomeSummary>;
