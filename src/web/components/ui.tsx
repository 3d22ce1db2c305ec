/**
 * Shared building blocks of the pages: in-app links, the page frame (title, h1, focus on
 * navigation), loading and error states, status tags and search headlines.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Heading,
  Link,
  Paragraph,
  Skeleton,
  Spinner,
  Tag,
} from '@digdir/designsystemet-react';
import { ApiError } from '../errors';
import { useOverflowsX } from '../hooks';
import { splitHeadline } from '../highlight';
import { onLanguageChange } from '../locales/language';
import { t, tOr } from '../locales/nb';
import { handleLinkClick, navigationCount } from '../router';

/**
 * The navigation during which the language last changed: the page shown anew in the other
 * language leaves focus on the language switch until the next navigation.
 */
let languageChangedAt = -1;
onLanguageChange(() => {
  languageChangedAt = navigationCount();
});

export function AppLink({
  href,
  children,
  className,
  ...rest
}: {
  href: string;
  children: ReactNode;
  className?: string;
  'aria-current'?: 'page' | undefined;
  'aria-label'?: string;
}) {
  return (
    <Link href={href} className={className} onClick={handleLinkClick} {...rest}>
      {children}
    </Link>
  );
}

/** A page section named by its level-2 heading (a landmark region). */
export function Section({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="stack">
      <Heading level={2} data-size="sm" id={id}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

/** Sets the document title. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = t('app.titleSuffix', { page: title });
  }, [title]);
}

/**
 * The frame of every page: the document title and the one h1. After an in-app navigation the
 * h1 takes focus so screen readers announce the new page.
 */
export function PageHeading({
  title,
  documentTitle,
  lang,
  children,
}: {
  title: string;
  documentTitle?: string;
  /** The title's language when it is a record's (a letter's title), not the page's own. */
  lang?: string;
  children?: ReactNode;
}) {
  useTitle(documentTitle ?? title);
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const n = navigationCount();
    if (n > 0 && n !== languageChangedAt) ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className="page-heading">
      <Heading level={1} data-size="lg" ref={ref} tabIndex={-1} lang={lang}>
        {title}
      </Heading>
      {children}
    </div>
  );
}

export function Loading({ rows = 3 }: { rows?: number }) {
  return (
    <div className="loading" role="status">
      <Spinner aria-label={t('common.loading')} data-size="md" />
      <div aria-hidden="true" className="loading-skeleton">
        {Array.from({ length: rows }, (_, i) => (
          <Skeleton key={i} variant="text" width="100%" />
        ))}
      </div>
    </div>
  );
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.kind) {
      case 'network':
        return t('common.error.network');
      case 'not-found':
        return t('common.error.notFound');
      case 'contract':
        return t('common.error.contract');
      case 'forbidden':
      case 'http':
        return t('common.error.http', { status: error.status ?? '', message: error.message });
    }
  }
  return t('common.error.http', {
    status: '',
    message: error instanceof Error ? error.message : String(error),
  });
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <Alert data-color="danger" role="alert">
      <Heading level={2} data-size="xs">
        {t('common.error.title')}
      </Heading>
      <Paragraph>{errorMessage(error)}</Paragraph>
      {retry && !(error instanceof ApiError && error.kind === 'not-found') && (
        <Button variant="secondary" data-size="sm" onClick={retry}>
          {t('common.retry')}
        </Button>
      )}
    </Alert>
  );
}

const statusColors: Record<string, string> = {
  planned: 'neutral',
  'in-progress': 'info',
  delivered: 'success',
  accepted: 'success',
  cancelled: 'neutral',
  merged: 'neutral',
  'carried-over': 'warning',
};

/** An assignment status as a tag with its Norwegian name (the text carries the meaning). */
export function StatusTag({ status }: { status: string }) {
  return (
    <Tag data-color={statusColors[status] ?? 'neutral'} data-size="sm">
      {tOr(`status.${status}`, status)}
    </Tag>
  );
}

/** A search headline with the server's « » marks rendered as <mark>, as plain text. */
export function Headline({ text }: { text: string }) {
  return (
    <>
      {splitHeadline(text).map((segment, i) =>
        segment.marked ? <mark key={i}>{segment.text}</mark> : <span key={i}>{segment.text}</span>,
      )}
    </>
  );
}

export function lineSpan(p: { startLine: number; endLine: number }): string {
  return p.startLine === p.endLine
    ? t('common.line', { start: p.startLine })
    : t('common.lines', { start: p.startLine, end: p.endLine });
}

export function documentKindLabel(doc: {
  kind: 'allocation-letter' | 'supplement';
  number: number | null;
}): string {
  if (doc.kind === 'supplement' && doc.number !== null) {
    return t('kind.supplementNumber', { number: doc.number });
  }
  return t(`kind.${doc.kind}`);
}

/**
 * A wide table's frame. When it is wider than the screen it scrolls sideways, and then it says
 * so: a visible hint above it, a frame, and a named region that takes keyboard
 * focus (so the arrow keys scroll it), as WCAG expects of scrollable regions.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const overflows = useOverflowsX(ref);
  const hintId = useId();
  return (
    <div className="scroll-region-frame" data-overflows={overflows}>
      {overflows && (
        <p className="scroll-hint" id={hintId}>
          <span className="scroll-hint-mark" aria-hidden="true">
            ↔{' '}
          </span>
          {t('common.scrollHint')}
        </p>
      )}
      <div className="scroll-edge">
        <div
          ref={ref}
          className="table-scroll scroll-region"
          {...(overflows
            ? {
                role: 'region',
                'aria-label': label,
                'aria-describedby': hintId,
                tabIndex: 0,
              }
            : {})}
        >
          {children}
        </div>
      </div>
    </div>
  );
}
