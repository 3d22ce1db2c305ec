/**
 * The start page's summary (`GET /api/home`), one per role: the caller's own work and nothing
 * of other agencies' (db/visibility.ts `homeScope`), in a handful of queries whatever the size
 * of the register. Lists carry a few rows and their full count.
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, ne, sql, type SQL } from 'drizzle-orm';
import type { HomeView } from '../contract/home';
import type { Db } from '../db/client';
import {
  assignments,
  calendarItems,
  documents,
  draftRounds,
  drafts,
  findingReviews,
  organisations,
} from '../db/schema';
import { homeScope, visibleDocuments, visibleDrafts } from '../db/visibility';
import { addDays } from '../domain/calendar';
import { OPEN_STATUSES } from '../domain/lifecycle';
import { homeView, readsSharedRound, type Actor } from '../domain/policy';
import { inRegister, nextDeadline, ownerName } from './assignments';
import { osloToday } from './calendar';
import { documentRef } from './documents';
import { computeSeries, seriesFindings, type SeriesDocument } from './ledger';
import { listNotifications } from './notifications';

/** How many rows of each list the page shows. */
const SHOWN = 8;
/** "Due soon": within this many days. */
const SOON_DAYS = 30;

const OPEN: ReadonlySet<string> = new Set(OPEN_STATUSES);

/** A list on the page: its first rows, fetched, and how many it has. */
export interface HomeBucket {
  rows: SummaryRow[];
  total: number;
}
type SummaryRow = Awaited<ReturnType<typeof summaries>>[number];

/**
 * The register rows the page's lists are chosen from, each with its next deadline worked out
 * once: the open and delivered assignments of current documents in the widest scope the page
 * needs, each marked whether it is in the caller's own scope (`homeScope`).
 */
async function pool(db: Db, widest: SQL, scope: SQL) {
  return db
    .select({
      id: assignments.id,
      registerId: assignments.registerId,
      status: assignments.status,
      progress: assignments.progress,
      ownerUserId: assignments.ownerUserId,
      ownerDepartment: assignments.ownerDepartment,
      agencyId: assignments.agencyId,
      next: nextDeadline,
      inScope: sql<boolean>`(${scope})`.mapWith(Boolean),
    })
    .from(assignments)
    .innerJoin(documents, eq(documents.id, assignments.documentId))
    .where(
      and(
        widest,
        eq(documents.isCurrent, true),
        inRegister,
        inArray(assignments.status, [...OPEN_STATUSES, 'delivered']),
      ),
    );
}
type Pooled = Awaited<ReturnType<typeof pool>>[number];

/** Next deadline first (none last), then register ID. */
const byDeadline = (a: Pooled, b: Pooled) =>
  (a.next ?? '9999') < (b.next ?? '9999')
    ? -1
    : (a.next ?? '9999') > (b.next ?? '9999')
      ? 1
      : a.registerId.localeCompare(b.registerId);

