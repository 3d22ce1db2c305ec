import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Card,
  Field,
  FieldDescription,
  Label,
  Link,
  Paragraph,
  Select,
  SelectOption,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
  Tag,
  Textarea,
} from '@digdir/designsystemet-react';
import type { DocumentSummary, Organisation } from '../../contract/api';
import type {
  Checks,
  Finding,
  FindingReview,
  FindingReviewState,
  Ledger,
  Overview,
} from '../../contract/ledger';
import { groupEarmarks } from '../../domain/ledger';
import {
  ApiError,
  archiveExtractUrl,
  findAgencyByName,
  getChecks,
  getLedger,
  getOrganisation,
  getOverview,
  isId,
  listAllDocuments,
  overviewUrl,
  reviewFinding,
} from '../api';
import {
  AppLink,
  ErrorState,
  errorMessage,
  lineSpan,
  Loading,
  PageHeading,
  Section,
} from '../components/ui';
import { formatDate, formatDateTime, formatNumber } from '../format';
import { useAsync, useFocusAfterRender } from '../hooks';
import { t, tOr } from '../locales/nb';
import { navigate, paths, useSearchParams } from '../router';
import { LOCALES, renderMessage, type LocaleCode } from '../../locales/render';
import { language } from '../locales/language';

/** The findings' sentences in the client's language, when the server's texts have it. */
const findingsLanguage = (): LocaleCode => {
  const code = language();
  return code in LOCALES ? (code as LocaleCode) : 'nb';
};

type LedgerPost = Ledger['expenses'][number];
type LedgerDocument = Ledger['documents'][number];

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `Tildelingsbrev` or `Tillegg nr. 3`. */
function docLabel(d: { kind: 'allocation-letter' | 'supplement'; number: number | null }): string {
  return d.kind === 'supplement' && d.number !== null
    ? t('kind.supplementNumber', { number: d.number })
    : t(`kind.${d.kind}`);
}

/** An agency to choose: its organisation id and its name. */
type AgencyChoice = [id: string, name: string];

/** The agencies and years that have documents, from the document list. */
function agencyYears(docs: DocumentSummary[]): Map<number, AgencyChoice[]> {
  const years = new Map<number, Map<string, string>>();
  for (const d of docs) {
    if (!d.agency || !d.agencyId) continue;
    const agencies = years.get(d.year) ?? new Map<string, string>();
    agencies.set(d.agencyId, d.agency);
    years.set(d.year, agencies);
  }
  return new Map(
    [...years.entries()]
      .sort(([a], [b]) => b - a)
      .map(([y, agencies]) => [y, [...agencies].sort((a, b) => a[1].localeCompare(b[1], 'nb'))]),
  );
}

function Chooser({
  years,
  year,
  agencyId,
}: {
  years: Map<number, AgencyChoice[]>;
  year: number | null;
  agencyId: string;
}) {
  const [chosenYear, setChosenYear] = useState<string>(year === null ? '' : String(year));
  const agencies = years.get(Number(chosenYear)) ?? [];
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const y = Number(data.get('aar'));
    const a = String(data.get('virksomhet') ?? '');
    if (!y || !a) return;
    navigate(paths.ledger({ year: y, agencyId: a }));
  };
  return (
    <form onSubmit={onSubmit} aria-label={t('ledger.choose')}>
      <fieldset className="filters filters-two">
        <legend className="visually-hidden">{t('ledger.choose')}</legend>
        <Field>
          <Label>{t('ledger.year')}</Label>
          <Select
            name="aar"
            value={chosenYear}
            onChange={(e) => setChosenYear(e.currentTarget.value)}
          >
            <SelectOption value="" disabled>
              {t('ledger.chooseYear')}
            </SelectOption>
            {[...years.keys()].map((y) => (
              <SelectOption key={y} value={String(y)}>
                {y}
              </SelectOption>
            ))}
          </Select>
        </Field>
        <Field>
          <Label>{t('ledger.agency')}</Label>
          <Select
            name="virksomhet"
            key={chosenYear}
            defaultValue={
              agencies.some(([id]) => id === agencyId) ? agencyId : (agencies[0]?.[0] ?? '')
            }
          >
            {agencies.map(([id, name]) => (
              <SelectOption key={id} value={id}>
                {name}
              </SelectOption>
            ))}
          </Select>
        </Field>
        <div className="filters-actions">
          <Button type="submit">{t('ledger.show')}</Button>
        </div>
      </fieldset>
    </form>
  );
}

