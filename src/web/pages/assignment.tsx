import { useRef, useState, type ReactNode } from 'react';
import {
  Alert,
  Heading,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
  Tag,
} from '@digdir/designsystemet-react';
import type { AssignmentDetail } from '../../contract/api';
import { getAssignment } from '../api';
import {
  AppLink,
  ErrorState,
  lineSpan,
  Loading,
  PageHeading,
  Section,
  StatusTag,
  ScrollRegion,
} from '../components/ui';
import { StatusSection } from '../components/status-change';
import { FollowUpSection } from '../components/follow-up';
import { formatDate } from '../format';
import { useAsync } from '../hooks';
import { RECORD_LANGUAGE } from '../locales/language';
import { t } from '../locales/nb';
import { paths } from '../router';

function Deadlines({
  deadlines,
  label = t('assignment.deadlines'),
}: {
  deadlines: AssignmentDetail['deadlines'];
  label?: string;
}) {
  if (deadlines.length === 0) return <Paragraph>{t('assignment.deadlines.empty')}</Paragraph>;
  return (
    <ScrollRegion label={label}>
      <Table data-size="sm" zebra>
        <caption className="visually-hidden">{label}</caption>
        <TableHead>
          <TableRow>
            <TableHeaderCell>{t('assignment.deadline.date')}</TableHeaderCell>
            <TableHeaderCell>{t('assignment.deadline.text')}</TableHeaderCell>
            <TableHeaderCell>{t('assignment.deadline.appliesTo')}</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {deadlines.map((d, i) => (
            <TableRow key={i}>
              <TableCell className="nowrap">
                {d.date ? formatDate(d.date) : t('assignment.deadline.noDate')}
                {d.value.kind === 'recurring' && (
                  <div className="muted">{t('assignment.deadline.recurring')}</div>
                )}
              </TableCell>
              <TableCell>{d.text}</TableCell>
              <TableCell>
                {d.appliesTo
                  ? t('assignment.deadline.sub', { letter: d.appliesTo })
                  : t('assignment.deadline.whole')}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollRegion>
  );
}

/** On a supplement's change to an earlier assignment: where the assignment itself is. */
function ClarifiesNote({ clarifies }: { clarifies: NonNullable<AssignmentDetail['clarifies']> }) {
  return (
    <Alert data-color="info">
      <Paragraph>
        {t('assignment.clarifiesNote', { id: clarifies.registerId })}{' '}
        {clarifies.assignmentId ? (
          <AppLink href={paths.assignment(clarifies.assignmentId)}>
            {t('assignment.clarifiesLink', { id: clarifies.registerId })}
          </AppLink>
        ) : (
          t('assignment.clarifiesMissing')
        )}
      </Paragraph>
    </Alert>
  );
}

/** What supplements changed in the assignment, each with its own text, deadlines and source. */
function Clarifications({ a }: { a: AssignmentDetail }) {
  return (
    <div className="stack-lg">
      {a.clarifications.map((c) => (
        <article key={c.id} aria-labelledby={`presisering-${c.id}`}>
          <Heading level={3} data-size="xs" id={`presisering-${c.id}`}>
            {c.documentDate
              ? t('assignment.clarification.heading', {
                  document: c.documentTitle,
                  date: formatDate(c.documentDate),
                })
              : c.documentTitle}
          </Heading>
          {c.ownerDepartment && (
            <Paragraph>
              {t('assignment.owner')}: {c.ownerDepartment}
            </Paragraph>
          )}
          <Paragraph className="assignment-text">{c.body}</Paragraph>
          <Deadlines
            deadlines={c.deadlines}
            label={t('assignment.clarification.deadlines', { document: c.documentTitle })}
          />
          <Paragraph>
            <AppLink href={paths.document(c.documentId, c.provenance)}>
              {t('assignment.clarification.source', { lines: lineSpan(c.provenance) })}
            </AppLink>
          </Paragraph>
        </article>
      ))}
    </div>
  );
}

function Detail({
  a,
  reloads,
  onChanged,
}: {
  a: AssignmentDetail;
  reloads: number;
  onChanged: () => void;
}) {
  const facts: Array<[string, ReactNode]> = [
    [
      t('assignment.id'),
      <span className="row">
        <strong>{a.registerId}</strong>
        {a.idAssigned && (
          <Tag data-color="info" data-size="sm">
            {t('assignments.idAssigned')}
          </Tag>
        )}
      </span>,
    ],
    ...(a.printedId && a.printedId !== a.registerId
      ? [[t('assignment.printedId'), a.printedId] as [string, ReactNode]]
      : []),
    [t('assignment.status'), <StatusTag status={a.status} />],
    [t('assignment.year'), String(a.year)],
    [t('assignment.agency'), a.agency ?? t('common.unknown')],
    ...(a.section ? [[t('assignment.section'), a.section] as [string, ReactNode]] : []),
  ];
  return (
    <>
      <PageHeading title={`${a.registerId}: ${a.title}`} lang={RECORD_LANGUAGE} />
      <div className="stack-lg">
        {a.idAssigned && (
          <Alert data-color="info">
            <Paragraph>{t('assignment.idAssignedNote')}</Paragraph>
          </Alert>
        )}
        {a.clarifies && <ClarifiesNote clarifies={a.clarifies} />}
        <Section id="om-oppdraget" title={t('assignment.facts')}>
          <dl className="facts">
            {facts.map(([label, value]) => (
              <div key={label} style={{ display: 'contents' }}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </Section>
        <Section id="oppfolging" title={t('followUp.title')}>
          <FollowUpSection a={a} onChanged={onChanged} />
        </Section>
        <Section id="status" title={t('statusChange.title')}>
          <StatusSection
            assignmentId={a.id}
            canUpdate={a.abilities.update === true}
            canReadComments={a.abilities.readComments === true}
            reloadKey={reloads}
            onChanged={onChanged}
          />
        </Section>
        <Section id="tekst" title={t('assignment.text')}>
          <Paragraph className="assignment-text" lang={RECORD_LANGUAGE}>
            {a.body}
          </Paragraph>
        </Section>
        <Section id="frister" title={t('assignment.deadlines')}>
          <Deadlines deadlines={a.deadlines} />
        </Section>
        <Section id="deloppdrag" title={t('assignment.subAssignments')}>
          {a.subAssignments.length === 0 ? (
            <Paragraph>{t('assignment.subAssignments.empty')}</Paragraph>
          ) : (
            <ul className="sub-list">
              {a.subAssignments.map((s) => (
                <li key={s.letter}>
                  <span className="sub-letter">{s.letter})</span>
                  <span lang={RECORD_LANGUAGE}>{s.text}</span>
                </li>
              ))}
            </ul>
          )}
        </Section>
        {a.clarifications.length > 0 && (
          <Section id="presiseringer" title={t('assignment.clarifications')}>
            <Clarifications a={a} />
          </Section>
        )}
        <Section id="henvisninger" title={t('assignment.references')}>
          {a.references.length === 0 ? (
            <Paragraph>{t('assignment.references.empty')}</Paragraph>
          ) : (
            <ul>
              {a.references.map((r) => (
                <li key={r.targetId}>
                  {r.assignmentId ? (
                    <AppLink href={paths.assignment(r.assignmentId)}>{r.targetId}</AppLink>
                  ) : (
                    <>
                      {r.targetId}{' '}
                      <span className="muted">({t('assignment.references.notFound')})</span>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section id="samarbeid" title={t('assignment.collaborators')}>
          {a.collaborators.length === 0 ? (
            <Paragraph>{t('assignment.collaborators.empty')}</Paragraph>
          ) : (
            <ul>
              {a.collaborators.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          )}
        </Section>
        <Section id="finansiering" title={t('assignment.funding')}>
          {a.funding.length === 0 ? (
            <Paragraph>{t('assignment.funding.empty')}</Paragraph>
          ) : (
            <ul>
              {a.funding.map((f) => (
                <li key={`${f.chapter}-${f.post ?? ''}`}>
                  {f.post === null
                    ? t('assignment.funding.chapterOnly', { chapter: f.chapter })
                    : t('assignment.funding.item', {
                        chapter: f.chapter,
                        post: String(f.post).padStart(2, '0'),
                      })}
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section id="kilde" title={t('assignment.provenance')}>
          <Paragraph>
            {t('assignment.provenance.text', {
              document: a.documentTitle,
              lines: lineSpan(a.provenance),
            })}
          </Paragraph>
          <Paragraph>
            <AppLink href={paths.document(a.documentId, a.provenance)}>
              {t('assignment.provenance.link')}
            </AppLink>
          </Paragraph>
        </Section>
      </div>
    </>
  );
}

export default function AssignmentPage({ id }: { id: string }) {
  const [reloads, setReloads] = useState(0);
  const state = useAsync(`assignment:${id}:${reloads}`, (signal) => getAssignment(id, signal));
  // While reloading after a status change, the page keeps showing what it had.
  const last = useRef<AssignmentDetail | null>(null);
  if (state.status === 'ok') last.current = state.data;
  const shown =
    state.status === 'ok' ? state.data : state.status === 'loading' ? last.current : null;
  if (shown)
    return <Detail a={shown} reloads={reloads} onChanged={() => setReloads((n) => n + 1)} />;
  return (
    <>
      <PageHeading title={t('assignment.titleFallback')} />
      {state.status === 'error' ? (
        <ErrorState error={state.error} retry={state.retry} />
      ) : (
        <Loading rows={8} />
      )}
    </>
  );
}
