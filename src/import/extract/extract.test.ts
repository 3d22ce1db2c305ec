import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { PDFDocument, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { makeLetterPdf } from '../../../bench/fixtures/make-pdf';
import { docxWithBody } from '../../testing/hostile-files';
import { DEFAULT_MAX_BYTES, ImportRefusal, extractText, type RefusalCode } from './index';
import { buildLines, isPageNumber } from './layout';

const cells = (line: string | undefined): string[] => (line ?? '').trim().split(/\s{2,}/);

async function refusal(
  name: string,
  bytes: Uint8Array,
  opts?: { maxBytes: number },
): Promise<ImportRefusal> {
  try {
    await extractText({ name, bytes }, opts);
  } catch (err) {
    if (err instanceof ImportRefusal) return err;
    throw err;
  }
  throw new Error(`${name} was not refused`);
}

async function expectRefusal(
  name: string,
  bytes: Uint8Array,
  code: RefusalCode,
  opts?: { maxBytes: number },
): Promise<ImportRefusal> {
  const r = await refusal(name, bytes, opts);
  expect(r.code).toBe(code);
  expect(r.file).toBe(name);
  expect(r.message).toContain(name);
  expect(r.message).toBe(`${name}: ${r.reason}`);
  return r;
}

// ---------------------------------------------------------------- byte-level helpers

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function u32be(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

/** A small grey-gradient RGB PNG, written from scratch. */
function makePng(width = 16, height = 16): Uint8Array {
  const chunk = (type: string, data: Buffer): Buffer => {
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    return Buffer.concat([u32be(data.length), td, u32be(crc32(td))]);
  };
  const ihdr = Buffer.concat([u32be(width), u32be(height), Buffer.from([8, 2, 0, 0, 0])]);
  const raw = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++)
      raw.fill(
        (x * 16 + y * 8) & 0xff,
        y * (1 + width * 3) + 1 + x * 3,
        y * (1 + width * 3) + 4 + x * 3,
      );
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A ZIP archive with stored (uncompressed) entries, written from scratch. */
function makeZip(files: Record<string, string>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(Object.keys(files).length, 8);
  eocd.writeUInt16LE(Object.keys(files).length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

// ---------------------------------------------------------------- an encrypted PDF, by hand

function rc4(key: Uint8Array, data: Uint8Array): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  let j = 0;
  for (let i = 0; i < 256; i++) {
    j = (j + (s[i] ?? 0) + (key[i % key.length] ?? 0)) & 0xff;
    [s[i], s[j]] = [s[j] ?? 0, s[i] ?? 0];
  }
  const out = Buffer.alloc(data.length);
  let i = 0;
  j = 0;
  for (let k = 0; k < data.length; k++) {
    i = (i + 1) & 0xff;
    j = (j + (s[i] ?? 0)) & 0xff;
    [s[i], s[j]] = [s[j] ?? 0, s[i] ?? 0];
    out[k] = (data[k] ?? 0) ^ (s[((s[i] ?? 0) + (s[j] ?? 0)) & 0xff] ?? 0);
  }
  return out;
}

const md5 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest();
};

/**
 * A one-page PDF encrypted with the standard security handler (revision 2, 40-bit RC4, PDF 1.3),
 * with user password `userPassword`: the key derivation, /O, /U and the encrypted content stream
 * follow ISO 32000-1 §7.6.3 (algorithms 2, 3 and 4). It opens with the password and not without.
 */
function makeEncryptedPdf(userPassword: string, ownerPassword: string, text: string): Uint8Array {
  const PAD = Buffer.from(
    '28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A',
    'hex',
  );
  const padded = (pw: string): Buffer =>
    Buffer.concat([Buffer.from(pw, 'latin1'), PAD]).subarray(0, 32);
  const id = md5(Buffer.from('tildel-encrypted-fixture'));
  const P = -44;
  const pBytes = Buffer.alloc(4);
  pBytes.writeInt32LE(P);
  const O = rc4(md5(padded(ownerPassword)).subarray(0, 5), padded(userPassword));
  const key = md5(padded(userPassword), O, pBytes, id).subarray(0, 5);
  const U = rc4(key, PAD);
  const objectKey = (num: number, gen: number): Buffer =>
    md5(
      key,
      Buffer.from([num & 0xff, (num >> 8) & 0xff, (num >> 16) & 0xff, gen & 0xff, gen >> 8]),
    ).subarray(0, 10);

  const content = Buffer.from(`BT /F1 18 Tf 72 720 Td (${text}) Tj ET`, 'latin1');
  const encrypted = rc4(objectKey(4, 0), content);
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from(
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    ),
    Buffer.concat([
      Buffer.from(`<< /Length ${encrypted.length} >>\nstream\n`),
      encrypted,
      Buffer.from('\nendstream'),
    ]),
    Buffer.from(
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    ),
    Buffer.from(
      `<< /Filter /Standard /V 1 /R 2 /Length 40 /P ${P} /O <${O.toString('hex')}> /U <${U.toString('hex')}> >>`,
    ),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.3\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0]?.length ?? 0;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(length);
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    parts.push(obj);
    length += obj.length;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 6 0 R ` +
    `/ID [<${id.toString('hex')}> <${id.toString('hex')}>] >>\nstartxref\n${length}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}

// ---------------------------------------------------------------- a two-page table PDF

const HEADER = 'Tildelingsbrev 2020 – Testetaten';

async function makeTablePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const text = (page: PDFPage, s: string, x: number, y: number, f: PDFFont = font, size = 11) =>
    page.drawText(s, { x, y, size, font: f });
  const right = (page: PDFPage, s: string, xRight: number, y: number, f: PDFFont = font) =>
    text(page, s, xRight - f.widthOfTextAtSize(s, 11), y, f);
  const frame = (page: PDFPage, n: number) => {
    text(page, HEADER, 72, 800, font, 9);
    text(page, `Side ${n}`, 280, 40, font, 9);
  };

  const p1 = doc.addPage([595, 842]);
  frame(p1, 1);
  text(p1, '2 Budsjett', 72, 740, bold, 13);
  text(p1, 'Bevilgningen til etaten er fordelt slik (i 1 000 kroner):', 72, 715);
  const rows: [string, string, string][] = [
    ['01', 'Driftsutgifter', '177 280'],
    ['21', 'Spesielle driftsutgifter', '148 913'],
  ];
  let y = 690;
  text(p1, 'Post', 72, y, bold);
  text(p1, 'Betegnelse', 120, y, bold);
  right(p1, '2020', 480, y, bold);
  for (const [post, name, amount] of rows) {
    y -= 15;
    // Cells drawn column by column in separate operations, out of reading order on purpose.
    right(p1, amount, 480, y);
    text(p1, name, 120, y);
    text(p1, post, 72, y);
  }

  const p2 = doc.addPage([595, 842]);
  frame(p2, 2);
  text(p2, '2', 520, 815, font, 9); // a lone page number in the top corner as well
  text(p2, '3 Særskilte føringer for økonomistyring', 72, 740, bold, 13);
  text(p2, 'Etaten skal rapportere på måloppnåelse og', 72, 715);
  text(p2, 'ressursbruk i årsrapporten.', 72, 701);
  text(p2, 'Ærlig talt: øvrige krav følger av økonomiregelverket.', 72, 670);
  return doc.save();
}

