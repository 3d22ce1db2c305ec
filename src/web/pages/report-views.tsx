/**
 * The ministry's views of the reports (issue 15, "Ministry views"), at /rapporter/oversikt: for
 * one agency or every agency the user follows, and a year, the assignments at risk or off track,
 * the risk heat map with the tolerance agreed with the ministry (set here by its officers), the
 * forecast against the appropriation per post, the steering parameters' values across reports
 * and years against their targets, and the late reports. Every chart has its table; the heat
 * map is a table. The page decides no rule: what is above the tolerance, whether a target is
 * met and what the user may do come from the server.
 */
import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Heading,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
  Tag,
  Textfield,
} from '@digdir/designsystemet-react';
import type { TargetComparator, TargetOutcome, TargetUnit } from '../../contract/enums';
import type {
  ReportViews,
  ReportViewsAgency,
  RiskTolerance,
  SteeringTarget,
  SteeringTrend,
  ViewPost,
} from '../../contract/report-views';
import { getReportViews, listAllOrganisations, setRiskTolerance } from '../api';
import { AgencyYearChooser } from '../components/agency-year-chooser';
import { BudgetBars, ChartFigure, HeatMapTable, TrendLine } from '../components/charts';
import { ProgressTag } from '../components/follow-up';
import { ReportStatusTag } from '../components/report';
import {
  AppLink,
  ErrorState,
  Loading,
  PageHeading,
  ScrollRegion,
  Section,
  errorMessage,
} from '../components/ui';
import { formatDate, formatDateTime, formatNumber, todayIso } from '../format';
import { useAsync } from '../hooks';
import { t, type MessageKey } from '../locales/nb';
import { paths, useSearchParams } from '../router';

const currentYear = () => Number(todayIso().slice(0, 4));
const postNumber = (post: number) => String(post).padStart(2, '0');
const amount = (n: number | null) => (n === null ? '–' : formatNumber(n));

export default function ReportViewsPage() {
  const params = useSearchParams();
  const yearParam = Number(params.get('aar'));
  const year = Number.isInteger(yearParam) && yearParam >= 1900 ? yearParam : currentYear();
  const agencyId = params.get('virksomhet') ?? '';
  const [reloads, setReloads] = useState(0);
  const agencies = useAsync('report-view-agencies', (signal) =>
    listAllOrganisations({ kind: 'agency' }, signal),
  );
  const views = useAsync(`report-views:${agencyId}:${year}:${reloads}`, (signal) =>
    getReportViews(agencyId ? { year, agency: agencyId } : { year }, signal),
  );
  return (
    <>
      <PageHeading title={t('views.title')}>
        <Paragraph>{t('views.intro')}</Paragraph>
        <Paragraph data-size="sm">
          <AppLink href={paths.reports({ year })}>{t('views.back')}</AppLink>
        </Paragraph>
      </PageHeading>
      <AgencyYearChooser
        agencies={agencies.status === 'ok' ? agencies.data.items : []}
        agencyId={agencyId}
        year={year}
        allAgencies={t('views.allAgencies')}
        show={t('views.show')}
        path={paths.reportViews}
      />
      {views.status === 'loading' && <Loading rows={4} />}
      {views.status === 'error' && <ErrorState error={views.error} retry={views.retry} />}
      {views.status === 'ok' && (
        <Views data={views.data} onToleranceSaved={() => setReloads((n) => n + 1)} />
      )}
    </>
  );
}

function Views({ data, onToleranceSaved }: { data: ReportViews; onToleranceSaved: () => void }) {
  if (data.agencies.length === 0) {
    return <Paragraph>{t('views.none', { year: data.year })}</Paragraph>;
  }
  const cut = Object.values(data.truncated).some(Boolean);
  return (
    <div className="stack report-views">
      {data.agencies.length > 1 && <Totals data={data} />}
      {cut && (
        <Alert data-color="warning">
          {t('views.truncated', {
            agencies: data.limits.agencies,
            assignments: data.limits.assignments,
            late: data.limits.lateReports,
            reports: data.limits.trendReports,
          })}
        </Alert>
      )}
      {data.agencies.map((a) => (
        <AgencyViews key={a.agencyId} a={a} year={data.year} onToleranceSaved={onToleranceSaved} />
      ))}
    </div>
  );
}

