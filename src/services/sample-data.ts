/**
 * Sample data for a fresh installation: the letter series in sample-data/ (written for this
 * project, about a fictional agency) imported through the real import pipeline, once, into
 * an empty database; then the letters of sample-data/written/ written in Tildel (a
 * supplement issued, next year's letter left as a draft), through the drafts service; and,
 * once the sample users exist, how the agency follows its assignments up
 * (sample-data/follow-up.json), as those users, through the follow-up services.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { DraftContent } from '../contract/draft';
import { DocumentKind } from '../contract/enums';
import type { Db } from '../db/client';
import type { Actor } from '../domain/policy';
import { approveDraft, createDraft, issueDraft, updateDraft, type DraftOutcome } from './drafts';
import { findOrganisation } from './organisations';
import { documentCount } from './documents';
import { importFile } from './import-files';
import { and, eq } from 'drizzle-orm';
import { Progress } from '../contract/enums';
import { AnnualContent, ReportRisk, type ReportContent } from '../contract/report';
import { osloToday } from './calendar';
import {
  changeReportStatus,
  createReport,
  getReport,
  listReports,
  signReport,
  updateReport,
} from './reports';
import { assignments, documents } from '../db/schema';
import { changeStatus } from './assignment-status';
import { setOwnerPerson, setProgress } from './follow-up';
import { inRegister } from './assignments';
import { actorFromUser, findLocalUser } from './users';

export const SAMPLE_DIR = resolve(import.meta.dirname, '../../sample-data');

/** Whether the database holds no documents yet: the only case the sample data is loaded in. */
export async function databaseIsEmpty(db: Db): Promise<boolean> {
  return (await documentCount(db)) === 0;
}

export function sampleFiles(dir = SAMPLE_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(txt|pdf|docx)$/i.test(f))
    .sort()
    .map((f) => resolve(dir, f));
}

/**
 * A letter the sample writes in Tildel (sample-data/written/*.json): a draft started empty or
 * from last year's letter, its content where given, and, when `issue`, approved and issued.
 */
const WrittenSample = z.object({
  about: z.string(),
  agency: z.string(),
  year: z.int(),
  kind: DocumentKind,
  from: z.enum(['empty', 'last-year']),
  issue: z.boolean(),
  content: DraftContent.optional(),
});

const SAMPLE_ACTOR: Actor = { kind: 'system', name: 'sample-data' };

async function writeSample(db: Db, path: string): Promise<void> {
  const sample = WrittenSample.parse(JSON.parse(readFileSync(path, 'utf8')));
  const agency = await findOrganisation(db, 'agency', sample.agency);
  if (!agency.id) throw new Error(`${path}: no agency ${sample.agency} in the sample data`);
  const step = (what: string, out: DraftOutcome) => {
    if (out.kind !== 'saved') {
      throw new Error(`${path}: ${what} failed: ${'message' in out ? out.message : out.kind}`);
    }
    return out.draft.row;
  };
  let draft = step(
    'creating the draft',
    await createDraft(db, SAMPLE_ACTOR, {
      agencyId: agency.id,
      year: sample.year,
      kind: sample.kind,
      from: sample.from,
    }),
  );
  if (sample.content) {
    draft = step(
      'saving its content',
      await updateDraft(db, SAMPLE_ACTOR, draft.id, {
        expectedVersion: draft.version,
        content: sample.content,
      }),
    );
  }
  if (!sample.issue) return;
  draft = step('approving it', await approveDraft(db, SAMPLE_ACTOR, draft.id, draft.version));
  step('issuing it', await issueDraft(db, SAMPLE_ACTOR, draft.id, draft.version));
}

