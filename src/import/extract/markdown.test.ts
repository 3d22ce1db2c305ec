/**
 * Markdown → lines. The inputs are written here, in the shapes PDF converters give letters
 * (headings in bold, HTML inside table cells, tables that open with a caption row, letterhead
 * lines between paragraphs); the expected lines are written by hand.
 */
import { describe, expect, it } from 'vitest';
import { ImportRefusal, extractText } from './index';
import { markdownToLines } from './markdown';
import { parseLetters } from '../parse';

const enc = (s: string) => new TextEncoder().encode(s);
/** The line between two blocks (a space: see markdown.ts). */
const _ = ' ';

describe('markdownToLines', () => {
  it('gives a line per heading and paragraph, emphasis and images dropped, a block end after each', () => {
    const md = [
      '![](_page_0_Picture_0.jpeg)',
      '',
      '# **Tillegg nr. 3 til tildelingsbrev for 2031**',
      '',
      'Prøvedepartementet viser til *tildelingsbrevet*',
      'av 15. januar 2031.',
      '',
      '## Endringer i tildelinger',
    ].join('\n');
    expect(markdownToLines(md)).toEqual([
      'Tillegg nr. 3 til tildelingsbrev for 2031',
      _,
      'Prøvedepartementet viser til tildelingsbrevet av 15. januar 2031.',
      _,
      'Endringer i tildelinger',
    ]);
  });

  it('keeps list markers: bullets as •, numbers as printed; a tight list is one block', () => {
    const md = [
      '- Kap. 1650, post 21',
      '- Kap. 1650, post 70',
      '',
      'Oppdrag:',
      '',
      '3. Første deloppdrag',
      '4. Andre deloppdrag',
      '   - Frist 1.6.2031',
    ].join('\n');
    expect(markdownToLines(md)).toEqual(
      [
        '• Kap. 1650, post 21',
        '• Kap. 1650, post 70',
        _,
        'Oppdrag:',
        _,
        '3. Første deloppdrag',
        '4. Andre deloppdrag',
        '  • Frist 1.6.2031',
        _,
      ].slice(0, -1),
    );
  });

  it('reads GFM tables as rows of cells, with the HTML inside cells read as text', () => {
    const md = [
      '|           |                     |              | (alle tall i 1 000 kroner) |',
      '|-----------|---------------------|--------------|----------------------------|',
      '| Kap. post | Tidligere tildeling | Ny tildeling | Sum tildelt 2031           |',
      '| 1650.21   | 12 500              | 1 250        | 13 750                     |',
      '| 1650.70   | 0<br>               | 400          | 4<br>00                    |',
      '| Merknad   | <ul><li>først</li><li>så</li></ul> | <p>a &amp; b</p> |  |',
    ].join('\n');
    // Empty cells keep their place (the caption stands over the fourth column), as in Word.
    expect(markdownToLines(md)).toEqual([
      '      (alle tall i 1 000 kroner)',
      'Kap. post  Tidligere tildeling  Ny tildeling  Sum tildelt 2031',
      '1650.21  12 500  1 250  13 750',
      '1650.70  0  400  4 00',
      'Merknad  først så  a & b',
    ]);
  });

  it('reads an HTML table block row by row, and other HTML blocks as lines', () => {
    const md = [
      '<table><tr><th>Dato</th><th>Tiltak</th></tr>',
      '<tr><td>15.3.2031</td><td>Årsrapport<br/>til departementet</td></tr></table>',
      '',
      '<div><p>Med hilsen</p><p>Kari Nordmann</p></div>',
    ].join('\n');
    expect(markdownToLines(md)).toEqual([
      'Dato  Tiltak',
      '15.3.2031  Årsrapport til departementet',
      _,
      'Med hilsen',
      'Kari Nordmann',
    ]);
  });

  it('caps nesting instead of recursing without bound', () => {
    const deep = `${'> '.repeat(50_000)}dypt`;
    expect(() => markdownToLines(deep)).not.toThrow();
    const brackets = `${'['.repeat(100_000)}x${']'.repeat(100_000)}`;
    expect(markdownToLines(brackets).join('')).toContain('x');
  });
});

describe('extractText: Markdown', () => {
  it('reads .md (and .markdown) files as Markdown', async () => {
    for (const name of ['brev.md', 'brev.markdown']) {
      const out = await extractText({
        name,
        bytes: enc('# Tittel\n\nTekst med **fet** skrift.\n'),
      });
      expect(out).toEqual({
        format: 'md',
        lines: ['Tittel', _, 'Tekst med fet skrift.'],
        pages: 1,
      });
    }
  });

  it('refuses binary, UTF-16 and empty Markdown files by name and reason', async () => {
    const refused = async (bytes: Uint8Array) => {
      try {
        await extractText({ name: 'brev.md', bytes });
      } catch (err) {
        if (err instanceof ImportRefusal) return err;
        throw err;
      }
      throw new Error('not refused');
    };
    expect((await refused(new Uint8Array([0x23, 0x20, 0x00, 0x01]))).message).toContain(
      'named .md but contains binary data',
    );
    expect((await refused(new Uint8Array([0xff, 0xfe, 0x23, 0x00]))).code).toBe('unsupported-type');
    expect((await refused(enc('![](bilde.png)\n\n---\n'))).code).toBe('empty');
  });

  it('gives the parser what it gives for the same letter as text: assignments with their deadlines', async () => {
    const md = [
      '# **Tillegg nr. 2 til tildelingsbrev for 2031 – Prøvedirektoratet**',
      '',
      '## **Nye oppdrag**',
      '',
      '#### **TB2031-41 Kartlegge ventetider i prøveordningen**',
      '',
      'Prøvedirektoratet skal kartlegge ventetidene og foreslå tiltak.',
      '',
      'Frist: 1.9.2031',
      '',
      'Ansvarlig avdeling i PD: ABC',
      '',
      '#### **TB2031-42 Evaluere tilskuddsordningen**',
      '',
      'Prøvedirektoratet skal evaluere ordningen. Frist: 15.11.2031',
    ].join('\n');
    const { lines } = await extractText({ name: 'tillegg.md', bytes: enc(md) });
    const [doc] = parseLetters(lines);
    expect(doc).toMatchObject({ kind: 'supplement', number: 2, year: 2031 });
    expect(doc!.assignments.map((a) => [a.assignedId, a.deadlines.map((d) => d.date)])).toEqual([
      ['TB2031-41', ['2031-09-01']],
      ['TB2031-42', ['2031-11-15']],
    ]);
  });
});
