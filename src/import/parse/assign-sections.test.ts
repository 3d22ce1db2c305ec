/**
 * Section kinds by their titles: part headings (`Del IV …`) and nynorsk titles. Lines written
 * here.
 */
import { describe, expect, it } from 'vitest';
import { splitRegions } from './assign-sections';
import { prepareLines } from './assign-text';

const regions = (...texts: string[]) =>
  splitRegions(prepareLines(texts.map((text, no) => ({ no, text }))).lines).map((r) => [
    r.kind,
    r.title,
  ]);

describe('splitRegions: part headings', () => {
  it('reads the kind of every part from the title after `Del <number>`', () => {
    expect(
      regions(
        'Del I Innleiing',
        'Departementet gjev med dette midlar og oppdrag.',
        'Del II Mål, styringsparametrar og oppdrag',
        'Departementet har fastsett tre mål.',
        'Del III: Fellesføringar og andre krav',
        'Verksemda skal arbeide for eit inkluderande arbeidsliv.',
        'DEL IV – Styringskalender',
        '20. januar  Etatsstyringsmøte',
      ),
    ).toEqual([
      ['other', 'Innleiing'],
      ['goal-intro', 'Mål, styringsparametrar og oppdrag'],
      ['common', 'Fellesføringar og andre krav'],
      ['calendar', 'Styringskalender'],
    ]);
  });
});

describe('splitRegions: nynorsk section titles', () => {
  it('knows priorities, reporting and føringar in nynorsk', () => {
    expect(
      regions(
        'Hovudprioriteringar for 2031',
        'Tilsynet skal leggje vekt på digitale tenester.',
        'Rekneskap og rapportering',
        'Tilsynet skal rapportere i årsrapporten.',
        'Føringar for styringsdialogen',
        'Møta vert haldne to gonger i året.',
        'Fellesføringar',
        'Verksemda skal redusere bruken av konsulentar.',
      ),
    ).toEqual([
      ['priorities', 'Hovudprioriteringar for 2031'],
      ['reporting', 'Rekneskap og rapportering'],
      ['reporting', 'Føringar for styringsdialogen'],
      ['common', 'Fellesføringar'],
    ]);
  });
});

describe('splitRegions: a numbered line that goes on with the section numbers', () => {
  it('is the next section, whatever its title, after a list of fewer items', () => {
    expect(
      regions(
        '3. Oppdrag',
        'TB2040-08 Avd. XYZ: ABC Følge opp undersøkelsen',
        'Departementet ber virksomheten om å:',
        '1. Gå gjennom svarene.',
        '2. Lage en plan for tiltakene.',
        'Frist for hele oppdraget: 1. desember 2040.',
        '4. Budsjettildeling 2040',
        'Midlene stilles til disposisjon for virksomheten.',
        '5. Fullmakter',
        'Virksomheten gis fullmakt til å overskride posten.',
      ),
    ).toEqual([
      ['assignments', 'Oppdrag'],
      ['other', 'Budsjettildeling 2040'],
      ['other', 'Fullmakter'],
    ]);
  });

  it('is a list item where it goes on with the list before it', () => {
    expect(
      regions(
        '3. Oppdrag',
        'TB2040-09 Avd. XYZ: ABC Kartlegge ordningen',
        'Departementet ber virksomheten om å:',
        '1. Kartlegge ordningen',
        '2. Vurdere endringer',
        '3. Foreslå tiltak',
        '4. Rapportere resultatene',
      ),
    ).toEqual([['assignments', 'Oppdrag']]);
  });
});

describe('splitRegions: goal headings', () => {
  it('reads a goal heading with or without the section number before it', () => {
    expect(
      regions(
        '2. Mål og oppdrag',
        '2.1 Mål 1: Feltene er kartlagt',
        'Direktoratet skal ha oversikt over feltene.',
        'Mål 2 Feltene er i bruk',
        'Publikum skal finne feltene.',
        // A year is no goal's number.
        '3 Mål 2030 for feltene',
        'Alle feltene skal være kartlagt i 2030.',
      ).filter(([kind]) => kind === 'goal'),
    ).toEqual([
      ['goal', 'Feltene er kartlagt'],
      ['goal', 'Feltene er i bruk'],
    ]);
  });
});
