/**
 * The one shape of a state change, for every resource that has a lifecycle (documents through
 * consultation, assignments through follow-up; next: reports, meetings):
 *
 *   POST /api/{resource}/:id/status  { to, expectedVersion, comment? , …resource fields }
 *   200 { {resource}: state, event }   the new state and the event that made it
 *   409 { error: 'stale-version', message, current }   someone changed it first; nothing saved
 *   422 { error: TransitionError, message, current }   the lifecycle refuses; nothing saved
 *
 * `state` always has the resource's `id`, `status`, `version` (the counter the next change
 * names as `expectedVersion`) and `allowedTransitions` (for this caller: the client shows
 * these and works out none itself).
 */
import { z } from 'zod';
import { ActorKind, TransitionError } from './enums';

type StatusEnum = z.ZodEnum<Readonly<Record<string, string>>>;

/** The request body: the status wanted and the version the caller saw. */
export const stateChangeBody = <S extends StatusEnum>(status: S) =>
  z.object({
    to: status,
    /** The version the change is based on: it applies only if that is still current. */
    expectedVersion: z.int().min(1),
    comment: z.string().trim().max(4000).optional(),
  });

/** A resource's state as a change returns it. */
export const stateOf = <S extends StatusEnum>(status: S) =>
  z.object({
    id: z.uuid(),
    status,
    version: z.int(),
    /** Where the lifecycle may go from here, for this caller. */
    allowedTransitions: z.array(status),
  });

/** One change as it is recorded: who, when, from what to what, and why. */
export const stateEvent = <S extends StatusEnum>(status: S) =>
  z.object({
    /** The event's id: an assignment event's, or the audit entry's sequence number. */
    id: z.string(),
    at: z.string(),
    /** Who made the change, as stored in the audit trail (`user:<id>`, `system:<name>`). */
    actor: z.string(),
    actorKind: ActorKind,
    /** The person's user id (compare with /api/me), null for the system. */
    actorId: z.uuid().nullable(),
    /** The person's name, for those who may read the object's work history; else null. */
    actorName: z.string().nullable(),
    from: status,
    to: status,
    comment: z.string().nullable(),
    /** The resource's version after this change. */
    version: z.int(),
  });

/** 409: the version named is not current; nothing was changed. */
export const staleBody = <T extends z.ZodType>(state: T) =>
  z.object({ error: z.literal('stale-version'), message: z.string(), current: state });

/** 422: the lifecycle does not allow the change; nothing was changed. */
export const refusedBody = <T extends z.ZodType>(state: T) =>
  z.object({ error: TransitionError, message: z.string(), current: state });
