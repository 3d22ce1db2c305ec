/**
 * Finding an organisation by org.nr, and reaching the ledger and the checks with it: an
 * integrating system knows an agency by its org.nr, not by Tildel's id. What a caller may not
 * see stays hidden (an agency only a draft names is not found by visitors). Years 2075–2076.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { OrganisationList } from '../../contract/api';
import { Checks, Ledger } from '../../contract/ledger';
import { organisations } from '../../db/schema';
import { testDatabaseKind } from '../../db/testing';
import { testApp } from '../../testing/app';
import { signIn, storeScopedDocument, type SignedIn } from '../../testing/auth';
import type { App } from '../app';

const tag = `Orgnr ${randomUUID().slice(0, 8)}`;
/** A nine-digit number no other organisation has (the column is unique). */
const freshOrgNr = () => String(randomInt(100_000_000, 1_000_000_000));

describe(`organisations by org.nr (${testDatabaseKind})`, () => {
  let app: App;
  let reader: SignedIn;
  let published: { agencyId: string; orgNr: string };
  let hidden: { agencyId: string; orgNr: string };

  const get = (url: string, who?: SignedIn) =>
    app.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} });

  /** An agency named by one document of 2075 in the given status, given an org.nr. */
  async function agencyWith(status: 'published' | 'draft', name: string) {
    const { agencyId } = await storeScopedDocument(app, status, name, { year: 2075 });
    const orgNr = freshOrgNr();
    await app.database.db
      .update(organisations)
      .set({ orgNr })
      .where(eq(organisations.id, agencyId));
    return { agencyId, orgNr };
  }

  beforeAll(async () => {
    app = await testApp();
    reader = await signIn(app, 'ministry-reader');
    published = await agencyWith('published', `Utgitt etat ${tag}`);
    hidden = await agencyWith('draft', `Utkast etat ${tag}`);
  });

  it('finds the one organisation with an org.nr, for whoever may see it', async () => {
    const found = await get(`/api/organisations?orgNr=${published.orgNr}`);
    expect(found.statusCode, found.body).toBe(200);
    expect(OrganisationList.parse(found.json())).toEqual({
      items: [
        expect.objectContaining({
          id: published.agencyId,
          name: `Utgitt etat ${tag}`,
          orgNr: published.orgNr,
        }),
      ],
      total: 1,
      nextCursor: null,
    });
    // Only a draft names it: visitors do not find it, staff do.
    expect((await get(`/api/organisations?orgNr=${hidden.orgNr}`)).json().total).toBe(0);
    const staff = await get(`/api/organisations?orgNr=${hidden.orgNr}`, reader);
    expect(staff.json().items.map((o: { id: string }) => o.id)).toEqual([hidden.agencyId]);
    // Combined with the other filters.
    expect(
      (await get(`/api/organisations?orgNr=${published.orgNr}&kind=ministry`)).json().total,
    ).toBe(0);
    expect((await get(`/api/organisations?orgNr=${freshOrgNr()}`)).json().total).toBe(0);
  });

  it('refuses what is not an org.nr with 400', async () => {
    for (const nr of ['12345678', '1234567890', '974 760 673', 'abcdefghi', '']) {
      const res = await get(`/api/organisations?orgNr=${encodeURIComponent(nr)}`);
      expect(res.statusCode, nr).toBe(400);
    }
  });

  it('gives the ledger and the checks by org.nr as by id', async () => {
    const byId = await get(`/api/ledger?agency=${published.agencyId}&year=2075`);
    expect(byId.statusCode, byId.body).toBe(200);
    const byNr = await get(`/api/ledger?agency=${published.orgNr}&year=2075`);
    expect(byNr.statusCode, byNr.body).toBe(200);
    expect(Ledger.parse(byNr.json())).toEqual(Ledger.parse(byId.json()));
    expect(byNr.json().documents.length).toBe(1);

    const checks = await get(`/api/checks?agency=${published.orgNr}&year=2075`);
    expect(checks.statusCode, checks.body).toBe(200);
    expect(Checks.parse(checks.json()).agency).toBe(published.agencyId);
  });

  it('answers 404 for an org.nr the caller cannot see, or no one has, or another year', async () => {
    expect((await get(`/api/ledger?agency=${hidden.orgNr}&year=2075`)).statusCode).toBe(404);
    expect((await get(`/api/ledger?agency=${hidden.orgNr}&year=2075`, reader)).statusCode).toBe(
      200,
    );
    expect((await get(`/api/ledger?agency=${freshOrgNr()}&year=2075`)).statusCode).toBe(404);
    expect((await get(`/api/checks?agency=${freshOrgNr()}&year=2075`)).statusCode).toBe(404);
    expect((await get(`/api/ledger?agency=${published.orgNr}&year=2076`)).statusCode).toBe(404);
    expect((await get(`/api/ledger?agency=12345&year=2075`)).statusCode).toBe(400);
  });
});
