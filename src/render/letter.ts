/**
 * A letter Tildel writes, as a list of blocks in print order (pure): the letterhead, title,
 * preamble, the appropriation tables with derived sums, goals, numbered assignments, the
 * carried-over list, the governance calendar and the signatures. The Word writer (docx.ts)
 * lays these blocks out; the headings and labels come from the locale files, so a letter in
 * another language is a matter of its locale. What it prints is what the importer reads back.
 */
import type { DraftContent } from '../contract/draft';
import type { RichDoc, RichParagraph } from '../contract/rich-text';
import type { DocumentKind } from '../contract/enums';
import { subLetter } from '../contract/draft';
import { lineReason, printedNames, type TotalsTable } from '../domain/draft';
import { formatAmount } from '../domain/money';
import { romanNumeral } from '../domain/numerals';
import type { LetterText } from '../locales/locale';
import { fill, formatLongDate, LOCALES, type LocaleCode } from '../locales/render';

export type Block =
  /**
   * The sender, the addressee (`addressee`: a label over the name, as the address block of a
   * letter; the importer reads the agency from it) and the date.
   */
  | {
      kind: 'letterhead';
      sender: string;
      addressee?: { label: string; name: string };
      dateLabel: string;
      date: string;
    }
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'subheading'; text: string }
  /** `runs`: the text in pieces, bold or italic (rich prose); absent, the text is plain. */
  | { kind: 'paragraph'; text: string; runs?: Run[] }
  /**
   * Bullet items, or numbered ones (`numbered`: printed `(i)`, `(ii)`, … from `start`: numbers
   * and letters at the head of a line are an assignment's parts to the importer). `runs`: each
   * item's text in pieces, as a paragraph's.
   */
  | { kind: 'list'; items: string[]; numbered?: { start: number }; runs?: Run[][] }
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
      // Who the letter is to: a supplement's title names no agency, and one with no money has
      // no totals that do, so the address block is where it reads back from.
      addressee: { label: t.addressee, name: f.agency },
      dateLabel: t.ourDate,
      date: longDate(f.date, f.locale),
    },
    { kind: 'title', text: letterTitle(f, c.subject) },
    // A title may run over lines (a subject after it): an empty line ends it.
    { kind: 'break' },
  ];
  blocks.push(...proseBlocks(c.preamble));

  let section = 0;
  const heading = (key: LetterText, values: Record<string, string | number> = {}) =>
    blocks.push({ kind: 'heading', text: `${++section} ${text(key, values)}` });

  if (c.appropriations.length > 0) {
    heading('appropriations');
    // A supplement's line notes (kind and reason) go on a row of their own under the line, in
    // the name column (`Betegnelse og merknad`): read back as the row's comment.
    const noted = f.kind === 'supplement' && c.appropriations.some((l) => lineNote(t, l) !== '');
    const chapters = [...new Set(c.appropriations.map((l) => l.chapter))];
    for (const chapter of chapters) {
      const lines = c.appropriations.filter((l) => l.chapter === chapter);
      const name = lines.find((l) => l.chapterName.trim())?.chapterName ?? f.agency;
      const sum = lines.reduce((s, l) => s + l.amount, 0);
      blocks.push({
        kind: 'table',
        caption: text('tableChapter', { chapter, name }),
        header: [t.tablePost, noted ? t.tableNameWithNote : t.tableName, String(f.year)],
        rows: [
          ...lines.flatMap((l) => {
            const row = [pad(l.post), [l.postName, ...l.notes].join(', '), formatAmount(l.amount)];
            const note = noted ? lineNote(t, l) : '';
            return note ? [row, ['', note, '']] : [row];
          }),
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

  const changeCount = f.kind === 'supplement' ? (c.assignmentChanges ?? []).length : 0;
  if (c.assignments.length > 0 || c.carriedOver.length > 0 || changeCount > 0) {
    heading('assignments');
    c.assignments.forEach((a, i) => {
      blocks.push({ kind: 'subheading', text: `${f.ids[i]} ${a.title}` });
      blocks.push(...proseBlocks(a.text));
      if (a.references.length > 0) {
        blocks.push({
          kind: 'paragraph',
          text: text('references', { ids: a.references.join(', ') }),
        });
      }
      const details = detailSentences(a, f.locale);
      for (const sentence of [details.collaborators, details.funding]) {
        if (sentence) blocks.push({ kind: 'paragraph', text: sentence });
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
    const changes = f.kind === 'supplement' ? (c.assignmentChanges ?? []) : [];
    if (changes.length > 0) {
      // Each change names the earlier assignment's ID; its title says which change it is.
      blocks.push({ kind: 'subheading', text: t.assignmentChanges });
      for (const ch of changes) {
        const lines = [`${ch.ref} ${t[`change.${ch.kind}`]}`, ...paragraphs(ch.text)];
        if (ch.kind === 'deadline' && ch.deadline.trim()) {
          lines.push(text('deadline', { phrase: ch.deadline.trim().replace(/\.$/, '') }));
        }
        // The last line closes with a full stop: the next change's ID at the start of the line
        // after it opens an item of its own, also where a page breaks between them (PDF).
        const last = lines.length - 1;
        if (!/[.:!?]$/.test(lines[last]!)) lines[last] = `${lines[last]}.`;
        const [head, ...body] = lines;
        blocks.push({ kind: 'subheading', text: head! });
        for (const p of body) blocks.push({ kind: 'paragraph', text: p });
        blocks.push({ kind: 'break' });
      }
    }
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

/**
 * The sentences an assignment's collaborators and funding print as, after its text (null for
 * none): `Oppdraget skal løses i samarbeid med A, B og C.`, `Oppdraget finansieres over kap.
 * 740, post 21 og kap. 741.` The importer reads them back from these words (assign-details.ts).
 */
export function detailSentences(
  a: Pick<DraftContent['assignments'][number], 'collaborators' | 'funding'>,
  locale: LocaleCode,
): { collaborators: string | null; funding: string | null } {
  const t = LOCALES[locale].letter;
  const list = (items: string[]) =>
    items.length < 2
      ? items.join('')
      : `${items.slice(0, -1).join(', ')} ${t.listAnd} ${items.at(-1)!}`;
  const names = printedNames(a.collaborators);
  const lines = a.funding.map((l) =>
    fill(l.post === null ? t.fundingChapter : t.fundingPost, (n) =>
      n === 'chapter' ? String(l.chapter) : n === 'post' ? pad(l.post ?? 0) : '',
    ),
  );
  return {
    collaborators: names.length > 0 ? fill(t.collaborators, () => list(names)) : null,
    funding: lines.length > 0 ? fill(t.funding, () => list(lines)) : null,
  };
}

/**
 * A supplement line's note as printed: its kind in the letter's words, then its reason
 * (`Omgruppering: Midler til …`; `Omgruppering.` without a reason); empty for neither. The
 * ledger reads the kind back from these words (src/domain/ledger.ts `readLineNote`).
 */
function lineNote(t: Record<LetterText, string>, l: DraftContent['appropriations'][number]) {
  const reason = lineReason(l);
  if (!l.kind) return reason;
  const kind = t[`lineKind.${l.kind}`];
  return reason ? `${kind}: ${reason}` : `${kind}.`;
}

/** Paragraphs of a typed text: separated by blank lines, each folded to one line. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '');
}

/** A piece of a line of text as the letter prints it. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

/**
 * A paragraph's text as runs, folded as `paragraphs` folds a typed text: white space as one
 * space, none at either end; empty when it has no text.
 */
function runsOf(p: RichParagraph): Run[] {
  const runs: Run[] = [];
  for (const node of p.content ?? []) {
    let text = node.text.replace(/\s+/g, ' ');
    const before = runs.at(-1);
    if ((before === undefined || before.text.endsWith(' ')) && text.startsWith(' ')) {
      text = text.slice(1);
    }
    if (text === '') continue;
    const marks = node.marks?.map((m) => m.type) ?? [];
    runs.push({
      text,
      ...(marks.includes('bold') ? { bold: true } : {}),
      ...(marks.includes('italic') ? { italic: true } : {}),
    });
  }
  const last = runs.at(-1);
  if (last) {
    last.text = last.text.trimEnd();
    if (last.text === '') runs.pop();
  }
  return runs;
}

const plain = (runs: readonly Run[]) => runs.map((r) => r.text).join('');
const styled = (runs: readonly Run[]) => runs.some((r) => r.bold || r.italic);

/** The blocks a rich prose prints: its paragraphs (empty ones left out) and lists. */
export function proseBlocks(doc: RichDoc): Block[] {
  const blocks: Block[] = [];
  for (const b of doc.content) {
    if (b.type === 'paragraph') {
      const runs = runsOf(b);
      if (runs.length > 0) {
        blocks.push({ kind: 'paragraph', text: plain(runs), ...(styled(runs) ? { runs } : {}) });
      }
      continue;
    }
    // An empty item prints nothing. A numbered one still counts: the items after it keep the
    // numbers the editor shows them with (`(i)`, then `(iii)` after an empty `(ii)`), as a
    // list of their own.
    const runs = b.content.map((i) => runsOf(i.content[0]));
    const start = b.type === 'orderedList' ? b.attrs.start : null;
    let from = 0;
    for (let i = 0; i <= runs.length; i++) {
      if (i < runs.length && (runs[i]!.length > 0 || start === null)) continue;
      const items = runs.slice(from, i).filter((r) => r.length > 0);
      if (items.length > 0) {
        blocks.push({
          kind: 'list',
          items: items.map(plain),
          ...(start !== null ? { numbered: { start: start + from } } : {}),
          ...(items.some(styled) ? { runs: items } : {}),
        });
      }
      from = i + 1;
    }
  }
  return blocks;
}

/** The label a numbered list's item prints with: `(iv)`. */
export const itemLabel = (n: number) => `(${romanNumeral(n)})`;
