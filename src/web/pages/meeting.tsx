/**
 * One governance meeting (etatsstyringsmøte, issue 15): the agenda the server derives from the
 * record (assignments at risk or off track, risks above the tolerance, budget deviations, late
 * reports) with links to where each point is, the ministry's own points (editable while the
 * meeting is planned), holding the meeting (confirmed; the agenda is then kept as it stood),
 * the minutes, and the decisions, each of which can become an assignment of the supplement
 * being written, with a link to that draft.
 *
 * The page decides no rule: the agenda, the date each deadline means and what the user may do
 * all come from the server. The minutes and decisions print as the meeting's minutes.
 */
import { useState, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Field,
  Heading,
  Label,
  List,
  Paragraph,
  Select,
  SelectOption,
  Tag,
  Textfield,
} from '@digdir/designsystemet-react';
import type { AgendaItem, Meeting, MeetingDecision } from '../../contract/meeting';
import {
  addDecision,
  decisionToDraft,
  getMeeting,
  holdMeeting,
  removeDecision,
  saveMeeting,
  type MeetingChangeOutcome,
} from '../api';
import { ProgressTag } from '../components/follow-up';
import { MeetingStatusTag } from '../components/meeting';
import { AppLink, ErrorState, Loading, PageHeading, Section, errorMessage } from '../components/ui';
import { formatDate, formatDateTime, formatNumber } from '../format';
import { useAsync, useFocusAfterRender } from '../hooks';
import { t, tOr } from '../locales/nb';
import { paths } from '../router';

export default function MeetingPage({ id }: { id: string }) {
  const loaded = useAsync(`meeting:${id}`, (signal) => getMeeting(id, signal));
  if (loaded.status === 'loading') return <Loading rows={6} />;
  if (loaded.status === 'error') {
    return (
      <>
        <PageHeading title={t('meeting.notFound')} />
        <ErrorState error={loaded.error} retry={loaded.retry} />
      </>
    );
  }
  return <MeetingView initial={loaded.data} />;
}

type Notice =
  { kind: 'done'; text: string } | { kind: 'stale' } | { kind: 'error'; message: string };

/** Why the server refused a change, in Norwegian where there are words for it. */
const refusedText = (error: string, message: string) =>
  tOr(`meeting.refused.${error}`, t('meeting.refused', { message }));

function MeetingView({ initial }: { initial: Meeting }) {
  const [meeting, setMeeting] = useState(initial);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [noticeRef, focusNotice] = useFocusAfterRender<HTMLDivElement>();

  /**
   * Runs a change and takes the meeting the server answers with; a stale or refused change
   * reloads the meeting as it is and says why.
   */
  const change = async <T,>(
    run: () => Promise<MeetingChangeOutcome<T>>,
    take: (value: T) => Meeting,
    done: string,
  ): Promise<T | null> => {
    try {
      const out = await run();
      if (out.kind === 'saved') {
        setMeeting(take(out.value));
        setNotice({ kind: 'done', text: done });
        focusNotice();
        return out.value;
      }
      setMeeting(await getMeeting(meeting.id));
      setNotice(
        out.kind === 'stale'
          ? { kind: 'stale' }
          : { kind: 'error', message: refusedText(out.error, out.message) },
      );
    } catch (e) {
      setNotice({ kind: 'error', message: errorMessage(e) });
    }
    focusNotice();
    return null;
  };
  const part: Part = { meeting, change };
  const held = meeting.status === 'held';

  return (
    <>
      <PageHeading title={meeting.title}>
        <Facts meeting={meeting} />
      </PageHeading>
      <div ref={noticeRef} tabIndex={-1} aria-live="polite" className="stack">
        {notice?.kind === 'done' && (
          <Alert data-color="success">
            <Paragraph>{notice.text}</Paragraph>
          </Alert>
        )}
        {notice?.kind === 'stale' && (
          <Alert data-color="warning" role="alert">
            <Paragraph>{t('meeting.stale')}</Paragraph>
          </Alert>
        )}
        {notice?.kind === 'error' && (
          <Alert data-color="danger" role="alert">
            <Paragraph>{notice.message}</Paragraph>
          </Alert>
        )}
      </div>
      <Agenda meeting={meeting} />
      {!held && meeting.abilities.update && <MinistryPoints key={meeting.version} {...part} />}
      {meeting.abilities.hold && <Hold {...part} />}
      {/* Keyed by the minutes, not the version: a decision changes the version, not the text typed. */}
      {held && <Minutes key={`minutes:${meeting.minutes}`} {...part} />}
      {held && <Decisions {...part} />}
    </>
  );
}

