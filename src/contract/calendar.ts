/**
 * Request and response schemas of the governance calendar, the deadline views and the
 * iCalendar subscriptions.
 */
import { z } from 'zod';
import { AssignmentStatus } from './enums';
import { DeadlineValue } from './letter';
import { limitParam } from './pagination';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
      new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'not a calendar date',
  );

/** Who the calendar is for: one agency, one ministry department, one person (or all visible). */
const Scope = {
  agency: z.uuid().optional(),
  /** Department code (`FHA`), optionally `{ministryId}:{code}`. */
  department: z
    .string()
    .trim()
    .regex(/^([0-9a-f-]{36}:)?[A-Za-zÆØÅæøå0-9]{1,20}$/, 'department code, or {ministryId}:{code}')
    .optional(),
  /** The responsible person (assignments.owner_user_id). */
  person: z.uuid().optional(),
  /** Include delivered, accepted, cancelled and merged assignments. */
  includeClosed: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
};

/** The longest period one request reads (a year, in a leap year too). */
const MAX_DAYS = 366;
/** The most entries one answer holds; `truncated` says when more fell in the period. */
export const CALENDAR_MAX_ENTRIES = 5000;
const spanOk = (q: { from?: string | undefined; to?: string | undefined }) =>
  q.from === undefined ||
  q.to === undefined ||
  (q.from <= q.to && Date.parse(q.to) - Date.parse(q.from) <= MAX_DAYS * 86_400_000);

/** At most this many entries, the earliest first (`truncated` when more fell in the period). */
const limit = limitParam(CALENDAR_MAX_ENTRIES, 2000);

export const CalendarQuery = z
  .object({ from: isoDate, to: isoDate, ...Scope, limit })
  .refine(spanOk, { message: 'from must not be after to, and the period at most a year' });
export type CalendarQuery = z.infer<typeof CalendarQuery>;

export const DeadlinesQuery = z
  .object({
    view: z.enum(['due', 'overdue', 'undated']),
    /** For `due`: the period (default: today and the next 30 days). */
    from: isoDate.optional(),
    to: isoDate.optional(),
    /** The day overdue is measured from (default: today in Europe/Oslo). */
    today: isoDate.optional(),
    ...Scope,
    limit,
  })
  .refine(spanOk, { message: 'from must not be after to, and the period at most a year' });
export type DeadlinesQuery = z.infer<typeof DeadlinesQuery>;

export const CalendarEntryOut = z.object({
  uid: z.string(),
  source: z.enum(['assignment', 'letter']),
  kind: z.enum(['deadline', 'report', 'meeting', 'budget', 'other']),
  title: z.string(),
  phrase: z.string().nullable(),
  value: DeadlineValue.nullable(),
  start: z.string().nullable(),
  due: z.string().nullable(),
  time: z.object({ start: z.string(), end: z.string() }).nullable(),
  flags: z
    .object({ weekend: z.boolean(), holiday: z.string().nullable(), workingDay: z.boolean() })
    .nullable(),
  agency: z.object({ id: z.uuid().nullable(), name: z.string().nullable() }),
  document: z.object({ id: z.uuid(), title: z.string(), year: z.int() }),
  assignment: z
    .object({
      id: z.uuid(),
      registerId: z.string(),
      status: AssignmentStatus,
      version: z.int(),
      ownerDepartment: z.string().nullable(),
      ownerUserId: z.uuid().nullable(),
      appliesTo: z.string().nullable(),
    })
    .nullable(),
  /** An open assignment's deadline that has passed (today in Europe/Oslo); false for letter items. */
  overdue: z.boolean(),
  /** Days past due (overdue view only). */
  daysOverdue: z.int().optional(),
});
export type CalendarEntryOut = z.infer<typeof CalendarEntryOut>;

export const Calendar = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(CalendarEntryOut).max(CALENDAR_MAX_ENTRIES),
  /** More entries fell in the period than `limit`: narrow the period or the scope. */
  truncated: z.boolean(),
});
export type Calendar = z.infer<typeof Calendar>;

export const DeadlinesView = z.object({
  view: z.enum(['due', 'overdue', 'undated']),
  from: z.string().nullable(),
  to: z.string().nullable(),
  today: z.string(),
  items: z.array(CalendarEntryOut).max(CALENDAR_MAX_ENTRIES),
  /** More entries than `limit`: narrow the period or the scope. */
  truncated: z.boolean(),
});
export type DeadlinesView = z.infer<typeof DeadlinesView>;

export const FeedScope = z.enum(['agency', 'department', 'person']);

export const CreateFeedBody = z.object({
  scope: FeedScope,
  /** Organisation id (agency), `{ministryId}:{code}` or a code (department), user id (person). */
  scopeId: z.string().trim().min(1).max(100),
  label: z.string().trim().min(1).max(200),
});
export type CreateFeedBody = z.infer<typeof CreateFeedBody>;

export const Feed = z.object({
  id: z.uuid(),
  scope: FeedScope,
  scopeId: z.string(),
  label: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type Feed = z.infer<typeof Feed>;

export const CreatedFeed = Feed.extend({
  /** The secret: shown once, stored only as its sha256. */
  token: z.string(),
  /** Path of the feed (append to the server's address). */
  path: z.string(),
});
export type CreatedFeed = z.infer<typeof CreatedFeed>;

export const FeedList = z.object({ items: z.array(Feed) });

export const FeedTokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });
