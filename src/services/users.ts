/**
 * People who sign in: the embedded sample users for local test sign-in, and users created from
 * an OpenID Connect provider's ID token. Every change is recorded in the audit trail.
 */
import { asc, eq, like, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { organisations, users } from '../db/schema';
import { findOrCreateOrganisation } from './organisations';
import type { Role } from '../contract/enums';
import { knownRoles, type Actor } from '../domain/policy';
import { appendAudit, audited } from './audit';

export type UserRow = typeof users.$inferSelect;

/** The sample series' ministry and agency (sample-data/*.txt), and a second, fictional agency. */
export const SAMPLE_MINISTRY = 'Klima- og havdepartementet';
export const SAMPLE_AGENCY = 'Havdatadirektoratet';
export const SECOND_AGENCY = 'Fjordlosdirektoratet';

export interface LocalUserSpec {
  /** `local:{key}` is the user's subject. */
  key: string;
  name: string;
  organisation: typeof SAMPLE_MINISTRY | typeof SAMPLE_AGENCY | typeof SECOND_AGENCY;
  roles: Role[];
  departmentCode: string | null;
  /** Shown on the local sign-in page. */
  description: string;
}

/** One sample user per role (and a second agency's coordinator, for cross-agency checks). */
export const LOCAL_USERS: readonly LocalUserSpec[] = [
  {
    key: 'avdeling-hfa',
    name: 'Dina Dahl',
    organisation: SAMPLE_MINISTRY,
    roles: ['ministry-department-officer'],
    departmentCode: 'HFA',
    description: 'Saksbehandler i departementet, avdeling HFA',
  },
  {
    key: 'budsjett',
    name: 'Bjørn Berg',
    organisation: SAMPLE_MINISTRY,
    roles: ['ministry-budget-officer'],
    departmentCode: null,
    description: 'Budsjettrådgiver i departementet',
  },
  {
    key: 'departement-leser',
    name: 'Lise Lund',
    organisation: SAMPLE_MINISTRY,
    roles: ['ministry-reader'],
    departmentCode: null,
    description: 'Lesetilgang i departementet',
  },
  {
    key: 'koordinator-havdata',
    name: 'Kari Kyst',
    organisation: SAMPLE_AGENCY,
    roles: ['agency-coordinator'],
    departmentCode: null,
    description: 'Koordinator i Havdatadirektoratet',
  },
  {
    key: 'oppdragseier-havdata',
    name: 'Ola Odde',
    organisation: SAMPLE_AGENCY,
    roles: ['agency-assignment-owner'],
    departmentCode: null,
    description: 'Oppdragseier i Havdatadirektoratet',
  },
  {
    key: 'direktor-havdata',
    name: 'Dag Dybdahl',
    organisation: SAMPLE_AGENCY,
    roles: ['agency-head'],
    departmentCode: null,
    description: 'Direktør i Havdatadirektoratet (signerer årsrapporten)',
  },
  {
    key: 'koordinator-fjordlos',
    name: 'Frida Fjell',
    organisation: SECOND_AGENCY,
    roles: ['agency-coordinator'],
    departmentCode: null,
    description: 'Koordinator i Fjordlosdirektoratet (en annen etat)',
  },
  {
    key: 'revisor',
    name: 'Rita Rask',
    organisation: SAMPLE_MINISTRY,
    roles: ['auditor'],
    departmentCode: null,
    description: 'Revisor med lesetilgang til alt',
  },
  {
    key: 'arkivar',
    name: 'Astrid Arkiv',
    organisation: SAMPLE_MINISTRY,
    roles: ['archivist'],
    departmentCode: null,
    description: 'Arkivar i departementet (arkivuttrekk etter Noark 5)',
  },
  {
    key: 'administrator',
    name: 'Arne Aas',
    organisation: SAMPLE_MINISTRY,
    roles: ['administrator'],
    departmentCode: null,
    description: 'Systemadministrator',
  },
];

const SYSTEM: Actor = { kind: 'system', name: 'local-users' };
const SYSTEM_OIDC: Actor = { kind: 'system', name: 'oidc' };
/** Serialises user and organisation creation (transaction-scoped advisory lock). */
const USERS_LOCK = 7_411_002;

/** The actor a signed-in user acts as. Unknown stored roles give no rights. */
export function actorFromUser(user: UserRow): Actor {
  return {
    kind: 'user',
    id: user.id,
    name: user.name,
    // No organisation matches no document: organisation-scoped roles then give nothing.
    organisationId: user.organisationId ?? '',
    roles: knownRoles(user.roles),
    departmentCode: user.departmentCode,
  };
}

const userFields = (u: UserRow) => ({
  subject: u.subject,
  name: u.name,
  email: u.email,
  organisationId: u.organisationId,
  departmentCode: u.departmentCode,
  roles: u.roles,
});

/**
 * Creates the sample organisations and users when absent (idempotent; safe on every start).
 * Call only when local sign-in is on.
 */
export async function ensureLocalUsers(db: Db): Promise<void> {
  await audited(db, async (tx) => {
    // Several processes may start at once (test workers on one PostgreSQL database).
    await tx.execute(sql`select pg_advisory_xact_lock(${USERS_LOCK})`);
    const ministryId = await findOrCreateOrganisation(tx, SYSTEM, {
      kind: 'ministry',
      name: SAMPLE_MINISTRY,
      parentId: null,
    });
    const orgIds = new Map<string, string>([[SAMPLE_MINISTRY, ministryId]]);
    for (const name of [SAMPLE_AGENCY, SECOND_AGENCY]) {
      orgIds.set(
        name,
        await findOrCreateOrganisation(tx, SYSTEM, { kind: 'agency', name, parentId: ministryId }),
      );
    }
    for (const spec of LOCAL_USERS) {
      const wanted = {
        subject: `local:${spec.key}`,
        name: spec.name,
        // Sample addresses under the reserved .example domain: mail goes nowhere real.
        email: `${spec.key}@tildel.example`,
        organisationId: orgIds.get(spec.organisation)!,
        departmentCode: spec.departmentCode,
        roles: [...spec.roles] as string[],
      };
      const [existing] = await tx.select().from(users).where(eq(users.subject, wanted.subject));
      if (!existing) {
        const [created] = await tx.insert(users).values(wanted).returning();
        await appendAudit(tx, SYSTEM, {
          action: 'user.create',
          objectType: 'user',
          objectId: created!.id,
          after: userFields(created!),
        });
      } else if (JSON.stringify(userFields(existing)) !== JSON.stringify(wanted)) {
        const [updated] = await tx
          .update(users)
          .set(wanted)
          .where(eq(users.id, existing.id))
          .returning();
        await appendAudit(tx, SYSTEM, {
          action: 'user.update',
          objectType: 'user',
          objectId: existing.id,
          before: userFields(existing),
          after: userFields(updated!),
        });
      }
    }
  });
}

export interface LocalUserListing {
  key: string;
  name: string;
  organisation: string | null;
  roles: string[];
  description: string;
}

/** The sample users present in the database, in LOCAL_USERS order. */
export async function listLocalUsers(db: Db): Promise<LocalUserListing[]> {
  const rows = await db
    .select({
      subject: users.subject,
      name: users.name,
      roles: users.roles,
      org: organisations.name,
    })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(like(users.subject, 'local:%'))
    .orderBy(asc(users.name));
  const bySubject = new Map(rows.map((r) => [r.subject, r]));
  return LOCAL_USERS.flatMap((spec) => {
    const row = bySubject.get(`local:${spec.key}`);
    return row
      ? [
          {
            key: spec.key,
            name: row.name,
            organisation: row.org,
            roles: row.roles,
            description: spec.description,
          },
        ]
      : [];
  });
}

export async function findLocalUser(db: Db, key: string): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(users.subject, `local:${key}`));
  return row ?? null;
}

