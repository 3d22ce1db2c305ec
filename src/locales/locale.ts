/** What a locale file holds (nb.ts, en.ts; nn.ts to come). */
import type { FindingMessageKey } from '../contract/enums';

export interface Locale {
  /** Patterns for the values a sentence names. */
  values: Record<
    'line' | 'lines' | 'letter' | 'supplement' | 'document' | 'chapter' | 'post',
    string
  >;
  findings: Record<FindingMessageKey, string>;
}
