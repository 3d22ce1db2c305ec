import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Card,
  Field,
  FieldDescription,
  Heading,
  Input,
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
  Tag,
  Textfield,
} from '@digdir/designsystemet-react';
import {
  CALENDAR_MAX_ENTRIES,
  CalendarQuery,
  type CalendarEntryOut,
  type CreatedFeed,
  type Feed,
} from '../../contract/calendar';
import type { Me } from '../../contract/auth';
import {
  createFeed,
  getCalendar,
  getFacets,
  listAllOrganisations,
  listFeeds,
  revokeFeed,
} from '../api';
import {
  AppLink,
  ErrorState,
  Loading,
  PageHeading,
  errorMessage,
  ScrollRegion,
} from '../components/ui';
import {
  lastDayOfMonth,
  monthGrid,
  monthKey,
  parseMonth,
  shiftMonth,
  type GridWeek,
} from '../calendar-grid';
import {
  formatDate,
  formatDayOf,
  formatMonth,
  formatNumber,
  formatWeekday,
  parseIsoDate,
  todayIso,
} from '../format';
import { PHONE_QUERY, useAsync, useMediaQuery } from '../hooks';
import { t, tOr } from '../locales/nb';
import { navigate, paths, useLocation, useSearchParams } from '../router';
import { signInHref, useMe } from '../session';

/** 2024-01-01 was a Monday. */
const WEEKDAYS = Array.from({ length: 7 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)));

interface Filters {
  month: { year: number; month: number };
  view: 'maaned' | 'liste';
  agency: string;
  department: string;
}

function readFilters(params: URLSearchParams, today: string): Filters {
  const month = parseMonth(params.get('maaned')) ?? {
    year: Number(today.slice(0, 4)),
    month: Number(today.slice(5, 7)),
  };
  return {
    month,
    view: params.get('visning') === 'liste' ? 'liste' : 'maaned',
    agency: params.get('virksomhet') ?? '',
    department: params.get('avdeling') ?? '',
  };
}

function filterUrl(f: Filters): string {
  const p = new URLSearchParams();
  p.set('maaned', monthKey(f.month.year, f.month.month));
  if (f.view === 'liste') p.set('visning', 'liste');
  if (f.agency) p.set('virksomhet', f.agency);
  if (f.department) p.set('avdeling', f.department);
  return paths.calendar(`?${p.toString()}`);
}

/** The day an entry is shown on. */
const dayOf = (e: CalendarEntryOut) => e.due ?? e.start;

function entryHref(e: CalendarEntryOut): string {
  return e.assignment ? paths.assignment(e.assignment.id) : paths.document(e.document.id);
}

function entryLabel(e: CalendarEntryOut): string {
  if (e.assignment) {
    const sub = e.assignment.appliesTo ? ` ${e.assignment.appliesTo})` : '';
    const { registerId } = e.assignment;
    const title = e.title.startsWith(registerId)
      ? e.title.slice(registerId.length).replace(/^[\s:–-]+/, '')
      : e.title;
    return `${registerId}${sub}: ${title}`;
  }
  return e.title;
}

function Flags({ e }: { e: CalendarEntryOut }) {
  return (
    <>
      <Tag data-size="sm" data-color={e.kind === 'deadline' ? 'accent' : 'neutral'}>
        {tOr(`calendar.kind.${e.kind}`, e.kind)}
      </Tag>
      {e.flags?.holiday && (
        <Tag data-size="sm" data-color="warning">
          {t('calendar.flag.holiday', { name: e.flags.holiday })}
        </Tag>
      )}
      {e.flags?.weekend && !e.flags.holiday && (
        <Tag data-size="sm" data-color="warning">
          {t('calendar.flag.weekend')}
        </Tag>
      )}
      {e.overdue && (
        <Tag data-size="sm" data-color="danger">
          {t('calendar.flag.overdue')}
        </Tag>
      )}
    </>
  );
}

