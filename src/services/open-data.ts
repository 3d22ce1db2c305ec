/**
 * Open data (docs/open-data.md): the issued letters as public files, per budget year and
 * agency: each letter's JSON in the import's schema (what `tildel import --dry-run --json`
 * prints for it, so that it reads back), its appropriations and assignments as CSV, and a
 * yearly bulk zip of them all. Only what an anonymous visitor may read is published: the
 * documents `visibleDocuments(ANONYMOUS)` admits (issued, current versions), never a second
 * rule. Read-only; every file is built deterministically (sorted rows, stable bytes), so its
 * content hash is a strong ETag.
 *
 * Built files are kept in a small in-memory LRU (bounded in bytes, per database, per process)
 * keyed by a year's fingerprint: one cheap query of what the files depend on (the issued
 * documents, their status versions and agencies' names, their assignments' versions) and a
 * counter of audited changes to documents, assignments and organisations. A repeated GET or a
 * 304 costs the fingerprint only. A stored reading that no longer fits the schema is left out
 * (and logged), never failing the year.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, gt, inArray, max, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { strToU8 } from 'fflate';
import { DateTime } from 'luxon';
import {
  APPROPRIATION_COLUMNS,
  ASSIGNMENT_COLUMNS,
  OPEN_DATA_LICENCE,
  OPEN_DATA_PAGE,
  openDataPaths,
  type OpenAgency,
  type OpenDataIndex,
  type OpenTable,
  type OpenYear,
} from '../contract/open-data';
import {
  DryRunOutput,
  ExtractedDocument,
  presentWarning,
  type StoredWarning,
} from '../contract/letter';
import type { Db } from '../db/client';
import {
  appropriationLines,
  assignmentDeadlines,
  assignmentEvents,
  assignments,
  auditHead,
  auditLog,
  documents,
  organisations,
} from '../db/schema';
import { visibleDocuments } from '../db/visibility';
import { ANONYMOUS } from '../domain/policy';
import { deterministicZip } from '../render/zip';
import { csvText } from './ledger-export';

/** One published file: its bytes, type and the validators of its version. */
export interface OpenFile {
  body: string | Uint8Array;
  contentType: string;
  /** Strong ETag: the content's SHA-256 (quoted). */
  etag: string;
  /** When what the file shows was last issued or changed (whole seconds). */
  lastModified: Date;
  /** A file name for downloads. */
  fileName: string;
}

/** Where a letter that cannot be published is reported (a pino logger fits). */
export interface OpenDataLog {
  warn: (detail: object, message: string) => void;
}

const consoleLog: OpenDataLog = {
  warn: (detail, message) => console.warn(message, detail),
};

interface OpenLetter {
  id: string;
  name: string;
  kind: ExtractedDocument['kind'];
  number: number;
  title: string;
  date: string | null;
  ministry: string | null;
  lastModified: Date;
}

interface AgencyYear {
  slug: string;
  name: string;
  orgNr: string | null;
  letters: OpenLetter[];
}

interface YearModel {
  year: number;
  agencies: AgencyYear[];
  lastModified: Date;
}

/** An agency's (or a ministry's) name as a URL key: lower-case ASCII words joined by `-`. */
export function slugOf(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/æ/gu, 'ae')
    .replace(/ø/gu, 'o')
    .replace(/å/gu, 'a')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, 100)
    .replace(/-+$/u, '');
  return slug || 'virksomhet';
}

const letterBase = (kind: string, number: number) =>
  kind === 'allocation-letter' ? 'tildelingsbrev' : `tillegg-${number}`;

const KIND_NB: Record<ExtractedDocument['kind'], string> = {
  'allocation-letter': 'tildelingsbrev',
  supplement: 'tillegg',
};

const latest = (dates: readonly (Date | null | undefined)[]): Date => {
  const ms = Math.max(0, ...dates.map((d) => (d ? d.getTime() : 0)));
  // HTTP dates have whole seconds: a validator finer than that would never match.
  return new Date(Math.floor(ms / 1000) * 1000);
};

