/**
 * Presenters: the only way documents leave the server. They shape rows into the contract's
 * response types and attach the actor's abilities.
 */
import type { DocumentSummary } from '../../contract/api';
import {
  DOCUMENT_PARTS,
  documentPartPath,
  type DocumentDetail,
  type DocumentOtherItem,
  type DocumentPartName,
  type DocumentPartPage,
} from '../../contract/document';
import { presentWarning, type ExtractedDocument } from '../../contract/letter';
import { documentTransitions } from '../../domain/document-status';
import {
  positionPage,
  type DocumentCounts,
  type DocumentMeta,
  type DocumentPartRows,
  type DocumentRow,
} from '../../services/documents';
import { documentAbilities, type Actor } from '../../domain/policy';
import { presentAssignmentSummary } from './assignment';
import type { AppropriationLine } from '../../contract/letter';
import type { ItemReview } from '../../contract/review';
import {
  appropriationConfidence,
  appropriationKeys,
  assignmentConfidence,
  assignmentKey,
  correctedFields,
} from '../../domain/corrections';
import { presentCorrection } from './correction';

function appropriationReview(
  read: AppropriationLine | undefined,
  key: string | undefined,
  corrected: Map<string, string[]>,
  sharing: ReadonlySet<string>,
): ItemReview {
  const k = key ?? '';
  const confidence = read
    ? appropriationConfidence(read, { sharesLines: sharing.has(`appropriation:${k}`) })
    : { confidence: 'low' as const, reasons: [] };
  return { key: k, ...confidence, corrected: corrected.get(`appropriation:${k}`) ?? [] };
}

/** The columns a summary shows (a list's full rows, or a document's head). */
type SummaryRow = Pick<
  DocumentRow,
  | 'id'
  | 'kind'
  | 'number'
  | 'year'
  | 'version'
  | 'title'
  | 'agencyName'
  | 'agencyId'
  | 'ministryName'
  | 'ministryId'
  | 'date'
  | 'status'
  | 'coverage'
>;

export function presentDocumentSummary(
  actor: Actor,
  doc: SummaryRow,
  counts: DocumentCounts,
): DocumentSummary {
  return {
    id: doc.id,
    kind: doc.kind,
    number: doc.kind === 'supplement' ? doc.number : null,
    year: doc.year,
    version: doc.version,
    title: doc.title,
    agency: doc.agencyName,
    agencyId: doc.agencyId,
    ministry: doc.ministryName,
    date: doc.date,
    status: doc.status,
    coverage: doc.coverage,
    counts,
    abilities: documentAbilities(actor, doc),
  };
}

const span = (r: { lineStart: number; lineEnd: number }) => ({
  startLine: r.lineStart,
  endLine: r.lineEnd,
});

export function presentDocumentDetail(actor: Actor, meta: DocumentMeta): DocumentDetail {
  const { doc } = meta;
  return {
    ...presentDocumentSummary(actor, doc, meta.counts),
    letterFiles: meta.writtenInTildel
      ? {
          docx: `/api/documents/${doc.id}/letter.docx`,
          pdf: `/api/documents/${doc.id}/letter.pdf`,
        }
      : null,
    sourcePdf: doc.sourcePdf
      ? {
          url: `/api/documents/${doc.id}/source.pdf`,
          name: doc.sourceName ?? 'source.pdf',
          pages: doc.sourcePages ?? 0,
        }
      : null,
    allowedTransitions: documentTransitions(actor, doc),
    statusVersion: doc.statusVersion,
    openReviewItems: meta.openReviewItems,
    isCurrent: doc.isCurrent,
    versions: meta.versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
    legalBasis: doc.legalBasis,
    signatories: doc.signatories,
    provenance: span(doc),
    parts: DOCUMENT_PARTS.map((name) => ({
      name,
      count: meta.parts[name],
      url: documentPartPath(doc.id, name),
    })),
  };
}

