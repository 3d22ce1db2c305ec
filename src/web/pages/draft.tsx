/**
 * Writing a letter in Tildel: the draft's sections and items, saved as the officer types (with
 * the version the page read: a save that meets someone else's is refused and says so, nothing
 * is lost), what the server reads in each typed deadline and the sums it derives, and the
 * steps to approval (a second officer) and issue. The page decides no rule: what may be done
 * comes from the draft's abilities, problems and derived values from the server.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Heading,
  Link,
  List,
  Paragraph,
  Radio,
  Select,
  SelectOption,
  Textarea,
  Textfield,
} from '@digdir/designsystemet-react';
import {
  DraftAssignment,
  DraftAssignmentChange,
  type Draft,
  type DraftComment,
  type DraftConflict,
  DraftContent,
  type DraftDeadline,
  type DraftFunding,
} from '../../contract/draft';
import {
  commentOnDraft,
  draftLetterUrl,
  getDraft,
  listAllAssignments,
  resolveDraftComment,
  saveDraft,
  stepDraft,
} from '../api';
import { DraftStatusTag, LetterLanguageChoice } from '../components/draft';
import { MeetingOrigin } from '../components/meeting';
import { CollapsibleSection, reveal } from '../components/collapsible-section';
import { RichTextField } from '../components/rich-text-lazy';
import { emptyRichText } from '../../contract/rich-text';
import { AppLink, ErrorState, Loading, PageHeading, Section, errorMessage } from '../components/ui';
import { formatDate, formatDateTime, formatNumber, parseAmount } from '../format';
import { subKey, subLetter } from '../../contract/draft';
import { canonicalJson } from '../../domain/canonical-json';
import { mergeDraft } from '../../domain/draft-merge';
import type { DraftProblem } from '../../contract/enums';
import { ASSIGNMENT_CHANGE_KINDS, SUPPLEMENT_LINE_KINDS } from '../../contract/enums';
import { useAsync } from '../hooks';
import { t, tOr } from '../locales/nb';
import { LOCALES } from '../../locales/render';
import { paths } from '../router';

export default function DraftPage({ id }: { id: string }) {
  const loaded = useAsync(`draft:${id}`, (signal) => getDraft(id, signal));
  if (loaded.status === 'loading') return <Loading rows={6} />;
  if (loaded.status === 'error') {
    return (
      <>
        <PageHeading title={t('draft.notFound')} />
        <ErrorState error={loaded.error} retry={loaded.retry} />
      </>
    );
  }
  return <Editor initial={loaded.data} />;
}

type SaveState =
  /** `merged`: the server merged the save with what others saved since. */
  | { kind: 'saved'; at: string | null; merged?: boolean }
  | { kind: 'pending' }
  | { kind: 'saving' }
  /** `conflicts`: the parts both changed differently (none: the server could not merge). */
  | { kind: 'conflict'; conflicts: DraftConflict[] }
  | { kind: 'error'; message: string };

const SAVE_DELAY_MS = 800;

/**
 * Content as the server keeps and answers it (rich prose in its canonical form), to be merged
 * with an answer part by part; as it is while not valid (the save of it will be refused).
 */
const asStored = (c: DraftContent) => {
  const parsed = DraftContent.safeParse(c);
  return parsed.success ? parsed.data : c;
};

