/**
 * A letter Tildel writes, as a list of blocks in print order (pure): the letterhead, title,
 * preamble, the appropriation tables with derived sums, goals, numbered assignments, the
 * carried-over list, the governance calendar and the signatures. The Word writer (docx.ts)
 * lays these blocks out; the headings and labels come from the locale files, so a letter in
 * another language is a matter of its locale. What it prints is what the importer reads back.
 */
import type { DraftContent } from '../contract/draft';
import type { DocumentKind } from '../contract/enums';
import { subLetter } from '../contract/draft';
import type { TotalsTable } from '../domain/draft';
import { formatAmount } from '../domain/money';
import type { LetterText } from '../locales/locale';
import { fill, formatLongDate, LOCALES, type LocaleCode } from '../locales/render';

export type Block =
  | { kind: 'letterhead'; sender: string; dateLabel: string; date: string }
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  /** An empty line between items. */
  | { kind: 'break' }
  | {
      kind: 'table';
      caption: string;
      header: string[];
      rows: string[][];
      /** Columns whose figures are right-aligned (amounts). */
      numeric: number[];
      /** The last row is a sum (printed bold). */
      sumRow: boolean;
    }
  | { kind: 'signatures'; closing: string; people: { name: string; title: string }[] };

/** What an issued letter prints beside its content: who, to whom, when, with which IDs. */
export interface LetterFacts {
  kind: DocumentKind;
  year: number;
  /** The supplement's number in the agency's year; null for the letter. */
  number: number | null;
  /** The date of issue (YYYY-MM-DD, Europe/Oslo). */
  date: string;
  ministry: string;
  agency: string;
  /** The assignments' IDs, in the content's order. */
  ids: string[];
  /** A supplement's "total allocation so far" tables (derived from the ledger). */
  totals: TotalsTable[];
  locale: LocaleCode;
}

const pad = (post: number) => String(post).padStart(2, '0');

/** A date as the letter prints it: `18. desember 2025`. */
export function longDate(iso: string, locale: LocaleCode): string {
  return formatLongDate(iso, locale);
}

export function letterTitle(
  f: Pick<LetterFacts, 'kind' | 'year' | 'number' | 'agency' | 'locale'>,
  /** A supplement's subject, after its title; ignored for a letter. */
  subject = '',
): string {
  const t = LOCALES[f.locale].letter;
  const pattern =
    f.kind === 'allocation-letter'
      ? t.letterTitle
      : f.number === null
        ? t.supplementDraftTitle
        : t.supplementTitle;
  const title = fill(pattern, (n) =>
    n === 'agency' ? f.agency : n === 'year' ? String(f.year) : String(f.number ?? ''),
  );
  return f.kind === 'supplement' && subject.trim() ? `${title} – ${subject.trim()}` : title;
}

