/**
 * Reading a letter back from its published JSON (open data): the same documents out as in,
 * and every other JSON refused with the file's name and the reason; storing imports refuse
 * JSON, since its items point at lines of a file it does not hold.
 */
import { describe, expect, it } from 'vitest';
import { buildAssignment, buildDocument } from '../testing/builders';
import { ImportRefusal, extractText } from './extract';
import { NoDocumentsFound } from './index';
import { readForDryRun, readPublishedLetters } from './published';
import { ReadPool } from './read-pool';

const letter = buildDocument({
  year: 2064,
  assignments: [buildAssignment({ id: 'TB2064-01', assignedId: 'TB2064-01' })],
});
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value, null, 2));
const published = bytes({ documents: [{ ...letter, file: 'brev.txt' }] });

function refusal(run: () => unknown): ImportRefusal {
  try {
    run();
  } catch (err) {
    if (err instanceof ImportRefusal) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('published letters (JSON)', () => {
  it('reads the documents back as they were published, without the file name', async () => {
    expect(readPublishedLetters('brev.json', published)).toEqual([letter]);
    // With a byte order mark, as an editor on Windows may save it.
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...published]);
    expect(readPublishedLetters('brev.json', bom)).toEqual([letter]);
    expect(await readForDryRun('brev.json', published)).toEqual([letter]);
  });

  it('refuses what is not a published letter, with the name and the reason', () => {
    const notJson = refusal(() => readPublishedLetters('a.json', bytes('x').slice(1)));
    expect(notJson.code).toBe('corrupt');
    expect(notJson.message).toMatch(/^a\.json: the file is not valid JSON/);
    const wrong = refusal(() =>
      readPublishedLetters('b.json', bytes({ documents: [{ ...letter, year: 'nineteen' }] })),
    );
    expect(wrong.message).toContain("b.json: the file is not a letter in Tildel's published form");
    expect(wrong.message).toContain('documents.0.year');
    const latin1 = refusal(() =>
      readPublishedLetters('c.json', new Uint8Array([0x7b, 0xe6, 0x7d])),
    );
    expect(latin1.reason).toBe('the file is not UTF-8 text');
    expect(refusal(() => readPublishedLetters('d.json', new Uint8Array())).code).toBe('empty');
    const big = refusal(() => readPublishedLetters('e.json', published, { maxBytes: 100 }));
    expect(big.code).toBe('too-large');
    const many = refusal(() =>
      readPublishedLetters(
        'f.json',
        bytes({ documents: Array.from({ length: 3 }, () => ({ ...letter, file: 'x' })) }),
        { maxDocuments: 2 },
      ),
    );
    expect(many.code).toBe('too-complex');
    expect(() => readPublishedLetters('g.json', bytes({ documents: [] }))).toThrow(
      NoDocumentsFound,
    );
  });

  it('refuses a hostile file quickly, by name, in the read pool: no crash, no heap blow-up', async () => {
    // 100 000 empty documents (a 300 KB file): refused by count before any schema check.
    const many = bytes({ documents: Array.from({ length: 100_000 }, () => ({})) });
    let started = Date.now();
    const tooMany = refusal(() => readPublishedLetters('many.json', many));
    expect(tooMany.code).toBe('too-complex');
    expect(tooMany.message).toMatch(/^many\.json: the file holds 100[ \u00a0]?000 documents/);
    expect(Date.now() - started).toBeLessThan(2_000);
    // Under the count limit, checked one by one and stopped at the first that does not fit.
    const empties = bytes({ documents: Array.from({ length: 50 }, () => ({})) });
    const first = refusal(() => readPublishedLetters('empties.json', empties));
    expect(first.message).toContain('empties.json: the file is not a letter');
    expect(first.message).toContain('documents.0.');
    expect(first.message).not.toContain('documents.1.');
    // Deep nesting where a document should be.
    const depth = 200_000;
    const deep = new TextEncoder().encode(
      `{"documents":[${'['.repeat(depth)}${']'.repeat(depth)}]}`,
    );
    const pool = new ReadPool({ timeoutMs: 20_000, maxMemoryMb: 128, maxWorkers: 1 });
    try {
      for (const [name, file] of [
        ['many.json', many],
        ['deep.json', deep],
      ] as const) {
        started = Date.now();
        const err = await pool.readPublished(name, file).catch((e: unknown) => e);
        expect(err, name).toBeInstanceOf(ImportRefusal);
        expect((err as ImportRefusal).message.startsWith(`${name}: `)).toBe(true);
        expect(Date.now() - started).toBeLessThan(15_000);
      }
      // And a good file reads back through the pool.
      expect(await pool.readPublished('brev.json', published)).toEqual([letter]);
    } finally {
      await pool.close();
    }
  });

  it('is never read for storing: the reader refuses JSON as a file type', async () => {
    const err = await extractText({ name: 'brev.json', bytes: published }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRefusal);
    expect((err as ImportRefusal).code).toBe('unsupported-type');
    expect((err as ImportRefusal).reason).toContain('tildel import --dry-run');
  });
});
