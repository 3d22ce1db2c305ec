/**
 * The governance meetings (etatsstyringsmøter) between the ministry and an agency for a year
 * (issue 15): choose the agency and the year (the user's own agency and this year by default),
 * and the list the server makes from the letters' calendar, with the date and whether the
 * meeting is held. The ministry's officers can plan a meeting the calendar does not have. The
 * page decides no rule: what may be done comes from the server (`canCreate`).
 */
import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
  Textfield,
} from '@digdir/designsystemet-react';
import type { MeetingList as MeetingListPage } from '../../contract/meeting';
import { createMeeting, listMeetings, listAllOrganisations } from '../api';
import { AgencyYearChooser } from '../components/agency-year-chooser';
import { MeetingStatusTag } from '../components/meeting';
import { ShowMore, useMorePages } from '../components/more';
import {
  AppLink,
  ErrorState,
  Loading,
  PageHeading,
  ScrollRegion,
  Section,
  errorMessage,
} from '../components/ui';
import { formatDate, parseIsoDate, todayIso } from '../format';
import { useAsync } from '../hooks';
import { t } from '../locales/nb';
import { navigate, paths, useSearchParams } from '../router';
import { useMe } from '../session';

const currentYear = () => Number(todayIso().slice(0, 4));

export default function MeetingsPage() {
  const me = useMe();
  const params = useSearchParams();
  const yearParam = Number(params.get('aar'));
  const year = Number.isInteger(yearParam) && yearParam >= 1900 ? yearParam : currentYear();
  const agencies = useAsync('meeting-agencies', (signal) =>
    listAllOrganisations({ kind: 'agency' }, signal),
  );
  const own = me?.user?.organisation?.kind === 'agency' ? me.user.organisation.id : null;
  const options = agencies.status === 'ok' ? agencies.data.items : [];
  const agencyId = params.get('virksomhet') || own || options[0]?.id || '';
  const agency = options.find((a) => a.id === agencyId);

  return (
    <>
      <PageHeading title={t('meetings.title')}>
        <Paragraph>{t('meetings.intro')}</Paragraph>
      </PageHeading>
      {agencies.status === 'loading' && <Loading rows={2} />}
      {agencies.status === 'error' && <ErrorState error={agencies.error} retry={agencies.retry} />}
      {agencies.status === 'ok' && (
        <>
          <AgencyYearChooser
            agencies={options}
            agencyId={agencyId}
            year={year}
            show={t('meetings.show')}
            path={paths.meetings}
          />
          {agencyId ? (
            <MeetingList agencyId={agencyId} agencyName={agency?.name ?? ''} year={year} />
          ) : (
            <Paragraph>{t('meetings.noAgency')}</Paragraph>
          )}
        </>
      )}
    </>
  );
}

function MeetingList({
  agencyId,
  agencyName,
  year,
}: {
  agencyId: string;
  agencyName: string;
  year: number;
}) {
  const meetings = useAsync(`meetings:${agencyId}:${year}`, (signal) =>
    listMeetings({ agency: agencyId, year }, signal),
  );
  const caption = t('meetings.list', { agency: agencyName, year });
  return (
    <>
      <Section id="meetings-list" title={caption}>
        {meetings.status === 'loading' && <Loading />}
        {meetings.status === 'error' && (
          <ErrorState error={meetings.error} retry={meetings.retry} />
        )}
        {meetings.status === 'ok' && (
          <MeetingRows first={meetings.data} agencyId={agencyId} year={year} caption={caption} />
        )}
      </Section>
      {meetings.status === 'ok' && meetings.data.canCreate && (
        <NewMeeting
          key={`${agencyId}:${year}`}
          agencyId={agencyId}
          agencyName={agencyName}
          year={year}
        />
      )}
    </>
  );
}

/** One agency-year's meetings, a page at a time («Vis flere» adds the next). */
function MeetingRows({
  first,
  agencyId,
  year,
  caption,
}: {
  first: MeetingListPage;
  agencyId: string;
  year: number;
  caption: string;
}) {
  const pages = useMorePages({ items: first.meetings, nextCursor: first.nextCursor }, (cursor) =>
    listMeetings({ agency: agencyId, year, cursor }).then((p) => ({
      items: p.meetings,
      nextCursor: p.nextCursor,
    })),
  );
  return pages.items.length === 0 ? (
    <Paragraph>{t('meetings.none')}</Paragraph>
  ) : (
    <div className="stack">
      <ScrollRegion label={caption}>
        <Table>
          <caption className="visually-hidden">{caption}</caption>
          <TableHead>
            <TableRow>
              <TableHeaderCell>{t('meetings.column.title')}</TableHeaderCell>
              <TableHeaderCell>{t('meetings.column.date')}</TableHeaderCell>
              <TableHeaderCell>{t('meetings.column.status')}</TableHeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {pages.items.map((m) => (
              <TableRow key={m.id}>
                <TableCell>
                  <AppLink href={paths.meeting(m.id)}>
                    {m.date
                      ? t('meetings.linkText', { title: m.title, date: formatDate(m.date) })
                      : m.title}
                  </AppLink>
                </TableCell>
                <TableCell className="nowrap">
                  {m.date ? formatDate(m.date) : t('meeting.noDate')}
                </TableCell>
                <TableCell>
                  <MeetingStatusTag status={m.status} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ScrollRegion>
      <ShowMore pages={pages} />
    </div>
  );
}

/** The ministry plans a meeting the calendar does not have. */
function NewMeeting({
  agencyId,
  agencyName,
  year,
}: {
  agencyId: string;
  agencyName: string;
  year: number;
}) {
  const [title, setTitle] = useState(t('meetings.new.defaultTitle'));
  const [date, setDate] = useState('');
  const [missing, setMissing] = useState({ title: false, date: false });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const m = { title: title.trim() === '', date: parseIsoDate(date) === null };
    setMissing(m);
    if (m.title || m.date) return;
    setBusy(true);
    setError(null);
    try {
      const meeting = await createMeeting({ agencyId, year, title: title.trim(), date });
      navigate(paths.meeting(meeting.id));
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <Section id="meetings-new" title={t('meetings.new')}>
      <Paragraph>{t('meetings.new.about', { agency: agencyName, year })}</Paragraph>
      <form className="stack report-new no-print" onSubmit={(e) => void onSubmit(e)} noValidate>
        <Textfield
          label={t('meetings.new.title')}
          value={title}
          maxLength={500}
          error={missing.title ? t('meetings.new.titleMissing') : undefined}
          onChange={(e) => setTitle(e.target.value)}
        />
        <Textfield
          label={t('meetings.new.date')}
          type="date"
          value={date}
          error={missing.date ? t('meetings.new.dateMissing') : undefined}
          onChange={(e) => setDate(e.target.value)}
        />
        <div>
          <Button type="submit" loading={busy} disabled={busy}>
            {t('meetings.new.create')}
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
