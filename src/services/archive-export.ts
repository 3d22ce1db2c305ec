/**
 * The archive extract of an agency-year (Noark 5 version 5.0, written by src/render/noark.ts):
 * the ministry's archive of its governance of the agency that year. Letters and supplements the
 * ministry issued (published; every version) are outgoing documents to the agency; the reports
 * the agency submitted (each submitted revision) are incoming. The change log is the audit
 * trail of those documents, of the drafts the letters written in Tildel were issued from, and
 * of the reports. The export itself is recorded in the audit trail.
 *
 * The archival file of each document:
 * - a letter written in Tildel: the PDF it was issued as, byte for byte (Arkivformat), with the
 *   Word file it was issued as beside it (Produksjonsformat);
 * - an imported letter: Tildel keeps the text read from the file with its checksum and format,
 *   not the file, so the PDF is written by Tildel's PDF writer from that text (a konvertering
 *   from the source format names the source file and its SHA-256);
 * - a report: a PDF of the content as submitted (whose SHA-256 is the submission's hash),
 *   written by the same writer.
 * PDFs written for the extract are dated from the record, so the same records give the same
 * bytes; a report's revision is written only from what that revision stored.
 *
 * Every read is one snapshot: one REPEATABLE READ, read-only transaction (PGlite has one
 * connection, so its transactions are serial anyway). The export's audit entry is written in a
 * transaction of its own once the extract is written, before it is handed out: an append in
 * the snapshot's transaction would read the audit chain's head as it was when the snapshot was
 * taken, so any audited change committed meanwhile (the PDFs take seconds) would make the
 * export fail on the chain's sequence; holding the chain's lock for the snapshot's whole length
 * instead would stop every other write for as long.
 */
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
  auditLog,
  documents,
  drafts,
  organisations,
  reports,
  reportVersions,
  sourceFiles,
  steeringParameters,
} from '../db/schema';
import { actorLabel, type StoredActor } from '../domain/actors';
import { can, type Actor } from '../domain/policy';
import { letterTextBlocks, reportBlocks, reportHeading } from '../render/archive-pdf';
import {
  archiveExtractFiles,
  noarkMetadataName,
  type ExtractFile,
  type NoarkChange,
  type NoarkFile,
  type NoarkParty,
  type NoarkRecord,
  sha256Hex,
} from '../render/noark';
import { letterPdf } from '../render/pdf';
import { deterministicZip } from '../render/zip';
import { actorNames, nameOf, type ActorNames } from './actor-names';
import { appendAudit, audited } from './audit';
import { osloToday } from './calendar';
import { ambiguousOrganisation, resolveOrganisation } from './organisations';

const SYSTEM = 'Tildel';

/**
 * The formats as PRONOM ids (The National Archives' registry), where the format and its version
 * are known: PDFKit writes PDF 1.7 (fmt/276), the docx library Word 2007+ (fmt/412). A source
 * file's format is known only by its kind, so a source PDF (any version) keeps the name `PDF`.
 */
const PRONOM = {
  pdf17: 'fmt/276',
  docx: 'fmt/412',
  txt: 'x-fmt/111',
  md: 'fmt/1149',
  json: 'fmt/817',
} as const;
const sourceFormat = (format: string | undefined): string => {
  const f = (format ?? 'txt').toLowerCase();
  return f === 'txt' || f === 'md' || f === 'docx' ? PRONOM[f] : f.toUpperCase();
};

export interface ArchiveExport {
  agency: NoarkParty;
  ministry: NoarkParty;
  year: number;
  files: ExtractFile[];
  counts: { letters: number; reports: number; files: number; changes: number };
}

export type ArchiveOutcome =
  | { kind: 'exported'; extract: ArchiveExport }
  | { kind: 'not-found'; message: string }
  | { kind: 'ambiguous'; message: string }
  | { kind: 'not-permitted'; message: string };

type OrgRow = typeof organisations.$inferSelect;

const party = (o: OrgRow): NoarkParty => ({ id: o.id, name: o.name, orgNr: o.orgNr });

/** The name of who acted: a person's name, else the stored actor's label (`system:import`). */
function who(names: ActorNames, stored: StoredActor): string {
  return nameOf(names, stored) ?? actorLabel(stored);
}

