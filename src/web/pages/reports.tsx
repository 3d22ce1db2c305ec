/**
 * The reports an agency owes its ministry for a year (issue 15): choose the agency and the year
 * (the user's own agency and this year by default), and the list the server makes from the
 * letters' calendar, with the due date, the status, whether it is late and the revision. The
 * ministry's officers can ask for an ad hoc report. The page decides no rule: lateness, status
 * and what may be done come from the server. The ministry's officers (and those who read
 * everything) also see every agency's reports of the year side by side (`Overview`), with the
 * figures the server derives from each agency's latest submitted report. Everyone, visitors
 * too, finds the published annual reports (accepted by the ministry) with their Word and PDF
 * files; a visitor sees only those.
 */
import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Paragraph,
  Table,
  TableBody,
  Tag,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
  Textfield,
} from '@digdir/designsystemet-react';
import type { ReportList as ReportListPage, ReportOverviewAgency } from '../../contract/report';
import { createReport, getReportOverview, listAllOrganisations, listReports } from '../api';
import { AgencyYearChooser } from '../components/agency-year-chooser';
import { PublishedAnnualReports } from '../components/annual-report';
import { ShowMore, useMorePages } from '../components/more';
import { LateTag, ReportStatusTag } from '../components/report';
import {
  AppLink,
  ErrorState,
  Loading,
  PageHeading,
  ScrollRegion,
  Section,
  errorMessage,
} from '../components/ui';
import { formatDate, formatNumber, parseIsoDate, todayIso } from '../format';
import { useAsync } from '../hooks';
import { t, tOr } from '../locales/nb';
import { navigate, paths, useSearchParams } from '../router';
import { useMe } from '../session';

const currentYear = () => Number(todayIso().slice(0, 4));

export default function ReportsPage() {
  const me = useMe();
  const params = useSearchParams();
  const yearParam = Number(params.get('aar'));
  const year = Number.isInteger(yearParam) && yearParam >= 1900 ? yearParam : currentYear();
  const agencies = useAsync('report-agencies', (signal) =>
    listAllOrganisations({ kind: 'agency' }, signal),
  );
  const own = me?.user?.organisation?.kind === 'agency' ? me.user.organisation.id : null;
  const options = agencies.status === 'ok' ? agencies.data.items : [];
  const agencyId = params.get('virksomhet') || own || options[0]?.id || '';
  const agency = options.find((a) => a.id === agencyId);
  // Those who follow agencies rather than belong to one (the server filters what each reads).
  const overseer =
    !!me?.user && !!me.abilities.readReports && me.user.organisation?.kind !== 'agency';

  if (me && !me.user) {
    // A visitor reads the published annual reports only.
    return (
      <>
        <PageHeading title={t('reports.title')} />
        <Published />
      </>
    );
  }
  return (
    <>
      <PageHeading title={t('reports.title')}>
        <Paragraph>{t('reports.intro')}</Paragraph>
      </PageHeading>
      {agencies.status === 'loading' && <Loading rows={2} />}
      {agencies.status === 'error' && <ErrorState error={agencies.error} retry={agencies.retry} />}
      {agencies.status === 'ok' && (
        <>
          <AgencyYearChooser
            agencies={options}
            agencyId={agencyId}
            year={year}
            show={t('reports.show')}
            path={paths.reports}
          />
          {agencyId ? (
            <ReportList agencyId={agencyId} agencyName={agency?.name ?? ''} year={year} />
          ) : (
            <Paragraph>{t('reports.noAgency')}</Paragraph>
          )}
          {overseer && <Overview key={year} year={year} />}
          <Published />
          {/* The officers who may write letters are those who may ask for a report (policy.ts). */}
          {me?.abilities.createReports && agencyId && (
            <NewReport
              key={`${agencyId}:${year}`}
              agencyId={agencyId}
              agencyName={agency?.name ?? ''}
              year={year}
            />
          )}
        </>
      )}
    </>
  );
}

/** The accepted annual reports, as everyone reads them. */
function Published() {
  const published = useAsync('reports:published', (signal) =>
    listReports({ published: 'true' }, signal),
  );
  if (published.status === 'loading') return <Loading />;
  if (published.status === 'error') {
    return <ErrorState error={published.error} retry={published.retry} />;
  }
  return <PublishedPages first={published.data} />;
}

/** The published annual reports a page at a time («Vis flere» adds the next). */
function PublishedPages({ first }: { first: ReportListPage }) {
  const pages = useMorePages({ items: first.reports, nextCursor: first.nextCursor }, (cursor) =>
    listReports({ published: 'true', cursor }).then((p) => ({
      items: p.reports,
      nextCursor: p.nextCursor,
    })),
  );
  return (
    <>
      <PublishedAnnualReports reports={pages.items} />
      <ShowMore pages={pages} />
    </>
  );
}

