/**
 * The start page's summary (`GET /api/home`), one per role: the caller's own work and nothing
 * of other agencies' (db/visibility.ts `homeScope`), in a handful of queries whatever the size
 * of the register. Lists carry a few rows and their full count, both chosen in the database:
 * one aggregate over the open work in scope gives every list's count and first rows, and the
 * open and overdue work per agency; only the rows shown are then read.
 *
 * The year per agency (expense total, open findings) is computed from the agency's documents
 * as imported (ledger.ts), which is too much to do per request for a ministry of fifty agencies:
 * it is kept per database in a small LRU keyed by the documents' row versions (`xmin`, which
 * every update of a row changes: a correction, a status change, a new version), so a changed or
 * added document is a new key, computed afresh.
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, ne, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { HomeView } from '../contract/home';
import type { Db } from '../db/client';
import {
  assignments,
  calendarItems,
  documents,
  draftRounds,
  drafts,
  findingReviews,
  notifications,
  organisations,
  users,
} from '../db/schema';
import { homeScope, visibleDocuments, visibleDrafts } from '../db/visibility';
import { addDays } from '../domain/calendar';
import { OPEN_STATUSES } from '../domain/lifecycle';
import { homeView, readsSharedRound, type Actor } from '../domain/policy';
import { inRegister, nextDeadline, ownerName } from './assignments';
import { osloToday } from './calendar';
import { computeSeries, seriesFindings } from './ledger';

/** The caller's user row, by another name than the users a subquery may read. */
const me = alias(users, 'me');

/** How many rows of each list the page shows (contract/home.ts allows at most eight). */
const SHOWN = 8;
/** "Due soon": within this many days. */
const SOON_DAYS = 30;

/** A list on the page: its first rows, fetched, and how many it has. */
export interface HomeBucket {
  rows: SummaryRow[];
  total: number;
}
type SummaryRow = Awaited<ReturnType<typeof summaries>>[number];

const LISTS = [
  'mine',
  'overdue',
  'dueSoon',
  'atRisk',
  'awaitingAcceptance',
  'unassigned',
  'withoutDepartment',
] as const;
type ListName = (typeof LISTS)[number];

/** A list as the database chose it: the ids of its first rows, in order, and its size. */
interface Chosen {
  ids: string[] | null;
  total: number;
}

interface ChosenLists {
  lists: Partial<Record<ListName, Chosen>>;
  /** Per agency: its id, its open rows and its overdue rows in the caller's scope. */
  agencies: Array<[string | null, number, number]>;
}

const NO_LISTS: ChosenLists = { lists: {}, agencies: [] };

/**
 * The lists, chosen in one query from the open and delivered register rows of current
 * documents in the widest scope the page needs (`widest`), each row with its next deadline
 * worked out once and marked whether it is in the caller's own scope (`scope`). Returns each
 * wanted list's first rows and count, and per agency the open and overdue rows in scope.
 */
async function chooseLists(
  db: Db,
  q: {
    widest: SQL;
    scope: SQL;
    want: Record<ListName, boolean>;
    me: string | null;
    today: string;
    soon: string;
    perAgency: boolean;
  },
): Promise<ChosenLists> {
  const pool = db.$with('home_pool').as(
    db
      .select({
        id: assignments.id,
        registerId: assignments.registerId,
        status: assignments.status,
        progress: assignments.progress,
        ownerUserId: assignments.ownerUserId,
        ownerDepartment: assignments.ownerDepartment,
        agencyId: assignments.agencyId,
        next: sql<string | null>`${nextDeadline}`.as('next'),
        inScope: sql<boolean>`(${q.scope})`.as('in_scope'),
      })
      .from(assignments)
      .innerJoin(documents, eq(documents.id, assignments.documentId))
      .where(
        and(
          q.widest,
          eq(documents.isCurrent, true),
          inRegister,
          inArray(assignments.status, [...OPEN_STATUSES, 'delivered']),
        ),
      ),
  );
  const open = inArray(pool.status, [...OPEN_STATUSES]);
  const mineOpen = and(pool.inScope, open)!;
  const when: Record<ListName, SQL> = {
    mine: and(mineOpen, q.me === null ? sql`false` : eq(pool.ownerUserId, q.me))!,
    overdue: and(mineOpen, lt(pool.next, q.today))!,
    dueSoon: and(mineOpen, gte(pool.next, q.today), lte(pool.next, q.soon))!,
    atRisk: and(mineOpen, inArray(pool.progress, ['at-risk', 'off-track']))!,
    awaitingAcceptance: and(pool.inScope, eq(pool.status, 'delivered'))!,
    unassigned: and(mineOpen, isNull(pool.ownerUserId))!,
    // The ministry's, whatever the department.
    withoutDepartment: and(open, isNull(pool.ownerDepartment))!,
  };
  // Next deadline first (none last), then register ID; the ministry's unowned by register ID.
  // Two agencies' assignments may share a register ID: the id decides between them.
  const byDeadline = sql`${pool.next} asc nulls last, ${pool.registerId} asc, ${pool.id} asc`;
  const order = (name: ListName) =>
    name === 'withoutDepartment' ? sql`${pool.registerId} asc, ${pool.id} asc` : byDeadline;
  const fields: Record<string, SQL<Chosen>> = {};
  for (const name of LISTS) {
    if (!q.want[name]) continue;
    fields[name] =
      sql<Chosen>`json_build_object('total', count(*) filter (where ${when[name]}), 'ids', array_to_json((array_agg(${pool.id} order by ${order(name)}) filter (where ${when[name]}))[1:${sql.raw(String(SHOWN))}]))`;
  }
  if (q.perAgency) {
    fields.agencies = sql`(select coalesce(json_agg(json_build_array(g.agency_id, g.open, g.overdue)), '[]'::json) from (select ${pool.agencyId} as agency_id, count(*) as open, count(*) filter (where ${lt(pool.next, q.today)}) as overdue from ${pool} where ${mineOpen} group by ${pool.agencyId}) g)`;
  }
  if (Object.keys(fields).length === 0) return NO_LISTS;
  const [row] = await db.with(pool).select(fields).from(pool);
  const { agencies, ...lists } = (row ?? {}) as Record<string, unknown>;
  return {
    lists: lists as Partial<Record<ListName, Chosen>>,
    agencies: (agencies ?? []) as Array<[string | null, number, number]>,
  };
}

