/**
 * Request and response schemas of the assignment lifecycle: status changes with optimistic
 * concurrency, history, the carried-over lists and the year-end carry-over proposal.
 */
import { z } from 'zod';
import { AssignmentEventKind, AssignmentStatus } from './enums';
import { CursorTime, NextCursor, cursorFits, pageParams } from './pagination';
import { refusedBody, staleBody, stateChangeBody, stateEvent, stateOf } from './state-change';

export const StatusChangeBody = stateChangeBody(AssignmentStatus).extend({
  /** Where the delivery is (a case number, a document reference, a URL); for `delivered`. */
  deliveryRef: z.string().trim().min(1).max(500).optional(),
  /** The assignment it is merged into; for `merged`. */
  mergedInto: z.uuid().optional(),
});
export type StatusChangeBody = z.infer<typeof StatusChangeBody>;

/** The current state of an assignment, as a 409 or a successful change returns it. */
export const AssignmentState = stateOf(AssignmentStatus).extend({
  registerId: z.string(),
  year: z.int(),
  title: z.string(),
});
export type AssignmentState = z.infer<typeof AssignmentState>;

export const AssignmentRef = z.object({ id: z.uuid(), registerId: z.string(), year: z.int() });
export type AssignmentRef = z.infer<typeof AssignmentRef>;

/** A file delivered with an assignment (download: `GET /api/assignments/:id/files/:fileId`). */
export const DeliveryFile = z.object({
  id: z.uuid(),
  name: z.string(),
  mediaType: z.string(),
  size: z.int(),
  sha256: z.string(),
});
export type DeliveryFile = z.infer<typeof DeliveryFile>;

/**
 * One event in an assignment's history. `kind` says what changed: the status (`from`/`to`), or
 * an owner or the progress (`detail`: the value before and after; `from` = `to` = the status).
 */
export const AssignmentEvent = stateEvent(AssignmentStatus).extend({
  kind: AssignmentEventKind,
  detail: z
    .object({
      from: z.string().nullable(),
      to: z.string().nullable(),
      /** For a change of the person: their names (the ids are `from` and `to`). */
      fromName: z.string().nullable(),
      toName: z.string().nullable(),
    })
    .nullable(),
  deliveryRef: z.string().nullable(),
  /** Files delivered with this event (for those who read the work dialogue). */
  files: z.array(DeliveryFile),
  mergedInto: AssignmentRef.nullable(),
  /** The supplement that made the change (cancelled it, set a new deadline), or null. */
  sourceDocumentId: z.uuid().nullable().optional(),
});
export type AssignmentEvent = z.infer<typeof AssignmentEvent>;

export const StatusChangeResult = z.object({
  assignment: AssignmentState,
  event: AssignmentEvent,
});
export type StatusChangeResult = z.infer<typeof StatusChangeResult>;

/** 409: the version named is not current; nothing was changed. */
export const StaleVersionBody = staleBody(AssignmentState);

/**
 * 409: the assignment shown belongs to an earlier version of its document; nothing was changed.
 * `currentId` is the same assignment in the current version (null when that version dropped it).
 */
export const SupersededBody = z.object({
  error: z.literal('superseded'),
  message: z.string(),
  currentId: z.uuid().nullable(),
});

/** 422: the lifecycle does not allow the change (or it lacks a comment, a merge target, …). */
export const TransitionRefusedBody = refusedBody(AssignmentState);

/** The keys a cursor of an assignment's history carries: version, time, id. */
export const HISTORY_CURSOR = { version: z.tuple([z.int(), CursorTime, z.uuid()]) };

/** `GET /api/assignments/{id}/history`: its events oldest first, a page at a time. */
export const HistoryQuery = z
  .object({ ...pageParams(500, 200) })
  .superRefine(cursorFits(HISTORY_CURSOR, () => 'version'));
export type HistoryQuery = z.infer<typeof HistoryQuery>;

