/**
 * One report the agency owes the ministry (issue 15): the open assignments of the year with the
 * deviations the agency writes, budget and accounts per chapter and post with the forecast, the
 * risks, and the steering parameters' values; the accounts uploaded as a file; submitting, and
 * the ministry's return (with a comment) or acceptance; the submitted revisions. An annual report
 * (årsrapport) shows its six parts to write, the accounts per post beside the appropriation,
 * the head's signatures under parts I and VI (and the buttons to sign, for the head), and its
 * Word and PDF files; once accepted it is published, and visitors read it here as text.
 *
 * The page decides no rule and sums nothing: the appropriation so far, the deviations, the risk
 * scores, what is missing before submitting, the late flag and what the user may do all come
 * from the server. The tables show the report as last saved; the forms below them are what the
 * user is writing, saved explicitly with the version the page read. A save that meets someone
 * else's is refused (409): the page says so, shows what they saved and keeps what the user typed.
 */
import { useRef, useState, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Field,
  Fieldset,
  Heading,
  Label,
  Link,
  List,
  Paragraph,
  Select,
  SelectOption,
  Table,
  Tag,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
  Textfield,
} from '@digdir/designsystemet-react';
import { ANNUAL_PARTS, type ReportStatus, type SignedPart } from '../../contract/enums';
import type {
  AnnualContent,
  Report,
  ReportContent,
  ReportProblemItem,
  ReportRisk,
  ReportVersionList,
} from '../../contract/report';
import {
  changeReportStatus,
  getReport,
  getReportVersions,
  saveReport,
  uploadReportAccounts,
  type ReportChangeOutcome,
} from '../api';
import {
  AnnualAccountsTable,
  AnnualDownloads,
  AnnualPartSection,
  AnnualSignature,
  PART_SHORT,
  signatureId,
} from '../components/annual-report';
import { ProgressTag } from '../components/follow-up';
import { MinistryComments } from '../components/ministry-comments';
import { LateTag, ReportStatusTag } from '../components/report';
import {
  AppLink,
  ErrorState,
  Loading,
  PageHeading,
  ScrollRegion,
  Section,
  StatusTag,
  errorMessage,
} from '../components/ui';
import {
  decimalText,
  formatDate,
  formatDateTime,
  formatDecimal,
  formatList,
  formatNumber,
  parseAmount,
  parseDecimal,
} from '../format';
import { useAsync, useFocusAfterRender } from '../hooks';
import { t, tOr } from '../locales/nb';
import { paths } from '../router';

export default function ReportPage({ id }: { id: string }) {
  const loaded = useAsync(`report:${id}`, (signal) => getReport(id, signal));
  if (loaded.status === 'loading') return <Loading rows={6} />;
  if (loaded.status === 'error') {
    return (
      <>
        <PageHeading title={t('report.notFound')} />
        <ErrorState error={loaded.error} retry={loaded.retry} />
      </>
    );
  }
  return <Editor initial={loaded.data} />;
}

// ---------------------------------------------------------------------------------------------
// The form: what the user is writing, as typed (numbers stay text until they are saved).

interface AssignmentForm {
  deviation: string;
  cause: string;
  measures: string;
}
interface BudgetForm {
  accountsToDate: string;
  forecast: string;
  explanation: string;
}
interface RiskForm extends Omit<ReportRisk, 'goal' | 'description' | 'measures'> {
  /** Keeps a row's fields apart from its neighbours' while rows are added and removed. */
  key: number;
  goal: string;
  description: string;
  measures: string;
}
interface SteeringForm {
  value: string;
  unit: string;
  comment: string;
}
interface Form {
  assignments: Record<string, AssignmentForm>;
  budget: Record<string, BudgetForm>;
  risks: RiskForm[];
  steering: Record<string, SteeringForm>;
  /** An annual report's six parts as typed; null for a status report. */
  annual: AnnualContent | null;
}

const postKey = (p: { chapter: number; post: number }) => `${p.chapter}:${p.post}`;
const postId = (p: { chapter: number; post: number }) => `budsjett-${p.chapter}-${p.post}`;
const assignmentFieldId = (id: string) => `avvik-${id}`;
const riskId = (key: number) => `risiko-${key}`;
const steeringId = (id: string) => `styringsparameter-${id}`;

let nextRiskKey = 1;

const amountText = (n: number | null) => (n === null ? '' : formatNumber(n));

function formFrom(report: Report): Form {
  const d = report.derived;
  return {
    assignments: Object.fromEntries(
      d.assignments.map((a) => [
        a.assignmentId,
        {
          deviation: a.entry?.deviation ?? '',
          cause: a.entry?.cause ?? '',
          measures: a.entry?.measures ?? '',
        },
      ]),
    ),
    budget: Object.fromEntries(
      d.budget.map((b) => [
        postKey(b),
        {
          accountsToDate: amountText(b.accountsToDate),
          forecast: amountText(b.forecast),
          explanation: b.explanation,
        },
      ]),
    ),
    risks: report.content.risks.map((r) => ({ ...r, key: nextRiskKey++ })),
    steering: Object.fromEntries(
      d.steeringParameters.map((s) => [
        s.steeringParameterId,
        {
          value:
            s.value === null ? '' : typeof s.value === 'number' ? decimalText(s.value) : s.value,
          unit: s.unit,
          comment: s.comment,
        },
      ]),
    ),
    annual: report.content.annual ?? null,
  };
}

/** A steering parameter's value: a number when it reads as one (decimal comma), else text. */
function parseValue(text: string): number | string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return parseDecimal(trimmed) ?? trimmed;
}

type FieldErrors = Record<string, string>;

