/**
 * The authorization matrix: every route of the running app × every role (and anonymous),
 * against the real server and database. The table below says what each caller gets; a route
 * the app serves that is missing from the table fails the test (so does a stale row).
 *
 * The object routes are asked about a document the ministry has SHARED with
 * Havdatadirektoratet: the ministry and that agency see it, Fjordlosdirektoratet (another
 * agency) and anonymous visitors get 404, like for an absent object. The organisation row asks
 * about an agency only that shared document names: callers with a role see it, visitors do not.
 *
 * Machine clients (API clients with a bearer token, docs/machine-access.md) are asked every
 * route too: they get what a person with their role gets where their token's scopes allow the
 * route's action (`CLIENT_ACTIONS`, written out here as the spec), else 403.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../db/testing';
import { testApp } from '../testing/app';
import { signIn, storeScopedDocument, type SignedIn, type Who } from '../testing/auth';
import type { App } from './app';
import { changeStatus } from '../services/assignment-status';
import { ROLES as roles } from '../contract/enums';
import { createDraft, shareDraft } from '../services/drafts';
import { buildDraftContent } from '../testing/builders';
import { multipart as multipartBody, MULTIPART_TYPE } from '../testing/multipart';
import { createReport } from '../services/reports';
import { createMeeting } from '../services/meetings';
import { API_SCOPES, type ApiScope, type Role } from '../contract/enums';
import { organisations } from '../db/schema';
import { eq } from 'drizzle-orm';
import { createClient, issueToken } from '../services/api-clients';
import { SAMPLE_AGENCY, SAMPLE_MINISTRY } from '../services/users';

type Caller = 'anonymous' | Who;
const OTHER_AGENCY: Caller = 'user:koordinator-fjordlos';
const callers: Caller[] = ['anonymous', ...roles, OTHER_AGENCY];

/** Expected status per caller; `rest` for the callers not named. */
type Expect = Partial<Record<Caller, number>> & { rest: number };

interface Row {
  /** Builds the request (URL with ids filled in, body). */
  request: (ctx: Ctx) => { url: string; payload?: string; headers?: Record<string, string> };
  expect: Expect;
  /** The caller's session is consumed (sign-out): use a fresh one. */
  fresh?: boolean;
  /** Machine clients whose answer differs from a person's with the same role (why, beside it). */
  clients?: Partial<Record<ClientCaller, number>>;
}

interface Ctx {
  documentId: string;
  assignmentId: string;
  agencyId: string;
  year: number;
  /** An agency no readable-to-all document names. */
  organisationId: string;
  /** A letter being written by the ministry (to Havdatadirektoratet). */
  draftId: string;
  /** An ad hoc report of Havdatadirektoratet's year. */
  reportId: string;
  /** An ad hoc annual report of Havdatadirektoratet (a draft: not published). */
  annualReportId: string;
  /** A governance meeting with Havdatadirektoratet, planned (not held). */
  meetingId: string;
}

const all = (status: number): Expect => ({ rest: status });
const NO_CLIENT = '00000000-0000-4000-8000-00000000c11e';

/**
 * Machine clients (API clients with a client-credentials token): each acts in its organisation
 * with one role and the scopes of its token. A client gets what a person with its role gets,
 * where its scopes allow the route's action (`CLIENT_ACTIONS`), and 403 everywhere else.
 */
const CLIENT_CALLERS = {
  'client:agency-coordinator': {
    organisation: SAMPLE_AGENCY,
    role: 'agency-coordinator',
    scopes: [...API_SCOPES],
  },
  'client:ministry-department-officer': {
    organisation: SAMPLE_MINISTRY,
    role: 'ministry-department-officer',
    scopes: [...API_SCOPES],
  },
  'client:ministry-budget-officer': {
    organisation: SAMPLE_MINISTRY,
    role: 'ministry-budget-officer',
    scopes: [...API_SCOPES],
  },
  'client:auditor': { organisation: SAMPLE_MINISTRY, role: 'auditor', scopes: [...API_SCOPES] },
  /** A token that reads the register only. */
  'client:agency-coordinator:read': {
    organisation: SAMPLE_AGENCY,
    role: 'agency-coordinator',
    scopes: ['register:read'],
  },
  /** A token without the scope to read the register. */
  'client:ministry-budget-officer:import': {
    organisation: SAMPLE_MINISTRY,
    role: 'ministry-budget-officer',
    scopes: ['documents:import'],
  },
} satisfies Record<string, { organisation: string; role: Role; scopes: ApiScope[] }>;
type ClientCaller = keyof typeof CLIENT_CALLERS;

/**
 * What a client's token must carry for each action (the spec the policy's `actionScopes` must
 * meet; `none`: open to all). An action not named here is for people only: 403 to any client.
 */
const CLIENT_ACTIONS: Partial<Record<string, ApiScope | 'none'>> = {
  public: 'none',
  'health.read': 'none',
  'documents.list': 'register:read',
  'documents.read': 'register:read',
  'assignments.list': 'register:read',
  'assignments.read': 'register:read',
  'assignments.comments.read': 'register:read',
  search: 'register:read',
  'organisations.list': 'register:read',
  'reports.list': 'register:read',
  'reports.read': 'register:read',
  'assignments.update': 'reports:submit',
  'assignments.progress': 'reports:submit',
  'reports.update': 'reports:submit',
  'reports.submit': 'reports:submit',
  'reports.review': 'reports:submit',
  'reports.status': 'reports:submit',
  'documents.import': 'documents:import',
};
/** Seen by the ministry and Havdatadirektoratet, not by others. */
const sharedObject: Expect = {
  anonymous: 404,
  [OTHER_AGENCY]: 404,
  rest: 200,
};

const boundary = 'tildel-matrix-boundary';
const sampleFile = readFileSync(
  resolve(import.meta.dirname, '../../sample-data/02-tillegg-2026.txt'),
);
const multipart = [
  `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="tillegg.txt"\r\nContent-Type: text/plain\r\n\r\n`,
  sampleFile.toString('utf8'),
  `\r\n--${boundary}--\r\n`,
].join('');

/**
 * A draft shared with Havdatadirektoratet: its ministry's users, auditors, administrators and
 * that agency read it; another agency gets 404; visitors may not ask.
 */
const draftReaders: Expect = {
  anonymous: 403,
  [OTHER_AGENCY]: 404,
  rest: 200,
};
/** A change to a draft with a stale version: its writers get 409, nothing changes. */
const draftWriters: Expect = {
  'ministry-department-officer': 409,
  'ministry-budget-officer': 409,
  administrator: 409,
  rest: 403,
};
const json = { 'content-type': 'application/json' };

/**
 * A report of Havdatadirektoratet: its ministry and agency read it; visitors read published
 * (accepted annual) reports only, so they do not find this one.
 */
const reportReaders: Expect = { anonymous: 404, [OTHER_AGENCY]: 404, rest: 200 };
/** A change to a report with a stale version: the agency's writers (and administrators) get 409. */
const reportWriters: Expect = {
  'agency-coordinator': 409,
  'agency-assignment-owner': 409,
  'agency-head': 409,
  administrator: 409,
  [OTHER_AGENCY]: 404,
  rest: 403,
};