// ---------------------------------------------------------------- tests

describe('extractText: PDF', () => {
  it('rebuilds table rows with separated cells and strips headers, footers and page numbers', async () => {
    const r = await extractText({ name: 'brev-2020.pdf', bytes: await makeTablePdf() });
    expect(r.format).toBe('pdf');
    expect(r.pages).toBe(2);
    expect(r.lines).toEqual([
      '2 Budsjett',
      '',
      'Bevilgningen til etaten er fordelt slik (i 1 000 kroner):',
      '',
      expect.stringMatching(/^Post {2,}Betegnelse {2,}2020$/),
      expect.stringMatching(/^01 {2,}Driftsutgifter {2,}177 280$/),
      expect.stringMatching(/^21 {2,}Spesielle driftsutgifter {2,}148 913$/),
      '3 Særskilte føringer for økonomistyring',
      '',
      'Etaten skal rapportere på måloppnåelse og',
      'ressursbruk i årsrapporten.',
      '',
      'Ærlig talt: øvrige krav følger av økonomiregelverket.',
    ]);
    expect(cells(r.lines[5])).toEqual(['01', 'Driftsutgifter', '177 280']);
    expect(cells(r.lines[6])).toEqual(['21', 'Spesielle driftsutgifter', '148 913']);
    expect(r.lines.some((l) => /^Side \d/.test(l) || l === HEADER || l === '2')).toBe(false);
  });

  it('extracts a generated 5-page letter (bench fixture)', async () => {
    const bytes = await makeLetterPdf(5);
    const r = await extractText({ name: 'letter-5.pdf', bytes });
    expect(r.pages).toBe(5);
    const text = r.lines.join('\n');
    expect(text).toContain('Tildelingsbrev for 2030');
    expect(text).not.toMatch(/Side \d+ av 5/);
    expect(r.lines.filter((l) => l.startsWith('Tildelingsbrev 2030 –'))).toEqual([]);
    expect(r.lines.filter((l) => /^TB2030-\d\d /.test(l)).length).toBeGreaterThanOrEqual(5);
    expect(r.lines).toContain('Frist: 15. mars 2030');
    const row = r.lines.find((l) => l.startsWith('1450') && l.includes('Driftsutgifter'));
    expect(cells(row)).toEqual(['1450', '01', 'Driftsutgifter', '212 450']);
    expect(cells(r.lines.find((l) => l.startsWith('Kap.')))).toEqual([
      'Kap.',
      'Post',
      'Betegnelse',
      'Beløp',
    ]);
  });
});

