/**
 * A letter written in Tildel (an authored draft): what the ministry's officers edit, item by
 * item, until it is approved by a second officer and issued. Issuing writes the letter as a
 * Word file and stores what the importer reads back from that file, so an issued draft is a
 * document like any imported one (see src/services/drafts.ts). Amounts are whole thousands of
 * NOK, as the letters print them; every sum is derived and sent, never typed.
 */
import { z } from 'zod';
import {
  AssignmentChangeKind,
  DocumentKind,
  DRAFT_STATUSES,
  DraftProblem,
  LetterLanguage,
  SupplementLineKind,
} from './enums';
import { DeadlineValue } from './letter';
import { CursorTime, NextCursor, cursorFits, pageParams } from './pagination';
import { RichProse, richText, type RichDocInput } from './rich-text';

const line = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !/[\r\n]/.test(s), 'one line');
const prose = (max: number) => z.string().max(max);

export const DraftAppropriation = z.object({
  /**
   * Stable identity of the line inside the draft, so that two officers' saves merge by it
   * (src/domain/draft-merge.ts) even while the lines they add read alike. Optional, so drafts
   * saved before stay valid: a line without one is told by its chapter and post.
   */
  key: z.uuid().optional(),
  chapter: z.int().min(1).max(9999),
  chapterName: line(200),
  post: z.int().min(0).max(99),
  postName: line(200).min(1),
  /** Budget notes printed after the post's name: `kan overføres`, `kan nyttes under post 70`. */
  notes: z.array(line(200).min(1)).max(5),
  /** Thousands of NOK: the allocation in a letter, the change (negative: a cut) in a supplement. */
  amount: z.int().min(-100_000_000_000).max(100_000_000_000),
  /**
   * A supplement's line: what kind of change it is, printed in the line's note (the ledger reads
   * it per post); absent for none (a letter's line, or a line that takes the supplement's kind
   * from its subject). Optional, so drafts saved before stay valid.
   */
  kind: SupplementLineKind.optional(),
  /** A supplement's line: why (one line), printed in the line's note after its kind. */
  reason: line(300).optional(),
});
export type DraftAppropriation = z.infer<typeof DraftAppropriation>;

export const DraftSubAssignment = z.object({
  text: line(2000).min(1),
  /** The deadline as the officer writes it (`15. mars`, `medio mai 2027`), or empty. */
  deadline: line(200),
});

/** A sub-assignment's letter by its place (`a`, `b`, …), as the letter prints it. */
export const subLetter = (index: number) => String.fromCharCode(97 + index);
/** The key of a sub-assignment's deadline in a draft's derived `deadlines`: item key and letter. */
export const subKey = (key: string, index: number) => `${key}/${subLetter(index)}`;

/** A chapter and post that funds an assignment, as the import reads it (`kap. 740, post 21`). */
export const DraftFunding = z.object({
  chapter: z.int().min(1).max(9999),
  post: z.int().min(0).max(99).nullable(),
});
export type DraftFunding = z.infer<typeof DraftFunding>;

export const DraftAssignment = z.object({
  /** Stable identity of the item inside the draft (its ID is given at issue). */
  key: z.uuid(),
  /** Department code of the ministry that owns it (`HFA`). */
  ownerDepartment: z
    .string()
    .regex(/^[A-ZÆØÅ]{2,8}$/u, 'a department code in capitals')
    .nullable(),
  title: line(300).min(1),
  /** Rich prose (src/contract/rich-text.ts); a string of a draft saved before is read as one. */
  text: RichProse(20_000),
  deadline: line(200),
  subAssignments: z.array(DraftSubAssignment).max(26),
  /** Earlier assignments it builds on, by ID (`TB2026-02`), picked from the register. */
  references: z.array(z.string().regex(/^R?T{1,2}B\d{4}-\d{1,3}$/)).max(20),
  /**
   * The governance meeting's decision it was made from (src/services/meetings.ts); absent or
   * null for an assignment written in the draft (optional, so drafts saved before stay valid).
   */
  decisionId: z.uuid().nullable().optional(),
  /**
   * Organisations it is to be carried out with (`Helsedirektoratet`), one name a line, printed
   * after its text as the sentence the importer reads collaborators from. Empty for none
   * (the default, so drafts saved before stay valid).
   */
  collaborators: z.array(line(200).min(1)).max(20).default([]),
  /**
   * The chapters and posts that fund it (post null: the whole chapter), printed after its text
   * as the sentence the importer reads funding from. Empty for none (the default, as above).
   */
  funding: z.array(DraftFunding).max(10).default([]),
});
export type DraftAssignment = z.infer<typeof DraftAssignment>;

