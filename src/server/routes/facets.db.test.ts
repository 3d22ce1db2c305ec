/**
 * GET /api/assignments/facets through the real server: the years and owner departments it
 * offers are those of the documents the caller may read (src/db/visibility.ts), every one of
 * them rather than a first page's. Budget years 2057–2059 are this file's only.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { Facets } from '../../contract/facets';
import { documents } from '../../db/schema';
import { testDatabaseKind } from '../../db/testing';
import { testApp } from '../../testing/app';
import { signIn, type SignedIn } from '../../testing/auth';
import { buildAssignment, buildDocument, storeDocuments } from '../../testing/factories';
import { SAMPLE_AGENCY, SAMPLE_MINISTRY, SECOND_AGENCY } from '../../services/users';
import type { App } from '../app';

const tag = randomUUID()
  .slice(0, 6)
  .toUpperCase()
  .replace(/[^A-Z0-9]/g, 'X');
/** This file's department codes, one per kind of document below. */
const code = {
  draft: `D${tag}`,
  shared: `S${tag}`,
  sharedOther: `O${tag}`,
  published: `P${tag}`,
  otherMinistry: `M${tag}`,
};

describe(`GET /api/assignments/facets (${testDatabaseKind})`, () => {
  let app: App;

  /** Stores a letter of `ministry` to `agency` with one assignment of `department`, as `status`. */
  async function store(
    status: 'draft' | 'shared' | 'published',
    year: number,
    department: string,
    agency: string,
    ministry: string = SAMPLE_MINISTRY,
  ) {
    const stored = await storeDocuments(app.database.db, [
      buildDocument({
        year,
        ministry,
        agency,
        title: `Tildelingsbrev ${department} for ${year}`,
        assignments: [
          buildAssignment({ ownerDepartment: department, title: `Oppdrag ${department}` }),
        ],
      }),
    ]);
    await app.database.db
      .update(documents)
      .set({ status })
      .where(eq(documents.id, stored.documents[0]!.id));
  }

  beforeAll(async () => {
    app = await testApp();
    await store('draft', 2057, code.draft, SAMPLE_AGENCY);
    await store('shared', 2059, code.shared, SAMPLE_AGENCY);
    await store('shared', 2059, code.sharedOther, SECOND_AGENCY);
    await store('published', 2058, code.published, SECOND_AGENCY);
    await store('draft', 2058, code.otherMinistry, `Etat ${tag}`, `Annet departement ${tag}`);
  });

  async function facets(who?: SignedIn) {
    const res = await app.inject({
      method: 'GET',
      url: '/api/assignments/facets',
      headers: who ? { cookie: who.cookie } : {},
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = Facets.parse(res.json());
    return {
      years: body.years.filter((y) => y >= 2057 && y <= 2059),
      departments: body.departments.filter((d) => d.endsWith(tag)),
      all: body,
    };
  }

  it('offers a visitor the years and departments of published documents only', async () => {
    const seen = await facets();
    expect(seen.years).toEqual([2058]);
    expect(seen.departments).toEqual([code.published]);
  });

  it("offers an agency's user its own shared documents besides the published ones", async () => {
    const seen = await facets(await signIn(app, 'agency-coordinator'));
    expect(seen.years).toEqual([2059, 2058]);
    expect(seen.departments).toEqual([code.published, code.shared].sort());
  });

  it("offers a ministry's officer its own drafts, not another ministry's", async () => {
    const seen = await facets(await signIn(app, 'ministry-budget-officer'));
    expect(seen.years).toEqual([2059, 2058, 2057]);
    expect(seen.departments).toEqual(
      [code.draft, code.published, code.shared, code.sharedOther].sort(),
    );
  });

  it('offers an administrator everything, the years newest first and the codes in order', async () => {
    const seen = await facets(await signIn(app, 'administrator'));
    expect(seen.years).toEqual([2059, 2058, 2057]);
    expect(seen.departments).toEqual(Object.values(code).sort());
    expect(seen.all.years).toEqual([...seen.all.years].sort((a, b) => b - a));
    expect(new Set(seen.all.departments).size).toBe(seen.all.departments.length);
  });
});
