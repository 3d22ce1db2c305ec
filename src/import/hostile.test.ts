/**
 * Hostile files, generated here: each is refused by name and reason (or imported)
 * in bounded memory (how fast each is refused: `npm run bench`). Reading runs in-process (the bounds of every stage) and in the
 * worker pool (time, memory, cancellation).
 */
import { describe, expect, it } from 'vitest';
import {
  docxBomb,
  docxWithBody,
  pdfOfLines,
  pdfOfPages,
  pdfStreamBomb,
  txtAppropriations,
  txtAssignments,
  txtHeadings,
  txtLetterWith,
} from '../testing/hostile-files';
import { ImportRefusal, extractText, type ReadLimits, type RefusalCode } from './extract';
import { NoDocumentsFound, readLetterFile } from './index';
import { ReadPool } from './read-pool';

const MB = 1024 * 1024;

/**
 * Runs `read`, expecting a refusal of `code` naming `name`, in bounded memory. How long each
 * refusal takes is measured in `npm run bench` (hostile files), not here.
 */
async function refused(
  name: string,
  code: RefusalCode,
  read: () => Promise<unknown>,
): Promise<ImportRefusal> {
  const rssBefore = process.memoryUsage().rss;
  let refusal: ImportRefusal | undefined;
  try {
    await read();
  } catch (err) {
    if (!(err instanceof ImportRefusal)) throw err;
    refusal = err;
  }
  expect(refusal, `${name} was not refused`).toBeDefined();
  expect(refusal!.code).toBe(code);
  expect(refusal!.file).toBe(name);
  expect(refusal!.message).toBe(`${name}: ${refusal!.reason}`);
  expect(process.memoryUsage().rss - rssBefore).toBeLessThan(600 * MB);
  return refusal!;
}

const read = (name: string, bytes: Uint8Array, limits?: Partial<ReadLimits>) => () =>
  readLetterFile(name, bytes, limits);

describe('hostile Word files', () => {
  it('refuses a 16 GB zip bomb (honest ZIP64 headers) from its directory', async () => {
    const bomb = docxBomb(16 * 1024, { zip64: true });
    expect(bomb.length).toBeLessThan(20 * MB);
    const r = await refused('bomb.docx', 'too-large', read('bomb.docx', bomb));
    expect(r.reason).toMatch(/unpacks to 16384 MB, more than the limit of 200 MB/);
    expect(r.params.limitBytes).toBe(200 * MB);
    expect(r.params.sizeBytes).toBeGreaterThan(16 * 1024 * MB);
  });

  it('refuses a zip bomb whose headers lie while inflating it, within the bound', async () => {
    const bomb = docxBomb(1024, { size: 1000 });
    const r = await refused('liar.docx', 'too-large', read('liar.docx', bomb));
    expect(r.reason).toContain('more than the limit of 200 MB');
  });

  it('reads ZIP64 sizes instead of counting them as 0', async () => {
    const bomb = docxBomb(300, { zip64: true, zip64Directory: true });
    const r = await refused('zip64.docx', 'too-large', read('zip64.docx', bomb));
    expect(r.params.sizeBytes).toBeGreaterThan(300 * MB);
  });

  it('refuses a Word file whose directory cannot be parsed instead of skipping the check', async () => {
    const bomb = docxBomb(300);
    const cut = bomb.subarray(0, bomb.length - 30); // the end of central directory is gone
    await refused('cut.docx', 'corrupt', read('cut.docx', cut));
  });

  it('refuses a Word file of 2 million runs in one paragraph', async () => {
    const docx = docxWithBody(`<w:p>${'<w:r><w:t>x</w:t></w:r>'.repeat(2_000_000)}</w:p>`);
    expect(docx.length).toBeLessThan(1 * MB);
    const r = await refused('runs.docx', 'too-complex', read('runs.docx', docx));
    expect(r.params).toMatchObject({ what: 'xml-elements', limit: 1_000_000 });
  });

  it('refuses a Word file of 20 MB of ordinary paragraphs', async () => {
    const p =
      '<w:p><w:r><w:t>Direktoratet skal rapportere om fremdriften i arbeidet.</w:t></w:r></w:p>';
    const docx = docxWithBody(p.repeat(Math.ceil((20 * MB) / 55)));
    await refused('long.docx', 'too-complex', read('long.docx', docx));
  });

  it('reads a character reference to NUL or to no character as U+FFFD, not a crash', async () => {
    const docx = docxWithBody(
      '<w:p><w:r><w:t>Tildelingsbrev til Direktoratet for prøving for 2020 &#0;&#x110000;</w:t></w:r></w:p>',
    );
    const text = await extractText({ name: 'ref.docx', bytes: docx });
    expect(text.lines.join('\n')).not.toContain('\u0000');
  });
});

