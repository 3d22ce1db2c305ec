import { useRef, useState, type ChangeEvent } from 'react';
import {
  Alert,
  Button,
  Card,
  Details,
  DetailsContent,
  DetailsSummary,
  Field,
  FieldDescription,
  Heading,
  Input,
  Label,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
  Tag,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import type { ImportFileResult, ImportResponse } from '../../contract/api';
import { ApiError, importFiles } from '../api';
import { AppLink, ErrorState, PageHeading, documentKindLabel } from '../components/ui';
import { formatNumber, formatPercent } from '../format';
import { t, tOr } from '../locales/nb';
import { paths } from '../router';
import { signInHref, useMe } from '../session';

type State =
  | { status: 'idle' }
  | { status: 'working'; dryRun: boolean }
  | { status: 'done'; dryRun: boolean; response: ImportResponse }
  | { status: 'forbidden' }
  | { status: 'error'; error: unknown };

type ImportedFile = Extract<ImportFileResult, { status: 'imported' }>;
type RefusedFile = Extract<ImportFileResult, { status: 'refused' }>;

const outcomeColor: Record<string, string> = {
  created: 'success',
  'new-version': 'info',
  unchanged: 'neutral',
  'dry-run': 'info',
};

function Refused({ file }: { file: RefusedFile }) {
  return (
    <Alert data-color="danger">
      <Heading level={3} data-size="xs">
        {t('import.refused')}: {file.file}
      </Heading>
      <Paragraph>
        {t('import.refused.text', {
          file: file.file,
          reason: tOr(`refusal.${file.code}`, file.reason),
        })}
      </Paragraph>
      <Paragraph data-size="sm">{t('import.refused.detail', { reason: file.reason })}</Paragraph>
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
              <span>{t('import.coverage', { percent: formatPercent(d.coverage) })}</span>
              <span>{t('import.unparsed', { count: formatNumber(d.unparsed) })}</span>
            </div>
            <div className="table-scroll">
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
            </div>
            {d.warnings.length > 0 && (
              <Details>
                <DetailsSummary>
                  {t('import.warnings', { count: formatNumber(d.warnings.length) })}
                </DetailsSummary>
                <DetailsContent>
                  <ul>
                    {d.warnings.map((w, j) => (
                      <li key={j}>{w}</li>
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
                    {d.diff.map((line, j) => (
                      <li key={j}>{line}</li>
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

export default function ImportPage() {
  const me = useMe();
  const [files, setFiles] = useState<File[]>([]);
  const [missing, setMissing] = useState(false);
  const [state, setState] = useState<State>({ status: 'idle' });
  const input = useRef<HTMLInputElement>(null);
  const results = useRef<HTMLDivElement>(null);

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    setFiles(Array.from(event.currentTarget.files ?? []));
    setMissing(false);
  };

  const run = async (dryRun: boolean) => {
    if (files.length === 0) {
      setMissing(true);
      input.current?.focus();
      return;
    }
    setState({ status: 'working', dryRun });
    try {
      const response = await importFiles(files, dryRun);
      setState({ status: 'done', dryRun, response });
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'forbidden')
        setState({ status: 'forbidden' });
      else setState({ status: 'error', error });
    }
    requestAnimationFrame(() => results.current?.focus());
  };

  const working = state.status === 'working';
  return (
    <>
      <PageHeading title={t('import.title')}>
        <Paragraph>{t('import.intro')}</Paragraph>
      </PageHeading>
      <div className="stack-lg">
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void run(true);
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
              accept=".pdf,.docx,.txt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain"
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
                  <li key={`${f.name}-${f.size}`}>{f.name}</li>
                ))}
              </ul>
            </div>
          )}
          <div className="row">
            <Button type="submit" loading={working && state.dryRun} disabled={working}>
              {t('import.dryRun')}
            </Button>
            <Button
              type="button"
              variant="secondary"
              loading={working && !state.dryRun}
              disabled={working}
              onClick={() => void run(false)}
            >
              {t('import.run')}
            </Button>
          </div>
        </form>

        <div ref={results} tabIndex={-1} className="stack" aria-live="polite">
          {working && <Paragraph role="status">{t('import.working')}</Paragraph>}
          {state.status === 'forbidden' && (
            <Alert data-color="warning">
              <Heading level={2} data-size="xs">
                {t('import.forbidden.title')}
              </Heading>
              <Paragraph>{t('import.forbidden')}</Paragraph>
              <Paragraph>
                <a className="ds-link" href={signInHref(me, paths.import())}>
                  {me?.user ? t('import.signIn') : t('user.signIn')}
                </a>
              </Paragraph>
            </Alert>
          )}
          {state.status === 'error' && <ErrorState error={state.error} />}
          {state.status === 'done' && (
            <section aria-labelledby="resultat" className="stack">
              <Heading level={2} data-size="sm" id="resultat">
                {state.dryRun ? t('import.results.dryRun') : t('import.results')}
              </Heading>
              {state.response.files.map((file, i) =>
                file.status === 'refused' ? (
                  <Refused key={i} file={file} />
                ) : (
                  <Imported key={i} file={file} />
                ),
              )}
            </section>
          )}
        </div>
      </div>
    </>
  );
}
