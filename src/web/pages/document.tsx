import { useCallback, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
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
import type { DocumentDetail } from '../../contract/api';
import type { Provenance } from '../../contract/letter';
import { getDocument } from '../api';
import { DocumentHistory } from '../components/document-history';
import {
  AmountCorrection,
  AssignmentCorrection,
  CorrectionList,
  ReviewSummary,
  ReviewTags,
} from '../components/review';
import { DocumentStatusSection, DocumentStatusTag } from '../components/document-status';
import {
  AppLink,
  documentKindLabel,
  ErrorState,
  lineSpan,
  Loading,
  PageHeading,
  Section,
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
  selected,
  onSelect,
  reload,
}: {
  doc: DocumentDetail;
  selected: string | null;
  onSelect: (s: Selection) => void;
  reload: () => Promise<void>;
}) {
  if (doc.appropriations.length === 0) {
    return <Paragraph>{t('document.appropriations.empty')}</Paragraph>;
  }
  const hasPrevious = doc.appropriations.some((a) => a.previousYearAmount !== null);
  const hasChanges = doc.appropriations.some((a) => a.changeRow !== null);
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
          {doc.appropriations.map((a, i) => {
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

function SourcePanel({ doc, selection }: { doc: DocumentDetail; selection: Selection | null }) {
  const scroller = useRef<HTMLDivElement>(null);
  const unparsed = useMemo(() => {
    const set = new Set<number>();
    for (const u of doc.unparsed) {
      for (let n = u.provenance.startLine; n <= u.provenance.endLine; n++) set.add(n);
    }
    return set;
  }, [doc.unparsed]);
  const range = selection?.provenance;

  // The marked lines in the middle of the source box, and the box on screen (on phones it is
  // below every item); a line chosen with «Vis kilde» takes focus.
  useLayoutEffect(() => {
    const box = scroller.current;
    if (!box || !selection) return;
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
  }, [selection]);

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
      {doc.lines.length === 0 ? (
        <Paragraph>{t('document.source.empty')}</Paragraph>
      ) : (
        <div
          ref={scroller}
          className="source-lines"
          role="region"
          aria-label={t('document.source.label')}
          tabIndex={0}
        >
          {doc.lines.map((line) => {
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
                    <span className="visually-hidden">{t('document.source.unparsedMarker')}: </span>
                  )}
                  <span lang={RECORD_LANGUAGE}>{line.text}</span>
                </span>
              </div>
            );
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

function Reader({ doc, reload }: { doc: DocumentDetail; reload: () => Promise<void> }) {
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
          <Section id="bevilgninger" title={t('document.appropriations')}>
            <Appropriations doc={doc} selected={selected} onSelect={setSelection} reload={reload} />
          </Section>
          <Section id="oppdrag" title={t('document.assignments')}>
            <ItemList
              items={doc.assignments}
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
                    {a.idAssigned && <span className="muted">({t('assignments.idAssigned')})</span>}
                    <ReviewTags review={a.review} />
                  </span>
                  {doc.abilities.correct && (
                    <AssignmentCorrection doc={doc} item={a} reload={reload} />
                  )}
                </>
              )}
            />
          </Section>
          <Section id="gjennomgang" title={t('review.title')}>
            <ReviewSummary doc={doc} />
            <Heading level={3} data-size="xs">
              {t('review.list')}
            </Heading>
            <CorrectionList doc={doc} />
          </Section>
          <Section id="styringskalender" title={t('document.calendar')}>
            <ItemList
              items={doc.calendar}
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
          </Section>
          <Section id="maal" title={t('document.goals')}>
            <ItemList
              items={doc.goals}
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
          </Section>
          <Section id="annet-innhold" title={t('document.other')}>
            <ItemList
              items={doc.otherItems}
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
          </Section>
          <Section id="ikke-tolket" title={t('document.unparsed')}>
            {doc.unparsed.length === 0 ? (
              <Paragraph>{t('document.unparsed.empty')}</Paragraph>
            ) : (
              <>
                <Paragraph>
                  {doc.unparsed.length === 1
                    ? t('document.unparsed.introOne')
                    : t('document.unparsed.intro', { count: formatNumber(doc.unparsed.length) })}
                </Paragraph>
                <ItemList
                  items={doc.unparsed}
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
            )}
          </Section>
          <Section id="advarsler" title={t('document.warnings')}>
            {doc.warnings.length === 0 ? (
              <Paragraph>{t('document.warnings.empty')}</Paragraph>
            ) : (
              <Alert data-color="warning">
                <ul className="unparsed-list">
                  {doc.warnings.map((w, i) => (
                    <li key={i}>{warningText(w)}</li>
                  ))}
                </ul>
              </Alert>
            )}
          </Section>
          <Section id="historikk" title={t('document.history')}>
            <DocumentHistory doc={doc} />
          </Section>
        </div>
        <SourcePanel doc={doc} selection={selection} />
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
  // A reload after a status change replaces the loaded document in place (the page stays, with
  // its notice and focus); it applies only to the load it was based on.
  const [fresh, setFresh] = useState<{ base: DocumentDetail; doc: DocumentDetail } | null>(null);
  const base = state.status === 'ok' ? state.data : null;
  const reload = useCallback(async () => {
    if (!base) return;
    const doc = await getDocument(id);
    setFresh({ base, doc });
  }, [id, base]);
  if (base) return <Reader doc={fresh?.base === base ? fresh.doc : base} reload={reload} />;
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
