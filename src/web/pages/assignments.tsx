import { useRef, useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Heading,
  Field,
  FieldDescription,
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
import { RegisterSort, type AssignmentList, type AssignmentSummary } from '../../contract/api';
import {
  ASSIGNMENT_STATUSES,
  AssignmentStatus,
  PROGRESS_STATES,
  Progress,
} from '../../contract/enums';
import {
  bulkOwner,
  getFacets,
  getOwnerCandidates,
  isId,
  listAssignments,
  listAllOrganisations,
  queryString,
} from '../api';
import {
  AppLink,
  ErrorState,
  errorMessage,
  Loading,
  PageHeading,
  StatusTag,
  ScrollRegion,
} from '../components/ui';
import { CursorPager } from '../components/pager';
import { followUpRefusal, progressLabel, ProgressTag } from '../components/follow-up';
import { formatDate, formatNumber } from '../format';
import { PHONE_QUERY, useAsync, useFocusAfterRender, useMediaQuery } from '../hooks';
import { language } from '../locales/language';
import { t, tOr } from '../locales/nb';
import { navigate, paths, useLocation } from '../router';
import { useMe } from '../session';

const PAGE_SIZE = 25;
const STATUSES = ASSIGNMENT_STATUSES;

interface Filters {
  q: string;
  year: string;
  /** An agency's organisation id. */
  agency: string;
  ownerDepartment: string;
  status: string;
  /** `me`, `none`, or a person's id. */
  owner: string;
  progress: string;
  /** Set by links from the start page (no form field): open only, and a deadline range. */
  open: string;
  dueFrom: string;
  dueTo: string;
  /** `deadline`, `id`, `year`, `relevance`, or '' for the server's default. */
  sort: string;
  /** The page shown (for its number; the rows come from `cursor`). */
  page: number;
  /** Where the page starts: the `nextCursor` of the page before ('' for the first). */
  cursor: string;
}

const SORTS = RegisterSort.options;

const isoDate = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '');

function readFilters(search: string): Filters {
  const params = new URLSearchParams(search);
  const page = Number.parseInt(params.get('side') ?? '1', 10);
  const year = params.get('year') ?? '';
  const owner = params.get('owner') ?? '';
  return {
    q: (params.get('q') ?? '').trim(),
    year: /^\d{4}$/.test(year) ? year : '',
    agency: isId(params.get('agency') ?? '') ? params.get('agency')! : '',
    ownerDepartment: params.get('ownerDepartment') ?? '',
    status: params.get('status') ?? '',
    owner: owner === 'me' || owner === 'none' || isId(owner) ? owner : '',
    progress: Progress.safeParse(params.get('progress')).data ?? '',
    open: params.get('open') === 'true' ? 'true' : '',
    dueFrom: isoDate(params.get('dueFrom')),
    dueTo: isoDate(params.get('dueTo')),
    sort: (SORTS as readonly string[]).includes(params.get('sort') ?? '')
      ? params.get('sort')!
      : '',
    // A cursor is a later page; without one, the first (whatever `side` says).
    page: params.get('cursor') ? (Number.isFinite(page) && page > 1 ? page : 2) : 1,
    cursor: params.get('cursor') ?? '',
  };
}

/** The filters as query parameters (the page's URL and the export's alike). */
function filterQuery(f: Filters) {
  return {
    q: f.q,
    year: f.year,
    agency: f.agency,
    ownerDepartment: f.ownerDepartment,
    status: f.status,
    owner: f.owner,
    progress: f.progress,
    open: f.open,
    dueFrom: f.dueFrom,
    dueTo: f.dueTo,
    sort: f.sort,
  };
}

function filterUrl(f: Filters): string {
  const paged = f.page > 1 && f.cursor !== '';
  return paths.assignments(
    queryString({
      ...filterQuery(f),
      side: paged ? f.page : undefined,
      cursor: paged ? f.cursor : undefined,
    }),
  );
}