/** The assignments as the page's lists show them, for the ids chosen. */
async function summaries(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      assignment: {
        id: assignments.id,
        registerId: assignments.registerId,
        title: assignments.title,
        status: assignments.status,
        progress: assignments.progress,
        progressReason: assignments.progressReason,
        agencyId: assignments.agencyId,
        ownerDepartment: assignments.ownerDepartment,
        ownerUserId: assignments.ownerUserId,
        clarifiedAssignmentId: assignments.clarifiedAssignmentId,
      },
      document: {
        agencyName: documents.agencyName,
        status: documents.status,
        agencyId: documents.agencyId,
        ministryId: documents.ministryId,
      },
      nextDeadline,
      ownerName,
    })
    .from(assignments)
    .innerJoin(documents, eq(documents.id, assignments.documentId))
    .where(inArray(assignments.id, [...ids]));
}

/** An agency-year's figures as its ledger gives them. */
interface YearFigures {
  total: number | null;
  /** The keys of its consistency findings (those reviewed are left out per request). */
  findings: string[];
}

/** How many agency-years the figures' cache keeps (per database). */
const FIGURES_KEPT = 2000;

/** The figures kept: the agency-years used last, at most FIGURES_KEPT. */
class FiguresCache {
  private readonly entries = new Map<string, YearFigures>();

  get(key: string): YearFigures | undefined {
    const value = this.entries.get(key);
    if (value) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  keep(key: string, value: YearFigures): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= FIGURES_KEPT) break;
      this.entries.delete(oldest);
    }
  }
}

const figuresCaches = new WeakMap<Db, FiguresCache>();

function figuresCache(db: Db): FiguresCache {
  let c = figuresCaches.get(db);
  if (!c) {
    c = new FiguresCache();
    figuresCaches.set(db, c);
  }
  return c;
}

/** The row version of a document: changes with every update of the row. */
const rowVersion = sql<string>`${documents}.xmin::text`;

/** The cache key of an agency-year: the versions of the documents it is computed from. */
const figuresKey = (agencyId: string, year: number, docs: { id: string; version: string }[]) =>
  `${agencyId}|${year}|${docs
    .map((d) => `${d.id}:${d.version}`)
    .sort()
    .join(',')}`;