function changeLabel(doc: LedgerDocument | undefined, kind: string): string {
  const which = doc ? docLabel(doc) : t('common.unknown');
  return kind === 'allocation' ? which : `${which} – ${tOr(`changeKind.${kind}`, kind)}`;
}

/** Whether any post of the ledger has last year's figure (the letter's table printed one). */
function hasPreviousYear(ledger: Ledger): boolean {
  return [...ledger.expenses, ...ledger.income].some(
    (p) => p.previousYearAmount !== null || p.entries.some((e) => e.previousYearAmount !== null),
  );
}

/**
 * One post: its heading, one row per document (the letter's amount or the supplement's
 * change, and the running total), its earmarks as indented "hvorav" rows with the amount in
 * a column of their own (a share of the post, never a change to it; a sentence naming two
 * amounts is one row), and the post's sum.
 */
function PostGroup({
  post,
  ledger,
  previous,
}: {
  post: LedgerPost;
  ledger: Ledger;
  previous: boolean;
}) {
  const heading = `${t('ledger.postHeading', {
    chapter: post.chapter,
    post: pad2(post.post),
  })} ${post.postName}`;
  const columns = previous ? 5 : 4;
  return (
    <TableBody className="ledger-post">
      <TableRow className="ledger-post-head">
        <TableHeaderCell scope="colgroup" colSpan={columns}>
          <span>{heading}</span>
          {post.notes.length > 0 && <span className="muted"> ({post.notes.join(', ')})</span>}
          {post.chapterName && <div className="muted ledger-chapter">{post.chapterName}</div>}
        </TableHeaderCell>
      </TableRow>
      {post.entries.map((e, i) => {
        const doc = ledger.documents[e.document];
        return (
          <TableRow key={`e-${i}`} className="ledger-entry">
            <TableCell>
              {doc?.id ? (
                <AppLink href={paths.document(doc.id, e.rows[0]?.provenance)}>
                  {changeLabel(doc, e.kind)}
                </AppLink>
              ) : (
                changeLabel(doc, e.kind)
              )}
            </TableCell>
            {previous && (
              <TableCell className="num">
                {e.previousYearAmount === null ? '' : formatNumber(e.previousYearAmount)}
              </TableCell>
            )}
            <TableCell className="num">
              {e.kind !== 'allocation' && e.amount > 0 ? '+' : ''}
              {formatNumber(e.amount)}
            </TableCell>
            <TableCell />
            <TableCell className="num">{formatNumber(e.runningTotal)}</TableCell>
          </TableRow>
        );
      })}
      {groupEarmarks(post.earmarks).map((g, i) => {
        const doc = ledger.documents[g.document];
        return (
          <TableRow key={`m-${i}`} className="ledger-earmark">
            <TableCell>
              <div className="clamp">
                <span className="ledger-earmark-label">{t('ledger.earmark')}</span> {g.text}
              </div>
              {doc?.id && (
                <AppLink
                  className="ledger-earmark-source"
                  href={paths.document(doc.id, g.provenance)}
                  aria-label={t('ledger.earmark.source', {
                    lines: lineSpan(g.provenance),
                    title: doc.title,
                  })}
                >
                  {docLabel(doc)}, {lineSpan(g.provenance)}
                </AppLink>
              )}
            </TableCell>
            {previous && <TableCell />}
            <TableCell />
            <TableCell className="num">
              {g.earmarks.map((m, j) => (
                <div key={j}>{formatNumber(m.amount)}</div>
              ))}
            </TableCell>
            <TableCell />
          </TableRow>
        );
      })}
      <TableRow className="ledger-total">
        <TableHeaderCell scope="row">
          {t('ledger.postTotal', { chapter: post.chapter, post: pad2(post.post) })}
        </TableHeaderCell>
        {previous && (
          <TableCell className="num">
            {post.previousYearAmount === null ? '' : formatNumber(post.previousYearAmount)}
          </TableCell>
        )}
        <TableCell />
        <TableCell />
        <TableCell className="num">
          <strong>{formatNumber(post.total)}</strong>
        </TableCell>
      </TableRow>
    </TableBody>
  );
}