/** Code-point order (the same in every locale and ICU version: stable file bytes). */
const byCodePoint = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** The documents an anonymous visitor reads: issued, current versions (of a year). */
const published = (year?: number): SQL =>
  and(
    visibleDocuments(ANONYMOUS),
    eq(documents.isCurrent, true),
    year === undefined ? undefined : eq(documents.year, year),
  )!;

// ---------------------------------------------------------------------------------------------
// The cache: built files and year models, per database, keyed by the year's fingerprint.

/** The cache's bound: the bytes of the files (and an estimate of the models) it keeps. */
export const OPEN_DATA_CACHE_BYTES = 64 * 1024 * 1024;

class ByteLru {
  private readonly entries = new Map<string, { value: unknown; size: number }>();
  private total = 0;
  constructor(private readonly maxBytes: number) {}

  get<T>(key: string): T | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value as T;
  }

  set(key: string, value: unknown, size: number): void {
    const old = this.entries.get(key);
    if (old) {
      this.total -= old.size;
      this.entries.delete(key);
    }
    if (size > this.maxBytes) return;
    this.entries.set(key, { value, size });
    this.total += size;
    for (const [k, e] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.entries.delete(k);
      this.total -= e.size;
    }
  }

  get bytes(): number {
    return this.total;
  }
}

interface CacheState {
  lru: ByteLru;
  /** The audit trail's last seq seen, and how many relevant audited changes came since start. */
  auditSeq: number | null;
  generation: number;
  /** Year models built (not found in the cache): for tests and the docs' claim. */
  builds: number;
}

const caches = new WeakMap<Db, CacheState>();

function cacheOf(db: Db): CacheState {
  let c = caches.get(db);
  if (!c) {
    c = { lru: new ByteLru(OPEN_DATA_CACHE_BYTES), auditSeq: null, generation: 0, builds: 0 };
    caches.set(db, c);
  }
  return c;
}

/** How often year models were built, and the bytes the cache holds (tests, diagnostics). */
export function openDataCacheStats(db: Db): { builds: number; bytes: number } {
  const c = cacheOf(db);
  return { builds: c.builds, bytes: c.lru.bytes };
}

/** The audited changes that can alter a published file. */
const RELEVANT_AUDIT = ['document', 'assignment', 'organisation'];

/**
 * Counts audited changes to documents, assignments and organisations since the process began:
 * the audit head's seq (one row), and when it moved, whether a relevant entry came since (a
 * range of the primary key).
 */
async function auditGeneration(db: Db): Promise<number> {
  const c = cacheOf(db);
  const [head] = await db.select({ seq: auditHead.seq }).from(auditHead);
  const seq = head?.seq ?? 0;
  if (c.auditSeq === null) c.auditSeq = seq;
  else if (seq !== c.auditSeq) {
    const [hit] = await db
      .select({ seq: auditLog.seq })
      .from(auditLog)
      .where(
        and(
          gt(auditLog.seq, Math.min(seq, c.auditSeq)),
          inArray(auditLog.objectType, RELEVANT_AUDIT),
        ),
      )
      .limit(1);
    if (hit || seq < c.auditSeq) c.generation++;
    c.auditSeq = seq;
  }
  return c.generation;
}

/**
 * The fingerprints of the years with issued letters (of one year when given), newest first:
 * what the files depend on, counted and hashed in the database (no large column is read).
 */
async function fingerprints(db: Db, year?: number): Promise<Map<number, string>> {
  const generation = await auditGeneration(db);
  const [docs, assigned] = await Promise.all([
    db
      .select({
        year: documents.year,
        hash: sql<string>`md5(string_agg(${documents.id}::text || ':' || ${documents.statusVersion} || ':' || coalesce(${organisations.name}, '') || ':' || coalesce(${organisations.orgNr}, ''), ',' order by ${documents.id}))`,
        created: sql<string>`max(${documents.createdAt})::text`,
      })
      .from(documents)
      .leftJoin(organisations, eq(organisations.id, documents.agencyId))
      .where(published(year))
      .groupBy(documents.year),
    db
      .select({
        year: documents.year,
        n: sql<string>`count(*)::text`,
        versions: sql<string>`coalesce(sum(${assignments.version}), 0)::text`,
      })
      .from(assignments)
      .innerJoin(documents, eq(documents.id, assignments.documentId))
      .where(published(year))
      .groupBy(documents.year),
  ]);
  const byYear = new Map(assigned.map((a) => [a.year, `${a.n}:${a.versions}`]));
  return new Map(
    docs
      .sort((x, y) => y.year - x.year)
      .map((d) => [d.year, `${generation}|${d.hash}|${d.created}|${byYear.get(d.year) ?? '0:0'}`]),
  );
}