interface Part {
  meeting: Meeting;
  change: <T>(
    run: () => Promise<MeetingChangeOutcome<T>>,
    take: (value: T) => Meeting,
    done: string,
  ) => Promise<T | null>;
}

const same = (m: Meeting) => m;

function Facts({ meeting }: { meeting: Meeting }) {
  return (
    <dl className="facts">
      <div>
        <dt>{t('meeting.agency')}</dt>
        <dd>{meeting.agencyName}</dd>
      </div>
      <div>
        <dt>{t('meeting.date')}</dt>
        <dd>{meeting.date ? formatDate(meeting.date) : t('meeting.noDate')}</dd>
      </div>
      <div>
        <dt>{t('meeting.status')}</dt>
        <dd>
          <MeetingStatusTag status={meeting.status} />
        </dd>
      </div>
      {meeting.heldAt && (
        <div>
          <dt>{t('meeting.heldAt')}</dt>
          <dd>{formatDateTime(meeting.heldAt)}</dd>
        </div>
      )}
      <div>
        <dt>{t('meeting.source')}</dt>
        <dd>{tOr(`meeting.source.${meeting.source}`, meeting.source)}</dd>
      </div>
      <div className="no-print">
        <dt>{t('meeting.backToList')}</dt>
        <dd>
          <AppLink href={paths.meetings({ agencyId: meeting.agencyId, year: meeting.year })}>
            {t('meeting.allMeetings', { agency: meeting.agencyName, year: meeting.year })}
          </AppLink>
        </dd>
      </div>
    </dl>
  );
}

function figureText(item: AgendaItem): string | null {
  if (item.figure === null) return null;
  if (item.kind === 'risk') return t('meeting.agenda.score', { score: item.figure });
  if (item.kind === 'budget') {
    return t('meeting.agenda.deviation', {
      amount: `${item.figure > 0 ? '+' : ''}${formatNumber(item.figure)}`,
    });
  }
  return formatNumber(item.figure);
}

function AgendaEntry({ item }: { item: AgendaItem }) {
  const text: ReactNode = item.href ? <AppLink href={item.href}>{item.text}</AppLink> : item.text;
  const figure = figureText(item);
  return (
    <List.Item className="agenda-item">
      <span className="row">
        <Tag data-size="sm" data-color={item.kind === 'ministry-point' ? 'info' : 'warning'}>
          {tOr(`meeting.agenda.kind.${item.kind}`, item.kind)}
        </Tag>
        {item.progress && <ProgressTag progress={item.progress} />}
      </span>{' '}
      {text}
      {figure && <> ({figure})</>}
      {item.date && <> – {t('meeting.agenda.due', { date: formatDate(item.date) })}</>}
      {item.detail && <Paragraph data-size="sm">{item.detail}</Paragraph>}
    </List.Item>
  );
}

function Agenda({ meeting }: { meeting: Meeting }) {
  const held = meeting.status === 'held';
  return (
    <Section id="meeting-agenda" title={t('meeting.agenda')}>
      <Paragraph>
        {held
          ? t('meeting.agenda.held', {
              at: meeting.heldAt ? formatDateTime(meeting.heldAt) : '',
            })
          : t('meeting.agenda.live')}
      </Paragraph>
      {meeting.agenda.length === 0 ? (
        <Paragraph>{t('meeting.agenda.none')}</Paragraph>
      ) : (
        <List.Ordered className="agenda">
          {meeting.agenda.map((item, i) => (
            <AgendaEntry key={`${item.kind}:${i}`} item={item} />
          ))}
        </List.Ordered>
      )}
    </Section>
  );
}

