/**
 * The lifecycle of an assignment (oppdrag): which status changes are allowed, who may make
 * them, and what each change must carry. Pure: no I/O, no clock.
 *
 *   planned ⇄ in-progress → delivered → accepted
 *   planned / in-progress / carried-over → cancelled | merged (into another assignment)
 *   planned / in-progress → carried-over (year end: the work continues next year)
 *   delivered → in-progress (the ministry returns a delivery, with a reason; or the agency
 *                            withdraws it before it is accepted)
 *   accepted → in-progress (the ministry reopens an accepted delivery; reason required)
 *   cancelled / merged → planned (reopened by the ministry; comment required)
 *
 * The agency works the assignment (planned, in-progress, delivered, and withdrawing its own
 * delivery); the ministry decides (accepts, returns, reopens, cancels, merges, carries over).
 */
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from '../contract/enums';

/** Which side of the governance dialogue makes a change. `system` may do what the ministry may. */
export type Side = 'ministry' | 'agency' | 'system';

const TRANSITIONS: Record<AssignmentStatus, readonly AssignmentStatus[]> = {
  planned: ['in-progress', 'delivered', 'cancelled', 'merged', 'carried-over'],
  'in-progress': ['planned', 'delivered', 'cancelled', 'merged', 'carried-over'],
  delivered: ['accepted', 'in-progress'],
  accepted: ['in-progress'],
  cancelled: ['planned'],
  merged: ['planned'],
  'carried-over': ['in-progress', 'delivered', 'cancelled', 'merged'],
};

/** Statuses in which the assignment still has work to do (deadlines count, can be overdue). */
export const OPEN_STATUSES: readonly AssignmentStatus[] = [
  'planned',
  'in-progress',
  'carried-over',
];
const OPEN: ReadonlySet<AssignmentStatus> = new Set(OPEN_STATUSES);

/** The others: final or nearly so, not proposed for carry-over, never overdue. */
export const CLOSED_STATUSES: readonly AssignmentStatus[] = ASSIGNMENT_STATUSES.filter(
  (s) => !OPEN.has(s),
);

export function isAssignmentStatus(value: unknown): value is AssignmentStatus {
  return typeof value === 'string' && (ASSIGNMENT_STATUSES as readonly string[]).includes(value);
}

export function isOpen(status: string): boolean {
  return isAssignmentStatus(status) && OPEN.has(status);
}

/**
 * Whether an assignment is overdue on `today` (YYYY-MM-DD, Europe/Oslo): it is open and its
 * next deadline has passed. The server sends this flag; no client works it out.
 */
export function isOverdue(status: string, due: string | null, today: string): boolean {
  return due !== null && due < today && isOpen(status);
}

/** The statuses reachable from `from` (for any side). */
export function nextStatuses(from: AssignmentStatus): readonly AssignmentStatus[] {
  return TRANSITIONS[from];
}

/** The statuses `side` may move an assignment to from `from`. */
export function allowedTransitions(from: AssignmentStatus, side: Side): AssignmentStatus[] {
  return TRANSITIONS[from].filter((to) => sideMay(side, from, to));
}

function sideMay(side: Side, from: AssignmentStatus, to: AssignmentStatus): boolean {
  if (side !== 'agency') return true;
  // The agency works the assignment and may take back its own delivery until it is accepted;
  // it never decides on it.
  if (from === 'delivered') return to === 'in-progress';
  if (from === 'accepted' || from === 'cancelled' || from === 'merged') return false;
  return to === 'planned' || to === 'in-progress' || to === 'delivered';
}

/**
 * Changes that undo a decision or stop the work must say why: cancelling, the ministry sending
 * a delivery back, reopening. (The agency withdrawing its own delivery need not.)
 */
export function commentRequired(
  from: AssignmentStatus,
  to: AssignmentStatus,
  side: Side = 'ministry',
): boolean {
  return (
    to === 'cancelled' ||
    (from === 'delivered' && to === 'in-progress' && side !== 'agency') ||
    (from === 'accepted' && to === 'in-progress') ||
    ((from === 'cancelled' || from === 'merged') && to === 'planned')
  );
}

export interface TransitionRequest {
  /** The assignment's own id (a merge into itself is refused). */
  assignmentId: string;
  from: AssignmentStatus;
  to: AssignmentStatus;
  side: Side;
  comment?: string | null | undefined;
  deliveryRef?: string | null | undefined;
  mergedInto?: string | null | undefined;
}

export type TransitionError =
  /** The lifecycle has no such edge (e.g. accepted → planned). */
  | 'invalid-transition'
  /** The edge exists, but this side may not take it (e.g. the agency accepting). */
  | 'not-permitted'
  | 'comment-required'
  | 'merged-into-required'
  | 'merged-into-self'
  /** mergedInto or deliveryRef given for a change that does not take it. */
  | 'unexpected-field';

export type TransitionCheck =
  | { ok: true }
  | { ok: false; error: TransitionError; message: string; allowed: AssignmentStatus[] };

/** Checks one status change against the lifecycle. */
export function checkTransition(req: TransitionRequest): TransitionCheck {
  const allowed = allowedTransitions(req.from, req.side);
  const fail = (error: TransitionError, message: string): TransitionCheck => ({
    ok: false,
    error,
    message,
    allowed,
  });
  if (req.from === req.to) {
    return fail('invalid-transition', `The assignment is already ${req.to}`);
  }
  if (!TRANSITIONS[req.from].includes(req.to)) {
    return fail('invalid-transition', `An assignment cannot go from ${req.from} to ${req.to}`);
  }
  if (!sideMay(req.side, req.from, req.to)) {
    return fail('not-permitted', `Only the ministry may change ${req.from} to ${req.to}`);
  }
  const comment = req.comment?.trim() ?? '';
  if (commentRequired(req.from, req.to, req.side) && comment === '') {
    return fail('comment-required', `A change from ${req.from} to ${req.to} needs a comment`);
  }
  if (req.to === 'merged') {
    if (!req.mergedInto)
      return fail('merged-into-required', 'Name the assignment it is merged into');
    if (req.mergedInto === req.assignmentId) {
      return fail('merged-into-self', 'An assignment cannot be merged into itself');
    }
  } else if (req.mergedInto) {
    return fail('unexpected-field', 'mergedInto is only for a change to merged');
  }
  if (req.deliveryRef && req.to !== 'delivered') {
    return fail('unexpected-field', 'deliveryRef is only for a change to delivered');
  }
  return { ok: true };
}
