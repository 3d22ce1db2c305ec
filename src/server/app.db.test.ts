import { describe, expect, it } from 'vitest';
import { testDatabase, testDatabaseKind } from '../db/testing';
import { buildAssignment, buildDocument, storeDocuments } from '../testing/factories';
import { testApp } from '../testing/app';
import { buildApp } from './app';

describe(`HTTP API (${testDatabaseKind})`, () => {
  it('reports health with the database kind and migration state', async () => {
    const app = await testApp();
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('ok');
    expect(body.database.kind).toBe(testDatabaseKind);
    expect(body.database.migrations.upToDate).toBe(true);
    expect(body.database.migrations.applied).toBeGreaterThan(0);
  });

  it('serves OpenAPI generated from the zod contract', async () => {
    const app = await testApp();
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const spec = res.json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/documents',
        '/api/documents/{id}',
        '/api/assignments',
      ]),
    );
    expect(
      spec.paths['/api/assignments'].get.parameters.map((p: { name: string }) => p.name),
    ).toContain('q');
  });

  it('lists and shows published documents to anonymous visitors, not drafts', async () => {
    const { db } = await testDatabase();
    const app = await testApp();
    const published = buildDocument();
    const stored = await storeDocuments(db, [published]);
    const id = stored.documents[0]!.id;
    const list = await app.inject({ method: 'GET', url: '/api/documents?limit=200' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((d: { id: string }) => d.id)).toContain(id);
    const one = await app.inject({ method: 'GET', url: `/api/documents/${id}` });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({
      title: published.title,
      counts: { appropriations: 1, assignments: 1, calendar: 0 },
      abilities: { read: true },
    });
    const appropriations = await app.inject({ url: `/api/documents/${id}/parts/appropriations` });
    expect(appropriations.json()).toMatchObject({
      items: [{ chapter: 700, post: 1, amount: 150_000, provenance: { startLine: 10 } }],
    });
    const lines = await app.inject({ url: `/api/documents/${id}/parts/lines?from=10&limit=1` });
    expect(lines.json().items).toEqual([{ no: 10, text: 'linje 10' }]);

    const { documents } = await import('../db/schema');
    const { eq } = await import('drizzle-orm');
    await db.update(documents).set({ status: 'draft' }).where(eq(documents.id, id));
    const hidden = await app.inject({ method: 'GET', url: `/api/documents/${id}` });
    expect(hidden.statusCode).toBe(404);
    const hiddenPart = await app.inject({ url: `/api/documents/${id}/parts/lines` });
    expect(hiddenPart.statusCode).toBe(404);
    const list2 = await app.inject({ method: 'GET', url: '/api/documents?limit=200' });
    expect(list2.json().items.map((d: { id: string }) => d.id)).not.toContain(id);
  });

  it('shows every other extracted item of a document with its source lines, in letter order', async () => {
    const { db } = await testDatabase();
    const app = await testApp();
    const doc = buildDocument({
      carriedOver: [
        { id: 'TB2029-04', title: 'Eldre oppdrag', provenance: { startLine: 30, endLine: 30 } },
      ],
      earmarks: [
        {
          chapter: 700,
          post: 1,
          amount: 2_700,
          text: 'til en forsøksordning',
          provenance: { startLine: 12, endLine: 13 },
        },
      ],
      preamble: {
        text: 'Departementet viser til budsjettet.',
        provenance: { startLine: 3, endLine: 4 },
      },
    });
    const stored = await storeDocuments(db, [doc]);
    const res = await app.inject({
      url: `/api/documents/${stored.documents[0]!.id}/parts/otherItems`,
    });
    expect(res.json().items).toEqual([
      {
        kind: 'preamble',
        title: 'Innledning',
        text: 'Departementet viser til budsjettet.',
        amount: null,
        provenance: { startLine: 3, endLine: 4 },
      },
      {
        kind: 'earmark',
        title: 'Kap. 700 post 01',
        text: 'til en forsøksordning',
        amount: 2_700,
        provenance: { startLine: 12, endLine: 13 },
      },
      {
        kind: 'carried-over',
        title: 'TB2029-04',
        text: 'Eldre oppdrag',
        amount: null,
        provenance: { startLine: 30, endLine: 30 },
      },
    ]);
  });

  it('searches assignments with Norwegian stemming', async () => {
    const { db } = await testDatabase();
    const app = await testApp();
    const doc = buildDocument({
      assignments: [
        buildAssignment({
          title: 'Evaluere tilskuddsordninger for fastleger',
          text: 'Direktoratet skal evaluere tilskuddsordningene for fastleger i distriktene.',
        }),
      ],
    });
    await storeDocuments(db, [doc]);
    const res = await app.inject({
      method: 'GET',
      url: `/api/assignments?q=${encodeURIComponent('tilskuddsordning')}&limit=200`,
    });
    expect(res.statusCode).toBe(200);
    const titles = res.json().items.map((a: { title: string }) => a.title);
    expect(titles).toContain('Evaluere tilskuddsordninger for fastleger');
    const search = await app.inject({ method: 'GET', url: '/api/search?q=fastlegene' });
    expect(search.json().assignments.map((a: { title: string }) => a.title)).toContain(
      'Evaluere tilskuddsordninger for fastleger',
    );
  });

  it('rejects invalid input with 400 and a readable message', async () => {
    const app = await testApp();
    const res = await app.inject({ method: 'GET', url: '/api/documents/not-a-uuid' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'validation' });
  });

  it('refuses anonymous imports (fail-closed policy)', async () => {
    const app = await testApp();
    const res = await app.inject({ method: 'POST', url: '/api/imports' });
    expect(res.statusCode).toBe(403);
  });
});

describe('fail-closed routing', () => {
  it('refuses to start when a route declares no policy action', async () => {
    const database = await testDatabase();
    const declared = await buildApp({
      database,
      webDir: '/nonexistent',
      extraRoutes: (inst) => {
        inst.get('/api/declared', { config: { action: 'public' } }, async () => 'fine');
      },
    });
    expect((await declared.inject({ url: '/api/declared' })).body).toBe('fine');
    await declared.close();
    await expect(
      buildApp({
        database,
        webDir: '/nonexistent',
        extraRoutes: (inst) => {
          inst.get('/api/undeclared', async () => 'oops');
        },
      }),
    ).rejects.toThrow('Route GET /api/undeclared declares no policy action');
  });
});