/** Imports the sample series when the database holds no documents. Returns files imported. */
export async function loadSampleDataIfEmpty(db: Db, dir = SAMPLE_DIR): Promise<number> {
  if (!(await databaseIsEmpty(db))) return 0;
  let n = 0;
  for (const path of sampleFiles(dir)) {
    const result = await importFile(
      db,
      { kind: 'system', name: 'sample-data' },
      { name: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(path)) },
      { dryRun: false, maxBytes: 20 * 1024 * 1024, confirm: 'all' },
    );
    if (result.status === 'refused') {
      throw new Error(`Sample file ${result.file} was refused: ${result.reason}`);
    }
    n++;
  }
  const written = resolve(dir, 'written');
  if (existsSync(written)) {
    for (const f of readdirSync(written)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      await writeSample(db, resolve(written, f));
    }
  }
  return n;
}

/** A sample user (`local:{key}`), for the steps a sample file does as them. */
async function sampleUser(db: Db, path: string, key: string) {
  const user = await findLocalUser(db, key);
  if (!user) throw new Error(`${path}: no sample user ${key}`);
  return user;
}

/** How the sample agency follows its assignments up (sample-data/follow-up.json). */
const FollowUpSample = z.object({
  about: z.string(),
  agency: z.string(),
  year: z.int(),
  steps: z.array(
    z.object({
      /** The sample user who acts (`local:{as}`). */
      as: z.string(),
      /** The assignment's register ID. */
      id: z.string(),
      owner: z.string().optional(),
      progress: Progress.optional(),
      reason: z.string().optional(),
      deliver: z.object({ ref: z.string(), file: z.string(), text: z.string() }).optional(),
      status: z.enum(['accepted']).optional(),
    }),
  ),
});

/** A one-page PDF with the text (a delivery's file in the sample). */
async function samplePdf(text: string): Promise<Uint8Array> {
  const { default: PDFDocument } = await import('pdfkit'); // loaded on first use (~25 MB)
  return new Promise((done, fail) => {
    const doc = new PDFDocument({ size: 'A4', margin: 60 });
    const parts: Buffer[] = [];
    doc.on('data', (b: Buffer) => parts.push(b));
    doc.on('end', () => done(new Uint8Array(Buffer.concat(parts))));
    doc.on('error', fail);
    doc.fontSize(12).text(text);
    doc.end();
  });
}

/**
 * Follows the sample's assignments up as the sample users. Needs the users (local sign-in):
 * call after ensureLocalUsers, once, right after the sample letters were loaded.
 */
export async function loadSampleFollowUp(db: Db, dir = SAMPLE_DIR): Promise<number> {
  const path = resolve(dir, 'follow-up.json');
  if (!existsSync(path)) return 0;
  const sample = FollowUpSample.parse(JSON.parse(readFileSync(path, 'utf8')));
  const agency = await findOrganisation(db, 'agency', sample.agency);
  if (!agency.id) throw new Error(`${path}: no agency ${sample.agency} in the sample data`);
  const person = (key: string) => sampleUser(db, path, key);
  const current = async (registerId: string) => {
    const [a] = await db
      .select({ id: assignments.id, version: assignments.version })
      .from(assignments)
      .innerJoin(documents, eq(documents.id, assignments.documentId))
      .where(
        and(
          eq(assignments.agencyId, agency.id!),
          eq(assignments.year, sample.year),
          eq(assignments.registerId, registerId),
          eq(documents.isCurrent, true),
          inRegister,
        ),
      );
    if (!a) throw new Error(`${path}: no assignment ${registerId}`);
    return a;
  };
  for (const [i, s] of sample.steps.entries()) {
    const actor = actorFromUser(await person(s.as));
    const a = await current(s.id);
    const base = { expectedVersion: a.version };
    const out = s.owner
      ? await setOwnerPerson(db, actor, a.id, { ...base, userId: (await person(s.owner)).id })
      : s.progress
        ? await setProgress(db, actor, a.id, { ...base, progress: s.progress, reason: s.reason })
        : s.deliver
          ? await changeStatus(db, actor, a.id, {
              ...base,
              to: 'delivered',
              deliveryRef: s.deliver.ref,
              files: [
                {
                  name: s.deliver.file,
                  mediaType: 'application/pdf',
                  bytes: await samplePdf(s.deliver.text),
                },
              ],
            })
          : await changeStatus(db, actor, a.id, { ...base, to: s.status ?? 'accepted' });
    if (out.kind !== 'changed') {
      throw new Error(`${path}: step ${i + 1} (${s.id}) failed: ${out.kind}`);
    }
  }
  return sample.steps.length;
}