/**
 * A table scrolling sideways inside its own box on narrow screens, with a visible hint and
 * a shadow at the edge that has more; focusable so that keyboard users can scroll it too.
 */
function ScrollBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="ledger-scroll-wrap">
      <p className="ledger-scroll-hint muted" aria-hidden="true">
        {t('ledger.scrollHint')}
      </p>
      <div className="table-scroll ledger-scroll" role="region" aria-label={label} tabIndex={0}>
        {children}
      </div>
    </div>
  );
}

/**
 * The expense or income table. Both share one column layout (fixed widths in a colgroup), so
 * that their columns line up on the page.
 */
function PostTable({
  posts,
  ledger,
  caption,
}: {
  posts: LedgerPost[];
  ledger: Ledger;
  caption: string;
}) {
  const previous = hasPreviousYear(ledger);
  return (
    <ScrollBox label={caption}>
      <Table
        data-size="sm"
        border
        className={`ledger-table${previous ? ' ledger-table-previous' : ''}`}
      >
        <caption>{caption}</caption>
        <colgroup>
          <col className="ledger-col-label" />
          {previous && <col className="ledger-col-num" />}
          <col className="ledger-col-num" />
          <col className="ledger-col-num" />
          <col className="ledger-col-num" />
        </colgroup>
        <TableHead>
          <TableRow>
            <TableHeaderCell>{t('ledger.col.document')}</TableHeaderCell>
            {previous && (
              <TableHeaderCell className="num">{t('ledger.col.previous')}</TableHeaderCell>
            )}
            <TableHeaderCell className="num">{t('ledger.col.change')}</TableHeaderCell>
            <TableHeaderCell className="num">{t('ledger.col.earmark')}</TableHeaderCell>
            <TableHeaderCell className="num">{t('ledger.col.running')}</TableHeaderCell>
          </TableRow>
        </TableHead>
        {posts.map((p) => (
          <PostGroup key={`${p.chapter}-${p.post}`} post={p} ledger={ledger} previous={previous} />
        ))}
      </Table>
    </ScrollBox>
  );
}

function SeriesList({ ledger }: { ledger: Ledger }) {
  return (
    <ol className="series-list">
      {ledger.documents.map((d) => (
        <li key={d.index}>
          {d.id ? <AppLink href={paths.document(d.id)}>{d.title}</AppLink> : d.title}{' '}
          <span className="muted">
            (
            {[
              docLabel(d),
              d.date ? formatDate(d.date) : null,
              tOr(`changeKind.${d.changeKind}`, d.changeKind),
            ]
              .filter(Boolean)
              .join(', ')}
            )
          </span>
        </li>
      ))}
    </ol>
  );
}

function OverviewTables({ overview, documentId }: { overview: Overview; documentId: string }) {
  return (
    <div className="stack">
      <div className="row">
        <Link href={overviewUrl(documentId, 'xlsx')} download>
          {t('ledger.overview.xlsx')}
        </Link>
        <Link href={overviewUrl(documentId, 'csv')} download>
          {t('ledger.overview.csv')}
        </Link>
      </div>
      {overview.tables.map((table) => (
        // Two columns fit a phone: no sideways scrolling, so no hint.
        <div
          className="table-scroll"
          key={`${table.chapter}-${table.post}`}
          role="region"
          aria-label={table.heading}
          tabIndex={0}
        >
          <Table data-size="sm" zebra className="ledger-table ledger-overview-table">
            <caption>{table.heading}</caption>
            <colgroup>
              <col className="ledger-col-label" />
              <col className="ledger-col-num" />
            </colgroup>
            <TableHead>
              <TableRow>
                <TableHeaderCell>{t('ledger.overview.row')}</TableHeaderCell>
                <TableHeaderCell className="num">{t('ledger.overview.amount')}</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {table.rows.map((r, i) => (
                <TableRow key={i}>
                  <TableCell>{r.label}</TableCell>
                  <TableCell className="num">{formatNumber(r.amount)}</TableCell>
                </TableRow>
              ))}
              <TableRow className="ledger-total">
                <TableHeaderCell scope="row">{t('ledger.overview.total')}</TableHeaderCell>
                <TableCell className="num">
                  <strong>{formatNumber(table.total)}</strong>
                </TableCell>
              </TableRow>
            </TableBody>
          </Table>
        </div>
      ))}
      <Paragraph data-size="sm">
        {t('ledger.overview.totals', {
          expense: formatNumber(overview.totals.expense),
          income: formatNumber(overview.totals.income),
        })}
      </Paragraph>
    </div>
  );
}

