/**
 * The one way a route answers with an error, and the one mapping from a service's outcome to
 * HTTP: every error body is `{ error, message, …details }` with a code from the contract.
 */
import type { FastifyReply } from 'fastify';
import type {
  CorrectionError,
  DraftError,
  ErrorCode,
  FollowUpError,
  ReportError,
  TransitionError,
} from '../contract/enums';

export function sendError<E extends string = ErrorCode>(
  reply: FastifyReply,
  status: number,
  error: E,
  message: string,
  details: Record<string, unknown> = {},
): FastifyReply {
  return reply.code(status).send({ error, message, ...details });
}

/**
 * The Content-Disposition of a file sent for download (or, `inline`, to be shown by the
 * browser): an ASCII name for old clients and the UTF-8 one in `filename*`.
 */
export function attachmentDisposition(
  name: string,
  type: 'attachment' | 'inline' = 'attachment',
): string {
  const ascii =
    name
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '')
      .trim() || 'file';
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** What a service may answer about a change to one object, besides its success. */
export type RefusalOutcome<State> =
  | { kind: 'not-found' }
  | { kind: 'forbidden' }
  /**
   * The version named is not current: `current` is what is (null: nothing recorded yet);
   * `conflicts`, of a save that could not be merged, the parts both changed (a draft's).
   */
  | { kind: 'stale'; current: State | null; conflicts?: readonly { item: string; label: string }[] }
  | {
      kind: 'refused';
      error: TransitionError | CorrectionError | DraftError | FollowUpError | ReportError;
      message: string;
      current: State;
    }
  | { kind: 'superseded'; currentId: string | null };

/**
 * Why a write was refused as stale, naming what is current when the state says so, and the
 * parts both changed when there are some.
 */
function staleMessage(
  noun: string,
  current: unknown,
  conflicts: readonly { item: string; label: string }[] = [],
): string {
  const c = current as { version?: unknown; status?: unknown } | null;
  const parts = conflicts.map((p) => (p.label ? `${p.item} (${p.label})` : p.item)).join(', ');
  if (c && typeof c.version === 'number' && typeof c.status === 'string') {
    return parts
      ? `The ${noun} has changed (now version ${c.version}, ${c.status}) in the same parts as this change: ${parts}; nothing was saved`
      : `The ${noun} has changed (now version ${c.version}, ${c.status}); nothing was saved`;
  }
  return `The ${noun} has been changed by someone else since; nothing was saved`;
}

/**
 * Answers a service outcome: the success through `ok` (200), and the rest as 404 (absent or not
 * readable alike), 403, 409 (stale version, or an earlier version's copy) or 422 (refused).
 */
export function replyFor<O extends { kind: string }, State, R>(
  reply: FastifyReply,
  noun: 'document' | 'assignment' | 'finding' | 'draft' | 'report',
  out: O | RefusalOutcome<State>,
  ok: (out: Exclude<O, RefusalOutcome<State>>) => R,
): R | FastifyReply {
  const o = out as RefusalOutcome<State>;
  switch (o.kind) {
    case 'not-found':
      return sendError(reply, 404, 'not-found', `No such ${noun}`);
    case 'forbidden':
      return sendError(reply, 403, 'forbidden', 'Not allowed');
    case 'stale':
      return sendError(reply, 409, 'stale-version', staleMessage(noun, o.current, o.conflicts), {
        current: o.current,
        ...(o.conflicts && { conflicts: o.conflicts }),
      });
    case 'refused':
      return sendError(reply, 422, o.error, o.message, { current: o.current });
    case 'superseded':
      return sendError(
        reply,
        409,
        'superseded',
        o.currentId
          ? `This is the ${noun} as an earlier version of the letter printed it; change it in the current version`
          : `The current version of the letter no longer has this ${noun}; nothing was saved`,
        { currentId: o.currentId },
      );
    default:
      return ok(out as Exclude<O, RefusalOutcome<State>>);
  }
}
