/**
 * The one way the ministry's views leave the server: from what src/services/report-views.ts
 * reads, per agency the heat map and the risks judged against the tolerance (agreed, or the
 * default), the forecast beside the ledger's appropriation per post, the steering parameters
 * matched across reports and years with their targets read from the letters' text and whether
 * each value meets it, the late reports with how late, and what the caller may do.
 */
import type { ReportContent } from '../../contract/report';
import type {
  ReportViews,
  ReportViewsAgency,
  RiskTolerance,
  SteeringPoint,
  SteeringTrend,
  ViewRisk,
} from '../../contract/report-views';
import { daysBetween } from '../../domain/calendar';
import { heatMap, risksAboveTolerance } from '../../domain/heat-map';
import { can, type Actor } from '../../domain/policy';
import {
  DEFAULT_RISK_TOLERANCE,
  aboveTolerance,
  budgetDeviation,
  riskScore,
} from '../../domain/report';
import {
  chartValue,
  readReportedValue,
  readSteeringTarget,
  steeringParameterKey,
  targetOutcome,
} from '../../domain/steering-target';
import {
  VIEW_LIMITS,
  type ReportViewsData,
  type TrendParameterRow,
  type ViewAgencyRow,
  type ViewToleranceRow,
} from '../../services/report-views';

export function presentTolerance(
  agencyId: string,
  year: number,
  row: ViewToleranceRow | undefined,
): RiskTolerance {
  return {
    agencyId,
    year,
    score: row?.score ?? DEFAULT_RISK_TOLERANCE,
    agreed: !!row,
    comment: row?.comment ?? '',
    setAt: row?.updatedAt.toISOString() ?? null,
  };
}

function risksOf(content: ReportContent | undefined, tolerance: number): ViewRisk[] {
  const risks = (content?.risks ?? []).map((r) => {
    const residualScore = riskScore(r.residualLikelihood, r.residualConsequence);
    return {
      goal: r.goal,
      description: r.description,
      likelihood: r.likelihood,
      consequence: r.consequence,
      residualLikelihood: r.residualLikelihood,
      residualConsequence: r.residualConsequence,
      score: riskScore(r.likelihood, r.consequence),
      residualScore,
      aboveTolerance: aboveTolerance(residualScore, tolerance),
    };
  });
  // Above the tolerance first (highest first), then the rest by residual score.
  const above = risksAboveTolerance(risks, tolerance);
  const rest = risks
    .filter((r) => !r.aboveTolerance)
    .sort((a, b) => b.residualScore - a.residualScore);
  return [...above, ...rest];
}

/**
 * The steering parameters of one agency as trends: every value of the trend reports matched to
 * its parameter by `steeringParameterKey`, in year and due-date order, each judged against the
 * target of the letter it was written against; the parameters of the year's current letters
 * without values too. The trend's own wording and target are the latest letter's.
 */