/** The sample agency's reports (sample-data/reports.json). */
const ReportsSample = z.object({
  about: z.string(),
  agency: z.string(),
  year: z.int(),
  /** The start of the title of the report filled in, submitted and accepted. */
  report: z.string(),
  writer: z.string(),
  reviewer: z.string(),
  deviations: z.record(
    z.string(),
    z.object({ deviation: z.string(), cause: z.string(), measures: z.string() }),
  ),
  /** Accounts to date as a share of the appropriation (numerator, denominator). */
  accountsShare: z.tuple([z.int(), z.int()]),
  /** One post's forecast under its appropriation, by `by` thousand NOK, and why. */
  under: z.object({ post: z.int(), by: z.int(), explanation: z.string() }),
  risks: z.array(ReportRisk),
  /** The annual report on a year, asked for ad hoc, written, signed, submitted and accepted. */
  annual: z
    .object({
      title: z.string(),
      year: z.int(),
      periodYear: z.int(),
      dueDate: z.iso.date(),
      askedBy: z.string(),
      writer: z.string(),
      head: z.string(),
      headTitle: z.string(),
      reviewer: z.string(),
      comment: z.string(),
      parts: AnnualContent,
      /** Values of the letter's steering parameters and key figures, by their text. */
      keyFigures: z.array(
        z.object({ text: z.string(), value: z.number(), unit: z.string(), comment: z.string() }),
      ),
      /** The accounts equal the appropriation but on one post (its place), under by `by`. */
      accountsUnder: z.object({ post: z.int(), by: z.int() }),
    })
    .optional(),
});

/**
 * Makes the sample agency's reports of the year from its calendar and fills in, submits and
 * accepts one of them as the sample users, through the reports services (so every figure is
 * the ledger's and every step is audited). Needs the sample users: call after
 * ensureLocalUsers, once, right after the sample letters were loaded.
 */
export async function loadSampleReports(db: Db, dir = SAMPLE_DIR): Promise<number> {
  const path = resolve(dir, 'reports.json');
  if (!existsSync(path)) return 0;
  const sample = ReportsSample.parse(JSON.parse(readFileSync(path, 'utf8')));
  const agency = await findOrganisation(db, 'agency', sample.agency);
  if (!agency.id) throw new Error(`${path}: no agency ${sample.agency} in the sample data`);
  const as = async (key: string) => actorFromUser(await sampleUser(db, path, key));
  const writer = await as(sample.writer);
  const listed = await listReports(
    db,
    writer,
    { agency: agency.id, year: sample.year },
    osloToday(),
  );
  const chosen = listed.rows.find((r) => r.row.title.startsWith(sample.report));
  if (!chosen) throw new Error(`${path}: no report "${sample.report}" in the calendar`);
  const report = await getReport(db, writer, chosen.row.id);
  if (!report) throw new Error(`${path}: the report cannot be read`);
  const [num, den] = sample.accountsShare;
  const content: ReportContent = {
    assignments: report.record.assignments.flatMap((a) => {
      const d = sample.deviations[a.registerId];
      return d ? [{ assignmentId: a.id, ...d }] : [];
    }),
    budget: report.record.posts.map((b, i) => {
      const under = i === sample.under.post - 1;
      return {
        chapter: b.chapter,
        post: b.post,
        // Whole thousands: integer division of an integer.
        accountsToDate: Math.floor((b.appropriation * num) / den),
        forecast: under ? b.appropriation - sample.under.by : b.appropriation,
        explanation: under ? sample.under.explanation : '',
      };
    }),
    risks: sample.risks,
    steeringParameters: [],
  };
  const saved = await updateReport(db, writer, chosen.row.id, {
    expectedVersion: chosen.row.version,
    content,
  });
  if (saved.kind !== 'saved') throw new Error(`${path}: saving the report failed: ${saved.kind}`);
  const submitted = await changeReportStatus(db, writer, chosen.row.id, {
    to: 'submitted',
    expectedVersion: saved.report.row.version,
  });
  if (submitted.kind !== 'changed') {
    throw new Error(`${path}: submitting the report failed: ${submitted.kind}`);
  }
  const accepted = await changeReportStatus(db, await as(sample.reviewer), chosen.row.id, {
    to: 'accepted',
    expectedVersion: submitted.report.version,
    comment: 'Takk. Vi tar opp forsinkelsen i veilederen på etatsstyringsmøtet i oktober.',
  });
  if (accepted.kind !== 'changed') {
    throw new Error(`${path}: accepting the report failed: ${accepted.kind}`);
  }
  if (sample.annual) await loadSampleAnnualReport(db, path, agency.id, sample, as);
  return listed.rows.length;
}

