/**
 * The ministry's comments on the steering parameters' values of a report it reviews: one field
 * per parameter, saved together (`PUT /api/reports/:id/ministry-comments`). Shown only when the
 * server says the caller may review the report (`abilities.review`).
 */
import { useState } from 'react';
import { Alert, Button, Fieldset, Paragraph, Textfield } from '@digdir/designsystemet-react';
import type { Report } from '../../contract/report';
import { getReport, saveMinistryComments } from '../api';
import { useFocusAfterRender } from '../hooks';
import { t } from '../locales/nb';
import { errorMessage } from './ui';

type Notice = { kind: 'done' } | { kind: 'stale' } | { kind: 'error'; message: string };

export function MinistryComments({
  report,
  adopt,
}: {
  report: Report;
  adopt: (r: Report) => void;
}) {
  const rows = report.derived.steeringParameters;
  const [text, setText] = useState<Record<string, string>>(() =>
    Object.fromEntries(rows.map((s) => [s.steeringParameterId, s.ministryComment])),
  );
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [noticeRef, focusNotice] = useFocusAfterRender<HTMLDivElement>();
  if (rows.length === 0) return null;
  const changed = rows.filter((s) => (text[s.steeringParameterId] ?? '') !== s.ministryComment);
  const save = async () => {
    setBusy(true);
    try {
      const out = await saveMinistryComments(report.id, {
        comments: changed.map((s) => ({
          steeringParameterId: s.steeringParameterId,
          comment: (text[s.steeringParameterId] ?? '').trim(),
        })),
        expectedVersion: report.version,
      });
      if (out.kind === 'saved') {
        adopt(out.report);
        setNotice({ kind: 'done' });
      } else if (out.kind === 'stale') {
        adopt(await getReport(report.id));
        setNotice({ kind: 'stale' });
      } else {
        setNotice({ kind: 'error', message: out.message });
      }
    } catch (e) {
      setNotice({ kind: 'error', message: errorMessage(e) });
    }
    setBusy(false);
    focusNotice();
  };
  return (
    <Fieldset className="draft-item no-print">
      <Fieldset.Legend>{t('report.ministryComments')}</Fieldset.Legend>
      <Fieldset.Description>{t('report.ministryComments.about')}</Fieldset.Description>
      {rows.map((s) => (
        <Textfield
          key={s.steeringParameterId}
          label={t('report.ministryComments.label', { parameter: s.text })}
          multiline
          rows={2}
          maxLength={4000}
          value={text[s.steeringParameterId] ?? ''}
          onChange={(e) => setText((x) => ({ ...x, [s.steeringParameterId]: e.target.value }))}
        />
      ))}
      <div ref={noticeRef} tabIndex={-1} aria-live="polite">
        {notice?.kind === 'done' && (
          <Alert data-color="success">
            <Paragraph>{t('report.ministryComments.done')}</Paragraph>
          </Alert>
        )}
        {notice?.kind === 'stale' && (
          <Alert data-color="warning" role="alert">
            <Paragraph>{t('report.ministryComments.stale')}</Paragraph>
          </Alert>
        )}
        {notice?.kind === 'error' && (
          <Alert data-color="danger" role="alert">
            <Paragraph>{notice.message}</Paragraph>
          </Alert>
        )}
      </div>
      <div className="row">
        <Button onClick={() => void save()} disabled={busy || changed.length === 0} loading={busy}>
          {t('report.ministryComments.save')}
        </Button>
      </div>
    </Fieldset>
  );
}