/** The content to save from the form, or the fields that cannot be read. */
function contentFrom(form: Form, report: Report): { content: ReportContent; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const before = report.content;
  const hadAssignment = new Set(before.assignments.map((a) => a.assignmentId));
  const assignments = [
    // Entries of assignments this page does not show (no longer open) are kept as they are.
    ...before.assignments.filter((a) => !(a.assignmentId in form.assignments)),
    ...Object.entries(form.assignments)
      .map(([assignmentId, a]) => ({
        assignmentId,
        deviation: a.deviation.trim(),
        cause: a.cause.trim(),
        measures: a.measures.trim(),
      }))
      .filter((a) => hadAssignment.has(a.assignmentId) || a.deviation || a.cause || a.measures),
  ];
  const hadPost = new Set(before.budget.map(postKey));
  const budget = report.derived.budget.flatMap((b) => {
    const f = form.budget[postKey(b)];
    if (!f) return [];
    const accountsToDate = parseAmount(f.accountsToDate);
    const forecast = parseAmount(f.forecast);
    if (accountsToDate === 'invalid') errors[`${postId(b)}-regnskap`] = t('report.amountInvalid');
    if (forecast === 'invalid') errors[`${postId(b)}-prognose`] = t('report.amountInvalid');
    if (accountsToDate === 'invalid' || forecast === 'invalid') return [];
    const explanation = f.explanation.trim();
    if (!hadPost.has(postKey(b)) && accountsToDate === null && forecast === null && !explanation)
      return [];
    return [{ chapter: b.chapter, post: b.post, accountsToDate, forecast, explanation }];
  });
  const risks = form.risks.map((r) => {
    const goal = r.goal.trim();
    const description = r.description.trim();
    if (!goal) errors[`${riskId(r.key)}-maal`] = t('report.risk.goalMissing');
    if (!description) errors[`${riskId(r.key)}-beskrivelse`] = t('report.risk.descriptionMissing');
    return {
      goal,
      description,
      likelihood: r.likelihood,
      consequence: r.consequence,
      measures: r.measures.trim(),
      residualLikelihood: r.residualLikelihood,
      residualConsequence: r.residualConsequence,
    };
  });
  const hadValue = new Set(before.steeringParameters.map((s) => s.steeringParameterId));
  const steeringParameters = Object.entries(form.steering)
    .map(([steeringParameterId, s]) => ({
      steeringParameterId,
      value: parseValue(s.value),
      unit: s.unit.trim(),
      comment: s.comment.trim(),
    }))
    .filter((s) => hadValue.has(s.steeringParameterId) || s.value !== null || s.unit || s.comment);
  const annual = form.annual
    ? (Object.fromEntries(
        Object.entries(form.annual).map(([part, text]) => [part, text.trim()]),
      ) as AnnualContent)
    : undefined;
  return {
    content: { assignments, budget, risks, steeringParameters, ...(annual ? { annual } : {}) },
    errors,
  };
}

// ---------------------------------------------------------------------------------------------

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  /** Saved; `unsigned`: the signed parts the change took the head's signature from. */
  | { kind: 'saved'; at: string; unsigned: SignedPart[] }
  | { kind: 'invalid'; errors: FieldErrors }
  /** Someone saved since the page read the report: the page has their version, the user's form. */
  | { kind: 'conflict' }
  /** Someone submitted (or the ministry accepted) it meanwhile: what the user typed is not saved. */
  | { kind: 'locked' }
  | { kind: 'error'; message: string };

/** Why the server refused a change, in Norwegian where there are words for it. */
const refused = (error: string, message: string) =>
  tOr(`report.refused.${error}`, t('report.refused', { message }), { message });

function Editor({ initial }: { initial: Report }) {
  const [report, setReport] = useState(initial);
  const [form, setForm] = useState(() => formFrom(initial));
  const [dirty, setDirty] = useState(false);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [versionsKey, setVersionsKey] = useState(0);
  const [statusRef, focusStatus] = useFocusAfterRender<HTMLDivElement>();
  const editable = report.abilities.update;

  const edit = (change: (f: Form) => Form) => {
    setForm((f) => change(f));
    setDirty(true);
    if (save.kind === 'saved') setSave({ kind: 'idle' });
  };
  /** Takes the server's report as it is, form and all. */
  const adopt = (r: Report) => {
    setReport(r);
    setForm(formFrom(r));
    setDirty(false);
    setVersionsKey((k) => k + 1);
  };

  const onSave = async (based: Report = report) => {
    const { content, errors } = contentFrom(form, based);
    if (Object.keys(errors).length > 0) {
      setSave({ kind: 'invalid', errors });
      focusStatus();
      return;
    }
    setSave({ kind: 'saving' });
    try {
      const out = await saveReport(based.id, { content, expectedVersion: based.version });
      if (out.kind === 'saved') {
        adopt(out.report);
        const unsigned = based.signatures
          .map((s) => s.part)
          .filter((part) => !out.report.signatures.some((s) => s.part === part));
        setSave({ kind: 'saved', at: new Date().toISOString(), unsigned });
      } else if (out.kind === 'stale') {
        const latest = await getReport(based.id);
        if (latest.abilities.update) {
          setReport(latest);
          setSave({ kind: 'conflict' });
        } else {
          adopt(latest);
          setSave({ kind: 'locked' });
        }
      } else if (out.kind === 'refused' && out.error === 'report-locked') {
        adopt(await getReport(based.id));
        setSave({ kind: 'locked' });
      } else {
        setSave({
          kind: 'error',
          message: refused(out.kind === 'refused' ? out.error : '', out.message),
        });
      }
    } catch (e) {
      setSave({ kind: 'error', message: errorMessage(e) });
    }
    focusStatus();
  };

  const errors = save.kind === 'invalid' ? save.errors : {};
  const part: Part = { report, form, editable, edit, errors };
  const annual = report.kind === 'annual';

  return (
    <>
      <PageHeading title={report.title}>
        <Facts report={report} />
      </PageHeading>
      <div ref={statusRef} tabIndex={-1} className="stack">
        <SaveStatus
          state={save}
          dirty={dirty}
          editable={editable}
          onSaveMine={() => void onSave()}
          onDiscard={() => {
            adopt(report);
            setSave({ kind: 'idle' });
          }}
        />
      </div>
      {editable && (
        <div className="row report-save no-print">
          <Button
            onClick={() => void onSave()}
            disabled={save.kind === 'saving'}
            loading={save.kind === 'saving'}
          >
            {t('report.save')}
          </Button>
        </div>
      )}
      {annual && <AnnualDownloads report={report} />}
      <Steps report={report} dirty={dirty} adopt={adopt} />
      {annual && <AnnualParts {...part} dirty={dirty} adopt={adopt} />}
      <Assignments {...part} />
      {!annual && <Budget {...part} />}
      <Accounts
        report={report}
        editable={editable}
        onUploaded={(r) => {
          // The accounts come from the file; whatever else the user typed stays in the form.
          setReport(r);
          setVersionsKey((k) => k + 1);
          setForm((f) => ({
            ...f,
            budget: Object.fromEntries(
              r.derived.budget.map((b) => [
                postKey(b),
                {
                  ...(f.budget[postKey(b)] ?? { forecast: '', explanation: '' }),
                  accountsToDate: amountText(b.accountsToDate),
                },
              ]),
            ),
          }));
        }}
      />
      {/* The risk register is the agency's dialogue with its ministry: not for the public. */}
      {!report.publicView && <Risks {...part} />}
      <SteeringParameters {...part} adopt={adopt} />
      {editable && (
        <div className="row report-save no-print">
          <Button
            onClick={() => void onSave()}
            disabled={save.kind === 'saving'}
            loading={save.kind === 'saving'}
          >
            {t('report.save')}
          </Button>
          {dirty && <span className="muted">{t('report.unsaved')}</span>}
        </div>
      )}
      {report.abilities.readVersions && <Versions id={report.id} reloadKey={versionsKey} />}
    </>
  );
}