/** A value of the audit trail told briefly (status, version, checksums; never whole content). */
export function auditValue(v: unknown): string {
  if (v === null || v === undefined) return '(ingen)';
  if (typeof v !== 'object') return String(v);
  const o = v as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of [
    'status',
    'version',
    'revision',
    'number',
    'sha256',
    'pdfSha256',
    'docxSha256',
  ]) {
    const x = o[k];
    if (typeof x === 'string' || typeof x === 'number') parts.push(`${k}: ${x}`);
  }
  const sig = o.signature as { name?: unknown; part?: unknown } | null | undefined;
  if (sig && typeof sig.name === 'string')
    parts.push(`signatur: ${sig.name} (${String(sig.part)})`);
  if ('content' in o && parts.length === 0) parts.push('innhold');
  return parts.length > 0 ? parts.join(', ') : 'endret';
}

/** A report's status as the record's description tells it. */
const REPORT_STATUS_NB: Record<(typeof reports.$inferSelect)['status'], string> = {
  draft: 'under arbeid',
  submitted: 'sendt inn, ikke besvart',
  returned: 'sendt tilbake til virksomheten',
  accepted: 'godkjent av departementet',
};

const pad = (n: number) => String(n).padStart(3, '0');

/** A record before its place in the journal (and so its files' names) is known. */
interface PendingRecord extends Omit<NoarkRecord, 'documents'> {
  /** Audit objects whose changes are this record's: `type:id`. */
  objects: string[];
  documents: Array<
    Omit<NoarkRecord['documents'][number], 'files'> & {
      files: Array<Omit<NoarkFile, 'path'> & { ext: string }>;
    }
  >;
}

/** What the extract is written from, read in one snapshot. */
/** What the extract says of a letter's source file (never its bytes). */
interface SourceFacts {
  id: string;
  name: string;
  sha256: string;
  sizeBytes: number;
  format: (typeof sourceFiles.$inferSelect)['format'];
  text: string;
  originalKept: boolean;
}

interface AgencyYear {
  agency: NoarkParty;
  ministry: NoarkParty;
  letters: Array<typeof documents.$inferSelect>;
  issued: Array<typeof drafts.$inferSelect>;
  sources: SourceFacts[];
  reportRows: Array<typeof reports.$inferSelect>;
  versionRows: Array<typeof reportVersions.$inferSelect>;
  trail: Array<typeof auditLog.$inferSelect>;
  names: ActorNames;
  steeringTexts: ReadonlyMap<string, string>;
}

type Refusal = Exclude<ArchiveOutcome, { kind: 'exported' }>;