export const AssignmentHistory = z.object({
  assignment: AssignmentState,
  events: z.array(AssignmentEvent),
  nextCursor: NextCursor,
});
export type AssignmentHistory = z.infer<typeof AssignmentHistory>;

/** The keys a cursor of the carried-over list carries: the letter's year and number, the row. */
export const CARRIED_OVER_CURSOR = {
  letter: z.tuple([z.int(), z.int().nullable(), z.int(), z.uuid()]),
};

export const AgencyYearQuery = z
  .object({
    agency: z.uuid().optional(),
    year: z.coerce.number().int().min(1990).max(2100).optional(),
    ...pageParams(500, 200),
  })
  .superRefine(cursorFits(CARRIED_OVER_CURSOR, () => 'letter'));
export type AgencyYearQuery = z.infer<typeof AgencyYearQuery>;

export const CarriedOverItem = z.object({
  id: z.uuid(),
  printedId: z.string(),
  title: z.string().nullable(),
  /** The letter that lists it as not finished. */
  listedIn: z.object({ documentId: z.uuid(), title: z.string(), year: z.int() }),
  agency: z.string().nullable(),
  /** `linked`: the original assignment is in the register; `placeholder`: its letter is not. */
  state: z.enum(['linked', 'placeholder']),
  original: z
    .object({
      id: z.uuid(),
      registerId: z.string(),
      year: z.int(),
      title: z.string(),
      status: z.string(),
      version: z.int(),
    })
    .nullable(),
  provenance: z.object({ startLine: z.int(), endLine: z.int() }),
});
export type CarriedOverItem = z.infer<typeof CarriedOverItem>;

export const CarriedOverList = z.object({
  items: z.array(CarriedOverItem),
  nextCursor: NextCursor,
});

/** The keys a cursor of the carry-over proposal carries: agency, register ID, id. */
export const PROPOSAL_CURSOR = {
  agency: z.tuple([z.string().nullable(), z.string(), z.uuid()]),
};

export const CarryOverProposalQuery = z
  .object({
    agency: z.uuid().optional(),
    year: z.coerce.number().int().min(1990).max(2100),
    ...pageParams(500, 500),
  })
  .superRefine(cursorFits(PROPOSAL_CURSOR, () => 'agency'));
export type CarryOverProposalQuery = z.infer<typeof CarryOverProposalQuery>;

export const CarryOverCandidate = z.object({
  id: z.uuid(),
  registerId: z.string(),
  year: z.int(),
  title: z.string(),
  ownerDepartment: z.string().nullable(),
  agency: z.string().nullable(),
  status: z.string(),
  version: z.int(),
  nextDeadline: z.string().nullable(),
  /** Already marked carried-over. */
  confirmed: z.boolean(),
  /** A letter of the next year already lists it as not finished. */
  listedNextYear: z.boolean(),
  /** Whether this user may confirm it. */
  canConfirm: z.boolean(),
});
export type CarryOverCandidate = z.infer<typeof CarryOverCandidate>;

export const CarryOverProposal = z.object({
  year: z.int(),
  items: z.array(CarryOverCandidate),
  nextCursor: NextCursor,
});
export type CarryOverProposal = z.infer<typeof CarryOverProposal>;

export const CarryOverConfirmBody = z.object({
  year: z.int().min(1990).max(2100),
  comment: z.string().trim().max(4000).optional(),
  items: z
    .array(z.object({ id: z.uuid(), expectedVersion: z.int().min(1) }))
    .min(1)
    .max(500),
});
export type CarryOverConfirmBody = z.infer<typeof CarryOverConfirmBody>;

export const CarryOverConfirmResult = z.object({
  results: z.array(
    z.object({
      id: z.uuid(),
      outcome: z.enum([
        'carried-over',
        'already-carried-over',
        'stale-version',
        'not-found',
        'forbidden',
        'refused',
      ]),
      message: z.string().nullable(),
      status: z.string().nullable(),
      version: z.int().nullable(),
    }),
  ),
});
export type CarryOverConfirmResult = z.infer<typeof CarryOverConfirmResult>;
