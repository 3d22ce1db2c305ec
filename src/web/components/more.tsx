import { useState } from 'react';
import { Alert, Button, Paragraph } from '@digdir/designsystemet-react';
import { t } from '../locales/nb';
import { errorMessage } from './ui';

/** One page of a list the server reads by cursor (src/contract/pagination.ts). */
export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** A list shown page by page: the first page, and the pages added below it by «Vis flere». */
export interface MorePages<T> extends ListPage<T> {
  more: () => void;
  busy: boolean;
  error: string | null;
}

/**
 * The rows of a list read by cursor: `first` (a new first page starts over) and the pages `next`
 * reads after it, each added below the rows shown.
 */
export function useMorePages<T>(
  first: ListPage<T>,
  next: (cursor: string) => Promise<ListPage<T>>,
): MorePages<T> {
  // The pages added, with the first page's rows they follow (a new first page starts over).
  const [added, setAdded] = useState<{ after: T[]; page: ListPage<T> } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shown = added?.after === first.items ? added.page : null;
  const items = shown ? [...first.items, ...shown.items] : first.items;
  const nextCursor = shown ? shown.nextCursor : first.nextCursor;
  const more = () => {
    if (!nextCursor || busy) return;
    setBusy(true);
    setError(null);
    next(nextCursor)
      .then((page) =>
        setAdded({
          after: first.items,
          page: { items: [...(shown?.items ?? []), ...page.items], nextCursor: page.nextCursor },
        }),
      )
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  };
  return { items, nextCursor, more, busy, error };
}

/**
 * «Vis flere» below a list with more pages: reads the next page and adds it below (the button
 * keeps focus, so the keyboard goes on from where it was); nothing when the list is whole.
 */
export function ShowMore<T>({ pages, label }: { pages: MorePages<T>; label?: string }) {
  if (pages.nextCursor === null) return null;
  return (
    <div className="stack">
      <Button
        type="button"
        variant="secondary"
        loading={pages.busy}
        aria-disabled={pages.busy || undefined}
        onClick={pages.more}
      >
        {label ?? t('common.showMore')}
      </Button>
      {pages.error && (
        <Alert data-color="danger" role="alert">
          <Paragraph>{pages.error}</Paragraph>
        </Alert>
      )}
    </div>
  );
}
