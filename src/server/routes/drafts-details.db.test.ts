/**
 * An assignment's collaborators and funding, through the real server and database: saved with
 * the draft (a content without them reads as none), a name the letter would not read back shown
 * as a problem that stops approval, and once issued, the register's assignment holds the names
 * and chapter/posts the letter printed.
 */
import { describe, expect, it } from 'vitest';
import type { AssignmentDetail } from '../../contract/api';
import type { Draft } from '../../contract/draft';
import { SAMPLE_AGENCY } from '../../services/users';
import { testApp } from '../../testing/app';
import { signIn } from '../../testing/auth';
import { buildDraftContent } from '../../testing/builders';
import { readPart } from '../../testing/documents';

/** Years no other test file uses (the database is shared per worker). */
const YEAR = 2089;

describe("an assignment's collaborators and funding", () => {
  it('are saved, checked for reading back, issued and held by the register', async () => {
    const app = await testApp();
    const author = await signIn(app, 'ministry-department-officer');
    const second = await signIn(app, 'ministry-budget-officer');
    const orgs = (
      await app.inject({ url: '/api/organisations', headers: author.headers })
    ).json() as { items: { id: string; name: string }[] };
    const agencyId = orgs.items.find((o) => o.name === SAMPLE_AGENCY)!.id;
    const created = await app.inject({
      method: 'POST',
      url: '/api/drafts',
      headers: author.headers,
      payload: { agencyId, year: YEAR, kind: 'allocation-letter', from: 'empty', language: 'nn' },
    });
    expect(created.statusCode, created.body).toBe(201);
    let draft = created.json() as Draft;
    const save = async (content: unknown) => {
      const res = await app.inject({
        method: 'PUT',
        url: `/api/drafts/${draft.id}`,
        headers: author.headers,
        payload: { expectedVersion: draft.version, content },
      });
      expect(res.statusCode, res.body).toBe(200);
      draft = res.json() as Draft;
    };

    // A content written before assignments had them: read as none.
    const content = buildDraftContent({ language: 'nn', calendar: [] });
    const { collaborators: _c, funding: _f, ...older } = content.assignments[0]!;
    await save({ ...content, assignments: [older, content.assignments[1]] });
    expect(draft.content.assignments.map((a) => [a.collaborators, a.funding])).toEqual([
      [[], []],
      [[], []],
    ]);

    // A name the letter prints but the importer would read as `Senter`: a problem, no approval.
    content.assignments[0]!.collaborators = ['Helsedirektoratet', 'Senter for prøving'];
    content.assignments[0]!.funding = [{ chapter: 2310, post: 21 }];
    content.assignments[1]!.collaborators = ['Statens vegvesen', 'Kartverket', 'Prøvesenteret'];
    content.assignments[1]!.funding = [{ chapter: 2310, post: null }];
    await save(content);
    expect(draft.derived.problems).toEqual([
      {
        code: 'assignment-detail-unreadable',
        item: `${content.assignments[0]!.title}: Senter for prøving`,
      },
    ]);
    const refused = await app.inject({
      method: 'POST',
      url: `/api/drafts/${draft.id}/approve`,
      headers: second.headers,
      payload: { expectedVersion: draft.version },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('assignment-detail-unreadable');

    content.assignments[0]!.collaborators = ['Helsedirektoratet', 'Senter For Prøving'];
    await save(content);
    expect(draft.derived.problems).toEqual([]);
    for (const step of ['approve', 'issue'] as const) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/drafts/${draft.id}/${step}`,
        headers: step === 'approve' ? second.headers : author.headers,
        payload: { expectedVersion: draft.version },
      });
      expect(res.statusCode, res.body).toBe(200);
      draft = res.json() as Draft;
    }

    const items = await readPart(app, draft.issuedDocumentId!, 'assignments');
    const details = await Promise.all(
      items.map(
        async (a) =>
          (
            await app.inject({ url: `/api/assignments/${a.id}`, headers: author.headers })
          ).json() as AssignmentDetail,
      ),
    );
    expect(details.map((d) => [d.registerId, d.collaborators, d.funding])).toEqual([
      [`TB${YEAR}-01`, ['Helsedirektoratet', 'Senter For Prøving'], [{ chapter: 2310, post: 21 }]],
      [
        `TB${YEAR}-02`,
        ['Statens vegvesen', 'Kartverket', 'Prøvesenteret'],
        [{ chapter: 2310, post: null }],
      ],
    ]);
  });
});
