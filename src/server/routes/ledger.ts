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
import { LOCALES } from '../../locales/render';
import { readerLanguage } from '../language';
import { resolveOrganisation } from '../../services/organisations';
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
  /** The agency's id from its id or org.nr; null (404, as for one the caller cannot read). */
  const agencyIdOf = async (ref: string) => {
    const found = await resolveOrganisation(app.database.db, ref);
    return found.kind === 'found' ? found.organisation.id : null;
  };
  app.get(
    '/api/ledger',
    {
      config: { action: 'documents.read' },
      schema: {
        summary:
          "An agency's appropriation ledger for a year (letter, supplements, running totals)",
        description:
          'The agency by its id or its org.nr (GET /api/organisations?orgNr= finds it). 404 when the caller can read no document of that agency and year.',
        querystring: LedgerQuery,
        response: { 200: Ledger, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const agency = await agencyIdOf(request.query.agency);
      const ledger =
        agency && (await getLedger(app.database.db, request.actor, agency, request.query.year));
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
        // `format`: json (the schema below), csv or xlsx (files).
        produces: [
          'application/json',
          'text/csv',
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        ],
        response: { 200: Overview, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const overview = await getOverview(app.database.db, request.actor, request.params.id);
      if (!overview) return sendError(reply, 404, 'not-found', 'No such document');
      const format = request.query.format;
      if (format === 'json') return overview;
      const locale = LOCALES[await readerLanguage(app.database.db, request, request.query.lang)];
      if (format === 'csv') {
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${fileName(overview, 'csv')}"`)
          .send(overviewCsv(overview, locale) as never); // a string body is sent as is
      }
      const xlsx = await overviewXlsx(overview, locale);
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
      const agency = await agencyIdOf(request.query.agency);
      const checks =
        agency && (await getChecks(app.database.db, request.actor, agency, request.query.year));
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