function Facts({ report }: { report: Report }) {
  return (
    <dl className="facts">
      <div>
        <dt>{t('report.agency')}</dt>
        <dd>{report.agencyName}</dd>
      </div>
      <div>
        <dt>{t('report.kind')}</dt>
        <dd>{t(report.kind === 'annual' ? 'report.kind.annual' : 'report.kind.status')}</dd>
      </div>
      <div>
        <dt>{t('report.year')}</dt>
        <dd>{report.year}</dd>
      </div>
      {report.periodYear !== report.year && (
        <div>
          <dt>{t('report.period')}</dt>
          <dd>{report.periodYear}</dd>
        </div>
      )}
      <div>
        <dt>{t('report.due')}</dt>
        <dd>{report.dueDate ? formatDate(report.dueDate) : t('report.noDue')}</dd>
      </div>
      <div>
        <dt>{t('report.status')}</dt>
        <dd>
          <span className="row">
            <ReportStatusTag status={report.status} />
            {report.late && <LateTag />}
          </span>
        </dd>
      </div>
      <div>
        <dt>{t('report.revision')}</dt>
        <dd>{report.revision}</dd>
      </div>
      <div>
        <dt>{t('report.source')}</dt>
        <dd>{tOr(`report.source.${report.source}`, report.source)}</dd>
      </div>
      {report.submittedAt && (
        <div>
          <dt>{t('report.submittedAt')}</dt>
          <dd>{formatDateTime(report.submittedAt)}</dd>
        </div>
      )}
      {report.reviewComment && (
        <div>
          <dt>{t('report.reviewComment')}</dt>
          <dd>{report.reviewComment}</dd>
        </div>
      )}
      <div>
        <dt>{t('report.backToList')}</dt>
        <dd>
          <AppLink href={paths.reports({ agencyId: report.agencyId, year: report.year })}>
            {t('report.allReports', { agency: report.agencyName, year: report.year })}
          </AppLink>
        </dd>
      </div>
    </dl>
  );
}

function SaveStatus({
  state,
  dirty,
  editable,
  onSaveMine,
  onDiscard,
}: {
  state: SaveState;
  dirty: boolean;
  editable: boolean;
  onSaveMine: () => void;
  onDiscard: () => void;
}) {
  if (state.kind === 'saved' && state.unsigned.length > 0 && !dirty) {
    return (
      <Alert data-color="warning" role="alert">
        <Paragraph>{t('report.save.saved', { at: formatDateTime(state.at) })}</Paragraph>
        <Paragraph>
          {t('annual.unsignedByChange', {
            parts: formatList(state.unsigned.map((part) => t(PART_SHORT[part]))),
          })}
        </Paragraph>
      </Alert>
    );
  }
  switch (state.kind) {
    case 'invalid':
      return (
        <Alert data-color="danger" role="alert">
          <Paragraph>{t('report.save.invalid')}</Paragraph>
          <List.Unordered>
            {Object.entries(state.errors).map(([id, message]) => (
              <List.Item key={id}>
                <Link href={`#${id}`}>{message}</Link>
              </List.Item>
            ))}
          </List.Unordered>
        </Alert>
      );
    case 'conflict':
      return (
        <Alert data-color="warning" role="alert">
          <Heading level={2} data-size="xs">
            {t('report.save.conflict.title')}
          </Heading>
          <Paragraph>{t('report.save.conflict')}</Paragraph>
          <div className="row">
            <Button data-size="sm" onClick={onSaveMine}>
              {t('report.save.conflict.mine')}
            </Button>
            <Button variant="secondary" data-size="sm" onClick={onDiscard}>
              {t('report.save.conflict.discard')}
            </Button>
          </div>
        </Alert>
      );
    case 'locked':
      return (
        <Alert data-color="warning" role="alert">
          <Paragraph>{t('report.save.locked')}</Paragraph>
        </Alert>
      );
    case 'error':
      return (
        <Alert data-color="danger" role="alert">
          <Paragraph>{state.message}</Paragraph>
        </Alert>
      );
    default:
      return (
        <p className="save-status" aria-live="polite">
          {!editable
            ? t('report.readOnly')
            : state.kind === 'saving'
              ? t('report.save.saving')
              : state.kind === 'saved' && !dirty
                ? t('report.save.saved', { at: formatDateTime(state.at) })
                : dirty
                  ? t('report.unsaved')
                  : ''}
        </p>
      );
  }
}

// ---------------------------------------------------------------------------------------------
// Submitting, returning, accepting.

/** What each step is called, asked before it is taken, and what it is called when confirmed. */
function stepText(to: ReportStatus) {
  return {
    button: tOr(`report.step.${to}`, to),
    question: tOr(`report.confirm.${to}`, to),
    yes: tOr(`report.confirm.yes.${to}`, to),
  };
}

