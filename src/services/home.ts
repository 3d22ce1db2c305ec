/**
 * The start page's summary (`GET /api/home`), one per role: the caller's own work and nothing
 * of other agencies' (db/visibility.ts `homeScope`), in a handful of queries whatever the size
 * of the register. Lists carry a few rows and their full count.
 */
import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  ne,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { HomeView } from '../contract/home';
import type { Db } from '../db/client';
import {
  assignments,
  calendarItems,
  documents,
  drafts,
  findingReviews,
  organisations,
} from '../db/schema';
import { homeScope, visibleDocuments, visibleDrafts } from '../db/visibility';
import { OPEN_STATUSES } from '../domain/lifecycle';
import { homeView, type Actor } from '../domain/policy';
import { inRegister, nextDeadline, ownerName } from './assignments';
import { osloToday } from './calendar';
import { documentRef } from './documents';
import { computeSeries, seriesFindings, type SeriesDocument } from './ledger';
import { listNotifications } from './notifications';

/** How many rows of each list the page shows. */
const SHOWN = 8;
/** "Due soon": within this many days. */
const SOON_DAYS = 30;

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

const open = inArray(assignments.status, [...OPEN_STATUSES]);

/** Some rows of a list of assignments (current documents, register rows) and its count. */
async function bucket(db: Db, where: SQL | undefined, order: SQL[]) {
  const all = and(eq(documents.isCurrent, true), inRegister, where);
  const [rows, [total]] = await Promise.all([
    db
      .select({ assignment: assignments, document: documentRef, nextDeadline, ownerName })
      .from(assignments)
      .innerJoin(documents, eq(documents.id, assignments.documentId))
      .where(all)
      .orderBy(...order)
      .limit(SHOWN),
    db
      .select({ n: count() })
      .from(assignments)
      .innerJoin(documents, eq(documents.id, assignments.documentId))
      .where(all),
  ]);
  return { rows, total: total?.n ?? 0 };
}
export type HomeBucket = Awaited<ReturnType<typeof bucket>>;

const byDeadline = [sql`${nextDeadline} asc nulls last`, asc(assignments.registerId)];

/** The year's expense total and open findings per agency, from the ledger of each. */
async function agencyFigures(db: Db, actor: Actor, where: SQL, year: number) {
  const rows = await db
    .select({
      id: documents.id,
      extracted: documents.extracted,
      agencyId: documents.agencyId,
      agencyName: documents.agencyName,
    })
    .from(documents)
    .where(
      and(
        visibleDocuments(actor),
        eq(documents.isCurrent, true),
        eq(documents.year, year),
        isNotNull(documents.agencyId),
        where,
      ),
    );
  const byAgency = new Map<string, { name: string; docs: SeriesDocument[] }>();
  for (const r of rows) {
    const group = byAgency.get(r.agencyId!) ?? { name: r.agencyName ?? '', docs: [] };
    group.docs.push({
      id: r.id,
      kind: r.extracted.kind,
      number: r.extracted.number,
      extracted: r.extracted,
    });
    byAgency.set(r.agencyId!, group);
  }
  const ids = [...byAgency.keys()];
  const reviewed =
    ids.length === 0
      ? []
      : await db
          .select({ agencyId: findingReviews.agencyId, key: findingReviews.findingKey })
          .from(findingReviews)
          .where(
            and(
              inArray(findingReviews.agencyId, ids),
              eq(findingReviews.year, year),
              ne(findingReviews.state, 'open'),
            ),
          );
  const settled = new Set(reviewed.map((r) => `${r.agencyId}|${r.key}`));
  return [...byAgency.entries()].map(
    ([id, g]): { id: string; name: string; total: number | null; openFindings: number } => {
      const computed = computeSeries(g.docs);
      const findings = seriesFindings(computed).filter((f) => !settled.has(`${id}|${f.key}`));
      return {
        id,
        name: g.name,
        total: computed.ledger.totals.expense,
        openFindings: findings.length,
      };
    },
  );
}

/** Open and overdue assignments per agency in the caller's scope. */
async function agencyCounts(db: Db, scope: SQL, today: string) {
  const rows = await db
    .select({
      agencyId: assignments.agencyId,
      open: count(),
      overdue: sql<number>`count(*) filter (where ${nextDeadline} < ${today})`.mapWith(Number),
    })
    .from(assignments)
    .innerJoin(documents, eq(documents.id, assignments.documentId))
    .where(and(scope, eq(documents.isCurrent, true), inRegister, open))
    .groupBy(assignments.agencyId);
  return new Map(rows.map((r) => [r.agencyId, r]));
}

export interface HomeData {
  view: HomeView;
  today: string;
  year: number;
  organisation: string | null;
  department: string | null;
  unreadNotifications: number;
  mine: HomeBucket | null;
  overdue: HomeBucket | null;
  dueSoon: HomeBucket | null;
  atRisk: HomeBucket | null;
  awaitingAcceptance: HomeBucket | null;
  unassigned: HomeBucket | null;
  withoutDepartment: HomeBucket | null;
  agencies:
    | {
        id: string;
        name: string;
        total: number | null;
        openFindings: number;
        open: number;
        overdue: number;
      }[]
    | null;
  drafts:
    | {
        id: string;
        kind: 'allocation-letter' | 'supplement';
        year: number;
        agency: string;
        subject: string;
        status: string;
        sharedRound: number | null;
      }[]
    | null;
  calendar: { date: string; text: string; agency: string | null; documentId: string }[] | null;
  published: {
    id: string;
    title: string;
    kind: 'allocation-letter' | 'supplement';
    year: number;
    agency: string | null;
    date: string | null;
  }[];
}

