/**
 * Governance meetings (etatsstyringsmøter, issue 15): a meeting between the ministry and one
 * agency, made from the calendar's meeting items or planned by the ministry. Until it is held
 * its agenda is derived from the record (assignments at risk or off track, risks above the
 * tolerance agreed, posts whose forecast differs from the appropriation, late reports) beside
 * the ministry's own points; when held, the agenda is kept as it stood, and the minutes and
 * decisions follow. A decision can become an assignment of the next supplement being written.
 */
import { z } from 'zod';
import { AgendaItemKind, MeetingErrorCode, MeetingStatus, Progress, ReportSource } from './enums';
import { NextCursor, cursorFits, pageParams } from './pagination';

const Text = (max: number) => z.string().trim().max(max);
/** One line (an assignment's title and deadline in a letter are one line). */
const Line = (max: number) => Text(max).refine((s) => !/[\r\n]/.test(s), 'one line');

/** A point the ministry puts on the agenda itself. */
export const MinistryPoint = z.object({ text: Text(2000).min(1) });
export type MinistryPoint = z.infer<typeof MinistryPoint>;

/** One point of the agenda, with what it comes from. */
export const AgendaItem = z.object({
  kind: AgendaItemKind,
  /** What the point is about, in words from the record (an assignment's ID and title, …). */
  text: z.string(),
  /** More from the record: the deviation the latest report gives, a forecast's explanation. */
  detail: z.string().nullable().default(null),
  /** An assignment's progress (at risk or off track), for a deviation. */
  progress: Progress.nullable().default(null),
  /** A date the point is about: a late report's due date. */
  date: z.iso.date().nullable().default(null),
  /** The figure behind it, where there is one: a risk's score, a post's deviation (thousands). */
  figure: z.int().nullable(),
  /** Where it is in Tildel (`/oppdrag/…`, `/rapporter/…`), or null. */
  href: z.string().nullable(),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

/** Who follows a decision up. */
export const DecisionResponsible = z.enum(['ministry', 'agency']);
export type DecisionResponsible = z.infer<typeof DecisionResponsible>;

/** The meeting's version the caller saw: a change based on another is stale (409). */
const ExpectedVersion = z.int().min(1);

/**
 * What a decision says, as the ministry writes it in the minutes, based on the meeting's
 * version seen (every change of its decisions counts as a change of the meeting).
 */
export const DecisionBody = z.object({
  expectedVersion: ExpectedVersion,
  text: Text(4000).min(1),
  responsible: DecisionResponsible,
  /** The deadline as written (`1. mars`, `medio mai 2027`), or empty. */
  deadline: Line(200).default(''),
});
export type DecisionBody = z.infer<typeof DecisionBody>;

/** A decision of a held meeting. */
export const MeetingDecision = z.object({
  id: z.uuid(),
  ord: z.int(),
  text: z.string(),
  responsible: DecisionResponsible,
  deadline: z.string(),
  /** The date the deadline means (read by the deadline parser), null when it names none. */
  deadlineDate: z.iso.date().nullable(),
  /** The assignment of a supplement being written it became, or null. */
  draft: z
    .object({
      draftId: z.uuid(),
      assignmentKey: z.uuid(),
      /** Whether the caller may open the draft (the agency reads it once shared). */
      readable: z.boolean(),
    })
    .nullable(),
});
export type MeetingDecision = z.infer<typeof MeetingDecision>;

/** What the caller may do with a meeting, sent with it. */
export const MeetingAbilities = z.object({
  /** Change the title, date, the ministry's points (while planned) and the minutes (once held). */
  update: z.boolean(),
  hold: z.boolean(),
  /** Write decisions and make them draft assignments (once held). */
  decide: z.boolean(),
});
export type MeetingAbilities = z.infer<typeof MeetingAbilities>;

export const MeetingSummary = z.object({
  id: z.uuid(),
  agencyId: z.uuid(),
  agencyName: z.string(),
  ministryId: z.uuid(),
  year: z.int(),
  title: z.string(),
  source: ReportSource,
  calendarItemId: z.uuid().nullable(),
  date: z.iso.date().nullable(),
  status: MeetingStatus,
  /** Counts every change; a change names the version it saw. */
  version: z.int(),
  heldAt: z.string().nullable(),
  abilities: MeetingAbilities,
});
export type MeetingSummary = z.infer<typeof MeetingSummary>;

export const Meeting = MeetingSummary.extend({
  ministryPoints: z.array(MinistryPoint),
  /** Derived from the record while planned (as of today); as it stood when held. */
  agenda: z.array(AgendaItem),
  minutes: z.string(),
  decisions: z.array(MeetingDecision),
});
export type Meeting = z.infer<typeof Meeting>;

export const MeetingList = z.object({
  meetings: z.array(MeetingSummary),
  nextCursor: NextCursor,
  /** Whether the caller may plan a meeting with the agency-year asked about. */
  canCreate: z.boolean(),
});
export type MeetingList = z.infer<typeof MeetingList>;

/** The keys a cursor of the meeting list carries: date (none last), id (never the title). */
export const MEETING_CURSOR = {
  date: z.tuple([z.iso.date().nullable(), z.uuid()]),
};

export const MeetingQuery = z
  .object({
    agency: z.uuid().optional(),
    year: z.coerce.number().int().min(1900).max(2200).optional(),
    /** The meeting a decision was taken at (a draft assignment links back this way). */
    decision: z.uuid().optional(),
    ...pageParams(200, 100),
  })
  .superRefine(cursorFits(MEETING_CURSOR, () => 'date'));
export type MeetingQuery = z.infer<typeof MeetingQuery>;

/** The ministry plans a meeting the calendar does not have. */
export const MeetingCreateBody = z.object({
  agencyId: z.uuid(),
  year: z.int().min(1900).max(2200),
  title: Line(500).min(1),
  date: z.iso.date(),
});
export type MeetingCreateBody = z.infer<typeof MeetingCreateBody>;

/** A change to a meeting, based on the version seen; fields left out stay as they are. */
export const MeetingUpdateBody = z.object({
  expectedVersion: z.int().min(1),
  title: Line(500).min(1).optional(),
  date: z.iso.date().nullable().optional(),
  /** The ministry's own points (while the meeting is planned). */
  ministryPoints: z.array(MinistryPoint).max(50).optional(),
  /** The minutes (once the meeting is held). */
  minutes: Text(50_000).optional(),
});
export type MeetingUpdateBody = z.infer<typeof MeetingUpdateBody>;

export const MeetingHoldBody = z.object({ expectedVersion: z.int().min(1) });
export type MeetingHoldBody = z.infer<typeof MeetingHoldBody>;

export const DecisionParams = z.object({ id: z.uuid(), decisionId: z.uuid() });

/** Making a decision an assignment of the supplement being written, at the version seen. */
export const DecisionDraftBody = z.object({ expectedVersion: ExpectedVersion });
export type DecisionDraftBody = z.infer<typeof DecisionDraftBody>;

/** Removing a decision, at the version seen (a query parameter: a DELETE has no body). */
export const DecisionRemoveQuery = z.object({
  expectedVersion: z.coerce.number().int().min(1),
});
export type DecisionRemoveQuery = z.infer<typeof DecisionRemoveQuery>;

/** The meeting's state as a refusal names it. */
export const MeetingState = z.object({
  id: z.uuid(),
  status: MeetingStatus,
  version: z.int(),
});
export type MeetingState = z.infer<typeof MeetingState>;

/** 409: someone changed the meeting since; nothing was saved. */
export const MeetingStaleBody = z.object({
  error: z.literal('stale-version'),
  message: z.string(),
  current: MeetingState,
});

/** 422 for a meeting's own reasons (src/contract/enums.ts MEETING_ERRORS). */
export const MeetingRefusedBody = z.object({
  error: MeetingErrorCode,
  message: z.string(),
  current: MeetingState,
});

/** A decision made an assignment of a supplement being written: the meeting and where it went. */
export const DecisionDraftResult = z.object({
  meeting: Meeting,
  draftId: z.uuid(),
  assignmentKey: z.uuid(),
  /** Whether the supplement was started for it (none was being written). */
  startedDraft: z.boolean(),
});
export type DecisionDraftResult = z.infer<typeof DecisionDraftResult>;