/** An assignment ID as a register holds it (`TB2026-02`, `TTB2026-14`, `RTB…`). */
const registerId = z.string().regex(/^R?T{1,2}B\d{4}-\d{1,3}$/);

/**
 * A supplement's change of an assignment given earlier (by a letter or supplement before it),
 * printed in its own section, naming that assignment's ID: a clarification, a new deadline,
 * or a cancellation. Stored, the register follows it (src/services/assignment-changes.ts).
 */
export const DraftAssignmentChange = z.object({
  /** Stable identity of the item inside the draft. */
  key: z.uuid(),
  /** The earlier assignment it changes, picked from the agency's register. */
  ref: registerId,
  kind: AssignmentChangeKind,
  /** What changes and why, as the letter prints it. */
  text: prose(5_000),
  /** For a new deadline: the phrase as the officer writes it (`1. desember`); else empty. */
  deadline: line(200),
});
export type DraftAssignmentChange = z.infer<typeof DraftAssignmentChange>;

export const DraftGoal = z.object({
  title: line(300).min(1),
  steeringParameters: z.array(line(300).min(1)).max(20),
  keyFigures: z.array(line(300).min(1)).max(20),
});
export type DraftGoal = z.infer<typeof DraftGoal>;

export const DraftCalendarItem = z.object({
  /** When, as the officer writes it (`1. mars`, `medio mai`). */
  when: line(100).min(1),
  text: line(500).min(1),
});
export type DraftCalendarItem = z.infer<typeof DraftCalendarItem>;

/** What an officer edits. Every list is in the order the letter prints it. */
export const DraftContent = z.object({
  /**
   * A supplement's subject, printed after its title (`… nr. 3 for 2026 – Revidert
   * nasjonalbudsjett`): it says what kind of change the supplement makes (the ledger reads the
   * kind from it). Empty for none; not used in an allocation letter.
   */
  subject: line(200).default(''),
  /** The opening paragraph after the title (the legal basis is cited there). */
  preamble: RichProse(5_000),
  appropriations: z.array(DraftAppropriation).max(300),
  goals: z.array(DraftGoal).max(50),
  assignments: z.array(DraftAssignment).max(300),
  /** Unfinished assignments of earlier years the letter lists as continuing, by ID. */
  carriedOver: z
    .array(z.object({ id: z.string().regex(/^R?T{1,2}B\d{4}-\d{1,3}$/), title: line(300) }))
    .max(300),
  calendar: z.array(DraftCalendarItem).max(100),
  /** A supplement's changes of earlier assignments (empty in a letter, and in drafts before). */
  assignmentChanges: z.array(DraftAssignmentChange).max(300).default([]),
  signatories: z.array(z.object({ name: line(200).min(1), title: line(200) })).max(4),
  /**
   * The written form the letter is in: what Tildel prints for it (headings, labels, dates) is in
   * this language (src/locales). Drafts stored before it was chosen are bokmål.
   */
  language: LetterLanguage.default('nb'),
});
export type DraftContent = z.infer<typeof DraftContent>;

