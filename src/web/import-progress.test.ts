import { describe, expect, it } from 'vitest';
import { announcement, phaseText, statusLine, type Item } from './import-progress';

const names = ['a.txt', 'brev.pdf', 'c.docx', 'd.txt', 'e.pdf'];
const items = (index: number, phase: Item['phase']): Item[] =>
  names.map((name, i) => ({ name, phase: i === index ? phase : { kind: 'waiting' } }));

describe('import progress', () => {
  it('names the file, its place in the run and where it is', () => {
    const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
    expect(nbsp(statusLine(items(1, { kind: 'uploading', ratio: 0.4 }), 1))).toBe(
      'Fil 2 av 5: brev.pdf — laster opp 40 %',
    );
    expect(statusLine(items(1, { kind: 'uploading', ratio: null }), 1)).toBe(
      'Fil 2 av 5: brev.pdf — laster opp …',
    );
    expect(statusLine(items(1, { kind: 'parsing' }), 1)).toBe(
      'Fil 2 av 5: brev.pdf — leser og tolker …',
    );
    expect(statusLine(items(1, { kind: 'parsing' }), 2)).toBe('Fil 3 av 5: c.docx — venter');
    expect(statusLine(items(1, { kind: 'parsing' }), 7)).toBe('');
  });

  it('tells a refused file from one that was read', () => {
    const refused = { status: 'refused' as const, file: 'x.png', code: 'type', reason: 'PNG' };
    const read = { status: 'imported' as const, file: 'x.txt', documents: [] };
    expect(phaseText({ kind: 'done', results: [refused] })).toBe('avvist');
    expect(phaseText({ kind: 'done', results: [read] })).toBe('ferdig');
    expect(phaseText({ kind: 'failed', error: new Error('x') })).toBe('feilet');
    expect(phaseText({ kind: 'cancelled' })).toBe('avbrutt, ikke importert');
  });

  it('joins messages into one announcement of sentences', () => {
    expect(announcement(['Fil 1 av 2: a.txt — ferdig', 'Fil 2 av 2: b.txt — laster opp …'])).toBe(
      'Fil 1 av 2: a.txt — ferdig. Fil 2 av 2: b.txt — laster opp …',
    );
    expect(announcement(['Ferdig: 2 av 2 filer er behandlet.'])).toBe(
      'Ferdig: 2 av 2 filer er behandlet.',
    );
  });
});
