/**
 * Reports the agency owes the ministry (issue 15): list (made from the calendar for the
 * agency-year asked about), read, write, upload accounts, sign (an annual report's parts I and
 * VI), submit, return, accept, the submitted revisions, and the annual report as Word and PDF.
 * Accepted annual reports are published: everyone lists and reads them.
 */
import multipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, IdParam } from '../../contract/api';
import {
  AccountsRefusedBody,
  Report,
  ReportCreateBody,
  ReportList,
  ReportMinistryCommentsBody,
  ReportOverview,
  ReportOverviewQuery,
  ReportProblemBody,
  ReportQuery,
  ReportRefusedBody,
  ReportSignBody,
  ReportStaleBody,
  ReportStatusChangeBody,
  ReportStatusChangeResult,
  ReportUpdateBody,
  ReportVersionList,
} from '../../contract/report';
import { DEFAULT_MAX_BYTES } from '../../import/extract';
import { readAccounts } from '../../domain/accounts';
import { readsReportAsPublic, type Actor } from '../../domain/policy';
import { osloToday } from '../../services/calendar';
import { accountsTable } from '../../services/report-accounts';
import {
  changeReportStatus,
  createReport,
  getReport,
  listReports,
  reportLike,
  reportOverview,
  reportVersionsOf,
  setAccounts,
  setMinistryComments,
  signReport,
  updateReport,
  type ReportOutcome,
} from '../../services/reports';
import {
  presentAnnualReportFile,
  presentReport,
  presentReportOverview,
  presentReportSummary,
  presentReportVersions,
} from '../presenters/report';
import { fileField } from '../openapi';
import { attachmentDisposition, replyFor, sendError } from '../reply';

const MEDIA_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;
const FORMAT_NAMES = { docx: 'Word', pdf: 'PDF' } as const;

const errors = {
  400: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ReportStaleBody,
  422: z.union([ReportProblemBody, ReportRefusedBody, ErrorBody]),
};

