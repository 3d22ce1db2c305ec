/**
 * Which organisations a caller sees (src/domain/policy.ts `seesEveryOrganisation`, in SQL as
 * `visibleOrganisations`), and the list's filters and pages, on the real database. Every name
 * carries this run's tag, so `q: tag` keeps other test files' organisations out.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { documents } from '../db/schema';
import { testDatabase, testDatabaseKind } from '../db/testing';
import type { Db } from '../db/client';
import type { Role } from '../contract/enums';
import { OrganisationQuery } from '../contract/api';
import { ANONYMOUS, type Actor } from '../domain/policy';
import { buildDocument, storeDocuments } from '../testing/factories';
import { findOrCreateOrganisation, getOrganisation, listOrganisations } from './organisations';
import { audited } from './audit';

const tag = `Orgtest ${randomUUID().slice(0, 8)}`;
const name = (label: string) => `${label} ${tag}`;
const SYSTEM: Actor = { kind: 'system', name: 'test' };
const page = { limit: 50 };

/** Stores a letter from `ministry` to `agency` and gives it `status`. */
async function letter(db: Db, ministry: string, agency: string, status: 'draft' | 'published') {
  const stored = await storeDocuments(db, [
    buildDocument({ ministry: name(ministry), agency: name(agency), year: 2042 }),
  ]);
  await db.update(documents).set({ status }).where(eq(documents.id, stored.documents[0]!.id));
}

describe(`organisations: who sees which (${testDatabaseKind})`, () => {
  let db: Db;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    db = (await testDatabase()).db;
    // An agency that reports to a ministry no document names.
    const overdep = await audited(db, (tx) =>
      findOrCreateOrganisation(tx, SYSTEM, {
        kind: 'ministry',
        name: name('Overdep'),
        parentId: null,
      }),
    );
    id.Overdep = overdep;
    await audited(db, (tx) =>
      findOrCreateOrganisation(tx, SYSTEM, {
        kind: 'agency',
        name: name('Underetat'),
        parentId: overdep,
      }),
    );
    await letter(db, 'Offentligdep', 'Offentligetat', 'published');
    await letter(db, 'Offentligdep', 'Underetat', 'published');
    await letter(db, 'Offentligdep', 'Utkastetat', 'draft');
    await letter(db, 'Utkastdep', 'Skjultetat', 'draft');
    const all = await listOrganisations(db, SYSTEM, { ...page, q: tag });
    for (const o of all.rows) id[o.name.replace(` ${tag}`, '')] = o.id;
  });

  const user = (roles: Role[]): Actor => ({
    kind: 'user',
    id: randomUUID(),
    name: 'test',
    organisationId: randomUUID(),
    roles,
    departmentCode: null,
  });

  const names = async (actor: Actor) =>
    (await listOrganisations(db, actor, { ...page, q: tag })).rows.map((o) =>
      o.name.replace(` ${tag}`, ''),
    );

  it('shows anonymous callers only what a published document names, and the ministries over it', async () => {
    // Utkastetat and Utkastdep/Skjultetat come from drafts only: hidden. Overdep is named by no
    // document but is the ministry Underetat reports to.
    const publicly = ['Offentligdep', 'Offentligetat', 'Overdep', 'Underetat'];
    expect((await names(ANONYMOUS)).sort()).toEqual(publicly.sort());
    // Signed in without a role: the same as a visitor.
    expect((await names(user([]))).sort()).toEqual(publicly.sort());
    for (const hidden of ['Utkastetat', 'Skjultetat', 'Utkastdep']) {
      expect(await getOrganisation(db, ANONYMOUS, id[hidden]!), hidden).toBeNull();
    }
    expect((await getOrganisation(db, ANONYMOUS, id.Overdep!))?.name).toBe(name('Overdep'));
  });

  it('shows callers with a role every organisation', async () => {
    const every = ['Offentligdep', 'Offentligetat', 'Overdep', 'Skjultetat', 'Underetat'];
    every.push('Utkastdep', 'Utkastetat');
    for (const actor of [user(['agency-coordinator']), user(['ministry-reader']), SYSTEM]) {
      expect((await names(actor)).sort()).toEqual(every.sort());
      expect((await getOrganisation(db, actor, id.Skjultetat!))?.name).toBe(name('Skjultetat'));
    }
  });

  it('filters on kind, parent and part of the name (any case, wildcards literal)', async () => {
    const list = (q: Partial<Parameters<typeof listOrganisations>[2]>) =>
      listOrganisations(db, SYSTEM, { ...page, q: tag, ...q }).then((r) =>
        r.rows.map((o) => o.name.replace(` ${tag}`, '')),
      );
    expect(await list({ kind: 'ministry' })).toEqual(['Offentligdep', 'Overdep', 'Utkastdep']);
    expect(await list({ parentId: id.Offentligdep })).toEqual(['Offentligetat', 'Utkastetat']);
    expect(await list({ parentId: id.Overdep })).toEqual(['Underetat']);
    expect(await list({ q: `UNDERETAT ${tag.toLowerCase()}` })).toEqual(['Underetat']);
    expect(await list({ q: `%${tag}` })).toEqual([]);
    expect(await list({ q: `_nderetat ${tag}` })).toEqual([]);
  });

  it('pages through the list in name order by cursor, with the total', async () => {
    const page = (cursor?: string) =>
      listOrganisations(db, SYSTEM, OrganisationQuery.parse({ limit: '3', q: tag, cursor }));
    const first = await page();
    const second = await page(first.nextCursor!);
    const last = await page(second.nextCursor!);
    expect([first.total, second.total, last.total]).toEqual([7, 7, 7]);
    expect([first.rows.length, second.rows.length, last.rows.length]).toEqual([3, 3, 1]);
    expect(last.nextCursor).toBeNull();
    const all = [...first.rows, ...second.rows, ...last.rows].map((o) => o.id);
    const whole = await listOrganisations(db, SYSTEM, { limit: 50, q: tag });
    expect(whole.rows.map((o) => o.id)).toEqual(all);
    expect(whole.nextCursor).toBeNull();
  });
});
