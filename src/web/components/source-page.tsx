/**
 * In the review of a letter imported from a PDF: an item's page of the PDF, drawn in the browser
 * with pdf.js (a lazy chunk), as wide as the column, with the lines the item was read from
 * marked (translucent outlines over the page, from the `lines` part's `boxes`) and scrolled to.
 * The page is a picture with a name saying which page it is; the marked text itself follows it
 * as the source lines. Not printed.
 */
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { Alert, Button, Paragraph } from '@digdir/designsystemet-react';
import type { DocumentDetail, SourceLineBox } from '../../contract/document';
import { getDocumentPart } from '../api';
import { useAsync } from '../hooks';
import { t } from '../locales/nb';
import { RECORD_LANGUAGE } from '../locales/language';
import { errorMessage, Loading } from './ui';

interface Span {
  startLine: number;
  endLine: number;
}

/** «Vis siden» beside an item of a letter whose PDF is kept; nothing for other letters. */
export function SourcePage({
  doc,
  provenance,
  label,
}: {
  doc: DocumentDetail;
  provenance: Span;
  label: string;
}) {
  const [open, setOpen] = useState(false);
  if (!doc.sourcePdf) return null;
  return (
    <div className="no-print">
      <Button
        type="button"
        variant="tertiary"
        data-size="sm"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {open ? t('review.page.hide') : t('review.page.show')}
        <span className="visually-hidden">: {label}</span>
      </Button>
      {open && <PageView doc={doc} pdf={doc.sourcePdf} provenance={provenance} />}
    </div>
  );
}

/** The most lines one item's view reads (an item longer than this is marked as far as it goes). */
const MAX_LINES = 400;

function PageView({
  doc,
  pdf,
  provenance,
}: {
  doc: DocumentDetail;
  pdf: NonNullable<DocumentDetail['sourcePdf']>;
  provenance: Span;
}) {
  const { startLine, endLine } = provenance;
  const lines = useAsync(`${doc.id}:${startLine}-${endLine}`, (signal) =>
    getDocumentPart(
      doc.id,
      'lines',
      { from: startLine, limit: Math.min(MAX_LINES, endLine - startLine + 1) },
      signal,
    ),
  );
  if (lines.status === 'loading') return <Loading rows={2} />;
  if (lines.status === 'error') {
    return (
      <Alert data-color="danger" data-size="sm">
        {errorMessage(lines.error)}
      </Alert>
    );
  }
  const { items, boxes = [] } = lines.data;
  // The page the item starts on; its lines printed there are marked.
  const first = boxes.find((b): b is SourceLineBox => b !== null);
  const marks = first ? boxes.filter((b): b is SourceLineBox => b?.[0] === first[0]) : [];
  return (
    <div className="stack">
      {first ? (
        <Canvas url={pdf.url} name={pdf.name} pages={pdf.pages} pageNo={first[0]} marks={marks} />
      ) : (
        <Paragraph data-size="sm">{t('review.page.none')}</Paragraph>
      )}
      <figure style={{ margin: 0 }}>
        <figcaption className="muted">{t('review.page.lines')}</figcaption>
        <div lang={RECORD_LANGUAGE} style={{ overflowWrap: 'anywhere' }}>
          {items
            .filter((l) => l.text.trim() !== '')
            .map((l) => (
              <div key={l.no}>{l.text}</div>
            ))}
        </div>
      </figure>
    </div>
  );
}

const pct = (part: number, whole: number) => `${((part / whole) * 100).toFixed(3)}%`;

function Canvas({
  url,
  name,
  pages,
  pageNo,
  marks,
}: {
  url: string;
  name: string;
  pages: number;
  pageNo: number;
  marks: SourceLineBox[];
}) {
  const frame = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const { openPdf, drawPage } = await import('./source-page-pdf');
        const doc = await openPdf(url);
        const el = canvas.current;
        const width = frame.current?.clientWidth ?? 0;
        if (!live || !el || width <= 0) return;
        const drawn = await drawPage(doc, pageNo, el, width);
        if (live) setSize(drawn);
      } catch (err) {
        if (live) setError(err);
      }
    })();
    return () => {
      live = false;
    };
  }, [url, pageNo]);

  // The marked lines in view once the page is drawn.
  useEffect(() => {
    if (!size) return;
    frame.current
      ?.querySelector('[data-source-mark]')
      ?.scrollIntoView({ block: 'center', behavior: 'instant' });
  }, [size]);

  if (error) {
    return (
      <Alert data-color="danger" data-size="sm">
        {t('review.page.error')}
      </Alert>
    );
  }
  const frameStyle: CSSProperties = {
    position: 'relative',
    width: '100%',
    maxWidth: '100%',
    border: '1px solid var(--ds-color-neutral-border-subtle)',
    background: '#fff',
  };
  return (
    <div ref={frame} style={frameStyle}>
      {!size && <Loading rows={4} />}
      <canvas
        ref={canvas}
        role="img"
        aria-label={t('review.page.label', { page: pageNo, pages, name })}
        style={{ display: size ? 'block' : 'none', width: '100%', height: 'auto' }}
      />
      {size &&
        marks.map(([, x, y, w, h], i) => (
          <div
            key={i}
            data-source-mark=""
            aria-hidden="true"
            style={{
              position: 'absolute',
              left: pct(x - 2, size.width),
              top: pct(y - 2, size.height),
              width: pct(w + 4, size.width),
              height: pct(h + 4, size.height),
              outline: '2px solid var(--ds-color-accent-base-default)',
              background:
                'color-mix(in srgb, var(--ds-color-accent-base-default) 15%, transparent)',
              pointerEvents: 'none',
            }}
          />
        ))}
    </div>
  );
}
