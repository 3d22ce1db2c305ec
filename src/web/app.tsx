/**
 * The application shell: skip link, header with product name and main menu, the main
 * landmark, and the pages, each loaded on demand.
 */
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Button, Link, SkipLink } from '@digdir/designsystemet-react';
import { AppLink, Loading } from './components/ui';
import { LanguageSwitch } from './components/language-switch';
import { NotificationsLink } from './components/notifications-link';
import { t, tOr, type MessageKey } from './locales/nb';
import { handleLinkClick, matchRoute, paths, useLocation, type Route } from './router';
import type { Me } from '../contract/auth';
import { SessionProvider, signInHref, useLanguage, useMe, useSession } from './session';

const HomePage = lazy(() => import('./pages/home'));
const DocumentPage = lazy(() => import('./pages/document'));
const AssignmentsPage = lazy(() => import('./pages/assignments'));
const AssignmentPage = lazy(() => import('./pages/assignment'));
const SearchPage = lazy(() => import('./pages/search'));
const ImportPage = lazy(() => import('./pages/import'));
const NotFoundPage = lazy(() => import('./pages/not-found'));
const LedgerPage = lazy(() => import('./pages/ledger'));
const CalendarPage = lazy(() => import('./pages/calendar'));
const DraftsPage = lazy(() => import('./pages/drafts'));
const DraftPage = lazy(() => import('./pages/draft'));
const NotificationsPage = lazy(() => import('./pages/notifications'));
const ReportsPage = lazy(() => import('./pages/reports'));
const ReportPage = lazy(() => import('./pages/report'));
const ReportViewsPage = lazy(() => import('./pages/report-views'));
const MeetingsPage = lazy(() => import('./pages/meetings'));
const MeetingPage = lazy(() => import('./pages/meeting'));
const OpenDataPage = lazy(() => import('./pages/open-data'));

const MAIN_ID = 'hovedinnhold';
const MENU_ID = 'hovedmeny';

interface MenuItem {
  href: string;
  label: MessageKey;
  active: (r: Route) => boolean;
  /** Shown only when the server says the user may (`GET /api/me` abilities). */
  ability?: keyof Me['abilities'];
}

const menu: MenuItem[] = [
  {
    href: paths.home(),
    label: 'nav.home',
    active: (r) => r.name === 'home' || r.name === 'document',
  },
  {
    href: paths.assignments(),
    label: 'nav.assignments',
    active: (r) => r.name === 'assignments' || r.name === 'assignment',
  },
  { href: paths.ledger(), label: 'nav.ledger', active: (r) => r.name === 'ledger' },
  { href: paths.calendar(), label: 'nav.calendar', active: (r) => r.name === 'calendar' },
  { href: paths.search(), label: 'nav.search', active: (r) => r.name === 'search' },
  {
    href: paths.drafts(),
    label: 'nav.drafts',
    active: (r) => r.name === 'drafts' || r.name === 'draft',
    ability: 'readDrafts',
  },
  {
    href: paths.reports(),
    label: 'nav.reports',
    active: (r) => r.name === 'reports' || r.name === 'report' || r.name === 'report-views',
    ability: 'readReports',
  },
  {
    href: paths.meetings(),
    label: 'nav.meetings',
    active: (r) => r.name === 'meetings' || r.name === 'meeting',
    ability: 'readMeetings',
  },
  {
    href: paths.import(),
    label: 'nav.import',
    active: (r) => r.name === 'import',
    ability: 'import',
  },
];

function page(route: Route, pathname: string): ReactNode {
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'document':
      return <DocumentPage key={route.id} id={route.id} />;
    case 'assignments':
      return <AssignmentsPage />;
    case 'assignment':
      return <AssignmentPage key={route.id} id={route.id} />;
    case 'search':
      return <SearchPage />;
    case 'import':
      return <ImportPage />;
    case 'ledger':
      return <LedgerPage />;
    case 'calendar':
      return <CalendarPage />;
    case 'drafts':
      return <DraftsPage />;
    case 'draft':
      return <DraftPage key={route.id} id={route.id} />;
    case 'notifications':
      return <NotificationsPage />;
    case 'reports':
      return <ReportsPage />;
    case 'report':
      return <ReportPage key={route.id} id={route.id} />;
    case 'report-views':
      return <ReportViewsPage />;
    case 'meetings':
      return <MeetingsPage />;
    case 'meeting':
      return <MeetingPage key={route.id} id={route.id} />;
    case 'open-data':
      return <OpenDataPage />;
    case 'not-found':
      return <NotFoundPage path={pathname} />;
  }
}

