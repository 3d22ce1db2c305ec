/**
 * Rich prose of a letter written in Tildel (a draft's preamble, an assignment's text): a strict,
 * bounded subset of ProseMirror's JSON, which the web client's editor (Tiptap) reads and writes.
 * A document is paragraphs, bullet lists and numbered lists (list items hold one paragraph);
 * text may be bold or italic, nothing else: no links, headings, images, tables or nested lists,
 * so what an officer writes is what the letter can print and the importer can read back.
 *
 * Drafts saved before rich prose hold a plain string (paragraphs separated by blank lines,
 * `• `/`- ` lines as bullet items): the schemas accept both and answer the document, so the API
 * always sends documents and a stored string is read as its document (`richText`).
 */
import { z } from 'zod';

/** How many nodes (blocks, items, text runs) one document may hold. */
export const RICH_TEXT_MAX_NODES = 4_000;

const Mark = z.strictObject({ type: z.enum(['bold', 'italic']) });
export type RichMark = z.infer<typeof Mark>['type'];

const TextNode = z.strictObject({
  type: z.literal('text'),
  text: z.string().min(1).max(20_000),
  marks: z.array(Mark).max(2).optional(),
});
export type RichTextNode = z.infer<typeof TextNode>;

const Paragraph = z.strictObject({
  type: z.literal('paragraph'),
  content: z.array(TextNode).max(1_000).optional(),
});
export type RichParagraph = z.infer<typeof Paragraph>;

const ListItem = z.strictObject({
  type: z.literal('listItem'),
  content: z.tuple([Paragraph]),
});

const BulletList = z.strictObject({
  type: z.literal('bulletList'),
  content: z.array(ListItem).min(1).max(500),
});

const items = z.array(ListItem).min(1).max(500);

/** A numbered list as the editor may send it (`type`, of an HTML list, is not kept). */
const OrderedListInput = z.strictObject({
  type: z.literal('orderedList'),
  attrs: z
    .strictObject({
      start: z.int().min(1).max(999).optional(),
      type: z.string().max(1).nullable().optional(),
    })
    .optional(),
  content: items,
});

const OrderedList = z.strictObject({
  type: z.literal('orderedList'),
  /** The first item's number. */
  attrs: z.strictObject({ start: z.int().min(1).max(999) }),
  content: items,
});

/** A document as the editor sends it (before `canonical`). */
const DocInput = z.strictObject({
  type: z.literal('doc'),
  content: z
    .array(z.discriminatedUnion('type', [Paragraph, BulletList, OrderedListInput]))
    .max(1_000),
});
export type RichDocInput = z.infer<typeof DocInput>;

/** A rich document as Tildel keeps and sends it: canonical (see `canonical`), never empty. */
export const RichDoc = z.strictObject({
  type: z.literal('doc'),
  content: z
    .array(z.discriminatedUnion('type', [Paragraph, BulletList, OrderedList]))
    .min(1)
    .max(1_000),
});
export type RichDoc = z.infer<typeof RichDoc>;
export type RichBlock = RichDoc['content'][number];
type RichListItem = z.infer<typeof ListItem>;

const nodeCount = (d: RichDoc) =>
  d.content.reduce((n, b) => {
    if (b.type === 'paragraph') return n + 1 + (b.content?.length ?? 0);
    return n + 1 + b.content.reduce((m, i) => m + 2 + (i.content[0].content?.length ?? 0), 0);
  }, 1);

/**
 * Prose of at most `max` characters: a document, or (written before rich prose) a string read as
 * one. Answers the canonical document.
 */
export const RichProse = (max: number) =>
  z
    .union([z.string().max(max), DocInput])
    .transform(richText)
    .pipe(
      RichDoc.superRefine((d, ctx) => {
        if (plainText(d).length > max) {
          ctx.addIssue({ code: 'custom', message: `at most ${max} characters of text` });
        }
        if (nodeCount(d) > RICH_TEXT_MAX_NODES) {
          ctx.addIssue({ code: 'custom', message: `at most ${RICH_TEXT_MAX_NODES} nodes` });
        }
      }),
    )
    .meta({
      description:
        'Rich prose: a ProseMirror document of paragraphs, bullet lists and numbered lists, text bold or italic (a plain string is accepted and read as one)',
    });

