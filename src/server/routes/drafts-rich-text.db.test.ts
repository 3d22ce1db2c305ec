/**
 * Rich prose in a draft, through the real server and database: a draft stored before rich
 * prose (its preamble and assignment text plain strings) loads with documents and saves; a
 * client may still send strings; the API answers documents, stores them, and refuses nodes
 * outside the kept subset. Its shared round, stored with strings, compares with the documents.
 */
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Draft, DraftContent } from '../../contract/draft';
import { richText } from '../../contract/rich-text';
import { drafts } from '../../db/schema';
import { SAMPLE_AGENCY } from '../../services/users';
import { testApp } from '../../testing/app';
import { signIn } from '../../testing/auth';
import { buildDraftContent } from '../../testing/builders';

/** Years no other test file uses (the database is shared per worker). */
const YEAR = 2062;

describe('rich prose in a draft', () => {
  it('a draft stored with plain strings loads as documents and saves', async () => {
    const app = await testApp();
    const author = await signIn(app, 'ministry-department-officer');
    const orgs = (
      await app.inject({ url: '/api/organisations', headers: author.headers })
    ).json() as { items: { id: string; name: string }[] };
    const agencyId = orgs.items.find((o) => o.name === SAMPLE_AGENCY)!.id;
    const created = await app.inject({
      method: 'POST',
      url: '/api/drafts',
      headers: author.headers,
      payload: { agencyId, year: YEAR, kind: 'allocation-letter', from: 'empty' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as Draft).id;
    expect((created.json() as Draft).content.preamble).toEqual({
      type: 'doc',
      content: [{ type: 'paragraph' }],
    });

    // As a draft saved before rich prose holds it: its prose as strings.
    const legacy = buildDraftContent() as unknown as Record<string, unknown> & {
      assignments: Record<string, unknown>[];
    };
    legacy.preamble = 'Departementet viser til Prop. 1 S.\n\n• første punkt\n• andre punkt';
    legacy.assignments[0]!.text = 'Direktoratet skal kartlegge.\n\nDet skal rapporteres.';
    legacy.assignments[1]!.text = 'Direktoratet skal lage en veileder.';
    const db = app.database.db;
    await db
      .update(drafts)
      .set({ content: legacy as unknown as DraftContent })
      .where(eq(drafts.id, id));
    // What the column holds, as stored (not as read through the schema's content type).
    const stored = async () =>
      (
        await db
          .select({
            preamble: sql<string>`jsonb_typeof(${drafts.content}->'preamble')`,
            text: sql<string>`jsonb_typeof(${drafts.content}->'assignments'->0->'text')`,
          })
          .from(drafts)
          .where(eq(drafts.id, id))
      )[0];
    expect(await stored()).toEqual({ preamble: 'string', text: 'string' });

    // Shared as it is stored (a round with strings), so later rounds compare with it.
    let draft = (
      await app.inject({ url: `/api/drafts/${id}`, headers: author.headers })
    ).json() as Draft;
    const shared = await app.inject({
      method: 'POST',
      url: `/api/drafts/${id}/share`,
      headers: author.headers,
      payload: { expectedVersion: draft.version },
    });
    expect(shared.statusCode, shared.body).toBe(200);

    const loaded = await app.inject({ url: `/api/drafts/${id}`, headers: author.headers });
    expect(loaded.statusCode).toBe(200);
    draft = loaded.json() as Draft;
    expect(draft.content.preamble).toEqual({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'Departementet viser til Prop. 1 S.' }],
        },
        {
          type: 'bulletList',
          content: ['første punkt', 'andre punkt'].map((text) => ({
            type: 'listItem',
            content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
          })),
        },
      ],
    });
    expect(draft.content.assignments[0]!.text.content).toHaveLength(2);

    // Saved back as the editor sends it: a word made bold. Stored as documents now.
    const content = structuredClone(draft.content);
    content.assignments[1]!.text = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Direktoratet skal lage en ' },
            { type: 'text', text: 'veileder', marks: [{ type: 'bold' }] },
            { type: 'text', text: '.' },
          ],
        },
      ],
    };
    const saved = await app.inject({
      method: 'PUT',
      url: `/api/drafts/${id}`,
      headers: author.headers,
      payload: { expectedVersion: draft.version, content },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    draft = saved.json() as Draft;
    expect(draft.content.assignments[1]!.text).toEqual(content.assignments[1]!.text);
    expect(await stored()).toEqual({ preamble: 'object', text: 'object' });
    // The round shared with strings: only what changed since is told as changed.
    const next = await app.inject({
      method: 'POST',
      url: `/api/drafts/${id}/share`,
      headers: author.headers,
      payload: { expectedVersion: draft.version },
    });
    expect(next.statusCode, next.body).toBe(200);
    expect((next.json() as Draft).rounds[1]!.changes).toEqual([
      {
        item: `assignment:${content.assignments[1]!.key}`,
        kind: 'changed',
        label: 'Veileder for søkerne',
      },
    ]);
    draft = next.json() as Draft;

    // A client that still sends strings is answered with documents.
    const asString = await app.inject({
      method: 'PUT',
      url: `/api/drafts/${id}`,
      headers: author.headers,
      payload: {
        expectedVersion: draft.version,
        content: { ...draft.content, preamble: 'Ny innledning.' },
      },
    });
    expect(asString.statusCode, asString.body).toBe(200);
    draft = asString.json() as Draft;
    expect(draft.content.preamble).toEqual(richText('Ny innledning.'));

    // What the kept subset has not: refused, nothing saved.
    const hostile = await app.inject({
      method: 'PUT',
      url: `/api/drafts/${id}`,
      headers: author.headers,
      payload: {
        expectedVersion: draft.version,
        content: {
          ...draft.content,
          preamble: {
            type: 'doc',
            content: [{ type: 'paragraph', content: [{ type: 'image', attrs: { src: 'x' } }] }],
          },
        },
      },
    });
    expect(hostile.statusCode).toBe(400);
  });
});
