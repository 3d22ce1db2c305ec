/**
 * The one way a report leaves the server: what the agency wrote, beside what comes from the
 * record (assignment status and progress, the ledger's appropriations and the deviations from
 * them, risk scores against the tolerance agreed), what it lacks before submitting, the late
 * flag and what the caller may do. An annual report adds what its parts show from the record of
 * its period (the appropriation in all; per post beside the accounts given). Those who read a
 * published annual report only because it is published get the public view (`publicContent`):
 * the six parts, what they show from the published letters (key figures, the assignments with
 * status and the agency's deviations, the appropriation beside the accounts), the values the
 * agency gives and the signatures (name, title, date); not the work dialogue (why an assignment
 * is at risk, the ministry's comments), the risk register, the forecasts and their explanations,
 * the signers' user ids, nor the revisions before the one accepted.
 */
import type {
  AnnualDerived,
  Report,
  ReportContent,
  ReportOverview,
  ReportSummary,
  ReportVersionList,
} from '../../contract/report';
import {
  readsReportAsPublic,
  reportAbilities,
  reportPublished,
  type Actor,
} from '../../domain/policy';
import {
  aboveTolerance,
  budgetDeviation,
  DEFAULT_RISK_TOLERANCE,
  deviationRequired,
  isHighRisk,
  isReportLate,
  reportProblems,
  riskScore,
} from '../../domain/report';
import { readReportedValue, readSteeringTarget, targetOutcome } from '../../domain/steering-target';
import { osloToday } from '../../services/calendar';
import { annualReportTitle, layOutAnnualReport } from '../../render/annual-report';
import { letterPdf } from '../../render/pdf';
import {
  allowedReportTransitions,
  factsOf,
  reportLike,
  type ReportDetail,
  type ReportOverviewRow,
  type ReportSummaryView,
  reportVersionsOf,
} from '../../services/reports';

export function presentReportSummary(
  actor: Actor,
  v: ReportSummaryView,
  today: string,
): ReportSummary {
  const r = v.row;
  const publicView = readsReportAsPublic(actor, reportLike(r));
  return {
    id: r.id,
    agencyId: r.agencyId,
    agencyName: v.agencyName,
    ministryId: r.ministryId,
    year: r.year,
    kind: r.kind,
    periodYear: r.periodYear,
    title: r.title,
    source: r.source,
    calendarItemId: r.calendarItemId,
    dueDate: r.dueDate,
    status: r.status,
    version: r.version,
    revision: r.revision,
    late: isReportLate(r.status, r.dueDate, today),
    submittedAt: r.submittedAt?.toISOString() ?? null,
    submittedHash: r.submittedHash,
    reviewComment: publicView ? null : r.reviewComment,
    // The public reads who signed by name and title, not the signer's user id.
    signatures: publicView ? r.signatures.map((s) => ({ ...s, userId: '' })) : r.signatures,
    riskTolerance: v.riskTolerance,
    effectiveRiskTolerance: v.riskTolerance ?? DEFAULT_RISK_TOLERANCE,
    published: reportPublished(reportLike(r)),
    publicView,
    allowedTransitions: allowedReportTransitions(actor, r),
    abilities: reportAbilities(actor, reportLike(r)),
  };
}

/** Part II's appropriation in all and part VI's posts beside the accounts given, with sums. */
function deriveAnnual(content: ReportContent, record: ReportDetail['record']): AnnualDerived {
  const budget = new Map(content.budget.map((b) => [`${b.chapter}:${b.post}`, b]));
  const accounts = record.posts.map((p) => {
    const given = budget.get(`${p.chapter}:${p.post}`)?.accountsToDate ?? null;
    return {
      chapter: p.chapter,
      post: p.post,
      postName: p.postName,
      appropriation: p.appropriation,
      accounts: given,
      difference: given === null ? null : given - p.appropriation,
    };
  });
  // Each sum is the sum of its column: the posts without accounts (–) add nothing to the
  // accounts nor to the difference; with none given, both sums are – too.
  const sum = (ns: Array<number | null>) => {
    const given = ns.filter((n): n is number => n !== null);
    return given.length === 0 ? null : given.reduce((s, n) => s + n, 0);
  };
  const appropriation = accounts.reduce((s, a) => s + a.appropriation, 0);
  return {
    appropriationTotal: appropriation,
    accounts,
    accountsTotal: {
      appropriation,
      accounts: sum(accounts.map((a) => a.accounts)),
      difference: sum(accounts.map((a) => a.difference)),
    },
  };
}

/**
 * What the public reads of the agency's content: the parts, the assignments' deviations, the
 * steering values and the accounts per post; not the risk register, nor the forecasts with
 * their explanations (the agency's budget dialogue with the ministry).
 */
function publicContent(content: ReportContent): ReportContent {
  return {
    ...content,
    risks: [],
    budget: content.budget.map((b) => ({ ...b, forecast: null, explanation: '' })),
  };
}