function OverviewSection({ ledger, chosen }: { ledger: Ledger; chosen: string | null }) {
  const params = useSearchParams();
  const withIds = ledger.documents.filter((d): d is LedgerDocument & { id: string } => !!d.id);
  const current = withIds.find((d) => d.id === chosen) ?? withIds[withIds.length - 1];
  const state = useAsync(`overview:${current?.id ?? ''}`, (signal) =>
    current ? getOverview(current.id, signal) : Promise.resolve(null),
  );
  if (!current) return <Paragraph>{t('ledger.overview.none')}</Paragraph>;
  return (
    <div className="stack">
      <Field>
        <Label>{t('ledger.overview.upTo')}</Label>
        <Select
          value={current.id}
          onChange={(e) => {
            const next = new URLSearchParams(params);
            next.set('dokument', e.currentTarget.value);
            navigate(`/bevilgninger?${next.toString()}`, { replace: true });
          }}
        >
          {withIds.map((d) => (
            <SelectOption key={d.id} value={d.id}>
              {docLabel(d)}: {d.title}
            </SelectOption>
          ))}
        </Select>
      </Field>
      {state.status === 'loading' && <Loading rows={4} />}
      {state.status === 'error' && <ErrorState error={state.error} retry={state.retry} />}
      {state.status === 'ok' && state.data && (
        <OverviewTables overview={state.data} documentId={current.id} />
      )}
    </div>
  );
}

const countState = (checks: Checks, state: FindingReviewState) =>
  checks.findings.filter((f) => (f.review?.state ?? 'open') === state).length;

const STATE_COLOR: Record<FindingReviewState, 'warning' | 'info' | 'success'> = {
  open: 'warning',
  acknowledged: 'info',
  closed: 'success',
};

/** What may be done from each state (the server checks it again). */
const NEXT: Record<FindingReviewState, FindingReviewState[]> = {
  open: ['acknowledged', 'closed'],
  acknowledged: ['closed', 'open'],
  closed: ['open'],
};

type ReviewNotice =
  | { kind: 'saved'; state: FindingReviewState }
  | { kind: 'stale' }
  | { kind: 'error'; message: string };

/**
 * A finding's state (open, acknowledged, closed: who, when, comment) and, for those the server
 * lets review it, the buttons to change it: choosing one opens a comment field and a
 * confirmation; a comment is needed to acknowledge or close.
 */
