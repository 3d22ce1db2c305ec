/**
 * The signed-in person's notifications (/varsler), each told as a sentence from its kind and
 * values with a link to what it is about, "Merk alle som lest", and the person's own settings of
 * what Tildel sends them (language, reminder days, weekly digest, no e-mail).
 */
import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Field,
  Label,
  Link,
  Paragraph,
  Select,
  SelectOption,
  Tag,
  Textfield,
} from '@digdir/designsystemet-react';
import type {
  Notification,
  NotificationList as NotificationListPage,
} from '../../contract/follow-up';
import type { UserSettings } from '../../contract/settings';
import { LANGUAGES, type Language } from '../../contract/enums';
import { getSettings, listNotifications, markNotificationsRead, saveSettings } from '../api';
import { AppLink, ErrorState, Loading, PageHeading, Section, errorMessage } from '../components/ui';
import { formatDate, formatDateTime, formatNumber, relativeDays } from '../format';
import { useAsync, useFocusAfterRender } from '../hooks';
import { t, tOr, type MessageKey } from '../locales/nb';
import { paths, useLocation } from '../router';
import { signInHref, useMe, useSession } from '../session';
import { announceNotificationsChanged } from '../components/notifications-link';
import { ShowMore, useMorePages } from '../components/more';

const text = (v: string | number | null | undefined): string | null =>
  v === null || v === undefined || v === '' ? null : String(v);

/** «TB2026-01 «Nasjonal katalog»», or what of it is known. */
function itemOf(p: Notification['params']): string {
  const id = text(p.registerId);
  const title = text(p.title);
  if (id && title) return t('notifications.item', { id, title });
  return id ?? title ?? t('notifications.anAssignment');
}

function whenOf(p: Notification['params']): string {
  const date = text(p.date);
  const days = typeof p.days === 'number' ? p.days : null;
  if (date && days !== null && days >= 0)
    return t('notifications.when', { date: formatDate(date), when: relativeDays(days) });
  return date ? formatDate(date) : '';
}

/** A notification as a sentence, from its kind and values. */
function notificationText(n: Notification): string {
  const p = n.params;
  const item = itemOf(p);
  const reason = text(p.reason);
  switch (n.kind) {
    case 'deadline-near':
      return t('notifications.deadline-near', { item, when: whenOf(p) });
    case 'deadline-passed': {
      const date = text(p.date);
      return date
        ? t('notifications.deadline-passed', { item, date: formatDate(date) })
        : t('notifications.deadline-passed.undated', { item });
    }
    case 'calendar-near':
      return t('notifications.calendar-near', {
        title: text(p.title) ?? t('notifications.aCalendarItem'),
        when: whenOf(p),
      });
    case 'draft-shared':
      return t('notifications.draft-shared', {
        kind: tOr(`kind.${text(p.kind) ?? ''}`, t('notifications.aLetter')).toLowerCase(),
        year: text(p.year) ?? '',
        round: text(p.round) ?? '1',
      });
    case 'delivered':
      return t('notifications.delivered', { item });
    case 'delivery-accepted':
      return t('notifications.delivery-accepted', { item });
    case 'delivery-returned':
      return reason
        ? t('notifications.delivery-returned', { item, reason })
        : t('notifications.delivery-returned.noReason', { item });
    case 'owner-assigned':
      return t('notifications.owner-assigned', { item });
    case 'delivery-withdrawn':
      return t('notifications.delivery-withdrawn', { item });
    case 'report-submitted':
      return t('notifications.report-submitted', {
        title: text(p.title) ?? '',
        agency: text(p.agency) ?? '',
      });
    case 'report-returned':
      return reason
        ? t('notifications.report-returned', { title: text(p.title) ?? '', reason })
        : t('notifications.report-returned.noReason', { title: text(p.title) ?? '' });
    case 'report-accepted':
      return t('notifications.report-accepted', { title: text(p.title) ?? '' });
  }
}