/** The year's expense total and open findings per agency, from the ledger of each. */
async function agencyFigures(db: Db, actor: Actor, where: SQL, year: number) {
  const cache = figuresCache(db);
  const which = and(
    visibleDocuments(actor),
    eq(documents.isCurrent, true),
    eq(documents.year, year),
    isNotNull(documents.agencyId),
    where,
  );
  const rows = await db
    .select({
      id: documents.id,
      version: rowVersion,
      agencyId: documents.agencyId,
      agencyName: documents.agencyName,
    })
    .from(documents)
    .where(which);
  const byAgency = new Map<string, { name: string; docs: { id: string; version: string }[] }>();
  for (const r of rows) {
    const group = byAgency.get(r.agencyId!) ?? { name: r.agencyName ?? '', docs: [] };
    group.docs.push(r);
    byAgency.set(r.agencyId!, group);
  }
  const figures = new Map<string, YearFigures>();
  const missing: string[] = [];
  for (const [id, g] of byAgency) {
    const key = figuresKey(id, year, g.docs);
    const hit = cache.get(key);
    if (hit) figures.set(id, hit);
    else missing.push(id);
  }
  if (missing.length > 0) {
    // Computed from the rows read now, and kept under their versions.
    const loaded = await db
      .select({
        id: documents.id,
        version: rowVersion,
        agencyId: documents.agencyId,
        extracted: documents.extracted,
      })
      .from(documents)
      .where(and(which, inArray(documents.agencyId, missing)));
    const docs = new Map<string, typeof loaded>();
    for (const r of loaded) docs.set(r.agencyId!, [...(docs.get(r.agencyId!) ?? []), r]);
    for (const [id, list] of docs) {
      const computed = computeSeries(
        list.map((d) => ({
          id: d.id,
          kind: d.extracted.kind,
          number: d.extracted.number,
          extracted: d.extracted,
        })),
      );
      const value: YearFigures = {
        total: computed.ledger.totals.expense,
        findings: seriesFindings(computed).map((f) => f.key),
      };
      cache.keep(figuresKey(id, year, list), value);
      figures.set(id, value);
    }
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
  return [...byAgency.entries()].flatMap(
    ([id, g]): { id: string; name: string; total: number | null; openFindings: number }[] => {
      const f = figures.get(id);
      if (!f) return [];
      return [
        {
          id,
          name: g.name,
          total: f.total,
          openFindings: f.findings.filter((k) => !settled.has(`${id}|${k}`)).length,
        },
      ];
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

  // The caller's organisation and unread notifications, in one row.
  const head = user
    ? db
        .select({
          organisation: organisations.name,
          unread:
            sql<number>`(select count(*) from ${notifications} where ${notifications.userId} = ${me.id} and ${notifications.readAt} is null)`.mapWith(
              Number,
            ),
        })
        .from(me)
        .leftJoin(organisations, eq(organisations.id, me.organisationId))
        .where(eq(me.id, user.id))
    : Promise.resolve([]);

  const ministryWide =
    user && (ministry || view === 'overseer')
      ? view === 'overseer'
        ? visibleDocuments(actor)
        : (and(visibleDocuments(actor), eq(documents.ministryId, user.organisationId)) as SQL)
      : null;

  const want: Record<ListName, boolean> = {
    mine: !!user && agency,
    overdue: work,
    dueSoon: work,
    atRisk: work,
    awaitingAcceptance: work,
    unassigned: view === 'agency-coordinator',
    withoutDepartment: ministryWide !== null && view !== 'overseer',
  };
  const perAgency = !!user && (ministry || agency);
  const [[headRow], chosen, draftRows, calendar, latest] = await Promise.all([
    head,
    work
      ? chooseLists(db, {
          widest: ministryWide ?? scope,
          scope,
          want,
          me: user?.id ?? null,
          today,
          soon: addDays(today, SOON_DAYS),
          perAgency,
        })
      : NO_LISTS,
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

  // The rows shown, read in one query.
  const lists = chosen.lists;
  const shown = await summaries(db, [...new Set(LISTS.flatMap((name) => lists[name]?.ids ?? []))]);
  const byId = new Map(shown.map((r) => [r.assignment.id, r]));
  const bucket = (name: ListName): HomeBucket | null => {
    const l = lists[name];
    if (!want[name] || !l) return null;
    return {
      rows: (l.ids ?? []).flatMap((id) => {
        const r = byId.get(id);
        return r ? [r] : [];
      }),
      total: Number(l.total),
    };
  };

  let agencies: HomeData['agencies'] = null;
  if (user && perAgency) {
    const where = ministry
      ? eq(documents.ministryId, user.organisationId)
      : eq(documents.agencyId, user.organisationId);
    const [figures, known] = await Promise.all([
      agencyFigures(db, actor, where, year),
      // The ministry's agencies (or the agency itself), with or without a letter this year.
      db
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(
          ministry
            ? eq(organisations.parentId, user.organisationId)
            : eq(organisations.id, user.organisationId),
        ),
    ]);
    const counts = new Map(
      chosen.agencies.map(([id, open, overdue]) => [
        id,
        { open: Number(open), overdue: Number(overdue) },
      ]),
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
    organisation: headRow?.organisation ?? null,
    department: user?.departmentCode ?? null,
    unreadNotifications: headRow?.unread ?? 0,
    mine: bucket('mine'),
    overdue: bucket('overdue'),
    dueSoon: bucket('dueSoon'),
    atRisk: bucket('atRisk'),
    awaitingAcceptance: bucket('awaitingAcceptance'),
    unassigned: bucket('unassigned'),
    withoutDepartment: bucket('withoutDepartment'),
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
