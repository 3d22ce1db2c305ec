import { describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../../db/testing';
import { testApp } from '../../testing/app';
import { signIn } from '../../testing/auth';
import { buildDocument, storeDocuments } from '../../testing/factories';

describe(`versions of a document (${testDatabaseKind})`, () => {
  it('keeps a replaced version readable, names its versions both ways, and never changes it again', async () => {
    const app = await testApp();
    const letter = buildDocument();
    const first = (await storeDocuments(app.database.db, [letter])).documents[0]!;
    const changed = {
      ...letter,
      appropriations: [{ ...letter.appropriations[0]!, amount: 175_500 }],
    };
    const second = (await storeDocuments(app.database.db, [changed])).documents[0]!;
    expect(second.outcome).toBe('new-version');

    const admin = await signIn(app, 'administrator');
    const get = (id: string) =>
      app.inject({ method: 'GET', url: `/api/documents/${id}`, headers: { cookie: admin.cookie } });
    const old = (await get(first.id)).json();
    expect(old).toMatchObject({ isCurrent: false, version: 1, allowedTransitions: [] });
    const oldAppropriations = await app.inject({
      url: `/api/documents/${first.id}/parts/appropriations`,
      headers: { cookie: admin.cookie },
    });
    expect(oldAppropriations.json().items[0].amount).toBe(150_000);
    const versions = [
      { id: first.id, version: 1, isCurrent: false },
      { id: second.id, version: 2, isCurrent: true },
    ];
    expect(old.versions).toMatchObject(versions);
    const now = (await get(second.id)).json();
    expect(now).toMatchObject({ isCurrent: true, version: 2, versions });

    const refused = await app.inject({
      method: 'POST',
      url: `/api/documents/${first.id}/status`,
      headers: admin.headers,
      payload: { to: 'draft', expectedVersion: old.statusVersion },
    });
    // An earlier version's status no longer changes: refused by the lifecycle, nothing saved.
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ error: 'invalid-transition' });
    expect((await get(first.id)).json().status).toBe('published');
  });
});

describe(`a supplement's change-table rows on its page (${testDatabaseKind})`, () => {
  it('sends the printed figure before and sum after with each row, and null where none was printed', async () => {
    const app = await testApp();
    const letter = buildDocument();
    const base = letter.appropriations[0]!;
    const supplement = buildDocument({
      ...letter,
      kind: 'supplement',
      number: 1,
      title: `${letter.title} – tillegg nr. 1`,
      appropriations: [
        {
          ...base,
          amount: 2_500,
          changeRow: { previous: base.amount, total: base.amount + 2_500 },
        },
        { ...base, post: 70, amount: 400 },
      ],
    });
    const stored = (await storeDocuments(app.database.db, [letter, supplement])).documents;
    const admin = await signIn(app, 'administrator');
    const page = await app.inject({
      method: 'GET',
      url: `/api/documents/${stored[1]!.id}/parts/appropriations`,
      headers: { cookie: admin.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(
      page.json().items.map((a: { amount: number; changeRow: unknown }) => [a.amount, a.changeRow]),
    ).toEqual([
      [2_500, { previous: base.amount, total: base.amount + 2_500 }],
      [400, null],
    ]);
  });
});
