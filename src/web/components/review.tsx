/**
 * Reviewing an import on the document page: how sure the importer is of each item and why
 * (sent by the server), and forms with which a ministry officer corrects what was read. Each
 * changed field is one correction with the reason given; the server keeps it for later
 * re-imports of the letter and in the audit trail. The client decides no rule: whether the form
 * is shown comes from the document's `abilities.correct`. For a letter imported from a PDF, each
 * item's form has its page of the PDF beside it, the item's lines marked (source-page.tsx).
 */
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Paragraph,
  Radio,
  Select,
  SelectOption,
  Tag,
  Textarea,
  Textfield,
  Field,
  Heading,
  Label,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import type {
  DocumentAppropriation,
  DocumentAssignment,
  DocumentAssignmentsPage,
  DocumentDetail,
} from '../../contract/document';
import type {
  Correction,
  CorrectionBody,
  CorrectionChange,
  ItemReview,
} from '../../contract/review';
import { assignmentParagraphs } from '../../domain/corrections';
import { changeDocumentStatus, correctItem, getAssignment, getDocumentPart } from '../api';
import { useAsync, useFocusAfterRender } from '../hooks';
import { formatDate, formatDateTime, formatNumber } from '../format';
import { t, tOr } from '../locales/nb';
import { StatusComment } from './document-status';
import { SourcePage } from './source-page';
import { errorMessage, Loading } from './ui';

type DocAssignment = DocumentAssignment;
type DocAppropriation = DocumentAppropriation;

/** "Usikker: ingen eieravdeling, ingen frist" and "Rettet", beside an item. */
export function ReviewTags({ review }: { review: ItemReview }) {
  return (
    <>
      {review.confidence === 'low' && (
        <Tag data-color="warning" data-size="sm">
          {t('review.low', {
            reasons: review.reasons.map((r) => tOr(`review.reason.${r}`, r)).join(', '),
          })}
        </Tag>
      )}
      {review.corrected.length > 0 && (
        <Tag data-color="success" data-size="sm">
          {t('review.corrected')}
        </Tag>
      )}
    </>
  );
}

/** How many items the importer is unsure of (of the document's assignments and appropriations). */
export function ReviewSummary({
  assignments,
  appropriations,
}: {
  assignments: DocAssignment[];
  appropriations: DocAppropriation[];
}) {
  const low = (items: { review: ItemReview }[]) =>
    items.filter((i) => i.review.confidence === 'low').length;
  const lowAssignments = low(assignments);
  const lowAppropriations = low(appropriations);
  return (
    <Paragraph>
      {lowAssignments + lowAppropriations === 0
        ? t('review.summary.none')
        : t('review.summary', {
            assignments: lowAssignments,
            appropriations: lowAppropriations,
            total: assignments.length + appropriations.length,
          })}
    </Paragraph>
  );
}

/** Sends the changes one by one; returns the first refusal's message, or null. */
async function send(
  documentId: string,
  base: Omit<CorrectionBody, 'change'>,
  changes: CorrectionChange[],
): Promise<string | null> {
  for (const change of changes) {
    try {
      await correctItem(documentId, { ...base, change });
    } catch (error) {
      return errorMessage(error);
    }
  }
  return null;
}

/**
 * A closed-by-default form; the form is labelled by the line that opens it. `open`: whether it
 * is open, for a form that loads what it shows only when opened.
 */
function Disclosure({
  summary,
  children,
}: {
  summary: string;
  children: (labelId: string, open: boolean) => ReactNode;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <details className="correction" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary id={id}>{summary}</summary>
      {children(id, open)}
    </details>
  );
}

function ReasonField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <Field>
      <Label>{t('review.reason')}</Label>
      <Textarea
        rows={2}
        maxLength={2000}
        aria-required="true"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}

function Result({ error, saved }: { error: string | null; saved: boolean }) {
  return (
    <div aria-live="polite">
      {error && (
        <Alert data-color="danger" data-size="sm">
          {error}
        </Alert>
      )}
      {saved && !error && (
        <Alert data-color="success" data-size="sm">
          {t('review.saved')}
        </Alert>
      )}
    </div>
  );
}

