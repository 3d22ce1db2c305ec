/**
 * The appropriation ledger, the generated overview and the consistency findings of an agency's
 * year, computed from the current versions of its documents as imported (documents.extracted).
 * Only documents the actor may read take part (visibility.ts).
 */
import { and, eq, isNull, type SQL } from 'drizzle-orm';
import type {
  Checks,
  Finding as FindingResponse,
  FindingReview,
  Ledger as LedgerResponse,
  Overview as OverviewResponse,
} from '../contract/ledger';
import type { ExtractedDocument } from '../contract/letter';
import type { Db } from '../db/client';
import { documents, findingReviews } from '../db/schema';
import { checkSeries, findingKey } from '../domain/consistency';
import { buildLedger, generateOverview, orderSeries, type Ledger } from '../domain/ledger';
import { can, type Actor, type DocumentLike } from '../domain/policy';
import { visibleDocuments } from '../db/visibility';

export interface SeriesDocument {
  id: string;
  kind: ExtractedDocument['kind'];
  number: number | null;
  extracted: ExtractedDocument;
  /** What the policy decides on (status, agency, ministry); absent outside the database. */
  policy?: DocumentLike;
}

/** A computed series: the ledger and the database id of each of its documents, in order. */
export interface ComputedSeries {
  ids: string[];
  series: ExtractedDocument[];
  ledger: Ledger;
}

async function loadSeries(db: Db, actor: Actor, where: SQL): Promise<SeriesDocument[]> {
  const rows = await db
    .select({
      id: documents.id,
      extracted: documents.extracted,
      status: documents.status,
      agencyId: documents.agencyId,
      ministryId: documents.ministryId,
    })
    .from(documents)
    .where(and(visibleDocuments(actor), eq(documents.isCurrent, true), where));
  return rows.map((r) => ({
    id: r.id,
    kind: r.extracted.kind,
    number: r.extracted.number,
    extracted: r.extracted,
    policy: { status: r.status, agencyId: r.agencyId, ministryId: r.ministryId },
  }));
}

export function computeSeries(docs: readonly SeriesDocument[]): ComputedSeries {
  const ordered = orderSeries(docs);
  const series = ordered.map((d) => d.extracted);
  return { ids: ordered.map((d) => d.id), series, ledger: buildLedger(series) };
}

function withIds(c: ComputedSeries): Omit<LedgerResponse, 'abilities'> {
  return {
    ...c.ledger,
    documents: c.ledger.documents.map((d) => ({ ...d, id: c.ids[d.index] ?? null })),
  };
}

/** The ledger of an agency's year, or null when the actor can read none of its documents. */
export async function getLedger(
  db: Db,
  actor: Actor,
  agencyId: string,
  year: number,
): Promise<LedgerResponse | null> {
  const docs = await loadSeries(
    db,
    actor,
    and(eq(documents.agencyId, agencyId), eq(documents.year, year)) as SQL,
  );
  if (docs.length === 0) return null;
  // The ministry that governs the agency that year: the one its letters come from.
  const ministryId = docs.find((d) => d.policy?.ministryId)?.policy?.ministryId;
  const archiveExport =
    ministryId !== undefined &&
    ministryId !== null &&
    can(actor, 'archive.export', { kind: 'archive', agencyId, ministryId });
  return { ...withIds(computeSeries(docs)), abilities: { archiveExport } };
}

type ReviewRow = typeof findingReviews.$inferSelect;

export function presentReview(r: ReviewRow): FindingReview {
  return {
    state: r.state,
    comment: r.comment,
    by: r.actorName,
    at: r.at.toISOString(),
    version: r.version,
  };
}

/** What was recorded about the findings of an agency's year, by finding key. */
export async function reviewsOf(
  db: Db,
  agencyId: string,
  year: number,
): Promise<Map<string, FindingReview>> {
  const rows = await db
    .select()
    .from(findingReviews)
    .where(and(eq(findingReviews.agencyId, agencyId), eq(findingReviews.year, year)));
  return new Map(rows.map((r) => [r.findingKey, presentReview(r)]));
}