/** Every read of the extract, on one transaction's handle; a refusal where it ends early. */
async function readAgencyYear(
  tx: Db,
  actor: Actor,
  agencyRef: string,
  year: number,
): Promise<{ kind: 'read'; read: AgencyYear } | Refusal> {
  const found = await resolveOrganisation(tx, agencyRef, 'agency');
  if (found.kind === 'none') return { kind: 'not-found', message: `No agency ${agencyRef}` };
  if (found.kind === 'ambiguous') {
    return { kind: 'ambiguous', message: ambiguousOrganisation(agencyRef, found.candidates) };
  }
  const agencyRow = found.organisation;
  const docRows = await tx
    .select()
    .from(documents)
    .where(
      and(
        eq(documents.agencyId, agencyRow.id),
        eq(documents.year, year),
        eq(documents.status, 'published'),
      ),
    )
    .orderBy(asc(documents.seriesKey), asc(documents.version));
  const ministryId = agencyRow.parentId ?? docRows.find((d) => d.ministryId)?.ministryId ?? null;
  const [ministryRow] = ministryId
    ? await tx.select().from(organisations).where(eq(organisations.id, ministryId))
    : [];
  if (!ministryRow) {
    return { kind: 'not-found', message: `No ministry is known for ${agencyRow.name}` };
  }
  const archive = { kind: 'archive' as const, agencyId: agencyRow.id, ministryId: ministryRow.id };
  if (!can(actor, 'archive.export', archive)) {
    return {
      kind: 'not-permitted',
      message: `Only the archivists of ${ministryRow.name}, auditors and administrators export its agencies' archives`,
    };
  }
  const agency = party(agencyRow);
  const ministry = party(ministryRow);
  // The ministry's letters only (an agency could, in principle, be addressed by another).
  const letters = docRows.filter((d) => d.ministryId === ministry.id);
  const stored: StoredActor[] = [];
  const ids = letters.map((d) => d.id);
  const issued = ids.length
    ? await tx.select().from(drafts).where(inArray(drafts.issuedDocumentId, ids))
    : [];
  const sourceIds = [...new Set(letters.map((d) => d.sourceFileId).filter((x) => x !== null))];
  const sources = sourceIds.length
    ? await tx
        .select({
          id: sourceFiles.id,
          name: sourceFiles.name,
          sha256: sourceFiles.sha256,
          sizeBytes: sourceFiles.sizeBytes,
          format: sourceFiles.format,
          text: sourceFiles.text,
          // The original file (kept for PDFs since migration 0023) is not read into memory here.
          originalKept: sql<boolean>`${sourceFiles.bytes} is not null`,
        })
        .from(sourceFiles)
        .where(inArray(sourceFiles.id, sourceIds))
    : [];
  for (const d of letters) stored.push({ kind: d.createdByKind, id: d.createdById });
  for (const d of issued) stored.push({ kind: d.createdByKind, id: d.createdById });

  const reportRows = await tx
    .select()
    .from(reports)
    .where(
      and(
        eq(reports.agencyId, agency.id),
        eq(reports.ministryId, ministry.id),
        eq(reports.year, year),
      ),
    )
    .orderBy(asc(reports.createdAt), asc(reports.id));
  const versionRows = reportRows.length
    ? await tx
        .select()
        .from(reportVersions)
        .where(
          inArray(
            reportVersions.reportId,
            reportRows.map((r) => r.id),
          ),
        )
        .orderBy(asc(reportVersions.reportId), asc(reportVersions.revision))
    : [];
  for (const v of versionRows) stored.push({ kind: v.submittedByKind, id: v.submittedById });
  for (const r of reportRows) stored.push({ kind: r.createdByKind, id: r.createdById });

  const objects = [
    ...letters.map((d) => ['document', d.id] as const),
    ...issued.map((d) => ['draft', d.id] as const),
    ...reportRows.map((r) => ['report', r.id] as const),
  ];
  const trail = objects.length
    ? await tx
        .select()
        .from(auditLog)
        .where(
          or(
            ...['document', 'draft', 'report'].map((type) =>
              and(
                eq(auditLog.objectType, type),
                inArray(
                  auditLog.objectId,
                  objects.filter(([t]) => t === type).map(([, id]) => id),
                ),
              ),
            ),
          ),
        )
        .orderBy(asc(auditLog.seq))
    : [];
  for (const t of trail) stored.push({ kind: t.actorKind, id: t.actorId });
  const names = await actorNames(tx, stored);

  const paramIds = versionRows.flatMap((v) =>
    v.content.steeringParameters.map((p) => p.steeringParameterId),
  );
  const paramRows = paramIds.length
    ? await tx
        .select({ id: steeringParameters.id, text: steeringParameters.text })
        .from(steeringParameters)
        .where(inArray(steeringParameters.id, [...new Set(paramIds)]))
    : [];
  return {
    kind: 'read',
    read: {
      agency,
      ministry,
      letters,
      issued,
      sources,
      reportRows,
      versionRows,
      trail,
      names,
      steeringTexts: new Map(paramRows.map((p) => [p.id, p.text])),
    },
  };
}

/**
 * The extract of the agency-year, if the actor may export it (policy `archive.export`), and an
 * audit entry saying who exported what. `agencyRef`: the agency's id, organisation number or
 * name (a name several agencies answer to ignoring case is `ambiguous`). Throws on database
 * errors only.
 */
