/**
 * Reading a document's parts through the API in tests (src/contract/document.ts): every page
 * of a part, followed by its cursor, as the part's items.
 */
import type { App } from '../server/app';
import {
  DocumentPartPages,
  type DocumentPartName,
  type DocumentPartPage,
} from '../contract/document';

/**
 * Every item of a part of a document, page after page (`limit` a page), as `headers` may read
 * it. Throws when a page is not a 200 (the tests of refusals ask the route themselves).
 */
export async function readPart<P extends DocumentPartName>(
  app: App,
  documentId: string,
  part: P,
  opts: { headers?: Record<string, string>; limit?: number } = {},
): Promise<DocumentPartPage<P>['items']> {
  const items: unknown[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: String(opts.limit ?? 500) });
    if (cursor) query.set('cursor', cursor);
    const res = await app.inject({
      url: `/api/documents/${documentId}/parts/${part}?${query}`,
      headers: opts.headers ?? {},
    });
    if (res.statusCode !== 200) {
      throw new Error(`GET …/parts/${part} answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
    }
    const page = DocumentPartPages[part].parse(res.json()) as DocumentPartPage<P>;
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items as DocumentPartPage<P>['items'];
}