function MinistryPoints({ meeting, change }: Part) {
  const [points, setPoints] = useState(() => meeting.ministryPoints.map((p) => p.text));
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);
  const save = async () => {
    const texts = points.map((p) => p.trim());
    if (texts.some((p) => p === '')) return setMissing(true);
    setMissing(false);
    setBusy(true);
    await change(
      () =>
        saveMeeting(meeting.id, {
          expectedVersion: meeting.version,
          ministryPoints: texts.map((text) => ({ text })),
        }),
      same,
      t('meeting.points.saved'),
    );
    setBusy(false);
  };
  return (
    <Section id="meeting-points" title={t('meeting.points')}>
      <Paragraph>{t('meeting.points.about')}</Paragraph>
      <div className="stack no-print">
        {points.map((p, i) => (
          <div key={i} className="stack">
            <Textfield
              label={t('meeting.points.point', { n: i + 1 })}
              value={p}
              maxLength={2000}
              error={missing && p.trim() === '' ? t('meeting.points.empty') : undefined}
              onChange={(e) => setPoints(points.map((x, j) => (j === i ? e.target.value : x)))}
            />
            <div>
              <Button
                variant="tertiary"
                data-size="sm"
                onClick={() => setPoints(points.filter((_, j) => j !== i))}
              >
                {t('meeting.points.remove', { n: i + 1 })}
              </Button>
            </div>
          </div>
        ))}
        <div className="row">
          <Button variant="secondary" onClick={() => setPoints([...points, ''])}>
            {t('meeting.points.add')}
          </Button>
          <Button onClick={() => void save()} loading={busy} disabled={busy}>
            {t('meeting.points.save')}
          </Button>
        </div>
      </div>
    </Section>
  );
}

function Hold({ meeting, change }: Part) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [confirmRef, focusConfirm] = useFocusAfterRender<HTMLDivElement>();
  const hold = async () => {
    setBusy(true);
    await change(() => holdMeeting(meeting.id, meeting.version), same, t('meeting.hold.done'));
    setBusy(false);
    setConfirming(false);
  };
  return (
    <Section id="meeting-hold" title={t('meeting.hold')}>
      <Paragraph>{t('meeting.hold.about')}</Paragraph>
      <div ref={confirmRef} tabIndex={-1} className="no-print">
        {confirming ? (
          <Alert data-color="warning" className="stack confirm-box">
            <Paragraph>{t('meeting.hold.question')}</Paragraph>
            <div className="row">
              <Button disabled={busy} loading={busy} onClick={() => void hold()}>
                {t('meeting.hold.yes')}
              </Button>
              <Button variant="secondary" onClick={() => setConfirming(false)}>
                {t('meeting.hold.no')}
              </Button>
            </div>
          </Alert>
        ) : (
          <Button
            onClick={() => {
              setConfirming(true);
              focusConfirm();
            }}
          >
            {t('meeting.hold.button')}
          </Button>
        )}
      </div>
    </Section>
  );
}

function Minutes({ meeting, change }: Part) {
  const [text, setText] = useState(meeting.minutes);
  const [busy, setBusy] = useState(false);
  const editable = meeting.abilities.update;
  const save = async () => {
    setBusy(true);
    await change(
      () => saveMeeting(meeting.id, { expectedVersion: meeting.version, minutes: text }),
      same,
      t('meeting.minutes.saved'),
    );
    setBusy(false);
  };
  return (
    <Section id="meeting-minutes" title={t('meeting.minutes')}>
      {editable ? (
        <div className="stack">
          <div className="no-print">
            <Textfield
              label={t('meeting.minutes.label')}
              multiline
              rows={8}
              maxLength={50_000}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          </div>
          <div className="no-print">
            <Button onClick={() => void save()} loading={busy} disabled={busy}>
              {t('meeting.minutes.save')}
            </Button>
          </div>
          {/* On paper the minutes print as text, not as a form. */}
          <div className="print-only meeting-minutes">{meeting.minutes}</div>
        </div>
      ) : meeting.minutes.trim() ? (
        <div className="meeting-minutes">{meeting.minutes}</div>
      ) : (
        <Paragraph>{t('meeting.minutes.none')}</Paragraph>
      )}
    </Section>
  );
}