/** A content as stored: drafts saved before rich prose hold strings where documents are now. */
export type StoredDraftContent = Omit<DraftContent, 'preamble' | 'assignments'> & {
  preamble: string | RichDocInput;
  assignments: (Omit<DraftAssignment, 'text' | 'collaborators' | 'funding'> & {
    text: string | RichDocInput;
    /** Absent in drafts saved before assignments had them. */
    collaborators?: string[];
    funding?: DraftFunding[];
  })[];
};

/**
 * A stored content with its prose as documents (a string read as its document) and the lists
 * added since as empty where absent: the database reads every stored draft content through
 * this (src/db/schema.ts), so the rest sees documents and every list.
 */
export function draftContentFromStored(stored: StoredDraftContent): DraftContent {
  return {
    ...stored,
    preamble: richText(stored.preamble),
    assignments: stored.assignments.map((a) => ({
      ...a,
      text: richText(a.text),
      collaborators: a.collaborators ?? [],
      funding: a.funding ?? [],
    })),
  };
}

export const DraftStatus = z.enum(DRAFT_STATUSES);

/** How a new draft starts: empty, or from the agency's letter of the year before. */
export const DraftCreateBody = z.object({
  agencyId: z.uuid(),
  year: z.int().min(2000).max(2100),
  kind: DocumentKind,
  from: z.enum(['empty', 'last-year']),
  /** The letter's written form (content `language`); bokmål unless said. */
  language: LetterLanguage.optional(),
});
export type DraftCreateBody = z.infer<typeof DraftCreateBody>;

/**
 * A whole content, sent with the version it was based on (optimistic concurrency per part:
 * when someone saved since, the server merges the two by section and item, src/domain/
 * draft-merge.ts, and answers the merged draft, whose version is then more than one above
 * `expectedVersion`; parts both changed differently are refused, `DraftStaleBody`).
 */
export const DraftUpdateBody = z.object({
  expectedVersion: z.int().min(1),
  content: DraftContent,
});
export type DraftUpdateBody = z.infer<typeof DraftUpdateBody>;

/**
 * A part of the draft two saves changed differently since the version one was based on: a
 * section or field (`subject`, `preamble`, `language`, `appropriations`, `goals`,
 * `assignments`, `carriedOver`, `calendar`, `signatories`) or one assignment
 * (`assignment:<key>`), with which row in words as `DraftChange` labels it (`kap. 2310 post
 * 21`, a goal's or assignment's title, a calendar row, a signatory; empty for a whole section).
 */
export const DraftConflict = z.object({ item: z.string(), label: z.string() });
export type DraftConflict = z.infer<typeof DraftConflict>;

/**
 * 409 on saving a draft: someone saved since and the save could not be merged; nothing was
 * saved. `conflicts` names the parts both changed differently; empty when the version the
 * save was based on is no longer known or more than 50 versions old (`MERGE_WINDOW`): then
 * any later save is refused, as before merging.
 */
export const DraftStaleBody = z.object({
  error: z.literal('stale-version'),
  message: z.string(),
  current: z.object({ version: z.int(), status: DraftStatus }),
  conflicts: z.array(DraftConflict).max(1_200),
});
export type DraftStaleBody = z.infer<typeof DraftStaleBody>;

export const DraftStepBody = z.object({ expectedVersion: z.int().min(1) });
export type DraftStepBody = z.infer<typeof DraftStepBody>;

/** What a typed deadline means, as the deadline parser reads it. */
export const DraftDeadline = z.object({
  phrase: z.string(),
  value: DeadlineValue,
  date: z.string().nullable(),
  /** The date falls on a day the offices are closed: a weekend, or a public holiday (its name). */
  closed: z.object({ weekend: z.boolean(), holiday: z.string().nullable() }).nullable(),
});
export type DraftDeadline = z.infer<typeof DraftDeadline>;

/**
 * What a comment is about: the whole letter, a section, or one assignment (by its key).
 */
export const DraftItemRef = z
  .string()
  .regex(
    /^(?:general|preamble|appropriations|goals|assignments|calendar|signatories|assignment:[0-9a-f-]{36})$/,
    'general, a section (preamble, appropriations, goals, assignments, calendar, signatories) or assignment:<key>',
  );

