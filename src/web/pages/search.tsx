import { useState, type FormEvent } from 'react';
import {
  Button,
  Card,
  Field,
  Heading,
  Label,
  Paragraph,
  Select,
  SelectOptgroup,
  SelectOption,
  Textfield,
} from '@digdir/designsystemet-react';
import type { SearchResult } from '../../contract/api';
import { getFacets, isId, listAllOrganisations, queryString, search } from '../api';
import {
  AppLink,
  ErrorState,
  Headline,
  Loading,
  PageHeading,
  StatusTag,
  documentKindLabel,
  errorMessage,
} from '../components/ui';
import { formatDate, formatNumber } from '../format';
import { useAsync } from '../hooks';
import { t, tOr } from '../locales/nb';
import { navigate, paths, useLocation } from '../router';
import { ASSIGNMENT_STATUSES, DOCUMENT_STATUSES } from '../../contract/enums';
import { DocumentKind } from '../../contract/enums';

// The contract's enums: the client keeps no list of its own.
const KINDS = DocumentKind.options;
const STATUSES: readonly string[] = [...DOCUMENT_STATUSES, ...ASSIGNMENT_STATUSES];

interface Filters {
  q: string;
  year: string;
  agency: string;
  kind: string;
  status: string;
}

/** The query and filters from the address; values the server would refuse are dropped. */
function readFilters(search: string): Filters {
  const params = new URLSearchParams(search);
  const year = params.get('year') ?? '';
  const agency = params.get('agency') ?? '';
  const kind = params.get('kind') ?? '';
  const status = params.get('status') ?? '';
  return {
    q: (params.get('q') ?? '').trim().slice(0, 200),
    year: /^\d{4}$/.test(year) ? year : '',
    agency: isId(agency) ? agency : '',
    kind: (KINDS as readonly string[]).includes(kind) ? kind : '',
    status: STATUSES.includes(status) ? status : '',
  };
}

function searchUrl(f: Filters): string {
  return `${paths.search()}${queryString({ ...f })}`;
}

/** The years (every one of the documents the user can see) and the agencies to offer. */
async function loadFacets(signal: AbortSignal) {
  const [facets, agencies] = await Promise.all([
    getFacets(signal),
    listAllOrganisations({ kind: 'agency' }, signal),
  ]);
  return {
    years: facets.years.map(String),
    agencies: agencies.items
      .map((o): [string, string] => [o.id, o.name])
      .sort((a, b) => a[1].localeCompare(b[1], 'nb')),
  };
}

/**
 * The hits: the first page, and more of both lists by «Vis flere treff» (the next page by the
 * answer's cursor, added below what is shown; the button keeps focus, the count is announced).
 */
