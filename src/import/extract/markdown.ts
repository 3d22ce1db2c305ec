/**
 * Markdown (.md) → lines, in the form the other extractors give: one line per heading,
 * paragraph and list item (bullets as `• `, numbers as printed), one line per table row with the
 * cells separated by CELL_SEPARATOR, a blank line (one space) after each block, as between a
 * PDF's paragraphs, nothing for images and rules. Markdown is what PDF
 * converters and document pipelines produce, so it is read by a real CommonMark + GFM parser
 * (markdown-it), and the HTML such converters leave inside it (`<br>`, `<p>`, `<ul>` in table
 * cells, whole `<table>` blocks) by a real HTML parser (htmlparser2), never by patterns.
 */
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { CELL_SEPARATOR } from './docx';

const md = new MarkdownIt('default', {
  html: true,
  linkify: false,
  typographer: false,
});

/** Block-level HTML elements: each starts a new line of its own outside tables. */
const HTML_BLOCKS = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'blockquote',
  'section',
  'article',
  'header',
  'footer',
  'pre',
  'tr',
  'table',
  'thead',
  'tbody',
]);

/** The line between two blocks. */
const BLOCK_END = ' ';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The text of HTML as one run (for a table cell or an inline fragment): blocks and breaks are spaces. */
function htmlText(nodes: readonly ChildNode[]): string {
  let out = '';
  for (const n of nodes) {
    if (n.type === 'text') out += n.data;
    else if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
      const el = n as Element;
      if (el.name === 'script' || el.name === 'style') continue;
      if (el.name === 'br' || HTML_BLOCKS.has(el.name) || el.name === 'td' || el.name === 'th') {
        out += ' ';
      }
      out += htmlText(el.children);
      if (HTML_BLOCKS.has(el.name) || el.name === 'td' || el.name === 'th') out += ' ';
    }
  }
  return out;
}

/** HTML outside Markdown's own blocks: tables as rows of cells, other blocks as lines. */
function htmlLines(html: string): string[] {
  const lines: string[] = [];
  let buf = '';
  const flush = () => {
    const line = squash(buf);
    if (line !== '') lines.push(line);
    buf = '';
  };
  const walk = (nodes: readonly ChildNode[]) => {
    for (const n of nodes) {
      if (n.type === 'text') {
        buf += n.data;
        continue;
      }
      if (n.type !== 'tag') continue;
      const el = n as Element;
      if (el.name === 'tr') {
        flush();
        const cells = el.children
          .filter((c): c is Element => c.type === 'tag' && (c.name === 'td' || c.name === 'th'))
          .map((c) => squash(htmlText(c.children)));
        if (cells.some((c) => c !== '')) lines.push(cells.join(CELL_SEPARATOR));
      } else if (el.name === 'br') {
        flush();
      } else if (el.name === 'li') {
        flush();
        buf = '• ';
        walk(el.children);
        flush();
      } else if (HTML_BLOCKS.has(el.name)) {
        flush();
        walk(el.children);
        flush();
      } else {
        walk(el.children);
      }
    }
  };
  walk(parseDocument(html, { decodeEntities: true }).children);
  flush();
  return lines;
}

/** The plain text of an inline token's children (emphasis dropped, breaks and HTML as spaces). */
function inlineText(children: readonly Token[] | null): string {
  let out = '';
  let html = '';
  const endHtml = () => {
    if (html !== '') out += htmlText(parseDocument(html, { decodeEntities: true }).children);
    html = '';
  };
  for (const t of children ?? []) {
    if (t.type === 'html_inline') {
      html += t.content;
      continue;
    }
    endHtml();
    if (t.type === 'text' || t.type === 'code_inline') out += t.content;
    else if (t.type === 'softbreak' || t.type === 'hardbreak') out += ' ';
    // Images carry no letter text; links keep their text (their `text` children).
  }
  endHtml();
  return squash(out);
}

/** Markdown text → lines for the letter parser. */
export function markdownToLines(text: string): string[] {
  const tokens = md.parse(text, {});
  const lines: string[] = [];
  const push = (line: string) => {
    if (line !== '') lines.push(line);
  };
  /**
   * A line holding one space ends a block (never two in a row). Each paragraph is one line here,
   * so blank lines are as many as text lines, which the parser reads as double-spaced text:
   * there, a blank line holding a space is what marks a paragraph break (parse/assign-text.ts).
   */
  const endBlock = () => {
    if (lines.length > 0 && lines[lines.length - 1] !== BLOCK_END) lines.push(BLOCK_END);
  };
  /** Markers of the list items open around the current token, innermost last. */
  const items: string[] = [];
  let row: string[] | null = null;
  let cell = false;
  let listOrdinal: number[] = [];

  for (const t of tokens) {
    switch (t.type) {
      case 'bullet_list_open':
        listOrdinal.push(-1);
        break;
      case 'ordered_list_open':
        listOrdinal.push(Number(t.attrGet('start') ?? '1'));
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        listOrdinal = listOrdinal.slice(0, -1);
        endBlock();
        break;
      case 'list_item_open': {
        const ordinal = listOrdinal.at(-1) ?? -1;
        const depth = '  '.repeat(Math.max(0, listOrdinal.length - 1));
        if (ordinal < 0) items.push(`${depth}• `);
        else {
          items.push(`${depth}${t.info || String(ordinal)}${t.markup || '.'} `);
          listOrdinal[listOrdinal.length - 1] = ordinal + 1;
        }
        break;
      }
      case 'list_item_close':
        items.pop();
        break;
      case 'paragraph_close':
        // A tight list's items are lines of one block, as in a PDF; a loose list's are blocks.
        if (!t.hidden) endBlock();
        break;
      case 'heading_close':
      case 'table_close':
      case 'blockquote_close':
        endBlock();
        break;
      case 'tr_open':
        row = [];
        break;
      case 'tr_close':
        if (row && row.some((c) => c !== '')) lines.push(row.join(CELL_SEPARATOR).trimEnd());
        row = null;
        break;
      case 'th_open':
      case 'td_open':
        cell = true;
        break;
      case 'th_close':
      case 'td_close':
        cell = false;
        break;
      case 'inline': {
        const content = inlineText(t.children);
        if (cell && row) {
          row.push(content);
        } else if (items.length > 0) {
          // The first paragraph of an item carries its marker; later ones run on without it.
          const marker = items[items.length - 1]!;
          push(content === '' ? '' : `${marker}${content}`);
          items[items.length - 1] = ' '.repeat(marker.length);
        } else {
          push(content);
        }
        break;
      }
      case 'html_block':
        for (const line of htmlLines(t.content)) push(line);
        endBlock();
        break;
      case 'fence':
      case 'code_block':
        for (const line of t.content.split('\n')) push(line.trimEnd());
        endBlock();
        break;
    }
  }
  if (lines.at(-1) === BLOCK_END) lines.pop();
  return lines;
}
