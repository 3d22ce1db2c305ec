/**
 * Search across documents and assignments. Every word of the query must match, in one of
 * three ways:
 * - full text with PostgreSQL's `norwegian` configuration, each word also as a prefix
 *   (`tilsk` → `tilskudd`, `fastlegene` → `fastleger`, `tilskudd` → `tilskuddsordning`);
 * - as a part of a longer word (`kommune` → `kystkommuner`): `LIKE '%kommune%'` on the
 *   lower-case text, served by pg_trgm's GIN index on that expression (src/db/schema.ts);
 * - by trigram word similarity to a title (`<%`), so a small typo still finds it.
 * Stop words (`og`, `for`) are left out. Results are ranked by ts_rank plus the title's word
 * similarity to the query (and an exact register ID first), ties broken by a stable key; a page
 * of each list at a time, one cursor going on with both (src/contract/pagination.ts).
 */
import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { SEARCH_CURSOR, type SearchQuery } from '../contract/api';
import { cursorKeys, decodeCursor, encodeCursor, pageOf } from '../contract/pagination';
import { queryRows, type Db } from '../db/client';
import { after, orderBy as keysetOrder, type SortKey } from '../db/keyset';
import { assignmentSearchText, assignments, documentSearchText, documents } from '../db/schema';
import type { Actor } from '../domain/policy';
import { nextDeadline, ownerName } from './assignments';
import { countsFor, documentRef } from './documents';
import {
  containsPattern,
  MIN_FUZZY_LENGTH,
  MIN_PART_LENGTH,
  prefixTsQuery,
  searchWords,
} from './search-terms';
import { visibleDocuments } from '../db/visibility';

const headlineOptions = 'MaxWords=30, MinWords=10, StartSel=«, StopSel=», MaxFragments=2';
const DOCUMENT_STATUSES: readonly string[] = ['draft', 'shared', 'published'];

/** The words that carry meaning: those the norwegian configuration does not drop as stop words. */
async function contentWords(db: Db, words: string[]): Promise<string[]> {
  if (words.length === 0) return [];
  const rows = await queryRows<{ word: string; n: number }>(
    db,
    sql`select w as word, numnode(to_tsquery('norwegian', w)) as n
        from unnest(${sql.param(words)}::text[]) as w`,
  );
  const kept = new Set(rows.filter((r) => Number(r.n) > 0).map((r) => r.word));
  return words.filter((w) => kept.has(w));
}

/** One word matches a row: full text (with prefix), a part of a word, or a similar title word. */
function wordMatches(word: string, search: SQL, title: SQL, text: SQL): SQL | undefined {
  return or(
    sql`${search} @@ to_tsquery('norwegian', ${`${word}:*`})`,
    word.length >= MIN_PART_LENGTH ? sql`${text} like ${containsPattern(word)}` : undefined,
    word.length >= MIN_FUZZY_LENGTH ? sql`${word} <% ${title}` : undefined,
  );
}

export async function search(db: Db, actor: Actor, input: SearchQuery) {
  const words = await contentWords(db, searchWords(input.q));
  if (words.length === 0) {
    return { documents: [], assignments: [], nextCursor: null, counts: new Map() };
  }
  const query = sql`to_tsquery('norwegian', ${prefixTsQuery(words)})`;
  const phrase = words.join(' ');
  const documentStatus =
    input.status !== undefined && DOCUMENT_STATUSES.includes(input.status)
      ? input.status
      : undefined;
  const assignmentStatus = documentStatus === undefined ? input.status : undefined;
  const filters = and(
    visibleDocuments(actor),
    eq(documents.isCurrent, true),
    input.year === undefined ? undefined : eq(documents.year, input.year),
    input.agency === undefined ? undefined : eq(documents.agencyId, input.agency),
    input.kind === undefined ? undefined : eq(documents.kind, input.kind),
    documentStatus === undefined ? undefined : sql`${documents.status} = ${documentStatus}`,
  );

  const start = cursorKeys(input.cursor, SEARCH_CURSOR.relevance);
  // With a cursor, a list whose part is null has no more rows.
  const docsDone = start !== undefined && start[2] === null;
  const asgsDone = start !== undefined && start[5] === null;

  const documentScore = sql<number>`(ts_rank(${documents.search}, ${query}) + word_similarity(${phrase}, ${documents.title}))::float8`;
  const documentKeys: SortKey[] = [
    { expr: documentScore, desc: true, cast: 'double precision' },
    { expr: documents.year, desc: true },
    { expr: documents.id },
  ];
  // No document has an assignment's status.
  const docs =
    assignmentStatus !== undefined || docsDone
      ? []
      : await db
          .select({
            document: documents,
            score: documentScore,
            headline: sql<string>`ts_headline('norwegian', ${documents.body}, ${query}, ${headlineOptions})`,
          })
          .from(documents)
          .where(
            and(
              filters,
              start === undefined ? undefined : after(documentKeys, start.slice(0, 3)),
              ...words.map((w) =>
                wordMatches(
                  w,
                  sql`${documents.search}`,
                  sql`${documents.title}`,
                  documentSearchText(documents),
                ),
              ),
            ),
          )
          .orderBy(...keysetOrder(documentKeys))
          .limit(input.limit + 1);

  const exactId = sql`(case when lower(${assignments.registerId}) = ${words.join(' ')} then 1 else 0 end)`;
  const assignmentScore = sql<number>`(${exactId} + ts_rank(${assignments.search}, ${query}) + word_similarity(${phrase}, ${assignments.title}))::float8`;
  const assignmentKeys: SortKey[] = [
    { expr: assignmentScore, desc: true, cast: 'double precision' },
    { expr: assignments.registerId },
    { expr: assignments.id },
  ];
  const asgs = asgsDone
    ? []
    : await db
        .select({
          assignment: assignments,
          document: documentRef,
          nextDeadline,
          ownerName,
          score: assignmentScore,
          headline: sql<string>`ts_headline('norwegian', ${assignments.body}, ${query}, ${headlineOptions})`,
        })
        .from(assignments)
        .innerJoin(documents, eq(documents.id, assignments.documentId))
        .where(
          and(
            filters,
            assignmentStatus === undefined
              ? undefined
              : sql`${assignments.status} = ${assignmentStatus}`,
            start === undefined ? undefined : after(assignmentKeys, start.slice(3)),
            ...words.map((w) =>
              wordMatches(
                w,
                sql`${assignments.search}`,
                sql`${assignments.title}`,
                assignmentSearchText(assignments),
              ),
            ),
          ),
        )
        .orderBy(...keysetOrder(assignmentKeys))
        .limit(input.limit + 1);
  const docPage = pageOf(
    docs,
    input.limit,
    'relevance',
    (d) => [Number(d.score), d.document.year, d.document.id],
    input,
  );
  const asgPage = pageOf(
    asgs,
    input.limit,
    'relevance',
    (a) => [Number(a.score), a.assignment.registerId, a.assignment.id],
    input,
  );
  // Each list goes on where it stopped; one with no more is null in the cursor.
  const lastKeys = (next: string | null) =>
    next === null ? [null, null, null] : decodeCursor(next)!.keys;
  const nextCursor =
    docPage.nextCursor === null && asgPage.nextCursor === null
      ? null
      : encodeCursor(
          'relevance',
          [...lastKeys(docPage.nextCursor), ...lastKeys(asgPage.nextCursor)],
          input,
        );
  return {
    documents: docPage.rows,
    assignments: asgPage.rows,
    nextCursor,
    counts: await countsFor(
      db,
      docPage.rows.map((d) => d.document),
    ),
  };
}
