/**
 * The appropriation ledger, the generated overview and the consistency findings of an agency's
 * year, computed from the current versions of its documents as imported (documents.extracted).
 * Only documents the actor may read take part (visibility.ts).
 */
import { and, eq, isNull, type SQL } from 'drizzle-orm';
import type {
  ChecksResponse,
  Finding as FindingResponse,
  Ledger as LedgerResponse,
  Overview as OverviewResponse,
} from '../contract/ledger';
import type { ExtractedDocument } from '../contract/letter';
import type { Db } from '../db/client';
import { documents } from '../db/schema';
import { checkSeries } from '../domain/consistency';
import { buildLedger, generateOverview, orderSeries, type Ledger } from '../domain/ledger';
import type { Actor } from '../server/policy';
import { visibleDocuments } from './visibility';

export interface SeriesDocument {
  id: string;
  kind: ExtractedDocument['kind'];
  number: number | null;
  extracted: ExtractedDocument;
}

/** A computed series: the ledger and the database id of each of its documents, in order. */
export interface ComputedSeries {
  ids: string[];
  series: ExtractedDocument[];
  ledger: Ledger;
}

async function loadSeries(db: Db, actor: Actor, where: SQL): Promise<SeriesDocument[]> {
  const rows = await db
    .select({ id: documents.id, extracted: documents.extracted })
    .from(documents)
    .where(and(visibleDocuments(actor), eq(documents.isCurrent, true), where));
  return rows.map((r) => ({
    id: r.id,
    kind: r.extracted.kind,
    number: r.extracted.number,
    extracted: r.extracted,
  }));
}

export function computeSeries(docs: readonly SeriesDocument[]): ComputedSeries {
  const ordered = orderSeries(docs);
  const series = ordered.map((d) => d.extracted);
  return { ids: ordered.map((d) => d.id), series, ledger: buildLedger(series) };
}

function withIds(c: ComputedSeries): LedgerResponse {
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
  return withIds(computeSeries(docs));
}

/** The consistency findings of an agency's year, or null when nothing is readable. */
export async function getChecks(
  db: Db,
  actor: Actor,
  agencyId: string,
  year: number,
): Promise<ChecksResponse | null> {
  const docs = await loadSeries(
    db,
    actor,
    and(eq(documents.agencyId, agencyId), eq(documents.year, year)) as SQL,
  );
  if (docs.length === 0) return null;
  const computed = computeSeries(docs);
  const findings: FindingResponse[] = checkSeries(computed.series, computed.ledger).map((f) => ({
    ...f,
    document: f.document ? { ...f.document, id: computed.ids[f.document.index] ?? null } : null,
  }));
  return {
    agency: agencyId,
    year,
    documents: withIds(computed).documents,
    findings,
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
