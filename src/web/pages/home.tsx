/**
 * The start page: each person their work, from one call (GET /api/home). The server decides
 * which lists this role gets (null: not for this role); the page shows those it carries, a few
 * rows each with "N av M" and a way on to the whole list.
 */
import type { ReactNode } from 'react';
import {
  Heading,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
  Tag,
} from '@digdir/designsystemet-react';
import type { AssignmentBucket, HomeAssignment, HomeSummary } from '../../contract/home';
import { getHome, queryString } from '../api';
import {
  AppLink,
  ErrorState,
  Loading,
  PageHeading,
  ScrollRegion,
  StatusTag,
  documentKindLabel,
} from '../components/ui';
import { ProgressTag } from '../components/follow-up';
import { addDays, daysBetween, formatDate, formatNumber, relativeDays } from '../format';
import { useAsync } from '../hooks';
import { t, tOr } from '../locales/nb';
import { paths } from '../router';

function AssignmentItem({ a, today }: { a: HomeAssignment; today: string }) {
  return (
    <li>
      <AppLink href={paths.assignment(a.id)}>
        {a.registerId}: {a.title}
      </AppLink>
      <span className="row">
        {a.nextDeadline && (
          <span>
            {t('home.deadline', {
              date: formatDate(a.nextDeadline),
              when: relativeDays(daysBetween(today, a.nextDeadline)),
            })}
          </span>
        )}
        <StatusTag status={a.status} />
        {a.progress && a.progress !== 'on-track' && <ProgressTag progress={a.progress} />}
      </span>
      {a.progressReason && a.progress !== 'on-track' && (
        <span data-size="sm">
          {t('followUp.progress.reasonShown', { reason: a.progressReason })}
        </span>
      )}
      <span className="muted" data-size="sm">
        {[a.agency, a.ownerDepartment, a.ownerPerson?.name].filter(Boolean).join(' · ')}
      </span>
    </li>
  );
}

function BucketSection({
  id,
  title,
  bucket,
  empty,
  today,
  more,
}: {
  id: string;
  title: string;
  bucket: AssignmentBucket;
  empty: string;
  today: string;
  /** The register, filtered as near to this list as its filters go. */
  more: string;
}) {
  const partial = bucket.total > bucket.items.length;
  return (
    <section aria-labelledby={id} className="home-card stack">
      <Heading level={2} data-size="xs" id={id}>
        {title}{' '}
        <span className="muted">
          (
          {partial
            ? t('home.countOf', {
                shown: formatNumber(bucket.items.length),
                total: formatNumber(bucket.total),
              })
            : formatNumber(bucket.total)}
          )
        </span>
      </Heading>
      {bucket.items.length === 0 ? (
        <Paragraph data-size="sm">{empty}</Paragraph>
      ) : (
        <ul className="deadline-list">
          {bucket.items.map((a) => (
            <AssignmentItem key={a.id} a={a} today={today} />
          ))}
        </ul>
      )}
      {partial && (
        <Paragraph data-size="sm">
          <AppLink href={more}>{t('home.seeAll', { total: formatNumber(bucket.total) })}</AppLink>
        </Paragraph>
      )}
    </section>
  );
}

