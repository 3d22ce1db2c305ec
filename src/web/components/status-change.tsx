/**
 * The status of an assignment: the current status, the changes the server allows this user
 * (never computed here), a form with comment and delivery reference (saying who reads them),
 * and the history (status only for those the server does not send the comments). Delivering
 * sends the reference, the comment and files together (multipart); a step that undoes
 * something (sending back, withdrawing, reopening, cancelling) asks for confirmation first. A
 * change names the version it was based on; when someone else changed the assignment first
 * (409), the page says so, shows their change and reloads.
 */
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Field,
  FieldDescription,
  Heading,
  Label,
  Link,
  Paragraph,
  Radio,
  Textarea,
  Textfield,
} from '@digdir/designsystemet-react';
import type { AssignmentEvent, AssignmentHistory } from '../../contract/assignment-status';
import type { AssignmentStatus } from '../../contract/enums';
import { changeStatus, deliverAssignment, deliveryFileUrl, getAssignmentHistory } from '../api';
import { formatDateTime, formatFileSize } from '../format';
import { useAsync, useFocusAfterRender } from '../hooks';
import { t, tOr, type MessageKey } from '../locales/nb';
import { refusalText } from '../refusal';
import { useMe } from '../session';
import { ErrorState, Loading, StatusTag, errorMessage } from './ui';
import { progressLabel } from './follow-up';

type Notice =
  | { kind: 'saved'; to: string }
  | { kind: 'stale'; status: string | null; version: number | null }
  | { kind: 'refused'; message: string }
  | { kind: 'error'; message: string };

/** Why the lifecycle refused a change, in Norwegian (the server's message otherwise). */
const TRANSITION_REFUSED: Partial<Record<string, MessageKey>> = {
  'comment-required': 'statusChange.refused.comment-required',
  'not-permitted': 'statusChange.refused.not-permitted',
  'invalid-transition': 'statusChange.refused.invalid-transition',
  'merged-into-required': 'statusChange.refused.merged-into-required',
};

function refusedMessage(error: string, message: string): string {
  const key = TRANSITION_REFUSED[error];
  return key ? t(key) : t('statusChange.refused', { message });
}

/** Who made a change, as the server names them (the name only to those who may read it). */
function useWho() {
  const me = useMe();
  return (e: AssignmentEvent): string => {
    if (me?.user && e.actorId === me.user.id) return t('history.you');
    if (e.actorName) return e.actorName;
    return e.actorKind === 'system' ? t('history.system') : t('history.someone');
  };
}

/** What one event changed, as a sentence. */
function eventSentence(e: AssignmentEvent): string {
  const from = e.detail?.from ?? null;
  const to = e.detail?.to ?? null;
  switch (e.kind) {
    case 'owner-department':
      if (from === null && to !== null) return t('history.department.set', { to });
      if (to === null && from !== null) return t('history.department.cleared', { from });
      return t('history.department.changed', { from: from ?? '', to: to ?? '' });
    case 'owner-person':
      if (!e.detail) return t('history.person.hidden');
      if (to === null) return t('history.person.cleared');
      // The server names the person (detail.toName) to those who read the work dialogue.
      return t('history.person.given', { name: e.detail.toName ?? t('history.unnamedPerson') });
    case 'progress':
      return t('history.progress', {
        progress: to ? progressLabel(to) : t('followUp.progress.none'),
      });
    case 'deadline':
      return from === null
        ? t('history.deadline.new', { to: to ?? '' })
        : t('history.deadline', { from, to: to ?? '' });
    case 'status':
      return t('history.change', {
        from: tOr(`status.${e.from}`, e.from),
        to: tOr(`status.${e.to}`, e.to),
      });
  }
}

