/**
 * A small router on the History API: bookmarkable paths and query strings, back/forward,
 * and links that navigate without reloading the page.
 */
import { useSyncExternalStore, type MouseEvent } from 'react';

const NAVIGATE_EVENT = 'tildel:navigate';

export interface Location {
  pathname: string;
  search: string;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

/** The current location; re-renders on navigation. */
export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot, snapshot);
  const q = href.indexOf('?');
  return q < 0
    ? { pathname: href, search: '' }
    : { pathname: href.slice(0, q), search: href.slice(q) };
}

/** The current query string as URLSearchParams. */
export function useSearchParams(): URLSearchParams {
  return new URLSearchParams(useLocation().search);
}

let navigations = 0;

/** How many in-app navigations have happened (0 on first load). */
export function navigationCount(): number {
  return navigations;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = new URL(to, window.location.href);
  const next = url.pathname + url.search + url.hash;
  if (next === window.location.pathname + window.location.search + window.location.hash) return;
  if (options.replace) window.history.replaceState(null, '', next);
  else window.history.pushState(null, '', next);
  navigations++;
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
  if (!url.hash && !options.replace) window.scrollTo(0, 0);
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    navigations++;
  });
}

/** Click handler for <a href>: navigates in-app for plain left clicks on same-origin links. */
export function handleLinkClick(event: MouseEvent<HTMLAnchorElement>): void {
  const a = event.currentTarget;
  if (
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey ||
    (a.target && a.target !== '_self') ||
    a.hasAttribute('download')
  ) {
    return;
  }
  const url = new URL(a.href, window.location.href);
  if (url.origin !== window.location.origin || url.pathname.startsWith('/api/')) return;
  // Same-page anchors (the skip link) keep the browser's own behaviour.
  if (
    url.hash &&
    url.pathname === window.location.pathname &&
    url.search === window.location.search
  )
    return;
  event.preventDefault();
  navigate(url.pathname + url.search + url.hash);
}

export type Route =
  | { name: 'home' }
  | { name: 'document'; id: string }
  | { name: 'assignments' }
  | { name: 'assignment'; id: string }
  | { name: 'search' }
  | { name: 'import' }
  | { name: 'ledger' }
  | { name: 'calendar' }
  | { name: 'drafts' }
  | { name: 'draft'; id: string }
  | { name: 'notifications' }
  | { name: 'reports' }
  | { name: 'report'; id: string }
  | { name: 'report-views' }
  | { name: 'meetings' }
  | { name: 'meeting'; id: string }
  | { name: 'open-data' }
  | { name: 'not-found' };

function decode(part: string | undefined): string {
  try {
    return decodeURIComponent(part ?? '');
  } catch {
    return part ?? '';
  }
}

const patterns: Array<[RegExp, (m: RegExpExecArray) => Route]> = [
  [/^\/$/, () => ({ name: 'home' })],
  [/^\/dokumenter\/([^/]+)\/?$/, (m) => ({ name: 'document', id: decode(m[1]) })],
  [/^\/oppdrag\/?$/, () => ({ name: 'assignments' })],
  [/^\/oppdrag\/([^/]+)\/?$/, (m) => ({ name: 'assignment', id: decode(m[1]) })],
  [/^\/sok\/?$/, () => ({ name: 'search' })],
  [/^\/import\/?$/, () => ({ name: 'import' })],
  [/^\/bevilgninger\/?$/, () => ({ name: 'ledger' })],
  [/^\/kalender\/?$/, () => ({ name: 'calendar' })],
  [/^\/utkast\/?$/, () => ({ name: 'drafts' })],
  [/^\/utkast\/([^/]+)\/?$/, (m) => ({ name: 'draft', id: decode(m[1]) })],
  [/^\/varsler\/?$/, () => ({ name: 'notifications' })],
  [/^\/rapporter\/?$/, () => ({ name: 'reports' })],
  [/^\/rapporter\/oversikt\/?$/, () => ({ name: 'report-views' })],
  [/^\/rapporter\/([^/]+)\/?$/, (m) => ({ name: 'report', id: decode(m[1]) })],
  [/^\/moter\/?$/, () => ({ name: 'meetings' })],
  [/^\/moter\/([^/]+)\/?$/, (m) => ({ name: 'meeting', id: decode(m[1]) })],
  [/^\/apne-data\/?$/, () => ({ name: 'open-data' })],
];

export function matchRoute(pathname: string): Route {
  for (const [pattern, build] of patterns) {
    const m = pattern.exec(pathname);
    if (m) return build(m);
  }
  return { name: 'not-found' };
}

export const paths = {
  home: () => '/',
  document: (id: string, lines?: { startLine: number; endLine: number }) =>
    `/dokumenter/${encodeURIComponent(id)}${lines ? `?kilde=${lines.startLine}-${lines.endLine}` : ''}`,
  assignments: (query = '') => `/oppdrag${query}`,
  assignment: (id: string) => `/oppdrag/${encodeURIComponent(id)}`,
  search: (q?: string) => (q ? `/sok?q=${encodeURIComponent(q)}` : '/sok'),
  import: () => '/import',
  drafts: () => '/utkast',
  draft: (id: string) => `/utkast/${encodeURIComponent(id)}`,
  notifications: () => '/varsler',
  /** `virksomhet` is the agency's id (links from before ids named it; the page resolves those). */
  ledger: (q: { agencyId?: string; year?: number; document?: string } = {}) => {
    const params = new URLSearchParams();
    if (q.year !== undefined) params.set('aar', String(q.year));
    if (q.agencyId) params.set('virksomhet', q.agencyId);
    if (q.document) params.set('dokument', q.document);
    const s = params.toString();
    return s ? `/bevilgninger?${s}` : '/bevilgninger';
  },
  calendar: (query = '') => `/kalender${query}`,
  /** `virksomhet` is the agency's id, `aar` the year. */
  reports: (q: { agencyId?: string; year?: number } = {}) => {
    const params = new URLSearchParams();
    if (q.agencyId) params.set('virksomhet', q.agencyId);
    if (q.year !== undefined) params.set('aar', String(q.year));
    const s = params.toString();
    return s ? `/rapporter?${s}` : '/rapporter';
  },
  report: (id: string) => `/rapporter/${encodeURIComponent(id)}`,
  /** The ministry's views of the reports (`virksomhet` for one agency, `aar`). */
  reportViews: (q: { agencyId?: string; year?: number } = {}) => {
    const params = new URLSearchParams();
    if (q.agencyId) params.set('virksomhet', q.agencyId);
    if (q.year !== undefined) params.set('aar', String(q.year));
    const s = params.toString();
    return s ? `/rapporter/oversikt?${s}` : '/rapporter/oversikt';
  },
  /** Governance meetings of an agency-year (`virksomhet`, `aar`, as for reports). */
  meetings: (q: { agencyId?: string; year?: number } = {}) => {
    const params = new URLSearchParams();
    if (q.agencyId) params.set('virksomhet', q.agencyId);
    if (q.year !== undefined) params.set('aar', String(q.year));
    const s = params.toString();
    return s ? `/moter?${s}` : '/moter';
  },
  meeting: (id: string) => `/moter/${encodeURIComponent(id)}`,
  /** Open data: the issued letters' files for everyone (contract OPEN_DATA_PAGE). */
  openData: () => '/apne-data',
};
