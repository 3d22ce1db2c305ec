/**
 * The API client: every response is parsed with the contract's zod schemas before the UI
 * sees it, so a server that drifts from the contract shows as a clear error, not as a broken
 * page. Failures are `ApiError`s with a kind the pages can explain.
 */
import type { z } from 'zod';
import { ApiError, isAbort, type ApiErrorKind } from './errors';
import {
  AssignmentDetail,
  AssignmentList,
  DocumentDetail,
  DocumentList,
  ErrorBody,
  ImportResponse,
  SearchResult,
  type AssignmentQuery,
} from '../contract/api';

export { ApiError, isAbort, type ApiErrorKind } from './errors';

type Query = Record<string, string | number | boolean | undefined | null>;

export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError('contract', 'The response is not JSON', response.status);
  }
}

function errorFor(response: Response, body: unknown): ApiError {
  const parsed = ErrorBody.safeParse(body);
  const errorBody = parsed.success ? parsed.data : null;
  const message = errorBody?.message ?? response.statusText;
  const kind: ApiErrorKind =
    response.status === 403 ? 'forbidden' : response.status === 404 ? 'not-found' : 'http';
  return new ApiError(kind, message, response.status, errorBody);
}

/**
 * Sends a request and parses the answer with `schema`. `accept` lists non-2xx statuses whose
 * body is still a `schema` answer (the import reports refusals that way).
 */
async function request<S extends z.ZodType>(
  path: string,
  schema: S,
  init: RequestInit & { accept?: number[] } = {},
): Promise<z.infer<S>> {
  const { accept = [], ...rest } = init;
  let response: Response;
  try {
    response = await fetch(path, {
      credentials: 'same-origin',
      ...rest,
      headers: { accept: 'application/json', ...rest.headers },
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError('network', error instanceof Error ? error.message : String(error));
  }
  const body = await readJson(response);
  if (!response.ok && !accept.includes(response.status)) throw errorFor(response, body);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    if (!response.ok) throw errorFor(response, body);
    throw new ApiError(
      'contract',
      `The response of ${path} does not match the contract: ${parsed.error.message}`,
      response.status,
    );
  }
  return parsed.data;
}

export interface ListDocumentsQuery {
  year?: number;
  limit?: number;
  offset?: number;
}

export function listDocuments(query: ListDocumentsQuery = {}, signal?: AbortSignal) {
  return request(`/api/documents${queryString({ ...query })}`, DocumentList, { signal });
}

/** Every document, page by page (up to `max`). */
export async function listAllDocuments(signal?: AbortSignal, max = 2000) {
  const first = await listDocuments({ limit: 200, offset: 0 }, signal);
  const items = [...first.items];
  while (items.length < Math.min(first.total, max)) {
    const next = await listDocuments({ limit: 200, offset: items.length }, signal);
    if (next.items.length === 0) break;
    items.push(...next.items);
  }
  return { items, total: first.total };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that cannot exist is reported as not found without asking the server. */
function checkId(id: string): void {
  if (!UUID.test(id)) throw new ApiError('not-found', 'No such id', 404);
}

export async function getDocument(id: string, signal?: AbortSignal) {
  checkId(id);
  return request(`/api/documents/${encodeURIComponent(id)}`, DocumentDetail, { signal });
}

export type ListAssignmentsQuery = Partial<AssignmentQuery>;

export function listAssignments(query: ListAssignmentsQuery = {}, signal?: AbortSignal) {
  return request(`/api/assignments${queryString({ ...query })}`, AssignmentList, { signal });
}

/** Every assignment matching `query`, page by page (up to `max`). */
export async function listAllAssignments(
  query: Omit<ListAssignmentsQuery, 'limit' | 'offset'> = {},
  signal?: AbortSignal,
  max = 1000,
) {
  const first = await listAssignments({ ...query, limit: 200, offset: 0 }, signal);
  const items = [...first.items];
  while (items.length < Math.min(first.total, max)) {
    const next = await listAssignments({ ...query, limit: 200, offset: items.length }, signal);
    if (next.items.length === 0) break;
    items.push(...next.items);
  }
  return { items, total: first.total };
}

export async function getAssignment(id: string, signal?: AbortSignal) {
  checkId(id);
  return request(`/api/assignments/${encodeURIComponent(id)}`, AssignmentDetail, { signal });
}

export function search(q: string, signal?: AbortSignal) {
  return request(`/api/search${queryString({ q, limit: 50 })}`, SearchResult, { signal });
}

/** Uploads files for import; `dryRun` only reports what would be stored. */
export function importFiles(files: File[], dryRun: boolean, signal?: AbortSignal) {
  const form = new FormData();
  for (const file of files) form.append('files', file, file.name);
  return request(`/api/imports${queryString({ dryRun })}`, ImportResponse, {
    method: 'POST',
    body: form,
    signal,
    accept: [413, 415, 422],
  });
}
