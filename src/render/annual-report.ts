/**
 * An annual report (årsrapport) as a list of blocks in print order (pure), written by the same
 * Word and PDF writers as letters (docx.ts, pdf.ts): the agency and date, the title, then the
 * six numbered parts with the agency's prose, and beside it what the parts show from the record
 * of the period: part II the appropriation in all and the steering parameters with the values
 * given, part III the assignments with status, progress and deviations and the overall risk
 * assessment against the tolerance agreed, part VI the appropriation per post beside the
 * accounts with a derived sum row (– where no post gives accounts). Parts I and VI close with the
 * agency head's signature. The public's file (a published annual report read as the public)
 * prints no risk assessment: the risk register is the agency's dialogue with its ministry.
 * Headings and labels come from the locale files.
 */
import { ANNUAL_PARTS, type AnnualPart, type SignedPart } from '../contract/enums';
import type { Report } from '../contract/report';
import { formatAmount } from '../domain/money';
import type { AnnualReportText } from '../locales/locale';
import { fill, LOCALES, type LocaleCode } from '../locales/render';
import { longDate, paragraphs, type Block } from './letter';

/** What the file prints beside the report: the date it is dated and the language. */
export interface AnnualReportFacts {
  /** The date printed (YYYY-MM-DD, Europe/Oslo): when it was submitted, or today. */
  date: string;
  locale: LocaleCode;
}

const NUMERALS = ['I', 'II', 'III', 'IV', 'V', 'VI'] as const;
const pad = (post: number) => String(post).padStart(2, '0');

/** The title of an annual report: `Årsrapport 2025 for Havdatadirektoratet`. */
export function annualReportTitle(
  r: Pick<Report, 'periodYear' | 'agencyName'>,
  locale: LocaleCode,
): string {
  return fill(LOCALES[locale].annualReport.title, (n) =>
    n === 'year' ? String(r.periodYear) : r.agencyName,
  );
}

/** The report's blocks; throws when the report is not an annual report. */
export function layOutAnnualReport(report: Report, f: AnnualReportFacts): Block[] {
  const derived = report.derived.annual;
  const content = report.content.annual;
  if (report.kind !== 'annual' || !derived || !content) {
    throw new Error('Only an annual report is laid out as one');
  }
  const locale = LOCALES[f.locale];
  const t = locale.annualReport;
  const text = (key: AnnualReportText, values: Record<string, string | number> = {}) =>
    fill(t[key], (n) => String(values[n] ?? ''));
  const blocks: Block[] = [
    {
      kind: 'letterhead',
      sender: report.agencyName,
      dateLabel: t.date,
      date: longDate(f.date, f.locale),
    },
    { kind: 'title', text: annualReportTitle(report, f.locale) },
    { kind: 'break' },
  ];
  const prose = (part: AnnualPart) => {
    const ps = paragraphs(content[part]);
    if (ps.length === 0) blocks.push({ kind: 'paragraph', text: t.notWritten });
    for (const p of ps) blocks.push({ kind: 'paragraph', text: p });
  };
  const signature = (part: SignedPart) => {
    const s = report.signatures.find((x) => x.part === part);
    if (!s) {
      blocks.push({ kind: 'paragraph', text: t.unsigned });
      return;
    }
    blocks.push({
      kind: 'signatures',
      closing: text('signed', { date: longDate(s.signedAt.slice(0, 10), f.locale) }),
      people: [{ name: s.name, title: s.title }],
    });
  };

  ANNUAL_PARTS.forEach((part, i) => {
    blocks.push({ kind: 'heading', text: `${NUMERALS[i]} ${t[`part.${part}`]}` });
    prose(part);
    switch (part) {
      case 'leader':
        signature('leader');
        return;
      case 'introduction':
        blocks.push({
          kind: 'paragraph',
          text: text('appropriationTotal', {
            year: report.periodYear,
            amount: formatAmount(derived.appropriationTotal),
          }),
        });
        keyFigures(blocks, report, t);
        return;
      case 'activities':
        assignmentsTable(blocks, report, t, locale.register, text);
        if (!report.publicView) risksTable(blocks, report, t, text);
        return;
      case 'accounts':
        accountsTable(blocks, derived, t);
        signature('accounts');
        return;
      default:
        return;
    }
  });
  return blocks;
}

