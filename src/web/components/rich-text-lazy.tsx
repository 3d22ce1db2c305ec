/**
 * The rich prose field (rich-text-field.tsx) in a chunk of its own: Tiptap and ProseMirror are
 * most of the letter editor's code. Its loading starts when this module is evaluated (with the
 * page that uses it), not when a field is first drawn, so it does not wait on the page's render.
 */
import { lazy, Suspense, type ComponentProps } from 'react';
import type { RichTextField as Field } from './rich-text-field';
import { Loading } from './ui';

const loading = import('./rich-text-field');
const Lazy = lazy(() => loading.then((m) => ({ default: m.RichTextField })));

export function RichTextField(props: ComponentProps<typeof Field>) {
  return (
    <Suspense fallback={<Loading rows={2} />}>
      <Lazy {...props} />
    </Suspense>
  );
}
