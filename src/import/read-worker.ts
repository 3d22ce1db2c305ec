/**
 * The code of a read-pool worker thread: reads and parses the files it is sent, one at a time,
 * and answers with plain data (see read-pool.ts). Never started directly: read-worker.mjs loads it.
 */
import { parentPort } from 'node:worker_threads';
import { ImportRefusal } from './extract';
import { NoDocumentsFound, readLetterFile } from './index';
import { readPublishedLetters } from './published';
import type { ReadJob, ReadReply } from './read-pool';

const port = parentPort;
if (!port) throw new Error('read-worker.ts runs only as a worker thread');

// Load the format readers now, while the worker waits for its first file.
void import('./extract/pdf');
void import('./extract/docx');

port.on('message', (job: ReadJob) => {
  void answer(job).then((reply) => port.postMessage(reply));
});

async function answer(job: ReadJob): Promise<ReadReply> {
  try {
    if (job.kind === 'published') {
      const documents = readPublishedLetters(job.name, job.bytes, job.limits);
      return { id: job.id, kind: 'published', documents };
    }
    const parsed = await readLetterFile(job.name, job.bytes, job.limits);
    const { format, pages, lines, boxes } = parsed.file;
    return {
      id: job.id,
      kind: 'parsed',
      format,
      pages,
      lines,
      ...(boxes && { boxes }),
      documents: parsed.documents,
    };
  } catch (err) {
    if (err instanceof ImportRefusal) {
      return {
        id: job.id,
        kind: 'refused',
        code: err.code,
        reason: err.reason,
        params: err.params,
      };
    }
    if (err instanceof NoDocumentsFound) return { id: job.id, kind: 'no-documents' };
    const e = err instanceof Error ? err : new Error(String(err));
    return { id: job.id, kind: 'failed', message: e.message, stack: e.stack ?? '' };
  }
}