function Decisions({ meeting, change }: Part) {
  const [text, setText] = useState('');
  const [responsible, setResponsible] = useState<'ministry' | 'agency'>('agency');
  const [deadline, setDeadline] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const add = async () => {
    if (text.trim() === '') return setMissing(true);
    setMissing(false);
    setBusy(true);
    const out = await change(
      () =>
        addDecision(meeting.id, {
          expectedVersion: meeting.version,
          text: text.trim(),
          responsible,
          deadline: deadline.trim(),
        }),
      same,
      t('meeting.decision.added'),
    );
    if (out) {
      setText('');
      setDeadline('');
    }
    setBusy(false);
  };
  return (
    <Section id="meeting-decisions" title={t('meeting.decisions')}>
      {meeting.decisions.length === 0 ? (
        <Paragraph>{t('meeting.decisions.none')}</Paragraph>
      ) : (
        <List.Ordered className="decisions">
          {meeting.decisions.map((d) => (
            <Decision key={d.id} decision={d} meeting={meeting} change={change} />
          ))}
        </List.Ordered>
      )}
      {meeting.abilities.decide && (
        <div className="stack no-print decision-form">
          <Heading level={3} data-size="xs">
            {t('meeting.decision.new')}
          </Heading>
          <Textfield
            label={t('meeting.decision.text')}
            multiline
            rows={3}
            maxLength={4000}
            value={text}
            error={missing ? t('meeting.decision.textMissing') : undefined}
            onChange={(e) => setText(e.target.value)}
          />
          <Field>
            <Label>{t('meeting.decision.responsible')}</Label>
            <Select
              value={responsible}
              onChange={(e) => setResponsible(e.target.value as 'ministry' | 'agency')}
            >
              <SelectOption value="agency">{t('meeting.decision.responsible.agency')}</SelectOption>
              <SelectOption value="ministry">
                {t('meeting.decision.responsible.ministry')}
              </SelectOption>
            </Select>
          </Field>
          <Textfield
            label={t('meeting.decision.deadline')}
            description={t('meeting.decision.deadline.about')}
            maxLength={200}
            value={deadline}
            onChange={(e) => setDeadline(e.target.value)}
          />
          <div>
            <Button onClick={() => void add()} loading={busy} disabled={busy}>
              {t('meeting.decision.add')}
            </Button>
          </div>
        </div>
      )}
    </Section>
  );
}

function Decision({
  decision: d,
  meeting,
  change,
}: {
  decision: MeetingDecision;
} & Part) {
  const [busy, setBusy] = useState(false);
  const toDraft = async () => {
    setBusy(true);
    await change(
      () => decisionToDraft(meeting.id, d.id, meeting.version),
      (r) => r.meeting,
      t('meeting.decision.drafted'),
    );
    setBusy(false);
  };
  const remove = async () => {
    setBusy(true);
    await change(
      () => removeDecision(meeting.id, d.id, meeting.version),
      same,
      t('meeting.decision.removed'),
    );
    setBusy(false);
  };
  return (
    <List.Item id={`vedtak-${d.id}`} className="decision">
      <div className="meeting-minutes">{d.text}</div>
      <Paragraph data-size="sm">
        {tOr(`meeting.decision.by.${d.responsible}`, d.responsible)}
        {d.deadline && (
          <>
            {' · '}
            {d.deadlineDate
              ? t('meeting.decision.deadlineDated', {
                  deadline: d.deadline,
                  date: formatDate(d.deadlineDate),
                })
              : t('meeting.decision.deadlineUndated', { deadline: d.deadline })}
          </>
        )}
      </Paragraph>
      {d.draft ? (
        <Paragraph data-size="sm">
          {d.draft.readable ? (
            <AppLink href={paths.draft(d.draft.draftId)}>{t('meeting.decision.draftLink')}</AppLink>
          ) : (
            t('meeting.decision.inDraft')
          )}
        </Paragraph>
      ) : (
        meeting.abilities.decide && (
          <div className="row no-print">
            <Button data-size="sm" onClick={() => void toDraft()} loading={busy} disabled={busy}>
              {t('meeting.decision.toDraft')}
            </Button>
            <Button variant="tertiary" data-size="sm" onClick={() => void remove()} disabled={busy}>
              {t('meeting.decision.remove')}
            </Button>
          </div>
        )
      )}
    </List.Item>
  );
}
