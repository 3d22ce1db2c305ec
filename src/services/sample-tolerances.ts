/**
 * The sample's risk tolerance: the budget officer of the sample ministry agrees a tolerance of 6
 * with the sample agency for 2026, so the risk of its accepted report (2 × 4 = 8 after
 * measures) shows above it in the ministry's views. Set through `setRiskTolerance`, as the
 * sample user, so it is audited like any other.
 */
import type { Db } from '../db/client';
import { findOrganisation } from './organisations';
import { setRiskTolerance } from './report-views';
import { actorFromUser, findLocalUser, SAMPLE_AGENCY } from './users';

export const SAMPLE_TOLERANCE = {
  agency: SAMPLE_AGENCY,
  year: 2026,
  score: 6,
  setBy: 'budsjett',
  comment:
    'Avtalt i etatsstyringsmøtet i februar: risikoer over 6 etter tiltak tas opp med departementet.',
} as const;

/**
 * Sets the sample agency's tolerance for 2026; needs the sample letters and users (call after
 * loadSampleReports). Returns whether it set one (not when the sample agency or user is absent).
 */
export async function loadSampleTolerances(db: Db): Promise<boolean> {
  const agency = await findOrganisation(db, 'agency', SAMPLE_TOLERANCE.agency);
  const user = await findLocalUser(db, SAMPLE_TOLERANCE.setBy);
  if (!agency.id || !user) return false;
  const out = await setRiskTolerance(db, actorFromUser(user), {
    agencyId: agency.id,
    year: SAMPLE_TOLERANCE.year,
    score: SAMPLE_TOLERANCE.score,
    comment: SAMPLE_TOLERANCE.comment,
    // Loaded once, into a database without one.
    expectedUpdatedAt: null,
  });
  if (out.kind !== 'saved') throw new Error(`The sample tolerance was not set: ${out.kind}`);
  return true;
}
