/**
 * GET /api/organisations and /api/organisations/:id through the real server: the contract's
 * shapes, the filters and pages, and an organisation only a draft names staying hidden from
 * visitors (404 like an absent one) while signed-in staff see it. The rule itself is tested on
 * more actors in src/services/organisations.db.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { Organisation, OrganisationList } from '../../contract/api';
import { testDatabaseKind } from '../../db/testing';
import { testApp } from '../../testing/app';
import { signIn, storeScopedDocument, type SignedIn } from '../../testing/auth';
import { SAMPLE_MINISTRY } from '../../services/users';
import type { App } from '../app';

const tag = `Apitest ${randomUUID().slice(0, 8)}`;

describe(`GET /api/organisations (${testDatabaseKind})`, () => {
  let app: App;
  let reader: SignedIn;
  let published: string;
  let draft: string;
  let ministry: string;

  beforeAll(async () => {
    app = await testApp();
    published = (await storeScopedDocument(app, 'published', `Utgitt etat ${tag}`)).agencyId;
    draft = (await storeScopedDocument(app, 'draft', `Utkast etat ${tag}`)).agencyId;
    reader = await signIn(app, 'ministry-reader');
    const found = await get(
      `/api/organisations?kind=ministry&q=${encodeURIComponent(SAMPLE_MINISTRY)}`,
    );
    ministry = OrganisationList.parse(found.json()).items.find(
      (o) => o.name === SAMPLE_MINISTRY,
    )!.id;
  });

  const get = (url: string, who?: SignedIn) =>
    app.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} });
  const list = async (query: string, who?: SignedIn) => {
    const res = await get(`/api/organisations?q=${encodeURIComponent(tag)}&${query}`, who);
    expect(res.statusCode, res.body).toBe(200);
    return OrganisationList.parse(res.json());
  };

  it('lists for visitors only the organisations a published document names', async () => {
    const seen = await list('');
    expect(seen).toEqual({
      items: [
        {
          id: published,
          kind: 'agency',
          name: `Utgitt etat ${tag}`,
          shortName: null,
          orgNr: null,
          parentId: ministry,
        },
      ],
      total: 1,
      nextCursor: null,
    });
    expect((await get(`/api/organisations/${draft}`)).statusCode).toBe(404);
    expect((await get(`/api/organisations/${randomUUID()}`)).json()).toEqual({
      error: 'not-found',
      message: 'No such organisation',
    });
  });

  it('lists every organisation for a caller with a role, filtered and paged', async () => {
    const all = await list('', reader);
    expect(all.items.map((o) => o.name)).toEqual([`Utgitt etat ${tag}`, `Utkast etat ${tag}`]);
    const first = await list('limit=1', reader);
    expect(first).toMatchObject({ items: [all.items[0]], total: 2 });
    const second = await list(`limit=1&cursor=${first.nextCursor!}`, reader);
    expect(second).toEqual({ items: [all.items[1]], total: 2, nextCursor: null });
    expect((await list(`kind=agency&parentId=${ministry}`, reader)).total).toBe(2);
    expect((await list('kind=ministry', reader)).total).toBe(0);
    expect((await list(`parentId=${randomUUID()}`, reader)).total).toBe(0);
    const one = await get(`/api/organisations/${draft}`, reader);
    expect(Organisation.parse(one.json())).toEqual(all.items[1]);
  });

  it('refuses malformed filters and ids with 400', async () => {
    for (const url of [
      '/api/organisations?kind=department',
      '/api/organisations?parentId=nope',
      '/api/organisations?limit=0',
      '/api/organisations?limit=201',
      '/api/organisations?cursor=bm90IGEgY3Vyc29y',
      '/api/organisations?q=',
      '/api/organisations/not-an-id',
    ]) {
      expect((await get(url)).statusCode, url).toBe(400);
    }
  });
});
