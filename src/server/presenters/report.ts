/**
 * The one way a report leaves the server: what the agency wrote, beside what comes from the
 * record (assignment status and progress, the ledger's appropriations and the deviations from
 * them, risk scores), what it lacks before submitting, the late flag and what the caller may do.
 */
import type {
  Report,
  ReportContent,
  ReportOverview,
  ReportSummary,
  ReportVersionList,
} from '../../contract/report';
import { reportAbilities, type Actor } from '../../domain/policy';
import {
  budgetDeviation,
  deviationRequired,
  isHighRisk,
  isReportLate,
  reportProblems,
  riskScore,
} from '../../domain/report';
import {
  allowedReportTransitions,
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
  return {
    id: r.id,
    agencyId: r.agencyId,
    agencyName: v.agencyName,
    ministryId: r.ministryId,
    year: r.year,
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
    reviewComment: r.reviewComment,
    allowedTransitions: allowedReportTransitions(actor, r),
    abilities: reportAbilities(actor, reportLike(r)),
  };
}

function derive(content: ReportContent, record: ReportDetail['record']): Report['derived'] {
  const entries = new Map(content.assignments.map((e) => [e.assignmentId, e]));
  const budget = new Map(content.budget.map((b) => [`${b.chapter}:${b.post}`, b]));
  const values = new Map(content.steeringParameters.map((s) => [s.steeringParameterId, s]));
  return {
    assignments: record.assignments.map((a) => ({
      assignmentId: a.id,
      registerId: a.registerId,
      title: a.title,
      status: a.status,
      progress: a.progress,
      progressReason: a.progressReason,
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
    risks: content.risks.map((r) => ({
      ...r,
      score: riskScore(r.likelihood, r.consequence),
      residualScore: riskScore(r.residualLikelihood, r.residualConsequence),
    })),
    steeringParameters: record.steeringParameters.map((p) => {
      const v = values.get(p.id);
      return {
        steeringParameterId: p.id,
        kind: p.kind,
        goal: p.goal,
        text: p.text,
        value: v?.value ?? null,
        unit: v?.unit ?? '',
        comment: v?.comment ?? '',
      };
    }),
    problems: reportProblems(content, record),
  };
}

export function presentReport(actor: Actor, v: ReportDetail, today: string): Report {
  return {
    ...presentReportSummary(actor, v, today),
    content: v.row.content,
    derived: derive(v.row.content, v.record),
  };
}

export function presentReportVersions(
  rows: NonNullable<Awaited<ReturnType<typeof reportVersionsOf>>>,
): ReportVersionList {
  return {
    versions: rows.map((r) => ({
      revision: r.revision,
      content: r.content,
      sha256: r.sha256,
      submittedAt: r.submittedAt.toISOString(),
      outcome: r.outcome,
      reviewComment: r.reviewComment,
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