/** The document of no text: one empty paragraph (an editor needs a block to type in). */
export const emptyRichText = (): RichDoc => ({ type: 'doc', content: [{ type: 'paragraph' }] });

const BULLET = /^(?:•|-)\s+/;

/**
 * A document from a plain string as drafts held it before rich prose: paragraphs separated by
 * blank lines, each folded to one line; lines starting with `• ` or `- ` are bullet items (one
 * list while no paragraph comes between).
 */
export function richTextFromString(text: string): RichDoc {
  const blocks: RichBlock[] = [];
  const paragraph = (t: string): RichParagraph => {
    const folded = t.replace(/\s+/g, ' ').trim();
    return folded
      ? { type: 'paragraph', content: [{ type: 'text', text: folded }] }
      : { type: 'paragraph' };
  };
  for (const chunk of text.split(/\n\s*\n/)) {
    let prose: string[] = [];
    const flush = () => {
      const p = paragraph(prose.join(' '));
      if (p.content) blocks.push(p);
      prose = [];
    };
    for (const line of chunk.split('\n')) {
      const bullet = BULLET.exec(line.trim());
      if (!bullet) {
        prose.push(line);
        continue;
      }
      flush();
      const item: RichListItem = {
        type: 'listItem',
        content: [paragraph(line.trim().slice(bullet[0].length))],
      };
      const last = blocks.at(-1);
      if (last?.type === 'bulletList') last.content.push(item);
      else blocks.push({ type: 'bulletList', content: [item] });
    }
    flush();
  }
  return blocks.length > 0 ? { type: 'doc', content: blocks } : emptyRichText();
}

const MARK_ORDER: RichMark[] = ['bold', 'italic'];

/**
 * A paragraph as Tildel keeps it: line breaks in text as spaces, marks once each in one order,
 * neighbouring text of the same marks as one node.
 */
function canonicalParagraph(p: RichParagraph): RichParagraph {
  const out: RichTextNode[] = [];
  for (const node of p.content ?? []) {
    const text = node.text.replace(/[\r\n\t]/g, ' ');
    const kinds = MARK_ORDER.filter((m) => node.marks?.some((k) => k.type === m));
    const last = out.at(-1);
    const sameMarks = last && (last.marks ?? []).map((m) => m.type).join() === kinds.join();
    if (last && sameMarks) last.text += text;
    else
      out.push({
        type: 'text',
        text,
        ...(kinds.length ? { marks: kinds.map((type) => ({ type })) } : {}),
      });
  }
  return out.length > 0 ? { type: 'paragraph', content: out } : { type: 'paragraph' };
}

/** A document as Tildel keeps it (idempotent): canonical paragraphs, numbered lists' start only. */
export function canonical(d: RichDocInput): RichDoc {
  const item = (i: z.infer<typeof ListItem>): RichListItem => ({
    type: 'listItem',
    content: [canonicalParagraph(i.content[0])],
  });
  const content = d.content.map((b): RichBlock => {
    switch (b.type) {
      case 'paragraph':
        return canonicalParagraph(b);
      case 'bulletList':
        return { type: 'bulletList', content: b.content.map(item) };
      case 'orderedList':
        return {
          type: 'orderedList',
          attrs: { start: b.attrs?.start ?? 1 },
          content: b.content.map(item),
        };
    }
  });
  return content.length > 0 ? { type: 'doc', content } : emptyRichText();
}

/** Prose as a document: a string (a draft saved before rich prose) read as one, a document kept canonical. */
export function richText(v: string | RichDocInput): RichDoc {
  return typeof v === 'string' ? richTextFromString(v) : canonical(v);
}

/** A paragraph's text without its marks. */
export const paragraphText = (p: RichParagraph) => (p.content ?? []).map((n) => n.text).join('');

/**
 * The document's text without its marks, for comparing and searching: paragraphs separated by
 * blank lines, list items one a line (`• ` and `1. ` before them).
 */
export function plainText(d: RichDoc): string {
  return d.content
    .map((b) => {
      if (b.type === 'paragraph') return paragraphText(b);
      return b.content
        .map((i, n) => {
          const mark = b.type === 'bulletList' ? '•' : `${b.attrs.start + n}.`;
          return `${mark} ${paragraphText(i.content[0])}`;
        })
        .join('\n');
    })
    .filter((t) => t.trim() !== '')
    .join('\n\n');
}
