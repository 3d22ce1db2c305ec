import type { AssignmentBucket, HomeSummary } from '../../contract/home';
import type { Actor } from '../../domain/policy';
import type { HomeBucket, HomeData } from '../../services/home';
import { presentAssignmentSummary } from './assignment';

export function presentHome(actor: Actor, data: HomeData): HomeSummary {
  const bucket = (b: HomeBucket | null): AssignmentBucket | null =>
    b === null
      ? null
      : {
          items: b.rows.map((r) => presentAssignmentSummary(actor, r, data.today)),
          total: b.total,
        };
  return {
    ...data,
    mine: bucket(data.mine),
    overdue: bucket(data.overdue),
    dueSoon: bucket(data.dueSoon),
    atRisk: bucket(data.atRisk),
    awaitingAcceptance: bucket(data.awaitingAcceptance),
    unassigned: bucket(data.unassigned),
    withoutDepartment: bucket(data.withoutDepartment),
  };
}