function FindingReviewBox({ f, checks }: { f: Finding; checks: Checks }) {
  const [review, setReview] = useState<FindingReview | null>(f.review);
  const [to, setTo] = useState<FindingReviewState | null>(null);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<ReviewNotice | null>(null);
  const [formRef, focusForm] = useFocusAfterRender<HTMLTextAreaElement>();
  const [noticeRef, focusNotice] = useFocusAfterRender<HTMLDivElement>();
  const state = review?.state ?? 'open';
  const id = `funn-${f.key.replace(/[^a-z0-9-]/giu, '-')}`;

  const choose = (next: FindingReviewState) => {
    setTo(next);
    setNotice(null);
    setMissing(false);
    focusForm();
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!to) return;
    const text = comment.trim();
    if (to !== 'open' && text === '') {
      setMissing(true);
      formRef.current?.focus();
      return;
    }
    setBusy(true);
    let next: ReviewNotice;
    try {
      const out = await reviewFinding({
        agency: checks.agency,
        year: checks.year,
        key: f.key,
        to,
        expectedVersion: review?.version ?? 0,
        ...(text ? { comment: text } : {}),
      });
      if (out.kind === 'reviewed') {
        setReview(out.review);
        next = { kind: 'saved', state: out.review.state };
      } else {
        setReview(out.current);
        next = { kind: 'stale' };
      }
      setTo(null);
      setComment('');
    } catch (error) {
      next = { kind: 'error', message: errorMessage(error) };
    }
    setBusy(false);
    setNotice(next);
    focusNotice();
  };

  return (
    <div className="finding-review stack">
      <div className="row">
        <Tag data-color={STATE_COLOR[state]} data-size="sm">
          {t(`ledger.review.state.${state}`)}
        </Tag>
        {review && (
          <span className="muted">
            {t(`ledger.review.by.${review.state}`, {
              by: review.by,
              at: formatDateTime(review.at),
            })}
          </span>
        )}
      </div>
      {review?.comment && (
        <Paragraph data-size="sm" className="finding-review-comment">
          {t('ledger.review.comment', { comment: review.comment })}
        </Paragraph>
      )}
      {notice && (
        <div ref={noticeRef} tabIndex={-1}>
          <Alert
            data-color={
              notice.kind === 'saved' ? 'success' : notice.kind === 'stale' ? 'warning' : 'danger'
            }
            data-size="sm"
          >
            {notice.kind === 'saved'
              ? t(`ledger.review.saved.${notice.state}`)
              : notice.kind === 'stale'
                ? t('ledger.review.stale')
                : t('ledger.review.error', { message: notice.message })}
          </Alert>
        </div>
      )}
      {checks.abilities.review &&
        (to ? (
          <form
            className="stack confirm-box"
            aria-labelledby={`${id}-title`}
            onSubmit={(e) => void submit(e)}
          >
            <p className="ds-label" id={`${id}-title`}>
              {t(`ledger.review.confirm.${to}`)}
            </p>
            <Field>
              <Label>{t('ledger.review.commentLabel')}</Label>
              <FieldDescription>
                {t(to === 'open' ? 'ledger.review.optional' : 'ledger.review.required')}
              </FieldDescription>
              <Textarea
                ref={formRef}
                name="comment"
                rows={2}
                maxLength={2000}
                value={comment}
                aria-invalid={missing || undefined}
                aria-describedby={missing ? `${id}-missing` : undefined}
                onChange={(e) => {
                  setComment(e.target.value);
                  setMissing(false);
                }}
              />
            </Field>
            {missing && (
              <p id={`${id}-missing`} className="ds-validation-message" role="alert">
                {t('ledger.review.missing')}
              </p>
            )}
            <div className="row">
              <Button type="submit" data-size="sm" loading={busy} disabled={busy}>
                {t(`ledger.review.submit.${to}`)}
              </Button>
              <Button
                type="button"
                data-size="sm"
                variant="secondary"
                disabled={busy}
                onClick={() => setTo(null)}
              >
                {t('ledger.review.cancel')}
              </Button>
            </div>
          </form>
        ) : (
          <div className="row" role="group" aria-label={t('ledger.review.actions')}>
            {NEXT[state].map((next) => (
              <Button
                key={next}
                type="button"
                data-size="sm"
                variant={next === 'open' ? 'tertiary' : 'secondary'}
                onClick={() => choose(next)}
              >
                {t(`ledger.review.to.${next}`)}
              </Button>
            ))}
          </div>
        ))}
    </div>
  );
}