/** Holds the draft as the server last sent it and the content as the officer edits it. */
function Editor({ initial }: { initial: Draft }) {
  const [draft, setDraft] = useState(initial);
  const [content, setContent] = useState(initial.content);
  const [save, setSave] = useState<SaveState>({ kind: 'saved', at: null });
  // The content the server has (the last one sent and saved), and whether a save is out.
  const saved = useRef(initial.content);
  const sending = useRef(false);
  // The version the next save is based on (the content `saved` is of that version, or the
  // server merges from it), and the content as the officer last edited it: set in the edit
  // itself, not on the next render (the rich-text editor tells its edits outside React's
  // events), so a save and its answer see every edit made before them.
  const basedOn = useRef(initial.version);
  const latest = useRef(initial.content);
  const editable = draft.abilities.update;
  const dirty = content !== saved.current;

  // Autosave: a moment after the last change, with the version the page has.
  useEffect(() => {
    if (!editable || content === saved.current || sending.current) return;
    if (save.kind === 'conflict') return;
    setSave({ kind: 'pending' });
    const timer = window.setTimeout(() => {
      sending.current = true;
      setSave({ kind: 'saving' });
      const sent = latest.current;
      const base = basedOn.current;
      saveDraft(draft.id, { expectedVersion: base, content: sent })
        .then((out) => {
          sending.current = false;
          if (out.kind === 'saved') {
            // A version more than one above the base: merged with others' saves since.
            const merged = out.draft.version > base + 1;
            if (!merged) {
              saved.current = sent;
              basedOn.current = out.draft.version;
            } else {
              // The page takes the merged content, with what was typed meanwhile put on it
              // (merged as the server merges), so the next save is based on the merged version.
              const typed = latest.current;
              const rebased =
                typed === sent
                  ? ({ kind: 'merged', content: out.draft.content } as const)
                  : mergeDraft(asStored(sent), asStored(typed), out.draft.content);
              saved.current = out.draft.content;
              basedOn.current = out.draft.version;
              if (rebased.kind === 'conflict') {
                // Typed into a part the others changed: as the server would answer the next
                // save, with the typing kept on the page until the officer fetches the newest.
                setDraft(out.draft);
                setSave({ kind: 'conflict', conflicts: rebased.conflicts });
                return;
              }
              const asSaved = canonicalJson(rebased.content) === canonicalJson(out.draft.content);
              latest.current = asSaved ? out.draft.content : rebased.content;
              setContent(latest.current);
            }
            setDraft(out.draft);
            setSave({ kind: 'saved', at: out.draft.updatedAt, merged });
          } else if (out.kind === 'stale') {
            setSave({ kind: 'conflict', conflicts: out.conflicts });
          } else {
            setSave({ kind: 'error', message: refusal(out) });
          }
        })
        .catch((error: unknown) => {
          sending.current = false;
          setSave({ kind: 'error', message: errorMessage(error) });
        });
    }, SAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
    // save.kind is read here, not a reason to save again.
  }, [content, draft.version, draft.id, editable]);

  /** Replaces what the page has with the server's draft (after a conflict or a step). */
  const adopt = (d: Draft) => {
    saved.current = d.content;
    latest.current = d.content;
    basedOn.current = d.version;
    setDraft(d);
    setContent(d.content);
    setSave({ kind: 'saved', at: d.updatedAt });
  };
  const reload = async () => adopt(await getDraft(draft.id));

  const edit = (change: (c: DraftContent) => DraftContent) => {
    latest.current = change(latest.current);
    setContent(latest.current);
  };

  return (
    <>
      <PageHeading title={draft.title}>
        <Paragraph>
          <DraftStatusTag status={draft.status} />{' '}
          {t('draft.byline', { ministry: draft.ministry.name, by: draft.createdBy })}
          {draft.approvedBy && <> {t('draft.approvedBy', { name: draft.approvedBy })}</>}
        </Paragraph>
        <Paragraph>
          {draft.status === 'issued' ? t('draft.download.issued') : t('draft.download.preview')}{' '}
          <Link href={draftLetterUrl(draft.id, 'pdf')} download>
            PDF
          </Link>{' '}
          <Link href={draftLetterUrl(draft.id, 'docx')} download>
            Word
          </Link>
          {draft.issuedDocumentId && (
            <>
              {' · '}
              <AppLink href={paths.document(draft.issuedDocumentId)}>
                {t('draft.issuedDocument')}
              </AppLink>
            </>
          )}
        </Paragraph>
      </PageHeading>

      {editable && <SaveStatus state={save} onReload={() => void reload()} />}
      {draft.view === 'shared' && draft.rounds.length > 0 && (
        <Alert data-color="info">
          {t('draft.sharedView', {
            round: draft.rounds.at(-1)!.round,
            ministry: draft.ministry.name,
            at: formatDateTime(draft.rounds.at(-1)!.sharedAt),
          })}
        </Alert>
      )}

      <Steps draft={draft} dirty={dirty} adopt={adopt} />
      <Consultation draft={draft} content={content} adopt={adopt} />

      <CollapsibleSection id="draft-preamble" title={t('draft.preamble')}>
        <LetterLanguageChoice
          value={content.language ?? 'nb'}
          readOnly={!editable}
          onChange={(language) => edit((c) => ({ ...c, language }))}
        />
        {draft.kind === 'supplement' && (
          <Textfield
            label={t('draft.subject')}
            description={t('draft.subject.description')}
            value={content.subject}
            lang={content.language}
            readOnly={!editable}
            maxLength={200}
            onChange={(e) => {
              const subject = e.target.value;
              edit((c) => ({ ...c, subject }));
            }}
          />
        )}
        <RichTextField
          label={t('draft.preamble')}
          labelId="draft-preamble"
          value={content.preamble}
          lang={content.language}
          readOnly={!editable}
          onChange={(preamble) => edit((c) => ({ ...c, preamble }))}
        />
      </CollapsibleSection>

      <Appropriations draft={draft} content={content} editable={editable} edit={edit} />
      <Goals content={content} editable={editable} edit={edit} />
      <Assignments draft={draft} content={content} editable={editable} edit={edit} />
      {(draft.kind === 'supplement' || (content.assignmentChanges ?? []).length > 0) && (
        <AssignmentChanges draft={draft} content={content} editable={editable} edit={edit} />
      )}
      <CalendarRows draft={draft} content={content} editable={editable} edit={edit} />
      <Signatories content={content} editable={editable} edit={edit} />
    </>
  );
}

/** Why the server refused a step, in the user's words where there are some, with its detail. */
const refusal = (out: { error: string; message: string }) =>
  tOr(`draft.refused.${out.error}`, out.message, { message: out.message });

/**
 * What a new row of the letter says until the officer writes it: in the letter's language
 * (src/locales), not the one its reader chose for the pages.
 */
const newInLetter = (c: DraftContent) => LOCALES[c.language].newInLetter;

interface Part {
  content: DraftContent;
  editable: boolean;
  edit: (change: (c: DraftContent) => DraftContent) => void;
}

/** Removes an item of a list (the item's fieldset names it). */
function RemoveButton({ onClick }: { onClick: () => void }) {
  return (
    <Button variant="tertiary" data-size="sm" onClick={onClick}>
      {t('draft.remove')}
    </Button>
  );
}

/** Adds an item at the end of a section's list. */
function AddButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <div>
      <Button variant="secondary" onClick={onClick}>
        {label}
      </Button>
    </div>
  );
}

/** A list's item replaced, removed or added (pure helpers for the edits below). */
const replaced = <T,>(list: readonly T[], i: number, item: T) =>
  list.map((x, k) => (k === i ? item : x));
const removed = <T,>(list: readonly T[], i: number) => list.filter((_, k) => k !== i);
const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

function SaveStatus({ state, onReload }: { state: SaveState; onReload: () => void }) {
  let text: ReactNode;
  switch (state.kind) {
    case 'saved':
      text = !state.at
        ? t('draft.save.saved')
        : t(state.merged ? 'draft.save.merged' : 'draft.save.savedAt', {
            at: formatDateTime(state.at),
          });
      break;
    case 'pending':
    case 'saving':
      text = t('draft.save.saving');
      break;
    case 'conflict':
      return (
        <Alert data-color="warning" role="alert">
          {state.conflicts.length === 0 ? (
            <Paragraph>{t('draft.save.conflict')}</Paragraph>
          ) : (
            <>
              <Paragraph>{t('draft.save.conflict.parts')}</Paragraph>
              <List.Unordered>
                {state.conflicts.map((c) => (
                  <List.Item key={`${c.item}|${c.label}`}>{conflictPart(c)}</List.Item>
                ))}
              </List.Unordered>
              <Paragraph>{t('draft.save.conflict.redo')}</Paragraph>
            </>
          )}
          <Button variant="secondary" data-size="sm" onClick={onReload}>
            {t('draft.save.reload')}
          </Button>
        </Alert>
      );
    case 'error':
      return (
        <Alert data-color="danger" role="alert">
          {t('draft.save.error', { message: state.message })}
        </Alert>
      );
  }
  return (
    <p className="save-status" aria-live="polite">
      {text}
    </p>
  );
}

/**
 * A part both changed, in words: the section (or an assignment, by its title), and which row
 * of it as the server labels it (`kap. 2310 post 21`, a goal's title, a calendar row).
 */