/** Across the agencies: the counts and the heat map of every latest report together. */
function Totals({ data }: { data: ReportViews }) {
  return (
    <Section id="views-totals" title={t('views.totals', { year: data.year })}>
      <dl className="views-totals">
        <div>
          <dt>{t('views.totals.offTrack')}</dt>
          <dd>{data.totals.offTrack}</dd>
        </div>
        <div>
          <dt>{t('views.totals.atRisk')}</dt>
          <dd>{data.totals.atRisk}</dd>
        </div>
        <div>
          <dt>{t('views.totals.late')}</dt>
          <dd>{data.totals.lateReports}</dd>
        </div>
        <div>
          <dt>{t('views.totals.aboveTolerance')}</dt>
          <dd>{data.totals.risksAboveTolerance}</dd>
        </div>
      </dl>
      <ScrollRegion label={t('views.heat.all', { year: data.year })}>
        <HeatMapTable
          map={data.heatMap}
          count="residual"
          caption={t('views.heat.all', { year: data.year })}
        />
      </ScrollRegion>
      <Paragraph data-size="sm">{t('views.heat.all.about')}</Paragraph>
    </Section>
  );
}

function AgencyViews({
  a,
  year,
  onToleranceSaved,
}: {
  a: ReportViewsAgency;
  year: number;
  onToleranceSaved: () => void;
}) {
  const id = `views-${a.agencyId}`;
  return (
    <section aria-labelledby={id} className="stack views-agency">
      <Heading level={2} data-size="md" id={id}>
        {a.agencyName}
      </Heading>
      {a.latest ? (
        <Paragraph data-size="sm">
          {t('views.latest')}{' '}
          <AppLink href={paths.report(a.latest.reportId)}>{a.latest.title}</AppLink>{' '}
          <ReportStatusTag status={a.latest.status} />
        </Paragraph>
      ) : (
        <Paragraph data-size="sm">{t('views.noLatest', { year })}</Paragraph>
      )}
      <Assignments a={a} />
      <Risks a={a} onToleranceSaved={onToleranceSaved} />
      <Budget a={a} />
      <Steering a={a} />
      <LateReports a={a} />
    </section>
  );
}

function SubHeading({ id, children }: { id: string; children: string }) {
  return (
    <Heading level={3} data-size="sm" id={id}>
      {children}
    </Heading>
  );
}