function FindingItem({ f, checks }: { f: Finding; checks: Checks }) {
  const doc = f.document;
  return (
    <li className="finding" data-finding-key={f.key}>
      <div className="row">
        <Tag data-color={f.severity === 'error' ? 'danger' : 'warning'} data-size="sm">
          {t(`severity.${f.severity}`)}
        </Tag>
        <strong>{renderMessage(f.message, findingsLanguage())}</strong>
      </div>
      <dl className="facts facts-compact">
        <dt>{t('ledger.findings.document')}</dt>
        <dd>
          {doc ? (
            <>
              {docLabel(doc)}: {doc.title}
              {doc.id && f.lines.length > 0 && (
                <span className="finding-lines">
                  {f.lines.map((l) => (
                    <AppLink
                      key={`${l.startLine}-${l.endLine}`}
                      href={paths.document(doc.id ?? '', l)}
                      aria-label={t('ledger.findings.open', {
                        lines: lineSpan(l),
                        title: doc.title,
                      })}
                    >
                      {lineSpan(l)}
                    </AppLink>
                  ))}
                </span>
              )}
            </>
          ) : (
            t('ledger.findings.series')
          )}
        </dd>
        {f.chapter !== null && (
          <>
            <dt>{t('ledger.findings.post')}</dt>
            <dd>
              {f.post === null
                ? t('assignment.funding.chapterOnly', { chapter: f.chapter })
                : t('assignment.funding.item', { chapter: f.chapter, post: pad2(f.post) })}
            </dd>
          </>
        )}
        {(f.printed !== null || f.printedAmount !== null) && (
          <>
            <dt>{t('ledger.findings.printed')}</dt>
            <dd>{f.printed ?? formatNumber(f.printedAmount ?? 0)}</dd>
          </>
        )}
        {(f.expected !== null || f.expectedAmount !== null) && (
          <>
            <dt>{t('ledger.findings.expected')}</dt>
            <dd>{f.expected ?? formatNumber(f.expectedAmount ?? 0)}</dd>
          </>
        )}
      </dl>
      <FindingReviewBox f={f} checks={checks} />
    </li>
  );
}

function Findings({ checks }: { checks: Checks }) {
  if (checks.findings.length === 0) return <Paragraph>{t('ledger.findings.none')}</Paragraph>;
  return (
    <>
      <Paragraph role="status">
        {checks.findings.length === 1
          ? t('ledger.findings.countOne')
          : t('ledger.findings.count', { count: formatNumber(checks.findings.length) })}{' '}
        {t('ledger.findings.states', {
          open: formatNumber(countState(checks, 'open')),
          acknowledged: formatNumber(countState(checks, 'acknowledged')),
          closed: formatNumber(countState(checks, 'closed')),
        })}
      </Paragraph>
      <ul className="finding-list">
        {checks.findings.map((f) => (
          <FindingItem key={f.key} f={f} checks={checks} />
        ))}
      </ul>
    </>
  );
}

