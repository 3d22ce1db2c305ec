/**
 * Following an assignment up («Oppfølging»): the ministry department that owns it, the person
 * in the agency who has it, and how the work goes. Each can be changed only when the server's
 * abilities say so (the client computes no rule). Every change names the version it read; when
 * someone changed the assignment first (409), the page says so and reloads.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Field,
  FieldDescription,
  Heading,
  Label,
  Paragraph,
  Radio,
  Select,
  SelectOption,
  Tag,
  Textarea,
  Textfield,
} from '@digdir/designsystemet-react';
import type { AssignmentDetail } from '../../contract/api';
import { PROGRESS_STATES, type Progress } from '../../contract/enums';
import {
  getFacets,
  getOwnerCandidates,
  setOwnerDepartment,
  setOwnerPerson,
  setProgress,
  type FollowUpOutcome,
} from '../api';
import { useAsync, useFocusAfterRender } from '../hooks';
import { t, type MessageKey } from '../locales/nb';
import { errorMessage } from './ui';

const PROGRESS_LABELS: Record<Progress, MessageKey> = {
  'on-track': 'progress.on-track',
  'at-risk': 'progress.at-risk',
  'off-track': 'progress.off-track',
};

const PROGRESS_COLORS: Record<Progress, string> = {
  'on-track': 'success',
  'at-risk': 'warning',
  'off-track': 'danger',
};

/** A progress state's Norwegian name (a value the client does not know is shown as it is). */
export function progressLabel(progress: string): string {
  const key = (PROGRESS_LABELS as Record<string, MessageKey | undefined>)[progress];
  return key ? t(key) : progress;
}

/** Progress as a tag whose text carries the meaning. */
export function ProgressTag({ progress }: { progress: Progress | null }) {
  if (progress === null) return <span className="muted">{t('followUp.progress.none')}</span>;
  return (
    <Tag data-color={PROGRESS_COLORS[progress]} data-size="sm">
      {progressLabel(progress)}
    </Tag>
  );
}

/** Why the server refused a change to the owners or the progress, in Norwegian. */
const REFUSED: Partial<Record<string, MessageKey>> = {
  'owner-not-in-agency': 'followUp.refused.owner-not-in-agency',
  'progress-reason-required': 'followUp.refused.progress-reason-required',
  'assignment-closed': 'followUp.refused.assignment-closed',
  'no-change': 'followUp.refused.no-change',
};

export function followUpRefusal(error: string, message: string): string {
  const key = REFUSED[error];
  return key ? t(key) : t('followUp.refused', { message });
}

type Notice =
  { kind: 'saved'; text: string } | { kind: 'stale' } | { kind: 'refused'; text: string };

type Editing = 'department' | 'person' | 'progress' | null;

/** Runs a change and tells what came of it. */
async function run(call: () => Promise<FollowUpOutcome>, saved: string): Promise<Notice> {
  try {
    const out = await call();
    if (out.kind === 'changed') return { kind: 'saved', text: saved };
    if (out.kind === 'stale') return { kind: 'stale' };
    return { kind: 'refused', text: followUpRefusal(out.error, out.message) };
  } catch (error) {
    return { kind: 'refused', text: errorMessage(error) };
  }
}

function FormButtons({ busy, onCancel }: { busy: boolean; onCancel: () => void }) {
  return (
    <div className="row">
      <Button type="submit" loading={busy} disabled={busy}>
        {t('followUp.save')}
      </Button>
      <Button type="button" variant="secondary" onClick={onCancel}>
        {t('followUp.cancel')}
      </Button>
    </div>
  );
}

function CommentField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <Field>
      <Label>{t('followUp.comment')}</Label>
      <FieldDescription>{t('followUp.comment.description')}</FieldDescription>
      <Textarea
        rows={2}
        maxLength={4000}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}

/** The department codes the register holds for the user (offered; free text is fine too). */
async function departmentCodes(signal: AbortSignal): Promise<string[]> {
  const { departments } = await getFacets(signal);
  return [...departments].sort((x, y) => x.localeCompare(y, 'nb'));
}

const DEPARTMENT_CODE = /^[\p{L}\p{N}][\p{L}\p{N} .&-]*$/u;

