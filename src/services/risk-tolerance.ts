/**
 * The risk tolerance the ministry agrees with an agency for a year (the highest acceptable
 * likelihood × consequence after measures): read by reports, the ministry's views and the
 * governance meeting's agenda (src/domain/report.ts `aboveTolerance` judges a risk against it).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { riskTolerances } from '../db/schema';

/** The tolerance agreed for the agency-year, or null when none is. */
export async function riskToleranceOf(
  db: Db,
  agencyId: string,
  year: number,
): Promise<number | null> {
  const [row] = await db
    .select({ score: riskTolerances.score })
    .from(riskTolerances)
    .where(and(eq(riskTolerances.agencyId, agencyId), eq(riskTolerances.year, year)));
  return row?.score ?? null;
}

/** The tolerances agreed for a year, per agency (agencies without one are absent). */
export async function riskTolerancesOf(
  db: Db,
  agencyIds: readonly string[],
  year: number,
): Promise<Map<string, number>> {
  if (agencyIds.length === 0) return new Map();
  const rows = await db
    .select({ agencyId: riskTolerances.agencyId, score: riskTolerances.score })
    .from(riskTolerances)
    .where(and(inArray(riskTolerances.agencyId, [...agencyIds]), eq(riskTolerances.year, year)));
  return new Map(rows.map((r) => [r.agencyId, r.score]));
}
