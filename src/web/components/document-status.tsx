/**
 * A document's state through consultation — under review (ministry only), shared with the
 * agency, issued — and the next steps the server allows this user (`allowedTransitions`; the
 * client never works out the rules itself): share, withdraw. Issuing approves the import's
 * review, so it is done in the review section (`ReviewApproval`), which this section points to.
 * A change names the state shown; when someone else changed the document first (409), the page
 * says so with the state it now has and reloads.
 */
import { useState } from 'react';
import {
  Alert,
  Button,
  Field,
  FieldDescription,
  Heading,
  Label,
  Paragraph,
  Tag,
  Textarea,
} from '@digdir/designsystemet-react';
import type { DocumentDetail } from '../../contract/document';
import type { DocumentStatus } from '../../contract/enums';
import { changeDocumentStatus } from '../api';
import { useFocusAfterRender } from '../hooks';
import { t } from '../locales/nb';
import { errorMessage } from './ui';

type Notice =
  | { kind: 'saved'; status: DocumentStatus }
  | { kind: 'stale' | 'refused'; status: DocumentStatus }
  | { kind: 'error'; message: string };

const tagColor: Record<DocumentStatus, 'warning' | 'info' | 'success'> = {
  draft: 'warning',
  shared: 'info',
  published: 'success',
};

export function DocumentStatusTag({ status }: { status: DocumentStatus }) {
  return (
    <Tag data-color={tagColor[status]} data-size="sm">
      {t(`docStatus.${status}`)}
    </Tag>
  );
}

/** The comment a status change is recorded with (audited beside it). */
export function StatusComment({
  value,
  onChange,
}: {
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field>
      <Label>{t('documentStatus.comment')}</Label>
      <FieldDescription>{t('documentStatus.comment.description')}</FieldDescription>
      <Textarea
        name="comment"
        rows={2}
        maxLength={2000}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}

/** The changes besides issuing, which is the review's approval (`ReviewApproval`). */
const changesHere = (doc: DocumentDetail) =>
  doc.allowedTransitions.filter((s) => s !== 'published');

function ChangeForm({
  doc,
  onDone,
}: {
  doc: DocumentDetail;
  onDone: (notice: Notice) => Promise<void>;
}) {
  const actions = changesHere(doc);
  const primary = actions.find((s) => s !== 'draft');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<DocumentStatus | null>(null);

  const change = async (to: DocumentStatus) => {
    setBusy(to);
    let notice: Notice;
    try {
      const text = comment.trim();
      const out = await changeDocumentStatus(doc.id, {
        to,
        expectedVersion: doc.statusVersion,
        ...(text ? { comment: text } : {}),
      });
      notice =
        out.kind === 'changed'
          ? { kind: 'saved', status: out.document.status }
          : { kind: out.kind, status: out.current.status };
    } catch (error) {
      notice = { kind: 'error', message: errorMessage(error) };
    }
    await onDone(notice);
    setBusy(null);
  };

  return (
    <form className="stack status-form" onSubmit={(e) => e.preventDefault()}>
      <StatusComment value={comment} onChange={setComment} />
      <div className="row" role="group" aria-label={t('documentStatus.actions')}>
        {actions.map((to) => (
          <Button
            key={to}
            type="button"
            variant={to === primary ? 'primary' : 'secondary'}
            loading={busy === to}
            disabled={busy !== null}
            onClick={() => void change(to)}
          >
            {t(`documentStatus.to.${to}`)}
          </Button>
        ))}
      </div>
    </form>
  );
}

/**
 * The status section of the document page. `reload` fetches the document again; the notice is
 * shown (and focused) once the page shows what is stored.
 */
export function DocumentStatusSection({
  doc,
  reload,
}: {
  doc: DocumentDetail;
  reload: () => Promise<void>;
}) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const [noticeRef, focusNotice] = useFocusAfterRender<HTMLDivElement>();
  // The server decides which states this user may choose; the client only shows them.
  const canChange = changesHere(doc).length > 0;

  const onDone = async (n: Notice) => {
    let shown = n;
    if (n.kind !== 'error') {
      try {
        await reload();
      } catch (error) {
        shown = { kind: 'error', message: errorMessage(error) };
      }
    }
    setNotice(shown);
    focusNotice();
  };

  return (
    <section aria-labelledby="dokumentstatus" className="stack">
      <Heading level={2} data-size="sm" id="dokumentstatus">
        {t('documentStatus.title')}
      </Heading>
      <Paragraph>
        {t('documentStatus.current')} <DocumentStatusTag status={doc.status} />
      </Paragraph>
      <Paragraph data-size="sm">{t(`documentStatus.about.${doc.status}`)}</Paragraph>
      <div ref={noticeRef} tabIndex={-1} aria-live="polite" className="status-notice">
        {notice?.kind === 'saved' && (
          <Alert data-color="success">
            <Paragraph>{t(`documentStatus.saved.${notice.status}`)}</Paragraph>
          </Alert>
        )}
        {(notice?.kind === 'stale' || notice?.kind === 'refused') && (
          <Alert data-color="warning">
            <Heading level={3} data-size="xs">
              {notice.kind === 'stale'
                ? t('documentStatus.stale.title')
                : t('documentStatus.refused.title')}
            </Heading>
            <Paragraph>
              {t('documentStatus.conflict.text', { status: t(`docStatus.${notice.status}`) })}
            </Paragraph>
            <Paragraph>{t('documentStatus.conflict.next')}</Paragraph>
          </Alert>
        )}
        {notice?.kind === 'error' && (
          <Alert data-color="danger">
            <Paragraph>{notice.message}</Paragraph>
          </Alert>
        )}
      </div>
      {doc.allowedTransitions.includes('published') && (
        <Paragraph data-size="sm">
          {t('documentStatus.issueByReview')}{' '}
          <a className="ds-link" href="#godkjenn-gjennomgang">
            {t('documentStatus.issueByReview.link')}
          </a>
        </Paragraph>
      )}
      {canChange && <ChangeForm key={doc.status} doc={doc} onDone={onDone} />}
      {doc.allowedTransitions.length === 0 && doc.status !== 'published' && (
        <Paragraph data-size="sm" className="muted">
          {t('documentStatus.notAllowed')}
        </Paragraph>
      )}
    </section>
  );
}