function conflictPart({ item, label }: DraftConflict): string {
  if (item.startsWith('assignment:')) return t('draft.item.assignment', { title: label });
  const fields: Record<string, string> = {
    subject: t('draft.subject'),
    language: t('draft.language'),
    carriedOver: t('draft.carriedOver'),
    assignmentChanges: t('draft.save.conflict.assignmentChanges'),
  };
  const part = fields[item] ?? tOr(`draft.item.${item}`, item);
  return label ? t('draft.save.conflict.part', { part, label }) : part;
}

/** What stops issuing, approval by a second officer, and issue (with a confirmation). */
/** The section (its heading's id) each problem is about: where its link goes. */
const PROBLEM_SECTION: Record<DraftProblem, string> = {
  'appropriation-duplicate': 'draft-appropriations',
  'appropriation-negative': 'draft-appropriations',
  'appropriation-kind-missing': 'draft-appropriations',
  'nothing-to-issue': 'draft-appropriations',
  'no-signatory': 'draft-signatories',
  'sub-assignment-alone': 'draft-assignments',
  'assignment-change-in-letter': 'draft-assignment-changes',
  'assignment-change-unknown': 'draft-assignment-changes',
  'assignment-change-deadline-unreadable': 'draft-assignment-changes',
  'assignment-detail-unreadable': 'draft-assignments',
};