describe('hostile PDF files', () => {
  it('refuses a PDF whose content stream inflates to 4 GB', async () => {
    const bomb = pdfStreamBomb(4 * 1024);
    expect(bomb.length).toBeLessThan(10 * MB);
    const r = await refused('bomb.pdf', 'too-large', read('bomb.pdf', bomb));
    expect(r.reason).toContain('a compressed stream in the PDF unpacks to more than');
  });

  it('refuses a PDF of 100 000 pages by its page count', async () => {
    const pdf = pdfOfPages(100_000);
    const r = await refused('pages.pdf', 'too-complex', read('pages.pdf', pdf));
    expect(r.params).toMatchObject({ what: 'pages', found: 100_000, limit: 2_000 });
  });

  it('refuses a PDF of more pages than a configured limit', async () => {
    const pdf = pdfOfPages(30);
    await refused('p.pdf', 'too-complex', read('p.pdf', pdf, { maxPages: 20 }));
  });

  it('removes NUL and control characters from PDF text, so that it can be stored', async () => {
    const pdf = pdfOfLines([
      'Tildelingsbrev til Direktoratet\\000 for pr\\370ving for 2020',
      'A\\001B',
    ]);
    const text = await extractText({ name: 'nul.pdf', bytes: pdf });
    const all = text.lines.join('\n');
    expect(all).toContain('Tildelingsbrev til Direktoratet for prøving for 2020');
    // eslint-disable-next-line no-control-regex
    expect(all).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });
});

describe('hostile text files', () => {
  it('refuses 19 MB of newlines before splitting them', async () => {
    const txt = Buffer.alloc(19 * MB, 0x0a);
    const r = await refused('nl.txt', 'too-complex', read('nl.txt', txt));
    expect(r.params).toMatchObject({ what: 'lines', limit: 50_000 });
  });

  it('refuses 100 000 appropriation lines and 200 000 headings by their line count', async () => {
    await refused('a.txt', 'too-complex', read('a.txt', txtAppropriations(100_000)));
    await refused('h.txt', 'too-complex', read('h.txt', txtHeadings(200_000)));
  });

  it('refuses a line longer than the limit', async () => {
    const txt = txtLetterWith('ord '.repeat(10_000));
    const r = await refused('l.txt', 'too-complex', read('l.txt', txt));
    expect(r.params).toMatchObject({ what: 'line-characters', limit: 20_000 });
  });

  it('parses 10 000 lines of wrapped assignment text (its time is in the bench)', async () => {
    const parsed = await readLetterFile('o.txt', txtAssignments(10_000));
    expect(parsed.documents).toHaveLength(1);
  });

  it('refuses a document with more items of one kind than the limit', async () => {
    const r = await refused(
      'items.txt',
      'too-complex',
      read('items.txt', txtAppropriations(300), { maxItems: 100 }),
    );
    expect(r.params).toMatchObject({ what: 'appropriations', found: 300, limit: 100 });
  });

  it('reads a 30-digit amount as a warning and an unread line, not an exception', async () => {
    const parsed = await readLetterFile(
      'big.txt',
      txtLetterWith('01  Driftsutgifter  123456789012345678901234567890'),
    );
    const [doc] = parsed.documents;
    expect(doc!.appropriations.every((a) => Number.isSafeInteger(a.amount))).toBe(true);
    expect(doc!.warnings).toContainEqual(
      expect.objectContaining({ params: expect.objectContaining({ line: 7 }) }),
    );
  });
});

describe('the read pool (worker threads)', () => {
  const pool = new ReadPool({ timeoutMs: 30_000, maxMemoryMb: 256, maxWorkers: 2 });
  pool.setFailureLog(() => {});

  it('reads a letter in a worker and answers with plain data', async () => {
    const parsed = await pool.read('ok.txt', txtAppropriations(20));
    expect(parsed.documents[0]?.appropriations.length).toBeGreaterThan(0);
    expect(parsed.file.lines.length).toBeGreaterThan(20);
    await expect(pool.read('none.txt', Buffer.from('hei\n'))).rejects.toBeInstanceOf(
      NoDocumentsFound,
    );
    await refused('x.png', 'unsupported-type', () =>
      pool.read('x.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])),
    );
  });

  it('refuses a file that takes longer than the time limit, and terminates its worker', async () => {
    const r = await refused('slow.txt', 'timeout', () =>
      pool.read('slow.txt', txtAssignments(20_000), { timeoutMs: 300 }),
    );
    expect(r.reason).toContain('longer than the limit of 0.3 s');
    expect(pool.active).toBe(0);
  });

  it('refuses a file that needs more memory than allowed, and keeps working', async () => {
    const small = new ReadPool({ timeoutMs: 30_000, maxMemoryMb: 32, maxWorkers: 1 });
    const p = '<w:p><w:r><w:t>Direktoratet skal rapportere om fremdriften.</w:t></w:r></w:p>';
    const docx = docxWithBody(p.repeat(150_000));
    const r = await refused('mem.docx', 'out-of-memory', () =>
      small.read('mem.docx', docx, { maxXmlElements: Infinity, maxChars: Infinity }),
    );
    expect(r.reason).toBe('the file needs more memory to read than allowed (32 MB)');
    const parsed = await small.read('ok.txt', txtAppropriations(5));
    expect(parsed.documents).toHaveLength(1);
    await small.close();
  });

  it('stops reading when cancelled', async () => {
    const controller = new AbortController();
    const reading = pool.read('c.txt', txtAssignments(20_000), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await refused('c.txt', 'cancelled', () => reading);
    expect(pool.active).toBe(0);
  });
});
