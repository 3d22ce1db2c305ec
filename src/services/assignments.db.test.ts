import { describe, expect, it } from 'vitest';
import { AssignmentQuery } from '../contract/api';
import { testDatabase } from '../db/testing';
import type { Actor } from '../domain/policy';
import { testApp } from '../testing/app';
import { buildAssignment, buildDocument, storeDocuments } from '../testing/factories';
import { listAssignments } from './assignments';

const system: Actor = { kind: 'system', name: 'test' };
/** A year no other test file uses (the database is shared per worker). */
const YEAR = 2061;

const deadline = (date: string, appliesTo: string | null = null) => ({
  date,
  text: `innen ${date}`,
  appliesTo,
  value: { kind: 'exact' as const, date },
});

async function seed() {
  const db = (await testDatabase()).db;
  await storeDocuments(db, [
    buildDocument({
      year: YEAR,
      agency: 'Direktoratet for fristfilter',
      title: `Tildelingsbrev ${YEAR} – fristfilter`,
      assignments: [
        buildAssignment({
          id: `TB${YEAR}-01`,
          assignedId: `TB${YEAR}-01`,
          deadlines: [deadline(`${YEAR}-03-01`)],
        }),
        // The next deadline is the earliest one: 1 February, not 1 June.
        buildAssignment({
          id: `TB${YEAR}-02`,
          assignedId: `TB${YEAR}-02`,
          deadlines: [deadline(`${YEAR}-06-01`), deadline(`${YEAR}-02-01`, 'a')],
        }),
        buildAssignment({
          id: `TB${YEAR}-03`,
          assignedId: `TB${YEAR}-03`,
          deadlines: [deadline(`${YEAR}-09-15`)],
        }),
        buildAssignment({ id: `TB${YEAR}-04`, assignedId: `TB${YEAR}-04`, deadlines: [] }),
      ],
    }),
  ]);
  return db;
}

describe('listAssignments: the deadline filter (dueFrom/dueTo on the next deadline)', () => {
  it('keeps the assignments whose next deadline lies in the period, earliest first', async () => {
    const db = await seed();
    const q = (extra: Record<string, string>) =>
      AssignmentQuery.parse({ year: String(YEAR), limit: '50', ...extra });

    const spring = await listAssignments(
      db,
      system,
      q({ dueFrom: `${YEAR}-01-15`, dueTo: `${YEAR}-03-01` }),
    );
    expect(spring.total).toBe(2);
    expect(spring.rows.map((r) => r.assignment.registerId)).toEqual([
      `TB${YEAR}-02`,
      `TB${YEAR}-01`,
    ]);
    expect(spring.rows.map((r) => r.nextDeadline)).toEqual([`${YEAR}-02-01`, `${YEAR}-03-01`]);

    // Bounds are inclusive; only one side may be given.
    const until = await listAssignments(db, system, q({ dueTo: `${YEAR}-02-01` }));
    expect(until.rows.map((r) => r.assignment.registerId)).toEqual([`TB${YEAR}-02`]);
    const after = await listAssignments(db, system, q({ dueFrom: `${YEAR}-03-02` }));
    expect(after.rows.map((r) => r.assignment.registerId)).toEqual([`TB${YEAR}-03`]);

    // The later deadline of TB-02 (1 June) does not make it "next" in June.
    const june = await listAssignments(
      db,
      system,
      q({ dueFrom: `${YEAR}-05-01`, dueTo: `${YEAR}-06-30` }),
    );
    expect(june.total).toBe(0);

    // Without the filter, undated assignments are listed too.
    const all = await listAssignments(db, system, q({}));
    expect(all.total).toBe(4);
  });

  it('refuses a day that is not a date', () => {
    expect(AssignmentQuery.safeParse({ dueFrom: '2061-02-30' }).success).toBe(false);
    expect(AssignmentQuery.safeParse({ dueTo: 'i morgen' }).success).toBe(false);
  });
});

