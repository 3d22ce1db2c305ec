import type { AssignmentBucket, HomeAssignment, HomeSummary } from '../../contract/home';
import { isOverdue } from '../../domain/lifecycle';
import { can, type Actor } from '../../domain/policy';
import type { HomeBucket, HomeData } from '../../services/home';

type Row = HomeBucket['rows'][number];

/** An assignment on a list of the start page: what it is, where it stands, who has it. */
function presentHomeAssignment(actor: Actor, row: Row, today: string): HomeAssignment {
  const a = row.assignment;
  // Who in the agency has the work, and why it is at risk, are the work dialogue's.
  const dialogue = can(actor, 'assignments.comments.read', {
    ...row.document,
    ownerDepartment: a.ownerDepartment,
    ownerUserId: a.ownerUserId,
    changesAnother: a.clarifiedAssignmentId !== null,
  });
  return {
    id: a.id,
    registerId: a.registerId,
    title: a.title,
    status: a.status,
    overdue: isOverdue(a.status, row.nextDeadline, today),
    nextDeadline: row.nextDeadline,
    progress: a.progress,
    progressReason: dialogue ? a.progressReason : null,
    agency: row.document.agencyName,
    agencyId: a.agencyId,
    ownerDepartment: a.ownerDepartment,
    ownerPerson:
      dialogue && a.ownerUserId && typeof row.ownerName === 'string'
        ? { id: a.ownerUserId, name: row.ownerName }
        : null,
  };
}

export function presentHome(actor: Actor, data: HomeData): HomeSummary {
  const bucket = (b: HomeBucket | null): AssignmentBucket | null =>
    b === null
      ? null
      : {
          items: b.rows.map((r) => presentHomeAssignment(actor, r, data.today)),
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
