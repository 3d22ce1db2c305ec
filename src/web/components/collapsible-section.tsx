/**
 * A section of a long page that folds (the letter editor's sections, long on a phone): native
 * `<details>`, its summary the section's heading and how many items it holds, open at first
 * on a wide screen and closed on a narrow one. A link to something inside a closed section
 * opens it first (`reveal`).
 */
import { useState, type ReactNode } from 'react';
import { Heading } from '@digdir/designsystemet-react';
import { formatNumber } from '../format';
import { t } from '../locales/nb';

/** Wide enough that the sections start open (narrower: a phone, they start closed). */
const WIDE = '(min-width: 48em)';

export function CollapsibleSection({
  id,
  title,
  count,
  children,
}: {
  /** The heading's id (what labels the section, and what links go to). */
  id: string;
  title: string;
  /** How many items the section holds, shown after its heading; none for a single text. */
  count?: number;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(() => window.matchMedia(WIDE).matches);
  return (
    <section aria-labelledby={id} className="collapsible-section">
      <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          <Heading level={2} data-size="sm" id={id}>
            {title}
          </Heading>
          {count !== undefined && (
            <span className="collapsible-count">
              {t('draft.section.count', { count: formatNumber(count) })}
            </span>
          )}
        </summary>
        <div className="stack">{children}</div>
      </details>
    </section>
  );
}

/**
 * Goes to the element with `id`: the folded sections around it opened first, then scrolled to
 * and focused (a heading gets a tab index for it).
 */
export function reveal(id: string): void {
  const target = document.getElementById(id);
  if (!target) return;
  for (let d = target.closest('details'); d; d = d.parentElement?.closest('details') ?? null) {
    d.open = true;
  }
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.scrollIntoView({ block: 'start' });
  target.focus();
}