function derive(v: ReportDetail, publicView: boolean): Report['derived'] {
  const { record } = v;
  const content = publicView ? publicContent(v.row.content) : v.row.content;
  const tolerance = v.riskTolerance ?? DEFAULT_RISK_TOLERANCE;
  const annual = v.row.kind === 'annual';
  const entries = new Map(content.assignments.map((e) => [e.assignmentId, e]));
  const budget = new Map(content.budget.map((b) => [`${b.chapter}:${b.post}`, b]));
  const values = new Map(content.steeringParameters.map((s) => [s.steeringParameterId, s]));
  const ministryComments = v.row.ministryComments;
  return {
    // An annual report tells of every assignment of its period (part III), closed ones too.
    assignments: (annual ? record.every : record.assignments).map((a) => ({
      assignmentId: a.id,
      registerId: a.registerId,
      title: a.title,
      status: a.status,
      progress: a.progress,
      // Why it is at risk is the work dialogue: not for the public.
      progressReason: publicView ? null : a.progressReason,
      deviationRequired: deviationRequired(a.progress),
      entry: entries.get(a.id) ?? null,
    })),
    budget: record.posts.map((p) => {
      const b = budget.get(`${p.chapter}:${p.post}`);
      const deviation = budgetDeviation(p.appropriation, b?.forecast ?? null);
      return {
        chapter: p.chapter,
        post: p.post,
        postName: p.postName,
        appropriation: p.appropriation,
        accountsToDate: b?.accountsToDate ?? null,
        forecast: b?.forecast ?? null,
        deviation,
        explanationRequired: deviation !== null && deviation !== 0,
        explanation: b?.explanation ?? '',
      };
    }),
    risks: content.risks.map((r) => {
      const residualScore = riskScore(r.residualLikelihood, r.residualConsequence);
      return {
        ...r,
        score: riskScore(r.likelihood, r.consequence),
        residualScore,
        aboveTolerance: aboveTolerance(residualScore, tolerance),
      };
    }),
    steeringParameters: record.steeringParameters.map((p) => {
      const given = values.get(p.id);
      const target = readSteeringTarget(p.text);
      const value = given?.value ?? null;
      const unit = given?.unit ?? '';
      return {
        steeringParameterId: p.id,
        kind: p.kind,
        goal: p.goal,
        text: p.text,
        value,
        unit,
        comment: given?.comment ?? '',
        target,
        outcome: targetOutcome(target, readReportedValue(value, unit), v.row.periodYear),
        // The ministry's review is its dialogue with the agency: not for the public.
        ministryComment: publicView ? '' : (ministryComments[p.id] ?? ''),
      };
    }),
    // What stops submitting is the agency's concern; the public reads an accepted report.
    problems: publicView ? [] : reportProblems(content, factsOf(v.row, record)),
    annual: annual ? deriveAnnual(content, record) : null,
  };
}

export function presentReport(actor: Actor, v: ReportDetail, today: string): Report {
  const summary = presentReportSummary(actor, v, today);
  return {
    ...summary,
    content: summary.publicView ? publicContent(v.row.content) : v.row.content,
    derived: derive(v, summary.publicView),
  };
}

export type AnnualReportFormat = 'docx' | 'pdf';

/**
 * An annual report as a Word or PDF file (src/render/annual-report.ts, written by the letters'
 * writers), as the caller reads it (the public view for the public), dated the day it was
 * submitted, or today while it is written. Null for a status report.
 */
export async function presentAnnualReportFile(
  actor: Actor,
  v: ReportDetail,
  today: string,
  format: AnnualReportFormat,
): Promise<{ name: string; bytes: Uint8Array } | null> {
  if (v.row.kind !== 'annual') return null;
  const report = presentReport(actor, v, today);
  const locale = 'nb' as const;
  const blocks = layOutAnnualReport(report, {
    date: v.row.submittedAt ? osloToday(v.row.submittedAt) : today,
    locale,
  });
  const title = annualReportTitle(report, locale);
  const meta = { title, creator: report.agencyName, locale };
  // The Word writer (with the docx library, ~11 MB) is loaded on first use.
  const letterDocx = async () => (await import('../../render/docx')).letterDocx(blocks, meta);
  const bytes = format === 'docx' ? await letterDocx() : await letterPdf(blocks, meta);
  return { name: `${title}.${format}`, bytes: new Uint8Array(bytes) };
}

/**
 * The submitted revisions. The public (reading a published annual report) reads the revision
 * accepted only, with the public content and without the ministry's comment.
 */
export function presentReportVersions(
  rows: NonNullable<Awaited<ReturnType<typeof reportVersionsOf>>>['versions'],
  publicView: boolean,
): ReportVersionList {
  return {
    versions: rows
      .filter((r) => !publicView || r.outcome === 'accepted')
      .map((r) => ({
        revision: r.revision,
        content: publicView ? publicContent(r.content) : r.content,
        sha256: r.sha256,
        submittedAt: r.submittedAt.toISOString(),
        outcome: r.outcome,
        reviewComment: publicView ? null : r.reviewComment,
      })),
  };
}

/**
 * The ministry's overview: the counts per agency, and from its latest submitted or accepted
 * report the deviations it gives for assignments at risk or off track, its high risks, and per
 * post the forecast beside the ledger's appropriation with the deviation.
 */
export function presentReportOverview(
  rows: ReportOverviewRow[],
  year: number,
  today: string,
): ReportOverview {
  return {
    year,
    today,
    agencies: rows.map((r) => {
      if (!r.latest) return { ...r, latest: null };
      const { row, record } = r.latest;
      const entries = new Map(row.content.assignments.map((e) => [e.assignmentId, e]));
      const budget = new Map(row.content.budget.map((b) => [`${b.chapter}:${b.post}`, b]));
      return {
        ...r,
        latest: {
          reportId: row.id,
          title: row.title,
          dueDate: row.dueDate,
          status: row.status,
          revision: row.revision,
          deviations: record.assignments.filter(
            (a) => deviationRequired(a.progress) && !!entries.get(a.id)?.deviation.trim(),
          ).length,
          highRisks: row.content.risks.filter((k) => isHighRisk(k.likelihood, k.consequence))
            .length,
          budget: record.posts.map((p) => {
            const forecast = budget.get(`${p.chapter}:${p.post}`)?.forecast ?? null;
            return {
              chapter: p.chapter,
              post: p.post,
              postName: p.postName,
              appropriation: p.appropriation,
              forecast,
              deviation: budgetDeviation(p.appropriation, forecast),
            };
          }),
        },
      };
    }),
  };
}
