/**
 * The annual report through the API against the real database (issue 15): made from the
 * calendar item that names it, on the year it names; asked for ad hoc; its six parts written by
 * the agency; part III and VI read from the record of its period (not of its own year); parts I
 * and VI signed by the agency head only, and unsigned by a change; submitting refused without
 * both signatures; accepted, it is published: visitors list and read it (without the work
 * dialogue) and download it as Word and PDF; a draft one they do not find.
 */
import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report, ReportList, ReportVersionList } from '../../contract/report';
import { assignments, auditLog, documents } from '../../db/schema';
import { testDatabaseKind } from '../../db/testing';
import { SAMPLE_AGENCY, SAMPLE_MINISTRY } from '../../services/users';
import { testApp } from '../../testing/app';
import { signIn, type SignedIn } from '../../testing/auth';
import { buildAssignment, buildDocument, storeDocuments } from '../../testing/factories';
import type { App } from '../app';

/** The year reported on, and the year of the letter whose calendar asks for its annual report. */
const PERIOD = 2061;
const YEAR = PERIOD + 1;
const at = (line: number) => ({ startLine: line, endLine: line });
const calendarItem = (date: string, text: string) => ({
  date,
  text,
  kind: 'report',
  deadline: { date, text, appliesTo: null, value: { kind: 'exact' as const, date } },
  provenance: at(30),
});