/**
 * A correction form's sending: the reason it asks for, and whether it is busy, refused or saved.
 * `run` sends the changes one by one (after the checks every form makes) and reloads the page.
 */
function useCorrection(
  doc: DocumentDetail,
  item: Pick<CorrectionBody, 'itemKind' | 'itemKey'>,
  reload: () => Promise<void>,
) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const fail = (message: string) => {
    setSaved(false);
    setError(message);
  };
  const run = async (changes: CorrectionChange[]) => {
    setSaved(false);
    if (!reason.trim()) return fail(t('review.reasonMissing'));
    if (changes.length === 0) return fail(t('review.nothingChanged'));
    setBusy(true);
    const refusal = await send(doc.id, { ...item, reason: reason.trim() }, changes);
    setBusy(false);
    setError(refusal);
    setSaved(refusal === null);
    await reload();
  };
  return { reason, setReason, busy, error, saved, fail, run };
}

/**
 * Corrects an assignment's owner, title, ID and deadline dates, or removes it; and, each in a
 * form of its own, merges it into another assignment of the document or splits it in two.
 */
export function AssignmentCorrection({
  doc,
  item,
  reload,
}: {
  doc: DocumentDetail;
  item: DocAssignment;
  reload: () => Promise<void>;
}) {
  const [owner, setOwner] = useState(item.ownerDepartment ?? '');
  const [title, setTitle] = useState(item.title);
  const [registerId, setRegisterId] = useState(item.review.key);
  const [dates, setDates] = useState(item.deadlines.map((d) => d.date ?? ''));
  const [confirmRemove, setConfirmRemove] = useState(false);
  // What the server has now, after a correction (the form stays open with its message).
  useEffect(() => {
    setOwner(item.ownerDepartment ?? '');
    setTitle(item.title);
    setRegisterId(item.review.key);
    setDates(item.deadlines.map((d) => d.date ?? ''));
  }, [item.version, item.review.key, item.ownerDepartment, item.title, item.deadlines]);
  const { reason, setReason, busy, error, saved, run } = useCorrection(
    doc,
    { itemKind: 'assignment', itemKey: item.review.key },
    reload,
  );

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const changes: CorrectionChange[] = [];
    const ownerValue = owner.trim() === '' ? null : owner.trim().toUpperCase();
    if (ownerValue !== item.ownerDepartment) {
      changes.push({ field: 'ownerDepartment', value: ownerValue });
    }
    if (title.trim() !== item.title) changes.push({ field: 'title', value: title.trim() });
    item.deadlines.forEach((d, i) => {
      const value = dates[i] === '' ? null : (dates[i] ?? null);
      if (value !== d.date) {
        changes.push({ field: 'deadline', phrase: d.text, appliesTo: d.appliesTo, value });
      }
    });
    // The ID goes last: the other corrections name the item by the ID it has now.
    if (registerId.trim() !== item.review.key) {
      changes.push({ field: 'id', value: registerId.trim().toUpperCase() });
    }
    void run(changes);
  };

  return (
    <>
      <SourcePage doc={doc} provenance={item.provenance} label={item.registerId} />
      <Disclosure summary={t('review.correct', { id: item.registerId })}>
        {(labelId) => (
          <form className="stack correction-form" onSubmit={onSubmit} aria-labelledby={labelId}>
            <Textfield
              label={t('review.field.id')}
              value={registerId}
              onChange={(e) => setRegisterId(e.target.value)}
              maxLength={20}
            />
            <Textfield
              label={t('review.field.owner')}
              description={t('review.field.owner.description')}
              value={owner}
              onChange={(e) => setOwner(e.target.value)}
              maxLength={60}
            />
            <Textfield
              label={t('review.field.title')}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              maxLength={500}
            />
            {item.deadlines.map((d, i) => (
              <Textfield
                key={`${d.text}|${d.appliesTo ?? ''}`}
                type="date"
                label={t('review.field.deadline', { phrase: d.text })}
                description={
                  d.appliesTo ? t('assignment.deadline.sub', { letter: d.appliesTo }) : undefined
                }
                value={dates[i] ?? ''}
                onChange={(e) => setDates(dates.map((x, k) => (k === i ? e.target.value : x)))}
              />
            ))}
            <ReasonField value={reason} onChange={setReason} />
            <div className="row">
              <Button type="submit" loading={busy} disabled={busy}>
                {t('review.save')}
              </Button>
              {!confirmRemove ? (
                <Button type="button" variant="secondary" onClick={() => setConfirmRemove(true)}>
                  {t('review.remove')}
                </Button>
              ) : (
                <>
                  <span>{t('review.remove.confirm', { id: item.registerId })}</span>
                  <Button
                    type="button"
                    data-color="danger"
                    disabled={busy}
                    onClick={() => void run([{ field: 'notAnAssignment', value: true }])}
                  >
                    {t('review.remove.yes')}
                  </Button>
                  <Button type="button" variant="tertiary" onClick={() => setConfirmRemove(false)}>
                    {t('review.remove.no')}
                  </Button>
                </>
              )}
            </div>
            <Result error={error} saved={saved} />
          </form>
        )}
      </Disclosure>
      <Disclosure summary={t('review.merge', { id: item.registerId })}>
        {(labelId, open) =>
          open && <MergeForm doc={doc} item={item} labelId={labelId} reload={reload} />
        }
      </Disclosure>
      <Disclosure summary={t('review.split', { id: item.registerId })}>
        {(labelId, open) =>
          open && <SplitForm doc={doc} item={item} labelId={labelId} reload={reload} />
        }
      </Disclosure>
    </>
  );
}