/** The assignments as the register lists them, for the ids chosen. */
async function summaries(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ assignment: assignments, document: documentRef, nextDeadline, ownerName })
    .from(assignments)
    .innerJoin(documents, eq(documents.id, assignments.documentId))
    .where(inArray(assignments.id, [...ids]));
}

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

  const soon = addDays(today, SOON_DAYS);
  const [notifications, pooled, draftRows, calendar, latest] = await Promise.all([
    listNotifications(db, actor, { limit: 1 }),
    work ? pool(db, ministryWide ?? scope, scope) : [],
    user && (ministry || view === 'agency-coordinator' || view === 'overseer')
      ? db
          .select({
            id: drafts.id,
            kind: drafts.kind,
            year: drafts.year,
            agency: organisations.name,
            liveSubject: sql<string>`${drafts.content}->>'subject'`,
            // The agency reads the round shared with it, never the ministry's edits since.
            sharedSubject: sql<
              string | null
            >`(select ${draftRounds.content}->>'subject' from ${draftRounds} where ${draftRounds.draftId} = ${drafts.id} and ${draftRounds.round} = ${drafts.sharedRound})`,
            ministryId: drafts.ministryId,
            agencyId: drafts.agencyId,
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

  // The lists, chosen from the pool; then the rows shown, fetched in one query.
  const scoped = pooled.filter((p) => p.inScope);
  const openScoped = scoped.filter((p) => OPEN.has(p.status));
  const list = (when: boolean, rows: Pooled[], order = byDeadline) =>
    when ? { chosen: [...rows].sort(order).slice(0, SHOWN), total: rows.length } : null;
  const picked = {
    mine: list(
      !!user && agency,
      openScoped.filter((p) => p.ownerUserId === user?.id),
    ),
    overdue: list(
      work,
      openScoped.filter((p) => p.next !== null && p.next < today),
    ),
    dueSoon: list(
      work,
      openScoped.filter((p) => p.next !== null && p.next >= today && p.next <= soon),
    ),
    atRisk: list(
      work,
      openScoped.filter((p) => p.progress === 'at-risk' || p.progress === 'off-track'),
    ),
    awaitingAcceptance: list(
      work,
      scoped.filter((p) => p.status === 'delivered'),
    ),
    unassigned: list(
      view === 'agency-coordinator',
      openScoped.filter((p) => p.ownerUserId === null),
    ),
    withoutDepartment: list(
      ministryWide !== null && view !== 'overseer',
      pooled.filter((p) => OPEN.has(p.status) && p.ownerDepartment === null),
      (a, b) => a.registerId.localeCompare(b.registerId),
    ),
  };
  const shown = await summaries(db, [
    ...new Set(Object.values(picked).flatMap((l) => l?.chosen.map((p) => p.id) ?? [])),
  ]);
  const byId = new Map(shown.map((r) => [r.assignment.id, r]));
  const bucket = (l: (typeof picked)[keyof typeof picked]): HomeBucket | null =>
    l === null ? null : { rows: l.chosen.map((p) => byId.get(p.id)!), total: l.total };

  let agencies: HomeData['agencies'] = null;
  if (user && (ministry || agency)) {
    const where = ministry
      ? eq(documents.ministryId, user.organisationId)
      : eq(documents.agencyId, user.organisationId);
    const figures = await agencyFigures(db, actor, where, year);
    const counts = new Map<string | null, { open: number; overdue: number }>();
    for (const p of openScoped) {
      const c = counts.get(p.agencyId) ?? { open: 0, overdue: 0 };
      c.open++;
      if (p.next !== null && p.next < today) c.overdue++;
      counts.set(p.agencyId, c);
    }
    // The ministry's agencies (or the agency itself), with or without a letter this year.
    const known = await db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(
        ministry
          ? eq(organisations.parentId, user.organisationId)
          : eq(organisations.id, user.organisationId),
      );
    const byAgency = new Map(figures.map((f) => [f.id, f]));
    for (const k of known) {
      if (!byAgency.has(k.id)) byAgency.set(k.id, { ...k, total: null, openFindings: 0 });
    }
    agencies = [...byAgency.values()]
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
    mine: bucket(picked.mine),
    overdue: bucket(picked.overdue),
    dueSoon: bucket(picked.dueSoon),
    atRisk: bucket(picked.atRisk),
    awaitingAcceptance: bucket(picked.awaitingAcceptance),
    unassigned: bucket(picked.unassigned),
    withoutDepartment: bucket(picked.withoutDepartment),
    agencies,
    drafts:
      draftRows?.map(({ liveSubject, sharedSubject, ministryId, agencyId, ...d }) => ({
        ...d,
        subject: readsSharedRound(actor, {
          status: 'draft',
          ministryId,
          agencyId,
          draftStatus: d.status,
          editors: [],
          shared: d.sharedRound !== null,
        })
          ? (sharedSubject ?? '')
          : liveSubject,
      })) ?? null,
    calendar: calendar?.map((c) => ({ ...c, date: c.date! })) ?? null,
    published: latest,
  };
}
