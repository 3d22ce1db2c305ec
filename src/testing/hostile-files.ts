/**
 * Hostile files, generated: ZIP and deflate bombs, ZIP64 archives, Word files of millions of runs,
 * PDFs of huge streams and many pages, text of millions of lines. Small to build and to hold in
 * memory, however much they claim or expand to. Pure: no I/O. For the refusal tests.
 */
import { constants, deflateRawSync, deflateSync } from 'node:zlib';

const MB = 1024 * 1024;

/**
 * A raw deflate stream that inflates to `mb` megabytes of zeros, about 1 KB per MB: one flushed
 * block of a megabyte of zeros, repeated (a full flush makes each copy independent), then an
 * empty final block.
 */
export function deflatedZeros(mb: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(MB), { finishFlush: constants.Z_FULL_FLUSH });
  const finalEmptyBlock = Buffer.from([0x03, 0x00]);
  return Buffer.concat([...Array.from({ length: mb }, () => block), finalEmptyBlock]);
}

/** The same as a zlib stream (header and no checksum check by readers that stop at the end). */
export function zlibZeros(mb: number): Buffer {
  const header = deflateSync(Buffer.alloc(0)).subarray(0, 2);
  return Buffer.concat([header, deflatedZeros(mb)]);
}

export interface ZipPart {
  name: string;
  /** The stored bytes: deflated unless `method` is 0. */
  data: Buffer;
  method?: 0 | 8;
  /** What the headers claim the part unpacks to. */
  claimedSize: number;
  /** Write the sizes as ZIP64 (0xFFFFFFFF in the headers, 8-byte values in an extra field). */
  zip64?: boolean;
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}
function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}
function u64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
}

/** A ZIP archive of the parts (no CRCs: the readers under test never get that far). */
export function buildZip(parts: ZipPart[], opts: { zip64Directory?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const method = p.method ?? 8;
    const extra = p.zip64
      ? Buffer.concat([u16(0x0001), u16(24), u64(p.claimedSize), u64(p.data.length), u64(offset)])
      : Buffer.alloc(0);
    const size = (n: number) => u32(p.zip64 ? 0xffffffff : n);
    const local = Buffer.concat([
      u32(0x04034b50),
      u16(p.zip64 ? 45 : 20),
      u16(0),
      u16(method),
      u32(0),
      u32(0), // crc
      size(p.data.length),
      size(p.claimedSize),
      u16(name.length),
      u16(extra.length),
      name,
      extra,
    ]);
    centrals.push(
      Buffer.concat([
        u32(0x02014b50),
        u16(45),
        u16(p.zip64 ? 45 : 20),
        u16(0),
        u16(method),
        u32(0),
        u32(0),
        size(p.data.length),
        size(p.claimedSize),
        u16(name.length),
        u16(extra.length),
        u16(0),
        u16(0),
        u16(0),
        u32(0),
        size(offset),
        name,
        extra,
      ]),
    );
    locals.push(local, p.data);
    offset += local.length + p.data.length;
  }
  const directory = Buffer.concat(centrals);
  const tail: Buffer[] = [];
  if (opts.zip64Directory) {
    const recordAt = offset + directory.length;
    tail.push(
      Buffer.concat([
        u32(0x06064b50),
        u64(44),
        u16(45),
        u16(45),
        u32(0),
        u32(0),
        u64(parts.length),
        u64(parts.length),
        u64(directory.length),
        u64(offset),
      ]),
      Buffer.concat([u32(0x07064b50), u32(0), u64(recordAt), u32(1)]),
    );
  }
  const count = opts.zip64Directory ? 0xffff : parts.length;
  tail.push(
    Buffer.concat([
      u32(0x06054b50),
      u16(0),
      u16(0),
      u16(count),
      u16(count),
      u32(directory.length),
      u32(opts.zip64Directory ? 0xffffffff : offset),
      u16(0),
    ]),
  );
  return Buffer.concat([...locals, directory, ...tail]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

function deflated(name: string, text: string | Buffer): ZipPart {
  const data = typeof text === 'string' ? Buffer.from(text) : text;
  return { name, data: deflateRawSync(data), claimedSize: data.length };
}

/** A minimal .docx whose document body is `body` (WordprocessingML paragraphs). */
export function docxWithBody(body: string): Buffer {
  const xml = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
  return buildZip([
    deflated('[Content_Types].xml', CONTENT_TYPES),
    deflated('_rels/.rels', RELS),
    deflated('word/document.xml', xml),
  ]);
}

/** A .docx whose document.xml inflates to `mb` MB of zeros; the headers claim `claimedSize`. */
export function docxBomb(
  mb: number,
  claim: { size?: number; zip64?: boolean; zip64Directory?: boolean } = {},
): Buffer {
  return buildZip(
    [
      deflated('[Content_Types].xml', CONTENT_TYPES),
      deflated('_rels/.rels', RELS),
      {
        name: 'word/document.xml',
        data: deflatedZeros(mb),
        claimedSize: claim.size ?? mb * MB,
        zip64: claim.zip64 ?? false,
      },
    ],
    { zip64Directory: claim.zip64Directory ?? false },
  );
}

/** PDF objects (bodies without `n 0 obj`), numbered from 1, with a correct xref table. */
export function buildPdf(objects: (string | Buffer)[], root = 1): Buffer {
  const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let at = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(at);
    const obj = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
      Buffer.from('\nendobj\n'),
    ]);
    chunks.push(obj);
    at += obj.length;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root ${root} 0 R >>`,
    'startxref',
    String(at),
    '%%EOF',
  ].join('\n');
  chunks.push(Buffer.from(`${xref}\n`));
  return Buffer.concat(chunks);
}

function stream(dict: string, data: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'),
    data,
    Buffer.from('\nendstream', 'latin1'),
  ]);
}

const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';

/** A one-page PDF whose content stream inflates to `mb` MB. */
export function pdfStreamBomb(mb: number): Buffer {
  return buildPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    stream('/Filter /FlateDecode', zlibZeros(mb)),
  ]);
}

/** A PDF of `pages` pages sharing one small content stream. */
export function pdfOfPages(pages: number): Buffer {
  const first = 5;
  const kids = Array.from({ length: pages }, (_, i) => `${first + i} 0 R`).join(' ');
  const content = Buffer.from('BT /F1 12 Tf 72 720 Td (Side) Tj ET');
  return buildPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} /Resources << /Font << /F1 4 0 R >> >> /MediaBox [0 0 595 842] >>`,
    stream('', content),
    FONT,
    ...Array.from({ length: pages }, () => '<< /Type /Page /Parent 2 0 R /Contents 3 0 R >>'),
  ]);
}

