/**
 * The archive extract of the sample agency's year (Havdatadirektoratet 2026, sample-data/), on
 * a database of its own loaded like a fresh installation: valid against the Noark 5 v5.0
 * schemas by the real xmllint, every checksum and size matching its file, one journalpost per
 * letter, supplement and submitted report, the same bytes when exported twice; and the API's
 * zip of it for the ministry's archivist (403 for the agency's users, 404 for no such agency).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { openDatabase, type Database } from '../db/client';
import { auditLog, documents, drafts, reports, reportVersions } from '../db/schema';
import { buildApp, type App } from '../server/app';
import { signIn } from '../testing/auth';
import { checksumMismatches, documentObjects, writeExtract, xmllint } from '../testing/noark';
import { caseNumber } from '../render/noark';
import { exportArchive, type ArchiveExport } from './archive-export';
import { loadSampleDataIfEmpty, loadSampleFollowUp, loadSampleReports } from './sample-data';
import { ensureLocalUsers, SAMPLE_AGENCY } from './users';

const system = { kind: 'system', name: 'test' } as const;
const YEAR = 2026;

describe('archive extract of the sample agency-year', () => {
  let database: Database;
  let app: App;
  let extract: ArchiveExport;
  let dir: string;
  const text = (path: string) => readFileSync(resolve(dir, path), 'utf8');

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    await database.migrate();
    await loadSampleDataIfEmpty(database.db);
    await ensureLocalUsers(database.db);
    await loadSampleFollowUp(database.db);
    await loadSampleReports(database.db);
    const out = await exportArchive(database.db, system, SAMPLE_AGENCY, YEAR);
    if (out.kind !== 'exported') throw new Error(`not exported: ${out.kind}`);
    extract = out.extract;
    dir = writeExtract(extract.files);
    app = await buildApp({ database, webDir: '/nonexistent' });
  }, 240_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('validates against the Noark 5 v5.0 schemas (xmllint)', async () => {
    const structure = await xmllint(resolve(dir, 'arkivstruktur.xml'), 'arkivstruktur');
    expect(structure.output).toMatch(/validates/);
    expect(structure.ok).toBe(true);
    const log = await xmllint(resolve(dir, 'endringslogg.xml'), 'endringslogg');
    expect(log.output).toMatch(/validates/);
    expect(log.ok).toBe(true);
  });

  it('holds every file it names, with the checksum and size written', () => {
    const xml = text('arkivstruktur.xml');
    const objects = documentObjects(xml);
    expect(objects.length).toBeGreaterThanOrEqual(6);
    expect(checksumMismatches(dir, xml)).toEqual([]);
    // The package description lists every other file with its checksum, and nothing else.
    const info = text('info.xml');
    const listed = [...info.matchAll(/<fil sti="([^"]+)" sjekksum="([0-9a-f]{64})"/g)];
    expect(listed.map((m) => m[1]).sort()).toEqual(
      extract.files
        .map((f) => f.path)
        .filter((p) => p !== 'info.xml')
        .sort(),
    );
    for (const [, path, sha] of listed) {
      const f = extract.files.find((x) => x.path === path)!;
      expect(sha, path).toBe(createHash('sha256').update(f.bytes).digest('hex'));
    }
  });

  it('has one journalpost per letter, supplement and submitted report, letters outgoing', async () => {
    const { db } = database;
    const letters = await db
      .select({ seriesKey: documents.seriesKey })
      .from(documents)
      .where(
        and(
          eq(documents.agencyId, extract.agency.id),
          eq(documents.ministryId, extract.ministry.id),
          eq(documents.year, YEAR),
          eq(documents.status, 'published'),
        ),
      );
    const series = new Set(letters.map((l) => l.seriesKey));
    const submitted = await db
      .selectDistinct({ id: reportVersions.reportId })
      .from(reportVersions)
      .innerJoin(reports, eq(reports.id, reportVersions.reportId))
      .where(and(eq(reports.agencyId, extract.agency.id), eq(reports.year, YEAR)));
    expect(series.size).toBe(4);
    expect(submitted.length).toBe(2);
    const xml = text('arkivstruktur.xml');
    const types = [...xml.matchAll(/<journalposttype>([^<]+)<\/journalposttype>/g)].map(
      (m) => m[1],
    );
    expect(types.filter((t) => t === 'Utgående dokument')).toHaveLength(series.size);
    expect(types.filter((t) => t === 'Inngående dokument')).toHaveLength(submitted.length);
    expect(xml.match(/xsi:type="journalpost"/g)).toHaveLength(series.size + submitted.length);
    expect(extract.counts).toMatchObject({ letters: 4, reports: 2 });
    // The agency's own saksmappe (numbered from its org.nr, else its id), formats as PRONOM ids.
    const number = caseNumber(extract.agency);
    expect(number).toBeGreaterThan(1);
    expect(xml).toContain(`<mappeID>${YEAR}/${number}</mappeID>`);
    expect(xml).toContain(`<registreringsID>${YEAR}/${number}-1</registreringsID>`);
    const formats = new Set([...xml.matchAll(/<format>([^<]+)</g)].map((m) => m[1]));
    expect([...formats].sort()).toEqual(['fmt/276', 'fmt/412']);
    // The supplement written in Tildel is archived as the PDF it was issued as, byte for byte.
    const [issued] = await db
      .select()
      .from(drafts)
      .where(and(eq(drafts.status, 'issued'), eq(drafts.agencyId, extract.agency.id)));
    const pdfs = extract.files.filter((f) => f.path.endsWith('.pdf'));
    expect(pdfs.some((f) => Buffer.from(f.bytes).equals(Buffer.from(issued!.issuedPdf!)))).toBe(
      true,
    );
    expect(extract.files.filter((f) => f.path.endsWith('-produksjon.docx'))).toHaveLength(1);
    for (const f of pdfs) expect(Buffer.from(f.bytes).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('logs the changes of its records from the audit trail', () => {
    const log = text('endringslogg.xml');
    const actions = [...log.matchAll(/<referanseMetadata>([^<]+)</g)].map((m) => m[1]);
    expect(actions).toEqual(
      // Noark's names where it has one (a version stored, sent, the document's status).
      expect.arrayContaining(['versjonsnummer', 'sendtDato', 'dokumentstatus', 'report.sign']),
    );
    expect(log).toMatch(/<nyVerdi>status: accepted/);
    // Every change refers to a journalpost of the extract.
    const ids = new Set(
      [...text('arkivstruktur.xml').matchAll(/<systemID>([^<]+)<\/systemID>/g)].map((m) => m[1]),
    );
    for (const m of log.matchAll(/<referanseArkivenhet>([^<]+)</g))
      expect(ids.has(m[1])).toBe(true);
  });

  it('gives the same bytes for the same records, and audits each export', async () => {
    const again = await exportArchive(database.db, system, SAMPLE_AGENCY, YEAR);
    if (again.kind !== 'exported') throw new Error(again.kind);
    expect(again.extract.files.map((f) => f.path)).toEqual(extract.files.map((f) => f.path));
    again.extract.files.forEach((f, i) => {
      expect(Buffer.from(f.bytes).equals(Buffer.from(extract.files[i]!.bytes)), f.path).toBe(true);
    });
    const entries = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'archive.export'));
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(entries[0]!.objectId).toBe(`${extract.agency.id}:${YEAR}`);
  });

  it('serves the zip to the ministry archivist; refuses agency users and unknown agencies', async () => {
    const url = `/api/archive/extract?agency=${encodeURIComponent(SAMPLE_AGENCY)}&year=${YEAR}`;
    const archivist = await signIn(app, 'archivist');
    const res = await app.inject({ url, headers: { cookie: archivist.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/arkivuttrekk-Havdatadirektoratet-2026/);
    const zip = unzipSync(new Uint8Array(res.rawPayload));
    expect(Object.keys(zip).sort()).toEqual(extract.files.map((f) => f.path).sort());
    expect(strFromU8(zip['arkivstruktur.xml']!)).toBe(text('arkivstruktur.xml'));
    const fromZip = writeExtract(Object.entries(zip).map(([path, bytes]) => ({ path, bytes })));
    expect((await xmllint(resolve(fromZip, 'arkivstruktur.xml'), 'arkivstruktur')).ok).toBe(true);
    expect(checksumMismatches(fromZip, strFromU8(zip['arkivstruktur.xml']!))).toEqual([]);

    // By organisation id too; auditors may, the agency's own and another agency's users may not.
    const byId = `/api/archive/extract?agency=${extract.agency.id}&year=${YEAR}`;
    const auditor = await signIn(app, 'auditor');
    expect((await app.inject({ url: byId, headers: { cookie: auditor.cookie } })).statusCode).toBe(
      200,
    );
    for (const who of [
      'user:koordinator-fjordlos',
      'agency-coordinator',
      'ministry-reader',
    ] as const) {
      const s = await signIn(app, who);
      const refused = await app.inject({ url, headers: { cookie: s.cookie } });
      expect(refused.statusCode, who).toBe(403);
    }
    expect((await app.inject({ url })).statusCode).toBe(403);
    const unknown = await app.inject({
      url: `/api/archive/extract?agency=Ingen%20slik%20etat&year=${YEAR}`,
      headers: { cookie: archivist.cookie },
    });
    expect(unknown.statusCode).toBe(404);
    const bad = await app.inject({
      url: `/api/archive/extract?agency=x&year=abc`,
      headers: { cookie: archivist.cookie },
    });
    expect(bad.statusCode).toBe(400);
  });
});
