/**
 * A governance meeting's status as a tag, and where a draft assignment comes from: the meeting
 * whose decision it was made from (the server finds the meeting by the decision's id).
 */
import { Paragraph, Tag } from '@digdir/designsystemet-react';
import type { MeetingStatus } from '../../contract/enums';
import { listMeetings } from '../api';
import { formatDate } from '../format';
import { useAsync } from '../hooks';
import { t, tOr } from '../locales/nb';
import { paths } from '../router';
import { AppLink } from './ui';

export function MeetingStatusTag({ status }: { status: MeetingStatus }) {
  return (
    <Tag data-color={status === 'held' ? 'success' : 'neutral'} data-size="sm">
      {tOr(`meetingStatus.${status}`, status)}
    </Tag>
  );
}

/** "Fra etatsstyringsmøte …" with a link to the meeting a draft assignment's decision is from. */
export function MeetingOrigin({ decisionId }: { decisionId: string }) {
  const found = useAsync(`meeting-of:${decisionId}`, (signal) =>
    listMeetings({ decision: decisionId }, signal),
  );
  const meeting = found.status === 'ok' ? found.data.meetings[0] : undefined;
  if (!meeting) return null;
  const label = meeting.date
    ? t('meeting.origin.dated', { title: meeting.title, date: formatDate(meeting.date) })
    : meeting.title;
  return (
    <Paragraph data-size="sm" className="meeting-origin">
      {t('meeting.origin')}{' '}
      <AppLink href={`${paths.meeting(meeting.id)}#vedtak-${decisionId}`}>{label}</AppLink>
    </Paragraph>
  );
}
