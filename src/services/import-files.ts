/**
 * Imports files end to end for the API and the CLI: read, parse, store (or dry run), and turn
 * refusals into per-file results. One file's refusal never affects another file.
 */
import type { ImportFileResult, ImportPlan } from '../contract/api';
import type { ExtractedDocument } from '../contract/letter';
import type { Db } from '../db/client';
import { ImportRefusal, formatMb } from '../import/extract';
import { NoDocumentsFound, type ParsedFile } from '../import/index';
import { readLetterFileIsolated } from '../import/read-pool';
import type { Actor } from '../domain/policy';
import { ImportDenied, planImport, storeImport, type ImportOptions } from './import';

export interface ImportInput {
  name: string;
  bytes: Uint8Array;
  /** The upload stopped at the size limit: `bytes` is only the start of the file. */
  truncated?: boolean;
  /** The size of the whole request, when the client said (Content-Length). */
  uploadBytes?: number;
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
  // too-complex, timeout, out-of-memory: the request is well-formed, the file is not readable.
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
  status: null,
});

/** Control characters (NUL above all) cannot be stored; a name longer than this is cut. */
const MAX_NAME_CHARS = 255;

function cleanName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  return (clean === '' ? 'unnamed' : clean).slice(0, MAX_NAME_CHARS);
}

function refused(
  err: ImportRefusal | NoDocumentsFound | ImportDenied,
  file: string,
): ImportFileResult {
  if (err instanceof NoDocumentsFound) {
    return {
      status: 'refused',
      file,
      code: 'no-documents',
      reason: 'no allocation letter or supplement was recognised in the file',
    };
  }
  const params = Object.keys(err.params).length > 0 ? { params: err.params } : {};
  return { status: 'refused', file, code: err.code, reason: err.reason, ...params };
}

/**
 * Reads (in a worker, bounded in time and memory), parses and stores one file, or refuses it.
 * Aborting `signal` (the client went away) stops the read and stores nothing.
 */
export async function importFile(
  db: Db,
  actor: Actor,
  input: ImportInput,
  opts: {
    dryRun: boolean;
    maxBytes: number;
    signal?: AbortSignal;
    timeoutMs?: number;
  } & Partial<ImportOptions>,
): Promise<ImportFileResult> {
  const name = cleanName(input.name);
  if (input.truncated) {
    const limitBytes = opts.maxBytes;
    const upload = input.uploadBytes;
    return {
      status: 'refused',
      file: name,
      code: 'too-large',
      reason:
        `the file is larger than the limit of ${formatMb(limitBytes)}` +
        (upload !== undefined && upload > limitBytes ? ` (the upload is ${formatMb(upload)})` : ''),
      params: { limitBytes, ...(upload !== undefined ? { uploadBytes: upload } : {}) },
    };
  }
  let parsed: ParsedFile;
  try {
    parsed = await readLetterFileIsolated(name, input.bytes, {
      maxBytes: opts.maxBytes,
      signal: opts.signal,
      timeoutMs: opts.timeoutMs,
    });
  } catch (err) {
    if (err instanceof ImportRefusal || err instanceof NoDocumentsFound) return refused(err, name);
    throw err;
  }
  if (opts.signal?.aborted) {
    return {
      status: 'refused',
      file: name,
      code: 'cancelled',
      reason: 'the upload was cancelled before the file was stored',
    };
  }
  try {
    if (opts.dryRun) {
      const plans = await planImport(db, actor, parsed.file, parsed.documents);
      return {
        status: 'imported',
        file: name,
        documents: parsed.documents.map((d, i) => planned(d, plans[i]!, 'dry-run')),
      };
    }
    const stored = await storeImport(db, actor, parsed.file, parsed.documents, {
      confirm: opts.confirm ?? new Set(),
      review: opts.review,
    });
    if (stored.status === 'needs-confirmation') {
      return {
        status: 'needs-confirmation',
        file: name,
        documents: parsed.documents.map((d, i) =>
          planned(d, stored.plans[i]!, 'needs-confirmation'),
        ),
      };
    }
    return {
      status: 'imported',
      file: name,
      documents: stored.documents.map((s, i) => ({
        ...describe(parsed.documents[i]!),
        id: s.id,
        version: s.version,
        outcome: s.outcome,
        diff: s.diff,
        plan: s.plan,
        status: s.status,
      })),
    };
  } catch (err) {
    if (err instanceof ImportDenied) return refused(err, name);
    throw err;
  }
}
