/**
 * Splitting and merging assignments in the review of an import, through the real server: the
 * register changes at once (a new assignment with its own ID and the deadlines of its part; a
 * merged one gone, its text and deadlines with the other), both are audited, a re-import of the
 * same letter keeps them, and a new version of the letter keeps them where it still can and
 * warns where it cannot. The letters use the budget years 2092 and 2093, which no other test
 * file writes.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../db/schema';
import { testDatabaseKind } from '../db/testing';
import type { App } from '../server/app';
import { testApp } from '../testing/app';
import { signIn } from '../testing/auth';
import { importSampleLetter, sampleLetterOpening } from '../testing/sample-letter';

/**
 * A letter of the sample ministry to the sample agency, written for this test. TB-01 holds two
 * tasks in one (a list item each, with a deadline each); TB-03 belongs with TB-02. `drop`: a
 * version of the letter without that assignment.
 */
function letter(year: number, opts: { amount?: string; drop?: string } = {}): Uint8Array {
  const items = [
    [
      `TB${year}-01 Avd.KHD: HFA Kartlegge havbunnen`,
      'Direktoratet skal kartlegge havbunnen i Skagerrak og Nordsjøen. Direktoratet skal:',
      `- levere et kart over Skagerrak innen 1. juni ${year}`,
      `- levere et kart over Nordsjøen innen 1. oktober ${year}`,
    ],
    [
      `TB${year}-02 Avd.KHD: HFA Utrede en ny havdatatjeneste`,
      'Direktoratet skal utrede en ny tjeneste for havdata.',
      `Frist: 1. mai ${year}`,
    ],
    [
      `TB${year}-03 Avd.KHD: FHA Beskrive driften av havdatatjenesten`,
      'Direktoratet skal beskrive hvordan tjenesten skal driftes.',
      `Frist: 1. september ${year}`,
    ],
  ].filter((item) => !opts.drop || !item[0]!.startsWith(`${opts.drop} `));
  return new TextEncoder().encode(
    [...sampleLetterOpening(year, opts.amount), ...items.flatMap((lines) => [...lines, ''])].join(
      '\n',
    ),
  );
}

type Headers = Record<string, string>;

interface Listed {
  id: string;
  registerId: string;
  title: string;
  ownerDepartment: string | null;
  review: { key: string; corrected: string[] };
  deadlines: { text: string; date: string | null }[];
}

function client(app: App, headers: Headers) {
  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Record<string, unknown>;
  };
  return {
    correct: (documentId: string, body: Record<string, unknown>) =>
      app.inject({
        method: 'POST',
        url: `/api/documents/${documentId}/corrections`,
        headers: { ...headers, 'content-type': 'application/json' },
        payload: body,
      }),
    assignments: async (documentId: string) =>
      (await get(`/api/documents/${documentId}/parts/assignments`)).items as Listed[],
    assignment: async (id: string) =>
      (await get(`/api/assignments/${id}`)) as {
        body: string;
        deadlines: { text: string; date: string | null }[];
      },
    warnings: async (documentId: string) =>
      (await get(`/api/documents/${documentId}/parts/warnings`)).items as {
        code: string;
        params: Record<string, string>;
      }[],
  };
}

