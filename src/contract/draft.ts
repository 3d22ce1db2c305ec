/**
 * A letter written in Tildel (an authored draft): what the ministry's officers edit, item by
 * item, until it is approved by a second officer and issued. Issuing writes the letter as a
 * Word file and stores what the importer reads back from that file, so an issued draft is a
 * document like any imported one (see src/services/drafts.ts). Amounts are whole thousands of
 * NOK, as the letters print them; every sum is derived and sent, never typed.
 */
import { z } from 'zod';
import { DocumentKind, DRAFT_STATUSES, DraftProblem, LetterLanguage } from './enums';
import { DeadlineValue } from './letter';
import { CursorTime, NextCursor, cursorFits, pageParams } from './pagination';

const line = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !/[\r\n]/.test(s), 'one line');
const prose = (max: number) => z.string().max(max);

export const DraftAppropriation = z.object({
  chapter: z.int().min(1).max(9999),
  chapterName: line(200),
  post: z.int().min(0).max(99),
  postName: line(200).min(1),
  /** Budget notes printed after the post's name: `kan overføres`, `kan nyttes under post 70`. */
  notes: z.array(line(200).min(1)).max(5),
  /** Thousands of NOK: the allocation in a letter, the change (negative: a cut) in a supplement. */
  amount: z.int().min(-100_000_000_000).max(100_000_000_000),
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

export const DraftAssignment = z.object({
  /** Stable identity of the item inside the draft (its ID is given at issue). */
  key: z.uuid(),
  /** Department code of the ministry that owns it (`HFA`). */
  ownerDepartment: z
    .string()
    .regex(/^[A-ZÆØÅ]{2,8}$/u, 'a department code in capitals')
    .nullable(),
  title: line(300).min(1),
  text: prose(20_000),
  deadline: line(200),
  subAssignments: z.array(DraftSubAssignment).max(26),
  /** Earlier assignments it builds on, by ID (`TB2026-02`), picked from the register. */
  references: z.array(z.string().regex(/^R?T{1,2}B\d{4}-\d{1,3}$/)).max(20),
  /**
   * The governance meeting's decision it was made from (src/services/meetings.ts); absent or
   * null for an assignment written in the draft (optional, so drafts saved before stay valid).
   */
  decisionId: z.uuid().nullable().optional(),
});
export type DraftAssignment = z.infer<typeof DraftAssignment>;

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
  preamble: prose(5_000),
  appropriations: z.array(DraftAppropriation).max(300),
  goals: z.array(DraftGoal).max(50),
  assignments: z.array(DraftAssignment).max(300),
  /** Unfinished assignments of earlier years the letter lists as continuing, by ID. */
  carriedOver: z
    .array(z.object({ id: z.string().regex(/^R?T{1,2}B\d{4}-\d{1,3}$/), title: line(300) }))
    .max(300),
  calendar: z.array(DraftCalendarItem).max(100),
  signatories: z.array(z.object({ name: line(200).min(1), title: line(200) })).max(4),
  /**
   * The written form the letter is in: what Tildel prints for it (headings, labels, dates) is in
   * this language (src/locales). Drafts stored before it was chosen are bokmål.
   */
  language: LetterLanguage.default('nb'),
});
export type DraftContent = z.infer<typeof DraftContent>;

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

/** A whole content, sent with the version it was based on (optimistic concurrency). */
export const DraftUpdateBody = z.object({
  expectedVersion: z.int().min(1),
  content: DraftContent,
});
export type DraftUpdateBody = z.infer<typeof DraftUpdateBody>;

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
