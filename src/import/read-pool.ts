/**
 * Reads and parses files (`readLetterFile`) in worker threads, off the event loop, each within
 * a wall-time limit and a heap limit, so that no file can stop the server answering others.
 *
 * At most `maxWorkers` files are read at once (others wait their turn); a worker that finished
 * cleanly is kept for the next file (for `idleMs`: one kept idle longer is ended, as a worker
 * holds ~90 MB of memory of its own), one that ran out of time or memory is terminated. Only plain
 * data crosses: the bytes and limits in, the lines and documents (or a refusal) out. Every way a
 * read can end badly becomes an ImportRefusal naming the file: a timeout, a worker out of memory,
 * the caller cancelling (the client went away), an error in the importer.
 */
import { Worker } from 'node:worker_threads';
import type { ExtractedDocument } from '../contract/letter';
import type { ExtractedText } from './extract';
import { ImportRefusal, type ReadLimits, type RefusalCode, type RefusalParams } from './extract';
import { NoDocumentsFound, type ParsedFile } from './index';

export interface ReadJob {
  id: number;
  name: string;
  bytes: Uint8Array;
  limits: Partial<ReadLimits>;
  /** `published`: a letter in Tildel's published JSON (published.ts), for a dry run only. */
  kind?: 'letter' | 'published';
}

export type ReadReply =
  | ({ id: number; kind: 'parsed'; documents: ExtractedDocument[] } & ExtractedText)
  | { id: number; kind: 'published'; documents: ExtractedDocument[] }
  | { id: number; kind: 'refused'; code: RefusalCode; reason: string; params: RefusalParams }
  | { id: number; kind: 'no-documents' }
  | { id: number; kind: 'failed'; message: string; stack: string };

export interface PoolOptions {
  /** Wall time for reading one file (waiting for a worker not included). */
  timeoutMs: number;
  /** The worker's V8 heap limit (old generation), in MB. */
  maxMemoryMb: number;
  /** Files read at the same time. */
  maxWorkers: number;
  /**
   * How long a worker is kept waiting for the next file before it is ended (default
   * DEFAULT_IDLE_MS). Imports come in bursts (a letter and its supplements, a draft issued and
   * read back) with days between them; the next file after a pause waits ~0.5 s for a worker.
   */
  idleMs?: number;
}

/** Two minutes: a session of imports keeps its worker. */
const DEFAULT_IDLE_MS = 120_000;

export const DEFAULT_POOL_OPTIONS: PoolOptions = {
  timeoutMs: 60_000,
  maxMemoryMb: 512,
  maxWorkers: 2,
  idleMs: DEFAULT_IDLE_MS,
};

export interface ReadOptions extends Partial<ReadLimits> {
  /** Aborting it stops the read (the worker is terminated) with a `cancelled` refusal. */
  signal?: AbortSignal;
  /** Overrides the pool's wall-time limit for this file. */
  timeoutMs?: number;
}

const WORKER_URL = new URL('./read-worker.mjs', import.meta.url);

/** Called with each unexpected error inside a worker (a bug), before it becomes a refusal. */
export type FailureLog = (file: string, message: string, stack: string) => void;

export class ReadPool {
  private readonly idle: Worker[] = [];
  /** The timer that ends each idle worker. */
  private readonly idleTimers = new Map<Worker, NodeJS.Timeout>();
  private readonly waiting: (() => void)[] = [];
  private running = 0;
  private nextId = 1;
  private onFailure: FailureLog = (file, message, stack) =>
    console.error(`reading ${file} failed: ${message}\n${stack}`);

  constructor(private readonly options: PoolOptions = DEFAULT_POOL_OPTIONS) {}

  /** Workers busy reading a file now (for tests and health). */
  get active(): number {
    return this.running;
  }

  /** Workers kept waiting for the next file (for tests). */
  get waitingWorkers(): number {
    return this.idle.length;
  }

  setFailureLog(log: FailureLog): void {
    this.onFailure = log;
  }

  /** Reads and parses one file. Throws ImportRefusal or NoDocumentsFound, nothing else. */
  async read(name: string, bytes: Uint8Array, opts: ReadOptions = {}): Promise<ParsedFile> {
    const reply = await this.job('letter', name, bytes, opts);
    return this.toResult(name, bytes, reply);
  }

  /**
   * Reads a letter in Tildel's published JSON (published.ts: a dry run's input), within the
   * same limits. Throws ImportRefusal or NoDocumentsFound, nothing else.
   */
  async readPublished(
    name: string,
    bytes: Uint8Array,
    opts: ReadOptions = {},
  ): Promise<ExtractedDocument[]> {
    const reply = await this.job('published', name, bytes, opts);
    if (reply.kind === 'published') return reply.documents;
    this.toResult(name, bytes, reply); // throws: a refusal, no documents or a failure
    throw failed(name, 'unexpected answer');
  }

  private async job(
    kind: 'letter' | 'published',
    name: string,
    bytes: Uint8Array,
    opts: ReadOptions,
  ): Promise<ReadReply> {
    const { signal, timeoutMs, ...limits } = opts;
    await this.acquire(name, signal);
    let worker: Worker | undefined;
    let reusable = false;
    try {
      worker = this.takeIdle() ?? this.spawn();
      worker.ref();
      const reply = await this.run(
        worker,
        { name, bytes, limits, kind },
        {
          signal,
          timeoutMs: timeoutMs ?? this.options.timeoutMs,
        },
      );
      reusable = true;
      return reply;
    } finally {
      if (worker) {
        if (reusable && this.idle.length < this.options.maxWorkers) {
          worker.unref();
          this.keepIdle(worker);
        } else void worker.terminate();
      }
      this.running--;
      this.waiting.shift()?.();
    }
  }