function problemItem(report: Report, p: ReportProblemItem): { label: string; href: string } {
  if (p.part === 'annual') {
    const part = p.item === 'accounts' ? 'accounts' : 'leader';
    return { label: t(PART_SHORT[part]), href: `#${signatureId(part)}` };
  }
  if (p.part === 'assignments') {
    const a = report.derived.assignments.find((x) => x.assignmentId === p.item);
    return {
      label: a ? `${a.registerId} ${a.title}` : p.item,
      href: `#${assignmentFieldId(p.item)}`,
    };
  }
  const [chapter, post] = p.item.split(':').map(Number);
  const b = report.derived.budget.find((x) => x.chapter === chapter && x.post === post);
  const where = { chapter: chapter ?? 0, post: post ?? 0 };
  return {
    label: t('report.post', {
      chapter: where.chapter,
      post: String(where.post).padStart(2, '0'),
      name: b?.postName ?? '',
    }),
    href: `#${postId(where)}-${p.problem === 'forecast-required' ? 'prognose' : 'forklaring'}`,
  };
}

function Problems({ report, problems }: { report: Report; problems: ReportProblemItem[] }) {
  return (
    <List.Unordered>
      {problems.map((p) => {
        const item = problemItem(report, p);
        return (
          <List.Item key={`${p.problem}|${p.item}`}>
            <Link href={item.href}>
              {tOr(`report.problem.${p.problem}`, p.problem, { item: item.label })}
            </Link>
          </List.Item>
        );
      })}
    </List.Unordered>
  );
}

type StepNotice =
  | { kind: 'done'; to: ReportStatus }
  | { kind: 'stale' }
  | { kind: 'refused'; message: string; problems: ReportProblemItem[] }
  | { kind: 'error'; message: string };