/** The year's model from the cache, or built (and kept) under its fingerprint. */
async function modelOf(db: Db, year: number, fp: string): Promise<YearModel | null> {
  const c = cacheOf(db);
  const key = `${year}|${fp}|model`;
  const hit = c.lru.get<YearModel>(key);
  if (hit) return hit;
  c.builds++;
  const m = await loadYear(db, year);
  if (m) {
    const letters = m.agencies.reduce((n, a) => n + a.letters.length, 0);
    c.lru.set(key, m, 1024 + 512 * letters);
  }
  return m;
}

/**
 * A file of a year: from the cache when the year's fingerprint is unchanged, else built by
 * `build` from the year's model (and kept). Null when the year has no issued letter (or
 * `build` finds nothing).
 */
async function cachedFile(
  db: Db,
  year: number,
  name: string,
  build: (m: YearModel) => Promise<OpenFile | null> | OpenFile | null,
): Promise<OpenFile | null> {
  const fp = (await fingerprints(db, year)).get(year);
  if (fp === undefined) return null;
  const c = cacheOf(db);
  const key = `${year}|${fp}|${name}`;
  const hit = c.lru.get<OpenFile | null>(key);
  if (hit !== undefined) return hit;
  const m = await modelOf(db, year, fp);
  const f = m ? await build(m) : null;
  c.lru.set(
    key,
    f,
    256 + (f ? (typeof f.body === 'string' ? f.body.length * 2 : f.body.byteLength) : 0),
  );
  return f;
}

// ---------------------------------------------------------------------------------------------

