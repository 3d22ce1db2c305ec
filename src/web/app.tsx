/**
 * The application shell: skip link, header with product name and main menu, the main
 * landmark, and the pages, each loaded on demand.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { SkipLink } from '@digdir/designsystemet-react';
import { AppLink, Loading } from './components/ui';
import { t, type MessageKey } from './locales/nb';
import { handleLinkClick, matchRoute, paths, useLocation, type Route } from './router';

const HomePage = lazy(() => import('./pages/home'));
const DocumentPage = lazy(() => import('./pages/document'));
const AssignmentsPage = lazy(() => import('./pages/assignments'));
const AssignmentPage = lazy(() => import('./pages/assignment'));
const SearchPage = lazy(() => import('./pages/search'));
const ImportPage = lazy(() => import('./pages/import'));
const NotFoundPage = lazy(() => import('./pages/not-found'));

const MAIN_ID = 'hovedinnhold';

const menu: Array<{ href: string; label: MessageKey; active: (r: Route) => boolean }> = [
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
  { href: paths.search(), label: 'nav.search', active: (r) => r.name === 'search' },
  { href: paths.import(), label: 'nav.import', active: (r) => r.name === 'import' },
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
    case 'not-found':
      return <NotFoundPage path={pathname} />;
  }
}

export function App() {
  const { pathname } = useLocation();
  const route = matchRoute(pathname);
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
          <nav aria-label={t('nav.label')} className="site-nav">
            <ul>
              {menu.map((item) => {
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
        </div>
      </header>
      <main id={MAIN_ID} tabIndex={-1} className="site-main">
        <Suspense fallback={<Loading />}>{page(route, pathname)}</Suspense>
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}
