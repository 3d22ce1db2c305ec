/**
 * The read pool's workers: a PDF read in a worker (whose entry loads pdf.js before tsx's
 * loader, read-worker.mjs) reads as in this process, and a worker kept idle longer than
 * `idleMs` is ended and replaced by a new one for the next file. (Time and memory limits,
 * cancellation: hostile.test.ts.)
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { pdfOfLines, txtAppropriations } from '../testing/hostile-files';
import { readLetterFile } from './index';
import { ReadPool } from './read-pool';

const LETTER = [
  'Tildelingsbrev 2030',
  'Kap. 1450 Direktoratet for provedata',
  'Post 01 Driftsutgifter 212 450',
  'Oppdrag',
  'TB2030-01 Utrede en felles ordning for deling av provedata',
  'Frist: 1. april 2030',
];

describe('the read pool', () => {
  const pool = new ReadPool({ timeoutMs: 30_000, maxMemoryMb: 256, maxWorkers: 1 });
  afterAll(() => pool.close());

  it('reads a PDF in a worker as it is read in this process', async () => {
    const pdf = pdfOfLines(LETTER);
    const here = await readLetterFile('brev.pdf', pdf);
    const there = await pool.read('brev.pdf', pdf);
    expect(there.file.format).toBe('pdf');
    expect(there.file.lines).toEqual(here.file.lines);
    // Each line's place on its page crosses the thread as it is.
    expect(there.file.boxes).toHaveLength(here.file.lines.length);
    expect(there.file.boxes).toEqual(here.file.boxes);
    expect(there.documents).toEqual(here.documents);
  });

  it('ends a worker kept idle longer than idleMs, and reads the next file in a new one', async () => {
    const brief = new ReadPool({ timeoutMs: 30_000, maxMemoryMb: 256, maxWorkers: 1, idleMs: 50 });
    try {
      brief.warm();
      expect(brief.waitingWorkers).toBe(1);
      await vi.waitFor(() => expect(brief.waitingWorkers).toBe(0), { timeout: 10_000 });
      const parsed = await brief.read('ok.txt', txtAppropriations(5));
      expect(parsed.documents).toHaveLength(1);
      // Kept for the next file, then ended in its turn.
      expect(brief.waitingWorkers).toBe(1);
      await vi.waitFor(() => expect(brief.waitingWorkers).toBe(0), { timeout: 10_000 });
    } finally {
      await brief.close();
    }
  });

  it('keeps a worker for the next file within idleMs', async () => {
    await pool.read('a.txt', txtAppropriations(5));
    expect(pool.waitingWorkers).toBe(1);
    await pool.read('b.txt', txtAppropriations(5));
    expect(pool.waitingWorkers).toBe(1);
  });
});
