import { describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../db/testing';
import { testApp } from '../testing/app';
import { signIn, storeScopedDocument } from '../testing/auth';

describe(`sharing and issuing documents (${testDatabaseKind})`, () => {
  it('keeps a draft from the agency until the ministry shares it, then issues it', async () => {
    const app = await testApp();
    const { documentId } = await storeScopedDocument(app, 'draft');
    const officer = await signIn(app, 'ministry-department-officer');
    const agency = await signIn(app, 'agency-coordinator');
    const read = (headers: Record<string, string>) =>
      app.inject({ url: `/api/documents/${documentId}`, headers });
    const change = (to: string, expectedStatus: string, headers = officer.headers) =>
      app.inject({
        method: 'POST',
        url: `/api/documents/${documentId}/status`,
        headers: { ...headers, 'content-type': 'application/json' },
        payload: JSON.stringify({ to, expectedStatus, comment: 'Til drøfting' }),
      });

    expect((await read({ cookie: agency.cookie })).statusCode).toBe(404);
    expect((await read({ cookie: officer.cookie })).statusCode).toBe(200);
    // The agency shares no document at all: refused before the document is looked up.
    expect((await change('shared', 'draft', agency.headers)).statusCode).toBe(403);

    const shared = await change('shared', 'draft');
    expect(shared.statusCode).toBe(200);
    expect(shared.json()).toEqual({ id: documentId, status: 'shared' });
    expect((await read({ cookie: agency.cookie })).statusCode).toBe(200);
    expect((await read({})).statusCode).toBe(404); // not public yet

    // Someone acting on what they saw before the share gets a conflict, not an overwrite.
    const stale = await change('published', 'draft');
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: 'stale-status', current: { status: 'shared' } });
    // The agency reads a shared document but does not issue it.
    expect((await change('published', 'shared', agency.headers)).statusCode).toBe(403);

    expect((await change('published', 'shared')).statusCode).toBe(200);
    expect((await read({})).statusCode).toBe(200); // issued: public
    // Issued letters are final.
    expect((await change('draft', 'published')).statusCode).toBe(403);

    const history = await app.inject({
      url: `/api/audit?objectType=document&objectId=${documentId}`,
      headers: { cookie: officer.cookie },
    });
    expect(history.statusCode).toBe(200);
    expect(JSON.stringify(history.json())).toContain('document.status');
  });
});