function EventText({
  e,
  who,
  assignmentId,
}: {
  e: AssignmentEvent;
  who: (e: AssignmentEvent) => string;
  assignmentId: string;
}) {
  return (
    <>
      <div className="row">
        <time dateTime={e.at}>{formatDateTime(e.at)}</time>
        <span>{eventSentence(e)}</span>
        <span className="muted">{t('history.by', { name: who(e) })}</span>
      </div>
      {e.comment && (
        <div>
          {e.kind === 'progress'
            ? t('history.reason', { reason: e.comment })
            : t('history.comment', { comment: e.comment })}
        </div>
      )}
      {e.deliveryRef && <div>{t('history.deliveryRef', { ref: e.deliveryRef })}</div>}
      {e.files.length > 0 && (
        <div>
          {t('history.files')}
          <ul className="file-list">
            {e.files.map((f) => (
              <li key={f.id}>
                <Link href={deliveryFileUrl(assignmentId, f.id)} download={f.name}>
                  {f.name}
                </Link>{' '}
                <span className="muted">({formatFileSize(f.size)})</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {e.mergedInto && <div>{t('history.mergedInto', { id: e.mergedInto.registerId })}</div>}
    </>
  );
}

/** The confirmation a step that undoes something asks for, or null when it needs none. */
function confirmationFor(
  from: AssignmentStatus,
  to: AssignmentStatus,
  agencySide: boolean,
): { question: MessageKey; yes: MessageKey } | null {
  if (to === 'cancelled')
    return { question: 'statusChange.confirm.cancel', yes: 'statusChange.confirm.cancel.yes' };
  if (to === 'in-progress' && from === 'accepted') {
    return { question: 'statusChange.confirm.reopen', yes: 'statusChange.confirm.reopen.yes' };
  }
  if (to === 'in-progress' && from === 'delivered') {
    return agencySide
      ? { question: 'statusChange.confirm.withdraw', yes: 'statusChange.confirm.withdraw.yes' }
      : { question: 'statusChange.confirm.return', yes: 'statusChange.confirm.return.yes' };
  }
  return null;
}

const ACCEPT_FILES = '.pdf,.docx,.xlsx';

function ChangeForm({
  history,
  assignmentId,
  onDone,
}: {
  history: AssignmentHistory;
  assignmentId: string;
  onDone: (notice: Notice) => void;
}) {
  const me = useMe();
  const agencySide = me?.user?.organisation?.kind === 'agency';
  const current = history.assignment.status;
  const allowed = history.assignment.allowedTransitions;
  const [to, setTo] = useState<string>('');
  const [comment, setComment] = useState('');
  const [deliveryRef, setDeliveryRef] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<AssignmentStatus | null>(null);
  const [fileRefusal, setFileRefusal] = useState<{ text: string; detail: string | null } | null>(
    null,
  );
  const first = useRef<HTMLInputElement>(null);
  const files = useRef<HTMLInputElement>(null);
  const [confirmRef, focusConfirm] = useFocusAfterRender<HTMLDivElement>();
  const [refusalRef, focusRefusal] = useFocusAfterRender<HTMLDivElement>();
  const [submitRef, focusSubmit] = useFocusAfterRender<HTMLButtonElement>();

  const send = async (chosen: AssignmentStatus) => {
    setConfirming(null);
    setFileRefusal(null);
    setBusy(true);
    const trimmed = { comment: comment.trim(), deliveryRef: deliveryRef.trim() };
    try {
      if (chosen === 'delivered') {
        const chosenFiles = [...(files.current?.files ?? [])];
        const out = await deliverAssignment(assignmentId, {
          expectedVersion: history.assignment.version,
          comment: trimmed.comment || undefined,
          deliveryRef: trimmed.deliveryRef || undefined,
          files: chosenFiles,
        });
        if (out.kind === 'changed') onDone({ kind: 'saved', to: out.result.assignment.status });
        else if (out.kind === 'stale') onDone({ kind: 'stale', status: null, version: null });
        else if (out.kind === 'refused')
          onDone({ kind: 'refused', message: refusedMessage(out.error, out.message) });
        else {
          const { refusal } = out;
          const sent = chosenFiles.find((f) => f.name === refusal.file);
          const text =
            refusal.code === 'unsupported-type'
              ? {
                  text: t('delivery.refused.unsupported-type', { file: refusal.file }),
                  detail: null,
                }
              : refusalText(refusal, {
                  ...(sent ? { sizeBytes: sent.size } : {}),
                  ...(me ? { limitBytes: me.limits.maxUploadBytes } : {}),
                });
          setFileRefusal(text);
          focusRefusal();
        }
        return;
      }
      const out = await changeStatus(assignmentId, {
        to: chosen,
        expectedVersion: history.assignment.version,
        ...(trimmed.comment ? { comment: trimmed.comment } : {}),
      });
      if (out.kind === 'changed') onDone({ kind: 'saved', to: out.result.assignment.status });
      else if (out.kind === 'stale')
        onDone({ kind: 'stale', status: out.current.status, version: out.current.version });
      else onDone({ kind: 'refused', message: refusedMessage(out.error, out.message) });
    } catch (error) {
      onDone({ kind: 'error', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const chosen = allowed.find((s) => s === to);
    if (!chosen) {
      setMissing(true);
      first.current?.focus();
      return;
    }
    if (confirmationFor(current, chosen, agencySide)) {
      setConfirming(chosen);
      focusConfirm();
      return;
    }
    void send(chosen);
  };

  const confirmation = confirming ? confirmationFor(current, confirming, agencySide) : null;
  const delivering = to === 'delivered';

  return (
    <form className="stack status-form" onSubmit={onSubmit}>
      <fieldset className="stack" aria-describedby={missing ? 'status-missing' : undefined}>
        <legend>
          <Heading level={3} data-size="xs">
            {t('statusChange.choose')}
          </Heading>
        </legend>
        {allowed.map((s, i) => (
          <Radio
            key={s}
            ref={i === 0 ? first : undefined}
            name="to"
            value={s}
            label={tOr(`status.${s}`, s)}
            checked={to === s}
            onChange={() => {
              setTo(s);
              setMissing(false);
              setConfirming(null);
            }}
          />
        ))}
        {missing && (
          <p id="status-missing" className="ds-validation-message" role="alert">
            {t('statusChange.missing')}
          </p>
        )}
      </fieldset>
      <Field>
        <Label>{t('statusChange.comment')}</Label>
        <FieldDescription>{t('statusChange.comment.description')}</FieldDescription>
        <Textarea
          name="comment"
          rows={3}
          maxLength={4000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </Field>
      {delivering && (
        <fieldset className="stack delivery-fields">
          <legend>
            <Heading level={3} data-size="xs">
              {t('delivery.title')}
            </Heading>
          </legend>
          <Textfield
            name="deliveryRef"
            label={t('statusChange.deliveryRef')}
            description={t('statusChange.deliveryRef.description')}
            maxLength={500}
            value={deliveryRef}
            onChange={(e) => setDeliveryRef(e.target.value)}
          />
          <Field>
            <Label>{t('delivery.files')}</Label>
            <FieldDescription>{t('delivery.files.description')}</FieldDescription>
            <input
              ref={files}
              className="file-input"
              type="file"
              name="files"
              multiple
              accept={ACCEPT_FILES}
              aria-invalid={fileRefusal ? true : undefined}
              aria-describedby={fileRefusal ? 'delivery-file-refused' : undefined}
              onChange={() => setFileRefusal(null)}
            />
          </Field>
          <div ref={refusalRef} tabIndex={-1}>
            {fileRefusal && (
              <Alert data-color="danger" role="alert" id="delivery-file-refused">
                <Paragraph>{fileRefusal.text}</Paragraph>
                {fileRefusal.detail && <Paragraph data-size="sm">{fileRefusal.detail}</Paragraph>}
                <Paragraph data-size="sm">{t('delivery.refused.nothingSaved')}</Paragraph>
              </Alert>
            )}
          </div>
        </fieldset>
      )}
      <div ref={confirmRef} tabIndex={-1}>
        {confirming && confirmation && (
          <Alert data-color="warning" className="stack">
            <Paragraph>
              {t(confirmation.question, { status: tOr(`status.${confirming}`, confirming) })}
            </Paragraph>
            <div className="row">
              <Button
                type="button"
                data-color="danger"
                disabled={busy}
                onClick={() => void send(confirming)}
              >
                {t(confirmation.yes)}
              </Button>
              <Button
                type="button"
                variant="secondary"
                onClick={() => {
                  setConfirming(null);
                  focusSubmit();
                }}
              >
                {t('statusChange.confirm.no')}
              </Button>
            </div>
          </Alert>
        )}
      </div>
      {!confirming && (
        <div>
          <Button ref={submitRef} type="submit" loading={busy} disabled={busy}>
            {delivering ? t('delivery.submit') : t('statusChange.submit')}
          </Button>
        </div>
      )}
    </form>
  );
}

function NoticeView({ notice, latest }: { notice: Notice | null; latest: ReactNode }) {
  if (!notice) return null;
  switch (notice.kind) {
    case 'saved':
      return (
        <Alert data-color="success">
          <Paragraph>
            {t('statusChange.saved', { status: tOr(`status.${notice.to}`, notice.to) })}
          </Paragraph>
        </Alert>
      );
    case 'stale':
      return (
        <Alert data-color="warning">
          <Heading level={3} data-size="xs">
            {t('statusChange.stale.title')}
          </Heading>
          <Paragraph>
            {notice.status !== null && notice.version !== null
              ? t('statusChange.stale.text', {
                  status: tOr(`status.${notice.status}`, notice.status),
                  version: notice.version,
                })
              : t('statusChange.stale.short')}
          </Paragraph>
          {latest && <div className="stale-change">{latest}</div>}
          <Paragraph>{t('statusChange.stale.next')}</Paragraph>
        </Alert>
      );
    case 'refused':
    case 'error':
      return (
        <Alert data-color="danger" role="alert">
          <Paragraph>{notice.message}</Paragraph>
        </Alert>
      );
  }
}

export function StatusSection({
  assignmentId,
  canUpdate,
  canReadComments,
  reloadKey,
  onChanged,
}: {
  assignmentId: string;
  canUpdate: boolean;
  /** The server sends comments and delivery references only to those who may read them. */
  canReadComments: boolean;
  /** Changes when something else on the page changed the assignment: the history is read again. */
  reloadKey: number;
  onChanged: () => void;
}) {
  const [attempt, setAttempt] = useState(0);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [noticeRef, focusNotice] = useFocusAfterRender<HTMLDivElement>();
  const history = useAsync(`history:${assignmentId}:${attempt}:${reloadKey}`, (signal) =>
    getAssignmentHistory(assignmentId, signal),
  );
  const who = useWho();
  // While reading the history again, the section keeps showing what it had.
  const last = useRef<AssignmentHistory | null>(null);
  if (history.status === 'ok') last.current = history.data;

  const onDone = (n: Notice) => {
    setNotice(n);
    if (n.kind === 'saved' || n.kind === 'stale') {
      setAttempt((k) => k + 1);
      onChanged();
    }
    focusNotice();
  };

  const h =
    history.status === 'ok' ? history.data : history.status === 'loading' ? last.current : null;
  if (!h) {
    if (history.status === 'error')
      return <ErrorState error={history.error} retry={history.retry} />;
    return <Loading rows={3} />;
  }
  const latest = h.events.at(-1);
  return (
    <div className="stack">
      <Paragraph>
        {t('statusChange.current')} <StatusTag status={h.assignment.status} />{' '}
        <span className="muted">
          {t('statusChange.version', { version: h.assignment.version })}
        </span>
      </Paragraph>
      <div ref={noticeRef} tabIndex={-1} aria-live="polite">
        <NoticeView
          notice={notice}
          latest={latest ? <EventText e={latest} who={who} assignmentId={assignmentId} /> : null}
        />
      </div>
      {canUpdate && h.assignment.allowedTransitions.length > 0 ? (
        <ChangeForm
          key={`${h.assignment.version}`}
          history={h}
          assignmentId={assignmentId}
          onDone={onDone}
        />
      ) : (
        <Paragraph data-size="sm" className="muted">
          {canUpdate ? t('statusChange.final') : t('statusChange.notAllowed')}
        </Paragraph>
      )}
      <Heading level={3} data-size="xs" id="historikk">
        {t('history.title')}
      </Heading>
      {!canReadComments && (
        <Paragraph data-size="sm" className="muted">
          {t('history.commentsHidden')}
        </Paragraph>
      )}
      {h.events.length === 0 ? (
        <Paragraph>{t('history.empty')}</Paragraph>
      ) : (
        <ol className="history-list" aria-labelledby="historikk" reversed>
          {[...h.events].reverse().map((e) => (
            <li key={e.id}>
              <EventText e={e} who={who} assignmentId={assignmentId} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
