/** Small parts of the letter-writing pages: the draft's status as a tag. */
import { Tag } from '@digdir/designsystemet-react';
import type { Draft } from '../../contract/draft';
import { t } from '../locales/nb';

const colors: Record<Draft['status'], string> = {
  editing: 'neutral',
  approved: 'info',
  issued: 'success',
};

export function DraftStatusTag({ status }: { status: Draft['status'] }) {
  return (
    <Tag data-color={colors[status]} data-size="sm">
      {t(`draftStatus.${status}`)}
    </Tag>
  );
}