export async function exportArchive(
  db: Db,
  actor: Actor,
  agencyRef: string,
  year: number,
): Promise<ArchiveOutcome> {
  const snapshot = await db.transaction((tx) => readAgencyYear(tx, actor, agencyRef, year), {
    isolationLevel: 'repeatable read',
    accessMode: 'read only',
  });
  if (snapshot.kind !== 'read') return snapshot;
  const { agency, ministry, letters, issued, sources, reportRows, versionRows, trail, names } =
    snapshot.read;
  const pending: PendingRecord[] = [];

  // Letters and supplements: one record per series, one file per version.
  const series = new Map<string, typeof letters>();
  for (const d of letters) series.set(d.seriesKey, [...(series.get(d.seriesKey) ?? []), d]);
  for (const [key, versions] of series) {
    const first = versions[0]!;
    const current = versions.find((v) => v.isCurrent) ?? versions[versions.length - 1]!;
    const files: PendingRecord['documents'][number]['files'] = [];
    const objectKeys: string[] = [];
    for (const v of versions) {
      objectKeys.push(`document:${v.id}`);
      const by = who(names, { kind: v.createdByKind, id: v.createdById });
      const draft = issued.find((x) => x.issuedDocumentId === v.id);
      if (draft) objectKeys.push(`draft:${draft.id}`);
      if (draft?.issuedPdf) {
        files.push({
          ext: 'pdf',
          bytes: draft.issuedPdf,
          version: v.version,
          variant: 'Arkivformat',
          format: PRONOM.pdf17,
          formatDetails: 'PDF 1.7, tagget, ikke PDF/A (skrevet av Tildel ved utstedelse)',
          createdAt: v.createdAt,
          createdBy: by,
          conversion: null,
        });
        if (draft.issuedDocx) {
          files.push({
            ext: 'docx',
            bytes: draft.issuedDocx,
            version: v.version,
            variant: 'Produksjonsformat',
            format: PRONOM.docx,
            formatDetails: 'Office Open XML (Word), skrevet av Tildel ved utstedelse',
            createdAt: v.createdAt,
            createdBy: by,
            conversion: null,
          });
        }
        continue;
      }
      const source = sources.find((s) => s.id === v.sourceFileId);
      const blocks = letterTextBlocks({
        title: v.title,
        ministry: v.ministryName ?? ministry.name,
        date: v.date,
        body: v.body,
        source: {
          name: source?.name ?? 'ukjent fil',
          format: source?.format ?? 'txt',
          sha256: source?.sha256 ?? '–',
        },
      });
      const pdf = await letterPdf(blocks, {
        title: v.title,
        creator: ministry.name,
        locale: 'nb',
        created: v.createdAt,
      });
      files.push({
        ext: 'pdf',
        bytes: new Uint8Array(pdf),
        version: v.version,
        variant: 'Arkivformat',
        format: PRONOM.pdf17,
        formatDetails: 'PDF 1.7, tagget, ikke PDF/A (skrevet av Tildel for arkivuttrekket)',
        createdAt: v.createdAt,
        createdBy: by,
        conversion: {
          at: v.createdAt,
          by: SYSTEM,
          from: sourceFormat(source?.format),
          to: PRONOM.pdf17,
          tool: `${SYSTEM} (PDFKit)`,
          comment: source
            ? `Skrevet fra teksten Tildel leste fra ${source.name} (SHA-256 ${source.sha256}, ${source.sizeBytes} byte); ${source.originalKept ? 'originalfilen er lagret i Tildel, men ikke med i uttrekket' : 'originalfilen lagres ikke i Tildel'}.`
            : 'Skrevet fra teksten Tildel har lagret; originalfilen lagres ikke i Tildel.',
        },
      });
    }
    const firstBy = who(names, { kind: first.createdByKind, id: first.createdById });
    const currentBy = who(names, { kind: current.createdByKind, id: current.createdById });
    pending.push({
      key: `document-series:${key}`,
      objects: objectKeys,
      title: current.title,
      description: null,
      direction: 'outgoing',
      journalDate: current.date ?? osloToday(first.createdAt),
      documentDate: current.date,
      received: null,
      sent: issued.some((x) => x.issuedDocumentId === current.id) ? current.createdAt : null,
      createdAt: first.createdAt,
      createdBy: firstBy,
      archivedAt: current.createdAt,
      archivedBy: currentBy,
      correspondent: agency,
      documents: [
        {
          title: current.title,
          type: 'Brev',
          attachedAs: 'Hoveddokument',
          author: current.ministryName ?? ministry.name,
          createdAt: first.createdAt,
          createdBy: firstBy,
          files,
        },
      ],
    });
  }

  // Reports: those submitted (a draft the agency is writing is no record yet). Each revision's
  // PDF is written from that revision alone (reportBlocks): the same bytes in every extract.
  for (const r of reportRows) {
    const revisions = versionRows.filter((v) => v.reportId === r.id);
    if (revisions.length === 0) continue;
    const first = revisions[0]!;
    const last = revisions[revisions.length - 1]!;
    const files: PendingRecord['documents'][number]['files'] = [];
    for (const v of revisions) {
      const by = who(names, { kind: v.submittedByKind, id: v.submittedById });
      const facts = {
        agency: agency.name,
        kind: r.kind,
        periodYear: r.periodYear,
        revision: v.revision,
        submitted: osloToday(v.submittedAt),
        sha256: v.sha256,
        content: v.content,
        steeringParameters: snapshot.read.steeringTexts,
      };
      const pdf = await letterPdf(reportBlocks(facts), {
        title: reportHeading(facts),
        creator: agency.name,
        locale: 'nb',
        created: v.submittedAt,
      });
      files.push({
        ext: 'pdf',
        bytes: new Uint8Array(pdf),
        version: v.revision,
        variant: 'Arkivformat',
        format: PRONOM.pdf17,
        formatDetails: 'PDF 1.7, tagget, ikke PDF/A (skrevet av Tildel for arkivuttrekket)',
        createdAt: v.submittedAt,
        createdBy: by,
        conversion: {
          at: v.submittedAt,
          by: SYSTEM,
          from: PRONOM.json,
          to: PRONOM.pdf17,
          tool: `${SYSTEM} (PDFKit)`,
          comment: `Skrevet fra rapportens innhold slik det ble sendt inn (JSON, SHA-256 ${v.sha256}).`,
        },
      });
    }
    const firstBy = who(names, { kind: first.submittedByKind, id: first.submittedById });
    pending.push({
      key: `report:${r.id}`,
      objects: [`report:${r.id}`],
      title: r.title,
      description: `Rapport fra ${agency.name} for ${r.periodYear}; ${REPORT_STATUS_NB[r.status]}.`,
      direction: 'incoming',
      journalDate: osloToday(first.submittedAt),
      documentDate: osloToday(last.submittedAt),
      received: first.submittedAt,
      sent: null,
      createdAt: first.submittedAt,
      createdBy: firstBy,
      archivedAt: last.submittedAt,
      archivedBy: who(names, { kind: last.submittedByKind, id: last.submittedById }),
      correspondent: agency,
      documents: [
        {
          title: r.title,
          type: 'Rapport',
          attachedAs: 'Hoveddokument',
          author: agency.name,
          createdAt: first.submittedAt,
          createdBy: firstBy,
          files,
        },
      ],
    });
  }

  // The journal's order: by date, then when stored, then key (stable).
  pending.sort(
    (a, b) =>
      a.journalDate.localeCompare(b.journalDate) ||
      a.createdAt.getTime() - b.createdAt.getTime() ||
      a.key.localeCompare(b.key),
  );
  const records: NoarkRecord[] = pending.map(({ objects: _objects, ...r }, i) => ({
    ...r,
    documents: r.documents.map((d, j) => ({
      ...d,
      files: d.files.map(({ ext, ...f }) => ({
        ...f,
        path: `dokumenter/${pad(i + 1)}-${j + 1}-v${f.version}${f.variant === 'Arkivformat' ? '' : '-produksjon'}.${ext}`,
      })),
    })),
  }));
  const recordOf = new Map(pending.flatMap((p) => p.objects.map((o) => [o, p.key] as const)));
  const changes: NoarkChange[] = trail.flatMap((t) => {
    const recordKey = recordOf.get(`${t.objectType}:${t.objectId}`);
    if (!recordKey) return [];
    return [
      {
        recordKey,
        metadata: noarkMetadataName(t.action),
        at: t.at,
        by: who(names, { kind: t.actorKind, id: t.actorId }),
        before: auditValue(t.before),
        after: auditValue(t.after),
      },
    ];
  });

  const files = archiveExtractFiles({ ministry, agency, year, records, changes, system: SYSTEM });
  const structure = files.find((f) => f.path === 'arkivstruktur.xml')!;
  await audited(db, (tx) =>
    appendAudit(tx, actor, {
      action: 'archive.export',
      objectType: 'agency-year',
      objectId: `${agency.id}:${year}`,
      after: {
        records: records.length,
        files: files.length,
        arkivstrukturSha256: sha256Hex(structure.bytes),
      },
    }),
  );
  return {
    kind: 'exported',
    extract: {
      agency,
      ministry,
      year,
      files,
      counts: {
        letters: records.filter((r) => r.direction === 'outgoing').length,
        reports: records.filter((r) => r.direction === 'incoming').length,
        files: files.length,
        changes: changes.length,
      },
    },
  };
}

/**
 * The extract as one zip, its entries in the extract's order and dated noon on the last day of
 * the year (src/render/zip.ts: the same bytes in any time zone).
 */
export function archiveZip(extract: ArchiveExport): Uint8Array {
  return deterministicZip(
    extract.files.map((f) => [f.path, f.bytes] as const),
    { year: extract.year, month: 12, day: 31, hour: 12, minute: 0, second: 0 },
  );
}
