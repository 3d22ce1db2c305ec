/**
 * Following an assignment up: its owners (the ministry department, the person in the agency),
 * its progress, and deliveries with files. Every change names the version it was based on
 * (409 with the current state when someone changed it first) and is recorded in the history.
 */
import { z } from 'zod';
import { AssignmentSummary, ImportRefusalCode } from './api';
import { AssignmentEvent } from './assignment-status';
import { NotificationKind, Progress } from './enums';
import { CursorTime, NextCursor, cursorFits, pageParams } from './pagination';

const expectedVersion = z.int().min(1);
const comment = z.string().trim().max(4000).optional();

/** A department code as letters print it (HFA, FHA, Eierskap …). */
export const DepartmentCode = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} .&-]*$/u, 'letters, digits, space, dot, & and hyphen');

export const OwnerDepartmentBody = z.object({
  expectedVersion,
  /** null: no department owns it. */
  department: DepartmentCode.nullable(),
  comment,
});
export type OwnerDepartmentBody = z.infer<typeof OwnerDepartmentBody>;

export const OwnerPersonBody = z.object({
  expectedVersion,
  /** A person of the assignment's agency; null: nobody. */
  userId: z.uuid().nullable(),
  comment,
});
export type OwnerPersonBody = z.infer<typeof OwnerPersonBody>;

export const ProgressBody = z.object({
  expectedVersion,
  progress: Progress,
  /** Why it is at risk or off track (required then). */
  reason: z.string().trim().max(2000).optional(),
});
export type ProgressBody = z.infer<typeof ProgressBody>;

/** The assignment after the change, and the event that records it. */
export const FollowUpResult = z.object({ assignment: AssignmentSummary, event: AssignmentEvent });
export type FollowUpResult = z.infer<typeof FollowUpResult>;

/** 409: someone changed the assignment first; nothing was saved. */
export const FollowUpStale = z.object({
  error: z.literal('stale-version'),
  message: z.string(),
  current: AssignmentSummary,
});

const bulkItems = z
  .array(z.object({ id: z.uuid(), expectedVersion }))
  .min(1)
  .max(500)
  .refine((items) => new Set(items.map((i) => i.id)).size === items.length, {
    message: 'Each assignment once',
  });

/** Several assignments given one owner department at once: all or nothing. */
export const BulkOwnerDepartmentBody = z.object({
  items: bulkItems,
  department: DepartmentCode.nullable(),
  comment,
});
export type BulkOwnerDepartmentBody = z.infer<typeof BulkOwnerDepartmentBody>;

/** Several assignments given to one person at once: all or nothing. */
export const BulkOwnerPersonBody = z.object({
  items: bulkItems,
  userId: z.uuid().nullable(),
  comment,
});
export type BulkOwnerPersonBody = z.infer<typeof BulkOwnerPersonBody>;

export const BulkOwnerResult = z.object({
  /** How many changed (all of them, or none when one is refused). */
  changed: z.int(),
  /** Why items were refused; non-empty means nothing was changed. */
  refused: z.array(z.object({ id: z.uuid(), error: z.string(), message: z.string() })),
});
export type BulkOwnerResult = z.infer<typeof BulkOwnerResult>;

/** The people an assignment can be given to: the agency's coordinators and owners. */
export const OwnerCandidates = z.object({
  items: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type OwnerCandidates = z.infer<typeof OwnerCandidates>;

/** One notification as the app lists it (the sentence is told by the client from kind and params). */
export const Notification = z.object({
  id: z.uuid(),
  kind: NotificationKind,
  at: z.string(),
  read: z.boolean(),
  assignmentId: z.uuid().nullable(),
  draftId: z.uuid().nullable(),
  reportId: z.uuid().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
export type Notification = z.infer<typeof Notification>;

/** The keys a cursor of the notification list carries: when (newest first), id. */
export const NOTIFICATION_CURSOR = { created: z.tuple([CursorTime, z.uuid()]) };

export const NotificationQuery = z
  .object({
    unread: z.stringbool().optional(),
    ...pageParams(200, 50),
  })
  .superRefine(cursorFits(NOTIFICATION_CURSOR, () => 'created'));
export type NotificationQuery = z.infer<typeof NotificationQuery>;

export const NotificationList = z.object({
  items: z.array(Notification),
  /** How many of the caller's notifications are unread (all of them, not only those listed). */
  unread: z.int(),
  nextCursor: NextCursor,
});
export type NotificationList = z.infer<typeof NotificationList>;

/** Marks notifications read: the ones named, or all. */
export const NotificationReadBody = z.object({
  ids: z.union([z.array(z.uuid()).min(1).max(500), z.literal('all')]),
});

/** 413/415/422: a delivered file was refused (by name and reason, as imports are); nothing saved. */
export const RefusedFile = z.object({
  error: z.literal('file-refused'),
  message: z.string(),
  file: z.string(),
  code: ImportRefusalCode,
  reason: z.string(),
});
