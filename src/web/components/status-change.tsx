/**
 * The status of an assignment: the current status, the changes the server allows this user
 * (never computed here), a form with comment and delivery reference (saying who reads them),
 * and the history (status only for those the server does not send the comments). A change
 * names the version it was based on; when someone else changed the assignment first (409), the
 * page says so, shows their change and reloads.
 */
import { useRef, useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Field,
  FieldDescription,
  Heading,
  Label,
  Paragraph,
  Radio,
  Textarea,
  Textfield,
} from '@digdir/designsystemet-react';
import type { AssignmentEvent, AssignmentHistory } from '../../contract/assignment-status';
import { changeStatus, getAssignmentHistory } from '../api';
import { formatDateTime } from '../format';
import { useAsync, useFocusAfterRender } from '../hooks';
import { t, tOr } from '../locales/nb';
import { useMe } from '../session';
import { ErrorState, Loading, StatusTag, errorMessage } from './ui';

type Notice =
  | { kind: 'saved'; to: string }
  | { kind: 'stale'; status: string; version: number }
  | { kind: 'refused'; message: string }
  | { kind: 'error'; message: string };

/** Who made a change, as the server names them (the name only to those who may read it). */
function useWho() {
  const me = useMe();
  return (e: AssignmentEvent): string => {
    if (me?.user && e.actorId === me.user.id) return t('history.you');
    if (e.actorName) return e.actorName;
    return e.actorKind === 'system' ? t('history.system') : t('history.someone');
  };
}

function EventText({ e, who }: { e: AssignmentEvent; who: (e: AssignmentEvent) => string }) {
  return (
    <>
      <div className="row">
        <time dateTime={e.at}>{formatDateTime(e.at)}</time>
        <span>
          {t('history.change', {
            from: tOr(`status.${e.from}`, e.from),
            to: tOr(`status.${e.to}`, e.to),
          })}
        </span>
        <span className="muted">{t('history.by', { name: who(e) })}</span>
      </div>
      {e.comment && <div>{t('history.comment', { comment: e.comment })}</div>}
      {e.deliveryRef && <div>{t('history.deliveryRef', { ref: e.deliveryRef })}</div>}
      {e.mergedInto && <div>{t('history.mergedInto', { id: e.mergedInto.registerId })}</div>}
    </>
  );
}

function ChangeForm({
  history,
  assignmentId,
  onDone,
}: {
  history: AssignmentHistory;
  assignmentId: string;
  onDone: (notice: Notice) => void;
}) {
  const allowed = history.assignment.allowedTransitions;
  const [to, setTo] = useState<string>('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const chosen = allowed.find((s) => s === to);
    if (!chosen) {
      setMissing(true);
      first.current?.focus();
      return;
    }
    const data = new FormData(event.currentTarget);
    const comment = String(data.get('comment') ?? '').trim();
    const deliveryRef = String(data.get('deliveryRef') ?? '').trim();
    setBusy(true);
    try {
      const out = await changeStatus(assignmentId, {
        to: chosen,
        expectedVersion: history.assignment.version,
        ...(comment ? { comment } : {}),
        ...(deliveryRef ? { deliveryRef } : {}),
      });
      if (out.kind === 'changed') onDone({ kind: 'saved', to: out.result.assignment.status });
      else if (out.kind === 'stale')
        onDone({ kind: 'stale', status: out.current.status, version: out.current.version });
      else onDone({ kind: 'refused', message: out.message });
    } catch (error) {
      onDone({ kind: 'error', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="stack status-form" onSubmit={(e) => void onSubmit(e)}>
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
        <Textarea name="comment" rows={3} maxLength={4000} />
      </Field>
      <Textfield
        name="deliveryRef"
        label={t('statusChange.deliveryRef')}
        description={t('statusChange.deliveryRef.description')}
        maxLength={500}
      />
      <div>
        <Button type="submit" loading={busy} disabled={busy}>
          {t('statusChange.submit')}
        </Button>
      </div>
    </form>
  );
}

export function StatusSection({
  assignmentId,
  canUpdate,
  canReadComments,
  onChanged,
}: {
  assignmentId: string;
  canUpdate: boolean;
  /** The server sends comments and delivery references only to those who may read them. */
  canReadComments: boolean;
  onChanged: () => void;
}) {
  const [attempt, setAttempt] = useState(0);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [noticeRef, focusNotice] = useFocusAfterRender<HTMLDivElement>();
  const history = useAsync(`history:${assignmentId}:${attempt}`, (signal) =>
    getAssignmentHistory(assignmentId, signal),
  );
  const who = useWho();

  const onDone = (n: Notice) => {
    setNotice(n);
    if (n.kind === 'saved' || n.kind === 'stale') {
      setAttempt((k) => k + 1);
      onChanged();
    }
    focusNotice();
  };

  if (history.status === 'loading') return <Loading rows={3} />;
  if (history.status === 'error') return <ErrorState error={history.error} retry={history.retry} />;
  const h = history.data;
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
        {notice?.kind === 'saved' && (
          <Alert data-color="success">
            <Paragraph>
              {t('statusChange.saved', { status: tOr(`status.${notice.to}`, notice.to) })}
            </Paragraph>
          </Alert>
        )}
        {notice?.kind === 'stale' && (
          <Alert data-color="warning">
            <Heading level={3} data-size="xs">
              {t('statusChange.stale.title')}
            </Heading>
            <Paragraph>
              {t('statusChange.stale.text', {
                status: tOr(`status.${notice.status}`, notice.status),
                version: notice.version,
              })}
            </Paragraph>
            {latest && (
              <div className="stale-change">
                <EventText e={latest} who={who} />
              </div>
            )}
            <Paragraph>{t('statusChange.stale.next')}</Paragraph>
          </Alert>
        )}
        {notice?.kind === 'refused' && (
          <Alert data-color="danger">
            <Paragraph>{t('statusChange.refused', { message: notice.message })}</Paragraph>
          </Alert>
        )}
        {notice?.kind === 'error' && (
          <Alert data-color="danger">
            <Paragraph>{notice.message}</Paragraph>
          </Alert>
        )}
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
              <EventText e={e} who={who} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
