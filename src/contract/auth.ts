/**
 * Request and response schemas of sign-in, the current user and the audit history
 * (GET /api/me, GET /api/audit). Shared by the server and the web client.
 */
import { z } from 'zod';
import { Language } from './enums';
import { NextCursor, cursorFits, pageParams } from './pagination';

export const Me = z.object({
  /** null when nobody is signed in. */
  user: z
    .object({
      id: z.uuid(),
      name: z.string(),
      email: z.string().nullable(),
      roles: z.array(z.string()),
      departmentCode: z.string().nullable(),
      organisation: z.object({ id: z.uuid(), name: z.string(), kind: z.string() }).nullable(),
      /** The language the person chose (their setting): the web client speaks it. */
      language: Language,
    })
    .nullable(),
  /** Send back in the `x-csrf-token` header on every POST/PUT/PATCH/DELETE. */
  csrfToken: z.string().nullable(),
  expiresAt: z.iso.datetime().nullable(),
  signIn: z.object({
    /** Where to send the browser to sign in (add `?returnTo=/path`). */
    url: z.string(),
    mode: z.enum(['local', 'oidc', 'none']),
  }),
  /** What the user may do that is not tied to one object. */
  abilities: z.object({
    import: z.boolean(),
    readAudit: z.boolean(),
    /** May create and list calendar subscriptions. */
    subscribe: z.boolean(),
    /** May read the letters the ministry is writing (`/utkast`). */
    readDrafts: z.boolean(),
    /** May start a letter or supplement. */
    writeLetters: z.boolean(),
    /** May list the reports agencies owe (`/rapporter`). */
    readReports: z.boolean(),
    /** May ask an agency for an ad hoc report. */
    createReports: z.boolean(),
    /** May list the governance meetings (`/moter`). */
    readMeetings: z.boolean(),
  }),
  /** Limits the server enforces, so the client can check before it sends anything. */
  limits: z.object({ maxUploadBytes: z.int().positive() }),
});
export type Me = z.infer<typeof Me>;

/** The keys a cursor of an object's audit history carries: the entry's place in the trail. */
export const AUDIT_CURSOR = { seq: z.tuple([z.int()]) };

/** `GET /api/audit`: one object's entries, oldest first, a page at a time. */
export const AuditQuery = z
  .object({
    objectType: z.string().trim().min(1).max(50),
    objectId: z.string().trim().min(1).max(200),
    ...pageParams(500, 200),
  })
  .superRefine(cursorFits(AUDIT_CURSOR, () => 'seq'));
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntry = z.object({
  seq: z.int(),
  at: z.iso.datetime(),
  actor: z.string(),
  /** The user's name when the actor is a user. */
  actorName: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

export const AuditHistory = z.object({ entries: z.array(AuditEntry), nextCursor: NextCursor });
export type AuditHistory = z.infer<typeof AuditHistory>;
