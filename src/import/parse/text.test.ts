import { describe, expect, it } from 'vitest';
import {
  chapterPostRefs,
  clean,
  headingLevel,
  isBullet,
  isNumberedHeading,
  isPageMarker,
  joinLines,
  normaliseDashes,
  paragraphs,
  parseNorwegianDate,
  sentences,
  toSourceLines,
} from './text';

describe('clean / page markers', () => {
  it('normalises odd spaces and bullet glyphs', () => {
    expect(clean('\uf0b7 Punkt\u00a0ett  ')).toBe('\uf0b7 Punkt ett');
    expect(clean('Tekst\uf020')).toBe('Tekst');
    expect(isPageMarker(' Side 2 ')).toBe(true);
    expect(isPageMarker('Side om side')).toBe(false);
  });

  it('knows the bullets Word, LibreOffice and PDF printers draw', () => {
    for (const b of ['\uf0b7', '•', '▪', '◦', '●']) expect(isBullet(`${b} Punkt`)).toBe(true);
    expect(isBullet('Punkt')).toBe(false);
  });
});

describe('joinLines', () => {
  it('undoes hyphenation but keeps real hyphens', () => {
    expect(joinLines(['organisasjons-', 'endringene'])).toBe('organisasjonsendringene');
    expect(joinLines(['helse- og', 'omsorg'])).toBe('helse- og omsorg');
    expect(joinLines(['Helse-', 'og omsorg'])).toBe('Helse- og omsorg');
    expect(joinLines(['Direktoratet for e-', 'helse'])).toBe('Direktoratet for e-helse');
    expect(joinLines(['IKT-', 'standarder'])).toBe('IKT-standarder');
    expect(joinLines(['\uf0b7 Et punkt', 'videre'])).toBe('Et punkt videre');
  });
});

describe('dates and dashes', () => {
  it.each([
    ['21. april 2020', '2020-04-21'],
    ['15.01.2024', '2024-01-15'],
    ['1.3.24', '2024-03-01'],
    ['31. februar 2020', null],
    ['i morgen', null],
  ])('%j', (t, iso) => expect(parseNorwegianDate(t)).toBe(iso));

  it('normalises year ranges to an en dash', () => {
    expect(normaliseDashes('Prop. 1 S (2019-2020) og (2019 — 2020)')).toBe(
      'Prop. 1 S (2019–2020) og (2019–2020)',
    );
  });
});

describe('headings', () => {
  it.each([
    ['5.1 Budsjettildelinger', 2],
    ['2 Mål, styringsparametere og oppdrag', 1],
    ['4.2.1 Virksomheten skal ha kontinuitetsplan for bortfall av strøm, IKT, e-kom og vann', 3],
    ['1.1. Ansettelser, opprettelse av stillinger', null],
    ['21 Spesielle driftsutgifter', null],
    ['2.2 Departementet saksbehandler og avgjør også alle saker knyttet til toppleders', null],
    ['3.1 Slutt.', null],
  ])('%j', (t, level) => {
    expect(headingLevel(t)).toBe(level);
    expect(isNumberedHeading(t)).toBe(level !== null);
  });
});

describe('sentences and paragraphs', () => {
  const lines = toSourceLines([
    'Tildelingen på kap. 1650 post 21 inkluderer 2 mill. kroner til noe, jf.',
    '',
    'Prop. 1 S. Neste setning',
    '',
    'fortsetter her.',
    ' ',
    'Nytt avsnitt uten punktum',
    '- 3 mill. kroner til et punkt',
    '5.2 Overskrift',
  ]);

  it('cuts sentences at sentence ends, paragraph breaks, list items and headings', () => {
    expect(sentences(lines).map((s) => [s.text, s.lines.map((l) => l.no)])).toEqual([
      [
        'Tildelingen på kap. 1650 post 21 inkluderer 2 mill. kroner til noe, jf. Prop. 1 S.',
        [1, 3],
      ],
      ['Neste setning fortsetter her.', [3, 5]],
      ['Nytt avsnitt uten punktum', [7]],
      ['- 3 mill. kroner til et punkt', [8]],
      ['5.2 Overskrift', [9]],
    ]);
  });

  it('groups paragraphs', () => {
    expect(paragraphs(lines).map((p) => p.map((l) => l.no))).toEqual([[1, 3, 5], [7, 8], [9]]);
  });
});

describe('chapterPostRefs', () => {
  it('reads the ways letters name chapter and post', () => {
    const t =
      'kap. 744 post 21, kapittel 701, post 21, kap 744, post 01, kap. 740. post 01, 762.21 og kap. 3701';
    expect(chapterPostRefs(t).map((r) => [r.chapter, r.post])).toEqual([
      [744, 21],
      [701, 21],
      [744, 1],
      [740, 1],
      [762, 21],
      [3701, null],
    ]);
  });
});
