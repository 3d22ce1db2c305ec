/**
 * The archival PDFs Tildel writes for an archive extract (src/render/noark.ts) where it holds no
 * PDF of its own (pure; blocks for the letters' PDF writer, pdf.ts): an imported letter from the
 * text read from its file (Tildel keeps the text, its checksum and format, not the file), and a
 * report as the agency submitted it (the content whose SHA-256 is the submission's hash).
 * Norwegian (bokmål), like the extract's metadata.
 */
import { ANNUAL_PARTS } from '../contract/enums';
import type { ReportContent } from '../contract/report';
import { formatAmount } from '../domain/money';
import { LOCALES } from '../locales/render';
import { longDate, type Block } from './letter';

/** What a letter's archival PDF prints: who, when, the title and the text as read. */
export interface LetterTextFacts {
  title: string;
  ministry: string;
  /** The date the letter bears (YYYY-MM-DD), or null when it was not read. */
  date: string | null;
  /** The document's text: its lines of the source file. */
  body: string;
  source: { name: string; format: string; sha256: string };
}

/** The text in paragraphs (blank lines part them; the lines inside one are kept). */
function textParagraphs(body: string): string[] {
  return body
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.trimEnd())
        .join('\n')
        .trim(),
    )
    .filter((p) => p !== '');
}

export function letterTextBlocks(f: LetterTextFacts): Block[] {
  return [
    {
      kind: 'letterhead',
      sender: f.ministry,
      dateLabel: LOCALES.nb.annualReport.date,
      date: f.date ? longDate(f.date, 'nb') : '–',
    },
    { kind: 'title', text: f.title },
    {
      kind: 'paragraph',
      text: `Arkivversjon skrevet av Tildel fra teksten lest fra ${f.source.name} (${f.source.format.toUpperCase()}, SHA-256 ${f.source.sha256}).`,
    },
    { kind: 'break' },
    ...textParagraphs(f.body).map((text): Block => ({ kind: 'paragraph', text })),
  ];
}

/**
 * What a report's archival PDF prints: only what the submitted revision stored (its content, its
 * hash, when) and what never changes once a report is submitted (agency, kind, period), so a
 * revision's PDF has the same bytes in every later extract. The report's title, its signatures
 * and the assignments' titles are not stored per revision (they can change after it); the PDF
 * says so, names each assignment by its id, and the signatures are in endringslogg.xml.
 */
export interface ReportFacts {
  agency: string;
  kind: 'status' | 'annual';
  periodYear: number;
  revision: number;
  /** The day it was submitted (YYYY-MM-DD, Europe/Oslo). */
  submitted: string;
  sha256: string;
  content: ReportContent;
  /**
   * The text of each steering parameter the content names, by id: a row of the letter version
   * that set it, never changed after the import (so the same in every extract).
   */
  steeringParameters: ReadonlyMap<string, string>;
}

/** The heading of a report's archival PDF (also its PDF title). */
export const reportHeading = (f: Pick<ReportFacts, 'kind' | 'periodYear' | 'agency'>) =>
  `${f.kind === 'annual' ? 'Årsrapport' : 'Rapport'} for ${f.periodYear} fra ${f.agency}`;

const ANNUAL_HEADINGS = LOCALES.nb.annualReport;
const NUMERALS = ['I', 'II', 'III', 'IV', 'V', 'VI'];
const amount = (n: number | null) => (n === null ? '–' : formatAmount(n));

export function reportBlocks(f: ReportFacts): Block[] {
  const c = f.content;
  const blocks: Block[] = [
    { kind: 'letterhead', sender: f.agency, dateLabel: 'Sendt', date: longDate(f.submitted, 'nb') },
    { kind: 'title', text: reportHeading(f) },
    {
      kind: 'paragraph',
      text: `Innsendt versjon ${f.revision}. Arkivversjon skrevet av Tildel fra innholdet slik det ble sendt (SHA-256 ${f.sha256}).`,
    },
    {
      kind: 'paragraph',
      text: 'Rapportens tittel, signaturene og oppdragenes titler lagres ikke per innsendt versjon og er ikke med her: tittelen står i journalposten, signaturene i endringsloggen (report.sign), oppdragene er navngitt med sin id i Tildel.',
    },
  ];
  if (c.annual) {
    ANNUAL_PARTS.forEach((part, i) => {
      blocks.push({
        kind: 'heading',
        text: `${NUMERALS[i]}. ${ANNUAL_HEADINGS[`part.${part}`]}`,
      });
      const text = c.annual![part];
      for (const p of textParagraphs(text || ANNUAL_HEADINGS.notWritten)) {
        blocks.push({ kind: 'paragraph', text: p });
      }
    });
  }
  const entries = c.assignments.filter((a) => a.deviation || a.cause || a.measures);
  if (entries.length > 0) {
    blocks.push({ kind: 'heading', text: 'Avvik i oppdrag' });
    for (const a of entries) {
      blocks.push({ kind: 'subheading', text: `Oppdrag ${a.assignmentId}` });
      if (a.deviation) blocks.push({ kind: 'paragraph', text: `Avvik: ${a.deviation}` });
      if (a.cause) blocks.push({ kind: 'paragraph', text: `Årsak: ${a.cause}` });
      if (a.measures) blocks.push({ kind: 'paragraph', text: `Tiltak: ${a.measures}` });
    }
  }
  if (c.budget.length > 0) {
    blocks.push({
      kind: 'table',
      caption: 'Budsjett (i 1000 kr)',
      header: ['Kap. post', 'Regnskap hittil', 'Prognose', 'Forklaring'],
      rows: c.budget.map((b) => [
        `${b.chapter} ${String(b.post).padStart(2, '0')}`,
        amount(b.accountsToDate),
        amount(b.forecast),
        b.explanation,
      ]),
      numeric: [1, 2],
      sumRow: false,
    });
  }
  if (c.risks.length > 0) {
    blocks.push({
      kind: 'table',
      caption: 'Risikoer',
      header: ['Mål', 'Risiko', 'Før tiltak', 'Tiltak', 'Etter tiltak'],
      rows: c.risks.map((r) => [
        r.goal,
        r.description,
        `${r.likelihood} × ${r.consequence}`,
        r.measures,
        `${r.residualLikelihood} × ${r.residualConsequence}`,
      ]),
      numeric: [],
      sumRow: false,
    });
  }
  const values = c.steeringParameters.filter((v) => v.value !== null || v.comment);
  if (values.length > 0) {
    blocks.push({
      kind: 'table',
      caption: 'Styringsparametere',
      header: ['Parameter', 'Verdi', 'Kommentar'],
      rows: values.map((v) => [
        f.steeringParameters.get(v.steeringParameterId) ?? v.steeringParameterId,
        v.value === null ? '–' : `${v.value}${v.unit ? ` ${v.unit}` : ''}`,
        v.comment,
      ]),
      numeric: [],
      sumRow: false,
    });
  }
  return blocks;
}