/** A meeting with Havdatadirektoratet: its ministry and agency read it, visitors may not ask. */
const meetingReaders: Expect = { anonymous: 403, [OTHER_AGENCY]: 404, rest: 200 };
/** The ministry's officers (and administrators) change a meeting; here at a stale version. */
const meetingWriters: Expect = {
  'ministry-department-officer': 409,
  'ministry-budget-officer': 409,
  administrator: 409,
  rest: 403,
};
/** Decisions of a meeting at a stale version: its officers pass and get 409, nothing changes. */
const meetingDeciders: Expect = meetingWriters;
const decision = (c: Ctx) =>
  `/api/meetings/${c.meetingId}/decisions/00000000-0000-4000-8000-000000000041`;
const decisionBody = JSON.stringify({
  expectedVersion: 999,
  text: 'Matrisevedtak',
  responsible: 'agency',
});

const table: Record<string, Row> = {
  'GET /api/meetings': {
    request: (c) => ({ url: `/api/meetings?agency=${c.agencyId}&year=${c.year}` }),
    expect: { anonymous: 403, rest: 200 },
  },
  // The ministry's officers plan a meeting (each call makes one).
  'POST /api/meetings': {
    request: (c) => ({
      url: '/api/meetings',
      payload: JSON.stringify({
        agencyId: c.agencyId,
        year: c.year,
        title: 'Matrisemøte',
        date: `${c.year}-06-01`,
      }),
      headers: json,
    }),
    expect: {
      'ministry-department-officer': 201,
      'ministry-budget-officer': 201,
      administrator: 201,
      rest: 403,
    },
  },
  'GET /api/meetings/:id': {
    request: (c) => ({ url: `/api/meetings/${c.meetingId}` }),
    expect: meetingReaders,
  },
  'PUT /api/meetings/:id': {
    request: (c) => ({
      url: `/api/meetings/${c.meetingId}`,
      payload: JSON.stringify({ expectedVersion: 999, title: 'Matrise' }),
      headers: json,
    }),
    expect: meetingWriters,
  },
  'POST /api/meetings/:id/hold': {
    request: (c) => ({
      url: `/api/meetings/${c.meetingId}/hold`,
      payload: JSON.stringify({ expectedVersion: 999 }),
      headers: json,
    }),
    expect: meetingWriters,
  },
  'POST /api/meetings/:id/decisions': {
    request: (c) => ({
      url: `/api/meetings/${c.meetingId}/decisions`,
      payload: decisionBody,
      headers: json,
    }),
    expect: meetingDeciders,
  },
  'PUT /api/meetings/:id/decisions/:decisionId': {
    request: (c) => ({ url: decision(c), payload: decisionBody, headers: json }),
    expect: meetingDeciders,
  },
  'DELETE /api/meetings/:id/decisions/:decisionId': {
    request: (c) => ({ url: `${decision(c)}?expectedVersion=999` }),
    expect: meetingDeciders,
  },
  'POST /api/meetings/:id/decisions/:decisionId/draft-assignment': {
    request: (c) => ({
      url: `${decision(c)}/draft-assignment`,
      payload: JSON.stringify({ expectedVersion: 999 }),
      headers: json,
    }),
    expect: meetingDeciders,
  },
  'GET /api/health': { request: () => ({ url: '/api/health' }), expect: all(200) },
  // Machine access (docs/machine-access.md). The token endpoint is open to all; this asks for
  // a grant it does not give, so every caller gets 400 and nothing is issued.
  'POST /oauth/token': {
    request: () => ({
      url: '/oauth/token',
      payload: 'grant_type=password&client_id=matrise&client_secret=matrise',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
    expect: all(400),
  },
  'GET /api/clients': {
    request: () => ({ url: '/api/clients' }),
    expect: { administrator: 200, rest: 403 },
  },
  // Administrators register clients (each call one more, of no consequence: no token is asked).
  'POST /api/clients': {
    request: (c) => ({
      url: '/api/clients',
      payload: JSON.stringify({
        name: 'Matriseklient',
        organisationId: c.agencyId,
        roles: ['agency-coordinator'],
        scopes: ['register:read'],
      }),
      headers: json,
    }),
    expect: { administrator: 201, rest: 403 },
  },
  // The client and webhook asked about do not exist: administrators get 404.
  'POST /api/clients/:id/revoke': {
    request: () => ({ url: `/api/clients/${NO_CLIENT}/revoke` }),
    expect: { administrator: 404, rest: 403 },
  },
  'POST /api/clients/:id/secret': {
    request: () => ({ url: `/api/clients/${NO_CLIENT}/secret` }),
    expect: { administrator: 404, rest: 403 },
  },
  'GET /api/clients/:id/webhooks': {
    request: () => ({ url: `/api/clients/${NO_CLIENT}/webhooks` }),
    expect: { administrator: 404, rest: 403 },
  },
  'POST /api/clients/:id/webhooks': {
    request: () => ({
      url: `/api/clients/${NO_CLIENT}/webhooks`,
      payload: JSON.stringify({ url: 'https://mottak.example/tildel', events: ['letter.issued'] }),
      headers: json,
    }),
    expect: { administrator: 404, rest: 403 },
  },
  'DELETE /api/clients/:id/webhooks/:webhookId': {
    request: () => ({ url: `/api/clients/${NO_CLIENT}/webhooks/${NO_CLIENT}` }),
    expect: { administrator: 404, rest: 403 },
  },
  'GET /api/documents': { request: () => ({ url: '/api/documents' }), expect: all(200) },
  'GET /api/documents/:id': {
    request: (c) => ({ url: `/api/documents/${c.documentId}` }),
    expect: sharedObject,
  },
  // Its parts: readable exactly when the document is.
  'GET /api/documents/:id/parts/lines': {
    request: (c) => ({ url: `/api/documents/${c.documentId}/parts/lines` }),
    expect: sharedObject,
  },
  'GET /api/documents/:id/parts/appropriations': {
    request: (c) => ({ url: `/api/documents/${c.documentId}/parts/appropriations` }),
    expect: sharedObject,
  },
  'GET /api/documents/:id/parts/assignments': {
    request: (c) => ({ url: `/api/documents/${c.documentId}/parts/assignments` }),
    expect: sharedObject,
  },
  'GET /api/documents/:id/parts/corrections': {
    request: (c) => ({ url: `/api/documents/${c.documentId}/parts/corrections` }),
    expect: sharedObject,
  },
  'GET /api/documents/:id/parts/calendar': {
    request: (c) => ({ url: `/api/documents/${c.documentId}/parts/calendar` }),
    expect: sharedObject,
  },
  'GET /api/documents/:id/parts/goals': {
    request: (c) => ({ url: `/api/documents/${c.documentId}/parts/goals` }),
    expect: sharedObject,
  },
  'GET /api/documents/:id/parts/otherItems': {
    request: (c) => ({ url: `/api/documents/${c.documentId}/parts/otherItems` }),
    expect: sharedObject,
  },
  'GET /api/documents/:id/parts/unparsed': {
    request: (c) => ({ url: `/api/documents/${c.documentId}/parts/unparsed` }),
    expect: sharedObject,
  },
  'GET /api/documents/:id/parts/warnings': {
    request: (c) => ({ url: `/api/documents/${c.documentId}/parts/warnings` }),
    expect: sharedObject,
  },
  // Sharing/issuing with a stale expected version: authorized callers get 409, nothing changes.
  'POST /api/documents/:id/status': {
    request: (c) => ({
      url: `/api/documents/${c.documentId}/status`,
      payload: JSON.stringify({ to: 'published', expectedVersion: 999 }),
      headers: { 'content-type': 'application/json' },
    }),
    // Callers who may update no document at all are refused before the object is looked up.
    expect: {
      'ministry-department-officer': 409,
      'ministry-budget-officer': 409,
      administrator: 409,
      rest: 403,
    },
  },
  // Correcting an item the document does not have: the ministry's officers pass authorization
  // and get 422, nothing changes; callers who may correct no document are refused first.
  'POST /api/documents/:id/corrections': {
    request: (c) => ({
      url: `/api/documents/${c.documentId}/corrections`,
      payload: JSON.stringify({
        itemKind: 'assignment',
        itemKey: 'TB1999-99',
        change: { field: 'ownerDepartment', value: 'ABC' },
        reason: 'Matrise',
      }),
      headers: { 'content-type': 'application/json' },
    }),
    expect: {
      'ministry-department-officer': 422,
      'ministry-budget-officer': 422,
      administrator: 422,
      rest: 403,
    },
  },
  'GET /api/drafts': { request: () => ({ url: '/api/drafts' }), expect: all(200) },
  // Filtered per row: visitors list the published (accepted annual) reports.
  'GET /api/reports': {
    request: () => ({ url: '/api/reports' }),
    expect: all(200),
  },
  // Each caller gets the agencies whose reports they may read (none for the other agency here).
  'GET /api/reports/overview': {
    request: (c) => ({ url: `/api/reports/overview?year=${c.year}` }),
    expect: all(200),
  },
  // The archive extract of the agency-year: its ministry's archivists, auditors, administrators.
  'GET /api/archive/extract': {
    request: (c) => ({ url: `/api/archive/extract?agency=${c.agencyId}&year=${c.year}` }),
    expect: { archivist: 200, auditor: 200, administrator: 200, rest: 403 },
  },
  // The views: each caller gets the agencies it follows (none for visitors and the other agency).
  'GET /api/reports/views': {
    request: (c) => ({ url: `/api/reports/views?year=${c.year}&agency=${c.agencyId}` }),
    expect: all(200),
  },
  // The ministry's officers set Havdatadirektoratet's tolerance, based on one never set: 409.
  'PUT /api/risk-tolerances': {
    request: (c) => ({
      url: '/api/risk-tolerances',
      payload: JSON.stringify({
        agencyId: c.agencyId,
        year: c.year,
        score: 9,
        comment: '',
        expectedUpdatedAt: '2000-01-01T00:00:00.000Z',
      }),
      headers: json,
    }),
    expect: {
      'ministry-department-officer': 409,
      'ministry-budget-officer': 409,
      administrator: 409,
      rest: 403,
    },
  },
  // The ministry's officers ask for an ad hoc report (each call makes one).
  'POST /api/reports': {
    request: (c) => ({
      url: '/api/reports',
      payload: JSON.stringify({
        agencyId: c.agencyId,
        year: c.year,
        title: 'Matriserapport',
        dueDate: `${c.year}-06-01`,
      }),
      headers: json,
    }),
    expect: {
      'ministry-department-officer': 201,
      'ministry-budget-officer': 201,
      administrator: 201,
      rest: 403,
    },
  },
  'GET /api/reports/:id': {
    request: (c) => ({ url: `/api/reports/${c.reportId}` }),
    expect: reportReaders,
  },
  'GET /api/reports/:id/versions': {
    request: (c) => ({ url: `/api/reports/${c.reportId}/versions` }),
    expect: reportReaders,
  },
  'GET /api/reports/:id/annual-report.docx': {
    request: (c) => ({ url: `/api/reports/${c.annualReportId}/annual-report.docx` }),
    expect: reportReaders,
  },
  'GET /api/reports/:id/annual-report.pdf': {
    request: (c) => ({ url: `/api/reports/${c.annualReportId}/annual-report.pdf` }),
    expect: reportReaders,
  },
  // The agency head signs an annual report's part I or VI (at a stale version here).
  'POST /api/reports/:id/sign': {
    request: (c) => ({
      url: `/api/reports/${c.annualReportId}/sign`,
      payload: JSON.stringify({ part: 'leader', title: 'direktør', expectedVersion: 999 }),
      headers: json,
    }),
    expect: { 'agency-head': 409, administrator: 409, rest: 403 },
  },
  // The ministry's comments on a report it reviews, at a stale version: its officers get 409.
  'PUT /api/reports/:id/ministry-comments': {
    request: (c) => ({
      url: `/api/reports/${c.reportId}/ministry-comments`,
      payload: JSON.stringify({
        comments: [{ steeringParameterId: randomUUID(), comment: 'Bra.' }],
        expectedVersion: 999,
      }),
      headers: json,
    }),
    expect: {
      'ministry-department-officer': 409,
      'ministry-budget-officer': 409,
      administrator: 409,
      rest: 403,
    },
  },
  'PUT /api/reports/:id': {
    request: (c) => ({
      url: `/api/reports/${c.reportId}`,
      payload: JSON.stringify({ content: {}, expectedVersion: 999 }),
      headers: json,
    }),
    expect: reportWriters,
  },
  'POST /api/reports/:id/accounts': {
    request: (c) => ({
      url: `/api/reports/${c.reportId}/accounts`,
      payload: multipartBody(
        [{ name: 'regnskap.csv', bytes: new TextEncoder().encode('chapter;post;amount\n') }],
        { expectedVersion: '999' },
      ).toString(),
      headers: { 'content-type': MULTIPART_TYPE },
    }),
    expect: reportWriters,
  },
  // Submitting (the coordinator) or answering (the ministry's officers) at a stale version.
  'POST /api/reports/:id/status': {
    request: (c) => ({
      url: `/api/reports/${c.reportId}/status`,
      payload: JSON.stringify({ to: 'submitted', expectedVersion: 999 }),
      headers: json,
    }),
    expect: {
      'agency-coordinator': 409,
      'ministry-department-officer': 409,
      'ministry-budget-officer': 409,
      administrator: 409,
      [OTHER_AGENCY]: 404,
      rest: 403,
    },
  },
  // Next year's letter from a year with no letter: its writers pass and get 422, nothing is made.
  'POST /api/drafts': {
    request: (c) => ({
      url: '/api/drafts',
      payload: JSON.stringify({
        agencyId: c.agencyId,
        year: c.year,
        kind: 'allocation-letter',
        from: 'last-year',
      }),
      headers: json,
    }),
    expect: {
      ...draftWriters,
      'ministry-department-officer': 422,
      'ministry-budget-officer': 422,
      administrator: 422,
    },
  },
  'GET /api/drafts/:id': {
    request: (c) => ({ url: `/api/drafts/${c.draftId}` }),
    expect: draftReaders,
  },
  'GET /api/drafts/:id/letter.docx': {
    request: (c) => ({ url: `/api/drafts/${c.draftId}/letter.docx` }),
    expect: draftReaders,
  },
  'GET /api/drafts/:id/letter.pdf': {
    request: (c) => ({ url: `/api/drafts/${c.draftId}/letter.pdf` }),
    expect: draftReaders,
  },
  // The shared document was imported, not written in Tildel: it has no letter file.
  'GET /api/documents/:id/letter.docx': {
    request: (c) => ({ url: `/api/documents/${c.documentId}/letter.docx` }),
    expect: all(404),
  },
  'GET /api/documents/:id/letter.pdf': {
    request: (c) => ({ url: `/api/documents/${c.documentId}/letter.pdf` }),
    expect: all(404),
  },
  // Nor a PDF it was imported from (the db test of source.pdf reads one: source-pdf.db.test.ts).
  'GET /api/documents/:id/source.pdf': {
    request: (c) => ({ url: `/api/documents/${c.documentId}/source.pdf` }),
    expect: all(404),
  },
  'POST /api/drafts/:id/share': {
    request: (c) => ({
      url: `/api/drafts/${c.draftId}/share`,
      payload: JSON.stringify({ expectedVersion: 999 }),
      headers: json,
    }),
    expect: draftWriters,
  },
  // A comment on the shared draft: its ministry's officers and the agency's coordinator.
  'POST /api/drafts/:id/comments': {
    request: (c) => ({
      url: `/api/drafts/${c.draftId}/comments`,
      payload: JSON.stringify({ item: 'general', body: 'Matrise', replyTo: null }),
      headers: json,
    }),
    expect: {
      'ministry-department-officer': 200,
      'ministry-budget-officer': 200,
      administrator: 200,
      'agency-coordinator': 200,
      [OTHER_AGENCY]: 404,
      rest: 403,
    },
  },
  // Resolving a comment the draft does not have: its resolvers pass and get 404.
  'POST /api/drafts/:id/comments/:commentId/resolve': {
    request: (c) => ({
      url: `/api/drafts/${c.draftId}/comments/${randomUUID()}/resolve`,
    }),
    expect: {
      'ministry-department-officer': 404,
      'ministry-budget-officer': 404,
      administrator: 404,
      rest: 403,
    },
  },
  'PUT /api/drafts/:id': {
    request: (c) => ({
      url: `/api/drafts/${c.draftId}`,
      payload: JSON.stringify({ expectedVersion: 999, content: buildDraftContent() }),
      headers: json,
    }),
    expect: draftWriters,
  },
  'POST /api/drafts/:id/approve': {
    request: (c) => ({
      url: `/api/drafts/${c.draftId}/approve`,
      payload: JSON.stringify({ expectedVersion: 999 }),
      headers: json,
    }),
    expect: draftWriters,
  },
  'POST /api/drafts/:id/issue': {
    request: (c) => ({
      url: `/api/drafts/${c.draftId}/issue`,
      payload: JSON.stringify({ expectedVersion: 999 }),
      headers: json,
    }),
    expect: draftWriters,
  },
  'GET /api/assignments': { request: () => ({ url: '/api/assignments' }), expect: all(200) },
  'GET /api/assignments/facets': {
    request: () => ({ url: '/api/assignments/facets' }),
    expect: all(200),
  },
  'GET /api/assignments/:id': {
    request: (c) => ({ url: `/api/assignments/${c.assignmentId}` }),
    expect: sharedObject,
  },
  'GET /api/ledger': {
    request: (c) => ({ url: `/api/ledger?agency=${c.agencyId}&year=${c.year}` }),
    expect: sharedObject,
  },
  'GET /api/documents/:id/overview': {
    request: (c) => ({ url: `/api/documents/${c.documentId}/overview` }),
    expect: sharedObject,
  },
  'GET /api/checks': {
    request: (c) => ({ url: `/api/checks?agency=${c.agencyId}&year=${c.year}` }),
    expect: sharedObject,
  },
  // Reviewing a finding (the year holds only a supplement: "no allocation letter") with a stale
  // version: the ministry's officers pass authorization and get 409; others who see it 403.
  'POST /api/checks/reviews': {
    request: (c) => ({
      url: '/api/checks/reviews',
      payload: JSON.stringify({
        agency: c.agencyId,
        year: c.year,
        key: 'letter-missing:series:-:-:-',
        to: 'acknowledged',
        comment: 'Matrise',
        expectedVersion: 999,
      }),
      headers: { 'content-type': 'application/json' },
    }),
    // Refused before validation to everyone who could review no year (anonymous included).
    expect: {
      'ministry-department-officer': 409,
      'ministry-budget-officer': 409,
      administrator: 409,
      rest: 403,
    },
  },
  // Assignment lifecycle. A status change with a stale version passes authorization and is
  // refused as a conflict (409); callers who see the assignment but may not change it get 403.
  'POST /api/assignments/:id/status': {
    request: (c) => ({
      url: `/api/assignments/${c.assignmentId}/status`,
      payload: JSON.stringify({ to: 'in-progress', expectedVersion: 999 }),
      headers: { 'content-type': 'application/json' },
    }),
    expect: {
      anonymous: 403, // may change no assignment at all: refused before the object is looked up
      [OTHER_AGENCY]: 404,
      'ministry-department-officer': 409, // department HFA owns it
      'agency-coordinator': 409,
      administrator: 409,
      rest: 403,
    },
    // A client belongs to no department of its ministry: the department's assignments are not its.
    clients: { 'client:ministry-department-officer': 403 },
  },
  // Following up: a stale version passes authorization and is refused as a conflict (409).
  'PUT /api/assignments/:id/owner-department': {
    request: (c) => ({
      url: `/api/assignments/${c.assignmentId}/owner-department`,
      payload: JSON.stringify({ expectedVersion: 999, department: 'FHA' }),
      headers: { 'content-type': 'application/json' },
    }),
    expect: {
      'ministry-department-officer': 409,
      'ministry-budget-officer': 409,
      administrator: 409,
      rest: 403,
    },
  },
  'PUT /api/assignments/:id/owner-person': {
    request: (c) => ({
      url: `/api/assignments/${c.assignmentId}/owner-person`,
      payload: JSON.stringify({ expectedVersion: 999, userId: null }),
      headers: { 'content-type': 'application/json' },
    }),
    // The owner is not this assignment's owner; the other agency does not see it.
    expect: { 'agency-coordinator': 409, administrator: 409, [OTHER_AGENCY]: 404, rest: 403 },
  },
  'GET /api/assignments/:id/owner-candidates': {
    request: (c) => ({ url: `/api/assignments/${c.assignmentId}/owner-candidates` }),
    expect: {
      'agency-coordinator': 200,
      administrator: 200,
      'agency-assignment-owner': 404,
      [OTHER_AGENCY]: 404,
      rest: 403,
    },
  },
  'PUT /api/assignments/:id/progress': {
    request: (c) => ({
      url: `/api/assignments/${c.assignmentId}/progress`,
      payload: JSON.stringify({ expectedVersion: 999, progress: 'on-track' }),
      headers: { 'content-type': 'application/json' },
    }),
    expect: { 'agency-coordinator': 409, administrator: 409, [OTHER_AGENCY]: 404, rest: 403 },
  },
  // All or nothing: a refused item (stale, not allowed, not seen) is named in a 409.
  'POST /api/assignments/bulk/owner-department': {
    request: (c) => ({
      url: '/api/assignments/bulk/owner-department',
      payload: JSON.stringify({
        items: [{ id: c.assignmentId, expectedVersion: 999 }],
        department: 'FHA',
      }),
      headers: { 'content-type': 'application/json' },
    }),
    expect: {
      'ministry-department-officer': 409,
      'ministry-budget-officer': 409,
      administrator: 409,
      rest: 403,
    },
  },
  'POST /api/assignments/bulk/owner-person': {
    request: (c) => ({
      url: '/api/assignments/bulk/owner-person',
      payload: JSON.stringify({
        items: [{ id: c.assignmentId, expectedVersion: 999 }],
        userId: null,
      }),
      headers: { 'content-type': 'application/json' },
    }),
    expect: {
      'agency-coordinator': 409,
      'agency-assignment-owner': 409,
      [OTHER_AGENCY]: 409,
      administrator: 409,
      rest: 403,
    },
  },
  'POST /api/assignments/:id/delivery': {
    request: (c) => ({
      url: `/api/assignments/${c.assignmentId}/delivery`,
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="expectedVersion"\r\n\r\n999\r\n--${boundary}--\r\n`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    }),
    expect: {
      anonymous: 403,
      [OTHER_AGENCY]: 404,
      'ministry-department-officer': 409,
      'agency-coordinator': 409,
      administrator: 409,
      rest: 403,
    },
    clients: { 'client:ministry-department-officer': 403 }, // no department (see above)
  },
  'GET /api/assignments/:id/files/:fileId': {
    request: (c) => ({ url: `/api/assignments/${c.assignmentId}/files/${randomUUID()}` }),
    expect: { anonymous: 403, rest: 404 },
  },
  'GET /api/notifications': {
    request: () => ({ url: '/api/notifications' }),
    expect: { anonymous: 403, rest: 200 },
  },
  'POST /api/notifications/read': {
    request: () => ({
      url: '/api/notifications/read',
      payload: JSON.stringify({ ids: 'all' }),
      headers: { 'content-type': 'application/json' },
    }),
    expect: { anonymous: 403, rest: 200 },
  },
  'GET /api/home': { request: () => ({ url: '/api/home' }), expect: all(200) },
  // Unsubscribing from mail: the link's signed token, not a session (a wrong one is a 400).
  'GET /api/mail/unsubscribe': {
    request: () => ({ url: `/api/mail/unsubscribe?u=${randomUUID()}&t=wrong` }),
    expect: all(400),
  },
  'POST /api/mail/unsubscribe': {
    request: () => ({
      url: `/api/mail/unsubscribe?u=${randomUUID()}&t=wrong`,
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
    expect: all(400),
  },
  'GET /api/me/settings': {
    request: () => ({ url: '/api/me/settings' }),
    expect: { anonymous: 403, rest: 200 },
  },
  'PUT /api/me/settings': {
    request: () => ({
      url: '/api/me/settings',
      payload: JSON.stringify({
        language: 'nb',
        reminderDays: [14, 3],
        weeklyDigest: true,
        mailOff: false,
      }),
      headers: { 'content-type': 'application/json' },
    }),
    expect: { anonymous: 403, rest: 200 },
  },
  'GET /api/assignments/export.xlsx': {
    request: () => ({ url: '/api/assignments/export.xlsx?year=2041' }),
    expect: all(200),
  },
  'GET /api/assignments/:id/history': {
    request: (c) => ({ url: `/api/assignments/${c.assignmentId}/history` }),
    expect: sharedObject,
  },
  'GET /api/assignments/carried-over': {
    request: (c) => ({ url: `/api/assignments/carried-over?year=${c.year}` }),
    expect: all(200),
  },
  'GET /api/assignments/carry-over-proposal': {
    request: (c) => ({
      url: `/api/assignments/carry-over-proposal?agency=${c.agencyId}&year=${c.year}`,
    }),
    expect: all(200),
  },
  'POST /api/assignments/carry-over-proposal/confirm': {
    request: (c) => ({
      url: '/api/assignments/carry-over-proposal/confirm',
      payload: JSON.stringify({
        year: c.year,
        items: [{ id: c.assignmentId, expectedVersion: 999 }],
      }),
      headers: { 'content-type': 'application/json' },
    }),
    // The ministry's decision: outcomes per item for its department officers (and
    // administrators); everyone else is refused the route.
    expect: {
      'ministry-department-officer': 200,
      administrator: 200,
      rest: 403,
    },
  },
  // Governance calendar and deadline views: filtered per row like the lists.
  'GET /api/calendar': {
    request: () => ({ url: '/api/calendar?from=2041-01-01&to=2041-12-31' }),
    expect: all(200),
  },
  'GET /api/deadlines': {
    request: () => ({ url: '/api/deadlines?view=overdue' }),
    expect: all(200),
  },
  'GET /api/calendar/feeds': {
    request: () => ({ url: '/api/calendar/feeds' }),
    expect: { anonymous: 403, rest: 200 },
  },
  'POST /api/calendar/feeds': {
    request: (c) => ({
      url: '/api/calendar/feeds',
      payload: JSON.stringify({ scope: 'agency', scopeId: c.agencyId, label: 'Matrise' }),
      headers: { 'content-type': 'application/json' },
    }),
    expect: { anonymous: 403, rest: 201 },
  },
  'DELETE /api/calendar/feeds/:id': {
    request: () => ({ url: `/api/calendar/feeds/${randomUUID()}` }),
    expect: { anonymous: 403, rest: 404 },
  },
  'GET /api/calendar/feeds/:token.ics': {
    request: () => ({ url: '/api/calendar/feeds/abcdefghijklmnopqrstuvwxyz012345.ics' }),
    expect: all(404),
  },
  // Public bodies, but one only a draft or shared document names is hidden from visitors.
  'GET /api/organisations': {
    request: () => ({ url: '/api/organisations' }),
    expect: all(200),
  },
  'GET /api/organisations/:id': {
    request: (c) => ({ url: `/api/organisations/${c.organisationId}` }),
    expect: { anonymous: 404, rest: 200 },
  },
  'GET /api/search': { request: () => ({ url: '/api/search?q=oppdrag' }), expect: all(200) },
  'POST /api/imports': {
    request: () => ({
      url: '/api/imports?dryRun=true',
      payload: multipart,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    }),
    expect: {
      'ministry-department-officer': 200,
      'ministry-budget-officer': 200,
      administrator: 200,
      rest: 403,
    },
  },
  'GET /api/audit': {
    request: (c) => ({ url: `/api/audit?objectType=document&objectId=${c.documentId}` }),
    expect: { anonymous: 403, [OTHER_AGENCY]: 404, rest: 200 },
  },
  'GET /api/me': { request: () => ({ url: '/api/me' }), expect: all(200) },
  'POST /api/auth/logout': {
    request: () => ({ url: '/api/auth/logout' }),
    expect: all(204),
    fresh: true,
  },
  'GET /logg-inn': { request: () => ({ url: '/logg-inn' }), expect: all(200) },
  'GET /logg-inn/stil.css': { request: () => ({ url: '/logg-inn/stil.css' }), expect: all(200) },
  // Allowed for everyone; without the form's token the page refuses (not the policy).
  'POST /logg-inn': {
    request: () => ({
      url: '/logg-inn',
      payload: 'user=nobody&csrf=wrong',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
    expect: all(403),
  },
  // Open data (docs/open-data.md): the same answer for everyone, signed in or not. 2001 holds no
  // issued letter in any test, so its files answer 404 to every caller alike.
  'GET /api/open/v1': { request: () => ({ url: '/api/open/v1' }), expect: all(200) },
  'OPTIONS /api/open/v1': {
    request: () => ({
      url: '/api/open/v1',
      headers: { origin: 'https://example.org', 'access-control-request-method': 'GET' },
    }),
    expect: all(204),
  },
  'OPTIONS /api/open/v1/*': {
    request: () => ({
      url: '/api/open/v1/years/2001',
      headers: { origin: 'https://example.org', 'access-control-request-method': 'GET' },
    }),
    expect: all(204),
  },
  'GET /api/open/v1/licence': {
    request: () => ({ url: '/api/open/v1/licence' }),
    expect: all(200),
  },
  'GET /api/open/v1/schema/letter.json': {
    request: () => ({ url: '/api/open/v1/schema/letter.json' }),
    expect: all(200),
  },
  'GET /api/open/v1/years/:year': {
    request: () => ({ url: '/api/open/v1/years/2001' }),
    expect: all(404),
  },
  'GET /api/open/v1/years/:year/bulk.zip': {
    request: () => ({ url: '/api/open/v1/years/2001/bulk.zip' }),
    expect: all(404),
  },
  'GET /api/open/v1/years/:year/:table.csv': {
    request: () => ({ url: '/api/open/v1/years/2001/appropriations.csv' }),
    expect: all(404),
  },
  'GET /api/open/v1/years/:year/agencies/:agency': {
    request: () => ({ url: '/api/open/v1/years/2001/agencies/havdatadirektoratet' }),
    expect: all(404),
  },
  'GET /api/open/v1/years/:year/agencies/:agency/:table.csv': {
    request: () => ({
      url: '/api/open/v1/years/2001/agencies/havdatadirektoratet/assignments.csv',
    }),
    expect: all(404),
  },
  'GET /api/open/v1/years/:year/agencies/:agency/letters/:letter.json': {
    request: () => ({
      url: '/api/open/v1/years/2001/agencies/havdatadirektoratet/letters/tildelingsbrev.json',
    }),
    expect: all(404),
  },
  // API documentation, generated from the contract: public, no data.
  'GET /api/docs': { request: () => ({ url: '/api/docs' }), expect: all(200) },
  'HEAD /api/docs/': { request: () => ({ url: '/api/docs/' }), expect: all(200) },
  'GET /api/docs/json': { request: () => ({ url: '/api/docs/json' }), expect: all(200) },
  'GET /api/docs/yaml': { request: () => ({ url: '/api/docs/yaml' }), expect: all(200) },
  // swagger-ui redirects its old index path to /api/docs.
  'GET /api/docs/static/index.html': {
    request: () => ({ url: '/api/docs/static/index.html' }),
    expect: all(302),
  },
  'GET /api/docs/static/swagger-initializer.js': {
    request: () => ({ url: '/api/docs/static/swagger-initializer.js' }),
    expect: all(200),
  },
  'GET /api/docs/static/*': {
    request: () => ({ url: '/api/docs/static/swagger-ui.css' }),
    expect: all(200),
  },
};

/** The routes the app serves, with HEAD twins of GET routes folded into their GET row. */
function servedRoutes(app: App): { key: string; method: string; url: string }[] {
  const gets = new Set(app.routeCatalog.filter((r) => r.method === 'GET').map((r) => r.url));
  const seen = new Set<string>();
  const out = [];
  for (const r of app.routeCatalog) {
    const key = `${r.method} ${r.url}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ key, method: r.method, url: r.url });
  }
  return out.filter((r) => !(r.method === 'HEAD' && gets.has(r.url)));
}

interface OpenApiSchema {
  type?: string;
  properties?: Record<string, OpenApiSchema>;
}
interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string; schema?: OpenApiSchema }[];
        requestBody?: { content?: Record<string, { schema?: OpenApiSchema }> };
      }
    >
  >;
}

