/**
 * The API client: every response is parsed with the contract's zod schemas before the UI
 * sees it, so a server that drifts from the contract shows as a clear error, not as a broken
 * page. Failures are `ApiError`s with a kind the pages can explain.
 */
import { z } from 'zod';
import { ApiError, isAbort, type ApiErrorKind } from './errors';
import {
  AssignmentHistory,
  StaleVersionBody,
  StatusChangeResult,
  TransitionRefusedBody,
  type StatusChangeBody,
} from '../contract/assignment-status';
import { AuditHistory, Me } from '../contract/auth';
import {
  BulkOwnerResult,
  FollowUpResult,
  FollowUpStale,
  NotificationList,
  OwnerCandidates,
  RefusedFile,
  type BulkOwnerDepartmentBody,
  type BulkOwnerPersonBody,
  type OwnerDepartmentBody,
  type OwnerPersonBody,
  type ProgressBody,
} from '../contract/follow-up';
import { HomeSummary } from '../contract/home';
import { Facets } from '../contract/facets';
import { OpenDataIndex, OpenYear, openDataPaths } from '../contract/open-data';
import {
  AccountsRefusedBody,
  Report,
  ReportList,
  ReportOverview,
  ReportProblemBody,
  ReportRefusedBody,
  ReportStaleBody,
  ReportStatusChangeResult,
  ReportVersionList,
  type ReportCreateBody,
  type ReportProblemItem,
  type ReportQuery,
  type ReportMinistryCommentsBody,
  type ReportSignBody,
  type ReportStatusChangeBody,
  type ReportUpdateBody,
} from '../contract/report';
import {
  DecisionDraftResult,
  Meeting,
  MeetingList,
  type DecisionBody,
  type MeetingCreateBody,
  type MeetingQuery,
  type MeetingUpdateBody,
} from '../contract/meeting';
import {
  ReportViews,
  RiskTolerance,
  RiskToleranceStaleBody,
  type RiskToleranceBody,
} from '../contract/report-views';
import { UserSettings, type UserSettingsUpdate } from '../contract/settings';
import {
  Draft,
  DraftList,
  DraftStaleBody,
  type DraftCommentBody,
  type DraftConflict,
  type DraftCreateBody,
  type DraftUpdateBody,
} from '../contract/draft';
import { CorrectionResult, type Correction, type CorrectionBody } from '../contract/review';
import {
  DocumentRefusedBody,
  DocumentStaleBody,
  DocumentStatusChangeResult,
  type DocumentState,
  type DocumentStatusChangeBody,
} from '../contract/document-status';
import {
  CALENDAR_MAX_ENTRIES,
  Calendar,
  CreatedFeed,
  FeedList,
  type CalendarQuery,
  type CreateFeedBody,
} from '../contract/calendar';
import {
  Checks,
  FindingReviewResult,
  Ledger,
  Overview,
  StaleReviewBody,
  type FindingReview,
  type FindingReviewBody,
} from '../contract/ledger';
import {
  AssignmentDetail,
  AssignmentList,
  DocumentList,
  ErrorBody,
  ImportUploadResult,
  Organisation,
  OrganisationList,
  SearchResult,
  type AssignmentQuery,
  type DocumentQuery,
  type OrganisationQuery,
} from '../contract/api';
import {
  DocumentDetail,
  DocumentPartPages,
  type DocumentPartName,
  type DocumentPartPage,
} from '../contract/document';
import { language } from './locales/language';

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

/** The status of an answer, from `fetch` or from an `XMLHttpRequest`. */
interface Answered {
  status: number;
  statusText: string;
}

const isOk = (status: number) => status >= 200 && status < 300;

function errorFor(response: Answered, body: unknown): ApiError {
  const parsed = ErrorBody.safeParse(body);
  const errorBody = parsed.success ? parsed.data : null;
  const message = errorBody?.message ?? response.statusText;
  const kind: ApiErrorKind =
    response.status === 403 ? 'forbidden' : response.status === 404 ? 'not-found' : 'http';
  return new ApiError(kind, message, response.status, errorBody);
}

const isCsrfRefusal = (response: Answered, body: unknown) =>
  response.status === 403 && ErrorBody.safeParse(body).data?.error === 'csrf';

/**
 * Parses an answer with `schema`. `accept` lists non-2xx statuses whose body is still a
 * `schema` answer (the import reports refusals that way); any other is an `ApiError`.
 */
function interpret<S extends z.ZodType>(
  path: string,
  schema: S,
  response: Answered,
  body: unknown,
  accept: readonly number[],
): z.infer<S> {
  const ok = isOk(response.status);
  if (!ok && !accept.includes(response.status)) throw errorFor(response, body);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    if (!ok) throw errorFor(response, body);
    throw new ApiError(
      'contract',
      `The response of ${path} does not match the contract: ${parsed.error.message}`,
      response.status,
    );
  }
  return parsed.data;
}