/** The issued letters of a year by agency, or null when the year has none. */
async function loadYear(db: Db, year: number): Promise<YearModel | null> {
  const rows = await db
    .select({
      id: documents.id,
      kind: documents.kind,
      number: documents.number,
      title: documents.title,
      date: documents.date,
      agencyId: documents.agencyId,
      agencyName: documents.agencyName,
      ministryName: documents.ministryName,
      orgNr: organisations.orgNr,
      orgName: organisations.name,
      createdAt: documents.createdAt,
      // When the document (any version of it) was first stored: who came first keeps a name.
      firstSeen: sql<string>`(select min(d2.created_at) from documents d2 where d2.series_key = ${documents.seriesKey})::text`,
    })
    .from(documents)
    .leftJoin(organisations, eq(organisations.id, documents.agencyId))
    .where(published(year))
    .orderBy(asc(documents.kind), asc(documents.number), asc(documents.id));
  if (rows.length === 0) return null;
  const [audited, events, orgAudited] = await Promise.all([
    // Issued (a status change), corrected or re-imported: audited on the document.
    db
      .select({ id: documents.id, at: max(auditLog.at) })
      .from(auditLog)
      .innerJoin(documents, sql`${auditLog.objectId} = ${documents.id}::text`)
      .where(and(eq(auditLog.objectType, 'document'), published(year)))
      .groupBy(documents.id),
    // Any change of an assignment's follow-up (status, owner department, …): CSV columns.
    db
      .select({ id: assignments.documentId, at: max(assignmentEvents.at) })
      .from(assignmentEvents)
      .innerJoin(assignments, eq(assignments.id, assignmentEvents.assignmentId))
      .innerJoin(documents, eq(documents.id, assignments.documentId))
      .where(published(year))
      .groupBy(assignments.documentId),
    // A change of the agency (its name and number are columns of every file).
    db
      .select({ id: documents.id, at: max(auditLog.at) })
      .from(auditLog)
      .innerJoin(documents, sql`${auditLog.objectId} = ${documents.agencyId}::text`)
      .where(and(eq(auditLog.objectType, 'organisation'), published(year)))
      .groupBy(documents.id),
  ]);
  const changed = new Map<string, Date[]>();
  for (const r of [...audited, ...events, ...orgAudited]) {
    if (r.at) changed.set(r.id, [...(changed.get(r.id) ?? []), r.at]);
  }

  const byAgency = new Map<
    string,
    { name: string; orgNr: string | null; firstSeen: string; rows: typeof rows }
  >();
  for (const r of rows) {
    const name = r.orgName ?? r.agencyName ?? 'Ukjent virksomhet';
    const key = r.agencyId ?? `name:${name}`;
    const entry = byAgency.get(key) ?? {
      name,
      orgNr: r.orgNr ?? null,
      firstSeen: r.firstSeen,
      rows: [],
    };
    if (r.firstSeen < entry.firstSeen) entry.firstSeen = r.firstSeen;
    entry.rows.push(r);
    byAgency.set(key, entry);
  }
  // Keys in the order the agencies first appeared: a newcomer never takes an older one's slug.
  const slugs = new Map<string, string>();
  const taken = new Set<string>();
  const arrival = [...byAgency.entries()].sort(
    ([xk, x], [yk, y]) => byCodePoint(x.firstSeen, y.firstSeen) || byCodePoint(xk, yk),
  );
  for (const [key, a] of arrival) {
    let slug = slugOf(a.name);
    for (let n = 2; taken.has(slug); n++) slug = `${slugOf(a.name)}-${n}`;
    taken.add(slug);
    slugs.set(key, slug);
  }
  const agencies: AgencyYear[] = [];
  for (const [key, a] of [...byAgency.entries()].sort(
    ([xk, x], [yk, y]) => byCodePoint(x.name, y.name) || byCodePoint(xk, yk),
  )) {
    // One agency, two ministries' letters of the same kind and number: the first keeps the
    // plain name, a later one is named by its ministry.
    const names = new Map<string, string>();
    const used = new Set<string>();
    const firstFirst = [...a.rows].sort(
      (x, y) => byCodePoint(x.firstSeen, y.firstSeen) || byCodePoint(x.id, y.id),
    );
    for (const r of firstFirst) {
      const base = letterBase(r.kind, r.number);
      let name = used.has(base) ? `${base}-${slugOf(r.ministryName ?? 'departement')}` : base;
      const stem = name;
      for (let n = 2; used.has(name); n++) name = `${stem}-${n}`;
      used.add(name);
      names.set(r.id, name);
    }
    const letters = a.rows.map((r): OpenLetter => ({
      id: r.id,
      name: names.get(r.id)!,
      kind: r.kind,
      number: r.number,
      title: r.title,
      date: r.date,
      ministry: r.ministryName,
      lastModified: latest([r.createdAt, ...(changed.get(r.id) ?? [])]),
    }));
    agencies.push({ slug: slugs.get(key)!, name: a.name, orgNr: a.orgNr, letters });
  }
  return {
    year,
    agencies,
    lastModified: latest(agencies.flatMap((a) => a.letters.map((l) => l.lastModified))),
  };
}

function agencyJson(year: number, a: AgencyYear): OpenAgency {
  return {
    slug: a.slug,
    name: a.name,
    orgNr: a.orgNr,
    url: openDataPaths.agency(year, a.slug),
    letters: a.letters.map((l) => ({
      name: l.name,
      kind: l.kind,
      number: l.kind === 'allocation-letter' ? null : l.number,
      title: l.title,
      date: l.date,
      ministry: l.ministry,
      url: openDataPaths.letter(year, a.slug, l.name),
    })),
    files: {
      appropriations: openDataPaths.agencyTable(year, a.slug, 'appropriations'),
      assignments: openDataPaths.agencyTable(year, a.slug, 'assignments'),
    },
  };
}

