import { useEffect } from 'react';
import { Button, Pagination, PaginationItem, PaginationList } from '@digdir/designsystemet-react';
import { t } from '../locales/nb';
import { handleLinkClick } from '../router';

/** Where the pages of one list (its filters) start, by page number, in this tab. */
type Trail = Record<number, string>;

const trailKey = (list: string) => `tildel:pages:${list}`;

function readTrail(list: string): Trail {
  try {
    return JSON.parse(sessionStorage.getItem(trailKey(list)) ?? '{}') as Trail;
  } catch {
    return {};
  }
}

/**
 * Links between the pages of a list the server reads by cursor (src/contract/pagination.ts):
 * the first page, the page before and the next one, each a bookmarkable URL (the cursor is in
 * it). The page before is offered when this tab came through it (its cursor is kept per list in
 * sessionStorage); from a shared link to a later page, the way back is the first page.
 */
export function CursorPager({
  list,
  page,
  cursor,
  nextCursor,
  href,
  label,
}: {
  /** The list with its filters (the URL without the page): the trail is kept per list. */
  list: string;
  /** The page shown (1 for the first), as the URL says. */
  page: number;
  /** The cursor the page was read from ('' for the first). */
  cursor: string;
  nextCursor: string | null;
  href: (page: number, cursor: string) => string;
  label: string;
}) {
  useEffect(() => {
    const trail = readTrail(list);
    trail[page] = cursor;
    try {
      sessionStorage.setItem(trailKey(list), JSON.stringify(trail));
    } catch {
      // Storage full or off: the page before is then not offered.
    }
  }, [list, page, cursor]);
  const before = page === 2 ? '' : page > 2 ? readTrail(list)[page - 1] : undefined;
  if (page <= 1 && nextCursor === null) return null;
  const link = (to: string, text: string, extra: { rel?: string; current?: boolean } = {}) => (
    <Button asChild variant="tertiary">
      <a
        href={to}
        onClick={handleLinkClick}
        rel={extra.rel}
        aria-current={extra.current ? 'true' : undefined}
      >
        {text}
      </a>
    </Button>
  );
  return (
    <Pagination aria-label={label}>
      <PaginationList>
        {page > 2 && (
          <PaginationItem>{link(href(1, ''), t('assignments.firstPage'))}</PaginationItem>
        )}
        {before !== undefined && (
          <PaginationItem>
            {link(href(page - 1, before), t('assignments.previous'), { rel: 'prev' })}
          </PaginationItem>
        )}
        <PaginationItem>
          {link(href(page, cursor), t('assignments.pageN', { page }), { current: true })}
        </PaginationItem>
        {nextCursor !== null && (
          <PaginationItem>
            {link(href(page + 1, nextCursor), t('assignments.next'), { rel: 'next' })}
          </PaginationItem>
        )}
      </PaginationList>
    </Pagination>
  );
}
