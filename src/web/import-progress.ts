/**
 * What the import page says about each file of a run: «Fil 2 av 5: brev.pdf — laster opp 40 %»,
 * «… — leser og tolker …» once the file is sent and the server reads it, then «ferdig»,
 * «avvist», «feilet» or «avbrutt».
 */
import type { ImportFileResult } from '../contract/api';
import { formatPercent } from './format';
import { t } from './locales/nb';

/** Where one file of a run is. */
export type Phase =
  | { kind: 'waiting' }
  /** Being sent; `ratio` (0–1) when the browser knows the size. */
  | { kind: 'uploading'; ratio: number | null }
  /** Sent; the server reads and parses it. */
  | { kind: 'parsing' }
  | { kind: 'done'; results: ImportFileResult[] }
  | { kind: 'failed'; error: unknown }
  | { kind: 'cancelled' };

export interface Item {
  name: string;
  /** The file's size in bytes, as the browser knows it. */
  size?: number;
  phase: Phase;
}

/** Every file of the answer was refused. */
export const allRefused = (results: readonly ImportFileResult[]) =>
  results.length > 0 && results.every((r) => r.status === 'refused');

/** «laster opp 40 %», «leser og tolker …», «ferdig», … */
export function phaseText(phase: Phase): string {
  switch (phase.kind) {
    case 'waiting':
      return t('import.phase.waiting');
    case 'uploading':
      return phase.ratio === null
        ? t('import.phase.uploadingUnknown')
        : t('import.phase.uploading', { percent: formatPercent(phase.ratio) });
    case 'parsing':
      return t('import.phase.parsing');
    case 'done':
      return allRefused(phase.results) ? t('import.phase.refused') : t('import.phase.imported');
    case 'failed':
      return t('import.phase.failed');
    case 'cancelled':
      return t('import.phase.cancelled');
  }
}

/** «Fil 2 av 5: brev.pdf — laster opp 40 %» for the file at `index`. */
export function statusLine(items: readonly Item[], index: number): string {
  const item = items[index];
  if (!item) return '';
  return t('import.progress.file', {
    n: index + 1,
    count: items.length,
    file: item.name,
    phase: phaseText(item.phase),
  });
}

/** Several messages read as one announcement, each ending a sentence. */
export function announcement(messages: readonly string[]): string {
  return messages
    .filter((m) => m.trim())
    .map((m) => (/[.…]$/.test(m) ? m : `${m}.`))
    .join(' ');
}
