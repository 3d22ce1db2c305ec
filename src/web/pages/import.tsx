/**
 * The import page: choose one or more PDF/DOCX/TXT files, check them with a dry run or import
 * them. The files are sent one request each, in turn, so each shows its own upload progress and
 * then «leser og tolker …» while the server reads it; results appear as each file finishes, and
 * the files not yet sent can be cancelled. Screen readers hear when a file starts and finishes,
 * not every percent.
 */
import { useEffect, useId, useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Details,
  DetailsContent,
  DetailsSummary,
  Field,
  FieldDescription,
  Fieldset,
  Heading,
  Input,
  Label,
  Paragraph,
  Radio,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
  Tag,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import type { ImportFileResult } from '../../contract/api';
import type { Me } from '../../contract/auth';
import { ApiError, importFile, isAbort } from '../api';
import {
  AppLink,
  ErrorState,
  Loading,
  PageHeading,
  documentKindLabel,
  errorMessage,
  ScrollRegion,
} from '../components/ui';
import { formatNumber, formatPercent } from '../format';
import { useFocusAfterRender } from '../hooks';
import { announcement as sentences, statusLine, type Item, type Phase } from '../import-progress';
import { t, tOr } from '../locales/nb';
import { warningText } from '../import-warning';
import { paths } from '../router';
import { refusalText, tooLarge, type Refusal } from '../refusal';
import { signInHref, useSession } from '../session';
import { versionChangeText } from '../version-change';
import { DocumentStatusTag } from '../components/document-status';

/** What the browser knows of a file it sent: its size, and the server's limit. */
interface KnownSizes {
  sizeBytes?: number;
  limitBytes?: number;
}

type State =
  | { status: 'idle' }
  | { status: 'run'; dryRun: boolean; items: Item[]; running: boolean; cancelling: boolean }
  | { status: 'forbidden' };

type ImportedFile = Extract<ImportFileResult, { status: 'imported' | 'needs-confirmation' }>;
type RefusedFile = Extract<ImportFileResult, { status: 'refused' }>;

const outcomeColor: Record<string, string> = {
  created: 'success',
  // Replacing a stored document is never a neutral event.
  'new-version': 'warning',
  unchanged: 'neutral',
  'dry-run': 'info',
  'needs-confirmation': 'warning',
};

type ImportedDocument = ImportedFile['documents'][number];

/** What storing a document would do (from the server's plan): replace, remove, create. */
function PlanDetails({ d }: { d: ImportedDocument }) {
  const plan = d.plan;
  if (!plan) return null;
  const { removes } = plan;
  return (
    <div className="stack">
      <Paragraph data-size="sm">
        {t(`import.plan.${plan.action}`)}{' '}
        {plan.replaces && (
          <AppLink href={paths.document(plan.replaces.id)}>
            {t('import.plan.replaces', { version: formatNumber(plan.replaces.version) })}
          </AppLink>
        )}
      </Paragraph>
      {plan.confirmation && (
        <Alert data-color="warning">
          <Heading level={5} data-size="2xs">
            {t('import.confirm.needed')}
          </Heading>
          <ul>
            {plan.confirmation.reasons.map((r) => (
              <li key={r}>{t(`import.reason.${r}`)}</li>
            ))}
            {removes.assignments.length > 0 && (
              <li>{t('import.removes.assignments', { ids: removes.assignments.join(', ') })}</li>
            )}
            {removes.appropriations.length > 0 && (
              <li>
                {t('import.removes.appropriations', { posts: removes.appropriations.join(', ') })}
              </li>
            )}
            {removes.calendar.length > 0 && (
              <li>
                {t('import.removes.calendar', { count: formatNumber(removes.calendar.length) })}
              </li>
            )}
            {plan.newOrganisations.map((o) => (
              <li key={o.name}>{t(`import.creates.${o.kind}`, { name: o.name })}</li>
            ))}
          </ul>
        </Alert>
      )}
    </div>
  );
}

/** Every confirmation token in the results shown: what the person is asked to accept. */
function tokensOf(items: readonly Item[]): string[] {
  const tokens: string[] = [];
  for (const item of items) {
    if (item.phase.kind !== 'done') continue;
    for (const file of item.phase.results) {
      if (file.status === 'refused') continue;
      for (const d of file.documents) {
        if (d.plan?.confirmation) tokens.push(d.plan.confirmation.token);
      }
    }
  }
  return tokens;
}

function Refused({ file, known }: { file: RefusedFile & Refusal; known: KnownSizes }) {
  const { text, detail } = refusalText(file, known);
  return (
    <Alert data-color="danger">
      <Heading level={3} data-size="xs">
        {t('import.refused')}: {file.file}
      </Heading>
      <Paragraph>{text}</Paragraph>
      {detail && <Paragraph data-size="sm">{detail}</Paragraph>}
    </Alert>
  );
}

function Imported({ file }: { file: ImportedFile }) {
  const n = file.documents.length;
  return (
    <Card>
      <div className="stack">
        <Heading level={3} data-size="xs">
          {n === 1
            ? t('import.documentsOne', { file: file.file })
            : t('import.documents', { count: formatNumber(n), file: file.file })}
        </Heading>
        {file.documents.map((d, i) => (
          <section key={i} className="stack" aria-label={d.title}>
            <Heading level={4} data-size="2xs">
              {d.id ? <AppLink href={paths.document(d.id)}>{d.title}</AppLink> : d.title}
            </Heading>
            <div className="row">
              <Tag data-color="accent" data-size="sm">
                {documentKindLabel(d)}
              </Tag>
              <Tag data-color={outcomeColor[d.outcome] ?? 'neutral'} data-size="sm">
                {tOr(`import.outcome.${d.outcome}`, d.outcome)}
              </Tag>
              {d.status && <DocumentStatusTag status={d.status} />}
              <span>{t('import.coverage', { percent: formatPercent(d.coverage) })}</span>
              <span>{t('import.unparsed', { count: formatNumber(d.unparsed) })}</span>
            </div>
            <PlanDetails d={d} />
            <ScrollRegion label={t('import.counts')}>
              <Table data-size="sm" zebra>
                <caption className="visually-hidden">{t('import.counts')}</caption>
                <TableHead>
                  <TableRow>
                    <TableHeaderCell>{t('import.count.kind')}</TableHeaderCell>
                    <TableHeaderCell className="num">{t('import.count.n')}</TableHeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {Object.entries(d.counts).map(([kind, count]) => (
                    <TableRow key={kind}>
                      <TableCell>{tOr(`countKind.${kind}`, kind)}</TableCell>
                      <TableCell className="num">{formatNumber(count)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </ScrollRegion>
            {d.warnings.length > 0 && (
              <Details>
                <DetailsSummary>
                  {t('import.warnings', { count: formatNumber(d.warnings.length) })}
                </DetailsSummary>
                <DetailsContent>
                  <ul>
                    {d.warnings.map((w, j) => (
                      <li key={j}>{warningText(w)}</li>
                    ))}
                  </ul>
                </DetailsContent>
              </Details>
            )}
            {d.diff.length > 0 && (
              <Details>
                <DetailsSummary>
                  {t('import.diff', { count: formatNumber(d.diff.length) })}
                </DetailsSummary>
                <DetailsContent>
                  <ul>
                    {d.diff.map((change, j) => (
                      <li key={j}>{versionChangeText(change)}</li>
                    ))}
                  </ul>
                </DetailsContent>
              </Details>
            )}
          </section>
        ))}
      </div>
    </Card>
  );
}

function Progress({ items, idPrefix }: { items: readonly Item[]; idPrefix: string }) {
  return (
    <ol className="import-progress">
      {items.map((item, i) => {
        const id = `${idPrefix}-${i}`;
        const { phase } = item;
        const active = phase.kind === 'uploading' || phase.kind === 'parsing';
        return (
          <li key={i} data-phase={phase.kind}>
            <Paragraph data-size="sm" id={id}>
              {statusLine(items, i)}
            </Paragraph>
            {active && (
              <progress
                aria-labelledby={id}
                max={1}
                value={phase.kind === 'uploading' ? (phase.ratio ?? undefined) : undefined}
              />
            )}
          </li>
        );
      })}
    </ol>
  );
}

function FileResult({ item, limitBytes }: { item: Item; limitBytes: number | undefined }) {
  const { phase } = item;
  if (phase.kind === 'failed') {
    return (
      <Alert data-color="danger">
        <Heading level={3} data-size="xs">
          {t('import.failed', { file: item.name })}
        </Heading>
        <Paragraph>{errorMessage(phase.error)}</Paragraph>
      </Alert>
    );
  }
  if (phase.kind !== 'done') return null;
  return (
    <>
      {phase.results.map((file, i) =>
        file.status === 'refused' ? (
          <Refused
            key={i}
            file={file}
            known={{ sizeBytes: phase.results.length === 1 ? item.size : undefined, limitBytes }}
          />
        ) : (
          <Imported key={i} file={file} />
        ),
      )}
    </>
  );
}

/** Why this user may not import, and how to sign in as someone who may. */
function Forbidden({ me }: { me: Me | null }) {
  const user = me?.user ?? null;
  const roles = user?.roles.map((r) => tOr(`role.${r}`, r)).join(', ');
  return (
    <Alert data-color="warning">
      <Heading level={2} data-size="xs">
        {t('import.forbidden.title')}
      </Heading>
      <Paragraph>{t('import.forbidden')}</Paragraph>
      {user && roles && <Paragraph>{t('import.forbidden.signedInAs', { roles })}</Paragraph>}
      <Paragraph>
        <a className="ds-link" href={signInHref(me, paths.import())}>
          {user ? t('import.signIn') : t('user.signIn')}
        </a>
      </Paragraph>
    </Alert>
  );
}

/**
 * The page shows the form only to those the server says may import (`abilities.import` from
 * GET /api/me); others are told why not before they choose any file.
 */
export default function ImportPage() {
  const { state, reload } = useSession();
  const title = (
    <PageHeading title={t('import.title')}>
      <Paragraph>{t('import.intro')}</Paragraph>
    </PageHeading>
  );
  if (state.status === 'loading') {
    return (
      <>
        {title}
        <Loading rows={3} />
      </>
    );
  }
  if (state.status === 'error') {
    return (
      <>
        {title}
        <ErrorState error={state.error} retry={reload} />
      </>
    );
  }
  if (!state.me.abilities.import) {
    return (
      <>
        {title}
        <Forbidden me={state.me} />
      </>
    );
  }
  return <ImportForm me={state.me} title={title} />;
}

function ImportForm({ me, title }: { me: Me; title: ReactNode }) {
  const limitBytes = me.limits.maxUploadBytes;
  const [files, setFiles] = useState<File[]>([]);
  const [missing, setMissing] = useState(false);
  /** Store for review (the page's default) or issued at once. */
  const [review, setReview] = useState(true);
  const [state, setState] = useState<State>({ status: 'idle' });
  /** What screen readers hear: a file starts or finishes, the run ends. */
  const [announcement, setAnnouncement] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const [results, focusResults] = useFocusAfterRender<HTMLDivElement>();
  const current = useRef<{ controller: AbortController; cancelled: boolean } | null>(null);
  const idPrefix = useId();

  // Leaving the page stops the files not yet sent.
  useEffect(
    () => () => {
      if (current.current) current.current.cancelled = true;
      current.current?.controller.abort();
    },
    [],
  );

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    setFiles(Array.from(event.currentTarget.files ?? []));
    setMissing(false);
  };

  /** The confirmations the results ask for, and whether the person has ticked that they read them. */
  const [accepted, setAccepted] = useState(false);
  const run = async (dryRun: boolean, confirm?: readonly string[]) => {
    if (files.length === 0) {
      setMissing(true);
      input.current?.focus();
      return;
    }
    const job = { controller: new AbortController(), cancelled: false };
    current.current = job;
    const items: Item[] = files.map((f) => ({
      name: f.name,
      size: f.size,
      phase: { kind: 'waiting' },
    }));
    const show = (running: boolean) =>
      setState((s) => ({
        status: 'run',
        dryRun,
        items: [...items],
        running,
        cancelling: running && s.status === 'run' && s.cancelling,
      }));
    const set = (index: number, phase: Phase) => {
      const item = items[index];
      if (!item) return;
      items[index] = { ...item, phase };
      show(true);
    };
    setState({ status: 'run', dryRun, items: [...items], running: true, cancelling: false });
    setAccepted(false);

    // What has happened since the last announcement: a file that finished is announced with
    // the next one starting (or with the end of the run), as one message.
    let pending: string[] = [];
    const announce = (message: string) => {
      setAnnouncement(sentences([...pending, message]));
      pending = [];
    };
    let forbidden = false;
    for (const [index, file] of files.entries()) {
      if (job.cancelled) {
        set(index, { kind: 'cancelled' });
        continue;
      }
      if (file.size > limitBytes) {
        // Refused here, as the server would refuse it, without sending it.
        set(index, {
          kind: 'done',
          results: [{ status: 'refused', file: file.name, code: 'too-large', reason: '' }],
        });
        pending.push(statusLine(items, index));
        continue;
      }
      set(index, { kind: 'uploading', ratio: null });
      announce(statusLine(items, index));
      try {
        const response = await importFile(file, {
          dryRun,
          review,
          confirm,
          signal: job.controller.signal,
          onUploadProgress: ({ loaded, total }) =>
            set(index, { kind: 'uploading', ratio: total ? Math.min(loaded / total, 1) : null }),
          onUploaded: () => set(index, { kind: 'parsing' }),
        });
        set(index, { kind: 'done', results: response.files });
      } catch (error) {
        if (isAbort(error)) {
          set(index, { kind: 'cancelled' });
          continue;
        }
        if (error instanceof ApiError && error.kind === 'forbidden') {
          forbidden = true;
          break;
        }
        set(index, { kind: 'failed', error });
      }
      pending.push(statusLine(items, index));
    }
    if (current.current === job) current.current = null;
    if (forbidden) {
      setState({ status: 'forbidden' });
      setAnnouncement('');
    } else {
      show(false);
      const done = items.filter((i) => i.phase.kind === 'done' || i.phase.kind === 'failed');
      const counts = { done: done.length, count: items.length };
      announce(job.cancelled ? t('import.cancelled', counts) : t('import.finished', counts));
    }
    focusResults();
  };

  const cancel = () => {
    const job = current.current;
    if (!job) return;
    job.cancelled = true;
    setState((s) => (s.status === 'run' ? { ...s, cancelling: true } : s));
    setAnnouncement(t('import.cancelling'));
    // A file still being sent is stopped; one the server is reading is let finish, so what is
    // shown is what was stored.
    const sending = state.status === 'run' && state.items.some((i) => i.phase.kind === 'uploading');
    if (sending) job.controller.abort();
  };

  const working = state.status === 'run' && state.running;
  const finished =
    state.status === 'run'
      ? state.items.filter((i) => i.phase.kind === 'done' || i.phase.kind === 'failed')
      : [];
  const tokens = working ? [] : tokensOf(finished);
  return (
    <>
      {title}
      <div className="stack-lg">
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            if (!working) void run(true);
          }}
        >
          <Field className="file-input">
            <Label>{t('import.files')}</Label>
            <FieldDescription>{t('import.files.description')}</FieldDescription>
            <Input
              ref={input}
              type="file"
              name="files"
              multiple
              accept=".pdf,.docx,.md,.txt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/markdown,text/plain"
              onChange={onChange}
              aria-invalid={missing || undefined}
            />
            {missing && <ValidationMessage role="alert">{t('import.noFiles')}</ValidationMessage>}
          </Field>
          {files.length > 0 && (
            <div>
              <Paragraph data-size="sm">{t('import.selected')}:</Paragraph>
              <ul className="file-list">
                {files.map((f) => (
                  <li key={`${f.name}-${f.size}`}>
                    {f.name}
                    {f.size > limitBytes && (
                      <ValidationMessage>
                        {tooLarge(f.name, f.size, limitBytes)} {t('import.tooLarge.notSent')}
                      </ValidationMessage>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <Fieldset>
            <Fieldset.Legend>{t('import.issue.legend')}</Fieldset.Legend>
            <Fieldset.Description>{t('import.issue.description')}</Fieldset.Description>
            <Radio
              name="issue"
              value="review"
              label={t('import.issue.review')}
              checked={review}
              onChange={() => setReview(true)}
            />
            <Radio
              name="issue"
              value="now"
              label={t('import.issue.now')}
              checked={!review}
              onChange={() => setReview(false)}
            />
          </Fieldset>
          <div className="row">
            <Button
              type="submit"
              loading={working && state.status === 'run' && state.dryRun}
              disabled={working}
            >
              {t('import.dryRun')}
            </Button>
            <Button
              type="button"
              variant="secondary"
              loading={working && state.status === 'run' && !state.dryRun}
              disabled={working}
              onClick={() => void run(false)}
            >
              {t('import.run')}
            </Button>
          </div>
        </form>

        <div role="status" aria-live="polite" className="visually-hidden">
          {announcement}
        </div>

        {state.status === 'run' && (
          <section aria-labelledby={`${idPrefix}-title`} className="stack">
            <Heading level={2} data-size="sm" id={`${idPrefix}-title`}>
              {t('import.progress.title')}
            </Heading>
            <Progress items={state.items} idPrefix={idPrefix} />
            {working && (
              <div className="row">
                <Button
                  type="button"
                  variant="tertiary"
                  data-color="danger"
                  disabled={state.cancelling}
                  aria-describedby={`${idPrefix}-cancel`}
                  onClick={cancel}
                >
                  {t('import.cancel')}
                </Button>
                <Paragraph data-size="sm" className="muted" id={`${idPrefix}-cancel`}>
                  {state.cancelling ? t('import.cancelling') : t('import.cancel.description')}
                </Paragraph>
              </div>
            )}
          </section>
        )}

        <div ref={results} tabIndex={-1} className="stack">
          {state.status === 'forbidden' && <Forbidden me={me} />}
          {state.status === 'run' && finished.length > 0 && (
            <section aria-labelledby="resultat" className="stack">
              <Heading level={2} data-size="sm" id="resultat">
                {state.dryRun ? t('import.results.dryRun') : t('import.results')}
              </Heading>
              {finished.map((item, i) => (
                <FileResult key={i} item={item} limitBytes={limitBytes} />
              ))}
            </section>
          )}
          {tokens.length > 0 && (
            <section aria-labelledby={`${idPrefix}-confirm`} className="stack">
              <Heading level={2} data-size="sm" id={`${idPrefix}-confirm`}>
                {t('import.confirm.title')}
              </Heading>
              <Paragraph>{t('import.confirm.intro')}</Paragraph>
              <Checkbox
                label={t('import.confirm.accept')}
                checked={accepted}
                onChange={(e) => setAccepted(e.currentTarget.checked)}
              />
              <div className="row">
                <Button
                  type="button"
                  data-color="danger"
                  disabled={!accepted}
                  onClick={() => void run(false, tokens)}
                >
                  {t('import.confirm.run')}
                </Button>
              </div>
            </section>
          )}
        </div>
      </div>
    </>
  );
}