function yearJson(m: YearModel): OpenYear {
  return {
    year: m.year,
    lastModified: m.lastModified.toISOString(),
    licence: { ...OPEN_DATA_LICENCE },
    agencies: m.agencies.map((a) => agencyJson(m.year, a)),
    files: {
      appropriations: openDataPaths.yearTable(m.year, 'appropriations'),
      assignments: openDataPaths.yearTable(m.year, 'assignments'),
      bulk: openDataPaths.bulk(m.year),
    },
  };
}

/** A strong ETag: the content's SHA-256, base64url, quoted. */
export const etagOf = (bytes: string | Uint8Array): string =>
  `"${createHash('sha256').update(bytes).digest('base64url')}"`;

function file(
  body: string | Uint8Array,
  contentType: string,
  lastModified: Date,
  fileName: string,
): OpenFile {
  return { body, contentType, etag: etagOf(body), lastModified, fileName };
}

const JSON_TYPE = 'application/json; charset=utf-8';
const CSV_TYPE = 'text/csv; charset=utf-8';

/** The index of a year (agencies, letters, files), or null when nothing was issued that year. */
export async function openYearIndex(db: Db, year: number): Promise<OpenFile | null> {
  return cachedFile(db, year, 'index', (m) =>
    file(json(yearJson(m)), JSON_TYPE, m.lastModified, `tildel-${year}.json`),
  );
}

/** An agency's letters of a year, or null. */
export async function openAgencyIndex(
  db: Db,
  year: number,
  slug: string,
): Promise<OpenFile | null> {
  return cachedFile(db, year, `agency:${slug}`, (m) => {
    const a = m.agencies.find((x) => x.slug === slug);
    if (!a) return null;
    return file(
      json(agencyJson(year, a)),
      JSON_TYPE,
      latest(a.letters.map((l) => l.lastModified)),
      `tildel-${year}-${slug}.json`,
    );
  });
}

/**
 * A letter in the import's schema (`DryRunOutput` with the one document), or null (also when
 * its stored reading does not fit the schema: logged).
 */
export async function openLetter(
  db: Db,
  year: number,
  slug: string,
  name: string,
  log: OpenDataLog = consoleLog,
): Promise<OpenFile | null> {
  return cachedFile(db, year, `letter:${slug}/${name}`, async (m) => {
    const letter = m.agencies.find((x) => x.slug === slug)?.letters.find((l) => l.name === name);
    if (!letter) return null;
    const [row] = await db
      .select({ extracted: documents.extracted })
      .from(documents)
      .where(eq(documents.id, letter.id));
    const fileName = `${year}-${slug}-${name}.json`;
    const body = letterJson(fileName, letter, row?.extracted, log);
    return body === null ? null : file(body, JSON_TYPE, letter.lastModified, fileName);
  });
}

/** A stored reading's keys that an older importer did not write: an empty list or null. */
function fillMissing(schema: z.ZodType, value: unknown): unknown {
  if (schema instanceof z.ZodNullable || schema instanceof z.ZodOptional) {
    return value === null || value === undefined
      ? value
      : fillMissing(schema.unwrap() as z.ZodType, value);
  }
  if (schema instanceof z.ZodArray && Array.isArray(value)) {
    return value.map((v) => fillMissing(schema.element as z.ZodType, v));
  }
  if (
    schema instanceof z.ZodObject &&
    value &&
    typeof value === 'object' &&
    !Array.isArray(value)
  ) {
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      if (!(key in out)) {
        if (field.safeParse([]).success) out[key] = [];
        else if (field.safeParse(null).success) out[key] = null;
      } else out[key] = fillMissing(field, out[key]);
    }
    return out;
  }
  return value;
}

/**
 * A stored reading (`documents.extracted`) in today's schema, or null: warnings stored as text
 * (before codes) become the `text` warning, as the document presenter sends them; lists and
 * nullable fields an older importer did not write are empty.
 */
