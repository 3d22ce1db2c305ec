import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody, IdParam } from '../../contract/api';
import {
  Checks,
  FindingReviewBody,
  FindingReviewResult,
  StaleReviewBody,
  LedgerQuery,
  Ledger,
  Overview,
  OverviewQuery,
} from '../../contract/ledger';
import { getChecks, getLedger, getOverview } from '../../services/ledger';
import { reviewFinding } from '../../services/ledger-reviews';
import { overviewCsv, overviewXlsx } from '../../services/ledger-export';
import { replyFor, sendError } from '../reply';

/** ASCII file name for Content-Disposition: `oversikt-2020-tillegg-9.xlsx`. */
function fileName(o: Overview, ext: string): string {
  const which =
    o.upTo.kind === 'allocation-letter' ? 'tildelingsbrev' : `tillegg-${o.upTo.number ?? 'x'}`;
  return `oversikt-${o.year ?? 'x'}-${which}.${ext}`;
}

/**
 * The appropriation ledger, the generated overview and the consistency checks. The reading
 * routes declare 'documents.read', decided per document by the service (visibleDocuments); an
 * agency/year or document the caller cannot read answers 404 like an absent one. Reviewing a
 * finding ('findings.review') is decided by the service on the year's allocation letter.
 */
export const ledgerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/ledger',
    {
      config: { action: 'documents.read' },
      schema: {
        summary:
          "An agency's appropriation ledger for a year (letter, supplements, running totals)",
        querystring: LedgerQuery,
        response: { 200: Ledger, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const { agency, year } = request.query;
      const ledger = await getLedger(app.database.db, request.actor, agency, year);
      if (!ledger)
        return sendError(reply, 404, 'not-found', 'No documents for this agency and year');
      return ledger;
    },
  );

  app.get(
    '/api/documents/:id/overview',
    {
      config: { action: 'documents.read' },
      schema: {
        summary:
          'The overview of total allocation through the year up to this document (json, xlsx or csv)',
        params: IdParam,
        querystring: OverviewQuery,
        response: { 200: Overview, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const overview = await getOverview(app.database.db, request.actor, request.params.id);
      if (!overview) return sendError(reply, 404, 'not-found', 'No such document');
      const format = request.query.format;
      if (format === 'json') return overview;
      if (format === 'csv') {
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${fileName(overview, 'csv')}"`)
          .send(overviewCsv(overview) as never); // a string body is sent as is
      }
      const xlsx = await overviewXlsx(overview);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${fileName(overview, 'xlsx')}"`)
        .send(xlsx as never); // a Buffer is sent as is
    },
  );

  app.get(
    '/api/checks',
    {
      config: { action: 'documents.read' },
      schema: {
        summary: "Consistency findings for an agency's year (sums, overviews, numbering)",
        querystring: LedgerQuery,
        response: { 200: Checks, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const { agency, year } = request.query;
      const checks = await getChecks(app.database.db, request.actor, agency, year);
      if (!checks)
        return sendError(reply, 404, 'not-found', 'No documents for this agency and year');
      return checks;
    },
  );

  app.post(
    '/api/checks/reviews',
    {
      config: { action: 'findings.review' },
      schema: {
        summary:
          'Acknowledge or close a consistency finding with a comment, or reopen it (only if expectedVersion is still current)',
        body: FindingReviewBody,
        response: {
          200: FindingReviewResult,
          403: ErrorBody,
          404: ErrorBody,
          409: StaleReviewBody,
        },
      },
    },
    async (request, reply) => {
      const out = await reviewFinding(app.database.db, request.actor, request.body);
      return replyFor(reply, 'finding', out, (o) => ({ key: o.key, review: o.review }));
    },
  );
};
