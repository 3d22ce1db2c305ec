/**
 * The annual report through the API against the real database (issue 15): made from the
 * calendar item that names it, on the year it names; asked for ad hoc; its six parts written by
 * the agency; part III and VI read from the record of its period (not of its own year); parts I
 * and VI signed by the agency head only, and unsigned by a change; submitting refused without
 * both signatures; accepted, it is published: visitors list and read it (without the work
 * dialogue, the risk register, the forecasts, the revisions before the accepted one, and with the
 * record of the published letters only) and download it as Word and PDF; a draft one they do not
 * find. A status report made from an annual report's item before reports had a kind becomes
 * the annual report while untouched.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report, ReportList, ReportVersionList } from '../../contract/report';
import { assignments, auditLog, documents, reports } from '../../db/schema';
import { extractText } from '../../import/extract';
import { testDatabaseKind } from '../../db/testing';
import { SAMPLE_AGENCY, SAMPLE_MINISTRY } from '../../services/users';
import { testApp } from '../../testing/app';
import { signIn, type SignedIn } from '../../testing/auth';
import { buildAssignment, buildDocument, storeDocuments } from '../../testing/factories';
import type { App } from '../app';

/** The year reported on, and the year of the letter whose calendar asks for its annual report. */
const PERIOD = 2094;
const YEAR = PERIOD + 1;
const at = (line: number) => ({ startLine: line, endLine: line });
const post = (p: number, postName: string, amount: number) => ({
  chapter: 700,
  chapterName: null,
  post: p,
  postName,
  notes: [],
  amount,
  previousYearAmount: null,
  comment: null,
  provenance: at(10 + p),
});
/** What the public must never read of a published annual report (the work dialogue, risks…). */
const INTERNAL = [
  'Leverandøren er forsinket',
  'Internt:',
  'INTERN-RISIKO',
  'INTERNT-RISIKOTILTAK',
  'INTERN-PROGNOSEFORKLARING',
  'INTERN-RETUR',
  'INTERN-DEPARTEMENTSKOMMENTAR',
  'INTERN-GODKJENNING',
];
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
      // The period's letter is published; its supplement is shared with the agency only.
      letter(PERIOD, {
        appropriations: [
          post(1, 'Driftsutgifter', 150_000),
          post(21, 'Spesielle driftsutgifter', 5_000),
        ],
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
      letter(PERIOD, {
        kind: 'supplement',
        number: 1,
        title: `Tillegg nr. 1 til tildelingsbrev til ${SAMPLE_AGENCY} for ${PERIOD}`,
        assignments: [
          buildAssignment({
            assignedId: `TB${PERIOD}-03`,
            title: 'Internt: vurdere ny leverandør',
          }),
        ],
        steeringParameters: [
          {
            text: 'Internt: antall saker til avklaring',
            goal: 'Mål 2',
            kind: 'styringsparameter',
            provenance: at(26),
          },
        ],
        appropriations: [post(1, '', 10_000)],
      }),
      letter(YEAR, {
        assignments: [buildAssignment({ assignedId: `TB${YEAR}-01`, title: 'Neste års oppdrag' })],
        calendar: [
          calendarItem(`${YEAR}-03-01`, `Årsrapport for ${PERIOD} sendes departementet`),
          calendarItem(`${YEAR}-09-01`, 'Status- og avviksrapport per 1. september'),
        ],
      }),
    ]);
    for (const [i, d] of stored.documents.entries()) {
      const status = i === 0 ? 'published' : 'shared';
      await db.update(documents).set({ status }).where(eq(documents.id, d.id));
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

  /**
   * An annual report asked for ad hoc and published, made here so that a test of it stands
   * alone: written with a deviation, accounts and a forecast with its explanation for 700.01, a
   * risk and a key figure's value; signed, submitted, returned with a comment, submitted again,
   * commented on by the ministry and accepted with a comment.
   */
  const publishAdHoc = async (title: string) => {
    const made = await send('POST', '/api/reports', officer, {
      agencyId,
      year: YEAR,
      title,
      dueDate: `${YEAR}-05-01`,
      kind: 'annual',
    });
    expect(made.statusCode).toBe(201);
    let r = made.json<Report>();
    const figure = r.derived.steeringParameters.find((s) => s.kind === 'nøkkeltall')!;
    const saved = await send('PUT', `/api/reports/${r.id}`, coordinator, {
      expectedVersion: r.version,
      content: {
        assignments: [
          {
            assignmentId: offTrackId,
            deviation: 'Portalen kom i november.',
            cause: 'Leverandøren var sen.',
            measures: 'Ny plan.',
          },
        ],
        budget: [
          {
            chapter: 700,
            post: 1,
            accountsToDate: 149_000,
            forecast: 149_500,
            explanation: 'INTERN-PROGNOSEFORKLARING',
          },
        ],
        risks: [
          {
            goal: 'Mål 1',
            description: 'INTERN-RISIKO',
            likelihood: 4,
            consequence: 4,
            measures: 'INTERNT-RISIKOTILTAK',
            residualLikelihood: 3,
            residualConsequence: 3,
          },
        ],
        steeringParameters: [
          {
            steeringParameterId: figure.steeringParameterId,
            value: 71,
            unit: 'prosent',
            comment: 'Opp fra 64.',
          },
        ],
        annual: {
          leader: 'Et år med ny portal.',
          introduction: '',
          activities: '',
          governance: '',
          outlook: '',
          accounts: 'Regnskapet er avlagt.',
        },
      },
    });
    expect(saved.statusCode).toBe(200);
    r = saved.json<Report>();
    const step = async (who: SignedIn, to: string, comment?: string) => {
      const res = await send('POST', `/api/reports/${r.id}/status`, who, {
        to,
        expectedVersion: r.version,
        comment,
      });
      expect(res.statusCode).toBe(200);
      r = await read(r.id, who);
    };
    const signBoth = async () => {
      r = (await sign(r, 'leader')).json<Report>();
      r = (await sign(r, 'accounts')).json<Report>();
    };
    await signBoth();
    await step(coordinator, 'submitted');
    await step(officer, 'returned', 'INTERN-RETUR: forklar avviket bedre.');
    await signBoth();
    await step(coordinator, 'submitted');
    const commented = await send('PUT', `/api/reports/${r.id}/ministry-comments`, officer, {
      expectedVersion: r.version,
      comments: [
        {
          steeringParameterId: figure.steeringParameterId,
          comment: 'INTERN-DEPARTEMENTSKOMMENTAR',
        },
      ],
    });
    expect(commented.statusCode).toBe(200);
    r = commented.json<Report>();
    await step(budget, 'accepted', 'INTERN-GODKJENNING');
    return { id: r.id, figure: figure.steeringParameterId };
  };

  /** The words of a file the public downloads, on one line. */
  const fileText = async (id: string, format: 'docx' | 'pdf') => {
    const res = await get(`/api/reports/${id}/annual-report.${format}`, null);
    expect(res.statusCode).toBe(200);
    const bytes = new Uint8Array(res.rawPayload);
    const { lines } = await extractText({ name: `arsrapport.${format}`, bytes });
    return lines.join(' ').replace(/\s+/g, ' ');
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
      [`TB${PERIOD}-03`, null],
    ]);
    expect(r.derived.steeringParameters.map((s) => s.kind).sort()).toEqual([
      'nøkkeltall',
      'styringsparameter',
    ]);
    // No post has accounts yet: every row and both sums of accounts and difference are –.
    expect(r.derived.annual).toEqual({
      appropriationTotal: 165_000,
      accounts: [
        {
          chapter: 700,
          post: 1,
          postName: 'Driftsutgifter',
          appropriation: 160_000,
          accounts: null,
          difference: null,
        },
        {
          chapter: 700,
          post: 21,
          postName: 'Spesielle driftsutgifter',
          appropriation: 5_000,
          accounts: null,
          difference: null,
        },
      ],
      accountsTotal: { appropriation: 165_000, accounts: null, difference: null },
    });
    // No forecast is asked of a year that is over; the signatures and the deviation are.
    expect(r.derived.problems).toEqual([
      { problem: 'deviation-required', part: 'assignments', item: offTrackId },
      { problem: 'signature-required', part: 'annual', item: 'leader' },
      { problem: 'signature-required', part: 'annual', item: 'accounts' },
    ]);
    expect(r.riskTolerance).toBeNull();
    expect(r.effectiveRiskTolerance).toBe(12);
    expect(r.published).toBe(false);
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
    // Part VI is unsigned by the accounts per post too. The sums are those of their columns:
    // the post without accounts (–) adds its appropriation only.
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
      appropriation: 165_000,
      accounts: 148_500,
      difference: -11_500,
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
    expect(seen.published).toBe(true);
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
    // The record is the published letter's: not the supplement shared with the agency only.
    expect(seen.derived.assignments.map((a) => a.registerId)).toEqual([
      `TB${PERIOD}-01`,
      `TB${PERIOD}-02`,
    ]);
    expect(seen.derived.steeringParameters.map((s) => s.kind)).toEqual(['nøkkeltall']);
    expect(seen.derived.annual?.appropriationTotal).toBe(155_000);
    expect(seen.derived.annual?.accounts.map((a) => [a.post, a.appropriation])).toEqual([
      [1, 150_000],
      [21, 5_000],
    ]);
    for (const secret of INTERNAL) expect(JSON.stringify(seen)).not.toContain(secret);
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
    expect(inside.derived.assignments).toHaveLength(3);
    expect(inside.derived.annual?.appropriationTotal).toBe(165_000);
    const other = await read(annual.id, otherAgency);
    expect(other.publicView).toBe(true);
    expect(other.derived.assignments).toHaveLength(2);
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
    const { id } = await publishAdHoc('Årsrapport (nedlasting)');
    const docx = await get(`/api/reports/${id}/annual-report.docx`, null);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(docx.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="Arsrapport ${PERIOD} for Havdatadirektoratet\\.docx"`),
    );
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const pdf = await get(`/api/reports/${id}/annual-report.pdf`, null);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    // The public's file: the parts and the deviations, no progress reasons, no risks.
    for (const format of ['docx', 'pdf'] as const) {
      const text = await fileText(id, format);
      expect(text).toContain('Et år med ny portal.');
      expect(text).toContain('Leverandøren var sen.');
      expect(text).not.toContain('Leverandøren er forsinket');
      expect(text).not.toContain('INTERN-RISIKO');
      expect(text).not.toContain('Samlet risikovurdering');
    }
    const { list } = await annualReport();
    const status = list.find((x) => x.kind === 'status')!;
    expect(
      (await get(`/api/reports/${status.id}/annual-report.docx`, coordinator)).statusCode,
    ).toBe(404);
  });

  it('gives the public the published report only, field by field: report, revisions, files', async () => {
    const { id, figure } = await publishAdHoc('Årsrapport (offentlig)');
    const seen = await read(id, null);
    expect([seen.publicView, seen.published, seen.status]).toEqual([true, true, 'accepted']);
    expect(seen.reviewComment).toBeNull();
    // The signatures: name, title and date; not who the signer is in the system.
    expect(seen.signatures.map((x) => [x.part, x.userId, x.name, x.title])).toEqual([
      ['leader', '', 'Dag Dybdahl', 'direktør'],
      ['accounts', '', 'Dag Dybdahl', 'direktør'],
    ]);
    // What the agency wrote: the parts, the deviation, the value and the accounts per post;
    // not the risks, nor the forecast and its explanation.
    expect(seen.content).toEqual({
      assignments: [
        {
          assignmentId: offTrackId,
          deviation: 'Portalen kom i november.',
          cause: 'Leverandøren var sen.',
          measures: 'Ny plan.',
        },
      ],
      budget: [{ chapter: 700, post: 1, accountsToDate: 149_000, forecast: null, explanation: '' }],
      risks: [],
      steeringParameters: [
        { steeringParameterId: figure, value: 71, unit: 'prosent', comment: 'Opp fra 64.' },
      ],
      annual: {
        leader: 'Et år med ny portal.',
        introduction: '',
        activities: '',
        governance: '',
        outlook: '',
        accounts: 'Regnskapet er avlagt.',
      },
    });
    const d = seen.derived;
    expect(
      d.assignments.map((a) => [a.registerId, a.status, a.progress, a.progressReason, !!a.entry]),
    ).toEqual([
      [`TB${PERIOD}-01`, 'planned', 'off-track', null, true],
      [`TB${PERIOD}-02`, 'planned', null, null, false],
    ]);
    expect(d.budget.map((b) => [b.post, b.accountsToDate, b.forecast, b.deviation])).toEqual([
      [1, 149_000, null, null],
      [21, null, null, null],
    ]);
    expect(d.budget.every((b) => b.explanation === '' && !b.explanationRequired)).toBe(true);
    expect(d.risks).toEqual([]);
    expect(d.steeringParameters.map((x) => [x.text, x.value, x.ministryComment])).toEqual([
      ['Andel datasett som er åpent tilgjengelige', 71, ''],
    ]);
    expect(d.problems).toEqual([]);
    expect(d.annual).toEqual({
      appropriationTotal: 155_000,
      accounts: [
        {
          chapter: 700,
          post: 1,
          postName: 'Driftsutgifter',
          appropriation: 150_000,
          accounts: 149_000,
          difference: -1_000,
        },
        {
          chapter: 700,
          post: 21,
          postName: 'Spesielle driftsutgifter',
          appropriation: 5_000,
          accounts: null,
          difference: null,
        },
      ],
      accountsTotal: { appropriation: 155_000, accounts: 149_000, difference: -1_000 },
    });
    // Nothing internal anywhere: report, list, revisions (the one accepted only) and files.
    const listed = (await get('/api/reports?published=true', null))
      .json<ReportList>()
      .reports.find((x) => x.id === id);
    expect(listed?.signatures.map((x) => x.userId)).toEqual(['', '']);
    const versions = (await get(`/api/reports/${id}/versions`, null)).json<ReportVersionList>();
    expect(versions.versions.map((v) => [v.revision, v.outcome, v.reviewComment])).toEqual([
      [2, 'accepted', null],
    ]);
    expect(versions.versions[0]!.content).toEqual(seen.content);
    const answers = [seen, listed, versions].map((x) => JSON.stringify(x));
    for (const text of [...answers, await fileText(id, 'pdf'), await fileText(id, 'docx')]) {
      for (const secret of [...INTERNAL, head.user.id, '149500', '149 500']) {
        expect(text).not.toContain(secret);
      }
      expect(text).not.toContain('Samlet risikovurdering');
    }
    // Those who follow it read it all.
    const inside = await read(id, coordinator);
    expect(inside.content.risks.map((x) => x.description)).toEqual(['INTERN-RISIKO']);
    expect(inside.content.budget[0]).toMatchObject({ forecast: 149_500 });
    expect(inside.derived.risks).toHaveLength(1);
    expect(inside.derived.steeringParameters.map((x) => x.ministryComment)).toContain(
      'INTERN-DEPARTEMENTSKOMMENTAR',
    );
    expect(inside.signatures.map((x) => x.userId)).toEqual([head.user.id, head.user.id]);
    const all = (await get(`/api/reports/${id}/versions`, coordinator)).json<ReportVersionList>();
    expect(all.versions.map((v) => v.outcome)).toEqual(['returned', 'accepted']);
    const theirs = await (async () => {
      const res = await get(`/api/reports/${id}/annual-report.pdf`, coordinator);
      const { lines } = await extractText({
        name: 'arsrapport.pdf',
        bytes: new Uint8Array(res.rawPayload),
      });
      return lines.join(' ');
    })();
    expect(theirs).toContain('Samlet risikovurdering');
  });

  it('makes an untouched status report of an annual report item, made before kinds, annual', async () => {
    // A letter of a later year whose calendar asks for two annual reports; both were made as
    // status reports by an older version. One is untouched, one has been written in.
    const later = YEAR + 2;
    const stored = await storeDocuments(app.database.db, [
      buildDocument({
        year: later,
        ministry: SAMPLE_MINISTRY,
        agency: SAMPLE_AGENCY,
        title: `Tildelingsbrev til ${SAMPLE_AGENCY} for ${later}`,
        calendar: [
          calendarItem(`${later}-03-01`, `Årsrapport for ${later - 1} sendes departementet`),
          calendarItem(`${later}-03-15`, `Årsrapport for ${later - 1} med vedlegg`),
        ],
      }),
    ]);
    const db = app.database.db;
    await db
      .update(documents)
      .set({ status: 'shared' })
      .where(eq(documents.id, stored.documents[0]!.id));
    const listed = async () => {
      const res = await get(`/api/reports?agency=${agencyId}&year=${later}`, coordinator);
      expect(res.statusCode, res.body).toBe(200);
      return res
        .json<ReportList>()
        .reports.map((r) => [r.dueDate, r.kind, r.periodYear, r.version]);
    };
    expect(await listed()).toEqual([
      [`${later}-03-01`, 'annual', later - 1, 1],
      [`${later}-03-15`, 'annual', later - 1, 1],
    ]);
    const made = await db
      .select()
      .from(reports)
      .where(and(eq(reports.agencyId, agencyId), eq(reports.year, later)))
      .orderBy(reports.dueDate);
    const empty = { assignments: [], budget: [], risks: [], steeringParameters: [] };
    const written = {
      ...empty,
      budget: [{ chapter: 700, post: 1, accountsToDate: 1, forecast: null, explanation: '' }],
    };
    await db
      .update(reports)
      .set({ kind: 'status', periodYear: later, content: empty, version: 1 })
      .where(eq(reports.id, made[0]!.id));
    await db
      .update(reports)
      .set({ kind: 'status', periodYear: later, content: written, version: 1 })
      .where(eq(reports.id, made[1]!.id));

    expect(await listed()).toEqual([
      [`${later}-03-01`, 'annual', later - 1, 2],
      [`${later}-03-15`, 'status', later, 1],
    ]);
    const [upgraded] = await db.select().from(reports).where(eq(reports.id, made[0]!.id));
    expect(upgraded!.content.annual).toEqual({
      leader: '',
      introduction: '',
      activities: '',
      governance: '',
      outlook: '',
      accounts: '',
    });
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'report.generate'), eq(auditLog.objectId, `${agencyId}:${later}`)),
      )
      .orderBy(desc(auditLog.seq))
      .limit(1);
    expect(entry!.after).toEqual({
      created: [],
      relinked: [],
      madeAnnual: [{ id: made[0]!.id, periodYear: later - 1 }],
    });
    // Once made annual, nothing more changes.
    expect(await listed()).toHaveLength(2);
    const entries = await db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'report.generate'),
          inArray(auditLog.objectId, [`${agencyId}:${later}`]),
        ),
      );
    expect(entries).toHaveLength(2);
  });
});
