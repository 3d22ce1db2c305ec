/**
 * GET /api/archive/extract on the shared test database (PGlite, or PostgreSQL in the suite's
 * second run), with an agency of its own in 2068: published letters only (one journalpost each),
 * valid against the Noark 5 v5.0 schemas; the agency's own users refused; a name two agencies
 * answer to refused with both named; a report's first revision written with the same bytes
 * after the report was returned, changed and submitted again. The sample agency's full year
 * is exported in src/services/archive-export.db.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { ReportContent } from '../../contract/report';
import { assignments, organisations } from '../../db/schema';
import { exportArchive, type ArchiveExport } from '../../services/archive-export';
import { changeReportStatus, createReport, updateReport } from '../../services/reports';
import { testApp } from '../../testing/app';
import { signIn, storeScopedDocument } from '../../testing/auth';
import { checksumMismatches, writeExtract, xmllint } from '../../testing/noark';
import type { App } from '../app';

const YEAR = 2068;

describe('GET /api/archive/extract', () => {
  let app: App;
  let agency: string;
  let agencyId: string;
  let assignmentId: string;
  beforeAll(async () => {
    app = await testApp();
    agency = `Arkivprøveetaten ${randomUUID().slice(0, 8)}`;
    const published = await storeScopedDocument(app, 'published', agency, { year: YEAR });
    await storeScopedDocument(app, 'published', agency, { year: YEAR });
    // In consultation, not issued: no record of the ministry's archive yet.
    await storeScopedDocument(app, 'shared', agency, { year: YEAR });
    agencyId = published.agencyId;
    assignmentId = published.assignmentId;
  });

  it("gives the ministry's archivist a valid extract of the published letters", async () => {
    const archivist = await signIn(app, 'archivist');
    const res = await app.inject({
      url: `/api/archive/extract?agency=${encodeURIComponent(agency)}&year=${YEAR}`,
      headers: { cookie: archivist.cookie },
    });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const zip = unzipSync(new Uint8Array(res.rawPayload));
    const dir = writeExtract(Object.entries(zip).map(([path, bytes]) => ({ path, bytes })));
    expect((await xmllint(resolve(dir, 'arkivstruktur.xml'), 'arkivstruktur')).ok).toBe(true);
    expect((await xmllint(resolve(dir, 'endringslogg.xml'), 'endringslogg')).ok).toBe(true);
    const xml = strFromU8(zip['arkivstruktur.xml']!);
    expect(checksumMismatches(dir, xml)).toEqual([]);
    expect(xml.match(/xsi:type="journalpost"/g)).toHaveLength(2);
    expect(xml).not.toMatch(/\(shared\)/);
    expect(Object.keys(zip).filter((p) => p.startsWith('dokumenter/'))).toHaveLength(2);
    // The import of each letter is in the change log (a version stored: `versjonsnummer`).
    const log = strFromU8(zip['endringslogg.xml']!);
    expect(log.match(/<referanseMetadata>versjonsnummer</g)).toHaveLength(2);
  });

  it("refuses the agency's users and another agency's (403), and answers 404 for no such year's agency", async () => {
    for (const who of ['agency-coordinator', 'user:koordinator-fjordlos', 'agency-head'] as const) {
      const s = await signIn(app, who);
      const res = await app.inject({
        url: `/api/archive/extract?agency=${agencyId}&year=${YEAR}`,
        headers: { cookie: s.cookie },
      });
      expect(res.statusCode, who).toBe(403);
    }
    const archivist = await signIn(app, 'archivist');
    const none = await app.inject({
      url: `/api/archive/extract?agency=${randomUUID()}&year=${YEAR}`,
      headers: { cookie: archivist.cookie },
    });
    expect(none.statusCode).toBe(404);
  });

  it('tells in the ledger whether the reader may export the agency-year (the web shows the link by it)', async () => {
    const may = async (who: Parameters<typeof signIn>[1]) => {
      const s = await signIn(app, who);
      const res = await app.inject({
        url: `/api/ledger?agency=${agencyId}&year=${YEAR}`,
        headers: { cookie: s.cookie },
      });
      expect(res.statusCode, `${who}: ${res.body.slice(0, 200)}`).toBe(200);
      return res.json().abilities.archiveExport as boolean;
    };
    expect(await may('archivist')).toBe(true);
    expect(await may('ministry-budget-officer')).toBe(false);
    expect(await may('agency-coordinator')).toBe(false);
  });

  it('refuses a name two agencies answer to (ignoring case), naming both', async () => {
    const shouting = agency.toLocaleUpperCase('nb');
    const [other] = await app.database.db
      .insert(organisations)
      .values({ kind: 'agency', name: shouting, parentId: null })
      .returning();
    const archivist = await signIn(app, 'archivist');
    const asked = agency.toLocaleLowerCase('nb');
    const res = await app.inject({
      url: `/api/archive/extract?agency=${encodeURIComponent(asked)}&year=${YEAR}`,
      headers: { cookie: archivist.cookie },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().message).toContain(agencyId);
    expect(res.json().message).toContain(other!.id);
    // The exact name still names one.
    const exact = await app.inject({
      url: `/api/archive/extract?agency=${encodeURIComponent(agency)}&year=${YEAR}`,
      headers: { cookie: archivist.cookie },
    });
    expect(exact.statusCode).toBe(200);
  });

  it("writes a report's revision from what it stored: revision 1 keeps its bytes", async () => {
    const { db } = app.database;
    const system = { kind: 'system', name: 'test' } as const;
    const title = `Arkivrapport ${randomUUID().slice(0, 8)}`;
    const made = await createReport(db, system, {
      agencyId,
      year: YEAR,
      title,
      dueDate: `${YEAR}-06-01`,
    });
    if (made.kind !== 'saved') throw new Error(`No report: ${made.kind}`);
    const id = made.report.row.id;
    const write = async (deviation: string, expectedVersion: number) => {
      const content = ReportContent.parse({
        assignments: [{ assignmentId, deviation, cause: 'Testårsak', measures: 'Testtiltak' }],
        budget: [{ chapter: 700, post: 1, forecast: 150_000, explanation: 'Prognose for testen' }],
      });
      const saved = await updateReport(db, system, id, { content, expectedVersion });
      if (saved.kind !== 'saved') throw new Error(`Not saved: ${JSON.stringify(saved)}`);
      return saved.report.row.version;
    };
    const move = async (to: 'submitted' | 'returned', expectedVersion: number) => {
      const out = await changeReportStatus(db, system, id, {
        to,
        expectedVersion,
        ...(to === 'returned' ? { comment: 'Skriv mer' } : {}),
      });
      if (out.kind !== 'changed') throw new Error(`Not ${to}: ${JSON.stringify(out)}`);
      return out.report.version;
    };
    /** The report's file of the given revision in an extract. */
    const revisionFile = (x: ArchiveExport, revision: number) => {
      const xml = strFromU8(x.files.find((f) => f.path === 'arkivstruktur.xml')!.bytes);
      const post = xml
        .split('<registrering ')
        .find((p) => p.includes(`<tittel>${title}</tittel>`))!;
      const object = post
        .split('<dokumentobjekt>')
        .find((o) => o.includes(`<versjonsnummer>${revision}</versjonsnummer>`));
      const path = object && /<referanseDokumentfil>([^<]+)</.exec(object)![1];
      return path ? x.files.find((f) => f.path === path)!.bytes : null;
    };
    const extract = async () => {
      const out = await exportArchive(db, system, agencyId, YEAR);
      if (out.kind !== 'exported') throw new Error(out.kind);
      return out.extract;
    };

    const submitted = await move(
      'submitted',
      await write('Forsinket én måned', made.report.row.version),
    );
    const before = await extract();
    const first = revisionFile(before, 1);
    expect(first).not.toBeNull();
    expect(revisionFile(before, 2)).toBeNull();

    // The assignment is renamed (as a correction does), the report returned, changed, resubmitted.
    await db
      .update(assignments)
      .set({ title: 'Et nytt navn på oppdraget' })
      .where(eq(assignments.id, assignmentId));
    const reopened = await move('returned', submitted);
    await move('submitted', await write('Forsinket to måneder', reopened));
    const after = await extract();
    expect(Buffer.from(revisionFile(after, 1)!).equals(Buffer.from(first!))).toBe(true);
    const second = revisionFile(after, 2);
    expect(second).not.toBeNull();
    expect(Buffer.from(second!).equals(Buffer.from(first!))).toBe(false);
  });
});
