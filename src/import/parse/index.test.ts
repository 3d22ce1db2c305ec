import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExtractedDocument } from '../../contract/letter';
import { coverageOf, parseLetters, unparsedRegions } from './index';
import { toSourceLines } from './text';

/** PDF-style fixture text of the test's own making: empty line between printed lines. */
function pdf(lines: string[]): string[] {
  return lines.flatMap((l) => [l, '']);
}

const file = pdf([
  'Org.nr. ',
  '983 887 406 ',
  'Tildelingsbrev til Testdirektoratet for 2031 ',
  'Prøvedepartementet har på bakgrunn av Prop. 1 S (2030-2031) utarbeidet tildelingsbrev. ',
  ' ',
  'Kap. 1650 Testdirektoratet (i 1000 kr) ',
  'Post Betegnelse 2031 ',
  '01 Driftsutgifter 211 500 ',
  'Sum kap. 1650 211 500 ',
  ' ',
  'En setning som ingen del av parseren forstår. ',
  'Og en til, rett etter. ',
  ' Tillegg til tildelingsbrev nr. 1 – Et tillegg ',
  'Prøvedepartementet tildeler 2 mill. kroner over kap. 1650, post 01 til noe. ',
  'Med hilsen ',
  'Kari Nordmann (e.f.) ',
  'ekspedisjonssjef ',
]);

describe('parseLetters', () => {
  const docs = parseLetters(file);

  it('returns valid documents', () => {
    for (const d of docs) expect(() => ExtractedDocument.parse(d)).not.toThrow();
    expect(docs.map((d) => [d.kind, d.number, d.year])).toEqual([
      ['allocation-letter', null, 2031],
      ['supplement', 1, 2031],
    ]);
  });

  it('carries the ministry and agency over to supplements of the same file', () => {
    expect(docs[1]?.ministryOrgNr).toBe('983 887 406');
    expect(docs[1]?.agency).toBe('Testdirektoratet');
  });

  it('reports provenance, coverage and unparsed regions', () => {
    const letter = docs[0];
    expect(letter?.provenance).toEqual({ startLine: 1, endLine: 23 });
    expect(letter?.unparsed.map((u) => [u.provenance, u.text])).toEqual([
      [
        { startLine: 21, endLine: 23 },
        'En setning som ingen del av parseren forstår.\nOg en til, rett etter.',
      ],
    ]);
    expect(letter?.coverage).toEqual({ nonBlankLines: 10, attributedLines: 8, ratio: 0.8 });
    expect(docs[1]?.appropriations.map((a) => [a.chapter, a.post, a.amount])).toEqual([
      [1650, 1, 2000],
    ]);
    expect(docs[1]?.coverage.ratio).toBe(1);
  });

  it('is deterministic', () => {
    expect(parseLetters(file)).toEqual(docs);
  });
});

describe('unparsedRegions / coverageOf', () => {
  const lines = toSourceLines(['a', '', 'b', 'c', ' ', 'd']);
  it('joins runs across blank lines and breaks them at claimed lines', () => {
    const claimed = new Set([4]);
    expect(unparsedRegions(lines, claimed).map((u) => u.provenance)).toEqual([
      { startLine: 1, endLine: 3 },
      { startLine: 6, endLine: 6 },
    ]);
    expect(coverageOf(lines, claimed)).toEqual({
      nonBlankLines: 4,
      attributedLines: 1,
      ratio: 0.25,
    });
    expect(coverageOf([], claimed).ratio).toBe(1);
  });
});

describe('robustness', () => {
  const vocabulary = [
    '',
    ' ',
    'Side 2',
    'Tildelingsbrev til Testetaten for 2031',
    'Tillegg til tildelingsbrev nr. 3 - Noe',
    'Tillegg til tildelingsbrev nr. 3 - Noe 1 000',
    'Kap. 1650 Testetaten (i 1000 kr)',
    'Kap 1650.21',
    'Kap. Post Navn på post Tildeling',
    'Post Betegnelse 2030 2031',
    '01 Driftsutgifter 1 000 2',
    '1650 21 Spesielle driftsutgifter 2 000 Kommentar',
    ' 70 Tilskudd, kan overføres',
    '2 000 3',
    '- Overførte midler',
    'Sum kap. 1650 1 2 3',
    'Tildeling totalt i 2031 5 000',
    'Med hilsen',
    'Kari Nordmann (e.f.)',
    'ekspedisjonssjef',
    'Tildelingen på kap. 1650 post 21 inkluderer 2,5 mill. kroner til noe.',
    'Departementet tildeler 1,2345 mill. kroner over kap. 1650, post 21.',
    'Budsjettmessige og administrative fullmakter',
    '5.2 Budsjettfullmakter',
    'Org.nr. 123',
    'Dato',
    '31. februar 2031',
  ];
  it('survives a sum line whose figures do not group', () => {
    expect(() =>
      parseLetters(['Kap. Post Navn på post Tildeling', 'Sum kap. 1650 1 2 3']),
    ).not.toThrow();
  });

  it('never throws and always returns valid documents', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...vocabulary), fc.string()), { maxLength: 60 }),
        (lines) => {
          for (const d of parseLetters(lines)) ExtractedDocument.parse(d);
        },
      ),
      { numRuns: 400 },
    );
  });
});