  /**
   * Starts a worker ahead of the first file (loading the readers takes seconds on a first start,
   * ~0.5 s once tsx has them cached); it is ended like any idle worker.
   */
  warm(): void {
    if (this.idle.length === 0 && this.running === 0) this.keepIdle(this.spawn());
  }

  /** Terminates the idle workers (the busy ones end with their file). */
  async close(): Promise<void> {
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    await Promise.all(this.idle.splice(0).map((w) => w.terminate()));
  }

  /** Keeps `worker` for the next file, for `idleMs` at most. */
  private keepIdle(worker: Worker): void {
    this.idle.push(worker);
    const timer = setTimeout(() => {
      this.idleTimers.delete(worker);
      const i = this.idle.indexOf(worker);
      if (i < 0) return;
      this.idle.splice(i, 1);
      void worker.terminate();
    }, this.options.idleMs ?? DEFAULT_IDLE_MS);
    // The timer must not keep the process alive (nor must the idle worker: spawn unrefs it).
    timer.unref();
    this.idleTimers.set(worker, timer);
  }

  private takeIdle(): Worker | undefined {
    const worker = this.idle.pop();
    if (worker) {
      clearTimeout(this.idleTimers.get(worker));
      this.idleTimers.delete(worker);
    }
    return worker;
  }

  private acquire(name: string, signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(cancelled(name));
    if (this.running < this.options.maxWorkers) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const go = () => {
        signal?.removeEventListener('abort', onAbort);
        this.running++;
        resolve();
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(go);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(cancelled(name));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(go);
    });
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER_URL, {
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxMemoryMb },
    });
    // An idle worker must not keep the process alive; `read` refs it while it works.
    worker.unref();
    // Errors are handled per job; one between jobs only ends the worker.
    worker.on('error', () => {
      const i = this.idle.indexOf(worker);
      if (i >= 0) this.idle.splice(i, 1);
      clearTimeout(this.idleTimers.get(worker));
      this.idleTimers.delete(worker);
    });
    return worker;
  }

  private run(
    worker: Worker,
    { name, bytes, limits, kind }: Omit<ReadJob, 'id'>,
    opts: { signal: AbortSignal | undefined; timeoutMs: number },
  ): Promise<ReadReply> {
    const id = this.nextId++;
    return new Promise<ReadReply>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        opts.signal?.removeEventListener('abort', onAbort);
      };
      const fail = (err: ImportRefusal) => {
        done();
        void worker.terminate();
        reject(err);
      };
      const onMessage = (reply: ReadReply) => {
        if (reply.id !== id) return;
        done();
        resolve(reply);
      };
      const onError = (err: Error & { code?: string }) => {
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          fail(
            new ImportRefusal(
              name,
              'out-of-memory',
              `the file needs more memory to read than allowed (${this.options.maxMemoryMb} MB)`,
              { memoryMb: this.options.maxMemoryMb },
            ),
          );
        } else {
          this.onFailure(name, err.message, err.stack ?? '');
          fail(failed(name, err.message));
        }
      };
      const onExit = (code: number) => fail(failed(name, `the reader stopped (exit code ${code})`));
      const onAbort = () => fail(cancelled(name));
      const timer = setTimeout(() => {
        const seconds = Math.round(opts.timeoutMs / 100) / 10;
        fail(
          new ImportRefusal(
            name,
            'timeout',
            `reading the file took longer than the limit of ${seconds} s`,
            { seconds },
          ),
        );
      }, opts.timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      if (opts.signal?.aborted) return onAbort();
      const job: ReadJob = { id, name, bytes, limits, kind };
      worker.postMessage(job);
    });
  }

  private toResult(name: string, bytes: Uint8Array, reply: ReadReply): ParsedFile {
    switch (reply.kind) {
      case 'published':
        throw failed(name, 'unexpected answer');
      case 'parsed': {
        const { format, pages, lines, boxes, documents } = reply;
        return { file: { name, bytes, format, pages, lines, ...(boxes && { boxes }) }, documents };
      }
      case 'refused':
        throw new ImportRefusal(name, reply.code, reply.reason, reply.params);
      case 'no-documents':
        throw new NoDocumentsFound(name);
      case 'failed':
        this.onFailure(name, reply.message, reply.stack);
        throw failed(name, reply.message);
    }
  }
}

function cancelled(name: string): ImportRefusal {
  return new ImportRefusal(name, 'cancelled', 'the upload was cancelled before the file was read');
}

function failed(name: string, message: string): ImportRefusal {
  return new ImportRefusal(
    name,
    'read-failed',
    `the importer failed while reading the file (${message}); the error has been logged`,
  );
}

let shared: ReadPool | undefined;

/** The process's pool, created on first use with `options` (later options are ignored). */
export function readPool(options?: Partial<PoolOptions>): ReadPool {
  shared ??= new ReadPool({ ...DEFAULT_POOL_OPTIONS, ...options });
  return shared;
}

/** `readPublishedLetters` (published.ts) in the process's pool: bounded in time and memory. */
export function readPublishedIsolated(
  name: string,
  bytes: Uint8Array,
  opts?: ReadOptions,
): Promise<ExtractedDocument[]> {
  return readPool().readPublished(name, bytes, opts);
}

/** `readLetterFile` in the process's pool: bounded in time and memory, cancellable. */
export function readLetterFileIsolated(
  name: string,
  bytes: Uint8Array,
  opts?: ReadOptions,
): Promise<ParsedFile> {
  return readPool().read(name, bytes, opts);
}
