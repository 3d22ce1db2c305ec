/**
 * A field of rich prose (a letter's preamble, an assignment's text): Tiptap's editor, kept to
 * what the contract's rich prose holds (src/contract/rich-text.ts: paragraphs, bullet and
 * numbered lists of one paragraph an item, bold and italic), under a visible label, with a
 * toolbar of toggle buttons (arrow keys move between them, as in any toolbar). The editable
 * area is a multi-line textbox named by the label, in the letter's language. Numbered items
 * show `(i)`, `(ii)`, … as the letter prints them.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Button } from '@digdir/designsystemet-react';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import Bold from '@tiptap/extension-bold';
import Document from '@tiptap/extension-document';
import Italic from '@tiptap/extension-italic';
import { BulletList, ListItem, OrderedList } from '@tiptap/extension-list';
import Paragraph from '@tiptap/extension-paragraph';
import Text from '@tiptap/extension-text';
import { UndoRedo } from '@tiptap/extensions';
import type { RichDoc } from '../../contract/rich-text';
import { canonicalJson } from '../../domain/canonical-json';
import { t } from '../locales/nb';

const extensions = [
  Document,
  Paragraph,
  Text,
  Bold,
  Italic,
  BulletList,
  OrderedList,
  // An item is one paragraph: no nested lists, as the letter prints none.
  ListItem.extend({ content: 'paragraph' }),
  UndoRedo,
];

/** The editable area's attributes: a multi-line textbox named by the label, in `lang`. */
const attributes = (labelId: string, readOnly: boolean, lang: string) => ({
  role: 'textbox',
  'aria-multiline': 'true',
  'aria-labelledby': labelId,
  'aria-readonly': String(readOnly),
  lang,
  class: 'rich-text-area',
});

type Tool = 'bold' | 'italic' | 'bulletList' | 'orderedList';
const TOOLS: Tool[] = ['bold', 'italic', 'bulletList', 'orderedList'];
const LABELS = {
  bold: 'richText.bold',
  italic: 'richText.italic',
  bulletList: 'richText.bulletList',
  orderedList: 'richText.orderedList',
} as const satisfies Record<Tool, string>;

const run = (editor: Editor, tool: Tool) => {
  const chain = editor.chain().focus();
  switch (tool) {
    case 'bold':
      return chain.toggleBold().run();
    case 'italic':
      return chain.toggleItalic().run();
    case 'bulletList':
      return chain.toggleBulletList().run();
    case 'orderedList':
      return chain.toggleOrderedList().run();
  }
};

export function RichTextField({
  label,
  labelId: givenLabelId,
  value,
  onChange,
  lang,
  readOnly,
}: {
  label: string;
  /** The id of a visible label already on the page (a section's heading), instead of its own. */
  labelId?: string;
  value: RichDoc;
  onChange: (value: RichDoc) => void;
  /** The letter's language (its text is in it, whatever the page's). */
  lang: string;
  readOnly: boolean;
}) {
  const ownLabelId = useId();
  const labelId = givenLabelId ?? ownLabelId;
  // The value last sent up or taken: another (the server's after a reload, a merged save's)
  // replaces the editor's; the same one anew (the page's content remade around it) does not.
  const sent = useRef(value);
  const change = useRef(onChange);
  change.current = onChange;
  const editor = useEditor({
    extensions,
    content: value,
    editable: !readOnly,
    immediatelyRender: true,
    // Its styles are in styles.css: the page's content security policy allows no style tag.
    injectCSS: false,
    shouldRerenderOnTransaction: false,
    editorProps: { attributes: attributes(labelId, readOnly, lang) },
    onUpdate: ({ editor: e }) => {
      const doc = e.getJSON() as RichDoc;
      sent.current = doc;
      change.current(doc);
    },
  });
  useEffect(() => {
    if (value === sent.current || canonicalJson(value) === canonicalJson(sent.current)) return;
    sent.current = value;
    replaceContent(editor, value);
  }, [editor, value]);
  useEffect(() => {
    editor.setEditable(!readOnly, false);
    editor.setOptions({ editorProps: { attributes: attributes(labelId, readOnly, lang) } });
  }, [editor, readOnly, lang, labelId]);

  return (
    <div className="rich-text">
      {!givenLabelId && (
        <span className="draft-field-label" id={labelId}>
          {label}
        </span>
      )}
      {!readOnly && <Toolbar editor={editor} label={label} />}
      <EditorContent editor={editor} />
    </div>
  );
}

/**
 * Puts `value` in the editor as it would be typed elsewhere: only the part that differs is
 * replaced, so the caret and selection stay where they are (moved along with the text before
 * them), and outside the undo history (undoing one's own typing does not undo it) and without
 * telling it up as an edit.
 */
function replaceContent(editor: Editor, value: RichDoc) {
  const { state } = editor;
  let next;
  try {
    next = state.schema.nodeFromJSON(value);
  } catch {
    editor.chain().setMeta('addToHistory', false).setContent(value, { emitUpdate: false }).run();
    return;
  }
  const start = state.doc.content.findDiffStart(next.content);
  if (start === null) return;
  let { a: end, b: nextEnd } = state.doc.content.findDiffEnd(next.content)!;
  // Where the two differ by a repeated piece, both ends may fall before the start.
  const overlap = start - Math.min(end, nextEnd);
  if (overlap > 0) {
    end += overlap;
    nextEnd += overlap;
  }
  editor.view.dispatch(
    state.tr
      .replace(start, end, next.slice(start, nextEnd))
      .setMeta('addToHistory', false)
      .setMeta('preventUpdate', true),
  );
}

/** The formatting buttons: one tab stop, arrow keys (and Home, End) between the buttons. */
function Toolbar({ editor, label }: { editor: Editor; label: string }) {
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
    }),
  });
  const [focus, setFocus] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const move = (e: KeyboardEvent) => {
    const last = TOOLS.length - 1;
    const to =
      e.key === 'ArrowRight'
        ? focus === last
          ? 0
          : focus + 1
        : e.key === 'ArrowLeft'
          ? focus === 0
            ? last
            : focus - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : null;
    if (to === null) return;
    e.preventDefault();
    setFocus(to);
    buttons.current[to]?.focus();
  };
  return (
    <div
      role="toolbar"
      aria-label={t('richText.toolbar', { field: label })}
      className="rich-text-toolbar"
      onKeyDown={move}
    >
      {TOOLS.map((tool, i) => (
        <Button
          key={tool}
          ref={(b) => {
            buttons.current[i] = b;
          }}
          type="button"
          variant="tertiary"
          data-size="sm"
          className="rich-text-tool"
          data-tool={tool}
          tabIndex={i === focus ? 0 : -1}
          aria-pressed={active?.[tool] ?? false}
          // Keeps the text's selection: the button acts on it.
          onMouseDown={(e) => e.preventDefault()}
          onFocus={() => setFocus(i)}
          onClick={() => run(editor, tool)}
        >
          {t(LABELS[tool])}
        </Button>
      ))}
    </div>
  );
}