function Assignments({ a }: { a: ReportViewsAgency }) {
  const id = `views-assignments-${a.agencyId}`;
  const caption = t('views.assignments.caption', { agency: a.agencyName });
  return (
    <section aria-labelledby={id} className="stack">
      <SubHeading id={id}>{t('views.assignments')}</SubHeading>
      {a.assignments.length === 0 ? (
        <Paragraph>{t('views.assignments.none')}</Paragraph>
      ) : (
        <>
          <Paragraph data-size="sm">
            {t('views.assignments.counts', {
              offTrack: a.counts.offTrack,
              atRisk: a.counts.atRisk,
            })}
          </Paragraph>
          <ScrollRegion label={caption}>
            <Table data-size="sm">
              <caption className="visually-hidden">{caption}</caption>
              <TableHead>
                <TableRow>
                  <TableHeaderCell>{t('views.assignments.id')}</TableHeaderCell>
                  <TableHeaderCell>{t('views.assignments.title')}</TableHeaderCell>
                  <TableHeaderCell>{t('views.assignments.progress')}</TableHeaderCell>
                  <TableHeaderCell>{t('views.assignments.reason')}</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {a.assignments.map((x) => (
                  <TableRow key={x.assignmentId}>
                    <TableCell className="nowrap">
                      <AppLink href={paths.assignment(x.assignmentId)}>{x.registerId}</AppLink>
                    </TableCell>
                    <TableCell>{x.title}</TableCell>
                    <TableCell>
                      <ProgressTag progress={x.progress} />
                    </TableCell>
                    <TableCell>{x.progressReason ?? ''}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </ScrollRegion>
        </>
      )}
    </section>
  );
}

function Risks({ a, onToleranceSaved }: { a: ReportViewsAgency; onToleranceSaved: () => void }) {
  const id = `views-risks-${a.agencyId}`;
  const above = a.risks.filter((r) => r.aboveTolerance);
  const tol = a.tolerance;
  return (
    <section aria-labelledby={id} className="stack">
      <SubHeading id={id}>{t('views.risks')}</SubHeading>
      <Paragraph>
        {tol.agreed
          ? t('views.tolerance.agreed', { score: tol.score })
          : t('views.tolerance.default', { score: tol.score })}
        {tol.agreed &&
          tol.setAt &&
          ` ${t('views.tolerance.setAt', { at: formatDateTime(tol.setAt) })}`}
      </Paragraph>
      {tol.comment && <Paragraph data-size="sm">{tol.comment}</Paragraph>}
      {a.abilities.setTolerance && (
        <ToleranceForm key={`${tol.score}:${tol.setAt ?? ''}`} a={a} onSaved={onToleranceSaved} />
      )}
      {!a.latest ? (
        <Paragraph>{t('views.risks.noReport')}</Paragraph>
      ) : (
        <>
          <div className="heat-maps">
            <ScrollRegion label={t('views.heat.residual', { agency: a.agencyName })}>
              <HeatMapTable
                map={a.heatMap}
                count="residual"
                caption={t('views.heat.residual', { agency: a.agencyName })}
              />
            </ScrollRegion>
            <ScrollRegion label={t('views.heat.inherent', { agency: a.agencyName })}>
              <HeatMapTable
                map={a.heatMap}
                count="inherent"
                caption={t('views.heat.inherent', { agency: a.agencyName })}
              />
            </ScrollRegion>
          </div>
          <Paragraph data-size="sm">{t('views.heat.about', { score: tol.score })}</Paragraph>
          <Heading level={4} data-size="xs">
            {t('views.risks.above', { n: above.length })}
          </Heading>
          {above.length === 0 ? (
            <Paragraph>{t('views.risks.aboveNone')}</Paragraph>
          ) : (
            <ul className="risks-above">
              {above.map((r, i) => (
                <li key={i}>
                  <strong>
                    {t('views.risks.score', {
                      score: r.residualScore,
                      likelihood: r.residualLikelihood,
                      consequence: r.residualConsequence,
                    })}
                  </strong>{' '}
                  {r.description} <span className="muted">({r.goal})</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/** The ministry's officers set the tolerance (the server says who may: `setTolerance`). */
function ToleranceForm({ a, onSaved }: { a: ReportViewsAgency; onSaved: () => void }) {
  const [score, setScore] = useState(String(a.tolerance.score));
  const [comment, setComment] = useState(a.tolerance.comment);
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Set by someone else since this page read it: what it is now (nothing was saved). */
  const [stale, setStale] = useState<RiskTolerance | null>(null);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const n = Number(score.trim());
    if (!Number.isInteger(n) || n < 1 || n > 25) return setInvalid(true);
    setInvalid(false);
    setBusy(true);
    setError(null);
    setStale(null);
    try {
      const out = await setRiskTolerance({
        agencyId: a.agencyId,
        year: a.tolerance.year,
        score: n,
        comment: comment.trim(),
        // The tolerance this page read: the server refuses when it has been set since.
        expectedUpdatedAt: a.tolerance.setAt,
      });
      if (out.kind === 'stale') {
        setStale(out.current);
        setBusy(false);
        return;
      }
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <form
      className="stack tolerance-form no-print"
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-label={t('views.tolerance.form', { agency: a.agencyName })}
    >
      <Textfield
        label={t('views.tolerance.score')}
        description={t('views.tolerance.score.about')}
        inputMode="numeric"
        maxLength={2}
        value={score}
        error={invalid ? t('views.tolerance.score.invalid') : undefined}
        onChange={(e) => setScore(e.target.value)}
      />
      <Textfield
        label={t('views.tolerance.comment')}
        maxLength={2000}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      <div>
        <Button type="submit" loading={busy} disabled={busy}>
          {t('views.tolerance.save')}
        </Button>
      </div>
      {error && (
        <Alert data-color="danger" role="alert">
          {error}
        </Alert>
      )}
      {stale && (
        <Alert data-color="warning" role="alert" className="stack">
          <Paragraph>{t('views.tolerance.stale', { score: stale.score })}</Paragraph>
          <div>
            <Button variant="secondary" type="button" onClick={onSaved}>
              {t('views.tolerance.reload')}
            </Button>
          </div>
        </Alert>
      )}
    </form>
  );
}

const postLabel = (p: ViewPost) => `${p.chapter}.${postNumber(p.post)}`;

function Budget({ a }: { a: ReportViewsAgency }) {
  const id = `views-budget-${a.agencyId}`;
  const caption = t('views.budget.caption', { agency: a.agencyName });
  const over = a.budget.filter((p) => p.deviation !== null && p.deviation !== 0).length;
  return (
    <section aria-labelledby={id} className="stack">
      <SubHeading id={id}>{t('views.budget')}</SubHeading>
      {a.budget.length === 0 ? (
        <Paragraph>{t('views.budget.none')}</Paragraph>
      ) : (
        <ChartFigure
          title={caption}
          summary={t('views.budget.summary', { posts: a.budget.length, deviating: over })}
          table={
            <ScrollRegion label={caption}>
              <Table data-size="sm">
                <caption className="visually-hidden">{caption}</caption>
                <TableHead>
                  <TableRow>
                    <TableHeaderCell>{t('views.budget.post')}</TableHeaderCell>
                    <TableHeaderCell className="num">
                      {t('views.budget.appropriation')}
                    </TableHeaderCell>
                    <TableHeaderCell className="num">{t('views.budget.forecast')}</TableHeaderCell>
                    <TableHeaderCell className="num">{t('views.budget.deviation')}</TableHeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {a.budget.map((p) => (
                    <TableRow key={postLabel(p)}>
                      <TableHeaderCell scope="row">
                        {t('views.budget.postName', {
                          chapter: p.chapter,
                          post: postNumber(p.post),
                          name: p.postName,
                        })}
                      </TableHeaderCell>
                      <TableCell className="num">{formatNumber(p.appropriation)}</TableCell>
                      <TableCell className="num">{amount(p.forecast)}</TableCell>
                      <TableCell className="num">{amount(p.deviation)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </ScrollRegion>
          }
        >
          <BudgetBars
            rows={a.budget.map((p) => ({
              label: postLabel(p),
              appropriation: p.appropriation,
              forecast: p.forecast,
            }))}
          />
        </ChartFigure>
      )}
    </section>
  );
}

const COMPARATORS: Record<TargetComparator, MessageKey> = {
  'at-least': 'views.target.at-least',
  'at-most': 'views.target.at-most',
  below: 'views.target.below',
  above: 'views.target.above',
  exactly: 'views.target.exactly',
  'increase-to': 'views.target.increase-to',
  'reduce-to': 'views.target.reduce-to',
};
/** A count has no unit word ("økes til 1 200"). */
const UNITS: Record<Exclude<TargetUnit, 'count'>, MessageKey> = {
  percent: 'views.unit.percent',
  'percentage-points': 'views.unit.percentage-points',
  days: 'views.unit.days',
  weeks: 'views.unit.weeks',
  months: 'views.unit.months',
  hours: 'views.unit.hours',
  nok: 'views.unit.nok',
};
/** Money targets in the scale the letter wrote them in ("2,5 mill. kroner"). */
const NOK_SCALES: Partial<Record<number, MessageKey>> = {
  1_000: 'views.unit.thousandNok',
  1_000_000: 'views.unit.millionNok',
  1_000_000_000: 'views.unit.billionNok',
};
const OUTCOMES: Record<TargetOutcome, { key: MessageKey; color: string }> = {
  met: { key: 'views.outcome.met', color: 'success' },
  'not-met': { key: 'views.outcome.not-met', color: 'danger' },
  'not-yet': { key: 'views.outcome.not-yet', color: 'warning' },
  unknown: { key: 'views.outcome.unknown', color: 'neutral' },
};

/** "minst 80 prosent (innen 2027)", from the target as the server read it. */
function targetText(target: SteeringTarget): string {
  const unit =
    target.unit === 'nok'
      ? t(NOK_SCALES[target.scale] ?? 'views.unit.nok')
      : target.unit && target.unit !== 'count'
        ? t(UNITS[target.unit])
        : '';
  const text = t(COMPARATORS[target.comparator], {
    figure: formatNumber(target.figure),
    unit,
  }).trim();
  return target.year === null ? text : t('views.target.year', { text, year: target.year });
}

function OutcomeTag({ outcome }: { outcome: TargetOutcome }) {
  const o = OUTCOMES[outcome];
  return (
    <Tag data-color={o.color} data-size="sm">
      {t(o.key)}
    </Tag>
  );
}

function Steering({ a }: { a: ReportViewsAgency }) {
  const id = `views-steering-${a.agencyId}`;
  return (
    <section aria-labelledby={id} className="stack">
      <SubHeading id={id}>{t('views.steering')}</SubHeading>
      <Paragraph data-size="sm">{t('views.steering.about')}</Paragraph>
      {a.steering.length === 0 ? (
        <Paragraph>{t('views.steering.none')}</Paragraph>
      ) : (
        a.steering.map((s) => <Trend key={s.key} trend={s} agency={a.agencyName} />)
      )}
    </section>
  );
}

function Trend({ trend, agency }: { trend: SteeringTrend; agency: string }) {
  const caption = t('views.steering.caption', { text: trend.text, agency });
  const last = trend.points.at(-1);
  const numbers = trend.points.filter((p) => p.numeric !== null).length;
  const table = (
    <ScrollRegion label={caption}>
      <Table data-size="sm">
        <caption className="visually-hidden">{caption}</caption>
        <TableHead>
          <TableRow>
            <TableHeaderCell>{t('views.steering.report')}</TableHeaderCell>
            <TableHeaderCell>{t('views.steering.due')}</TableHeaderCell>
            <TableHeaderCell className="num">{t('views.steering.value')}</TableHeaderCell>
            <TableHeaderCell>{t('views.steering.target')}</TableHeaderCell>
            <TableHeaderCell>{t('views.steering.outcome')}</TableHeaderCell>
            <TableHeaderCell>{t('views.steering.comment')}</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {trend.points.map((p) => (
            <TableRow key={p.reportId}>
              <TableCell>
                <AppLink href={paths.report(p.reportId)}>{p.reportTitle}</AppLink>
              </TableCell>
              <TableCell className="nowrap">
                {p.dueDate ? formatDate(p.dueDate) : String(p.year)}
              </TableCell>
              <TableCell className="num">
                {p.value === null
                  ? '–'
                  : `${typeof p.value === 'number' ? formatNumber(p.value) : p.value}${p.unit ? ` ${p.unit}` : ''}`}
              </TableCell>
              <TableCell>
                {p.target ? targetText(p.target) : t('views.steering.noTarget')}
              </TableCell>
              <TableCell>
                <OutcomeTag outcome={p.outcome} />
              </TableCell>
              <TableCell>{p.comment}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollRegion>
  );
  return (
    <div className="stack views-trend">
      <Heading level={4} data-size="xs">
        {trend.text}
      </Heading>
      <Paragraph data-size="sm">
        {trend.target
          ? t('views.steering.targetIs', { target: targetText(trend.target) })
          : t('views.steering.noTarget')}
        {trend.goal && ` · ${trend.goal}`}
      </Paragraph>
      {trend.points.length === 0 ? (
        <Paragraph data-size="sm">{t('views.steering.noValues')}</Paragraph>
      ) : numbers === 0 ? (
        table
      ) : (
        <ChartFigure
          title={caption}
          summary={t('views.steering.summary', {
            n: trend.points.length,
            last: last?.value === null || last?.value === undefined ? '–' : String(last.value),
            outcome: last ? t(OUTCOMES[last.outcome].key) : '',
          })}
          table={table}
        >
          <TrendLine
            points={trend.points.map((p) => ({
              label: p.dueDate ? formatDate(p.dueDate) : String(p.year),
              value: p.numeric,
            }))}
            target={trend.target?.figure ?? null}
            targetLabel={t('views.steering.targetLine')}
          />
        </ChartFigure>
      )}
    </div>
  );
}

function LateReports({ a }: { a: ReportViewsAgency }) {
  const id = `views-late-${a.agencyId}`;
  return (
    <section aria-labelledby={id} className="stack">
      <SubHeading id={id}>{t('views.late', { n: a.counts.lateReports })}</SubHeading>
      {a.lateReports.length === 0 ? (
        <Paragraph>{t('views.late.none')}</Paragraph>
      ) : (
        <ul>
          {a.lateReports.map((r) => (
            <li key={r.reportId}>
              <AppLink href={paths.report(r.reportId)}>{r.title}</AppLink>{' '}
              {r.daysLate === 1
                ? t('views.late.itemOne', { due: formatDate(r.dueDate) })
                : t('views.late.item', { due: formatDate(r.dueDate), days: r.daysLate })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