function trendsOf(
  agencyId: string,
  data: ReportViewsData,
  params: ReadonlyMap<string, TrendParameterRow>,
): SteeringTrend[] {
  const trends = new Map<string, { about: TrendParameterRow; points: SteeringPoint[] }>();
  const about = (p: TrendParameterRow) => {
    const key = steeringParameterKey(p.text);
    const seen = trends.get(key);
    // The wording of the latest year (the current letter's when it has the parameter).
    if (!seen) trends.set(key, { about: p, points: [] });
    else if (
      (p.current && !seen.about.current) ||
      (p.current === seen.about.current && p.year > seen.about.year)
    ) {
      seen.about = p;
    }
    return trends.get(key)!;
  };
  for (const p of params.values()) if (p.agencyId === agencyId && p.current) about(p);
  for (const r of data.trendReports) {
    if (r.agencyId !== agencyId) continue;
    for (const v of r.values) {
      const p = params.get(v.steeringParameterId);
      if (!p) continue;
      const target = readSteeringTarget(p.text);
      const reported = readReportedValue(v.value, v.unit);
      about(p).points.push({
        reportId: r.reportId,
        reportTitle: r.title,
        year: r.periodYear,
        dueDate: r.dueDate,
        value: v.value,
        numeric: target ? chartValue(target, reported) : (reported?.value ?? null),
        unit: v.unit,
        comment: v.comment,
        target,
        outcome: targetOutcome(target, reported, r.periodYear),
      });
    }
  }
  const order = (a: SteeringPoint, b: SteeringPoint) =>
    a.year - b.year ||
    (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') ||
    a.reportId.localeCompare(b.reportId);
  return [...trends.entries()]
    .map(([key, t]) => {
      const points = t.points.sort(order);
      const target =
        readSteeringTarget(t.about.text) ?? points.findLast((p) => p.target)?.target ?? null;
      return {
        key,
        kind: t.about.kind,
        goal: t.about.goal,
        text: t.about.text,
        target,
        points,
      };
    })
    .sort((a, b) => (a.goal ?? '').localeCompare(b.goal ?? '', 'nb') || a.key.localeCompare(b.key));
}

function presentAgency(
  actor: Actor,
  a: ViewAgencyRow,
  data: ReportViewsData,
  params: ReadonlyMap<string, TrendParameterRow>,
): ReportViewsAgency {
  const tolerance = presentTolerance(a.agencyId, data.year, data.tolerances.get(a.agencyId));
  const latest = data.latest.get(a.agencyId);
  const budget = new Map(latest?.content.budget.map((b) => [`${b.chapter}:${b.post}`, b]) ?? []);
  return {
    agencyId: a.agencyId,
    agencyName: a.agencyName,
    ministryId: a.ministryId,
    tolerance,
    abilities: {
      setTolerance: can(actor, 'reports.tolerance', {
        kind: 'report',
        agencyId: a.agencyId,
        ministryId: a.ministryId,
        status: 'draft',
      }),
    },
    latest: latest
      ? {
          reportId: latest.reportId,
          title: latest.title,
          dueDate: latest.dueDate,
          status: latest.status,
          revision: latest.revision,
        }
      : null,
    counts: {
      offTrack: data.assignmentCounts.get(a.agencyId)?.offTrack ?? 0,
      atRisk: data.assignmentCounts.get(a.agencyId)?.atRisk ?? 0,
      lateReports: data.lateCounts.get(a.agencyId) ?? 0,
    },
    assignments: (data.assignments.get(a.agencyId) ?? []).map(({ agencyId: _a, ...row }) => row),
    heatMap: heatMap(latest?.content.risks ?? [], tolerance.score),
    risks: risksOf(latest?.content, tolerance.score),
    budget: latest
      ? a.posts.map((p) => {
          const forecast = budget.get(`${p.chapter}:${p.post}`)?.forecast ?? null;
          return { ...p, forecast, deviation: budgetDeviation(p.appropriation, forecast) };
        })
      : [],
    steering: trendsOf(a.agencyId, data, params),
    lateReports: (data.late.get(a.agencyId) ?? []).map((r) => ({
      ...r,
      daysLate: daysBetween(r.dueDate, data.today),
    })),
  };
}

export function presentReportViews(actor: Actor, data: ReportViewsData): ReportViews {
  const params = new Map(data.parameters.map((p) => [p.id, p]));
  const agencies = data.agencies.map((a) => presentAgency(actor, a, data, params));
  const sum = (f: (a: ReportViewsAgency) => number) => agencies.reduce((n, a) => n + f(a), 0);
  return {
    year: data.year,
    today: data.today,
    agencyId: data.agencyId,
    agencies,
    heatMap: heatMap([...data.latest.values()].flatMap((l) => l.content.risks)),
    totals: {
      offTrack: sum((a) => a.counts.offTrack),
      atRisk: sum((a) => a.counts.atRisk),
      lateReports: sum((a) => a.counts.lateReports),
      risksAboveTolerance: sum((a) => a.risks.filter((r) => r.aboveTolerance).length),
    },
    limits: { ...VIEW_LIMITS },
    truncated: {
      agencies: data.truncated.agencies,
      assignments: agencies.some(
        (a) => a.counts.offTrack + a.counts.atRisk > VIEW_LIMITS.assignments,
      ),
      lateReports: agencies.some((a) => a.counts.lateReports > VIEW_LIMITS.lateReports),
      trendReports: data.truncated.trendReports,
    },
  };
}
