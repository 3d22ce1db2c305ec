/**
 * Open data (`/apne-data`), for everyone, signed in or not: the issued letters' files per
 * year and agency with links (from GET /api/open/v1; the newest year's listing at once, an
 * older year's from /api/open/v1/years/{year} when asked for), the licence (NLOD 2.0), the
 * file formats, and how to fetch them with a program.
 */
import { useState } from 'react';
import { Button, Heading, Link, List, Paragraph } from '@digdir/designsystemet-react';
import {
  OPEN_DATA_LICENCE,
  openDataPaths,
  type OpenYear,
  type OpenYearRef,
} from '../../contract/open-data';
import { getOpenData, getOpenYear } from '../api';
import { ErrorState, Loading, PageHeading, ScrollRegion, Section } from '../components/ui';
import { formatDate } from '../format';
import { useAsync } from '../hooks';
import { t } from '../locales/nb';

/** A year of the index: its listing loaded at once (`open`) or when the visitor asks. */
function YearSection({ year, open }: { year: OpenYearRef; open: boolean }) {
  const [shown, setShown] = useState(open);
  const id = `aar-${year.year}`;
  return (
    <section aria-labelledby={id} className="stack">
      <Heading level={3} data-size="xs" id={id}>
        {t('openData.year', { year: year.year })}
      </Heading>
      {shown ? (
        <LoadedYear year={year.year} />
      ) : (
        <>
          <List.Unordered>
            <List.Item>
              <Link href={year.bulk} download>
                {t('openData.bulk', { year: year.year })}
              </Link>
            </List.Item>
          </List.Unordered>
          <div>
            <Button variant="secondary" data-size="sm" onClick={() => setShown(true)}>
              {t('openData.showYear', { year: year.year })}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}

function LoadedYear({ year }: { year: number }) {
  const state = useAsync(`open-data-${year}`, (signal) => getOpenYear(year, signal));
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorState error={state.error} retry={state.retry} />;
  return <YearFiles year={state.data} />;
}

function YearFiles({ year }: { year: OpenYear }) {
  return (
    <>
      <List.Unordered>
        <List.Item>
          <Link href={year.files.bulk} download>
            {t('openData.bulk', { year: year.year })}
          </Link>
        </List.Item>
        <List.Item>
          <Link href={year.files.appropriations} download>
            {t('openData.appropriations', { name: year.year })}
          </Link>
        </List.Item>
        <List.Item>
          <Link href={year.files.assignments} download>
            {t('openData.assignments', { name: year.year })}
          </Link>
        </List.Item>
      </List.Unordered>
      {year.agencies.map((agency) => (
        <div key={agency.slug} className="stack">
          <Heading level={4} data-size="2xs">
            {agency.name}
          </Heading>
          <List.Unordered>
            {agency.letters.map((letter) => (
              <List.Item key={letter.name}>
                <Link href={letter.url}>{t('openData.letter', { title: letter.title })}</Link>
                {letter.date && <span className="muted"> · {formatDate(letter.date)}</span>}
              </List.Item>
            ))}
            <List.Item>
              <Link href={agency.files.appropriations} download>
                {t('openData.appropriations', { name: agency.name })}
              </Link>
            </List.Item>
            <List.Item>
              <Link href={agency.files.assignments} download>
                {t('openData.assignments', { name: agency.name })}
              </Link>
            </List.Item>
          </List.Unordered>
        </div>
      ))}
    </>
  );
}

export default function OpenDataPage() {
  const state = useAsync('open-data', getOpenData);
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  // The newest year published, else this one: an example that works as it stands.
  const year =
    (state.status === 'ok' ? state.data.years[0]?.year : undefined) ?? new Date().getFullYear();
  const example = [
    `curl -s ${origin}${openDataPaths.index()}`,
    `curl -sO ${origin}${openDataPaths.bulk(year)}`,
    `curl -s -H 'If-None-Match: "…"' ${origin}${openDataPaths.year(year)}`,
  ].join('\n');
  return (
    <>
      <PageHeading title={t('openData.title')} />
      <div className="stack">
        <Paragraph>{t('openData.intro')}</Paragraph>

        <Section id="lisens" title={t('openData.licence.title')}>
          <Paragraph>
            {t('openData.licence.text')}{' '}
            <Link href={OPEN_DATA_LICENCE.url}>{OPEN_DATA_LICENCE.name}</Link>
          </Paragraph>
          <Paragraph>{t('openData.licence.credit')}</Paragraph>
        </Section>

        <Section id="filer" title={t('openData.files.title')}>
          {state.status === 'loading' && <Loading />}
          {state.status === 'error' && <ErrorState error={state.error} retry={state.retry} />}
          {state.status === 'ok' &&
            (state.data.years.length === 0 ? (
              <Paragraph>{t('openData.files.none')}</Paragraph>
            ) : (
              // The newest year listed at once; an older one when asked for.
              state.data.years.map((y, i) => <YearSection key={y.year} year={y} open={i === 0} />)
            ))}
        </Section>

        <Section id="format" title={t('openData.formats.title')}>
          <List.Unordered>
            <List.Item>{t('openData.formats.json')}</List.Item>
            <List.Item>{t('openData.formats.csv')}</List.Item>
            <List.Item>{t('openData.formats.zip')}</List.Item>
          </List.Unordered>
        </Section>

        <Section id="api" title={t('openData.api.title')}>
          <Paragraph>{t('openData.api.text')}</Paragraph>
          <ScrollRegion label={t('openData.api.example')}>
            <pre className="code-example">
              <code>{example}</code>
            </pre>
          </ScrollRegion>
          <List.Unordered>
            <List.Item>
              <Link href={openDataPaths.index()}>{t('openData.api.index')}</Link>
            </List.Item>
            <List.Item>
              <Link href={openDataPaths.letterSchema()}>{t('openData.api.schema')}</Link>
            </List.Item>
            <List.Item>
              <Link href="/api/docs">{t('openData.api.docs')}</Link>
            </List.Item>
          </List.Unordered>
          <Paragraph>{t('openData.api.caching')}</Paragraph>
        </Section>
      </div>
    </>
  );
}
