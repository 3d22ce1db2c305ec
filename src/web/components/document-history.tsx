/**
 * The document's history from the audit trail: who imported, shared or issued it, and when.
 * Shown to those the server lets read it (`abilities.readHistory`); others are told whose it is.
 */
import { Paragraph } from '@digdir/designsystemet-react';
import { z } from 'zod';
import type { DocumentDetail } from '../../contract/document';
import { StoredVersionChange } from '../../contract/letter';
import { getAuditHistory } from '../api';
import { ApiError } from '../errors';
import { formatDateTime } from '../format';
import { useAsync } from '../hooks';
import { t, tOr } from '../locales/nb';
import { paths } from '../router';
import { versionChangeText } from '../version-change';
import { AppLink, ErrorState, Loading } from './ui';

/** What an import entry records of a new version: the version it replaced, and what changed. */
const NewVersionBefore = z.object({ id: z.string(), version: z.int() });
const NewVersionAfter = z.object({ diff: z.array(StoredVersionChange) });

function VersionChange({ before, after }: { before: unknown; after: unknown }) {
  const replaced = NewVersionBefore.safeParse(before);
  const changes = NewVersionAfter.safeParse(after);
  return (
    <>
      {replaced.success && (
        <>
          {' '}
          <AppLink href={paths.document(replaced.data.id)}>
            {t('document.history.replaced', { version: String(replaced.data.version) })}
          </AppLink>
        </>
      )}
      {changes.success && changes.data.diff.length > 0 && (
        <ul>
          {changes.data.diff.map((change, i) => (
            <li key={i}>{versionChangeText(change)}</li>
          ))}
        </ul>
      )}
    </>
  );
}

export function DocumentHistory({ doc }: { doc: DocumentDetail }) {
  // The server says whether this user may read the history; the client does not ask otherwise.
  if (!doc.abilities.readHistory) return <Paragraph>{t('document.history.hidden')}</Paragraph>;
  return <HistoryList doc={doc} />;
}

function HistoryList({ doc }: { doc: DocumentDetail }) {
  const state = useAsync(`audit:${doc.id}:${doc.status}:${doc.version}`, (signal) =>
    getAuditHistory('document', doc.id, signal),
  );
  if (state.status === 'loading') return <Loading rows={2} />;
  if (state.status === 'error') {
    const hidden =
      state.error instanceof ApiError &&
      (state.error.kind === 'forbidden' || state.error.kind === 'not-found');
    if (hidden) return <Paragraph>{t('document.history.hidden')}</Paragraph>;
    return <ErrorState error={state.error} retry={state.retry} />;
  }
  const entries = [...state.data.entries].reverse();
  if (entries.length === 0) return <Paragraph>{t('document.history.empty')}</Paragraph>;
  return (
    <ol className="history-list" aria-label={t('document.history')}>
      {entries.map((e) => (
        <li key={e.seq}>
          <strong>{tOr(`document.history.action.${e.action}`, e.action)}</strong>{' '}
          <span>
            <time dateTime={e.at}>
              {t('document.history.by', {
                when: formatDateTime(e.at),
                who: e.actorName ?? e.actor,
              })}
            </time>
          </span>
          {e.action === 'import.new-version' && <VersionChange before={e.before} after={e.after} />}
        </li>
      ))}
    </ol>
  );
}