function Agencies({
  agencies,
  year,
}: {
  agencies: NonNullable<HomeSummary['agencies']>;
  year: number;
}) {
  const caption = t('home.agencies.caption', { year });
  if (agencies.length === 0) return <Paragraph>{t('home.agencies.empty')}</Paragraph>;
  return (
    <ScrollRegion label={caption}>
      <Table data-size="sm" zebra>
        <caption>{caption}</caption>
        <TableHead>
          <TableRow>
            <TableHeaderCell>{t('table.agency')}</TableHeaderCell>
            <TableHeaderCell className="num">{t('home.agencies.total')}</TableHeaderCell>
            <TableHeaderCell className="num">{t('home.agencies.open')}</TableHeaderCell>
            <TableHeaderCell className="num">{t('home.agencies.overdue')}</TableHeaderCell>
            <TableHeaderCell className="num">{t('home.agencies.findings')}</TableHeaderCell>
            <TableHeaderCell>{t('home.agencies.ledger')}</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {agencies.map((a) => (
            <TableRow key={a.id}>
              <TableHeaderCell scope="row">{a.name}</TableHeaderCell>
              <TableCell className="num">
                {a.total === null ? t('home.agencies.noLetter') : formatNumber(a.total)}
              </TableCell>
              <TableCell className="num">{formatNumber(a.open)}</TableCell>
              <TableCell className="num">{formatNumber(a.overdue)}</TableCell>
              <TableCell className="num">{formatNumber(a.openFindings)}</TableCell>
              <TableCell>
                <AppLink href={paths.ledger({ agencyId: a.id, year })}>
                  {t('home.ledger.link', { agency: a.name, year })}
                </AppLink>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollRegion>
  );
}

function Drafts({ drafts }: { drafts: NonNullable<HomeSummary['drafts']> }) {
  if (drafts.length === 0) return <Paragraph>{t('home.drafts.empty')}</Paragraph>;
  return (
    <ul className="deadline-list">
      {drafts.map((d) => (
        <li key={d.id}>
          <AppLink href={paths.draft(d.id)}>
            {t('home.drafts.item', {
              kind: tOr(`kind.${d.kind}`, d.kind),
              year: d.year,
              agency: d.agency,
            })}
            {d.subject ? `: ${d.subject}` : ''}
          </AppLink>
          <span className="row">
            <Tag data-color="neutral" data-size="sm">
              {tOr(`draftStatus.${d.status}`, d.status)}
            </Tag>
            {d.sharedRound !== null && (
              <span data-size="sm">{t('home.drafts.shared', { round: d.sharedRound })}</span>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}

function CalendarItems({ items }: { items: NonNullable<HomeSummary['calendar']> }) {
  if (items.length === 0) return <Paragraph>{t('home.calendar.empty')}</Paragraph>;
  return (
    <ul className="deadline-list">
      {items.map((c, i) => (
        <li key={`${c.documentId}-${c.date}-${i}`}>
          <span>
            <strong>{formatDate(c.date)}</strong>
            {c.agency ? <span className="muted"> · {c.agency}</span> : null}
          </span>
          <AppLink href={paths.document(c.documentId)}>{c.text}</AppLink>
        </li>
      ))}
    </ul>
  );
}

function Published({ letters }: { letters: HomeSummary['published'] }) {
  const caption = t('home.published.caption');
  if (letters.length === 0) return <Paragraph>{t('home.published.empty')}</Paragraph>;
  return (
    <ScrollRegion label={caption}>
      <Table data-size="sm" zebra>
        <caption className="visually-hidden">{caption}</caption>
        <TableHead>
          <TableRow>
            <TableHeaderCell>{t('table.document')}</TableHeaderCell>
            <TableHeaderCell>{t('table.kind')}</TableHeaderCell>
            <TableHeaderCell>{t('table.agency')}</TableHeaderCell>
            <TableHeaderCell>{t('table.date')}</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {letters.map((l) => (
            <TableRow key={l.id}>
              <TableCell>
                <AppLink href={paths.document(l.id)}>{l.title}</AppLink>
              </TableCell>
              <TableCell className="nowrap">
                {documentKindLabel({ kind: l.kind, number: null })}
              </TableCell>
              <TableCell>{l.agency ?? t('common.unknown')}</TableCell>
              <TableCell className="nowrap">
                {l.date ? formatDate(l.date) : t('common.unknown')}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollRegion>
  );
}

function Block({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="stack">
      <Heading level={2} data-size="sm" id={id}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

const register = (query: Record<string, string | number>) => paths.assignments(queryString(query));

function Summary({ home }: { home: HomeSummary }) {
  const { today, year } = home;
  const agencySide = home.view === 'agency-coordinator' || home.view === 'agency-owner';
  const buckets: Array<{
    id: string;
    title: string;
    empty: string;
    bucket: AssignmentBucket | null;
    more: string;
  }> = [
    {
      id: 'mine',
      title: t('home.mine'),
      empty: t('home.mine.empty'),
      bucket: home.mine,
      more: register({ owner: 'me', open: 'true' }),
    },
    {
      id: 'frist-passert',
      title: t('home.overdue'),
      empty: t('home.overdue.empty'),
      bucket: home.overdue,
      more: register({ open: 'true', dueTo: addDays(today, -1) }),
    },
    {
      id: 'frist-snart',
      title: t('home.dueSoon'),
      empty: t('home.dueSoon.empty'),
      bucket: home.dueSoon,
      more: register({ open: 'true', dueFrom: today, dueTo: addDays(today, 30) }),
    },
    {
      id: 'i-risiko',
      title: t('home.atRisk'),
      empty: t('home.atRisk.empty'),
      bucket: home.atRisk,
      more: register({ open: 'true', progress: 'at-risk' }),
    },
    {
      id: 'venter',
      title: agencySide ? t('home.awaiting.agency') : t('home.awaiting'),
      empty: t('home.awaiting.empty'),
      bucket: home.awaitingAcceptance,
      more: register({ status: 'delivered' }),
    },
    {
      id: 'uten-ansvarlig',
      title: t('home.unassigned'),
      empty: t('home.unassigned.empty'),
      bucket: home.unassigned,
      more: register({ open: 'true', owner: 'none' }),
    },
    {
      id: 'uten-eieravdeling',
      title: t('home.withoutDepartment'),
      empty: t('home.withoutDepartment.empty'),
      bucket: home.withoutDepartment,
      more: register({ open: 'true', ownerDepartment: 'none' }),
    },
  ];
  const shown = buckets.filter((b) => b.bucket !== null);
  return (
    <div className="stack-lg">
      {shown.length > 0 && (
        <div className="home-buckets">
          {shown.map((b) => (
            <BucketSection
              key={b.id}
              id={b.id}
              title={b.title}
              empty={b.empty}
              bucket={b.bucket!}
              today={today}
              more={b.more}
            />
          ))}
        </div>
      )}
      {shown.length > 0 && (
        <Paragraph className="row">
          <AppLink href={paths.assignments()}>{t('home.allAssignments')}</AppLink>
          <AppLink href={paths.calendar()}>{t('home.calendarLink')}</AppLink>
        </Paragraph>
      )}
      {home.agencies && (
        <Block id="virksomheter" title={t('home.agencies')}>
          <Agencies agencies={home.agencies} year={year} />
        </Block>
      )}
      <div className="home-grid">
        {home.drafts && (
          <Block id="utkast" title={t('home.drafts')}>
            <Drafts drafts={home.drafts} />
          </Block>
        )}
        {home.calendar && (
          <Block id="kalender" title={t('home.calendar')}>
            <CalendarItems items={home.calendar} />
          </Block>
        )}
      </div>
      <Block id="utstedte-brev" title={t('home.published')}>
        <Published letters={home.published} />
      </Block>
    </div>
  );
}

export default function HomePage() {
  const home = useAsync('home', (signal) => getHome(signal));
  const who =
    home.status === 'ok'
      ? [home.data.organisation, home.data.department].filter(Boolean).join(' · ')
      : '';
  return (
    <>
      <PageHeading title={t('home.title')}>
        <Paragraph>
          {home.status === 'ok' && home.data.view !== 'public'
            ? t('home.intro.work', { year: home.data.year })
            : t('home.intro')}
        </Paragraph>
        {who && <Paragraph className="muted">{who}</Paragraph>}
      </PageHeading>
      {home.status === 'loading' && <Loading rows={8} />}
      {home.status === 'error' && <ErrorState error={home.error} retry={home.retry} />}
      {home.status === 'ok' && <Summary home={home.data} />}
    </>
  );
}
