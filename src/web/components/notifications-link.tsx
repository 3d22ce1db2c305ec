/**
 * The header's link to the notifications (/varsler) with how many are unread. The count is
 * read at most once a minute (on navigation when it is older, and every minute while the tab
 * is shown), and at once when a page marks notifications read. The API client loads on demand,
 * as the session does, so the shell stays small.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { t } from '../locales/nb';
import { paths, useLocation } from '../router';
import { AppLink } from './ui';

const CHANGED = 'tildel:notifications';
/** The count is asked for at most this often. */
const POLL_MS = 60_000;

/** Tells the header that the unread count may have changed (notifications were marked read). */
export function announceNotificationsChanged(): void {
  window.dispatchEvent(new Event(CHANGED));
}

export function NotificationsLink() {
  const { pathname } = useLocation();
  const [unread, setUnread] = useState<number | null>(null);
  const last = useRef(0);

  const check = useCallback(async (force: boolean) => {
    if (!force && Date.now() - last.current < POLL_MS) return;
    last.current = Date.now();
    try {
      const api = await import('../api');
      const list = await api.listNotifications({ limit: 1 });
      setUnread(list.unread);
    } catch {
      // The count is a hint; the page itself says what went wrong.
    }
  }, []);

  useEffect(() => {
    void check(false);
  }, [pathname, check]);

  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void check(true);
    }, POLL_MS);
    const onChanged = () => void check(true);
    window.addEventListener(CHANGED, onChanged);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(CHANGED, onChanged);
    };
  }, [check]);

  const active = pathname === paths.notifications();
  return (
    <AppLink
      href={paths.notifications()}
      className="notifications-link"
      aria-current={active ? 'page' : undefined}
    >
      {t('notifications.link')}
      {unread !== null && unread > 0 && (
        <span className="notifications-badge">
          {unread > 99 ? '99+' : unread}
          <span className="visually-hidden"> {t('notifications.link.unread')}</span>
        </span>
      )}
    </AppLink>
  );
}
