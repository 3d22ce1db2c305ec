/**
 * The letter parser: the lines of one imported file → its documents as `ExtractedDocument`s.
 * Pure: no I/O. See index.test.ts and golden.money.seeds.test.ts.
 *
 * Per document: metadata (metadata.ts), the money side (money.ts) and the assignment side
 * (assignments.ts) each report the lines they account for; the union gives `coverage`, and the
 * runs of unaccounted non-blank lines are reported as `unparsed` regions. Items that stand for
 * lines of their own and share some are told as a warning (claims.ts).
 */
import type { Deadline, ExtractedDocument, ImportWarning, Provenance } from '../../contract/letter';
import { MONTHS } from './assign-text';
import { extractAssignmentSide } from './assignments';
import { claimClashes } from './claims';
import { extractMetadata, findTitle, type DocMetadata } from './metadata';
import { extractMoneySide } from './money';
import { splitDocuments } from './split';
import { clean, forgetLineFacts, isBlank, nonBlankLines, span } from './text';
import type { AssignmentSide, DocText, Extracted, SourceLine } from './types';

const EMPTY_ASSIGNMENTS: AssignmentSide = {
  assignments: [],
  carriedOver: [],
  calendar: [],
  goals: [],
  steeringParameters: [],
  commonRequirements: [],
  mandates: [],
  preamble: null,
  priorities: [],
  reportingRequirements: [],
};

/** The assignment side, or an empty one with a warning if that extractor fails. */
function assignmentSide(doc: DocText, reserved: ReadonlySet<number>): Extracted<AssignmentSide> {
  try {
    return extractAssignmentSide(doc, { reserved });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return {
      items: EMPTY_ASSIGNMENTS,
      claimed: new Set(),
      warnings: [{ code: 'assignments-failed', params: { reason: why } }],
    };
  }
}

/** Maximal runs of non-blank, unclaimed lines (blank lines do not break a run). */
export function unparsedRegions(
  lines: readonly SourceLine[],
  claimed: ReadonlySet<number>,
): ExtractedDocument['unparsed'] {
  const out: ExtractedDocument['unparsed'] = [];
  let run: SourceLine[] = [];
  const flush = () => {
    if (run.length > 0)
      out.push({ text: run.map((l) => clean(l.text)).join('\n'), provenance: span(run) });
    run = [];
  };
  for (const line of lines) {
    if (isBlank(line.text)) continue;
    if (claimed.has(line.no)) flush();
    else run.push(line);
  }
  flush();
  return out;
}

export function coverageOf(
  lines: readonly SourceLine[],
  claimed: ReadonlySet<number>,
): ExtractedDocument['coverage'] {
  const nonBlank = nonBlankLines(lines);
  const attributed = nonBlank.filter((l) => claimed.has(l.no)).length;
  const ratio =
    nonBlank.length === 0 ? 1 : Math.round((attributed / nonBlank.length) * 10000) / 10000;
  return { nonBlankLines: nonBlank.length, attributedLines: attributed, ratio };
}

function docSpan(doc: DocText): Provenance {
  const nb = nonBlankLines(doc.lines);
  return span(nb.length > 0 ? nb : doc.lines);
}

/** Ministry and agency carried over from the file's letter when a supplement does not print them. */
function inherit(meta: DocMetadata, from: DocMetadata | null): DocMetadata {
  if (!from) return meta;
  return {
    ...meta,
    ministry: meta.ministry ?? from.ministry,
    ministryOrgNr: meta.ministryOrgNr ?? from.ministryOrgNr,
    agency: meta.agency ?? from.agency,
  };
}

/** Words only a letter or supplement uses; a file without a title must still show them. */
const LETTER_WORDS = /tildelingsbrev|statsbudsjett|\bbevilgning|\bT?TB\s?\d{4}-\d/iu;

/** Whether the split found a letter: a title line, or a budget year and letter words. */
function recognised(docs: readonly DocText[]): boolean {
  return docs.some(
    (d) =>
      findTitle(d) !== null || (d.year !== 0 && d.lines.some((l) => LETTER_WORDS.test(l.text))),
  );
}

/** A phrase shaped as a day of a month: `31.06.2026`, `30. februar`. */
const DATE_SHAPE = new RegExp(
  `^(?:\\S+\\s+)*\\d{1,2}\\.\\s*(?:\\d{1,2}\\.|${MONTHS.join('|')})`,
  'iu',
);

/**
 * A warning for every deadline printed as a date that does not exist (`31.06.2026`): it is kept
 * as printed, undetermined, never moved to a day that does.
 */
function impossibleDates(side: {
  assignments: readonly { deadlines: readonly Deadline[]; provenance: Provenance }[];
  calendar: readonly { deadline: Deadline; provenance: Provenance }[];
}): ImportWarning[] {
  const dated = [
    ...side.assignments.flatMap((a) => a.deadlines.map((d) => ({ d, at: a.provenance }))),
    ...side.calendar.map((c) => ({ d: c.deadline, at: c.provenance })),
  ];
  return dated
    .filter(({ d }) => d.value.kind === 'undetermined' && DATE_SHAPE.test(d.text.trim()))
    .map(({ d, at }) => ({
      code: 'date-impossible' as const,
      params: { date: d.text, from: at.startLine, to: at.endLine },
    }));
}

/** Parse one file's lines into its documents; none when no letter or supplement is recognised. */
export function parseLetters(lines: string[]): ExtractedDocument[] {
  try {
    return parseDocuments(lines);
  } finally {
    forgetLineFacts();
  }
}

function parseDocuments(lines: string[]): ExtractedDocument[] {
  const out: ExtractedDocument[] = [];
  let first: DocMetadata | null = null;
  const docs = splitDocuments(lines);
  if (!recognised(docs)) return [];
  for (const doc of docs) {
    const meta = extractMetadata(doc);
    const money = extractMoneySide(doc);
    const assign = assignmentSide(doc, money.reserved);
    const inDoc = new Set(doc.lines.map((l) => l.no));
    const claimed = new Set<number>();
    for (const part of [meta.claimed, money.claimed, assign.claimed]) {
      for (const no of part) if (inDoc.has(no)) claimed.add(no);
    }
    const items = inherit(meta.items, first);
    first ??= items;
    out.push({
      ...items,
      ...money.items,
      ...assign.items,
      provenance: docSpan(doc),
      unparsed: unparsedRegions(doc.lines, claimed),
      coverage: coverageOf(doc.lines, claimed),
      warnings: [
        ...meta.warnings,
        ...money.warnings,
        ...assign.warnings,
        ...impossibleDates(assign.items),
        ...claimClashes({ ...money.items, ...assign.items }).map((c) => ({
          code: 'lines-read-twice' as const,
          params: { ...c },
        })),
      ],
    });
  }
  return out;
}
