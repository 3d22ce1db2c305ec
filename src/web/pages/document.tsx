import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
  type RefObject,
} from 'react';
import {
  Alert,
  Button,
  Heading,
  Link,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
  Tag,
} from '@digdir/designsystemet-react';
import {
  DOCUMENT_PARTS,
  type DocumentAppropriation,
  type DocumentDetail,
  type DocumentPartName,
} from '../../contract/document';
import type { Provenance } from '../../contract/letter';
import { getDocument } from '../api';
import {
  DocumentParts,
  EAGER_ITEMS,
  LINE_BLOCK,
  useParts,
  usePart,
  type PartItem,
  type PartState,
} from '../components/document-parts';
import { DocumentHistory } from '../components/document-history';
import {
  AmountCorrection,
  AssignmentCorrection,
  CorrectionList,
  ReviewApproval,
  ReviewSummary,
  ReviewTags,
} from '../components/review';
import { DocumentStatusSection, DocumentStatusTag } from '../components/document-status';
import {
  AppLink,
  documentKindLabel,
  ErrorState,
  errorMessage,
  lineSpan,
  Loading,
  PageHeading,
  StatusTag,
  ScrollRegion,
} from '../components/ui';
import { formatDate, formatNumber, formatPercent } from '../format';
import { useAsync } from '../hooks';
import { RECORD_LANGUAGE } from '../locales/language';
import { t, tOr } from '../locales/nb';
import { warningText } from '../import-warning';
import { paths, useLocation } from '../router';

interface Selection {
  key: string;
  label: string;
  provenance: Provenance;
  /** Chosen with «Vis kilde» (not from the address): the marked line takes focus. */
  chosen?: boolean;
}

/** The «Vis kilde» button of an item, to come back to from the source. */
const sourceButton = (key: string) =>
  document.querySelector<HTMLElement>(`[data-source-item="${CSS.escape(key)}"]`);

const pad2 = (n: number) => String(n).padStart(2, '0');

function SourceButton({
  item,
  label,
  provenance,
  onSelect,
}: {
  item: string;
  label: string;
  provenance: Provenance;
  onSelect: (s: Selection) => void;
}) {
  return (
    <Button
      variant="secondary"
      data-size="sm"
      className="nowrap"
      data-source-item={item}
      onClick={() => onSelect({ key: item, label, provenance, chosen: true })}
    >
      {t('document.showSource')}
      <span className="visually-hidden"> ({label})</span>
    </Button>
  );
}

