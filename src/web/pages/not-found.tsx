import { Paragraph } from '@digdir/designsystemet-react';
import { AppLink, PageHeading } from '../components/ui';
import { t } from '../locales/nb';
import { paths } from '../router';

export default function NotFoundPage({ path }: { path: string }) {
  return (
    <>
      <PageHeading title={t('notFound.title')} />
      <div className="stack">
        <Paragraph>{t('notFound.text', { path })}</Paragraph>
        <Paragraph>
          <AppLink href={paths.home()}>{t('notFound.home')}</AppLink>
        </Paragraph>
      </div>
    </>
  );
}