function Steps({
  draft,
  dirty,
  adopt,
}: {
  draft: Draft;
  dirty: boolean;
  adopt: (d: Draft) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const run = async (step: 'share' | 'approve' | 'issue') => {
    setBusy(true);
    setError(null);
    try {
      const out = await stepDraft(draft.id, step, draft.version);
      if (out.kind === 'saved') adopt(out.draft);
      else setError(out.kind === 'stale' ? t('draft.save.conflict') : refusal(out));
    } catch (e) {
      setError(errorMessage(e));
    }
    setBusy(false);
    setConfirming(false);
  };
  const problems = draft.derived.problems;
  return (
    <Section id="draft-steps" title={t('draft.steps')}>
      {draft.status !== 'issued' && problems.length > 0 && (
        <Alert data-color="warning">
          <Paragraph>{t('draft.problems')}</Paragraph>
          <List.Unordered>
            {problems.map((p) => (
              <List.Item key={`${p.code}|${p.item ?? ''}`}>
                {/* To the section it is in, opened if it was folded. */}
                <Link
                  href={`#${PROBLEM_SECTION[p.code]}`}
                  onClick={(e) => {
                    e.preventDefault();
                    reveal(PROBLEM_SECTION[p.code]);
                  }}
                >
                  {t(`draft.problem.${p.code}`, { item: p.item ?? '' })}
                </Link>
              </List.Item>
            ))}
          </List.Unordered>
        </Alert>
      )}
      {draft.view === 'live' && <Paragraph>{t(`draft.stepAbout.${draft.status}`)}</Paragraph>}
      {dirty && (draft.abilities.approve || draft.abilities.issue || draft.abilities.share) && (
        <Paragraph>{t('draft.waitForSave')}</Paragraph>
      )}
      <div className="row">
        {draft.abilities.share && (
          <Button variant="secondary" disabled={busy || dirty} onClick={() => void run('share')}>
            {draft.rounds.length === 0 ? t('draft.share') : t('draft.shareAgain')}
          </Button>
        )}
        {draft.abilities.approve && (
          <Button disabled={busy || dirty} loading={busy} onClick={() => void run('approve')}>
            {t('draft.approve')}
          </Button>
        )}
        {draft.abilities.issue &&
          (!confirming ? (
            <Button disabled={busy || dirty} onClick={() => setConfirming(true)}>
              {t('draft.issue')}
            </Button>
          ) : (
            <>
              <span>{t('draft.issue.confirm')}</span>
              <Button
                data-color="danger"
                disabled={busy}
                loading={busy}
                onClick={() => void run('issue')}
              >
                {t('draft.issue.yes')}
              </Button>
              <Button variant="tertiary" onClick={() => setConfirming(false)}>
                {t('draft.issue.no')}
              </Button>
            </>
          ))}
      </div>
      {error && (
        <Alert data-color="danger" role="alert">
          {error}
        </Alert>
      )}
    </Section>
  );
}

/**
 * A whole number (an amount in thousands of NOK, typed with or without spaces; a chapter or
 * post number, `code`, shown without them); kept as typed until valid.
 */
function AmountField({
  label,
  value,
  readOnly,
  onChange,
  code = false,
}: {
  label: string;
  value: number;
  readOnly: boolean;
  onChange: (n: number) => void;
  code?: boolean;
}) {
  const [text, setText] = useState(code ? String(value) : formatNumber(value));
  const [invalid, setInvalid] = useState(false);
  return (
    <Textfield
      label={label}
      inputMode="numeric"
      value={text}
      readOnly={readOnly}
      error={invalid ? t('draft.amountInvalid') : undefined}
      onChange={(e) => {
        setText(e.target.value);
        const n = parseAmount(e.target.value);
        const ok = typeof n === 'number';
        setInvalid(!ok);
        if (ok) onChange(n);
      }}
    />
  );
}

function Appropriations({ draft, content, editable, edit }: Part & { draft: Draft }) {
  const rows = content.appropriations;
  const set = (i: number, change: Partial<DraftContent['appropriations'][number]>) =>
    edit((c) => ({
      ...c,
      appropriations: replaced(c.appropriations, i, { ...c.appropriations[i]!, ...change }),
    }));
  return (
    <CollapsibleSection
      id="draft-appropriations"
      title={t('draft.appropriations')}
      count={content.appropriations.length}
    >
      {rows.map((row, i) => (
        <Fieldset key={i} className="draft-item">
          <Fieldset.Legend>
            {t('draft.appropriation.legend', { n: i + 1, chapter: row.chapter, post: row.post })}
          </Fieldset.Legend>
          <div className="draft-grid">
            <AmountField
              label={t('draft.appropriation.chapter')}
              code
              value={row.chapter}
              readOnly={!editable}
              onChange={(chapter) => set(i, { chapter })}
            />
            <Textfield
              label={t('draft.appropriation.chapterName')}
              value={row.chapterName}
              lang={content.language}
              readOnly={!editable}
              onChange={(e) => set(i, { chapterName: e.target.value })}
            />
            <AmountField
              label={t('draft.appropriation.post')}
              code
              value={row.post}
              readOnly={!editable}
              onChange={(post) => set(i, { post })}
            />
            <Textfield
              label={t('draft.appropriation.postName')}
              value={row.postName}
              lang={content.language}
              readOnly={!editable}
              onChange={(e) => set(i, { postName: e.target.value })}
            />
            <Textfield
              label={t('draft.appropriation.notes')}
              description={t('draft.appropriation.notes.description')}
              value={row.notes.join(', ')}
              readOnly={!editable}
              onChange={(e) =>
                set(i, {
                  notes: e.target.value
                    .split(',')
                    .map((n) => n.trim())
                    .filter((n) => n !== ''),
                })
              }
            />
            <AmountField
              label={t(
                draft.kind === 'supplement'
                  ? 'draft.appropriation.change'
                  : 'draft.appropriation.amount',
              )}
              value={row.amount}
              readOnly={!editable}
              onChange={(amount) => set(i, { amount })}
            />
            {draft.kind === 'supplement' && (
              <LineKindFields
                row={row}
                language={content.language}
                editable={editable}
                set={(change) => set(i, change)}
              />
            )}
          </div>
          {editable && (
            <RemoveButton
              onClick={() => edit((c) => ({ ...c, appropriations: removed(c.appropriations, i) }))}
            />
          )}
        </Fieldset>
      ))}
      {draft.derived.chapterTotals.length > 0 && (
        <List.Unordered className="draft-totals">
          {draft.derived.chapterTotals.map((c) => (
            <List.Item key={c.chapter}>
              {t('draft.chapterTotal', { chapter: c.chapter, amount: formatNumber(c.amount) })}
            </List.Item>
          ))}
          <List.Item>
            <strong>{t('draft.total', { amount: formatNumber(draft.derived.total) })}</strong>
          </List.Item>
        </List.Unordered>
      )}
      {editable && (
        <AddButton
          label={t('draft.appropriation.add')}
          onClick={() =>
            edit((c) => {
              const last = c.appropriations.at(-1);
              return {
                ...c,
                appropriations: [
                  ...c.appropriations,
                  {
                    // Told apart from a row another officer adds alike (the merge goes by it).
                    key: crypto.randomUUID(),
                    chapter: last?.chapter ?? 1,
                    chapterName: last?.chapterName ?? '',
                    post: 1,
                    postName: newInLetter(c).post,
                    notes: [],
                    amount: 0,
                  },
                ],
              };
            })
          }
        />
      )}
    </CollapsibleSection>
  );
}

/**
 * A supplement line's kind of change and its reason (printed in the line's note; the ledger
 * reads the kind per post). Without a kind, the line is of the kind the subject says.
 */
function LineKindFields({
  row,
  language,
  editable,
  set,
}: {
  row: DraftContent['appropriations'][number];
  language: DraftContent['language'];
  editable: boolean;
  set: (change: Partial<DraftContent['appropriations'][number]>) => void;
}) {
  const id = useId();
  return (
    <>
      <label className="draft-field" htmlFor={id}>
        <span className="draft-field-label">{t('draft.appropriation.kind')}</span>
        <Select
          id={id}
          value={row.kind ?? ''}
          disabled={!editable}
          onChange={(e) => {
            const v = e.target.value;
            const kind = SUPPLEMENT_LINE_KINDS.find((k) => k === v);
            set({ kind });
          }}
        >
          <SelectOption value="">{t('draft.appropriation.kind.none')}</SelectOption>
          {SUPPLEMENT_LINE_KINDS.map((k) => (
            <SelectOption key={k} value={k}>
              {t(`draft.appropriation.kind.${k}`)}
            </SelectOption>
          ))}
        </Select>
      </label>
      <Textfield
        label={t('draft.appropriation.reason')}
        description={t('draft.appropriation.reason.description')}
        value={row.reason ?? ''}
        lang={language}
        readOnly={!editable}
        maxLength={300}
        onChange={(e) => set({ reason: e.target.value.replace(/[\r\n]+/g, ' ') })}
      />
    </>
  );
}

function Goals({ content, editable, edit }: Part) {
  const set = (i: number, change: Partial<DraftContent['goals'][number]>) =>
    edit((c) => ({ ...c, goals: replaced(c.goals, i, { ...c.goals[i]!, ...change }) }));
  return (
    <CollapsibleSection id="draft-goals" title={t('draft.goals')} count={content.goals.length}>
      {content.goals.map((g, i) => (
        <Fieldset key={i} className="draft-item">
          <Fieldset.Legend>{t('draft.goal.legend', { n: i + 1 })}</Fieldset.Legend>
          <Textfield
            label={t('draft.goal.title')}
            value={g.title}
            lang={content.language}
            readOnly={!editable}
            onChange={(e) => set(i, { title: e.target.value })}
          />
          <LinesField
            label={t('draft.goal.steeringParameters')}
            value={g.steeringParameters}
            lang={content.language}
            readOnly={!editable}
            onChange={(steeringParameters) => set(i, { steeringParameters })}
          />
          <LinesField
            label={t('draft.goal.keyFigures')}
            value={g.keyFigures}
            lang={content.language}
            readOnly={!editable}
            onChange={(keyFigures) => set(i, { keyFigures })}
          />
          {editable && (
            <RemoveButton onClick={() => edit((c) => ({ ...c, goals: removed(c.goals, i) }))} />
          )}
        </Fieldset>
      ))}
      {editable && (
        <AddButton
          label={t('draft.goal.add')}
          onClick={() =>
            edit((c) => ({
              ...c,
              goals: [
                ...c.goals,
                { title: newInLetter(c).goal, steeringParameters: [], keyFigures: [] },
              ],
            }))
          }
        />
      )}
    </CollapsibleSection>
  );
}

/** A list of one-line texts, typed one per line. */
function LinesField({
  label,
  value,
  readOnly,
  onChange,
  lang,
}: {
  label: string;
  value: readonly string[];
  readOnly: boolean;
  onChange: (v: string[]) => void;
  /** The letter's language, as the lines are its text. */
  lang: string;
}) {
  const [text, setText] = useState(value.join('\n'));
  return (
    <Field label={label} description={t('draft.onePerLine')}>
      <Textarea
        value={text}
        lang={lang}
        readOnly={readOnly}
        rows={Math.max(2, value.length + 1)}
        onChange={(e) => {
          setText(e.target.value);
          onChange(lines(e.target.value));
        }}
      />
    </Field>
  );
}

/**
 * Which of the draft's own appropriations fund an assignment: a whole chapter or one of its
 * posts, as boxes to tick (and any chosen before that the draft no longer lists, to untick).
 */
function Funding({
  value,
  lines,
  readOnly,
  title,
  onChange,
}: {
  value: readonly DraftFunding[];
  lines: DraftContent['appropriations'];
  readOnly: boolean;
  /** The assignment's title, naming the group for a screen reader among many. */
  title: string;
  onChange: (v: DraftFunding[]) => void;
}) {
  const key = (f: DraftFunding) => `${f.chapter}.${f.post ?? ''}`;
  const options: (DraftFunding & { name: string })[] = [];
  const add = (f: DraftFunding, name: string) => {
    if (!options.some((o) => key(o) === key(f))) options.push({ ...f, name });
  };
  for (const l of lines) {
    add({ chapter: l.chapter, post: null }, l.chapterName);
    add({ chapter: l.chapter, post: l.post }, l.postName);
  }
  for (const f of value) add(f, '');
  const chosen = new Set(value.map(key));
  const label = (o: DraftFunding & { name: string }) =>
    [
      o.post === null
        ? t('draft.assignment.funding.chapter', { chapter: o.chapter })
        : t('draft.assignment.funding.post', {
            chapter: o.chapter,
            post: String(o.post).padStart(2, '0'),
          }),
      o.name,
    ]
      .filter((s) => s.trim() !== '')
      .join(' – ');
  return (
    <Fieldset>
      <Fieldset.Legend>{t('draft.assignment.funding', { title })}</Fieldset.Legend>
      <Fieldset.Description>{t('draft.assignment.funding.description')}</Fieldset.Description>
      {options.length === 0 && <Paragraph>{t('draft.assignment.funding.none')}</Paragraph>}
      {options.map((o) => (
        <Checkbox
          key={key(o)}
          label={label(o)}
          checked={chosen.has(key(o))}
          readOnly={readOnly}
          onChange={(e) => {
            if (readOnly) return;
            const on = e.currentTarget.checked;
            onChange(
              on
                ? [...value, { chapter: o.chapter, post: o.post }].slice(0, 10)
                : value.filter((f) => key(f) !== key(o)),
            );
          }}
        />
      ))}
    </Fieldset>
  );
}

/** Label and description around a text area (Textarea has no label of its own). */
function Field({
  label,
  description,
  children,
}: {
  label: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <label className="draft-field">
      <span className="draft-field-label">{label}</span>
      {description && <span className="draft-field-description">{description}</span>}
      {children}
    </label>
  );
}

/**
 * The earlier assignments an assignment refers to (`Jf. TB2026-02.` in the letter), picked from
 * the agency's register by ID or title; an ID the contract does not accept is not added.
 */
function References({
  value,
  readOnly,
  known,
  onChange,
}: {
  value: readonly string[];
  readOnly: boolean;
  known: readonly { registerId: string; title: string }[];
  onChange: (v: string[]) => void;
}) {
  const titleOf = (id: string) => known.find((k) => k.registerId === id)?.title ?? '';
  return (
    <div className="stack">
      {value.length > 0 && (
        <List.Unordered aria-label={t('draft.references')}>
          {value.map((id) => (
            <List.Item key={id}>
              {id} {titleOf(id)}{' '}
              {!readOnly && (
                <Button
                  variant="tertiary"
                  data-size="sm"
                  aria-label={t('draft.references.remove', { id })}
                  onClick={() => onChange(value.filter((x) => x !== id))}
                >
                  {t('draft.remove')}
                </Button>
              )}
            </List.Item>
          ))}
        </List.Unordered>
      )}
      {!readOnly && (
        <RegisterPicker
          label={t('draft.references.add')}
          button={t('draft.references.addButton')}
          known={known}
          accepts={(id) => DraftAssignment.shape.references.element.safeParse(id).success}
          onPick={(id) => {
            if (!value.includes(id)) onChange([...value, id]);
          }}
        />
      )}
    </div>
  );
}

/**
 * An earlier assignment picked from the agency's register, by ID or title (the browser offers
 * the register's IDs as the officer types); an ID the contract does not accept is not picked.
 */
function RegisterPicker({
  label,
  button,
  known,
  accepts,
  onPick,
}: {
  label: string;
  button: string;
  known: readonly { registerId: string; title: string }[];
  accepts: (id: string) => boolean;
  onPick: (id: string) => void;
}) {
  const listId = useId();
  const [typed, setTyped] = useState('');
  const [invalid, setInvalid] = useState(false);
  const pick = () => {
    const id = typed.trim().toUpperCase();
    if (!accepts(id)) return setInvalid(true);
    setInvalid(false);
    setTyped('');
    onPick(id);
  };
  return (
    <div className="row">
      <Textfield
        label={label}
        description={t('draft.references.description')}
        list={listId}
        value={typed}
        error={invalid ? t('draft.references.invalid') : undefined}
        onChange={(e) => setTyped(e.target.value)}
      />
      <datalist id={listId}>
        {known.map((k) => (
          <option key={k.registerId} value={k.registerId}>
            {k.title}
          </option>
        ))}
      </datalist>
      <Button variant="secondary" data-size="sm" onClick={pick}>
        {button}
      </Button>
    </div>
  );
}

/** What the server read in a typed deadline: its date, or that it has none; closed days. */
function DeadlineMeaning({ meaning }: { meaning: DraftDeadline | undefined }) {
  if (!meaning) return null;
  const v = meaning.value;
  const text =
    v.kind === 'undetermined' || meaning.date === null
      ? t('draft.deadline.none')
      : v.kind === 'recurring'
        ? t('draft.deadline.recurring', { date: formatDate(meaning.date) })
        : v.kind === 'range'
          ? t('draft.deadline.range', { start: formatDate(v.start), end: formatDate(v.end) })
          : t('draft.deadline.means', { date: formatDate(meaning.date) });
  return (
    <span className="draft-deadline">
      {text}
      {meaning.closed && meaning.date && (
        <>
          {' '}
          <strong>
            {meaning.closed.holiday
              ? t('draft.deadline.holiday', { holiday: meaning.closed.holiday })
              : t('draft.deadline.weekend')}
          </strong>
        </>
      )}
    </span>
  );
}

function Assignments({ draft, content, editable, edit }: Part & { draft: Draft }) {
  const set = (i: number, change: Partial<DraftContent['assignments'][number]>) =>
    edit((c) => ({
      ...c,
      assignments: replaced(c.assignments, i, { ...c.assignments[i]!, ...change }),
    }));
  // The agency's register, to pick the earlier assignments one refers to (once per page).
  const register = useAsync(`register:${draft.agency.id}:${editable}`, (signal) =>
    editable
      ? listAllAssignments({ agency: draft.agency.id }, signal).then((r) => r.items)
      : Promise.resolve([]),
  );
  const known = register.status === 'ok' ? register.data : [];
  return (
    <CollapsibleSection
      id="draft-assignments"
      title={t('draft.assignments')}
      count={content.assignments.length}
    >
      <Paragraph>{t('draft.assignments.ids')}</Paragraph>
      {content.assignments.map((a, i) => (
        <Fieldset key={a.key} className="draft-item">
          <Fieldset.Legend>
            {t('draft.assignment.legend', { n: i + 1, title: a.title })}
          </Fieldset.Legend>
          {a.decisionId && <MeetingOrigin decisionId={a.decisionId} />}
          <Textfield
            label={t('draft.assignment.title')}
            value={a.title}
            lang={content.language}
            readOnly={!editable}
            onChange={(e) => set(i, { title: e.target.value })}
          />
          <Textfield
            label={t('draft.assignment.owner')}
            description={t('draft.assignment.owner.description')}
            value={a.ownerDepartment ?? ''}
            readOnly={!editable}
            maxLength={8}
            onChange={(e) => {
              const v = e.target.value.trim().toUpperCase();
              set(i, { ownerDepartment: v === '' ? null : v });
            }}
          />
          <RichTextField
            label={t('draft.assignment.text')}
            value={a.text}
            lang={content.language}
            readOnly={!editable}
            onChange={(text) => set(i, { text })}
          />
          <Textfield
            label={t('draft.assignment.deadline')}
            description={<DeadlineMeaning meaning={draft.derived.deadlines[a.key]} />}
            value={a.deadline}
            lang={content.language}
            readOnly={!editable}
            onChange={(e) => set(i, { deadline: e.target.value })}
          />
          <References
            value={a.references}
            readOnly={!editable}
            known={known}
            onChange={(references) => set(i, { references })}
          />
          <LinesField
            label={t('draft.assignment.collaborators')}
            value={a.collaborators}
            readOnly={!editable}
            lang={content.language}
            onChange={(collaborators) => set(i, { collaborators: collaborators.slice(0, 20) })}
          />
          <Funding
            value={a.funding}
            lines={content.appropriations}
            readOnly={!editable}
            title={a.title}
            onChange={(funding) => set(i, { funding })}
          />
          {a.subAssignments.map((sub, j) => {
            const setSub = (change: Partial<(typeof a.subAssignments)[number]>) =>
              set(i, { subAssignments: replaced(a.subAssignments, j, { ...sub, ...change }) });
            return (
              <Fieldset key={j} className="draft-item">
                <Fieldset.Legend>
                  {t('draft.sub.legend', { letter: subLetter(j), title: a.title })}
                </Fieldset.Legend>
                <div className="draft-grid">
                  <Textfield
                    label={t('draft.sub.text')}
                    value={sub.text}
                    lang={content.language}
                    readOnly={!editable}
                    onChange={(e) => setSub({ text: e.target.value })}
                  />
                  <Textfield
                    label={t('draft.assignment.deadline')}
                    description={
                      <DeadlineMeaning meaning={draft.derived.deadlines[subKey(a.key, j)]} />
                    }
                    value={sub.deadline}
                    lang={content.language}
                    readOnly={!editable}
                    onChange={(e) => setSub({ deadline: e.target.value })}
                  />
                </div>
                {editable && (
                  <RemoveButton
                    onClick={() => set(i, { subAssignments: removed(a.subAssignments, j) })}
                  />
                )}
              </Fieldset>
            );
          })}
          {editable && a.subAssignments.length < 26 && (
            <AddButton
              label={t('draft.sub.add')}
              onClick={() =>
                set(i, {
                  subAssignments: [
                    ...a.subAssignments,
                    { text: newInLetter(content).subAssignment, deadline: '' },
                  ],
                })
              }
            />
          )}
          {editable && (
            <RemoveButton
              onClick={() => edit((c) => ({ ...c, assignments: removed(c.assignments, i) }))}
            />
          )}
        </Fieldset>
      ))}
      {editable && (
        <AddButton
          label={t('draft.assignment.add')}
          onClick={() =>
            edit((c) => ({
              ...c,
              assignments: [
                ...c.assignments,
                {
                  key: crypto.randomUUID(),
                  ownerDepartment: null,
                  title: newInLetter(c).assignment,
                  text: emptyRichText(),
                  deadline: '',
                  subAssignments: [],
                  references: [],
                  collaborators: [],
                  funding: [],
                },
              ],
            }))
          }
        />
      )}
      {content.carriedOver.length > 0 && (
        <>
          <Heading level={3} data-size="xs">
            {t('draft.carriedOver')}
          </Heading>
          <List.Unordered>
            {content.carriedOver.map((o, i) => (
              <List.Item key={o.id}>
                {o.id} {o.title}{' '}
                {editable && (
                  <Button
                    variant="tertiary"
                    data-size="sm"
                    aria-label={t('draft.carriedOver.remove', { id: o.id })}
                    onClick={() => edit((c) => ({ ...c, carriedOver: removed(c.carriedOver, i) }))}
                  >
                    {t('draft.remove')}
                  </Button>
                )}
              </List.Item>
            ))}
          </List.Unordered>
        </>
      )}
    </CollapsibleSection>
  );
}

/**
 * A supplement's changes of assignments given earlier: each names the assignment (picked from
 * the agency's register, as references are) and says what changes: a clarification, a new
 * deadline (with what the server reads in it) or a cancellation. The register follows them
 * when the supplement is issued.
 */
function AssignmentChanges({ draft, content, editable, edit }: Part & { draft: Draft }) {
  const changes = content.assignmentChanges ?? [];
  const set = (i: number, change: Partial<DraftAssignmentChange>) =>
    edit((c) => {
      const list = c.assignmentChanges ?? [];
      return { ...c, assignmentChanges: replaced(list, i, { ...list[i]!, ...change }) };
    });
  const register = useAsync(`register:${draft.agency.id}:${editable}`, (signal) =>
    editable
      ? listAllAssignments({ agency: draft.agency.id }, signal).then((r) => r.items)
      : Promise.resolve([]),
  );
  const known = register.status === 'ok' ? register.data : [];
  const titleOf = (id: string) => known.find((k) => k.registerId === id)?.title ?? '';
  const add = (ref: string) =>
    edit((c) => ({
      ...c,
      assignmentChanges: [
        ...(c.assignmentChanges ?? []),
        { key: crypto.randomUUID(), ref, kind: 'clarification', text: '', deadline: '' },
      ],
    }));
  return (
    <CollapsibleSection
      id="draft-assignment-changes"
      title={t('draft.assignmentChanges')}
      count={(content.assignmentChanges ?? []).length}
    >
      <Paragraph>{t('draft.assignmentChanges.about')}</Paragraph>
      {changes.map((ch, i) => (
        <Fieldset key={ch.key} className="draft-item">
          <Fieldset.Legend>
            {t('draft.assignmentChange.legend', { n: i + 1, id: ch.ref })} {titleOf(ch.ref)}
          </Fieldset.Legend>
          <Fieldset>
            <Fieldset.Legend>{t('draft.assignmentChange.kind')}</Fieldset.Legend>
            {ASSIGNMENT_CHANGE_KINDS.map((k) => (
              <Radio
                key={k}
                name={`change-kind-${ch.key}`}
                value={k}
                label={t(`draft.assignmentChange.kind.${k}`)}
                checked={ch.kind === k}
                readOnly={!editable}
                onChange={() => editable && set(i, { kind: k })}
              />
            ))}
          </Fieldset>
          <Field label={t('draft.assignmentChange.text')}>
            <Textarea
              value={ch.text}
              lang={content.language}
              readOnly={!editable}
              rows={3}
              onChange={(e) => set(i, { text: e.target.value })}
            />
          </Field>
          {ch.kind === 'deadline' && (
            <Textfield
              label={t('draft.assignmentChange.deadline')}
              description={<DeadlineMeaning meaning={draft.derived.deadlines[ch.key]} />}
              value={ch.deadline}
              lang={content.language}
              readOnly={!editable}
              onChange={(e) => set(i, { deadline: e.target.value })}
            />
          )}
          {editable && (
            <RemoveButton
              onClick={() =>
                edit((c) => ({ ...c, assignmentChanges: removed(c.assignmentChanges ?? [], i) }))
              }
            />
          )}
        </Fieldset>
      ))}
      {editable && (
        <RegisterPicker
          label={t('draft.assignmentChange.ref')}
          button={t('draft.assignmentChange.add')}
          known={known}
          accepts={(ref) => DraftAssignmentChange.shape.ref.safeParse(ref).success}
          onPick={add}
        />
      )}
    </CollapsibleSection>
  );
}

function CalendarRows({ draft, content, editable, edit }: Part & { draft: Draft }) {
  const set = (i: number, change: Partial<DraftContent['calendar'][number]>) =>
    edit((c) => ({ ...c, calendar: replaced(c.calendar, i, { ...c.calendar[i]!, ...change }) }));
  return (
    <CollapsibleSection
      id="draft-calendar"
      title={t('draft.calendar')}
      count={content.calendar.length}
    >
      {content.calendar.map((row, i) => (
        <Fieldset key={i} className="draft-item">
          <Fieldset.Legend>{t('draft.calendar.legend', { n: i + 1 })}</Fieldset.Legend>
          <div className="draft-grid">
            <Textfield
              label={t('draft.calendar.when')}
              description={<DeadlineMeaning meaning={draft.derived.calendar[i]} />}
              value={row.when}
              lang={content.language}
              readOnly={!editable}
              onChange={(e) => set(i, { when: e.target.value })}
            />
            <Textfield
              label={t('draft.calendar.what')}
              value={row.text}
              lang={content.language}
              readOnly={!editable}
              onChange={(e) => set(i, { text: e.target.value })}
            />
          </div>
          {editable && (
            <RemoveButton
              onClick={() => edit((c) => ({ ...c, calendar: removed(c.calendar, i) }))}
            />
          )}
        </Fieldset>
      ))}
      {editable && (
        <AddButton
          label={t('draft.calendar.add')}
          onClick={() =>
            edit((c) => ({
              ...c,
              calendar: [
                ...c.calendar,
                { when: newInLetter(c).calendarWhen, text: newInLetter(c).calendarText },
              ],
            }))
          }
        />
      )}
    </CollapsibleSection>
  );
}

function Signatories({ content, editable, edit }: Part) {
  const set = (i: number, change: Partial<DraftContent['signatories'][number]>) =>
    edit((c) => ({
      ...c,
      signatories: replaced(c.signatories, i, { ...c.signatories[i]!, ...change }),
    }));
  return (
    <CollapsibleSection
      id="draft-signatories"
      title={t('draft.signatories')}
      count={content.signatories.length}
    >
      {content.signatories.map((s, i) => (
        <Fieldset key={i} className="draft-item">
          <Fieldset.Legend>{t('draft.signatory.legend', { n: i + 1 })}</Fieldset.Legend>
          <div className="draft-grid">
            <Textfield
              label={t('draft.signatory.name')}
              value={s.name}
              readOnly={!editable}
              onChange={(e) => set(i, { name: e.target.value })}
            />
            <Textfield
              label={t('draft.signatory.title')}
              value={s.title}
              lang={content.language}
              readOnly={!editable}
              onChange={(e) => set(i, { title: e.target.value })}
            />
          </div>
          {editable && (
            <RemoveButton
              onClick={() => edit((c) => ({ ...c, signatories: removed(c.signatories, i) }))}
            />
          )}
        </Fieldset>
      ))}
      {editable && content.signatories.length < 4 && (
        <AddButton
          label={t('draft.signatory.add')}
          onClick={() =>
            edit((c) => ({
              ...c,
              signatories: [...c.signatories, { name: newInLetter(c).signatory, title: '' }],
            }))
          }
        />
      )}
    </CollapsibleSection>
  );
}

const SECTIONS = [
  'general',
  'preamble',
  'appropriations',
  'goals',
  'assignments',
  'calendar',
  'signatories',
] as const;

/** A comment's part of the letter in words: a section, or an assignment by its title. */
function itemLabel(item: string, content: DraftContent): string {
  if (item.startsWith('assignment:')) {
    const a = content.assignments.find((x) => `assignment:${x.key}` === item);
    return t('draft.item.assignment', { title: a?.title ?? t('draft.item.removed') });
  }
  return t(`draft.item.${item as (typeof SECTIONS)[number]}`);
}

/**
 * Consultation: each round shared with the agency and what changed since the one before, the
 * comments in threads with their answers, resolving, and writing a comment or an answer.
 */
function Consultation({
  draft,
  content,
  adopt,
}: {
  draft: Draft;
  content: DraftContent;
  adopt: (d: Draft) => void;
}) {
  if (draft.rounds.length === 0 && draft.comments.length === 0) return null;
  const threads = draft.comments.filter((c) => c.replyTo === null);
  const answers = (id: string) => draft.comments.filter((c) => c.replyTo === id);
  return (
    <Section id="draft-consultation" title={t('draft.consultation')}>
      <List.Unordered aria-label={t('draft.rounds')}>
        {draft.rounds.map((r) => (
          <List.Item key={r.round}>
            <strong>
              {t('draft.round', {
                round: r.round,
                by: r.sharedBy,
                at: formatDateTime(r.sharedAt),
              })}
            </strong>
            {r.round > 1 &&
              (r.changes.length === 0 ? (
                <> {t('draft.round.noChanges')}</>
              ) : (
                <List.Unordered>
                  {r.changes.map((c) => (
                    <List.Item key={`${c.item}|${c.kind}|${c.label}`}>
                      {t(`draft.change.${c.kind}`, {
                        part: c.label || itemLabel(c.item, content),
                      })}
                    </List.Item>
                  ))}
                </List.Unordered>
              ))}
          </List.Item>
        ))}
      </List.Unordered>
      <Heading level={3} data-size="xs">
        {t('draft.comments')}
      </Heading>
      {threads.length === 0 && <Paragraph>{t('draft.comments.none')}</Paragraph>}
      {threads.map((c) => (
        <article key={c.id} className="draft-thread" aria-label={itemLabel(c.item, content)}>
          <CommentView comment={c} content={content} />
          {answers(c.id).map((a) => (
            <div key={a.id} className="draft-answer">
              <CommentView comment={a} content={content} />
            </div>
          ))}
          <ThreadActions draft={draft} comment={c} adopt={adopt} />
        </article>
      ))}
      {draft.abilities.comment && <NewComment draft={draft} content={content} adopt={adopt} />}
    </Section>
  );
}

function CommentView({ comment, content }: { comment: DraftComment; content: DraftContent }) {
  return (
    <div className="stack">
      <Paragraph data-size="sm">
        <strong>{comment.by}</strong> ({t(`draft.side.${comment.side}`)}),{' '}
        {formatDateTime(comment.at)} · {itemLabel(comment.item, content)}
        {comment.resolved && <> · {t('draft.comment.resolved', { by: comment.resolved.by })}</>}
      </Paragraph>
      <Paragraph>{comment.body}</Paragraph>
    </div>
  );
}

/** Answering a thread, and (the ministry) resolving it. */
function ThreadActions({
  draft,
  comment,
  adopt,
}: {
  draft: Draft;
  comment: DraftComment;
  adopt: (d: Draft) => void;
}) {
  const [answer, setAnswer] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (work: () => Promise<Draft>) => {
    setBusy(true);
    setError(null);
    try {
      adopt(await work());
      setAnswer('');
    } catch (e) {
      setError(errorMessage(e));
    }
    setBusy(false);
  };
  if (comment.resolved) return null;
  return (
    <div className="stack">
      {draft.abilities.comment && (
        <Field label={t('draft.answer')}>
          <Textarea value={answer} rows={2} onChange={(e) => setAnswer(e.target.value)} />
        </Field>
      )}
      <div className="row">
        {draft.abilities.comment && (
          <Button
            variant="secondary"
            data-size="sm"
            disabled={busy || answer.trim() === ''}
            onClick={() =>
              void act(() =>
                commentOnDraft(draft.id, { item: comment.item, body: answer, replyTo: comment.id }),
              )
            }
          >
            {t('draft.answer.send')}
          </Button>
        )}
        {draft.abilities.resolve && (
          <Button
            variant="secondary"
            data-size="sm"
            disabled={busy}
            onClick={() => void act(() => resolveDraftComment(draft.id, comment.id))}
          >
            {t('draft.comment.resolve')}
          </Button>
        )}
      </div>
      {error && (
        <Alert data-color="danger" role="alert">
          {error}
        </Alert>
      )}
    </div>
  );
}

function NewComment({
  draft,
  content,
  adopt,
}: {
  draft: Draft;
  content: DraftContent;
  adopt: (d: Draft) => void;
}) {
  const [item, setItem] = useState('general');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      adopt(await commentOnDraft(draft.id, { item, body, replyTo: null }));
      setBody('');
    } catch (e) {
      setError(errorMessage(e));
    }
    setBusy(false);
  };
  return (
    <Fieldset className="draft-item">
      <Fieldset.Legend>{t('draft.comment.new')}</Fieldset.Legend>
      <label className="draft-field">
        <span className="draft-field-label">{t('draft.comment.about')}</span>
        <Select value={item} onChange={(e) => setItem(e.target.value)}>
          {SECTIONS.map((s) => (
            <SelectOption key={s} value={s}>
              {itemLabel(s, content)}
            </SelectOption>
          ))}
          {content.assignments.map((a) => (
            <SelectOption key={a.key} value={`assignment:${a.key}`}>
              {itemLabel(`assignment:${a.key}`, content)}
            </SelectOption>
          ))}
        </Select>
      </label>
      <Field label={t('draft.comment.body')}>
        <Textarea value={body} rows={3} onChange={(e) => setBody(e.target.value)} />
      </Field>
      <div>
        <Button disabled={busy || body.trim() === ''} onClick={() => void send()}>
          {t('draft.comment.send')}
        </Button>
      </div>
      {error && (
        <Alert data-color="danger" role="alert">
          {error}
        </Alert>
      )}
    </Fieldset>
  );
}
