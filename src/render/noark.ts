/**
 * An archive extract (arkivuttrekk) in Noark 5 version 5.0, written from records (pure: records
 * in, files out; no database). `arkivstruktur.xml` (arkiv → arkivdel → one saksmappe for the
 * agency-year → one journalpost per letter, supplement and report → dokumentbeskrivelse →
 * dokumentobjekt with the file, its SHA-256 and size), `endringslogg.xml` (the changes the audit
 * trail holds of those records), and `info.xml`, the package description (what is in the extract
 * and every file with its checksum; Arkivverket gives no schema for it in ../shared, so it is
 * Tildel's own). Both Noark files validate against the schemas in
 * ../shared/standards/noark5-v5.0 (tested with xmllint). See docs/archive.md for the mapping.
 *
 * Deterministic: every systemID is a UUID (version 5) derived from a stable key of the record,
 * every date comes from the records, and checksums are computed here from the bytes given, so
 * the same records give the same bytes, and a checksum cannot disagree with its file.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { XMLBuilder, XMLBuilderCreateOptions } from 'xmlbuilder2/lib/interfaces';

/**
 * xmlbuilder2's `create`, loaded on first use (~13 MB that a server which never writes an
 * archive extract does without); required, not imported, so that the writers stay synchronous.
 */
function create(options: XMLBuilderCreateOptions): XMLBuilder {
  const lib = createRequire(import.meta.url)('xmlbuilder2') as typeof import('xmlbuilder2');
  return lib.create(options);
}

export const NOARK_NS = 'http://www.arkivverket.no/standarder/noark5/arkivstruktur';
export const ENDRINGSLOGG_NS = 'http://www.arkivverket.no/standarder/noark5/endringslogg';
/** The package description's namespace (Tildel's own; no XSD is published for it). */
export const PACKAGE_NS = 'urn:x-tildel:arkivuttrekk:1';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** The namespace of the extract's systemIDs (UUID version 5, RFC 9562). */
const ID_NAMESPACE = '6f1c2e0a-5b7d-4c1e-9a4f-2d8b3c7e9f10';

/** An organisation as a party: its name and, where known, its organisation number. */
export interface NoarkParty {
  id: string;
  name: string;
  orgNr: string | null;
}

/** One file of a document: the archival PDF, or a production format beside it. */
export interface NoarkFile {
  /** Where it lies in the extract (`dokumenter/001-1-v1.pdf`). */
  path: string;
  bytes: Uint8Array;
  /** The document's version (a re-imported letter's versions; a report's revisions). */
  version: number;
  variant: 'Arkivformat' | 'Produksjonsformat';
  /** `PDF`, `DOCX`, … */
  format: string;
  formatDetails: string | null;
  createdAt: Date;
  createdBy: string;
  /** How an archival PDF was made from the record, where Tildel wrote it for the extract. */
  conversion: {
    at: Date;
    by: string;
    from: string;
    to: string;
    tool: string;
    comment: string;
  } | null;
}

export interface NoarkDocument {
  title: string;
  /** dokumenttype: `Brev`, `Rapport`. */
  type: string;
  attachedAs: 'Hoveddokument' | 'Vedlegg';
  author: string | null;
  createdAt: Date;
  createdBy: string;
  files: NoarkFile[];
}

/** A journalpost: one letter, supplement or report. */
export interface NoarkRecord {
  /** Stable key the systemIDs are derived from (the document series, the report's id). */
  key: string;
  title: string;
  description: string | null;
  /** From the archive's side (the ministry's): letters go out, reports come in. */
  direction: 'outgoing' | 'incoming';
  /** journaldato (YYYY-MM-DD, Europe/Oslo). */
  journalDate: string;
  /** The date the document bears (YYYY-MM-DD), where it has one. */
  documentDate: string | null;
  received: Date | null;
  sent: Date | null;
  createdAt: Date;
  createdBy: string;
  archivedAt: Date;
  archivedBy: string;
  /** The other side: the agency for a letter, for a report the agency too (as sender). */
  correspondent: NoarkParty;
  documents: NoarkDocument[];
}

/** One change of a record, from the audit trail. */
export interface NoarkChange {
  recordKey: string;
  /** What changed (the action the audit trail names). */
  metadata: string;
  at: Date;
  by: string;
  before: string;
  after: string;
}