/** The session's CSRF token (from GET /api/me), sent on every write. */
let csrfToken: string | null = null;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function send(path: string, init: RequestInit): Promise<Response> {
  const method = (init.method ?? 'GET').toUpperCase();
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...(init.headers as Record<string, string> | undefined),
  };
  if (!SAFE_METHODS.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(path, { credentials: 'same-origin', ...init, headers });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError('network', error instanceof Error ? error.message : String(error));
  }
}

/** Sends a request and parses the answer with `schema` (see `interpret`). */
async function request<S extends z.ZodType>(
  path: string,
  schema: S,
  init: RequestInit & { accept?: number[] } = {},
): Promise<z.infer<S>> {
  const { accept = [], ...rest } = init;
  let response = await send(path, rest);
  let body = await readJson(response);
  // The session (and its token) may have changed in another tab: fetch the token once more.
  if (isCsrfRefusal(response, body)) {
    await getMe(rest.signal ?? undefined);
    response = await send(path, rest);
    body = await readJson(response);
  }
  return interpret(path, schema, response, body, accept);
}

/** A list's query as the client sends it: `cursor` is the `nextCursor` of the page before. */
type Paged<Q> = Partial<Omit<Q, 'cursor'>> & { cursor?: string | undefined };

/**
 * Every row of a list, page by page along its cursor (up to `max`): for a page that needs a
 * whole bounded list (the agencies of a select box, a ministry's letters).
 */
async function walk<T>(
  page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
  max: number,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    items.push(...next.items);
    cursor = next.nextCursor ?? undefined;
  } while (cursor !== undefined && items.length < max);
  return items.slice(0, max);
}

export type ListDocumentsQuery = Paged<DocumentQuery>;

export function listDocuments(query: ListDocumentsQuery = {}, signal?: AbortSignal) {
  return request(`/api/documents${queryString({ ...query })}`, DocumentList, { signal });
}