/** What changed in a part of the draft between two rounds. */
export const DraftChange = z.object({
  item: z.string(),
  kind: z.enum(['added', 'removed', 'changed']),
  /** The part in words (`kap. 2310 post 21`, an assignment's title); empty for a section. */
  label: z.string(),
});
export type DraftChange = z.infer<typeof DraftChange>;

/** A round of consultation: the content shared with the agency, and what changed since the last. */
export const DraftRound = z.object({
  round: z.int(),
  sharedAt: z.string(),
  sharedBy: z.string(),
  changes: z.array(DraftChange),
});

export const DraftComment = z.object({
  id: z.uuid(),
  round: z.int(),
  item: z.string(),
  body: z.string(),
  replyTo: z.uuid().nullable(),
  side: z.enum(['ministry', 'agency']),
  by: z.string(),
  at: z.string(),
  resolved: z.object({ by: z.string(), at: z.string() }).nullable(),
});
export type DraftComment = z.infer<typeof DraftComment>;

export const DraftCommentBody = z.object({
  item: DraftItemRef,
  body: z.string().trim().min(1).max(5_000),
  /** The comment this answers (in the same draft), or null. */
  replyTo: z.uuid().nullable(),
});
export type DraftCommentBody = z.infer<typeof DraftCommentBody>;

export const DraftAbilities = z.object({
  update: z.boolean(),
  approve: z.boolean(),
  issue: z.boolean(),
  /** Share the draft as it is now with the agency (a new round). */
  share: z.boolean(),
  comment: z.boolean(),
  resolve: z.boolean(),
});
export type DraftAbilities = z.infer<typeof DraftAbilities>;

export const Draft = z.object({
  id: z.uuid(),
  kind: DocumentKind,
  year: z.int(),
  status: DraftStatus,
  version: z.int(),
  title: z.string(),
  ministry: z.object({ id: z.uuid(), name: z.string() }),
  agency: z.object({ id: z.uuid(), name: z.string() }),
  content: DraftContent,
  /** Derived by the server, never typed: what each deadline means, sums per chapter and in all. */
  derived: z.object({
    deadlines: z.record(z.string(), DraftDeadline),
    calendar: z.array(DraftDeadline),
    chapterTotals: z.array(z.object({ chapter: z.int(), amount: z.int() })),
    total: z.int(),
    /** What stops issuing (empty when it may be issued), with the item it is about. */
    problems: z.array(z.object({ code: DraftProblem, item: z.string().nullable() })),
  }),
  /**
   * Which content this is: the live draft (the ministry), or the latest round shared with the
   * agency (what the agency reads, not the ministry's edits since).
   */
  view: z.enum(['live', 'shared']),
  rounds: z.array(DraftRound),
  comments: z.array(DraftComment),
  createdBy: z.string(),
  approvedBy: z.string().nullable(),
  issuedDocumentId: z.uuid().nullable(),
  updatedAt: z.string(),
  abilities: DraftAbilities,
});
export type Draft = z.infer<typeof Draft>;

export const DraftSummary = Draft.pick({
  id: true,
  kind: true,
  year: true,
  status: true,
  title: true,
  agency: true,
  updatedAt: true,
  issuedDocumentId: true,
});
export const DraftList = z.object({ drafts: z.array(DraftSummary), nextCursor: NextCursor });
export type DraftList = z.infer<typeof DraftList>;

/** The keys a cursor of the draft list carries: last changed (newest first), id. */
export const DRAFT_CURSOR = { updated: z.tuple([CursorTime, z.uuid()]) };

/** `GET /api/drafts`: the drafts the caller may read, last changed first, a page at a time. */
export const DraftQuery = z
  .object({ ...pageParams(200, 100) })
  .superRefine(cursorFits(DRAFT_CURSOR, () => 'updated'));
export type DraftQuery = z.infer<typeof DraftQuery>;