/** One page of a part, as the contract's page of that part. */
export function presentDocumentPart(
  actor: Actor,
  rows: DocumentPartRows,
): DocumentPartPage<DocumentPartName> {
  switch (rows.part) {
    case 'lines':
      return {
        items: rows.items,
        ...(rows.boxes && { boxes: rows.boxes }),
        total: rows.total,
        nextCursor: rows.nextCursor,
      };
    case 'appropriations': {
      const corrected = correctedFields(rows.corrections);
      const keys = appropriationKeys(rows.read);
      const items = rows.items.map((a) => ({
        chapter: a.chapter,
        chapterName: a.chapterName,
        post: a.post,
        postName: a.postName,
        notes: a.notes,
        amount: a.amount,
        previousYearAmount: a.previousYearAmount,
        changeRow:
          a.changePrevious === null && a.changeTotal === null
            ? null
            : { previous: a.changePrevious, total: a.changeTotal },
        comment: a.comment,
        provenance: span(a),
        review: appropriationReview(rows.read[a.ord], keys[a.ord], corrected, rows.sharing),
      }));
      return { items, total: rows.total, nextCursor: rows.nextCursor };
    }
    case 'assignments': {
      const corrected = correctedFields(rows.corrections);
      const items = rows.items.map((a) => {
        const read = rows.read[a.ord];
        const key = read ? assignmentKey(read) : a.registerId;
        const confidence = read
          ? assignmentConfidence(read, {
              clarifiedFound: a.clarifiedAssignmentId !== null,
              sharesLines: rows.sharing.has(`assignment:${key}`),
            })
          : { confidence: 'low' as const, reasons: [] };
        return {
          ...presentAssignmentSummary(actor, {
            assignment: a,
            document: rows.doc,
            nextDeadline: null,
          }),
          provenance: span(a),
          review: { key, ...confidence, corrected: corrected.get(`assignment:${key}`) ?? [] },
          // The contract's Deadline is the response's shape: sent as read.
          deadlines: read?.deadlines ?? [],
        };
      });
      return { items, total: rows.total, nextCursor: rows.nextCursor };
    }
    case 'corrections':
      return {
        items: rows.items.map(presentCorrection),
        total: rows.total,
        nextCursor: rows.nextCursor,
      };
    case 'calendar':
      return {
        items: rows.items.map((c) => ({
          date: c.date,
          text: c.text,
          kind: c.kind,
          provenance: span(c),
        })),
        total: rows.total,
        nextCursor: rows.nextCursor,
      };
    case 'goals':
      return {
        items: rows.items.map((g) => ({ code: g.code, title: g.title, provenance: span(g) })),
        total: rows.total,
        nextCursor: rows.nextCursor,
      };
    case 'otherItems':
      return positionPage(otherItems(rows.extracted), rows.query);
    case 'unparsed':
      return { items: rows.items, total: rows.total, nextCursor: rows.nextCursor };
    case 'warnings':
      // Stored as StoredWarning (the column's declared type predates codes).
      return {
        items: rows.items.map(presentWarning),
        total: rows.total,
        nextCursor: rows.nextCursor,
      };
  }
}

type OtherItem = DocumentOtherItem;

/** The document's remaining extracted items, in the order they stand in the letter. */
function otherItems(x: Omit<ExtractedDocument, 'assignments' | 'appropriations'>): OtherItem[] {
  const item = (
    kind: OtherItem['kind'],
    title: string,
    text: string,
    provenance: OtherItem['provenance'],
    amount: number | null = null,
  ): OtherItem => ({ kind, title, text, amount, provenance });
  const items: OtherItem[] = [
    ...(x.preamble ? [item('preamble', 'Innledning', x.preamble.text, x.preamble.provenance)] : []),
    ...x.priorities.map((p) => item('priority', p.title, p.text, p.provenance)),
    ...x.steeringParameters.map((p) => item('steering-parameter', p.kind, p.text, p.provenance)),
    ...x.budgetAuthorities.map((b) => item('budget-authority', b.kind, b.text, b.provenance)),
    ...x.earmarks.map((e) =>
      item(
        'earmark',
        e.chapter === null
          ? 'Øremerking'
          : `Kap. ${e.chapter}${e.post === null ? '' : ` post ${String(e.post).padStart(2, '0')}`}`,
        e.text,
        e.provenance,
        e.amount,
      ),
    ),
    ...x.commonRequirements.map((c) => item('common-requirement', c.title, c.text, c.provenance)),
    ...x.reportingRequirements.map((r) =>
      item('reporting-requirement', r.title, r.text, r.provenance),
    ),
    ...x.mandates.map((m) => item('mandate', m.title, m.text, m.provenance)),
    ...x.carriedOver.map((c) => item('carried-over', c.id, c.title ?? '', c.provenance)),
    ...x.totalsClaimed.map((t) =>
      item(
        'totals-claim',
        t.heading,
        t.rows.map((r) => r.label).join('; '),
        t.provenance,
        t.total?.amount ?? null,
      ),
    ),
  ];
  return items.sort((a, b) => a.provenance.startLine - b.provenance.startLine);
}