function DepartmentForm({
  a,
  onDone,
  onCancel,
}: {
  a: AssignmentDetail;
  onDone: (n: Notice) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(a.ownerDepartment ?? '');
  const [comment, setComment] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const codes = useAsync('department-codes', departmentCodes);
  const listId = `avdelinger-${a.id}`;
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const department = value.trim();
    if (department && (department.length > 20 || !DEPARTMENT_CODE.test(department))) {
      setInvalid(true);
      return;
    }
    setBusy(true);
    const notice = await run(
      () =>
        setOwnerDepartment(a.id, {
          expectedVersion: a.version,
          department: department || null,
          ...(comment.trim() ? { comment: comment.trim() } : {}),
        }),
      department
        ? t('followUp.department.saved', { department })
        : t('followUp.department.cleared'),
    );
    setBusy(false);
    onDone(notice);
  };
  return (
    <form className="stack follow-up-form" onSubmit={(e) => void onSubmit(e)}>
      <Textfield
        label={t('followUp.department')}
        description={t('followUp.department.description')}
        value={value}
        maxLength={20}
        list={listId}
        autoComplete="off"
        error={invalid ? t('followUp.department.invalid') : undefined}
        onChange={(e) => {
          setValue(e.target.value);
          setInvalid(false);
        }}
      />
      <datalist id={listId}>
        {(codes.status === 'ok' ? codes.data : []).map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <CommentField value={comment} onChange={setComment} />
      <FormButtons busy={busy} onCancel={onCancel} />
    </form>
  );
}

function PersonForm({
  a,
  onDone,
  onCancel,
}: {
  a: AssignmentDetail;
  onDone: (n: Notice) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(a.ownerPerson?.id ?? '');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const candidates = useAsync(`owner-candidates:${a.id}`, (signal) =>
    getOwnerCandidates(a.id, signal),
  );
  const items = candidates.status === 'ok' ? candidates.data.items : [];
  // The current owner is offered even when no longer among the candidates.
  const options =
    a.ownerPerson && !items.some((c) => c.id === a.ownerPerson!.id)
      ? [a.ownerPerson, ...items]
      : items;
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const chosen = options.find((c) => c.id === value) ?? null;
    setBusy(true);
    const notice = await run(
      () =>
        setOwnerPerson(a.id, {
          expectedVersion: a.version,
          userId: chosen?.id ?? null,
          ...(comment.trim() ? { comment: comment.trim() } : {}),
        }),
      chosen ? t('followUp.person.saved', { name: chosen.name }) : t('followUp.person.cleared'),
    );
    setBusy(false);
    onDone(notice);
  };
  return (
    <form className="stack follow-up-form" onSubmit={(e) => void onSubmit(e)}>
      <Field>
        <Label>{t('followUp.person')}</Label>
        <FieldDescription>{t('followUp.person.description')}</FieldDescription>
        <Select
          value={value}
          disabled={candidates.status === 'loading'}
          onChange={(e) => setValue(e.target.value)}
        >
          <SelectOption value="">{t('followUp.person.nobody')}</SelectOption>
          {options.map((c) => (
            <SelectOption key={c.id} value={c.id}>
              {c.name}
            </SelectOption>
          ))}
        </Select>
      </Field>
      {candidates.status === 'error' && (
        <Alert data-color="danger" role="alert">
          <Paragraph>{errorMessage(candidates.error)}</Paragraph>
        </Alert>
      )}
      <CommentField value={comment} onChange={setComment} />
      <FormButtons busy={busy} onCancel={onCancel} />
    </form>
  );
}

function ProgressForm({
  a,
  onDone,
  onCancel,
}: {
  a: AssignmentDetail;
  onDone: (n: Notice) => void;
  onCancel: () => void;
}) {
  const [progress, setProgressValue] = useState<Progress | null>(a.progress);
  const [reason, setReason] = useState(a.progressReason ?? '');
  const [problem, setProblem] = useState<'choose' | 'reason' | null>(null);
  const [busy, setBusy] = useState(false);
  const needsReason = progress !== null && progress !== 'on-track';
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!progress) {
      setProblem('choose');
      return;
    }
    if (needsReason && !reason.trim()) {
      setProblem('reason');
      return;
    }
    setBusy(true);
    const notice = await run(
      () =>
        setProgress(a.id, {
          expectedVersion: a.version,
          progress,
          ...(needsReason ? { reason: reason.trim() } : {}),
        }),
      t('followUp.progress.saved', { progress: progressLabel(progress) }),
    );
    setBusy(false);
    onDone(notice);
  };
  return (
    <form className="stack follow-up-form" onSubmit={(e) => void onSubmit(e)}>
      <fieldset
        className="stack"
        aria-describedby={problem === 'choose' ? 'progress-missing' : undefined}
      >
        <legend>{t('followUp.progress.choose')}</legend>
        {PROGRESS_STATES.map((p) => (
          <Radio
            key={p}
            name="progress"
            value={p}
            label={progressLabel(p)}
            checked={progress === p}
            onChange={() => {
              setProgressValue(p);
              setProblem(null);
            }}
          />
        ))}
        {problem === 'choose' && (
          <p id="progress-missing" className="ds-validation-message" role="alert">
            {t('followUp.progress.missing')}
          </p>
        )}
      </fieldset>
      {needsReason && (
        <Field>
          <Label>{t('followUp.progress.reason')}</Label>
          <FieldDescription>{t('followUp.progress.reason.description')}</FieldDescription>
          <Textarea
            rows={3}
            maxLength={2000}
            aria-required="true"
            aria-invalid={problem === 'reason' ? true : undefined}
            aria-describedby={problem === 'reason' ? 'progress-reason-missing' : undefined}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setProblem(null);
            }}
          />
          {problem === 'reason' && (
            <p id="progress-reason-missing" className="ds-validation-message" role="alert">
              {t('followUp.progress.reasonMissing')}
            </p>
          )}
        </Field>
      )}
      <FormButtons busy={busy} onCancel={onCancel} />
    </form>
  );
}