describe('extractText: docx', () => {
  it('gives one line per paragraph and one per table row, a block ending in a line of one space', async () => {
    const cell = (s: string) => new TableCell({ children: [new Paragraph(s)] });
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({
              children: [
                new TextRun('Tildelingsbrev 2030 – '),
                new TextRun({ text: 'økonomi', bold: true }),
              ],
            }),
            new Paragraph('Bevilgningene er gitt i tabellen under.'),
            new Table({
              rows: [
                new TableRow({ children: [cell('Post'), cell('Betegnelse'), cell('2030')] }),
                new TableRow({ children: [cell('01'), cell('Driftsutgifter'), cell('177 280')] }),
                new TableRow({
                  children: [
                    new TableCell({
                      children: [new Paragraph('21')],
                    }),
                    new TableCell({
                      children: [
                        new Paragraph('Spesielle driftsutgifter,'),
                        new Paragraph('kan overføres'),
                      ],
                    }),
                    cell('148 913'),
                  ],
                }),
              ],
            }),
            new Paragraph('Frist: 15. mars 2030'),
          ],
        },
      ],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(doc));
    const r = await extractText({ name: 'brev.docx', bytes });
    expect(r.format).toBe('docx');
    expect(r.lines).toEqual([
      'Tildelingsbrev 2030 – økonomi',
      ' ',
      'Bevilgningene er gitt i tabellen under.',
      ' ',
      'Post  Betegnelse  2030',
      '01  Driftsutgifter  177 280',
      '21  Spesielle driftsutgifter, kan overføres  148 913',
      ' ',
      'Frist: 15. mars 2030',
    ]);
  });

  it('reads breaks, tabs, hyphens and entities in the XML; an empty paragraph adds nothing', async () => {
    const r = (text: string) => `<w:r>${text}</w:r>`;
    const bytes = docxWithBody(
      [
        `<w:p>${r('<w:t>A &amp; B</w:t>')}</w:p>`,
        '<w:p/>',
        `<w:p>${r('<w:t>x</w:t><w:br/><w:t xml:space="preserve">y</w:t><w:tab/><w:t>z</w:t>')}</w:p>`,
        `<w:p>${r('<w:t>Dokument</w:t><w:softHyphen/><w:t>nr</w:t><w:noBreakHyphen/><w:t>2</w:t>')}</w:p>`,
        // A page break between texts starts a line; one at the start of a paragraph does not.
        `<w:p>${r('<w:br w:type="page"/><w:t>etter</w:t><w:br w:type="page"/><w:t>side</w:t>')}</w:p>`,
      ].join(''),
    );
    const lines = (await extractText({ name: 'brev.docx', bytes })).lines;
    expect(lines).toEqual(['A & B', ' ', 'x', 'y  z', ' ', 'Dokumentnr-2', ' ', 'etter', 'side']);
  });
});

describe('extractText: txt', () => {
  it('strips a BOM, splits CRLF and keeps blank and space-only lines', async () => {
    const bytes = new TextEncoder().encode('\uFEFFførste\r\n\r\n  \r\ntredje æøå\n');
    const r = await extractText({ name: 'notat.txt', bytes });
    expect(r.lines).toEqual(['første', '', '  ', 'tredje æøå']);
  });
});