describe(`the annual report (${testDatabaseKind})`, () => {
  let app: App;
  let agencyId: string;
  let offTrackId: string;
  let coordinator: SignedIn;
  let head: SignedIn;
  let owner: SignedIn;
  let officer: SignedIn;
  let budget: SignedIn;
  let otherAgency: SignedIn;

  const get = (url: string, who: SignedIn | null) =>
    app.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} });
  const send = (method: 'POST' | 'PUT', url: string, who: SignedIn, body: unknown) =>
    app.inject({ method, url, headers: who.headers, payload: body as object });
  const read = async (id: string, who: SignedIn | null = coordinator) => {
    const res = await get(`/api/reports/${id}`, who);
    expect(res.statusCode).toBe(200);
    return res.json<Report>();
  };
  const write = async (r: Report, annual: Partial<NonNullable<Report['content']['annual']>>) =>
    send('PUT', `/api/reports/${r.id}`, coordinator, {
      expectedVersion: r.version,
      content: { ...r.content, annual: { ...r.content.annual, ...annual } },
    });
  const sign = (r: Report, part: 'leader' | 'accounts', who: SignedIn = head) =>
    send('POST', `/api/reports/${r.id}/sign`, who, {
      part,
      title: 'direktør',
      expectedVersion: r.version,
    });

  beforeAll(async () => {
    app = await testApp();
    const db = app.database.db;
    const letter = (year: number, extra: Parameters<typeof buildDocument>[0]) =>
      buildDocument({
        year,
        ministry: SAMPLE_MINISTRY,
        agency: SAMPLE_AGENCY,
        title: `Tildelingsbrev til ${SAMPLE_AGENCY} for ${year}`,
        ...extra,
      });
    const stored = await storeDocuments(db, [
      letter(PERIOD, {
        assignments: [
          buildAssignment({ assignedId: `TB${PERIOD}-01`, title: 'Bygge havdataportalen' }),
          buildAssignment({ assignedId: `TB${PERIOD}-02`, title: 'Kartlegge tareskog' }),
        ],
        steeringParameters: [
          {
            text: 'Andel datasett som er åpent tilgjengelige',
            goal: 'Mål 1',
            kind: 'nøkkeltall',
            provenance: at(25),
          },
        ],
      }),
      letter(YEAR, {
        assignments: [buildAssignment({ assignedId: `TB${YEAR}-01`, title: 'Neste års oppdrag' })],
        calendar: [
          calendarItem(`${YEAR}-03-01`, `Årsrapport for ${PERIOD} sendes departementet`),
          calendarItem(`${YEAR}-09-01`, 'Status- og avviksrapport per 1. september'),
        ],
      }),
    ]);
    for (const d of stored.documents) {
      await db.update(documents).set({ status: 'shared' }).where(eq(documents.id, d.id));
    }
    const [doc] = await db
      .select()
      .from(documents)
      .where(eq(documents.id, stored.documents[0]!.id));
    agencyId = doc!.agencyId!;
    const rows = await db
      .select()
      .from(assignments)
      .where(eq(assignments.documentId, doc!.id))
      .orderBy(assignments.registerId);
    offTrackId = rows[0]!.id;
    coordinator = await signIn(app, 'agency-coordinator');
    head = await signIn(app, 'agency-head');
    owner = await signIn(app, 'agency-assignment-owner');
    officer = await signIn(app, 'ministry-department-officer');
    budget = await signIn(app, 'ministry-budget-officer');
    otherAgency = await signIn(app, 'user:koordinator-fjordlos');
    const progress = await send('PUT', `/api/assignments/${offTrackId}/progress`, coordinator, {
      expectedVersion: rows[0]!.version,
      progress: 'off-track',
      reason: 'Leverandøren er forsinket',
    });
    expect(progress.statusCode).toBe(200);
  });

  const annualReport = async () => {
    const res = await get(`/api/reports?agency=${agencyId}&year=${YEAR}`, coordinator);
    expect(res.statusCode).toBe(200);
    const list = res.json<ReportList>().reports;
    return { list, annual: list.find((r) => r.kind === 'annual')! };
  };

  it('makes the calendar item that names the annual report one, on the year it names', async () => {
    const { list, annual } = await annualReport();
    expect(list.map((r) => [r.title.slice(0, 12), r.kind, r.periodYear])).toEqual([
      ['Årsrapport f', 'annual', PERIOD],
      ['Status- og a', 'status', YEAR],
    ]);
    const r = await read(annual.id);
    expect(r.content.annual).toEqual({
      leader: '',
      introduction: '',
      activities: '',
      governance: '',
      outlook: '',
      accounts: '',
    });
    // Part III: every assignment of the period (not of the report's own year), with progress.
    expect(r.derived.assignments.map((a) => [a.registerId, a.progress])).toEqual([
      [`TB${PERIOD}-01`, 'off-track'],
      [`TB${PERIOD}-02`, null],
    ]);
    expect(r.derived.steeringParameters.map((s) => s.kind)).toEqual(['nøkkeltall']);
    expect(r.derived.annual).toEqual({
      appropriationTotal: 150_000,
      accounts: [
        {
          chapter: 700,
          post: 1,
          postName: 'Driftsutgifter',
          appropriation: 150_000,
          accounts: null,
          difference: null,
        },
      ],
      accountsTotal: { appropriation: 150_000, accounts: 0, difference: -150_000 },
    });
    // No forecast is asked of a year that is over; the signatures and the deviation are.
    expect(r.derived.problems).toEqual([
      { problem: 'deviation-required', part: 'assignments', item: offTrackId },
      { problem: 'signature-required', part: 'annual', item: 'leader' },
      { problem: 'signature-required', part: 'annual', item: 'accounts' },
    ]);
    expect(r.riskTolerance).toBeNull();
    expect(r.abilities.sign).toBe(false);
    expect((await read(annual.id, head)).abilities.sign).toBe(true);
  });

  it('lets the ministry ask for an annual report ad hoc, on the year before by default', async () => {
    const res = await send('POST', '/api/reports', officer, {
      agencyId,
      year: YEAR,
      title: 'Årsrapport (ekstra)',
      dueDate: `${YEAR}-04-01`,
      kind: 'annual',
    });
    expect(res.statusCode).toBe(201);
    const r = res.json<Report>();
    expect([r.kind, r.periodYear, r.source]).toEqual(['annual', PERIOD, 'ad-hoc']);
    expect(r.content.annual?.leader).toBe('');
    const wrong = await send('POST', '/api/reports', officer, {
      agencyId,
      year: YEAR,
      title: 'Feil',
      dueDate: `${YEAR}-04-01`,
      kind: 'annual',
      periodYear: YEAR + 1,
    });
    expect(wrong.statusCode).toBe(400);
  });

  it('is signed by the agency head only, and a change to a signed part unsigns it', async () => {
    const { annual } = await annualReport();
    let r = await read(annual.id);
    const saved = await write(r, {
      leader: 'Året ga oss en ny portal for havdata.',
      accounts: 'Regnskapet er avlagt etter kontantprinsippet.',
    });
    expect(saved.statusCode).toBe(200);
    r = saved.json<Report>();
    // The coordinator, the owner and the ministry may not sign; another agency finds nothing.
    for (const who of [coordinator, owner, officer]) {
      expect((await sign(r, 'leader', who)).statusCode).toBe(403);
    }
    expect((await sign(r, 'leader', otherAgency)).statusCode).toBe(403);
    const stale = await sign({ ...r, version: r.version - 1 }, 'leader');
    expect(stale.statusCode).toBe(409);
    const signed = await sign(r, 'leader');
    expect(signed.statusCode).toBe(200);
    r = signed.json<Report>();
    expect(r.signatures).toEqual([
      {
        part: 'leader',
        userId: expect.any(String),
        name: 'Dag Dybdahl',
        title: 'direktør',
        signedAt: expect.any(String),
      },
    ]);
    r = (await sign(r, 'accounts')).json<Report>();
    expect(r.signatures.map((s) => s.part)).toEqual(['leader', 'accounts']);
    expect(r.derived.problems.map((p) => p.problem)).toEqual(['deviation-required']);
    // Another part's text leaves both signatures; the leader's text removes part I's.
    r = (await write(r, { outlook: 'Vi venter flere brukere.' })).json<Report>();
    expect(r.signatures.map((s) => s.part)).toEqual(['leader', 'accounts']);
    r = (await write(r, { leader: 'Året ga oss en ny portal.' })).json<Report>();
    expect(r.signatures.map((s) => s.part)).toEqual(['accounts']);
    const [entry] = await app.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, r.id), eq(auditLog.action, 'report.update')))
      .orderBy(desc(auditLog.seq))
      .limit(1);
    expect(entry!.after).toMatchObject({ unsigned: ['leader'] });
    // Part VI is unsigned by the accounts per post too.
    r = (
      await send('PUT', `/api/reports/${r.id}`, coordinator, {
        expectedVersion: r.version,
        content: {
          ...r.content,
          budget: [{ chapter: 700, post: 1, accountsToDate: 148_500 }],
        },
      })
    ).json<Report>();
    expect(r.signatures).toEqual([]);
    expect(r.derived.annual?.accountsTotal).toEqual({
      appropriation: 150_000,
      accounts: 148_500,
      difference: -1_500,
    });
  });

  it('refuses signing a status report, and submitting without both signatures', async () => {
    const { list, annual } = await annualReport();
    const status = await read(list.find((x) => x.kind === 'status')!.id, head);
    const refused = await sign(status, 'leader');
    expect(refused.statusCode).toBe(422);
    expect(refused.json<{ error: string }>().error).toBe('report-not-annual');
    const parts = await send('PUT', `/api/reports/${status.id}`, coordinator, {
      expectedVersion: status.version,
      content: { ...status.content, annual: { leader: 'Feil sted' } },
    });
    expect(parts.statusCode).toBe(422);

    let r = await read(annual.id);
    r = (
      await send('PUT', `/api/reports/${r.id}`, coordinator, {
        expectedVersion: r.version,
        content: {
          ...r.content,
          assignments: [
            {
              assignmentId: offTrackId,
              deviation: 'Portalen ble levert i november.',
              cause: 'Leverandøren var forsinket.',
              measures: 'Ny leveranseplan.',
            },
          ],
        },
      })
    ).json<Report>();
    const submit = await send('POST', `/api/reports/${r.id}/status`, coordinator, {
      to: 'submitted',
      expectedVersion: r.version,
    });
    expect(submit.statusCode).toBe(422);
    expect(submit.json<{ problems: unknown[] }>().problems).toEqual([
      { problem: 'signature-required', part: 'annual', item: 'leader' },
      { problem: 'signature-required', part: 'annual', item: 'accounts' },
    ]);
  });

  it('is published once accepted: visitors list and read it without the work dialogue', async () => {
    const { annual } = await annualReport();
    // A draft annual report is not found by visitors, nor listed, nor downloaded.
    expect((await get(`/api/reports/${annual.id}`, null)).statusCode).toBe(404);
    expect((await get(`/api/reports/${annual.id}/annual-report.pdf`, null)).statusCode).toBe(404);
    const before = await get('/api/reports?kind=annual&status=accepted', null);
    expect(before.json<ReportList>().reports.map((x) => x.id)).not.toContain(annual.id);

    let r = await read(annual.id);
    r = (await sign(r, 'leader')).json<Report>();
    r = (await sign(r, 'accounts')).json<Report>();
    const submitted = await send('POST', `/api/reports/${r.id}/status`, coordinator, {
      to: 'submitted',
      expectedVersion: r.version,
    });
    expect(submitted.statusCode).toBe(200);
    // Signing is over once it is submitted.
    r = await read(r.id, head);
    expect(r.abilities.sign).toBe(false);
    expect((await sign(r, 'leader')).statusCode).toBe(422);
    const accepted = await send('POST', `/api/reports/${r.id}/status`, budget, {
      to: 'accepted',
      expectedVersion: r.version,
      comment: 'Godkjent. Vi følger opp portalen internt.',
    });
    expect(accepted.statusCode).toBe(200);

    const listed = await get('/api/reports?kind=annual&status=accepted', null);
    expect(listed.statusCode).toBe(200);
    expect(listed.json<ReportList>().reports.map((x) => x.id)).toContain(annual.id);
    const seen = await read(annual.id, null);
    expect(seen.publicView).toBe(true);
    expect(seen.abilities).toEqual({
      update: false,
      submit: false,
      review: false,
      readVersions: true,
      sign: false,
    });
    expect(seen.content.annual?.leader).toBe('Året ga oss en ny portal.');
    // The work dialogue stays inside: why it went off track, and the ministry's comment.
    expect(seen.derived.assignments.map((a) => a.progressReason)).toEqual([null, null]);
    expect(seen.reviewComment).toBeNull();
    const versions = (
      await get(`/api/reports/${annual.id}/versions`, null)
    ).json<ReportVersionList>();
    expect(versions.versions.map((v) => [v.outcome, v.reviewComment])).toEqual([
      ['accepted', null],
    ]);
    // Those who follow it read it all; another agency reads it as the public does.
    const inside = await read(annual.id, coordinator);
    expect(inside.publicView).toBe(false);
    expect(inside.reviewComment).toBe('Godkjent. Vi følger opp portalen internt.');
    expect(inside.derived.assignments[0]!.progressReason).toBe('Leverandøren er forsinket');
    expect((await read(annual.id, otherAgency)).publicView).toBe(true);
  });

  it('documents signing and the files in the OpenAPI document, with their schemas', async () => {
    const spec = (await get('/api/docs/json', null)).json<{
      paths: Record<string, Record<string, { requestBody?: unknown; responses: object }>>;
    }>();
    const sign = spec.paths['/api/reports/{id}/sign']?.post;
    expect(JSON.stringify(sign?.requestBody)).toContain('"part"');
    expect(Object.keys(sign?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '403', '404', '409', '422']),
    );
    for (const format of ['docx', 'pdf']) {
      expect(spec.paths[`/api/reports/{id}/annual-report.${format}`]?.get).toBeDefined();
    }
  });

  it('is downloaded as Word and as PDF by whoever reads it; a status report is not', async () => {
    const { list, annual } = await annualReport();
    const docx = await get(`/api/reports/${annual.id}/annual-report.docx`, null);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(docx.headers['content-disposition']).toMatch(
      /^attachment; filename="Arsrapport 2061 for Havdatadirektoratet.docx"/,
    );
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const pdf = await get(`/api/reports/${annual.id}/annual-report.pdf`, null);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const status = list.find((x) => x.kind === 'status')!;
    expect(
      (await get(`/api/reports/${status.id}/annual-report.docx`, coordinator)).statusCode,
    ).toBe(404);
  });
});
