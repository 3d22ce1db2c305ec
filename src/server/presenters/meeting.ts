/**
 * The one way a governance meeting leaves the server: its facts, the agenda (derived live while
 * planned, kept as it stood once held), the minutes, the decisions with the date each deadline
 * means and the draft assignment one became, and what the caller may do.
 */
import type { Meeting, MeetingDecision, MeetingSummary } from '../../contract/meeting';
import { decisionDeadline } from '../../domain/meeting';
import { meetingAbilities, type Actor } from '../../domain/policy';
import {
  meetingLike,
  type DecisionView,
  type MeetingDetail,
  type MeetingRow,
  type MeetingSummaryView,
} from '../../services/meetings';

export function presentMeetingSummary(actor: Actor, v: MeetingSummaryView): MeetingSummary {
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
    date: r.date,
    status: r.status,
    version: r.version,
    heldAt: r.heldAt?.toISOString() ?? null,
    abilities: meetingAbilities(actor, meetingLike(r)),
  };
}

function presentDecision(meeting: MeetingRow, d: DecisionView): MeetingDecision {
  const r = d.row;
  return {
    id: r.id,
    ord: r.ord,
    text: r.text,
    responsible: r.responsible,
    deadline: r.deadline,
    deadlineDate: decisionDeadline(r.deadline, meeting.year, meeting.date).date,
    draft:
      r.draftId && r.draftAssignmentKey
        ? { draftId: r.draftId, assignmentKey: r.draftAssignmentKey, readable: d.draftReadable }
        : null,
  };
}

export function presentMeeting(actor: Actor, v: MeetingDetail): Meeting {
  return {
    ...presentMeetingSummary(actor, v),
    ministryPoints: v.row.ministryPoints,
    agenda: v.agenda,
    minutes: v.row.minutes,
    decisions: v.decisions.map((d) => presentDecision(v.row, d)),
  };
}
