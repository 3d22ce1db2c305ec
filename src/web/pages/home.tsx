import {
  Card,
  Heading,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
} from '@digdir/designsystemet-react';
import type { AssignmentSummary, DocumentSummary } from '../../contract/api';
import { getChecks, getLedger, listAllDocuments, listAssignments } from '../api';
import {
  AppLink,
  ErrorState,
  Loading,
  PageHeading,
  StatusTag,
  documentKindLabel,
  ScrollRegion,
} from '../components/ui';
import { addDays, daysBetween, formatDate, formatNumber, formatPercent, todayIso } from '../format';
import { useAsync } from '../hooks';
import { t } from '../locales/nb';
import { paths } from '../router';

/** How many of each list the start page shows. */
const SHOWN = 20;

interface Bucket {
  items: AssignmentSummary[];
  total: number;
}

/** Open assignments whose next deadline is in [from, to], earliest first (server-side filter). */
async function openDue(
  range: { dueFrom?: string; dueTo?: string },
  signal: AbortSignal,
): Promise<Bucket> {
  // `open`: the server decides which statuses still have work left.
  const list = await listAssignments({ ...range, open: true, limit: SHOWN }, signal);
  return { items: list.items, total: list.total };
}

/** The year's appropriation and open consistency findings of one agency. */
function AgencySummary({ agency, year }: { agency: { id: string; name: string }; year: number }) {
  const state = useAsync(`agency-summary:${year}:${agency.id}`, async (signal) => {
    const [ledger, checks] = await Promise.all([
      getLedger(agency.id, year, signal),
      getChecks(agency.id, year, signal),
    ]);
    return { total: ledger.totals.expense, findings: checks.findings.length };
  });
  if (state.status !== 'ok') return null;
  const { total, findings } = state.data;
  return (
    <Paragraph data-size="sm" className="agency-summary">
      <span>{t('home.ledger.total', { amount: formatNumber(total) })}</span>
      <span>
        {findings === 0
          ? t('home.ledger.noFindings')
          : findings === 1
            ? t('home.ledger.findingsOne')
            : t('home.ledger.findings', { count: formatNumber(findings) })}
      </span>
      <AppLink href={paths.ledger({ agencyId: agency.id, year })}>
        {t('home.ledger.link', { agency: agency.name, year })}
      </AppLink>
    </Paragraph>
  );
}

interface AgencyGroup {
  agency: string;
  /** The agency's organisation id (null for documents to no known agency). */
  agencyId: string | null;
  documents: DocumentSummary[];
}

interface YearGroup {
  year: number;
  count: number;
  agencies: AgencyGroup[];
}

function groupDocuments(docs: DocumentSummary[]): YearGroup[] {
  const years = new Map<number, Map<string, DocumentSummary[]>>();
  for (const doc of docs) {
    const agencies = years.get(doc.year) ?? new Map<string, DocumentSummary[]>();
    years.set(doc.year, agencies);
    const agency = doc.agency ?? t('home.documents.noAgency');
    agencies.set(agency, [...(agencies.get(agency) ?? []), doc]);
  }
  const order = (a: DocumentSummary, b: DocumentSummary) =>
    (a.kind === b.kind ? 0 : a.kind === 'allocation-letter' ? -1 : 1) ||
    (a.number ?? 0) - (b.number ?? 0) ||
    a.title.localeCompare(b.title, 'nb');
  return [...years.entries()]
    .sort(([a], [b]) => b - a)
    .map(([year, agencies]) => ({
      year,
      count: [...agencies.values()].reduce((n, list) => n + list.length, 0),
      agencies: [...agencies.entries()]
        .sort(([a], [b]) => a.localeCompare(b, 'nb'))
        .map(([agency, documents]) => ({
          agency,
          agencyId: documents.find((d) => d.agencyId)?.agencyId ?? null,
          documents: documents.sort(order),
        })),
    }));
}

const countText = (n: number) =>
  n === 1 ? t('home.documents.countOne') : t('home.documents.count', { count: formatNumber(n) });