/** Strings no route may pass on: NUL, and a lone surrogate (not encodable as UTF-8). */
const BAD_STRINGS: [string, string][] = [
  ['a\u0000b', 'a%00b'],
  ['a\ud800b', 'a%ED%A0%80b'],
];

function withQuery(url: string, name: string, encoded: string): string {
  const [path, query = ''] = url.split('?');
  const params = query.split('&').filter((p) => p && !p.startsWith(`${name}=`));
  return `${path}?${[...params, `${name}=${encoded}`].join('&')}`;
}

/** Invalid variants of a request to a route: bad path parameters, query and JSON body. */
async function invalidRequests(app: App, method: string, url: string) {
  const path = url
    .replace(/:token\.ics/, 'x.ics')
    .replace(/:\w+/g, 'not-an-id')
    .replace('*', 'x');
  const query = '?objectType=&objectId=&year=abc&agency=nope&from=x&to=y&view=bogus&dryRun=maybe';
  const variants: { label: string; url: string; payload?: string }[] = [
    { label: 'bad query', url: `${path}${query}` },
  ];
  if (!['GET', 'HEAD'].includes(method)) {
    variants.push({ label: 'bad body', url: path, payload: JSON.stringify({ nonsense: [1] }) });
    variants.push({ label: 'broken JSON', url: path, payload: '{"to": ' });
  }
  const out = [];
  for (const v of variants) {
    const res = await app.inject({
      method: method as 'GET',
      url: v.url,
      ...(v.payload !== undefined
        ? { payload: v.payload, headers: { 'content-type': 'application/json' } }
        : {}),
    });
    out.push({ label: v.label, statusCode: res.statusCode, body: res.body });
  }
  return out;
}

