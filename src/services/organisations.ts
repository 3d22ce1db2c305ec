/**
 * Organisations (ministries, agencies): listed and read as the policy lets the actor see them,
 * found by org.nr or name, created once — also when two transactions ask for the same one at
 * the same time — and every creation audited.
 */
import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import { ORGANISATION_CURSOR, type OrganisationQuery } from '../contract/api';
import { cursorKeys, pageOf } from '../contract/pagination';
import type { Db } from '../db/client';
import { after, orderBy as keysetOrder, type SortKey } from '../db/keyset';
import { organisations } from '../db/schema';
import { visibleOrganisations } from '../db/visibility';
import { normaliseOrgNr } from '../domain/orgnr';
import type { Actor } from '../domain/policy';
import { appendAudit, type AuditedTx } from './audit';

export interface OrganisationInput {
  kind: 'ministry' | 'agency';
  name: string;
  orgNr?: string | null;
  parentId: string | null;
}

/** An organisation by name, found or (id null) not there yet. */
export interface OrgRef {
  /** Null when it does not exist yet and would be created. */
  id: string | null;
  name: string;
}

const sameName = (name: string) => sql`lower(${organisations.name}) = lower(${name})`;

/**
 * Finds a ministry or agency by org.nr or by name ignoring case, without creating it (an
 * import plans with this before a person confirms any creation).
 */
export async function findOrganisation(
  tx: Db,
  kind: 'ministry' | 'agency',
  name: string,
  orgNr?: string | null,
): Promise<OrgRef> {
  const nr = orgNr ? normaliseOrgNr(orgNr) : null;
  const [found] = await tx
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(
      and(
        eq(organisations.kind, kind),
        nr ? or(eq(organisations.orgNr, nr), sameName(name)) : sameName(name),
      ),
    )
    .limit(1);
  return found ?? { id: null, name };
}

/** The organisation's id, creating it when absent. */
export async function findOrCreateOrganisation(
  tx: AuditedTx,
  actor: Actor,
  org: OrganisationInput,
): Promise<string> {
  const orgNr = org.orgNr ? normaliseOrgNr(org.orgNr) : null;
  const find = async () => {
    const [found] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(
        orgNr
          ? or(eq(organisations.orgNr, orgNr), eq(organisations.name, org.name))
          : eq(organisations.name, org.name),
      );
    return found?.id;
  };
  const existing = await find();
  if (existing) return existing;
  // Insert-or-nothing, then read whichever row won.
  const [created] = await tx
    .insert(organisations)
    .values({ kind: org.kind, name: org.name, orgNr, parentId: org.parentId })
    .onConflictDoNothing()
    .returning();
  if (created) {
    await appendAudit(tx, actor, {
      action: 'organisation.create',
      objectType: 'organisation',
      objectId: created.id,
      after: created,
    });
    return created.id;
  }
  const id = await find();
  if (!id) throw new Error(`Could not create or find organisation ${org.name}`);
  return id;
}

export type OrganisationRow = typeof organisations.$inferSelect;

/** `%`, `_` and `\` stand for themselves in a LIKE pattern. */
const likePart = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The organisations the actor sees (src/db/visibility.ts), filtered, by name, one page. */
export async function listOrganisations(
  db: Db,
  actor: Actor,
  query: OrganisationQuery,
): Promise<{ rows: OrganisationRow[]; total: number; nextCursor: string | null }> {
  const where = and(
    visibleOrganisations(actor),
    query.kind === undefined ? undefined : eq(organisations.kind, query.kind),
    query.parentId === undefined ? undefined : eq(organisations.parentId, query.parentId),
    query.orgNr === undefined ? undefined : eq(organisations.orgNr, query.orgNr),
    query.q === undefined
      ? undefined
      : or(
          ilike(organisations.name, likePart(query.q)),
          ilike(organisations.shortName, likePart(query.q)),
        ),
  );
  const start = cursorKeys(query.cursor, ORGANISATION_CURSOR.name);
  const [rows, [counted]] = await Promise.all([
    db
      .select()
      .from(organisations)
      .where(start === undefined ? where : and(where, after(organisationKeys, start)))
      .orderBy(...keysetOrder(organisationKeys))
      .limit(query.limit + 1),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(organisations)
      .where(where),
  ]);
  const page = pageOf(rows, query.limit, 'name', (o) => [o.name, o.id], query);
  return { rows: page.rows, nextCursor: page.nextCursor, total: counted?.n ?? 0 };
}

/** The list's order: by name, then id. */
const organisationKeys: SortKey[] = [{ expr: organisations.name }, { expr: organisations.id }];

/** One organisation, or null when it is absent or the actor does not see it. */
export async function getOrganisation(
  db: Db,
  actor: Actor,
  id: string,
): Promise<OrganisationRow | null> {
  const [row] = await db
    .select()
    .from(organisations)
    .where(and(visibleOrganisations(actor), eq(organisations.id, id)));
  return row ?? null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ORG_NR = /^\d{9}$/;

/** Which organisation a reference names: one, none, or (by a name) more than one. */
export type OrganisationMatch =
  | { kind: 'found'; organisation: OrganisationRow }
  | { kind: 'none' }
  | { kind: 'ambiguous'; candidates: OrganisationRow[] };

/**
 * The organisation a caller names (the CLI, an API query): by its id (a UUID), its org.nr (nine
 * digits) or its name — the exact name, else the name ignoring case (Norwegian letters too).
 * Ids and org.nrs are unique; names are unique only as written, so a name that matches none
 * exactly and several ignoring case is `ambiguous`, with the candidates (never whichever row
 * comes first). `kind` keeps to ministries or agencies. It reads no visibility: what the actor
 * may read is decided by the service the organisation is passed to. Throws on database errors.
 */
export async function resolveOrganisation(
  db: Db,
  ref: string,
  kind?: 'ministry' | 'agency',
): Promise<OrganisationMatch> {
  const wanted = ref.trim();
  if (wanted === '') return { kind: 'none' };
  const ofKind = kind ? eq(organisations.kind, kind) : undefined;
  const by = UUID.test(wanted)
    ? eq(organisations.id, wanted)
    : ORG_NR.test(wanted)
      ? eq(organisations.orgNr, wanted)
      : null;
  if (by) {
    const [row] = await db.select().from(organisations).where(and(ofKind, by));
    return row ? { kind: 'found', organisation: row } : { kind: 'none' };
  }
  // Ignoring case in JavaScript: lower() in SQL depends on the database's locale (Æ, Ø, Å).
  const rows = await db.select().from(organisations).where(ofKind).orderBy(asc(organisations.name));
  const exact = rows.find((r) => r.name === wanted);
  if (exact) return { kind: 'found', organisation: exact };
  const lower = wanted.toLocaleLowerCase('nb');
  const same = rows.filter((r) => r.name.toLocaleLowerCase('nb') === lower);
  if (same.length === 0) return { kind: 'none' };
  if (same.length === 1) return { kind: 'found', organisation: same[0]! };
  return { kind: 'ambiguous', candidates: same };
}

/** What to tell a caller whose name fits several organisations: each with its org.nr and id. */
export function ambiguousOrganisation(ref: string, candidates: readonly OrganisationRow[]): string {
  const list = candidates
    .map((c) => `${c.name} (${c.orgNr ? `org.nr ${c.orgNr}, ` : ''}id ${c.id})`)
    .join('; ');
  return `"${ref}" names ${candidates.length} organisations: ${list}. Name one by its org.nr or id.`;
}