type Texts = Record<AnnualReportText, string>;

function keyFigures(blocks: Block[], report: Report, t: Texts) {
  const rows = report.derived.steeringParameters;
  if (rows.length === 0) return;
  blocks.push({
    kind: 'table',
    caption: t.keyFigures,
    header: [t.keyFigure, t.keyFigureGoal, t.keyFigureValue, t.keyFigureComment],
    rows: rows.map((s) => [
      s.text,
      s.goal ?? '',
      s.value === null ? '–' : `${String(s.value)}${s.unit ? ` ${s.unit}` : ''}`,
      s.comment,
    ]),
    numeric: [2],
    sumRow: false,
  });
}

function assignmentsTable(
  blocks: Block[],
  report: Report,
  t: Texts,
  register: (typeof LOCALES)['nb']['register'],
  text: (key: AnnualReportText, values?: Record<string, string | number>) => string,
) {
  const rows = report.derived.assignments;
  if (rows.length === 0) return;
  blocks.push({
    kind: 'table',
    caption: text('assignmentsCaption', { year: report.periodYear }),
    header: [
      t.assignmentId,
      t.assignmentTitle,
      t.assignmentStatus,
      t.assignmentProgress,
      t.assignmentDeviation,
    ],
    rows: rows.map((a) => [
      a.registerId,
      a.title,
      register.status[a.status],
      a.progress ? register.progress[a.progress] : '–',
      a.entry && (a.entry.deviation || a.entry.cause || a.entry.measures)
        ? text('deviation', {
            deviation: a.entry.deviation || '–',
            cause: a.entry.cause || '–',
            measures: a.entry.measures || '–',
          })
        : '–',
    ]),
    numeric: [],
    sumRow: false,
  });
}

function risksTable(
  blocks: Block[],
  report: Report,
  t: Texts,
  text: (key: AnnualReportText, values?: Record<string, string | number>) => string,
) {
  blocks.push({ kind: 'subheading', text: t.risks });
  blocks.push({
    kind: 'paragraph',
    text:
      report.riskTolerance === null
        ? text('riskToleranceDefault', { score: report.effectiveRiskTolerance })
        : text('riskTolerance', { score: report.riskTolerance }),
  });
  const rows = report.derived.risks;
  if (rows.length === 0) return;
  blocks.push({
    kind: 'table',
    caption: '',
    header: [t.riskGoal, t.riskDescription, t.riskScore, t.riskResidual],
    rows: rows.map((r) => [
      r.goal,
      r.description,
      String(r.score),
      r.aboveTolerance ? `${r.residualScore} (${t.riskAbove})` : String(r.residualScore),
    ]),
    numeric: [2, 3],
    sumRow: false,
  });
}

function accountsTable(
  blocks: Block[],
  derived: NonNullable<Report['derived']['annual']>,
  t: Texts,
) {
  if (derived.accounts.length === 0) return;
  const amount = (n: number | null) => (n === null ? '–' : formatAmount(n));
  blocks.push({
    kind: 'table',
    caption: t.accountsCaption,
    header: [
      t.accountsPost,
      t.accountsName,
      t.accountsAppropriation,
      t.accountsAccounts,
      t.accountsDifference,
    ],
    rows: [
      ...derived.accounts.map((a) => [
        `${a.chapter}.${pad(a.post)}`,
        a.postName,
        amount(a.appropriation),
        amount(a.accounts),
        amount(a.difference),
      ]),
      [
        '',
        t.accountsSum,
        amount(derived.accountsTotal.appropriation),
        amount(derived.accountsTotal.accounts),
        amount(derived.accountsTotal.difference),
      ],
    ],
    numeric: [2, 3, 4],
    sumRow: true,
  });
}