/** The document's assignments, page by page (for choosing the one another is merged into). */
async function documentAssignments(documentId: string, signal: AbortSignal) {
  const items: DocAssignment[] = [];
  let cursor: string | null = null;
  do {
    const page: DocumentAssignmentsPage = await getDocumentPart(
      documentId,
      'assignments',
      { limit: 500, cursor },
      signal,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null && items.length < 5000);
  return items;
}

interface StructureFormProps {
  doc: DocumentDetail;
  item: DocAssignment;
  labelId: string;
  reload: () => Promise<void>;
}

/**
 * Merges the assignment into another of the document: its text and deadlines join that one's,
 * and it leaves the register, so a confirmation comes first (as for removing one).
 */
function MergeForm({ doc, item, labelId, reload }: StructureFormProps) {
  const others = useAsync(`${doc.id}:${doc.version}`, (signal) =>
    documentAssignments(doc.id, signal),
  );
  const [target, setTarget] = useState('');
  const [missing, setMissing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [confirmRef, focusConfirm] = useFocusAfterRender<HTMLDivElement>();
  const missingId = useId();
  const { reason, setReason, busy, error, saved, fail, run } = useCorrection(
    doc,
    { itemKind: 'assignment', itemKey: item.review.key },
    reload,
  );
  if (others.status === 'loading') return <Loading rows={1} />;
  if (others.status === 'error') return <Result error={errorMessage(others.error)} saved={false} />;
  const choices = others.data.filter((a) => a.review.key !== item.review.key);
  if (choices.length === 0) return <Paragraph>{t('review.merge.none')}</Paragraph>;
  const chosen = choices.find((a) => a.review.key === target);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!chosen) {
      setMissing(true);
      return;
    }
    if (!reason.trim()) return fail(t('review.reasonMissing'));
    setConfirming(true);
    focusConfirm();
  };

  return (
    <form className="stack correction-form" onSubmit={onSubmit} aria-labelledby={labelId}>
      <Paragraph>{t('review.merge.intro', { id: item.registerId })}</Paragraph>
      <Field>
        <Label>{t('review.merge.target', { id: item.registerId })}</Label>
        <Select
          value={target}
          aria-invalid={missing || undefined}
          aria-describedby={missing ? missingId : undefined}
          onChange={(e) => {
            setTarget(e.target.value);
            setMissing(false);
            setConfirming(false);
          }}
        >
          <SelectOption value="">{t('review.merge.choose')}</SelectOption>
          {choices.map((a) => (
            <SelectOption key={a.id} value={a.review.key}>
              {`${a.registerId}: ${a.title}`}
            </SelectOption>
          ))}
        </Select>
        {missing && (
          <ValidationMessage id={missingId}>{t('review.merge.missing')}</ValidationMessage>
        )}
      </Field>
      <ReasonField value={reason} onChange={setReason} />
      {confirming && chosen ? (
        <div ref={confirmRef} tabIndex={-1} role="group" className="row">
          <span>
            {t('review.merge.confirm', { id: item.registerId, target: chosen.registerId })}
          </span>
          <Button
            type="button"
            data-color="danger"
            loading={busy}
            disabled={busy}
            onClick={() => void run([{ field: 'mergeInto', value: chosen.review.key }])}
          >
            {t('review.merge.yes')}
          </Button>
          <Button type="button" variant="tertiary" onClick={() => setConfirming(false)}>
            {t('review.merge.no')}
          </Button>
        </div>
      ) : (
        <div>
          <Button type="submit">{t('review.merge.button')}</Button>
        </div>
      )}
      <Result error={error} saved={saved} />
    </form>
  );
}

