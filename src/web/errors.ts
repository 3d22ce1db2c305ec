/**
 * The errors of the API client, apart from the client itself so the application shell can
 * explain them without loading the contract's schemas.
 */
import type { ErrorBody } from '../contract/api';

export type ApiErrorKind =
  /** No answer: offline, DNS, aborted connection. */
  | 'network'
  /** The caller may not do this (403). */
  | 'forbidden'
  /** Absent, or not readable by the caller (404). */
  | 'not-found'
  /** Any other non-2xx answer. */
  | 'http'
  /** The answer does not match the contract. */
  | 'contract';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly body: ErrorBody | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