function MonthGrid({
  weeks,
  items,
  today,
  caption,
}: {
  weeks: GridWeek[];
  items: CalendarEntryOut[];
  today: string;
  caption: string;
}) {
  const byDay = new Map<string, CalendarEntryOut[]>();
  for (const e of items) {
    const day = dayOf(e);
    if (day) byDay.set(day, [...(byDay.get(day) ?? []), e]);
  }
  return (
    <ScrollRegion label={caption}>
      <table className="month-grid">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="month-week">
              {t('calendar.week')}
            </th>
            {WEEKDAYS.map((d) => (
              <th scope="col" key={d.toISOString()}>
                <abbr title={formatWeekday(d)}>{formatWeekday(d, 'short')}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr key={w.days[0]?.iso}>
              <th scope="row" className="month-week">
                <span className="visually-hidden">{t('calendar.week')} </span>
                {w.week}
              </th>
              {w.days.map((d) => {
                const entries = byDay.get(d.iso) ?? [];
                const isToday = d.iso === today;
                return (
                  <td
                    key={d.iso}
                    className="month-day"
                    data-outside={!d.inMonth}
                    data-today={isToday}
                    aria-current={isToday ? 'date' : undefined}
                  >
                    <div className="month-day-no">
                      <span aria-hidden="true">{d.day}</span>
                      <span className="visually-hidden">{formatDate(d.iso)}</span>
                      {isToday && <span className="today-label">{t('calendar.today')}</span>}
                    </div>
                    {entries.length > 0 && (
                      <ul className="month-entries">
                        {entries.map((e) => (
                          <li key={e.uid} data-overdue={e.overdue}>
                            <AppLink href={entryHref(e)}>{entryLabel(e)}</AppLink>
                            <span className="row">
                              <Flags e={e} />
                            </span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/**
 * Phones: the month's days that have entries, one after the other (a seven-column grid would
 * show Monday to Wednesday only).
 */
function Agenda({
  items,
  today,
  caption,
  listFrom,
  listTo,
}: {
  items: CalendarEntryOut[];
  today: string;
  caption: string;
  listFrom: string;
  listTo: string;
}) {
  const byDay = new Map<string, CalendarEntryOut[]>();
  for (const e of items) {
    const day = dayOf(e);
    if (day && day >= listFrom && day <= listTo) byDay.set(day, [...(byDay.get(day) ?? []), e]);
  }
  const days = [...byDay.keys()].sort();
  if (days.length === 0) return <Paragraph>{t('calendar.empty')}</Paragraph>;
  return (
    <ol className="agenda" aria-label={caption}>
      {days.map((day) => {
        const isToday = day === today;
        const date = parseIsoDate(day);
        return (
          <li
            key={day}
            className="agenda-day"
            data-today={isToday}
            aria-current={isToday ? 'date' : undefined}
          >
            <Heading level={3} data-size="2xs">
              {date ? `${formatWeekday(date)} ${formatDate(day)}` : day}
              {isToday && <span className="today-label"> – {t('calendar.today')}</span>}
            </Heading>
            <ul className="month-entries">
              {(byDay.get(day) ?? []).map((e) => (
                <li key={e.uid} data-overdue={e.overdue}>
                  <AppLink href={entryHref(e)}>{entryLabel(e)}</AppLink>
                  <span className="row">
                    <Flags e={e} />
                  </span>
                </li>
              ))}
            </ul>
          </li>
        );
      })}
    </ol>
  );
}

function EntryList({ items }: { items: CalendarEntryOut[] }) {
  if (items.length === 0) return <Paragraph>{t('calendar.empty')}</Paragraph>;
  const sorted = [...items].sort((a, b) => (dayOf(a) ?? '').localeCompare(dayOf(b) ?? ''));
  return (
    <ScrollRegion label={t('calendar.list.caption')}>
      <Table data-size="sm" zebra>
        <caption className="visually-hidden">{t('calendar.list.caption')}</caption>
        <TableHead>
          <TableRow>
            <TableHeaderCell>{t('calendar.col.date')}</TableHeaderCell>
            <TableHeaderCell>{t('calendar.col.what')}</TableHeaderCell>
            <TableHeaderCell>{t('calendar.col.agency')}</TableHeaderCell>
            <TableHeaderCell>{t('calendar.col.notes')}</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {sorted.map((e) => (
            <TableRow key={e.uid}>
              <TableCell className="nowrap">
                {dayOf(e) ? formatDate(dayOf(e) ?? '') : ''}
                {e.phrase && <div className="muted">{e.phrase}</div>}
              </TableCell>
              <TableCell>
                <AppLink href={entryHref(e)}>{entryLabel(e)}</AppLink>
                <div className="muted">{e.document.title}</div>
              </TableCell>
              <TableCell>
                {e.agency.name ?? ''}
                {e.assignment?.ownerDepartment && (
                  <div className="muted">{e.assignment.ownerDepartment}</div>
                )}
              </TableCell>
              <TableCell>
                <span className="row">
                  <Flags e={e} />
                </span>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollRegion>
  );
}

function FilterForm({
  filters,
  agencies,
  departments,
}: {
  filters: Filters;
  agencies: Array<[string, string]>;
  departments: string[];
}) {
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    navigate(
      filterUrl({
        ...filters,
        agency: String(data.get('virksomhet') ?? ''),
        department: String(data.get('avdeling') ?? ''),
      }),
    );
  };
  return (
    <form onSubmit={onSubmit} aria-label={t('calendar.filters')}>
      <fieldset className="filters filters-two">
        <legend className="visually-hidden">{t('calendar.filters')}</legend>
        <Field>
          <Label>{t('calendar.agency')}</Label>
          <Select name="virksomhet" defaultValue={filters.agency}>
            <SelectOption value="">{t('common.all')}</SelectOption>
            {agencies.map(([id, name]) => (
              <SelectOption key={id} value={id}>
                {name}
              </SelectOption>
            ))}
          </Select>
        </Field>
        <Field>
          <Label>{t('calendar.department')}</Label>
          <Select name="avdeling" defaultValue={filters.department}>
            <SelectOption value="">{t('common.all')}</SelectOption>
            {departments.map((d) => (
              <SelectOption key={d} value={d}>
                {d}
              </SelectOption>
            ))}
          </Select>
        </Field>
        <div className="filters-actions">
          <Button type="submit">{t('calendar.apply')}</Button>
          <AppLink href={filterUrl({ ...filters, agency: '', department: '' })}>
            {t('assignments.reset')}
          </AppLink>
        </div>
      </fieldset>
    </form>
  );
}

interface FeedChoice {
  key: string;
  scope: 'agency' | 'department' | 'person';
  scopeId: string;
  label: string;
}

function feedChoices(me: Me, filters: Filters, agencies: Array<[string, string]>): FeedChoice[] {
  const user = me.user;
  if (!user) return [];
  const choices: FeedChoice[] = [];
  if (user.organisation?.kind === 'agency') {
    choices.push({
      key: 'own-agency',
      scope: 'agency',
      scopeId: user.organisation.id,
      label: t('feeds.scope.agency', { name: user.organisation.name }),
    });
  }
  if (user.departmentCode && user.organisation) {
    choices.push({
      key: 'own-department',
      scope: 'department',
      scopeId: `${user.organisation.id}:${user.departmentCode}`,
      label: t('feeds.scope.department', { code: user.departmentCode }),
    });
  }
  const chosen = agencies.find(([id]) => id === filters.agency);
  if (chosen && chosen[0] !== user.organisation?.id) {
    choices.push({
      key: 'filter-agency',
      scope: 'agency',
      scopeId: chosen[0],
      label: t('feeds.scope.agency', { name: chosen[1] }),
    });
  }
  if (filters.department && filters.department !== user.departmentCode) {
    choices.push({
      key: 'filter-department',
      scope: 'department',
      scopeId: filters.department,
      label: t('feeds.scope.department', { code: filters.department }),
    });
  }
  // One's own assignments last: a department or an agency is the usual subscription.
  choices.push({
    key: 'person',
    scope: 'person',
    scopeId: user.id,
    label: t('feeds.scope.person'),
  });
  return choices;
}

function CreatedFeedBox({ feed }: { feed: CreatedFeed }) {
  const url = `${window.location.origin}${feed.path}`;
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  return (
    <Alert data-color="success">
      <Heading level={3} data-size="xs">
        {t('feeds.created.title', { label: feed.label })}
      </Heading>
      <Paragraph>{t('feeds.created.once')}</Paragraph>
      <Textfield
        label={t('feeds.created.url')}
        value={url}
        readOnly
        onFocus={(e) => e.currentTarget.select()}
      />
      <div className="row">
        <Button
          variant="secondary"
          data-size="sm"
          onClick={() => {
            navigator.clipboard.writeText(url).then(
              () => setCopied('yes'),
              () => setCopied('no'),
            );
          }}
        >
          {t('feeds.copy')}
        </Button>
        <span role="status">
          {copied === 'yes' ? t('feeds.copied') : copied === 'no' ? t('feeds.copyFailed') : ''}
        </span>
      </div>
      <Paragraph data-size="sm">{t('feeds.instructions')}</Paragraph>
    </Alert>
  );
}

function Feeds({
  me,
  filters,
  agencies,
}: {
  me: Me;
  filters: Filters;
  agencies: Array<[string, string]>;
}) {
  const [attempt, setAttempt] = useState(0);
  const feeds = useAsync(`feeds:${attempt}`, (signal) => listFeeds(signal));
  const choices = feedChoices(me, filters, agencies);
  const [choiceKey, setChoiceKey] = useState(choices[0]?.key ?? '');
  const [label, setLabel] = useState('');
  const [created, setCreated] = useState<CreatedFeed | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const choice = choices.find((c) => c.key === choiceKey) ?? choices[0];

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!choice) return;
    setBusy(true);
    setError(null);
    try {
      const feed = await createFeed({
        scope: choice.scope,
        scopeId: choice.scopeId,
        label: label.trim() || choice.label,
      });
      setCreated(feed);
      setLabel('');
      setAttempt((n) => n + 1);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (feed: Feed) => {
    setError(null);
    try {
      await revokeFeed(feed.id);
      setAttempt((n) => n + 1);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <div className="stack">
      <Paragraph>{t('feeds.intro')}</Paragraph>
      <form className="stack" onSubmit={(e) => void onSubmit(e)}>
        <Field>
          <Label>{t('feeds.scope')}</Label>
          <Select value={choice?.key ?? ''} onChange={(e) => setChoiceKey(e.currentTarget.value)}>
            {choices.map((c) => (
              <SelectOption key={c.key} value={c.key}>
                {c.label}
              </SelectOption>
            ))}
          </Select>
        </Field>
        <Field>
          <Label>{t('feeds.label')}</Label>
          <FieldDescription>{t('feeds.label.description')}</FieldDescription>
          <Input value={label} maxLength={200} onChange={(e) => setLabel(e.currentTarget.value)} />
        </Field>
        <div>
          <Button type="submit" loading={busy} disabled={busy || !choice}>
            {t('feeds.create')}
          </Button>
        </div>
      </form>
      {error && (
        <Alert data-color="danger" role="alert">
          <Paragraph>{error}</Paragraph>
        </Alert>
      )}
      {created && <CreatedFeedBox feed={created} />}
      <Heading level={3} data-size="xs">
        {t('feeds.mine')}
      </Heading>
      {feeds.status === 'loading' && <Loading rows={2} />}
      {feeds.status === 'error' && <ErrorState error={feeds.error} retry={feeds.retry} />}
      {feeds.status === 'ok' &&
        (feeds.data.items.length === 0 ? (
          <Paragraph>{t('feeds.none')}</Paragraph>
        ) : (
          <ScrollRegion label={t('feeds.mine')}>
            <Table data-size="sm" zebra>
              <caption className="visually-hidden">{t('feeds.mine')}</caption>
              <TableHead>
                <TableRow>
                  <TableHeaderCell>{t('feeds.col.label')}</TableHeaderCell>
                  <TableHeaderCell>{t('feeds.col.scope')}</TableHeaderCell>
                  <TableHeaderCell>{t('feeds.col.created')}</TableHeaderCell>
                  <TableHeaderCell>{t('feeds.col.state')}</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {feeds.data.items.map((f) => (
                  <TableRow key={f.id}>
                    <TableCell>{f.label}</TableCell>
                    <TableCell>{tOr(`feeds.kind.${f.scope}`, f.scope)}</TableCell>
                    <TableCell className="nowrap">{formatDayOf(f.createdAt)}</TableCell>
                    <TableCell>
                      {f.revokedAt ? (
                        t('feeds.revoked', { date: formatDayOf(f.revokedAt) })
                      ) : (
                        <Button variant="secondary" data-size="sm" onClick={() => void revoke(f)}>
                          {t('feeds.revoke')}
                          <span className="visually-hidden"> ({f.label})</span>
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </ScrollRegion>
        ))}
    </div>
  );
}

/** A department code the calendar's filter takes (a code the register holds may not be one). */
const calendarDepartment = (code: string) => CalendarQuery.shape.department.safeParse(code).success;

export default function CalendarPage() {
  const today = todayIso();
  const params = useSearchParams();
  const { pathname, search } = useLocation();
  const me = useMe();
  const phone = useMediaQuery(PHONE_QUERY);
  const filters = readFilters(params, today);
  const { year, month } = filters.month;
  const weeks = monthGrid(year, month);
  const from = weeks[0]?.days[0]?.iso ?? `${monthKey(year, month)}-01`;
  const to = weeks.at(-1)?.days[6]?.iso ?? lastDayOfMonth(year, month);
  const listFrom = `${monthKey(year, month)}-01`;
  const listTo = lastDayOfMonth(year, month);

  const data = useAsync(
    `calendar:${from}:${to}:${filters.agency}:${filters.department}`,
    (signal) =>
      getCalendar(
        {
          from,
          to,
          agency: filters.agency || undefined,
          department: filters.department || undefined,
        },
        signal,
      ),
  );
  // Filter choices: every agency (as the register offers them), and every owner department of
  // the register the user reads (not only those in the period shown, nor only the one chosen).
  const options = useAsync('calendar-options', async (signal) => {
    const [all, facets] = await Promise.all([
      listAllOrganisations({ kind: 'agency' }, signal),
      getFacets(signal),
    ]);
    return {
      agencies: all.items
        .map((o): [string, string] => [o.id, o.name])
        .sort(([, a], [, b]) => a.localeCompare(b, 'nb')),
      departments: facets.departments
        .filter(calendarDepartment)
        .sort((a, b) => a.localeCompare(b, 'nb')),
    };
  });
  const agencies = options.status === 'ok' ? [...options.data.agencies] : [];
  const departments = options.status === 'ok' ? [...options.data.departments] : [];
  if (filters.agency && !agencies.some(([id]) => id === filters.agency)) {
    agencies.push([filters.agency, filters.agency]);
  }
  if (filters.department && !departments.includes(filters.department)) {
    departments.push(filters.department);
  }

  const title = formatMonth(year, month);
  const prev = shiftMonth(year, month, -1);
  const next = shiftMonth(year, month, 1);
  const thisMonth = { year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) };
  const items =
    data.status === 'ok'
      ? filters.view === 'liste'
        ? data.data.items.filter((e) => {
            const d = dayOf(e);
            return d !== null && d >= listFrom && d <= listTo;
          })
        : data.data.items
      : [];

  return (
    <>
      <PageHeading
        title={t('calendar.title')}
        documentTitle={t('calendar.documentTitle', { month: title })}
      >
        <Paragraph>{t('calendar.intro')}</Paragraph>
      </PageHeading>
      <div className="stack-lg">
        <FilterForm
          key={`${filters.agency}:${filters.department}:${options.status}:${departments.join(',')}`}
          filters={filters}
          agencies={agencies}
          departments={departments}
        />
        <nav aria-label={t('calendar.nav')} className="calendar-nav">
          <div className="row">
            <AppLink href={filterUrl({ ...filters, month: prev })}>
              {t('calendar.previous')}
            </AppLink>
            <Heading level={2} data-size="sm" className="calendar-month" aria-live="polite">
              {title}
            </Heading>
            <AppLink href={filterUrl({ ...filters, month: next })}>{t('calendar.next')}</AppLink>
            {(year !== thisMonth.year || month !== thisMonth.month) && (
              <AppLink href={filterUrl({ ...filters, month: thisMonth })}>
                {t('calendar.thisMonth')}
              </AppLink>
            )}
          </div>
          <ul className="view-switch">
            {(['maaned', 'liste'] as const).map((v) => (
              <li key={v}>
                <AppLink
                  href={filterUrl({ ...filters, view: v })}
                  aria-current={filters.view === v ? 'page' : undefined}
                >
                  {t(`calendar.view.${v}`)}
                </AppLink>
              </li>
            ))}
          </ul>
        </nav>
        {data.status === 'loading' && <Loading rows={6} />}
        {data.status === 'error' && <ErrorState error={data.error} retry={data.retry} />}
        {data.status === 'ok' && data.data.truncated && (
          <Alert data-color="warning" role="status">
            {t('calendar.truncated', { max: formatNumber(CALENDAR_MAX_ENTRIES) })}
          </Alert>
        )}
        {data.status === 'ok' &&
          (filters.view === 'maaned' && phone ? (
            <Agenda
              items={items}
              today={today}
              caption={t('calendar.grid.caption', { month: title })}
              listFrom={listFrom}
              listTo={listTo}
            />
          ) : filters.view === 'maaned' ? (
            <MonthGrid
              weeks={weeks}
              items={items}
              today={today}
              caption={t('calendar.grid.caption', { month: title })}
            />
          ) : (
            <EntryList items={items} />
          ))}
        <Card>
          <section aria-labelledby="abonnement" className="stack">
            <Heading level={2} data-size="sm" id="abonnement">
              {t('feeds.title')}
            </Heading>
            {me?.user ? (
              me.abilities.subscribe && <Feeds me={me} filters={filters} agencies={agencies} />
            ) : (
              <Paragraph>
                {t('feeds.signIn')}{' '}
                <a className="ds-link" href={signInHref(me, pathname + search)}>
                  {t('user.signIn')}
                </a>
              </Paragraph>
            )}
          </section>
        </Card>
      </div>
    </>
  );
}