export interface NoarkExtract {
  /** The archive's creator (arkivskaper): the ministry. */
  ministry: NoarkParty;
  agency: NoarkParty;
  year: number;
  /** In journal order (journalpostnummer 1, 2, …). */
  records: NoarkRecord[];
  changes: NoarkChange[];
  /** Who is named as having created and closed the archive units (the system). */
  system: string;
}

export interface ExtractFile {
  path: string;
  bytes: Uint8Array;
}

/** A UUID version 5 of `name` in the extract's namespace: the same name, the same id. */
export function systemId(name: string): string {
  const ns = Buffer.from(ID_NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The saksmappe's sequence number (sakssekvensnummer), distinct per agency and the same in every
 * extract: the agency's organisation number where it has one (nine digits, 8xxxxxxxx or
 * 9xxxxxxxx), else a number from its id (the first seven hex digits of the SHA-256 of the id,
 * below 268 435 456, so never one of the nine-digit org.nrs). The mappeID is `<year>/<this>`.
 */
export function caseNumber(agency: Pick<NoarkParty, 'id' | 'orgNr'>): number {
  if (agency.orgNr && /^\d{9}$/.test(agency.orgNr)) return Number(agency.orgNr);
  return parseInt(createHash('sha256').update(agency.id, 'utf8').digest('hex').slice(0, 7), 16);
}

/**
 * Noark 5 metadata names (referanseMetadata of endringslogg.xml) for the audit trail's actions
 * where the change is of one such element; the other actions keep Tildel's name (`report.sign`:
 * Noark 5 v5.0 has no element for a signature on a document's part).
 */
const NOARK_METADATA: Readonly<Record<string, string>> = {
  'import.create': 'versjonsnummer',
  'import.new-version': 'versjonsnummer',
  'document.status': 'dokumentstatus',
  'draft.issue': 'sendtDato',
  'report.create': 'opprettetDato',
  'report.generate': 'opprettetDato',
  'report.status': 'dokumentstatus',
};

/** The metadata name a change of the audit trail is logged under (see NOARK_METADATA). */
export const noarkMetadataName = (action: string): string => NOARK_METADATA[action] ?? action;

/**
 * The stable keys of the units above the records. One extract is one arkiv: the ministry's
 * archive of its governance of one agency in one year.
 */
const keys = {
  arkiv: (e: NoarkExtract) => `arkiv:${e.ministry.id}:${e.agency.id}:${e.year}`,
  arkivdel: (e: NoarkExtract) => `arkivdel:${e.ministry.id}:${e.agency.id}:${e.year}`,
  mappe: (e: NoarkExtract) => `saksmappe:${e.agency.id}:${e.year}`,
  record: (r: Pick<NoarkRecord, 'key'>) => `journalpost:${r.key}`,
  document: (r: NoarkRecord, n: number) => `dokumentbeskrivelse:${r.key}:${n}`,
  object: (r: NoarkRecord, n: number, f: NoarkFile) =>
    `dokumentobjekt:${r.key}:${n}:${f.version}:${f.variant}:${f.path}`,
};

/** The systemID of a record's journalpost (what the change log refers to). */
export const recordSystemId = (recordKey: string) => systemId(keys.record({ key: recordKey }));

const dateTime = (d: Date) => d.toISOString();
const earliest = (ds: Date[]) => new Date(Math.min(...ds.map((d) => d.getTime())));
const latest = (ds: Date[]) => new Date(Math.max(...ds.map((d) => d.getTime())));

/** Adds `<name>text</name>` (skipped when text is null or empty). */
function leaf(parent: XMLBuilder, name: string, text: string | number | null | undefined): void {
  if (text === null || text === undefined || text === '') return;
  parent.ele(name).txt(String(text));
}

/** The span of the extract's records: created first, archived last. */
function span(e: NoarkExtract): { first: Date; last: Date } {
  const created = e.records.map((r) => r.createdAt);
  const archived = e.records.map((r) => r.archivedAt);
  if (created.length === 0) {
    // An agency-year without records: the year itself.
    return {
      first: new Date(Date.UTC(e.year, 0, 1)),
      last: new Date(Date.UTC(e.year, 11, 31)),
    };
  }
  return { first: earliest(created), last: latest([...archived, ...created]) };
}

function writeRecord(mappe: XMLBuilder, e: NoarkExtract, r: NoarkRecord, seq: number): void {
  const jp = mappe.ele('registrering').att(XSI, 'xsi:type', 'journalpost');
  leaf(jp, 'systemID', systemId(keys.record(r)));
  leaf(jp, 'opprettetDato', dateTime(r.createdAt));
  leaf(jp, 'opprettetAv', r.createdBy);
  leaf(jp, 'arkivertDato', dateTime(r.archivedAt));
  leaf(jp, 'arkivertAv', r.archivedBy);
  r.documents.forEach((d, i) => {
    const n = i + 1;
    const db = jp.ele('dokumentbeskrivelse');
    leaf(db, 'systemID', systemId(keys.document(r, n)));
    leaf(db, 'dokumenttype', d.type);
    leaf(db, 'dokumentstatus', 'Dokumentet er ferdigstilt');
    leaf(db, 'tittel', d.title);
    leaf(db, 'forfatter', d.author);
    leaf(db, 'opprettetDato', dateTime(d.createdAt));
    leaf(db, 'opprettetAv', d.createdBy);
    leaf(db, 'dokumentmedium', 'Elektronisk arkiv');
    leaf(db, 'tilknyttetRegistreringSom', d.attachedAs);
    leaf(db, 'dokumentnummer', n);
    leaf(db, 'tilknyttetDato', dateTime(d.createdAt));
    leaf(db, 'tilknyttetAv', d.createdBy);
    for (const f of d.files) {
      const obj = db.ele('dokumentobjekt');
      leaf(obj, 'systemID', systemId(keys.object(r, n, f)));
      leaf(obj, 'versjonsnummer', f.version);
      leaf(obj, 'variantformat', f.variant);
      leaf(obj, 'format', f.format);
      leaf(obj, 'formatDetaljer', f.formatDetails);
      leaf(obj, 'opprettetDato', dateTime(f.createdAt));
      leaf(obj, 'opprettetAv', f.createdBy);
      leaf(obj, 'referanseDokumentfil', f.path);
      leaf(obj, 'sjekksum', sha256Hex(f.bytes));
      leaf(obj, 'sjekksumAlgoritme', 'SHA256');
      leaf(obj, 'filstoerrelse', f.bytes.byteLength);
      if (f.conversion) {
        const k = obj.ele('konvertering');
        leaf(k, 'konvertertDato', dateTime(f.conversion.at));
        leaf(k, 'konvertertAv', f.conversion.by);
        leaf(k, 'konvertertFraFormat', f.conversion.from);
        leaf(k, 'konvertertTilFormat', f.conversion.to);
        leaf(k, 'konverteringsverktoey', f.conversion.tool);
        leaf(k, 'konverteringskommentar', f.conversion.comment);
      }
    }
  });
  leaf(jp, 'registreringsID', `${e.year}/${caseNumber(e.agency)}-${seq}`);
  leaf(jp, 'tittel', r.title);
  leaf(jp, 'beskrivelse', r.description);
  leaf(jp, 'dokumentmedium', 'Elektronisk arkiv');
  const part = jp.ele('korrespondansepart');
  leaf(part, 'korrespondanseparttype', r.direction === 'outgoing' ? 'Mottaker' : 'Avsender');
  leaf(part, 'korrespondansepartNavn', r.correspondent.name);
  leaf(jp, 'journalaar', e.year);
  leaf(jp, 'journalsekvensnummer', seq);
  leaf(jp, 'journalpostnummer', seq);
  leaf(
    jp,
    'journalposttype',
    r.direction === 'outgoing' ? 'Utgående dokument' : 'Inngående dokument',
  );
  leaf(jp, 'journalstatus', 'Arkivert');
  leaf(jp, 'journaldato', r.journalDate);
  leaf(jp, 'dokumentetsDato', r.documentDate);
  if (r.received) leaf(jp, 'mottattDato', dateTime(r.received));
  if (r.sent) leaf(jp, 'sendtDato', dateTime(r.sent));
  leaf(jp, 'antallVedlegg', r.documents.filter((d) => d.attachedAs === 'Vedlegg').length);
}

/** `arkivstruktur.xml`. */
export function arkivstrukturXml(e: NoarkExtract): string {
  const { first, last } = span(e);
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const arkiv = doc
    .ele(NOARK_NS, 'arkiv')
    .att('http://www.w3.org/2000/xmlns/', 'xmlns:xsi', XSI)
    .att(XSI, 'xsi:schemaLocation', `${NOARK_NS} arkivstruktur.xsd`);
  leaf(arkiv, 'systemID', systemId(keys.arkiv(e)));
  leaf(arkiv, 'tittel', `${e.ministry.name}: etatsstyring`);
  leaf(
    arkiv,
    'beskrivelse',
    `Tildelingsbrev, tillegg og rapporter i departementets styring av underliggende virksomheter, uttrekk fra ${e.system}.`,
  );
  leaf(arkiv, 'arkivstatus', 'Avsluttet');
  leaf(arkiv, 'dokumentmedium', 'Elektronisk arkiv');
  leaf(arkiv, 'opprettetDato', dateTime(first));
  leaf(arkiv, 'opprettetAv', e.system);
  leaf(arkiv, 'avsluttetDato', dateTime(last));
  leaf(arkiv, 'avsluttetAv', e.system);
  const creator = arkiv.ele('arkivskaper');
  leaf(creator, 'arkivskaperID', e.ministry.orgNr ?? e.ministry.id);
  leaf(creator, 'arkivskaperNavn', e.ministry.name);

  const del = arkiv.ele('arkivdel');
  leaf(del, 'systemID', systemId(keys.arkivdel(e)));
  leaf(del, 'tittel', `Etatsstyring av ${e.agency.name} ${e.year}`);
  leaf(del, 'arkivdelstatus', 'Avsluttet periode');
  leaf(del, 'dokumentmedium', 'Elektronisk arkiv');
  leaf(del, 'opprettetDato', dateTime(first));
  leaf(del, 'opprettetAv', e.system);
  leaf(del, 'avsluttetDato', dateTime(last));
  leaf(del, 'avsluttetAv', e.system);
  leaf(del, 'arkivperiodeStartDato', `${e.year}-01-01`);
  leaf(del, 'arkivperiodeSluttDato', `${e.year}-12-31`);

  const mappe = del.ele('mappe').att(XSI, 'xsi:type', 'saksmappe');
  leaf(mappe, 'systemID', systemId(keys.mappe(e)));
  leaf(mappe, 'mappeID', `${e.year}/${caseNumber(e.agency)}`);
  leaf(mappe, 'tittel', `Etatsstyring av ${e.agency.name} ${e.year}`);
  leaf(mappe, 'dokumentmedium', 'Elektronisk arkiv');
  leaf(mappe, 'opprettetDato', dateTime(first));
  leaf(mappe, 'opprettetAv', e.system);
  leaf(mappe, 'avsluttetDato', dateTime(last));
  leaf(mappe, 'avsluttetAv', e.system);
  const party = mappe.ele('part');
  leaf(party, 'partID', e.agency.orgNr ?? e.agency.id);
  leaf(party, 'partNavn', e.agency.name);
  leaf(party, 'partRolle', 'Underliggende virksomhet');
  e.records.forEach((r, i) => writeRecord(mappe, e, r, i + 1));
  leaf(mappe, 'saksaar', e.year);
  leaf(mappe, 'sakssekvensnummer', caseNumber(e.agency));
  leaf(mappe, 'saksdato', `${e.year}-01-01`);
  leaf(mappe, 'administrativEnhet', e.ministry.name);
  leaf(mappe, 'saksansvarlig', e.ministry.name);
  leaf(mappe, 'saksstatus', 'Avsluttet');
  return doc.end({ prettyPrint: true });
}

/** The changes logged: the audit trail's, else each record's archiving (see endringsloggXml). */
function loggedChanges(e: NoarkExtract): NoarkChange[] {
  if (e.changes.length > 0) return e.changes;
  return e.records.map((r) => ({
    recordKey: r.key,
    metadata: 'arkivertDato',
    at: r.archivedAt,
    by: r.archivedBy,
    before: '(ingen)',
    after: dateTime(r.archivedAt),
  }));
}

/**
 * `endringslogg.xml`. The schema asks for at least one change: records the audit trail knows no
 * change of (stored without it) are logged as archived, from the record itself.
 */
export function endringsloggXml(e: NoarkExtract): string {
  const changes = loggedChanges(e);
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const log = doc
    .ele(ENDRINGSLOGG_NS, 'endringslogg')
    .att('http://www.w3.org/2000/xmlns/', 'xmlns:xsi', XSI)
    .att(XSI, 'xsi:schemaLocation', `${ENDRINGSLOGG_NS} endringslogg.xsd`);
  for (const c of changes) {
    const x = log.ele('endring');
    leaf(x, 'referanseArkivenhet', recordSystemId(c.recordKey));
    leaf(x, 'referanseMetadata', c.metadata);
    leaf(x, 'endretDato', dateTime(c.at));
    leaf(x, 'endretAv', c.by);
    leaf(x, 'tidligereVerdi', c.before || '(ingen)');
    leaf(x, 'nyVerdi', c.after || '(ingen)');
  }
  return doc.end({ prettyPrint: true });
}

/** `info.xml`: what the extract holds, and every other file with its SHA-256 and size. */
export function packageDescriptionXml(e: NoarkExtract, files: ExtractFile[]): string {
  const { first, last } = span(e);
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const root = doc.ele(PACKAGE_NS, 'arkivuttrekk');
  leaf(root, 'system', e.system);
  leaf(root, 'standard', 'Noark 5 versjon 5.0');
  const creator = root.ele('arkivskaper').att('id', e.ministry.id);
  if (e.ministry.orgNr) creator.att('organisasjonsnummer', e.ministry.orgNr);
  creator.txt(e.ministry.name);
  const agency = root.ele('virksomhet').att('id', e.agency.id);
  if (e.agency.orgNr) agency.att('organisasjonsnummer', e.agency.orgNr);
  agency.txt(e.agency.name);
  leaf(root, 'aar', e.year);
  root.ele('periode').att('fra', dateTime(first)).att('til', dateTime(last));
  leaf(
    root,
    'perspektiv',
    'Departementets arkiv: tildelingsbrev og tillegg er utgående dokumenter (mottaker: virksomheten), rapportene inngående (avsender: virksomheten).',
  );
  const objects = e.records.flatMap((r) => r.documents.flatMap((d) => d.files));
  root
    .ele('antall')
    .att('journalposter', String(e.records.length))
    .att('dokumentbeskrivelser', String(e.records.reduce((n, r) => n + r.documents.length, 0)))
    .att('dokumentobjekter', String(objects.length))
    .att('endringer', String(loggedChanges(e).length));
  const schemas = root.ele('skjemaer');
  schemas
    .ele('skjema')
    .att('fil', 'arkivstruktur.xml')
    .att('navnerom', NOARK_NS)
    .att('xsd', 'arkivstruktur.xsd');
  schemas
    .ele('skjema')
    .att('fil', 'endringslogg.xml')
    .att('navnerom', ENDRINGSLOGG_NS)
    .att('xsd', 'endringslogg.xsd');
  schemas
    .ele('skjema')
    .att('fil', 'info.xml')
    .att('navnerom', PACKAGE_NS)
    .txt('Tildels egen pakkebeskrivelse; det finnes ikke noe XSD for den.');
  const list = root.ele('filer');
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    list
      .ele('fil')
      .att('sti', f.path)
      .att('sjekksum', sha256Hex(f.bytes))
      .att('sjekksumAlgoritme', 'SHA256')
      .att('stoerrelse', String(f.bytes.byteLength));
  }
  return doc.end({ prettyPrint: true });
}

/**
 * Every file of the extract: the two Noark files, the package description and the documents
 * (each once, by path). Throws when two different files would share a path.
 */
export function archiveExtractFiles(e: NoarkExtract): ExtractFile[] {
  const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
  const docs = new Map<string, Uint8Array>();
  for (const f of e.records.flatMap((r) => r.documents.flatMap((d) => d.files))) {
    const seen = docs.get(f.path);
    if (seen && sha256Hex(seen) !== sha256Hex(f.bytes)) {
      throw new Error(`Two different files at ${f.path}`);
    }
    docs.set(f.path, f.bytes);
  }
  const files: ExtractFile[] = [
    { path: 'arkivstruktur.xml', bytes: utf8(arkivstrukturXml(e)) },
    { path: 'endringslogg.xml', bytes: utf8(endringsloggXml(e)) },
    ...[...docs].map(([path, bytes]) => ({ path, bytes })),
  ];
  return [{ path: 'info.xml', bytes: utf8(packageDescriptionXml(e, files)) }, ...files];
}