function linkOf(n: Notification): { href: string; label: MessageKey } | null {
  if (n.assignmentId)
    return { href: paths.assignment(n.assignmentId), label: 'notifications.open.assignment' };
  if (n.draftId) return { href: paths.draft(n.draftId), label: 'notifications.open.draft' };
  if (n.reportId) return { href: paths.report(n.reportId), label: 'notifications.open.report' };
  return null;
}

function NotificationList({ reloadKey, onRead }: { reloadKey: number; onRead: () => void }) {
  const list = useAsync(`notifications:${reloadKey}`, (signal) =>
    listNotifications({ limit: 100 }, signal),
  );
  if (list.status === 'loading') return <Loading rows={5} />;
  if (list.status === 'error') return <ErrorState error={list.error} retry={list.retry} />;
  return <NotificationRows first={list.data} onRead={onRead} />;
}

/** The notifications, newest first: a page, and «Vis flere» for older ones. */
function NotificationRows({ first, onRead }: { first: NotificationListPage; onRead: () => void }) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const pages = useMorePages(first, (cursor) => listNotifications({ limit: 100, cursor }));
  const { items } = pages;
  const { unread } = first;
  const markAll = async () => {
    setBusy(true);
    setFailed(null);
    try {
      await markNotificationsRead('all');
      announceNotificationsChanged();
      onRead();
    } catch (error) {
      setFailed(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  const markOne = (n: Notification) => {
    if (n.read) return;
    markNotificationsRead([n.id]).then(announceNotificationsChanged, () => undefined);
  };
  return (
    <div className="stack">
      <div className="row">
        <Paragraph role="status">
          {unread === 0
            ? t('notifications.noneUnread')
            : unread === 1
              ? t('notifications.unreadOne')
              : t('notifications.unread', { count: formatNumber(unread) })}
        </Paragraph>
        {unread > 0 && (
          <Button
            type="button"
            variant="secondary"
            data-size="sm"
            loading={busy}
            disabled={busy}
            onClick={() => void markAll()}
          >
            {t('notifications.markAll')}
          </Button>
        )}
      </div>
      {failed && (
        <Alert data-color="danger" role="alert">
          <Paragraph>{failed}</Paragraph>
        </Alert>
      )}
      {items.length === 0 ? (
        <Paragraph>{t('notifications.empty')}</Paragraph>
      ) : (
        <ul className="notification-list" aria-label={t('notifications.title')}>
          {items.map((n) => {
            const link = linkOf(n);
            return (
              <li key={n.id} data-read={n.read}>
                <span className="row">
                  {!n.read && (
                    <Tag data-color="info" data-size="sm">
                      {t('notifications.new')}
                    </Tag>
                  )}
                  <time dateTime={n.at} className="muted">
                    {formatDateTime(n.at)}
                  </time>
                </span>
                <span>{notificationText(n)}</span>
                {link && (
                  <span onClickCapture={() => markOne(n)}>
                    <AppLink href={link.href}>{t(link.label)}</AppLink>
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <ShowMore pages={pages} />
    </div>
  );
}

const LANGUAGE_LABELS: Record<Language, MessageKey> = {
  nb: 'settings.language.nb',
  nn: 'settings.language.nn',
  en: 'settings.language.en',
};

/** «7, 1» → [7, 1]; null when it is not up to five different whole days from 0 to 60. */
function parseReminderDays(value: string): number[] | null {
  const parts = value
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.some((p) => !/^\d{1,2}$/.test(p))) return null;
  const days = parts.map(Number);
  if (days.some((d) => d > 60) || days.length > 5 || new Set(days).size !== days.length)
    return null;
  return days.sort((a, b) => b - a);
}

function SettingsForm({ settings }: { settings: UserSettings }) {
  const [language, setLanguage] = useState<Language>(settings.language);
  const [days, setDays] = useState(settings.reminderDays.join(', '));
  const [digest, setDigest] = useState(settings.weeklyDigest);
  const [mailOff, setMailOff] = useState(settings.mailOff);
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [resultRef, focusResult] = useFocusAfterRender<HTMLDivElement>();
  const { reload } = useSession();
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reminderDays = parseReminderDays(days);
    if (!reminderDays) {
      setInvalid(true);
      return;
    }
    setBusy(true);
    try {
      const saved = await saveSettings({ language, reminderDays, weeklyDigest: digest, mailOff });
      setDays(saved.reminderDays.join(', '));
      setResult({ ok: true, text: t('settings.saved') });
      // The web client speaks the person's language too: read it again with the session.
      if (saved.language !== settings.language) reload();
    } catch (error) {
      setResult({ ok: false, text: errorMessage(error) });
    } finally {
      setBusy(false);
      focusResult();
    }
  };
  return (
    <form className="stack settings-form" onSubmit={(e) => void onSubmit(e)}>
      <Paragraph data-size="sm">
        {settings.email ? t('settings.email', { email: settings.email }) : t('settings.noEmail')}
      </Paragraph>
      <Field>
        <Label>{t('settings.language')}</Label>
        <Select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
          {LANGUAGES.map((l) => (
            <SelectOption key={l} value={l}>
              {t(LANGUAGE_LABELS[l])}
            </SelectOption>
          ))}
        </Select>
      </Field>
      <Textfield
        label={t('settings.reminderDays')}
        description={t('settings.reminderDays.description')}
        value={days}
        inputMode="numeric"
        error={invalid ? t('settings.reminderDays.invalid') : undefined}
        onChange={(e) => {
          setDays(e.target.value);
          setInvalid(false);
        }}
      />
      <Checkbox
        label={t('settings.weeklyDigest')}
        checked={digest}
        onChange={(e) => setDigest(e.target.checked)}
      />
      <Checkbox
        label={t('settings.mailOff')}
        description={t('settings.mailOff.description')}
        checked={mailOff}
        onChange={(e) => setMailOff(e.target.checked)}
      />
      <div>
        <Button type="submit" loading={busy} disabled={busy}>
          {t('settings.save')}
        </Button>
      </div>
      <div ref={resultRef} tabIndex={-1} aria-live="polite">
        {result && (
          <Alert
            data-color={result.ok ? 'success' : 'danger'}
            role={result.ok ? undefined : 'alert'}
          >
            <Paragraph>{result.text}</Paragraph>
          </Alert>
        )}
      </div>
    </form>
  );
}

function Settings() {
  const settings = useAsync('settings', (signal) => getSettings(signal));
  if (settings.status === 'loading') return <Loading rows={3} />;
  if (settings.status === 'error')
    return <ErrorState error={settings.error} retry={settings.retry} />;
  return <SettingsForm settings={settings.data} />;
}

export default function NotificationsPage() {
  const { state } = useSession();
  const me = useMe();
  const { pathname, search } = useLocation();
  const [reloads, setReloads] = useState(0);
  if (state.status === 'loading') {
    return (
      <>
        <PageHeading title={t('notifications.title')} />
        <Loading rows={4} />
      </>
    );
  }
  if (!me?.user) {
    return (
      <>
        <PageHeading title={t('notifications.title')} />
        <Paragraph>
          {t('notifications.signIn')}{' '}
          <Link href={signInHref(me, pathname + search)}>{t('user.signIn')}</Link>
        </Paragraph>
      </>
    );
  }
  return (
    <>
      <PageHeading title={t('notifications.title')}>
        <Paragraph>{t('notifications.intro')}</Paragraph>
      </PageHeading>
      <div className="stack-lg">
        <Section id="varsler" title={t('notifications.list')}>
          <NotificationList reloadKey={reloads} onRead={() => setReloads((n) => n + 1)} />
        </Section>
        <Section id="innstillinger" title={t('settings.title')}>
          <Settings />
        </Section>
      </div>
    </>
  );
}
