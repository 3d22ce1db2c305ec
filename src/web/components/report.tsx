/** A report's status and late flag as tags whose text carries the meaning. */
import { Tag } from '@digdir/designsystemet-react';
import type { ReportStatus } from '../../contract/enums';
import { t, tOr } from '../locales/nb';

const COLORS: Record<ReportStatus, string> = {
  draft: 'neutral',
  submitted: 'info',
  returned: 'warning',
  accepted: 'success',
};

export function ReportStatusTag({ status }: { status: ReportStatus }) {
  return (
    <Tag data-color={COLORS[status]} data-size="sm">
      {tOr(`reportStatus.${status}`, status)}
    </Tag>
  );
}

/** Not submitted and past its date, as the server judges it. */
export function LateTag() {
  return (
    <Tag data-color="danger" data-size="sm">
      {t('report.late')}
    </Tag>
  );
}
