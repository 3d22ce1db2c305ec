/**
 * Governance meetings (etatsstyringsmøter, issue 15): list (made from the calendar for the
 * agency-year asked about), plan, read (the agenda derived live while planned), change, hold
 * (the agenda is kept), the decisions of a held meeting, and a decision made an assignment of
 * the supplement being written.
 */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, IdParam } from '../../contract/api';
import {
  DecisionBody,
  DecisionDraftBody,
  DecisionDraftResult,
  DecisionParams,
  DecisionRemoveQuery,
  Meeting,
  MeetingCreateBody,
  MeetingHoldBody,
  MeetingList,
  MeetingQuery,
  MeetingRefusedBody,
  MeetingStaleBody,
  MeetingUpdateBody,
} from '../../contract/meeting';
import type { Actor } from '../../domain/policy';
import { osloToday } from '../../services/calendar';
import {
  addDecision,
  createMeeting,
  decisionToDraft,
  getMeeting,
  holdMeeting,
  listMeetings,
  removeDecision,
  updateDecision,
  updateMeeting,
  type DecisionDraftOutcome,
  type MeetingOutcome,
} from '../../services/meetings';
import { presentMeeting, presentMeetingSummary } from '../presenters/meeting';
import { sendError } from '../reply';

const errors = {
  400: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: MeetingStaleBody,
  422: z.union([MeetingRefusedBody, ErrorBody]),
};

/** The outcomes a meeting's change may have besides its success, as HTTP. */
function refusal(
  reply: FastifyReply,
  out:
    Exclude<MeetingOutcome, { kind: 'saved' }> | Exclude<DecisionDraftOutcome, { kind: 'linked' }>,
) {
  switch (out.kind) {
    case 'not-found':
      return sendError(reply, 404, 'not-found', 'No such meeting or decision');
    case 'forbidden':
      return sendError(reply, 403, 'forbidden', 'Not allowed');
    case 'stale':
      return sendError(
        reply,
        409,
        'stale-version',
        `The meeting has changed (now version ${out.current.version}, ${out.current.status}); nothing was saved`,
        { current: out.current },
      );
    case 'refused':
      return sendError(reply, 422, out.error, out.message, { current: out.current });
  }
}

function answer(actor: Actor, reply: FastifyReply, out: MeetingOutcome, status = 200) {
  if (out.kind !== 'saved') return refusal(reply, out);
  return reply.code(status).send(presentMeeting(actor, out.meeting));
}