/** Every document, page by page (up to `max`). */
export async function listAllDocuments(signal?: AbortSignal, max = 2000) {
  const items = await walk((cursor) => listDocuments({ limit: 200, cursor }, signal), max);
  return { items };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` has the form of an id (a UUID). */
export function isId(value: string): boolean {
  return UUID.test(value);
}

/** An id that cannot exist is reported as not found without asking the server. */
function checkId(id: string): void {
  if (!UUID.test(id)) throw new ApiError('not-found', 'No such id', 404);
}

export async function getDocument(id: string, signal?: AbortSignal) {
  checkId(id);
  return request(`/api/documents/${encodeURIComponent(id)}`, DocumentDetail, { signal });
}

/** Where a page of a document's part starts, and how many items it holds. */
export interface DocumentPartPageQuery {
  limit?: number;
  cursor?: string | null;
  /** `lines` only: the first line of the page. */
  from?: number;
}

/** One page of a part of a document (`GET /api/documents/{id}/parts/{part}`). */
export async function getDocumentPart<P extends DocumentPartName>(
  id: string,
  part: P,
  query: DocumentPartPageQuery = {},
  signal?: AbortSignal,
): Promise<DocumentPartPage<P>> {
  checkId(id);
  return request(
    `/api/documents/${encodeURIComponent(id)}/parts/${part}${queryString({ ...query })}`,
    DocumentPartPages[part],
    { signal },
  ) as Promise<DocumentPartPage<P>>;
}

export type ListAssignmentsQuery = Paged<AssignmentQuery>;

export function listAssignments(query: ListAssignmentsQuery = {}, signal?: AbortSignal) {
  return request(`/api/assignments${queryString({ ...query })}`, AssignmentList, { signal });
}

/** Every assignment matching `query`, page by page (up to `max`). */
export async function listAllAssignments(
  query: Omit<ListAssignmentsQuery, 'limit' | 'cursor'> = {},
  signal?: AbortSignal,
  max = 1000,
) {
  const items = await walk(
    (cursor) => listAssignments({ ...query, limit: 200, cursor }, signal),
    max,
  );
  return { items };
}

export async function getAssignment(id: string, signal?: AbortSignal) {
  checkId(id);
  return request(`/api/assignments/${encodeURIComponent(id)}`, AssignmentDetail, { signal });
}

/**
 * The filters' choices: every year and owner department of the documents the user may read
 * (`GET /api/assignments/facets`), not those of a first page.
 */
export function getFacets(signal?: AbortSignal) {
  return request('/api/assignments/facets', Facets, { signal });
}

/** Search with its filters (`SearchQuery` in the contract); empty filters are left out. */
export function search(
  query: {
    q: string;
    year?: string;
    agency?: string;
    kind?: string;
    status?: string;
    /** `nextCursor` of the page before. */
    cursor?: string;
  },
  signal?: AbortSignal,
) {
  return request(`/api/search${queryString({ ...query, limit: 50 })}`, SearchResult, { signal });
}

/** Statuses whose body is still an `ImportUploadResult`: every file refused (too large, wrong type, unreadable). */
/**
 * Import answers that carry per-file results: another ministry's letter (403; a 403 without
 * them means the user may not import at all), waiting for confirmation (409), refusals.
 */
const IMPORT_REFUSALS = [403, 409, 413, 415, 422] as const;

export interface UploadProgress {
  /** Bytes of the request sent so far, and in all (when the browser knows). */
  loaded: number;
  total: number | null;
}

export interface ImportFileOptions {
  dryRun: boolean;
  /** Confirmation tokens of what the person has seen and accepted (`plan.confirmation`). */
  confirm?: readonly string[] | undefined;
  /** Store new letters for review (not issued until the review is approved). */
  review?: boolean | undefined;
  signal?: AbortSignal | undefined;
  /** While the file is being sent. */
  onUploadProgress?: ((progress: UploadProgress) => void) | undefined;
  /** When the whole file is sent and the server is reading it. */
  onUploaded?: (() => void) | undefined;
}

/** One POST of one file with `XMLHttpRequest`, which (unlike `fetch`) reports upload progress. */
function postFile(
  path: string,
  file: File,
  options: ImportFileOptions,
): Promise<{ response: Answered; body: unknown }> {
  return new Promise((resolve, reject) => {
    const { signal } = options;
    if (signal?.aborted) {
      reject(new DOMException('The upload was cancelled', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    const done = () => signal?.removeEventListener('abort', onAbort);
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) => {
      options.onUploadProgress?.({
        loaded: event.loaded,
        total: event.lengthComputable ? event.total : null,
      });
    };
    xhr.upload.onload = () => options.onUploaded?.();
    xhr.onload = () => {
      done();
      const response = { status: xhr.status, statusText: xhr.statusText };
      const text = xhr.responseText;
      if (!text) {
        resolve({ response, body: null });
        return;
      }
      try {
        resolve({ response, body: JSON.parse(text) as unknown });
      } catch {
        reject(new ApiError('contract', 'The response is not JSON', xhr.status));
      }
    };
    xhr.onerror = () => {
      done();
      reject(new ApiError('network', 'The upload failed'));
    };
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => {
      done();
      reject(new DOMException('The upload was cancelled', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const form = new FormData();
    form.append('files', file, file.name);
    xhr.send(form);
  });
}

/**
 * Uploads one file for import, reporting its progress; `dryRun` only reports what would be
 * stored. Refusals (413, 415, 422) are answers, like success; other failures are `ApiError`s,
 * and cancelling through `signal` rejects with an `AbortError`.
 */
export async function importFile(
  file: File,
  options: ImportFileOptions,
): Promise<ImportUploadResult> {
  const confirm = options.confirm?.length ? options.confirm.join(',') : undefined;
  const path = `/api/imports${queryString({ dryRun: options.dryRun, review: options.review, confirm })}`;
  let { response, body } = await postFile(path, file, options);
  // The session (and its token) may have changed in another tab: fetch the token once more.
  if (isCsrfRefusal(response, body)) {
    await getMe(options.signal);
    ({ response, body } = await postFile(path, file, options));
  }
  return interpret(path, ImportUploadResult, response, body, IMPORT_REFUSALS);
}

/** Who is signed in (and the CSRF token for writes); remembers the token. */
export async function getMe(signal?: AbortSignal) {
  const me = await request('/api/me', Me, { signal });
  csrfToken = me.csrfToken;
  return me;
}

/** Ends the session. */
export async function logout() {
  await request('/api/auth/logout', z.null(), { method: 'POST' });
  csrfToken = null;
}

export type ListOrganisationsQuery = Paged<OrganisationQuery>;

export function listOrganisations(query: ListOrganisationsQuery = {}, signal?: AbortSignal) {
  return request(`/api/organisations${queryString({ ...query })}`, OrganisationList, { signal });
}

/** Every organisation matching `query`, page by page (a select box of agencies; up to `max`). */
export async function listAllOrganisations(
  query: Omit<ListOrganisationsQuery, 'limit' | 'cursor'> = {},
  signal?: AbortSignal,
  max = 2000,
) {
  const items = await walk(
    (cursor) => listOrganisations({ ...query, limit: 200, cursor }, signal),
    max,
  );
  return { items };
}

export async function getOrganisation(id: string, signal?: AbortSignal) {
  checkId(id);
  return request(`/api/organisations/${encodeURIComponent(id)}`, Organisation, { signal });
}

/**
 * The agency with this name (any case), or null: for links made before pages named agencies
 * by id (`/bevilgninger?virksomhet=Havdatadirektoratet`).
 */
export async function findAgencyByName(
  name: string,
  signal?: AbortSignal,
): Promise<Organisation | null> {
  const wanted = name.trim();
  if (!wanted || wanted.length > 200) return null;
  const found = await listOrganisations({ kind: 'agency', q: wanted, limit: 200 }, signal);
  const same = (a: string) => a.localeCompare(wanted, 'nb', { sensitivity: 'accent' }) === 0;
  return (
    found.items.find((o) => same(o.name) || (o.shortName !== null && same(o.shortName))) ?? null
  );
}

export function getLedger(agency: string, year: number, signal?: AbortSignal) {
  return request(`/api/ledger${queryString({ agency, year })}`, Ledger, { signal });
}

export function getChecks(agency: string, year: number, signal?: AbortSignal) {
  return request(`/api/checks${queryString({ agency, year })}`, Checks, { signal });
}

export async function getOverview(documentId: string, signal?: AbortSignal) {
  checkId(documentId);
  return request(`/api/documents/${encodeURIComponent(documentId)}/overview`, Overview, {
    signal,
  });
}

/** Where an agency-year's archive extract (Noark 5, a zip) is downloaded. */
export function archiveExtractUrl(agencyId: string, year: number): string {
  return `/api/archive/extract${queryString({ agency: agencyId, year: String(year) })}`;
}

/** Where the overview is downloaded as a spreadsheet or CSV (headings in the client's language). */
export function overviewUrl(documentId: string, format: 'xlsx' | 'csv'): string {
  const query = queryString({ format, lang: language() });
  return `/api/documents/${encodeURIComponent(documentId)}/overview${query}`;
}

export type CalendarRequest = Pick<CalendarQuery, 'from' | 'to'> & {
  agency?: string | undefined;
  department?: string | undefined;
};

/**
 * The calendar of a period (at most a year): as many entries as one answer holds, so a month
 * or a year of one's own is whole (`truncated` when the period held more).
 */
export function getCalendar(query: CalendarRequest, signal?: AbortSignal) {
  return request(
    `/api/calendar${queryString({ ...query, limit: CALENDAR_MAX_ENTRIES })}`,
    Calendar,
    { signal },
  );
}

export function listFeeds(signal?: AbortSignal) {
  return request('/api/calendar/feeds', FeedList, { signal });
}

export function createFeed(body: CreateFeedBody) {
  return request('/api/calendar/feeds', CreatedFeed, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}

export async function revokeFeed(id: string) {
  checkId(id);
  await request(`/api/calendar/feeds/${encodeURIComponent(id)}`, z.null(), { method: 'DELETE' });
}

/** An assignment's state and its whole history (page by page; an assignment has few events). */
export async function getAssignmentHistory(id: string, signal?: AbortSignal) {
  checkId(id);
  const page = (cursor: string | undefined) =>
    request(
      `/api/assignments/${encodeURIComponent(id)}/history${queryString({ limit: 500, cursor })}`,
      AssignmentHistory,
      { signal },
    );
  const first = await page(undefined);
  const rest = first.nextCursor
    ? await walk(async (cursor) => {
        const next = await page(cursor ?? first.nextCursor!);
        return { items: next.events, nextCursor: next.nextCursor };
      }, 5000)
    : [];
  return { ...first, events: [...first.events, ...rest], nextCursor: null };
}

/** Names of the people behind the actors of an object's audit trail (when the user may read it). */
/** The audit trail of one object, oldest first (403/404 when the user may not read it). */
export async function getAuditHistory(objectType: string, objectId: string, signal?: AbortSignal) {
  const entries = await walk(async (cursor) => {
    const page = await request(
      `/api/audit${queryString({ objectType, objectId, limit: 500, cursor })}`,
      AuditHistory,
      { signal },
    );
    return { items: page.entries, nextCursor: page.nextCursor };
  }, 5000);
  return { entries, nextCursor: null };
}

const StatusChangeAnswer = z.union([StatusChangeResult, StaleVersionBody, TransitionRefusedBody]);

export type StatusChangeOutcome =
  | { kind: 'changed'; result: z.infer<typeof StatusChangeResult> }
  | { kind: 'stale'; current: z.infer<typeof StaleVersionBody>['current'] }
  | {
      kind: 'refused';
      error: string;
      message: string;
      current: z.infer<typeof TransitionRefusedBody>['current'];
    };

/** Changes an assignment's status if `expectedVersion` is still current. */
export async function changeStatus(
  id: string,
  body: StatusChangeBody,
): Promise<StatusChangeOutcome> {
  checkId(id);
  const answer = await request(
    `/api/assignments/${encodeURIComponent(id)}/status`,
    StatusChangeAnswer,
    {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
      accept: [409, 422],
    },
  );
  if ('event' in answer) return { kind: 'changed', result: answer };
  if (answer.error === 'stale-version') return { kind: 'stale', current: answer.current };
  return { kind: 'refused', error: answer.error, message: answer.message, current: answer.current };
}

const DocumentStatusAnswer = z.union([
  DocumentStatusChangeResult,
  DocumentStaleBody,
  DocumentRefusedBody,
]);

export type DocumentStatusOutcome =
  | { kind: 'changed'; document: DocumentState }
  /** 409: someone changed the status first; 422: the lifecycle refuses the change. */
  | { kind: 'stale' | 'refused'; current: DocumentState };

/**
 * Shares a draft with the agency, withdraws it, or issues it, if its `statusVersion` is still
 * `expectedVersion`. 403 and 404 are thrown as `ApiError`s.
 */
export async function changeDocumentStatus(
  id: string,
  body: DocumentStatusChangeBody,
): Promise<DocumentStatusOutcome> {
  checkId(id);
  const answer = await request(
    `/api/documents/${encodeURIComponent(id)}/status`,
    DocumentStatusAnswer,
    {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
      accept: [409, 422],
    },
  );
  if ('event' in answer) return { kind: 'changed', document: answer.document };
  return {
    kind: answer.error === 'stale-version' ? 'stale' : 'refused',
    current: answer.current,
  };
}

const FindingReviewAnswer = z.union([FindingReviewResult, StaleReviewBody]);

export type FindingReviewOutcome =
  | { kind: 'reviewed'; review: FindingReview }
  /** 409: someone reviewed it since this page read it; `current` is what is stored now. */
  | { kind: 'stale'; current: FindingReview | null };

/**
 * Acknowledges or closes a finding (with a comment) or reopens it, if `expectedVersion` is
 * still its review's version. 403 and 404 are thrown as `ApiError`s.
 */
export async function reviewFinding(body: FindingReviewBody): Promise<FindingReviewOutcome> {
  const answer = await request('/api/checks/reviews', FindingReviewAnswer, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
    accept: [409],
  });
  if ('error' in answer) return { kind: 'stale', current: answer.current };
  return { kind: 'reviewed', review: answer.review };
}

/**
 * Corrects what the importer read of one item. A refusal (422: nothing to change, no such item,
 * the ID is taken, the assignment has a history; 409: an earlier version) is thrown as an
 * `ApiError` with the server's message.
 */
export async function correctItem(documentId: string, body: CorrectionBody): Promise<Correction> {
  checkId(documentId);
  const answer = await request(
    `/api/documents/${encodeURIComponent(documentId)}/corrections`,
    CorrectionResult,
    {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    },
  );
  return answer.correction;
}

/** A page of the drafts the caller may read, last changed first (`cursor`: the next page). */
export function listDrafts(query: { cursor?: string | undefined } = {}, signal?: AbortSignal) {
  return request(`/api/drafts${queryString({ ...query })}`, DraftList, { signal });
}

export async function getDraft(id: string, signal?: AbortSignal) {
  checkId(id);
  return request(`/api/drafts/${encodeURIComponent(id)}`, Draft, { signal });
}

export function draftLetterUrl(id: string, format: 'docx' | 'pdf'): string {
  return `/api/drafts/${encodeURIComponent(id)}/letter.${format}`;
}

/** Starts a draft. A refusal (no letter last year to start from) is thrown as an `ApiError`. */
export function createDraft(body: DraftCreateBody) {
  return request('/api/drafts', Draft, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}

export type DraftChangeOutcome =
  | { kind: 'saved'; draft: Draft }
  /**
   * 409: someone saved the draft since this page read it, and it could not be merged: nothing
   * was saved. `conflicts`: the parts both changed differently (none: not mergeable at all).
   */
  | { kind: 'stale'; conflicts: DraftConflict[] }
  /** 422: the server refuses the step (problems, or the letter would not read back). */
  | { kind: 'refused'; error: string; message: string };

const DraftChangeAnswer = z.union([Draft, DraftStaleBody, ErrorBody]);

async function changeDraft(path: string, method: 'PUT' | 'POST', body: unknown) {
  const answer = await request(path, DraftChangeAnswer, {
    method,
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
    accept: [409, 422],
  });
  if ('id' in answer) return { kind: 'saved', draft: answer } as const;
  if (answer.error === 'stale-version') {
    return { kind: 'stale', conflicts: 'conflicts' in answer ? answer.conflicts : [] } as const;
  }
  return { kind: 'refused', error: answer.error, message: answer.message } as const;
}

/**
 * Saves a draft's content based on `expectedVersion`: when someone saved since, the server
 * merges the two and answers the merged draft (its version more than one above).
 */
export function saveDraft(id: string, body: DraftUpdateBody): Promise<DraftChangeOutcome> {
  checkId(id);
  return changeDraft(`/api/drafts/${encodeURIComponent(id)}`, 'PUT', body);
}

/** Shares (a new round), approves (a second officer) or issues a draft at `expectedVersion`. */
export function stepDraft(
  id: string,
  step: 'share' | 'approve' | 'issue',
  expectedVersion: number,
): Promise<DraftChangeOutcome> {
  checkId(id);
  return changeDraft(`/api/drafts/${encodeURIComponent(id)}/${step}`, 'POST', {
    expectedVersion,
  });
}

/** Comments on a draft in consultation (or answers a comment); refusals are thrown. */
export async function commentOnDraft(id: string, body: DraftCommentBody): Promise<Draft> {
  checkId(id);
  return request(`/api/drafts/${encodeURIComponent(id)}/comments`, Draft, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}

/** Marks a comment of the consultation resolved. */
export async function resolveDraftComment(id: string, commentId: string): Promise<Draft> {
  checkId(id);
  checkId(commentId);
  return request(
    `/api/drafts/${encodeURIComponent(id)}/comments/${encodeURIComponent(commentId)}/resolve`,
    Draft,
    { method: 'POST' },
  );
}

export type FollowUpOutcome =
  | { kind: 'changed'; result: FollowUpResult }
  /** 409: someone changed the assignment first; `current` is what is stored now. */
  | { kind: 'stale'; current: z.infer<typeof FollowUpStale>['current'] }
  /** 422: refused (a reason is missing, the person is not of the agency, nothing changes …). */
  | { kind: 'refused'; error: string; message: string };

const FollowUpAnswer = z.union([FollowUpResult, FollowUpStale, ErrorBody]);

async function followUp(
  id: string,
  what: 'owner-department' | 'owner-person' | 'progress',
  body: unknown,
): Promise<FollowUpOutcome> {
  checkId(id);
  const answer = await request(
    `/api/assignments/${encodeURIComponent(id)}/${what}`,
    FollowUpAnswer,
    {
      method: 'PUT',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
      accept: [409, 422],
    },
  );
  if ('event' in answer) return { kind: 'changed', result: answer };
  if ('current' in answer) return { kind: 'stale', current: answer.current };
  return { kind: 'refused', error: answer.error, message: answer.message };
}

/** Sets (or clears) the ministry department that owns an assignment. */
export function setOwnerDepartment(id: string, body: OwnerDepartmentBody) {
  return followUp(id, 'owner-department', body);
}

/** Gives an assignment to a person of its agency (or to nobody). */
export function setOwnerPerson(id: string, body: OwnerPersonBody) {
  return followUp(id, 'owner-person', body);
}

/** Reports how the work on an assignment goes. */
export function setProgress(id: string, body: ProgressBody) {
  return followUp(id, 'progress', body);
}

/** The people an assignment can be given to. */
export async function getOwnerCandidates(id: string, signal?: AbortSignal) {
  checkId(id);
  return request(`/api/assignments/${encodeURIComponent(id)}/owner-candidates`, OwnerCandidates, {
    signal,
  });
}

/**
 * Gives many assignments one owner department or person: all or nothing. A refusal (409) is
 * an answer with the refused items, like success.
 */
export function bulkOwner(
  what: 'owner-department' | 'owner-person',
  body: BulkOwnerDepartmentBody | BulkOwnerPersonBody,
): Promise<BulkOwnerResult> {
  return request(`/api/assignments/bulk/${what}`, BulkOwnerResult, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
    accept: [409],
  });
}

export interface DeliveryBody {
  expectedVersion: number;
  deliveryRef?: string | undefined;
  comment?: string | undefined;
  files: readonly File[];
}

export type DeliveryOutcome =
  | { kind: 'changed'; result: z.infer<typeof StatusChangeResult> }
  | { kind: 'stale'; message: string }
  | { kind: 'refused'; error: string; message: string }
  /** 413/415/422: a file was refused; nothing was saved. */
  | { kind: 'file-refused'; refusal: z.infer<typeof RefusedFile> };

const DeliveryAnswer = z.union([StatusChangeResult, RefusedFile, ErrorBody]);

/** Delivers an assignment with files (multipart), if `expectedVersion` is still current. */
export async function deliverAssignment(id: string, body: DeliveryBody): Promise<DeliveryOutcome> {
  checkId(id);
  const form = new FormData();
  form.append('expectedVersion', String(body.expectedVersion));
  if (body.deliveryRef) form.append('deliveryRef', body.deliveryRef);
  if (body.comment) form.append('comment', body.comment);
  for (const file of body.files) form.append('files', file, file.name);
  const answer = await request(
    `/api/assignments/${encodeURIComponent(id)}/delivery`,
    DeliveryAnswer,
    { method: 'POST', body: form, accept: [409, 413, 415, 422] },
  );
  if ('event' in answer) return { kind: 'changed', result: answer };
  if (answer.error === 'file-refused' && 'file' in answer) {
    return { kind: 'file-refused', refusal: answer };
  }
  if (answer.error === 'stale-version') return { kind: 'stale', message: answer.message };
  return { kind: 'refused', error: answer.error, message: answer.message };
}

/** Where a delivered file is downloaded. */
export function deliveryFileUrl(assignmentId: string, fileId: string): string {
  return `/api/assignments/${encodeURIComponent(assignmentId)}/files/${encodeURIComponent(fileId)}`;
}

/** The signed-in person's notifications, newest first, and how many are unread. */
export function listNotifications(
  query: { unread?: boolean; limit?: number; cursor?: string | undefined } = {},
  signal?: AbortSignal,
) {
  return request(`/api/notifications${queryString({ ...query })}`, NotificationList, { signal });
}

/** Marks notifications read: the ones named, or all. */
export async function markNotificationsRead(ids: readonly string[] | 'all') {
  await request('/api/notifications/read', z.object({ marked: z.int() }), {
    method: 'POST',
    body: JSON.stringify({ ids }),
    headers: { 'content-type': 'application/json' },
  });
}

/** The start page of the signed-in person's role, in one call. */
export function getHome(signal?: AbortSignal) {
  return request('/api/home', HomeSummary, { signal });
}

/** Open data: what is published, by year (public, the same for everyone). */
export function getOpenData(signal?: AbortSignal) {
  return request(openDataPaths.index(), OpenDataIndex, { signal });
}

/** Open data of one year: its agencies, their letters and the files. */
export function getOpenYear(year: number, signal?: AbortSignal) {
  return request(openDataPaths.year(year), OpenYear, { signal });
}

/** The signed-in person's own settings. */
export function getSettings(signal?: AbortSignal) {
  return request('/api/me/settings', UserSettings, { signal });
}

export function saveSettings(body: UserSettingsUpdate) {
  return request('/api/me/settings', UserSettings, {
    method: 'PUT',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}

/** The reports the caller may read (for an agency-year, made from its calendar first). */
export function listReports(query: Paged<ReportQuery>, signal?: AbortSignal) {
  return request(`/api/reports${queryString({ ...query })}`, ReportList, { signal });
}

/** The reports of a year per agency the caller may read (the ministry's overview). */
export function getReportOverview(year: number, signal?: AbortSignal) {
  return request(`/api/reports/overview${queryString({ year })}`, ReportOverview, { signal });
}

/** The ministry's views of a year's reports, for one agency or all the caller follows. */
export function getReportViews(query: { year: number; agency?: string }, signal?: AbortSignal) {
  return request(`/api/reports/views${queryString(query)}`, ReportViews, { signal });
}

export type RiskToleranceOutcome =
  | { kind: 'saved'; tolerance: RiskTolerance }
  /** 409: set by someone else since it was read; nothing was saved. */
  | { kind: 'stale'; current: RiskTolerance };

/**
 * The ministry's officers set an agency-year's risk tolerance, based on the one read
 * (`expectedUpdatedAt`); other refusals are thrown.
 */
export async function setRiskTolerance(body: RiskToleranceBody): Promise<RiskToleranceOutcome> {
  const answer = await request(
    '/api/risk-tolerances',
    z.union([RiskTolerance, RiskToleranceStaleBody]),
    {
      method: 'PUT',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
      accept: [409],
    },
  );
  return 'error' in answer
    ? { kind: 'stale', current: answer.current }
    : { kind: 'saved', tolerance: answer };
}

export async function getReport(id: string, signal?: AbortSignal) {
  checkId(id);
  return request(`/api/reports/${encodeURIComponent(id)}`, Report, { signal });
}

export async function getReportVersions(id: string, signal?: AbortSignal) {
  checkId(id);
  return request(`/api/reports/${encodeURIComponent(id)}/versions`, ReportVersionList, {
    signal,
  });
}

/** The ministry asks for an ad hoc report; refusals are thrown as `ApiError`s. */
export function createReport(body: ReportCreateBody) {
  return request('/api/reports', Report, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}

export type ReportChangeOutcome =
  | { kind: 'saved'; report: Report }
  /** 409: someone saved the report since this page read it; nothing was saved. */
  | { kind: 'stale' }
  /** 422: locked, naming what the agency-year lacks, an invalid body, … */
  | { kind: 'refused'; error: string; message: string }
  /** 422: the accounts file, refused as a whole; each wrong row by its number. */
  | { kind: 'accounts-refused'; message: string; rows: AccountsRefusedBody['rows'] };

const ReportChangeAnswer = z.union([Report, AccountsRefusedBody, ErrorBody]);

function reportChange(answer: z.infer<typeof ReportChangeAnswer>): ReportChangeOutcome {
  if ('id' in answer) return { kind: 'saved', report: answer };
  if (answer.error === 'stale-version') return { kind: 'stale' };
  if (answer.error === 'accounts-refused' && 'rows' in answer) {
    return { kind: 'accounts-refused', message: answer.message, rows: answer.rows };
  }
  return { kind: 'refused', error: answer.error, message: answer.message };
}

/** Saves what the agency writes in a report, if `expectedVersion` is still its version. */
export async function saveReport(id: string, body: ReportUpdateBody): Promise<ReportChangeOutcome> {
  checkId(id);
  const answer = await request(`/api/reports/${encodeURIComponent(id)}`, ReportChangeAnswer, {
    method: 'PUT',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
    accept: [409, 422],
  });
  return reportChange(answer);
}

/** Uploads the accounts to date (CSV or XLSX), if `expectedVersion` is still current. */
export async function uploadReportAccounts(
  id: string,
  file: File,
  expectedVersion: number,
): Promise<ReportChangeOutcome> {
  checkId(id);
  const form = new FormData();
  form.append('expectedVersion', String(expectedVersion));
  form.append('file', file, file.name);
  const answer = await request(
    `/api/reports/${encodeURIComponent(id)}/accounts`,
    ReportChangeAnswer,
    { method: 'POST', body: form, accept: [409, 413, 422] },
  );
  return reportChange(answer);
}

/** The agency head signs part I or VI of an annual report, if `expectedVersion` is current. */
export async function signReport(id: string, body: ReportSignBody): Promise<ReportChangeOutcome> {
  checkId(id);
  const answer = await request(`/api/reports/${encodeURIComponent(id)}/sign`, ReportChangeAnswer, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
    accept: [409, 422],
  });
  return reportChange(answer);
}

/** The ministry's comments on the steering parameters' values, if `expectedVersion` is current. */
export async function saveMinistryComments(
  id: string,
  body: ReportMinistryCommentsBody,
): Promise<ReportChangeOutcome> {
  checkId(id);
  const answer = await request(
    `/api/reports/${encodeURIComponent(id)}/ministry-comments`,
    ReportChangeAnswer,
    {
      method: 'PUT',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
      accept: [409, 422],
    },
  );
  return reportChange(answer);
}

/** Where an annual report is downloaded as Word or PDF. */
export function annualReportUrl(id: string, format: 'docx' | 'pdf'): string {
  return `/api/reports/${encodeURIComponent(id)}/annual-report.${format}`;
}

export type ReportStatusOutcome =
  | { kind: 'changed'; result: ReportStatusChangeResult }
  | { kind: 'stale' }
  /** 422: refused; `problems` names what submitting still needs (`report-incomplete`). */
  | { kind: 'refused'; error: string; message: string; problems: ReportProblemItem[] };

const ReportStatusAnswer = z.union([
  ReportStatusChangeResult,
  ReportStaleBody,
  ReportProblemBody,
  ReportRefusedBody,
  ErrorBody,
]);

/** Submits a report (the agency), or returns or accepts it (the ministry). */
export async function changeReportStatus(
  id: string,
  body: ReportStatusChangeBody,
): Promise<ReportStatusOutcome> {
  checkId(id);
  const answer = await request(
    `/api/reports/${encodeURIComponent(id)}/status`,
    ReportStatusAnswer,
    {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
      accept: [409, 422],
    },
  );
  if ('event' in answer) return { kind: 'changed', result: answer };
  if (answer.error === 'stale-version') return { kind: 'stale' };
  return {
    kind: 'refused',
    error: answer.error,
    message: answer.message,
    problems: 'problems' in answer && Array.isArray(answer.problems) ? answer.problems : [],
  };
}

/** The governance meetings the caller may read (for an agency-year, made from its calendar first). */
export function listMeetings(query: Paged<MeetingQuery>, signal?: AbortSignal) {
  return request(`/api/meetings${queryString({ ...query })}`, MeetingList, { signal });
}

export async function getMeeting(id: string, signal?: AbortSignal) {
  checkId(id);
  return request(`/api/meetings/${encodeURIComponent(id)}`, Meeting, { signal });
}

/** The ministry plans a meeting; refusals are thrown as `ApiError`s. */
export function createMeeting(body: MeetingCreateBody) {
  return request('/api/meetings', Meeting, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}

export type MeetingChangeOutcome<T = Meeting> =
  | { kind: 'saved'; value: T }
  /** 409: someone changed the meeting since this page read it; nothing was saved. */
  | { kind: 'stale' }
  /** 422: refused (`meeting-not-held`, `meeting-held`, `decision-linked`, …); nothing was saved. */
  | { kind: 'refused'; error: string; message: string };

async function meetingChange<S extends z.ZodType>(
  path: string,
  schema: S,
  method: 'POST' | 'PUT' | 'DELETE',
  body?: unknown,
): Promise<MeetingChangeOutcome<z.infer<S>>> {
  const answer: unknown = await request(path, z.union([schema, ErrorBody]), {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    accept: [409, 422],
  });
  // A meeting (or a draft result) has no `error`; a refusal is nothing else.
  const error = ErrorBody.safeParse(answer);
  if (error.success) {
    if (error.data.error === 'stale-version') return { kind: 'stale' };
    return { kind: 'refused', error: error.data.error, message: error.data.message };
  }
  return { kind: 'saved', value: answer as z.infer<S> };
}

const meetingPath = (id: string) => `/api/meetings/${encodeURIComponent(id)}`;
const decisionPath = (id: string, decisionId: string) =>
  `${meetingPath(id)}/decisions/${encodeURIComponent(decisionId)}`;

/** Changes a meeting (title, date, the ministry's points, the minutes) at the version seen. */
export function saveMeeting(id: string, body: MeetingUpdateBody) {
  checkId(id);
  return meetingChange(meetingPath(id), Meeting, 'PUT', body);
}

/** Holds the meeting: its agenda is kept as it stands. */
export function holdMeeting(id: string, expectedVersion: number) {
  checkId(id);
  return meetingChange(`${meetingPath(id)}/hold`, Meeting, 'POST', { expectedVersion });
}

export function addDecision(id: string, body: DecisionBody) {
  checkId(id);
  return meetingChange(`${meetingPath(id)}/decisions`, Meeting, 'POST', body);
}

export function saveDecision(id: string, decisionId: string, body: DecisionBody) {
  checkId(id);
  return meetingChange(decisionPath(id, decisionId), Meeting, 'PUT', body);
}

/** Removes a decision, at the meeting's version seen. */
export function removeDecision(id: string, decisionId: string, expectedVersion: number) {
  checkId(id);
  return meetingChange(
    `${decisionPath(id, decisionId)}${queryString({ expectedVersion })}`,
    Meeting,
    'DELETE',
  );
}

/** Makes a decision an assignment of the supplement being written, at the meeting's version seen. */
export function decisionToDraft(id: string, decisionId: string, expectedVersion: number) {
  checkId(id);
  return meetingChange(
    `${decisionPath(id, decisionId)}/draft-assignment`,
    DecisionDraftResult,
    'POST',
    { expectedVersion },
  );
}