export function layOutLetter(f: LetterFacts, c: DraftContent): Block[] {
  const t = LOCALES[f.locale].letter;
  const text = (key: LetterText, values: Record<string, string | number> = {}) =>
    fill(t[key], (n) => String(values[n] ?? ''));
  const blocks: Block[] = [
    {
      kind: 'letterhead',
      sender: f.ministry,
      dateLabel: t.ourDate,
      date: longDate(f.date, f.locale),
    },
    { kind: 'title', text: letterTitle(f, c.subject) },
    // A title may run over lines (a subject after it): an empty line ends it.
    { kind: 'break' },
  ];
  for (const p of paragraphs(c.preamble)) blocks.push({ kind: 'paragraph', text: p });

  let section = 0;
  const heading = (key: LetterText, values: Record<string, string | number> = {}) =>
    blocks.push({ kind: 'heading', text: `${++section} ${text(key, values)}` });

  if (c.appropriations.length > 0) {
    heading('appropriations');
    const chapters = [...new Set(c.appropriations.map((l) => l.chapter))];
    for (const chapter of chapters) {
      const lines = c.appropriations.filter((l) => l.chapter === chapter);
      const name = lines.find((l) => l.chapterName.trim())?.chapterName ?? f.agency;
      const sum = lines.reduce((s, l) => s + l.amount, 0);
      blocks.push({
        kind: 'table',
        caption: text('tableChapter', { chapter, name }),
        header: [t.tablePost, t.tableName, String(f.year)],
        rows: [
          ...lines.map((l) => [
            pad(l.post),
            [l.postName, ...l.notes].join(', '),
            formatAmount(l.amount),
          ]),
          ...(f.kind === 'allocation-letter'
            ? [['', text('chapterSum', { chapter }), formatAmount(sum)]]
            : []),
        ],
        numeric: [2],
        sumRow: f.kind === 'allocation-letter',
      });
    }
  }

  if (f.totals.length > 0) {
    blocks.push({ kind: 'paragraph', text: text('totals', { agency: f.agency, year: f.year }) });
    for (const table of f.totals) {
      blocks.push({
        kind: 'table',
        caption: text('totalsPost', { chapter: table.chapter, post: pad(table.post) }),
        header: [t.totalsDocument, t.totalsAmount],
        rows: [
          ...table.rows.map((r) => [r.label, formatAmount(r.amount)]),
          [text('totalsTotal', { year: f.year }), formatAmount(table.total)],
        ],
        numeric: [1],
        sumRow: true,
      });
    }
  }

  if (c.goals.length > 0) {
    heading('goals', { year: f.year });
    c.goals.forEach((g, i) => {
      blocks.push({ kind: 'subheading', text: text('goal', { n: i + 1, title: g.title }) });
      if (g.steeringParameters.length > 0) {
        blocks.push({ kind: 'paragraph', text: t.steeringParameters });
        blocks.push({ kind: 'list', items: g.steeringParameters });
      }
      if (g.keyFigures.length > 0) {
        blocks.push({ kind: 'paragraph', text: t.keyFigures });
        blocks.push({ kind: 'list', items: g.keyFigures });
      }
    });
  }

  if (c.assignments.length > 0 || c.carriedOver.length > 0) {
    heading('assignments');
    c.assignments.forEach((a, i) => {
      blocks.push({ kind: 'subheading', text: `${f.ids[i]} ${a.title}` });
      for (const p of paragraphs(a.text)) blocks.push({ kind: 'paragraph', text: p });
      if (a.references.length > 0) {
        blocks.push({
          kind: 'paragraph',
          text: text('references', { ids: a.references.join(', ') }),
        });
      }
      // The whole assignment's deadline before its parts: a line after the last part is read
      // as that part's, as the letters of the family print it.
      if (a.deadline.trim()) {
        blocks.push({ kind: 'paragraph', text: text('deadline', { phrase: a.deadline.trim() }) });
      }
      a.subAssignments.forEach((s, j) => {
        const due = s.deadline.trim() ? ` ${text('deadline', { phrase: s.deadline.trim() })}` : '';
        blocks.push({ kind: 'paragraph', text: `${subLetter(j)}) ${s.text}${due}` });
      });
      // The owner closes the item, as the letters of the family print it.
      if (a.ownerDepartment) {
        blocks.push({
          kind: 'paragraph',
          text: text('ownerDepartment', { code: a.ownerDepartment }),
        });
      }
      blocks.push({ kind: 'break' });
    });
    if (c.carriedOver.length > 0) {
      blocks.push({ kind: 'subheading', text: t.carriedOver });
      for (const o of c.carriedOver) {
        blocks.push({ kind: 'paragraph', text: `${o.id} ${o.title}`.trim() });
      }
    }
  }

  if (c.calendar.length > 0) {
    heading('calendar');
    blocks.push({
      kind: 'table',
      caption: '',
      header: [t.calendarWhen, t.calendarWhat],
      rows: c.calendar.map((item) => [item.when, item.text]),
      numeric: [],
      sumRow: false,
    });
  }

  if (c.signatories.length > 0) {
    blocks.push({ kind: 'signatures', closing: t.closing, people: c.signatories });
  }
  return blocks;
}

/** Paragraphs of a typed text: separated by blank lines, each folded to one line. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '');
}
