/**
 * What reports and governance meetings have in common: each is made from an item of the
 * governance calendar of the documents the agency has been given, one per key, and follows the
 * item into the document's next version. This module finds those items and tells which keys have
 * no row yet and which rows point at an older version's item.
 */
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { calendarItems, documents } from '../db/schema';

/** The documents an agency has been given: their current versions, shared or published. */
export const givenDocuments = and(
  eq(documents.isCurrent, true),
  inArray(documents.status, ['shared', 'published']),
) as SQL;

export interface CalendarSource {
  id: string;
  text: string;
  date: string | null;
  ministryId: string;
}

/**
 * The agency-year's calendar items of `kind` in its given documents, one per key (the earliest by
 * date and line wins); items of documents without a ministry are left out.
 */
export async function calendarItemsByKey(
  db: Db,
  agencyId: string,
  year: number,
  kind: 'report' | 'meeting',
  keyOf: (date: string | null, text: string) => string,
): Promise<Map<string, CalendarSource>> {
  const items = await db
    .select({
      id: calendarItems.id,
      text: calendarItems.text,
      date: calendarItems.date,
      ministryId: documents.ministryId,
    })
    .from(calendarItems)
    .innerJoin(documents, eq(documents.id, calendarItems.documentId))
    .where(
      and(
        givenDocuments,
        eq(documents.agencyId, agencyId),
        eq(documents.year, year),
        eq(calendarItems.kind, kind),
      ),
    )
    .orderBy(asc(calendarItems.date), asc(calendarItems.lineStart));
  const wanted = new Map<string, CalendarSource>();
  for (const item of items) {
    if (!item.ministryId) continue;
    const key = keyOf(item.date, item.text);
    if (!wanted.has(key)) wanted.set(key, { ...item, ministryId: item.ministryId });
  }
  return wanted;
}

/**
 * Of the wanted keys, those with no row yet (`missing`) and those whose row points at another
 * calendar item than the current one (`relink`). `known` maps a stored key to its item id.
 */
export function missingAndMoved(
  wanted: ReadonlyMap<string, CalendarSource>,
  known: ReadonlyMap<string, string | null>,
): { missing: [string, CalendarSource][]; relink: [string, CalendarSource][] } {
  const entries = [...wanted];
  return {
    missing: entries.filter(([key]) => !known.has(key)),
    relink: entries.filter(([key, item]) => known.has(key) && known.get(key) !== item.id),
  };
}