function ReportList({
  agencyId,
  agencyName,
  year,
}: {
  agencyId: string;
  agencyName: string;
  year: number;
}) {
  const reports = useAsync(`reports:${agencyId}:${year}`, (signal) =>
    listReports({ agency: agencyId, year }, signal),
  );
  const caption = t('reports.list', { agency: agencyName, year });
  return (
    <Section id="reports-list" title={caption}>
      {reports.status === 'loading' && <Loading />}
      {reports.status === 'error' && <ErrorState error={reports.error} retry={reports.retry} />}
      {reports.status === 'ok' && (
        <ReportRows first={reports.data} agencyId={agencyId} year={year} caption={caption} />
      )}
    </Section>
  );
}

/** One agency-year's reports, a page at a time («Vis flere» adds the next). */
function ReportRows({
  first,
  agencyId,
  year,
  caption,
}: {
  first: ReportListPage;
  agencyId: string;
  year: number;
  caption: string;
}) {
  const pages = useMorePages({ items: first.reports, nextCursor: first.nextCursor }, (cursor) =>
    listReports({ agency: agencyId, year, cursor }).then((p) => ({
      items: p.reports,
      nextCursor: p.nextCursor,
    })),
  );
  return pages.items.length === 0 ? (
    <Paragraph>{t('reports.none')}</Paragraph>
  ) : (
    <div className="stack">
      <ScrollRegion label={caption}>
        <Table>
          <caption className="visually-hidden">{caption}</caption>
          <TableHead>
            <TableRow>
              <TableHeaderCell>{t('reports.column.title')}</TableHeaderCell>
              <TableHeaderCell>{t('reports.column.due')}</TableHeaderCell>
              <TableHeaderCell>{t('reports.column.status')}</TableHeaderCell>
              <TableHeaderCell>{t('reports.column.revision')}</TableHeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {pages.items.map((r) => (
              <TableRow key={r.id}>
                <TableCell>
                  <AppLink href={paths.report(r.id)}>{r.title}</AppLink>
                </TableCell>
                <TableCell className="nowrap">
                  {r.dueDate ? formatDate(r.dueDate) : t('report.noDue')}
                </TableCell>
                <TableCell>
                  <span className="row">
                    <ReportStatusTag status={r.status} />
                    {r.late && <LateTag />}
                  </span>
                </TableCell>
                <TableCell className="num">{r.revision}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ScrollRegion>
      <ShowMore pages={pages} />
    </div>
  );
}

const amount = (n: number | null) => (n === null ? '–' : formatNumber(n));
const postNumber = (post: number) => String(post).padStart(2, '0');

/** Every agency's reports of the year side by side, as the server counts and derives them. */
function Overview({ year }: { year: number }) {
  const overview = useAsync(`report-overview:${year}`, (signal) => getReportOverview(year, signal));
  const title = t('reports.overview', { year });
  const caption = t('reports.overview.caption', { year });
  return (
    <Section id="reports-overview" title={title}>
      <Paragraph>{t('reports.overview.about')}</Paragraph>
      <Paragraph>
        <AppLink href={paths.reportViews({ year })}>{t('reports.viewsLink', { year })}</AppLink>
      </Paragraph>
      {overview.status === 'loading' && <Loading />}
      {overview.status === 'error' && <ErrorState error={overview.error} retry={overview.retry} />}
      {overview.status === 'ok' &&
        (overview.data.agencies.length === 0 ? (
          <Paragraph>{t('reports.overview.none', { year })}</Paragraph>
        ) : (
          <>
            <ScrollRegion label={caption}>
              <Table>
                <caption>{caption}</caption>
                <TableHead>
                  <TableRow>
                    <TableHeaderCell>{t('reports.overview.agency')}</TableHeaderCell>
                    <TableHeaderCell className="num">{t('reports.overview.owed')}</TableHeaderCell>
                    <TableHeaderCell className="num">
                      {t('reports.overview.submitted')}
                    </TableHeaderCell>
                    <TableHeaderCell className="num">
                      {t('reports.overview.accepted')}
                    </TableHeaderCell>
                    <TableHeaderCell className="num">{t('reports.overview.late')}</TableHeaderCell>
                    <TableHeaderCell className="num">
                      {t('reports.overview.deviations')}
                    </TableHeaderCell>
                    <TableHeaderCell className="num">
                      {t('reports.overview.highRisks')}
                    </TableHeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {overview.data.agencies.map((a) => (
                    <TableRow key={a.agencyId}>
                      <TableHeaderCell scope="row">
                        <AppLink href={paths.reports({ agencyId: a.agencyId, year })}>
                          {a.agencyName}
                        </AppLink>
                      </TableHeaderCell>
                      <TableCell className="num">{a.owed}</TableCell>
                      <TableCell className="num">{a.submitted}</TableCell>
                      <TableCell className="num">{a.accepted}</TableCell>
                      <TableCell className="num">
                        {a.late > 0 ? (
                          <Tag data-color="danger" data-size="sm">
                            {a.late}
                          </Tag>
                        ) : (
                          0
                        )}
                      </TableCell>
                      <TableCell className="num">
                        {a.latest ? a.latest.deviations : t('reports.overview.noLatest')}
                      </TableCell>
                      <TableCell className="num">
                        {a.latest ? a.latest.highRisks : t('reports.overview.noLatest')}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </ScrollRegion>
            <Paragraph data-size="sm">{t('reports.overview.highRisks.about')}</Paragraph>
            {overview.data.agencies.map((a) => (
              <OverviewBudget key={a.agencyId} agency={a} />
            ))}
          </>
        ))}
    </Section>
  );
}

/** The forecast of the agency's latest submitted report beside the appropriation, per post. */
function OverviewBudget({ agency }: { agency: ReportOverviewAgency }) {
  const latest = agency.latest;
  if (!latest) return null;
  const caption = t('reports.overview.budget', { agency: agency.agencyName });
  return (
    <div className="stack">
      <Paragraph data-size="sm">
        {t('reports.overview.budget.from', {
          status: tOr(`reportStatus.${latest.status}`, latest.status),
          revision: latest.revision,
        })}{' '}
        <AppLink href={paths.report(latest.reportId)}>{latest.title}</AppLink>
      </Paragraph>
      {latest.budget.length === 0 ? (
        <Paragraph>{t('reports.overview.budget.none')}</Paragraph>
      ) : (
        <ScrollRegion label={caption}>
          <Table>
            <caption>{caption}</caption>
            <TableHead>
              <TableRow>
                <TableHeaderCell>{t('report.budget.post')}</TableHeaderCell>
                <TableHeaderCell className="num">
                  {t('report.budget.appropriation')}
                </TableHeaderCell>
                <TableHeaderCell className="num">{t('report.budget.forecast')}</TableHeaderCell>
                <TableHeaderCell className="num">{t('report.budget.deviation')}</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {latest.budget.map((b) => (
                <TableRow key={`${b.chapter}:${b.post}`}>
                  <TableCell>
                    {t('report.post', {
                      chapter: b.chapter,
                      post: postNumber(b.post),
                      name: b.postName,
                    })}
                  </TableCell>
                  <TableCell className="num">{formatNumber(b.appropriation)}</TableCell>
                  <TableCell className="num">{amount(b.forecast)}</TableCell>
                  <TableCell className="num">{amount(b.deviation)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollRegion>
      )}
    </div>
  );
}

/** The ministry asks the agency for a report the calendar does not have. */
function NewReport({
  agencyId,
  agencyName,
  year,
}: {
  agencyId: string;
  agencyName: string;
  year: number;
}) {
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [missing, setMissing] = useState<{ title: boolean; due: boolean }>({
    title: false,
    due: false,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const m = { title: title.trim() === '', due: parseIsoDate(due) === null };
    setMissing(m);
    if (m.title || m.due) return;
    setBusy(true);
    setError(null);
    try {
      const report = await createReport({ agencyId, year, title: title.trim(), dueDate: due });
      navigate(paths.report(report.id));
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <Section id="reports-new" title={t('reports.new')}>
      <Paragraph>{t('reports.new.about', { agency: agencyName, year })}</Paragraph>
      <form className="stack report-new" onSubmit={(e) => void onSubmit(e)} noValidate>
        <Textfield
          label={t('reports.new.title')}
          value={title}
          maxLength={500}
          error={missing.title ? t('reports.new.titleMissing') : undefined}
          onChange={(e) => setTitle(e.target.value)}
        />
        <Textfield
          label={t('reports.new.due')}
          type="date"
          value={due}
          error={missing.due ? t('reports.new.dueMissing') : undefined}
          onChange={(e) => setDue(e.target.value)}
        />
        <div>
          <Button type="submit" loading={busy} disabled={busy}>
            {t('reports.new.create')}
          </Button>
        </div>
        {error && (
          <Alert data-color="danger" role="alert">
            {error}
          </Alert>
        )}
      </form>
    </Section>
  );
}
