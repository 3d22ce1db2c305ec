/**
 * The risk heat map of the ministry's views (issue 15), pure: risks counted per cell of the 5×5
 * matrix of likelihood × consequence, after measures (residual) and before (inherent), each
 * cell judged against the tolerance agreed with the ministry (src/domain/report.ts
 * `aboveTolerance`), and the risks above it.
 */
import type { HeatMap, HeatMapCell } from '../contract/report-views';
import { aboveTolerance, riskScore } from './report';

export interface HeatRisk {
  likelihood: number;
  consequence: number;
  residualLikelihood: number;
  residualConsequence: number;
}

const SCALE = [1, 2, 3, 4, 5] as const;

/**
 * The matrix with the risks counted: rows from likelihood 5 down to 1 (as it is drawn), cells
 * from consequence 1 to 5. With a tolerance (the effective one: agreed, or the default) each
 * cell says whether its score is above it; without one (across agencies) it says null.
 * Throws a RangeError for a value off the 1–5 scale.
 */
export function heatMap(risks: readonly HeatRisk[], tolerance?: number): HeatMap {
  const residual = new Map<number, number>();
  const inherent = new Map<number, number>();
  const bump = (m: Map<number, number>, l: number, c: number) => {
    riskScore(l, c);
    m.set(l * 10 + c, (m.get(l * 10 + c) ?? 0) + 1);
  };
  for (const r of risks) {
    bump(residual, r.residualLikelihood, r.residualConsequence);
    bump(inherent, r.likelihood, r.consequence);
  }
  return [...SCALE].reverse().map((likelihood) =>
    SCALE.map((consequence): HeatMapCell => ({
      likelihood,
      consequence,
      score: likelihood * consequence,
      residual: residual.get(likelihood * 10 + consequence) ?? 0,
      inherent: inherent.get(likelihood * 10 + consequence) ?? 0,
      aboveTolerance:
        tolerance === undefined ? null : aboveTolerance(likelihood * consequence, tolerance),
    })),
  );
}

/** The risks whose residual score is above the tolerance, highest first (stable otherwise). */
export function risksAboveTolerance<R extends HeatRisk>(
  risks: readonly R[],
  tolerance: number,
): R[] {
  return risks
    .map((r, i) => ({ r, i, score: riskScore(r.residualLikelihood, r.residualConsequence) }))
    .filter((x) => aboveTolerance(x.score, tolerance))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((x) => x.r);
}