/** The years and owner departments to offer: every one the register holds for the user. */
async function loadFacets(signal: AbortSignal) {
  const [facets, agencies] = await Promise.all([
    getFacets(signal),
    listAllOrganisations({ kind: 'agency' }, signal),
  ]);
  return {
    years: facets.years.map(String),
    departments: [...facets.departments].sort((a, b) => a.localeCompare(b, 'nb')),
    agencies: agencies.items
      .map((o) => ({ id: o.id, name: o.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'nb')),
  };
}

/**
 * The register as filtered, as an Excel workbook (every page, not only the one shown), with
 * headings in the client's language.
 */
function exportUrl(f: Filters): string {
  return `/api/assignments/export.xlsx${queryString({ ...filterQuery(f), lang: language() })}`;
}

/** The filter a start-page link set that the form has no field for, said in words. */
function LinkFilters({ filters }: { filters: Filters }) {
  if (!filters.open) return null;
  return (
    <Paragraph data-size="sm">
      {t('assignments.openOnly')}.{' '}
      <AppLink href={filterUrl({ ...filters, open: '', page: 1, cursor: '' })}>
        {t('assignments.openOnly.remove')}
      </AppLink>
    </Paragraph>
  );
}

function withCurrent(options: string[], current: string): string[] {
  return current && !options.includes(current) ? [current, ...options] : options;
}

function FilterForm({
  filters,
  years,
  departments,
  agencies,
}: {
  filters: Filters;
  years: string[];
  departments: string[];
  agencies: { id: string; name: string }[];
}) {
  const signedIn = useMe()?.user != null;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    navigate(
      filterUrl({
        q: value('q'),
        year: value('year'),
        agency: value('agency'),
        ownerDepartment: value('ownerDepartment'),
        status: value('status'),
        owner: value('owner'),
        progress: value('progress'),
        // Kept from the link that opened the page until "Nullstill".
        open: filters.open,
        dueFrom: isoDate(value('dueFrom')),
        dueTo: isoDate(value('dueTo')),
        sort: value('sort'),
        page: 1,
        cursor: '',
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
          <Label>{t('assignments.agency')}</Label>
          <Select name="agency" defaultValue={filters.agency}>
            <SelectOption value="">{t('common.all')}</SelectOption>
            {filters.agency && !agencies.some((a) => a.id === filters.agency) && (
              <SelectOption value={filters.agency}>{t('assignments.agencyOther')}</SelectOption>
            )}
            {agencies.map((a) => (
              <SelectOption key={a.id} value={a.id}>
                {a.name}
              </SelectOption>
            ))}
          </Select>
        </Field>
        <Field>
          <Label>{t('assignments.owner')}</Label>
          <Select name="ownerDepartment" defaultValue={filters.ownerDepartment}>
            <SelectOption value="">{t('common.all')}</SelectOption>
            <SelectOption value="none">{t('assignments.ownerDepartmentNone')}</SelectOption>
            {withCurrent(
              departments,
              filters.ownerDepartment === 'none' ? '' : filters.ownerDepartment,
            ).map((d) => (
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
        {signedIn && (
          <Field>
            <Label>{t('assignments.ownerPerson')}</Label>
            <Select name="owner" defaultValue={filters.owner}>
              <SelectOption value="">{t('common.all')}</SelectOption>
              <SelectOption value="me">{t('assignments.mine')}</SelectOption>
              <SelectOption value="none">{t('assignments.ownerNone')}</SelectOption>
              {filters.owner && filters.owner !== 'me' && filters.owner !== 'none' && (
                <SelectOption value={filters.owner}>{t('assignments.ownerOther')}</SelectOption>
              )}
            </Select>
          </Field>
        )}
        <Textfield
          type="date"
          name="dueFrom"
          label={t('assignments.dueFromLabel')}
          defaultValue={filters.dueFrom}
        />
        <Textfield
          type="date"
          name="dueTo"
          label={t('assignments.dueToLabel')}
          defaultValue={filters.dueTo}
        />
        <Field>
          <Label>{t('assignments.progress')}</Label>
          <Select name="progress" defaultValue={filters.progress}>
            <SelectOption value="">{t('common.all')}</SelectOption>
            {PROGRESS_STATES.map((p) => (
              <SelectOption key={p} value={p}>
                {progressLabel(p)}
              </SelectOption>
            ))}
          </Select>
        </Field>
        <Field>
          <Label>{t('assignments.sort')}</Label>
          <Select name="sort" defaultValue={filters.sort}>
            <SelectOption value="">{t('assignments.sort.default')}</SelectOption>
            {SORTS.map((s) => (
              <SelectOption key={s} value={s}>
                {t(`assignments.sort.${s}`)}
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

/** The rows chosen for a bulk action, with the version each was read at. */
type Selection = ReadonlyMap<string, AssignmentSummary>;

function SelectBox({
  a,
  selection,
  onToggle,
}: {
  a: AssignmentSummary;
  selection: Selection;
  onToggle: (a: AssignmentSummary) => void;
}) {
  return (
    <Checkbox
      aria-label={t('assignments.select', { id: a.registerId })}
      checked={selection.has(a.id)}
      onChange={() => onToggle(a)}
    />
  );
}

/** Phones: one card per assignment, every column's value in it (nothing off-screen). */
function AssignmentCards({
  items,
  selection,
  onToggle,
  selectable,
}: {
  items: AssignmentList['items'];
  selection: Selection;
  onToggle: (a: AssignmentSummary) => void;
  selectable: boolean;
}) {
  return (
    <ul className="card-list" aria-label={t('assignments.caption')}>
      {items.map((a) => (
        <li key={a.id} className="assignment-card">
          <span className="assignment-card-id row">
            {selectable && <SelectBox a={a} selection={selection} onToggle={onToggle} />}
            <span>
              {a.registerId}
              {a.idAssigned && <span className="muted"> ({t('assignments.idAssigned')})</span>}
            </span>
          </span>
          <AppLink href={paths.assignment(a.id)}>{a.title}</AppLink>
          <span className="row">
            <StatusTag status={a.status} />
            {a.progress && <ProgressTag progress={a.progress} />}
            {a.nextDeadline && (
              <span>
                {t('table.deadline')}: {formatDate(a.nextDeadline)}
              </span>
            )}
          </span>
          <span className="muted">
            {[a.ownerDepartment, a.ownerPerson?.name, a.agency, String(a.year)]
              .filter(Boolean)
              .join(' · ')}
          </span>
        </li>
      ))}
    </ul>
  );
}

type BulkNotice =
  | { kind: 'saved'; text: string }
  | { kind: 'refused'; items: string[] }
  | { kind: 'error'; text: string };

/** «Sett eieravdeling…» / «Gi til person…» for the rows chosen: all or nothing. */
function BulkActions({
  selection,
  onClear,
  onChanged,
}: {
  selection: Selection;
  onClear: () => void;
  onChanged: () => void;
}) {
  const [action, setAction] = useState<'department' | 'person' | null>(null);
  const [department, setDepartment] = useState('');
  const [person, setPerson] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<BulkNotice | null>(null);
  const [noticeRef, focusNotice] = useFocusAfterRender<HTMLDivElement>();
  const chosen = [...selection.values()];
  const firstId = chosen[0]?.id ?? '';
  const canDepartment = chosen.length > 0 && chosen.every((a) => a.abilities.setOwnerDepartment);
  const canPerson = chosen.length > 0 && chosen.every((a) => a.abilities.setOwnerPerson);
  const candidates = useAsync(`bulk-candidates:${action === 'person' ? firstId : ''}`, (signal) =>
    action === 'person' && firstId
      ? getOwnerCandidates(firstId, signal).then((c) => c.items)
      : Promise.resolve([]),
  );
  if (chosen.length === 0 && !notice) return null;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const items = chosen.map((a) => ({ id: a.id, expectedVersion: a.version }));
    setBusy(true);
    try {
      const code = department.trim();
      const name =
        candidates.status === 'ok' ? candidates.data.find((c) => c.id === person)?.name : undefined;
      const out =
        action === 'department'
          ? await bulkOwner('owner-department', { items, department: code || null })
          : await bulkOwner('owner-person', { items, userId: person || null });
      if (out.refused.length > 0) {
        const byId = new Map(chosen.map((a) => [a.id, a.registerId]));
        setNotice({
          kind: 'refused',
          items: out.refused.map((r) =>
            t('assignments.bulk.refusedItem', {
              id: byId.get(r.id) ?? r.id,
              reason:
                r.error === 'stale-version'
                  ? t('assignments.bulk.stale')
                  : followUpRefusal(r.error, r.message),
            }),
          ),
        });
      } else {
        setNotice({
          kind: 'saved',
          text:
            action === 'department'
              ? code
                ? t('assignments.bulk.departmentSaved', { count: out.changed, department: code })
                : t('assignments.bulk.departmentCleared', { count: out.changed })
              : name
                ? t('assignments.bulk.personSaved', { count: out.changed, name })
                : t('assignments.bulk.personCleared', { count: out.changed }),
        });
        setAction(null);
        onClear();
        onChanged();
      }
    } catch (error) {
      setNotice({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
      focusNotice();
    }
  };

  return (
    <section className="bulk-actions stack" aria-labelledby="samlet-endring">
      <Heading level={2} data-size="xs" id="samlet-endring">
        {t('assignments.bulk.title', { count: chosen.length })}
      </Heading>
      {chosen.length > 0 && (
        <div className="row">
          {canDepartment && (
            <Button
              type="button"
              variant="secondary"
              data-size="sm"
              aria-expanded={action === 'department'}
              onClick={() => setAction(action === 'department' ? null : 'department')}
            >
              {t('assignments.bulk.department')}
            </Button>
          )}
          {canPerson && (
            <Button
              type="button"
              variant="secondary"
              data-size="sm"
              aria-expanded={action === 'person'}
              onClick={() => setAction(action === 'person' ? null : 'person')}
            >
              {t('assignments.bulk.person')}
            </Button>
          )}
          <Button type="button" variant="tertiary" data-size="sm" onClick={onClear}>
            {t('assignments.bulk.clear')}
          </Button>
        </div>
      )}
      {chosen.length > 0 && !canDepartment && !canPerson && (
        <Paragraph data-size="sm" className="muted">
          {t('assignments.bulk.notAll')}
        </Paragraph>
      )}
      {action && chosen.length > 0 && (action === 'department' ? canDepartment : canPerson) && (
        <form className="stack follow-up-form" onSubmit={(e) => void onSubmit(e)}>
          {action === 'department' ? (
            <Textfield
              label={t('assignments.bulk.departmentLabel')}
              description={t('followUp.department.description')}
              value={department}
              maxLength={20}
              onChange={(e) => setDepartment(e.target.value)}
            />
          ) : (
            <Field>
              <Label>{t('assignments.bulk.personLabel')}</Label>
              <FieldDescription>{t('assignments.bulk.personDescription')}</FieldDescription>
              <Select
                value={person}
                disabled={candidates.status !== 'ok'}
                onChange={(e) => setPerson(e.target.value)}
              >
                <SelectOption value="">{t('followUp.person.nobody')}</SelectOption>
                {(candidates.status === 'ok' ? candidates.data : []).map((c) => (
                  <SelectOption key={c.id} value={c.id}>
                    {c.name}
                  </SelectOption>
                ))}
              </Select>
            </Field>
          )}
          <div className="row">
            <Button type="submit" loading={busy} disabled={busy}>
              {t('assignments.bulk.submit', { count: chosen.length })}
            </Button>
            <Button type="button" variant="tertiary" onClick={() => setAction(null)}>
              {t('followUp.cancel')}
            </Button>
          </div>
        </form>
      )}
      <div ref={noticeRef} tabIndex={-1} aria-live="polite">
        {notice?.kind === 'saved' && (
          <Alert data-color="success">
            <Paragraph>{notice.text}</Paragraph>
          </Alert>
        )}
        {notice?.kind === 'refused' && (
          <Alert data-color="danger" role="alert">
            <Paragraph>{t('assignments.bulk.refused')}</Paragraph>
            <ul>
              {notice.items.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </Alert>
        )}
        {notice?.kind === 'error' && (
          <Alert data-color="danger" role="alert">
            <Paragraph>{notice.text}</Paragraph>
          </Alert>
        )}
      </div>
    </section>
  );
}

function Results({
  data,
  filters,
  onChanged,
}: {
  data: AssignmentList;
  filters: Filters;
  onChanged: () => void;
}) {
  const phone = useMediaQuery(PHONE_QUERY);
  const [selection, setSelection] = useState<Selection>(new Map());
  const from = (filters.page - 1) * PAGE_SIZE + 1;
  const to = from + data.items.length - 1;
  // Rows are chosen for a bulk change only where one of them may be changed at all.
  const selectable = data.items.some(
    (a) => a.abilities.setOwnerDepartment || a.abilities.setOwnerPerson,
  );
  const toggle = (a: AssignmentSummary) => {
    const next = new Map(selection);
    if (next.has(a.id)) next.delete(a.id);
    else next.set(a.id, a);
    setSelection(next);
  };
  const allChosen = data.items.length > 0 && data.items.every((a) => selection.has(a.id));
  const toggleAll = () =>
    setSelection(allChosen ? new Map() : new Map(data.items.map((a) => [a.id, a])));
  return (
    <div className="stack">
      <Paragraph role="status">
        {data.items.length === 0
          ? t('assignments.empty')
          : t(data.totalCapped ? 'assignments.countRangeCapped' : 'assignments.countRange', {
              from: formatNumber(from),
              to: formatNumber(to),
              count: formatNumber(data.total),
            })}
      </Paragraph>
      {selectable && (
        <BulkActions
          selection={selection}
          onClear={() => setSelection(new Map())}
          onChanged={onChanged}
        />
      )}
      {data.items.length > 0 && phone && (
        <AssignmentCards
          items={data.items}
          selection={selection}
          onToggle={toggle}
          selectable={selectable}
        />
      )}
      {data.items.length > 0 && !phone && (
        <ScrollRegion label={t('assignments.caption')}>
          <Table data-size="sm" zebra>
            <caption className="visually-hidden">{t('assignments.caption')}</caption>
            <TableHead>
              <TableRow>
                {selectable && (
                  <TableHeaderCell className="select-cell">
                    <Checkbox
                      aria-label={t('assignments.selectAll')}
                      checked={allChosen}
                      onChange={toggleAll}
                    />
                  </TableHeaderCell>
                )}
                <TableHeaderCell>{t('table.id')}</TableHeaderCell>
                <TableHeaderCell>{t('table.title')}</TableHeaderCell>
                <TableHeaderCell>{t('table.owner')}</TableHeaderCell>
                <TableHeaderCell>{t('table.ownerPerson')}</TableHeaderCell>
                <TableHeaderCell>{t('table.status')}</TableHeaderCell>
                <TableHeaderCell>{t('table.progress')}</TableHeaderCell>
                <TableHeaderCell>{t('table.deadline')}</TableHeaderCell>
                <TableHeaderCell>{t('table.agency')}</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.items.map((a) => (
                <TableRow key={a.id}>
                  {selectable && (
                    <TableCell className="select-cell">
                      <SelectBox a={a} selection={selection} onToggle={toggle} />
                    </TableCell>
                  )}
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
                  <TableCell>{a.ownerPerson?.name ?? ''}</TableCell>
                  <TableCell>
                    <StatusTag status={a.status} />
                  </TableCell>
                  <TableCell>{a.progress && <ProgressTag progress={a.progress} />}</TableCell>
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
      <CursorPager
        list={filterUrl({ ...filters, page: 1, cursor: '' })}
        page={filters.page}
        cursor={filters.cursor}
        nextCursor={data.nextCursor}
        href={(page, cursor) => filterUrl({ ...filters, page, cursor })}
        label={t('assignments.pagination')}
      />
    </div>
  );
}

export default function AssignmentsPage() {
  const { search } = useLocation();
  const filters = readFilters(search);
  const [reloads, setReloads] = useState(0);
  const facets = useAsync('facets', loadFacets);
  const results = useAsync(`assignments:${filterUrl(filters)}:${reloads}`, (signal) =>
    listAssignments(
      {
        q: filters.q || undefined,
        year: filters.year ? Number(filters.year) : undefined,
        agency: filters.agency || undefined,
        ownerDepartment: filters.ownerDepartment || undefined,
        status: AssignmentStatus.safeParse(filters.status).data,
        owner: filters.owner || undefined,
        progress: Progress.safeParse(filters.progress).data,
        open: filters.open === 'true' ? true : undefined,
        dueFrom: filters.dueFrom || undefined,
        dueTo: filters.dueTo || undefined,
        sort: filters.sort === '' ? undefined : (filters.sort as (typeof SORTS)[number]),
        limit: PAGE_SIZE,
        cursor: filters.cursor || undefined,
      },
      signal,
    ),
  );
  // While reading the page again after a bulk change, it keeps showing what it had.
  const last = useRef<{ search: string; data: AssignmentList } | null>(null);
  if (results.status === 'ok') last.current = { search, data: results.data };
  const shown =
    results.status === 'ok'
      ? results.data
      : results.status === 'loading' && last.current?.search === search
        ? last.current.data
        : null;
  const years = facets.status === 'ok' ? facets.data.years : [];
  const departments = facets.status === 'ok' ? facets.data.departments : [];
  const agencies = facets.status === 'ok' ? facets.data.agencies : [];
  return (
    <>
      <PageHeading title={t('assignments.title')}>
        <Paragraph>{t('assignments.intro')}</Paragraph>
      </PageHeading>
      <div className="stack-lg">
        <FilterForm
          key={search}
          filters={filters}
          years={years}
          departments={departments}
          agencies={agencies}
        />
        <LinkFilters filters={filters} />
        <Paragraph data-size="sm" className="no-print">
          <a href={exportUrl(filters)} download>
            {t('assignments.export')}
          </a>
        </Paragraph>
        <section aria-label={t('assignments.caption')}>
          {!shown && results.status === 'loading' && <Loading rows={8} />}
          {results.status === 'error' && <ErrorState error={results.error} retry={results.retry} />}
          {shown && (
            <Results
              key={search}
              data={shown}
              filters={filters}
              onChanged={() => setReloads((n) => n + 1)}
            />
          )}
        </section>
      </div>
    </>
  );
}
