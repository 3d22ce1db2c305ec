/**
 * Reviewing an import on the document page: how sure the importer is of each item and why
 * (sent by the server), and forms with which a ministry officer corrects what was read. Each
 * changed field is one correction with the reason given; the server keeps it for later
 * re-imports of the letter and in the audit trail. The client decides no rule: whether the form
 * is shown comes from the document's `abilities.correct`.
 */
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Paragraph,
  Tag,
  Textarea,
  Textfield,
  Field,
  Label,
} from '@digdir/designsystemet-react';
import type {
  DocumentAppropriation,
  DocumentAssignment,
  DocumentDetail,
} from '../../contract/document';
import type {
  Correction,
  CorrectionBody,
  CorrectionChange,
  ItemReview,
} from '../../contract/review';
import { correctItem } from '../api';
import { formatDate, formatDateTime, formatNumber } from '../format';
import { t, tOr } from '../locales/nb';
import { errorMessage } from './ui';

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

/** A closed-by-default form; the form is labelled by the line that opens it. */
function Disclosure({
  summary,
  children,
}: {
  summary: string;
  children: (labelId: string) => ReactNode;
}) {
  const id = useId();
  return (
    <details className="correction">
      <summary id={id}>{summary}</summary>
      {children(id)}
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

/** Corrects an assignment's owner, title, ID and deadline dates, or removes it. */
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