function Results({ first, filters }: { first: SearchResult; filters: Filters }) {
  const { q } = filters;
  const [data, setData] = useState(first);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const more = async () => {
    if (!data.nextCursor) return;
    setBusy(true);
    setFailed(null);
    try {
      const next = await search({ ...filters, cursor: data.nextCursor });
      setData((shown) => ({
        documents: [...shown.documents, ...next.documents],
        assignments: [...shown.assignments, ...next.assignments],
        nextCursor: next.nextCursor,
      }));
    } catch (error) {
      setFailed(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="stack-lg">
      <Paragraph role="status">
        {t(data.nextCursor ? 'search.summaryMore' : 'search.summary', {
          documents: formatNumber(data.documents.length),
          assignments: formatNumber(data.assignments.length),
          q,
        })}
      </Paragraph>
      <section aria-labelledby="treff-oppdrag" className="stack">
        <Heading level={2} data-size="sm" id="treff-oppdrag">
          {t('search.assignments', { count: formatNumber(data.assignments.length) })}
        </Heading>
        {data.assignments.length === 0 ? (
          <Paragraph>{t('search.noAssignments')}</Paragraph>
        ) : (
          <ul className="result-list">
            {data.assignments.map((a) => (
              <li key={a.id}>
                <Card>
                  <Heading level={3} data-size="2xs">
                    <AppLink href={paths.assignment(a.id)}>
                      {a.registerId}: {a.title}
                    </AppLink>
                  </Heading>
                  <Paragraph data-size="sm">
                    <Headline text={a.headline} />
                  </Paragraph>
                  <div className="row">
                    <StatusTag status={a.status} />
                    {a.nextDeadline && <span>{formatDate(a.nextDeadline)}</span>}
                    <span className="muted">{a.documentTitle}</span>
                  </div>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="treff-dokumenter" className="stack">
        <Heading level={2} data-size="sm" id="treff-dokumenter">
          {t('search.documents', { count: formatNumber(data.documents.length) })}
        </Heading>
        {data.documents.length === 0 ? (
          <Paragraph>{t('search.noDocuments')}</Paragraph>
        ) : (
          <ul className="result-list">
            {data.documents.map((d) => (
              <li key={d.id}>
                <Card>
                  <Heading level={3} data-size="2xs">
                    <AppLink href={paths.document(d.id)}>{d.title}</AppLink>
                  </Heading>
                  <Paragraph data-size="sm">
                    <Headline text={d.headline} />
                  </Paragraph>
                  <div className="row muted">
                    <span>{documentKindLabel(d)}</span>
                    <span>{d.year}</span>
                    {d.agency && <span>{d.agency}</span>}
                  </div>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>
      {data.nextCursor && (
        <div className="stack">
          <Button
            type="button"
            variant="secondary"
            loading={busy}
            aria-disabled={busy || undefined}
            onClick={() => void (busy ? undefined : more())}
          >
            {t('search.more')}
          </Button>
          {failed && (
            <Paragraph role="alert" data-color="danger">
              {failed}
            </Paragraph>
          )}
        </div>
      )}
    </div>
  );
}

function SearchForm({ filters }: { filters: Filters }) {
  const facets = useAsync('search:facets', loadFacets);
  const years = facets.status === 'ok' ? facets.data.years : [];
  const agencies = facets.status === 'ok' ? facets.data.agencies : [];
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    navigate(
      searchUrl({
        q: value('q'),
        year: value('year'),
        agency: value('agency'),
        kind: value('kind'),
        status: value('status'),
      }),
    );
  };
  const withCurrent = (options: string[], current: string) =>
    current && !options.includes(current) ? [current, ...options] : options;
  return (
    <form role="search" onSubmit={onSubmit} className="stack" key={searchUrl(filters)}>
      <div className="search-form">
        <Textfield
          label={t('search.label')}
          description={t('search.description')}
          name="q"
          type="search"
          defaultValue={filters.q}
          maxLength={200}
        />
        <Button type="submit">{t('search.submit')}</Button>
      </div>
      <fieldset className="filters">
        <legend>{t('search.filters')}</legend>
        <Field>
          <Label>{t('search.year')}</Label>
          <Select name="year" defaultValue={filters.year}>
            <SelectOption value="">{t('common.all')}</SelectOption>
            {withCurrent(years, filters.year).map((y) => (
              <SelectOption key={y} value={y}>
                {y}
              </SelectOption>
            ))}
          </Select>
        </Field>
        <Field>
          <Label>{t('search.agency')}</Label>
          <Select name="agency" defaultValue={filters.agency}>
            <SelectOption value="">{t('common.all')}</SelectOption>
            {filters.agency && !agencies.some(([id]) => id === filters.agency) && (
              <SelectOption value={filters.agency}>{filters.agency}</SelectOption>
            )}
            {agencies.map(([id, name]) => (
              <SelectOption key={id} value={id}>
                {name}
              </SelectOption>
            ))}
          </Select>
        </Field>
        <Field>
          <Label>{t('search.kind')}</Label>
          <Select name="kind" defaultValue={filters.kind}>
            <SelectOption value="">{t('common.all')}</SelectOption>
            {KINDS.map((k) => (
              <SelectOption key={k} value={k}>
                {t(`kind.${k}`)}
              </SelectOption>
            ))}
          </Select>
        </Field>
        <Field>
          <Label>{t('search.status')}</Label>
          <Select name="status" defaultValue={filters.status}>
            <SelectOption value="">{t('common.all')}</SelectOption>
            <SelectOptgroup label={t('search.status.documents')}>
              {DOCUMENT_STATUSES.map((s) => (
                <SelectOption key={s} value={s}>
                  {t(`docStatus.${s}`)}
                </SelectOption>
              ))}
            </SelectOptgroup>
            <SelectOptgroup label={t('search.status.assignments')}>
              {ASSIGNMENT_STATUSES.map((s) => (
                <SelectOption key={s} value={s}>
                  {tOr(`status.${s}`, s)}
                </SelectOption>
              ))}
            </SelectOptgroup>
          </Select>
        </Field>
        {(filters.year || filters.agency || filters.kind || filters.status) && (
          <div className="filters-actions">
            <AppLink href={paths.search(filters.q)}>{t('search.reset')}</AppLink>
          </div>
        )}
      </fieldset>
    </form>
  );
}

export default function SearchPage() {
  const { search: query } = useLocation();
  const filters = readFilters(query);
  const { q } = filters;
  const state = useAsync(`search:${searchUrl(filters)}`, (signal) =>
    q
      ? search(
          {
            q,
            year: filters.year,
            agency: filters.agency,
            kind: filters.kind,
            status: filters.status,
          },
          signal,
        )
      : Promise.resolve(null),
  );
  return (
    <>
      <PageHeading
        title={t('search.title')}
        documentTitle={q ? t('search.pageTitleQuery', { q }) : t('search.title')}
      />
      <div className="stack-lg">
        <SearchForm filters={filters} />
        {!q && <Paragraph>{t('search.prompt')}</Paragraph>}
        {q && state.status === 'loading' && <Loading rows={6} />}
        {q && state.status === 'error' && <ErrorState error={state.error} retry={state.retry} />}
        {q && state.status === 'ok' && state.data && (
          <Results key={searchUrl(filters)} first={state.data} filters={filters} />
        )}
      </div>
    </>
  );
}