/**
 * The sample's annual report: asked for ad hoc by the ministry, its six parts, the deviations,
 * risks, key figures and accounts written by the coordinator, parts I and VI signed by the
 * agency head, submitted and accepted, so that it is published.
 */
async function loadSampleAnnualReport(
  db: Db,
  path: string,
  agencyId: string,
  sample: z.infer<typeof ReportsSample>,
  as: (key: string) => Promise<Actor>,
): Promise<void> {
  const a = sample.annual!;
  const fail = (step: string, kind: string) =>
    new Error(`${path}: annual report, ${step}: ${kind}`);
  const made = await createReport(db, await as(a.askedBy), {
    agencyId,
    year: a.year,
    title: a.title,
    dueDate: a.dueDate,
    kind: 'annual',
    periodYear: a.periodYear,
  });
  if (made.kind !== 'saved') throw fail('asking for it', made.kind);
  const { row, record } = made.report;
  const figures = new Map(a.keyFigures.map((k) => [k.text, k]));
  const content: ReportContent = {
    annual: a.parts,
    assignments: record.assignments.flatMap((x) => {
      const d = sample.deviations[x.registerId];
      return d ? [{ assignmentId: x.id, ...d }] : [];
    }),
    budget: record.posts.map((p, i) => ({
      chapter: p.chapter,
      post: p.post,
      accountsToDate: p.appropriation - (i === a.accountsUnder.post - 1 ? a.accountsUnder.by : 0),
      forecast: null,
      explanation: '',
    })),
    risks: sample.risks,
    steeringParameters: record.steeringParameters.flatMap((p) => {
      const k = figures.get(p.text);
      return k
        ? [{ steeringParameterId: p.id, value: k.value, unit: k.unit, comment: k.comment }]
        : [];
    }),
  };
  const writer = await as(a.writer);
  const saved = await updateReport(db, writer, row.id, { expectedVersion: row.version, content });
  if (saved.kind !== 'saved') throw fail('writing it', saved.kind);
  const head = await as(a.head);
  let version = saved.report.row.version;
  for (const part of ['leader', 'accounts'] as const) {
    const signed = await signReport(db, head, row.id, {
      part,
      title: a.headTitle,
      expectedVersion: version,
    });
    if (signed.kind !== 'saved') throw fail(`signing ${part}`, signed.kind);
    version = signed.report.row.version;
  }
  const submitted = await changeReportStatus(db, writer, row.id, {
    to: 'submitted',
    expectedVersion: version,
  });
  if (submitted.kind !== 'changed') throw fail('submitting it', submitted.kind);
  const accepted = await changeReportStatus(db, await as(a.reviewer), row.id, {
    to: 'accepted',
    expectedVersion: submitted.report.version,
    comment: a.comment,
  });
  if (accepted.kind !== 'changed') throw fail('accepting it', accepted.kind);
}