function Facts({ doc }: { doc: DocumentDetail }) {
  const rows: Array<[string, ReactNode]> = [
    [t('document.kind'), documentKindLabel(doc)],
    ...(doc.number !== null
      ? [[t('document.number'), String(doc.number)] as [string, ReactNode]]
      : []),
    [t('document.year'), String(doc.year)],
    [t('document.date'), doc.date ? formatDate(doc.date) : t('common.unknown')],
    [t('document.ministry'), doc.ministry ?? t('common.unknown')],
    [t('document.agency'), doc.agency ?? t('common.unknown')],
    [
      t('document.legalBasis'),
      doc.legalBasis.length ? doc.legalBasis.join(', ') : t('common.none'),
    ],
    [
      t('document.signatories'),
      doc.signatories.length
        ? doc.signatories.map((s) => (s.title ? `${s.name} (${s.title})` : s.name)).join(', ')
        : t('common.none'),
    ],
    [t('document.status'), tOr(`docStatus.${doc.status}`, doc.status)],
    [t('document.version'), String(doc.version)],
    [t('document.coverage'), formatPercent(doc.coverage)],
  ];
  return (
    <dl className="facts">
      {rows.map(([label, value]) => (
        <div key={label} style={{ display: 'contents' }}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Appropriations({
  doc,
  items,
  selected,
  onSelect,
  reload,
}: {
  doc: DocumentDetail;
  items: DocumentAppropriation[];
  selected: string | null;
  onSelect: (s: Selection) => void;
  reload: () => Promise<void>;
}) {
  if (items.length === 0) {
    return <Paragraph>{t('document.appropriations.empty')}</Paragraph>;
  }
  const hasPrevious = items.some((a) => a.previousYearAmount !== null);
  const hasChanges = items.some((a) => a.changeRow !== null);
  return (
    <ScrollRegion label={t('document.appropriations.caption')}>
      <Table data-size="sm" border>
        <caption className="visually-hidden">{t('document.appropriations.caption')}</caption>
        <TableHead>
          <TableRow>
            <TableHeaderCell className="num">
              {t('document.appropriations.chapter')}
            </TableHeaderCell>
            <TableHeaderCell className="num">{t('document.appropriations.post')}</TableHeaderCell>
            <TableHeaderCell>{t('document.appropriations.name')}</TableHeaderCell>
            {hasPrevious && (
              <TableHeaderCell className="num">
                {t('document.appropriations.previous')}
              </TableHeaderCell>
            )}
            {hasChanges && (
              <TableHeaderCell className="num">
                {t('document.appropriations.before')}
              </TableHeaderCell>
            )}
            <TableHeaderCell className="num">{t('document.appropriations.amount')}</TableHeaderCell>
            {hasChanges && (
              <TableHeaderCell className="num">
                {t('document.appropriations.after')}
              </TableHeaderCell>
            )}
            <TableHeaderCell>
              <span className="visually-hidden">{t('document.appropriations.source')}</span>
            </TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map((a, i) => {
            const key = `app-${i}`;
            const label = t('document.appropriations.item', {
              chapter: a.chapter,
              post: pad2(a.post),
            });
            return (
              <TableRow key={key} data-selected={selected === key}>
                <TableCell className="num">{a.chapter}</TableCell>
                <TableCell className="num">{pad2(a.post)}</TableCell>
                <TableCell>
                  <div>{a.postName}</div>
                  {a.chapterName && <div className="muted">{a.chapterName}</div>}
                  {a.notes.length > 0 && <div className="muted">{a.notes.join(', ')}</div>}
                  {a.comment && <div className="muted">{a.comment}</div>}
                  <div className="row">
                    <ReviewTags review={a.review} />
                  </div>
                  {doc.abilities.correct && (
                    <AmountCorrection doc={doc} row={a} label={label} reload={reload} />
                  )}
                </TableCell>
                {hasPrevious && (
                  <TableCell className="num">
                    {a.previousYearAmount === null ? '' : formatNumber(a.previousYearAmount)}
                  </TableCell>
                )}
                {hasChanges && (
                  <TableCell className="num">
                    {a.changeRow?.previous == null ? '' : formatNumber(a.changeRow.previous)}
                  </TableCell>
                )}
                <TableCell className="num">{formatNumber(a.amount)}</TableCell>
                {hasChanges && (
                  <TableCell className="num">
                    {a.changeRow?.total == null ? '' : formatNumber(a.changeRow.total)}
                  </TableCell>
                )}
                <TableCell>
                  <SourceButton
                    item={key}
                    label={label}
                    provenance={a.provenance}
                    onSelect={onSelect}
                  />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </ScrollRegion>
  );
}

function ItemList<T>({
  items,
  empty,
  selected,
  prefix,
  render,
  label,
  provenance,
  onSelect,
}: {
  items: T[];
  empty: string;
  selected: string | null;
  prefix: string;
  render: (item: T) => ReactNode;
  label: (item: T) => string;
  provenance: (item: T) => Provenance;
  onSelect: (s: Selection) => void;
}) {
  if (items.length === 0) return <Paragraph>{empty}</Paragraph>;
  return (
    <ul className="item-list">
      {items.map((item, i) => {
        const key = `${prefix}-${i}`;
        return (
          <li key={key} data-selected={selected === key}>
            <div className="item-main">{render(item)}</div>
            <div>
              <SourceButton
                item={key}
                label={label(item)}
                provenance={provenance(item)}
                onSelect={onSelect}
              />
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** Whether the element has come near the screen (sticky: once seen, stays true). */
function useSeen(
  ref: RefObject<HTMLElement | null>,
  root?: RefObject<HTMLElement | null>,
  /** Whether to watch yet (false: not until what is shown first is in place). */
  watch = true,
) {
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || seen || !watch) return;
    if (typeof IntersectionObserver === 'undefined') {
      setSeen(true);
      return;
    }
    // Half a screen ahead: a section is read just before it is scrolled to.
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setSeen(true);
      },
      { root: root?.current ?? null, rootMargin: '50% 0px 50% 0px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, root, seen, watch]);
  return seen;
}

type ListPart = Exclude<DocumentPartName, 'lines'>;

/** How many items a part has (the document's index of its parts). */
const countOf = (doc: DocumentDetail, part: DocumentPartName) =>
  doc.parts.find((p) => p.name === part)?.count ?? 0;

/**
 * What a section shows of a part: its items as they come (or as they were, while a change is
 * read again), a placeholder until the first page is there, an error with a retry.
 */
function PartContent<T>({
  state,
  count,
  retry,
  children,
}: {
  state: PartState<T>;
  /** Items in the part: the space kept for them until they are read. */
  count: number;
  retry: () => void;
  children: (items: T[]) => ReactNode;
}) {
  const items = state.status === 'ok' || state.status === 'loading' ? state.items : null;
  if (state.status === 'idle') {
    // Not near the screen yet: the space the items will take, so that what follows is not
    // near the screen either (and not read before it is scrolled to).
    return (
      <div className="part-later" style={{ minHeight: `${Math.min(count, 500) * 2.5}rem` }}>
        <Paragraph data-size="sm" className="muted">
          {t('document.part.later', { count: formatNumber(count) })}
        </Paragraph>
      </div>
    );
  }
  return (
    <>
      {state.status === 'error' && <ErrorState error={state.error} retry={retry} />}
      {items ? children(items) : state.status !== 'error' && <Loading rows={3} />}
      {state.status === 'loading' && items && <Loading rows={1} />}
    </>
  );
}

/**
 * A section of the page that shows a part of the document: the part is read when the section
 * comes near the screen, or at once when it is small (`EAGER_ITEMS`); a part with no items is
 * not asked for.
 */
function PartSection<P extends ListPart>({
  id,
  title,
  doc,
  store,
  part,
  children,
}: {
  id: string;
  title: string;
  doc: DocumentDetail;
  store: DocumentParts;
  part: P;
  children: (items: PartItem<P>[]) => ReactNode;
}) {
  const ref = useRef<HTMLElement>(null);
  const seen = useSeen(ref);
  const count = countOf(doc, part);
  const state = usePart(store, part, count > 0 && (seen || count <= EAGER_ITEMS));
  return (
    <section aria-labelledby={id} className="stack" ref={ref}>
      <Heading level={2} data-size="sm" id={id}>
        {title}
      </Heading>
      {count === 0 && state.status === 'idle' ? (
        children([])
      ) : (
        <PartContent state={state} count={count} retry={() => void store.load(part)}>
          {children}
        </PartContent>
      )}
    </section>
  );
}

/**
 * The review section: how many items the importer is unsure of, the corrections made, and (for
 * a letter not yet issued) approving the review, which issues it.
 */
function ReviewSection({
  doc,
  store,
  reload,
}: {
  doc: DocumentDetail;
  store: DocumentParts;
  reload: () => Promise<void>;
}) {
  const ref = useRef<HTMLElement>(null);
  const seen = useSeen(ref);
  const small =
    countOf(doc, 'assignments') + countOf(doc, 'appropriations') + countOf(doc, 'corrections') <=
    EAGER_ITEMS;
  const wanted = seen || small;
  const assignments = usePart(store, 'assignments', wanted && countOf(doc, 'assignments') > 0);
  const appropriations = usePart(
    store,
    'appropriations',
    wanted && countOf(doc, 'appropriations') > 0,
  );
  const corrections = usePart(store, 'corrections', wanted && countOf(doc, 'corrections') > 0);
  const itemsOf = <T,>(state: PartState<T>, part: DocumentPartName): T[] | null =>
    countOf(doc, part) === 0 && state.status === 'idle'
      ? []
      : state.status === 'ok'
        ? state.items
        : null;
  const lists = [
    itemsOf(assignments, 'assignments'),
    itemsOf(appropriations, 'appropriations'),
  ] as const;
  const fixes = itemsOf(corrections, 'corrections');
  return (
    <section aria-labelledby="gjennomgang" className="stack" ref={ref}>
      <Heading level={2} data-size="sm" id="gjennomgang">
        {t('review.title')}
      </Heading>
      {lists[0] && lists[1] ? (
        <ReviewSummary assignments={lists[0]} appropriations={lists[1]} />
      ) : wanted ? (
        <Loading rows={1} />
      ) : (
        <Paragraph data-size="sm" className="muted">
          {t('document.part.later', {
            count: formatNumber(countOf(doc, 'assignments') + countOf(doc, 'appropriations')),
          })}
        </Paragraph>
      )}
      <Heading level={3} data-size="xs">
        {t('review.list')}
      </Heading>
      {fixes ? (
        <CorrectionList corrections={fixes} />
      ) : (
        <PartContent
          state={corrections}
          count={countOf(doc, 'corrections')}
          retry={() => void store.load('corrections')}
        >
          {(items) => <CorrectionList corrections={items} />}
        </PartContent>
      )}
      <ReviewApproval doc={doc} reload={reload} />
    </section>
  );
}

/** The first line of a block of the source text, and its last. */
function blockSpan(store: DocumentParts, index: number) {
  const from = store.firstLine + index * LINE_BLOCK;
  return { from, to: Math.min(store.lastLine, from + LINE_BLOCK - 1) };
}

/**
 * A block of the source text not read yet: read when it is scrolled to within the source box,
 * or with its button.
 */
function SourceGap({
  store,
  index,
  root,
  settled,
}: {
  store: DocumentParts;
  index: number;
  root: RefObject<HTMLDivElement | null>;
  /** The lines shown first are in place (and scrolled to): only then is a gap «seen». */
  settled: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const seen = useSeen(ref, root, settled);
  const state = store.block(index);
  useEffect(() => {
    if (seen) void store.loadBlock(index);
  }, [seen, store, index]);
  const { from, to } = blockSpan(store, index);
  return (
    // As tall as its lines will be (near enough): the box scrolls as it will when they are read.
    <div
      ref={ref}
      className="source-gap"
      data-block={index}
      style={{ minHeight: `${(to - from + 1) * 1.5}em` }}
    >
      {state?.status === 'error' && (
        <Paragraph data-size="sm">{errorMessage(state.error)}</Paragraph>
      )}
      <Button
        variant="tertiary"
        data-size="sm"
        loading={state?.status === 'loading'}
        onClick={() => void store.loadBlock(index)}
      >
        {t('document.source.gap', { from: formatNumber(from), to: formatNumber(to) })}
      </Button>
    </div>
  );
}

function SourcePanel({
  doc,
  store,
  selection,
}: {
  doc: DocumentDetail;
  store: DocumentParts;
  selection: Selection | null;
}) {
  useParts(store);
  const scroller = useRef<HTMLDivElement>(null);
  const unparsedPart = usePart(store, 'unparsed', countOf(doc, 'unparsed') > 0);
  const unparsedItems = unparsedPart.status === 'ok' ? unparsedPart.items : null;
  const unparsed = useMemo(() => {
    const set = new Set<number>();
    for (const u of unparsedItems ?? []) {
      for (let n = u.provenance.startLine; n <= u.provenance.endLine; n++) set.add(n);
    }
    return set;
  }, [unparsedItems]);
  const range = selection?.provenance;

  // The lines of what is shown (the first block when nothing is).
  useEffect(() => {
    if (range) void store.loadLines(range.startLine, range.endLine);
    else if (store.blockCount > 0) void store.loadBlock(0);
  }, [store, range]);
  const ready = range ? store.linesReady(range.startLine, range.endLine) : false;
  const settled = range ? ready : store.blockCount > 0 && store.block(0)?.status === 'ok';

  // The marked lines in the middle of the source box, and the box on screen (on phones it is
  // below every item); a line chosen with «Vis kilde» takes focus. Once its lines are read.
  useLayoutEffect(() => {
    const box = scroller.current;
    if (!box || !selection || !ready) return;
    const span = selection.provenance;
    const first = box.querySelector<HTMLElement>(`[data-line="${span.startLine}"]`);
    if (!first) return;
    const last = box.querySelector<HTMLElement>(`[data-line="${span.endLine}"]`) ?? first;
    const boxTop = box.getBoundingClientRect().top - box.scrollTop;
    const top = first.getBoundingClientRect().top - boxTop;
    const bottom = last.getBoundingClientRect().bottom - boxTop;
    box.scrollTop =
      bottom - top > box.clientHeight
        ? Math.max(0, top - 8)
        : Math.max(0, (top + bottom) / 2 - box.clientHeight / 2);
    const line = first.getBoundingClientRect();
    if (line.top < 0 || line.bottom > window.innerHeight) {
      window.scrollBy({
        top: line.top + line.height / 2 - window.innerHeight / 2,
        behavior: 'instant',
      });
    }
    if (selection.chosen) first.focus({ preventScroll: true });
  }, [selection, ready]);

  const blocks = Array.from({ length: store.blockCount }, (_, i) => i);
  return (
    <section aria-labelledby="kilde" className="source-panel">
      <Heading level={2} data-size="sm" id="kilde">
        {t('document.source')}
      </Heading>
      <Paragraph data-size="sm" role="status" aria-live="polite">
        {selection
          ? t('document.source.announce', {
              item: selection.label,
              lines: lineSpan(selection.provenance),
            })
          : t('document.source.none')}
      </Paragraph>
      {selection?.chosen && (
        <div>
          <Button
            variant="tertiary"
            data-size="sm"
            onClick={() => {
              const button = sourceButton(selection.key);
              button?.scrollIntoView({ block: 'center', behavior: 'instant' });
              button?.focus({ preventScroll: true });
            }}
          >
            {t('document.source.back', { item: selection.label })}
          </Button>
        </div>
      )}
      <Paragraph data-size="xs" className="muted">
        {t('document.source.legend')}
      </Paragraph>
      {blocks.length === 0 ? (
        <Paragraph>{t('document.source.empty')}</Paragraph>
      ) : (
        <div
          ref={scroller}
          className="source-lines"
          role="region"
          aria-label={t('document.source.label')}
          tabIndex={0}
        >
          {blocks.map((b) => {
            const block = store.block(b);
            if (block?.status !== 'ok') {
              return (
                <SourceGap key={b} store={store} index={b} root={scroller} settled={settled} />
              );
            }
            return block.lines.map((line) => {
              const highlighted = !!range && line.no >= range.startLine && line.no <= range.endLine;
              const isUnparsed = unparsed.has(line.no);
              return (
                <div
                  key={line.no}
                  className="source-line"
                  data-line={line.no}
                  data-highlighted={highlighted}
                  data-unparsed={isUnparsed}
                  tabIndex={highlighted && line.no === range?.startLine ? -1 : undefined}
                >
                  <span className="source-line-no">{line.no}</span>
                  <span className="source-line-marker" aria-hidden="true">
                    {highlighted ? '▶' : isUnparsed ? '?' : ''}
                  </span>
                  <span className="source-line-text">
                    {highlighted && (
                      <span className="visually-hidden">{t('document.source.marker')}: </span>
                    )}
                    {isUnparsed && (
                      <span className="visually-hidden">
                        {t('document.source.unparsedMarker')}:{' '}
                      </span>
                    )}
                    <span lang={RECORD_LANGUAGE}>{line.text}</span>
                  </span>
                </div>
              );
            });
          })}
        </div>
      )}
    </section>
  );
}

/** `?kilde=20-22` (from an assignment's provenance link) preselects those lines. */
function initialSelection(search: string): Selection | null {
  const m = /^(\d+)-(\d+)$/.exec(new URLSearchParams(search).get('kilde') ?? '');
  if (!m) return null;
  const startLine = Number(m[1]);
  const endLine = Number(m[2]);
  if (startLine < 1 || endLine < startLine) return null;
  return {
    key: 'url',
    label: lineSpan({ startLine, endLine }),
    provenance: { startLine, endLine },
  };
}

const LIST_PARTS = DOCUMENT_PARTS.filter((p): p is ListPart => p !== 'lines');

/**
 * Printing the whole document: every part and the whole source text are read first (a page
 * shows its sections as they are scrolled to). Printed as is, the page says what it leaves out.
 */
function PrintAll({ doc, store }: { doc: DocumentDetail; store: DocumentParts }) {
  useParts(store);
  const [busy, setBusy] = useState(false);
  const complete =
    LIST_PARTS.every((p) => countOf(doc, p) === 0 || store.part(p).status === 'ok') &&
    (store.blockCount === 0 || store.linesReady(store.firstLine, store.lastLine));
  return (
    <>
      <div className="no-print">
        <Button
          variant="tertiary"
          data-size="sm"
          loading={busy}
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            await store.loadAll(LIST_PARTS.filter((p) => countOf(doc, p) > 0));
            setBusy(false);
            // Printed once the parts read are on the page.
            setTimeout(() => window.print(), 50);
          }}
        >
          {busy ? t('document.printAll.loading') : t('document.printAll')}
        </Button>
      </div>
      {!complete && <p className="print-only">{t('document.printAll.partial')}</p>}
    </>
  );
}

function Reader({
  doc,
  store,
  reload,
}: {
  doc: DocumentDetail;
  store: DocumentParts;
  reload: () => Promise<void>;
}) {
  const { search } = useLocation();
  const [selection, setSelection] = useState<Selection | null>(() => initialSelection(search));
  const selected = selection?.key ?? null;
  const sections: Array<[string, string]> = [
    ['dokumentstatus', t('documentStatus.title')],
    ['bevilgninger', t('document.appropriations')],
    ['oppdrag', t('document.assignments')],
    ['gjennomgang', t('review.title')],
    ['styringskalender', t('document.calendar')],
    ['maal', t('document.goals')],
    ['annet-innhold', t('document.other')],
    ['ikke-tolket', t('document.unparsed')],
    ['advarsler', t('document.warnings')],
    ['historikk', t('document.history')],
  ];
  return (
    <>
      <PageHeading title={doc.title} lang={RECORD_LANGUAGE}>
        <div className="row">
          <Tag data-color="accent" data-size="sm">
            {documentKindLabel(doc)}
          </Tag>
          <DocumentStatusTag status={doc.status} />
          <span>{doc.agency ?? ''}</span>
          <span className="muted">{String(doc.year)}</span>
          {doc.agency && doc.agencyId && (
            <AppLink href={paths.ledger({ agencyId: doc.agencyId, year: doc.year })}>
              {t('document.ledgerLink', { agency: doc.agency, year: doc.year })}
            </AppLink>
          )}
        </div>
        {doc.letterFiles && (
          <p className="row">
            <span>{t('document.letterFiles')}</span>
            <Link href={doc.letterFiles.pdf} download>
              {t('document.letterFiles.pdf')}
            </Link>
            <Link href={doc.letterFiles.docx} download>
              {t('document.letterFiles.docx')}
            </Link>
          </p>
        )}
        <PrintAll doc={doc} store={store} />
      </PageHeading>
      <div className="reader">
        <div className="stack-lg">
          <Versions doc={doc} />
          <DocumentStatusSection doc={doc} reload={reload} />
          <section aria-labelledby="om-dokumentet" className="stack">
            <Heading level={2} data-size="sm" id="om-dokumentet">
              {t('document.facts')}
            </Heading>
            <Facts doc={doc} />
          </section>
          <nav aria-labelledby="innhold" className="toc">
            <Heading level={2} data-size="xs" id="innhold">
              {t('document.contents')}
            </Heading>
            <ul>
              {sections.map(([id, title]) => (
                <li key={id}>
                  <a className="ds-link" href={`#${id}`}>
                    {title}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <PartSection
            id="bevilgninger"
            title={t('document.appropriations')}
            doc={doc}
            store={store}
            part="appropriations"
          >
            {(items) => (
              <Appropriations
                doc={doc}
                items={items}
                selected={selected}
                onSelect={setSelection}
                reload={reload}
              />
            )}
          </PartSection>
          <PartSection
            id="oppdrag"
            title={t('document.assignments')}
            doc={doc}
            store={store}
            part="assignments"
          >
            {(items) => (
              <ItemList
                items={items}
                empty={t('document.assignments.empty')}
                selected={selected}
                prefix="asg"
                label={(a) => a.registerId}
                provenance={(a) => a.provenance}
                onSelect={setSelection}
                render={(a) => (
                  <>
                    <AppLink href={paths.assignment(a.id)}>
                      {a.registerId}: <span lang={RECORD_LANGUAGE}>{a.title}</span>
                    </AppLink>
                    <span className="row">
                      {a.ownerDepartment && (
                        <span>{t('document.assignment.owner', { owner: a.ownerDepartment })}</span>
                      )}
                      {a.clarifies ? (
                        <Tag data-color="info" data-size="sm">
                          {t('document.assignment.clarifies', { id: a.clarifies.registerId })}
                        </Tag>
                      ) : (
                        <StatusTag status={a.status} />
                      )}
                      {a.idAssigned && (
                        <span className="muted">({t('assignments.idAssigned')})</span>
                      )}
                      <ReviewTags review={a.review} />
                    </span>
                    {doc.abilities.correct && (
                      <AssignmentCorrection doc={doc} item={a} reload={reload} />
                    )}
                  </>
                )}
              />
            )}
          </PartSection>
          <ReviewSection doc={doc} store={store} reload={reload} />
          <PartSection
            id="styringskalender"
            title={t('document.calendar')}
            doc={doc}
            store={store}
            part="calendar"
          >
            {(items) => (
              <ItemList
                items={items}
                empty={t('document.calendar.empty')}
                selected={selected}
                prefix="cal"
                label={(c) => (c.date ? formatDate(c.date) : c.text.slice(0, 40))}
                provenance={(c) => c.provenance}
                onSelect={setSelection}
                render={(c) => (
                  <>
                    <strong>{c.date ? formatDate(c.date) : t('document.calendar.noDate')}</strong>
                    <span lang={RECORD_LANGUAGE}>{c.text}</span>
                    <span className="muted">{tOr(`document.calendar.kind.${c.kind}`, c.kind)}</span>
                  </>
                )}
              />
            )}
          </PartSection>
          <PartSection id="maal" title={t('document.goals')} doc={doc} store={store} part="goals">
            {(items) => (
              <ItemList
                items={items}
                empty={t('document.goals.empty')}
                selected={selected}
                prefix="goal"
                label={(g) => t('document.goal.item', { title: g.code ?? g.title.slice(0, 40) })}
                provenance={(g) => g.provenance}
                onSelect={setSelection}
                render={(g) => (
                  <span>
                    {g.code && <strong>{g.code} </strong>}
                    <span lang={RECORD_LANGUAGE}>{g.title}</span>
                  </span>
                )}
              />
            )}
          </PartSection>
          <PartSection
            id="annet-innhold"
            title={t('document.other')}
            doc={doc}
            store={store}
            part="otherItems"
          >
            {(items) => (
              <ItemList
                items={items}
                empty={t('document.other.empty')}
                selected={selected}
                prefix="other"
                label={(o) => `${t(`document.other.kind.${o.kind}`)}: ${o.title.slice(0, 40)}`}
                provenance={(o) => o.provenance}
                onSelect={setSelection}
                render={(o) => (
                  <>
                    <span className="muted">{t(`document.other.kind.${o.kind}`)}</span>
                    <strong>
                      <span lang={RECORD_LANGUAGE}>{o.title}</span>
                      {o.amount !== null &&
                        t('document.other.amount', { amount: formatNumber(o.amount) })}
                    </strong>
                    {o.text && (
                      <span className="clamp" lang={RECORD_LANGUAGE}>
                        {o.text}
                      </span>
                    )}
                  </>
                )}
              />
            )}
          </PartSection>
          <PartSection
            id="ikke-tolket"
            title={t('document.unparsed')}
            doc={doc}
            store={store}
            part="unparsed"
          >
            {(items) =>
              items.length === 0 ? (
                <Paragraph>{t('document.unparsed.empty')}</Paragraph>
              ) : (
                <>
                  <Paragraph>
                    {items.length === 1
                      ? t('document.unparsed.introOne')
                      : t('document.unparsed.intro', { count: formatNumber(items.length) })}
                  </Paragraph>
                  <ItemList
                    items={items}
                    empty=""
                    selected={selected}
                    prefix="unp"
                    label={(u) => t('document.unparsed.item', { lines: lineSpan(u.provenance) })}
                    provenance={(u) => u.provenance}
                    onSelect={setSelection}
                    render={(u) => (
                      <>
                        <span className="muted">{lineSpan(u.provenance)}</span>
                        <p className="unparsed-text" lang={RECORD_LANGUAGE}>
                          {u.text}
                        </p>
                      </>
                    )}
                  />
                </>
              )
            }
          </PartSection>
          <PartSection
            id="advarsler"
            title={t('document.warnings')}
            doc={doc}
            store={store}
            part="warnings"
          >
            {(items) =>
              items.length === 0 ? (
                <Paragraph>{t('document.warnings.empty')}</Paragraph>
              ) : (
                <Alert data-color="warning">
                  <ul className="unparsed-list">
                    {items.map((w, i) => (
                      <li key={i}>{warningText(w)}</li>
                    ))}
                  </ul>
                </Alert>
              )
            }
          </PartSection>
          <section aria-labelledby="historikk" className="stack">
            <Heading level={2} data-size="sm" id="historikk">
              {t('document.history')}
            </Heading>
            <DocumentHistory doc={doc} />
          </section>
        </div>
        <SourcePanel doc={doc} store={store} selection={selection} />
      </div>
    </>
  );
}

/**
 * Which version this is: an earlier one says it was replaced and links to the current one; a
 * later one links back to what it replaced.
 */
function Versions({ doc }: { doc: DocumentDetail }) {
  const current = doc.versions.find((v) => v.isCurrent);
  const earlier = doc.versions.filter((v) => v.version < doc.version).at(-1);
  if (!doc.isCurrent) {
    return (
      <Alert data-color="warning">
        <Heading level={2} data-size="xs">
          {t('document.replaced.title', { version: formatNumber(doc.version) })}
        </Heading>
        <Paragraph>
          {current ? (
            <AppLink href={paths.document(current.id)}>
              {t('document.replaced.link', { version: formatNumber(current.version) })}
            </AppLink>
          ) : (
            t('document.replaced.noCurrent')
          )}
        </Paragraph>
      </Alert>
    );
  }
  if (!earlier) return null;
  return (
    <Paragraph data-size="sm">
      {t('document.versionIs', { version: formatNumber(doc.version) })}{' '}
      <AppLink href={paths.document(earlier.id)}>
        {t('document.replaces.link', { version: formatNumber(earlier.version) })}
      </AppLink>
    </Paragraph>
  );
}

export default function DocumentPage({ id }: { id: string }) {
  const state = useAsync(`document:${id}`, (signal) => getDocument(id, signal));
  // A reload after a change replaces the loaded document in place (the page stays, with its
  // notice, open forms and focus) and reads again the parts read so far; it applies only to the
  // load it was based on.
  const [fresh, setFresh] = useState<{ base: DocumentDetail; doc: DocumentDetail } | null>(null);
  const base = state.status === 'ok' ? state.data : null;
  const shown = base ? (fresh?.base === base ? fresh.doc : base) : null;
  const first = shown?.provenance.startLine ?? 1;
  const last = shown?.provenance.endLine ?? 0;
  const store = useMemo(() => new DocumentParts(id, first, last), [id, first, last]);
  const reload = useCallback(async () => {
    if (!base) return;
    const doc = await getDocument(id);
    setFresh({ base, doc });
    await store.refresh();
  }, [id, base, store]);
  if (shown) return <Reader doc={shown} store={store} reload={reload} />;
  return (
    <>
      <PageHeading title={t('document.titleFallback')} />
      {state.status === 'error' ? (
        <ErrorState error={state.error} retry={state.retry} />
      ) : (
        <Loading rows={8} />
      )}
    </>
  );
}
