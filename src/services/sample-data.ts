/**
 * Sample data for a fresh installation: the letter series in sample-data/ (written for this
 * project, about a fictional agency) imported through the real import pipeline, once, into
 * an empty database; then the letters of sample-data/written/ written in Tildel (a
 * supplement issued, next year's letter left as a draft), through the drafts service.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { DraftContent } from '../contract/draft';
import { DocumentKind } from '../contract/enums';
import type { Db } from '../db/client';
import type { Actor } from '../domain/policy';
import { approveDraft, createDraft, issueDraft, updateDraft, type DraftOutcome } from './drafts';
import { findOrganisation } from './organisations';
import { documentCount } from './documents';
import { importFile } from './import-files';

export const SAMPLE_DIR = resolve(import.meta.dirname, '../../sample-data');

export function sampleFiles(dir = SAMPLE_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(txt|pdf|docx)$/i.test(f))
    .sort()
    .map((f) => resolve(dir, f));
}

/**
 * A letter the sample writes in Tildel (sample-data/written/*.json): a draft started empty or
 * from last year's letter, its content where given, and, when `issue`, approved and issued.
 */
const WrittenSample = z.object({
  about: z.string(),
  agency: z.string(),
  year: z.int(),
  kind: DocumentKind,
  from: z.enum(['empty', 'last-year']),
  issue: z.boolean(),
  content: DraftContent.optional(),
});

const SAMPLE_ACTOR: Actor = { kind: 'system', name: 'sample-data' };

async function writeSample(db: Db, path: string): Promise<void> {
  const sample = WrittenSample.parse(JSON.parse(readFileSync(path, 'utf8')));
  const agency = await findOrganisation(db, 'agency', sample.agency);
  if (!agency.id) throw new Error(`${path}: no agency ${sample.agency} in the sample data`);
  const step = (what: string, out: DraftOutcome) => {
    if (out.kind !== 'saved') {
      throw new Error(`${path}: ${what} failed: ${'message' in out ? out.message : out.kind}`);
    }
    return out.draft.row;
  };
  let draft = step(
    'creating the draft',
    await createDraft(db, SAMPLE_ACTOR, {
      agencyId: agency.id,
      year: sample.year,
      kind: sample.kind,
      from: sample.from,
    }),
  );
  if (sample.content) {
    draft = step(
      'saving its content',
      await updateDraft(db, SAMPLE_ACTOR, draft.id, {
        expectedVersion: draft.version,
        content: sample.content,
      }),
    );
  }
  if (!sample.issue) return;
  draft = step('approving it', await approveDraft(db, SAMPLE_ACTOR, draft.id, draft.version));
  step('issuing it', await issueDraft(db, SAMPLE_ACTOR, draft.id, draft.version));
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
  const written = resolve(dir, 'written');
  if (existsSync(written)) {
    for (const f of readdirSync(written)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      await writeSample(db, resolve(written, f));
    }
  }
  return n;
}
