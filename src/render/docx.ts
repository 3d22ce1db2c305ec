/**
 * Writes a letter's blocks (letter.ts) as a Word file laid out like a Norwegian ministry
 * letter: the sender and date at the top, the title, numbered headings, tables with
 * right-aligned amounts and a bold sum row, and page numbers in the footer. Uses the `docx`
 * library; one paragraph per line of text, so the importer reads back what was written.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { LOCALES, type LocaleCode } from '../locales/render';
import type { Block, Run } from './letter';

const FONT = 'Liberation Sans';
const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
const borders = { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder };

function table(b: Extract<Block, { kind: 'table' }>): (Paragraph | Table)[] {
  const cell = (text: string, col: number, bold: boolean) =>
    new TableCell({
      borders,
      children: [
        new Paragraph({
          alignment: b.numeric.includes(col) ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text, bold })],
        }),
      ],
    });
  const rows = [
    new TableRow({
      tableHeader: true,
      children: b.header.map((h, col) => cell(h, col, true)),
    }),
    ...b.rows.map(
      (r, i) =>
        new TableRow({
          children: r.map((v, col) => cell(v, col, b.sumRow && i === b.rows.length - 1)),
        }),
    ),
  ];
  const out: (Paragraph | Table)[] = [];
  if (b.caption)
    out.push(new Paragraph({ children: [new TextRun({ text: b.caption, bold: true })] }));
  out.push(new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }));
  out.push(new Paragraph({ text: '' }));
  return out;
}

/** A text's runs, bold and italic as printed (a plain text, one run). */
const textRuns = (text: string, runs: readonly Run[] | undefined) =>
  (runs ?? [{ text }]).map((r) => new TextRun({ text: r.text, bold: r.bold, italics: r.italic }));

/**
 * A list: bullets, or Word's numbering (`(i)`, `(ii)`, … from the list's start), each list its
 * own `instance` so it counts from its start.
 */
function list(b: Extract<Block, { kind: 'list' }>, instance: number): Paragraph[] {
  const start = b.numbered?.start;
  return b.items.map(
    (text, i) =>
      new Paragraph({
        children: textRuns(text, b.runs?.[i]),
        ...(start === undefined
          ? { bullet: { level: 0 } }
          : {
              numbering: {
                reference: {
                  reference: `roman-${start}`,
                  levels: [
                    {
                      level: 0,
                      format: LevelFormat.LOWER_ROMAN,
                      text: '(%1)',
                      start,
                      alignment: AlignmentType.LEFT,
                      style: { paragraph: { indent: { left: 720, hanging: 540 } } },
                    },
                  ],
                },
                level: 0,
                instance,
              },
            }),
      }),
  );
}

function blockToDocx(b: Block, index: number): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'letterhead':
      return [
        new Paragraph({ children: [new TextRun({ text: b.sender, bold: true, size: 28 })] }),
        new Paragraph({ text: '' }),
        ...(b.addressee
          ? [
              new Paragraph({ children: [new TextRun({ text: b.addressee.label, size: 18 })] }),
              new Paragraph({ text: b.addressee.name }),
              new Paragraph({ text: '' }),
            ]
          : []),
        new Paragraph({ children: [new TextRun({ text: b.dateLabel, size: 18 })] }),
        new Paragraph({ text: b.date }),
        new Paragraph({ text: '' }),
      ];
    case 'title':
      return [new Paragraph({ text: b.text, heading: HeadingLevel.TITLE })];
    case 'heading':
      return [new Paragraph({ text: b.text, heading: HeadingLevel.HEADING_1 })];
    case 'subheading':
      return [new Paragraph({ text: b.text, heading: HeadingLevel.HEADING_2 })];
    case 'paragraph':
      return [new Paragraph({ children: textRuns(b.text, b.runs), spacing: { after: 120 } })];
    case 'break':
      return [new Paragraph({ text: '' })];
    case 'list':
      return list(b, index);
    case 'table':
      return table(b);
    case 'signatures':
      return [
        new Paragraph({ text: b.closing, spacing: { before: 240, after: 240 } }),
        ...b.people.flatMap((p) => [
          new Paragraph({ text: p.name }),
          ...(p.title ? [new Paragraph({ text: p.title })] : []),
          new Paragraph({ text: '' }),
        ]),
      ];
  }
}

/** The footer's `Side 1 av 3`, from the locale's pattern. */
function pageNumbers(locale: LocaleCode): ParagraphChild[] {
  const pattern = LOCALES[locale].letter.page;
  return pattern
    .split(/(\{page\}|\{pages\})/)
    .filter((part) => part !== '')
    .map((part) =>
      part === '{page}'
        ? new TextRun({ children: [PageNumber.CURRENT] })
        : part === '{pages}'
          ? new TextRun({ children: [PageNumber.TOTAL_PAGES] })
          : new TextRun(part),
    );
}

export async function letterDocx(
  blocks: Block[],
  meta: { title: string; creator: string; locale: LocaleCode },
): Promise<Buffer> {
  const doc = new Document({
    title: meta.title,
    creator: meta.creator,
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({ alignment: AlignmentType.RIGHT, children: pageNumbers(meta.locale) }),
            ],
          }),
        },
        children: blocks.flatMap((b, i) => blockToDocx(b, i)),
      },
    ],
  });
  return Packer.toBuffer(doc);
}