/** A one-page PDF showing the lines (PDF string syntax: `\\000` is NUL). */
export function pdfOfLines(lines: string[]): Buffer {
  const ops = lines.map((l, i) => `BT /F1 11 Tf 72 ${760 - i * 16} Td (${l}) Tj ET`).join('\n');
  return buildPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    stream('', Buffer.from(ops, 'latin1')),
    FONT,
  ]);
}

const LETTER_HEAD = [
  'Tildelingsbrev til Direktoratet for prøving for 2020',
  '',
  'Bevilgninger',
  '',
  'Kap. 744 Direktoratet for prøving (i 1000 kr)',
  'Post  Betegnelse  2020',
];

/** A letter in text of `n` appropriation lines. */
export function txtAppropriations(n: number): Buffer {
  const rows = Array.from(
    { length: n },
    (_, i) => `${String((i % 89) + 1).padStart(2, '0')}  Driftsutgifter  ${100 + (i % 900)} 280`,
  );
  return Buffer.from([...LETTER_HEAD, ...rows, ''].join('\n'));
}

/** A letter in text with `n` lines of assignments in one run of wrapped text. */
export function txtAssignments(n: number): Buffer {
  const rows = Array.from(
    { length: n },
    (_, i) => `TB2020-${i + 1} Direktoratet skal utrede sak ${i}. Frist 1. mars 2020.`,
  );
  return Buffer.from([...LETTER_HEAD, '', 'Oppdrag', '', ...rows, ''].join('\n'));
}

/** A letter in text with `n` numbered headings. */
export function txtHeadings(n: number): Buffer {
  const rows = Array.from({ length: n }, (_, i) => `${i + 1}. Overskrift ${i}\n`);
  return Buffer.from([...LETTER_HEAD, '', ...rows].join('\n'));
}

/** A letter in text with one line of the given text. */
export function txtLetterWith(line: string): Buffer {
  return Buffer.from([...LETTER_HEAD, line, ''].join('\n'));
}
