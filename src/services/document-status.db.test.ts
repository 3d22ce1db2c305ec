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
    const change = (
      to: string,
      expectedVersion: number,
      headers = officer.headers,
      extra: { acceptUncertain?: number } = {},
    ) =>
      app.inject({
        method: 'POST',
        url: `/api/documents/${documentId}/status`,
        headers: { ...headers, 'content-type': 'application/json' },
        payload: JSON.stringify({ to, expectedVersion, comment: 'Til drøfting', ...extra }),
      });

    expect((await read({ cookie: agency.cookie })).statusCode).toBe(404);
    const seen = (await read({ cookie: officer.cookie })).json();
    expect(seen).toMatchObject({
      status: 'draft',
      statusVersion: 1,
      allowedTransitions: ['shared', 'published'],
    });
    // The agency shares no document at all: refused before the document is looked up.
    expect((await change('shared', 1, agency.headers)).statusCode).toBe(403);

    const shared = await change('shared', 1);
    expect(shared.statusCode).toBe(200);
    const officerId = (
      await app.inject({ url: '/api/me', headers: { cookie: officer.cookie } })
    ).json().user.id;
    expect(shared.json()).toEqual({
      document: {
        id: documentId,
        status: 'shared',
        version: 2,
        allowedTransitions: ['draft', 'published'],
      },
      event: {
        id: expect.any(String),
        at: expect.any(String),
        actor: `user:${officerId}`,
        actorKind: 'user',
        actorId: officerId,
        actorName: officer.user.name,
        from: 'draft',
        to: 'shared',
        comment: 'Til drøfting',
        version: 2,
      },
    });
    expect((await read({ cookie: agency.cookie })).statusCode).toBe(200);
    expect((await read({})).statusCode).toBe(404); // not public yet

    // Someone acting on what they saw before the share gets a conflict, not an overwrite.
    const stale = await change('published', 1);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      error: 'stale-version',
      current: { status: 'shared', version: 2 },
    });
    // A change the lifecycle has no edge for is refused (422) with the state as it is.
    const refused = await change('shared', 2);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      error: 'invalid-transition',
      current: { status: 'shared', version: 2 },
    });
    // The agency reads a shared document but does not issue it.
    expect((await change('published', 2, agency.headers)).statusCode).toBe(403);

    // Issuing approves the import's review: its one uncertain item (an assignment the letter
    // prints no ID for) is accepted as read, by number.
    expect((await change('published', 2)).statusCode).toBe(422);
    expect((await change('published', 2, officer.headers, { acceptUncertain: 1 })).statusCode).toBe(
      200,
    );
    expect((await read({})).statusCode).toBe(200); // issued: public
    // Issued letters are final.
    expect((await change('draft', 3)).statusCode).toBe(403);

    const history = await app.inject({
      url: `/api/audit?objectType=document&objectId=${documentId}`,
      headers: { cookie: officer.cookie },
    });
    expect(history.statusCode).toBe(200);
    expect(JSON.stringify(history.json())).toContain('document.status');
  });
});
