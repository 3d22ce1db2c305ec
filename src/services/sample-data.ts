/**
 * Sample data for a fresh installation: the letter series in sample-data/ (written for this
 * project, about a fictional agency) imported through the real import pipeline, once, into
 * an empty database.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Db } from '../db/client';
import { documentCount } from './documents';
import { importFile } from './import-files';

export const SAMPLE_DIR = resolve(import.meta.dirname, '../../sample-data');

export function sampleFiles(dir = SAMPLE_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(txt|pdf|docx)$/i.test(f))
    .sort()
    .map((f) => resolve(dir, f));
}

/** Imports the sample series when the database holds no documents. Returns files imported. */
export async function loadSampleDataIfEmpty(db: Db, dir = SAMPLE_DIR): Promise<number> {
  if ((await documentCount(db)) > 0) return 0;
  let n = 0;
  for (const path of sampleFiles(dir)) {
    const result = await importFile(
      db,
      { kind: 'system', name: 'sample-data' },
      { name: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(path)) },
      { dryRun: false, maxBytes: 20 * 1024 * 1024, confirm: 'all' },
    );
    if (result.status === 'refused') {
      throw new Error(`Sample file ${result.file} was refused: ${result.reason}`);
    }
    n++;
  }
  return n;
}
