/**
 * The ministry's views of the reports (issue 15, "Ministry views"), and the risk tolerance the
 * ministry agrees with an agency for a year.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody } from '../../contract/api';
import {
  ReportViews,
  ReportViewsQuery,
  RiskTolerance,
  RiskToleranceBody,
  RiskToleranceStaleBody,
} from '../../contract/report-views';
import { osloToday } from '../../services/calendar';
import { VIEW_LIMITS, reportViews, setRiskTolerance } from '../../services/report-views';
import { presentReportViews, presentTolerance } from '../presenters/report-views';
import { sendError } from '../reply';

export const reportViewRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;

  app.get(
    '/api/reports/views',
    {
      config: { action: 'reports.list' },
      schema: {
        summary: "The ministry's views of a year's reports, for one agency or all it follows",
        description: `For the agency asked about, or every agency with letters of the year (default: the current year in Europe/Oslo) whose reports the caller may read: the open assignments at risk or off track (live; up to ${VIEW_LIMITS.assignments} per agency, off track first, with the counts); the 5×5 heat map of the risks of the latest submitted or accepted status report about the year by likelihood × consequence after measures (residual) and before (inherent), with the risk tolerance agreed with the ministry (or the default, 12) and the risks above it; per post the forecast beside the appropriation from the ledger (thousands of NOK); each steering parameter's values across the submitted and accepted reports of the year and the ${VIEW_LIMITS.trendYears - 1} years before (up to ${VIEW_LIMITS.trendReports} reports, the newest first), matched by its text before the target, with the target the letter's text sets and whether each value meets it; the reports not submitted and due before today (up to ${VIEW_LIMITS.lateReports} per agency). Across the agencies: the heat map and the totals. Up to ${VIEW_LIMITS.agencies} agencies; \`truncated\` says which list reached its cap.`,
        querystring: ReportViewsQuery,
        response: { 200: ReportViews, 403: ErrorBody },
      },
    },
    async (request) => {
      const today = osloToday();
      const year = request.query.year ?? Number(today.slice(0, 4));
      const data = await reportViews(
        db(),
        request.actor,
        { year, agency: request.query.agency },
        today,
      );
      return presentReportViews(request.actor, data);
    },
  );

  app.put(
    '/api/risk-tolerances',
    {
      config: { action: 'reports.tolerance' },
      schema: {
        summary: "Set the risk tolerance of an agency's year",
        description:
          "The highest acceptable likelihood × consequence (1–25) of a risk after its measures, agreed with the agency and set by its ministry's officers; a risk of the agency's reports scoring above it is marked in the views. Based on the tolerance read: `expectedUpdatedAt` is the `setAt` the views gave for it (null when none was agreed); 409 with the tolerance as it is when it has been set since, and nothing is saved. Audited with what it was before. 404 when the caller reads no letter of the agency-year.",
        body: RiskToleranceBody,
        response: {
          200: RiskTolerance,
          400: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: RiskToleranceStaleBody,
        },
      },
    },
    async (request, reply) => {
      const out = await setRiskTolerance(db(), request.actor, request.body);
      if (out.kind === 'not-found') {
        return sendError(reply, 404, 'not-found', 'No letter of that agency and year');
      }
      if (out.kind === 'forbidden') return sendError(reply, 403, 'forbidden', 'Not allowed');
      if (out.kind === 'stale') {
        return sendError(
          reply,
          409,
          'stale-version',
          'The risk tolerance has been set by someone else since it was read; nothing was saved',
          { current: presentTolerance(out.agencyId, out.year, out.row) },
        );
      }
      return presentTolerance(out.agencyId, out.year, out.row);
    },
  );
};
