/**
 * Rich prose: what the schema accepts (a document of the kept subset, or a string of a draft
 * saved before), what it refuses, and how a string is read as a document.
 */
import { describe, expect, it } from 'vitest';
import { DraftContent, draftContentFromStored } from './draft';
import {
  RichProse,
  RICH_TEXT_MAX_NODES,
  canonical,
  plainText,
  richText,
  richTextFromString,
  type RichDoc,
} from './rich-text';

const para = (text: string, marks?: ('bold' | 'italic')[]) => ({
  type: 'paragraph' as const,
  content: [
    { type: 'text' as const, text, ...(marks ? { marks: marks.map((type) => ({ type })) } : {}) },
  ],
});
const item = (text: string) => ({
  type: 'listItem' as const,
  content: [para(text)] as [ReturnType<typeof para>],
});

/** What the editor (Tiptap) sends for a preamble with a bold word, bullets and a numbered list. */
const fromEditor = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Departementet ' },
        { type: 'text', text: 'viser', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' til Prop. 1 S.' },
      ],
    },
    { type: 'bulletList', content: [item('første punkt'), item('andre punkt')] },
    { type: 'orderedList', attrs: { start: 1, type: null }, content: [item('ett'), item('to')] },
    { type: 'paragraph' },
  ],
};

describe('rich prose', () => {
  const schema = RichProse(5_000);

  it('accepts what the editor sends and answers it canonical', () => {
    const doc = schema.parse(fromEditor);
    expect(doc.content[2]).toEqual({
      type: 'orderedList',
      attrs: { start: 1 },
      content: [item('ett'), item('to')],
    });
    expect(plainText(doc)).toBe(
      'Departementet viser til Prop. 1 S.\n\n• første punkt\n• andre punkt\n\n1. ett\n2. to',
    );
    // Canonical is idempotent: what the server answers it takes back unchanged.
    expect(schema.parse(doc)).toEqual(doc);
  });

  it('accepts a string of a draft saved before and reads it as a document', () => {
    const doc = schema.parse(
      'Første avsnitt\nover to linjer.\n\nDirektoratet skal:\n• kartlegge\n- foreslå tiltak\n\n• og rapportere\n\nSiste avsnitt.',
    );
    expect(doc).toEqual({
      type: 'doc',
      content: [
        para('Første avsnitt over to linjer.'),
        para('Direktoratet skal:'),
        {
          type: 'bulletList',
          content: [item('kartlegge'), item('foreslå tiltak'), item('og rapportere')],
        },
        para('Siste avsnitt.'),
      ],
    });
    expect(schema.parse('')).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
  });

  it('merges neighbouring text of the same marks, marks in one order, line breaks as spaces', () => {
    const doc = canonical({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'a', marks: [{ type: 'italic' }, { type: 'bold' }] },
            { type: 'text', text: 'b\nc', marks: [{ type: 'bold' }, { type: 'italic' }] },
            { type: 'text', text: 'd', marks: [] },
          ],
        },
      ],
    });
    expect(doc.content).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'ab c', marks: [{ type: 'bold' }, { type: 'italic' }] },
          { type: 'text', text: 'd' },
        ],
      },
    ]);
  });

  it.each([
    [
      'a heading',
      { type: 'doc', content: [{ type: 'heading', attrs: { level: 1 }, content: [] }] },
    ],
    [
      'an image',
      { type: 'doc', content: [{ type: 'image', attrs: { src: 'https://x.test/a.png' } }] },
    ],
    [
      'a link mark',
      {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              {
                type: 'text',
                text: 'x',
                marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }],
              },
            ],
          },
        ],
      },
    ],
    [
      'an attribute on a mark',
      {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'x', marks: [{ type: 'bold', attrs: { class: 'x' } }] },
            ],
          },
        ],
      },
    ],
    ['an unknown key', { type: 'doc', content: [{ ...para('x'), attrs: { style: 'color:red' } }] }],
    [
      'a nested list',
      {
        type: 'doc',
        content: [
          {
            type: 'bulletList',
            content: [
              {
                type: 'listItem',
                content: [para('x'), { type: 'bulletList', content: [item('y')] }],
              },
            ],
          },
        ],
      },
    ],
    ['an empty list', { type: 'doc', content: [{ type: 'bulletList', content: [] }] }],
    [
      'empty text',
      { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '' }] }] },
    ],
    [
      'HTML as a node',
      { type: 'doc', content: [{ type: 'html', text: '<script>alert(1)</script>' }] },
    ],
    ['not a document', { type: 'paragraph', content: [] }],
    ['a number', 42],
  ])('refuses %s', (_, value) => {
    expect(schema.safeParse(value).success).toBe(false);
  });

  it('bounds the text and the nodes', () => {
    expect(RichProse(10).safeParse('x'.repeat(11)).success).toBe(false);
    expect(RichProse(10).safeParse({ type: 'doc', content: [para('x'.repeat(11))] }).success).toBe(
      false,
    );
    // Many short paragraphs: within the text's bound, beyond the nodes'.
    const many = { type: 'doc', content: Array.from({ length: 1_000 }, () => para('x')) };
    expect(RichProse(100_000).safeParse(many).success).toBe(true);
    const lists = {
      type: 'doc',
      content: Array.from({ length: 10 }, () => ({
        type: 'bulletList',
        content: Array.from({ length: 200 }, () => item('x')),
      })),
    };
    expect(10 * 200 * 3).toBeGreaterThan(RICH_TEXT_MAX_NODES);
    expect(RichProse(100_000).safeParse(lists).success).toBe(false);
  });
});

describe("a draft's content with rich prose", () => {
  it('accepts a content of a draft saved before, its prose as strings', () => {
    const parsed = DraftContent.parse({
      preamble: 'Innledning.',
      appropriations: [],
      goals: [],
      assignments: [
        {
          key: '00000000-0000-4000-8000-000000000001',
          ownerDepartment: null,
          title: 'Oppdrag',
          text: 'Tekst.\n\n• punkt',
          deadline: '',
          subAssignments: [],
          references: [],
        },
      ],
      carriedOver: [],
      calendar: [],
      signatories: [],
    });
    expect(parsed.preamble).toEqual(richText('Innledning.'));
    expect(parsed.assignments[0]!.text.content.map((b) => b.type)).toEqual([
      'paragraph',
      'bulletList',
    ]);
  });

  it('reads a stored content with strings as documents, one with documents as it is', () => {
    const doc: RichDoc = { type: 'doc', content: [para('Tekst', ['bold'])] };
    const stored = DraftContent.parse({
      preamble: doc,
      appropriations: [],
      goals: [],
      assignments: [],
      carriedOver: [],
      calendar: [],
      signatories: [],
    });
    expect(draftContentFromStored(stored)).toEqual(stored);
    expect(draftContentFromStored({ ...stored, preamble: 'Tekst' }).preamble).toEqual(
      richTextFromString('Tekst'),
    );
  });
});