function Steps({
  report,
  dirty,
  adopt,
}: {
  report: Report;
  dirty: boolean;
  adopt: (r: Report) => void;
}) {
  const [comment, setComment] = useState('');
  const [confirming, setConfirming] = useState<ReportStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<StepNotice | null>(null);
  const [noticeRef, focusNotice] = useFocusAfterRender<HTMLDivElement>();
  const [confirmRef, focusConfirm] = useFocusAfterRender<HTMLDivElement>();
  const allowed = report.allowedTransitions;
  const problems = report.derived.problems;
  const reviewing = allowed.some((s) => s === 'returned' || s === 'accepted');

  const run = async (to: ReportStatus) => {
    setBusy(true);
    setConfirming(null);
    try {
      const trimmed = comment.trim();
      const out = await changeReportStatus(report.id, {
        to,
        expectedVersion: report.version,
        ...(trimmed ? { comment: trimmed } : {}),
      });
      if (out.kind === 'changed') {
        setComment('');
        setNotice({ kind: 'done', to: out.result.report.status });
        adopt(await getReport(report.id));
      } else if (out.kind === 'stale') {
        setNotice({ kind: 'stale' });
        adopt(await getReport(report.id));
      } else {
        setNotice({
          kind: 'refused',
          message: refused(out.error, out.message),
          problems: out.problems,
        });
      }
    } catch (e) {
      setNotice({ kind: 'error', message: errorMessage(e) });
    }
    setBusy(false);
    focusNotice();
  };

  return (
    <Section id="report-steps" title={t('report.steps')}>
      <Paragraph>{tOr(`report.stepAbout.${report.status}`, '')}</Paragraph>
      {report.abilities.update && problems.length > 0 && (
        <Alert data-color="warning">
          <Paragraph>{t('report.problems')}</Paragraph>
          <Problems report={report} problems={problems} />
        </Alert>
      )}
      <div ref={noticeRef} tabIndex={-1} aria-live="polite">
        {notice?.kind === 'done' && (
          <Alert data-color="success">
            <Paragraph>
              {t('report.step.done', { status: tOr(`reportStatus.${notice.to}`, notice.to) })}
            </Paragraph>
          </Alert>
        )}
        {notice?.kind === 'stale' && (
          <Alert data-color="warning" role="alert">
            <Paragraph>{t('report.step.stale')}</Paragraph>
          </Alert>
        )}
        {(notice?.kind === 'refused' || notice?.kind === 'error') && (
          <Alert data-color="danger" role="alert">
            <Paragraph>{notice.message}</Paragraph>
            {notice.kind === 'refused' && notice.problems.length > 0 && (
              <Problems report={report} problems={notice.problems} />
            )}
          </Alert>
        )}
      </div>
      {allowed.length > 0 && (
        <div className="stack status-form">
          <Textfield
            label={reviewing ? t('report.comment.review') : t('report.comment.submit')}
            description={reviewing ? t('report.comment.review.about') : undefined}
            multiline
            rows={3}
            maxLength={4000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          {dirty && allowed.includes('submitted') && (
            <Paragraph data-size="sm">{t('report.saveFirst')}</Paragraph>
          )}
          <div ref={confirmRef} tabIndex={-1}>
            {confirming ? (
              <Alert data-color="warning" className="stack">
                <Paragraph>{stepText(confirming).question}</Paragraph>
                <div className="row">
                  <Button
                    data-color={confirming === 'returned' ? 'danger' : undefined}
                    disabled={busy}
                    loading={busy}
                    onClick={() => void run(confirming)}
                  >
                    {stepText(confirming).yes}
                  </Button>
                  <Button variant="secondary" onClick={() => setConfirming(null)}>
                    {t('report.confirm.no')}
                  </Button>
                </div>
              </Alert>
            ) : (
              <div className="row">
                {allowed.map((to) => (
                  <Button
                    key={to}
                    variant={to === 'returned' ? 'secondary' : 'primary'}
                    disabled={busy || (dirty && to === 'submitted')}
                    onClick={() => {
                      setNotice(null);
                      setConfirming(to);
                      focusConfirm();
                    }}
                  >
                    {stepText(to).button}
                  </Button>
                ))}
              </div>
            )}
          </div>
        </div>
      )}
    </Section>
  );
}

// ---------------------------------------------------------------------------------------------
// The parts of the report.

interface Part {
  report: Report;
  form: Form;
  editable: boolean;
  edit: (change: (f: Form) => Form) => void;
  errors: FieldErrors;
}

/**
 * An annual report's six parts: the text of each, with what the part shows from the record (the
 * appropriation in all under II, the accounts per post under VI) and the head's signatures
 * under I and VI. The accounts per post are typed here (or uploaded as a file below).
 */
function AnnualParts({
  report,
  form,
  editable,
  edit,
  errors,
  dirty,
  adopt,
}: Part & { dirty: boolean; adopt: (r: Report) => void }) {
  const annual = form.annual;
  if (!annual || !report.derived.annual) return null;
  const setPart = (part: keyof AnnualContent, text: string) =>
    edit((f) => ({ ...f, annual: { ...(f.annual ?? annual), [part]: text } }));
  const setAccounts = (key: string, value: string) =>
    edit((f) => ({
      ...f,
      budget: {
        ...f.budget,
        [key]: {
          ...(f.budget[key] ?? { accountsToDate: '', forecast: '', explanation: '' }),
          accountsToDate: value,
        },
      },
    }));
  return (
    <>
      {editable && <Paragraph className="no-print">{t('annual.parts.about')}</Paragraph>}
      {ANNUAL_PARTS.map((part) => (
        <AnnualPartSection
          key={part}
          part={part}
          report={report}
          value={annual[part]}
          editable={editable}
          onChange={(text) => setPart(part, text)}
        >
          {part === 'leader' && (
            <AnnualSignature report={report} part="leader" dirty={dirty} adopt={adopt} />
          )}
          {part === 'introduction' && (
            <>
              <Paragraph>
                {t('annual.appropriationTotal', {
                  year: report.periodYear,
                  amount: formatNumber(report.derived.annual!.appropriationTotal),
                })}
              </Paragraph>
              <Paragraph data-size="sm">{t('annual.seeKeyFigures')}</Paragraph>
            </>
          )}
          {part === 'activities' && (
            <Paragraph data-size="sm">{t('annual.seeAssignments')}</Paragraph>
          )}
          {part === 'accounts' && (
            <>
              <AnnualAccountsTable report={report} />
              {editable && report.derived.annual!.accounts.length > 0 && (
                <Fieldset className="draft-item report-edit">
                  <Fieldset.Legend>{t('annual.accounts.legend')}</Fieldset.Legend>
                  <div className="draft-grid">
                    {report.derived.annual!.accounts.map((a) => {
                      const key = postKey(a);
                      const id = `${postId(a)}-regnskap`;
                      return (
                        <Textfield
                          key={key}
                          id={id}
                          label={t('annual.accounts.label', {
                            post: t('report.post', {
                              chapter: a.chapter,
                              post: postNumber(a.post),
                              name: a.postName,
                            }),
                          })}
                          inputMode="numeric"
                          value={form.budget[key]?.accountsToDate ?? ''}
                          error={errors[id]}
                          onChange={(e) => setAccounts(key, e.target.value)}
                        />
                      );
                    })}
                  </div>
                </Fieldset>
              )}
              <AnnualSignature report={report} part="accounts" dirty={dirty} adopt={adopt} />
            </>
          )}
        </AnnualPartSection>
      ))}
    </>
  );
}

/** Text the agency wrote, or a dash when it wrote none. */
const text = (s: string | null | undefined) => (s && s.trim() ? s : '–');

function Assignments({ report, form, editable, edit }: Part) {
  const rows = report.derived.assignments;
  const caption = t('report.assignments.caption');
  const needing = rows.filter((a) => a.deviationRequired);
  const set = (id: string, change: Partial<AssignmentForm>) =>
    edit((f) => ({
      ...f,
      assignments: {
        ...f.assignments,
        [id]: { ...(f.assignments[id] ?? { deviation: '', cause: '', measures: '' }), ...change },
      },
    }));
  return (
    <Section id="report-assignments" title={t('report.assignments')}>
      {rows.length === 0 ? (
        <Paragraph>{t('report.assignments.none')}</Paragraph>
      ) : (
        <ScrollRegion label={caption}>
          <Table>
            <caption>{caption}</caption>
            <TableHead>
              <TableRow>
                <TableHeaderCell>{t('report.assignments.id')}</TableHeaderCell>
                <TableHeaderCell>{t('report.assignments.title')}</TableHeaderCell>
                <TableHeaderCell>{t('report.assignments.status')}</TableHeaderCell>
                <TableHeaderCell>{t('report.assignments.progress')}</TableHeaderCell>
                <TableHeaderCell>{t('report.assignments.deviation')}</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((a) => (
                <TableRow key={a.assignmentId}>
                  <TableCell className="nowrap">
                    <AppLink href={paths.assignment(a.assignmentId)}>{a.registerId}</AppLink>
                  </TableCell>
                  <TableCell>{a.title}</TableCell>
                  <TableCell>
                    <StatusTag status={a.status} />
                  </TableCell>
                  <TableCell>
                    <ProgressTag progress={a.progress} />
                    {a.progressReason && <div className="muted">{a.progressReason}</div>}
                  </TableCell>
                  <TableCell>
                    {a.entry && (a.entry.deviation || a.entry.cause || a.entry.measures) ? (
                      <dl className="facts-compact">
                        <dt>{t('report.deviation')}</dt>
                        <dd>{text(a.entry.deviation)}</dd>
                        <dt>{t('report.cause')}</dt>
                        <dd>{text(a.entry.cause)}</dd>
                        <dt>{t('report.measures')}</dt>
                        <dd>{text(a.entry.measures)}</dd>
                      </dl>
                    ) : a.deviationRequired ? (
                      t('report.assignments.missing')
                    ) : (
                      '–'
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollRegion>
      )}
      {editable &&
        needing.map((a) => {
          const f = form.assignments[a.assignmentId] ?? { deviation: '', cause: '', measures: '' };
          return (
            <Fieldset key={a.assignmentId} className="draft-item report-edit">
              <Fieldset.Legend>
                {t('report.assignments.legend', { id: a.registerId, title: a.title })}
              </Fieldset.Legend>
              <Textfield
                id={assignmentFieldId(a.assignmentId)}
                label={t('report.deviation')}
                description={t('report.deviation.about')}
                multiline
                rows={3}
                maxLength={4000}
                value={f.deviation}
                onChange={(e) => set(a.assignmentId, { deviation: e.target.value })}
              />
              <Textfield
                label={t('report.cause')}
                multiline
                rows={2}
                maxLength={4000}
                value={f.cause}
                onChange={(e) => set(a.assignmentId, { cause: e.target.value })}
              />
              <Textfield
                label={t('report.measures')}
                multiline
                rows={2}
                maxLength={4000}
                value={f.measures}
                onChange={(e) => set(a.assignmentId, { measures: e.target.value })}
              />
            </Fieldset>
          );
        })}
    </Section>
  );
}

const postNumber = (post: number) => String(post).padStart(2, '0');

function Budget({ report, form, editable, edit, errors }: Part) {
  const rows = report.derived.budget;
  const caption = t('report.budget.caption');
  const set = (key: string, change: Partial<BudgetForm>) =>
    edit((f) => ({
      ...f,
      budget: {
        ...f.budget,
        [key]: {
          ...(f.budget[key] ?? { accountsToDate: '', forecast: '', explanation: '' }),
          ...change,
        },
      },
    }));
  const amount = (n: number | null) => (n === null ? '–' : formatNumber(n));
  return (
    <Section id="report-budget" title={t('report.budget')}>
      {rows.length === 0 ? (
        <Paragraph>{t('report.budget.none')}</Paragraph>
      ) : (
        <ScrollRegion label={caption}>
          <Table>
            <caption>{caption}</caption>
            <TableHead>
              <TableRow>
                <TableHeaderCell>{t('report.budget.post')}</TableHeaderCell>
                <TableHeaderCell className="num">
                  {t('report.budget.appropriation')}
                </TableHeaderCell>
                <TableHeaderCell className="num">{t('report.budget.accounts')}</TableHeaderCell>
                <TableHeaderCell className="num">{t('report.budget.forecast')}</TableHeaderCell>
                <TableHeaderCell className="num">{t('report.budget.deviation')}</TableHeaderCell>
                <TableHeaderCell>{t('report.budget.explanation')}</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((b) => (
                <TableRow key={postKey(b)}>
                  <TableCell>
                    {t('report.post', {
                      chapter: b.chapter,
                      post: postNumber(b.post),
                      name: b.postName,
                    })}
                  </TableCell>
                  <TableCell className="num">{formatNumber(b.appropriation)}</TableCell>
                  <TableCell className="num">{amount(b.accountsToDate)}</TableCell>
                  <TableCell className="num">{amount(b.forecast)}</TableCell>
                  <TableCell className="num">{amount(b.deviation)}</TableCell>
                  <TableCell>
                    {b.explanation
                      ? b.explanation
                      : b.explanationRequired
                        ? t('report.budget.explanationMissing')
                        : '–'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollRegion>
      )}
      {editable &&
        rows.map((b) => {
          const key = postKey(b);
          const f = form.budget[key] ?? { accountsToDate: '', forecast: '', explanation: '' };
          const id = postId(b);
          return (
            <Fieldset key={key} className="draft-item report-edit">
              <Fieldset.Legend>
                {t('report.post', {
                  chapter: b.chapter,
                  post: postNumber(b.post),
                  name: b.postName,
                })}
              </Fieldset.Legend>
              <Paragraph data-size="sm">
                {t('report.budget.appropriationIs', { amount: formatNumber(b.appropriation) })}
              </Paragraph>
              <div className="draft-grid">
                <Textfield
                  id={`${id}-regnskap`}
                  label={t('report.budget.accountsLabel')}
                  inputMode="numeric"
                  value={f.accountsToDate}
                  error={errors[`${id}-regnskap`]}
                  onChange={(e) => set(key, { accountsToDate: e.target.value })}
                />
                <Textfield
                  id={`${id}-prognose`}
                  label={t('report.budget.forecastLabel')}
                  inputMode="numeric"
                  value={f.forecast}
                  error={errors[`${id}-prognose`]}
                  onChange={(e) => set(key, { forecast: e.target.value })}
                />
              </div>
              <Textfield
                id={`${id}-forklaring`}
                label={t('report.budget.explanationLabel')}
                description={t('report.budget.explanation.about')}
                multiline
                rows={2}
                maxLength={4000}
                value={f.explanation}
                onChange={(e) => set(key, { explanation: e.target.value })}
              />
            </Fieldset>
          );
        })}
    </Section>
  );
}

const ACCEPT_ACCOUNTS = '.csv,.xlsx,text/csv';

/** The accounts to date from a CSV or XLSX file; a refused file is named row by row. */
function Accounts({
  report,
  editable,
  onUploaded,
}: {
  report: Report;
  editable: boolean;
  onUploaded: (r: Report) => void;
}) {
  const file = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<
    | { kind: 'ok'; file: string }
    | {
        kind: 'refused';
        file: string;
        out: Extract<ReportChangeOutcome, { kind: 'accounts-refused' }>;
      }
    | { kind: 'error'; message: string }
    | null
  >(null);
  const [resultRef, focusResult] = useFocusAfterRender<HTMLDivElement>();
  if (!editable || report.derived.budget.length === 0) return null;
  const upload = async () => {
    const chosen = file.current?.files?.[0];
    if (!chosen) {
      setResult({ kind: 'error', message: t('report.accounts.noFile') });
      focusResult();
      return;
    }
    setBusy(true);
    try {
      const out = await uploadReportAccounts(report.id, chosen, report.version);
      if (out.kind === 'saved') {
        onUploaded(out.report);
        setResult({ kind: 'ok', file: chosen.name });
        if (file.current) file.current.value = '';
      } else if (out.kind === 'accounts-refused') {
        setResult({ kind: 'refused', file: chosen.name, out });
      } else if (out.kind === 'stale') {
        setResult({ kind: 'error', message: t('report.accounts.stale') });
      } else {
        setResult({ kind: 'error', message: refused(out.error, out.message) });
      }
    } catch (e) {
      setResult({ kind: 'error', message: errorMessage(e) });
    }
    setBusy(false);
    focusResult();
  };
  return (
    <Section id="report-accounts" title={t('report.accounts')}>
      <div className="stack report-edit">
        <Paragraph>{t('report.accounts.about')}</Paragraph>
        <Field>
          <Label htmlFor="regnskapsfil">{t('report.accounts.file')}</Label>
          <input
            ref={file}
            id="regnskapsfil"
            className="file-input"
            type="file"
            accept={ACCEPT_ACCOUNTS}
            aria-invalid={result?.kind === 'refused' ? true : undefined}
            aria-describedby={result?.kind === 'refused' ? 'regnskap-avvist' : undefined}
            onChange={() => setResult(null)}
          />
        </Field>
        <div>
          <Button variant="secondary" disabled={busy} loading={busy} onClick={() => void upload()}>
            {t('report.accounts.upload')}
          </Button>
        </div>
      </div>
      <div ref={resultRef} tabIndex={-1}>
        {result?.kind === 'ok' && (
          <Alert data-color="success">
            <Paragraph>{t('report.accounts.saved', { file: result.file })}</Paragraph>
          </Alert>
        )}
        {result?.kind === 'error' && (
          <Alert data-color="danger" role="alert">
            <Paragraph>{result.message}</Paragraph>
          </Alert>
        )}
        {result?.kind === 'refused' && (
          <Alert data-color="danger" role="alert" id="regnskap-avvist">
            <Paragraph>{t('report.accounts.refused', { file: result.file })}</Paragraph>
            {result.out.rows.length > 0 ? (
              <List.Unordered>
                {result.out.rows.map((r, i) => (
                  <List.Item key={i}>
                    {tOr(`report.accounts.row.${r.error}`, r.error, {
                      row: r.row,
                      column: r.column ? tOr(`report.accounts.column.${r.column}`, r.column) : '',
                      value: r.value ?? '',
                    })}
                  </List.Item>
                ))}
              </List.Unordered>
            ) : (
              <Paragraph data-size="sm">
                {t('report.accounts.refused.detail', { message: result.out.message })}
              </Paragraph>
            )}
          </Alert>
        )}
      </div>
    </Section>
  );
}

const SCALE = [1, 2, 3, 4, 5] as const;

function ScaleSelect({
  label,
  value,
  onChange,
}: {
  label: string;
  value: number;
  onChange: (n: number) => void;
}) {
  return (
    <Field>
      <Label>{label}</Label>
      <Select value={String(value)} onChange={(e) => onChange(Number(e.target.value))}>
        {SCALE.map((n) => (
          <SelectOption key={n} value={String(n)}>
            {n}
          </SelectOption>
        ))}
      </Select>
    </Field>
  );
}

function Risks({ report, form, editable, edit, errors }: Part) {
  const rows = report.derived.risks;
  const caption = t('report.risks.caption');
  const set = (key: number, change: Partial<RiskForm>) =>
    edit((f) => ({ ...f, risks: f.risks.map((r) => (r.key === key ? { ...r, ...change } : r)) }));
  return (
    <Section id="report-risks" title={t('report.risks')}>
      <Paragraph>{t('report.risks.about')}</Paragraph>
      <Paragraph>
        {report.riskTolerance === null
          ? t('report.risks.toleranceDefault', { score: report.effectiveRiskTolerance })
          : t('report.risks.tolerance', { score: report.riskTolerance })}
      </Paragraph>
      {rows.length === 0 ? (
        <Paragraph>{t('report.risks.none')}</Paragraph>
      ) : (
        <ScrollRegion label={caption}>
          <Table>
            <caption>{caption}</caption>
            <TableHead>
              <TableRow>
                <TableHeaderCell>{t('report.risk.goal')}</TableHeaderCell>
                <TableHeaderCell>{t('report.risk.description')}</TableHeaderCell>
                <TableHeaderCell className="num">{t('report.risk.likelihood')}</TableHeaderCell>
                <TableHeaderCell className="num">{t('report.risk.consequence')}</TableHeaderCell>
                <TableHeaderCell className="num">{t('report.risk.score')}</TableHeaderCell>
                <TableHeaderCell>{t('report.risk.measures')}</TableHeaderCell>
                <TableHeaderCell className="num">{t('report.risk.residualScore')}</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((r, i) => (
                <TableRow key={i}>
                  <TableCell>{r.goal}</TableCell>
                  <TableCell>{r.description}</TableCell>
                  <TableCell className="num">{r.likelihood}</TableCell>
                  <TableCell className="num">{r.consequence}</TableCell>
                  <TableCell className="num">{r.score}</TableCell>
                  <TableCell>{text(r.measures)}</TableCell>
                  <TableCell className="num">
                    {t('report.risk.residual', {
                      score: r.residualScore,
                      likelihood: r.residualLikelihood,
                      consequence: r.residualConsequence,
                    })}
                    {r.aboveTolerance && (
                      <div>
                        <Tag data-color="danger" data-size="sm">
                          {t('report.risk.aboveTolerance')}
                        </Tag>
                      </div>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollRegion>
      )}
      {editable && (
        <>
          {form.risks.map((r, i) => {
            const id = riskId(r.key);
            return (
              <Fieldset key={r.key} className="draft-item report-edit" id={id}>
                <Fieldset.Legend>{t('report.risk.legend', { n: i + 1 })}</Fieldset.Legend>
                <Textfield
                  id={`${id}-maal`}
                  label={t('report.risk.goal')}
                  description={t('report.risk.goal.about')}
                  maxLength={500}
                  value={r.goal}
                  error={errors[`${id}-maal`]}
                  onChange={(e) => set(r.key, { goal: e.target.value })}
                />
                <Textfield
                  id={`${id}-beskrivelse`}
                  label={t('report.risk.description')}
                  multiline
                  rows={2}
                  maxLength={4000}
                  value={r.description}
                  error={errors[`${id}-beskrivelse`]}
                  onChange={(e) => set(r.key, { description: e.target.value })}
                />
                <div className="draft-grid">
                  <ScaleSelect
                    label={t('report.risk.likelihoodLabel')}
                    value={r.likelihood}
                    onChange={(likelihood) => set(r.key, { likelihood })}
                  />
                  <ScaleSelect
                    label={t('report.risk.consequenceLabel')}
                    value={r.consequence}
                    onChange={(consequence) => set(r.key, { consequence })}
                  />
                </div>
                <Textfield
                  label={t('report.risk.measures')}
                  multiline
                  rows={2}
                  maxLength={4000}
                  value={r.measures}
                  onChange={(e) => set(r.key, { measures: e.target.value })}
                />
                <div className="draft-grid">
                  <ScaleSelect
                    label={t('report.risk.residualLikelihoodLabel')}
                    value={r.residualLikelihood}
                    onChange={(residualLikelihood) => set(r.key, { residualLikelihood })}
                  />
                  <ScaleSelect
                    label={t('report.risk.residualConsequenceLabel')}
                    value={r.residualConsequence}
                    onChange={(residualConsequence) => set(r.key, { residualConsequence })}
                  />
                </div>
                <div>
                  <Button
                    variant="tertiary"
                    data-size="sm"
                    onClick={() =>
                      edit((f) => ({ ...f, risks: f.risks.filter((x) => x.key !== r.key) }))
                    }
                  >
                    {t('report.risk.remove', { n: i + 1 })}
                  </Button>
                </div>
              </Fieldset>
            );
          })}
          <div className="no-print">
            <Button
              variant="secondary"
              onClick={() =>
                edit((f) => ({
                  ...f,
                  risks: [
                    ...f.risks,
                    {
                      key: nextRiskKey++,
                      goal: '',
                      description: '',
                      likelihood: 3,
                      consequence: 3,
                      measures: '',
                      residualLikelihood: 2,
                      residualConsequence: 2,
                    },
                  ],
                }))
              }
            >
              {t('report.risk.add')}
            </Button>
          </div>
        </>
      )}
    </Section>
  );
}

function SteeringParameters({
  report,
  form,
  editable,
  edit,
  adopt,
}: Part & { adopt: (r: Report) => void }) {
  const rows = report.derived.steeringParameters;
  const caption = t('report.steering.caption');
  const set = (id: string, change: Partial<SteeringForm>) =>
    edit((f) => ({
      ...f,
      steering: {
        ...f.steering,
        [id]: { ...(f.steering[id] ?? { value: '', unit: '', comment: '' }), ...change },
      },
    }));
  const shown = (v: number | string | null): ReactNode =>
    v === null ? '–' : typeof v === 'number' ? formatDecimal(v) : v;
  return (
    <Section id="report-steering" title={t('report.steering')}>
      {rows.length === 0 ? (
        <Paragraph>{t('report.steering.none')}</Paragraph>
      ) : (
        <ScrollRegion label={caption}>
          <Table>
            <caption>{caption}</caption>
            <TableHead>
              <TableRow>
                <TableHeaderCell>{t('report.steering.parameter')}</TableHeaderCell>
                <TableHeaderCell>{t('report.steering.goal')}</TableHeaderCell>
                <TableHeaderCell className="num">{t('report.steering.value')}</TableHeaderCell>
                <TableHeaderCell>{t('report.steering.unit')}</TableHeaderCell>
                <TableHeaderCell>{t('report.steering.comment')}</TableHeaderCell>
                <TableHeaderCell>{t('report.steering.target')}</TableHeaderCell>
                <TableHeaderCell>{t('report.steering.ministryComment')}</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((s) => (
                <TableRow key={s.steeringParameterId}>
                  <TableCell>
                    {s.text} <span className="muted">({s.kind})</span>
                  </TableCell>
                  <TableCell>{s.goal ?? '–'}</TableCell>
                  <TableCell className="num">{shown(s.value)}</TableCell>
                  <TableCell>{text(s.unit)}</TableCell>
                  <TableCell>{text(s.comment)}</TableCell>
                  <TableCell>
                    {s.target ? (
                      <>
                        {s.target.phrase}
                        <br />
                        <span className="muted">{t(`report.steering.outcome.${s.outcome}`)}</span>
                      </>
                    ) : (
                      '–'
                    )}
                  </TableCell>
                  <TableCell>{text(s.ministryComment)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollRegion>
      )}
      {editable &&
        rows.map((s) => {
          const f = form.steering[s.steeringParameterId] ?? { value: '', unit: '', comment: '' };
          return (
            <Fieldset
              key={s.steeringParameterId}
              className="draft-item report-edit"
              id={steeringId(s.steeringParameterId)}
            >
              <Fieldset.Legend>{s.text}</Fieldset.Legend>
              <div className="draft-grid">
                <Textfield
                  label={t('report.steering.value')}
                  value={f.value}
                  maxLength={500}
                  onChange={(e) => set(s.steeringParameterId, { value: e.target.value })}
                />
                <Textfield
                  label={t('report.steering.unit')}
                  value={f.unit}
                  maxLength={100}
                  onChange={(e) => set(s.steeringParameterId, { unit: e.target.value })}
                />
              </div>
              <Textfield
                label={t('report.steering.comment')}
                multiline
                rows={2}
                maxLength={4000}
                value={f.comment}
                onChange={(e) => set(s.steeringParameterId, { comment: e.target.value })}
              />
            </Fieldset>
          );
        })}
      {report.abilities.review && <MinistryComments report={report} adopt={adopt} />}
    </Section>
  );
}

function Versions({ id, reloadKey }: { id: string; reloadKey: number }) {
  const versions = useAsync(`report-versions:${id}:${reloadKey}`, (signal) =>
    getReportVersions(id, signal),
  );
  return (
    <Section id="report-versions" title={t('report.versions')}>
      {versions.status === 'loading' && <Loading rows={1} />}
      {versions.status === 'error' && <ErrorState error={versions.error} retry={versions.retry} />}
      {versions.status === 'ok' && <VersionList list={versions.data} />}
    </Section>
  );
}

function VersionList({ list }: { list: ReportVersionList }) {
  if (list.versions.length === 0) return <Paragraph>{t('report.versions.none')}</Paragraph>;
  return (
    <ol className="history-list" aria-labelledby="report-versions" reversed>
      {[...list.versions].reverse().map((v) => (
        <li key={v.revision}>
          <div className="row">
            <strong>{t('report.version.revision', { revision: v.revision })}</strong>
            <span>{t('report.version.submitted', { at: formatDateTime(v.submittedAt) })}</span>
            <ReportStatusTag status={v.outcome} />
          </div>
          <div>
            {t('report.version.hash')} <code className="report-hash">{v.sha256}</code>
          </div>
          {v.reviewComment && (
            <div>{t('report.version.comment', { comment: v.reviewComment })}</div>
          )}
        </li>
      ))}
    </ol>
  );
}