/** The first words of a paragraph, to choose it by. */
const excerpt = (text: string) => (text.length > 140 ? `${text.slice(0, 140)} …` : text);

/**
 * Splits the assignment in two: the paragraphs from the one chosen on become a new assignment
 * with the title given (the server gives it an ID, copies the owner and moves the deadlines
 * printed in that part).
 */
function SplitForm({ doc, item, labelId, reload }: StructureFormProps) {
  const read = useAsync(`${item.id}:${item.version}`, (signal) => getAssignment(item.id, signal));
  const [at, setAt] = useState<number | null>(null);
  const [title, setTitle] = useState('');
  const [missing, setMissing] = useState<'at' | 'title' | null>(null);
  const atMissingId = useId();
  const { reason, setReason, busy, error, saved, run } = useCorrection(
    doc,
    { itemKind: 'assignment', itemKey: item.review.key },
    reload,
  );
  if (read.status === 'loading') return <Loading rows={1} />;
  if (read.status === 'error') return <Result error={errorMessage(read.error)} saved={false} />;
  const paragraphs = assignmentParagraphs(read.data.body);
  if (paragraphs.length < 2) return <Paragraph>{t('review.split.onlyOne')}</Paragraph>;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (at === null) return setMissing('at');
    if (!title.trim()) return setMissing('title');
    setMissing(null);
    void run([{ field: 'split', at, title: title.trim() }]);
  };

  return (
    <form className="stack correction-form" onSubmit={onSubmit} aria-labelledby={labelId}>
      <Paragraph>{t('review.split.intro')}</Paragraph>
      <fieldset className="stack" aria-describedby={missing === 'at' ? atMissingId : undefined}>
        <legend>{t('review.split.at')}</legend>
        {paragraphs.slice(1).map((p, i) => (
          <Radio
            key={i + 1}
            name={`del-${item.id}`}
            value={String(i + 1)}
            label={t('review.split.paragraph', { n: i + 2, text: excerpt(p) })}
            checked={at === i + 1}
            onChange={() => {
              setAt(i + 1);
              if (missing === 'at') setMissing(null);
            }}
          />
        ))}
        {missing === 'at' && (
          <ValidationMessage id={atMissingId}>{t('review.split.missing')}</ValidationMessage>
        )}
      </fieldset>
      <Textfield
        label={t('review.split.title')}
        value={title}
        maxLength={500}
        aria-required="true"
        error={missing === 'title' ? t('review.split.titleMissing') : undefined}
        onChange={(e) => {
          setTitle(e.target.value);
          if (missing === 'title') setMissing(null);
        }}
      />
      <ReasonField value={reason} onChange={setReason} />
      <div>
        <Button type="submit" loading={busy} disabled={busy}>
          {t('review.split.button')}
        </Button>
      </div>
      <Result error={error} saved={saved} />
    </form>
  );
}

