/**
 * Imports files end to end for the API and the CLI: read, parse, store (or dry run), and turn
 * refusals into per-file results. One file's refusal never affects another file.
 */
import type { ImportFileResult, ImportPlan } from '../contract/api';
import type { ExtractedDocument } from '../contract/letter';
import type { Db } from '../db/client';
import { ImportRefusal } from '../import/extract';
import { NoDocumentsFound, readLetterFile } from '../import/index';
import type { Actor } from '../server/policy';
import { ImportDenied, planImport, storeImport, type ImportOptions } from './import';

export interface ImportInput {
  name: string;
  bytes: Uint8Array;
}

export function countsOf(d: ExtractedDocument): Record<string, number> {
  return {
    appropriations: d.appropriations.length,
    assignments: d.assignments.length,
    deadlines: d.assignments.reduce((n, a) => n + a.deadlines.length, 0),
    calendar: d.calendar.length,
    carriedOver: d.carriedOver.length,
    goals: d.goals.length,
    steeringParameters: d.steeringParameters.length,
    totalsClaimed: d.totalsClaimed.length,
  };
}

function describe(d: ExtractedDocument) {
  return {
    kind: d.kind,
    number: d.number,
    year: d.year,
    title: d.title,
    counts: countsOf(d),
    coverage: d.coverage.ratio,
    warnings: d.warnings,
    unparsed: d.unparsed.length,
  };
}

/** The HTTP status a refusal maps to. */
export function refusalStatus(code: string): 403 | 413 | 415 | 422 {
  if (code === 'too-large') return 413;
  if (code === 'unsupported-type') return 415;
  if (code === 'not-your-ministry') return 403;
  return 422;
}

const planned = (
  d: ExtractedDocument,
  plan: ImportPlan,
  outcome: 'dry-run' | 'needs-confirmation',
) => ({
  ...describe(d),
  id: null,
  version: null,
  outcome,
  diff: [],
  plan,
});

export async function importFile(
  db: Db,
  actor: Actor,
  input: ImportInput,
  opts: { dryRun: boolean; maxBytes: number } & Partial<ImportOptions>,
): Promise<ImportFileResult> {
  let parsed;
  try {
    parsed = await readLetterFile(input.name, input.bytes, { maxBytes: opts.maxBytes });
  } catch (err) {
    if (err instanceof ImportRefusal) {
      return { status: 'refused', file: input.name, code: err.code, reason: err.reason };
    }
    if (err instanceof NoDocumentsFound) {
      return {
        status: 'refused',
        file: input.name,
        code: 'no-documents',
        reason: 'no allocation letter or supplement was recognised in the file',
      };
    }
    throw err;
  }
  try {
    if (opts.dryRun) {
      const plans = await planImport(db, actor, parsed.file, parsed.documents);
      return {
        status: 'imported',
        file: input.name,
        documents: parsed.documents.map((d, i) => planned(d, plans[i]!, 'dry-run')),
      };
    }
    const stored = await storeImport(db, actor, parsed.file, parsed.documents, {
      confirm: opts.confirm ?? new Set(),
    });
    if (stored.status === 'needs-confirmation') {
      return {
        status: 'needs-confirmation',
        file: input.name,
        documents: parsed.documents.map((d, i) =>
          planned(d, stored.plans[i]!, 'needs-confirmation'),
        ),
      };
    }
    return {
      status: 'imported',
      file: input.name,
      documents: stored.documents.map((s, i) => ({
        ...describe(parsed.documents[i]!),
        id: s.id,
        version: s.version,
        outcome: s.outcome,
        diff: s.diff,
        plan: s.plan,
      })),
    };
  } catch (err) {
    if (err instanceof ImportDenied) {
      return { status: 'refused', file: input.name, code: err.code, reason: err.reason };
    }
    throw err;
  }
}
