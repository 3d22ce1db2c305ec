/**
 * The ministry's comments on the steering parameters' values of a report it reviews: one field
 * per parameter, saved together (`PUT /api/reports/:id/ministry-comments`). Shown only when the
 * server says the caller may review the report (`abilities.review`).
 */
import { useState } from 'react';
import { Alert, Button, Fieldset, Paragraph, Textfield } from '@digdir/designsystemet-react';
import type { Report } from '../../contract/report';
import { saveMinistryComments } from '../api';
import { t } from '../locales/nb';
import { useReportWrite } from './report-write';

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
  const { busy, notice, noticeRef, run } = useReportWrite(report.id, adopt);
  if (rows.length === 0) return null;
  const changed = rows.filter((s) => (text[s.steeringParameterId] ?? '') !== s.ministryComment);
  const save = () =>
    run(() =>
      saveMinistryComments(report.id, {
        comments: changed.map((s) => ({
          steeringParameterId: s.steeringParameterId,
          comment: (text[s.steeringParameterId] ?? '').trim(),
        })),
        expectedVersion: report.version,
      }),
    );
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
