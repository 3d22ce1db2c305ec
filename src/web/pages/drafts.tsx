/**
 * Letters the ministry is writing in Tildel: the list, and starting a new letter or supplement
 * for one of the ministry's agencies (empty, or from the agency's letter of last year). What
 * the user may do comes from the server (`/api/me` abilities).
 */
import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Fieldset,
  Paragraph,
  Radio,
  Select,
  SelectOption,
  Field,
  Label,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
  Textfield,
} from '@digdir/designsystemet-react';
import type { DraftCreateBody, DraftList as DraftListPage } from '../../contract/draft';
import type { LetterLanguage } from '../../contract/enums';
import { createDraft, listDrafts, listAllOrganisations } from '../api';
import { AppLink, ErrorState, Loading, PageHeading, Section, errorMessage } from '../components/ui';
import { DraftStatusTag, LetterLanguageChoice } from '../components/draft';
import { ShowMore, useMorePages } from '../components/more';
import { formatDateTime, todayIso } from '../format';
import { useAsync } from '../hooks';
import { t } from '../locales/nb';
import { navigate, paths } from '../router';
import { useMe } from '../session';

export default function DraftsPage() {
  const me = useMe();
  const drafts = useAsync('drafts', (signal) => listDrafts({}, signal));
  return (
    <>
      <PageHeading title={t('drafts.title')}>
        <Paragraph>{t('drafts.intro')}</Paragraph>
      </PageHeading>
      {me?.abilities.writeLetters && me.user?.organisation && (
        <NewDraft ministryId={me.user.organisation.id} />
      )}
      <Section id="drafts-list" title={t('drafts.list')}>
        {drafts.status === 'loading' && <Loading />}
        {drafts.status === 'error' && <ErrorState error={drafts.error} retry={drafts.retry} />}
        {drafts.status === 'ok' && <DraftList first={drafts.data} />}
      </Section>
    </>
  );
}

/** The drafts, last changed first: a page, and «Vis flere» for the next. */
function DraftList({ first }: { first: DraftListPage }) {
  const pages = useMorePages({ items: first.drafts, nextCursor: first.nextCursor }, (cursor) =>
    listDrafts({ cursor }).then((p) => ({ items: p.drafts, nextCursor: p.nextCursor })),
  );
  if (pages.items.length === 0) return <Paragraph>{t('drafts.none')}</Paragraph>;
  return (
    <div className="stack">
      <Table>
        <caption className="visually-hidden">{t('drafts.list')}</caption>
        <TableHead>
          <TableRow>
            <TableHeaderCell>{t('drafts.column.title')}</TableHeaderCell>
            <TableHeaderCell>{t('drafts.column.status')}</TableHeaderCell>
            <TableHeaderCell>{t('drafts.column.updated')}</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {pages.items.map((d) => (
            <TableRow key={d.id}>
              <TableCell>
                <AppLink href={paths.draft(d.id)}>{d.title}</AppLink>
              </TableCell>
              <TableCell>
                <DraftStatusTag status={d.status} />
              </TableCell>
              <TableCell>{formatDateTime(d.updatedAt)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <ShowMore pages={pages} />
    </div>
  );
}

/** Starts a draft for one of the ministry's agencies and opens it. */
function NewDraft({ ministryId }: { ministryId: string }) {
  const agencies = useAsync(`agencies:${ministryId}`, (signal) =>
    listAllOrganisations({ kind: 'agency', parentId: ministryId }, signal),
  );
  const [agencyId, setAgencyId] = useState('');
  const [year, setYear] = useState(String(Number(todayIso().slice(0, 4)) + 1));
  const [kind, setKind] = useState<DraftCreateBody['kind']>('allocation-letter');
  const [from, setFrom] = useState<DraftCreateBody['from']>('last-year');
  const [language, setLanguage] = useState<LetterLanguage>('nb');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const options = agencies.status === 'ok' ? agencies.data.items : [];
    const agency = agencyId || options[0]?.id;
    const y = Number(year);
    if (!agency) return setError(t('drafts.new.noAgency'));
    if (!Number.isInteger(y) || y < 2000 || y > 2100) return setError(t('drafts.new.badYear'));
    setBusy(true);
    setError(null);
    try {
      const draft = await createDraft({ agencyId: agency, year: y, kind, from, language });
      navigate(paths.draft(draft.id));
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <Section id="drafts-new" title={t('drafts.new')}>
      {agencies.status === 'loading' && <Loading rows={1} />}
      {agencies.status === 'error' && <ErrorState error={agencies.error} retry={agencies.retry} />}
      {agencies.status === 'ok' && (
        <form className="stack draft-new" onSubmit={(e) => void onSubmit(e)}>
          <Field>
            <Label>{t('drafts.new.agency')}</Label>
            <Select value={agencyId} onChange={(e) => setAgencyId(e.target.value)}>
              {agencies.data.items.map((a) => (
                <SelectOption key={a.id} value={a.id}>
                  {a.name}
                </SelectOption>
              ))}
            </Select>
          </Field>
          <Textfield
            label={t('drafts.new.year')}
            inputMode="numeric"
            value={year}
            onChange={(e) => setYear(e.target.value)}
            maxLength={4}
          />
          <Fieldset>
            <Fieldset.Legend>{t('drafts.new.kind')}</Fieldset.Legend>
            <Radio
              name="kind"
              label={t('kind.allocation-letter')}
              value="allocation-letter"
              checked={kind === 'allocation-letter'}
              onChange={() => setKind('allocation-letter')}
            />
            <Radio
              name="kind"
              label={t('kind.supplement')}
              value="supplement"
              checked={kind === 'supplement'}
              onChange={() => setKind('supplement')}
            />
          </Fieldset>
          <Fieldset>
            <Fieldset.Legend>{t('drafts.new.from')}</Fieldset.Legend>
            <Radio
              name="from"
              label={t('drafts.new.from.last-year')}
              value="last-year"
              checked={from === 'last-year'}
              onChange={() => setFrom('last-year')}
            />
            <Radio
              name="from"
              label={t('drafts.new.from.empty')}
              value="empty"
              checked={from === 'empty'}
              onChange={() => setFrom('empty')}
            />
          </Fieldset>
          <LetterLanguageChoice value={language} onChange={setLanguage} />
          <div>
            <Button type="submit" loading={busy} disabled={busy}>
              {t('drafts.new.create')}
            </Button>
          </div>
          {error && (
            <Alert data-color="danger" role="alert">
              {error}
            </Alert>
          )}
        </form>
      )}
    </Section>
  );
}