/** The current documents of an agency's year that the actor can read (empty: none). */
export function loadAgencyYear(
  db: Db,
  actor: Actor,
  agencyId: string,
  year: number,
): Promise<SeriesDocument[]> {
  return loadSeries(
    db,
    actor,
    and(eq(documents.agencyId, agencyId), eq(documents.year, year)) as SQL,
  );
}

/**
 * What the review rule of a year's findings is decided on: the allocation letter, else the
 * first document in series order (they share the ministry).
 */
export function seriesPolicyObject(docs: readonly SeriesDocument[]): DocumentLike | undefined {
  const ordered = orderSeries(docs);
  return (ordered.find((d) => d.kind === 'allocation-letter') ?? ordered[0])?.policy;
}

/** The findings of a computed series, each with its key and database document id. */
export function seriesFindings(computed: ComputedSeries): Array<Omit<FindingResponse, 'review'>> {
  // Two findings that name the same code, document, post and lines (rare) are told apart by
  // their order: `…:2`, `…:3`.
  const seen = new Map<string, number>();
  return checkSeries(computed.series, computed.ledger).map((f) => {
    const base = findingKey(f);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return {
      ...f,
      document: f.document ? { ...f.document, id: computed.ids[f.document.index] ?? null } : null,
      key: n === 1 ? base : `${base}:${n}`,
    };
  });
}

/**
 * The consistency findings of an agency's year with what ministry users recorded about them,
 * or null when nothing is readable.
 */
export async function getChecks(
  db: Db,
  actor: Actor,
  agencyId: string,
  year: number,
): Promise<Checks | null> {
  const docs = await loadAgencyYear(db, actor, agencyId, year);
  if (docs.length === 0) return null;
  const computed = computeSeries(docs);
  const reviews = await reviewsOf(db, agencyId, year);
  const findings: FindingResponse[] = seriesFindings(computed).map((f) => ({
    ...f,
    review: reviews.get(f.key) ?? null,
  }));
  return {
    agency: agencyId,
    year,
    documents: withIds(computed).documents,
    findings,
    abilities: { review: can(actor, 'findings.review', seriesPolicyObject(docs)) },
  };
}

/**
 * The overview the document should contain (total given through the year up to and including
 * it), or null when the document is absent or not readable.
 */
export async function getOverview(
  db: Db,
  actor: Actor,
  documentId: string,
): Promise<OverviewResponse | null> {
  const [doc] = await db
    .select({
      id: documents.id,
      agencyId: documents.agencyId,
      agencyName: documents.agencyName,
      year: documents.year,
      extracted: documents.extracted,
    })
    .from(documents)
    .where(and(visibleDocuments(actor), eq(documents.id, documentId)));
  if (!doc) return null;
  const sameAgency =
    doc.agencyId !== null
      ? eq(documents.agencyId, doc.agencyId)
      : doc.agencyName !== null
        ? and(isNull(documents.agencyId), eq(documents.agencyName, doc.agencyName))
        : eq(documents.id, doc.id);
  const series = await loadSeries(db, actor, and(sameAgency, eq(documents.year, doc.year)) as SQL);
  // An older version asked for: it takes the place of its current version.
  const self: SeriesDocument = {
    id: doc.id,
    kind: doc.extracted.kind,
    number: doc.extracted.number,
    extracted: doc.extracted,
  };
  const others = series.filter(
    (d) => d.id !== doc.id && !(d.kind === self.kind && d.number === self.number),
  );
  const computed = computeSeries([...others, self]);
  const index = computed.ids.indexOf(doc.id);
  const overview = generateOverview(computed.ledger, index);
  return {
    ...overview,
    upTo: { ...overview.upTo, id: doc.id },
    tables: overview.tables.map((t) => ({
      ...t,
      rows: t.rows.map((r) => ({ ...r, documentId: computed.ids[r.document] ?? null })),
    })),
  };
}
