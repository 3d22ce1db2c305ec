/**
 * Factories for tests: the builders of src/testing/builders.ts, stored through the real import
 * service.
 */
import type { ExtractedDocument } from '../contract/letter';
import type { Db } from '../db/client';
import { storeImport } from '../services/import';
import { unique } from './builders';

export { buildAssignment, buildDocument } from './builders';

/**
 * Stores documents as one imported file (unique bytes) and returns the outcome, as the system
 * (every confirmation given; `storeImport` itself tests what waits for one).
 */
export async function storeDocuments(db: Db, docs: ExtractedDocument[], bytes?: Uint8Array) {
  const lines = Array.from({ length: 60 }, (_, i) => `linje ${i + 1}`);
  const outcome = await storeImport(
    db,
    { kind: 'system', name: 'test' },
    {
      name: `test-${unique()}.txt`,
      bytes: bytes ?? new TextEncoder().encode(`${unique()}\n${lines.join('\n')}`),
      format: 'txt',
      pages: 1,
      lines,
    },
    docs,
    { confirm: 'all' },
  );
  if (outcome.status !== 'stored') throw new Error('storeDocuments: the import was not stored');
  return outcome;
}