function storedReading(
  extracted: unknown,
): { ok: true; document: ExtractedDocument } | { ok: false; reason: string } {
  const filled = fillMissing(ExtractedDocument, extracted) as Record<string, unknown> | null;
  if (filled && Array.isArray(filled.warnings)) {
    filled.warnings = (filled.warnings as StoredWarning[]).map(presentWarning);
  }
  const parsed = ExtractedDocument.safeParse(filled);
  if (parsed.success) return { ok: true, document: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
}

/**
 * What `tildel import --dry-run --json` prints for the letter: the stored reading (corrections
 * applied), parsed by the contract's schema (so its keys come in the schema's order, whatever
 * order the database keeps them in), `file` naming the published file (never the name of the
 * file it was uploaded as). Null, logged, when the stored reading does not fit the schema.
 */
function letterJson(
  fileName: string,
  l: OpenLetter,
  extracted: unknown,
  log: OpenDataLog,
): string | null {
  const read = storedReading(extracted);
  if (!read.ok) {
    log.warn(
      { document: l.id, letter: l.name, reason: read.reason },
      'open data: a stored reading does not fit the schema; the letter is left out',
    );
    return null;
  }
  const out = DryRunOutput.parse({ documents: [{ ...read.document, file: fileName }] });
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** A table of a year (agency: of one agency's letters), or null. */
export async function openTable(
  db: Db,
  year: number,
  table: OpenTable,
  slug?: string,
): Promise<OpenFile | null> {
  return cachedFile(db, year, `table:${table}:${slug ?? ''}`, async (m) => {
    const agencies = slug === undefined ? m.agencies : m.agencies.filter((a) => a.slug === slug);
    if (agencies.length === 0) return null;
    const body = await tableCsv(db, m.year, agencies, table);
    const lastModified = latest(agencies.flatMap((a) => a.letters.map((l) => l.lastModified)));
    const name = `${year}${slug ? `-${slug}` : ''}-${table}.csv`;
    return file(body, CSV_TYPE, lastModified, name);
  });
}

async function tableCsv(
  db: Db,
  year: number,
  agencies: readonly AgencyYear[],
  table: OpenTable,
): Promise<string> {
  return table === 'appropriations'
    ? appropriationsCsv(db, year, agencies)
    : assignmentsCsv(db, year, agencies);
}

/** Groups rows by a key, keeping their order. */
function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** The columns every row shares: which letter it is from. */
function letterColumns(year: number, a: AgencyYear, l: OpenLetter) {
  return [
    year,
    l.ministry,
    a.name,
    a.orgNr,
    l.name,
    l.title,
    KIND_NB[l.kind],
    l.kind === 'allocation-letter' ? null : l.number,
  ];
}

async function appropriationsCsv(
  db: Db,
  year: number,
  agencies: readonly AgencyYear[],
): Promise<string> {
  // The year's lines, joined on the document (no list of ids), grouped by document.
  const rows = await db
    .select({
      documentId: appropriationLines.documentId,
      chapter: appropriationLines.chapter,
      chapterName: appropriationLines.chapterName,
      post: appropriationLines.post,
      postName: appropriationLines.postName,
      amount: appropriationLines.amount,
      notes: appropriationLines.notes,
      comment: appropriationLines.comment,
    })
    .from(appropriationLines)
    .innerJoin(documents, eq(documents.id, appropriationLines.documentId))
    .where(published(year))
    .orderBy(asc(appropriationLines.ord), asc(appropriationLines.id));
  const byLetter = groupBy(rows, (r) => r.documentId);
  const out: (string | number | null)[][] = [[...APPROPRIATION_COLUMNS]];
  for (const a of agencies) {
    for (const l of a.letters) {
      for (const r of byLetter.get(l.id) ?? []) {
        out.push([
          ...letterColumns(year, a, l),
          l.date,
          r.chapter,
          r.chapterName,
          String(r.post).padStart(2, '0'),
          r.postName,
          // Letters print thousands of kroner; whole kroner is exact (an integer times 1000).
          r.amount * 1000,
          r.amount,
          r.notes.join(', '),
          r.comment,
        ]);
      }
    }
  }
  return csvText(out);
}

async function assignmentsCsv(
  db: Db,
  year: number,
  agencies: readonly AgencyYear[],
): Promise<string> {
  const [rows, deadlines] = await Promise.all([
    db
      .select({
        id: assignments.id,
        documentId: assignments.documentId,
        registerId: assignments.registerId,
        idAssigned: assignments.idAssigned,
        ownerDepartment: assignments.ownerDepartment,
        title: assignments.title,
        status: assignments.status,
        clarifies: assignments.clarifies,
      })
      .from(assignments)
      .innerJoin(documents, eq(documents.id, assignments.documentId))
      .where(published(year))
      .orderBy(asc(assignments.ord), asc(assignments.id)),
    db
      .select({
        assignmentId: assignmentDeadlines.assignmentId,
        appliesTo: assignmentDeadlines.appliesTo,
        phrase: assignmentDeadlines.phrase,
        date: assignmentDeadlines.date,
      })
      .from(assignmentDeadlines)
      .innerJoin(assignments, eq(assignments.id, assignmentDeadlines.assignmentId))
      .innerJoin(documents, eq(documents.id, assignments.documentId))
      .where(published(year)),
  ]);
  const byLetter = groupBy(rows, (r) => r.documentId);
  const byAssignment = groupBy(deadlines, (d) => d.assignmentId);
  const out: (string | number | null)[][] = [[...ASSIGNMENT_COLUMNS]];
  for (const a of agencies) {
    for (const l of a.letters) {
      for (const r of byLetter.get(l.id) ?? []) {
        const own = [...(byAssignment.get(r.id) ?? [])].sort(
          (x, y) =>
            byCodePoint(x.date ?? '9999', y.date ?? '9999') ||
            byCodePoint(x.appliesTo ?? '', y.appliesTo ?? '') ||
            byCodePoint(x.phrase, y.phrase),
        );
        const dates = own
          .filter((d) => d.date !== null)
          .map((d) => (d.appliesTo ? `${d.date} (${d.appliesTo})` : d.date!));
        out.push([
          ...letterColumns(year, a, l),
          r.registerId,
          r.idAssigned ? 'ja' : 'nei',
          r.ownerDepartment,
          r.title,
          r.status,
          r.clarifies,
          dates.join(' | '),
          own.map((d) => (d.appliesTo ? `${d.appliesTo}) ${d.phrase}` : d.phrase)).join(' | '),
        ]);
      }
    }
  }
  return csvText(out);
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The licence statement, in Norwegian and English (also README of the bulk file). */
export function licenceText(): string {
  return [
    `Lisens / Licence: ${OPEN_DATA_LICENCE.name}`,
    OPEN_DATA_LICENCE.url,
    '',
    'Tildelingsbrev, tillegg og oppdrag som er utstedt i Tildel, er åpne data. Du kan kopiere,',
    'bruke, endre og dele dem, også kommersielt, på vilkårene i NLOD 2.0. Oppgi kilden',
    '(«Inneholder data under Norsk lisens for offentlige data (NLOD) tilgjengeliggjort av',
    'departementet som har utstedt brevet»).',
    '',
    'Allocation letters, supplements and assignments issued in Tildel are open data under the',
    'Norwegian Licence for Open Government Data (NLOD) 2.0: copy, use, adapt and share them,',
    'commercially too, naming the source.',
    '',
  ].join('\n');
}

function readme(m: YearModel, included: ReadonlySet<string>): string {
  const letters = m.agencies.flatMap((a) =>
    a.letters
      .filter((l) => included.has(l.id))
      .map((l) => `  letters/${a.slug}/${l.name}.json  ${l.title}`),
  );
  return [
    `Tildel – åpne data for budsjettåret ${m.year}`,
    '',
    'Innhold:',
    '  index.json               årets virksomheter og brev (samme som /years/{år} i API-et)',
    '  appropriations.csv       bevilgninger: én rad per bevilgningslinje i brevene',
    '  assignments.csv          oppdrag: én rad per oppdrag i brevene, med status og frister',
    '  LISENS.txt               lisensen (NLOD 2.0)',
    ...letters,
    '',
    'Brevene er JSON i Tildels importformat (`tildel schema import`); `tildel import --dry-run',
    'brev.json` leser dem inn igjen. CSV-filene er UTF-8 med BOM, semikolon som skilletegn og',
    'CRLF, slik at norsk Excel åpner dem direkte. Beløp står i hele kroner (belop_kr) og i',
    'tusen kroner slik brevet trykker dem (belop_1000_kr). Se docs/open-data.md.',
    '',
    licenceText(),
  ].join('\n');
}

/**
 * The year in one zip: README.txt, LISENS.txt, index.json, the two tables, and every letter's
 * JSON under letters/{agency}/ (a letter whose stored reading does not fit the schema is left
 * out, logged, and not named in the README). Entries in a fixed order with the year's last
 * change as their time, so the same content gives the same bytes.
 */
export async function openBulk(
  db: Db,
  year: number,
  log: OpenDataLog = consoleLog,
): Promise<OpenFile | null> {
  return cachedFile(db, year, 'bulk', async (m) => {
    // The year's last change on Oslo's wall clock (a zip's times have no zone).
    const oslo = DateTime.fromJSDate(m.lastModified, { zone: 'Europe/Oslo' });
    const stored = await db
      .select({ id: documents.id, extracted: documents.extracted })
      .from(documents)
      .where(published(year));
    const read = new Map(stored.map((r) => [r.id, r.extracted as unknown]));
    const letters: [string, Uint8Array][] = [];
    const included = new Set<string>();
    for (const a of m.agencies) {
      for (const l of a.letters) {
        const body = letterJson(`${year}-${a.slug}-${l.name}.json`, l, read.get(l.id), log);
        if (body === null) continue;
        included.add(l.id);
        letters.push([`letters/${a.slug}/${l.name}.json`, strToU8(body)]);
      }
    }
    const entries: [string, Uint8Array][] = [
      ['README.txt', strToU8(readme(m, included))],
      ['LISENS.txt', strToU8(licenceText())],
      ['index.json', strToU8(json(yearJson(m)))],
      ['appropriations.csv', strToU8(await tableCsv(db, year, m.agencies, 'appropriations'))],
      ['assignments.csv', strToU8(await tableCsv(db, year, m.agencies, 'assignments'))],
      ...letters,
    ];
    const zip = deterministicZip(entries, oslo);
    return file(zip, 'application/zip', m.lastModified, `tildel-${year}.zip`);
  });
}

/** The API's index: what it is, its licence, and the years with issued letters. */
export async function openIndex(db: Db): Promise<OpenFile> {
  const fps = await fingerprints(db);
  const c = cacheOf(db);
  const key = `index|${[...fps].map(([y, fp]) => `${y}=${fp}`).join(',')}`;
  const hit = c.lru.get<OpenFile>(key);
  if (hit) return hit;
  const years: YearModel[] = [];
  for (const [year, fp] of fps) {
    const m = await modelOf(db, year, fp);
    if (m) years.push(m);
  }
  const index: OpenDataIndex = {
    name: 'Tildel – åpne data',
    description:
      'Utstedte tildelingsbrev og tillegg per budsjettår og virksomhet: hvert brev som JSON i Tildels importformat, bevilgninger og oppdrag som CSV, og en zip-fil per år.',
    licence: { ...OPEN_DATA_LICENCE },
    letterSchema: openDataPaths.letterSchema(),
    documentation: OPEN_DATA_PAGE,
    years: years.map((m) => ({
      year: m.year,
      agencies: m.agencies.length,
      letters: m.agencies.reduce((n, a) => n + a.letters.length, 0),
      lastModified: m.lastModified.toISOString(),
      url: openDataPaths.year(m.year),
      bulk: openDataPaths.bulk(m.year),
    })),
  };
  const f = file(json(index), JSON_TYPE, latest(years.map((m) => m.lastModified)), 'tildel.json');
  c.lru.set(key, f, 256 + f.body.length * 2);
  return f;
}
