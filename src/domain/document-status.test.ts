import { describe, expect, it } from 'vitest';
import { documentTransitionAllowed, nextDocumentStatuses } from './document-status';

describe('document states', () => {
  it('lets a draft be shared or issued, a shared document be withdrawn or issued', () => {
    expect(nextDocumentStatuses('draft')).toEqual(['shared', 'published']);
    expect(nextDocumentStatuses('shared')).toEqual(['draft', 'published']);
  });

  it('treats an issued document as final and refuses standing still', () => {
    expect(nextDocumentStatuses('published')).toEqual([]);
    expect(documentTransitionAllowed('published', 'draft')).toBe(false);
    expect(documentTransitionAllowed('draft', 'draft')).toBe(false);
  });
});
