import type { FormEvent } from 'react';
import { Button, Card, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import type { SearchResult } from '../../contract/api';
import { search } from '../api';
import {
  AppLink,
  ErrorState,
  Headline,
  Loading,
  PageHeading,
  StatusTag,
  documentKindLabel,
} from '../components/ui';
import { formatDate, formatNumber } from '../format';
import { useAsync } from '../hooks';
import { t } from '../locales/nb';
import { navigate, paths, useLocation } from '../router';

function Results({ data, q }: { data: SearchResult; q: string }) {
  return (
    <div className="stack-lg">
      <Paragraph role="status">
        {t('search.summary', {
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
    </div>
  );
}

export default function SearchPage() {
  const { search: query } = useLocation();
  const q = (new URLSearchParams(query).get('q') ?? '').trim().slice(0, 200);
  const state = useAsync(`search:${q}`, (signal) =>
    q ? search(q, signal) : Promise.resolve(null),
  );
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('q') ?? '').trim();
    navigate(paths.search(value));
  };
  return (
    <>
      <PageHeading
        title={t('search.title')}
        documentTitle={q ? t('search.pageTitleQuery', { q }) : t('search.title')}
      />
      <div className="stack-lg">
        <form role="search" onSubmit={onSubmit} className="search-form" key={q}>
          <Textfield
            label={t('search.label')}
            description={t('search.description')}
            name="q"
            type="search"
            defaultValue={q}
            maxLength={200}
          />
          <Button type="submit">{t('search.submit')}</Button>
        </form>
        {!q && <Paragraph>{t('search.prompt')}</Paragraph>}
        {q && state.status === 'loading' && <Loading rows={6} />}
        {q && state.status === 'error' && <ErrorState error={state.error} retry={state.retry} />}
        {q && state.status === 'ok' && state.data && <Results data={state.data} q={q} />}
      </div>
    </>
  );
}