/** Corrects the amount read for an appropriation row. */
export function AmountCorrection({
  doc,
  row,
  label,
  reload,
}: {
  doc: DocumentDetail;
  row: DocAppropriation;
  label: string;
  reload: () => Promise<void>;
}) {
  const [amount, setAmount] = useState(String(row.amount));
  useEffect(() => setAmount(String(row.amount)), [row.amount]);
  const { reason, setReason, busy, error, saved, fail, run } = useCorrection(
    doc,
    { itemKind: 'appropriation', itemKey: row.review.key },
    reload,
  );
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = Number(amount.replace(/[\s\u00a0]/g, ''));
    if (!Number.isSafeInteger(value)) return fail(t('review.amountInvalid'));
    void run([{ field: 'amount', value }]);
  };
  return (
    <>
      <SourcePage doc={doc} provenance={row.provenance} label={label} />
      <Disclosure summary={t('review.correctAmount', { item: label })}>
        {(labelId) => (
          <form
            className="stack correction-form"
            onSubmit={(e) => void onSubmit(e)}
            aria-labelledby={labelId}
          >
            <Textfield
              label={t('review.field.amount')}
              inputMode="numeric"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
            />
            <ReasonField value={reason} onChange={setReason} />
            <div>
              <Button type="submit" loading={busy} disabled={busy}>
                {t('review.save')}
              </Button>
            </div>
            <Result error={error} saved={saved} />
          </form>
        )}
      </Disclosure>
    </>
  );
}

function describeChange(change: CorrectionChange): string {
  switch (change.field) {
    case 'ownerDepartment':
      return t('review.change.owner', { value: change.value ?? t('common.unknown') });
    case 'title':
      return t('review.change.title', { value: change.value });
    case 'id':
      return t('review.change.id', { value: change.value });
    case 'deadline':
      return t('review.change.deadline', {
        phrase: change.phrase,
        value: change.value ? formatDate(change.value) : t('assignment.deadline.noDate'),
      });
    case 'notAnAssignment':
      return t('review.change.removed');
    case 'amount':
      return t('review.change.amount', { value: formatNumber(change.value) });
    case 'mergeInto':
      return t('review.change.merged', { value: change.value });
    case 'split':
      return t('review.change.split', {
        n: change.at + 1,
        id: change.id ?? t('common.unknown'),
        title: change.title,
      });
  }
}

/** The corrections made to this letter, oldest first. */
export function CorrectionList({ corrections }: { corrections: Correction[] }) {
  if (corrections.length === 0) return <Paragraph>{t('review.list.empty')}</Paragraph>;
  return (
    <ul className="stack">
      {corrections.map((c) => (
        <li key={c.id}>
          <div className="row">
            <strong>{c.itemKey}</strong>
            <span>{describeChange(c.change)}</span>
          </div>
          <div className="muted">
            {t('review.list.by', { name: c.by, at: formatDateTime(c.at), reason: c.reason })}
          </div>
        </li>
      ))}
    </ul>
  );
}

type ApprovalNotice = { kind: 'saved' } | { kind: 'changed' } | { kind: 'error'; message: string };

/**
 * Approving the review of an imported letter, which issues it (the document's status becomes
 * published). Shown when the server lets this user issue it; how many items remain uncertain is
 * the server's count (`openReviewItems`), and accepting them sends that count back, so the
 * server refuses (and the page reloads) if it changed meanwhile. Issuing is final: a
 * confirmation comes first.
 */