function Fact({
  label,
  value,
  edit,
  editing,
  onEdit,
  form,
}: {
  label: string;
  value: ReactNode;
  /** The label of the button that opens the form (none: the user may not change it). */
  edit: string | null;
  editing: boolean;
  onEdit: () => void;
  form: ReactNode;
}) {
  const formRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(editing);
  // Opening the form moves focus into it; closing it moves focus back to its button.
  useEffect(() => {
    if (editing && !wasEditing.current) {
      formRef.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
    } else if (!editing && wasEditing.current) {
      buttonRef.current?.focus();
    }
    wasEditing.current = editing;
  }, [editing]);
  return (
    <div className="follow-up-fact">
      <dt>{label}</dt>
      <dd className="stack">
        <div className="row">
          <span>{value}</span>
          {edit && !editing && (
            <Button
              ref={buttonRef}
              type="button"
              variant="tertiary"
              data-size="sm"
              onClick={onEdit}
            >
              {edit}
            </Button>
          )}
        </div>
        {editing && <div ref={formRef}>{form}</div>}
      </dd>
    </div>
  );
}

export function FollowUpSection({ a, onChanged }: { a: AssignmentDetail; onChanged: () => void }) {
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [noticeRef, focusNotice] = useFocusAfterRender<HTMLDivElement>();
  const { abilities } = a;
  const onDone = (n: Notice) => {
    setNotice(n);
    if (n.kind !== 'refused') {
      setEditing(null);
      onChanged();
    }
    focusNotice();
  };
  const open = (what: Editing) => () => {
    setNotice(null);
    setEditing(what);
  };
  const cancel = () => setEditing(null);
  const canSee = abilities.readComments === true;
  return (
    <div className="stack">
      <dl className="facts follow-up">
        <Fact
          label={t('followUp.department')}
          value={a.ownerDepartment ?? t('followUp.none')}
          edit={abilities.setOwnerDepartment ? t('followUp.department.edit') : null}
          editing={editing === 'department'}
          onEdit={open('department')}
          form={<DepartmentForm a={a} onDone={onDone} onCancel={cancel} />}
        />
        {(canSee || abilities.setOwnerPerson) && (
          <Fact
            label={t('followUp.person')}
            value={a.ownerPerson?.name ?? t('followUp.none')}
            edit={abilities.setOwnerPerson ? t('followUp.person.edit') : null}
            editing={editing === 'person'}
            onEdit={open('person')}
            form={<PersonForm a={a} onDone={onDone} onCancel={cancel} />}
          />
        )}
        <Fact
          label={t('followUp.progress')}
          value={
            <span className="stack-sm">
              <ProgressTag progress={a.progress} />
              {a.progressReason && (
                <span>{t('followUp.progress.reasonShown', { reason: a.progressReason })}</span>
              )}
            </span>
          }
          edit={abilities.setProgress ? t('followUp.progress.edit') : null}
          editing={editing === 'progress'}
          onEdit={open('progress')}
          form={<ProgressForm a={a} onDone={onDone} onCancel={cancel} />}
        />
      </dl>
      <div ref={noticeRef} tabIndex={-1} aria-live="polite">
        {notice?.kind === 'saved' && (
          <Alert data-color="success">
            <Paragraph>{notice.text}</Paragraph>
          </Alert>
        )}
        {notice?.kind === 'stale' && (
          <Alert data-color="warning">
            <Heading level={3} data-size="xs">
              {t('statusChange.stale.title')}
            </Heading>
            <Paragraph>{t('followUp.stale')}</Paragraph>
          </Alert>
        )}
        {notice?.kind === 'refused' && (
          <Alert data-color="danger" role="alert">
            <Paragraph>{notice.text}</Paragraph>
          </Alert>
        )}
      </div>
    </div>
  );
}
