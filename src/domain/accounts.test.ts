import { describe, expect, it } from 'vitest';
import { parseCsv, readAccounts } from './accounts';

const posts = new Set(['700:1', '700:21', '3700:2']);

describe('parseCsv', () => {
  it('splits on semicolons when the header has one, else on commas, with quoted cells', () => {
    expect(parseCsv('\ufeffKapittel;Post;Beløp\r\n700;01;"1 200"\r\n')).toEqual([
      ['Kapittel', 'Post', 'Beløp'],
      ['700', '01', '1 200'],
    ]);
    expect(parseCsv('chapter,post,amount\n700,21,"12,""5"""')).toEqual([
      ['chapter', 'post', 'amount'],
      ['700', '21', '12,"5"'],
    ]);
  });
});

describe('readAccounts', () => {
  it('reads the columns by their names in any order, with spaces as thousand separators', () => {
    const out = readAccounts(
      [
        ['Beløp', 'Merknad', 'Kap.', 'Post'],
        ['1 234', 'drift', '700', '01'],
        ['', '', '', ''],
        ['-50', '', '3700', '2'],
        ['17,00', '', '700', '21'],
      ],
      posts,
    );
    expect(out).toEqual({
      kind: 'ok',
      rows: [
        { row: 2, chapter: 700, post: 1, amount: 1234 },
        { row: 4, chapter: 3700, post: 2, amount: -50 },
        { row: 5, chapter: 700, post: 21, amount: 17 },
      ],
    });
  });

  it('refuses the whole file, naming every wrong row by its number in the file', () => {
    const out = readAccounts(
      [
        ['kapittel', 'post', 'beløp'],
        ['700', '1', '100'],
        ['701', '1', '100'],
        ['700', '45', '100'],
        ['700', '21', '12,5'],
        ['700', '1', '5'],
        ['700', '21', 'mye'],
        ['700', '', '3'],
      ],
      posts,
    );
    expect(out).toEqual({
      kind: 'refused',
      problems: [
        { row: 3, error: 'unknown-post', column: 'chapter', value: '701' },
        { row: 4, error: 'unknown-post', column: 'post', value: '45' },
        { row: 5, error: 'not-an-integer', column: 'amount', value: '12,5' },
        { row: 6, error: 'duplicate-post', column: 'post', value: '700:1' },
        { row: 7, error: 'not-a-number', column: 'amount', value: 'mye' },
        { row: 8, error: 'missing-value', column: 'post', value: null },
      ],
    });
  });

  it('refuses a file without the three columns, and one with too many rows', () => {
    expect(readAccounts([['kapittel', 'beløp']], posts)).toEqual({
      kind: 'no-header',
      missing: ['post'],
    });
    expect(readAccounts([], posts)).toEqual({
      kind: 'no-header',
      missing: ['chapter', 'post', 'amount'],
    });
    const many = [
      ['chapter', 'post', 'amount'],
      ...Array.from({ length: 4 }, () => ['700', '1', '1']),
    ];
    expect(readAccounts(many, posts, 3)).toEqual({ kind: 'too-many-rows', max: 3 });
  });
});