describe('extractText: refusals', () => {
  it('too-large: checked first, states size and limit in MB', async () => {
    const bytes = new Uint8Array(3 * 1024 * 1024).fill(0x61);
    const r = await expectRefusal('stor.txt', bytes, 'too-large', { maxBytes: 2 * 1024 * 1024 });
    expect(r.reason).toContain('3 MB');
    expect(r.reason).toContain('2 MB');
    expect(DEFAULT_MAX_BYTES).toBe(20 * 1024 * 1024);
    // Even an unsupported file gets "too-large" when it is too large.
    await expectRefusal('bilde.png', makePng(64, 64), 'too-large', { maxBytes: 100 });
  });

  it('unsupported-type: PNG bytes, a program, an Excel-like zip, binary or non-UTF-8 ".txt"', async () => {
    const png = await expectRefusal('skann.png', makePng(), 'unsupported-type');
    expect(png.reason).toContain('PNG');
    // Content wins over the name: PNG bytes named .txt are still refused as an image.
    await expectRefusal('skann.txt', makePng(), 'unsupported-type');
    await expectRefusal(
      'setup.exe',
      new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0]),
      'unsupported-type',
    );
    const xlsx = makeZip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' });
    const x = await expectRefusal('budsjett.xlsx', xlsx, 'unsupported-type');
    expect(x.reason).toContain('Excel');
    await expectRefusal('notat.txt', new Uint8Array([0x68, 0x65, 0, 0x6c]), 'unsupported-type');
    await expectRefusal('latin1.txt', new Uint8Array([0x62, 0xe6, 0x72]), 'unsupported-type');
    // Markdown is read (markdown.test.ts); HTML is not a format Tildel imports.
    await expectRefusal(
      'brev.html',
      new TextEncoder().encode('<h1>Brev</h1>\n'),
      'unsupported-type',
    );
  });

  it('corrupt PDF: garbage after the header, and a truncated file', async () => {
    const garbage = Buffer.concat([
      Buffer.from('%PDF-1.7\n'),
      Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 251)),
    ]);
    await expectRefusal('odelagt.pdf', garbage, 'corrupt');
    const good = await makeTablePdf();
    await expectRefusal('avkuttet.pdf', good.slice(0, Math.floor(good.length / 2)), 'corrupt');
    // Named .pdf but not a PDF at all.
    await expectRefusal('brev.pdf', new TextEncoder().encode('Hei'), 'corrupt');
  });

  it('encrypted: a genuinely encrypted PDF (opens with its password) is refused', async () => {
    const bytes = makeEncryptedPdf('hemmelig', 'eier', 'Konfidensielt utkast');
    const r = await expectRefusal('hemmelig.pdf', bytes, 'encrypted');
    expect(r.reason).toContain('password');

    // Proof that the fixture is a real encrypted PDF, not garbage: pdf.js opens it with the password.
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), password: 'hemmelig' })
      .promise;
    const content = await (await doc.getPage(1)).getTextContent();
    expect(content.items.map((i) => ('str' in i ? i.str : '')).join('')).toBe(
      'Konfidensielt utkast',
    );
    await doc.destroy();
  });

  it('no-text-layer: a PDF whose page holds only an image', async () => {
    const doc = await PDFDocument.create();
    const png = await doc.embedPng(makePng(32, 32));
    doc.addPage([595, 842]).drawImage(png, { x: 50, y: 300, width: 495, height: 495 });
    const r = await expectRefusal('skannet.pdf', await doc.save(), 'no-text-layer');
    expect(r.reason).toBe('the PDF has no text layer (scanned image?); run OCR first');
  });

  it('corrupt docx: a truncated .docx, and a zip that is not a Word document', async () => {
    const doc = new Document({ sections: [{ children: [new Paragraph('Hei')] }] });
    const bytes = new Uint8Array(await Packer.toBuffer(doc));
    await expectRefusal('avkuttet.docx', bytes.slice(0, Math.floor(bytes.length / 2)), 'corrupt');
    await expectRefusal('ikke-word.docx', makeZip({ 'hei.txt': 'hei' }), 'corrupt');
    await expectRefusal('ikke-zip.docx', new TextEncoder().encode('hei'), 'corrupt');
  });

  it('empty: a zero-byte file and a whitespace-only text', async () => {
    await expectRefusal('tom.pdf', new Uint8Array(0), 'empty');
    await expectRefusal('tom.txt', new TextEncoder().encode('\n  \n\n'), 'empty');
  });
});

describe('layout helpers', () => {
  it('recognises page numbers', () => {
    for (const s of ['2', 'Side 2', 'Side 2 av 14', '- 3 -', '2/14', 'Page 3 of 9'])
      expect(isPageNumber(s), s).toBe(true);
    // A lone number is a page number by its form; only its place in the margin band decides.
    for (const s of ['2 Budsjett', 'Side om side', '177 280', 'Frist: 2030'])
      expect(isPageNumber(s), s).toBe(false);
  });

  it('joins items on one baseline, and a column gap becomes two or more spaces', () => {
    const lines = buildLines([
      { str: '177 280', x: 400, y: 100.4, width: 40, fontSize: 10 },
      { str: '01', x: 72, y: 100, width: 11, fontSize: 10 },
      { str: 'Drifts', x: 120, y: 99.8, width: 30, fontSize: 10 },
      { str: 'utgifter', x: 150, y: 100, width: 35, fontSize: 10 },
      { str: 'neste linje', x: 72, y: 114, width: 50, fontSize: 10 },
    ]);
    expect(lines.map((l) => l.text)).toHaveLength(2);
    expect(cells(lines[0]?.text)).toEqual(['01', 'Driftsutgifter', '177 280']);
    expect(lines[1]?.text).toBe('neste linje');
  });
});