export async function homeSummary(db: Db, actor: Actor, now: Date = new Date()): Promise<HomeData> {
  const view = homeView(actor);
  const today = osloToday(now);
  const year = Number(today.slice(0, 4));
  const user = actor.kind === 'user' ? actor : null;
  const ministry = view.startsWith('ministry-');
  const agency = view === 'agency-coordinator' || view === 'agency-owner';
  const work = view !== 'public';
  const scope = homeScope(actor);

  const published = db
    .select({
      id: documents.id,
      title: documents.title,
      kind: documents.kind,
      year: documents.year,
      agency: documents.agencyName,
      date: documents.date,
    })
    .from(documents)
    .where(and(eq(documents.status, 'published'), eq(documents.isCurrent, true)))
    .orderBy(
      desc(documents.year),
      sql`${documents.date} desc nulls last`,
      desc(documents.createdAt),
    )
    .limit(SHOWN);

  const [organisation] = user
    ? await db
        .select({ name: organisations.name })
        .from(organisations)
        .where(eq(organisations.id, user.organisationId))
    : [];

  const ministryWide =
    user && (ministry || view === 'overseer')
      ? view === 'overseer'
        ? visibleDocuments(actor)
        : (and(visibleDocuments(actor), eq(documents.ministryId, user.organisationId)) as SQL)
      : null;

  const [
    notifications,
    mine,
    overdue,
    dueSoon,
    atRisk,
    awaitingAcceptance,
    unassigned,
    withoutDepartment,
    draftRows,
    calendar,
    latest,
  ] = await Promise.all([
    listNotifications(db, actor, { limit: 1 }),
    user && agency
      ? bucket(db, and(scope, open, eq(assignments.ownerUserId, user.id)), byDeadline)
      : null,
    work ? bucket(db, and(scope, open, sql`${nextDeadline} < ${today}`), byDeadline) : null,
    work
      ? bucket(
          db,
          and(
            scope,
            open,
            sql`${nextDeadline} >= ${today}`,
            sql`${nextDeadline} <= ${addDays(today, SOON_DAYS)}`,
          ),
          byDeadline,
        )
      : null,
    work
      ? bucket(
          db,
          and(scope, open, inArray(assignments.progress, ['at-risk', 'off-track'])),
          byDeadline,
        )
      : null,
    ministry || view === 'overseer' || agency
      ? bucket(db, and(scope, eq(assignments.status, 'delivered')), byDeadline)
      : null,
    view === 'agency-coordinator'
      ? bucket(db, and(scope, open, isNull(assignments.ownerUserId)), byDeadline)
      : null,
    ministryWide && view !== 'overseer'
      ? bucket(db, and(ministryWide, open, isNull(assignments.ownerDepartment)), [
          asc(assignments.registerId),
        ])
      : null,
    user && (ministry || view === 'agency-coordinator' || view === 'overseer')
      ? db
          .select({
            id: drafts.id,
            kind: drafts.kind,
            year: drafts.year,
            agency: organisations.name,
            subject: sql<string>`${drafts.content}->>'subject'`,
            status: drafts.status,
            sharedRound: drafts.sharedRound,
          })
          .from(drafts)
          .innerJoin(organisations, eq(organisations.id, drafts.agencyId))
          .where(
            and(
              visibleDrafts(actor),
              ne(drafts.status, 'issued'),
              agency ? eq(drafts.agencyId, user.organisationId) : undefined,
            ),
          )
          .orderBy(desc(drafts.updatedAt))
          .limit(SHOWN)
      : null,
    work
      ? db
          .select({
            date: calendarItems.date,
            text: calendarItems.text,
            agency: documents.agencyName,
            documentId: documents.id,
          })
          .from(calendarItems)
          .innerJoin(documents, eq(documents.id, calendarItems.documentId))
          .where(
            and(
              agency
                ? (and(
                    visibleDocuments(actor),
                    eq(documents.agencyId, user!.organisationId),
                  ) as SQL)
                : (ministryWide ?? sql`false`),
              eq(documents.isCurrent, true),
              gte(calendarItems.date, today),
            ),
          )
          .orderBy(asc(calendarItems.date))
          .limit(SHOWN)
      : null,
    published,
  ]);

  let agencies: HomeData['agencies'] = null;
  if (user && (ministry || agency)) {
    const where = ministry
      ? eq(documents.ministryId, user.organisationId)
      : eq(documents.agencyId, user.organisationId);
    const [figures, counts] = await Promise.all([
      agencyFigures(db, actor, where, year),
      agencyCounts(db, scope, today),
    ]);
    // The ministry's agencies (or the agency itself), with or without a letter this year.
    const known = await db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(
        ministry
          ? eq(organisations.parentId, user.organisationId)
          : eq(organisations.id, user.organisationId),
      );
    const byId = new Map(figures.map((f) => [f.id, f]));
    for (const k of known) {
      if (!byId.has(k.id)) byId.set(k.id, { ...k, total: null, openFindings: 0 });
    }
    agencies = [...byId.values()]
      .map((f) => ({
        ...f,
        open: counts.get(f.id)?.open ?? 0,
        overdue: counts.get(f.id)?.overdue ?? 0,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'nb'));
  }

  return {
    view,
    today,
    year,
    organisation: organisation?.name ?? null,
    department: user?.departmentCode ?? null,
    unreadNotifications: notifications.unread,
    mine,
    overdue,
    dueSoon,
    atRisk,
    awaitingAcceptance,
    unassigned,
    withoutDepartment,
    agencies,
    drafts: draftRows,
    calendar: calendar?.map((c) => ({ ...c, date: c.date! })) ?? null,
    published: latest,
  };
}