function Documents({ docs }: { docs: DocumentSummary[] }) {
  if (docs.length === 0) return <Paragraph>{t('home.documents.empty')}</Paragraph>;
  return (
    <div className="stack-lg">
      {groupDocuments(docs).map((year) => (
        <section key={year.year} className="year-group" aria-labelledby={`year-${year.year}`}>
          <Heading level={3} data-size="sm" id={`year-${year.year}`}>
            {t('home.documents.year', { year: year.year })}{' '}
            <span className="muted">({countText(year.count)})</span>
          </Heading>
          {year.agencies.map((group) => (
            <div key={group.agency} className="stack">
              <Heading level={4} data-size="xs">
                {group.agency} <span className="muted">({countText(group.documents.length)})</span>
              </Heading>
              {group.agencyId && (
                <AgencySummary
                  agency={{ id: group.agencyId, name: group.agency }}
                  year={year.year}
                />
              )}
              <ScrollRegion
                label={t('home.documents.tableCaption', { agency: group.agency, year: year.year })}
              >
                <Table data-size="sm" zebra>
                  <caption className="visually-hidden">
                    {t('home.documents.tableCaption', { agency: group.agency, year: year.year })}
                  </caption>
                  <TableHead>
                    <TableRow>
                      <TableHeaderCell>{t('table.document')}</TableHeaderCell>
                      <TableHeaderCell>{t('table.kind')}</TableHeaderCell>
                      <TableHeaderCell>{t('table.date')}</TableHeaderCell>
                      <TableHeaderCell className="num">{t('table.assignments')}</TableHeaderCell>
                      <TableHeaderCell className="num">{t('table.coverage')}</TableHeaderCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {group.documents.map((doc) => (
                      <TableRow key={doc.id}>
                        <TableCell>
                          <AppLink href={paths.document(doc.id)}>{doc.title}</AppLink>
                        </TableCell>
                        <TableCell className="nowrap">{documentKindLabel(doc)}</TableCell>
                        <TableCell className="nowrap">
                          {doc.date ? formatDate(doc.date) : t('common.unknown')}
                        </TableCell>
                        <TableCell className="num">
                          {formatNumber(doc.counts.assignments)}
                        </TableCell>
                        <TableCell className="num">{formatPercent(doc.coverage)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </ScrollRegion>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}

function relativeDays(days: number): string {
  if (days === 0) return t('home.deadlines.today');
  if (days === 1) return t('home.deadlines.dayLeft');
  if (days === -1) return t('home.deadlines.dayLate');
  return days > 0
    ? t('home.deadlines.daysLeft', { days: formatNumber(days) })
    : t('home.deadlines.daysLate', { days: formatNumber(-days) });
}

function DeadlineList({
  id,
  title,
  summary,
  empty,
  items,
  today,
  color,
}: {
  id: string;
  title: string;
  summary: string;
  empty: string;
  items: AssignmentSummary[];
  today: string;
  color: 'danger' | 'warning';
}) {
  return (
    <Card data-color={color} variant="tinted">
      <section aria-labelledby={id} className="stack">
        <Heading level={3} data-size="xs" id={id}>
          {title}
        </Heading>
        <Paragraph data-size="sm">{items.length === 0 ? empty : summary}</Paragraph>
        {items.length > 0 && (
          <ul className="deadline-list">
            {items.map((a) => (
              <li key={a.id}>
                <AppLink href={paths.assignment(a.id)}>
                  {a.registerId}: {a.title}
                </AppLink>
                <span className="row">
                  <span>
                    {formatDate(a.nextDeadline ?? '')} (
                    {relativeDays(daysBetween(today, a.nextDeadline ?? ''))})
                  </span>
                  <StatusTag status={a.status} />
                </span>
                {a.agency && (
                  <span className="muted" data-size="sm">
                    {a.agency}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Card>
  );
}

function Deadlines({ overdue, soon }: { overdue: Bucket; soon: Bucket }) {
  const today = todayIso();
  const more = (b: Bucket) =>
    b.total > b.items.length ? (
      <Paragraph data-size="sm" className="muted">
        {t('home.deadlines.partial', { count: formatNumber(b.items.length) })}
      </Paragraph>
    ) : null;
  return (
    <div className="stack">
      <DeadlineList
        id="frist-passert"
        title={t('home.deadlines.overdue')}
        summary={t('home.deadlines.overdueCount', { count: formatNumber(overdue.total) })}
        empty={t('home.deadlines.noneOverdue')}
        items={overdue.items}
        today={today}
        color="danger"
      />
      {more(overdue)}
      <DeadlineList
        id="frist-snart"
        title={t('home.deadlines.soon')}
        summary={t('home.deadlines.soonCount', { count: formatNumber(soon.total) })}
        empty={t('home.deadlines.noneSoon')}
        items={soon.items}
        today={today}
        color="warning"
      />
      {more(soon)}
      <Paragraph className="row">
        <AppLink href={paths.assignments()}>{t('home.allAssignments')}</AppLink>
        <AppLink href={paths.calendar()}>{t('home.calendar')}</AppLink>
      </Paragraph>
    </div>
  );
}

export default function HomePage() {
  const documents = useAsync('documents', (signal) => listAllDocuments(signal));
  const today = todayIso();
  const assignments = useAsync(`deadlines:${today}`, async (signal) => {
    const [overdue, soon] = await Promise.all([
      openDue({ dueTo: addDays(today, -1) }, signal),
      openDue({ dueFrom: today, dueTo: addDays(today, 30) }, signal),
    ]);
    return { overdue, soon };
  });
  return (
    <>
      <PageHeading title={t('home.title')}>
        <Paragraph>{t('home.intro')}</Paragraph>
      </PageHeading>
      <div className="home-grid">
        <section aria-labelledby="dokumenter" className="stack">
          <Heading level={2} data-size="md" id="dokumenter">
            {t('home.documents.heading')}
          </Heading>
          {documents.status === 'loading' && <Loading rows={6} />}
          {documents.status === 'error' && (
            <ErrorState error={documents.error} retry={documents.retry} />
          )}
          {documents.status === 'ok' && <Documents docs={documents.data.items} />}
        </section>
        <section aria-labelledby="frister" className="stack">
          <Heading level={2} data-size="md" id="frister">
            {t('home.deadlines.heading')}
          </Heading>
          {assignments.status === 'loading' && <Loading rows={4} />}
          {assignments.status === 'error' && (
            <ErrorState error={assignments.error} retry={assignments.retry} />
          )}
          {assignments.status === 'ok' && (
            <Deadlines overdue={assignments.data.overdue} soon={assignments.data.soon} />
          )}
        </section>
      </div>
    </>
  );
}