/** Who is signed in, with "Logg ut"; or "Logg inn" back to the current page. */
function UserMenu() {
  const { state, logout } = useSession();
  const { pathname, search } = useLocation();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  if (state.status === 'loading') return <div className="user-menu" aria-hidden="true" />;
  const me = state.status === 'ok' ? state.me : null;
  const user = me?.user ?? null;
  if (!user) {
    return (
      <div className="user-menu">
        {/* A server page: a full navigation, not an in-app one. */}
        <Link href={signInHref(me, pathname + search)}>{t('user.signIn')}</Link>
      </div>
    );
  }
  const roles = user.roles.map((r) => tOr(`role.${r}`, r)).join(', ');
  return (
    <div className="user-menu">
      <p className="user-who">
        <span className="visually-hidden">{t('user.signedInAs')} </span>
        <strong>{user.name}</strong>
        <span className="user-detail">
          {[user.organisation?.name, roles].filter(Boolean).join(' · ')}
        </span>
      </p>
      <NotificationsLink />
      <Button
        variant="secondary"
        data-size="sm"
        loading={busy}
        onClick={() => {
          setBusy(true);
          setFailed(false);
          logout().catch(() => {
            setBusy(false);
            setFailed(true);
          });
        }}
      >
        {t('user.signOut')}
      </Button>
      {failed && (
        <span role="alert" className="user-error">
          {t('user.signOutFailed')}
        </span>
      )}
    </div>
  );
}

export function App() {
  return (
    <SessionProvider>
      <Shell />
    </SessionProvider>
  );
}

function Shell() {
  const { pathname } = useLocation();
  const route = matchRoute(pathname);
  const me = useMe();
  // A new language re-renders the header in place (the switch keeps focus) and the page anew.
  const language = useLanguage();
  // On phones the menu is behind a button; it is open on the page where it was opened, so
  // choosing a page closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const items = menu.filter((item) => !item.ability || me?.abilities[item.ability] === true);
  return (
    <>
      <SkipLink href={`#${MAIN_ID}`}>{t('app.skipToMain')}</SkipLink>
      <header className="site-header">
        <div className="site-header-inner">
          <a className="brand" href={paths.home()} onClick={handleLinkClick}>
            <span className="brand-mark" aria-hidden="true">
              T
            </span>
            <span className="brand-name">{t('app.name')}</span>
          </a>
          <Button
            type="button"
            variant="secondary"
            data-size="sm"
            className="menu-toggle"
            aria-expanded={open}
            aria-controls={MENU_ID}
            onClick={() => setOpenOn(open ? null : pathname)}
          >
            {t('nav.menu')}
          </Button>
          <div className="site-menu" id={MENU_ID} data-open={open}>
            <nav aria-label={t('nav.label')} className="site-nav">
              <ul>
                {items.map((item) => {
                  const active = item.active(route);
                  return (
                    <li key={item.href}>
                      <AppLink
                        href={item.href}
                        className="site-nav-link"
                        aria-current={active ? 'page' : undefined}
                      >
                        {t(item.label)}
                      </AppLink>
                    </li>
                  );
                })}
              </ul>
            </nav>
            <LanguageSwitch />
            <UserMenu />
          </div>
        </div>
      </header>
      <main id={MAIN_ID} tabIndex={-1} className="site-main">
        <Suspense key={language} fallback={<Loading />}>
          {page(route, pathname)}
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
        <p>
          <AppLink href={paths.openData()}>{t('nav.openData')}</AppLink>
        </p>
      </footer>
    </>
  );
}