function LedgerView({
  agencyId,
  year,
  chosen,
}: {
  agencyId: string;
  year: number;
  chosen: string | null;
}) {
  const state = useAsync(`ledger:${agencyId}:${year}`, (signal) =>
    Promise.all([getLedger(agencyId, year, signal), getChecks(agencyId, year, signal)]),
  );
  if (state.status === 'loading') return <Loading rows={8} />;
  if (state.status === 'error') return <ErrorState error={state.error} retry={state.retry} />;
  const [ledger, checks] = state.data;
  return (
    <div className="stack-lg">
      <Card variant="tinted" data-color="accent">
        <dl className="facts">
          <dt>{t('ledger.totalExpense')}</dt>
          <dd>
            <strong>
              {t('ledger.thousands', { amount: formatNumber(ledger.totals.expense) })}
            </strong>
          </dd>
          <dt>{t('ledger.totalIncome')}</dt>
          <dd>{t('ledger.thousands', { amount: formatNumber(ledger.totals.income) })}</dd>
          <dt>{t('ledger.findingsCount')}</dt>
          <dd>
            <a className="ds-link" href="#funn">
              {formatNumber(checks.findings.length)}
            </a>
          </dd>
        </dl>
      </Card>
      <Section id="serien" title={t('ledger.series')}>
        <SeriesList ledger={ledger} />
        {ledger.abilities.archiveExport && (
          <Paragraph className="no-print">
            <Link href={archiveExtractUrl(agencyId, year)} download>
              {t('ledger.archiveExtract')}
            </Link>
          </Paragraph>
        )}
      </Section>
      <Section id="utgifter" title={t('ledger.expenses')}>
        {ledger.expenses.length === 0 ? (
          <Paragraph>{t('ledger.empty')}</Paragraph>
        ) : (
          <PostTable
            posts={ledger.expenses}
            ledger={ledger}
            caption={t('ledger.expenses.caption')}
          />
        )}
      </Section>
      <Section id="inntekter" title={t('ledger.income')}>
        {ledger.income.length === 0 ? (
          <Paragraph>{t('ledger.income.empty')}</Paragraph>
        ) : (
          <PostTable posts={ledger.income} ledger={ledger} caption={t('ledger.income.caption')} />
        )}
      </Section>
      {ledger.unattachedEarmarks.length > 0 && (
        <Section id="oremerkinger" title={t('ledger.unattached')}>
          <ul>
            {ledger.unattachedEarmarks.map((m, i) => (
              <li key={i}>
                {m.text} ({t('ledger.thousands', { amount: formatNumber(m.amount) })})
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section id="oversikt" title={t('ledger.overview')}>
        <Paragraph>{t('ledger.overview.intro')}</Paragraph>
        <OverviewSection ledger={ledger} chosen={chosen} />
      </Section>
      <Section id="funn" title={t('ledger.findings')}>
        <Findings checks={checks} />
      </Section>
    </div>
  );
}

/**
 * The agency the page's `virksomhet` names: by id, or (links from before ids) by name, which
 * the page then replaces with the id. Null when there is none the user may see.
 */
async function resolveAgency(param: string, signal: AbortSignal): Promise<Organisation | null> {
  if (!param) return null;
  if (!isId(param)) return findAgencyByName(param, signal);
  try {
    return await getOrganisation(param, signal);
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'not-found') return null;
    throw error;
  }
}

export default function LedgerPage() {
  const params = useSearchParams();
  const yearParam = Number(params.get('aar'));
  const year = Number.isInteger(yearParam) && yearParam > 0 ? yearParam : null;
  const agencyParam = params.get('virksomhet') ?? '';
  const chosen = params.get('dokument');
  const docs = useAsync('documents', (signal) => listAllDocuments(signal));
  const agency = useAsync(`agency:${agencyParam}`, (signal) => resolveAgency(agencyParam, signal));
  const found = agency.status === 'ok' ? agency.data : null;
  const renamed = found !== null && found.id !== agencyParam;
  useEffect(() => {
    // A bookmark that named the agency: the same page, now by id (replacing the old entry).
    if (renamed && found) {
      navigate(
        paths.ledger({
          agencyId: found.id,
          year: year ?? undefined,
          document: chosen ?? undefined,
        }),
        { replace: true },
      );
    }
  }, [renamed, found, year, chosen]);
  const title =
    year !== null && found ? t('ledger.titleFor', { agency: found.name, year }) : t('ledger.title');
  return (
    <>
      <PageHeading title={title}>
        <Paragraph>{t('ledger.intro')}</Paragraph>
      </PageHeading>
      <div className="stack-lg">
        {docs.status === 'loading' && <Loading rows={2} />}
        {docs.status === 'error' && <ErrorState error={docs.error} retry={docs.retry} />}
        {docs.status === 'ok' && (
          <Chooser
            key={`${year ?? ''}:${found?.id ?? agencyParam}`}
            years={agencyYears(docs.data.items)}
            year={year ?? [...agencyYears(docs.data.items).keys()][0] ?? null}
            agencyId={found?.id ?? ''}
          />
        )}
        {year === null || !agencyParam ? (
          <Paragraph>{t('ledger.prompt')}</Paragraph>
        ) : agency.status === 'loading' || renamed ? (
          <Loading rows={6} />
        ) : agency.status === 'error' ? (
          <ErrorState error={agency.error} retry={agency.retry} />
        ) : found ? (
          <LedgerView agencyId={found.id} year={year} chosen={chosen} />
        ) : (
          <Paragraph>
            {isId(agencyParam)
              ? t('ledger.agencyIdUnknown')
              : t('ledger.agencyUnknown', { agency: agencyParam })}
          </Paragraph>
        )}
      </div>
    </>
  );
}