describe(`splitting and merging assignments in a review (${testDatabaseKind})`, () => {
  it('splits and merges through the API, audited, and a re-import of the letter keeps both', async () => {
    const app = await testApp();
    const officer = await signIn(app, 'ministry-department-officer');
    const api = client(app, officer.headers);
    const year = 2092;
    const first = await importSampleLetter(app, officer.headers, letter(year), { review: true });
    expect(first.outcome).toBe('created');
    const id = first.id;

    // TB-01's text as read: the opening sentence, then the two list items (one paragraph each).
    const [tb01] = await api.assignments(id);
    const read = await api.assignment(tb01!.id);
    const paragraphs = read.body.split('\n');
    const at = paragraphs.findIndex((p) => p.includes('Nordsjøen innen'));
    expect(at).toBeGreaterThan(0);

    // Refused, each with a reason: a paragraph the text does not have, a merge into itself or
    // into an assignment the document does not have.
    const refusal = async (body: Record<string, unknown>) => {
      const res = await api.correct(id, { itemKind: 'assignment', reason: 'Prøver', ...body });
      expect(res.statusCode, res.body).toBe(422);
      return res.json() as { error: string; message: string };
    };
    expect(
      await refusal({
        itemKey: `TB${year}-01`,
        change: { field: 'split', at: paragraphs.length, title: 'For langt' },
      }),
    ).toMatchObject({ error: 'correction-no-item', message: expect.stringMatching(/paragraph/) });
    expect(
      await refusal({
        itemKey: `TB${year}-03`,
        change: { field: 'mergeInto', value: `TB${year}-03` },
      }),
    ).toMatchObject({ error: 'correction-no-item', message: expect.stringMatching(/itself/) });
    expect(
      await refusal({
        itemKey: `TB${year}-03`,
        change: { field: 'mergeInto', value: `TB${year}-77` },
      }),
    ).toMatchObject({ error: 'correction-no-item' });
    // A split needs the new assignment's title.
    const untitled = await api.correct(id, {
      itemKind: 'assignment',
      itemKey: `TB${year}-01`,
      change: { field: 'split', at },
      reason: 'Uten tittel',
    });
    expect(untitled.statusCode).toBe(400);

    const split = await api.correct(id, {
      itemKind: 'assignment',
      itemKey: `TB${year}-01`,
      change: { field: 'split', at, title: 'Kartlegge Nordsjøen' },
      reason: 'To oppdrag i ett: kartet over Nordsjøen er et eget oppdrag.',
    });
    expect(split.statusCode, split.body).toBe(200);
    // Tildel gave the new assignment the number after the letter's last.
    expect(split.json().correction.change).toEqual({
      field: 'split',
      at,
      title: 'Kartlegge Nordsjøen',
      id: `TB${year}-04`,
    });
    const merge = await api.correct(id, {
      itemKind: 'assignment',
      itemKey: `TB${year}-03`,
      change: { field: 'mergeInto', value: `TB${year}-02` },
      reason: 'Beskrivelsen av driften er en del av utredningen.',
    });
    expect(merge.statusCode, merge.body).toBe(200);
    // Merged away: it cannot be merged again, nor be merged into.
    expect(
      await refusal({
        itemKey: `TB${year}-03`,
        change: { field: 'mergeInto', value: `TB${year}-01` },
      }),
    ).toMatchObject({ message: expect.stringMatching(new RegExp(`merged into TB${year}-02`)) });
    expect(
      await refusal({
        itemKey: `TB${year}-01`,
        change: { field: 'mergeInto', value: `TB${year}-03` },
      }),
    ).toMatchObject({ message: expect.stringMatching(new RegExp(`merge into TB${year}-02`)) });

    const expected = [
      [`TB${year}-01`, 'Kartlegge havbunnen', 'HFA', [`${year}-06-01`]],
      [`TB${year}-04`, 'Kartlegge Nordsjøen', 'HFA', [`${year}-10-01`]],
      [`TB${year}-02`, 'Utrede en ny havdatatjeneste', 'HFA', [`${year}-05-01`, `${year}-09-01`]],
    ];
    const shape = (items: Listed[]) =>
      items.map((a) => [a.registerId, a.title, a.ownerDepartment, a.deadlines.map((d) => d.date)]);
    const after = await api.assignments(id);
    expect(shape(after)).toEqual(expected);
    expect(after.map((a) => a.review.corrected)).toEqual([['split'], ['split'], ['mergeInto']]);
    // The register's rows changed with the reading: texts and deadlines.
    const [one, four, two] = await Promise.all(after.map((a) => api.assignment(a.id)));
    expect(one!.body).toBe(paragraphs.slice(0, at).join('\n'));
    expect(one!.deadlines.map((d) => d.date)).toEqual([`${year}-06-01`]);
    expect(four!.body).toBe(paragraphs.slice(at).join('\n'));
    expect(four!.deadlines.map((d) => d.date)).toEqual([`${year}-10-01`]);
    expect(two!.body).toMatch(/utrede en ny tjeneste[\s\S]*\n.*driftes/);
    expect(two!.deadlines.map((d) => d.date).sort()).toEqual([`${year}-05-01`, `${year}-09-01`]);

    // Audited like every correction: who, the value before, the change and why.
    const trail = await app.database.db
      .select({ before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.objectId, id), eq(auditLog.action, 'document.correct')))
      .orderBy(auditLog.seq);
    expect(trail).toEqual([
      {
        before: { item: `assignment:TB${year}-01`, split: read.body },
        after: {
          item: `assignment:TB${year}-01`,
          field: 'split',
          at,
          title: 'Kartlegge Nordsjøen',
          id: `TB${year}-04`,
          reason: 'To oppdrag i ett: kartet over Nordsjøen er et eget oppdrag.',
        },
      },
      {
        before: { item: `assignment:TB${year}-03`, mergeInto: null },
        after: {
          item: `assignment:TB${year}-03`,
          field: 'mergeInto',
          value: `TB${year}-02`,
          reason: 'Beskrivelsen av driften er en del av utredningen.',
        },
      },
    ]);

    // The same letter again: the corrected reading is what is stored; nothing changes.
    expect(
      await importSampleLetter(app, officer.headers, letter(year), { review: true }),
    ).toMatchObject({
      id,
      outcome: 'unchanged',
    });
    expect(shape(await api.assignments(id))).toEqual(expected);

    // A new version of the letter (another amount): both corrections applied again, and the
    // split's assignment keeps its register row.
    const next = await importSampleLetter(
      app,
      officer.headers,
      letter(year, { amount: '12 500' }),
      {
        review: true,
      },
    );
    expect(next.outcome).toBe('new-version');
    const v2 = await api.assignments(next.id);
    expect(shape(v2)).toEqual(expected);
    expect(v2.map((a) => a.id)).toEqual(after.map((a) => a.id));
    expect(await api.warnings(next.id)).not.toContainEqual(
      expect.objectContaining({ code: 'correction-stale' }),
    );
  });

  it('warns of a merge whose target a new version of the letter no longer has', async () => {
    const app = await testApp();
    const officer = await signIn(app, 'ministry-department-officer');
    const api = client(app, officer.headers);
    const year = 2093;
    const first = await importSampleLetter(app, officer.headers, letter(year), { review: true });
    const merge = await api.correct(first.id, {
      itemKind: 'assignment',
      itemKey: `TB${year}-03`,
      change: { field: 'mergeInto', value: `TB${year}-02` },
      reason: 'Hører til utredningen.',
    });
    expect(merge.statusCode, merge.body).toBe(200);
    expect((await api.assignments(first.id)).map((a) => a.registerId)).toEqual([
      `TB${year}-01`,
      `TB${year}-02`,
    ]);

    // TB-02 is gone from the new version: TB-03 stands on its own again, and the import says
    // the merge no longer applies.
    const next = await importSampleLetter(
      app,
      officer.headers,
      letter(year, { drop: `TB${year}-02` }),
      {
        review: true,
      },
    );
    expect(next.outcome).toBe('new-version');
    expect((await api.assignments(next.id)).map((a) => a.registerId)).toEqual([
      `TB${year}-01`,
      `TB${year}-03`,
    ]);
    expect(await api.warnings(next.id)).toContainEqual({
      code: 'correction-stale',
      params: { kind: 'assignment', key: `TB${year}-03`, field: 'mergeInto' },
    });
  });
});