describe(`authorization matrix (${testDatabaseKind})`, () => {
  let app: App;
  let ctx: Ctx;
  beforeAll(async () => {
    app = await testApp();
    // A year no other test uses, so the agency's year holds only this shared document.
    const scoped = await storeScopedDocument(app, 'shared', undefined, { year: 2041 });
    const unnamed = `Matriseetaten ${randomUUID().slice(0, 8)}`;
    const hidden = await storeScopedDocument(app, 'shared', unnamed, { year: 2041 });
    const draft = await createDraft(
      app.database.db,
      { kind: 'system', name: 'test' },
      {
        agencyId: scoped.agencyId,
        year: 2041,
        kind: 'supplement',
        from: 'empty',
      },
    );
    if (draft.kind !== 'saved') throw new Error(`No draft: ${draft.kind}`);
    const shared = await shareDraft(
      app.database.db,
      { kind: 'system', name: 'test' },
      draft.draft.row.id,
      draft.draft.row.version,
    );
    if (shared.kind !== 'saved') throw new Error(`Not shared: ${shared.kind}`);
    const report = await createReport(
      app.database.db,
      { kind: 'system', name: 'test' },
      { agencyId: scoped.agencyId, year: 2041, title: 'Matriserapport', dueDate: '2041-06-01' },
    );
    if (report.kind !== 'saved') throw new Error(`No report: ${report.kind}`);
    const annual = await createReport(
      app.database.db,
      { kind: 'system', name: 'test' },
      {
        agencyId: scoped.agencyId,
        year: 2041,
        title: 'Matriseårsrapport',
        dueDate: '2041-03-01',
        kind: 'annual',
      },
    );
    if (annual.kind !== 'saved') throw new Error(`No annual report: ${annual.kind}`);
    const meeting = await createMeeting(
      app.database.db,
      { kind: 'system', name: 'test' },
      { agencyId: scoped.agencyId, year: 2041, title: 'Matrisemøte', date: '2041-05-15' },
      '2041-01-01',
    );
    if (meeting.kind !== 'saved') throw new Error(`No meeting: ${meeting.kind}`);
    ctx = {
      ...scoped,
      organisationId: hidden.agencyId,
      draftId: draft.draft.row.id,
      reportId: report.report.row.id,
      annualReportId: annual.report.row.id,
      meetingId: meeting.meeting.row.id,
    };
  });

  it('has a row for every route the app serves, and no stale rows', () => {
    const served = servedRoutes(app).map((r) => r.key);
    const missing = served.filter((k) => !(k in table));
    const stale = Object.keys(table).filter((k) => !served.includes(k));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
    // Every route except the API documentation declares a policy action.
    const undeclared = app.routeCatalog.filter((r) => !r.action && !r.url.startsWith('/api/docs'));
    expect(undeclared).toEqual([]);
  });

  // Every route × every caller, one request each: minutes on a loaded machine, not seconds.
  it('answers every route × caller as the table says (HEAD twins included)', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const route of servedRoutes(app)) {
      const row = table[route.key];
      if (!row) continue; // reported by the test above
      const hasHeadTwin =
        route.method === 'GET' &&
        app.routeCatalog.some((r) => r.method === 'HEAD' && r.url === route.url);
      for (const caller of callers) {
        const session: SignedIn | null =
          caller === 'anonymous' ? null : await signIn(app, caller, { fresh: row.fresh ?? false });
        const req = row.request(ctx);
        const headers = { ...req.headers, ...(session?.headers ?? {}) };
        const expected = row.expect[caller] ?? row.expect.rest;
        const methods = hasHeadTwin ? [route.method, 'HEAD'] : [route.method];
        for (const method of methods) {
          const res = await app.inject({
            method: method as 'GET',
            url: req.url,
            headers,
            ...(req.payload !== undefined && method !== 'HEAD' ? { payload: req.payload } : {}),
          });
          checked++;
          // MATRIX_DUMP=1 prints every answer (handy when adding rows for new routes).
          if (process.env.MATRIX_DUMP)
            console.log(
              `DUMP ${route.key} ${method} ${caller} ${res.statusCode} ${res.body.slice(0, 80)}`,
            );
          if (res.statusCode !== expected) {
            failures.push(
              `${method} ${route.url} as ${caller}: ${res.statusCode}, expected ${expected} ${res.body.slice(0, 120)}`,
            );
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(callers.length * Object.keys(table).length);
  }, 240_000);

  // Machine clients × every route: what a person with the client's role gets where the token's
  // scopes allow the action, else 403; never a cookie.
  it('answers every route × machine client as the table and the scopes say', async () => {
    const db = app.database.db;
    const tokens = new Map<ClientCaller, string>();
    for (const [caller, spec] of Object.entries(CLIENT_CALLERS) as [
      ClientCaller,
      (typeof CLIENT_CALLERS)[ClientCaller],
    ][]) {
      const [org] = await db
        .select({ id: organisations.id })
        .from(organisations)
        .where(eq(organisations.name, spec.organisation));
      const made = await createClient(
        db,
        { kind: 'system', name: 'matrix' },
        {
          name: `Matrise ${caller}`,
          organisationId: org!.id,
          roles: [spec.role],
          scopes: spec.scopes,
        },
      );
      if (made.kind !== 'saved') throw new Error(`No client ${caller}: ${made.kind}`);
      const issued = await issueToken(db, {
        clientId: made.client.clientId,
        clientSecret: made.secret!,
      });
      if (issued.kind !== 'issued') throw new Error(`No token for ${caller}: ${issued.kind}`);
      tokens.set(caller, issued.accessToken);
    }
    const failures: string[] = [];
    let checked = 0;
    for (const route of servedRoutes(app)) {
      const row = table[route.key];
      if (!row) continue; // reported by the first test
      const action = app.routeCatalog.find(
        (r) => r.method === route.method && r.url === route.url,
      )?.action;
      const hasHeadTwin =
        route.method === 'GET' &&
        app.routeCatalog.some((r) => r.method === 'HEAD' && r.url === route.url);
      for (const [caller, spec] of Object.entries(CLIENT_CALLERS) as [
        ClientCaller,
        (typeof CLIENT_CALLERS)[ClientCaller],
      ][]) {
        // The API documentation (no action) is open to all, as to people.
        const needed = action ? CLIENT_ACTIONS[action] : 'none';
        const allowed =
          needed === 'none' || (needed !== undefined && (spec.scopes as string[]).includes(needed));
        const expected = allowed
          ? (row.clients?.[caller] ?? row.expect[spec.role] ?? row.expect.rest)
          : 403;
        const req = row.request(ctx);
        for (const method of hasHeadTwin ? [route.method, 'HEAD'] : [route.method]) {
          const res = await app.inject({
            method: method as 'GET',
            url: req.url,
            headers: { ...req.headers, authorization: `Bearer ${tokens.get(caller)!}` },
            ...(req.payload !== undefined && method !== 'HEAD' ? { payload: req.payload } : {}),
          });
          checked++;
          if (process.env.MATRIX_DUMP)
            console.log(
              `DUMP ${route.key} ${method} ${caller} ${res.statusCode} ${res.body.slice(0, 80)}`,
            );
          if (res.statusCode !== expected) {
            failures.push(
              `${method} ${route.url} as ${caller}: ${res.statusCode}, expected ${expected} ${res.body.slice(0, 120)}`,
            );
          }
          if (res.headers['set-cookie'] !== undefined) {
            failures.push(`${method} ${route.url} as ${caller}: set a cookie`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(Object.keys(table).length * 6);
  }, 240_000);

  // Authorize, then validate: a caller refused a route learns nothing about its schema.
  it('refuses before validating: invalid input from anonymous callers never gets a 400 on a refused route', async () => {
    const refused = servedRoutes(app).filter((r) => {
      const e = table[r.key]?.expect;
      // The sign-in form's 403 (its own form token) is not the policy's.
      return e !== undefined && r.url !== '/logg-inn' && [401, 403].includes(e.anonymous ?? e.rest);
    });
    expect(refused.map((r) => r.key)).toEqual(
      expect.arrayContaining([
        'GET /api/audit',
        'POST /api/imports',
        'POST /api/calendar/feeds',
        'POST /api/assignments/:id/status',
      ]),
    );
    const failures: string[] = [];
    for (const route of refused) {
      const expected = table[route.key]!.expect.anonymous ?? table[route.key]!.expect.rest;
      for (const res of await invalidRequests(app, route.method, route.url)) {
        if (res.statusCode !== expected) {
          failures.push(
            `${route.key} ${res.label}: ${res.statusCode}, expected ${expected} ${res.body.slice(0, 100)}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });

  // NUL characters and broken Unicode in any string a route takes are refused with a 4xx
  // (PostgreSQL cannot store NUL; it used to answer 500). One hook, every route.
  it('answers NUL and broken Unicode in every string parameter and body field with a 4xx', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as OpenApi;
    const admin = await signIn(app, 'administrator');
    const failures: string[] = [];
    let checked = 0;
    for (const [path, operations] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        const key = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
        const row = table[key];
        if (!row) continue; // the first test reports routes without a row
        const base = row.request(ctx);
        const variants: { label: string; url: string; payload?: string }[] = [];
        for (const p of op.parameters ?? []) {
          if (p.in !== 'query' && p.in !== 'path') continue;
          if (p.schema?.type !== undefined && p.schema.type !== 'string') continue;
          for (const [bad, encoded] of BAD_STRINGS) {
            const url =
              p.in === 'path'
                ? base.url.replace(/\/[^/?]*(\.ics)?(?=\?|$)/, `/${encoded}$1`)
                : withQuery(base.url, p.name, encoded);
            variants.push({ label: `${p.in} ${p.name}=${JSON.stringify(bad)}`, url });
          }
        }
        const body = op.requestBody?.content?.['application/json']?.schema;
        if (body?.properties && base.payload !== undefined) {
          for (const [name, prop] of Object.entries(body.properties)) {
            if (prop.type !== 'string') continue;
            for (const [bad] of BAD_STRINGS) {
              const payload = { ...(JSON.parse(base.payload) as object), [name]: bad };
              variants.push({
                label: `body ${name}=${JSON.stringify(bad)}`,
                url: base.url,
                payload: JSON.stringify(payload),
              });
            }
          }
        }
        for (const v of variants) {
          for (const session of [null, admin]) {
            const res = await app.inject({
              method: method.toUpperCase() as 'GET',
              url: v.url,
              headers: { ...base.headers, ...(session?.headers ?? {}) },
              ...(v.payload !== undefined ? { payload: v.payload } : {}),
            });
            checked++;
            if (res.statusCode < 400 || res.statusCode >= 500) {
              failures.push(
                `${key} ${v.label} as ${session ? 'administrator' : 'anonymous'}: ${res.statusCode} ${res.body.slice(0, 80)}`,
              );
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });

  // Work comments and delivery references: the ministry, the addressed agency and auditors
  // (and administrators) read them; everyone else who sees the assignment sees its status only.
  it('shows work comments in an assignment history only to the ministry, the agency and auditors', async () => {
    const system = { kind: 'system', name: 'matrix' } as const;
    const secret = { comment: 'Intern merknad', deliveryRef: 'Sak 2041/17' };
    const shared = await storeScopedDocument(app, 'shared', undefined, { year: 2041 });
    const published = await storeScopedDocument(app, 'published', undefined, { year: 2041 });
    for (const c of [shared, published]) {
      const out = await changeStatus(app.database.db, system, c.assignmentId, {
        to: 'delivered',
        expectedVersion: 1,
        ...secret,
      });
      expect(out.kind).toBe('changed');
    }
    /** Per caller: the history's status (200/404), and whether comments are shown. */
    const readsComments: Caller[] = [...roles];
    const answers: string[] = [];
    const expected: string[] = [];
    for (const caller of callers) {
      const session = caller === 'anonymous' ? null : await signIn(app, caller);
      for (const [label, c] of [
        ['shared', shared],
        ['published', published],
      ] as const) {
        const res = await app.inject({
          method: 'GET',
          url: `/api/assignments/${c.assignmentId}/history`,
          headers: session?.headers ?? {},
        });
        const events =
          res.statusCode === 200 ? (res.json().events as Record<string, unknown>[]) : [];
        const shown = events.some(
          (e) => e.comment === secret.comment || e.deliveryRef === secret.deliveryRef,
        );
        const status = events.map((e) => e.to).join(',');
        answers.push(`${label} ${caller}: ${res.statusCode} ${status} comments=${shown}`);
        const sees = label === 'published' || (caller !== 'anonymous' && caller !== OTHER_AGENCY);
        const comments = sees && readsComments.includes(caller);
        expected.push(
          `${label} ${caller}: ${sees ? 200 : 404} ${sees ? 'delivered' : ''} comments=${comments}`,
        );
      }
      const detail = await app.inject({
        method: 'GET',
        url: `/api/assignments/${published.assignmentId}`,
        headers: session?.headers ?? {},
      });
      answers.push(`ability ${caller}: ${detail.json().abilities.readComments}`);
      expected.push(`ability ${caller}: ${readsComments.includes(caller)}`);
    }
    expect(answers).toEqual(expected);
  });

  it('refuses cookie-authenticated writes without the CSRF token, for every write route', async () => {
    const officer = await signIn(app, 'ministry-department-officer');
    const writes = servedRoutes(app).filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method));
    expect(writes.length).toBeGreaterThan(0);
    for (const route of writes) {
      if (app.routeCatalog.find((r) => `${r.method} ${r.url}` === route.key)?.url === '/logg-inn') {
        continue; // the sign-in form carries its own form token (checked in auth.db.test.ts)
      }
      if (route.key === 'POST /api/mail/unsubscribe') {
        continue; // the link's signed token is the proof, not a session (routes/mail.db.test.ts)
      }
      const req = table[route.key]!.request(ctx);
      for (const csrf of [undefined, 'wrong-token']) {
        const res = await app.inject({
          method: route.method as 'POST',
          url: req.url,
          headers: {
            ...req.headers,
            cookie: officer.cookie,
            ...(csrf ? { 'x-csrf-token': csrf } : {}),
          },
          ...(req.payload !== undefined ? { payload: req.payload } : {}),
        });
        expect(res.statusCode, `${route.key} with csrf=${csrf}`).toBe(403);
        expect(res.json().error).toBe('csrf');
      }
    }
  });
});
