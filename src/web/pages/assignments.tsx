import type { FormEvent } from 'react';
import {
  Button,
  Field,
  Label,
  Paragraph,
  Select,
  SelectOption,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
  Textfield,
} from '@digdir/designsystemet-react';
import type { AssignmentList } from '../../contract/api';
import { ASSIGNMENT_STATUSES, AssignmentStatus } from '../../contract/enums';
import { listAssignments, listDocuments, queryString } from '../api';
import {
  AppLink,
  ErrorState,
  Loading,
  PageHeading,
  StatusTag,
  ScrollRegion,
} from '../components/ui';
import { Pager } from '../components/pager';
import { formatDate, formatNumber } from '../format';
import { PHONE_QUERY, useAsync, useMediaQuery } from '../hooks';
import { t, tOr } from '../locales/nb';
import { navigate, paths, useLocation } from '../router';

const PAGE_SIZE = 25;
const STATUSES = ASSIGNMENT_STATUSES;

interface Filters {
  q: string;
  year: string;
  ownerDepartment: string;
  status: string;
  page: number;
}

function readFilters(search: string): Filters {
  const params = new URLSearchParams(search);
  const page = Number.parseInt(params.get('side') ?? '1', 10);
  const year = params.get('year') ?? '';
  return {
    q: (params.get('q') ?? '').trim(),
    year: /^\d{4}$/.test(year) ? year : '',
    ownerDepartment: params.get('ownerDepartment') ?? '',
    status: params.get('status') ?? '',
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

function filterUrl(f: Filters): string {
  return paths.assignments(
    queryString({
      q: f.q,
      year: f.year,
      ownerDepartment: f.ownerDepartment,
      status: f.status,
      side: f.page > 1 ? f.page : undefined,
    }),
  );
}

/** The years and owner departments to offer, from what the register holds. */
async function loadFacets(signal: AbortSignal) {
  const [docs, assignments] = await Promise.all([
    listDocuments({ limit: 200 }, signal),
    listAssignments({ limit: 200 }, signal),
  ]);
  const years = new Set<number>(docs.items.map((d) => d.year));
  for (const a of assignments.items) years.add(a.year);
  const departments = new Set<string>();
  for (const a of assignments.items) if (a.ownerDepartment) departments.add(a.ownerDepartment);
  return {
    years: [...years].sort((a, b) => b - a).map(String),
    departments: [...departments].sort((a, b) => a.localeCompare(b, 'nb')),
  };
}

function withCurrent(options: string[], current: string): string[] {
  return current && !options.includes(current) ? [current, ...options] : options;
}

function FilterForm({
  filters,
  years,
  departments,
}: {
  filters: Filters;
  years: string[];
  departments: string[];
}) {
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    navigate(
      filterUrl({
        q: value('q'),
        year: value('year'),
        ownerDepartment: value('ownerDepartment'),
        status: value('status'),
        page: 1,
      }),
    );
  };
  return (
    <form onSubmit={onSubmit} role="search" aria-label={t('assignments.filters')}>
      <fieldset className="filters">
        <legend>{t('assignments.filters')}</legend>
        <Textfield
          label={t('assignments.q')}
          description={t('assignments.q.description')}
          name="q"
          type="search"
          defaultValue={filters.q}
          maxLength={200}
        />
        <Field>
          <Label>{t('assignments.year')}</Label>
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
          <Label>{t('assignments.owner')}</Label>
          <Select name="ownerDepartment" defaultValue={filters.ownerDepartment}>
            <SelectOption value="">{t('common.all')}</SelectOption>
            {withCurrent(departments, filters.ownerDepartment).map((d) => (
              <SelectOption key={d} value={d}>
                {d}
              </SelectOption>
            ))}
          </Select>
        </Field>
        <Field>
          <Label>{t('assignments.status')}</Label>
          <Select name="status" defaultValue={filters.status}>
            <SelectOption value="">{t('common.all')}</SelectOption>
            {withCurrent([...STATUSES], filters.status).map((s) => (
              <SelectOption key={s} value={s}>
                {tOr(`status.${s}`, s)}
              </SelectOption>
            ))}
          </Select>
        </Field>
        <div className="filters-actions">
          <Button type="submit">{t('assignments.apply')}</Button>
          <AppLink href={paths.assignments()}>{t('assignments.reset')}</AppLink>
        </div>
      </fieldset>
    </form>
  );
}

/** Phones: one card per assignment, every column's value in it (nothing off-screen). */
function AssignmentCards({ items }: { items: AssignmentList['items'] }) {
  return (
    <ul className="card-list" aria-label={t('assignments.caption')}>
      {items.map((a) => (
        <li key={a.id} className="assignment-card">
          <span className="assignment-card-id">
            {a.registerId}
            {a.idAssigned && <span className="muted"> ({t('assignments.idAssigned')})</span>}
          </span>
          <AppLink href={paths.assignment(a.id)}>{a.title}</AppLink>
          <span className="row">
            <StatusTag status={a.status} />
            {a.nextDeadline && (
              <span>
                {t('table.deadline')}: {formatDate(a.nextDeadline)}
              </span>
            )}
          </span>
          <span className="muted">
            {[a.ownerDepartment, a.agency, String(a.year)].filter(Boolean).join(' · ')}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Results({ data, filters }: { data: AssignmentList; filters: Filters }) {
  const phone = useMediaQuery(PHONE_QUERY);
  const from = (filters.page - 1) * PAGE_SIZE + 1;
  const to = from + data.items.length - 1;
  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
  return (
    <div className="stack">
      <Paragraph role="status">
        {data.total === 0
          ? t('assignments.empty')
          : t('assignments.countRange', {
              from: formatNumber(from),
              to: formatNumber(to),
              count: formatNumber(data.total),
            })}
      </Paragraph>
      {data.items.length > 0 && phone && <AssignmentCards items={data.items} />}
      {data.items.length > 0 && !phone && (
        <ScrollRegion label={t('assignments.caption')}>
          <Table data-size="sm" zebra>
            <caption className="visually-hidden">{t('assignments.caption')}</caption>
            <TableHead>
              <TableRow>
                <TableHeaderCell>{t('table.id')}</TableHeaderCell>
                <TableHeaderCell>{t('table.title')}</TableHeaderCell>
                <TableHeaderCell>{t('table.owner')}</TableHeaderCell>
                <TableHeaderCell>{t('table.status')}</TableHeaderCell>
                <TableHeaderCell>{t('table.deadline')}</TableHeaderCell>
                <TableHeaderCell>{t('table.agency')}</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.items.map((a) => (
                <TableRow key={a.id}>
                  <TableCell className="nowrap">
                    {a.registerId}
                    {a.idAssigned && (
                      <div className="muted" data-size="sm">
                        {t('assignments.idAssigned')}
                      </div>
                    )}
                  </TableCell>
                  <TableCell>
                    <AppLink href={paths.assignment(a.id)}>{a.title}</AppLink>
                  </TableCell>
                  <TableCell>{a.ownerDepartment ?? ''}</TableCell>
                  <TableCell>
                    <StatusTag status={a.status} />
                  </TableCell>
                  <TableCell className="nowrap">
                    {a.nextDeadline ? formatDate(a.nextDeadline) : ''}
                  </TableCell>
                  <TableCell>
                    {a.agency ?? ''} <span className="muted">({a.year})</span>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollRegion>
      )}
      <Pager
        current={Math.min(filters.page, pages)}
        total={pages}
        href={(page) => filterUrl({ ...filters, page })}
        label={t('assignments.pagination')}
      />
    </div>
  );
}

export default function AssignmentsPage() {
  const { search } = useLocation();
  const filters = readFilters(search);
  const facets = useAsync('facets', loadFacets);
  const results = useAsync(`assignments:${filterUrl(filters)}`, (signal) =>
    listAssignments(
      {
        q: filters.q || undefined,
        year: filters.year ? Number(filters.year) : undefined,
        ownerDepartment: filters.ownerDepartment || undefined,
        status: AssignmentStatus.safeParse(filters.status).data,
        limit: PAGE_SIZE,
        offset: (filters.page - 1) * PAGE_SIZE,
      },
      signal,
    ),
  );
  const years = facets.status === 'ok' ? facets.data.years : [];
  const departments = facets.status === 'ok' ? facets.data.departments : [];
  return (
    <>
      <PageHeading title={t('assignments.title')}>
        <Paragraph>{t('assignments.intro')}</Paragraph>
      </PageHeading>
      <div className="stack-lg">
        <FilterForm key={search} filters={filters} years={years} departments={departments} />
        <section aria-label={t('assignments.caption')}>
          {results.status === 'loading' && <Loading rows={8} />}
          {results.status === 'error' && <ErrorState error={results.error} retry={results.retry} />}
          {results.status === 'ok' && <Results data={results.data} filters={filters} />}
        </section>
      </div>
    </>
  );
}
