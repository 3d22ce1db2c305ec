/**
 * The parts of the document on the document page (src/contract/document.ts), read on demand:
 * a section asks for its part when it comes into view (or at once when the part is small), the
 * source panel for the lines around what it shows, and «print» for everything. Each part is
 * read page by page and shown as its pages come; the source text in blocks of lines. One store
 * per document, shared by the sections and the source panel so nothing is read twice.
 *
 * After a change (a correction, a status change) `refresh` reads again what was read, and keeps
 * showing the earlier items until the new ones are there (open forms keep what is typed). The
 * browser revalidates each answer with its ETag, so what did not change costs a 304.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { DocumentPartName, DocumentPartPage } from '../../contract/document';
import { getDocumentPart } from '../api';

/** Lines in one block of the source text (one request). */
export const LINE_BLOCK = 500;
/** Items in one page of a part; the section shows them as the pages come. */
const ITEM_PAGE = 100;
/** A part with at most this many items is read with the page, not when it comes into view. */
export const EAGER_ITEMS = 50;

type ListPart = Exclude<DocumentPartName, 'lines'>;
export type PartItem<P extends ListPart> = DocumentPartPage<P>['items'][number];

export type PartState<T> =
  | { status: 'idle' }
  /** Reading; `items` holds what is shown meanwhile (pages so far, or the earlier read). */
  | { status: 'loading'; items: T[] | null }
  | { status: 'ok'; items: T[] }
  | { status: 'error'; error: unknown; items: T[] | null };

export type BlockState =
  | { status: 'loading' }
  | { status: 'ok'; lines: { no: number; text: string }[] }
  | { status: 'error'; error: unknown };

export class DocumentParts {
  private parts = new Map<ListPart, PartState<unknown>>();
  private blocks = new Map<number, BlockState>();
  private listeners = new Set<() => void>();
  private version = 0;
  /** Bumped by `refresh`: an answer to an earlier read is dropped. */
  private generation = 0;

  constructor(
    readonly documentId: string,
    readonly firstLine: number,
    readonly lastLine: number,
  ) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes with every change of what is read (for `useSyncExternalStore`). */
  getVersion = () => this.version;

  private changed() {
    this.version++;
    for (const listener of this.listeners) listener();
  }

  part<P extends ListPart>(name: P): PartState<PartItem<P>> {
    return (this.parts.get(name) ?? { status: 'idle' }) as PartState<PartItem<P>>;
  }

  /** Reads the part, page after page, unless it is read or being read. */
  load(name: ListPart): Promise<void> {
    const state = this.parts.get(name);
    if (state && state.status !== 'error') return this.pending.get(name) ?? Promise.resolve();
    return this.read(name, state?.status === 'error' ? state.items : null);
  }

  private pending = new Map<ListPart, Promise<void>>();

  private read(name: ListPart, shown: unknown[] | null): Promise<void> {
    const generation = this.generation;
    this.parts.set(name, { status: 'loading', items: shown });
    this.changed();
    const run = (async () => {
      const items: unknown[] = [];
      let cursor: string | null = null;
      try {
        do {
          const page: { items: unknown[]; nextCursor: string | null } = await getDocumentPart(
            this.documentId,
            name,
            { limit: ITEM_PAGE, cursor },
          );
          if (generation !== this.generation) return;
          items.push(...page.items);
          cursor = page.nextCursor;
          // A first read shows each page as it comes; a refresh waits for the whole part.
          if (cursor && shown === null) {
            this.parts.set(name, { status: 'loading', items: [...items] });
            this.changed();
          }
        } while (cursor);
        this.parts.set(name, { status: 'ok', items });
      } catch (error) {
        if (generation !== this.generation) return;
        this.parts.set(name, { status: 'error', error, items: shown });
      } finally {
        if (generation === this.generation) this.pending.delete(name);
      }
      this.changed();
    })();
    this.pending.set(name, run);
    return run;
  }

  /** The block of lines that holds line `no`. */
  blockOf(no: number): number {
    return Math.floor((no - this.firstLine) / LINE_BLOCK);
  }

  get blockCount(): number {
    return Math.max(0, Math.ceil((this.lastLine - this.firstLine + 1) / LINE_BLOCK));
  }

  block(index: number): BlockState | undefined {
    return this.blocks.get(index);
  }

  /** Reads the blocks that hold lines `from`–`to` (those not read yet). */
  loadLines(from: number, to: number): Promise<void> {
    const first = Math.max(0, this.blockOf(Math.max(from, this.firstLine)));
    const last = Math.min(this.blockCount - 1, this.blockOf(Math.min(to, this.lastLine)));
    const reads: Promise<void>[] = [];
    for (let b = first; b <= last; b++) reads.push(this.loadBlock(b));
    return Promise.all(reads).then(() => undefined);
  }

  private blockReads = new Map<number, Promise<void>>();

  loadBlock(index: number): Promise<void> {
    const state = this.blocks.get(index);
    if (state && state.status !== 'error') return this.blockReads.get(index) ?? Promise.resolve();
    this.blocks.set(index, { status: 'loading' });
    this.changed();
    const run = getDocumentPart(this.documentId, 'lines', {
      from: this.firstLine + index * LINE_BLOCK,
      limit: LINE_BLOCK,
    }).then(
      (page) => {
        this.blocks.set(index, { status: 'ok', lines: page.items });
        this.changed();
      },
      (error: unknown) => {
        this.blocks.set(index, { status: 'error', error });
        this.changed();
      },
    );
    this.blockReads.set(index, run);
    return run;
  }

  /** Whether every line `from`–`to` is read. */
  linesReady(from: number, to: number): boolean {
    const first = this.blockOf(Math.max(from, this.firstLine));
    const last = this.blockOf(Math.min(to, this.lastLine));
    for (let b = first; b <= last; b++) if (this.blocks.get(b)?.status !== 'ok') return false;
    return true;
  }

  /** Reads the parts read so far again (after a change); the source text does not change. */
  refresh(): Promise<void> {
    this.generation++;
    this.pending.clear();
    const reads = [...this.parts.entries()]
      .filter(([, state]) => state.status !== 'idle')
      .map(([name, state]) => this.read(name, 'items' in state ? state.items : null));
    return Promise.all(reads).then(() => undefined);
  }

  /** Reads everything: every part and every line (to print the whole document). */
  loadAll(names: readonly ListPart[]): Promise<void> {
    return Promise.all([
      ...names.map((name) => this.load(name)),
      this.loadLines(this.firstLine, this.lastLine),
    ]).then(() => undefined);
  }
}

/** Re-renders the caller when anything the store holds changes. */
export function useParts(store: DocumentParts): void {
  useSyncExternalStore(store.subscribe, store.getVersion, store.getVersion);
}

/** A part's state; asks for it when `wanted` (in view, small, or printing). */
export function usePart<P extends ListPart>(
  store: DocumentParts,
  name: P,
  wanted: boolean,
): PartState<PartItem<P>> {
  useParts(store);
  useEffect(() => {
    if (wanted) void store.load(name);
  }, [store, name, wanted]);
  return store.part(name);
}