export interface ProviderIdentity {
  issuer: string;
  subject: string;
  name: string;
  email: string | null;
  /** The organisation claim: an org.nr (9 digits) or an organisation's exact name. */
  organisation: string | null;
  roles: readonly unknown[];
  departmentCode: string | null;
}

export class UnknownOrganisation extends Error {}

/**
 * Creates or refreshes the user behind a provider's ID token. The provider is the source of
 * truth for name, organisation and roles: they are updated on every sign-in (and audited when
 * they change). An organisation Tildel does not know refuses the sign-in.
 */
export async function upsertProviderUser(db: Db, identity: ProviderIdentity): Promise<UserRow> {
  return audited(db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${USERS_LOCK})`);
    const claim = identity.organisation?.replace(/\s/g, '') ?? '';
    const [org] = identity.organisation
      ? await tx
          .select({ id: organisations.id })
          .from(organisations)
          .where(
            /^\d{9}$/.test(claim)
              ? eq(organisations.orgNr, claim)
              : eq(organisations.name, identity.organisation),
          )
      : [];
    if (!org) throw new UnknownOrganisation(identity.organisation ?? '(none)');
    const wanted = {
      subject: `oidc:${identity.issuer}|${identity.subject}`,
      name: identity.name,
      email: identity.email,
      organisationId: org.id,
      departmentCode: identity.departmentCode,
      roles: knownRoles(identity.roles) as string[],
    };
    const [existing] = await tx.select().from(users).where(eq(users.subject, wanted.subject));
    if (!existing) {
      const [created] = await tx.insert(users).values(wanted).returning();
      await appendAudit(tx, SYSTEM_OIDC, {
        action: 'user.create',
        objectType: 'user',
        objectId: created!.id,
        after: userFields(created!),
      });
      return created!;
    }
    if (JSON.stringify(userFields(existing)) === JSON.stringify(wanted)) return existing;
    const [updated] = await tx
      .update(users)
      .set(wanted)
      .where(eq(users.id, existing.id))
      .returning();
    await appendAudit(tx, SYSTEM_OIDC, {
      action: 'user.update',
      objectType: 'user',
      objectId: existing.id,
      before: userFields(existing),
      after: userFields(updated!),
    });
    return updated!;
  });
}