describe('listAssignments: a page at a time by cursor, in every order', () => {
  /** Years no other test file uses. */
  const [Y1, Y2] = [2004, 2005];
  const WORD = 'kursorprøve';

  /**
   * Two years and three agencies; register IDs repeat across agencies (the id breaks the tie),
   * some rows have no deadline, and the word occurs once to three times (ranks tie and differ).
   */
  async function seedPages() {
    const db = (await testDatabase()).db;
    const row = (year: number, n: string, times: number, dates: string[]) =>
      buildAssignment({
        id: `TB${year}-${n}`,
        assignedId: `TB${year}-${n}`,
        title: `Oppdrag ${n} om ${WORD}`,
        text: `${Array.from({ length: times }, () => WORD).join(' og ')} i år ${year}.`,
        deadlines: dates.map((d) => deadline(d)),
      });
    const letter = (year: number, agency: string, rows: ReturnType<typeof row>[]) =>
      buildDocument({
        year,
        agency: `${agency} ${WORD}`,
        title: `Tildelingsbrev ${year} til ${agency}`,
        assignments: rows,
      });
    await storeDocuments(db, [
      letter(Y1, 'Etat A', [
        row(Y1, '01', 1, [`${Y1}-05-01`]),
        row(Y1, '02', 2, []),
        row(Y1, '03', 1, [`${Y1}-02-01`]),
      ]),
    ]);
    await storeDocuments(db, [
      letter(Y2, 'Etat B', [row(Y2, '01', 3, [`${Y2}-03-01`]), row(Y2, '02', 1, [])]),
    ]);
    await storeDocuments(db, [
      letter(Y2, 'Etat C', [row(Y2, '01', 1, [`${Y2}-03-01`]), row(Y2, '03', 2, [`${Y1}-12-01`])]),
    ]);
    return db;
  }

  const keyOf = (r: Awaited<ReturnType<typeof listAssignments>>['rows'][number]) =>
    `${r.assignment.registerId}/${r.document.agencyName?.split(' ')[1]}`;

  it('walks each order page by page: every row once, in the order of one long page', async () => {
    const db = await seedPages();
    for (const sort of ['year', 'id', 'deadline', 'relevance'] as const) {
      const whole = await listAssignments(
        db,
        system,
        AssignmentQuery.parse({ q: WORD, sort, limit: '200' }),
      );
      expect(whole.rows).toHaveLength(7);
      expect(whole.nextCursor).toBeNull();
      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof listAssignments>> = await listAssignments(
          db,
          system,
          AssignmentQuery.parse({ q: WORD, sort, limit: '2', ...(cursor ? { cursor } : {}) }),
        );
        expect(page.rows.length).toBeLessThanOrEqual(2);
        expect(page.total).toBe(7);
        walked.push(...page.rows.map(keyOf));
        cursor = page.nextCursor;
      } while (cursor !== null && walked.length < 20);
      expect(walked, sort).toEqual(whole.rows.map(keyOf));
    }
    const inOrder = async (sort: string) =>
      (
        await listAssignments(db, system, AssignmentQuery.parse({ q: WORD, sort, limit: '200' }))
      ).rows.map(keyOf);
    // Newest year first, then register ID; the same ID in two agencies in the order of their ids.
    const byYear = await inOrder('year');
    expect(byYear.slice(0, 2).sort()).toEqual([`TB${Y2}-01/B`, `TB${Y2}-01/C`]);
    expect(byYear.slice(2, 4)).toEqual([`TB${Y2}-02/B`, `TB${Y2}-03/C`]);
    // Next deadline first, the undated last; the word three times ranks first.
    expect((await inOrder('deadline')).slice(0, 2)).toEqual([`TB${Y1}-03/A`, `TB${Y1}-01/A`]);
    expect((await inOrder('deadline')).slice(-2)).toEqual([`TB${Y1}-02/A`, `TB${Y2}-02/B`]);
    expect((await inOrder('relevance'))[0]).toBe(`TB${Y2}-01/B`);
  });

  it('counts up to the cap, and says when there are more', async () => {
    const db = await seedPages();
    const query = AssignmentQuery.parse({ q: WORD, limit: '2' });
    expect(await listAssignments(db, system, query, { countUpTo: 5 })).toMatchObject({
      total: 5,
      totalCapped: true,
    });
    expect(await listAssignments(db, system, query, { countUpTo: 7 })).toMatchObject({
      total: 7,
      totalCapped: false,
    });
  });

  it('refuses a cursor it did not give for this order (400 over HTTP)', async () => {
    const db = await seedPages();
    const page = await listAssignments(
      db,
      system,
      AssignmentQuery.parse({ q: WORD, sort: 'year', limit: '1' }),
    );
    const cursor = page.nextCursor!;
    expect(AssignmentQuery.safeParse({ q: WORD, sort: 'year', cursor }).success).toBe(true);
    // Made for `year`, sent with `id`; cut short; forged with keys of the wrong types.
    const forged = Buffer.from(JSON.stringify({ o: 'year', k: ['2004', 'x', 'y'] })).toString(
      'base64url',
    );
    for (const [sort, c] of [
      ['id', cursor],
      ['year', cursor.slice(0, 10)],
      ['year', forged],
      ['year', 'not a cursor'],
    ]) {
      expect(AssignmentQuery.safeParse({ q: WORD, sort, cursor: c }).success, c).toBe(false);
    }
    const app = await testApp();
    const res = await app.inject({
      method: 'GET',
      url: `/api/assignments?sort=id&cursor=${encodeURIComponent(cursor)}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'validation' });
    const offset = await app.inject({ method: 'GET', url: '/api/assignments?limit=201' });
    expect(offset.statusCode).toBe(400);
  });
});