export const meetingRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;

  app.get(
    '/api/meetings',
    {
      config: { action: 'meetings.list' },
      schema: {
        summary: 'Governance meetings the caller may read, a page at a time',
        description:
          'For an agency and year asked about, `canCreate` says whether the caller may plan a meeting there; when the caller may read the agency-year’s meetings (its ministry’s and the agency’s users, auditors, administrators), the meeting items of its letters’ calendar are made meetings first (and the calendar’s reports made, as listing its reports does). `decision`: the meeting a decision was taken at.',
        querystring: MeetingQuery,
        response: { 200: MeetingList, 403: ErrorBody },
      },
    },
    async (request) => {
      const { rows, canCreate, nextCursor } = await listMeetings(
        db(),
        request.actor,
        request.query,
      );
      return {
        meetings: rows.map((r) => presentMeetingSummary(request.actor, r)),
        canCreate,
        nextCursor,
      };
    },
  );

  app.post(
    '/api/meetings',
    {
      config: { action: 'meetings.create' },
      schema: {
        summary: 'Plan a governance meeting the calendar does not have (the ministry)',
        body: MeetingCreateBody,
        response: { 201: Meeting, ...errors },
      },
    },
    async (request, reply) =>
      answer(
        request.actor,
        reply,
        await createMeeting(db(), request.actor, request.body, osloToday()),
        201,
      ),
  );

  app.get(
    '/api/meetings/:id',
    {
      config: { action: 'meetings.read' },
      schema: {
        summary: 'One meeting with its agenda, minutes and decisions',
        description:
          'Reading changes nothing. While the meeting is planned, the agenda is derived from the record as of today (Europe/Oslo): assignments at risk or off track (live progress, with the deviation the latest submitted or accepted report gives), that report’s risks whose score after measures is above the tolerance agreed, the posts whose forecast in it differs from the appropriation (deviation in thousands of NOK), reports not submitted by their date, then the ministry’s points. Once held, the agenda as it stood.',
        params: IdParam,
        response: { 200: Meeting, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const found = await getMeeting(db(), request.actor, request.params.id, osloToday());
      if (!found) return sendError(reply, 404, 'not-found', 'No such meeting');
      return presentMeeting(request.actor, found);
    },
  );

  app.put(
    '/api/meetings/:id',
    {
      config: { action: 'meetings.update' },
      schema: {
        summary: 'Change a meeting’s title, date, the ministry’s points or the minutes',
        description:
          'Based on the version seen (409 when someone saved since). The ministry’s points change while the meeting is planned (422 `meeting-held` after), the minutes once it is held (422 `meeting-not-held` before).',
        params: IdParam,
        body: MeetingUpdateBody,
        response: { 200: Meeting, ...errors },
      },
    },
    async (request, reply) =>
      answer(
        request.actor,
        reply,
        await updateMeeting(db(), request.actor, request.params.id, request.body, osloToday()),
      ),
  );

  app.post(
    '/api/meetings/:id/hold',
    {
      config: { action: 'meetings.update' },
      schema: {
        summary: 'Hold the meeting: the agenda is kept as it stands today',
        description:
          'The calendar’s reports of the agency-year are made first, so the agenda kept counts every late one. The agency’s coordinators are not told by this step. 422 `meeting-held` when it already is.',
        params: IdParam,
        body: MeetingHoldBody,
        response: { 200: Meeting, ...errors },
      },
    },
    async (request, reply) =>
      answer(
        request.actor,
        reply,
        await holdMeeting(
          db(),
          request.actor,
          request.params.id,
          request.body.expectedVersion,
          osloToday(),
        ),
      ),
  );

  app.post(
    '/api/meetings/:id/decisions',
    {
      config: { action: 'meetings.decide' },
      schema: {
        summary: 'Add a decision to the minutes of a held meeting',
        description:
          'Based on the meeting’s version seen (409 when someone changed the meeting or its decisions since); the meeting’s version counts the change. 422 `meeting-not-held` before the meeting is held.',
        params: IdParam,
        body: DecisionBody,
        response: { 201: Meeting, ...errors },
      },
    },
    async (request, reply) =>
      answer(
        request.actor,
        reply,
        await addDecision(db(), request.actor, request.params.id, request.body, osloToday()),
        201,
      ),
  );

  app.put(
    '/api/meetings/:id/decisions/:decisionId',
    {
      config: { action: 'meetings.decide' },
      schema: {
        summary: 'Change a decision: its text, who follows it up, its deadline',
        description:
          'Based on the meeting’s version seen (409 when someone changed the meeting or its decisions since); the meeting’s version counts the change.',
        params: DecisionParams,
        body: DecisionBody,
        response: { 200: Meeting, ...errors },
      },
    },
    async (request, reply) =>
      answer(
        request.actor,
        reply,
        await updateDecision(
          db(),
          request.actor,
          request.params.id,
          request.params.decisionId,
          request.body,
          osloToday(),
        ),
      ),
  );

  app.delete(
    '/api/meetings/:id/decisions/:decisionId',
    {
      config: { action: 'meetings.decide' },
      schema: {
        summary: 'Remove a decision',
        description:
          'Based on the meeting’s version seen (`expectedVersion`; 409 when someone changed the meeting or its decisions since); the meeting’s version counts the change. 422 `decision-linked` when it is an assignment of a draft letter; a link whose assignment has been removed from the draft is cleared (audited) and the decision removed.',
        params: DecisionParams,
        querystring: DecisionRemoveQuery,
        response: { 200: Meeting, ...errors },
      },
    },
    async (request, reply) =>
      answer(
        request.actor,
        reply,
        await removeDecision(
          db(),
          request.actor,
          request.params.id,
          request.params.decisionId,
          request.query,
          osloToday(),
        ),
      ),
  );

  app.post(
    '/api/meetings/:id/decisions/:decisionId/draft-assignment',
    {
      config: { action: 'meetings.decide' },
      schema: {
        summary: 'Make a decision an assignment of the supplement being written',
        description:
          'Appends an assignment (its title and text from the decision, the deadline as written, no owner department yet, `decisionId` set) to the newest supplement the ministry is writing for the meeting’s agency-year (status editing), or to one started empty when there is none; the decision records the draft and the assignment’s key. Based on the meeting’s version seen (409 when someone changed the meeting or its decisions since); the meeting’s version counts the change. 422 `decision-linked` when the decision already is one (a link whose assignment has been removed from the draft is cleared, audited, and the decision made one again); 422 `meeting-no-draft` when no supplement could take it, and then nothing is kept (not a supplement started for it either).',
        params: DecisionParams,
        body: DecisionDraftBody,
        response: { 200: DecisionDraftResult, ...errors },
      },
    },
    async (request, reply) => {
      const out = await decisionToDraft(
        db(),
        request.actor,
        request.params.id,
        request.params.decisionId,
        request.body,
        osloToday(),
      );
      if (out.kind !== 'linked') return refusal(reply, out);
      return {
        meeting: presentMeeting(request.actor, out.meeting),
        draftId: out.draftId,
        assignmentKey: out.assignmentKey,
        startedDraft: out.startedDraft,
      };
    },
  );
};
