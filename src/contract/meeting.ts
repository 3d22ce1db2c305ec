/**
 * Governance meetings (etatsstyringsmøter, issue 15): a meeting between the ministry and one
 * agency, made from the calendar's meeting items or planned by the ministry. Until it is held
 * its agenda is derived from the record (assignments at risk or off track, risks above the
 * tolerance agreed, posts whose forecast differs from the appropriation, late reports) beside
 * the ministry's own points; when held, the agenda is kept as it stood, and the minutes and
 * decisions follow. A decision can become an assignment of the next supplement being written.
 */
import { z } from 'zod';
import { AgendaItemKind, MeetingStatus, ReportSource } from './enums';

const Text = (max: number) => z.string().trim().max(max);

/** A point the ministry puts on the agenda itself. */
export const MinistryPoint = z.object({ text: Text(2000).min(1) });
export type MinistryPoint = z.infer<typeof MinistryPoint>;

/** One point of the agenda, with what it comes from. */
export const AgendaItem = z.object({
  kind: AgendaItemKind,
  /** What the point is about, in words from the record (an assignment's ID and title, …). */
  text: z.string(),
  /** The figure behind it, where there is one: a risk's score, a post's deviation (thousands). */
  figure: z.int().nullable(),
  /** Where it is in Tildel (`/oppdrag/…`, `/rapporter/…`), or null. */
  href: z.string().nullable(),
});
export type AgendaItem = z.infer<typeof AgendaItem>;
