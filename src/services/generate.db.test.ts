/**
 * The national dataset generator writes with COPY into PostgreSQL, so this file runs in the
 * PostgreSQL pass only (TILDEL_TEST_DATABASE_URL; on PGlite it is skipped, saying why). It
 * uses a database of its own on that server, `{run}_w{worker}_generate`, dropped after: the generator
 * refuses a database that holds data, and its years never meet another test file's.
 */
import { and, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssignmentQuery } from '../contract/api';
import { openDatabase, type Database } from '../db/client';
import { freshServerDatabase } from '../db/testing';
import { GENERATED_ISSUER, RUSH_REPORT_TEXT } from '../db/generate/national';
import { assignments, documents, organisations, reports, users } from '../db/schema';
import { listAssignments } from './assignments';
import { verifyAudit } from './audit';
import { getDocument } from './documents';
import { DatabaseNotEmpty, generateDataset } from './generate';
import { getLedger } from './ledger';
import { changeReportStatus, ensureReports, getReport } from './reports';
import { actorFromUser } from './users';

const serverUrl = process.env.TILDEL_TEST_DATABASE_URL;
const opts = { ministries: 2, agencies: 3, years: 2, lastYear: 2041, asOf: '2041-11-20', seed: 3 };
const system = { kind: 'system' as const, name: 'test' };

describe.skipIf(!serverUrl)(
  'dev generate on PostgreSQL (needs TILDEL_TEST_DATABASE_URL: COPY)',
  () => {
    let url: string;
    let fresh: Awaited<ReturnType<typeof freshServerDatabase>>;
    let client: pg.Client;
    let database: Database;

    beforeAll(async () => {
      fresh = await freshServerDatabase(serverUrl!, 'generate');
      url = fresh.url;
      database = await openDatabase({ url });
      await database.migrate();
      client = new pg.Client({ connectionString: url });
      await client.connect();
    });

    afterAll(async () => {
      await client?.end();
      await database?.close();
      await fresh?.drop();
    });

    it('writes a dataset the register, documents, ledger and reports read as imported letters', async () => {
      const { counts } = await generateDataset(client, system, opts, {});
      expect(counts.organisations).toBe(opts.ministries + opts.agencies);
      expect(counts.assignments).toBeGreaterThanOrEqual(opts.agencies * 30);
      expect(counts.assignmentEvents).toBeGreaterThan(counts.assignments * 3);
      const { db } = database;

      const [officerRow] = await db
        .select()
        .from(users)
        .where(eq(users.subject, `oidc:${GENERATED_ISSUER}|HOD-budsjett`));
      const officer = actorFromUser(officerRow!);
      const [agency] = await db
        .select()
        .from(organisations)
        .where(
          and(
            eq(organisations.parentId, officerRow!.organisationId!),
            eq(organisations.kind, 'agency'),
          ),
        )
        .orderBy(organisations.name)
        .limit(1);

      // The register, filtered and searched.
      const filtered = await listAssignments(
        db,
        officer,
        AssignmentQuery.parse({ year: String(opts.lastYear), agency: agency!.id, limit: '200' }),
      );
      const stored = await db
        .select({ id: assignments.id })
        .from(assignments)
        .innerJoin(documents, eq(documents.id, assignments.documentId))
        .where(
          and(
            eq(assignments.agencyId, agency!.id),
            eq(assignments.year, opts.lastYear),
            eq(documents.isCurrent, true),
          ),
        );
      expect(filtered.total).toBeGreaterThanOrEqual(30);
      expect(filtered.total).toBeLessThanOrEqual(stored.length);
      const searched = await listAssignments(
        db,
        officer,
        AssignmentQuery.parse({ q: 'tilskuddsordningen', limit: '10' }),
      );
      expect(searched.total).toBeGreaterThan(0);

      // A letter, read as its agency's coordinator.
      const [coordinatorRow] = await db
        .select()
        .from(users)
        .where(
          and(
            eq(users.organisationId, agency!.id),
            sql`${users.roles} @> '["agency-coordinator"]'::jsonb`,
          ),
        );
      const coordinator = actorFromUser(coordinatorRow!);
      expect(coordinator.kind === 'user' && coordinator.roles).toEqual(['agency-coordinator']);
      const [letter] = await db
        .select({ id: documents.id })
        .from(documents)
        .where(
          and(
            eq(documents.agencyId, agency!.id),
            eq(documents.year, opts.lastYear),
            eq(documents.kind, 'allocation-letter'),
          ),
        );
      const doc = await getDocument(db, coordinator, letter!.id);
      expect(doc).not.toBeNull();

      // The ledger: the letter and its supplements, with no sum or change-table findings.
      const ledger = await getLedger(db, officer, agency!.id, opts.lastYear);
      expect(ledger).not.toBeNull();
      expect(ledger!.documents.length).toBeGreaterThanOrEqual(1);

      // Reports: keyed as the service keys them (it makes none twice), and the rush's draft is
      // complete enough to submit.
      expect(await ensureReports(db, agency!.id, opts.lastYear)).toBe(0);
      const [draft] = await db
        .select()
        .from(reports)
        .where(
          and(
            eq(reports.agencyId, agency!.id),
            eq(reports.year, opts.lastYear),
            eq(reports.title, RUSH_REPORT_TEXT),
          ),
        );
      expect(draft!.status).toBe('draft');
      expect(await getReport(db, coordinator, draft!.id)).not.toBeNull();
      const submitted = await changeReportStatus(db, coordinator, draft!.id, {
        to: 'submitted',
        expectedVersion: draft!.version,
      });
      expect(submitted.kind).toBe('changed');

      // One audit entry for the whole dataset, and the chain holds.
      const audit = await verifyAudit(db);
      expect(audit.ok).toBe(true);
    });

    it('refuses a database that holds data, and with force empties it first', async () => {
      await expect(generateDataset(client, system, opts, {})).rejects.toThrow(DatabaseNotEmpty);
      const again = await generateDataset(client, system, opts, { force: true });
      expect(again.emptied).toContain('documents');
      const [{ n }] = (
        await client.query<{ n: number }>('select count(*)::int as n from organisations')
      ).rows as [{ n: number }];
      expect(n).toBe(opts.ministries + opts.agencies);
    });
  },
);
