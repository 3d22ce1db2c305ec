import {
  Button,
  Pagination,
  PaginationItem,
  PaginationList,
  usePagination,
} from '@digdir/designsystemet-react';
import { t } from '../locales/nb';
import { handleLinkClick } from '../router';

/** Page links (bookmarkable) for a server-paginated list. */
export function Pager({
  current,
  total,
  href,
  label,
}: {
  current: number;
  total: number;
  href: (page: number) => string;
  label: string;
}) {
  const { pages, hasPrev, hasNext } = usePagination({
    currentPage: current,
    totalPages: total,
    showPages: 7,
  });
  if (total <= 1) return null;
  return (
    <Pagination aria-label={label}>
      <PaginationList>
        <PaginationItem>
          {hasPrev ? (
            <Button asChild variant="tertiary">
              <a href={href(current - 1)} onClick={handleLinkClick} rel="prev">
                {t('assignments.previous')}
              </a>
            </Button>
          ) : (
            <span aria-hidden="true" />
          )}
        </PaginationItem>
        {pages.map(({ page, itemKey }) => (
          <PaginationItem key={itemKey}>
            {typeof page === 'number' ? (
              <Button asChild variant="tertiary">
                <a
                  href={href(page)}
                  onClick={handleLinkClick}
                  aria-current={page === current ? 'true' : undefined}
                  aria-label={t('assignments.pageN', { page })}
                >
                  {page}
                </a>
              </Button>
            ) : (
              <span aria-hidden="true">…</span>
            )}
          </PaginationItem>
        ))}
        <PaginationItem>
          {hasNext ? (
            <Button asChild variant="tertiary">
              <a href={href(current + 1)} onClick={handleLinkClick} rel="next">
                {t('assignments.next')}
              </a>
            </Button>
          ) : (
            <span aria-hidden="true" />
          )}
        </PaginationItem>
      </PaginationList>
    </Pagination>
  );
}