/** A refusal with its details (the problems, the wrong rows) in the body; the rest as usual. */
function answer(actor: Actor, reply: FastifyReply, out: ReportOutcome, status = 200) {
  if (out.kind === 'refused' && out.details) {
    return sendError(reply, 422, out.error, out.message, { current: out.current, ...out.details });
  }
  return replyFor(reply, 'report', out, (o) =>
    reply.code(status).send(presentReport(actor, o.report, osloToday())),
  );
}

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const maxBytes = app.appOptions.maxUploadBytes ?? DEFAULT_MAX_BYTES;
  await app.register(multipart, {
    limits: { fileSize: maxBytes + 1, files: 1, fields: 5, fieldSize: 100 },
    throwFileSizeLimit: false,
  });
  const db = () => app.database.db;

  app.get(
    '/api/reports',
    {
      config: { action: 'reports.list' },
      schema: {
        summary: 'Reports the caller follows, or the published annual reports, a page at a time',
        description:
          'The reports of the caller’s ministry or agency (every report for auditors and administrators). `published=true`: the published (accepted) annual reports of every ministry instead; visitors get those only. For an agency and year asked about, the reporting items of its letters’ calendar are made reports first. `late=true`: not submitted and due before today (Europe/Oslo).',
        querystring: ReportQuery,
        response: { 200: ReportList, 403: ErrorBody },
      },
    },
    async (request) => {
      const today = osloToday();
      const { rows, nextCursor } = await listReports(db(), request.actor, request.query, today);
      return {
        reports: rows.map((r) => presentReportSummary(request.actor, r, today)),
        nextCursor,
      };
    },
  );

  app.post(
    '/api/reports',
    {
      config: { action: 'reports.create' },
      schema: {
        summary: 'Ask an agency for a report the calendar does not have (ad hoc)',
        body: ReportCreateBody,
        response: { 201: Report, ...errors },
      },
    },
    async (request, reply) =>
      answer(request.actor, reply, await createReport(db(), request.actor, request.body), 201),
  );

  app.get(
    '/api/reports/overview',
    {
      config: { action: 'reports.list' },
      schema: {
        summary: 'The reports of a year per agency, as the ministry follows them',
        description:
          'For every agency with reports of the year (default: the current year in Europe/Oslo) the caller follows (their ministry’s or agency’s; every one for auditors and administrators; none for visitors, who read published annual reports only): how many are owed, submitted (awaiting an answer), accepted and late (not submitted and due before today in Europe/Oslo); from its latest submitted or accepted status report (by due date, then revision) the assignments at risk or off track it gives a deviation for, its risks with a score of 15 or more, and per post the forecast beside the appropriation from the ledger with the deviation (thousands of NOK).',
        querystring: ReportOverviewQuery,
        response: { 200: ReportOverview, 403: ErrorBody },
      },
    },
    async (request) => {
      const today = osloToday();
      const year = request.query.year ?? Number(today.slice(0, 4));
      const rows = await reportOverview(db(), request.actor, year, today);
      return presentReportOverview(rows, year, today);
    },
  );

  app.get(
    '/api/reports/:id',
    {
      config: { action: 'reports.read' },
      schema: {
        summary: 'One report with what the server derives from the record',
        params: IdParam,
        response: { 200: Report, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const found = await getReport(db(), request.actor, request.params.id);
      if (!found) return sendError(reply, 404, 'not-found', 'No such report');
      return presentReport(request.actor, found, osloToday());
    },
  );

  app.put(
    '/api/reports/:id',
    {
      config: { action: 'reports.update' },
      schema: {
        summary: 'Save what the agency writes in a report, based on the version it saw',
        description:
          '422 `report-locked` once submitted or accepted; 422 `report-unknown-item` for an assignment, post or steering parameter the agency-year does not have; 409 when someone saved since.',
        params: IdParam,
        body: ReportUpdateBody,
        response: { 200: Report, ...errors },
      },
    },
    async (request, reply) =>
      answer(
        request.actor,
        reply,
        await updateReport(db(), request.actor, request.params.id, request.body),
      ),
  );

  app.post(
    '/api/reports/:id/accounts',
    {
      config: { action: 'reports.update' },
      schema: {
        summary:
          'Upload the accounts to date per chapter and post (multipart: expectedVersion, file)',
        description:
          'One CSV (UTF-8, semicolon or comma) or XLSX file whose first row names the columns chapter/kapittel, post and amount/beløp (whole thousands of NOK). Every row must name a post of the agency-year’s ledger; otherwise the file is refused as a whole (422 `accounts-refused`, each wrong row by its number, the header being row 1) and nothing is saved. The posts listed get their accounts to date; the others keep theirs.',
        params: IdParam,
        consumes: ['multipart/form-data'],
        // Read by the handler part by part, so documented here, not validated.
        multipart: {
          properties: {
            expectedVersion: {
              type: 'integer',
              minimum: 1,
              description: 'The report version the accounts are based on',
            },
            file: fileField('The accounts: one CSV (UTF-8) or XLSX file'),
          },
          required: ['expectedVersion', 'file'],
        },
        response: {
          200: Report,
          ...errors,
          413: ErrorBody,
          422: z.union([AccountsRefusedBody, ReportProblemBody, ReportRefusedBody, ErrorBody]),
        },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        return sendError(reply, 400, 'bad-request', 'Send the accounts as multipart/form-data');
      }
      const fields: Record<string, string> = {};
      let file: { name: string; bytes: Uint8Array; truncated: boolean } | null = null;
      for await (const part of request.parts()) {
        if (part.type === 'field') fields[part.fieldname] = String(part.value);
        else if (file) return sendError(reply, 400, 'bad-request', 'Send one accounts file');
        else {
          const bytes = new Uint8Array(await part.toBuffer());
          file = { name: part.filename, bytes, truncated: part.file.truncated };
        }
      }
      if (!file) return sendError(reply, 400, 'bad-request', 'No file was sent');
      if (file.truncated || file.bytes.length > maxBytes) {
        return sendError(
          reply,
          413,
          'accounts-refused',
          `The file is larger than ${maxBytes} bytes`,
        );
      }
      const expectedVersion = Number(fields.expectedVersion);
      if (!Number.isInteger(expectedVersion) || expectedVersion < 1) {
        return sendError(reply, 400, 'validation', 'expectedVersion must be a positive integer');
      }
      const table = await accountsTable(file.bytes);
      const out = await setAccounts(
        db(),
        request.actor,
        request.params.id,
        expectedVersion,
        (posts) => {
          if ('refused' in table) {
            return {
              kind: 'refused',
              error: 'accounts-refused',
              message: table.refused,
              current: null,
              details: { rows: [] },
            };
          }
          const read = readAccounts(table.table, posts);
          switch (read.kind) {
            case 'ok':
              return { rows: read.rows };
            case 'no-header':
              return {
                kind: 'refused',
                error: 'accounts-refused',
                message: `The first row must name the columns chapter, post and amount; missing: ${read.missing.join(', ')}`,
                current: null,
                details: { rows: [] },
              };
            case 'too-many-rows':
              return {
                kind: 'refused',
                error: 'accounts-refused',
                message: `The file has more than ${read.max} rows`,
                current: null,
                details: { rows: [] },
              };
            case 'refused':
              return {
                kind: 'refused',
                error: 'accounts-refused',
                message: `The file is refused; nothing was saved. ${read.problems
                  .map(
                    (p) =>
                      `Row ${p.row}: ${p.error}${p.column ? ` (${p.column}${p.value ? ` ${p.value}` : ''})` : ''}`,
                  )
                  .join('; ')}`,
                current: null,
                details: { rows: read.problems },
              };
          }
        },
      );
      return answer(request.actor, reply, out);
    },
  );

  app.post(
    '/api/reports/:id/status',
    {
      config: { action: 'reports.status' },
      schema: {
        summary: 'Submit a report (the agency), or return or accept it (the ministry)',
        description:
          'Submitting locks the content and records its sha256 (canonical JSON) in the audit trail; 422 `report-incomplete` names what is missing. Returning needs a comment; the agency then writes the next revision.',
        params: IdParam,
        body: ReportStatusChangeBody,
        response: { 200: ReportStatusChangeResult, ...errors },
      },
    },
    async (request, reply) => {
      const out = await changeReportStatus(db(), request.actor, request.params.id, request.body);
      if (out.kind === 'refused' && out.details) {
        return sendError(reply, 422, out.error, out.message, {
          current: out.current,
          ...out.details,
        });
      }
      return replyFor(reply, 'report', out, (o) => ({ report: o.report, event: o.event }));
    },
  );

  app.get(
    '/api/reports/:id/versions',
    {
      config: { action: 'reports.read' },
      schema: {
        summary: 'The revisions of a report as they were submitted, with their hashes',
        description:
          'Those who read a published annual report as the public get the accepted revision only, with the public content (no risks, forecasts or their explanations) and no comment; the hash is of the revision as submitted.',
        params: IdParam,
        response: { 200: ReportVersionList, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const found = await reportVersionsOf(db(), request.actor, request.params.id);
      if (!found) return sendError(reply, 404, 'not-found', 'No such report');
      return presentReportVersions(
        found.versions,
        readsReportAsPublic(request.actor, reportLike(found.report)),
      );
    },
  );

  app.post(
    '/api/reports/:id/sign',
    {
      config: { action: 'reports.sign' },
      schema: {
        summary: "The agency head signs an annual report's part I or VI",
        description:
          'Records the signer, their title and when, audited. A later change to the part (its text; for part VI also the accounts per post) removes the signature, and the audit entry names it. Submitting an annual report needs both signatures. 422 `report-not-annual` for a status report, `report-locked` once submitted; 409 when the version is not the one seen.',
        params: IdParam,
        body: ReportSignBody,
        response: { 200: Report, ...errors },
      },
    },
    async (request, reply) =>
      answer(
        request.actor,
        reply,
        await signReport(db(), request.actor, request.params.id, request.body),
      ),
  );

  app.put(
    '/api/reports/:id/ministry-comments',
    {
      config: { action: 'reports.review' },
      schema: {
        summary: "The ministry's comments on the steering parameters' values of a report",
        description:
          'While the ministry reviews a submitted report (before it returns or accepts it), its officers comment on the value the agency gives for a steering parameter or key figure; each comment replaces the earlier one, an empty one removes it, others stay. Audited. Not shown to the public. 422 `report-locked` unless submitted, `report-unknown-item` for a parameter the agency-year does not have; 409 when the version is not the one seen.',
        params: IdParam,
        body: ReportMinistryCommentsBody,
        response: { 200: Report, ...errors },
      },
    },
    async (request, reply) =>
      answer(
        request.actor,
        reply,
        await setMinistryComments(db(), request.actor, request.params.id, request.body),
      ),
  );

  // The annual report as Word and as PDF, for whoever may read it (everyone, once accepted).
  for (const format of ['docx', 'pdf'] as const) {
    app.get(
      `/api/reports/:id/annual-report.${format}`,
      {
        config: { action: 'reports.read' },
        schema: {
          summary: `An annual report as ${FORMAT_NAMES[format]}`,
          description:
            'The six parts with what they show from the record of the period (key figures, assignments, the appropriation beside the accounts with its sums) and the signatures, dated the day it was submitted (today while it is written). 404 for a report the caller may not read and for a status report.',
          params: IdParam,
          produces: [MEDIA_TYPES[format]],
          response: {
            200: z.any().meta({ description: `The ${FORMAT_NAMES[format]} file` }),
            404: ErrorBody,
          },
        },
      },
      async (request, reply) => {
        const found = await getReport(db(), request.actor, request.params.id);
        const file = found
          ? await presentAnnualReportFile(request.actor, found, osloToday(), format)
          : null;
        if (!file) return sendError(reply, 404, 'not-found', 'No such annual report');
        return reply
          .type(MEDIA_TYPES[format])
          .header('content-disposition', attachmentDisposition(file.name))
          .header('cache-control', 'private, no-store')
          .send(Buffer.from(file.bytes));
      },
    );
  }
};