export function ReviewApproval({
  doc,
  reload,
}: {
  doc: DocumentDetail;
  reload: () => Promise<void>;
}) {
  const open = doc.openReviewItems ?? 0;
  const [accepted, setAccepted] = useState(false);
  const [missing, setMissing] = useState(false);
  const [comment, setComment] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<ApprovalNotice | null>(null);
  const [confirmRef, focusConfirm] = useFocusAfterRender<HTMLDivElement>();
  const [buttonRef, focusButton] = useFocusAfterRender<HTMLButtonElement>();
  const [noticeRef, focusNotice] = useFocusAfterRender<HTMLDivElement>();
  const acceptId = useId();
  const mayApprove = doc.allowedTransitions.includes('published');
  if (!mayApprove && notice?.kind !== 'saved') return null;

  const ask = () => {
    if (open > 0 && !accepted) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setConfirming(true);
    focusConfirm();
  };

  const approve = async () => {
    setBusy(true);
    let next: ApprovalNotice;
    try {
      const text = comment.trim();
      const out = await changeDocumentStatus(doc.id, {
        to: 'published',
        expectedVersion: doc.statusVersion,
        ...(open > 0 ? { acceptUncertain: open } : {}),
        ...(text ? { comment: text } : {}),
      });
      next = out.kind === 'changed' ? { kind: 'saved' } : { kind: 'changed' };
    } catch (error) {
      next = { kind: 'error', message: errorMessage(error) };
    }
    if (next.kind !== 'error') {
      try {
        await reload();
      } catch (error) {
        next = { kind: 'error', message: errorMessage(error) };
      }
    }
    setBusy(false);
    setConfirming(false);
    setAccepted(false);
    setNotice(next);
    focusNotice();
  };

  return (
    <section aria-labelledby="godkjenn-gjennomgang" className="stack">
      <Heading level={3} data-size="xs" id="godkjenn-gjennomgang">
        {t('review.approve.title')}
      </Heading>
      <div ref={noticeRef} tabIndex={-1} aria-live="polite" className="status-notice">
        {notice?.kind === 'saved' && (
          <Alert data-color="success">
            <Paragraph>{t('review.approve.saved')}</Paragraph>
          </Alert>
        )}
        {notice?.kind === 'changed' && (
          <Alert data-color="warning">
            <Paragraph>{t('review.approve.changed')}</Paragraph>
          </Alert>
        )}
        {notice?.kind === 'error' && (
          <Alert data-color="danger">
            <Paragraph>{notice.message}</Paragraph>
          </Alert>
        )}
      </div>
      {mayApprove && (
        <form className="stack status-form" onSubmit={(e) => e.preventDefault()}>
          <Paragraph>{t('review.approve.intro')}</Paragraph>
          <Paragraph>
            {open === 0
              ? t('review.approve.none')
              : open === 1
                ? t('review.approve.open.one')
                : t('review.approve.open', { count: formatNumber(open) })}
          </Paragraph>
          {open > 0 && (
            <div>
              <Checkbox
                label={t('review.approve.accept')}
                checked={accepted}
                aria-invalid={missing || undefined}
                aria-describedby={missing ? acceptId : undefined}
                onChange={(e) => {
                  setAccepted(e.currentTarget.checked);
                  setMissing(false);
                }}
              />
              {missing && (
                <ValidationMessage id={acceptId}>
                  {t('review.approve.acceptMissing')}
                </ValidationMessage>
              )}
            </div>
          )}
          <StatusComment value={comment} onChange={setComment} />
          {confirming ? (
            <div
              ref={confirmRef}
              tabIndex={-1}
              role="group"
              aria-labelledby="utsted-bekreft"
              className="confirm-box"
            >
              <Alert data-color="warning">
                <Heading level={4} data-size="xs" id="utsted-bekreft">
                  {t('documentStatus.confirm.title')}
                </Heading>
                <Paragraph>{t('documentStatus.confirm.text')}</Paragraph>
                <div className="row">
                  <Button
                    type="button"
                    loading={busy}
                    disabled={busy}
                    onClick={() => void approve()}
                  >
                    {t('documentStatus.confirm.yes')}
                  </Button>
                  <Button
                    type="button"
                    variant="secondary"
                    disabled={busy}
                    onClick={() => {
                      setConfirming(false);
                      focusButton();
                    }}
                  >
                    {t('documentStatus.confirm.no')}
                  </Button>
                </div>
              </Alert>
            </div>
          ) : (
            <div>
              <Button type="button" ref={buttonRef} onClick={ask}>
                {t('review.approve.button')}
              </Button>
            </div>
          )}
        </form>
      )}
    </section>
  );
}
